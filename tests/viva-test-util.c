/* viva-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <string.h>

#include "viva-context.h"
#include "viva-resources.h"
#include "viva-test-util.h"

/**
 * viva_test_init_ui:
 *
 * g_test_init() and GTK for a widget test, with the user's directories
 * (data, config, cache) in a new temporary folder. Not
 * G_TEST_OPTION_ISOLATE_DIRS: it also sets XDG_DATA_DIRS to /dev/null,
 * which hides the icon themes and the MIME database from GTK, so no
 * SVG icon loads.
 */
void
viva_test_init_ui (int    *argc,
                   char ***argv)
{
  g_autofree char *home = NULL;
  g_autofree char *data = NULL;
  g_autofree char *config = NULL;
  g_autofree char *cache = NULL;
  gboolean screenshots = g_getenv ("VIVA_SCREENSHOT_DIR") != NULL;

  /* Screenshots are compared pixel for pixel between two builds
   * (build-aux/screenshots), and a message that names a file shows this
   * folder: give it the same name on every run. build-aux/screenshots
   * points TMPDIR at a new, empty folder for each run. */
  if (screenshots)
    {
      g_autofree char *program = g_path_get_basename ((*argv)[0]);

      home = g_build_filename (g_get_tmp_dir (), program, NULL);
      g_assert_cmpint (g_mkdir_with_parents (home, 0700), ==, 0);
    }
  else
    home = g_dir_make_tmp ("viva-test-XXXXXX", NULL);

  g_assert_nonnull (home);
  data = g_build_filename (home, "data", NULL);
  config = g_build_filename (home, "config", NULL);
  cache = g_build_filename (home, "cache", NULL);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);

  g_test_init (argc, argv, NULL);
  gtk_init ();
  adw_init ();

  /* What would draw differently from one run to the next: a blinking
   * text cursor, the overlay scrollbar that shows for a second after a
   * scroll. (Animations stay on: without them toasts queue differently
   * and the tests would not test what the user sees; a screenshot waits
   * for them to end instead.) */
  if (screenshots)
    g_object_set (gtk_settings_get_default (),
                  "gtk-cursor-blink", FALSE,
                  "gtk-overlay-scrolling", FALSE,
                  NULL);
}

/* The resources, the style sheet and the icons, as the application has them: the
 * pages look as they do in Viva, and their CSS classes apply. The
 * resources live in a static library, which links in only what is
 * referenced, so they are referenced here. */
void
viva_test_load_app_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  g_assert_nonnull (viva_get_resource ());
  /* GtkApplication adds its icons' resource path; the tests have none. */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    RESOURCE_PREFIX "/icons");
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  /* And the app's icons, which GApplication's resource base path adds. */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    RESOURCE_PREFIX "/icons");
}

static void
remove_dir_contents (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_dir_contents (path);
      g_remove (path);
    }
}

/**
 * viva_test_reset_user_data:
 *
 * A first start again: no notes, mock interviews or interviews in the
 * user's data folder, and no bank or question to reopen or recent.
 */
void
viva_test_reset_user_data (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), APP_ID, NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  remove_dir_contents (dir);
  g_settings_reset (settings, "last-question");
  g_settings_reset (settings, "last-bank");
  g_settings_reset (settings, "bank-library");
}

void
viva_test_drain_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Until @widget is on screen with a size: a window or a dialog just
 * presented is mapped a few iterations later. */
