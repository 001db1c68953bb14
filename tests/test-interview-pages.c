/* test-interview-pages.c
 *
 * The interviewer's list of interviews and the plan of one, driven as a
 * user would with real widgets under Xvfb: find an interview by a name
 * typed without accents, open one, delete one after confirming; type a
 * candidate, fill the plan with random questions (from a level, from
 * topics chosen with the keyboard), reorder and remove with the
 * keyboard, set budgets, save the plan as a template and start another
 * interview from it.
 *
 * Set VIVA_SCREENSHOT_DIR to get a PNG of each page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "viva-bank.h"
#include "viva-context.h"
#include "viva-interview.h"
#include "viva-interview-list-page.h"
#include "viva-interview-plan-page.h"
#include "viva-interview-store.h"
#include "viva-interview-wrapup-page.h"
#include "viva-resources.h"
#include "viva-test-util.h"
#include "viva-interview-template.h"
#include "viva-interview-templates-dialog.h"
#include "viva-level.h"
#include "viva-question.h"
#include "viva-scope-list.h"
#include "viva-topic.h"

#define WAIT_LIMIT_USEC (20 * G_USEC_PER_SEC)
#define MINUTE ((gint64) 60 * G_USEC_PER_SEC)
#define DAY ((gint64) 24 * 3600 * G_USEC_PER_SEC)

/* 14 May 2024, 10:00 UTC */
#define SOME_DATE ((gint64) 1715680800 * G_USEC_PER_SEC)

/* Helpers */

static void
drain_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef gboolean (*Condition) (gpointer data);

/* Turns the main loop until @condition holds, and not once more. */
static void
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_USEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
}

static void
wait_for (Condition condition,
          gpointer  data)
{
  wait_until (condition, data);
  drain_main_loop ();
}

static GtkWindow *
show_in_window_sized (GtkWidget *page,
                      int        width,
                      int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_USEC;

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  while (!gtk_widget_get_mapped (page))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
  drain_main_loop ();

  return window;
}

static GtkWindow *
show_in_window (GtkWidget *page)
{
  return show_in_window_sized (page, 820, 900);
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  viva_test_save_screenshot (widget, name);
}

static GtkWidget *
find_widget (GtkWidget *root,
             gboolean (*match) (GtkWidget *, gconstpointer),
             gconstpointer data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_button_with_label (GtkWidget     *widget,
                      gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_button_with_action (GtkWidget     *widget,
                       gconstpointer  action)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

static gboolean
is_button_with_tooltip (GtkWidget     *widget,
                        gconstpointer  tooltip)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static gboolean
is_menu_button_with_label (GtkWidget     *widget,
                           gconstpointer  label)
{
  return GTK_IS_MENU_BUTTON (widget) && g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)), label) == 0;
}

/* Screenshots of a menu button's popover, which is a surface of its own. */
static void
save_popover_screenshot (GtkWidget  *page,
                         const char *button_label,
                         const char *name)
{
  GtkWidget *button = find_widget (page, is_menu_button_with_label, button_label);

  g_assert_nonnull (button);
  if (g_getenv ("VIVA_SCREENSHOT_DIR") == NULL)
    return;

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  drain_main_loop ();
  save_screenshot (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))), name);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  drain_main_loop ();
}

static GBytes *
read_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));

  return g_bytes_new_take (g_steal_pointer (&data), len);
}

static void
write_file (const char *path,
            const char *data)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, data, -1, NULL));
}

static void
flush_store (VivaInterviewStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (viva_interview_store_flush (store, &error));
  g_assert_no_error (error);
}

static VivaInterview *
add_interview (VivaInterviewStore *store,
               const char         *candidate,
               const char         *role,
               gint64              date)
{
  VivaInterview *interview = viva_interview_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (viva_interview_set_candidate (interview, candidate));
  g_assert_true (viva_interview_set_role (interview, role));
  g_assert_true (viva_interview_set_date (interview, date));
  g_assert_true (viva_interview_append (interview, 0, "Tell me about a project you are proud of.", 0, &error));
  g_assert_no_error (error);
  g_assert_true (viva_interview_store_add (store, interview, &error));
  g_assert_no_error (error);

  return interview;
}

static const char *
row_title (VivaInterviewListPage *page,
           guint                  position)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (viva_interview_list_page_get_row (page, position)));
}

/* The list */

typedef struct
{
  VivaInterviewListPage *page;
  guint                  n_rows;
} RowsWait;

static gboolean
has_n_rows (gpointer data)
{
  RowsWait *wait = data;

  return viva_interview_list_page_get_n_rows (wait->page) == wait->n_rows;
}

static void
search (VivaInterviewListPage *page,
        const char            *text,
        guint                  expected_rows)
{
  RowsWait wait = { page, expected_rows };

  gtk_editable_set_text (viva_interview_list_page_get_search_entry (page), text);
  /* The search field waits for typing to pause. */
  wait_for (has_n_rows, &wait);
}

static void
record_open (VivaInterview **out,
             VivaInterview  *interview)
{
  g_set_object (out, interview);
}

