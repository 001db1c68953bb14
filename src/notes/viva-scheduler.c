/* viva-scheduler.c
 *
 * Why SM-2
 * ========
 *
 * Review schedules questions with SM-2, in the variant Anki has used for
 * years (four grades, a per-question ease factor, Hard and Easy
 * multipliers, a relearning step after a lapse), rather than FSRS:
 *
 *  - It fits in a page and can be checked by hand: every interval below
 *    is a product of a few integers, so the tests state exact days.
 *  - It needs no parameters fitted to a user's history. FSRS predicts
 *    recall better once it has been trained on thousands of reviews; a
 *    user preparing for an interview over a few weeks will not have
 *    them, and FSRS's default weights are tuned for Anki's flashcards,
 *    not for explaining a Python concept out loud.
 *  - Its state is four small numbers, easy to validate in notes.json.
 *  - It is deterministic: no fuzz is added to intervals. Anki adds some
 *    so that cards learnt together spread out; with a bank of a few
 *    hundred questions and a daily limit, that matters less than
 *    schedules the user (and the tests) can predict.
 *
 * The rules
 * =========
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
 * interval itself stops at 100 years.
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

#include <glib/gi18n.h>

#include "viva-enum-nick.h"
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

/* Learning: the first interval of a pass, and of an Easy one. */
#define FIRST_INTERVAL_DAYS      1
#define FIRST_EASY_INTERVAL_DAYS 4
/* Multipliers, in tenths. */
#define HARD_FACTOR_TENTHS       12
#define EASY_BONUS_TENTHS        13

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
           state->interval == 0 && state->ease == VIVA_REVIEW_EASE_INITIAL;

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

/* The scheduler */

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
next_interval (const VivaReviewState *state,
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

/**
 * viva_scheduler_review:
 * @state: where the question stood; viva_review_state_init() for a new one
 * @grade: how well it was answered
 * @now: when, in microseconds since 1970 (UTC)
 * @out: (out caller-allocates): where it stands now; may be @state
 *
 * Applies one grade, by the rules at the top of this file.
 */
void
viva_scheduler_review (const VivaReviewState *state,
                       VivaReviewGrade        grade,
                       gint64                 now,
                       VivaReviewState       *out)
{
  VivaReviewState next;
  int ease;

  g_return_if_fail (state != NULL);
  g_return_if_fail (out != NULL);
  g_return_if_fail (grade_is_valid (grade));

  next = *state;

  if (viva_review_state_is_new (state))
    viva_review_state_init (&next);

  if (grade == VIVA_REVIEW_GRADE_AGAIN)
    {
      if (next.repetitions > 0)
        next.lapses = MIN (next.lapses + 1, VIVA_REVIEW_COUNT_MAX);
      next.repetitions = 0;
      next.interval = 0;
      next.due = now + VIVA_REVIEW_RELEARN_DELAY;
    }
  else
    {
      if (next.repetitions == 0)
        next.interval = grade == VIVA_REVIEW_GRADE_EASY ? FIRST_EASY_INTERVAL_DAYS : FIRST_INTERVAL_DAYS;
      else
        next.interval = next_interval (&next, grade, now);

      next.repetitions = MIN (next.repetitions + 1, VIVA_REVIEW_COUNT_MAX);
      next.due = now + (gint64) next.interval * G_TIME_SPAN_DAY;
    }

  ease = (int) next.ease + ease_change[grade];
  next.ease = (guint) CLAMP (ease, VIVA_REVIEW_EASE_MIN, VIVA_REVIEW_EASE_MAX);
  next.last_review = now;

  *out = next;
}

/**
 * viva_scheduler_preview_interval:
 * @state: where the question stands
 * @grade: a grade the user may give
 * @now: when
 *
 * For the grade buttons' "in 4 days": how long after @now the question
 * would be due again after @grade.
 *
 * Returns: the time, in microseconds
 */
gint64
viva_scheduler_preview_interval (const VivaReviewState *state,
                                 VivaReviewGrade        grade,
                                 gint64                 now)
{
  VivaReviewState next;

  g_return_val_if_fail (state != NULL, 0);
  g_return_val_if_fail (grade_is_valid (grade), 0);

  viva_scheduler_review (state, grade, now, &next);

  return next.due - now;
}

/**
 * viva_scheduler_format_interval:
 * @usec: a time span, such as viva_scheduler_preview_interval() gives
 *
 * Says a time span in the largest unit that fits, rounded: "10 minutes",
 * "1 day", "4 days", "3 months", "2 years". Months are 30 days and years
 * 365 here; it is a hint on a button, not a calendar.
 *
 * Returns: (transfer full): the text, translated
 */
char *
viva_scheduler_format_interval (gint64 usec)
{
  gint64 minutes = MAX (1, (usec + G_TIME_SPAN_MINUTE / 2) / G_TIME_SPAN_MINUTE);
  gint64 hours = (usec + G_TIME_SPAN_HOUR / 2) / G_TIME_SPAN_HOUR;
  gint64 days = (usec + G_TIME_SPAN_DAY / 2) / G_TIME_SPAN_DAY;
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
      n = (guint) ((days + 15) / 30);
      return g_strdup_printf (ngettext ("%u month", "%u months", n), n);
    }

  n = (guint) MIN ((days + 182) / 365, (gint64) G_MAXUINT);
  return g_strdup_printf (ngettext ("%u year", "%u years", n), n);
}
