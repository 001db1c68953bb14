/* viva-notes-store-journal.c
 *
 * The store's side of notes.json.journal (the format and the file are in
 * viva-notes-journal.c): which notes changed since their last entry,
 * when the next entry is appended (~300 ms after the last change, at
 * least every second while changes keep coming), and emptying the
 * journal once notes.json holds all it holds. Entries are encoded and
 * appended in a worker thread, one at a time and in order, so that a
 * slow disk never stops typing. Part of VivaNotesStore (see
 * viva-notes-store-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-file-saver.h"
#include "viva-notes-journal.h"
#include "viva-notes-store-private.h"

/* An entry ~300 ms after the last change; while changes keep coming, at
 * least every 750 ms, so that with the time keys take to arrive and the
 * append itself nothing older than a second is ever only in memory. */
#define JOURNAL_DELAY_MSEC        300
#define JOURNAL_MAX_INTERVAL_MSEC 750

static void viva_notes_store_journal_start (VivaNotesStore *self);

static gboolean
viva_notes_store_can_journal (VivaNotesStore *self)
{
  return self->loaded &&
         !self->loading &&
         !self->journal_off &&
         self->state != VIVA_NOTES_STORE_STATE_READ_ONLY;
}

static void
viva_notes_store_journal_cb (gpointer user_data)
{
  VivaNotesStore *self = user_data;

  self->journal_source = 0;
  viva_notes_store_journal_start (self);
}

/* Appends the changes soon: a moment after the last one, so that each
 * key does not make an entry, but at least every
 * JOURNAL_MAX_INTERVAL_MSEC while they keep coming. */
void
_viva_notes_store_journal_schedule (VivaNotesStore *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 deadline;

  if (!viva_notes_store_can_journal (self) || g_hash_table_size (self->journal_pending) == 0)
    return;

  if (self->journal_first_change == 0)
    self->journal_first_change = now;

  deadline = MIN (now + (gint64) JOURNAL_DELAY_MSEC * 1000,
                  self->journal_first_change + (gint64) JOURNAL_MAX_INTERVAL_MSEC * 1000);

  g_clear_handle_id (&self->journal_source, g_source_remove);
  self->journal_source = g_timeout_add_once ((guint) (MAX (deadline - now, 0) / 1000),
                                             viva_notes_store_journal_cb, self);
}

void
_viva_notes_store_journal_changed (VivaNotesStore *self,
                                   VivaNote       *note)
{
  if (self->journal_off)
    return;

  if (!g_hash_table_contains (self->journal_pending, note))
    g_hash_table_add (self->journal_pending, g_object_ref (note));

  /* After a failed append, the next change tries again (and the saver
   * retries the whole file on its own timer). */
  _viva_notes_store_journal_schedule (self);
}

static void
viva_notes_store_set_journal_error (VivaNotesStore *self,
                                    const char     *message)
{
  if (g_strcmp0 (self->journal_error, message) == 0)
    return;

  g_free (self->journal_error);
  self->journal_error = g_strdup (message);
  _viva_notes_store_status_changed (self);
}

/* One journal operation, in a worker thread. */
typedef struct
{
  GWeakRef          store;
  VivaNotesJournal *journal;
  /* An entry to append; NULL for emptying the journal */
  GPtrArray        *records;
  /* Its notes, to mark them changed again if it fails */
  GPtrArray        *notes;
  guint64           sequence;
  gboolean          busy;
} JournalJob;

static void
journal_job_free (JournalJob *job)
{
  g_weak_ref_clear (&job->store);
  g_clear_pointer (&job->journal, viva_notes_journal_unref);
  g_clear_pointer (&job->records, g_ptr_array_unref);
  g_clear_pointer (&job->notes, g_ptr_array_unref);
  g_free (job);
}

