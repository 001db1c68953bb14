/* viva-chart-colors.h
 *
 * The colours the progress page's charts draw with, from the style
 * sheet's named colours, so that they follow the dark style and the
 * accent: what both charts share, in one place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

static inline void
viva_chart_lookup_color (GtkWidget  *widget,
                         const char *name,
                         GdkRGBA    *color)
{
  GtkStyleContext *style = gtk_widget_get_style_context (widget);

  /* The widget's own text colour when the style sheet lacks the name. */
  if (!gtk_style_context_lookup_color (style, name, color))
    gtk_style_context_get_color (style, color);
}

static inline void
viva_chart_get_foreground (GtkWidget *widget,
                           double     alpha,
                           GdkRGBA   *color)
{
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
  color->alpha *= alpha;
}

G_END_DECLS
