/* test-notes-journal.c
 *
 * notes.json.journal: what a Viva killed between two writes of notes.json
 * leaves on disk comes back at the next start, and a journal that is
 * torn, damaged, older than the file or another process's never loses
 * or breaks anything.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "viva-note.h"
#include "viva-notes-journal.h"
#include "viva-notes-store-private.h"
#include "viva-notes-store.h"
#include "viva-test-notes-load.h"

#define BANK "python-interview-questions"

static gboolean load_async;

/* Loads @path, by the path the test runs (sync or async). */
static VivaNotesStore *
open_store (const char  *path,
            gboolean    *ok,
            GError     **error)
{
  VivaNotesStore *store = viva_notes_store_new (path);

  *ok = viva_test_notes_load (store, load_async, error);

  return store;
}

static VivaNotesStore *
open_store_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;
  VivaNotesStore *store = open_store (path, &ok, &error);

  g_assert_no_error (error);
  g_assert_true (ok);

  return store;
}

static char *
new_dir (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "journal-XXXXXX", NULL);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_nonnull (g_mkdtemp (dir));

  return g_steal_pointer (&dir);
}

/* notes.json in a new folder, not written yet; its journal's path in
 * @journal_path unless it is %NULL. */
static char *
new_notes_path (char **journal_path)
{
  g_autofree char *dir = new_dir ();
  char *path = g_build_filename (dir, "notes.json", NULL);

  if (journal_path != NULL)
    *journal_path = viva_notes_journal_dup_path (path);

  return path;
}

static char *
read_file (const char *path,
           gsize      *len)
{
  char *data = NULL;

  if (!g_file_get_contents (path, &data, len, NULL))
    {
      *len = 0;
      return g_strdup ("");
    }

  return data;
}

static void
write_file (const char *path,
            const char *data,
            gsize       len)
{
  g_assert_true (g_file_set_contents_full (path, data, (gssize) len,
                                           G_FILE_SET_CONTENTS_NONE, 0600, NULL));
}

static const char *
note_text (VivaNotesStore *store,
           guint           number)
{
  VivaNote *note = viva_notes_store_lookup_note (store, BANK, number);

  return note != NULL ? viva_note_get_text (note) : NULL;
}

static VivaNoteRecord *
text_record (guint       number,
             const char *text,
             gint64      modified)
{
  return viva_note_record_new (BANK, number, text, VIVA_STATUS_LEARNING, FALSE, modified);
}

/* One entry of @sequence holding note @number with @text. */
typedef struct
{
  guint64     sequence;
  guint       number;
  const char *text;
  gint64      modified;
} Entry;

static GBytes *
entry_bytes (const Entry *entry)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_note_record_free);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  g_ptr_array_add (records, text_record (entry->number, entry->text, entry->modified));
  bytes = viva_notes_journal_encode (entry->sequence, records, &error);
  g_assert_no_error (error);

  return bytes;
}

/* notes.json with note 1 "on disk", including the journal up to
 * @sequence. */
static void
write_notes (const char *path,
             guint64     sequence)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_note_record_free);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  gconstpointer data;

  g_ptr_array_add (records, text_record (1, "on disk", 1000000));
  bytes = viva_notes_serialize_full (records, sequence, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &len);
  write_file (path, data, len);
}

/* A journal: the header and @entries, in order. */
static GByteArray *
journal_bytes (const Entry *entries,
               guint        n_entries)
{
  GByteArray *journal = g_byte_array_new ();

  g_byte_array_append (journal, (const guint8 *) VIVA_NOTES_JOURNAL_HEADER,
                       strlen (VIVA_NOTES_JOURNAL_HEADER));
  for (guint i = 0; i < n_entries; i++)
    {
      g_autoptr(GBytes) entry = entry_bytes (&entries[i]);
      gsize len;
      gconstpointer data = g_bytes_get_data (entry, &len);

      g_byte_array_append (journal, data, (guint) len);
    }

  return journal;
}

/* Where the first of @entries ends in their journal. */
static gsize
first_entry_end (const Entry *entries)
{
  g_autoptr(GByteArray) first = journal_bytes (entries, 1);

  return first->len;
}

