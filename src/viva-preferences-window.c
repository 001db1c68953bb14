/* viva-preferences-window.c
 *
 * Preferences: the time a mock interview gives a question of each
 * level, how much Review asks in a day and how it schedules (the
 * scheduler and, for FSRS, the desired retention), and the time limit
 * of running code. Every control is bound to
 * its GSettings key, so there is no "apply" step and other windows see
 * changes at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "viva-fsrs-optimize-group.h"
#include "viva-preferences-window.h"

struct _VivaPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Owned */
  GSettings            *settings;

  /* Template widgets */
  GtkSpinButton        *budget[VIVA_PREFERENCES_N_LEVELS];
  GtkSpinButton        *review_daily_limit;
  GtkSpinButton        *review_new_per_day;
  AdwComboRow          *review_scheduler;
  GtkWidget            *review_retention_row;
  GtkSpinButton        *review_retention;
  GtkSpinButton        *run_time_limit;
  VivaFsrsOptimizeGroup *optimize_group;
};

G_DEFINE_FINAL_TYPE (VivaPreferencesWindow, viva_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The keys are "u" (minutes, counts); spin buttons hold doubles. */
static gboolean
uint_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant));
  return TRUE;
}

static GVariant *
minutes_set_mapping (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  return g_variant_new_uint32 ((guint32) CLAMP (g_value_get_double (value), 1, 120));
}

/* Counts are "u" keys too, within the spin button's range (the key's). */
static GVariant *
count_set_mapping (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  GtkAdjustment *adjustment = user_data;

  return g_variant_new_uint32 ((guint32) CLAMP (g_value_get_double (value),
                                                gtk_adjustment_get_lower (adjustment),
                                                gtk_adjustment_get_upper (adjustment)));
}

static void
bind_count (VivaPreferencesWindow *self,
            const char            *key,
            GtkSpinButton         *spin)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);

  g_settings_bind_with_mapping (self->settings, key,
                                adjustment, "value",
                                G_SETTINGS_BIND_DEFAULT,
                                uint_get_mapping, count_set_mapping,
                                adjustment, NULL);
}

/* "review-scheduler" is "fsrs" or "sm2", the combo row's items in that
 * order. */
static gboolean
scheduler_get_mapping (GValue   *value,
                       GVariant *variant,
                       gpointer  user_data)
{
  g_value_set_uint (value, g_strcmp0 (g_variant_get_string (variant, NULL), "sm2") == 0 ? 1 : 0);
  return TRUE;
}

static GVariant *
scheduler_set_mapping (const GValue       *value,
                       const GVariantType *expected_type,
                       gpointer            user_data)
{
  return g_variant_new_string (g_value_get_uint (value) == 1 ? "sm2" : "fsrs");
}

/* The desired retention only means something to FSRS. */
static gboolean
scheduler_is_fsrs_mapping (GValue   *value,
                           GVariant *variant,
                           gpointer  user_data)
{
  g_value_set_boolean (value, g_strcmp0 (g_variant_get_string (variant, NULL), "sm2") != 0);
  return TRUE;
}

/* "review-desired-retention" is a fraction; the spin button says
 * percent, whole ones. */
static gboolean
retention_get_mapping (GValue   *value,
                       GVariant *variant,
                       gpointer  user_data)
{
  g_value_set_double (value, round (g_variant_get_double (variant) * 100));
  return TRUE;
}

static GVariant *
retention_set_mapping (const GValue       *value,
                       const GVariantType *expected_type,
                       gpointer            user_data)
{
  return g_variant_new_double (CLAMP (round (g_value_get_double (value)), 70, 97) / 100);
}

static void
reset_clicked_cb (VivaPreferencesWindow *self,
                  GtkButton             *button)
{
  for (guint i = 0; i < VIVA_PREFERENCES_N_LEVELS; i++)
    {
      g_autofree char *key = g_strdup_printf ("mock-budget-level-%u", i + 1);

      g_settings_reset (self->settings, key);
    }
}

