/* viva-session-store.c
 *
 * The mock interview sessions in memory, and when and how they reach the
 * disk: loading a folder of files where each may be damaged on its own,
 * change tracking, debounced autosave, background writes, retries. The
 * file format and the file operations are in viva-session-file.c; the
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

#include "viva-mock-session-private.h"
#include "viva-session-file.h"
#include "viva-session-store.h"

#define AUTOSAVE_DELAY_DEFAULT_MSEC 1000

typedef enum
{
  FINISH_DONE,
  FINISH_FAILED,
} FinishResult;

/* What the store knows of one session and its file. Reference counted
 * (g_rc_box) because a write in flight keeps it after a delete. Only
 * ever touched on the main thread. */
typedef struct
{
  /* Borrowed: the store disconnects every entry before it goes */
  VivaSessionStore *store;

  /* Owned */
  VivaMockSession  *session;
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

struct _VivaSessionStore
{
  GObject     parent_instance;

  /* Owned */
  char       *dir;
  char       *lock_path;
  char       *save_error;
  GListStore *sessions;
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

G_DEFINE_FINAL_TYPE (VivaSessionStore, viva_session_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (viva-session-store-error-quark, viva_session_store_error)

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

static void viva_session_store_start_write (VivaSessionStore *self,
                                            Entry            *entry);

/* Problems */

void
viva_session_problem_free (VivaSessionProblem *problem)
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
  g_clear_object (&entry->session);
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
viva_session_store_update_status (VivaSessionStore *self)
{
  const char *save_error = NULL;
  gboolean dirty = FALSE;
  gboolean saving = self->n_saving > 0;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sessions));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VivaMockSession) session = g_list_model_get_item (G_LIST_MODEL (self->sessions), i);
      Entry *entry = g_hash_table_lookup (self->entries, session);

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
viva_session_store_write_soon (VivaSessionStore *self,
                               Entry            *entry)
{
  if (entry->saving || self->flushing)
    {
      entry->save_after_write = TRUE;
      return;
    }

  if (entry->dirty && entry_can_write (entry))
    viva_session_store_start_write (self, entry);
}

static void
viva_session_store_autosave_cb (gpointer user_data)
{
  VivaSessionStore *self = user_data;
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
        viva_session_store_write_soon (self, entry);
    }
}

/* Saves a moment after the last change, so that typing does not write
 * on every key, but at least every few seconds while the
 * changes keep coming. */
static void
viva_session_store_schedule_autosave (VivaSessionStore *self)
{
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  self->autosave_source = g_timeout_add_once (viva_data_file_autosave_timeout (&self->first_unsaved_change,
                                                                               self->autosave_delay),
                                              viva_session_store_autosave_cb, self);
}

/* The source holds a reference on the entry; the store is borrowed, as
 * dispose() removes every entry's retry. */
static gboolean
viva_session_store_retry_cb (gpointer user_data)
{
  Entry *entry = user_data;

  entry->retry_source = 0;
  viva_session_store_write_soon (entry->store, entry);

  return G_SOURCE_REMOVE;
}

static void
viva_session_store_schedule_retry (VivaSessionStore *self,
                                   Entry            *entry)
{
  if (!entry_can_write (entry))
    return;

  entry->retry_delay = viva_data_file_next_retry_delay (entry->retry_delay);

  g_clear_handle_id (&entry->retry_source, g_source_remove);
  entry->retry_source = g_timeout_add_full (G_PRIORITY_DEFAULT, entry->retry_delay,
                                            viva_session_store_retry_cb,
                                            entry_ref (entry),
                                            (GDestroyNotify) entry_unref);
}

static void
viva_session_store_session_changed_cb (VivaMockSession *session,
                                       Entry           *entry)
{
  VivaSessionStore *self = entry->store;

  if (!entry_can_write (entry))
    return;

  entry->change_serial++;
  entry->dirty = TRUE;
  viva_session_store_update_status (self);

  /* After a failed save, the retry timer decides when to try again;
   * trying on every key press would not make a full disk any emptier. */
  if (entry->retry_source == 0)
    viva_session_store_schedule_autosave (self);
}

/* Writing */

