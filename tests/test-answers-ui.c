/* test-answers-ui.c
 *
 * A bank's answers as a user meets them: collapsed behind "Show Answer"
 * in the study view, revealed with the notes in Review, above the study
 * notes in the interviewer's answer key, never in the candidate's
 * window, and under the user's own answer in a mock interview's summary.
 * The bank is tests/data/banks/answers.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>
#include <string.h>

#include "viva-answer-view.h"
#include "viva-bank.h"
#include "viva-candidate-window.h"
#include "viva-clock.h"
#include "viva-context.h"
#include "viva-interview.h"
#include "viva-interview-live-page.h"
#include "viva-mock-session.h"
#include "viva-mock-setup.h"
#include "viva-mock-summary-page.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-question.h"
#include "viva-question-view.h"
#include "viva-review-view.h"
#include "viva-test-util.h"

#define MINUTE ((gint64) 60 * G_USEC_PER_SEC)

static VivaBank *
load_answers_bank (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "banks", "answers.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  VivaBank *bank = viva_bank_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return bank;
}

static void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, found);
}

static GtkWidget *
find_one (GtkWidget *root,
          GType      type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_widgets (root, type, found);
  g_assert_cmpuint (found->len, ==, 1);
  return g_ptr_array_index (found, 0);
}

/* What a reader sees: every label's text and every text view's. */
static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  else if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      g_autofree char *text = NULL;
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_string_append_printf (out, "%s\n", text);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

typedef struct
{
  VivaTestWindow  test_window;
  VivaBank       *bank;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  viva_test_window_open (&f->test_window, NULL, 1100, 900);
  f->bank = load_answers_bank ();
  viva_window_set_bank (f->test_window.window, f->bank);
  viva_test_drain_main_loop ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  viva_test_window_close (&f->test_window);
  g_clear_object (&f->bank);
}

static void
show_question (Fixture *f,
               guint    number)
{
  viva_window_show_question (f->test_window.window, viva_bank_lookup_question (f->bank, number));
  viva_test_drain_main_loop ();
}

/* Collapsed on every question, built only when opened, code in a
 * read-only monospace GtkSourceView with Python highlighting; hidden for
 * a question without an answer. */
static void
test_study (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (viva_window_get_question_view (f->test_window.window));
  GtkExpander *expander;
  VivaAnswerView *answer_view;
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();
  GtkSourceView *code;
  GtkSourceLanguage *language;

  show_question (f, 1);
  expander = GTK_EXPANDER (find_one (view, GTK_TYPE_EXPANDER));
  /* GtkExpander keeps its child out of the widget tree while closed. */
  answer_view = VIVA_ANSWER_VIEW (gtk_expander_get_child (expander));

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (expander)));
  g_assert_cmpstr (gtk_expander_get_label (expander), ==, "Show Answer");
  g_assert_false (gtk_expander_get_expanded (expander));
  /* Nothing of the answer is built, nor readable, while it is closed. */
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (answer_view)));
  g_assert_null (gtk_widget_get_first_child (GTK_WIDGET (answer_view)));
  collect_text (view, shown);
  g_assert_null (strstr (shown->str, "code points"));

  /* Opened as the keyboard does (Space or Enter on the expander). */
  gtk_widget_grab_focus (GTK_WIDGET (expander));
  g_assert_true (gtk_widget_activate (GTK_WIDGET (expander)));
  viva_test_wait_until (is_mapped, answer_view, VIVA_TEST_WAIT_LIMIT_USEC, "the answer shown");
  viva_test_drain_main_loop ();
  g_assert_true (gtk_expander_get_expanded (expander));

  g_string_truncate (shown, 0);
  collect_text (view, shown);
  g_assert_nonnull (strstr (shown->str, "The number of characters (code points) in it, not bytes:"));
  g_assert_nonnull (strstr (shown->str, "len(\"h\xc3\xa9llo\")  # 5\nlen(\"h\xc3\xa9llo\".encode())  # 6"));

  collect_widgets (GTK_WIDGET (answer_view), GTK_SOURCE_TYPE_VIEW, sources);
  g_assert_cmpuint (sources->len, ==, 1);
  code = g_ptr_array_index (sources, 0);
  language = gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (code))));
  g_assert_nonnull (language);
  g_assert_cmpstr (gtk_source_language_get_id (language), ==, "python3");
  g_assert_true (gtk_text_view_get_monospace (GTK_TEXT_VIEW (code)));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (code)));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (code), GTK_ACCESSIBLE_PROPERTY_LABEL, "Code");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (answer_view), GTK_ACCESSIBLE_PROPERTY_LABEL, "Answer");
  {
    g_autoptr(GString) unnamed = g_string_new (NULL);

    viva_test_collect_unnamed_controls (view, unnamed);
    g_assert_cmpstr (unnamed->str, ==, "");
  }
  viva_test_save_screenshot (GTK_WIDGET (f->test_window.window), "answers-study.png");

  /* The next question starts closed again, with its own answer. */
  show_question (f, 2);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (expander)));
  g_assert_false (gtk_expander_get_expanded (expander));
  g_assert_cmpstr (viva_answer_view_get_answer (answer_view), ==,
                   viva_question_get_answer (viva_bank_lookup_question (f->bank, 2)));

  /* No answer: nothing to open. */
  show_question (f, 3);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (expander)));
}

