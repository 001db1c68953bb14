/* viva-window-import.c
 *
 * The window's part of Import… (win.import-bank, Ctrl+Shift+O): the file
 * chooser, then the import dialog on the chosen file, then the imported
 * bank opened as any bank is, from the data dir where it was saved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-import-dialog.h"
#include "viva-owned-banks.h"
#include "viva-window-private.h"

static void
viva_window_imported_cb (VivaWindow       *self,
                         GFile            *file,
                         const char       *title,
                         guint             n_questions,
                         VivaImportDialog *dialog)
{
  g_autofree char *message = NULL;

  g_assert (VIVA_IS_WINDOW (self));

  viva_window_open_file (self, file);

  /* Translators: "Imported “Python Basics”: 120 questions" */
  message = g_strdup_printf (ngettext ("Imported “%s”: %u question",
                                       "Imported “%s”: %u questions",
                                       n_questions),
                             title, n_questions);
  _viva_window_toast (self, message);
}

/**
 * viva_window_import_file:
 * @self: a window
 * @file: the file to import, only read
 *
 * Shows the import dialog on @file, what Import… does once a file is
 * chosen; the tests start here.
 */
void
viva_window_import_file (VivaWindow *self,
                         GFile      *file)
{
  g_autofree char *dir = NULL;
  VivaImportDialog *dialog;

  g_return_if_fail (VIVA_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  dir = viva_owned_banks_dup_default_dir ();
  dialog = viva_import_dialog_new (GTK_WINDOW (self), file, dir);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (viva_window_imported_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
viva_window_import_chooser_response_cb (VivaWindow           *self,
                                        int                   response,
                                        GtkFileChooserNative *native)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        viva_window_import_file (self, file);
    }

  g_object_unref (native);
}

static void
viva_window_import_bank_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  VivaWindow *self = VIVA_WINDOW (widget);
  g_autoptr(GtkFileFilter) markdown = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) tables = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  gtk_file_filter_set_name (markdown, _("Markdown"));
  gtk_file_filter_add_mime_type (markdown, "text/markdown");
  gtk_file_filter_add_suffix (markdown, "md");
  gtk_file_filter_add_suffix (markdown, "markdown");
  gtk_file_filter_set_name (tables, _("CSV, TSV and Anki Text"));
  gtk_file_filter_add_mime_type (tables, "text/csv");
  gtk_file_filter_add_mime_type (tables, "text/tab-separated-values");
  gtk_file_filter_add_suffix (tables, "csv");
  gtk_file_filter_add_suffix (tables, "tsv");
  gtk_file_filter_add_suffix (tables, "txt");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  native = gtk_file_chooser_native_new (_("Choose a File to Import"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Import"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), markdown);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), tables);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
  g_signal_connect_object (native, "response",
                           G_CALLBACK (viva_window_import_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
_viva_window_class_import_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import-bank", NULL, viva_window_import_bank_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.import-bank", NULL);
}
