/* viva-window.c
 *
 * The main window: the sidebar tree in an AdwFlap (it folds on narrow
 * windows), the question view, and the in-window messages about the
 * user's notes file. The window follows one bank and one question at a
 * time and keeps the questions' study marks in step with the notes store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-application.h"
#include "viva-bank.h"
#include "viva-clock.h"
#include "viva-interview.h"
#include "viva-interview-store.h"
#include "viva-interview-view.h"
#include "viva-mock-session.h"
#include "viva-mock-view.h"
#include "viva-notes-store.h"
#include "viva-progress.h"
#include "viva-question.h"
#include "viva-question-view.h"
#include "viva-related.h"
#include "viva-sidebar.h"
#include "viva-session-store.h"
#include "viva-window-private.h"

#define SIDEBAR_MIN_WIDTH 220
#define SIDEBAR_MAX_WIDTH 640

G_DEFINE_FINAL_TYPE (VivaWindow, viva_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_NOTES_STORE,
  PROP_SIDEBAR_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Banners: a failed save outranks a notice about how the notes file was
 * loaded, and the notice comes back once saving works again. */
static void
viva_window_update_banner (VivaWindow *self)
{
  const char *save_error = viva_notes_store_get_save_error (self->store);
  g_autofree char *message = NULL;

  if (save_error != NULL)
    {
      self->banner = VIVA_WINDOW_BANNER_SAVE_ERROR;
      message = g_strdup_printf (_("Your notes could not be saved: %s. They stay open here and Viva keeps trying."),
                                 save_error);
      gtk_button_set_label (self->banner_button, _("_Try Again"));
      gtk_button_set_use_underline (self->banner_button, TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->banner_button), TRUE);
    }
  else if (self->load_problem != NULL && !self->load_problem_dismissed)
    {
      self->banner = VIVA_WINDOW_BANNER_LOAD_PROBLEM;
      message = g_strdup (self->load_problem);
      gtk_button_set_label (self->banner_button, _("_Show File"));
      gtk_button_set_use_underline (self->banner_button, TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->banner_button), self->load_problem_file != NULL);
    }
  else
    self->banner = VIVA_WINDOW_BANNER_NONE;

  if (message != NULL)
    gtk_label_set_text (self->banner_label, message);

  gtk_revealer_set_reveal_child (self->banner_revealer, self->banner != VIVA_WINDOW_BANNER_NONE);
}

static void
banner_button_clicked_cb (VivaWindow *self,
                          GtkButton  *button)
{
  if (self->banner == VIVA_WINDOW_BANNER_SAVE_ERROR)
    viva_notes_store_save_async (self->store, NULL, NULL, NULL);
  else if (self->banner == VIVA_WINDOW_BANNER_LOAD_PROBLEM && self->load_problem_file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->load_problem_file);
      g_autofree char *uri = g_file_get_uri (parent);

      gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
    }
}

static void
banner_close_clicked_cb (VivaWindow *self,
                         GtkButton  *button)
{
  if (self->banner == VIVA_WINDOW_BANNER_LOAD_PROBLEM)
    self->load_problem_dismissed = TRUE;

  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

static void
viva_window_store_notify_cb (VivaWindow     *self,
                             GParamSpec     *pspec,
                             VivaNotesStore *store)
{
  viva_window_update_banner (self);
  _viva_window_update_actions (self);
}

static void
viva_window_update_title (VivaWindow *self)
{
  const char *bank_title = self->bank ? viva_bank_get_title (self->bank) : NULL;
  g_autofree char *title = NULL;

  if (self->question != NULL)
    /* Translators: the window title while a question is open. */
    title = g_strdup_printf (_("Question %u"), viva_question_get_number (self->question));

  /* The sidebar names the bank, the content the question; the question
   * view itself shows its level and topic. */
  adw_window_title_set_title (self->sidebar_title, bank_title ? bank_title : _("Viva"));
  adw_window_title_set_title (self->content_title, title ? title : _("Viva"));
  gtk_window_set_title (GTK_WINDOW (self), title ? title : _("Viva"));
}

VivaQuestion *
viva_window_get_question (VivaWindow *self)
{
  g_return_val_if_fail (VIVA_IS_WINDOW (self), NULL);

  return self->question;
}

static void viva_window_update_related (VivaWindow *self);

static void
viva_window_index_related_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(VivaWindow) self = user_data;
  VivaBank *bank = VIVA_BANK (object);

  self->indexing_related = FALSE;

  /* Cancelled: the window is closing. */
  if (!viva_bank_index_related_finish (bank, result, NULL))
    return;

  viva_window_update_related (self);
}

