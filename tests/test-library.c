/* test-library.c
 *
 * Open Recent in the main window, under Xvfb: what the submenu lists and
 * says of each bank, opening a bank from it (a file that went too), and
 * each bank keeping its own notes when switching between them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "viva-bank.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-question.h"
#include "viva-question-view.h"
#include "viva-test-util.h"
#include "viva-window-private.h"

typedef struct
{
  VivaTestWindow  test_window;
  VivaWindow     *window;
  char           *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "bank-library");
  viva_test_window_open (&f->test_window, NULL, 1000, 700);
  f->window = f->test_window.window;
  /* Remembering the open bank waits for the first frame (issue 15). */
  viva_test_wait_painted (GTK_WIDGET (f->window));
  viva_test_drain_main_loop ();
  f->dir = g_dir_make_tmp ("viva-library-ui-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  viva_test_window_close (&f->test_window);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* Writes a bank of @n questions titled @title as @name; returns its
 * path. */
static char *
write_bank (Fixture    *f,
            const char *name,
            const char *title,
            guint       n)
{
  g_autoptr(GString) text = g_string_new (NULL);
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_string_append_printf (text, "# %s\n\n## Level 1: Basics\n\n### Words\n\n", title);
  for (guint i = 1; i <= n; i++)
    g_string_append_printf (text, "**Question %u:** What does %s %u mean?\n\n", i, title, i);
  g_assert_true (g_file_set_contents (path, text->str, -1, &error));
  g_assert_no_error (error);

  return path;
}

typedef struct
{
  VivaWindow *window;
  const char *id;
} BankIs;

static gboolean
bank_is (gpointer data)
{
  BankIs *want = data;
  VivaBank *bank = viva_window_get_bank (want->window);

  return bank != NULL && g_strcmp0 (viva_bank_get_id (bank), want->id) == 0 &&
         viva_window_get_question (want->window) != NULL;
}

static void
wait_for_bank (VivaWindow *window,
               const char *id)
{
  BankIs want = { window, id };

  viva_test_wait_until (bank_is, &want, VIVA_TEST_WAIT_LIMIT_USEC, id);
  viva_test_drain_main_loop ();
}

static void
open_path (Fixture    *f,
           const char *path,
           const char *id)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  viva_window_open_file (f->window, file);
  wait_for_bank (f->window, id);
}

/* Opens the main menu as a click on its button does, then closes it:
 * the submenu is built when the menu first opens. */
static void
open_main_menu (Fixture *f)
{
  gtk_menu_button_popup (f->window->menu_button);
  viva_test_drain_main_loop ();
  gtk_menu_button_popdown (f->window->menu_button);
  viva_test_drain_main_loop ();
}

static char *
item_label (GMenuModel *menu,
            guint       index)
{
  char *label = NULL;

  g_assert_true (g_menu_model_get_item_attribute (menu, index, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  return label;
}

static char *
item_target (GMenuModel *menu,
             guint       index)
{
  char *action = NULL;
  char *target = NULL;

  g_assert_true (g_menu_model_get_item_attribute (menu, index, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  g_assert_cmpstr (action, ==, "win.open-recent-bank");
  g_free (action);
  g_assert_true (g_menu_model_get_item_attribute (menu, index, G_MENU_ATTRIBUTE_TARGET, "s", &target));
  return target;
}

/* The submenu's item whose target is @path ("" for the bundled bank), or
 * -1. */
static int
find_item (GMenuModel *menu,
           const char *path)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *target = item_target (menu, i);

      if (g_strcmp0 (target, path) == 0)
        return i;
    }

  return -1;
}

/* Picks the item for @path in Open Recent, as a click on it does: its
 * action with its target. */
static void
pick_recent (Fixture    *f,
             const char *path)
{
  GMenuModel *menu = G_MENU_MODEL (f->window->recent_section);
  int index = find_item (menu, path);
  g_autoptr(GVariant) target = NULL;

  g_assert_cmpint (index, >=, 0);
  target = g_menu_model_get_item_attribute_value (menu, index, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->window), "win.open-recent-bank", target));
}

typedef struct
{
  GMenuModel *menu;
  guint       index;
  const char *label;
} LabelIs;

static gboolean
label_is (gpointer data)
{
  LabelIs *want = data;
  g_autofree char *label = NULL;

  if ((int) want->index >= g_menu_model_get_n_items (want->menu))
    return FALSE;
  label = item_label (want->menu, want->index);
  return g_strcmp0 (label, want->label) == 0;
}