void
viva_test_wait_mapped (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + VIVA_TEST_WAIT_LIMIT_USEC;

  while (!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
}

/**
 * viva_test_save_screenshot:
 * @widget: a widget on screen, usually a window
 * @name: the PNG's file name
 *
 * Renders @widget as it is now into $VIVA_SCREENSHOT_DIR/@name, so that
 * a person can look at what a test left on screen. Does nothing when
 * the variable is not set.
 */
/* Runs the main loop until @condition holds for @data, for what takes
 * its own time (a Python run, a probe): the test fails, saying what it
 * waited for, if that takes longer than @limit_usec, which only a hang
 * does. */
void
viva_test_wait_until (VivaTestCondition  condition,
                      gpointer           data,
                      gint64             limit_usec,
                      const char        *what)
{
  gint64 give_up = g_get_monotonic_time () + limit_usec;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > give_up)
        g_error ("Still waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static gboolean
runner_settled (gpointer data)
{
  VivaPythonRunnerStatus status = viva_python_runner_get_status (data);

  return status == VIVA_PYTHON_RUNNER_READY || status == VIVA_PYTHON_RUNNER_UNAVAILABLE;
}

/* Waits for the sandbox probe to end: "ready", or why Python cannot
 * run (a test then skips what needs Python). */
void
viva_test_wait_runner_settled (VivaPythonRunner *runner)
{
  g_assert_true (VIVA_IS_PYTHON_RUNNER (runner));
  viva_test_wait_until (runner_settled, runner, 120 * G_USEC_PER_SEC, "the sandbox probe");
}

void
viva_test_save_screenshot (GtkWidget  *widget,
                           const char *name)
{
  const char *dir = g_getenv ("VIVA_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width;
  int height;

  if (dir == NULL)
    return;

  viva_test_wait_mapped (widget);

  /* Let the layout settle (list rows, labels wrapping, transitions): half
   * a second, for a toast's or a page's animation to end. */
  for (guint i = 0; i < 50; i++)
    {
      g_usleep (10000);
      viva_test_drain_main_loop ();
    }

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

/* A control has a name when a screen reader has something to say for it:
 * its own label text, or an accessible label or labelled-by relation. */
static gboolean
control_has_name (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  if (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;

  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    return TRUE;

  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) != NULL)
    return TRUE;

  if (GTK_IS_CHECK_BUTTON (widget) && gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)) != NULL)
    return TRUE;

  return FALSE;
}

void
viva_test_collect_unnamed_controls (GtkWidget *widget,
                          GString   *unnamed)
{
  gboolean is_control = GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) ||
                        GTK_IS_CHECK_BUTTON (widget) || GTK_IS_SWITCH (widget) ||
                        GTK_IS_SPIN_BUTTON (widget) || GTK_IS_SEARCH_ENTRY (widget) ||
                        GTK_IS_TEXT_VIEW (widget) || GTK_IS_DROP_DOWN (widget);

  /* Buttons that widgets build inside themselves (a spin button's +/-, a
   * menu button's inner button, libadwaita's own) are theirs to name. */
  if (GTK_IS_SPIN_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) ||
      ADW_IS_EXPANDER_ROW (widget) || ADW_IS_COMBO_ROW (widget) || ADW_IS_HEADER_BAR (widget) ||
      ADW_IS_TOAST_OVERLAY (widget) || GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_DROP_DOWN (widget))
    {
      if (is_control && gtk_widget_get_visible (widget) && !control_has_name (widget))
        g_string_append_printf (unnamed, " %s in %s", G_OBJECT_TYPE_NAME (widget),
                                G_OBJECT_TYPE_NAME (gtk_widget_get_ancestor (gtk_widget_get_parent (widget),
                                                                             GTK_TYPE_WIDGET)));
      if (!ADW_IS_HEADER_BAR (widget) && !ADW_IS_TOAST_OVERLAY (widget))
        return;
    }

  if (is_control && gtk_widget_get_visible (widget) && !control_has_name (widget))
    g_string_append_printf (unnamed, " %s(%s) in %s", G_OBJECT_TYPE_NAME (widget),
                            GTK_IS_BUTTON (widget) && gtk_button_get_icon_name (GTK_BUTTON (widget))
                              ? gtk_button_get_icon_name (GTK_BUTTON (widget)) : "",
                            G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    viva_test_collect_unnamed_controls (child, unnamed);
}

/* Presses a key as GTK would dispatch it to shortcuts: from the focus
 * up, each widget's shortcut controllers in turn, until one handles it. */
gboolean
viva_test_press_shortcut (GtkWidget  *widget,
                          const char *accelerator)
{
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accelerator);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  g_assert_nonnull (wanted);

  for (GtkWidget *w = focus != NULL ? focus : widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (w);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;

          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

              if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted) &&
                  gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, w,
                                                gtk_shortcut_get_arguments (shortcut)))
                return TRUE;
            }
        }
    }

  return FALSE;
}

/**
 * viva_test_xdotool:
 * @first: the first argument
 * @...: more arguments, then %NULL
 *
 * Runs xdotool with these arguments and waits for it: real input events
 * through XTest, on the X server the tests run on. Needs the X11 backend
 * (the tests' GDK_BACKEND) and xdotool (build-aux/setup --test installs
 * it).
 */
void
viva_test_xdotool (const char *first,
                   ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("xdotool failed: %s", err);
}

/**
 * viva_test_send_keys:
 * @widget: a widget in a window on screen
 * @keys: keys as xdotool names them ("shift+alt+Right")
 *
 * Presses @keys on the X server's keyboard, the window of @widget
 * focused: the events go through everything GTK does with a real key
 * (the focused widget's own handlers first, then the shortcuts up to
 * the window), which viva_test_press_shortcut() only imitates. They
 * arrive a few iterations of the main loop later: wait for their
 * effect.
 */
