/* viva-mock-view-export.c
 *
 * The mock view's Export: the file chooser, and the summary's interview
 * written there as Markdown (viva_mock_session_to_markdown()), with a
 * toast that says how it went. A dialog of its own, kept apart from the
 * view, which ties the pages to the models.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "viva-mock-session.h"
#include "viva-mock-summary-page.h"
#include "viva-mock-view-private.h"

static void
viva_mock_view_export_written_cb (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  g_autoptr(VivaMockView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not export: %s"), error->message);

      _viva_mock_view_toast (self, message);
    }
  else
    _viva_mock_view_toast (self, _("Interview exported"));
}

static void
viva_mock_view_export_response_cb (VivaMockView         *self,
                                   int                   response,
                                   GtkFileChooserNative *native)
{
  VivaMockSummaryPage *summary = viva_mock_view_get_summary_page (self);
  VivaMockSession *session = viva_mock_summary_page_get_session (summary);

  if (response == GTK_RESPONSE_ACCEPT && session != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      char *markdown = viva_mock_session_to_markdown (session, viva_mock_summary_page_get_bank (summary));
      g_autoptr(GBytes) bytes = g_bytes_new_take (markdown, strlen (markdown));

      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                           NULL, viva_mock_view_export_written_cb, g_object_ref (self));
    }

  g_object_unref (native);
}

/* mock.export: the summary's interview as Markdown, where the user
 * chooses. */
void
_viva_mock_view_export_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  VivaMockView *self = VIVA_MOCK_VIEW (widget);
  VivaMockSession *session = viva_mock_summary_page_get_session (viva_mock_view_get_summary_page (self));
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *name = NULL;
  GtkFileChooserNative *native;

  if (session == NULL)
    return;

  native = gtk_file_chooser_native_new (_("Export Interview"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  /* Translators: default file name of an exported interview. */
  name = g_strdup_printf (_("mock-interview-%s.md"), viva_mock_session_get_id (session));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect_object (native, "response", G_CALLBACK (viva_mock_view_export_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}
