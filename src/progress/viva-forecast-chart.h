/* viva-forecast-chart.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "viva-review-stats.h"

G_BEGIN_DECLS

#define VIVA_TYPE_FORECAST_CHART (viva_forecast_chart_get_type ())

G_DECLARE_FINAL_TYPE (VivaForecastChart, viva_forecast_chart, VIVA, FORECAST_CHART, GtkWidget)

GtkWidget                *viva_forecast_chart_new          (void);
const VivaReviewForecast *viva_forecast_chart_get_forecast (VivaForecastChart        *self);
void                      viva_forecast_chart_set_forecast (VivaForecastChart        *self,
                                                            const VivaReviewForecast *forecast);
const char               *viva_forecast_chart_get_text     (VivaForecastChart        *self);
int                       viva_forecast_chart_get_day_at   (VivaForecastChart        *self,
                                                            double                    x);

G_END_DECLS
