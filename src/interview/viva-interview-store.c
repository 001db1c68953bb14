/* viva-interview-store.c
 *
 * The interviews in memory, and when and how they reach the
 * disk: loading a folder of files where each may be damaged on its own,
 * change tracking, debounced autosave, background writes, retries. The
 * file format and the file operations are in viva-interview-file.c; the
 * patterns follow viva-notes-store.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "viva-bank-private.h"
#include "viva-interview-private.h"
#include "viva-interview-file.h"
#include "viva-interview-store.h"

#define AUTOSAVE_DELAY_DEFAULT_MSEC 1000

typedef enum
{
  FINISH_DONE,
  FINISH_FAILED,
} FinishResult;

/* What the store knows of one interview and its file. Reference counted
 * (g_rc_box) because a write in flight keeps it after a delete. Only
 * ever touched on the main thread. */
typedef struct
{
  /* Borrowed: the store disconnects every entry before it goes */
  VivaInterviewStore *store;

  /* Owned */
  VivaInterview  *interview;
  char             *path;
  GCancellable     *cancellable;
  GPtrArray        *current_tasks;
  GPtrArray        *queued_tasks;
  char             *save_error;

  VivaFileStamp     disk_stamp;
  guint64           change_serial;
  guint64           snapshot_serial;
  gulong            changed_handler;
  guint             retry_source;
  guint             retry_delay;

  guint             dirty : 1;
  guint             saving : 1;
  guint             future : 1;
  guint             deleted : 1;
  guint             save_after_write : 1;
} Entry;

struct _VivaInterviewStore
{
  GObject     parent_instance;

  /* Owned */
  char       *dir;
  char       *lock_path;
  char       *save_error;
  GListStore *interviews;
  GHashTable *entries;

  gint64      first_unsaved_change;
  guint       autosave_delay;
  guint       autosave_source;
  guint       n_saving;
  guint       flushing;

  guint       loaded : 1;
  guint       dirty : 1;
  guint       saving : 1;
};

G_DEFINE_FINAL_TYPE (VivaInterviewStore, viva_interview_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (viva-interview-store-error-quark, viva_interview_store_error)

enum {
  PROP_0,
  PROP_DIR,
  PROP_AUTOSAVE_DELAY,
  PROP_DIRTY,
  PROP_SAVING,
  PROP_SAVE_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void viva_interview_store_start_write (VivaInterviewStore *self,
                                              Entry              *entry);

/* Problems */

void
viva_interview_problem_free (VivaInterviewProblem *problem)
{
  g_free (problem->path);
  g_free (problem->message);
  g_free (problem->moved_aside_path);
  g_free (problem);
}

/* Entries */

static void
entry_clear (Entry *entry)
{
  g_clear_object (&entry->interview);
  g_clear_pointer (&entry->path, g_free);
  g_clear_object (&entry->cancellable);
  g_clear_pointer (&entry->current_tasks, g_ptr_array_unref);
  g_clear_pointer (&entry->queued_tasks, g_ptr_array_unref);
  g_clear_pointer (&entry->save_error, g_free);
}

static Entry *
entry_ref (Entry *entry)
{
  return g_rc_box_acquire (entry);
}

static void
entry_unref (Entry *entry)
{
  g_rc_box_release_full (entry, (GDestroyNotify) entry_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Entry, entry_unref)

/* Tasks */

/* The store's summary properties */

static void
viva_interview_store_update_status (VivaInterviewStore *self)
{
  const char *save_error = NULL;
  gboolean dirty = FALSE;
  gboolean saving = self->n_saving > 0;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->interviews));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VivaInterview) interview = g_list_model_get_item (G_LIST_MODEL (self->interviews), i);
      Entry *entry = g_hash_table_lookup (self->entries, interview);

      if (entry == NULL)
        continue;

      dirty |= entry->dirty;
      if (save_error == NULL)
        save_error = entry->save_error;
    }

  g_object_freeze_notify (G_OBJECT (self));

  if (self->dirty != dirty)
    {
      self->dirty = dirty;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
    }

  if (self->saving != saving)
    {
      self->saving = saving;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
    }

  if (g_strcmp0 (self->save_error, save_error) != 0)
    {
      g_free (self->save_error);
      self->save_error = g_strdup (save_error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVE_ERROR]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/* Autosave */

static gboolean
entry_can_write (Entry *entry)
{
  return !entry->future && !entry->deleted;
}

static void
viva_interview_store_write_soon (VivaInterviewStore *self,
                                 Entry              *entry)
{
  if (entry->saving || self->flushing)
    {
      entry->save_after_write = TRUE;
      return;
    }

  if (entry->dirty && entry_can_write (entry))
    viva_interview_store_start_write (self, entry);
}

static void
viva_interview_store_autosave_cb (gpointer user_data)
{
  VivaInterviewStore *self = user_data;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_unref);
  GHashTableIter iter;
  gpointer value;

  self->autosave_source = 0;
  self->first_unsaved_change = 0;

  /* Writing may change the table (a write that completes at once does
   * not, but be safe): collect first. */
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (entries, entry_ref (value));

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);

      /* A failed save waits for its own retry. */
      if (entry->retry_source == 0)
        viva_interview_store_write_soon (self, entry);
    }
}