static void
viva_session_store_save_thread (GTask        *task,
                                gpointer      source_object,
                                gpointer      task_data,
                                GCancellable *cancellable)
{
  VivaSessionWrite *job = task_data;
  GError *error = NULL;

  if (viva_session_write_run (job, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static GError *
read_only_error (Entry *entry)
{
  return g_error_new (VIVA_SESSION_STORE_ERROR, VIVA_SESSION_STORE_ERROR_READ_ONLY,
                      _("This mock interview cannot be saved: “%s” was written by a newer version of Viva"),
                      entry->path);
}

/* Takes the snapshot. The entry stays dirty until the snapshot is on
 * disk, so that "flush if dirty" at quit never leaves a write behind. */
static VivaSessionWrite *
viva_session_store_prepare_write (VivaSessionStore *self,
                                  Entry            *entry)
{
  g_clear_handle_id (&entry->retry_source, g_source_remove);
  entry->save_after_write = FALSE;
  entry->snapshot_serial = entry->change_serial;

  return viva_session_write_new (entry->path, self->lock_path,
                                 viva_session_file_build (entry->session),
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
viva_session_store_finish_write (VivaSessionStore  *self,
                                 Entry             *entry,
                                 VivaSessionWrite  *job,
                                 const GError      *write_error,
                                 GError           **error)
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
    case VIVA_SESSION_WRITE_WROTE:
      entry->disk_stamp = job->stamp;
      entry->retry_delay = 0;
      entry_set_save_error (entry, NULL);
      if (entry->change_serial == entry->snapshot_serial)
        entry->dirty = FALSE;
      return FINISH_DONE;

    case VIVA_SESSION_WRITE_NEWER_ON_DISK:
      /* A newer Viva wrote this session meanwhile: never write over it,
       * and stop taking edits that could not be saved. */
      entry->future = TRUE;
      entry->dirty = FALSE;
      viva_mock_session_set_read_only (entry->session, TRUE);
      g_propagate_error (error, read_only_error (entry));
      entry_set_save_error (entry, (*error)->message);
      return FINISH_FAILED;

    case VIVA_SESSION_WRITE_CANCELLED:
      entry->dirty = FALSE;
      return FINISH_DONE;

    default:
      g_assert_not_reached ();
    }
}

typedef struct
{
  VivaSessionStore *store;
  Entry            *entry;
  GApplication     *application;
} WriteClosure;

static void
viva_session_store_write_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  WriteClosure *closure = user_data;
  g_autoptr(VivaSessionStore) self = closure->store;
  g_autoptr(Entry) entry = closure->entry;
  g_autoptr(GApplication) application = closure->application;
  VivaSessionWrite *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) write_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) finished = NULL;
  FinishResult finish;

  g_free (closure);

  g_task_propagate_boolean (G_TASK (result), &write_error);

  entry->saving = FALSE;
  self->n_saving--;

  finish = viva_session_store_finish_write (self, entry, job, write_error, &error);

  if (finish == FINISH_FAILED)
    viva_session_store_schedule_retry (self, entry);

  finished = viva_data_file_steal_tasks (&entry->current_tasks);

  /* What was asked for or changed while this write was running is
   * saved at once; flush() does its own writing. */
  if (!self->flushing && entry_can_write (entry) &&
      (entry->queued_tasks->len > 0 ||
       (finish == FINISH_DONE && entry->save_after_write && entry->dirty)))
    viva_session_store_start_write (self, entry);

  viva_session_store_update_status (self);

  if (application != NULL)
    g_application_release (application);

  viva_data_file_complete_tasks (g_steal_pointer (&finished), error);
}

static void
viva_session_store_start_write (VivaSessionStore *self,
                                Entry            *entry)
{
  g_autoptr(GTask) task = NULL;
  WriteClosure *closure;
  VivaSessionWrite *job;

  g_assert (!entry->saving);

  viva_data_file_start_tasks (&entry->queued_tasks, entry->current_tasks);

  if (!entry_can_write (entry))
    {
      g_autoptr(GError) error = entry->future
        ? read_only_error (entry)
        : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The mock interview was deleted"));

      viva_data_file_complete_tasks (viva_data_file_steal_tasks (&entry->current_tasks), error);
      return;
    }

  job = viva_session_store_prepare_write (self, entry);

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
  viva_session_store_update_status (self);

  /* As in the notes store, the task has no source object: the worker
   * thread may drop the task's last reference, and the store must be
   * finalized on the main thread, by the callback's reference. */
  task = g_task_new (NULL, NULL, viva_session_store_write_cb, closure);
  g_task_set_source_tag (task, viva_session_store_start_write);
  g_task_set_task_data (task, job, (GDestroyNotify) viva_session_write_free);
  g_task_run_in_thread (task, viva_session_store_save_thread);
}

