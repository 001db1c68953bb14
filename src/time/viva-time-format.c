/* viva-time-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-time-format.h"

/**
 * viva_format_duration:
 * @usec: a duration in microseconds
 *
 * Formats whole seconds as "3:12", or "1:02:03" from an hour on.
 * Negative durations are shown as 0:00.
 *
 * Returns: (transfer full): the text
 */
char *
viva_format_duration (gint64 usec)
{
  gint64 seconds = MAX (usec, 0) / G_USEC_PER_SEC;

  if (seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d",
                            (int) (seconds / 3600),
                            (int) (seconds / 60 % 60),
                            (int) (seconds % 60));

  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

/**
 * viva_format_time_against_budget:
 * @spent: the time spent, in microseconds
 * @budget: the time budget, in microseconds; 0 for none
 * @over: (out) (optional): "1:10 over budget" when @spent is past
 *   @budget, else %NULL
 *
 * Formats a clock against its budget: "6:10 / 5:00", or "6:10" when
 * there is no budget. The live page, the wrap-up page and the PDF
 * report all say it this way.
 *
 * Returns: (transfer full): the text
 */
char *
viva_format_time_against_budget (gint64   spent,
                                 gint64   budget,
                                 char   **over)
{
  g_autofree char *spent_text = viva_format_duration (spent);
  g_autofree char *budget_text = NULL;

  if (over != NULL)
    *over = NULL;

  if (budget <= 0)
    return g_steal_pointer (&spent_text);

  if (spent > budget && over != NULL)
    {
      g_autofree char *excess = viva_format_duration (spent - budget);

      /* Translators: how far a question or the interview ran past its
       * time budget, "1:10 over budget" */
      *over = g_strdup_printf (_("%s over budget"), excess);
    }

  budget_text = viva_format_duration (budget);

  /* Translators: time spent against the time budget, "6:10 / 5:00" */
  return g_strdup_printf (_("%s / %s"), spent_text, budget_text);
}

/**
 * viva_time_is_over_budget:
 * @spent: the time spent, in microseconds
 * @budget: the time budget, in microseconds; 0 for none
 *
 * Whether @spent is over @budget as the user reads them, in whole
 * seconds: 5:00.4 of 5:00 is not overtime. The summary's count, its
 * rows and viva_format_time_of_budget() all use this one rule.
 *
 * Returns: %TRUE if there is a budget and it was overrun
 */
gboolean
viva_time_is_over_budget (gint64 spent,
                          gint64 budget)
{
  return budget > 0 && spent / G_USEC_PER_SEC > budget / G_USEC_PER_SEC;
}

/**
 * viva_format_time_of_budget:
 * @spent: the time spent, in microseconds
 * @budget: the time budget, in microseconds; 0 for none
 *
 * Formats a mock interview's time against its budget: "3:12 of 5:00",
 * "7:30 of 5:00 (2:30 over)", or "3:12" without a budget. The summary
 * page and the Markdown report both say it this way.
 *
 * Returns: (transfer full): the text
 */
char *
viva_format_time_of_budget (gint64 spent,
                            gint64 budget)
{
  g_autofree char *spent_text = viva_format_duration (spent);
  g_autofree char *budget_text = NULL;
  g_autofree char *over_text = NULL;

  if (budget <= 0)
    return g_steal_pointer (&spent_text);

  budget_text = viva_format_duration (budget);

  if (viva_time_is_over_budget (spent, budget))
    {
      over_text = viva_format_duration (spent - budget);
      /* Translators: time spent, budget, and how much longer than the
       * budget it took: "7:30 of 5:00 (2:30 over)" */
      return g_strdup_printf (_("%s of %s (%s over)"), spent_text, budget_text, over_text);
    }

  /* Translators: time spent and budget: "3:12 of 5:00" */
  return g_strdup_printf (_("%s of %s"), spent_text, budget_text);
}
