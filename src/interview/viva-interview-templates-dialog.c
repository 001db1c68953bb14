/* viva-interview-templates-dialog.c
 *
 * Interview Templates, from the plan page's Templates menu: the saved
 * templates, each with a Rename and a Delete button. Rename asks for
 * the new name and says at once, under the field, why a name cannot be
 * used (empty, too long, another template's). Delete takes effect at
 * once and offers Undo in a toast, which puts the template back where
 * it was. Every change is written to the file straight away by the
 * template file's edits, in a thread and one at a time (each reads the
 * file again, so two in flight would undo each other), and the dialog
 * then shows the file as written and tells the plan page through
 * ::templates-changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-interview-template.h"
#include "viva-interview-templates-dialog.h"
#include "viva-message-dialog.h"

#define MINUTE ((gint64) 60 * G_USEC_PER_SEC)

typedef enum
{
  EDIT_RENAME,
  EDIT_DELETE,
  EDIT_RESTORE,
} EditKind;

/* One change asked for, waiting for its turn or under way. */
typedef struct
{
  EditKind               kind;
  char                  *name;       /* rename, delete: the template's name */
  char                  *new_name;   /* rename */
  VivaInterviewTemplate *template;   /* delete: as it was, for Undo; restore */
  guint                  position;   /* delete, restore: its place */
} Edit;

struct _VivaInterviewTemplatesDialog
{
  AdwWindow         parent_instance;

  /* Owned */
  char             *path;
  GListStore       *templates;   /* (element-type VivaInterviewTemplate): as in the file */
  GQueue            edits;       /* (element-type Edit): waiting */
  Edit             *edit;        /* under way */

  /* Template widgets */
  AdwToastOverlay  *toast_overlay;
  GtkLabel         *error_label;
  GtkStack         *stack;
  GtkListBox       *list_box;

  /* Borrowed: the Rename dialog on screen, if any */
  AdwMessageDialog *rename_dialog;
  /* Borrowed: the toast offering to undo the last delete, if shown */
  AdwToast         *undo_toast;

  guint             disposed : 1;
};

G_DEFINE_FINAL_TYPE (VivaInterviewTemplatesDialog, viva_interview_templates_dialog, ADW_TYPE_WINDOW)

enum {
  TEMPLATES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void viva_interview_templates_dialog_run_edits (VivaInterviewTemplatesDialog *self);

static void
edit_free (Edit *edit)
{
  g_free (edit->name);
  g_free (edit->new_name);
  g_clear_object (&edit->template);
  g_free (edit);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Edit, edit_free)

static int
viva_interview_templates_dialog_find (VivaInterviewTemplatesDialog *self,
                                      const char                   *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->templates));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VivaInterviewTemplate) template = g_list_model_get_item (G_LIST_MODEL (self->templates), i);

      if (g_str_equal (viva_interview_template_get_name (template), name))
        return (int) i;
    }

  return -1;
}

/* Rows */

/* "4 questions · 45 minutes" */
static char *
describe_template (VivaInterviewTemplate *template)
{
  guint n = viva_interview_template_get_n_items (template);
  gint64 budget = viva_interview_template_get_total_budget (template);
  g_autofree char *questions = NULL;
  guint minutes;

  if (n == 0)
    questions = g_strdup (_("No questions"));
  else
    questions = g_strdup_printf (ngettext ("%u question", "%u questions", n), n);

  if (budget <= 0)
    return g_steal_pointer (&questions);

  minutes = (guint) ((budget + MINUTE / 2) / MINUTE);
  /* Translators: a template's questions, then its time budget:
   * "4 questions · 45 minutes". */
  return g_strdup_printf (ngettext ("%s · %u minute", "%s · %u minutes", minutes), questions, minutes);
}

static GtkWidget *
row_button (const char *icon_name,
            const char *tooltip,
            const char *accessible_label,
            const char *action_name,
            const char *name)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", name);

  return button;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  VivaInterviewTemplate *template = item;
  const char *name = viva_interview_template_get_name (template);
  g_autofree char *subtitle = describe_template (template);
  g_autofree char *rename_label = NULL;
  g_autofree char *delete_label = NULL;
  GtkWidget *row = adw_action_row_new ();

  /* A name shows as typed, "<" and "&" too. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  /* Translators: what a screen reader says of a template's Rename
   * button; %s is the template's name. */
  rename_label = g_strdup_printf (_("Rename “%s”"), name);
  /* Translators: the same for its Delete button. */
  delete_label = g_strdup_printf (_("Delete “%s”"), name);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button ("document-edit-symbolic", _("Rename"), rename_label,
                                         "templates.rename", name));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button ("user-trash-symbolic", _("Delete"), delete_label,
                                         "templates.delete", name));

  return row;
}

