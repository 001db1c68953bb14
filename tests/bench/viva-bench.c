/* viva-bench.c
 *
 * The data layer's half of build-aux/bench, for one bank size per
 * process (so that its peak RSS is that size's): parsing the bank,
 * loading and saving notes on a tenth of its questions, and searching
 * as someone types. Prints "key=value" lines for build-aux/bench to put
 * in a table; asserts nothing about time.
 *
 *   viva-bench --size N           measure a bank of N questions (415 is
 *                                 the bundled bank; otherwise a multiple
 *                                 of 200, generated)
 *   viva-bench --size N --answers measure the parse and peak RSS of a
 *                                 generated bank of N questions with an
 *                                 answer after each (not for 415)
 *   viva-bench --size N --write-fixture DIR
 *                                 write DIR/bench-N.md (not for 415) and
 *                                 DIR/notes.json with notes on a tenth of
 *                                 its questions, for a startup run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <glib/gstdio.h>

#include "viva-bank.h"
#include "viva-level.h"
#include "viva-note.h"
#include "viva-notes-file.h"
#include "viva-notes-search.h"
#include "viva-notes-store-private.h"
#include "viva-notes-store.h"
#include "viva-progress.h"
#include "viva-search.h"
#include "viva-question.h"
#include "viva-resources.h"

#include "viva-bench-data.h"

#define BUNDLED_SIZE 415
/* One note in NOTES_EVERY questions: a tenth. */
#define NOTES_EVERY  10

static int size = BUNDLED_SIZE;
static char *fixture_dir;
static gboolean with_answers;

static const GOptionEntry entries[] = {
  { "size", 0, 0, G_OPTION_ARG_INT, &size, "Questions in the bank (415: the bundled bank)", "N" },
  { "write-fixture", 0, 0, G_OPTION_ARG_FILENAME, &fixture_dir, "Write the bank and its notes to DIR", "DIR" },
  { "answers", 0, 0, G_OPTION_ARG_NONE, &with_answers, "An answer after every question; the parse only", NULL },
  { NULL }
};

static double
ms_since (gint64 begin)
{
  return (g_get_monotonic_time () - begin) / 1000.0;
}

/* The calling thread's CPU time, in milliseconds: on a shared machine
 * the wall clock also counts the time other processes had the CPU. */
static double
thread_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);

  return now.tv_sec * 1000.0 + now.tv_nsec / 1000000.0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The sample at @fraction of the way up, nearest-rank: 0.5 is the
 * median, 0.95 the 95th percentile. Sorts @times. */
static double
percentile (GArray *times,
            double  fraction)
{
  guint rank;

  g_assert (times->len > 0);

  g_array_sort (times, compare_double);
  rank = (guint) (fraction * times->len + 0.999999);
  rank = CLAMP (rank, 1, times->len);

  return g_array_index (times, double, rank - 1);
}

static void
print_ms (const char *key,
          double      ms)
{
  g_print ("%s=%.3f\n", key, ms);
}

/* Bigger banks take longer per run: fewer runs keep the whole benchmark
 * to a few minutes. */
static guint
runs_for_size (guint n_questions)
{
  if (n_questions >= 100000)
    return 5;
  if (n_questions >= 10000)
    return 15;
  return 40;
}

static GBytes *
bank_bytes (guint    n_questions,
            GError **error)
{
  if (n_questions == BUNDLED_SIZE)
    return g_resource_lookup_data (viva_get_resource (), VIVA_BUNDLED_BANK_RESOURCE,
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, error);

  if (with_answers)
    return viva_bench_generate_bank_with_answers (n_questions, error);

  return viva_bench_generate_bank (n_questions, error);
}

static char *
bank_id (guint n_questions)
{
  if (n_questions == BUNDLED_SIZE)
    return g_strdup (VIVA_BUNDLED_BANK_ID);

  return g_strdup_printf ("bench-%u", n_questions);
}

/* Bank parse and model build */

/* The bank as Viva opens it: from a file, which is all the process
 * holds of it before the parse. The generator's own string is gone by
 * then, so that the peak RSS is Viva's and not the benchmark's. */
