/* viva-fsrs.c
 *
 * The FSRS-6 model
 * ================
 *
 * FSRS (the Free Spaced Repetition Scheduler, Jarrett Ye et al.) keeps
 * two numbers per question: its stability S, the days after which the
 * chance of recalling it has fallen to 90%, and its difficulty D, from
 * 1 to 10. Each grade G (1 Again, 2 Hard, 3 Good, 4 Easy) updates them
 * from 21 parameters w[0] to w[20]. The formulas below are FSRS-6's, as
 * the FSRS wiki gives them
 * (https://github.com/open-spaced-repetition/fsrs4anki/wiki/The-Algorithm)
 * and as ts-fsrs 5.4 computes them (packages/fsrs/src/algorithm.ts, read
 * at 5.4.1); this file was written from the formulas, and is checked
 * against ts-fsrs (5.4.2 generated the vectors) by
 * tests/test-fsrs-vectors.c.
 *
 * The forgetting curve, the chance of recall t days after a review:
 *
 *   decay  = -w[20]
 *   factor = 0.9^(1 / decay) - 1                  so that R(S, S) = 0.9
 *   R(t, S) = (1 + factor × t / S)^decay
 *
 * A new question's first grade:
 *
 *   S0(G) = max (w[G-1], 0.1)
 *   D0(G) = clamp (w[4] - e^(w[5] × (G - 1)) + 1, 1, 10)
 *
 * Every later grade, t days after the last one, with R = R(t, S):
 *
 *   D' = clamp (w[7] × D0(4) + (1 - w[7]) × (D + ΔD × (10 - D) / 9), 1, 10)
 *          where ΔD = -w[6] × (G - 3), D0(4) unclamped
 *
 *   the same day (t = 0), FSRS-6's short-term stability:
 *   S' = S × SInc,  SInc = S^-w[19] × e^(w[17] × (G - 3 + w[18])),
 *                   and SInc >= 1 unless G is Again
 *
 *   a lapse (G = 1, t > 0):
 *   S' = min (w[11] × D^-w[12] × ((S + 1)^w[13] - 1) × e^(w[14] × (1 - R)),
 *             S / e^(w[17] × w[18]))
 *
 *   a recall (G > 1, t > 0):
 *   S' = S × (1 + e^w[8] × (11 - D) × S^-w[9] × (e^(w[10] × (1 - R)) - 1)
 *                 × w[15] if Hard × w[16] if Easy)
 *
 *   every S' clamped to [0.001, 36500] days.
 *
 * The interval that brings recall down to a desired retention r, from
 * solving R(I, S) = r:
 *
 *   I = clamp (round (S × (r^(1 / decay) - 1) / factor), 1, maximum)
 *
 * What is rounded
 * ===============
 *
 * ts-fsrs rounds its intermediate values to 8 decimals (its roundTo):
 * the curve's factor, R, D0, the damped ΔD, the mean-reverted D, each
 * new S and the interval modifier (r^(1 / decay) - 1) / factor. Viva
 * rounds the same values the same way, half up as JavaScript's
 * Math.round does, so that its states are the reference's and not only
 * close to them: a state is fed back into the next review, and a
 * difference in the 9th decimal could otherwise change a rounded
 * interval many reviews later. The interval is rounded to whole days,
 * half up, with no fuzz.
 *
 * The defaults
 * ============
 *
 * viva_fsrs_default_parameters are FSRS-6's published defaults, trained
 * by the FSRS authors on Anki users' reviews, as ts-fsrs 5.4.1 ships
 * them (default_w in packages/fsrs/src/constant.ts).
 *
 * Damaged input
 * =============
 *
 * ts-fsrs throws on a negative elapsed time or a state below its bounds;
 * Viva reads its states from the user's files and must not stop, so:
 * an elapsed time that is negative or not a number is taken as the same
 * day (a clock set back); a state whose stability or difficulty is not
 * a finite number is taken as no state (the grade is a first review);
 * a stability or difficulty out of its bounds is brought back into
 * them; a grade out of 1 to 4 is taken as the nearest grade; a desired
 * retention outside (0, 1] as 0.9; and the decay w[20] is kept in
 * [0.1, 0.8], the range ts-fsrs clips it to. Every clamp uses fmin and
 * fmax, which return the bound for NaN, so no result is ever NaN.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "viva-fsrs.h"

#define DEFAULT_RETENTION 0.9
/* The lowest first stability, as ts-fsrs's init_stability. */
#define INIT_STABILITY_MIN 0.1
/* The range ts-fsrs clips the decay parameter w[20] to. */
#define DECAY_PARAM_MIN 0.1
#define DECAY_PARAM_MAX 0.8

