/* test-window.c
 *
 * The study workspace driven as a user would, with real widgets under
 * Xvfb: the tree, opening a question, typing notes that survive a restart,
 * filtering, and what the window says about a damaged notes file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/resource.h>
#include <gtksourceview/gtksource.h>
#include <json-glib/json-glib.h>

#include "viva-bank.h"
#include "viva-level.h"
#include "viva-note.h"
#include "viva-context.h"
#include "viva-notes-store-private.h"
#include "viva-notes-store.h"
#include "viva-mock-view.h"
#include "viva-preferences-window.h"
#include "viva-progress.h"
#include "viva-session-store.h"
#include "viva-question.h"
#include "viva-question-view.h"
#include "viva-sidebar.h"
#include "viva-sidebar-private.h"
#include "viva-topic.h"
#include "viva-test-util.h"
#include "viva-window.h"

/* Waiting is bounded so that a hang fails instead of blocking CI; the
 * bound is generous and asserts nothing about speed. */
#define WAIT_LIMIT_USEC (20 * G_USEC_PER_SEC)

typedef gboolean (*Condition) (gpointer data);

static void
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_USEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
store_is_idle (gpointer data)
{
  VivaNotesStore *store = data;

  return !viva_notes_store_get_dirty (store) && !viva_notes_store_get_saving (store);
}

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
drain_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static char *
notes_path (void)
{
  return g_build_filename (g_get_user_data_dir (), APP_ID, "notes.json", NULL);
}

static VivaNotesStore *
load_store (void)
{
  g_autofree char *path = notes_path ();
  VivaNotesStore *store = viva_notes_store_new (path);

  /* Tests that want a damaged file check the result themselves. */
  viva_notes_store_load (store, NULL);
  viva_notes_store_set_autosave_delay (store, 50);

  return store;
}

static VivaWindow *
open_window_on_context (VivaContext *context)
{
  VivaWindow *window = viva_window_new (NULL, context);

  g_object_ref_sink (window);
  viva_window_restore_session (window);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (widget_is_mapped, window);
  /* Some start-up work waits for the first frame (issue 15). */
  viva_test_wait_painted (GTK_WIDGET (window));

  return window;
}

/* @sessions: (nullable): the mock interviews' history */
static VivaWindow *
open_window_with_sessions (VivaNotesStore   *store,
                           VivaSessionStore *sessions)
{
  g_autoptr(VivaContext) context = g_object_new (VIVA_TYPE_CONTEXT,
                                                 "notes-store", store,
                                                 "session-store", sessions,
                                                 NULL);

  return open_window_on_context (context);
}

static VivaWindow *
open_window (VivaNotesStore *store)
{
  return open_window_with_sessions (store, NULL);
}

static void
close_window (VivaWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
  drain_main_loop ();
  gtk_window_destroy (GTK_WINDOW (window));
  drain_main_loop ();
  g_object_unref (window);
}

static gboolean
has_css_class (GtkWidget  *widget,
               const char *css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

static gboolean
is_button_labelled (GtkWidget  *widget,
                    const char *label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static GtkWidget *
find_by_css_class (GtkWidget  *root,
                   const char *css_class)
{
  return viva_test_find_widget (root, has_css_class, css_class);
}

static const char *
shown_question_text (VivaWindow *window)
{
  GtkWidget *label = find_by_css_class (GTK_WIDGET (viva_window_get_question_view (window)),
                                        "viva-question-text");

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

static void
type_into_notes (VivaWindow *window,
                 const char *text)
{
  GtkTextView *view = viva_question_view_get_note_view (viva_window_get_question_view (window));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);

  g_assert_true (gtk_text_view_get_editable (view));
  gtk_text_buffer_insert_interactive_at_cursor (buffer, text, -1, TRUE);
}

static char *
notes_text (VivaWindow *window)
{
  GtkTextView *view = viva_question_view_get_note_view (viva_window_get_question_view (window));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

/* Selects a question the way a click on its row does: through the
 * sidebar's selection model, after revealing it in the tree. */
static void
click_question_in_sidebar (VivaWindow *window,
                           guint       number)
{
  VivaSidebar *sidebar = viva_window_get_sidebar (window);
  VivaQuestion *question = viva_bank_lookup_question (viva_window_get_bank (window), number);
  GtkTreeListModel *model = viva_sidebar_get_tree_model (sidebar);
  GtkWidget *list_view = find_by_css_class (GTK_WIDGET (sidebar), "navigation-sidebar");
  GtkSelectionModel *selection = gtk_list_view_get_model (GTK_LIST_VIEW (list_view));
  guint n;

  g_assert_nonnull (question);

  /* Expand the rows on the way, as a user clicking expanders would. */
  for (guint i = 0; i < (n = g_list_model_get_n_items (G_LIST_MODEL (model))); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (model, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (item == (GObject *) question)
        {
          gtk_selection_model_select_item (selection, i, TRUE);
          drain_main_loop ();
          return;
        }

      if ((item == (GObject *) viva_question_get_level (question) ||
           item == (GObject *) viva_question_get_topic (question)) &&
          !gtk_tree_list_row_get_expanded (row))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }

  g_assert_not_reached ();
}

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
}

static void
test_tree_shows_levels (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  VivaWindow *window;
  GtkTreeListModel *model;
  static const char * const names[] = { "Beginner", "Intermediate", "Hard", "Expert" };

  reset_data ();
  store = load_store ();
  window = open_window (store);
  model = viva_sidebar_get_tree_model (viva_window_get_sidebar (window));

  /* A first start shows the six levels, collapsed, and no question. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 6);
  g_assert_null (viva_window_get_question (window));

  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (model, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      g_assert_true (VIVA_IS_LEVEL (item));
      g_assert_cmpuint (viva_level_get_number (VIVA_LEVEL (item)), ==, i + 1);
      g_assert_true (gtk_tree_list_row_is_expandable (row));
      if (i < G_N_ELEMENTS (names))
        g_assert_cmpstr (viva_level_get_name (VIVA_LEVEL (item)), ==, names[i]);
    }

  /* Expanding Level 1 shows its eight topics; Level 5 shows questions,
   * with no invented topic in between. */
  {
    g_autoptr(GtkTreeListRow) level1 = gtk_tree_list_model_get_child_row (model, 0);
    g_autoptr(GtkTreeListRow) level5 = gtk_tree_list_model_get_child_row (model, 4);
    g_autoptr(GtkTreeListRow) first_topic = NULL;
    g_autoptr(GtkTreeListRow) first_q = NULL;
    g_autoptr(GObject) topic = NULL;
    g_autoptr(GObject) question = NULL;

    gtk_tree_list_row_set_expanded (level1, TRUE);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 6 + 8);
    first_topic = gtk_tree_list_row_get_child_row (level1, 0);
    topic = gtk_tree_list_row_get_item (first_topic);
    g_assert_true (VIVA_IS_TOPIC (topic));
    g_assert_cmpstr (viva_topic_get_name (VIVA_TOPIC (topic)), ==, "Core Concepts & Syntax");

    gtk_tree_list_row_set_expanded (level5, TRUE);
    first_q = gtk_tree_list_row_get_child_row (level5, 0);
    question = gtk_tree_list_row_get_item (first_q);
    g_assert_true (VIVA_IS_QUESTION (question));
    g_assert_cmpuint (viva_question_get_number (VIVA_QUESTION (question)), ==, 801);
  }

  close_window (window);
}

static void
test_select_question_shows_text (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  VivaWindow *window;
  VivaQuestionView *view;

  reset_data ();
  store = load_store ();
  window = open_window (store);
  view = viva_window_get_question_view (window);

  click_question_in_sidebar (window, 42);

  g_assert_nonnull (viva_window_get_question (window));
  g_assert_cmpuint (viva_question_get_number (viva_window_get_question (window)), ==, 42);
  g_assert_cmpstr (shown_question_text (window), ==,
                   "Given s = \"Programming\", what is the output of s[1:4]?");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Question 42");

  /* Notes are highlighted as Markdown (the language loads after the first
   * frame). */
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (viva_question_view_get_note_view (view));
    GtkSourceLanguage *language;

    drain_main_loop ();
    language = gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (buffer));
    g_assert_nonnull (language);
    g_assert_cmpstr (gtk_source_language_get_id (language), ==, "markdown");
  }

  /* The notes editor is labelled for screen readers. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (viva_question_view_get_note_view (view)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Notes");

  /* Alt+Right / Alt+Left move through the bank in order, across topics. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-question", NULL));
  g_assert_cmpuint (viva_question_get_number (viva_window_get_question (window)), ==, 43);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-question", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-question", NULL));
  g_assert_cmpuint (viva_question_get_number (viva_window_get_question (window)), ==, 41);

  close_window (window);
}

static void
test_note_survives_restart (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) store2 = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = notes_path ();
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char *typed = "Slicing is half-open: \"rog\". Ünïcödé ✓";
  VivaProgress *progress;
  VivaWindow *window;
  VivaQuestion *q42;
  JsonObject *note;

  reset_data ();
  store = load_store ();
  window = open_window (store);

  click_question_in_sidebar (window, 42);
  type_into_notes (window, typed);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-star", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.set-status", "s", "learning");

  /* The sidebar marks follow at once. */
  q42 = viva_window_get_question (window);
  progress = viva_progress_dup_for_bank (viva_window_get_bank (window), store);
  g_assert_true (viva_progress_get_has_note (progress, q42));
  g_assert_true (viva_progress_get_starred (progress, q42));
  g_assert_cmpuint (viva_progress_get_n_noted (progress, viva_question_get_level (q42)), ==, 1);
  g_assert_cmpuint (viva_progress_get_n_noted (progress, viva_question_get_topic (q42)), ==, 1);
  g_clear_object (&progress);

  /* Switching question saves without waiting for the autosave delay. */
  viva_notes_store_set_autosave_delay (store, 60 * 1000);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-question", NULL);
  wait_until (store_is_idle, store);
  g_assert_cmpstr (viva_question_view_get_save_status (viva_window_get_question_view (window)), ==, "Saved");

  /* What is on disk is what the user typed. */
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  note = json_object_get_object_member (
           json_object_get_object_member (
             json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "banks"),
             VIVA_BUNDLED_BANK_ID),
           "42");
  g_assert_nonnull (note);
  g_assert_cmpstr (json_object_get_string_member (note, "text"), ==, typed);
  g_assert_true (json_object_get_boolean_member (note, "starred"));
  g_assert_cmpstr (json_object_get_string_member (note, "status"), ==, "learning");

  close_window (window);
  g_clear_object (&store);

  /* A fresh store and window, as at the next start: the last question is
   * open again, and question 42 shows the note and its marks. */
  store2 = load_store ();
  window = open_window (store2);
  g_assert_nonnull (viva_window_get_question (window));
  g_assert_cmpuint (viva_question_get_number (viva_window_get_question (window)), ==, 43);

  q42 = viva_bank_lookup_question (viva_window_get_bank (window), 42);
  progress = viva_progress_dup_for_bank (viva_window_get_bank (window), store2);
  g_assert_true (viva_progress_get_has_note (progress, q42));
  g_assert_true (viva_progress_get_starred (progress, q42));
  g_assert_cmpuint (viva_progress_get_n_noted (progress, viva_question_get_level (q42)), ==, 1);
  g_clear_object (&progress);

  click_question_in_sidebar (window, 42);
  text = notes_text (window);
  g_assert_cmpstr (text, ==, typed);
  viva_test_save_screenshot (GTK_WIDGET (window), "study-question-note.png");

  close_window (window);
}

