/* viva-message-dialog.c
 *
 * The rule for Viva's message dialogs: the keyboard focus starts on the
 * default response, and the default response is never destructive, so
 * that Return (or Space) pressed without reading does no harm. Deleting,
 * discarding, ending or replacing takes a deliberate Tab or click.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-message-dialog.h"

/* Works around libadwaita 1.2, fixed in 1.3 by "message-dialog: Stop
 * using AdwSqueezer"
 * (https://gitlab.gnome.org/GNOME/libadwaita/-/commit/e8622df35b8cc6ef1470c1a9aa2f0fd164ab4349).
 * AdwMessageDialog 1.2 lays its responses out twice, side by side and
 * stacked, in an AdwSqueezer. map() focuses the default response side by
 * side; when the first allocation then finds the row too wide (three
 * responses, a long translation, large text), the squeezer shows the
 * stacked buttons, the focused one is unmapped, and GTK moves the focus
 * to the first stacked button: the last response added, which is
 * usually the destructive one ("Close Without Saving", "End
 * Interview"). The dialog moves its default to the stacked layout; the
 * focus follows it here.
 *
 * A focus that is not on a response button (an entry the caller
 * focused) is left where it is: Return in it activates the default. */
static void
viva_message_dialog_default_widget_cb (GtkWindow  *dialog,
                                       GParamSpec *pspec,
                                       gpointer    user_data)
{
  GtkWidget *default_widget = gtk_window_get_default_widget (dialog);
  GtkWidget *focus = gtk_window_get_focus (dialog);

  if (default_widget == NULL || focus == default_widget)
    return;

  if (focus != NULL && !GTK_IS_BUTTON (focus))
    return;

  gtk_widget_grab_focus (default_widget);
}

/**
 * viva_message_dialog_present:
 * @dialog: a message dialog with all its responses added
 *
 * Presents @dialog with the keyboard focus on its default response, and
 * keeps it there if the dialog lays its buttons out again. Every message
 * dialog in Viva is shown through here.
 *
 * The default response must be set, and must not be destructive: a
 * dialog that could destroy something on Return is a programming error,
 * reported as a critical (fatal in the tests).
 */
void
viva_message_dialog_present (AdwMessageDialog *dialog)
{
  const char *default_response;

  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (dialog));

  default_response = adw_message_dialog_get_default_response (dialog);

  /* Still shown: a dialog that never appears would be worse. */
  if (default_response == NULL)
    g_critical ("Message dialog “%s” has no default response",
                adw_message_dialog_get_heading (dialog));
  else if (adw_message_dialog_get_response_appearance (dialog, default_response) == ADW_RESPONSE_DESTRUCTIVE)
    g_critical ("Message dialog “%s” has the destructive response “%s” as its default",
                adw_message_dialog_get_heading (dialog), default_response);

  g_signal_connect (dialog, "notify::default-widget",
                    G_CALLBACK (viva_message_dialog_default_widget_cb), NULL);

  gtk_window_present (GTK_WINDOW (dialog));
}
