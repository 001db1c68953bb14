/* test-progress.c
 *
 * The progress page driven as a user would, with real widgets under
 * Xvfb: open it from the window, read the numbers of a level and a
 * topic, change a status in the study view and see the page and the
 * sidebar follow, open a weak area to study it, and check that every
 * control has a name. With VIVA_SCREENSHOT_DIR set, saves the page in
 * the light and the dark style.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "viva-activity-calendar.h"
#include "viva-bank.h"
#include "viva-clock.h"
#include "viva-forecast-chart.h"
#include "viva-fsrs.h"
#include "viva-level.h"
#include "viva-mock-setup-page.h"
#include "viva-mock-summary-page.h"
#include "viva-note.h"
#include "viva-context.h"
#include "viva-notes-store-private.h"
#include "viva-notes-store.h"
#include "viva-progress.h"
#include "viva-progress-row.h"
#include "viva-progress-tile.h"
#include "viva-progress-view.h"
#include "viva-question.h"
#include "viva-question-view.h"
#include "viva-review-stats.h"
#include "viva-scope-list.h"
#include "viva-sidebar.h"
#include "viva-sidebar-row.h"
#include "viva-stacked-bar.h"
#include "viva-test-util.h"
#include "viva-topic.h"
#include "viva-window.h"

typedef struct
{
  VivaNotesStore *notes;
  VivaWindow     *window;
} Fixture;

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
set_status (Fixture    *f,
            guint       number,
            VivaStatus  status)
{
  viva_note_set_status (viva_notes_store_get_note (f->notes, VIVA_BUNDLED_BANK_ID, number), status);
}

/* Notes as they were when Viva started, then the window. */
static void
fixture_open (Fixture *f)
{
  g_autoptr(VivaContext) context = NULL;
  g_autofree char *path = NULL;

  reset_data ();
  path = g_build_filename (g_get_user_data_dir (), APP_ID, "notes.json", NULL);
  f->notes = viva_notes_store_new (path);
  viva_notes_store_load (f->notes, NULL);
  viva_notes_store_set_autosave_delay (f->notes, 50);

  /* Strings (Level 1, questions 36-60): two known, one being learnt. */
  set_status (f, 36, VIVA_STATUS_CONFIDENT);
  set_status (f, 37, VIVA_STATUS_CONFIDENT);
  set_status (f, 38, VIVA_STATUS_LEARNING);
  /* Core Concepts (1-20): all known. */
  for (guint number = 1; number <= 20; number++)
    set_status (f, number, VIVA_STATUS_CONFIDENT);
  /* Some of Operators (21-35) and Lists (76-100). */
  for (guint number = 21; number <= 28; number++)
    set_status (f, number, number % 2 ? VIVA_STATUS_CONFIDENT : VIVA_STATUS_LEARNING);
  for (guint number = 76; number <= 96; number++)
    set_status (f, number, VIVA_STATUS_CONFIDENT);

  context = g_object_new (VIVA_TYPE_CONTEXT, "notes-store", f->notes, NULL);
  f->window = viva_window_new (NULL, context);
  g_object_ref_sink (f->window);
  viva_window_restore_session (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  viva_test_wait_mapped (GTK_WIDGET (f->window));
  viva_test_drain_main_loop ();
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
}

typedef gboolean (*Match) (GtkWidget *widget,
                           gpointer   data);

static GtkWidget *
find_widget (GtkWidget *root,
             Match      match,
             gpointer   data)
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

static void
collect_widgets (GtkWidget *root,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, found);
}

static gboolean
is_scrolled_window (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_SCROLLED_WINDOW (widget);
}

static gboolean
is_tile_of_topic (GtkWidget *widget,
                  gpointer   topic)
{
  return VIVA_IS_PROGRESS_TILE (widget) && viva_progress_tile_get_topic (VIVA_PROGRESS_TILE (widget)) == topic;
}

static gboolean
is_level_tile (GtkWidget *widget,
               gpointer   level)
{
  return VIVA_IS_PROGRESS_TILE (widget) &&
         viva_progress_tile_get_topic (VIVA_PROGRESS_TILE (widget)) == NULL &&
         viva_progress_tile_get_level (VIVA_PROGRESS_TILE (widget)) == level;
}

static gboolean
is_level_row (GtkWidget *widget,
              gpointer   level)
{
  return VIVA_IS_PROGRESS_ROW (widget) &&
         viva_progress_row_get_topic (VIVA_PROGRESS_ROW (widget)) == NULL &&
         viva_progress_row_get_level (VIVA_PROGRESS_ROW (widget)) == level;
}

static gboolean
is_row_of_topic (GtkWidget *widget,
                 gpointer   topic)
{
  return VIVA_IS_PROGRESS_ROW (widget) && viva_progress_row_get_topic (VIVA_PROGRESS_ROW (widget)) == topic;
}

static gboolean
is_sidebar_row_of (GtkWidget *widget,
                   gpointer   item)
{
  return VIVA_IS_SIDEBAR_ROW (widget) && viva_sidebar_row_get_item (VIVA_SIDEBAR_ROW (widget)) == item;
}

static VivaQuestion *
question (Fixture *f,
          guint    number)
{
  VivaQuestion *found = viva_bank_lookup_question (viva_window_get_bank (f->window), number);

  g_assert_nonnull (found);
  return found;
}

/* Which of the window's modes shows: "study", "progress"… */
static const char *
visible_mode (VivaProgressView *view)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_parent (GTK_WIDGET (view))));
}

static VivaProgressView *
open_progress (Fixture *f)
{
  VivaProgressView *view;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.progress", NULL));
  viva_test_drain_main_loop ();
  view = viva_window_get_progress_view (f->window);
  viva_test_wait_mapped (GTK_WIDGET (view));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Progress");
  g_assert_cmpstr (visible_mode (view), ==, "progress");

  return view;
}

/* Escape, and the cross-fade to studying is over. */
static void
leave_progress (VivaProgressView *view)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "progress.leave", NULL));
  g_assert_cmpstr (visible_mode (view), ==, "study");
  while (gtk_widget_get_mapped (GTK_WIDGET (view)))
    g_main_context_iteration (NULL, TRUE);
}

