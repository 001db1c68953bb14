/* test-mock.c
 *
 * A mock interview driven as a user would, with real widgets under Xvfb
 * and a fake clock: set up two questions, answer, pause, run out of time,
 * finish, rate, find it in the history; and resume one interrupted by a
 * quit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "viva-bank.h"
#include "viva-clock.h"
#include "viva-code-extract.h"
#include "viva-code-pad.h"
#include "viva-context.h"
#include "viva-fsrs.h"
#include "viva-mock-history-page.h"
#include "viva-mock-run-page.h"
#include "viva-mock-session.h"
#include "viva-mock-session-private.h"
#include "viva-mock-setup.h"
#include "viva-mock-setup-page.h"
#include "viva-mock-summary-page.h"
#include "viva-mock-timer.h"
#include "viva-mock-view.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-scope-list.h"
#include "viva-session-store.h"
#include "viva-test-util.h"
#include "viva-window.h"

#define WAIT_LIMIT_USEC (20 * G_USEC_PER_SEC)
#define SECOND ((gint64) G_USEC_PER_SEC)
#define MINUTE ((gint64) 60 * G_USEC_PER_SEC)

typedef struct
{
  VivaNotesStore   *notes;
  VivaSessionStore *sessions;
  VivaWindow       *window;
  VivaMockView     *view;
  VivaClock        *clock;
} Fixture;

static void
drain_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static char *
sessions_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), APP_ID, "sessions", NULL);
}

static void
reset_data (void)
{
  g_autofree char *dir = sessions_dir ();
  g_autofree char *notes = g_build_filename (g_get_user_data_dir (), APP_ID, "notes.json", NULL);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_unlink (notes);
  g_settings_reset (settings, "mock-last-setup");
  g_settings_reset (settings, "last-question");
  g_settings_reset (settings, "last-bank");
}

static void
fixture_open (Fixture *f)
{
  g_autoptr(VivaContext) context = NULL;
  g_autofree char *notes_path = g_build_filename (g_get_user_data_dir (), APP_ID, "notes.json", NULL);
  g_autofree char *dir = sessions_dir ();
  g_autoptr(GPtrArray) problems = NULL;
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_USEC;

  f->notes = viva_notes_store_new (notes_path);
  viva_notes_store_load (f->notes, NULL);
  f->sessions = viva_session_store_new (dir);
  viva_session_store_load (f->sessions, &problems);
  f->clock = viva_clock_new_fake (1000 * MINUTE);

  context = g_object_new (VIVA_TYPE_CONTEXT,
                          "notes-store", f->notes,
                          "session-store", f->sessions,
                          "session-problems", problems,
                          "clock", f->clock,
                          NULL);
  f->window = viva_window_new (NULL, context);
  g_object_ref_sink (f->window);
  viva_window_restore_session (f->window);
  f->view = viva_window_get_mock_view (f->window);

  gtk_window_present (GTK_WINDOW (f->window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (f->window)))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
  drain_main_loop ();
}

static void
fixture_close (Fixture *f)
{
  gtk_window_close (GTK_WINDOW (f->window));
  drain_main_loop ();
  gtk_window_destroy (GTK_WINDOW (f->window));
  drain_main_loop ();
  g_clear_object (&f->window);
  g_clear_object (&f->sessions);
  g_clear_object (&f->notes);
  g_clear_object (&f->clock);
}

static void
advance (Fixture *f,
         gint64   usec)
{
  viva_clock_advance (f->clock, usec);
  drain_main_loop ();
}

static const char *
countdown (Fixture *f)
{
  return viva_mock_run_page_get_countdown (viva_mock_view_get_run_page (f->view));
}

/* Two Beginner questions in sequence: Level 1 gives 2 minutes each. */
static void
set_up_two_questions (Fixture *f)
{
  VivaMockSetupPage *page = viva_mock_view_get_setup_page (f->view);
  g_autoptr(VivaMockSetup) setup = viva_mock_setup_new ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.mock-interview", NULL));
  drain_main_loop ();
  g_assert_cmpstr (viva_mock_view_get_page (f->view), ==, "setup");

  viva_mock_setup_set_n_questions (setup, 2);
  viva_mock_setup_set_random_order (setup, FALSE);
  viva_mock_setup_set_level_chosen (setup, 1, TRUE);
  viva_mock_setup_page_set_setup (page, setup);
  drain_main_loop ();

  /* The setup says what it adds up to before anything starts, and
   * shows which levels it draws from. */
  g_assert_cmpstr (viva_mock_setup_page_get_summary (page), ==, "2 questions, 04:00 in all");
  g_assert_true (gtk_check_button_get_active (viva_scope_list_get_check (viva_mock_setup_page_get_scope_list (page), 1, NULL)));
  g_assert_false (gtk_check_button_get_active (viva_scope_list_get_check (viva_mock_setup_page_get_scope_list (page), 2, NULL)));
  viva_test_save_screenshot (GTK_WIDGET (f->window), "mock-setup-page.png");
}

