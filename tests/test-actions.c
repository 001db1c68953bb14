/* test-actions.c
 *
 * Every action a control names exists where that control looks for it.
 * A button whose action-name names no action is greyed out for good and
 * nothing says why (issue 9: the live page's Candidate window button
 * named live.candidate-window, the page installed live.candidate-shown),
 * so a renamed action must fail the tests.
 *
 * Two halves, because neither sees everything:
 *
 * - The walk builds the real application and its window, opens every
 *   mode and page, the popovers and menus (built on first open), the
 *   sidebar's context menu, the candidate window, Preferences and the
 *   shortcuts window, and then resolves, as GTK's action muxer does,
 *   every action named by a GtkActionable, a menu item and a shortcut
 *   (class key bindings, shortcut controllers, the application's
 *   accelerators): the widget's own class actions and its ancestors',
 *   then the window's "win." and the application's "app." groups (Viva
 *   inserts no other group; the scan fails if code starts to). The
 *   target must also fit the action's parameter, or GTK greys the
 *   control out just the same.
 *
 * - The scan reads src/ and resources/ for action names: in .ui files
 *   (action-name properties, menu items' action attributes, shortcut
 *   "action(...)" strings) and every string literal in C that names an
 *   action of a namespace in use, wherever it is (gtk_actionable_*,
 *   menus built in code, bindings, shortcut tables, activate_action,
 *   action_set_enabled, notifications). Each must exist where the code
 *   that names it can reach: for a widget class, what the walk found
 *   around an instance of it. This covers what the walk does not open
 *   (a menu for a state it did not reach, a key it did not press).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "viva-application.h"
#include "viva-bank.h"
#include "viva-candidate-window.h"
#include "viva-export-dialog.h"
#include "viva-interview-live-page.h"
#include "viva-interview-template.h"
#include "viva-interview-templates-dialog.h"
#include "viva-interview-view.h"
#include "viva-question.h"
#include "viva-sidebar-row.h"
#include "viva-test-util.h"
#include "viva-window.h"

/* Names that deliberately name no action, and why. Keep it short. */
static const struct {
  const char *name;
  const char *reason;
} absent_on_purpose[] = {
  /* A menu item whose action does not exist is shown greyed out: the
   * templates menu's "No Saved Templates" / "Loading…" line. */
  { "plan.no-templates", "the templates menu's greyed-out placeholder" },
};

/* What the actions of one widget class can reach, from what the walk
 * saw around its instances. Names are full ("live.next", "win.filter",
 * "app.quit"), each with its parameter type ("" for none). */
typedef struct
{
  GHashTable *reachable;  /* its class actions, its ancestors', win., app. */
  GHashTable *own;        /* its class actions (inherited ones included) */
  GHashTable *below;      /* class actions of the widgets inside it */
} Scope;

typedef struct
{
  GHashTable *scopes;     /* GType -> Scope */
  GHashTable *namespaces; /* "live", "win", ... */
  GString    *errors;
  guint       n_controls;
  guint       n_menu_items;
  guint       n_shortcuts;
} Walk;

static void
scope_free (gpointer data)
{
  Scope *scope = data;

  g_hash_table_unref (scope->reachable);
  g_hash_table_unref (scope->own);
  g_hash_table_unref (scope->below);
  g_free (scope);
}

static GHashTable *
names_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
names_add (GHashTable         *names,
           const char         *name,
           const GVariantType *param_type)
{
  if (!g_hash_table_contains (names, name))
    g_hash_table_insert (names, g_strdup (name),
                         g_strdup (param_type != NULL ? g_variant_type_peek_string (param_type) : ""));
}

static void
names_add_all (GHashTable *into,
               GHashTable *from)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (into, key))
      g_hash_table_insert (into, g_strdup (key), g_strdup (value));
}

static void
walk_note_namespace (Walk       *walk,
                     const char *name)
{
  const char *dot = strchr (name, '.');

  if (dot != NULL)
    g_hash_table_add (walk->namespaces, g_strndup (name, dot - name));
}

/* The actions installed on a widget class and its parents, as
 * gtk_widget_class_query_action() lists them. */
static void
class_actions (GType       type,
               GHashTable *into)
{
  GtkWidgetClass *klass = g_type_class_ref (type);
  GType owner;
  const char *name;
  const GVariantType *param_type;
  const char *property;

  for (guint i = 0; gtk_widget_class_query_action (klass, i, &owner, &name, &param_type, &property); i++)
    names_add (into, name, param_type);

  g_type_class_unref (klass);
}

