/* viva-case-dialog.c
 *
 * "Add Test" and "Edit Test": the small form for one of the user's own
 * test cases in the study view: a name (optional), the call (Python
 * whose last line is the expression checked) and what it expects: the
 * value it returns, the exception it raises, or what it prints.
 *
 * "Just runs without an exception" is not offered: notes.json version 3
 * holds exactly one expectation per own case, and a bare check is what
 * an assert statement or a test_ function in the code already is (Run
 * Tests runs those). A new format version that every older Viva would
 * open read-only is not worth that.
 *
 * The Add/Save response is enabled only while the case is one
 * notes.json can hold (viva_code_case_is_valid()), so that what the
 * user confirms is what is saved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-case-dialog.h"
#include "viva-message-dialog.h"

typedef struct
{
  GtkEditable        *name_entry;
  GtkTextView        *call_view;
  GtkDropDown        *kind_drop_down;
  GtkEditable        *expect_entry;
  VivaCaseDialogFunc  func;
  gpointer            user_data;
  GDestroyNotify      destroy;
} CaseDialog;

static void
case_dialog_free (gpointer p)
{
  CaseDialog *form = p;

  if (form->destroy != NULL)
    form->destroy (form->user_data);
  g_free (form);
}

static const VivaCodeCaseCheck kinds[] = {
  VIVA_CODE_CASE_EXPECTED,
  VIVA_CODE_CASE_RAISES,
  VIVA_CODE_CASE_OUTPUT,
};

/* The case the form holds now, valid or not. */
static VivaCodeCase *
case_dialog_build (CaseDialog *form)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (form->call_view);
  g_autofree char *call = NULL;
  g_autofree char *name = NULL;
  g_autofree char *expect = NULL;
  guint kind = gtk_drop_down_get_selected (form->kind_drop_down);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  call = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strchomp (call);
  name = g_strstrip (g_strdup (gtk_editable_get_text (form->name_entry)));
  expect = g_strdup (gtk_editable_get_text (form->expect_entry));
  if (kind >= G_N_ELEMENTS (kinds))
    kind = 0;

  /* What is printed is compared as it is; a value or an exception name
   * has no meaningful space around it. */
  if (kinds[kind] != VIVA_CODE_CASE_OUTPUT)
    g_strstrip (expect);

  return viva_code_case_new_with_check (name, call, kinds[kind], expect);
}

static void
case_dialog_update (AdwMessageDialog *dialog)
{
  CaseDialog *form = g_object_get_data (G_OBJECT (dialog), "viva-case-dialog");
  g_autoptr(VivaCodeCase) code_case = case_dialog_build (form);
  guint kind = gtk_drop_down_get_selected (form->kind_drop_down);
  const char *label;
  const char *placeholder;

  switch (kind < G_N_ELEMENTS (kinds) ? kinds[kind] : VIVA_CODE_CASE_EXPECTED)
    {
    case VIVA_CODE_CASE_RAISES:
      label = _("Exception");
      placeholder = _("ValueError");
      break;
    case VIVA_CODE_CASE_OUTPUT:
      label = _("Printed output");
      placeholder = _("What it prints");
      break;
    case VIVA_CODE_CASE_EXPECTED:
    default:
      label = _("Expected value");
      placeholder = _("A Python value, like True or 'b a'");
      break;
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (form->expect_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_entry_set_placeholder_text (GTK_ENTRY (form->expect_entry), placeholder);
  adw_message_dialog_set_response_enabled (dialog, "save",
                                           viva_code_case_is_valid (code_case, VIVA_CODE_CASE_OWN));
}

static void
case_dialog_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         gpointer          user_data)
{
  CaseDialog *form = g_object_get_data (G_OBJECT (dialog), "viva-case-dialog");
  g_autoptr(VivaCodeCase) code_case = NULL;

  if (g_strcmp0 (response, "save") != 0)
    return;

  code_case = case_dialog_build (form);
  if (viva_code_case_is_valid (code_case, VIVA_CODE_CASE_OWN))
    form->func (code_case, form->user_data);
}

static GtkWidget *
field_label (const char *text,
             GtkWidget  *widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);

  return label;
}

/**
 * viva_case_dialog_new:
 * @parent: the window it belongs to
 * @code_case: (nullable): the case to edit, or %NULL to add one
 * @func: called with the case when the user adds or saves it
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data with the dialog
 *
 * Returns: (transfer none): the dialog, presented
 */
