/* viva-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-resources.h"
#include "viva-test-util.h"

/* The resources and the style sheet, as the application has them: the
 * pages look as they do in Viva, and their CSS classes apply. The
 * resources live in a static library, which links in only what is
 * referenced, so they are referenced here. */
void
viva_test_load_app_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  g_assert_nonnull (viva_get_resource ());
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

void
viva_test_drain_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Until @widget is on screen with a size: a window or a dialog just
 * presented is mapped a few iterations later. */
void
viva_test_wait_mapped (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + VIVA_TEST_WAIT_LIMIT_USEC;

  while (!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
}

/**
 * viva_test_save_screenshot:
 * @widget: a widget on screen, usually a window
 * @name: the PNG's file name
 *
 * Renders @widget as it is now into $VIVA_SCREENSHOT_DIR/@name, so that
 * a person can look at what a test left on screen. Does nothing when
 * the variable is not set.
 */
void
viva_test_save_screenshot (GtkWidget  *widget,
                           const char *name)
{
  const char *dir = g_getenv ("VIVA_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width;
  int height;

  if (dir == NULL)
    return;

  viva_test_wait_mapped (widget);

  /* Let the layout settle (list rows, labels wrapping, transitions). */
  for (guint i = 0; i < 20; i++)
    {
      g_usleep (10000);
      viva_test_drain_main_loop ();
    }

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}
