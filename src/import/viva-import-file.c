/* viva-import-file.c
 *
 * The import's two trips to the disk, each in a worker: reading the file
 * the user picked (never written to), and saving the recognised bank as
 * banks/<id>.md in the data dir, where it becomes a bank the user owns.
 * A save leaves either the whole bank, parsed back with the same count,
 * or nothing: no half-written file, no temporary left over.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "viva-bank.h"
#include "viva-import-private.h"
#include "viva-owned-banks.h"

typedef struct
{
  VivaImportProgressFunc  progress;
  gpointer                progress_data;
} ReadData;

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = source_object;
  ReadData *data = task_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  GError *error = NULL;
  VivaImportResult *result;

  /* A file too large is refused before it is read into memory. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  if (info != NULL && g_file_info_get_size (info) > (goffset) VIVA_IMPORT_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (VIVA_IMPORT_MAX_SIZE);

      g_task_return_new_error (task, VIVA_IMPORT_ERROR, VIVA_IMPORT_ERROR_TOO_LARGE,
                               _("The file is too large to import: the limit is %s."), limit);
      return;
    }

  bytes = g_file_load_bytes (file, cancellable, NULL, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  name = g_file_get_basename (file);
  result = viva_import_bytes (bytes, name, cancellable, data->progress, data->progress_data, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) viva_import_result_free);
}

/**
 * viva_import_file_async:
 * @file: the file to import; only read
 * @cancellable: (nullable): cancels the reading
 * @progress: (nullable): called in the worker with the fraction read
 * @progress_data: its data, which must outlive the task
 * @callback: called on the caller's main context
 * @user_data: its data
 *
 * Reads and recognises @file in a worker thread.
 */
void
viva_import_file_async (GFile                  *file,
                        GCancellable           *cancellable,
                        VivaImportProgressFunc  progress,
                        gpointer                progress_data,
                        GAsyncReadyCallback     callback,
                        gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadData *data;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ReadData, 1);
  data->progress = progress;
  data->progress_data = progress_data;

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, viva_import_file_async);
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, read_thread);
}

VivaImportResult *
viva_import_file_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, viva_import_file_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  VivaBankDraft *draft;   /* borrowed: the caller keeps the result */
  char          *title;
  char          *dir;
  guint          n_questions;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->title);
  g_free (data->dir);
  g_free (data);
}

/* The name is taken with O_EXCL before the bank is written over it, so
 * that two imports of one title at once get two files. */
static char *
reserve_path (const char  *dir,
              const char  *title,
              GError     **error)
{
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *id = viva_owned_banks_dup_unique_id (dir, title);
      g_autofree char *name = g_strconcat (id, ".md", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

      if (fd >= 0)
        {
          close (fd);
          return g_steal_pointer (&path);
        }

      if (errno != EEXIST)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not create the bank in “%s”: %s"), dir, g_strerror (saved));
          return NULL;
        }
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("Could not find a free name for the bank in “%s”."), dir);
  return NULL;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  g_autofree char *path = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(VivaBank) bank = NULL;
  g_autoptr(GBytes) written = NULL;
  GError *error = NULL;
  const char *bytes;
  gsize len = 0;

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  written = viva_bank_draft_to_markdown (data->draft, NULL, NULL);
  bytes = g_bytes_get_data (written, &len);

  /* What is written must read back as the bank the preview showed. */
  bank = viva_bank_new_from_bytes (written, "import", &error);
  if (bank == NULL)
    {
      g_prefix_error (&error, _("The imported bank could not be read back: "));
      g_task_return_error (task, error);
      return;
    }
  if (viva_bank_get_n_questions (bank) != data->n_questions)
    {
      g_task_return_new_error (task, VIVA_IMPORT_ERROR, VIVA_IMPORT_ERROR_UNRECOGNISED,
                               ngettext ("The imported bank read back with %u question instead of %u; nothing was saved.",
                                         "The imported bank read back with %u questions instead of %u; nothing was saved.",
                                         viva_bank_get_n_questions (bank)),
                               viva_bank_get_n_questions (bank), data->n_questions);
      return;
    }

  if (g_mkdir_with_parents (data->dir, 0700) != 0)
    {
      int saved = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               _("Could not create the folder “%s”: %s"), data->dir, g_strerror (saved));
      return;
    }

  path = reserve_path (data->dir, data->title, &error);
  if (path == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, &error) ||
      !g_file_set_contents_full (path, bytes, len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &error))
    {
      g_unlink (path);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_file_new_for_path (path), g_object_unref);
}

/**
 * viva_import_save_async:
 * @result: what was recognised; kept by the caller until @callback
 * @dir: the folder of the user's banks (viva_owned_banks_dup_default_dir())
 * @cancellable: (nullable): cancels before the file is written
 * @callback: called on the caller's main context
 * @user_data: its data
 *
 * Writes @result as a Viva bank, `<dir>/<id>.md` (0600, the folder
 * 0700), its id from the title and free in @dir. Nothing is left behind
 * on error or cancel.
 */
void
viva_import_save_async (VivaImportResult    *result,
                        const char          *dir,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  VivaBankDraft *draft;
  SaveData *data;

  g_return_if_fail (result != NULL);
  g_return_if_fail (dir != NULL);

  draft = viva_import_result_get_draft (result);
  g_return_if_fail (draft != NULL);

  /* The worker only reads the draft, which nothing changes meanwhile;
   * writing 10 MB of Markdown is its work, not the main loop's. */
  data = g_new0 (SaveData, 1);
  data->draft = draft;
  data->title = g_strdup (viva_import_result_get_title (result));
  data->dir = g_strdup (dir);
  data->n_questions = viva_bank_draft_get_n_questions (draft);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, viva_import_save_async);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

GFile *
viva_import_save_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, viva_import_save_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
