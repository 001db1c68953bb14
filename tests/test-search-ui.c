/* test-search-ui.c
 *
 * Searching the study workspace as a student does, with real widgets
 * under Xvfb: Ctrl+F, a word written only in a note finds its question,
 * the row quotes the note with the word highlighted, Enter opens it with
 * the word highlighted in the question and in the note editor; the
 * Starred filter narrows the search; a number goes to its question;
 * Escape brings the whole tree back. "-m perf" types into the sidebar of
 * a 100,000-question bank and prints what each keystroke costs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <time.h>
#include <gtksourceview/gtksource.h>

#include "viva-bank.h"
#include "viva-level.h"
#include "viva-note.h"
#include "viva-context.h"
#include "viva-notes-store-private.h"
#include "viva-notes-store.h"
#include "viva-query.h"
#include "viva-question.h"
#include "viva-question-view.h"
#include "viva-search.h"
#include "viva-sidebar.h"
#include "viva-sidebar-private.h"
#include "viva-sidebar-row.h"
#include "viva-bench-data.h"
#include "viva-test-util.h"
#include "viva-topic.h"
#include "viva-window.h"

/* The bundled bank's "What is a decorator in Python? Write a simple
 * logging decorator." */
#define DECORATOR_QUESTION 420
#define NOTE_TEXT "Wrap, call, return.\nLike a Kaléidoscope: closures all the way down."

typedef gboolean (*Condition) (gpointer data);

static void
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + VIVA_TEST_WAIT_LIMIT_USEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
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

static VivaNotesStore *
load_store (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), APP_ID, "notes.json", NULL);
  VivaNotesStore *store = viva_notes_store_new (path);

  g_assert_true (viva_notes_store_load (store, NULL));
  viva_notes_store_set_autosave_delay (store, 50);

  return store;
}

static VivaWindow *
open_window (VivaNotesStore *store)
{
  g_autoptr(VivaContext) context = g_object_new (VIVA_TYPE_CONTEXT, "notes-store", store, NULL);
  VivaWindow *window = viva_window_new (NULL, context);

  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  viva_window_restore_session (window);
  gtk_window_present (GTK_WINDOW (window));
  viva_test_wait_mapped (GTK_WIDGET (window));
  viva_test_drain_main_loop ();

  return window;
}

static void
close_window (VivaWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
  viva_test_drain_main_loop ();
  gtk_window_destroy (GTK_WINDOW (window));
  viva_test_drain_main_loop ();
  g_object_unref (window);
}

/* Until the window has drawn a frame after a change. */
static gboolean
frame_drawn_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  *(gboolean *) data = TRUE;

  return G_SOURCE_REMOVE;
}

static void wait_drawn (GtkWidget *widget);

/* The list view lays its rows out in the next frame; the rows off
 * screen are refreshed after it (viva-sidebar.c,
 * _viva_sidebar_refresh_rows()), and their frame drawn. */
static void
settle (VivaWindow *window)
{
  VivaSidebar *sidebar = viva_window_get_sidebar (window);

  wait_drawn (GTK_WIDGET (window));
  while (_viva_sidebar_has_stale_rows (sidebar))
    g_main_context_iteration (NULL, TRUE);
  wait_drawn (GTK_WIDGET (window));
}

static GtkWidget *
find_widget_of_type (GtkWidget *root,
                     GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_of_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_by_css_class (GtkWidget  *root,
                   const char *css_class)
{
  if (gtk_widget_has_css_class (root, css_class))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_css_class (child, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The list view the user sees: the tree's, or the search result's
 * (the other is hidden, not drawn). */
static GtkWidget *
find_mapped_list_view (GtkWidget *root)
{
  if (GTK_IS_LIST_VIEW (root))
    return gtk_widget_get_mapped (root) ? root : NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapped_list_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
shown_list_view (VivaSidebar *sidebar)
{
  GtkWidget *list_view = find_mapped_list_view (GTK_WIDGET (sidebar));

  g_assert_nonnull (list_view);
  return list_view;
}

/* The row the sidebar shows for @item, or NULL when none is on screen. */
static VivaSidebarRow *
find_row (GtkWidget *root,
          gpointer   item)
{
  if (VIVA_IS_SIDEBAR_ROW (root) && viva_sidebar_row_get_item (VIVA_SIDEBAR_ROW (root)) == item &&
      gtk_widget_get_mapped (root))
    return VIVA_SIDEBAR_ROW (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      VivaSidebarRow *found = find_row (child, item);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A label under @root, or a sidebar row's title (which draws its text
 * itself), whose markup holds @text highlighted. */
static gboolean
has_highlighted_label (GtkWidget  *root,
                       const char *text)
{
  g_autofree char *highlighted = g_strconcat (VIVA_SEARCH_HIGHLIGHT_OPEN, text, VIVA_SEARCH_HIGHLIGHT_CLOSE, NULL);

  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root) &&
      gtk_label_get_use_markup (GTK_LABEL (root)) &&
      strstr (gtk_label_get_label (GTK_LABEL (root)), highlighted) != NULL)
    return TRUE;

  if (VIVA_IS_SIDEBAR_ROW (root) && gtk_widget_get_visible (root) &&
      viva_sidebar_row_get_title_markup (VIVA_SIDEBAR_ROW (root)) != NULL &&
      strstr (viva_sidebar_row_get_title_markup (VIVA_SIDEBAR_ROW (root)), highlighted) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (has_highlighted_label (child, text))
        return TRUE;
    }

  return FALSE;
}

/* The questions the tree shows, by number: "420 421". */
static char *
shown_questions (VivaSidebar *sidebar)
{
  g_autoptr(GPtrArray) items = _viva_sidebar_dup_shown_items (sidebar);
  GString *numbers = g_string_new ("");

  for (guint i = 0; i < items->len; i++)
    {
      GObject *item = g_ptr_array_index (items, i);

      if (VIVA_IS_QUESTION (item))
        g_string_append_printf (numbers, "%s%u", numbers->len > 0 ? " " : "",
                                viva_question_get_number (VIVA_QUESTION (item)));
    }

  return g_string_free (numbers, FALSE);
}

/* How many rows the list view has to show. */
static guint
shown_n_items (VivaSidebar *sidebar)
{
  GtkWidget *list_view = shown_list_view (sidebar);

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view))));
}

#define assert_shown(sidebar, expected) \
  G_STMT_START { \
    g_autofree char *shown__ = shown_questions (sidebar); \
    g_assert_cmpstr (shown__, ==, (expected)); \
  } G_STMT_END

static GtkSearchEntry *
search_entry (VivaWindow *window)
{
  GtkWidget *entry = find_widget_of_type (GTK_WIDGET (viva_window_get_sidebar (window)), GTK_TYPE_SEARCH_ENTRY);

  g_assert_nonnull (entry);
  return GTK_SEARCH_ENTRY (entry);
}

/* What the user types, then Enter: the entry applies it at once. */
static void
type_and_enter (VivaWindow *window,
                const char *text)
{
  GtkSearchEntry *entry = search_entry (window);

  gtk_widget_grab_focus (GTK_WIDGET (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
  settle (window);
}

/* The note editor's match tag covers exactly @word, found in the note's
 * text by character offset. */
static void
assert_note_highlight (VivaWindow *window,
                       const char *word)
{
  GtkTextView *view = viva_question_view_get_note_view (viva_window_get_question_view (window));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                               VIVA_QUESTION_VIEW_MATCH_TAG);
  g_autofree char *text = NULL;
  GtkTextIter start, end, iter;
  const char *at;
  glong offset;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  at = strstr (text, word);
  g_assert_nonnull (at);
  offset = g_utf8_pointer_to_offset (text, at);

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  g_assert_true (gtk_text_iter_starts_tag (&iter, tag));
  g_assert_true (gtk_text_iter_forward_to_tag_toggle (&iter, tag));
  g_assert_cmpint (gtk_text_iter_get_offset (&iter), ==, offset + g_utf8_strlen (word, -1));

  /* Nothing else is tagged. */
  gtk_text_buffer_get_start_iter (buffer, &iter);
  g_assert_true (gtk_text_iter_forward_to_tag_toggle (&iter, tag));
  g_assert_cmpint (gtk_text_iter_get_offset (&iter), ==, offset);
}

static gboolean
note_is_tagged (VivaWindow *window)
{
  GtkTextView *view = viva_question_view_get_note_view (viva_window_get_question_view (window));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                               VIVA_QUESTION_VIEW_MATCH_TAG);
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (buffer, &iter);

  return gtk_text_iter_has_tag (&iter, tag) || gtk_text_iter_forward_to_tag_toggle (&iter, tag);
}

static gboolean
shows_questions (gpointer data)
{
  gpointer *args = data;
  g_autofree char *shown = shown_questions (args[0]);

  return g_strcmp0 (shown, args[1]) == 0;
}

