/* viva-file-saver.c
 *
 * The one save pipeline of Viva; see viva-file-saver.h. It grew out of
 * the notes store's, which the document store had copied: the rules and
 * their reasons are the same for every file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-file-saver.h"

#define AUTOSAVE_DELAY_DEFAULT_MSEC 1000
/* Changes that keep coming (typing, a running clock) are still saved at
 * least this often. */
#define AUTOSAVE_MAX_INTERVAL_MSEC  5000
#define RETRY_FIRST_MSEC            2000
#define RETRY_MAX_MSEC              60000

struct _VivaFileSaver
{
  GObject                   parent_instance;

  /* Borrowed: the store, which owns us */
  const VivaFileSaverFuncs *funcs;
  GObject                  *owner;

  /* Owned */
  gpointer                  user_data;
  GDestroyNotify            user_data_free;
  GPtrArray                *current_tasks;
  GPtrArray                *queued_tasks;
  char                     *save_error;

  guint64                   change_serial;
  guint64                   snapshot_serial;
  gint64                    first_unsaved_change;
  guint                     autosave_delay;
  guint                     autosave_source;
  guint                     retry_source;
  guint                     retry_delay;
  guint                     flushing;

  guint                     dirty : 1;
  guint                     saving : 1;
  guint                     save_after_write : 1;
};

G_DEFINE_FINAL_TYPE (VivaFileSaver, viva_file_saver, G_TYPE_OBJECT)

static void viva_file_saver_start_write (VivaFileSaver *self);

/* Answering the callers of save_async() */

typedef struct
{
  GPtrArray *tasks;
  GError    *error;
} TaskCompletion;

static void
complete_tasks_cb (gpointer user_data)
{
  TaskCompletion *completion = user_data;

  for (guint i = 0; i < completion->tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (completion->tasks, i);

      if (completion->error != NULL)
        g_task_return_error (task, g_error_copy (completion->error));
      else
        g_task_return_boolean (task, TRUE);
    }

  g_ptr_array_unref (completion->tasks);
  g_clear_error (&completion->error);
  g_free (completion);
}

/* Answers the callers from an idle callback: GTask would call them right
 * away from inside the saver's bookkeeping otherwise, and a callback that
 * saves again would re-enter it. Takes @tasks. */
static void
complete_tasks (GPtrArray    *tasks,
                const GError *error)
{
  TaskCompletion *completion;

  if (tasks->len == 0)
    {
      g_ptr_array_unref (tasks);
      return;
    }

  completion = g_new0 (TaskCompletion, 1);
  completion->tasks = tasks;
  completion->error = error ? g_error_copy (error) : NULL;
  g_idle_add_once (complete_tasks_cb, completion);
}

/* Takes the waiting tasks, leaving an empty array in their place. */
static GPtrArray *
steal_tasks (GPtrArray **tasks)
{
  GPtrArray *stolen = *tasks;

  *tasks = g_ptr_array_new_with_free_func (g_object_unref);

  return stolen;
}

/* Requests made before a write starts are answered by it, unless they
 * were cancelled while they waited: those are answered now. */
static void
viva_file_saver_start_tasks (VivaFileSaver *self)
{
  g_autoptr(GPtrArray) queued = steal_tasks (&self->queued_tasks);
  g_autoptr(GPtrArray) cancelled = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < queued->len; i++)
    {
      GTask *queued_task = g_ptr_array_index (queued, i);

      if (g_cancellable_is_cancelled (g_task_get_cancellable (queued_task)))
        g_ptr_array_add (cancelled, g_object_ref (queued_task));
      else
        g_ptr_array_add (self->current_tasks, g_object_ref (queued_task));
    }

  if (cancelled->len > 0)
    {
      g_autoptr(GError) cancelled_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                               _("Operation was cancelled"));

      complete_tasks (g_steal_pointer (&cancelled), cancelled_error);
    }
}

/* State */

static void
viva_file_saver_status_changed (VivaFileSaver *self)
{
  if (self->funcs->status_changed != NULL)
    self->funcs->status_changed (self->user_data);
}

