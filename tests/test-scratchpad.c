/* test-scratchpad.c
 *
 * The study view's Python scratchpad as a user meets it (issue 11), in
 * the real window with the real runner and bubblewrap: question 42 runs
 * to 'rog' with Ctrl+Enter; a right and a wrong prediction, and the
 * grade each offers counted only on a click; the message when the
 * sandbox cannot run; the code kept per question in notes.json; Stop.
 * The code pad is built only when a question first offers the
 * scratchpad (issue 15): none in a window reopened on a question
 * without code, then one that runs, kept from question to question.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "viva-bank.h"
#include "viva-clock.h"
#include "viva-context.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-question.h"
#include "viva-preferences-window.h"
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
  viva_test_window_open (f, NULL, 1100, 900);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  viva_test_window_close (f);
}

typedef gboolean (*Condition) (VivaScratchpad *pad);

static void
wait_for (VivaScratchpad *pad,
          Condition       condition,
          const char     *what)
{
  viva_test_wait_until ((VivaTestCondition) condition, pad, HANG_LIMIT_USEC, what);
}

static gboolean
not_running (VivaScratchpad *pad)
{
  return !viva_scratchpad_get_running (pad);
}

static gboolean
output_started (VivaScratchpad *pad)
{
  g_autofree char *output = viva_scratchpad_dup_output (pad);

  return strstr (output, "started") != NULL;
}

static VivaScratchpad *
show_question (Fixture *f,
               guint    number)
{
  VivaQuestionView *view = viva_window_get_question_view (f->window);
  VivaScratchpad *pad = viva_question_view_get_scratchpad (view);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-question", "u", number));
  viva_test_drain_main_loop ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (pad)));
  viva_test_wait_mapped (GTK_WIDGET (pad));
  viva_test_wait_runner_settled (viva_scratchpad_get_runner (pad));

  return pad;
}

static char *
dup_code (VivaScratchpad *pad)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (viva_scratchpad_get_code_view (pad));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Replaces the code as typing would: an edit of the buffer. */
static void
type_code (VivaScratchpad *pad,
           const char     *code)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (viva_scratchpad_get_code_view (pad));

  gtk_text_buffer_set_text (buffer, code, -1);
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

/* Runs the code with Ctrl+Enter in the editor, through the X server. */
static void
run_with_keyboard (VivaScratchpad *pad)
{
  GtkWidget *code_view = GTK_WIDGET (viva_scratchpad_get_code_view (pad));

  gtk_widget_grab_focus (code_view);
  viva_test_drain_main_loop ();
  g_assert_true (gtk_widget_has_focus (code_view));
  viva_test_send_keys (code_view, "ctrl+Return");
  wait_for (pad, viva_scratchpad_get_running, "the run to start");
  wait_for (pad, not_running, "the run to end");
}

static void
test_question_42_runs (Fixture       *f,
                       gconstpointer  data)
{
  VivaScratchpad *pad = show_question (f, 42);
  g_autofree char *code = dup_code (pad);
  g_autofree char *output = NULL;
  g_autofree char *before = NULL;
  g_autoptr(GString) unnamed = g_string_new (NULL);
  GtkTextBuffer *buffer;

  /* The question's own code, as the interpreter would take it. */
  g_assert_cmpstr (code, ==, "s = \"Programming\"\ns[1:4]\n");
  g_assert_nonnull (strstr (viva_scratchpad_get_info (pad), "Python 3."));
  g_assert_nonnull (strstr (viva_scratchpad_get_info (pad), "sandbox: no network"));
  g_assert_true (gtk_widget_is_sensitive (find_button (GTK_WIDGET (pad), "Run")));
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (pad), "Stop")));

  run_with_keyboard (pad);

  output = viva_scratchpad_dup_output (pad);
  g_assert_cmpstr (output, ==, "'rog'\n");
  g_assert_cmpstr (viva_scratchpad_get_result (pad), ==, "Finished.");
  /* Looking is not editing: the note keeps no code. */
  g_assert_false (viva_note_get_has_code (viva_question_view_get_note (viva_window_get_question_view (f->window))));

  viva_test_save_screenshot (GTK_WIDGET (f->window), "scratchpad-light.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  viva_test_save_screenshot (GTK_WIDGET (f->window), "scratchpad-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* An error shows, in order after what came before it. */
  type_code (pad, "print('before')\n1/0\n'after'");
  run_with_keyboard (pad);
  g_free (output);
  output = viva_scratchpad_dup_output (pad);
  g_assert_true (g_str_has_prefix (output, "before\n"));
  g_assert_nonnull (strstr (output, "ZeroDivisionError"));
  g_assert_true (g_str_has_suffix (output, "'after'\n"));

  /* Undo, in the editor. */
  buffer = gtk_text_view_get_buffer (viva_scratchpad_get_code_view (pad));
  before = dup_code (pad);
  gtk_text_buffer_insert_at_cursor (buffer, "x", -1);
  g_assert_true (gtk_text_buffer_get_can_undo (buffer));
  gtk_text_buffer_undo (buffer);
  g_free (code);
  code = dup_code (pad);
  g_assert_cmpstr (code, ==, before);

  viva_test_collect_unnamed_controls (GTK_WIDGET (pad), unnamed);
  g_assert_cmpstr (unnamed->str, ==, "");
}

