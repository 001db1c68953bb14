/* viva-notes-store-load.c
 *
 * Loading notes.json at start-up, and recovering from a missing,
 * damaged, unreadable or newer file: moving it aside, falling back on
 * the backup, or opening read-only. Part of VivaNotesStore (see
 * viva-notes-store-private.h); split from viva-notes-store.c by concern.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "viva-file-saver.h"
#include "viva-notes-file.h"
#include "viva-notes-store-private.h"
#include "viva-test-hold.h"

/* Tries of a load whose file keeps being replaced while we look at it. */
#define MAX_LOAD_ATTEMPTS 3

/* One file the load's worker read: what viva_notes_file_read() gave. */
typedef struct
{
  char          *path;
  VivaNotesFile *file;
  GError        *error;
} PrereadFile;

/* What the worker of viva_notes_store_load_async() read: notes.json,
 * and its backup too when notes.json was missing or damaged, so that
 * the usual recovery needs no second read on the main thread. */
typedef struct _VivaNotesPreread
{
  PrereadFile               files[2];
  guint                     n_files;

  /* notes.json.journal, opened (and locked) and read */
  VivaNotesJournal         *journal;
  VivaNotesJournalContents *journal_contents;
  char                     *journal_aside;
  GError                   *journal_error;
} VivaNotesPreread;

static void
viva_notes_preread_free (VivaNotesPreread *preread)
{
  g_clear_pointer (&preread->journal, viva_notes_journal_unref);
  g_clear_pointer (&preread->journal_contents, viva_notes_journal_contents_free);
  g_clear_pointer (&preread->journal_aside, g_free);
  g_clear_error (&preread->journal_error);

  for (guint i = 0; i < preread->n_files; i++)
    {
      g_free (preread->files[i].path);
      g_clear_pointer (&preread->files[i].file, viva_notes_file_free);
      g_clear_error (&preread->files[i].error);
    }
  g_free (preread);
}

/* In the worker thread. Returns what the read found. */
static VivaDataFileReadResult
viva_notes_preread_add (VivaNotesPreread *preread,
                        const char       *path)
{
  PrereadFile *read = &preread->files[preread->n_files++];

  g_assert (preread->n_files <= G_N_ELEMENTS (preread->files));

  read->path = g_strdup (path);
  viva_notes_file_read (path, &read->file, &read->error);

  return viva_data_file_read_result (read->error, VIVA_NOTES_STORE_ERROR);
}

/* Reads @path for the load's decisions below, as viva_notes_file_read()
 * does; the first time, takes what the load's worker read instead, if
 * it read @path. A second try (the file was replaced while we looked at
 * it) reads again. */
static gboolean
viva_notes_store_read (VivaNotesStore  *self,
                       const char      *path,
                       VivaNotesFile  **out_file,
                       GError         **error)
{
  for (guint i = 0; self->preread != NULL && i < self->preread->n_files; i++)
    {
      PrereadFile *read = &self->preread->files[i];

      if (read->path == NULL || strcmp (read->path, path) != 0)
        continue;

      g_clear_pointer (&read->path, g_free);
      *out_file = g_steal_pointer (&read->file);
      if (read->error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&read->error));
          return FALSE;
        }
      return TRUE;
    }

  return viva_notes_file_read (path, out_file, error);
}

/* Opens, locks and reads the journal: what the load's worker did, or
 * now. Once per load. */
static void
viva_notes_store_read_journal (VivaNotesStore            *self,
                               VivaNotesJournalContents **out_contents,
                               char                     **out_aside,
                               GError                   **error)
{
  if (self->preread != NULL && self->preread->journal != NULL)
    {
      g_clear_pointer (&self->journal, viva_notes_journal_unref);
      self->journal = g_steal_pointer (&self->preread->journal);
      *out_contents = g_steal_pointer (&self->preread->journal_contents);
      *out_aside = g_steal_pointer (&self->preread->journal_aside);
      if (self->preread->journal_error != NULL)
        g_propagate_error (error, g_steal_pointer (&self->preread->journal_error));
      return;
    }

  if (self->journal == NULL)
    self->journal = viva_notes_journal_new (self->path);

  viva_notes_journal_read (self->journal, out_contents, out_aside, error);
}

/* Puts @file's notes (NULL when there is no file at all) in the store,
 * with what the journal holds that the file does not: the changes of a
 * Viva that ended without writing the file. Those are not on disk, so
 * the file alone stays the base of a merge, and the notes are saved
 * again. Returns FALSE, with @error, when the journal was damaged: it
 * was kept aside and its good entries used, which the user is told as
 * for a damaged notes.json. */
