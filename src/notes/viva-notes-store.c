/* viva-notes-store.c
 *
 * The user's notes in memory, and what the one save engine
 * (viva-file-saver.c) needs to write them: change tracking, the
 * snapshot, and what to do with what a write found on disk. Loading and
 * recovery are in viva-notes-store-load.c, the three-way merge in
 * viva-notes-store-merge.c, following the file in
 * viva-notes-store-watch.c; the file format and the file operations
 * themselves in viva-notes-file.c.
 *
 * What is left here, about 1,080 lines, is one class on purpose: the
 * notes table, the change tracking and the save engine's callbacks all
 * read and write the same fields, which must move together (a write
 * that lands sets the merge base and the disk stamp at once; one that
 * found the file changed merges, takes the new base and stamp, and
 * counts the rounds; a newer file turns the store read-only); splitting
 * it further would spread those invariants over files. Some 450 lines
 * are the documented public API and its eight GObject properties.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>

#include "viva-data-file.h"
#include "viva-file-saver.h"
#include "viva-note-private.h"
#include "viva-notes-file.h"
#include "viva-notes-store-private.h"
#include "viva-notes-store.h"

#define AUTOSAVE_DELAY_DEFAULT_MSEC 1000
/* Each round means another process wrote in between; more than this in a
 * row means something rewrites the file constantly. */
#define MAX_MERGE_ROUNDS            8

