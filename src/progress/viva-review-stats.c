/* viva-review-stats.c
 *
 * Review's figures for the progress page and the question view, all in
 * review days: a day begins at the day-start hour, local time, so it is
 * 23 or 25 hours long when the clocks change, and a review at 1 am
 * counts for the evening before (viva_review_day_init()).
 *
 * Costs: finding a review day with viva_review_day_init() makes a few
 * GDateTimes, far too slow for each of the two million reviews of a
 * 100,000-question bank. So the activity computes the start of each day
 * once (53 weeks, and further back only when an older review needs it),
 * newest first, and places each review by guessing its day from 24-hour
 * days and stepping a day or two to the right one: a few comparisons per
 * review. The forecast does the same for its 30 days.
 *
 * Histories hold a question's last VIVA_REVIEW_HISTORY_MAX reviews, so a
 * question reviewed more often than that shows only its recent ones.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "viva-bank.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-question.h"
#include "viva-review-stats.h"
#include "viva-topic.h"

#define DAY_USEC (24 * G_TIME_SPAN_HOUR)
/* Streaks look back a hundred years at most: a review dated earlier
 * (a clock gone wrong, a damaged file) is not worth a day table that
 * long. */
#define MAX_HISTORY_DAYS 36525

struct _VivaReviewActivity
{
  GTimeZone *tz;
  guint      day_start_hour;

  /* The start of each review day, today first and then backwards:
   * day k (k days ago) runs from starts[k] to starts[k - 1], today to
   * today_end. */
  GArray    *starts;
  gint64     today_end;
  /* Reviews per day, in the same order. */
  GArray    *counts;

  /* The calendar's days: the last n_shown, oldest first from first_date,
   * which is a first day of the week. */
  guint      n_shown;
  guint32    first_julian;

  guint      total;
  guint      n_active_days;
  guint      max_count;
  guint      current_streak;
  guint      longest_streak;
};

static guint32
julian_of_time (gint64     time,
                GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;
  GDate date;
  int year, month, day;

  if (utc == NULL)
    return 1;

  local = g_date_time_to_timezone (utc, tz);
  g_date_time_get_ymd (local, &year, &month, &day);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);

  return g_date_get_julian (&date);
}

/* Review times beyond GDateTime's range (years 1 to 9999) would make
 * viva_review_day_init() fail: no review is that old or that late. */
static gint64
clamp_time (gint64 time)
{
  const gint64 min = G_GINT64_CONSTANT (-62135596800) * G_USEC_PER_SEC + 2 * DAY_USEC;
  const gint64 max = G_GINT64_CONSTANT (253402300799) * G_USEC_PER_SEC - 2 * DAY_USEC;

  return CLAMP (time, min, max);
}

/**
 * viva_review_activity_new:
 * @now: the moment, in microseconds since 1970 (UTC)
 * @tz: (nullable): the time zone days are counted in; %NULL for local
 * @day_start_hour: the hour a review day begins
 *   (%VIVA_REVIEW_DAY_START_HOUR in the app)
 * @first_weekday: the day a week begins on in the calendar
 *
 * Starts counting reviews per review day, for the calendar of the last
 * 53 weeks (ending with the week of today) and the streaks. Add every
 * history with viva_review_activity_add_reviews(), then
 * viva_review_activity_finish().
 *
 * Returns: (transfer full): the activity
 */
VivaReviewActivity *
viva_review_activity_new (gint64        now,
                          GTimeZone    *tz,
                          guint         day_start_hour,
                          GDateWeekday  first_weekday)
{
  VivaReviewActivity *self;
  VivaReviewDay today;
  GDate today_date;
  guint offset;

  g_return_val_if_fail (day_start_hour < 24, NULL);
  g_return_val_if_fail (g_date_valid_weekday (first_weekday), NULL);

  self = g_new0 (VivaReviewActivity, 1);
  self->tz = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  self->day_start_hour = day_start_hour;
  self->starts = g_array_sized_new (FALSE, FALSE, sizeof (gint64), VIVA_REVIEW_ACTIVITY_MAX_DAYS);
  self->counts = g_array_sized_new (FALSE, TRUE, sizeof (guint), VIVA_REVIEW_ACTIVITY_MAX_DAYS);

  viva_review_day_init (&today, clamp_time (now), self->tz, day_start_hour);
  g_array_append_val (self->starts, today.start);
  self->today_end = today.end;

  /* The calendar ends with today's week: 52 whole weeks, then this
   * week up to today. */
  g_date_clear (&today_date, 1);
  g_date_set_julian (&today_date, julian_of_time (today.start, self->tz));
  offset = (g_date_get_weekday (&today_date) + 7 - first_weekday) % 7;
  self->n_shown = (VIVA_REVIEW_ACTIVITY_N_WEEKS - 1) * 7 + offset + 1;
  self->first_julian = g_date_get_julian (&today_date) - (self->n_shown - 1);

  return self;
}

