/* test-code-pad.c
 *
 * Run Tests as a user meets it in the study view (issue 11), in the
 * real window with the real runner and bubblewrap: challenge 951's
 * starter code, a solution that fails one case then one that passes
 * them all, each row's status word and what a screen reader reads; a
 * test of the user's own added through the form, saved in the note,
 * run with the shipped ones, edited and removed with Undo; a question
 * that asks to write code without shipped tests, whose asserts and
 * test_ functions run as tests; and the code pad alone
 * as the mock interview and the live page use it: its signals, and a
 * saved output and results shown without running. And the style
 * schemes Viva reads as it starts: only those its editors show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <gtksourceview/gtksource.h>

#include "viva-application.h"
#include "viva-bank.h"
#include "viva-challenge-run.h"
#include "viva-code-extract.h"
#include "viva-code-pad.h"
#include "viva-context.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-question.h"
#include "viva-question-view.h"
#include "viva-scratchpad.h"
#include "viva-test-util.h"
#include "viva-window.h"

/* Not a timed assertion: only how long a test may hang before it says
 * what it was waiting for. */
#define HANG_LIMIT_USEC (120 * G_USEC_PER_SEC)

typedef VivaTestWindow Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  viva_test_window_open (f, NULL, 1100, 1000);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  viva_test_window_close (f);
}

typedef gboolean (*Condition) (VivaCodePad *pad);

static void
wait_for (VivaCodePad *pad,
          Condition    condition,
          const char  *what)
{
  viva_test_wait_until ((VivaTestCondition) condition, pad, HANG_LIMIT_USEC, what);
}

static gboolean
not_running (VivaCodePad *pad)
{
  return !viva_code_pad_get_running (pad);
}

static gboolean
output_started (VivaCodePad *pad)
{
  g_autofree char *output = viva_code_pad_dup_output (pad);

  return strstr (output, "started") != NULL;
}

static VivaScratchpad *
show_question (Fixture *f,
               guint    number)
{
  VivaQuestionView *view = viva_window_get_question_view (f->window);
  VivaScratchpad *scratchpad = viva_question_view_get_scratchpad (view);
  VivaCodePad *pad;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-question", "u", number));
  viva_test_drain_main_loop ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (scratchpad)));
  /* Built by the first question that offers it. */
  pad = viva_scratchpad_get_code_pad (scratchpad);
  viva_test_wait_mapped (GTK_WIDGET (pad));
  viva_test_wait_runner_settled (viva_context_get_python_runner (viva_code_pad_get_context (pad)));

  return scratchpad;
}

