/* test-import-dialog.c
 *
 * Import… as a user meets it: a file of each shape through the preview
 * (what it says it found), Import, and the window then studying the
 * imported bank, saved in the data dir; a file in no known shape says
 * what was looked for; Cancel while a large file is read leaves nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "viva-bank.h"
#include "viva-import-dialog.h"
#include "viva-owned-banks.h"
#include "viva-test-util.h"

typedef struct
{
  const char *fixture;
  guint       n_questions;
  const char *summary;      /* a part of what the preview says */
  const char *first;        /* the first question as the preview shows it */
} ShapeCase;

static const ShapeCase shape_cases[] = {
  { "numbered-headings.md", 5, "5 questions in 1 level, 4 with answers, read as numbered headings.",
    "1. What are the main uses of a list in Python?" },
  { "prefixed-q.md", 4, "read as headings starting with Q", "1. What is PEP 8?" },
  { "prefixed-q-numbered.md", 4, "in 1 level and 2 topics, 4 with answers", "1. What is Python? (Easy)" },
  { "details.md", 5, "in 2 levels and 3 topics, 4 with answers, read as <details> blocks", NULL },
  { "list-numbered.md", 5, "0 with answers, read as a list", "1. What is a list comprehension?" },
  { "list-bulleted.md", 5, "read as a list", "1. What is a variable?" },
  { "nested-sections.md", 5, "in 2 levels and 3 topics", "1. How do you join strings?" },
  { "viva-format.md", 3, "read as a Viva question bank", "3. How do you make a string upper case?" },
  { "with-header.csv", 3, "read as CSV", "10. What is a list?" },
  { "quoted.csv", 2, "read as CSV", NULL },
  { "bom.csv", 2, "read as CSV", "1. What is PEP 8?" },
  { "questions.tsv", 2, "read as TSV", "1. What is a list?" },
  { "anki-export.txt", 2, "2 with answers, read as Anki’s text export", "1. What is len()?" },
  { "anki-columns.txt", 2, "read as Anki’s text export", "1. What is a slice?" },
  { "mixed-line-endings.md", 3, "read as numbered headings", "1. What is a CR?" },
};

static VivaImportDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (VIVA_IS_IMPORT_DIALOG (item))
        return VIVA_IMPORT_DIALOG (item);
    }

  return NULL;
}

static gboolean
dialog_left_reading (gpointer data)
{
  VivaImportDialog *dialog = find_dialog ();

  return dialog != NULL && g_strcmp0 (viva_import_dialog_get_page (dialog), "reading") != 0;
}

static gboolean
no_dialog (gpointer data)
{
  return find_dialog () == NULL;
}

static gboolean
is_button_labelled (GtkWidget  *widget,
                    const char *label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_row_titled (GtkWidget  *widget,
               const char *title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_status_page (GtkWidget  *widget,
                const char *unused)
{
  return ADW_IS_STATUS_PAGE (widget);
}

typedef struct
{
  VivaWindow *window;
  guint       n_questions;
} BankWait;

static gboolean
bank_imported (gpointer data)
{
  BankWait *wait = data;
  VivaBank *bank = viva_window_get_bank (wait->window);
  GFile *file;

  if (bank == NULL || viva_bank_get_n_questions (bank) != wait->n_questions)
    return FALSE;

  file = viva_bank_get_file (bank);

  return file != NULL && viva_owned_banks_is_owned_file (file);
}

static guint
count_banks (void)
{
  g_autofree char *dir = viva_owned_banks_dup_default_dir ();
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_suffix (name, ".md"))
      n++;

  return n;
}

static GFile *
fixture_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);

  return g_file_new_for_path (path);
}