static void
viva_interview_templates_dialog_show_error (VivaInterviewTemplatesDialog *self,
                                            const char                   *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Shows @templates, the file as written, and tells the plan page. */
static void
viva_interview_templates_dialog_take (VivaInterviewTemplatesDialog *self,
                                      GPtrArray                    *templates)
{
  if (!self->disposed)
    {
      g_list_store_splice (self->templates, 0, g_list_model_get_n_items (G_LIST_MODEL (self->templates)),
                           templates->pdata, templates->len);
      gtk_stack_set_visible_child_name (self->stack, templates->len > 0 ? "list" : "empty");
    }

  g_signal_emit (self, signals[TEMPLATES_CHANGED], 0, templates);
}

/* Keeps the keyboard in the list after a row went: on the row now in
 * its place, or the one before it; on the window when none is left
 * (the focus would otherwise stay on the row gone, and Escape with
 * it). */
static void
viva_interview_templates_dialog_focus_row (VivaInterviewTemplatesDialog *self,
                                           guint                         position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->templates));
  GtkListBoxRow *row;

  if (n == 0)
    {
      gtk_root_set_focus (GTK_ROOT (self), NULL);
      return;
    }

  row = gtk_list_box_get_row_at_index (self->list_box, (int) MIN (position, n - 1));
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* Edits, one at a time */

static void
undo_delete_cb (VivaInterviewTemplatesDialog *self,
                AdwToast                     *toast)
{
  VivaInterviewTemplate *template = g_object_get_data (G_OBJECT (toast), "viva-template");
  Edit *edit = g_new0 (Edit, 1);

  edit->kind = EDIT_RESTORE;
  edit->template = g_object_ref (template);
  edit->position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toast), "viva-position"));
  g_queue_push_tail (&self->edits, edit);
  viva_interview_templates_dialog_run_edits (self);
}

static void
undo_toast_dismissed_cb (VivaInterviewTemplatesDialog *self,
                         AdwToast                     *toast)
{
  if (self->undo_toast == toast)
    self->undo_toast = NULL;
}

/* Undo is for the last delete, as in Files: the toast of the one before
 * goes first. Not by a toast of high priority, which would put it back
 * in the queue: libadwaita 1.2 aborts when a toast is shown again while
 * its hiding animation plays, as three deletes in a row do
 * (GNOME/libadwaita#997, fixed in 1.8 by commit 6db9f4d6). */
static void
viva_interview_templates_dialog_offer_undo (VivaInterviewTemplatesDialog *self,
                                            Edit                         *edit)
{
  g_autofree char *escaped = g_markup_escape_text (edit->name, -1);
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);

  /* Translators: a toast after deleting a template, with an Undo
   * button; %s is its name. */
  title = g_strdup_printf (_("Deleted “%s”"), escaped);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "viva-template", g_object_ref (edit->template), g_object_unref);
  g_object_set_data (G_OBJECT (toast), "viva-position", GUINT_TO_POINTER (edit->position));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_delete_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (undo_toast_dismissed_cb), self, G_CONNECT_SWAPPED);
  self->undo_toast = toast;
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
edit_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(VivaInterviewTemplatesDialog) self = user_data;
  g_autoptr(VivaInterviewTemplatesLoad) load = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Edit) edit = g_steal_pointer (&self->edit);

  load = viva_interview_templates_save_finish (result, &error);

  if (load != NULL)
    viva_interview_templates_dialog_take (self, load->templates);

  if (!self->disposed)
    {
      if (load == NULL)
        {
          g_autofree char *message = NULL;

          switch (edit->kind)
            {
            case EDIT_RENAME:
              message = g_strdup_printf (_("The template was not renamed: %s"), error->message);
              break;
            case EDIT_DELETE:
              message = g_strdup_printf (_("The template was not deleted: %s"), error->message);
              break;
            case EDIT_RESTORE:
            default:
              message = g_strdup_printf (_("The template could not be put back: %s"), error->message);
              break;
            }
          viva_interview_templates_dialog_show_error (self, message);
        }
      else
        {
          viva_interview_templates_dialog_show_error (self, NULL);

          /* The rows were made again: the keyboard goes to the one
           * changed, or to the one in the place of the one deleted. */
          if (edit->kind == EDIT_DELETE)
            {
              viva_interview_templates_dialog_offer_undo (self, edit);
              viva_interview_templates_dialog_focus_row (self, edit->position);
            }
          else if (edit->kind == EDIT_RESTORE)
            viva_interview_templates_dialog_focus_row (self, edit->position);
          else
            viva_interview_templates_dialog_focus_row (self, MAX (viva_interview_templates_dialog_find (self, edit->new_name), 0));
        }
    }

  viva_interview_templates_dialog_run_edits (self);
}