/* Loading */

/* Newest first; ids break ties so that the order is stable. */
static int
compare_sessions (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  VivaMockSession *sa = (VivaMockSession *) a;
  VivaMockSession *sb = (VivaMockSession *) b;
  gint64 ca = viva_mock_session_get_created (sa);
  gint64 cb = viva_mock_session_get_created (sb);

  if (ca != cb)
    return ca > cb ? -1 : 1;

  return -strcmp (viva_mock_session_get_id (sa), viva_mock_session_get_id (sb));
}

static int
compare_session_pointers (gconstpointer a,
                          gconstpointer b)
{
  return compare_sessions (*(VivaMockSession * const *) a, *(VivaMockSession * const *) b, NULL);
}

static Entry *
viva_session_store_add_entry (VivaSessionStore    *self,
                              VivaMockSession     *session,
                              const char          *path,
                              const VivaFileStamp *stamp)
{
  Entry *entry = g_rc_box_new0 (Entry);

  entry->store = self;
  entry->session = g_object_ref (session);
  entry->path = g_strdup (path);
  entry->cancellable = g_cancellable_new ();
  entry->current_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  entry->queued_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  entry->disk_stamp = *stamp;
  entry->changed_handler = g_signal_connect_data (session, "changed",
                                                  G_CALLBACK (viva_session_store_session_changed_cb),
                                                  entry_ref (entry),
                                                  (GClosureNotify) entry_unref,
                                                  0);

  g_hash_table_insert (self->entries, session, entry);

  return entry;
}

static gboolean
viva_session_store_has_id (VivaSessionStore *self,
                           const char       *id)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (strcmp (viva_mock_session_get_id (key), id) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Takes what load_dir() found into the store, on the main thread. */
static void
viva_session_store_apply (VivaSessionStore *self,
                          VivaSessionDirLoad       *result)
{
  g_autoptr(GPtrArray) sessions = g_ptr_array_new ();
  gboolean had_sessions = g_list_model_get_n_items (G_LIST_MODEL (self->sessions)) > 0;
  gboolean restored = FALSE;

  for (guint i = 0; i < result->loaded->len; i++)
    {
      VivaSessionLoaded *loaded = g_ptr_array_index (result->loaded, i);
      Entry *entry;

      /* Added with viva_session_store_add() before the load. */
      if (viva_session_store_has_id (self, viva_mock_session_get_id (loaded->session)))
        continue;

      entry = viva_session_store_add_entry (self, loaded->session, loaded->path, &loaded->stamp);

      if (loaded->future)
        {
          entry->future = TRUE;
          viva_mock_session_set_read_only (loaded->session, TRUE);
        }

      if (loaded->from_backup)
        {
          /* So that the next save puts "<id>.json" back. */
          entry->change_serial++;
          entry->dirty = TRUE;
          restored = TRUE;
        }

      g_ptr_array_add (sessions, loaded->session);
    }

  g_ptr_array_sort (sessions, compare_session_pointers);
  g_list_store_splice (self->sessions, 0, 0, sessions->pdata, sessions->len);

  /* Sessions added before the load go where they belong too. */
  if (had_sessions)
    g_list_store_sort (self->sessions, compare_sessions, NULL);

  viva_session_store_update_status (self);

  if (restored)
    viva_session_store_schedule_autosave (self);
}

static void
viva_session_store_load_thread (GTask        *task,
                                gpointer      source_object,
                                gpointer      task_data,
                                GCancellable *cancellable)
{
  VivaSessionStore *self = source_object;

  g_task_return_pointer (task, viva_session_dir_load (self->dir, self->lock_path),
                         (GDestroyNotify) viva_session_dir_load_free);
}

/* Public API */

/**
 * viva_session_store_dup_default_dir:
 *
 * Returns: (transfer full): $XDG_DATA_HOME/io.github.vivaprep.Viva/sessions
 */
char *
viva_session_store_dup_default_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), APP_ID, "sessions", NULL);
}

