/* test-scheduler.c
 *
 * Review's schedule, exactly: the interval each grade gives a new
 * question, a mature one, a forgotten one, early and late; the ease
 * floor and ceiling; and which day "today" is at the day's edges and
 * across daylight saving changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "viva-fsrs.h"
#include "viva-scheduler.h"

#define DAY    G_TIME_SPAN_DAY
#define HOUR   G_TIME_SPAN_HOUR
#define MINUTE G_TIME_SPAN_MINUTE

/* 2026-03-02T10:00:00Z, a Monday. */
#define T0 ((gint64) 1772445600 * G_USEC_PER_SEC)

static gint64
utc (const char *iso)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (dt);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

static VivaReviewState
new_state (void)
{
  VivaReviewState state;

  viva_review_state_init (&state);

  return state;
}

/* A question passed five times, last reviewed ten days before T0 with an
 * interval of ten days: due at T0. */
static VivaReviewState
mature_state (guint ease)
{
  return (VivaReviewState) {
    .due = T0,
    .last_review = T0 - 10 * DAY,
    .repetitions = 5,
    .lapses = 0,
    .ease = ease,
    .interval = 10,
  };
}

/* Set up in main (). */
static GTimeZone *utc_tz;

/* SM-2, as Review scheduled before FSRS: its rules are unchanged. */
static const VivaSchedulerConfig *
sm2_config (void)
{
  static VivaSchedulerConfig config;

  viva_scheduler_config_init (&config);
  config.algorithm = VIVA_SCHEDULER_ALGORITHM_SM2;
  config.tz = utc_tz;

  return &config;
}

static VivaReviewState
review (const VivaReviewState *state,
        VivaReviewGrade        grade,
        gint64                 now)
{
  VivaReviewState out;

  viva_scheduler_review (sm2_config (), state, grade, now, &out);
  g_assert_true (viva_review_state_is_valid (&out));
  g_assert_cmpint (out.last_review, ==, now);
  g_assert_cmpint (viva_scheduler_preview_interval (sm2_config (), state, grade, now), ==, out.due - now);

  return out;
}

static void
assert_state (const VivaReviewState *state,
              guint                  interval,
              gint64                 due,
              guint                  repetitions,
              guint                  lapses,
              guint                  ease)
{
  g_assert_cmpuint (state->interval, ==, interval);
  g_assert_cmpint (state->due, ==, due);
  g_assert_cmpuint (state->repetitions, ==, repetitions);
  g_assert_cmpuint (state->lapses, ==, lapses);
  g_assert_cmpuint (state->ease, ==, ease);
}

static void
test_new_question (void)
{
  VivaReviewState state = new_state ();
  VivaReviewState out;
  VivaReviewDay day;

  g_assert_true (viva_review_state_is_new (&state));
  g_assert_false (viva_review_state_is_learning (&state));
  g_assert_true (viva_review_state_is_valid (&state));

  /* New is not due, whenever today is. */
  viva_review_day_init (&day, T0, NULL, VIVA_REVIEW_DAY_START_HOUR);
  g_assert_false (viva_review_state_is_due (&state, &day));

  out = review (&state, VIVA_REVIEW_GRADE_AGAIN, T0);
  assert_state (&out, 0, T0 + 10 * MINUTE, 0, 0, 2300);
  g_assert_true (viva_review_state_is_learning (&out));
  g_assert_false (viva_review_state_is_new (&out));

  out = review (&state, VIVA_REVIEW_GRADE_HARD, T0);
  assert_state (&out, 1, T0 + DAY, 1, 0, 2350);
  g_assert_false (viva_review_state_is_learning (&out));

  out = review (&state, VIVA_REVIEW_GRADE_GOOD, T0);
  assert_state (&out, 1, T0 + DAY, 1, 0, 2500);

  out = review (&state, VIVA_REVIEW_GRADE_EASY, T0);
  assert_state (&out, 4, T0 + 4 * DAY, 1, 0, 2650);
}

static void
test_mature_question (void)
{
  VivaReviewState state = mature_state (2500);
  VivaReviewState out;

  /* Hard 10 × 1.2, Good 10 × 2.5, Easy 10 × 2.5 × 1.3 = 32.5, rounded. */
  out = review (&state, VIVA_REVIEW_GRADE_HARD, T0);
  assert_state (&out, 12, T0 + 12 * DAY, 6, 0, 2350);

  out = review (&state, VIVA_REVIEW_GRADE_GOOD, T0);
  assert_state (&out, 25, T0 + 25 * DAY, 6, 0, 2500);

  out = review (&state, VIVA_REVIEW_GRADE_EASY, T0);
  assert_state (&out, 33, T0 + 33 * DAY, 6, 0, 2650);

  /* Forgotten: a lapse, back to learning, and a lower ease. */
  out = review (&state, VIVA_REVIEW_GRADE_AGAIN, T0);
  assert_state (&out, 0, T0 + 10 * MINUTE, 0, 1, 2300);
  g_assert_true (viva_review_state_is_learning (&out));

  /* Relearnt: one day, and it grows from there with the lower ease. */
  out = review (&out, VIVA_REVIEW_GRADE_GOOD, T0 + 10 * MINUTE);
  assert_state (&out, 1, T0 + 10 * MINUTE + DAY, 1, 1, 2300);

  /* Answered Again while relearning: not another lapse. */
  out = review (&state, VIVA_REVIEW_GRADE_AGAIN, T0);
  out = review (&out, VIVA_REVIEW_GRADE_AGAIN, T0 + 10 * MINUTE);
  assert_state (&out, 0, T0 + 20 * MINUTE, 0, 1, 2100);
}

/* Good every time, each on the day it is due. */
static void
test_good_sequence (void)
{
  static const guint expected[] = { 1, 3, 8, 20, 50, 125, 313 };
  VivaReviewState state = new_state ();
  gint64 now = T0;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      state = review (&state, VIVA_REVIEW_GRADE_GOOD, now);
      g_assert_cmpuint (state.interval, ==, expected[i]);
      g_assert_cmpuint (state.repetitions, ==, i + 1);
      g_assert_cmpuint (state.ease, ==, VIVA_REVIEW_EASE_INITIAL);
      now = state.due;
    }
}

/* Small intervals still keep Hard < Good < Easy, each later than the
 * last interval. */
static void
test_grades_ordered (void)
{
  for (guint interval = 1; interval <= 400; interval++)
    {
      for (guint ease = VIVA_REVIEW_EASE_MIN; ease <= VIVA_REVIEW_EASE_MAX; ease += 100)
        {
          VivaReviewState state = {
            .due = T0,
            .last_review = T0 - (gint64) interval * DAY,
            .repetitions = 3,
            .ease = ease,
            .interval = interval,
          };
          gint64 hard = viva_scheduler_preview_interval (sm2_config (), &state, VIVA_REVIEW_GRADE_HARD, T0);
          gint64 good = viva_scheduler_preview_interval (sm2_config (), &state, VIVA_REVIEW_GRADE_GOOD, T0);
          gint64 easy = viva_scheduler_preview_interval (sm2_config (), &state, VIVA_REVIEW_GRADE_EASY, T0);
          gint64 again = viva_scheduler_preview_interval (sm2_config (), &state, VIVA_REVIEW_GRADE_AGAIN, T0);

          g_assert_cmpint (again, ==, 10 * MINUTE);
          g_assert_cmpint (hard, >, (gint64) interval * DAY);
          g_assert_cmpint (good, >, hard);
          g_assert_cmpint (easy, >, good);
        }
    }
}

