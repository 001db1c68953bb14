/* viva-scheduler.c
 *
 * Why FSRS
 * ========
 *
 * Review schedules questions with FSRS-6 by default, and keeps SM-2 as a
 * choice in Preferences. The open spaced-repetition benchmark
 * (open-spaced-repetition/srs-benchmark: about 10,000 users and 350
 * million reviews) measures how well each algorithm predicts whether a
 * review will be recalled, lower being better:
 *
 *                               log loss   RMSE (binned)
 *   FSRS-6, fitted to the user    0.32       0.046
 *   FSRS-6, default parameters    0.34       0.072
 *   SM-2 (Anki's)                 0.49       0.128
 *
 * FSRS with its published defaults, before anything is fitted to the
 * user, already predicts recall far better than SM-2; fitted to the
 * user's own history (Preferences → Review → Optimize) it does better
 * still. A better prediction means each question comes back when the
 * chance of recalling it has fallen to the retention the user asked for
 * (0.90 unless changed), rather than by a fixed multiplier: fewer
 * reviews of what is known, and fewer lapses of what is not. The memory
 * FSRS keeps (stability, difficulty) also tells the progress page and
 * the question view how likely each question is to be recalled now.
 * Anki ships FSRS but still defaults to SM-2 for its existing users;
 * Viva's users lose nothing by the switch (their history replays into
 * FSRS memory at upgrade) and SM-2 stays one click away.
 *
 * Whatever the algorithm, every grade updates the FSRS memory, so that
 * predictions work under SM-2 too; the algorithm only decides @due and
 * @interval. Switching algorithm does not move due dates already set.
 *
 * FSRS, as ts-fsrs schedules
 * ==========================
 *
 * The model (how stability and difficulty change) is in viva-fsrs.c.
 * The card scheduler around it follows ts-fsrs 5.4.2's BasicScheduler
 * (packages/fsrs/src/impl/basic_scheduler.ts, with
 * strategies/learning_steps.ts) with its default steps and short-term
 * stability on; tests/test-scheduler-vectors.c replays ts-fsrs's own
 * sequences and checks every due date, state and memory. A question is
 * new, learning (graded, never passed out of its steps), in review
 * (@interval days), or relearning (forgotten after review):
 *
 *   new, learning   Again  1 minute, back to the first step
 *   (steps 1, 10    Hard   6 minutes, the same step
 *    minutes)       Good   10 minutes at the first step; in review from
 *                          the second
 *                   Easy   in review
 *   review          Again  a lapse: relearning, 10 minutes
 *                   Hard, Good, Easy: the interval at which recall falls
 *                          to the desired retention, Hard ≤ Good < Easy
 *   relearning      Again  10 minutes
 *   (step 10 min)   Hard   15 minutes
 *                   Good, Easy: back in review
 *
 * Entering review, the interval is the one the new stability and the
 * desired retention give (at least a day). Reviews on the same day use
 * FSRS-6's short-term stability. Days are review days (from 4 am local
 * time, viva_review_day_number()): "elapsed days" is how many review
 * days began between two reviews, as ts-fsrs counts UTC calendar days,
 * so a review at 11 pm and one at 1 am are the same day. @due is the
 * review's time plus whole days (or minutes), as in ts-fsrs; a question
 * is due on the review day that holds that time.
 *
 * Fuzz and load balancing
 * =======================
 *
 * Questions learnt together and always graded alike would come back
 * together for ever; so, as ts-fsrs and Anki do, an interval of 3 days
 * or more is spread over a range around it (viva_fsrs_fuzz_range():
 * about 15% of the part up to 7 days, 10% up to 20, 5% beyond). The
 * draw is pure: a hash of the question's state and of the review day
 * (not of the microsecond, so that the interval a grade button shows is
 * the one the grade gives, whenever in the day it is pressed). When the
 * configuration can count the questions due on a day, the day is
 * instead chosen among the range's days as Anki's load balancer does
 * (rslib/src/scheduler/states/load_balancer.rs,
 * select_weighted_interval): each day weighs 1 if nothing is due on it,
 * else (1 / due)² × (1 / interval), and the same seeded draw picks by
 * weight; so a crowded day loses to an empty one but nothing leaves the
 * fuzz range. As in Anki, intervals over 90 days are not balanced (the
 * load that far ahead is not known yet), only fuzzed.
 *
 * SM-2
 * ====
 *
 * Under SM-2, the variant Anki has used for years (four grades, a
 * per-question ease factor, Hard and Easy multipliers, a relearning step
 * after a lapse), due dates follow these rules, which fit in a page and
 * can be checked by hand: every interval below is a product of a few
 * integers, and there is no fuzz.
 *
 * A question is new until its first grade. While it is being learnt
 * (repetitions is 0: new, or forgotten):
 *
 *   Again  comes back in 10 minutes             (interval 0)
 *   Hard   1 day
 *   Good   1 day
 *   Easy   4 days
 *
 * Once it has been passed (repetitions > 0), from its current interval I
 * in days and ease E (2.5 to begin with), rounding to the nearest day:
 *
 *   Again  a lapse: back to learning, comes back in 10 minutes
 *   Hard   max (I + 1, I × 1.2)
 *   Good   max (Hard + 1, I × E)
 *   Easy   max (Good + 1, I × E × 1.3)
 *
 * so Hard < Good < Easy always, and each is later than the last
 * interval. Every grade then moves the ease: Again −0.20, Hard −0.15,
 * Good ±0, Easy +0.15, never below 1.3 (SM-2's floor, below which
 * questions come back too often to be worth it) nor above 5.0. The
 * interval itself stops at 100 years. The ease moves under FSRS too, so
 * that SM-2 carries on sensibly if the user switches back.
 *
 * Late answers count as on time: I is the scheduled interval, not the
 * time that actually passed, so a question left for a month does not
 * jump far ahead because the user remembered it once.
 *
 * Early answers, which mock interviews give all the time (a question
 * asked in an interview need not be due), grow the interval only from
 * the whole days that actually passed instead of I, and not at all
 * within a day of the last review; and a pass never brings the next
 * review closer than the interval it already had. So answering Good
 * twice in an afternoon does not send a question further away, and
 * answering it well early does not bring it back sooner.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "viva-enum-nick.h"
#include "viva-fsrs.h"
#include "viva-scheduler.h"

/* The nicks are notes.json's words; never change or translate them. */
G_DEFINE_ENUM_TYPE (VivaReviewGrade, viva_review_grade,
                    G_DEFINE_ENUM_VALUE (VIVA_REVIEW_GRADE_AGAIN, "again"),
                    G_DEFINE_ENUM_VALUE (VIVA_REVIEW_GRADE_HARD, "hard"),
                    G_DEFINE_ENUM_VALUE (VIVA_REVIEW_GRADE_GOOD, "good"),
                    G_DEFINE_ENUM_VALUE (VIVA_REVIEW_GRADE_EASY, "easy"))