G_DEFINE_FINAL_TYPE (VivaNotesStore, viva_notes_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (viva-notes-store-error-quark, viva_notes_store_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_DIRTY,
  PROP_SAVING,
  PROP_SAVE_ERROR,
  PROP_AUTOSAVE_DELAY,
  PROP_READ_ONLY,
  PROP_RESTORED_FROM_BACKUP,
  PROP_MOVED_ASIDE_PATH,
  PROP_LOADING,
  N_PROPS
};

enum {
  NOTE_CHANGED,
  CONFLICT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The store */

/* Tells the saver's state through the store's properties. */
static void
viva_notes_store_status_changed (gpointer user_data)
{
  VivaNotesStore *self = user_data;
  gboolean dirty = viva_file_saver_get_dirty (self->saver);
  gboolean saving = viva_file_saver_get_saving (self->saver);
  const char *save_error = viva_file_saver_get_save_error (self->saver);

  /* A journal entry that could not be written is said as a failed save
   * is: the note is only in memory. */
  if (save_error == NULL)
    save_error = self->journal_error;

  viva_save_status_publish (&self->status, G_OBJECT (self), &properties[PROP_DIRTY],
                            dirty, saving, save_error);
}

void
_viva_notes_store_status_changed (VivaNotesStore *self)
{
  viva_notes_store_status_changed (self);
}

static void
viva_notes_store_set_moved_aside_path (VivaNotesStore *self,
                                       const char     *moved_aside_path)
{
  if (g_strcmp0 (self->moved_aside_path, moved_aside_path) == 0)
    return;

  g_free (self->moved_aside_path);
  self->moved_aside_path = g_strdup (moved_aside_path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MOVED_ASIDE_PATH]);
}

void
_viva_notes_store_go_read_only (VivaNotesStore *self)
{
  if (self->state == VIVA_NOTES_STORE_STATE_READ_ONLY)
    return;

  self->state = VIVA_NOTES_STORE_STATE_READ_ONLY;
  viva_file_saver_stop_timers (self->saver);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

void
_viva_notes_store_recovered (VivaNotesStore *self,
                            const char     *moved_aside_path)
{
  if (self->state == VIVA_NOTES_STORE_STATE_OK)
    self->state = VIVA_NOTES_STORE_STATE_RECOVERED;

  if (moved_aside_path != NULL)
    viva_notes_store_set_moved_aside_path (self, moved_aside_path);
}

static void viva_notes_store_update_due_day (VivaNotesStore *self,
                                             VivaNote       *note);

static void
viva_notes_store_note_notify_cb (VivaNotesStore *self,
                                 GParamSpec     *pspec,
                                 VivaNote       *note)
{
  /* Whoever changed it, the load balancer must count it where it is. */
  if (strcmp (pspec->name, "due") == 0)
    viva_notes_store_update_due_day (self, note);

  /* Loading and merging set notes from disk; that is not a change to
   * save. */
  if (self->applying_disk > 0)
    return;

  if (strcmp (pspec->name, "text") != 0 &&
      strcmp (pspec->name, "status") != 0 &&
      strcmp (pspec->name, "starred") != 0 &&
      strcmp (pspec->name, "due") != 0 &&
      strcmp (pspec->name, "code") != 0 &&
      strcmp (pspec->name, "prediction") != 0 &&
      strcmp (pspec->name, "cases") != 0)
    return;

  viva_file_saver_changed (self->saver);
  _viva_notes_store_journal_changed (self, note);
  g_signal_emit (self, signals[NOTE_CHANGED], 0, note);
}

/* Bank ids come from file names, which need not be UTF-8 and could be
 * longer than a file allows. Rather than refuse such a bank, we store its
 * notes under a valid id; the same name always maps to the same id.
 * Returns NULL when @bank_id can be used as it is. */
static char *
normalize_bank_id (const char *bank_id)
{
  g_autofree char *valid = NULL;
  const char *end;

  if (strlen (bank_id) <= VIVA_BANK_ID_MAX_SIZE && g_utf8_validate (bank_id, -1, NULL))
    return NULL;

  valid = g_utf8_make_valid (bank_id, -1);

  if (strlen (valid) > VIVA_BANK_ID_MAX_SIZE)
    {
      /* Cut at a character boundary. */
      end = valid + VIVA_BANK_ID_MAX_SIZE;
      while (end > valid && ((guchar) *end & 0xC0) == 0x80)
        end--;
      return g_strndup (valid, end - valid);
    }

  return g_steal_pointer (&valid);
}

static void
viva_notes_store_load_record (VivaNote             *note,
                              const VivaNoteRecord *record)
{
  guint n_history = record->history ? record->history->len : 0;

  _viva_note_load (note, record->text, record->status, record->starred, record->modified,
                   &record->review,
                   n_history > 0 ? &g_array_index (record->history, VivaReviewEntry, 0) : NULL,
                   n_history);
  _viva_note_load_scratchpad (note, record->code, record->prediction, record->cases);
}

/* The note of @bank_id and @number, created if need be; with @record,
 * loaded from it. A note created from a record takes its contents before
 * the store listens to it: notifying the store of each property of each
 * of 10,000 notes was a quarter of loading them (build-aux/bench). */
VivaNote *
_viva_notes_store_ensure_note (VivaNotesStore       *self,
                              const char           *bank_id,
                              guint                 number,
                              const VivaNoteRecord *record)
{
  GHashTable *bank;
  VivaNote *note;

  bank = g_hash_table_lookup (self->banks, bank_id);
  if (bank == NULL)
    {
      bank = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
      g_hash_table_insert (self->banks, g_strdup (bank_id), bank);
    }

  note = g_hash_table_lookup (bank, GUINT_TO_POINTER (number));
  if (note != NULL)
    {
      if (record != NULL)
        viva_notes_store_load_record (note, record);

      return note;
    }

  note = viva_note_new (bank_id, number);
  _viva_note_set_scheduler_config (note, &self->scheduler_config);
  if (record != NULL)
    {
      viva_notes_store_load_record (note, record);
      self->due_index_valid = FALSE;
    }
  g_signal_connect_swapped (note, "notify",
                            G_CALLBACK (viva_notes_store_note_notify_cb),
                            self);
  g_hash_table_insert (bank, GUINT_TO_POINTER (number), note);

  return note;
}

VivaNote *
_viva_notes_store_find_note (VivaNotesStore *self,
                            const char     *bank_id,
                            guint           number)
{
  GHashTable *bank = g_hash_table_lookup (self->banks, bank_id);

  if (bank == NULL)
    return NULL;

  return g_hash_table_lookup (bank, GUINT_TO_POINTER (number));
}

void
_viva_notes_store_apply (VivaNotesStore *self,
                        VivaNotesFile  *file)
{
  g_autoptr(GPtrArray) ours = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;

  self->applying_disk++;
  self->due_index_valid = FALSE;

  for (guint i = 0; i < file->records->len; i++)
    {
      const VivaNoteRecord *record = g_ptr_array_index (file->records, i);

      /* A note the store has already was got, and maybe changed, while
       * the file was read (viva_notes_store_load_async()): merged below,
       * once every other note is in (grades given meanwhile count the
       * notes due each day). */
      if (_viva_notes_store_find_note (self, record->bank_id, record->number) != NULL)
        {
          if (ours == NULL)
            ours = g_ptr_array_new ();
          g_ptr_array_add (ours, (gpointer) record);
          continue;
        }

      _viva_notes_store_ensure_note (self, record->bank_id, record->number, record);
    }

  if (ours != NULL)
    {
      changed = g_ptr_array_new_with_free_func (g_object_unref);
      conflicts = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < ours->len; i++)
        {
          const VivaNoteRecord *record = g_ptr_array_index (ours, i);

          _viva_notes_store_merge_loaded_note (self,
                                               _viva_notes_store_find_note (self, record->bank_id, record->number),
                                               record, changed, conflicts);
        }
    }

  self->applying_disk--;

  if (changed != NULL)
    _viva_notes_store_emit_merged (self, changed, conflicts);
}

/* Takes @records as the base of the next merge. */
void
_viva_notes_store_set_base (VivaNotesStore *self,
                           GPtrArray      *records)
{
  g_clear_pointer (&self->base, g_ptr_array_unref);
  self->base = records;
}

/* A merge told the notes it changed, and those that kept both texts. */
void
_viva_notes_store_emit_merged (VivaNotesStore *self,
                               GPtrArray      *changed,
                               GPtrArray      *conflicts)
{
  for (guint i = 0; i < changed->len; i++)
    g_signal_emit (self, signals[NOTE_CHANGED], 0, g_ptr_array_index (changed, i));

  for (guint i = 0; i < conflicts->len; i++)
    g_signal_emit (self, signals[CONFLICT], 0, g_ptr_array_index (conflicts, i));
}

void
_viva_notes_store_set_restored_from_backup (VivaNotesStore *self)
{
  self->restored_from_backup = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESTORED_FROM_BACKUP]);
}

