/* viva-mock-view.c
 *
 * Mock interviews: set one up, run it against the clock, rate the answers
 * afterwards, and look back at past ones. This widget ties the pages to
 * the models: a VivaMockSession keeps what happened, the time included
 * (saved by the VivaSessionStore as it changes), a VivaMockTimer times
 * it (deadlines, pause, auto-advance) writing into it, and the
 * notes store receives the study status a rating implies, and the
 * rating itself as a review for Review's schedule. Export's dialog is
 * viva-mock-view-export.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "viva-bank.h"
#include "viva-challenge.h"
#include "viva-clock.h"
#include "viva-code-extract.h"
#include "viva-code-pad.h"
#include "viva-context.h"
#include "viva-level.h"
#include "viva-message-dialog.h"
#include "viva-mock-history-page.h"
#include "viva-mock-run-page.h"
#include "viva-mock-session.h"
#include "viva-mock-setup.h"
#include "viva-mock-setup-page.h"
#include "viva-mock-summary-page.h"
#include "viva-mock-timer.h"
#include "viva-mock-view-private.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-question.h"
#include "viva-scheduler.h"
#include "viva-session-store.h"
#include "viva-toast.h"
#include "viva-topic.h"

/* Labels are recomputed from the clock this often (PLATFORM.md). */
#define TICK_MSEC 250
/* How often a running interview's times reach the session file: a crash
 * loses at most this much of the clock, never an answer. */
#define SYNC_EVERY_TICKS 20

/* What a code pad lets the user type, the session keeps. */
G_STATIC_ASSERT (VIVA_MOCK_CODE_MAX_SIZE >= VIVA_NOTE_TEXT_MAX_SIZE);

/* A rating is a review with the same grade. */
G_STATIC_ASSERT ((int) VIVA_MOCK_RATING_AGAIN == (int) VIVA_REVIEW_GRADE_AGAIN);
G_STATIC_ASSERT ((int) VIVA_MOCK_RATING_HARD == (int) VIVA_REVIEW_GRADE_HARD);
G_STATIC_ASSERT ((int) VIVA_MOCK_RATING_GOOD == (int) VIVA_REVIEW_GRADE_GOOD);
G_STATIC_ASSERT ((int) VIVA_MOCK_RATING_EASY == (int) VIVA_REVIEW_GRADE_EASY);

struct _VivaMockView
{
  GtkWidget            parent_instance;

  /* Owned */
  VivaContext         *context;
  GSignalGroup        *context_signals;
  /* The context's bank, kept from its last notify::bank */
  VivaBank            *bank;
  VivaNotesStore      *notes;
  VivaSessionStore    *sessions;
  VivaClock           *clock;
  VivaMockSession     *session;
  VivaMockTimer       *timer;
  GSettings           *settings;
  /* The session being rated, and for each of its answers the time of
   * the review its rating gave (0: none), so that a changed rating
   * replaces that review instead of adding one. */
  VivaMockSession     *rated_session;
  GArray              *review_times;
  /* The item whose code the run page's code pad shows */
  VivaMockItem        *code_item;

  /* Template widgets */
  AdwWindowTitle      *title;
  AdwToastOverlay     *toast_overlay;
  GtkStack            *stack;
  VivaMockSetupPage   *setup_page;
  VivaMockRunPage     *run_page;
  VivaMockSummaryPage *summary_page;
  VivaMockHistoryPage *history_page;

  guint                tick_source;
  guint                ticks;
  guint                inhibit_cookie;
};

G_DEFINE_FINAL_TYPE (VivaMockView, viva_mock_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PAUSED,
  PROP_RUNNING,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  LEAVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void viva_mock_view_finish (VivaMockView *self);

void
_viva_mock_view_toast (VivaMockView *self,
                       const char   *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, viva_toast_new_plain (message));
}

gboolean
viva_mock_view_get_running (VivaMockView *self)
{
  VivaMockTimerState state;

  g_return_val_if_fail (VIVA_IS_MOCK_VIEW (self), FALSE);

  if (self->timer == NULL)
    return FALSE;

  state = viva_mock_timer_get_state (self->timer);
  return state == VIVA_MOCK_TIMER_STATE_RUNNING || state == VIVA_MOCK_TIMER_STATE_PAUSED;
}