const double viva_fsrs_default_parameters[VIVA_FSRS_N_PARAMS] = {
  0.212, 1.2931, 2.3065, 8.2956,   /* S0 for Again, Hard, Good, Easy */
  6.4133, 0.8334,                  /* D0 */
  3.0194, 0.001,                   /* ΔD, mean reversion */
  1.8722, 0.1666, 0.796,           /* recall */
  1.4835, 0.0614, 0.2629, 1.6483,  /* lapse */
  0.6014, 1.8729,                  /* Hard penalty, Easy bonus */
  0.5425, 0.0912, 0.0658,          /* same day */
  0.1542,                          /* decay */
};

static inline double
clamp (double value,
       double min,
       double max)
{
  return fmin (fmax (value, min), max);
}

/* JavaScript's Math.round: to the nearest integer, halves up (towards
 * +∞), unlike C's round () which takes halves away from zero. */
static double
js_round (double value)
{
  double whole = floor (value);

  return value - whole >= 0.5 ? whole + 1.0 : whole;
}

/* ts-fsrs's roundTo (value, 8). */
static double
round8 (double value)
{
  return js_round (value * 1e8) / 1e8;
}

static int
grade_value (VivaReviewGrade grade)
{
  return CLAMP ((int) grade, VIVA_REVIEW_GRADE_AGAIN, VIVA_REVIEW_GRADE_EASY);
}

static double
decay_of (const double *w)
{
  return -clamp (w[20], DECAY_PARAM_MIN, DECAY_PARAM_MAX);
}

static double
factor_of (double decay)
{
  return round8 (exp (pow (decay, -1.0) * log (0.9)) - 1.0);
}

static double
stability_in_range (double stability)
{
  return clamp (stability, VIVA_FSRS_STABILITY_MIN, VIVA_FSRS_STABILITY_MAX);
}

static double
difficulty_in_range (double difficulty)
{
  return clamp (difficulty, VIVA_FSRS_DIFFICULTY_MIN, VIVA_FSRS_DIFFICULTY_MAX);
}

/**
 * viva_fsrs_retrievability:
 * @w: (nullable): the 21 parameters, or %NULL for the defaults
 * @elapsed_days: days since the last review
 * @stability: the question's stability
 *
 * Returns: the chance of recall after @elapsed_days, from 0 to 1,
 *   rounded to 8 decimals as ts-fsrs rounds it
 */
double
viva_fsrs_retrievability (const double *w,
                          double        elapsed_days,
                          double        stability)
{
  double decay, factor;

  if (w == NULL)
    w = viva_fsrs_default_parameters;
  /* Also true of NaN. */
  if (!(elapsed_days >= 0.0))
    elapsed_days = 0.0;
  stability = stability_in_range (stability);

  decay = decay_of (w);
  factor = factor_of (decay);

  return clamp (round8 (pow (1.0 + factor * elapsed_days / stability, decay)),
                0.0, 1.0);
}

static double
init_difficulty (const double *w,
                 int           grade)
{
  return round8 (w[4] - exp ((grade - 1) * w[5]) + 1.0);
}

