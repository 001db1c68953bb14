/* viva-interview-plan-page.c
 *
 * Before the interview: who is interviewed, for which role, by whom and
 * when, and the questions to ask, with a time budget for each and for
 * the whole interview. The page edits a VivaInterview in place; the
 * store saves it on its "changed" signal.
 *
 * The questions are a VivaInterviewPlanList, where they are reordered,
 * removed and given a budget. The page tops the plan up with random
 * questions from chosen levels and topics (the mock interview's list and
 * selection, leaving out what is planned already). Saving the plan as a
 * reusable template, or filling it from one, is the Templates menu of
 * viva-interview-plan-page-templates.c.
 *
 * The page follows its context: random questions come from the bank
 * open now, and the interviewer's name is remembered in its settings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-bank.h"
#include "viva-context.h"
#include "viva-interview.h"
#include "viva-interview-plan-page-private.h"
#include "viva-mock-setup.h"
#include "viva-question.h"

#define MINUTE ((gint64) 60 * G_USEC_PER_SEC)

G_DEFINE_FINAL_TYPE (VivaInterviewPlanPage, viva_interview_plan_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_CAN_START,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  START,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static char *
format_minutes (gint64 usec)
{
  guint minutes = (guint) ((usec + MINUTE / 2) / MINUTE);

  /* Translators: a time budget, "45 minutes". */
  return g_strdup_printf (ngettext ("%u minute", "%u minutes", minutes), minutes);
}

gboolean
_viva_interview_plan_page_get_plan_editable (VivaInterviewPlanPage *self)
{
  return self->interview != NULL && viva_interview_get_plan_editable (self->interview);
}

void
_viva_interview_plan_page_show_error (VivaInterviewPlanPage *self,
                                      const char            *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

void
_viva_interview_plan_page_toast (VivaInterviewPlanPage *self,
                                 const char            *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
viva_interview_plan_page_close_dialog (VivaInterviewPlanPage *self)
{
  if (self->dialog == NULL)
    return;

  g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  gtk_window_destroy (GTK_WINDOW (self->dialog));
  self->dialog = NULL;
}

AdwMessageDialog *
_viva_interview_plan_page_new_dialog (VivaInterviewPlanPage *self,
                                      const char            *heading,
                                      const char            *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  viva_interview_plan_page_close_dialog (self);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  self->dialog = ADW_MESSAGE_DIALOG (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);

  return ADW_MESSAGE_DIALOG (dialog);
}

/* Details */

static void
set_entry_text (AdwEntryRow *row,
                const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
viva_interview_plan_page_sync_date (VivaInterviewPlanPage *self)
{
  gint64 date = self->interview != NULL ? viva_interview_get_date (self->interview) : 0;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *text = NULL;

  if (date > 0)
    when = g_date_time_new_from_unix_local (date / G_USEC_PER_SEC);

  if (when == NULL)
    {
      adw_action_row_set_subtitle (self->date_row, _("Not set"));
      return;
    }

  /* Translators: the date of an interview on its plan, see g_date_time_format(). */
  text = g_date_time_format (when, _("%A %-d %B %Y, %H:%M"));
  adw_action_row_set_subtitle (self->date_row, text);

  self->syncing = TRUE;
  gtk_calendar_select_day (self->calendar, when);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (when));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (when));
  self->syncing = FALSE;
}

static void
viva_interview_plan_page_sync_details (VivaInterviewPlanPage *self)
{
  self->syncing = TRUE;
  set_entry_text (self->candidate_row, self->interview ? viva_interview_get_candidate (self->interview) : "");
  set_entry_text (self->role_row, self->interview ? viva_interview_get_role (self->interview) : "");
  set_entry_text (self->interviewer_row, self->interview ? viva_interview_get_interviewer (self->interview) : "");
  self->syncing = FALSE;

  viva_interview_plan_page_sync_date (self);
}

static void
candidate_changed_cb (VivaInterviewPlanPage *self)
{
  if (self->syncing || self->interview == NULL)
    return;

  viva_interview_set_candidate (self->interview, gtk_editable_get_text (GTK_EDITABLE (self->candidate_row)));
}

static void
role_changed_cb (VivaInterviewPlanPage *self)
{
  if (self->syncing || self->interview == NULL)
    return;

  viva_interview_set_role (self->interview, gtk_editable_get_text (GTK_EDITABLE (self->role_row)));
}

/* The interviewer is usually the same person: remembered for the next
 * interview whenever it is edited. */
static void
interviewer_changed_cb (VivaInterviewPlanPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->interviewer_row));

  if (self->syncing || self->interview == NULL)
    return;

  if (viva_interview_set_interviewer (self->interview, text) && self->context != NULL)
    g_settings_set_string (viva_context_get_settings (self->context), "interviewer-name", text);
}

