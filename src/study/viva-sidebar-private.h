/* viva-sidebar-private.h
 *
 * What viva-sidebar.c (the tree, its rows and the public API) and
 * viva-sidebar-search.c (running the search and the filters, and
 * showing the result) share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "viva-search.h"
#include "viva-sidebar.h"
#include "viva-sidebar-results.h"
#include "viva-sidebar-row.h"

G_BEGIN_DECLS

struct _VivaSidebar
{
  GtkWidget           parent_instance;

  /* Owned */
  VivaContext        *context;
  GSignalGroup       *context_signals;
  /* The context's, kept from its last notify::bank */
  VivaBank           *bank;
  VivaNotesStore     *notes;
  /* The study state of the bank, from the notes: what the rows show. */
  VivaProgress       *progress;
  VivaSearchIndex    *index;
  /* The whole tree, shown when not searching; its expansion and
   * selection stay as the user left them while a search shows. */
  GtkTreeListModel   *tree_model;
  GtkSingleSelection *selection;
  /* While searching: the result as a flat list, and its selection. */
  VivaSidebarResults *results;
  GtkSingleSelection *results_selection;
  VivaQuery          *query;
  GArray             *positions;
  /* The levels and topics with questions shown, and how many. */
  GHashTable         *counts;
  /* The rows the list view made (weak references), to tell them when
   * the search changes. */
  GPtrArray          *rows;
  /* Rows the list view let go, kept to be given to the next list
   * items it makes (viva_sidebar_setup_row_cb()). */
  GPtrArray          *spare_rows;
  /* How many rows the result's list view has bound. */
  guint               n_result_rows;
  GMenu              *level_menu;
  /* Given to filter_button when the menu first opens */
  GMenuModel         *filter_menu;

  /* Borrowed */
  VivaQuestion       *selected_question;

  /* Template widgets */
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkMenuButton      *filter_button;
  GtkBox             *filters_box;
  GtkLabel           *filters_label;
  GtkStack           *stack;
  GtkListView        *list_view;
  /* The search's result: see _viva_sidebar_show_page(). */
  GtkScrolledWindow  *results_scroller;
  GtkListView        *results_view;
  AdwStatusPage      *empty_page;

  guint               refresh_source;
  /* Rows off screen refreshed after the frame: _viva_sidebar_rows_changed(). */
  guint               row_generation;
  guint               stale_source;
  gulong              after_paint_handler;
  GdkFrameClock      *after_paint_clock;
  guint               scrolled_tick;
  /* Rows made ahead of the first search: viva_sidebar_warm_rows(). */
  guint               warm_source;
  /* A scroll to the selection waiting for the list view's page: see
   * viva_sidebar_scroll_to_selected(). */
  gulong              page_handler;
  /* The list view page_handler and scroll_tick are on (borrowed). */
  GtkListView        *scroll_view;
  guint               scroll_tick;
  /* How many times the search ran, for the tests. */
  guint               n_searches;
  guint               filter_level;

  guint               selecting : 1;
  /* In _viva_sidebar_apply_query(), which refreshes the rows once. */
  guint               applying : 1;
  guint               filtering : 1;
  guint               filter_starred : 1;
  guint               filter_has_notes : 1;
  guint               filter_due : 1;
  guint               filter_new : 1;
  guint               filter_learning : 1;
  guint               filter_confident : 1;
};

/* After a note changes, the search runs again this much later, so that
 * typing a note does not search on every keystroke. */
#define REFRESH_DELAY_MSEC 300

/* viva-sidebar.c */
typedef enum {
  VIVA_SIDEBAR_PAGE_TREE,
  VIVA_SIDEBAR_PAGE_RESULTS,
  VIVA_SIDEBAR_PAGE_EMPTY,
} VivaSidebarPage;

void     _viva_sidebar_show_page            (VivaSidebar       *self,
                                             VivaSidebarPage    page);
GtkListView *_viva_sidebar_get_shown_view   (VivaSidebar       *self);
void     _viva_sidebar_rows_changed         (VivaSidebar       *self);
void     _viva_sidebar_refresh_rows         (VivaSidebar       *self);
gboolean _viva_sidebar_has_stale_rows       (VivaSidebar       *self);
GPtrArray *_viva_sidebar_dup_shown_items    (VivaSidebar       *self);
gboolean _viva_sidebar_is_warming_rows      (VivaSidebar       *self);
/* Every row the sidebar made and still has, shown or spare */
GPtrArray *_viva_sidebar_get_rows           (VivaSidebar       *self);

/* viva-sidebar-search.c */
gboolean _viva_sidebar_result_contains      (VivaSidebar       *self,
                                             VivaQuestion      *question);
void     _viva_sidebar_apply_query          (VivaSidebar       *self);
guint    _viva_sidebar_get_n_searches       (VivaSidebar       *self);
void     _viva_sidebar_filters_changed      (VivaSidebar       *self);
void     _viva_sidebar_get_filters          (VivaSidebar       *self,
                                             VivaSearchFilters *filters);
gboolean _viva_sidebar_has_filters          (VivaSidebar       *self);
void     _viva_sidebar_update_row           (VivaSidebar       *self,
                                             VivaSidebarRow    *row);
void     _viva_sidebar_update_row_for       (VivaSidebar       *self,
                                             VivaSidebarRow    *row,
                                             GObject           *item);
void     _viva_sidebar_update_filters_label (VivaSidebar       *self);
void     _viva_sidebar_note_changed_cb      (VivaSidebar       *self,
                                             VivaNote          *note,
                                             VivaNotesStore    *notes);
void     _viva_sidebar_build_filter_menu    (VivaSidebar       *self);
void     _viva_sidebar_update_level_menu    (VivaSidebar       *self);

G_END_DECLS
