/* test-search-keys.c
 *
 * Ctrl+F on a search field that already holds a search selects it, so
 * that what is typed next replaces it (issue 9: "phantom", then Ctrl+F
 * and "O'Brien", searched "phantomO'Brien"), as GNOME Text Editor and
 * the browsers do. For every field Ctrl+F reaches: the sidebar's, the
 * interview list's and the question picker's.
 *
 * Typed as a user types: real key events from the X server (XTest,
 * through xdotool) into the window under Xvfb, so that GTK's own key
 * handling, input method and focus decide what happens, not a shortcut
 * called by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <string.h>

#include "viva-interview.h"
#include "viva-interview-list-page.h"
#include "viva-interview-live-page.h"
#include "viva-interview-store.h"
#include "viva-interview-view.h"
#include "viva-context.h"
#include "viva-notes-store.h"
#include "viva-question-picker.h"
#include "viva-question-view.h"
#include "viva-review-view.h"
#include "viva-sidebar.h"
#include "viva-test-util.h"
#include "viva-window.h"

typedef VivaTestWindow Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  viva_test_window_open (f, NULL, 1100, 760);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  viva_test_window_close (f);
}

/* The X server sends the keys to the focused window: this one. */
static void
focus_window (GtkWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = NULL;

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  viva_test_xdotool ("windowfocus", "--sync", xid, NULL);
  viva_test_drain_main_loop ();
}

static void
frame_painted_cb (GdkFrameClock *clock,
                  gboolean      *painted)
{
  *painted = TRUE;
}

/* Until GTK has handled the keys sent so far and drawn what they did:
 * Ctrl+F reveals the sidebar's search bar, whose field takes the keys
 * typed next only once it is on screen, a frame later. A person never
 * types within that frame; xdotool would. */
static void
settle (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, 0);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gint64 deadline = g_get_monotonic_time () + VIVA_TEST_WAIT_LIMIT_USEC;
  gboolean painted = FALSE;
  gulong handler;

  /* The reply comes after the events xdotool made. */
  gdk_display_sync (gdk_display_get_default ());
  viva_test_drain_main_loop ();

  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (frame_painted_cb), &painted);
  gtk_widget_queue_draw (window);
  while (!painted)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_signal_handler_disconnect (clock, handler);
  viva_test_drain_main_loop ();
}

static void
press (const char *keys)
{
  viva_test_xdotool ("key", "--clearmodifiers", keys, NULL);
  settle ();
}

static void
type_text (const char *text)
{
  viva_test_xdotool ("type", "--delay", "1", text, NULL);
}

/* Until the keys sent have come through and @editable ends with
 * @typed: "O'Brien" if Ctrl+F selected the old search, or
 * "phantomO'Brien" if it did not. */
static const char *
wait_for_typing (GtkEditable *editable,
                 const char  *typed)
{
  gint64 deadline = g_get_monotonic_time () + VIVA_TEST_WAIT_LIMIT_USEC;

  while (!g_str_has_suffix (gtk_editable_get_text (editable), typed))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("“%s” typed, but the field holds “%s”", typed, gtk_editable_get_text (editable));
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  viva_test_drain_main_loop ();

  return gtk_editable_get_text (editable);
}