static void
test_list (void)
{
  g_autofree char *dir = g_dir_make_tmp ("viva-interviews-XXXXXX", NULL);
  g_autofree char *damaged_path = g_build_filename (dir, "2026-01-01T00-00-00-00000009.json", NULL);
  g_autoptr(VivaInterviewStore) store = viva_interview_store_new (dir);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(VivaContext) context = NULL;
  g_autoptr(VivaInterview) ada = NULL;
  g_autoptr(VivaInterview) grace = NULL;
  g_autoptr(VivaInterview) alan = NULL;
  g_autoptr(VivaInterview) opened = NULL;
  g_autofree char *ada_path = NULL;
  g_autofree char *grace_path = NULL;
  VivaInterviewListPage *page;
  AdwMessageDialog *dialog;
  GtkWindow *window;
  GtkWidget *row;
  GtkWidget *button;

  /* One damaged file among good ones: named above the list. */
  write_file (damaged_path, "{\"format\": \"viva-interview\", \"version\": 1, \"id\": ");
  viva_interview_store_load (store, &problems);
  g_assert_cmpuint (problems->len, ==, 1);

  ada = add_interview (store, "Ádá Lovelace", "Backend engineer", SOME_DATE);
  grace = add_interview (store, "Grace Hopper", "Compiler engineer", SOME_DATE + 2 * DAY);
  alan = add_interview (store, "Alan Turing", "", SOME_DATE + DAY);
  ada_path = viva_document_store_dup_path (VIVA_DOCUMENT_STORE (store), ada);
  grace_path = viva_document_store_dup_path (VIVA_DOCUMENT_STORE (store), grace);

  /* Grace's is over, with a verdict. */
  g_assert_true (viva_interview_start (grace));
  g_assert_true (viva_interview_finish (grace));
  g_assert_true (viva_interview_set_recommendation (grace, VIVA_INTERVIEW_RATING_STRONG_YES));
  g_assert_true (viva_interview_start (alan));
  flush_store (store);

  context = g_object_new (VIVA_TYPE_CONTEXT,
                          "interview-store", store,
                          "interview-problems", problems,
                          NULL);
  page = g_object_new (VIVA_TYPE_INTERVIEW_LIST_PAGE,
                       "context", context,
                       NULL);
  window = show_in_window (GTK_WIDGET (page));

  g_assert_nonnull (viva_interview_list_page_get_problems (page));
  g_assert_nonnull (strstr (viva_interview_list_page_get_problems (page), "could not be read"));

  /* Newest date first, whatever order they were added in. */
  g_assert_cmpstr (viva_interview_list_page_get_view_name (page), ==, "results");
  g_assert_cmpuint (viva_interview_list_page_get_n_rows (page), ==, 3);
  g_assert_cmpstr (row_title (page, 0), ==, "Grace Hopper");
  g_assert_cmpstr (row_title (page, 1), ==, "Alan Turing");
  g_assert_cmpstr (row_title (page, 2), ==, "Ádá Lovelace");
  g_assert_true (viva_interview_list_page_get_row_interview (page, 0) == grace);

  /* Role · date, and the outcome. */
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (viva_interview_list_page_get_row (page, 0))),
                            "Compiler engineer · "));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (viva_interview_list_page_get_row (page, 0))),
                            "2024"));
  g_assert_true (gtk_widget_has_css_class (find_widget (viva_interview_list_page_get_row (page, 0),
                                                        is_label_with_text, "Strong Yes"),
                                           "viva-outcome-strong-yes"));
  g_assert_nonnull (find_widget (viva_interview_list_page_get_row (page, 1), is_label_with_text, "In progress"));
  g_assert_nonnull (find_widget (viva_interview_list_page_get_row (page, 2), is_label_with_text, "Planned"));
  button = find_widget (viva_interview_list_page_get_row (page, 2), is_button_with_action, "interview-list.delete");
  g_assert_nonnull (button);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Delete interview with Ádá Lovelace");

  save_screenshot (GTK_WIDGET (window), "interview-list-page.png");

  /* It follows the interviews: a new date sorts again, a new name shows. */
  g_assert_true (viva_interview_set_date (ada, SOME_DATE + 3 * DAY));
  drain_main_loop ();
  g_assert_cmpstr (row_title (page, 0), ==, "Ádá Lovelace");
  g_assert_true (viva_interview_set_candidate (alan, ""));
  drain_main_loop ();
  g_assert_cmpstr (row_title (page, 2), ==, "Unnamed candidate");
  g_assert_true (viva_interview_set_candidate (alan, "Alan Turing"));
  drain_main_loop ();

  /* Searching ignores case and accents. */
  search (page, "ada", 1);
  g_assert_true (viva_interview_list_page_get_row_interview (page, 0) == ada);
  search (page, "  HOPPER ", 1);
  g_assert_true (viva_interview_list_page_get_row_interview (page, 0) == grace);
  search (page, "nobody", 0);
  g_assert_cmpstr (viva_interview_list_page_get_view_name (page), ==, "no-results");
  search (page, "", 3);
  g_assert_cmpstr (viva_interview_list_page_get_view_name (page), ==, "results");

  /* Ctrl+F goes to the search field. */
  gtk_widget_grab_focus (viva_interview_list_page_get_row (page, 0));
  g_assert_true (viva_test_press_shortcut (GTK_WIDGET (page), "<Control>f"));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         GTK_WIDGET (viva_interview_list_page_get_search_entry (page))));

  /* Activating a row opens its interview. */
  g_signal_connect_swapped (page, "open", G_CALLBACK (record_open), &opened);
  row = viva_interview_list_page_get_row (page, 1);
  gtk_widget_activate (row);
  g_assert_true (opened == grace);

  /* Delete asks; Cancel keeps it. */
  button = find_widget (viva_interview_list_page_get_row (page, 1), is_button_with_action, "interview-list.delete");
  g_signal_emit_by_name (button, "clicked");
  dialog = viva_interview_list_page_get_dialog (page);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete Interview?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "The notes and ratings for Grace Hopper will be deleted permanently.");
  save_screenshot (GTK_WIDGET (dialog), "dialog-delete-interview.png");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "delete"), ==, ADW_RESPONSE_DESTRUCTIVE);
  /* Return, even with the buttons stacked, is Cancel. */
  viva_test_set_large_text (TRUE);
  viva_test_assert_return_is_safe (dialog, "cancel");
  viva_test_set_large_text (FALSE);
  drain_main_loop ();
  g_assert_cmpuint (viva_interview_list_page_get_n_rows (page), ==, 3);
  g_assert_true (g_file_test (grace_path, G_FILE_TEST_EXISTS));

  /* Delete removes the row and the file. */
  g_signal_emit_by_name (button, "clicked");
  dialog = viva_interview_list_page_get_dialog (page);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "delete");
  drain_main_loop ();
  g_assert_cmpuint (viva_interview_list_page_get_n_rows (page), ==, 2);
  g_assert_false (g_file_test (grace_path, G_FILE_TEST_EXISTS));
  g_assert_null (viva_interview_list_page_get_error (page));

  /* A file that cannot be deleted (here a folder in its place) is
   * reported, and the interview stays. */
  {
    g_autofree char *inside = g_build_filename (ada_path, "keep", NULL);

    /* Nothing left to save first: an autosave still on its way would
     * write the file back between the unlink and the folder. */
    flush_store (store);
    g_assert_cmpint (g_unlink (ada_path), ==, 0);
    write_file (inside, "x");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "interview-list.delete", "s",
                                               viva_interview_get_id (ada)));
    adw_message_dialog_response (viva_interview_list_page_get_dialog (page), "delete");
    drain_main_loop ();
    g_assert_nonnull (viva_interview_list_page_get_error (page));
    g_assert_nonnull (strstr (viva_interview_list_page_get_error (page), "Could not delete"));
    g_assert_cmpuint (viva_interview_list_page_get_n_rows (page), ==, 2);
    g_assert_cmpstr (row_title (page, 0), ==, "Ádá Lovelace");

    g_assert_cmpint (g_unlink (inside), ==, 0);
    g_assert_cmpint (g_rmdir (ada_path), ==, 0);
    flush_store (store);
    g_assert_true (g_file_test (ada_path, G_FILE_TEST_IS_REGULAR));
  }

  /* The last one gone: the empty state offers a new interview. */
  for (guint n = 2; n > 0; n--)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "interview-list.delete", "s",
                                                 viva_interview_get_id (viva_interview_list_page_get_row_interview (page, 0))));
      adw_message_dialog_response (viva_interview_list_page_get_dialog (page), "delete");
      drain_main_loop ();
    }
  g_assert_cmpstr (viva_interview_list_page_get_view_name (page), ==, "empty");
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_label_with_text, "No Interviews Yet"));
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_button_with_action, "interview.new"));
  save_screenshot (GTK_WIDGET (window), "interview-list-empty.png");

  gtk_window_destroy (window);
  drain_main_loop ();
  flush_store (store);
}

/* The plan */

static VivaBank *
load_bank (void)
{
  g_autoptr(GError) error = NULL;
  VivaBank *bank = viva_bank_new_bundled (&error);

  g_assert_no_error (error);

  return bank;
}

/* A plan page in a context with @bank open, as the interview view
 * makes it. */
