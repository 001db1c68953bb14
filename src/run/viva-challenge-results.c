/* viva-challenge-results.c
 *
 * The results of a challenge's run, as the driver (viva-challenge-driver.py)
 * writes them on its file descriptor 3: one line per case as each ends,
 * in one JSON document. They come from a process that ran the user's
 * code, so they are untrusted input like any file: read with the same
 * checks as Viva's files, a document cut by the time limit or by Stop
 * is recovered up to its last whole case, and nothing in them aborts Viva.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "viva-challenge-private.h"
#include "viva-data-file.h"

#define RESULTS_VERSION        1
#define RESULTS_MAX_SIZE       ((gsize) 64 * 1024 * 1024)
#define RESULTS_MAX_DEPTH      8
/* What the driver writes before the first case's line: the recovery of
 * a cut document starts from it. */
#define RESULTS_CASES_OPEN     "\"cases\": ["

/* --- Results --------------------------------------------------------------- */

void
viva_case_result_free (VivaCaseResult *result)
{
  viva_code_case_free (result->test_case);
  g_free (result->actual);
  g_free (result->output);
  g_free (result->error);
  g_free (result);
}

void
viva_challenge_results_free (VivaChallengeResults *results)
{
  if (results == NULL)
    return;

  g_free (results->load_error);
  g_clear_pointer (&results->cases, g_ptr_array_unref);
  g_free (results);
}

/**
 * viva_challenge_results_copy:
 * @results: results of a run
 *
 * A deep copy, for a page that keeps the last results (a signal hands
 * its receivers a copy through the boxed type).
 */
VivaChallengeResults *
viva_challenge_results_copy (const VivaChallengeResults *results)
{
  VivaChallengeResults *copy;

  g_return_val_if_fail (results != NULL, NULL);

  copy = g_new0 (VivaChallengeResults, 1);
  copy->load_error = g_strdup (results->load_error);
  copy->complete = results->complete;
  copy->cases = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_case_result_free);

  for (guint i = 0; i < results->cases->len; i++)
    {
      const VivaCaseResult *result = g_ptr_array_index (results->cases, i);
      VivaCaseResult *result_copy = g_new0 (VivaCaseResult, 1);

      result_copy->test_case = viva_code_case_copy (result->test_case);
      result_copy->status = result->status;
      result_copy->actual = g_strdup (result->actual);
      result_copy->output = g_strdup (result->output);
      result_copy->error = g_strdup (result->error);
      g_ptr_array_add (copy->cases, result_copy);
    }

  return copy;
}

G_DEFINE_BOXED_TYPE (VivaChallengeResults, viva_challenge_results,
                     viva_challenge_results_copy, viva_challenge_results_free)

guint
viva_challenge_results_count (VivaChallengeResults *results,
                              VivaCaseStatus        status)
{
  guint count = 0;

  g_return_val_if_fail (results != NULL, 0);

  for (guint i = 0; i < results->cases->len; i++)
    {
      const VivaCaseResult *result = g_ptr_array_index (results->cases, i);

      if (result->status == status)
        count++;
    }

  return count;
}

static gboolean
set_results_invalid (GError     **error,
                     const char  *message)
{
  g_set_error_literal (error, VIVA_CHALLENGE_ERROR, VIVA_CHALLENGE_ERROR_INVALID, message);
  return FALSE;
}

/* What the driver says went wrong, as a "problem" object, worded in the
 * user's language; the driver's own "error" (English, or a Python
 * traceback) when the problem is one this Viva does not know. A
 * traceback stays as Python printed it, like the interpreter's output. */
