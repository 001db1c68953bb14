/* test-interview-wrapup.c
 *
 * The wrap-up page after an interview, driven as the interviewer would
 * under Xvfb: pick the overall recommendation, type the takeaways, read
 * each question's time against its budget, change a rating, export the
 * report as Markdown and PDF; a read-only interview can be read and
 * exported but not changed.
 *
 * Set VIVA_SCREENSHOT_DIR to keep a PNG of the page as the test left it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "viva-clock.h"
#include "viva-interview.h"
#include "viva-interview-wrapup-page.h"
#include "viva-resources.h"
#include "viva-test-util.h"

#define WAIT_LIMIT_USEC (20 * G_USEC_PER_SEC)
#define SECONDS(n) ((gint64) (n) * G_USEC_PER_SEC)
#define MINUTES(n) ((gint64) (n) * 60 * G_USEC_PER_SEC)

typedef struct
{
  VivaClock               *clock;
  VivaInterview           *interview;
  GtkWindow               *window;
  VivaInterviewWrapupPage *page;
  char                    *dir;
} Fixture;

static void
drain_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
set_true (gboolean *flag)
{
  *flag = TRUE;
}

/* Two questions, the first over its budget, both rated. */
static VivaInterview *
build_interview (VivaClock *clock)
{
  VivaInterview *interview = viva_interview_new (clock);

  g_assert_true (viva_interview_set_candidate (interview, "Ada Lovelace"));
  g_assert_true (viva_interview_set_role (interview, "Senior Python Engineer"));
  g_assert_true (viva_interview_set_interviewer (interview, "Charles Babbage"));
  g_assert_true (viva_interview_set_total_budget (interview, MINUTES (15)));
  g_assert_true (viva_interview_append (interview, 12, "What is the difference between a list and a tuple?\n"
                                        "Follow up on hashability.", MINUTES (5), NULL));
  g_assert_true (viva_interview_append (interview, 0, "When would you reach for a generator?", MINUTES (10), NULL));

  g_assert_true (viva_interview_start (interview));
  viva_clock_advance (clock, SECONDS (370));
  g_assert_true (viva_interview_stamp_item_notes (interview, 0, "Knew tuples are immutable."));
  g_assert_true (viva_interview_set_current (interview, 1));
  viva_clock_advance (clock, MINUTES (2));
  g_assert_true (viva_interview_stamp_item_notes (interview, 1, "Wrote a Fibonacci generator."));
  g_assert_true (viva_interview_finish (interview));

  g_assert_true (viva_interview_set_item_rating (interview, 0, VIVA_INTERVIEW_RATING_YES));
  g_assert_true (viva_interview_set_item_rating (interview, 1, VIVA_INTERVIEW_RATING_STRONG_YES));

  return interview;
}

/* Activates @button as Space does, and waits for its click: GTK
 * shows the button pressed for a moment first. */
static void
press (Fixture   *f,
       GtkWidget *button)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_USEC;
  gboolean clicked = FALSE;
  gulong handler = g_signal_connect_swapped (button, "clicked", G_CALLBACK (set_true), &clicked);

  g_assert_true (gtk_widget_activate (button));
  while (!clicked)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_signal_handler_disconnect (button, handler);
  drain_main_loop ();
}

static void
count_change (guint *changes)
{
  (*changes)++;
}

static void
fixture_open (Fixture       *f,
              VivaInterview *interview)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_USEC;

  f->clock = viva_clock_new_fake (SECONDS (1790000000));
  f->interview = interview != NULL ? interview : build_interview (f->clock);
  f->dir = g_dir_make_tmp ("viva-wrapup-XXXXXX", NULL);
  g_assert_nonnull (f->dir);

  viva_test_load_app_style ();

  f->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (f->window);
  gtk_window_set_default_size (f->window, 900, 1100);
  f->page = VIVA_INTERVIEW_WRAPUP_PAGE (viva_interview_wrapup_page_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  viva_interview_wrapup_page_set_interview (f->page, f->interview);

  gtk_window_present (f->window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (f->window)))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
  drain_main_loop ();
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }

  g_rmdir (path);
}

