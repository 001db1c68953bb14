/* viva-sidebar.c
 *
 * The tree of levels, topics and questions, the search field that
 * narrows it and the filters menu beside it. The tree is a
 * GtkTreeListModel over the bank's own lists. A search runs once over
 * the whole bank and its notes (VivaSearchIndex) when the text or a
 * filter changes, and while it shows, the list view shows its result as
 * a flat list of headers and questions (VivaSidebarResults) instead of
 * the tree, which keeps its expansion and selection for when the search
 * ends.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "viva-bank.h"
#include "viva-context.h"
#include "viva-level.h"
#include "viva-notes-store.h"
#include "viva-progress.h"
#include "viva-query.h"
#include "viva-question.h"
#include "viva-search.h"
#include "viva-sidebar-private.h"
#include "viva-topic.h"


G_DEFINE_FINAL_TYPE (VivaSidebar, viva_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_BANK,
  PROP_NOTES_STORE,
  PROP_QUERY,
  PROP_FILTER_STARRED,
  PROP_FILTER_HAS_NOTES,
  PROP_FILTER_DUE,
  PROP_FILTER_NEW,
  PROP_FILTER_LEARNING,
  PROP_FILTER_CONFIDENT,
  PROP_FILTER_LEVEL,
  N_PROPS
};

enum {
  QUESTION_ACTIVATED,
  N_SIGNALS
};

static void viva_sidebar_set_context     (VivaSidebar *self,
                                          VivaContext *context);
static void viva_sidebar_context_bank_cb (VivaSidebar *self,
                                          GParamSpec  *pspec,
                                          VivaContext *context);

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GListModel *
viva_sidebar_create_child_model (gpointer item,
                                 gpointer user_data)
{
  if (VIVA_IS_LEVEL (item))
    return g_object_ref (viva_level_get_children (item));

  if (VIVA_IS_TOPIC (item))
    return g_object_ref (viva_topic_get_questions (item));

  /* Questions are leaves. */
  return NULL;
}

/* Returns the row showing @item among the children of @parent (the
 * top-level rows when @parent is %NULL), or %NULL when it is filtered out. */
static GtkTreeListRow *
viva_sidebar_find_child_row (GtkTreeListModel *model,
                             GtkTreeListRow   *parent,
                             gpointer          item)
{
  for (guint i = 0; ; i++)
    {
      g_autoptr(GtkTreeListRow) row = NULL;
      g_autoptr(GObject) row_item = NULL;

      if (parent == NULL)
        row = gtk_tree_list_model_get_child_row (model, i);
      else
        row = gtk_tree_list_row_get_child_row (parent, i);

      if (row == NULL)
        return NULL;

      row_item = gtk_tree_list_row_get_item (row);
      if (row_item == item)
        return g_steal_pointer (&row);
    }
}

/* The level, topic or question a row of the list view shows, in the
 * tree (where the list's items are GtkTreeListRows) or in the search's
 * result. */
static GObject *
viva_sidebar_dup_list_item (gpointer list_item)
{
  if (list_item == NULL)
    return NULL;

  if (GTK_IS_TREE_LIST_ROW (list_item))
    return gtk_tree_list_row_get_item (list_item);

  if (VIVA_IS_SIDEBAR_SLOT (list_item))
    return g_object_ref (viva_sidebar_slot_get_item (list_item));

  return g_object_ref (list_item);
}

/* The list view the user sees, or would see but for an empty result:
 * the tree's, or the search result's. */
GtkListView *
_viva_sidebar_get_shown_view (VivaSidebar *self)
{
  return self->filtering ? self->results_view : self->list_view;
}

/* Shows the tree, the search's result, or the page that says nothing
 * matches.
 *
 * The tree and the result each have a list view. One list view whose
 * model was swapped destroyed its list items and made new ones for the
 * other model, each then bound and styled anew: at 100,000 questions
 * that was most of a search's first letter (callgrind, "d": the swap 58
 * of 237 million instructions, and much of the rows' styling and
 * measuring after it). The result's list view keeps its list items,
 * bound to the result's slots, when a search ends: hidden, it holds the
 * last result until the next search refills its slots, as the letters
 * after the first do. The tree's list view is not touched by a search.
 *
 * The pages not shown are made invisible, not only hidden by the
 * stack: a screen reader reads a hidden stack page's list all the same
 * (two lists named "Questions"). */
void
_viva_sidebar_show_page (VivaSidebar     *self,
                         VivaSidebarPage  page)
{
  GtkWidget *pages[] = {
    [VIVA_SIDEBAR_PAGE_TREE] = gtk_widget_get_parent (GTK_WIDGET (self->list_view)),
    [VIVA_SIDEBAR_PAGE_RESULTS] = GTK_WIDGET (self->results_scroller),
    [VIVA_SIDEBAR_PAGE_EMPTY] = GTK_WIDGET (self->empty_page),
  };
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  gboolean list_had_focus = FALSE;

  if (gtk_stack_get_visible_child (self->stack) == pages[page] && gtk_widget_get_visible (pages[page]))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    list_had_focus |= i != page && focus != NULL && gtk_widget_is_ancestor (focus, pages[i]);

  gtk_widget_set_visible (pages[page], TRUE);
  gtk_stack_set_visible_child (self->stack, pages[page]);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      if (i != page)
        gtk_widget_set_visible (pages[i], FALSE);
    }

  /* The focus follows to the list the user now sees. */
  if (list_had_focus && page != VIVA_SIDEBAR_PAGE_EMPTY)
    gtk_widget_grab_focus (page == VIVA_SIDEBAR_PAGE_RESULTS ? GTK_WIDGET (self->results_view)
                                                             : GTK_WIDGET (self->list_view));
}

static void
viva_sidebar_selection_changed_cb (VivaSidebar        *self,
                                   guint               position,
                                   guint               n_items,
                                   GtkSingleSelection *selection)
{
  g_autoptr(GObject) item = NULL;

  if (self->selecting)
    return;

  item = viva_sidebar_dup_list_item (gtk_single_selection_get_selected_item (selection));
  if (item == NULL)
    return;

  if (VIVA_IS_QUESTION (item) && item != (gpointer) self->selected_question)
    {
      self->selected_question = VIVA_QUESTION (item);
      g_signal_emit (self, signals[QUESTION_ACTIVATED], 0, item);
    }
}

static void
list_activate_cb (VivaSidebar *self,
                  guint        position,
                  GtkListView *list_view)
{
  g_autoptr(GObject) row = NULL;
  g_autoptr(GObject) item = NULL;

  row = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (list_view)), position);
  if (row == NULL)
    return;

  item = viva_sidebar_dup_list_item (row);

  /* Enter or a double click on a level or topic opens or closes it; on a
   * question it opens the question (already done by selecting it). */
  if (GTK_IS_TREE_LIST_ROW (row) && gtk_tree_list_row_is_expandable (GTK_TREE_LIST_ROW (row)))
    gtk_tree_list_row_set_expanded (GTK_TREE_LIST_ROW (row), !gtk_tree_list_row_get_expanded (GTK_TREE_LIST_ROW (row)));
  else if (viva_sidebar_results_is_header (item))
    viva_sidebar_results_set_expanded (self->results, item,
                                       !viva_sidebar_results_get_expanded (self->results, item));
  else if (VIVA_IS_QUESTION (item))
    g_signal_emit (self, signals[QUESTION_ACTIVATED], 0, item);
}