/* Replaces the code as typing would: an edit of the buffer. */
static void
type_code (VivaCodePad *pad,
           const char  *code)
{
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (viva_code_pad_get_buffer (pad)), code, -1);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_visible (root) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The rows of the results, in the order they show. */
static void
collect_result_rows (GtkWidget *root,
                     GPtrArray *rows)
{
  if (GTK_IS_LIST_BOX_ROW (root) && gtk_widget_has_css_class (root, "viva-test-result"))
    g_ptr_array_add (rows, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    collect_result_rows (child, rows);
}

/* Whether the row shows @text in one of its labels. */
static gboolean
row_shows (GtkWidget  *root,
           const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    if (row_shows (child, text))
      return TRUE;

  return FALSE;
}

static void
run_tests_with_keyboard (VivaCodePad *pad)
{
  GtkWidget *view = GTK_WIDGET (viva_code_pad_get_view (pad));

  gtk_widget_grab_focus (view);
  viva_test_drain_main_loop ();
  g_assert_true (gtk_widget_has_focus (view));
  viva_test_send_keys (view, "ctrl+shift+Return");
  wait_for (pad, viva_code_pad_get_running, "the test run to start");
  wait_for (pad, not_running, "the test run to end");
}

static void
click_and_wait (VivaCodePad *pad,
                const char  *label)
{
  GtkWidget *button = find_button (GTK_WIDGET (pad), label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  wait_for (pad, viva_code_pad_get_running, "the run to start");
  wait_for (pad, not_running, "the run to end");
}

typedef struct
{
  guint                 n_tests_finished;
  char                 *code;
  VivaChallengeResults *results;
} Finished;

static void
tests_finished_cb (VivaCodePad          *pad,
                   const char           *code,
                   VivaChallengeResults *results,
                   Finished             *finished)
{
  finished->n_tests_finished++;
  g_free (finished->code);
  finished->code = g_strdup (code);
  g_clear_pointer (&finished->results, viva_challenge_results_free);
  if (results != NULL)
    finished->results = viva_challenge_results_copy (results);
}

#define ALMOST_RIGHT "def is_palindrome(s):\n    return s.lower() == s[::-1].lower()\n"
#define RIGHT        "def is_palindrome(s):\n    return s == s[::-1]\n"

static void
test_challenge_951 (Fixture       *f,
                    gconstpointer  data)
{
  VivaScratchpad *scratchpad = show_question (f, 951);
  VivaCodePad *pad = viva_scratchpad_get_code_pad (scratchpad);
  VivaNote *note = viva_question_view_get_note (viva_window_get_question_view (f->window));
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GString) unnamed = g_string_new (NULL);
  g_autofree char *code = viva_code_pad_dup_code (pad);
  g_autofree char *output = NULL;
  int min_height = 0;
  Finished finished = { 0 };
  VivaChallengeResults *results;

  g_signal_connect (pad, "tests-finished", G_CALLBACK (tests_finished_cb), &finished);

  /* The starter code fills the empty pad; looking is not editing. */
  g_assert_true (g_str_has_prefix (code, "def is_palindrome(s: str) -> bool:"));
  g_assert_false (viva_note_get_has_code (note));
  g_assert_true (viva_code_pad_get_tests (pad));
  g_assert_nonnull (find_button (GTK_WIDGET (pad), "Run Tests"));
  g_assert_nonnull (find_button (GTK_WIDGET (scratchpad), "Add Test"));

  /* One case wrong: it shows first, with what it expected and got. */
  type_code (pad, ALMOST_RIGHT);
  run_tests_with_keyboard (pad);
  g_assert_cmpstr (viva_code_pad_get_result (pad), ==, "9 of 10 tests passed");
  results = viva_code_pad_get_test_results (pad);
  g_assert_nonnull (results);
  g_assert_cmpuint (results->cases->len, ==, 10);
  g_assert_cmpuint (viva_challenge_results_count (results, VIVA_CASE_PASSED), ==, 9);
  g_assert_cmpuint (viva_challenge_results_count (results, VIVA_CASE_FAILED), ==, 1);

  collect_result_rows (GTK_WIDGET (pad), rows);
  g_assert_cmpuint (rows->len, ==, 10);
  g_assert_true (row_shows (g_ptr_array_index (rows, 0), "failed"));
  g_assert_true (row_shows (g_ptr_array_index (rows, 0), "case counts"));
  g_assert_true (row_shows (g_ptr_array_index (rows, 0), "is_palindrome('Racecar')"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (g_ptr_array_index (rows, 0)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "case counts: failed, expected False, got True");
  for (guint i = 1; i < rows->len; i++)
    g_assert_true (row_shows (g_ptr_array_index (rows, i), "passed"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (g_ptr_array_index (rows, 1)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "a palindrome: passed");

  /* The owner hears of it, with the code it ran. */
  g_assert_cmpuint (finished.n_tests_finished, ==, 1);
  g_assert_cmpstr (finished.code, ==, ALMOST_RIGHT);
  g_assert_nonnull (finished.results);
  g_assert_cmpuint (viva_challenge_results_count (finished.results, VIVA_CASE_FAILED), ==, 1);

  /* Nothing printed: no empty output box above the results. */
  output = viva_code_pad_dup_output (pad);
  g_assert_cmpstr (output, ==, "");
  g_assert_false (gtk_widget_get_visible (find_named (GTK_WIDGET (pad), "output")));
  /* However many cases, the page fits the window it had. */
  gtk_widget_measure (GTK_WIDGET (viva_window_get_question_view (f->window)), GTK_ORIENTATION_VERTICAL, -1,
                      &min_height, NULL, NULL, NULL);
  g_assert_cmpint (min_height, <, 900);

  viva_test_save_screenshot (GTK_WIDGET (f->window), "code-pad-951-failing.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  viva_test_save_screenshot (GTK_WIDGET (f->window), "code-pad-951-failing-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Right: everything passes, with the button this time. */
  type_code (pad, RIGHT);
  click_and_wait (pad, "Run Tests");
  g_assert_cmpstr (viva_code_pad_get_result (pad), ==, "All 10 tests passed");
  g_ptr_array_set_size (rows, 0);
  collect_result_rows (GTK_WIDGET (pad), rows);
  g_assert_cmpuint (rows->len, ==, 10);
  for (guint i = 0; i < rows->len; i++)
    g_assert_true (row_shows (g_ptr_array_index (rows, i), "passed"));
  g_assert_cmpuint (finished.n_tests_finished, ==, 2);

  /* The code is the note's now. */
  g_assert_cmpstr (viva_note_get_code (note), ==, RIGHT);

  /* Code that does not load: why, and no case ran. */
  type_code (pad, "def is_palindrome(s)\n    return True\n");
  click_and_wait (pad, "Run Tests");
  results = viva_code_pad_get_test_results (pad);
  g_assert_nonnull (results);
  g_assert_nonnull (results->load_error);
  g_assert_nonnull (strstr (results->load_error, "SyntaxError"));
  g_assert_cmpuint (viva_challenge_results_count (results, VIVA_CASE_NOT_RUN), ==, 10);

  viva_test_collect_unnamed_controls (GTK_WIDGET (scratchpad), unnamed);
  g_assert_cmpstr (unnamed->str, ==, "");

  g_signal_handlers_disconnect_by_data (pad, &finished);
  g_free (finished.code);
  g_clear_pointer (&finished.results, viva_challenge_results_free);
}

static AdwMessageDialog *
open_case_dialog (GtkWidget  *scratchpad,
                  const char *button_label,
                  const char *heading)
{
  GtkWidget *button = NULL;

  if (button_label != NULL)
    {
      button = find_button (scratchpad, button_label);
      g_assert_nonnull (button);
      g_assert_true (gtk_widget_is_sensitive (button));
      g_signal_emit_by_name (button, "clicked");
    }

  return viva_test_wait_message_dialog (heading);
}

static void
fill_case (AdwMessageDialog *dialog,
           const char       *name,
           const char       *call,
           guint             kind,
           const char       *expect)
{
  GtkWidget *root = GTK_WIDGET (dialog);

  if (name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (find_named (root, "case-name")), name);
  if (call != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_named (root, "case-call"))), call, -1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_named (root, "case-kind")), kind);
  gtk_editable_set_text (GTK_EDITABLE (find_named (root, "case-expect")), expect);
}

static void
close_dialog (AdwMessageDialog *dialog,
              const char       *response)
{
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  viva_test_drain_main_loop ();
}

static GtkWidget *
find_button_by_accessible_tooltip (GtkWidget  *root,
                                   const char *tooltip)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_by_accessible_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_own_case (Fixture       *f,
               gconstpointer  data)
{
  VivaScratchpad *scratchpad = show_question (f, 951);
  VivaCodePad *pad = viva_scratchpad_get_code_pad (scratchpad);
  VivaNote *note = viva_question_view_get_note (viva_window_get_question_view (f->window));
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), APP_ID, "notes.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GString) unnamed = g_string_new (NULL);
  AdwMessageDialog *dialog;
  const VivaCodeCase *own;
  VivaChallengeResults *results;
  const VivaCaseResult *last;
  GtkWidget *remove;
  GtkWidget *undo;

  type_code (pad, RIGHT);

  /* The form: Add stays off until the case is one the notes can hold. */
  dialog = open_case_dialog (GTK_WIDGET (scratchpad), "Add Test", "Add Test");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  viva_test_collect_unnamed_controls (GTK_WIDGET (dialog), unnamed);
  g_assert_cmpstr (unnamed->str, ==, "");
  fill_case (dialog, "two letters", "is_palindrome('ab')", 1, "not an exception name");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  fill_case (dialog, NULL, NULL, 0, "False");
  viva_test_save_screenshot (GTK_WIDGET (dialog), "code-pad-add-test.png");
  close_dialog (dialog, "save");

  /* Saved in the note, and on disk. */
  g_assert_cmpuint (viva_note_get_n_cases (note), ==, 1);
  own = viva_note_get_case (note, 0);
  g_assert_cmpstr (own->name, ==, "two letters");
  g_assert_cmpstr (own->call, ==, "is_palindrome('ab')");
  g_assert_cmpstr (own->expected, ==, "False");
  g_assert_null (own->raises);
  g_assert_true (viva_notes_store_flush (f->notes, NULL));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "is_palindrome('ab')"));
  g_assert_nonnull (strstr (contents, "two letters"));

  /* It runs after the shipped ones. */
  click_and_wait (pad, "Run Tests");
  g_assert_cmpstr (viva_code_pad_get_result (pad), ==, "All 11 tests passed");
  results = viva_code_pad_get_test_results (pad);
  last = g_ptr_array_index (results->cases, results->cases->len - 1);
  g_assert_cmpstr (last->test_case->name, ==, "two letters");
  g_assert_cmpint (last->status, ==, VIVA_CASE_PASSED);

  /* Edited to expect an exception the code does not raise: it fails,
   * and shows first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (scratchpad), "scratchpad.edit-case", "u", 0));
  dialog = viva_test_wait_message_dialog ("Edit Test");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_named (GTK_WIDGET (dialog), "case-name"))), ==,
                   "two letters");
  fill_case (dialog, NULL, NULL, 1, "TypeError");
  close_dialog (dialog, "save");
  g_assert_cmpuint (viva_note_get_n_cases (note), ==, 1);
  g_assert_cmpstr (viva_note_get_case (note, 0)->raises, ==, "TypeError");
  click_and_wait (pad, "Run Tests");
  g_assert_cmpstr (viva_code_pad_get_result (pad), ==, "10 of 11 tests passed");
  collect_result_rows (GTK_WIDGET (pad), rows);
  g_assert_true (row_shows (g_ptr_array_index (rows, 0), "two letters"));
  g_assert_true (row_shows (g_ptr_array_index (rows, 0), "failed"));
  viva_test_save_screenshot (GTK_WIDGET (f->window), "code-pad-own-case.png");

  /* Removed, then back with Undo. */
  remove = find_button_by_accessible_tooltip (GTK_WIDGET (scratchpad), "Remove this test");
  g_assert_nonnull (remove);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Remove test two letters");
  g_signal_emit_by_name (remove, "clicked");
  viva_test_drain_main_loop ();
  g_assert_cmpuint (viva_note_get_n_cases (note), ==, 0);
  undo = find_button (GTK_WIDGET (f->window), "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  viva_test_drain_main_loop ();
  g_assert_cmpuint (viva_note_get_n_cases (note), ==, 1);
  g_assert_cmpstr (viva_note_get_case (note, 0)->name, ==, "two letters");
  g_assert_cmpstr (viva_note_get_case (note, 0)->raises, ==, "TypeError");
  g_assert_nonnull (find_button_by_accessible_tooltip (GTK_WIDGET (scratchpad), "Remove this test"));
  click_and_wait (pad, "Run Tests");
  g_assert_cmpstr (viva_code_pad_get_result (pad), ==, "10 of 11 tests passed");

  /* Notes that cannot change (written by a newer Viva): the tests still
   * run, but none can be added, edited or removed. */
  viva_scratchpad_set_editable (scratchpad, FALSE);
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (scratchpad), "Add Test")));
  g_assert_false (gtk_widget_is_sensitive (find_button_by_accessible_tooltip (GTK_WIDGET (scratchpad), "Remove this test")));
  g_assert_false (gtk_widget_is_sensitive (find_button_by_accessible_tooltip (GTK_WIDGET (scratchpad), "Edit this test")));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (viva_code_pad_get_view (pad))));
  gtk_widget_activate_action (GTK_WIDGET (scratchpad), "scratchpad.add-case", NULL);
  viva_test_drain_main_loop ();
  g_assert_null (viva_test_find_message_dialog ());
  click_and_wait (pad, "Run Tests");
  g_assert_cmpstr (viva_code_pad_get_result (pad), ==, "10 of 11 tests passed");
  g_assert_cmpuint (viva_note_get_n_cases (note), ==, 1);
}

