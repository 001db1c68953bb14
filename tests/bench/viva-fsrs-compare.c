/* viva-fsrs-compare.c
 *
 * Viva's half of build-aux/fsrs-optimizer/compare: simulates a learner
 * (viva-fsrs-simulate.c) whose memory follows known FSRS-6 parameters,
 * scheduled with the defaults, writes the histories as fsrs-rs's
 * FSRSItems (one per training review, in time order: what fsrs-rs's
 * compute_parameters and evaluate take), fits them with Viva's optimizer
 * and prints the result as JSON. With --evaluate, prints Viva's log loss
 * and RMSE of other parameter sets on the same histories instead.
 *
 *   viva-fsrs-compare SEED QUESTIONS DAYS ITEMS.json
 *   viva-fsrs-compare SEED QUESTIONS DAYS --evaluate W0,...,W20 ...
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "viva-fsrs-optimizer.h"
#include "viva-fsrs-simulate.h"

#define NP VIVA_FSRS_N_PARAMS

/* The learner of tests/test-fsrs-optimizer.c: forgets faster than the
 * defaults say, with slower-growing memories. */
static const double learner[NP] = {
  0.15, 0.8, 1.5, 5.0,
  6.8, 0.9,
  2.2, 0.01,
  1.2, 0.2, 0.9,
  1.2, 0.08, 0.3, 1.8,
  0.5, 1.6,
  0.4, 0.3, 0.1,
  0.25,
};

typedef struct
{
  gint64 time;
  guint  question;
  guint  index;
} Item;

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *x = a;
  const Item *y = b;

  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  if (x->question != y->question)
    return x->question < y->question ? -1 : 1;
  return x->index < y->index ? -1 : (x->index > y->index ? 1 : 0);
}

/* Review days in UTC from 4 am, as the data set counts them. */
static gint64
day_of (gint64 time)
{
  return (time / G_USEC_PER_SEC - 4 * 3600) / 86400;
}

static void
print_parameters (FILE         *out,
                  const double *w)
{
  fputc ('[', out);
  for (guint i = 0; i < NP; i++)
    fprintf (out, "%s%.6f", i > 0 ? ", " : "", w[i]);
  fputc (']', out);
}

static gboolean
write_items (GArray      *histories,
             const char  *path,
             GError     **error)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (Item));
  g_autoptr(GString) json = g_string_new ("{\"items\": [\n");

  for (guint q = 0; q < histories->len; q++)
    {
      const VivaSimulatedHistory *history = &g_array_index (histories, VivaSimulatedHistory, q);

      for (guint i = 1; i < history->n_entries; i++)
        if (day_of (history->entries[i].time) > day_of (history->entries[i - 1].time))
          {
            Item item = { history->entries[i].time, q, i };

            g_array_append_val (items, item);
          }
    }
  g_array_sort (items, compare_items);

  for (guint k = 0; k < items->len; k++)
    {
      const Item *item = &g_array_index (items, Item, k);
      const VivaSimulatedHistory *history = &g_array_index (histories, VivaSimulatedHistory, item->question);

      g_string_append (json, k > 0 ? ",\n[" : "[");
      for (guint i = 0; i <= item->index; i++)
        {
          gint64 delta = i == 0 ? 0 : day_of (history->entries[i].time) - day_of (history->entries[i - 1].time);

          g_string_append_printf (json, "%s[%d, %" G_GINT64_FORMAT "]", i > 0 ? ", " : "",
                                  (int) history->entries[i].grade, delta);
        }
      g_string_append_c (json, ']');
    }
  g_string_append (json, "\n]}\n");

  return g_file_set_contents (path, json->str, (gssize) json->len, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) histories = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(VivaFsrsDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  VivaFsrsOptimizerResult result;
  gint64 start;
  guint seed, n_questions, n_days;

  if (argc < 5)
    {
      g_printerr ("usage: %s SEED QUESTIONS DAYS ITEMS.json | --evaluate W,... ...\n", argv[0]);
      return 2;
    }
  seed = (guint) g_ascii_strtoull (argv[1], NULL, 10);
  n_questions = (guint) g_ascii_strtoull (argv[2], NULL, 10);
  n_days = (guint) g_ascii_strtoull (argv[3], NULL, 10);

  histories = viva_fsrs_simulate (learner, viva_fsrs_default_parameters, n_questions, n_days, seed);
  dataset = viva_fsrs_dataset_new (utc, 4);
  for (guint q = 0; q < histories->len; q++)
    {
      const VivaSimulatedHistory *history = &g_array_index (histories, VivaSimulatedHistory, q);

      viva_fsrs_dataset_add_history (dataset, history->entries, history->n_entries);
    }

  if (g_str_equal (argv[4], "--evaluate"))
    {
      for (int a = 5; a < argc; a++)
        {
          g_auto(GStrv) values = g_strsplit (argv[a], ",", -1);
          double w[NP], loss, rmse;

          if (g_strv_length (values) != NP)
            {
              g_printerr ("%s: %u values, not %u\n", argv[a], g_strv_length (values), NP);
              return 2;
            }
          for (guint i = 0; i < NP; i++)
            w[i] = g_ascii_strtod (values[i], NULL);
          if (!viva_fsrs_dataset_evaluate (dataset, w, &loss, &rmse))
            return 1;
          g_print ("%.6f %.6f\n", loss, rmse);
        }
      return 0;
    }

  if (!write_items (histories, argv[4], &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  start = g_get_monotonic_time ();
  if (!viva_fsrs_optimize (dataset, NULL, NULL, NULL, NULL, &result, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print ("{\"reviews\": %u, \"seconds\": %.3f, \"true\": ", result.n_reviews,
           (g_get_monotonic_time () - start) / 1e6);
  print_parameters (stdout, learner);
  g_print (", \"viva\": ");
  print_parameters (stdout, result.parameters);
  g_print (", \"defaults_log_loss\": %.6f, \"defaults_rmse\": %.6f"
           ", \"viva_log_loss\": %.6f, \"viva_rmse\": %.6f}\n",
           result.log_loss_before, result.rmse_before,
           result.log_loss_after, result.rmse_after);

  return 0;
}