static guint
count_code_pads (GtkWidget *root)
{
  guint n = VIVA_IS_CODE_PAD (root) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    n += count_code_pads (child);

  return n;
}

/* A returning user whose last question has no code (question 1): the
 * window reopens it, as at start-up, and builds no code pad. The first
 * question that offers the scratchpad gets one, in its place under the
 * heading, that runs from the keyboard; it stays, the one pad, for every
 * question after, with each one's code. */
static void
test_pad_built_when_offered (void)
{
  g_autofree char *notes_path = g_build_filename (g_get_user_data_dir (), APP_ID, "notes.json", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaContext) context = NULL;
  g_autoptr(GString) unnamed = g_string_new (NULL);
  g_autofree char *output = NULL;
  g_autofree char *code = NULL;
  VivaQuestionView *view;
  VivaScratchpad *scratchpad;
  VivaCodePad *pad;
  GtkWidget *heading;
  VivaWindow *window;

  viva_test_reset_user_data ();
  g_settings_set_uint (settings, "last-question", 1);
  store = viva_notes_store_new (notes_path);
  viva_notes_store_load (store, NULL);
  context = g_object_new (VIVA_TYPE_CONTEXT, "notes-store", store, NULL);
  window = viva_window_new (NULL, context);
  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
  viva_window_restore_session (window);
  gtk_window_present (GTK_WINDOW (window));
  viva_test_wait_painted (GTK_WIDGET (window));
  viva_test_drain_main_loop ();

  view = viva_window_get_question_view (window);
  scratchpad = viva_question_view_get_scratchpad (view);
  g_assert_cmpuint (viva_question_get_number (viva_window_get_question (window)), ==, 1);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_false (viva_scratchpad_get_offered (scratchpad));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (scratchpad)));
  g_assert_null (viva_scratchpad_get_code_pad (scratchpad));
  g_assert_null (viva_scratchpad_get_code_view (scratchpad));
  g_assert_false (viva_scratchpad_get_running (scratchpad));
  g_assert_cmpuint (count_code_pads (GTK_WIDGET (window)), ==, 0);

  /* Question 42 shows code: its pad, right under "Try It in Python". */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-question", "u", 42));
  viva_test_drain_main_loop ();
  g_assert_true (viva_scratchpad_get_offered (scratchpad));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (scratchpad)));
  pad = viva_scratchpad_get_code_pad (scratchpad);
  g_assert_nonnull (pad);
  g_assert_cmpuint (count_code_pads (GTK_WIDGET (window)), ==, 1);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (pad), GTK_WIDGET (scratchpad)));
  heading = gtk_widget_get_prev_sibling (GTK_WIDGET (pad));
  g_assert_true (GTK_IS_LABEL (heading));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (heading)), ==, "Try It in Python");
  viva_test_wait_mapped (GTK_WIDGET (pad));
  viva_test_wait_runner_settled (viva_scratchpad_get_runner (scratchpad));
  g_assert_true (viva_code_pad_get_context (pad) == context);
  g_assert_true (gtk_text_view_get_editable (viva_scratchpad_get_code_view (scratchpad)));
  code = dup_code (scratchpad);
  g_assert_cmpstr (code, ==, "s = \"Programming\"\ns[1:4]\n");
  g_assert_nonnull (strstr (viva_scratchpad_get_info (scratchpad), "Python 3."));
  viva_test_collect_unnamed_controls (GTK_WIDGET (pad), unnamed);
  g_assert_cmpstr (unnamed->str, ==, "");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (viva_scratchpad_get_code_view (scratchpad)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Python code");

  run_with_keyboard (scratchpad);
  output = viva_scratchpad_dup_output (scratchpad);
  g_assert_cmpstr (output, ==, "'rog'\n");
  g_assert_cmpstr (viva_scratchpad_get_result (scratchpad), ==, "Finished.");

  /* The user's code on 42 is kept when another question is shown; the
   * pad is the same one on a question with tests. */
  type_code (scratchpad, "print(6 * 7)");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-question", "u", 1));
  viva_test_drain_main_loop ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (scratchpad)));
  g_assert_true (viva_scratchpad_get_code_pad (scratchpad) == pad);
  g_assert_cmpstr (viva_scratchpad_get_result (scratchpad), ==, "");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-question", "u", 3));
  viva_test_drain_main_loop ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (scratchpad)));
  g_assert_true (viva_scratchpad_get_code_pad (scratchpad) == pad);
  g_assert_true (viva_code_pad_get_tests (pad));
  g_assert_cmpuint (count_code_pads (GTK_WIDGET (window)), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-question", "u", 42));
  viva_test_drain_main_loop ();
  g_free (code);
  code = dup_code (scratchpad);
  g_assert_cmpstr (code, ==, "print(6 * 7)");

  gtk_window_destroy (GTK_WINDOW (window));
  viva_test_drain_main_loop ();
  g_assert_true (viva_notes_store_flush (store, NULL));
  g_assert_finalize_object (window);
  viva_test_reset_user_data ();
}

