/* viva-forecast-chart.c
 *
 * The reviews due on each of the next 30 review days, as bars: today's
 * first (with what is overdue), a line at the busiest day with its
 * number, and the days named under them. Drawn with GtkSnapshot in the
 * style sheet's colours, so it follows the dark style. Colour is never
 * the only cue: each bar's height is its number, the tooltip of a bar
 * says it in words, and the chart's accessible label (an image, for a
 * screen reader) says the whole forecast: viva_review_forecast_describe().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-chart-colors.h"
#include "viva-forecast-chart.h"

#define BAR_GAP      3
#define PLOT_HEIGHT  120
#define AXIS_SPACING 4

struct _VivaForecastChart
{
  GtkWidget           parent_instance;

  VivaReviewForecast  forecast;
  char               *text;
};

G_DEFINE_FINAL_TYPE (VivaForecastChart, viva_forecast_chart, GTK_TYPE_WIDGET)

static void
viva_forecast_chart_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = VIVA_REVIEW_FORECAST_N_DAYS * (2 + BAR_GAP);
      *natural = VIVA_REVIEW_FORECAST_N_DAYS * (16 + BAR_GAP);
    }
  else
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, "0");
      int height;

      pango_layout_get_pixel_size (layout, NULL, &height);
      *minimum = *natural = PLOT_HEIGHT + 2 * (height + AXIS_SPACING);
    }
}

/* Where the bars go: after the number of the busiest day, above the
 * names of the days. */
typedef struct
{
  double x;
  double y;
  double width;
  double height;
  double bar_width;
} Plot;

static void
viva_forecast_chart_get_plot (VivaForecastChart *self,
                              Plot              *plot)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autofree char *max_text = g_strdup_printf ("%u", viva_review_forecast_get_max (&self->forecast));
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, max_text);
  int text_width;
  int text_height;

  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  plot->x = text_width + 2 * AXIS_SPACING;
  plot->y = text_height / 2.0;
  plot->width = MAX (1, gtk_widget_get_width (widget) - plot->x);
  plot->height = MAX (1, gtk_widget_get_height (widget) - plot->y - text_height - 2 * AXIS_SPACING);
  plot->bar_width = MAX (1.0, (plot->width - BAR_GAP * (VIVA_REVIEW_FORECAST_N_DAYS - 1)) / VIVA_REVIEW_FORECAST_N_DAYS);
}

/**
 * viva_forecast_chart_get_day_at:
 * @self: a chart
 * @x: a point across the chart, in its own coordinates
 *
 * Returns: the day of the bar at @x (0 for today), or -1 where there is
 *   none
 */
int
viva_forecast_chart_get_day_at (VivaForecastChart *self,
                                double             x)
{
  Plot plot;
  int day;

  g_return_val_if_fail (VIVA_IS_FORECAST_CHART (self), -1);

  viva_forecast_chart_get_plot (self, &plot);
  if (x < plot.x)
    return -1;

  day = (int) ((x - plot.x) / (plot.bar_width + BAR_GAP));

  return day < VIVA_REVIEW_FORECAST_N_DAYS ? day : -1;
}

