/* viva-mock-setup-page.c
 *
 * Setting up a mock interview: which levels and topics, how many
 * questions, their order, whether to skip Confident ones, and the time.
 * The page edits a VivaMockSetup and shows, as the choices change, how
 * many questions that gives and the time they add up to, computed with
 * the same seed the interview will use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "viva-bank.h"
#include "viva-context.h"
#include "viva-mock-setup.h"
#include "viva-mock-setup-page.h"
#include "viva-mock-timer.h"
#include "viva-question.h"
#include "viva-scope-list.h"

struct _VivaMockSetupPage
{
  GtkWidget             parent_instance;

  /* Owned */
  VivaMockSetup        *setup;
  VivaContext          *context;
  GSignalGroup         *context_signals;
  /* The context's, kept from its last notify::bank */
  VivaBank             *bank;
  VivaNotesStore       *notes;
  GSettings            *settings;
  char                 *summary;

  /* Template widgets */
  AdwPreferencesPage   *page;
  GtkSpinButton        *count_spin;
  AdwComboRow          *order_row;
  GtkSwitch            *skip_confident_switch;
  VivaScopeList        *scope_list;
  AdwComboRow          *budget_row;
  AdwActionRow         *total_row;
  GtkSpinButton        *total_spin;
  GtkSwitch            *auto_advance_switch;
  GtkLabel             *summary_label;
  GtkLabel             *error_label;
  GtkButton            *start_button;

  guint                 syncing : 1;
};

G_DEFINE_FINAL_TYPE (VivaMockSetupPage, viva_mock_setup_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CAN_START,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The per-level minutes live in GSettings (Preferences); the setup keeps a
 * copy so that a session records what it was given. */
static void
viva_mock_setup_page_read_budgets (VivaMockSetupPage *self)
{
  for (guint level = 1; level <= VIVA_MOCK_SETUP_N_LEVEL_BUDGETS; level++)
    {
      g_autofree char *key = g_strdup_printf ("mock-budget-level-%u", level);

      viva_mock_setup_set_level_budget (self->setup, level,
                                        (gint64) g_settings_get_uint (self->settings, key) * 60 * G_USEC_PER_SEC);
    }
}

static void
viva_mock_setup_page_refresh (VivaMockSetupPage *self)
{
  g_autoptr(GPtrArray) questions = NULL;
  g_autoptr(GError) error = NULL;
  gboolean total_mode = viva_mock_setup_get_budget_mode (self->setup) == VIVA_MOCK_BUDGET_TOTAL;

  gtk_widget_set_visible (GTK_WIDGET (self->total_row), total_mode);

  g_clear_pointer (&self->summary, g_free);

  if (self->bank == NULL)
    return;

  questions = viva_mock_setup_select (self->setup, self->bank, self->notes, NULL, &error);

  if (questions == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_label_set_text (self->summary_label, "");
      gtk_widget_set_sensitive (GTK_WIDGET (self->start_button), FALSE);
    }
  else
    {
      g_autofree char *total = viva_mock_timer_format (viva_mock_setup_total_budget (self->setup, questions));

      /* Translators: "10 questions, 32:00 in all" (minutes:seconds). */
      self->summary = g_strdup_printf (ngettext ("%u question, %s in all",
                                                 "%u questions, %s in all",
                                                 questions->len),
                                       questions->len, total);
      gtk_label_set_text (self->summary_label, self->summary);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->start_button), TRUE);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_START]);
}

static void
changed_cb (VivaMockSetupPage *self)
{
  if (self->syncing)
    return;

  viva_mock_setup_set_n_questions (self->setup, (guint) gtk_spin_button_get_value (self->count_spin));
  viva_mock_setup_set_random_order (self->setup, adw_combo_row_get_selected (self->order_row) == 0);
  viva_mock_setup_set_skip_confident (self->setup, gtk_switch_get_active (self->skip_confident_switch));
  viva_mock_setup_set_budget_mode (self->setup,
                                   adw_combo_row_get_selected (self->budget_row) == 1
                                     ? VIVA_MOCK_BUDGET_TOTAL : VIVA_MOCK_BUDGET_PER_LEVEL);
  viva_mock_setup_set_total_budget (self->setup,
                                    (gint64) gtk_spin_button_get_value (self->total_spin) * 60 * G_USEC_PER_SEC);
  viva_mock_setup_set_auto_advance (self->setup, gtk_switch_get_active (self->auto_advance_switch));

  viva_mock_setup_page_refresh (self);
}

