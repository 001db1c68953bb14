/* test-bank-library.c
 *
 * The bank library behind Open Recent: what it remembers, in which
 * order, how many, the bundled bank always there, files that went, what
 * it says of each bank, and values of its key no Viva wrote.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "viva-bank.h"
#include "viva-bank-library.h"
#include "viva-note.h"
#include "viva-notes-store-private.h"
#include "viva-notes-store.h"
#include "viva-owned-banks.h"

typedef struct
{
  GSettings       *settings;
  VivaBankLibrary *library;
  char            *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "bank-library");
  f->library = viva_bank_library_new (f->settings);
  f->dir = g_dir_make_tmp ("viva-library-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_assert_finalize_object (f->library);
  g_clear_object (&f->settings);
}

/* A bank file of @n questions titled @title, written in the fixture's
 * folder as @name, and opened. */
static VivaBank *
write_bank (Fixture    *f,
            const char *name,
            const char *title,
            guint       n)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  VivaBank *bank;

  g_string_append_printf (text, "# %s\n\n## Level 1: Basics\n\n", title);
  for (guint i = 1; i <= n; i++)
    g_string_append_printf (text, "**Question %u:** What is %u?\n\n", i, i);
  g_assert_true (g_file_set_contents (path, text->str, -1, &error));
  g_assert_no_error (error);

  bank = viva_bank_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bank);

  return bank;
}

static VivaBankLibraryEntry *
entry_at (GPtrArray *entries,
          guint      index)
{
  g_assert_cmpuint (index, <, entries->len);

  return g_ptr_array_index (entries, index);
}

static void
count_changed_cb (VivaBankLibrary *library,
                  guint           *count)
{
  (*count)++;
}

static void
test_remember (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(VivaBank) bank = write_bank (f, "algorithms.md", "Algorithms", 3);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(VivaBankLibrary) other = viva_bank_library_new (f->settings);
  g_autofree char *path = g_file_get_path (viva_bank_get_file (bank));
  VivaBankLibraryEntry *entry;
  guint changed = 0;
  gint64 before = g_get_real_time ();

  g_signal_connect (f->library, "changed", G_CALLBACK (count_changed_cb), &changed);
  viva_bank_library_remember (f->library, bank);
  g_assert_cmpuint (changed, ==, 1);

  /* Read back by another library on the same settings, as a second
   * window or a restart would. */
  entries = viva_bank_library_list (other);
  g_assert_cmpuint (entries->len, ==, 2);
  entry = entry_at (entries, 0);
  g_assert_cmpstr (entry->path, ==, path);
  g_assert_cmpstr (entry->id, ==, "algorithms");
  g_assert_cmpstr (entry->title, ==, "Algorithms");
  g_assert_cmpuint (entry->n_questions, ==, 3);
  g_assert_cmpint (entry->last_opened, >=, before);
  g_assert_cmpint (entry->kind, ==, VIVA_BANK_KIND_OPENED);
  g_assert_false (entry->missing);

  /* Remembered twice: one entry, the count as it is now. */
  g_clear_object (&bank);
  bank = write_bank (f, "algorithms.md", "Algorithms", 5);
  viva_bank_library_remember (f->library, bank);
  again = viva_bank_library_list (f->library);
  g_assert_cmpuint (again->len, ==, 2);
  g_assert_cmpuint (entry_at (again, 0)->n_questions, ==, 5);

  /* Forgotten, and forgetting what is not there changes nothing. */
  changed = 0;
  viva_bank_library_forget (f->library, path);
  g_assert_cmpuint (changed, ==, 1);
  viva_bank_library_forget (f->library, "/nowhere/at/all.md");
  g_assert_cmpuint (changed, ==, 1);
  g_clear_pointer (&again, g_ptr_array_unref);
  again = viva_bank_library_list (f->library);
  g_assert_cmpuint (again->len, ==, 1);
  g_assert_null (entry_at (again, 0)->path);

  g_assert_finalize_object (g_steal_pointer (&other));
}

static void
test_order_and_cap (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(VivaBank) first = NULL;

  for (guint i = 0; i < VIVA_BANK_LIBRARY_MAX + 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("bank-%02u.md", i);
      g_autofree char *title = g_strdup_printf ("Bank %u", i);
      g_autoptr(VivaBank) bank = write_bank (f, name, title, 1);

      viva_bank_library_remember (f->library, bank);
      if (i == 10)
        first = g_object_ref (bank);
    }

  entries = viva_bank_library_list (f->library);
  /* The 30 most recent files, then the bundled bank, never dropped. */
  g_assert_cmpuint (entries->len, ==, VIVA_BANK_LIBRARY_MAX + 1);
  for (guint i = 0; i < VIVA_BANK_LIBRARY_MAX; i++)
    {
      g_autofree char *title = g_strdup_printf ("Bank %u", VIVA_BANK_LIBRARY_MAX + 4 - i);

      g_assert_cmpstr (entry_at (entries, i)->title, ==, title);
    }
  g_assert_null (entry_at (entries, VIVA_BANK_LIBRARY_MAX)->path);

  /* Opened again: first, the others in the same order behind it. */
  viva_bank_library_remember (f->library, first);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = viva_bank_library_list (f->library);
  g_assert_cmpuint (entries->len, ==, VIVA_BANK_LIBRARY_MAX + 1);
  g_assert_cmpstr (entry_at (entries, 0)->title, ==, "Bank 10");
  g_assert_cmpstr (entry_at (entries, 1)->title, ==, "Bank 34");
  g_assert_cmpstr (entry_at (entries, 2)->title, ==, "Bank 33");
}