static VivaInterviewPlanPage *
plan_page_new (VivaBank *bank)
{
  g_autoptr(VivaContext) context = g_object_new (VIVA_TYPE_CONTEXT, NULL);

  viva_context_set_bank (context, bank);

  return g_object_new (VIVA_TYPE_INTERVIEW_PLAN_PAGE,
                       "context", context,
                       NULL);
}

static guint
level_of (VivaBank *bank,
          guint     number)
{
  VivaQuestion *question = viva_bank_lookup_question (bank, number);

  g_assert_nonnull (question);

  return viva_level_get_number (viva_question_get_level (question));
}

static gboolean
templates_loaded (gpointer data)
{
  return viva_interview_plan_page_get_templates_loaded (data);
}

static gboolean
template_saved (gpointer data)
{
  return !viva_interview_plan_page_get_saving_template (data);
}

static void
count_calls (guint *count)
{
  (*count)++;
}

static void
reset_templates (void)
{
  g_autofree char *path = viva_interview_templates_dup_default_path ();
  g_autofree char *bak = g_strconcat (path, ".bak", NULL);

  g_unlink (path);
  g_unlink (bak);
}

static void
test_plan (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaInterview) interview = viva_interview_new (NULL);
  g_autoptr(VivaInterview) second = viva_interview_new (NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *templates_path = viva_interview_templates_dup_default_path ();
  VivaInterviewPlanPage *page;
  VivaInterviewPlanPage *fresh;
  GtkWindow *window;
  GtkWindow *fresh_window;
  AdwMessageDialog *dialog;
  GtkWidget *start_button;
  GtkWidget *random_button;
  GtkWidget *focus;
  GtkCheckButton *level_1;
  guint numbers[3];
  guint starts = 0;

  reset_templates ();
  g_settings_set_string (settings, "interviewer-name", "Sam Interviewer");

  page = plan_page_new (bank);
  viva_interview_plan_page_set_interview (page, interview);
  window = show_in_window (GTK_WIDGET (page));
  wait_for (templates_loaded, page);
  g_signal_connect_swapped (page, "start", G_CALLBACK (count_calls), &starts);

  /* A new interview: the last interviewer, and now. */
  g_assert_cmpstr (viva_interview_get_interviewer (interview), ==, "Sam Interviewer");
  g_assert_cmpstr (gtk_editable_get_text (viva_interview_plan_page_get_interviewer_entry (page)), ==, "Sam Interviewer");
  g_assert_cmpint (ABS (viva_interview_get_date (interview) - g_get_real_time ()), <, 10 * MINUTE);

  /* Typing goes to the model; the interviewer is remembered. */
  gtk_editable_set_text (viva_interview_plan_page_get_candidate_entry (page), "Ada Lovelace");
  g_assert_cmpstr (viva_interview_get_candidate (interview), ==, "Ada Lovelace");
  gtk_editable_set_text (viva_interview_plan_page_get_interviewer_entry (page), "Kim");
  g_assert_cmpstr (viva_interview_get_interviewer (interview), ==, "Kim");
  {
    g_autofree char *remembered = g_settings_get_string (settings, "interviewer-name");

    g_assert_cmpstr (remembered, ==, "Kim");
  }

  /* The date: a day in the calendar, and a time. */
  {
    g_autoptr(GDateTime) day = g_date_time_new_local (2024, 5, 20, 9, 0, 0);
    g_autoptr(GDateTime) expected = g_date_time_new_local (2024, 5, 20, 14, 30, 0);

    gtk_calendar_select_day (viva_interview_plan_page_get_calendar (page), day);
    gtk_spin_button_set_value (viva_interview_plan_page_get_time_spin (page, FALSE), 14);
    gtk_spin_button_set_value (viva_interview_plan_page_get_time_spin (page, TRUE), 30);
    g_assert_cmpint (viva_interview_get_date (interview), ==, g_date_time_to_unix (expected) * G_USEC_PER_SEC);
    g_assert_cmpstr (viva_interview_plan_page_get_date_text (page), ==, "Monday 20 May 2024, 14:30");

    /* And the other way round. */
    g_assert_true (viva_interview_set_date (interview, g_date_time_to_unix (day) * G_USEC_PER_SEC));
    g_assert_cmpstr (viva_interview_plan_page_get_date_text (page), ==, "Monday 20 May 2024, 09:00");
    g_assert_cmpint (gtk_spin_button_get_value_as_int (viva_interview_plan_page_get_time_spin (page, FALSE)), ==, 9);
  }

  /* Empty plan: nothing to start. */
  start_button = find_widget (GTK_WIDGET (page), is_button_with_label, "_Start Interview");
  g_assert_nonnull (start_button);
  g_assert_false (viva_interview_plan_page_get_can_start (page));
  g_assert_false (gtk_widget_get_sensitive (start_button));
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_label_with_text,
                                 "Add questions from the sidebar, or fill the plan with random questions."));

  /* Three random Beginner questions. */
  level_1 = viva_scope_list_get_check (viva_interview_plan_page_get_scope_list (page), 1, NULL);
  g_assert_nonnull (level_1);
  gtk_check_button_set_active (level_1, TRUE);
  gtk_spin_button_set_value (viva_interview_plan_page_get_random_count (page), 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "plan.add-random", NULL));
  drain_main_loop ();
  g_assert_cmpuint (viva_interview_get_n_items (interview), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      numbers[i] = viva_interview_item_get_number (viva_interview_get_item (interview, i));
      g_assert_cmpuint (level_of (bank, numbers[i]), ==, 1);
      for (guint j = 0; j < i; j++)
        g_assert_cmpuint (numbers[i], !=, numbers[j]);
      g_assert_nonnull (viva_interview_plan_page_get_row (page, i));
    }
  g_assert_null (viva_interview_plan_page_get_row (page, 3));
  g_assert_true (viva_interview_plan_page_get_can_start (page));
  g_assert_true (gtk_widget_get_sensitive (start_button));

  /* Again: three more, none of them planned already. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "plan.add-random", NULL));
  drain_main_loop ();
  g_assert_cmpuint (viva_interview_get_n_items (interview), ==, 6);
  for (guint i = 3; i < 6; i++)
    {
      guint number = viva_interview_item_get_number (viva_interview_get_item (interview, i));

      g_assert_cmpuint (level_of (bank, number), ==, 1);
      for (guint j = 0; j < i; j++)
        g_assert_cmpuint (number, !=, viva_interview_item_get_number (viva_interview_get_item (interview, j)));
    }
  for (guint i = 6; i > 3; i--)
    g_assert_true (viva_interview_remove (interview, i - 1));
  drain_main_loop ();
  g_assert_null (viva_interview_plan_page_get_row (page, 3));

  /* Alt+Down on the first row moves it down, and the focus with it. */
  gtk_widget_grab_focus (viva_interview_plan_page_get_row (page, 0));
  g_assert_true (viva_test_press_shortcut (GTK_WIDGET (page), "<Alt>Down"));
  g_assert_cmpuint (viva_interview_item_get_number (viva_interview_get_item (interview, 0)), ==, numbers[1]);
  g_assert_cmpuint (viva_interview_item_get_number (viva_interview_get_item (interview, 1)), ==, numbers[0]);
  g_assert_cmpuint (viva_interview_item_get_number (viva_interview_get_item (interview, 2)), ==, numbers[2]);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == viva_interview_plan_page_get_row (page, 1));

  /* Alt+Up brings it back. */
  g_assert_true (viva_test_press_shortcut (GTK_WIDGET (page), "<Alt>Up"));
  g_assert_cmpuint (viva_interview_item_get_number (viva_interview_get_item (interview, 0)), ==, numbers[0]);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == viva_interview_plan_page_get_row (page, 0));

  /* The Move Down button does the same. */
  g_signal_emit_by_name (find_widget (viva_interview_plan_page_get_row (page, 1), is_button_with_tooltip, "Move Down"),
                         "clicked");
  g_assert_cmpuint (viva_interview_item_get_number (viva_interview_get_item (interview, 2)), ==, numbers[1]);
  g_assert_true (viva_interview_move (interview, 2, 1));
  drain_main_loop ();

  /* Delete removes the focused row. */
  gtk_widget_grab_focus (viva_interview_plan_page_get_row (page, 1));
  g_assert_true (viva_test_press_shortcut (GTK_WIDGET (page), "Delete"));
  g_assert_cmpuint (viva_interview_get_n_items (interview), ==, 2);
  g_assert_cmpuint (viva_interview_item_get_number (viva_interview_get_item (interview, 0)), ==, numbers[0]);
  g_assert_cmpuint (viva_interview_item_get_number (viva_interview_get_item (interview, 1)), ==, numbers[2]);
  g_assert_null (viva_interview_plan_page_get_row (page, 2));

  /* Budgets: per question, and the total, summed up. */
  gtk_spin_button_set_value (viva_interview_plan_page_get_row_budget (page, 0), 7);
  g_assert_cmpint (viva_interview_item_get_budget (viva_interview_get_item (interview, 0)), ==, 7 * MINUTE);
  gtk_spin_button_set_value (viva_interview_plan_page_get_row_budget (page, 1), 5);
  g_assert_cmpint (viva_interview_item_get_budget (viva_interview_get_item (interview, 1)), ==, 5 * MINUTE);
  g_assert_cmpstr (viva_interview_plan_page_get_budget_summary (page), ==, "The questions add up to 12 minutes");
  gtk_spin_button_set_value (viva_interview_plan_page_get_total_budget (page), 10);
  g_assert_cmpint (viva_interview_get_total_budget (interview), ==, 10 * MINUTE);
  g_assert_cmpstr (viva_interview_plan_page_get_budget_summary (page), ==,
                   "The questions add up to 12 minutes, 2 minutes more than the interview");
  gtk_spin_button_set_value (viva_interview_plan_page_get_total_budget (page), 45);
  g_assert_cmpstr (viva_interview_plan_page_get_budget_summary (page), ==,
                   "The questions add up to 12 minutes of 45 minutes");

  /* A budget set elsewhere shows in the row. */
  g_assert_true (viva_interview_set_item_budget (interview, 1, 3 * MINUTE));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (viva_interview_plan_page_get_row_budget (page, 1)), ==, 3);
  /* One that is not whole minutes shows rounded, and showing it does
   * not round the interview's. */
  g_assert_true (viva_interview_set_item_budget (interview, 1, 90 * G_USEC_PER_SEC));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (viva_interview_plan_page_get_row_budget (page, 1)), ==, 2);
  g_assert_cmpint (viva_interview_item_get_budget (viva_interview_get_item (interview, 1)), ==, 90 * G_USEC_PER_SEC);
  g_assert_true (viva_interview_set_item_budget (interview, 1, 3 * MINUTE));

  save_screenshot (GTK_WIDGET (window), "interview-plan-page.png");
  save_popover_screenshot (GTK_WIDGET (page), "Add _Random Questions…", "interview-plan-random.png");

  /* Save as a template, by name. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "plan.save-template", NULL));
  dialog = viva_interview_plan_page_get_dialog (page);
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "Backend, 45 min");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  save_screenshot (GTK_WIDGET (dialog), "interview-plan-save-template.png");
  adw_message_dialog_response (dialog, "save");
  wait_for (template_saved, page);
  g_assert_null (viva_interview_plan_page_get_error (page));
  g_assert_cmpuint (viva_interview_plan_page_get_n_templates (page), ==, 1);
  g_assert_true (g_file_test (templates_path, G_FILE_TEST_IS_REGULAR));

  /* Start emits "start". */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "plan.start", NULL));
  g_assert_cmpuint (starts, ==, 1);

  /* A fresh page reads the template from the file, and fills another
   * interview's plan from it. */
  fresh = plan_page_new (bank);
  viva_interview_plan_page_set_interview (fresh, second);
  fresh_window = show_in_window (GTK_WIDGET (fresh));
  wait_for (templates_loaded, fresh);
  g_assert_cmpuint (viva_interview_plan_page_get_n_templates (fresh), ==, 1);
  save_popover_screenshot (GTK_WIDGET (fresh), "_Templates", "interview-plan-templates.png");
  g_assert_false (viva_interview_plan_page_get_can_start (fresh));
  save_screenshot (GTK_WIDGET (fresh_window), "interview-plan-empty.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fresh), "plan.use-template", "u", 0));
  drain_main_loop ();
  g_assert_null (viva_interview_plan_page_get_dialog (fresh));
  g_assert_cmpuint (viva_interview_get_n_items (second), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpuint (viva_interview_item_get_number (viva_interview_get_item (second, i)), ==, viva_interview_item_get_number (viva_interview_get_item (interview, i)));
      g_assert_cmpstr (viva_interview_item_get_text (viva_interview_get_item (second, i)), ==, viva_interview_item_get_text (viva_interview_get_item (interview, i)));
      g_assert_cmpint (viva_interview_item_get_budget (viva_interview_get_item (second, i)), ==, viva_interview_item_get_budget (viva_interview_get_item (interview, i)));
    }
  g_assert_cmpint (viva_interview_get_total_budget (second), ==, 45 * MINUTE);
  g_assert_nonnull (viva_interview_plan_page_get_row (fresh, 1));
  g_assert_true (viva_interview_plan_page_get_can_start (fresh));

  /* Over a plan that has questions, it asks first. */
  g_assert_true (viva_interview_remove (second, 1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fresh), "plan.use-template", "u", 0));
  dialog = viva_interview_plan_page_get_dialog (fresh);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Replace the Plan?");
  save_screenshot (GTK_WIDGET (dialog), "dialog-replace-plan.png");
  viva_test_set_large_text (TRUE);
  viva_test_assert_return_is_safe (dialog, "cancel");
  viva_test_set_large_text (FALSE);
  drain_main_loop ();
  g_assert_cmpuint (viva_interview_get_n_items (second), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fresh), "plan.use-template", "u", 0));
  adw_message_dialog_response (viva_interview_plan_page_get_dialog (fresh), "replace");
  drain_main_loop ();
  g_assert_cmpuint (viva_interview_get_n_items (second), ==, 2);

  /* Emptied, it cannot start. Delete on the last question leaves the
   * keyboard on what fills the plan again. */
  g_assert_true (viva_interview_remove (second, 1));
  drain_main_loop ();
  gtk_widget_grab_focus (viva_interview_plan_page_get_row (fresh, 0));
  g_assert_true (viva_test_press_shortcut (GTK_WIDGET (fresh), "Delete"));
  g_assert_cmpuint (viva_interview_get_n_items (second), ==, 0);
  g_assert_false (viva_interview_plan_page_get_can_start (fresh));
  random_button = find_widget (GTK_WIDGET (fresh), is_menu_button_with_label, "Add _Random Questions…");
  focus = gtk_root_get_focus (GTK_ROOT (fresh_window));
  g_assert_true (focus != NULL && (focus == random_button || gtk_widget_is_ancestor (focus, random_button)));

  /* Read-only: nothing can be changed. */
  viva_interview_set_read_only (interview, TRUE);
  drain_main_loop ();
  g_assert_false (viva_interview_plan_page_get_can_start (page));
  g_assert_false (gtk_widget_get_sensitive (start_button));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (viva_interview_plan_page_get_candidate_entry (page))));
  g_assert_false (gtk_widget_is_sensitive (viva_interview_plan_page_get_row (page, 0)));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (viva_interview_plan_page_get_total_budget (page))));

  gtk_window_destroy (fresh_window);
  gtk_window_destroy (window);
  drain_main_loop ();
  reset_templates ();
}