/* What the scratchpad is given before a question offers it (the
 * context, notes that cannot change) reaches the pad it builds then. */
static void
test_pad_gets_what_came_before (void)
{
  g_autoptr(VivaContext) context = viva_context_new_default ();
  g_autoptr(VivaBank) bank = viva_bank_new_bundled (NULL);
  VivaQuestion *q1 = viva_bank_lookup_question (bank, 1);
  VivaQuestion *q42 = viva_bank_lookup_question (bank, 42);
  g_autoptr(VivaNote) note = viva_note_new (viva_bank_get_id (bank), 42);
  VivaScratchpad *scratchpad = g_object_ref_sink (g_object_new (VIVA_TYPE_SCRATCHPAD, NULL));
  VivaCodePad *pad;

  viva_note_set_code (note, "print('mine')");
  viva_scratchpad_set_context (scratchpad, context);
  viva_scratchpad_set_editable (scratchpad, FALSE);
  viva_scratchpad_set_question (scratchpad, q1, NULL);
  g_assert_false (viva_scratchpad_get_offered (scratchpad));
  g_assert_null (viva_scratchpad_get_code_pad (scratchpad));
  g_assert_cmpuint (count_code_pads (GTK_WIDGET (scratchpad)), ==, 0);

  viva_scratchpad_set_question (scratchpad, q42, note);
  pad = viva_scratchpad_get_code_pad (scratchpad);
  g_assert_nonnull (pad);
  g_assert_true (viva_code_pad_get_context (pad) == context);
  g_assert_false (viva_code_pad_get_editable (pad));
  g_assert_false (gtk_text_view_get_editable (viva_scratchpad_get_code_view (scratchpad)));
  g_assert_false (viva_code_pad_get_tests (pad));
  {
    g_autofree char *code = viva_code_pad_dup_code (pad);

    g_assert_cmpstr (code, ==, "print('mine')");
  }

  viva_scratchpad_set_editable (scratchpad, TRUE);
  g_assert_true (viva_code_pad_get_editable (pad));

  g_object_unref (scratchpad);
}

