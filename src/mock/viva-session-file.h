/* viva-session-file.h
 *
 * Mock interview sessions on disk, for VivaSessionStore only: reading
 * and validating a file as untrusted input, loading the whole folder
 * (moving damaged files aside, falling back on backups), and writing a
 * file under the folder's lock with a backup. Plain functions that can run in
 * a worker thread. The format is described at the top of
 * viva-session-file.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "viva-data-file.h"
#include "viva-mock-session.h"
#include "viva-session-store.h"

G_BEGIN_DECLS

#define VIVA_SESSION_FORMAT         "viva-mock-session"
#define VIVA_SESSION_FORMAT_VERSION 1
/* 50 answers of at most 1 MiB each, with room for JSON escapes. */
#define VIVA_SESSION_MAX_SIZE       ((gsize) 64 * 1024 * 1024)
/* Our files nest 3 levels; json-glib 1.6 crashes near 100,000. */
#define VIVA_SESSION_MAX_DEPTH      32
#define VIVA_SESSION_SUFFIX         ".json"
#define VIVA_SESSION_LOCK_NAME      ".lock"

typedef enum
{
  VIVA_SESSION_READ_OK,
  VIVA_SESSION_READ_MISSING,
  VIVA_SESSION_READ_FUTURE,
  VIVA_SESSION_READ_DAMAGED,
  VIVA_SESSION_READ_UNREADABLE,
} VivaSessionReadResult;

typedef enum
{
  VIVA_SESSION_WRITE_WROTE,
  VIVA_SESSION_WRITE_NEWER_ON_DISK,
  VIVA_SESSION_WRITE_CANCELLED,
} VivaSessionWriteOutcome;

/* One write of a session file: prepared on the main thread, run in a
 * worker thread (or, for flush, in the calling thread). */
typedef struct
{
  /* In */
  char                    *path;
  char                    *lock_path;
  JsonNode                *root;
  VivaFileStamp            expected;
  GCancellable            *cancellable;

  /* Out */
  VivaSessionWriteOutcome  outcome;
  VivaFileStamp            stamp;
  char                    *moved_aside_path;
} VivaSessionWrite;

/* One session read from the folder. */
typedef struct
{
  VivaMockSession *session;
  char            *path;
  VivaFileStamp    stamp;
  gboolean         future;
  gboolean         from_backup;
} VivaSessionLoaded;

/* Everything the folder held. */
typedef struct
{
  GPtrArray *loaded;    /* (element-type VivaSessionLoaded) */
  GPtrArray *problems;  /* (element-type VivaSessionProblem) */
} VivaSessionDirLoad;

VivaSessionReadResult  viva_session_read_result_from_error (const GError         *error);
gboolean               viva_session_file_parse             (const char           *data,
                                                            gsize                 len,
                                                            const char           *expected_id,
                                                            VivaMockSession     **out_session,
                                                            GError              **error);
gboolean               viva_session_file_read              (const char           *path,
                                                            const char           *expected_id,
                                                            VivaFileStamp        *out_stamp,
                                                            VivaMockSession     **out_session,
                                                            GError              **error);
JsonNode              *viva_session_file_build             (VivaMockSession      *session);
GBytes                *viva_session_file_generate          (JsonNode             *root,
                                                            GError              **error);
VivaSessionWrite      *viva_session_write_new              (const char           *path,
                                                            const char           *lock_path,
                                                            JsonNode             *root,
                                                            const VivaFileStamp  *expected,
                                                            GCancellable         *cancellable);
void                   viva_session_write_free             (VivaSessionWrite     *write);
gboolean               viva_session_write_run              (VivaSessionWrite     *write,
                                                            GError              **error);
VivaSessionDirLoad    *viva_session_dir_load               (const char           *dir,
                                                            const char           *lock_path);
void                   viva_session_dir_load_free          (VivaSessionDirLoad   *load);

G_END_DECLS
