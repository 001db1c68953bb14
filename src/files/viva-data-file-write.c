/* viva-data-file-write.c
 *
 * The writing half of viva-data-file.h: the lock between Viva
 * processes, moving a damaged file aside unchanged, the backup, and the
 * atomic, durable write every store's file goes through
 * (viva_data_file_write()). The reading half is viva-data-file.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "viva-data-file.h"
#include "viva-json-scan.h"

/* Locking, moving aside, writing */

char *
viva_data_file_dup_backup_path (const char *path)
{
  return g_strconcat (path, ".bak", NULL);
}

/* Opens and flock()s @lock_path, creating it; returns the descriptor,
 * which unlocks when closed, or -1 with errno set. */
int
viva_data_file_lock (const char *lock_path)
{
  int fd;

  fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOCTTY, 0600);
  if (fd < 0)
    return -1;

  while (flock (fd, LOCK_EX) != 0)
    {
      int errsv = errno;

      if (errsv != EINTR)
        {
          close (fd);
          errno = errsv;
          return -1;
        }
    }

  return fd;
}

/* A file moved aside holds the user's notes or interviews, whatever mode
 * it was given (an editor, a sync tool, an older copy): only its owner
 * may read it, as with every file Viva writes. Not through a symbolic
 * link, whose target is not ours to change, and never blocking on a
 * special file. */
static void
make_private (const char *path)
{
  struct stat st;
  int fd;

  fd = open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    return;

  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) &&
      (st.st_mode & 07777) != 0600 && fchmod (fd, 0600) != 0)
    g_warning ("Could not make %s readable only by its owner: %s", path, g_strerror (errno));

  close (fd);
}

/* Renames @path to "@path.corrupt-YYYYMMDD-HHMMSS" (or -2, -3…), but only
 * while it still is the file described by @expected: what was damaged
 * when we read it may since have been replaced by a good file. The caller
 * holds the lock, so the name we find free stays free for rename(), which
 * would otherwise replace an older moved-aside file. The file moved aside
 * is made private (mode 0600). */
VivaMoveAsideResult
viva_data_file_move_aside_locked (const char           *path,
                                  const VivaFileStamp  *expected,
                                  char                **out_path,
                                  GError              **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  VivaFileStamp current;
  int errsv = 0;

  if (!viva_file_stamp_query (&current, path, &errsv))
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   _("could not move “%s” aside: %s"), path, g_strerror (errsv));
      return VIVA_MOVE_ASIDE_FAILED;
    }

  if (!viva_file_stamp_equal (&current, expected))
    return VIVA_MOVE_ASIDE_CHANGED;

  for (guint i = 1; i < 1000; i++)
    {
      g_autofree char *aside = NULL;
      struct stat st;

      if (i == 1)
        aside = g_strdup_printf ("%s.corrupt-%s", path, stamp);
      else
        aside = g_strdup_printf ("%s.corrupt-%s-%u", path, stamp, i);

      if (lstat (aside, &st) == 0)
        continue;

      if (errno != ENOENT || rename (path, aside) != 0)
        {
          errsv = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                       _("could not move “%s” aside: %s"), path, g_strerror (errsv));
          return VIVA_MOVE_ASIDE_FAILED;
        }

      make_private (aside);

      *out_path = g_steal_pointer (&aside);
      return VIVA_MOVE_ASIDE_DONE;
    }

  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
               _("could not move “%s” aside: too many damaged files already"), path);

  return VIVA_MOVE_ASIDE_FAILED;
}

/* Keeps the current @path as "@path.bak". A hard link costs nothing and
 * is exactly the previous file; the link is made under a temporary name
 * and renamed over the old backup so that there is a backup at every
 * moment. Where links are not supported, an atomic copy. */