static int
compare_notes (gconstpointer a,
               gconstpointer b)
{
  guint na = viva_note_get_number (*(VivaNote * const *) a);
  guint nb = viva_note_get_number (*(VivaNote * const *) b);

  return na < nb ? -1 : na > nb;
}

static GPtrArray *
viva_notes_store_dup_sorted_notes (VivaNotesStore *self,
                                   const char     *bank_id)
{
  GPtrArray *notes = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTable *bank = g_hash_table_lookup (self->banks, bank_id);
  GHashTableIter iter;
  gpointer value;

  if (bank == NULL)
    return notes;

  g_hash_table_iter_init (&iter, bank);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (!viva_note_is_blank (value))
        g_ptr_array_add (notes, g_object_ref (value));
    }

  g_ptr_array_sort (notes, compare_notes);

  return notes;
}

/* One note as plain data, as a write or a journal entry puts it on
 * disk. */
VivaNoteRecord *
_viva_notes_store_dup_record (VivaNotesStore *self,
                              VivaNote       *note)
{
  VivaNoteRecord *record;
  const VivaReviewEntry *history;
  guint n_history;

  record = viva_note_record_new (viva_note_get_bank_id (note),
                                 viva_note_get_number (note),
                                 viva_note_get_text (note),
                                 viva_note_get_status (note),
                                 viva_note_get_starred (note),
                                 viva_note_get_modified (note));
  history = viva_note_get_history (note, &n_history);
  if (!viva_review_state_is_new (viva_note_get_review_state (note)))
    viva_note_record_set_review (record, viva_note_get_review_state (note), history, n_history);
  viva_note_record_set_scratchpad (record, viva_note_get_code (note),
                                   viva_note_get_prediction (note), NULL);
  if (viva_note_get_n_cases (note) > 0)
    record->cases = viva_note_dup_cases (note);

  return record;
}

/* What a write puts on disk, copied on the main thread where the notes
 * live, so that it is one consistent moment. Only copying: sorting and
 * building the JSON happen in the write's thread. */
static GPtrArray *
viva_notes_store_snapshot (VivaNotesStore *self)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_note_record_free);
  GHashTableIter iter;
  gpointer key;
  gpointer bank;

  g_hash_table_iter_init (&iter, self->banks);
  while (g_hash_table_iter_next (&iter, &key, &bank))
    {
      GHashTableIter note_iter;
      gpointer note;

      g_hash_table_iter_init (&note_iter, bank);
      while (g_hash_table_iter_next (&note_iter, NULL, &note))
        {
          if (viva_note_is_blank (note))
            continue;

          g_ptr_array_add (records, _viva_notes_store_dup_record (self, note));
        }
    }

  return records;
}

static GError *
viva_notes_store_read_only_error (VivaNotesStore *self)
{
  return g_error_new (VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_READ_ONLY,
                      _("Your notes cannot be saved: “%s” was written by a newer version of Viva"),
                      self->path);
}

/* Saving, the notes' half (see #VivaFileSaverFuncs) */

static gpointer
viva_notes_store_prepare_write (gpointer user_data)
{
  VivaNotesStore *self = user_data;
  VivaNotesWrite *job = viva_notes_write_new (self->path,
                                              viva_notes_store_snapshot (self),
                                              &self->disk_stamp);

  /* Every journal entry given a number so far holds changes the
   * snapshot has. */
  job->journal_sequence = self->journal_sequence;

  return job;
}

static gboolean
viva_notes_store_write (gpointer   job,
                        GError   **error)
{
  return viva_notes_write_run (job, error);
}

/* Acts on what a write found. */
static VivaFileSaverResult
viva_notes_store_finish_write (gpointer       user_data,
                               gpointer       data,
                               const GError  *write_error,
                               GError       **error)
{
  VivaNotesStore *self = user_data;
  VivaNotesWrite *job = data;

  /* A damaged file found on disk was moved aside even if our write then
   * failed; the user must be able to find it. */
  if (job->moved_aside_path != NULL)
    _viva_notes_store_recovered (self, job->moved_aside_path);

  if (write_error != NULL)
    {
      self->merge_rounds = 0;
      g_propagate_error (error, g_error_copy (write_error));
      return VIVA_FILE_SAVER_FAILED;
    }

  switch (job->outcome)
    {
    case VIVA_NOTES_WRITE_WROTE:
      _viva_notes_store_set_base (self, g_steal_pointer (&job->records));
      self->disk_stamp = job->stamp;
      self->merge_rounds = 0;
      _viva_notes_store_journal_saved (self, job->journal_sequence);
      return VIVA_FILE_SAVER_WROTE;

    case VIVA_NOTES_WRITE_CHANGED_ON_DISK:
      if (++self->merge_rounds > MAX_MERGE_ROUNDS)
        {
          self->merge_rounds = 0;
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_AGAIN,
                       _("Could not save notes to “%s”: another program keeps changing it"),
                       self->path);
          return VIVA_FILE_SAVER_FAILED;
        }

      _viva_notes_store_merge (self, job->disk);
      _viva_notes_store_set_base (self, g_steal_pointer (&job->disk->records));
      self->disk_stamp = job->stamp;
      return VIVA_FILE_SAVER_AGAIN;

    case VIVA_NOTES_WRITE_NEWER_ON_DISK:
      /* Never written over; the notes stay unsaved, as the store says. */
      self->merge_rounds = 0;
      _viva_notes_store_go_read_only (self);
      g_propagate_error (error, viva_notes_store_read_only_error (self));
      return VIVA_FILE_SAVER_FAILED;

    default:
      g_assert_not_reached ();
    }
}

