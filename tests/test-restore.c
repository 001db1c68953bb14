/* test-restore.c
 *
 * Reopening the last session's bank file at start-up (issue 15): it is
 * read in a worker, so the window shows first and says what it waits
 * for; what the user types into the search meanwhile is kept and
 * applied; the last question comes back; a bank that cannot be read
 * falls back to the bundled one with a message; a bank the user opens
 * meanwhile wins; a window closed meanwhile goes cleanly. The sidebar
 * shows the last question's row, however deep in the bank.
 *
 * The worker is held with VIVA_TEST_HOLD_DIR (viva_test_hold()), so that
 * "meanwhile" is certain and not a race with a quick read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "viva-bank.h"
#include "viva-bench-data.h"
#include "viva-mock-session.h"
#include "viva-mock-setup.h"
#include "viva-context.h"
#include "viva-notes-store.h"
#include "viva-query.h"
#include "viva-question.h"
#include "viva-session-store.h"
#include "viva-sidebar-private.h"
#include "viva-sidebar.h"
#include "viva-test-util.h"
#include "viva-window-private.h"
#include "viva-window.h"

/* Questions 1 and 3 mention decorators; the last session had question 2
 * open. */
static const char bank_text[] =
  "# Restore Test Bank\n"
  "\n"
  "## Level 1: Basics (Questions 1-3)\n"
  "\n"
  "### Functions\n"
  "\n"
  "**Question 1:** What does a decorator do?\n"
  "\n"
  "**Question 2:** What is a generator?\n"
  "\n"
  "**Question 3:** How does a decorator keep the name of the function it wraps?\n"
  "\n"
  "## Level 2: More (Questions 4-5)\n"
  "\n"
  "**Question 4:** What is a context manager?\n"
  "\n"
  "**Question 5:** What does `with` call on exit?\n";

static const char other_bank_text[] =
  "# Other Bank\n"
  "\n"
  "## Level 1: Other (Questions 10-11)\n"
  "\n"
  "**Question 10:** What is a list comprehension?\n"
  "\n"
  "**Question 11:** What is a set?\n";

static char *hold_dir;

/* The restore's worker waits after reading until this is undone. */
static void
hold_bank (void)
{
  g_autofree char *path = g_build_filename (hold_dir, "bank", NULL);

  g_unlink (path);
}

static void
release_bank (void)
{
  g_autofree char *path = g_build_filename (hold_dir, "bank", NULL);

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
}

static char *
write_bank (const char *name,
            const char *text)
{
  char *path = g_build_filename (g_get_user_data_dir (), name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  return path;
}

/* The last session: @bank_path open at @question. */
static void
set_last_session (const char *bank_path,
                  guint       question)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  viva_test_reset_user_data ();
  g_settings_set_string (settings, "last-bank", bank_path);
  g_settings_set_uint (settings, "last-question", question);
}

static char *
settings_last_bank (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  return g_settings_get_string (settings, "last-bank");
}

typedef struct
{
  VivaNotesStore   *notes;
  VivaSessionStore *sessions;
  VivaContext      *context;
  VivaWindow       *window;
} Fixture;

/* The stores and the window, not yet shown. */
static void
fixture_init (Fixture *f)
{
  g_autofree char *notes_path = g_build_filename (g_get_user_data_dir (), APP_ID, "notes.json", NULL);
  g_autofree char *sessions_dir = g_build_filename (g_get_user_data_dir (), APP_ID, "sessions", NULL);
  g_autoptr(GPtrArray) session_problems = NULL;

  f->notes = viva_notes_store_new (notes_path);
  g_assert_true (viva_notes_store_load (f->notes, NULL));
  f->sessions = viva_session_store_new (sessions_dir);
  viva_session_store_load (f->sessions, &session_problems);
  f->context = g_object_new (VIVA_TYPE_CONTEXT,
                             "notes-store", f->notes,
                             "session-store", f->sessions,
                             NULL);
  f->window = viva_window_new (NULL, f->context);
  g_object_ref_sink (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
}

/* Viva starting: the window, the session restored, then shown and drawn
 * once. Nothing waits for the bank. */
static void
fixture_open (Fixture *f)
{
  fixture_init (f);
  viva_window_restore_session (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  viva_test_wait_painted (GTK_WIDGET (f->window));
}

static void
fixture_close (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  viva_test_drain_main_loop ();
  g_clear_object (&f->window);
  g_clear_object (&f->context);
  g_clear_object (&f->sessions);
  g_clear_object (&f->notes);
}

static gboolean
has_bank (gpointer data)
{
  return viva_window_get_bank (data) != NULL;
}

static gboolean
restore_is_back (gpointer data)
{
  return !_viva_window_is_restoring (data);
}

static gboolean
is_status_page_titled (GtkWidget  *widget,
                       const char *title)
{
  return ADW_IS_STATUS_PAGE (widget) &&
         g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), title) == 0;
}