static void
date_edited_cb (VivaInterviewPlanPage *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) when = NULL;

  if (self->syncing || self->interview == NULL)
    return;

  day = gtk_calendar_get_date (self->calendar);
  when = g_date_time_new_local (g_date_time_get_year (day),
                                g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day),
                                gtk_spin_button_get_value_as_int (self->hour_spin),
                                gtk_spin_button_get_value_as_int (self->minute_spin),
                                0);
  if (when != NULL)
    viva_interview_set_date (self->interview, g_date_time_to_unix (when) * G_USEC_PER_SEC);
}

static gboolean
two_digits_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

/* Time */

static void
viva_interview_plan_page_update_budget (VivaInterviewPlanPage *self)
{
  g_autofree char *summary = NULL;
  g_autofree char *sum_text = NULL;
  g_autofree char *total_text = NULL;
  gint64 sum = 0;
  gint64 total = 0;
  guint n = 0;
  gboolean over = FALSE;

  if (self->interview != NULL)
    {
      n = viva_interview_get_n_items (self->interview);
      total = viva_interview_get_total_budget (self->interview);
      for (guint i = 0; i < n; i++)
        sum += viva_interview_item_get_budget (viva_interview_get_item (self->interview, i));
    }

  sum_text = format_minutes (sum);
  total_text = format_minutes (total);

  if (sum == 0 && total == 0)
    summary = g_strdup (_("No time budget: set one for the interview or for each question"));
  else if (total == 0)
    /* Translators: the sum of the questions' budgets, "25 minutes". */
    summary = g_strdup_printf (_("The questions add up to %s"), sum_text);
  else if (sum <= total)
    /* Translators: "The questions add up to 25 minutes of 45 minutes". */
    summary = g_strdup_printf (_("The questions add up to %s of %s"), sum_text, total_text);
  else
    {
      g_autofree char *over_text = format_minutes (sum - total);

      /* Translators: "The questions add up to 50 minutes, 5 minutes more than the interview". */
      summary = g_strdup_printf (_("The questions add up to %s, %s more than the interview"), sum_text, over_text);
      over = TRUE;
    }

  adw_action_row_set_subtitle (self->total_row, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->over_budget_image), over);

  self->syncing = TRUE;
  gtk_spin_button_set_value (self->total_spin, (double) ((total + MINUTE / 2) / MINUTE));
  self->syncing = FALSE;
}

static void
total_changed_cb (VivaInterviewPlanPage *self)
{
  if (self->syncing || self->interview == NULL)
    return;

  viva_interview_set_total_budget (self->interview,
                                   (gint64) gtk_spin_button_get_value_as_int (self->total_spin) * MINUTE);
}

/* The plan: the list shows its rows, the page what they add up to. */

static void
interview_items_changed_cb (VivaInterviewPlanPage *self,
                            guint                  position,
                            guint                  removed,
                            guint                  added,
                            VivaInterview         *interview)
{
  viva_interview_plan_page_update_budget (self);
  _viva_interview_plan_page_update_actions (self);
}

static void
interview_item_changed_cb (VivaInterviewPlanPage *self,
                           guint                  index,
                           VivaInterview         *interview)
{
  viva_interview_plan_page_update_budget (self);
}

static void
interview_notify_cb (VivaInterviewPlanPage *self,
                     GParamSpec            *pspec,
                     VivaInterview         *interview)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "candidate") || g_str_equal (name, "role") ||
      g_str_equal (name, "interviewer") || g_str_equal (name, "date"))
    viva_interview_plan_page_sync_details (self);
  else if (g_str_equal (name, "total-budget"))
    viva_interview_plan_page_update_budget (self);
  else if (g_str_equal (name, "read-only") || g_str_equal (name, "state"))
    _viva_interview_plan_page_update_actions (self);
}

/* Removing the last question leaves the keyboard on what fills the plan
 * again. */
