/* viva-review-stats.h
 *
 * What the progress page tells about Review, counted in review days
 * (VivaReviewDay: from the day-start hour, local time): the reviews of
 * each day of the last year and the streaks of days with reviews
 * (VivaReviewActivity), the reviews due on each of the next 30 days
 * (VivaReviewForecast), and a question's chance of recall and next
 * review in words. Fed plain review data (histories, states), so it
 * needs no store and no display. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "viva-scheduler.h"
#include "viva-types.h"

G_BEGIN_DECLS

/* The calendar shows 53 weeks, as a year of weeks always overlaps 53. */
#define VIVA_REVIEW_ACTIVITY_N_WEEKS 53
#define VIVA_REVIEW_ACTIVITY_MAX_DAYS (VIVA_REVIEW_ACTIVITY_N_WEEKS * 7)
/* The forecast's days: today (with what is overdue) and the 29 after. */
#define VIVA_REVIEW_FORECAST_N_DAYS 30

typedef struct _VivaReviewActivity VivaReviewActivity;

VivaReviewActivity *viva_review_activity_new              (gint64                    now,
                                                           GTimeZone                *tz,
                                                           guint                     day_start_hour,
                                                           GDateWeekday              first_weekday);
void                viva_review_activity_free             (VivaReviewActivity       *self);
void                viva_review_activity_add_reviews      (VivaReviewActivity       *self,
                                                           const VivaReviewEntry    *entries,
                                                           guint                     n_entries);
void                viva_review_activity_finish           (VivaReviewActivity       *self);
guint               viva_review_activity_get_n_days       (const VivaReviewActivity *self);
guint               viva_review_activity_get_count        (const VivaReviewActivity *self,
                                                           guint                     day);
void                viva_review_activity_get_date         (const VivaReviewActivity *self,
                                                           guint                     day,
                                                           GDate                    *date);
guint               viva_review_activity_get_total        (const VivaReviewActivity *self);
guint               viva_review_activity_get_n_active_days (const VivaReviewActivity *self);
guint               viva_review_activity_get_max_count    (const VivaReviewActivity *self);
guint               viva_review_activity_get_current_streak (const VivaReviewActivity *self);
guint               viva_review_activity_get_longest_streak (const VivaReviewActivity *self);
gboolean            viva_review_activity_get_reviewed_today (const VivaReviewActivity *self);
guint               viva_review_activity_get_level        (const VivaReviewActivity *self,
                                                           guint                     count);
guint               viva_review_activity_get_level_min    (const VivaReviewActivity *self,
                                                           guint                     level);
char               *viva_review_activity_describe         (const VivaReviewActivity *self);
char               *viva_review_activity_describe_day     (const VivaReviewActivity *self,
                                                           guint                     day);
char               *viva_review_activity_describe_streak  (const VivaReviewActivity *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VivaReviewActivity, viva_review_activity_free)

/* How many shades the calendar has besides "no review". */
#define VIVA_REVIEW_ACTIVITY_N_LEVELS 4

/**
 * VivaReviewForecast:
 * @due: reviews due on each review day from today; today's include
 *   what is overdue
 * @total: their sum
 * @later: questions due after the last of those days
 *
 * Reviews due per day.
 */
typedef struct
{
  guint  due[VIVA_REVIEW_FORECAST_N_DAYS];
  guint  total;
  guint  later;
  /*< private >*/
  gint64  day_ends[VIVA_REVIEW_FORECAST_N_DAYS];
  guint32 today_julian;
} VivaReviewForecast;

void  viva_review_forecast_init     (VivaReviewForecast       *self,
                                     gint64                    now,
                                     GTimeZone                *tz,
                                     guint                     day_start_hour);
void  viva_review_forecast_add      (VivaReviewForecast       *self,
                                     const VivaReviewState    *state);
guint viva_review_forecast_get_max  (const VivaReviewForecast *self);
void  viva_review_forecast_get_date (const VivaReviewForecast *self,
                                     guint                     day,
                                     GDate                    *date);
char *viva_review_forecast_describe_day (const VivaReviewForecast *self,
                                         guint                     day);
char *viva_review_forecast_describe (const VivaReviewForecast *self);

int   viva_review_days_between      (gint64                    from,
                                     gint64                    to,
                                     GTimeZone                *tz,
                                     guint                     day_start_hour);
char *viva_review_describe_next     (const VivaReviewState    *state,
                                     double                    retrievability,
                                     gint64                    now,
                                     GTimeZone                *tz,
                                     guint                     day_start_hour);

/**
 * VivaRecall:
 * @expected: the questions the user would answer now: the sum of their
 *   chances of recall (FSRS's retrievability; 0 for a question never
 *   reviewed)
 * @n_questions: the questions counted
 * @n_remembered: those with a memory to tell (reviewed at least once)
 *
 * Expected recall of a bank, level or topic.
 */
typedef struct
{
  double expected;
  guint  n_questions;
  guint  n_remembered;
} VivaRecall;

#define VIVA_RECALL_N_SHADES 6

guint viva_recall_get_expected_count (const VivaRecall *recall);
guint viva_recall_get_percent        (const VivaRecall *recall);
guint viva_recall_get_shade          (const VivaRecall *recall);
char *viva_recall_describe           (const VivaRecall *recall);

/**
 * VivaReviewStatsFlags:
 * @VIVA_REVIEW_STATS_RECALL: expected recall, of the bank and of each
 *   level and topic
 * @VIVA_REVIEW_STATS_CHARTS: the activity and the forecast
 *
 * What viva_review_stats_new() counts.
 */
typedef enum
{
  VIVA_REVIEW_STATS_RECALL = 1 << 0,
  VIVA_REVIEW_STATS_CHARTS = 1 << 1,
} VivaReviewStatsFlags;

#define VIVA_REVIEW_STATS_ALL (VIVA_REVIEW_STATS_RECALL | VIVA_REVIEW_STATS_CHARTS)

/**
 * VivaReviewStats:
 * @activity: reviews per day of the last year, and the streaks; %NULL
 *   without %VIVA_REVIEW_STATS_CHARTS
 * @forecast: reviews due per day of the next 30
 * @recall: the bank's expected recall
 *
 * Review's figures for one bank, counted in one pass over its notes.
 */
typedef struct
{
  VivaReviewActivity *activity;
  VivaReviewForecast  forecast;
  VivaRecall          recall;
  /*< private >*/
  GHashTable         *groups;
  GHashTable         *outside_topics;
} VivaReviewStats;

VivaReviewStats  *viva_review_stats_new                     (VivaNotesStore            *store,
                                                             VivaBank                  *bank,
                                                             const VivaSchedulerConfig *config,
                                                             gint64                     now,
                                                             GDateWeekday               first_weekday,
                                                             VivaReviewStatsFlags       flags);
void              viva_review_stats_free                    (VivaReviewStats           *self);
const VivaRecall *viva_review_stats_get_recall              (VivaReviewStats           *self,
                                                             gpointer                   group);
const VivaRecall *viva_review_stats_get_recall_outside_topics (VivaReviewStats         *self,
                                                               VivaLevel               *level);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VivaReviewStats, viva_review_stats_free)

G_END_DECLS
