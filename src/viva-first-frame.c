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

  getrusage (RUSAGE_SELF, &usage);
  g_print ("first-frame-usec=%" G_GINT64_FORMAT " max-rss-kib=%ld\n",
           now - watch->launched, usage.ru_maxrss);

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