/* The "See Also" links. Indexing a bank of 100,000 questions takes about
 * a tenth of a second, so the first question of a bank may show its
 * links a moment after its text, rather than stall the main loop. */
static void
viva_window_update_related (VivaWindow *self)
{
  g_autoptr(GPtrArray) related = NULL;

  if (self->question == NULL || self->bank == NULL)
    return;

  if (!viva_bank_has_related_index (self->bank))
    {
      if (!self->indexing_related)
        {
          self->indexing_related = TRUE;
          viva_bank_index_related_async (self->bank, self->cancellable,
                                         viva_window_index_related_cb,
                                         g_object_ref (self));
        }
      return;
    }

  related = viva_bank_find_related (self->bank, self->question, VIVA_RELATED_DEFAULT_MAX);
  viva_question_view_set_related (self->question_view, related);
}

void
viva_window_show_question (VivaWindow   *self,
                           VivaQuestion *question)
{
  VivaNote *note = NULL;

  g_return_if_fail (VIVA_IS_WINDOW (self));
  g_return_if_fail (!question || VIVA_IS_QUESTION (question));

  if (self->question == question)
    return;

  /* Leaving a question is a natural point to persist what was typed: do
   * not wait for the autosave delay. */
  if (viva_notes_store_get_dirty (self->store) && !viva_notes_store_get_saving (self->store))
    viva_notes_store_save_async (self->store, NULL, NULL, NULL);

  g_set_object (&self->question, question);

  if (question != NULL)
    note = viva_notes_store_get_note (self->store,
                                      viva_bank_get_id (self->bank),
                                      viva_question_get_number (question));

  viva_question_view_set_question (self->question_view, question, note);
  viva_window_update_related (self);
  viva_sidebar_select_question (self->sidebar, question);
  gtk_stack_set_visible_child_name (self->stack, question ? "question" : "empty");

  g_settings_set_uint (self->settings, "last-question",
                       question ? viva_question_get_number (question) : 0);

  /* On a narrow window the sidebar covers the question: get it out of the
   * way once a question is chosen. */
  if (question != NULL && adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);

  viva_window_update_title (self);
  _viva_window_update_actions (self);
}

