/* test-interview-live.c
 *
 * The live interview page with real widgets under Xvfb and a fake
 * clock: notes stamped with the time as they are typed, the answer key
 * from the study notes, ratings by button and by key (but not while
 * typing), the clocks against their budgets, a question added on the
 * fly, and the candidate window, which follows the interviewer and
 * never shows notes or ratings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "viva-bank.h"
#include "viva-candidate-window.h"
#include "viva-clock.h"
#include "viva-code-pad.h"
#include "viva-context.h"
#include "viva-interview.h"
#include "viva-interview-live-page.h"
#include "viva-interview-file.h"
#include "viva-interview-pdf.h"
#include "viva-interview-store.h"
#include "viva-level.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-owned-banks.h"
#include "viva-python-runner.h"
#include "viva-question.h"
#include "viva-test-util.h"

#define SECOND ((gint64) G_USEC_PER_SEC)
#define MINUTE ((gint64) 60 * G_USEC_PER_SEC)
#define WAIT_LIMIT_USEC (20 * G_USEC_PER_SEC)

typedef struct
{
  VivaBank              *bank;
  VivaNotesStore        *notes;
  VivaClock             *clock;
  VivaContext           *context;
  VivaInterview         *interview;
  GtkWindow             *window;
  VivaInterviewLivePage *page;
  char                  *dir;
} Fixture;

static const char answer_key[] = "Mutable: list, dict, set. Immutable: int, str, tuple.";

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *notes_path = NULL;
  VivaNote *note;
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_USEC;

  f->dir = g_dir_make_tmp ("viva-live-XXXXXX", &error);
  g_assert_no_error (error);
  notes_path = g_build_filename (f->dir, "notes.json", NULL);

  f->bank = viva_bank_new_bundled (&error);
  g_assert_no_error (error);
  f->notes = viva_notes_store_new (notes_path);
  viva_notes_store_load (f->notes, NULL);
  note = viva_notes_store_get_note (f->notes, viva_bank_get_id (f->bank), 1);
  viva_note_set_text (note, answer_key);

  f->clock = viva_clock_new_fake (1000 * MINUTE);
  f->interview = viva_interview_new (f->clock);
  viva_interview_set_candidate (f->interview, "Ada Lovelace");
  g_assert_true (viva_interview_append_question (f->interview, viva_bank_lookup_question (f->bank, 1),
                                                 2 * MINUTE, &error));
  g_assert_no_error (error);
  g_assert_true (viva_interview_append_question (f->interview, viva_bank_lookup_question (f->bank, 2),
                                                 0, &error));
  g_assert_no_error (error);
  viva_interview_set_total_budget (f->interview, 45 * MINUTE);
  g_assert_true (viva_interview_start (f->interview));

  f->context = g_object_new (VIVA_TYPE_CONTEXT,
                             "notes-store", f->notes,
                             "clock", f->clock,
                             NULL);
  viva_context_set_bank (f->context, f->bank);

  f->page = g_object_new (VIVA_TYPE_INTERVIEW_LIVE_PAGE,
                          "context", f->context,
                          NULL);
  viva_interview_live_page_set_interview (f->page, f->interview);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1100, 760);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (f->page)))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
  viva_test_drain_main_loop ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (f->window);
  viva_test_drain_main_loop ();
  g_assert_true (viva_notes_store_flush (f->notes, &error));
  g_assert_no_error (error);
  g_clear_object (&f->interview);
  g_clear_object (&f->context);
  g_clear_object (&f->clock);
  g_clear_object (&f->notes);
  g_clear_object (&f->bank);

  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static void
advance (Fixture *f,
         gint64   usec)
{
  viva_clock_advance (f->clock, usec);
  viva_test_drain_main_loop ();
}

/* As a keyboard would: at the cursor, as the user. */
static void
type (Fixture    *f,
      const char *text)
{
  GtkTextView *view = viva_interview_live_page_get_notes_view (f->page);

  gtk_widget_grab_focus (GTK_WIDGET (view));
  gtk_text_buffer_insert_interactive_at_cursor (gtk_text_view_get_buffer (view), text, -1, TRUE);
  viva_test_drain_main_loop ();
}

static char *
buffer_text (Fixture *f)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (viva_interview_live_page_get_notes_view (f->page));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

/* The page's own key handler, as GTK calls it for a key press. */
static gboolean
press_key (Fixture *f,
           guint    keyval)
{
  GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->page));
  guint n = g_list_model_get_n_items (controllers);
  gboolean handled = FALSE;
  gboolean found = FALSE;

  for (guint i = 0; i < n && !found; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
          found = TRUE;
        }
    }
  g_object_unref (controllers);
  g_assert_true (found);
  viva_test_drain_main_loop ();

  return handled;
}

static void
set_flag_cb (gboolean *flag)
{
  *flag = TRUE;
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));
  else if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    g_string_append_printf (out, "%s\n", gtk_button_get_label (GTK_BUTTON (widget)));
  else if (GTK_IS_TEXT_VIEW (widget))
    g_string_append (out, "<text view>\n");

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

