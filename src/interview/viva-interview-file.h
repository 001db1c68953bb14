/* viva-interview-file.h
 *
 * Interviews on disk, for VivaInterviewStore only: reading
 * and validating a file as untrusted input, loading the whole folder
 * (moving damaged files aside, falling back on backups), and writing a
 * file under the folder's lock with a backup. Plain functions that can run in
 * a worker thread. The format is described at the top of
 * viva-interview-file.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "viva-data-file.h"
#include "viva-interview.h"
#include "viva-interview-store.h"

G_BEGIN_DECLS

#define VIVA_INTERVIEW_FORMAT         "viva-interview"
#define VIVA_INTERVIEW_FORMAT_VERSION 1
/* Generous for notes typed during an interview; a plan of 100 questions
 * with 1 MiB of notes each would not fit, and is refused when saved. */
#define VIVA_INTERVIEW_MAX_SIZE       ((gsize) 64 * 1024 * 1024)
/* Our files nest 3 levels; json-glib 1.6 crashes near 100,000. */
#define VIVA_INTERVIEW_MAX_DEPTH      32
#define VIVA_INTERVIEW_SUFFIX         ".json"
#define VIVA_INTERVIEW_LOCK_NAME      ".lock"

typedef enum
{
  VIVA_INTERVIEW_READ_OK,
  VIVA_INTERVIEW_READ_MISSING,
  VIVA_INTERVIEW_READ_FUTURE,
  VIVA_INTERVIEW_READ_DAMAGED,
  VIVA_INTERVIEW_READ_UNREADABLE,
} VivaInterviewReadResult;

typedef enum
{
  VIVA_INTERVIEW_WRITE_WROTE,
  VIVA_INTERVIEW_WRITE_NEWER_ON_DISK,
  VIVA_INTERVIEW_WRITE_CANCELLED,
} VivaInterviewWriteOutcome;

/* One write of an interview file: prepared on the main thread, run in a
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
  VivaInterviewWriteOutcome  outcome;
  VivaFileStamp            stamp;
  char                    *moved_aside_path;
} VivaInterviewWrite;

/* One interview read from the folder. */
typedef struct
{
  VivaInterview *interview;
  char            *path;
  VivaFileStamp    stamp;
  gboolean         future;
  gboolean         from_backup;
} VivaInterviewLoaded;

/* Everything the folder held. */
typedef struct
{
  GPtrArray *loaded;    /* (element-type VivaInterviewLoaded) */
  GPtrArray *problems;  /* (element-type VivaInterviewProblem) */
} VivaInterviewDirLoad;

VivaInterviewReadResult  viva_interview_read_result_from_error (const GError         *error);
gboolean               viva_interview_file_parse             (const char     *data,
                                                              gsize           len,
                                                              const char     *expected_id,
                                                              VivaInterview **out_interview,
                                                              GError        **error);
gboolean               viva_interview_file_read              (const char     *path,
                                                              const char     *expected_id,
                                                              VivaFileStamp  *out_stamp,
                                                              VivaInterview **out_interview,
                                                              GError        **error);
JsonNode              *viva_interview_file_build             (VivaInterview      *interview);
GBytes                *viva_interview_file_generate          (JsonNode *root,
                                                              GError  **error);
VivaInterviewWrite      *viva_interview_write_new              (const char          *path,
                                                                const char          *lock_path,
                                                                JsonNode            *root,
                                                                const VivaFileStamp *expected,
                                                                GCancellable        *cancellable);
void                   viva_interview_write_free             (VivaInterviewWrite     *write);
gboolean               viva_interview_write_run              (VivaInterviewWrite *write,
                                                              GError            **error);
VivaInterviewDirLoad    *viva_interview_dir_load               (const char *dir,
                                                                const char *lock_path);
void                   viva_interview_dir_load_free          (VivaInterviewDirLoad   *load);

G_END_DECLS
