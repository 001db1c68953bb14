/* viva-review-bench.c
 *
 * Review's half of build-aux/bench: a bank of 100,000 questions (by
 * default), each graded 20 times over the last year; then every
 * question's memory replayed from its history (viva_scheduler_replay(),
 * as a file from before FSRS is read), and what Review and the progress
 * page compute from it: the day's queue, expected recall (of the bank,
 * each level and each topic), the charts (reviews due per day for 30
 * days, reviews per day for a year, the streaks), and both in the one
 * pass the page makes. Prints "key=value" lines for build-aux/bench;
 * asserts nothing about time.
 *
 *   viva-review-bench [--questions N] [--reviews R] [--runs K]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "viva-bank.h"
#include "viva-note.h"
#include "viva-notes-store-private.h"
#include "viva-notes-store.h"
#include "viva-review-queue.h"
#include "viva-review-stats.h"

#include "viva-bench-data.h"

#define DAY (24 * G_TIME_SPAN_HOUR)

static int n_questions = 100000;
static int n_reviews = 20;
static int runs = 5;

static const GOptionEntry entries[] = {
  { "questions", 0, 0, G_OPTION_ARG_INT, &n_questions, "Questions in the bank, a multiple of 200", "N" },
  { "reviews", 0, 0, G_OPTION_ARG_INT, &n_reviews, "Reviews per question", "R" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each measure (the median is printed)", "K" },
  { NULL }
};

static double
ms_since (gint64 begin)
{
  return (g_get_monotonic_time () - begin) / 1000.0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_double);

  return g_array_index (times, double, times->len / 2);
}

/* Grades as people give them: mostly Good, some of each other. */
static VivaReviewGrade
random_grade (GRand *rand)
{
  double x = g_rand_double (rand);

  if (x < 0.10)
    return VIVA_REVIEW_GRADE_AGAIN;
  if (x < 0.25)
    return VIVA_REVIEW_GRADE_HARD;
  if (x < 0.85)
    return VIVA_REVIEW_GRADE_GOOD;
  return VIVA_REVIEW_GRADE_EASY;
}

/* Every question graded @n_reviews times over the last year, at
 * spread-out hours, through the note as Review grades it. */