static void
write_journal (const char  *journal_path,
               const Entry *entries,
               guint        n_entries)
{
  g_autoptr(GByteArray) journal = journal_bytes (entries, n_entries);

  write_file (journal_path, (const char *) journal->data, journal->len);
}

static void
wait_for_journal (VivaNotesStore *store,
                  const char     *text)
{
  g_autofree char *journal_path = viva_notes_journal_dup_path (viva_notes_store_get_path (store));

  for (;;)
    {
      gsize len;
      g_autofree char *data = read_file (journal_path, &len);

      if (g_strstr_len (data, (gssize) len, text) != NULL && !store->journal_in_flight)
        return;
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
wait_for_journal_idle (VivaNotesStore *store)
{
  while (store->journal_in_flight || store->journal_source != 0)
    g_main_context_iteration (NULL, TRUE);
}

/* Copies what is on disk now, as a process killed now would leave it. */
static char *
copy_as_killed (const char *path)
{
  g_autofree char *dir = new_dir ();
  g_autofree char *journal_path = viva_notes_journal_dup_path (path);
  g_autofree char *copy = g_build_filename (dir, "notes.json", NULL);
  g_autofree char *copy_journal = viva_notes_journal_dup_path (copy);
  g_autofree char *data = NULL;
  gsize len;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      data = read_file (path, &len);
      write_file (copy, data, len);
      g_clear_pointer (&data, g_free);
    }
  data = read_file (journal_path, &len);
  write_file (copy_journal, data, len);

  /* Real journals, for the fuzz target's seeds (tests/fuzz/corpus/
   * notes-journal/): VIVA_JOURNAL_SEEDS=DIR keeps each one there. */
  if (g_getenv ("VIVA_JOURNAL_SEEDS") != NULL && len > 0)
    {
      static guint seed;
      g_autofree char *name = g_strdup_printf ("journal-%s-%u", g_test_get_path () + 1, ++seed);
      g_autofree char *seed_path = NULL;

      g_strdelimit (name, "/", '-');
      seed_path = g_build_filename (g_getenv ("VIVA_JOURNAL_SEEDS"), name, NULL);
      write_file (seed_path, data, len);
    }

  return g_steal_pointer (&copy);
}

/* A store on a new notes.json (write_notes(), up to entry
 * @file_sequence) and a journal of @entries. */
static VivaNotesStore *
open_with_journal (guint64      file_sequence,
                   const Entry *entries,
                   guint        n_entries)
{
  g_autofree char *journal_path = NULL;
  g_autofree char *path = new_notes_path (&journal_path);

  write_notes (path, file_sequence);
  write_journal (journal_path, entries, n_entries);

  return open_store_ok (path);
}

/* Opens what a process killed now would leave of @path. */
static VivaNotesStore *
open_as_killed (const char *path)
{
  g_autofree char *killed = copy_as_killed (path);

  return open_store_ok (killed);
}

static void
flush (VivaNotesStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (viva_notes_store_flush (store, &error));
  g_assert_no_error (error);
}

static void
flush_and_close (VivaNotesStore **store)
{
  flush (*store);
  wait_for_journal_idle (*store);
  g_clear_object (store);
}

/* Opening @path says the journal is damaged, and why (@why, when it is
 * not %NULL, is in the message). */
static VivaNotesStore *
open_store_invalid (const char *path,
                    const char *why)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;
  VivaNotesStore *store = open_store (path, &ok, &error);

  g_assert_false (ok);
  g_assert_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID);
  if (why != NULL)
    g_assert_nonnull (strstr (error->message, why));

  return store;
}

/* The user's case: typed, not yet in notes.json, the process dies; the
 * next start has every word. */