static void
test_search_notes_and_filter (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(GString) unnamed = g_string_new ("");
  VivaWindow *window;
  VivaSidebar *sidebar;
  VivaBank *bank;
  VivaQuestion *question;
  VivaSidebarRow *row;
  GtkWidget *filter_button;
  GtkWidget *filters_label;

  reset_data ();
  store = load_store ();
  viva_note_set_text (viva_notes_store_get_note (store, VIVA_BUNDLED_BANK_ID, DECORATOR_QUESTION), NOTE_TEXT);
  window = open_window (store);
  sidebar = viva_window_get_sidebar (window);
  bank = viva_window_get_bank (window);
  question = viva_bank_lookup_question (bank, DECORATOR_QUESTION);

  /* Ctrl+F, then a word that is only in the note, typed in another
   * case and without its accent. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.filter", NULL));
  viva_test_drain_main_loop ();
  g_assert_null (strstr (viva_question_get_text (question), "aleidoscope"));
  gtk_editable_set_text (GTK_EDITABLE (search_entry (window)), "KALEIDO");
  g_signal_emit_by_name (search_entry (window), "search-changed");
  settle (window);
  assert_shown (sidebar, "420");

  /* The row says the note matched, and quotes it with the word lit. */
  row = find_row (GTK_WIDGET (sidebar), question);
  g_assert_nonnull (row);
  g_assert_true (viva_sidebar_row_get_shows_note_match (row));
  g_assert_true (has_highlighted_label (GTK_WIDGET (row), "Kaléido"));
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Question 420: What is a decorator in Python? Write a simple logging decorator."
                                       ", has notes, found in your notes: Like a Kaléidoscope: closures all the way down.");

  /* Its level and topic say how many of their questions match. */
  row = find_row (GTK_WIDGET (sidebar), viva_question_get_topic (question));
  g_assert_nonnull (row);
  g_assert_cmpstr (viva_sidebar_row_get_count_text (row), ==, "1");

  /* A word of the question and one of the note: both lit, and Enter
   * opens it. */
  gtk_widget_grab_focus (GTK_WIDGET (search_entry (window)));
  type_and_enter (window, "decorator kaléidoscope");
  assert_shown (sidebar, "420");
  g_assert_true (viva_window_get_question (window) == question);
  row = find_row (GTK_WIDGET (sidebar), question);
  g_assert_true (has_highlighted_label (GTK_WIDGET (row), "decorator"));
  g_assert_true (has_highlighted_label (GTK_WIDGET (row), "Kaléidoscope"));
  g_assert_true (has_highlighted_label (GTK_WIDGET (viva_window_get_question_view (window)), "decorator"));
  assert_note_highlight (window, "Kaléidoscope");
  viva_test_save_screenshot (GTK_WIDGET (window), "search-open-question.png");
  if (g_getenv ("VIVA_SCREENSHOT_DIR") != NULL)
    {
      /* The highlight keeps its colours in the dark style. */
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
      viva_test_save_screenshot (GTK_WIDGET (window), "search-open-question-dark.png");
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
    }

  /* Typing in the note keeps the highlight where the word is. */
  {
    GtkTextView *view = viva_question_view_get_note_view (viva_window_get_question_view (window));
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
    GtkTextIter start;

    gtk_text_buffer_get_start_iter (buffer, &start);
    gtk_text_buffer_insert (buffer, &start, "Új: ", -1);
    viva_test_drain_main_loop ();
    assert_note_highlight (window, "Kaléidoscope");
  }

  /* Combined with Starred: only starred decorator questions. */
  type_and_enter (window, "decorator");
  g_assert_cmpstr (viva_sidebar_get_filter_text (sidebar), ==, "decorator");
  viva_note_set_starred (viva_notes_store_get_note (store, VIVA_BUNDLED_BANK_ID, 421), TRUE);
  viva_note_set_starred (viva_notes_store_get_note (store, VIVA_BUNDLED_BANK_ID, 440), TRUE);
  viva_note_set_starred (viva_notes_store_get_note (store, VIVA_BUNDLED_BANK_ID, 1), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sidebar), "sidebar.filter-starred", NULL));
  viva_test_drain_main_loop ();
  assert_shown (sidebar, "421 440");

  /* The filter is in sight: the button lit, the filters named. */
  filter_button = find_widget_of_type (GTK_WIDGET (sidebar), GTK_TYPE_MENU_BUTTON);
  g_assert_true (gtk_widget_has_css_class (filter_button, "viva-filters-active"));
  filters_label = find_by_css_class (GTK_WIDGET (sidebar), "viva-active-filters");
  g_assert_true (gtk_widget_is_visible (filters_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (filters_label)), ==, "Filters: Starred");

  /* Starring another one shows it a moment later. */
  viva_note_set_starred (viva_notes_store_get_note (store, VIVA_BUNDLED_BANK_ID, DECORATOR_QUESTION), TRUE);
  {
    gpointer args[] = { sidebar, (gpointer) "420 421 440" };

    wait_until (shows_questions, args);
  }

  /* And a status on top: Learning only. */
  viva_note_set_status (viva_notes_store_get_note (store, VIVA_BUNDLED_BANK_ID, 440), VIVA_STATUS_LEARNING);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sidebar), "sidebar.filter-learning", NULL));
  viva_test_drain_main_loop ();
  assert_shown (sidebar, "440");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sidebar), "sidebar.filter-learning", NULL));
  viva_test_drain_main_loop ();

  /* Nothing starred about decorators at Beginner: the empty page says
   * the filters may be why. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sidebar), "sidebar.filter-level", "u", 1));
  viva_test_drain_main_loop ();
  assert_shown (sidebar, "");
  {
    AdwStatusPage *empty = ADW_STATUS_PAGE (find_widget_of_type (GTK_WIDGET (sidebar), ADW_TYPE_STATUS_PAGE));

    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (empty)));
    g_assert_cmpstr (adw_status_page_get_description (empty), ==, "Try other words, or clear the filters");
  }
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (filters_label)), ==, "Filters: Starred · Level 1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sidebar), "sidebar.filter-level", "u", 0));
  viva_test_drain_main_loop ();
  assert_shown (sidebar, "420 421 440");
  viva_test_save_screenshot (GTK_WIDGET (window), "search-starred-filter.png");

  /* The menu, as the keyboard reaches it: its items are the filters. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (filter_button));
  viva_test_drain_main_loop ();
  {
    GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (filter_button));

    g_assert_nonnull (popover);
    viva_test_wait_mapped (GTK_WIDGET (popover));
    viva_test_save_screenshot (GTK_WIDGET (popover), "search-filter-menu.png");
  }
  gtk_menu_button_popdown (GTK_MENU_BUTTON (filter_button));
  viva_test_drain_main_loop ();

  viva_test_collect_unnamed_controls (GTK_WIDGET (sidebar), unnamed);
  g_assert_cmpstr (unnamed->str, ==, "");

  /* Clear Filters keeps the words. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sidebar), "sidebar.clear-filters", NULL));
  viva_test_drain_main_loop ();
  g_assert_false (gtk_widget_has_css_class (filter_button, "viva-filters-active"));
  g_assert_false (gtk_widget_is_visible (filters_label));
  {
    g_autofree char *shown = shown_questions (sidebar);

    g_assert_nonnull (strstr (shown, "420 421 422 423"));
  }

  /* Escape: everything back, nothing highlighted. */
  g_signal_emit_by_name (search_entry (window), "stop-search");
  viva_test_drain_main_loop ();
  g_assert_cmpstr (viva_sidebar_get_filter_text (sidebar), ==, "");
  g_assert_null (viva_sidebar_get_query (sidebar));
  g_assert_false (note_is_tagged (window));
  g_assert_false (has_highlighted_label (GTK_WIDGET (viva_window_get_question_view (window)), "decorator"));
  g_assert_false (gtk_widget_get_visible (filters_label) && gtk_widget_get_mapped (filters_label));
  {
    GtkTreeListModel *model = viva_sidebar_get_tree_model (sidebar);
    guint levels = 0;

    for (;; levels++)
      {
        g_autoptr(GtkTreeListRow) top = gtk_tree_list_model_get_child_row (model, levels);

        if (top == NULL)
          break;
      }
    g_assert_cmpuint (levels, ==, 6);
  }

  viva_notes_store_flush (store, NULL);
  close_window (window);
}

/* Level and topic rows count the matching questions, not their totals. */
static void
test_counts_while_searching (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  VivaWindow *window;
  VivaSidebar *sidebar;
  GListModel *levels;
  g_autoptr(GHashTable) expected = g_hash_table_new (NULL, NULL);
  GListModel *questions;

  reset_data ();
  store = load_store ();
  window = open_window (store);
  sidebar = viva_window_get_sidebar (window);
  levels = viva_bank_get_levels (viva_window_get_bank (window));
  questions = viva_bank_get_questions (viva_window_get_bank (window));

  /* Counted independently of the search. */
  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(VivaQuestion) q = g_list_model_get_item (questions, i);
      g_autofree char *lower = g_utf8_strdown (viva_question_get_text (q), -1);
      gpointer level = viva_question_get_level (q);

      if (strstr (lower, "list") != NULL)
        g_hash_table_insert (expected, level, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (expected, level)) + 1));
    }

  viva_sidebar_set_filter_text (sidebar, "LIST");
  viva_test_drain_main_loop ();

  /* Fold them, as Enter on each does, so that every level's row is on
   * screen: from the last, so that the positions before stay. */
  {
    g_autoptr(GPtrArray) items = _viva_sidebar_dup_shown_items (sidebar);
    GtkWidget *list_view = shown_list_view (sidebar);

    for (guint i = items->len; i-- > 0;)
      {
        if (VIVA_IS_LEVEL (g_ptr_array_index (items, i)))
          g_assert_true (gtk_widget_activate_action (list_view, "list.activate-item", "u", i));
      }
  }
  settle (window);

  for (guint i = 0; i < g_list_model_get_n_items (levels); i++)
    {
      g_autoptr(VivaLevel) level = g_list_model_get_item (levels, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (expected, level));
      VivaSidebarRow *row = find_row (GTK_WIDGET (sidebar), level);
      g_autofree char *count = g_strdup_printf ("%u", n);

      if (n == 0)
        {
          g_assert_null (row);
          continue;
        }

      g_assert_nonnull (row);
      g_assert_cmpstr (viva_sidebar_row_get_count_text (row), ==, count);
      g_assert_cmpuint (n, <, viva_level_get_n_questions (level));
    }

  /* Without a search, totals again: "notes / questions". */
  viva_sidebar_set_filter_text (sidebar, "");
  settle (window);
  {
    g_autoptr(VivaLevel) level = g_list_model_get_item (levels, 0);
    VivaSidebarRow *row = find_row (GTK_WIDGET (sidebar), level);
    g_autofree char *count = g_strdup_printf ("0 / %u", viva_level_get_n_questions (level));

    g_assert_nonnull (row);
    g_assert_cmpstr (viva_sidebar_row_get_count_text (row), ==, count);
  }

  close_window (window);
}

/* What the sidebar should show while searching for @word (found in the
 * question's text, no notes written): every level and topic with a
 * match, each followed by its matching questions, in the tree's order.
 * Walked from the bank's tree, independently of the search code. */