/* A question that asks to write code, with no shipped tests: Run Tests
 * runs the code's asserts and test_ functions, and the user's own cases. */
static void
test_write_question (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(VivaContext) context = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  VivaChallengeResults *results;
  VivaScratchpad *scratchpad;
  VivaCodePad *pad;
  AdwMessageDialog *dialog;
  VivaBank *bank;
  guint number = 0;
  gint64 give_up;

  g_object_get (f->window, "context", &context, NULL);
  bank = viva_context_get_bank (context);
  for (guint n = 1; n < 951 && number == 0; n++)
    {
      VivaQuestion *question = viva_bank_lookup_question (bank, n);

      if (question != NULL &&
          (viva_code_classify_question (question) & VIVA_CODE_QUESTION_ASKS_TO_WRITE) &&
          viva_context_lookup_challenge (context, viva_bank_get_id (bank), n) == NULL)
        number = n;
    }
  g_assert_cmpuint (number, !=, 0);

  scratchpad = show_question (f, number);
  pad = viva_scratchpad_get_code_pad (scratchpad);
  g_assert_true (viva_code_pad_get_tests (pad));
  g_assert_null (viva_code_pad_get_challenge (pad));

  /* Nothing to run yet: the results say what to write. */
  type_code (pad, "def double(x):\n    return 2 * x\n");
  click_and_wait (pad, "Run Tests");
  g_assert_cmpstr (viva_code_pad_get_result (pad), ==,
                   "No tests: write assert statements or test_ functions");

  /* The code's own asserts and test_ functions. */
  type_code (pad,
             "def double(x):\n    return 2 * x\n\n"
             "assert double(0) == 0\n\n"
             "def test_three():\n    assert double(3) == 6\n\n"
             "def test_wrong():\n    assert double(1) == 3, 'one doubled'\n");
  click_and_wait (pad, "Run Tests");
  g_assert_cmpstr (viva_code_pad_get_result (pad), ==, "2 of 3 tests passed");
  results = viva_code_pad_get_test_results (pad);
  g_assert_cmpuint (results->cases->len, ==, 3);
  collect_result_rows (GTK_WIDGET (pad), rows);
  g_assert_true (row_shows (g_ptr_array_index (rows, 0), "test_wrong"));
  /* An assert that does not hold fails the test; it is no error. */
  g_assert_true (row_shows (g_ptr_array_index (rows, 0), "failed"));
  g_assert_false (row_shows (g_ptr_array_index (rows, 0), "error"));

  /* A top-level assert that fails: the code does not load. */
  type_code (pad, "def double(x):\n    return 2 * x\n\nassert double(2) == 5\n");
  click_and_wait (pad, "Run Tests");
  results = viva_code_pad_get_test_results (pad);
  g_assert_nonnull (results->load_error);
  g_assert_nonnull (strstr (results->load_error, "AssertionError"));
  g_assert_cmpstr (viva_code_pad_get_result (pad), ==, "The code did not load: AssertionError");

  /* And the user's own cases. */
  type_code (pad, "def double(x):\n    return 2 * x\n");
  dialog = open_case_dialog (GTK_WIDGET (scratchpad), "Add Test", "Add Test");
  fill_case (dialog, "doubles", "double(21)", 0, "42");
  close_dialog (dialog, "save");
  dialog = open_case_dialog (GTK_WIDGET (scratchpad), "Add Test", "Add Test");
  /* With the keyboard: Return in the field adds the test. */
  fill_case (dialog, "", "print(double(2))", 2, "4");
  gtk_widget_grab_focus (find_named (GTK_WIDGET (dialog), "case-expect"));
  viva_test_wait_mapped (GTK_WIDGET (dialog));
  viva_test_send_keys (find_named (GTK_WIDGET (dialog), "case-expect"), "Return");
  give_up = g_get_monotonic_time () + HANG_LIMIT_USEC;
  while (viva_note_get_n_cases (viva_question_view_get_note (viva_window_get_question_view (f->window))) < 2)
    {
      if (g_get_monotonic_time () > give_up)
        g_error ("Still waiting for Return to add the test");
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  viva_test_drain_main_loop ();
  g_assert_null (viva_test_find_message_dialog ());

  click_and_wait (pad, "Run Tests");
  g_assert_cmpstr (viva_code_pad_get_result (pad), ==, "All 2 tests passed");

  type_code (pad, "def double(x):\n    return x + x + 1\n");
  click_and_wait (pad, "Run Tests");
  g_assert_cmpstr (viva_code_pad_get_result (pad), ==, "0 of 2 tests passed");
}

typedef struct
{
  guint          n_runs;
  char          *code;
  char          *output;
  VivaRunResult *result;
} RunFinished;

static void
run_finished_cb (VivaCodePad   *pad,
                 const char    *code,
                 const char    *output,
                 VivaRunResult *result,
                 RunFinished   *finished)
{
  finished->n_runs++;
  g_free (finished->code);
  finished->code = g_strdup (code);
  g_free (finished->output);
  finished->output = g_strdup (output);
  g_clear_object (&finished->result);
  if (result != NULL)
    finished->result = g_object_ref (result);
}

/* The pad alone, as a mock interview or the live page holds it. */
/* Output is shown as printed: a wrapped line gets no hyphen the
 * program never wrote (Pango adds one at a break inside a word unless
 * told not to). */
static gboolean
output_never_hyphenated (VivaCodePad *pad)
{
  GtkTextView *view = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter iter;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (pad)); child != NULL; )
    {
      if (GTK_IS_TEXT_VIEW (child) && !GTK_SOURCE_IS_VIEW (child))
        {
          view = GTK_TEXT_VIEW (child);
          break;
        }
      if (gtk_widget_get_first_child (child) != NULL)
        child = gtk_widget_get_first_child (child);
      else
        {
          while (child != NULL && gtk_widget_get_next_sibling (child) == NULL)
            child = child == GTK_WIDGET (pad) ? NULL : gtk_widget_get_parent (child);
          if (child != NULL)
            child = gtk_widget_get_next_sibling (child);
        }
    }
  g_assert_nonnull (view);
  buffer = gtk_text_view_get_buffer (view);
  if (gtk_text_buffer_get_char_count (buffer) == 0)
    return FALSE;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  do
    {
      g_autoptr(GSList) tags = gtk_text_iter_get_tags (&iter);
      gboolean plain = FALSE;

      for (GSList *l = tags; l != NULL; l = l->next)
        {
          gboolean set, hyphens;

          g_object_get (l->data, "insert-hyphens-set", &set, "insert-hyphens", &hyphens, NULL);
          if (set && !hyphens)
            plain = TRUE;
        }
      if (!plain && gtk_text_iter_get_char (&iter) != 0)
        return FALSE;
    }
  while (gtk_text_iter_forward_char (&iter));

  return TRUE;
}

