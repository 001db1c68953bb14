/* test-interviewer.c
 *
 * Interviewer mode end to end, in the real window under Xvfb with a fake
 * clock, as a new user would go: plan an interview with two questions
 * picked from the sidebar, name the candidate, start it, type notes
 * (stamped with the time), rate, open the candidate window (the question
 * and nothing else), finish, wrap up and export; then an interview cut
 * short by a crash reopens where it was.
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
#include "viva-context.h"
#include "viva-interview.h"
#include "viva-interview-store.h"
#include "viva-interview-view.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-question.h"
#include "viva-test-util.h"
#include "viva-window.h"

#define WAIT_LIMIT_USEC (20 * G_USEC_PER_SEC)
#define SECOND ((gint64) G_USEC_PER_SEC)
#define MINUTE ((gint64) 60 * G_USEC_PER_SEC)

typedef struct
{
  VivaNotesStore     *notes;
  VivaInterviewStore *interviews;
  VivaWindow         *window;
  VivaInterviewView  *view;
  VivaClock          *clock;
} Fixture;

static char *
interviews_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), APP_ID, "interviews", NULL);
}

static void
remove_dir_contents (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
}

static void
reset_data (void)
{
  g_autofree char *dir = interviews_dir ();
  g_autofree char *notes = g_build_filename (g_get_user_data_dir (), APP_ID, "notes.json", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  remove_dir_contents (dir);
  g_unlink (notes);
  g_settings_reset (settings, "last-question");
  g_settings_reset (settings, "last-bank");
}

static void
fixture_open (Fixture   *f,
              VivaClock *clock)
{
  g_autoptr(VivaContext) context = NULL;
  g_autofree char *notes_path = g_build_filename (g_get_user_data_dir (), APP_ID, "notes.json", NULL);
  g_autofree char *dir = interviews_dir ();
  g_autoptr(GPtrArray) problems = NULL;
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_USEC;

  f->notes = viva_notes_store_new (notes_path);
  viva_notes_store_load (f->notes, NULL);
  f->interviews = viva_interview_store_new (dir);
  viva_interview_store_load (f->interviews, &problems);
  f->clock = g_object_ref (clock);

  context = g_object_new (VIVA_TYPE_CONTEXT,
                          "notes-store", f->notes,
                          "interview-store", f->interviews,
                          "interview-problems", problems,
                          "clock", f->clock,
                          NULL);
  f->window = viva_window_new (NULL, context);
  g_object_ref_sink (f->window);
  viva_window_restore_session (f->window);
  f->view = viva_window_get_interview_view (f->window);

  gtk_window_present (GTK_WINDOW (f->window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (f->window)))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
  viva_test_drain_main_loop ();
}

static void
fixture_close (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  gtk_window_close (GTK_WINDOW (f->window));
  viva_test_drain_main_loop ();
  gtk_window_destroy (GTK_WINDOW (f->window));
  viva_test_drain_main_loop ();
  g_assert_true (viva_interview_store_flush (f->interviews, &error));
  g_assert_no_error (error);
  g_assert_true (viva_notes_store_flush (f->notes, &error));
  g_assert_no_error (error);
  g_clear_object (&f->window);
  g_clear_object (&f->interviews);
  g_clear_object (&f->notes);
  g_clear_object (&f->clock);
}

static void
advance (Fixture *f,
         gint64   usec)
{
  viva_clock_advance (f->clock, usec);
  viva_test_drain_main_loop ();
}

static void
type_notes (Fixture    *f,
            const char *text)
{
  GtkTextView *view = viva_interview_live_page_get_notes_view (viva_interview_view_get_live_page (f->view));

  gtk_widget_grab_focus (GTK_WIDGET (view));
  gtk_text_buffer_insert_interactive_at_cursor (gtk_text_view_get_buffer (view), text, -1, TRUE);
  viva_test_drain_main_loop ();
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

/* Every label of a window; fails on any text field. */
static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  g_assert_false (GTK_IS_TEXT_VIEW (widget));
  g_assert_false (GTK_IS_EDITABLE (widget) && gtk_editable_get_editable (GTK_EDITABLE (widget)));

  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, out);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

