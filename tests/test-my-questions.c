/* test-my-questions.c
 *
 * My Questions in the window, as the user meets them: New Question
 * (Ctrl+N) on the bundled bank, Edit (F2) and Delete with Undo on a
 * bank the user owns, with the notes staying attached by number, and
 * the bundled bank saying why it cannot be changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "viva-bank.h"
#include "viva-level.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-owned-banks.h"
#include "viva-question-dialog.h"
#include "viva-question-view.h"
#include "viva-question.h"
#include "viva-test-util.h"
#include "viva-topic.h"
#include "viva-window.h"

static VivaQuestionDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (VIVA_IS_QUESTION_DIALOG (window))
        return VIVA_QUESTION_DIALOG (window);
    }

  return NULL;
}

static gboolean
has_dialog (gpointer data)
{
  return find_dialog () != NULL;
}

static gboolean
has_no_dialog (gpointer data)
{
  return find_dialog () == NULL;
}

static VivaQuestionDialog *
wait_for_dialog (void)
{
  VivaQuestionDialog *dialog;

  viva_test_wait_until (has_dialog, NULL, VIVA_TEST_WAIT_LIMIT_USEC, "the question dialog");
  dialog = find_dialog ();
  viva_test_wait_painted (GTK_WIDGET (dialog));

  return dialog;
}

static gboolean
is_question_text_view (GtkWidget  *widget,
                       const char *what)
{
  return GTK_IS_TEXT_VIEW (widget) && !GTK_SOURCE_IS_VIEW (widget);
}

static gboolean
is_entry_row_titled (GtkWidget  *widget,
                     const char *title)
{
  return ADW_IS_ENTRY_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_combo_row_titled (GtkWidget  *widget,
                     const char *title)
{
  return ADW_IS_COMBO_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_button_labelled (GtkWidget  *widget,
                    const char *label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static GtkWidget *
find (gpointer             root,
      VivaTestWidgetMatch  match,
      const char          *what)
{
  GtkWidget *widget = viva_test_find_widget (GTK_WIDGET (root), match, what);

  g_assert_nonnull (widget);

  return widget;
}

static gboolean
is_answer_view (GtkWidget  *widget,
                const char *what)
{
  return GTK_SOURCE_IS_VIEW (widget);
}

static void
set_answer_text (VivaQuestionDialog *dialog,
                 const char         *text)
{
  GtkTextView *view = GTK_TEXT_VIEW (find (dialog, is_answer_view, NULL));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static char *
get_answer_text (VivaQuestionDialog *dialog)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (find (dialog, is_answer_view, NULL)));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_question_text (VivaQuestionDialog *dialog,
                   const char         *text)
{
  GtkTextView *view = GTK_TEXT_VIEW (find (dialog, is_question_text_view, NULL));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static char *
get_question_text (VivaQuestionDialog *dialog)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (find (dialog, is_question_text_view, NULL)));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Picks the last item of a combo row: "New Level…" or "New Topic…". */
static void
choose_new (VivaQuestionDialog *dialog,
            const char         *row_title)
{
  AdwComboRow *row = ADW_COMBO_ROW (find (dialog, is_combo_row_titled, row_title));

  adw_combo_row_set_selected (row, g_list_model_get_n_items (adw_combo_row_get_model (row)) - 1);
}

static void
save_dialog (VivaQuestionDialog *dialog)
{
  GtkWidget *save = find (dialog, is_button_labelled, "_Save");

  g_assert_true (gtk_widget_get_sensitive (save));
  g_signal_emit_by_name (save, "clicked");
  viva_test_wait_until (has_no_dialog, NULL, VIVA_TEST_WAIT_LIMIT_USEC, "the dialog to close");
}

static GtkWidget *
find_toast (GtkWidget *widget)
{
  if (g_strcmp0 (gtk_widget_get_css_name (widget), "toast") == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toast (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
label_contains (GtkWidget  *widget,
                const char *text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

typedef struct
{
  VivaWindow *window;
  const char *text;
} ToastWait;

static gboolean
has_toast_saying (gpointer data)
{
  ToastWait *wait = data;
  GtkWidget *toast = find_toast (GTK_WIDGET (wait->window));

  return toast != NULL && viva_test_find_widget (toast, label_contains, wait->text) != NULL;
}

static void
wait_for_toast (VivaWindow *window,
                const char *text)
{
  ToastWait wait = { window, text };

  viva_test_wait_until (has_toast_saying, &wait, VIVA_TEST_WAIT_LIMIT_USEC, text);
}

typedef struct
{
  VivaWindow *window;
  const char *id;
  guint       number;
  gboolean    present;
} BankWait;

static gboolean
bank_is (gpointer data)
{
  BankWait *wait = data;
  VivaBank *bank = viva_window_get_bank (wait->window);

  return bank != NULL && g_strcmp0 (viva_bank_get_id (bank), wait->id) == 0 &&
         (viva_bank_lookup_question (bank, wait->number) != NULL) == wait->present;
}

static void
wait_for_bank (VivaWindow *window,
               const char *id,
               guint       number,
               gboolean    present)
{
  BankWait wait = { window, id, number, present };

  viva_test_wait_until (bank_is, &wait, VIVA_TEST_WAIT_LIMIT_USEC, "the bank as written");
}

static void
activate (VivaWindow *window,
          const char *action,
          GVariant   *param)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), action, param));
}

