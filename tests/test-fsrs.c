/* test-fsrs.c
 *
 * The FSRS-6 model against values worked out by hand from its formulas
 * (each expected number below is the formula of viva-fsrs.c evaluated
 * with the default parameters, written out in the comment beside it),
 * its shape (Again lowers stability, Easy raises it more than Good, a
 * higher retention asks sooner) and damaged input, which must never
 * abort nor give NaN. tests/test-fsrs-vectors.c checks the same
 * functions against ts-fsrs on thousands of random histories.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "viva-fsrs.h"

#define W viva_fsrs_default_parameters

/* The model rounds its values to 8 decimals, as ts-fsrs does. */
#define ROUNDED 1e-8

static const VivaReviewGrade grades[] = {
  VIVA_REVIEW_GRADE_AGAIN,
  VIVA_REVIEW_GRADE_HARD,
  VIVA_REVIEW_GRADE_GOOD,
  VIVA_REVIEW_GRADE_EASY,
};

static void
assert_state_sane (VivaFsrsState state)
{
  g_assert_true (isfinite (state.stability));
  g_assert_true (isfinite (state.difficulty));
  g_assert_cmpfloat (state.stability, >=, VIVA_FSRS_STABILITY_MIN);
  g_assert_cmpfloat (state.stability, <=, VIVA_FSRS_STABILITY_MAX);
  g_assert_cmpfloat (state.difficulty, >=, VIVA_FSRS_DIFFICULTY_MIN);
  g_assert_cmpfloat (state.difficulty, <=, VIVA_FSRS_DIFFICULTY_MAX);
}

static void
test_defaults (void)
{
  /* FSRS-6's published defaults: the four first stabilities and the
   * decay that sets FSRS-6's curve apart from FSRS-5's 0.5. */
  g_assert_cmpfloat (W[0], ==, 0.212);
  g_assert_cmpfloat (W[3], ==, 8.2956);
  g_assert_cmpfloat (W[20], ==, 0.1542);
}

static void
test_init_state (void)
{
  /* A new question's S for each grade is w[0..3]. */
  for (guint i = 0; i < G_N_ELEMENTS (grades); i++)
    {
      VivaFsrsState state = viva_fsrs_init_state (W, grades[i]);

      g_assert_cmpfloat_with_epsilon (state.stability, W[i], ROUNDED);
      assert_state_sane (state);
    }

  /* D0(G) = w[4] - e^(w[5] (G - 1)) + 1, clamped to [1, 10]:
   * Again 6.4133, Hard 5.11217071, Good 2.11810397, Easy -4.77 → 1. */
  g_assert_cmpfloat_with_epsilon (viva_fsrs_init_state (W, VIVA_REVIEW_GRADE_AGAIN).difficulty,
                                  6.4133, ROUNDED);
  g_assert_cmpfloat_with_epsilon (viva_fsrs_init_state (W, VIVA_REVIEW_GRADE_HARD).difficulty,
                                  5.11217071, ROUNDED);
  g_assert_cmpfloat_with_epsilon (viva_fsrs_init_state (W, VIVA_REVIEW_GRADE_GOOD).difficulty,
                                  2.11810397, ROUNDED);
  g_assert_cmpfloat (viva_fsrs_init_state (W, VIVA_REVIEW_GRADE_EASY).difficulty, ==, 1.0);

  /* No state is a first review. */
  g_assert_cmpfloat (viva_fsrs_next_state (W, NULL, 0.0, VIVA_REVIEW_GRADE_GOOD).stability,
                     ==, viva_fsrs_init_state (W, VIVA_REVIEW_GRADE_GOOD).stability);
  g_assert_cmpfloat (viva_fsrs_next_state (NULL, NULL, 5.0, VIVA_REVIEW_GRADE_HARD).difficulty,
                     ==, viva_fsrs_init_state (W, VIVA_REVIEW_GRADE_HARD).difficulty);
}