void
viva_review_activity_free (VivaReviewActivity *self)
{
  if (self == NULL)
    return;

  g_time_zone_unref (self->tz);
  g_array_unref (self->starts);
  g_array_unref (self->counts);
  g_free (self);
}

/* Computes the starts of the days back to @n_days ago (not more than
 * MAX_HISTORY_DAYS). */
static void
viva_review_activity_ensure_days (VivaReviewActivity *self,
                                  guint               n_days)
{
  n_days = MIN (n_days, MAX_HISTORY_DAYS);

  while (self->starts->len < n_days)
    {
      gint64 start = g_array_index (self->starts, gint64, self->starts->len - 1);
      VivaReviewDay day;

      viva_review_day_init (&day, clamp_time (start - 1), self->tz, self->day_start_hour);
      /* Only a time zone gone mad could stop days going backwards. */
      if (day.start >= start)
        break;
      g_array_append_val (self->starts, day.start);
    }

  if (self->counts->len < self->starts->len)
    g_array_set_size (self->counts, self->starts->len);
}

/* How many days ago @time was: -1 in the future (from today's end on),
 * or past the days computed so far. */
static int
viva_review_activity_days_ago (VivaReviewActivity *self,
                               gint64              time)
{
  const gint64 *starts = (const gint64 *) (gpointer) self->starts->data;
  guint len = self->starts->len;
  gint64 guess;
  guint k;

  if (time >= self->today_end)
    return -1;
  if (time >= starts[0])
    return 0;
  if (time < starts[len - 1])
    return -1;

  /* Days are 23 to 25 hours long: a guess from 24-hour days is a day
   * or so off, even a century back. */
  guess = (starts[0] - time + DAY_USEC - 1) / DAY_USEC;
  k = (guint) CLAMP (guess, 1, (gint64) len - 1);
  while (k > 0 && time >= starts[k - 1])
    k--;
  while (time < starts[k])
    k++;

  return (int) k;
}

static void
viva_review_activity_count (VivaReviewActivity *self,
                            guint               days_ago)
{
  g_array_index (self->counts, guint, days_ago)++;
}

/**
 * viva_review_activity_add_reviews:
 * @self: an activity
 * @entries: (array length=n_entries): one question's reviews
 * @n_entries: how many
 *
 * Counts the reviews in their days. Reviews dated after today (another
 * machine's clock) are not counted.
 */
void
viva_review_activity_add_reviews (VivaReviewActivity    *self,
                                  const VivaReviewEntry *entries,
                                  guint                  n_entries)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (entries != NULL || n_entries == 0);

  if (self->counts->len < self->n_shown)
    viva_review_activity_ensure_days (self, self->n_shown);

  for (guint i = 0; i < n_entries; i++)
    {
      gint64 time = entries[i].time;
      int days_ago = viva_review_activity_days_ago (self, time);

      if (days_ago < 0 && time < self->today_end)
        {
          /* Older than the days computed so far: compute back to it,
           * a day or two more than the guess, as days vary in length. */
          gint64 start = g_array_index (self->starts, gint64, 0);

          viva_review_activity_ensure_days (self, (guint) MIN ((start - clamp_time (time)) / DAY_USEC + 3,
                                                               (gint64) MAX_HISTORY_DAYS));
          days_ago = viva_review_activity_days_ago (self, time);
        }

      if (days_ago >= 0)
        viva_review_activity_count (self, (guint) days_ago);
    }
}

