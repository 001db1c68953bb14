/* viva-interview-store.c
 *
 * The interviews: a #VivaDocumentStore of #VivaInterview, in the format
 * of viva-interview-file.c. Everything that decides when and how they
 * reach the disk is the document store's; this only gives it the
 * interview's types and words, and adds a search by candidate.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-interview.h"
#include "viva-interview-file.h"
#include "viva-interview-store-private.h"
#include "viva-interview-store.h"
#include "viva-text.h"

/* The shared store reports in our domain with its own codes. */
G_STATIC_ASSERT ((int) VIVA_INTERVIEW_STORE_ERROR_TOO_LARGE == (int) VIVA_DOCUMENT_STORE_ERROR_TOO_LARGE);
G_STATIC_ASSERT ((int) VIVA_INTERVIEW_STORE_ERROR_TOO_DEEP == (int) VIVA_DOCUMENT_STORE_ERROR_TOO_DEEP);
G_STATIC_ASSERT ((int) VIVA_INTERVIEW_STORE_ERROR_INVALID == (int) VIVA_DOCUMENT_STORE_ERROR_INVALID);
G_STATIC_ASSERT ((int) VIVA_INTERVIEW_STORE_ERROR_FUTURE_VERSION == (int) VIVA_DOCUMENT_STORE_ERROR_FUTURE_VERSION);
G_STATIC_ASSERT ((int) VIVA_INTERVIEW_STORE_ERROR_READ_ONLY == (int) VIVA_DOCUMENT_STORE_ERROR_READ_ONLY);
G_STATIC_ASSERT ((int) VIVA_INTERVIEW_STORE_ERROR_NOT_FOUND == (int) VIVA_DOCUMENT_STORE_ERROR_NOT_FOUND);
G_STATIC_ASSERT ((int) VIVA_INTERVIEW_STORE_ERROR_EXISTS == (int) VIVA_DOCUMENT_STORE_ERROR_EXISTS);

struct _VivaInterviewStore
{
  VivaDocumentStore parent_instance;
};

G_DEFINE_FINAL_TYPE (VivaInterviewStore, viva_interview_store, VIVA_TYPE_DOCUMENT_STORE)

G_DEFINE_QUARK (viva-interview-store-error-quark, viva_interview_store_error)

static void
viva_interview_store_class_init (VivaInterviewStoreClass *klass)
{
  VivaDocumentStoreClass *document_store_class = VIVA_DOCUMENT_STORE_CLASS (klass);

  document_store_class->codec = &viva_interview_codec;
}

static void
viva_interview_store_init (VivaInterviewStore *self)
{
}

void
viva_interview_problem_free (VivaInterviewProblem *problem)
{
  viva_document_problem_free (problem);
}

/**
 * viva_interview_store_dup_default_dir:
 *
 * Returns: (transfer full): $XDG_DATA_HOME/io.github.vivaprep.Viva/interviews
 */
char *
viva_interview_store_dup_default_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), APP_ID, "interviews", NULL);
}

/**
 * viva_interview_store_new:
 * @dir: (nullable): the interviews folder; %NULL for the default
 *
 * Returns: (transfer full): a store; call viva_interview_store_load() (or
 *   its async version) once
 */
VivaInterviewStore *
viva_interview_store_new (const char *dir)
{
  g_autofree char *default_dir = NULL;

  if (dir == NULL)
    dir = default_dir = viva_interview_store_dup_default_dir ();

  return g_object_new (VIVA_TYPE_INTERVIEW_STORE, "dir", dir, NULL);
}

/* The rest is viva_document_store_*() with the types checked; see there. */

/**
 * viva_interview_store_load:
 * @self: a store
 * @out_problems: (out) (transfer full) (element-type VivaInterviewProblem) (optional):
 *   the files that did not load as they should, for the user; empty
 *   when all is well
 *
 * Returns: (transfer none): the interviews, newest first; the same list
 *   as viva_interview_store_get_interviews()
 */
GListModel *
viva_interview_store_load (VivaInterviewStore  *self,
                           GPtrArray          **out_problems)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_STORE (self), NULL);

  return viva_document_store_load (VIVA_DOCUMENT_STORE (self), out_problems);
}

/**
 * viva_interview_store_get_interviews:
 * @self: a store
 *
 * Returns: (transfer none): the interviews (#VivaInterview), newest first
 */
GListModel *
viva_interview_store_get_interviews (VivaInterviewStore *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_STORE (self), NULL);

  return viva_document_store_get_documents (VIVA_DOCUMENT_STORE (self));
}

/**
 * viva_interview_store_add:
 * @self: a store
 * @interview: a new interview, from viva_interview_new()
 * @error: return location for an error
 *
 * Adds a new interview to the history and saves it right away, so that a
 * crash in the first minute does not lose it, then after each change
 * (see #VivaDocumentStore:autosave-delay).
 *
 * Returns: %FALSE if an interview with its id is already known or on disk
 */
gboolean
viva_interview_store_add (VivaInterviewStore  *self,
                          VivaInterview       *interview,
                          GError             **error)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_STORE (self), FALSE);

  return viva_document_store_add (VIVA_DOCUMENT_STORE (self), interview, error);
}

/**
 * viva_interview_store_search:
 * @self: a store
 * @query: (nullable): part of a candidate's name
 *
 * The interviews whose candidate's name contains @query, ignoring case
 * and accents ("zoe" finds "Zoë"), newest first; all of them for an
 * empty query. A snapshot: it does not follow later changes.
 *
 * Returns: (transfer full): a list of #VivaInterview
 */
GListModel *
viva_interview_store_search (VivaInterviewStore *self,
                             const char         *query)
{
  GListModel *interviews;
  g_autofree char *key = NULL;
  GListStore *result;
  guint n;

  g_return_val_if_fail (VIVA_IS_INTERVIEW_STORE (self), NULL);

  interviews = viva_document_store_get_documents (VIVA_DOCUMENT_STORE (self));

  result = g_list_store_new (VIVA_TYPE_INTERVIEW);
  if (query != NULL && g_utf8_validate (query, -1, NULL))
    {
      g_autofree char *stripped = g_strstrip (g_strdup (query));

      key = viva_text_normalize (stripped, -1);
    }

  n = g_list_model_get_n_items (interviews);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VivaInterview) interview = g_list_model_get_item (interviews, i);
      g_autofree char *name = NULL;

      if (key != NULL && *key != '\0')
        {
          name = viva_text_normalize (viva_interview_get_candidate (interview), -1);
          if (strstr (name, key) == NULL)
            continue;
        }

      g_list_store_append (result, interview);
    }

  return G_LIST_MODEL (result);
}

/**
 * viva_interview_store_get_unfinished:
 * @self: a store
 *
 * The interview to offer to resume at start-up: the newest one that was
 * running or paused and did not finish, and that this version can save.
 *
 * Returns: (transfer none) (nullable): the interview
 */
VivaInterview *
viva_interview_store_get_unfinished (VivaInterviewStore *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_STORE (self), NULL);

  return viva_document_store_get_unfinished (VIVA_DOCUMENT_STORE (self));
}

gboolean
viva_interview_store_flush (VivaInterviewStore  *self,
                            GError             **error)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_STORE (self), FALSE);

  return viva_document_store_flush (VIVA_DOCUMENT_STORE (self), error);
}

gboolean
viva_interview_store_delete (VivaInterviewStore  *self,
                             VivaInterview       *interview,
                             GError             **error)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_STORE (self), FALSE);

  return viva_document_store_delete (VIVA_DOCUMENT_STORE (self), interview, error);
}