static void
test_retrievability (void)
{
  static const double stabilities[] = { 0.001, 0.5, 1.0, 2.3065, 10.0, 365.25, 36500.0 };

  /* The curve is 90% at t = S, whatever S, and 100% right after. */
  for (guint i = 0; i < G_N_ELEMENTS (stabilities); i++)
    {
      double s = stabilities[i];

      g_assert_cmpfloat_with_epsilon (viva_fsrs_retrievability (W, s, s), 0.9, ROUNDED);
      g_assert_cmpfloat (viva_fsrs_retrievability (W, 0.0, s), ==, 1.0);
      g_assert_cmpfloat (viva_fsrs_retrievability (W, s / 2, s), >, 0.9);
      g_assert_cmpfloat (viva_fsrs_retrievability (W, s * 2, s), <, 0.9);
    }

  /* factor = 0.9^(-1 / 0.1542) - 1 = 0.98034649;
   * R(20, 10) = (1 + 0.98034649 × 2)^-0.1542 = 0.84588465. */
  g_assert_cmpfloat_with_epsilon (viva_fsrs_retrievability (W, 20.0, 10.0),
                                  0.84588465, ROUNDED);

  /* With FSRS-5's decay of 0.5 the curve is (1 + 19/81 × t / S)^-0.5:
   * R(2S, S) = 9 / √119 = 0.82502865. */
  {
    double w5[VIVA_FSRS_N_PARAMS];

    memcpy (w5, W, sizeof w5);
    w5[20] = 0.5;
    g_assert_cmpfloat_with_epsilon (viva_fsrs_retrievability (w5, 20.0, 10.0),
                                    0.82502865, 2 * ROUNDED);
    g_assert_cmpfloat_with_epsilon (viva_fsrs_retrievability (w5, 10.0, 10.0),
                                    0.9, ROUNDED);
  }
}

static void
test_recall_and_lapse (void)
{
  /* S = 10, D = 5, reviewed on day 10, when R = 0.9. */
  VivaFsrsState state = { 10.0, 5.0 };
  VivaFsrsState again = viva_fsrs_next_state (W, &state, 10.0, VIVA_REVIEW_GRADE_AGAIN);
  VivaFsrsState hard = viva_fsrs_next_state (W, &state, 10.0, VIVA_REVIEW_GRADE_HARD);
  VivaFsrsState good = viva_fsrs_next_state (W, &state, 10.0, VIVA_REVIEW_GRADE_GOOD);
  VivaFsrsState easy = viva_fsrs_next_state (W, &state, 10.0, VIVA_REVIEW_GRADE_EASY);

  /* S' = S (1 + e^w8 (11 - D) S^-w9 (e^(w10 (1 - R)) - 1) × w15 if Hard
   * × w16 if Easy). */
  g_assert_cmpfloat_with_epsilon (hard.stability, 23.24687511, ROUNDED);
  g_assert_cmpfloat_with_epsilon (good.stability, 32.02672948, ROUNDED);
  g_assert_cmpfloat_with_epsilon (easy.stability, 51.25386165, ROUNDED);

  /* A lapse: min (w11 D^-w12 ((S + 1)^w13 - 1) e^(w14 (1 - R)),
   * S / e^(w17 w18)) = min (1.39198697, 9.51727999). */
  g_assert_cmpfloat_with_epsilon (again.stability, 1.39198697, ROUNDED);

  g_assert_cmpfloat (again.stability, <, state.stability);
  g_assert_cmpfloat (hard.stability, >, state.stability);
  g_assert_cmpfloat (good.stability, >, hard.stability);
  g_assert_cmpfloat (easy.stability - state.stability, >, good.stability - state.stability);

  /* D' = w7 D0(4) + (1 - w7)(D - w6 (G - 3)(10 - D) / 9), D0(4) = -4.77
   * unclamped. */
  g_assert_cmpfloat_with_epsilon (again.difficulty, 8.34176237, ROUNDED);
  g_assert_cmpfloat_with_epsilon (hard.difficulty, 6.66599537, ROUNDED);
  g_assert_cmpfloat_with_epsilon (good.difficulty, 4.99022837, ROUNDED);
  g_assert_cmpfloat_with_epsilon (easy.difficulty, 3.31446137, ROUNDED);
}

static void
test_lapse_ceiling (void)
{
  /* A lapse never leaves more than the same day's Again would: at
   * S = 0.1, D = 1, after 1000 days (R = 0.24), the lapse formula gives
   * 0.13122001 but the ceiling S / e^(w17 w18) is 0.09517280. */
  VivaFsrsState state = { 0.1, 1.0 };

  g_assert_cmpfloat_with_epsilon (viva_fsrs_next_state (W, &state, 1000.0, VIVA_REVIEW_GRADE_AGAIN).stability,
                                  0.09517280, ROUNDED);
}

