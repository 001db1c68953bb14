/* viva-challenge-results-text.c
 *
 * A test run's results as words: the one line that sums them up (the
 * results view's heading, a mock summary, an interview note's stamp)
 * and the Markdown of a report. Everything in the results but the
 * status came from a process that ran the user's code, or from what
 * the user typed: in Markdown it sits in code spans and fenced blocks
 * that no text inside can end, or is escaped, so that it can change
 * nothing of the report around it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "viva-challenge.h"
#include "viva-markdown-writer.h"

/* Whether @text, @len bytes, is a Python exception's (dotted) name. */
static gboolean
is_exception_name (const char *text,
                   gsize       len)
{
  if (len == 0 || len > 200 || !(g_ascii_isalpha (text[0]) || text[0] == '_'))
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isalnum (text[i]) && text[i] != '_' && text[i] != '.')
        return FALSE;
    }

  return text[len - 1] != '.';
}

/* The name of the exception a traceback ends with ("NameError" from
 * "NameError: name 'x' is not defined", "AssertionError" from a bare
 * assert), or NULL when its last line names none. */
static char *
dup_exception_name (const char *traceback)
{
  g_auto(GStrv) lines = g_strsplit (traceback, "\n", -1);
  guint n = g_strv_length (lines);

  for (guint i = n; i > 0; i--)
    {
      const char *line = lines[i - 1];
      const char *colon;
      gsize len;

      if (line[0] == '\0')
        continue;

      colon = strchr (line, ':');
      len = colon != NULL ? (gsize) (colon - line) : strlen (line);

      return is_exception_name (line, len) ? g_strndup (line, len) : NULL;
    }

  return NULL;
}

/**
 * viva_challenge_results_dup_summary:
 * @results: results of a test run
 *
 * One line that sums @results up, in the user's language: "3 of 5 tests
 * passed", "All 7 tests passed", "The code did not load: NameError",
 * "Stopped after 2 of 5 tests", "No tests: write assert statements or
 * test_ functions".
 *
 * Returns: (transfer full): the line
 */
char *
viva_challenge_results_dup_summary (const VivaChallengeResults *results)
{
  VivaChallengeResults *counted = (VivaChallengeResults *) results;
  guint total;
  guint passed;
  guint ran;

  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (results->cases != NULL, NULL);

  total = results->cases->len;
  passed = viva_challenge_results_count (counted, VIVA_CASE_PASSED);
  ran = total - viva_challenge_results_count (counted, VIVA_CASE_NOT_RUN);

  if (results->load_error != NULL)
    {
      g_autofree char *name = dup_exception_name (results->load_error);

      if (name != NULL)
        /* TRANSLATORS: %s is the name of a Python exception, such as NameError */
        return g_strdup_printf (_("The code did not load: %s"), name);

      /* Viva's own words (the time limit), or a traceback cut short:
       * the load error itself, shown with the summary, says more. */
      return g_strdup (_("The code did not load"));
    }

  if (!results->complete)
    {
      if (ran == 0)
        return g_strdup (_("Stopped before any test ended"));

      /* TRANSLATORS: "Stopped after 2 of 5 tests"; the plural follows the second number */
      return g_strdup_printf (ngettext ("Stopped after %u of %u test",
                                        "Stopped after %u of %u tests", total),
                              ran, total);
    }

  if (total == 0)
    return g_strdup (_("No tests: write assert statements or test_ functions"));

  if (passed == total)
    return g_strdup_printf (ngettext ("%u test passed", "All %u tests passed", total), total);

  /* TRANSLATORS: "3 of 5 tests passed"; the plural follows the second number */
  return g_strdup_printf (ngettext ("%u of %u test passed", "%u of %u tests passed", total),
                          passed, total);
}

/* --- Markdown -------------------------------------------------------------- */

static const char *
status_word (VivaCaseStatus status)
{
  switch (status)
    {
    case VIVA_CASE_PASSED:
      return C_("test status", "Passed");
    case VIVA_CASE_FAILED:
      return C_("test status", "Failed");
    case VIVA_CASE_ERROR:
      return C_("test status", "Error");
    case VIVA_CASE_NOT_RUN:
    default:
      return C_("test status", "Not run");
    }
}

static guint
longest_run (const char *text,
             char        c)
{
  guint longest = 0;
  guint run = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      run = *p == c ? run + 1 : 0;
      longest = MAX (longest, run);
    }

  return longest;
}

/* One line of text as a code span: delimited by more backticks than any
 * run of them inside, so that nothing in it ends the span, and padded
 * with a space where its own first or last character would otherwise
 * merge with the delimiters (CommonMark strips one space from each end
 * of a span that begins and ends with one). */
static void
append_code_span (GString    *out,
                  const char *text)
{
  guint ticks = longest_run (text, '`') + 1;
  gsize len = strlen (text);
  gboolean pad;

  pad = len > 0 && (text[0] == '`' || text[len - 1] == '`' ||
                    (text[0] == ' ' && text[len - 1] == ' '));

  for (guint i = 0; i < ticks; i++)
    g_string_append_c (out, '`');
  if (pad)
    g_string_append_c (out, ' ');
  g_string_append (out, text);
  if (pad)
    g_string_append_c (out, ' ');
  for (guint i = 0; i < ticks; i++)
    g_string_append_c (out, '`');
}