/* My Questions with @n questions "Question N" (level "Mine"), opened in
 * the window. */
static void
open_my_questions (VivaTestWindow *test_window,
                   guint           n)
{
  VivaOwnedBanks *owned = viva_owned_banks_new (NULL);
  g_autofree char *path = viva_owned_banks_dup_my_questions_path (owned);
  g_autoptr(GString) text = g_string_new ("# My Questions\n\n## Level 1: Mine\n\n");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaBank) bank = NULL;

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (text, "**Question %u:** Question %u\n\n", i, i);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents_full (path, text->str, text->len, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);

  bank = viva_bank_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  viva_window_set_bank (test_window->window, bank);
  viva_window_show_question (test_window->window, viva_bank_lookup_question (bank, 1));
  g_object_unref (owned);
}

static void
test_new_from_bundled (void)
{
  VivaTestWindow test_window;
  VivaQuestionDialog *dialog;
  g_autoptr(GString) unnamed = g_string_new (NULL);
  g_autofree char *path = NULL;
  VivaBank *bank;
  VivaQuestion *question;
  GStatBuf st;

  viva_test_window_open (&test_window, NULL, 1000, 700);
  g_assert_cmpstr (viva_bank_get_id (viva_window_get_bank (test_window.window)), ==, VIVA_BUNDLED_BANK_ID);

  /* Ctrl+N: a dialog with no level yet but "New Level…". */
  g_assert_true (viva_test_press_shortcut (GTK_WIDGET (test_window.window), "<Control>n"));
  dialog = wait_for_dialog ();
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (dialog)), ==, GTK_ACCESSIBLE_ROLE_DIALOG);
  viva_test_collect_unnamed_controls (GTK_WIDGET (dialog), unnamed);
  g_assert_cmpstr (unnamed->str, ==, "");
  g_assert_true (gtk_widget_get_visible (find (dialog, is_entry_row_titled, "New level name")));
  g_assert_false (gtk_widget_get_sensitive (find (dialog, is_button_labelled, "_Save")));

  set_question_text (dialog, "Why does `[] is []` give `False`?");
  gtk_editable_set_text (GTK_EDITABLE (find (dialog, is_entry_row_titled, "New level name")),
                         "Asked in Interviews");
  choose_new (dialog, "Topic");
  gtk_editable_set_text (GTK_EDITABLE (find (dialog, is_entry_row_titled, "New topic name")),
                         "Identity");
  set_answer_text (dialog, "Each `[]` makes a new list:\n\n```python\n[] == []  # True\n```\n");
  viva_test_save_screenshot (GTK_WIDGET (dialog), "question-dialog-new");
  save_dialog (dialog);

  /* Saved to My Questions, made now; the bundled bank stays open. */
  wait_for_toast (test_window.window, "Added to My Questions as question 1");
  viva_test_save_screenshot (GTK_WIDGET (test_window.window), "question-added-toast");
  g_assert_cmpstr (viva_bank_get_id (viva_window_get_bank (test_window.window)), ==, VIVA_BUNDLED_BANK_ID);
  path = g_build_filename (g_get_user_data_dir (), APP_ID, "banks", "my-questions.md", NULL);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);

  /* "Show" opens it on the new question. */
  activate (test_window.window, "win.show-added-question", g_variant_new_uint32 (1));
  bank = viva_window_get_bank (test_window.window);
  g_assert_cmpstr (viva_bank_get_id (bank), ==, VIVA_MY_QUESTIONS_ID);
  question = viva_window_get_question (test_window.window);
  g_assert_nonnull (question);
  g_assert_cmpuint (viva_question_get_number (question), ==, 1);
  g_assert_cmpstr (viva_question_get_text (question), ==, "Why does [] is [] give False?");
  g_assert_cmpstr (viva_level_get_name (viva_question_get_level (question)), ==, "Asked in Interviews");
  g_assert_cmpstr (viva_topic_get_name (viva_question_get_topic (question)), ==, "Identity");
  g_assert_nonnull (strstr (viva_question_get_answer (question), "```python\n[] == []  # True\n```"));

  /* F2 opens it with its answer. */
  g_assert_true (viva_test_press_shortcut (GTK_WIDGET (test_window.window), "F2"));
  dialog = wait_for_dialog ();
  {
    g_autofree char *answer = get_answer_text (dialog);

    g_assert_cmpstr (answer, ==, viva_question_get_answer (question));
  }
  gtk_window_close (GTK_WINDOW (dialog));
  viva_test_wait_until (has_no_dialog, NULL, VIVA_TEST_WAIT_LIMIT_USEC, "the dialog to close");

  /* Ctrl+N on My Questions adds to it, offering its levels. */
  g_assert_true (viva_test_press_shortcut (GTK_WIDGET (test_window.window), "<Control>n"));
  dialog = wait_for_dialog ();
  g_assert_false (gtk_widget_get_visible (find (dialog, is_entry_row_titled, "New level name")));
  set_question_text (dialog, "Second");
  save_dialog (dialog);
  wait_for_bank (test_window.window, VIVA_MY_QUESTIONS_ID, 2, TRUE);
  question = viva_window_get_question (test_window.window);
  g_assert_cmpuint (viva_question_get_number (question), ==, 2);
  g_assert_cmpstr (viva_level_get_name (viva_question_get_level (question)), ==, "Asked in Interviews");

  viva_test_window_close (&test_window);
}