/* Saves a moment after the last change, so that typing does not write
 * on every key, but at least every few seconds while the
 * changes keep coming. */
static void
viva_interview_store_schedule_autosave (VivaInterviewStore *self)
{
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  self->autosave_source = g_timeout_add_once (viva_data_file_autosave_timeout (&self->first_unsaved_change,
                                                                               self->autosave_delay),
                                              viva_interview_store_autosave_cb, self);
}

/* The source holds a reference on the entry; the store is borrowed, as
 * dispose() removes every entry's retry. */
static gboolean
viva_interview_store_retry_cb (gpointer user_data)
{
  Entry *entry = user_data;

  entry->retry_source = 0;
  viva_interview_store_write_soon (entry->store, entry);

  return G_SOURCE_REMOVE;
}

static void
viva_interview_store_schedule_retry (VivaInterviewStore *self,
                                     Entry              *entry)
{
  if (!entry_can_write (entry))
    return;

  entry->retry_delay = viva_data_file_next_retry_delay (entry->retry_delay);

  g_clear_handle_id (&entry->retry_source, g_source_remove);
  entry->retry_source = g_timeout_add_full (G_PRIORITY_DEFAULT, entry->retry_delay,
                                            viva_interview_store_retry_cb,
                                            entry_ref (entry),
                                            (GDestroyNotify) entry_unref);
}

static void
viva_interview_store_interview_changed_cb (VivaInterview *interview,
                                           Entry         *entry)
{
  VivaInterviewStore *self = entry->store;

  if (!entry_can_write (entry))
    return;

  entry->change_serial++;
  entry->dirty = TRUE;
  viva_interview_store_update_status (self);

  /* After a failed save, the retry timer decides when to try again;
   * trying on every key press would not make a full disk any emptier. */
  if (entry->retry_source == 0)
    viva_interview_store_schedule_autosave (self);
}

/* Writing */

