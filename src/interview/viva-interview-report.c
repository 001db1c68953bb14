/* viva-interview-report.c
 *
 * An interview as a Markdown report for a hiring panel: part of
 * VivaInterview's API, kept apart because it is about presentation.
 * (A PDF export, drawn with cairo, is to come.)
 *
 * The escaping helpers are those of viva-mock-report.c; they should
 * move to a shared file when a third report needs them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "viva-interview.h"

/* A question cell of the summary table: its first line, at most this
 * many characters. */
#define TABLE_QUESTION_MAX_CHARS 80

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

/* Text the interviewer typed, shown as typed, in a fenced block: nothing
 * inside a fence is Markdown, so a "###" or a "|" in the notes cannot
 * become part of the report's structure. The fence is longer than any
 * run of backticks in the text, so no line of it can close the fence. */
static void
append_fenced (GString    *out,
               const char *answer)
{
  g_autofree char *text = normalize_newlines (answer);
  guint fence_len = MAX (3, longest_backtick_run (text) + 1);
  g_autofree char *fence = g_strnfill (fence_len, '`');

  g_string_append_printf (out, "%stext\n", fence);
  g_string_append (out, text);
  if (text[0] != '\0' && text[strlen (text) - 1] != '\n')
    g_string_append_c (out, '\n');
  g_string_append_printf (out, "%s\n", fence);
}

/* "3:12", or "1:03:12" past an hour. */
static char *
format_duration (gint64 usec)
{
  gint64 seconds = MAX (usec, 0) / G_USEC_PER_SEC;

  if (seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int) (seconds / 3600),
                            (int) (seconds / 60 % 60), (int) (seconds % 60));

  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

/* "3:12 of 5:00", or "3:12" without a budget. */
static char *
format_time_against_budget (gint64 spent,
                            gint64 budget)
{
  g_autofree char *spent_text = format_duration (spent);
  g_autofree char *budget_text = NULL;

  if (budget <= 0)
    return g_steal_pointer (&spent_text);

  budget_text = format_duration (budget);

  /* Translators: time spent and budget: "3:12 of 5:00" */
  return g_strdup_printf (_("%s of %s"), spent_text, budget_text);
}

static char *
format_local_date (gint64 usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;

  if (usec <= 0 || utc == NULL)
    return g_strdup ("—");

  local = g_date_time_to_local (utc);

  /* Translators: the date and time of an interview in its report,
   * "24 November 2026, 14:05"; see the GDateTime format documentation */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M"));
}

/* "- **Label:** value", the value escaped; "—" when empty. */
static void
append_field (GString    *out,
              const char *label,
              const char *value)
{
  g_string_append_printf (out, "- **%s:** ", label);
  if (value == NULL || value[0] == '\0')
    g_string_append (out, "—");
  else
    append_escaped_inline (out, value);
  g_string_append_c (out, '\n');
}

/* A question as one table cell: its first non-blank line, shortened. */
static void
append_table_question (GString    *out,
                       const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  const char *line = "";
  g_autofree char *shortened = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] != '\0')
        {
          line = lines[i];
          break;
        }
    }

  if (g_utf8_strlen (line, -1) > TABLE_QUESTION_MAX_CHARS)
    {
      g_autofree char *head = g_utf8_substring (line, 0, TABLE_QUESTION_MAX_CHARS - 1);

      shortened = g_strconcat (head, "…", NULL);
      line = shortened;
    }

  append_escaped_inline (out, line);
}

static void
append_section_text (GString    *out,
                     const char *heading,
                     const char *text)
{
  g_string_append_printf (out, "\n## %s\n\n", heading);
  if (text[0] == '\0')
    g_string_append_printf (out, "*%s*\n", _("None."));
  else
    append_fenced (out, text);
}

/**
 * viva_interview_to_markdown:
 * @self: an interview
 *
 * A report for a hiring panel that reads well as plain text and renders
 * as Markdown: candidate, role, interviewer, date, the recommendation,
 * the key takeaways and the summary, a table of the questions with
 * their ratings and times, then each question with the notes as taken,
 * stamps and all. Names and questions are escaped and what the
 * interviewer typed is fenced, so that no user text can change the
 * report's structure.
 *
 * Returns: (transfer full): the report
 */
char *
viva_interview_to_markdown (VivaInterview *self)
{
  g_autofree char *date = NULL;
  g_autofree char *total = NULL;
  guint n_items;
  GString *out;

  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), NULL);

  n_items = viva_interview_get_n_items (self);
  date = format_local_date (viva_interview_get_date (self) > 0
                            ? viva_interview_get_date (self)
                            : viva_interview_get_started (self));
  total = format_time_against_budget (viva_interview_get_elapsed (self),
                                      viva_interview_get_total_budget (self));
  out = g_string_new (NULL);

  g_string_append_printf (out, "# %s\n\n", _("Interview Report"));

  append_field (out, _("Candidate"), viva_interview_get_candidate (self));
  append_field (out, _("Role"), viva_interview_get_role (self));
  append_field (out, _("Interviewer"), viva_interview_get_interviewer (self));
  append_field (out, _("Date"), date);
  append_field (out, _("Duration"), total);
  append_field (out, _("Status"),
                viva_interview_get_state (self) == VIVA_INTERVIEW_STATE_FINISHED
                ? _("finished") : _("not finished"));
  g_string_append_printf (out, "- **%s:** **%s**\n", _("Recommendation"),
                          viva_interview_rating_get_label (viva_interview_get_recommendation (self)));

  append_section_text (out, _("Key Takeaways"), viva_interview_get_takeaways (self));
  append_section_text (out, _("Summary"), viva_interview_get_summary (self));

  g_string_append_printf (out, "\n## %s\n\n", _("Questions"));

  if (n_items == 0)
    g_string_append_printf (out, "*%s*\n", _("No questions."));
  else
    {
      g_string_append_printf (out, "| # | %s | %s | %s |\n", _("Question"), _("Rating"), _("Time"));
      g_string_append (out, "|---|---|---|---|\n");

      for (guint i = 0; i < n_items; i++)
        {
          const VivaInterviewItem *item = viva_interview_get_item (self, i);
          g_autofree char *time_text = format_time_against_budget (viva_interview_get_item_elapsed (self, i),
                                                                   item->budget);

          g_string_append_printf (out, "| %u | ", i + 1);
          append_table_question (out, item->text);
          g_string_append_printf (out, " | %s | %s |\n",
                                  viva_interview_rating_get_label (item->rating), time_text);
        }
    }

  for (guint i = 0; i < n_items; i++)
    {
      const VivaInterviewItem *item = viva_interview_get_item (self, i);
      g_autofree char *time_text = format_time_against_budget (viva_interview_get_item_elapsed (self, i),
                                                               item->budget);

      if (item->number > 0)
        {
          g_autofree char *heading = g_strdup_printf (_("Question %u of the bank"), item->number);

          g_string_append_printf (out, "\n### %u. %s\n\n", i + 1, heading);
        }
      else
        g_string_append_printf (out, "\n### %u. %s\n\n", i + 1, _("Interviewer’s question"));

      append_escaped_paragraphs (out, item->text);
      g_string_append_c (out, '\n');
      append_field (out, _("Rating"), viva_interview_rating_get_label (item->rating));
      append_field (out, _("Time"), time_text);
      g_string_append_c (out, '\n');

      if (item->notes[0] == '\0')
        g_string_append_printf (out, "*%s*\n", _("No notes."));
      else
        {
          g_string_append_printf (out, "**%s**\n\n", _("Notes:"));
          append_fenced (out, item->notes);
        }
    }

  return g_string_free (out, FALSE);
}
