/* viva-mock-report.c
 *
 * What is reported of a mock interview: its totals per level (the
 * summary, the history and the report count them) and the Markdown
 * report, for "Export". Part of VivaMockSession's API, kept apart
 * because it is about presentation, not about what a session holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "viva-bank.h"
#include "viva-markdown-writer.h"
#include "viva-mock-session.h"
#include "viva-time-format.h"

/* Totals: what the summary, the history and the report count */

void
viva_mock_level_totals_clear (VivaMockLevelTotals *totals)
{
  g_clear_pointer (&totals->level_title, g_free);
}

static void
add_to_totals (VivaMockLevelTotals *totals,
               VivaMockItem        *item)
{
  /* As the file keeps it: a fake clock can run past 1,000 hours. */
  gint64 spent = MIN (viva_mock_item_get_spent (item), VIVA_MOCK_DURATION_MAX);
  gint64 budget = viva_mock_item_get_budget (item);

  totals->n_questions++;
  totals->spent += spent;
  totals->budget += budget;
  totals->ratings[viva_mock_item_get_rating (item)]++;

  if (viva_mock_item_get_skipped (item))
    totals->n_skipped++;

  if (viva_time_is_over_budget (spent, budget))
    totals->n_overtime++;
}

static int
compare_level_totals (gconstpointer a,
                      gconstpointer b)
{
  const VivaMockLevelTotals *ta = a;
  const VivaMockLevelTotals *tb = b;

  return ta->level_number < tb->level_number ? -1 : ta->level_number > tb->level_number;
}

/**
 * viva_mock_session_get_level_totals:
 * @self: a #VivaMockSession
 * @out_overall: (out caller-allocates) (optional): the totals of the
 *   whole session; clear with viva_mock_level_totals_clear()
 *
 * Returns: (transfer full) (element-type VivaMockLevelTotals): one entry
 *   per level that has questions in the session, by level number
 */
GArray *
viva_mock_session_get_level_totals (VivaMockSession     *self,
                                    VivaMockLevelTotals *out_overall)
{
  GArray *levels;
  VivaMockLevelTotals overall = { 0, };

  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), NULL);

  levels = g_array_new (FALSE, TRUE, sizeof (VivaMockLevelTotals));
  g_array_set_clear_func (levels, (GDestroyNotify) viva_mock_level_totals_clear);

  for (guint i = 0; i < viva_mock_session_get_n_items (self); i++)
    {
      VivaMockItem *item = viva_mock_session_get_item (self, i);
      VivaMockLevelTotals *totals = NULL;

      for (guint j = 0; j < levels->len; j++)
        {
          VivaMockLevelTotals *candidate = &g_array_index (levels, VivaMockLevelTotals, j);

          if (candidate->level_number == viva_mock_item_get_level_number (item))
            {
              totals = candidate;
              break;
            }
        }

      if (totals == NULL)
        {
          VivaMockLevelTotals fresh = { 0, };

          fresh.level_number = viva_mock_item_get_level_number (item);
          fresh.level_title = g_strdup (viva_mock_item_get_level_title (item));
          g_array_append_val (levels, fresh);
          totals = &g_array_index (levels, VivaMockLevelTotals, levels->len - 1);
        }

      add_to_totals (totals, item);
      add_to_totals (&overall, item);
    }

  g_array_sort (levels, compare_level_totals);

  if (viva_mock_session_get_budget_mode (self) == VIVA_MOCK_BUDGET_TOTAL)
    overall.budget = viva_mock_session_get_total_budget (self);

  if (out_overall != NULL)
    *out_overall = overall;

  return levels;
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

/* A coding question's code, the output of its last run and the results
 * of its last Run Tests, each fenced or escaped so that neither the code
 * nor what it printed can change the report's structure. */
static void
append_code_pad (GString      *out,
                 VivaMockItem *item)
{
  const char *output = viva_mock_item_get_output (item);
  VivaChallengeResults *results = viva_mock_item_get_test_results (item);

  if (viva_mock_item_get_answer (item)[0] != '\0')
    g_string_append_c (out, '\n');

  g_string_append_printf (out, "**%s**\n\n", _("Code:"));
  viva_markdown_append_fenced (out, viva_mock_item_get_code (item), "python");

  if (output != NULL)
    {
      g_string_append_printf (out, "\n**%s**\n\n", _("Output:"));
      if (output[0] != '\0')
        viva_markdown_append_fenced (out, output, "text");
      else
        g_string_append_printf (out, "*%s*\n", _("Nothing was printed."));
    }

  if (results != NULL)
    {
      g_autofree char *tests = viva_challenge_results_to_markdown (results);

      g_string_append_printf (out, "\n**%s**\n\n", _("Tests:"));
      g_string_append (out, tests);
      if (tests[0] != '\0' && tests[strlen (tests) - 1] != '\n')
        g_string_append_c (out, '\n');
    }
}