static GPtrArray *
expected_results (VivaBank   *bank,
                  const char *word)
{
  GPtrArray *expected = g_ptr_array_new ();
  GListModel *levels = viva_bank_get_levels (bank);

  for (guint i = 0; i < g_list_model_get_n_items (levels); i++)
    {
      g_autoptr(VivaLevel) level = g_list_model_get_item (levels, i);
      GListModel *children = viva_level_get_children (level);
      guint level_at = expected->len;

      for (guint j = 0; j < g_list_model_get_n_items (children); j++)
        {
          g_autoptr(GObject) child = g_list_model_get_item (children, j);
          GListModel *questions = VIVA_IS_TOPIC (child) ? viva_topic_get_questions (VIVA_TOPIC (child)) : NULL;
          guint topic_at = expected->len;

          if (questions == NULL)
            {
              g_autofree char *lower = g_utf8_strdown (viva_question_get_text (VIVA_QUESTION (child)), -1);

              if (strstr (lower, word) != NULL)
                g_ptr_array_add (expected, child);
              continue;
            }

          for (guint k = 0; k < g_list_model_get_n_items (questions); k++)
            {
              g_autoptr(VivaQuestion) question = g_list_model_get_item (questions, k);
              g_autofree char *lower = g_utf8_strdown (viva_question_get_text (question), -1);

              if (strstr (lower, word) == NULL)
                continue;
              if (expected->len == topic_at)
                g_ptr_array_add (expected, child);
              g_ptr_array_add (expected, question);
            }
        }

      if (expected->len > level_at)
        g_ptr_array_insert (expected, level_at, level);
    }

  return expected;
}

/* The item at @i in what the sidebar shows; the bank keeps it. */
static gpointer
shown_item (VivaSidebar *sidebar,
            guint        i)
{
  g_autoptr(GPtrArray) items = _viva_sidebar_dup_shown_items (sidebar);

  g_assert_cmpuint (i, <, items->len);
  return g_ptr_array_index (items, i);
}

static void
assert_shows_results (VivaWindow *window,
                      const char *word)
{
  g_autoptr(GPtrArray) expected = expected_results (viva_window_get_bank (window), word);
  g_autoptr(GPtrArray) shown = _viva_sidebar_dup_shown_items (viva_window_get_sidebar (window));

  g_assert_cmpuint (expected->len, >, 3);
  g_assert_cmpuint (shown->len, ==, expected->len);
  for (guint i = 0; i < shown->len; i++)
    g_assert_true (g_ptr_array_index (shown, i) == g_ptr_array_index (expected, i));
}

static gboolean
query_is (gpointer data)
{
  gpointer *args = data;
  VivaQuery *query = viva_sidebar_get_query (args[0]);

  return query != NULL && g_strcmp0 (viva_query_get_text (query), args[1]) == 0;
}

/* Presses each of @keys, separated by spaces, in turn. */
static void
press (VivaWindow *window,
       const char *keys)
{
  g_auto(GStrv) each = g_strsplit (keys, " ", -1);

  for (guint i = 0; each[i] != NULL; i++)
    viva_test_send_keys (GTK_WIDGET (window), each[i]);
}

/* Types @keys into the focused search field and waits until the sidebar
 * has searched for @text. */
static void
type_keys (VivaWindow *window,
           const char *keys,
           const char *text)
{
  gpointer args[] = { viva_window_get_sidebar (window), (gpointer) text };

  press (window, keys);
  wait_until (query_is, args);
  settle (window);
}

static gboolean
entry_has_focus (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (data));

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (search_entry (data)));
}

static gpointer
focused_item (GtkWidget *list_view)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (list_view));
  GtkWidget *row;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, list_view))
    return NULL;

  row = find_widget_of_type (focus, VIVA_TYPE_SIDEBAR_ROW);
  return row != NULL ? viva_sidebar_row_get_item (VIVA_SIDEBAR_ROW (row)) : NULL;
}

static gboolean
focus_is_in_list (gpointer data)
{
  return focused_item (data) != NULL;
}

/* The level, topic or question selected in the list, whichever model
 * it shows. */
static gpointer
selected_item (GtkWidget *list_view)
{
  GtkSelectionModel *selection = gtk_list_view_get_model (GTK_LIST_VIEW (list_view));
  gpointer selected = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (selection));
  g_autoptr(GObject) item = NULL;

  if (VIVA_IS_SIDEBAR_SLOT (selected))
    return viva_sidebar_slot_get_item (selected);
  if (!GTK_IS_TREE_LIST_ROW (selected))
    return selected;

  /* The bank keeps the item. */
  item = gtk_tree_list_row_get_item (selected);
  return item;
}

static gboolean
tree_is_shown (gpointer data)
{
  VivaSidebar *sidebar = data;
  GtkWidget *list_view = shown_list_view (sidebar);
  GtkSelectionModel *model = gtk_list_view_get_model (GTK_LIST_VIEW (list_view));

  return gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model)) ==
         G_LIST_MODEL (viva_sidebar_get_tree_model (sidebar));
}

static gboolean
row_expanded (VivaSidebar *sidebar,
              gpointer     item)
{
  GtkTreeListModel *model = viva_sidebar_get_tree_model (sidebar);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (model, i);
      g_autoptr(GObject) row_item = gtk_tree_list_row_get_item (row);

      if (row_item == item)
        return gtk_tree_list_row_get_expanded (row);
    }

  return FALSE;
}

/* The search's result as the keyboard meets it: typed letter by letter,
 * levels and topics over their questions, narrowing and widening as
 * letters come and go, rows kept on screen while they still show, the
 * open question selected; from the field into the result and Enter on
 * a question opens it; Escape brings the tree back as the user left it,
 * with what they had opened. */
static void
test_results_from_the_keyboard (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  VivaWindow *window;
  VivaSidebar *sidebar;
  VivaBank *bank;
  GtkWidget *list_view;
  g_autoptr(GPtrArray) expected = NULL;
  VivaQuestion *open;
  VivaLevel *other_level;
  VivaSidebarRow *row;
  gpointer first_topic;

  reset_data ();
  store = load_store ();
  window = open_window (store);
  sidebar = viva_window_get_sidebar (window);
  bank = viva_window_get_bank (window);
  list_view = shown_list_view (sidebar);

  /* Before searching: question 420 open (its level and topic open), and
   * another level opened by hand. */
  open = viva_bank_lookup_question (bank, DECORATOR_QUESTION);
  viva_window_show_question (window, open);
  other_level = g_list_model_get_item (viva_bank_get_levels (bank), 0);
  g_object_unref (other_level);
  g_assert_true (viva_question_get_level (open) != other_level);
  {
    g_autoptr(GtkTreeListRow) top = gtk_tree_list_model_get_child_row (viva_sidebar_get_tree_model (sidebar), 0);

    gtk_tree_list_row_set_expanded (top, TRUE);
  }
  settle (window);
  g_assert_true (row_expanded (sidebar, other_level));
  g_assert_true (row_expanded (sidebar, viva_question_get_topic (open)));

  /* Ctrl+F (its action: the note editor may hold the focus) and the
   * letters, one by one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.filter", NULL));
  wait_until (entry_has_focus, window);
  /* Keys reach the field once the search bar has shown it. */
  viva_test_wait_mapped (GTK_WIDGET (search_entry (window)));
  settle (window);
  type_keys (window, "d e c o r a t o", "decorato");
  type_keys (window, "r", "decorator");
  assert_shows_results (window, "decorator");

  /* The open question is the selected row of the result, which has a
   * list view of its own. */
  g_assert_true (shown_list_view (sidebar) != list_view);
  list_view = shown_list_view (sidebar);
  g_assert_true (selected_item (list_view) == (gpointer) open);

  /* The first topic's row says how many of its questions match, and a
   * screen reader hears it as a topic, one level down. */
  expected = expected_results (bank, "decorator");
  first_topic = g_ptr_array_index (expected, 1);
  g_assert_true (VIVA_IS_TOPIC (first_topic));
  row = find_row (GTK_WIDGET (sidebar), first_topic);
  g_assert_nonnull (row);
  {
    guint n = 0;
    g_autofree char *count = NULL;

    for (guint i = 2; i < expected->len && VIVA_IS_QUESTION (g_ptr_array_index (expected, i)); i++)
      n++;
    count = g_strdup_printf ("%u", n);
    g_assert_cmpstr (viva_sidebar_row_get_count_text (row), ==, count);
    gtk_test_accessible_assert_property (gtk_widget_get_parent (GTK_WIDGET (row)),
                                         GTK_ACCESSIBLE_PROPERTY_LEVEL, 2);
    gtk_test_accessible_assert_state (gtk_widget_get_parent (GTK_WIDGET (row)),
                                      GTK_ACCESSIBLE_STATE_EXPANDED, TRUE);
  }

  /* A letter less widens the result, a letter more narrows it again:
   * the rows that stay on screen stay the same rows. */
  g_clear_pointer (&expected, g_ptr_array_unref);
  type_keys (window, "BackSpace BackSpace BackSpace BackSpace BackSpace", "deco");
  assert_shows_results (window, "deco");
  type_keys (window, "r", "decor");
  assert_shows_results (window, "decor");
  {
    gpointer first_level = shown_item (sidebar, 0);
    VivaSidebarRow *level_row = find_row (GTK_WIDGET (sidebar), first_level);

    g_assert_nonnull (level_row);
    g_object_add_weak_pointer (G_OBJECT (level_row), (gpointer *) &level_row);
    type_keys (window, "a", "decora");
    assert_shows_results (window, "decora");
    g_assert_nonnull (level_row);
    g_assert_true (find_row (GTK_WIDGET (sidebar), first_level) == level_row);
    g_object_remove_weak_pointer (G_OBJECT (level_row), (gpointer *) &level_row);
  }
  type_keys (window, "t o r", "decorator");
  assert_shows_results (window, "decorator");
  viva_test_save_screenshot (GTK_WIDGET (window), "search-results.png");

  /* From the field into the result, down to the first question, Enter. */
  press (window, "Tab Tab");
  wait_until (focus_is_in_list, list_view);
  g_assert_true (VIVA_IS_LEVEL (focused_item (list_view)));
  press (window, "Down Down");
  settle (window);
  g_assert_true (focused_item (list_view) == shown_item (sidebar, 2));
  g_assert_true (VIVA_IS_QUESTION (focused_item (list_view)));
  viva_test_send_keys (GTK_WIDGET (window), "Return");
  settle (window);
  g_assert_true ((gpointer) viva_window_get_question (window) == focused_item (list_view));
  open = viva_window_get_question (window);

  /* Enter on a level folds it, and again unfolds it. */
  press (window, "Up Up Return");
  settle (window);
  g_assert_true (VIVA_IS_LEVEL (focused_item (list_view)));
  {
    g_autoptr(GPtrArray) folded = _viva_sidebar_dup_shown_items (sidebar);
    g_autoptr(GPtrArray) all = expected_results (bank, "decorator");

    g_assert_cmpuint (folded->len, <, all->len);
    g_assert_true (VIVA_IS_LEVEL (g_ptr_array_index (folded, 1)));
  }
  viva_test_send_keys (GTK_WIDGET (window), "Return");
  settle (window);
  assert_shows_results (window, "decorator");

  /* Escape, from the field: the tree as it was, the question opened
   * from the result open and selected in it. */
  viva_sidebar_begin_filter (sidebar);
  viva_test_send_keys (GTK_WIDGET (window), "Escape");
  wait_until (tree_is_shown, sidebar);
  settle (window);
  g_assert_null (viva_sidebar_get_query (sidebar));
  g_assert_true (row_expanded (sidebar, other_level));
  g_assert_true (row_expanded (sidebar, viva_question_get_level (open)));
  g_assert_true (row_expanded (sidebar, viva_question_get_topic (open)));
  list_view = shown_list_view (sidebar);
  g_assert_true (selected_item (list_view) == (gpointer) open);

  close_window (window);
}