static void
test_bundled_always (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaBank) bundled = viva_bank_new_bundled (&error);
  g_autoptr(VivaBank) bank = write_bank (f, "mine.md", "Mine", 2);
  g_autoptr(GPtrArray) entries = NULL;
  VivaBankLibraryEntry *entry;

  g_assert_no_error (error);

  /* Never opened: listed all the same, with its id. */
  entries = viva_bank_library_list (f->library);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = entry_at (entries, 0);
  g_assert_null (entry->path);
  g_assert_cmpstr (entry->id, ==, VIVA_BUNDLED_BANK_ID);
  g_assert_cmpint (entry->kind, ==, VIVA_BANK_KIND_BUNDLED);
  g_assert_false (entry->missing);

  /* Opened: in its place by time, with its own title and count. */
  viva_bank_library_remember (f->library, bundled);
  viva_bank_library_remember (f->library, bank);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = viva_bank_library_list (f->library);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (entry_at (entries, 0)->title, ==, "Mine");
  entry = entry_at (entries, 1);
  g_assert_null (entry->path);
  g_assert_cmpstr (entry->title, ==, viva_bank_get_title (bundled));
  g_assert_cmpuint (entry->n_questions, ==, 415);

  /* Forgetting it only sends it back to the end. */
  viva_bank_library_remember (f->library, bundled);
  viva_bank_library_forget (f->library, "");
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = viva_bank_library_list (f->library);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (entry_at (entries, 0)->title, ==, "Mine");
  g_assert_null (entry_at (entries, 1)->path);
}

