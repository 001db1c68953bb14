/* viva-export-dialog.c
 *
 * Export…: the format (Anki, CSV, Markdown), which questions (all, the
 * starred ones, those the sidebar's search and filters show, each with
 * its count), whether the Markdown has the user's notes, then a file
 * chooser. The file is
 * written by viva_export_dialog_export_to(), which tests call with a
 * file of their own; the chooser is only the way a person gets there.
 * Closing destroys the dialog (README: no hidden window, GTK 4.8's
 * AT-SPI crash).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-bank.h"
#include "viva-export.h"
#include "viva-export-dialog.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-question.h"

struct _VivaExportDialog
{
  AdwWindow       parent_instance;

  /* Owned */
  VivaBank       *bank;
  VivaNotesStore *notes;
  GPtrArray      *starred;   /* (element-type VivaQuestion) */
  GPtrArray      *shown;     /* (element-type VivaQuestion) (nullable): no search or filter */

  /* Template widgets */
  GtkButton      *export_button;
  GtkLabel       *error_label;
  AdwActionRow   *anki_row;
  GtkCheckButton *anki_check;
  AdwActionRow   *csv_row;
  GtkCheckButton *csv_check;
  AdwActionRow   *markdown_row;
  GtkCheckButton *markdown_check;
  AdwActionRow   *all_row;
  GtkCheckButton *all_check;
  AdwActionRow   *starred_row;
  GtkCheckButton *starred_check;
  AdwActionRow   *shown_row;
  GtkCheckButton *shown_check;
  AdwActionRow   *notes_row;
  GtkSwitch      *notes_switch;
};

G_DEFINE_FINAL_TYPE (VivaExportDialog, viva_export_dialog, ADW_TYPE_WINDOW)