static void
viva_file_saver_set_save_error (VivaFileSaver *self,
                                const char    *message)
{
  if (self->save_error == message)
    return;

  g_free (self->save_error);
  self->save_error = g_strdup (message);
}

static gboolean
viva_file_saver_can_write (VivaFileSaver *self)
{
  return self->funcs->can_write (self->user_data);
}

/* Timers */

/* Writes now, or right after the write in flight. */
static void
viva_file_saver_write_soon_internal (VivaFileSaver *self)
{
  if (self->saving || self->flushing)
    {
      self->save_after_write = TRUE;
      return;
    }

  if (self->dirty && viva_file_saver_can_write (self))
    viva_file_saver_start_write (self);
}

static void
viva_file_saver_autosave_cb (gpointer user_data)
{
  VivaFileSaver *self = user_data;

  self->autosave_source = 0;
  viva_file_saver_write_soon_internal (self);
}

static void
viva_file_saver_retry_cb (gpointer user_data)
{
  VivaFileSaver *self = user_data;

  self->retry_source = 0;
  viva_file_saver_write_soon_internal (self);
}

/* Saves a moment after the last change, so that typing does not write
 * on every key, but at least every AUTOSAVE_MAX_INTERVAL_MSEC while the
 * changes keep coming. */
static void
viva_file_saver_schedule_autosave (VivaFileSaver *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 deadline;

  if (!viva_file_saver_can_write (self))
    return;

  /* After a failed save, the retry timer decides when to try again;
   * trying on every key press would not make a full disk any emptier. */
  if (self->retry_source != 0)
    return;

  if (self->first_unsaved_change == 0)
    self->first_unsaved_change = now;

  deadline = MIN (now + (gint64) self->autosave_delay * 1000,
                  self->first_unsaved_change + (gint64) AUTOSAVE_MAX_INTERVAL_MSEC * 1000);

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  self->autosave_source = g_timeout_add_once ((guint) (MAX (deadline - now, 0) / 1000),
                                              viva_file_saver_autosave_cb, self);
}

/* Backs off after each failed save, so that a full disk is not
 * hammered. */
static void
viva_file_saver_schedule_retry (VivaFileSaver *self)
{
  if (!viva_file_saver_can_write (self))
    return;

  self->retry_delay = self->retry_delay == 0 ? RETRY_FIRST_MSEC : MIN (self->retry_delay * 2, RETRY_MAX_MSEC);

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  self->retry_source = g_timeout_add_once (self->retry_delay, viva_file_saver_retry_cb, self);
}

/* Writing */

/* Takes the snapshot. The file stays dirty until the snapshot is on
 * disk: callers decide whether to flush before quitting by looking at
 * "dirty", and a write in flight when the process exits is lost. The
 * serials tell, once the write has landed, whether the user changed
 * something after the snapshot. */
static gpointer
viva_file_saver_prepare_write (VivaFileSaver *self)
{
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  self->first_unsaved_change = 0;
  self->save_after_write = FALSE;
  self->snapshot_serial = self->change_serial;

  return self->funcs->snapshot (self->user_data);
}

/* Acts on what a write found. */
static VivaFileSaverResult
viva_file_saver_finish_write (VivaFileSaver  *self,
                              gpointer        job,
                              const GError   *write_error,
                              GError        **error)
{
  VivaFileSaverResult result = self->funcs->finish (self->user_data, job, write_error, error);

  g_assert (write_error == NULL || result == VIVA_FILE_SAVER_FAILED);
  g_assert (result != VIVA_FILE_SAVER_FAILED || *error != NULL);

  switch (result)
    {
    case VIVA_FILE_SAVER_WROTE:
      self->retry_delay = 0;
      viva_file_saver_set_save_error (self, NULL);
      if (self->change_serial == self->snapshot_serial)
        self->dirty = FALSE;
      break;

    case VIVA_FILE_SAVER_AGAIN:
      /* The snapshot was not written; the merged contents still need to
       * be. */
      self->change_serial++;
      self->dirty = TRUE;
      break;

    case VIVA_FILE_SAVER_FAILED:
      /* Nothing was written: everything stays in memory, and dirty. */
      viva_file_saver_set_save_error (self, (*error)->message);
      self->dirty = TRUE;
      viva_file_saver_schedule_retry (self);
      break;

    case VIVA_FILE_SAVER_DROPPED:
      self->dirty = FALSE;
      if (*error != NULL)
        viva_file_saver_set_save_error (self, (*error)->message);
      break;

    default:
      g_assert_not_reached ();
    }

  return result;
}