static gboolean
viva_mock_view_get_paused (VivaMockView *self)
{
  return self->timer != NULL &&
         viva_mock_timer_get_state (self->timer) == VIVA_MOCK_TIMER_STATE_PAUSED;
}

static void
viva_mock_view_update_actions (VivaMockView *self)
{
  gboolean running = viva_mock_view_get_running (self);
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean can_start = FALSE;

  g_object_get (self->setup_page, "can-start", &can_start, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mock.start", !running && can_start);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mock.paused", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mock.next", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mock.skip", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mock.end", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mock.export",
                                 g_strcmp0 (page, "summary") == 0 &&
                                 viva_mock_summary_page_get_session (self->summary_page) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mock.show-setup", !running);
}

static void
viva_mock_view_set_page (VivaMockView *self,
                         const char   *page)
{
  const char *title = _("Mock Interview");

  gtk_stack_set_visible_child_name (self->stack, page);

  if (g_strcmp0 (page, "setup") == 0)
    title = _("New Mock Interview");
  else if (g_strcmp0 (page, "summary") == 0)
    title = _("Interview Summary");
  else if (g_strcmp0 (page, "history") == 0)
    title = _("Past Interviews");

  adw_window_title_set_title (self->title, title);
  adw_window_title_set_subtitle (self->title, "");
  viva_mock_view_update_actions (self);
}

const char *
viva_mock_view_get_page (VivaMockView *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/* Keep the machine awake while the clock runs, and only then. */
static void
viva_mock_view_update_inhibit (VivaMockView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  gboolean want = self->timer != NULL &&
                  viva_mock_timer_get_state (self->timer) == VIVA_MOCK_TIMER_STATE_RUNNING;

  if (app == NULL)
    return;

  if (want && self->inhibit_cookie == 0)
    /* May return 0 without a session manager (Xvfb): that is fine. */
    self->inhibit_cookie = gtk_application_inhibit (app, GTK_WINDOW (root),
                                                    GTK_APPLICATION_INHIBIT_IDLE | GTK_APPLICATION_INHIBIT_SUSPEND,
                                                    _("A mock interview is running"));
  else if (!want && self->inhibit_cookie != 0)
    {
      gtk_application_uninhibit (app, self->inhibit_cookie);
      self->inhibit_cookie = 0;
    }
}

/* The timer writes what it counts into the session as it goes; the
 * running segment reaches it here, so that the store saves the time so
 * far. */
static void
viva_mock_view_checkpoint (VivaMockView *self)
{
  if (self->timer != NULL)
    viva_mock_timer_checkpoint (self->timer);
}

/* The question @item copied, as the bank open now asks it, if it still
 * does in the same words. */
static VivaQuestion *
viva_mock_view_lookup_question (VivaMockView *self,
                                VivaMockItem *item)
{
  VivaQuestion *question;

  if (self->bank == NULL ||
      g_strcmp0 (viva_bank_get_id (self->bank), viva_mock_session_get_bank_id (self->session)) != 0)
    return NULL;

  question = viva_bank_lookup_question (self->bank, viva_mock_item_get_number (item));
  if (question == NULL || g_strcmp0 (viva_question_get_text (question), viva_mock_item_get_question_text (item)) != 0)
    return NULL;

  return question;
}

/* A coding question (a challenge, or one that asks to write code) is
 * answered in a code pad, with Run Tests; so is one that has code kept
 * already, whatever the bank open now says. The pad first holds the
 * user's code, else the challenge's starter or the question's own code;
 * that is kept only once the user changes or runs it. */
static void
viva_mock_view_show_code (VivaMockView *self,
                          VivaMockItem *item)
{
  VivaQuestion *question = viva_mock_view_lookup_question (self, item);
  VivaChallenge *challenge = NULL;
  g_autofree char *starter = NULL;
  VivaCodeQuestionFlags flags;
  gboolean coding;

  /* Back on the same question (from studying, say): a run going on
   * goes on. */
  if (!g_set_object (&self->code_item, item))
    return;

  if (self->context != NULL)
    challenge = viva_context_lookup_challenge (self->context, viva_mock_session_get_bank_id (self->session),
                                               viva_mock_item_get_number (item));

  if (question != NULL)
    flags = viva_code_classify_question (question);
  else
    flags = viva_code_classify_markdown (viva_mock_item_get_question_text (item));

  coding = challenge != NULL || (flags & VIVA_CODE_QUESTION_ASKS_TO_WRITE) != 0 || viva_mock_item_has_code (item);

  if (coding && !viva_mock_item_has_code (item))
    {
      if (challenge != NULL)
        starter = g_strdup (viva_challenge_get_starter (challenge));
      else if (question != NULL)
        starter = viva_code_extract_from_question (question);
    }

  viva_mock_run_page_show_code (self->run_page, coding, challenge,
                                viva_mock_item_has_code (item) ? viva_mock_item_get_code (item) : starter,
                                viva_mock_item_get_output (item),
                                viva_mock_item_get_test_results (item),
                                !viva_mock_session_get_read_only (self->session));
}

static void
viva_mock_view_show_current (VivaMockView *self)
{
  guint current = viva_mock_timer_get_current (self->timer);
  VivaMockItem *item = viva_mock_session_get_item (self->session, current);
  g_autofree char *markup = viva_bank_dup_question_markup (self->bank, viva_mock_session_get_bank_id (self->session),
                                                           viva_mock_item_get_number (item), viva_mock_item_get_question_text (item));
  g_autofree char *context = NULL;
  g_autofree char *subtitle = NULL;

  if (viva_mock_item_get_topic_name (item) != NULL)
    context = g_strdup_printf (_("Question %u · %s · %s"), viva_mock_item_get_number (item), viva_mock_item_get_level_title (item), viva_mock_item_get_topic_name (item));
  else
    context = g_strdup_printf (_("Question %u · %s"), viva_mock_item_get_number (item), viva_mock_item_get_level_title (item));

  viva_mock_run_page_show_question (self->run_page, self->timer, markup, context, viva_mock_item_get_answer (item),
                                    !viva_mock_session_get_read_only (self->session));
  viva_mock_view_show_code (self, item);

  subtitle = g_strdup_printf (_("Question %u of %u"), current + 1, viva_mock_timer_get_n_questions (self->timer));
  adw_window_title_set_subtitle (self->title, subtitle);
}

static gboolean
viva_mock_view_tick_cb (gpointer data)
{
  VivaMockView *self = data;

  /* update() may finish the interview (auto-advance past the last). */
  viva_mock_timer_update (self->timer);
  if (self->timer == NULL)
    return G_SOURCE_CONTINUE;

  viva_mock_run_page_update_clock (self->run_page);

  if (++self->ticks % SYNC_EVERY_TICKS == 0)
    viva_mock_view_checkpoint (self);

  return G_SOURCE_CONTINUE;
}

static void
viva_mock_view_question_changed_cb (VivaMockView  *self,
                                    VivaMockTimer *timer)
{
  if (viva_mock_timer_get_state (timer) == VIVA_MOCK_TIMER_STATE_FINISHED)
    return;

  viva_mock_view_checkpoint (self);
  viva_mock_view_show_current (self);
}

static void
viva_mock_view_time_up_cb (VivaMockView  *self,
                           guint          index,
                           VivaMockTimer *timer)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GApplication *app = g_application_get_default ();
  VivaMockItem *item;

  viva_mock_view_checkpoint (self);

  /* With auto-advance the timer has already moved on: nothing to flag. */
  if (index != viva_mock_timer_get_current (timer) ||
      viva_mock_timer_get_state (timer) == VIVA_MOCK_TIMER_STATE_FINISHED)
    return;

  viva_mock_run_page_show_time_up (self->run_page, TRUE);
  gtk_widget_error_bell (GTK_WIDGET (self));

  /* Users can silence notifications; the window says it too. */
  if (app != NULL && GTK_IS_WINDOW (root) && !gtk_window_is_active (GTK_WINDOW (root)))
    {
      g_autoptr(GNotification) notification = g_notification_new (_("Time is up"));
      g_autofree char *body = NULL;

      item = viva_mock_session_get_item (self->session, index);
      body = g_strdup_printf (_("Question %u of your mock interview has used its time."), viva_mock_item_get_number (item));
      g_notification_set_body (notification, body);
      /* No default action: clicking it then activates the application,
       * which brings the window forward. (It named "app.activate",
       * which Viva does not have, so a click did nothing.) */
      g_application_send_notification (app, "mock-time-up", notification);
    }
}

static void
viva_mock_view_state_cb (VivaMockView  *self,
                         GParamSpec    *pspec,
                         VivaMockTimer *timer)
{
  viva_mock_view_checkpoint (self);
  viva_mock_view_update_inhibit (self);
  viva_mock_run_page_update_clock (self->run_page);

  if (viva_mock_timer_get_state (timer) == VIVA_MOCK_TIMER_STATE_FINISHED)
    viva_mock_view_finish (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  viva_mock_view_update_actions (self);
}

static void
viva_mock_view_stop_ticking (VivaMockView *self)
{
  g_clear_handle_id (&self->tick_source, g_source_remove);
}

static void
viva_mock_view_clock_changed_cb (VivaMockView *self,
                                 VivaClock    *clock)
{
  /* A fake clock drives the view at once, without waiting for a tick. */
  if (self->timer != NULL && self->tick_source != 0)
    viva_mock_view_tick_cb (self);
}

static void
viva_mock_view_set_timer (VivaMockView  *self,
                          VivaMockTimer *timer)
{
  if (self->timer != NULL)
    g_signal_handlers_disconnect_by_data (self->timer, self);

  g_set_object (&self->timer, timer);
  self->ticks = 0;
  viva_mock_view_stop_ticking (self);

  if (timer == NULL)
    return;

  g_signal_connect_object (timer, "question-changed", G_CALLBACK (viva_mock_view_question_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (timer, "time-up", G_CALLBACK (viva_mock_view_time_up_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (timer, "notify::state", G_CALLBACK (viva_mock_view_state_cb), self, G_CONNECT_SWAPPED);

  self->tick_source = g_timeout_add (TICK_MSEC, viva_mock_view_tick_cb, self);
}

/* The interview is over: save it and show the summary. */
static void
viva_mock_view_finish (VivaMockView *self)
{
  g_autoptr(GError) error = NULL;

  viva_mock_view_stop_ticking (self);
  viva_mock_view_checkpoint (self);
  viva_mock_view_update_inhibit (self);

  /* A run still going belongs to an interview that is over. */
  viva_code_pad_clear (viva_mock_run_page_get_code_pad (self->run_page));
  g_clear_object (&self->code_item);

  if (self->sessions != NULL && !viva_session_store_flush (self->sessions, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The interview could not be saved yet: %s"), error->message);

      _viva_mock_view_toast (self, message);
    }

  viva_mock_summary_page_set_session (self->summary_page, self->session);
  viva_mock_view_set_page (self, "summary");
}

static void
viva_mock_view_answer_changed_cb (VivaMockView    *self,
                                  const char      *text,
                                  VivaMockRunPage *page)
{
  if (self->session == NULL || self->timer == NULL)
    return;

  viva_mock_session_set_answer (self->session, viva_mock_timer_get_current (self->timer), text);
}

/* The code pad shows the current question's code only (showing another
 * question forgets its run), so what it reports is the current
 * question's. The clock runs on while the code does. */
static gboolean
viva_mock_view_get_code_index (VivaMockView *self,
                               guint        *index)
{
  if (self->session == NULL || self->timer == NULL ||
      viva_mock_timer_get_state (self->timer) == VIVA_MOCK_TIMER_STATE_FINISHED)
    return FALSE;

  *index = viva_mock_timer_get_current (self->timer);

  return *index < viva_mock_session_get_n_items (self->session);
}

static void
viva_mock_view_code_changed_cb (VivaMockView    *self,
                                const char      *code,
                                VivaMockRunPage *page)
{
  guint index;

  if (viva_mock_view_get_code_index (self, &index))
    viva_mock_session_set_code (self->session, index, code);
}

static void
viva_mock_view_run_finished_cb (VivaMockView  *self,
                                const char    *code,
                                const char    *output,
                                VivaRunResult *result,
                                VivaCodePad   *pad)
{
  guint index;

  /* Not started (no Python, no sandbox): there is no output to keep. */
  if (result == NULL || !viva_mock_view_get_code_index (self, &index))
    return;

  viva_mock_session_set_run_output (self->session, index, code, output);
}

static void
viva_mock_view_tests_finished_cb (VivaMockView         *self,
                                  const char           *code,
                                  VivaChallengeResults *results,
                                  VivaCodePad          *pad)
{
  guint index;

  if (results == NULL || !viva_mock_view_get_code_index (self, &index))
    return;

  viva_mock_session_set_test_results (self->session, index, code, results);
}

static void
viva_mock_view_rated_cb (VivaMockView        *self,
                         guint                index,
                         guint                rating,
                         VivaMockSummaryPage *page)
{
  VivaMockSession *session = viva_mock_summary_page_get_session (page);
  VivaMockItem *item = viva_mock_session_get_item (session, index);
  VivaNote *note;
  VivaStatus status;
  gint64 *reviewed_at;

  if (self->notes == NULL || viva_notes_store_get_read_only (self->notes))
    return;

  note = viva_notes_store_get_note (self->notes, viva_mock_session_get_bank_id (session), viva_mock_item_get_number (item));

  /* A rating is also a verdict on how well the question is known. */
  if (viva_mock_rating_to_status (rating, &status))
    viva_note_set_status (note, status);

  /* And a review, which Review schedules the question by. */
  if (self->rated_session != session)
    {
      g_set_object (&self->rated_session, session);
      g_array_set_size (self->review_times, 0);
      g_array_set_size (self->review_times, viva_mock_session_get_n_items (session));
    }

  reviewed_at = &g_array_index (self->review_times, gint64, index);

  /* A changed rating takes back the review of the first, unless the
   * note was replaced since (merged from another Viva); then both
   * count. */
  if (*reviewed_at != 0)
    {
      viva_note_undo_review (note, *reviewed_at);
      *reviewed_at = 0;
    }

  if (rating != VIVA_MOCK_RATING_NONE)
    {
      *reviewed_at = g_get_real_time ();
      viva_note_review (note, (VivaReviewGrade) rating, VIVA_REVIEW_SOURCE_MOCK, *reviewed_at);
    }
}

static void
viva_mock_view_session_activated_cb (VivaMockView        *self,
                                     VivaMockSession     *session,
                                     VivaMockHistoryPage *page)
{
  /* A past interview reads as it ended; an unfinished one that is not
   * running here is offered for resuming instead. */
  if (viva_mock_session_get_unfinished (session) && !viva_mock_view_get_running (self))
    {
      viva_mock_view_resume (self, session);
      return;
    }

  if (session != self->session || !viva_mock_view_get_running (self))
    viva_mock_session_set_read_only (session, TRUE);

  viva_mock_summary_page_set_session (self->summary_page, session);
  viva_mock_view_set_page (self, "summary");
}

static void
viva_mock_view_setup_changed_cb (VivaMockView      *self,
                                 GParamSpec        *pspec,
                                 VivaMockSetupPage *page)
{
  viva_mock_view_update_actions (self);
}

/* Actions */

static void
viva_mock_view_start_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  VivaMockView *self = VIVA_MOCK_VIEW (widget);
  VivaMockSetup *setup = viva_mock_setup_page_get_setup (self->setup_page);
  g_autoptr(GPtrArray) questions = NULL;
  g_autoptr(VivaMockSession) session = NULL;
  g_autoptr(VivaMockTimer) timer = NULL;
  g_autoptr(GError) error = NULL;
  guint64 seed = 0;

  if (self->bank == NULL || viva_mock_view_get_running (self))
    return;

  questions = viva_mock_setup_select (setup, self->bank, self->notes, &seed, &error);
  if (questions == NULL)
    {
      _viva_mock_view_toast (self, error->message);
      return;
    }

  session = viva_mock_session_new (self->bank, setup, questions, seed);
  if (self->sessions != NULL && !viva_session_store_add (self->sessions, session, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The interview cannot be saved: %s"), error->message);

      _viva_mock_view_toast (self, message);
      return;
    }

  /* Remember the choices, with a fresh seed next time. */
  {
    g_autoptr(VivaMockSetup) remembered = viva_mock_setup_new_from_variant (viva_mock_setup_to_variant (setup));

    viva_mock_setup_set_seed (remembered, 0);
    g_settings_set_value (self->settings, "mock-last-setup", viva_mock_setup_to_variant (remembered));
  }

  timer = viva_mock_timer_new (self->clock, session);
  viva_mock_timer_set_auto_advance (timer, viva_mock_session_get_auto_advance (session));

  g_set_object (&self->session, session);
  viva_mock_view_set_timer (self, timer);
  viva_mock_view_set_page (self, "run");
  viva_mock_view_show_current (self);
  viva_mock_timer_start (timer);
  viva_mock_run_page_focus_answer (self->run_page);
}

/**
 * viva_mock_view_resume:
 *
 * Reopens an interview that was running when Viva stopped, paused, with
 * the time already spent kept.
 *
 * Returns: %TRUE if it could be resumed
 */
gboolean
viva_mock_view_resume (VivaMockView    *self,
                       VivaMockSession *session)
{
  g_autoptr(VivaMockTimer) timer = NULL;

  g_return_val_if_fail (VIVA_IS_MOCK_VIEW (self), FALSE);
  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (session), FALSE);

  if (viva_mock_view_get_running (self) || viva_mock_session_get_read_only (session))
    return FALSE;

  if (!viva_mock_timer_check_session (session))
    {
      _viva_mock_view_toast (self, _("This interview’s saved progress does not add up, so it cannot be resumed."));
      return FALSE;
    }

  /* Running when Viva stopped: the timer brings it back paused. */
  timer = viva_mock_timer_new (self->clock, session);
  viva_mock_timer_set_auto_advance (timer, viva_mock_session_get_auto_advance (session));

  g_set_object (&self->session, session);
  viva_mock_view_set_timer (self, timer);
  viva_mock_view_set_page (self, "run");
  viva_mock_view_show_current (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  viva_mock_view_update_actions (self);

  return TRUE;
}

static void
viva_mock_view_next_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  VivaMockView *self = VIVA_MOCK_VIEW (widget);

  if (self->timer != NULL)
    viva_mock_timer_next (self->timer);
}

static void
viva_mock_view_skip_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  VivaMockView *self = VIVA_MOCK_VIEW (widget);

  if (self->timer != NULL)
    viva_mock_timer_skip (self->timer);
}

static void
viva_mock_view_end_response_cb (VivaMockView     *self,
                                const char       *response,
                                AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "end") == 0 && self->timer != NULL)
    viva_mock_timer_finish (self->timer);
}

static void
viva_mock_view_end_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  VivaMockView *self = VIVA_MOCK_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("End the Interview?"),
                                                       _("Questions not reached yet are left out of the summary. Your answers so far are kept.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Keep Going"),
                                    "end", _("_End Interview"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "end", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (viva_mock_view_end_response_cb), self, G_CONNECT_SWAPPED);
  viva_message_dialog_present (dialog);
}

static void
viva_mock_view_leave_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  VivaMockView *self = VIVA_MOCK_VIEW (widget);

  /* Studying while the clock runs would spoil the interview: pause it. */
  if (self->timer != NULL && viva_mock_timer_get_state (self->timer) == VIVA_MOCK_TIMER_STATE_RUNNING)
    viva_mock_timer_pause (self->timer);

  g_signal_emit (self, signals[LEAVE], 0);
}

static void
viva_mock_view_show_setup_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  viva_mock_view_show_setup (VIVA_MOCK_VIEW (widget));
}