static void
viva_interview_store_save_thread (GTask        *task,
                                  gpointer      source_object,
                                  gpointer      task_data,
                                  GCancellable *cancellable)
{
  VivaInterviewWrite *job = task_data;
  GError *error = NULL;

  if (viva_interview_write_run (job, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static GError *
read_only_error (Entry *entry)
{
  return g_error_new (VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_READ_ONLY,
                      _("This interview cannot be saved: “%s” was written by a newer version of Viva"),
                      entry->path);
}

/* Takes the snapshot. The entry stays dirty until the snapshot is on
 * disk, so that "flush if dirty" at quit never leaves a write behind. */
static VivaInterviewWrite *
viva_interview_store_prepare_write (VivaInterviewStore *self,
                                    Entry              *entry)
{
  g_clear_handle_id (&entry->retry_source, g_source_remove);
  entry->save_after_write = FALSE;
  entry->snapshot_serial = entry->change_serial;

  return viva_interview_write_new (entry->path, self->lock_path,
                                 viva_interview_file_build (entry->interview),
                                 &entry->disk_stamp, entry->cancellable);
}

static void
entry_set_save_error (Entry      *entry,
                      const char *message)
{
  g_free (entry->save_error);
  entry->save_error = g_strdup (message);
}

/* Acts on what a write found. */
static FinishResult
viva_interview_store_finish_write (VivaInterviewStore *self,
                                   Entry              *entry,
                                   VivaInterviewWrite *job,
                                   const GError       *write_error,
                                   GError            **error)
{
  if (write_error != NULL)
    {
      /* Nothing was written: everything stays in memory, and dirty. */
      entry_set_save_error (entry, write_error->message);
      entry->dirty = TRUE;
      g_propagate_error (error, g_error_copy (write_error));
      return FINISH_FAILED;
    }

  switch (job->outcome)
    {
    case VIVA_INTERVIEW_WRITE_WROTE:
      entry->disk_stamp = job->stamp;
      entry->retry_delay = 0;
      entry_set_save_error (entry, NULL);
      if (entry->change_serial == entry->snapshot_serial)
        entry->dirty = FALSE;
      return FINISH_DONE;

    case VIVA_INTERVIEW_WRITE_NEWER_ON_DISK:
      /* A newer Viva wrote this interview meanwhile: never write over it,
       * and stop taking edits that could not be saved. */
      entry->future = TRUE;
      entry->dirty = FALSE;
      viva_interview_set_read_only (entry->interview, TRUE);
      g_propagate_error (error, read_only_error (entry));
      entry_set_save_error (entry, (*error)->message);
      return FINISH_FAILED;

    case VIVA_INTERVIEW_WRITE_CANCELLED:
      entry->dirty = FALSE;
      return FINISH_DONE;

    default:
      g_assert_not_reached ();
    }
}

typedef struct
{
  VivaInterviewStore *store;
  Entry            *entry;
  GApplication     *application;
} WriteClosure;

static void
viva_interview_store_write_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  WriteClosure *closure = user_data;
  g_autoptr(VivaInterviewStore) self = closure->store;
  g_autoptr(Entry) entry = closure->entry;
  g_autoptr(GApplication) application = closure->application;
  VivaInterviewWrite *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) write_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) finished = NULL;
  FinishResult finish;

  g_free (closure);

  g_task_propagate_boolean (G_TASK (result), &write_error);

  entry->saving = FALSE;
  self->n_saving--;

  finish = viva_interview_store_finish_write (self, entry, job, write_error, &error);

  if (finish == FINISH_FAILED)
    viva_interview_store_schedule_retry (self, entry);

  finished = viva_data_file_steal_tasks (&entry->current_tasks);

  /* What was asked for or changed while this write was running is
   * saved at once; flush() does its own writing. */
  if (!self->flushing && entry_can_write (entry) &&
      (entry->queued_tasks->len > 0 ||
       (finish == FINISH_DONE && entry->save_after_write && entry->dirty)))
    viva_interview_store_start_write (self, entry);

  viva_interview_store_update_status (self);

  if (application != NULL)
    g_application_release (application);

  viva_data_file_complete_tasks (g_steal_pointer (&finished), error);
}

static void
viva_interview_store_start_write (VivaInterviewStore *self,
                                  Entry              *entry)
{
  g_autoptr(GTask) task = NULL;
  WriteClosure *closure;
  VivaInterviewWrite *job;

  g_assert (!entry->saving);

  viva_data_file_start_tasks (&entry->queued_tasks, entry->current_tasks);

  if (!entry_can_write (entry))
    {
      g_autoptr(GError) error = entry->future
        ? read_only_error (entry)
        : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The interview was deleted"));

      viva_data_file_complete_tasks (viva_data_file_steal_tasks (&entry->current_tasks), error);
      return;
    }

  job = viva_interview_store_prepare_write (self, entry);

  closure = g_new0 (WriteClosure, 1);
  closure->store = g_object_ref (self);
  closure->entry = entry_ref (entry);

  /* The user may quit while we write; keep the process until we are
   * done. */
  closure->application = g_application_get_default ();
  if (closure->application != NULL)
    {
      g_object_ref (closure->application);
      g_application_hold (closure->application);
    }

  entry->saving = TRUE;
  self->n_saving++;
  viva_interview_store_update_status (self);

  /* As in the notes store, the task has no source object: the worker
   * thread may drop the task's last reference, and the store must be
   * finalized on the main thread, by the callback's reference. */
  task = g_task_new (NULL, NULL, viva_interview_store_write_cb, closure);
  g_task_set_source_tag (task, viva_interview_store_start_write);
  g_task_set_task_data (task, job, (GDestroyNotify) viva_interview_write_free);
  g_task_run_in_thread (task, viva_interview_store_save_thread);
}

/* Loading */

/* Newest first; ids break ties so that the order is stable. */
static int
compare_interviews (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  VivaInterview *sa = (VivaInterview *) a;
  VivaInterview *sb = (VivaInterview *) b;
  gint64 ca = viva_interview_get_created (sa);
  gint64 cb = viva_interview_get_created (sb);

  if (ca != cb)
    return ca > cb ? -1 : 1;

  return -strcmp (viva_interview_get_id (sa), viva_interview_get_id (sb));
}

static int
compare_interview_pointers (gconstpointer a,
                            gconstpointer b)
{
  return compare_interviews (*(VivaInterview * const *) a, *(VivaInterview * const *) b, NULL);
}