static gboolean
viva_notes_store_apply_with_journal (VivaNotesStore  *self,
                                     VivaNotesFile   *file,
                                     GError         **error)
{
  g_autoptr(VivaNotesJournalContents) contents = NULL;
  g_autoptr(GError) journal_error = NULL;
  g_autoptr(GPtrArray) replayed = NULL;
  g_autofree char *aside = NULL;
  guint64 file_sequence = file != NULL ? file->journal_sequence : 0;
  guint n_replayed = 0;

  viva_notes_store_read_journal (self, &contents, &aside, &journal_error);

  if (self->journal != NULL && viva_notes_journal_get_busy (self->journal))
    {
      /* Another Viva owns it, and is alive: its changes are its own to
       * write, and ours are saved without a journal. */
      self->journal_off = TRUE;
      g_clear_pointer (&contents, viva_notes_journal_contents_free);
    }

  replayed = viva_notes_journal_replay (file != NULL ? file->records : NULL, file_sequence,
                                        contents, &self->journal_sequence, &n_replayed);

  if (n_replayed > 0)
    {
      VivaNotesFile view = { 0 };

      view.records = replayed;
      _viva_notes_store_apply (self, &view);
      /* They are on disk only in the journal until the file is
       * written. */
      viva_file_saver_changed (self->saver);
      g_message ("Replayed %u notes from %s", n_replayed, viva_notes_journal_get_path (self->journal));
    }
  else if (file != NULL)
    _viva_notes_store_apply (self, file);

  if (contents == NULL || contents->problem == NULL)
    {
      /* Not there, or not ours to open (a read-only folder): appends
       * will try again, and say so the way saves do when they fail. */
      if (journal_error != NULL)
        g_message ("%s", journal_error->message);
      return TRUE;
    }

  if (aside != NULL)
    {
      g_clear_error (&journal_error);
      g_set_error (&journal_error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                   _("the journal of your latest changes was damaged (%s); its good entries were used"),
                   contents->problem);
      if (self->moved_aside_path == NULL)
        _viva_notes_store_recovered (self, aside);
    }
  else
    {
      /* Its good entries were used; the rest stays where it is, and
       * nothing is appended after it. */
      self->journal_off = TRUE;
    }

  g_propagate_error (error, g_steal_pointer (&journal_error));
  return FALSE;
}

/* "line 3: …; could not move “…” aside: Permission denied" */
static void
append_error_message (GError       *error,
                      const GError *more)
{
  char *message = g_strdup_printf ("%s; %s", error->message, more->message);

  g_free (error->message);
  error->message = message;
}

/* Falls back on notes.json.bak after notes.json was missing (@damaged is
 * NULL) or damaged and moved aside (@damaged is why). */
