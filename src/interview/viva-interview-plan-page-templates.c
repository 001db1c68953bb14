/* viva-interview-plan-page-templates.c
 *
 * The plan page's Templates menu: the saved plans to start from, Save
 * as Template, and Manage Templates (VivaInterviewTemplatesDialog, to
 * rename and delete them). Choosing a template over a plan that has
 * questions asks first; saving asks for a name, and a template of the
 * same name is replaced. The file itself is read and written in a thread by
 * viva_interview_templates_load_async() and _save_async(), which reads
 * it again first, so that templates saved meanwhile by another Viva
 * window are kept. What the file holds shows in the menu; a file that
 * could not be read, or that is from a newer version, is said in the
 * banner at the top of the page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-interview.h"
#include "viva-interview-plan-page-private.h"
#include "viva-interview-template.h"
#include "viva-message-dialog.h"

void
_viva_interview_plan_page_rebuild_templates_menu (VivaInterviewPlanPage *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) choices = g_menu_new ();
  g_autoptr(GMenu) save = g_menu_new ();

  for (guint i = 0; self->templates != NULL && i < self->templates->len; i++)
    {
      VivaInterviewTemplate *template = g_ptr_array_index (self->templates, i);
      GString *label = g_string_new (viva_interview_template_get_name (template));
      g_autoptr(GMenuItem) item = NULL;

      /* A menu reads "_" as a mnemonic; a name shows as typed. */
      g_string_replace (label, "_", "__", 0);
      item = g_menu_item_new (label->str, NULL);
      g_menu_item_set_action_and_target (item, "plan.use-template", "u", i);
      g_menu_append_item (choices, item);
      g_string_free (label, TRUE);
    }

  if (self->templates == NULL || self->templates->len == 0)
    g_menu_append (choices,
                   self->templates_state == VIVA_PLAN_TEMPLATES_LOADED ? _("No Saved Templates") : _("Loading…"),
                   "plan.no-templates");

  g_menu_append_section (menu, _("Start from Template"), G_MENU_MODEL (choices));
  g_menu_append (save, _("_Save as Template…"), "plan.save-template");
  g_menu_append (save, _("_Manage Templates…"), "plan.manage-templates");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (save));

  gtk_menu_button_set_menu_model (self->templates_button, G_MENU_MODEL (menu));
}

/* What the page knows of the templates file; @load as read from it. */
static void
viva_interview_plan_page_take_templates (VivaInterviewPlanPage      *self,
                                         VivaInterviewTemplatesLoad *load)
{
  g_autoptr(GString) message = g_string_new (NULL);

  g_clear_pointer (&self->templates, g_ptr_array_unref);
  self->templates = g_steal_pointer (&load->templates);
  self->templates_read_only = load->read_only;
  self->templates_state = VIVA_PLAN_TEMPLATES_LOADED;

  if (load->problem != NULL)
    {
      g_string_append_printf (message, _("The interview templates could not be read: %s."), load->problem);
      if (load->moved_aside_path != NULL)
        g_string_append_printf (message, " %s “%s”.", _("The file was kept unchanged as"), load->moved_aside_path);
    }

  if (load->read_only)
    {
      if (message->len > 0)
        g_string_append_c (message, ' ');
      if (load->problem == NULL)
        g_string_append (message, _("The interview templates were saved by a newer version of Viva: they can be used but not changed."));
      else
        g_string_append (message, _("New templates cannot be saved until the file can be read."));
    }

  gtk_label_set_text (self->templates_label, message->str);
  gtk_widget_set_visible (GTK_WIDGET (self->templates_label), message->len > 0);

  _viva_interview_plan_page_rebuild_templates_menu (self);
  _viva_interview_plan_page_update_actions (self);
}

static void
templates_load_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(VivaInterviewPlanPage) self = user_data;
  g_autoptr(VivaInterviewTemplatesLoad) load = NULL;

  load = viva_interview_templates_load_finish (result, NULL);
  if (load == NULL)
    return;   /* cancelled: the page is going away */

  viva_interview_plan_page_take_templates (self, load);
}