static gboolean
is_label_with (GtkWidget  *widget,
               const char *text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
is_actionable_for (GtkWidget  *widget,
                   const char *action)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

static gboolean
is_spinner (GtkWidget  *widget,
            const char *unused)
{
  return GTK_IS_SPINNER (widget);
}

/* The loading page, if it is on screen. */
static GtkWidget *
shown_loading_page (VivaWindow *window,
                    const char *file_name)
{
  g_autofree char *title = g_strdup_printf ("Opening “%s”…", file_name);
  GtkWidget *page = viva_test_find_widget (GTK_WIDGET (window), is_status_page_titled, title);

  return page != NULL && gtk_widget_get_mapped (page) ? page : NULL;
}

/* Whether the button for @action (the header's, the Review button) can
 * be pressed: an actionable widget follows its action's state. */
static gboolean
action_button_is_sensitive (VivaWindow *window,
                            const char *action)
{
  GtkWidget *button = viva_test_find_widget (GTK_WIDGET (window), is_actionable_for, action);

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

static GtkSearchEntry *
search_entry (VivaWindow *window)
{
  GtkWidget *sidebar = GTK_WIDGET (viva_window_get_sidebar (window));

  for (GtkWidget *w = sidebar; w != NULL;)
    {
      if (GTK_IS_SEARCH_ENTRY (w))
        return GTK_SEARCH_ENTRY (w);
      /* Depth first. */
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != sidebar && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == sidebar ? NULL : gtk_widget_get_next_sibling (w);
        }
    }

  g_assert_not_reached ();
}

/* The question rows the sidebar's list shows, by number: "1 3". Read
 * through the sidebar's own reader of its list view's model, whatever
 * model (the tree, or a search's flat result) it shows. */
static char *
listed_questions (VivaWindow *window)
{
  g_autoptr(GPtrArray) items = _viva_sidebar_dup_shown_items (viva_window_get_sidebar (window));
  GString *numbers = g_string_new ("");

  for (guint i = 0; i < items->len; i++)
    if (VIVA_IS_QUESTION (items->pdata[i]))
      g_string_append_printf (numbers, "%s%u", numbers->len > 0 ? " " : "",
                              viva_question_get_number (items->pdata[i]));

  return g_string_free (numbers, FALSE);
}

/* The first frame comes before the bank: the window is on screen and
 * drawn, says which file it is opening, and the actions that need a
 * bank wait for it. Then the bank comes, with the last question. */
static void
test_first_frame_before_bank (void)
{
  g_autofree char *path = write_bank ("restore-test.md", bank_text);
  Fixture f = { 0 };
  GtkWidget *page;
  GtkWidget *spinner;

  set_last_session (path, 2);
  hold_bank ();
  fixture_open (&f);

  /* Drawn, with no bank yet. */
  g_assert_null (viva_window_get_bank (f.window));
  g_assert_null (viva_context_get_bank (f.context));
  page = shown_loading_page (f.window, "restore-test.md");
  g_assert_nonnull (page);
  spinner = viva_test_find_widget (page, is_spinner, NULL);
  g_assert_nonnull (spinner);
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  viva_test_save_screenshot (GTK_WIDGET (f.window), "restore-loading.png");

  g_assert_false (action_button_is_sensitive (f.window, "win.review"));
  g_assert_false (action_button_is_sensitive (f.window, "win.next-question"));
  g_assert_false (action_button_is_sensitive (f.window, "win.mock-interview"));
  /* Searching works already. */
  g_assert_true (action_button_is_sensitive (f.window, "win.filter"));
  /* Ctrl+R, with nothing to review yet, does nothing. */
  viva_test_press_shortcut (GTK_WIDGET (f.window), "<Control>r");
  viva_test_drain_main_loop ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f.window->mode_stack), ==, "study");

  release_bank ();
  viva_test_wait_until (has_bank, f.window, VIVA_TEST_WAIT_LIMIT_USEC, "the restored bank");

  /* The bank, the last question, and no more waiting. */
  g_assert_cmpstr (viva_bank_get_title (viva_window_get_bank (f.window)), ==, "Restore Test Bank");
  g_assert_nonnull (viva_window_get_question (f.window));
  g_assert_cmpuint (viva_question_get_number (viva_window_get_question (f.window)), ==, 2);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f.window)), ==, "Question 2");
  viva_test_drain_main_loop ();
  g_assert_null (shown_loading_page (f.window, "restore-test.md"));
  g_assert_false (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  g_assert_true (action_button_is_sensitive (f.window, "win.review"));
  g_assert_true (action_button_is_sensitive (f.window, "win.next-question"));
  g_assert_true (action_button_is_sensitive (f.window, "win.mock-interview"));

  fixture_close (&f);
  release_bank ();
}