static void
plan_emptied_cb (VivaInterviewPlanPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->random_button));
}

/* Random questions */

static void
add_random_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VivaInterviewPlanPage *self = VIVA_INTERVIEW_PLAN_PAGE (widget);
  g_autoptr(VivaMockSetup) setup = viva_mock_setup_new ();
  g_autoptr(GHashTable) planned = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) questions = NULL;
  g_autoptr(GError) error = NULL;
  guint count = gtk_spin_button_get_value_as_int (self->random_count_spin);
  guint n;

  if (!_viva_interview_plan_page_get_plan_editable (self) || self->bank == NULL)
    return;

  n = viva_interview_get_n_items (self->interview);
  if (n >= VIVA_INTERVIEW_MAX_ITEMS)
    {
      g_autofree char *message = g_strdup_printf (ngettext ("An interview has at most %u question",
                                                            "An interview has at most %u questions",
                                                            VIVA_INTERVIEW_MAX_ITEMS),
                                                  VIVA_INTERVIEW_MAX_ITEMS);

      gtk_label_set_text (self->random_error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->random_error_label), TRUE);
      return;
    }

  /* Only the choice of levels and topics comes from the list: the
   * count is the popover's, and every draw gets a new seed. */
  viva_mock_setup_set_chosen (setup, viva_mock_setup_get_chosen (viva_scope_list_get_setup (self->scope_list)));
  viva_mock_setup_set_n_questions (setup, MIN (count, VIVA_INTERVIEW_MAX_ITEMS - n));
  viva_mock_setup_set_random_order (setup, TRUE);

  for (guint i = 0; i < n; i++)
    {
      guint number = viva_interview_item_get_number (viva_interview_get_item (self->interview, i));

      if (number > 0)
        g_hash_table_add (planned, GUINT_TO_POINTER (number));
    }

  questions = viva_mock_setup_select_excluding (setup, self->bank, NULL, planned, NULL, &error);
  if (questions == NULL)
    {
      gtk_label_set_text (self->random_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->random_error_label), TRUE);
      return;
    }

  for (guint i = 0; i < questions->len; i++)
    {
      if (!viva_interview_append_question (self->interview, g_ptr_array_index (questions, i), 0, &error))
        {
          gtk_label_set_text (self->random_error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->random_error_label), TRUE);
          return;
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->random_error_label), FALSE);
  gtk_popover_popdown (self->random_popover);
}

/* A problem with the last draw no longer holds once the popover opens
 * again or the choice changes. */
static void
hide_random_error_cb (VivaInterviewPlanPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->random_error_label), FALSE);
}

/* Start */

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  VivaInterviewPlanPage *self = VIVA_INTERVIEW_PLAN_PAGE (widget);

  if (self->can_start)
    g_signal_emit (self, signals[START], 0);
}

/* One place decides what can be done. */
void
_viva_interview_plan_page_update_actions (VivaInterviewPlanPage *self)
{
  gboolean has_interview = self->interview != NULL;
  gboolean details_editable = has_interview && !viva_interview_get_read_only (self->interview);
  gboolean editable = _viva_interview_plan_page_get_plan_editable (self);
  gboolean templates_loaded = self->templates_state == VIVA_PLAN_TEMPLATES_LOADED;
  guint n = has_interview ? viva_interview_get_n_items (self->interview) : 0;
  gboolean can_start = editable && n > 0;
  VivaInterviewState state = has_interview ? viva_interview_get_state (self->interview) : VIVA_INTERVIEW_STATE_PLANNED;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.add-random", editable && self->bank != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.use-template", editable && templates_loaded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.save-template",
                                 n > 0 && templates_loaded && !self->templates_read_only && self->saving_template == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.manage-templates",
                                 templates_loaded && !self->templates_read_only && self->saving_template == NULL &&
                                 self->templates != NULL && self->templates->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.start", can_start);

  gtk_widget_set_sensitive (GTK_WIDGET (self->details_group), details_editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->total_row), details_editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->plan_list), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->random_button), editable && self->bank != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->templates_button), has_interview);
  gtk_widget_set_visible (GTK_WIDGET (self->read_only_label),
                          has_interview && viva_interview_get_read_only (self->interview));

  gtk_button_set_label (self->start_button,
                        state == VIVA_INTERVIEW_STATE_RUNNING || state == VIVA_INTERVIEW_STATE_PAUSED
                        ? _("_Resume Interview") : _("_Start Interview"));

  if (self->can_start != can_start)
    {
      self->can_start = can_start;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_START]);
    }
}