static gboolean
has_language (VivaCodePad *pad)
{
  return gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (viva_code_pad_get_buffer (pad))) != NULL;
}

/* Python's highlighting loads when a pad is first shown, not when it is
 * made (most launches never show one before their first frame), and
 * then the code is coloured, in the style's scheme, following dark. */
static void
test_highlight_when_shown (void)
{
  g_autoptr(VivaContext) context = viva_context_new_default ();
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *window = gtk_window_new ();
  VivaCodePad *pad = VIVA_CODE_PAD (viva_code_pad_new ());
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (viva_code_pad_get_buffer (pad));
  GtkSourceStyleScheme *scheme;

  g_object_set (pad, "context", context, NULL);
  viva_code_pad_set_code (pad, "print(6 * 7)");
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (pad));
  g_assert_false (has_language (pad));

  gtk_window_present (GTK_WINDOW (window));
  viva_test_wait_mapped (GTK_WIDGET (pad));
  wait_for (pad, has_language, "Python's highlighting");
  g_assert_cmpstr (gtk_source_language_get_id (gtk_source_buffer_get_language (buffer)), ==, "python3");
  g_assert_true (gtk_source_buffer_get_highlight_syntax (buffer));
  scheme = gtk_source_buffer_get_style_scheme (buffer);
  g_assert_nonnull (scheme);
  g_assert_cmpstr (gtk_source_style_scheme_get_id (scheme), ==,
                   adw_style_manager_get_dark (style) ? "Adwaita-dark" : "Adwaita");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_cmpstr (gtk_source_style_scheme_get_id (gtk_source_buffer_get_style_scheme (buffer)), ==, "Adwaita-dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_cmpstr (gtk_source_style_scheme_get_id (gtk_source_buffer_get_style_scheme (buffer)), ==, "Adwaita");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  viva_test_wait_runner_settled (viva_context_get_python_runner (context));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Viva as it starts reads the style schemes its editors show, Adwaita
 * and Adwaita-dark, and GtkSourceView's default for a view that sets
 * none, each from the file it came from; not the dozen a system has
 * (issue 15: 22.7 M instructions before a returning user's first
 * frame). The notes editor looks as it did. */
static void
test_style_schemes_at_start_up (void)
{
  g_autoptr(VivaApplication) app = viva_application_new ();
  g_autoptr(GtkSourceStyleSchemeManager) everything = gtk_source_style_scheme_manager_new ();
  g_autoptr(GtkSourceBuffer) plain = NULL;
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  const char * const shown[] = { "Adwaita", "Adwaita-dark", "classic" };
  const char * const *ids;
  g_autoptr(GError) error = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkTextBuffer *notes;
  VivaWindow *window;

  /* Never the running Viva of the person running the tests. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = VIVA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  viva_test_wait_painted (GTK_WIDGET (window));

  /* A system has more: the test would prove nothing on one without. */
  g_assert_cmpuint (g_strv_length ((char **) gtk_source_style_scheme_manager_get_scheme_ids (everything)), >,
                    G_N_ELEMENTS (shown));

  ids = gtk_source_style_scheme_manager_get_scheme_ids (schemes);
  g_assert_nonnull (ids);
  g_assert_cmpuint (g_strv_length ((char **) ids), ==, G_N_ELEMENTS (shown));
  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    {
      GtkSourceStyleScheme *ours = gtk_source_style_scheme_manager_get_scheme (schemes, shown[i]);
      GtkSourceStyleScheme *theirs = gtk_source_style_scheme_manager_get_scheme (everything, shown[i]);

      g_assert_nonnull (ours);
      g_assert_nonnull (theirs);
      g_assert_cmpstr (gtk_source_style_scheme_get_filename (ours), ==,
                       gtk_source_style_scheme_get_filename (theirs));
    }

  notes = gtk_text_view_get_buffer (viva_question_view_get_note_view (viva_window_get_question_view (window)));
  g_assert_cmpstr (gtk_source_style_scheme_get_id (gtk_source_buffer_get_style_scheme (GTK_SOURCE_BUFFER (notes))), ==,
                   adw_style_manager_get_dark (adw_style_manager_get_default ()) ? "Adwaita-dark" : "Adwaita");
  plain = gtk_source_buffer_new (NULL);
  g_assert_nonnull (gtk_source_buffer_get_style_scheme (plain));
  g_assert_cmpstr (gtk_source_style_scheme_get_id (gtk_source_buffer_get_style_scheme (plain)), ==, "classic");

  /* Windows go before the application. */
  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (toplevel);
    }
  viva_test_drain_main_loop ();
}