static void
test_notes_are_stamped (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  advance (f, 75 * SECOND);
  type (f, "Knows the difference");
  first = buffer_text (f);
  g_assert_cmpstr (first, ==, "[01:15] Knows the difference");
  g_assert_cmpstr (viva_interview_item_get_notes (viva_interview_get_item (f->interview, 0)), ==, first);

  /* Typing on in the same paragraph keeps its stamp; a new paragraph
   * gets the time it was begun. */
  advance (f, 10 * SECOND);
  type (f, " between list and tuple.");
  advance (f, 20 * SECOND);
  type (f, "\n\nHesitated on frozenset.");
  second = buffer_text (f);
  g_assert_cmpstr (second, ==,
                   "[01:15] Knows the difference between list and tuple.\n\n"
                   "[01:45] Hesitated on frozenset.");
  g_assert_cmpstr (viva_interview_item_get_notes (viva_interview_get_item (f->interview, 0)), ==, second);

  /* The cursor stayed at the end, after what was typed. */
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (viva_interview_live_page_get_notes_view (f->page));
    GtkTextIter cursor;

    gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
    g_assert_true (gtk_text_iter_is_end (&cursor));
  }

  /* Paused time is not counted. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "live.paused", NULL));
  g_assert_cmpint (viva_interview_get_state (f->interview), ==, VIVA_INTERVIEW_STATE_PAUSED);
  advance (f, 10 * MINUTE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "live.paused", NULL));
  g_assert_cmpint (viva_interview_get_state (f->interview), ==, VIVA_INTERVIEW_STATE_RUNNING);
  advance (f, 5 * SECOND);
  type (f, "\n\nResumed.");
  g_assert_nonnull (strstr (viva_interview_item_get_notes (viva_interview_get_item (f->interview, 0)), "[01:50] Resumed."));
}

static void
test_answer_key_and_clocks (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *label;

  g_assert_cmpstr (viva_interview_live_page_get_answer_key (f->page), ==, answer_key);

  advance (f, 90 * SECOND);
  g_assert_cmpstr (viva_interview_live_page_get_clock_text (f->page, FALSE), ==, "1:30 / 2:00");
  g_assert_cmpstr (viva_interview_live_page_get_clock_text (f->page, TRUE), ==, "1:30 / 45:00");

  /* Over the question's budget: flagged. */
  advance (f, 60 * SECOND);
  g_assert_cmpstr (viva_interview_live_page_get_clock_text (f->page, FALSE), ==, "2:30 / 2:00");
  label = find_label (GTK_WIDGET (f->page), "2:30 / 2:00");
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_has_css_class (label, "error"));
  label = find_label (GTK_WIDGET (f->page), "2:30 / 45:00");
  g_assert_nonnull (label);
  g_assert_false (gtk_widget_has_css_class (label, "error"));

  /* The second question has no study notes and no budget of its own. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "live.next", NULL));
  viva_test_drain_main_loop ();
  g_assert_cmpuint (viva_interview_get_current (f->interview), ==, 1);
  g_assert_cmpint (viva_interview_item_get_spent (viva_interview_get_item (f->interview, 0)), ==, 150 * SECOND);
  g_assert_nonnull (strstr (viva_interview_live_page_get_answer_key (f->page), "no study notes"));
  advance (f, 10 * SECOND);
  g_assert_cmpstr (viva_interview_live_page_get_clock_text (f->page, FALSE), ==, "0:10");
  g_assert_cmpstr (viva_interview_live_page_get_clock_text (f->page, TRUE), ==, "2:40 / 45:00");

  /* Back, and the first question's notes and time are where they were. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "live.previous", NULL));
  viva_test_drain_main_loop ();
  g_assert_cmpstr (viva_interview_live_page_get_answer_key (f->page), ==, answer_key);
  g_assert_cmpstr (viva_interview_live_page_get_clock_text (f->page, FALSE), ==, "2:30 / 2:00");
}

static void
test_rating_keys (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *typed = NULL;

  /* Buttons. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "live.rating", "i",
                                             (gint32) VIVA_INTERVIEW_RATING_YES));
  g_assert_cmpint (viva_interview_item_get_rating (viva_interview_get_item (f->interview, 0)), ==, VIVA_INTERVIEW_RATING_YES);

  /* While typing, a digit is text, not a rating. */
  type (f, "Answer ");
  g_assert_false (press_key (f, GDK_KEY_4));
  g_assert_cmpint (viva_interview_item_get_rating (viva_interview_get_item (f->interview, 0)), ==, VIVA_INTERVIEW_RATING_YES);

  /* Escape leaves the notes; then 1-4 and 0 rate. */
  g_assert_true (press_key (f, GDK_KEY_Escape));
  g_assert_false (gtk_widget_has_focus (GTK_WIDGET (viva_interview_live_page_get_notes_view (f->page))));
  g_assert_true (press_key (f, GDK_KEY_4));
  g_assert_cmpint (viva_interview_item_get_rating (viva_interview_get_item (f->interview, 0)), ==, VIVA_INTERVIEW_RATING_STRONG_YES);
  g_assert_true (press_key (f, GDK_KEY_1));
  g_assert_cmpint (viva_interview_item_get_rating (viva_interview_get_item (f->interview, 0)), ==, VIVA_INTERVIEW_RATING_STRONG_NO);
  g_assert_true (press_key (f, GDK_KEY_0));
  g_assert_cmpint (viva_interview_item_get_rating (viva_interview_get_item (f->interview, 0)), ==, VIVA_INTERVIEW_RATING_NONE);
  g_assert_false (press_key (f, GDK_KEY_5));

  /* The notes were not touched by any of it. */
  typed = buffer_text (f);
  g_assert_cmpstr (typed, ==, "[00:00] Answer ");
}

/* What a row of the picker reads: "#37  What is a decorator?" (the
 * number and the question are two labels). */
static char *
row_text (GtkListBoxRow *row)
{
  GString *text = g_string_new (NULL);
  GtkWidget *child = gtk_list_box_row_get_child (row);

  if (GTK_IS_LABEL (child))
    g_string_append (text, gtk_label_get_text (GTK_LABEL (child)));
  for (GtkWidget *label = gtk_widget_get_first_child (child); label; label = gtk_widget_get_next_sibling (label))
    g_string_append_printf (text, "%s%s", text->len > 0 ? "  " : "", gtk_label_get_text (GTK_LABEL (label)));

  return g_string_free (text, FALSE);
}

