/* viva-window-export.c
 *
 * The window's Export…: win.export-bank opens the export dialog on the
 * open bank, with the questions the sidebar's search and filters show,
 * and says where the file went.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-export-dialog.h"
#include "viva-window-private.h"

static void
viva_window_exported_cb (VivaWindow       *self,
                         GFile            *file,
                         guint             n_questions,
                         VivaExportDialog *dialog)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;

  /* Translators: %u is a number of questions, %s a file name. */
  message = g_strdup_printf (ngettext ("Exported %u question to “%s”",
                                       "Exported %u questions to “%s”",
                                       n_questions),
                             n_questions, name);
  _viva_window_toast (self, message);
}

static void
viva_window_export_bank_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  VivaWindow *self = VIVA_WINDOW (widget);
  g_autoptr(GPtrArray) shown = NULL;
  VivaExportDialog *dialog;

  if (self->bank == NULL)
    return;

  shown = viva_sidebar_dup_shown_questions (self->sidebar);
  dialog = viva_export_dialog_new (GTK_WINDOW (self), self->bank, self->store, shown);
  g_signal_connect_object (dialog, "exported",
                           G_CALLBACK (viva_window_exported_cb),
                           self, G_CONNECT_SWAPPED);
}

void
_viva_window_update_export_actions (VivaWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-bank", self->bank != NULL);
}

void
_viva_window_class_export_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-bank", NULL,
                                   viva_window_export_bank_action);
}