static void
viva_mock_view_show_history_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  viva_mock_view_show_history (VIVA_MOCK_VIEW (widget));
}

/* Space pauses and resumes, except where it types a space. Ctrl+Enter
 * moves on even from the answer box, which would otherwise take the key:
 * this runs in the capture phase, before the focused widget sees it. */
static gboolean
viva_mock_view_key_pressed_cb (VivaMockView          *self,
                               guint                  keyval,
                               guint                  keycode,
                               GdkModifierType        state,
                               GtkEventControllerKey *controller)
{
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK);
  GtkWidget *focus;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "run") != 0 ||
      !viva_mock_view_get_running (self))
    return FALSE;

  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));

  /* In a code pad, Ctrl+Enter runs the code, as in every code pad. */
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter) &&
      mods == GDK_CONTROL_MASK)
    {
      if (focus != NULL &&
          gtk_widget_is_ancestor (focus, GTK_WIDGET (viva_mock_run_page_get_code_pad (self->run_page))))
        return FALSE;

      return gtk_widget_activate_action (GTK_WIDGET (self), "mock.next", NULL);
    }

  if (keyval != GDK_KEY_space || mods != 0)
    return FALSE;

  if (focus != NULL && (GTK_IS_TEXT_VIEW (focus) || GTK_IS_EDITABLE (focus)))
    return FALSE;

  gtk_widget_activate_action (GTK_WIDGET (self), "mock.paused", NULL);
  return TRUE;
}

