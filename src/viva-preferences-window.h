/* viva-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VIVA_PREFERENCES_N_LEVELS 6

#define VIVA_TYPE_PREFERENCES_WINDOW (viva_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (VivaPreferencesWindow, viva_preferences_window, VIVA, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget     *viva_preferences_window_new            (GtkWindow             *parent);
GtkSpinButton *viva_preferences_window_get_budget_row (VivaPreferencesWindow *self,
                                                       guint                  level);
GtkSpinButton *viva_preferences_window_get_review_row (VivaPreferencesWindow *self,
                                                       const char            *key);
AdwComboRow   *viva_preferences_window_get_scheduler_row (VivaPreferencesWindow *self);
GtkSpinButton *viva_preferences_window_get_retention_row (VivaPreferencesWindow *self);
GtkSpinButton *viva_preferences_window_get_run_time_limit_row (VivaPreferencesWindow *self);

G_END_DECLS