static GFile *
write_bank (guint       n_questions,
            const char *dir,
            gsize      *out_size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = bank_bytes (n_questions, &error);
  g_autofree char *id = bank_id (n_questions);
  g_autofree char *name = g_strconcat (id, ".md", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  if (bytes == NULL)
    g_error ("%s", error->message);
  if (!g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
    g_error ("%s", error->message);
  *out_size = g_bytes_get_size (bytes);

  return g_file_new_for_path (path);
}

static VivaBank *
measure_parse (GFile *file,
               gsize  file_size,
               guint  runs)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  VivaBank *bank = NULL;

  for (guint run = 0; run < runs; run++)
    {
      gint64 begin;
      double elapsed;

      g_clear_object (&bank);
      begin = g_get_monotonic_time ();
      bank = viva_bank_new_from_file (file, NULL, &error);
      elapsed = ms_since (begin);
      if (bank == NULL)
        g_error ("could not parse the bank: %s", error->message);
      g_array_append_val (times, elapsed);
    }

  g_print ("bank-questions=%u\n", viva_bank_get_n_questions (bank));
  g_print ("bank-bytes=%" G_GSIZE_FORMAT "\n", file_size);
  print_ms ("parse-min-ms", percentile (times, 0));
  print_ms ("parse-ms", percentile (times, 0.5));

  return bank;
}

/* Notes: load, and save in its two halves */

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  if (!viva_notes_store_save_finish (VIVA_NOTES_STORE (object), result, &error))
    g_error ("could not save notes: %s", error->message);
  *done = TRUE;
}

static GPtrArray *
read_records (const char *path)
{
  g_autoptr(VivaNotesFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (!viva_notes_file_read (path, &file, &error))
    g_error ("could not read %s back: %s", path, error->message);

  return g_steal_pointer (&file->records);
}

/* Returns the store with its notes, for the search. */
static VivaNotesStore *
measure_notes (VivaBank *bank,
               guint     runs)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *lock = NULL;
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(GArray) load = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) load_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) main_thread = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) until_written = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) json = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) worker = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) disk = g_array_new (FALSE, FALSE, sizeof (double));
  VivaNote *edited;
  GStatBuf st;
  guint n_notes;

  /* On the disk that holds the user's home here, so that fsync costs
   * what it costs a user. */
  dir = g_dir_make_tmp ("viva-bench-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (dir, "notes.json", NULL);
  backup = viva_notes_dup_backup_path (path);
  lock = g_strconcat (path, ".lock", NULL);

  store = viva_notes_store_new (path);
  if (!viva_notes_store_load (store, &error))
    g_error ("%s", error->message);
  n_notes = viva_bench_add_notes (store, bank, NOTES_EVERY);
  if (!viva_notes_store_flush (store, &error))
    g_error ("%s", error->message);

  g_stat (path, &st);
  g_print ("notes=%u\n", n_notes);
  g_print ("notes-bytes=%" G_GINT64_FORMAT "\n", (gint64) st.st_size);

  /* Saving as the window does after an edit: the snapshot on the main
   * thread, the rest in a worker, then the callback on the main loop. */
  edited = viva_notes_store_get_note (store, viva_bank_get_id (bank),
                                      viva_question_get_number (viva_bank_lookup_question (bank, 1)));
  for (guint run = 0; run < runs; run++)
    {
      g_autofree char *text = g_strdup_printf ("Edited %u times.", run + 1);
      gboolean done = FALSE;
      gint64 begin;
      double elapsed;

      viva_note_set_text (edited, text);
      begin = g_get_monotonic_time ();
      viva_notes_store_save_async (store, NULL, save_cb, &done);
      elapsed = ms_since (begin);
      g_array_append_val (main_thread, elapsed);

      begin = g_get_monotonic_time ();
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      elapsed = ms_since (begin);
      g_array_append_val (until_written, elapsed);
    }

  /* The worker's two parts, run here in the same steps: the JSON, then
   * the locked, backed-up, atomic and durable write. */
  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(GPtrArray) records = read_records (path);
      g_autoptr(GBytes) bytes = NULL;
      VivaNotesWrite *job;
      VivaFileStamp stamp;
      gint64 begin;
      double json_ms;
      double worker_ms;
      double disk_ms;

      begin = g_get_monotonic_time ();
      bytes = viva_notes_serialize (records, &error);
      json_ms = ms_since (begin);
      if (bytes == NULL)
        g_error ("%s", error->message);
      /* The worker holds one snapshot and its JSON at a time. */
      g_clear_pointer (&bytes, g_bytes_unref);
      g_clear_pointer (&records, g_ptr_array_unref);

      if (!viva_file_stamp_query (&stamp, path, NULL))
        g_error ("could not stat %s", path);
      job = viva_notes_write_new (path, read_records (path), &stamp);
      begin = g_get_monotonic_time ();
      if (!viva_notes_write_run (job, &error))
        g_error ("%s", error->message);
      worker_ms = ms_since (begin);
      if (job->outcome != VIVA_NOTES_WRITE_WROTE)
        g_error ("the notes file changed under the benchmark");
      viva_notes_write_free (job);

      disk_ms = MAX (0, worker_ms - json_ms);
      g_array_append_val (json, json_ms);
      g_array_append_val (worker, worker_ms);
      g_array_append_val (disk, disk_ms);
    }

  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(VivaNotesStore) reread = viva_notes_store_new (path);
      gint64 begin = g_get_monotonic_time ();
      double cpu_begin = thread_cpu_ms ();
      double elapsed;
      double cpu;

      if (!viva_notes_store_load (reread, &error))
        g_error ("%s", error->message);
      elapsed = ms_since (begin);
      cpu = thread_cpu_ms () - cpu_begin;
      g_array_append_val (load_cpu, cpu);
      if (viva_notes_store_get_n_notes (reread) != n_notes)
        g_error ("read back %u notes of %u", viva_notes_store_get_n_notes (reread), n_notes);
      g_array_append_val (load, elapsed);
    }

  print_ms ("notes-load-ms", percentile (load, 0.5));
  print_ms ("notes-load-cpu-ms", percentile (load_cpu, 0.5));
  print_ms ("notes-save-main-ms", percentile (main_thread, 0.5));
  print_ms ("notes-save-main-max-ms", percentile (main_thread, 1));
  print_ms ("notes-save-until-written-ms", percentile (until_written, 0.5));
  print_ms ("notes-save-json-ms", percentile (json, 0.5));
  print_ms ("notes-save-disk-ms", percentile (disk, 0.5));
  print_ms ("notes-save-worker-ms", percentile (worker, 0.5));

  g_unlink (path);
  g_unlink (backup);
  g_unlink (lock);
  g_rmdir (dir);

  return g_steal_pointer (&store);
}

