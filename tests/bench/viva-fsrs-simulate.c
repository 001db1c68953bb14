/* viva-fsrs-simulate.c
 *
 * A learner whose memory follows FSRS-6 with parameters @w exactly,
 * scheduled by FSRS-6 with parameters @scheduler_w (the defaults, for a
 * user who has not fitted them yet; @w itself for one who has): each
 * question is first seen on a random day, graded (Again 20%, Hard 10%,
 * Good 60%, Easy 10%); each later review comes when the scheduler would
 * ask at 90% retention, early or late by up to half the interval
 * (people are not punctual, and a history reviewed only on time could
 * not tell the curve's shape), and is recalled with the probability the
 * model gives; a recall is Hard 15%, Good 75%, Easy 10%; a lapse is
 * followed 10 minutes later by a same-day Good (the relearning step).
 * Reviews happen at 10:00 UTC plus some minutes. Deterministic for a
 * seed (GRand, no global state).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "viva-fsrs-simulate.h"

static VivaReviewGrade
first_grade (GRand *rand)
{
  double x = g_rand_double (rand);

  if (x < 0.2)
    return VIVA_REVIEW_GRADE_AGAIN;
  if (x < 0.3)
    return VIVA_REVIEW_GRADE_HARD;
  if (x < 0.9)
    return VIVA_REVIEW_GRADE_GOOD;
  return VIVA_REVIEW_GRADE_EASY;
}

static VivaReviewGrade
recall_grade (GRand *rand)
{
  double x = g_rand_double (rand);

  if (x < 0.15)
    return VIVA_REVIEW_GRADE_HARD;
  if (x < 0.9)
    return VIVA_REVIEW_GRADE_GOOD;
  return VIVA_REVIEW_GRADE_EASY;
}

static void
history_clear (gpointer pointer)
{
  VivaSimulatedHistory *history = pointer;

  g_clear_pointer (&history->entries, g_free);
}

/**
 * viva_fsrs_simulate:
 * @w: the learner's true parameters
 * @scheduler_w: (nullable): the parameters the learner is scheduled
 *   with; %NULL: @w
 * @n_questions: how many questions
 * @n_days: the days simulated; questions are first seen in the first
 *   half of them
 * @seed: the seed
 *
 * Returns: (transfer full) (element-type VivaSimulatedHistory): the histories
 */
GArray *
viva_fsrs_simulate (const double *w,
                    const double *scheduler_w,
                    guint         n_questions,
                    guint         n_days,
                    guint32       seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GArray *histories = g_array_sized_new (FALSE, TRUE, sizeof (VivaSimulatedHistory), n_questions);

  g_array_set_clear_func (histories, history_clear);
  if (scheduler_w == NULL)
    scheduler_w = w;

  for (guint q = 0; q < n_questions; q++)
    {
      g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (VivaReviewEntry));
      VivaSimulatedHistory history;
      VivaFsrsState state, scheduled;
      VivaReviewEntry entry;
      VivaReviewGrade grade;
      guint day = (guint) g_rand_int_range (rand, 0, (gint32) MAX (n_days / 2, 1u));

      entry.source = VIVA_REVIEW_SOURCE_REVIEW;
      entry.time = VIVA_SIMULATE_EPOCH + day * G_TIME_SPAN_DAY + 10 * G_TIME_SPAN_HOUR
                   + g_rand_int_range (rand, 0, 60) * G_TIME_SPAN_MINUTE;
      grade = first_grade (rand);
      entry.grade = grade;
      g_array_append_val (entries, entry);
      state = viva_fsrs_init_state (w, grade);
      scheduled = viva_fsrs_init_state (scheduler_w, grade);

      if (grade == VIVA_REVIEW_GRADE_AGAIN)
        {
          entry.time += 10 * G_TIME_SPAN_MINUTE;
          entry.grade = VIVA_REVIEW_GRADE_GOOD;
          g_array_append_val (entries, entry);
          state = viva_fsrs_next_state (w, &state, 0.0, entry.grade);
          scheduled = viva_fsrs_next_state (scheduler_w, &scheduled, 0.0, entry.grade);
        }

      for (;;)
        {
          guint interval = viva_fsrs_next_interval (scheduler_w, scheduled.stability, 0.9, 36500);
          double late = 0.5 + g_rand_double (rand);
          guint elapsed = (guint) MAX (1.0, round (interval * late));
          double r;

          day += elapsed;
          if (day >= n_days)
            break;

          r = viva_fsrs_retrievability (w, elapsed, state.stability);
          entry.time = VIVA_SIMULATE_EPOCH + day * G_TIME_SPAN_DAY + 10 * G_TIME_SPAN_HOUR
                       + g_rand_int_range (rand, 0, 60) * G_TIME_SPAN_MINUTE;
          entry.grade = g_rand_double (rand) < r ? recall_grade (rand) : VIVA_REVIEW_GRADE_AGAIN;
          g_array_append_val (entries, entry);
          state = viva_fsrs_next_state (w, &state, elapsed, entry.grade);
          scheduled = viva_fsrs_next_state (scheduler_w, &scheduled, elapsed, entry.grade);

          if (entry.grade == VIVA_REVIEW_GRADE_AGAIN)
            {
              entry.time += 10 * G_TIME_SPAN_MINUTE;
              entry.grade = VIVA_REVIEW_GRADE_GOOD;
              g_array_append_val (entries, entry);
              state = viva_fsrs_next_state (w, &state, 0.0, entry.grade);
              scheduled = viva_fsrs_next_state (scheduler_w, &scheduled, 0.0, entry.grade);
            }
        }

      history.n_entries = entries->len;
      history.entries = (VivaReviewEntry *) (void *) g_array_free (g_steal_pointer (&entries), FALSE);
      g_array_append_val (histories, history);
    }

  return histories;
}

/* The reviews of @histories that have an earlier review on an earlier
 * day: the training reviews. */
guint
viva_fsrs_simulate_n_reviews (GArray *histories)
{
  guint n = 0;

  for (guint q = 0; q < histories->len; q++)
    {
      const VivaSimulatedHistory *history = &g_array_index (histories, VivaSimulatedHistory, q);

      for (guint i = 1; i < history->n_entries; i++)
        n += history->entries[i].time / G_TIME_SPAN_DAY != history->entries[i - 1].time / G_TIME_SPAN_DAY;
    }

  return n;
}