static void
viva_preferences_window_dispose (GObject *object)
{
  VivaPreferencesWindow *self = (VivaPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (viva_preferences_window_parent_class)->dispose (object);
}

static void
viva_preferences_window_class_init (VivaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-preferences-window.ui");
  gtk_widget_class_bind_template_child_full (widget_class, "budget_1", FALSE, G_STRUCT_OFFSET (VivaPreferencesWindow, budget[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "budget_2", FALSE, G_STRUCT_OFFSET (VivaPreferencesWindow, budget[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "budget_3", FALSE, G_STRUCT_OFFSET (VivaPreferencesWindow, budget[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "budget_4", FALSE, G_STRUCT_OFFSET (VivaPreferencesWindow, budget[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "budget_5", FALSE, G_STRUCT_OFFSET (VivaPreferencesWindow, budget[4]));
  gtk_widget_class_bind_template_child_full (widget_class, "budget_6", FALSE, G_STRUCT_OFFSET (VivaPreferencesWindow, budget[5]));
  gtk_widget_class_bind_template_child (widget_class, VivaPreferencesWindow, review_daily_limit);
  gtk_widget_class_bind_template_child (widget_class, VivaPreferencesWindow, review_new_per_day);
  gtk_widget_class_bind_template_child (widget_class, VivaPreferencesWindow, review_scheduler);
  gtk_widget_class_bind_template_child (widget_class, VivaPreferencesWindow, review_retention_row);
  gtk_widget_class_bind_template_child (widget_class, VivaPreferencesWindow, review_retention);
  gtk_widget_class_bind_template_child (widget_class, VivaPreferencesWindow, run_time_limit);
  gtk_widget_class_bind_template_child (widget_class, VivaPreferencesWindow, optimize_group);
  gtk_widget_class_bind_template_callback (widget_class, reset_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
viva_preferences_window_init (VivaPreferencesWindow *self)
{
  g_type_ensure (VIVA_TYPE_FSRS_OPTIMIZE_GROUP);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  for (guint i = 0; i < VIVA_PREFERENCES_N_LEVELS; i++)
    {
      g_autofree char *key = g_strdup_printf ("mock-budget-level-%u", i + 1);

      g_settings_bind_with_mapping (self->settings, key,
                                    gtk_spin_button_get_adjustment (self->budget[i]), "value",
                                    G_SETTINGS_BIND_DEFAULT,
                                    uint_get_mapping, minutes_set_mapping,
                                    NULL, NULL);
    }

  bind_count (self, "review-daily-limit", self->review_daily_limit);
  bind_count (self, "review-new-per-day", self->review_new_per_day);
  bind_count (self, "run-time-limit", self->run_time_limit);

  g_settings_bind_with_mapping (self->settings, "review-scheduler",
                                self->review_scheduler, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                scheduler_get_mapping, scheduler_set_mapping,
                                NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "review-scheduler",
                                self->review_retention_row, "sensitive",
                                G_SETTINGS_BIND_GET,
                                scheduler_is_fsrs_mapping, NULL,
                                NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "review-desired-retention",
                                gtk_spin_button_get_adjustment (self->review_retention), "value",
                                G_SETTINGS_BIND_DEFAULT,
                                retention_get_mapping, retention_set_mapping,
                                NULL, NULL);
}

GtkWidget *
viva_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);

  /* A screen reader says "dialog", as for the question dialog: GTK 4.8
   * puts a libadwaita window on the bus as a "frame", a window of its
   * own, unless the instance is given its role. */
  return g_object_new (VIVA_TYPE_PREFERENCES_WINDOW,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_DIALOG,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
}

/* The spin button for @level (1-based), for tests. */
GtkSpinButton *
viva_preferences_window_get_budget_row (VivaPreferencesWindow *self,
                                        guint                  level)
{
  g_return_val_if_fail (VIVA_IS_PREFERENCES_WINDOW (self), NULL);
  g_return_val_if_fail (level >= 1 && level <= VIVA_PREFERENCES_N_LEVELS, NULL);

  return self->budget[level - 1];
}

/* The spin button of a Review limit, for tests: "review-daily-limit" or
 * "review-new-per-day". */
GtkSpinButton *
viva_preferences_window_get_review_row (VivaPreferencesWindow *self,
                                        const char            *key)
{
  g_return_val_if_fail (VIVA_IS_PREFERENCES_WINDOW (self), NULL);

  if (g_strcmp0 (key, "review-daily-limit") == 0)
    return self->review_daily_limit;
  if (g_strcmp0 (key, "review-new-per-day") == 0)
    return self->review_new_per_day;

  g_return_val_if_reached (NULL);
}

/* The Scheduler row, for tests. */
AdwComboRow *
viva_preferences_window_get_scheduler_row (VivaPreferencesWindow *self)
{
  g_return_val_if_fail (VIVA_IS_PREFERENCES_WINDOW (self), NULL);

  return self->review_scheduler;
}

/* The Desired Retention row's spin button (percent), for tests. */
GtkSpinButton *
viva_preferences_window_get_retention_row (VivaPreferencesWindow *self)
{
  g_return_val_if_fail (VIVA_IS_PREFERENCES_WINDOW (self), NULL);

  return self->review_retention;
}

/* The spin button of the time limit for running code, for tests. */
GtkSpinButton *
viva_preferences_window_get_run_time_limit_row (VivaPreferencesWindow *self)
{
  g_return_val_if_fail (VIVA_IS_PREFERENCES_WINDOW (self), NULL);

  return self->run_time_limit;
}

/* The Review page's Optimize group, which needs the context for the
 * notes it fits to. */
VivaFsrsOptimizeGroup *
viva_preferences_window_get_optimize_group (VivaPreferencesWindow *self)
{
  g_return_val_if_fail (VIVA_IS_PREFERENCES_WINDOW (self), NULL);

  return self->optimize_group;
}