/* A damaged templates file is moved aside and said; a newer one can be
 * used but not written. */
static void
test_plan_templates_file_problems (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaInterview) interview = viva_interview_new (NULL);
  g_autofree char *path = viva_interview_templates_dup_default_path ();
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  const char *newer = "{\"format\": \"viva-interview-templates\", \"version\": 2, \"templates\": "
                      "[{\"name\": \"Kept\", \"total-budget\": 0, \"items\": "
                      "[{\"number\": 0, \"question\": \"Why us?\", \"budget\": 0}]}]}";
  VivaInterviewPlanPage *page;
  GtkWindow *window;

  reset_templates ();
  write_file (path, "{\"format\": \"viva-interview-templates\", \"version\": 1, \"templates\": [{\"name\": 5}]}");

  page = plan_page_new (bank);
  viva_interview_plan_page_set_interview (page, interview);
  window = show_in_window (GTK_WIDGET (page));
  wait_for (templates_loaded, page);
  g_assert_nonnull (viva_interview_plan_page_get_templates_problem (page));
  g_assert_nonnull (strstr (viva_interview_plan_page_get_templates_problem (page), "could not be read"));
  g_assert_nonnull (strstr (viva_interview_plan_page_get_templates_problem (page), ".corrupt-"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  gtk_window_destroy (window);
  drain_main_loop ();

  write_file (path, newer);
  before = read_file (path);
  page = plan_page_new (bank);
  viva_interview_plan_page_set_interview (page, interview);
  window = show_in_window (GTK_WIDGET (page));
  wait_for (templates_loaded, page);
  g_assert_nonnull (strstr (viva_interview_plan_page_get_templates_problem (page), "newer version"));

  /* It can be used... */
  g_assert_cmpuint (viva_interview_plan_page_get_n_templates (page), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "plan.use-template", "u", 0));
  drain_main_loop ();
  g_assert_cmpuint (viva_interview_get_n_items (interview), ==, 1);
  g_assert_cmpstr (viva_interview_item_get_text (viva_interview_get_item (interview, 0)), ==, "Why us?");

  /* ...but not written. */
  gtk_widget_activate_action (GTK_WIDGET (page), "plan.save-template", NULL);
  drain_main_loop ();
  g_assert_null (viva_interview_plan_page_get_dialog (page));
  after = read_file (path);
  g_assert_true (g_bytes_equal (before, after));

  gtk_window_destroy (window);
  drain_main_loop ();
  reset_templates ();
}