/* The bank random questions are drawn from. */
static void
viva_interview_plan_page_bank_changed_cb (VivaInterviewPlanPage *self)
{
  VivaBank *bank = self->context != NULL ? viva_context_get_bank (self->context) : NULL;

  if (g_set_object (&self->bank, bank))
    {
      /* Another bank has other levels and topics: start with none. */
      viva_mock_setup_set_chosen (viva_scope_list_get_setup (self->scope_list), NULL);
      viva_scope_list_set_bank (self->scope_list, bank);
    }

  _viva_interview_plan_page_update_actions (self);
}

static void
viva_interview_plan_page_set_context (VivaInterviewPlanPage *self,
                                      VivaContext           *context)
{
  g_return_if_fail (context == NULL || VIVA_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;

  g_signal_group_set_target (self->context_signals, context);
  viva_interview_plan_page_bank_changed_cb (self);
  if (context != NULL)
    _viva_interview_plan_page_load_templates (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/* GtkWidget */

static void
viva_interview_plan_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (viva_interview_plan_page_parent_class)->map (widget);

  _viva_interview_plan_page_load_templates (VIVA_INTERVIEW_PLAN_PAGE (widget));
}

/* GObject */

static void
viva_interview_plan_page_dispose (GObject *object)
{
  VivaInterviewPlanPage *self = (VivaInterviewPlanPage *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  viva_interview_plan_page_close_dialog (self);
  _viva_interview_plan_page_close_templates_dialog (self);

  if (self->interview != NULL)
    g_signal_handlers_disconnect_by_data (self->interview, self);
  if (self->context_signals != NULL)
    g_signal_group_set_target (self->context_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_INTERVIEW_PLAN_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  g_clear_object (&self->context_signals);
  g_clear_object (&self->context);
  g_clear_object (&self->interview);
  g_clear_object (&self->bank);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->templates, g_ptr_array_unref);
  g_clear_object (&self->saving_template);

  G_OBJECT_CLASS (viva_interview_plan_page_parent_class)->dispose (object);
}

static void
viva_interview_plan_page_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  VivaInterviewPlanPage *self = VIVA_INTERVIEW_PLAN_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_CAN_START:
      g_value_set_boolean (value, self->can_start);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_interview_plan_page_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  VivaInterviewPlanPage *self = VIVA_INTERVIEW_PLAN_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      viva_interview_plan_page_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_interview_plan_page_class_init (VivaInterviewPlanPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_interview_plan_page_dispose;
  object_class->get_property = viva_interview_plan_page_get_property;
  object_class->set_property = viva_interview_plan_page_set_property;

  widget_class->map = viva_interview_plan_page_map;

  /**
   * VivaInterviewPlanPage:context:
   *
   * The open bank, which random questions come from, and the settings
   * that remember the interviewer. Also starts reading the saved
   * templates, once.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         VIVA_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaInterviewPlanPage:can-start:
   *
   * Whether the interview can start: it has questions and can be
   * changed.
   */
  properties[PROP_CAN_START] =
    g_param_spec_boolean ("can-start", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VivaInterviewPlanPage::start:
   *
   * The interviewer asked to start (or resume) the interview.
   */
  signals[START] =
    g_signal_new ("start",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "plan.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "plan.add-random", NULL, add_random_action);
  _viva_interview_plan_page_class_templates_init (widget_class);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-interview-plan-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewPlanPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewPlanPage, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewPlanPage, templates_label);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewPlanPage, details_group);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewPlanPage, candidate_row);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewPlanPage, role_row);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewPlanPage, interviewer_row);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewPlanPage, date_row);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewPlanPage, calendar);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewPlanPage, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewPlanPage, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewPlanPage, random_button);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewPlanPage, random_popover);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewPlanPage, random_count_spin);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewPlanPage, scope_list);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewPlanPage, random_error_label);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewPlanPage, templates_button);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewPlanPage, plan_list);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewPlanPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewPlanPage, total_row);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewPlanPage, over_budget_image);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewPlanPage, total_spin);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewPlanPage, start_button);
  gtk_widget_class_bind_template_callback (widget_class, candidate_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, role_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, interviewer_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_edited_cb);
  gtk_widget_class_bind_template_callback (widget_class, two_digits_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, total_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, hide_random_error_cb);
  gtk_widget_class_bind_template_callback (widget_class, plan_emptied_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vivainterviewplanpage");
}

