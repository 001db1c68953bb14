/* viva-session-store.h
 *
 * The history of mock interviews: one JSON file per session under
 * $XDG_DATA_HOME/io.github.vivaprep.Viva/sessions/. GTK-free.
 *
 * The same safety rules as the notes (see viva-notes-store.h), per file:
 *  - every file is validated as untrusted input; one that fails is moved
 *    aside byte for byte ("<id>.json.corrupt-<time>"), its ".bak" is
 *    used when it is good, and the problem is reported; the other
 *    sessions load normally;
 *  - writes are atomic and durable, mode 0600 in a 0700 folder, off the
 *    main loop, under a lock shared by all Viva processes, keeping the
 *    previous file as "<id>.json.bak";
 *  - a file from a newer version is listed read-only and never written;
 *    a file that cannot be read is never replaced;
 *  - a failed write keeps everything in memory and is retried.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_SESSION_STORE_ERROR (viva_session_store_error_quark ())

/* The first three codes are VivaDataFileErrorCode's. */
typedef enum
{
  VIVA_SESSION_STORE_ERROR_TOO_LARGE,
  VIVA_SESSION_STORE_ERROR_TOO_DEEP,
  VIVA_SESSION_STORE_ERROR_INVALID,
  VIVA_SESSION_STORE_ERROR_FUTURE_VERSION,
  VIVA_SESSION_STORE_ERROR_READ_ONLY,
  VIVA_SESSION_STORE_ERROR_NOT_FOUND,
  VIVA_SESSION_STORE_ERROR_EXISTS,
} VivaSessionStoreError;

/**
 * VivaSessionProblem:
 * @path: the file (or the folder) that could not be loaded
 * @message: why, for the user
 * @moved_aside_path: (nullable): where the damaged file was moved, byte
 *   for byte
 * @restored_from_backup: whether the session was loaded from its ".bak"
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
} VivaSessionProblem;

#define VIVA_TYPE_SESSION_STORE (viva_session_store_get_type ())

G_DECLARE_FINAL_TYPE (VivaSessionStore, viva_session_store, VIVA, SESSION_STORE, GObject)

GQuark            viva_session_store_error_quark       (void);
void              viva_session_problem_free            (VivaSessionProblem   *problem);
char             *viva_session_store_dup_default_dir   (void);
VivaSessionStore *viva_session_store_new               (const char           *dir);
const char       *viva_session_store_get_dir           (VivaSessionStore     *self);
char             *viva_session_store_dup_path          (VivaSessionStore     *self,
                                                        VivaMockSession      *session);
GListModel       *viva_session_store_load              (VivaSessionStore     *self,
                                                        GPtrArray           **out_problems);
void              viva_session_store_load_async        (VivaSessionStore     *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GListModel       *viva_session_store_load_finish       (VivaSessionStore     *self,
                                                        GAsyncResult         *result,
                                                        GPtrArray           **out_problems,
                                                        GError              **error);
GListModel       *viva_session_store_get_sessions      (VivaSessionStore     *self);
gboolean          viva_session_store_add               (VivaSessionStore     *self,
                                                        VivaMockSession      *session,
                                                        GError              **error);
VivaMockSession  *viva_session_store_get_unfinished    (VivaSessionStore     *self);
gboolean          viva_session_store_get_dirty         (VivaSessionStore     *self);
gboolean          viva_session_store_get_saving        (VivaSessionStore     *self);
const char       *viva_session_store_get_save_error    (VivaSessionStore     *self);
guint             viva_session_store_get_autosave_delay (VivaSessionStore    *self);
void              viva_session_store_set_autosave_delay (VivaSessionStore    *self,
                                                        guint                 msec);
void              viva_session_store_save_async        (VivaSessionStore     *self,
                                                        VivaMockSession      *session,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean          viva_session_store_save_finish       (VivaSessionStore     *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
gboolean          viva_session_store_flush             (VivaSessionStore     *self,
                                                        GError              **error);
gboolean          viva_session_store_delete            (VivaSessionStore     *self,
                                                        VivaMockSession      *session,
                                                        GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VivaSessionProblem, viva_session_problem_free)

G_END_DECLS