/**
 * viva_review_activity_finish:
 * @self: an activity
 *
 * Works out the totals and the streaks. Call once, after the last
 * viva_review_activity_add_reviews().
 */
void
viva_review_activity_finish (VivaReviewActivity *self)
{
  const guint *counts;
  guint run = 0;
  guint k;

  g_return_if_fail (self != NULL);

  viva_review_activity_ensure_days (self, self->n_shown);

  counts = (const guint *) (gpointer) self->counts->data;

  self->total = 0;
  self->n_active_days = 0;
  self->max_count = 0;
  for (k = 0; k < self->n_shown; k++)
    {
      self->total += counts[k];
      self->n_active_days += counts[k] > 0;
      self->max_count = MAX (self->max_count, counts[k]);
    }

  /* Today counts once it has a review; until it ends, a day without one
   * yet does not break the streak. */
  self->current_streak = 0;
  for (k = counts[0] > 0 ? 0 : 1; k < self->counts->len && counts[k] > 0; k++)
    self->current_streak++;

  self->longest_streak = 0;
  for (k = 0; k < self->counts->len; k++)
    {
      run = counts[k] > 0 ? run + 1 : 0;
      self->longest_streak = MAX (self->longest_streak, run);
    }
}

/* The calendar's days, from the first day of the week 52 weeks ago to
 * today. */
guint
viva_review_activity_get_n_days (const VivaReviewActivity *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_shown;
}

/**
 * viva_review_activity_get_count:
 * @self: an activity
 * @day: a day of the calendar, 0 for the first, oldest one
 *
 * Returns: the reviews that day
 */
guint
viva_review_activity_get_count (const VivaReviewActivity *self,
                                guint                     day)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (day < self->n_shown, 0);

  if (self->n_shown - 1 - day >= self->counts->len)
    return 0;

  return g_array_index (self->counts, guint, self->n_shown - 1 - day);
}

/**
 * viva_review_activity_get_date:
 * @self: an activity
 * @day: a day of the calendar, 0 for the first, oldest one
 * @date: (out caller-allocates): its date: that of the morning it
 *   begins
 */
void
viva_review_activity_get_date (const VivaReviewActivity *self,
                               guint                     day,
                               GDate                    *date)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (date != NULL);

  g_date_clear (date, 1);
  g_date_set_julian (date, self->first_julian + day);
}

/* Reviews in the calendar's days. */
guint
viva_review_activity_get_total (const VivaReviewActivity *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->total;
}

/* Days of the calendar with a review. */
guint
viva_review_activity_get_n_active_days (const VivaReviewActivity *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_active_days;
}

/* The most reviews on a day of the calendar. */
guint
viva_review_activity_get_max_count (const VivaReviewActivity *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->max_count;
}

/* Review days in a row with a review, up to today, or to yesterday
 * while today has none yet. */
guint
viva_review_activity_get_current_streak (const VivaReviewActivity *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->current_streak;
}

/* The most review days in a row with a review, ever (a hundred years
 * back at most). */
guint
viva_review_activity_get_longest_streak (const VivaReviewActivity *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->longest_streak;
}

gboolean
viva_review_activity_get_reviewed_today (const VivaReviewActivity *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->counts->len > 0 && g_array_index (self->counts, guint, 0) > 0;
}

/**
 * viva_review_activity_get_level:
 * @self: an activity
 * @count: reviews on a day
 *
 * The calendar's shade for @count: 0 for none, then 1 to
 * %VIVA_REVIEW_ACTIVITY_N_LEVELS, each a quarter of the way to the
 * busiest day.
 *
 * Returns: the level
 */
guint
viva_review_activity_get_level (const VivaReviewActivity *self,
                                guint                     count)
{
  g_return_val_if_fail (self != NULL, 0);

  if (count == 0 || self->max_count == 0)
    return 0;

  count = MIN (count, self->max_count);

  return 1 + (guint) ((guint64) (count - 1) * VIVA_REVIEW_ACTIVITY_N_LEVELS / self->max_count);
}

/**
 * viva_review_activity_get_level_min:
 * @self: an activity
 * @level: a level, 1 to %VIVA_REVIEW_ACTIVITY_N_LEVELS
 *
 * For the legend: the fewest reviews a day of @level has.
 *
 * Returns: that count, or 0 when no count has that level (fewer than
 *   four reviews on the busiest day)
 */
