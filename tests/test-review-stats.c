/* test-review-stats.c
 *
 * The progress page's figures on a scripted history, with the clock
 * passed in and days counted in Berlin (not UTC), across the change to
 * summer time of 29 March 2026, when the review day of 28 March is 23
 * hours long: reviews per day for the calendar, streaks, the forecast
 * of reviews due, and the sentences that say them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "viva-review-stats.h"

/* The descriptions are new strings: compared, then freed. */
static void
assert_text (char       *text,
             const char *expected)
{
  g_autofree char *owned = text;

  g_assert_cmpstr (owned, ==, expected);
}

static GTimeZone *berlin;

/* A local time in Berlin, in microseconds since 1970. */
static gint64
at (int year,
    int month,
    int day,
    int hour,
    int minute)
{
  g_autoptr(GDateTime) time = g_date_time_new (berlin, year, month, day, hour, minute, 0);

  g_assert_nonnull (time);
  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

static VivaReviewEntry
entry (gint64 time)
{
  return (VivaReviewEntry) { time, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW };
}

/* The calendar's index of a date. */
static guint
day_of (VivaReviewActivity *activity,
        int                 year,
        int                 month,
        int                 day)
{
  GDate first;
  GDate date;

  viva_review_activity_get_date (activity, 0, &first);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);

  return (guint) (g_date_get_julian (&date) - g_date_get_julian (&first));
}

static guint
count_on (VivaReviewActivity *activity,
          int                 year,
          int                 month,
          int                 day)
{
  return viva_review_activity_get_count (activity, day_of (activity, year, month, day));
}

/* Reviews land on their review day: before 4 am is the evening before,
 * also on the night the clocks go forward, and the 23-hour day holds
 * exactly its own reviews. */
static void
test_activity_days (void)
{
  /* Monday 30 March 2026, 10:00 summer time. */
  gint64 now = at (2026, 3, 30, 10, 0);
  const VivaReviewEntry first[] = {
    entry (at (2026, 3, 28, 4, 0)),     /* the 23-hour day begins */
    entry (at (2026, 3, 29, 1, 30)),    /* winter time, still the 28th */
    entry (at (2026, 3, 29, 3, 59)),    /* summer time, still the 28th */
    entry (at (2026, 3, 29, 4, 0)),     /* the 29th begins */
    entry (at (2026, 3, 30, 2, 0)),     /* the 29th, after midnight */
    entry (at (2026, 3, 30, 9, 0)),     /* today */
  };
  const VivaReviewEntry second[] = {
    entry (at (2026, 3, 30, 9, 30)),    /* today */
    entry (at (2026, 3, 31, 4, 0)),     /* tomorrow: another machine's clock */
    entry (at (2026, 3, 28, 3, 59)),    /* the 27th */
    entry (at (2025, 3, 31, 12, 0)),    /* the calendar's first day */
    entry (at (2025, 3, 30, 12, 0)),    /* the day before it */
  };
  g_autoptr(VivaReviewActivity) activity = viva_review_activity_new (now, berlin, VIVA_REVIEW_DAY_START_HOUR,
                                                                     G_DATE_MONDAY);
  GDate date;

  viva_review_activity_add_reviews (activity, first, G_N_ELEMENTS (first));
  viva_review_activity_add_reviews (activity, second, G_N_ELEMENTS (second));
  viva_review_activity_add_reviews (activity, NULL, 0);
  viva_review_activity_finish (activity);

  /* 53 weeks from a Monday, ending with this week, which is today. */
  g_assert_cmpuint (viva_review_activity_get_n_days (activity), ==, 52 * 7 + 1);
  viva_review_activity_get_date (activity, 0, &date);
  g_assert_cmpint (g_date_get_weekday (&date), ==, G_DATE_MONDAY);
  g_assert_cmpint (g_date_get_year (&date), ==, 2025);
  g_assert_cmpint (g_date_get_month (&date), ==, 3);
  g_assert_cmpint (g_date_get_day (&date), ==, 31);
  viva_review_activity_get_date (activity, viva_review_activity_get_n_days (activity) - 1, &date);
  g_assert_cmpint (g_date_get_day (&date), ==, 30);

  g_assert_cmpuint (count_on (activity, 2026, 3, 27), ==, 1);
  g_assert_cmpuint (count_on (activity, 2026, 3, 28), ==, 3);
  g_assert_cmpuint (count_on (activity, 2026, 3, 29), ==, 2);
  g_assert_cmpuint (count_on (activity, 2026, 3, 30), ==, 2);
  g_assert_cmpuint (count_on (activity, 2025, 3, 31), ==, 1);
  g_assert_cmpuint (count_on (activity, 2026, 3, 26), ==, 0);

  /* The calendar's days only: not tomorrow's, not the day before it. */
  g_assert_cmpuint (viva_review_activity_get_total (activity), ==, 9);
  g_assert_cmpuint (viva_review_activity_get_n_active_days (activity), ==, 5);
  g_assert_cmpuint (viva_review_activity_get_max_count (activity), ==, 3);
  g_assert_true (viva_review_activity_get_reviewed_today (activity));
  /* 27, 28, 29 and today. */
  g_assert_cmpuint (viva_review_activity_get_current_streak (activity), ==, 4);
  g_assert_cmpuint (viva_review_activity_get_longest_streak (activity), ==, 4);

  assert_text (viva_review_activity_describe_day (activity, day_of (activity, 2026, 3, 28)),
               "3 reviews on Saturday 28 March 2026");
  assert_text (viva_review_activity_describe_day (activity, day_of (activity, 2026, 3, 27)),
               "1 review on Friday 27 March 2026");
  assert_text (viva_review_activity_describe_day (activity, day_of (activity, 2026, 3, 26)),
               "No reviews on Thursday 26 March 2026");
  assert_text (viva_review_activity_describe (activity),
               "9 reviews on 5 days in the last year, at most 3 on a day (Saturday 28 March 2026)");
  assert_text (viva_review_activity_describe_streak (activity),
               "Current streak: 4 days · longest: 4 days");
}