static void
test_close_flushes_notes (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reloaded = NULL;
  g_autofree char *path = notes_path ();
  VivaWindow *window;
  VivaNote *note;

  reset_data ();
  store = load_store ();
  viva_notes_store_set_autosave_delay (store, 60 * 1000);
  window = open_window (store);

  click_question_in_sidebar (window, 803);
  type_into_notes (window, "Token bucket: refill rate r, burst b.");

  /* Closing the window right after typing, well inside the autosave
   * delay, must not lose the note. */
  g_assert_true (viva_notes_store_get_dirty (store));
  close_window (window);
  g_assert_false (viva_notes_store_get_dirty (store));

  reloaded = viva_notes_store_new (path);
  g_assert_true (viva_notes_store_load (reloaded, NULL));
  note = viva_notes_store_lookup_note (reloaded, VIVA_BUNDLED_BANK_ID, 803);
  g_assert_nonnull (note);
  g_assert_cmpstr (viva_note_get_text (note), ==, "Token bucket: refill rate r, burst b.");
}

static guint
count_question_rows (VivaSidebar *sidebar,
                     const char  *word)
{
  g_autoptr(GPtrArray) items = _viva_sidebar_dup_shown_items (sidebar);
  guint count = 0;

  for (guint i = 0; i < items->len; i++)
    {
      GObject *item = g_ptr_array_index (items, i);

      if (VIVA_IS_QUESTION (item))
        {
          g_autofree char *lower = g_utf8_strdown (viva_question_get_text (VIVA_QUESTION (item)), -1);

          /* Every question the filter shows contains the word. */
          g_assert_nonnull (strstr (lower, word));
          count++;
        }
    }

  return count;
}

static void
test_filter (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  VivaWindow *window;
  VivaSidebar *sidebar;
  GtkTreeListModel *model;
  GListModel *questions;
  guint expected = 0;

  reset_data ();
  store = load_store ();
  window = open_window (store);
  sidebar = viva_window_get_sidebar (window);
  model = viva_sidebar_get_tree_model (sidebar);
  questions = viva_bank_get_questions (viva_window_get_bank (window));

  /* Count independently of the filter code what it should find. */
  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(VivaQuestion) q = g_list_model_get_item (questions, i);
      g_autofree char *lower = g_utf8_strdown (viva_question_get_text (q), -1);

      if (strstr (lower, "generator") != NULL)
        expected++;
    }
  g_assert_cmpuint (expected, >, 3);

  /* Ctrl+F reveals the filter field. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.filter", NULL));
  viva_sidebar_set_filter_text (sidebar, "GENERATOR");
  drain_main_loop ();
  g_assert_cmpuint (count_question_rows (sidebar, "generator"), ==, expected);

  /* Enter opens the first match. */
  g_assert_true (viva_sidebar_open_first_match (sidebar));
  g_assert_nonnull (viva_window_get_question (window));
  g_assert_nonnull (strstr (shown_question_text (window), "enerator"));

  /* A number finds that question. */
  viva_sidebar_set_filter_text (sidebar, "803");
  drain_main_loop ();
  {
    g_autoptr(GPtrArray) items = _viva_sidebar_dup_shown_items (sidebar);
    gboolean found = FALSE;

    for (guint i = 0; i < items->len; i++)
      {
        GObject *item = g_ptr_array_index (items, i);

        if (VIVA_IS_QUESTION (item) && viva_question_get_number (VIVA_QUESTION (item)) == 803)
          found = TRUE;
      }
    g_assert_true (found);
  }

  /* Nonsense shows nothing; clearing (Escape) brings back the tree. */
  viva_sidebar_set_filter_text (sidebar, "zzqqxx");
  drain_main_loop ();
  {
    g_autoptr(GPtrArray) items = _viva_sidebar_dup_shown_items (sidebar);

    g_assert_cmpuint (items->len, ==, 0);
  }

  viva_sidebar_set_filter_text (sidebar, "");
  drain_main_loop ();
  g_assert_cmpuint (gtk_tree_list_model_get_model (model) != NULL, ==, TRUE);
  {
    guint levels = 0;

    for (guint i = 0; ; i++)
      {
        g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row (model, i);

        if (row == NULL)
          break;
        levels++;
      }
    g_assert_cmpuint (levels, ==, 6);
  }

  close_window (window);
}