static void
test_prediction (Fixture       *f,
                 gconstpointer  data)
{
  VivaScratchpad *pad = show_question (f, 42);
  VivaNote *note = viva_question_view_get_note (viva_window_get_question_view (f->window));
  GtkWidget *grade;
  const VivaReviewEntry *history;
  guint n = 0;

  /* Right: the quotes as repr() shows them, spaces around ignored. */
  gtk_editable_set_text (viva_scratchpad_get_prediction_entry (pad), "  'rog' ");
  g_assert_cmpstr (viva_note_get_prediction (note), ==, "  'rog' ");
  run_with_keyboard (pad);
  g_assert_nonnull (viva_scratchpad_get_verdict (pad));
  g_assert_true (g_str_has_prefix (viva_scratchpad_get_verdict (pad), "Right"));

  /* Nothing is graded until the user says so. */
  viva_note_get_history (note, &n);
  g_assert_cmpuint (n, ==, 0);
  grade = find_button (GTK_WIDGET (pad), "Count as Good");
  g_assert_nonnull (grade);
  g_signal_emit_by_name (grade, "clicked");
  viva_test_drain_main_loop ();
  history = viva_note_get_history (note, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (history[0].grade, ==, VIVA_REVIEW_GRADE_GOOD);
  g_assert_cmpint (history[0].source, ==, VIVA_REVIEW_SOURCE_REVIEW);
  g_assert_false (gtk_widget_is_sensitive (grade));

  /* Wrong: without the quotes it is not what Python shows. */
  gtk_editable_set_text (viva_scratchpad_get_prediction_entry (pad), "rog");
  run_with_keyboard (pad);
  g_assert_true (g_str_has_prefix (viva_scratchpad_get_verdict (pad), "Not what Python shows"));
  grade = find_button (GTK_WIDGET (pad), "Count as Again");
  g_assert_nonnull (grade);
  g_assert_true (gtk_widget_is_sensitive (grade));
  viva_test_save_screenshot (GTK_WIDGET (f->window), "scratchpad-prediction.png");
  g_signal_emit_by_name (grade, "clicked");
  viva_test_drain_main_loop ();
  history = viva_note_get_history (note, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (history[1].grade, ==, VIVA_REVIEW_GRADE_AGAIN);
}

/* A grade given by mistake is taken back with the toast's Undo: the
 * review history and the status as they were. The grade is stamped with
 * the context's clock, as Review's are. */
static void
test_grade_undo (void)
{
  Fixture f = { 0 };
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 3, 12, 10, 0, 0);
  g_autoptr(VivaClock) clock = viva_clock_new_fake (g_date_time_to_unix (start) * G_USEC_PER_SEC);
  const VivaReviewEntry *history;
  VivaScratchpad *pad;
  VivaNote *note;
  GtkWidget *undo;
  VivaStatus before;
  gint64 due_before;
  guint n = 0;

  viva_test_window_open (&f, clock, 1100, 900);
  pad = show_question (&f, 42);
  note = viva_question_view_get_note (viva_window_get_question_view (f.window));
  before = viva_note_get_status (note);
  due_before = viva_note_get_due (note);

  gtk_editable_set_text (viva_scratchpad_get_prediction_entry (pad), "'rog'");
  run_with_keyboard (pad);
  g_assert_true (g_str_has_prefix (viva_scratchpad_get_verdict (pad), "Right"));
  g_signal_emit_by_name (find_button (GTK_WIDGET (pad), "Count as Good"), "clicked");
  viva_test_drain_main_loop ();

  history = viva_note_get_history (note, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (history[0].time, ==, viva_clock_get_now (clock));
  g_assert_cmpint (viva_note_get_status (note), ==, viva_review_grade_to_status (VIVA_REVIEW_GRADE_GOOD));
  g_assert_cmpint (viva_note_get_status (note), !=, before);

  undo = find_button (GTK_WIDGET (f.window), "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  viva_test_drain_main_loop ();

  viva_note_get_history (note, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (viva_note_get_due (note), ==, due_before);
  g_assert_cmpint (viva_note_get_status (note), ==, before);

  viva_test_window_close (&f);
}

/* "Count as Good" grades as Review does, with the scheduler chosen in
 * Preferences: FSRS (the default) sends a new question to its 10-minute
 * learning step, SM-2 to the next day. */
static void
test_grade_follows_scheduler (void)
{
  Fixture f = { 0 };
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 3, 12, 10, 0, 0);
  g_autoptr(VivaClock) clock = viva_clock_new_fake (g_date_time_to_unix (start) * G_USEC_PER_SEC);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  VivaScratchpad *pad;
  VivaNote *note;
  gint64 now = viva_clock_get_now (clock);

  viva_test_window_open (&f, clock, 1100, 900);
  pad = show_question (&f, 42);
  note = viva_question_view_get_note (viva_window_get_question_view (f.window));

  gtk_editable_set_text (viva_scratchpad_get_prediction_entry (pad), "'rog'");
  run_with_keyboard (pad);
  g_signal_emit_by_name (find_button (GTK_WIDGET (pad), "Count as Good"), "clicked");
  viva_test_drain_main_loop ();
  g_assert_cmpint (viva_note_get_due (note), ==, now + 10 * G_TIME_SPAN_MINUTE);
  g_assert_cmpfloat (viva_note_get_review_state (note)->stability, >, 0);
  g_signal_emit_by_name (find_button (GTK_WIDGET (f.window), "_Undo"), "clicked");
  viva_test_drain_main_loop ();
  g_assert_cmpint (viva_note_get_due (note), ==, 0);

  g_settings_set_string (settings, "review-scheduler", "sm2");
  run_with_keyboard (pad);
  g_signal_emit_by_name (find_button (GTK_WIDGET (pad), "Count as Good"), "clicked");
  viva_test_drain_main_loop ();
  g_assert_cmpint (viva_note_get_due (note), ==, now + G_TIME_SPAN_DAY);
  g_settings_reset (settings, "review-scheduler");

  viva_test_window_close (&f);
}

static void
test_prediction_rules (void)
{
  g_assert_true (viva_scratchpad_prediction_matches ("'rog'", "'rog'\n"));
  g_assert_true (viva_scratchpad_prediction_matches (" 3 ", "hello\n3\n"));
  g_assert_true (viva_scratchpad_prediction_matches ("a\nb", "a\nb\n"));
  g_assert_false (viva_scratchpad_prediction_matches ("rog", "'rog'\n"));
  g_assert_false (viva_scratchpad_prediction_matches ("\"rog\"", "'rog'\n"));
  g_assert_false (viva_scratchpad_prediction_matches ("hello", "hello\n3\n"));
  g_assert_false (viva_scratchpad_prediction_matches ("  ", ""));
}

static void
test_sandbox_unavailable (void)
{
  Fixture f = { 0 };
  VivaScratchpad *pad;
  GtkWidget *run;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;

  g_setenv ("VIVA_BWRAP", "/nonexistent", TRUE);
  viva_test_window_open (&f, NULL, 1100, 900);

  pad = show_question (&f, 42);
  g_assert_cmpint (viva_python_runner_get_status (viva_scratchpad_get_runner (pad)), ==,
                   VIVA_PYTHON_RUNNER_UNAVAILABLE);
  /* Why, and what to do. */
  g_assert_nonnull (strstr (viva_scratchpad_get_info (pad), "bubblewrap"));
  g_assert_nonnull (strstr (viva_scratchpad_get_info (pad), "Install"));
  run = find_button (GTK_WIDGET (pad), "Run");
  g_assert_false (gtk_widget_is_sensitive (run));

  /* Ctrl+Enter does nothing either, not even a new line. */
  before = dup_code (pad);
  gtk_widget_grab_focus (GTK_WIDGET (viva_scratchpad_get_code_view (pad)));
  viva_test_send_keys (GTK_WIDGET (pad), "ctrl+Return");
  /* Then a key that does type, so that the first has surely arrived. */
  viva_test_send_keys (GTK_WIDGET (pad), "x");
  while (g_strcmp0 ((after = dup_code (pad)), before) == 0)
    {
      g_free (after);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_false (viva_scratchpad_get_running (pad));
  g_assert_cmpstr (viva_scratchpad_get_result (pad), ==, "");
  expected = g_strconcat ("x", before, NULL);
  g_assert_cmpstr (after, ==, expected);

  viva_test_save_screenshot (GTK_WIDGET (f.window), "scratchpad-unavailable.png");

  viva_test_window_close (&f);
  g_unsetenv ("VIVA_BWRAP");
}

static void
test_code_saved (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(VivaContext) context = NULL;
  VivaBank *bank;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), APP_ID, "notes.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *code = NULL;
  g_autofree char *other_code = NULL;
  g_autofree char *other_first = NULL;
  VivaScratchpad *pad;
  guint other = 0;

  g_object_get (f->window, "context", &context, NULL);
  bank = viva_context_get_bank (context);

  /* Another question with a scratchpad. */
  for (guint n = 43; n < 415 && other == 0; n++)
    {
      VivaQuestion *question = viva_bank_lookup_question (bank, n);

      if (question != NULL && viva_scratchpad_wants_question (question))
        other = n;
    }
  g_assert_cmpuint (other, !=, 0);

  pad = show_question (f, 42);
  type_code (pad, "s = \"Programming\"\ns[::-1]");
  gtk_editable_set_text (viva_scratchpad_get_prediction_entry (pad), "'gnimmargorP'");

  pad = show_question (f, other);
  other_first = dup_code (pad);
  g_assert_cmpstr (other_first, !=, "s = \"Programming\"\ns[::-1]");
  g_assert_cmpstr (gtk_editable_get_text (viva_scratchpad_get_prediction_entry (pad)), ==, "");
  type_code (pad, "x = 1\nx + 1");

  pad = show_question (f, 42);
  code = dup_code (pad);
  g_assert_cmpstr (code, ==, "s = \"Programming\"\ns[::-1]");
  g_assert_cmpstr (gtk_editable_get_text (viva_scratchpad_get_prediction_entry (pad)), ==, "'gnimmargorP'");

  pad = show_question (f, other);
  other_code = dup_code (pad);
  g_assert_cmpstr (other_code, ==, "x = 1\nx + 1");

  /* On disk, with the notes. */
  g_assert_true (viva_notes_store_flush (f->notes, NULL));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "s[::-1]"));
  g_assert_nonnull (strstr (contents, "x + 1"));
  g_assert_nonnull (strstr (contents, "gnimmargorP"));
}

static void
test_stop (Fixture       *f,
           gconstpointer  data)
{
  VivaScratchpad *pad = show_question (f, 42);
  GtkWidget *stop;

  type_code (pad, "import time\nprint('started', flush=True)\ntime.sleep(3600)");
  gtk_widget_grab_focus (GTK_WIDGET (viva_scratchpad_get_code_view (pad)));
  viva_test_send_keys (GTK_WIDGET (pad), "ctrl+Return");
  wait_for (pad, output_started, "the first output");
  g_assert_true (viva_scratchpad_get_running (pad));

  stop = find_button (GTK_WIDGET (pad), "Stop");
  g_assert_true (gtk_widget_is_sensitive (stop));
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (pad), "Run")));
  g_signal_emit_by_name (stop, "clicked");
  wait_for (pad, not_running, "the run to stop");

  g_assert_cmpstr (viva_scratchpad_get_result (pad), ==, "Stopped.");
  g_assert_true (gtk_widget_is_sensitive (find_button (GTK_WIDGET (pad), "Run")));
}

