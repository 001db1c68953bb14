/* viva-stopwatch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-clock.h"
#include "viva-stopwatch.h"

/* Arithmetic that saturates: a fake clock pushed to G_MAXINT64, or a
 * budget read from a damaged file, must not wrap into negative times. */
gint64
viva_time_add_saturated (gint64 a,
                         gint64 b)
{
  if (b > 0 && a > G_MAXINT64 - b)
    return G_MAXINT64;
  if (b < 0 && a < G_MININT64 - b)
    return G_MININT64;
  return a + b;
}

/* to - from, for from <= to; the difference of two gint64 can exceed
 * G_MAXINT64, and then saturates. */
gint64
viva_time_between (gint64 from,
                   gint64 to)
{
  guint64 diff;

  g_assert (from <= to);

  diff = (guint64) to - (guint64) from;

  return diff > (guint64) G_MAXINT64 ? G_MAXINT64 : (gint64) diff;
}

/**
 * viva_stopwatch_init:
 * @now: the clock's time now
 *
 * A stopwatch that does not run.
 */
void
viva_stopwatch_init (VivaStopwatch *self,
                     gint64         now)
{
  g_return_if_fail (self != NULL);

  self->segment_start = now;
  self->last_now = now;
  self->running = FALSE;
}

/**
 * viva_stopwatch_sample:
 * @clock: the clock to read
 * @carried: (out): time the caller must charge now, or 0
 *
 * Reads the clock. A clock that steps back (only a fake one does: the
 * system clock never does) counts as no time passing: the running
 * segment up to the last reading is put in @carried, for the caller to
 * fold in, and a new segment starts at the new time. So the time spent
 * never decreases.
 *
 * Returns: the clock's time now
 */
gint64
viva_stopwatch_sample (VivaStopwatch *self,
                       VivaClock     *clock,
                       gint64        *carried)
{
  gint64 now;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (carried != NULL, 0);

  now = viva_clock_get_now (clock);
  *carried = 0;

  if (now < self->last_now && self->running)
    {
      *carried = viva_time_between (self->segment_start, self->last_now);
      self->segment_start = now;
    }

  self->last_now = now;

  return now;
}

/* Starts a segment at @now, a time just sampled. */
void
viva_stopwatch_start (VivaStopwatch *self,
                      gint64         now)
{
  g_return_if_fail (self != NULL);

  self->segment_start = now;
  self->running = TRUE;
}

/**
 * viva_stopwatch_fold:
 * @instant: a time at or after the segment's start, at most the last
 *   sample
 *
 * Ends the running segment at @instant and starts the next one there, so
 * that no time falls between them.
 *
 * Returns: the time of the segment that ended, for the caller to charge;
 *   0 when not running
 */
gint64
viva_stopwatch_fold (VivaStopwatch *self,
                     gint64         instant)
{
  gint64 segment;

  g_return_val_if_fail (self != NULL, 0);

  if (!self->running)
    return 0;

  segment = viva_time_between (self->segment_start, instant);
  self->segment_start = instant;

  return segment;
}

/* As viva_stopwatch_fold(), and the stopwatch stops. */
gint64
viva_stopwatch_stop (VivaStopwatch *self,
                     gint64         instant)
{
  gint64 segment;

  g_return_val_if_fail (self != NULL, 0);

  segment = viva_stopwatch_fold (self, instant);
  self->running = FALSE;

  return segment;
}

/**
 * viva_stopwatch_get_running:
 * @now: a time just sampled
 *
 * Returns: the time of the running segment so far; 0 when not running
 */
gint64
viva_stopwatch_get_running (const VivaStopwatch *self,
                            gint64               now)
{
  g_return_val_if_fail (self != NULL, 0);

  if (!self->running)
    return 0;

  return viva_time_between (self->segment_start, now);
}