/* The "win." and "app." groups GTK inserts into a window's muxer. */
static void
window_actions (GtkWidget  *top,
                GHashTable *into)
{
  GtkApplication *app = GTK_IS_WINDOW (top) ? gtk_window_get_application (GTK_WINDOW (top)) : NULL;

  if (GTK_IS_APPLICATION_WINDOW (top))
    {
      g_auto(GStrv) names = g_action_group_list_actions (G_ACTION_GROUP (top));

      for (guint i = 0; names[i] != NULL; i++)
        {
          g_autofree char *full = g_strconcat ("win.", names[i], NULL);

          names_add (into, full, g_action_group_get_action_parameter_type (G_ACTION_GROUP (top), names[i]));
        }
    }

  if (app != NULL)
    {
      g_auto(GStrv) names = g_action_group_list_actions (G_ACTION_GROUP (app));

      for (guint i = 0; names[i] != NULL; i++)
        {
          g_autofree char *full = g_strconcat ("app.", names[i], NULL);

          names_add (into, full, g_action_group_get_action_parameter_type (G_ACTION_GROUP (app), names[i]));
        }
    }
}

/* Resolves @name from @widget as GTK's muxer does: the nearest class
 * that installs it, from the widget up, then the window's groups.
 * Returns its parameter type ("" for none), or NULL when nothing does. */
static char *
resolve (GtkWidget  *widget,
         const char *name)
{
  g_autoptr(GHashTable) names = NULL;
  GtkWidget *top = widget;

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autoptr(GHashTable) own = names_new ();

      class_actions (G_OBJECT_TYPE (w), own);
      if (g_hash_table_contains (own, name))
        return g_strdup (g_hash_table_lookup (own, name));
      top = w;
    }

  names = names_new ();
  window_actions (top, names);

  return g_strdup (g_hash_table_lookup (names, name));
}

static char *
describe_path (GtkWidget *widget)
{
  GString *path = g_string_new (G_OBJECT_TYPE_NAME (widget));

  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    if (g_str_has_prefix (G_OBJECT_TYPE_NAME (w), "Viva"))
      g_string_append_printf (path, " in %s", G_OBJECT_TYPE_NAME (w));

  return g_string_free (path, FALSE);
}

static gboolean
is_absent_on_purpose (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (absent_on_purpose); i++)
    if (strcmp (absent_on_purpose[i].name, name) == 0)
      return TRUE;

  return FALSE;
}

/* The check itself: @name reachable from @widget, and @target fits. */
static void
check_action (Walk       *walk,
              GtkWidget  *widget,
              const char *what,
              const char *name,
              GVariant   *target)
{
  g_autofree char *param = NULL;
  g_autofree char *path = NULL;

  walk_note_namespace (walk, name);
  if (is_absent_on_purpose (name))
    return;

  param = resolve (widget, name);
  if (param == NULL)
    {
      path = describe_path (widget);
      g_string_append_printf (walk->errors, "%s of %s names “%s”: no such action on it, its ancestors, "
                              "the window or the application\n", what, path, name);
      return;
    }

  if ((param[0] == '\0') != (target == NULL) ||
      (target != NULL && !g_variant_is_of_type (target, G_VARIANT_TYPE (param))))
    {
      g_autofree char *shown = target != NULL ? g_variant_print (target, TRUE) : g_strdup ("no target");

      path = describe_path (widget);
      g_string_append_printf (walk->errors, "%s of %s names “%s” with %s, but it takes %s\n",
                              what, path, name, shown, param[0] != '\0' ? param : "no parameter");
    }
}

static void
check_menu_model (Walk       *walk,
                  GtkWidget  *widget,
                  GMenuModel *model,
                  const char *namespace)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *action = NULL;
      g_autofree char *item_namespace = NULL;
      g_autoptr(GVariant) target = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;
      const char *link_name;
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        {
          g_autofree char *full = namespace != NULL ? g_strconcat (namespace, ".", action, NULL)
                                                    : g_strdup (action);

          target = g_menu_model_get_item_attribute_value (model, i, G_MENU_ATTRIBUTE_TARGET, NULL);
          check_action (walk, widget, "A menu item", full, target);
          walk->n_menu_items++;
        }

      if (!g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION_NAMESPACE, "s", &item_namespace))
        item_namespace = g_strdup (namespace);

      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_get_next (links, &link_name, &link))
        {
          check_menu_model (walk, widget, link, item_namespace);
          g_object_unref (link);
        }
    }
}

/* Shortcuts: the class's key bindings, shortcut controllers, and the
 * application's accelerators, which GtkWindow keeps in a controller. */