static void
test_shape (gconstpointer data)
{
  const ShapeCase *shape = data;
  VivaTestWindow test_window = { 0 };
  g_autoptr(GFile) file = fixture_file (shape->fixture);
  g_autoptr(GString) unnamed = g_string_new (NULL);
  g_autofree char *shot = NULL;
  VivaImportDialog *dialog;
  GtkWidget *import;
  BankWait wait;

  viva_test_window_open (&test_window, NULL, 1000, 700);
  g_assert_cmpuint (count_banks (), ==, 0);

  viva_window_import_file (test_window.window, file);
  viva_test_wait_until (dialog_left_reading, NULL, VIVA_TEST_WAIT_LIMIT_USEC, "the preview");
  dialog = find_dialog ();
  g_assert_cmpstr (viva_import_dialog_get_page (dialog), ==, "preview");
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  if (strstr (viva_import_dialog_get_summary (dialog), shape->summary) == NULL)
    g_error ("the preview says “%s”, not “%s”", viva_import_dialog_get_summary (dialog), shape->summary);
  if (shape->first != NULL)
    g_assert_nonnull (viva_test_find_widget (GTK_WIDGET (dialog), is_row_titled, shape->first));

  viva_test_wait_mapped (GTK_WIDGET (dialog));
  viva_test_collect_unnamed_controls (GTK_WIDGET (dialog), unnamed);
  g_assert_cmpstr (unnamed->str, ==, "");
  shot = g_strdup_printf ("import-%s", shape->fixture);
  viva_test_save_screenshot (GTK_WIDGET (dialog), shot);

  /* Nothing is written before Import. */
  g_assert_cmpuint (count_banks (), ==, 0);

  import = viva_test_find_widget (GTK_WIDGET (dialog), is_button_labelled, "Import");
  g_assert_true (gtk_widget_get_sensitive (import));
  g_signal_emit_by_name (import, "clicked");

  wait.window = test_window.window;
  wait.n_questions = shape->n_questions;
  viva_test_wait_until (bank_imported, &wait, VIVA_TEST_WAIT_LIMIT_USEC, "the imported bank");
  viva_test_wait_until (no_dialog, NULL, VIVA_TEST_WAIT_LIMIT_USEC, "the dialog closed");
  g_assert_cmpuint (count_banks (), ==, 1);

  viva_test_window_close (&test_window);
}

static void
test_unrecognised (void)
{
  VivaTestWindow test_window = { 0 };
  g_autoptr(GFile) file = fixture_file ("not-a-question-list.md");
  VivaImportDialog *dialog;
  GtkWidget *import;
  GtkWidget *page;
  VivaBank *before;

  viva_test_window_open (&test_window, NULL, 1000, 700);
  before = viva_window_get_bank (test_window.window);

  viva_window_import_file (test_window.window, file);
  viva_test_wait_until (dialog_left_reading, NULL, VIVA_TEST_WAIT_LIMIT_USEC, "the message");
  dialog = find_dialog ();
  g_assert_cmpstr (viva_import_dialog_get_page (dialog), ==, "error");

  /* The message says what was looked for; Import is not offered. */
  page = viva_test_find_widget (GTK_WIDGET (dialog), is_status_page, NULL);
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)),
                            "&lt;details&gt; blocks, a list, or CSV/TSV with a question column"));
  import = viva_test_find_widget (GTK_WIDGET (dialog), is_button_labelled, "Import");
  g_assert_false (gtk_widget_get_sensitive (import));
  viva_test_save_screenshot (GTK_WIDGET (dialog), "import-unrecognised");

  g_assert_nonnull (viva_test_find_widget (GTK_WIDGET (dialog), is_button_labelled, "Close"));
  gtk_window_close (GTK_WINDOW (dialog));
  viva_test_wait_until (no_dialog, NULL, VIVA_TEST_WAIT_LIMIT_USEC, "the dialog closed");
  g_assert_true (viva_window_get_bank (test_window.window) == before);
  g_assert_cmpuint (count_banks (), ==, 0);

  viva_test_window_close (&test_window);
}