guint
viva_review_activity_get_level_min (const VivaReviewActivity *self,
                                    guint                     level)
{
  guint64 min;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (level >= 1 && level <= VIVA_REVIEW_ACTIVITY_N_LEVELS, 0);

  /* The smallest count c with (c - 1) * N >= (level - 1) * max. */
  min = ((guint64) (level - 1) * self->max_count + VIVA_REVIEW_ACTIVITY_N_LEVELS - 1) / VIVA_REVIEW_ACTIVITY_N_LEVELS + 1;
  if (min > self->max_count || viva_review_activity_get_level (self, (guint) min) != level)
    return 0;

  return (guint) min;
}

static char *
format_date (const GDate *date,
             const char  *format)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                                                   g_date_get_day (date), 12, 0, 0);

  return time != NULL ? g_date_time_format (time, format) : g_strdup ("");
}

/**
 * viva_review_activity_describe:
 * @self: a finished activity
 *
 * The calendar in words, for its accessible description and the line
 * under it.
 *
 * Returns: (transfer full): "1234 reviews on 210 days in the last year,
 *   at most 45 on a day (Tuesday 3 March 2026)" or "No reviews in the
 *   last year"
 */
char *
viva_review_activity_describe (const VivaReviewActivity *self)
{
  g_autofree char *reviews = NULL;
  g_autofree char *busiest_date = NULL;
  GDate date;
  guint busiest = 0;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->total == 0)
    return g_strdup (_("No reviews in the last year"));

  for (guint day = 0; day < self->n_shown; day++)
    {
      if (viva_review_activity_get_count (self, day) == self->max_count)
        {
          busiest = day;
          break;
        }
    }
  viva_review_activity_get_date (self, busiest, &date);
  /* Translators: a date in a sentence, see the GDateTime format. */
  busiest_date = format_date (&date, C_("date", "%A %-d %B %Y"));

  /* Translators: the first part of "1234 reviews on 210 days in the
   * last year, …". */
  reviews = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u review", "%u reviews", self->total),
                             self->total);

  /* Translators: "1234 reviews" "on 210 days in the last year, at most
   * 45 on a day (Tuesday 3 March 2026)". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s on %u day in the last year, at most %u on a day (%s)",
                                       "%s on %u days in the last year, at most %u on a day (%s)",
                                       self->n_active_days),
                          reviews, self->n_active_days, self->max_count, busiest_date);
}

/**
 * viva_review_activity_describe_day:
 * @self: an activity
 * @day: a day of the calendar, 0 for the oldest
 *
 * Returns: (transfer full): "12 reviews on Tuesday 3 March 2026"
 */
char *
viva_review_activity_describe_day (const VivaReviewActivity *self,
                                   guint                     day)
{
  g_autofree char *when = NULL;
  guint count;
  GDate date;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (day < self->n_shown, NULL);

  count = viva_review_activity_get_count (self, day);
  viva_review_activity_get_date (self, day, &date);
  when = format_date (&date, C_("date", "%A %-d %B %Y"));

  if (count == 0)
    /* Translators: a day of the calendar of reviews. */
    return g_strdup_printf (_("No reviews on %s"), when);

  /* Translators: a day of the calendar of reviews. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u review on %s", "%u reviews on %s", count),
                          count, when);
}

/**
 * viva_review_activity_describe_streak:
 * @self: a finished activity
 *
 * Returns: (transfer full): "Current streak: 5 days · Longest: 30 days"
 */
char *
viva_review_activity_describe_streak (const VivaReviewActivity *self)
{
  g_autofree char *current = NULL;
  g_autofree char *longest = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  /* Translators: days in a row with at least one review. */
  current = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Current streak: %u day", "Current streak: %u days",
                                          self->current_streak),
                             self->current_streak);
  /* Translators: the most days in a row with at least one review. */
  longest = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "longest: %u day", "longest: %u days",
                                          self->longest_streak),
                             self->longest_streak);

  /* Translators: "Current streak: 5 days" and "longest: 30 days". */
  return g_strdup_printf (_("%s · %s"), current, longest);
}