/* "Go to question N": a number and Enter open that question, even when
 * a question before it in the tree mentions the number. */
static void
test_go_to_number (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  VivaWindow *window;
  GListModel *questions;
  g_autofree char *typed = NULL;
  guint target = 0;

  reset_data ();
  store = load_store ();
  window = open_window (store);
  questions = viva_bank_get_questions (viva_window_get_bank (window));

  /* A number that an earlier question's text has in it. */
  for (guint i = 0; i < g_list_model_get_n_items (questions) && target == 0; i++)
    {
      g_autoptr(VivaQuestion) q = g_list_model_get_item (questions, i);

      for (guint j = i + 1; j < g_list_model_get_n_items (questions); j++)
        {
          g_autoptr(VivaQuestion) later = g_list_model_get_item (questions, j);
          g_autofree char *number = g_strdup_printf ("%u", viva_question_get_number (later));

          if (viva_question_get_number (later) >= 10 && strstr (viva_question_get_text (q), number) != NULL)
            {
              target = viva_question_get_number (later);
              break;
            }
        }
    }
  g_assert_cmpuint (target, !=, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.filter", NULL));
  viva_test_drain_main_loop ();
  typed = g_strdup_printf ("%u", target);
  type_and_enter (window, typed);
  g_assert_nonnull (viva_window_get_question (window));
  g_assert_cmpuint (viva_question_get_number (viva_window_get_question (window)), ==, target);

  close_window (window);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
print_times (const char *what,
             GArray     *times)
{
  g_array_sort (times, compare_double);
  g_test_message ("%s: median %.1f ms, p95 %.1f ms, max %.1f ms", what,
                  g_array_index (times, double, times->len / 2),
                  g_array_index (times, double, times->len * 95 / 100),
                  g_array_index (times, double, times->len - 1));
}

/* CPU time, which the other programs on a busy machine do not inflate
 * as they do the wall clock's. */
static gint64
cpu_time (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);

  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

typedef struct
{
  GArray *wall;
  GArray *cpu;
} Times;

static void
times_init (Times *times)
{
  times->wall = g_array_new (FALSE, FALSE, sizeof (double));
  times->cpu = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
times_add (Times  *times,
           gint64  wall_begin,
           gint64  cpu_begin)
{
  double wall = (g_get_monotonic_time () - wall_begin) / 1000.0;
  double cpu = (cpu_time () - cpu_begin) / 1000.0;

  g_array_append_val (times->wall, wall);
  g_array_append_val (times->cpu, cpu);
}

static double
times_print (Times      *times,
             const char *what)
{
  double p95;

  print_times (what, times->wall);
  g_array_sort (times->cpu, compare_double);
  p95 = g_array_index (times->cpu, double, times->cpu->len * 95 / 100);
  g_test_message ("  (CPU time: median %.1f ms, p95 %.1f ms)",
                  g_array_index (times->cpu, double, times->cpu->len / 2), p95);
  g_array_unref (times->wall);
  g_array_unref (times->cpu);

  return p95;
}

/* Until the next frame is on screen. */
static void
wait_drawn (GtkWidget *widget)
{
  gboolean drawn = FALSE;

  gtk_widget_queue_draw (widget);
  gtk_widget_add_tick_callback (widget, frame_drawn_cb, &drawn, NULL);
  while (!drawn)
    g_main_context_iteration (NULL, TRUE);
  viva_test_drain_main_loop ();
}

static void
frame_painted_cb (GdkFrameClock *clock,
                  gpointer       data)
{
  *(gboolean *) data = TRUE;
}

/* Until the frame after a change is painted, and no longer: what the
 * main loop does after it (rows off screen refreshed, other idle work)
 * is not in it. */
static void
wait_painted (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (frame_painted_cb), &painted);
  gtk_widget_queue_draw (widget);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
}

/* The rows the sidebar's list view has made (GtkListItemWidget
 * children of its GtkListView), visible or not. */
static guint
count_row_widgets (GtkWidget *widget)
{
  guint n = 0;

  if (GTK_IS_LIST_VIEW (widget))
    {
      for (GtkWidget *row = gtk_widget_get_first_child (widget); row; row = gtk_widget_get_next_sibling (row))
        n++;
      return n;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_row_widgets (child);

  return n;
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static gboolean
count_is_positive (gpointer data)
{
  return *(guint *) data > 0;
}

/* The tree follows what the user types, and each text is searched once:
 * the entry says its text changed a moment after the sidebar has
 * already searched for it (set by the window, or applied by Enter), and
 * at 100,000 questions searching again for the same words is wasted work
 * on the keystroke after. */
static void
test_search_once_per_text (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  VivaWindow *window;
  VivaSidebar *sidebar;
  GtkSearchEntry *entry;
  guint changed = 0;
  guint n;

  reset_data ();
  store = load_store ();
  window = open_window (store);
  sidebar = viva_window_get_sidebar (window);
  entry = search_entry (window);
  g_signal_connect (entry, "search-changed", G_CALLBACK (count_cb), &changed);

  n = _viva_sidebar_get_n_searches (sidebar);
  viva_sidebar_set_filter_text (sidebar, "list");
  g_assert_cmpuint (_viva_sidebar_get_n_searches (sidebar), ==, n + 1);
  g_assert_cmpstr (viva_query_get_text (viva_sidebar_get_query (sidebar)), ==, "list");

  /* The entry's own news of the same text: no second search. */
  wait_until (count_is_positive, &changed);
  viva_test_drain_main_loop ();
  g_assert_cmpuint (_viva_sidebar_get_n_searches (sidebar), ==, n + 1);

  /* A letter less from the keyboard is another search, and the tree
   * follows it. */
  changed = 0;
  gtk_widget_grab_focus (GTK_WIDGET (entry));
  viva_test_send_keys (GTK_WIDGET (window), "End");
  viva_test_send_keys (GTK_WIDGET (window), "BackSpace");
  wait_until (count_is_positive, &changed);
  viva_test_drain_main_loop ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "lis");
  g_assert_cmpstr (viva_query_get_text (viva_sidebar_get_query (sidebar)), ==, "lis");
  g_assert_cmpuint (_viva_sidebar_get_n_searches (sidebar), ==, n + 2);

  /* A space after the word searches for the same word. */
  changed = 0;
  viva_test_send_keys (GTK_WIDGET (window), "space");
  wait_until (count_is_positive, &changed);
  viva_test_drain_main_loop ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "lis ");
  g_assert_cmpuint (_viva_sidebar_get_n_searches (sidebar), ==, n + 2);

  close_window (window);
}

/* A question row's number: the first "numeric" widget in the row
 * (levels and topics have their count after the title). */
static GtkWidget *
number_label (VivaSidebarRow *row)
{
  GtkWidget *label = find_by_css_class (GTK_WIDGET (row), "numeric");

  g_assert_nonnull (label);

  return label;
}

/* The number takes at least three characters' width in the row's font,
 * as a label of width-chars 3 styled as it is: one- and two-digit
 * numbers line up on their right with three-digit ones. */
static void
assert_number_column (VivaSidebarRow *row,
                      const char     *number)
{
  GtkWidget *label = number_label (row);
  GtkWidget *reference = gtk_label_new (number);
  int width, reference_width;

  g_assert_cmpstr (viva_sidebar_row_get_number_text (row), ==, number);
  gtk_label_set_width_chars (GTK_LABEL (reference), 3);
  gtk_widget_add_css_class (reference, "dim-label");
  gtk_widget_add_css_class (reference, "numeric");
  gtk_widget_insert_after (reference, gtk_widget_get_parent (label), label);

  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, &width, NULL, NULL, NULL);
  gtk_widget_measure (reference, GTK_ORIENTATION_HORIZONTAL, -1, &reference_width, NULL, NULL, NULL);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (width, ==, reference_width);
  g_assert_cmpint (gtk_widget_get_width (label), ==, reference_width);

  gtk_widget_unparent (reference);
}

/* Question numbers make a column in the tree and in a search's result,
 * in rows the list view makes for either. */
static void
test_number_column (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  VivaWindow *window;
  VivaSidebar *sidebar;
  VivaBank *bank;
  VivaQuestion *question;
  VivaSidebarRow *row;

  reset_data ();
  store = load_store ();
  window = open_window (store);
  sidebar = viva_window_get_sidebar (window);
  bank = viva_window_get_bank (window);

  /* The tree, opened at question 1. */
  question = viva_bank_lookup_question (bank, 1);
  viva_window_show_question (window, question);
  settle (window);
  row = find_row (GTK_WIDGET (sidebar), question);
  g_assert_nonnull (row);
  assert_number_column (row, "1");

  /* A search's result. */
  viva_sidebar_set_filter_text (sidebar, "decorator");
  settle (window);
  question = viva_bank_lookup_question (bank, DECORATOR_QUESTION);
  row = find_row (GTK_WIDGET (sidebar), question);
  g_assert_nonnull (row);
  assert_number_column (row, "420");

  close_window (window);
}

/* A widget that counts how often it is measured: given to the
 * sidebar's "No Matching Questions" page, it tells whether GTK lays that
 * page out while the tree is shown. */
#define PROBE_TYPE (probe_get_type ())
G_DECLARE_FINAL_TYPE (Probe, probe, TEST, PROBE, GtkWidget)

struct _Probe
{
  GtkWidget parent_instance;
  guint     measured;
};

G_DEFINE_FINAL_TYPE (Probe, probe, GTK_TYPE_WIDGET)

static void
probe_measure (GtkWidget      *widget,
               GtkOrientation  orientation,
               int             for_size,
               int            *minimum,
               int            *natural,
               int            *minimum_baseline,
               int            *natural_baseline)
{
  TEST_PROBE (widget)->measured++;
  *minimum = *natural = 16;
}

static void
probe_class_init (ProbeClass *klass)
{
  GTK_WIDGET_CLASS (klass)->measure = probe_measure;
}

static void
probe_init (Probe *self)
{
}

/* The sidebar's "No Matching Questions" page is laid out when a search
 * finds nothing, not for every frame of the tree (the first one
 * included); the sidebar keeps its width whichever page it shows, at
 * the narrowest and the default width. */
static void
test_empty_page_when_shown (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  const int widths[] = { 220, 320 };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      VivaWindow *window;
      VivaSidebar *sidebar;
      GtkWidget *stack;
      Probe *probe;
      int tree_width;

      reset_data ();
      g_settings_set_int (settings, "sidebar-width", widths[i]);
      store = load_store ();
      window = open_window (store);
      sidebar = viva_window_get_sidebar (window);
      stack = GTK_WIDGET (sidebar->stack);
      settle (window);

      probe = g_object_new (PROBE_TYPE, NULL);
      adw_status_page_set_child (sidebar->empty_page, GTK_WIDGET (probe));
      gtk_widget_queue_resize (stack);
      settle (window);
      settle (window);
      tree_width = gtk_widget_get_width (stack);
      g_assert_cmpint (tree_width, ==, widths[i]);
      g_assert_cmpuint (probe->measured, ==, 0);

      viva_sidebar_set_filter_text (sidebar, "zqxjzqxj");
      settle (window);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (sidebar->stack), ==, "empty");
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (probe)));
      g_assert_cmpuint (probe->measured, >, 0);
      g_assert_cmpint (gtk_widget_get_width (stack), ==, tree_width);

      viva_sidebar_set_filter_text (sidebar, "");
      settle (window);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (sidebar->stack), ==, "tree");
      g_assert_cmpint (gtk_widget_get_width (stack), ==, tree_width);

      close_window (window);
      g_clear_object (&store);
    }

  g_settings_reset (settings, "sidebar-width");
}