static void
test_add_question_on_the_fly (Fixture       *f,
                              gconstpointer  data)
{
  VivaQuestionPicker *picker = viva_interview_live_page_get_question_picker (f->page);
  GtkListBox *list = viva_question_picker_get_list (picker);
  GtkListBoxRow *row;
  VivaInterviewItem *item;
  g_autofree char *lower = NULL;

  /* Already planned questions are not offered again. */
  viva_question_picker_set_query (picker, "1");
  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      g_autofree char *title = row_text (row);

      g_assert_false (g_str_has_prefix (title, "#1 "));
    }

  viva_question_picker_set_query (picker, "decorator");
  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_nonnull (row);
  g_signal_emit_by_name (list, "row-activated", row);
  viva_test_drain_main_loop ();

  /* Asked now: right after the current question, and shown. */
  g_assert_cmpuint (viva_interview_get_n_items (f->interview), ==, 3);
  g_assert_cmpuint (viva_interview_get_current (f->interview), ==, 1);
  item = viva_interview_get_item (f->interview, 1);
  g_assert_cmpuint (viva_interview_item_get_number (item), !=, 0);
  lower = g_utf8_strdown (viva_interview_item_get_text (item), -1);
  g_assert_nonnull (strstr (lower, "decorator"));
  g_assert_cmpuint (viva_interview_item_get_number (viva_interview_get_item (f->interview, 2)), ==, 2);

  /* Words that match nothing become the interviewer's own question. */
  viva_question_picker_set_query (picker, "Tell me about your last project");
  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_nonnull (row);
  g_assert_null (gtk_list_box_get_row_at_index (list, 1));
  g_signal_emit_by_name (list, "row-activated", row);
  viva_test_drain_main_loop ();
  g_assert_cmpuint (viva_interview_get_n_items (f->interview), ==, 4);
  item = viva_interview_get_item (f->interview, 2);
  g_assert_cmpuint (viva_interview_item_get_number (item), ==, 0);
  g_assert_cmpstr (viva_interview_item_get_text (item), ==, "Tell me about your last project");
  g_assert_nonnull (strstr (viva_interview_live_page_get_answer_key (f->page), "your own"));
}

static void
test_candidate_window (Fixture       *f,
                       gconstpointer  data)
{
  VivaCandidateWindow *candidate;
  g_autoptr(GString) shown = g_string_new (NULL);

  type (f, "Secret observation");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "live.rating", "i",
                                             (gint32) VIVA_INTERVIEW_RATING_STRONG_NO));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "live.candidate-shown", NULL));
  viva_test_drain_main_loop ();

  candidate = viva_interview_live_page_get_candidate_window (f->page);
  g_assert_nonnull (candidate);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (candidate)));
  g_assert_cmpstr (viva_candidate_window_get_text (candidate), ==,
                   viva_question_get_text (viva_bank_lookup_question (f->bank, 1)));

  /* Nothing but the question: no notes, no rating, no answer key, no
   * clock, no name, and no text field at all. */
  collect_text (GTK_WIDGET (candidate), shown);
  g_assert_null (strstr (shown->str, "Secret observation"));
  g_assert_null (strstr (shown->str, "Strong"));
  g_assert_null (strstr (shown->str, "Mutable"));
  g_assert_null (strstr (shown->str, "Ada"));
  g_assert_null (strstr (shown->str, "<text view>"));
  g_assert_null (strstr (shown->str, ":0"));
  g_assert_nonnull (strstr (shown->str, "Question 1 of 2"));

  /* It follows the interviewer. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "live.next", NULL));
  viva_test_drain_main_loop ();
  g_assert_cmpstr (viva_candidate_window_get_text (candidate), ==,
                   viva_question_get_text (viva_bank_lookup_question (f->bank, 2)));

  /* Closed from its own title bar, the page knows. */
  gtk_window_close (GTK_WINDOW (candidate));
  viva_test_drain_main_loop ();
  g_assert_null (viva_interview_live_page_get_candidate_window (f->page));

  /* After the interview, it says so and shows no question. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "live.candidate-shown", NULL));
  viva_test_drain_main_loop ();
  candidate = viva_interview_live_page_get_candidate_window (f->page);
  g_assert_true (viva_interview_finish (f->interview));
  viva_test_drain_main_loop ();
  g_assert_nonnull (strstr (viva_candidate_window_get_text (candidate), "over"));
}

/* Question 31 of the bundled bank: "If `x = 10`, what will
 * `x > 5 and x < 15` evaluate to?" Its code reads in monospace on the
 * page and in the candidate's window, as in the study view; a question
 * of the interviewer's own reads as typed, markup characters and all. */
static void
test_question_code_in_monospace (Fixture       *f,
                                 gconstpointer  data)
{
  static const char own[] = "Is <b>x</b> & `y` bold, or code?";
  VivaQuestion *question = viva_bank_lookup_question (f->bank, 31);
  VivaCandidateWindow *candidate;
  GtkLabel *labels[2];

  g_assert_nonnull (question);
  g_assert_true (viva_interview_live_page_add_question (f->page, 31, viva_question_get_text (question), NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "live.candidate-shown", NULL));
  viva_test_drain_main_loop ();
  candidate = viva_interview_live_page_get_candidate_window (f->page);
  g_assert_nonnull (candidate);

  labels[0] = viva_interview_live_page_get_question_label (f->page);
  labels[1] = viva_candidate_window_get_question_label (candidate);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      g_assert_cmpstr (gtk_label_get_text (labels[i]), ==,
                       "If x = 10, what will x > 5 and x < 15 evaluate to?");
      g_assert_true (viva_test_label_is_monospace (labels[i], "x = 10"));
      g_assert_true (viva_test_label_is_monospace (labels[i], "x > 5 and x < 15"));
      g_assert_false (viva_test_label_is_monospace (labels[i], "what will"));
    }
  viva_test_save_screenshot (GTK_WIDGET (f->window), "live-question-code.png");
  viva_test_save_screenshot (GTK_WIDGET (candidate), "candidate-question-code.png");

  g_assert_true (viva_interview_live_page_add_question (f->page, 0, own, NULL));
  viva_test_drain_main_loop ();
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      g_assert_cmpstr (gtk_label_get_text (labels[i]), ==, own);
      g_assert_false (viva_test_label_is_monospace (labels[i], "`y`"));
    }
}