/* Nothing is written before the file is loaded: it would replace the
 * notes not read yet. */
static gboolean
viva_notes_store_can_write (gpointer user_data)
{
  VivaNotesStore *self = user_data;

  return self->state != VIVA_NOTES_STORE_STATE_READ_ONLY && !self->loading;
}

static GError *
viva_notes_store_cannot_write_error (gpointer user_data)
{
  VivaNotesStore *self = user_data;

  if (self->loading)
    return g_error_new (G_IO_ERROR, G_IO_ERROR_PENDING,
                        _("Your notes cannot be saved yet: “%s” is still being read"),
                        self->path);

  return viva_notes_store_read_only_error (self);
}

/* The result of viva_notes_store_load_async() is applied: what was
 * changed meanwhile, and the saves asked for meanwhile, are written now. */
void
_viva_notes_store_loaded (VivaNotesStore *self)
{
  g_autoptr(GPtrArray) saves = g_steal_pointer (&self->saves_after_load);

  g_assert (!self->loading);

  if (viva_file_saver_get_dirty (self->saver))
    viva_file_saver_changed (self->saver);

  /* What was typed meanwhile goes to the journal now that its sequence
   * numbers are known. */
  _viva_notes_store_journal_schedule (self);

  for (guint i = 0; saves != NULL && i < saves->len; i++)
    viva_file_saver_save (self->saver, g_object_ref (g_ptr_array_index (saves, i)));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* The file changed while we wrote; if not by us, merge it now. */
static void
viva_notes_store_after_write (gpointer user_data)
{
  VivaNotesStore *self = user_data;

  if (!viva_file_saver_get_saving (self->saver) && self->reload_after_write)
    {
      self->reload_after_write = FALSE;
      _viva_notes_store_schedule_reload (self);
    }
}

static const VivaFileSaverFuncs notes_saver_funcs = {
  .snapshot = viva_notes_store_prepare_write,
  .write = viva_notes_store_write,
  .free_job = (void (*) (gpointer)) viva_notes_write_free,
  .finish = viva_notes_store_finish_write,
  .can_write = viva_notes_store_can_write,
  .cannot_write_error = viva_notes_store_cannot_write_error,
  .status_changed = viva_notes_store_status_changed,
  .after_write = viva_notes_store_after_write,
};

/* GObject */

static void
viva_notes_store_dispose (GObject *object)
{
  VivaNotesStore *self = (VivaNotesStore *)object;
  GHashTableIter iter;
  gpointer value;

  viva_file_saver_stop_timers (self->saver);
  _viva_notes_store_journal_dispose (self);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_cancellable_cancel (self->reload_cancellable);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }

  /* The owner is expected to flush before letting go; say so loudly when
   * it did not, since the changes go with us. A read-only store could
   * never have saved them, and the window said so. */
  if (viva_file_saver_get_dirty (self->saver) && self->state != VIVA_NOTES_STORE_STATE_READ_ONLY)
    {
      g_warning ("Notes store for %s disposed with unsaved changes; call viva_notes_store_flush() first",
                 self->path);
      viva_file_saver_forget (self->saver, NULL);
      self->status.dirty = FALSE;
    }

  /* Notes may outlive us in the widgets that show them. */
  if (self->banks != NULL)
    {
      g_hash_table_iter_init (&iter, self->banks);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          GHashTableIter note_iter;
          gpointer note;

          g_hash_table_iter_init (&note_iter, value);
          while (g_hash_table_iter_next (&note_iter, NULL, &note))
            {
              g_signal_handlers_disconnect_by_data (note, self);
              /* It points into us; alone, a note grades with the
               * defaults. */
              _viva_note_set_scheduler_config (note, NULL);
            }
        }

      g_hash_table_remove_all (self->banks);
    }

  G_OBJECT_CLASS (viva_notes_store_parent_class)->dispose (object);
}

static void
viva_notes_store_finalize (GObject *object)
{
  VivaNotesStore *self = (VivaNotesStore *)object;

  g_clear_pointer (&self->banks, g_hash_table_unref);
  g_clear_pointer (&self->base, g_ptr_array_unref);
  g_clear_pointer (&self->saves_after_load, g_ptr_array_unref);
  g_clear_pointer (&self->due_days, g_hash_table_unref);
  g_clear_pointer (&self->note_due_days, g_hash_table_unref);
  g_clear_pointer (&self->local_tz, g_time_zone_unref);
  g_clear_object (&self->reload_cancellable);
  g_clear_object (&self->saver);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->moved_aside_path, g_free);
  g_clear_pointer (&self->journal, viva_notes_journal_unref);
  g_clear_pointer (&self->journal_pending, g_hash_table_unref);
  g_clear_pointer (&self->journal_error, g_free);
  viva_save_status_clear (&self->status);

  G_OBJECT_CLASS (viva_notes_store_parent_class)->finalize (object);
}