static void
test_plan_run_and_report (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (1000 * MINUTE);
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *md_path = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *stored_path = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(GFile) md_file = NULL;
  g_autoptr(GFile) pdf_file = NULL;
  g_autoptr(GString) shown = g_string_new (NULL);
  VivaInterviewLivePage *live;
  VivaCandidateWindow *candidate;
  VivaInterview *interview;
  AdwMessageDialog *dialog;
  GtkWidget *start;
  Fixture f = { 0 };

  reset_data ();
  fixture_open (&f, clock);
  gtk_window_set_default_size (GTK_WINDOW (f.window), 1180, 760);

  /* What the interviewer wrote while studying question 1. */
  viva_note_set_text (viva_notes_store_get_note (f.notes, "python-interview-questions", 1),
                      "int, float, complex, bool, str, bytes, NoneType.\n\n"
                      "Good answers add that bool is a subclass of int, and that str and "
                      "bytes are immutable sequences.");

  /* Two questions picked while browsing: the sidebar's context menu. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.add-question-to-interview", "u", 1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.add-question-to-interview", "u", 4));
  viva_test_drain_main_loop ();
  interview = viva_interview_view_get_interview (f.view);
  g_assert_nonnull (interview);
  g_assert_cmpuint (viva_interview_get_n_items (interview), ==, 2);
  g_assert_cmpuint (viva_interview_item_get_number (viva_interview_get_item (interview, 0)), ==, 1);
  g_assert_cmpuint (viva_interview_item_get_number (viva_interview_get_item (interview, 1)), ==, 4);
  /* Asked twice, added once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.add-question-to-interview", "u", 4));
  viva_test_drain_main_loop ();
  g_assert_cmpuint (viva_interview_get_n_items (interview), ==, 2);

  /* New Interview opens that plan, to name the candidate. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.new-interview", NULL));
  viva_test_drain_main_loop ();
  g_assert_true (viva_interview_view_get_interview (f.view) == interview);
  g_assert_cmpstr (viva_interview_view_get_page (f.view), ==, "plan");
  gtk_editable_set_text (viva_interview_plan_page_get_candidate_entry (viva_interview_view_get_plan_page (f.view)),
                         "Ada Lovelace");
  viva_test_drain_main_loop ();
  g_assert_cmpstr (viva_interview_get_candidate (interview), ==, "Ada Lovelace");
  viva_interview_set_role (interview, "Senior Backend Engineer");
  viva_interview_set_total_budget (interview, 30 * MINUTE);
  g_assert_true (viva_interview_set_item_budget (interview, 0, 2 * MINUTE));
  g_assert_true (viva_interview_set_item_budget (interview, 1, 3 * MINUTE));
  viva_test_save_screenshot (GTK_WIDGET (f.window), "interviewer-plan.png");

  /* Start, from its button. */
  start = find_button (GTK_WIDGET (viva_interview_view_get_plan_page (f.view)), "_Start Interview");
  g_assert_nonnull (start);
  g_assert_true (gtk_widget_is_sensitive (start));
  g_signal_emit_by_name (start, "clicked");
  viva_test_drain_main_loop ();
  g_assert_cmpstr (viva_interview_view_get_page (f.view), ==, "live");
  g_assert_cmpint (viva_interview_get_state (interview), ==, VIVA_INTERVIEW_STATE_RUNNING);

  /* Notes, stamped with the time into the interview. */
  live = viva_interview_view_get_live_page (f.view);
  advance (&f, 42 * SECOND);
  type_notes (&f, "Lists the types without hesitation.");
  g_assert_cmpstr (viva_interview_item_get_notes (viva_interview_get_item (interview, 0)), ==,
                   "[00:42] Lists the types without hesitation.");
  advance (&f, 53 * SECOND);
  type_notes (&f, "\n\nKnows bool subclasses int; explained why True + True == 2.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (live), "live.rating", "i",
                                             (gint32) VIVA_INTERVIEW_RATING_YES));
  /* The answer key: the study notes, read-only. */
  g_assert_nonnull (strstr (viva_interview_live_page_get_answer_key (live), "subclass of int"));

  /* The candidate window: the question, nothing else. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (live), "live.candidate-shown", NULL));
  viva_test_drain_main_loop ();
  candidate = viva_interview_live_page_get_candidate_window (live);
  g_assert_nonnull (candidate);
  g_assert_cmpstr (viva_candidate_window_get_text (candidate), ==, viva_interview_item_get_text (viva_interview_get_item (interview, 0)));
  collect_labels (GTK_WIDGET (candidate), shown);
  g_assert_null (strstr (shown->str, "hesitation"));
  g_assert_null (strstr (shown->str, "Yes"));
  g_assert_null (strstr (shown->str, "Ada"));
  g_assert_null (strstr (shown->str, "subclass"));
  viva_test_save_screenshot (GTK_WIDGET (candidate), "interviewer-candidate.png");
  viva_test_save_screenshot (GTK_WIDGET (f.window), "interviewer-live.png");

  /* Adding a question on the fly: the picker opens on its key. */
  if (g_getenv ("VIVA_SCREENSHOT_DIR") != NULL)
    {
      VivaQuestionPicker *picker = viva_interview_live_page_get_question_picker (live);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (live), "live.add-question", NULL));
      viva_question_picker_set_query (picker, "decorator");
      viva_test_save_screenshot (GTK_WIDGET (picker), "interviewer-picker.png");
      gtk_popover_popdown (GTK_POPOVER (picker));
      viva_test_drain_main_loop ();
    }

  /* Next question: the candidate window follows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (live), "live.next", NULL));
  viva_test_drain_main_loop ();
  g_assert_cmpstr (viva_candidate_window_get_text (candidate), ==, viva_interview_item_get_text (viva_interview_get_item (interview, 1)));
  advance (&f, 80 * SECOND);
  type_notes (&f, "Strong on formatting.");
  g_assert_cmpstr (viva_interview_item_get_notes (viva_interview_get_item (interview, 1)), ==, "[02:55] Strong on formatting.");

  /* Finish, after confirming: on to the wrap-up. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (live), "live.finish", NULL));
  viva_test_drain_main_loop ();
  dialog = viva_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "finish");
  viva_test_drain_main_loop ();
  g_assert_cmpint (viva_interview_get_state (interview), ==, VIVA_INTERVIEW_STATE_FINISHED);
  g_assert_cmpstr (viva_interview_view_get_page (f.view), ==, "wrapup");
  g_assert_cmpint (viva_interview_item_get_spent (viva_interview_get_item (interview, 0)), ==, 95 * SECOND);
  g_assert_cmpint (viva_interview_item_get_spent (viva_interview_get_item (interview, 1)), ==, 80 * SECOND);
  g_assert_nonnull (strstr (viva_candidate_window_get_text (candidate), "over"));

  viva_interview_set_recommendation (interview, VIVA_INTERVIEW_RATING_YES);
  viva_interview_set_takeaways (interview, "Solid fundamentals.");
  viva_test_save_screenshot (GTK_WIDGET (f.window), "interviewer-wrapup.png");

  /* Export both reports. */
  tmp = g_dir_make_tmp ("viva-interviewer-XXXXXX", &error);
  g_assert_no_error (error);
  md_path = g_build_filename (tmp, "report.md", NULL);
  pdf_path = g_build_filename (tmp, "report.pdf", NULL);
  md_file = g_file_new_for_path (md_path);
  pdf_file = g_file_new_for_path (pdf_path);
  g_assert_true (viva_interview_wrapup_page_export_to (viva_interview_view_get_wrapup_page (f.view),
                                                       md_file, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (viva_interview_wrapup_page_export_to (viva_interview_view_get_wrapup_page (f.view),
                                                       pdf_file, TRUE, &error));
  g_assert_no_error (error);
  markdown = read_file (md_path);
  g_assert_nonnull (strstr (markdown, "Ada Lovelace"));
  g_assert_nonnull (strstr (markdown, "[00:42] Lists the types without hesitation."));
  g_assert_nonnull (strstr (markdown, "Solid fundamentals."));
  {
    g_autofree char *pdf = read_file (pdf_path);

    g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
  }

  /* And it is all on disk: the store saved it as it went. */
  g_assert_true (viva_interview_store_flush (f.interviews, &error));
  g_assert_no_error (error);
  stored_path = viva_document_store_dup_path (VIVA_DOCUMENT_STORE (f.interviews), interview);
  stored = read_file (stored_path);
  g_assert_nonnull (strstr (stored, "\"candidate\" : \"Ada Lovelace\""));
  g_assert_nonnull (strstr (stored, "\"bank\" : \"python-interview-questions\""));
  g_assert_nonnull (strstr (stored, "[02:55] Strong on formatting."));
  g_assert_nonnull (strstr (stored, "\"state\" : \"finished\""));

  /* The list shows it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "interview.show-list", NULL));
  viva_test_drain_main_loop ();
  g_assert_cmpstr (viva_interview_view_get_page (f.view), ==, "list");
  g_assert_cmpuint (viva_interview_list_page_get_n_rows (viva_interview_view_get_list_page (f.view)), ==, 1);
  viva_test_save_screenshot (GTK_WIDGET (f.window), "interviewer-list.png");

  g_unlink (md_path);
  g_unlink (pdf_path);
  g_rmdir (tmp);
  fixture_close (&f);
}

static void
test_reopens_after_crash (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (1000 * MINUTE);
  g_autoptr(GError) error = NULL;
  VivaInterview *interview;
  VivaInterview *reopened;
  g_autofree char *id = NULL;
  Fixture f = { 0 };

  reset_data ();
  fixture_open (&f, clock);

  interview = viva_interview_view_new_interview (f.view);
  g_assert_nonnull (interview);
  viva_interview_set_candidate (interview, "Grace Hopper");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.add-question-to-interview", "u", 7));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.add-question-to-interview", "u", 8));
  g_assert_cmpuint (viva_interview_get_n_items (interview), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viva_interview_view_get_plan_page (f.view)),
                                             "plan.start", NULL));
  viva_test_drain_main_loop ();
  g_assert_cmpint (viva_interview_get_state (interview), ==, VIVA_INTERVIEW_STATE_RUNNING);
  advance (&f, 30 * SECOND);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viva_interview_view_get_live_page (f.view)),
                                             "live.next", NULL));
  advance (&f, 15 * SECOND);
  type_notes (&f, "Talks about COBOL.");
  id = g_strdup (viva_interview_get_id (interview));

  /* The autosave runs; then the machine stops: no finish, no close. */
  g_assert_true (viva_interview_store_flush (f.interviews, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (f.window));
  viva_test_drain_main_loop ();
  g_clear_object (&f.window);
  g_clear_object (&f.interviews);
  g_clear_object (&f.notes);
  g_clear_object (&f.clock);

  /* The next start reopens it where it was, paused. */
  fixture_open (&f, clock);
  reopened = viva_interview_view_get_interview (f.view);
  g_assert_nonnull (reopened);
  g_assert_cmpstr (viva_interview_get_id (reopened), ==, id);
  g_assert_cmpstr (viva_interview_view_get_page (f.view), ==, "live");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_parent (GTK_WIDGET (f.view)))),
                   ==, "interview");
  g_assert_cmpint (viva_interview_get_state (reopened), ==, VIVA_INTERVIEW_STATE_PAUSED);
  g_assert_cmpuint (viva_interview_get_current (reopened), ==, 1);
  g_assert_cmpint (viva_interview_item_get_spent (viva_interview_get_item (reopened, 0)), ==, 30 * SECOND);
  g_assert_cmpstr (viva_interview_item_get_notes (viva_interview_get_item (reopened, 1)), ==, "[00:45] Talks about COBOL.");
  g_assert_cmpint (viva_interview_get_elapsed (reopened), ==, 45 * SECOND);

  /* Resumed, the clock goes on from there (a loaded interview keeps
   * time with the system clock). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viva_interview_view_get_live_page (f.view)),
                                             "live.paused", NULL));
  g_assert_cmpint (viva_interview_get_state (reopened), ==, VIVA_INTERVIEW_STATE_RUNNING);
  g_assert_cmpint (viva_interview_get_elapsed (reopened), >=, 45 * SECOND);

  fixture_close (&f);
}

/* Every control of every interview page, and of the candidate window,
 * has a name a screen reader can say. */