static void
type_answer (Fixture    *f,
             const char *text)
{
  GtkTextView *view = viva_mock_run_page_get_answer_view (viva_mock_view_get_run_page (f->view));

  gtk_text_buffer_insert_interactive_at_cursor (gtk_text_view_get_buffer (view), text, -1, TRUE);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The label under @root whose text contains @text. */
static GtkLabel *
find_label_containing (GtkWidget  *root,
                       const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return GTK_LABEL (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_containing (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The expander row of the summary whose subtitle starts with @prefix. */
static AdwExpanderRow *
find_summary_row (GtkWidget  *root,
                  const char *prefix)
{
  if (ADW_IS_EXPANDER_ROW (root) &&
      g_str_has_prefix (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (root)), prefix))
    return ADW_EXPANDER_ROW (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      AdwExpanderRow *found = find_summary_row (child, prefix);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
count_time_up (guint *count)
{
  (*count)++;
}

static void
test_two_question_interview (void)
{
  Fixture f = { 0 };
  VivaMockSession *session;
  VivaMockTimer *timer;
  VivaNote *note;
  const VivaReviewState *review;
  const VivaReviewEntry *history;
  VivaReviewDay day;
  guint n_reviews;
  gint64 before_rating;
  g_autoptr(VivaSessionStore) reread = NULL;
  g_autoptr(VivaNotesStore) notes = NULL;
  g_autofree char *dir = sessions_dir ();
  g_autofree char *notes_path = g_build_filename (g_get_user_data_dir (), APP_ID, "notes.json", NULL);
  guint time_ups = 0;

  reset_data ();
  fixture_open (&f);
  set_up_two_questions (&f);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "mock.start", NULL));
  drain_main_loop ();
  g_assert_cmpstr (viva_mock_view_get_page (f.view), ==, "run");
  g_assert_true (viva_mock_view_get_running (f.view));
  timer = viva_mock_view_get_timer (f.view);
  session = viva_mock_view_get_session (f.view);
  g_assert_cmpuint (viva_mock_session_get_n_items (session), ==, 2);
  g_assert_cmpuint (viva_mock_item_get_number (viva_mock_session_get_item (session, 0)), ==, 1);
  g_assert_cmpstr (countdown (&f), ==, "02:00");

  /* The answer is typed as the clock runs. */
  type_answer (&f, "int, float, complex, str, bool, bytes, NoneType");
  advance (&f, 30 * SECOND);
  g_assert_cmpstr (countdown (&f), ==, "01:30");
  viva_test_save_screenshot (GTK_WIDGET (f.window), "mock-run-page.png");

  /* Paused time does not count. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "mock.paused", NULL));
  g_assert_cmpint (viva_mock_timer_get_state (timer), ==, VIVA_MOCK_TIMER_STATE_PAUSED);
  g_assert_nonnull (find_button (GTK_WIDGET (f.view), "_Resume"));
  advance (&f, 10 * MINUTE);
  g_assert_cmpstr (countdown (&f), ==, "01:30");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "mock.paused", NULL));
  g_assert_cmpint (viva_mock_timer_get_state (timer), ==, VIVA_MOCK_TIMER_STATE_RUNNING);

  /* At zero it does not skip: overtime counts up, in the error colour. */
  g_signal_connect_swapped (timer, "time-up", G_CALLBACK (count_time_up), &time_ups);
  advance (&f, 2 * MINUTE);
  g_assert_cmpuint (time_ups, ==, 1);
  g_assert_cmpuint (viva_mock_timer_get_current (timer), ==, 0);
  g_assert_cmpstr (countdown (&f), ==, "+00:30");

  /* Ctrl+Enter's action moves on; the second question starts at 2:00. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "mock.next", NULL));
  drain_main_loop ();
  g_assert_cmpuint (viva_mock_timer_get_current (timer), ==, 1);
  g_assert_cmpstr (countdown (&f), ==, "02:00");
  g_assert_cmpstr (viva_mock_item_get_answer (viva_mock_session_get_item (session, 0)), ==,
                   "int, float, complex, str, bool, bytes, NoneType");
  g_assert_cmpint (viva_mock_item_get_spent (viva_mock_session_get_item (session, 0)), ==, 2 * MINUTE + 30 * SECOND);

  advance (&f, 40 * SECOND);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "mock.next", NULL));
  drain_main_loop ();

  /* Finished: the summary shows times against budgets. */
  g_assert_false (viva_mock_view_get_running (f.view));
  g_assert_cmpstr (viva_mock_view_get_page (f.view), ==, "summary");
  g_assert_nonnull (strstr (viva_mock_summary_page_get_totals (viva_mock_view_get_summary_page (f.view)),
                            "2 questions · 3:10 of 4:00"));
  g_assert_nonnull (strstr (viva_mock_summary_page_get_totals (viva_mock_view_get_summary_page (f.view)),
                            "1 over time"));
  /* The row says its overtime once, in the time. */
  g_assert_cmpstr (adw_expander_row_get_subtitle (find_summary_row (GTK_WIDGET (viva_mock_view_get_summary_page (f.view)), "2:30")),
                   ==, "2:30 of 2:00 (0:30 over)");
  viva_test_save_screenshot (GTK_WIDGET (f.window), "mock-summary-page.png");

  /* Rating Easy marks the question Confident in the study notes, and
   * schedules it for Review as an Easy review would, with FSRS (the
   * default): the memory of a first Easy, and days away, about as many
   * as its stability at 90% retention, spread by the fuzz. A slip of the
   * key (Hard first) is replaced, not counted twice. */
  before_rating = g_get_real_time ();
  g_assert_true (viva_mock_summary_page_rate (viva_mock_view_get_summary_page (f.view), 0, VIVA_MOCK_RATING_HARD));
  g_assert_true (viva_mock_summary_page_rate (viva_mock_view_get_summary_page (f.view), 0, VIVA_MOCK_RATING_EASY));
  g_assert_true (viva_mock_summary_page_rate (viva_mock_view_get_summary_page (f.view), 1, VIVA_MOCK_RATING_AGAIN));
  /* The buttons show the ratings the items have: the first row's are
   * the first found. */
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_button (GTK_WIDGET (viva_mock_view_get_summary_page (f.view)), "Easy"))));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_button (GTK_WIDGET (viva_mock_view_get_summary_page (f.view)), "Hard"))));
  note = viva_notes_store_lookup_note (f.notes, VIVA_BUNDLED_BANK_ID, 1);
  g_assert_nonnull (note);
  g_assert_cmpint (viva_note_get_status (note), ==, VIVA_STATUS_CONFIDENT);
  g_assert_cmpint (viva_note_get_status (viva_notes_store_lookup_note (f.notes, VIVA_BUNDLED_BANK_ID, 2)),
                   ==, VIVA_STATUS_LEARNING);

  review = viva_note_get_review_state (note);
  history = viva_note_get_history (note, &n_reviews);
  g_assert_cmpuint (n_reviews, ==, 1);
  g_assert_cmpint (history[0].grade, ==, VIVA_REVIEW_GRADE_EASY);
  g_assert_cmpint (history[0].source, ==, VIVA_REVIEW_SOURCE_MOCK);
  g_assert_cmpint (history[0].time, >=, before_rating);
  g_assert_cmpint (review->last_review, ==, history[0].time);
  {
    const VivaSchedulerConfig *config = viva_notes_store_get_scheduler_config (f.notes);
    VivaFsrsState easy = viva_fsrs_init_state (config->w, VIVA_REVIEW_GRADE_EASY);
    guint days = viva_fsrs_next_interval (config->w, easy.stability, 0.90, config->maximum_interval);
    guint fuzz_min, fuzz_max;

    g_assert_cmpint (config->algorithm, ==, VIVA_SCHEDULER_ALGORITHM_FSRS);
    g_assert_cmpfloat (review->stability, ==, easy.stability);
    g_assert_cmpfloat (review->difficulty, ==, easy.difficulty);
    g_assert_cmpuint (review->reviews, ==, 1);
    viva_fsrs_fuzz_range (days, 0, config->maximum_interval, &fuzz_min, &fuzz_max);
    g_assert_cmpuint (review->interval, >=, fuzz_min);
    g_assert_cmpuint (review->interval, <=, fuzz_max);
    g_assert_cmpint (review->due, ==, review->last_review + review->interval * G_TIME_SPAN_DAY);
  }

  /* Again, on a question never reviewed: FSRS's first learning step,
   * back in a minute, due today. */
  note = viva_notes_store_lookup_note (f.notes, VIVA_BUNDLED_BANK_ID, 2);
  review = viva_note_get_review_state (note);
  history = viva_note_get_history (note, &n_reviews);
  g_assert_cmpuint (n_reviews, ==, 1);
  g_assert_cmpint (history[0].grade, ==, VIVA_REVIEW_GRADE_AGAIN);
  g_assert_cmpint (history[0].source, ==, VIVA_REVIEW_SOURCE_MOCK);
  g_assert_true (viva_review_state_is_learning (review));
  g_assert_cmpint (review->due, ==, review->last_review + G_TIME_SPAN_MINUTE);
  /* Due on the review day its minute ends in: the day of the rating,
   * unless that was in the minute before 4 am, when the next review
   * day begins (the run that found this, with SM-2's ten minutes, was at
   * 03:50). */
  viva_review_day_init (&day, review->due, NULL, VIVA_REVIEW_DAY_START_HOUR);
  g_assert_true (viva_note_is_due (note, &day));

  /* With SM-2 chosen in Preferences, a rating changed is graded by SM-2
   * (Easy: four days), as Review would grade it. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_set_string (settings, "review-scheduler", "sm2");
    g_assert_true (viva_mock_summary_page_rate (viva_mock_view_get_summary_page (f.view), 0, VIVA_MOCK_RATING_HARD));
    g_assert_true (viva_mock_summary_page_rate (viva_mock_view_get_summary_page (f.view), 0, VIVA_MOCK_RATING_EASY));
    g_settings_reset (settings, "review-scheduler");
  }
  note = viva_notes_store_lookup_note (f.notes, VIVA_BUNDLED_BANK_ID, 1);
  review = viva_note_get_review_state (note);
  viva_note_get_history (note, &n_reviews);
  g_assert_cmpuint (n_reviews, ==, 1);
  g_assert_cmpuint (review->interval, ==, 4);
  g_assert_cmpint (review->due, ==, review->last_review + 4 * G_TIME_SPAN_DAY);
  g_assert_cmpuint (review->ease, ==, VIVA_REVIEW_EASE_INITIAL + 150);
  g_assert_cmpfloat (review->stability, >, 0);

  /* It is in the history, and reopens read-only. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "mock.show-history", NULL));
  drain_main_loop ();
  g_assert_cmpstr (viva_mock_view_get_page (f.view), ==, "history");
  viva_test_save_screenshot (GTK_WIDGET (f.window), "mock-history-page.png");
  g_assert_nonnull (viva_mock_history_page_get_row (viva_mock_view_get_history_page (f.view), 0));
  g_signal_emit_by_name (viva_mock_history_page_get_row (viva_mock_view_get_history_page (f.view), 0), "activate");
  drain_main_loop ();
  g_assert_cmpstr (viva_mock_view_get_page (f.view), ==, "summary");
  g_assert_true (viva_mock_session_get_read_only (viva_mock_summary_page_get_session (viva_mock_view_get_summary_page (f.view))));
  g_assert_false (viva_mock_summary_page_rate (viva_mock_view_get_summary_page (f.view), 0, VIVA_MOCK_RATING_HARD));
  viva_test_save_screenshot (GTK_WIDGET (f.window), "mock-summary-read-only.png");

  fixture_close (&f);

  /* What is on disk is the whole interview. */
  reread = viva_session_store_new (dir);
  viva_session_store_load (reread, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (viva_session_store_get_sessions (reread)), ==, 1);
  {
    g_autoptr(VivaMockSession) saved = g_list_model_get_item (viva_session_store_get_sessions (reread), 0);

    g_assert_false (viva_mock_session_get_unfinished (saved));
    g_assert_cmpstr (viva_mock_item_get_answer (viva_mock_session_get_item (saved, 0)), ==,
                     "int, float, complex, str, bool, bytes, NoneType");
    g_assert_cmpint (viva_mock_item_get_rating (viva_mock_session_get_item (saved, 0)), ==, VIVA_MOCK_RATING_EASY);
    g_assert_cmpint (viva_mock_item_get_spent (viva_mock_session_get_item (saved, 1)), ==, 40 * SECOND);
  }

  /* And the reviews are in the notes. */
  notes = viva_notes_store_new (notes_path);
  g_assert_true (viva_notes_store_load (notes, NULL));
  history = viva_note_get_history (viva_notes_store_lookup_note (notes, VIVA_BUNDLED_BANK_ID, 1), &n_reviews);
  g_assert_cmpuint (n_reviews, ==, 1);
  g_assert_cmpint (history[0].grade, ==, VIVA_REVIEW_GRADE_EASY);
  g_assert_cmpint (history[0].source, ==, VIVA_REVIEW_SOURCE_MOCK);
  g_assert_cmpuint (viva_note_get_review_state (viva_notes_store_lookup_note (notes, VIVA_BUNDLED_BANK_ID, 1))->interval, ==, 4);
}