static void
test_cancel (void)
{
  VivaTestWindow test_window = { 0 };
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "large.md", NULL);
  g_autoptr(GString) data = g_string_new ("# Large\n\n");
  g_autoptr(GFile) file = NULL;
  VivaImportDialog *dialog;
  GtkWidget *cancel;

  for (guint i = 1; data->len < 10 * 1024 * 1024; i++)
    g_string_append_printf (data, "## %u. What does function %u return?\n\nThe same value, twice.\n\n", i, i);
  g_assert_true (g_file_set_contents (path, data->str, data->len, NULL));
  file = g_file_new_for_path (path);

  viva_test_window_open (&test_window, NULL, 1000, 700);
  viva_window_import_file (test_window.window, file);

  /* Reading happens in a worker: the dialog shows its progress first. */
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (viva_import_dialog_get_page (dialog), ==, "reading");
  viva_test_wait_mapped (GTK_WIDGET (dialog));
  viva_test_save_screenshot (GTK_WIDGET (dialog), "import-reading");

  cancel = viva_test_find_widget (GTK_WIDGET (dialog), is_button_labelled, "Cancel");
  g_signal_emit_by_name (cancel, "clicked");
  viva_test_wait_until (no_dialog, NULL, VIVA_TEST_WAIT_LIMIT_USEC, "the dialog closed");
  viva_test_drain_main_loop ();

  g_assert_cmpuint (count_banks (), ==, 0);

  viva_test_window_close (&test_window);
}

typedef struct
{
  gint64 last;
  gint64 longest;
} Stall;

static gboolean
tick_cb (gpointer user_data)
{
  Stall *stall = user_data;
  gint64 now = g_get_monotonic_time ();

  if (stall->last > 0)
    stall->longest = MAX (stall->longest, now - stall->last);
  stall->last = now;

  return G_SOURCE_CONTINUE;
}

/* -m perf: the longest the main loop is held while a 10 MB list is read,
 * recognised and saved: the gap between two runs of a 10 ms timeout. A
 * figure for the README, not an assertion (the machines are noisy). */
static void
test_main_loop_stall (void)
{
  VivaTestWindow test_window = { 0 };
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "stall.md", NULL);
  g_autoptr(GString) data = g_string_new ("# Stall\n\n");
  g_autoptr(GFile) file = NULL;
  Stall stall = { 0, 0 };
  GtkWidget *import;
  BankWait wait;
  guint tick;
  guint n = 0;

  if (!g_test_perf ())
    {
      g_test_skip ("a figure: run with -m perf");
      return;
    }

  while (data->len < 10 * 1024 * 1024)
    {
      n++;
      g_string_append_printf (data, "## %u. What does function %u return?\n\nThe same value:\n\n"
                              "```python\ndef f%u(x):\n    return x\n```\n\n", n, n, n);
    }
  g_assert_true (g_file_set_contents (path, data->str, data->len, NULL));
  file = g_file_new_for_path (path);

  viva_test_window_open (&test_window, NULL, 1000, 700);
  tick = g_timeout_add (10, tick_cb, &stall);

  viva_window_import_file (test_window.window, file);
  viva_test_wait_until (dialog_left_reading, NULL, 120 * G_USEC_PER_SEC, "the preview");
  g_test_minimized_result (stall.longest / 1000.0, "longest main-loop gap while reading: %.1f ms",
                           stall.longest / 1000.0);

  import = viva_test_find_widget (GTK_WIDGET (find_dialog ()), is_button_labelled, "Import");
  g_signal_emit_by_name (import, "clicked");
  wait.window = test_window.window;
  wait.n_questions = n;
  viva_test_wait_until (bank_imported, &wait, 120 * G_USEC_PER_SEC, "the imported bank");
  g_test_minimized_result (stall.longest / 1000.0, "longest main-loop gap until the bank is open: %.1f ms",
                           stall.longest / 1000.0);

  g_source_remove (tick);
  viva_test_window_close (&test_window);
}

int
main (int   argc,
      char *argv[])
{
  viva_test_init_ui (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (shape_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import-dialog/shape/%s", shape_cases[i].fixture);

      g_test_add_data_func (path, &shape_cases[i], test_shape);
    }
  g_test_add_func ("/import-dialog/unrecognised", test_unrecognised);
  g_test_add_func ("/import-dialog/cancel", test_cancel);
  g_test_add_func ("/import-dialog/main-loop-stall", test_main_loop_stall);

  return g_test_run ();
}
