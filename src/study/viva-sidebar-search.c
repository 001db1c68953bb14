/* viva-sidebar-search.c
 *
 * The sidebar's search: running it over the bank and the notes when the
 * text, a filter or a note changes, and showing the result in the tree
 * without stalling on a large bank. Also the filters menu and the line
 * that names the active filters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "viva-bank.h"
#include "viva-level.h"
#include "viva-notes-search.h"
#include "viva-notes-store.h"
#include "viva-query.h"
#include "viva-question.h"
#include "viva-sidebar-private.h"
#include "viva-topic.h"

void
_viva_sidebar_get_filters (VivaSidebar       *self,
                           VivaSearchFilters *filters)
{
  viva_search_filters_init (filters);

  if (self->filter_starred)
    filters->flags |= VIVA_SEARCH_STARRED;
  if (self->filter_has_notes)
    filters->flags |= VIVA_SEARCH_HAS_NOTES;
  if (self->filter_due)
    {
      filters->flags |= VIVA_SEARCH_DUE;
      viva_review_day_init (&filters->day, g_get_real_time (), NULL, VIVA_REVIEW_DAY_START_HOUR);
    }

  if (self->filter_new)
    filters->statuses |= VIVA_SEARCH_STATUS_BIT (VIVA_STATUS_NEW);
  if (self->filter_learning)
    filters->statuses |= VIVA_SEARCH_STATUS_BIT (VIVA_STATUS_LEARNING);
  if (self->filter_confident)
    filters->statuses |= VIVA_SEARCH_STATUS_BIT (VIVA_STATUS_CONFIDENT);

  filters->level = self->filter_level;
}

gboolean
_viva_sidebar_has_filters (VivaSidebar *self)
{
  VivaSearchFilters filters;

  _viva_sidebar_get_filters (self, &filters);

  return !viva_search_filters_is_empty (&filters);
}

static void
viva_sidebar_update_empty_state (VivaSidebar *self)
{
  gboolean empty = self->filtering &&
                   g_list_model_get_n_items (G_LIST_MODEL (self->results)) == 0;

  if (empty)
    _viva_sidebar_show_page (self, VIVA_SIDEBAR_PAGE_EMPTY);
  else
    _viva_sidebar_show_page (self, self->filtering ? VIVA_SIDEBAR_PAGE_RESULTS : VIVA_SIDEBAR_PAGE_TREE);

  if (empty)
    adw_status_page_set_description (self->empty_page,
                                     _viva_sidebar_has_filters (self)
                                       ? _("Try other words, or clear the filters")
                                       : _("Try other words, or a question number"));
}

/* The rows on screen keep their items when the result changes, so they
 * are told about the new search here rather than when bound. */
void
_viva_sidebar_update_row (VivaSidebar    *self,
                          VivaSidebarRow *row)
{
  _viva_sidebar_update_row_for (self, row, viva_sidebar_row_get_item (row));
}

/* The same, for the item @row is about to show. */
void
_viva_sidebar_update_row_for (VivaSidebar    *self,
                              VivaSidebarRow *row,
                              GObject        *item)
{
  guint n_matching = G_MAXUINT;

  if (self->filtering && item != NULL && !VIVA_IS_QUESTION (item))
    n_matching = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, item));

  viva_sidebar_row_set_search (row, self->filtering ? self->index : NULL,
                               self->filtering ? self->query : NULL,
                               n_matching);
}

/* "Starred · Learning · Level 2", under the search field, so that a
 * filter that hides questions is never forgotten. */
void
_viva_sidebar_update_filters_label (VivaSidebar *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  g_autofree char *label = NULL;

  if (self->filter_starred)
    g_ptr_array_add (names, g_strdup (_("Starred")));
  if (self->filter_has_notes)
    g_ptr_array_add (names, g_strdup (_("Has Notes")));
  if (self->filter_due)
    g_ptr_array_add (names, g_strdup (_("Due for Review")));
  if (self->filter_new)
    g_ptr_array_add (names, g_strdup (C_("status", "New")));
  if (self->filter_learning)
    g_ptr_array_add (names, g_strdup (C_("status", "Learning")));
  if (self->filter_confident)
    g_ptr_array_add (names, g_strdup (C_("status", "Confident")));
  if (self->filter_level != 0)
    /* Translators: a level filter in the list of active filters. */
    g_ptr_array_add (names, g_strdup_printf (_("Level %u"), self->filter_level));

  g_ptr_array_add (names, NULL);
  joined = g_strjoinv (" · ", (char **) names->pdata);
  /* Translators: the active filters, e.g. "Filters: Starred · Level 2". */
  label = g_strdup_printf (_("Filters: %s"), joined);

  gtk_label_set_text (self->filters_label, label);
  gtk_widget_set_visible (GTK_WIDGET (self->filters_box), names->len > 1);

  if (names->len > 1)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "viva-filters-active");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "viva-filters-active");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.clear-filters", names->len > 1);
}