static void
test_controls_have_accessible_names (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (1000 * MINUTE);
  g_autoptr(GString) unnamed = g_string_new (NULL);
  VivaInterviewLivePage *live;
  VivaInterview *interview;
  Fixture f = { 0 };

  reset_data ();
  fixture_open (&f, clock);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.add-question-to-interview", "u", 1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.add-question-to-interview", "u", 2));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.new-interview", NULL));
  viva_test_drain_main_loop ();
  interview = viva_interview_view_get_interview (f.view);
  viva_interview_view_show_list (f.view);
  viva_test_drain_main_loop ();
  viva_test_collect_unnamed_controls (GTK_WIDGET (f.view), unnamed);

  viva_interview_view_open (f.view, interview);
  viva_test_drain_main_loop ();
  viva_test_collect_unnamed_controls (GTK_WIDGET (viva_interview_view_get_plan_page (f.view)), unnamed);

  g_assert_true (viva_interview_start (interview));
  viva_interview_view_open (f.view, interview);
  viva_test_drain_main_loop ();
  live = viva_interview_view_get_live_page (f.view);
  viva_test_collect_unnamed_controls (GTK_WIDGET (live), unnamed);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (live), "live.candidate-shown", NULL));
  viva_test_drain_main_loop ();
  viva_test_collect_unnamed_controls (GTK_WIDGET (viva_interview_live_page_get_candidate_window (live)), unnamed);

  g_assert_true (viva_interview_finish (interview));
  viva_interview_view_open (f.view, interview);
  viva_test_drain_main_loop ();
  viva_test_collect_unnamed_controls (GTK_WIDGET (viva_interview_view_get_wrapup_page (f.view)), unnamed);

  g_assert_cmpstr (unnamed->str, ==, "");

  fixture_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  viva_test_init_ui (&argc, &argv);
  viva_test_load_app_style ();

  g_test_add_func ("/interviewer/plan-run-and-report", test_plan_run_and_report);
  g_test_add_func ("/interviewer/reopens-after-crash", test_reopens_after_crash);
  g_test_add_func ("/interviewer/controls-have-accessible-names", test_controls_have_accessible_names);

  return g_test_run ();
}
