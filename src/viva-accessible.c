/* viva-accessible.c
 *
 * The names a screen reader reads, made right on GTK 4.8.
 *
 * GTK 4.8 names a widget by joining everything that could name it: its
 * own accessible label, then the text of each widget that labels it
 * (gtk_at_context_get_name() in gtk/gtkatcontext.c, 4.8), and when there
 * is neither, its type. So:
 *
 *  - a button with a mnemonic is read "_Start Interview Start Interview":
 *    GtkButton sets its label, underscore included, as its accessible
 *    label, and the GtkLabel inside it, whose mnemonic it is, labels it
 *    too. A plain GTK 4.8 window does it. A check button or a stack
 *    switcher's page button with a mnemonic is read "_Keep" or "_1";
 *  - a text view named "Interview notes" that its "_Notes" label points
 *    at is read "Interview notes Notes", and a switch in an AdwActionRow
 *    says its own name, then the row's title;
 *  - a menu button, a drop-down's button or an icon button with no label
 *    is read "GtkMenuButton", "GtkToggleButton" or "GtkImage" (an icon
 *    button is labelled by its image: GNOME/gtk#4258).
 *
 * GTK 4.12 rewrote the computation to follow the WAI-ARIA accname spec,
 * in which one source names a widget and a button with no label is named
 * from what it shows ("we've also redone the way accessible names and
 * descriptions are computed, to match the spec",
 * https://blog.gtk.org/2023/06/). viva_accessible_init() gives every
 * widget of the application a name from one source whenever something is
 * mapped, libadwaita's dialogs and GTK's own windows included:
 *
 *  1. a widget with an accessible label of its own keeps it, and stops
 *     being labelled by other widgets as well. (The spec would take the
 *     labels that point at it; but each label Viva sets says at least as
 *     much as the text beside it, often more: "Minutes per level 1
 *     question" for the spin button of the row "Level 1".)
 *  2. a label that is mnemonic text ("_Start Interview") becomes the text
 *     shown ("Start Interview");
 *  3. a control that nothing names is named from what it shows, its
 *     title or placeholder, or its tooltip, the spec's last resort; a few
 *     widgets that GTK 4.8 and libadwaita 1.2 build with none of these
 *     get the name their look gives sighted users.
 *
 * Drop this file when Viva requires GTK 4.12 (where a widget labelled by
 * others takes their text, so rule 1 then needs the labels Viva sets
 * moved to those widgets).
 *
 * GTK 4.8 has no getter for accessible properties: the only public way
 * to ask whether a widget has an accessible label is the test API
 * (gtk_test_accessible_has_property() and friends), which works on any
 * accessible, not only under GTK_A11Y=test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "viva-accessible.h"

/* The label this file gave a widget, from what the widget shows, so that
 * it is made again when that changes and never taken for one the code
 * set. */
#define DERIVED_KEY "viva-accessible-derived"
/* Set once this file follows the widget's label and tooltip. */
#define WATCHED_KEY "viva-accessible-watched"

/* "_Start" shows as "Start", "__init__" as "_init_". */
static char *
strip_mnemonic (const char *text)
{
  GString *plain = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] != '\0')
        p++;
      g_string_append_c (plain, *p);
    }

  return g_string_free (plain, FALSE);
}

static gboolean
label_is (GtkWidget  *widget,
          const char *text)
{
  g_autofree char *mismatch = NULL;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return FALSE;

  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, text);
  return mismatch == NULL;
}

/* An accessible label the code (or GTK) set, not one this file made. */
static gboolean
has_own_label (GtkWidget *widget)
{
  const char *derived = g_object_get_data (G_OBJECT (widget), DERIVED_KEY);

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return FALSE;

  if (derived != NULL && label_is (widget, derived))
    return FALSE;

  g_object_set_data (G_OBJECT (widget), DERIVED_KEY, NULL);
  return TRUE;
}

static void
set_derived_label (GtkWidget  *widget,
                   const char *name)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (widget), DERIVED_KEY, g_strdup (name), g_free);
}