static void
test_damaged_notes_file (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), APP_ID, NULL);
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *moved_contents = NULL;
  const char *garbage = "{\"format\": \"viva-notes\", \"version\": 1, \"banks\": {\"x\": [";
  const char *message;
  VivaWindow *window;

  reset_data ();
  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));

  store = viva_notes_store_new (path);
  g_assert_false (viva_notes_store_load (store, &error));
  g_assert_nonnull (error);
  viva_notes_store_set_autosave_delay (store, 50);

  window = open_window (store);
  viva_window_report_notes_state (window, error);

  /* The window says what happened and where the old file is. */
  message = viva_window_get_banner_message (window);
  g_assert_nonnull (message);
  g_assert_nonnull (viva_notes_store_get_moved_aside_path (store));
  g_assert_nonnull (strstr (message, viva_notes_store_get_moved_aside_path (store)));
  viva_test_save_screenshot (GTK_WIDGET (window), "banner-notes-damaged.png");

  /* The old file is kept byte for byte... */
  g_assert_true (g_file_get_contents (viva_notes_store_get_moved_aside_path (store),
                                      &moved_contents, NULL, NULL));
  g_assert_cmpstr (moved_contents, ==, garbage);

  /* ...and what the user types now is saved. */
  click_question_in_sidebar (window, 1);
  type_into_notes (window, "int, float, str, bool");
  wait_until (store_is_idle, store);
  {
    g_autoptr(VivaNotesStore) reloaded = viva_notes_store_new (path);

    g_assert_true (viva_notes_store_load (reloaded, NULL));
    g_assert_cmpstr (viva_note_get_text (viva_notes_store_lookup_note (reloaded, VIVA_BUNDLED_BANK_ID, 1)),
                     ==, "int, float, str, bool");
  }

  close_window (window);
}

static void
test_future_notes_file_is_read_only (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), APP_ID, NULL);
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  const char *future =
    "{\n  \"format\": \"viva-notes\",\n  \"version\": 99,\n  \"banks\": {}\n}\n";
  VivaProgress *progress;
  VivaWindow *window;

  reset_data ();
  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (path, future, -1, NULL));

  store = viva_notes_store_new (path);
  g_assert_false (viva_notes_store_load (store, &error));
  window = open_window (store);
  viva_window_report_notes_state (window, error);
  g_assert_nonnull (viva_window_get_banner_message (window));
  viva_test_save_screenshot (GTK_WIDGET (window), "banner-notes-newer-version.png");

  click_question_in_sidebar (window, 5);
  g_assert_false (gtk_text_view_get_editable (viva_question_view_get_note_view (viva_window_get_question_view (window))));
  progress = viva_progress_dup_for_bank (viva_window_get_bank (window), store);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-star", NULL) &&
                  viva_progress_get_starred (progress, viva_window_get_question (window)));
  g_clear_object (&progress);

  close_window (window);

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, future);
}

static void
test_bad_bank_keeps_current (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  g_autofree char *bad = g_build_filename (g_get_user_data_dir (), "not-a-bank.md", NULL);
  g_autoptr(GFile) file = NULL;
  VivaBank *before;
  VivaWindow *window;
  GList *toplevels;
  gboolean saw_dialog = FALSE;

  reset_data ();
  g_assert_true (g_file_set_contents (bad, "# Shopping list\n\n- milk\n- eggs\n", -1, NULL));
  file = g_file_new_for_path (bad);

  store = load_store ();
  window = open_window (store);
  before = viva_window_get_bank (window);

  viva_window_open_file (window, file);

  /* Wait for the error dialog that names the file. */
  for (gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_USEC; !saw_dialog;)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);

      toplevels = gtk_window_list_toplevels ();
      for (GList *l = toplevels; l; l = l->next)
        {
          if (ADW_IS_MESSAGE_DIALOG (l->data))
            {
              const char *heading = adw_message_dialog_get_heading (l->data);

              g_assert_nonnull (strstr (heading, "not-a-bank.md"));
              saw_dialog = TRUE;
              viva_test_save_screenshot (l->data, "dialog-could-not-open-bank.png");
              gtk_window_destroy (l->data);
            }
        }
      g_list_free (toplevels);
    }

  g_assert_true (viva_window_get_bank (window) == before);
  close_window (window);
}

static gboolean
store_has_save_error (gpointer data)
{
  return viva_notes_store_get_save_error (data) != NULL && !viva_notes_store_get_saving (data);
}

static void
test_failed_write_is_shown_and_retried (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reloaded = NULL;
  g_autofree char *path = notes_path ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *shown = NULL;
  struct rlimit old_limit, small;
  const char *message;
  GtkWidget *retry;
  VivaWindow *window;

  reset_data ();
  store = load_store ();
  window = open_window (store);

  /* A first note reaches the disk. */
  click_question_in_sidebar (window, 10);
  type_into_notes (window, "str(10)");
  wait_until (store_is_idle, store);
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));

  /* Now the disk is "full": no file may grow past 1 KiB. */
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  small = old_limit;
  small.rlim_cur = 1024;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);

  typed = g_strnfill (4000, 'x');
  click_question_in_sidebar (window, 11);
  type_into_notes (window, typed);
  wait_until (store_has_save_error, store);

  /* The user is told, the text stays in the editor, the file on disk is
   * the last good one. */
  message = viva_window_get_banner_message (window);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "could not be saved"));
  shown = notes_text (window);
  g_assert_cmpstr (shown, ==, typed);
  g_assert_cmpstr (viva_question_view_get_save_status (viva_window_get_question_view (window)), ==, "Not saved yet");
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);

  /* Space comes back; Try Again saves, and the message goes away. */
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  retry = viva_test_find_widget (GTK_WIDGET (window), is_button_labelled, "_Try Again");
  g_assert_nonnull (retry);
  g_signal_emit_by_name (retry, "clicked");
  wait_until (store_is_idle, store);
  drain_main_loop ();
  g_assert_null (viva_notes_store_get_save_error (store));
  g_assert_null (viva_window_get_banner_message (window));

  reloaded = viva_notes_store_new (path);
  g_assert_true (viva_notes_store_load (reloaded, NULL));
  g_assert_cmpstr (viva_note_get_text (viva_notes_store_lookup_note (reloaded, VIVA_BUNDLED_BANK_ID, 11)), ==, typed);

  close_window (window);
}

/* "Notes Not Saved" offers to close without saving. Return, pressed by
 * habit, must keep the window and the notes: the focus starts on "Keep
 * Open", the default, even when the buttons are stacked (large text,
 * long translations), where libadwaita 1.2 used to put it on "Close
 * Without Saving". */
static void
test_notes_not_saved_return_keeps_notes (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reloaded = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), APP_ID, NULL);
  g_autofree char *aside = g_strconcat (dir, ".aside", NULL);
  g_autofree char *shown = NULL;
  g_autofree char *path = notes_path ();
  AdwMessageDialog *dialog;
  VivaWindow *window;

  reset_data ();
  store = load_store ();
  window = open_window (store);
  click_question_in_sidebar (window, 12);

  /* The notes folder turns into a file: nothing can be saved there. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (g_rename (dir, aside), ==, 0);
  g_assert_true (g_file_set_contents (dir, "", 0, NULL));

  type_into_notes (window, "Typed while the disk was away");
  wait_until (store_has_save_error, store);

  viva_test_set_large_text (TRUE);
  gtk_window_close (GTK_WINDOW (window));
  dialog = viva_test_wait_message_dialog ("Notes Not Saved");
  viva_test_save_screenshot (GTK_WIDGET (dialog), "notes-not-saved.png");
  viva_test_assert_return_is_safe (dialog, "cancel");
  drain_main_loop ();
  viva_test_set_large_text (FALSE);

  /* Still open, still holding the text. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  shown = notes_text (window);
  g_assert_cmpstr (shown, ==, "Typed while the disk was away");
  g_assert_true (viva_notes_store_get_dirty (store));

  /* The folder comes back; closing now saves. */
  g_assert_cmpint (g_unlink (dir), ==, 0);
  g_assert_cmpint (g_rename (aside, dir), ==, 0);
  close_window (window);

  reloaded = viva_notes_store_new (path);
  g_assert_true (viva_notes_store_load (reloaded, NULL));
  g_assert_cmpstr (viva_note_get_text (viva_notes_store_lookup_note (reloaded, VIVA_BUNDLED_BANK_ID, 12)),
                   ==, "Typed while the disk was away");
}

