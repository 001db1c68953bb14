/* viva-challenge-results-json.c
 *
 * A test run's results as the files that keep them (a mock interview's
 * session) write them:
 *
 *   {
 *     "load-error" : null,
 *     "complete" : true,
 *     "cases" : [
 *       {
 *         "case" : { "name" : "empty string", "call" : "is_palindrome('')", "expected" : "True" },
 *         "status" : "failed",
 *         "actual" : "False",
 *         "output" : "",
 *         "error" : null
 *       }
 *     ]
 *   }
 *
 *  - "load-error": null, or why the code did not load (a traceback, or
 *    Viva's words), at most 1 MiB.
 *  - "complete": false when the run was stopped before every case ended.
 *  - "cases": at most VIVA_CHALLENGE_MAX_CASES (500). "case" is the case
 *    as viva-code-case.c writes it, read with its result rules (any name,
 *    any of "expected", "raises" and "output", or none); "status" is
 *    "passed", "failed", "error" or "not-run"; "actual" (null or a
 *    repr()), "output" and "error" (null, a traceback, or why the case
 *    did not finish) are at most 1 MiB each.
 *  - All members are required; others are ignored, so that a later Viva
 *    may add some. A status this Viva does not know makes the whole
 *    results invalid: the caller keeps what it read as it was.
 *
 * The file they are in is untrusted: every type, size and count is
 * checked, and damage gives an error, never a crash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-challenge-private.h"
#include "viva-data-file.h"

#define TEXT_MAX_SIZE ((gsize) 1024 * 1024)

static const char * const status_nicks[] = {
  [VIVA_CASE_PASSED] = "passed",
  [VIVA_CASE_FAILED] = "failed",
  [VIVA_CASE_ERROR] = "error",
  [VIVA_CASE_NOT_RUN] = "not-run",
};

static void
write_nullable_string (VivaJsonWriter *writer,
                       const char     *name,
                       const char     *value,
                       gboolean       *ok)
{
  viva_json_writer_member (writer, name);
  if (value != NULL)
    *ok &= viva_json_writer_string (writer, value);
  else
    viva_json_writer_null (writer);
}

/**
 * viva_challenge_results_write:
 * @results: results of a test run
 * @writer: where to write them, as one JSON object (see the top of this
 *   file)
 *
 * Returns: %FALSE when a text in @results is not UTF-8 (the document is
 *   then to be dropped, as with viva_json_writer_string())
 */
gboolean
viva_challenge_results_write (const VivaChallengeResults *results,
                              VivaJsonWriter             *writer)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (results != NULL, FALSE);
  g_return_val_if_fail (results->cases != NULL, FALSE);
  g_return_val_if_fail (writer != NULL, FALSE);

  viva_json_writer_begin_object (writer);
  write_nullable_string (writer, "load-error", results->load_error, &ok);
  viva_json_writer_member (writer, "complete");
  viva_json_writer_boolean (writer, results->complete);

  viva_json_writer_member (writer, "cases");
  viva_json_writer_begin_array (writer);
  for (guint i = 0; i < results->cases->len; i++)
    {
      const VivaCaseResult *result = g_ptr_array_index (results->cases, i);
      guint status = MIN ((guint) result->status, (guint) VIVA_CASE_NOT_RUN);

      viva_json_writer_begin_object (writer);
      viva_json_writer_member (writer, "case");
      ok &= viva_code_case_write (result->test_case, writer);
      viva_json_writer_member (writer, "status");
      viva_json_writer_string (writer, status_nicks[status]);
      write_nullable_string (writer, "actual", result->actual, &ok);
      viva_json_writer_member (writer, "output");
      ok &= viva_json_writer_string (writer, result->output != NULL ? result->output : "");
      write_nullable_string (writer, "error", result->error, &ok);
      viva_json_writer_end_object (writer);
    }
  viva_json_writer_end_array (writer);
  viva_json_writer_end_object (writer);

  return ok;
}

static gboolean
set_invalid (GQuark       domain,
             GError     **error,
             const char  *message)
{
  g_set_error_literal (error, domain, VIVA_DATA_FILE_ERROR_INVALID, message);
  return FALSE;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VivaCaseResult, viva_case_result_free)