/**
 * viva_fsrs_init_state:
 * @w: (nullable): the 21 parameters, or %NULL for the defaults
 * @grade: the first grade a question is given
 *
 * Returns: the question's state after its first review
 */
VivaFsrsState
viva_fsrs_init_state (const double    *w,
                      VivaReviewGrade  grade)
{
  VivaFsrsState state;
  int g = grade_value (grade);

  if (w == NULL)
    w = viva_fsrs_default_parameters;

  state.stability = clamp (w[g - 1], INIT_STABILITY_MIN, VIVA_FSRS_STABILITY_MAX);
  state.difficulty = difficulty_in_range (init_difficulty (w, g));

  return state;
}

static double
next_difficulty (const double *w,
                 double        difficulty,
                 int           grade)
{
  double delta = -w[6] * (grade - 3);
  double damped = round8 (delta * (10.0 - difficulty) / 9.0);
  double next = difficulty + damped;
  double reverted = round8 (w[7] * init_difficulty (w, VIVA_REVIEW_GRADE_EASY)
                            + (1.0 - w[7]) * next);

  return difficulty_in_range (reverted);
}

static double
short_term_stability (const double *w,
                      double        stability,
                      int           grade)
{
  double sinc = pow (stability, -w[19]) * exp (w[17] * (grade - 3 + w[18]));

  if (grade >= VIVA_REVIEW_GRADE_HARD)
    sinc = fmax (sinc, 1.0);

  return round8 (stability_in_range (stability * sinc));
}

static double
lapse_stability (const double *w,
                 double        stability,
                 double        difficulty,
                 double        retrievability)
{
  double after_lapse, ceiling;

  after_lapse = round8 (stability_in_range (w[11]
                                            * pow (difficulty, -w[12])
                                            * (pow (stability + 1.0, w[13]) - 1.0)
                                            * exp ((1.0 - retrievability) * w[14])));
  /* A lapse never leaves more stability than the same-day Again would. */
  ceiling = round8 (stability / exp (w[17] * w[18]));

  return clamp (ceiling, VIVA_FSRS_STABILITY_MIN, after_lapse);
}

static double
recall_stability (const double *w,
                  double        stability,
                  double        difficulty,
                  double        retrievability,
                  int           grade)
{
  double hard_penalty = grade == VIVA_REVIEW_GRADE_HARD ? w[15] : 1.0;
  double easy_bonus = grade == VIVA_REVIEW_GRADE_EASY ? w[16] : 1.0;
  double growth;

  growth = exp (w[8])
           * (11.0 - difficulty)
           * pow (stability, -w[9])
           * (exp ((1.0 - retrievability) * w[10]) - 1.0)
           * hard_penalty
           * easy_bonus;

  return round8 (stability_in_range (stability * (1.0 + growth)));
}

/**
 * viva_fsrs_next_state:
 * @w: (nullable): the 21 parameters, or %NULL for the defaults
 * @state: (nullable): the question's state, or %NULL before its first review
 * @elapsed_days: days since the last review; 0 for the same day
 * @grade: the grade given now
 *
 * Returns: the question's state after this review
 */
VivaFsrsState
viva_fsrs_next_state (const double        *w,
                      const VivaFsrsState *state,
                      double               elapsed_days,
                      VivaReviewGrade      grade)
{
  VivaFsrsState next;
  double stability, difficulty, retrievability;
  int g = grade_value (grade);

  if (w == NULL)
    w = viva_fsrs_default_parameters;

  if (state == NULL
      || !isfinite (state->stability)
      || !isfinite (state->difficulty))
    return viva_fsrs_init_state (w, grade);

  stability = stability_in_range (state->stability);
  difficulty = difficulty_in_range (state->difficulty);
  /* A negative time is a clock set back: the same day. Also true of NaN. */
  if (!(elapsed_days >= 0.0))
    elapsed_days = 0.0;

  retrievability = viva_fsrs_retrievability (w, elapsed_days, stability);

  if (elapsed_days == 0.0)
    next.stability = short_term_stability (w, stability, g);
  else if (g == VIVA_REVIEW_GRADE_AGAIN)
    next.stability = lapse_stability (w, stability, difficulty, retrievability);
  else
    next.stability = recall_stability (w, stability, difficulty, retrievability, g);

  next.difficulty = next_difficulty (w, difficulty, g);

  return next;
}