static void
assert_tile (VivaProgressView *view,
             VivaTopic        *topic,
             const char       *count_text,
             guint             shade,
             const char       *accessible)
{
  GtkWidget *tile = find_widget (GTK_WIDGET (view), is_tile_of_topic, topic);

  g_assert_nonnull (tile);
  g_assert_cmpstr (viva_progress_tile_get_count_text (VIVA_PROGRESS_TILE (tile)), ==, count_text);
  g_assert_cmpuint (viva_progress_tile_get_shade (VIVA_PROGRESS_TILE (tile)), ==, shade);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (tile), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible);
}

static void
assert_sidebar_counts (Fixture    *f,
                       gpointer    item,
                       guint       n_confident,
                       guint       n_learning,
                       const char *accessible)
{
  GtkWidget *row = find_widget (GTK_WIDGET (viva_window_get_sidebar (f->window)), is_sidebar_row_of, item);
  g_autoptr(GPtrArray) bars = g_ptr_array_new ();
  VivaProgressCounts counts;

  g_assert_nonnull (row);
  collect_widgets (row, VIVA_TYPE_STACKED_BAR, bars);
  g_assert_cmpuint (bars->len, ==, 1);
  g_assert_true (gtk_widget_get_visible (bars->pdata[0]));
  viva_stacked_bar_get_counts (bars->pdata[0], &counts);
  g_assert_cmpuint (counts.n_confident, ==, n_confident);
  g_assert_cmpuint (counts.n_learning, ==, n_learning);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible);
}

/* The numbers, opened through the action and the menu's shortcut. */
static void
test_numbers_shown (void)
{
  Fixture f = { 0 };
  VivaProgressView *view;
  VivaQuestion *q36;
  GtkWidget *row;

  fixture_open (&f);
  view = open_progress (&f);
  q36 = question (&f, 36);

  /* 20 + 4 + 2 + 21 confident; 4 + 1 learning. */
  g_assert_cmpstr (viva_progress_view_get_summary_text (view), ==, "47 of 415 questions confident (11%)");

  row = find_widget (GTK_WIDGET (view), is_level_row, viva_question_get_level (q36));
  g_assert_nonnull (row);
  g_assert_cmpstr (viva_progress_row_get_counts_text (VIVA_PROGRESS_ROW (row)), ==,
                   "47 confident · 5 learning · 108 new");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Level 1: Beginner, all questions: about 0 of 160 likely recalled today; "
                                       "47 of 160 confident, 5 learning, 108 new");
  g_assert_cmpstr (viva_progress_row_get_recall_text (VIVA_PROGRESS_ROW (row)), ==,
                   "About 0 of 160 likely recalled today");

  row = find_widget (GTK_WIDGET (view), is_row_of_topic, viva_question_get_topic (q36));
  g_assert_nonnull (row);
  g_assert_cmpstr (viva_progress_row_get_counts_text (VIVA_PROGRESS_ROW (row)), ==,
                   "2 confident · 1 learning · 22 new");

  /* The map shades by expected recall, not by the statuses clicked:
   * nothing was ever reviewed, so nothing is likely recalled, Confident
   * or not (test_review_charts has a history); the statuses are in the
   * accessible name. */
  assert_tile (view, viva_question_get_topic (q36), "0 / 25", 0,
               "Level 1, Strings: about 0 of 25 likely recalled today; 2 of 25 confident, 1 learning, 22 new");
  assert_tile (view, viva_question_get_topic (question (&f, 1)), "0 / 20", 0,
               "Level 1, Core Concepts & Syntax: about 0 of 20 likely recalled today; "
               "20 of 20 confident, 0 learning, 0 new");
  assert_tile (view, viva_question_get_topic (question (&f, 76)), "0 / 25", 0,
               "Level 1, Lists: about 0 of 25 likely recalled today; 21 of 25 confident, 0 learning, 4 new");
  {
    GtkWidget *tile = find_widget (GTK_WIDGET (view), is_level_tile, viva_question_get_level (question (&f, 801)));

    g_assert_nonnull (tile);
    g_assert_cmpstr (viva_progress_tile_get_count_text (VIVA_PROGRESS_TILE (tile)), ==, "0 / 25");
    g_assert_cmpuint (viva_progress_tile_get_shade (VIVA_PROGRESS_TILE (tile)), ==, 0);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (tile), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "Level 5, All questions: about 0 of 25 likely recalled today; "
                                         "0 of 25 confident, 0 learning, 25 new");
  }

  /* One tile per topic, and one for each level without topics. */
  {
    g_autoptr(GPtrArray) tiles = g_ptr_array_new ();
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();

    collect_widgets (GTK_WIDGET (view), VIVA_TYPE_PROGRESS_TILE, tiles);
    collect_widgets (GTK_WIDGET (view), VIVA_TYPE_PROGRESS_ROW, rows);
    g_assert_cmpuint (tiles->len, ==, 18 + 2);
    g_assert_cmpuint (rows->len, ==, 6 + 18);
  }

  /* As after a key press: the focused tile shows its ring. */
  gtk_window_set_focus_visible (GTK_WINDOW (f.window), TRUE);
  viva_test_save_screenshot (GTK_WIDGET (f.window), "progress-light.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  viva_test_save_screenshot (GTK_WIDGET (f.window), "progress-dark.png");
  if (g_getenv ("VIVA_SCREENSHOT_DIR") != NULL)
    {
      /* The bars, further down. */
      GtkWidget *scrolled = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
      graphene_point_t point;

      g_assert_true (gtk_widget_compute_point (find_widget (GTK_WIDGET (view), is_level_row, viva_question_get_level (q36)),
                                               gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                               &GRAPHENE_POINT_INIT (0, 0), &point));
      gtk_adjustment_set_value (adjustment, point.y - 60);
      viva_test_save_screenshot (GTK_WIDGET (f.window), "progress-bars-dark.png");
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
      viva_test_save_screenshot (GTK_WIDGET (f.window), "progress-bars-light.png");
      gtk_adjustment_set_value (adjustment, 0);
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* The keyboard is on the map's first tile, so the arrows walk the
   * map and Escape reaches the page. */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f.window));

    g_assert_true (VIVA_IS_PROGRESS_TILE (focus));
    g_assert_true (viva_progress_tile_get_topic (VIVA_PROGRESS_TILE (focus)) == viva_question_get_topic (question (&f, 1)));
  }

  /* Escape (the page's leave action) goes back to studying; so does the
   * shortcut again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "progress.leave", NULL));
  viva_test_drain_main_loop ();
  g_assert_cmpstr (visible_mode (view), ==, "study");
  open_progress (&f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.progress", NULL));
  viva_test_drain_main_loop ();
  g_assert_cmpstr (visible_mode (view), ==, "study");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f.window)), ==, "Viva");

  fixture_close (&f);
}

/* A status set in the study view shows at once on the page and in the
 * sidebar; so does one set elsewhere (a mock interview's rating goes
 * through the notes store the same way). */