static char *
describe_problem (JsonObject *problem,
                  gboolean    loading,
                  const char *fallback)
{
  const char *kind = NULL;
  const char *detail = NULL;
  JsonNode *node;
  gboolean missing;

  node = viva_json_object_get_value_member (problem, "kind", G_TYPE_STRING, &missing);
  if (node != NULL)
    kind = json_node_get_string (node);
  node = viva_json_object_get_value_member (problem, "detail", G_TYPE_STRING, &missing);
  if (node != NULL)
    detail = json_node_get_string (node);

  if (g_strcmp0 (kind, "time-limit") == 0)
    {
      gint64 limit_ms = 0;
      g_autofree char *seconds = NULL;

      node = viva_json_object_get_value_member (problem, "limit-ms", G_TYPE_INT64, &missing);
      if (node != NULL)
        limit_ms = CLAMP (json_node_get_int (node), 0, 3600000);
      /* Whole seconds take the plural form of their number ("1 second");
       * a fraction of a second reads "0.3 seconds". */
      if (limit_ms % 1000 == 0)
        {
          guint n = (guint) (limit_ms / 1000);

          return loading
            ? g_strdup_printf (ngettext ("Loading your code did not finish within the time limit of %u second.",
                                         "Loading your code did not finish within the time limit of %u seconds.", n), n)
            : g_strdup_printf (ngettext ("The case did not finish within its time limit of %u second.",
                                         "The case did not finish within its time limit of %u seconds.", n), n);
        }

      seconds = g_strdup_printf ("%g", limit_ms / 1000.0);

      return loading
        ? g_strdup_printf (_("Loading your code did not finish within the time limit of %s seconds."), seconds)
        : g_strdup_printf (_("The case did not finish within its time limit of %s seconds."), seconds);
    }

  if (g_strcmp0 (kind, "signal") == 0)
    {
      const char *name = "?";

      node = viva_json_object_get_value_member (problem, "signal", G_TYPE_STRING, &missing);
      if (node != NULL && viva_challenge_is_python_name (json_node_get_string (node)))
        name = json_node_get_string (node);

      return loading
        ? g_strdup_printf (_("The process loading your code was killed by %s."), name)
        : g_strdup_printf (_("The process running the case was killed by %s."), name);
    }

  if (g_strcmp0 (kind, "exit") == 0)
    {
      g_autofree char *status = NULL;

      node = viva_json_object_get_value_member (problem, "status", G_TYPE_INT64, &missing);
      status = g_strdup_printf ("%" G_GINT64_FORMAT, node != NULL ? CLAMP (json_node_get_int (node), 0, 255) : 0);

      return loading
        ? g_strdup_printf (_("Your code ended its process with exit status %s while it was loading (os._exit?)."), status)
        : g_strdup_printf (_("The case ended its process with exit status %s before it finished (os._exit?)."), status);
    }

  if (g_strcmp0 (kind, "ended") == 0)
    return g_strdup (loading ? _("The process loading your code ended before it finished.")
                             : _("The process running the case ended before the case finished."));

  if (g_strcmp0 (kind, "missing") == 0 && loading &&
      json_object_has_member (problem, "names") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (problem, "names")))
    {
      JsonArray *names = json_object_get_array_member (problem, "names");
      g_autoptr(GString) list = g_string_new (NULL);
      guint n = MIN (json_array_get_length (names), (guint) CHALLENGE_MAX_ENTRIES);
      guint n_listed = 0;

      for (guint i = 0; i < n; i++)
        {
          JsonNode *element = json_array_get_element (names, i);

          if (!JSON_NODE_HOLDS_VALUE (element) ||
              json_node_get_value_type (element) != G_TYPE_STRING ||
              !viva_challenge_is_python_name (json_node_get_string (element)))
            continue;
          if (list->len > 0)
            g_string_append (list, ", ");
          g_string_append (list, json_node_get_string (element));
          n_listed++;
        }

      if (list->len > 0)
        return g_strdup_printf (ngettext ("Your code does not define %s, which the tests call.",
                                          "Your code does not define %s, which the tests call.",
                                          n_listed),
                                list->str);
    }

  if (detail != NULL)
    {
      if (g_strcmp0 (kind, "bad-call") == 0)
        return g_strdup_printf (_("This case cannot run: its call is not valid Python.\n%s"), detail);
      if (g_strcmp0 (kind, "bad-expected") == 0)
        return g_strdup_printf (_("This case cannot run: its expected value is not a Python literal.\n%s"), detail);
      if (g_strcmp0 (kind, "bad-case") == 0)
        return g_strdup_printf (_("This case cannot run: %s"), detail);
      if (g_strcmp0 (kind, "compare") == 0)
        return g_strdup_printf (_("The value could not be compared with the expected one.\n%s"), detail);
      if (g_strcmp0 (kind, "no-process") == 0)
        return g_strdup_printf (_("Viva could not start a process for the tests: %s"), detail);
      if (g_strcmp0 (kind, "driver") == 0)
        return g_strdup_printf (_("The test driver failed: %s"), detail);
    }

  return g_strdup (fallback);
}