static VivaCaseResult *
read_case_result (JsonNode  *node,
                  GQuark     domain,
                  GError   **error)
{
  g_autoptr(VivaCaseResult) result = g_new0 (VivaCaseResult, 1);
  JsonObject *object;
  const char *status = NULL;
  const char *actual = NULL;
  const char *output = NULL;
  const char *traceback = NULL;
  gboolean known = FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (domain, error, _("a test’s result is not an object"));
      return NULL;
    }
  object = json_node_get_object (node);

  if (!json_object_has_member (object, "case"))
    {
      set_invalid (domain, error, _("a test’s result has no “case”"));
      return NULL;
    }
  result->test_case = viva_code_case_new_from_json (json_object_get_member (object, "case"),
                                                    VIVA_CODE_CASE_RESULT, domain, error);
  if (result->test_case == NULL)
    return NULL;

  if (!viva_data_file_get_string_member (object, "status", 1, 32, FALSE, &status, domain, error) ||
      !viva_data_file_get_string_member (object, "actual", 0, TEXT_MAX_SIZE, TRUE, &actual,
                                         domain, error) ||
      !viva_data_file_get_string_member (object, "output", 0, TEXT_MAX_SIZE, FALSE, &output,
                                         domain, error) ||
      !viva_data_file_get_string_member (object, "error", 0, TEXT_MAX_SIZE, TRUE, &traceback,
                                         domain, error))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (status_nicks); i++)
    {
      if (g_str_equal (status, status_nicks[i]))
        {
          result->status = i;
          known = TRUE;
        }
    }
  if (!known)
    {
      set_invalid (domain, error, _("a test’s “status” is not one Viva knows"));
      return NULL;
    }

  result->actual = g_strdup (actual);
  result->output = g_strdup (output);
  result->error = g_strdup (traceback);

  return g_steal_pointer (&result);
}

/**
 * viva_challenge_results_new_from_json:
 * @node: results as viva_challenge_results_write() wrote them, from a
 *   file: untrusted
 * @domain: the error domain to report in; its code for results that are
 *   not valid is that of %VIVA_DATA_FILE_ERROR_INVALID
 * @error: return location for an error
 *
 * Reads and checks results (see the top of this file).
 *
 * Returns: (transfer full) (nullable): the results, or %NULL with
 *   @error set when @node is not valid results
 */
VivaChallengeResults *
viva_challenge_results_new_from_json (JsonNode  *node,
                                      GQuark     domain,
                                      GError   **error)
{
  g_autoptr(VivaChallengeResults) results = NULL;
  JsonObject *object;
  JsonNode *member;
  JsonArray *cases;
  const char *load_error = NULL;
  gboolean missing;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (domain, error, _("the tests’ results are not an object"));
      return NULL;
    }
  object = json_node_get_object (node);

  if (!viva_data_file_get_string_member (object, "load-error", 0, TEXT_MAX_SIZE, TRUE,
                                         &load_error, domain, error))
    return NULL;

  member = viva_json_object_get_value_member (object, "complete", G_TYPE_BOOLEAN, &missing);
  if (member == NULL)
    {
      set_invalid (domain, error, _("“complete” is missing or not true or false"));
      return NULL;
    }

  if (!json_object_has_member (object, "cases") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "cases")))
    {
      set_invalid (domain, error, _("“cases” is missing or not a list"));
      return NULL;
    }
  cases = json_object_get_array_member (object, "cases");
  if (json_array_get_length (cases) > VIVA_CHALLENGE_MAX_CASES)
    {
      set_invalid (domain, error, _("the results hold too many tests"));
      return NULL;
    }

  results = g_new0 (VivaChallengeResults, 1);
  results->load_error = g_strdup (load_error);
  results->complete = json_node_get_boolean (member);
  results->cases = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_case_result_free);

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      VivaCaseResult *result = read_case_result (json_array_get_element (cases, i), domain, error);

      if (result == NULL)
        return NULL;
      g_ptr_array_add (results->cases, result);
    }

  return g_steal_pointer (&results);
}
