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
#include "viva-level.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-owned-banks-private.h"
#include "viva-question.h"
#include "viva-topic.h"

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
  g_autofree char *outside_dir = g_build_filename (g_get_home_dir (), "owned-outside", NULL);
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
  g_autofree char *dir = g_build_filename (g_get_home_dir (), "unique-id", NULL);
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


typedef struct
{
  GAsyncResult *result;
  char         *problem;
} Waiter;

static void
got_result (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = g_object_ref (result);
}

static void
got_problem (VivaOwnedBanks *owned,
             const char     *message,
             gpointer        user_data)
{
  Waiter *waiter = user_data;

  g_free (waiter->problem);
  waiter->problem = g_strdup (message);
}

static void
wait_for (Waiter *waiter)
{
  while (waiter->result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
waiter_clear (Waiter *waiter)
{
  g_clear_object (&waiter->result);
  g_clear_pointer (&waiter->problem, g_free);
}

static VivaQuestionDraft
make_draft (const char *level_name,
            const char *topic,
            const char *text)
{
  VivaQuestionDraft draft = { 0 };

  draft.level_name = g_strdup (level_name);
  draft.topic = g_strdup (topic);
  draft.text = g_strdup (text);

  return draft;
}

/* Adds @text to @path (NULL: My Questions); returns the bank and the
 * number, or NULL with @error. */
static VivaBank *
add_question (VivaOwnedBanks  *owned,
              const char      *path,
              const char      *level_name,
              const char      *topic,
              const char      *text,
              guint           *out_number,
              GError         **error)
{
  VivaQuestionDraft draft = make_draft (level_name, topic, text);
  Waiter waiter = { 0 };
  VivaBank *bank;

  viva_owned_banks_add_question_async (owned, path, &draft, NULL, got_result, &waiter);
  viva_question_draft_clear (&draft);
  wait_for (&waiter);
  bank = viva_owned_banks_add_question_finish (owned, waiter.result, out_number, error);
  waiter_clear (&waiter);

  return bank;
}

static VivaBank *
edit_question (VivaOwnedBanks  *owned,
               const char      *path,
               guint            number,
               const char      *level_name,
               const char      *topic,
               const char      *text,
               GError         **error)
{
  VivaQuestionDraft draft = make_draft (level_name, topic, text);
  Waiter waiter = { 0 };
  VivaBank *bank;

  viva_owned_banks_edit_question_async (owned, path, number, &draft, NULL, got_result, &waiter);
  viva_question_draft_clear (&draft);
  wait_for (&waiter);
  bank = viva_owned_banks_edit_question_finish (owned, waiter.result, error);
  waiter_clear (&waiter);

  return bank;
}

static VivaBank *
delete_question (VivaOwnedBanks  *owned,
                 const char      *path,
                 guint            number,
                 GError         **error)
{
  Waiter waiter = { 0 };
  VivaBank *bank;

  viva_owned_banks_delete_question_async (owned, path, number, NULL, got_result, &waiter);
  wait_for (&waiter);
  bank = viva_owned_banks_delete_question_finish (owned, waiter.result, error);
  waiter_clear (&waiter);

  return bank;
}

static VivaBank *
restore_question (VivaOwnedBanks  *owned,
                  const char      *path,
                  guint            number,
                  GError         **error)
{
  Waiter waiter = { 0 };
  VivaBank *bank;

  viva_owned_banks_restore_question_async (owned, path, number, NULL, got_result, &waiter);
  wait_for (&waiter);
  bank = viva_owned_banks_restore_question_finish (owned, waiter.result, error);
  waiter_clear (&waiter);

  return bank;
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

static void
assert_mode (const char *path,
             guint       mode)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, mode);
}

static void
test_create_on_first_add (void)
{
  g_autoptr(VivaOwnedBanks) owned = viva_owned_banks_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaBank) bank = NULL;
  g_autoptr(VivaBank) reopened = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = viva_owned_banks_dup_my_questions_path (owned);
  g_autofree char *dir = viva_owned_banks_dup_default_dir ();
  VivaQuestion *question;
  guint number = 0;

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  bank = add_question (owned, NULL, "Asked in Interviews", NULL, "Why `__slots__`?", &number, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bank);
  g_assert_cmpuint (number, ==, 1);

  assert_mode (path, 0600);
  assert_mode (dir, 0700);
  g_assert_cmpstr (viva_bank_get_id (bank), ==, VIVA_MY_QUESTIONS_ID);
  g_assert_cmpstr (viva_bank_get_title (bank), ==, "My Questions");
  g_assert_nonnull (viva_bank_get_file (bank));
  question = viva_bank_lookup_question (bank, 1);
  g_assert_cmpstr (viva_question_get_text (question), ==, "Why __slots__?");
  g_assert_cmpstr (viva_level_get_name (viva_question_get_level (question)), ==, "Asked in Interviews");
  g_assert_null (viva_question_get_topic (question));

  /* What any reader opens. */
  file = g_file_new_for_path (path);
  g_assert_true (viva_owned_banks_is_owned_file (file));
  reopened = viva_bank_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (viva_bank_get_n_questions (reopened), ==, 1);
}