static void
test_follows_changes (void)
{
  Fixture f = { 0 };
  VivaProgressView *view;
  VivaQuestion *q39;
  VivaTopic *strings;
  VivaLevel *level1;
  GtkWidget *row;

  fixture_open (&f);
  view = open_progress (&f);
  q39 = question (&f, 39);
  strings = viva_question_get_topic (q39);
  level1 = viva_question_get_level (q39);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "progress.leave", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.show-question", "u", 39));
  viva_test_drain_main_loop ();
  g_assert_true (viva_window_get_question (f.window) == q39);

  /* Before: the sidebar's Strings and Level 1 rows. */
  assert_sidebar_counts (&f, strings, 2, 1,
                         "Strings, 2 of 25 confident, 1 learning, 22 new, notes on 0 of 25 questions");
  assert_sidebar_counts (&f, level1, 47, 5,
                         "Level 1: Beginner, 47 of 160 confident, 5 learning, 108 new, notes on 0 of 160 questions");

  /* Ctrl+3 in the study view. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.set-status", "s", "confident"));
  viva_test_drain_main_loop ();

  assert_sidebar_counts (&f, strings, 3, 1,
                         "Strings, 3 of 25 confident, 1 learning, 21 new, notes on 0 of 25 questions");
  assert_sidebar_counts (&f, level1, 48, 5,
                         "Level 1: Beginner, 48 of 160 confident, 5 learning, 107 new, notes on 0 of 160 questions");
  if (g_getenv ("VIVA_SCREENSHOT_DIR") != NULL)
    {
      GtkWidget *scrolled = find_widget (GTK_WIDGET (viva_window_get_sidebar (f.window)),
                                         is_scrolled_window, NULL);

      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), 0);
      viva_test_save_screenshot (GTK_WIDGET (f.window), "progress-sidebar.png");
    }

  /* The page followed while hidden. */
  assert_tile (view, strings, "0 / 25", 0,
               "Level 1, Strings: about 0 of 25 likely recalled today; 3 of 25 confident, 1 learning, 21 new");
  row = find_widget (GTK_WIDGET (view), is_level_row, level1);
  g_assert_cmpstr (viva_progress_row_get_counts_text (VIVA_PROGRESS_ROW (row)), ==,
                   "48 confident · 5 learning · 107 new");
  g_assert_cmpstr (viva_progress_view_get_summary_text (view), ==, "48 of 415 questions confident (11%)");

  /* Learning for the whole of Strings but the first few: the tile
   * follows while the page is open. */
  open_progress (&f);
  for (guint number = 40; number <= 60; number++)
    set_status (&f, number, VIVA_STATUS_CONFIDENT);
  viva_test_drain_main_loop ();
  assert_tile (view, strings, "0 / 25", 0,
               "Level 1, Strings: about 0 of 25 likely recalled today; 24 of 25 confident, 1 learning, 0 new");
  assert_sidebar_counts (&f, strings, 24, 1,
                         "Strings, 24 of 25 confident, 1 learning, 0 new, notes on 0 of 25 questions");

  /* Writing a note changes the notes count, not the statuses. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "progress.leave", NULL));
  viva_note_set_text (viva_notes_store_get_note (f.notes, VIVA_BUNDLED_BANK_ID, 39), "Half-open");
  viva_test_drain_main_loop ();
  assert_sidebar_counts (&f, strings, 24, 1,
                         "Strings, 24 of 25 confident, 1 learning, 0 new, notes on 1 of 25 questions");

  fixture_close (&f);
}

static gboolean
topic_expanded_in_sidebar (Fixture   *f,
                           VivaTopic *topic)
{
  GtkTreeListModel *model = viva_sidebar_get_tree_model (viva_window_get_sidebar (f->window));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (model, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (item == (GObject *) topic)
        return gtk_tree_list_row_get_expanded (row);
    }

  return FALSE;
}

/* Activating a weak area opens it in the study view, at the first
 * question that is not confident yet, with its topic open in the
 * sidebar. */
static void
test_activate_opens_topic (void)
{
  Fixture f = { 0 };
  VivaProgressView *view;
  VivaTopic *strings;
  GtkWidget *tile;
  GtkWidget *row;

  fixture_open (&f);
  view = open_progress (&f);
  strings = viva_question_get_topic (question (&f, 36));

  tile = find_widget (GTK_WIDGET (view), is_tile_of_topic, strings);
  g_assert_nonnull (tile);
  g_assert_false (topic_expanded_in_sidebar (&f, strings));

  /* As Enter or a click on the tile does. */
  g_assert_true (gtk_widget_get_focusable (tile));
  gtk_widget_activate (tile);
  viva_test_drain_main_loop ();

  g_assert_cmpstr (visible_mode (view), ==, "study");
  g_assert_nonnull (viva_window_get_question (f.window));
  g_assert_cmpuint (viva_question_get_number (viva_window_get_question (f.window)), ==, 38);
  g_assert_true (topic_expanded_in_sidebar (&f, strings));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f.window)), ==, "Question 38");

  /* A level's row, from the list of bars: its first question not
   * confident, here after the 20 of Core Concepts. */
  view = open_progress (&f);
  row = find_widget (GTK_WIDGET (view), is_level_row, viva_question_get_level (question (&f, 1)));
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  viva_test_drain_main_loop ();
  g_assert_cmpuint (viva_question_get_number (viva_window_get_question (f.window)), ==, 22);

  /* The tile of a level without topics. */
  view = open_progress (&f);
  set_status (&f, 801, VIVA_STATUS_CONFIDENT);
  tile = find_widget (GTK_WIDGET (view), is_level_tile, viva_question_get_level (question (&f, 801)));
  gtk_widget_activate (tile);
  viva_test_drain_main_loop ();
  g_assert_cmpuint (viva_question_get_number (viva_window_get_question (f.window)), ==, 802);

  fixture_close (&f);
}