/* A widget's own key handler, as GTK calls it for a key press. */
static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
          viva_test_drain_main_loop ();
          return handled;
        }
    }

  g_assert_not_reached ();
}

/* Review shows the question alone, then the answer and the notes. */
static void
test_review_reveal (Fixture       *f,
                    gconstpointer  data)
{
  VivaReviewView *review;
  GtkWidget *answer_view;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  VivaNote *note;
  VivaQuestion *question;

  note = viva_notes_store_get_note (f->test_window.notes, viva_bank_get_id (f->bank), 1);
  viva_note_set_text (note, "My note: bytes differ.");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->test_window.window), "win.review", NULL));
  viva_test_drain_main_loop ();
  review = viva_window_get_review_view (f->test_window.window);
  question = viva_review_view_get_question (review);
  g_assert_nonnull (question);
  g_assert_cmpuint (viva_question_get_number (question), ==, 1);

  answer_view = find_one (GTK_WIDGET (review), VIVA_TYPE_ANSWER_VIEW);

  collect_text (GTK_WIDGET (review), before);
  g_assert_nonnull (strstr (before->str, "Show Answer"));
  g_assert_null (strstr (before->str, "code points"));
  g_assert_null (strstr (before->str, "My note"));
  g_assert_false (gtk_widget_get_mapped (answer_view));

  /* Space, as the view's key handler gets it. */
  g_assert_true (press_key (GTK_WIDGET (review), GDK_KEY_space));
  viva_test_wait_until (is_mapped, answer_view, VIVA_TEST_WAIT_LIMIT_USEC, "the answer revealed");
  viva_test_drain_main_loop ();

  collect_text (GTK_WIDGET (review), after);
  g_assert_nonnull (strstr (after->str, "Answer in the Bank"));
  g_assert_nonnull (strstr (after->str, "code points"));
  g_assert_nonnull (strstr (after->str, "My note: bytes differ."));
  /* The answer above the notes. */
  g_assert_cmpint (strstr (after->str, "code points") - after->str, <, strstr (after->str, "My note") - after->str);
  viva_test_save_screenshot (GTK_WIDGET (f->test_window.window), "answers-review.png");
}

/* The interviewer's answer key: the bank's answer above the study
 * notes; the candidate's window never holds it. */