static void
viva_notes_store_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  VivaNotesStore *self = VIVA_NOTES_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_DIRTY:
      g_value_set_boolean (value, self->status.dirty);
      break;

    case PROP_SAVING:
      g_value_set_boolean (value, self->status.saving);
      break;

    case PROP_SAVE_ERROR:
      g_value_set_string (value, self->status.save_error);
      break;

    case PROP_AUTOSAVE_DELAY:
      g_value_set_uint (value, self->autosave_delay);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, viva_notes_store_get_read_only (self));
      break;

    case PROP_RESTORED_FROM_BACKUP:
      g_value_set_boolean (value, self->restored_from_backup);
      break;

    case PROP_MOVED_ASIDE_PATH:
      g_value_set_string (value, self->moved_aside_path);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_notes_store_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  VivaNotesStore *self = VIVA_NOTES_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      /* The file itself, when notes.json is a link to it: see
       * viva_data_file_resolve_links(). */
      self->path = viva_data_file_resolve_links (g_value_get_string (value));
      break;

    case PROP_AUTOSAVE_DELAY:
      viva_notes_store_set_autosave_delay (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_notes_store_class_init (VivaNotesStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = viva_notes_store_dispose;
  object_class->finalize = viva_notes_store_finalize;
  object_class->get_property = viva_notes_store_get_property;
  object_class->set_property = viva_notes_store_set_property;

  /**
   * VivaNotesStore:path:
   *
   * The notes file.
   */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaNotesStore:dirty:
   *
   * Whether some change is not on disk yet. It stays %TRUE while a write
   * is in flight and goes %FALSE only once the write has landed with
   * nothing changed since its snapshot, so "flush if dirty" at quit never
   * leaves a write behind.
   */
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaNotesStore:saving:
   *
   * Whether a write is running in the background.
   */
  properties[PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaNotesStore:save-error:
   *
   * Why the last save failed, for the user (it names the file and the
   * reason), or %NULL when it succeeded. The store retries on its own.
   */
  properties[PROP_SAVE_ERROR] =
    g_param_spec_string ("save-error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaNotesStore:autosave-delay:
   *
   * How long after the last change to save, in milliseconds. Changes
   * that keep coming are saved at least every 5 seconds anyway.
   */
  properties[PROP_AUTOSAVE_DELAY] =
    g_param_spec_uint ("autosave-delay", NULL, NULL,
                       0, 60 * 1000, AUTOSAVE_DELAY_DEFAULT_MSEC,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaNotesStore:read-only:
   *
   * Whether the store refuses to write: the file on disk was written by
   * a newer version of Viva (at load, or later by another process), or
   * could not be read and must therefore not be replaced.
   */
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaNotesStore:restored-from-backup:
   *
   * Whether the notes came from notes.json.bak.
   */
  properties[PROP_RESTORED_FROM_BACKUP] =
    g_param_spec_boolean ("restored-from-backup", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaNotesStore:moved-aside-path:
   *
   * Where a damaged notes file was moved, unchanged; %NULL when none was.
   * It can also be set after loading, when a save finds that another
   * program damaged the file.
   */
  properties[PROP_MOVED_ASIDE_PATH] =
    g_param_spec_string ("moved-aside-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaNotesStore:loading:
   *
   * Whether viva_notes_store_load_async() is reading the file. The store
   * can be used meanwhile, and writes nothing; what changed is merged
   * with the file's notes when they arrive. Goes %FALSE once they are
   * in the store (or the file's problem was dealt with): views that
   * count or list notes count them again then.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VivaNotesStore::note-changed:
   * @self: the store
   * @note: the note that changed
   *
   * Emitted after the text, status, star, review schedule or
   * scratchpad (code, prediction, test cases) of one of the store's
   * notes changed, whether the user changed it or a merge with a file
   * written by another process did. Widgets that mirror notes (sidebar
   * marks, counts, "N due today") update from here.
   */
  signals[NOTE_CHANGED] =
    g_signal_new ("note-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  g_cclosure_marshal_VOID__OBJECT,
                  G_TYPE_NONE, 1, VIVA_TYPE_NOTE);

  /**
   * VivaNotesStore::conflict:
   * @self: the store
   * @note: the note
   *
   * Emitted, after #VivaNotesStore::note-changed, for a note whose text
   * or scratchpad code was changed both here and by another process
   * (another Viva, a sync tool) since the store last read or wrote the
   * file. The note now holds both versions, labelled, and the user
   * should be told which question it is.
   */
  signals[CONFLICT] =
    g_signal_new ("conflict",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  g_cclosure_marshal_VOID__OBJECT,
                  G_TYPE_NONE, 1, VIVA_TYPE_NOTE);
}

static void
viva_notes_store_init (VivaNotesStore *self)
{
  self->banks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_hash_table_unref);
  self->saver = viva_file_saver_new (&notes_saver_funcs, G_OBJECT (self), self, NULL);
  self->autosave_delay = AUTOSAVE_DELAY_DEFAULT_MSEC;
  viva_file_saver_set_autosave_delay (self->saver, self->autosave_delay);
  self->state = VIVA_NOTES_STORE_STATE_OK;
  self->reload_cancellable = g_cancellable_new ();
  self->journal_pending = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);

  viva_scheduler_config_init (&self->scheduler_config);
  self->scheduler_config.due_count = viva_notes_store_count_due_on_day;
  self->scheduler_config.due_count_data = self;
}

/* Public API */

char *
viva_notes_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), APP_ID, "notes.json", NULL);
}

VivaNotesStore *
viva_notes_store_new (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (VIVA_TYPE_NOTES_STORE,
                       "path", path,
                       NULL);
}

const char *
viva_notes_store_get_path (VivaNotesStore *self)
{
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), NULL);

  return self->path;
}