/* The time limit is the user's, set in Preferences. */
static void
test_time_limit (Fixture       *f,
                 gconstpointer  data)
{
  VivaScratchpad *pad = show_question (f, 42);
  GtkWidget *preferences = viva_preferences_window_new (GTK_WINDOW (f->window));
  GtkSpinButton *spin = viva_preferences_window_get_run_time_limit_row (VIVA_PREFERENCES_WINDOW (preferences));
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GString) unnamed = g_string_new (NULL);

  gtk_window_present (GTK_WINDOW (preferences));
  viva_test_wait_mapped (preferences);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 10);
  viva_test_collect_unnamed_controls (GTK_WIDGET (spin), unnamed);
  g_assert_cmpstr (unnamed->str, ==, "");

  gtk_spin_button_set_value (spin, 2);
  g_assert_cmpuint (g_settings_get_uint (settings, "run-time-limit"), ==, 2);
  gtk_window_destroy (GTK_WINDOW (preferences));
  viva_test_drain_main_loop ();

  type_code (pad, "import time\ntime.sleep(3600)");
  run_with_keyboard (pad);
  g_assert_cmpstr (viva_scratchpad_get_result (pad), ==, "Stopped at the time limit of 2 seconds.");

  g_settings_reset (settings, "run-time-limit");
}

