/* fuzz-notes-journal.c
 *
 * Fuzz target: any bytes read as notes.json.journal and replayed over a
 * small notes file, as a start-up after a kill does. Whatever was read
 * must be entries in increasing order within the bytes given; the
 * replayed notes must save (as notes.json) and read back to the same
 * content, and a second save must be byte for byte the first. Input
 * that begins with "!" is also tried as one entry's payload, checksum
 * and all. Built with
 * libFuzzer by build-aux/fuzz; every build replays
 * corpus/notes-journal/ with fuzz-replay.c as an ordinary test. The seeds
 * are journals the journal's tests and the real app wrote.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-fuzz-target.h"
#include "viva-notes-file.h"
#include "viva-notes-journal.h"

/* The small notes file the journal is replayed over, made on the first
 * input. */
static GPtrArray *
get_file_records (void)
{
  static GPtrArray *file_records;

  if (file_records == NULL)
    {
      file_records = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_note_record_free);
      g_ptr_array_add (file_records, viva_note_record_new ("python-interview-questions", 1, "on disk",
                                                           VIVA_STATUS_LEARNING, FALSE, 1000000));
      g_ptr_array_add (file_records, viva_note_record_new ("python-interview-questions", 2, "",
                                                           VIVA_STATUS_NEW, TRUE, 2000000));
      g_ptr_array_add (file_records, viva_note_record_new ("b", 7, "other bank",
                                                           VIVA_STATUS_CONFIDENT, FALSE, 3000000));
    }

  return file_records;
}

static GBytes *
save (GPtrArray *records,
      guint64    sequence)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = viva_notes_serialize_full (records, sequence, &error);

  if (bytes == NULL)
    g_error ("replayed notes do not save: %s", error->message);

  return bytes;
}

static void
check_journal (const guint8 *data,
               size_t        size)
{
  g_autoptr(VivaNotesJournalContents) contents = NULL;
  g_autoptr(GPtrArray) view = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) saved_again = NULL;
  g_autoptr(VivaNotesFile) back = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *file_records = get_file_records ();
  guint64 previous = 0;
  guint64 last = 0;
  guint n_replayed = 0;

  contents = viva_notes_journal_parse ((const char *) data, size);

  if (contents->valid_len > size)
    g_error ("read %zu bytes of %zu", contents->valid_len, size);
  if ((contents->problem == NULL) != (contents->valid_len == size))
    g_error ("stopped at %zu of %zu bytes, problem %s", contents->valid_len, size,
             contents->problem ? contents->problem : "(none)");
  if (contents->entries->len > 0 &&
      memcmp (data, VIVA_NOTES_JOURNAL_HEADER, strlen (VIVA_NOTES_JOURNAL_HEADER)) != 0)
    g_error ("entries read without the header");

  for (guint i = 0; i < contents->entries->len; i++)
    {
      const VivaNotesJournalEntry *entry = g_ptr_array_index (contents->entries, i);

      if (entry->sequence <= previous)
        g_error ("entry %" G_GUINT64_FORMAT " after %" G_GUINT64_FORMAT, entry->sequence, previous);
      previous = entry->sequence;
    }

  /* Over the small file, which includes entries up to 2. */
  view = viva_notes_journal_replay (file_records, 2, contents, &last, &n_replayed);
  if (last < 2 || last < previous)
    g_error ("the last sequence %" G_GUINT64_FORMAT " is behind what was read", last);
  if (view->len < file_records->len)
    g_error ("a note of the file went missing");

  /* Saved as notes.json, read back, saved again: the same file. The
   * view borrows the records; sorting it sorts only the pointers. */
  sorted = g_ptr_array_copy (view, NULL, NULL);
  saved = save (sorted, last);
  if (!viva_notes_file_parse (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), &back, &error))
    g_error ("replayed notes do not read back: %s", error->message);
  if (back->records->len != view->len || back->journal_sequence != last)
    g_error ("replayed notes read back different");
  saved_again = save (back->records, back->journal_sequence);
  if (!g_bytes_equal (saved, saved_again))
    g_error ("replayed notes read back different");
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  check_journal (data, size);

  /* A checksum is a wall random bytes never get past: input that begins
   * with "!" is also taken as the payload of one entry, given the right
   * line and checksum, so that what follows it is fuzzed too. */
  if (size > 0 && data[0] == '!')
    {
      g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
      g_autoptr(GString) journal = g_string_new (VIVA_NOTES_JOURNAL_HEADER);

      g_checksum_update (checksum, data + 1, (gssize) size - 1);
      g_string_append_printf (journal, "@3 %zu %s\n", size - 1, g_checksum_get_string (checksum));
      g_string_append_len (journal, (const char *) data + 1, (gssize) size - 1);
      g_string_append_c (journal, '\n');
      check_journal ((const guint8 *) journal->str, journal->len);
    }

  return 0;
}