/* The row widgets under @root, in the list view (rows it let go are
 * not in it), each with a weak pointer that says if it was destroyed. */
static void
collect_rows (GtkWidget *root,
              GPtrArray *rows)
{
  if (VIVA_IS_SIDEBAR_ROW (root))
    {
      gpointer *weak = g_new (gpointer, 1);

      *weak = root;
      g_object_add_weak_pointer (G_OBJECT (root), weak);
      g_ptr_array_add (rows, weak);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static void
free_weak_row (gpointer data)
{
  gpointer *weak = data;

  if (*weak != NULL)
    g_object_remove_weak_pointer (G_OBJECT (*weak), weak);
  g_free (weak);
}

/* How many of the rows the list view shows now are not among @before:
 * made since. Every row shown must show an item the list shows. */
static guint
count_rows_made_since (VivaSidebar *sidebar,
                       GPtrArray   *before)
{
  g_autoptr(GPtrArray) now = g_ptr_array_new_with_free_func (free_weak_row);
  g_autoptr(GPtrArray) shown = _viva_sidebar_dup_shown_items (sidebar);
  guint n_made = 0;

  collect_rows (shown_list_view (sidebar), now);
  g_assert_cmpuint (now->len, >, 0);

  for (guint i = 0; i < now->len; i++)
    {
      gpointer row = *(gpointer *) g_ptr_array_index (now, i);
      GObject *item = viva_sidebar_row_get_item (row);
      gboolean seen = FALSE;

      g_assert_nonnull (item);
      g_assert_true (g_ptr_array_find (shown, item, NULL));

      /* A row alive since then is the same object: a pointer that
       * matches a weak pointer still set cannot be a new row. */
      for (guint j = 0; !seen && j < before->len; j++)
        seen = *(gpointer *) g_ptr_array_index (before, j) == row;
      if (!seen)
        n_made++;
    }

  return n_made;
}

/* What each tree row's expander tells a screen reader: whether it
 * says a level, and whether it says expanded or collapsed, by item. */
static void
collect_expander_a11y (GtkWidget  *root,
                       GHashTable *a11y)
{
  if (VIVA_IS_SIDEBAR_ROW (root))
    {
      GtkWidget *expander = gtk_widget_get_parent (root);
      guint says = 0;

      g_assert_true (GTK_IS_TREE_EXPANDER (expander));
      if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LEVEL))
        says |= 1;
      if (gtk_test_accessible_has_state (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_STATE_EXPANDED))
        says |= 2;
      g_hash_table_insert (a11y, viva_sidebar_row_get_item (VIVA_SIDEBAR_ROW (root)), GUINT_TO_POINTER (says));
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    collect_expander_a11y (child, a11y);
}

/* GTK 4.8's list view destroys the rows it lets go and makes new ones
 * for what comes on screen. The search's result has a list view of its
 * own, which keeps its rows, bound, when the search ends: a search
 * after a search makes no row, whatever the tree showed between (its
 * first letter refills the last result's rows), and the tree is as it
 * was, in the rows it had. */
static void
test_rows_reused (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) tree_rows = NULL;
  g_autoptr(GHashTable) fresh_a11y = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) reused_a11y = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer item, says;
  VivaWindow *window;
  VivaSidebar *sidebar;
  GtkTreeListModel *tree;
  guint n_rows;

  reset_data ();
  store = load_store ();
  window = open_window (store);
  sidebar = viva_window_get_sidebar (window);
  settle (window);
  collect_expander_a11y (shown_list_view (sidebar), fresh_a11y);
  g_assert_cmpuint (g_hash_table_size (fresh_a11y), >, 0);

  tree_rows = g_ptr_array_new_with_free_func (free_weak_row);
  collect_rows (shown_list_view (sidebar), tree_rows);

  /* A first search: the list view makes its rows. */
  viva_sidebar_set_filter_text (sidebar, "e");
  settle (window);
  before = g_ptr_array_new_with_free_func (free_weak_row);
  collect_rows (shown_list_view (sidebar), before);
  n_rows = before->len;
  /* Far more than the tree's levels: the list view keeps about 200. */
  g_assert_cmpuint (n_rows, >, 100);

  /* Back to the tree, in rows that showed the result: each tells a
   * screen reader what a new one told, not the result's outline. */
  viva_sidebar_set_filter_text (sidebar, "");
  settle (window);
  g_assert_cmpuint (count_rows_made_since (sidebar, tree_rows), ==, 0);
  collect_expander_a11y (shown_list_view (sidebar), reused_a11y);
  g_assert_cmpuint (g_hash_table_size (reused_a11y), ==, g_hash_table_size (fresh_a11y));
  g_hash_table_iter_init (&iter, fresh_a11y);
  while (g_hash_table_iter_next (&iter, &item, &says))
    g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (reused_a11y, item)), ==, GPOINTER_TO_UINT (says));

  /* The first letter of another search. */
  viva_sidebar_set_filter_text (sidebar, "a");
  settle (window);
  g_assert_cmpuint (count_rows_made_since (sidebar, before), ==, 0);

  /* The tree opened past a screenful, then the first letter. */
  viva_sidebar_set_filter_text (sidebar, "");
  settle (window);
  tree = viva_sidebar_get_tree_model (sidebar);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (tree)) && i < 300; i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (tree, i);

      gtk_tree_list_row_set_expanded (row, TRUE);
    }
  settle (window);
  g_clear_pointer (&before, g_ptr_array_unref);
  before = g_ptr_array_new_with_free_func (free_weak_row);
  collect_rows (shown_list_view (sidebar), before);
  g_assert_cmpuint (before->len, >=, n_rows);
  /* The tree's rows and the last result's, kept in its hidden list. */
  collect_rows (GTK_WIDGET (sidebar), before);
  viva_sidebar_set_filter_text (sidebar, "d");
  settle (window);
  g_assert_cmpuint (count_rows_made_since (sidebar, before), ==, 0);

  close_window (window);
}

/* Every row of the result's list that is in its view as laid out
 * shows what its list item holds (the result's slot, which the sidebar
 * keeps on the row: viva-sidebar.c, SLOT_KEY); off the view, rows may
 * wait. Returns how many rows were in the view. */
static guint
assert_rows_in_view_current (VivaSidebar *sidebar)
{
  GtkWidget *view = shown_list_view (sidebar);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_weak_row);
  int height = gtk_widget_get_height (view);
  guint n = 0;

  g_assert_cmpint (height, >, 0);
  collect_rows (view, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = *(gpointer *) g_ptr_array_index (rows, i);
      VivaSidebarSlot *slot = g_object_get_data (G_OBJECT (row), "viva-sidebar-slot");
      graphene_rect_t bounds;

      g_assert_nonnull (slot);
      if (!gtk_widget_compute_bounds (row, view, &bounds) ||
          bounds.origin.y + bounds.size.height <= 0 || bounds.origin.y >= height)
        continue;

      g_assert_true (viva_sidebar_row_get_item (VIVA_SIDEBAR_ROW (row)) == viva_sidebar_slot_get_item (slot));
      n++;
    }

  return n;
}