/* Another Viva on the same notes (a second login, a sync tool) saved a
 * note that is being typed here too. Both texts stay in the note, the
 * editor shows them, and the window names the question until told
 * otherwise. */
static void
test_note_changed_elsewhere_is_kept_and_told (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) other = NULL;
  g_autoptr(VivaNotesStore) reloaded = NULL;
  g_autofree char *path = notes_path ();
  g_autofree char *shown = NULL;
  const char *message;
  const char *saved;
  GtkWidget *show;
  GtkWidget *dismiss;
  VivaWindow *window;

  reset_data ();
  store = load_store ();
  window = open_window (store);
  click_question_in_sidebar (window, 3);

  other = viva_notes_store_new (path);
  viva_notes_store_load (other, NULL);
  viva_note_set_text (viva_notes_store_get_note (other, VIVA_BUNDLED_BANK_ID, 3), "Written in the other window");
  g_assert_true (viva_notes_store_flush (other, NULL));

  type_into_notes (window, "Typed here");
  wait_until (store_is_idle, store);
  drain_main_loop ();

  shown = notes_text (window);
  g_assert_nonnull (strstr (shown, "Typed here"));
  g_assert_nonnull (strstr (shown, "Written in the other window"));
  g_assert_true (strstr (shown, "Typed here") < strstr (shown, "Written in the other window"));
  g_assert_nonnull (strstr (shown, "This window’s version"));
  g_assert_nonnull (strstr (shown, "Another window’s version"));

  message = viva_window_get_banner_message (window);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "Question 3 was changed here and in another Viva window"));
  viva_test_save_screenshot (GTK_WIDGET (window), "note-changed-elsewhere.png");

  /* Typing goes on where it was, in this window's version. */
  type_into_notes (window, ", and more");
  g_free (shown);
  shown = notes_text (window);
  g_assert_nonnull (strstr (shown, "Typed here, and more\n"));
  wait_until (store_is_idle, store);

  /* Show Question brings it back from another question. */
  click_question_in_sidebar (window, 4);
  show = viva_test_find_widget (GTK_WIDGET (window), is_button_labelled, "_Show Question");
  g_assert_nonnull (show);
  g_signal_emit_by_name (show, "clicked");
  drain_main_loop ();
  g_assert_cmpuint (viva_question_get_number (viva_window_get_question (window)), ==, 3);

  /* Dismissed (the button after it), it is gone. */
  dismiss = gtk_widget_get_next_sibling (show);
  g_assert_true (GTK_IS_BUTTON (dismiss));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (dismiss), ==, "Dismiss");
  g_signal_emit_by_name (dismiss, "clicked");
  drain_main_loop ();
  g_assert_null (viva_window_get_banner_message (window));

  close_window (window);

  reloaded = viva_notes_store_new (path);
  g_assert_true (viva_notes_store_load (reloaded, NULL));
  saved = viva_note_get_text (viva_notes_store_lookup_note (reloaded, VIVA_BUNDLED_BANK_ID, 3));
  g_assert_nonnull (strstr (saved, "Typed here, and more"));
  g_assert_nonnull (strstr (saved, "Written in the other window"));
}

static void
test_restored_from_backup_is_told (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), APP_ID, NULL);
  g_autofree char *path = notes_path ();
  g_autofree char *bak = g_strconcat (path, ".bak", NULL);
  g_autoptr(VivaNotesStore) first = NULL;
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(GError) error = NULL;
  VivaProgress *progress;
  VivaWindow *window;

  reset_data ();

  /* Two saves leave a good notes.json.bak; then notes.json disappears
   * (a crash, a sync tool, a user tidying up). */
  first = load_store ();
  viva_note_set_text (viva_notes_store_get_note (first, VIVA_BUNDLED_BANK_ID, 7), "<class 'str'>");
  g_assert_true (viva_notes_store_flush (first, NULL));
  viva_note_set_starred (viva_notes_store_get_note (first, VIVA_BUNDLED_BANK_ID, 7), TRUE);
  g_assert_true (viva_notes_store_flush (first, NULL));
  g_assert_true (g_file_test (bak, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_unlink (path), ==, 0);

  store = viva_notes_store_new (path);
  viva_notes_store_load (store, &error);
  window = open_window (store);
  viva_window_report_notes_state (window, error);

  g_assert_nonnull (viva_window_get_banner_message (window));
  g_assert_nonnull (strstr (viva_window_get_banner_message (window), "backup"));
  progress = viva_progress_dup_for_bank (viva_window_get_bank (window), store);
  g_assert_true (viva_progress_get_has_note (progress, viva_bank_lookup_question (viva_window_get_bank (window), 7)));
  g_clear_object (&progress);

  close_window (window);
}

static void
test_note_size_is_capped (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  g_autofree char *big = g_strnfill (VIVA_NOTE_TEXT_MAX_SIZE - 10, 'a');
  VivaWindow *window;
  VivaNote *note;

  reset_data ();
  store = load_store ();
  window = open_window (store);

  click_question_in_sidebar (window, 2);
  type_into_notes (window, big);
  note = viva_question_view_get_note (viva_window_get_question_view (window));
  g_assert_cmpuint (strlen (viva_note_get_text (note)), ==, VIVA_NOTE_TEXT_MAX_SIZE - 10);

  /* Past the limit typing stops, instead of making a note that could
   * never be saved. */
  type_into_notes (window, "more than ten bytes");
  g_assert_cmpuint (strlen (viva_note_get_text (note)), ==, VIVA_NOTE_TEXT_MAX_SIZE - 10);
  type_into_notes (window, "0123456789");
  g_assert_cmpuint (strlen (viva_note_get_text (note)), ==, VIVA_NOTE_TEXT_MAX_SIZE);

  wait_until (store_is_idle, store);
  g_assert_null (viva_notes_store_get_save_error (store));

  close_window (window);
}

static void
test_window_state_is_restored (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  VivaWindow *window;
  int width, height;

  reset_data ();
  store = load_store ();
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "window-maximized");
  g_settings_set_int (settings, "sidebar-width", 401);

  /* The user resizes the window, then closes it. */
  window = open_window (store);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 610);
  drain_main_loop ();
  close_window (window);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 610);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* The next window opens at that size, with that sidebar width. */
  window = open_window (store);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 610);
  {
    GtkWidget *sidebar = GTK_WIDGET (viva_window_get_sidebar (window));
    int request;

    gtk_widget_get_size_request (gtk_widget_get_parent (sidebar), &request, NULL);
    g_assert_cmpint (request, ==, 401);
  }

  close_window (window);

  g_settings_reset (settings, "sidebar-width");
  g_settings_reset (settings, "window-maximized");
}

static GtkWidget *
sidebar_pane (VivaWindow *window)
{
  return gtk_widget_get_parent (GTK_WIDGET (viva_window_get_sidebar (window)));
}

static int
sidebar_request (VivaWindow *window)
{
  int request;

  gtk_widget_get_size_request (sidebar_pane (window), &request, NULL);
  return request;
}

static gboolean
sidebar_visible (VivaWindow *window)
{
  gboolean visible;

  g_object_get (window, "sidebar-visible", &visible, NULL);
  return visible;
}

typedef struct
{
  GtkWidget *widget;
  int        width;
} WidthWanted;

static gboolean
widget_has_width (gpointer data)
{
  WidthWanted *wanted = data;

  return gtk_widget_get_width (wanted->widget) == wanted->width;
}

/* Until the sidebar is drawn @width wide: what the user sees. */
static void
wait_for_sidebar_width (VivaWindow *window,
                        int         width)
{
  WidthWanted wanted = { sidebar_pane (window), width };

  wait_until (widget_has_width, &wanted);
}

/* Every shortcut controller under @widget with @trigger, but the
 * window's own. */
static void
collect_other_shortcuts (GtkWidget          *widget,
                         GtkWidget          *window,
                         GtkShortcutTrigger *trigger,
                         GString            *found)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; widget != window && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
            g_string_append_printf (found, " %s", G_OBJECT_TYPE_NAME (widget));
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_other_shortcuts (child, window, trigger, found);
}

typedef struct
{
  VivaWindow *window;
  int         width;
} RequestWas;