/* Counts the questions shown per level and topic. Positions are in bank
 * order, where a topic's questions follow one another: a hash table
 * update per run of one topic rather than per question. */
static void
viva_sidebar_count_matches (VivaSidebar *self,
                            GHashTable  *counts)
{
  gpointer topic = NULL;
  gpointer level = NULL;
  guint run = 0;

  for (guint i = 0; i <= self->positions->len; i++)
    {
      VivaQuestion *question = NULL;
      gpointer question_topic = NULL;
      gpointer question_level = NULL;

      if (i < self->positions->len)
        {
          question = viva_search_index_get_question (self->index, g_array_index (self->positions, guint, i));
          question_topic = viva_question_get_topic (question);
          question_level = viva_question_get_level (question);
        }

      if (question != NULL && question_topic == topic && question_level == level)
        {
          run++;
          continue;
        }

      if (run > 0)
        {
          if (topic != NULL)
            g_hash_table_insert (counts, topic,
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, topic)) + run));
          if (level != NULL)
            g_hash_table_insert (counts, level,
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, level)) + run));
        }

      topic = question_topic;
      level = question_level;
      run = 1;
    }
}

/* Whether the search found @question (positions are in bank order). */
gboolean
_viva_sidebar_result_contains (VivaSidebar  *self,
                               VivaQuestion *question)
{
  guint position = viva_question_get_position (question);
  guint low = 0;
  guint high = self->positions->len;

  if (!self->filtering)
    return FALSE;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      guint at = g_array_index (self->positions, guint, middle);

      if (at == position)
        return TRUE;
      if (at < position)
        low = middle + 1;
      else
        high = middle;
    }

  return FALSE;
}

/* Shows the new result. Its flat list says what changed in one
 * items-changed (viva-sidebar-results.c); the open question stays
 * selected when it is still found. Back to the tree, it is as the user
 * left it, with the open question selected and in sight. */
static void
viva_sidebar_update_list (VivaSidebar *self,
                          gboolean     was_filtering)
{
  VivaQuestion *current = self->selected_question;

  if (self->filtering)
    {
      /* A new search shows everything it finds, whatever the last one
       * had folded. */
      if (!was_filtering)
        viva_sidebar_results_unfold_all (self->results);
      viva_sidebar_results_set (self->results, self->index, self->positions);
      _viva_sidebar_show_page (self, g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0
                                       ? VIVA_SIDEBAR_PAGE_RESULTS : VIVA_SIDEBAR_PAGE_EMPTY);

      self->selecting = TRUE;
      gtk_single_selection_set_selected (self->results_selection,
                                         viva_sidebar_results_find (self->results, current));
      self->selecting = FALSE;
      return;
    }

  /* The result stays in its hidden list view, bound to its rows, for
   * the next search to refill. */
  _viva_sidebar_show_page (self, VIVA_SIDEBAR_PAGE_TREE);

  if (was_filtering && current != NULL)
    viva_sidebar_select_question (self, current);
}

void
_viva_sidebar_apply_query (VivaSidebar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(VivaQuery) query = viva_query_new (text);
  g_autoptr(GHashTable) counts = NULL;
  gboolean was_filtering = self->filtering;
  VivaSearchFilters filters;

  g_clear_handle_id (&self->refresh_source, g_source_remove);

  if (self->query == NULL || g_strcmp0 (viva_query_get_text (self->query), viva_query_get_text (query)) != 0)
    {
      g_set_object (&self->query, query);
      g_object_notify (G_OBJECT (self), "query");
    }

  _viva_sidebar_update_filters_label (self);

  if (self->bank == NULL)
    return;

  _viva_sidebar_get_filters (self, &filters);

  if (viva_query_is_empty (self->query) && viva_search_filters_is_empty (&filters))
    {
      if (!was_filtering)
        return;

      self->filtering = FALSE;
      g_hash_table_remove_all (self->counts);
      g_array_set_size (self->positions, 0);
    }
  else
    {
      /* Made on the first search rather than with the bank: most
       * sessions never search, and folding 100,000 questions takes a
       * few tens of milliseconds. */
      if (self->index == NULL)
        self->index = viva_notes_search_new (self->bank, self->notes);

      viva_search_index_run (self->index, self->query, &filters, self->positions);
      self->n_searches++;

      counts = g_hash_table_new (NULL, NULL);
      viva_sidebar_count_matches (self, counts);

      self->filtering = TRUE;
      g_hash_table_unref (self->counts);
      self->counts = g_steal_pointer (&counts);
    }

  /* Rows the list view binds meanwhile are filled for this search:
   * the others are refreshed once, after the list view shown is
   * chosen, those on screen first (_viva_sidebar_refresh_rows()). */
  self->row_generation++;
  self->applying = TRUE;
  viva_sidebar_update_list (self, was_filtering);
  self->applying = FALSE;
  viva_sidebar_update_empty_state (self);
  _viva_sidebar_refresh_rows (self);
}

