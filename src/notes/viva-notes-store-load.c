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

/* Tries of a load whose file keeps being replaced while we look at it. */
#define MAX_LOAD_ATTEMPTS 3

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

      viva_notes_file_read (bak_path, &file, &bak_error);

      switch (viva_data_file_read_result (bak_error, VIVA_NOTES_STORE_ERROR))
        {
        case VIVA_DATA_FILE_READ_OK:
          _viva_notes_store_apply (self, file);
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

  for (guint attempt = 1; ; attempt++)
    {
      g_autoptr(VivaNotesFile) file = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GError) move_error = NULL;
      g_autofree char *aside = NULL;

      viva_notes_file_read (self->path, &file, &local_error);

      switch (viva_data_file_read_result (local_error, VIVA_NOTES_STORE_ERROR))
        {
        case VIVA_DATA_FILE_READ_OK:
          _viva_notes_store_apply (self, file);
          _viva_notes_store_set_base (self, g_steal_pointer (&file->records));
          self->disk_stamp = file->stamp;
          return TRUE;

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
