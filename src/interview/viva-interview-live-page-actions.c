/* viva-interview-live-page-actions.c
 *
 * What the interviewer does from the live page: move between questions,
 * finish the interview (after asking), add an unplanned question right
 * after the current one, and rate by key.
 *
 * Keys: 1-4 rate Strong No to Strong Yes and 0 is No Decision, whenever
 * the focus is not in a text field (Escape leaves the notes field for
 * that); Ctrl+Page Down / Ctrl+Page Up move between questions, from
 * anywhere; Ctrl+Space pauses; Ctrl+Shift+P adds a question;
 * Ctrl+Shift+W shows or hides the candidate window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-interview-live-page-private.h"
#include "viva-message-dialog.h"
#include "viva-time-format.h"
#include "viva-toast.h"

static void
viva_interview_live_page_go (VivaInterviewLivePage *self,
                             int                    delta)
{
  guint current;

  if (!_viva_interview_live_page_get_live (self))
    return;

  current = viva_interview_get_current (self->interview);
  if ((delta < 0 && current == 0) ||
      (delta > 0 && current + 1 >= viva_interview_get_n_items (self->interview)))
    return;

  viva_interview_set_current (self->interview, delta < 0 ? current - 1 : current + 1);
}

static void
viva_interview_live_page_previous_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *param)
{
  viva_interview_live_page_go (VIVA_INTERVIEW_LIVE_PAGE (widget), -1);
}

static void
viva_interview_live_page_next_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  viva_interview_live_page_go (VIVA_INTERVIEW_LIVE_PAGE (widget), +1);
}

static void
viva_interview_live_page_finish_response_cb (VivaInterviewLivePage *self,
                                             const char            *response,
                                             AdwMessageDialog      *dialog)
{
  if (g_strcmp0 (response, "finish") != 0 || self->interview == NULL)
    return;

  if (viva_interview_finish (self->interview))
    g_signal_emit_by_name (self, "finished");
}

static void
viva_interview_live_page_finish_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  VivaInterviewLivePage *self = VIVA_INTERVIEW_LIVE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;
  g_autofree char *elapsed = NULL;

  if (!_viva_interview_live_page_get_live (self))
    return;

  elapsed = viva_format_duration (viva_interview_get_elapsed (self->interview));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Finish the Interview?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("The clock stops at %s and you go on to the wrap-up. Notes and ratings can still be changed there."),
                                  elapsed);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "finish", _("_Finish"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "finish", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "finish");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (viva_interview_live_page_finish_response_cb),
                           self, G_CONNECT_SWAPPED);
  viva_message_dialog_present (dialog);
}

static void
viva_interview_live_page_add_question_action (GtkWidget  *widget,
                                              const char *action_name,
                                              GVariant   *param)
{
  VivaInterviewLivePage *self = VIVA_INTERVIEW_LIVE_PAGE (widget);

  if (gtk_widget_get_sensitive (GTK_WIDGET (self->add_button)))
    gtk_menu_button_popup (self->add_button);
}

/* Adding a question on the fly */

/**
 * viva_interview_live_page_add_question:
 * @number: the bank's number, or 0 for a question of the interviewer's own
 *
 * Puts a question right after the current one and goes to it: an
 * unplanned question is asked now.
 */
gboolean
viva_interview_live_page_add_question (VivaInterviewLivePage  *self,
                                       guint                   number,
                                       const char             *text,
                                       GError                **error)
{
  guint at;

  g_return_val_if_fail (VIVA_IS_INTERVIEW_LIVE_PAGE (self), FALSE);
  g_return_val_if_fail (self->interview != NULL, FALSE);

  at = viva_interview_get_n_items (self->interview) == 0
       ? 0 : viva_interview_get_current (self->interview) + 1;
  if (!viva_interview_insert (self->interview, at, number, text, 0, error))
    return FALSE;

  viva_interview_set_current (self->interview, at);

  return TRUE;
}