G_DEFINE_ENUM_TYPE (VivaReviewSource, viva_review_source,
                    G_DEFINE_ENUM_VALUE (VIVA_REVIEW_SOURCE_REVIEW, "review"),
                    G_DEFINE_ENUM_VALUE (VIVA_REVIEW_SOURCE_MOCK, "mock"))

/* The nicks are the review-scheduler setting's words. */
G_DEFINE_ENUM_TYPE (VivaSchedulerAlgorithm, viva_scheduler_algorithm,
                    G_DEFINE_ENUM_VALUE (VIVA_SCHEDULER_ALGORITHM_FSRS, "fsrs"),
                    G_DEFINE_ENUM_VALUE (VIVA_SCHEDULER_ALGORITHM_SM2, "sm2"))

/* Learning: the first interval of a pass, and of an Easy one. */
#define FIRST_INTERVAL_DAYS      1
#define FIRST_EASY_INTERVAL_DAYS 4
/* Multipliers, in tenths. */
#define HARD_FACTOR_TENTHS       12
#define EASY_BONUS_TENTHS        13

/* FSRS's (re)learning steps, in minutes, as ts-fsrs's defaults
 * (default_learning_steps and default_relearning_steps, constant.ts). */
static const guint learning_steps[VIVA_SCHEDULER_LEARNING_STEPS] = { 1, 10 };
static const guint relearning_steps[VIVA_SCHEDULER_RELEARNING_STEPS] = { 10 };

/* Anki's MAX_LOAD_BALANCE_INTERVAL: further out, only fuzz. */
#define LOAD_BALANCE_MAX_INTERVAL 90

/* How each grade moves the ease, in thousandths. */
static const int ease_change[] = {
  [VIVA_REVIEW_GRADE_AGAIN] = -200,
  [VIVA_REVIEW_GRADE_HARD] = -150,
  [VIVA_REVIEW_GRADE_GOOD] = 0,
  [VIVA_REVIEW_GRADE_EASY] = 150,
};

static gboolean
grade_is_valid (VivaReviewGrade grade)
{
  return grade >= VIVA_REVIEW_GRADE_AGAIN && grade <= VIVA_REVIEW_GRADE_EASY;
}

/* The on-disk spelling of a grade. */
const char *
viva_review_grade_to_string (VivaReviewGrade grade)
{
  g_return_val_if_fail (grade_is_valid (grade), "again");

  return viva_enum_to_nick (VIVA_TYPE_REVIEW_GRADE, grade);
}

gboolean
viva_review_grade_from_string (const char      *str,
                               VivaReviewGrade *grade)
{
  int value;

  g_return_val_if_fail (grade != NULL, FALSE);

  if (!viva_enum_from_nick (VIVA_TYPE_REVIEW_GRADE, str, &value))
    return FALSE;

  *grade = (VivaReviewGrade) value;
  return TRUE;
}

/**
 * viva_review_grade_get_label:
 * @grade: a grade
 *
 * Returns: the grade as the user sees it ("Again"), translated
 */
const char *
viva_review_grade_get_label (VivaReviewGrade grade)
{
  switch (grade)
    {
    case VIVA_REVIEW_GRADE_AGAIN:
      return _("Again");

    case VIVA_REVIEW_GRADE_HARD:
      return _("Hard");

    case VIVA_REVIEW_GRADE_GOOD:
      return _("Good");

    case VIVA_REVIEW_GRADE_EASY:
      return _("Easy");

    default:
      g_return_val_if_reached ("");
    }
}

/**
 * viva_review_grade_to_status:
 * @grade: a grade
 *
 * The study status a grade implies, as a mock interview rating does
 * (viva_mock_rating_to_status()): Again and Hard mean Learning, Good
 * and Easy mean Confident. The scheduler does not apply it; Review does,
 * so that the sidebar and the progress page agree with the schedule.
 *
 * Returns: the status
 */
VivaStatus
viva_review_grade_to_status (VivaReviewGrade grade)
{
  g_return_val_if_fail (grade_is_valid (grade), VIVA_STATUS_LEARNING);

  return grade >= VIVA_REVIEW_GRADE_GOOD ? VIVA_STATUS_CONFIDENT : VIVA_STATUS_LEARNING;
}

const char *
viva_scheduler_algorithm_to_string (VivaSchedulerAlgorithm algorithm)
{
  g_return_val_if_fail (algorithm <= VIVA_SCHEDULER_ALGORITHM_SM2, "fsrs");

  return viva_enum_to_nick (VIVA_TYPE_SCHEDULER_ALGORITHM, algorithm);
}