int
main (int   argc,
      char *argv[])
{
  viva_test_init_ui (&argc, &argv);

  g_test_add_func ("/scratchpad/prediction-rules", test_prediction_rules);
  g_test_add ("/scratchpad/question-42", Fixture, NULL,
              fixture_set_up, test_question_42_runs, fixture_tear_down);
  g_test_add ("/scratchpad/prediction", Fixture, NULL,
              fixture_set_up, test_prediction, fixture_tear_down);
  g_test_add ("/scratchpad/code-saved", Fixture, NULL,
              fixture_set_up, test_code_saved, fixture_tear_down);
  g_test_add ("/scratchpad/stop", Fixture, NULL,
              fixture_set_up, test_stop, fixture_tear_down);
  g_test_add ("/scratchpad/time-limit", Fixture, NULL,
              fixture_set_up, test_time_limit, fixture_tear_down);
  g_test_add_func ("/scratchpad/sandbox-unavailable", test_sandbox_unavailable);
  g_test_add_func ("/scratchpad/grade-undo", test_grade_undo);
  g_test_add_func ("/scratchpad/grade-follows-scheduler", test_grade_follows_scheduler);
  g_test_add_func ("/scratchpad/pad-built-when-offered", test_pad_built_when_offered);
  g_test_add_func ("/scratchpad/pad-gets-what-came-before", test_pad_gets_what_came_before);

  return g_test_run ();
}