/* Random questions from chosen topics */

static gboolean
question_is_in (VivaBank   *bank,
                guint       number,
                guint       level_number,
                const char *topic_name)
{
  VivaQuestion *question = viva_bank_lookup_question (bank, number);
  VivaTopic *topic;

  g_assert_nonnull (question);
  topic = viva_question_get_topic (question);

  if (viva_level_get_number (viva_question_get_level (question)) != level_number)
    return FALSE;

  return topic_name == NULL || (topic != NULL && g_strcmp0 (viva_topic_get_name (topic), topic_name) == 0);
}

static void
add_random (VivaInterviewPlanPage *page,
            guint                  count)
{
  gtk_spin_button_set_value (viva_interview_plan_page_get_random_count (page), count);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "plan.add-random", NULL));
  drain_main_loop ();
}

static void
remove_all (VivaInterview *interview)
{
  while (viva_interview_get_n_items (interview) > 0)
    g_assert_true (viva_interview_remove (interview, 0));
  drain_main_loop ();
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

/* Presses Tab in @popover until the focus is on @target or inside it. */
static GtkWidget *
tab_to (GtkWidget *popover,
        GtkWidget *target)
{
  GtkRoot *root = gtk_widget_get_root (popover);

  for (guint i = 0; i < 200; i++)
    {
      GtkWidget *focus;

      gtk_widget_child_focus (popover, GTK_DIR_TAB_FORWARD);
      focus = gtk_root_get_focus (root);
      if (focus != NULL && (focus == target || gtk_widget_is_ancestor (focus, target)))
        return focus;
    }

  g_assert_not_reached ();
  return NULL;
}

static void
test_plan_random_topics (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaInterview) interview = viva_interview_new (NULL);
  VivaInterviewPlanPage *page;
  VivaScopeList *scope;
  GtkMenuButton *button;
  GtkWidget *popover;
  GtkWidget *level_1_row;
  GtkCheckButton *strings;
  GtkCheckButton *generators;
  GtkWidget *focus;
  GtkWindow *window;
  guint n_expected = 0;

  reset_templates ();

  page = plan_page_new (bank);
  viva_interview_plan_page_set_interview (page, interview);
  /* The smallest window Viva is meant to work in. */
  window = show_in_window_sized (GTK_WIDGET (page), 1100, 740);
  wait_for (templates_loaded, page);
  scope = viva_interview_plan_page_get_scope_list (page);

  /* Levels with topics open to show them, each with a named check box;
   * levels without topics have none. */
  g_assert_true (ADW_IS_EXPANDER_ROW (viva_scope_list_get_row (scope, 1)));
  g_assert_false (ADW_IS_EXPANDER_ROW (viva_scope_list_get_row (scope, 5)));
  g_assert_false (ADW_IS_EXPANDER_ROW (viva_scope_list_get_row (scope, 6)));
  strings = viva_scope_list_get_check (scope, 1, "Strings");
  g_assert_nonnull (strings);
  gtk_test_accessible_assert_property (strings, GTK_ACCESSIBLE_PROPERTY_LABEL, "Strings");
  gtk_test_accessible_assert_property (viva_scope_list_get_check (scope, 1, NULL),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "All of Level 1: Beginner");
  g_assert_null (viva_scope_list_get_check (scope, 3, "Strings"));

  /* By keyboard: open the popover, Tab to Level 1, open it, Tab to
   * Strings and activate its check, as Space does. */
  button = GTK_MENU_BUTTON (find_widget (GTK_WIDGET (page), is_menu_button_with_label, "Add _Random Questions…"));
  g_assert_nonnull (button);
  gtk_menu_button_popup (button);
  drain_main_loop ();
  popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  g_assert_true (gtk_widget_get_mapped (popover));
  level_1_row = viva_scope_list_get_row (scope, 1);
  focus = tab_to (popover, level_1_row);
  g_assert_true (gtk_widget_activate (focus));
  drain_main_loop ();
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (level_1_row)));
  /* The topics slide in. */
  wait_for (is_mapped, strings);
  focus = tab_to (popover, GTK_WIDGET (strings));
  g_assert_true (focus == GTK_WIDGET (strings));
  g_assert_true (gtk_widget_activate (focus));
  g_assert_true (gtk_check_button_get_active (strings));
  g_assert_false (gtk_check_button_get_active (viva_scope_list_get_check (scope, 1, NULL)));

  /* Three random questions: all of them about strings. */
  add_random (page, 3);
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_null (viva_interview_plan_page_get_random_error (page));
  g_assert_cmpuint (viva_interview_get_n_items (interview), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_true (question_is_in (bank, viva_interview_item_get_number (viva_interview_get_item (interview, i)), 1, "Strings"));

  /* A whole level, and one topic of another: drawn until none is left,
   * the plan has exactly the questions of both, and no other. */
  remove_all (interview);
  gtk_check_button_set_active (strings, FALSE);
  gtk_check_button_set_active (viva_scope_list_get_check (scope, 5, NULL), TRUE);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (viva_scope_list_get_row (scope, 3)), TRUE);
  generators = viva_scope_list_get_check (scope, 3, "Generators, Iterators, and Decorators");
  g_assert_nonnull (generators);
  gtk_check_button_set_active (generators, TRUE);

  for (guint i = 0; i < g_list_model_get_n_items (viva_bank_get_questions (bank)); i++)
    {
      g_autoptr(VivaQuestion) question = g_list_model_get_item (viva_bank_get_questions (bank), i);
      guint number = viva_question_get_number (question);

      if (question_is_in (bank, number, 5, NULL) ||
          question_is_in (bank, number, 3, "Generators, Iterators, and Decorators"))
        n_expected++;
    }
  g_assert_cmpuint (n_expected, >, 20);
  g_assert_cmpuint (n_expected, <, 40);

  add_random (page, 20);
  g_assert_cmpuint (viva_interview_get_n_items (interview), ==, 20);
  add_random (page, 20);
  g_assert_cmpuint (viva_interview_get_n_items (interview), ==, n_expected);
  g_assert_null (viva_interview_plan_page_get_random_error (page));
  add_random (page, 20);
  g_assert_cmpuint (viva_interview_get_n_items (interview), ==, n_expected);
  g_assert_cmpstr (viva_interview_plan_page_get_random_error (page), ==,
                   "No questions left: all questions of the chosen levels and topics were chosen already");
  {
    g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
    gboolean any_level_5 = FALSE;
    gboolean any_generators = FALSE;

    for (guint i = 0; i < n_expected; i++)
      {
        guint number = viva_interview_item_get_number (viva_interview_get_item (interview, i));

        g_assert_true (g_hash_table_add (seen, GUINT_TO_POINTER (number)));
        any_level_5 |= question_is_in (bank, number, 5, NULL);
        any_generators |= question_is_in (bank, number, 3, "Generators, Iterators, and Decorators");
        g_assert_true (question_is_in (bank, number, 5, NULL) ||
                       question_is_in (bank, number, 3, "Generators, Iterators, and Decorators"));
      }
    g_assert_true (any_level_5);
    g_assert_true (any_generators);
  }

  /* Changing the choice clears the problem. */
  gtk_check_button_set_active (generators, FALSE);
  g_assert_null (viva_interview_plan_page_get_random_error (page));

  /* With two levels open the list is longer than the window: it scrolls
   * inside the popover, which stays shorter than the window. */
  gtk_check_button_set_active (generators, TRUE);
  gtk_menu_button_popup (button);
  wait_for (is_mapped, generators);
  g_assert_cmpint (gtk_widget_get_height (popover), <, 700);

  /* What the popover looks like with Level 1 closed again. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (level_1_row), FALSE);
  viva_test_save_screenshot (popover, "interview-plan-random-topics.png");

  gtk_window_destroy (window);
  drain_main_loop ();
  reset_templates ();
}

/* A click: what a pointer's press and release on @button emit. */
static void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* A menu item, by its label without the mnemonic's underscore. */
static gboolean
is_model_button_labelled (GtkWidget     *widget,
                          gconstpointer  label)
{
  g_autofree char *text = NULL;

  if (g_strcmp0 (G_OBJECT_TYPE_NAME (widget), "GtkModelButton") != 0)
    return FALSE;

  g_object_get (widget, "text", &text, NULL);
  return g_strcmp0 (text, label) == 0;
}