static void
test_add_edit_delete_restore (void)
{
  g_autoptr(VivaOwnedBanks) owned = viva_owned_banks_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = viva_owned_banks_dup_my_questions_path (owned);
  g_autofree char *deleted_path = g_build_filename (viva_owned_banks_get_dir (owned), "deleted",
                                                    "my-questions.md", NULL);
  g_autoptr(VivaBank) deleted = NULL;
  g_autoptr(GFile) deleted_file = NULL;
  VivaBank *bank;
  VivaQuestion *question;
  guint number = 0;

  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *text = g_strdup_printf ("Question text %u", i);

      bank = add_question (owned, NULL, "Basics", i == 3 ? "Strings" : NULL, text, &number, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (number, ==, i);
      g_object_unref (bank);
    }

  /* Edit: same number, new text, a new level and topic. */
  bank = edit_question (owned, path, 2, "Hard", "Generators", "Edited *text*", &error);
  g_assert_no_error (error);
  question = viva_bank_lookup_question (bank, 2);
  g_assert_cmpstr (viva_question_get_text (question), ==, "Edited text");
  g_assert_cmpstr (viva_level_get_name (viva_question_get_level (question)), ==, "Hard");
  g_assert_cmpstr (viva_topic_get_name (viva_question_get_topic (question)), ==, "Generators");
  g_assert_cmpuint (viva_bank_get_n_questions (bank), ==, 3);
  g_object_unref (bank);

  /* Delete: gone from the bank, kept in banks/deleted/ under the same id. */
  bank = delete_question (owned, path, 2, &error);
  g_assert_no_error (error);
  g_assert_null (viva_bank_lookup_question (bank, 2));
  g_assert_cmpuint (viva_bank_get_n_questions (bank), ==, 2);
  g_assert_cmpuint (viva_bank_get_n_levels (bank), ==, 1);
  g_object_unref (bank);

  assert_mode (deleted_path, 0600);
  deleted_file = g_file_new_for_path (deleted_path);
  g_assert_false (viva_owned_banks_is_owned_file (deleted_file));
  deleted = viva_bank_new_from_file (deleted_file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (viva_bank_get_id (deleted), ==, VIVA_MY_QUESTIONS_ID);
  g_assert_cmpstr (viva_question_get_text (viva_bank_lookup_question (deleted, 2)), ==, "Edited text");

  /* A question deleted meanwhile. */
  g_assert_null (edit_question (owned, path, 2, "Hard", NULL, "Gone", &error));
  g_assert_error (error, VIVA_OWNED_BANKS_ERROR, VIVA_OWNED_BANKS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (delete_question (owned, path, 2, &error));
  g_assert_error (error, VIVA_OWNED_BANKS_ERROR, VIVA_OWNED_BANKS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Restore: back with its level and topic; banks/deleted/ keeps the title. */
  bank = restore_question (owned, path, 2, &error);
  g_assert_no_error (error);
  question = viva_bank_lookup_question (bank, 2);
  g_assert_nonnull (question);
  g_assert_cmpstr (viva_question_get_text (question), ==, "Edited text");
  g_assert_cmpstr (viva_level_get_name (viva_question_get_level (question)), ==, "Hard");
  g_assert_cmpstr (viva_topic_get_name (viva_question_get_topic (question)), ==, "Generators");
  g_object_unref (bank);

  {
    g_autofree char *rest = read_file (deleted_path);

    g_assert_cmpstr (rest, ==, "# My Questions\n");
  }

  g_assert_null (restore_question (owned, path, 2, &error));
  g_assert_error (error, VIVA_OWNED_BANKS_ERROR, VIVA_OWNED_BANKS_ERROR_NOT_FOUND);
}

static void
test_numbers_never_reused (void)
{
  g_autoptr(VivaOwnedBanks) owned = viva_owned_banks_new (NULL);
  g_autofree char *notes_path = g_build_filename (g_get_user_data_dir (), "numbers-notes.json", NULL);
  g_autoptr(VivaNotesStore) notes = viva_notes_store_new (notes_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = viva_owned_banks_dup_my_questions_path (owned);
  VivaBank *bank;
  guint number = 0;

  g_assert_true (viva_notes_store_load (notes, &error));
  g_assert_no_error (error);

  for (guint i = 1; i <= 7; i++)
    {
      bank = add_question (owned, NULL, "Level", NULL, "Text", &number, &error);
      g_assert_no_error (error);
      g_object_unref (bank);
    }
  g_assert_cmpuint (number, ==, 7);

  /* 7 deleted: 8, not 7 again. */
  bank = delete_question (owned, path, 7, &error);
  g_assert_no_error (error);
  g_object_unref (bank);
  bank = add_question (owned, NULL, "Level", NULL, "Text", &number, &error);
  g_assert_no_error (error);
  g_object_unref (bank);
  g_assert_cmpuint (number, ==, 8);

  /* A note on 9, with no question 9 anywhere: 10. */
  viva_note_set_text (viva_notes_store_get_note (notes, VIVA_MY_QUESTIONS_ID, 9), "kept");
  viva_owned_banks_set_notes_store (owned, notes);
  bank = add_question (owned, NULL, "Level", NULL, "Text", &number, &error);
  g_assert_no_error (error);
  g_object_unref (bank);
  g_assert_cmpuint (number, ==, 10);

  /* Another bank's notes do not count. */
  viva_note_set_text (viva_notes_store_get_note (notes, "other", 50), "elsewhere");
  bank = add_question (owned, NULL, "Level", NULL, "Text", &number, &error);
  g_assert_no_error (error);
  g_object_unref (bank);
  g_assert_cmpuint (number, ==, 11);
  g_assert_true (viva_notes_store_flush (notes, &error));
}

static void
test_delete_keeps_note (void)
{
  g_autoptr(VivaOwnedBanks) owned = viva_owned_banks_new (NULL);
  g_autofree char *notes_path = g_build_filename (g_get_user_data_dir (), "keep-notes.json", NULL);
  g_autoptr(VivaNotesStore) notes = viva_notes_store_new (notes_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = viva_owned_banks_dup_my_questions_path (owned);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  VivaBank *bank;
  VivaNote *note;
  guint number = 0;

  g_assert_true (viva_notes_store_load (notes, &error));
  viva_owned_banks_set_notes_store (owned, notes);

  bank = add_question (owned, NULL, "Level", NULL, "First", &number, &error);
  g_object_unref (bank);
  bank = add_question (owned, NULL, "Level", NULL, "Second", &number, &error);
  g_assert_no_error (error);
  g_object_unref (bank);

  note = viva_notes_store_get_note (notes, VIVA_MY_QUESTIONS_ID, 2);
  viva_note_set_text (note, "My answer to the second");
  viva_note_set_starred (note, TRUE);
  g_assert_true (viva_notes_store_flush (notes, &error));
  g_assert_no_error (error);
  before = read_file (notes_path);

  bank = delete_question (owned, path, 2, &error);
  g_assert_no_error (error);
  g_object_unref (bank);
  g_assert_true (viva_notes_store_flush (notes, &error));
  after = read_file (notes_path);
  g_assert_cmpstr (before, ==, after);

  bank = restore_question (owned, path, 2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (viva_bank_lookup_question (bank, 2));
  g_object_unref (bank);
  note = viva_notes_store_lookup_note (notes, VIVA_MY_QUESTIONS_ID, 2);
  g_assert_cmpstr (viva_note_get_text (note), ==, "My answer to the second");
  g_assert_true (viva_note_get_starred (note));
}

static void
test_damaged_moved_aside (void)
{
  g_autoptr(VivaOwnedBanks) owned = viva_owned_banks_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = viva_owned_banks_dup_my_questions_path (owned);
  g_autofree char *backup = g_strconcat (path, ".bak", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  gboolean found = FALSE;
  Waiter waiter = { 0 };
  VivaQuestionDraft draft = make_draft ("Level", NULL, "After the damage");
  VivaBank *bank;
  guint number = 0;
  static const char damage[] = "## Level 1\n\n**Question 1:** a\n\n**Question 1:** twice\n";

  bank = add_question (owned, NULL, "Level", NULL, "One", &number, &error);
  g_object_unref (bank);
  bank = add_question (owned, NULL, "Level", NULL, "Two", &number, &error);
  g_assert_no_error (error);
  g_object_unref (bank);
  /* The backup holds question 1 only; the file is damaged by hand. */
  write_file (path, damage);

  g_signal_connect (owned, "problem", G_CALLBACK (got_problem), &waiter);
  viva_owned_banks_add_question_async (owned, NULL, &draft, NULL, got_result, &waiter);
  viva_question_draft_clear (&draft);
  wait_for (&waiter);
  bank = viva_owned_banks_add_question_finish (owned, waiter.result, &number, &error);
  g_assert_no_error (error);
  g_assert_nonnull (waiter.problem);
  g_assert_nonnull (strstr (waiter.problem, "corrupt"));
  g_assert_nonnull (strstr (waiter.problem, "previous version"));
  waiter_clear (&waiter);

  /* Built on the backup: question 1 and the new one, numbered after both. */
  g_assert_nonnull (viva_bank_lookup_question (bank, 1));
  g_assert_cmpuint (viva_bank_get_n_questions (bank), ==, 2);
  g_assert_cmpuint (number, ==, 2);
  g_object_unref (bank);

  /* The damaged file, unchanged, beside it. */
  dir = g_dir_open (viva_owned_banks_get_dir (owned), 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, "my-questions.md.corrupt-"))
        {
          g_autofree char *aside = g_build_filename (viva_owned_banks_get_dir (owned), name, NULL);
          g_autofree char *contents = read_file (aside);

          g_assert_cmpstr (contents, ==, damage);
          found = TRUE;
        }
    }
  g_assert_true (found);
}

static void
test_unreadable_never_written (void)
{
  g_autoptr(VivaOwnedBanks) owned = viva_owned_banks_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = viva_owned_banks_dup_my_questions_path (owned);
  g_autoptr(VivaBank) bank = NULL;
  guint number = 0;

  /* A folder where the bank should be cannot be read, even by root. */
  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  bank = add_question (owned, NULL, "Level", NULL, "Text", &number, &error);
  g_assert_null (bank);
  g_assert_error (error, VIVA_OWNED_BANKS_ERROR, VIVA_OWNED_BANKS_ERROR_READ_ONLY);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  g_clear_error (&error);
  g_assert_cmpint (g_rmdir (path), ==, 0);

  if (getuid () != 0)
    {
      static const char contents[] = "# My Questions\n\n## Level 1\n\n**Question 1:** Kept\n";
      g_autofree char *after = NULL;

      write_file (path, contents);
      g_assert_cmpint (g_chmod (path, 0), ==, 0);
      g_assert_null (add_question (owned, NULL, "Level", NULL, "Text", &number, &error));
      g_assert_error (error, VIVA_OWNED_BANKS_ERROR, VIVA_OWNED_BANKS_ERROR_READ_ONLY);
      g_assert_cmpint (g_chmod (path, 0600), ==, 0);
      after = read_file (path);
      g_assert_cmpstr (after, ==, contents);
    }
}

static void
write_other_question (const char *path,
                      gpointer    user_data)
{
  /* Another Viva added question 2 after our read. */
  write_file (path, "# My Questions\n\n## Level 1: Level\n\n**Question 1:** Ours\n\n**Question 2:** Theirs\n");
}

static void
test_other_process_edit_kept (void)
{
  g_autoptr(VivaOwnedBanks) owned = viva_owned_banks_new (NULL);
  g_autoptr(GError) error = NULL;
  VivaBank *bank;
  guint number = 0;

  bank = add_question (owned, NULL, "Level", NULL, "Ours", &number, &error);
  g_assert_no_error (error);
  g_object_unref (bank);

  _viva_owned_banks_set_before_write_func (owned, write_other_question, NULL);
  bank = add_question (owned, NULL, "Level", NULL, "Third", &number, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (number, ==, 3);
  g_assert_cmpstr (viva_question_get_text (viva_bank_lookup_question (bank, 1)), ==, "Ours");
  g_assert_cmpstr (viva_question_get_text (viva_bank_lookup_question (bank, 2)), ==, "Theirs");
  g_assert_cmpstr (viva_question_get_text (viva_bank_lookup_question (bank, 3)), ==, "Third");
  g_object_unref (bank);
}

static void
test_not_owned_refused (void)
{
  g_autoptr(VivaOwnedBanks) owned = viva_owned_banks_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *outside = g_build_filename (g_get_home_dir (), "not-owned.md", NULL);
  g_autofree char *after = NULL;
  static const char contents[] = "# Elsewhere\n\n## Level 1\n\n**Question 1:** Mine\n";
  guint number = 0;

  g_assert_cmpint (g_mkdir_with_parents (g_get_home_dir (), 0700), ==, 0);
  write_file (outside, contents);
  g_assert_null (add_question (owned, outside, "Level", NULL, "Text", &number, &error));
  g_assert_error (error, VIVA_OWNED_BANKS_ERROR, VIVA_OWNED_BANKS_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_null (delete_question (owned, outside, 1, &error));
  g_assert_error (error, VIVA_OWNED_BANKS_ERROR, VIVA_OWNED_BANKS_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_null (edit_question (owned, outside, 1, "Level", NULL, "Changed", &error));
  g_assert_error (error, VIVA_OWNED_BANKS_ERROR, VIVA_OWNED_BANKS_ERROR_READ_ONLY);
  after = read_file (outside);
  g_assert_cmpstr (after, ==, contents);
}

static void
test_delete_last (void)
{
  g_autoptr(VivaOwnedBanks) owned = viva_owned_banks_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = viva_owned_banks_dup_my_questions_path (owned);
  g_autofree char *contents = NULL;
  VivaBank *bank;
  guint number = 0;

  bank = add_question (owned, NULL, "Level", NULL, "Only", &number, &error);
  g_assert_no_error (error);
  g_object_unref (bank);

  /* No question left: no bank, no error; the file keeps its title. */
  bank = delete_question (owned, path, 1, &error);
  g_assert_no_error (error);
  g_assert_null (bank);
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, "# My Questions\n");

  /* Undo brings it back; a new one takes the next number. */
  bank = restore_question (owned, path, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (viva_bank_get_n_questions (bank), ==, 1);
  g_object_unref (bank);
  bank = delete_question (owned, path, 1, &error);
  g_assert_null (bank);
  bank = add_question (owned, NULL, "Level", NULL, "Next", &number, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (number, ==, 2);
  g_assert_cmpuint (viva_bank_get_n_questions (bank), ==, 1);
  g_object_unref (bank);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/owned-banks/default-dir", test_default_dir);
  g_test_add_func ("/owned-banks/is-owned-file", test_is_owned_file);
  g_test_add_func ("/owned-banks/unique-id", test_unique_id);
  g_test_add_func ("/owned-banks/create-on-first-add", test_create_on_first_add);
  g_test_add_func ("/owned-banks/add-edit-delete-restore", test_add_edit_delete_restore);
  g_test_add_func ("/owned-banks/numbers-never-reused", test_numbers_never_reused);
  g_test_add_func ("/owned-banks/delete-keeps-note", test_delete_keeps_note);
  g_test_add_func ("/owned-banks/damaged-moved-aside", test_damaged_moved_aside);
  g_test_add_func ("/owned-banks/unreadable-never-written", test_unreadable_never_written);
  g_test_add_func ("/owned-banks/other-process-edit-kept", test_other_process_edit_kept);
  g_test_add_func ("/owned-banks/not-owned-refused", test_not_owned_refused);
  g_test_add_func ("/owned-banks/delete-last", test_delete_last);

  return g_test_run ();
}
