/* test-export-dialog.c
 *
 * Export… in the main window, under Xvfb: the dialog the menu's action
 * opens, its choices and their counts, the file each format writes, and
 * an error said in the dialog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "viva-bank.h"
#include "viva-export-dialog.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-question.h"
#include "viva-sidebar.h"
#include "viva-test-util.h"

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
  viva_test_window_open (&f->test_window, NULL, 1000, 700);
  f->window = f->test_window.window;
  f->dir = g_dir_make_tmp ("viva-export-XXXXXX", NULL);
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

static VivaExportDialog *
find_export_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (VIVA_IS_EXPORT_DIALOG (window))
        return VIVA_EXPORT_DIALOG (window);
    }

  return NULL;
}

/* Export… as the menu item does it, and the dialog it opens, on screen. */
static VivaExportDialog *
open_export_dialog (Fixture *f)
{
  VivaExportDialog *dialog;
  g_autoptr(GString) unnamed = g_string_new (NULL);

  g_assert_null (find_export_dialog ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-bank", NULL));
  dialog = find_export_dialog ();
  g_assert_nonnull (dialog);
  viva_test_wait_painted (GTK_WIDGET (dialog));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));

  viva_test_collect_unnamed_controls (GTK_WIDGET (dialog), unnamed);
  g_assert_cmpstr (unnamed->str, ==, "");

  return dialog;
}

static void
count_exported_cb (VivaExportDialog *dialog,
                   GFile            *file,
                   guint             n,
                   guint            *exported)
{
  *exported = n;
}

/* Exports through the hook the file chooser calls; the dialog closes. */
static char *
export_to (Fixture          *f,
           VivaExportDialog *dialog,
           const char       *name,
           guint             n_expected)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  guint exported = 0;

  g_signal_connect (dialog, "exported", G_CALLBACK (count_exported_cb), &exported);
  g_assert_true (viva_export_dialog_export_to (dialog, file, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (exported, ==, n_expected);
  viva_test_drain_main_loop ();
  g_assert_null (find_export_dialog ());

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (p[0] == '\r' && p[1] == '\n')
      n++;

  return n;
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  VivaNotesStore *notes = f->test_window.notes;
  VivaExportDialog *dialog;
  g_autofree char *all = NULL;
  g_autofree char *starred = NULL;
  g_autofree char *name = NULL;

  viva_note_set_starred (viva_notes_store_get_note (notes, VIVA_BUNDLED_BANK_ID, 42), TRUE);
  viva_note_set_text (viva_notes_store_get_note (notes, VIVA_BUNDLED_BANK_ID, 42), "Half-open, \"rog\"");
  viva_note_set_starred (viva_notes_store_get_note (notes, VIVA_BUNDLED_BANK_ID, 7), TRUE);

  dialog = open_export_dialog (f);
  g_assert_cmpuint (viva_export_dialog_get_n_which (dialog, VIVA_EXPORT_WHICH_ALL), ==, 415);
  g_assert_cmpuint (viva_export_dialog_get_n_which (dialog, VIVA_EXPORT_WHICH_STARRED), ==, 2);
  /* No search or filter is on. */
  g_assert_cmpuint (viva_export_dialog_get_n_which (dialog, VIVA_EXPORT_WHICH_SHOWN), ==, 0);
  viva_export_dialog_set_format (dialog, VIVA_EXPORT_FORMAT_CSV);
  name = viva_export_dialog_dup_suggested_name (dialog);
  g_assert_cmpstr (name, ==, VIVA_BUNDLED_BANK_ID ".csv");

  all = export_to (f, dialog, "all.csv", 415);
  g_assert_cmpuint (count_lines (all), ==, 1 + 415);
  g_assert_nonnull (strstr (all, "\"Half-open, \"\"rog\"\"\""));

  dialog = open_export_dialog (f);
  viva_export_dialog_set_format (dialog, VIVA_EXPORT_FORMAT_CSV);
  viva_export_dialog_set_which (dialog, VIVA_EXPORT_WHICH_STARRED);
  starred = export_to (f, dialog, "starred.csv", 2);
  g_assert_cmpuint (count_lines (starred), ==, 1 + 2);
  g_assert_nonnull (strstr (starred, "\r\n7,"));
  g_assert_nonnull (strstr (starred, "\r\n42,"));
}

static void
test_anki (Fixture       *f,
           gconstpointer  data)
{
  VivaNotesStore *notes = f->test_window.notes;
  VivaExportDialog *dialog;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  viva_note_set_starred (viva_notes_store_get_note (notes, VIVA_BUNDLED_BANK_ID, 42), TRUE);
  viva_note_set_text (viva_notes_store_get_note (notes, VIVA_BUNDLED_BANK_ID, 42), "Half-open");

  /* Anki is the first format, and chosen. */
  dialog = open_export_dialog (f);
  name = viva_export_dialog_dup_suggested_name (dialog);
  g_assert_cmpstr (name, ==, VIVA_BUNDLED_BANK_ID ".txt");
  viva_test_save_screenshot (GTK_WIDGET (dialog), "export-dialog");
  viva_export_dialog_set_which (dialog, VIVA_EXPORT_WHICH_STARRED);
  text = export_to (f, dialog, name, 1);

  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6 + 1 + 1);
  g_assert_cmpstr (lines[0], ==, "#separator:tab");
  g_assert_cmpstr (lines[1], ==, "#html:true");
  g_assert_cmpstr (lines[2], ==, "#notetype:Basic");
  g_assert_cmpstr (lines[3], ==, "#deck:Python Interview Questions: 1-1000");
  g_assert_cmpstr (lines[4], ==, "#columns:Front\tBack\tTags");
  g_assert_cmpstr (lines[5], ==, "#tags column:3");
  /* Question 42, its note on the back, its level, topic and star. */
  g_assert_true (g_str_has_prefix (lines[6], "Given <code>s = &quot;Programming&quot;</code>"));
  g_assert_nonnull (strstr (lines[6], "\t<p>Half-open</p>\t"));
  g_assert_true (g_str_has_suffix (lines[6], "\tLevel_1_Beginner::Strings starred"));
  g_assert_cmpstr (lines[7], ==, "");
}

