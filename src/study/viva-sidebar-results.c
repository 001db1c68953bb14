/* viva-sidebar-results.c
 *
 * What the sidebar shows while searching: a flat list of the levels and
 * topics that have matches, each followed by its matching questions, in
 * the tree's order, built in one pass over the search's result.
 *
 * The tree it stands in for (a GtkTreeListModel whose every topic is a
 * GtkFilterListModel, expanded with autoexpand) cost most of the first
 * letter typed in a 100,000-question bank: expanding 80,000 rows made
 * 80,000 tree nodes and filtered every question of every topic (callgrind,
 * 291 of 968 million instructions). Here a keystroke is one pass over
 * the result and at most one items-changed.
 *
 * The list's items are slots, one per position, made when the list view
 * first asks for that position and kept while the position exists; a
 * slot says which level, topic or question is at its position now. GTK
 * 4.8's list item manager keeps a row widget only while its item object
 * comes back in the same place (gtklistitemmanager.c,
 * try_reacquire_list_item) and otherwise destroys it and makes a new one
 * (half a million instructions a row, 200 rows on screen or near it).
 * With slots, a keystroke tells the list view only that the list grew or
 * shrank at its end, every row it holds stays, and "changed" tells the
 * sidebar to show the slots' new contents in them: typing one more letter
 * refills rows instead of making them.
 *
 * The user can still fold a level or a topic of the result; what is
 * folded stays folded while the search goes on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-level.h"
#include "viva-question.h"
#include "viva-search.h"
#include "viva-sidebar-results.h"
#include "viva-topic.h"

struct _VivaSidebarSlot
{
  GObject  parent_instance;

  /* Borrowed from the bank, which the results' index keeps. */
  GObject *item;
};

G_DEFINE_FINAL_TYPE (VivaSidebarSlot, viva_sidebar_slot, G_TYPE_OBJECT)

static void
viva_sidebar_slot_class_init (VivaSidebarSlotClass *klass)
{
}

static void
viva_sidebar_slot_init (VivaSidebarSlot *self)
{
}

/**
 * viva_sidebar_slot_get_item:
 * @self: a slot of #VivaSidebarResults
 *
 * Returns: (transfer none): the level, topic or question at the slot's
 *   position now
 */
GObject *
viva_sidebar_slot_get_item (VivaSidebarSlot *self)
{
  g_return_val_if_fail (VIVA_IS_SIDEBAR_SLOT (self), NULL);

  return self->item;
}

struct _VivaSidebarResults
{
  GObject          parent_instance;

  /* Owned: the index keeps the bank, whose objects the arrays borrow. */
  VivaSearchIndex *index;
  /* Every header and matching question, in the tree's order. */
  GPtrArray       *all;
  /* What is shown: @all without what is under a folded header. */
  GPtrArray       *shown;
  /* The folded headers. */
  GHashTable      *folded;
  /* One VivaSidebarSlot per position shown, or NULL until asked for. */
  GPtrArray       *slots;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GType
viva_sidebar_results_get_item_type (GListModel *model)
{
  return VIVA_TYPE_SIDEBAR_SLOT;
}

static guint
viva_sidebar_results_get_n_items (GListModel *model)
{
  VivaSidebarResults *self = VIVA_SIDEBAR_RESULTS (model);

  return self->shown->len;
}

static gpointer
viva_sidebar_results_get_item (GListModel *model,
                               guint       position)
{
  VivaSidebarResults *self = VIVA_SIDEBAR_RESULTS (model);

  VivaSidebarSlot *slot;

  if (position >= self->shown->len)
    return NULL;

  slot = g_ptr_array_index (self->slots, position);
  if (slot == NULL)
    {
      slot = g_object_new (VIVA_TYPE_SIDEBAR_SLOT, NULL);
      slot->item = g_ptr_array_index (self->shown, position);
      g_ptr_array_index (self->slots, position) = slot;
    }

  return g_object_ref (slot);
}

static void
viva_sidebar_results_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = viva_sidebar_results_get_item_type;
  iface->get_n_items = viva_sidebar_results_get_n_items;
  iface->get_item = viva_sidebar_results_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (VivaSidebarResults, viva_sidebar_results, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, viva_sidebar_results_list_model_init))

static void
viva_sidebar_results_finalize (GObject *object)
{
  VivaSidebarResults *self = (VivaSidebarResults *)object;

  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->all, g_ptr_array_unref);
  g_clear_pointer (&self->folded, g_hash_table_unref);
  g_clear_object (&self->index);

  G_OBJECT_CLASS (viva_sidebar_results_parent_class)->finalize (object);
}