static void
test_answer_key (void)
{
  g_autoptr(VivaBank) bank = load_answers_bank ();
  g_autofree char *dir = g_dir_make_tmp ("viva-answers-XXXXXX", NULL);
  g_autofree char *notes_path = g_build_filename (dir, "notes.json", NULL);
  g_autoptr(VivaNotesStore) notes = viva_notes_store_new (notes_path);
  g_autoptr(VivaClock) clock = viva_clock_new_fake (1000 * MINUTE);
  g_autoptr(VivaInterview) interview = viva_interview_new (clock);
  g_autoptr(VivaContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) shown = g_string_new (NULL);
  VivaInterviewLivePage *page;
  VivaCandidateWindow *candidate;
  GtkWindow *window;

  viva_notes_store_load (notes, NULL);
  viva_note_set_text (viva_notes_store_get_note (notes, viva_bank_get_id (bank), 2), "Ask about range.");
  g_assert_true (viva_interview_append_question (interview, viva_bank_lookup_question (bank, 2), 2 * MINUTE, &error));
  g_assert_no_error (error);
  g_assert_true (viva_interview_append_question (interview, viva_bank_lookup_question (bank, 3), 2 * MINUTE, &error));
  g_assert_no_error (error);
  g_assert_true (viva_interview_start (interview));

  context = g_object_new (VIVA_TYPE_CONTEXT, "notes-store", notes, "clock", clock, NULL);
  viva_context_set_bank (context, bank);
  page = g_object_new (VIVA_TYPE_INTERVIEW_LIVE_PAGE, "context", context, NULL);
  viva_interview_live_page_set_interview (page, interview);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1100, 760);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  viva_test_wait_mapped (GTK_WIDGET (page));
  viva_test_drain_main_loop ();

  g_assert_cmpstr (viva_interview_live_page_get_bank_answer (page), ==,
                   viva_question_get_answer (viva_bank_lookup_question (bank, 2)));
  g_assert_cmpstr (viva_interview_live_page_get_answer_key (page), ==, "Ask about range.");
  collect_text (GTK_WIDGET (page), shown);
  g_assert_nonnull (strstr (shown->str, "Answer in the Bank"));
  g_assert_nonnull (strstr (shown->str, "list(range(5))"));
  g_assert_cmpint (strstr (shown->str, "list(range(5))") - shown->str, <, strstr (shown->str, "Ask about range.") - shown->str);
  viva_test_save_screenshot (GTK_WIDGET (window), "answers-answer-key.png");

  /* The candidate's window: the question, never the answer. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "live.candidate-shown", NULL));
  viva_test_drain_main_loop ();
  candidate = viva_interview_live_page_get_candidate_window (page);
  g_assert_nonnull (candidate);
  g_string_truncate (shown, 0);
  collect_text (GTK_WIDGET (candidate), shown);
  g_assert_nonnull (strstr (shown->str, "numbers 0 to 4"));
  g_assert_null (strstr (shown->str, "range"));
  g_assert_null (strstr (shown->str, "comprehension"));
  gtk_window_close (GTK_WINDOW (candidate));
  viva_test_drain_main_loop ();

  /* A question without an answer, and one of the interviewer's own. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "live.next", NULL));
  viva_test_drain_main_loop ();
  g_assert_null (viva_interview_live_page_get_bank_answer (page));
  g_assert_true (viva_interview_live_page_add_question (page, 0, "What does len() return for a string?", NULL));
  viva_test_drain_main_loop ();
  g_assert_null (viva_interview_live_page_get_bank_answer (page));

  gtk_window_destroy (window);
  viva_test_drain_main_loop ();
  g_assert_true (viva_notes_store_flush (notes, NULL));
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_remove (path);
      }
    g_rmdir (dir);
  }
}

/* The mock interview's summary: the bank's answer under the user's. */
static void
test_mock_summary (void)
{
  g_autoptr(VivaBank) bank = load_answers_bank ();
  g_autoptr(VivaMockSetup) setup = viva_mock_setup_new ();
  g_autoptr(GPtrArray) questions = NULL;
  g_autoptr(VivaMockSession) session = NULL;
  g_autoptr(VivaContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  VivaMockSummaryPage *page;
  GtkWindow *window;
  guint64 seed = 0;

  viva_mock_setup_set_n_questions (setup, 7);
  questions = viva_mock_setup_select (setup, bank, NULL, &seed, &error);
  g_assert_no_error (error);
  session = viva_mock_session_new (bank, setup, questions, seed);

  context = g_object_new (VIVA_TYPE_CONTEXT, NULL);
  viva_context_set_bank (context, bank);
  page = g_object_new (VIVA_TYPE_MOCK_SUMMARY_PAGE, "context", context, NULL);
  viva_mock_summary_page_set_session (page, session);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 900, 900);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  viva_test_wait_mapped (GTK_WIDGET (page));

  collect_widgets (GTK_WIDGET (page), ADW_TYPE_EXPANDER_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 7);
  for (guint i = 0; i < rows->len; i++)
    adw_expander_row_set_expanded (g_ptr_array_index (rows, i), TRUE);
  viva_test_drain_main_loop ();

  /* Five of the seven questions have an answer in the bank. */
  collect_widgets (GTK_WIDGET (page), VIVA_TYPE_ANSWER_VIEW, views);
  g_assert_cmpuint (views->len, ==, 5);
  for (guint i = 0; i < views->len; i++)
    viva_test_wait_until (is_mapped, g_ptr_array_index (views, i), VIVA_TEST_WAIT_LIMIT_USEC, "an answer shown");
  viva_test_drain_main_loop ();
  viva_test_save_screenshot (GTK_WIDGET (window), "answers-mock-summary.png");
  collect_text (GTK_WIDGET (page), shown);
  g_assert_nonnull (strstr (shown->str, "Answer in the Bank"));
  g_assert_nonnull (strstr (shown->str, "context manager"));
  g_assert_nonnull (strstr (shown->str, "No answer typed."));

  gtk_window_destroy (window);
  viva_test_drain_main_loop ();
}

int
main (int   argc,
      char *argv[])
{
  viva_test_init_ui (&argc, &argv);
  viva_test_load_app_style ();

  g_test_add ("/answers-ui/study", Fixture, NULL, fixture_set_up, test_study, fixture_tear_down);
  g_test_add ("/answers-ui/review-reveal", Fixture, NULL, fixture_set_up, test_review_reveal, fixture_tear_down);
  g_test_add_func ("/answers-ui/answer-key", test_answer_key);
  g_test_add_func ("/answers-ui/mock-summary", test_mock_summary);

  return g_test_run ();
}