static void
test_rounding_half_up (void)
{
  /* ts-fsrs rounds to 8 decimals with JavaScript's Math.round, halves
   * towards +∞: with w6 chosen so that Easy's damped ΔD at D = 1.01 is
   * exactly -2.5e-8, it becomes -2e-8 (C's round () would give -3e-8),
   * and D' = round8 (0.001 × -4.77163070 + 0.999 × 1.00999998)
   * = 1.00421835 (1.00421834 the other way). */
  double w[VIVA_FSRS_N_PARAMS];
  VivaFsrsState state = { 10.0, 1.01 };

  memcpy (w, W, sizeof w);
  w[6] = 2.5027808676307007e-08;
  g_assert_cmpfloat_with_epsilon (viva_fsrs_next_state (w, &state, 5.0, VIVA_REVIEW_GRADE_EASY).difficulty,
                                  1.00421835, ROUNDED / 10);
}

static void
test_later_review_grows_more (void)
{
  /* The longer a question was remembered, the more a recall proves. */
  VivaFsrsState state = { 10.0, 5.0 };
  VivaFsrsState early = viva_fsrs_next_state (W, &state, 3.0, VIVA_REVIEW_GRADE_GOOD);
  VivaFsrsState late = viva_fsrs_next_state (W, &state, 30.0, VIVA_REVIEW_GRADE_GOOD);

  g_assert_cmpfloat (late.stability, >, early.stability);
  g_assert_cmpfloat (early.stability, >, state.stability);
}

static void
test_same_day (void)
{
  /* The same day, FSRS-6's short-term stability: S' = S × SInc with
   * SInc = S^-w19 e^(w17 (G - 3 + w18)), at least 1 unless Again. At
   * S = 1: Again 0.35504029, Hard 0.61 → 1, Good 1.05072037, Easy
   * 1.80755662. */
  VivaFsrsState state = { 1.0, 5.0 };

  g_assert_cmpfloat_with_epsilon (viva_fsrs_next_state (W, &state, 0.0, VIVA_REVIEW_GRADE_AGAIN).stability,
                                  0.35504029, ROUNDED);
  g_assert_cmpfloat_with_epsilon (viva_fsrs_next_state (W, &state, 0.0, VIVA_REVIEW_GRADE_HARD).stability,
                                  1.0, ROUNDED);
  g_assert_cmpfloat_with_epsilon (viva_fsrs_next_state (W, &state, 0.0, VIVA_REVIEW_GRADE_GOOD).stability,
                                  1.05072037, ROUNDED);
  g_assert_cmpfloat_with_epsilon (viva_fsrs_next_state (W, &state, 0.0, VIVA_REVIEW_GRADE_EASY).stability,
                                  1.80755662, ROUNDED);

  /* At S = 10, SInc = 10^-0.0658 × 0.30512489 for Again: 3.05124894;
   * Good's 0.90 is raised to 1: the same day never lowers a pass. */
  state.stability = 10.0;
  g_assert_cmpfloat_with_epsilon (viva_fsrs_next_state (W, &state, 0.0, VIVA_REVIEW_GRADE_AGAIN).stability,
                                  3.05124894, ROUNDED);
  g_assert_cmpfloat_with_epsilon (viva_fsrs_next_state (W, &state, 0.0, VIVA_REVIEW_GRADE_GOOD).stability,
                                  10.0, ROUNDED);

  /* The difficulty moves the same way on the same day. */
  g_assert_cmpfloat_with_epsilon (viva_fsrs_next_state (W, &state, 0.0, VIVA_REVIEW_GRADE_AGAIN).difficulty,
                                  8.34176237, ROUNDED);
}

