/* viva-window-actions.c
 *
 * The window's actions and their shortcuts: opening banks, moving between
 * questions, filtering, the question's star and status, and the modes
 * (progress, mock interviews, interviews). One function,
 * _viva_window_update_actions(), decides what is enabled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-bank.h"
#include "viva-message-dialog.h"
#include "viva-notes-store.h"
#include "viva-question.h"
#include "viva-toast.h"
#include "viva-window-private.h"

void
_viva_window_toast (VivaWindow *self,
                   const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, viva_toast_new_plain (message));
}

void
_viva_window_update_actions (VivaWindow *self)
{
  guint position = self->question ? viva_question_get_position (self->question) : 0;
  guint n = self->bank ? viva_bank_get_n_questions (self->bank) : 0;
  gboolean can_edit = self->question != NULL && !viva_notes_store_get_read_only (self->store);
  const char *mode = gtk_stack_get_visible_child_name (self->mode_stack);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-question",
                                 self->question != NULL && position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-question",
                                 self->question != NULL ? position + 1 < n : n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-star", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.set-status", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.focus-notes", self->question != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-question", self->bank != NULL);
  /* Ctrl+F searches the sidebar, which only studying shows: elsewhere it
   * would send what is typed next into a hidden field. (The interviews'
   * list and the question picker take Ctrl+F for their own search.) */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.filter", g_strcmp0 (mode, "study") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.review", self->bank != NULL);
  /* Not from a mock interview or an interview, which have their own way
   * back to studying. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.progress",
                                 self->bank != NULL &&
                                 (g_strcmp0 (mode, "study") == 0 || g_strcmp0 (mode, "progress") == 0));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.mock-interview", self->bank != NULL && self->sessions != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.mock-history", self->bank != NULL && self->sessions != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-interview", self->interviews != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.interviews", self->interviews != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-to-interview",
                                 self->interviews != NULL && self->question != NULL &&
                                 g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "study") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-question-to-interview",
                                 self->interviews != NULL && self->bank != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-bundled-bank",
                                 self->bank == NULL || viva_bank_get_file (self->bank) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sidebar-wider",
                                 _viva_window_get_sidebar_width (self) < SIDEBAR_MAX_WIDTH);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sidebar-narrower",
                                 _viva_window_get_sidebar_width (self) > SIDEBAR_MIN_WIDTH);
  _viva_window_update_export_actions (self);
  _viva_window_update_questions_actions (self);
}

static void
viva_window_show_open_error (VivaWindow   *self,
                             GFile        *file,
                             const GError *error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  /* Translators: %s is a file name. */
  heading = g_strdup_printf (_("Could Not Open “%s”"), name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, NULL));
  adw_message_dialog_format_body (dialog, _("%s\n\nThe questions you had open are still open."),
                                  error->message);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  viva_message_dialog_present (dialog);
}

typedef struct
{
  VivaWindow *window;
  GFile      *file;
  /* This Open cancelled the restore of the last session's bank */
  gboolean    cancelled_restore;
} OpenFile;

static void
open_file_free (OpenFile *state)
{
  g_clear_object (&state->window);
  g_clear_object (&state->file);
  g_free (state);
}

static void
viva_window_open_file_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  OpenFile *state = user_data;
  VivaWindow *self = state->window;
  g_autoptr(VivaBank) bank = NULL;
  g_autoptr(GError) error = NULL;

  bank = viva_bank_load_file_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ;
  else if (bank == NULL)
    {
      _viva_window_hide_loading (self);
      viva_window_show_open_error (self, state->file, error);
      /* The file chosen instead of the last session's bank cannot be
       * read: that bank comes back, as it would have without the
       * choice. */
      if (state->cancelled_restore && self->bank == NULL)
        _viva_window_restore_bank (self);
    }
  else
    {
      g_autofree char *message = NULL;
      g_autoptr(VivaQuestion) first = NULL;

      viva_window_set_bank (self, bank);
      first = g_list_model_get_item (viva_bank_get_questions (bank), 0);
      viva_window_show_question (self, first);

      /* Translators: %s is the bank's title. */
      message = g_strdup_printf (ngettext ("Opened “%s”: %u question",
                                           "Opened “%s”: %u questions",
                                           viva_bank_get_n_questions (bank)),
                                 viva_bank_get_title (bank),
                                 viva_bank_get_n_questions (bank));
      _viva_window_toast (self, message);
    }

  open_file_free (state);
}

