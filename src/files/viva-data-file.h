/* viva-data-file.h
 *
 * What every file of user data (notes.json, the mock interview sessions)
 * shares: reading it as untrusted input (a size cap, the pre-scan that
 * keeps json-glib 1.6 from crashing or misreading, duplicate members),
 * stamps that tell whether someone else wrote it since we read it, a lock
 * between Viva processes, moving a damaged file aside unchanged, and the
 * steps of an atomic, durable write with a backup. Plain functions, no
 * GObject, so that all of it can run in a worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * VivaDataFileErrorCode:
 * @VIVA_DATA_FILE_ERROR_TOO_LARGE: larger than the caller's cap
 * @VIVA_DATA_FILE_ERROR_TOO_DEEP: nests deeper than the caller's cap
 * @VIVA_DATA_FILE_ERROR_INVALID: not what we wrote
 * @VIVA_DATA_FILE_ERROR_FUTURE_VERSION: written by a newer Viva
 *
 * Every store's error enum (VivaNotesStoreError, VivaSessionStoreError)
 * begins with these four codes in this order, so that the shared checks
 * below can report in the caller's own error domain; each store asserts
 * it at compile time.
 */
typedef enum
{
  VIVA_DATA_FILE_ERROR_TOO_LARGE,
  VIVA_DATA_FILE_ERROR_TOO_DEEP,
  VIVA_DATA_FILE_ERROR_INVALID,
  VIVA_DATA_FILE_ERROR_FUTURE_VERSION,
} VivaDataFileErrorCode;

/**
 * VivaDataFileVersion:
 * @VIVA_DATA_FILE_VERSION_KNOWN: a version this Viva reads and writes
 * @VIVA_DATA_FILE_VERSION_NEWER: written by a newer Viva: open read-only
 * @VIVA_DATA_FILE_VERSION_INVALID: no Viva wrote it: the file is damaged
 */
typedef enum
{
  VIVA_DATA_FILE_VERSION_KNOWN,
  VIVA_DATA_FILE_VERSION_NEWER,
  VIVA_DATA_FILE_VERSION_INVALID,
} VivaDataFileVersion;

/**
 * VivaDataFileReadResult:
 * @VIVA_DATA_FILE_READ_OK: read and valid
 * @VIVA_DATA_FILE_READ_MISSING: not there
 * @VIVA_DATA_FILE_READ_FUTURE: written by a newer Viva: open read-only,
 *   never write over it
 * @VIVA_DATA_FILE_READ_DAMAGED: not what we wrote: move it aside
 * @VIVA_DATA_FILE_READ_UNREADABLE: could not be read at all: never write
 *   over it
 *
 * What a read's error means for the file, the same for every store.
 */
typedef enum
{
  VIVA_DATA_FILE_READ_OK,
  VIVA_DATA_FILE_READ_MISSING,
  VIVA_DATA_FILE_READ_FUTURE,
  VIVA_DATA_FILE_READ_DAMAGED,
  VIVA_DATA_FILE_READ_UNREADABLE,
} VivaDataFileReadResult;

/* What we know of a file on disk, to tell whether someone else wrote it
 * since we last read or wrote it. A missing file is a stamp too. */
typedef struct
{
  gboolean        exists;
  dev_t           dev;
  ino_t           ino;
  off_t           size;
  struct timespec mtime;
  struct timespec ctime;
} VivaFileStamp;

typedef enum
{
  VIVA_MOVE_ASIDE_DONE,
  VIVA_MOVE_ASIDE_CHANGED,
  VIVA_MOVE_ASIDE_FAILED,
} VivaMoveAsideResult;

void                 viva_file_stamp_init                (VivaFileStamp        *stamp,
                                                          const struct stat    *st);
gboolean             viva_file_stamp_equal               (const VivaFileStamp  *a,
                                                          const VivaFileStamp  *b);
gboolean             viva_file_stamp_query               (VivaFileStamp        *stamp,
                                                          const char           *path,
                                                          int                  *out_errno);

VivaDataFileReadResult viva_data_file_read_result     (const GError         *error,
                                                          GQuark                domain);
gboolean             viva_data_file_read                 (const char           *path,
                                                          gsize                 max_size,
                                                          GQuark                domain,
                                                          VivaFileStamp        *out_stamp,
                                                          char                **out_data,
                                                          gsize                *out_len,
                                                          GError              **error);
JsonParser          *viva_data_file_parse_json           (const char           *data,
                                                          gsize                 len,
                                                          guint                 max_depth,
                                                          GQuark                domain,
                                                          JsonObject          **out_root,
                                                          GError              **error);