static gboolean
search_is_applied (gpointer data)
{
  VivaQuery *query = viva_sidebar_get_query (viva_window_get_sidebar (data));

  return query != NULL && g_strcmp0 (viva_query_get_text (query), "decorator") == 0;
}

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
focus_is_in (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (data));

  return focus != NULL && (focus == data || gtk_widget_is_ancestor (focus, data));
}

static gboolean
entry_has_typed (gpointer data)
{
  return g_strcmp0 (gtk_editable_get_text (data), "decorator") == 0;
}

/* What is typed into the search while the bank loads is kept, and the
 * bank comes filtered by it. Typed as a person does: Ctrl+F, then the
 * keys, through the X server. */
static void
test_search_typed_while_loading (void)
{
  g_autofree char *path = write_bank ("restore-search.md", bank_text);
  g_autofree char *listed = NULL;
  Fixture f = { 0 };
  GtkSearchEntry *entry;

  set_last_session (path, 2);
  hold_bank ();
  fixture_open (&f);
  g_assert_nonnull (shown_loading_page (f.window, "restore-search.md"));

  viva_test_send_keys (GTK_WIDGET (f.window), "ctrl+f");
  entry = search_entry (f.window);
  viva_test_wait_until (focus_is_in, entry, VIVA_TEST_WAIT_LIMIT_USEC, "Ctrl+F");
  /* The search bar takes keys once it is on screen: its revealer maps
   * the field a frame or two later. A person never types that fast. */
  viva_test_wait_until (widget_is_mapped, entry, VIVA_TEST_WAIT_LIMIT_USEC, "the search field");
  viva_test_xdotool ("type", "--delay", "1", "decorator", NULL);
  viva_test_wait_until (entry_has_typed, entry, VIVA_TEST_WAIT_LIMIT_USEC, "the typed keys");
  viva_test_wait_until (search_is_applied, f.window, VIVA_TEST_WAIT_LIMIT_USEC, "the typed search");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "decorator");
  /* Still loading: the typing did not wait for the bank. */
  g_assert_null (viva_window_get_bank (f.window));

  release_bank ();
  viva_test_wait_until (has_bank, f.window, VIVA_TEST_WAIT_LIMIT_USEC, "the restored bank");
  viva_test_wait_painted (GTK_WIDGET (f.window));

  /* The words are still there, and the list shows only what they find. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "decorator");
  listed = listed_questions (f.window);
  g_assert_cmpstr (listed, ==, "1 3");
  /* The last question came back too. */
  g_assert_cmpuint (viva_question_get_number (viva_window_get_question (f.window)), ==, 2);

  fixture_close (&f);
  release_bank ();
}

/* A last bank that cannot be read (damaged, gone, a folder now) falls
 * back to the bundled bank, at the last question, with a message that
 * names the file; first, the window waits for it like any other. */
