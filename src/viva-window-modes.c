/* viva-window-modes.c
 *
 * The main window's modes besides studying: Review, Progress, mock
 * interviews and interviews. Each is a view in the window's mode stack,
 * built on first use (building them with the window cost start-up time
 * for pages most launches never show), with a way back to studying.
 * Also what the window takes from the context of the mock sessions and
 * interviews, and the offers to resume one cut short.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-bank.h"
#include "viva-clock.h"
#include "viva-context.h"
#include "viva-interview.h"
#include "viva-interview-store.h"
#include "viva-interview-view.h"
#include "viva-message-dialog.h"
#include "viva-mock-session.h"
#include "viva-mock-view.h"
#include "viva-notes-store.h"
#include "viva-progress.h"
#include "viva-question.h"
#include "viva-session-store.h"
#include "viva-window-private.h"

/* The mock interview that waits for the user, paused: the one the view
 * holds, or one cut short by a quit or a crash that is offered for
 * resuming (it comes back paused). */
static VivaMockSession *
viva_window_get_waiting_mock (VivaWindow *self)
{
  if (self->mock_view != NULL && viva_mock_view_get_running (self->mock_view))
    {
      gboolean paused = FALSE;

      g_object_get (self->mock_view, "paused", &paused, NULL);
      return paused ? viva_mock_view_get_session (self->mock_view) : NULL;
    }

  if (self->sessions != NULL)
    return viva_session_store_get_unfinished (self->sessions);

  return NULL;
}

/**
 * _viva_window_update_mock_button:
 *
 * A mock interview left paused is easily forgotten once the toast that
 * said so has gone: the alarm button wears a pause sign until it is
 * resumed or ended, and says so in its tooltip and to screen readers
 * (colour is not the only cue).
 */
void
_viva_window_update_mock_button (VivaWindow *self)
{
  VivaMockSession *waiting = viva_window_get_waiting_mock (self);

  gtk_widget_set_visible (GTK_WIDGET (self->mock_paused_badge), waiting != NULL);

  if (waiting != NULL)
    {
      guint n = viva_mock_session_get_n_items (waiting);
      guint current = MIN (viva_mock_session_get_current (waiting) + 1, n);
      g_autofree char *tooltip = NULL;
      g_autofree char *description = NULL;

      /* Translators: the alarm button's tooltip while a mock interview
       * waits, paused; Ctrl+M goes back to it. */
      tooltip = g_strdup_printf (_("Mock Interview Paused on Question %u of %u (Ctrl+M)"), current, n);
      /* Translators: what a screen reader says of the alarm button, after
       * its name ("Mock interview"), while an interview waits. */
      description = g_strdup_printf (_("Paused on question %u of %u"), current, n);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->mock_button), tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->mock_button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
    }
  else
    {
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->mock_button), _("Mock Interview (Ctrl+M)"));
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->mock_button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/* Whatever takes the window away from a running mock interview (Escape,
 * Review, the interviews' Ctrl+I) pauses it: studying while its clock
 * runs would spoil it. */
void
_viva_window_mode_changed (VivaWindow *self)
{
  if (self->mock_view != NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "mock") != 0 &&
      viva_mock_view_get_running (self->mock_view))
    g_object_set (self->mock_view, "paused", TRUE, NULL);

  _viva_window_update_mock_button (self);
}

static void
mock_view_leave_cb (VivaWindow   *self,
                    VivaMockView *view)
{
  gtk_stack_set_visible_child_name (self->mode_stack, "study");
  _viva_window_update_title (self);
  _viva_window_update_actions (self);

  /* The interview waits, paused: say how to get back to it. */
  if (viva_mock_view_get_running (view))
    _viva_window_toast (self, _("Mock interview paused. Press Ctrl+M to go back to it."));
}

/* Mock interviews are built on first use: their pages would otherwise
 * cost every start-up (measured: 183 ms -> 243 ms to first frame). */
