/* viva-mock-report.c
 *
 * A mock interview as a Markdown report, for "Export": part of
 * VivaMockSession's API, kept apart because it is about presentation,
 * not about what a session holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "viva-mock-session.h"

/* Characters that mean something in Markdown inline text. A backslash
 * makes any ASCII punctuation literal in CommonMark, so escaping a few
 * too many costs only a backslash. */
static gboolean
needs_escape (char c)
{
  return strchr ("\\`*_[]<>#|~!&$", c) != NULL;
}

/* Appends one line of text from the bank (a title, a question) so that it
 * reads as the same plain text, whatever Markdown it looks like: inline
 * characters are escaped, and so is whatever would start a list, a
 * heading underline or a block quote at the start of the line. */
static void
append_escaped_line (GString    *out,
                     const char *line,
                     gsize       len)
{
  gsize start = 0;
  gsize digits = 0;

  /* Leading blanks would make an indented code block. */
  while (start < len && (line[start] == ' ' || line[start] == '\t'))
    start++;

  while (start + digits < len && g_ascii_isdigit (line[start + digits]))
    digits++;

  for (gsize i = start; i < len; i++)
    {
      char c = line[i];

      if (c == '\r' || c == '\n')
        c = ' ';

      if (needs_escape (c) ||
          (i == start && (c == '-' || c == '+' || c == '=')) ||
          (digits > 0 && i == start + digits && (c == '.' || c == ')')))
        g_string_append_c (out, '\\');

      g_string_append_c (out, c);
    }
}

/* A single-line version for headings and list items. */
static void
append_escaped_inline (GString    *out,
                       const char *text)
{
  append_escaped_line (out, text, strlen (text));
}

/* A question that spans lines keeps them, as hard line breaks (a
 * backslash at the end of a line); blank lines separate paragraphs. */
static void
append_escaped_paragraphs (GString    *out,
                           const char *text)
{
  g_auto(GStrv) lines = NULL;
  gboolean in_paragraph = FALSE;
  gboolean pending_break = FALSE;

  lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (line[0] == '\0')
        {
          if (in_paragraph)
            pending_break = TRUE;
          in_paragraph = FALSE;
          continue;
        }

      if (in_paragraph)
        g_string_append (out, "\\\n");
      else if (pending_break)
        g_string_append (out, "\n\n");

      pending_break = FALSE;
      in_paragraph = TRUE;
      append_escaped_line (out, line, strlen (line));
    }

  g_string_append_c (out, '\n');
}

/* "\r\n" and lone "\r" become "\n", which Markdown reads the same. */
static char *
normalize_newlines (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 1);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          g_string_append_c (out, '\n');
          if (p[1] == '\n')
            p++;
        }
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static guint
longest_backtick_run (const char *text)
{
  guint longest = 0;
  guint run = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '`')
        {
          run++;
          longest = MAX (longest, run);
        }
      else
        run = 0;
    }

  return longest;
}

/* The answer, shown as typed, in a fenced block: nothing inside a fence
 * is Markdown, so a "###" or a list in the answer cannot become part of
 * the report's structure. The fence is longer than any run of backticks
 * in the answer, so no line of the answer can close it. */
static void
append_fenced (GString    *out,
               const char *answer)
{
  g_autofree char *text = normalize_newlines (answer);
  guint fence_len = MAX (3, longest_backtick_run (text) + 1);
  g_autofree char *fence = g_strnfill (fence_len, '`');

  g_string_append_printf (out, "%smarkdown\n", fence);
  g_string_append (out, text);
  if (text[0] != '\0' && text[strlen (text) - 1] != '\n')
    g_string_append_c (out, '\n');
  g_string_append_printf (out, "%s\n", fence);
}

/* "3:12 of 5:00", "7:30 of 5:00 (2:30 over)", or "3:12" without a
 * budget. */
static char *
format_time_against_budget (gint64 spent,
                            gint64 budget)
{
  g_autofree char *spent_text = viva_mock_format_duration (spent);
  g_autofree char *budget_text = NULL;
  g_autofree char *over_text = NULL;

  if (budget <= 0)
    return g_steal_pointer (&spent_text);

  budget_text = viva_mock_format_duration (budget);

  /* Whole seconds, as shown: 5:00.4 of 5:00 is not overtime. */
  if (spent / G_USEC_PER_SEC > budget / G_USEC_PER_SEC)
    {
      over_text = viva_mock_format_duration (spent - budget);
      /* Translators: time spent, budget, and how much longer than the
       * budget it took: "7:30 of 5:00 (2:30 over)" */
      return g_strdup_printf (_("%s of %s (%s over)"), spent_text, budget_text, over_text);
    }

  /* Translators: time spent and budget: "3:12 of 5:00" */
  return g_strdup_printf (_("%s of %s"), spent_text, budget_text);
}

/* "Again 1, Hard 0, Good 3, Easy 1", then the unrated ones if any. */
static void
append_ratings (GString     *out,
                const guint *ratings)
{
  for (VivaMockRating r = VIVA_MOCK_RATING_AGAIN; r <= VIVA_MOCK_RATING_EASY; r++)
    {
      if (r != VIVA_MOCK_RATING_AGAIN)
        g_string_append (out, ", ");
      g_string_append_printf (out, "%s %u", viva_mock_rating_get_label (r), ratings[r]);
    }

  if (ratings[VIVA_MOCK_RATING_NONE] > 0)
    g_string_append_printf (out, ", %s %u",
                            viva_mock_rating_get_label (VIVA_MOCK_RATING_NONE),
                            ratings[VIVA_MOCK_RATING_NONE]);
}