static GtkEditable *
find_editable (GtkWidget *root)
{
  if (GTK_IS_SEARCH_ENTRY (root))
    return GTK_EDITABLE (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkEditable *found = find_editable (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A button of @root's that is not in @page: the header bar's. */
static GtkWidget *
find_button_outside (GtkWidget *root,
                     GtkWidget *page)
{
  if (root == page)
    return NULL;
  if (GTK_IS_BUTTON (root) && gtk_widget_is_visible (root) && gtk_widget_get_focusable (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_outside (child, page);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
focus_is_in (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* The sidebar: a search, then Ctrl+F from the field itself, and from
 * the question opened with Enter. */
static void
test_sidebar (Fixture       *f,
              gconstpointer  data)
{
  VivaSidebar *sidebar = viva_window_get_sidebar (f->window);
  GtkEditable *entry = find_editable (GTK_WIDGET (sidebar));

  g_assert_nonnull (entry);
  focus_window (GTK_WINDOW (f->window));

  press ("ctrl+f");
  type_text ("phantom");
  g_assert_cmpstr (wait_for_typing (entry, "phantom"), ==, "phantom");

  press ("ctrl+f");
  type_text ("O'Brien");
  g_assert_cmpstr (wait_for_typing (entry, "O'Brien"), ==, "O'Brien");
  g_assert_cmpstr (viva_sidebar_get_filter_text (sidebar), ==, "O'Brien");

  /* Enter opens the first match ("decorator" has some); Ctrl+E goes
   * to its notes; Ctrl+F comes back with the search selected. */
  press ("ctrl+f");
  type_text ("decorator");
  g_assert_cmpstr (wait_for_typing (entry, "decorator"), ==, "decorator");
  press ("Return");
  g_assert_nonnull (viva_window_get_question (f->window));
  press ("ctrl+e");
  g_assert_true (focus_is_in (GTK_WIDGET (viva_question_view_get_note_view (viva_window_get_question_view (f->window)))));

  press ("ctrl+f");
  type_text ("generator");
  g_assert_cmpstr (wait_for_typing (entry, "generator"), ==, "generator");
  g_assert_true (focus_is_in (GTK_WIDGET (entry)));
}

/* The interview list's search, from the list and from the header bar
 * above it. */
static void
test_interview_list (Fixture       *f,
                     gconstpointer  data)
{
  VivaInterviewView *view = viva_window_get_interview_view (f->window);
  VivaInterviewListPage *page;
  VivaInterview *interview;
  GtkEditable *entry;
  GtkWidget *header_button;

  interview = viva_interview_view_new_interview (view);
  g_assert_nonnull (interview);
  viva_interview_set_candidate (interview, "Ada O'Brien");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.interviews", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "interview.show-list", NULL));
  viva_test_drain_main_loop ();
  page = viva_interview_view_get_list_page (view);
  entry = viva_interview_list_page_get_search_entry (page);
  viva_test_wait_mapped (GTK_WIDGET (page));
  focus_window (GTK_WINDOW (f->window));

  press ("ctrl+f");
  type_text ("phantom");
  g_assert_cmpstr (wait_for_typing (entry, "phantom"), ==, "phantom");

  press ("ctrl+f");
  type_text ("O'Brien");
  g_assert_cmpstr (wait_for_typing (entry, "O'Brien"), ==, "O'Brien");
  g_assert_cmpuint (viva_interview_list_page_get_n_rows (page), ==, 1);

  /* The focus on the row, then on the header bar's buttons. */
  gtk_widget_grab_focus (viva_interview_list_page_get_row (page, 0));
  press ("ctrl+f");
  type_text ("Ada");
  g_assert_cmpstr (wait_for_typing (entry, "Ada"), ==, "Ada");

  header_button = find_button_outside (GTK_WIDGET (view), GTK_WIDGET (page));
  g_assert_nonnull (header_button);
  gtk_widget_grab_focus (header_button);
  g_assert_false (focus_is_in (GTK_WIDGET (page)));
  press ("ctrl+f");
  type_text ("Lovelace");
  g_assert_cmpstr (wait_for_typing (entry, "Lovelace"), ==, "Lovelace");
}

/* The question picker of the live page (Ctrl+Shift+P): Ctrl+F from its
 * field and from its list goes back to the field, the words selected. */
static void
test_question_picker (Fixture       *f,
                      gconstpointer  data)
{
  VivaInterviewView *view = viva_window_get_interview_view (f->window);
  VivaInterviewLivePage *live;
  VivaQuestionPicker *picker;
  VivaInterview *interview;
  GtkEditable *entry;

  interview = viva_interview_view_new_interview (view);
  g_assert_nonnull (interview);
  g_assert_true (viva_interview_append (interview, 0, "Tell me about a bug you fixed.", 0, NULL));
  g_assert_true (viva_interview_start (interview));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.interviews", NULL));
  viva_test_drain_main_loop ();
  g_assert_cmpstr (viva_interview_view_get_page (view), ==, "live");
  live = viva_interview_view_get_live_page (view);
  picker = viva_interview_live_page_get_question_picker (live);
  entry = find_editable (GTK_WIDGET (picker));
  g_assert_nonnull (entry);
  focus_window (GTK_WINDOW (f->window));

  press ("ctrl+shift+p");
  viva_test_wait_mapped (GTK_WIDGET (picker));
  type_text ("phantom");
  g_assert_cmpstr (wait_for_typing (entry, "phantom"), ==, "phantom");

  press ("ctrl+f");
  type_text ("decorator");
  g_assert_cmpstr (wait_for_typing (entry, "decorator"), ==, "decorator");

  /* Down goes into the matches; Ctrl+F comes back. */
  press ("Down");
  viva_test_drain_main_loop ();
  g_assert_false (focus_is_in (GTK_WIDGET (entry)));
  press ("ctrl+f");
  type_text ("generator");
  g_assert_cmpstr (wait_for_typing (entry, "generator"), ==, "generator");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (picker)));
}

/* Where there is nothing to search (Review, a mock interview,
 * Progress), Ctrl+F does not send what is typed next into the hidden
 * sidebar's field. */
static void
test_nothing_to_search (Fixture       *f,
                        gconstpointer  data)
{
  VivaSidebar *sidebar = viva_window_get_sidebar (f->window);
  GtkEditable *entry = find_editable (GTK_WIDGET (sidebar));
  GtkWidget *review = GTK_WIDGET (viva_window_get_review_view (f->window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.review", NULL));
  viva_test_wait_mapped (review);
  focus_window (GTK_WINDOW (f->window));

  press ("ctrl+f");
  type_text ("phantom");
  settle ();
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  g_assert_false (focus_is_in (GTK_WIDGET (sidebar)));
}

int
main (int   argc,
      char *argv[])
{
  viva_test_init_ui (&argc, &argv);
  viva_test_load_app_style ();

  g_test_add ("/search-keys/sidebar", Fixture, NULL,
              fixture_set_up, test_sidebar, fixture_tear_down);
  g_test_add ("/search-keys/interview-list", Fixture, NULL,
              fixture_set_up, test_interview_list, fixture_tear_down);
  g_test_add ("/search-keys/nothing-to-search", Fixture, NULL,
              fixture_set_up, test_nothing_to_search, fixture_tear_down);
  g_test_add ("/search-keys/question-picker", Fixture, NULL,
              fixture_set_up, test_question_picker, fixture_tear_down);

  return g_test_run ();
}