static gboolean
sidebar_request_changed (gpointer data)
{
  RequestWas *was = data;

  return sidebar_request (was->window) != was->width;
}

/* Presses @keys on the keyboard and waits for the sidebar's width to
 * change; returns the new one. */
static int
resize_sidebar_by_keys (VivaWindow *window,
                        const char *keys)
{
  RequestWas was = { window, sidebar_request (window) };

  viva_test_send_keys (GTK_WIDGET (window), keys);
  wait_until (sidebar_request_changed, &was);

  return sidebar_request (window);
}

/* The sidebar's width by keyboard: Shift+Alt+Right and Shift+Alt+Left
 * move its edge a step, from wherever the focus is, within its bounds;
 * the width is drawn, saved as a drag saves it, and the next window has
 * it. */
static void
test_sidebar_keyboard_resize (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *notes_before = NULL;
  g_autofree char *notes_after = NULL;
  GtkWidget *list_view;
  GtkWidget *focus;
  VivaWindow *window;
  int width;
  int wider;

  reset_data ();
  g_settings_reset (settings, "sidebar-width");
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-maximized");
  store = load_store ();
  window = open_window (store);
  click_question_in_sidebar (window, 42);

  /* No widget of the window takes these keys before the window does:
   * not the notes editor, the lists, the search field, nor the pages of
   * the other modes. */
  viva_window_get_mock_view (window);
  viva_window_get_review_view (window);
  viva_window_get_progress_view (window);
  drain_main_loop ();
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GtkShortcutTrigger) trigger = gtk_shortcut_trigger_parse_string (i == 0 ? "<Shift><Alt>Right" : "<Shift><Alt>Left");
      g_autoptr(GString) others = g_string_new (NULL);

      collect_other_shortcuts (GTK_WIDGET (window), GTK_WIDGET (window), trigger, others);
      g_assert_cmpstr (others->str, ==, "");
    }

  /* The sidebar is drawn as wide as the setting says. */
  width = sidebar_request (window);
  g_assert_cmpint (width, ==, g_settings_get_int (settings, "sidebar-width"));
  wait_for_sidebar_width (window, width);

  /* Real keys, while typing notes: wider, drawn so and saved; the
   * notes are as they were, and keep the focus. */
  type_into_notes (window, "Slicing");
  notes_before = notes_text (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-notes", NULL));
  drain_main_loop ();
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (GTK_IS_TEXT_VIEW (focus));
  wider = resize_sidebar_by_keys (window, "shift+alt+Right");
  g_assert_cmpint (wider, >, width);
  g_assert_cmpint (g_settings_get_int (settings, "sidebar-width"), ==, wider);
  wait_for_sidebar_width (window, wider);
  notes_after = notes_text (window);
  g_assert_cmpstr (notes_after, ==, notes_before);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == focus);

  /* From the sidebar's list: narrower, back where it was. */
  list_view = find_by_css_class (GTK_WIDGET (viva_window_get_sidebar (window)), "navigation-sidebar");
  g_assert_true (gtk_widget_grab_focus (list_view));
  g_assert_cmpint (resize_sidebar_by_keys (window, "shift+alt+Left"), ==, width);
  g_assert_cmpint (g_settings_get_int (settings, "sidebar-width"), ==, width);
  wait_for_sidebar_width (window, width);

  /* From the search field, which keeps what was typed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.filter", NULL));
  drain_main_loop ();
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (GTK_IS_EDITABLE (focus));
  gtk_editable_set_text (GTK_EDITABLE (focus), "slice");
  g_assert_cmpint (resize_sidebar_by_keys (window, "shift+alt+Left"), <, width);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (focus)), ==, "slice");
  width = sidebar_request (window);
  g_assert_cmpint (g_settings_get_int (settings, "sidebar-width"), ==, width);
  wait_for_sidebar_width (window, width);
  gtk_editable_set_text (GTK_EDITABLE (focus), "");

  /* Never narrower than its minimum, however often it is pressed. */
  for (guint i = 0; i < 20; i++)
    viva_test_press_shortcut (GTK_WIDGET (window), "<Shift><Alt>Left");
  g_assert_cmpint (sidebar_request (window), ==, 220);
  g_assert_cmpint (g_settings_get_int (settings, "sidebar-width"), ==, 220);
  wait_for_sidebar_width (window, 220);

  /* Hidden by F9, it shows again, wider; never wider than its maximum. */
  g_assert_true (viva_test_press_shortcut (GTK_WIDGET (window), "F9"));
  drain_main_loop ();
  g_assert_false (sidebar_visible (window));
  g_assert_true (viva_test_press_shortcut (GTK_WIDGET (window), "<Shift><Alt>Right"));
  g_assert_true (sidebar_visible (window));
  g_assert_cmpint (sidebar_request (window), >, 220);
  wait_for_sidebar_width (window, sidebar_request (window));
  for (guint i = 0; i < 20; i++)
    viva_test_press_shortcut (GTK_WIDGET (window), "<Shift><Alt>Right");
  g_assert_cmpint (sidebar_request (window), ==, 640);
  g_assert_cmpint (g_settings_get_int (settings, "sidebar-width"), ==, 640);
  wait_for_sidebar_width (window, 640);

  /* In a right-to-left language the sidebar is on the right: Left
   * moves its edge left, which widens it. */
  gtk_widget_set_direction (GTK_WIDGET (window), GTK_TEXT_DIR_RTL);
  g_assert_true (viva_test_press_shortcut (GTK_WIDGET (window), "<Shift><Alt>Right"));
  width = sidebar_request (window);
  g_assert_cmpint (width, <, 640);
  g_assert_true (viva_test_press_shortcut (GTK_WIDGET (window), "<Shift><Alt>Left"));
  g_assert_cmpint (sidebar_request (window), >, width);
  g_assert_true (viva_test_press_shortcut (GTK_WIDGET (window), "<Shift><Alt>Right"));
  width = sidebar_request (window);
  gtk_widget_set_direction (GTK_WIDGET (window), GTK_TEXT_DIR_LTR);

  close_window (window);

  /* The next window opens with it. */
  window = open_window (store);
  g_assert_cmpint (sidebar_request (window), ==, width);
  wait_for_sidebar_width (window, width);
  close_window (window);

  g_settings_reset (settings, "sidebar-width");
}

static void
test_preferences_budgets (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *prefs;
  GtkSpinButton *level3;

  g_settings_reset (settings, "mock-budget-level-3");
  prefs = viva_preferences_window_new (NULL);
  gtk_window_present (GTK_WINDOW (prefs));
  wait_until (widget_is_mapped, prefs);
  viva_test_save_screenshot (prefs, "preferences-window.png");

  /* The rows show the defaults the issue names: Hard is 5 minutes. */
  level3 = viva_preferences_window_get_budget_row (VIVA_PREFERENCES_WINDOW (prefs), 3);
  g_assert_cmpfloat (gtk_spin_button_get_value (level3), ==, 5);
  g_assert_cmpfloat (gtk_spin_button_get_value (viva_preferences_window_get_budget_row (VIVA_PREFERENCES_WINDOW (prefs), 6)), ==, 20);

  /* Editing a row changes the setting at once; Restore Defaults undoes it. */
  gtk_spin_button_set_value (level3, 9);
  g_assert_cmpuint (g_settings_get_uint (settings, "mock-budget-level-3"), ==, 9);
  g_signal_emit_by_name (viva_test_find_widget (prefs, is_button_labelled, "_Restore Default Times"), "clicked");
  drain_main_loop ();
  g_assert_cmpuint (g_settings_get_uint (settings, "mock-budget-level-3"), ==, 5);
  g_assert_cmpfloat (gtk_spin_button_get_value (level3), ==, 5);

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (level3), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Minutes per level 3 question");

  gtk_window_destroy (GTK_WINDOW (prefs));
  drain_main_loop ();
}

static gboolean
is_related_link (GtkWidget  *widget,
                 const char *prefix)
{
  GtkWidget *label;

  if (!GTK_IS_BUTTON (widget) || !gtk_widget_has_css_class (widget, "viva-related-link") ||
      !gtk_widget_get_visible (widget))
    return FALSE;

  label = gtk_button_get_child (GTK_BUTTON (widget));
  return GTK_IS_LABEL (label) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (label)), prefix);
}