static void
check_shortcuts (Walk      *walk,
                 GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (!GTK_IS_NAMED_ACTION (action))
            continue;

          check_action (walk, widget, "A shortcut", gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                        gtk_shortcut_get_arguments (shortcut));
          walk->n_shortcuts++;
        }
    }
}

/* Records what the actions named in @widget's class can reach. */
static void
record_scope (Walk      *walk,
              GtkWidget *widget)
{
  GType type = G_OBJECT_TYPE (widget);
  Scope *scope = g_hash_table_lookup (walk->scopes, GSIZE_TO_POINTER (type));
  GtkWidget *top = widget;
  g_autoptr(GHashTable) own = names_new ();

  if (scope == NULL)
    {
      scope = g_new0 (Scope, 1);
      scope->reachable = names_new ();
      scope->own = names_new ();
      scope->below = names_new ();
      g_hash_table_insert (walk->scopes, GSIZE_TO_POINTER (type), scope);
    }

  class_actions (type, own);
  names_add_all (scope->own, own);

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autoptr(GHashTable) at = names_new ();

      class_actions (G_OBJECT_TYPE (w), at);
      names_add_all (scope->reachable, at);
      top = w;

      /* What this widget installs is reachable from code in the
       * classes around it, by activating it on this widget. */
      if (w != widget)
        {
          Scope *outer = g_hash_table_lookup (walk->scopes, GSIZE_TO_POINTER (G_OBJECT_TYPE (w)));

          if (outer != NULL)
            names_add_all (outer->below, own);
        }
    }

  window_actions (top, scope->reachable);

  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, scope->reachable);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      walk_note_namespace (walk, key);
  }
}

static void
walk_widget (Walk      *walk,
             GtkWidget *widget)
{
  record_scope (walk, widget);
  check_shortcuts (walk, widget);

  if (GTK_IS_ACTIONABLE (widget) && gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)) != NULL)
    {
      check_action (walk, widget, "A control",
                    gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)),
                    gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget)));
      walk->n_controls++;
    }

  if (GTK_IS_POPOVER_MENU (widget) && gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (widget)) != NULL)
    check_menu_model (walk, widget, gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (widget)), NULL);

  /* The shortcuts window shows the keys of the actions it names: they
   * are the main window's. */
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *name = NULL;
      GtkRoot *root = gtk_widget_get_root (widget);
      GtkWindow *parent = GTK_IS_WINDOW (root) ? gtk_window_get_transient_for (GTK_WINDOW (root)) : NULL;

      g_object_get (widget, "action-name", &name, NULL);
      if (name != NULL)
        {
          check_action (walk, parent != NULL ? GTK_WIDGET (parent) : widget, "A shortcut shown", name, NULL);
          walk->n_shortcuts++;
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    walk_widget (walk, child);
}

/* Menus built on first open have no popover before it: open each once. */
static void
open_menus (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) &&
      gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget)) == NULL &&
      gtk_widget_is_sensitive (widget))
    {
      gtk_menu_button_popup (GTK_MENU_BUTTON (widget));
      viva_test_drain_main_loop ();
      gtk_menu_button_popdown (GTK_MENU_BUTTON (widget));
      viva_test_drain_main_loop ();
    }

  /* A question's context menu in the sidebar. */
  if (VIVA_IS_SIDEBAR_ROW (widget) && viva_sidebar_row_popup_menu (VIVA_SIDEBAR_ROW (widget), 1, 1))
    {
      viva_test_drain_main_loop ();
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_POPOVER (child))
          gtk_popover_popdown (GTK_POPOVER (child));
      viva_test_drain_main_loop ();
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    open_menus (child);
}

