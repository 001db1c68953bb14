/* test-theme.c
 *
 * Viva's start-up skips GTK's own theme, which libadwaita replaces at
 * once (viva-application.c, viva_application_prepare_theme()): as
 * main() and start-up do it, in a process of its own each, since GTK
 * makes the display's settings once per process:
 *
 * - /theme/libadwaita: GTK_THEME names libadwaita's empty theme until
 *   start-up has made the settings, and is gone after it (no child
 *   process inherits it); the theme is libadwaita's, and its style
 *   sheet draws a window (its light background, #fafafa, not GTK's own
 *   theme's #f6f5f4, nor nothing).
 * - /theme/users-own: a GTK_THEME the user set is left as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "viva-application.h"

/* Data, config and cache in a folder of the test's own: start-up opens
 * the notes. */
static void
use_own_folders (void)
{
  g_autofree char *home = g_dir_make_tmp ("viva-test-theme-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *cache = g_build_filename (home, "cache", NULL);

  g_assert_nonnull (home);
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
}

/* Viva's start-up, as main() and g_application_run() begin it: never
 * the running Viva of the person running the tests. */
static VivaApplication *
start_viva (void)
{
  VivaApplication *app;
  g_autoptr(GError) error = NULL;

  viva_application_prepare_theme ();
  app = viva_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  return app;
}

static void
painted_cb (GdkFrameClock *clock,
            gpointer       data)
{
  *(gboolean *) data = TRUE;
}

/* The colour of the middle of @window, as drawn. */
static guint32
window_middle (GtkWidget *window)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  gboolean painted = FALSE;
  int width, height;
  gsize stride;
  guchar *pixel;

  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (painted_cb), &painted);
  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);

  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  stride = (gsize) gdk_texture_get_width (texture) * 4;
  pixels = g_malloc (stride * gdk_texture_get_height (texture));
  gdk_texture_download (texture, pixels, stride);

  /* GDK_MEMORY_DEFAULT: B, G, R, A in memory, premultiplied. */
  pixel = pixels + (gdk_texture_get_height (texture) / 2) * stride + (gdk_texture_get_width (texture) / 2) * 4;
  return (guint32) pixel[2] << 16 | (guint32) pixel[1] << 8 | pixel[0];
}

static void
test_libadwaita (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(VivaApplication) app = NULL;
      g_autofree char *theme = NULL;
      GtkWidget *window;

      use_own_folders ();
      g_unsetenv ("GTK_THEME");
      viva_application_prepare_theme ();
      g_assert_cmpstr (g_getenv ("GTK_THEME"), ==, "Adwaita-empty");

      app = start_viva ();
      g_assert_null (g_getenv ("GTK_THEME"));
      g_object_get (gtk_settings_get_default (), "gtk-theme-name", &theme, NULL);
      g_assert_cmpstr (theme, ==, "Adwaita-empty");

      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
      window = gtk_window_new ();
      gtk_window_set_default_size (GTK_WINDOW (window), 200, 120);
      g_assert_cmphex (window_middle (window), ==, 0xfafafa);
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_users_own (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(VivaApplication) app = NULL;

      use_own_folders ();
      g_setenv ("GTK_THEME", "Adwaita-empty", TRUE);
      app = start_viva ();
      g_assert_cmpstr (g_getenv ("GTK_THEME"), ==, "Adwaita-empty");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  /* Not gtk_test_init(): GTK starts in each test's own process, as
   * Viva's start-up starts it. */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/theme/libadwaita", test_libadwaita);
  g_test_add_func ("/theme/users-own", test_users_own);

  return g_test_run ();
}
