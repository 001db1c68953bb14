/* viva-first-frame.h
 *
 * Startup measurement shared by Viva and the minimal GTK window that the
 * benchmark compares it with, so both are measured the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* When VIVA_BENCH_LAUNCH_USEC (wall-clock microseconds, as `date +%s%6N`, taken by the
 * launcher just before it started us) is set, report the time to the
 * window's first painted frame, the peak RSS and the CPU time used on
 * stdout, then call @done. Does nothing otherwise. */
void viva_first_frame_watch (GtkWidget *window,
                             GCallback  done,
                             gpointer   user_data);

G_END_DECLS