static void
test_ease_limits (void)
{
  VivaReviewState state = mature_state (VIVA_REVIEW_EASE_MIN);
  VivaReviewState out;

  /* At the floor the ease stays, and intervals still grow: Good is
   * 10 × 1.3, Easy 10 × 1.3 × 1.3 = 16.9. */
  out = review (&state, VIVA_REVIEW_GRADE_HARD, T0);
  assert_state (&out, 12, T0 + 12 * DAY, 6, 0, VIVA_REVIEW_EASE_MIN);
  out = review (&state, VIVA_REVIEW_GRADE_GOOD, T0);
  assert_state (&out, 13, T0 + 13 * DAY, 6, 0, VIVA_REVIEW_EASE_MIN);
  out = review (&state, VIVA_REVIEW_GRADE_EASY, T0);
  assert_state (&out, 17, T0 + 17 * DAY, 6, 0, VIVA_REVIEW_EASE_MIN + 150);
  out = review (&state, VIVA_REVIEW_GRADE_AGAIN, T0);
  assert_state (&out, 0, T0 + 10 * MINUTE, 0, 1, VIVA_REVIEW_EASE_MIN);

  /* Just above the floor, a lapse stops at it. */
  state = mature_state (1400);
  out = review (&state, VIVA_REVIEW_GRADE_AGAIN, T0);
  g_assert_cmpuint (out.ease, ==, VIVA_REVIEW_EASE_MIN);

  /* Failing a new question over and over reaches the floor too. */
  out = new_state ();
  for (guint i = 0; i < 20; i++)
    out = review (&out, VIVA_REVIEW_GRADE_AGAIN, T0 + i * 10 * MINUTE);
  assert_state (&out, 0, T0 + 200 * MINUTE, 0, 0, VIVA_REVIEW_EASE_MIN);

  /* And the ceiling. */
  state = mature_state (4900);
  out = review (&state, VIVA_REVIEW_GRADE_EASY, T0);
  g_assert_cmpuint (out.ease, ==, VIVA_REVIEW_EASE_MAX);
  out = review (&out, VIVA_REVIEW_GRADE_EASY, out.due);
  g_assert_cmpuint (out.ease, ==, VIVA_REVIEW_EASE_MAX);
}

static void
test_interval_limit (void)
{
  VivaReviewState state = {
    .due = T0,
    .last_review = T0 - 30000 * DAY,
    .repetitions = 9,
    .ease = 2500,
    .interval = 30000,
  };
  VivaReviewState out;

  out = review (&state, VIVA_REVIEW_GRADE_GOOD, T0);
  assert_state (&out, VIVA_REVIEW_INTERVAL_MAX, T0 + VIVA_REVIEW_INTERVAL_MAX * DAY, 10, 0, 2500);
  out = review (&out, VIVA_REVIEW_GRADE_EASY, out.due);
  g_assert_cmpuint (out.interval, ==, VIVA_REVIEW_INTERVAL_MAX);

  /* Counters stop rather than wrap. */
  state.repetitions = VIVA_REVIEW_COUNT_MAX;
  state.lapses = VIVA_REVIEW_COUNT_MAX;
  out = review (&state, VIVA_REVIEW_GRADE_GOOD, T0);
  g_assert_cmpuint (out.repetitions, ==, VIVA_REVIEW_COUNT_MAX);
  out = review (&state, VIVA_REVIEW_GRADE_AGAIN, T0);
  g_assert_cmpuint (out.lapses, ==, VIVA_REVIEW_COUNT_MAX);
}

/* A question answered before it is due, as mock interviews do. */
static void
test_early (void)
{
  VivaReviewState state = {
    .due = T0 + 18 * DAY,
    .last_review = T0 - 2 * DAY,
    .repetitions = 3,
    .ease = 2500,
    .interval = 20,
  };
  VivaReviewState out;

  /* Two days after the last review: growing from 2 days gives less than
   * the 20 it has, so it keeps 20, counted from now. */
  out = review (&state, VIVA_REVIEW_GRADE_HARD, T0);
  assert_state (&out, 20, T0 + 20 * DAY, 4, 0, 2350);
  out = review (&state, VIVA_REVIEW_GRADE_GOOD, T0);
  assert_state (&out, 20, T0 + 20 * DAY, 4, 0, 2500);
  out = review (&state, VIVA_REVIEW_GRADE_EASY, T0);
  assert_state (&out, 20, T0 + 20 * DAY, 4, 0, 2650);

  /* Fifteen days after: Good grows from 15 (37.5 days), not from 20. */
  state.last_review = T0 - 15 * DAY;
  state.due = T0 + 5 * DAY;
  out = review (&state, VIVA_REVIEW_GRADE_HARD, T0);
  assert_state (&out, 20, T0 + 20 * DAY, 4, 0, 2350);
  out = review (&state, VIVA_REVIEW_GRADE_GOOD, T0);
  assert_state (&out, 38, T0 + 38 * DAY, 4, 0, 2500);
  out = review (&state, VIVA_REVIEW_GRADE_EASY, T0);
  assert_state (&out, 49, T0 + 49 * DAY, 4, 0, 2650);

  /* Good twice in an afternoon: the second keeps the first's one day,
   * from now, instead of growing it to three. */
  out = new_state ();
  out = review (&out, VIVA_REVIEW_GRADE_GOOD, T0);
  out = review (&out, VIVA_REVIEW_GRADE_GOOD, T0 + 3 * HOUR);
  assert_state (&out, 1, T0 + 3 * HOUR + DAY, 2, 0, 2500);

  /* The same within a day of a long interval. */
  state.last_review = T0 - 23 * HOUR;
  state.due = T0 + 20 * DAY - 23 * HOUR;
  out = review (&state, VIVA_REVIEW_GRADE_EASY, T0);
  assert_state (&out, 20, T0 + 20 * DAY, 4, 0, 2650);

  /* Forgetting early is forgetting. */
  out = review (&state, VIVA_REVIEW_GRADE_AGAIN, T0);
  assert_state (&out, 0, T0 + 10 * MINUTE, 0, 1, 2300);

  /* A clock set back does not make time negative. */
  state.last_review = T0 + HOUR;
  state.due = T0 + 20 * DAY;
  out = review (&state, VIVA_REVIEW_GRADE_GOOD, T0);
  assert_state (&out, 20, T0 + 20 * DAY, 4, 0, 2500);
}

/* A question answered long after it was due grows from its interval,
 * not from the months that passed. */
static void
test_late (void)
{
  VivaReviewState state = mature_state (2500);
  VivaReviewState out;

  out = review (&state, VIVA_REVIEW_GRADE_GOOD, T0 + 40 * DAY);
  assert_state (&out, 25, T0 + 65 * DAY, 6, 0, 2500);
}

static void
test_in_place (void)
{
  VivaReviewState state = mature_state (2500);

  viva_scheduler_review (sm2_config (), &state, VIVA_REVIEW_GRADE_GOOD, T0, &state);
  assert_state (&state, 25, T0 + 25 * DAY, 6, 0, 2500);
}

static void
test_valid (void)
{
  VivaReviewState state = mature_state (2500);

  g_assert_true (viva_review_state_is_valid (&state));

  state = mature_state (1299);
  g_assert_false (viva_review_state_is_valid (&state));
  state = mature_state (5001);
  g_assert_false (viva_review_state_is_valid (&state));
  state = mature_state (2500);
  state.interval = 0;
  g_assert_false (viva_review_state_is_valid (&state));
  state = mature_state (2500);
  state.repetitions = 0;
  g_assert_false (viva_review_state_is_valid (&state));
  state = mature_state (2500);
  state.due = state.last_review - 1;
  g_assert_false (viva_review_state_is_valid (&state));
  state = mature_state (2500);
  state.interval = VIVA_REVIEW_INTERVAL_MAX + 1;
  g_assert_false (viva_review_state_is_valid (&state));
  state = new_state ();
  state.due = T0;
  g_assert_false (viva_review_state_is_valid (&state));
}


/* FSRS */

/* FSRS without fuzz, days counted in UTC from midnight, as ts-fsrs
 * counts them: the values below are ts-fsrs 5.4.2's for the same
 * grades (fsrs ({ enable_fuzz: false, enable_short_term: true })). */
static VivaSchedulerConfig
fsrs_config (void)
{
  VivaSchedulerConfig config;

  viva_scheduler_config_init (&config);
  config.fuzz = FALSE;
  config.tz = utc_tz;
  config.day_start_hour = 0;

  return config;
}