/* Closing the dialog does not drop what was asked: the edits waiting
 * still reach the file, and the plan page. */
static void
viva_interview_templates_dialog_run_edits (VivaInterviewTemplatesDialog *self)
{
  Edit *edit;

  if (self->edit != NULL || (edit = g_queue_pop_head (&self->edits)) == NULL)
    return;

  self->edit = edit;

  switch (edit->kind)
    {
    case EDIT_RENAME:
      viva_interview_templates_rename_async (self->path, edit->name, edit->new_name, NULL,
                                             edit_done_cb, g_object_ref (self));
      break;
    case EDIT_DELETE:
      viva_interview_templates_delete_async (self->path, edit->name, NULL,
                                             edit_done_cb, g_object_ref (self));
      break;
    case EDIT_RESTORE:
      viva_interview_templates_restore_async (self->path, edit->template, edit->position, NULL,
                                              edit_done_cb, g_object_ref (self));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Delete */

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  VivaInterviewTemplatesDialog *self = VIVA_INTERVIEW_TEMPLATES_DIALOG (widget);
  const char *name = g_variant_get_string (param, NULL);
  int position = viva_interview_templates_dialog_find (self, name);
  Edit *edit;

  if (position < 0)
    return;

  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_DELETE;
  edit->name = g_strdup (name);
  edit->template = g_list_model_get_item (G_LIST_MODEL (self->templates), (guint) position);
  edit->position = (guint) position;
  g_queue_push_tail (&self->edits, edit);
  viva_interview_templates_dialog_run_edits (self);
}

/* Rename */

static GPtrArray *
viva_interview_templates_dialog_dup_templates (VivaInterviewTemplatesDialog *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->templates));
  GPtrArray *templates = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (templates, g_list_model_get_item (G_LIST_MODEL (self->templates), i));

  return templates;
}

/* What the field holds, as it would be saved. */
static char *
rename_dialog_dup_name (AdwMessageDialog *dialog)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "viva-entry");

  return g_strstrip (g_strdup (gtk_editable_get_text (entry)));
}

/* Says at once, under the field, why a name cannot be used, and keeps
 * Rename off until it can. */
static void
rename_name_changed_cb (VivaInterviewTemplatesDialog *self,
                        GtkEditable                  *entry)
{
  AdwMessageDialog *dialog = self->rename_dialog;
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  GtkLabel *message;
  gboolean ok;

  if (dialog == NULL)
    return;

  message = g_object_get_data (G_OBJECT (dialog), "viva-message");
  name = rename_dialog_dup_name (dialog);
  templates = viva_interview_templates_dialog_dup_templates (self);
  ok = viva_interview_templates_check_name (templates, name, g_object_get_data (G_OBJECT (dialog), "viva-name"), &error);

  gtk_label_set_text (message, ok ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (message), !ok);
  adw_message_dialog_set_response_enabled (dialog, "rename", ok);
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (entry),
                               GTK_ACCESSIBLE_STATE_INVALID, ok ? GTK_ACCESSIBLE_INVALID_FALSE : GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);
}

static void
rename_response_cb (VivaInterviewTemplatesDialog *self,
                    const char                   *response,
                    AdwMessageDialog             *dialog)
{
  const char *old_name = g_object_get_data (G_OBJECT (dialog), "viva-name");
  g_autofree char *name = rename_dialog_dup_name (dialog);
  Edit *edit;

  if (!g_str_equal (response, "rename") || g_str_equal (name, old_name))
    return;

  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_RENAME;
  edit->name = g_strdup (old_name);
  edit->new_name = g_steal_pointer (&name);
  g_queue_push_tail (&self->edits, edit);
  viva_interview_templates_dialog_run_edits (self);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  VivaInterviewTemplatesDialog *self = VIVA_INTERVIEW_TEMPLATES_DIALOG (widget);
  const char *name = g_variant_get_string (param, NULL);
  AdwMessageDialog *dialog;
  GtkWidget *box;
  GtkWidget *entry;
  GtkWidget *message;

  if (viva_interview_templates_dialog_find (self, name) < 0)
    return;

  if (self->rename_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->rename_dialog));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Rename Template"), NULL));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "rename");
  adw_message_dialog_set_close_response (dialog, "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_widget_add_css_class (message, "error");
  gtk_widget_set_visible (message, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Template name"),
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, message, NULL,
                                  -1);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), message);
  adw_message_dialog_set_extra_child (dialog, box);

  g_object_set_data_full (G_OBJECT (dialog), "viva-name", g_strdup (name), g_free);
  g_object_set_data (G_OBJECT (dialog), "viva-entry", entry);
  g_object_set_data (G_OBJECT (dialog), "viva-message", message);
  self->rename_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->rename_dialog);

  g_signal_connect_object (entry, "changed", G_CALLBACK (rename_name_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, G_CONNECT_SWAPPED);
  viva_message_dialog_present (dialog);

  /* The name, selected: typing replaces it, arrows edit it. */
  gtk_widget_grab_focus (entry);
  gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);
}

