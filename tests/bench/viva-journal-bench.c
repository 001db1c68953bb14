/* viva-journal-bench.c: build-aux/bench's figures for the notes journal.
 *
 *   viva-journal-bench [--notes N] [--keys K]
 *
 * A notes.json of N notes (default 100,000; a paragraph each) is loaded;
 * then K keystrokes (default 300) are typed into one note, one every
 * 15 ms as a fast typist's, on the main loop with the store's real
 * timers (journal and autosave). Prints, as key=value lines:
 *  - the main thread's cost of a keystroke (the note changed, the store
 *    told, the journal's bookkeeping): median and worst;
 *  - the journal's append path for one changed note (the note copied,
 *    the entry encoded and appended), median of the entries the typing
 *    made, each timed here in the same steps as the worker runs them;
 *  - how many entries and how many full rewrites of notes.json the
 *    typing caused;
 *  - a full rewrite of notes.json (what every save costs today), median
 *    of 3, for comparison.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "viva-note.h"
#include "viva-notes-journal.h"
#include "viva-notes-store-private.h"
#include "viva-notes-store.h"

#define BANK      "python-interview-questions"
#define KEY_MSEC  15

static double
ms_since (gint64 begin)
{
  return (double) (g_get_monotonic_time () - begin) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, (guint) ((values->len - 1) * p + 0.5));
}

typedef struct
{
  VivaNotesStore *store;
  VivaNote       *note;
  GString        *text;
  GArray         *key_ms;
  guint           keys_left;
  guint           full_writes;
  gboolean        was_saving;
} Typing;

static void
saving_cb (VivaNotesStore *store,
           GParamSpec     *pspec,
           Typing         *typing)
{
  gboolean saving = viva_notes_store_get_saving (store);

  if (saving && !typing->was_saving)
    typing->full_writes++;
  typing->was_saving = saving;
}

static gboolean
key_cb (gpointer user_data)
{
  Typing *typing = user_data;
  gint64 begin;
  double elapsed;

  if (typing->keys_left == 0)
    return G_SOURCE_REMOVE;

  g_string_append_c (typing->text, "abcdefghij "[typing->keys_left % 11]);
  begin = g_get_monotonic_time ();
  viva_note_set_text (typing->note, typing->text->str);
  elapsed = ms_since (begin);
  g_array_append_val (typing->key_ms, elapsed);
  typing->keys_left--;

  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_note_record_free);
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(GArray) key_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) append_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rewrite_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *journal_path = NULL;
  g_autofree char *journal = NULL;
  guint n_notes = 100000;
  guint n_keys = 300;
  Typing typing = { 0 };
  guint64 first_sequence;
  guint n_entries;
  gsize len;

  for (int i = 1; i + 1 < argc; i += 2)
    {
      if (strcmp (argv[i], "--notes") == 0)
        n_notes = (guint) g_ascii_strtoull (argv[i + 1], NULL, 10);
      else if (strcmp (argv[i], "--keys") == 0)
        n_keys = (guint) g_ascii_strtoull (argv[i + 1], NULL, 10);
    }

  dir = g_dir_make_tmp ("viva-journal-bench-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (dir, "notes.json", NULL);
  journal_path = viva_notes_journal_dup_path (path);

  for (guint i = 1; i <= n_notes; i++)
    g_ptr_array_add (records, viva_note_record_new (BANK, i,
                                                    "A note of about a paragraph, as a learner writes one: "
                                                    "what the question asks, the answer in a sentence or two, "
                                                    "and the trap to remember next time.",
                                                    VIVA_STATUS_LEARNING, i % 7 == 0, 1764547200000000));
  contents = viva_notes_serialize (records, &error);
  if (contents == NULL || !g_file_set_contents (path, g_bytes_get_data (contents, NULL),
                                                (gssize) g_bytes_get_size (contents), &error))
    g_error ("%s", error->message);
  g_print ("notes=%u\n", n_notes);
  g_print ("notes-bytes=%" G_GSIZE_FORMAT "\n", g_bytes_get_size (contents));

  store = viva_notes_store_new (path);
  if (!viva_notes_store_load (store, &error))
    g_error ("%s", error->message);

  /* Typing, on the main loop, with the store's own timers. */
  typing.store = store;
  typing.note = viva_notes_store_get_note (store, BANK, 1);
  typing.text = g_string_new (viva_note_get_text (typing.note));
  typing.key_ms = key_ms;
  typing.keys_left = n_keys;
  g_signal_connect (store, "notify::saving", G_CALLBACK (saving_cb), &typing);
  first_sequence = store->journal_sequence;
  g_timeout_add (KEY_MSEC, key_cb, &typing);
  while (typing.keys_left > 0)
    g_main_context_iteration (NULL, TRUE);
  /* The last entry, ~300 ms after the last key. */
  while (store->journal_source != 0 || store->journal_in_flight)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_data (store, &typing);
  n_entries = (guint) (store->journal_sequence - first_sequence);

  journal = NULL;
  if (!g_file_get_contents (journal_path, &journal, &len, NULL))
    len = 0;

  /* The append path of one changed note, as the worker runs it, once per
   * entry the typing made. */
  {
    g_autoptr(VivaNotesJournal) scratch = NULL;
    g_autofree char *scratch_dir = g_build_filename (dir, "scratch", NULL);
    g_autofree char *scratch_path = g_build_filename (scratch_dir, "notes.json", NULL);

    scratch = viva_notes_journal_new (scratch_path);
    for (guint i = 0; i < MAX (n_entries, 1); i++)
      {
        g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_note_record_free);
        g_autoptr(GBytes) entry = NULL;
        gint64 begin = g_get_monotonic_time ();
        double elapsed;

        g_ptr_array_add (one, _viva_notes_store_dup_record (store, typing.note));
        entry = viva_notes_journal_encode (i + 1, one, &error);
        if (entry == NULL || !viva_notes_journal_append (scratch, entry, &error))
          g_error ("%s", error->message);
        elapsed = ms_since (begin);
        g_array_append_val (append_ms, elapsed);
      }
  }

  /* What a save costs: the whole file, as today after every pause. */
  for (guint run = 0; run < 3; run++)
    {
      gint64 begin;
      double elapsed;

      viva_note_set_text (typing.note, run % 2 ? "odd" : "even");
      begin = g_get_monotonic_time ();
      if (!viva_notes_store_flush (store, &error))
        g_error ("%s", error->message);
      elapsed = ms_since (begin);
      g_array_append_val (rewrite_ms, elapsed);
    }
  while (store->journal_source != 0 || store->journal_in_flight)
    g_main_context_iteration (NULL, TRUE);

  g_print ("keys=%u\n", n_keys);
  g_print ("key-main-ms=%.3f\n", percentile (key_ms, 0.5));
  g_print ("key-main-max-ms=%.3f\n", percentile (key_ms, 1));
  g_print ("journal-entries=%u\n", n_entries);
  g_print ("journal-bytes-left=%" G_GSIZE_FORMAT "\n", len);
  g_print ("journal-append-ms=%.3f\n", percentile (append_ms, 0.5));
  g_print ("full-writes-while-typing=%u\n", typing.full_writes);
  g_print ("full-write-ms=%.1f\n", percentile (rewrite_ms, 0.5));

  g_string_free (typing.text, TRUE);
  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    g_autofree char *scratch_dir = g_build_filename (dir, "scratch", NULL);
    g_autoptr(GDir) s = g_dir_open (scratch_dir, 0, NULL);

    while (s != NULL && (name = g_dir_read_name (s)) != NULL)
      {
        g_autofree char *file = g_build_filename (scratch_dir, name, NULL);
        g_unlink (file);
      }
    g_rmdir (scratch_dir);
    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        g_unlink (file);
      }
    g_rmdir (dir);
  }

  return 0;
}