void
viva_data_file_keep_backup (const char *path)
{
  g_autofree char *bak_path = viva_data_file_dup_backup_path (path);
  g_autofree char *new_path = g_strconcat (bak_path, ".new", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  g_unlink (new_path);

  if (link (path, new_path) == 0)
    {
      if (rename (new_path, bak_path) != 0)
        g_warning ("Could not keep a backup of %s: %s", path, g_strerror (errno));

      /* rename() does nothing when both names already are the same file. */
      g_unlink (new_path);
      return;
    }

  if (!g_file_get_contents (path, &contents, &len, &error) ||
      !g_file_set_contents_full (bak_path, contents, len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &error))
    g_warning ("Could not keep a backup of %s: %s", path, error->message);
}

/**
 * viva_data_file_move_aside:
 * @lock_path: the lock that writers of @path take
 * @path: the damaged file
 * @expected: the damaged file as it was read
 * @out_path: (out): where it went
 * @error: return location for an error
 *
 * viva_data_file_move_aside_locked() for a caller that does not hold the
 * lock yet: a writer must not put a good file in place while we move
 * the bad one away.
 */
VivaMoveAsideResult
viva_data_file_move_aside (const char           *lock_path,
                           const char           *path,
                           const VivaFileStamp  *expected,
                           char                **out_path,
                           GError              **error)
{
  VivaMoveAsideResult result;
  int fd;

  fd = viva_data_file_lock (lock_path);
  if (fd < 0)
    {
      int errsv = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   _("could not move “%s” aside: %s"), path, g_strerror (errsv));
      return VIVA_MOVE_ASIDE_FAILED;
    }

  result = viva_data_file_move_aside_locked (path, expected, out_path, error);
  close (fd);

  return result;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * viva_data_file_list_folder:
 * @dir: a folder of one file per document
 * @suffix: the documents' file name ending, such as ".json"
 * @error: return location for an error
 *
 * Only "<id><suffix>" is listed: not the backups, the moved-aside files,
 * the temporary files of a write, the lock.
 *
 * Returns: (transfer full) (element-type utf8) (nullable): the names,
 *   sorted so that problems come in a stable order
 */
GPtrArray *
viva_data_file_list_folder (const char  *dir,
                            const char  *suffix,
                            GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) gdir = NULL;
  const char *name;

  gdir = g_dir_open (dir, 0, error);
  if (gdir == NULL)
    return NULL;

  while ((name = g_dir_read_name (gdir)) != NULL)
    {
      if (g_str_has_suffix (name, suffix) && strlen (name) > strlen (suffix))
        g_ptr_array_add (names, g_strdup (name));
    }

  g_ptr_array_sort (names, compare_names);

  return g_steal_pointer (&names);
}

/**
 * viva_data_file_delete:
 * @lock_path: the lock that writers of @path take
 * @path: a document's file
 * @out_errno: (out): why it could not be deleted
 *
 * Deletes a document's file and its backup under the lock, so that a
 * write waiting for the lock finds the document deleted rather than
 * bringing the file back. A missing file is deleted already; a backup
 * that cannot be removed only earns a warning, since nothing loads a
 * backup without its file being damaged first.
 *
 * Returns: %FALSE, with @out_errno set, if the file is still there
 */
gboolean
viva_data_file_delete (const char *lock_path,
                       const char *path,
                       int        *out_errno)
{
  g_autofree char *dir = g_path_get_dirname (lock_path);
  g_autofree char *bak_path = NULL;
  int lock_fd;

  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      (lock_fd = viva_data_file_lock (lock_path)) < 0)
    {
      *out_errno = errno;
      return FALSE;
    }

  bak_path = viva_data_file_dup_backup_path (path);

  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      *out_errno = errno;
      close (lock_fd);
      return FALSE;
    }

  if (g_unlink (bak_path) != 0 && errno != ENOENT)
    g_warning ("Could not remove %s: %s", bak_path, g_strerror (errno));

  close (lock_fd);

  return TRUE;
}

