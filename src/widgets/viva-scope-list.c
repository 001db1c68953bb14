/* viva-scope-list.c
 *
 * Which levels and topics questions are drawn from, as a boxed list: one
 * row per level with a check box for all of it, and for a level with
 * topics an expander holding one checked row per topic. The checks edit
 * #VivaMockSetup:chosen, so a level's check and its topics' checks are
 * separate choices, and nothing checked means the whole bank; see
 * viva-mock-setup.h. Both the mock interview's setup and the interview
 * plan's Add Random Questions popover show it, so that choosing
 * questions looks and works the same in both.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "viva-bank.h"
#include "viva-level.h"
#include "viva-mock-setup.h"
#include "viva-scope-list.h"
#include "viva-topic.h"

struct _VivaScopeList
{
  GtkWidget      parent_instance;

  /* Owned */
  VivaBank      *bank;
  VivaMockSetup *setup;
  GPtrArray     *checks;

  /* Template widgets */
  GtkListBox    *list;

  guint          syncing : 1;
};

G_DEFINE_FINAL_TYPE (VivaScopeList, viva_scope_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BANK,
  PROP_SETUP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
format_n_questions (guint n)
{
  /* Translators: the size of a level or a topic where questions are chosen. */
  return g_strdup_printf (ngettext ("%u question", "%u questions", n), n);
}

static void
viva_scope_list_toggled_cb (GtkCheckButton *check,
                            VivaScopeList  *self)
{
  guint level = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "viva-level"));
  const char *topic = g_object_get_data (G_OBJECT (check), "viva-topic");

  if (self->syncing)
    return;

  if (topic != NULL)
    viva_mock_setup_set_topic_chosen (self->setup, level, topic, gtk_check_button_get_active (check));
  else
    viva_mock_setup_set_level_chosen (self->setup, level, gtk_check_button_get_active (check));

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
viva_scope_list_add_check (VivaScopeList *self,
                           GtkWidget     *row,
                           guint          level,
                           const char    *topic,
                           const char    *accessible)
{
  GtkWidget *check = gtk_check_button_new ();

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (check), "viva-level", GUINT_TO_POINTER (level));
  if (topic != NULL)
    g_object_set_data_full (G_OBJECT (check), "viva-topic", g_strdup (topic), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  g_signal_connect (check, "toggled", G_CALLBACK (viva_scope_list_toggled_cb), self);

  if (ADW_IS_EXPANDER_ROW (row))
    adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), check);
  else
    {
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
    }

  g_ptr_array_add (self->checks, check);
}

static void
viva_scope_list_sync (VivaScopeList *self)
{
  self->syncing = TRUE;

  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);
      guint level = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "viva-level"));
      const char *topic = g_object_get_data (G_OBJECT (check), "viva-topic");

      if (topic != NULL)
        gtk_check_button_set_active (check, viva_mock_setup_get_topic_chosen (self->setup, level, topic));
      else
        gtk_check_button_set_active (check, viva_mock_setup_get_level_chosen (self->setup, level));
    }

  self->syncing = FALSE;
}

static GtkWidget *
viva_scope_list_new_level_row (VivaScopeList *self,
                               VivaLevel     *level)
{
  guint number = viva_level_get_number (level);
  g_autofree char *subtitle = format_n_questions (viva_level_get_n_questions (level));
  g_autofree char *accessible = NULL;
  GtkWidget *row;

  /* Translators: accessible name of the check box that picks a level. */
  accessible = g_strdup_printf (_("All of %s"), viva_level_get_title (level));

  if (viva_level_get_n_topics (level) > 0)
    {
      GListModel *children = viva_level_get_children (level);

      row = adw_expander_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

      for (guint j = 0; j < g_list_model_get_n_items (children); j++)
        {
          g_autoptr(GObject) child = g_list_model_get_item (children, j);
          g_autofree char *topic_subtitle = NULL;
          const char *name;
          GtkWidget *topic_row;

          if (!VIVA_IS_TOPIC (child))
            continue;

          name = viva_topic_get_name (VIVA_TOPIC (child));
          topic_row = adw_action_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (topic_row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (topic_row), name);
          topic_subtitle = format_n_questions (viva_topic_get_n_questions (VIVA_TOPIC (child)));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (topic_row), topic_subtitle);
          viva_scope_list_add_check (self, topic_row, number, name, name);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), topic_row);
        }
    }
  else
    {
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), viva_level_get_title (level));
  viva_scope_list_add_check (self, row, number, NULL, accessible);
  g_object_set_data (G_OBJECT (row), "viva-level", GUINT_TO_POINTER (number));

  return row;
}

