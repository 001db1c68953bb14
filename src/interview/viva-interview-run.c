/* viva-interview-run.c
 *
 * A VivaInterview in time: its state (planned, running, paused,
 * finished), the current question, and the clock that charges the time
 * run to the interview and to that question. The other two thirds of
 * the object are viva-interview.c (the interview and its fields) and
 * viva-interview-plan.c (its questions).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-clock.h"
#include "viva-interview-private.h"
#include "viva-stopwatch.h"

/* Time */

/* Charges @delta, time run, to the interview and its current question.
 * Emits nothing but the item's notification. */
static void
charge (VivaInterview *self,
        gint64         delta)
{
  if (delta <= 0)
    return;

  self->elapsed = MIN (viva_time_add_saturated (self->elapsed, delta), VIVA_INTERVIEW_DURATION_MAX);
  if (self->current < self->items->len)
    {
      VivaInterviewItem *item = _viva_interview_get_item_at (self, self->current);

      _viva_interview_item_set_spent (item, MIN (viva_time_add_saturated (viva_interview_item_get_spent (item), delta),
                                                 VIVA_INTERVIEW_DURATION_MAX));
    }
}

/* Reads the clock: a clock that steps back (a fake one in a test) counts
 * as no time passing, the stretch so far charged where it belongs. */
static gint64
sample (VivaInterview *self)
{
  gint64 carried;
  gint64 now = viva_stopwatch_sample (&self->stopwatch, self->clock, &carried);

  charge (self, carried);

  return now;
}

/* Microseconds of the current stretch, never absurd. */
static gint64
stretch (VivaInterview *self)
{
  gint64 now = sample (self);

  return MIN (viva_stopwatch_get_running (&self->stopwatch, now), VIVA_INTERVIEW_DURATION_MAX);
}

/* Moves the time of the current stretch into the totals and starts a
 * new stretch at @now: before the current question changes or the clock
 * stops. Emits nothing. */
static void
settle_at (VivaInterview *self,
           gint64         now)
{
  charge (self, viva_stopwatch_fold (&self->stopwatch, now));
}

void
_viva_interview_settle (VivaInterview *self)
{
  settle_at (self, sample (self));
}


/* Running */

VivaInterviewState
viva_interview_get_state (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), VIVA_INTERVIEW_STATE_PLANNED);

  return self->state;
}

/* Started and not finished: the one to offer to resume. */
gboolean
viva_interview_get_unfinished (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  return self->state == VIVA_INTERVIEW_STATE_RUNNING ||
         self->state == VIVA_INTERVIEW_STATE_PAUSED;
}

/* Wall-clock microseconds since the epoch; 0 until started. */
gint64
viva_interview_get_started (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), 0);

  return self->started;
}

/* Wall-clock microseconds since the epoch; 0 until finished. */
gint64
viva_interview_get_finished (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), 0);

  return self->finished;
}

guint
viva_interview_get_current (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), 0);

  return self->current;
}

/**
 * viva_interview_set_current:
 * @current: the index of an item
 *
 * Moves to another question; while running, the time so far goes to
 * the question being left.
 */
gboolean
viva_interview_set_current (VivaInterview *self,
                            guint          current)
{
  guint old;

  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  if (self->read_only || current >= self->items->len)
    return FALSE;

  if (self->current == current)
    return TRUE;

  _viva_interview_settle (self);
  old = self->current;
  self->current = current;
  _viva_interview_notify_current (self);
  /* The question left shows the time it was given. */
  if (self->state == VIVA_INTERVIEW_STATE_RUNNING)
    _viva_interview_emit_item_changed (self, old);
  else
    _viva_interview_emit_changed (self);

  return TRUE;
}

static gboolean
set_state (VivaInterview      *self,
           VivaInterviewState  state)
{
  gboolean was_unfinished = viva_interview_get_unfinished (self);
  guint current = self->current;
  gint64 now = sample (self);

  settle_at (self, now);
  self->state = state;

  if (state == VIVA_INTERVIEW_STATE_RUNNING)
    viva_stopwatch_start (&self->stopwatch, now);
  else
    viva_stopwatch_stop (&self->stopwatch, now);

  _viva_interview_notify_state (self);
  if (was_unfinished != viva_interview_get_unfinished (self))
    _viva_interview_notify_unfinished (self);
  if (current < self->items->len)
    _viva_interview_emit_item_changed (self, current);
  else
    _viva_interview_emit_changed (self);

  return TRUE;
}

/* Starts the clock of a planned interview on its first question. */
gboolean
viva_interview_start (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  if (self->read_only || self->state != VIVA_INTERVIEW_STATE_PLANNED)
    return FALSE;

  self->started = g_get_real_time ();
  self->elapsed = 0;
  if (self->current != 0)
    {
      self->current = 0;
      _viva_interview_notify_current (self);
    }

  return set_state (self, VIVA_INTERVIEW_STATE_RUNNING);
}

gboolean
viva_interview_pause (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  if (self->read_only || self->state != VIVA_INTERVIEW_STATE_RUNNING)
    return FALSE;

  return set_state (self, VIVA_INTERVIEW_STATE_PAUSED);
}

gboolean
viva_interview_resume (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  if (self->read_only || self->state != VIVA_INTERVIEW_STATE_PAUSED)
    return FALSE;

  return set_state (self, VIVA_INTERVIEW_STATE_RUNNING);
}

/* Ends a running or paused interview; final. */
gboolean
viva_interview_finish (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  if (self->read_only || !viva_interview_get_unfinished (self))
    return FALSE;

  self->finished = g_get_real_time ();

  return set_state (self, VIVA_INTERVIEW_STATE_FINISHED);
}

/**
 * viva_interview_get_elapsed:
 *
 * Returns: the time the interview has run, in microseconds, pauses
 *   excluded: what the notes' stamps say
 */
gint64
viva_interview_get_elapsed (VivaInterview *self)
{
  gint64 running;

  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), 0);

  /* First: reading the clock may charge time to the totals. */
  running = stretch (self);

  return MIN (self->elapsed + running, VIVA_INTERVIEW_DURATION_MAX);
}

/* The time spent on item @index so far, the running stretch included. */
gint64
viva_interview_get_item_elapsed (VivaInterview *self,
                                 guint          index)
{
  gint64 running;
  gint64 spent;

  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), 0);
  g_return_val_if_fail (index < self->items->len, 0);

  /* First: reading the clock may charge time to the totals. */
  running = stretch (self);
  spent = viva_interview_item_get_spent (_viva_interview_get_item_at (self, index));
  if (index == self->current)
    spent += running;

  return MIN (spent, VIVA_INTERVIEW_DURATION_MAX);
}

/**
 * viva_interview_checkpoint:
 *
 * Emits #VivaInterview::changed while the clock runs, so that the store
 * saves the time so far even when nothing else changes (the interviewer
 * listening, not typing): the view calls it every half minute or so, and
 * a crash then loses no more than that.
 *
 * Returns: whether the clock runs
 */
gboolean
viva_interview_checkpoint (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  if (self->read_only || self->state != VIVA_INTERVIEW_STATE_RUNNING)
    return FALSE;

  _viva_interview_emit_changed (self);

  return TRUE;
}