static void
test_missing (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(VivaBank) bank = write_bank (f, "gone.md", "Gone", 2);
  g_autofree char *path = g_file_get_path (viva_bank_get_file (bank));
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *description = NULL;

  viva_bank_library_remember (f->library, bank);
  g_assert_cmpint (g_unlink (path), ==, 0);

  entries = viva_bank_library_list (f->library);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (entry_at (entries, 0)->path, ==, path);
  g_assert_true (entry_at (entries, 0)->missing);
  description = viva_bank_library_describe (entry_at (entries, 0), NULL);
  g_assert_cmpstr (description, ==, "missing");

  /* A folder where the file was is no bank either. */
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = viva_bank_library_list (f->library);
  g_assert_true (entry_at (entries, 0)->missing);
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static void
test_describe (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *notes_path = g_build_filename (f->dir, "notes.json", NULL);
  g_autoptr(VivaNotesStore) notes = viva_notes_store_new (notes_path);
  g_autoptr(VivaBank) bank = write_bank (f, "five.md", "Five", 5);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *none = NULL;
  g_autofree char *some = NULL;
  g_autofree char *capped = NULL;

  g_assert_true (viva_notes_store_load (notes, &error));
  g_assert_no_error (error);
  viva_notes_store_set_autosave_delay (notes, 60 * 1000);

  viva_bank_library_remember (f->library, bank);
  entries = viva_bank_library_list (f->library);

  plain = viva_bank_library_describe (entry_at (entries, 0), NULL);
  g_assert_cmpstr (plain, ==, "5 questions");
  none = viva_bank_library_describe (entry_at (entries, 0), notes);
  g_assert_cmpstr (none, ==, "5 questions");

  viva_note_set_status (viva_notes_store_get_note (notes, "five", 1), VIVA_STATUS_CONFIDENT);
  viva_note_set_status (viva_notes_store_get_note (notes, "five", 2), VIVA_STATUS_CONFIDENT);
  viva_note_set_status (viva_notes_store_get_note (notes, "five", 3), VIVA_STATUS_LEARNING);
  /* Another bank's notes are not this one's progress. */
  viva_note_set_status (viva_notes_store_get_note (notes, "other", 4), VIVA_STATUS_CONFIDENT);
  some = viva_bank_library_describe (entry_at (entries, 0), notes);
  g_assert_cmpstr (some, ==, "5 questions · 2 confident, 1 learning");

  /* Notes kept for questions the bank no longer has: never more than
   * the bank holds. */
  for (guint i = 4; i <= 9; i++)
    viva_note_set_status (viva_notes_store_get_note (notes, "five", i), VIVA_STATUS_LEARNING);
  capped = viva_bank_library_describe (entry_at (entries, 0), notes);
  g_assert_cmpstr (capped, ==, "5 questions · 2 confident, 3 learning");

  g_assert_true (viva_notes_store_flush (notes, &error));
  g_assert_no_error (error);
}

/* Whose each bank is: the bundled one, My Questions and imported banks
 * in the user's banks folder, and files opened where they are. */
static void
test_kinds (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *dir = viva_owned_banks_dup_default_dir ();
  g_autofree char *mine_path = g_build_filename (dir, VIVA_MY_QUESTIONS_ID ".md", NULL);
  g_autofree char *imported_path = g_build_filename (dir, "imported.md", NULL);
  g_autoptr(GFile) mine_file = g_file_new_for_path (mine_path);
  g_autoptr(GFile) imported_file = g_file_new_for_path (imported_path);
  g_autoptr(VivaBank) opened = write_bank (f, "opened.md", "Opened", 1);
  g_autoptr(VivaBank) mine = NULL;
  g_autoptr(VivaBank) imported = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = "# Mine\n\n## Level 1: Asked\n\n**Question 1:** Why?\n";

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (mine_path, text, -1, &error));
  g_assert_true (g_file_set_contents (imported_path, text, -1, &error));
  g_assert_no_error (error);
  mine = viva_bank_new_from_file (mine_file, NULL, &error);
  g_assert_no_error (error);
  imported = viva_bank_new_from_file (imported_file, NULL, &error);
  g_assert_no_error (error);

  viva_bank_library_remember (f->library, opened);
  viva_bank_library_remember (f->library, imported);
  viva_bank_library_remember (f->library, mine);

  entries = viva_bank_library_list (f->library);
  g_assert_cmpuint (entries->len, ==, 4);
  g_assert_cmpstr (entry_at (entries, 0)->id, ==, VIVA_MY_QUESTIONS_ID);
  g_assert_cmpint (entry_at (entries, 0)->kind, ==, VIVA_BANK_KIND_MINE);
  g_assert_cmpstr (entry_at (entries, 1)->id, ==, "imported");
  g_assert_cmpint (entry_at (entries, 1)->kind, ==, VIVA_BANK_KIND_IMPORTED);
  g_assert_cmpstr (entry_at (entries, 2)->id, ==, "opened");
  g_assert_cmpint (entry_at (entries, 2)->kind, ==, VIVA_BANK_KIND_OPENED);
  g_assert_cmpint (entry_at (entries, 3)->kind, ==, VIVA_BANK_KIND_BUNDLED);

  g_unlink (mine_path);
  g_unlink (imported_path);
}

/* The key as another program may have written it: relative paths, empty
 * ids, a path twice, times before 1970, more entries than the cap. None
 * of it is listed, and none of it aborts. (GVariant strings are always
 * valid UTF-8.) */
static void
test_untrusted (Fixture       *f,
                gconstpointer  data)
{
  GVariantBuilder builder;
  g_autoptr(GPtrArray) entries = NULL;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sssux)"));
  g_variant_builder_add (&builder, "(sssux)", "relative/bank.md", "bank", "Relative", 3, (gint64) 1);
  g_variant_builder_add (&builder, "(sssux)", "/tmp/no-id.md", "", "No id", 3, (gint64) 1);
  g_variant_builder_add (&builder, "(sssux)", "/tmp/twice.md", "twice", "Twice", 3, (gint64) -5);
  g_variant_builder_add (&builder, "(sssux)", "/tmp/twice.md", "twice", "Twice again", 3, (gint64) 1);
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *path = g_strdup_printf ("/tmp/many-%u.md", i);

      g_variant_builder_add (&builder, "(sssux)", path, "many", "Many", G_MAXUINT32, G_MAXINT64);
    }
  g_settings_set_value (f->settings, "bank-library", g_variant_builder_end (&builder));

  entries = viva_bank_library_list (f->library);
  g_assert_cmpuint (entries->len, ==, VIVA_BANK_LIBRARY_MAX + 1);
  g_assert_cmpstr (entry_at (entries, 0)->title, ==, "Twice");
  g_assert_cmpint (entry_at (entries, 0)->last_opened, ==, 0);
  g_assert_true (entry_at (entries, 0)->missing);
  g_assert_cmpstr (entry_at (entries, 1)->path, ==, "/tmp/many-0.md");
  g_assert_null (entry_at (entries, VIVA_BANK_LIBRARY_MAX)->path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/bank-library/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("remember", test_remember);
  ADD ("order-and-cap", test_order_and_cap);
  ADD ("bundled-always", test_bundled_always);
  ADD ("missing", test_missing);
  ADD ("describe", test_describe);
  ADD ("kinds", test_kinds);
  ADD ("untrusted", test_untrusted);
#undef ADD

  return g_test_run ();
}