static VivaMockView *
viva_window_ensure_mock_view (VivaWindow *self)
{
  if (self->mock_view == NULL)
    {
      self->mock_view = g_object_new (VIVA_TYPE_MOCK_VIEW,
                                      "context", self->context,
                                      NULL);
      g_signal_connect_object (self->mock_view, "leave",
                               G_CALLBACK (mock_view_leave_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->mock_view, "notify::running",
                               G_CALLBACK (_viva_window_update_mock_button),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->mock_view, "notify::paused",
                               G_CALLBACK (_viva_window_update_mock_button),
                               self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->mode_stack, GTK_WIDGET (self->mock_view), "mock");
    }

  return self->mock_view;
}

static void
progress_view_leave_cb (VivaWindow       *self,
                        VivaProgressView *view)
{
  gtk_stack_set_visible_child_name (self->mode_stack, "study");
  _viva_window_update_title (self);
  _viva_window_update_actions (self);
}

/* A tile or a row of the progress page: study that topic, from its first
 * question not yet confident, with the topic open in the sidebar. */
static void
progress_view_question_activated_cb (VivaWindow       *self,
                                     VivaQuestion     *question,
                                     VivaProgressView *view)
{
  progress_view_leave_cb (self, view);
  viva_window_show_question (self, question);
  gtk_widget_grab_focus (GTK_WIDGET (self->question_view));
}

/* Built on first use, as the mock interviews. */
static VivaProgressView *
viva_window_ensure_progress_view (VivaWindow *self)
{
  if (self->progress_view == NULL)
    {
      self->progress_view = g_object_new (VIVA_TYPE_PROGRESS_VIEW,
                                          "context", self->context,
                                          NULL);
      g_signal_connect_object (self->progress_view, "leave",
                               G_CALLBACK (progress_view_leave_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->progress_view, "question-activated",
                               G_CALLBACK (progress_view_question_activated_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->mode_stack, GTK_WIDGET (self->progress_view), "progress");
    }

  return self->progress_view;
}

/* Review and Progress count the notes: asked for while they load
 * (viva_context_new_default() reads them in a worker), a page says so,
 * and the page asked for comes as soon as they are in
 * (_viva_window_notes_loaded()). */

static void
viva_window_leave_loading (VivaWindow *self)
{
  self->after_loading = NULL;
  gtk_stack_set_visible_child_name (self->mode_stack, "study");
  _viva_window_update_title (self);
  _viva_window_update_actions (self);
}

static gboolean
viva_window_leave_loading_cb (GtkWidget *widget,
                              GVariant  *args,
                              gpointer   user_data)
{
  viva_window_leave_loading (user_data);

  return TRUE;
}

static void
viva_window_ensure_notes_loading_page (VivaWindow *self)
{
  GtkWidget *header;
  GtkWidget *back;
  GtkWidget *status;
  GtkWidget *spinner;
  GtkEventController *shortcuts;

  if (self->notes_loading_page != NULL)
    return;

  self->notes_loading_page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  header = adw_header_bar_new ();
  back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (back, _("Back to Studying (Escape)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back to Studying"),
                                  -1);
  g_signal_connect_object (back, "clicked", G_CALLBACK (viva_window_leave_loading),
                           self, G_CONNECT_SWAPPED);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), back);
  gtk_box_append (GTK_BOX (self->notes_loading_page), header);

  spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Loading notes"),
                                  -1);

  status = adw_status_page_new ();
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Loading Notes…"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("This page opens as soon as your notes are read."));
  adw_status_page_set_child (ADW_STATUS_PAGE (status), spinner);
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (self->notes_loading_page), status);

  /* Escape goes back, as from the pages it stands for. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_LOCAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_callback_action_new (viva_window_leave_loading_cb,
                                                                                   self, NULL)));
  gtk_widget_add_controller (self->notes_loading_page, shortcuts);

  gtk_stack_add_named (self->mode_stack, self->notes_loading_page, "notes-loading");
}

/* Shows the loading page for @mode ("review" or "progress"). Returns
 * %FALSE when the notes are loaded and @mode can show at once. */
static gboolean
viva_window_wait_for_notes (VivaWindow *self,
                            const char *mode,
                            const char *title)
{
  if (viva_context_get_notes_loaded (self->context))
    return FALSE;

  viva_window_ensure_notes_loading_page (self);
  self->after_loading = mode;
  gtk_stack_set_visible_child_name (self->mode_stack, "notes-loading");
  gtk_window_set_title (GTK_WINDOW (self), title);
  /* Into the page (its Back button), so that Escape reaches it. */
  gtk_widget_child_focus (self->notes_loading_page, GTK_DIR_TAB_FORWARD);
  _viva_window_update_actions (self);

  return TRUE;
}