static GtkWidget *
find_visible_with_css_class (GtkWidget  *root,
                             const char *css_class)
{
  if (gtk_widget_has_css_class (root, css_class) && gtk_widget_get_visible (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_visible_with_css_class (child, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
activate (GtkWidget  *widget,
          const char *action,
          const char *format,
          ...)
{
  GVariant *param = NULL;
  va_list args;

  if (format != NULL)
    {
      va_start (args, format);
      param = g_variant_new_va (format, NULL, &args);
      va_end (args);
    }

  g_assert_true (gtk_widget_activate_action_variant (widget, action, param));
  viva_test_drain_main_loop ();
}

/* A mode of the window: its view shows, and goes on being walked
 * (hidden) after going back to studying. */
static void
enter_and_leave (VivaWindow *window,
                 const char *action,
                 GtkWidget  *view,
                 const char *leave)
{
  activate (GTK_WIDGET (window), action, NULL);
  viva_test_wait_mapped (view);
  activate (view, leave, NULL);
}

/* A question the bank asks again elsewhere, so that the question view
 * shows its See Also links. */
static VivaQuestion *
find_question_with_text (VivaBank   *bank,
                         const char *word)
{
  for (guint n = 1; n < 1000; n++)
    {
      VivaQuestion *question = viva_bank_lookup_question (bank, n);

      if (question != NULL && strstr (viva_question_get_text (question), word) != NULL)
        return question;
    }

  return NULL;
}

/* The application as Viva runs it, with every page it has built. */
static VivaApplication *
build_everything (void)
{
  VivaApplication *app = viva_application_new ();
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GError) error = NULL;
  VivaInterviewView *interviews;
  VivaInterviewLivePage *live;
  VivaWindow *window;
  VivaQuestion *question;
  gint64 deadline;

  /* Never the running Viva of the person running the tests. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  window = VIVA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  viva_test_wait_mapped (GTK_WIDGET (window));
  g_assert_nonnull (viva_window_get_bank (window));

  /* A question with See Also links, which appear when the related
   * index is ready. */
  question = find_question_with_text (viva_window_get_bank (window), "shallow");
  g_assert_nonnull (question);
  viva_window_show_question (window, question);
  deadline = g_get_monotonic_time () + VIVA_TEST_WAIT_LIMIT_USEC;
  while (find_visible_with_css_class (GTK_WIDGET (viva_window_get_question_view (window)), "viva-related-link") == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }

  /* Every mode, each built on first use, entered from studying as a
   * user would (Progress is not offered from the others). */
  enter_and_leave (window, "win.review", GTK_WIDGET (viva_window_get_review_view (window)), "review.leave");
  enter_and_leave (window, "win.progress", GTK_WIDGET (viva_window_get_progress_view (window)), "progress.leave");
  enter_and_leave (window, "win.mock-history", GTK_WIDGET (viva_window_get_mock_view (window)), "mock.leave");
  enter_and_leave (window, "win.mock-interview", GTK_WIDGET (viva_window_get_mock_view (window)), "mock.leave");
  enter_and_leave (window, "win.interviews", GTK_WIDGET (viva_window_get_interview_view (window)), "interview.leave");

  /* An interview planned from the sidebar, started, with the
   * candidate's window open. */
  activate (GTK_WIDGET (window), "win.add-question-to-interview", "u", viva_question_get_number (question));
  activate (GTK_WIDGET (window), "win.new-interview", NULL);
  interviews = viva_window_get_interview_view (window);
  activate (GTK_WIDGET (viva_interview_view_get_plan_page (interviews)), "plan.start", NULL);
  g_assert_cmpstr (viva_interview_view_get_page (interviews), ==, "live");
  live = viva_interview_view_get_live_page (interviews);
  activate (GTK_WIDGET (live), "live.candidate-shown", NULL);
  g_assert_nonnull (viva_interview_live_page_get_candidate_window (live));

  /* Preferences, and the shortcuts window as win.show-help-overlay
   * builds it. Not presented: GTK 4.8's shortcuts window warns that a
   * label "reported min width -3" as it is laid out, and the tests make
   * warnings fatal. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  viva_test_drain_main_loop ();
  {
    g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/ui/viva-shortcuts-window.ui");
    GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

    g_assert_nonnull (shortcuts);
    gtk_window_set_transient_for (shortcuts, GTK_WINDOW (window));
  }

  /* Manage Templates…, as the plan page opens it once a template is
   * saved: with one template, so that its row and buttons exist. */
  {
    g_autoptr(GPtrArray) templates = g_ptr_array_new_with_free_func (g_object_unref);
    g_autofree char *path = viva_interview_templates_dup_default_path ();

    g_ptr_array_add (templates, viva_interview_template_new ("Backend, 45 min"));
    gtk_window_present (GTK_WINDOW (viva_interview_templates_dialog_new (GTK_WINDOW (window), path, templates)));
    viva_test_drain_main_loop ();
  }

  /* Export… and New Question…, as the main menu opens them. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-bank", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-question", NULL));
  viva_test_drain_main_loop ();
  /* Import…, as win.import-bank opens it once a file is chosen. */
  {
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", "list-numbered.md", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    viva_window_import_file (window, file);
    viva_test_drain_main_loop ();
  }

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      open_menus (toplevel);
    }

  return app;
}

static Walk *
walk_new (void)
{
  Walk *walk = g_new0 (Walk, 1);

  walk->scopes = g_hash_table_new_full (NULL, NULL, NULL, scope_free);
  walk->namespaces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  walk->errors = g_string_new (NULL);

  return walk;
}

static void
walk_free (Walk *walk)
{
  g_hash_table_unref (walk->scopes);
  g_hash_table_unref (walk->namespaces);
  g_string_free (walk->errors, TRUE);
  g_free (walk);
}

static void
walk_all_toplevels (Walk *walk)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);
      guint controls = walk->n_controls;
      guint items = walk->n_menu_items;
      guint shortcuts = walk->n_shortcuts;

      walk_widget (walk, toplevel);
      g_test_message ("%s: %u controls, %u menu items, %u shortcuts with actions",
                      G_OBJECT_TYPE_NAME (toplevel), walk->n_controls - controls,
                      walk->n_menu_items - items, walk->n_shortcuts - shortcuts);
    }
}