/* Rows of the result that the user cannot see are refreshed after the
 * keystroke's frame, not before it: the frame shows every row in view
 * as it should be, scrolling shows no row out of date, and a keystroke
 * before they are all refreshed leaves none behind. */
static void
test_rows_off_screen (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  GtkAdjustment *adjustment;
  VivaWindow *window;
  VivaSidebar *sidebar;
  guint n_rows;

  reset_data ();
  store = load_store ();
  window = open_window (store);
  sidebar = viva_window_get_sidebar (window);
  settle (window);

  /* A search the user sees, then another: the rows the list view keeps
   * (far more than a view of them) hold other items. */
  viva_sidebar_set_filter_text (sidebar, "e");
  settle (window);
  n_rows = _viva_sidebar_get_rows (sidebar)->len;
  g_assert_cmpuint (n_rows, >, 100);
  viva_sidebar_set_filter_text (sidebar, "t");
  wait_painted (GTK_WIDGET (window));
  g_assert_cmpuint (assert_rows_in_view_current (sidebar), >, 5);
  g_assert_true (_viva_sidebar_has_stale_rows (sidebar));

  /* Scrolled three views down before the rest is refreshed. */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (shown_list_view (sidebar)));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) +
                                        3 * gtk_adjustment_get_page_size (adjustment));
  wait_painted (GTK_WIDGET (window));
  g_assert_cmpuint (assert_rows_in_view_current (sidebar), >, 5);
  settle (window);
  g_assert_false (_viva_sidebar_has_stale_rows (sidebar));

  /* Keystrokes faster than the refresh: none left behind. */
  gtk_adjustment_set_value (adjustment, 0);
  settle (window);
  viva_sidebar_set_filter_text (sidebar, "th");
  wait_painted (GTK_WIDGET (window));
  viva_sidebar_set_filter_text (sidebar, "the");
  wait_painted (GTK_WIDGET (window));
  assert_rows_in_view_current (sidebar);
  settle (window);
  g_assert_false (_viva_sidebar_has_stale_rows (sidebar));
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_weak_row);

    collect_rows (shown_list_view (sidebar), rows);
    for (guint i = 0; i < rows->len; i++)
      {
        GObject *row = *(gpointer *) g_ptr_array_index (rows, i);
        VivaSidebarSlot *slot = g_object_get_data (row, "viva-sidebar-slot");

        g_assert_true (viva_sidebar_row_get_item (VIVA_SIDEBAR_ROW (row)) == viva_sidebar_slot_get_item (slot));
      }
  }

  close_window (window);
}

/* Until the rows made ahead of a search are made (a user's pause
 * after Ctrl+F), or @max_usec of the main loop. */
static void
pause_after_find (VivaSidebar *sidebar,
                  gint64       max_usec)
{
  gint64 start = g_get_monotonic_time ();

  while (_viva_sidebar_is_warming_rows (sidebar) && g_get_monotonic_time () - start < max_usec)
    g_main_context_iteration (NULL, TRUE);
}

/* The first search of a session has no rows the list view let go: once
 * the user opens the search field (Ctrl+F) and pauses, the sidebar
 * makes them ahead, and the first letter makes none. Nothing is made
 * before, and a keystroke stops it. */
static void
test_rows_made_ahead (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (free_weak_row);
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (free_weak_row);
  g_autoptr(GHashTable) fresh_a11y = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) made_a11y = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer item, says;
  VivaWindow *window;
  VivaSidebar *sidebar;
  GPtrArray *rows;

  reset_data ();
  store = load_store ();
  window = open_window (store);
  sidebar = viva_window_get_sidebar (window);
  settle (window);
  collect_expander_a11y (shown_list_view (sidebar), fresh_a11y);

  /* A user who does not search: only the rows the list view shows. */
  rows = _viva_sidebar_get_rows (sidebar);
  collect_rows (shown_list_view (sidebar), shown);
  g_assert_cmpuint (shown->len, >, 0);
  g_assert_cmpuint (rows->len, ==, shown->len);
  g_assert_false (_viva_sidebar_is_warming_rows (sidebar));

  /* Ctrl+F, and a pause: rows are made ahead. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.filter", NULL);
  g_assert_true (_viva_sidebar_is_warming_rows (sidebar));
  pause_after_find (sidebar, G_MAXINT64);
  g_assert_cmpuint (rows->len, >, shown->len);

  /* The first letter of the first search refills them. */
  for (guint i = 0; i < rows->len; i++)
    {
      gpointer *weak = g_new (gpointer, 1);

      *weak = g_ptr_array_index (rows, i);
      g_object_add_weak_pointer (G_OBJECT (*weak), weak);
      g_ptr_array_add (before, weak);
    }
  viva_sidebar_set_filter_text (sidebar, "e");
  settle (window);
  g_assert_cmpuint (shown_n_items (sidebar), >, shown->len);
  g_assert_cmpuint (count_rows_made_since (sidebar, before), ==, 0);

  /* Back in the tree, rows made ahead tell a screen reader what the
   * factory's told. */
  viva_sidebar_set_filter_text (sidebar, "");
  settle (window);
  collect_expander_a11y (shown_list_view (sidebar), made_a11y);
  g_assert_cmpuint (g_hash_table_size (made_a11y), ==, g_hash_table_size (fresh_a11y));
  g_hash_table_iter_init (&iter, fresh_a11y);
  while (g_hash_table_iter_next (&iter, &item, &says))
    g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (made_a11y, item)), ==, GPOINTER_TO_UINT (says));
  close_window (window);

  /* A keystroke right after Ctrl+F stops making rows ahead: the list
   * view makes what it needs, as it asks. */
  window = open_window (store);
  sidebar = viva_window_get_sidebar (window);
  settle (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.filter", NULL);
  g_assert_true (_viva_sidebar_is_warming_rows (sidebar));
  gtk_editable_set_text (GTK_EDITABLE (find_widget_of_type (GTK_WIDGET (sidebar), GTK_TYPE_SEARCH_ENTRY)), "e");
  g_assert_false (_viva_sidebar_is_warming_rows (sidebar));
  close_window (window);
}

/* With VIVA_SCREENSHOT_DIR set, pictures of the sidebar, light and
 * dark, at the default resolution and at 1.5 times it (large text), to
 * compare rows pixel for pixel across revisions. */
static void
save_sidebar_pictures (VivaWindow *window,
                       const char *name)
{
  GtkSettings *settings = gtk_settings_get_default ();
  int dpi;

  if (g_getenv ("VIVA_SCREENSHOT_DIR") == NULL)
    return;

  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  for (guint large = 0; large < 2; large++)
    for (guint dark = 0; dark < 2; dark++)
      {
        g_autofree char *file = g_strdup_printf ("sidebar-%s%s%s.png", name,
                                                 dark ? "-dark" : "", large ? "-large" : "");

        g_object_set (settings, "gtk-xft-dpi", large ? 144 * 1024 : dpi, NULL);
        adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                            dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_DEFAULT);
        settle (window);
        viva_test_save_screenshot (GTK_WIDGET (viva_window_get_sidebar (window)), file);
      }
  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  settle (window);
}

/* A row's title (VivaSidebarTitle, which draws its text itself) under
 * @root: the first widget of that type. */
