/* viva-preferences-window.c
 *
 * Preferences: for now, the time a mock interview gives a question of
 * each level. Every control is bound to its GSettings key, so there is no
 * "apply" step and other windows see changes at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-preferences-window.h"

struct _VivaPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Owned */
  GSettings            *settings;

  /* Template widgets */
  GtkSpinButton        *budget[VIVA_PREFERENCES_N_LEVELS];
};

G_DEFINE_FINAL_TYPE (VivaPreferencesWindow, viva_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The keys are minutes as "u"; spin buttons hold doubles. */
static gboolean
minutes_get_mapping (GValue   *value,
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
  gtk_widget_class_bind_template_callback (widget_class, reset_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
viva_preferences_window_init (VivaPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  for (guint i = 0; i < VIVA_PREFERENCES_N_LEVELS; i++)
    {
      g_autofree char *key = g_strdup_printf ("mock-budget-level-%u", i + 1);

      g_settings_bind_with_mapping (self->settings, key,
                                    gtk_spin_button_get_adjustment (self->budget[i]), "value",
                                    G_SETTINGS_BIND_DEFAULT,
                                    minutes_get_mapping, minutes_set_mapping,
                                    NULL, NULL);
    }
}

GtkWidget *
viva_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (VIVA_TYPE_PREFERENCES_WINDOW,
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