static Entry *
viva_interview_store_add_entry (VivaInterviewStore  *self,
                                VivaInterview       *interview,
                                const char          *path,
                                const VivaFileStamp *stamp)
{
  Entry *entry = g_rc_box_new0 (Entry);

  entry->store = self;
  entry->interview = g_object_ref (interview);
  entry->path = g_strdup (path);
  entry->cancellable = g_cancellable_new ();
  entry->current_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  entry->queued_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  entry->disk_stamp = *stamp;
  entry->changed_handler = g_signal_connect_data (interview, "changed",
                                                  G_CALLBACK (viva_interview_store_interview_changed_cb),
                                                  entry_ref (entry),
                                                  (GClosureNotify) entry_unref,
                                                  0);

  g_hash_table_insert (self->entries, interview, entry);

  return entry;
}

static gboolean
viva_interview_store_has_id (VivaInterviewStore *self,
                             const char         *id)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (strcmp (viva_interview_get_id (key), id) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Takes what load_dir() found into the store, on the main thread. */
static void
viva_interview_store_apply (VivaInterviewStore   *self,
                            VivaInterviewDirLoad *result)
{
  g_autoptr(GPtrArray) interviews = g_ptr_array_new ();
  gboolean had_interviews = g_list_model_get_n_items (G_LIST_MODEL (self->interviews)) > 0;
  gboolean restored = FALSE;

  for (guint i = 0; i < result->loaded->len; i++)
    {
      VivaInterviewLoaded *loaded = g_ptr_array_index (result->loaded, i);
      Entry *entry;

      /* Added with viva_interview_store_add() before the load. */
      if (viva_interview_store_has_id (self, viva_interview_get_id (loaded->interview)))
        continue;

      entry = viva_interview_store_add_entry (self, loaded->interview, loaded->path, &loaded->stamp);

      if (loaded->future)
        {
          entry->future = TRUE;
          viva_interview_set_read_only (loaded->interview, TRUE);
        }

      if (loaded->from_backup)
        {
          /* So that the next save puts "<id>.json" back. */
          entry->change_serial++;
          entry->dirty = TRUE;
          restored = TRUE;
        }

      g_ptr_array_add (interviews, loaded->interview);
    }

  g_ptr_array_sort (interviews, compare_interview_pointers);
  g_list_store_splice (self->interviews, 0, 0, interviews->pdata, interviews->len);

  /* Interviews added before the load go where they belong too. */
  if (had_interviews)
    g_list_store_sort (self->interviews, compare_interviews, NULL);

  viva_interview_store_update_status (self);

  if (restored)
    viva_interview_store_schedule_autosave (self);
}

static void
viva_interview_store_load_thread (GTask        *task,
                                  gpointer      source_object,
                                  gpointer      task_data,
                                  GCancellable *cancellable)
{
  VivaInterviewStore *self = source_object;

  g_task_return_pointer (task, viva_interview_dir_load (self->dir, self->lock_path),
                         (GDestroyNotify) viva_interview_dir_load_free);
}

/* Public API */

/**
 * viva_interview_store_dup_default_dir:
 *
 * Returns: (transfer full): $XDG_DATA_HOME/io.github.vivaprep.Viva/interviews
 */
char *
viva_interview_store_dup_default_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), APP_ID, "interviews", NULL);
}

/**
 * viva_interview_store_new:
 * @dir: (nullable): the interviews folder; %NULL for the default
 *
 * Returns: (transfer full): a store; call viva_interview_store_load() (or
 *   its async version) once
 */
VivaInterviewStore *
viva_interview_store_new (const char *dir)
{
  g_autofree char *default_dir = NULL;

  if (dir == NULL)
    dir = default_dir = viva_interview_store_dup_default_dir ();

  return g_object_new (VIVA_TYPE_INTERVIEW_STORE, "dir", dir, NULL);
}

const char *
viva_interview_store_get_dir (VivaInterviewStore *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_STORE (self), NULL);

  return self->dir;
}

/**
 * viva_interview_store_dup_path:
 * @self: a store
 * @interview: an interview
 *
 * Returns: (transfer full): the file @interview is saved to, for messages
 */
char *
viva_interview_store_dup_path (VivaInterviewStore *self,
                               VivaInterview      *interview)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (VIVA_IS_INTERVIEW_STORE (self), NULL);
  g_return_val_if_fail (VIVA_IS_INTERVIEW (interview), NULL);

  name = g_strconcat (viva_interview_get_id (interview), VIVA_INTERVIEW_SUFFIX, NULL);

  return g_build_filename (self->dir, name, NULL);
}

