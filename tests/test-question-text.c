/* test-question-text.c
 *
 * A question reads the same wherever Viva shows it: its inline code in
 * monospace, the rest in the text font (issue 9: the live page and the
 * candidate window showed code as prose). Through the real window: the
 * study view (browsing and searching) and its See Also links, an
 * interview's plan, its question picker, live page, candidate window
 * and wrap-up, and a mock interview's run and summary. Not the
 * sidebar's titles: viva-sidebar-row.c says why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "viva-bank.h"
#include "viva-candidate-window.h"
#include "viva-clock.h"
#include "viva-context.h"
#include "viva-interview.h"
#include "viva-interview-live-page.h"
#include "viva-interview-plan-page.h"
#include "viva-interview-store.h"
#include "viva-interview-view.h"
#include "viva-interview-wrapup-page.h"
#include "viva-mock-setup.h"
#include "viva-mock-setup-page.h"
#include "viva-mock-view.h"
#include "viva-notes-store.h"
#include "viva-question.h"
#include "viva-question-picker.h"
#include "viva-question-view.h"
#include "viva-session-store.h"
#include "viva-sidebar.h"
#include "viva-test-util.h"
#include "viva-window.h"

#define MINUTE ((gint64) 60 * G_USEC_PER_SEC)

/* The window, its stores and a clock that stands still, so that an
 * interview's times are the same at every run. */
typedef VivaTestWindow Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (1000 * MINUTE);

  viva_test_window_open (f, clock, 1180, 760);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  viva_test_window_close (f);
}