static void
search_changed_cb (VivaSidebar    *self,
                   GtkSearchEntry *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  /* Enter and viva_sidebar_set_filter_text() apply the text at once; the
   * entry says it changed a moment later all the same, and searching
   * again for the same words (a query is its trimmed text) would find the
   * same questions: at 100,000 questions, 22 of the 968 million
   * instructions of the first letter. */
  if (self->query != NULL && g_strcmp0 (text, viva_query_get_text (self->query)) == 0)
    return;

  _viva_sidebar_apply_query (self);
}

static void
search_activate_cb (VivaSidebar    *self,
                    GtkSearchEntry *entry)
{
  /* The entry applies its text after a short delay; Enter must act on what
   * is typed now. */
  _viva_sidebar_apply_query (self);
  viva_sidebar_open_first_match (self);
}

static void
viva_sidebar_clear_filters (VivaSidebar *self)
{
  static const guint props[] = {
    PROP_FILTER_STARRED, PROP_FILTER_HAS_NOTES, PROP_FILTER_DUE,
    PROP_FILTER_NEW, PROP_FILTER_LEARNING, PROP_FILTER_CONFIDENT,
  };

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < G_N_ELEMENTS (props); i++)
    g_object_set (self, properties[props[i]]->name, FALSE, NULL);
  g_object_set (self, "filter-level", 0u, NULL);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Escape leaves the search: the words and the filters go, and the whole
 * tree is back. */
static void
stop_search_cb (VivaSidebar    *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  viva_sidebar_clear_filters (self);
  _viva_sidebar_apply_query (self);
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
viva_sidebar_clear_filters_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  viva_sidebar_clear_filters (VIVA_SIDEBAR (widget));
}

/* A question's context menu: one gesture for every row, rather than one
 * per row, because rows are made by the hundred (see viva-sidebar-row.c). */
static gboolean
viva_sidebar_popup_row_menu (VivaSidebar *self,
                             GtkGesture  *gesture,
                             double       x,
                             double       y)
{
  GtkWidget *list_view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *picked = gtk_widget_pick (list_view, x, y, GTK_PICK_DEFAULT);
  GtkWidget *row = picked ? gtk_widget_get_ancestor (picked, VIVA_TYPE_SIDEBAR_ROW) : NULL;
  graphene_point_t point;

  if (row == NULL ||
      !gtk_widget_compute_point (list_view, row, &GRAPHENE_POINT_INIT (x, y), &point))
    return FALSE;

  return viva_sidebar_row_popup_menu (VIVA_SIDEBAR_ROW (row), point.x, point.y);
}

static void
viva_sidebar_secondary_pressed_cb (VivaSidebar *self,
                                   int          n_press,
                                   double       x,
                                   double       y,
                                   GtkGesture  *gesture)
{
  if (viva_sidebar_popup_row_menu (self, gesture, x, y))
    gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
viva_sidebar_long_pressed_cb (VivaSidebar *self,
                              double       x,
                              double       y,
                              GtkGesture  *gesture)
{
  viva_sidebar_popup_row_menu (self, gesture, x, y);
}

/* The result's slot a row shows, if any. */
#define SLOT_KEY "viva-sidebar-slot"

static void
viva_sidebar_row_finalized_cb (gpointer  data,
                               GObject  *row)
{
  VivaSidebar *self = data;

  g_ptr_array_remove_fast (self->rows, row);
}

/* GTK 4.8's list view keeps no row widgets of its own: a list item it
 * lets go is destroyed with its child (gtklistitemmanager.c,
 * gtk_list_item_manager_release_list_item()), and the next ones are made
 * anew through the factory's setup. That is what a search's first letter
 * cost most at 100,000 questions: the list view swaps the tree (a few
 * rows, or the 200 it keeps around an open question) for the result and
 * makes its 200 rows at once, each a GtkTreeExpander, a VivaSidebarRow
 * and their children, styled and given an accessible (callgrind, "d":
 * 46 of 334 million instructions in setup alone; 277 million with the
 * rows kept). So the rows it lets go are kept here, unbound, and given
 * to the list items it makes next: leaving the search for the tree and
 * searching again, or the tree's 200 rows swapped for the result's,
 * refill rows rather than make them. At most this many are kept: the
 * list view holds about 200 rows at a time. */
#define MAX_SPARE_ROWS 256
#define EXPANDER_KEY "viva-sidebar-expander"

/* A new row: a GtkTreeExpander (floating) around a VivaSidebarRow. The
 * factory's setup and the warm-up (viva_sidebar_warm_rows_cb()) make
 * them here, so that both are the same. */
static GtkWidget *
viva_sidebar_make_row (VivaSidebar *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *row = viva_sidebar_row_new ();

  gtk_tree_expander_set_indent_for_icon (GTK_TREE_EXPANDER (expander), TRUE);
  /* Expand so that the counts line up at the end of every row. */
  gtk_widget_set_hexpand (row, TRUE);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), row);

  /* Rows go when the list view decides; a weak reference says when. */
  g_ptr_array_add (self->rows, row);
  g_object_weak_ref (G_OBJECT (row), viva_sidebar_row_finalized_cb, self);

  return expander;
}

static void
viva_sidebar_setup_row_cb (GtkSignalListItemFactory *factory,
                           GtkListItem              *list_item,
                           VivaSidebar              *self)
{
  GtkWidget *expander;

  if (self->spare_rows->len > 0)
    {
      /* The array's reference becomes the one the list item keeps for
       * its teardown. */
      expander = g_ptr_array_steal_index (self->spare_rows, self->spare_rows->len - 1);
      gtk_list_item_set_child (list_item, expander);
      g_object_set_data_full (G_OBJECT (list_item), EXPANDER_KEY, expander, g_object_unref);
      return;
    }

  expander = viva_sidebar_make_row (self);
  gtk_list_item_set_child (list_item, expander);
  g_object_set_data_full (G_OBJECT (list_item), EXPANDER_KEY, g_object_ref (expander), g_object_unref);
}

/* The list item goes: its row, unbound, is kept for the next one. Its
 * list item widget has already let go of it (gtklistitemwidget.c,
 * gtk_list_item_widget_teardown_func(), before the signal), so the list
 * item keeps a reference for this moment. */
static void
viva_sidebar_teardown_row_cb (GtkSignalListItemFactory *factory,
                              GtkListItem              *list_item,
                              VivaSidebar              *self)
{
  g_autoptr(GtkWidget) expander = g_object_steal_data (G_OBJECT (list_item), EXPANDER_KEY);

  if (expander == NULL || gtk_widget_get_parent (expander) != NULL ||
      self->spare_rows == NULL || self->spare_rows->len >= MAX_SPARE_ROWS)
    return;

  /* Unbound, it shows nothing (viva_sidebar_unbind_row_cb()). */
  g_ptr_array_add (self->spare_rows, g_steal_pointer (&expander));
}