typedef struct
{
  const VivaFileSaverFuncs *funcs;
  gpointer                  job;
} WriteJob;

static void
write_job_free (WriteJob *write_job)
{
  write_job->funcs->free_job (write_job->job);
  g_free (write_job);
}

typedef struct
{
  VivaFileSaver *saver;
  GObject       *owner;
  GApplication  *application;
} WriteClosure;

static void
viva_file_saver_write_thread (GTask        *task,
                              gpointer      source_object,
                              gpointer      task_data,
                              GCancellable *cancellable)
{
  WriteJob *write_job = task_data;
  GError *error = NULL;

  if (write_job->funcs->write (write_job->job, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
viva_file_saver_write_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  WriteClosure *closure = user_data;
  g_autoptr(VivaFileSaver) self = closure->saver;
  g_autoptr(GObject) owner = closure->owner;
  g_autoptr(GApplication) application = closure->application;
  WriteJob *write_job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) write_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) finished = NULL;
  VivaFileSaverResult finish;
  gboolean succeeded;

  g_free (closure);

  g_object_freeze_notify (owner);

  g_task_propagate_boolean (G_TASK (result), &write_error);

  self->saving = FALSE;

  finish = viva_file_saver_finish_write (self, write_job->job, write_error, &error);
  succeeded = finish == VIVA_FILE_SAVER_WROTE || (finish == VIVA_FILE_SAVER_DROPPED && error == NULL);

  if (finish != VIVA_FILE_SAVER_AGAIN)
    finished = steal_tasks (&self->current_tasks);

  /* A merge is written at once; so is what was asked for or changed
   * while this write was running. flush() does its own writing. */
  if (!self->flushing &&
      (finish == VIVA_FILE_SAVER_AGAIN ||
       self->queued_tasks->len > 0 ||
       (succeeded && self->save_after_write && self->dirty && viva_file_saver_can_write (self))))
    viva_file_saver_start_write (self);

  viva_file_saver_status_changed (self);

  if (self->funcs->after_write != NULL)
    self->funcs->after_write (self->user_data);

  g_object_thaw_notify (owner);

  viva_file_saver_release_application (g_steal_pointer (&application));

  if (finished != NULL)
    complete_tasks (g_steal_pointer (&finished), error);
}

static void
viva_file_saver_start_write (VivaFileSaver *self)
{
  g_autoptr(GTask) task = NULL;
  WriteClosure *closure;
  WriteJob *write_job;

  g_assert (!self->saving);

  viva_file_saver_start_tasks (self);

  if (!viva_file_saver_can_write (self))
    {
      g_autoptr(GError) error = self->funcs->cannot_write_error (self->user_data);

      complete_tasks (steal_tasks (&self->current_tasks), error);
      return;
    }

  write_job = g_new0 (WriteJob, 1);
  write_job->funcs = self->funcs;
  write_job->job = viva_file_saver_prepare_write (self);

  closure = g_new0 (WriteClosure, 1);
  closure->saver = g_object_ref (self);
  closure->owner = g_object_ref (self->owner);

  closure->application = viva_file_saver_hold_application ();

  self->saving = TRUE;
  viva_file_saver_status_changed (self);

  /* The worker thread drops its reference to the task only after this
   * callback ran on the main thread; were the store the task's source
   * object, its last reference (and dispose) could go with it, in that
   * thread. So the task knows only the job, and the store is kept alive
   * by a reference that the callback drops on the main thread. */
  task = g_task_new (NULL, NULL, viva_file_saver_write_cb, closure);
  g_task_set_source_tag (task, viva_file_saver_start_write);
  g_task_set_task_data (task, write_job, (GDestroyNotify) write_job_free);
  g_task_run_in_thread (task, viva_file_saver_write_thread);
}