static gboolean
is_label_with_text (GtkWidget  *widget,
                    const char *text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

typedef struct
{
  VivaWindow *window;
  const char *prefix;
} RelatedLink;

static GtkWidget *
find_related_link (VivaWindow *window,
                   const char *prefix)
{
  return viva_test_find_widget (GTK_WIDGET (viva_window_get_question_view (window)), is_related_link, prefix);
}

static gboolean
related_link_shown (gpointer data)
{
  RelatedLink *link = data;

  return find_related_link (link->window, link->prefix) != NULL;
}

static guint
count_related_links (VivaWindow *window)
{
  guint n = 0;
  GtkWidget *first = find_related_link (window, "#");

  for (GtkWidget *button = first; button != NULL; button = gtk_widget_get_next_sibling (button))
    {
      if (is_related_link (button, "#"))
        n++;
    }

  return n;
}

static gboolean
window_shows_question_151 (gpointer data)
{
  VivaQuestion *question = viva_window_get_question (data);

  return question != NULL && viva_question_get_number (question) == 151;
}

/* Question 402 (Hard) asks again what question 151 (Beginner) asked:
 * each links to the other under "See Also", and following the link
 * opens it. */
/* The question selected in the sidebar, or %NULL */
static VivaQuestion *
sidebar_selected_question (VivaWindow *window)
{
  GtkWidget *list_view = find_by_css_class (GTK_WIDGET (viva_window_get_sidebar (window)),
                                            "navigation-sidebar");
  GtkSelectionModel *selection = gtk_list_view_get_model (GTK_LIST_VIEW (list_view));
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (selection));
  g_autoptr(GObject) item = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;

  return VIVA_IS_QUESTION (item) ? VIVA_QUESTION (item) : NULL;
}

/* What the window's first frame showed */
typedef struct
{
  VivaWindow   *window;
  guint         painted;
  guint         question;
  char         *note;
  VivaQuestion *selected;
  guint         n_related;
  gboolean      related_indexed;
} FirstFrame;

static void
first_frame_paint_cb (GdkFrameClock *clock,
                      FirstFrame    *frame)
{
  VivaQuestion *question = viva_window_get_question (frame->window);

  g_signal_handlers_disconnect_by_func (clock, first_frame_paint_cb, frame);
  frame->painted++;
  frame->question = question != NULL ? viva_question_get_number (question) : 0;
  frame->note = notes_text (frame->window);
  frame->selected = sidebar_selected_question (frame->window);
  frame->n_related = count_related_links (frame->window);
  frame->related_indexed = viva_bank_has_related_index (viva_window_get_bank (frame->window));
}

static void
first_frame_realize_cb (GtkWidget  *widget,
                        FirstFrame *frame)
{
  g_signal_handlers_disconnect_by_func (widget, first_frame_realize_cb, frame);
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (first_frame_paint_cb), frame);
}

/* At start-up the reopened question and its note are in the window's
 * first frame; selecting its row in the sidebar (expanding its topic,
 * making the rows: issue 15, item 6) and indexing the bank for its
 * "See Also" links (item 7) wait for the next one, then the sidebar and
 * the links are as before. */
static void
test_first_frame_reopens_question (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaContext) context = NULL;
  const char *typed = "Half-open slices";
  FirstFrame frame = { 0 };
  RelatedLink link;
  VivaQuestion *q402;
  VivaWindow *window;

  reset_data ();
  store = load_store ();
  window = open_window (store);
  click_question_in_sidebar (window, 402);
  type_into_notes (window, typed);
  close_window (window);
  g_clear_object (&store);

  store = load_store ();
  context = g_object_new (VIVA_TYPE_CONTEXT, "notes-store", store, NULL);
  window = frame.window = viva_window_new (NULL, context);
  g_object_ref_sink (window);
  viva_window_restore_session (window);
  g_signal_connect (window, "realize", G_CALLBACK (first_frame_realize_cb), &frame);
  gtk_window_present (GTK_WINDOW (window));
  viva_test_wait_painted (GTK_WIDGET (window));

  q402 = viva_bank_lookup_question (viva_window_get_bank (window), 402);
  g_assert_cmpuint (frame.painted, ==, 1);
  g_assert_cmpuint (frame.question, ==, 402);
  g_assert_cmpstr (frame.note, ==, typed);
  g_assert_null (frame.selected);
  g_assert_false (frame.related_indexed);
  g_assert_cmpuint (frame.n_related, ==, 0);

  /* Once idle, the sidebar has it selected, and its links follow. */
  g_assert_true (viva_window_get_question (window) == q402);
  g_assert_true (sidebar_selected_question (window) == q402);
  link.window = window;
  link.prefix = "#151 · ";
  wait_until (related_link_shown, &link);
  g_assert_cmpuint (count_related_links (window), >, 0);

  g_free (frame.note);
  close_window (window);
}

static void
test_see_also (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  RelatedLink link;
  VivaWindow *window;
  GtkWidget *button;
  GtkWidget *heading;

  reset_data ();
  store = load_store ();
  window = open_window (store);

  click_question_in_sidebar (window, 402);
  g_assert_cmpuint (viva_question_get_number (viva_window_get_question (window)), ==, 402);

  /* The bank is indexed in a worker thread: the links follow the text. */
  link.window = window;
  link.prefix = "#151 · ";
  wait_until (related_link_shown, &link);

  button = find_related_link (window, "#151 · ");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button)))), ==,
                   "#151 · Level 1 · What is the difference between a shallow copy and a deep copy of a list?");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==,
                   "What is the difference between a shallow copy and a deep copy of a list?");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Question 151, Level 1: Beginner: "
                                       "What is the difference between a shallow copy and a deep copy of a list?");
  g_assert_true (gtk_widget_get_focusable (button) || gtk_widget_get_focus_on_click (button));
  g_assert_cmpuint (count_related_links (window), ==, 1);
  heading = viva_test_find_widget (GTK_WIDGET (viva_window_get_question_view (window)), is_label_with_text, "See Also");
  g_assert_nonnull (heading);
  g_assert_true (gtk_widget_is_visible (heading));

  /* Following the link (Enter on it: the button shows itself pressed
   * for a moment first) opens question 151, which links back. */
  g_assert_true (gtk_widget_activate (button));
  wait_until (window_shows_question_151, window);
  g_assert_cmpuint (viva_question_get_number (viva_window_get_question (window)), ==, 151);
  g_assert_cmpstr (shown_question_text (window), ==,
                   "What is the difference between a shallow copy and a deep copy of a list?");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Question 151");
  g_assert_nonnull (find_related_link (window, "#402 · Level 3 · "));
  g_assert_null (find_related_link (window, "#151 · "));

  /* A question the bank does not repeat has no "See Also" at all. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-question", "u", 42));
  drain_main_loop ();
  g_assert_cmpuint (viva_question_get_number (viva_window_get_question (window)), ==, 42);
  g_assert_cmpuint (count_related_links (window), ==, 0);
  g_assert_false (gtk_widget_is_visible (heading));

  /* A number the bank skips (161-200 are announced, not written) opens
   * nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-question", "u", 161));
  g_assert_cmpuint (viva_question_get_number (viva_window_get_question (window)), ==, 42);

  close_window (window);
}

static void
test_controls_have_accessible_names (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), APP_ID, "sessions", NULL);
  g_autoptr(VivaSessionStore) sessions = viva_session_store_new (dir);
  g_autoptr(GString) unnamed = g_string_new (NULL);
  RelatedLink link = { NULL, "#151 · " };
  VivaWindow *window;

  reset_data ();
  store = load_store ();
  viva_session_store_load (sessions, NULL);
  window = open_window_with_sessions (store, sessions);

  /* The study view with a question open, with its "See Also" links,
   * and every mock interview page. */
  click_question_in_sidebar (window, 402);
  link.window = window;
  wait_until (related_link_shown, &link);
  viva_test_collect_unnamed_controls (GTK_WIDGET (window), unnamed);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.mock-interview", NULL));
  drain_main_loop ();
  viva_test_collect_unnamed_controls (GTK_WIDGET (viva_window_get_mock_view (window)), unnamed);

  g_assert_cmpstr (unnamed->str, ==, "");

  g_assert_true (viva_session_store_flush (sessions, NULL));
  close_window (window);
}