/* The first search of a session has no rows to refill: with the tree
 * folded the list view holds its ten level rows, and the first letter
 * made the other 195 of the result's (/search-ui/rows-made-ahead: 199
 * with the test's bank). Rows are made ahead instead, once the
 * user shows or enters the search field (Ctrl+F, a click in it): a few
 * at a time on a low-priority idle, each chunk about WARM_CHUNK_USEC,
 * until the list view's share is there or a keystroke comes (then the
 * rest are made as the list view asks, as before). Nothing is made for
 * a user who never searches.
 *
 * How many: GTK 4.8's list view makes list items for up to 200 items
 * around its anchor plus 2 either side of each tracker (gtklistview.c,
 * GTK_LIST_VIEW_MAX_LIST_ITEMS and GTK_LIST_VIEW_EXTRA_ITEMS), whatever
 * its height: 205 for a long result. No more than the bank could show
 * (its questions, topics and levels), nor than the sidebar keeps. */
#define WARM_ROWS 205
#define WARM_CHUNK_USEC 3000

/* How many spare rows the result's list view may want: what it could
 * show, less the rows it has (the last result's, kept). */
static guint
viva_sidebar_n_spare_rows_wanted (VivaSidebar *self)
{
  guint n;

  if (self->bank == NULL)
    return 0;

  n = MIN (WARM_ROWS, viva_bank_get_n_questions (self->bank) + viva_bank_get_n_topics (self->bank) +
           viva_bank_get_n_levels (self->bank));
  n = n > self->n_result_rows ? n - self->n_result_rows : 0;

  return MIN (n, MAX_SPARE_ROWS);
}

static gboolean
viva_sidebar_warm_rows_cb (gpointer data)
{
  VivaSidebar *self = data;
  gint64 start = g_get_monotonic_time ();

  do
    {
      if (self->spare_rows->len >= viva_sidebar_n_spare_rows_wanted (self))
        {
          self->warm_source = 0;
          return G_SOURCE_REMOVE;
        }

      /* As a row the list view let go: unbound, kept for the next list
       * item (viva_sidebar_setup_row_cb()). */
      g_ptr_array_add (self->spare_rows, g_object_ref_sink (viva_sidebar_make_row (self)));
    }
  while (g_get_monotonic_time () - start < WARM_CHUNK_USEC);

  return G_SOURCE_CONTINUE;
}

static void
viva_sidebar_warm_rows (VivaSidebar *self)
{
  if (self->warm_source != 0 || self->spare_rows == NULL ||
      self->spare_rows->len >= viva_sidebar_n_spare_rows_wanted (self))
    return;

  self->warm_source = g_idle_add_full (G_PRIORITY_LOW, viva_sidebar_warm_rows_cb, self, NULL);
  g_source_set_name_by_id (self->warm_source, "[viva] sidebar rows warm-up");
}

/* A keystroke: the list view makes what is missing, as it asks. */
static void
viva_sidebar_stop_warming_rows (VivaSidebar *self)
{
  g_clear_handle_id (&self->warm_source, g_source_remove);
}

static void
viva_sidebar_search_mode_cb (VivaSidebar  *self,
                             GParamSpec   *pspec,
                             GtkSearchBar *search_bar)
{
  if (gtk_search_bar_get_search_mode (search_bar))
    viva_sidebar_warm_rows (self);
  else
    viva_sidebar_stop_warming_rows (self);
}

gboolean
_viva_sidebar_is_warming_rows (VivaSidebar *self)
{
  return self->warm_source != 0;
}

GPtrArray *
_viva_sidebar_get_rows (VivaSidebar *self)
{
  return self->rows;
}

/* Rows off screen are refreshed after the frame.
 *
 * GTK 4.8's list view keeps about 205 rows around what it shows, and a
 * sidebar shows about 30. A keystroke changes what most of them show (a
 * search's first letter at 100,000 questions: every one of the 205),
 * and each row told its new text is measured again and restyled before
 * the frame: callgrind, "d", about 100 of 212 million instructions for
 * the rows the user cannot see. So when the search or the result
 * changes, the rows on screen are refreshed at once and the others are
 * left stale: they show what they showed, unseen, and are refreshed a
 * few at a time once the keystroke's frame is drawn (STALE_CHUNK_ROWS
 * at a time: about 3 ms here; a count rather than a time, so that a
 * profiler counts the same work), or at once when the list scrolls or the
 * keyboard goes into it. A stale row is never drawn: scrolling
 * refreshes every stale row before the list view lays out its new
 * view. A keystroke before they are all refreshed makes them stale
 * again: what the user typed meanwhile costs nothing twice. */
#define STALE_CHUNK_ROWS 24
#define GENERATION_KEY "viva-sidebar-row-generation"

static void
viva_sidebar_row_set_generation (GtkWidget *row,
                                 guint      generation)
{
  g_object_set_data (G_OBJECT (row), GENERATION_KEY, GUINT_TO_POINTER (generation));
}

static gboolean
viva_sidebar_row_is_current (VivaSidebar    *self,
                             VivaSidebarRow *row)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), GENERATION_KEY)) == self->row_generation;
}

/* Whether @row is in the list view shown: rows of the hidden one are
 * refreshed when it is shown again, spare rows when they are bound. */
static gboolean
viva_sidebar_row_is_shown (VivaSidebar    *self,
                           VivaSidebarRow *row)
{
  return gtk_widget_is_ancestor (GTK_WIDGET (row), GTK_WIDGET (_viva_sidebar_get_shown_view (self)));
}

/* Whether @row is where the user sees it: in the list view shown, and
 * within its height as last laid out. A list view never laid out
 * (its height 0) has every row on screen. */
static gboolean
viva_sidebar_row_on_screen (VivaSidebar    *self,
                            VivaSidebarRow *row)
{
  GtkWidget *view = GTK_WIDGET (_viva_sidebar_get_shown_view (self));
  int height = gtk_widget_get_height (view);
  graphene_rect_t bounds;

  if (!gtk_widget_is_ancestor (GTK_WIDGET (row), view))
    return FALSE;
  if (height <= 0 || !gtk_widget_compute_bounds (GTK_WIDGET (row), view, &bounds))
    return TRUE;

  return bounds.origin.y + bounds.size.height > 0 && bounds.origin.y < height;
}

static void viva_sidebar_fill_row (VivaSidebar     *self,
                                   VivaSidebarRow  *row,
                                   GtkTreeExpander *expander,
                                   GObject         *item,
                                   gboolean         in_tree);

/* Shows in @row what its list item holds now, with the search. */
static void
viva_sidebar_refresh_row (VivaSidebar    *self,
                          VivaSidebarRow *row)
{
  VivaSidebarSlot *slot = g_object_get_data (G_OBJECT (row), SLOT_KEY);
  GtkWidget *expander = gtk_widget_get_parent (GTK_WIDGET (row));

  viva_sidebar_row_set_generation (GTK_WIDGET (row), self->row_generation);

  if (slot != NULL && GTK_IS_TREE_EXPANDER (expander))
    viva_sidebar_fill_row (self, row, GTK_TREE_EXPANDER (expander),
                           viva_sidebar_slot_get_item (slot), FALSE);
  else
    _viva_sidebar_update_row (self, row);
}