static void
test_pad_alone (void)
{
  g_autoptr(VivaContext) context = viva_context_new_default ();
  VivaChallenge *challenge = viva_context_lookup_challenge (context, VIVA_BUNDLED_BANK_ID, 951);
  GtkWidget *window = gtk_window_new ();
  VivaCodePad *pad = VIVA_CODE_PAD (viva_code_pad_new ());
  RunFinished finished = { 0 };
  Finished tests = { 0 };
  g_autoptr(VivaChallengeResults) saved = NULL;
  g_autofree char *output = NULL;
  g_autofree char *code = NULL;
  g_autoptr(GString) unnamed = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  g_assert_nonnull (challenge);
  g_object_set (pad, "context", context, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 700);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (pad));
  gtk_window_present (GTK_WINDOW (window));
  viva_test_wait_mapped (GTK_WIDGET (pad));
  viva_test_wait_runner_settled (viva_context_get_python_runner (viva_code_pad_get_context (pad)));

  g_signal_connect (pad, "run-finished", G_CALLBACK (run_finished_cb), &finished);
  g_signal_connect (pad, "tests-finished", G_CALLBACK (tests_finished_cb), &tests);

  /* No tests offered: no Run Tests, and its shortcut does nothing. */
  g_assert_false (viva_code_pad_get_tests (pad));
  g_assert_null (find_button (GTK_WIDGET (pad), "Run Tests"));
  viva_code_pad_run_tests (pad);
  g_assert_false (viva_code_pad_get_running (pad));

  viva_code_pad_set_code (pad, "print('hi')\n6 * 7");
  g_assert_false (gtk_text_buffer_get_can_undo (GTK_TEXT_BUFFER (viva_code_pad_get_buffer (pad))));
  viva_code_pad_run (pad);
  g_assert_true (viva_code_pad_get_running (pad));
  wait_for (pad, not_running, "the run to end");
  g_assert_cmpuint (finished.n_runs, ==, 1);
  g_assert_cmpstr (finished.code, ==, "print('hi')\n6 * 7");
  g_assert_cmpstr (finished.output, ==, "hi\n42\n");
  g_assert_nonnull (finished.result);
  g_assert_true (viva_run_result_get_success (finished.result));
  output = viva_code_pad_dup_output (pad);
  g_assert_cmpstr (output, ==, "hi\n42\n");
  g_assert_cmpstr (viva_code_pad_get_result (pad), ==, "Finished.");
  g_assert_true (output_never_hyphenated (pad));

  /* Stop: the run ends, and the owner hears it was stopped. */
  viva_code_pad_set_code (pad, "import time\ntime.sleep(3600)");
  viva_code_pad_run (pad);
  viva_code_pad_stop (pad);
  wait_for (pad, not_running, "the run to stop");
  g_assert_cmpuint (finished.n_runs, ==, 2);
  g_assert_cmpint (viva_run_result_get_end (finished.result), ==, VIVA_RUN_STOPPED);

  /* A challenge's tests. */
  viva_code_pad_set_challenge (pad, challenge);
  viva_code_pad_set_tests (pad, TRUE);
  g_assert_nonnull (find_button (GTK_WIDGET (pad), "Run Tests"));
  viva_code_pad_set_code (pad, ALMOST_RIGHT);
  viva_code_pad_run_tests (pad);
  wait_for (pad, not_running, "the test run to end");
  g_assert_cmpuint (tests.n_tests_finished, ==, 1);
  g_assert_cmpstr (tests.code, ==, ALMOST_RIGHT);
  g_assert_cmpuint (viva_challenge_results_count (tests.results, VIVA_CASE_FAILED), ==, 1);
  saved = viva_challenge_results_copy (viva_code_pad_get_test_results (pad));

  /* Stopped while the first case hangs: every case says it did not
   * run, and the owner hears of it. */
  viva_code_pad_set_code (pad, "import time\n\ndef is_palindrome(s):\n    print('started', flush=True)\n    time.sleep(3600)\n");
  viva_code_pad_run_tests (pad);
  wait_for (pad, output_started, "the first case to start");
  viva_code_pad_stop (pad);
  wait_for (pad, not_running, "the test run to stop");
  g_assert_cmpuint (tests.n_tests_finished, ==, 2);
  g_assert_nonnull (tests.results);
  g_assert_false (tests.results->complete);
  g_assert_cmpuint (viva_challenge_results_count (tests.results, VIVA_CASE_PASSED), ==, 0);
  g_assert_cmpstr (viva_code_pad_get_result (pad), ==, "Stopped before any test ended");
  collect_result_rows (GTK_WIDGET (pad), rows);
  g_assert_cmpuint (rows->len, ==, 10);
  g_ptr_array_set_size (rows, 0);
  viva_code_pad_set_code (pad, ALMOST_RIGHT);

  /* Read-only, as a finished session: the saved output and results show
   * without running, and the code cannot change. */
  viva_code_pad_set_editable (pad, FALSE);
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (viva_code_pad_get_view (pad))));
  viva_code_pad_clear (pad);
  g_assert_null (viva_code_pad_get_test_results (pad));
  viva_code_pad_show_saved (pad, "saved output\n", saved);
  g_free (output);
  output = viva_code_pad_dup_output (pad);
  g_assert_cmpstr (output, ==, "saved output\n");
  g_assert_true (output_never_hyphenated (pad));
  g_assert_nonnull (viva_code_pad_get_test_results (pad));
  g_assert_cmpstr (viva_code_pad_get_result (pad), ==, "9 of 10 tests passed");
  collect_result_rows (GTK_WIDGET (pad), rows);
  g_assert_cmpuint (rows->len, ==, 10);
  g_assert_true (row_shows (g_ptr_array_index (rows, 0), "failed"));
  g_assert_cmpuint (tests.n_tests_finished, ==, 2);
  code = viva_code_pad_dup_code (pad);
  g_assert_cmpstr (code, ==, ALMOST_RIGHT);

  viva_test_collect_unnamed_controls (GTK_WIDGET (pad), unnamed);
  g_assert_cmpstr (unnamed->str, ==, "");

  g_signal_handlers_disconnect_by_data (pad, &finished);
  g_signal_handlers_disconnect_by_data (pad, &tests);
  gtk_window_destroy (GTK_WINDOW (window));
  viva_test_drain_main_loop ();
  g_free (finished.code);
  g_free (finished.output);
  g_clear_object (&finished.result);
  g_free (tests.code);
  g_clear_pointer (&tests.results, viva_challenge_results_free);
}