gboolean
viva_notes_store_get_loading (VivaNotesStore *self)
{
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), FALSE);

  return self->loading;
}

VivaNotesStoreState
viva_notes_store_get_state (VivaNotesStore *self)
{
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), VIVA_NOTES_STORE_STATE_OK);

  return self->state;
}

const char *
viva_notes_store_get_moved_aside_path (VivaNotesStore *self)
{
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), NULL);

  return self->moved_aside_path;
}

gboolean
viva_notes_store_get_restored_from_backup (VivaNotesStore *self)
{
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), FALSE);

  return self->restored_from_backup;
}

gboolean
viva_notes_store_get_read_only (VivaNotesStore *self)
{
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), FALSE);

  return self->state == VIVA_NOTES_STORE_STATE_READ_ONLY;
}

gboolean
viva_notes_store_get_dirty (VivaNotesStore *self)
{
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), FALSE);

  return self->status.dirty;
}

gboolean
viva_notes_store_get_saving (VivaNotesStore *self)
{
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), FALSE);

  return self->status.saving;
}

const char *
viva_notes_store_get_save_error (VivaNotesStore *self)
{
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), NULL);

  return self->status.save_error;
}

guint
viva_notes_store_get_autosave_delay (VivaNotesStore *self)
{
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), 0);

  return self->autosave_delay;
}

void
viva_notes_store_set_autosave_delay (VivaNotesStore *self,
                                     guint           msec)
{
  g_return_if_fail (VIVA_IS_NOTES_STORE (self));

  msec = MIN (msec, 60 * 1000);

  if (self->autosave_delay == msec)
    return;

  self->autosave_delay = msec;
  viva_file_saver_set_autosave_delay (self->saver, msec);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOSAVE_DELAY]);
}

/**
 * viva_notes_store_get_note:
 * @self: a store
 * @bank_id: the bank's id
 * @number: the question's number, from 1
 *
 * Returns the note for a question, creating a blank one (which is not
 * written while it stays blank) if there is none.
 *
 * Returns: (transfer none): the note
 */
VivaNote *
viva_notes_store_get_note (VivaNotesStore *self,
                           const char     *bank_id,
                           guint           number)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), NULL);
  g_return_val_if_fail (bank_id != NULL && bank_id[0] != '\0', NULL);
  g_return_val_if_fail (number > 0, NULL);

  normalized = normalize_bank_id (bank_id);

  return _viva_notes_store_ensure_note (self, normalized ? normalized : bank_id, number, NULL);
}

/**
 * viva_notes_store_lookup_note:
 * @self: a store
 * @bank_id: the bank's id
 * @number: the question's number
 *
 * Returns: (transfer none) (nullable): the note, if the store has one
 */
VivaNote *
viva_notes_store_lookup_note (VivaNotesStore *self,
                              const char     *bank_id,
                              guint           number)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), NULL);
  g_return_val_if_fail (bank_id != NULL, NULL);

  normalized = normalize_bank_id (bank_id);

  return _viva_notes_store_find_note (self, normalized ? normalized : bank_id, number);
}

/**
 * viva_notes_store_list_notes:
 * @self: a store
 * @bank_id: the bank's id
 *
 * Returns: (transfer container) (element-type VivaNote): the bank's notes
 *   that are not blank, by question number
 */
GPtrArray *
viva_notes_store_list_notes (VivaNotesStore *self,
                             const char     *bank_id)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), NULL);
  g_return_val_if_fail (bank_id != NULL, NULL);

  normalized = normalize_bank_id (bank_id);

  return viva_notes_store_dup_sorted_notes (self, normalized ? normalized : bank_id);
}

/**
 * viva_notes_store_count_due:
 * @self: a store
 * @bank_id: the bank's id
 * @day: today, from viva_review_day_init()
 *
 * For "N due today": how many of the bank's questions Review should ask
 * today (viva_review_state_is_due()), before its daily limit. Questions
 * never reviewed are new, not due. Notes of questions the bank no longer
 * has are counted too; viva_review_queue_build() goes by the bank.
 *
 * Returns: the number of questions due
 */