/**
 * viva_interview_store_load:
 * @self: a store
 * @out_problems: (out) (transfer full) (element-type VivaInterviewProblem) (optional):
 *   the files that did not load as they should, for the user; empty
 *   when all is well
 *
 * Reads every interview of the folder, once, at start-up. One damaged file
 * never hides the others: it is reported, moved aside byte for byte, and
 * its ".bak" is loaded instead when good. Files from a newer version are
 * listed read-only. Blocks on disk I/O; see
 * viva_interview_store_load_async() for the main loop.
 *
 * Returns: (transfer none): the interviews, newest first; the same list
 *   as viva_interview_store_get_interviews()
 */
GListModel *
viva_interview_store_load (VivaInterviewStore *self,
                           GPtrArray         **out_problems)
{
  VivaInterviewDirLoad *result;

  g_return_val_if_fail (VIVA_IS_INTERVIEW_STORE (self), NULL);
  g_return_val_if_fail (!self->loaded, NULL);

  self->loaded = TRUE;

  result = viva_interview_dir_load (self->dir, self->lock_path);
  viva_interview_store_apply (self, result);

  if (out_problems != NULL)
    *out_problems = g_steal_pointer (&result->problems);

  viva_interview_dir_load_free (result);

  return G_LIST_MODEL (self->interviews);
}

/**
 * viva_interview_store_load_async:
 * @self: a store
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the interviews are loaded
 * @user_data: data for @callback
 *
 * viva_interview_store_load() with the reading in a worker thread.
 */
void
viva_interview_store_load_async (VivaInterviewStore *self,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VIVA_IS_INTERVIEW_STORE (self));
  g_return_if_fail (!self->loaded);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  self->loaded = TRUE;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, viva_interview_store_load_async);
  g_task_run_in_thread (task, viva_interview_store_load_thread);
}

/**
 * viva_interview_store_load_finish:
 * @self: a store
 * @result: the result given to the callback
 * @out_problems: (out) (transfer full) (element-type VivaInterviewProblem) (optional):
 *   as for viva_interview_store_load()
 * @error: return location for an error; only set when cancelled
 *
 * Returns: (transfer none) (nullable): the interviews, newest first
 */
GListModel *
viva_interview_store_load_finish (VivaInterviewStore *self,
                                  GAsyncResult       *result,
                                  GPtrArray         **out_problems,
                                  GError            **error)
{
  VivaInterviewDirLoad *load;

  g_return_val_if_fail (VIVA_IS_INTERVIEW_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == viva_interview_store_load_async, NULL);

  load = g_task_propagate_pointer (G_TASK (result), error);
  if (load == NULL)
    return NULL;

  viva_interview_store_apply (self, load);

  if (out_problems != NULL)
    *out_problems = g_steal_pointer (&load->problems);

  viva_interview_dir_load_free (load);

  return G_LIST_MODEL (self->interviews);
}

/**
 * viva_interview_store_get_interviews:
 * @self: a store
 *
 * Returns: (transfer none): the interviews (#VivaInterview), newest first
 */
GListModel *
viva_interview_store_get_interviews (VivaInterviewStore *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_STORE (self), NULL);

  return G_LIST_MODEL (self->interviews);
}

/**
 * viva_interview_store_add:
 * @self: a store
 * @interview: a new interview, from viva_interview_new()
 * @error: return location for an error
 *
 * Adds a new interview to the history and saves it right away, then after
 * each change (see #VivaInterviewStore:autosave-delay).
 *
 * Returns: %FALSE if an interview with its id is already known or on disk
 */