guint
_viva_sidebar_get_n_searches (VivaSidebar *self)
{
  g_return_val_if_fail (VIVA_IS_SIDEBAR (self), 0);

  return self->n_searches;
}

/* A filter chosen in the menu applies at once, and keeps the search bar
 * open so that the filters stay in sight. */
void
_viva_sidebar_filters_changed (VivaSidebar *self)
{
  _viva_sidebar_apply_query (self);

  if (_viva_sidebar_has_filters (self))
    gtk_search_bar_set_search_mode (self->search_bar, TRUE);
}

static void
viva_sidebar_refresh_cb (gpointer data)
{
  VivaSidebar *self = data;

  self->refresh_source = 0;
  _viva_sidebar_apply_query (self);
}

/* A note changed: what it says, its star, status or schedule may change
 * what the search finds. */
void
_viva_sidebar_note_changed_cb (VivaSidebar    *self,
                               VivaNote       *note,
                               VivaNotesStore *notes)
{
  if (!self->filtering || self->refresh_source != 0)
    return;

  self->refresh_source = g_timeout_add_once (REFRESH_DELAY_MSEC, viva_sidebar_refresh_cb, self);
}

/* The filter menu's popover is built when it first opens: built at
 * once, it and its updates for each bank's levels cost every start-up
 * (callgrind, with the window menu: 13 of 1,066 million instructions to
 * the first frame). */
static void
viva_sidebar_create_filter_popup_cb (GtkMenuButton *button,
                                     gpointer       user_data)
{
  VivaSidebar *self = user_data;

  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->filter_menu);
}

/* The menu of filters: check items for the yes/no filters and statuses,
 * radio items for the level, which the bank decides. */
void
_viva_sidebar_build_filter_menu (VivaSidebar *self)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) marks = g_menu_new ();
  g_autoptr(GMenu) statuses = g_menu_new ();
  g_autoptr(GMenu) clear = g_menu_new ();

  g_menu_append (marks, _("_Starred"), "sidebar.filter-starred");
  g_menu_append (marks, _("Has _Notes"), "sidebar.filter-has-notes");
  g_menu_append (marks, _("_Due for Review"), "sidebar.filter-due");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (marks));

  g_menu_append (statuses, C_("status", "_New"), "sidebar.filter-new");
  g_menu_append (statuses, C_("status", "_Learning"), "sidebar.filter-learning");
  g_menu_append (statuses, C_("status", "_Confident"), "sidebar.filter-confident");
  g_menu_append_section (menu, _("Status"), G_MENU_MODEL (statuses));

  self->level_menu = g_menu_new ();
  g_menu_append_section (menu, _("Level"), G_MENU_MODEL (self->level_menu));

  g_menu_append (clear, _("C_lear Filters"), "sidebar.clear-filters");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (clear));

  self->filter_menu = G_MENU_MODEL (menu);
  gtk_menu_button_set_create_popup_func (self->filter_button,
                                         viva_sidebar_create_filter_popup_cb,
                                         self, NULL);
}

void
_viva_sidebar_update_level_menu (VivaSidebar *self)
{
  g_autoptr(GMenuItem) all = NULL;
  GListModel *levels;

  g_menu_remove_all (self->level_menu);

  all = g_menu_item_new (_("_All Levels"), NULL);
  g_menu_item_set_action_and_target_value (all, "sidebar.filter-level", g_variant_new_uint32 (0));
  g_menu_append_item (self->level_menu, all);

  if (self->bank == NULL)
    return;

  levels = viva_bank_get_levels (self->bank);
  for (guint i = 0; i < g_list_model_get_n_items (levels); i++)
    {
      g_autoptr(VivaLevel) level = g_list_model_get_item (levels, i);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      /* No mnemonics: a level's title is the bank's text. */
      label = g_strdup (viva_level_get_title (level));
      g_strdelimit (label, "_", ' ');
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "sidebar.filter-level",
                                               g_variant_new_uint32 (viva_level_get_number (level)));
      g_menu_append_item (self->level_menu, item);
    }
}

/**
 * viva_sidebar_get_query:
 * @self: a #VivaSidebar
 *
 * Returns: (transfer none) (nullable): what the search field holds,
 *   compiled, or %NULL when it is empty
 */
VivaQuery *
viva_sidebar_get_query (VivaSidebar *self)
{
  g_return_val_if_fail (VIVA_IS_SIDEBAR (self), NULL);

  if (self->query == NULL || viva_query_is_empty (self->query))
    return NULL;

  return self->query;
}

/**
 * viva_sidebar_get_search_index:
 * @self: a #VivaSidebar
 *
 * Returns: (transfer none) (nullable): the index the sidebar searches,
 *   made on the first search
 */
VivaSearchIndex *
viva_sidebar_get_search_index (VivaSidebar *self)
{
  g_return_val_if_fail (VIVA_IS_SIDEBAR (self), NULL);

  return self->index;
}