/* The questions a new interview is drawn from. */
static void
viva_mock_view_bank_changed_cb (VivaMockView *self)
{
  VivaBank *bank = viva_context_get_bank (self->context);

  if (bank == NULL)
    return;

  g_set_object (&self->bank, bank);
  viva_mock_view_update_actions (self);
}

static void
viva_mock_view_set_context (VivaMockView *self,
                            VivaContext  *context)
{
  VivaSessionStore *sessions;
  VivaClock *clock;

  g_return_if_fail (!context || VIVA_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  if (context == NULL)
    return;

  self->context = g_object_ref (context);
  g_set_object (&self->notes, viva_context_get_notes_store (context));
  g_object_set (self->setup_page, "context", context, NULL);
  g_object_set (self->summary_page, "context", context, NULL);
  g_object_set (self->run_page, "context", context, NULL);

  sessions = viva_context_get_session_store (context);
  if (g_set_object (&self->sessions, sessions) && sessions != NULL)
    viva_mock_history_page_set_sessions (self->history_page,
                                         viva_session_store_get_sessions (sessions),
                                         viva_context_get_session_problems (context));

  /* A fake clock, in tests, runs a 45-minute interview in no time. */
  clock = viva_context_get_clock (context);
  if (self->clock != NULL)
    g_signal_handlers_disconnect_by_data (self->clock, self);
  g_set_object (&self->clock, clock);
  if (viva_clock_is_fake (clock))
    g_signal_connect_object (clock, "changed", G_CALLBACK (viva_mock_view_clock_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_group_set_target (self->context_signals, context);
  viva_mock_view_bank_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/* GObject */

static void
viva_mock_view_dispose (GObject *object)
{
  VivaMockView *self = (VivaMockView *)object;
  GtkWidget *child;

  viva_mock_view_stop_ticking (self);
  if (self->timer != NULL)
    g_signal_handlers_disconnect_by_data (self->timer, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_MOCK_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  if (self->context_signals != NULL)
    g_signal_group_set_target (self->context_signals, NULL);
  if (self->clock != NULL)
    g_signal_handlers_disconnect_by_data (self->clock, self);
  g_clear_object (&self->context_signals);
  g_clear_object (&self->context);
  g_clear_object (&self->timer);
  g_clear_object (&self->session);
  g_clear_object (&self->bank);
  g_clear_object (&self->notes);
  g_clear_object (&self->sessions);
  g_clear_object (&self->clock);
  g_clear_object (&self->settings);
  g_clear_object (&self->rated_session);
  g_clear_object (&self->code_item);
  g_clear_pointer (&self->review_times, g_array_unref);

  G_OBJECT_CLASS (viva_mock_view_parent_class)->dispose (object);
}

static void
viva_mock_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VivaMockView *self = VIVA_MOCK_VIEW (object);

  switch (prop_id)
    {
    case PROP_PAUSED:
      g_value_set_boolean (value, viva_mock_view_get_paused (self));
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, viva_mock_view_get_running (self));
      break;

    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_mock_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  VivaMockView *self = VIVA_MOCK_VIEW (object);

  switch (prop_id)
    {
    case PROP_PAUSED:
      if (self->timer == NULL)
        break;
      if (g_value_get_boolean (value))
        viva_mock_timer_pause (self->timer);
      else
        viva_mock_timer_resume (self->timer);
      break;

    case PROP_CONTEXT:
      viva_mock_view_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_mock_view_class_init (VivaMockViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_mock_view_dispose;
  object_class->get_property = viva_mock_view_get_property;
  object_class->set_property = viva_mock_view_set_property;

  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * VivaMockView:context:
   *
   * The bank, notes, past interviews and clock it runs with; set once.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         VIVA_TYPE_CONTEXT,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VivaMockView::leave:
   *
   * The user wants to go back to studying.
   */
  signals[LEAVE] =
    g_signal_new ("leave",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "mock.start", NULL, viva_mock_view_start_action);
  gtk_widget_class_install_action (widget_class, "mock.next", NULL, viva_mock_view_next_action);
  gtk_widget_class_install_action (widget_class, "mock.skip", NULL, viva_mock_view_skip_action);
  gtk_widget_class_install_action (widget_class, "mock.end", NULL, viva_mock_view_end_action);
  gtk_widget_class_install_action (widget_class, "mock.leave", NULL, viva_mock_view_leave_action);
  gtk_widget_class_install_action (widget_class, "mock.show-setup", NULL, viva_mock_view_show_setup_action);
  gtk_widget_class_install_action (widget_class, "mock.show-history", NULL, viva_mock_view_show_history_action);
  gtk_widget_class_install_action (widget_class, "mock.export", NULL, _viva_mock_view_export_action);
  gtk_widget_class_install_property_action (widget_class, "mock.paused", "paused");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "mock.leave", NULL);

  g_type_ensure (VIVA_TYPE_MOCK_SETUP_PAGE);
  g_type_ensure (VIVA_TYPE_MOCK_RUN_PAGE);
  g_type_ensure (VIVA_TYPE_MOCK_SUMMARY_PAGE);
  g_type_ensure (VIVA_TYPE_MOCK_HISTORY_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-mock-view.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaMockView, title);
  gtk_widget_class_bind_template_child (widget_class, VivaMockView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VivaMockView, stack);
  gtk_widget_class_bind_template_child (widget_class, VivaMockView, setup_page);
  gtk_widget_class_bind_template_child (widget_class, VivaMockView, run_page);
  gtk_widget_class_bind_template_child (widget_class, VivaMockView, summary_page);
  gtk_widget_class_bind_template_child (widget_class, VivaMockView, history_page);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vivamockview");
}

static void
viva_mock_view_init (VivaMockView *self)
{
  g_autoptr(GVariant) last = NULL;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->clock = g_object_ref (viva_clock_get_default ());
  self->context_signals = g_signal_group_new (VIVA_TYPE_CONTEXT);
  g_signal_group_connect_object (self->context_signals, "notify::bank",
                                 G_CALLBACK (viva_mock_view_bank_changed_cb), self, G_CONNECT_SWAPPED);
  self->settings = g_settings_new (APP_ID);
  self->review_times = g_array_new (FALSE, TRUE, sizeof (gint64));

  last = g_settings_get_value (self->settings, "mock-last-setup");
  if (g_variant_n_children (last) > 0)
    {
      g_autoptr(VivaMockSetup) setup = viva_mock_setup_new_from_variant (last);

      viva_mock_setup_page_set_setup (self->setup_page, setup);
    }

  g_signal_connect_object (self->setup_page, "notify::can-start",
                           G_CALLBACK (viva_mock_view_setup_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->run_page, "answer-changed",
                           G_CALLBACK (viva_mock_view_answer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->run_page, "code-changed",
                           G_CALLBACK (viva_mock_view_code_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viva_mock_run_page_get_code_pad (self->run_page), "run-finished",
                           G_CALLBACK (viva_mock_view_run_finished_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viva_mock_run_page_get_code_pad (self->run_page), "tests-finished",
                           G_CALLBACK (viva_mock_view_tests_finished_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->summary_page, "rated",
                           G_CALLBACK (viva_mock_view_rated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history_page, "session-activated",
                           G_CALLBACK (viva_mock_view_session_activated_cb), self, G_CONNECT_SWAPPED);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (viva_mock_view_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  viva_mock_view_set_page (self, "setup");
}

void
viva_mock_view_show_setup (VivaMockView *self)
{
  g_return_if_fail (VIVA_IS_MOCK_VIEW (self));

  if (viva_mock_view_get_running (self))
    {
      viva_mock_view_set_page (self, "run");
      viva_mock_view_show_current (self);
      return;
    }

  viva_mock_view_set_page (self, "setup");
  viva_mock_setup_page_focus_start (self->setup_page);
}

void
viva_mock_view_show_history (VivaMockView *self)
{
  g_return_if_fail (VIVA_IS_MOCK_VIEW (self));

  viva_mock_view_set_page (self, "history");
}

VivaMockSession *
viva_mock_view_get_session (VivaMockView *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_VIEW (self), NULL);

  return self->session;
}

VivaMockTimer *
viva_mock_view_get_timer (VivaMockView *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_VIEW (self), NULL);

  return self->timer;
}

VivaMockSetupPage *
viva_mock_view_get_setup_page (VivaMockView *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_VIEW (self), NULL);

  return self->setup_page;
}

VivaMockRunPage *
viva_mock_view_get_run_page (VivaMockView *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_VIEW (self), NULL);

  return self->run_page;
}

VivaMockSummaryPage *
viva_mock_view_get_summary_page (VivaMockView *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_VIEW (self), NULL);

  return self->summary_page;
}

VivaMockHistoryPage *
viva_mock_view_get_history_page (VivaMockView *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_VIEW (self), NULL);

  return self->history_page;
}