/* The week begins where the locale says: with Sunday, today (a Monday)
 * is the second day of the last week. */
static void
test_activity_first_weekday (void)
{
  g_autoptr(VivaReviewActivity) activity = viva_review_activity_new (at (2026, 3, 30, 10, 0), berlin,
                                                                     VIVA_REVIEW_DAY_START_HOUR, G_DATE_SUNDAY);
  GDate date;

  viva_review_activity_finish (activity);
  g_assert_cmpuint (viva_review_activity_get_n_days (activity), ==, 52 * 7 + 2);
  viva_review_activity_get_date (activity, 0, &date);
  g_assert_cmpint (g_date_get_weekday (&date), ==, G_DATE_SUNDAY);
  g_assert_cmpuint (viva_review_activity_get_total (activity), ==, 0);
  assert_text (viva_review_activity_describe (activity), "No reviews in the last year");
  assert_text (viva_review_activity_describe_streak (activity),
               "Current streak: 0 days · longest: 0 days");
}

static VivaReviewActivity *
activity_on_days (gint64       now,
                  const int   *days_ago,
                  guint        n_days)
{
  VivaReviewActivity *activity = viva_review_activity_new (now, berlin, VIVA_REVIEW_DAY_START_HOUR, G_DATE_MONDAY);

  for (guint i = 0; i < n_days; i++)
    {
      /* Noon, days_ago calendar days before now (noon is always inside
       * its review day, whatever the clocks did). */
      g_autoptr(GDateTime) now_time = g_date_time_new_from_unix_utc (now / G_USEC_PER_SEC);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (now_time, berlin);
      g_autoptr(GDateTime) noon = g_date_time_new (berlin, g_date_time_get_year (local),
                                                   g_date_time_get_month (local),
                                                   g_date_time_get_day_of_month (local), 12, 0, 0);
      g_autoptr(GDateTime) day = g_date_time_add_days (noon, -days_ago[i]);
      VivaReviewEntry review = entry (g_date_time_to_unix (day) * G_USEC_PER_SEC);

      viva_review_activity_add_reviews (activity, &review, 1);
    }

  viva_review_activity_finish (activity);

  return activity;
}

/* A day not reviewed yet does not break the streak before it ends; a
 * day with no review does; the longest streak may be older than the
 * calendar. */