static void
viva_sidebar_results_class_init (VivaSidebarResultsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = viva_sidebar_results_finalize;

  /**
   * VivaSidebarResults::changed:
   *
   * Emitted when what is shown changed, after items-changed if the
   * number of items did: the slots may hold other items.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

/* Slots are made when asked for: most positions have none. */
static void
viva_sidebar_results_free_slot (gpointer slot)
{
  if (slot != NULL)
    g_object_unref (slot);
}

static void
viva_sidebar_results_init (VivaSidebarResults *self)
{
  self->all = g_ptr_array_new ();
  self->shown = g_ptr_array_new ();
  self->folded = g_hash_table_new (NULL, NULL);
  self->slots = g_ptr_array_new_with_free_func (viva_sidebar_results_free_slot);
}

VivaSidebarResults *
viva_sidebar_results_new (void)
{
  return g_object_new (VIVA_TYPE_SIDEBAR_RESULTS, NULL);
}

/**
 * viva_sidebar_results_get_depth:
 * @item: a level, a topic or a question
 *
 * Returns: how deep the tree shows @item: 0 for a level, 1 for a topic
 *   or a question directly in its level, 2 for a question in a topic
 */
guint
viva_sidebar_results_get_depth (gpointer item)
{
  if (VIVA_IS_LEVEL (item))
    return 0;
  if (VIVA_IS_TOPIC (item))
    return 1;
  if (VIVA_IS_QUESTION (item) && viva_question_get_topic (item) != NULL)
    return 2;

  return 1;
}

gboolean
viva_sidebar_results_is_header (gpointer item)
{
  return VIVA_IS_LEVEL (item) || VIVA_IS_TOPIC (item);
}

/* Replaces what is shown with @shown: the slots that stay take their
 * new items, and the list view is told only that the list grew or
 * shrank at its end. */
static void
viva_sidebar_results_take_shown (VivaSidebarResults *self,
                                 GPtrArray          *shown)
{
  g_autoptr(GPtrArray) old = self->shown;
  guint n_old = old->len;
  guint n_new = shown->len;
  gboolean same = n_old == n_new;

  for (guint i = 0; same && i < n_new; i++)
    same = old->pdata[i] == shown->pdata[i];

  self->shown = shown;
  if (same)
    return;

  for (guint i = 0; i < MIN (n_old, n_new); i++)
    {
      VivaSidebarSlot *slot = g_ptr_array_index (self->slots, i);

      if (slot != NULL)
        slot->item = g_ptr_array_index (shown, i);
    }
  /* New positions get their slots when asked for; slots of positions
   * gone are dropped (the list view lets their rows go). */
  g_ptr_array_set_size (self->slots, n_new);

  if (n_new < n_old)
    g_list_model_items_changed (G_LIST_MODEL (self), n_new, n_old - n_new, 0);
  else if (n_new > n_old)
    g_list_model_items_changed (G_LIST_MODEL (self), n_old, 0, n_new - n_old);

  g_signal_emit (self, signals[CHANGED], 0);
}

static GPtrArray *
viva_sidebar_results_dup_unfolded (VivaSidebarResults *self)
{
  GPtrArray *shown;
  guint skip_deeper_than = G_MAXUINT;

  if (g_hash_table_size (self->folded) == 0)
    {
      shown = g_ptr_array_sized_new (self->all->len);
      if (self->all->len > 0)
        g_ptr_array_extend (shown, self->all, NULL, NULL);
      return shown;
    }

  shown = g_ptr_array_new ();
  for (guint i = 0; i < self->all->len; i++)
    {
      gpointer item = self->all->pdata[i];
      guint depth = viva_sidebar_results_get_depth (item);

      if (skip_deeper_than != G_MAXUINT)
        {
          if (depth > skip_deeper_than)
            continue;
          skip_deeper_than = G_MAXUINT;
        }

      g_ptr_array_add (shown, item);
      if (g_hash_table_contains (self->folded, item))
        skip_deeper_than = depth;
    }

  return shown;
}

/**
 * viva_sidebar_results_set:
 * @self: the results
 * @index: the index searched
 * @positions: the search's result, question positions in bank order
 *
 * Shows the questions at @positions, under their levels and topics.
 * Questions outside any level are not shown, as in the tree.
 */
void
viva_sidebar_results_set (VivaSidebarResults *self,
                          VivaSearchIndex    *index,
                          GArray             *positions)
{
  g_autoptr(GPtrArray) all = NULL;
  gpointer level = NULL;
  gpointer topic = NULL;

  g_return_if_fail (VIVA_IS_SIDEBAR_RESULTS (self));
  g_return_if_fail (VIVA_IS_SEARCH_INDEX (index));
  g_return_if_fail (positions != NULL);

  /* Bank order is the tree's: a level's questions and topics follow one
   * another, each topic's questions after it (viva-bank-parser.c). */
  all = g_ptr_array_sized_new (positions->len + positions->len / 8 + 16);
  for (guint i = 0; i < positions->len; i++)
    {
      VivaQuestion *question = viva_search_index_get_question (index, g_array_index (positions, guint, i));
      gpointer question_level = viva_question_get_level (question);
      gpointer question_topic = viva_question_get_topic (question);

      if (question_level == NULL)
        continue;

      if (question_level != level)
        {
          level = question_level;
          topic = NULL;
          g_ptr_array_add (all, level);
        }

      if (question_topic != topic)
        {
          topic = question_topic;
          if (topic != NULL)
            g_ptr_array_add (all, topic);
        }

      g_ptr_array_add (all, question);
    }

  /* The new index first: it keeps alive what the new arrays borrow, the
   * old one what the list view may still hold until told. */
  if (self->index != index)
    {
      g_autoptr(VivaSearchIndex) old_index = g_steal_pointer (&self->index);
      g_autoptr(GPtrArray) old_all = g_steal_pointer (&self->all);

      self->index = g_object_ref (index);
      self->all = g_steal_pointer (&all);
      g_hash_table_remove_all (self->folded);
      viva_sidebar_results_take_shown (self, viva_sidebar_results_dup_unfolded (self));
      return;
    }

  g_ptr_array_unref (self->all);
  self->all = g_steal_pointer (&all);
  viva_sidebar_results_take_shown (self, viva_sidebar_results_dup_unfolded (self));
}

/* Shows nothing, and forgets what was folded and the index. */
void
viva_sidebar_results_clear (VivaSidebarResults *self)
{
  g_autoptr(VivaSearchIndex) old_index = NULL;
  g_autoptr(GPtrArray) old_all = NULL;

  g_return_if_fail (VIVA_IS_SIDEBAR_RESULTS (self));

  old_index = g_steal_pointer (&self->index);
  old_all = g_steal_pointer (&self->all);
  self->all = g_ptr_array_new ();
  g_hash_table_remove_all (self->folded);
  viva_sidebar_results_take_shown (self, g_ptr_array_new ());
}

/* Forgets what was folded; the next viva_sidebar_results_set() shows
 * every header unfolded. */
void
viva_sidebar_results_unfold_all (VivaSidebarResults *self)
{
  g_return_if_fail (VIVA_IS_SIDEBAR_RESULTS (self));

  g_hash_table_remove_all (self->folded);
}

gboolean
viva_sidebar_results_get_expanded (VivaSidebarResults *self,
                                   gpointer            header)
{
  g_return_val_if_fail (VIVA_IS_SIDEBAR_RESULTS (self), FALSE);

  return viva_sidebar_results_is_header (header) && !g_hash_table_contains (self->folded, header);
}

/* Folds or unfolds a level or a topic of the result. */
void
viva_sidebar_results_set_expanded (VivaSidebarResults *self,
                                   gpointer            header,
                                   gboolean            expanded)
{
  gboolean changed;

  g_return_if_fail (VIVA_IS_SIDEBAR_RESULTS (self));

  if (!viva_sidebar_results_is_header (header))
    return;

  if (expanded)
    changed = g_hash_table_remove (self->folded, header);
  else
    changed = g_hash_table_add (self->folded, header);

  if (changed)
    viva_sidebar_results_take_shown (self, viva_sidebar_results_dup_unfolded (self));
}

/* Returns the position of @item among what is shown, or
 * GTK_INVALID_LIST_POSITION (G_MAXUINT). */
guint
viva_sidebar_results_find (VivaSidebarResults *self,
                           gpointer            item)
{
  guint position;

  g_return_val_if_fail (VIVA_IS_SIDEBAR_RESULTS (self), G_MAXUINT);

  if (item != NULL && g_ptr_array_find (self->shown, item, &position))
    return position;

  return G_MAXUINT;
}