/* flush()'s writing, in the calling thread. */
static gboolean
viva_file_saver_write_sync (VivaFileSaver  *self,
                            GError        **error)
{
  if (!self->dirty && self->current_tasks->len == 0 && self->queued_tasks->len == 0)
    return TRUE;

  if (!viva_file_saver_can_write (self))
    {
      g_propagate_error (error, self->funcs->cannot_write_error (self->user_data));
      return FALSE;
    }

  for (;;)
    {
      g_autoptr(GError) write_error = NULL;
      g_autoptr(GError) local_error = NULL;
      VivaFileSaverResult finish;
      gpointer job;

      job = viva_file_saver_prepare_write (self);
      self->funcs->write (job, &write_error);
      finish = viva_file_saver_finish_write (self, job, write_error, &local_error);
      self->funcs->free_job (job);

      if (finish == VIVA_FILE_SAVER_AGAIN)
        continue;

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      return TRUE;
    }
}

/* GObject */

static void
viva_file_saver_dispose (GObject *object)
{
  VivaFileSaver *self = (VivaFileSaver *)object;

  viva_file_saver_stop_timers (self);

  G_OBJECT_CLASS (viva_file_saver_parent_class)->dispose (object);
}

static void
viva_file_saver_finalize (GObject *object)
{
  VivaFileSaver *self = (VivaFileSaver *)object;

  g_assert (!self->saving);

  g_clear_pointer (&self->current_tasks, g_ptr_array_unref);
  g_clear_pointer (&self->queued_tasks, g_ptr_array_unref);
  g_clear_pointer (&self->save_error, g_free);
  if (self->user_data_free != NULL)
    g_clear_pointer (&self->user_data, self->user_data_free);

  G_OBJECT_CLASS (viva_file_saver_parent_class)->finalize (object);
}

static void
viva_file_saver_class_init (VivaFileSaverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = viva_file_saver_dispose;
  object_class->finalize = viva_file_saver_finalize;
}