static void
fixture_close (Fixture *f)
{
  gtk_window_destroy (f->window);
  drain_main_loop ();
  g_clear_object (&f->window);
  g_clear_object (&f->interview);
  g_clear_object (&f->clock);
  remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

/* What the page shows, found as a user finds it: by what it says. */

typedef gboolean (*WidgetTest) (GtkWidget  *widget,
                                const char *arg);

static void
collect (GtkWidget  *widget,
         WidgetTest  test,
         const char *arg,
         GPtrArray  *found)
{
  if (test (widget, arg))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, test, arg, found);
}

static GPtrArray *
find_all (GtkWidget  *root,
          WidgetTest  test,
          const char *arg)
{
  GPtrArray *found = g_ptr_array_new ();

  collect (root, test, arg, found);

  return found;
}

static GtkWidget *
find_one (GtkWidget  *root,
          WidgetTest  test,
          const char *arg)
{
  g_autoptr(GPtrArray) found = find_all (root, test, arg);

  if (found->len != 1)
    g_error ("expected one widget for “%s”, found %u", arg, found->len);

  return g_ptr_array_index (found, 0);
}

static gboolean
is_toggle_labelled (GtkWidget  *widget,
                    const char *label)
{
  return GTK_IS_TOGGLE_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_button_labelled (GtkWidget  *widget,
                    const char *label)
{
  return GTK_IS_BUTTON (widget) && !GTK_IS_TOGGLE_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_label_reading (GtkWidget  *widget,
                  const char *label)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), label) == 0;
}

static gboolean
has_css_class (GtkWidget  *widget,
               const char *css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

static gboolean
is_drop_down (GtkWidget  *widget,
              const char *unused)
{
  return GTK_IS_DROP_DOWN (widget);
}

static gboolean
is_row_titled (GtkWidget  *widget,
               const char *title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* The rows that have a rating to pick. */
static gboolean
is_question_row (GtkWidget  *widget,
                 const char *unused)
{
  g_autoptr(GPtrArray) drop_downs = NULL;

  if (!ADW_IS_ACTION_ROW (widget))
    return FALSE;

  drop_downs = find_all (widget, is_drop_down, NULL);

  return drop_downs->len == 1;
}

/* A row of the questions table: its title, time label and rating. */
static void
row_parts (GtkWidget    *row,
           const char  **title,
           GtkLabel    **time,
           GtkDropDown **rating)
{
  *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  *time = GTK_LABEL (find_one (row, has_css_class, "viva-wrapup-time"));
  *rating = GTK_DROP_DOWN (find_one (row, is_drop_down, NULL));
}

/* The text view that a heading's mnemonic (Alt+T) leads to. */
static GtkTextView *
text_view_for (Fixture    *f,
               const char *heading)
{
  GtkWidget *label = find_one (GTK_WIDGET (f->page), is_label_reading, heading);
  GtkWidget *view = gtk_label_get_mnemonic_widget (GTK_LABEL (label));

  g_assert_true (GTK_IS_TEXT_VIEW (view));

  return GTK_TEXT_VIEW (view);
}

/* Waits until the window has drawn a frame with everything laid out. */
static void
wait_for_paint (Fixture *f)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_USEC;
  gboolean painted = FALSE;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (set_true), &painted);
  gtk_widget_queue_draw (GTK_WIDGET (f->window));
  while (!painted)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_signal_handler_disconnect (clock, handler);
}

static void
maybe_screenshot (Fixture    *f,
                  const char *name)
{
  wait_for_paint (f);
  viva_test_save_screenshot (GTK_WIDGET (f->window), name);
}