gboolean
viva_scheduler_algorithm_from_string (const char             *str,
                                      VivaSchedulerAlgorithm *algorithm)
{
  int value;

  g_return_val_if_fail (algorithm != NULL, FALSE);

  if (!viva_enum_from_nick (VIVA_TYPE_SCHEDULER_ALGORITHM, str, &value))
    return FALSE;

  *algorithm = (VivaSchedulerAlgorithm) value;
  return TRUE;
}

const char *
viva_review_source_to_string (VivaReviewSource source)
{
  g_return_val_if_fail (source <= VIVA_REVIEW_SOURCE_MOCK, "review");

  return viva_enum_to_nick (VIVA_TYPE_REVIEW_SOURCE, source);
}

gboolean
viva_review_source_from_string (const char       *str,
                                VivaReviewSource *source)
{
  int value;

  g_return_val_if_fail (source != NULL, FALSE);

  if (!viva_enum_from_nick (VIVA_TYPE_REVIEW_SOURCE, str, &value))
    return FALSE;

  *source = (VivaReviewSource) value;
  return TRUE;
}

/* States */

/* The state of a question never reviewed. */
void
viva_review_state_init (VivaReviewState *state)
{
  g_return_if_fail (state != NULL);

  *state = (VivaReviewState) {
    .ease = VIVA_REVIEW_EASE_INITIAL,
  };
}

/* Never graded: Review offers it as a new question, not a due one. */
gboolean
viva_review_state_is_new (const VivaReviewState *state)
{
  g_return_val_if_fail (state != NULL, TRUE);

  return state->last_review == 0;
}

/* Graded, but not passed since it was new or last forgotten: it comes
 * back minutes later rather than days. */
gboolean
viva_review_state_is_learning (const VivaReviewState *state)
{
  g_return_val_if_fail (state != NULL, FALSE);

  return !viva_review_state_is_new (state) && state->repetitions == 0;
}

/**
 * viva_review_state_is_due:
 * @state: a question's state
 * @day: today
 *
 * Whether the question is due today: reviewed before and due before the
 * review day ends. A question due later today (answered Again a few
 * minutes ago, or reviewed at this hour some days ago) is due today: the
 * day's work does not depend on the hour it is done at.
 *
 * Returns: %TRUE if Review should ask it today
 */
gboolean
viva_review_state_is_due (const VivaReviewState *state,
                          const VivaReviewDay   *day)
{
  g_return_val_if_fail (state != NULL, FALSE);
  g_return_val_if_fail (day != NULL, FALSE);

  return !viva_review_state_is_new (state) && state->due < day->end;
}

/* What the scheduler can produce, and so what notes.json may hold. */
gboolean
viva_review_state_is_valid (const VivaReviewState *state)
{
  g_return_val_if_fail (state != NULL, FALSE);

  if (viva_review_state_is_new (state))
    return state->due == 0 && state->repetitions == 0 && state->lapses == 0 &&
           state->interval == 0 && state->ease == VIVA_REVIEW_EASE_INITIAL &&
           state->stability == 0.0 && state->difficulty == 0.0 &&
           state->step == 0 && state->reviews == 0;

  /* No memory (both 0) is allowed: a state saved before FSRS. Written
   * with ! so that NaN is not valid. */
  if (!(state->stability == 0.0 && state->difficulty == 0.0) &&
      !(state->stability >= VIVA_FSRS_STABILITY_MIN &&
        state->stability <= VIVA_FSRS_STABILITY_MAX &&
        state->difficulty >= VIVA_FSRS_DIFFICULTY_MIN &&
        state->difficulty <= VIVA_FSRS_DIFFICULTY_MAX))
    return FALSE;

  if (state->step >= VIVA_SCHEDULER_LEARNING_STEPS ||
      (state->step > 0 && state->interval > 0) ||
      state->reviews > VIVA_REVIEW_COUNT_MAX)
    return FALSE;

  return state->last_review > 0 &&
         state->due >= state->last_review &&
         state->repetitions <= VIVA_REVIEW_COUNT_MAX &&
         state->lapses <= VIVA_REVIEW_COUNT_MAX &&
         state->ease >= VIVA_REVIEW_EASE_MIN &&
         state->ease <= VIVA_REVIEW_EASE_MAX &&
         state->interval <= VIVA_REVIEW_INTERVAL_MAX &&
         (state->repetitions == 0) == (state->interval == 0);
}

/* Days */

/**
 * viva_review_day_init:
 * @day: (out caller-allocates): the day to fill
 * @now: the moment, in microseconds since 1970 (UTC)
 * @tz: (nullable): the time zone the day is counted in; %NULL for the
 *   local one
 * @day_start_hour: the local hour at which a review day begins, 0 to 23
 *   (%VIVA_REVIEW_DAY_START_HOUR in the app)
 *
 * Finds the review day that @now falls in.
 */
void
viva_review_day_init (VivaReviewDay *day,
                      gint64         now,
                      GTimeZone     *tz,
                      guint          day_start_hour)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  GDate date;
  int year, month, mday;

  g_return_if_fail (day != NULL);
  g_return_if_fail (day_start_hour < 24);

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();

  /* Whole seconds, rounded down also before 1970. */
  utc = g_date_time_new_from_unix_utc (now / G_USEC_PER_SEC - (now % G_USEC_PER_SEC < 0));
  at = g_date_time_to_timezone (utc, tz);
  g_date_time_get_ymd (at, &year, &month, &mday);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) mday, (GDateMonth) month, (GDateYear) year);

  /* Before the day-start hour, it is still yesterday's review day. */
  if ((guint) g_date_time_get_hour (at) < day_start_hour)
    g_date_subtract_days (&date, 1);

  start = g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date),
                           g_date_get_day (&date), (int) day_start_hour, 0, 0);
  g_date_add_days (&date, 1);
  end = g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date),
                         g_date_get_day (&date), (int) day_start_hour, 0, 0);

  day->now = now;
  day->start = g_date_time_to_unix (start) * G_USEC_PER_SEC;
  day->end = g_date_time_to_unix (end) * G_USEC_PER_SEC;
}

