/* viva-first-frame.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/resource.h>

#include "viva-first-frame.h"

typedef struct
{
  gint64    launched;
  GCallback done;
  gpointer  user_data;
  gulong    handler;
} Watch;

static void
viva_first_frame_after_paint_cb (GdkFrameClock *clock,
                                 Watch         *watch)
{
  gint64 now = g_get_real_time ();
  struct rusage usage;

  g_signal_handler_disconnect (clock, watch->handler);

  /* CPU time too: on a busy machine it varies less than the wall
   * clock, though it leaves out the X server's share. */
  getrusage (RUSAGE_SELF, &usage);
  g_print ("first-frame-usec=%" G_GINT64_FORMAT " max-rss-kib=%ld cpu-usec=%" G_GINT64_FORMAT "\n",
           now - watch->launched, usage.ru_maxrss,
           (gint64) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC +
           usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);

  ((void (*) (gpointer)) watch->done) (watch->user_data);
  g_free (watch);
}

static void
viva_first_frame_realize_cb (GtkWidget *window,
                             Watch     *watch)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_handlers_disconnect_by_func (window, viva_first_frame_realize_cb, watch);
  watch->handler = g_signal_connect (clock, "after-paint",
                                     G_CALLBACK (viva_first_frame_after_paint_cb),
                                     watch);
}

void
viva_first_frame_watch (GtkWidget *window,
                        GCallback  done,
                        gpointer   user_data)
{
  const char *env = g_getenv ("VIVA_BENCH_LAUNCH_USEC");
  Watch *watch;

  g_return_if_fail (GTK_IS_WINDOW (window));

  if (env == NULL)
    return;

  watch = g_new0 (Watch, 1);
  watch->launched = g_ascii_strtoll (env, NULL, 10);
  watch->done = done;
  watch->user_data = user_data;

  g_signal_connect (window, "realize", G_CALLBACK (viva_first_frame_realize_cb), watch);
}