/* The page, its question picker and the candidate window follow the
 * bank their context has open, with no one pushing it to them: when
 * the window closes the bank, the question reads as plain text and the
 * picker offers only the interviewer's own question; when it opens
 * again, its code is in monospace and its questions are offered. */
static void
test_follows_the_context_bank (Fixture       *f,
                               gconstpointer  data)
{
  VivaQuestionPicker *picker = viva_interview_live_page_get_question_picker (f->page);
  GtkListBox *list = viva_question_picker_get_list (picker);
  VivaQuestion *question = viva_bank_lookup_question (f->bank, 31);
  g_autoptr(VivaBank) reopened = NULL;
  g_autoptr(GError) error = NULL;
  VivaCandidateWindow *candidate;
  GtkLabel *labels[2];

  g_assert_nonnull (question);
  g_assert_true (viva_interview_set_bank (f->interview, viva_bank_get_id (f->bank)));
  g_assert_true (viva_interview_live_page_add_question (f->page, 31, viva_question_get_text (question), NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "live.candidate-shown", NULL));
  viva_test_drain_main_loop ();
  candidate = viva_interview_live_page_get_candidate_window (f->page);
  g_assert_nonnull (candidate);
  labels[0] = viva_interview_live_page_get_question_label (f->page);
  labels[1] = viva_candidate_window_get_question_label (candidate);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    g_assert_true (viva_test_label_is_monospace (labels[i], "x = 10"));
  viva_question_picker_set_query (picker, "decorator");
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 1));

  /* No bank open. */
  viva_context_set_bank (f->context, NULL);
  viva_test_drain_main_loop ();
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      g_assert_cmpstr (gtk_label_get_text (labels[i]), ==,
                       "If x = 10, what will x > 5 and x < 15 evaluate to?");
      g_assert_false (viva_test_label_is_monospace (labels[i], "x = 10"));
    }
  /* The picker's list changes under the same words. */
  {
    g_autofree char *only = row_text (gtk_list_box_get_row_at_index (list, 0));

    g_assert_nonnull (strstr (only, "Ask Your Own"));
    g_assert_null (gtk_list_box_get_row_at_index (list, 1));
  }

  /* The same bank, opened again. */
  reopened = viva_bank_new_bundled (&error);
  g_assert_no_error (error);
  viva_context_set_bank (f->context, reopened);
  viva_test_drain_main_loop ();
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    g_assert_true (viva_test_label_is_monospace (labels[i], "x = 10"));
  {
    g_autofree char *first = row_text (gtk_list_box_get_row_at_index (list, 0));

    g_assert_true (g_str_has_prefix (first, "#"));
  }

  /* An interview of another bank is offered only questions of the
   * interviewer's own, whatever the window has open. */
  g_assert_true (viva_interview_set_bank (f->interview, "another-bank"));
  viva_question_picker_set_query (picker, "decorator");
  {
    g_autofree char *only = row_text (gtk_list_box_get_row_at_index (list, 0));

    g_assert_nonnull (strstr (only, "Ask Your Own"));
    g_assert_null (gtk_list_box_get_row_at_index (list, 1));
  }
}

static GtkWidget *
find_toggle_with_icon (GtkWidget  *root,
                       const char *icon_name)
{
  if (GTK_IS_TOGGLE_BUTTON (root) &&
      g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), icon_name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toggle_with_icon (child, icon_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The screen button beside "Finish Interview…", clicked as a user
 * would: it opens and closes the window, and shows whether it is open
 * however it was opened or closed. */
static void
test_candidate_button (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *button = find_toggle_with_icon (GTK_WIDGET (f->page), "video-display-symbolic");
  VivaCandidateWindow *candidate;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));

  g_signal_emit_by_name (button, "clicked");
  viva_test_drain_main_loop ();
  candidate = viva_interview_live_page_get_candidate_window (f->page);
  g_assert_nonnull (candidate);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (candidate)));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));

  g_signal_emit_by_name (button, "clicked");
  viva_test_drain_main_loop ();
  g_assert_null (viva_interview_live_page_get_candidate_window (f->page));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));

  /* Ctrl+Shift+W lights it; closing the window from its title bar
   * puts it out. */
  gtk_widget_grab_focus (GTK_WIDGET (viva_interview_live_page_get_notes_view (f->page)));
  g_assert_true (viva_test_press_shortcut (GTK_WIDGET (f->page), "<Control><Shift>w"));
  viva_test_drain_main_loop ();
  candidate = viva_interview_live_page_get_candidate_window (f->page);
  g_assert_nonnull (candidate);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  gtk_window_close (GTK_WINDOW (candidate));
  viva_test_drain_main_loop ();
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  g_assert_true (gtk_widget_is_sensitive (button));
}


typedef gboolean (*PadCondition) (VivaCodePad *pad);