VivaDataFileVersion  viva_data_file_get_version          (JsonParser           *parser,
                                                          JsonObject           *root,
                                                          gint64                oldest,
                                                          gint64                newest,
                                                          gint64               *out_version,
                                                          GQuark                domain,
                                                          GError              **error);
JsonNode            *viva_json_object_get_value_member   (JsonObject           *object,
                                                          const char           *name,
                                                          GType                 type,
                                                          gboolean             *missing);
gboolean             viva_data_file_get_string_member    (JsonObject           *object,
                                                          const char           *name,
                                                          gsize                 min_size,
                                                          gsize                 max_size,
                                                          gboolean              nullable,
                                                          const char          **out,
                                                          GQuark                domain,
                                                          GError              **error);
gboolean             viva_data_file_get_int_member       (JsonObject           *object,
                                                          const char           *name,
                                                          gint64                min,
                                                          gint64                max,
                                                          gint64               *out,
                                                          GQuark                domain,
                                                          GError              **error);
gboolean             viva_data_file_get_time_member      (JsonObject           *object,
                                                          const char           *name,
                                                          gboolean              nullable,
                                                          gint64               *out,
                                                          GQuark                domain,
                                                          GError              **error);
void                 viva_data_file_add_time_member      (JsonBuilder          *builder,
                                                          const char           *name,
                                                          gint64                usec);
gint64               viva_data_file_parse_time           (const char           *text);
void                 viva_data_file_format_time          (gint64                usec,
                                                          char                 *buf,
                                                          gsize                 buf_len);
GBytes              *viva_data_file_generate             (JsonNode             *root);

char                *viva_data_file_dup_backup_path      (const char           *path);
int                  viva_data_file_lock                 (const char           *lock_path);
VivaMoveAsideResult  viva_data_file_move_aside_locked    (const char           *path,
                                                          const VivaFileStamp  *expected,
                                                          char                **out_path,
                                                          GError              **error);
VivaMoveAsideResult  viva_data_file_move_aside           (const char           *lock_path,
                                                          const char           *path,
                                                          const VivaFileStamp  *expected,
                                                          char                **out_path,
                                                          GError              **error);
GPtrArray           *viva_data_file_list_folder          (const char           *dir,
                                                          const char           *suffix,
                                                          GError              **error);
gboolean             viva_data_file_delete               (const char           *lock_path,
                                                          const char           *path,
                                                          int                  *out_errno);
void                 viva_data_file_keep_backup          (const char           *path);
void                 viva_data_file_sync_directory       (const char           *path);

/**
 * VivaDataFileWriteResult:
 * @VIVA_DATA_FILE_WRITE_WROTE: the file now holds the new contents
 * @VIVA_DATA_FILE_WRITE_CANCELLED: the document was deleted first
 * @VIVA_DATA_FILE_WRITE_DECLINED: the #VivaDataFileChangedFunc said not to
 */
typedef enum
{
  VIVA_DATA_FILE_WRITE_WROTE,
  VIVA_DATA_FILE_WRITE_CANCELLED,
  VIVA_DATA_FILE_WRITE_DECLINED,
} VivaDataFileWriteResult;

/* Called with the folder locked when the file on disk is not the one we
 * last read or wrote; decides, in the format's own terms, whether we may
 * write over it. Returns FALSE with @error set to fail the write. */
typedef gboolean (*VivaDataFileChangedFunc)   (gpointer        user_data,
                                               VivaFileStamp  *current,
                                               gboolean       *may_write,
                                               GError        **error);
/* Words a failure to write @path as the format's own sentence, and
 * chooses its code: @errsv is the errno of a failed system call, or 0
 * when @domain and @code come from the failed write's own error. */
typedef void     (*VivaDataFileSaveErrorFunc) (GError        **error,
                                               GQuark          domain,
                                               gint            code,
                                               int             errsv,
                                               const char     *path,
                                               const char     *reason,
                                               gpointer        user_data);

char      *viva_data_file_resolve_links (const char                *path);
gboolean   viva_data_file_write          (const char                *path,
                                          const char                *lock_path,
                                          GBytes                    *contents,
                                          const VivaFileStamp       *expected,
                                          GCancellable              *cancellable,
                                          VivaDataFileChangedFunc    changed_on_disk,
                                          VivaDataFileSaveErrorFunc  set_save_error,
                                          gpointer                   user_data,
                                          VivaFileStamp             *out_stamp,
                                          VivaDataFileWriteResult   *out_result,
                                          GError                   **error);

G_END_DECLS