void
_viva_interview_plan_page_load_templates (VivaInterviewPlanPage *self)
{
  g_autofree char *path = NULL;

  if (self->templates_state != VIVA_PLAN_TEMPLATES_NOT_LOADED)
    return;

  self->templates_state = VIVA_PLAN_TEMPLATES_LOADING;

  path = viva_interview_templates_dup_default_path ();
  viva_interview_templates_load_async (path, self->cancellable, templates_load_cb, g_object_ref (self));
}

static void
templates_save_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(VivaInterviewPlanPage) self = user_data;
  g_autoptr(VivaInterviewTemplate) template = NULL;
  g_autoptr(VivaInterviewTemplatesLoad) load = NULL;
  g_autoptr(GError) error = NULL;

  load = viva_interview_templates_save_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  template = g_steal_pointer (&self->saving_template);

  if (load == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The template was not saved: %s"), error->message);

      _viva_interview_plan_page_show_error (self, message);
      _viva_interview_plan_page_update_actions (self);
    }
  else
    {
      /* A toast's title is markup: a name shows as typed. */
      g_autofree char *escaped = NULL;
      g_autofree char *title = NULL;

      _viva_interview_plan_page_show_error (self, NULL);
      viva_interview_plan_page_take_templates (self, load);
      /* Translators: a toast after saving a template, with its name. */
      escaped = g_markup_escape_text (viva_interview_template_get_name (template), -1);
      title = g_strdup_printf (_("Saved template “%s”"), escaped);
      _viva_interview_plan_page_toast (self, title);
    }
}

static void
viva_interview_plan_page_save_template (VivaInterviewPlanPage *self,
                                        const char            *name)
{
  g_autofree char *path = NULL;

  self->saving_template = viva_interview_template_new_from_interview (self->interview, name);
  if (self->saving_template == NULL)
    return;

  _viva_interview_plan_page_update_actions (self);

  path = viva_interview_templates_dup_default_path ();
  viva_interview_templates_save_async (path, self->saving_template, self->cancellable,
                                       templates_save_cb, g_object_ref (self));
}

static void
template_name_changed_cb (GtkEditable      *entry,
                          AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", name[0] != '\0');
}

static void
save_template_response_cb (VivaInterviewPlanPage *self,
                           const char            *response,
                           AdwMessageDialog      *dialog)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (!g_str_equal (response, "save") || name[0] == '\0' ||
      self->interview == NULL || self->interview != g_object_get_data (G_OBJECT (dialog), "viva-interview"))
    return;

  viva_interview_plan_page_save_template (self, name);
}

static void
save_template_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  VivaInterviewPlanPage *self = VIVA_INTERVIEW_PLAN_PAGE (widget);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  /* As update_actions() decides, for callers that do not look. */
  if (self->interview == NULL || viva_interview_get_n_items (self->interview) == 0 ||
      self->templates_state != VIVA_PLAN_TEMPLATES_LOADED || self->templates_read_only || self->saving_template != NULL)
    return;

  dialog = _viva_interview_plan_page_new_dialog (self, _("Save as Template"),
                                                _("Give this plan a name to start other interviews from it. A template with the same name is replaced."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, "save", FALSE);

  entry = gtk_entry_new ();
  /* Translators: an example of a template name. */
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("e.g. Backend, 45 min"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Template name"),
                                  -1);
  g_signal_connect (entry, "changed", G_CALLBACK (template_name_changed_cb), dialog);
  adw_message_dialog_set_extra_child (dialog, entry);

  g_object_set_data (G_OBJECT (dialog), "viva-interview", self->interview);
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_template_response_cb), self, G_CONNECT_SWAPPED);
  viva_message_dialog_present (dialog);
  gtk_widget_grab_focus (entry);
}

static void
viva_interview_plan_page_apply_template (VivaInterviewPlanPage *self,
                                         VivaInterviewTemplate *template)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;
  guint n;

  if (!_viva_interview_plan_page_get_plan_editable (self))
    return;

  while ((n = viva_interview_get_n_items (self->interview)) > 0)
    {
      if (!viva_interview_remove (self->interview, n - 1))
        return;
    }

  for (guint i = 0; i < viva_interview_template_get_n_items (template); i++)
    {
      const VivaInterviewTemplateItem *item = viva_interview_template_get_item (template, i);

      if (!viva_interview_append (self->interview, item->number, item->text, item->budget, &error))
        {
          _viva_interview_plan_page_show_error (self, error->message);
          break;
        }
    }

  viva_interview_set_total_budget (self->interview, viva_interview_template_get_total_budget (template));

  /* Translators: a toast after filling the plan from a template. */
  escaped = g_markup_escape_text (viva_interview_template_get_name (template), -1);
  title = g_strdup_printf (_("Plan filled from “%s”"), escaped);
  _viva_interview_plan_page_toast (self, title);
}