static void
wait_for_pad (VivaCodePad  *pad,
              PadCondition  condition,
              const char   *what)
{
  gint64 give_up = g_get_monotonic_time () + 4 * WAIT_LIMIT_USEC;

  while (!condition (pad))
    {
      if (g_get_monotonic_time () > give_up)
        g_error ("Still waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static gboolean
pad_not_running (VivaCodePad *pad)
{
  return !viva_code_pad_get_running (pad);
}

static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Pastes @code into the pad, as the interviewer would, and runs it with
 * Ctrl+Enter (Ctrl+Shift+Enter for the tests) through the X server,
 * then waits for the run to end. */
static void
paste_and_run (Fixture    *f,
               const char *code,
               gboolean    tests)
{
  VivaCodePad *pad = viva_interview_live_page_get_code_pad (f->page);
  GtkWidget *view = GTK_WIDGET (viva_code_pad_get_view (pad));
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (viva_code_pad_get_buffer (pad));

  gtk_widget_grab_focus (view);
  viva_test_drain_main_loop ();
  g_assert_true (gtk_widget_has_focus (view));
  gtk_text_buffer_set_text (buffer, code, -1);
  viva_test_send_keys (view, tests ? "ctrl+shift+Return" : "ctrl+Return");
  wait_for_pad (pad, viva_code_pad_get_running, "the run to start");
  wait_for_pad (pad, pad_not_running, "the run to end");
  viva_test_drain_main_loop ();
}

/* The interviewer opens the code pad (Ctrl+Shift+C, or the Code Pad
 * button), pastes the candidate's code and runs it: the notes of the
 * question get a paragraph stamped with the time the run began, the
 * code in a python fence and its output in a text fence; the Markdown
 * report keeps them as code blocks. On a coding challenge, Run Tests
 * stamps how many tests passed and each one that failed. The
 * candidate window never shows the pad. */
static void
test_code_pad_stamps_runs (Fixture       *f,
                           gconstpointer  data)
{
  VivaCodePad *pad = viva_interview_live_page_get_code_pad (f->page);
  GtkWidget *button = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notes_shown = NULL;
  g_autofree char *report = NULL;
  g_autofree char *output = NULL;
  const char *notes;
  VivaCandidateWindow *candidate;
  GtkWidget *revealer;

  revealer = gtk_widget_get_ancestor (GTK_WIDGET (pad), GTK_TYPE_REVEALER);
  g_assert_nonnull (revealer);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  /* Notes typed first; the pad then opens from the notes field. */
  advance (f, MINUTE);
  type (f, "Asked for a greeting.");
  gtk_widget_grab_focus (GTK_WIDGET (viva_interview_live_page_get_notes_view (f->page)));
  g_assert_true (viva_test_press_shortcut (GTK_WIDGET (f->page), "<Control><Shift>c"));
  viva_test_drain_main_loop ();
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (viva_code_pad_get_view (pad))));
  button = find_label (GTK_WIDGET (f->page), "Code Pad");
  g_assert_nonnull (button);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (gtk_widget_get_parent (button))));

  viva_test_wait_runner_settled (viva_context_get_python_runner (viva_code_pad_get_context (pad)));
  if (!viva_python_runner_get_can_run (viva_context_get_python_runner (f->context)))
    {
      g_test_skip ("Python cannot run in the sandbox here");
      return;
    }

  /* The run began at 3:00; it ends later, and the stamp says 3:00. */
  advance (f, 2 * MINUTE);
  paste_and_run (f, "print('hello')\n\nx = 6 * 7\nx\n", FALSE);
  notes = viva_interview_item_get_notes (viva_interview_get_item (f->interview, 0));
  g_test_message ("notes: %s", notes);
  g_assert_true (g_str_has_prefix (notes,
                                   "[01:00] Asked for a greeting.\n\n"
                                   "[03:00] Ran the code: Finished.\n"
                                   "```python\nprint('hello')\n\nx = 6 * 7\nx\n```\n"
                                   "```text\n"));
  output = viva_code_pad_dup_output (pad);
  g_assert_nonnull (strstr (output, "hello"));
  g_assert_nonnull (strstr (output, "42"));
  g_assert_nonnull (strstr (notes, "hello\n"));
  g_assert_true (g_str_has_suffix (notes, "42\n```"));
  /* What the notes field shows is what is saved, the code in monospace
   * and the text around it not. */
  notes_shown = buffer_text (f);
  g_assert_cmpstr (notes_shown, ==, notes);
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (viva_interview_live_page_get_notes_view (f->page));
    GtkTextTag *code_tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "viva-code");
    g_autofree char *family = NULL;
    GtkTextIter iter;

    g_assert_nonnull (code_tag);
    g_object_get (code_tag, "family", &family, NULL);
    g_assert_cmpstr (family, ==, "Monospace");
    gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) g_utf8_pointer_to_offset (notes, strstr (notes, "x = 6")));
    g_assert_true (gtk_text_iter_has_tag (&iter, code_tag));
    gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) g_utf8_pointer_to_offset (notes, strstr (notes, "Ran the")));
    g_assert_false (gtk_text_iter_has_tag (&iter, code_tag));
  }

  /* Typing on after it: a new paragraph, stamped; the run's is intact. */
  advance (f, MINUTE);
  gtk_widget_grab_focus (GTK_WIDGET (viva_interview_live_page_get_notes_view (f->page)));
  type (f, "\n\nQuick.");
  notes = viva_interview_item_get_notes (viva_interview_get_item (f->interview, 0));
  g_assert_true (g_str_has_suffix (notes, "42\n```\n\n[04:00] Quick."));

  /* The report keeps the code as code. */
  report = viva_interview_to_markdown (f->interview);
  g_assert_nonnull (strstr (report, "```text\n[01:00] Asked for a greeting.\n\n[03:00] Ran the code: Finished.\n```\n\n"
                                    "```python\nprint('hello')\n\nx = 6 * 7\nx\n```\n"));

  /* So does the PDF, read back as text. */
  {
    g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
    g_autofree char *pdf_path = g_build_filename (f->dir, "report.pdf", NULL);

    g_assert_true (viva_interview_write_pdf (f->interview, pdf_path, &error));
    g_assert_no_error (error);
    if (pdftotext != NULL)
      {
        const char *argv[] = { pdftotext, "-layout", pdf_path, "-", NULL };
        g_autofree char *pdf_text = NULL;
        int status = 0;

        g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                     &pdf_text, NULL, &status, &error));
        g_assert_no_error (error);
        g_assert_true (g_spawn_check_wait_status (status, NULL));
        g_assert_nonnull (strstr (pdf_text, "Ran the code: Finished."));
        g_assert_nonnull (strstr (pdf_text, "print('hello')"));
        g_assert_nonnull (strstr (pdf_text, "x = 6 * 7"));
        /* The fences are read, not printed. */
        g_assert_null (strstr (pdf_text, "```"));
      }
  }

  /* The candidate window shows the question, never the pad. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "live.candidate-shown", NULL));
  viva_test_drain_main_loop ();
  candidate = viva_interview_live_page_get_candidate_window (f->page);
  g_assert_nonnull (candidate);
  g_assert_null (find_descendant (GTK_WIDGET (candidate), VIVA_TYPE_CODE_PAD));
  g_assert_null (find_descendant (GTK_WIDGET (candidate), GTK_TYPE_TEXT_VIEW));

  /* A coding challenge: the pad offers its tests and its starter code. */
  g_assert_true (viva_interview_append_question (f->interview, viva_bank_lookup_question (f->bank, 951), 0, &error));
  g_assert_no_error (error);
  g_assert_true (viva_interview_set_current (f->interview, 2));
  viva_test_drain_main_loop ();
  g_assert_true (viva_code_pad_get_tests (pad));
  g_assert_nonnull (viva_code_pad_get_challenge (pad));
  {
    g_autofree char *starter = viva_code_pad_dup_code (pad);

    g_assert_true (g_str_has_prefix (starter, "def is_palindrome"));
  }

  advance (f, MINUTE);
  paste_and_run (f, "def is_palindrome(s):\n    return True\n", TRUE);
  notes = viva_interview_item_get_notes (viva_interview_get_item (f->interview, 2));
  g_test_message ("notes: %s", notes);
  g_assert_true (g_str_has_prefix (notes, "[05:00] Ran the code: "));
  g_assert_nonnull (strstr (notes, " of 10 tests passed\n```python\ndef is_palindrome(s):\n    return True\n```\n```text\n"));
  g_assert_nonnull (strstr (notes, ": failed, expected False, got True\n"));
  viva_test_save_screenshot (GTK_WIDGET (f->window), "interview-live-code-pad.png");
  /* With the pad open and its results shown, the page still fits the
   * window's width: the answer key is not pushed off its edge. */
  {
    GtkWidget *key = GTK_WIDGET (find_label (GTK_WIDGET (f->page), "Answer Key"));
    graphene_rect_t bounds;

    g_assert_nonnull (key);
    g_assert_true (gtk_widget_compute_bounds (gtk_widget_get_parent (key), GTK_WIDGET (f->page), &bounds));
    g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (f->page)));
  }

  /* The interviewer's own question that asks for code: Run Tests runs
   * the candidate's asserts and test_ functions. */
  g_assert_true (viva_interview_append (f->interview, 0, "Write a function add(a, b) that returns the sum of two numbers.",
                                        0, &error));
  g_assert_no_error (error);
  g_assert_true (viva_interview_set_current (f->interview, 3));
  viva_test_drain_main_loop ();
  g_assert_true (viva_code_pad_get_tests (pad));
  g_assert_null (viva_code_pad_get_challenge (pad));
  advance (f, MINUTE);
  paste_and_run (f, "def add(a, b):\n    return a + b\n\nassert add(1, 2) == 3\n\n"
                    "def test_add():\n    assert add(2, 2) == 5\n", TRUE);
  notes = viva_interview_item_get_notes (viva_interview_get_item (f->interview, 3));
  g_test_message ("notes: %s", notes);
  g_assert_true (g_str_has_prefix (notes, "[06:00] Ran the code: 1 of 2 tests passed\n```python\ndef add(a, b):\n"));
  g_assert_nonnull (strstr (notes, "\n```text\n"));
  g_assert_nonnull (strstr (notes, "test_add"));

  /* Ctrl+Z in the notes takes the run's paragraph back, as one edit. */
  gtk_widget_grab_focus (GTK_WIDGET (viva_interview_live_page_get_notes_view (f->page)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viva_interview_live_page_get_notes_view (f->page)),
                                             "text.undo", NULL));
  viva_test_drain_main_loop ();
  g_assert_cmpstr (viva_interview_item_get_notes (viva_interview_get_item (f->interview, 3)), ==, "");

  /* Back on the first question, its code is as it was left. */
  g_assert_true (viva_interview_set_current (f->interview, 0));
  viva_test_drain_main_loop ();
  {
    g_autofree char *code = viva_code_pad_dup_code (pad);

    g_assert_cmpstr (code, ==, "print('hello')\n\nx = 6 * 7\nx\n");
    g_assert_false (viva_code_pad_get_tests (pad));
  }


  /* Moving on while code runs stops it, and the notes of the question
   * it ran for say so, with what it printed until then. */
  {
    GtkTextBuffer *buffer = GTK_TEXT_BUFFER (viva_code_pad_get_buffer (pad));
    gint64 give_up = g_get_monotonic_time () + 4 * WAIT_LIMIT_USEC;

    advance (f, MINUTE);
    gtk_text_buffer_set_text (buffer, "import time\nprint('started', flush=True)\ntime.sleep(60)\n", -1);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pad), "code-pad.run", NULL));
    for (;;)
      {
        g_autofree char *so_far = viva_code_pad_dup_output (pad);

        if (strstr (so_far, "started") != NULL)
          break;
        if (g_get_monotonic_time () > give_up)
          g_error ("Still waiting for the first output");
        g_main_context_iteration (NULL, FALSE);
        g_usleep (2000);
      }
    g_assert_true (viva_code_pad_get_running (pad));
    g_assert_true (viva_interview_set_current (f->interview, 1));
    viva_test_drain_main_loop ();
    g_assert_false (viva_code_pad_get_running (pad));
    notes = viva_interview_item_get_notes (viva_interview_get_item (f->interview, 0));
    g_test_message ("notes: %s", notes);
    g_assert_true (g_str_has_suffix (notes,
                                     "\n\n[07:00] Ran the code: Stopped: you moved to another question.\n"
                                     "```python\nimport time\nprint('started', flush=True)\ntime.sleep(60)\n```\n"
                                     "```text\nstarted\n```"));
    g_assert_cmpstr (viva_interview_item_get_notes (viva_interview_get_item (f->interview, 1)), ==, "");
  }

  /* Finished: the pad goes, and cannot come back. */
  g_assert_true (viva_interview_finish (f->interview));
  viva_test_drain_main_loop ();
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->page), "live.code-pad-shown", NULL) &&
                  gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
}