static void
viva_interview_plan_page_init (VivaInterviewPlanPage *self)
{
  self->cancellable = g_cancellable_new ();

  g_type_ensure (VIVA_TYPE_INTERVIEW_PLAN_LIST);
  g_type_ensure (VIVA_TYPE_SCOPE_LIST);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->context_signals = g_signal_group_new (VIVA_TYPE_CONTEXT);
  g_signal_group_connect_object (self->context_signals, "notify::bank",
                                 G_CALLBACK (viva_interview_plan_page_bank_changed_cb),
                                 self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->random_popover, "show",
                           G_CALLBACK (hide_random_error_cb), self,
                           G_CONNECT_SWAPPED);

  _viva_interview_plan_page_rebuild_templates_menu (self);
  viva_interview_plan_page_sync_details (self);
  viva_interview_plan_page_update_budget (self);
  _viva_interview_plan_page_update_actions (self);
}

/* A new interview gets the interviewer of the last one, and today. */
static void
viva_interview_plan_page_fill_defaults (VivaInterviewPlanPage *self)
{
  VivaInterview *interview = self->interview;

  if (viva_interview_get_read_only (interview) ||
      viva_interview_get_state (interview) != VIVA_INTERVIEW_STATE_PLANNED)
    return;

  if (viva_interview_get_interviewer (interview)[0] == '\0' && self->context != NULL)
    {
      g_autofree char *name = g_settings_get_string (viva_context_get_settings (self->context),
                                                     "interviewer-name");

      if (name[0] != '\0')
        viva_interview_set_interviewer (interview, name);
    }

  /* The interview's clock measures durations; the date is wall-clock. */
  if (viva_interview_get_date (interview) == 0)
    viva_interview_set_date (interview,
                             viva_interview_get_created (interview) > 0
                             ? viva_interview_get_created (interview) : g_get_real_time ());
}

/**
 * viva_interview_plan_page_set_interview:
 * @interview: (nullable): the interview to plan
 *
 * Shows @interview and edits it in place. A new one (planned, with no
 * interviewer or date) gets the remembered interviewer and the current
 * time.
 */
void
viva_interview_plan_page_set_interview (VivaInterviewPlanPage *self,
                                        VivaInterview         *interview)
{
  g_return_if_fail (VIVA_IS_INTERVIEW_PLAN_PAGE (self));
  g_return_if_fail (interview == NULL || VIVA_IS_INTERVIEW (interview));

  if (self->interview == interview)
    return;

  viva_interview_plan_page_close_dialog (self);
  _viva_interview_plan_page_show_error (self, NULL);

  if (self->interview != NULL)
    g_signal_handlers_disconnect_by_data (self->interview, self);

  g_set_object (&self->interview, interview);

  if (interview != NULL)
    {
      viva_interview_plan_page_fill_defaults (self);

      g_signal_connect_object (interview, "items-changed",
                               G_CALLBACK (interview_items_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (interview, "item-changed",
                               G_CALLBACK (interview_item_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (interview, "notify",
                               G_CALLBACK (interview_notify_cb), self,
                               G_CONNECT_SWAPPED);
    }

  viva_interview_plan_list_set_interview (self->plan_list, interview);
  viva_interview_plan_page_sync_details (self);
  viva_interview_plan_page_update_budget (self);
  _viva_interview_plan_page_update_actions (self);
}

/* Returns: (transfer none) (nullable): the interview shown */
VivaInterview *
viva_interview_plan_page_get_interview (VivaInterviewPlanPage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_PLAN_PAGE (self), NULL);

  return self->interview;
}

gboolean
viva_interview_plan_page_get_can_start (VivaInterviewPlanPage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_PLAN_PAGE (self), FALSE);

  return self->can_start;
}

/* A new interview starts with the candidate's name. */
void
viva_interview_plan_page_focus_candidate (VivaInterviewPlanPage *self)
{
  g_return_if_fail (VIVA_IS_INTERVIEW_PLAN_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->candidate_row));
}

/* For tests */

GtkEditable *
viva_interview_plan_page_get_candidate_entry (VivaInterviewPlanPage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_PLAN_PAGE (self), NULL);

  return GTK_EDITABLE (self->candidate_row);
}