/**
 * viva_session_store_new:
 * @dir: (nullable): the sessions folder; %NULL for the default
 *
 * Returns: (transfer full): a store; call viva_session_store_load() (or
 *   its async version) once
 */
VivaSessionStore *
viva_session_store_new (const char *dir)
{
  g_autofree char *default_dir = NULL;

  if (dir == NULL)
    dir = default_dir = viva_session_store_dup_default_dir ();

  return g_object_new (VIVA_TYPE_SESSION_STORE, "dir", dir, NULL);
}

const char *
viva_session_store_get_dir (VivaSessionStore *self)
{
  g_return_val_if_fail (VIVA_IS_SESSION_STORE (self), NULL);

  return self->dir;
}

/**
 * viva_session_store_dup_path:
 * @self: a store
 * @session: a session
 *
 * Returns: (transfer full): the file @session is saved to, for messages
 */
char *
viva_session_store_dup_path (VivaSessionStore *self,
                             VivaMockSession  *session)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (VIVA_IS_SESSION_STORE (self), NULL);
  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (session), NULL);

  name = g_strconcat (viva_mock_session_get_id (session), VIVA_SESSION_SUFFIX, NULL);

  return g_build_filename (self->dir, name, NULL);
}

/**
 * viva_session_store_load:
 * @self: a store
 * @out_problems: (out) (transfer full) (element-type VivaSessionProblem) (optional):
 *   the files that did not load as they should, for the user; empty
 *   when all is well
 *
 * Reads every session of the folder, once, at start-up. One damaged file
 * never hides the others: it is reported, moved aside byte for byte, and
 * its ".bak" is loaded instead when good. Files from a newer version are
 * listed read-only. Blocks on disk I/O; see
 * viva_session_store_load_async() for the main loop.
 *
 * Returns: (transfer none): the sessions, newest first; the same list
 *   as viva_session_store_get_sessions()
 */
GListModel *
viva_session_store_load (VivaSessionStore  *self,
                         GPtrArray        **out_problems)
{
  VivaSessionDirLoad *result;

  g_return_val_if_fail (VIVA_IS_SESSION_STORE (self), NULL);
  g_return_val_if_fail (!self->loaded, NULL);

  self->loaded = TRUE;

  result = viva_session_dir_load (self->dir, self->lock_path);
  viva_session_store_apply (self, result);

  if (out_problems != NULL)
    *out_problems = g_steal_pointer (&result->problems);

  viva_session_dir_load_free (result);

  return G_LIST_MODEL (self->sessions);
}

/**
 * viva_session_store_load_async:
 * @self: a store
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the sessions are loaded
 * @user_data: data for @callback
 *
 * viva_session_store_load() with the reading in a worker thread.
 */
void
viva_session_store_load_async (VivaSessionStore    *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VIVA_IS_SESSION_STORE (self));
  g_return_if_fail (!self->loaded);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  self->loaded = TRUE;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, viva_session_store_load_async);
  g_task_run_in_thread (task, viva_session_store_load_thread);
}

/**
 * viva_session_store_load_finish:
 * @self: a store
 * @result: the result given to the callback
 * @out_problems: (out) (transfer full) (element-type VivaSessionProblem) (optional):
 *   as for viva_session_store_load()
 * @error: return location for an error; only set when cancelled
 *
 * Returns: (transfer none) (nullable): the sessions, newest first
 */
GListModel *
viva_session_store_load_finish (VivaSessionStore  *self,
                                GAsyncResult      *result,
                                GPtrArray        **out_problems,
                                GError           **error)
{
  VivaSessionDirLoad *load;

  g_return_val_if_fail (VIVA_IS_SESSION_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == viva_session_store_load_async, NULL);

  load = g_task_propagate_pointer (G_TASK (result), error);
  if (load == NULL)
    return NULL;

  viva_session_store_apply (self, load);

  if (out_problems != NULL)
    *out_problems = g_steal_pointer (&load->problems);

  viva_session_dir_load_free (load);

  return G_LIST_MODEL (self->sessions);
}

/**
 * viva_session_store_get_sessions:
 * @self: a store
 *
 * Returns: (transfer none): the sessions (#VivaMockSession), newest first
 */