/* Whether @row shows something out of date in the list shown. */
static gboolean
viva_sidebar_row_is_stale (VivaSidebar    *self,
                           VivaSidebarRow *row)
{
  return !viva_sidebar_row_is_current (self, row) && viva_sidebar_row_is_shown (self, row);
}

/* Refreshes at most @max stale rows of the list shown, on screen or
 * not. Returns whether any is left. */
static gboolean
viva_sidebar_refresh_stale_rows (VivaSidebar *self,
                                 guint        max)
{
  guint n = 0;

  for (guint i = 0; i < self->rows->len; i++)
    {
      VivaSidebarRow *row = g_ptr_array_index (self->rows, i);

      if (!viva_sidebar_row_is_stale (self, row))
        continue;
      if (n++ == max)
        return TRUE;

      viva_sidebar_refresh_row (self, row);
    }

  return FALSE;
}

/* The list scrolls: before it lays out its new view, no stale row. */
static gboolean
viva_sidebar_scrolled_tick_cb (GtkWidget     *widget,
                               GdkFrameClock *clock,
                               gpointer       data)
{
  VivaSidebar *self = data;

  self->scrolled_tick = 0;
  g_clear_handle_id (&self->stale_source, g_source_remove);
  viva_sidebar_refresh_stale_rows (self, G_MAXUINT);

  return G_SOURCE_REMOVE;
}

static void
viva_sidebar_scrolled_cb (VivaSidebar   *self,
                          GtkAdjustment *adjustment)
{
  /* Tick callbacks run in the frame's update phase, before its layout;
   * the list view may set its adjustment while laid out. */
  if (self->scrolled_tick == 0 && (self->stale_source != 0 || self->after_paint_handler != 0))
    self->scrolled_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), viva_sidebar_scrolled_tick_cb,
                                                        self, NULL);
}

static gboolean
viva_sidebar_stale_rows_cb (gpointer data)
{
  VivaSidebar *self = data;

  if (viva_sidebar_refresh_stale_rows (self, STALE_CHUNK_ROWS))
    return G_SOURCE_CONTINUE;

  self->stale_source = 0;
  return G_SOURCE_REMOVE;
}

/* No more waiting for a frame. The window's frame clock may have been
 * disposed already (its surface gone), its handlers with it. */
static void
viva_sidebar_forget_after_paint (VivaSidebar *self)
{
  if (self->after_paint_clock != NULL &&
      g_signal_handler_is_connected (self->after_paint_clock, self->after_paint_handler))
    g_signal_handler_disconnect (self->after_paint_clock, self->after_paint_handler);
  self->after_paint_handler = 0;
  g_clear_object (&self->after_paint_clock);
}

/* Once the frame with the rows on screen is drawn. */
static void
viva_sidebar_after_paint_cb (VivaSidebar   *self,
                             GdkFrameClock *clock)
{
  viva_sidebar_forget_after_paint (self);

  if (self->stale_source == 0)
    {
      self->stale_source = g_idle_add (viva_sidebar_stale_rows_cb, self);
      g_source_set_name_by_id (self->stale_source, "[viva] sidebar rows off screen");
    }
}

/* The rows on screen show what changed now, the others of the list
 * shown after the frame. */
void
_viva_sidebar_refresh_rows (VivaSidebar *self)
{
  GdkFrameClock *clock;
  gboolean stale = FALSE;

  for (guint i = 0; i < self->rows->len; i++)
    {
      VivaSidebarRow *row = g_ptr_array_index (self->rows, i);

      if (!viva_sidebar_row_is_stale (self, row))
        continue;
      if (viva_sidebar_row_on_screen (self, row))
        viva_sidebar_refresh_row (self, row);
      else
        stale = TRUE;
    }

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  /* A wait for a frame of a clock the window no longer has (hidden and
   * shown again) would never end. */
  if (self->after_paint_handler != 0 &&
      (self->after_paint_clock != clock ||
       !g_signal_handler_is_connected (self->after_paint_clock, self->after_paint_handler)))
    viva_sidebar_forget_after_paint (self);

  if (!stale || self->stale_source != 0 || self->after_paint_handler != 0)
    return;

  if (clock == NULL)
    {
      viva_sidebar_refresh_stale_rows (self, G_MAXUINT);
      return;
    }

  self->after_paint_clock = g_object_ref (clock);
  /* Disconnected in dispose, if not before. */
  self->after_paint_handler = g_signal_connect_swapped (clock, "after-paint",
                                                        G_CALLBACK (viva_sidebar_after_paint_cb),
                                                        self);
  /* A frame even if nothing on screen changed. */
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

/* The search or the result changed. */
void
_viva_sidebar_rows_changed (VivaSidebar *self)
{
  self->row_generation++;
  _viva_sidebar_refresh_rows (self);
}

/* For the tests: whether rows off screen are still to be refreshed. */
gboolean
_viva_sidebar_has_stale_rows (VivaSidebar *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      if (viva_sidebar_row_is_stale (self, g_ptr_array_index (self->rows, i)))
        return TRUE;
    }

  return FALSE;
}

/* Shows @item in @row, whose expander is @expander. */
static void
viva_sidebar_fill_row (VivaSidebar     *self,
                       VivaSidebarRow  *row,
                       GtkTreeExpander *expander,
                       GObject         *item,
                       gboolean         in_tree)
{
  viva_sidebar_row_set_progress (row, self->progress);
  /* The search first, so that the row fills its labels once. */
  if (viva_sidebar_row_get_item (row) == NULL)
    _viva_sidebar_update_row_for (self, row, item);
  viva_sidebar_row_set_item (row, item);
  _viva_sidebar_update_row (self, row);

  if (!in_tree && item != NULL)
    {
      guint depth = viva_sidebar_results_get_depth (item);
      gboolean header = viva_sidebar_results_is_header (item);
      gboolean expanded = viva_sidebar_results_get_expanded (self->results, item);

      viva_sidebar_row_set_outline (row, TRUE, depth, expanded);
      /* What GtkTreeExpander tells a screen reader in the tree (it
       * says it again when a spare row comes back to the tree). */
      gtk_accessible_update_property (GTK_ACCESSIBLE (expander),
                                      GTK_ACCESSIBLE_PROPERTY_LEVEL, header ? depth + 1 : depth + 2,
                                      -1);
      if (header)
        gtk_accessible_update_state (GTK_ACCESSIBLE (expander),
                                     GTK_ACCESSIBLE_STATE_EXPANDED, expanded,
                                     -1);
      else
        gtk_accessible_reset_state (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_STATE_EXPANDED);
    }
  else
    viva_sidebar_row_set_outline (row, FALSE, 0, FALSE);
}