/* The AdwActionRow that @widget is the activatable widget of: the row's
 * title labels it. */
static AdwActionRow *
get_activating_row (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);

  if (row != NULL && adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)) == widget)
    return ADW_ACTION_ROW (row);

  return NULL;
}

/* Other widgets name @widget: labels whose mnemonic it is, the title of
 * the row it is the activatable widget of, the label GTK made it
 * labelled by. Not the image of an icon button, which names nothing. */
static gboolean
is_labelled (GtkWidget *widget)
{
  GList *mnemonic_labels = gtk_widget_list_mnemonic_labels (widget);

  if (mnemonic_labels != NULL)
    {
      g_list_free (mnemonic_labels);
      return TRUE;
    }

  if (get_activating_row (widget) != NULL)
    return TRUE;

  if (GTK_IS_BUTTON (widget) && gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL)
    return FALSE;

  return gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* A label in @widget, or in its child, that shows a mnemonic. */
static GtkLabel *
find_mnemonic_label (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_label_get_use_underline (GTK_LABEL (child)))
        return GTK_LABEL (child);

      for (GtkWidget *grandchild = gtk_widget_get_first_child (child);
           grandchild != NULL;
           grandchild = gtk_widget_get_next_sibling (grandchild))
        {
          if (GTK_IS_LABEL (grandchild) && gtk_label_get_use_underline (GTK_LABEL (grandchild)))
            return GTK_LABEL (grandchild);
        }
    }

  return NULL;
}

/* What @widget shows, as text: its labels, in order. */
static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;

      if (GTK_IS_LABEL (child))
        {
          const char *shown = gtk_label_get_text (GTK_LABEL (child));

          if (shown[0] != '\0')
            g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", shown);
        }
      else
        collect_text (child, text);
    }
}

static char *
row_title (AdwPreferencesRow *row)
{
  const char *title = adw_preferences_row_get_title (row);

  if (title == NULL || title[0] == '\0')
    return NULL;

  return adw_preferences_row_get_use_underline (row) ? strip_mnemonic (title) : g_strdup (title);
}

/* The title of the page @widget is on, in libadwaita's subpages: a box
 * whose header bar has an AdwWindowTitle. */
static char *
page_title (GtkWidget *widget)
{
  for (GtkWidget *page = gtk_widget_get_parent (widget); page; page = gtk_widget_get_parent (page))
    {
      GtkWidget *header = gtk_widget_get_first_child (page);

      if (GTK_IS_HEADER_BAR (header) &&
          ADW_IS_WINDOW_TITLE (gtk_header_bar_get_title_widget (GTK_HEADER_BAR (header))))
        return g_strdup (adw_window_title_get_title (ADW_WINDOW_TITLE (gtk_header_bar_get_title_widget (GTK_HEADER_BAR (header)))));
    }

  return NULL;
}

/* Widgets inside GTK 4.8 and libadwaita 1.2 that have no text of their
 * own to be named by: named as they look. */
static char *
toolkit_name (GtkWidget *widget)
{
  GtkWidget *previous = gtk_widget_get_prev_sibling (widget);
  GtkWidget *next = gtk_widget_get_next_sibling (widget);

  /* GtkCalendar's arrows sit either side of the month and of the year:
   * [<] month [>] [<] year [>]. */
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_ancestor (widget, GTK_TYPE_CALENDAR) != NULL)
    {
      if (GTK_IS_STACK (next))
        return g_strdup (_("Previous month"));
      if (GTK_IS_STACK (previous))
        return g_strdup (_("Next month"));
      if (GTK_IS_LABEL (next))
        return g_strdup (_("Previous year"));
      if (GTK_IS_LABEL (previous))
        return g_strdup (_("Next year"));
    }

  /* GtkShortcutsWindow's search button, and its menu of sections (shown
   * when it has more than one). */
  if (gtk_widget_get_ancestor (widget, GTK_TYPE_SHORTCUTS_WINDOW) != NULL)
    {
      if (GTK_IS_TOGGLE_BUTTON (widget) &&
          g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "edit-find-symbolic") == 0)
        return g_strdup (_("Search Shortcuts"));
      if (GTK_IS_MENU_BUTTON (widget))
        return g_strdup (_("Sections"));
    }

  /* AdwPreferencesWindow's search field. */
  if (GTK_IS_SEARCH_ENTRY (widget) && gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_WINDOW) != NULL)
    return g_strdup (_("Search Preferences"));

  /* AdwAboutWindow's release notes and debugging information. */
  if (GTK_IS_TEXT_VIEW (widget) && gtk_widget_get_ancestor (widget, ADW_TYPE_ABOUT_WINDOW) != NULL)
    return page_title (widget);

  return NULL;
}