/* Ending an interview early asks first. Return, pressed by habit, keeps
 * it going: the focus starts on "Keep Going", also when large text
 * stacks the buttons (libadwaita 1.2 then put it on "End Interview"). */
static void
test_end_asks_return_keeps_going (void)
{
  Fixture f = { 0 };
  AdwMessageDialog *dialog;

  reset_data ();
  fixture_open (&f);
  set_up_two_questions (&f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "mock.start", NULL));
  drain_main_loop ();
  g_assert_true (viva_mock_view_get_running (f.view));

  viva_test_set_large_text (TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "mock.end", NULL));
  dialog = viva_test_wait_message_dialog ("End the Interview?");
  viva_test_save_screenshot (GTK_WIDGET (dialog), "dialog-end-mock-interview.png");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "end"), ==, ADW_RESPONSE_DESTRUCTIVE);
  viva_test_assert_return_is_safe (dialog, "cancel");
  viva_test_set_large_text (FALSE);
  drain_main_loop ();

  g_assert_true (viva_mock_view_get_running (f.view));
  g_assert_cmpstr (viva_mock_view_get_page (f.view), ==, "run");

  fixture_close (&f);
}

static void
test_answer_size_is_capped (void)
{
  Fixture f = { 0 };
  g_autofree char *big = g_strnfill (VIVA_MOCK_ANSWER_MAX_SIZE - 4, 'a');
  VivaMockSession *session;

  reset_data ();
  fixture_open (&f);
  set_up_two_questions (&f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "mock.start", NULL));
  drain_main_loop ();
  session = viva_mock_view_get_session (f.view);

  type_answer (&f, big);
  g_assert_cmpuint (strlen (viva_mock_item_get_answer (viva_mock_session_get_item (session, 0))), ==, VIVA_MOCK_ANSWER_MAX_SIZE - 4);

  /* Past the limit the typing stops, rather than the session silently
   * keeping an older answer than the one on screen. */
  type_answer (&f, "12345");
  type_answer (&f, "1234");
  g_assert_cmpuint (strlen (viva_mock_item_get_answer (viva_mock_session_get_item (session, 0))), ==, VIVA_MOCK_ANSWER_MAX_SIZE);

  fixture_close (&f);
}

