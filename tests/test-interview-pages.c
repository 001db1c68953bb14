/* test-interview-pages.c
 *
 * The interviewer's list of interviews and the plan of one, driven as a
 * user would with real widgets under Xvfb: find an interview by a name
 * typed without accents, open one, delete one after confirming; type a
 * candidate, fill the plan with random questions, reorder and remove
 * with the keyboard, set budgets, save the plan as a template and start
 * another interview from it.
 *
 * Set VIVA_SCREENSHOT_DIR to get a PNG of each page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "viva-interview.h"
#include "viva-interview-list-page.h"
#include "viva-interview-store.h"
#include "viva-resources.h"

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

static void
wait_for (Condition condition,
          gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_USEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
  drain_main_loop ();
}

static GtkWindow *
show_in_window (GtkWidget *page)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_USEC;

  gtk_window_set_default_size (window, 820, 900);
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

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("VIVA_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_USEC;
  int width;
  int height;

  if (dir == NULL)
    return;

  /* A dialog just presented is mapped a few iterations later. */
  while (!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }

  /* Let the layout settle (list rows, labels wrapping). */
  for (guint i = 0; i < 20; i++)
    {
      g_usleep (10000);
      drain_main_loop ();
    }

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
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
is_button_with_action (GtkWidget     *widget,
                       gconstpointer  action)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
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
  ada_path = viva_interview_store_dup_path (store, ada);
  grace_path = viva_interview_store_dup_path (store, grace);

  /* Grace's is over, with a verdict. */
  g_assert_true (viva_interview_start (grace));
  g_assert_true (viva_interview_finish (grace));
  g_assert_true (viva_interview_set_recommendation (grace, VIVA_INTERVIEW_RATING_STRONG_YES));
  g_assert_true (viva_interview_start (alan));
  flush_store (store);

  page = g_object_new (VIVA_TYPE_INTERVIEW_LIST_PAGE, NULL);
  viva_interview_list_page_set_store (page, store, problems);
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
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "delete"), ==, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_response (dialog, "cancel");
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

  gtk_window_destroy (window);
  drain_main_loop ();
  flush_store (store);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("viva-test-interview-pages-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *cache = g_build_filename (home, "cache", NULL);
  g_autoptr(GtkCssProvider) provider = NULL;

  /* See test-window.c: isolate only the user's directories, so GTK keeps
   * its icon themes and MIME database. */
  g_assert_nonnull (home);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  /* The resources live in a static library, which links in only what is
   * referenced: the pages' templates are looked up by name. */
  g_assert_nonnull (viva_get_resource ());

  /* The app's style sheet, as VivaApplication loads it. */
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_test_add_func ("/interview-pages/list", test_list);

  return g_test_run ();
}