/* A name for @widget when nothing names it: what it shows, its title or
 * placeholder, then its tooltip. */
static char *
derive_name (GtkWidget *widget)
{
  g_autoptr(GString) shown = g_string_new (NULL);
  const char *tooltip = gtk_widget_get_tooltip_text (widget);
  AdwActionRow *row = get_activating_row (widget);
  char *name = toolkit_name (widget);

  if (name != NULL)
    return name;

  /* A menu button's own button is named after the menu button, so the
   * menu button needs a label of its own even where a row names it. */
  if (GTK_IS_MENU_BUTTON (widget))
    {
      const char *label = gtk_menu_button_get_label (GTK_MENU_BUTTON (widget));

      if (row != NULL)
        return row_title (ADW_PREFERENCES_ROW (row));
      if (label != NULL && label[0] != '\0')
        return gtk_menu_button_get_use_underline (GTK_MENU_BUTTON (widget))
               ? strip_mnemonic (label) : g_strdup (label);
    }
  else if (ADW_IS_PREFERENCES_ROW (widget))
    {
      name = row_title (ADW_PREFERENCES_ROW (widget));
      if (name != NULL)
        return name;
    }
  else if (GTK_IS_EDITABLE (widget))
    {
      GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (widget));
      const char *placeholder = GTK_IS_TEXT (delegate) ? gtk_text_get_placeholder_text (GTK_TEXT (delegate)) : NULL;

      if (placeholder != NULL && placeholder[0] != '\0')
        return g_strdup (placeholder);
    }
  else if (!GTK_IS_TEXT_VIEW (widget))
    {
      collect_text (widget, shown);
      if (shown->len > 0)
        return g_string_free (g_steal_pointer (&shown), FALSE);
    }

  return tooltip != NULL && tooltip[0] != '\0' ? g_strdup (tooltip) : NULL;
}

/* Controls that a user reaches and a screen reader names. */
static gboolean
is_control (GtkWidget *widget)
{
  switch ((int) gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)))
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON:
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_COMBO_BOX:
    case GTK_ACCESSIBLE_ROLE_LINK:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_RADIO:
    case GTK_ACCESSIBLE_ROLE_RADIO:
    case GTK_ACCESSIBLE_ROLE_SLIDER:
    case GTK_ACCESSIBLE_ROLE_SPIN_BUTTON:
    case GTK_ACCESSIBLE_ROLE_SWITCH:
    case GTK_ACCESSIBLE_ROLE_TAB:
      return TRUE;

    /* An entry or a text view, not the GtkText inside an entry. */
    case GTK_ACCESSIBLE_ROLE_SEARCH_BOX:
    case GTK_ACCESSIBLE_ROLE_TEXT_BOX:
      return !GTK_IS_EDITABLE (gtk_widget_get_parent (widget));

    /* A row of a list the keyboard moves through. */
    case GTK_ACCESSIBLE_ROLE_LIST_ITEM:
      return gtk_widget_get_focusable (widget);

    default:
      return FALSE;
    }
}

static void
widget_changed_cb (GtkWidget  *widget,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  viva_accessible_fix_names (widget);
}