static char *
dup_error (JsonObject *object,
           const char *problem_member,
           gboolean    loading,
           const char *fallback)
{
  if (json_object_has_member (object, problem_member) &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, problem_member)))
    {
      char *text = describe_problem (json_object_get_object_member (object, problem_member),
                                     loading, fallback);

      /* A problem always makes an error, even from a damaged driver. */
      return text != NULL ? text : g_strdup (_("The case could not finish."));
    }

  return g_strdup (fallback);
}

static gboolean
read_case_result (JsonObject  *object,
                  GPtrArray   *results,
                  GError     **error)
{
  VivaCaseResult *result;
  const char *actual;
  const char *output;
  const char *traceback;
  JsonNode *node;
  JsonNode *assertion;
  gboolean missing;
  gint64 index;

  if (!viva_data_file_get_int_member (object, "index", 0, (gint64) results->len - 1, &index,
                                      VIVA_CHALLENGE_ERROR, error))
    return FALSE;

  result = g_ptr_array_index (results, index);
  if (result->status != VIVA_CASE_NOT_RUN)
    return set_results_invalid (error, _("a case has two results"));

  node = viva_json_object_get_value_member (object, "passed", G_TYPE_BOOLEAN, &missing);
  if (node == NULL)
    return set_results_invalid (error, _("“passed” is missing or not true or false"));

  /* The driver caps each text; the caps here only keep a damaged
   * document from holding Viva's memory. */
  if (!viva_data_file_get_string_member (object, "actual", 0, 1024 * 1024, TRUE, &actual,
                                         VIVA_CHALLENGE_ERROR, error) ||
      !viva_data_file_get_string_member (object, "stdout", 0, 1024 * 1024, FALSE, &output,
                                         VIVA_CHALLENGE_ERROR, error) ||
      !viva_data_file_get_string_member (object, "error", 0, 1024 * 1024, TRUE, &traceback,
                                         VIVA_CHALLENGE_ERROR, error))
    return FALSE;

  result->actual = g_strdup (actual);
  g_free (result->output);
  result->output = g_strdup (output);
  result->error = dup_error (object, "problem", FALSE, traceback);

  assertion = viva_json_object_get_value_member (object, "assertion", G_TYPE_BOOLEAN, &missing);

  /* A case whose assert did not hold failed, with the assert's
   * traceback as its reason; any other exception is an error. */
  if (json_node_get_boolean (node))
    result->status = VIVA_CASE_PASSED;
  else if (result->error != NULL &&
           (assertion == NULL || !json_node_get_boolean (assertion)))
    result->status = VIVA_CASE_ERROR;
  else
    result->status = VIVA_CASE_FAILED;

  return TRUE;
}

/* The kinds of character of a test's name after "test_": letters, marks
 * and numbers, as a bit per GUnicodeType. */
#define TEST_NAME_TYPES ((1u << G_UNICODE_LOWERCASE_LETTER) | (1u << G_UNICODE_MODIFIER_LETTER) | \
                         (1u << G_UNICODE_OTHER_LETTER) | (1u << G_UNICODE_TITLECASE_LETTER) | \
                         (1u << G_UNICODE_UPPERCASE_LETTER) | (1u << G_UNICODE_SPACING_MARK) | \
                         (1u << G_UNICODE_ENCLOSING_MARK) | (1u << G_UNICODE_NON_SPACING_MARK) | \
                         (1u << G_UNICODE_DECIMAL_NUMBER) | (1u << G_UNICODE_LETTER_NUMBER) | \
                         (1u << G_UNICODE_OTHER_NUMBER))

/* A name the driver found: "test_" and then letters, marks, numbers and
 * underscores, as the driver sends them (a subset of Python's names). */
static gboolean
is_test_name (const char *name)
{
  if (!g_str_has_prefix (name, "test_") || strlen (name) > VIVA_CODE_CASE_NAME_MAX_SIZE)
    return FALSE;

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != '_' && !(TEST_NAME_TYPES & (1u << g_unichar_type (c))))
        return FALSE;
    }

  return TRUE;
}

static void
add_found_case (VivaChallengeResults *results,
                VivaCodeCase         *test_case)
{
  VivaCaseResult *result = g_new0 (VivaCaseResult, 1);

  result->test_case = test_case;
  result->status = VIVA_CASE_NOT_RUN;
  result->output = g_strdup ("");
  g_ptr_array_add (results->cases, result);
}