gboolean
viva_review_day_contains (const VivaReviewDay *day,
                          gint64               time)
{
  g_return_val_if_fail (day != NULL, FALSE);

  return time >= day->start && time < day->end;
}

/**
 * viva_review_day_number:
 * @time: a moment, in microseconds since 1970 (UTC)
 * @tz: (nullable): the time zone days are counted in; %NULL for the
 *   local one
 * @day_start_hour: the local hour at which a review day begins
 *
 * Numbers review days: the number of the day holding @time, minus that
 * of the day holding another moment, is how many review days began in
 * between, whatever the clocks did (a 23- or 25-hour day is one day).
 * It is the number of days from 1 January 1970 to the local date the
 * review day began on.
 *
 * It finds the zone's offset at @time and does the rest in plain
 * integers, without GDateTime, so that replaying 100,000 histories stays
 * cheap.
 *
 * Returns: the review day's number
 */
gint64
viva_review_day_number (gint64     time,
                        GTimeZone *tz,
                        guint      day_start_hour)
{
  g_autoptr(GTimeZone) local = NULL;
  const gint64 seconds_per_day = G_TIME_SPAN_DAY / G_USEC_PER_SEC;
  gint64 seconds, local_seconds;
  int interval;

  if (day_start_hour >= 24)
    day_start_hour = VIVA_REVIEW_DAY_START_HOUR;
  if (tz == NULL)
    tz = local = g_time_zone_new_local ();

  /* Whole seconds, rounded down also before 1970. */
  seconds = time / G_USEC_PER_SEC - (time % G_USEC_PER_SEC < 0);
  interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, seconds);
  local_seconds = seconds;
  if (interval >= 0)
    local_seconds += g_time_zone_get_offset (tz, interval);

  /* The local clock, moved back by the day-start hour: a review day is
   * then a calendar day. Rounded down also before 1970. */
  local_seconds -= (gint64) day_start_hour * 3600;

  return local_seconds / seconds_per_day - (local_seconds % seconds_per_day < 0);
}

/* The scheduler */

/* now + span, stopping at the ends of gint64 rather than wrapping: the
 * times come from files a user can damage. */
static gint64
add_saturated (gint64 time,
               gint64 span)
{
  if (span > 0 && time > G_MAXINT64 - span)
    return G_MAXINT64;
  if (span < 0 && time < G_MININT64 - span)
    return G_MININT64;

  return time + span;
}

/* One more, stopping at VIVA_REVIEW_COUNT_MAX rather than wrapping. */
static guint
count_up (guint count)
{
  return count >= VIVA_REVIEW_COUNT_MAX ? VIVA_REVIEW_COUNT_MAX : count + 1;
}

/* The configuration, with what makes no sense replaced by the defaults,
 * so that a damaged setting never gives a damaged schedule. */
static void
sanitize_config (const VivaSchedulerConfig *config,
                 VivaSchedulerConfig       *out)
{
  *out = *config;

  if (out->algorithm != VIVA_SCHEDULER_ALGORITHM_SM2)
    out->algorithm = VIVA_SCHEDULER_ALGORITHM_FSRS;

  for (guint i = 0; i < VIVA_FSRS_N_PARAMS; i++)
    {
      if (!isfinite (out->w[i]))
        {
          memcpy (out->w, viva_fsrs_default_parameters, sizeof out->w);
          break;
        }
    }

  /* Written with ! so that NaN takes the default. */
  if (!(out->desired_retention >= VIVA_SCHEDULER_RETENTION_MIN &&
        out->desired_retention <= VIVA_SCHEDULER_RETENTION_MAX))
    out->desired_retention = isnan (out->desired_retention)
                             ? VIVA_SCHEDULER_RETENTION_DEFAULT
                             : CLAMP (out->desired_retention,
                                      VIVA_SCHEDULER_RETENTION_MIN,
                                      VIVA_SCHEDULER_RETENTION_MAX);

  out->maximum_interval = CLAMP (out->maximum_interval, 1u, VIVA_REVIEW_INTERVAL_MAX);

  if (out->day_start_hour >= 24)
    out->day_start_hour = VIVA_REVIEW_DAY_START_HOUR;
}

/**
 * viva_scheduler_config_init:
 * @config: (out caller-allocates): the configuration to fill
 *
 * The app's defaults: FSRS with its published parameters, a desired
 * retention of 0.90, intervals up to 100 years, fuzz on, review days in
 * local time from %VIVA_REVIEW_DAY_START_HOUR, no load balancing.
 */
void
viva_scheduler_config_init (VivaSchedulerConfig *config)
{
  g_return_if_fail (config != NULL);

  *config = (VivaSchedulerConfig) {
    .algorithm = VIVA_SCHEDULER_ALGORITHM_FSRS,
    .desired_retention = VIVA_SCHEDULER_RETENTION_DEFAULT,
    .maximum_interval = VIVA_REVIEW_INTERVAL_MAX,
    .fuzz = TRUE,
    .tz = NULL,
    .day_start_hour = VIVA_REVIEW_DAY_START_HOUR,
    .due_count = NULL,
    .due_count_data = NULL,
  };
  memcpy (config->w, viva_fsrs_default_parameters, sizeof config->w);
}

static gboolean
has_memory (const VivaReviewState *state)
{
  return !viva_review_state_is_new (state) &&
         isfinite (state->stability) && isfinite (state->difficulty) &&
         state->stability > 0.0 && state->difficulty > 0.0;
}