static void
viva_scope_list_rebuild (VivaScopeList *self)
{
  GtkWidget *child;
  GListModel *levels;

  g_ptr_array_set_size (self->checks, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);

  gtk_widget_set_visible (GTK_WIDGET (self->list), self->bank != NULL);
  if (self->bank == NULL)
    return;

  levels = viva_bank_get_levels (self->bank);
  for (guint i = 0; i < g_list_model_get_n_items (levels); i++)
    {
      g_autoptr(VivaLevel) level = g_list_model_get_item (levels, i);

      gtk_list_box_append (self->list, viva_scope_list_new_level_row (self, level));
    }

  viva_scope_list_sync (self);
}

/* GObject */

static void
viva_scope_list_dispose (GObject *object)
{
  VivaScopeList *self = (VivaScopeList *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_SCOPE_LIST);

  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_object (&self->bank);
  g_clear_object (&self->setup);

  G_OBJECT_CLASS (viva_scope_list_parent_class)->dispose (object);
}

static void
viva_scope_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VivaScopeList *self = VIVA_SCOPE_LIST (object);

  switch (prop_id)
    {
    case PROP_BANK:
      g_value_set_object (value, self->bank);
      break;

    case PROP_SETUP:
      g_value_set_object (value, self->setup);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_scope_list_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  VivaScopeList *self = VIVA_SCOPE_LIST (object);

  switch (prop_id)
    {
    case PROP_BANK:
      viva_scope_list_set_bank (self, g_value_get_object (value));
      break;

    case PROP_SETUP:
      viva_scope_list_set_setup (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_scope_list_class_init (VivaScopeListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_scope_list_dispose;
  object_class->get_property = viva_scope_list_get_property;
  object_class->set_property = viva_scope_list_set_property;

  properties[PROP_BANK] =
    g_param_spec_object ("bank", NULL, NULL,
                         VIVA_TYPE_BANK,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Never %NULL: a list starts with a setup of its own. */
  properties[PROP_SETUP] =
    g_param_spec_object ("setup", NULL, NULL,
                         VIVA_TYPE_MOCK_SETUP,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VivaScopeList::changed:
   *
   * The user checked or unchecked a level or a topic; the setup has the
   * new choice already.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-scope-list.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaScopeList, list);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vivascopelist");
}

static void
viva_scope_list_init (VivaScopeList *self)
{
  self->checks = g_ptr_array_new ();
  self->setup = viva_mock_setup_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->list), FALSE);
}

GtkWidget *
viva_scope_list_new (void)
{
  return g_object_new (VIVA_TYPE_SCOPE_LIST, NULL);
}

VivaBank *
viva_scope_list_get_bank (VivaScopeList *self)
{
  g_return_val_if_fail (VIVA_IS_SCOPE_LIST (self), NULL);

  return self->bank;
}

/* One row per level of @bank, checked as the setup has it. */
void
viva_scope_list_set_bank (VivaScopeList *self,
                          VivaBank      *bank)
{
  g_return_if_fail (VIVA_IS_SCOPE_LIST (self));
  g_return_if_fail (bank == NULL || VIVA_IS_BANK (bank));

  if (!g_set_object (&self->bank, bank))
    return;

  viva_scope_list_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BANK]);
}

/* Returns: (transfer none): the setup the checks edit */
VivaMockSetup *
viva_scope_list_get_setup (VivaScopeList *self)
{
  g_return_val_if_fail (VIVA_IS_SCOPE_LIST (self), NULL);

  return self->setup;
}

/* The checks show @setup's choice and edit it from now on. */
void
viva_scope_list_set_setup (VivaScopeList *self,
                           VivaMockSetup *setup)
{
  g_return_if_fail (VIVA_IS_SCOPE_LIST (self));
  g_return_if_fail (VIVA_IS_MOCK_SETUP (setup));

  /* The same setup may hold a new choice: show it either way. */
  if (g_set_object (&self->setup, setup))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETUP]);

  viva_scope_list_sync (self);
}

/* Returns: (transfer none) (nullable): the check box of a level (for
 * @topic_name %NULL) or of one of its topics */
GtkCheckButton *
viva_scope_list_get_check (VivaScopeList *self,
                           guint          level_number,
                           const char    *topic_name)
{
  g_return_val_if_fail (VIVA_IS_SCOPE_LIST (self), NULL);

  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);

      if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "viva-level")) == level_number &&
          g_strcmp0 (g_object_get_data (G_OBJECT (check), "viva-topic"), topic_name) == 0)
        return check;
    }

  return NULL;
}

/* Returns: (transfer none) (nullable): a level's row, an #AdwExpanderRow
 * when the level has topics */
GtkWidget *
viva_scope_list_get_row (VivaScopeList *self,
                         guint          level_number)
{
  g_return_val_if_fail (VIVA_IS_SCOPE_LIST (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "viva-level")) == level_number)
        return row;
    }

  return NULL;
}
