/* test-fsrs-optimizer.c
 *
 * Fitting FSRS-6 to a user's histories (viva-fsrs-optimizer.c): on
 * histories simulated from known parameters the fit predicts better than
 * the defaults and recovers how that learner forgets; its gradients are
 * exact; it is deterministic; hostile histories (none, too few, all on
 * one day, all Again, out of order, a million reviews of one question,
 * impossible grades and times) give "not enough reviews" or finite
 * parameters within fsrs-rs's bounds, never an abort; it can be
 * cancelled, and reports progress on the main loop, in a thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "viva-fsrs-offer.h"
#include "viva-fsrs-optimizer.h"
#include "viva-fsrs-optimizer-private.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-fsrs-simulate.h"

#define NP VIVA_FSRS_N_PARAMS

/* A learner who forgets faster than FSRS's average user at first and
 * whose memories then grow more slowly, with a flatter curve. */
static const double learner[NP] = {
  0.15, 0.8, 1.5, 5.0,
  6.8, 0.9,
  2.2, 0.01,
  1.2, 0.2, 0.9,
  1.2, 0.08, 0.3, 1.8,
  0.5, 1.6,
  0.4, 0.3, 0.1,
  0.25,
};

/* fsrs-rs's clipping bounds, as the file documents them. */
static const double low[NP] = {
  0.001, 0.001, 0.001, 0.001, 1.0, 0.001, 0.001, 0.001, 0.0, 0.0, 0.001,
  0.001, 0.001, 0.001, 0.0, 0.0, 1.0, 0.0, 0.0, 0.01, 0.1,
};
static const double high[NP] = {
  100.0, 100.0, 100.0, 100.0, 10.0, 4.0, 4.0, 0.75, 4.5, 0.8, 3.5, 5.0,
  0.25, 0.9, 4.0, 1.0, 6.0, 2.0, 2.0, 0.8, 0.8,
};

static VivaFsrsDataset *
dataset_from (GArray *histories)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  VivaFsrsDataset *dataset = viva_fsrs_dataset_new (utc, VIVA_REVIEW_DAY_START_HOUR);

  for (guint q = 0; q < histories->len; q++)
    {
      const VivaSimulatedHistory *history = &g_array_index (histories, VivaSimulatedHistory, q);

      viva_fsrs_dataset_add_history (dataset, history->entries, history->n_entries);
    }

  return dataset;
}

static void
assert_parameters_in_bounds (const double *w)
{
  for (guint i = 0; i < NP; i++)
    {
      g_assert_true (isfinite (w[i]));
      g_assert_cmpfloat (w[i], >=, low[i]);
      g_assert_cmpfloat (w[i], <=, high[i]);
    }
  /* First stabilities grow with the grade. */
  g_assert_cmpfloat (w[0], <=, w[1]);
  g_assert_cmpfloat (w[1], <=, w[2]);
  g_assert_cmpfloat (w[2], <=, w[3]);
}

/* The stability a question reaches graded Good on its first day and
 * then Good after @days, under @w. */
static double
stability_after_good_good (const double *w,
                           double        days)
{
  VivaFsrsState state = viva_fsrs_init_state (w, VIVA_REVIEW_GRADE_GOOD);

  state = viva_fsrs_next_state (w, &state, days, VIVA_REVIEW_GRADE_GOOD);

  return state.stability;
}