static void
replace_plan_response_cb (VivaInterviewPlanPage *self,
                          const char            *response,
                          AdwMessageDialog      *dialog)
{
  VivaInterviewTemplate *template = g_object_get_data (G_OBJECT (dialog), "viva-template");

  if (!g_str_equal (response, "replace") ||
      self->interview == NULL || self->interview != g_object_get_data (G_OBJECT (dialog), "viva-interview"))
    return;

  viva_interview_plan_page_apply_template (self, template);
}

static void
use_template_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VivaInterviewPlanPage *self = VIVA_INTERVIEW_PLAN_PAGE (widget);
  guint index = g_variant_get_uint32 (parameter);
  VivaInterviewTemplate *template;
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;
  guint n;

  if (!_viva_interview_plan_page_get_plan_editable (self) || self->templates == NULL || index >= self->templates->len)
    return;

  template = g_ptr_array_index (self->templates, index);
  n = viva_interview_get_n_items (self->interview);

  if (n == 0)
    {
      viva_interview_plan_page_apply_template (self, template);
      return;
    }

  /* Translators: the body of the dialog asking to replace the plan by a template's. */
  body = g_strdup_printf (ngettext ("The %u question planned now will be replaced by the questions of “%s”.",
                                    "The %u questions planned now will be replaced by the questions of “%s”.",
                                    n),
                          n, viva_interview_template_get_name (template));
  dialog = _viva_interview_plan_page_new_dialog (self, _("Replace the Plan?"), body);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "viva-template", g_object_ref (template), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "viva-interview", self->interview);
  g_signal_connect_object (dialog, "response", G_CALLBACK (replace_plan_response_cb), self, G_CONNECT_SWAPPED);
  viva_message_dialog_present (dialog);
}

/* What Manage Templates wrote: the menu shows the file as it is now. */
static void
templates_dialog_changed_cb (VivaInterviewPlanPage        *self,
                             GPtrArray                    *templates,
                             VivaInterviewTemplatesDialog *dialog)
{
  g_clear_pointer (&self->templates, g_ptr_array_unref);
  self->templates = g_ptr_array_ref (templates);

  _viva_interview_plan_page_rebuild_templates_menu (self);
  _viva_interview_plan_page_update_actions (self);
}

void
_viva_interview_plan_page_close_templates_dialog (VivaInterviewPlanPage *self)
{
  if (self->templates_dialog == NULL)
    return;

  g_object_remove_weak_pointer (G_OBJECT (self->templates_dialog), (gpointer *) &self->templates_dialog);
  gtk_window_destroy (GTK_WINDOW (self->templates_dialog));
  self->templates_dialog = NULL;
}

static void
manage_templates_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  VivaInterviewPlanPage *self = VIVA_INTERVIEW_PLAN_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *path = NULL;

  /* As update_actions() decides, for callers that do not look. */
  if (self->templates_state != VIVA_PLAN_TEMPLATES_LOADED || self->templates_read_only ||
      self->templates == NULL || self->templates->len == 0 || self->saving_template != NULL)
    return;

  _viva_interview_plan_page_close_templates_dialog (self);

  path = viva_interview_templates_dup_default_path ();
  self->templates_dialog = viva_interview_templates_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                path, self->templates);
  g_object_add_weak_pointer (G_OBJECT (self->templates_dialog), (gpointer *) &self->templates_dialog);
  g_signal_connect_object (self->templates_dialog, "templates-changed",
                           G_CALLBACK (templates_dialog_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->templates_dialog));
}

void
_viva_interview_plan_page_class_templates_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "plan.save-template", NULL, save_template_action);
  gtk_widget_class_install_action (widget_class, "plan.use-template", "u", use_template_action);
  gtk_widget_class_install_action (widget_class, "plan.manage-templates", NULL, manage_templates_action);
}