static char *
pdf_text (const char *path)
{
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  const char *argv[] = { program, path, "-", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (program == NULL)
    return NULL;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return g_steal_pointer (&out);
}

/* Tests */

static void
test_table (void)
{
  Fixture f = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  const char *title;
  GtkLabel *time;
  GtkDropDown *rating;

  fixture_open (&f, NULL);

  /* The header says who, and the time against the budget. */
  g_assert_nonnull (find_one (GTK_WIDGET (f.page), is_label_reading, "Ada Lovelace"));
  g_assert_nonnull (find_one (GTK_WIDGET (f.page), is_label_reading, "Total time 8:10 / 15:00"));

  rows = find_all (GTK_WIDGET (f.page), is_question_row, NULL);
  g_assert_cmpuint (rows->len, ==, 2);

  /* The first question ran over: its time shows in the error colour,
   * and says by how much to those who cannot see the colour. */
  row_parts (g_ptr_array_index (rows, 0), &title, &time, &rating);
  g_assert_cmpstr (title, ==, "What is the difference between a list and a tuple?");
  g_assert_cmpstr (gtk_label_get_text (time), ==, "6:10 / 5:00");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (time), "error"));
  gtk_test_accessible_assert_property (time, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "1:10 over budget");
  g_assert_cmpuint (gtk_drop_down_get_selected (rating), ==, VIVA_INTERVIEW_RATING_YES);
  gtk_test_accessible_assert_property (rating, GTK_ACCESSIBLE_PROPERTY_LABEL, "Rating of question 1");

  row_parts (g_ptr_array_index (rows, 1), &title, &time, &rating);
  g_assert_cmpstr (title, ==, "When would you reach for a generator?");
  g_assert_cmpstr (gtk_label_get_text (time), ==, "2:00 / 10:00");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (time), "error"));
  g_assert_cmpuint (gtk_drop_down_get_selected (rating), ==, VIVA_INTERVIEW_RATING_STRONG_YES);

  /* Picking another rating changes the interview... */
  gtk_drop_down_set_selected (rating, VIVA_INTERVIEW_RATING_NO);
  g_assert_cmpint (viva_interview_item_get_rating (viva_interview_get_item (f.interview, 1)), ==, VIVA_INTERVIEW_RATING_NO);

  /* ...and a rating changed elsewhere shows here. */
  g_assert_true (viva_interview_set_item_rating (f.interview, 1, VIVA_INTERVIEW_RATING_STRONG_NO));
  g_assert_cmpuint (gtk_drop_down_get_selected (rating), ==, VIVA_INTERVIEW_RATING_STRONG_NO);

  /* Another interview, whose plan is still open: a question added to
   * it gets its row. */
  {
    g_autoptr(VivaInterview) planned = viva_interview_new (f.clock);

    /* Without questions, a row says so. */
    viva_interview_wrapup_page_set_interview (f.page, planned);
    g_assert_nonnull (find_one (GTK_WIDGET (f.page), is_row_titled, "No questions were planned."));
    g_clear_pointer (&rows, g_ptr_array_unref);
    rows = find_all (GTK_WIDGET (f.page), is_question_row, NULL);
    g_assert_cmpuint (rows->len, ==, 0);

    g_assert_true (viva_interview_append (planned, 0, "Anything to ask us?", 0, NULL));
    g_clear_pointer (&rows, g_ptr_array_unref);
    rows = find_all (GTK_WIDGET (f.page), is_row_titled, "No questions were planned.");
    g_assert_cmpuint (rows->len, ==, 0);
    g_clear_pointer (&rows, g_ptr_array_unref);
    rows = find_all (GTK_WIDGET (f.page), is_question_row, NULL);
    g_assert_cmpuint (rows->len, ==, 1);

    g_assert_true (viva_interview_append (planned, 0, "Why this team?", MINUTES (3), NULL));
    g_clear_pointer (&rows, g_ptr_array_unref);
    rows = find_all (GTK_WIDGET (f.page), is_question_row, NULL);
    g_assert_cmpuint (rows->len, ==, 2);
    row_parts (g_ptr_array_index (rows, 1), &title, &time, &rating);
    g_assert_cmpstr (title, ==, "Why this team?");
    g_assert_cmpstr (gtk_label_get_text (time), ==, "0:00 / 3:00");
    g_assert_cmpuint (gtk_drop_down_get_selected (rating), ==, VIVA_INTERVIEW_RATING_NONE);

    /* One put first moves the others down a place, numbers and names. */
    g_assert_true (viva_interview_insert (planned, 0, 0, "Who are you?", 0, NULL));
    g_clear_pointer (&rows, g_ptr_array_unref);
    rows = find_all (GTK_WIDGET (f.page), is_question_row, NULL);
    g_assert_cmpuint (rows->len, ==, 3);
    row_parts (g_ptr_array_index (rows, 2), &title, &time, &rating);
    g_assert_cmpstr (title, ==, "Why this team?");
    gtk_test_accessible_assert_property (rating, GTK_ACCESSIBLE_PROPERTY_LABEL, "Rating of question 3");
    g_assert_nonnull (find_one (g_ptr_array_index (rows, 2), is_label_reading, "3"));

    viva_interview_wrapup_page_set_interview (f.page, NULL);
  }

  fixture_close (&f);
}