/* The summary's date on a day with one digit: "Thursday 5 March 2026",
 * not "Thursday  5 March" (%e pads the day with a space). */
static void
test_summary_date (void)
{
  g_autoptr(GDateTime) created = g_date_time_new_local (2026, 3, 5, 12, 0, 0);
  g_autoptr(VivaMockSession) session = NULL;
  VivaMockItemData item = {
    1, 1, (char *) "Level 1: Beginner", (char *) "Strings", (char *) "What is a string?",
    2 * MINUTE, 30 * SECOND, FALSE, (char *) "", VIVA_MOCK_RATING_NONE
  };
  GtkLabel *label;
  Fixture f;

  fixture_open (&f);
  session = _viva_mock_session_new_loaded ("2026-03-05T12-00-00-0000abcd", "summary-date-bank", "Bank",
                                           g_date_time_to_unix (created) * G_USEC_PER_SEC,
                                           1, FALSE, VIVA_MOCK_BUDGET_PER_LEVEL, 0, FALSE);
  _viva_mock_session_append_item (session, &item);
  viva_mock_summary_page_set_session (viva_mock_view_get_summary_page (f.view), session);

  label = find_label_containing (GTK_WIDGET (viva_mock_view_get_summary_page (f.view)), " · Bank");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "Thursday 5 March 2026, 12:00 · Bank");

  fixture_close (&f);
}

static void
test_resume_after_quit (void)
{
  Fixture f = { 0 };
  Fixture g = { 0 };
  VivaMockSession *session;
  VivaMockTimer *timer;

  reset_data ();
  fixture_open (&f);
  set_up_two_questions (&f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "mock.start", NULL));
  drain_main_loop ();
  type_answer (&f, "PEP 8 is the style guide");
  advance (&f, 45 * SECOND);

  /* Going back to studying pauses the clock; Ctrl+M returns to it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "mock.leave", NULL));
  drain_main_loop ();
  g_assert_cmpint (viva_mock_timer_get_state (viva_mock_view_get_timer (f.view)), ==, VIVA_MOCK_TIMER_STATE_PAUSED);
  advance (&f, 5 * MINUTE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.mock-interview", NULL));
  drain_main_loop ();
  g_assert_cmpstr (viva_mock_view_get_page (f.view), ==, "run");
  g_assert_cmpstr (viva_mock_run_page_get_countdown (viva_mock_view_get_run_page (f.view)), ==, "01:15");

  /* Quit mid-question: the window saves the interview, paused. */
  fixture_close (&f);

  fixture_open (&g);

  /* The last setup is remembered for the next interview. */
  g_assert_cmpuint (viva_mock_setup_get_n_questions (viva_mock_setup_page_get_setup (viva_mock_view_get_setup_page (g.view))), ==, 2);
  g_assert_false (viva_mock_setup_get_random_order (viva_mock_setup_page_get_setup (viva_mock_view_get_setup_page (g.view))));

  session = viva_session_store_get_unfinished (g.sessions);
  g_assert_nonnull (session);

  /* At start-up the window offers to resume; the user says Resume. */
  viva_window_offer_resume (g.window);
  {
    AdwMessageDialog *dialog = NULL;
    GList *toplevels = gtk_window_list_toplevels ();

    for (GList *l = toplevels; l; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data))
        dialog = l->data;
    g_list_free (toplevels);

    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Resume Your Mock Interview?");
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "question 1 of 2"));
    viva_test_save_screenshot (GTK_WIDGET (dialog), "dialog-resume-mock-interview.png");
    adw_message_dialog_response (dialog, "resume");
    gtk_window_destroy (GTK_WINDOW (dialog));
    drain_main_loop ();
  }
  g_assert_true (viva_mock_view_get_session (g.view) == session);

  timer = viva_mock_view_get_timer (g.view);
  g_assert_cmpstr (viva_mock_view_get_page (g.view), ==, "run");
  g_assert_cmpint (viva_mock_timer_get_state (timer), ==, VIVA_MOCK_TIMER_STATE_PAUSED);
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 0), ==, 45 * SECOND);
  g_assert_cmpstr (viva_mock_run_page_get_countdown (viva_mock_view_get_run_page (g.view)), ==, "01:15");
  g_assert_cmpstr (viva_mock_item_get_answer (viva_mock_session_get_item (session, 0)), ==, "PEP 8 is the style guide");

  /* Time while Viva was closed is not counted; resuming counts again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (g.view), "mock.paused", NULL));
  viva_clock_advance (g.clock, 15 * SECOND);
  drain_main_loop ();
  g_assert_cmpstr (viva_mock_run_page_get_countdown (viva_mock_view_get_run_page (g.view)), ==, "01:00");

  fixture_close (&g);
}

/* The header bar's alarm button, and the pause sign on it. */
static gboolean
is_mock_button (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.mock-interview") == 0;
}