/* The memory after @grade, @elapsed_days review days after the last
 * review; a first review (or a state saved before FSRS, or a damaged
 * one) starts a memory. */
static VivaFsrsState
memory_after (const VivaSchedulerConfig *config,
              const VivaReviewState     *state,
              guint                      elapsed_days,
              VivaReviewGrade            grade)
{
  VivaFsrsState memory;

  if (!has_memory (state))
    return viva_fsrs_init_state (config->w, grade);

  memory.stability = state->stability;
  memory.difficulty = state->difficulty;

  return viva_fsrs_next_state (config->w, &memory, elapsed_days, grade);
}

/* The review day numbers of the last review and now. */
typedef struct
{
  gint64 last;
  gint64 now;
} Days;

static Days
days_of (const VivaSchedulerConfig *config,
         const VivaReviewState     *state,
         gint64                     now)
{
  Days days;

  days.now = viva_review_day_number (now, config->tz, config->day_start_hour);
  days.last = viva_review_state_is_new (state)
              ? days.now
              : viva_review_day_number (state->last_review, config->tz, config->day_start_hour);

  return days;
}

/* Whole review days since the last review; 0 on the same day, and when
 * the clock was set back. */
static guint
elapsed_days_of (const Days *days)
{
  gint64 elapsed = days->now - days->last;

  return (guint) CLAMP (elapsed, 0, (gint64) G_MAXUINT);
}

/* SplitMix64's finaliser (Steele, Lea and Flood, 2014): a good mix of
 * 64 bits, enough to seed one draw. */
static guint64
mix64 (guint64 x)
{
  x ^= x >> 30;
  x *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x ^= x >> 27;
  x *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  x ^= x >> 31;

  return x;
}

static guint64
double_bits (double value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);

  return bits;
}

/* The fuzz draw, in [0, 1): a pure function of the question's state and
 * the review day, as ts-fsrs seeds its draw from the review's time, the
 * count of reviews and the memory (DefaultInitSeedStrategy). The day
 * rather than the microsecond keeps a button's interval and the grade's
 * the same. */
static double
fuzz_draw (const VivaReviewState *state,
           const Days            *days)
{
  guint64 h = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);

  h = mix64 (h ^ (guint64) state->last_review);
  h = mix64 (h ^ (guint64) days->now);
  h = mix64 (h ^ ((guint64) state->repetitions << 32 | state->lapses));
  h = mix64 (h ^ state->reviews);
  h = mix64 (h ^ double_bits (state->stability));
  h = mix64 (h ^ double_bits (state->difficulty));

  return (double) (h >> 11) * (1.0 / 9007199254740992.0);
}

/* Picks a day in [min, max] as Anki's load balancer does: each weighs 1
 * if nothing is due on it, else (1 / due)² × (1 / interval); @draw picks
 * by weight. */
static guint
balanced_interval (const VivaSchedulerConfig *config,
                   gint64                     now,
                   guint                      min_interval,
                   guint                      max_interval,
                   double                     draw)
{
  double weights[LOAD_BALANCE_MAX_INTERVAL * 2];
  guint n = max_interval - min_interval + 1;
  double total = 0.0, target, sum = 0.0;

  g_assert (n <= G_N_ELEMENTS (weights));

  for (guint i = 0; i < n; i++)
    {
      guint days = min_interval + i;
      guint due = config->due_count (add_saturated (now, (gint64) days * G_TIME_SPAN_DAY),
                                     config->due_count_data);

      weights[i] = due == 0 ? 1.0 : (1.0 / ((double) due * due)) * (1.0 / days);
      total += weights[i];
    }

  target = draw * total;
  for (guint i = 0; i < n; i++)
    {
      sum += weights[i];
      if (target < sum)
        return min_interval + i;
    }

  return max_interval;
}

/* The interval, in days, for a question entering or staying in review
 * with @stability: from the desired retention, then fuzzed or balanced
 * when the configuration says so (ts-fsrs's next_interval and
 * apply_fuzz). Balancing picks among the range's days from @minimum on,
 * as Anki keeps Good after Hard and Easy after Good by raising the
 * bottom of their ranges (constrained_fuzz_bounds); otherwise Hard and
 * Good would both take the one empty day and Good be pushed off it. */
static guint
review_interval (const VivaSchedulerConfig *config,
                 double                     stability,
                 guint                      elapsed_days,
                 gint64                     now,
                 double                     draw,
                 guint                      minimum)
{
  guint interval = viva_fsrs_next_interval (config->w, stability,
                                            config->desired_retention,
                                            config->maximum_interval);
  guint min_interval, max_interval;

  /* ts-fsrs fuzzes from 2.5 days: 3 once rounded. */
  if (!config->fuzz || interval < 3)
    return interval;

  viva_fsrs_fuzz_range (interval, elapsed_days, config->maximum_interval,
                        &min_interval, &max_interval);

  if (config->due_count != NULL && interval <= LOAD_BALANCE_MAX_INTERVAL)
    {
      min_interval = MAX (min_interval, minimum);
      if (min_interval >= max_interval)
        return MIN (min_interval, config->maximum_interval);

      return balanced_interval (config, now, min_interval, max_interval, draw);
    }

  return MIN ((guint) floor (draw * (max_interval - min_interval + 1) + min_interval),
              max_interval);
}

typedef enum
{
  PHASE_NEW,
  PHASE_LEARNING,
  PHASE_REVIEW,
  PHASE_RELEARNING,
} Phase;

static Phase
phase_of (const VivaReviewState *state)
{
  if (viva_review_state_is_new (state))
    return PHASE_NEW;
  if (state->interval > 0)
    return PHASE_REVIEW;

  return state->lapses > 0 ? PHASE_RELEARNING : PHASE_LEARNING;
}