static void
viva_sidebar_bind_row_cb (GtkSignalListItemFactory *factory,
                          GtkListItem              *list_item,
                          VivaSidebar              *self)
{
  gpointer list_row = gtk_list_item_get_item (list_item);
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));
  GtkWidget *child = gtk_tree_expander_get_child (expander);
  g_autoptr(GObject) item = viva_sidebar_dup_list_item (list_row);
  gboolean in_tree = GTK_IS_TREE_LIST_ROW (list_row);

  gtk_tree_expander_set_list_row (expander, in_tree ? list_row : NULL);
  /* A slot of the search's result: the row follows what it holds
   * (viva_sidebar_results_changed_cb()). The list item keeps it. */
  if (g_object_get_data (G_OBJECT (child), SLOT_KEY) != NULL)
    self->n_result_rows--;
  if (!in_tree)
    self->n_result_rows++;
  g_object_set_data (G_OBJECT (child), SLOT_KEY, in_tree ? NULL : list_row);
  viva_sidebar_fill_row (self, VIVA_SIDEBAR_ROW (child), expander, item, in_tree);
  viva_sidebar_row_set_generation (child, self->row_generation);
}

/* The result's slots hold other items: every row bound to one shows
 * what its slot holds now. */
static void
viva_sidebar_results_changed_cb (VivaSidebar        *self,
                                 VivaSidebarResults *results)
{
  /* A search refreshes the rows once, after the result and the counts
   * (_viva_sidebar_apply_query()); folding a header, here. */
  if (!self->applying)
    _viva_sidebar_rows_changed (self);

  /* The selection is a position: it goes where the open question is. */
  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->results_selection,
                                     viva_sidebar_results_find (results, self->selected_question));
  self->selecting = FALSE;
}

static void
viva_sidebar_unbind_row_cb (GtkSignalListItemFactory *factory,
                            GtkListItem              *list_item,
                            VivaSidebar              *self)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));

  gtk_tree_expander_set_list_row (expander, NULL);
  if (g_object_get_data (G_OBJECT (gtk_tree_expander_get_child (expander)), SLOT_KEY) != NULL)
    self->n_result_rows--;
  g_object_set_data (G_OBJECT (gtk_tree_expander_get_child (expander)), SLOT_KEY, NULL);
  viva_sidebar_row_set_item (VIVA_SIDEBAR_ROW (gtk_tree_expander_get_child (expander)), NULL);
}

static void
viva_sidebar_dispose (GObject *object)
{
  VivaSidebar *self = (VivaSidebar *)object;
  GtkWidget *child;

  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->scroll_view), self->scroll_tick);
  self->scroll_tick = 0;
  if (self->page_handler != 0)
    g_signal_handler_disconnect (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->scroll_view)),
                                 self->page_handler);
  self->page_handler = 0;

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_SIDEBAR);

  /* The template's root container is not bound to a field, so
   * dispose_template leaves it in place. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_handle_id (&self->warm_source, g_source_remove);
  g_clear_handle_id (&self->stale_source, g_source_remove);
  if (self->scrolled_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scrolled_tick);
  self->scrolled_tick = 0;
  viva_sidebar_forget_after_paint (self);
  /* With the list view gone, no row comes back here. */
  g_clear_pointer (&self->spare_rows, g_ptr_array_unref);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->context_signals != NULL)
    g_signal_group_set_target (self->context_signals, NULL);
  if (self->notes != NULL)
    g_signal_handlers_disconnect_by_func (self->notes, _viva_sidebar_note_changed_cb, self);

  /* Rows go with the list view, before the search they show. */
  g_clear_object (&self->selection);
  g_clear_object (&self->tree_model);
  g_clear_object (&self->results_selection);
  g_clear_object (&self->results);
  g_clear_object (&self->context_signals);
  g_clear_object (&self->context);
  g_clear_object (&self->bank);
  g_clear_object (&self->notes);
  g_clear_object (&self->progress);
  g_clear_object (&self->index);
  g_clear_object (&self->query);
  g_clear_object (&self->level_menu);
  g_clear_object (&self->filter_menu);
  self->selected_question = NULL;

  G_OBJECT_CLASS (viva_sidebar_parent_class)->dispose (object);
}

static void
viva_sidebar_finalize (GObject *object)
{
  VivaSidebar *self = (VivaSidebar *)object;

  g_clear_pointer (&self->positions, g_array_unref);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  for (guint i = 0; i < self->rows->len; i++)
    g_object_weak_unref (g_ptr_array_index (self->rows, i), viva_sidebar_row_finalized_cb, self);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (viva_sidebar_parent_class)->finalize (object);
}

static void
viva_sidebar_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  VivaSidebar *self = VIVA_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_BANK:
      g_value_set_object (value, self->bank);
      break;

    case PROP_NOTES_STORE:
      g_value_set_object (value, self->notes);
      break;

    case PROP_QUERY:
      g_value_set_object (value, viva_sidebar_get_query (self));
      break;

    case PROP_FILTER_STARRED:
      g_value_set_boolean (value, self->filter_starred);
      break;

    case PROP_FILTER_HAS_NOTES:
      g_value_set_boolean (value, self->filter_has_notes);
      break;

    case PROP_FILTER_DUE:
      g_value_set_boolean (value, self->filter_due);
      break;

    case PROP_FILTER_NEW:
      g_value_set_boolean (value, self->filter_new);
      break;

    case PROP_FILTER_LEARNING:
      g_value_set_boolean (value, self->filter_learning);
      break;

    case PROP_FILTER_CONFIDENT:
      g_value_set_boolean (value, self->filter_confident);
      break;

    case PROP_FILTER_LEVEL:
      g_value_set_uint (value, self->filter_level);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Sets one of the filter flags; the search runs again when it changed. */