GListModel *
viva_session_store_get_sessions (VivaSessionStore *self)
{
  g_return_val_if_fail (VIVA_IS_SESSION_STORE (self), NULL);

  return G_LIST_MODEL (self->sessions);
}

/**
 * viva_session_store_add:
 * @self: a store
 * @session: a new session, from viva_mock_session_new()
 * @error: return location for an error
 *
 * Adds a new session to the history and saves it right away, then after
 * each change (see #VivaSessionStore:autosave-delay).
 *
 * Returns: %FALSE if a session with its id is already known or on disk
 */
gboolean
viva_session_store_add (VivaSessionStore  *self,
                        VivaMockSession   *session,
                        GError           **error)
{
  g_autofree char *path = NULL;
  VivaFileStamp stamp;
  Entry *entry;
  int errsv = 0;

  g_return_val_if_fail (VIVA_IS_SESSION_STORE (self), FALSE);
  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (session), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = viva_session_store_dup_path (self, session);

  /* A folder we cannot look into is the write's to report, with the
   * retries that go with it. */
  if (!viva_file_stamp_query (&stamp, path, &errsv))
    memset (&stamp, 0, sizeof stamp);

  if (viva_session_store_has_id (self, viva_mock_session_get_id (session)) || stamp.exists)
    {
      g_set_error (error, VIVA_SESSION_STORE_ERROR, VIVA_SESSION_STORE_ERROR_EXISTS,
                   _("A mock interview is already saved as “%s”"), path);
      return FALSE;
    }

  entry = viva_session_store_add_entry (self, session, path, &stamp);
  g_list_store_insert_sorted (self->sessions, session, compare_sessions, NULL);

  if (viva_mock_session_get_read_only (session))
    {
      /* Nothing to save from a session that cannot change; keep it in
       * memory only. */
      viva_session_store_update_status (self);
      return TRUE;
    }

  /* A new interview is on disk before its first answer: a crash in the
   * first minute must not lose it. */
  entry->change_serial++;
  entry->dirty = TRUE;
  viva_session_store_write_soon (self, entry);
  viva_session_store_update_status (self);

  return TRUE;
}

/**
 * viva_session_store_get_unfinished:
 * @self: a store
 *
 * The session to offer to resume at start-up: the newest one that was
 * running or paused and did not finish, and that this version can save.
 *
 * Returns: (transfer none) (nullable): the session
 */
VivaMockSession *
viva_session_store_get_unfinished (VivaSessionStore *self)
{
  guint n;

  g_return_val_if_fail (VIVA_IS_SESSION_STORE (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sessions));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VivaMockSession) session = g_list_model_get_item (G_LIST_MODEL (self->sessions), i);
      Entry *entry = g_hash_table_lookup (self->entries, session);

      if (entry != NULL && !entry->future && viva_mock_session_get_unfinished (session))
        return session;
    }

  return NULL;
}

gboolean
viva_session_store_get_dirty (VivaSessionStore *self)
{
  g_return_val_if_fail (VIVA_IS_SESSION_STORE (self), FALSE);

  return self->dirty;
}

gboolean
viva_session_store_get_saving (VivaSessionStore *self)
{
  g_return_val_if_fail (VIVA_IS_SESSION_STORE (self), FALSE);

  return self->saving;
}

const char *
viva_session_store_get_save_error (VivaSessionStore *self)
{
  g_return_val_if_fail (VIVA_IS_SESSION_STORE (self), NULL);

  return self->save_error;
}

guint
viva_session_store_get_autosave_delay (VivaSessionStore *self)
{
  g_return_val_if_fail (VIVA_IS_SESSION_STORE (self), 0);

  return self->autosave_delay;
}

void
viva_session_store_set_autosave_delay (VivaSessionStore *self,
                                       guint             msec)
{
  g_return_if_fail (VIVA_IS_SESSION_STORE (self));

  msec = MIN (msec, 60 * 1000);

  if (self->autosave_delay == msec)
    return;

  self->autosave_delay = msec;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOSAVE_DELAY]);
}

/**
 * viva_session_store_save_async:
 * @self: a store
 * @session: one of its sessions
 * @cancellable: (nullable): cancels the request while it waits for a
 *   write in flight; a write that started runs to its end
 * @callback: called when @session is on disk, or could not be saved
 * @user_data: data for @callback
 *
 * Saves @session now, whether or not it changed.
 */