static gboolean
store_saved (VivaInterviewStore *store)
{
  return !viva_document_store_get_dirty (VIVA_DOCUMENT_STORE (store)) &&
         !viva_document_store_get_saving (VIVA_DOCUMENT_STORE (store));
}

static char *
pad_text (VivaCodePad *pad)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (viva_code_pad_get_buffer (pad));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

/* Code typed in the pad and never run is the interviewer's work too
 * (issue 11): the autosave writes it to the interview file as it writes
 * the notes, so a crash loses nothing; after a quit, the interview
 * reopened shows it in the pad for its question. */
static void
test_code_pad_text_is_saved (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(VivaInterviewStore) store = viva_interview_store_new (NULL);
  g_autoptr(VivaInterviewStore) reopened = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *id = g_strdup (viva_interview_get_id (f->interview));
  const char *typed = "def add(a, b):\n    return a + b\n";
  VivaCodePad *pad = viva_interview_live_page_get_code_pad (f->page);
  GtkWidget *view = GTK_WIDGET (viva_code_pad_get_view (pad));
  VivaInterview *copy = NULL;
  gint64 give_up = g_get_monotonic_time () + 4 * WAIT_LIMIT_USEC;

  viva_interview_store_load (store, &problems);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_true (viva_document_store_add (VIVA_DOCUMENT_STORE (store), f->interview, &error));
  g_assert_no_error (error);
  g_assert_true (viva_interview_store_flush (store, &error));
  g_assert_no_error (error);
  path = g_strconcat (viva_document_store_get_dir (VIVA_DOCUMENT_STORE (store)), "/", id, ".json", NULL);

  /* Opened from the notes, typed into on the keyboard over what the
   * pad offered, and not run. */
  gtk_widget_grab_focus (GTK_WIDGET (viva_interview_live_page_get_notes_view (f->page)));
  g_assert_true (viva_test_press_shortcut (GTK_WIDGET (f->page), "<Control><Shift>c"));
  viva_test_drain_main_loop ();
  g_assert_true (gtk_widget_has_focus (view));
  viva_test_send_keys (view, "ctrl+a");
  viva_test_send_keys (view, "BackSpace");
  while ((shown = pad_text (pad))[0] != '\0')
    {
      if (g_get_monotonic_time () > give_up)
        g_error ("The pad still shows “%s”", shown);
      g_clear_pointer (&shown, g_free);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  g_clear_pointer (&shown, g_free);
  /* As a keyboard would: at the cursor, as the user. */
  gtk_text_buffer_insert_interactive_at_cursor (GTK_TEXT_BUFFER (viva_code_pad_get_buffer (pad)), typed, -1, TRUE);
  viva_test_drain_main_loop ();
  shown = pad_text (pad);
  g_assert_cmpstr (shown, ==, typed);
  g_clear_pointer (&shown, g_free);
  g_assert_false (viva_code_pad_get_running (pad));
  g_assert_cmpstr (viva_interview_item_get_notes (viva_interview_get_item (f->interview, 0)), ==, "");

  /* On disk by the autosave alone, before any quit: what a crash now
   * would leave. */
  give_up = g_get_monotonic_time () + 4 * WAIT_LIMIT_USEC;
  while (!store_saved (store))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, give_up);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  {
    g_autoptr(VivaInterview) crashed = NULL;
    g_autofree char *contents = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (path, &contents, &len, &error));
    g_assert_no_error (error);
    g_assert_true (viva_interview_file_parse (contents, len, id, &crashed, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (viva_interview_item_get_code (viva_interview_get_item (crashed, 0)), ==, typed);
    g_assert_null (viva_interview_item_get_code (viva_interview_get_item (crashed, 1)));
  }

  /* Quit: the window goes, the store is flushed, as the application
   * does; then Viva starts again and the interview is reopened. */
  gtk_window_destroy (f->window);
  viva_test_drain_main_loop ();
  g_assert_true (viva_interview_store_flush (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_clear_object (&f->interview);

  reopened = viva_interview_store_new (NULL);
  g_clear_pointer (&problems, g_ptr_array_unref);
  viva_interview_store_load (reopened, &problems);
  g_assert_cmpuint (problems->len, ==, 0);
  for (guint i = 0; i < g_list_model_get_n_items (viva_interview_store_get_interviews (reopened)) && copy == NULL; i++)
    {
      g_autoptr(VivaInterview) listed = g_list_model_get_item (viva_interview_store_get_interviews (reopened), i);

      if (g_strcmp0 (viva_interview_get_id (listed), id) == 0)
        copy = listed;
    }
  g_assert_nonnull (copy);
  f->interview = g_object_ref (copy);
  g_assert_true (viva_interview_resume (f->interview));

  f->page = g_object_new (VIVA_TYPE_INTERVIEW_LIVE_PAGE, "context", f->context, NULL);
  viva_interview_live_page_set_interview (f->page, f->interview);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1100, 760);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  viva_test_drain_main_loop ();

  pad = viva_interview_live_page_get_code_pad (f->page);
  gtk_widget_grab_focus (GTK_WIDGET (viva_interview_live_page_get_notes_view (f->page)));
  g_assert_true (viva_test_press_shortcut (GTK_WIDGET (f->page), "<Control><Shift>c"));
  viva_test_drain_main_loop ();
  shown = pad_text (pad);
  g_assert_cmpstr (shown, ==, typed);
  viva_test_save_screenshot (GTK_WIDGET (f->window), "interview-live-code-reopened.png");

  /* The other question's pad offers its own code, not this one. */
  g_assert_true (viva_interview_set_current (f->interview, 1));
  viva_test_drain_main_loop ();
  g_clear_pointer (&shown, g_free);
  shown = pad_text (pad);
  g_assert_cmpstr (shown, !=, typed);
  g_assert_true (viva_interview_set_current (f->interview, 0));
  viva_test_drain_main_loop ();
  g_clear_pointer (&shown, g_free);
  shown = pad_text (pad);
  g_assert_cmpstr (shown, ==, typed);

  g_assert_true (viva_interview_store_flush (reopened, &error));
  g_assert_no_error (error);
}

static void
test_finish_asks_first (Fixture       *f,
                        gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *dialog = NULL;
  gboolean finished = FALSE;

  g_signal_connect_swapped (f->page, "finished", G_CALLBACK (set_flag_cb), &finished);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "live.finish", NULL));
  viva_test_drain_main_loop ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        dialog = ADW_MESSAGE_DIALOG (window);
    }
  g_assert_nonnull (dialog);
  viva_test_save_screenshot (GTK_WIDGET (dialog), "dialog-finish-interview.png");

  /* Cancel keeps it running. */
  adw_message_dialog_response (dialog, "cancel");
  viva_test_drain_main_loop ();
  g_assert_cmpint (viva_interview_get_state (f->interview), ==, VIVA_INTERVIEW_STATE_RUNNING);
  g_assert_false (finished);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "live.finish", NULL));
  viva_test_drain_main_loop ();
  dialog = NULL;
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        dialog = ADW_MESSAGE_DIALOG (window);
    }
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "finish");
  viva_test_drain_main_loop ();
  g_assert_cmpint (viva_interview_get_state (f->interview), ==, VIVA_INTERVIEW_STATE_FINISHED);
  g_assert_true (finished);

  /* Nothing can be changed live any more. */
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (viva_interview_live_page_get_notes_view (f->page))) &&
                  gtk_text_view_get_editable (viva_interview_live_page_get_notes_view (f->page)));
}