/* The scan of the sources */

typedef enum
{
  USE_REACHABLE,   /* named for a widget of the class or inside it */
  USE_OWN,         /* gtk_widget_action_set_enabled() on the class */
  USE_NEARBY,      /* anywhere: reachable, or installed inside it */
  USE_APP,         /* a notification's: the application's own */
} UseKind;

/* The calls whose string arguments name an action for the class's own
 * widgets: it must be reachable from them. */
static const char *reachable_calls[] = {
  "gtk_actionable_set_action_name",
  "gtk_actionable_set_detailed_action_name",
  "g_menu_item_new",
  "g_menu_append",
  "g_menu_prepend",
  "g_menu_insert",
  "g_menu_item_set_detailed_action",
  "g_menu_item_set_action_and_target",
  "g_menu_item_set_action_and_target_value",
  "gtk_widget_class_add_binding_action",
  "gtk_named_action_new",
  "gtk_shortcut_action_parse_string",
  "gtk_application_set_accels_for_action",
};

static const char *app_calls[] = {
  "g_notification_set_default_action",
  "g_notification_set_default_action_and_target",
  "g_notification_set_default_action_and_target_value",
  "g_notification_add_button",
  "g_notification_add_button_with_target",
  "g_notification_add_button_with_target_value",
};

static gboolean
in_list (const char  *name,
         const char **list,
         gsize        n)
{
  for (gsize i = 0; i < n; i++)
    if (strcmp (name, list[i]) == 0)
      return TRUE;

  return FALSE;
}

static char *
source_root (void)
{
  return g_path_get_dirname (g_test_get_dir (G_TEST_DIST));
}

static char *
relative_path (const char *path)
{
  g_autofree char *root = source_root ();

  if (g_str_has_prefix (path, root))
    return g_strdup (path + strlen (root) + 1);

  return g_strdup (path);
}

static void
list_files (const char *dir,
            const char *suffix,
            GPtrArray  *into)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        list_files (path, suffix, into);
      else if (g_str_has_suffix (name, suffix))
        g_ptr_array_add (into, g_steal_pointer (&path));
    }
}

/* "live.rating", "win.set-status::new", "plan.use-template(3)": the
 * name alone, or NULL when @literal is no action name. */
static char *
action_name_of (const char *literal)
{
  g_autofree char *name = NULL;
  g_autoptr(GVariant) target = NULL;

  if (!g_regex_match_simple ("^[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*(::.*|\\(.*\\))?$", literal, 0, 0))
    return NULL;
  if (!g_action_parse_detailed_name (literal, &name, &target, NULL))
    return NULL;

  return g_steal_pointer (&name);
}

/* The widget classes a source file holds code for: those it defines,
 * or for a file that defines none ("viva-window-actions.c"), those of
 * the file it belongs to ("viva-window.c"). */