static void
viva_sidebar_set_filter_flag (VivaSidebar *self,
                              guint        prop_id,
                              gboolean     value)
{
  guint old;

  value = !!value;

  switch (prop_id)
    {
    case PROP_FILTER_STARRED:
      old = self->filter_starred;
      self->filter_starred = value;
      break;

    case PROP_FILTER_HAS_NOTES:
      old = self->filter_has_notes;
      self->filter_has_notes = value;
      break;

    case PROP_FILTER_DUE:
      old = self->filter_due;
      self->filter_due = value;
      break;

    case PROP_FILTER_NEW:
      old = self->filter_new;
      self->filter_new = value;
      break;

    case PROP_FILTER_LEARNING:
      old = self->filter_learning;
      self->filter_learning = value;
      break;

    case PROP_FILTER_CONFIDENT:
      old = self->filter_confident;
      self->filter_confident = value;
      break;

    default:
      g_assert_not_reached ();
    }

  if (old == (guint) value)
    return;

  _viva_sidebar_filters_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
viva_sidebar_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  VivaSidebar *self = VIVA_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      viva_sidebar_set_context (self, g_value_get_object (value));
      break;

    case PROP_FILTER_STARRED:
    case PROP_FILTER_HAS_NOTES:
    case PROP_FILTER_DUE:
    case PROP_FILTER_NEW:
    case PROP_FILTER_LEARNING:
    case PROP_FILTER_CONFIDENT:
      viva_sidebar_set_filter_flag (self, prop_id, g_value_get_boolean (value));
      break;

    case PROP_FILTER_LEVEL:
      if (self->filter_level != g_value_get_uint (value))
        {
          self->filter_level = g_value_get_uint (value);
          _viva_sidebar_filters_changed (self);
          g_object_notify_by_pspec (G_OBJECT (self), pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_sidebar_class_init (VivaSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_sidebar_dispose;
  object_class->finalize = viva_sidebar_finalize;
  object_class->get_property = viva_sidebar_get_property;
  object_class->set_property = viva_sidebar_set_property;

  /* The open bank and the notes, which are searched too and which the
   * filters read; set once, the bank followed as it changes. */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         VIVA_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The context's bank, as the tree shows it. */
  properties[PROP_BANK] =
    g_param_spec_object ("bank", NULL, NULL,
                         VIVA_TYPE_BANK,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NOTES_STORE] =
    g_param_spec_object ("notes-store", NULL, NULL,
                         VIVA_TYPE_NOTES_STORE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* What is searched for, for the question view to highlight; %NULL
   * when the field is empty. */
  properties[PROP_QUERY] =
    g_param_spec_object ("query", NULL, NULL,
                         VIVA_TYPE_QUERY,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The filters, each a property so that the menu's items are property
   * actions with a check mark. Statuses combine as "any of". */
  properties[PROP_FILTER_STARRED] =
    g_param_spec_boolean ("filter-starred", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FILTER_HAS_NOTES] =
    g_param_spec_boolean ("filter-has-notes", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FILTER_DUE] =
    g_param_spec_boolean ("filter-due", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FILTER_NEW] =
    g_param_spec_boolean ("filter-new", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FILTER_LEARNING] =
    g_param_spec_boolean ("filter-learning", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FILTER_CONFIDENT] =
    g_param_spec_boolean ("filter-confident", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* A level's number, or 0 for every level. */
  properties[PROP_FILTER_LEVEL] =
    g_param_spec_uint ("filter-level", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VivaSidebar::question-activated:
   * @question: the question the user chose
   *
   * Emitted when the user picks a question in the tree or with Enter in
   * the filter field; not when the tree follows viva_sidebar_select_question().
   */
  signals[QUESTION_ACTIVATED] =
    g_signal_new ("question-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, VIVA_TYPE_QUESTION);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaSidebar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, VivaSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, VivaSidebar, filter_button);
  gtk_widget_class_bind_template_child (widget_class, VivaSidebar, filters_box);
  gtk_widget_class_bind_template_child (widget_class, VivaSidebar, filters_label);
  gtk_widget_class_bind_template_child (widget_class, VivaSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, VivaSidebar, list_view);
  gtk_widget_class_bind_template_child (widget_class, VivaSidebar, results_scroller);
  gtk_widget_class_bind_template_child (widget_class, VivaSidebar, results_view);
  gtk_widget_class_bind_template_child (widget_class, VivaSidebar, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  gtk_widget_class_install_property_action (widget_class, "sidebar.filter-starred", "filter-starred");
  gtk_widget_class_install_property_action (widget_class, "sidebar.filter-has-notes", "filter-has-notes");
  gtk_widget_class_install_property_action (widget_class, "sidebar.filter-due", "filter-due");
  gtk_widget_class_install_property_action (widget_class, "sidebar.filter-new", "filter-new");
  gtk_widget_class_install_property_action (widget_class, "sidebar.filter-learning", "filter-learning");
  gtk_widget_class_install_property_action (widget_class, "sidebar.filter-confident", "filter-confident");
  gtk_widget_class_install_property_action (widget_class, "sidebar.filter-level", "filter-level");
  gtk_widget_class_install_action (widget_class, "sidebar.clear-filters", NULL,
                                   viva_sidebar_clear_filters_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vivasidebar");
}

static void
viva_sidebar_init (VivaSidebar *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkEventController *focus;
  GtkGesture *gesture;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->context_signals = g_signal_group_new (VIVA_TYPE_CONTEXT);
  g_signal_group_connect_object (self->context_signals, "notify::bank",
                                 G_CALLBACK (viva_sidebar_context_bank_cb), self, G_CONNECT_SWAPPED);
  self->results = viva_sidebar_results_new ();
  g_signal_connect_object (self->results, "changed",
                           G_CALLBACK (viva_sidebar_results_changed_cb), self, G_CONNECT_SWAPPED);
  self->results_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->results)));
  gtk_single_selection_set_autoselect (self->results_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->results_selection, TRUE);
  g_signal_connect_object (self->results_selection, "selection-changed",
                           G_CALLBACK (viva_sidebar_selection_changed_cb),
                           self, G_CONNECT_SWAPPED);
  self->positions = g_array_new (FALSE, FALSE, sizeof (guint));
  self->counts = g_hash_table_new (NULL, NULL);
  self->rows = g_ptr_array_new ();
  self->scroll_view = self->list_view;
  self->spare_rows = g_ptr_array_new_with_free_func (g_object_unref);
  _viva_sidebar_build_filter_menu (self);
  _viva_sidebar_update_level_menu (self);
  _viva_sidebar_update_filters_label (self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (viva_sidebar_setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (viva_sidebar_bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (viva_sidebar_unbind_row_cb), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (viva_sidebar_teardown_row_cb), self);
  /* The same rows in both list views: one factory, and the spare rows
   * one lets go are given to the other's list items. */
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_factory (self->results_view, factory);
  gtk_list_view_set_model (self->results_view, GTK_SELECTION_MODEL (self->results_selection));
  /* Hidden until a search shows them: _viva_sidebar_show_page(). */
  gtk_widget_set_visible (GTK_WIDGET (self->results_scroller), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page), FALSE);

  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *view = GTK_WIDGET (i == 0 ? self->list_view : self->results_view);

      g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view)), "value-changed",
                               G_CALLBACK (viva_sidebar_scrolled_cb), self, G_CONNECT_SWAPPED);

      gesture = gtk_gesture_click_new ();
      gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
      g_signal_connect_object (gesture, "pressed",
                               G_CALLBACK (viva_sidebar_secondary_pressed_cb), self, G_CONNECT_SWAPPED);
      gtk_widget_add_controller (view, GTK_EVENT_CONTROLLER (gesture));

      gesture = gtk_gesture_long_press_new ();
      gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (gesture), TRUE);
      g_signal_connect_object (gesture, "pressed",
                               G_CALLBACK (viva_sidebar_long_pressed_cb), self, G_CONNECT_SWAPPED);
      gtk_widget_add_controller (view, GTK_EVENT_CONTROLLER (gesture));
    }

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  /* Typing in either list goes to the search field. */
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self->stack));

  /* Showing or entering the search field makes rows ahead; typing in it
   * stops that at once. */
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (viva_sidebar_search_mode_cb), self, G_CONNECT_SWAPPED);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "enter",
                           G_CALLBACK (viva_sidebar_warm_rows), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), focus);
  g_signal_connect_object (self->search_entry, "changed",
                           G_CALLBACK (viva_sidebar_stop_warming_rows), self, G_CONNECT_SWAPPED);
}

/* The study state rows read: the bank's, from the notes store, shared
 * with the other widgets that show it. */