static void
viva_interview_live_page_picked_cb (VivaInterviewLivePage *self,
                                    guint                  number,
                                    const char            *text)
{
  g_autoptr(GError) error = NULL;

  if (!viva_interview_live_page_add_question (self, number, text, &error))
    {
      AdwToastOverlay *overlay = (AdwToastOverlay *) gtk_widget_get_ancestor (GTK_WIDGET (self),
                                                                             ADW_TYPE_TOAST_OVERLAY);

      if (overlay != NULL)
        adw_toast_overlay_add_toast (overlay, viva_toast_new_plain (error->message));
      return;
    }

  gtk_widget_grab_focus (GTK_WIDGET (self->notes_view));
}

/* Keys */

/* Whether the focus is where typing goes: digits are text there. */
static gboolean
focus_is_text (GtkWidget *self)
{
  GtkRoot *root = gtk_widget_get_root (self);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (; focus != NULL; focus = gtk_widget_get_parent (focus))
    {
      if (GTK_IS_TEXT_VIEW (focus) || GTK_IS_EDITABLE (focus))
        return TRUE;
    }

  return FALSE;
}

static gboolean
viva_interview_live_page_key_pressed_cb (VivaInterviewLivePage *self,
                                         guint                  keyval,
                                         guint                  keycode,
                                         GdkModifierType        state,
                                         GtkEventControllerKey *controller)
{
  int value = -1;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;

  /* Escape in the notes field leaves it, for the rating keys. */
  if (keyval == GDK_KEY_Escape &&
      gtk_widget_has_focus (GTK_WIDGET (self->notes_view)))
    {
      _viva_interview_live_page_focus_rating (self);
      return TRUE;
    }

  if (focus_is_text (GTK_WIDGET (self)))
    return FALSE;

  if (keyval >= GDK_KEY_0 && keyval <= GDK_KEY_4)
    value = (int) (keyval - GDK_KEY_0);
  else if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_4)
    value = (int) (keyval - GDK_KEY_KP_0);

  if (value < 0 || !gtk_widget_is_sensitive (self->rating_buttons[0]))
    return FALSE;

  g_object_set (self, "rating", value, NULL);

  return TRUE;
}

/* Shortcuts that must work from the notes field too: a text view has
 * bindings of its own for some of these keys, so they are caught
 * before it sees them. */
static void
add_capture_shortcuts (VivaInterviewLivePage *self)
{
  static const struct {
    guint            keyval;
    GdkModifierType  mods;
    const char      *action;
  } shortcuts[] = {
    { GDK_KEY_Page_Down, GDK_CONTROL_MASK, "live.next" },
    { GDK_KEY_Page_Up, GDK_CONTROL_MASK, "live.previous" },
    { GDK_KEY_space, GDK_CONTROL_MASK, "live.paused" },
    { GDK_KEY_P, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "live.add-question" },
    { GDK_KEY_W, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "live.candidate-shown" },
    { GDK_KEY_C, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "live.code-pad-shown" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (shortcuts[i].keyval,
                                                                                    shortcuts[i].mods),
                                                            gtk_named_action_new (shortcuts[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

void
_viva_interview_live_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "live.previous", NULL, viva_interview_live_page_previous_action);
  gtk_widget_class_install_action (widget_class, "live.next", NULL, viva_interview_live_page_next_action);
  gtk_widget_class_install_action (widget_class, "live.finish", NULL, viva_interview_live_page_finish_action);
  gtk_widget_class_install_action (widget_class, "live.add-question", NULL, viva_interview_live_page_add_question_action);
}

void
_viva_interview_live_page_init_actions (VivaInterviewLivePage *self)
{
  GtkEventController *keys;

  g_signal_connect_object (self->picker, "picked",
                           G_CALLBACK (viva_interview_live_page_picked_cb),
                           self, G_CONNECT_SWAPPED);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed",
                           G_CALLBACK (viva_interview_live_page_key_pressed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  add_capture_shortcuts (self);
}
