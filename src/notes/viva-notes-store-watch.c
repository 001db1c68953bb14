/* viva-notes-store-watch.c
 *
 * Following notes.json: when another process replaces it, the notes
 * store merges its changes at once rather than at the next save. Part of
 * VivaNotesStore (see viva-notes-store-private.h); split from
 * viva-notes-store.c by concern.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>

#include "viva-file-saver.h"
#include "viva-notes-file.h"
#include "viva-notes-store-private.h"

/* How long the file must be quiet, after another process changed it,
 * before we read it: a save is several events (temporary file, rename,
 * backup). */
#define RELOAD_DELAY_MSEC 200

typedef struct
{
  char          *path;
  VivaFileStamp  disk_stamp;
} Reload;

static void
reload_free (Reload *reload)
{
  g_free (reload->path);
  g_free (reload);
}

static void
viva_notes_store_reload_thread (GTask        *task,
                                gpointer      source_object,
                                gpointer      task_data,
                                GCancellable *cancellable)
{
  Reload *reload = task_data;
  VivaNotesFile *file = NULL;
  GError *error = NULL;

  if (viva_notes_file_read (reload->path, &file, &error))
    g_task_return_pointer (task, file, (GDestroyNotify) viva_notes_file_free);
  else
    {
      g_clear_pointer (&file, viva_notes_file_free);
      g_task_return_error (task, error);
    }
}

static void
viva_notes_store_reload_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(VivaNotesStore) self = user_data;
  Reload *reload = g_task_get_task_data (G_TASK (result));
  g_autoptr(VivaNotesFile) file = g_task_propagate_pointer (G_TASK (result), NULL);
  gboolean was_dirty;
  guint conflicts;

  self->reloading = FALSE;

  /* Disposed: no longer following the file. */
  if (self->monitor == NULL)
    return;

  /* Changed again while we read: look again. */
  if (self->reload_after_write && !viva_file_saver_get_saving (self->saver) &&
      !viva_file_saver_get_flushing (self->saver))
    {
      self->reload_after_write = FALSE;
      _viva_notes_store_schedule_reload (self);
    }

  /* A damaged file, or one from a newer Viva, is dealt with by the
   * next save, which must not write over it. */
  if (file == NULL || self->state == VIVA_NOTES_STORE_STATE_READ_ONLY)
    return;

  /* A save since we began reading has merged the file, or written over
   * it after merging it; one in flight will. */
  if (viva_file_saver_get_saving (self->saver) || viva_file_saver_get_flushing (self->saver) ||
      !viva_file_stamp_equal (&self->disk_stamp, &reload->disk_stamp))
    return;

  if (viva_file_stamp_equal (&file->stamp, &self->disk_stamp))
    return;

  was_dirty = viva_file_saver_get_dirty (self->saver);
  conflicts = _viva_notes_store_merge (self, file);
  _viva_notes_store_set_base (self, g_steal_pointer (&file->records));
  self->disk_stamp = file->stamp;

  /* Taking the other side's changes into notes saved as they were
   * leaves them as the file has them. Our unsaved changes, and notes
   * that kept two texts, are still to be written. */
  if (was_dirty || conflicts > 0)
    viva_file_saver_changed (self->saver);
}

static void
viva_notes_store_reload_check_cb (gpointer user_data)
{
  VivaNotesStore *self = user_data;
  g_autoptr(GTask) task = NULL;
  VivaFileStamp current;
  Reload *reload;
  int errsv;

  self->reload_source = 0;

  if (self->state == VIVA_NOTES_STORE_STATE_READ_ONLY)
    return;

  if (viva_file_saver_get_saving (self->saver) || viva_file_saver_get_flushing (self->saver) ||
      self->reloading)
    {
      self->reload_after_write = TRUE;
      return;
    }

  /* Our own save, or a file that went away (the next save puts it
   * back). */
  if (!viva_file_stamp_query (&current, self->path, &errsv) ||
      !current.exists ||
      viva_file_stamp_equal (&current, &self->disk_stamp))
    return;

  reload = g_new0 (Reload, 1);
  reload->path = g_strdup (self->path);
  reload->disk_stamp = self->disk_stamp;

  self->reloading = TRUE;

  /* As for writes, the task does not hold the store, whose last
   * reference must not go in the worker thread. */
  task = g_task_new (NULL, self->reload_cancellable, viva_notes_store_reload_cb, g_object_ref (self));
  g_task_set_source_tag (task, viva_notes_store_reload_check_cb);
  g_task_set_task_data (task, reload, (GDestroyNotify) reload_free);
  g_task_run_in_thread (task, viva_notes_store_reload_thread);
}

void
_viva_notes_store_schedule_reload (VivaNotesStore *self)
{
  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->reload_source = g_timeout_add_once (RELOAD_DELAY_MSEC,
                                            viva_notes_store_reload_check_cb,
                                            self);
}

static void
viva_notes_store_dir_changed_cb (GFileMonitor      *monitor,
                                 GFile             *file,
                                 GFile             *other_file,
                                 GFileMonitorEvent  event,
                                 gpointer           user_data)
{
  VivaNotesStore *self = user_data;
  g_autofree char *name = g_path_get_basename (self->path);
  g_autofree char *changed = NULL;
  g_autofree char *renamed_to = NULL;

  changed = g_file_get_basename (file);
  if (other_file != NULL)
    renamed_to = g_file_get_basename (other_file);

  /* An atomic save is a temporary file renamed over notes.json. */
  if (g_strcmp0 (changed, name) != 0 && g_strcmp0 (renamed_to, name) != 0)
    return;

  _viva_notes_store_schedule_reload (self);
}


/**
 * viva_notes_store_watch:
 * @self: a loaded store (not still loading: see
 *   viva_notes_store_load_async())
 *
 * Follows the notes file from now on: when another process (another
 * Viva, a sync tool) replaces it, its changes are merged at once, as a
 * save merges them (see #VivaNotesStore::conflict), rather than at our
 * next save. What we have not saved yet stays, and is saved as usual.
 * Nothing is read while a save runs; the save merges by itself.
 */
void
viva_notes_store_watch (VivaNotesStore *self)
{
  g_autofree char *dir_path = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (VIVA_IS_NOTES_STORE (self));
  g_return_if_fail (self->loaded && !self->loading);

  if (self->monitor != NULL)
    return;

  /* The folder, not the file: an atomic save replaces the file. It is
   * created now (as the first save would) so that there is one to
   * watch. */
  dir_path = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir_path, 0700) != 0)
    {
      g_debug ("Not following %s: %s", self->path, g_strerror (errno));
      return;
    }

  dir = g_file_new_for_path (dir_path);
  self->monitor = g_file_monitor_directory (dir, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      g_debug ("Not following %s: %s", self->path, error->message);
      return;
    }

  g_signal_connect (self->monitor, "changed",
                    G_CALLBACK (viva_notes_store_dir_changed_cb), self);
}