static void
test_streaks (void)
{
  gint64 evening = at (2026, 3, 30, 23, 0);
  gint64 past_midnight = at (2026, 3, 31, 1, 0);
  const int until_yesterday[] = { 1, 2, 3 };
  const int until_today[] = { 0, 1, 2, 3 };
  const int gap_yesterday[] = { 2, 3, 4 };
  /* Ten days in a row, 500 days ago (before the calendar), and the last
   * two days of the winter-time change. */
  const int long_ago[] = { 500, 501, 502, 503, 504, 505, 506, 507, 508, 509, 1, 2 };
  VivaReviewActivity *activity;

  activity = activity_on_days (evening, until_yesterday, G_N_ELEMENTS (until_yesterday));
  g_assert_false (viva_review_activity_get_reviewed_today (activity));
  g_assert_cmpuint (viva_review_activity_get_current_streak (activity), ==, 3);
  g_assert_cmpuint (viva_review_activity_get_longest_streak (activity), ==, 3);
  viva_review_activity_free (activity);

  /* At 1 am on the 31st it is still the review day of the 30th, whose
   * noon review (a calendar day before) is today's. */
  activity = activity_on_days (past_midnight, until_yesterday, G_N_ELEMENTS (until_yesterday));
  g_assert_true (viva_review_activity_get_reviewed_today (activity));
  g_assert_cmpuint (viva_review_activity_get_current_streak (activity), ==, 3);
  viva_review_activity_free (activity);

  activity = activity_on_days (evening, until_today, G_N_ELEMENTS (until_today));
  g_assert_true (viva_review_activity_get_reviewed_today (activity));
  g_assert_cmpuint (viva_review_activity_get_current_streak (activity), ==, 4);
  viva_review_activity_free (activity);

  activity = activity_on_days (evening, gap_yesterday, G_N_ELEMENTS (gap_yesterday));
  g_assert_cmpuint (viva_review_activity_get_current_streak (activity), ==, 0);
  g_assert_cmpuint (viva_review_activity_get_longest_streak (activity), ==, 3);
  viva_review_activity_free (activity);

  activity = activity_on_days (evening, long_ago, G_N_ELEMENTS (long_ago));
  g_assert_cmpuint (viva_review_activity_get_current_streak (activity), ==, 2);
  g_assert_cmpuint (viva_review_activity_get_longest_streak (activity), ==, 10);
  /* Only the calendar's year is in the total. */
  g_assert_cmpuint (viva_review_activity_get_total (activity), ==, 2);
  assert_text (viva_review_activity_describe_streak (activity),
               "Current streak: 2 days · longest: 10 days");
  viva_review_activity_free (activity);
}

/* Four shades by quarters of the busiest day, and the legend's counts. */
static void
test_levels (void)
{
  const guint busiest = 20;
  g_autoptr(VivaReviewActivity) activity = viva_review_activity_new (at (2026, 3, 30, 10, 0), berlin, 4, G_DATE_MONDAY);
  g_autoptr(VivaReviewActivity) quiet = viva_review_activity_new (at (2026, 3, 30, 10, 0), berlin, 4, G_DATE_MONDAY);
  VivaReviewEntry reviews[20];
  VivaReviewEntry two[2];

  for (guint i = 0; i < busiest; i++)
    reviews[i] = entry (at (2026, 3, 30, 9, (int) i));
  viva_review_activity_add_reviews (activity, reviews, busiest);
  viva_review_activity_finish (activity);

  g_assert_cmpuint (viva_review_activity_get_level (activity, 0), ==, 0);
  g_assert_cmpuint (viva_review_activity_get_level (activity, 1), ==, 1);
  g_assert_cmpuint (viva_review_activity_get_level (activity, 5), ==, 1);
  g_assert_cmpuint (viva_review_activity_get_level (activity, 6), ==, 2);
  g_assert_cmpuint (viva_review_activity_get_level (activity, 15), ==, 3);
  g_assert_cmpuint (viva_review_activity_get_level (activity, 16), ==, 4);
  g_assert_cmpuint (viva_review_activity_get_level (activity, 20), ==, 4);
  g_assert_cmpuint (viva_review_activity_get_level_min (activity, 1), ==, 1);
  g_assert_cmpuint (viva_review_activity_get_level_min (activity, 2), ==, 6);
  g_assert_cmpuint (viva_review_activity_get_level_min (activity, 3), ==, 11);
  g_assert_cmpuint (viva_review_activity_get_level_min (activity, 4), ==, 16);

  /* Two reviews at most: levels 2 and 4 hold nothing. */
  two[0] = entry (at (2026, 3, 30, 9, 0));
  two[1] = entry (at (2026, 3, 30, 9, 1));
  viva_review_activity_add_reviews (quiet, two, 2);
  viva_review_activity_finish (quiet);
  g_assert_cmpuint (viva_review_activity_get_level (quiet, 1), ==, 1);
  g_assert_cmpuint (viva_review_activity_get_level (quiet, 2), ==, 3);
  g_assert_cmpuint (viva_review_activity_get_level_min (quiet, 1), ==, 1);
  g_assert_cmpuint (viva_review_activity_get_level_min (quiet, 2), ==, 0);
  g_assert_cmpuint (viva_review_activity_get_level_min (quiet, 3), ==, 2);
  g_assert_cmpuint (viva_review_activity_get_level_min (quiet, 4), ==, 0);
}