static GtkWidget *
find_title (GtkWidget *root)
{
  if (G_OBJECT_TYPE (root) == g_type_from_name ("VivaSidebarTitle"))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_title (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A title is as high as GtkLabel makes one line of its whole text, and
 * its baseline the same, whether the title fits or is ellipsized, and
 * when what its ellipsis cuts off is in a taller font (Chinese, from a
 * fallback font) than what it shows. The title lays its text out at the
 * width the row gives it and keeps that to draw; a cut-off taller run
 * must not make the line lower. */
static void
test_title_height (void)
{
  static const char bank_text[] =
    "## Level 1: Titles\n\n"
    "### Heights\n\n"
    "**Question 1:** zeta short\n\n"
    "**Question 2:** zeta 漢字\n\n"
    "**Question 3:** zeta a title long enough to be ellipsized in the sidebar, "
    "on and on and on and on and on and on and on and on and on and on and on and on\n\n"
    "**Question 4:** zeta a title long enough to be ellipsized in the sidebar, "
    "on and on and on and on and on and on and on and on and on and on 漢字漢字漢字\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (bank_text, strlen (bank_text));
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaBank) bank = viva_bank_new_from_bytes (bytes, "heights", &error);
  g_autoptr(VivaNotesStore) store = NULL;
  VivaWindow *window;
  VivaSidebar *sidebar;
  guint n_ellipsized = 0;

  g_assert_no_error (error);
  reset_data ();
  store = load_store ();
  window = open_window (store);
  sidebar = viva_window_get_sidebar (window);
  settle (window);

  /* The bundled bank's tree, a level and a topic open, and a search's
   * result, for the pictures. */
  viva_window_show_question (window, viva_bank_lookup_question (viva_window_get_bank (window), 1));
  save_sidebar_pictures (window, "tree");
  viva_sidebar_set_filter_text (sidebar, "de");
  save_sidebar_pictures (window, "result");
  viva_sidebar_set_filter_text (sidebar, "");

  viva_window_set_bank (window, bank);
  settle (window);

  /* The result of a search, then the same rows again refilled by the
   * next keystroke. */
  for (guint pass = 0; pass < 2; pass++)
    {
      viva_sidebar_set_filter_text (sidebar, pass == 0 ? "zet" : "zeta");
      settle (window);

      for (guint number = 1; number <= 4; number++)
        {
          VivaSidebarRow *row = find_row (GTK_WIDGET (sidebar), viva_bank_lookup_question (bank, number));
          GtkWidget *title;
          g_autoptr(PangoLayout) layout = NULL;
          g_autoptr(PangoLayout) drawn = NULL;
          PangoAttrList *attrs = NULL;
          g_autofree char *text = NULL;
          int minimum, natural, minimum_baseline, natural_baseline;
          int height;

          g_assert_nonnull (row);
          title = find_title (GTK_WIDGET (row));
          g_assert_nonnull (title);
          g_assert_nonnull (viva_sidebar_row_get_title_markup (row));
          g_assert_true (pango_parse_markup (viva_sidebar_row_get_title_markup (row), -1, 0,
                                             &attrs, &text, NULL, NULL));

          /* GtkLabel's line: the whole text at no width. */
          layout = gtk_widget_create_pango_layout (title, text);
          pango_layout_set_attributes (layout, attrs);
          pango_attr_list_unref (attrs);
          pango_layout_set_single_paragraph_mode (layout, TRUE);
          pango_layout_get_pixel_size (layout, NULL, &height);

          /* As the row's box asks, for the title's width. */
          minimum_baseline = natural_baseline = -1;
          gtk_widget_measure (title, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (title),
                              &minimum, &natural, &minimum_baseline, &natural_baseline);
          g_assert_cmpint (minimum, ==, height);
          g_assert_cmpint (natural, ==, height);
          g_assert_cmpint (minimum_baseline, ==, pango_layout_get_baseline (layout) / PANGO_SCALE);

          /* And as a frame draws it. */
          drawn = pango_layout_copy (layout);
          pango_layout_set_ellipsize (drawn, PANGO_ELLIPSIZE_END);
          pango_layout_set_width (drawn, gtk_widget_get_width (title) * PANGO_SCALE);
          if (pango_layout_is_ellipsized (drawn))
            n_ellipsized++;
        }
    }

  /* Questions 3 and 4, in both passes. */
  g_assert_cmpuint (n_ellipsized, ==, 4);
  save_sidebar_pictures (window, "heights");

  close_window (window);
}

/* The visible widget of @root styled "numeric" (the row's number or its
 * count), or NULL. */
static GtkWidget *
find_figure (GtkWidget *root)
{
  if (gtk_widget_get_visible (root) && gtk_widget_has_css_class (root, "numeric"))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gtk_widget_get_visible (child) ? find_figure (child) : NULL;

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A GtkLabel of @text beside @figure, styled as it is and as wide at
 * least, measures as @figure does, across and down, baseline included. */
static void
assert_figure_measures_as_label (GtkWidget  *figure,
                                 const char *text)
{
  g_auto(GStrv) classes = gtk_widget_get_css_classes (figure);
  GtkWidget *label = gtk_label_new (text);
  int width_request, height_request;

  gtk_widget_get_size_request (figure, &width_request, &height_request);
  gtk_widget_set_size_request (label, width_request, height_request);
  gtk_widget_set_css_classes (label, (const char **) classes);
  gtk_widget_insert_after (label, gtk_widget_get_parent (figure), figure);

  for (GtkOrientation orientation = GTK_ORIENTATION_HORIZONTAL; orientation <= GTK_ORIENTATION_VERTICAL; orientation++)
    {
      int minimum, natural, minimum_baseline = -1, natural_baseline = -1;
      int label_minimum, label_natural, label_minimum_baseline = -1, label_natural_baseline = -1;

      gtk_widget_measure (figure, orientation, -1, &minimum, &natural, &minimum_baseline, &natural_baseline);
      gtk_widget_measure (label, orientation, -1, &label_minimum, &label_natural,
                          &label_minimum_baseline, &label_natural_baseline);
      g_assert_cmpint (minimum, ==, label_minimum);
      g_assert_cmpint (natural, ==, label_natural);
      g_assert_cmpint (minimum_baseline, ==, label_minimum_baseline);
      g_assert_cmpint (natural_baseline, ==, label_natural_baseline);
    }

  gtk_widget_unparent (label);
}

/* The line of a row, as a horizontal GtkBox of spacing 6 lays it out:
 * @first then @second, 6 pixels apart, in the reading order. */
static void
assert_line_follows (GtkWidget *row,
                     GtkWidget *first,
                     GtkWidget *second)
{
  graphene_rect_t a, b;

  g_assert_true (gtk_widget_compute_bounds (first, row, &a));
  g_assert_true (gtk_widget_compute_bounds (second, row, &b));
  g_assert_cmpfloat (a.origin.y, ==, b.origin.y);
  g_assert_cmpfloat (a.size.height, ==, b.size.height);
  if (gtk_widget_get_direction (row) == GTK_TEXT_DIR_RTL)
    g_assert_cmpfloat (b.origin.x + b.size.width + 6, ==, a.origin.x);
  else
    g_assert_cmpfloat (a.origin.x + a.size.width + 6, ==, b.origin.x);
}

/* A question's number and a level's or topic's count: as wide and as
 * tall as GtkLabel makes that text with the same style, numbers of 1 to
 * 10 digits, counts "notes / questions" and, while searching, matches;
 * drawn by the row itself rather than by a GtkLabel, whose layout of
 * each new number was a good part of measuring the 200 rows of a
 * search's first letter at 100,000 questions. VIVA_SCREENSHOT_DIR keeps
 * pictures of the tree and the result, left to right and right to left,
 * to compare with the commit before. */
static void
test_figures (void)
{
  static const char bank_text[] =
    "## Level 1: Figures\n\n"
    "### Short\n\n"
    "**Question 7:** omega seven\n\n"
    "**Question 42:** omega forty-two\n\n"
    "**Question 999:** omega nine hundred\n\n"
    "### Long\n\n"
    "**Question 1000:** omega a thousand\n\n"
    "**Question 12345:** omega five digits\n\n"
    "**Question 100000:** omega six digits\n\n"
    "**Question 4294967295:** omega ten digits\n\n"
    "**Question 1234567:** zeta not found\n";
  static const guint numbers[] = { 7, 42, 999, 1000, 12345, 100000, 4294967295u, 1234567 };
  g_autoptr(GBytes) bytes = g_bytes_new_static (bank_text, strlen (bank_text));
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaBank) bank = viva_bank_new_from_bytes (bytes, "figures", &error);
  g_autoptr(VivaNotesStore) store = NULL;
  VivaWindow *window;
  VivaSidebar *sidebar;

  g_assert_no_error (error);
  reset_data ();
  store = load_store ();
  window = open_window (store);
  sidebar = viva_window_get_sidebar (window);
  viva_window_set_bank (window, bank);
  viva_note_set_text (viva_notes_store_get_note (store, viva_bank_get_id (bank), 42), "a note");
  settle (window);

  for (guint rtl = 0; rtl < 2; rtl++)
    {
      /* A widget of no direction of its own takes the default one, not
       * its parent's. */
      gtk_widget_set_default_direction (rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);

      /* The tree, every row open: "notes / questions" beside the
       * headers; then a search's result: how many match. */
      for (guint searching = 0; searching < 2; searching++)
        {
          guint n_questions = 0, n_headers = 0;
          g_autofree char *name = g_strdup_printf ("figures-%s%s", searching ? "result" : "tree", rtl ? "-rtl" : "");

          viva_sidebar_set_filter_text (sidebar, searching ? "omega" : "");
          if (!searching)
            viva_window_show_question (window, viva_bank_lookup_question (bank, 1234567));
          settle (window);
          if (!searching)
            viva_window_show_question (window, viva_bank_lookup_question (bank, 7));
          settle (window);

          for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
            {
              VivaQuestion *question = viva_bank_lookup_question (bank, numbers[i]);
              VivaSidebarRow *row = find_row (GTK_WIDGET (sidebar), question);
              g_autofree char *text = g_strdup_printf ("%u", numbers[i]);
              GtkWidget *figure;

              if (row == NULL)
                continue;
              figure = find_figure (GTK_WIDGET (row));
              g_assert_nonnull (figure);
              g_assert_false (GTK_IS_LABEL (figure));
              g_assert_cmpint (gtk_widget_get_width (figure), >, 0);
              assert_figure_measures_as_label (figure, text);

              /* The number, then the title, laid out by the row itself
               * (no box of their own to style in each row). */
              g_assert_true (gtk_widget_get_parent (figure) == GTK_WIDGET (row));
              assert_line_follows (GTK_WIDGET (row), figure, find_title (GTK_WIDGET (row)));
              if (numbers[i] == 42)
                {
                  GtkWidget *mark = gtk_widget_get_next_sibling (find_title (GTK_WIDGET (row)));

                  /* Its pencil: it has a note. */
                  while (mark != NULL && !gtk_widget_get_visible (mark))
                    mark = gtk_widget_get_next_sibling (mark);
                  g_assert_true (GTK_IS_IMAGE (mark));
                  assert_line_follows (GTK_WIDGET (row), find_title (GTK_WIDGET (row)), mark);
                }
              n_questions++;
            }

          for (guint l = 0; l < viva_bank_get_n_levels (bank); l++)
            {
              g_autoptr(VivaLevel) level = g_list_model_get_item (viva_bank_get_levels (bank), l);
              GListModel *topics = viva_level_get_children (level);

              /* The level, then its topics. */
              for (guint h = 0; h <= g_list_model_get_n_items (topics); h++)
                {
                  g_autoptr(GObject) header = h == 0 ? g_object_ref (G_OBJECT (level))
                                                     : g_list_model_get_item (topics, h - 1);
                  VivaSidebarRow *row = find_row (GTK_WIDGET (sidebar), header);
                  GtkWidget *figure;

                  g_assert_nonnull (row);
                  figure = find_figure (GTK_WIDGET (row));
                  g_assert_nonnull (figure);
                  g_assert_false (GTK_IS_LABEL (figure));
                  g_assert_cmpstr (viva_sidebar_row_get_count_text (row), ==,
                                   searching ? (h == 0 ? "7" : h == 1 ? "3" : "4")
                                             : (h == 0 ? "1 / 8" : h == 1 ? "1 / 3" : "0 / 5"));
                  assert_figure_measures_as_label (figure, viva_sidebar_row_get_count_text (row));

                  /* The count ends the line, at the row's end. */
                  g_assert_true (gtk_widget_get_parent (figure) == GTK_WIDGET (row));
                  {
                    graphene_rect_t bounds;

                    g_assert_true (gtk_widget_compute_bounds (figure, GTK_WIDGET (row), &bounds));
                    g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (row)), ==, rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
                    if (rtl)
                      g_assert_cmpfloat (bounds.origin.x, ==, 0);
                    else
                      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, ==, gtk_widget_get_width (GTK_WIDGET (row)));
                    if (!searching)
                      assert_line_follows (GTK_WIDGET (row), gtk_widget_get_prev_sibling (figure), figure);
                  }
                  n_headers++;
                }
            }

          /* Every question row shown (the tree holds the eighth, the
           * result does not), the level and its two topics. */
          g_assert_cmpuint (n_questions, ==, searching ? 7 : 8);
          g_assert_cmpuint (n_headers, ==, 3);
          save_sidebar_pictures (window, name);
        }
    }

  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
  close_window (window);
}