static void
test_markdown (Fixture       *f,
               gconstpointer  data)
{
  VivaNotesStore *notes = f->test_window.notes;
  VivaExportDialog *dialog;
  g_autofree char *with = NULL;
  g_autofree char *without = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = g_build_filename (f->dir, "with.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(VivaBank) reopened = NULL;
  g_autoptr(GError) error = NULL;

  viva_note_set_text (viva_notes_store_get_note (notes, VIVA_BUNDLED_BANK_ID, 42), "My note on slicing");

  dialog = open_export_dialog (f);
  viva_export_dialog_set_format (dialog, VIVA_EXPORT_FORMAT_MARKDOWN);
  name = viva_export_dialog_dup_suggested_name (dialog);
  g_assert_cmpstr (name, ==, VIVA_BUNDLED_BANK_ID ".md");
  with = export_to (f, dialog, "with.md", 415);
  g_assert_nonnull (strstr (with, "**Notes:**\n\nMy note on slicing"));

  /* Viva opens it as the same 415 questions. */
  reopened = viva_bank_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (viva_bank_get_n_questions (reopened), ==, 415);

  /* "Include My Notes" off: none. */
  dialog = open_export_dialog (f);
  viva_export_dialog_set_format (dialog, VIVA_EXPORT_FORMAT_MARKDOWN);
  viva_export_dialog_set_include_notes (dialog, FALSE);
  without = export_to (f, dialog, "without.md", 415);
  g_assert_null (strstr (without, "My note on slicing"));
}

static void
test_filtered_count (Fixture       *f,
                     gconstpointer  data)
{
  VivaSidebar *sidebar = viva_window_get_sidebar (f->window);
  g_autoptr(GPtrArray) shown = NULL;
  VivaExportDialog *dialog;
  g_autofree char *csv = NULL;

  viva_sidebar_set_filter_text (sidebar, "list");
  viva_test_drain_main_loop ();
  shown = viva_sidebar_dup_shown_questions (sidebar);
  g_assert_nonnull (shown);
  g_assert_cmpuint (shown->len, >, 0);
  g_assert_cmpuint (shown->len, <, 415);

  dialog = open_export_dialog (f);
  g_assert_cmpuint (viva_export_dialog_get_n_which (dialog, VIVA_EXPORT_WHICH_SHOWN), ==, shown->len);
  viva_export_dialog_set_format (dialog, VIVA_EXPORT_FORMAT_CSV);
  viva_export_dialog_set_which (dialog, VIVA_EXPORT_WHICH_SHOWN);
  csv = export_to (f, dialog, "shown.csv", shown->len);
  g_assert_cmpuint (count_lines (csv), ==, 1 + shown->len);
  for (guint i = 0; i < shown->len; i++)
    {
      g_autofree char *row = g_strdup_printf ("\r\n%u,", viva_question_get_number (g_ptr_array_index (shown, i)));

      g_assert_nonnull (strstr (csv, row));
    }

  /* The search ended: nothing is "shown" by it any more. */
  viva_sidebar_set_filter_text (sidebar, "");
  viva_test_drain_main_loop ();
  g_assert_null (viva_sidebar_dup_shown_questions (sidebar));
}

static void
test_error_shown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "no-such-folder", "bank.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  VivaExportDialog *dialog = open_export_dialog (f);

  g_assert_null (viva_export_dialog_get_error (dialog));
  g_assert_false (viva_export_dialog_export_to (dialog, file, &error));
  g_assert_nonnull (error);
  /* Said in the dialog, which stays open for another try. */
  g_assert_nonnull (strstr (viva_export_dialog_get_error (dialog), "“bank.csv”"));
  g_assert_nonnull (strstr (viva_export_dialog_get_error (dialog), error->message));
  viva_test_drain_main_loop ();
  g_assert_true (find_export_dialog () == dialog);
  viva_test_save_screenshot (GTK_WIDGET (dialog), "export-dialog-error");
  gtk_window_close (GTK_WINDOW (dialog));
  viva_test_drain_main_loop ();
  g_assert_null (find_export_dialog ());
}

int
main (int   argc,
      char *argv[])
{
  viva_test_init_ui (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/export-dialog/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("anki", test_anki);
  ADD ("csv", test_csv);
  ADD ("markdown", test_markdown);
  ADD ("filtered-count", test_filtered_count);
  ADD ("error-shown", test_error_shown);
#undef ADD

  return g_test_run ();
}