GtkEditable *
viva_interview_plan_page_get_interviewer_entry (VivaInterviewPlanPage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_PLAN_PAGE (self), NULL);

  return GTK_EDITABLE (self->interviewer_row);
}

GtkWidget *
viva_interview_plan_page_get_row (VivaInterviewPlanPage *self,
                                  guint                  index)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_PLAN_PAGE (self), NULL);

  return viva_interview_plan_list_get_row (self->plan_list, index);
}

GtkSpinButton *
viva_interview_plan_page_get_row_budget (VivaInterviewPlanPage *self,
                                         guint                  index)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_PLAN_PAGE (self), NULL);

  return viva_interview_plan_list_get_row_budget (self->plan_list, index);
}

GtkCalendar *
viva_interview_plan_page_get_calendar (VivaInterviewPlanPage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_PLAN_PAGE (self), NULL);

  return self->calendar;
}

/* The hour (@minute FALSE) or minute spin button of the date popover. */
GtkSpinButton *
viva_interview_plan_page_get_time_spin (VivaInterviewPlanPage *self,
                                        gboolean               minute)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_PLAN_PAGE (self), NULL);

  return minute ? self->minute_spin : self->hour_spin;
}

const char *
viva_interview_plan_page_get_date_text (VivaInterviewPlanPage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_PLAN_PAGE (self), NULL);

  return adw_action_row_get_subtitle (self->date_row);
}

GtkSpinButton *
viva_interview_plan_page_get_random_count (VivaInterviewPlanPage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_PLAN_PAGE (self), NULL);

  return self->random_count_spin;
}

/* Returns: (transfer none): the levels and topics of the Add Random
 * Questions popover */
VivaScopeList *
viva_interview_plan_page_get_scope_list (VivaInterviewPlanPage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_PLAN_PAGE (self), NULL);

  return self->scope_list;
}

GtkSpinButton *
viva_interview_plan_page_get_total_budget (VivaInterviewPlanPage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_PLAN_PAGE (self), NULL);

  return self->total_spin;
}

const char *
viva_interview_plan_page_get_budget_summary (VivaInterviewPlanPage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_PLAN_PAGE (self), NULL);

  return adw_action_row_get_subtitle (self->total_row);
}

gboolean
viva_interview_plan_page_get_templates_loaded (VivaInterviewPlanPage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_PLAN_PAGE (self), FALSE);

  return self->templates_state == VIVA_PLAN_TEMPLATES_LOADED;
}

gboolean
viva_interview_plan_page_get_saving_template (VivaInterviewPlanPage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_PLAN_PAGE (self), FALSE);

  return self->saving_template != NULL;
}

guint
viva_interview_plan_page_get_n_templates (VivaInterviewPlanPage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_PLAN_PAGE (self), 0);

  return self->templates != NULL ? self->templates->len : 0;
}

/* Returns: (nullable): what the page says about the templates file */
const char *
viva_interview_plan_page_get_templates_problem (VivaInterviewPlanPage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_PLAN_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->templates_label)))
    return NULL;

  return gtk_label_get_text (self->templates_label);
}

/* Returns: (transfer none) (nullable): the dialog shown */
AdwMessageDialog *
viva_interview_plan_page_get_dialog (VivaInterviewPlanPage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_PLAN_PAGE (self), NULL);

  return self->dialog;
}

/* Returns: (transfer none) (nullable): Manage Templates, on screen */
VivaInterviewTemplatesDialog *
viva_interview_plan_page_get_templates_dialog (VivaInterviewPlanPage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_PLAN_PAGE (self), NULL);

  return self->templates_dialog;
}

/* Returns: (nullable): the error shown under the plan */
const char *
viva_interview_plan_page_get_error (VivaInterviewPlanPage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_PLAN_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;

  return gtk_label_get_text (self->error_label);
}

/* Returns: (nullable): the problem the Add Random Questions popover shows */
const char *
viva_interview_plan_page_get_random_error (VivaInterviewPlanPage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_PLAN_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->random_error_label)))
    return NULL;

  return gtk_label_get_text (self->random_error_label);
}