void
viva_test_send_keys (GtkWidget  *widget,
                     const char *keys)
{
  GdkSurface *surface = gtk_native_get_surface (gtk_widget_get_native (widget));
  g_autofree char *window_id = NULL;

  g_assert_true (GDK_IS_X11_SURFACE (surface));

  window_id = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  viva_test_xdotool ("windowfocus", "--sync", window_id,
                     "key", "--clearmodifiers", keys, NULL);
}

/**
 * viva_test_label_is_monospace:
 * @label: a label
 * @text: words it shows (without markup)
 *
 * Whether @label draws every character of @text in a monospace font, as
 * the attributes of its layout say (markup's <tt> included).
 */
gboolean
viva_test_label_is_monospace (GtkLabel   *label,
                              const char *text)
{
  PangoLayout *layout = gtk_label_get_layout (label);
  const char *shown = pango_layout_get_text (layout);
  const char *at = strstr (shown, text);
  PangoAttrList *attrs = pango_layout_get_attributes (layout);
  PangoAttrIterator *iter;
  int start, end;
  gboolean monospace = TRUE;

  g_assert_nonnull (at);
  start = at - shown;
  end = start + (int) strlen (text);

  if (attrs == NULL)
    return FALSE;

  iter = pango_attr_list_get_iterator (attrs);
  do
    {
      int range_start, range_end;
      PangoAttrString *family;

      pango_attr_iterator_range (iter, &range_start, &range_end);
      if (range_end <= start || range_start >= end)
        continue;

      family = (PangoAttrString *) pango_attr_iterator_get (iter, PANGO_ATTR_FAMILY);
      /* Pango markup's <tt> says "Monospace". */
      if (family == NULL || g_ascii_strcasecmp (family->value, "monospace") != 0)
        monospace = FALSE;
    }
  while (monospace && pango_attr_iterator_next (iter));
  pango_attr_iterator_destroy (iter);

  return monospace;
}

static void
count_paint_cb (GdkFrameClock *clock,
                guint         *painted)
{
  (*painted)++;
}

/* The first widget under @root, @root included, depth first, for which
 * @match says yes to @what; %NULL if none. */
GtkWidget *
viva_test_find_widget (GtkWidget           *root,
                       VivaTestWidgetMatch  match,
                       const char          *what)
{
  if (match (root, what))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = viva_test_find_widget (child, match, what);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Until @widget is on screen and a frame of it has been painted: its
 * layout is then decided (a message dialog has chosen how to lay out its
 * buttons, and moved the focus if it does). */
void
viva_test_wait_painted (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + VIVA_TEST_WAIT_LIMIT_USEC;
  GdkFrameClock *clock;
  guint painted = 0;
  gulong handler;

  viva_test_wait_mapped (widget);

  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (count_paint_cb), &painted);
  gtk_widget_queue_draw (widget);

  while (painted == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }

  g_signal_handler_disconnect (clock, handler);
  viva_test_drain_main_loop ();
}

/**
 * viva_test_set_large_text:
 * @large: whether to use large text
 *
 * Text as large as the accessibility setting "Large Text" and more: with
 * it, a message dialog's buttons no longer fit side by side and are
 * stacked, as they are in languages with long words.
 */
void
viva_test_set_large_text (gboolean large)
{
  static char *normal_font;
  GtkSettings *settings = gtk_settings_get_default ();

  if (normal_font == NULL)
    g_object_get (settings, "gtk-font-name", &normal_font, NULL);

  g_object_set (settings, "gtk-font-name", large ? "Sans 24" : normal_font, NULL);
}

/* The first message dialog on screen, or NULL. */
AdwMessageDialog *
viva_test_find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

/* The message dialog with @heading, once it is among the toplevels. */
AdwMessageDialog *
viva_test_wait_message_dialog (const char *heading)
{
  gint64 deadline = g_get_monotonic_time () + VIVA_TEST_WAIT_LIMIT_USEC;

  for (;;)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

          if (ADW_IS_MESSAGE_DIALOG (window) &&
              g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
            return ADW_MESSAGE_DIALOG (window);
        }

      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
}

static void
record_response_cb (AdwMessageDialog  *dialog,
                    const char        *response,
                    char             **recorded)
{
  g_free (*recorded);
  *recorded = g_strdup (response);
}

/**
 * viva_test_assert_return_is_safe:
 * @dialog: a message dialog just presented
 * @safe_response: the response Return must give
 *
 * What a user who presses Return without reading meets: once @dialog is
 * on screen and laid out, the keyboard focus is on its default response,
 * which is @safe_response and not destructive; Return, pressed where the
 * focus is, answers @safe_response.
 */