static GPtrArray *
types_of_source (const char *path)
{
  GPtrArray *types = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRegex) define = g_regex_new ("G_DEFINE_(?:FINAL_)?TYPE\\w*\\s*\\(\\s*(\\w+)\\s*,", 0, 0, NULL);
  g_autoptr(GRegex) template = g_regex_new ("<template class=\"(\\w+)\"", 0, 0, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *contents = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  char *dash;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return types;

  g_regex_match (g_str_has_suffix (path, ".ui") ? template : define, contents, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    g_ptr_array_add (types, g_match_info_fetch (match, 1));

  if (types->len > 0 || g_str_has_suffix (path, ".ui"))
    return types;

  *strrchr (base, '.') = '\0';
  while ((dash = strrchr (base, '-')) != NULL)
    {
      g_autofree char *owner = NULL;

      *dash = '\0';
      owner = g_strconcat (dir, G_DIR_SEPARATOR_S, base, ".c", NULL);
      if (g_file_test (owner, G_FILE_TEST_EXISTS))
        {
          g_ptr_array_unref (types);
          return types_of_source (owner);
        }
    }

  return types;
}

typedef struct
{
  char    *name;
  UseKind  kind;
  guint    line;
} Use;

static void
use_free (gpointer data)
{
  Use *use = data;

  g_free (use->name);
  g_free (use);
}

static void
add_use (GPtrArray  *uses,
         const char *name,
         UseKind     kind,
         guint       line)
{
  Use *use = g_new0 (Use, 1);

  use->name = g_strdup (name);
  use->kind = kind;
  use->line = line;
  g_ptr_array_add (uses, use);
}

static guint
line_at (const char *text,
         const char *at)
{
  guint line = 1;

  for (const char *p = text; p < at; p++)
    if (*p == '\n')
      line++;

  return line;
}

/* The action names of a .ui file: action-name properties (and
 * detailed-action-name), menu items' action attributes, and shortcut
 * actions written "action(name)". All are for the template's widgets. */
static void
scan_ui (const char *text,
         GPtrArray  *uses)
{
  g_autoptr(GRegex) regex =
    g_regex_new ("<property name=\"(?:detailed-)?action-name\">([^<]+)</property>"
                 "|<attribute name=\"action\">([^<]+)</attribute>"
                 "|action\\(([^)]+)\\)",
                 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_regex_match (regex, text, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      for (int group = 1; group <= 3; group++)
        {
          g_autofree char *value = g_match_info_fetch (match, group);
          g_autofree char *name = NULL;
          int start;

          if (value == NULL || value[0] == '\0')
            continue;

          g_match_info_fetch_pos (match, group, &start, NULL);
          name = action_name_of (value);
          if (name != NULL)
            add_use (uses, name, USE_REACHABLE, line_at (text, text + start));
          else
            add_use (uses, value, USE_REACHABLE, line_at (text, text + start));
        }
    }
}

typedef struct
{
  char        *call;     /* the function called, or "" for a bare ( or { */
  const char  *args;     /* where its arguments begin */
} Frame;

/* The text of a call's first argument, without spaces. */
static char *
first_argument (const char *args)
{
  GString *arg = g_string_new (NULL);
  int depth = 0;

  for (const char *p = args; *p != '\0'; p++)
    {
      if (*p == '(')
        depth++;
      else if (*p == ')' && depth-- == 0)
        break;
      else if (*p == ',' && depth == 0)
        break;
      if (!g_ascii_isspace (*p))
        g_string_append_c (arg, *p);
    }

  return g_string_free (arg, FALSE);
}

static gboolean
is_self (const char *receiver)
{
  return strcmp (receiver, "self") == 0 || strcmp (receiver, "widget") == 0 ||
         strcmp (receiver, "GTK_WIDGET(self)") == 0 || strcmp (receiver, "GTK_WIDGET(widget)") == 0;
}

/* Every string literal of a C file that names an action, with the call
 * it is an argument of. A small lexer: comments, character constants,
 * strings, and the nesting of calls and braces. */
static void
scan_c (const char *text,
        GPtrArray  *uses)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, TRUE, sizeof (Frame));
  const char *p = text;

  while (*p != '\0')
    {
      if (p[0] == '/' && p[1] == '*')
        {
          const char *end = strstr (p + 2, "*/");

          p = end != NULL ? end + 2 : p + strlen (p);
        }
      else if (p[0] == '/' && p[1] == '/')
        p += strcspn (p, "\n");
      else if (*p == '#')
        {
          /* Preprocessor lines: #include "config.h" is not an action. */
          while (*p != '\0' && *p != '\n')
            p += (p[0] == '\\' && p[1] == '\n') ? 2 : 1;
        }
      else if (*p == '\'')
        {
          for (p++; *p != '\0' && *p != '\''; p++)
            if (*p == '\\' && p[1] != '\0')
              p++;
          if (*p != '\0')
            p++;
        }
      else if (*p == '"')
        {
          GString *literal = g_string_new (NULL);
          const char *start = p;
          g_autofree char *name = NULL;

          for (p++; *p != '\0' && *p != '"'; p++)
            {
              if (*p == '\\' && p[1] != '\0')
                p++;
              g_string_append_c (literal, *p);
            }
          if (*p != '\0')
            p++;

          name = action_name_of (literal->str);
          if (name != NULL)
            {
              const Frame *frame = stack->len > 0 ? &g_array_index (stack, Frame, stack->len - 1) : NULL;
              const char *call = frame != NULL ? frame->call : "";
              UseKind kind = USE_NEARBY;

              if (in_list (call, reachable_calls, G_N_ELEMENTS (reachable_calls)))
                kind = USE_REACHABLE;
              else if (in_list (call, app_calls, G_N_ELEMENTS (app_calls)))
                kind = USE_APP;
              else if (strcmp (call, "gtk_widget_action_set_enabled") == 0)
                kind = USE_OWN;
              else if (strcmp (call, "gtk_widget_activate_action") == 0 ||
                       strcmp (call, "gtk_widget_activate_action_variant") == 0)
                {
                  g_autofree char *receiver = first_argument (frame->args);

                  kind = is_self (receiver) ? USE_REACHABLE : USE_NEARBY;
                }

              /* Installing an action is defining it, not naming it. */
              if (!g_str_has_prefix (call, "gtk_widget_class_install_"))
                add_use (uses, name, kind, line_at (text, start));
            }
          g_string_free (literal, TRUE);
        }
      else if (*p == '(' || *p == '{')
        {
          Frame frame = { g_strdup (""), p + 1 };

          if (*p == '(')
            {
              const char *end = p;

              while (end > text && g_ascii_isspace (end[-1]))
                end--;
              for (const char *begin = end; ; begin--)
                {
                  if (begin == text || !(g_ascii_isalnum (begin[-1]) || begin[-1] == '_'))
                    {
                      g_free (frame.call);
                      frame.call = g_strndup (begin, end - begin);
                      break;
                    }
                }
            }
          g_array_append_val (stack, frame);
          p++;
        }
      else if (*p == ')' || *p == '}')
        {
          if (stack->len > 0)
            {
              g_free (g_array_index (stack, Frame, stack->len - 1).call);
              g_array_set_size (stack, stack->len - 1);
            }
          p++;
        }
      else
        p++;
    }

  for (guint i = 0; i < stack->len; i++)
    g_free (g_array_index (stack, Frame, i).call);
}