static void
test_edit_keeps_note (void)
{
  VivaTestWindow test_window;
  VivaQuestionDialog *dialog;
  g_autofree char *text = NULL;
  VivaQuestion *question;
  VivaNote *note;

  viva_test_window_open (&test_window, NULL, 1000, 700);
  open_my_questions (&test_window, 3);
  note = viva_notes_store_get_note (test_window.notes, VIVA_MY_QUESTIONS_ID, 1);
  viva_note_set_text (note, "My note on the first");
  viva_note_set_starred (note, TRUE);

  g_assert_true (viva_test_press_shortcut (GTK_WIDGET (test_window.window), "F2"));
  dialog = wait_for_dialog ();
  text = get_question_text (dialog);
  g_assert_cmpstr (text, ==, "Question 1");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Edit Question 1");

  set_question_text (dialog, "Question 1, *edited*");
  choose_new (dialog, "Topic");
  gtk_editable_set_text (GTK_EDITABLE (find (dialog, is_entry_row_titled, "New topic name")), "Strings");
  viva_test_save_screenshot (GTK_WIDGET (dialog), "question-dialog-edit");
  save_dialog (dialog);

  /* The same number, so the same note and star, under the new topic. */
  question = viva_window_get_question (test_window.window);
  g_assert_nonnull (question);
  g_assert_cmpuint (viva_question_get_number (question), ==, 1);
  g_assert_cmpstr (viva_question_get_text (question), ==, "Question 1, edited");
  g_assert_cmpstr (viva_topic_get_name (viva_question_get_topic (question)), ==, "Strings");
  g_assert_cmpuint (viva_bank_get_n_questions (viva_window_get_bank (test_window.window)), ==, 3);
  note = viva_notes_store_lookup_note (test_window.notes, VIVA_MY_QUESTIONS_ID, 1);
  g_assert_cmpstr (viva_note_get_text (note), ==, "My note on the first");
  g_assert_true (viva_note_get_starred (note));
  g_assert_true (viva_question_view_get_note (viva_window_get_question_view (test_window.window)) == note);

  viva_test_window_close (&test_window);
}

static void
test_delete_undo (void)
{
  VivaTestWindow test_window;
  VivaQuestion *question;
  VivaNote *note;

  viva_test_window_open (&test_window, NULL, 1000, 700);
  open_my_questions (&test_window, 3);
  note = viva_notes_store_get_note (test_window.notes, VIVA_MY_QUESTIONS_ID, 2);
  viva_note_set_text (note, "Kept when deleted");
  viva_window_show_question (test_window.window,
                             viva_bank_lookup_question (viva_window_get_bank (test_window.window), 2));

  /* Deleted without a question asked; the next one shows. */
  activate (test_window.window, "win.delete-question", g_variant_new_uint32 (0));
  wait_for_bank (test_window.window, VIVA_MY_QUESTIONS_ID, 2, FALSE);
  wait_for_toast (test_window.window, "Question 2 deleted");
  viva_test_save_screenshot (GTK_WIDGET (test_window.window), "question-deleted-toast");
  question = viva_window_get_question (test_window.window);
  g_assert_nonnull (question);
  g_assert_cmpuint (viva_question_get_number (question), ==, 3);
  g_assert_cmpstr (viva_note_get_text (viva_notes_store_lookup_note (test_window.notes, VIVA_MY_QUESTIONS_ID, 2)),
                   ==, "Kept when deleted");

  /* Undo: back, with its note. */
  activate (test_window.window, "win.restore-question", g_variant_new_uint32 (2));
  wait_for_bank (test_window.window, VIVA_MY_QUESTIONS_ID, 2, TRUE);
  question = viva_window_get_question (test_window.window);
  g_assert_cmpuint (viva_question_get_number (question), ==, 2);
  g_assert_cmpstr (viva_note_get_text (viva_question_view_get_note (viva_window_get_question_view (test_window.window))),
                   ==, "Kept when deleted");

  viva_test_window_close (&test_window);
}

