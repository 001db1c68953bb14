/* check-icons.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loads each icon the way GTK's icon theme does: from a stream, so
 * GdkPixbuf must recognise the SVG from its first bytes alone (a long
 * comment before <svg> once made GTK print "Unrecognized image file
 * format" and show no icon), and at the sizes the shell draws it.
 */

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

static void
test_icon_loads (gconstpointer data)
{
  const char *path = data;
  static const int sizes[] = { 16, 32, 128 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFileInputStream) stream = NULL;
      g_autoptr(GdkPixbuf) pixbuf = NULL;
      g_autoptr(GError) error = NULL;
      const guint8 *pixels;
      gboolean painted = FALSE;
      int rowstride;

      stream = g_file_read (file, NULL, &error);
      g_assert_no_error (error);

      pixbuf = gdk_pixbuf_new_from_stream_at_scale (G_INPUT_STREAM (stream),
                                                    sizes[i], sizes[i], TRUE,
                                                    NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, sizes[i]);
      g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, sizes[i]);
      g_assert_true (gdk_pixbuf_get_has_alpha (pixbuf));

      /* Something must be drawn: a shape the renderer cannot read leaves a
       * fully transparent image rather than an error. */
      pixels = gdk_pixbuf_read_pixels (pixbuf);
      rowstride = gdk_pixbuf_get_rowstride (pixbuf);
      for (int y = 0; y < sizes[i] && !painted; y++)
        for (int x = 0; x < sizes[i] && !painted; x++)
          painted = pixels[y * rowstride + x * 4 + 3] > 0;
      g_assert_true (painted);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (int i = 1; i < argc; i++)
    {
      g_autofree char *basename = g_path_get_basename (argv[i]);
      g_autofree char *name = g_strconcat ("/icons/", basename, NULL);

      g_test_add_data_func (name, argv[i], test_icon_loads);
    }

  return g_test_run ();
}
