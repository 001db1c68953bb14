/* viva-session-store.h
 *
 * The history of mock interviews: one JSON file per session under
 * $XDG_DATA_HOME/io.github.vivaprep.Viva/sessions/, kept by a
 * #VivaDocumentStore with the safety rules viva-document-store.h lists.
 * GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "viva-document-store.h"
#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_SESSION_STORE_ERROR (viva_session_store_error_quark ())

/* The codes are VivaDocumentStoreErrorCode's. */
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
 *
 * One file that did not load as it should: a #VivaDocumentProblem.
 */
typedef VivaDocumentProblem VivaSessionProblem;

#define VIVA_TYPE_SESSION_STORE (viva_session_store_get_type ())

G_DECLARE_FINAL_TYPE (VivaSessionStore, viva_session_store, VIVA, SESSION_STORE, VivaDocumentStore)

GQuark            viva_session_store_error_quark       (void);
void              viva_session_problem_free            (VivaSessionProblem   *problem);
char             *viva_session_store_dup_default_dir   (void);
VivaSessionStore *viva_session_store_new               (const char           *dir);
GListModel       *viva_session_store_load              (VivaSessionStore     *self,
                                                        GPtrArray           **out_problems);
GListModel       *viva_session_store_get_sessions      (VivaSessionStore     *self);
gboolean          viva_session_store_add               (VivaSessionStore     *self,
                                                        VivaMockSession      *session,
                                                        GError              **error);
VivaMockSession  *viva_session_store_get_unfinished    (VivaSessionStore     *self);
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VivaSessionProblem, viva_session_problem_free)

G_END_DECLS
