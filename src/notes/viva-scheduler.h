/* viva-scheduler.h
 *
 * Spaced repetition: when to ask a question again, from how well it was
 * answered. Pure functions of a configuration, a state, a grade and a
 * time passed in: no clock and no global randomness inside (the fuzz is
 * seeded from the state and the day), so that every interval can be
 * tested exactly. The algorithms (FSRS-6, the default, and SM-2 as Anki
 * uses it) and why FSRS is the default are described at the top of
 * viva-scheduler.c. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "viva-types.h"

G_BEGIN_DECLS

/**
 * VivaReviewGrade:
 * @VIVA_REVIEW_GRADE_AGAIN: did not know it (key 1)
 * @VIVA_REVIEW_GRADE_HARD: got there with trouble (key 2)
 * @VIVA_REVIEW_GRADE_GOOD: knew it (key 3)
 * @VIVA_REVIEW_GRADE_EASY: knew it at once (key 4)
 *
 * How well a question was answered. The values are those of the keys,
 * and of the mock interview ratings (VivaMockRating), which feed the
 * same schedule.
 */
typedef enum
{
  VIVA_REVIEW_GRADE_AGAIN = 1,
  VIVA_REVIEW_GRADE_HARD,
  VIVA_REVIEW_GRADE_GOOD,
  VIVA_REVIEW_GRADE_EASY,
} VivaReviewGrade;

/**
 * VivaReviewSource:
 * @VIVA_REVIEW_SOURCE_REVIEW: graded in Review
 * @VIVA_REVIEW_SOURCE_MOCK: rated after a mock interview
 *
 * Where a grade came from. Only Review's own grades count towards its
 * daily limit.
 */
typedef enum
{
  VIVA_REVIEW_SOURCE_REVIEW,
  VIVA_REVIEW_SOURCE_MOCK,
} VivaReviewSource;

/**
 * VivaSchedulerAlgorithm:
 * @VIVA_SCHEDULER_ALGORITHM_FSRS: FSRS-6 (nick "fsrs"), the default
 * @VIVA_SCHEDULER_ALGORITHM_SM2: SM-2 as Anki uses it (nick "sm2")
 *
 * Which algorithm decides when a question is due. Whichever it is, every
 * grade also updates the question's FSRS memory (stability and
 * difficulty), so that predictions of recall work under both.
 */
typedef enum
{
  VIVA_SCHEDULER_ALGORITHM_FSRS,
  VIVA_SCHEDULER_ALGORITHM_SM2,
} VivaSchedulerAlgorithm;

/* FSRS-6 has 21 parameters, w[0] to w[20] (viva-fsrs.h). */
#define VIVA_FSRS_N_PARAMS 21

/* The chance of recall FSRS schedules for, as Preferences offers it. */
#define VIVA_SCHEDULER_RETENTION_MIN     0.70
#define VIVA_SCHEDULER_RETENTION_MAX     0.97
#define VIVA_SCHEDULER_RETENTION_DEFAULT 0.90

/* FSRS's learning steps, as ts-fsrs's defaults: a new question comes
 * back 1 minute after Again, 6 after Hard and 10 after the first Good;
 * a forgotten one 10 minutes after Again, 15 after Hard. */
#define VIVA_SCHEDULER_LEARNING_STEPS    2
#define VIVA_SCHEDULER_RELEARNING_STEPS  1

/* The ease factor, in thousandths: 2500 is 2.5. */
#define VIVA_REVIEW_EASE_INITIAL     2500
#define VIVA_REVIEW_EASE_MIN         1300
#define VIVA_REVIEW_EASE_MAX         5000
/* A hundred years, as Anki's maximum interval. */
#define VIVA_REVIEW_INTERVAL_MAX     36500
/* Counters stop here rather than wrap; no one answers a question a
 * million times. */
#define VIVA_REVIEW_COUNT_MAX        1000000
/* A question answered Again comes back this much later, in the same
 * sitting. */
#define VIVA_REVIEW_RELEARN_DELAY    (10 * G_TIME_SPAN_MINUTE)
/* Reviews kept per question in notes.json, the most recent ones. */
#define VIVA_REVIEW_HISTORY_MAX      100
/* The review day starts at 4 am local time, as in Anki: a session past
 * midnight still counts as the evening's. */
#define VIVA_REVIEW_DAY_START_HOUR   4

/**
 * VivaReviewState:
 * @due: when the question is due, in microseconds since 1970 (UTC); 0
 *   for a question never reviewed
 * @last_review: when it was last graded, likewise; 0 for never
 * @repetitions: passing grades in a row since it was new or last
 *   forgotten; 0 while it is being learnt
 * @lapses: how many times it was forgotten (Again) after it had been
 *   learnt
 * @ease: how fast its intervals grow, in thousandths (2500 is 2.5),
 *   from %VIVA_REVIEW_EASE_MIN to %VIVA_REVIEW_EASE_MAX
 * @interval: the days from the last review to @due; 0 while it is being
 *   learnt (due minutes later)
 * @stability: the FSRS memory's stability, in days: how long until the
 *   chance of recall falls to 90%; 0 for no memory (never reviewed)
 * @difficulty: the FSRS memory's difficulty, from 1 to 10; 0 for none
 * @step: while it is being learnt (@interval 0) under FSRS, the learning
 *   step it has reached, from 0; always 0 otherwise
 * @reviews: how many grades it has had in all (ts-fsrs's reps; the
 *   history keeps only the last %VIVA_REVIEW_HISTORY_MAX); 0 in a state
 *   saved before FSRS
 *
 * Where one question stands in the schedule. Plain data: copy it.
 *
 * Being learnt (@repetitions and @interval 0) after a lapse (@lapses
 * above 0) is relearning; before any, learning: the two take different
 * steps under FSRS.
 */