/* The tests the driver found in the code (a run with no challenge): its
 * top-level asserts as one case, then its test_ functions, after the
 * cases sent. */
static gboolean
read_found_cases (JsonObject            *root,
                  VivaChallengeResults  *results,
                  GError               **error)
{
  const char *asserts = NULL;

  if (json_object_has_member (root, "asserts"))
    {
      if (!viva_data_file_get_string_member (root, "asserts", 1, VIVA_CODE_CASE_CALL_MAX_SIZE,
                                             FALSE, &asserts, VIVA_CHALLENGE_ERROR, error))
        return FALSE;
      if (results->cases->len >= VIVA_CHALLENGE_MAX_CASES)
        return set_results_invalid (error, _("more results than cases"));
      /* TRANSLATORS: the name of the test made of the assert statements
       * of the user's code, as a challenge's tests are named ("empty
       * string"): "assert" is Python's keyword, not to be translated */
      add_found_case (results, viva_code_case_new (_("top-level assert statements"), asserts));
    }

  if (json_object_has_member (root, "found"))
    {
      JsonNode *node = json_object_get_member (root, "found");
      JsonArray *names;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return set_results_invalid (error, _("“found” is not a list"));

      names = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (names); i++)
        {
          JsonNode *element = json_array_get_element (names, i);
          const char *name;
          g_autofree char *call = NULL;

          if (!JSON_NODE_HOLDS_VALUE (element) ||
              json_node_get_value_type (element) != G_TYPE_STRING ||
              !is_test_name (json_node_get_string (element)))
            return set_results_invalid (error, _("a test the code holds is not named test_…"));
          if (results->cases->len >= VIVA_CHALLENGE_MAX_CASES)
            return set_results_invalid (error, _("more results than cases"));

          name = json_node_get_string (element);
          call = g_strconcat (name, "()", NULL);
          add_found_case (results, viva_code_case_new (name, call));
        }
    }

  return TRUE;
}

static gboolean
read_results (const char            *data,
              gsize                  len,
              VivaChallengeResults  *results,
              GError               **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root = NULL;
  JsonArray *array;
  const char *load_error;
  gint64 version;

  parser = viva_data_file_parse_json (data, len, RESULTS_MAX_DEPTH, VIVA_CHALLENGE_ERROR,
                                      &root, error);
  if (parser == NULL)
    return FALSE;

  switch (viva_data_file_get_version (parser, root, 1, RESULTS_VERSION, &version,
                                      VIVA_CHALLENGE_ERROR, error))
    {
    case VIVA_DATA_FILE_VERSION_KNOWN:
      break;

    case VIVA_DATA_FILE_VERSION_NEWER:
    case VIVA_DATA_FILE_VERSION_INVALID:
      return FALSE;

    default:
      g_assert_not_reached ();
    }

  if (!viva_data_file_get_string_member (root, "load_error", 0, 1024 * 1024, TRUE, &load_error,
                                         VIVA_CHALLENGE_ERROR, error))
    return FALSE;

  if (!json_object_has_member (root, "cases") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "cases")))
    return set_results_invalid (error, _("“cases” is missing or not a list"));

  if (!read_found_cases (root, results, error))
    return FALSE;

  array = json_object_get_array_member (root, "cases");
  if (json_array_get_length (array) > results->cases->len)
    return set_results_invalid (error, _("more results than cases"));

  results->load_error = dup_error (root, "load_problem", TRUE, load_error);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return set_results_invalid (error, _("a result is not an object"));

      if (!read_case_result (json_node_get_object (element), results->cases, error))
        return FALSE;
    }

  return TRUE;
}

/* The driver writes its header, then one line per case as each ends,
 * then "]}". A run stopped by the time limit, or by Stop, leaves the
 * document cut inside or after some line: this closes it after the last
 * whole case, so that the cases that finished still show. Returns NULL
 * when @data is not such a document: a line that is whole but not a
 * case is damage, not a cut. */
