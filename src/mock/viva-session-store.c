/* viva-session-store.c
 *
 * The mock interview sessions: a #VivaDocumentStore of #VivaMockSession,
 * in the format of viva-session-file.c. Everything that decides when and
 * how they reach the disk is the document store's; this only gives it
 * the session's types and words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-mock-session.h"
#include "viva-session-file.h"
#include "viva-session-store.h"

/* The shared store reports in our domain with its own codes. */
G_STATIC_ASSERT ((int) VIVA_SESSION_STORE_ERROR_TOO_LARGE == (int) VIVA_DOCUMENT_STORE_ERROR_TOO_LARGE);
G_STATIC_ASSERT ((int) VIVA_SESSION_STORE_ERROR_TOO_DEEP == (int) VIVA_DOCUMENT_STORE_ERROR_TOO_DEEP);
G_STATIC_ASSERT ((int) VIVA_SESSION_STORE_ERROR_INVALID == (int) VIVA_DOCUMENT_STORE_ERROR_INVALID);
G_STATIC_ASSERT ((int) VIVA_SESSION_STORE_ERROR_FUTURE_VERSION == (int) VIVA_DOCUMENT_STORE_ERROR_FUTURE_VERSION);
G_STATIC_ASSERT ((int) VIVA_SESSION_STORE_ERROR_READ_ONLY == (int) VIVA_DOCUMENT_STORE_ERROR_READ_ONLY);
G_STATIC_ASSERT ((int) VIVA_SESSION_STORE_ERROR_NOT_FOUND == (int) VIVA_DOCUMENT_STORE_ERROR_NOT_FOUND);
G_STATIC_ASSERT ((int) VIVA_SESSION_STORE_ERROR_EXISTS == (int) VIVA_DOCUMENT_STORE_ERROR_EXISTS);

struct _VivaSessionStore
{
  VivaDocumentStore parent_instance;
};

G_DEFINE_FINAL_TYPE (VivaSessionStore, viva_session_store, VIVA_TYPE_DOCUMENT_STORE)

G_DEFINE_QUARK (viva-session-store-error-quark, viva_session_store_error)

static void
viva_session_store_class_init (VivaSessionStoreClass *klass)
{
  VivaDocumentStoreClass *document_store_class = VIVA_DOCUMENT_STORE_CLASS (klass);

  document_store_class->codec = &viva_session_codec;
}

static void
viva_session_store_init (VivaSessionStore *self)
{
}

void
viva_session_problem_free (VivaSessionProblem *problem)
{
  viva_document_problem_free (problem);
}

/**
 * viva_session_store_dup_default_dir:
 *
 * Returns: (transfer full): $XDG_DATA_HOME/io.github.vivaprep.Viva/sessions
 */
char *
viva_session_store_dup_default_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), APP_ID, "sessions", NULL);
}

/**
 * viva_session_store_new:
 * @dir: (nullable): the sessions folder; %NULL for the default
 *
 * Returns: (transfer full): a store; call viva_session_store_load() (or
 *   its async version) once
 */
VivaSessionStore *
viva_session_store_new (const char *dir)
{
  g_autofree char *default_dir = NULL;

  if (dir == NULL)
    dir = default_dir = viva_session_store_dup_default_dir ();

  return g_object_new (VIVA_TYPE_SESSION_STORE, "dir", dir, NULL);
}

/* The rest is viva_document_store_*() with the types checked; see there. */

/**
 * viva_session_store_load:
 * @self: a store
 * @out_problems: (out) (transfer full) (element-type VivaSessionProblem) (optional):
 *   the files that did not load as they should, for the user; empty
 *   when all is well
 *
 * Returns: (transfer none): the sessions, newest first; the same list
 *   as viva_session_store_get_sessions()
 */
GListModel *
viva_session_store_load (VivaSessionStore  *self,
                         GPtrArray        **out_problems)
{
  g_return_val_if_fail (VIVA_IS_SESSION_STORE (self), NULL);

  return viva_document_store_load (VIVA_DOCUMENT_STORE (self), out_problems);
}

/**
 * viva_session_store_get_sessions:
 * @self: a store
 *
 * Returns: (transfer none): the sessions (#VivaMockSession), newest first
 */
GListModel *
viva_session_store_get_sessions (VivaSessionStore *self)
{
  g_return_val_if_fail (VIVA_IS_SESSION_STORE (self), NULL);

  return viva_document_store_get_documents (VIVA_DOCUMENT_STORE (self));
}

/**
 * viva_session_store_add:
 * @self: a store
 * @session: a new session, from viva_mock_session_new()
 * @error: return location for an error
 *
 * Adds a new session to the history and saves it right away, so that a
 * crash in the first minute does not lose it, then after each change
 * (see #VivaDocumentStore:autosave-delay).
 *
 * Returns: %FALSE if a session with its id is already known or on disk
 */
gboolean
viva_session_store_add (VivaSessionStore  *self,
                        VivaMockSession   *session,
                        GError           **error)
{
  g_return_val_if_fail (VIVA_IS_SESSION_STORE (self), FALSE);

  return viva_document_store_add (VIVA_DOCUMENT_STORE (self), session, error);
}

/**
 * viva_session_store_get_unfinished:
 * @self: a store
 *
 * The session to offer to resume at start-up: the newest one that was
 * running or paused and did not finish, and that this version can save.
 *
 * Returns: (transfer none) (nullable): the session
 */
VivaMockSession *
viva_session_store_get_unfinished (VivaSessionStore *self)
{
  g_return_val_if_fail (VIVA_IS_SESSION_STORE (self), NULL);

  return viva_document_store_get_unfinished (VIVA_DOCUMENT_STORE (self));
}

void
viva_session_store_save_async (VivaSessionStore    *self,
                               VivaMockSession     *session,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (VIVA_IS_SESSION_STORE (self));

  viva_document_store_save_async (VIVA_DOCUMENT_STORE (self), session, cancellable, callback, user_data);
}

gboolean
viva_session_store_save_finish (VivaSessionStore  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (VIVA_IS_SESSION_STORE (self), FALSE);

  return viva_document_store_save_finish (VIVA_DOCUMENT_STORE (self), result, error);
}

gboolean
viva_session_store_flush (VivaSessionStore  *self,
                          GError           **error)
{
  g_return_val_if_fail (VIVA_IS_SESSION_STORE (self), FALSE);

  return viva_document_store_flush (VIVA_DOCUMENT_STORE (self), error);
}