static gboolean
viva_notes_store_load_backup (VivaNotesStore  *self,
                              GError          *damaged,
                              GError         **error)
{
  g_autofree char *bak_path = viva_notes_dup_backup_path (self->path);
  g_autoptr(GError) owned_damaged = damaged;
  g_autoptr(GError) bak_error = NULL;
  g_autoptr(VivaNotesFile) file = NULL;

  /* notes.json is not there (any more); whatever appears there before our
   * first save is someone else's, and merged. */
  memset (&self->disk_stamp, 0, sizeof self->disk_stamp);

  for (guint attempt = 1; ; attempt++)
    {
      g_autofree char *aside = NULL;
      g_autoptr(GError) move_error = NULL;

      g_clear_pointer (&file, viva_notes_file_free);
      g_clear_error (&bak_error);

      viva_notes_store_read (self, bak_path, &file, &bak_error);

      switch (viva_data_file_read_result (bak_error, VIVA_NOTES_STORE_ERROR))
        {
        case VIVA_DATA_FILE_READ_OK:
          {
            g_autoptr(GError) journal_error = NULL;

            if (!viva_notes_store_apply_with_journal (self, file, &journal_error))
              g_message ("%s", journal_error->message);
          }
          /* A notes.json that appears before our first save was most
           * likely restored from the same backup by another Viva: merge
           * it with the backup as the common ancestor. */
          _viva_notes_store_set_base (self, g_steal_pointer (&file->records));
          _viva_notes_store_recovered (self, NULL);
          _viva_notes_store_set_restored_from_backup (self);
          /* So that the next save puts notes.json back. */
          viva_file_saver_changed (self->saver);
          break;

        case VIVA_DATA_FILE_READ_MISSING:
          if (owned_damaged != NULL)
            _viva_notes_store_recovered (self, NULL);
          /* No notes on disk but the journal's, if any. */
          if (owned_damaged != NULL)
            {
              g_autoptr(GError) journal_error = NULL;

              if (!viva_notes_store_apply_with_journal (self, NULL, &journal_error))
                g_message ("%s", journal_error->message);
            }
          else if (!viva_notes_store_apply_with_journal (self, NULL, error))
            return FALSE;
          break;

        case VIVA_DATA_FILE_READ_FUTURE:
          /* Written by a newer Viva: never replace it. */
          _viva_notes_store_apply (self, file);
          _viva_notes_store_go_read_only (self);
          g_propagate_error (error, g_steal_pointer (&bak_error));
          return FALSE;

        case VIVA_DATA_FILE_READ_DAMAGED:
          /* The next saves would replace it; keep it for the user. */
          switch (viva_notes_file_move_aside (self->path, bak_path, &file->stamp, &aside, &move_error))
            {
            case VIVA_MOVE_ASIDE_DONE:
              if (owned_damaged == NULL)
                {
                  _viva_notes_store_recovered (self, aside);
                  g_prefix_error (&bak_error, _("backup: "));
                  g_propagate_error (error, g_steal_pointer (&bak_error));
                  return FALSE;
                }
              g_message ("The backup %s is damaged too (%s); moved it to %s",
                         bak_path, bak_error->message, aside);
              _viva_notes_store_recovered (self, NULL);
              break;

            case VIVA_MOVE_ASIDE_CHANGED:
              if (attempt < MAX_LOAD_ATTEMPTS)
                continue;
              G_GNUC_FALLTHROUGH;

            case VIVA_MOVE_ASIDE_FAILED:
            default:
              _viva_notes_store_go_read_only (self);
              if (owned_damaged == NULL)
                owned_damaged = g_steal_pointer (&bak_error);
              if (move_error != NULL)
                append_error_message (owned_damaged, move_error);
              g_propagate_error (error, g_steal_pointer (&owned_damaged));
              return FALSE;
            }
          break;

        case VIVA_DATA_FILE_READ_UNREADABLE:
        default:
          /* We could not read it, so we must not replace it either. */
          _viva_notes_store_go_read_only (self);
          if (owned_damaged == NULL)
            {
              g_prefix_error (&bak_error, _("could not read the backup “%s”: "), bak_path);
              owned_damaged = g_steal_pointer (&bak_error);
            }
          g_propagate_error (error, g_steal_pointer (&owned_damaged));
          return FALSE;
        }

      break;
    }

  if (owned_damaged != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&owned_damaged));
      return FALSE;
    }

  return TRUE;
}


/* What to do with the file: the load's decisions, the same whether the
 * file was read here or by the worker of viva_notes_store_load_async(). */
static gboolean
viva_notes_store_load_file (VivaNotesStore  *self,
                            GError         **error)
{
  for (guint attempt = 1; ; attempt++)
    {
      g_autoptr(VivaNotesFile) file = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GError) move_error = NULL;
      g_autofree char *aside = NULL;

      viva_notes_store_read (self, self->path, &file, &local_error);

      switch (viva_data_file_read_result (local_error, VIVA_NOTES_STORE_ERROR))
        {
        case VIVA_DATA_FILE_READ_OK:
          {
            gboolean applied = viva_notes_store_apply_with_journal (self, file, error);

            _viva_notes_store_set_base (self, g_steal_pointer (&file->records));
            self->disk_stamp = file->stamp;
            return applied;
          }

        case VIVA_DATA_FILE_READ_MISSING:
          return viva_notes_store_load_backup (self, NULL, error);

        case VIVA_DATA_FILE_READ_FUTURE:
          /* Show what we can, change nothing. */
          _viva_notes_store_apply (self, file);
          _viva_notes_store_go_read_only (self);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;

        case VIVA_DATA_FILE_READ_DAMAGED:
          switch (viva_notes_file_move_aside (self->path, self->path, &file->stamp, &aside, &move_error))
            {
            case VIVA_MOVE_ASIDE_DONE:
              _viva_notes_store_recovered (self, aside);
              return viva_notes_store_load_backup (self, g_steal_pointer (&local_error), error);

            case VIVA_MOVE_ASIDE_CHANGED:
              /* Replaced while we read it; read the new one. */
              if (attempt < MAX_LOAD_ATTEMPTS)
                continue;
              G_GNUC_FALLTHROUGH;

            case VIVA_MOVE_ASIDE_FAILED:
            default:
              /* A damaged file that we cannot move aside must not be
               * written over either. */
              _viva_notes_store_go_read_only (self);
              if (move_error != NULL)
                append_error_message (local_error, move_error);
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }

        case VIVA_DATA_FILE_READ_UNREADABLE:
        default:
          _viva_notes_store_go_read_only (self);
          g_prefix_error (&local_error, _("could not read “%s”: "), self->path);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
}

/**
 * viva_notes_store_load:
 * @self: a store
 * @error: return location for an error
 *
 * Reads the notes file, once, at start-up. Whatever happens, the store is
 * usable afterwards; FALSE says that the user should be told something:
 * the file was damaged (it was moved aside, see
 * viva_notes_store_get_moved_aside_path(), and ".bak" used when good),
 * or it was written by a newer version (read-only), or it could not be
 * read at all (read-only, so that it is not replaced).
 *
 * A missing notes.json with a good ".bak" loads the backup and returns
 * TRUE with the state RECOVERED and restored-from-backup set.
 *
 * Returns: %TRUE when the notes loaded as they were
 */
gboolean
viva_notes_store_load (VivaNotesStore  *self,
                       GError         **error)
{
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), FALSE);
  g_return_val_if_fail (!self->loaded, FALSE);

  self->loaded = TRUE;

  return viva_notes_store_load_file (self, error);
}