guint
viva_notes_store_count_due (VivaNotesStore      *self,
                            const char          *bank_id,
                            const VivaReviewDay *day)
{
  g_autofree char *normalized = NULL;
  GHashTable *bank;
  GHashTableIter iter;
  gpointer note;
  guint n = 0;

  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), 0);
  g_return_val_if_fail (bank_id != NULL, 0);
  g_return_val_if_fail (day != NULL, 0);

  normalized = normalize_bank_id (bank_id);
  bank = g_hash_table_lookup (self->banks, normalized ? normalized : bank_id);
  if (bank == NULL)
    return 0;

  g_hash_table_iter_init (&iter, bank);
  while (g_hash_table_iter_next (&iter, NULL, &note))
    {
      if (viva_note_is_due (note, day))
        n++;
    }

  return n;
}

/**
 * viva_notes_store_set_scheduler_config:
 * @self: a store
 * @config: how to grade its notes, copied
 *
 * Every note of the store is graded with @config from now on
 * (viva_note_review()), whoever grades it: Review, a mock interview's
 * ratings, the scratchpad. The context sets it from the settings. A new
 * store has viva_scheduler_config_init()'s, balancing the load over its
 * own notes (viva_notes_store_count_due_on_day()).
 */
void
viva_notes_store_set_scheduler_config (VivaNotesStore            *self,
                                       const VivaSchedulerConfig *config)
{
  g_return_if_fail (VIVA_IS_NOTES_STORE (self));
  g_return_if_fail (config != NULL);

  /* Days counted another way are other days. */
  if (config->tz != self->scheduler_config.tz ||
      config->day_start_hour != self->scheduler_config.day_start_hour)
    self->due_index_valid = FALSE;

  self->scheduler_config = *config;
}

/**
 * viva_notes_store_get_scheduler_config:
 * @self: a store
 *
 * Returns: (transfer none): how the store's notes are graded
 */
const VivaSchedulerConfig *
viva_notes_store_get_scheduler_config (VivaNotesStore *self)
{
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), NULL);

  return &self->scheduler_config;
}

/* The number of the review day that holds @time, by the scheduler
 * configuration's time zone and day-start hour: the local date less the
 * hours before the day starts, counted in days since 1970. Integer
 * arithmetic on the zone's offset, as this runs for every note. */
static int
viva_notes_store_due_day (VivaNotesStore *self,
                          gint64          time)
{
  GTimeZone *tz = self->scheduler_config.tz;
  gint64 seconds = time / G_USEC_PER_SEC - (time % G_USEC_PER_SEC < 0);
  guint start_hour = MIN (self->scheduler_config.day_start_hour, 23);
  gint64 local;
  int interval;

  if (tz == NULL)
    {
      if (self->local_tz == NULL)
        self->local_tz = g_time_zone_new_local ();
      tz = self->local_tz;
    }

  interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, seconds);
  local = seconds + (interval >= 0 ? g_time_zone_get_offset (tz, interval) : 0) - (gint64) start_hour * 3600;

  /* Rounded down, also before 1970. */
  return (int) (local / 86400 - (local % 86400 < 0));
}

static void
add_due_day (GHashTable *due_days,
             int         day,
             int         delta)
{
  gpointer key = GINT_TO_POINTER (day);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (due_days, key));

  count = (guint) ((int) count + delta);
  if (count == 0)
    g_hash_table_remove (due_days, key);
  else
    g_hash_table_insert (due_days, key, GUINT_TO_POINTER (count));
}

/* Counts @note where its due time now is, no longer where it was. */
static void
viva_notes_store_update_due_day (VivaNotesStore *self,
                                 VivaNote       *note)
{
  gpointer counted;
  gint64 due;

  if (!self->due_index_valid)
    return;

  counted = g_hash_table_lookup (self->note_due_days, note);
  if (counted != NULL)
    {
      add_due_day (self->due_days, GPOINTER_TO_INT (counted) - 1, -1);
      g_hash_table_remove (self->note_due_days, note);
    }

  due = viva_note_get_due (note);
  if (due > 0)
    {
      int day = viva_notes_store_due_day (self, due);

      add_due_day (self->due_days, day, 1);
      g_hash_table_insert (self->note_due_days, note, GINT_TO_POINTER (day + 1));
    }
}

static void
viva_notes_store_ensure_due_index (VivaNotesStore *self)
{
  GHashTableIter iter;
  gpointer bank;

  if (self->due_index_valid)
    return;

  if (self->due_days == NULL)
    {
      self->due_days = g_hash_table_new (NULL, NULL);
      self->note_due_days = g_hash_table_new (NULL, NULL);
    }
  g_hash_table_remove_all (self->due_days);
  g_hash_table_remove_all (self->note_due_days);
  self->due_index_valid = TRUE;

  g_hash_table_iter_init (&iter, self->banks);
  while (g_hash_table_iter_next (&iter, NULL, &bank))
    {
      GHashTableIter note_iter;
      gpointer note;

      g_hash_table_iter_init (&note_iter, bank);
      while (g_hash_table_iter_next (&note_iter, NULL, &note))
        viva_notes_store_update_due_day (self, note);
    }
}

