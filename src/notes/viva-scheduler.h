/* viva-scheduler.h
 *
 * Spaced repetition: when to ask a question again, from how well it was
 * answered. Pure functions of a state, a grade and a time passed in: no
 * clock and no randomness inside, so that every interval can be tested
 * exactly. The algorithm (SM-2 as Anki uses it) and why it was chosen
 * are described at the top of viva-scheduler.c. GTK-free.
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
 *
 * Where one question stands in the schedule. Plain data: copy it.
 */
typedef struct
{
  gint64 due;
  gint64 last_review;
  guint  repetitions;
  guint  lapses;
  guint  ease;
  guint  interval;
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

#define VIVA_TYPE_REVIEW_GRADE  (viva_review_grade_get_type ())
#define VIVA_TYPE_REVIEW_SOURCE (viva_review_source_get_type ())

GType        viva_review_grade_get_type       (void) G_GNUC_CONST;
GType        viva_review_source_get_type      (void) G_GNUC_CONST;

const char  *viva_review_grade_to_string      (VivaReviewGrade         grade);
gboolean     viva_review_grade_from_string    (const char             *str,
                                               VivaReviewGrade        *grade);
const char  *viva_review_grade_get_label      (VivaReviewGrade         grade);
VivaStatus   viva_review_grade_to_status      (VivaReviewGrade         grade);
const char  *viva_review_source_to_string     (VivaReviewSource        source);
gboolean     viva_review_source_from_string   (const char             *str,
                                               VivaReviewSource       *source);

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

void         viva_scheduler_review            (const VivaReviewState  *state,
                                               VivaReviewGrade         grade,
                                               gint64                  now,
                                               VivaReviewState        *out);
gint64       viva_scheduler_preview_interval  (const VivaReviewState  *state,
                                               VivaReviewGrade         grade,
                                               gint64                  now);
char        *viva_scheduler_format_interval   (gint64                  usec);

G_END_DECLS