void
viva_session_store_save_async (VivaSessionStore    *self,
                               VivaMockSession     *session,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Entry *entry;

  g_return_if_fail (VIVA_IS_SESSION_STORE (self));
  g_return_if_fail (VIVA_IS_MOCK_SESSION (session));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, viva_session_store_save_async);
  g_task_set_check_cancellable (task, FALSE);

  entry = g_hash_table_lookup (self->entries, session);
  if (entry == NULL)
    {
      g_task_return_new_error (task, VIVA_SESSION_STORE_ERROR, VIVA_SESSION_STORE_ERROR_NOT_FOUND,
                               _("This mock interview is not in the history"));
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
    viva_session_store_start_write (self, entry);
}

gboolean
viva_session_store_save_finish (VivaSessionStore  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (VIVA_IS_SESSION_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == viva_session_store_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * viva_session_store_flush:
 * @self: a store
 * @error: return location for the first error
 *
 * Writes every unsaved session now, in the calling thread, after the
 * writes in flight: for quitting, and before the window closes.
 *
 * Returns: %TRUE when everything is on disk
 */
gboolean
viva_session_store_flush (VivaSessionStore  *self,
                          GError           **error)
{
  g_autoptr(VivaSessionStore) hold = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) first_error = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (VIVA_IS_SESSION_STORE (self), FALSE);

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
      VivaSessionWrite *job;

      finished = viva_data_file_steal_tasks (&entry->current_tasks);
      g_ptr_array_extend_and_steal (finished, viva_data_file_steal_tasks (&entry->queued_tasks));

      if (entry->future)
        {
          local_error = read_only_error (entry);
        }
      else if (entry->dirty || finished->len > 0)
        {
          job = viva_session_store_prepare_write (self, entry);
          viva_session_write_run (job, &write_error);
          if (viva_session_store_finish_write (self, entry, job, write_error, &local_error) == FINISH_FAILED)
            viva_session_store_schedule_retry (self, entry);
          viva_session_write_free (job);
        }

      if (local_error != NULL && first_error == NULL && !entry->future)
        first_error = g_error_copy (local_error);

      viva_data_file_complete_tasks (g_steal_pointer (&finished), local_error);
    }

  self->flushing--;

  if (self->autosave_source != 0 && !self->dirty)
    g_clear_handle_id (&self->autosave_source, g_source_remove);

  viva_session_store_update_status (self);

  if (first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return FALSE;
    }

  return TRUE;
}

static void
viva_session_store_forget (VivaSessionStore *self,
                           Entry            *entry)
{
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                     _("The mock interview was deleted"));

  g_clear_handle_id (&entry->retry_source, g_source_remove);
  g_clear_signal_handler (&entry->changed_handler, entry->session);
  viva_data_file_complete_tasks (viva_data_file_steal_tasks (&entry->queued_tasks), cancelled);
}

/**
 * viva_session_store_delete:
 * @self: a store
 * @session: one of its sessions
 * @error: return location for an error
 *
 * Removes @session from the history and its file and backup from disk.
 * A write in flight for it is cancelled, or removed after it lands.
 * Refuses a session written by a newer version of Viva.
 *
 * Returns: %TRUE when the session is gone
 */
gboolean
viva_session_store_delete (VivaSessionStore  *self,
                           VivaMockSession   *session,
                           GError           **error)
{
  g_autoptr(VivaMockSession) hold = NULL;
  Entry *entry;
  guint position;
  int errsv;

  g_return_val_if_fail (VIVA_IS_SESSION_STORE (self), FALSE);
  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (session), FALSE);

  entry = g_hash_table_lookup (self->entries, session);
  if (entry == NULL)
    {
      g_set_error_literal (error, VIVA_SESSION_STORE_ERROR, VIVA_SESSION_STORE_ERROR_NOT_FOUND,
                           _("This mock interview is not in the history"));
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

  hold = g_object_ref (session);
  entry->deleted = TRUE;
  entry->dirty = FALSE;
  viva_session_store_forget (self, entry);
  g_hash_table_remove (self->entries, session);

  if (g_list_store_find (self->sessions, session, &position))
    g_list_store_remove (self->sessions, position);

  viva_session_store_update_status (self);

  return TRUE;

failed:
  /* Still there: a cancelled write may not have written, so write
   * again. */
  g_clear_object (&entry->cancellable);
  entry->cancellable = g_cancellable_new ();
  entry->change_serial++;
  entry->dirty = TRUE;
  viva_session_store_schedule_autosave (self);
  viva_session_store_update_status (self);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
               _("Could not delete the mock interview “%s”: %s"),
               entry->path, g_strerror (errsv));

  return FALSE;
}