static void
test_recovers_learner (void)
{
  g_autoptr(GArray) histories = viva_fsrs_simulate (learner, viva_fsrs_default_parameters, 3000, 365, 12);
  g_autoptr(VivaFsrsDataset) dataset = dataset_from (histories);
  g_autoptr(GError) error = NULL;
  VivaFsrsOptimizerResult result;
  double true_loss, true_rmse, fit_loss, fit_rmse;

  g_assert_cmpuint (viva_fsrs_dataset_get_n_reviews (dataset), ==,
                    viva_fsrs_simulate_n_reviews (histories));
  g_assert_true (viva_fsrs_optimize (dataset, NULL, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  assert_parameters_in_bounds (result.parameters);

  g_assert_true (viva_fsrs_dataset_evaluate (dataset, learner, &true_loss, &true_rmse));
  g_assert_true (viva_fsrs_dataset_evaluate (dataset, result.parameters, &fit_loss, &fit_rmse));
  g_test_message ("%u reviews; log loss defaults %.4f, fitted %.4f, true %.4f; "
                  "RMSE defaults %.4f, fitted %.4f, true %.4f",
                  result.n_reviews, result.log_loss_before, result.log_loss_after, true_loss,
                  result.rmse_before, result.rmse_after, true_rmse);
  for (guint i = 0; i < NP; i++)
    g_test_message ("w[%u] default %.4f fitted %.4f true %.4f", i,
                    viva_fsrs_default_parameters[i], result.parameters[i], learner[i]);
  for (double days = 1; days <= 30; days *= 2)
    g_test_message ("S after Good, Good %g d later: default %.2f fitted %.2f true %.2f", days,
                    stability_after_good_good (viva_fsrs_default_parameters, days),
                    stability_after_good_good (result.parameters, days),
                    stability_after_good_good (learner, days));

  /* It predicts better than the defaults, nearly as well as the truth. */
  g_assert_cmpfloat (result.log_loss_after, ==, fit_loss);
  g_assert_cmpfloat (result.rmse_after, ==, fit_rmse);
  g_assert_cmpfloat (result.log_loss_after, <, result.log_loss_before);
  g_assert_cmpfloat (result.log_loss_after, <, true_loss + 0.002);
  g_assert_cmpfloat (result.rmse_after, <, result.rmse_before);
  g_assert_cmpfloat (result.rmse_after, <, true_rmse + 0.01);

  /* It has learnt how this learner forgets: the first stabilities, and
   * the memory after a second Good, are nearer the learner's than the
   * defaults are (the defaults overestimate them about twice). */
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat (fabs (log (result.parameters[i] / learner[i])), <,
                       fabs (log (viva_fsrs_default_parameters[i] / learner[i])));
  for (double days = 1; days <= 16; days *= 2)
    {
      double truth = stability_after_good_good (learner, days);

      g_assert_cmpfloat (fabs (log (stability_after_good_good (result.parameters, days) / truth)), <,
                         fabs (log (stability_after_good_good (viva_fsrs_default_parameters, days) / truth)));
    }
}

/* The model the fit trains is FSRS-6 as viva-fsrs.c schedules with it
 * (which ts-fsrs checks), less its rounding to 8 decimals. */
static void
test_model_matches_scheduler (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  const double *sets[] = { viva_fsrs_default_parameters, learner };

  for (guint set = 0; set < G_N_ELEMENTS (sets); set++)
    for (guint run = 0; run < 200; run++)
      {
        VivaReviewGrade grade = (VivaReviewGrade) g_rand_int_range (rand, 1, 5);
        VivaFsrsState expected = viva_fsrs_init_state (sets[set], grade);
        MemoryState state;
        Model model;

        _viva_fsrs_model_init (&model, sets[set]);
        _viva_fsrs_model_init_state (&model, grade, &state);
        for (guint i = 0; i < 12; i++)
          {
            /* Same-day reviews and gaps up to a year. */
            double days = g_rand_int_range (rand, 0, 4) == 0 ? 0 : g_rand_int_range (rand, 1, 366);

            g_assert_cmpfloat_with_epsilon (state.s.v, expected.stability, 1e-5 * expected.stability);
            g_assert_cmpfloat_with_epsilon (state.d.v, expected.difficulty, 1e-5);
            g_assert_cmpfloat_with_epsilon (_viva_fsrs_model_retrievability (&model, days, state.s).v,
                                            viva_fsrs_retrievability (sets[set], days, expected.stability),
                                            1e-6);
            grade = (VivaReviewGrade) g_rand_int_range (rand, 1, 5);
            _viva_fsrs_model_step (&model, &state, days, grade);
            expected = viva_fsrs_next_state (sets[set], &expected, days, grade);
          }
      }
}

static void
test_gradient_exact (void)
{
  g_autoptr(GArray) histories = viva_fsrs_simulate (learner, NULL, 200, 200, 3);
  g_autoptr(VivaFsrsDataset) dataset = dataset_from (histories);
  double w[NP], grad[NP], unused[NP];

  /* A point inside every bound, so that no clamp stops a derivative. */
  memcpy (w, viva_fsrs_default_parameters, sizeof w);
  w[7] = 0.05;
  _viva_fsrs_dataset_loss_gradient (dataset, w, grad);

  for (guint i = 0; i < NP; i++)
    {
      double step = 1e-6 * MAX (fabs (w[i]), 0.01);
      double plus[NP], minus[NP], numeric;

      memcpy (plus, w, sizeof w);
      memcpy (minus, w, sizeof w);
      plus[i] += step;
      minus[i] -= step;
      numeric = (_viva_fsrs_dataset_loss_gradient (dataset, plus, unused)
                 - _viva_fsrs_dataset_loss_gradient (dataset, minus, unused)) / (2 * step);
      g_test_message ("dL/dw[%u] exact %.6f central difference %.6f", i, grad[i], numeric);
      g_assert_cmpfloat_with_epsilon (grad[i], numeric, 1e-4 * MAX (1.0, fabs (numeric)));
    }
}

static void
test_deterministic (void)
{
  g_autoptr(GArray) histories = viva_fsrs_simulate (learner, viva_fsrs_default_parameters, 800, 300, 7);
  VivaFsrsOptimizerResult first, second;

  for (guint run = 0; run < 2; run++)
    {
      g_autoptr(VivaFsrsDataset) dataset = dataset_from (histories);
      g_autoptr(GError) error = NULL;

      g_assert_true (viva_fsrs_optimize (dataset, NULL, NULL, NULL, NULL,
                                         run == 0 ? &first : &second, &error));
      g_assert_no_error (error);
    }

  g_assert_cmpmem (first.parameters, sizeof first.parameters,
                   second.parameters, sizeof second.parameters);
  g_assert_cmpfloat (first.log_loss_after, ==, second.log_loss_after);
}

/* The "before" figures are those of the parameters passed in. */
static void
test_before_is_current (void)
{
  g_autoptr(GArray) histories = viva_fsrs_simulate (learner, viva_fsrs_default_parameters, 800, 300, 8);
  g_autoptr(VivaFsrsDataset) dataset = dataset_from (histories);
  g_autoptr(GError) error = NULL;
  VivaFsrsOptimizerResult result;
  double loss, rmse;

  g_assert_true (viva_fsrs_optimize (dataset, learner, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_true (viva_fsrs_dataset_evaluate (dataset, learner, &loss, &rmse));
  g_assert_cmpfloat (result.log_loss_before, ==, loss);
  g_assert_cmpfloat (result.rmse_before, ==, rmse);
}

static void
assert_not_enough (VivaFsrsDataset *dataset,
                   guint            n_reviews)
{
  g_autoptr(GError) error = NULL;
  VivaFsrsOptimizerResult result;

  g_assert_cmpuint (viva_fsrs_dataset_get_n_reviews (dataset), ==, n_reviews);
  g_assert_false (viva_fsrs_optimize (dataset, NULL, NULL, NULL, NULL, &result, &error));
  g_assert_error (error, VIVA_FSRS_OPTIMIZER_ERROR, VIVA_FSRS_OPTIMIZER_ERROR_NOT_ENOUGH_REVIEWS);
  g_assert_cmpuint (result.n_reviews, ==, n_reviews);
}

static void
test_not_enough (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(VivaFsrsDataset) empty = viva_fsrs_dataset_new (utc, 4);
  g_autoptr(VivaFsrsDataset) tiny = viva_fsrs_dataset_new (utc, 4);
  g_autoptr(VivaFsrsDataset) same_day = viva_fsrs_dataset_new (utc, 4);
  g_autoptr(VivaFsrsDataset) just_below = viva_fsrs_dataset_new (utc, 4);
  VivaReviewEntry entries[VIVA_FSRS_OPTIMIZER_MIN_REVIEWS];
  double loss, rmse;

  /* Nothing at all. */
  assert_not_enough (empty, 0);
  viva_fsrs_dataset_add_history (empty, NULL, 0);
  assert_not_enough (empty, 0);
  g_assert_false (viva_fsrs_dataset_evaluate (empty, NULL, &loss, &rmse));

  /* Ten reviews of a question, a day apart: nine training reviews. */
  for (guint i = 0; i < 10; i++)
    entries[i] = (VivaReviewEntry) { VIVA_SIMULATE_EPOCH + i * G_TIME_SPAN_DAY + 12 * G_TIME_SPAN_HOUR,
                                     VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW };
  viva_fsrs_dataset_add_history (tiny, entries, 10);
  assert_not_enough (tiny, 9);

  /* Hundreds of reviews, all on one review day (10 am to 3 am the next
   * morning, before the day starts at 4): none trains. */
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    entries[i] = (VivaReviewEntry) { VIVA_SIMULATE_EPOCH + 10 * G_TIME_SPAN_HOUR + i * G_TIME_SPAN_MINUTE * 2,
                                     1 + i % 4, VIVA_REVIEW_SOURCE_REVIEW };
  for (guint q = 0; q < 20; q++)
    viva_fsrs_dataset_add_history (same_day, entries, G_N_ELEMENTS (entries));
  assert_not_enough (same_day, 0);

  /* One review short of the threshold. */
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    entries[i] = (VivaReviewEntry) { VIVA_SIMULATE_EPOCH + i * G_TIME_SPAN_DAY,
                                     VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW };
  viva_fsrs_dataset_add_history (just_below, entries, G_N_ELEMENTS (entries));
  assert_not_enough (just_below, VIVA_FSRS_OPTIMIZER_MIN_REVIEWS - 1);
}

/* Days are review days, starting at 4 am in the user's time zone, as the
 * scheduler counts them. */
static void
test_review_days (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("-05:00");
  g_autoptr(VivaFsrsDataset) evening = viva_fsrs_dataset_new (tz, 4);
  g_autoptr(VivaFsrsDataset) morning = viva_fsrs_dataset_new (tz, 4);
  /* Midnight of 2025-01-02 in UTC-5. */
  gint64 midnight = VIVA_SIMULATE_EPOCH + (24 + 5) * G_TIME_SPAN_HOUR;
  /* 20:00 and 23:30 on the 1st: one review day (in UTC, 01:00 and 04:30
   * on the 2nd would be two). */
  VivaReviewEntry late[] = {
    { midnight - 4 * G_TIME_SPAN_HOUR, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW },
    { midnight - 30 * G_TIME_SPAN_MINUTE, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW },
  };
  /* 03:00 and 05:00 on the 2nd: the 1st's review day, then the 2nd's
   * (a day starting at midnight would make them one). */
  VivaReviewEntry early[] = {
    { midnight + 3 * G_TIME_SPAN_HOUR, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW },
    { midnight + 5 * G_TIME_SPAN_HOUR, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW },
  };

  viva_fsrs_dataset_add_history (evening, late, G_N_ELEMENTS (late));
  g_assert_cmpuint (viva_fsrs_dataset_get_n_reviews (evening), ==, 0);
  viva_fsrs_dataset_add_history (morning, early, G_N_ELEMENTS (early));
  g_assert_cmpuint (viva_fsrs_dataset_get_n_reviews (morning), ==, 1);
}

static void
assert_fit_sane (VivaFsrsDataset *dataset)
{
  g_autoptr(GError) error = NULL;
  VivaFsrsOptimizerResult result;

  g_assert_true (viva_fsrs_optimize (dataset, NULL, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  assert_parameters_in_bounds (result.parameters);
  g_assert_true (isfinite (result.log_loss_before) && isfinite (result.log_loss_after));
  g_assert_true (isfinite (result.rmse_before) && isfinite (result.rmse_after));
}

static void
test_hostile (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(VivaFsrsDataset) all_again = viva_fsrs_dataset_new (utc, 4);
  g_autoptr(VivaFsrsDataset) one_million = viva_fsrs_dataset_new (utc, 4);
  g_autoptr(VivaFsrsDataset) impossible = viva_fsrs_dataset_new (utc, 4);
  g_autofree VivaReviewEntry *entries = g_new (VivaReviewEntry, 1000000);
  guint n = 0;

  /* Never recalled anything, a few days apart. */
  for (guint q = 0; q < 100; q++)
    {
      for (guint i = 0; i < 6; i++)
        entries[i] = (VivaReviewEntry) { VIVA_SIMULATE_EPOCH + (q + 3 * i) * G_TIME_SPAN_DAY,
                                         VIVA_REVIEW_GRADE_AGAIN, VIVA_REVIEW_SOURCE_REVIEW };
      viva_fsrs_dataset_add_history (all_again, entries, 6);
    }
  g_assert_cmpuint (viva_fsrs_dataset_get_n_reviews (all_again), ==, 500);
  assert_fit_sane (all_again);

  /* A million reviews of one question, one a day (2025 to 4762): its
   * first 256 train, and it neither aborts nor takes long. */
  for (guint i = 0; i < 1000000; i++)
    entries[i] = (VivaReviewEntry) { VIVA_SIMULATE_EPOCH + (gint64) i * G_TIME_SPAN_DAY,
                                     i % 7 == 0 ? VIVA_REVIEW_GRADE_AGAIN : VIVA_REVIEW_GRADE_GOOD,
                                     VIVA_REVIEW_SOURCE_REVIEW };
  viva_fsrs_dataset_add_history (one_million, entries, 1000000);
  g_assert_cmpuint (viva_fsrs_dataset_get_n_reviews (one_million), ==, 999999);
  assert_fit_sane (one_million);

  /* Grades out of 1 to 4 and times GLib cannot place are left out; what
   * remains still fits. */
  for (guint q = 0; q < 100; q++)
    {
      n = 0;
      entries[n++] = (VivaReviewEntry) { G_MININT64, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW };
      entries[n++] = (VivaReviewEntry) { G_MAXINT64, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW };
      for (guint i = 0; i < 6; i++)
        {
          entries[n++] = (VivaReviewEntry) { VIVA_SIMULATE_EPOCH + (q + 2 * i) * G_TIME_SPAN_DAY,
                                             1 + (q + i) % 4, VIVA_REVIEW_SOURCE_REVIEW };
          entries[n++] = (VivaReviewEntry) { VIVA_SIMULATE_EPOCH + (q + 2 * i) * G_TIME_SPAN_DAY + 1,
                                             (VivaReviewGrade) (q % 2 ? 0 : 99), VIVA_REVIEW_SOURCE_REVIEW };
        }
      viva_fsrs_dataset_add_history (impossible, entries, n);
    }
  g_assert_cmpuint (viva_fsrs_dataset_get_n_reviews (impossible), ==, 500);
  assert_fit_sane (impossible);
}

/* A history given out of order is the same history sorted, and the
 * questions may come in any order (the notes come from hash tables). */
static void
test_out_of_order (void)
{
  g_autoptr(GArray) histories = viva_fsrs_simulate (learner, viva_fsrs_default_parameters, 500, 300, 9);
  g_autoptr(VivaFsrsDataset) sorted = dataset_from (histories);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(VivaFsrsDataset) shuffled = viva_fsrs_dataset_new (utc, VIVA_REVIEW_DAY_START_HOUR);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  g_autoptr(GError) error = NULL;
  VivaFsrsOptimizerResult a, b;

  for (guint q = histories->len; q-- > 0;)
    {
      const VivaSimulatedHistory *history = &g_array_index (histories, VivaSimulatedHistory, q);
      g_autofree VivaReviewEntry *copy = g_memdup2 (history->entries, sizeof (VivaReviewEntry) * history->n_entries);

      for (guint i = history->n_entries; i > 1; i--)
        {
          guint j = (guint) g_rand_int_range (rand, 0, (gint32) i);
          VivaReviewEntry swap = copy[i - 1];

          copy[i - 1] = copy[j];
          copy[j] = swap;
        }
      viva_fsrs_dataset_add_history (shuffled, copy, history->n_entries);
    }

  g_assert_true (viva_fsrs_optimize (sorted, NULL, NULL, NULL, NULL, &a, &error));
  g_assert_true (viva_fsrs_optimize (shuffled, NULL, NULL, NULL, NULL, &b, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (a.parameters, sizeof a.parameters, b.parameters, sizeof b.parameters);
}

/* Damaged current parameters are read as the defaults. */
static void
test_damaged_current (void)
{
  g_autoptr(GArray) histories = viva_fsrs_simulate (learner, viva_fsrs_default_parameters, 500, 300, 10);
  g_autoptr(VivaFsrsDataset) dataset = dataset_from (histories);
  g_autoptr(GError) error = NULL;
  VivaFsrsOptimizerResult result;
  double damaged[NP], loss, rmse;

  memcpy (damaged, learner, sizeof damaged);
  damaged[3] = NAN;
  damaged[8] = INFINITY;
  g_assert_true (viva_fsrs_optimize (dataset, damaged, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_true (viva_fsrs_dataset_evaluate (dataset, NULL, &loss, &rmse));
  g_assert_cmpfloat (result.log_loss_before, ==, loss);
  assert_parameters_in_bounds (result.parameters);
}

typedef struct
{
  GCancellable *cancellable;
  double        cancel_at;
  double        last;
  guint         calls;
  gboolean      decreased;
  GThread      *thread;
  gboolean      other_thread;
  gboolean      after_finish;
  gboolean      finished;
  gboolean      destroyed;
} ProgressLog;

static void
log_progress (double   fraction,
              gpointer user_data)
{
  ProgressLog *log = user_data;

  log->decreased |= fraction < log->last;
  log->last = fraction;
  log->calls++;
  log->other_thread |= log->thread != NULL && g_thread_self () != log->thread;
  log->after_finish |= log->finished;
  if (log->cancellable != NULL && fraction >= log->cancel_at)
    g_cancellable_cancel (log->cancellable);
}

static void
test_cancel (void)
{
  g_autoptr(GArray) histories = viva_fsrs_simulate (learner, viva_fsrs_default_parameters, 1000, 300, 11);
  g_autoptr(VivaFsrsDataset) dataset = dataset_from (histories);
  g_autoptr(GCancellable) before = g_cancellable_new ();
  g_autoptr(GCancellable) during = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  VivaFsrsOptimizerResult result;
  ProgressLog log = { during, 0.5, 0.0, 0, FALSE, NULL, FALSE, FALSE, FALSE, FALSE };

  /* Cancelled before it starts. */
  g_cancellable_cancel (before);
  g_assert_false (viva_fsrs_optimize (dataset, NULL, before, NULL, NULL, &result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Cancelled halfway through the descent: it stops there. */
  g_assert_false (viva_fsrs_optimize (dataset, NULL, during, log_progress, &log, &result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (log.last, >=, 0.5);
  g_assert_cmpfloat (log.last, <, 1.0);
}

static void
on_optimized (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
log_destroyed (gpointer user_data)
{
  ProgressLog *log = user_data;

  log->destroyed = TRUE;
}

/* In a thread: progress arrives on the caller's main context, rising to
 * 1, never after the result; the result is the synchronous one. */
static void
test_async (void)
{
  g_autoptr(GArray) histories = viva_fsrs_simulate (learner, viva_fsrs_default_parameters, 1000, 300, 13);
  g_autoptr(VivaFsrsDataset) reference = dataset_from (histories);
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(GError) error = NULL;
  VivaFsrsOptimizerResult expected, result;
  ProgressLog log = { NULL, 2.0, 0.0, 0, FALSE, g_thread_self (), FALSE, FALSE, FALSE, FALSE };

  g_assert_true (viva_fsrs_optimize (reference, NULL, NULL, NULL, NULL, &expected, &error));

  viva_fsrs_optimize_async (dataset_from (histories), NULL, NULL,
                            log_progress, &log, log_destroyed, on_optimized, &async_result);
  while (async_result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (viva_fsrs_optimize_finish (async_result, &result, &error));
  g_assert_no_error (error);
  log.finished = TRUE;
  g_clear_object (&async_result);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_cmpmem (result.parameters, sizeof result.parameters,
                   expected.parameters, sizeof expected.parameters);
  g_assert_cmpuint (log.calls, >, 2);
  g_assert_false (log.decreased);
  g_assert_false (log.other_thread);
  g_assert_false (log.after_finish);
  g_assert_cmpfloat (log.last, ==, 1.0);
  g_assert_true (log.destroyed);
}

static void
test_async_cancel (void)
{
  g_autoptr(GArray) histories = viva_fsrs_simulate (learner, viva_fsrs_default_parameters, 1000, 300, 14);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(GError) error = NULL;
  VivaFsrsOptimizerResult result;
  ProgressLog log = { NULL, 2.0, 0.0, 0, FALSE, g_thread_self (), FALSE, FALSE, FALSE, FALSE };

  viva_fsrs_optimize_async (dataset_from (histories), NULL, cancellable,
                            log_progress, &log, log_destroyed, on_optimized, &async_result);
  g_cancellable_cancel (cancellable);
  while (async_result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (viva_fsrs_optimize_finish (async_result, &result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&async_result);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (log.destroyed);
}

static void
count_offer (guint   *offers)
{
  (*offers)++;
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The offer to fit comes once, ever: when the notes first hold 400
 * training reviews; and at once for a user who already has them. */
static void
test_offer_once (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "notes.json", NULL);
  g_autoptr(VivaNotesStore) store = viva_notes_store_new (path);
  g_autoptr(VivaFsrsOffer) offer = NULL;
  g_autoptr(VivaFsrsOffer) later = NULL;
  g_autoptr(VivaFsrsOffer) upgraded = NULL;
  VivaNote *first = viva_notes_store_get_note (store, "bank", 1);
  VivaNote *second = viva_notes_store_get_note (store, "bank", 2);
  guint offers = 0, later_offers = 0, upgraded_offers = 0;
  gint64 day = VIVA_SIMULATE_EPOCH + 12 * G_TIME_SPAN_HOUR;

  g_settings_reset (settings, "fsrs-optimize-offered");

  /* 300 training reviews of one question, 99 of another. */
  for (guint i = 0; i <= 300; i++)
    viva_note_review (first, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW, day + i * G_TIME_SPAN_DAY);
  for (guint i = 0; i <= 99; i++)
    viva_note_review (second, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW, day + i * G_TIME_SPAN_DAY);

  offer = viva_fsrs_offer_new (store, settings, utc);
  g_signal_connect_swapped (offer, "offer", G_CALLBACK (count_offer), &offers);
  drain ();
  /* The notes keep the last 100 reviews of each: 99 + 99 so far. */
  g_assert_cmpuint (viva_fsrs_offer_get_n_reviews (offer), ==, 99 + 99);
  g_assert_cmpuint (offers, ==, 0);

  /* Questions 3 to 5 graded day after day, up to one short: each
   * grade counts as it is given. */
  for (guint q = 3, i = 0; viva_fsrs_offer_get_n_reviews (offer) < VIVA_FSRS_OPTIMIZER_MIN_REVIEWS - 1; i++)
    {
      if (i == 90)
        {
          q++;
          i = 0;
        }
      viva_note_review (viva_notes_store_get_note (store, "bank", q), VIVA_REVIEW_GRADE_GOOD,
                        VIVA_REVIEW_SOURCE_REVIEW, day + i * G_TIME_SPAN_DAY);
    }
  g_assert_cmpuint (viva_fsrs_offer_get_n_reviews (offer), ==, VIVA_FSRS_OPTIMIZER_MIN_REVIEWS - 1);
  g_assert_cmpuint (offers, ==, 0);
  g_assert_false (g_settings_get_boolean (settings, "fsrs-optimize-offered"));

  /* The 400th: offered, and remembered. */
  viva_note_review (viva_notes_store_get_note (store, "bank", 9), VIVA_REVIEW_GRADE_GOOD,
                    VIVA_REVIEW_SOURCE_REVIEW, day);
  g_assert_cmpuint (offers, ==, 0);
  viva_note_review (viva_notes_store_get_note (store, "bank", 9), VIVA_REVIEW_GRADE_GOOD,
                    VIVA_REVIEW_SOURCE_REVIEW, day + G_TIME_SPAN_DAY);
  g_assert_cmpuint (offers, ==, 1);
  g_assert_true (g_settings_get_boolean (settings, "fsrs-optimize-offered"));

  /* Never again, in this run or the next. */
  viva_note_review (second, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW, day + 500 * G_TIME_SPAN_DAY);
  later = viva_fsrs_offer_new (store, settings, utc);
  g_signal_connect_swapped (later, "offer", G_CALLBACK (count_offer), &later_offers);
  drain ();
  viva_note_review (second, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW, day + 501 * G_TIME_SPAN_DAY);
  g_assert_cmpuint (offers, ==, 1);
  g_assert_cmpuint (later_offers, ==, 0);

  /* A user who has enough when this first runs is offered at once. */
  g_settings_reset (settings, "fsrs-optimize-offered");
  upgraded = viva_fsrs_offer_new (store, settings, utc);
  g_signal_connect_swapped (upgraded, "offer", G_CALLBACK (count_offer), &upgraded_offers);
  drain ();
  g_assert_cmpuint (upgraded_offers, ==, 1);

  g_assert_true (viva_notes_store_flush (store, NULL));
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *loaded = user_data;

  g_assert_true (viva_notes_store_load_finish (VIVA_NOTES_STORE (object), result, NULL));
  *loaded = TRUE;
}

/* Made while the notes are read in a worker (as the window is at
 * start-up), the offer counts them once they are in, not before. */
static void
test_offer_waits_for_notes (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "notes.json", NULL);
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaFsrsOffer) offer = NULL;
  gint64 day = VIVA_SIMULATE_EPOCH + 12 * G_TIME_SPAN_HOUR;
  gboolean loaded = FALSE;
  guint offers = 0;

  g_settings_reset (settings, "fsrs-optimize-offered");

  {
    g_autoptr(VivaNotesStore) first = viva_notes_store_new (path);

    g_assert_true (viva_notes_store_load (first, NULL));
    for (guint q = 1; q <= 5; q++)
      for (guint i = 0; i < 90; i++)
        viva_note_review (viva_notes_store_get_note (first, "bank", q), VIVA_REVIEW_GRADE_GOOD,
                          VIVA_REVIEW_SOURCE_REVIEW, day + i * G_TIME_SPAN_DAY);
    g_assert_true (viva_notes_store_flush (first, NULL));
  }

  store = viva_notes_store_new (path);
  viva_notes_store_load_async (store, NULL, loaded_cb, &loaded);
  offer = viva_fsrs_offer_new (store, settings, utc);
  g_signal_connect_swapped (offer, "offer", G_CALLBACK (count_offer), &offers);
  drain ();
  while (!loaded)
    g_main_context_iteration (NULL, TRUE);
  drain ();

  g_assert_cmpuint (viva_fsrs_offer_get_n_reviews (offer), >=, VIVA_FSRS_OPTIMIZER_MIN_REVIEWS);
  g_assert_cmpuint (offers, ==, 1);

  g_settings_reset (settings, "fsrs-optimize-offered");
  g_assert_true (viva_notes_store_flush (store, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/fsrs-optimizer/offer-waits-for-notes", test_offer_waits_for_notes);
  g_test_add_func ("/fsrs-optimizer/model-matches-scheduler", test_model_matches_scheduler);
  g_test_add_func ("/fsrs-optimizer/gradient-exact", test_gradient_exact);
  g_test_add_func ("/fsrs-optimizer/recovers-learner", test_recovers_learner);
  g_test_add_func ("/fsrs-optimizer/deterministic", test_deterministic);
  g_test_add_func ("/fsrs-optimizer/before-is-current", test_before_is_current);
  g_test_add_func ("/fsrs-optimizer/review-days", test_review_days);
  g_test_add_func ("/fsrs-optimizer/not-enough", test_not_enough);
  g_test_add_func ("/fsrs-optimizer/hostile", test_hostile);
  g_test_add_func ("/fsrs-optimizer/out-of-order", test_out_of_order);
  g_test_add_func ("/fsrs-optimizer/damaged-current", test_damaged_current);
  g_test_add_func ("/fsrs-optimizer/cancel", test_cancel);
  g_test_add_func ("/fsrs-optimizer/async", test_async);
  g_test_add_func ("/fsrs-optimizer/async-cancel", test_async_cancel);
  g_test_add_func ("/fsrs-optimizer/offer-once", test_offer_once);

  return g_test_run ();
}