/* Search */

typedef struct
{
  VivaBank        *bank;
  VivaNotesStore  *notes;
  VivaSearchIndex *index;
  GArray          *positions;
} BenchSearch;

/* One keystroke, as the sidebar's search field does it
 * (viva-sidebar-search.c, without the widgets): run the query through
 * the search index, questions and notes, which narrows the previous
 * keystroke's matches when the text only grew. The index is built on
 * the first keystroke, as in Viva. Returns how many questions match. */
static guint
bench_search (BenchSearch *search,
              const char  *text)
{
  if (search->index == NULL)
    search->index = viva_notes_search_new (search->bank, search->notes);

  viva_search_run (search->index, text, NULL, search->positions);

  return search->positions->len;
}

/* "decorator" typed a letter at a time, then deleted back to "d". */
static GPtrArray *
typing_sequence (const char *word)
{
  GPtrArray *keystrokes = g_ptr_array_new_with_free_func (g_free);
  gsize len = strlen (word);

  for (gsize i = 1; i <= len; i++)
    g_ptr_array_add (keystrokes, g_strndup (word, i));
  for (gsize i = len - 1; i >= 1; i--)
    g_ptr_array_add (keystrokes, g_strndup (word, i));

  return keystrokes;
}

static void
measure_search (VivaBank       *bank,
                VivaNotesStore *notes)
{
  g_autoptr(GPtrArray) keystrokes = typing_sequence ("decorator");
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  BenchSearch search = { bank, notes, NULL, g_array_new (FALSE, FALSE, sizeof (guint)) };
  guint passes = 5;
  guint n_matches = 0;
  double first_ms;

  /* The very first keystroke on a bank also builds the search index
   * (done on first use): counted apart. */
  {
    gint64 begin = g_get_monotonic_time ();

    bench_search (&search, g_ptr_array_index (keystrokes, 0));
    first_ms = ms_since (begin);
  }

  for (guint pass = 0; pass < passes; pass++)
    {
      for (guint i = 0; i < keystrokes->len; i++)
        {
          gint64 begin = g_get_monotonic_time ();
          guint found = bench_search (&search, g_ptr_array_index (keystrokes, i));
          double elapsed = ms_since (begin);

          g_array_append_val (times, elapsed);
          if (i == keystrokes->len / 2)
            n_matches = found;
        }
    }

  g_clear_object (&search.index);
  g_clear_pointer (&search.positions, g_array_unref);

  g_print ("search-keystrokes=%u\n", times->len);
  g_print ("search-matches=%u\n", n_matches);
  print_ms ("search-first-ms", first_ms);
  print_ms ("search-median-ms", percentile (times, 0.5));
  print_ms ("search-p95-ms", percentile (times, 0.95));
  print_ms ("search-max-ms", percentile (times, 1));
}

/* Startup fixtures */