typedef struct
{
  gint64 due;
  gint64 last_review;
  guint  repetitions;
  guint  lapses;
  guint  ease;
  guint  interval;
  double stability;
  double difficulty;
  guint  step;
  guint  reviews;
} VivaReviewState;

/**
 * VivaReviewEntry:
 * @time: when the grade was given, in microseconds since 1970 (UTC)
 * @grade: the grade
 * @source: where it was given
 *
 * One review in a question's history.
 */
typedef struct
{
  gint64           time;
  VivaReviewGrade  grade;
  VivaReviewSource source;
} VivaReviewEntry;

/**
 * VivaSchedulerDueCount:
 * @day_time: a moment, in microseconds since 1970 (UTC)
 * @user_data: the config's @due_count_data
 *
 * Returns: how many questions are due on the review day that holds
 *   @day_time, for load balancing
 */
typedef guint (*VivaSchedulerDueCount) (gint64   day_time,
                                        gpointer user_data);

/**
 * VivaSchedulerConfig:
 * @algorithm: which algorithm sets due dates
 * @w: FSRS's 21 parameters: the defaults, or the user's fitted ones
 * @desired_retention: the chance of recall FSRS schedules for, from
 *   %VIVA_SCHEDULER_RETENTION_MIN to %VIVA_SCHEDULER_RETENTION_MAX
 * @maximum_interval: the longest interval, in days
 * @fuzz: whether FSRS spreads intervals of 3 days or more over a few
 *   days around them; %TRUE in the app, %FALSE for exact tests
 * @tz: (nullable): the time zone review days are counted in, not owned;
 *   %NULL for the local one
 * @day_start_hour: the local hour a review day starts at
 *   (%VIVA_REVIEW_DAY_START_HOUR)
 * @due_count: (nullable): how many questions are due on a day, to pick
 *   the least loaded day within the fuzz range; %NULL for no load
 *   balancing
 * @due_count_data: passed to @due_count
 *
 * How to schedule. viva_scheduler_config_init() fills in the app's
 * defaults. Plain data: copy it.
 */
typedef struct
{
  VivaSchedulerAlgorithm algorithm;
  double                 w[VIVA_FSRS_N_PARAMS];
  double                 desired_retention;
  guint                  maximum_interval;
  gboolean               fuzz;
  GTimeZone             *tz;
  guint                  day_start_hour;
  VivaSchedulerDueCount  due_count;
  gpointer               due_count_data;
} VivaSchedulerConfig;

#define VIVA_TYPE_REVIEW_GRADE        (viva_review_grade_get_type ())
#define VIVA_TYPE_REVIEW_SOURCE       (viva_review_source_get_type ())
#define VIVA_TYPE_SCHEDULER_ALGORITHM (viva_scheduler_algorithm_get_type ())

GType        viva_review_grade_get_type       (void) G_GNUC_CONST;
GType        viva_review_source_get_type      (void) G_GNUC_CONST;
GType        viva_scheduler_algorithm_get_type (void) G_GNUC_CONST;

const char  *viva_review_grade_to_string      (VivaReviewGrade         grade);
gboolean     viva_review_grade_from_string    (const char             *str,
                                               VivaReviewGrade        *grade);
const char  *viva_review_grade_get_label      (VivaReviewGrade         grade);
VivaStatus   viva_review_grade_to_status      (VivaReviewGrade         grade);
const char  *viva_review_source_to_string     (VivaReviewSource        source);
gboolean     viva_review_source_from_string   (const char             *str,
                                               VivaReviewSource       *source);
const char  *viva_scheduler_algorithm_to_string   (VivaSchedulerAlgorithm  algorithm);
gboolean     viva_scheduler_algorithm_from_string (const char             *str,
                                                   VivaSchedulerAlgorithm *algorithm);

void         viva_review_state_init           (VivaReviewState        *state);
gboolean     viva_review_state_is_new         (const VivaReviewState  *state);
gboolean     viva_review_state_is_learning    (const VivaReviewState  *state);
gboolean     viva_review_state_is_due         (const VivaReviewState  *state,
                                               const VivaReviewDay    *day);
gboolean     viva_review_state_is_valid       (const VivaReviewState  *state);

void         viva_review_day_init             (VivaReviewDay          *day,
                                               gint64                  now,
                                               GTimeZone              *tz,
                                               guint                   day_start_hour);
gboolean     viva_review_day_contains         (const VivaReviewDay    *day,
                                               gint64                  time);
gint64       viva_review_day_number           (gint64                  time,
                                               GTimeZone              *tz,
                                               guint                   day_start_hour);

void         viva_scheduler_config_init       (VivaSchedulerConfig        *config);
void         viva_scheduler_review            (const VivaSchedulerConfig  *config,
                                               const VivaReviewState      *state,
                                               VivaReviewGrade             grade,
                                               gint64                      now,
                                               VivaReviewState            *out);
gint64       viva_scheduler_preview_interval  (const VivaSchedulerConfig  *config,
                                               const VivaReviewState      *state,
                                               VivaReviewGrade             grade,
                                               gint64                      now);
void         viva_scheduler_replay            (const VivaSchedulerConfig  *config,
                                               const VivaReviewEntry      *history,
                                               guint                       n_entries,
                                               VivaReviewState            *out);
double       viva_scheduler_retrievability    (const VivaSchedulerConfig  *config,
                                               const VivaReviewState      *state,
                                               gint64                      now);
char        *viva_scheduler_format_interval   (gint64                  usec);

G_END_DECLS