/* GObject */

static void
viva_session_store_dispose (GObject *object)
{
  VivaSessionStore *self = (VivaSessionStore *)object;
  GHashTableIter iter;
  gpointer value;

  g_clear_handle_id (&self->autosave_source, g_source_remove);

  /* The owner is expected to flush before letting go; say so loudly when
   * it did not, since the changes go with us. */
  if (self->dirty)
    {
      g_warning ("Session store for %s disposed with unsaved changes; call viva_session_store_flush() first",
                 self->dir);
      self->dirty = FALSE;
    }

  /* Sessions may outlive us in the pages that show them. */
  if (self->entries != NULL)
    {
      g_hash_table_iter_init (&iter, self->entries);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        viva_session_store_forget (self, value);

      g_hash_table_remove_all (self->entries);
    }

  if (self->sessions != NULL)
    g_list_store_remove_all (self->sessions);

  G_OBJECT_CLASS (viva_session_store_parent_class)->dispose (object);
}

static void
viva_session_store_finalize (GObject *object)
{
  VivaSessionStore *self = (VivaSessionStore *)object;

  g_assert (self->n_saving == 0);

  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_object (&self->sessions);
  g_clear_pointer (&self->dir, g_free);
  g_clear_pointer (&self->lock_path, g_free);
  g_clear_pointer (&self->save_error, g_free);

  G_OBJECT_CLASS (viva_session_store_parent_class)->finalize (object);
}

static void
viva_session_store_constructed (GObject *object)
{
  VivaSessionStore *self = (VivaSessionStore *)object;

  G_OBJECT_CLASS (viva_session_store_parent_class)->constructed (object);

  g_assert (self->dir != NULL);
  self->lock_path = g_build_filename (self->dir, VIVA_SESSION_LOCK_NAME, NULL);
}

static void
viva_session_store_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  VivaSessionStore *self = VIVA_SESSION_STORE (object);

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
viva_session_store_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  VivaSessionStore *self = VIVA_SESSION_STORE (object);

  switch (prop_id)
    {
    case PROP_DIR:
      self->dir = g_value_dup_string (value);
      break;

    case PROP_AUTOSAVE_DELAY:
      viva_session_store_set_autosave_delay (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_session_store_class_init (VivaSessionStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = viva_session_store_constructed;
  object_class->dispose = viva_session_store_dispose;
  object_class->finalize = viva_session_store_finalize;
  object_class->get_property = viva_session_store_get_property;
  object_class->set_property = viva_session_store_set_property;

  /**
   * VivaSessionStore:dir:
   *
   * The sessions folder.
   */
  properties[PROP_DIR] =
    g_param_spec_string ("dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaSessionStore:autosave-delay:
   *
   * How long after the last change of a session to save it, in
   * milliseconds. Changes that keep coming are saved at least every 5
   * seconds anyway.
   */
  properties[PROP_AUTOSAVE_DELAY] =
    g_param_spec_uint ("autosave-delay", NULL, NULL,
                       0, 60 * 1000, AUTOSAVE_DELAY_DEFAULT_MSEC,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaSessionStore:dirty:
   *
   * Whether some change is not on disk yet. It stays %TRUE while a write
   * is in flight, so "flush if dirty" at quit never leaves one behind.
   */
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaSessionStore:saving:
   *
   * Whether a write is running in the background.
   */
  properties[PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaSessionStore:save-error:
   *
   * Why the last save of a session failed, for the user (it names the
   * file and the reason), or %NULL. The store retries on its own.
   */
  properties[PROP_SAVE_ERROR] =
    g_param_spec_string ("save-error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
viva_session_store_init (VivaSessionStore *self)
{
  self->autosave_delay = AUTOSAVE_DELAY_DEFAULT_MSEC;
  self->sessions = g_list_store_new (VIVA_TYPE_MOCK_SESSION);
  self->entries = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) entry_unref);
}