/* The notes are loaded: the page asked for meanwhile shows, unless the
 * user went elsewhere. */
void
_viva_window_notes_loaded (VivaWindow *self)
{
  const char *mode = self->after_loading;

  self->after_loading = NULL;

  if (mode == NULL ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "notes-loading") != 0)
    return;

  if (g_strcmp0 (mode, "review") == 0)
    _viva_window_show_review (self);
  else
    _viva_window_show_progress (self);
}

void
_viva_window_show_progress (VivaWindow *self)
{
  if (self->bank == NULL)
    return;

  if (viva_window_wait_for_notes (self, "progress", _("Progress")))
    return;

  /* The shortcut again goes back, as Escape does. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "progress") == 0)
    {
      progress_view_leave_cb (self, self->progress_view);
      return;
    }

  viva_window_ensure_progress_view (self);
  gtk_stack_set_visible_child_name (self->mode_stack, "progress");
  gtk_window_set_title (GTK_WINDOW (self), _("Progress"));
  /* Into the page, so that the keyboard walks the map and Escape
   * reaches it. */
  gtk_widget_grab_focus (GTK_WIDGET (self->progress_view));
  _viva_window_update_actions (self);
}

VivaProgressView *
viva_window_get_progress_view (VivaWindow *self)
{
  g_return_val_if_fail (VIVA_IS_WINDOW (self), NULL);

  return viva_window_ensure_progress_view (self);
}

static void
interview_view_leave_cb (VivaWindow        *self,
                         VivaInterviewView *view)
{
  gtk_stack_set_visible_child_name (self->mode_stack, "study");
  _viva_window_update_title (self);
  _viva_window_update_actions (self);

  /* A live interview goes on while the interviewer looks something up. */
  if (viva_interview_view_get_running (view))
    _viva_window_toast (self, _("The interview goes on. Press Ctrl+I to go back to it."));
}

/* Built on first use, as the mock interviews. */
static VivaInterviewView *
viva_window_ensure_interview_view (VivaWindow *self)
{
  if (self->interview_view == NULL)
    {
      self->interview_view = g_object_new (VIVA_TYPE_INTERVIEW_VIEW,
                                           "context", self->context,
                                           NULL);
      g_signal_connect_object (self->interview_view, "leave",
                               G_CALLBACK (interview_view_leave_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->mode_stack, GTK_WIDGET (self->interview_view), "interview");
    }

  return self->interview_view;
}

static void
review_view_leave_cb (VivaWindow     *self,
                      VivaReviewView *view)
{
  viva_review_button_update (self->review_button);
  gtk_stack_set_visible_child_name (self->mode_stack, "study");
  _viva_window_update_title (self);
  _viva_window_update_actions (self);
}

/* Built on first use, as the mock interviews. */
static VivaReviewView *
viva_window_ensure_review_view (VivaWindow *self)
{
  if (self->review_view == NULL)
    {
      self->review_view = g_object_new (VIVA_TYPE_REVIEW_VIEW,
                                        "context", self->context,
                                        NULL);
      g_signal_connect_object (self->review_view, "leave",
                               G_CALLBACK (review_view_leave_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->mode_stack, GTK_WIDGET (self->review_view), "review");
    }

  return self->review_view;
}

/**
 * _viva_window_show_review:
 *
 * Goes to Review, which starts on today's first question.
 */
void
_viva_window_show_review (VivaWindow *self)
{
  VivaReviewView *view;

  if (self->bank == NULL ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "review") == 0)
    return;

  if (viva_window_wait_for_notes (self, "review", _("Review")))
    return;

  /* Persist what was typed before the notes are read for Review. */
  if (viva_notes_store_get_dirty (self->store) && !viva_notes_store_get_saving (self->store))
    viva_notes_store_save_async (self->store, NULL, NULL, NULL);

  view = viva_window_ensure_review_view (self);
  viva_review_view_start (view);

  gtk_stack_set_visible_child_name (self->mode_stack, "review");
  gtk_window_set_title (GTK_WINDOW (self), _("Review"));
  _viva_window_update_actions (self);
}

VivaReviewView *
viva_window_get_review_view (VivaWindow *self)
{
  g_return_val_if_fail (VIVA_IS_WINDOW (self), NULL);

  return viva_window_ensure_review_view (self);
}

VivaReviewButton *
viva_window_get_review_button (VivaWindow *self)
{
  g_return_val_if_fail (VIVA_IS_WINDOW (self), NULL);

  return self->review_button;
}

/**
 * _viva_window_show_interviews:
 * @new_interview: whether to start planning a new one
 *
 * Goes to interviewer mode: a new interview's plan, the interview under
 * way if there is one, or the list.
 */
void
_viva_window_show_interviews (VivaWindow *self,
                              gboolean    new_interview)
{
  VivaInterviewView *view;
  VivaInterview *interview;

  if (self->interviews == NULL)
    return;

  view = viva_window_ensure_interview_view (self);
  interview = viva_interview_view_get_interview (view);

  if (new_interview)
    viva_interview_view_new_interview (view);
  else if (g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "interview") == 0)
    viva_interview_view_show_list (view);
  else if (interview != NULL && viva_interview_get_state (interview) != VIVA_INTERVIEW_STATE_FINISHED)
    viva_interview_view_open (view, interview);
  else if (interview == NULL)
    viva_interview_view_show_list (view);

  gtk_stack_set_visible_child_name (self->mode_stack, "interview");
  gtk_window_set_title (GTK_WINDOW (self), _("Interviews"));
  _viva_window_update_actions (self);
}

