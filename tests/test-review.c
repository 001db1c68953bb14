/* test-review.c
 *
 * Review driven as a user would, with real widgets under Xvfb and a fake
 * clock standing for the wall clock: "N due today" in the sidebar, a
 * round of questions started with Ctrl+R's action, the notes shown with
 * Space, grades given with the keys 1-4, the intervals on the buttons,
 * an undo, "All caught up", what reaches notes.json, the count at the
 * next day's start, the daily limit from Preferences, and a read-only
 * notes file that records nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "viva-bank.h"
#include "viva-clock.h"
#include "viva-context.h"
#include "viva-fsrs.h"
#include "viva-note.h"
#include "viva-notes-store-private.h"
#include "viva-notes-store.h"
#include "viva-preferences-window.h"
#include "viva-question.h"
#include "viva-review-button.h"
#include "viva-review-view.h"
#include "viva-scheduler.h"
#include "viva-test-util.h"
#include "viva-window.h"

#define DAY    G_TIME_SPAN_DAY
#define MINUTE G_TIME_SPAN_MINUTE

#define NOTE_5 "Use `copy.deepcopy` when the list holds lists.\n\n- a shallow copy shares the inner lists"

typedef struct
{
  VivaNotesStore   *notes;
  VivaWindow       *window;
  VivaReviewView   *view;
  VivaReviewButton *button;
  VivaClock        *clock;
  GSettings        *settings;
  gint64            start;
  /* What the Review button said in the window's first frame */
  char             *first_frame_title;
} Fixture;

static void
first_frame_cb (GdkFrameClock *clock,
                 Fixture       *f)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, f);
  f->first_frame_title = g_strdup (viva_review_button_get_title (f->button));
}

static void
first_frame_realize_cb (GtkWidget *window,
                        Fixture   *f)
{
  g_signal_handlers_disconnect_by_func (window, first_frame_realize_cb, f);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (first_frame_cb), f);
}

static char *
notes_path (void)
{
  return g_build_filename (g_get_user_data_dir (), APP_ID, "notes.json", NULL);
}

/* Tuesday 12 March 2024, 10:00 local time: a review day from 4:00 that
 * day to 4:00 on Wednesday. */
static gint64
test_start (void)
{
  g_autoptr(GDateTime) start = g_date_time_new_local (2024, 3, 12, 10, 0, 0);

  return g_date_time_to_unix (start) * G_USEC_PER_SEC;
}

/* No notes.json, and no backup of one for the store to fall back on. */
static void
reset_data (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), APP_ID, NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }

  g_settings_reset (settings, "last-question");
  g_settings_reset (settings, "last-bank");
  g_settings_reset (settings, "review-daily-limit");
  g_settings_reset (settings, "review-new-per-day");
  g_settings_reset (settings, "review-scheduler");
  g_settings_reset (settings, "review-desired-retention");
}

/* The rounds below that state SM-2's intervals: Preferences → Review →
 * Scheduler → SM-2. */
static void
choose_sm2 (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_string (settings, "review-scheduler", "sm2");
}

/* What the user had done before today: question 7 passed three days
 * ago and due since yesterday, question 5 passed yesterday and due
 * today, with notes, and question 9 passed Easy yesterday, due in three
 * days. Everything else is new. */
static void
seed_schedule (VivaNotesStore *notes,
               gint64          now)
{
  VivaNote *note;

  note = viva_notes_store_get_note (notes, VIVA_BUNDLED_BANK_ID, 7);
  viva_note_review (note, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW, now - 3 * DAY);

  note = viva_notes_store_get_note (notes, VIVA_BUNDLED_BANK_ID, 5);
  viva_note_set_text (note, NOTE_5);
  viva_note_review (note, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW, now - DAY);

  note = viva_notes_store_get_note (notes, VIVA_BUNDLED_BANK_ID, 9);
  viva_note_review (note, VIVA_REVIEW_GRADE_EASY, VIVA_REVIEW_SOURCE_REVIEW, now - DAY);
}

/* Review's limits, then the notes as a user comes back to them: with
 * the schedule seeded when @seed. */
typedef void (*SeedFunc) (VivaNotesStore *notes,
                          gint64          now);