static void
grade_history (VivaNotesStore *store,
               VivaBank       *bank,
               gint64          now)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (12);
  const gint64 first = now - 365 * DAY;
  const gint64 step = 360 * DAY / MAX (n_reviews, 1);

  for (int number = 1; number <= n_questions; number++)
    {
      VivaNote *note = viva_notes_store_get_note (store, viva_bank_get_id (bank), (guint) number);
      gint64 offset = (number % 97) * (step / 97);

      for (int i = 0; i < n_reviews; i++)
        viva_note_review (note, random_grade (rand), VIVA_REVIEW_SOURCE_REVIEW, first + offset + i * step);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- measure Review on a large history");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(VivaBank) bank = NULL;
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(GArray) queue_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) replay_times = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *stats_times[3];
  g_autoptr(GTimeZone) local = NULL;
  VivaSchedulerConfig config;
  double expected = 0;
  guint n_remembered = 0;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  gint64 now = g_get_real_time ();
  VivaReviewDay day;
  gint64 begin;
  guint n_due = 0;
  guint n_history = 0;

  for (guint i = 0; i < G_N_ELEMENTS (stats_times); i++)
    stats_times[i] = g_array_new (FALSE, FALSE, sizeof (double));
  viva_scheduler_config_init (&config);
  /* The local zone held, as the context holds it: with none, every
   * review day is found in a zone made afresh, which reads
   * /etc/localtime each time. */
  config.tz = local = g_time_zone_new_local ();

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (n_questions <= 0 || n_questions % VIVA_BENCH_BANK_TOPICS != 0 || n_reviews < 0 || runs <= 0)
    {
      g_printerr ("--questions is a positive multiple of %d; --reviews and --runs are positive\n",
                  VIVA_BENCH_BANK_TOPICS);
      return EXIT_FAILURE;
    }

  bytes = viva_bench_generate_bank ((guint) n_questions, &error);
  if (bytes == NULL)
    g_error ("%s", error->message);
  bank = viva_bank_new_from_bytes (bytes, "review-bench", &error);
  if (bank == NULL)
    g_error ("%s", error->message);

  dir = g_dir_make_tmp ("viva-review-bench-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (dir, "notes.json", NULL);
  store = viva_notes_store_new (path);
  viva_notes_store_load (store, NULL);
  /* Nothing is saved while measuring. */
  viva_notes_store_set_autosave_delay (store, G_MAXUINT);
  /* Graded without load balancing: the history is made up, and each of
   * its two million grades would otherwise ask how many are due on the
   * days in its fuzz range. */
  viva_notes_store_set_scheduler_config (store, &config);

  begin = g_get_monotonic_time ();
  grade_history (store, bank, now);
  g_print ("questions=%d\n", n_questions);
  g_print ("reviews-per-question=%d\n", n_reviews);
  g_print ("history-grade-ms=%.1f\n", ms_since (begin));

  viva_review_day_init (&day, now, local, VIVA_REVIEW_DAY_START_HOUR);
  for (int run = 0; run < runs; run++)
    {
      g_autoptr(GPtrArray) queue = NULL;
      VivaReviewCounts counts;
      double ms;

      begin = g_get_monotonic_time ();
      queue = viva_review_queue_build (store, viva_bank_get_id (bank), viva_bank_get_questions (bank), &day,
                                       200, 20, &counts);
      ms = ms_since (begin);
      g_array_append_val (queue_times, ms);
      n_due = counts.due;
    }
  g_print ("queue-ms=%.2f\n", median (queue_times));
  g_print ("queue-due=%u\n", n_due);

  /* Every question's memory and schedule replayed from its history, as
   * a file from before FSRS is read. */
  for (int run = 0; run < runs; run++)
    {
      double ms;

      begin = g_get_monotonic_time ();
      for (int number = 1; number <= n_questions; number++)
        {
          VivaNote *note = viva_notes_store_lookup_note (store, viva_bank_get_id (bank), (guint) number);
          const VivaReviewEntry *history;
          VivaReviewState state;
          guint n_entries;

          history = viva_note_get_history (note, &n_entries);
          viva_scheduler_replay (&config, history, n_entries, &state);
          n_remembered += state.stability > 0;
        }
      ms = ms_since (begin);
      g_array_append_val (replay_times, ms);
    }
  g_print ("replay-ms=%.1f\n", median (replay_times));

  for (int run = 0; run < runs; run++)
    {
      static const VivaReviewStatsFlags what[] = {
        VIVA_REVIEW_STATS_RECALL, VIVA_REVIEW_STATS_CHARTS, VIVA_REVIEW_STATS_ALL,
      };

      for (guint i = 0; i < G_N_ELEMENTS (what); i++)
        {
          g_autoptr(VivaReviewStats) stats = NULL;
          double ms;

          begin = g_get_monotonic_time ();
          stats = viva_review_stats_new (store, bank, &config, now, G_DATE_MONDAY, what[i]);
          ms = ms_since (begin);
          g_array_append_val (stats_times[i], ms);
          if (stats->activity != NULL)
            n_history = viva_review_activity_get_total (stats->activity);
          if (what[i] & VIVA_REVIEW_STATS_RECALL)
            expected = stats->recall.expected;
        }
    }
  g_print ("recall-ms=%.2f\n", median (stats_times[0]));
  g_print ("recall-expected=%.0f\n", expected);
  g_print ("charts-ms=%.2f\n", median (stats_times[1]));
  g_print ("charts-reviews-counted=%u\n", n_history);
  g_print ("page-stats-ms=%.2f\n", median (stats_times[2]));

  for (guint i = 0; i < G_N_ELEMENTS (stats_times); i++)
    g_array_unref (stats_times[i]);
  g_clear_object (&store);
  {
    g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
    const char *name;

    while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);

        g_unlink (file);
      }
  }
  g_rmdir (dir);

  return EXIT_SUCCESS;
}