AdwMessageDialog *
viva_case_dialog_new (GtkWindow          *parent,
                      const VivaCodeCase *code_case,
                      VivaCaseDialogFunc  func,
                      gpointer            user_data,
                      GDestroyNotify      destroy)
{
  AdwMessageDialog *dialog;
  CaseDialog *form;
  GtkWidget *grid;
  GtkWidget *label;
  GtkWidget *name_entry;
  GtkWidget *call_view;
  GtkWidget *call_window;
  GtkWidget *expect_entry;
  GtkWidget *kind_drop_down;
  GtkTextBuffer *buffer;
  const char *const kind_names[] = {
    /* Translators: what a test expects: the call returns a value */
    _("Returns"),
    /* Translators: what a test expects: the call raises an exception */
    _("Raises"),
    /* Translators: what a test expects: the call prints something */
    _("Prints"),
    NULL
  };

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (func != NULL, NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent,
                                                       code_case == NULL ? _("Add Test") : _("Edit Test"),
                                                       _("Run Tests calls the code as the call says, and checks what it gives.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "save", code_case == NULL ? _("_Add") : _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");

  name_entry = gtk_entry_new ();
  gtk_widget_set_name (name_entry, "case-name");
  gtk_entry_set_placeholder_text (GTK_ENTRY (name_entry), _("What it checks, like “empty string”"));
  gtk_entry_set_max_length (GTK_ENTRY (name_entry), 100);
  /* Return adds the test, when Add is enabled. */
  gtk_entry_set_activates_default (GTK_ENTRY (name_entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (name_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Optional"),
                                  -1);

  call_view = gtk_text_view_new ();
  gtk_widget_set_name (call_view, "case-call");
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (call_view), TRUE);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (call_view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (call_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (call_view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (call_view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (call_view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (call_view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (call_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Call"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Python code whose last line gives the value checked, like is_palindrome('')"),
                                  -1);
  call_window = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (call_window), call_view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (call_window), 60);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (call_window), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_add_css_class (call_window, "card");

  kind_drop_down = gtk_drop_down_new_from_strings (kind_names);
  gtk_widget_set_name (kind_drop_down, "case-kind");
  gtk_accessible_update_property (GTK_ACCESSIBLE (kind_drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Expects"),
                                  -1);

  expect_entry = gtk_entry_new ();
  gtk_widget_set_name (expect_entry, "case-expect");
  gtk_widget_set_hexpand (expect_entry, TRUE);
  gtk_widget_add_css_class (expect_entry, "monospace");
  gtk_entry_set_activates_default (GTK_ENTRY (expect_entry), TRUE);

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_attach (GTK_GRID (grid), field_label (_("_Name"), name_entry), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), name_entry, 1, 0, 2, 1);
  label = field_label (_("_Call"), call_view);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_widget_set_margin_top (label, 6);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), call_window, 1, 1, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), field_label (_("_Expects"), kind_drop_down), 0, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), kind_drop_down, 1, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), expect_entry, 2, 2, 1, 1);
  gtk_widget_set_size_request (grid, 360, -1);
  adw_message_dialog_set_extra_child (dialog, grid);

  form = g_new0 (CaseDialog, 1);
  form->name_entry = GTK_EDITABLE (name_entry);
  form->call_view = GTK_TEXT_VIEW (call_view);
  form->kind_drop_down = GTK_DROP_DOWN (kind_drop_down);
  form->expect_entry = GTK_EDITABLE (expect_entry);
  form->func = func;
  form->user_data = user_data;
  form->destroy = destroy;
  g_object_set_data_full (G_OBJECT (dialog), "viva-case-dialog", form, case_dialog_free);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (call_view));
  if (code_case != NULL)
    {
      gtk_editable_set_text (form->name_entry, code_case->name != NULL ? code_case->name : "");
      gtk_text_buffer_set_text (buffer, code_case->call, -1);
      if (code_case->raises != NULL)
        {
          gtk_drop_down_set_selected (form->kind_drop_down, 1);
          gtk_editable_set_text (form->expect_entry, code_case->raises);
        }
      else if (code_case->output != NULL)
        {
          gtk_drop_down_set_selected (form->kind_drop_down, 2);
          gtk_editable_set_text (form->expect_entry, code_case->output);
        }
      else if (code_case->expected != NULL)
        gtk_editable_set_text (form->expect_entry, code_case->expected);
    }

  g_signal_connect_object (name_entry, "changed", G_CALLBACK (case_dialog_update), dialog, G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (case_dialog_update), dialog, G_CONNECT_SWAPPED);
  g_signal_connect_object (kind_drop_down, "notify::selected", G_CALLBACK (case_dialog_update), dialog, G_CONNECT_SWAPPED);
  g_signal_connect_object (expect_entry, "changed", G_CALLBACK (case_dialog_update), dialog, G_CONNECT_SWAPPED);
  g_signal_connect (dialog, "response", G_CALLBACK (case_dialog_response_cb), NULL);
  case_dialog_update (dialog);

  viva_message_dialog_present (dialog);
  gtk_widget_grab_focus (code_case == NULL ? call_view : name_entry);

  return dialog;
}