/* @text in a fenced block whose every line is indented by @indent
 * spaces, so that it stays inside the list item it belongs to (a line
 * less indented would end the item, and the fence with it). */
static void
append_indented_fence (GString    *out,
                       const char *text,
                       const char *info,
                       guint       indent)
{
  g_autoptr(GString) fenced = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  g_autofree char *spaces = g_strnfill (indent, ' ');

  viva_markdown_append_fenced (fenced, text, info);
  /* Drop the final newline: it would make one empty line more. */
  if (fenced->len > 0 && fenced->str[fenced->len - 1] == '\n')
    g_string_truncate (fenced, fenced->len - 1);

  lines = g_strsplit (fenced->str, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_string_append (out, spaces);
      g_string_append (out, lines[i]);
      g_string_append_c (out, '\n');
    }
}

/* "  - Label: `value`", or the label and the value in a fenced block
 * when it spans lines (a code span cannot: block structure is read
 * before spans, and a line inside one could start a heading) or when
 * @fence says so (what a program printed: a span would not show its
 * spaces as they are). */
static void
append_field (GString    *out,
              const char *label,
              const char *value,
              const char *info,
              gboolean    fence)
{
  g_string_append (out, "  - ");
  viva_markdown_append_escaped_inline (out, label);

  if (!fence && value[0] != '\0' && strpbrk (value, "\r\n") == NULL)
    {
      g_string_append_c (out, ' ');
      append_code_span (out, value);
      g_string_append_c (out, '\n');
    }
  else
    {
      g_string_append_c (out, '\n');
      append_indented_fence (out, value, info, 4);
    }
}

static void
append_case (GString              *out,
             const VivaCaseResult *result)
{
  const VivaCodeCase *test_case = result->test_case;
  gboolean show_actual;

  g_string_append (out, "- **");
  viva_markdown_append_escaped_inline (out, status_word (result->status));
  g_string_append (out, "**");
  if (test_case->name != NULL && test_case->name[0] != '\0')
    {
      g_string_append (out, ": ");
      viva_markdown_append_escaped_inline (out, test_case->name);
    }
  g_string_append_c (out, '\n');

  /* TRANSLATORS: a test's Python code, in a report's list of tests */
  append_field (out, _("Call:"), test_case->call, "python", FALSE);
  if (test_case->expected != NULL)
    /* TRANSLATORS: the value a test expects its call to give */
    append_field (out, _("Expected:"), test_case->expected, "python", FALSE);
  if (test_case->raises != NULL)
    /* TRANSLATORS: the exception a test expects its call to raise */
    append_field (out, _("Expected to raise:"), test_case->raises, "text", FALSE);
  if (test_case->output != NULL)
    /* TRANSLATORS: what a test expects its call to print */
    append_field (out, _("Expected output:"), test_case->output, "text", TRUE);

  /* A test that only has to run (the user's asserts, a test_ function)
   * gives None when it passes: worth showing only when it failed. */
  show_actual = result->actual != NULL &&
                (test_case->expected != NULL || test_case->raises != NULL ||
                 result->status == VIVA_CASE_FAILED);
  if (show_actual)
    /* TRANSLATORS: the value a test's call gave */
    append_field (out, _("Got:"), result->actual, "python", FALSE);
  if (result->output != NULL && result->output[0] != '\0')
    /* TRANSLATORS: what a test's call printed */
    append_field (out, _("Printed:"), result->output, "text", TRUE);
  if (result->error != NULL && result->error[0] != '\0')
    /* TRANSLATORS: the traceback of a test that raised, or why it could not finish */
    append_field (out, _("Error:"), result->error, "text", TRUE);
}

/**
 * viva_challenge_results_to_markdown:
 * @results: results of a test run
 *
 * @results as Markdown for a report: the summary line in bold
 * (viva_challenge_results_dup_summary()), why the code did not load in
 * a fenced block, then one list item per case: its status word and
 * name, then its call, what it expected, what it gave, printed and
 * raised. One-line values are code spans; what a program printed, the
 * output a case expects, tracebacks and other text that spans lines are
 * fenced blocks; every fence is longer than any run of backticks
 * inside, and names are escaped, so that nothing the code printed or
 * the user typed can end a fence, start a heading or add to the
 * report's structure.
 *
 * Returns: (transfer full): the Markdown, ending with a newline
 */
char *
viva_challenge_results_to_markdown (const VivaChallengeResults *results)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *summary = NULL;

  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (results->cases != NULL, NULL);

  summary = viva_challenge_results_dup_summary (results);
  g_string_append (out, "**");
  viva_markdown_append_escaped_inline (out, summary);
  g_string_append (out, "**\n");

  if (results->load_error != NULL)
    {
      g_string_append_c (out, '\n');
      viva_markdown_append_fenced (out, results->load_error, "text");
    }

  if (results->cases->len > 0)
    g_string_append_c (out, '\n');

  for (guint i = 0; i < results->cases->len; i++)
    append_case (out, g_ptr_array_index (results->cases, i));

  return g_string_free (g_steal_pointer (&out), FALSE);
}
