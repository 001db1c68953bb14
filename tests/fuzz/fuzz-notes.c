/* fuzz-notes.c
 *
 * Fuzz target: any bytes, read as notes.json the way Viva reads it at
 * start (viva_notes_file_read(), src/notes/viva-notes-file.c, from a file
 * in a scratch folder). Notes that load save (viva_notes_serialize(), as
 * every save writes them), and what was saved loads back and saves as the
 * same bytes: nothing was lost or changed by the trip. A file that does
 * not load says why in words a user can read. Built with libFuzzer by
 * build-aux/fuzz; every build replays corpus/notes/ with fuzz-replay.c
 * as an ordinary test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-document-fuzz.h"
#include "viva-fuzz-target.h"
#include "viva-notes-file.h"
#include "viva-notes-store.h"

static GBytes *
save (GPtrArray *records)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = viva_notes_serialize (records, &error);

  if (bytes == NULL)
    g_error ("notes that loaded do not save: %s", error->message);

  return bytes;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *path = NULL;
  g_autoptr(VivaNotesFile) file = NULL;
  g_autoptr(VivaNotesFile) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) saved_again = NULL;
  g_autofree char *saved_path = NULL;
  gboolean ok;

  viva_fuzz_begin_scratch ();
  path = viva_fuzz_write_scratch ("notes.json", data, size);
  ok = viva_notes_file_read (path, &file, &error);
  g_assert_true (ok == (error == NULL));
  g_assert_nonnull (file);

  if (!ok)
    {
      g_assert_true (error->domain == VIVA_NOTES_STORE_ERROR);
      g_assert_cmpuint (strlen (error->message), >, 0);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      /* Only a newer version's notes are kept, to show read-only. */
      if (file->records->len > 0)
        g_assert_cmpint (error->code, ==, VIVA_NOTES_STORE_ERROR_FUTURE_VERSION);
      return 0;
    }

  saved = save (file->records);
  saved_path = viva_fuzz_write_scratch ("saved.json", g_bytes_get_data (saved, NULL), g_bytes_get_size (saved));
  if (!viva_notes_file_read (saved_path, &back, &error))
    g_error ("saved notes do not load back: %s\n%.*s", error->message,
             (int) MIN (g_bytes_get_size (saved), 4000), (const char *) g_bytes_get_data (saved, NULL));

  g_assert_cmpuint (back->records->len, ==, file->records->len);
  saved_again = save (back->records);
  if (!g_bytes_equal (saved, saved_again))
    g_error ("saved notes load back different:\n%.*s\n---\n%.*s",
             (int) MIN (g_bytes_get_size (saved), 4000), (const char *) g_bytes_get_data (saved, NULL),
             (int) MIN (g_bytes_get_size (saved_again), 4000), (const char *) g_bytes_get_data (saved_again, NULL));

  return 0;
}