void
viva_test_assert_return_is_safe (AdwMessageDialog *dialog,
                                 const char       *safe_response)
{
  g_autoptr(AdwMessageDialog) hold = NULL;
  g_autofree char *response = NULL;
  gint64 deadline = g_get_monotonic_time () + VIVA_TEST_WAIT_LIMIT_USEC;
  GtkWidget *focus;
  GtkWidget *default_widget;
  gulong handler;

  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));

  /* A response closes the dialog. */
  hold = g_object_ref (dialog);

  viva_test_wait_painted (GTK_WIDGET (dialog));

  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, safe_response);
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, safe_response), !=, ADW_RESPONSE_DESTRUCTIVE);

  focus = gtk_window_get_focus (GTK_WINDOW (dialog));
  default_widget = gtk_window_get_default_widget (GTK_WINDOW (dialog));
  g_assert_nonnull (focus);
  g_assert_true (GTK_IS_BUTTON (focus));
  g_assert_true (gtk_widget_get_mapped (focus));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (focus)), ==,
                   adw_message_dialog_get_response_label (dialog, safe_response));
  g_assert_true (focus == default_widget);

  /* A button activated from the keyboard shows itself pressed for a
   * moment before it clicks. */
  handler = g_signal_connect (dialog, "response", G_CALLBACK (record_response_cb), &response);
  g_assert_true (viva_test_press_shortcut (GTK_WIDGET (dialog), "Return"));
  while (response == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
  g_signal_handler_disconnect (dialog, handler);
  g_assert_cmpstr (response, ==, safe_response);
}

/**
 * viva_test_window_open:
 * @test_window: where to keep the stores and the window
 * @clock: (nullable): the clock the window's pages read; %NULL for the
 *   wall clock
 * @width: the window's default width
 * @height: its default height
 *
 * A first start: an empty user data folder, the notes, mock interview
 * and interview stores loaded from it, and the main window on them,
 * presented, on screen and settled.
 */
void
viva_test_window_open (VivaTestWindow *test_window,
                       VivaClock      *clock,
                       int             width,
                       int             height)
{
  g_autoptr(VivaContext) context = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), APP_ID, NULL);
  g_autofree char *notes_path = g_build_filename (dir, "notes.json", NULL);
  g_autofree char *sessions_dir = g_build_filename (dir, "sessions", NULL);
  g_autofree char *interviews_dir = g_build_filename (dir, "interviews", NULL);
  g_autoptr(GPtrArray) session_problems = NULL;
  g_autoptr(GPtrArray) interview_problems = NULL;

  g_assert_true (clock == NULL || VIVA_IS_CLOCK (clock));

  viva_test_reset_user_data ();

  test_window->notes = viva_notes_store_new (notes_path);
  viva_notes_store_load (test_window->notes, NULL);
  test_window->sessions = viva_session_store_new (sessions_dir);
  viva_session_store_load (test_window->sessions, &session_problems);
  test_window->interviews = viva_interview_store_new (interviews_dir);
  viva_interview_store_load (test_window->interviews, &interview_problems);
  test_window->clock = clock != NULL ? g_object_ref (clock) : NULL;

  context = g_object_new (VIVA_TYPE_CONTEXT,
                          "notes-store", test_window->notes,
                          "session-store", test_window->sessions,
                          "session-problems", session_problems,
                          "interview-store", test_window->interviews,
                          "interview-problems", interview_problems,
                          "clock", test_window->clock,
                          NULL);
  test_window->window = viva_window_new (NULL, context);
  g_object_ref_sink (test_window->window);
  gtk_window_set_default_size (GTK_WINDOW (test_window->window), width, height);
  viva_window_restore_session (test_window->window);
  gtk_window_present (GTK_WINDOW (test_window->window));
  viva_test_wait_mapped (GTK_WIDGET (test_window->window));
  viva_test_drain_main_loop ();
}

/**
 * viva_test_window_close:
 * @test_window: what viva_test_window_open() filled in
 *
 * Closes the window and checks that every store wrote what it held.
 */
void
viva_test_window_close (VivaTestWindow *test_window)
{
  gtk_window_destroy (GTK_WINDOW (test_window->window));
  viva_test_drain_main_loop ();
  g_assert_true (viva_interview_store_flush (test_window->interviews, NULL));
  g_assert_true (viva_session_store_flush (test_window->sessions, NULL));
  g_assert_true (viva_notes_store_flush (test_window->notes, NULL));
  g_clear_object (&test_window->window);
  g_clear_object (&test_window->interviews);
  g_clear_object (&test_window->sessions);
  g_clear_object (&test_window->notes);
  g_clear_object (&test_window->clock);
}