/* Writes @text at @x, or further left when it would not fit. */
static void
append_text (GtkWidget      *widget,
             GtkSnapshot    *snapshot,
             const char     *text,
             double          x,
             double          y,
             const GdkRGBA  *color)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  x = MAX (0, MIN (x, gtk_widget_get_width (widget) - width));

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
viva_forecast_chart_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  VivaForecastChart *self = VIVA_FORECAST_CHART (widget);
  guint max = viva_review_forecast_get_max (&self->forecast);
  g_autofree char *max_text = g_strdup_printf ("%u", max);
  GdkRGBA bar_color;
  GdkRGBA line_color;
  GdkRGBA empty_color;
  GdkRGBA text_color;
  double label_room = 0;
  double baseline;
  Plot plot;

  viva_forecast_chart_get_plot (self, &plot);
  viva_chart_lookup_color (widget, "accent_bg_color", &bar_color);
  viva_chart_get_foreground (widget, 0.15, &line_color);
  viva_chart_get_foreground (widget, 0.25, &empty_color);
  viva_chart_get_foreground (widget, 0.7, &text_color);
  baseline = plot.y + plot.height;

  /* The busiest day's level, with its number before it. */
  append_text (widget, snapshot, max_text, 0, 0, &text_color);
  gtk_snapshot_append_color (snapshot, &line_color,
                             &GRAPHENE_RECT_INIT (plot.x, plot.y, plot.width, 1));
  gtk_snapshot_append_color (snapshot, &line_color,
                             &GRAPHENE_RECT_INIT (plot.x, baseline, plot.width, 1));

  for (guint day = 0; day < VIVA_REVIEW_FORECAST_N_DAYS; day++)
    {
      double x = plot.x + day * (plot.bar_width + BAR_GAP);
      guint n = self->forecast.due[day];
      double height;
      GskRoundedRect bar;

      if (n == 0 || max == 0)
        {
          /* An empty day is a 2 px mark on the baseline, so that the days
           * stay countable. */
          gtk_snapshot_append_color (snapshot, &empty_color,
                                     &GRAPHENE_RECT_INIT (x, baseline - 2, plot.bar_width, 2));
          continue;
        }

      height = MAX (3.0, plot.height * n / max);
      gsk_rounded_rect_init (&bar, &GRAPHENE_RECT_INIT (x, baseline - height, plot.bar_width, height),
                             &GRAPHENE_SIZE_INIT (2, 2), &GRAPHENE_SIZE_INIT (2, 2),
                             &GRAPHENE_SIZE_INIT (0, 0), &GRAPHENE_SIZE_INIT (0, 0));
      gtk_snapshot_push_rounded_clip (snapshot, &bar);
      gtk_snapshot_append_color (snapshot, &bar_color, &bar.bounds);
      gtk_snapshot_pop (snapshot);
    }

  /* Today, then each week, under its bar, where there is room. */
  for (guint day = 0; day < VIVA_REVIEW_FORECAST_N_DAYS; day += 7)
    {
      g_autoptr(PangoLayout) layout = NULL;
      g_autofree char *label = NULL;
      double x = plot.x + day * (plot.bar_width + BAR_GAP);
      int width;

      if (day == 0)
        /* Translators: under the forecast's first bar. */
        label = g_strdup (C_("forecast", "Today"));
      else
        /* Translators: under a bar of the forecast, the days from today. */
        label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "In %u day", "In %u days", day), day);

      layout = gtk_widget_create_pango_layout (widget, label);
      pango_layout_get_pixel_size (layout, &width, NULL);
      x = MIN (x, gtk_widget_get_width (widget) - width);
      if (x < label_room)
        continue;
      append_text (widget, snapshot, label, x, baseline + AXIS_SPACING, &text_color);
      label_room = x + width + 2 * AXIS_SPACING;
    }
}

static gboolean
viva_forecast_chart_query_tooltip (GtkWidget  *widget,
                                   int         x,
                                   int         y,
                                   gboolean    keyboard,
                                   GtkTooltip *tooltip)
{
  VivaForecastChart *self = VIVA_FORECAST_CHART (widget);
  g_autofree char *text = NULL;
  int day;

  if (keyboard)
    {
      gtk_tooltip_set_text (tooltip, self->text);
      return TRUE;
    }

  day = viva_forecast_chart_get_day_at (self, x);
  if (day < 0)
    return FALSE;

  text = viva_review_forecast_describe_day (&self->forecast, (guint) day);
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

static void
viva_forecast_chart_finalize (GObject *object)
{
  VivaForecastChart *self = (VivaForecastChart *)object;

  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (viva_forecast_chart_parent_class)->finalize (object);
}

static void
viva_forecast_chart_class_init (VivaForecastChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = viva_forecast_chart_finalize;

  widget_class->measure = viva_forecast_chart_measure;
  widget_class->snapshot = viva_forecast_chart_snapshot;
  widget_class->query_tooltip = viva_forecast_chart_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "forecastchart");
  /* A picture of the numbers its label says. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
viva_forecast_chart_init (VivaForecastChart *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  viva_forecast_chart_set_forecast (self, NULL);
}

GtkWidget *
viva_forecast_chart_new (void)
{
  return g_object_new (VIVA_TYPE_FORECAST_CHART, NULL);
}

const VivaReviewForecast *
viva_forecast_chart_get_forecast (VivaForecastChart *self)
{
  g_return_val_if_fail (VIVA_IS_FORECAST_CHART (self), NULL);

  return &self->forecast;
}

/**
 * viva_forecast_chart_set_forecast:
 * @self: a chart
 * @forecast: (nullable): what to show, copied; %NULL for nothing due
 */
void
viva_forecast_chart_set_forecast (VivaForecastChart        *self,
                                  const VivaReviewForecast *forecast)
{
  g_return_if_fail (VIVA_IS_FORECAST_CHART (self));

  if (forecast != NULL)
    self->forecast = *forecast;
  else
    self->forecast = (VivaReviewForecast) { 0 };

  g_free (self->text);
  self->text = viva_review_forecast_describe (&self->forecast);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->text,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The chart in words, as its accessible label says it. */
const char *
viva_forecast_chart_get_text (VivaForecastChart *self)
{
  g_return_val_if_fail (VIVA_IS_FORECAST_CHART (self), NULL);

  return self->text;
}
