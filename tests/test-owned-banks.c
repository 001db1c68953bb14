/* test-owned-banks.c
 *
 * The store of the user's own banks: where they live, which files are
 * the user's, the ids new banks get, and every edit (add, edit, delete,
 * restore) with the safety rules of the notes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "viva-bank.h"
#include "viva-owned-banks.h"

static void
test_default_dir (void)
{
  g_autofree char *dir = viva_owned_banks_dup_default_dir ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), APP_ID, "banks", NULL);

  g_assert_cmpstr (dir, ==, expected);
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
test_is_owned_file (void)
{
  g_autofree char *dir = viva_owned_banks_dup_default_dir ();
  g_autofree char *mine = g_build_filename (dir, "my-questions.md", NULL);
  g_autofree char *deleted_dir = g_build_filename (dir, "deleted", NULL);
  g_autofree char *deleted = g_build_filename (deleted_dir, "my-questions.md", NULL);
  g_autofree char *backup = g_build_filename (dir, "my-questions.md.bak", NULL);
  g_autofree char *outside_dir = g_build_filename (g_get_tmp_dir (), "owned-outside", NULL);
  g_autofree char *outside = g_build_filename (outside_dir, "bank.md", NULL);
  g_autofree char *link = g_build_filename (outside_dir, "link.md", NULL);
  g_autofree char *link_in = g_build_filename (dir, "link-out.md", NULL);
  g_autofree char *dir_link = g_build_filename (outside_dir, "banks-link", NULL);
  g_autofree char *via_dir_link = g_build_filename (dir_link, "my-questions.md", NULL);
  g_autofree char *dotdot = g_build_filename (deleted_dir, "..", "my-questions.md", NULL);
  g_autoptr(GFile) file = NULL;

  g_assert_cmpint (g_mkdir_with_parents (deleted_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (outside_dir, 0700), ==, 0);
  write_file (mine, "# My Questions\n");
  write_file (deleted, "# My Questions\n");
  write_file (backup, "# My Questions\n");
  write_file (outside, "# Elsewhere\n");
  g_assert_cmpint (symlink (mine, link), ==, 0);
  g_assert_cmpint (symlink (outside, link_in), ==, 0);
  g_assert_cmpint (symlink (dir, dir_link), ==, 0);

#define CHECK(path, expected) \
  G_STMT_START { \
    g_autoptr(GFile) f = g_file_new_for_path (path); \
    g_assert_cmpint (viva_owned_banks_is_owned_file (f), ==, expected); \
  } G_STMT_END

  CHECK (mine, TRUE);
  /* A bank not yet written is the user's too: My Questions before its first question. */
  {
    g_autofree char *future = g_build_filename (dir, "not-yet.md", NULL);
    CHECK (future, TRUE);
  }
  CHECK (deleted, FALSE);
  CHECK (backup, FALSE);
  CHECK (outside, FALSE);
  /* Links are followed to the file itself, either way. */
  CHECK (link, TRUE);
  CHECK (link_in, FALSE);
  CHECK (via_dir_link, TRUE);
  CHECK (dotdot, TRUE);
  CHECK ("/nonexistent-folder/bank.md", FALSE);

#undef CHECK

  g_assert_false (viva_owned_banks_is_owned_file (NULL));
  file = g_file_new_for_uri ("resource:///io/github/vivaprep/Viva/banks/python-interview-questions.md");
  g_assert_false (viva_owned_banks_is_owned_file (file));
}

static void
test_unique_id (void)
{
  g_autofree char *dir = g_build_filename (g_get_tmp_dir (), "unique-id", NULL);
  g_autofree char *deleted_dir = g_build_filename (dir, "deleted", NULL);
  g_autofree char *long_title = g_strnfill (200, 'x');
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;

  g_assert_cmpint (g_mkdir_with_parents (deleted_dir, 0700), ==, 0);

#define CHECK(title, expected) \
  G_STMT_START { \
    g_autofree char *got = viva_owned_banks_dup_unique_id (dir, title); \
    g_assert_cmpstr (got, ==, expected); \
  } G_STMT_END

  CHECK ("Python Interview Questions", "python-interview-questions-2");
  CHECK ("  Top 100 -- Python!  ", "top-100-python");
  CHECK ("Café & Crème", "cafe-creme");
  CHECK ("My Questions", "my-questions-2");
  CHECK ("日本語", "bank");
  CHECK ("", "bank");
  CHECK (NULL, "bank");
  CHECK ("../../etc/passwd", "etc-passwd");
  CHECK ("\xff\xfe not UTF-8", "bank");

  id = viva_owned_banks_dup_unique_id (dir, long_title);
  g_assert_cmpuint (strlen (id), ==, 64);

  /* Taken by a bank in the folder, or by one whose deleted questions remain. */
  path = g_build_filename (dir, "top-100-python.md", NULL);
  write_file (path, "# Top 100\n");
  CHECK ("Top 100 Python", "top-100-python-2");
  g_free (path);
  path = g_build_filename (dir, "top-100-python-2.md", NULL);
  write_file (path, "# Top 100\n");
  CHECK ("Top 100 Python", "top-100-python-3");
  g_free (path);
  path = g_build_filename (deleted_dir, "strings.md", NULL);
  write_file (path, "# Strings\n");
  CHECK ("Strings", "strings-2");

  /* The suffix fits within 64 bytes too. */
  g_free (path);
  path = g_strconcat (dir, G_DIR_SEPARATOR_S, id, ".md", NULL);
  write_file (path, "# x\n");
  g_free (id);
  id = viva_owned_banks_dup_unique_id (dir, long_title);
  g_assert_cmpuint (strlen (id), ==, 64);
  g_assert_true (g_str_has_suffix (id, "x-2"));

#undef CHECK
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/owned-banks/default-dir", test_default_dir);
  g_test_add_func ("/owned-banks/is-owned-file", test_is_owned_file);
  g_test_add_func ("/owned-banks/unique-id", test_unique_id);

  return g_test_run ();
}