static void
test_survives_kill (void)
{
  g_autofree char *path = new_notes_path (NULL);
  g_autofree char *killed = NULL;
  g_autofree char *notes_before = NULL;
  g_autofree char *notes_after = NULL;
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) restarted = NULL;
  gsize len;

  write_notes (path, 0);
  notes_before = read_file (path, &len);

  store = open_store_ok (path);
  /* No full write while we look: only the journal may have it. */
  viva_notes_store_set_autosave_delay (store, 600000);
  viva_note_set_text (viva_notes_store_get_note (store, BANK, 1), "on disk, then typed");
  viva_note_set_text (viva_notes_store_get_note (store, BANK, 2), "a second note");
  viva_note_set_starred (viva_notes_store_get_note (store, "another-bank", 7), TRUE);
  wait_for_journal (store, "a second note");

  killed = copy_as_killed (path);
  notes_after = read_file (killed, &len);
  g_assert_cmpstr (notes_after, ==, notes_before);

  restarted = open_store_ok (killed);
  g_assert_cmpstr (note_text (restarted, 1), ==, "on disk, then typed");
  g_assert_cmpstr (note_text (restarted, 2), ==, "a second note");
  g_assert_true (viva_note_get_starred (viva_notes_store_lookup_note (restarted, "another-bank", 7)));
  /* Not on disk in notes.json yet: it is written again. */
  g_assert_true (viva_notes_store_get_dirty (restarted));
  flush_and_close (&restarted);

  /* The file now has it all, says so, and the journal was emptied. */
  {
    g_autofree char *journal_path = viva_notes_journal_dup_path (killed);
    g_autofree char *journal = read_file (journal_path, &len);
    g_autoptr(VivaNotesStore) again = NULL;

    g_assert_cmpuint (len, ==, 0);
    again = open_store_ok (killed);
    g_assert_cmpstr (note_text (again, 2), ==, "a second note");
    g_assert_false (viva_notes_store_get_dirty (again));
    flush_and_close (&again);
  }

  flush_and_close (&store);
}

/* Entries are applied in order; the later one of a note wins. */
static void
test_replay_order (void)
{
  static const Entry entries[] = {
    { 1, 1, "first", 2000000 },
    { 2, 2, "other note", 2000000 },
    { 5, 1, "last", 3000000 },
  };
  g_autoptr(VivaNotesStore) store = open_with_journal (0, entries, G_N_ELEMENTS (entries));

  g_assert_cmpstr (note_text (store, 1), ==, "last");
  g_assert_cmpstr (note_text (store, 2), ==, "other note");
  /* The next entry is numbered after the last one read. */
  g_assert_cmpuint (store->journal_sequence, ==, 5);
  flush_and_close (&store);
}

/* A journal cut anywhere in its last entry (a kill in the middle of an
 * append) gives back every entry before it, keeps the whole journal
 * aside and tells the user; cut exactly at an entry's end, it is just a
 * shorter journal. */
static void
test_torn_tail (void)
{
  static const Entry entries[] = {
    { 1, 1, "complete", 2000000 },
    { 2, 1, "torn", 3000000 },
  };
  g_autoptr(GByteArray) journal = journal_bytes (entries, G_N_ELEMENTS (entries));
  gsize first_end = first_entry_end (entries);

  for (gsize cut = first_end; cut < journal->len; cut++)
    {
      g_autofree char *journal_path = NULL;
      g_autofree char *path = new_notes_path (&journal_path);
      g_autofree char *left = NULL;
      g_autoptr(VivaNotesStore) store = NULL;
      gsize left_len;

      write_notes (path, 0);
      write_file (journal_path, (const char *) journal->data, cut);

      /* Cut at an entry's end: a shorter journal. */
      store = cut == first_end ? open_store_ok (path) : open_store_invalid (path, NULL);
      g_assert_cmpstr (note_text (store, 1), ==, "complete");
      left = read_file (journal_path, &left_len);
      g_assert_cmpuint (left_len, ==, first_end);

      if (cut == first_end)
        g_assert_null (viva_notes_store_get_moved_aside_path (store));
      else
        {
          const char *aside;
          g_autofree char *kept = NULL;
          gsize kept_len;
          GStatBuf st;

          aside = viva_notes_store_get_moved_aside_path (store);
          g_assert_nonnull (aside);
          g_assert_true (g_str_has_prefix (aside, journal_path));
          g_assert_nonnull (strstr (aside, ".corrupt-"));
          kept = read_file (aside, &kept_len);
          g_assert_cmpmem (kept, kept_len, journal->data, cut);
          g_assert_cmpint (g_stat (aside, &st), ==, 0);
          g_assert_cmpint (st.st_mode & 0777, ==, 0600);
        }

      /* Entries appended now read back after the good ones (checked at
       * a few of the cuts: each waits for an append). */
      if ((cut - first_end) % 64 != 1 && cut != journal->len - 1)
        {
          flush_and_close (&store);
          continue;
        }
      viva_note_set_text (viva_notes_store_get_note (store, BANK, 3), "after the tear");
      wait_for_journal (store, "after the tear");
      {
        g_autoptr(VivaNotesStore) restarted = open_as_killed (path);

        g_assert_cmpstr (note_text (restarted, 1), ==, "complete");
        g_assert_cmpstr (note_text (restarted, 3), ==, "after the tear");
        flush_and_close (&restarted);
      }
      flush_and_close (&store);
    }
}