static void
test_menu_labels (Fixture       *f,
                  gconstpointer  data)
{
  GMenuModel *menu = G_MENU_MODEL (f->window->recent_section);
  g_autofree char *a = write_bank (f, "algorithms.md", "Algo_rithms", 3);
  g_autofree char *label = NULL;
  g_autofree char *bundled = NULL;
  g_autofree char *target = NULL;
  g_autofree char *b = NULL;
  g_autofree char *newest = NULL;
  VivaNotesStore *notes = f->test_window.notes;
  LabelIs want;

  /* Nothing is built before the menu opens. */
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 0);

  open_path (f, a, "algorithms");
  viva_note_set_status (viva_notes_store_get_note (notes, "algorithms", 1), VIVA_STATUS_CONFIDENT);
  viva_note_set_status (viva_notes_store_get_note (notes, VIVA_BUNDLED_BANK_ID, 7), VIVA_STATUS_LEARNING);
  open_main_menu (f);

  /* The bank just opened first, then the bundled one opened at start. */
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
  label = item_label (menu, 0);
  /* The underscore of the title shows: it is not a mnemonic. */
  g_assert_cmpstr (label, ==, "Algo__rithms (3 questions · 1 confident, 0 learning)");
  target = item_target (menu, 0);
  g_assert_cmpstr (target, ==, a);
  bundled = item_label (menu, 1);
  g_assert_cmpstr (bundled, ==, "Python Interview Questions: 1-1000 (415 questions · 0 confident, 1 learning)");

  /* Progress made after the menu was built shows in it. */
  viva_note_set_status (viva_notes_store_get_note (notes, "algorithms", 2), VIVA_STATUS_LEARNING);
  want = (LabelIs) { menu, 0, "Algo__rithms (3 questions · 1 confident, 1 learning)" };
  viva_test_wait_until (label_is, &want, VIVA_TEST_WAIT_LIMIT_USEC, want.label);

  /* And so does a bank opened since. */
  b = write_bank (f, "biology.md", "Biology", 2);
  open_path (f, b, "biology");
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 3);
  newest = item_label (menu, 0);
  g_assert_cmpstr (newest, ==, "Biology (2 questions)");

  viva_test_save_screenshot (GTK_WIDGET (f->window), "library-menu");
}

static void
test_open_recent (Fixture       *f,
                  gconstpointer  data)
{
  GMenuModel *menu = G_MENU_MODEL (f->window->recent_section);
  g_autofree char *a = write_bank (f, "algorithms.md", "Algorithms", 3);
  g_autofree char *b = write_bank (f, "biology.md", "Biology", 2);
  AdwMessageDialog *dialog;

  open_path (f, a, "algorithms");
  open_path (f, b, "biology");
  open_main_menu (f);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 3);

  pick_recent (f, a);
  wait_for_bank (f->window, "algorithms");
  g_assert_cmpuint (viva_bank_get_n_questions (viva_window_get_bank (f->window)), ==, 3);

  pick_recent (f, "");
  viva_test_drain_main_loop ();
  g_assert_cmpstr (viva_bank_get_id (viva_window_get_bank (f->window)), ==, VIVA_BUNDLED_BANK_ID);

  /* A file that went: listed as missing; picked, it says so, the bank
   * open stays open, and Forget takes it out of the list. */
  g_assert_cmpint (g_unlink (b), ==, 0);
  _viva_window_update_recent_menu (f->window);
  {
    g_autofree char *label = item_label (menu, find_item (menu, b));

    g_assert_cmpstr (label, ==, "Biology (missing)");
  }
  pick_recent (f, b);
  dialog = viva_test_wait_message_dialog ("Could Not Open “biology.md”");
  /* Return closes it and forgets nothing. */
  viva_test_assert_return_is_safe (dialog, "close");
  viva_test_drain_main_loop ();
  g_assert_cmpint (find_item (menu, b), >=, 0);
  g_assert_cmpstr (viva_bank_get_id (viva_window_get_bank (f->window)), ==, VIVA_BUNDLED_BANK_ID);

  pick_recent (f, b);
  dialog = viva_test_wait_message_dialog ("Could Not Open “biology.md”");
  viva_test_wait_painted (GTK_WIDGET (dialog));
  viva_test_save_screenshot (GTK_WIDGET (dialog), "library-missing");
  adw_message_dialog_response (dialog, "forget");
  viva_test_drain_main_loop ();
  g_assert_cmpint (find_item (menu, b), ==, -1);
  g_assert_cmpint (find_item (menu, a), >=, 0);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
}

static gboolean
question_view_starred (Fixture *f)
{
  gboolean starred = FALSE;

  g_object_get (viva_window_get_question_view (f->window), "starred", &starred, NULL);
  return starred;
}

static void
show_question_1 (Fixture *f)
{
  VivaQuestion *question = viva_bank_lookup_question (viva_window_get_bank (f->window), 1);

  g_assert_nonnull (question);
  viva_window_show_question (f->window, question);
  viva_test_drain_main_loop ();
}

/* Star question 1 of bank A, open B from Open Recent: its question 1 is
 * not starred; back to A: starred. */
static void
test_notes_separate (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *a = write_bank (f, "algorithms.md", "Algorithms", 3);
  g_autofree char *b = write_bank (f, "biology.md", "Biology", 3);

  open_path (f, b, "biology");
  open_path (f, a, "algorithms");
  open_main_menu (f);

  show_question_1 (f);
  g_assert_false (question_view_starred (f));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-star", NULL));
  g_assert_true (question_view_starred (f));

  pick_recent (f, b);
  wait_for_bank (f->window, "biology");
  show_question_1 (f);
  g_assert_cmpuint (viva_question_get_number (viva_window_get_question (f->window)), ==, 1);
  g_assert_false (question_view_starred (f));

  pick_recent (f, a);
  wait_for_bank (f->window, "algorithms");
  show_question_1 (f);
  g_assert_true (question_view_starred (f));

  g_assert_true (viva_note_get_starred (viva_notes_store_get_note (f->test_window.notes, "algorithms", 1)));
  {
    VivaNote *other = viva_notes_store_lookup_note (f->test_window.notes, "biology", 1);

    g_assert_true (other == NULL || !viva_note_get_starred (other));
  }
}

int
main (int   argc,
      char *argv[])
{
  viva_test_init_ui (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/library/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("menu-labels", test_menu_labels);
  ADD ("open-recent", test_open_recent);
  ADD ("notes-separate", test_notes_separate);
#undef ADD

  return g_test_run ();
}