static VivaReviewState
fsrs_review (const VivaSchedulerConfig *config,
             const VivaReviewState     *state,
             VivaReviewGrade            grade,
             gint64                     now)
{
  VivaReviewState out;

  viva_scheduler_review (config, state, grade, now, &out);
  g_assert_true (viva_review_state_is_valid (&out));
  g_assert_cmpint (out.last_review, ==, now);
  g_assert_cmpint (viva_scheduler_preview_interval (config, state, grade, now), ==, out.due - now);

  return out;
}

static void
assert_memory (const VivaReviewState *state,
               double                 stability,
               double                 difficulty)
{
  g_assert_cmpfloat_with_epsilon (state->stability, stability, 1e-8);
  g_assert_cmpfloat_with_epsilon (state->difficulty, difficulty, 1e-8);
}

static void
test_fsrs_config (void)
{
  VivaSchedulerConfig config;
  VivaSchedulerAlgorithm algorithm;

  viva_scheduler_config_init (&config);
  g_assert_cmpint (config.algorithm, ==, VIVA_SCHEDULER_ALGORITHM_FSRS);
  g_assert_cmpmem (config.w, sizeof config.w, viva_fsrs_default_parameters, sizeof config.w);
  g_assert_cmpfloat (config.desired_retention, ==, 0.90);
  g_assert_cmpuint (config.maximum_interval, ==, VIVA_REVIEW_INTERVAL_MAX);
  g_assert_true (config.fuzz);
  g_assert_null (config.tz);
  g_assert_cmpuint (config.day_start_hour, ==, VIVA_REVIEW_DAY_START_HOUR);
  g_assert_null (config.due_count);

  /* The words of the review-scheduler setting. */
  g_assert_cmpstr (viva_scheduler_algorithm_to_string (VIVA_SCHEDULER_ALGORITHM_FSRS), ==, "fsrs");
  g_assert_cmpstr (viva_scheduler_algorithm_to_string (VIVA_SCHEDULER_ALGORITHM_SM2), ==, "sm2");
  g_assert_true (viva_scheduler_algorithm_from_string ("sm2", &algorithm));
  g_assert_cmpint (algorithm, ==, VIVA_SCHEDULER_ALGORITHM_SM2);
  g_assert_false (viva_scheduler_algorithm_from_string ("SM-2", &algorithm));
}

/* A new question's four grades: learning steps of 1 and 10 minutes;
 * Easy goes straight to review. */
static void
test_fsrs_new (void)
{
  VivaSchedulerConfig config = fsrs_config ();
  VivaReviewState state = new_state ();
  VivaReviewState out;

  out = fsrs_review (&config, &state, VIVA_REVIEW_GRADE_AGAIN, T0);
  g_assert_cmpint (out.due, ==, T0 + MINUTE);
  g_assert_cmpuint (out.interval, ==, 0);
  g_assert_cmpuint (out.step, ==, 0);
  g_assert_true (viva_review_state_is_learning (&out));
  assert_memory (&out, 0.212, 6.4133);

  out = fsrs_review (&config, &state, VIVA_REVIEW_GRADE_HARD, T0);
  g_assert_cmpint (out.due, ==, T0 + 6 * MINUTE);
  g_assert_cmpuint (out.step, ==, 0);
  g_assert_true (viva_review_state_is_learning (&out));
  assert_memory (&out, 1.2931, 5.11217071);

  out = fsrs_review (&config, &state, VIVA_REVIEW_GRADE_GOOD, T0);
  g_assert_cmpint (out.due, ==, T0 + 10 * MINUTE);
  g_assert_cmpuint (out.step, ==, 1);
  g_assert_cmpuint (out.repetitions, ==, 0);
  g_assert_true (viva_review_state_is_learning (&out));
  assert_memory (&out, 2.3065, 2.11810397);

  out = fsrs_review (&config, &state, VIVA_REVIEW_GRADE_EASY, T0);
  g_assert_cmpint (out.due, ==, T0 + 8 * DAY);
  g_assert_cmpuint (out.interval, ==, 8);
  g_assert_cmpuint (out.repetitions, ==, 1);
  g_assert_cmpuint (out.step, ==, 0);
  g_assert_false (viva_review_state_is_learning (&out));
  g_assert_cmpuint (out.reviews, ==, 1);
  assert_memory (&out, 8.2956, 1.0);
}

/* Learning, review, a lapse and relearning, as ts-fsrs goes through
 * them. */
static void
test_fsrs_steps (void)
{
  VivaSchedulerConfig config = fsrs_config ();
  VivaReviewState learning, review_state, out;
  gint64 now = T0 + 10 * MINUTE;

  learning = fsrs_review (&config, &(VivaReviewState) { .ease = VIVA_REVIEW_EASE_INITIAL },
                          VIVA_REVIEW_GRADE_GOOD, T0);

  /* At the second step: Again back to the first, Hard stays, Good and
   * Easy enter review. */
  out = fsrs_review (&config, &learning, VIVA_REVIEW_GRADE_AGAIN, now);
  g_assert_cmpint (out.due, ==, now + MINUTE);
  g_assert_cmpuint (out.step, ==, 0);
  assert_memory (&out, 0.77508398, 7.39450274);
  out = fsrs_review (&config, &learning, VIVA_REVIEW_GRADE_HARD, now);
  g_assert_cmpint (out.due, ==, now + 6 * MINUTE);
  g_assert_cmpuint (out.step, ==, 1);
  out = fsrs_review (&config, &learning, VIVA_REVIEW_GRADE_EASY, now);
  g_assert_cmpint (out.due, ==, now + 4 * DAY);
  assert_memory (&out, 3.94605407, 1.0);
  review_state = fsrs_review (&config, &learning, VIVA_REVIEW_GRADE_GOOD, now);
  g_assert_cmpint (review_state.due, ==, now + 2 * DAY);
  g_assert_cmpuint (review_state.interval, ==, 2);
  g_assert_cmpuint (review_state.repetitions, ==, 1);
  g_assert_cmpuint (review_state.reviews, ==, 2);
  assert_memory (&review_state, 2.3065, 2.11121424);

  /* In review, on the day it is due. */
  now = review_state.due;
  out = fsrs_review (&config, &review_state, VIVA_REVIEW_GRADE_HARD, now);
  g_assert_cmpuint (out.interval, ==, 8);
  assert_memory (&out, 7.51735908, 4.74828477);
  out = fsrs_review (&config, &review_state, VIVA_REVIEW_GRADE_GOOD, now);
  g_assert_cmpuint (out.interval, ==, 11);
  g_assert_cmpint (out.due, ==, now + 11 * DAY);
  g_assert_cmpuint (out.repetitions, ==, 2);
  assert_memory (&out, 10.97104786, 2.1043314);
  out = fsrs_review (&config, &review_state, VIVA_REVIEW_GRADE_EASY, now);
  g_assert_cmpuint (out.interval, ==, 19);
  assert_memory (&out, 18.53433169, 1.0);

  /* Forgotten: a lapse, relearning in 10 minutes. */
  out = fsrs_review (&config, &review_state, VIVA_REVIEW_GRADE_AGAIN, now);
  g_assert_cmpint (out.due, ==, now + 10 * MINUTE);
  g_assert_cmpuint (out.interval, ==, 0);
  g_assert_cmpuint (out.repetitions, ==, 0);
  g_assert_cmpuint (out.lapses, ==, 1);
  g_assert_true (viva_review_state_is_learning (&out));
  assert_memory (&out, 0.60770166, 7.39223814);

  /* Relearning: Again 10 minutes, Hard 15, Good and Easy a day; no
   * second lapse. */
  review_state = out;
  now = out.due;
  out = fsrs_review (&config, &review_state, VIVA_REVIEW_GRADE_AGAIN, now);
  g_assert_cmpint (out.due, ==, now + 10 * MINUTE);
  g_assert_cmpuint (out.lapses, ==, 1);
  assert_memory (&out, 0.2229468, 9.12807478);
  out = fsrs_review (&config, &review_state, VIVA_REVIEW_GRADE_HARD, now);
  g_assert_cmpint (out.due, ==, now + 15 * MINUTE);
  g_assert_true (viva_review_state_is_learning (&out));
  out = fsrs_review (&config, &review_state, VIVA_REVIEW_GRADE_GOOD, now);
  g_assert_cmpint (out.due, ==, now + DAY);
  g_assert_cmpuint (out.interval, ==, 1);
  g_assert_cmpuint (out.lapses, ==, 1);
  assert_memory (&out, 0.65979762, 7.38007427);
  out = fsrs_review (&config, &review_state, VIVA_REVIEW_GRADE_EASY, now);
  g_assert_cmpuint (out.interval, ==, 1);
  assert_memory (&out, 1.13505133, 6.50607402);
}