/* The minutes until the next (re)learning step after @grade, and that
 * step; 0 minutes when the question enters review instead. As ts-fsrs's
 * BasicLearningStepsStrategy. */
static guint
step_minutes (Phase            phase,
              guint            step,
              VivaReviewGrade  grade,
              guint           *next_step)
{
  const guint *steps = phase == PHASE_NEW || phase == PHASE_LEARNING
                       ? learning_steps : relearning_steps;
  guint n_steps = phase == PHASE_NEW || phase == PHASE_LEARNING
                  ? G_N_ELEMENTS (learning_steps) : G_N_ELEMENTS (relearning_steps);

  *next_step = 0;

  if (phase == PHASE_REVIEW)
    return grade == VIVA_REVIEW_GRADE_AGAIN ? relearning_steps[0] : 0;

  /* Past the last step (only a damaged state is): review. */
  if (step >= n_steps)
    return 0;

  switch (grade)
    {
    case VIVA_REVIEW_GRADE_AGAIN:
      return steps[0];

    case VIVA_REVIEW_GRADE_HARD:
      *next_step = step;
      /* Halfway to the second step, or half as long again as the only
       * one; halves round up as JavaScript's Math.round. */
      return n_steps == 1 ? (steps[0] * 3 + 1) / 2 : (steps[0] + steps[1] + 1) / 2;

    case VIVA_REVIEW_GRADE_GOOD:
      if (step + 1 < n_steps)
        {
          *next_step = step + 1;
          return steps[step + 1];
        }
      return 0;

    case VIVA_REVIEW_GRADE_EASY:
    default:
      return 0;
    }
}

static void
fsrs_schedule (const VivaSchedulerConfig *config,
               const VivaReviewState     *state,
               VivaReviewGrade            grade,
               gint64                     now,
               const Days                *days,
               VivaReviewState           *next)
{
  Phase phase = phase_of (state);
  guint elapsed_days = elapsed_days_of (days);
  double draw = config->fuzz ? fuzz_draw (state, days) : 0.0;
  guint minutes, next_step;

  if (phase == PHASE_REVIEW && grade != VIVA_REVIEW_GRADE_AGAIN)
    {
      double s[VIVA_REVIEW_GRADE_EASY + 1];
      guint hard, good, easy;

      /* Hard ≤ Good < Easy, as ts-fsrs orders them after fuzzing each
       * with the same draw. */
      for (VivaReviewGrade g = VIVA_REVIEW_GRADE_HARD; g <= VIVA_REVIEW_GRADE_EASY; g++)
        s[g] = g == grade ? next->stability : memory_after (config, state, elapsed_days, g).stability;

      hard = review_interval (config, s[VIVA_REVIEW_GRADE_HARD], elapsed_days, now, draw, 1);
      good = review_interval (config, s[VIVA_REVIEW_GRADE_GOOD], elapsed_days, now, draw, hard + 1);
      hard = MIN (hard, good);
      good = MAX (good, hard + 1);
      easy = MAX (review_interval (config, s[VIVA_REVIEW_GRADE_EASY], elapsed_days, now, draw, good + 1),
                  good + 1);

      next->interval = grade == VIVA_REVIEW_GRADE_HARD ? hard
                       : grade == VIVA_REVIEW_GRADE_GOOD ? good : easy;
      /* ts-fsrs lets Good and Easy pass the maximum by a day or two to
       * keep them apart; Viva stops there. */
      next->interval = MIN (next->interval, config->maximum_interval);
      next->repetitions = count_up (state->repetitions);
      next->step = 0;
      next->due = add_saturated (now, (gint64) next->interval * G_TIME_SPAN_DAY);
      return;
    }

  minutes = step_minutes (phase, state->step, grade, &next_step);

  if (minutes > 0)
    {
      if (phase == PHASE_REVIEW)
        next->lapses = count_up (state->lapses);
      next->repetitions = 0;
      next->interval = 0;
      next->step = next_step;
      next->due = add_saturated (now, (gint64) minutes * G_TIME_SPAN_MINUTE);
    }
  else
    {
      next->interval = review_interval (config, next->stability, elapsed_days, now, draw, 1);
      next->repetitions = count_up (state->repetitions);
      next->step = 0;
      next->due = add_saturated (now, (gint64) next->interval * G_TIME_SPAN_DAY);
    }
}

static guint
round_tenths (guint64 days,
              guint   tenths)
{
  return (guint) MIN ((days * tenths + 5) / 10, (guint64) G_MAXUINT);
}

static guint
round_ease (guint64 days,
            guint   ease,
            guint   bonus_tenths)
{
  return (guint) MIN ((days * ease * bonus_tenths + 5000) / 10000, (guint64) G_MAXUINT);
}

/* The interval of a pass, in days, for a question already passed. */
static guint
sm2_next_interval (const VivaReviewState *state,
                   VivaReviewGrade        grade,
                   gint64                 now)
{
  guint64 base = state->interval;
  guint hard, good, easy, days;
  gboolean early = now < state->due;

  if (early)
    {
      gint64 elapsed = now > state->last_review ? (now - state->last_review) / G_TIME_SPAN_DAY : 0;

      /* Answered again within a day: no time has passed to learn from. */
      if (elapsed == 0)
        return MIN (state->interval, VIVA_REVIEW_INTERVAL_MAX);

      base = MIN ((guint64) elapsed, base);
    }

  hard = MAX (base + 1, round_tenths (base, HARD_FACTOR_TENTHS));
  good = MAX (hard + 1, round_ease (base, state->ease, 10));
  easy = MAX (good + 1, round_ease (base, state->ease, EASY_BONUS_TENTHS));

  switch (grade)
    {
    case VIVA_REVIEW_GRADE_HARD:
      days = hard;
      break;

    case VIVA_REVIEW_GRADE_GOOD:
      days = good;
      break;

    case VIVA_REVIEW_GRADE_EASY:
      days = easy;
      break;

    case VIVA_REVIEW_GRADE_AGAIN:
    default:
      g_assert_not_reached ();
    }

  if (early)
    days = MAX (days, state->interval);

  return MIN (days, VIVA_REVIEW_INTERVAL_MAX);
}