static void
test_verdict (void)
{
  Fixture f = { 0 };
  GtkWidget *strong_yes;
  GtkWidget *no;
  GtkTextView *takeaways;
  GtkTextView *summary;
  GtkTextBuffer *buffer;
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  guint changes = 0;
  gulong handler;

  fixture_open (&f, NULL);
  handler = g_signal_connect_swapped (f.interview, "changed", G_CALLBACK (count_change), &changes);

  /* No decision yet, and every verdict a button. */
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_one (GTK_WIDGET (f.page), is_toggle_labelled,
                                                                            "No Decision"))));

  strong_yes = find_one (GTK_WIDGET (f.page), is_toggle_labelled, "Strong Yes");
  press (&f, strong_yes);
  g_assert_cmpint (viva_interview_get_recommendation (f.interview), ==, VIVA_INTERVIEW_RATING_STRONG_YES);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (strong_yes)));
  g_assert_cmpuint (changes, >, 0);

  /* Set elsewhere, the buttons follow. */
  g_assert_true (viva_interview_set_recommendation (f.interview, VIVA_INTERVIEW_RATING_NO));
  no = find_one (GTK_WIDGET (f.page), is_toggle_labelled, "No");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (no)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (strong_yes)));
  press (&f, strong_yes);

  /* Typing the takeaways writes them into the interview as typed. */
  takeaways = text_view_for (&f, "Key _Takeaways");
  gtk_test_accessible_assert_property (takeaways, GTK_ACCESSIBLE_PROPERTY_LABEL, "Key takeaways");
  buffer = gtk_text_view_get_buffer (takeaways);
  gtk_widget_grab_focus (GTK_WIDGET (takeaways));
  gtk_text_buffer_insert_at_cursor (buffer, "Deep knowledge of the data model.", -1);
  g_assert_cmpstr (viva_interview_get_takeaways (f.interview), ==, "Deep knowledge of the data model.");
  gtk_text_buffer_insert_at_cursor (buffer, "\nAsks good questions.", -1);
  g_assert_cmpstr (viva_interview_get_takeaways (f.interview), ==,
                   "Deep knowledge of the data model.\nAsks good questions.");

  /* The summary shows what the interview holds. */
  summary = text_view_for (&f, "_Summary");
  g_assert_true (viva_interview_set_summary (f.interview, "Hire for the senior role."));
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (summary), &start, &end);
  text = gtk_text_buffer_get_text (gtk_text_view_get_buffer (summary), &start, &end, TRUE);
  g_assert_cmpstr (text, ==, "Hire for the senior role.");

  maybe_screenshot (&f, "wrapup-page.png");

  g_signal_handler_disconnect (f.interview, handler);
  fixture_close (&f);
}