gboolean
viva_interview_store_add (VivaInterviewStore *self,
                          VivaInterview      *interview,
                          GError            **error)
{
  g_autofree char *path = NULL;
  VivaFileStamp stamp;
  Entry *entry;
  int errsv = 0;

  g_return_val_if_fail (VIVA_IS_INTERVIEW_STORE (self), FALSE);
  g_return_val_if_fail (VIVA_IS_INTERVIEW (interview), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = viva_interview_store_dup_path (self, interview);

  /* A folder we cannot look into is the write's to report, with the
   * retries that go with it. */
  if (!viva_file_stamp_query (&stamp, path, &errsv))
    memset (&stamp, 0, sizeof stamp);

  if (viva_interview_store_has_id (self, viva_interview_get_id (interview)) || stamp.exists)
    {
      g_set_error (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_EXISTS,
                   _("An interview is already saved as “%s”"), path);
      return FALSE;
    }

  entry = viva_interview_store_add_entry (self, interview, path, &stamp);
  g_list_store_insert_sorted (self->interviews, interview, compare_interviews, NULL);

  if (viva_interview_get_read_only (interview))
    {
      /* Nothing to save from an interview that cannot change; keep it in
       * memory only. */
      viva_interview_store_update_status (self);
      return TRUE;
    }

  /* A new interview is on disk before its first note: a crash in the
   * first minute must not lose it. */
  entry->change_serial++;
  entry->dirty = TRUE;
  viva_interview_store_write_soon (self, entry);
  viva_interview_store_update_status (self);

  return TRUE;
}

/**
 * viva_interview_store_search:
 * @self: a store
 * @query: (nullable): part of a candidate's name
 *
 * The interviews whose candidate's name contains @query, ignoring case
 * and accents ("zoe" finds "Zoë"), newest first; all of them for an
 * empty query. A snapshot: it does not follow later changes.
 *
 * Returns: (transfer full): a list of #VivaInterview
 */
GListModel *
viva_interview_store_search (VivaInterviewStore *self,
                             const char         *query)
{
  g_autofree char *key = NULL;
  GListStore *result;
  guint n;

  g_return_val_if_fail (VIVA_IS_INTERVIEW_STORE (self), NULL);

  result = g_list_store_new (VIVA_TYPE_INTERVIEW);
  if (query != NULL && g_utf8_validate (query, -1, NULL))
    {
      g_autofree char *stripped = g_strstrip (g_strdup (query));

      key = _viva_search_normalize (stripped, -1);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->interviews));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VivaInterview) interview = g_list_model_get_item (G_LIST_MODEL (self->interviews), i);
      g_autofree char *name = NULL;

      if (key != NULL && *key != '\0')
        {
          name = _viva_search_normalize (viva_interview_get_candidate (interview), -1);
          if (strstr (name, key) == NULL)
            continue;
        }

      g_list_store_append (result, interview);
    }

  return G_LIST_MODEL (result);
}

/**
 * viva_interview_store_get_unfinished:
 * @self: a store
 *
 * The interview to offer to resume at start-up: the newest one that was
 * running or paused and did not finish, and that this version can save.
 *
 * Returns: (transfer none) (nullable): the interview
 */
VivaInterview *
viva_interview_store_get_unfinished (VivaInterviewStore *self)
{
  guint n;

  g_return_val_if_fail (VIVA_IS_INTERVIEW_STORE (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->interviews));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VivaInterview) interview = g_list_model_get_item (G_LIST_MODEL (self->interviews), i);
      Entry *entry = g_hash_table_lookup (self->entries, interview);

      if (entry != NULL && !entry->future && viva_interview_get_unfinished (interview))
        return interview;
    }

  return NULL;
}

gboolean
viva_interview_store_get_dirty (VivaInterviewStore *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_STORE (self), FALSE);

  return self->dirty;
}

gboolean
viva_interview_store_get_saving (VivaInterviewStore *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_STORE (self), FALSE);

  return self->saving;
}

const char *
viva_interview_store_get_save_error (VivaInterviewStore *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_STORE (self), NULL);

  return self->save_error;
}

guint
viva_interview_store_get_autosave_delay (VivaInterviewStore *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_STORE (self), 0);

  return self->autosave_delay;
}

void
viva_interview_store_set_autosave_delay (VivaInterviewStore *self,
                                         guint               msec)
{
  g_return_if_fail (VIVA_IS_INTERVIEW_STORE (self));

  msec = MIN (msec, 60 * 1000);

  if (self->autosave_delay == msec)
    return;

  self->autosave_delay = msec;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOSAVE_DELAY]);
}

/**
 * viva_interview_store_save_async:
 * @self: a store
 * @interview: one of its interviews
 * @cancellable: (nullable): cancels the request while it waits for a
 *   write in flight; a write that started runs to its end
 * @callback: called when @interview is on disk, or could not be saved
 * @user_data: data for @callback
 *
 * Saves @interview now, whether or not it changed.
 */
void
viva_interview_store_save_async (VivaInterviewStore *self,
                                 VivaInterview      *interview,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  Entry *entry;

  g_return_if_fail (VIVA_IS_INTERVIEW_STORE (self));
  g_return_if_fail (VIVA_IS_INTERVIEW (interview));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, viva_interview_store_save_async);
  g_task_set_check_cancellable (task, FALSE);

  entry = g_hash_table_lookup (self->entries, interview);
  if (entry == NULL)
    {
      g_task_return_new_error (task, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_NOT_FOUND,
                               _("This interview is not in the history"));
      return;
    }

  if (entry->future)
    {
      g_task_return_error (task, read_only_error (entry));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  g_ptr_array_add (entry->queued_tasks, g_steal_pointer (&task));

  if (!entry->saving && !self->flushing)
    viva_interview_store_start_write (self, entry);
}