/* The names a file installs (for the namespaces in use). */
static void
scan_installs (const char *text,
               Walk       *walk)
{
  g_autoptr(GRegex) regex = g_regex_new ("gtk_widget_class_install_(?:property_)?action\\s*\\([^\"]*\"([^\"]+)\"",
                                         0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_regex_match (regex, text, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *name = g_match_info_fetch (match, 1);

      walk_note_namespace (walk, name);
    }
}

static const char *
use_kind_to_string (UseKind kind)
{
  switch (kind)
    {
    case USE_REACHABLE:
      return "from its widgets";
    case USE_OWN:
      return "in the class itself";
    case USE_NEARBY:
      return "from the class or a widget inside it";
    case USE_APP:
      return "in the application";
    default:
      g_assert_not_reached ();
    }
}

static gboolean
scope_has (Scope      *scope,
           Use        *use,
           GHashTable *app_names)
{
  switch (use->kind)
    {
    case USE_REACHABLE:
      return g_hash_table_contains (scope->reachable, use->name);
    case USE_OWN:
      return g_hash_table_contains (scope->own, use->name);
    case USE_NEARBY:
      return g_hash_table_contains (scope->reachable, use->name) ||
             g_hash_table_contains (scope->below, use->name);
    case USE_APP:
      return g_hash_table_contains (app_names, use->name);
    default:
      g_assert_not_reached ();
    }
}

static void
check_sources (Walk            *walk,
               VivaApplication *app,
               VivaWindow      *window,
               guint           *n_checked)
{
  g_autofree char *root = source_root ();
  g_autofree char *src = g_build_filename (root, "src", NULL);
  g_autofree char *resources = g_build_filename (root, "resources", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) app_names = names_new ();
  Scope app_scope;

  /* The application's actions, for the code of VivaApplication and
   * for notifications, which can activate nothing else. */
  {
    g_auto(GStrv) names = g_action_group_list_actions (G_ACTION_GROUP (app));

    for (guint i = 0; names[i] != NULL; i++)
      {
        g_autofree char *full = g_strconcat ("app.", names[i], NULL);

        names_add (app_names, full, g_action_group_get_action_parameter_type (G_ACTION_GROUP (app), names[i]));
      }
  }
  app_scope.reachable = app_names;
  app_scope.own = app_names;
  app_scope.below = app_names;

  list_files (src, ".c", files);
  list_files (resources, ".ui", files);
  g_assert_cmpuint (files->len, >, 50);

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *contents = NULL;

      g_assert_true (g_file_get_contents (g_ptr_array_index (files, i), &contents, NULL, NULL));
      scan_installs (contents, walk);
    }

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *rel = relative_path (path);
      g_autofree char *contents = NULL;
      g_autoptr(GPtrArray) uses = g_ptr_array_new_with_free_func (use_free);
      g_autoptr(GPtrArray) type_names = types_of_source (path);
      g_autoptr(GPtrArray) scopes = g_ptr_array_new ();

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      if (g_str_has_suffix (path, ".ui"))
        scan_ui (contents, uses);
      else
        scan_c (contents, uses);

      /* resolve() knows the groups GTK inserts (win., app.), not others. */
      if (strstr (contents, "gtk_widget_insert_action_group") != NULL)
        g_string_append_printf (walk->errors, "%s inserts an action group: teach resolve() in %s where\n",
                                rel, __FILE__);

      /* Only names in a namespace in use: "notes.json" is a file. The
       * .ui files name nothing but actions there. */
      for (guint j = uses->len; j > 0; j--)
        {
          Use *use = g_ptr_array_index (uses, j - 1);
          g_autofree char *namespace = g_strndup (use->name, strcspn (use->name, "."));

          if (is_absent_on_purpose (use->name) ||
              (!g_str_has_suffix (path, ".ui") && !g_hash_table_contains (walk->namespaces, namespace)))
            g_ptr_array_remove_index (uses, j - 1);
        }
      if (uses->len == 0)
        continue;

      /* A .ui file without a template (the shortcuts window) is built
       * for the main window. */
      if (g_str_has_suffix (path, ".ui") && type_names->len == 0)
        g_ptr_array_add (type_names, g_strdup (G_OBJECT_TYPE_NAME (window)));

      for (guint j = 0; j < type_names->len; j++)
        {
          GType type = g_type_from_name (g_ptr_array_index (type_names, j));
          Scope *scope = type != 0 ? g_hash_table_lookup (walk->scopes, GSIZE_TO_POINTER (type)) : NULL;

          if (type != 0 && g_type_is_a (type, G_TYPE_APPLICATION))
            scope = &app_scope;
          if (scope != NULL)
            g_ptr_array_add (scopes, scope);
        }

      if (scopes->len == 0)
        {
          g_string_append_printf (walk->errors,
                                  "%s names actions (“%s”, line %u), but the walk built no widget of its "
                                  "class%s%s: build one in build_everything()\n",
                                  rel, ((Use *) g_ptr_array_index (uses, 0))->name,
                                  ((Use *) g_ptr_array_index (uses, 0))->line,
                                  type_names->len > 0 ? " " : "",
                                  type_names->len > 0 ? (char *) g_ptr_array_index (type_names, 0) : "");
          continue;
        }

      for (guint j = 0; j < uses->len; j++)
        {
          Use *use = g_ptr_array_index (uses, j);
          gboolean found = FALSE;

          for (guint k = 0; k < scopes->len && !found; k++)
            found = scope_has (g_ptr_array_index (scopes, k), use, app_names);

          if (!found)
            g_string_append_printf (walk->errors, "%s:%u names “%s”, which does not exist %s (%s)\n",
                                    rel, use->line, use->name, use_kind_to_string (use->kind),
                                    (char *) g_ptr_array_index (type_names, 0));
          (*n_checked)++;
        }
    }
}