/**
 * viva_notes_store_count_due_on_day:
 * @day_time: a moment of the review day to count
 * @user_data: the #VivaNotesStore
 *
 * The scheduler's #VivaSchedulerDueCount for load balancing: how many
 * questions, of every bank, fall due on the review day that holds
 * @day_time (by the store's scheduler configuration's time zone and
 * day-start hour). Every bank counts, since the user reviews them all
 * in the same days. Kept cheap for 100,000 notes: a count per day,
 * moved note by note as due times change (made again from all notes
 * only after a file was loaded or merged, or the time zone changed),
 * and one lookup per day asked.
 *
 * Returns: the number of questions due that day
 */
guint
viva_notes_store_count_due_on_day (gint64   day_time,
                                   gpointer user_data)
{
  VivaNotesStore *self = user_data;

  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), 0);

  viva_notes_store_ensure_due_index (self);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->due_days,
                                                GINT_TO_POINTER (viva_notes_store_due_day (self, day_time))));
}

/* The number of notes that are not blank, in all banks. */
guint
viva_notes_store_get_n_notes (VivaNotesStore *self)
{
  GHashTableIter iter;
  gpointer bank;
  guint n = 0;

  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), 0);

  g_hash_table_iter_init (&iter, self->banks);
  while (g_hash_table_iter_next (&iter, NULL, &bank))
    {
      GHashTableIter note_iter;
      gpointer note;

      g_hash_table_iter_init (&note_iter, bank);
      while (g_hash_table_iter_next (&note_iter, NULL, &note))
        {
          if (!viva_note_is_blank (note))
            n++;
        }
    }

  return n;
}

/**
 * viva_notes_store_list_reviewed_notes:
 * @self: a store
 *
 * For fitting FSRS to the user (viva-fsrs-optimizer.c): every note of
 * every bank that has a review history, in no particular order.
 *
 * Returns: (transfer container) (element-type VivaNote): the notes
 */
GPtrArray *
viva_notes_store_list_reviewed_notes (VivaNotesStore *self)
{
  GPtrArray *notes;
  GHashTableIter iter;
  gpointer bank;

  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), NULL);

  notes = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_iter_init (&iter, self->banks);
  while (g_hash_table_iter_next (&iter, NULL, &bank))
    {
      GHashTableIter note_iter;
      gpointer note;

      g_hash_table_iter_init (&note_iter, bank);
      while (g_hash_table_iter_next (&note_iter, NULL, &note))
        {
          guint n_entries;

          if (viva_note_get_history (note, &n_entries) != NULL)
            g_ptr_array_add (notes, g_object_ref (note));
        }
    }

  return notes;
}

/**
 * viva_notes_store_save_async:
 * @self: a store
 * @cancellable: (nullable): cancels the request if the write has not
 *   started yet
 * @callback: called when the notes as they are now are on disk, or not
 * @user_data: for @callback
 *
 * Writes the notes now (or right after the write in progress), whether
 * or not anything changed. The snapshot is taken on the calling thread;
 * the file is written in a worker thread. While the notes are loading
 * (#VivaNotesStore:loading), the write waits until they are loaded.
 */
void
viva_notes_store_save_async (VivaNotesStore      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VIVA_IS_NOTES_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, viva_notes_store_save_async);

  /* Written once the file is loaded, not over it. */
  if (self->loading)
    {
      if (self->saves_after_load == NULL)
        self->saves_after_load = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (self->saves_after_load, g_steal_pointer (&task));
      return;
    }

  viva_file_saver_save (self->saver, g_steal_pointer (&task));
}

gboolean
viva_notes_store_save_finish (VivaNotesStore  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == viva_notes_store_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * viva_notes_store_flush:
 * @self: a store
 * @error: return location for an error
 *
 * For closing and quitting: waits for the load (see
 * viva_notes_store_load_async()) and the write in progress (running the
 * default main context meanwhile), then writes what is still unsaved, in
 * the calling thread. Follows the same rules as the background writes.
 *
 * Returns: %TRUE when everything is on disk
 */
gboolean
viva_notes_store_flush (VivaNotesStore  *self,
                        GError         **error)
{
  g_autoptr(VivaNotesStore) hold = NULL;
  gboolean ret;

  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), FALSE);

  hold = g_object_ref (self);

  /* What was typed while the file was read is merged with it first:
   * written now, it would replace it. */
  while (self->loading)
    g_main_context_iteration (NULL, TRUE);

  /* The journal's entry in flight lands first, so that once the file is
   * written the journal can be emptied before we return (quitting). */
  while (self->journal_in_flight)
    g_main_context_iteration (NULL, TRUE);

  ret = viva_file_saver_flush (self->saver, error);

  if (self->reload_after_write && !viva_file_saver_get_flushing (self->saver))
    {
      self->reload_after_write = FALSE;
      _viva_notes_store_schedule_reload (self);
    }

  return ret;
}