/* A history of grades and days: the intervals FSRS gives for it. */
static void
schedule_history (const VivaSchedulerConfig *config,
                  guint                     *intervals,
                  guint                      n)
{
  static const VivaReviewGrade grades[] = {
    VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_GRADE_HARD,
    VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_GRADE_AGAIN, VIVA_REVIEW_GRADE_GOOD,
    VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_GRADE_EASY, VIVA_REVIEW_GRADE_GOOD,
  };
  VivaReviewState state = new_state ();
  gint64 now = T0;

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (grades));

  for (guint i = 0; i < n; i++)
    {
      state = fsrs_review (config, &state, grades[i], now);
      intervals[i] = state.interval;
      now = state.due;
    }
}

/* A lower desired retention lets recall fall further before asking:
 * longer intervals, on the same history. */
static void
test_fsrs_retention (void)
{
  VivaSchedulerConfig config = fsrs_config ();
  guint low[9], middle[9], high[9];
  guint longer = 0;

  config.desired_retention = 0.80;
  schedule_history (&config, low, G_N_ELEMENTS (low));
  config.desired_retention = 0.90;
  schedule_history (&config, middle, G_N_ELEMENTS (middle));
  config.desired_retention = 0.95;
  schedule_history (&config, high, G_N_ELEMENTS (high));

  for (guint i = 0; i < G_N_ELEMENTS (low); i++)
    {
      g_assert_cmpuint (low[i], >=, middle[i]);
      g_assert_cmpuint (middle[i], >=, high[i]);
      longer += low[i] > middle[i] && middle[i] > high[i];
    }
  /* Strictly longer wherever the question is in review for more than a
   * day or two. */
  g_assert_cmpuint (longer, >=, 4);
  g_assert_cmpuint (low[G_N_ELEMENTS (low) - 1], >, 2 * high[G_N_ELEMENTS (high) - 1]);

  /* A retention out of range is brought into it, never used as is. */
  config.desired_retention = 0.5;
  schedule_history (&config, middle, G_N_ELEMENTS (middle));
  config.desired_retention = VIVA_SCHEDULER_RETENTION_MIN;
  schedule_history (&config, low, G_N_ELEMENTS (low));
  g_assert_cmpmem (middle, sizeof middle, low, sizeof low);
}

/* Replaying a history gives what grading it one review at a time gave,
 * under either algorithm, with minutes-apart and months-apart reviews. */
static void
test_fsrs_replay (void)
{
  static const VivaReviewEntry history[] = {
    { T0, VIVA_REVIEW_GRADE_AGAIN, VIVA_REVIEW_SOURCE_REVIEW },
    { T0 + MINUTE, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW },
    { T0 + 11 * MINUTE, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW },
    { T0 + 3 * DAY, VIVA_REVIEW_GRADE_HARD, VIVA_REVIEW_SOURCE_MOCK },
    { T0 + 3 * DAY + 5 * HOUR, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_MOCK },
    { T0 + 20 * DAY, VIVA_REVIEW_GRADE_AGAIN, VIVA_REVIEW_SOURCE_REVIEW },
    { T0 + 20 * DAY + 10 * MINUTE, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW },
    { T0 + 90 * DAY, VIVA_REVIEW_GRADE_EASY, VIVA_REVIEW_SOURCE_REVIEW },
  };

  for (guint a = 0; a < 2; a++)
    {
      VivaSchedulerConfig config = fsrs_config ();
      VivaReviewState stepwise = new_state ();
      VivaReviewState replayed;

      config.algorithm = a == 0 ? VIVA_SCHEDULER_ALGORITHM_FSRS : VIVA_SCHEDULER_ALGORITHM_SM2;
      config.fuzz = TRUE;

      for (guint i = 0; i < G_N_ELEMENTS (history); i++)
        stepwise = fsrs_review (&config, &stepwise, history[i].grade, history[i].time);

      viva_scheduler_replay (&config, history, G_N_ELEMENTS (history), &replayed);
      g_assert_cmpmem (&replayed, sizeof replayed, &stepwise, sizeof stepwise);
      g_assert_cmpuint (replayed.reviews, ==, G_N_ELEMENTS (history));
      g_assert_cmpuint (replayed.lapses, ==, 1);
    }

  /* No history: a new question. */
  {
    VivaSchedulerConfig config = fsrs_config ();
    VivaReviewState replayed, fresh = new_state ();

    viva_scheduler_replay (&config, NULL, 0, &replayed);
    g_assert_cmpmem (&replayed, sizeof replayed, &fresh, sizeof fresh);
  }
}

/* SM-2 sets the due dates but the memory follows every grade all the
 * same, exactly as under FSRS. */
static void
test_fsrs_memory_under_sm2 (void)
{
  VivaSchedulerConfig fsrs = fsrs_config ();
  VivaSchedulerConfig sm2 = fsrs_config ();
  VivaReviewState a = new_state (), b = new_state ();
  VivaReviewGrade grades[] = {
    VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_GRADE_AGAIN, VIVA_REVIEW_GRADE_GOOD,
    VIVA_REVIEW_GRADE_HARD, VIVA_REVIEW_GRADE_EASY,
  };
  gint64 now = T0;

  sm2.algorithm = VIVA_SCHEDULER_ALGORITHM_SM2;

  for (guint i = 0; i < G_N_ELEMENTS (grades); i++)
    {
      a = fsrs_review (&fsrs, &a, grades[i], now);
      b = fsrs_review (&sm2, &b, grades[i], now);
      assert_memory (&b, a.stability, a.difficulty);
      g_assert_cmpfloat (b.stability, >, 0.0);
      g_assert_cmpfloat (viva_scheduler_retrievability (&sm2, &b, now + DAY), ==,
                         viva_scheduler_retrievability (&fsrs, &a, now + DAY));
      now += 2 * DAY + 3 * HOUR;
    }

  /* SM-2's own schedule is the one its tests state: Good on a new
   * question is one day. */
  b = fsrs_review (&sm2, &(VivaReviewState) { .ease = VIVA_REVIEW_EASE_INITIAL },
                   VIVA_REVIEW_GRADE_GOOD, T0);
  g_assert_cmpint (b.due, ==, T0 + DAY);
  assert_memory (&b, 2.3065, 2.11810397);
}

static void
test_fsrs_retrievability (void)
{
  VivaSchedulerConfig config = fsrs_config ();
  VivaReviewState state = new_state ();
  double r1, r6, r_stability;

  /* Never reviewed: no memory, no prediction. */
  g_assert_cmpfloat (viva_scheduler_retrievability (&config, &state, T0), ==, -1.0);

  state = fsrs_review (&config, &state, VIVA_REVIEW_GRADE_EASY, T0);
  g_assert_cmpfloat (viva_scheduler_retrievability (&config, &state, T0), ==, 1.0);

  /* Fractional days: recall falls through the day, not only at its end. */
  r1 = viva_scheduler_retrievability (&config, &state, T0 + HOUR);
  r6 = viva_scheduler_retrievability (&config, &state, T0 + 6 * HOUR);
  g_assert_cmpfloat (r1, <, 1.0);
  g_assert_cmpfloat (r6, <, r1);

  /* Stability is the time to 90%. */
  r_stability = viva_scheduler_retrievability (&config, &state,
                                               T0 + (gint64) (state.stability * DAY));
  g_assert_cmpfloat_with_epsilon (r_stability, 0.9, 1e-6);

  /* And it keeps falling, towards 0, never below. */
  g_assert_cmpfloat (viva_scheduler_retrievability (&config, &state, T0 + 3650 * DAY), <, 0.7);
  g_assert_cmpfloat (viva_scheduler_retrievability (&config, &state, T0 + 3650 * DAY), >, 0.0);

  /* A clock set back: as just reviewed. */
  g_assert_cmpfloat (viva_scheduler_retrievability (&config, &state, T0 - DAY), ==, 1.0);

  /* A state saved before FSRS has no memory yet. */
  state.stability = 0.0;
  state.difficulty = 0.0;
  g_assert_cmpfloat (viva_scheduler_retrievability (&config, &state, T0 + DAY), ==, -1.0);
}