static void
viva_sidebar_update_progress (VivaSidebar *self)
{
  g_clear_object (&self->progress);
  if (self->bank != NULL && self->notes != NULL)
    self->progress = viva_progress_dup_for_bank (self->bank, self->notes);

  for (guint i = 0; i < self->rows->len; i++)
    viva_sidebar_row_set_progress (g_ptr_array_index (self->rows, i), self->progress);
}

VivaBank *
viva_sidebar_get_bank (VivaSidebar *self)
{
  g_return_val_if_fail (VIVA_IS_SIDEBAR (self), NULL);

  return self->bank;
}

/* Shows @bank, the context's, from its top. */
static void
viva_sidebar_set_bank (VivaSidebar *self,
                       VivaBank    *bank)
{
  GListModel *root;

  if (!g_set_object (&self->bank, bank))
    return;

  self->selected_question = NULL;
  self->filtering = FALSE;
  g_clear_object (&self->index);
  /* The rows are about to show another bank: none of the old one's
   * questions may be read in the new one's study state. */
  for (guint i = 0; i < self->rows->len; i++)
    viva_sidebar_row_set_item (g_ptr_array_index (self->rows, i), NULL);
  viva_sidebar_update_progress (self);
  g_hash_table_remove_all (self->counts);
  g_array_set_size (self->positions, 0);

  /* A level filter names a level of the bank it was chosen in. */
  if (self->filter_level != 0)
    {
      self->filter_level = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER_LEVEL]);
    }
  _viva_sidebar_update_level_menu (self);

  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree_model);
  viva_sidebar_results_clear (self->results);

  if (bank != NULL)
    {
      root = g_object_ref (viva_bank_get_levels (bank));
      self->tree_model = gtk_tree_list_model_new (root, FALSE, FALSE,
                                                  viva_sidebar_create_child_model,
                                                  self, NULL);
      self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tree_model)));
      gtk_single_selection_set_autoselect (self->selection, FALSE);
      gtk_single_selection_set_can_unselect (self->selection, TRUE);
      g_signal_connect_object (self->selection, "selection-changed",
                               G_CALLBACK (viva_sidebar_selection_changed_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

      /* A bank opened while a filter is typed is filtered too. */
      _viva_sidebar_apply_query (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BANK]);
}

static void viva_sidebar_scroll_to_selected (VivaSidebar *self);

static gboolean
viva_sidebar_scroll_tick_cb (GtkWidget     *widget,
                             GdkFrameClock *clock,
                             gpointer       data)
{
  VivaSidebar *self = data;

  self->scroll_tick = 0;
  viva_sidebar_scroll_to_selected (self);

  return G_SOURCE_REMOVE;
}

static void
viva_sidebar_page_size_cb (VivaSidebar   *self,
                           GParamSpec    *pspec,
                           GtkAdjustment *adjustment)
{
  if (gtk_adjustment_get_page_size (adjustment) <= 0)
    return;

  g_clear_signal_handler (&self->page_handler, adjustment);
  /* This is the list view's size_allocate: scroll in the next frame. */
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->scroll_view),
                                                      viva_sidebar_scroll_tick_cb,
                                                      self, NULL);
}

/* Scrolls the list view to its selected row, once it can.
 *
 * GTK 4.8 works out where to scroll from the list view's adjustment
 * (gtk_list_base_compute_scroll_align() in gtklistbase.c). A list view
 * that has only been allocated while its model was empty has never set
 * its adjustment (gtk_list_view_size_allocate() returns early), so its
 * page is 0 pixels high; its rows have not been measured either, so the
 * row starts and ends at 0 too, and the alignment is 0 / 0. With that NaN
 * the list view makes its row widgets around the row but leaves its view
 * at the top, far from them: an empty list until the user scrolls. That
 * is what a returning user met when the last question was deep in a
 * large bank, which comes after the window's first frame (the sidebar
 * gets the bank, unfolds the question's topic and scrolls, all before
 * the list view's next allocation). So until the list view has a page,
 * the scroll waits for it. */
static void
viva_sidebar_scroll_to_selected (VivaSidebar *self)
{
  GtkListView *view = _viva_sidebar_get_shown_view (self);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  GtkSelectionModel *model = gtk_list_view_get_model (view);
  guint position;

  /* A scroll waiting in the other list view is not wanted any more. */
  if (self->scroll_view != view)
    {
      if (self->scroll_tick != 0)
        gtk_widget_remove_tick_callback (GTK_WIDGET (self->scroll_view), self->scroll_tick);
      self->scroll_tick = 0;
      if (self->page_handler != 0)
        g_signal_handler_disconnect (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->scroll_view)),
                                     self->page_handler);
      self->page_handler = 0;
      self->scroll_view = view;
    }

  if (adjustment != NULL && gtk_adjustment_get_page_size (adjustment) <= 0)
    {
      if (self->page_handler == 0)
        self->page_handler = g_signal_connect_object (adjustment, "notify::page-size",
                                                      G_CALLBACK (viva_sidebar_page_size_cb),
                                                      self, G_CONNECT_SWAPPED);
      return;
    }

  if (!GTK_IS_SINGLE_SELECTION (model))
    return;
  position = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model));
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (view), "list.scroll-to-item", "u", position);
}

/**
 * viva_sidebar_select_question:
 *
 * Expands the question's level and topic, selects its row and scrolls to
 * it, without emitting #VivaSidebar::question-activated. A question hidden
 * by the filter leaves the tree without a selection.
 */
void
viva_sidebar_select_question (VivaSidebar  *self,
                              VivaQuestion *question)
{
  g_autoptr(GtkTreeListRow) level_row = NULL;
  g_autoptr(GtkTreeListRow) topic_row = NULL;
  g_autoptr(GtkTreeListRow) question_row = NULL;
  GtkTreeListRow *parent;
  VivaTopic *topic;
  guint position;

  g_return_if_fail (VIVA_IS_SIDEBAR (self));
  g_return_if_fail (!question || VIVA_IS_QUESTION (question));

  if (self->tree_model == NULL)
    return;

  self->selected_question = question;
  self->selecting = TRUE;

  /* While searching, the row in the result, under its level and topic
   * unfolded; the tree follows when the search ends. */
  if (self->filtering)
    {
      if (question != NULL)
        {
          viva_sidebar_results_set_expanded (self->results, viva_question_get_level (question), TRUE);
          viva_sidebar_results_set_expanded (self->results, viva_question_get_topic (question), TRUE);
        }
      position = viva_sidebar_results_find (self->results, question);
      gtk_single_selection_set_selected (self->results_selection, position);
      viva_sidebar_scroll_to_selected (self);
      self->selecting = FALSE;
      return;
    }

  if (question == NULL)
    goto unselect;

  level_row = viva_sidebar_find_child_row (self->tree_model, NULL, viva_question_get_level (question));
  if (level_row == NULL)
    goto unselect;
  gtk_tree_list_row_set_expanded (level_row, TRUE);
  parent = level_row;

  topic = viva_question_get_topic (question);
  if (topic != NULL)
    {
      topic_row = viva_sidebar_find_child_row (self->tree_model, level_row, topic);
      if (topic_row == NULL)
        goto unselect;
      gtk_tree_list_row_set_expanded (topic_row, TRUE);
      parent = topic_row;
    }

  question_row = viva_sidebar_find_child_row (self->tree_model, parent, question);
  if (question_row == NULL)
    goto unselect;

  position = gtk_tree_list_row_get_position (question_row);
  gtk_single_selection_set_selected (self->selection, position);
  viva_sidebar_scroll_to_selected (self);

  self->selecting = FALSE;
  return;

unselect:
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->selecting = FALSE;
}