void
viva_window_open_file (VivaWindow *self,
                       GFile      *file)
{
  OpenFile *state;

  g_return_if_fail (VIVA_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  state = g_new0 (OpenFile, 1);
  state->window = g_object_ref (self);
  state->file = g_object_ref (file);
  /* The user's choice wins over the last session's bank, still being
   * read (a file named on the command line, or Open at once). */
  state->cancelled_restore = _viva_window_cancel_restore (self);
  if (self->bank == NULL)
    _viva_window_show_loading (self, file);

  viva_bank_load_file_async (file, self->cancellable, viva_window_open_file_cb, state);
}

static void
viva_window_file_chooser_response_cb (VivaWindow           *self,
                                      int                   response,
                                      GtkFileChooserNative *native)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        viva_window_open_file (self, file);
    }

  g_object_unref (native);
}

static void
viva_window_open_bank_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  VivaWindow *self = VIVA_WINDOW (widget);
  g_autoptr(GtkFileFilter) markdown = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  gtk_file_filter_set_name (markdown, _("Question Banks (Markdown)"));
  gtk_file_filter_add_mime_type (markdown, "text/markdown");
  gtk_file_filter_add_suffix (markdown, "md");
  gtk_file_filter_add_suffix (markdown, "markdown");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  native = gtk_file_chooser_native_new (_("Open Question Bank"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), markdown);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
  g_signal_connect_object (native, "response",
                           G_CALLBACK (viva_window_file_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

gboolean
_viva_window_open_bundled_bank (VivaWindow *self)
{
  g_autoptr(VivaBank) bank = NULL;
  g_autoptr(GError) error = NULL;

  bank = viva_bank_new_bundled (&error);

  /* The bundled bank is compiled in and tested: failing here is a bug. */
  if (bank == NULL)
    {
      g_critical ("The bundled question bank failed to load: %s", error->message);
      return FALSE;
    }

  viva_window_set_bank (self, bank);
  return TRUE;
}

static void
viva_window_open_bundled_bank_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  _viva_window_open_bundled_bank (VIVA_WINDOW (widget));
}

static void
viva_window_step_question (VivaWindow *self,
                           int         delta)
{
  GListModel *questions;
  g_autoptr(VivaQuestion) next = NULL;
  int position;

  if (self->bank == NULL)
    return;

  questions = viva_bank_get_questions (self->bank);
  position = self->question ? (int) viva_question_get_position (self->question) + delta : 0;

  if (position < 0 || position >= (int) g_list_model_get_n_items (questions))
    return;

  next = g_list_model_get_item (questions, position);
  viva_window_show_question (self, next);
}

static void
viva_window_previous_question_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  viva_window_step_question (VIVA_WINDOW (widget), -1);
}

static void
viva_window_next_question_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  viva_window_step_question (VIVA_WINDOW (widget), 1);
}

/* The question of the open bank whose number an action was given, or
 * NULL when there is none. */
static VivaQuestion *
viva_window_lookup_param_question (VivaWindow *self,
                                   GVariant   *param)
{
  if (self->bank == NULL)
    return NULL;

  return viva_bank_lookup_question (self->bank, g_variant_get_uint32 (param));
}

/* Opens a question by number: the "See Also" links of the question view. */
static void
viva_window_show_question_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  VivaWindow *self = VIVA_WINDOW (widget);
  VivaQuestion *question = viva_window_lookup_param_question (self, param);

  if (question != NULL)
    viva_window_show_question (self, question);
}