static void
viva_notes_store_journal_thread (GTask        *task,
                                 gpointer      source_object,
                                 gpointer      task_data,
                                 GCancellable *cancellable)
{
  JournalJob *job = task_data;
  GError *error = NULL;

  if (job->records == NULL)
    {
      if (!viva_notes_journal_truncate (job->journal, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }
  else
    {
      g_autoptr(GBytes) entry = viva_notes_journal_encode (job->sequence, job->records, &error);

      if (entry == NULL || !viva_notes_journal_append (job->journal, entry, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }

  job->busy = viva_notes_journal_get_busy (job->journal);
  g_task_return_boolean (task, TRUE);
}

static void viva_notes_store_journal_run (VivaNotesStore *self,
                                          JournalJob     *job);

static void
viva_notes_store_journal_done_cb (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  JournalJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(VivaNotesStore) self = g_weak_ref_get (&job->store);
  g_autoptr(GError) error = NULL;
  gboolean appending = job->records != NULL;

  /* A store let go of (after its flush) needs no more entries. */
  if (self == NULL)
    return;

  self->journal_in_flight = FALSE;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (appending)
        {
          /* Nothing is lost: the notes are in memory, and changed. The
           * user is told as for a failed save, and the whole file is
           * written as soon as it can be. */
          self->journal_failed = TRUE;
          for (guint i = 0; i < job->notes->len; i++)
            {
              VivaNote *note = g_ptr_array_index (job->notes, i);

              if (!g_hash_table_contains (self->journal_pending, note))
                g_hash_table_add (self->journal_pending, g_object_ref (note));
            }
          viva_notes_store_set_journal_error (self, error->message);
          if (viva_notes_store_can_journal (self))
            viva_file_saver_write_soon (self->saver);
        }
      else
        g_message ("%s", error->message);
    }
  else if (appending)
    {
      self->journal_failed = FALSE;
      viva_notes_store_set_journal_error (self, NULL);

      /* Another Viva keeps the journal of this notes.json: ours are
       * saved the way they were before there was a journal. */
      if (job->busy)
        {
          self->journal_off = TRUE;
          g_hash_table_remove_all (self->journal_pending);
          g_clear_handle_id (&self->journal_source, g_source_remove);
        }
    }

  if (self->journal_truncate_at != 0 && self->journal_truncate_at == self->journal_sequence)
    {
      JournalJob *truncate = g_new0 (JournalJob, 1);

      self->journal_truncate_at = 0;
      viva_notes_store_journal_run (self, truncate);
      return;
    }

  self->journal_truncate_at = 0;

  /* What changed while this ran, when its timer already fired. */
  if (!self->journal_failed && self->journal_source == 0)
    viva_notes_store_journal_start (self);
}

/* Takes @job. */
static void
viva_notes_store_journal_run (VivaNotesStore *self,
                              JournalJob     *job)
{
  g_autoptr(GTask) task = NULL;

  g_assert (!self->journal_in_flight);

  if (self->journal == NULL)
    self->journal = viva_notes_journal_new (self->path);

  /* The task does not hold the store: its last reference must not go
   * in the worker thread, and a store let go of after its flush must
   * go then, not once the journal is emptied. */
  g_weak_ref_init (&job->store, self);
  job->journal = viva_notes_journal_ref (self->journal);
  self->journal_in_flight = TRUE;

  task = g_task_new (NULL, NULL, viva_notes_store_journal_done_cb, NULL);
  g_task_set_source_tag (task, viva_notes_store_journal_run);
  g_task_set_task_data (task, job, (GDestroyNotify) journal_job_free);
  g_task_run_in_thread (task, viva_notes_store_journal_thread);
}

/* Appends an entry with every note changed since the last one. */
static void
viva_notes_store_journal_start (VivaNotesStore *self)
{
  JournalJob *job;
  GHashTableIter iter;
  gpointer note;

  if (self->journal_in_flight || !viva_notes_store_can_journal (self) ||
      g_hash_table_size (self->journal_pending) == 0)
    return;

  g_clear_handle_id (&self->journal_source, g_source_remove);
  self->journal_first_change = 0;

  job = g_new0 (JournalJob, 1);
  job->records = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_note_record_free);
  job->notes = g_ptr_array_new_with_free_func (g_object_unref);
  job->sequence = ++self->journal_sequence;

  g_hash_table_iter_init (&iter, self->journal_pending);
  while (g_hash_table_iter_next (&iter, &note, NULL))
    {
      g_ptr_array_add (job->records, _viva_notes_store_dup_record (self, note));
      g_ptr_array_add (job->notes, g_object_ref (note));
    }
  g_hash_table_remove_all (self->journal_pending);

  viva_notes_store_journal_run (self, job);
}

/* notes.json was written with every entry up to @sequence: when no entry
 * was numbered since, the journal holds nothing the file does not, and
 * is emptied. */
void
_viva_notes_store_journal_saved (VivaNotesStore *self,
                                 guint64         sequence)
{
  /* The notes are on disk; an earlier append's failure is moot. */
  self->journal_failed = FALSE;
  viva_notes_store_set_journal_error (self, NULL);

  if (self->journal == NULL || self->journal_off || sequence != self->journal_sequence)
    return;

  if (self->journal_in_flight)
    {
      self->journal_truncate_at = sequence;
      return;
    }

  /* Quitting: the process may end before a worker would run. Emptying
   * is one ftruncate(). */
  if (viva_file_saver_get_flushing (self->saver))
    {
      g_autoptr(GError) error = NULL;

      if (!viva_notes_journal_truncate (self->journal, &error))
        g_message ("%s", error->message);
      return;
    }

  viva_notes_store_journal_run (self, g_new0 (JournalJob, 1));
}

void
_viva_notes_store_journal_dispose (VivaNotesStore *self)
{
  g_clear_handle_id (&self->journal_source, g_source_remove);
  if (self->journal_pending != NULL)
    g_hash_table_remove_all (self->journal_pending);
}