/* Chooses @item in the plan page's Templates menu, as a click would. */
static void
choose_in_templates_menu (VivaInterviewPlanPage *page,
                          const char            *item)
{
  GtkWidget *button = find_widget (GTK_WIDGET (page), is_menu_button_with_label, "_Templates");
  GtkWidget *model_button;

  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  drain_main_loop ();
  model_button = find_widget (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))),
                              is_model_button_labelled, item);
  g_assert_nonnull (model_button);
  g_assert_true (gtk_widget_is_sensitive (model_button));
  g_signal_emit_by_name (model_button, "clicked");
  drain_main_loop ();
}

/* Whether the Templates menu lists @item. */
static gboolean
templates_menu_has (VivaInterviewPlanPage *page,
                    const char            *item)
{
  GtkWidget *button = find_widget (GTK_WIDGET (page), is_menu_button_with_label, "_Templates");
  gboolean found;

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  drain_main_loop ();
  found = find_widget (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))),
                       is_model_button_labelled, item) != NULL;
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  drain_main_loop ();

  return found;
}

static gboolean
templates_dialog_idle (gpointer data)
{
  return !viva_interview_templates_dialog_get_busy (data);
}

/* Moves the keyboard to the Undo button of the dialog's toast, as a
 * keyboard user going to it would.
 *
 * A toast goes after its timeout (5 s) and libadwaita 1.2 then frees
 * its widgets (free_toast_info() in adw-toast-overlay.c, once the
 * hiding animation ends): a test that found the button before a stall
 * of the machine (screenshots, a loaded CI) clicked freed memory, the
 * crash seen in about one full run in four. A toast with the focus in
 * it does not time out (the GtkEventControllerFocus of
 * adw-toast-widget.ui inhibits the hiding), so call this before the
 * main loop turns once after the toast was added: its timeout cannot
 * have fired yet. */
static void
focus_undo_button (VivaInterviewTemplatesDialog *dialog)
{
  GtkWidget *button = find_widget (GTK_WIDGET (dialog), is_button_with_label, "_Undo");

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_grab_focus (button));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (dialog)) == button);
}

/* The Rename or Delete button of the @index-th row. */
static GtkWidget *
row_button (VivaInterviewTemplatesDialog *dialog,
            guint                         index,
            const char                   *tooltip)
{
  GtkWidget *row = viva_interview_templates_dialog_get_row (dialog, index);
  GtkWidget *button;

  g_assert_nonnull (row);
  button = find_widget (row, is_button_with_tooltip, tooltip);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_focusable (button));

  return button;
}