static GtkWidget *
find_widget (GtkWidget *root,
             gboolean (*match) (GtkWidget *widget))
{
  if (match (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_paused_badge (GtkWidget *widget)
{
  return gtk_widget_has_css_class (widget, "viva-paused-badge");
}

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
wait_until (gboolean (*condition) (gpointer data),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_USEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* What the alarm button shows, says in its tooltip and tells a screen
 * reader: @question_of is "2 of 2" while an interview waits on its
 * second question of two, NULL when none waits. */
static void
assert_mock_button (Fixture    *f,
                    const char *question_of)
{
  GtkWidget *button = find_widget (GTK_WIDGET (f->window), is_mock_button);
  GtkWidget *badge;

  g_assert_nonnull (button);
  badge = find_widget (button, is_paused_badge);
  g_assert_nonnull (badge);

  if (question_of == NULL)
    {
      g_assert_false (gtk_widget_get_visible (badge));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Mock Interview (Ctrl+M)");
      g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
    }
  else
    {
      g_autofree char *tooltip = g_strdup_printf ("Mock Interview Paused on Question %s (Ctrl+M)", question_of);
      g_autofree char *description = g_strdup_printf ("Paused on question %s", question_of);

      g_assert_true (gtk_widget_get_visible (badge));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, tooltip);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);
    }

  /* Its name stays what the button does. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, "Mock interview");
}

static AdwMessageDialog *
find_message_dialog (void)
{
  AdwMessageDialog *dialog = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      dialog = l->data;
  g_list_free (toplevels);

  return dialog;
}

static void
respond (const char *response)
{
  AdwMessageDialog *dialog = find_message_dialog ();

  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  drain_main_loop ();
}

/* A mock interview left paused marks the alarm button until it is
 * resumed or ended, also after a restart that offered to resume it and
 * was told Not Now. */
static void
test_paused_mark (void)
{
  Fixture f = { 0 };
  Fixture g = { 0 };
  Fixture h = { 0 };
  VivaMockSession *session;

  reset_data ();
  fixture_open (&f);
  assert_mock_button (&f, NULL);

  set_up_two_questions (&f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "mock.start", NULL));
  drain_main_loop ();
  assert_mock_button (&f, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "mock.next", NULL));
  drain_main_loop ();

  /* Escape back to studying: the clock stops, the button says so. */
  g_assert_true (viva_test_press_shortcut (GTK_WIDGET (f.view), "Escape"));
  drain_main_loop ();
  g_assert_cmpint (viva_mock_timer_get_state (viva_mock_view_get_timer (f.view)), ==, VIVA_MOCK_TIMER_STATE_PAUSED);
  assert_mock_button (&f, "2 of 2");
  wait_until (widget_is_mapped, find_widget (GTK_WIDGET (f.window), is_paused_badge));
  viva_test_save_screenshot (GTK_WIDGET (f.window), "mock-paused-mark.png");

  /* It stays while the user studies, whatever else the window shows. */
  advance (&f, 10 * MINUTE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.next-question", NULL));
  drain_main_loop ();
  assert_mock_button (&f, "2 of 2");

  /* Back to it (the button, Ctrl+M): still paused until resumed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.mock-interview", NULL));
  drain_main_loop ();
  g_assert_cmpstr (viva_mock_view_get_page (f.view), ==, "run");
  assert_mock_button (&f, "2 of 2");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "mock.paused", NULL));
  drain_main_loop ();
  assert_mock_button (&f, NULL);

  /* Review from a running interview pauses it too, and marks it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.review", NULL));
  drain_main_loop ();
  g_assert_cmpint (viva_mock_timer_get_state (viva_mock_view_get_timer (f.view)), ==, VIVA_MOCK_TIMER_STATE_PAUSED);
  assert_mock_button (&f, "2 of 2");

  /* Ended: the mark goes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.mock-interview", NULL));
  drain_main_loop ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "mock.end", NULL));
  drain_main_loop ();
  respond ("end");
  g_assert_false (viva_mock_view_get_running (f.view));
  assert_mock_button (&f, NULL);

  /* Another, left paused on its first question as Viva quits. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "mock.show-setup", NULL));
  drain_main_loop ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "mock.start", NULL));
  drain_main_loop ();
  type_answer (&f, "A list is mutable");
  advance (&f, 20 * SECOND);
  fixture_close (&f);

  /* After a restart the button says so at once, before and after the
   * offer to resume is answered Not Now. */
  fixture_open (&g);
  assert_mock_button (&g, "1 of 2");
  viva_window_offer_resume (g.window);
  drain_main_loop ();
  respond ("later");
  assert_mock_button (&g, "1 of 2");

  /* The marked button leads to that interview, paused where it was. */
  session = viva_session_store_get_unfinished (g.sessions);
  g_assert_nonnull (session);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (g.window), "win.mock-interview", NULL));
  drain_main_loop ();
  g_assert_cmpstr (viva_mock_view_get_page (g.view), ==, "run");
  g_assert_true (viva_mock_view_get_session (g.view) == session);
  g_assert_cmpint (viva_mock_timer_get_state (viva_mock_view_get_timer (g.view)), ==, VIVA_MOCK_TIMER_STATE_PAUSED);
  g_assert_cmpstr (viva_mock_run_page_get_countdown (viva_mock_view_get_run_page (g.view)), ==, "01:40");
  assert_mock_button (&g, "1 of 2");

  /* Resumed: the mark goes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (g.view), "mock.paused", NULL));
  drain_main_loop ();
  assert_mock_button (&g, NULL);
  fixture_close (&g);

  /* Ended from the offer at start-up: no mark either. */
  fixture_open (&h);
  assert_mock_button (&h, "1 of 2");
  viva_window_offer_resume (h.window);
  drain_main_loop ();
  respond ("end");
  assert_mock_button (&h, NULL);
  g_assert_null (viva_session_store_get_unfinished (h.sessions));
  fixture_close (&h);
}