static GtkWindow *
find_shortcuts_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_SHORTCUTS_WINDOW (window))
        {
          g_assert_null (found);
          found = window;
        }
    }

  return found;
}

/* GTK 4.8's AT-SPI root answers a screen reader that asks for a window
 * past the visible ones with the last toplevel, shown or not, and
 * crashes on a hidden one (see viva_window_show_help_overlay_action):
 * Viva keeps no hidden window. tests/test-real-app.py asks over the bus. */
static void
assert_no_hidden_toplevel (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (!gtk_widget_get_visible (GTK_WIDGET (window)))
        g_error ("a hidden %s (\"%s\") is kept among the toplevels",
                 G_OBJECT_TYPE_NAME (window), gtk_window_get_title (window));
    }
}

/* Ctrl+? (and the menu's Keyboard Shortcuts) shows the shortcuts, over
 * the window; it is built only then, not with every window, and closing
 * it destroys it. */
static void
test_shortcuts_window (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(GtkWindow) shortcuts = NULL;
  GLogLevelFlags fatal;
  VivaWindow *window;

  reset_data ();
  store = load_store ();
  window = open_window (store);
  g_assert_null (find_shortcuts_window ());

  /* GTK 4.8 measures the labels of a GtkShortcutsSection's page switcher
   * ("1", "2"…) below zero and warns, for any shortcuts window of more
   * than one page; it clamps the size and draws well. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  g_assert_true (viva_test_press_shortcut (GTK_WIDGET (window), "<Control>question"));
  drain_main_loop ();
  shortcuts = g_object_ref (find_shortcuts_window ());
  g_assert_nonnull (shortcuts);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  g_assert_true (gtk_window_get_modal (shortcuts));
  g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (window));
  viva_test_save_screenshot (GTK_WIDGET (shortcuts), "shortcuts-window.png");

  /* Asked again while open, the same window comes forward. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  drain_main_loop ();
  g_assert_true (find_shortcuts_window () == shortcuts);

  /* Closed, it is gone, not hidden; the menu builds it again. */
  gtk_window_close (shortcuts);
  drain_main_loop ();
  g_assert_null (find_shortcuts_window ());
  assert_no_hidden_toplevel ();
  g_assert_finalize_object (g_steal_pointer (&shortcuts));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  drain_main_loop ();
  shortcuts = g_object_ref (find_shortcuts_window ());
  g_assert_nonnull (shortcuts);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));

  /* It goes with the window. */
  close_window (window);
  g_assert_null (find_shortcuts_window ());
  assert_no_hidden_toplevel ();
  g_assert_finalize_object (g_steal_pointer (&shortcuts));
  g_log_set_always_fatal (fatal);
}

/* The main menu's popover is built on first use: F10 and a click must
 * still open it, with its items, every time. */
static gboolean
is_primary_menu_button (GtkWidget  *widget,
                        const char *what)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget));
}

/* A menu item, by its label without the mnemonic's underscore. */
static gboolean
is_model_button_labelled (GtkWidget  *widget,
                          const char *label)
{
  g_autofree char *text = NULL;

  if (g_strcmp0 (G_OBJECT_TYPE_NAME (widget), "GtkModelButton") != 0)
    return FALSE;

  g_object_get (widget, "text", &text, NULL);
  return g_strcmp0 (text, label) == 0;
}

static void
test_main_menu (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  GtkMenuButton *button;
  GtkPopover *popover;
  VivaWindow *window;

  reset_data ();
  store = load_store ();
  window = open_window (store);

  button = GTK_MENU_BUTTON (viva_test_find_widget (GTK_WIDGET (window), is_primary_menu_button, NULL));
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));

  g_assert_true (viva_test_press_shortcut (GTK_WIDGET (window), "F10"));
  drain_main_loop ();
  popover = gtk_menu_button_get_popover (button);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_nonnull (viva_test_find_widget (GTK_WIDGET (popover), is_model_button_labelled, "Preferences"));
  g_assert_nonnull (viva_test_find_widget (GTK_WIDGET (popover), is_model_button_labelled, "Open Question Bank…"));
  gtk_menu_button_popdown (button);
  drain_main_loop ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));

  /* Opened again, it is the same menu. */
  gtk_menu_button_popup (button);
  drain_main_loop ();
  g_assert_true (gtk_menu_button_get_popover (button) == popover);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  gtk_menu_button_popdown (button);

  close_window (window);
}

/* $VIVA_TEST_HOLD_DIR: its "notes" file lets the notes' worker return
 * (viva-test-hold.c); there unless a test holds the worker. */
static char *hold_dir;

static void
hold_notes_worker (void)
{
  g_autofree char *hold = g_build_filename (hold_dir, "notes", NULL);

  g_unlink (hold);
}

static void
release_notes_worker (void)
{
  g_autofree char *hold = g_build_filename (hold_dir, "notes", NULL);

  g_assert_true (g_file_set_contents (hold, "", 0, NULL));
}

/* Its "bank" file lets every bank's worker return at once: the tests
 * here hold only the notes' (viva_bank_load_file_async() waits too, for
 * a bank opened as for the one restored). */
static char *
release_bank_worker (void)
{
  char *hold = g_build_filename (hold_dir, "bank", NULL);

  g_assert_true (g_file_set_contents (hold, "", 0, NULL));

  return hold;
}

static gboolean
is_button_with_tooltip (GtkWidget  *widget,
                        const char *tooltip)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static gboolean
is_status_page_titled (GtkWidget  *widget,
                       const char *title)
{
  return ADW_IS_STATUS_PAGE (widget) &&
         g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), title) == 0;
}

static gboolean
review_button_is_loading (gpointer data)
{
  return viva_test_find_widget (GTK_WIDGET (viva_window_get_review_button (data)), is_label_with_text, "Loading notes…") != NULL;
}

static gboolean
review_button_counted (gpointer data)
{
  return viva_test_find_widget (GTK_WIDGET (viva_window_get_review_button (data)), is_label_with_text, "Nothing due today") != NULL;
}

static gboolean
widget_is_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

static gboolean
context_notes_loaded (gpointer data)
{
  return viva_context_get_notes_loaded (data);
}

/* The notes are read in a worker while the windows show (issue 15): the
 * note editor takes what is typed meanwhile, Review and Progress say
 * they wait for the notes and open when they arrive, the Review count
 * waits for them rather than say zero, and what the load had to say
 * (here: restored from the backup) is said in every window then. */