/* The rules at the top of this file; a state with a nonzero step (left
 * by FSRS's learning steps) is still being learnt. */
static void
sm2_schedule (const VivaReviewState *state,
              VivaReviewGrade        grade,
              gint64                 now,
              VivaReviewState       *next)
{
  next->step = 0;

  if (grade == VIVA_REVIEW_GRADE_AGAIN)
    {
      if (state->repetitions > 0 && state->interval > 0)
        next->lapses = count_up (state->lapses);
      next->repetitions = 0;
      next->interval = 0;
      next->due = add_saturated (now, VIVA_REVIEW_RELEARN_DELAY);
    }
  else
    {
      if (state->repetitions == 0 || state->interval == 0)
        next->interval = grade == VIVA_REVIEW_GRADE_EASY ? FIRST_EASY_INTERVAL_DAYS : FIRST_INTERVAL_DAYS;
      else
        next->interval = sm2_next_interval (state, grade, now);

      next->repetitions = count_up (state->repetitions);
      next->due = add_saturated (now, (gint64) next->interval * G_TIME_SPAN_DAY);
    }
}

/**
 * viva_scheduler_review:
 * @config: how to schedule; viva_scheduler_config_init() for the defaults
 * @state: where the question stood; viva_review_state_init() for a new one
 * @grade: how well it was answered
 * @now: when, in microseconds since 1970 (UTC)
 * @out: (out caller-allocates): where it stands now; may be @state
 *
 * Applies one grade, by the rules at the top of this file: updates the
 * FSRS memory and the ease whatever the algorithm, and the due date by
 * @config's algorithm. Damaged states and settings give a valid state.
 */
void
viva_scheduler_review (const VivaSchedulerConfig *config,
                       const VivaReviewState     *state,
                       VivaReviewGrade            grade,
                       gint64                     now,
                       VivaReviewState           *out)
{
  g_autoptr(GTimeZone) local = NULL;
  VivaSchedulerConfig sane;
  VivaReviewState current, next;
  VivaFsrsState memory;
  Days days;
  int ease;

  g_return_if_fail (config != NULL);
  g_return_if_fail (state != NULL);
  g_return_if_fail (out != NULL);
  g_return_if_fail (grade_is_valid (grade));

  sanitize_config (config, &sane);
  /* Looked up once for both days (see replay below for why it counts). */
  if (sane.tz == NULL)
    sane.tz = local = g_time_zone_new_local ();

  current = *state;
  if (viva_review_state_is_new (&current))
    viva_review_state_init (&current);

  /* What a damaged file could hold, brought back into range; the memory
   * is checked where it is used (has_memory ()). */
  current.repetitions = MIN (current.repetitions, VIVA_REVIEW_COUNT_MAX);
  current.lapses = MIN (current.lapses, VIVA_REVIEW_COUNT_MAX);
  current.reviews = MIN (current.reviews, VIVA_REVIEW_COUNT_MAX);
  current.interval = MIN (current.interval, VIVA_REVIEW_INTERVAL_MAX);
  current.ease = CLAMP (current.ease, VIVA_REVIEW_EASE_MIN, VIVA_REVIEW_EASE_MAX);

  days = days_of (&sane, &current, now);
  memory = memory_after (&sane, &current, elapsed_days_of (&days), grade);

  next = current;
  next.stability = memory.stability;
  next.difficulty = memory.difficulty;

  if (sane.algorithm == VIVA_SCHEDULER_ALGORITHM_SM2)
    sm2_schedule (&current, grade, now, &next);
  else
    fsrs_schedule (&sane, &current, grade, now, &days, &next);

  ease = (int) current.ease + ease_change[grade];
  next.ease = (guint) CLAMP (ease, VIVA_REVIEW_EASE_MIN, VIVA_REVIEW_EASE_MAX);
  next.last_review = now;
  next.reviews = count_up (current.reviews);
  /* A due date before the review (a damaged time near the start of
   * gint64) would not be valid. */
  next.due = MAX (next.due, now);

  *out = next;
}

/**
 * viva_scheduler_preview_interval:
 * @config: how to schedule
 * @state: where the question stands
 * @grade: a grade the user may give
 * @now: when
 *
 * For the grade buttons' "in 4 days": how long after @now the question
 * would be due again after @grade. The fuzz is drawn per review day, so
 * the grade given later the same day gives this interval (unless load
 * balancing finds the days' loads changed meanwhile).
 *
 * Returns: the time, in microseconds
 */
gint64
viva_scheduler_preview_interval (const VivaSchedulerConfig *config,
                                 const VivaReviewState     *state,
                                 VivaReviewGrade            grade,
                                 gint64                     now)
{
  VivaReviewState next;

  g_return_val_if_fail (config != NULL, 0);
  g_return_val_if_fail (state != NULL, 0);
  g_return_val_if_fail (grade_is_valid (grade), 0);

  viva_scheduler_review (config, state, grade, now, &next);

  return next.due - now;
}

