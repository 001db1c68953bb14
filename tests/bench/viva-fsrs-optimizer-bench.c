/* viva-fsrs-optimizer-bench.c
 *
 * build-aux/bench's FSRS optimizer figure: the wall time of fitting
 * (viva_fsrs_optimize, synchronously, from histories already read) on
 * about 10,000 and 100,000 training reviews simulated from known
 * parameters, median of RUNS runs. Prints key=value lines; asserts
 * nothing.
 *
 *   viva-fsrs-optimizer-bench [--runs N] [REVIEWS...]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "viva-fsrs-optimizer.h"
#include "viva-fsrs-simulate.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : (x > y ? 1 : 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  guint runs = 3;
  int first = 1;

  if (argc > 2 && g_str_equal (argv[1], "--runs"))
    {
      runs = MAX ((guint) g_ascii_strtoull (argv[2], NULL, 10), 1u);
      first = 3;
    }

  for (int a = first; a < MAX (argc, first + 1); a++)
    {
      guint target = a < argc ? (guint) g_ascii_strtoull (argv[a], NULL, 10) : 10000;
      /* The simulated learner averages about eight training reviews per
       * question over a year. */
      g_autoptr(GArray) histories = viva_fsrs_simulate (viva_fsrs_default_parameters, NULL,
                                                        MAX (target / 8, 1u), 365, 1);
      g_autofree double *times = g_new (double, runs);
      VivaFsrsOptimizerResult result = { 0 };

      for (guint run = 0; run < runs; run++)
        {
          g_autoptr(VivaFsrsDataset) dataset = viva_fsrs_dataset_new (utc, 4);
          g_autoptr(GError) error = NULL;
          gint64 start;

          for (guint q = 0; q < histories->len; q++)
            {
              const VivaSimulatedHistory *history = &g_array_index (histories, VivaSimulatedHistory, q);

              viva_fsrs_dataset_add_history (dataset, history->entries, history->n_entries);
            }
          start = g_get_monotonic_time ();
          if (!viva_fsrs_optimize (dataset, NULL, NULL, NULL, NULL, &result, &error))
            {
              g_printerr ("%s\n", error->message);
              return 1;
            }
          times[run] = (g_get_monotonic_time () - start) / 1000.0;
        }
      qsort (times, runs, sizeof *times, compare_doubles);
      g_print ("%u.reviews=%u\n", target, result.n_reviews);
      g_print ("%u.median-ms=%.1f\n", target, times[runs / 2]);
      g_print ("%u.runs=%u\n", target, runs);
    }

  return 0;
}
