/* viva-document-file.c
 *
 * A folder of documents
 * =====================
 *
 * One folder per kind of document (sessions/ for the mock interviews,
 * interviews/ for the interviews), created 0700, one file per document
 * named after its id, mode 0600:
 *
 *   <id>.json
 *   {
 *     "format" : "viva-mock-session",
 *     "version" : 1,
 *     "id" : "<id>",
 *     ...
 *   }
 *
 *  - "format" names the kind of document; "version" is the format's
 *    version. A file whose "version" is higher than ours is listed
 *    read-only and never written; one older than any we read is
 *    refused.
 *  - "id" is the file name without ".json" (a file whose "id" is not its
 *    name is not loaded: a copy would share its file).
 *  - The rest is each format's own, described at the top of
 *    viva-session-file.c and viva-interview-file.c.
 *
 * Next to them:
 *  - <id>.json.bak: the previous version of the file, kept at every save;
 *  - .lock: an empty file that Viva processes flock() while they save,
 *    move aside or delete a document;
 *  - <id>.json.corrupt-YYYYMMDD-HHMMSS: a file that could not be read,
 *    moved aside unchanged (with -2, -3… when that name is taken);
 *  - <id>.json.XXXXXX and <id>.json.bak.new, briefly, while saving.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "viva-document-file.h"

/* Tries of a load whose file keeps being replaced while we look at it. */
#define MAX_LOAD_ATTEMPTS 3

/* Reading */

static gboolean
set_invalid (const VivaDocumentCodec  *codec,
             GError                  **error,
             const char               *message)
{
  g_set_error_literal (error, codec->error_quark (), VIVA_DOCUMENT_STORE_ERROR_INVALID, message);
  return FALSE;
}

/**
 * viva_document_file_get_version:
 * @root: a file's root object, once viva_document_file_parse() checked
 *   its "version"
 *
 * For a codec's parse() that reads several versions: the file's
 * "version", or %G_MAXINT64 for a newer one json-glib cannot hold (it
 * is read as read-only, as any newer version).
 */
gint64
viva_document_file_get_version (JsonObject *root)
{
  gboolean missing;
  JsonNode *node = viva_json_object_get_value_member (root, "version", G_TYPE_INT64, &missing);
  gint64 version = node != NULL ? json_node_get_int (node) : G_MAXINT64;

  return version >= 1 ? version : G_MAXINT64;
}

/**
 * viva_document_file_parse:
 * @codec: the kind of document
 * @data: the file's contents
 * @len: their length
 * @expected_id: (nullable): the id the file must have (its name)
 * @out_document: (out) (transfer full) (optional): the document
 * @error: return location for an error in the codec's domain
 *
 * Checks @data completely. A file from a newer version fails with
 * FUTURE_VERSION, and still gives its document, read-only, when it looks
 * like ours, so that it can be listed. Thread-safe.
 */
gboolean
viva_document_file_parse (const VivaDocumentCodec  *codec,
                          const char               *data,
                          gsize                     len,
                          const char               *expected_id,
                          gpointer                 *out_document,
                          GError                  **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GObject) document = NULL;
  JsonObject *root;
  JsonNode *node;
  const char *format;
  gboolean missing;
  gint64 version = 0;

  if (out_document != NULL)
    *out_document = NULL;

  parser = viva_data_file_parse_json (data, len, codec->max_depth,
                                      codec->error_quark (), &root, error);
  if (parser == NULL)
    return FALSE;

  node = viva_json_object_get_value_member (root, "format", G_TYPE_STRING, &missing);
  format = node != NULL ? json_node_get_string (node) : NULL;
  if (g_strcmp0 (format, codec->format) != 0)
    {
      g_autofree char *message = codec->dup_message (VIVA_DOCUMENT_MESSAGE_WRONG_FORMAT, NULL, NULL, NULL);

      return set_invalid (codec, error, message);
    }

  switch (viva_data_file_get_version (parser, root,
                                      codec->oldest_version > 0 ? codec->oldest_version : codec->version,
                                      codec->version,
                                      &version, codec->error_quark (), error))
    {
    case VIVA_DATA_FILE_VERSION_KNOWN:
      break;

    case VIVA_DATA_FILE_VERSION_NEWER:
      document = codec->parse (root, expected_id, NULL);
      if (document != NULL)
        codec->set_read_only (document);

      if (out_document != NULL)
        *out_document = g_steal_pointer (&document);

      return FALSE;

    case VIVA_DATA_FILE_VERSION_INVALID:
    default:
      return FALSE;
    }

  document = codec->parse (root, expected_id, error);
  if (document == NULL)
    return FALSE;

  if (out_document != NULL)
    *out_document = g_steal_pointer (&document);

  return TRUE;
}