/* Dates no clock gives (a damaged file, a clock gone wrong) count
 * nowhere or far back, and never abort. */
static void
test_activity_hostile (void)
{
  const VivaReviewEntry reviews[] = {
    entry (G_MININT64), entry (G_MAXINT64), entry (0), entry (1), entry (-1),
    entry (at (2026, 3, 30, 9, 0)),
  };
  g_autoptr(VivaReviewActivity) activity = viva_review_activity_new (at (2026, 3, 30, 10, 0), berlin, 4, G_DATE_MONDAY);
  g_autoptr(VivaReviewActivity) far = viva_review_activity_new (G_MAXINT64, berlin, 4, G_DATE_MONDAY);

  viva_review_activity_add_reviews (activity, reviews, G_N_ELEMENTS (reviews));
  viva_review_activity_finish (activity);
  g_assert_cmpuint (viva_review_activity_get_total (activity), ==, 1);
  g_assert_cmpuint (viva_review_activity_get_current_streak (activity), ==, 1);
  /* 1970 is in reach, and its reviews are on the same day. */
  g_assert_cmpuint (viva_review_activity_get_longest_streak (activity), ==, 1);

  viva_review_activity_add_reviews (far, reviews, G_N_ELEMENTS (reviews));
  viva_review_activity_finish (far);
  g_assert_cmpuint (viva_review_activity_get_n_days (far), >=, 52 * 7 + 1);
}

static VivaReviewState
due_at (gint64 due)
{
  VivaReviewState state;

  viva_review_state_init (&state);
  state.last_review = at (2026, 3, 1, 12, 0);
  state.due = due;
  state.repetitions = 1;
  state.interval = 1;

  return state;
}

/* Each question on the review day it is due, overdue ones today, from
 * Friday 27 March across the change of the clocks. */
static void
test_forecast (void)
{
  VivaReviewForecast forecast;
  VivaReviewState state;
  g_autofree char *text = NULL;
  const gint64 due[] = {
    at (2026, 3, 24, 12, 0),    /* overdue: today */
    at (2026, 3, 27, 11, 0),    /* earlier today */
    at (2026, 3, 27, 20, 0),    /* later today */
    at (2026, 3, 28, 3, 59),    /* still today's review day */
    at (2026, 3, 28, 4, 0),     /* tomorrow */
    at (2026, 3, 29, 3, 30),    /* tomorrow, in summer time */
    at (2026, 3, 29, 4, 0),     /* the day after */
    at (2026, 4, 25, 12, 0),    /* the 30th day */
    at (2026, 4, 26, 4, 0),     /* after it */
  };

  viva_review_forecast_init (&forecast, at (2026, 3, 27, 12, 0), berlin, VIVA_REVIEW_DAY_START_HOUR);
  for (guint i = 0; i < G_N_ELEMENTS (due); i++)
    {
      state = due_at (due[i]);
      viva_review_forecast_add (&forecast, &state);
    }
  /* Never reviewed: not due at all. */
  viva_review_state_init (&state);
  viva_review_forecast_add (&forecast, &state);

  g_assert_cmpuint (forecast.due[0], ==, 4);
  g_assert_cmpuint (forecast.due[1], ==, 2);
  g_assert_cmpuint (forecast.due[2], ==, 1);
  g_assert_cmpuint (forecast.due[29], ==, 1);
  for (guint i = 3; i < 29; i++)
    g_assert_cmpuint (forecast.due[i], ==, 0);
  g_assert_cmpuint (forecast.total, ==, 8);
  g_assert_cmpuint (forecast.later, ==, 1);
  g_assert_cmpuint (viva_review_forecast_get_max (&forecast), ==, 4);

  text = viva_review_forecast_describe (&forecast);
  g_assert_cmpstr (text, ==,
                   "Reviews due in the next 30 days: 4 today, 2 tomorrow, 7 within 7 days; 8 in all, at most 4 on a day");

  g_clear_pointer (&text, g_free);
  text = viva_review_forecast_describe_day (&forecast, 0);
  g_assert_cmpstr (text, ==, "4 due today");
  g_clear_pointer (&text, g_free);
  text = viva_review_forecast_describe_day (&forecast, 1);
  g_assert_cmpstr (text, ==, "2 due tomorrow");
  g_clear_pointer (&text, g_free);
  text = viva_review_forecast_describe_day (&forecast, 2);
  g_assert_cmpstr (text, ==, "1 due on Sunday 29 March");
  g_clear_pointer (&text, g_free);
  text = viva_review_forecast_describe_day (&forecast, 29);
  g_assert_cmpstr (text, ==, "1 due on Saturday 25 April");

  viva_review_forecast_init (&forecast, at (2026, 3, 27, 12, 0), berlin, VIVA_REVIEW_DAY_START_HOUR);
  g_clear_pointer (&text, g_free);
  text = viva_review_forecast_describe (&forecast);
  g_assert_cmpstr (text, ==, "No reviews due in the next 30 days");
}