static const char *
template_row_title (VivaInterviewTemplatesDialog *dialog,
           guint                         index)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (viva_interview_templates_dialog_get_row (dialog, index)));
}

/* The names in the file, in its order, as "A|B|C". */
static char *
template_names (void)
{
  g_autofree char *path = viva_interview_templates_dup_default_path ();
  g_autoptr(VivaInterviewTemplatesLoad) load = viva_interview_templates_load (path);
  g_autoptr(GString) names = g_string_new (NULL);

  g_assert_null (load->problem);
  for (guint i = 0; i < load->templates->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? "|" : "",
                            viva_interview_template_get_name (g_ptr_array_index (load->templates, i)));

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
assert_template_names (const char *expected)
{
  g_autofree char *names = template_names ();

  g_assert_cmpstr (names, ==, expected);
}

/* Typing @text in the Rename dialog's field. */
static GtkWidget *
rename_entry (AdwMessageDialog *rename)
{
  GtkWidget *entry = gtk_widget_get_first_child (adw_message_dialog_get_extra_child (rename));

  g_assert_true (GTK_IS_ENTRY (entry));

  return entry;
}

/* What the Rename dialog says under its field, or NULL. */
static const char *
rename_message (AdwMessageDialog *rename)
{
  GtkWidget *label = gtk_widget_get_next_sibling (rename_entry (rename));

  g_assert_true (GTK_IS_LABEL (label));

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

/* Manage Templates: rename with a message for an empty or taken name,
 * delete with Undo, all written to the file at once and shown in the
 * Templates menu; clicked as a user would, from the menu down to the
 * buttons of the rows, the dialog's and the toast's. */
static void
test_plan_manage_templates (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaInterview) interview = viva_interview_new (NULL);
  g_autofree char *path = viva_interview_templates_dup_default_path ();
  VivaInterviewTemplatesDialog *dialog;
  AdwMessageDialog *rename;
  VivaInterviewPlanPage *page;
  GtkWindow *window;
  GtkWidget *entry;
  GtkWidget *button;
  GtkWidget *focus;
  int start, end;
  struct stat st;

  reset_templates ();
  for (guint i = 0; i < 3; i++)
    {
      const char *name = (const char *[]) { "Backend, 45 min", "Frontend", "R&D <lead>" }[i];
      g_autoptr(VivaInterviewTemplate) template = viva_interview_template_new (name);
      g_autoptr(VivaInterviewTemplatesLoad) load = NULL;

      if (i == 0)
        {
          g_assert_true (viva_interview_template_append (template, 1, "What is Python?", 5 * MINUTE, NULL));
          g_assert_true (viva_interview_template_append (template, 0, "Why this team?", 0, NULL));
          g_assert_true (viva_interview_template_set_total_budget (template, 45 * MINUTE));
        }
      load = viva_interview_templates_add (path, template, NULL);
      g_assert_nonnull (load);
    }

  page = plan_page_new (bank);
  viva_interview_plan_page_set_interview (page, interview);
  window = show_in_window (GTK_WIDGET (page));
  wait_for (templates_loaded, page);
  g_assert_cmpuint (viva_interview_plan_page_get_n_templates (page), ==, 3);
  save_popover_screenshot (GTK_WIDGET (page), "_Templates", "interview-templates-menu.png");

  /* Templates menu → Manage Templates…: a dialog over the window. */
  choose_in_templates_menu (page, "Manage Templates…");
  dialog = viva_interview_plan_page_get_templates_dialog (page);
  g_assert_nonnull (dialog);
  viva_test_wait_mapped (GTK_WIDGET (dialog));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == window);
  g_assert_cmpuint (viva_interview_templates_dialog_get_n_templates (dialog), ==, 3);
  g_assert_cmpstr (template_row_title (dialog, 0), ==, "Backend, 45 min");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (viva_interview_templates_dialog_get_row (dialog, 0))),
                   ==, "2 questions · 45 minutes");
  g_assert_cmpstr (template_row_title (dialog, 2), ==, "R&D <lead>");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row_button (dialog, 1, "Rename")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Rename “Frontend”");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row_button (dialog, 1, "Delete")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Delete “Frontend”");
  {
    g_autoptr(GString) unnamed = g_string_new (NULL);

    viva_test_collect_unnamed_controls (GTK_WIDGET (dialog), unnamed);
    g_assert_cmpstr (unnamed->str, ==, "");
  }
  save_screenshot (GTK_WIDGET (dialog), "interview-templates-dialog.png");

  /* Rename: the name, selected, in a field; Rename is the default. */
  click (row_button (dialog, 1, "Rename"));
  drain_main_loop ();
  rename = viva_interview_templates_dialog_get_rename_dialog (dialog);
  g_assert_nonnull (rename);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (rename)) == GTK_WINDOW (dialog));
  g_assert_cmpstr (adw_message_dialog_get_default_response (rename), ==, "rename");
  entry = rename_entry (rename);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Frontend");
  g_assert_true (gtk_editable_get_selection_bounds (GTK_EDITABLE (entry), &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, 8);
  g_assert_null (rename_message (rename));

  /* Empty, or another template's: said under the field, and refused. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_assert_cmpstr (rename_message (rename), ==, "A template needs a name.");
  g_assert_false (adw_message_dialog_get_response_enabled (rename, "rename"));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Backend, 45 min");
  g_assert_cmpstr (rename_message (rename), ==, "There is already a template named “Backend, 45 min”.");
  g_assert_false (adw_message_dialog_get_response_enabled (rename, "rename"));
  save_screenshot (GTK_WIDGET (rename), "interview-templates-rename-taken.png");

  /* A new name: the spaces around it go; the file has it at once, in
   * its place, and so does the Templates menu. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "  Frontend, 30 min ");
  g_assert_null (rename_message (rename));
  g_assert_true (adw_message_dialog_get_response_enabled (rename, "rename"));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_FALSE);
  button = find_widget (GTK_WIDGET (rename), is_button_with_label, "_Rename");
  g_assert_nonnull (button);
  click (button);
  wait_for (templates_dialog_idle, dialog);
  g_assert_null (viva_interview_templates_dialog_get_error (dialog));
  g_assert_cmpstr (template_row_title (dialog, 1), ==, "Frontend, 30 min");
  g_assert_true (gtk_root_get_focus (GTK_ROOT (dialog)) == viva_interview_templates_dialog_get_row (dialog, 1));
  assert_template_names ("Backend, 45 min|Frontend, 30 min|R&D <lead>");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (templates_menu_has (page, "Frontend, 30 min"));
  g_assert_false (templates_menu_has (page, "Frontend"));

  /* Delete: gone at once from the dialog, the file and the menu; the
   * keyboard stays in the list, on the row now in its place. Not one
   * turn of the main loop after the delete before the keyboard is in
   * the toast (see focus_undo_button). */
  click (row_button (dialog, 0, "Delete"));
  wait_until (templates_dialog_idle, dialog);
  focus = gtk_root_get_focus (GTK_ROOT (dialog));
  g_assert_true (focus == viva_interview_templates_dialog_get_row (dialog, 0));
  focus_undo_button (dialog);
  g_assert_cmpuint (viva_interview_templates_dialog_get_n_templates (dialog), ==, 2);
  g_assert_cmpstr (template_row_title (dialog, 0), ==, "Frontend, 30 min");
  assert_template_names ("Frontend, 30 min|R&D <lead>");
  g_assert_cmpuint (viva_interview_plan_page_get_n_templates (page), ==, 2);
  g_assert_false (templates_menu_has (page, "Backend, 45 min"));

  /* Undo, in the toast: back in its place, with its plan. */
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_label_with_text, "Deleted “Backend, 45 min”"));
  save_screenshot (GTK_WIDGET (dialog), "interview-templates-deleted.png");
  button = find_widget (GTK_WIDGET (dialog), is_button_with_label, "_Undo");
  g_assert_nonnull (button);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (dialog)) == button);
  click (button);
  wait_for (templates_dialog_idle, dialog);
  g_assert_null (viva_interview_templates_dialog_get_error (dialog));
  assert_template_names ("Backend, 45 min|Frontend, 30 min|R&D <lead>");
  g_assert_true (gtk_root_get_focus (GTK_ROOT (dialog)) == viva_interview_templates_dialog_get_row (dialog, 0));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (viva_interview_templates_dialog_get_row (dialog, 0))),
                   ==, "2 questions · 45 minutes");
  g_assert_true (templates_menu_has (page, "Backend, 45 min"));

  /* The plan page uses what the dialog wrote, and its toasts show a
   * name with markup characters as typed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "plan.use-template", "u", 2));
  drain_main_loop ();
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_label_with_text, "Plan filled from “R&D <lead>”"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "plan.use-template", "u", 0));
  drain_main_loop ();
  g_assert_cmpuint (viva_interview_get_n_items (interview), ==, 2);
  g_assert_cmpint (viva_interview_get_total_budget (interview), ==, 45 * MINUTE);

  /* A name with markup characters shows as typed, in the toast too. */
  click (row_button (dialog, 2, "Delete"));
  wait_for (templates_dialog_idle, dialog);
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_label_with_text, "Deleted “R&D <lead>”"));

  /* The last ones deleted: the dialog says there are none. */
  click (row_button (dialog, 1, "Delete"));
  wait_for (templates_dialog_idle, dialog);
  click (row_button (dialog, 0, "Delete"));
  wait_for (templates_dialog_idle, dialog);
  assert_template_names ("");
  g_assert_cmpuint (viva_interview_plan_page_get_n_templates (page), ==, 0);
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_label_with_text, "No Templates"));
  g_assert_true (gtk_widget_get_mapped (find_widget (GTK_WIDGET (dialog), is_label_with_text, "No Templates")));

  /* Escape closes it; the first may go to the toast, which libadwaita
   * dismisses on Escape from anywhere in its overlay. */
  for (guint i = 0; i < 2 && viva_interview_plan_page_get_templates_dialog (page) != NULL; i++)
    {
      g_assert_true (viva_test_press_shortcut (GTK_WIDGET (dialog), "Escape"));
      drain_main_loop ();
    }
  g_assert_null (viva_interview_plan_page_get_templates_dialog (page));
  assert_template_names ("");

  gtk_window_destroy (window);
  drain_main_loop ();
  reset_templates ();
}