/* The forecast */

/**
 * viva_review_forecast_init:
 * @self: (out caller-allocates): the forecast
 * @now: the moment, in microseconds since 1970 (UTC)
 * @tz: (nullable): the time zone days are counted in; %NULL for local
 * @day_start_hour: the hour a review day begins
 *
 * Starts counting what falls due on each of the 30 review days from
 * today. Add each question's state with viva_review_forecast_add().
 */
void
viva_review_forecast_init (VivaReviewForecast *self,
                           gint64              now,
                           GTimeZone          *tz,
                           guint               day_start_hour)
{
  g_autoptr(GTimeZone) local = NULL;
  VivaReviewDay day;

  g_return_if_fail (self != NULL);
  g_return_if_fail (day_start_hour < 24);

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();

  *self = (VivaReviewForecast) { 0 };
  viva_review_day_init (&day, clamp_time (now), tz, day_start_hour);
  self->today_julian = julian_of_time (day.start, tz);
  for (guint i = 0; i < VIVA_REVIEW_FORECAST_N_DAYS; i++)
    {
      self->day_ends[i] = day.end;
      viva_review_day_init (&day, clamp_time (day.end), tz, day_start_hour);
    }
}

/**
 * viva_review_forecast_add:
 * @self: a forecast
 * @state: a question's place in the schedule
 *
 * Counts the question on the day it is due: today when it is overdue,
 * none when it was never reviewed, "later" after the last day.
 */
void
viva_review_forecast_add (VivaReviewForecast    *self,
                          const VivaReviewState *state)
{
  guint low = 0;
  guint high = VIVA_REVIEW_FORECAST_N_DAYS;

  g_return_if_fail (self != NULL);
  g_return_if_fail (state != NULL);

  if (viva_review_state_is_new (state))
    return;

  if (state->due >= self->day_ends[VIVA_REVIEW_FORECAST_N_DAYS - 1])
    {
      self->later++;
      return;
    }

  /* The first day that ends after it is due. */
  while (low < high)
    {
      guint middle = (low + high) / 2;

      if (state->due < self->day_ends[middle])
        high = middle;
      else
        low = middle + 1;
    }

  self->due[low]++;
  self->total++;
}

guint
viva_review_forecast_get_max (const VivaReviewForecast *self)
{
  guint max = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < VIVA_REVIEW_FORECAST_N_DAYS; i++)
    max = MAX (max, self->due[i]);

  return max;
}

/**
 * viva_review_forecast_get_date:
 * @self: a forecast
 * @day: 0 for today, up to %VIVA_REVIEW_FORECAST_N_DAYS - 1
 * @date: (out caller-allocates): the date of that review day
 */
void
viva_review_forecast_get_date (const VivaReviewForecast *self,
                               guint                     day,
                               GDate                    *date)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (date != NULL);

  g_date_clear (date, 1);
  g_date_set_julian (date, MAX (self->today_julian, 1) + day);
}

/**
 * viva_review_forecast_describe_day:
 * @self: a forecast
 * @day: 0 for today, up to %VIVA_REVIEW_FORECAST_N_DAYS - 1
 *
 * Returns: (transfer full): "12 due today", "5 due tomorrow", "3 due on
 *   Tuesday 3 March"
 */