static void
test_difficulty_bounds (void)
{
  VivaFsrsState hardest = viva_fsrs_init_state (W, VIVA_REVIEW_GRADE_AGAIN);
  VivaFsrsState easiest = viva_fsrs_init_state (W, VIVA_REVIEW_GRADE_EASY);
  double previous = hardest.difficulty;

  for (guint i = 0; i < 200; i++)
    {
      hardest = viva_fsrs_next_state (W, &hardest, i % 3, VIVA_REVIEW_GRADE_AGAIN);
      easiest = viva_fsrs_next_state (W, &easiest, 1 + i, VIVA_REVIEW_GRADE_EASY);
      assert_state_sane (hardest);
      assert_state_sane (easiest);
      /* Again only ever makes a question harder, up to 10. */
      g_assert_cmpfloat (hardest.difficulty, >=, previous);
      previous = hardest.difficulty;
    }
  g_assert_cmpfloat (hardest.difficulty, >, 9.9);
  g_assert_cmpfloat (easiest.difficulty, <, 1.1);
}

static void
test_interval (void)
{
  /* At 90%, the interval is the stability: the curve's own definition. */
  g_assert_cmpuint (viva_fsrs_next_interval (W, 100.0, 0.9, 36500), ==, 100);
  g_assert_cmpuint (viva_fsrs_next_interval (W, 12.4, 0.9, 36500), ==, 12);
  /* Halves round up, as JavaScript's Math.round and ts-fsrs do. */
  g_assert_cmpuint (viva_fsrs_next_interval (W, 12.5, 0.9, 36500), ==, 13);

  /* I = S (r^(1 / decay) - 1) / factor: at S = 100, 80% waits
   * 331.6 days, 95% 40.26 days. */
  g_assert_cmpuint (viva_fsrs_next_interval (W, 100.0, 0.8, 36500), ==, 332);
  g_assert_cmpuint (viva_fsrs_next_interval (W, 100.0, 0.95, 36500), ==, 40);

  /* A higher desired retention never asks later. */
  for (double s = 0.5; s < 5000.0; s *= 1.7)
    for (double r = 0.70; r < 0.985; r += 0.01)
      g_assert_cmpuint (viva_fsrs_next_interval (W, s, r + 0.01, 36500), <=,
                        viva_fsrs_next_interval (W, s, r, 36500));
  g_assert_cmpuint (viva_fsrs_next_interval (W, 50.0, 0.97, 36500), <,
                    viva_fsrs_next_interval (W, 50.0, 0.85, 36500));

  /* At least a day, at most the maximum. */
  g_assert_cmpuint (viva_fsrs_next_interval (W, 0.01, 0.9, 36500), ==, 1);
  g_assert_cmpuint (viva_fsrs_next_interval (W, 36500.0, 0.9, 100), ==, 100);
  g_assert_cmpuint (viva_fsrs_next_interval (W, 36500.0, 0.7, 36500), ==, 36500);
}