/* Another bank, opened while the page is hidden, is what the page shows
 * next; a level with questions outside its topics gets a tile for them. */
static void
test_other_bank (void)
{
  static const char markdown[] =
    "# Small bank\n\n"
    "## Level 1: Mixed\n\n"
    "**Question 1:** Loose one?\n\n"
    "**Question 2:** Loose two?\n\n"
    "### Topic A\n\n"
    "**Question 3:** Three?\n\n"
    "**Question 4:** Four?\n\n"
    "## Level 2: Plain\n\n"
    "**Question 5:** Five?\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (markdown, sizeof markdown - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaBank) bank = viva_bank_new_from_bytes (bytes, "small", &error);
  g_autoptr(GPtrArray) tiles = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  Fixture f = { 0 };
  VivaProgressView *view;
  VivaLevel *mixed;
  GtkWidget *tile;

  g_assert_no_error (error);
  fixture_open (&f);
  view = open_progress (&f);
  leave_progress (view);

  viva_note_set_status (viva_notes_store_get_note (f.notes, "small", 1), VIVA_STATUS_CONFIDENT);
  viva_window_set_bank (f.window, bank);
  view = open_progress (&f);
  g_assert_cmpstr (viva_progress_view_get_summary_text (view), ==, "1 of 5 questions confident (20%)");

  collect_widgets (GTK_WIDGET (view), VIVA_TYPE_PROGRESS_TILE, tiles);
  collect_widgets (GTK_WIDGET (view), VIVA_TYPE_PROGRESS_ROW, rows);
  g_assert_cmpuint (tiles->len, ==, 3);
  g_assert_cmpuint (rows->len, ==, 3);

  mixed = viva_question_get_level (viva_bank_lookup_question (bank, 1));
  tile = find_widget (GTK_WIDGET (view), is_level_tile, mixed);
  g_assert_nonnull (tile);
  g_assert_cmpstr (viva_progress_tile_get_count_text (VIVA_PROGRESS_TILE (tile)), ==, "0 / 2");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (tile), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Level 1, Other questions: about 0 of 2 likely recalled today; "
                                       "1 of 2 confident, 0 learning, 1 new");

  /* Its first question not yet confident. */
  gtk_widget_activate (tile);
  viva_test_drain_main_loop ();
  g_assert_cmpuint (viva_question_get_number (viva_window_get_question (f.window)), ==, 2);

  fixture_close (&f);
}

/* The pages that show the open bank (the sidebar, the progress page, the
 * mock interview's setup and summary) take the one context and follow
 * its bank themselves: opening a bank is setting the context's, and
 * nothing pushes it into them. */
static void
test_pages_follow_context (void)
{
  static const char markdown[] =
    "# Small bank\n\n"
    "## Level 1: Mixed\n\n"
    "**Question 1:** Loose one?\n\n"
    "**Question 2:** Loose two?\n\n"
    "## Level 2: Plain\n\n"
    "**Question 3:** Three?\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (markdown, sizeof markdown - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaBank) small = viva_bank_new_from_bytes (bytes, "small", &error);
  g_autoptr(VivaBank) bundled = viva_bank_new_bundled (&error);
  g_autofree char *path = NULL;
  g_autoptr(VivaNotesStore) notes = NULL;
  g_autoptr(VivaContext) context = NULL;
  g_autoptr(GtkWidget) sidebar = NULL;
  g_autoptr(GtkWidget) progress = NULL;
  g_autoptr(GtkWidget) setup_page = NULL;
  g_autoptr(GtkWidget) summary_page = NULL;
  VivaScopeList *scope_list;
  VivaContext *held = NULL;

  g_assert_no_error (error);
  viva_test_reset_user_data ();
  path = g_build_filename (g_get_user_data_dir (), APP_ID, "notes.json", NULL);
  notes = viva_notes_store_new (path);
  viva_notes_store_load (notes, NULL);
  viva_note_set_status (viva_notes_store_get_note (notes, "small", 3), VIVA_STATUS_CONFIDENT);
  context = g_object_new (VIVA_TYPE_CONTEXT, "notes-store", notes, NULL);

  sidebar = g_object_ref_sink (g_object_new (VIVA_TYPE_SIDEBAR, "context", context, NULL));
  progress = g_object_ref_sink (g_object_new (VIVA_TYPE_PROGRESS_VIEW, "context", context, NULL));
  setup_page = g_object_ref_sink (g_object_new (VIVA_TYPE_MOCK_SETUP_PAGE, "context", context, NULL));
  summary_page = g_object_ref_sink (g_object_new (VIVA_TYPE_MOCK_SUMMARY_PAGE, "context", context, NULL));
  scope_list = viva_mock_setup_page_get_scope_list (VIVA_MOCK_SETUP_PAGE (setup_page));

  g_object_get (summary_page, "context", &held, NULL);
  g_assert_true (held == context);
  g_clear_object (&held);
  g_assert_null (viva_sidebar_get_bank (VIVA_SIDEBAR (sidebar)));
  g_assert_true (viva_sidebar_get_notes_store (VIVA_SIDEBAR (sidebar)) == notes);
  g_assert_null (viva_progress_view_get_progress (VIVA_PROGRESS_VIEW (progress)));
  g_assert_null (viva_scope_list_get_bank (scope_list));

  viva_context_set_bank (context, bundled);
  g_assert_true (viva_sidebar_get_bank (VIVA_SIDEBAR (sidebar)) == bundled);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (viva_sidebar_get_tree_model (VIVA_SIDEBAR (sidebar)))), ==,
                    g_list_model_get_n_items (viva_bank_get_levels (bundled)));
  g_assert_true (viva_progress_get_bank (viva_progress_view_get_progress (VIVA_PROGRESS_VIEW (progress))) == bundled);
  g_assert_cmpstr (viva_progress_view_get_summary_text (VIVA_PROGRESS_VIEW (progress)), ==,
                   "0 of 415 questions confident (0%)");
  g_assert_true (viva_scope_list_get_bank (scope_list) == bundled);

  viva_context_set_bank (context, small);
  g_assert_true (viva_sidebar_get_bank (VIVA_SIDEBAR (sidebar)) == small);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (viva_sidebar_get_tree_model (VIVA_SIDEBAR (sidebar)))), ==, 2);
  g_assert_true (viva_progress_get_bank (viva_progress_view_get_progress (VIVA_PROGRESS_VIEW (progress))) == small);
  g_assert_cmpstr (viva_progress_view_get_summary_text (VIVA_PROGRESS_VIEW (progress)), ==,
                   "1 of 3 questions confident (33%)");
  g_assert_true (viva_scope_list_get_bank (scope_list) == small);
  g_assert_nonnull (viva_scope_list_get_row (scope_list, 2));

  g_assert_true (viva_notes_store_flush (notes, NULL));
}

