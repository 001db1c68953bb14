/* viva-interview-report.c
 *
 * An interview as a Markdown report for a hiring panel: part of
 * VivaInterview's API, kept apart because it is about presentation.
 * The PDF export, drawn with cairo, is viva-interview-pdf.c in the UI
 * library.
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
#include "viva-markdown-fences.h"
#include "viva-markdown-writer.h"
#include "viva-time-format.h"

/* A question cell of the summary table: its first line, at most this
 * many characters. */
#define TABLE_QUESTION_MAX_CHARS 80

/**
 * viva_interview_format_date:
 * @self: an interview
 * @format: (nullable): a g_date_time_format() format, or %NULL for the
 *   date and time as the reports show them
 *
 * The date an interview is known by, in local time: the date it was
 * planned for, else when it started. The reports, the wrap-up page and
 * the names of exported files all show this one.
 *
 * Returns: (transfer full) (nullable): the date, or %NULL when the
 *   interview has neither date
 */
char *
viva_interview_format_date (VivaInterview *self,
                            const char    *format)
{
  gint64 usec;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), NULL);

  usec = viva_interview_get_date (self);
  if (usec <= 0)
    usec = viva_interview_get_started (self);
  if (usec <= 0)
    return NULL;

  utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  if (utc == NULL)
    return NULL;

  local = g_date_time_to_local (utc);

  /* Translators: the date and time of an interview in its report,
   * "24 November 2026, 14:05"; see the GDateTime format documentation */
  return g_date_time_format (local, format != NULL ? format : _("%-d %B %Y, %H:%M"));
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
    viva_markdown_append_escaped_inline (out, value);
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

  viva_markdown_append_escaped_inline (out, line);
}

static void
append_section_text (GString    *out,
                     const char *heading,
                     const char *text)
{
  g_string_append_printf (out, "\n## %s\n\n", heading);
  if (!viva_markdown_append_typed (out, text))
    g_string_append_printf (out, "*%s*\n", _("None."));
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
 * report's structure; code fenced in the notes (what the live page's
 * code pad ran, with its output) stays a code block, in its language.
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
  date = viva_interview_format_date (self, NULL);
  total = viva_format_time_of_budget (viva_interview_get_elapsed (self),
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
          VivaInterviewItem *item = viva_interview_get_item (self, i);
          g_autofree char *time_text = viva_format_time_of_budget (viva_interview_get_item_elapsed (self, i),
                                                                   viva_interview_item_get_budget (item));

          g_string_append_printf (out, "| %u | ", i + 1);
          append_table_question (out, viva_interview_item_get_text (item));
          g_string_append_printf (out, " | %s | %s |\n",
                                  viva_interview_rating_get_label (viva_interview_item_get_rating (item)), time_text);
        }
    }

  for (guint i = 0; i < n_items; i++)
    {
      VivaInterviewItem *item = viva_interview_get_item (self, i);
      g_autofree char *time_text = viva_format_time_of_budget (viva_interview_get_item_elapsed (self, i),
                                                               viva_interview_item_get_budget (item));

      if (viva_interview_item_get_number (item) > 0)
        {
          g_autofree char *heading = g_strdup_printf (_("Question %u of the bank"), viva_interview_item_get_number (item));

          g_string_append_printf (out, "\n### %u. %s\n\n", i + 1, heading);
        }
      else
        g_string_append_printf (out, "\n### %u. %s\n\n", i + 1, _("Interviewer’s question"));

      viva_markdown_append_escaped_paragraphs (out, viva_interview_item_get_text (item));
      g_string_append_c (out, '\n');
      append_field (out, _("Rating"), viva_interview_rating_get_label (viva_interview_item_get_rating (item)));
      append_field (out, _("Time"), time_text);
      g_string_append_c (out, '\n');

      {
        g_autoptr(GString) notes = g_string_new (NULL);

        if (viva_markdown_append_typed (notes, viva_interview_item_get_notes (item)))
          g_string_append_printf (out, "**%s**\n\n%s", _("Notes:"), notes->str);
        else
          g_string_append_printf (out, "*%s*\n", _("No notes."));
      }
    }

  return g_string_free (out, FALSE);
}