static void
check_stops_after_first (const guint8 *data,
                         gsize         len,
                         gsize         first_end)
{
  g_autoptr(VivaNotesJournalContents) contents = viva_notes_journal_parse ((const char *) data, len);

  g_assert_cmpuint (contents->entries->len, ==, 1);
  g_assert_cmpuint (contents->valid_len, ==, first_end);
  g_assert_nonnull (contents->problem);
}

/* @journal up to the end of its first entry, then @tail: reading stops
 * after the first entry. */
static void
check_stops_before_tail (const GByteArray *journal,
                         gsize             first_end,
                         const char       *tail,
                         gsize             tail_len)
{
  g_autoptr(GByteArray) copy = g_byte_array_new ();

  g_byte_array_append (copy, journal->data, (guint) first_end);
  g_byte_array_append (copy, (const guint8 *) tail, (guint) tail_len);
  check_stops_after_first (copy->data, copy->len, first_end);
}

/* A changed byte, an entry numbered out of order, garbage, an entry
 * whose notes do not validate: reading stops there. */
static void
test_bad_entries (void)
{
  static const Entry entries[] = {
    { 3, 1, "good", 2000000 },
    { 4, 1, "checked", 3000000 },
  };
  g_autoptr(GByteArray) journal = journal_bytes (entries, G_N_ELEMENTS (entries));
  gsize first_end = first_entry_end (entries);

  /* Every byte of the second entry, changed. */
  for (gsize i = first_end; i < journal->len; i++)
    {
      g_autoptr(VivaNotesJournalContents) contents = NULL;
      g_autoptr(GByteArray) copy = g_byte_array_sized_new (journal->len);

      g_byte_array_append (copy, journal->data, journal->len);
      copy->data[i] ^= 0x01;
      contents = viva_notes_journal_parse ((const char *) copy->data, copy->len);
      /* Flipping a digit of the sequence to another increasing number
       * still reads; anything else stops. */
      if (contents->entries->len == 2)
        g_assert_cmpuint (i, <, first_end + 3);
      else
        {
          g_assert_cmpuint (contents->entries->len, ==, 1);
          g_assert_cmpuint (contents->valid_len, ==, first_end);
        }
    }

  /* Garbage after the good entry. */
  check_stops_before_tail (journal, first_end, "\0\0\0garbage\n", 11);

  /* A sequence number that does not go up: lower, or the same. */
  {
    const Entry pair[] = { entries[0], { 2, 1, "older", 3000000 } };
    g_autoptr(GByteArray) out_of_order = journal_bytes (pair, G_N_ELEMENTS (pair));

    check_stops_after_first (out_of_order->data, out_of_order->len, first_end);
  }
  {
    const Entry pair[] = { entries[0], { 3, 1, "same number", 3000000 } };
    g_autoptr(GByteArray) repeated = journal_bytes (pair, G_N_ELEMENTS (pair));

    check_stops_after_first (repeated->data, repeated->len, first_end);
  }

  /* An entry whose checksum is right but whose notes are not valid. */
  {
    const char *payload = "{\"format\":\"viva-notes\",\"version\":4,\"banks\":{\"b\":{\"1\":{\"text\":1}}}}";
    g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
    g_autofree char *line = NULL;

    g_checksum_update (checksum, (const guchar *) payload, -1);
    line = g_strdup_printf ("@9 %zu %s\n%s\n", strlen (payload), g_checksum_get_string (checksum), payload);
    check_stops_before_tail (journal, first_end, line, strlen (line));
  }

  /* Not a journal of ours at all (another version): nothing read. */
  {
    g_autoptr(VivaNotesJournalContents) contents = viva_notes_journal_parse ("viva-notes-journal 2\n", 21);

    g_assert_cmpuint (contents->entries->len, ==, 0);
    g_assert_cmpuint (contents->valid_len, ==, 0);
    g_assert_nonnull (contents->problem);
  }
}