static void
viva_notes_store_load_thread (GTask        *task,
                              gpointer      source_object,
                              gpointer      task_data,
                              GCancellable *cancellable)
{
  const char *path = task_data;
  VivaNotesPreread *preread = g_new0 (VivaNotesPreread, 1);

  switch (viva_notes_preread_add (preread, path))
    {
    case VIVA_DATA_FILE_READ_MISSING:
    case VIVA_DATA_FILE_READ_DAMAGED:
      {
        g_autofree char *bak_path = viva_notes_dup_backup_path (path);

        viva_notes_preread_add (preread, bak_path);
      }
      break;

    case VIVA_DATA_FILE_READ_OK:
    case VIVA_DATA_FILE_READ_FUTURE:
    case VIVA_DATA_FILE_READ_UNREADABLE:
    default:
      break;
    }

  /* The journal after the file: what the file holds of it is told by
   * the file. */
  preread->journal = viva_notes_journal_new (path);
  viva_notes_journal_read (preread->journal, &preread->journal_contents,
                           &preread->journal_aside, &preread->journal_error);

  /* Lets a test act while the notes are loading (viva-test-hold.c). */
  viva_test_hold ("notes");

  g_task_return_pointer (task, preread, (GDestroyNotify) viva_notes_preread_free);
}

static void
viva_notes_store_load_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  VivaNotesStore *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  gboolean loaded;

  self->preread = g_task_propagate_pointer (G_TASK (result), NULL);
  self->loading = FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  loaded = viva_notes_store_load_file (self, &error);
  g_clear_pointer (&self->preread, viva_notes_preread_free);
  _viva_notes_store_loaded (self);
  g_object_thaw_notify (G_OBJECT (self));

  if (!loaded)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * viva_notes_store_load_async:
 * @self: a store
 * @cancellable: (nullable): a #GCancellable; the notes are loaded
 *   anyway (the store must end up loaded), but @callback is told
 *   %G_IO_ERROR_CANCELLED
 * @callback: called once the notes are loaded
 * @user_data: for @callback
 *
 * viva_notes_store_load(), with the file read and checked in a worker
 * thread, so that start-up does not wait for it; what is done with the
 * result (the notes applied, a damaged file moved aside, the backup, a
 * newer file opened read-only) is decided on the main thread, once the
 * file is read, exactly as viva_notes_store_load() decides.
 *
 * Meanwhile #VivaNotesStore:loading is %TRUE and the store can be used:
 * notes got and changed meanwhile (a note typed, a status set, a grade
 * given) are merged with the file's when it arrives rather than
 * replaced by them, as a merge with another Viva's changes would (both
 * texts kept when both have one; reviews given meanwhile go after the
 * file's history), and nothing is written until then: a save asked for
 * meanwhile runs once the notes are loaded, viva_notes_store_flush()
 * waits for them.
 */
void
viva_notes_store_load_async (VivaNotesStore      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) thread_task = NULL;

  g_return_if_fail (VIVA_IS_NOTES_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (!self->loaded);

  self->loaded = TRUE;
  self->loading = TRUE;
  g_object_notify (G_OBJECT (self), "loading");

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, viva_notes_store_load_async);

  /* As for writes, the thread's task does not hold the store, whose last
   * reference must not go in the worker thread; the outer task, dropped
   * in the callback on the main thread, does. */
  thread_task = g_task_new (NULL, NULL, viva_notes_store_load_cb, g_steal_pointer (&task));
  g_task_set_source_tag (thread_task, viva_notes_store_load_async);
  g_task_set_task_data (thread_task, g_strdup (self->path), g_free);
  g_task_run_in_thread (thread_task, viva_notes_store_load_thread);
}

/**
 * viva_notes_store_load_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: what viva_notes_store_load() would have: %TRUE when the
 *   notes loaded as they were
 */
gboolean
viva_notes_store_load_finish (VivaNotesStore  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == viva_notes_store_load_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