/* A keystroke in the search field, until its frame is painted. Two
 * functions that are never inlined nor folded into one (gcc's identical
 * code folding would), so that a profiler can count the first letter
 * apart from the others:
 *   valgrind --tool=callgrind --toggle-collect=perf_first_letter
 *     --toggle-collect=perf_other_letter tests/test-search-ui -m perf
 *     -p /search-ui/perf/100k   (with VIVA_PERF_ROUNDS=1) */
#if defined(__GNUC__) && !defined(__clang__)
#define PERF_NOIPA __attribute__ ((noipa))
#else
#define PERF_NOIPA G_GNUC_NO_INLINE
#endif

static PERF_NOIPA void
perf_keystroke (VivaWindow *window,
                const char *text,
                Times      *applied,
                gint64      wall,
                gint64      cpu)
{
  viva_sidebar_set_filter_text (viva_window_get_sidebar (window), text);
  times_add (applied, wall, cpu);
  wait_painted (GTK_WIDGET (window));
}

static PERF_NOIPA void
perf_first_letter (VivaWindow *window,
                   const char *text,
                   Times      *applied,
                   gint64      wall,
                   gint64      cpu)
{
  perf_keystroke (window, text, applied, wall, cpu);
}

static PERF_NOIPA void
perf_other_letter (VivaWindow *window,
                   const char *text,
                   Times      *applied,
                   gint64      wall,
                   gint64      cpu)
{
  perf_keystroke (window, text, applied, wall, cpu);
}

/* After a keystroke's frame: until the rows off screen are refreshed
 * and drawn. Returns the longest the main loop was held meanwhile, in
 * microseconds. */
static PERF_NOIPA gint64
perf_after_frame (VivaWindow *window)
{
  VivaSidebar *sidebar = viva_window_get_sidebar (window);
  gint64 longest = 0;

  while (_viva_sidebar_has_stale_rows (sidebar))
    {
      gint64 start = g_get_monotonic_time ();

      g_main_context_iteration (NULL, TRUE);
      longest = MAX (longest, g_get_monotonic_time () - start);
    }
  wait_drawn (GTK_WIDGET (window));

  return longest;
}

/* "-m perf": typing "decorator" into the sidebar of a 100,000-question
 * bank, with notes on a tenth of the questions. For each keystroke: the
 * search and the tree's update (what blocks typing), then until the next
 * frame is painted, then until the rows off screen are refreshed; also
 * the Starred filter on and off, and clearing.
 * Prints wall-clock and CPU times; asserts nothing about time. */
static void
test_perf_sidebar_100k (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(GBytes) bytes = viva_bench_generate_bank (100000, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaBank) bank = viva_bank_new_from_bytes (bytes, "perf", &error);
  Times applied, drawn, after, filtered;
  VivaWindow *window;
  VivaSidebar *sidebar;
  gint64 wall, cpu;
  guint n_rounds;
  double p95;

  g_assert_no_error (error);
  reset_data ();
  store = load_store ();
  viva_bench_add_notes (store, bank, 10);
  window = open_window (store);
  viva_window_set_bank (window, bank);
  sidebar = viva_window_get_sidebar (window);
  viva_test_drain_main_loop ();

  /* The first search makes the index. */
  wall = g_get_monotonic_time ();
  viva_sidebar_set_filter_text (sidebar, "x");
  g_test_message ("first search, making the index: %.1f ms", (g_get_monotonic_time () - wall) / 1000.0);
  /* Seen, as a user sees a search before clearing it. */
  wait_drawn (GTK_WIDGET (window));
  viva_sidebar_set_filter_text (sidebar, "");
  wait_drawn (GTK_WIDGET (window));

  times_init (&applied);
  times_init (&drawn);
  times_init (&after);
  times_init (&filtered);

  /* VIVA_PERF_ROUNDS=1 for a profiler (callgrind is about 50 times
   * slower). */
  n_rounds = g_getenv ("VIVA_PERF_ROUNDS") != NULL ? (guint) g_ascii_strtoull (g_getenv ("VIVA_PERF_ROUNDS"), NULL, 10) : 5;
  for (guint round = 0; round < MAX (n_rounds, 1); round++)
    {
      /* As a user does: Ctrl+F, then a pause before the first letter
       * (until the rows made ahead of the search are made, or 300 ms of
       * the main loop, whichever comes first; not measured). */
      gtk_widget_activate_action (GTK_WIDGET (window), "win.filter", NULL);
      pause_after_find (sidebar, 300 * G_TIME_SPAN_MILLISECOND);
      g_test_message ("round %u: %u rows made before the first letter", round,
                      _viva_sidebar_get_rows (sidebar)->len);

      for (gsize len = 1; len <= strlen ("decorator"); len++)
        {
          g_autofree char *prefix = g_strndup ("decorator", len);

          wall = g_get_monotonic_time ();
          cpu = cpu_time ();
          if (len == 1)
            perf_first_letter (window, prefix, &applied, wall, cpu);
          else
            perf_other_letter (window, prefix, &applied, wall, cpu);
          times_add (&drawn, wall, cpu);

          /* For build-aux/bench: the letter's rank and the frame's
           * times, wall and CPU. */
          g_test_message ("sidebar-keystroke letter=%u wall-ms=%.2f cpu-ms=%.2f", (guint) len,
                          g_array_index (drawn.wall, double, drawn.wall->len - 1),
                          g_array_index (drawn.cpu, double, drawn.cpu->len - 1));

          /* Then, as between a user's keystrokes, the rows off screen
           * are refreshed (viva-sidebar.c, _viva_sidebar_refresh_rows())
           * and their frame drawn: how long that takes, from the
           * keystroke's frame, and the longest the main loop was held
           * meanwhile (what the next keystroke could wait). */
          wall = g_get_monotonic_time ();
          cpu = cpu_time ();
          {
            gint64 longest = perf_after_frame (window);

            times_add (&after, wall, cpu);
            g_test_message ("sidebar-after-frame letter=%u wall-ms=%.2f cpu-ms=%.2f longest-ms=%.2f",
                            (guint) len,
                            g_array_index (after.wall, double, after.wall->len - 1),
                            g_array_index (after.cpu, double, after.cpu->len - 1),
                            longest / 1000.0);
          }

          /* Each keystroke apart: the first letter is the broadest. */
          g_test_message ("round %u, \"%s\": search and tree update %.1f ms (CPU %.1f), "
                          "until drawn %.1f ms (CPU %.1f); %u rows in the tree, %u row widgets",
                          round, prefix,
                          g_array_index (applied.wall, double, applied.wall->len - 1),
                          g_array_index (applied.cpu, double, applied.cpu->len - 1),
                          g_array_index (drawn.wall, double, drawn.wall->len - 1),
                          g_array_index (drawn.cpu, double, drawn.cpu->len - 1),
                          shown_n_items (sidebar),
                          count_row_widgets (GTK_WIDGET (sidebar)));
        }

      g_test_message ("round %u: \"decorator\" shows %u rows", round, shown_n_items (sidebar));

      /* The Starred filter on and off with the words, then clearing. */
      for (guint i = 0; i < 2; i++)
        {
          wall = g_get_monotonic_time ();
          cpu = cpu_time ();
          gtk_widget_activate_action (GTK_WIDGET (sidebar), "sidebar.filter-starred", NULL);
          wait_drawn (GTK_WIDGET (window));
          times_add (&filtered, wall, cpu);
        }

      wall = g_get_monotonic_time ();
      cpu = cpu_time ();
      viva_sidebar_set_filter_text (sidebar, "");
      wait_drawn (GTK_WIDGET (window));
      times_add (&filtered, wall, cpu);
    }

  times_print (&applied, "keystroke: search and tree update");
  p95 = times_print (&drawn, "keystroke until the frame is drawn");
  times_print (&after, "then the rows off screen refreshed and drawn");
  times_print (&filtered, "Starred on or off, or clearing, until drawn");
  g_test_minimized_result (p95, "sidebar keystroke until drawn, CPU p95: %.1f ms", p95);

  viva_notes_store_flush (store, NULL);
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  viva_test_init_ui (&argc, &argv);
  viva_test_load_app_style ();

  g_test_add_func ("/search-ui/notes-and-filter", test_search_notes_and_filter);
  g_test_add_func ("/search-ui/counts", test_counts_while_searching);
  g_test_add_func ("/search-ui/go-to-number", test_go_to_number);
  g_test_add_func ("/search-ui/results-from-the-keyboard", test_results_from_the_keyboard);
  g_test_add_func ("/search-ui/once-per-text", test_search_once_per_text);
  g_test_add_func ("/search-ui/number-column", test_number_column);
  g_test_add_func ("/search-ui/empty-page-when-shown", test_empty_page_when_shown);
  g_test_add_func ("/search-ui/rows-reused", test_rows_reused);
  g_test_add_func ("/search-ui/rows-made-ahead", test_rows_made_ahead);
  g_test_add_func ("/search-ui/rows-off-screen", test_rows_off_screen);
  g_test_add_func ("/search-ui/title-height", test_title_height);
  g_test_add_func ("/search-ui/figures", test_figures);

  if (g_test_perf ())
    g_test_add_func ("/search-ui/perf/100k", test_perf_sidebar_100k);

  return g_test_run ();
}