static void
viva_window_show_plan_cb (VivaWindow *self)
{
  _viva_window_show_interviews (self, FALSE);
}

/* Adds @question to the interview being planned (a new one if none),
 * and says so without leaving the question. */
void
_viva_window_add_to_interview (VivaWindow   *self,
                               VivaQuestion *question)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  VivaInterview *interview;
  AdwToast *toast;
  guint n_items;

  if (self->interviews == NULL || question == NULL)
    return;

  interview = viva_interview_view_add_question (viva_window_ensure_interview_view (self), question, &error);
  if (interview == NULL)
    {
      _viva_window_toast (self, error->message);
      return;
    }

  n_items = viva_interview_get_n_items (interview);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Question %u added to the interview plan, now %u question",
                                          "Question %u added to the interview plan, now %u questions",
                                          n_items),
                             viva_question_get_number (question), n_items);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Show Plan"));
  g_signal_connect_object (toast, "button-clicked",
                           G_CALLBACK (viva_window_show_plan_cb), self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * _viva_window_reopen_interview:
 *
 * An interview that was under way when Viva stopped reopens where it
 * was, paused.
 */
void
_viva_window_reopen_interview (VivaWindow *self)
{
  VivaInterview *unfinished;

  if (self->interviews == NULL)
    return;

  unfinished = viva_interview_store_get_unfinished (self->interviews);
  if (unfinished != NULL)
    {
      g_autofree char *message = NULL;
      const char *candidate = viva_interview_get_candidate (unfinished);

      viva_interview_view_open (viva_window_ensure_interview_view (self), unfinished);
      gtk_stack_set_visible_child_name (self->mode_stack, "interview");
      gtk_window_set_title (GTK_WINDOW (self), _("Interviews"));
      _viva_window_update_actions (self);

      message = candidate[0] != '\0'
                /* Translators: after a crash or a quit during an interview. */
                ? g_strdup_printf (_("The interview with %s was interrupted. It is paused where it stopped."), candidate)
                : g_strdup (_("An interview was interrupted. It is paused where it stopped."));
      _viva_window_toast (self, message);
    }
}

VivaInterviewView *
viva_window_get_interview_view (VivaWindow *self)
{
  g_return_val_if_fail (VIVA_IS_WINDOW (self), NULL);

  return viva_window_ensure_interview_view (self);
}

void
_viva_window_show_mock (VivaWindow *self,
                        gboolean    history)
{
  VivaMockSession *waiting;

  if (self->bank == NULL)
    return;

  viva_window_ensure_mock_view (self);
  waiting = viva_window_get_waiting_mock (self);

  /* The alarm button says an interview waits: it leads back to it, also
   * to one cut short that was not resumed at start-up. Setup shows the
   * one running here. */
  if (history)
    viva_mock_view_show_history (self->mock_view);
  else if (waiting == NULL || viva_mock_view_get_running (self->mock_view) ||
           !viva_mock_view_resume (self->mock_view, waiting))
    viva_mock_view_show_setup (self->mock_view);

  gtk_stack_set_visible_child_name (self->mode_stack, "mock");
  gtk_window_set_title (GTK_WINDOW (self), _("Mock Interview"));
  _viva_window_update_actions (self);
}

/**
 * _viva_window_adopt_stores:
 *
 * Takes the mock interviews' history and the interviewer's interviews
 * from the context; their pages take the files that could not be read
 * from it themselves.
 */
void
_viva_window_adopt_stores (VivaWindow *self)
{
  VivaSessionStore *sessions = viva_context_get_session_store (self->context);
  VivaInterviewStore *interviews = viva_context_get_interview_store (self->context);

  if (sessions != NULL)
    {
      /* An interview cut short, or one ended or deleted from the
       * history, changes what the alarm button says. */
      self->sessions = g_object_ref (sessions);
      g_signal_connect_object (viva_session_store_get_sessions (sessions), "items-changed",
                               G_CALLBACK (_viva_window_update_mock_button),
                               self, G_CONNECT_SWAPPED);
    }

  if (interviews != NULL)
    self->interviews = g_object_ref (interviews);

  _viva_window_update_actions (self);
  _viva_window_update_mock_button (self);
}

static void
viva_window_resume_response_cb (VivaWindow       *self,
                                const char       *response,
                                AdwMessageDialog *dialog)
{
  VivaMockSession *session = g_object_get_data (G_OBJECT (dialog), "viva-session");

  if (g_strcmp0 (response, "resume") == 0)
    {
      _viva_window_show_mock (self, FALSE);
      viva_mock_view_resume (self->mock_view, session);
    }
  else if (g_strcmp0 (response, "end") == 0)
    {
      /* Ended where it stopped: it goes to the history as it is. */
      viva_mock_session_set_state (session, VIVA_MOCK_SESSION_STATE_FINISHED);
      viva_session_store_save_async (self->sessions, session, NULL, NULL, NULL);
      _viva_window_update_mock_button (self);
    }
}

/**
 * viva_window_offer_resume:
 *
 * When a mock interview was running as Viva stopped (a crash, a quit, a
 * power cut), offers to carry on where it stopped.
 */
void
viva_window_offer_resume (VivaWindow *self)
{
  VivaMockSession *session;
  AdwMessageDialog *dialog;
  g_autoptr(GDateTime) created = NULL;
  g_autofree char *date = NULL;

  g_return_if_fail (VIVA_IS_WINDOW (self));

  /* A bank is still being read: once it is in (or another opens),
   * viva_window_bank_changed_cb() asks again. */
  if (self->bank == NULL && self->loading)
    {
      self->resume_offer_pending = TRUE;
      return;
    }

  if (self->sessions == NULL || self->bank == NULL ||
      (session = viva_session_store_get_unfinished (self->sessions)) == NULL)
    return;

  created = g_date_time_new_from_unix_local (viva_mock_session_get_created (session) / G_USEC_PER_SEC);
  /* Translators: when the interview started, see g_date_time_format(). */
  date = g_date_time_format (created, _("%A at %H:%M"));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Resume Your Mock Interview?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("The interview you started %s was interrupted on question %u of %u. The time you had already spent is kept."),
                                  date,
                                  viva_mock_session_get_current (session) + 1,
                                  viva_mock_session_get_n_items (session));
  adw_message_dialog_add_responses (dialog,
                                    "later", _("_Not Now"),
                                    "end", _("_End It"),
                                    "resume", _("_Resume"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "resume", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "resume");
  adw_message_dialog_set_close_response (dialog, "later");
  g_object_set_data_full (G_OBJECT (dialog), "viva-session", g_object_ref (session), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (viva_window_resume_response_cb), self, G_CONNECT_SWAPPED);
  viva_message_dialog_present (dialog);
}

VivaMockView *
viva_window_get_mock_view (VivaWindow *self)
{
  g_return_val_if_fail (VIVA_IS_WINDOW (self), NULL);

  return viva_window_ensure_mock_view (self);
}