char *
viva_review_forecast_describe_day (const VivaReviewForecast *self,
                                   guint                     day)
{
  g_autofree char *when = NULL;
  guint n;
  GDate date;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (day < VIVA_REVIEW_FORECAST_N_DAYS, NULL);

  n = self->due[day];
  if (day == 0)
    /* Translators: a bar of the forecast of reviews; today's include
     * those overdue. */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u due today", "%u due today", n), n);
  if (day == 1)
    /* Translators: a bar of the forecast of reviews. */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u due tomorrow", "%u due tomorrow", n), n);

  viva_review_forecast_get_date (self, day, &date);
  /* Translators: a date in a sentence, see the GDateTime format. */
  when = format_date (&date, C_("date", "%A %-d %B"));
  /* Translators: a bar of the forecast of reviews: "3 due on Tuesday 3
   * March". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u due on %s", "%u due on %s", n), n, when);
}

/**
 * viva_review_forecast_describe:
 * @self: a forecast
 *
 * The chart in words: today, tomorrow, the week, the month and the
 * busiest day.
 *
 * Returns: (transfer full): "Reviews due in the next 30 days: 12 today,
 *   5 tomorrow, 40 within 7 days, 120 in all; at most 25 on a day"
 */
char *
viva_review_forecast_describe (const VivaReviewForecast *self)
{
  g_autofree char *today = NULL;
  g_autofree char *tomorrow = NULL;
  g_autofree char *week = NULL;
  guint n_week = 0;
  guint max;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->total == 0)
    return g_strdup (_("No reviews due in the next 30 days"));

  for (guint i = 0; i < 7; i++)
    n_week += self->due[i];
  max = viva_review_forecast_get_max (self);

  /* Translators: part of "Reviews due in the next 30 days: 12 today, 5
   * tomorrow, 40 within 7 days; 120 in all, at most 25 on a day". */
  today = g_strdup_printf (C_("due", "%u today"), self->due[0]);
  tomorrow = g_strdup_printf (C_("due", "%u tomorrow"), self->due[1]);
  week = g_strdup_printf (C_("due", "%u within 7 days"), n_week);

  /* Translators: "12 today", "5 tomorrow", "40 within 7 days", then the
   * total of the 30 days and the most on one of them. */
  return g_strdup_printf (_("Reviews due in the next 30 days: %s, %s, %s; %u in all, at most %u on a day"),
                          today, tomorrow, week, self->total, max);
}

/* Words about one question */

static guint32
review_day_julian (gint64     time,
                   GTimeZone *tz,
                   guint      day_start_hour)
{
  VivaReviewDay day;

  viva_review_day_init (&day, clamp_time (time), tz, day_start_hour);

  return julian_of_time (day.start, tz);
}

/**
 * viva_review_days_between:
 * @from: a moment, in microseconds since 1970 (UTC)
 * @to: another
 * @tz: (nullable): the time zone days are counted in; %NULL for local
 * @day_start_hour: the hour a review day begins
 *
 * Returns: how many review days @to is after @from: 0 on the same
 *   review day, negative when @to is on an earlier one
 */
int
viva_review_days_between (gint64     from,
                          gint64     to,
                          GTimeZone *tz,
                          guint      day_start_hour)
{
  g_autoptr(GTimeZone) local = NULL;

  g_return_val_if_fail (day_start_hour < 24, 0);

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();

  return (int) review_day_julian (to, tz, day_start_hour) - (int) review_day_julian (from, tz, day_start_hour);
}

/**
 * viva_review_describe_next:
 * @state: a question's place in the schedule
 * @retrievability: how likely it is to be recalled now, 0 to 1, or
 *   negative when there is no memory to tell
 * @now: the moment, in microseconds since 1970 (UTC)
 * @tz: (nullable): the time zone days are counted in; %NULL for local
 * @day_start_hour: the hour a review day begins
 *
 * The question's memory and next review in words, for the question
 * view.
 *
 * Returns: (transfer full): "About 80% likely to recall · next review
 *   in 6 days", "… · due today", "… · overdue by 3 days", or "Not
 *   reviewed yet"
 */
char *
viva_review_describe_next (const VivaReviewState *state,
                           double                 retrievability,
                           gint64                 now,
                           GTimeZone             *tz,
                           guint                  day_start_hour)
{
  g_autofree char *recall = NULL;
  g_autofree char *next = NULL;
  int days;

  g_return_val_if_fail (state != NULL, NULL);
  g_return_val_if_fail (day_start_hour < 24, NULL);

  if (viva_review_state_is_new (state))
    return g_strdup (_("Not reviewed yet"));

  days = viva_review_days_between (now, state->due, tz, day_start_hour);

  /* NaN fails every comparison, so it counts as no memory. */
  if (!(retrievability >= 0))
    {
      if (days > 0)
        /* Translators: when a question comes back in Review. */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Next review in %d day", "Next review in %d days", days),
                                days);
      if (days < 0)
        /* Translators: a question that Review should have asked already. */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Overdue by %d day", "Overdue by %d days", -days),
                                -days);
      /* Translators: a question that Review asks today. */
      return g_strdup (_("Due today"));
    }

  /* Translators: FSRS's estimate of the chance to remember the answer
   * now, e.g. "About 80% likely to recall". */
  recall = g_strdup_printf (_("About %d%% likely to recall"),
                            (int) lround (100 * MIN (retrievability, 1.0)));

  if (days > 0)
    /* Translators: after "About 80% likely to recall · ". */
    next = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "next review in %d day", "next review in %d days", days),
                            days);
  else if (days < 0)
    /* Translators: after "About 80% likely to recall · ". */
    next = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "overdue by %d day", "overdue by %d days", -days),
                            -days);
  else
    /* Translators: after "About 80% likely to recall · ". */
    next = g_strdup (_("due today"));

  /* Translators: "About 80% likely to recall" and "next review in 6
   * days". */
  return g_strdup_printf (_("%s · %s"), recall, next);
}