/* A rename is only durable once its directory is. */
void
viva_data_file_sync_directory (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/**
 * viva_data_file_resolve_links:
 * @path: a file's path
 *
 * Follows @path through symbolic links, as far as they go (at most 16),
 * even to a file that does not exist yet. A user who keeps notes.json
 * in a synced folder links it there: the writes, which replace a file
 * by renaming a new one over it, must replace the file the link points
 * to, not the link.
 *
 * Returns: (transfer full): the path of the file itself; @path when it
 *   is not a link
 */
char *
viva_data_file_resolve_links (const char *path)
{
  g_autofree char *current = g_strdup (path);

  for (guint depth = 0; depth < 16; depth++)
    {
      g_autofree char *target = NULL;
      g_autofree char *dir = NULL;

      if (!g_file_test (current, G_FILE_TEST_IS_SYMLINK) ||
          (target = g_file_read_link (current, NULL)) == NULL)
        break;

      dir = g_path_get_dirname (current);
      g_free (current);
      current = g_path_is_absolute (target)
                ? g_canonicalize_filename (target, NULL)
                : g_canonicalize_filename (target, dir);
    }

  return g_steal_pointer (&current);
}

/**
 * viva_data_file_write:
 * @path: the document's file
 * @lock_path: its folder's lock file
 * @contents: what to write
 * @expected: the stamp of the file as we last read or wrote it
 * @cancellable: (nullable): cancelled when the document is deleted
 * @changed_on_disk: asked, with the lock held, whether we may write over
 *   a file someone else changed since @expected
 * @set_save_error: words a failure in the format's own sentence
 * @user_data: for both callbacks
 * @out_stamp: the stamp of what we wrote, zeroed if it could not be read
 * @out_result: what happened when this returns %TRUE
 * @error: why nothing was written
 *
 * The steps every per-document file takes to be written: under the
 * folder's lock so that a delete cannot race it, never over someone
 * else's changes unless @changed_on_disk agrees, keeping the old file as
 * the backup, atomically and durably. Runs in a worker thread.
 *
 * Returns: %FALSE only when nothing was written; a deleted document or a
 *   declined write is an outcome, not an error.
 */
gboolean
viva_data_file_write (const char                *path,
                      const char                *lock_path,
                      GBytes                    *contents,
                      const VivaFileStamp       *expected,
                      GCancellable              *cancellable,
                      VivaDataFileChangedFunc    changed_on_disk,
                      VivaDataFileSaveErrorFunc  set_save_error,
                      gpointer                   user_data,
                      VivaFileStamp             *out_stamp,
                      VivaDataFileWriteResult   *out_result,
                      GError                   **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) local_error = NULL;
  VivaFileStamp current;
  gconstpointer data;
  gboolean may_write = TRUE;
  gsize len;
  int lock_fd;
  int errsv = 0;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      errsv = errno;
      set_save_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, errsv, path, g_strerror (errsv), user_data);
      return FALSE;
    }

  lock_fd = viva_data_file_lock (lock_path);
  if (lock_fd < 0)
    {
      errsv = errno;
      set_save_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, errsv, path, g_strerror (errsv), user_data);
      return FALSE;
    }

  /* Deleting takes the lock too: once we hold it, either the document is
   * deleted and we must not bring its file back, or it is not and the
   * delete will remove what we write. */
  if (g_cancellable_is_cancelled (cancellable))
    {
      close (lock_fd);
      *out_result = VIVA_DATA_FILE_WRITE_CANCELLED;
      return TRUE;
    }

  if (!viva_file_stamp_query (&current, path, &errsv))
    {
      close (lock_fd);
      set_save_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, errsv, path, g_strerror (errsv), user_data);
      return FALSE;
    }

  if (current.exists && !viva_file_stamp_equal (&current, expected))
    {
      if (!changed_on_disk (user_data, &current, &may_write, error))
        {
          close (lock_fd);
          return FALSE;
        }

      if (!may_write)
        {
          close (lock_fd);
          *out_result = VIVA_DATA_FILE_WRITE_DECLINED;
          return TRUE;
        }
    }

  if (current.exists)
    viva_data_file_keep_backup (path);

  data = g_bytes_get_data (contents, &len);

  if (!g_file_set_contents_full (path, data, len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      close (lock_fd);
      set_save_error (error, local_error->domain, local_error->code, 0, path, local_error->message,
                      user_data);
      return FALSE;
    }

  viva_data_file_sync_directory (path);

  /* Had this failed, the next save would take our own file for someone
   * else's and keep it as the backup: harmless. */
  if (!viva_file_stamp_query (out_stamp, path, &errsv))
    memset (out_stamp, 0, sizeof *out_stamp);

  close (lock_fd);

  *out_result = VIVA_DATA_FILE_WRITE_WROTE;

  return TRUE;
}