static void
fixture_open (Fixture  *f,
              guint     daily_limit,
              guint     new_per_day,
              SeedFunc  seed)
{
  g_autoptr(VivaContext) context = NULL;
  g_autofree char *path = notes_path ();

  f->start = test_start ();
  f->settings = g_settings_new (APP_ID);
  g_settings_set_uint (f->settings, "review-daily-limit", daily_limit);
  g_settings_set_uint (f->settings, "review-new-per-day", new_per_day);
  f->notes = viva_notes_store_new (path);
  viva_notes_store_load (f->notes, NULL);
  f->clock = viva_clock_new_fake (f->start);

  /* The context gives the store the scheduler the settings say, which
   * then grades the history seeded too. */
  context = g_object_new (VIVA_TYPE_CONTEXT,
                          "notes-store", f->notes,
                          "clock", f->clock,
                          "settings", f->settings,
                          NULL);
  if (seed != NULL)
    seed (f->notes, f->start);
  f->window = viva_window_new (NULL, context);
  g_object_ref_sink (f->window);
  viva_window_restore_session (f->window);
  f->button = viva_window_get_review_button (f->window);

  g_signal_connect (f->window, "realize", G_CALLBACK (first_frame_realize_cb), f);
  gtk_window_present (GTK_WINDOW (f->window));
  /* The count comes after the first frame. */
  viva_test_wait_painted (GTK_WIDGET (f->window));
}

static void
fixture_close (Fixture *f)
{
  gtk_window_close (GTK_WINDOW (f->window));
  viva_test_drain_main_loop ();
  gtk_window_destroy (GTK_WINDOW (f->window));
  viva_test_drain_main_loop ();
  g_clear_object (&f->window);
  g_clear_object (&f->notes);
  g_clear_object (&f->clock);
  g_clear_object (&f->settings);
  g_clear_pointer (&f->first_frame_title, g_free);
}

static const char *
mode (Fixture *f)
{
  GtkWidget *stack = gtk_widget_get_parent (GTK_WIDGET (viva_window_get_review_view (f->window)));

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static void
start_review (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.review", NULL));
  viva_test_drain_main_loop ();
  f->view = viva_window_get_review_view (f->window);
  g_assert_cmpstr (mode (f), ==, "review");
}

/* The view's own key handler, as GTK calls it for a key press. */
static gboolean
press_key (Fixture         *f,
           guint            keyval,
           GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->view));
  guint n = g_list_model_get_n_items (controllers);
  gboolean handled = FALSE;
  gboolean found = FALSE;

  for (guint i = 0; i < n && !found; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
          found = TRUE;
        }
    }
  g_assert_true (found);
  viva_test_drain_main_loop ();

  return handled;
}

static guint
current_number (Fixture *f)
{
  VivaQuestion *question = viva_review_view_get_question (f->view);

  g_assert_nonnull (question);
  return viva_question_get_number (question);
}

static void
assert_hints (Fixture    *f,
              const char *again,
              const char *hard,
              const char *good,
              const char *easy)
{
  g_assert_cmpstr (viva_review_view_get_grade_hint (f->view, VIVA_REVIEW_GRADE_AGAIN), ==, again);
  g_assert_cmpstr (viva_review_view_get_grade_hint (f->view, VIVA_REVIEW_GRADE_HARD), ==, hard);
  g_assert_cmpstr (viva_review_view_get_grade_hint (f->view, VIVA_REVIEW_GRADE_GOOD), ==, good);
  g_assert_cmpstr (viva_review_view_get_grade_hint (f->view, VIVA_REVIEW_GRADE_EASY), ==, easy);
}

/* Review fits the narrowest window Viva allows, notes shown or not. */
static void
assert_fits_narrow_window (Fixture *f)
{
  int minimum;
  int narrowest;

  gtk_widget_get_size_request (GTK_WIDGET (f->window), &narrowest, NULL);
  g_assert_cmpint (narrowest, >, 0);
  gtk_widget_measure (GTK_WIDGET (f->view), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, narrowest);
}

static const VivaReviewEntry *
history_of (VivaNotesStore *notes,
            guint           number,
            guint          *n)
{
  VivaNote *note = viva_notes_store_lookup_note (notes, VIVA_BUNDLED_BANK_ID, number);

  g_assert_nonnull (note);
  return viva_note_get_history (note, n);
}

static VivaStatus
status_of (VivaNotesStore *notes,
           guint           number)
{
  return viva_note_get_status (viva_notes_store_lookup_note (notes, VIVA_BUNDLED_BANK_ID, number));
}