static gboolean
is_save_own_button (GtkWidget  *widget,
                    const char *what)
{
  return GTK_IS_BUTTON (widget) &&
         gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)) != NULL &&
         g_str_equal (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "live.save-own-question");
}

static gboolean
button_says_saved (gpointer data)
{
  return g_str_has_prefix (gtk_button_get_label (data), "Saved as question");
}

/* "Ask Your Own" then one click: the question is in My Questions, under
 * "Asked in Interviews", and the button says where. */
static void
test_ask_your_own_saves (Fixture       *f,
                         gconstpointer  data)
{
  GtkButton *button = GTK_BUTTON (viva_test_find_widget (GTK_WIDGET (f->page), is_save_own_button, NULL));
  g_autoptr(VivaOwnedBanks) owned = viva_owned_banks_new (NULL);
  g_autofree char *path = viva_owned_banks_dup_my_questions_path (owned);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(VivaBank) mine = NULL;
  g_autoptr(GError) error = NULL;
  VivaQuestion *question;

  g_assert_nonnull (button);
  g_unlink (path);
  /* A question of the bank has nothing to save. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (button)));

  g_assert_true (viva_interview_live_page_add_question (f->page, 0, "Why did you pick `asyncio`?", NULL));
  viva_test_drain_main_loop ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "live.save-own-question", NULL));
  viva_test_wait_until (button_says_saved, button, WAIT_LIMIT_USEC, "the question to be saved");
  g_assert_cmpstr (gtk_button_get_label (button), ==, "Saved as question 1 in My Questions");
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  viva_test_save_screenshot (GTK_WIDGET (f->window), "live-own-saved.png");

  mine = viva_bank_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  question = viva_bank_lookup_question (mine, 1);
  g_assert_cmpstr (viva_question_get_text (question), ==, "Why did you pick asyncio?");
  g_assert_cmpstr (viva_level_get_name (viva_question_get_level (question)), ==, "Asked in Interviews");

  /* Away and back: still saved. The interview keeps it as its own. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "live.previous", NULL));
  viva_test_drain_main_loop ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (button)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "live.next", NULL));
  viva_test_drain_main_loop ();
  g_assert_cmpstr (gtk_button_get_label (button), ==, "Saved as question 1 in My Questions");
  g_assert_cmpuint (viva_interview_item_get_number (viva_interview_get_item (f->interview, 1)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  viva_test_init_ui (&argc, &argv);
  viva_test_load_app_style ();

  g_test_add ("/interview-live/notes-are-stamped", Fixture, NULL,
              fixture_set_up, test_notes_are_stamped, fixture_tear_down);
  g_test_add ("/interview-live/answer-key-and-clocks", Fixture, NULL,
              fixture_set_up, test_answer_key_and_clocks, fixture_tear_down);
  g_test_add ("/interview-live/rating-keys", Fixture, NULL,
              fixture_set_up, test_rating_keys, fixture_tear_down);
  g_test_add ("/interview-live/add-question-on-the-fly", Fixture, NULL,
              fixture_set_up, test_add_question_on_the_fly, fixture_tear_down);
  g_test_add ("/interview-live/candidate-window", Fixture, NULL,
              fixture_set_up, test_candidate_window, fixture_tear_down);
  g_test_add ("/interview-live/question-code-in-monospace", Fixture, NULL,
              fixture_set_up, test_question_code_in_monospace, fixture_tear_down);
  g_test_add ("/interview-live/follows-the-context-bank", Fixture, NULL,
              fixture_set_up, test_follows_the_context_bank, fixture_tear_down);
  g_test_add ("/interview-live/candidate-button", Fixture, NULL,
              fixture_set_up, test_candidate_button, fixture_tear_down);
  g_test_add ("/interview-live/code-pad-stamps-runs", Fixture, NULL,
              fixture_set_up, test_code_pad_stamps_runs, fixture_tear_down);
  g_test_add ("/interview-live/code-pad-text-is-saved", Fixture, NULL,
              fixture_set_up, test_code_pad_text_is_saved, fixture_tear_down);
  g_test_add ("/interview-live/ask-your-own-saves", Fixture, NULL,
              fixture_set_up, test_ask_your_own_saves, fixture_tear_down);
  g_test_add ("/interview-live/finish-asks-first", Fixture, NULL,
              fixture_set_up, test_finish_asks_first, fixture_tear_down);

  return g_test_run ();
}