/**
 * viva_scheduler_replay:
 * @config: how to schedule
 * @history: (array length=n_entries) (nullable): a question's reviews,
 *   oldest first
 * @n_entries: how many
 * @out: (out caller-allocates): where the question stands after them
 *
 * The state these reviews lead to from a new question, each applied
 * with viva_scheduler_review(): its memory, and the due date @config's
 * algorithm gives after the last one. Load balancing is left out (the
 * days' loads then are not known); entries with a grade out of range
 * are skipped.
 */
void
viva_scheduler_replay (const VivaSchedulerConfig *config,
                       const VivaReviewEntry     *history,
                       guint                      n_entries,
                       VivaReviewState           *out)
{
  g_autoptr(GTimeZone) local = NULL;
  VivaSchedulerConfig replay;
  VivaReviewState state;

  g_return_if_fail (config != NULL);
  g_return_if_fail (history != NULL || n_entries == 0);
  g_return_if_fail (out != NULL);

  replay = *config;
  replay.due_count = NULL;
  replay.due_count_data = NULL;
  /* Once for the whole history: with TZ unset, GLib 2.74's
   * g_time_zone_new_local () looks at /etc/localtime again at every call
   * to see whether the zone changed (two stat () and a readlink (),
   * strace says), about 5 µs each; replaying 100,000 histories of 20
   * reviews took 23 s instead of 3.5. */
  if (replay.tz == NULL)
    replay.tz = local = g_time_zone_new_local ();

  viva_review_state_init (&state);

  for (guint i = 0; i < n_entries; i++)
    {
      if (grade_is_valid (history[i].grade))
        viva_scheduler_review (&replay, &state, history[i].grade, history[i].time, &state);
    }

  *out = state;
}

/**
 * viva_scheduler_retrievability:
 * @config: how to schedule (its parameters)
 * @state: where the question stands
 * @now: when
 *
 * How likely the question is to be recalled at @now, by its FSRS
 * memory. Time is counted in fractional days since the last review, as
 * Anki's displayed retrievability is, so it falls through the day;
 * scheduling counts whole review days.
 *
 * Returns: the chance, from 0 to 1; -1 when there is no memory (never
 *   reviewed)
 */
double
viva_scheduler_retrievability (const VivaSchedulerConfig *config,
                               const VivaReviewState     *state,
                               gint64                     now)
{
  VivaSchedulerConfig sane;
  double elapsed;

  g_return_val_if_fail (config != NULL, -1.0);
  g_return_val_if_fail (state != NULL, -1.0);

  if (!has_memory (state))
    return -1.0;

  sanitize_config (config, &sane);
  elapsed = now > state->last_review
            ? (double) (now - state->last_review) / G_TIME_SPAN_DAY
            : 0.0;

  return viva_fsrs_retrievability (sane.w, elapsed, state->stability);
}

/* @days in tenths of @unit_days, rounded. Below ten units with a
 * decimal other than 0 the text keeps it ("1.4 months"), else it is a
 * whole number ("2 months"): *whole is set to that number, or 0. The
 * plural form of a decimal is the one of the whole number above it (GNU
 * gettext's advice for fractions: 1.4 takes the form of 2); the decimal
 * point is the locale's. */
static gint64
fraction_tenths (gint64  days,
                 guint   unit_days,
                 guint  *whole)
{
  gint64 tenths = (days * 10 + unit_days / 2) / unit_days;

  if (tenths < 100 && tenths % 10 != 0)
    *whole = 0;
  else
    *whole = (guint) MIN ((days + unit_days / 2) / unit_days, (gint64) G_MAXUINT);

  return tenths;
}

/**
 * viva_scheduler_format_interval:
 * @usec: a time span, such as viva_scheduler_preview_interval() gives
 *
 * Says a time span in the largest unit that fits, rounded: "10 minutes",
 * "1 day", "4 days", "1.4 months", "2 years". Months are 30 days and years
 * 365 here; it is a hint on a button, not a calendar. Below ten months
 * or ten years the unit keeps one decimal, as Anki's buttons do: FSRS
 * gives Hard 31 days and Good 38, and two buttons that both said
 * "1 month" would read as the same choice.
 *
 * Returns: (transfer full): the text, translated
 */
char *
viva_scheduler_format_interval (gint64 usec)
{
  gint64 minutes = MAX (1, (usec + G_TIME_SPAN_MINUTE / 2) / G_TIME_SPAN_MINUTE);
  gint64 hours = (usec + G_TIME_SPAN_HOUR / 2) / G_TIME_SPAN_HOUR;
  gint64 days = (usec + G_TIME_SPAN_DAY / 2) / G_TIME_SPAN_DAY;
  gint64 tenths;
  guint n;

  if (usec < G_TIME_SPAN_HOUR)
    {
      n = (guint) minutes;
      return g_strdup_printf (ngettext ("%u minute", "%u minutes", n), n);
    }

  if (usec < G_TIME_SPAN_DAY)
    {
      n = (guint) hours;
      return g_strdup_printf (ngettext ("%u hour", "%u hours", n), n);
    }

  if (days < 30)
    {
      n = (guint) days;
      return g_strdup_printf (ngettext ("%u day", "%u days", n), n);
    }

  if (days < 365)
    {
      tenths = fraction_tenths (days, 30, &n);
      if (n > 0)
        return g_strdup_printf (ngettext ("%u month", "%u months", n), n);
      /* Translators: months with one decimal, such as "1.4 months" */
      return g_strdup_printf (ngettext ("%.1f month", "%.1f months", (gulong) (tenths / 10 + 1)), tenths / 10.0);
    }

  tenths = fraction_tenths (days, 365, &n);
  if (n > 0)
    return g_strdup_printf (ngettext ("%u year", "%u years", n), n);
  /* Translators: years with one decimal, such as "1.4 years" */
  return g_strdup_printf (ngettext ("%.1f year", "%.1f years", (gulong) (tenths / 10 + 1)), tenths / 10.0);
}