/* The sentence a screen reader reads for each kind of result. */
static void
test_describe_case (void)
{
  g_autoptr(VivaCodeCase) value = viva_code_case_new_with_check ("two words", "rev('a b')",
                                                                 VIVA_CODE_CASE_EXPECTED, "'b a'");
  g_autoptr(VivaCodeCase) raises = viva_code_case_new_with_check ("", "rev(None)",
                                                                  VIVA_CODE_CASE_RAISES, "TypeError");
  g_autoptr(VivaCodeCase) prints = viva_code_case_new_with_check ("greets", "hello()",
                                                                  VIVA_CODE_CASE_OUTPUT, "hi\n");
  g_autoptr(VivaCodeCase) found = viva_code_case_new ("test_wrong", "test_wrong()");
  VivaCaseResult result = { 0 };
  g_autofree char *g = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;
  g_autofree char *e = NULL;

  result.test_case = value;
  result.status = VIVA_CASE_FAILED;
  result.actual = (char *) "'a b'";
  result.output = (char *) "";
  a = viva_code_pad_describe_case (&result);
  g_assert_cmpstr (a, ==, "two words: failed, expected 'b a', got 'a b'");

  result.status = VIVA_CASE_PASSED;
  b = viva_code_pad_describe_case (&result);
  g_assert_cmpstr (b, ==, "two words: passed");

  result.test_case = raises;
  result.status = VIVA_CASE_ERROR;
  result.actual = NULL;
  result.error = (char *) "Traceback (most recent call last):\n  File \"x\", line 1\nValueError: bad\n\n";
  c = viva_code_pad_describe_case (&result);
  g_assert_cmpstr (c, ==, "rev(None): error, ValueError: bad");

  result.test_case = prints;
  result.status = VIVA_CASE_FAILED;
  result.error = NULL;
  result.output = (char *) "ho\n";
  d = viva_code_pad_describe_case (&result);
  g_assert_cmpstr (d, ==, "greets: failed, expected prints hi, got ho");

  result.status = VIVA_CASE_NOT_RUN;
  e = viva_code_pad_describe_case (&result);
  g_assert_cmpstr (e, ==, "greets: not run");

  /* A test_ function: nothing expected, a traceback says why. */
  result.test_case = found;
  result.status = VIVA_CASE_FAILED;
  result.output = (char *) "";
  result.error = (char *) "Traceback (most recent call last):\nAssertionError: one doubled\n";
  g = viva_code_pad_describe_case (&result);
  g_assert_cmpstr (g, ==, "test_wrong: failed, AssertionError: one doubled");
}

int
main (int   argc,
      char *argv[])
{
  viva_test_init_ui (&argc, &argv);

  g_test_add_func ("/code-pad/describe-case", test_describe_case);
  g_test_add_func ("/code-pad/style-schemes-at-start-up", test_style_schemes_at_start_up);
  g_test_add_func ("/code-pad/alone", test_pad_alone);
  g_test_add_func ("/code-pad/highlight-when-shown", test_highlight_when_shown);
  g_test_add ("/code-pad/challenge-951", Fixture, NULL,
              fixture_set_up, test_challenge_951, fixture_tear_down);
  g_test_add ("/code-pad/own-case", Fixture, NULL,
              fixture_set_up, test_own_case, fixture_tear_down);
  g_test_add ("/code-pad/write-question", Fixture, NULL,
              fixture_set_up, test_write_question, fixture_tear_down);

  return g_test_run ();
}