static void
viva_window_filter_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  VivaWindow *self = VIVA_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, TRUE);
  viva_sidebar_begin_filter (self->sidebar);
}

static void
viva_window_toggle_star_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  VivaWindow *self = VIVA_WINDOW (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->question_view), "question.starred", NULL);
}

static void
viva_window_set_status_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  VivaWindow *self = VIVA_WINDOW (widget);

  gtk_widget_activate_action_variant (GTK_WIDGET (self->question_view), "question.status", param);
}

static void
viva_window_review_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  _viva_window_show_review (VIVA_WINDOW (widget));
}

static void
viva_window_progress_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  _viva_window_show_progress (VIVA_WINDOW (widget));
}

static void
viva_window_mock_interview_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  _viva_window_show_mock (VIVA_WINDOW (widget), FALSE);
}

static void
viva_window_mock_history_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  _viva_window_show_mock (VIVA_WINDOW (widget), TRUE);
}

static void
viva_window_new_interview_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  _viva_window_show_interviews (VIVA_WINDOW (widget), TRUE);
}

static void
viva_window_interviews_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  _viva_window_show_interviews (VIVA_WINDOW (widget), FALSE);
}

static void
viva_window_add_to_interview_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  VivaWindow *self = VIVA_WINDOW (widget);

  _viva_window_add_to_interview (self, self->question);
}

/* From a sidebar row's context menu: any question, open or not. */
static void
viva_window_add_question_to_interview_action (GtkWidget  *widget,
                                              const char *action_name,
                                              GVariant   *param)
{
  VivaWindow *self = VIVA_WINDOW (widget);
  VivaQuestion *question = viva_window_lookup_param_question (self, param);

  if (question != NULL)
    _viva_window_add_to_interview (self, question);
}

static void
viva_window_focus_notes_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  VivaWindow *self = VIVA_WINDOW (widget);

  viva_question_view_focus_notes (self->question_view);
}

/* The keyboard's way to resize the sidebar (a pointer drags its edge):
 * a step at a time, within its bounds, remembered as a drag is. The
 * sidebar shows, if it was hidden, so that the change can be seen. */
static void
viva_window_resize_sidebar_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  VivaWindow *self = VIVA_WINDOW (widget);
  int step = g_str_equal (action_name, "win.sidebar-wider") ? SIDEBAR_WIDTH_STEP : -SIDEBAR_WIDTH_STEP;

  adw_flap_set_reveal_flap (self->flap, TRUE);
  _viva_window_set_sidebar_width (self, _viva_window_get_sidebar_width (self) + step);
}

/* Shift+Alt+Left and Right move the sidebar's edge that way: in a
 * right-to-left language the sidebar is on the right, and Left widens
 * it. */
static gboolean
viva_window_move_sidebar_edge (GtkWidget *widget,
                               GVariant  *args,
                               gpointer   user_data)
{
  int toward = g_variant_get_int32 (args);

  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    toward = -toward;

  return gtk_widget_activate_action (widget, toward > 0 ? "win.sidebar-wider" : "win.sidebar-narrower", NULL);
}

/* GtkApplicationWindow builds gtk/help-overlay.ui for every window as
 * soon as it joins the application: a tenth of the instructions of
 * Viva's startup (build-aux/bench, callgrind), for a window few people
 * open. The file is compiled in under another name (see
 * viva.gresource.xml), and built each time it is asked for.
 *
 * Closing it destroys it (no hide-on-close): Viva keeps no hidden
 * window, because of a bug in GTK's AT-SPI root (gtk/a11y/gtkatspiroot.c,
 * handle_accessible_method, "GetChildAtIndex"; in 4.8.3 and still in
 * 4.16): asked for a window past the visible ones, as a screen reader
 * is when a window closes while it reads the list, it answers with the
 * last toplevel, shown or not. A hidden window has no object path, so
 * GTK calls g_variant_new_object_path (NULL) and crashes (SIGSEGV).
 * tests/test-real-app.py reproduces it. */