/* A bad checksum at start-up: the good entries are used, the journal is
 * kept aside, the user is told. */
static void
test_bad_checksum (void)
{
  static const Entry entries[] = {
    { 1, 1, "good", 2000000 },
    { 2, 2, "damaged", 3000000 },
  };
  g_autofree char *journal_path = NULL;
  g_autofree char *path = new_notes_path (&journal_path);
  g_autoptr(GByteArray) journal = journal_bytes (entries, G_N_ELEMENTS (entries));
  g_autoptr(VivaNotesStore) store = NULL;

  /* A letter of "damaged" in the second payload. */
  journal->data[journal->len - 60] ^= 0x20;

  write_notes (path, 0);
  write_file (journal_path, (const char *) journal->data, journal->len);

  store = open_store_invalid (path, "checksum");
  g_assert_cmpint (viva_notes_store_get_state (store), ==, VIVA_NOTES_STORE_STATE_RECOVERED);
  g_assert_nonnull (viva_notes_store_get_moved_aside_path (store));
  g_assert_cmpstr (note_text (store, 1), ==, "good");
  g_assert_null (note_text (store, 2));
  flush_and_close (&store);
}

/* Entries the file already holds are never applied over it: notes.json
 * says up to which entry it is. */
static void
test_older_than_file (void)
{
  static const Entry entries[] = {
    { 4, 1, "in the file already, older", 2000000 },
    /* The file's own last entry: in the file already too. */
    { 5, 3, "in the file already, the last one", 2000000 },
    { 6, 2, "newer than the file", 2000000 },
  };
  g_autoptr(VivaNotesStore) store = open_with_journal (5, entries, G_N_ELEMENTS (entries));

  g_assert_cmpstr (note_text (store, 1), ==, "on disk");
  g_assert_null (note_text (store, 3));
  g_assert_cmpstr (note_text (store, 2), ==, "newer than the file");
  g_assert_cmpuint (store->journal_sequence, ==, 6);
  flush_and_close (&store);
}