/* A coding question: the challenge's code pad */

#define WRONG_SOLUTION \
  "def is_palindrome(s: str) -> bool:\n" \
  "    s = s.lower()\n" \
  "    return s == s[::-1]\n" \
  "\n" \
  "print(is_palindrome('Racecar'))\n"

#define RIGHT_SOLUTION \
  "def is_palindrome(s: str) -> bool:\n" \
  "    return s == s[::-1]\n" \
  "\n" \
  "print(is_palindrome('abba'))\n"

/* The first Practical Coding Challenge, 951 (is_palindrome), alone. */
static void
set_up_challenge (Fixture *f)
{
  VivaMockSetupPage *page = viva_mock_view_get_setup_page (f->view);
  g_autoptr(VivaMockSetup) setup = viva_mock_setup_new ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.mock-interview", NULL));
  drain_main_loop ();

  viva_mock_setup_set_n_questions (setup, 1);
  viva_mock_setup_set_random_order (setup, FALSE);
  viva_mock_setup_set_level_chosen (setup, 6, TRUE);
  viva_mock_setup_page_set_setup (page, setup);
  drain_main_loop ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "mock.start", NULL));
  drain_main_loop ();
  g_assert_cmpstr (viva_mock_view_get_page (f->view), ==, "run");
  g_assert_cmpuint (viva_mock_item_get_number (viva_mock_session_get_item (viva_mock_view_get_session (f->view), 0)), ==, 951);
}

static gboolean
pad_running (gpointer pad)
{
  return viva_code_pad_get_running (pad);
}

static void
count_finished (guint *finished)
{
  (*finished)++;
}

static gboolean
is_nonzero (gpointer counter)
{
  return *(guint *) counter > 0;
}

/* Activates @action of the pad, and waits until the run or test run it
 * starts has ended and said so. */
static void
pad_activate_and_wait (VivaCodePad *pad,
                       const char  *action)
{
  guint finished = 0;
  gulong run_handler = g_signal_connect_swapped (pad, "run-finished", G_CALLBACK (count_finished), &finished);
  gulong tests_handler = g_signal_connect_swapped (pad, "tests-finished", G_CALLBACK (count_finished), &finished);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pad), action, NULL));
  wait_until (is_nonzero, &finished);
  g_signal_handler_disconnect (pad, run_handler);
  g_signal_handler_disconnect (pad, tests_handler);
  drain_main_loop ();
}

static void
replace_code (VivaCodePad *pad,
              const char  *code)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (viva_code_pad_get_buffer (pad));
  GtkTextIter start, end;

  /* As typed: select all, then type over it. */
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, code, -1, TRUE);
}