static char *
close_cut_results (const char *data,
                   gsize       len,
                   gsize      *out_len)
{
  const char *header_end = memchr (data, '\n', len);
  const char *end = data + len;
  g_autoptr(GString) closed = NULL;
  const char *line;

  if (header_end == NULL || header_end - data < (gssize) strlen (RESULTS_CASES_OPEN) ||
      memcmp (header_end - strlen (RESULTS_CASES_OPEN), RESULTS_CASES_OPEN,
              strlen (RESULTS_CASES_OPEN)) != 0)
    return NULL;

  closed = g_string_new_len (data, header_end - data + 1);

  for (line = header_end + 1; line < end;)
    {
      const char *newline = memchr (line, '\n', end - line);
      gsize line_len;

      /* The last line, cut: dropped. */
      if (newline == NULL)
        break;

      line_len = newline - line;
      if (line_len > 0 && line[line_len - 1] == ',')
        line_len--;
      if (line_len == 0 || line[0] != '{' || line[line_len - 1] != '}')
        return NULL;

      if (closed->str[closed->len - 2] == '}')
        g_string_insert_c (closed, closed->len - 1, ',');
      g_string_append_len (closed, line, line_len);
      g_string_append_c (closed, '\n');
      line = newline + 1;
    }

  g_string_append (closed, "]}\n");
  *out_len = closed->len;

  return g_string_free (g_steal_pointer (&closed), FALSE);
}

static VivaChallengeResults *
results_new (GPtrArray *cases)
{
  VivaChallengeResults *results = g_new0 (VivaChallengeResults, 1);

  results->complete = TRUE;
  results->cases = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_case_result_free);

  for (guint i = 0; i < cases->len; i++)
    {
      VivaCaseResult *result = g_new0 (VivaCaseResult, 1);

      result->test_case = viva_code_case_copy (g_ptr_array_index (cases, i));
      result->status = VIVA_CASE_NOT_RUN;
      result->output = g_strdup ("");
      g_ptr_array_add (results->cases, result);
    }

  return results;
}

/**
 * viva_challenge_results_new_not_run:
 * @cases: (element-type VivaCodeCase): the cases sent
 *
 * The results of a run that gave none (stopped, or killed at its time
 * limit, before the first case ended): every case %VIVA_CASE_NOT_RUN,
 * @complete %FALSE.
 *
 * Returns: (transfer full): the results
 */
VivaChallengeResults *
viva_challenge_results_new_not_run (GPtrArray *cases)
{
  VivaChallengeResults *results;

  g_return_val_if_fail (cases != NULL, NULL);

  results = results_new (cases);
  results->complete = FALSE;

  return results;
}

/**
 * viva_challenge_results_parse:
 * @data: (array length=len): what the driver wrote to its file
 *   descriptor 3
 * @len: its length
 * @cases: (element-type VivaCodeCase): the cases sent, as
 *   viva_challenge_collect_cases() gave them
 * @error: return location for an error
 *
 * Reads the driver's results into one #VivaCaseResult per case sent,
 * then one per test the driver found in the code when it was asked to
 * ("asserts" and "found": a run with no challenge), at most
 * %VIVA_CHALLENGE_MAX_CASES in all.
 * They come from a process that ran the user's code, so they are
 * checked like any untrusted file: garbage gives an error, never a
 * crash. A document cut short (the run was stopped) gives the cases
 * that finished, @complete %FALSE, and the others %VIVA_CASE_NOT_RUN.
 *
 * Returns: (transfer full) (nullable): the results
 */
VivaChallengeResults *
viva_challenge_results_parse (const char  *data,
                              gsize        len,
                              GPtrArray   *cases,
                              GError     **error)
{
  g_autoptr(VivaChallengeResults) results = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *closed = NULL;
  gsize closed_len = 0;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (cases != NULL, NULL);

  if (len == 0)
    {
      g_set_error_literal (error, VIVA_CHALLENGE_ERROR, VIVA_CHALLENGE_ERROR_INVALID,
                           _("The tests gave no results."));
      return NULL;
    }

  if (len > RESULTS_MAX_SIZE)
    {
      g_set_error_literal (error, VIVA_CHALLENGE_ERROR, VIVA_CHALLENGE_ERROR_TOO_LARGE,
                           _("The tests’ results are too large to read."));
      return NULL;
    }

  results = results_new (cases);
  if (read_results (data, len, results, &local_error))
    return g_steal_pointer (&results);

  /* A cut document: read what it holds up to the last whole case. */
  closed = close_cut_results (data, len, &closed_len);
  if (closed != NULL)
    {
      g_clear_pointer (&results, viva_challenge_results_free);
      results = results_new (cases);
      if (read_results (closed, closed_len, results, NULL))
        {
          results->complete = FALSE;
          return g_steal_pointer (&results);
        }
    }

  g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                              _("The tests’ results cannot be read: "));
  return NULL;
}
