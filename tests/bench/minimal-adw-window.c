/* minimal-adw-window.c
 *
 * A second baseline for Viva's startup: an empty libadwaita window with a
 * header bar, measured by the same first-frame hook. The distance from
 * the minimal GTK window to this one is what libadwaita itself costs
 * (its style sheet, the icons of its header bar); the distance from this
 * one to Viva is Viva's own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "viva-first-frame.h"

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 740);
  viva_first_frame_watch (window, G_CALLBACK (g_application_quit), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.vivaprep.Viva.MinimalAdwWindow",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
