/* viva-sidebar.c
 *
 * The tree of levels, topics and questions, and the filter field that
 * narrows it. The tree is a GtkTreeListModel whose every level is a
 * GtkFilterListModel sharing one GtkCustomFilter; a query is matched once
 * against the whole bank when it changes, so filtering a row is a hash
 * lookup.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "viva-bank.h"
#include "viva-level.h"
#include "viva-query.h"
#include "viva-question.h"
#include "viva-sidebar.h"
#include "viva-sidebar-row.h"
#include "viva-topic.h"

struct _VivaSidebar
{
  GtkWidget           parent_instance;

  /* Owned */
  VivaBank           *bank;
  GtkCustomFilter    *filter;
  GtkTreeListModel   *tree_model;
  GtkSingleSelection *selection;
  VivaQuery          *query;
  GHashTable         *matches;

  /* Borrowed */
  VivaQuestion       *selected_question;

  /* Template widgets */
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListView        *list_view;

  guint               selecting : 1;
};

G_DEFINE_FINAL_TYPE (VivaSidebar, viva_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BANK,
  N_PROPS
};

enum {
  QUESTION_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
viva_sidebar_filter_func (gpointer item,
                          gpointer user_data)
{
  VivaSidebar *self = user_data;

  return self->matches == NULL || g_hash_table_contains (self->matches, item);
}

static GListModel *
viva_sidebar_filtered (VivaSidebar *self,
                       GListModel  *model)
{
  return G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (model),
                                                  g_object_ref (GTK_FILTER (self->filter))));
}

static GListModel *
viva_sidebar_create_child_model (gpointer item,
                                 gpointer user_data)
{
  VivaSidebar *self = user_data;

  if (VIVA_IS_LEVEL (item))
    return viva_sidebar_filtered (self, viva_level_get_children (item));

  if (VIVA_IS_TOPIC (item))
    return viva_sidebar_filtered (self, viva_topic_get_questions (item));

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

static void
viva_sidebar_set_all_expanded (VivaSidebar *self,
                               gboolean     expanded)
{
  /* Only top-level rows: with autoexpand on, expanding a level expands what
   * appears under it; collapsing a level hides everything under it. */
  for (guint i = 0; ; i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row (self->tree_model, i);

      if (row == NULL)
        break;

      gtk_tree_list_row_set_expanded (row, expanded);
    }
}

static void
viva_sidebar_selection_changed_cb (VivaSidebar        *self,
                                   guint               position,
                                   guint               n_items,
                                   GtkSingleSelection *selection)
{
  GtkTreeListRow *row;
  gpointer item;

  if (self->selecting)
    return;

  row = gtk_single_selection_get_selected_item (selection);
  if (row == NULL)
    return;

  item = gtk_tree_list_row_get_item (row);

  if (VIVA_IS_QUESTION (item) && item != (gpointer) self->selected_question)
    {
      self->selected_question = item;
      g_signal_emit (self, signals[QUESTION_ACTIVATED], 0, item);
    }

  g_object_unref (item);
}

static void
list_activate_cb (VivaSidebar *self,
                  guint        position,
                  GtkListView *list_view)
{
  g_autoptr(GtkTreeListRow) row = NULL;
  g_autoptr(GObject) item = NULL;

  row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (row == NULL)
    return;

  item = gtk_tree_list_row_get_item (row);

  /* Enter or a double click on a level or topic opens or closes it; on a
   * question it opens the question (already done by selecting it). */
  if (gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
  else if (VIVA_IS_QUESTION (item))
    g_signal_emit (self, signals[QUESTION_ACTIVATED], 0, item);
}

static void
viva_sidebar_update_empty_state (VivaSidebar *self)
{
  gboolean empty = self->matches != NULL &&
                   g_list_model_get_n_items (G_LIST_MODEL (self->tree_model)) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "tree");
}

static void
viva_sidebar_apply_query (VivaSidebar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean was_filtering = self->matches != NULL;

  g_clear_object (&self->query);
  g_clear_pointer (&self->matches, g_hash_table_unref);

  self->query = viva_query_new (text);

  if (self->bank != NULL && !viva_query_is_empty (self->query))
    {
      GListModel *questions = viva_bank_get_questions (self->bank);
      guint n = g_list_model_get_n_items (questions);

      self->matches = g_hash_table_new (NULL, NULL);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(VivaQuestion) question = g_list_model_get_item (questions, i);

          if (viva_query_match_question (self->query, question))
            {
              VivaTopic *topic = viva_question_get_topic (question);

              g_hash_table_add (self->matches, question);
              g_hash_table_add (self->matches, viva_question_get_level (question));
              if (topic != NULL)
                g_hash_table_add (self->matches, topic);
            }
        }
    }

  gtk_tree_list_model_set_autoexpand (self->tree_model, self->matches != NULL);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);

  if (self->matches != NULL)
    viva_sidebar_set_all_expanded (self, TRUE);
  else if (was_filtering)
    {
      VivaQuestion *current = self->selected_question;

      viva_sidebar_set_all_expanded (self, FALSE);
      if (current != NULL)
        viva_sidebar_select_question (self, current);
    }

  viva_sidebar_update_empty_state (self);
}

