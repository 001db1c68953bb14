/* viva-interview-store.h
 *
 * The history of interviews: one JSON file per interview under
 * $XDG_DATA_HOME/io.github.vivaprep.Viva/interviews/. GTK-free.
 *
 * The same safety rules as the notes (see viva-notes-store.h), per file:
 *  - every file is validated as untrusted input; one that fails is moved
 *    aside byte for byte ("<id>.json.corrupt-<time>"), its ".bak" is
 *    used when it is good, and the problem is reported; the other
 *    interviews load normally;
 *  - writes are atomic and durable, mode 0600 in a 0700 folder, off the
 *    main loop, under a lock shared by all Viva processes, keeping the
 *    previous file as "<id>.json.bak";
 *  - a file from a newer version is listed read-only and never written;
 *    a file that cannot be read is never replaced;
 *  - a failed write keeps everything in memory and is retried.
 *
 * This store and viva-interview-file.c began as copies of the mock
 * sessions' (viva-session-store.c, viva-session-file.c), machinery and
 * all; only the model and the file format differ. Merging the two into
 * one store of per-file documents is left for later.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_INTERVIEW_STORE_ERROR (viva_interview_store_error_quark ())

/* The first three codes are VivaDataFileErrorCode's. */
typedef enum
{
  VIVA_INTERVIEW_STORE_ERROR_TOO_LARGE,
  VIVA_INTERVIEW_STORE_ERROR_TOO_DEEP,
  VIVA_INTERVIEW_STORE_ERROR_INVALID,
  VIVA_INTERVIEW_STORE_ERROR_FUTURE_VERSION,
  VIVA_INTERVIEW_STORE_ERROR_READ_ONLY,
  VIVA_INTERVIEW_STORE_ERROR_NOT_FOUND,
  VIVA_INTERVIEW_STORE_ERROR_EXISTS,
} VivaInterviewStoreError;

/**
 * VivaInterviewProblem:
 * @path: the file (or the folder) that could not be loaded
 * @message: why, for the user
 * @moved_aside_path: (nullable): where the damaged file was moved, byte
 *   for byte
 * @restored_from_backup: whether the interview was loaded from its ".bak"
 *   instead, and is in the list
 *
 * One file that did not load as it should.
 */
typedef struct
{
  char     *path;
  char     *message;
  char     *moved_aside_path;
  gboolean  restored_from_backup;
} VivaInterviewProblem;

#define VIVA_TYPE_INTERVIEW_STORE (viva_interview_store_get_type ())

G_DECLARE_FINAL_TYPE (VivaInterviewStore, viva_interview_store, VIVA, INTERVIEW_STORE, GObject)

GQuark              viva_interview_store_error_quark        (void);
void                viva_interview_problem_free             (VivaInterviewProblem *problem);
char               *viva_interview_store_dup_default_dir    (void);
VivaInterviewStore *viva_interview_store_new               (const char           *dir);
const char         *viva_interview_store_get_dir            (VivaInterviewStore   *self);
char               *viva_interview_store_dup_path           (VivaInterviewStore   *self,
                                                             VivaInterview        *interview);
GListModel         *viva_interview_store_load               (VivaInterviewStore   *self,
                                                             GPtrArray           **out_problems);
void                viva_interview_store_load_async         (VivaInterviewStore   *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
GListModel         *viva_interview_store_load_finish        (VivaInterviewStore   *self,
                                                             GAsyncResult         *result,
                                                             GPtrArray           **out_problems,
                                                             GError              **error);
GListModel         *viva_interview_store_get_interviews     (VivaInterviewStore   *self);
gboolean            viva_interview_store_add                (VivaInterviewStore   *self,
                                                             VivaInterview        *interview,
                                                             GError              **error);
GListModel         *viva_interview_store_search             (VivaInterviewStore   *self,
                                                             const char           *query);
VivaInterview      *viva_interview_store_get_unfinished     (VivaInterviewStore   *self);
gboolean            viva_interview_store_get_dirty          (VivaInterviewStore   *self);
gboolean            viva_interview_store_get_saving         (VivaInterviewStore   *self);
const char         *viva_interview_store_get_save_error     (VivaInterviewStore   *self);
guint               viva_interview_store_get_autosave_delay (VivaInterviewStore   *self);
void                viva_interview_store_set_autosave_delay (VivaInterviewStore   *self,
                                                             guint                 msec);
void                viva_interview_store_save_async         (VivaInterviewStore   *self,
                                                             VivaInterview        *interview,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean            viva_interview_store_save_finish        (VivaInterviewStore   *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
gboolean            viva_interview_store_flush              (VivaInterviewStore   *self,
                                                             GError              **error);
gboolean            viva_interview_store_delete             (VivaInterviewStore   *self,
                                                             VivaInterview        *interview,
                                                             GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VivaInterviewProblem, viva_interview_problem_free)

G_END_DECLS