static void
test_damaged_input (void)
{
  static const double bad_numbers[] = { NAN, -NAN, INFINITY, -INFINITY, -1.0, -1e300, 0.0, 1e300, -0.0 };
  VivaFsrsState good = { 10.0, 5.0 };
  double nan_w[VIVA_FSRS_N_PARAMS];

  for (guint i = 0; i < G_N_ELEMENTS (nan_w); i++)
    nan_w[i] = NAN;

  for (guint i = 0; i < G_N_ELEMENTS (bad_numbers); i++)
    {
      double bad = bad_numbers[i];
      double r;

      /* Bad days and bad stabilities. */
      r = viva_fsrs_retrievability (W, bad, 10.0);
      g_assert_true (r >= 0.0 && r <= 1.0);
      r = viva_fsrs_retrievability (W, 10.0, bad);
      g_assert_true (r >= 0.0 && r <= 1.0);
      r = viva_fsrs_retrievability (W, bad, bad);
      g_assert_true (r >= 0.0 && r <= 1.0);
      r = viva_fsrs_retrievability (nan_w, 10.0, 10.0);
      g_assert_true (r >= 0.0 && r <= 1.0);

      for (guint j = 0; j < G_N_ELEMENTS (grades); j++)
        {
          VivaFsrsState bad_s = { bad, 5.0 };
          VivaFsrsState bad_d = { 10.0, bad };
          VivaFsrsState bad_both = { bad, bad };

          assert_state_sane (viva_fsrs_next_state (W, &good, bad, grades[j]));
          assert_state_sane (viva_fsrs_next_state (W, &bad_s, 3.0, grades[j]));
          assert_state_sane (viva_fsrs_next_state (W, &bad_d, 3.0, grades[j]));
          assert_state_sane (viva_fsrs_next_state (W, &bad_both, bad, grades[j]));
          assert_state_sane (viva_fsrs_next_state (W, &bad_s, 0.0, grades[j]));
          assert_state_sane (viva_fsrs_next_state (nan_w, &good, 3.0, grades[j]));
          assert_state_sane (viva_fsrs_next_state (nan_w, &good, 0.0, grades[j]));
          assert_state_sane (viva_fsrs_next_state (nan_w, NULL, 3.0, grades[j]));
          assert_state_sane (viva_fsrs_init_state (nan_w, grades[j]));
        }

      /* Bad stabilities and retentions still give a day or more. */
      g_assert_cmpuint (viva_fsrs_next_interval (W, bad, 0.9, 36500), >=, 1);
      g_assert_cmpuint (viva_fsrs_next_interval (W, bad, 0.9, 36500), <=, 36500);
      g_assert_cmpuint (viva_fsrs_next_interval (W, 10.0, bad, 36500), >=, 1);
      g_assert_cmpuint (viva_fsrs_next_interval (W, 10.0, bad, 36500), <=, 36500);
      g_assert_cmpuint (viva_fsrs_next_interval (nan_w, bad, bad, 36500), >=, 1);
      g_assert_cmpuint (viva_fsrs_next_interval (nan_w, bad, bad, 36500), <=, 36500);
    }

  /* A negative time is a clock set back: the same day. */
  g_assert_cmpfloat (viva_fsrs_next_state (W, &good, -3.0, VIVA_REVIEW_GRADE_AGAIN).stability, ==,
                     viva_fsrs_next_state (W, &good, 0.0, VIVA_REVIEW_GRADE_AGAIN).stability);
  /* S = 0 is read as the least stability, not a division by zero. */
  {
    VivaFsrsState zero = { 0.0, 5.0 };
    VivaFsrsState least = { VIVA_FSRS_STABILITY_MIN, 5.0 };

    g_assert_cmpfloat (viva_fsrs_next_state (W, &zero, 2.0, VIVA_REVIEW_GRADE_GOOD).stability, ==,
                       viva_fsrs_next_state (W, &least, 2.0, VIVA_REVIEW_GRADE_GOOD).stability);
    g_assert_cmpfloat (viva_fsrs_retrievability (W, 0.0, 0.0), ==, 1.0);
  }
  /* A retention outside (0, 1] is read as 90%; a maximum of 0 as 1. */
  g_assert_cmpuint (viva_fsrs_next_interval (W, 100.0, 0.0, 36500), ==, 100);
  g_assert_cmpuint (viva_fsrs_next_interval (W, 100.0, 1.5, 36500), ==, 100);
  g_assert_cmpuint (viva_fsrs_next_interval (W, 100.0, 0.9, 0), ==, 1);
  /* A grade out of range is the nearest one. */
  g_assert_cmpfloat (viva_fsrs_init_state (W, (VivaReviewGrade) 0).stability, ==, W[0]);
  g_assert_cmpfloat (viva_fsrs_init_state (W, (VivaReviewGrade) 9).stability, ==, W[3]);
  assert_state_sane (viva_fsrs_next_state (W, &good, 4.0, (VivaReviewGrade) -7));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fsrs/defaults", test_defaults);
  g_test_add_func ("/fsrs/init-state", test_init_state);
  g_test_add_func ("/fsrs/retrievability", test_retrievability);
  g_test_add_func ("/fsrs/recall-and-lapse", test_recall_and_lapse);
  g_test_add_func ("/fsrs/lapse-ceiling", test_lapse_ceiling);
  g_test_add_func ("/fsrs/rounding-half-up", test_rounding_half_up);
  g_test_add_func ("/fsrs/later-review-grows-more", test_later_review_grows_more);
  g_test_add_func ("/fsrs/same-day", test_same_day);
  g_test_add_func ("/fsrs/difficulty-bounds", test_difficulty_bounds);
  g_test_add_func ("/fsrs/interval", test_interval);
  g_test_add_func ("/fsrs/damaged-input", test_damaged_input);

  return g_test_run ();
}