/* The bank's answer as a block quote: every line behind "> ". */
static void
append_bank_answer (GString    *out,
                    const char *answer)
{
  const char *line = answer;

  if (answer == NULL)
    return;

  g_string_append_printf (out, "\n**%s**\n\n", _("Answer in the bank:"));

  while (*line != '\0')
    {
      const char *end = strchr (line, '\n');
      gsize len = end != NULL ? (gsize)(end - line) : strlen (line);

      g_string_append (out, len > 0 ? "> " : ">");
      g_string_append_len (out, line, len);
      g_string_append_c (out, '\n');

      if (end == NULL)
        break;
      line = end + 1;
    }
}

/**
 * viva_mock_session_to_markdown:
 * @self: a #VivaMockSession
 *
 * A report of the interview that reads well as plain text and renders
 * as Markdown: the date (local time), the bank, the totals, the totals
 * of each level, then every question with its time against its budget,
 * its rating and the answer, and for a coding question its code, the
 * output of its last run and the results of its last Run Tests. Text from the bank is escaped, and answers
 * are fenced, so that nothing the user typed can change the report's
 * structure. When @bank is the bank the questions came from, each
 * question it answers has that answer after the user's, as a block
 * quote of its canonical Markdown (headings only at levels 4-6, code
 * fenced): inside the quote it cannot reshape the report either.
 *
 * Returns: (transfer full): the report
 */
char *
viva_mock_session_to_markdown (VivaMockSession *self,
                               VivaBank        *bank)
{
  g_autoptr(GArray) levels = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time_text = NULL;
  g_autofree char *questions_text = NULL;
  VivaMockLevelTotals overall;
  GString *out;

  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (self), NULL);
  g_return_val_if_fail (bank == NULL || VIVA_IS_BANK (bank), NULL);

  levels = viva_mock_session_get_level_totals (self, &overall);
  date = format_local_date (viva_mock_session_get_created (self));
  out = g_string_new (NULL);

  g_string_append_printf (out, "# %s\n\n", _("Mock Interview"));

  append_field (out, _("Date"), date);

  g_string_append_printf (out, "- **%s:** ", _("Bank"));
  viva_markdown_append_escaped_inline (out, viva_mock_session_get_bank_title (self));
  g_string_append_c (out, '\n');

  if (overall.n_skipped > 0)
    questions_text = g_strdup_printf (ngettext ("%u, %u skipped", "%u, %u skipped", overall.n_questions),
                                      overall.n_questions, overall.n_skipped);
  else
    questions_text = g_strdup_printf ("%u", overall.n_questions);
  append_field (out, _("Questions"), questions_text);

  time_text = viva_format_time_of_budget (overall.spent, overall.budget);
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
      g_autofree char *level_time = viva_format_time_of_budget (totals->spent, totals->budget);

      g_string_append (out, "- **");
      viva_markdown_append_escaped_inline (out, totals->level_title);
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
      VivaMockItem *item = viva_mock_session_get_item (self, i);
      g_autofree char *item_time = viva_format_time_of_budget (viva_mock_item_get_spent (item), viva_mock_item_get_budget (item));
      g_autofree char *heading = g_strdup_printf (_("Question %u"), viva_mock_item_get_number (item));

      g_string_append_printf (out, "\n### %s (", heading);
      viva_markdown_append_escaped_inline (out, viva_mock_item_get_level_title (item));
      if (viva_mock_item_get_topic_name (item) != NULL)
        {
          g_string_append (out, " · ");
          viva_markdown_append_escaped_inline (out, viva_mock_item_get_topic_name (item));
        }
      g_string_append (out, ")\n\n");

      viva_markdown_append_escaped_paragraphs (out, viva_mock_item_get_question_text (item));
      g_string_append_c (out, '\n');

      if (viva_mock_item_get_skipped (item))
        {
          g_autofree char *skipped = g_strdup_printf (_("%s, skipped"), item_time);

          append_field (out, _("Time"), skipped);
        }
      else
        append_field (out, _("Time"), item_time);

      append_field (out, _("Rating"), viva_mock_rating_get_label (viva_mock_item_get_rating (item)));
      g_string_append_c (out, '\n');

      if (viva_mock_item_get_answer (item)[0] != '\0')
        {
          g_string_append_printf (out, "**%s**\n\n", _("Answer:"));
          viva_markdown_append_fenced (out, viva_mock_item_get_answer (item), "markdown");
        }
      else if (!viva_mock_item_has_code (item))
        g_string_append_printf (out, "*%s*\n", _("No answer."));

      if (viva_mock_item_has_code (item))
        append_code_pad (out, item);

      append_bank_answer (out, viva_bank_lookup_answer (bank, viva_mock_session_get_bank_id (self),
                                                        viva_mock_item_get_number (item),
                                                        viva_mock_item_get_question_text (item)));
    }

  viva_mock_level_totals_clear (&overall);

  return g_string_free (out, FALSE);
}