static void
search_changed_cb (VivaSidebar    *self,
                   GtkSearchEntry *entry)
{
  viva_sidebar_apply_query (self);
}

static void
search_activate_cb (VivaSidebar    *self,
                    GtkSearchEntry *entry)
{
  /* The entry applies its text after a short delay; Enter must act on what
   * is typed now. */
  viva_sidebar_apply_query (self);
  viva_sidebar_open_first_match (self);
}

static void
stop_search_cb (VivaSidebar    *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  viva_sidebar_apply_query (self);
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
viva_sidebar_setup_row_cb (GtkSignalListItemFactory *factory,
                           GtkListItem              *list_item,
                           VivaSidebar              *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *row = viva_sidebar_row_new ();

  gtk_tree_expander_set_indent_for_icon (GTK_TREE_EXPANDER (expander), TRUE);
  /* Expand so that the counts line up at the end of every row. */
  gtk_widget_set_hexpand (row, TRUE);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), row);
  gtk_list_item_set_child (list_item, expander);
}

static void
viva_sidebar_bind_row_cb (GtkSignalListItemFactory *factory,
                          GtkListItem              *list_item,
                          VivaSidebar              *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));
  GtkWidget *child = gtk_tree_expander_get_child (expander);
  g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

  gtk_tree_expander_set_list_row (expander, row);
  viva_sidebar_row_set_item (VIVA_SIDEBAR_ROW (child), item);
}

static void
viva_sidebar_unbind_row_cb (GtkSignalListItemFactory *factory,
                            GtkListItem              *list_item,
                            VivaSidebar              *self)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));

  gtk_tree_expander_set_list_row (expander, NULL);
  viva_sidebar_row_set_item (VIVA_SIDEBAR_ROW (gtk_tree_expander_get_child (expander)), NULL);
}

static void
viva_sidebar_dispose (GObject *object)
{
  VivaSidebar *self = (VivaSidebar *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_SIDEBAR);

  /* The template's root container is not bound to a field, so
   * dispose_template leaves it in place. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->tree_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->bank);
  g_clear_object (&self->query);
  g_clear_pointer (&self->matches, g_hash_table_unref);
  self->selected_question = NULL;

  G_OBJECT_CLASS (viva_sidebar_parent_class)->dispose (object);
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
    case PROP_BANK:
      g_value_set_object (value, self->bank);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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
    case PROP_BANK:
      viva_sidebar_set_bank (self, g_value_get_object (value));
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
  object_class->get_property = viva_sidebar_get_property;
  object_class->set_property = viva_sidebar_set_property;

  properties[PROP_BANK] =
    g_param_spec_object ("bank", NULL, NULL,
                         VIVA_TYPE_BANK,
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
  gtk_widget_class_bind_template_child (widget_class, VivaSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, VivaSidebar, list_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vivasidebar");
}

static void
viva_sidebar_init (VivaSidebar *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (viva_sidebar_filter_func, self, NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (viva_sidebar_setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (viva_sidebar_bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (viva_sidebar_unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self->list_view));
}

VivaBank *
viva_sidebar_get_bank (VivaSidebar *self)
{
  g_return_val_if_fail (VIVA_IS_SIDEBAR (self), NULL);

  return self->bank;
}

void
viva_sidebar_set_bank (VivaSidebar *self,
                       VivaBank    *bank)
{
  GListModel *root;

  g_return_if_fail (VIVA_IS_SIDEBAR (self));
  g_return_if_fail (!bank || VIVA_IS_BANK (bank));

  if (!g_set_object (&self->bank, bank))
    return;

  self->selected_question = NULL;
  g_clear_pointer (&self->matches, g_hash_table_unref);

  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree_model);

  if (bank != NULL)
    {
      root = viva_sidebar_filtered (self, viva_bank_get_levels (bank));
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
      viva_sidebar_apply_query (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BANK]);
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
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);

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

  gtk_search_bar_set_search_mode (self->search_bar, text != NULL && text[0] != '\0');
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  viva_sidebar_apply_query (self);
}

/**
 * viva_sidebar_open_first_match:
 *
 * Opens the first question the tree shows, as Enter in the filter does.
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