/* A screen reader has a name for every control, tile and row, and
 * every tile and row can take the keyboard focus. */
static void
test_accessible (void)
{
  Fixture f = { 0 };
  g_autoptr(GString) unnamed = g_string_new (NULL);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  VivaProgressView *view;

  fixture_open (&f);
  view = open_progress (&f);

  viva_test_collect_unnamed_controls (GTK_WIDGET (view), unnamed);
  g_assert_cmpstr (unnamed->str, ==, "");

  collect_widgets (GTK_WIDGET (view), VIVA_TYPE_PROGRESS_TILE, items);
  collect_widgets (GTK_WIDGET (view), VIVA_TYPE_PROGRESS_ROW, items);
  collect_widgets (GTK_WIDGET (view), VIVA_TYPE_STACKED_BAR, items);
  g_assert_cmpuint (items->len, >, 0);

  for (guint i = 0; i < items->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (items, i);

      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL));
      if (!VIVA_IS_STACKED_BAR (widget))
        g_assert_true (gtk_widget_get_focusable (widget));
    }

  fixture_close (&f);
}

#define DAY (24 * G_TIME_SPAN_HOUR)

/* Wednesday 25 November 2026, noon UTC (main() sets TZ=UTC). */
static gint64
history_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 25, 12, 0, 0);

  return g_date_time_to_unix (now) * G_USEC_PER_SEC;
}

static void
append_time (GString    *json,
             const char *member,
             gint64      time)
{
  g_autoptr(GDateTime) date_time = g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC);
  g_autofree char *text = g_date_time_format_iso8601 (date_time);

  g_string_append_printf (json, "\"%s\": \"%s\"", member, text);
}

/* A question with reviews at @times (oldest first) and due at @due, as
 * notes.json version 2 keeps it. */
static void
append_reviewed_note (GString      *json,
                      guint         number,
                      const gint64 *times,
                      guint         n_times,
                      gint64        due)
{
  g_string_append_printf (json, "%s\"%u\": { \"text\": \"\", \"status\": \"learning\", \"starred\": false, ",
                          json->str[json->len - 1] == '{' ? "" : ", ", number);
  append_time (json, "modified", times[n_times - 1]);
  g_string_append (json, ", \"review\": { ");
  append_time (json, "due", due);
  g_string_append (json, ", ");
  append_time (json, "last-review", times[n_times - 1]);
  g_string_append_printf (json, ", \"interval\": %u, \"ease\": 2500, \"repetitions\": 1, \"lapses\": 0 }, \"history\": [",
                          (guint) MAX (1, (due - times[n_times - 1]) / DAY));
  for (guint i = 0; i < n_times; i++)
    {
      g_string_append (json, i > 0 ? ", { " : "{ ");
      append_time (json, "time", times[i]);
      g_string_append (json, ", \"grade\": \"good\", \"source\": \"review\" }");
    }
  g_string_append (json, "] }");
}

/* A scripted history: question 1 reviewed today and on the three days
 * before, and six days in a row a hundred days ago; question 2 three
 * times today; questions 3 to 9 due from two days ago to in 40 days. */
static char *
scripted_history (gint64 now)
{
  GString *json = g_string_new ("{ \"format\": \"viva-notes\", \"version\": 2, \"banks\": { \""
                                VIVA_BUNDLED_BANK_ID "\": {");
  gint64 q1[10];
  const gint64 q2[] = { now - 3 * G_TIME_SPAN_HOUR, now - 2 * G_TIME_SPAN_HOUR, now - G_TIME_SPAN_HOUR };
  const gint64 last_week = now - 7 * DAY;

  for (guint i = 0; i < 6; i++)
    q1[i] = now - (105 - i) * DAY;
  for (guint i = 0; i < 4; i++)
    q1[6 + i] = now - (3 - i) * DAY - 3 * G_TIME_SPAN_HOUR;

  append_reviewed_note (json, 1, q1, G_N_ELEMENTS (q1), now + 60 * DAY);
  append_reviewed_note (json, 2, q2, G_N_ELEMENTS (q2), now + 60 * DAY);
  /* Overdue and due tonight: today; then tomorrow, in five days (three
   * of them) and in forty. Reviewed a week ago, outside the calendar's
   * busiest days. */
  append_reviewed_note (json, 3, &last_week, 1, now - 2 * DAY);
  append_reviewed_note (json, 4, &last_week, 1, now + 8 * G_TIME_SPAN_HOUR);
  append_reviewed_note (json, 5, &last_week, 1, now + DAY);
  append_reviewed_note (json, 6, &last_week, 1, now + 5 * DAY);
  append_reviewed_note (json, 7, &last_week, 1, now + 5 * DAY);
  append_reviewed_note (json, 8, &last_week, 1, now + 5 * DAY);
  append_reviewed_note (json, 9, &last_week, 1, now + 40 * DAY);
  g_string_append (json, "} } }");

  return g_string_free (json, FALSE);
}