/* A missing file fails with G_FILE_ERROR_NOENT. @out_stamp is the file
 * as read; its "exists" is FALSE when it could not be opened. A readable
 * file of a newer version gives its document too. Thread-safe. */
static gboolean
viva_document_file_read (const VivaDocumentCodec  *codec,
                         const char               *path,
                         const char               *expected_id,
                         VivaFileStamp            *out_stamp,
                         GObject                 **out_document,
                         GError                  **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  *out_document = NULL;

  if (!viva_data_file_read (path, codec->max_size, codec->error_quark (),
                            out_stamp, &data, &len, error))
    return FALSE;

  return viva_document_file_parse (codec, data, len, expected_id, (gpointer *) out_document, error);
}

/* Writing */

/**
 * viva_document_file_generate:
 * @codec: the kind of document
 * @root: from the codec's build()
 * @error: return location for an error
 *
 * Produces the file. Refuses to produce one that we would refuse to load
 * for its size. Thread-safe.
 *
 * Returns: (transfer full): the file's contents
 */
GBytes *
viva_document_file_generate (const VivaDocumentCodec  *codec,
                             JsonNode                 *root,
                             GError                  **error)
{
  g_autoptr(GBytes) bytes = viva_data_file_generate (root);

  if (g_bytes_get_size (bytes) > codec->max_size)
    {
      g_autofree char *max = g_format_size_full (codec->max_size, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *message = codec->dup_message (VIVA_DOCUMENT_MESSAGE_TOO_LARGE_TO_SAVE, max, NULL, NULL);

      g_set_error_literal (error, codec->error_quark (), VIVA_DOCUMENT_STORE_ERROR_TOO_LARGE, message);
      return NULL;
    }

  return g_steal_pointer (&bytes);
}

/**
 * viva_document_write_new:
 * @codec: the kind of document
 * @path: the document's file
 * @lock_path: the folder's lock file
 * @root: (transfer full): from the codec's build()
 * @expected: what the file on disk was when we last read or wrote it
 * @cancellable: (nullable): cancelled when the document is deleted
 *
 * Returns: (transfer full): a write to run with viva_document_write_run()
 */
VivaDocumentWrite *
viva_document_write_new (const VivaDocumentCodec *codec,
                         const char              *path,
                         const char              *lock_path,
                         JsonNode                *root,
                         const VivaFileStamp     *expected,
                         GCancellable            *cancellable)
{
  VivaDocumentWrite *job = g_new0 (VivaDocumentWrite, 1);

  job->codec = codec;
  job->path = g_strdup (path);
  job->lock_path = g_strdup (lock_path);
  job->root = root;
  job->expected = *expected;
  job->cancellable = cancellable ? g_object_ref (cancellable) : NULL;

  return job;
}

void
viva_document_write_free (VivaDocumentWrite *job)
{
  g_clear_pointer (&job->path, g_free);
  g_clear_pointer (&job->lock_path, g_free);
  g_clear_pointer (&job->root, json_node_unref);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->moved_aside_path, g_free);
  g_free (job);
}

static void
set_save_error (GError     **error,
                GQuark       domain,
                gint         code,
                int          errsv,
                const char  *path,
                const char  *reason,
                gpointer     user_data)
{
  VivaDocumentWrite *job = user_data;
  g_autofree char *message = job->codec->dup_message (VIVA_DOCUMENT_MESSAGE_SAVE_FAILED, path, reason, NULL);

  g_set_error_literal (error, domain, code, message);
}

static char *
dup_id_from_path (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);

  if (!g_str_has_suffix (name, VIVA_DOCUMENT_SUFFIX))
    return NULL;

  return g_strndup (name, strlen (name) - strlen (VIVA_DOCUMENT_SUFFIX));
}

/* What to do when the file on disk is not the one we last read or wrote
 * (@current): another Viva has the same document open, a sync tool
 * brought another copy, someone damaged it. Holding the lock. Returns
 * FALSE with @error set when nothing may be written; sets @may_write
 * FALSE (and the outcome) when we must not write but that is no error. */