static void
assert_falls_back (const char *path,
                   const char *name)
{
  g_autofree char *message = g_strdup_printf ("Could not reopen “%s”", name);
  g_autofree char *last_bank = NULL;
  VivaBank *bank;
  Fixture f = { 0 };

  set_last_session (path, 42);
  hold_bank ();
  fixture_open (&f);
  g_assert_nonnull (shown_loading_page (f.window, name));
  g_assert_null (viva_window_get_bank (f.window));

  release_bank ();
  viva_test_wait_until (has_bank, f.window, VIVA_TEST_WAIT_LIMIT_USEC, "the bundled bank");
  viva_test_drain_main_loop ();

  bank = viva_window_get_bank (f.window);
  g_assert_null (viva_bank_get_file (bank));
  g_assert_cmpuint (viva_question_get_number (viva_window_get_question (f.window)), ==, 42);
  g_assert_nonnull (viva_test_find_widget (GTK_WIDGET (f.window), is_label_with, message));
  g_assert_null (shown_loading_page (f.window, name));
  /* The bundled bank is what the next start reopens. */
  last_bank = settings_last_bank ();
  g_assert_cmpstr (last_bank, ==, "");

  fixture_close (&f);
  release_bank ();
}

static void
test_unreadable_bank_falls_back (void)
{
  g_autofree char *damaged = write_bank ("shopping.md", "# Shopping list\n\n- milk\n- eggs\n");
  g_autofree char *gone = g_build_filename (g_get_user_data_dir (), "gone.md", NULL);
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "folder.md", NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);

  assert_falls_back (damaged, "shopping.md");
  assert_falls_back (gone, "gone.md");
  assert_falls_back (folder, "folder.md");
}

/* The user opens the bundled bank while the last one loads: theirs
 * stays, even when the restore's result comes after. */