static VivaProgressView *
open_progress_with_history (Fixture    *f,
                            VivaClock **out_clock)
{
  g_autoptr(VivaContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *json = NULL;
  gint64 now = history_now ();

  reset_data ();
  dir = g_build_filename (g_get_user_data_dir (), APP_ID, NULL);
  path = g_build_filename (dir, "notes.json", NULL);
  json = scripted_history (now);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, json, -1, &error));
  g_assert_no_error (error);

  f->notes = viva_notes_store_new (path);
  viva_notes_store_load (f->notes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (viva_notes_store_lookup_note (f->notes, VIVA_BUNDLED_BANK_ID, 9));
  viva_notes_store_set_autosave_delay (f->notes, 50);

  *out_clock = viva_clock_new_fake (now);
  context = g_object_new (VIVA_TYPE_CONTEXT, "notes-store", f->notes, "clock", *out_clock, NULL);
  f->window = viva_window_new (NULL, context);
  g_object_ref_sink (f->window);
  viva_window_restore_session (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  viva_test_wait_mapped (GTK_WIDGET (f->window));
  viva_test_drain_main_loop ();

  return open_progress (f);
}

static gpointer
find_of_type (GtkWidget *root,
              GType      type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_widgets (root, type, found);
  g_assert_cmpuint (found->len, ==, 1);

  return found->pdata[0];
}

/* The sum of the chances of recall of questions 1 to @last, now, as
 * the model gives them one by one. */
static double
expected_recall (Fixture                   *f,
                 const VivaSchedulerConfig *config,
                 guint                      last)
{
  double sum = 0;

  for (guint number = 1; number <= last; number++)
    {
      VivaNote *note = viva_notes_store_lookup_note (f->notes, VIVA_BUNDLED_BANK_ID, number);
      double r = viva_scheduler_retrievability (config, viva_note_get_review_state (note), history_now ());

      g_assert_cmpfloat (r, >=, 0);
      sum += r;
    }

  return sum;
}

/* The charts count a scripted history as a screen reader hears them,
 * and follow a review made while the page shows. */
static void
test_review_charts (void)
{
  Fixture f = { 0 };
  g_autoptr(VivaClock) clock = NULL;
  VivaProgressView *view;
  VivaForecastChart *forecast;
  VivaActivityCalendar *calendar;
  const VivaReviewForecast *due;
  const VivaReviewActivity *activity;
  guint today;

  view = open_progress_with_history (&f, &clock);
  forecast = find_of_type (GTK_WIDGET (view), VIVA_TYPE_FORECAST_CHART);
  calendar = find_of_type (GTK_WIDGET (view), VIVA_TYPE_ACTIVITY_CALENDAR);

  due = viva_forecast_chart_get_forecast (forecast);
  g_assert_cmpuint (due->due[0], ==, 2);
  g_assert_cmpuint (due->due[1], ==, 1);
  g_assert_cmpuint (due->due[5], ==, 3);
  g_assert_cmpuint (due->total, ==, 6);
  g_assert_cmpuint (due->later, ==, 3);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (forecast), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (forecast), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Reviews due in the next 30 days: 2 today, 1 tomorrow, 6 within 7 days; "
                                       "6 in all, at most 3 on a day");

  activity = viva_activity_calendar_get_activity (calendar);
  today = viva_review_activity_get_n_days (activity) - 1;
  g_assert_cmpuint (viva_review_activity_get_count (activity, today), ==, 4);
  g_assert_cmpuint (viva_review_activity_get_count (activity, today - 1), ==, 1);
  g_assert_cmpuint (viva_review_activity_get_count (activity, today - 7), ==, 7);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (calendar), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (calendar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "20 reviews on 11 days in the last year, at most 7 on a day "
                                       "(Wednesday 18 November 2026)");
  g_assert_cmpstr (viva_progress_view_get_streak_text (view), ==, "4 days, Longest: 6 days");

  /* Each day's cell and each bar says its number where it is drawn. */
  {
    graphene_rect_t bounds;
    int day = -1;

    g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (calendar), GTK_WIDGET (calendar), &bounds));
    for (double x = 0; x < bounds.size.width && day != (int) today; x += 2)
      for (double y = 0; y < bounds.size.height && day != (int) today; y += 2)
        day = viva_activity_calendar_get_day_at (calendar, x, y);
    g_assert_cmpint (day, ==, today);
    g_assert_cmpint (viva_forecast_chart_get_day_at (forecast, gtk_widget_get_width (GTK_WIDGET (forecast)) - 1), ==, 29);
  }

  if (g_getenv ("VIVA_SCREENSHOT_DIR") != NULL)
    {
      GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (forecast), GTK_TYPE_SCROLLED_WINDOW);
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
      graphene_point_t point;

      gtk_window_set_default_size (GTK_WINDOW (f.window), 1100, 1000);
      viva_test_drain_main_loop ();
      viva_test_save_screenshot (GTK_WIDGET (f.window), "progress-recall-light.png");
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
      viva_test_save_screenshot (GTK_WIDGET (f.window), "progress-recall-dark.png");
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
      g_assert_true (gtk_widget_compute_point (GTK_WIDGET (forecast),
                                               gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                               &GRAPHENE_POINT_INIT (0, 0), &point));
      gtk_adjustment_set_value (adjustment, point.y - 120);
      viva_test_save_screenshot (GTK_WIDGET (f.window), "progress-charts-light.png");
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
      viva_test_save_screenshot (GTK_WIDGET (f.window), "progress-charts-dark.png");
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
      gtk_adjustment_set_value (adjustment, 0);
    }

  /* Expected recall: questions 1 to 9, all of Core Concepts, have a
   * memory (replayed from their history as the file was read); the
   * rest of the bank counts none. */
  {
    VivaQuestion *q1 = question (&f, 1);
    VivaSchedulerConfig config;
    g_autofree char *summary = NULL;
    g_autofree char *count = NULL;
    g_autofree char *level_text = NULL;
    GtkWidget *tile;
    GtkWidget *row;
    double expected;

    viva_scheduler_config_init (&config);
    expected = expected_recall (&f, &config, 9);
    g_assert_cmpfloat (expected, >, 1);
    g_assert_cmpfloat (expected, <, 9);

    summary = g_strdup_printf ("You would answer about %ld of 415 questions today", lround (expected));
    g_assert_cmpstr (viva_progress_view_get_recall_text (view), ==, summary);

    tile = find_widget (GTK_WIDGET (view), is_tile_of_topic, viva_question_get_topic (q1));
    count = g_strdup_printf ("%ld / 20", lround (expected));
    g_assert_cmpstr (viva_progress_tile_get_count_text (VIVA_PROGRESS_TILE (tile)), ==, count);
    /* Shaded by it, not by the statuses (all Learning). */
    g_assert_cmpuint (viva_progress_tile_get_shade (VIVA_PROGRESS_TILE (tile)), >, 0);
    assert_tile (view, viva_question_get_topic (question (&f, 36)), "0 / 25", 0,
                 "Level 1, Strings: about 0 of 25 likely recalled today; 0 of 25 confident, 0 learning, 25 new");

    row = find_widget (GTK_WIDGET (view), is_level_row, viva_question_get_level (q1));
    level_text = g_strdup_printf ("About %ld of 160 likely recalled today", lround (expected));
    g_assert_cmpstr (viva_progress_row_get_recall_text (VIVA_PROGRESS_ROW (row)), ==, level_text);

    /* Other parameters (as Optimize would store) predict another recall,
     * and the page follows at once. */
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);
      g_autofree char *changed = NULL;
      double w[VIVA_FSRS_N_PARAMS];
      double faster;

      memcpy (w, viva_fsrs_default_parameters, sizeof w);
      /* A memory that fades faster. */
      w[20] = 0.6;
      g_settings_set_value (settings, "fsrs-parameters",
                            g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, w, VIVA_FSRS_N_PARAMS, sizeof (double)));
      viva_test_drain_main_loop ();

      memcpy (config.w, w, sizeof w);
      faster = expected_recall (&f, &config, 9);
      g_assert_cmpint (lround (faster), !=, lround (expected));
      changed = g_strdup_printf ("You would answer about %ld of 415 questions today", lround (faster));
      g_assert_cmpstr (viva_progress_view_get_recall_text (view), ==, changed);
      g_settings_reset (settings, "fsrs-parameters");
      viva_test_drain_main_loop ();
      g_assert_cmpstr (viva_progress_view_get_recall_text (view), ==, summary);
    }
  }

  /* Question 5, due tomorrow, reviewed now: one more today on the
   * calendar, and it leaves tomorrow's bar. */
  viva_note_review (viva_notes_store_get_note (f.notes, VIVA_BUNDLED_BANK_ID, 5),
                    VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW, history_now ());
  viva_test_drain_main_loop ();
  activity = viva_activity_calendar_get_activity (calendar);
  g_assert_cmpuint (viva_review_activity_get_count (activity, today), ==, 5);
  due = viva_forecast_chart_get_forecast (forecast);
  g_assert_cmpuint (due->due[1], ==, 0);

  fixture_close (&f);
}