static gboolean
check_changed_on_disk (gpointer        user_data,
                       VivaFileStamp  *current,
                       gboolean       *may_write,
                       GError        **error)
{
  VivaDocumentWrite *job = user_data;
  const VivaDocumentCodec *codec = job->codec;
  g_autoptr(GError) read_error = NULL;
  g_autoptr(GError) move_error = NULL;
  g_autoptr(GObject) disk = NULL;
  g_autofree char *id = dup_id_from_path (job->path);
  g_autofree char *message = NULL;
  VivaFileStamp disk_stamp;

  *may_write = TRUE;

  viva_document_file_read (codec, job->path, id, &disk_stamp, &disk, &read_error);

  switch (viva_data_file_read_result (read_error, codec->error_quark ()))
    {
    case VIVA_DATA_FILE_READ_OK:
      /* The same document, written elsewhere. Ours is what the user sees
       * and types into; theirs stays as the backup. */
      g_message ("%s was changed by another program; the previous version is kept as its backup",
                 job->path);
      return TRUE;

    case VIVA_DATA_FILE_READ_FUTURE:
      job->outcome = VIVA_DOCUMENT_WRITE_NEWER_ON_DISK;
      *may_write = FALSE;
      return TRUE;

    case VIVA_DATA_FILE_READ_MISSING:
      current->exists = FALSE;
      return TRUE;

    case VIVA_DATA_FILE_READ_DAMAGED:
      switch (viva_data_file_move_aside_locked (job->path, &disk_stamp, &job->moved_aside_path, &move_error))
        {
        case VIVA_MOVE_ASIDE_DONE:
          g_message ("%s was damaged (%s); moved it to %s",
                     job->path, read_error->message, job->moved_aside_path);
          current->exists = FALSE;
          return TRUE;

        case VIVA_MOVE_ASIDE_CHANGED:
          message = codec->dup_message (VIVA_DOCUMENT_MESSAGE_SAVE_CHANGING, job->path, NULL, NULL);
          g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_AGAIN, message);
          return FALSE;

        case VIVA_MOVE_ASIDE_FAILED:
        default:
          message = codec->dup_message (VIVA_DOCUMENT_MESSAGE_SAVE_DAMAGED, job->path,
                                        read_error->message, move_error->message);
          g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, message);
          return FALSE;
        }

    case VIVA_DATA_FILE_READ_UNREADABLE:
    default:
      message = codec->dup_message (VIVA_DOCUMENT_MESSAGE_SAVE_UNREADABLE, job->path,
                                    read_error->message, NULL);
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, message);
      return FALSE;
    }
}

/* The write itself: lock, check that nobody else wrote the file since we
 * read it, keep the backup, replace the file atomically. Runs in a worker
 * thread (or in flush's caller); touches nothing but @job. Returns FALSE
 * only when nothing was written; a newer file on disk or a deleted
 * document is an outcome, not an error. */
gboolean
viva_document_write_run (VivaDocumentWrite  *job,
                         GError            **error)
{
  g_autoptr(GBytes) contents = NULL;
  VivaDataFileWriteResult result;

  contents = viva_document_file_generate (job->codec, job->root, error);
  if (contents == NULL)
    return FALSE;

  if (!viva_data_file_write (job->path, job->lock_path, contents, &job->expected,
                             job->cancellable, check_changed_on_disk, set_save_error,
                             job, &job->stamp, &result, error))
    return FALSE;

  /* A declined write has its outcome from check_changed_on_disk(). */
  if (result == VIVA_DATA_FILE_WRITE_WROTE)
    job->outcome = VIVA_DOCUMENT_WRITE_WROTE;
  else if (result == VIVA_DATA_FILE_WRITE_CANCELLED)
    job->outcome = VIVA_DOCUMENT_WRITE_CANCELLED;

  return TRUE;
}

/* The folder */

static VivaDocumentProblem *
problem_new (const char *path,
             const char *message)
{
  VivaDocumentProblem *problem = g_new0 (VivaDocumentProblem, 1);

  problem->path = g_strdup (path);
  problem->message = g_strdup (message);

  return problem;
}

static void
viva_document_loaded_free (VivaDocumentLoaded *loaded)
{
  g_clear_object (&loaded->document);
  g_free (loaded->path);
  g_free (loaded);
}

void
viva_document_dir_load_free (VivaDocumentDirLoad *result)
{
  g_clear_pointer (&result->loaded, g_ptr_array_unref);
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_free (result);
}

static VivaDocumentLoaded *
loaded_new (GObject             *document,
            const char          *path,
            const VivaFileStamp *stamp)
{
  VivaDocumentLoaded *loaded = g_new0 (VivaDocumentLoaded, 1);

  loaded->document = document;
  loaded->path = g_strdup (path);
  loaded->stamp = *stamp;

  return loaded;
}