static void
mock_view_leave_cb (VivaWindow   *self,
                    VivaMockView *view)
{
  gtk_stack_set_visible_child_name (self->mode_stack, "study");
  viva_window_update_title (self);
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
      self->mock_view = g_object_new (VIVA_TYPE_MOCK_VIEW, NULL);
      g_signal_connect_object (self->mock_view, "leave",
                               G_CALLBACK (mock_view_leave_cb),
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
  viva_window_update_title (self);
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
      self->progress_view = g_object_new (VIVA_TYPE_PROGRESS_VIEW, NULL);
      g_signal_connect_object (self->progress_view, "leave",
                               G_CALLBACK (progress_view_leave_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->progress_view, "question-activated",
                               G_CALLBACK (progress_view_question_activated_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->mode_stack, GTK_WIDGET (self->progress_view), "progress");
      viva_progress_view_set_progress (self->progress_view, self->progress);
    }

  return self->progress_view;
}

void
_viva_window_show_progress (VivaWindow *self)
{
  if (self->progress == NULL)
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
  viva_window_update_title (self);
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
      self->interview_view = g_object_new (VIVA_TYPE_INTERVIEW_VIEW, NULL);
      g_signal_connect_object (self->interview_view, "leave",
                               G_CALLBACK (interview_view_leave_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->mode_stack, GTK_WIDGET (self->interview_view), "interview");
      viva_interview_view_set_context (self->interview_view, self->bank, self->store,
                                       self->interviews, self->interview_problems);
    }

  return self->interview_view;
}

static void
review_view_leave_cb (VivaWindow     *self,
                      VivaReviewView *view)
{
  viva_review_button_update (self->review_button);
  gtk_stack_set_visible_child_name (self->mode_stack, "study");
  viva_window_update_title (self);
  _viva_window_update_actions (self);
}

/* Built on first use, as the mock interviews. */
static VivaReviewView *
viva_window_ensure_review_view (VivaWindow *self)
{
  if (self->review_view == NULL)
    {
      self->review_view = g_object_new (VIVA_TYPE_REVIEW_VIEW, NULL);
      g_signal_connect_object (self->review_view, "leave",
                               G_CALLBACK (review_view_leave_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->mode_stack, GTK_WIDGET (self->review_view), "review");
      viva_review_view_set_clock (self->review_view, self->review_clock);
      viva_review_view_set_context (self->review_view, self->bank, self->store);
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

  /* Studying, or reviewing, while the clock runs would spoil a mock
   * interview: it waits, paused, as when leaving it. */
  if (self->mock_view != NULL && viva_mock_view_get_running (self->mock_view))
    g_object_set (self->mock_view, "paused", TRUE, NULL);

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
 * viva_window_set_review_clock:
 * @clock: (nullable): a fake clock standing for the wall clock, or %NULL
 *   for the wall clock
 *
 * For tests: Review and "N due today" at a chosen date and hour.
 */
void
viva_window_set_review_clock (VivaWindow *self,
                              VivaClock  *clock)
{
  g_return_if_fail (VIVA_IS_WINDOW (self));
  g_return_if_fail (!clock || VIVA_IS_CLOCK (clock));

  g_set_object (&self->review_clock, clock);
  viva_review_button_set_clock (self->review_button, clock);
  if (self->review_view != NULL)
    viva_review_view_set_clock (self->review_view, clock);
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
 * viva_window_set_interview_store:
 * @problems: (nullable): #VivaInterviewProblem for files that could not
 *   be read, named above the list
 *
 * Gives the window the interviewer's interviews. One that was under way
 * when Viva stopped reopens where it was, paused.
 */
void
viva_window_set_interview_store (VivaWindow         *self,
                                 VivaInterviewStore *interviews,
                                 GPtrArray          *problems)
{
  VivaInterview *unfinished;

  g_return_if_fail (VIVA_IS_WINDOW (self));
  g_return_if_fail (VIVA_IS_INTERVIEW_STORE (interviews));

  g_set_object (&self->interviews, interviews);
  g_clear_pointer (&self->interview_problems, g_ptr_array_unref);
  if (problems != NULL)
    self->interview_problems = g_ptr_array_ref (problems);

  if (self->interview_view != NULL)
    viva_interview_view_set_context (self->interview_view, self->bank, self->store,
                                     interviews, problems);
  _viva_window_update_actions (self);

  unfinished = viva_interview_store_get_unfinished (interviews);
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
  if (self->bank == NULL)
    return;

  viva_window_ensure_mock_view (self);

  viva_mock_view_set_context (self->mock_view, self->bank, self->store, self->sessions);
  viva_mock_view_set_problems (self->mock_view, self->session_problems);
  if (history)
    viva_mock_view_show_history (self->mock_view);
  else
    viva_mock_view_show_setup (self->mock_view);

  gtk_stack_set_visible_child_name (self->mode_stack, "mock");
  gtk_window_set_title (GTK_WINDOW (self), _("Mock Interview"));
  _viva_window_update_actions (self);
}

static void
sidebar_question_activated_cb (VivaWindow   *self,
                               VivaQuestion *question,
                               VivaSidebar  *sidebar)
{
  viva_window_show_question (self, question);
}

VivaBank *
viva_window_get_bank (VivaWindow *self)
{
  g_return_val_if_fail (VIVA_IS_WINDOW (self), NULL);

  return self->bank;
}

void
viva_window_set_bank (VivaWindow *self,
                      VivaBank   *bank)
{
  GFile *file;

  g_return_if_fail (VIVA_IS_WINDOW (self));
  g_return_if_fail (VIVA_IS_BANK (bank));

  if (self->bank == bank)
    return;

  viva_window_show_question (self, NULL);
  g_set_object (&self->bank, bank);

  /* The questions carry the marks and counts that the sidebar rows and
   * the progress page show; this keeps them in step with the notes,
   * whatever changes them. */
  g_clear_object (&self->progress);
  self->progress = viva_progress_new (bank, self->store);
  if (self->progress_view != NULL)
    viva_progress_view_set_progress (self->progress_view, self->progress);

  viva_sidebar_set_bank (self->sidebar, bank);
  viva_review_button_set_context (self->review_button, bank, self->store);

  /* Another bank's questions cannot go on in Review: start on this one's. */
  if (self->review_view != NULL)
    {
      viva_review_view_set_context (self->review_view, bank, self->store);
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "review") == 0)
        viva_review_view_start (self->review_view);
    }

  file = viva_bank_get_file (bank);
  if (file != NULL)
    {
      g_autofree char *path = g_file_get_path (file);

      g_settings_set_string (self->settings, "last-bank", path ? path : "");
    }
  else
    g_settings_set_string (self->settings, "last-bank", "");

  if (self->interview_view != NULL)
    viva_interview_view_set_context (self->interview_view, self->bank, self->store,
                                     self->interviews, self->interview_problems);

  viva_window_update_title (self);
  _viva_window_update_actions (self);
}

static void
viva_window_sidebar_drag_begin_cb (VivaWindow     *self,
                                   double          x,
                                   double          y,
                                   GtkGestureDrag *gesture)
{
  self->drag_start_width = gtk_widget_get_width (GTK_WIDGET (self->sidebar_box));
}

static int
viva_window_sidebar_drag_width (VivaWindow *self,
                                double      offset_x)
{
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    offset_x = -offset_x;

  return CLAMP (self->drag_start_width + (int) offset_x, SIDEBAR_MIN_WIDTH, SIDEBAR_MAX_WIDTH);
}

static void
viva_window_sidebar_drag_update_cb (VivaWindow     *self,
                                    double          offset_x,
                                    double          offset_y,
                                    GtkGestureDrag *gesture)
{
  gtk_widget_set_size_request (GTK_WIDGET (self->sidebar_box),
                               viva_window_sidebar_drag_width (self, offset_x), -1);
}

static void
viva_window_sidebar_drag_end_cb (VivaWindow     *self,
                                 double          offset_x,
                                 double          offset_y,
                                 GtkGestureDrag *gesture)
{
  g_settings_set_int (self->settings, "sidebar-width",
                      viva_window_sidebar_drag_width (self, offset_x));
}

static gboolean
viva_window_save_notes_before_close (VivaWindow  *self,
                                     GError     **error)
{
  g_autoptr(GError) session_error = NULL;

  /* A running interview comes back paused, where it stopped. */
  if (self->mock_view != NULL && viva_mock_view_get_running (self->mock_view))
    g_object_set (self->mock_view, "paused", TRUE, NULL);
  if (self->sessions != NULL && !viva_session_store_flush (self->sessions, &session_error))
    {
      g_propagate_error (error, g_steal_pointer (&session_error));
      return FALSE;
    }

  if (!viva_notes_store_get_dirty (self->store) || viva_notes_store_get_read_only (self->store))
    return TRUE;

  return viva_notes_store_flush (self->store, error);
}

static void
viva_window_close_dialog_response_cb (VivaWindow       *self,
                                      const char       *response,
                                      AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (g_strcmp0 (response, "retry") == 0)
    gtk_window_close (GTK_WINDOW (self));
}

static gboolean
viva_window_close_request (GtkWindow *window)
{
  VivaWindow *self = VIVA_WINDOW (window);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);

  if (self->close_confirmed || viva_window_save_notes_before_close (self, &error))
    return GTK_WINDOW_CLASS (viva_window_parent_class)->close_request (window);

  /* Never let the window take unsaved notes with it silently. */
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Notes Not Saved"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("Viva could not save your notes: %s\n\nIf you close now, changes since the last save are lost."),
                                  error->message);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Keep Open"),
                                    "retry", _("_Try Again"),
                                    "discard", _("Close _Without Saving"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (viva_window_close_dialog_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static void
viva_window_set_load_problem (VivaWindow *self,
                              char       *message,
                              const char *file)
{
  g_free (self->load_problem);
  self->load_problem = message;
  g_clear_object (&self->load_problem_file);
  if (file != NULL)
    self->load_problem_file = g_file_new_for_path (file);

  self->load_problem_dismissed = FALSE;
  viva_window_update_banner (self);
}

/* Another program damaged notes.json while Viva ran: the store moved it
 * aside during a save and wrote ours. Say so, and where the file went. */
static void
viva_window_moved_aside_cb (VivaWindow     *self,
                            GParamSpec     *pspec,
                            VivaNotesStore *store)
{
  const char *moved = viva_notes_store_get_moved_aside_path (store);

  if (moved == NULL || viva_notes_store_get_read_only (store))
    return;

  viva_window_set_load_problem (self,
                                g_strdup_printf (_("Your notes file was changed by another program into something Viva cannot read. It was kept as “%s”, and your notes were saved again."),
                                                 moved),
                                moved);
}

static void
viva_window_constructed (GObject *object)
{
  VivaWindow *self = (VivaWindow *)object;

  G_OBJECT_CLASS (viva_window_parent_class)->constructed (object);

  g_assert (VIVA_IS_NOTES_STORE (self->store));

  viva_question_view_set_notes_store (self->question_view, self->store);
  viva_sidebar_set_notes_store (self->sidebar, self->store);
  /* What the sidebar searches for shows highlighted in the question. */
  g_object_bind_property (self->sidebar, "query",
                          self->question_view, "highlight-query",
                          G_BINDING_SYNC_CREATE);

  g_signal_connect_object (self->store, "notify::save-error",
                           G_CALLBACK (viva_window_store_notify_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::moved-aside-path",
                           G_CALLBACK (viva_window_moved_aside_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::read-only",
                           G_CALLBACK (viva_window_store_notify_cb),
                           self, G_CONNECT_SWAPPED);

  viva_window_update_banner (self);
  _viva_window_update_actions (self);
}

static void
viva_window_dispose (GObject *object)
{
  VivaWindow *self = (VivaWindow *)object;

  g_cancellable_cancel (self->cancellable);

  if (self->help_overlay != NULL)
    gtk_window_destroy (self->help_overlay);
  g_clear_object (&self->help_overlay);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_WINDOW);

  g_clear_object (&self->question);
  g_clear_object (&self->progress);
  g_clear_object (&self->bank);
  g_clear_object (&self->sessions);
  g_clear_pointer (&self->session_problems, g_ptr_array_unref);
  g_clear_object (&self->interviews);
  g_clear_pointer (&self->interview_problems, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->load_problem_file);
  g_clear_object (&self->review_clock);

  G_OBJECT_CLASS (viva_window_parent_class)->dispose (object);
}

static void
viva_window_finalize (GObject *object)
{
  VivaWindow *self = (VivaWindow *)object;

  g_clear_pointer (&self->load_problem, g_free);

  G_OBJECT_CLASS (viva_window_parent_class)->finalize (object);
}

static void
viva_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  VivaWindow *self = VIVA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_NOTES_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SIDEBAR_VISIBLE:
      /* The action muxer may ask before the template is built. */
      g_value_set_boolean (value, self->flap == NULL || adw_flap_get_reveal_flap (self->flap));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  VivaWindow *self = VIVA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_NOTES_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_SIDEBAR_VISIBLE:
      if (self->flap != NULL)
        adw_flap_set_reveal_flap (self->flap, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_window_class_init (VivaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = viva_window_constructed;
  object_class->dispose = viva_window_dispose;
  object_class->finalize = viva_window_finalize;
  object_class->get_property = viva_window_get_property;
  object_class->set_property = viva_window_set_property;

  window_class->close_request = viva_window_close_request;

  properties[PROP_NOTES_STORE] =
    g_param_spec_object ("notes-store", NULL, NULL,
                         VIVA_TYPE_NOTES_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SIDEBAR_VISIBLE] =
    g_param_spec_boolean ("sidebar-visible", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  _viva_window_class_actions_init (widget_class);

  g_type_ensure (VIVA_TYPE_SIDEBAR);
  g_type_ensure (VIVA_TYPE_QUESTION_VIEW);
  g_type_ensure (VIVA_TYPE_MOCK_VIEW);
  g_type_ensure (VIVA_TYPE_REVIEW_BUTTON);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, review_button);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, sidebar_handle);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, banner_button);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, question_view);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_question_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, banner_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, banner_close_clicked_cb);
}

static void
viva_window_flap_reveal_cb (VivaWindow *self,
                            GParamSpec *pspec,
                            AdwFlap    *flap)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDEBAR_VISIBLE]);
}