static void
test_export (void)
{
  Fixture f = { 0 };
  g_autofree char *md_name = NULL;
  g_autofree char *pdf_name = NULL;
  g_autofree char *md_path = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *date = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GFile) md_file = NULL;
  g_autoptr(GFile) pdf_file = NULL;
  g_autoptr(GFile) nowhere = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = 0;

  fixture_open (&f, NULL);
  g_assert_true (viva_interview_set_recommendation (f.interview, VIVA_INTERVIEW_RATING_STRONG_YES));
  g_assert_true (viva_interview_set_takeaways (f.interview, "Deep knowledge of the data model."));

  /* The names the file chooser suggests. */
  date = viva_interview_format_date (f.interview, "%Y-%m-%d");
  md_name = viva_interview_wrapup_page_dup_file_name (f.page, FALSE);
  expected = g_strdup_printf ("Interview - Ada Lovelace - %s.md", date);
  g_assert_cmpstr (md_name, ==, expected);
  pdf_name = viva_interview_wrapup_page_dup_file_name (f.page, TRUE);
  g_assert_true (g_str_has_suffix (pdf_name, ".pdf"));

  md_path = g_build_filename (f.dir, md_name, NULL);
  md_file = g_file_new_for_path (md_path);
  g_assert_true (viva_interview_wrapup_page_export_to (f.page, md_file, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (md_path, &markdown, NULL, NULL));
  g_assert_nonnull (strstr (markdown, "Ada Lovelace"));
  g_assert_nonnull (strstr (markdown, "Deep knowledge of the data model."));
  g_assert_nonnull (strstr (markdown, "Strong Yes"));

  pdf_path = g_build_filename (f.dir, pdf_name, NULL);
  pdf_file = g_file_new_for_path (pdf_path);
  g_assert_true (viva_interview_wrapup_page_export_to (f.page, pdf_file, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf_path, &pdf, &size, NULL));
  g_assert_cmpuint (size, >, 1000);
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
  text = pdf_text (pdf_path);
  if (text != NULL)
    {
      g_assert_nonnull (strstr (text, "Ada Lovelace"));
      g_assert_nonnull (strstr (text, "Deep knowledge of the data model."));
    }

  /* A folder that is not there: an error, and the interview untouched. */
  nowhere = g_file_new_build_filename (f.dir, "missing", "report.pdf", NULL);
  g_assert_false (viva_interview_wrapup_page_export_to (f.page, nowhere, TRUE, &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (viva_interview_get_takeaways (f.interview), ==, "Deep knowledge of the data model.");

  /* Characters a file name cannot hold are left out. */
  g_assert_true (viva_interview_set_candidate (f.interview, "AC/DC\\Band"));
  g_clear_pointer (&md_name, g_free);
  md_name = viva_interview_wrapup_page_dup_file_name (f.page, FALSE);
  g_assert_null (strchr (md_name, '/'));
  g_assert_null (strchr (md_name, '\\'));
  g_assert_true (g_str_has_prefix (md_name, "Interview - AC DC Band - "));

  fixture_close (&f);
}

static void
test_read_only (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (SECONDS (1790000000));
  VivaInterview *interview = build_interview (clock);
  Fixture f = { 0 };
  GtkWidget *strong_yes;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  viva_interview_set_read_only (interview, TRUE);
  fixture_open (&f, interview);

  /* Nothing can be changed... */
  strong_yes = find_one (GTK_WIDGET (f.page), is_toggle_labelled, "Strong Yes");
  g_assert_false (gtk_widget_is_sensitive (strong_yes));
  g_assert_false (gtk_text_view_get_editable (text_view_for (&f, "Key _Takeaways")));
  g_assert_false (gtk_text_view_get_editable (text_view_for (&f, "_Summary")));
  rows = find_all (GTK_WIDGET (f.page), is_question_row, NULL);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_false (gtk_widget_is_sensitive (find_one (g_ptr_array_index (rows, 0), is_drop_down, NULL)));
  g_assert_true (gtk_widget_get_visible (find_one (GTK_WIDGET (f.page), is_label_reading,
                                                   "This interview is read-only: it can be read and exported, not changed.")));

  maybe_screenshot (&f, "wrapup-read-only.png");

  /* ...and everything can be exported. */
  g_assert_true (gtk_widget_is_sensitive (find_one (GTK_WIDGET (f.page), is_button_labelled, "Export P_DF…")));
  g_assert_true (gtk_widget_is_sensitive (find_one (GTK_WIDGET (f.page), is_button_labelled, "Export _Markdown…")));
  g_assert_true (gtk_widget_is_sensitive (find_one (GTK_WIDGET (f.page), is_button_labelled, "_Print…")));
  path = g_build_filename (f.dir, "report.md", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (viva_interview_wrapup_page_export_to (f.page, file, FALSE, &error));
  g_assert_no_error (error);

  /* Without an interview, there is nothing to export. */
  viva_interview_wrapup_page_set_interview (f.page, NULL);
  drain_main_loop ();
  g_assert_false (gtk_widget_is_sensitive (find_one (GTK_WIDGET (f.page), is_button_labelled, "Export P_DF…")));
  g_assert_false (viva_interview_wrapup_page_export_to (f.page, file, TRUE, &error));
  g_assert_nonnull (error);

  fixture_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  viva_test_init_ui (&argc, &argv);

  /* Links the resources in: nothing else here refers to them, and the
   * page's template is one. */
  g_assert_nonnull (viva_get_resource ());
  /* Screenshots show where transitions end, not halfway. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/interview-wrapup/table", test_table);
  g_test_add_func ("/interview-wrapup/verdict", test_verdict);
  g_test_add_func ("/interview-wrapup/export", test_export);
  g_test_add_func ("/interview-wrapup/read-only", test_read_only);

  return g_test_run ();
}