/* Whether a label under @root shows exactly @text. */
static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return GTK_LABEL (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_coding_question (void)
{
  Fixture f = { 0 };
  VivaMockRunPage *page;
  VivaCodePad *pad;
  VivaMockSession *session;
  VivaMockItem *item;
  VivaMockTimer *timer;
  VivaChallengeResults *results;
  g_autofree char *code = NULL;
  g_autofree char *markdown = NULL;

  reset_data ();
  fixture_open (&f);
  set_up_challenge (&f);

  page = viva_mock_view_get_run_page (f.view);
  pad = viva_mock_run_page_get_code_pad (page);
  session = viva_mock_view_get_session (f.view);
  item = viva_mock_session_get_item (session, 0);
  timer = viva_mock_view_get_timer (f.view);

  /* The answer is the code pad, holding the challenge's starter, which
   * is not kept until changed; the typed answer box is gone. */
  g_assert_true (viva_mock_run_page_get_coding (page));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (pad)));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (viva_mock_run_page_get_answer_view (page))));
  g_assert_true (viva_code_pad_get_tests (pad));
  g_assert_nonnull (viva_code_pad_get_challenge (pad));
  code = viva_code_pad_dup_code (pad);
  g_assert_true (g_str_has_prefix (code, "def is_palindrome(s: str) -> bool:\n"));
  g_assert_false (viva_mock_item_has_code (item));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (viva_code_pad_get_view (pad))));

  /* Typed code is kept as it is typed. */
  replace_code (pad, WRONG_SOLUTION);
  g_assert_cmpstr (viva_mock_item_get_code (item), ==, WRONG_SOLUTION);

  /* Ctrl+Enter in the pad runs the code, and does not move on. The
   * clock runs while the code does, and the time counts. */
  {
    guint finished = 0;

    g_signal_connect_swapped (pad, "run-finished", G_CALLBACK (count_finished), &finished);
    viva_test_send_keys (GTK_WIDGET (pad), "ctrl+Return");
    wait_until (pad_running, pad);
    g_assert_cmpuint (viva_mock_timer_get_current (timer), ==, 0);
    g_assert_true (viva_mock_view_get_running (f.view));
    viva_clock_advance (f.clock, 30 * SECOND);
    wait_until (is_nonzero, &finished);
    g_signal_handlers_disconnect_by_data (pad, &finished);
    drain_main_loop ();
  }
  g_assert_cmpstr (countdown (&f), ==, "19:30");
  g_assert_cmpstr (viva_mock_item_get_output (item), ==, "True\n");

  /* Run Tests: one of ten fails ("Racecar"). */
  {
    guint finished = 0;

    g_signal_connect_swapped (pad, "tests-finished", G_CALLBACK (count_finished), &finished);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pad), "code-pad.run-tests", NULL));
    g_assert_true (viva_code_pad_get_running (pad));
    viva_clock_advance (f.clock, 15 * SECOND);
    wait_until (is_nonzero, &finished);
    g_signal_handlers_disconnect_by_data (pad, &finished);
    drain_main_loop ();
  }
  results = viva_mock_item_get_test_results (item);
  g_assert_nonnull (results);
  g_assert_cmpuint (results->cases->len, ==, 10);
  g_assert_cmpuint (viva_challenge_results_count (results, VIVA_CASE_PASSED), ==, 9);
  g_assert_cmpuint (viva_challenge_results_count (results, VIVA_CASE_FAILED), ==, 1);
  g_assert_cmpstr (countdown (&f), ==, "19:15");
  viva_test_save_screenshot (GTK_WIDGET (f.window), "mock-run-page-code.png");

  /* Every control of the page, the pad's included, has a name. */
  {
    g_autoptr(GString) unnamed = g_string_new (NULL);

    viva_test_collect_unnamed_controls (GTK_WIDGET (page), unnamed);
    g_assert_cmpstr (unnamed->str, ==, "");
  }

  /* Next: the interview (one question) is over; the run's time counted. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "mock.next", NULL));
  drain_main_loop ();
  g_assert_cmpstr (viva_mock_view_get_page (f.view), ==, "summary");
  g_assert_cmpint (viva_mock_item_get_spent (item), ==, 45 * SECOND);

  /* The summary shows the code, monospace and selectable, and its
   * output. */
  {
    GtkWidget *summary = GTK_WIDGET (viva_mock_view_get_summary_page (f.view));
    GtkLabel *code_label = find_label (summary, WRONG_SOLUTION);

    adw_expander_row_set_expanded (find_summary_row (summary, "0:45"), TRUE);
    drain_main_loop ();
    g_assert_nonnull (code_label);
    g_assert_true (gtk_label_get_selectable (code_label));
    g_assert_true (viva_test_label_is_monospace (code_label, "is_palindrome"));
    g_assert_nonnull (find_label (summary, "True\n"));
    g_assert_null (find_label (summary, "No answer typed."));
    g_assert_nonnull (find_label (summary, "9 of 10 tests passed"));
    g_assert_nonnull (find_label (summary, "case counts: failed, expected False, got True"));
    viva_test_save_screenshot (GTK_WIDGET (f.window), "mock-summary-page-code.png");
  }

  /* The report has the code as Python, its output. */
  markdown = viva_mock_session_to_markdown (session, NULL);
  g_assert_nonnull (strstr (markdown, "**Code:**\n\n```python\n" WRONG_SOLUTION "```\n"));
  g_assert_nonnull (strstr (markdown, "**Output:**\n\n```text\nTrue\n```\n"));
  g_assert_nonnull (strstr (markdown, "**Tests:**\n\n**9 of 10 tests passed**\n"));

  fixture_close (&f);

  /* Saved: the code, the output and the results are in the file. */
  {
    g_autofree char *dir = sessions_dir ();
    g_autoptr(VivaSessionStore) reread = viva_session_store_new (dir);
    g_autoptr(VivaMockSession) saved = NULL;
    VivaMockItem *saved_item;

    viva_session_store_load (reread, NULL);
    saved = g_list_model_get_item (viva_session_store_get_sessions (reread), 0);
    saved_item = viva_mock_session_get_item (saved, 0);
    g_assert_cmpstr (viva_mock_item_get_code (saved_item), ==, WRONG_SOLUTION);
    g_assert_cmpstr (viva_mock_item_get_output (saved_item), ==, "True\n");
    g_assert_nonnull (viva_mock_item_get_test_results (saved_item));
    g_assert_cmpuint (viva_challenge_results_count (viva_mock_item_get_test_results (saved_item), VIVA_CASE_PASSED), ==, 9);
  }
}

/* Quit with a coding question open, resume: the pad shows the code, the
 * last output and the last results as they were; finished, the
 * interview reopens from the history with them, read-only. */