void
viva_sidebar_begin_filter (VivaSidebar *self)
{
  g_return_if_fail (VIVA_IS_SIDEBAR (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  /* A search entry takes the focus without selecting; the last search
   * is selected so that typing replaces it, as in GNOME Text Editor. */
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

const char *
viva_sidebar_get_filter_text (VivaSidebar *self)
{
  g_return_val_if_fail (VIVA_IS_SIDEBAR (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
}

/* Sets the filter text and applies it at once, without the typing delay. */
void
viva_sidebar_set_filter_text (VivaSidebar *self,
                              const char  *text)
{
  g_return_if_fail (VIVA_IS_SIDEBAR (self));

  /* Replacing the text empties the entry for a moment, and an empty
   * search entry says so at once: that would show the whole tree on the
   * way. */
  g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
  gtk_search_bar_set_search_mode (self->search_bar,
                                  (text != NULL && text[0] != '\0') || _viva_sidebar_has_filters (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
  _viva_sidebar_apply_query (self);
}

/**
 * viva_sidebar_open_first_match:
 *
 * Opens the question the search names by number, or else the first
 * question the tree shows, as Enter in the search field does.
 *
 * Returns: %TRUE if there was a question to open
 */
gboolean
viva_sidebar_open_first_match (VivaSidebar *self)
{
  guint n;

  g_return_val_if_fail (VIVA_IS_SIDEBAR (self), FALSE);

  if (self->tree_model == NULL)
    return FALSE;

  /* "Go to question 42": the question named, rather than the first one
   * that mentions 42. */
  if (self->filtering && self->query != NULL && viva_query_get_number (self->query) != 0)
    {
      VivaQuestion *named = viva_bank_lookup_question (self->bank, viva_query_get_number (self->query));

      if (named != NULL && viva_question_get_level (named) != NULL &&
          _viva_sidebar_result_contains (self, named))
        {
          viva_sidebar_select_question (self, named);
          g_signal_emit (self, signals[QUESTION_ACTIVATED], 0, named);
          return TRUE;
        }
    }

  /* The first question of the result, under folded headers too. */
  if (self->filtering)
    {
      VivaQuestion *first = NULL;

      for (guint i = 0; first == NULL && i < self->positions->len; i++)
        {
          VivaQuestion *question = viva_search_index_get_question (self->index, g_array_index (self->positions, guint, i));

          /* The tree shows no question outside a level. */
          if (viva_question_get_level (question) != NULL)
            first = question;
        }

      if (first == NULL)
        return FALSE;

      viva_sidebar_select_question (self, first);
      g_signal_emit (self, signals[QUESTION_ACTIVATED], 0, first);
      return TRUE;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->tree_model));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree_model, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (VIVA_IS_QUESTION (item))
        {
          viva_sidebar_select_question (self, VIVA_QUESTION (item));
          g_signal_emit (self, signals[QUESTION_ACTIVATED], 0, item);
          return TRUE;
        }

      /* Open closed levels and topics on the way down, so the first match
       * is found even when the tree is collapsed. */
      if (gtk_tree_list_row_is_expandable (row))
        {
          gtk_tree_list_row_set_expanded (row, TRUE);
          n = g_list_model_get_n_items (G_LIST_MODEL (self->tree_model));
        }
    }

  return FALSE;
}

GtkTreeListModel *
viva_sidebar_get_tree_model (VivaSidebar *self)
{
  g_return_val_if_fail (VIVA_IS_SIDEBAR (self), NULL);

  return self->tree_model;
}

/**
 * viva_sidebar_dup_shown_questions:
 * @self: a #VivaSidebar
 *
 * What "the questions shown by the search and filters" means to Export:
 * every question they let through, in the bank's order, whether its
 * level or topic is folded or not.
 *
 * Returns: (transfer container) (element-type VivaQuestion) (nullable):
 *   the questions, or %NULL when no search or filter is on
 */
GPtrArray *
viva_sidebar_dup_shown_questions (VivaSidebar *self)
{
  GListModel *questions;
  GPtrArray *shown;

  g_return_val_if_fail (VIVA_IS_SIDEBAR (self), NULL);

  if (!self->filtering || self->bank == NULL)
    return NULL;

  questions = viva_bank_get_questions (self->bank);
  shown = g_ptr_array_new_full (self->positions->len, g_object_unref);
  for (guint i = 0; i < self->positions->len; i++)
    {
      VivaQuestion *question = g_list_model_get_item (questions, g_array_index (self->positions, guint, i));

      if (question != NULL)
        g_ptr_array_add (shown, question);
    }

  return shown;
}

/* For the tests: the levels, topics and questions the list view shows,
 * in order, whether the tree or the search's result. */
GPtrArray *
_viva_sidebar_dup_shown_items (VivaSidebar *self)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model;

  g_return_val_if_fail (VIVA_IS_SIDEBAR (self), items);

  model = G_LIST_MODEL (gtk_list_view_get_model (_viva_sidebar_get_shown_view (self)));
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (model, i);

      g_ptr_array_add (items, viva_sidebar_dup_list_item (row));
    }

  return items;
}

VivaNotesStore *
viva_sidebar_get_notes_store (VivaSidebar *self)
{
  g_return_val_if_fail (VIVA_IS_SIDEBAR (self), NULL);

  return self->notes;
}

static void
viva_sidebar_context_bank_cb (VivaSidebar *self,
                              GParamSpec  *pspec,
                              VivaContext *context)
{
  viva_sidebar_set_bank (self, viva_context_get_bank (context));
}

/**
 * viva_sidebar_set_context:
 * @self: a #VivaSidebar
 * @context: the context, set once
 *
 * Shows the context's bank, and another when one opens. Its notes are
 * searched along with the questions, and filter by what they say
 * (starred, status, review schedule); a change to a note runs the
 * search again a moment later.
 */
static void
viva_sidebar_set_context (VivaSidebar *self,
                          VivaContext *context)
{
  VivaNotesStore *notes;

  g_return_if_fail (!context || VIVA_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  if (context == NULL)
    return;

  self->context = g_object_ref (context);
  notes = viva_context_get_notes_store (context);
  if (g_set_object (&self->notes, notes) && notes != NULL)
    g_signal_connect_object (notes, "note-changed",
                             G_CALLBACK (_viva_sidebar_note_changed_cb),
                             self, G_CONNECT_SWAPPED);

  g_signal_group_set_target (self->context_signals, context);
  viva_sidebar_set_bank (self, viva_context_get_bank (context));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES_STORE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}