/* Expected recall */

/* The questions the user would answer, to the nearest whole one. */
guint
viva_recall_get_expected_count (const VivaRecall *recall)
{
  g_return_val_if_fail (recall != NULL, 0);

  if (!(recall->expected > 0))
    return 0;

  return (guint) MIN (lround (recall->expected), (long) recall->n_questions);
}

/* The expected recall as a share of the questions, 0 to 100. */
guint
viva_recall_get_percent (const VivaRecall *recall)
{
  g_return_val_if_fail (recall != NULL, 0);

  if (recall->n_questions == 0 || !(recall->expected > 0))
    return 0;

  return (guint) MIN (lround (100 * recall->expected / recall->n_questions), 100);
}

/**
 * viva_recall_get_shade:
 * @recall: an expected recall
 *
 * The shade of a tile of the map of weak areas: 0 when not one question
 * is likely recalled (to the nearest whole one), %VIVA_RECALL_N_SHADES -
 * 1 when all are, and in between by quarters of the questions.
 *
 * Returns: the shade
 */
guint
viva_recall_get_shade (const VivaRecall *recall)
{
  guint count;

  g_return_val_if_fail (recall != NULL, 0);

  count = viva_recall_get_expected_count (recall);
  if (count == 0)
    return 0;
  if (count == recall->n_questions)
    return VIVA_RECALL_N_SHADES - 1;

  return 1 + MIN (3, (guint) (4 * recall->expected / recall->n_questions));
}

/**
 * viva_recall_describe:
 * @recall: an expected recall
 *
 * Returns: (transfer full): "about 7 of 25 likely recalled today"
 */