static void
test_bundled_while_loading_wins (void)
{
  g_autofree char *path = write_bank ("restore-late.md", bank_text);
  g_autofree char *last_bank = NULL;
  VivaBank *chosen;
  Fixture f = { 0 };

  set_last_session (path, 2);
  hold_bank ();
  fixture_open (&f);
  g_assert_nonnull (shown_loading_page (f.window, "restore-late.md"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.open-bundled-bank", NULL));
  chosen = viva_window_get_bank (f.window);
  g_assert_nonnull (chosen);
  g_assert_null (viva_bank_get_file (chosen));
  viva_test_drain_main_loop ();
  g_assert_null (shown_loading_page (f.window, "restore-late.md"));

  /* The restore's read comes back now, late: it is dropped. */
  release_bank ();
  viva_test_wait_until (restore_is_back, f.window, VIVA_TEST_WAIT_LIMIT_USEC, "the restore's result");
  viva_test_drain_main_loop ();

  g_assert_true (viva_window_get_bank (f.window) == chosen);
  g_assert_true (viva_context_get_bank (f.context) == chosen);
  g_assert_null (viva_window_get_question (f.window));
  last_bank = settings_last_bank ();
  g_assert_cmpstr (last_bank, ==, "");

  fixture_close (&f);
  release_bank ();
}

static gboolean
has_other_bank (gpointer data)
{
  VivaBank *bank = viva_window_get_bank (data);

  return bank != NULL && g_strcmp0 (viva_bank_get_title (bank), "Other Bank") == 0;
}

/* A bank opened while the last one loads (Open, or a file named on the
 * command line) wins, whichever read ends first. */
static void
test_open_while_loading_wins (void)
{
  g_autofree char *path = write_bank ("restore-open.md", bank_text);
  g_autofree char *other = write_bank ("other.md", other_bank_text);
  g_autofree char *last_bank = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (other);
  Fixture f = { 0 };

  set_last_session (path, 2);
  hold_bank ();
  fixture_open (&f);
  g_assert_nonnull (shown_loading_page (f.window, "restore-open.md"));

  viva_window_open_file (f.window, file);
  /* The restore is over for the user: the window waits for their file. */
  viva_test_drain_main_loop ();
  g_assert_null (shown_loading_page (f.window, "restore-open.md"));
  g_assert_nonnull (shown_loading_page (f.window, "other.md"));

  release_bank ();
  viva_test_wait_until (has_other_bank, f.window, VIVA_TEST_WAIT_LIMIT_USEC, "the opened bank");
  viva_test_wait_until (restore_is_back, f.window, VIVA_TEST_WAIT_LIMIT_USEC, "the restore's result");
  viva_test_drain_main_loop ();

  g_assert_true (has_other_bank (f.window));
  g_assert_cmpuint (viva_question_get_number (viva_window_get_question (f.window)), ==, 10);
  last_bank = settings_last_bank ();
  g_assert_cmpstr (last_bank, ==, other);
  g_assert_null (shown_loading_page (f.window, "other.md"));

  fixture_close (&f);
  release_bank ();
}

/* A file that cannot be opened instead: the last session's bank comes
 * back, as it would have. */
static void
test_failed_open_while_loading_restores (void)
{
  g_autofree char *path = write_bank ("restore-again.md", bank_text);
  g_autofree char *bad = write_bank ("not-a-bank.md", "# Shopping list\n\n- milk\n");
  g_autoptr(GFile) file = g_file_new_for_path (bad);
  AdwMessageDialog *dialog;
  Fixture f = { 0 };

  set_last_session (path, 2);
  hold_bank ();
  fixture_open (&f);
  g_assert_nonnull (shown_loading_page (f.window, "restore-again.md"));

  viva_window_open_file (f.window, file);
  release_bank ();

  dialog = viva_test_wait_message_dialog ("Could Not Open “not-a-bank.md”");
  gtk_window_destroy (GTK_WINDOW (dialog));
  viva_test_wait_until (has_bank, f.window, VIVA_TEST_WAIT_LIMIT_USEC, "the restored bank");

  g_assert_cmpstr (viva_bank_get_title (viva_window_get_bank (f.window)), ==, "Restore Test Bank");
  g_assert_cmpuint (viva_question_get_number (viva_window_get_question (f.window)), ==, 2);

  fixture_close (&f);
  release_bank ();
}

/* Closing the window while the bank loads: the read is cancelled, its
 * result reaches neither the closed window nor the context, and the
 * window is freed once the worker is done. */
static void
test_close_while_loading (void)
{
  g_autofree char *path = write_bank ("restore-close.md", bank_text);
  g_autofree char *last_bank = NULL;
  Fixture f = { 0 };
  VivaWindow *weak;

  set_last_session (path, 2);
  hold_bank ();
  fixture_open (&f);
  g_assert_nonnull (shown_loading_page (f.window, "restore-close.md"));

  weak = f.window;
  g_object_add_weak_pointer (G_OBJECT (f.window), (gpointer *) &weak);
  gtk_window_close (GTK_WINDOW (f.window));
  viva_test_drain_main_loop ();
  gtk_window_destroy (GTK_WINDOW (f.window));
  g_clear_object (&f.window);

  release_bank ();
  while (weak != NULL)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  viva_test_drain_main_loop ();

  g_assert_null (viva_context_get_bank (f.context));
  last_bank = settings_last_bank ();
  g_assert_cmpstr (last_bank, ==, path);

  g_clear_object (&f.context);
  g_clear_object (&f.sessions);
  g_clear_object (&f.notes);
}

static gboolean
has_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return TRUE;
    }

  return FALSE;
}

/* A mock interview that was running when Viva stopped is offered to
 * resume once the bank is in (the offer needs the bank), not lost
 * because the window asked before it came. */