/* After "<id>.json" was moved aside: its backup, if it is good. */
static VivaDocumentLoaded *
load_backup (const VivaDocumentCodec *codec,
             const char              *path,
             const char              *id)
{
  g_autofree char *bak_path = viva_data_file_dup_backup_path (path);
  g_autoptr(GError) error = NULL;
  GObject *document = NULL;
  VivaFileStamp stamp;
  VivaFileStamp missing = { 0, };
  VivaDocumentLoaded *loaded;

  if (!viva_document_file_read (codec, bak_path, id, &stamp, &document, &error))
    {
      g_clear_object (&document);
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_message ("The backup %s could not be used either: %s", bak_path, error->message);
      return NULL;
    }

  /* "<id>.json" is gone; the first save puts it back. */
  loaded = loaded_new (document, path, &missing);
  loaded->from_backup = TRUE;

  return loaded;
}

/* Loads one file of the folder into @result: a document, a problem, or
 * both (a damaged file restored from its backup). Thread-safe. */
static void
load_one (const VivaDocumentCodec *codec,
          const char              *dir,
          const char              *lock_path,
          const char              *name,
          VivaDocumentDirLoad     *result)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *id = g_strndup (name, strlen (name) - strlen (VIVA_DOCUMENT_SUFFIX));

  if (!codec->id_is_valid (id))
    {
      g_autofree char *message = codec->dup_message (VIVA_DOCUMENT_MESSAGE_NOT_A_DOCUMENT_NAME, NULL, NULL, NULL);

      g_ptr_array_add (result->problems, problem_new (path, message));
      return;
    }

  for (guint attempt = 1; ; attempt++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) move_error = NULL;
      g_autofree char *aside = NULL;
      GObject *document = NULL;
      VivaDocumentProblem *problem;
      VivaMoveAsideResult moved;
      VivaFileStamp stamp;
      VivaDocumentLoaded *loaded;

      viva_document_file_read (codec, path, id, &stamp, &document, &error);

      switch (viva_data_file_read_result (error, codec->error_quark ()))
        {
        case VIVA_DATA_FILE_READ_OK:
          g_ptr_array_add (result->loaded, loaded_new (document, path, &stamp));
          return;

        case VIVA_DATA_FILE_READ_MISSING:
          /* Deleted while we listed the folder. */
          return;

        case VIVA_DATA_FILE_READ_FUTURE:
          /* Listed read-only when its contents are ours; never written. */
          if (document != NULL)
            {
              loaded = loaded_new (document, path, &stamp);
              loaded->future = TRUE;
              g_ptr_array_add (result->loaded, loaded);
            }
          else
            g_ptr_array_add (result->problems, problem_new (path, error->message));
          return;

        case VIVA_DATA_FILE_READ_DAMAGED:
          g_clear_object (&document);

          moved = viva_data_file_move_aside (lock_path, path, &stamp, &aside, &move_error);

          if (moved == VIVA_MOVE_ASIDE_CHANGED && attempt < MAX_LOAD_ATTEMPTS)
            continue;

          problem = problem_new (path, error->message);
          g_ptr_array_add (result->problems, problem);

          if (moved == VIVA_MOVE_ASIDE_DONE)
            {
              problem->moved_aside_path = g_steal_pointer (&aside);
              loaded = load_backup (codec, path, id);
              if (loaded != NULL)
                {
                  problem->restored_from_backup = TRUE;
                  g_ptr_array_add (result->loaded, loaded);
                }
            }
          else if (move_error != NULL)
            {
              /* Left where it is; nothing will write over it, since
               * nothing of it is loaded. */
              g_free (problem->message);
              problem->message = g_strdup_printf ("%s; %s", error->message, move_error->message);
            }
          return;

        case VIVA_DATA_FILE_READ_UNREADABLE:
        default:
          g_clear_object (&document);
          g_ptr_array_add (result->problems, problem_new (path, error->message));
          return;
        }
    }
}

/* Reads every "*.json" of @dir. A missing folder is an empty one.
 * Thread-safe. */
VivaDocumentDirLoad *
viva_document_dir_load (const VivaDocumentCodec *codec,
                        const char              *dir,
                        const char              *lock_path)
{
  VivaDocumentDirLoad *result = g_new0 (VivaDocumentDirLoad, 1);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;

  result->loaded = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_document_loaded_free);
  result->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_document_problem_free);

  names = viva_data_file_list_folder (dir, VIVA_DOCUMENT_SUFFIX, &error);
  if (names == NULL)
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_ptr_array_add (result->problems, problem_new (dir, error->message));
      return result;
    }

  for (guint i = 0; i < names->len; i++)
    load_one (codec, dir, lock_path, g_ptr_array_index (names, i), result);

  return result;
}