/* Labels and tooltips change after the first map ("_Pause" becomes
 * "_Resume"), and GtkButton sets its accessible label again each time. */
static void
watch (GtkWidget *widget)
{
  if (g_object_get_data (G_OBJECT (widget), WATCHED_KEY))
    return;

  g_object_set_data (G_OBJECT (widget), WATCHED_KEY, GINT_TO_POINTER (TRUE));
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (widget), "label") != NULL)
    g_signal_connect (widget, "notify::label", G_CALLBACK (widget_changed_cb), NULL);
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (widget), "use-underline") != NULL)
    g_signal_connect (widget, "notify::use-underline", G_CALLBACK (widget_changed_cb), NULL);
  g_signal_connect (widget, "notify::tooltip-text", G_CALLBACK (widget_changed_cb), NULL);
}

/**
 * viva_accessible_fix_names:
 * @widget: a widget
 *
 * Gives @widget one name, as GTK 4.12 would, where GTK 4.8 reads it
 * wrongly: see the top of this file.
 */
void
viva_accessible_fix_names (GtkWidget *widget)
{
  GtkAccessible *accessible;
  GtkWidget *parent;
  GtkLabel *mnemonic;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (!is_control (widget))
    return;

  accessible = GTK_ACCESSIBLE (widget);
  parent = gtk_widget_get_parent (widget);
  if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget))
    watch (widget);

  /* A drop-down's button, which takes the focus, is the drop-down. */
  if (GTK_IS_DROP_DOWN (parent))
    {
      gtk_accessible_update_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY, parent, NULL, -1);
      return;
    }

  /* 3. Named by nothing: named from what it shows. A menu button's own
   * button is named by the menu button. */
  if (!has_own_label (widget) && !GTK_IS_MENU_BUTTON (parent) &&
      (GTK_IS_MENU_BUTTON (widget) || !is_labelled (widget)))
    {
      g_autofree char *name = derive_name (widget);

      if (name != NULL)
        set_derived_label (widget, name);
      else if (g_object_get_data (G_OBJECT (widget), DERIVED_KEY) != NULL)
        {
          gtk_accessible_reset_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL);
          g_object_set_data (G_OBJECT (widget), DERIVED_KEY, NULL);
        }
    }

  if (!gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL))
    return;

  /* 2. A label that is mnemonic text, underscore included: the text
   * shown. */
  mnemonic = find_mnemonic_label (widget);
  if (mnemonic != NULL && label_is (widget, gtk_label_get_label (mnemonic)))
    gtk_accessible_update_property (accessible,
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_label_get_text (mnemonic),
                                    -1);

  /* 1. Its own label names it, and only it. */
  if (gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    gtk_accessible_reset_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

static void
fix_names_below (GtkWidget *widget)
{
  viva_accessible_fix_names (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    fix_names_below (child);
}

static guint sweep_id;

static gboolean
sweep_cb (gpointer user_data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      fix_names_below (window);
    }

  sweep_id = 0;
  return G_SOURCE_REMOVE;
}

/* Whatever maps, name every widget of every window once the main loop is
 * idle: what is shown, and what is not but is on the accessibility bus
 * all the same (the pages of a stack it does not show, and what was put
 * in them since), which GTK 4.8 tells an assistive technology apart from
 * nothing else. Mapping comes in bursts; one pass follows each. */
static gboolean
map_hook (GSignalInvocationHint *hint,
          guint                  n_param_values,
          const GValue          *param_values,
          gpointer               user_data)
{
  if (sweep_id == 0)
    sweep_id = g_idle_add_full (G_PRIORITY_LOW, sweep_cb, NULL, NULL);

  return TRUE;
}

/**
 * viva_accessible_init:
 *
 * From now on, gives every widget one name, as GTK 4.12 would, after
 * anything is mapped. Call it once, before the first window shows.
 */
void
viva_accessible_init (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      /* The signal exists once the class does; keep it for good. */
      g_type_class_ref (GTK_TYPE_WIDGET);
      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0, map_hook, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}