static void
test_every_action_exists (void)
{
  g_autoptr(VivaApplication) app = build_everything ();
  VivaWindow *window = VIVA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  Walk *walk = walk_new ();
  guint n_source_uses = 0;

  g_assert_true (VIVA_IS_WINDOW (window));

  walk_all_toplevels (walk);
  /* Not an empty walk: the window alone has dozens of each. */
  g_assert_cmpuint (walk->n_controls, >, 40);
  g_assert_cmpuint (walk->n_menu_items, >, 10);
  g_assert_cmpuint (walk->n_shortcuts, >, 30);

  check_sources (walk, app, window, &n_source_uses);
  g_test_message ("Sources: %u action names checked", n_source_uses);
  g_assert_cmpuint (n_source_uses, >, 100);

  if (walk->errors->len > 0)
    g_test_message ("Actions that do not exist where they are looked for:\n%s", walk->errors->str);
  g_assert_cmpstr (walk->errors->str, ==, "");

  walk_free (walk);

  /* Windows go before the application. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    while (g_list_model_get_n_items (toplevels) > 0)
      {
        g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, 0);

        gtk_window_destroy (toplevel);
      }
    viva_test_drain_main_loop ();
  }
}

int
main (int   argc,
      char *argv[])
{
  viva_test_init_ui (&argc, &argv);

  g_test_add_func ("/actions/every-action-exists", test_every_action_exists);

  return g_test_run ();
}