static void
viva_file_saver_init (VivaFileSaver *self)
{
  self->autosave_delay = AUTOSAVE_DELAY_DEFAULT_MSEC;
  self->current_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->queued_tasks = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Public API */

/**
 * viva_file_saver_new:
 * @funcs: (not nullable): what the saver asks of the store; must outlive
 *   the saver (a static table)
 * @owner: the store; borrowed, and kept alive while a write is in
 *   flight, so that it is finalized on the main thread
 * @user_data: given to @funcs
 * @user_data_free: (nullable): frees @user_data with the saver
 *
 * Returns: (transfer full): a saver for one file, clean
 */
VivaFileSaver *
viva_file_saver_new (const VivaFileSaverFuncs *funcs,
                     GObject                  *owner,
                     gpointer                  user_data,
                     GDestroyNotify            user_data_free)
{
  VivaFileSaver *self;

  g_return_val_if_fail (funcs != NULL, NULL);
  g_return_val_if_fail (G_IS_OBJECT (owner), NULL);

  self = g_object_new (VIVA_TYPE_FILE_SAVER, NULL);
  self->funcs = funcs;
  self->owner = owner;
  self->user_data = user_data;
  self->user_data_free = user_data_free;

  return self;
}

gpointer
viva_file_saver_get_user_data (VivaFileSaver *self)
{
  g_return_val_if_fail (VIVA_IS_FILE_SAVER (self), NULL);

  return self->user_data;
}

/* Whether some change is not on disk yet; it stays TRUE while a write is
 * in flight, so "flush if dirty" at quit never leaves one behind. */
gboolean
viva_file_saver_get_dirty (VivaFileSaver *self)
{
  g_return_val_if_fail (VIVA_IS_FILE_SAVER (self), FALSE);

  return self->dirty;
}

gboolean
viva_file_saver_get_saving (VivaFileSaver *self)
{
  g_return_val_if_fail (VIVA_IS_FILE_SAVER (self), FALSE);

  return self->saving;
}

gboolean
viva_file_saver_get_flushing (VivaFileSaver *self)
{
  g_return_val_if_fail (VIVA_IS_FILE_SAVER (self), FALSE);

  return self->flushing > 0;
}

/* Why the last write failed, for the user, or NULL. */
const char *
viva_file_saver_get_save_error (VivaFileSaver *self)
{
  g_return_val_if_fail (VIVA_IS_FILE_SAVER (self), NULL);

  return self->save_error;
}

void
viva_file_saver_set_autosave_delay (VivaFileSaver *self,
                                    guint          msec)
{
  g_return_if_fail (VIVA_IS_FILE_SAVER (self));

  self->autosave_delay = msec;
}

/**
 * viva_file_saver_changed:
 * @self: a saver
 *
 * Something to save changed: marks the file dirty and saves it after the
 * autosave delay (or with the retry after a failed save).
 */
void
viva_file_saver_changed (VivaFileSaver *self)
{
  g_return_if_fail (VIVA_IS_FILE_SAVER (self));

  self->change_serial++;
  self->dirty = TRUE;
  viva_file_saver_status_changed (self);
  viva_file_saver_schedule_autosave (self);
}

/**
 * viva_file_saver_write_soon:
 * @self: a saver
 *
 * Writes what is unsaved now, or right after the write in flight,
 * without waiting for the autosave delay.
 */
void
viva_file_saver_write_soon (VivaFileSaver *self)
{
  g_return_if_fail (VIVA_IS_FILE_SAVER (self));

  viva_file_saver_write_soon_internal (self);
}

/**
 * viva_file_saver_save:
 * @self: a saver
 * @task: (transfer full): the caller's request, answered with a boolean
 *   when the file as it is now is on disk, or with why not
 *
 * Writes now (or right after the write in flight), whether or not
 * anything changed.
 */
void
viva_file_saver_save (VivaFileSaver *self,
                      GTask         *task)
{
  g_autoptr(GTask) owned = task;

  g_return_if_fail (VIVA_IS_FILE_SAVER (self));
  g_return_if_fail (G_IS_TASK (task));

  /* Once the write has started, the answer is whether the file is on
   * disk, cancelled or not. */
  g_task_set_check_cancellable (task, FALSE);

  if (!viva_file_saver_can_write (self))
    {
      g_task_return_error (task, self->funcs->cannot_write_error (self->user_data));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  g_ptr_array_add (self->queued_tasks, g_steal_pointer (&owned));

  if (!self->saving && !self->flushing)
    viva_file_saver_start_write (self);
}

/* Holds back the background writes until viva_file_saver_end_flush():
 * a store that flushes several files stops them all first. */
void
viva_file_saver_begin_flush (VivaFileSaver *self)
{
  g_return_if_fail (VIVA_IS_FILE_SAVER (self));

  self->flushing++;
}

void
viva_file_saver_end_flush (VivaFileSaver *self)
{
  g_return_if_fail (VIVA_IS_FILE_SAVER (self));
  g_return_if_fail (self->flushing > 0);

  self->flushing--;
}

/**
 * viva_file_saver_flush:
 * @self: a saver
 * @error: return location for why the file is not on disk
 *
 * For closing and quitting: waits for the write in flight (running the
 * default main context meanwhile), then writes what is still unsaved, in
 * the calling thread, by the same rules as the background writes. Whoever
 * asked for a save meanwhile gets this flush's answer.
 *
 * Returns: %TRUE when everything is on disk
 */
gboolean
viva_file_saver_flush (VivaFileSaver  *self,
                       GError        **error)
{
  g_autoptr(VivaFileSaver) hold = NULL;
  g_autoptr(GObject) hold_owner = NULL;
  g_autoptr(GError) local_error = NULL;
  GPtrArray *finished;
  gboolean ret;

  g_return_val_if_fail (VIVA_IS_FILE_SAVER (self), FALSE);

  hold = g_object_ref (self);
  hold_owner = g_object_ref (self->owner);

  viva_file_saver_begin_flush (self);

  while (self->saving)
    g_main_context_iteration (NULL, TRUE);

  ret = viva_file_saver_write_sync (self, &local_error);

  viva_file_saver_end_flush (self);

  finished = steal_tasks (&self->current_tasks);
  g_ptr_array_extend_and_steal (finished, steal_tasks (&self->queued_tasks));
  complete_tasks (finished, local_error);

  viva_file_saver_status_changed (self);

  if (!ret)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return ret;
}

/* No autosave or retry is pending after this; for a file that can no
 * longer be written, and before the store lets go. */
void
viva_file_saver_stop_timers (VivaFileSaver *self)
{
  g_return_if_fail (VIVA_IS_FILE_SAVER (self));

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_clear_handle_id (&self->retry_source, g_source_remove);
}

/**
 * viva_file_saver_forget:
 * @self: a saver
 * @error: (nullable): the answer for the callers still waiting for a
 *   write
 *
 * For a file that is deleted, or a store that goes: drops what is
 * unsaved and the timers, and answers the waiting callers with @error.
 * A write in flight runs to its end.
 */
void
viva_file_saver_forget (VivaFileSaver *self,
                        const GError  *error)
{
  g_return_if_fail (VIVA_IS_FILE_SAVER (self));

  viva_file_saver_stop_timers (self);
  self->dirty = FALSE;

  if (error != NULL)
    complete_tasks (steal_tasks (&self->queued_tasks), error);
}

/**
 * viva_file_saver_hold_application:
 *
 * The user may quit while a file is written; this keeps the process
 * until the write is done. For writes that do not go through a saver
 * (the interview templates' edits).
 *
 * Returns: (transfer full) (nullable): the default application, held,
 *   for viva_file_saver_release_application()
 */
GApplication *
viva_file_saver_hold_application (void)
{
  GApplication *application = g_application_get_default ();

  if (application == NULL)
    return NULL;

  g_application_hold (application);

  return g_object_ref (application);
}

/**
 * viva_file_saver_release_application:
 * @application: (transfer full) (nullable): from
 *   viva_file_saver_hold_application()
 */
void
viva_file_saver_release_application (GApplication *application)
{
  if (application == NULL)
    return;

  g_application_release (application);
  g_object_unref (application);
}

/**
 * viva_save_status_publish:
 * @status: what @object's properties said so far
 * @object: the store
 * @pspecs: its "dirty", "saving" and "save-error" properties, in this
 *   order
 * @dirty: whether some change is not on disk yet
 * @saving: whether a write is in flight
 * @save_error: (nullable): why the last write failed
 *
 * Updates @status and notifies the properties that changed, once each.
 */
void
viva_save_status_publish (VivaSaveStatus  *status,
                          GObject         *object,
                          GParamSpec     **pspecs,
                          gboolean         dirty,
                          gboolean         saving,
                          const char      *save_error)
{
  g_return_if_fail (status != NULL);
  g_return_if_fail (G_IS_OBJECT (object));

  dirty = !!dirty;
  saving = !!saving;

  g_object_freeze_notify (object);

  if (status->dirty != dirty)
    {
      status->dirty = dirty;
      g_object_notify_by_pspec (object, pspecs[0]);
    }

  if (status->saving != saving)
    {
      status->saving = saving;
      g_object_notify_by_pspec (object, pspecs[1]);
    }

  if (g_strcmp0 (status->save_error, save_error) != 0)
    {
      g_free (status->save_error);
      status->save_error = g_strdup (save_error);
      g_object_notify_by_pspec (object, pspecs[2]);
    }

  g_object_thaw_notify (object);
}

void
viva_save_status_clear (VivaSaveStatus *status)
{
  g_clear_pointer (&status->save_error, g_free);
}
