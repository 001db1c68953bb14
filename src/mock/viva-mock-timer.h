/* viva-mock-timer.h
 *
 * Times a mock interview (a #VivaMockSession): N questions, each with an
 * optional budget, plus an optional budget for the whole interview.
 * Every figure it counts lives in the session, written as it counts (the
 * time folded into the current item, skipped flags, the current
 * question, the state); the timer keeps only the running segment and
 * which deadlines it acted on, and viva_mock_timer_checkpoint() folds
 * the segment in for the store to save. GTK-free: links against
 * GLib/GObject only, and reads the time from an injectable #VivaClock.
 *
 * How the time is kept (PLATFORM.md, "Timers"; the measuring itself is
 * VivaStopwatch's, which live interviews use too):
 *  - nothing is ever decremented: the time spent on a question is what was
 *    folded in when it last paused plus (now - start of the running
 *    segment), so ticks that come late or not at all change nothing;
 *  - all times are gint64 microseconds; sums saturate instead of wrapping;
 *  - a clock that steps back counts as no time passing: spent never
 *    decreases (the system clock, CLOCK_BOOTTIME, never steps back);
 *  - deadlines (time-up, auto-advance) are only acted on by
 *    viva_mock_timer_update(); the page calls it from a 250 ms timeout, and
 *    a fake clock's #VivaClock::changed calls it too. Pause, Next, Skip and
 *    End act on the question as the user sees it at that moment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "viva-types.h"

G_BEGIN_DECLS

/* Bounds what a snapshot read back from disk may claim. */
#define VIVA_MOCK_TIMER_MAX_QUESTIONS 10000

/**
 * VivaMockTimerState:
 * @VIVA_MOCK_TIMER_STATE_NOT_STARTED: created, clock not running
 * @VIVA_MOCK_TIMER_STATE_RUNNING: the current question's time is counting
 * @VIVA_MOCK_TIMER_STATE_PAUSED: stopped by the user (or restored)
 * @VIVA_MOCK_TIMER_STATE_FINISHED: past the last question, or ended; final
 */
typedef enum
{
  VIVA_MOCK_TIMER_STATE_NOT_STARTED,
  VIVA_MOCK_TIMER_STATE_RUNNING,
  VIVA_MOCK_TIMER_STATE_PAUSED,
  VIVA_MOCK_TIMER_STATE_FINISHED,
} VivaMockTimerState;

/**
 * VivaMockTimerPhase:
 * @VIVA_MOCK_TIMER_PHASE_NORMAL: plenty of time left, or nothing counting
 *   down (no budget, not started, finished)
 * @VIVA_MOCK_TIMER_PHASE_WARNING: 0 < remaining <= 20% of the budget
 * @VIVA_MOCK_TIMER_PHASE_OVERTIME: remaining <= 0; the time counts up
 *
 * Follows the countdown the page shows in large: the current question's
 * when it has a budget, otherwise the whole interview's.
 */
typedef enum
{
  VIVA_MOCK_TIMER_PHASE_NORMAL,
  VIVA_MOCK_TIMER_PHASE_WARNING,
  VIVA_MOCK_TIMER_PHASE_OVERTIME,
} VivaMockTimerPhase;

#define VIVA_TYPE_MOCK_TIMER_STATE (viva_mock_timer_state_get_type ())
#define VIVA_TYPE_MOCK_TIMER_PHASE (viva_mock_timer_phase_get_type ())
#define VIVA_TYPE_MOCK_TIMER       (viva_mock_timer_get_type ())

GType viva_mock_timer_state_get_type (void) G_GNUC_CONST;
GType viva_mock_timer_phase_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (VivaMockTimer, viva_mock_timer, VIVA, MOCK_TIMER, GObject)

VivaMockTimer      *viva_mock_timer_new                 (VivaClock          *clock,
                                                         VivaMockSession    *session);
VivaMockSession    *viva_mock_timer_get_session         (VivaMockTimer      *self);
VivaClock          *viva_mock_timer_get_clock           (VivaMockTimer      *self);
guint               viva_mock_timer_get_n_questions     (VivaMockTimer      *self);
guint               viva_mock_timer_get_current         (VivaMockTimer      *self);
VivaMockTimerState  viva_mock_timer_get_state           (VivaMockTimer      *self);
void                viva_mock_timer_start               (VivaMockTimer      *self);
void                viva_mock_timer_pause               (VivaMockTimer      *self);
void                viva_mock_timer_resume              (VivaMockTimer      *self);
gboolean            viva_mock_timer_next                (VivaMockTimer      *self);
gboolean            viva_mock_timer_skip                (VivaMockTimer      *self);
void                viva_mock_timer_finish              (VivaMockTimer      *self);
gint64              viva_mock_timer_get_spent           (VivaMockTimer      *self,
                                                         guint               index);
gint64              viva_mock_timer_get_budget          (VivaMockTimer      *self,
                                                         guint               index);
gint64              viva_mock_timer_get_remaining       (VivaMockTimer      *self);
gint64              viva_mock_timer_get_elapsed         (VivaMockTimer      *self);
gint64              viva_mock_timer_get_total_budget    (VivaMockTimer      *self);
gint64              viva_mock_timer_get_total_remaining (VivaMockTimer      *self);
gboolean            viva_mock_timer_get_skipped         (VivaMockTimer      *self,
                                                         guint               index);
VivaMockTimerPhase  viva_mock_timer_get_phase           (VivaMockTimer      *self);
gboolean            viva_mock_timer_get_auto_advance    (VivaMockTimer      *self);
void                viva_mock_timer_set_auto_advance    (VivaMockTimer      *self,
                                                         gboolean            auto_advance);
void                viva_mock_timer_update              (VivaMockTimer      *self);
char               *viva_mock_timer_format              (gint64              usec);

void                viva_mock_timer_checkpoint          (VivaMockTimer      *self);
gboolean            viva_mock_timer_check_session       (VivaMockSession    *session);
gboolean            viva_mock_timer_check_snapshot      (const gint64       *budgets_usec,
                                                         guint               n_questions,
                                                         gint64              total_budget_usec,
                                                         guint               current,
                                                         const gint64       *spent_usec,
                                                         const gboolean     *skipped,
                                                         VivaMockTimerState  state);

G_END_DECLS