/* The label under @root that shows @text, or NULL. */
static GtkLabel *
find_label_showing (GtkWidget  *root,
                    const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return GTK_LABEL (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_showing (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* @where shows the question with @code in monospace, and @prose, from
 * the same question, not. */
static void
assert_reads_as_code (const char *where,
                      GtkWidget  *root,
                      const char *code,
                      const char *prose)
{
  GtkLabel *label = find_label_showing (root, code);

  g_test_message ("%s: “%s”", where, label != NULL ? gtk_label_get_text (label) : "(no label)");
  g_assert_nonnull (label);
  g_assert_nonnull (strstr (gtk_label_get_text (label), prose));
  g_assert_true (viva_test_label_is_monospace (label, code));
  g_assert_false (viva_test_label_is_monospace (label, prose));
}

static GtkLabel *
wait_for_label (GtkWidget  *root,
                const char *text)
{
  gint64 deadline = g_get_monotonic_time () + VIVA_TEST_WAIT_LIMIT_USEC;

  while (find_label_showing (root, text) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return find_label_showing (root, text);
}

static void
activate (GtkWidget  *widget,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (widget, action, NULL));
  viva_test_drain_main_loop ();
}

/* Studying: question 6, "What is the output of `print(type(15))`?",
 * whose See Also links to question 7, "… `print(type("Hello"))`?" */
static void
test_study (Fixture       *f,
            gconstpointer  data)
{
  VivaBank *bank = viva_window_get_bank (f->window);
  VivaQuestion *question = viva_bank_lookup_question (bank, 6);
  GtkWidget *view = GTK_WIDGET (viva_window_get_question_view (f->window));

  viva_window_show_question (f->window, question);
  viva_test_drain_main_loop ();
  assert_reads_as_code ("Study view", view, "print(type(15))", "What is the output");
  wait_for_label (view, "print(type(\"Hello\"))");
  assert_reads_as_code ("See Also", view, "print(type(\"Hello\"))", "What is the output");

  /* Searching highlights the words, the code still in monospace. */
  viva_sidebar_set_filter_text (viva_window_get_sidebar (f->window), "output type");
  viva_test_drain_main_loop ();
  assert_reads_as_code ("Study view, searching", view, "print(type(15))", "What is the output");
  viva_test_save_screenshot (GTK_WIDGET (f->window), "question-text-study.png");
}

/* Interviewing: question 31, "If `x = 10`, what will
 * `x > 5 and x < 15` evaluate to?", from the plan to the wrap-up. */
static void
test_interview (Fixture       *f,
                gconstpointer  data)
{
  VivaInterviewView *view = viva_window_get_interview_view (f->window);
  VivaInterviewLivePage *live;
  VivaQuestionPicker *picker;
  VivaCandidateWindow *candidate;
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-question-to-interview", "u", 31));
  activate (GTK_WIDGET (f->window), "win.new-interview");
  g_assert_cmpstr (viva_interview_view_get_page (view), ==, "plan");
  assert_reads_as_code ("Plan", viva_interview_plan_page_get_row (viva_interview_view_get_plan_page (view), 0),
                        "x > 5 and x < 15", "evaluate to");
  viva_test_save_screenshot (GTK_WIDGET (f->window), "question-text-plan.png");

  activate (GTK_WIDGET (viva_interview_view_get_plan_page (view)), "plan.start");
  g_assert_cmpstr (viva_interview_view_get_page (view), ==, "live");
  live = viva_interview_view_get_live_page (view);
  assert_reads_as_code ("Live page", GTK_WIDGET (live), "x > 5 and x < 15", "evaluate to");
  activate (GTK_WIDGET (live), "live.candidate-shown");
  candidate = viva_interview_live_page_get_candidate_window (live);
  g_assert_nonnull (candidate);
  assert_reads_as_code ("Candidate window", GTK_WIDGET (candidate), "x > 5 and x < 15", "evaluate to");

  /* The picker offers bank questions as they read. */
  picker = viva_interview_live_page_get_question_picker (live);
  viva_question_picker_set_query (picker, "print type hello");
  assert_reads_as_code ("Question picker", GTK_WIDGET (viva_question_picker_get_list (picker)),
                        "print(type(\"Hello\"))", "What is the output");

  activate (GTK_WIDGET (live), "live.finish");
  dialog = viva_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "finish");
  viva_test_drain_main_loop ();
  g_assert_cmpstr (viva_interview_view_get_page (view), ==, "wrapup");
  assert_reads_as_code ("Wrap-up", GTK_WIDGET (viva_interview_view_get_wrapup_page (view)),
                        "x > 5 and x < 15", "evaluate to");
  viva_test_save_screenshot (GTK_WIDGET (f->window), "question-text-wrapup.png");
}

/* A mock interview of one question: the first of Level 1's Operators,
 * question 21, "What is the result of `10 + 5 * 2`?" */
static void
test_mock (Fixture       *f,
           gconstpointer  data)
{
  VivaMockView *view = viva_window_get_mock_view (f->window);
  g_autoptr(VivaMockSetup) setup = viva_mock_setup_new ();

  activate (GTK_WIDGET (f->window), "win.mock-interview");
  viva_mock_setup_set_n_questions (setup, 1);
  viva_mock_setup_set_random_order (setup, FALSE);
  viva_mock_setup_set_topic_chosen (setup, 1, "Operators", TRUE);
  viva_mock_setup_page_set_setup (viva_mock_view_get_setup_page (view), setup);
  viva_test_drain_main_loop ();

  activate (GTK_WIDGET (view), "mock.start");
  g_assert_cmpstr (viva_mock_view_get_page (view), ==, "run");
  assert_reads_as_code ("Mock interview", GTK_WIDGET (viva_mock_view_get_run_page (view)),
                        "10 + 5 * 2", "What is the result");

  activate (GTK_WIDGET (view), "mock.next");
  g_assert_cmpstr (viva_mock_view_get_page (view), ==, "summary");
  assert_reads_as_code ("Mock summary", GTK_WIDGET (viva_mock_view_get_summary_page (view)),
                        "10 + 5 * 2", "What is the result");
}

int
main (int   argc,
      char *argv[])
{
  viva_test_init_ui (&argc, &argv);
  viva_test_load_app_style ();

  g_test_add ("/question-text/study", Fixture, NULL,
              fixture_set_up, test_study, fixture_tear_down);
  g_test_add ("/question-text/interview", Fixture, NULL,
              fixture_set_up, test_interview, fixture_tear_down);
  g_test_add ("/question-text/mock", Fixture, NULL,
              fixture_set_up, test_mock, fixture_tear_down);

  return g_test_run ();
}