gboolean
viva_interview_store_save_finish (VivaInterviewStore *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == viva_interview_store_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * viva_interview_store_flush:
 * @self: a store
 * @error: return location for the first error
 *
 * Writes every unsaved interview now, in the calling thread, after the
 * writes in flight: for quitting, and before the window closes.
 *
 * Returns: %TRUE when everything is on disk
 */
gboolean
viva_interview_store_flush (VivaInterviewStore *self,
                            GError            **error)
{
  g_autoptr(VivaInterviewStore) hold = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) first_error = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (VIVA_IS_INTERVIEW_STORE (self), FALSE);

  hold = g_object_ref (self);
  self->flushing++;

  while (self->n_saving > 0)
    g_main_context_iteration (NULL, TRUE);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_unref);
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (entries, entry_ref (value));

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GError) write_error = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GPtrArray) finished = NULL;
      VivaInterviewWrite *job;

      finished = viva_data_file_steal_tasks (&entry->current_tasks);
      g_ptr_array_extend_and_steal (finished, viva_data_file_steal_tasks (&entry->queued_tasks));

      if (entry->future)
        {
          local_error = read_only_error (entry);
        }
      else if (entry->dirty || finished->len > 0)
        {
          job = viva_interview_store_prepare_write (self, entry);
          viva_interview_write_run (job, &write_error);
          if (viva_interview_store_finish_write (self, entry, job, write_error, &local_error) == FINISH_FAILED)
            viva_interview_store_schedule_retry (self, entry);
          viva_interview_write_free (job);
        }

      if (local_error != NULL && first_error == NULL && !entry->future)
        first_error = g_error_copy (local_error);

      viva_data_file_complete_tasks (g_steal_pointer (&finished), local_error);
    }

  self->flushing--;

  if (self->autosave_source != 0 && !self->dirty)
    g_clear_handle_id (&self->autosave_source, g_source_remove);

  viva_interview_store_update_status (self);

  if (first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return FALSE;
    }

  return TRUE;
}

static void
viva_interview_store_forget (VivaInterviewStore *self,
                             Entry              *entry)
{
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                     _("The interview was deleted"));

  g_clear_handle_id (&entry->retry_source, g_source_remove);
  g_clear_signal_handler (&entry->changed_handler, entry->interview);
  viva_data_file_complete_tasks (viva_data_file_steal_tasks (&entry->queued_tasks), cancelled);
}

/**
 * viva_interview_store_delete:
 * @self: a store
 * @interview: one of its interviews
 * @error: return location for an error
 *
 * Removes @interview from the history and its file and backup from disk.
 * A write in flight for it is cancelled, or removed after it lands.
 * Refuses an interview written by a newer version of Viva.
 *
 * Returns: %TRUE when the interview is gone
 */
gboolean
viva_interview_store_delete (VivaInterviewStore *self,
                             VivaInterview      *interview,
                             GError            **error)
{
  g_autoptr(VivaInterview) hold = NULL;
  Entry *entry;
  guint position;
  int errsv;

  g_return_val_if_fail (VIVA_IS_INTERVIEW_STORE (self), FALSE);
  g_return_val_if_fail (VIVA_IS_INTERVIEW (interview), FALSE);

  entry = g_hash_table_lookup (self->entries, interview);
  if (entry == NULL)
    {
      g_set_error_literal (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_NOT_FOUND,
                           _("This interview is not in the history"));
      return FALSE;
    }

  if (entry->future)
    {
      g_propagate_error (error, read_only_error (entry));
      return FALSE;
    }

  /* Before the lock: a write waiting for it will then write nothing. */
  g_cancellable_cancel (entry->cancellable);

  if (!viva_data_file_delete (self->lock_path, entry->path, &errsv))
    goto failed;

  hold = g_object_ref (interview);
  entry->deleted = TRUE;
  entry->dirty = FALSE;
  viva_interview_store_forget (self, entry);
  g_hash_table_remove (self->entries, interview);

  if (g_list_store_find (self->interviews, interview, &position))
    g_list_store_remove (self->interviews, position);

  viva_interview_store_update_status (self);

  return TRUE;

failed:
  /* Still there: a cancelled write may not have written, so write
   * again. */
  g_clear_object (&entry->cancellable);
  entry->cancellable = g_cancellable_new ();
  entry->change_serial++;
  entry->dirty = TRUE;
  viva_interview_store_schedule_autosave (self);
  viva_interview_store_update_status (self);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
               _("Could not delete the interview “%s”: %s"),
               entry->path, g_strerror (errsv));

  return FALSE;
}