char *
viva_recall_describe (const VivaRecall *recall)
{
  g_return_val_if_fail (recall != NULL, NULL);

  /* Translators: expected recall of a level or topic: the questions
   * the user would answer today, by FSRS's prediction. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "about %u of %u likely recalled today",
                                       "about %u of %u likely recalled today",
                                       recall->n_questions),
                          viva_recall_get_expected_count (recall), recall->n_questions);
}

static void
recall_add (GHashTable *groups,
            gpointer    group,
            double      retrievability)
{
  VivaRecall *recall;

  if (group == NULL)
    return;

  recall = g_hash_table_lookup (groups, group);
  if (recall == NULL)
    {
      recall = g_new0 (VivaRecall, 1);
      g_hash_table_insert (groups, group, recall);
    }

  recall->n_questions++;
  if (retrievability >= 0)
    {
      recall->expected += retrievability;
      recall->n_remembered++;
    }
}

/* A bank's figures */

/**
 * viva_review_stats_new:
 * @store: the user's notes
 * @bank: a bank
 * @config: how Review schedules: the FSRS parameters that predict
 *   recall, and the time zone and hour review days begin at
 * @now: the moment, in microseconds since 1970 (UTC)
 * @first_weekday: the day a week begins on in the calendar
 * @flags: what to count
 *
 * Counts Review's figures for the questions of @bank, in one pass over
 * them, looking up the note @store has for each; notes of questions the
 * bank no longer has are left out, as Review leaves them out.
 *
 * Returns: (transfer full): the figures
 */
VivaReviewStats *
viva_review_stats_new (VivaNotesStore            *store,
                       VivaBank                  *bank,
                       const VivaSchedulerConfig *config,
                       gint64                     now,
                       GDateWeekday               first_weekday,
                       VivaReviewStatsFlags       flags)
{
  g_autoptr(GTimeZone) local = NULL;
  VivaReviewStats *self;
  GListModel *questions;
  const char *bank_id;
  GTimeZone *tz;
  guint n_questions;
  guint day_start_hour;

  g_return_val_if_fail (VIVA_IS_NOTES_STORE (store), NULL);
  g_return_val_if_fail (VIVA_IS_BANK (bank), NULL);
  g_return_val_if_fail (config != NULL, NULL);

  tz = config->tz != NULL ? config->tz : (local = g_time_zone_new_local ());
  day_start_hour = MIN (config->day_start_hour, 23);
  bank_id = viva_bank_get_id (bank);

  self = g_new0 (VivaReviewStats, 1);
  self->groups = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->outside_topics = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  if (flags & VIVA_REVIEW_STATS_CHARTS)
    self->activity = viva_review_activity_new (now, tz, day_start_hour, first_weekday);
  viva_review_forecast_init (&self->forecast, now, tz, day_start_hour);

  /* By the bank's questions, a look-up each: cheaper than listing the
   * store's notes, which sorts them, and it leaves out the notes of
   * questions the bank no longer has. */
  questions = viva_bank_get_questions (bank);
  n_questions = g_list_model_get_n_items (questions);
  for (guint i = 0; i < n_questions; i++)
    {
      g_autoptr(VivaQuestion) question = g_list_model_get_item (questions, i);
      VivaNote *note = viva_notes_store_lookup_note (store, bank_id, viva_question_get_number (question));
      const VivaReviewState *state = note != NULL ? viva_note_get_review_state (note) : NULL;

      if (flags & VIVA_REVIEW_STATS_RECALL)
        {
          double retrievability = state != NULL ? viva_scheduler_retrievability (config, state, now) : -1;
          VivaTopic *topic = viva_question_get_topic (question);

          /* A damaged memory counts as none. */
          if (!isfinite (retrievability))
            retrievability = -1;

          self->recall.n_questions++;
          if (retrievability >= 0)
            {
              self->recall.expected += retrievability;
              self->recall.n_remembered++;
            }
          recall_add (self->groups, viva_question_get_level (question), retrievability);
          if (topic != NULL)
            recall_add (self->groups, topic, retrievability);
          else
            recall_add (self->outside_topics, viva_question_get_level (question), retrievability);
        }

      if ((flags & VIVA_REVIEW_STATS_CHARTS) && note != NULL)
        {
          const VivaReviewEntry *history;
          guint n_entries;

          history = viva_note_get_history (note, &n_entries);
          viva_review_activity_add_reviews (self->activity, history, n_entries);
          viva_review_forecast_add (&self->forecast, state);
        }
    }

  if (self->activity != NULL)
    viva_review_activity_finish (self->activity);

  return self;
}

void
viva_review_stats_free (VivaReviewStats *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->activity, viva_review_activity_free);
  g_clear_pointer (&self->groups, g_hash_table_unref);
  g_clear_pointer (&self->outside_topics, g_hash_table_unref);
  g_free (self);
}

static const VivaRecall no_recall = { 0 };

/**
 * viva_review_stats_get_recall:
 * @self: figures counted with %VIVA_REVIEW_STATS_RECALL
 * @group: a #VivaLevel or #VivaTopic of the bank
 *
 * Returns: (transfer none): its expected recall (none for a group the
 *   bank does not have)
 */
const VivaRecall *
viva_review_stats_get_recall (VivaReviewStats *self,
                              gpointer         group)
{
  const VivaRecall *recall;

  g_return_val_if_fail (self != NULL, &no_recall);

  recall = g_hash_table_lookup (self->groups, group);

  return recall != NULL ? recall : &no_recall;
}

/* The expected recall of the questions of @level in none of its
 * topics. */
const VivaRecall *
viva_review_stats_get_recall_outside_topics (VivaReviewStats *self,
                                             VivaLevel       *level)
{
  const VivaRecall *recall;

  g_return_val_if_fail (self != NULL, &no_recall);

  recall = g_hash_table_lookup (self->outside_topics, level);

  return recall != NULL ? recall : &no_recall;
}