static void
viva_window_show_help_overlay_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  VivaWindow *self = VIVA_WINDOW (widget);

  /* Once closed it is destroyed, even if something still holds it. */
  if (self->help_overlay == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->help_overlay)))
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/ui/viva-shortcuts-window.ui");
      GtkWindow *overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

      /* Owned by GTK's list of toplevels until it is destroyed. */
      g_set_weak_pointer (&self->help_overlay, overlay);
      gtk_window_set_modal (overlay, TRUE);
      gtk_window_set_transient_for (overlay, GTK_WINDOW (self));
    }

  gtk_window_present (self->help_overlay);
}

void
_viva_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-bank", NULL, viva_window_open_bank_action);
  gtk_widget_class_install_action (widget_class, "win.open-bundled-bank", NULL, viva_window_open_bundled_bank_action);
  gtk_widget_class_install_action (widget_class, "win.previous-question", NULL, viva_window_previous_question_action);
  gtk_widget_class_install_action (widget_class, "win.next-question", NULL, viva_window_next_question_action);
  gtk_widget_class_install_action (widget_class, "win.show-question", "u", viva_window_show_question_action);
  gtk_widget_class_install_action (widget_class, "win.filter", NULL, viva_window_filter_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-star", NULL, viva_window_toggle_star_action);
  gtk_widget_class_install_action (widget_class, "win.set-status", "s", viva_window_set_status_action);
  gtk_widget_class_install_action (widget_class, "win.focus-notes", NULL, viva_window_focus_notes_action);
  gtk_widget_class_install_action (widget_class, "win.review", NULL, viva_window_review_action);
  gtk_widget_class_install_action (widget_class, "win.progress", NULL, viva_window_progress_action);
  gtk_widget_class_install_action (widget_class, "win.mock-interview", NULL, viva_window_mock_interview_action);
  gtk_widget_class_install_action (widget_class, "win.mock-history", NULL, viva_window_mock_history_action);
  gtk_widget_class_install_action (widget_class, "win.new-interview", NULL, viva_window_new_interview_action);
  gtk_widget_class_install_action (widget_class, "win.interviews", NULL, viva_window_interviews_action);
  gtk_widget_class_install_action (widget_class, "win.add-to-interview", NULL, viva_window_add_to_interview_action);
  gtk_widget_class_install_action (widget_class, "win.add-question-to-interview", "u",
                                   viva_window_add_question_to_interview_action);
  gtk_widget_class_install_property_action (widget_class, "win.toggle-sidebar", "sidebar-visible");
  gtk_widget_class_install_action (widget_class, "win.sidebar-wider", NULL, viva_window_resize_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.sidebar-narrower", NULL, viva_window_resize_sidebar_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-bank", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.previous-question", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "win.next-question", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.filter", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.toggle-star", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "win.set-status", "s", "new");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK, "win.set-status", "s", "learning");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK, "win.set-status", "s", "confident");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.focus-notes", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.review", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_G, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.progress", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "win.mock-interview", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_N, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.new-interview", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.interviews", NULL);
  /* Not Ctrl+Shift+A: the notes editor unselects with it. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_P, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.add-to-interview", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  /* Not Ctrl+Alt+Left/Right, which switch workspaces in GNOME Shell, nor
   * Ctrl+Shift+Left/Right or Alt+Left/Right, which select and move words
   * in the notes; Shift+Alt with arrows is no text widget's. */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, GDK_SHIFT_MASK | GDK_ALT_MASK,
                                viva_window_move_sidebar_edge, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, GDK_SHIFT_MASK | GDK_ALT_MASK,
                                viva_window_move_sidebar_edge, "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);

  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, viva_window_show_help_overlay_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK, "win.show-help-overlay", NULL);
}