static void
write_fixture (guint       n_questions,
               const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = bank_bytes (n_questions, &error);
  g_autofree char *id = bank_id (n_questions);
  g_autofree char *notes_path = g_build_filename (dir, "notes.json", NULL);
  g_autoptr(VivaBank) bank = NULL;
  g_autoptr(VivaNotesStore) store = NULL;

  if (bytes == NULL)
    g_error ("%s", error->message);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    g_error ("could not create %s", dir);

  if (n_questions != BUNDLED_SIZE)
    {
      g_autofree char *name = g_strconcat (id, ".md", NULL);
      g_autofree char *bank_path = g_build_filename (dir, name, NULL);

      if (!g_file_set_contents (bank_path, g_bytes_get_data (bytes, NULL),
                                g_bytes_get_size (bytes), &error))
        g_error ("%s", error->message);
      g_print ("bank-path=%s\n", bank_path);
    }

  bank = viva_bank_new_from_bytes (bytes, id, &error);
  if (bank == NULL)
    g_error ("%s", error->message);

  g_unlink (notes_path);
  store = viva_notes_store_new (notes_path);
  if (!viva_notes_store_load (store, &error))
    g_error ("%s", error->message);
  g_print ("notes=%u\n", viva_bench_add_notes (store, bank, NOTES_EVERY));
  if (!viva_notes_store_flush (store, &error))
    g_error ("%s", error->message);
  g_print ("notes-path=%s\n", notes_path);
}

/* What opening a bank costs the study state: reading every note of the
 * bank into the per-question status, star and counts that the sidebar
 * and the progress page show (viva_progress_new()); then what one
 * changed note costs it, through the notes store as an edit does. */
static void
measure_apply (VivaBank       *bank,
               VivaNotesStore *notes,
               guint           runs)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(VivaProgress) progress = NULL;

  for (guint run = 0; run < runs; run++)
    {
      gint64 begin = g_get_monotonic_time ();
      g_autoptr(VivaProgress) built = viva_progress_new (bank, notes);
      double ms = ms_since (begin);

      g_array_append_val (times, ms);
    }
  print_ms ("notes-apply-ms", percentile (times, 0.5));

  progress = viva_progress_new (bank, notes);
  for (guint i = 0; i < 200; i++)
    {
      VivaNote *note = viva_notes_store_get_note (notes, viva_bank_get_id (bank), 1 + i * NOTES_EVERY);
      gint64 begin = g_get_monotonic_time ();
      double ms;

      viva_note_set_status (note, (viva_note_get_status (note) + 1) % 3);
      ms = ms_since (begin);
      g_array_append_val (changes, ms);
    }
  print_ms ("note-change-ms", percentile (changes, 0.5));

  if (!viva_notes_store_flush (notes, NULL))
    g_error ("could not save the changed notes");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- measure Viva's data layer");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) bank_file = NULL;
  g_autoptr(VivaBank) bank = NULL;
  g_autoptr(VivaNotesStore) notes = NULL;
  g_autofree char *dir = NULL;
  struct rusage usage;
  gsize bank_size = 0;
  guint runs;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  if (size <= 0 || (size != BUNDLED_SIZE && size % VIVA_BENCH_BANK_TOPICS != 0))
    {
      g_printerr ("--size is %d or a multiple of %d\n", BUNDLED_SIZE, VIVA_BENCH_BANK_TOPICS);
      return EXIT_FAILURE;
    }

  if (with_answers && (size == BUNDLED_SIZE || fixture_dir != NULL))
    {
      g_printerr ("--answers is for a generated bank, without --write-fixture\n");
      return EXIT_FAILURE;
    }

  if (fixture_dir != NULL)
    {
      write_fixture (size, fixture_dir);
      return EXIT_SUCCESS;
    }

  runs = runs_for_size (size);
  dir = g_dir_make_tmp ("viva-bench-bank-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  bank_file = write_bank (size, dir, &bank_size);

  g_print ("size=%d\n", size);
  g_print ("runs=%u\n", runs);
  bank = measure_parse (bank_file, bank_size, runs);
  g_file_delete (bank_file, NULL, NULL);
  g_rmdir (dir);

  if (with_answers)
    {
      guint answered = 0;
      gint64 begin = g_get_monotonic_time ();

      /* Answers are normalized when first read: all of them, once. */
      for (guint i = 0; i < viva_bank_get_n_questions (bank); i++)
        {
          g_autoptr(VivaQuestion) question = g_list_model_get_item (viva_bank_get_questions (bank), i);

          if (viva_question_get_answer (question) != NULL)
            answered++;
        }
      print_ms ("answers-all-ms", ms_since (begin));
      g_print ("answered=%u\n", answered);
      getrusage (RUSAGE_SELF, &usage);
      g_print ("peak-rss-kib=%ld\n", usage.ru_maxrss);
      return EXIT_SUCCESS;
    }

  notes = measure_notes (bank, runs);
  measure_apply (bank, notes, runs);
  measure_search (bank, notes);

  getrusage (RUSAGE_SELF, &usage);
  g_print ("peak-rss-kib=%ld\n", usage.ru_maxrss);

  return EXIT_SUCCESS;
}