/* ts-fsrs 5.4.2's get_fuzz_range (interval, elapsed, 36500), printed by
 * node for these arguments. */
static void
test_fsrs_fuzz_range (void)
{
  static const struct
  {
    guint interval;
    guint elapsed;
    guint min;
    guint max;
  } cases[] = {
    { 3, 0, 2, 4 },
    { 3, 5, 2, 4 },
    { 4, 1, 3, 5 },
    { 7, 2, 5, 9 },
    { 8, 0, 6, 10 },
    { 10, 9, 10, 12 },
    { 20, 3, 17, 23 },
    { 21, 30, 18, 24 },
    { 50, 10, 46, 54 },
    { 100, 50, 93, 107 },
    { 365, 100, 345, 385 },
    { 36500, 1000, 34673, 36500 },
    { 36499, 40000, 34672, 36500 },
    { 5, 4, 5, 6 },
    { 6, 5, 6, 8 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint min, max;

      viva_fsrs_fuzz_range (cases[i].interval, cases[i].elapsed, VIVA_REVIEW_INTERVAL_MAX, &min, &max);
      g_assert_cmpuint (min, ==, cases[i].min);
      g_assert_cmpuint (max, ==, cases[i].max);
    }
}

/* A question in review, last reviewed @elapsed days before @now, with
 * the given memory. */
static VivaReviewState
in_review (double stability,
           double difficulty,
           guint  elapsed,
           gint64 now)
{
  return (VivaReviewState) {
    .due = now,
    .last_review = now - (gint64) elapsed * DAY,
    .repetitions = 3,
    .ease = VIVA_REVIEW_EASE_INITIAL,
    .interval = elapsed,
    .stability = stability,
    .difficulty = difficulty,
    .reviews = 4,
  };
}

/* Fuzz spreads intervals over ts-fsrs's range around them, differently
 * for different questions, the same for the same question all day. */
static void
test_fsrs_fuzz (void)
{
  VivaSchedulerConfig exact = fsrs_config ();
  VivaSchedulerConfig fuzzed = fsrs_config ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint n_moved = 0;
  guint n_same_day = 0;

  fuzzed.fuzz = TRUE;

  for (guint q = 0; q < 500; q++)
    {
      /* Questions whose Good interval is 2 to about 200 days. */
      double stability = 1.5 + q * 0.4;
      VivaReviewState state = in_review (stability, 5.0, (guint) stability, T0 + q * 7 * MINUTE);
      gint64 now = state.due;
      guint elapsed = (guint) stability;
      VivaReviewState plain, out, later;
      guint min, max;

      plain = fsrs_review (&exact, &state, VIVA_REVIEW_GRADE_GOOD, now);
      out = fsrs_review (&fuzzed, &state, VIVA_REVIEW_GRADE_GOOD, now);

      /* ts-fsrs does not fuzz under 2.5 days. */
      if (plain.interval < 3)
        {
          g_assert_cmpuint (out.interval, ==, plain.interval);
          continue;
        }

      viva_fsrs_fuzz_range (plain.interval, elapsed, VIVA_REVIEW_INTERVAL_MAX, &min, &max);
      g_assert_cmpuint (out.interval, >=, min);
      g_assert_cmpuint (out.interval, <=, max);
      /* It grew: never before the day after the time that passed. */
      g_assert_cmpuint (out.interval, >, elapsed);
      g_assert_cmpint (out.due, ==, now + (gint64) out.interval * DAY);
      assert_memory (&out, plain.stability, plain.difficulty);

      /* Pure: the same review gives the same interval, and so does the
       * same grade later the same review day (a button's interval is the
       * grade's). */
      later = fsrs_review (&fuzzed, &state, VIVA_REVIEW_GRADE_GOOD, now + 3 * HOUR);
      if (viva_review_day_number (now + 3 * HOUR, utc_tz, 0) == viva_review_day_number (now, utc_tz, 0))
        {
          g_assert_cmpuint (later.interval, ==, out.interval);
          n_same_day++;
        }

      n_moved += out.interval != plain.interval;
      if (plain.interval >= 20 && plain.interval <= 30)
        g_hash_table_add (seen, GUINT_TO_POINTER (out.interval - plain.interval + 100));
    }

  /* Spread, not shifted: most intervals move, and questions due around
   * 20 to 30 days land on several days either side. */
  g_assert_cmpuint (n_moved, >, 250);
  g_assert_cmpuint (n_same_day, >, 250);
  g_assert_cmpuint (g_hash_table_size (seen), >=, 5);
}

/* With fuzz on too, the Hard, Good and Easy intervals are ordered as
 * ts-fsrs orders them, and Again is the relearning step. */
static void
test_fsrs_grades_ordered (void)
{
  for (guint f = 0; f < 2; f++)
    for (double difficulty = 1.0; difficulty <= 10.0; difficulty += 1.5)
      for (double stability = 0.05; stability < 20000.0; stability *= 1.7)
        for (guint elapsed = 0; elapsed < 2000; elapsed = elapsed * 3 + 1)
          {
            VivaSchedulerConfig config = fsrs_config ();
            VivaReviewState state = in_review (stability, difficulty, MAX (elapsed, 1), T0);
            gint64 again, hard, good, easy;

            config.fuzz = f == 1;
            state.last_review = T0 - (gint64) elapsed * DAY;

            again = viva_scheduler_preview_interval (&config, &state, VIVA_REVIEW_GRADE_AGAIN, T0);
            hard = viva_scheduler_preview_interval (&config, &state, VIVA_REVIEW_GRADE_HARD, T0);
            good = viva_scheduler_preview_interval (&config, &state, VIVA_REVIEW_GRADE_GOOD, T0);
            easy = viva_scheduler_preview_interval (&config, &state, VIVA_REVIEW_GRADE_EASY, T0);

            g_assert_cmpint (again, ==, 10 * MINUTE);
            g_assert_cmpint (hard, >=, DAY);
            g_assert_cmpint (hard, <=, good);
            if (good < (gint64) VIVA_REVIEW_INTERVAL_MAX * DAY)
              g_assert_cmpint (good, <, easy);
            else
              g_assert_cmpint (good, ==, easy);
          }
}

/* The load a due_count callback reports: questions due per day after
 * T0's day. */
typedef struct
{
  guint  due[400];
  guint  min_asked;
  guint  max_asked;
  guint  n_asked;
} Load;

static guint
load_due_count (gint64   day_time,
                gpointer user_data)
{
  Load *load = user_data;
  gint64 day = viva_review_day_number (day_time, utc_tz, 0) - viva_review_day_number (T0, utc_tz, 0);

  g_assert_cmpint (day, >=, 0);
  g_assert_cmpint (day, <, G_N_ELEMENTS (load->due));

  load->min_asked = MIN (load->min_asked, (guint) day);
  load->max_asked = MAX (load->max_asked, (guint) day);
  load->n_asked++;

  return load->due[day];
}

static void
load_reset (Load *load,
            guint due)
{
  for (guint i = 0; i < G_N_ELEMENTS (load->due); i++)
    load->due[i] = due;
  load->min_asked = G_MAXUINT;
  load->max_asked = 0;
  load->n_asked = 0;
}

/* Load balancing, as Anki's: among the fuzz range's days, an empty day
 * wins over crowded ones; nothing leaves the range; far intervals are
 * only fuzzed. */
static void
test_fsrs_load_balance (void)
{
  VivaSchedulerConfig exact = fsrs_config ();
  VivaSchedulerConfig config = fsrs_config ();
  Load load;
  guint n_checked = 0;
  guint n_lighter = 0;

  config.fuzz = TRUE;
  config.due_count = load_due_count;
  config.due_count_data = &load;

  for (guint q = 0; q < 200; q++)
    {
      double stability = 4.0 + q * 0.3;
      VivaReviewState state = in_review (stability, 5.0, (guint) stability, T0 + q * MINUTE);
      VivaReviewState plain, out, good;
      guint min, max;

      /* Hard is balanced first; Good and Easy then from the day after
       * the one before them. */
      state.due = T0;
      state.last_review = T0 - (gint64) state.interval * DAY;
      plain = fsrs_review (&exact, &state, VIVA_REVIEW_GRADE_HARD, T0);
      viva_fsrs_fuzz_range (plain.interval, state.interval, VIVA_REVIEW_INTERVAL_MAX, &min, &max);
      if (max == min || plain.interval > 90)
        continue;
      n_checked++;

      /* Every day of the range crowded but one: that one, wherever it is
       * in the range. */
      for (guint empty = min; empty <= max; empty++)
        {
          load_reset (&load, 1000);
          load.due[empty] = 0;
          out = fsrs_review (&config, &state, VIVA_REVIEW_GRADE_HARD, T0);
          g_assert_cmpuint (out.interval, ==, empty);
          g_assert_cmpint (out.due, ==, T0 + (gint64) empty * DAY);
          /* Good stays after it. */
          good = fsrs_review (&config, &state, VIVA_REVIEW_GRADE_GOOD, T0);
          g_assert_cmpuint (good.interval, >, empty);
        }

      /* Only the range's days were asked about, for Hard. */
      load_reset (&load, 7);
      out = fsrs_review (&config, &state, VIVA_REVIEW_GRADE_HARD, T0);
      g_assert_cmpuint (load.min_asked, >=, min);

      /* An empty day just outside the range is not taken. */
      load_reset (&load, 1000);
      load.due[max + 1] = 0;
      if (min > 1)
        load.due[min - 1] = 0;
      out = fsrs_review (&config, &state, VIVA_REVIEW_GRADE_HARD, T0);
      g_assert_cmpuint (out.interval, >=, min);
      g_assert_cmpuint (out.interval, <=, max);

      /* A lighter day weighs (50 / 5)² = 100 times a heavier one: it
       * is picked nearly always (counted below), never outside the
       * range. */
      load_reset (&load, 50);
      load.due[max] = 5;
      out = fsrs_review (&config, &state, VIVA_REVIEW_GRADE_HARD, T0);
      g_assert_cmpuint (out.interval, >=, min);
      g_assert_cmpuint (out.interval, <=, max);
      n_lighter += out.interval == max;
    }
  g_assert_cmpuint (n_lighter, >=, n_checked * 8 / 10);
  g_assert_cmpuint (n_checked, >=, 100);

  /* Over 90 days, as Anki: fuzz only, the load is not asked. */
  {
    VivaReviewState state = in_review (300.0, 5.0, 300, T0);
    VivaReviewState fuzzed;
    VivaSchedulerConfig no_balance = config;

    no_balance.due_count = NULL;
    load_reset (&load, 0);
    fuzzed = fsrs_review (&no_balance, &state, VIVA_REVIEW_GRADE_GOOD, T0);
    g_assert_cmpuint (fuzzed.interval, >, 90);
    g_assert_cmpuint (fsrs_review (&config, &state, VIVA_REVIEW_GRADE_GOOD, T0).interval, ==, fuzzed.interval);
    g_assert_cmpuint (load.n_asked, ==, 0);
  }
}

/* Elapsed days are review days: the memory after a review follows the
 * model with the review days that passed, in the zone and from the hour
 * the configuration gives, across a daylight saving change too. */
static void
assert_elapsed (const VivaSchedulerConfig *config,
                gint64                     first,
                gint64                     second,
                guint                      expected_days)
{
  VivaReviewState state = new_state ();
  VivaFsrsState memory, expected;

  state = fsrs_review (config, &state, VIVA_REVIEW_GRADE_GOOD, first);
  memory.stability = state.stability;
  memory.difficulty = state.difficulty;
  expected = viva_fsrs_next_state (config->w, &memory, expected_days, VIVA_REVIEW_GRADE_GOOD);
  state = fsrs_review (config, &state, VIVA_REVIEW_GRADE_GOOD, second);
  assert_memory (&state, expected.stability, expected.difficulty);

  g_assert_cmpint (viva_review_day_number (second, config->tz, config->day_start_hour)
                   - viva_review_day_number (first, config->tz, config->day_start_hour),
                   ==, expected_days);
}

static void
test_fsrs_review_days (void)
{
  g_autoptr(GTimeZone) india = g_time_zone_new_identifier ("+05:30");
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  VivaSchedulerConfig config = fsrs_config ();
  VivaFsrsState a, b;

  /* The short-term and the long-term formulas differ, so the memory
   * shows which day count was used. */
  a = viva_fsrs_init_state (NULL, VIVA_REVIEW_GRADE_GOOD);
  b = viva_fsrs_next_state (NULL, &a, 0, VIVA_REVIEW_GRADE_GOOD);
  a = viva_fsrs_next_state (NULL, &a, 1, VIVA_REVIEW_GRADE_GOOD);
  g_assert_cmpfloat (fabs (a.stability - b.stability), >, 0.1);

  /* In India, from 4 am: 23:00 and 3:30 the next morning are the same
   * review day; 3:59 and 4:00 are not. */
  config.tz = india;
  config.day_start_hour = VIVA_REVIEW_DAY_START_HOUR;
  assert_elapsed (&config, utc ("2026-03-02T17:30:00Z"), utc ("2026-03-02T22:00:00Z"), 0);
  assert_elapsed (&config, utc ("2026-03-02T22:29:00Z"), utc ("2026-03-02T22:30:00Z"), 1);
  assert_elapsed (&config, utc ("2026-03-02T05:00:00Z"), utc ("2026-03-05T22:00:00Z"), 3);
  /* The same times counted in UTC from midnight, as ts-fsrs would. */
  config.tz = utc_tz;
  config.day_start_hour = 0;
  assert_elapsed (&config, utc ("2026-03-02T17:30:00Z"), utc ("2026-03-02T22:00:00Z"), 0);
  assert_elapsed (&config, utc ("2026-03-02T22:29:00Z"), utc ("2026-03-03T00:00:00Z"), 1);

  if (berlin == NULL)
    {
      g_test_skip ("no time zone data for Europe/Berlin");
      return;
    }

  /* Berlin's clocks go forward at 2 am on 29 March 2026. Noon on the
   * 28th to 4:30 (summer time) on the 29th: 15.5 hours, one review day.
   * To 3:30 on the 29th: still the 28th's review day. */
  config.tz = berlin;
  config.day_start_hour = VIVA_REVIEW_DAY_START_HOUR;
  assert_elapsed (&config, utc ("2026-03-28T11:00:00Z"), utc ("2026-03-29T02:30:00Z"), 1);
  assert_elapsed (&config, utc ("2026-03-28T11:00:00Z"), utc ("2026-03-29T01:30:00Z"), 0);
  /* And back on 25 October: 4 am to 3:59 the next day is 25 hours and
   * one review day; a week across it is 7. */
  assert_elapsed (&config, utc ("2026-10-24T02:00:00Z"), utc ("2026-10-25T02:59:00Z"), 0);
  assert_elapsed (&config, utc ("2026-10-24T02:00:00Z"), utc ("2026-10-25T03:00:00Z"), 1);
  assert_elapsed (&config, utc ("2026-10-21T12:00:00Z"), utc ("2026-10-28T12:00:00Z"), 7);
}


/* Histories a damaged file could hold: out of order, grades out of
 * range (skipped), times at the ends of gint64, ten thousand reviews in
 * the same microsecond. Replay gives a valid state and never aborts. */
static void
test_fsrs_replay_hostile (void)
{
  static const gint64 times[] = {
    T0, T0 - 400 * DAY, G_MAXINT64, G_MININT64, 1, -1, T0 + 3 * MINUTE, T0,
  };
  static const int grades[] = { 3, 0, 5, -1, 1, 4, 2, 1000 };
  g_autofree VivaReviewEntry *history = g_new0 (VivaReviewEntry, 10000);
  VivaSchedulerConfig config = fsrs_config ();
  VivaReviewState out;
  guint n_valid = 0;

  for (guint i = 0; i < 10000; i++)
    {
      history[i] = (VivaReviewEntry) {
        times[i % G_N_ELEMENTS (times)],
        (VivaReviewGrade) grades[(i / 3) % G_N_ELEMENTS (grades)],
        VIVA_REVIEW_SOURCE_REVIEW,
      };
      n_valid += history[i].grade >= VIVA_REVIEW_GRADE_AGAIN && history[i].grade <= VIVA_REVIEW_GRADE_EASY;
    }
  g_assert_cmpuint (n_valid, >, 4000);

  for (guint a = 0; a < 2; a++)
    {
      config.algorithm = a == 0 ? VIVA_SCHEDULER_ALGORITHM_FSRS : VIVA_SCHEDULER_ALGORITHM_SM2;

      viva_scheduler_replay (&config, history, 10000, &out);
      g_assert_true (viva_review_state_is_valid (&out));
      g_assert_true (isfinite (out.stability) && out.stability > 0.0);
      /* Only the grades 1 to 4 counted. */
      g_assert_cmpuint (out.reviews, ==, n_valid);

      for (guint i = 0; i < 10000; i++)
        history[i].time = T0;
      viva_scheduler_replay (&config, history, 10000, &out);
      g_assert_true (viva_review_state_is_valid (&out));
      g_assert_cmpint (out.last_review, ==, T0);
      for (guint i = 0; i < 10000; i++)
        history[i].time = times[i % G_N_ELEMENTS (times)];
    }
}

/* States and settings a damaged file could hold: whatever comes in, a
 * valid state with a finite memory comes out, and nothing aborts. */
static void
test_fsrs_damaged (void)
{
  static const double bad_doubles[] = {
    NAN, INFINITY, -INFINITY, -1.0, 0.0, 1e-300, 1e300, 5.0,
  };
  static const guint bad_uints[] = { 0, 1, 2, 7, 36500, 36501, G_MAXUINT };
  static const gint64 bad_times[] = {
    1, T0 - 400 * DAY, T0 + HOUR, T0 + 100000 * DAY, G_MAXINT64 / 2, G_MININT64 / 2,
  };

  for (guint a = 0; a < 2; a++)
    for (guint c = 0; c < G_N_ELEMENTS (bad_doubles); c++)
      {
        VivaSchedulerConfig config = fsrs_config ();

        config.algorithm = a == 0 ? VIVA_SCHEDULER_ALGORITHM_FSRS : VIVA_SCHEDULER_ALGORITHM_SM2;
        config.fuzz = c % 2 == 0;
        config.desired_retention = bad_doubles[c];
        config.w[c % VIVA_FSRS_N_PARAMS] = bad_doubles[(c + 3) % G_N_ELEMENTS (bad_doubles)];
        config.maximum_interval = bad_uints[c % G_N_ELEMENTS (bad_uints)];
        config.day_start_hour = c * 7;

        for (guint i = 0; i < G_N_ELEMENTS (bad_doubles); i++)
          for (guint u = 0; u < G_N_ELEMENTS (bad_uints); u++)
            for (guint t = 0; t < G_N_ELEMENTS (bad_times); t++)
              {
                VivaReviewState state = {
                  .due = bad_times[(t + 1) % G_N_ELEMENTS (bad_times)],
                  .last_review = bad_times[t],
                  .repetitions = bad_uints[(u + 2) % G_N_ELEMENTS (bad_uints)],
                  .lapses = bad_uints[(u + 1) % G_N_ELEMENTS (bad_uints)],
                  .ease = bad_uints[u],
                  .interval = bad_uints[u],
                  .stability = bad_doubles[i],
                  .difficulty = bad_doubles[(i + 5) % G_N_ELEMENTS (bad_doubles)],
                  .step = bad_uints[(u + 3) % G_N_ELEMENTS (bad_uints)],
                  .reviews = bad_uints[(u + 4) % G_N_ELEMENTS (bad_uints)],
                };

                for (VivaReviewGrade g = VIVA_REVIEW_GRADE_AGAIN; g <= VIVA_REVIEW_GRADE_EASY; g++)
                  {
                    VivaReviewState out;
                    double r;

                    viva_scheduler_review (&config, &state, g, T0, &out);
                    g_assert_true (viva_review_state_is_valid (&out));
                    g_assert_true (isfinite (out.stability) && out.stability > 0.0);
                    g_assert_true (isfinite (out.difficulty) && out.difficulty >= 1.0);
                    g_assert_cmpuint (out.interval, <=, VIVA_REVIEW_INTERVAL_MAX);

                    r = viva_scheduler_retrievability (&config, &out, T0 + 3 * DAY);
                    g_assert_true (r >= 0.0 && r <= 1.0);
                    r = viva_scheduler_retrievability (&config, &state, T0);
                    g_assert_true (r == -1.0 || (r >= 0.0 && r <= 1.0));
                  }
              }
      }
}

/* Days */

static void
assert_day (gint64      now,
            GTimeZone  *tz,
            guint       hour,
            const char *start,
            const char *end)
{
  VivaReviewDay day;

  viva_review_day_init (&day, now, tz, hour);
  g_assert_cmpint (day.now, ==, now);
  g_assert_cmpint (day.start, ==, utc (start));
  g_assert_cmpint (day.end, ==, utc (end));
  g_assert_true (viva_review_day_contains (&day, now));
  g_assert_true (viva_review_day_contains (&day, day.start));
  g_assert_false (viva_review_day_contains (&day, day.end));
  g_assert_false (viva_review_day_contains (&day, day.start - 1));
}

static void
test_day_utc (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();

  /* With the day starting at 4 am, 3:59:59 is still yesterday's. */
  assert_day (utc ("2026-03-02T03:59:59.999999Z"), tz, 4,
              "2026-03-01T04:00:00Z", "2026-03-02T04:00:00Z");
  assert_day (utc ("2026-03-02T04:00:00Z"), tz, 4,
              "2026-03-02T04:00:00Z", "2026-03-03T04:00:00Z");
  assert_day (utc ("2026-03-02T23:59:59Z"), tz, 4,
              "2026-03-02T04:00:00Z", "2026-03-03T04:00:00Z");

  /* From midnight, across a month and a year. */
  assert_day (utc ("2026-02-28T23:59:59.999999Z"), tz, 0,
              "2026-02-28T00:00:00Z", "2026-03-01T00:00:00Z");
  assert_day (utc ("2026-12-31T12:00:00Z"), tz, 0,
              "2026-12-31T00:00:00Z", "2027-01-01T00:00:00Z");
  assert_day (utc ("2027-01-01T02:00:00Z"), tz, 4,
              "2026-12-31T04:00:00Z", "2027-01-01T04:00:00Z");
}

static void
test_day_offset (void)
{
  g_autoptr(GTimeZone) india = g_time_zone_new_identifier ("+05:30");
  g_autoptr(GTimeZone) west = g_time_zone_new_identifier ("-08:00");

  g_assert_nonnull (india);
  g_assert_nonnull (west);

  /* 22:00 UTC is 3:30 the next morning in India: still the day before. */
  assert_day (utc ("2026-03-01T22:00:00Z"), india, 4,
              "2026-02-28T22:30:00Z", "2026-03-01T22:30:00Z");
  /* 23:00 UTC is 4:30 there: a new day. */
  assert_day (utc ("2026-03-01T23:00:00Z"), india, 4,
              "2026-03-01T22:30:00Z", "2026-03-02T22:30:00Z");
  /* 10:00 UTC is 2 am in California: the previous evening's day. */
  assert_day (utc ("2026-03-02T10:00:00Z"), west, 4,
              "2026-03-01T12:00:00Z", "2026-03-02T12:00:00Z");
}

static void
test_day_daylight_saving (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");

  if (berlin == NULL)
    {
      g_test_skip ("no time zone data for Europe/Berlin");
      return;
    }

  /* Clocks go forward at 2 am on 29 March 2026: the review day from
   * 4 am on the 28th is 23 hours long; the next one, in summer time,
   * starts at 4 am again. */
  assert_day (utc ("2026-03-28T12:00:00Z"), berlin, 4,
              "2026-03-28T03:00:00Z", "2026-03-29T02:00:00Z");
  assert_day (utc ("2026-03-29T12:00:00Z"), berlin, 4,
              "2026-03-29T02:00:00Z", "2026-03-30T02:00:00Z");
  /* And back at 3 am on 25 October: a 25-hour day. */
  assert_day (utc ("2026-10-24T12:00:00Z"), berlin, 4,
              "2026-10-24T02:00:00Z", "2026-10-25T03:00:00Z");
}

static void
test_due_today (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  VivaReviewState state = mature_state (2500);
  VivaReviewDay day;

  /* Due at T0 = 10:00 on 2 March; the day runs from 4:00 to 4:00. */
  viva_review_day_init (&day, utc ("2026-03-02T04:00:00Z"), tz, 4);
  g_assert_true (viva_review_state_is_due (&state, &day));

  /* The evening before, it is tomorrow's. */
  viva_review_day_init (&day, utc ("2026-03-02T03:59:59Z"), tz, 4);
  g_assert_false (viva_review_state_is_due (&state, &day));

  /* The last microsecond of a day counts; the day's end does not. */
  state.due = utc ("2026-03-03T03:59:59.999999Z");
  viva_review_day_init (&day, T0, tz, 4);
  g_assert_true (viva_review_state_is_due (&state, &day));
  state.due = utc ("2026-03-03T04:00:00Z");
  g_assert_false (viva_review_state_is_due (&state, &day));

  /* Overdue is due. */
  state.due = T0 - 30 * DAY;
  g_assert_true (viva_review_state_is_due (&state, &day));

  /* Answered Again: due again in ten minutes, today. */
  state = review (&state, VIVA_REVIEW_GRADE_AGAIN, T0);
  g_assert_true (viva_review_state_is_due (&state, &day));

  /* Answered Good: due tomorrow at this hour, not today. */
  state = review (&state, VIVA_REVIEW_GRADE_GOOD, T0);
  g_assert_false (viva_review_state_is_due (&state, &day));
  viva_review_day_init (&day, T0 + DAY - 6 * HOUR, tz, 4);
  g_assert_true (viva_review_state_is_due (&state, &day));
}

/* Words */

static void
test_names (void)
{
  VivaReviewGrade grade;
  VivaReviewSource source;

  for (grade = VIVA_REVIEW_GRADE_AGAIN; grade <= VIVA_REVIEW_GRADE_EASY; grade++)
    {
      VivaReviewGrade back;

      g_assert_true (viva_review_grade_from_string (viva_review_grade_to_string (grade), &back));
      g_assert_cmpint (back, ==, grade);
      g_assert_cmpstr (viva_review_grade_get_label (grade), !=, "");
    }

  g_assert_cmpstr (viva_review_grade_to_string (VIVA_REVIEW_GRADE_GOOD), ==, "good");
  g_assert_false (viva_review_grade_from_string ("Good", &grade));
  g_assert_false (viva_review_grade_from_string ("none", &grade));
  g_assert_false (viva_review_grade_from_string (NULL, &grade));

  g_assert_true (viva_review_source_from_string ("mock", &source));
  g_assert_cmpint (source, ==, VIVA_REVIEW_SOURCE_MOCK);
  g_assert_cmpstr (viva_review_source_to_string (VIVA_REVIEW_SOURCE_REVIEW), ==, "review");
  g_assert_false (viva_review_source_from_string ("interview", &source));

  g_assert_cmpint (viva_review_grade_to_status (VIVA_REVIEW_GRADE_AGAIN), ==, VIVA_STATUS_LEARNING);
  g_assert_cmpint (viva_review_grade_to_status (VIVA_REVIEW_GRADE_HARD), ==, VIVA_STATUS_LEARNING);
  g_assert_cmpint (viva_review_grade_to_status (VIVA_REVIEW_GRADE_GOOD), ==, VIVA_STATUS_CONFIDENT);
  g_assert_cmpint (viva_review_grade_to_status (VIVA_REVIEW_GRADE_EASY), ==, VIVA_STATUS_CONFIDENT);
}

static void
assert_format (gint64      usec,
               const char *expected)
{
  g_autofree char *text = viva_scheduler_format_interval (usec);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_format_interval (void)
{
  assert_format (0, "1 minute");
  assert_format (10 * MINUTE, "10 minutes");
  assert_format (59 * MINUTE, "59 minutes");
  assert_format (HOUR, "1 hour");
  assert_format (5 * HOUR, "5 hours");
  assert_format (DAY, "1 day");
  assert_format (4 * DAY, "4 days");
  assert_format (29 * DAY, "29 days");
  /* One decimal below ten months or years, so that FSRS's Hard and
   * Good a week apart never read the same. */
  assert_format (30 * DAY, "1 month");
  assert_format (31 * DAY, "1 month");
  assert_format (33 * DAY, "1.1 months");
  assert_format (38 * DAY, "1.3 months");
  assert_format (50 * DAY, "1.7 months");
  assert_format (60 * DAY, "2 months");
  assert_format (290 * DAY, "9.7 months");
  assert_format (300 * DAY, "10 months");
  assert_format (364 * DAY, "12 months");
  assert_format (365 * DAY, "1 year");
  assert_format (550 * DAY, "1.5 years");
  assert_format (3650 * DAY, "10 years");
  assert_format ((gint64) VIVA_REVIEW_INTERVAL_MAX * DAY, "100 years");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  utc_tz = g_time_zone_new_utc ();

  g_test_add_func ("/scheduler/new", test_new_question);
  g_test_add_func ("/scheduler/mature", test_mature_question);
  g_test_add_func ("/scheduler/good-sequence", test_good_sequence);
  g_test_add_func ("/scheduler/grades-ordered", test_grades_ordered);
  g_test_add_func ("/scheduler/ease-limits", test_ease_limits);
  g_test_add_func ("/scheduler/interval-limit", test_interval_limit);
  g_test_add_func ("/scheduler/early", test_early);
  g_test_add_func ("/scheduler/late", test_late);
  g_test_add_func ("/scheduler/in-place", test_in_place);
  g_test_add_func ("/scheduler/valid", test_valid);
  g_test_add_func ("/scheduler/fsrs/config", test_fsrs_config);
  g_test_add_func ("/scheduler/fsrs/new", test_fsrs_new);
  g_test_add_func ("/scheduler/fsrs/steps", test_fsrs_steps);
  g_test_add_func ("/scheduler/fsrs/retention", test_fsrs_retention);
  g_test_add_func ("/scheduler/fsrs/replay", test_fsrs_replay);
  g_test_add_func ("/scheduler/fsrs/memory-under-sm2", test_fsrs_memory_under_sm2);
  g_test_add_func ("/scheduler/fsrs/retrievability", test_fsrs_retrievability);
  g_test_add_func ("/scheduler/fsrs/fuzz-range", test_fsrs_fuzz_range);
  g_test_add_func ("/scheduler/fsrs/fuzz", test_fsrs_fuzz);
  g_test_add_func ("/scheduler/fsrs/grades-ordered", test_fsrs_grades_ordered);
  g_test_add_func ("/scheduler/fsrs/load-balance", test_fsrs_load_balance);
  g_test_add_func ("/scheduler/fsrs/review-days", test_fsrs_review_days);
  g_test_add_func ("/scheduler/fsrs/damaged", test_fsrs_damaged);
  g_test_add_func ("/scheduler/fsrs/replay-hostile", test_fsrs_replay_hostile);
  g_test_add_func ("/scheduler/day/utc", test_day_utc);
  g_test_add_func ("/scheduler/day/offset", test_day_offset);
  g_test_add_func ("/scheduler/day/daylight-saving", test_day_daylight_saving);
  g_test_add_func ("/scheduler/due-today", test_due_today);
  g_test_add_func ("/scheduler/names", test_names);
  g_test_add_func ("/scheduler/format-interval", test_format_interval);

  status = g_test_run ();
  g_time_zone_unref (utc_tz);

  return status;
}
