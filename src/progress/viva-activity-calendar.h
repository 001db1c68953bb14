/* viva-activity-calendar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "viva-review-stats.h"

G_BEGIN_DECLS

#define VIVA_TYPE_ACTIVITY_CALENDAR (viva_activity_calendar_get_type ())

G_DECLARE_FINAL_TYPE (VivaActivityCalendar, viva_activity_calendar, VIVA, ACTIVITY_CALENDAR, GtkWidget)

GtkWidget                *viva_activity_calendar_new          (void);
const VivaReviewActivity *viva_activity_calendar_get_activity (VivaActivityCalendar *self);
void                      viva_activity_calendar_set_activity (VivaActivityCalendar *self,
                                                               VivaReviewActivity   *activity);
const char               *viva_activity_calendar_get_text     (VivaActivityCalendar *self);
int                       viva_activity_calendar_get_day_at   (VivaActivityCalendar *self,
                                                               double                x,
                                                               double                y);

G_END_DECLS