static void
test_review_round (void)
{
  Fixture f = { 0 };
  g_autoptr(GString) unnamed = g_string_new (NULL);
  g_autoptr(VivaNotesStore) reread = NULL;
  g_autofree char *path = notes_path ();
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  const VivaReviewEntry *history;
  guint n;

  reset_data ();
  choose_sm2 ();
  fixture_open (&f, 4, 2, seed_schedule);

  /* The window shows before the day's queue is built: its first frame
   * says "Review" with no number rather than a wrong one (issue 15,
   * item 5). */
  g_assert_cmpstr (f.first_frame_title, ==, "Review");

  /* Then, with nothing done, the sidebar counts the two due today, and
   * the two new ones the limits leave room for. */
  g_assert_cmpuint (viva_review_button_get_n_due (f.button), ==, 2);
  g_assert_cmpuint (viva_review_button_get_n_new (f.button), ==, 2);
  g_assert_cmpstr (viva_review_button_get_title (f.button), ==, "2 due today");
  g_assert_cmpstr (viva_review_button_get_subtitle (f.button), ==, "2 new questions to start");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f.button)));
  viva_test_save_screenshot (GTK_WIDGET (f.window), "review-sidebar.png");

  /* Ctrl+R: the most overdue first, alone; the notes wait. */
  start_review (&f);
  g_assert_cmpstr (viva_review_view_get_page (f.view), ==, "question");
  g_assert_cmpuint (current_number (&f), ==, 7);
  g_assert_cmpstr (viva_review_view_get_progress (f.view), ==, "Question 1 of 4 · 2 new");
  g_assert_false (viva_review_view_get_revealed (f.view));
  text = viva_review_view_dup_note_text (f.view);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);

  /* The keys grade only once the notes are shown. */
  g_assert_true (press_key (&f, GDK_KEY_3, 0));
  history_of (f.notes, 7, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (current_number (&f), ==, 7);
  assert_fits_narrow_window (&f);
  viva_test_save_screenshot (GTK_WIDGET (f.window), "review-question.png");

  /* Space shows them; question 7 has none. Passed once a day apart, it
   * comes back in 10 minutes, 2, 3 or 4 days. */
  g_assert_true (press_key (&f, GDK_KEY_space, 0));
  g_assert_true (viva_review_view_get_revealed (f.view));
  assert_hints (&f, "in 10 minutes", "in 2 days", "in 3 days", "in 4 days");
  assert_fits_narrow_window (&f);

  /* Again (1): it comes back at the end of today's round. */
  g_assert_true (press_key (&f, GDK_KEY_1, 0));
  history = history_of (f.notes, 7, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (history[1].grade, ==, VIVA_REVIEW_GRADE_AGAIN);
  g_assert_cmpint (history[1].source, ==, VIVA_REVIEW_SOURCE_REVIEW);
  g_assert_cmpint (history[1].time, ==, f.start);
  g_assert_cmpint (status_of (f.notes, 7), ==, VIVA_STATUS_LEARNING);
  g_assert_cmpuint (current_number (&f), ==, 5);
  g_assert_cmpstr (viva_review_view_get_progress (f.view), ==, "Question 2 of 5 · 2 new");
  g_assert_false (viva_review_view_get_revealed (f.view));

  /* Question 5's notes, read-only, as written. */
  viva_clock_advance (f.clock, MINUTE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "review.reveal", NULL));
  viva_test_drain_main_loop ();
  text = viva_review_view_dup_note_text (f.view);
  g_assert_cmpstr (text, ==, NOTE_5);
  g_clear_pointer (&text, g_free);
  assert_fits_narrow_window (&f);
  viva_test_save_screenshot (GTK_WIDGET (f.window), "review-notes.png");

  /* Good (3), then Ctrl+Z: the grade and the status are taken back,
   * and the question is asked again from the start. */
  g_assert_true (press_key (&f, GDK_KEY_3, 0));
  history_of (f.notes, 5, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (status_of (f.notes, 5), ==, VIVA_STATUS_CONFIDENT);
  g_assert_cmpuint (current_number (&f), ==, 1);
  g_assert_true (press_key (&f, GDK_KEY_z, GDK_CONTROL_MASK));
  history_of (f.notes, 5, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (status_of (f.notes, 5), ==, VIVA_STATUS_NEW);
  g_assert_cmpuint (current_number (&f), ==, 5);
  g_assert_false (viva_review_view_get_revealed (f.view));
  g_assert_cmpstr (viva_review_view_get_progress (f.view), ==, "Question 2 of 5 · 2 new");
  g_assert_true (viva_review_view_get_can_undo (f.view));

  /* Easy (4) this time. */
  g_assert_true (press_key (&f, GDK_KEY_space, 0));
  g_assert_true (press_key (&f, GDK_KEY_4, 0));
  history = history_of (f.notes, 5, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (history[1].grade, ==, VIVA_REVIEW_GRADE_EASY);

  /* The new ones, in the bank's order: a new question's first grades
   * bring it back in 10 minutes, 1 day, 1 day or 4 days. */
  g_assert_cmpuint (current_number (&f), ==, 1);
  g_assert_cmpstr (viva_review_view_get_progress (f.view), ==, "Question 3 of 5 · 2 new");
  g_assert_true (press_key (&f, GDK_KEY_space, 0));
  assert_hints (&f, "in 10 minutes", "in 1 day", "in 1 day", "in 4 days");
  viva_test_save_screenshot (GTK_WIDGET (f.window), "review-new-question.png");
  g_assert_true (press_key (&f, GDK_KEY_3, 0));

  g_assert_cmpuint (current_number (&f), ==, 2);
  g_assert_cmpstr (viva_review_view_get_progress (f.view), ==, "Question 4 of 5 · 1 new");

  /* A look at the sidebar (Escape) counts question 7, back in ten
   * minutes, as due; Ctrl+R goes on where Review was left. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "review.leave", NULL));
  viva_test_drain_main_loop ();
  g_assert_cmpstr (mode (&f), ==, "study");
  g_assert_cmpstr (viva_review_button_get_title (f.button), ==, "1 due today");
  g_assert_cmpstr (viva_review_button_get_subtitle (f.button), ==, "1 new question to start");
  start_review (&f);
  g_assert_cmpuint (current_number (&f), ==, 2);
  g_assert_cmpstr (viva_review_view_get_progress (f.view), ==, "Question 4 of 5 · 1 new");
  g_assert_false (viva_review_view_get_revealed (f.view));
  g_assert_true (press_key (&f, GDK_KEY_space, 0));
  g_assert_true (press_key (&f, GDK_KEY_KP_2, 0));
  g_assert_cmpint (status_of (f.notes, 2), ==, VIVA_STATUS_LEARNING);

  /* Question 7 again, relearning: a pass now brings it back tomorrow. */
  g_assert_cmpuint (current_number (&f), ==, 7);
  g_assert_cmpstr (viva_review_view_get_progress (f.view), ==, "Question 5 of 5");
  g_assert_true (press_key (&f, GDK_KEY_space, 0));
  assert_hints (&f, "in 10 minutes", "in 1 day", "in 1 day", "in 4 days");

  /* Every control has a name, the grade buttons with their interval. */
  viva_test_collect_unnamed_controls (GTK_WIDGET (f.view), unnamed);
  g_assert_cmpstr (unnamed->str, ==, "");

  g_assert_true (press_key (&f, GDK_KEY_3, 0));

  /* All caught up: what was done, and what comes tomorrow (1, 2 and 7;
   * 9 on Friday, 5 on Saturday). */
  g_assert_cmpstr (viva_review_view_get_page (f.view), ==, "done");
  g_assert_null (viva_review_view_get_question (f.view));
  g_assert_cmpstr (viva_review_view_get_done_message (f.view), ==,
                   "You reviewed 4 questions today. 3 questions are due tomorrow.");
  viva_test_collect_unnamed_controls (GTK_WIDGET (f.view), unnamed);
  g_assert_cmpstr (unnamed->str, ==, "");
  viva_test_save_screenshot (GTK_WIDGET (f.window), "review-done.png");

  /* Back to studying: nothing is due any more, the new ones are done. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "review.leave", NULL));
  viva_test_drain_main_loop ();
  g_assert_cmpstr (mode (&f), ==, "study");
  g_assert_cmpuint (viva_review_button_get_n_due (f.button), ==, 0);
  g_assert_cmpuint (viva_review_button_get_n_new (f.button), ==, 0);
  g_assert_cmpstr (viva_review_button_get_title (f.button), ==, "Nothing due today");
  g_assert_cmpstr (viva_review_button_get_subtitle (f.button), ==, "All caught up");

  /* At 4 am the next day, the count is the new day's. */
  viva_clock_advance (f.clock, 18 * G_TIME_SPAN_HOUR);
  viva_test_drain_main_loop ();
  g_assert_cmpuint (viva_review_button_get_n_due (f.button), ==, 3);
  g_assert_cmpstr (viva_review_button_get_title (f.button), ==, "3 due today");
  g_assert_cmpuint (viva_review_button_get_n_new (f.button), ==, 1);

  /* What is on disk: every grade, from Review, at the time given. */
  g_assert_true (viva_notes_store_flush (f.notes, NULL));
  fixture_close (&f);

  g_assert_true (g_file_get_contents (path, &json, NULL, NULL));
  g_assert_nonnull (strstr (json, "\"source\" : \"review\""));

  reread = viva_notes_store_new (path);
  g_assert_true (viva_notes_store_load (reread, NULL));
  history = history_of (reread, 7, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (history[1].grade, ==, VIVA_REVIEW_GRADE_AGAIN);
  g_assert_cmpint (history[2].grade, ==, VIVA_REVIEW_GRADE_GOOD);
  g_assert_cmpint (history[2].source, ==, VIVA_REVIEW_SOURCE_REVIEW);
  history = history_of (reread, 5, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (history[1].grade, ==, VIVA_REVIEW_GRADE_EASY);
  g_assert_cmpint (history[1].time, ==, f.start + MINUTE);
  g_assert_cmpint (viva_note_get_due (viva_notes_store_lookup_note (reread, VIVA_BUNDLED_BANK_ID, 5)),
                   ==, f.start + MINUTE + 4 * DAY);
  history = history_of (reread, 1, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (history[0].grade, ==, VIVA_REVIEW_GRADE_GOOD);
  g_assert_cmpint (status_of (reread, 1), ==, VIVA_STATUS_CONFIDENT);
  history = history_of (reread, 2, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (history[0].grade, ==, VIVA_REVIEW_GRADE_HARD);
}

/* Over the daily limit, "All caught up" says how many are left and
 * offers Preferences; raising the limit there asks them at once. */
static void
test_daily_limit (void)
{
  Fixture f = { 0 };
  GtkWidget *preferences;
  GtkSpinButton *spin;

  reset_data ();
  choose_sm2 ();
  fixture_open (&f, 1, 0, seed_schedule);

  start_review (&f);
  g_assert_cmpuint (current_number (&f), ==, 7);
  g_assert_cmpstr (viva_review_view_get_progress (f.view), ==, "Question 1 of 1");
  g_assert_true (press_key (&f, GDK_KEY_space, 0));
  g_assert_true (press_key (&f, GDK_KEY_3, 0));

  g_assert_cmpstr (viva_review_view_get_page (f.view), ==, "done");
  g_assert_cmpstr (viva_review_view_get_done_message (f.view), ==,
                   "You reviewed 1 question today. 1 more question is due, over your daily limit. "
                   "2 questions are due on Friday 15 March.");
  viva_test_save_screenshot (GTK_WIDGET (f.window), "review-over-limit.png");

  /* The Preferences' spin buttons are the settings. */
  preferences = viva_preferences_window_new (GTK_WINDOW (f.window));
  spin = viva_preferences_window_get_review_row (VIVA_PREFERENCES_WINDOW (preferences), "review-daily-limit");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 1);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (viva_preferences_window_get_review_row (VIVA_PREFERENCES_WINDOW (preferences),
                                                                                             "review-new-per-day")),
                   ==, 0);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "review");
  gtk_window_present (GTK_WINDOW (preferences));
  viva_test_save_screenshot (preferences, "review-preferences.png");
  gtk_spin_button_set_value (spin, 20);
  viva_test_drain_main_loop ();
  g_assert_cmpuint (g_settings_get_uint (f.settings, "review-daily-limit"), ==, 20);

  /* And Review goes on with the one left. */
  g_assert_cmpstr (viva_review_view_get_page (f.view), ==, "question");
  g_assert_cmpuint (current_number (&f), ==, 5);
  g_assert_cmpstr (viva_review_view_get_progress (f.view), ==, "Question 2 of 2");

  gtk_window_destroy (GTK_WINDOW (preferences));
  fixture_close (&f);
}

/* FSRS */

/* The hint a button shows for @usec: "in 10 minutes". */
static char *
hint_for (gint64 usec)
{
  g_autofree char *interval = viva_scheduler_format_interval (usec);

  return g_strdup_printf ("in %s", interval);
}

/* Reveals the question on screen, checks that each button says what
 * its grade would do to the note (viva_scheduler_preview_interval()
 * with the note's configuration, the store's), and gives @grade with
 * its key. Returns the time from the grade to the due date saved, which
 * must be what the button said. */
static gint64
grade_as_shown (Fixture         *f,
                VivaReviewGrade  grade,
                gint64           shown[VIVA_REVIEW_GRADE_EASY + 1],
                const char      *screenshot)
{
  static const guint keys[] = { 0, GDK_KEY_1, GDK_KEY_2, GDK_KEY_3, GDK_KEY_4 };
  guint number = current_number (f);
  VivaNote *note = viva_notes_store_get_note (f->notes, VIVA_BUNDLED_BANK_ID, number);
  VivaReviewState before = *viva_note_get_review_state (note);
  gint64 now = viva_clock_get_now (f->clock);

  g_assert_true (press_key (f, GDK_KEY_space, 0));
  g_assert_true (viva_review_view_get_revealed (f->view));

  for (VivaReviewGrade g = VIVA_REVIEW_GRADE_AGAIN; g <= VIVA_REVIEW_GRADE_EASY; g++)
    {
      g_autofree char *expected = NULL;

      shown[g] = viva_scheduler_preview_interval (viva_note_get_scheduler_config (note), &before, g, now);
      expected = hint_for (shown[g]);
      g_assert_cmpstr (viva_review_view_get_grade_hint (f->view, g), ==, expected);
    }

  g_test_message ("question %u (step %u, interval %u): %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " min",
                  number, before.step, before.interval,
                  shown[1] / MINUTE, shown[2] / MINUTE, shown[3] / MINUTE, shown[4] / MINUTE);

  /* FSRS's order: Again soonest, Hard no later than Good, Easy no
   * sooner; later than Good for a question in review (ts-fsrs computes
   * each learning grade's interval on its own, so that a same-day Good
   * and Easy can both give a day). */
  g_assert_cmpint (shown[VIVA_REVIEW_GRADE_AGAIN], <, shown[VIVA_REVIEW_GRADE_HARD]);
  g_assert_cmpint (shown[VIVA_REVIEW_GRADE_HARD], <=, shown[VIVA_REVIEW_GRADE_GOOD]);
  g_assert_cmpint (shown[VIVA_REVIEW_GRADE_GOOD], <=, shown[VIVA_REVIEW_GRADE_EASY]);
  if (before.interval > 0)
    g_assert_cmpint (shown[VIVA_REVIEW_GRADE_GOOD], <, shown[VIVA_REVIEW_GRADE_EASY]);

  if (screenshot != NULL)
    viva_test_save_screenshot (GTK_WIDGET (f->window), screenshot);

  g_assert_true (press_key (f, keys[grade], 0));
  g_assert_cmpint (viva_note_get_review_state (note)->last_review, ==, now);
  g_assert_cmpint (viva_note_get_due (note), ==, now + shown[grade]);

  return shown[grade];
}

/* Question 5 answered Easy ten days ago: in review, due since. */
static void
seed_review_state (VivaNotesStore *notes,
                   gint64          now)
{
  VivaNote *note = viva_notes_store_get_note (notes, VIVA_BUNDLED_BANK_ID, 5);

  viva_note_set_text (note, NOTE_5);
  viva_note_review (note, VIVA_REVIEW_GRADE_EASY, VIVA_REVIEW_SOURCE_REVIEW, now - 10 * DAY);
}

/* A round with FSRS, the default, graded with the keys: each button
 * shows the interval its grade then gives, to the microsecond; a new
 * question goes through ts-fsrs's learning steps (1 minute, 6, 10); a
 * question forgotten comes back in 10 minutes; what is saved is what
 * was shown, memory included, and it reads back the same. */
static void
test_fsrs_round (void)
{
  Fixture f = { 0 };
  g_autoptr(VivaNotesStore) reread = NULL;
  g_autoptr(GString) unnamed = g_string_new (NULL);
  g_autofree char *path = notes_path ();
  gint64 shown[VIVA_REVIEW_GRADE_EASY + 1];
  const VivaReviewState *state;
  double stability_before;
  guint fuzz_min, fuzz_max;

  reset_data ();
  fixture_open (&f, 20, 2, seed_review_state);
  g_assert_cmpint (viva_notes_store_get_scheduler_config (f.notes)->algorithm, ==, VIVA_SCHEDULER_ALGORITHM_FSRS);
  g_assert_cmpuint (viva_review_button_get_n_due (f.button), ==, 1);

  /* Question 5, due: Again would bring it back in 10 minutes (the
   * relearning step), the others in days. Good. */
  start_review (&f);
  g_assert_cmpuint (current_number (&f), ==, 5);
  stability_before = viva_note_get_review_state (viva_notes_store_lookup_note (f.notes, VIVA_BUNDLED_BANK_ID, 5))->stability;
  g_assert_cmpfloat (stability_before, >, 0);
  grade_as_shown (&f, VIVA_REVIEW_GRADE_GOOD, shown, "review-fsrs-due.png");
  g_assert_cmpint (shown[VIVA_REVIEW_GRADE_AGAIN], ==, 10 * MINUTE);
  g_assert_cmpint (shown[VIVA_REVIEW_GRADE_HARD], >=, DAY);
  state = viva_note_get_review_state (viva_notes_store_lookup_note (f.notes, VIVA_BUNDLED_BANK_ID, 5));
  g_assert_cmpfloat (state->stability, >, stability_before);
  g_assert_cmpuint (state->interval, >, 0);

  /* A new question: the learning steps, and Easy straight to days,
   * about the first Easy's stability (w[3], 8.3 days) spread by fuzz. */
  g_assert_cmpuint (current_number (&f), ==, 1);
  viva_clock_advance (f.clock, MINUTE);
  grade_as_shown (&f, VIVA_REVIEW_GRADE_GOOD, shown, "review-fsrs-new.png");
  g_assert_cmpint (shown[VIVA_REVIEW_GRADE_AGAIN], ==, MINUTE);
  g_assert_cmpint (shown[VIVA_REVIEW_GRADE_HARD], ==, 6 * MINUTE);
  g_assert_cmpint (shown[VIVA_REVIEW_GRADE_GOOD], ==, 10 * MINUTE);
  viva_fsrs_fuzz_range (8, 0, VIVA_REVIEW_INTERVAL_MAX, &fuzz_min, &fuzz_max);
  g_assert_cmpint (shown[VIVA_REVIEW_GRADE_EASY], >=, fuzz_min * DAY);
  g_assert_cmpint (shown[VIVA_REVIEW_GRADE_EASY], <=, fuzz_max * DAY);
  state = viva_note_get_review_state (viva_notes_store_lookup_note (f.notes, VIVA_BUNDLED_BANK_ID, 1));
  g_assert_cmpuint (state->interval, ==, 0);
  g_assert_cmpuint (state->step, ==, 1);

  /* Another new one, forgotten: back in a minute. */
  g_assert_cmpuint (current_number (&f), ==, 2);
  grade_as_shown (&f, VIVA_REVIEW_GRADE_AGAIN, shown, NULL);

  /* Their minutes up, both come back today; Good now graduates them
   * to days. */
  viva_clock_advance (f.clock, 10 * MINUTE);
  for (guint i = 0; i < 2; i++)
    {
      guint number = current_number (&f);

      g_assert_true (number == 1 || number == 2);
      grade_as_shown (&f, VIVA_REVIEW_GRADE_GOOD, shown, NULL);
      if (number == 1)
        {
          g_assert_cmpint (shown[VIVA_REVIEW_GRADE_GOOD], >=, DAY);
          g_assert_cmpint (shown[VIVA_REVIEW_GRADE_GOOD] % DAY, ==, 0);
        }
      viva_clock_advance (f.clock, MINUTE);
    }

  /* Question 2 is still learning (its first Good is the 10-minute
   * step), the rest done. */
  if (g_strcmp0 (viva_review_view_get_page (f.view), "question") == 0)
    {
      g_assert_cmpuint (current_number (&f), ==, 2);
      viva_clock_advance (f.clock, 10 * MINUTE);
      grade_as_shown (&f, VIVA_REVIEW_GRADE_GOOD, shown, NULL);
    }
  g_assert_cmpstr (viva_review_view_get_page (f.view), ==, "done");
  viva_test_collect_unnamed_controls (GTK_WIDGET (f.view), unnamed);
  g_assert_cmpstr (unnamed->str, ==, "");

  /* On disk: the same states, memory and due dates, to the bit. */
  g_assert_true (viva_notes_store_flush (f.notes, NULL));
  reread = viva_notes_store_new (path);
  g_assert_true (viva_notes_store_load (reread, NULL));
  for (guint number = 1; number <= 5; number += (number == 2 ? 3 : 1))
    {
      const VivaReviewState *mine = viva_note_get_review_state (viva_notes_store_lookup_note (f.notes, VIVA_BUNDLED_BANK_ID, number));
      const VivaReviewState *saved = viva_note_get_review_state (viva_notes_store_lookup_note (reread, VIVA_BUNDLED_BANK_ID, number));

      g_assert_cmpint (saved->due, ==, mine->due);
      g_assert_cmpint (saved->last_review, ==, mine->last_review);
      g_assert_cmpfloat (saved->stability, ==, mine->stability);
      g_assert_cmpfloat (saved->difficulty, ==, mine->difficulty);
      g_assert_cmpuint (saved->step, ==, mine->step);
      g_assert_cmpuint (saved->reviews, ==, mine->reviews);
    }

  fixture_close (&f);
}

/* The interval a hint says, in days (months are 30, years 365). */
static double
hint_days (const char *hint)
{
  double n = 0;
  const char *unit = NULL;

  /* "in 5 days", "in 1.4 months": the tests run in the C locale. */
  g_assert_true (g_str_has_prefix (hint, "in "));
  n = g_ascii_strtod (hint + 3, (char **) &unit);
  g_assert_cmpfloat (n, >, 0);

  if (g_str_has_prefix (unit, " minute"))
    return n / (24.0 * 60);
  if (g_str_has_prefix (unit, " hour"))
    return n / 24.0;
  if (g_str_has_prefix (unit, " day"))
    return n;
  if (g_str_has_prefix (unit, " month"))
    return n * 30.0;
  if (g_str_has_prefix (unit, " year"))
    return n * 365.0;

  g_assert_not_reached ();
}

/* Preferences → Review: the desired retention changed there changes
 * the intervals on Review's buttons at once, longer for a lower
 * retention; under SM-2 the retention row is insensitive and the
 * buttons say SM-2's intervals. */
static void
test_retention_in_preferences (void)
{
  Fixture f = { 0 };
  g_autoptr(GString) unnamed = g_string_new (NULL);
  GtkWidget *preferences;
  GtkSpinButton *retention;
  AdwComboRow *scheduler;
  GtkWidget *retention_row;
  double good_at_97, good_at_90, good_at_70;

  reset_data ();
  fixture_open (&f, 20, 0, seed_review_state);
  start_review (&f);
  g_assert_cmpuint (current_number (&f), ==, 5);
  g_assert_true (press_key (&f, GDK_KEY_space, 0));
  good_at_90 = hint_days (viva_review_view_get_grade_hint (f.view, VIVA_REVIEW_GRADE_GOOD));

  preferences = viva_preferences_window_new (GTK_WINDOW (f.window));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "review");
  gtk_window_present (GTK_WINDOW (preferences));
  viva_test_drain_main_loop ();
  scheduler = viva_preferences_window_get_scheduler_row (VIVA_PREFERENCES_WINDOW (preferences));
  retention = viva_preferences_window_get_retention_row (VIVA_PREFERENCES_WINDOW (preferences));
  retention_row = gtk_widget_get_ancestor (GTK_WIDGET (retention), ADW_TYPE_ACTION_ROW);
  g_assert_cmpuint (adw_combo_row_get_selected (scheduler), ==, 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (retention), ==, 90);
  g_assert_true (gtk_widget_is_sensitive (retention_row));
  /* The Review page's controls (the window's own search entry, which
   * Viva turns off, is libadwaita's). */
  viva_test_collect_unnamed_controls (gtk_widget_get_ancestor (retention_row, ADW_TYPE_PREFERENCES_PAGE), unnamed);
  g_assert_cmpstr (unnamed->str, ==, "");
  viva_test_save_screenshot (preferences, "preferences-review-scheduling.png");

  /* 97%: reviewed sooner. */
  gtk_spin_button_set_value (retention, 97);
  viva_test_drain_main_loop ();
  g_assert_cmpfloat (g_settings_get_double (f.settings, "review-desired-retention"), ==, 0.97);
  g_assert_cmpfloat (viva_notes_store_get_scheduler_config (f.notes)->desired_retention, ==, 0.97);
  good_at_97 = hint_days (viva_review_view_get_grade_hint (f.view, VIVA_REVIEW_GRADE_GOOD));
  g_assert_cmpfloat (good_at_97, <, good_at_90);

  /* 70%: much later. */
  gtk_spin_button_set_value (retention, 70);
  viva_test_drain_main_loop ();
  g_assert_cmpfloat (g_settings_get_double (f.settings, "review-desired-retention"), ==, 0.70);
  good_at_70 = hint_days (viva_review_view_get_grade_hint (f.view, VIVA_REVIEW_GRADE_GOOD));
  g_test_message ("Good: %g days at 97%%, %g at 90%%, %g at 70%%", good_at_97, good_at_90, good_at_70);
  g_assert_cmpfloat (good_at_70, >, good_at_90);

  /* SM-2: the retention means nothing to it; the buttons say SM-2's
   * (a lapse comes back in 10 minutes there too). */
  adw_combo_row_set_selected (scheduler, 1);
  viva_test_drain_main_loop ();
  {
    g_autofree char *chosen = g_settings_get_string (f.settings, "review-scheduler");

    g_assert_cmpstr (chosen, ==, "sm2");
  }
  g_assert_false (gtk_widget_is_sensitive (retention_row));
  g_assert_cmpint (viva_notes_store_get_scheduler_config (f.notes)->algorithm, ==, VIVA_SCHEDULER_ALGORITHM_SM2);
  g_assert_cmpstr (viva_review_view_get_grade_hint (f.view, VIVA_REVIEW_GRADE_AGAIN), ==, "in 10 minutes");
  viva_test_save_screenshot (preferences, "preferences-review-sm2.png");

  adw_combo_row_set_selected (scheduler, 0);
  viva_test_drain_main_loop ();
  g_assert_true (gtk_widget_is_sensitive (retention_row));
  g_assert_cmpfloat (hint_days (viva_review_view_get_grade_hint (f.view, VIVA_REVIEW_GRADE_GOOD)), ==, good_at_70);

  gtk_window_destroy (GTK_WINDOW (preferences));
  fixture_close (&f);
}

/* A notes file from a newer Viva is never written: Review says so and
 * records nothing. */
static void
test_read_only_notes (void)
{
  Fixture f = { 0 };
  g_autofree char *path = notes_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *after = NULL;
  const char *future =
    "{\n  \"format\": \"viva-notes\",\n  \"version\": 99,\n  \"banks\": {}\n}\n";

  reset_data ();
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, future, -1, NULL));

  fixture_open (&f, 20, 10, NULL);
  g_assert_true (viva_notes_store_get_read_only (f.notes));

  start_review (&f);
  g_assert_cmpstr (viva_review_view_get_page (f.view), ==, "read-only");
  g_assert_null (viva_review_view_get_question (f.view));
  g_assert_false (press_key (&f, GDK_KEY_space, 0));
  g_assert_false (press_key (&f, GDK_KEY_3, 0));
  g_assert_cmpuint (viva_notes_store_get_n_notes (f.notes), ==, 0);
  viva_test_save_screenshot (GTK_WIDGET (f.window), "review-read-only.png");

  fixture_close (&f);

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, future);
}

int
main (int   argc,
      char *argv[])
{
  viva_test_init_ui (&argc, &argv);
  viva_test_load_app_style ();

  g_test_add_func ("/review/round", test_review_round);
  g_test_add_func ("/review/daily-limit", test_daily_limit);
  g_test_add_func ("/review/read-only-notes", test_read_only_notes);
  g_test_add_func ("/review/fsrs-round", test_fsrs_round);
  g_test_add_func ("/review/retention-in-preferences", test_retention_in_preferences);

  return g_test_run ();
}