/* No notes.json at all (the first minutes of use): the journal alone. */
static void
test_journal_without_file (void)
{
  static const Entry entries[] = {
    { 1, 3, "only in the journal", 2000000 },
  };
  g_autofree char *journal_path = NULL;
  g_autofree char *path = new_notes_path (&journal_path);
  g_autoptr(VivaNotesStore) store = NULL;

  write_journal (journal_path, entries, G_N_ELEMENTS (entries));

  store = open_store_ok (path);
  g_assert_cmpstr (note_text (store, 3), ==, "only in the journal");
  flush_and_close (&store);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* notes.json damaged: moved aside, the backup used, and the journal
 * replayed over the backup. */
static void
test_damaged_file_and_journal (void)
{
  static const Entry entries[] = {
    { 3, 2, "typed after the backup", 2000000 },
  };
  g_autofree char *journal_path = NULL;
  g_autofree char *path = new_notes_path (&journal_path);
  g_autofree char *bak_path = g_strconcat (path, ".bak", NULL);
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  write_notes (bak_path, 2);
  write_file (path, "{ damaged", 9);
  write_journal (journal_path, entries, G_N_ELEMENTS (entries));

  store = open_store (path, &ok, &error);
  g_assert_false (ok);
  g_assert_nonnull (error);
  g_assert_true (viva_notes_store_get_restored_from_backup (store));
  g_assert_nonnull (strstr (viva_notes_store_get_moved_aside_path (store), "notes.json.corrupt-"));
  g_assert_cmpstr (note_text (store, 1), ==, "on disk");
  g_assert_cmpstr (note_text (store, 2), ==, "typed after the backup");
  flush_and_close (&store);
}

/* Two copies of Viva on one notes.json: the first owns the journal; the
 * second keeps none and replays none (the owner is alive), and saves
 * its notes as before; the owner's journal never has the second's. */
static void
test_two_stores (void)
{
  g_autofree char *journal_path = NULL;
  g_autofree char *path = new_notes_path (&journal_path);
  g_autoptr(VivaNotesStore) a = NULL;
  g_autoptr(VivaNotesStore) b = NULL;
  g_autofree char *journal = NULL;
  gsize len;

  write_notes (path, 0);
  a = open_store_ok (path);
  viva_notes_store_set_autosave_delay (a, 600000);
  viva_note_set_text (viva_notes_store_get_note (a, BANK, 2), "typed in the first");
  wait_for_journal (a, "typed in the first");

  b = open_store_ok (path);
  g_assert_true (b->journal_off);
  /* The owner's unsaved entry is not B's to replay. */
  g_assert_null (note_text (b, 2));
  viva_note_set_text (viva_notes_store_get_note (b, BANK, 3), "typed in the second");
  flush (b);
  journal = read_file (journal_path, &len);
  g_assert_null (g_strstr_len (journal, (gssize) len, "typed in the second"));

  /* A, killed now: its journal and B's file give both notes. */
  {
    g_autoptr(VivaNotesStore) restarted = open_as_killed (path);

    g_assert_cmpstr (note_text (restarted, 2), ==, "typed in the first");
    g_assert_cmpstr (note_text (restarted, 3), ==, "typed in the second");
    flush_and_close (&restarted);
  }

  g_clear_object (&b);
  flush_and_close (&a);
}

/* An append that fails (here the folder cannot be created: its parent
 * is a file; as root a read-only folder would not stop us) keeps the
 * note in memory and says so as a failed save does. */
static void
test_append_fails (void)
{
  g_autofree char *dir = new_dir ();
  g_autofree char *file = g_build_filename (dir, "a-file", NULL);
  g_autofree char *path = g_build_filename (file, "notes.json", NULL);
  g_autoptr(VivaNotesStore) store = NULL;
  VivaNote *note;

  write_file (file, "", 0);
  store = open_store_ok (path);
  viva_notes_store_set_autosave_delay (store, 600000);
  note = viva_notes_store_get_note (store, BANK, 1);
  viva_note_set_text (note, "nowhere to go");

  while (viva_notes_store_get_save_error (store) == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_nonnull (strstr (viva_notes_store_get_save_error (store), "journal"));
  g_assert_cmpstr (viva_note_get_text (note), ==, "nowhere to go");
  g_assert_true (viva_notes_store_get_dirty (store));

  wait_for_journal_idle (store);
  while (viva_notes_store_get_saving (store))
    g_main_context_iteration (NULL, TRUE);
  viva_file_saver_forget (store->saver, NULL);
  g_clear_object (&store);
}

static void
add_tests (const char *prefix)
{
  struct { const char *name; GTestFunc func; } tests[] = {
    { "survives-kill", test_survives_kill },
    { "replay-order", test_replay_order },
    { "torn-tail", test_torn_tail },
    { "bad-checksum", test_bad_checksum },
    { "older-than-file", test_older_than_file },
    { "journal-without-file", test_journal_without_file },
    { "damaged-file-and-journal", test_damaged_file_and_journal },
    { "two-stores", test_two_stores },
    { "append-fails", test_append_fails },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    {
      g_autofree char *name = g_strdup_printf ("/notes-journal/%s%s", prefix, tests[i].name);

      g_test_add_func (name, tests[i].func);
    }
}

static void
set_async (void)
{
  load_async = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/notes-journal/bad-entries", test_bad_entries);
  add_tests ("");
  /* The same, loaded as the app loads, in a worker. */
  g_test_add_func ("/notes-journal/async/start", set_async);
  add_tests ("async/");

  return g_test_run ();
}