enum {
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static VivaExportFormat
viva_export_dialog_get_format (VivaExportDialog *self)
{
  if (gtk_check_button_get_active (self->anki_check))
    return VIVA_EXPORT_FORMAT_ANKI;
  if (gtk_check_button_get_active (self->markdown_check))
    return VIVA_EXPORT_FORMAT_MARKDOWN;
  return VIVA_EXPORT_FORMAT_CSV;
}

static VivaExportWhich
viva_export_dialog_get_which (VivaExportDialog *self)
{
  if (gtk_check_button_get_active (self->starred_check))
    return VIVA_EXPORT_WHICH_STARRED;
  if (gtk_check_button_get_active (self->shown_check))
    return VIVA_EXPORT_WHICH_SHOWN;
  return VIVA_EXPORT_WHICH_ALL;
}

/* The questions chosen, in the bank's order; NULL for all of them. */
static GPtrArray *
viva_export_dialog_get_questions (VivaExportDialog *self)
{
  switch (viva_export_dialog_get_which (self))
    {
    case VIVA_EXPORT_WHICH_STARRED:
      return self->starred;
    case VIVA_EXPORT_WHICH_SHOWN:
      return self->shown;
    case VIVA_EXPORT_WHICH_ALL:
    default:
      return NULL;
    }
}

guint
viva_export_dialog_get_n_which (VivaExportDialog *self,
                                VivaExportWhich   which)
{
  g_return_val_if_fail (VIVA_IS_EXPORT_DIALOG (self), 0);

  switch (which)
    {
    case VIVA_EXPORT_WHICH_STARRED:
      return self->starred->len;
    case VIVA_EXPORT_WHICH_SHOWN:
      return self->shown != NULL ? self->shown->len : 0;
    case VIVA_EXPORT_WHICH_ALL:
    default:
      return viva_bank_get_n_questions (self->bank);
    }
}

static void
viva_export_dialog_show_error (VivaExportDialog *self,
                               const char       *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

const char *
viva_export_dialog_get_error (VivaExportDialog *self)
{
  g_return_val_if_fail (VIVA_IS_EXPORT_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}

static void
viva_export_dialog_update (VivaExportDialog *self)
{
  gboolean markdown = viva_export_dialog_get_format (self) == VIVA_EXPORT_FORMAT_MARKDOWN;

  /* Anki's back and CSV's column always have the notes. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->notes_row), markdown);
  viva_export_dialog_show_error (self, NULL);
}

static void
viva_export_dialog_choice_toggled_cb (VivaExportDialog *self,
                                      GtkCheckButton   *check)
{
  viva_export_dialog_update (self);
}

void
viva_export_dialog_set_format (VivaExportDialog *self,
                               VivaExportFormat  format)
{
  g_return_if_fail (VIVA_IS_EXPORT_DIALOG (self));

  gtk_check_button_set_active (format == VIVA_EXPORT_FORMAT_MARKDOWN ? self->markdown_check :
                               format == VIVA_EXPORT_FORMAT_ANKI ? self->anki_check :
                               self->csv_check,
                               TRUE);
}

void
viva_export_dialog_set_which (VivaExportDialog *self,
                              VivaExportWhich   which)
{
  g_return_if_fail (VIVA_IS_EXPORT_DIALOG (self));

  gtk_check_button_set_active (which == VIVA_EXPORT_WHICH_STARRED ? self->starred_check :
                               which == VIVA_EXPORT_WHICH_SHOWN ? self->shown_check :
                               self->all_check,
                               TRUE);
}

void
viva_export_dialog_set_include_notes (VivaExportDialog *self,
                                      gboolean          include)
{
  g_return_if_fail (VIVA_IS_EXPORT_DIALOG (self));

  gtk_switch_set_active (self->notes_switch, include);
}

/**
 * viva_export_dialog_dup_suggested_name:
 *
 * The file name the chooser offers: the bank's id (a Markdown export of
 * that name opens as the same bank, with its notes) and the format's
 * extension.
 */
char *
viva_export_dialog_dup_suggested_name (VivaExportDialog *self)
{
  const char *extension;

  g_return_val_if_fail (VIVA_IS_EXPORT_DIALOG (self), NULL);

  switch (viva_export_dialog_get_format (self))
    {
    case VIVA_EXPORT_FORMAT_ANKI:
      /* Anki's importer offers .txt files as text. */
      extension = "txt";
      break;
    case VIVA_EXPORT_FORMAT_MARKDOWN:
      extension = "md";
      break;
    case VIVA_EXPORT_FORMAT_CSV:
    default:
      extension = "csv";
      break;
    }
  return g_strdup_printf ("%s.%s", viva_bank_get_id (self->bank), extension);
}

/**
 * viva_export_dialog_export_to:
 * @self: the dialog
 * @file: where to write
 * @error: what went wrong
 *
 * Writes the chosen questions in the chosen format to @file, replacing
 * it; on success emits VivaExportDialog::exported and closes the
 * dialog. An error is also shown in the dialog, which stays open.
 */
gboolean
viva_export_dialog_export_to (VivaExportDialog  *self,
                              GFile             *file,
                              GError           **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  GPtrArray *questions;
  guint n;

  g_return_val_if_fail (VIVA_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  questions = viva_export_dialog_get_questions (self);
  n = questions != NULL ? questions->len : viva_bank_get_n_questions (self->bank);

  switch (viva_export_dialog_get_format (self))
    {
    case VIVA_EXPORT_FORMAT_ANKI:
      bytes = viva_export_anki (self->bank, questions, self->notes, &local_error);
      break;
    case VIVA_EXPORT_FORMAT_MARKDOWN:
      bytes = viva_export_markdown (self->bank, questions,
                                    gtk_switch_get_active (self->notes_switch) ? self->notes : NULL,
                                    &local_error);
      break;
    case VIVA_EXPORT_FORMAT_CSV:
    default:
      bytes = viva_export_csv (self->bank, questions, self->notes, &local_error);
      break;
    }

  /* Small enough to write at once: the bundled bank's CSV with notes is
   * a few hundred KiB. */
  if (bytes != NULL &&
      !g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL,
                                &local_error))
    g_clear_pointer (&bytes, g_bytes_unref);

  if (bytes == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = NULL;

      /* Translators: %s is a file name, then what went wrong. */
      message = g_strdup_printf (_("Could not export to “%s”: %s"), name, local_error->message);
      viva_export_dialog_show_error (self, message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_signal_emit (self, signals[EXPORTED], 0, file, n);
  gtk_window_destroy (GTK_WINDOW (self));

  return TRUE;
}

static void
viva_export_dialog_chooser_response_cb (VivaExportDialog     *self,
                                        int                   response,
                                        GtkFileChooserNative *native)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      /* The error shows in the dialog. */
      if (file != NULL)
        viva_export_dialog_export_to (self, file, NULL);
    }

  g_object_unref (native);
}

static void
viva_export_dialog_export_clicked_cb (VivaExportDialog *self,
                                      GtkButton        *button)
{
  g_autofree char *name = viva_export_dialog_dup_suggested_name (self);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Export Questions"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect_object (native, "response",
                           G_CALLBACK (viva_export_dialog_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
viva_export_dialog_dispose (GObject *object)
{
  VivaExportDialog *self = (VivaExportDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_EXPORT_DIALOG);

  g_clear_object (&self->bank);
  g_clear_object (&self->notes);
  g_clear_pointer (&self->starred, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_ptr_array_unref);

  G_OBJECT_CLASS (viva_export_dialog_parent_class)->dispose (object);
}

static void
viva_export_dialog_class_init (VivaExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_export_dialog_dispose;

  /**
   * VivaExportDialog::exported:
   * @file: the file written
   * @n_questions: how many questions it holds
   *
   * The export is written; the dialog closes.
   */
  signals[EXPORTED] =
    g_signal_new ("exported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, VivaExportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, VivaExportDialog, anki_row);
  gtk_widget_class_bind_template_child (widget_class, VivaExportDialog, anki_check);
  gtk_widget_class_bind_template_child (widget_class, VivaExportDialog, csv_row);
  gtk_widget_class_bind_template_child (widget_class, VivaExportDialog, csv_check);
  gtk_widget_class_bind_template_child (widget_class, VivaExportDialog, markdown_row);
  gtk_widget_class_bind_template_child (widget_class, VivaExportDialog, markdown_check);
  gtk_widget_class_bind_template_child (widget_class, VivaExportDialog, all_row);
  gtk_widget_class_bind_template_child (widget_class, VivaExportDialog, all_check);
  gtk_widget_class_bind_template_child (widget_class, VivaExportDialog, starred_row);
  gtk_widget_class_bind_template_child (widget_class, VivaExportDialog, starred_check);
  gtk_widget_class_bind_template_child (widget_class, VivaExportDialog, shown_row);
  gtk_widget_class_bind_template_child (widget_class, VivaExportDialog, shown_check);
  gtk_widget_class_bind_template_child (widget_class, VivaExportDialog, notes_row);
  gtk_widget_class_bind_template_child (widget_class, VivaExportDialog, notes_switch);
  gtk_widget_class_bind_template_callback (widget_class, viva_export_dialog_choice_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, viva_export_dialog_export_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
viva_export_dialog_init (VivaExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* A check button in a row is named as its row reads. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->anki_check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Anki"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->csv_check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("CSV"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->markdown_check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Markdown"), -1);
  gtk_check_button_set_active (self->anki_check, TRUE);
  gtk_check_button_set_active (self->all_check, TRUE);
}

/* Sets a "which" row's title with its count, and names its check button
 * the same way; a choice with nothing in it cannot be made. */
static void
set_which_row (AdwActionRow   *row,
               GtkCheckButton *check,
               const char     *title)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

/**
 * viva_export_dialog_new:
 * @parent: the window it belongs to
 * @bank: the bank to export
 * @notes: the user's notes
 * @shown: (nullable) (element-type VivaQuestion): the questions the
 *   sidebar's search and filters show, in the bank's order; %NULL when
 *   none is on
 *
 * Returns: (transfer none): the dialog, presented; it destroys itself
 *   when closed
 */
VivaExportDialog *
viva_export_dialog_new (GtkWindow      *parent,
                        VivaBank       *bank,
                        VivaNotesStore *notes,
                        GPtrArray      *shown)
{
  VivaExportDialog *self;
  GListModel *questions;
  g_autofree char *all = NULL;
  g_autofree char *starred = NULL;
  g_autofree char *shown_title = NULL;
  const char *bank_id;
  guint n;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (VIVA_IS_BANK (bank), NULL);
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (notes), NULL);

  /* A screen reader says "dialog" (see VivaQuestionDialog: the role is
   * the instance's, or GTK 4.8 reads the window as a frame). */
  self = g_object_new (VIVA_TYPE_EXPORT_DIALOG,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->bank = g_object_ref (bank);
  self->notes = g_object_ref (notes);
  self->shown = shown != NULL ? g_ptr_array_ref (shown) : NULL;

  questions = viva_bank_get_questions (bank);
  n = g_list_model_get_n_items (questions);
  bank_id = viva_bank_get_id (bank);
  self->starred = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VivaQuestion) question = g_list_model_get_item (questions, i);
      VivaNote *note = viva_notes_store_lookup_note (notes, bank_id, viva_question_get_number (question));

      if (note != NULL && viva_note_get_starred (note))
        g_ptr_array_add (self->starred, g_steal_pointer (&question));
    }

  /* Translators: an export's choice of questions, with how many. */
  all = g_strdup_printf (ngettext ("All %u Question", "All %u Questions", n), n);
  set_which_row (self->all_row, self->all_check, all);
  /* Translators: an export's choice of questions, with how many. */
  starred = g_strdup_printf (_("Starred (%u)"), self->starred->len);
  set_which_row (self->starred_row, self->starred_check, starred);
  gtk_widget_set_sensitive (GTK_WIDGET (self->starred_row), self->starred->len > 0);
  /* Translators: an export's choice of questions, with how many. */
  shown_title = g_strdup_printf (_("Shown in the Sidebar (%u)"), self->shown != NULL ? self->shown->len : 0);
  set_which_row (self->shown_row, self->shown_check, shown_title);
  gtk_widget_set_sensitive (GTK_WIDGET (self->shown_row), self->shown != NULL && self->shown->len > 0);
  if (self->shown == NULL)
    adw_action_row_set_subtitle (self->shown_row, _("No search or filter is on in the sidebar"));

  viva_export_dialog_update (self);
  gtk_window_present (GTK_WINDOW (self));

  return self;
}