static void
test_resume_offer_waits_for_bank (void)
{
  g_autofree char *path = write_bank ("restore-mock.md", bank_text);
  g_autofree char *sessions_dir = g_build_filename (g_get_user_data_dir (), APP_ID, "sessions", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(VivaBank) bank = NULL;
  g_autoptr(VivaMockSetup) setup = viva_mock_setup_new ();
  g_autoptr(GPtrArray) questions = g_ptr_array_new ();
  g_autoptr(VivaMockSession) session = NULL;
  g_autoptr(VivaSessionStore) store = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  Fixture f = { 0 };

  set_last_session (path, 2);

  /* The last session's interview, paused on its first question. */
  bank = viva_bank_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_add (questions, viva_bank_lookup_question (bank, 1));
  g_ptr_array_add (questions, viva_bank_lookup_question (bank, 4));
  session = viva_mock_session_new (bank, setup, questions, 1);
  g_assert_true (viva_mock_session_set_state (session, VIVA_MOCK_SESSION_STATE_RUNNING));
  g_assert_true (viva_mock_session_set_state (session, VIVA_MOCK_SESSION_STATE_PAUSED));
  store = viva_session_store_new (sessions_dir);
  viva_session_store_load (store, &problems);
  g_assert_true (viva_session_store_add (store, session, &error));
  g_assert_no_error (error);
  g_assert_true (viva_session_store_flush (store, &error));
  g_assert_no_error (error);

  hold_bank ();
  fixture_open (&f);
  g_assert_nonnull (viva_session_store_get_unfinished (f.sessions));
  g_assert_nonnull (shown_loading_page (f.window, "restore-mock.md"));

  /* As the application asks at start-up: not yet. */
  viva_window_offer_resume (f.window);
  viva_test_drain_main_loop ();
  g_assert_false (has_message_dialog ());

  release_bank ();
  dialog = viva_test_wait_message_dialog ("Resume Your Mock Interview?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "question 1 of 2"));
  g_assert_nonnull (viva_window_get_bank (f.window));
  adw_message_dialog_response (dialog, "later");
  gtk_window_destroy (GTK_WINDOW (dialog));
  viva_test_drain_main_loop ();

  fixture_close (&f);
  release_bank ();
}

/* As large as the banks users reported it with: 500 questions a topic,
 * more than the list view makes row widgets for (about 200 around its
 * anchor), so that a list scrolled away from its anchor is empty. */
#define DEEP_BANK_QUESTIONS 100000

static char *
write_deep_bank (void)
{
  g_autoptr(GBytes) bytes = viva_bench_generate_bank (DEEP_BANK_QUESTIONS, NULL);
  char *path = g_build_filename (g_get_user_data_dir (), "restore-deep.md", NULL);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, data, size, NULL));

  return path;
}

static gboolean
is_sidebar_row (GtkWidget  *widget,
                const char *unused)
{
  return VIVA_IS_SIDEBAR_ROW (widget);
}

/* The rows of the sidebar's list view that are drawn inside its visible
 * area, and whether the row of @question is wholly among them. */
static guint
count_shown_rows (VivaSidebar  *sidebar,
                  VivaQuestion *question,
                  gboolean     *question_shown)
{
  GtkWidget *list = GTK_WIDGET (sidebar->list_view);
  int height = gtk_widget_get_height (list);
  guint n_shown = 0;

  *question_shown = FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = viva_test_find_widget (child, is_sidebar_row, NULL);
      graphene_rect_t bounds;

      if (row == NULL ||
          !gtk_widget_get_child_visible (child) ||
          !gtk_widget_get_mapped (row) ||
          !gtk_widget_compute_bounds (child, list, &bounds) ||
          bounds.size.height <= 0 ||
          bounds.origin.y + bounds.size.height <= 0 ||
          bounds.origin.y >= height)
        continue;

      n_shown++;
      if (viva_sidebar_row_get_item (VIVA_SIDEBAR_ROW (row)) == G_OBJECT (question) &&
          bounds.origin.y >= 0 &&
          bounds.origin.y + bounds.size.height <= height)
        *question_shown = TRUE;
    }

  return n_shown;
}

static gboolean
question_row_shown (gpointer data)
{
  VivaWindow *window = data;
  gboolean question_shown;

  count_shown_rows (viva_window_get_sidebar (window), viva_window_get_question (window), &question_shown);

  return question_shown;
}

/* The sidebar lists rows, among them the reopened question's, selected
 * and in view. */