static void
assert_next (gint64      now,
             gint64      due,
             double      retrievability,
             const char *expected)
{
  VivaReviewState state = due_at (due);
  g_autofree char *text = viva_review_describe_next (&state, retrievability, now, berlin, VIVA_REVIEW_DAY_START_HOUR);

  g_assert_cmpstr (text, ==, expected);
}

/* The question view's sentence, in review days. */
static void
test_describe_next (void)
{
  gint64 now = at (2026, 3, 27, 12, 0);
  VivaReviewState state;
  g_autofree char *text = NULL;

  assert_next (now, at (2026, 4, 2, 12, 0), 0.8, "About 80% likely to recall · next review in 6 days");
  assert_next (now, at (2026, 3, 28, 5, 0), 0.954, "About 95% likely to recall · next review in 1 day");
  /* Before 4 am is still today's review day, also past midnight. */
  assert_next (now, at (2026, 3, 28, 3, 0), 0.9, "About 90% likely to recall · due today");
  assert_next (now, at (2026, 3, 27, 8, 0), 0.9, "About 90% likely to recall · due today");
  assert_next (now, at (2026, 3, 24, 12, 0), 0.612, "About 61% likely to recall · overdue by 3 days");
  assert_next (now, at (2026, 3, 26, 12, 0), 0.7, "About 70% likely to recall · overdue by 1 day");
  /* Across the change of the clocks. */
  assert_next (now, at (2026, 3, 30, 3, 59), 0.9, "About 90% likely to recall · next review in 2 days");
  assert_next (now, at (2026, 3, 30, 4, 0), 0.9, "About 90% likely to recall · next review in 3 days");
  /* No memory to tell (or a damaged one): the schedule alone. */
  assert_next (now, at (2026, 4, 2, 12, 0), -1, "Next review in 6 days");
  assert_next (now, at (2026, 3, 27, 20, 0), NAN, "Due today");
  assert_next (now, at (2026, 3, 24, 12, 0), -1, "Overdue by 3 days");
  assert_next (now, at (2026, 4, 2, 12, 0), 1.7, "About 100% likely to recall · next review in 6 days");

  viva_review_state_init (&state);
  text = viva_review_describe_next (&state, -1, now, berlin, VIVA_REVIEW_DAY_START_HOUR);
  g_assert_cmpstr (text, ==, "Not reviewed yet");

  g_assert_cmpint (viva_review_days_between (now, at (2026, 3, 30, 4, 0), berlin, 4), ==, 3);
  g_assert_cmpint (viva_review_days_between (at (2026, 3, 30, 4, 0), now, berlin, 4), ==, -3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* English dates ("Saturday 28 March 2026") whatever the machine. */
  setlocale (LC_ALL, "C.UTF-8");

  berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_assert_nonnull (berlin);

  g_test_add_func ("/review-stats/activity/days", test_activity_days);
  g_test_add_func ("/review-stats/activity/first-weekday", test_activity_first_weekday);
  g_test_add_func ("/review-stats/activity/streaks", test_streaks);
  g_test_add_func ("/review-stats/activity/levels", test_levels);
  g_test_add_func ("/review-stats/activity/hostile", test_activity_hostile);
  g_test_add_func ("/review-stats/forecast", test_forecast);
  g_test_add_func ("/review-stats/describe-next", test_describe_next);

  return g_test_run ();
}