/* The main menu's popover is built when it first opens (F10 too), as
 * the sidebar's filter menu. */
static void
viva_window_create_primary_menu_cb (GtkMenuButton *button,
                                    gpointer       user_data)
{
  VivaWindow *self = user_data;

  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->primary_menu);
}

static void
viva_window_init (VivaWindow *self)
{
  GtkGesture *drag;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_menu_button_set_create_popup_func (self->menu_button,
                                         viva_window_create_primary_menu_cb,
                                         self, NULL);

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);

  g_signal_connect_object (self->flap, "notify::reveal-flap",
                           G_CALLBACK (viva_window_flap_reveal_cb),
                           self, G_CONNECT_SWAPPED);

  gtk_widget_set_size_request (GTK_WIDGET (self->sidebar_box),
                               CLAMP (g_settings_get_int (self->settings, "sidebar-width"),
                                      SIDEBAR_MIN_WIDTH, SIDEBAR_MAX_WIDTH),
                               -1);

  drag = gtk_gesture_drag_new ();
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (viva_window_sidebar_drag_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (viva_window_sidebar_drag_update_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-end", G_CALLBACK (viva_window_sidebar_drag_end_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->sidebar_handle), GTK_EVENT_CONTROLLER (drag));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

VivaWindow *
viva_window_new (VivaApplication *app,
                 VivaNotesStore  *store)
{
  g_return_val_if_fail (!app || VIVA_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (store), NULL);

  return g_object_new (VIVA_TYPE_WINDOW,
                       "application", app,
                       "notes-store", store,
                       NULL);
}

/**
 * viva_window_restore_session:
 *
 * Reopens the bank and the question that were open when Viva last closed.
 * A bank file that has gone or changed into something unreadable falls
 * back to the bundled bank, with a message.
 */
void
viva_window_restore_session (VivaWindow *self)
{
  g_autofree char *last_bank = NULL;
  guint last_question;

  g_return_if_fail (VIVA_IS_WINDOW (self));

  last_bank = g_settings_get_string (self->settings, "last-bank");
  last_question = g_settings_get_uint (self->settings, "last-question");

  if (last_bank[0] != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_path (last_bank);
      g_autoptr(GError) error = NULL;
      g_autoptr(VivaBank) bank = viva_bank_new_from_file (file, NULL, &error);

      if (bank != NULL)
        viva_window_set_bank (self, bank);
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *message = NULL;

          /* Translators: %s is a file name, then the reason. */
          message = g_strdup_printf (_("Could not reopen “%s”: %s"), name, error->message);
          _viva_window_toast (self, message);
        }
    }

  if (self->bank == NULL && !_viva_window_open_bundled_bank (self))
    return;

  if (last_question != 0)
    {
      VivaQuestion *question = viva_bank_lookup_question (self->bank, last_question);

      if (question != NULL)
        viva_window_show_question (self, question);
    }
}

/**
 * viva_window_report_notes_state:
 * @load_error: (nullable): what viva_notes_store_load() reported
 *
 * Tells the user, in the window, when the notes file could not be used as
 * it was: what Viva did about it and where the file is now. Says nothing
 * when the file loaded cleanly.
 */
void
viva_window_report_notes_state (VivaWindow   *self,
                                const GError *load_error)
{
  const char *moved;
  const char *reason;

  g_return_if_fail (VIVA_IS_WINDOW (self));

  moved = viva_notes_store_get_moved_aside_path (self->store);
  reason = load_error ? load_error->message : _("the file was missing");

  switch (viva_notes_store_get_state (self->store))
    {
    case VIVA_NOTES_STORE_STATE_READ_ONLY:
      if (g_error_matches (load_error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_FUTURE_VERSION))
        viva_window_set_load_problem (self,
                                      g_strdup_printf (_("Your notes file was written by a newer version of Viva (%s). It is shown read-only so nothing in it is lost; update Viva to edit your notes."),
                                                       reason),
                                      viva_notes_store_get_path (self->store));
      else
        viva_window_set_load_problem (self,
                                      g_strdup_printf (_("Your notes file could not be read, and could not be moved aside safely (%s). Notes are read-only so nothing in it is changed."),
                                                       reason),
                                      viva_notes_store_get_path (self->store));
      break;

    case VIVA_NOTES_STORE_STATE_RECOVERED:
      if (moved == NULL)
        viva_window_set_load_problem (self,
                                      g_strdup_printf (_("Your notes file could not be used (%s); your notes were restored from the last backup."),
                                                       reason),
                                      NULL);
      else if (viva_notes_store_get_restored_from_backup (self->store))
        viva_window_set_load_problem (self,
                                      g_strdup_printf (_("Your notes file could not be read (%s). It was kept unchanged as “%s”, and your notes were restored from the last backup."),
                                                       reason, moved),
                                      moved);
      else
        viva_window_set_load_problem (self,
                                      g_strdup_printf (_("Your notes file could not be read (%s). It was kept unchanged as “%s”. New notes are saved as usual."),
                                                       reason, moved),
                                      moved);
      break;

    case VIVA_NOTES_STORE_STATE_OK:
    default:
      if (load_error != NULL)
        viva_window_set_load_problem (self,
                                      g_strdup_printf (_("There was a problem with your notes file: %s"), reason),
                                      NULL);
      break;
    }
}

VivaSidebar *
viva_window_get_sidebar (VivaWindow *self)
{
  g_return_val_if_fail (VIVA_IS_WINDOW (self), NULL);

  return self->sidebar;
}

VivaQuestionView *
viva_window_get_question_view (VivaWindow *self)
{
  g_return_val_if_fail (VIVA_IS_WINDOW (self), NULL);

  return self->question_view;
}

/* The message the window shows about the notes file, or %NULL. */
const char *
viva_window_get_banner_message (VivaWindow *self)
{
  g_return_val_if_fail (VIVA_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->banner_revealer))
    return NULL;

  return gtk_label_get_text (self->banner_label);
}

/**
 * viva_window_set_session_store:
 * @problems: (nullable): #VivaSessionProblem for interview files that
 *   could not be read, shown with the history
 *
 * Gives the window the mock interviews' history.
 */
void
viva_window_set_session_store (VivaWindow       *self,
                               VivaSessionStore *sessions,
                               GPtrArray        *problems)
{
  g_return_if_fail (VIVA_IS_WINDOW (self));
  g_return_if_fail (VIVA_IS_SESSION_STORE (sessions));

  g_set_object (&self->sessions, sessions);
  g_clear_pointer (&self->session_problems, g_ptr_array_unref);
  if (problems != NULL)
    self->session_problems = g_ptr_array_ref (problems);

  if (self->mock_view != NULL)
    {
      if (self->bank != NULL)
        viva_mock_view_set_context (self->mock_view, self->bank, self->store, sessions);
      viva_mock_view_set_problems (self->mock_view, problems);
    }
  _viva_window_update_actions (self);
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
  gtk_window_present (GTK_WINDOW (dialog));
}

VivaMockView *
viva_window_get_mock_view (VivaWindow *self)
{
  g_return_val_if_fail (VIVA_IS_WINDOW (self), NULL);

  return viva_window_ensure_mock_view (self);
}