static void
test_notes_load_in_worker (void)
{
  g_autofree char *path = notes_path ();
  g_autofree char *bak = g_strconcat (path, ".bak", NULL);
  g_autoptr(VivaNotesStore) first = NULL;
  g_autoptr(VivaContext) context = NULL;
  g_autoptr(VivaProgress) progress = NULL;
  g_autoptr(GString) unnamed = g_string_new (NULL);
  g_autofree char *text = NULL;
  VivaWindow *studying;
  VivaWindow *reviewing;
  VivaNotesStore *store;
  GtkWidget *loading;
  VivaProgressCounts counts;
  VivaBank *bank;

  reset_data ();

  /* Two saves leave a good notes.json.bak; then notes.json goes. */
  first = load_store ();
  viva_note_set_text (viva_notes_store_get_note (first, VIVA_BUNDLED_BANK_ID, 1), "from the backup");
  viva_note_set_text (viva_notes_store_get_note (first, VIVA_BUNDLED_BANK_ID, 7), "seven");
  viva_note_set_status (viva_notes_store_get_note (first, VIVA_BUNDLED_BANK_ID, 7), VIVA_STATUS_CONFIDENT);
  g_assert_true (viva_notes_store_flush (first, NULL));
  viva_note_set_starred (viva_notes_store_get_note (first, VIVA_BUNDLED_BANK_ID, 7), TRUE);
  g_assert_true (viva_notes_store_flush (first, NULL));
  g_clear_object (&first);
  g_assert_true (g_file_test (bak, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_unlink (path), ==, 0);

  hold_notes_worker ();
  context = viva_context_new_default ();
  store = viva_context_get_notes_store (context);
  viva_notes_store_set_autosave_delay (store, 50);
  studying = open_window_on_context (context);
  reviewing = open_window_on_context (context);
  bank = viva_window_get_bank (studying);
  progress = viva_progress_dup_for_bank (bank, store);
  g_assert_false (viva_context_get_notes_loaded (context));

  /* Nothing to say yet, and no count to give. */
  g_assert_null (viva_window_get_banner_message (studying));
  g_assert_null (viva_window_get_banner_message (reviewing));
  wait_until (review_button_is_loading, studying);

  /* Typing goes on. */
  click_question_in_sidebar (studying, 1);
  type_into_notes (studying, "typed while loading");

  /* Review waits for the notes, and says so. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (reviewing), "win.review", NULL));
  loading = viva_test_find_widget (GTK_WIDGET (reviewing), is_status_page_titled, "Loading Notes…");
  g_assert_nonnull (loading);
  wait_until (widget_is_mapped, loading);
  viva_test_save_screenshot (GTK_WIDGET (reviewing), "notes-loading-review.png");
  viva_test_collect_unnamed_controls (GTK_WIDGET (reviewing), unnamed);
  g_assert_cmpstr (unnamed->str, ==, "");
  g_assert_false (viva_progress_get_has_note (progress, viva_bank_lookup_question (bank, 7)));
  viva_progress_get_counts (progress, &counts);
  g_assert_cmpuint (counts.n_confident, ==, 0);

  release_notes_worker ();
  wait_until (context_notes_loaded, context);
  drain_main_loop ();

  /* Said in both windows: first that question 1 keeps both texts, then,
   * once that is dismissed, how the notes were loaded. */
  for (guint i = 0; i < 2; i++)
    {
      VivaWindow *window = i == 0 ? studying : reviewing;
      GtkWidget *dismiss = viva_test_find_widget (GTK_WIDGET (window), is_button_with_tooltip, "Dismiss");

      g_assert_nonnull (viva_window_get_banner_message (window));
      g_assert_nonnull (strstr (viva_window_get_banner_message (window), "Question 1 already had notes when they finished loading"));
      g_assert_nonnull (dismiss);
      g_signal_emit_by_name (dismiss, "clicked");
      g_assert_nonnull (viva_window_get_banner_message (window));
      g_assert_nonnull (strstr (viva_window_get_banner_message (window), "backup"));
    }

  /* Review opened; the counts are the notes'. */
  wait_until (widget_is_mapped, viva_window_get_review_view (reviewing));
  /* Once the stack's crossfade is over. */
  wait_until (widget_is_unmapped, loading);
  wait_until (review_button_counted, studying);
  g_assert_true (viva_progress_get_has_note (progress, viva_bank_lookup_question (bank, 7)));
  viva_progress_get_counts (progress, &counts);
  g_assert_cmpuint (counts.n_confident, ==, 1);
  g_assert_cmpuint (viva_progress_get_n_noted (progress, viva_question_get_level (viva_bank_lookup_question (bank, 7))), >=, 1);

  /* Both texts of question 1 are kept: what was typed, and the file's. */
  text = notes_text (studying);
  g_assert_nonnull (strstr (text, "typed while loading"));
  g_assert_nonnull (strstr (text, "from the backup"));
  wait_until (store_is_idle, store);
  {
    g_autoptr(VivaNotesStore) reloaded = viva_notes_store_new (path);
    const char *saved;

    g_assert_true (viva_notes_store_load (reloaded, NULL));
    saved = viva_note_get_text (viva_notes_store_lookup_note (reloaded, VIVA_BUNDLED_BANK_ID, 1));
    g_assert_nonnull (strstr (saved, "typed while loading"));
    g_assert_nonnull (strstr (saved, "from the backup"));
    g_assert_cmpstr (viva_note_get_text (viva_notes_store_lookup_note (reloaded, VIVA_BUNDLED_BANK_ID, 7)), ==, "seven");
  }

  close_window (reviewing);
  close_window (studying);
  g_assert_true (viva_notes_store_flush (store, NULL));
}

/* Progress asked for while the notes load waits for them, then opens. */
static void
test_progress_waits_for_notes (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) first = NULL;
  g_autoptr(VivaContext) context = NULL;
  VivaWindow *window;
  GtkWidget *loading;

  reset_data ();
  first = load_store ();
  viva_note_set_text (viva_notes_store_get_note (first, VIVA_BUNDLED_BANK_ID, 3), "three");
  g_assert_true (viva_notes_store_flush (first, NULL));
  g_clear_object (&first);

  hold_notes_worker ();
  context = viva_context_new_default ();
  window = open_window_on_context (context);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.progress", NULL));
  loading = viva_test_find_widget (GTK_WIDGET (window), is_status_page_titled, "Loading Notes…");
  g_assert_nonnull (loading);
  wait_until (widget_is_mapped, loading);

  /* Escape goes back to studying, and the page does not come later. */
  g_assert_true (viva_test_press_shortcut (loading, "Escape"));
  wait_until (widget_is_unmapped, loading);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.progress", NULL));
  wait_until (widget_is_mapped, loading);

  release_notes_worker ();
  wait_until (context_notes_loaded, context);
  wait_until (widget_is_mapped, viva_window_get_progress_view (window));
  wait_until (widget_is_unmapped, loading);

  close_window (window);
  g_assert_true (viva_notes_store_flush (viva_context_get_notes_store (context), NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *bank_hold = NULL;
  int ret;

  /* Before the first load: the worker reads it once. */
  hold_dir = g_dir_make_tmp ("viva-test-hold-XXXXXX", NULL);
  g_assert_nonnull (hold_dir);
  g_setenv ("VIVA_TEST_HOLD_DIR", hold_dir, TRUE);
  release_notes_worker ();
  bank_hold = release_bank_worker ();

  viva_test_init_ui (&argc, &argv);

  g_test_add_func ("/window/tree-shows-levels", test_tree_shows_levels);
  g_test_add_func ("/window/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/window/main-menu", test_main_menu);
  g_test_add_func ("/window/sidebar-keyboard-resize", test_sidebar_keyboard_resize);
  g_test_add_func ("/window/select-question-shows-text", test_select_question_shows_text);
  g_test_add_func ("/window/note-survives-restart", test_note_survives_restart);
  g_test_add_func ("/window/first-frame-reopens-question", test_first_frame_reopens_question);
  g_test_add_func ("/window/close-flushes-notes", test_close_flushes_notes);
  g_test_add_func ("/window/filter", test_filter);
  g_test_add_func ("/window/damaged-notes-file", test_damaged_notes_file);
  g_test_add_func ("/window/future-notes-file-is-read-only", test_future_notes_file_is_read_only);
  g_test_add_func ("/window/bad-bank-keeps-current", test_bad_bank_keeps_current);
  g_test_add_func ("/window/failed-write-is-shown-and-retried", test_failed_write_is_shown_and_retried);
  g_test_add_func ("/window/notes-not-saved/return-keeps-notes", test_notes_not_saved_return_keeps_notes);
  g_test_add_func ("/window/note-changed-elsewhere/kept-and-told", test_note_changed_elsewhere_is_kept_and_told);
  g_test_add_func ("/window/restored-from-backup-is-told", test_restored_from_backup_is_told);
  g_test_add_func ("/window/note-size-is-capped", test_note_size_is_capped);
  g_test_add_func ("/window/window-state-is-restored", test_window_state_is_restored);
  g_test_add_func ("/window/preferences-budgets", test_preferences_budgets);
  g_test_add_func ("/window/controls-have-accessible-names", test_controls_have_accessible_names);
  g_test_add_func ("/window/see-also", test_see_also);
  g_test_add_func ("/window/notes-load-in-worker", test_notes_load_in_worker);
  g_test_add_func ("/window/progress-waits-for-notes", test_progress_waits_for_notes);

  ret = g_test_run ();

  hold_notes_worker ();
  g_unlink (bank_hold);
  g_rmdir (hold_dir);

  return ret;
}