static void
assert_question_listed (VivaWindow *window,
                        guint       number)
{
  VivaSidebar *sidebar = viva_window_get_sidebar (window);
  VivaQuestion *question = viva_window_get_question (window);
  GtkSelectionModel *selection = gtk_list_view_get_model (sidebar->list_view);
  g_autoptr(GObject) item = NULL;
  GtkTreeListRow *selected;
  gboolean question_shown;
  guint n_shown;

  g_assert_nonnull (question);
  g_assert_cmpuint (viva_question_get_number (question), ==, number);

  viva_test_wait_until (question_row_shown, window, VIVA_TEST_WAIT_LIMIT_USEC,
                        "the question's row in view in the sidebar");
  viva_test_wait_painted (GTK_WIDGET (window));
  viva_test_save_screenshot (GTK_WIDGET (window), "restore-deep-question.png");

  g_assert_true (GTK_IS_SINGLE_SELECTION (selection));
  selected = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (selection));
  g_assert_true (GTK_IS_TREE_LIST_ROW (selected));
  item = gtk_tree_list_row_get_item (selected);
  g_assert_true (item == (gpointer) question);
  /* Not the question alone: the rows around it fill the list. */
  n_shown = count_shown_rows (sidebar, question, &question_shown);
  g_assert_true (question_shown);
  g_assert_cmpuint (n_shown, >=, 10);
}

/* A returning user whose last question is deep in a large bank: the
 * bank comes after the first frame (a large one takes a while to read),
 * and the sidebar unfolds the question's level and topic and shows its
 * row, not an empty list. */
static void
test_deep_question_listed (void)
{
  g_autofree char *path = write_deep_bank ();
  Fixture f = { 0 };

  set_last_session (path, DEEP_BANK_QUESTIONS - 9);
  hold_bank ();
  fixture_open (&f);
  g_assert_null (viva_window_get_bank (f.window));

  release_bank ();
  viva_test_wait_until (has_bank, f.window, VIVA_TEST_WAIT_LIMIT_USEC, "the restored bank");
  assert_question_listed (f.window, DEEP_BANK_QUESTIONS - 9);

  fixture_close (&f);
}

/* The same with the bank in before the first frame: the row is selected
 * one frame later. And a near question still shows too. */
static void
test_question_listed_first_frame (gconstpointer data)
{
  guint number = GPOINTER_TO_UINT (data);
  g_autofree char *path = write_deep_bank ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(VivaBank) bank = NULL;
  g_autoptr(GError) error = NULL;
  Fixture f = { 0 };

  set_last_session ("", 0);
  bank = viva_bank_new_from_file (file, NULL, &error);
  g_assert_no_error (error);

  fixture_init (&f);
  viva_window_set_bank (f.window, bank);
  viva_window_show_question (f.window, viva_bank_lookup_question (bank, number));
  gtk_window_present (GTK_WINDOW (f.window));
  viva_test_wait_painted (GTK_WIDGET (f.window));

  assert_question_listed (f.window, number);

  fixture_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  viva_test_init_ui (&argc, &argv);

  /* Read once, on the first hold: set before any bank is read. */
  hold_dir = g_dir_make_tmp ("viva-hold-XXXXXX", NULL);
  g_assert_nonnull (hold_dir);
  g_setenv ("VIVA_TEST_HOLD_DIR", hold_dir, TRUE);
  release_bank ();

  g_test_add_func ("/restore/first-frame-before-bank", test_first_frame_before_bank);
  g_test_add_func ("/restore/search-typed-while-loading", test_search_typed_while_loading);
  g_test_add_func ("/restore/unreadable-bank-falls-back", test_unreadable_bank_falls_back);
  g_test_add_func ("/restore/bundled-while-loading-wins", test_bundled_while_loading_wins);
  g_test_add_func ("/restore/open-while-loading-wins", test_open_while_loading_wins);
  g_test_add_func ("/restore/failed-open-while-loading-restores", test_failed_open_while_loading_restores);
  g_test_add_func ("/restore/close-while-loading", test_close_while_loading);
  g_test_add_func ("/restore/resume-offer-waits-for-bank", test_resume_offer_waits_for_bank);
  g_test_add_func ("/restore/deep-question-listed", test_deep_question_listed);
  g_test_add_data_func ("/restore/deep-question-listed-first-frame",
                        GUINT_TO_POINTER (DEEP_BANK_QUESTIONS - 9),
                        test_question_listed_first_frame);
  g_test_add_data_func ("/restore/near-question-listed-first-frame",
                        GUINT_TO_POINTER (1),
                        test_question_listed_first_frame);

  return g_test_run ();
}