/**
 * viva_fsrs_next_interval:
 * @w: (nullable): the 21 parameters, or %NULL for the defaults
 * @stability: the question's stability
 * @desired_retention: the chance of recall wanted when it is next asked,
 *   in (0, 1]
 * @maximum_interval: the longest interval, in days
 *
 * Returns: the days until the question is asked again, at least 1 and
 *   at most @maximum_interval (or 1 if that is 0); no fuzz
 */
guint
viva_fsrs_next_interval (const double *w,
                         double        stability,
                         double        desired_retention,
                         guint         maximum_interval)
{
  double decay, factor, modifier, interval;

  if (w == NULL)
    w = viva_fsrs_default_parameters;
  /* Also true of NaN. */
  if (!(desired_retention > 0.0 && desired_retention <= 1.0))
    desired_retention = DEFAULT_RETENTION;
  stability = stability_in_range (stability);
  maximum_interval = MAX (maximum_interval, 1u);

  decay = decay_of (w);
  factor = factor_of (decay);
  modifier = round8 ((pow (desired_retention, 1.0 / decay) - 1.0) / factor);
  interval = clamp (js_round (stability * modifier), 1.0, maximum_interval);

  return (guint) interval;
}

/* ts-fsrs's FUZZ_RANGES: how far an interval may move, by the part of it
 * that falls in each range of days. */
static const struct
{
  double start;
  double end;
  double factor;
} fuzz_ranges[] = {
  { 2.5, 7.0, 0.15 },
  { 7.0, 20.0, 0.10 },
  { 20.0, INFINITY, 0.05 },
};

/**
 * viva_fsrs_fuzz_range:
 * @interval: an interval, in days, as viva_fsrs_next_interval() gives it
 * @elapsed_days: the days since the last review
 * @maximum_interval: the longest interval, in days
 * @min_interval: (out): the shortest fuzzed interval
 * @max_interval: (out): the longest
 *
 * The days an interval may be spread over, as ts-fsrs's get_fuzz_range
 * (packages/fsrs/src/help.ts, 5.4.2): about 15% either side of the part
 * of it between 2.5 and 7 days, 10% of the part between 7 and 20 and 5%
 * of the rest, plus a day; never less than 2 days, never more than
 * @maximum_interval, and never before the day after today when the
 * interval is longer than the time that has passed (so that a review
 * always moves a question later).
 */
void
viva_fsrs_fuzz_range (guint  interval,
                      guint  elapsed_days,
                      guint  maximum_interval,
                      guint *min_interval,
                      guint *max_interval)
{
  double delta = 1.0;
  double ivl;
  double lo, hi;

  g_return_if_fail (min_interval != NULL);
  g_return_if_fail (max_interval != NULL);

  maximum_interval = MAX (maximum_interval, 1u);

  for (guint i = 0; i < G_N_ELEMENTS (fuzz_ranges); i++)
    delta += fuzz_ranges[i].factor
             * fmax (fmin ((double) interval, fuzz_ranges[i].end) - fuzz_ranges[i].start, 0.0);

  ivl = fmin ((double) interval, (double) maximum_interval);
  lo = fmax (2.0, js_round (ivl - delta));
  hi = fmin (js_round (ivl + delta), (double) maximum_interval);
  if (ivl > elapsed_days)
    lo = fmax (lo, (double) elapsed_days + 1.0);
  lo = fmin (lo, hi);

  *min_interval = (guint) lo;
  *max_interval = (guint) hi;
}