/* Following the context */

/* A question's row, by the start of its text. */
static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  start)
{
  g_autofree char *text = NULL;

  if (!ADW_IS_PREFERENCES_ROW (widget))
    return FALSE;

  /* The title is markup: its text is what it reads. */
  if (!pango_parse_markup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), -1, 0,
                           NULL, &text, NULL, NULL))
    return FALSE;

  return g_str_has_prefix (text, start);
}

static gboolean
row_title_has_code (GtkWidget  *page,
                    const char *start)
{
  GtkWidget *row = find_widget (page, is_row_titled, start);

  g_assert_nonnull (row);

  return strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "<tt>") != NULL;
}

/* The plan page (with its plan list) and the wrap-up page follow the
 * bank their context has open, with no one pushing it to them: random
 * questions need a bank, and a question reads with its code in
 * monospace only while the bank it came from is open. */
static void
test_follow_the_context (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaContext) context = g_object_new (VIVA_TYPE_CONTEXT, NULL);
  g_autoptr(VivaInterview) interview = viva_interview_new (NULL);
  g_autoptr(VivaInterview) finished = viva_interview_new (NULL);
  g_autoptr(GError) error = NULL;
  VivaQuestion *question = viva_bank_lookup_question (bank, 31);
  const char *start = "If x = 10";
  GtkWidget *pages[2];
  GtkWindow *windows[2];

  reset_templates ();
  g_assert_nonnull (question);
  g_assert_true (viva_interview_append_question (interview, question, 0, &error));
  g_assert_no_error (error);
  g_assert_true (viva_interview_append_question (finished, question, 0, &error));
  g_assert_no_error (error);
  g_assert_true (viva_interview_start (finished));
  g_assert_true (viva_interview_finish (finished));

  pages[0] = g_object_new (VIVA_TYPE_INTERVIEW_PLAN_PAGE, "context", context, NULL);
  viva_interview_plan_page_set_interview (VIVA_INTERVIEW_PLAN_PAGE (pages[0]), interview);
  pages[1] = g_object_new (VIVA_TYPE_INTERVIEW_WRAPUP_PAGE, "context", context, NULL);
  viva_interview_wrapup_page_set_interview (VIVA_INTERVIEW_WRAPUP_PAGE (pages[1]), finished);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    windows[i] = show_in_window (pages[i]);
  wait_for (templates_loaded, pages[0]);

  /* No bank open yet. */
  g_assert_false (gtk_widget_is_sensitive (find_widget (pages[0], is_menu_button_with_label,
                                                        "Add _Random Questions…")));
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    g_assert_false (row_title_has_code (pages[i], start));

  /* The window opens one. */
  viva_context_set_bank (context, bank);
  drain_main_loop ();
  g_assert_true (gtk_widget_is_sensitive (find_widget (pages[0], is_menu_button_with_label,
                                                       "Add _Random Questions…")));
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    g_assert_true (row_title_has_code (pages[i], start));
  g_assert_true (gtk_widget_activate_action (pages[0], "plan.add-random", NULL));
  drain_main_loop ();
  g_assert_cmpuint (viva_interview_get_n_items (interview), >, 1);

  /* And closes it. */
  viva_context_set_bank (context, NULL);
  drain_main_loop ();
  g_assert_false (gtk_widget_is_sensitive (find_widget (pages[0], is_menu_button_with_label,
                                                        "Add _Random Questions…")));
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    g_assert_false (row_title_has_code (pages[i], start));

  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    gtk_window_destroy (windows[i]);
  drain_main_loop ();
  reset_templates ();
}

int
main (int   argc,
      char *argv[])
{
  viva_test_init_ui (&argc, &argv);

  viva_test_load_app_style ();

  g_test_add_func ("/interview-pages/list", test_list);
  g_test_add_func ("/interview-pages/plan", test_plan);
  g_test_add_func ("/interview-pages/plan/templates-file-problems", test_plan_templates_file_problems);
  g_test_add_func ("/interview-pages/plan/manage-templates", test_plan_manage_templates);
  g_test_add_func ("/interview-pages/plan/random-topics", test_plan_random_topics);
  g_test_add_func ("/interview-pages/follow-the-context", test_follow_the_context);

  return g_test_run ();
}