static char *
format_local_date (gint64 usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("?");

  local = g_date_time_to_local (utc);

  /* Translators: the date and time of a mock interview in its report,
   * "24 November 2026, 14:05"; see the GDateTime format documentation */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M"));
}

static void
append_field (GString    *out,
              const char *label,
              const char *value)
{
  g_string_append_printf (out, "- **%s:** %s\n", label, value);
}

/**
 * viva_mock_session_to_markdown:
 * @self: a #VivaMockSession
 *
 * A report of the interview that reads well as plain text and renders
 * as Markdown: the date (local time), the bank, the totals, the totals
 * of each level, then every question with its time against its budget,
 * its rating and the answer. Text from the bank is escaped, and answers
 * are fenced, so that nothing the user typed can change the report's
 * structure.
 *
 * Returns: (transfer full): the report
 */
char *
viva_mock_session_to_markdown (VivaMockSession *self)
{
  g_autoptr(GArray) levels = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time_text = NULL;
  g_autofree char *questions_text = NULL;
  VivaMockLevelTotals overall;
  GString *out;

  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), NULL);

  levels = viva_mock_session_get_level_totals (self, &overall);
  date = format_local_date (viva_mock_session_get_created (self));
  out = g_string_new (NULL);

  g_string_append_printf (out, "# %s\n\n", _("Mock Interview"));

  append_field (out, _("Date"), date);

  g_string_append_printf (out, "- **%s:** ", _("Bank"));
  append_escaped_inline (out, viva_mock_session_get_bank_title (self));
  g_string_append_c (out, '\n');

  if (overall.n_skipped > 0)
    questions_text = g_strdup_printf (ngettext ("%u, %u skipped", "%u, %u skipped", overall.n_questions),
                                      overall.n_questions, overall.n_skipped);
  else
    questions_text = g_strdup_printf ("%u", overall.n_questions);
  append_field (out, _("Questions"), questions_text);

  time_text = format_time_against_budget (overall.spent, overall.budget);
  append_field (out, _("Time"), time_text);

  g_string_append_printf (out, "- **%s:** ", _("Ratings"));
  append_ratings (out, overall.ratings);
  g_string_append_c (out, '\n');

  if (viva_mock_session_get_random_order (self))
    {
      /* The seed is formatted apart: a format macro inside _() would cut
       * the message that translators see. */
      g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, viva_mock_session_get_seed (self));
      g_autofree char *order = g_strdup_printf (_("random (seed %s)"), seed);

      append_field (out, _("Order"), order);
    }
  else
    append_field (out, _("Order"), _("as in the bank"));

  append_field (out, _("Status"),
                viva_mock_session_get_state (self) == VIVA_MOCK_SESSION_STATE_FINISHED ? _("finished") : _("not finished"));

  g_string_append_printf (out, "\n## %s\n\n", _("By Level"));

  for (guint i = 0; i < levels->len; i++)
    {
      const VivaMockLevelTotals *totals = &g_array_index (levels, VivaMockLevelTotals, i);
      g_autofree char *level_time = format_time_against_budget (totals->spent, totals->budget);

      g_string_append (out, "- **");
      append_escaped_inline (out, totals->level_title);
      g_string_append (out, "** — ");
      g_string_append_printf (out, ngettext ("%u question", "%u questions", totals->n_questions),
                              totals->n_questions);
      g_string_append_printf (out, ", %s; ", level_time);
      append_ratings (out, totals->ratings);
      g_string_append_c (out, '\n');
    }

  g_string_append_printf (out, "\n## %s\n", _("Questions"));

  for (guint i = 0; i < viva_mock_session_get_n_items (self); i++)
    {
      const VivaMockItem *item = viva_mock_session_get_item (self, i);
      g_autofree char *item_time = format_time_against_budget (item->spent, item->budget);
      g_autofree char *heading = g_strdup_printf (_("Question %u"), item->number);

      g_string_append_printf (out, "\n### %s (", heading);
      append_escaped_inline (out, item->level_title);
      if (item->topic_name != NULL)
        {
          g_string_append (out, " · ");
          append_escaped_inline (out, item->topic_name);
        }
      g_string_append (out, ")\n\n");

      append_escaped_paragraphs (out, item->question_text);
      g_string_append_c (out, '\n');

      if (item->skipped)
        {
          g_autofree char *skipped = g_strdup_printf (_("%s, skipped"), item_time);

          append_field (out, _("Time"), skipped);
        }
      else
        append_field (out, _("Time"), item_time);

      append_field (out, _("Rating"), viva_mock_rating_get_label (item->rating));
      g_string_append_c (out, '\n');

      if (item->answer[0] == '\0')
        g_string_append_printf (out, "*%s*\n", _("No answer."));
      else
        {
          g_string_append_printf (out, "**%s**\n\n", _("Answer:"));
          append_fenced (out, item->answer);
        }
    }

  viva_mock_level_totals_clear (&overall);

  return g_string_free (out, FALSE);
}
