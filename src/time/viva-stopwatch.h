/* viva-stopwatch.h
 *
 * The one way Viva times an interview, mock or live: the time spent is
 * what was folded in when the clock last stopped plus the running
 * segment (now - its start), read from an injectable #VivaClock; nothing
 * is ever decremented, so ticks that come late or not at all change
 * nothing, and remaining = budget - spent is computed when asked.
 * VivaMockTimer keeps one per mock interview and charges the segments to
 * the session's current item; VivaInterview keeps one per live interview
 * and charges them to the interview and its current item. Either way the
 * folded time lives in the model that is saved, once. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "viva-types.h"

G_BEGIN_DECLS

/**
 * VivaStopwatch:
 * @segment_start: the clock time at which the running segment began;
 *   meaningful only while @running
 * @last_now: the latest clock reading, to notice a clock that steps back
 * @running: whether a segment is running
 *
 * Plain data, embedded in its owner; change it through the functions
 * below.
 */
typedef struct
{
  gint64   segment_start;
  gint64   last_now;
  gboolean running;
} VivaStopwatch;

gint64   viva_time_add_saturated       (gint64               a,
                                        gint64               b);
gint64   viva_time_between             (gint64               from,
                                        gint64               to);

void     viva_stopwatch_init           (VivaStopwatch       *self,
                                        gint64               now);
gint64   viva_stopwatch_sample         (VivaStopwatch       *self,
                                        VivaClock           *clock,
                                        gint64              *carried);
void     viva_stopwatch_start          (VivaStopwatch       *self,
                                        gint64               now);
gint64   viva_stopwatch_fold           (VivaStopwatch       *self,
                                        gint64               instant);
gint64   viva_stopwatch_stop           (VivaStopwatch       *self,
                                        gint64               instant);
gint64   viva_stopwatch_get_running    (const VivaStopwatch *self,
                                        gint64               now);

G_END_DECLS