/* GObject */

static void
viva_interview_store_dispose (GObject *object)
{
  VivaInterviewStore *self = (VivaInterviewStore *)object;
  GHashTableIter iter;
  gpointer value;

  g_clear_handle_id (&self->autosave_source, g_source_remove);

  /* The owner is expected to flush before letting go; say so loudly when
   * it did not, since the changes go with us. */
  if (self->dirty)
    {
      g_warning ("Interview store for %s disposed with unsaved changes; call viva_interview_store_flush() first",
                 self->dir);
      self->dirty = FALSE;
    }

  /* Interviews may outlive us in the pages that show them. */
  if (self->entries != NULL)
    {
      g_hash_table_iter_init (&iter, self->entries);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        viva_interview_store_forget (self, value);

      g_hash_table_remove_all (self->entries);
    }

  if (self->interviews != NULL)
    g_list_store_remove_all (self->interviews);

  G_OBJECT_CLASS (viva_interview_store_parent_class)->dispose (object);
}

static void
viva_interview_store_finalize (GObject *object)
{
  VivaInterviewStore *self = (VivaInterviewStore *)object;

  g_assert (self->n_saving == 0);

  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_object (&self->interviews);
  g_clear_pointer (&self->dir, g_free);
  g_clear_pointer (&self->lock_path, g_free);
  g_clear_pointer (&self->save_error, g_free);

  G_OBJECT_CLASS (viva_interview_store_parent_class)->finalize (object);
}

static void
viva_interview_store_constructed (GObject *object)
{
  VivaInterviewStore *self = (VivaInterviewStore *)object;

  G_OBJECT_CLASS (viva_interview_store_parent_class)->constructed (object);

  g_assert (self->dir != NULL);
  self->lock_path = g_build_filename (self->dir, VIVA_INTERVIEW_LOCK_NAME, NULL);
}

static void
viva_interview_store_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  VivaInterviewStore *self = VIVA_INTERVIEW_STORE (object);

  switch (prop_id)
    {
    case PROP_DIR:
      g_value_set_string (value, self->dir);
      break;

    case PROP_AUTOSAVE_DELAY:
      g_value_set_uint (value, self->autosave_delay);
      break;

    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;

    case PROP_SAVING:
      g_value_set_boolean (value, self->saving);
      break;

    case PROP_SAVE_ERROR:
      g_value_set_string (value, self->save_error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_interview_store_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  VivaInterviewStore *self = VIVA_INTERVIEW_STORE (object);

  switch (prop_id)
    {
    case PROP_DIR:
      self->dir = g_value_dup_string (value);
      break;

    case PROP_AUTOSAVE_DELAY:
      viva_interview_store_set_autosave_delay (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_interview_store_class_init (VivaInterviewStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = viva_interview_store_constructed;
  object_class->dispose = viva_interview_store_dispose;
  object_class->finalize = viva_interview_store_finalize;
  object_class->get_property = viva_interview_store_get_property;
  object_class->set_property = viva_interview_store_set_property;

  /**
   * VivaInterviewStore:dir:
   *
   * The interviews folder.
   */
  properties[PROP_DIR] =
    g_param_spec_string ("dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaInterviewStore:autosave-delay:
   *
   * How long after the last change of an interview to save it, in
   * milliseconds. Changes that keep coming are saved at least every 5
   * seconds anyway.
   */
  properties[PROP_AUTOSAVE_DELAY] =
    g_param_spec_uint ("autosave-delay", NULL, NULL,
                       0, 60 * 1000, AUTOSAVE_DELAY_DEFAULT_MSEC,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaInterviewStore:dirty:
   *
   * Whether some change is not on disk yet. It stays %TRUE while a write
   * is in flight, so "flush if dirty" at quit never leaves one behind.
   */
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaInterviewStore:saving:
   *
   * Whether a write is running in the background.
   */
  properties[PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaInterviewStore:save-error:
   *
   * Why the last save of an interview failed, for the user (it names the
   * file and the reason), or %NULL. The store retries on its own.
   */
  properties[PROP_SAVE_ERROR] =
    g_param_spec_string ("save-error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
viva_interview_store_init (VivaInterviewStore *self)
{
  self->autosave_delay = AUTOSAVE_DELAY_DEFAULT_MSEC;
  self->interviews = g_list_store_new (VIVA_TYPE_INTERVIEW);
  self->entries = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) entry_unref);
}