static void
test_delete_last (void)
{
  VivaTestWindow test_window;

  viva_test_window_open (&test_window, NULL, 1000, 700);
  open_my_questions (&test_window, 1);

  /* Nothing left: the bundled bank opens, and Undo is offered. */
  activate (test_window.window, "win.delete-question", g_variant_new_uint32 (1));
  wait_for_toast (test_window.window, "Question 1 deleted");
  g_assert_cmpstr (viva_bank_get_id (viva_window_get_bank (test_window.window)), ==, VIVA_BUNDLED_BANK_ID);

  activate (test_window.window, "win.restore-question", g_variant_new_uint32 (1));
  wait_for_bank (test_window.window, VIVA_MY_QUESTIONS_ID, 1, TRUE);

  viva_test_window_close (&test_window);
}

static void
test_read_only_says_so (void)
{
  VivaTestWindow test_window;
  g_autofree char *outside = g_build_filename (g_get_user_data_dir (), "Q&A <theirs>.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (outside);
  g_autoptr(VivaBank) bank = NULL;
  g_autoptr(GError) error = NULL;
  VivaBank *bundled;

  viva_test_window_open (&test_window, NULL, 1000, 700);
  bundled = viva_window_get_bank (test_window.window);
  viva_window_show_question (test_window.window, viva_bank_lookup_question (bundled, 42));

  g_assert_true (viva_test_press_shortcut (GTK_WIDGET (test_window.window), "F2"));
  wait_for_toast (test_window.window, "Questions that came with Viva are read-only");
  viva_test_save_screenshot (GTK_WIDGET (test_window.window), "question-read-only-toast");
  g_assert_null (find_dialog ());
  activate (test_window.window, "win.delete-question", g_variant_new_uint32 (0));
  g_assert_true (viva_window_get_bank (test_window.window) == bundled);
  g_assert_nonnull (viva_bank_lookup_question (bundled, 42));

  /* A file Viva did not make: "import it", its name as written (a
   * toast's title is markup in libadwaita 1.2). */
  g_file_set_contents (outside, "## Level 1: Theirs\n\n**Question 1:** Theirs\n", -1, &error);
  g_assert_no_error (error);
  bank = viva_bank_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  viva_window_set_bank (test_window.window, bank);
  viva_window_show_question (test_window.window, viva_bank_lookup_question (bank, 1));
  activate (test_window.window, "win.edit-question", g_variant_new_uint32 (1));
  wait_for_toast (test_window.window, "“Q&A <theirs>.md” is read-only: import it to edit it");
  g_assert_null (find_dialog ());

  /* Opening a bank says its title as written. */
  {
    g_autofree char *mine = g_build_filename (g_get_user_data_dir (), "mine.md", NULL);
    g_autoptr(GFile) mine_file = g_file_new_for_path (mine);

    g_file_set_contents (mine, "# Q&A 1 < 2\n\n## Level 1: Mine\n\n**Question 1:** Mine\n", -1, &error);
    g_assert_no_error (error);
    viva_window_open_file (test_window.window, mine_file);
    wait_for_toast (test_window.window, "Opened “Q&A 1 < 2”: 1 question");
  }

  viva_test_window_close (&test_window);
}

int
main (int   argc,
      char *argv[])
{
  viva_test_init_ui (&argc, &argv);

  g_test_add_func ("/my-questions/new-from-bundled", test_new_from_bundled);
  g_test_add_func ("/my-questions/edit-keeps-note", test_edit_keeps_note);
  g_test_add_func ("/my-questions/delete-undo", test_delete_undo);
  g_test_add_func ("/my-questions/delete-last", test_delete_last);
  g_test_add_func ("/my-questions/read-only-says-so", test_read_only_says_so);

  return g_test_run ();
}