static void
test_coding_question_resumed (void)
{
  Fixture f = { 0 };
  Fixture g = { 0 };
  Fixture h = { 0 };
  VivaCodePad *pad;
  VivaMockSession *session;
  g_autofree char *code = NULL;
  g_autofree char *output = NULL;

  reset_data ();
  fixture_open (&f);
  set_up_challenge (&f);
  pad = viva_mock_run_page_get_code_pad (viva_mock_view_get_run_page (f.view));
  replace_code (pad, RIGHT_SOLUTION);
  pad_activate_and_wait (pad, "code-pad.run-tests");
  pad_activate_and_wait (pad, "code-pad.run");
  fixture_close (&f);

  fixture_open (&g);
  session = viva_session_store_get_unfinished (g.sessions);
  g_assert_nonnull (session);
  g_assert_true (viva_mock_view_resume (g.view, session));
  drain_main_loop ();

  pad = viva_mock_run_page_get_code_pad (viva_mock_view_get_run_page (g.view));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (pad)));
  code = viva_code_pad_dup_code (pad);
  g_assert_cmpstr (code, ==, RIGHT_SOLUTION);
  output = viva_code_pad_dup_output (pad);
  g_assert_cmpstr (output, ==, "True\n");
  g_assert_nonnull (viva_code_pad_get_test_results (pad));
  g_assert_cmpuint (viva_challenge_results_count (viva_code_pad_get_test_results (pad), VIVA_CASE_PASSED), ==, 10);
  g_assert_true (viva_code_pad_get_editable (pad));
  g_assert_false (viva_code_pad_get_running (pad));
  /* Shown again, not run again: nothing changed in the session. */
  g_assert_false (viva_document_store_get_dirty (VIVA_DOCUMENT_STORE (g.sessions)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (g.view), "mock.paused", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (g.view), "mock.next", NULL));
  drain_main_loop ();
  g_assert_cmpstr (viva_mock_view_get_page (g.view), ==, "summary");
  fixture_close (&g);

  /* From the history: the summary, read-only, with the code. */
  fixture_open (&h);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (h.view), "mock.show-history", NULL));
  drain_main_loop ();
  g_signal_emit_by_name (viva_mock_history_page_get_row (viva_mock_view_get_history_page (h.view), 0), "activate");
  drain_main_loop ();
  g_assert_cmpstr (viva_mock_view_get_page (h.view), ==, "summary");
  g_assert_true (viva_mock_session_get_read_only (viva_mock_summary_page_get_session (viva_mock_view_get_summary_page (h.view))));
  g_assert_nonnull (find_label (GTK_WIDGET (viva_mock_view_get_summary_page (h.view)), RIGHT_SOLUTION));
  g_assert_nonnull (find_label (GTK_WIDGET (viva_mock_view_get_summary_page (h.view)), "All 10 tests passed"));
  fixture_close (&h);
}

/* Which questions get a code pad: one that asks to write code (102, "a
 * for loop") without a challenge, whose Run Tests runs the user's
 * asserts; not one that asks what code outputs (6), which keeps its
 * answer box. */
static void
test_write_question (void)
{
  Fixture f = { 0 };
  g_autoptr(VivaContext) context = NULL;
  g_autoptr(VivaMockSetup) setup = viva_mock_setup_new ();
  g_autoptr(GPtrArray) questions = g_ptr_array_new ();
  g_autoptr(VivaMockSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  VivaMockRunPage *page;
  VivaCodePad *pad;
  VivaBank *bank;
  VivaChallengeResults *results;

  reset_data ();
  fixture_open (&f);
  g_object_get (f.view, "context", &context, NULL);
  bank = viva_context_get_bank (context);

  g_ptr_array_add (questions, viva_bank_lookup_question (bank, 6));
  g_ptr_array_add (questions, viva_bank_lookup_question (bank, 102));
  g_assert_cmpint (viva_code_classify_question (g_ptr_array_index (questions, 0)) & VIVA_CODE_QUESTION_ASKS_TO_WRITE, ==, 0);
  g_assert_cmpint (viva_code_classify_question (g_ptr_array_index (questions, 0)) & VIVA_CODE_QUESTION_ASKS_OUTPUT, !=, 0);
  g_assert_cmpint (viva_code_classify_question (g_ptr_array_index (questions, 1)) & VIVA_CODE_QUESTION_ASKS_TO_WRITE, !=, 0);
  g_assert_null (viva_context_lookup_challenge (context, VIVA_BUNDLED_BANK_ID, 102));

  session = viva_mock_session_new (bank, setup, questions, 0);
  g_assert_true (viva_session_store_add (f.sessions, session, &error));
  g_assert_no_error (error);
  g_assert_true (viva_mock_session_set_state (session, VIVA_MOCK_SESSION_STATE_PAUSED));
  g_assert_true (viva_mock_view_resume (f.view, session));
  drain_main_loop ();

  page = viva_mock_view_get_run_page (f.view);
  pad = viva_mock_run_page_get_code_pad (page);
  g_assert_false (viva_mock_run_page_get_coding (page));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (viva_mock_run_page_get_answer_view (page))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (pad)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "mock.paused", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "mock.next", NULL));
  drain_main_loop ();
  g_assert_true (viva_mock_run_page_get_coding (page));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (pad)));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (viva_mock_run_page_get_answer_view (page))));
  g_assert_null (viva_code_pad_get_challenge (pad));
  g_assert_true (viva_code_pad_get_tests (pad));

  replace_code (pad, "for i in range(5):\n    print(i)\n\nassert list(range(5)) == [0, 1, 2, 3, 4]\n");
  pad_activate_and_wait (pad, "code-pad.run-tests");
  results = viva_mock_item_get_test_results (viva_mock_session_get_item (session, 1));
  g_assert_nonnull (results);
  g_assert_null (results->load_error);
  g_assert_cmpuint (results->cases->len, ==, 1);
  g_assert_cmpuint (viva_challenge_results_count (results, VIVA_CASE_PASSED), ==, 1);
  g_assert_false (viva_mock_item_has_code (viva_mock_session_get_item (session, 0)));

  fixture_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  viva_test_init_ui (&argc, &argv);
  viva_test_load_app_style ();

  g_test_add_func ("/mock/two-question-interview", test_two_question_interview);
  g_test_add_func ("/mock/summary-date", test_summary_date);
  g_test_add_func ("/mock/resume-after-quit", test_resume_after_quit);
  g_test_add_func ("/mock/answer-size-is-capped", test_answer_size_is_capped);
  g_test_add_func ("/mock/paused-mark", test_paused_mark);
  g_test_add_func ("/mock/coding-question", test_coding_question);
  g_test_add_func ("/mock/coding-question/resumed", test_coding_question_resumed);
  g_test_add_func ("/mock/coding-question/write-question", test_write_question);
  g_test_add_func ("/mock/end-asks/return-keeps-going", test_end_asks_return_keeps_going);

  return g_test_run ();
}