static void
viva_mock_setup_page_settings_changed_cb (VivaMockSetupPage *self,
                                          const char        *key,
                                          GSettings         *settings)
{
  if (g_str_has_prefix (key, "mock-budget-level-"))
    {
      viva_mock_setup_page_read_budgets (self);
      viva_mock_setup_page_refresh (self);
    }
}

static void
viva_mock_setup_page_scope_changed_cb (VivaMockSetupPage *self)
{
  viva_mock_setup_page_refresh (self);
}

/* The new bank's levels and topics, which the scope list shows, change
 * what the choices give. */
static void
viva_mock_setup_page_bank_changed_cb (VivaMockSetupPage *self)
{
  VivaBank *bank = viva_context_get_bank (self->context);

  if (bank == NULL)
    return;

  g_set_object (&self->bank, bank);
  viva_mock_setup_page_refresh (self);
}

static void
viva_mock_setup_page_dispose (GObject *object)
{
  VivaMockSetupPage *self = (VivaMockSetupPage *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_MOCK_SETUP_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  if (self->context_signals != NULL)
    g_signal_group_set_target (self->context_signals, NULL);
  g_clear_object (&self->context_signals);
  g_clear_object (&self->context);
  g_clear_object (&self->setup);
  g_clear_object (&self->bank);
  g_clear_object (&self->notes);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (viva_mock_setup_page_parent_class)->dispose (object);
}

static void
viva_mock_setup_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  VivaMockSetupPage *self = VIVA_MOCK_SETUP_PAGE (object);

  switch (prop_id)
    {
    case PROP_CAN_START:
      g_value_set_boolean (value, self->summary != NULL);
      break;

    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_mock_setup_page_set_context (VivaMockSetupPage *self,
                                  VivaContext       *context);

static void
viva_mock_setup_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  VivaMockSetupPage *self = VIVA_MOCK_SETUP_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      viva_mock_setup_page_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_mock_setup_page_class_init (VivaMockSetupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_mock_setup_page_dispose;
  object_class->get_property = viva_mock_setup_page_get_property;
  object_class->set_property = viva_mock_setup_page_set_property;

  properties[PROP_CAN_START] =
    g_param_spec_boolean ("can-start", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * VivaMockSetupPage:context:
   *
   * The bank the questions are drawn from, and the notes; set once.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         VIVA_TYPE_CONTEXT,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-mock-setup-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaMockSetupPage, page);
  gtk_widget_class_bind_template_child (widget_class, VivaMockSetupPage, count_spin);
  gtk_widget_class_bind_template_child (widget_class, VivaMockSetupPage, order_row);
  gtk_widget_class_bind_template_child (widget_class, VivaMockSetupPage, skip_confident_switch);
  gtk_widget_class_bind_template_child (widget_class, VivaMockSetupPage, scope_list);
  gtk_widget_class_bind_template_child (widget_class, VivaMockSetupPage, budget_row);
  gtk_widget_class_bind_template_child (widget_class, VivaMockSetupPage, total_row);
  gtk_widget_class_bind_template_child (widget_class, VivaMockSetupPage, total_spin);
  gtk_widget_class_bind_template_child (widget_class, VivaMockSetupPage, auto_advance_switch);
  gtk_widget_class_bind_template_child (widget_class, VivaMockSetupPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, VivaMockSetupPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, VivaMockSetupPage, start_button);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, viva_mock_setup_page_scope_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vivamocksetuppage");
}

static void
viva_mock_setup_page_init (VivaMockSetupPage *self)
{
  g_type_ensure (VIVA_TYPE_SCOPE_LIST);

  self->setup = viva_mock_setup_new ();
  self->settings = g_settings_new (APP_ID);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->context_signals = g_signal_group_new (VIVA_TYPE_CONTEXT);
  g_signal_group_connect_object (self->context_signals, "notify::bank",
                                 G_CALLBACK (viva_mock_setup_page_bank_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (viva_mock_setup_page_settings_changed_cb),
                           self, G_CONNECT_SWAPPED);
  viva_mock_setup_page_read_budgets (self);
  viva_mock_setup_page_set_setup (self, self->setup);
}

static void
viva_mock_setup_page_set_context (VivaMockSetupPage *self,
                                  VivaContext       *context)
{
  g_return_if_fail (!context || VIVA_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  if (context == NULL)
    return;

  self->context = g_object_ref (context);
  g_set_object (&self->notes, viva_context_get_notes_store (context));
  /* The scope list is a widget several features share: it shows any
   * bank it is given, so it takes the context's as a property. */
  g_object_bind_property (context, "bank", self->scope_list, "bank", G_BINDING_SYNC_CREATE);
  g_signal_group_set_target (self->context_signals, context);
  viva_mock_setup_page_bank_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

VivaMockSetup *
viva_mock_setup_page_get_setup (VivaMockSetupPage *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SETUP_PAGE (self), NULL);

  return self->setup;
}

/* Shows @setup's choices (e.g. the last setup, from GSettings). */
void
viva_mock_setup_page_set_setup (VivaMockSetupPage *self,
                                VivaMockSetup     *setup)
{
  g_return_if_fail (VIVA_IS_MOCK_SETUP_PAGE (self));
  g_return_if_fail (VIVA_IS_MOCK_SETUP (setup));

  g_set_object (&self->setup, setup);
  viva_mock_setup_page_read_budgets (self);

  self->syncing = TRUE;
  gtk_spin_button_set_value (self->count_spin, viva_mock_setup_get_n_questions (setup));
  adw_combo_row_set_selected (self->order_row, viva_mock_setup_get_random_order (setup) ? 0 : 1);
  gtk_switch_set_active (self->skip_confident_switch, viva_mock_setup_get_skip_confident (setup));
  adw_combo_row_set_selected (self->budget_row,
                              viva_mock_setup_get_budget_mode (setup) == VIVA_MOCK_BUDGET_TOTAL ? 1 : 0);
  gtk_spin_button_set_value (self->total_spin,
                             (double) (viva_mock_setup_get_total_budget (setup) / (60 * G_USEC_PER_SEC)));
  gtk_switch_set_active (self->auto_advance_switch, viva_mock_setup_get_auto_advance (setup));
  self->syncing = FALSE;

  viva_scope_list_set_setup (self->scope_list, setup);

  viva_mock_setup_page_refresh (self);
}

/**
 * viva_mock_setup_page_select:
 *
 * The questions to ask, as Start would take them.
 *
 * Returns: (transfer full): the questions, or %NULL with @error set
 */
GPtrArray *
viva_mock_setup_page_select (VivaMockSetupPage  *self,
                             GError            **error)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SETUP_PAGE (self), NULL);
  g_return_val_if_fail (self->bank != NULL, NULL);

  return viva_mock_setup_select (self->setup, self->bank, self->notes, NULL, error);
}

const char *
viva_mock_setup_page_get_summary (VivaMockSetupPage *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SETUP_PAGE (self), NULL);

  return self->summary;
}

/* Enter starts the interview from the moment the page shows. */
void
viva_mock_setup_page_focus_start (VivaMockSetupPage *self)
{
  g_return_if_fail (VIVA_IS_MOCK_SETUP_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->start_button));
}

VivaScopeList *
viva_mock_setup_page_get_scope_list (VivaMockSetupPage *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SETUP_PAGE (self), NULL);

  return self->scope_list;
}