/* GObject */

static void
viva_interview_templates_dialog_dispose (GObject *object)
{
  VivaInterviewTemplatesDialog *self = (VivaInterviewTemplatesDialog *)object;

  self->disposed = TRUE;

  if (self->rename_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->rename_dialog), (gpointer *) &self->rename_dialog);
      gtk_window_destroy (GTK_WINDOW (self->rename_dialog));
      self->rename_dialog = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_INTERVIEW_TEMPLATES_DIALOG);

  G_OBJECT_CLASS (viva_interview_templates_dialog_parent_class)->dispose (object);
}

static void
viva_interview_templates_dialog_finalize (GObject *object)
{
  VivaInterviewTemplatesDialog *self = (VivaInterviewTemplatesDialog *)object;

  /* An edit under way holds a reference: none is left by now. */
  g_assert (self->edit == NULL);
  g_queue_clear_full (&self->edits, (GDestroyNotify) edit_free);
  g_clear_object (&self->templates);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (viva_interview_templates_dialog_parent_class)->finalize (object);
}

static void
viva_interview_templates_dialog_class_init (VivaInterviewTemplatesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_interview_templates_dialog_dispose;
  object_class->finalize = viva_interview_templates_dialog_finalize;

  /**
   * VivaInterviewTemplatesDialog::templates-changed:
   * @templates: (element-type VivaInterviewTemplate): all of them, as the
   *   file holds them now
   *
   * A change was written to the file.
   */
  signals[TEMPLATES_CHANGED] =
    g_signal_new ("templates-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);

  gtk_widget_class_install_action (widget_class, "templates.rename", "s", rename_action);
  gtk_widget_class_install_action (widget_class, "templates.delete", "s", delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-interview-templates-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewTemplatesDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewTemplatesDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewTemplatesDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewTemplatesDialog, list_box);
}

static void
viva_interview_templates_dialog_init (VivaInterviewTemplatesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->templates = g_list_store_new (VIVA_TYPE_INTERVIEW_TEMPLATE);
  g_queue_init (&self->edits);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->templates), create_row, self, NULL);
}

/**
 * viva_interview_templates_dialog_new:
 * @parent: (nullable): the window it is over
 * @path: the templates file
 * @templates: (element-type VivaInterviewTemplate): the templates, as
 *   last read from @path
 *
 * Returns: (transfer full): a new dialog, to present
 */
VivaInterviewTemplatesDialog *
viva_interview_templates_dialog_new (GtkWindow  *parent,
                                     const char *path,
                                     GPtrArray  *templates)
{
  VivaInterviewTemplatesDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (templates != NULL, NULL);

  /* A screen reader says "dialog" (see VivaQuestionDialog: the role is
   * the instance's, or GTK 4.8 reads the window as a frame). */
  self = g_object_new (VIVA_TYPE_INTERVIEW_TEMPLATES_DIALOG,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->path = g_strdup (path);
  g_list_store_splice (self->templates, 0, 0, templates->pdata, templates->len);
  gtk_stack_set_visible_child_name (self->stack, templates->len > 0 ? "list" : "empty");

  return self;
}

gboolean
viva_interview_templates_dialog_get_busy (VivaInterviewTemplatesDialog *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_TEMPLATES_DIALOG (self), FALSE);

  return self->edit != NULL || !g_queue_is_empty (&self->edits);
}

guint
viva_interview_templates_dialog_get_n_templates (VivaInterviewTemplatesDialog *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_TEMPLATES_DIALOG (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->templates));
}

/* Returns: (transfer none) (nullable): the row of the @index-th template */
GtkWidget *
viva_interview_templates_dialog_get_row (VivaInterviewTemplatesDialog *self,
                                         guint                         index)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_TEMPLATES_DIALOG (self), NULL);

  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->list_box, (int) index));
}

/* Returns: (transfer none) (nullable): the Rename dialog on screen */
AdwMessageDialog *
viva_interview_templates_dialog_get_rename_dialog (VivaInterviewTemplatesDialog *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_TEMPLATES_DIALOG (self), NULL);

  return self->rename_dialog;
}

/* Returns: (nullable): what the dialog says went wrong */
const char *
viva_interview_templates_dialog_get_error (VivaInterviewTemplatesDialog *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_TEMPLATES_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;

  return gtk_label_get_text (self->error_label);
}