/* The charts fit the narrowest window (its width-request, 360 pixels,
 * less the page's margins and the cards' padding, 2 x 36): wider ones
 * would widen the whole window, whatever page it shows. */
static void
test_narrow (void)
{
  Fixture f = { 0 };
  g_autoptr(VivaClock) clock = NULL;
  VivaProgressView *view;
  int minimum;
  int natural;

  view = open_progress_with_history (&f, &clock);
  gtk_widget_measure (find_of_type (GTK_WIDGET (view), VIVA_TYPE_ACTIVITY_CALENDAR), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360 - 2 * 36);
  gtk_widget_measure (find_of_type (GTK_WIDGET (view), VIVA_TYPE_FORECAST_CHART), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360 - 2 * 36);

  gtk_window_set_default_size (GTK_WINDOW (f.window), 360, 700);
  viva_test_drain_main_loop ();
  if (g_getenv ("VIVA_SCREENSHOT_DIR") != NULL)
    {
      GtkWidget *calendar = find_of_type (GTK_WIDGET (view), VIVA_TYPE_ACTIVITY_CALENDAR);
      GtkWidget *scrolled = gtk_widget_get_ancestor (calendar, GTK_TYPE_SCROLLED_WINDOW);
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
      graphene_point_t point;

      g_assert_true (gtk_widget_compute_point (calendar, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                               &GRAPHENE_POINT_INIT (0, 0), &point));
      gtk_adjustment_set_value (adjustment, point.y - 60);
      viva_test_save_screenshot (GTK_WIDGET (f.window), "progress-narrow.png");
    }

  fixture_close (&f);
}

/* What the question view says under the status, as the model says
 * it, for a question due tomorrow, one overdue, one never reviewed; and
 * after a grade. */
static void
test_question_memory (void)
{
  Fixture f = { 0 };
  g_autoptr(VivaClock) clock = NULL;
  VivaQuestionView *question_view;
  VivaProgressView *view;
  const struct {
    guint       number;
    const char *ends;
  } cases[] = {
    { 5, "ext review in 1 day" },
    { 3, "verdue by 2 days" },
    { 4, "ue today" },
    { 9, "ext review in 40 days" },
  };

  view = open_progress_with_history (&f, &clock);
  leave_progress (view);
  question_view = viva_window_get_question_view (f.window);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      VivaNote *note = viva_notes_store_get_note (f.notes, VIVA_BUNDLED_BANK_ID, cases[i].number);
      VivaSchedulerConfig config;
      g_autofree char *expected = NULL;
      const char *text;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.show-question", "u", cases[i].number));
      viva_test_drain_main_loop ();
      text = viva_question_view_get_memory_text (question_view);
      g_assert_nonnull (text);
      g_assert_true (g_str_has_suffix (text, cases[i].ends));

      /* The chance of recall is the model's, at the context's clock. */
      viva_scheduler_config_init (&config);
      expected = viva_review_describe_next (viva_note_get_review_state (note),
                                            viva_scheduler_retrievability (&config, viva_note_get_review_state (note),
                                                                           history_now ()),
                                            history_now (), NULL, VIVA_REVIEW_DAY_START_HOUR);
      g_assert_cmpstr (text, ==, expected);
    }

  /* Question 9 shows: other parameters, another chance of recall. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_autofree char *before = g_strdup (viva_question_view_get_memory_text (question_view));
    double w[VIVA_FSRS_N_PARAMS];

    viva_test_save_screenshot (GTK_WIDGET (f.window), "question-memory-light.png");
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
    viva_test_save_screenshot (GTK_WIDGET (f.window), "question-memory-dark.png");
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

    memcpy (w, viva_fsrs_default_parameters, sizeof w);
    w[20] = 0.6;
    g_settings_set_value (settings, "fsrs-parameters",
                          g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, w, VIVA_FSRS_N_PARAMS, sizeof (double)));
    viva_test_drain_main_loop ();
    g_assert_cmpstr (viva_question_view_get_memory_text (question_view), !=, before);
    g_assert_true (g_str_has_suffix (viva_question_view_get_memory_text (question_view), "ext review in 40 days"));
    g_settings_reset (settings, "fsrs-parameters");
    viva_test_drain_main_loop ();
    g_assert_cmpstr (viva_question_view_get_memory_text (question_view), ==, before);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.show-question", "u", 10));
  viva_test_drain_main_loop ();
  g_assert_cmpstr (viva_question_view_get_memory_text (question_view), ==, "Not reviewed yet");

  /* Graded Again now: due again today, minutes from now. */
  viva_note_review (viva_notes_store_get_note (f.notes, VIVA_BUNDLED_BANK_ID, 10),
                    VIVA_REVIEW_GRADE_AGAIN, VIVA_REVIEW_SOURCE_REVIEW, history_now ());
  viva_test_drain_main_loop ();
  g_assert_true (g_str_has_suffix (viva_question_view_get_memory_text (question_view), "ue today"));

  fixture_close (&f);
}

/* Time spent by this thread: the machines that run the tests are shared,
 * and wall time there says more about the neighbours than about us. */
static double
cpu_msec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1000000.0;
}

typedef struct
{
  gint64 wall;
  double cpu;
} Stopwatch;

static void
stopwatch_start (Stopwatch *watch)
{
  watch->wall = g_get_monotonic_time ();
  watch->cpu = cpu_msec ();
}

static void
stopwatch_report (Stopwatch  *watch,
                  guint       n,
                  const char *what)
{
  double wall = (g_get_monotonic_time () - watch->wall) / 1000.0 / n;
  double cpu = (cpu_msec () - watch->cpu) / n;

  g_test_minimized_result (cpu, "%s: %.3f ms of CPU (%.3f ms wall)", what, cpu, wall);
}

/* "-m perf": a bank of 100,000 questions (10 levels of 20 topics) with
 * notes on a tenth of them. Prints how long the page takes to build and
 * to show, and what one change costs with the page on screen; asserts
 * nothing about time. */
static void
test_perf_100k (void)
{
  g_autoptr(GString) markdown = g_string_new ("# Generated bank\n\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaBank) bank = NULL;
  Fixture f = { 0 };
  VivaProgressView *view;
  Stopwatch watch;
  guint number = 1;
  const guint n_changes = 20000;
  const guint n_drawn_changes = 500;

  for (guint level = 1; level <= 10; level++)
    {
      g_string_append_printf (markdown, "## Level %u: Generated (Questions)\n\n", level);
      for (guint topic = 1; topic <= 20; topic++)
        {
          g_string_append_printf (markdown, "### Topic %u.%u\n\n", level, topic);
          for (guint q = 0; q < 500; q++, number++)
            g_string_append_printf (markdown, "**Question %u:** What does `x[%u:%u]` return?\n\n",
                                    number, q, q + 3);
        }
    }
  bytes = g_string_free_to_bytes (g_steal_pointer (&markdown));
  bank = viva_bank_new_from_bytes (bytes, "perf", &error);
  g_assert_no_error (error);

  fixture_open (&f);

  /* The bundled bank, for comparison. */
  stopwatch_start (&watch);
  view = open_progress (&f);
  stopwatch_report (&watch, 1, "build and show the page, bundled bank (6 levels, 18 topics)");
  leave_progress (view);

  viva_notes_store_set_autosave_delay (f.notes, 60 * 1000);
  for (number = 1; number <= 100000; number += 10)
    viva_note_set_status (viva_notes_store_get_note (f.notes, "perf", number), 1 + (number / 10) % 2);

  stopwatch_start (&watch);
  viva_window_set_bank (f.window, bank);
  stopwatch_report (&watch, 1, "open a 100,000-question bank with 10,000 notes, the page hidden: notes applied and counted");
  viva_test_drain_main_loop ();

  stopwatch_start (&watch);
  open_progress (&f);
  stopwatch_report (&watch, 1, "then show the page: built, styled, laid out and drawn, 10 levels, 200 topics");
  g_assert_cmpstr (viva_progress_view_get_summary_text (view), ==, "5000 of 100000 questions confident (5%)");

  /* What a change costs the model and the widgets it touches, before
   * drawing: the same on any bank. */
  stopwatch_start (&watch);
  for (guint i = 0; i < n_changes; i++)
    viva_note_set_status (viva_notes_store_get_note (f.notes, "perf", 1 + (i * 7919) % 100000), i % 3);
  stopwatch_report (&watch, n_changes, "one status change: notes, counts, the rows and tile it touches");
  viva_test_drain_main_loop ();

  /* And with the next frame drawn each time. */
  stopwatch_start (&watch);
  for (guint i = 0; i < n_drawn_changes; i++)
    {
      viva_note_set_status (viva_notes_store_get_note (f.notes, "perf", 1 + (i * 7919) % 100000), (i + 1) % 3);
      viva_test_drain_main_loop ();
    }
  stopwatch_report (&watch, n_drawn_changes, "one status change with the page on screen, laid out and drawn");

  fixture_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  /* Review days in UTC, whatever the machine: the scripted history's
   * days are written for it (test-review-stats checks other zones). */
  g_setenv ("TZ", "UTC", TRUE);
  viva_test_init_ui (&argc, &argv);
  viva_test_load_app_style ();

  g_test_add_func ("/progress/numbers-shown", test_numbers_shown);
  g_test_add_func ("/progress/follows-changes", test_follows_changes);
  g_test_add_func ("/progress/activate-opens-topic", test_activate_opens_topic);
  g_test_add_func ("/progress/other-bank", test_other_bank);
  g_test_add_func ("/progress/pages-follow-context", test_pages_follow_context);
  g_test_add_func ("/progress/accessible", test_accessible);
  g_test_add_func ("/progress/review-charts", test_review_charts);
  g_test_add_func ("/progress/question-memory", test_question_memory);
  g_test_add_func ("/progress/narrow", test_narrow);
  if (g_test_perf ())
    g_test_add_func ("/progress/perf/100k", test_perf_100k);

  return g_test_run ();
}
