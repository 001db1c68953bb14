/* viva-fsrs-optimizer-init.c
 *
 * Before the gradient descent, as fsrs-rs's dataset.rs and
 * parameter_initialization.rs: which questions are outliers, and the
 * first stabilities w[0..3] fitted to how first reviews went. See
 * viva-fsrs-optimizer.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <float.h>
#include <math.h>

#include "viva-fsrs-optimizer-private.h"

/* A question's first grade and the days to its first training review,
 * or FALSE if it has none. */
gboolean
_viva_fsrs_card_first_long_term (VivaFsrsDataset *dataset,
                                 const Card      *card,
                                 guint           *first_rating,
                                 guint32         *delta_t,
                                 gboolean        *recalled)
{
  for (guint i = 1; i < card->n; i++)
    {
      const Review *review = card_review (dataset, card, i);

      if (review->delta_t > 0)
        {
          *first_rating = card_review (dataset, card, 0)->rating;
          *delta_t = review->delta_t;
          *recalled = review->rating > 1;
          return TRUE;
        }
    }

  return FALSE;
}

typedef struct
{
  guint32 delta_t;
  guint   count;
  guint   recalled;
} DeltaGroup;

static int
compare_groups_for_outliers (gconstpointer a,
                             gconstpointer b)
{
  const DeltaGroup *x = a;
  const DeltaGroup *y = b;

  /* Largest first, then the longest delta first (fsrs-rs's order). */
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  if (x->delta_t != y->delta_t)
    return x->delta_t > y->delta_t ? -1 : 1;
  return 0;
}

static int
compare_groups_by_delta (gconstpointer a,
                         gconstpointer b)
{
  const DeltaGroup *x = a;
  const DeltaGroup *y = b;

  return x->delta_t < y->delta_t ? -1 : (x->delta_t > y->delta_t ? 1 : 0);
}

/* Groups the first training reviews of each first grade by delta. */
static GArray *
first_review_groups (VivaFsrsDataset *dataset,
                     guint            rating,
                     const gboolean  *keep)
{
  g_autoptr(GHashTable) index = g_hash_table_new (NULL, NULL);
  GArray *groups = g_array_new (FALSE, FALSE, sizeof (DeltaGroup));

  for (guint c = 0; c < dataset->cards->len; c++)
    {
      const Card *card = &g_array_index (dataset->cards, Card, c);
      guint first_rating;
      guint32 delta_t;
      gboolean recalled;
      gpointer slot;
      DeltaGroup *group;

      if ((keep != NULL && !keep[c])
          || !_viva_fsrs_card_first_long_term (dataset, card, &first_rating, &delta_t, &recalled)
          || first_rating != rating)
        continue;

      if (g_hash_table_lookup_extended (index, GUINT_TO_POINTER (delta_t), NULL, &slot))
        group = &g_array_index (groups, DeltaGroup, GPOINTER_TO_UINT (slot));
      else
        {
          DeltaGroup empty = { delta_t, 0, 0 };

          g_hash_table_insert (index, GUINT_TO_POINTER (delta_t), GUINT_TO_POINTER (groups->len));
          g_array_append_val (groups, empty);
          group = &g_array_index (groups, DeltaGroup, groups->len - 1);
        }
      group->count++;
      group->recalled += recalled;
    }

  return groups;
}

/* fsrs-rs's compute_outlier_analysis: which questions train (@keep) and
 * which first reviews pre-train (@initialization, a subset). */
void
_viva_fsrs_filter_outliers (VivaFsrsDataset *dataset,
                            gboolean        *keep,
                            gboolean        *initialization)
{
  for (guint c = 0; c < dataset->cards->len; c++)
    keep[c] = initialization[c] = TRUE;

  for (guint rating = 1; rating <= 4; rating++)
    {
      g_autoptr(GArray) groups = first_review_groups (dataset, rating, NULL);
      g_autoptr(GHashTable) removed = g_hash_table_new (NULL, NULL);
      guint total = 0, has_been_removed = 0;

      g_array_sort (groups, compare_groups_for_outliers);
      for (guint i = 0; i < groups->len; i++)
        total += g_array_index (groups, DeltaGroup, i).count;

      /* From the smallest group up. */
      for (guint i = groups->len; i-- > 0;)
        {
          const DeltaGroup *group = &g_array_index (groups, DeltaGroup, i);

          if (has_been_removed + group->count >= MAX (20u, total / 20))
            {
              if (!(group->count >= 6 && group->delta_t <= (rating != 4 ? 100u : 365u)))
                g_hash_table_add (removed, GUINT_TO_POINTER (group->delta_t));
            }
          else
            {
              has_been_removed += group->count;
              g_hash_table_add (removed, GUINT_TO_POINTER (group->delta_t));
            }
        }

      for (guint c = 0; c < dataset->cards->len; c++)
        {
          const Card *card = &g_array_index (dataset->cards, Card, c);
          guint first_rating;
          guint32 delta_t;
          gboolean recalled;

          if (_viva_fsrs_card_first_long_term (dataset, card, &first_rating, &delta_t, &recalled)
              && first_rating == rating
              && g_hash_table_contains (removed, GUINT_TO_POINTER (delta_t)))
            keep[c] = initialization[c] = FALSE;
        }
    }
}

/* The pre-training loss of S0 on one first grade's groups. */
static double
initial_stability_loss (const GArray *groups,
                        double        average_recall,
                        double        s0,
                        double        default_s0)
{
  double decay = -viva_fsrs_default_parameters[20];
  double factor = pow (0.9, 1.0 / decay) - 1.0;
  double loss = 0.0;

  for (guint i = 0; i < groups->len; i++)
    {
      const DeltaGroup *group = &g_array_index (groups, DeltaGroup, i);
      /* Laplace smoothing towards the average recall. */
      double recall = (group->recalled + average_recall) / (group->count + 1.0);
      double predicted = pow (group->delta_t / s0 * factor + 1.0, decay);

      loss -= (recall * log (predicted) + (1.0 - recall) * log (1.0 - predicted)) * group->count;
    }

  return loss + fabs (s0 - default_s0) / 16.0;
}

/* fsrs-rs's _viva_fsrs_smooth_and_fill: from the first grades that have a
 * stability (@have), all four, increasing with the grade. */
gboolean
_viva_fsrs_smooth_and_fill (double         stability[5],
                            gboolean       have[5],
                            const guint    count[5],
                            double         out[4])
{
  static const guint pairs[][2] = { { 1, 2 }, { 2, 3 }, { 3, 4 }, { 1, 3 }, { 2, 4 }, { 1, 4 } };
  const double w1 = 0.41, w2 = 0.54;
  double *r = stability;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      guint small = pairs[i][0], big = pairs[i][1];

      if (have[small] && have[big] && r[small] > r[big])
        {
          if (count[small] > count[big])
            r[big] = r[small];
          else
            r[small] = r[big];
        }
    }

  for (guint i = 1; i <= 4; i++)
    n += have[i];

  if (n == 0)
    return FALSE;
  if (n == 1)
    {
      double sorted[4];
      double factor = 1.0;

      for (guint i = 1; i <= 4; i++)
        if (have[i])
          factor = r[i] / viva_fsrs_default_parameters[i - 1];
      for (guint i = 0; i < 4; i++)
        sorted[i] = viva_fsrs_default_parameters[i] * factor;
      /* The defaults are increasing already; fsrs-rs sorts them anyway. */
      for (guint i = 1; i <= 4; i++)
        r[i] = sorted[i - 1];
    }
  else if (n == 2)
    {
      if (!have[1] && !have[2] && have[3] && have[4])
        {
          r[2] = pow (r[3], 1.0 / (1.0 - w2)) * pow (r[4], 1.0 - 1.0 / (1.0 - w2));
          r[1] = pow (r[2], 1.0 / w1) * pow (r[3], 1.0 - 1.0 / w1);
        }
      else if (!have[1] && have[2] && !have[3] && have[4])
        {
          r[3] = pow (r[2], 1.0 - w2) * pow (r[4], w2);
          r[1] = pow (r[2], 1.0 / w1) * pow (r[3], 1.0 - 1.0 / w1);
        }
      else if (!have[1] && have[2] && have[3] && !have[4])
        {
          r[4] = pow (r[2], 1.0 - 1.0 / w2) * pow (r[3], 1.0 / w2);
          r[1] = pow (r[2], 1.0 / w1) * pow (r[3], 1.0 - 1.0 / w1);
        }
      else if (have[1] && !have[2] && !have[3] && have[4])
        {
          double k = w1 / (w1 + w2 - w1 * w2);
          double l = w2 / (w1 + w2 - w1 * w2);

          r[2] = pow (r[1], k) * pow (r[4], 1.0 - k);
          r[3] = pow (r[1], 1.0 - l) * pow (r[4], l);
        }
      else if (have[1] && !have[2] && have[3] && !have[4])
        {
          r[2] = pow (r[1], w1) * pow (r[3], 1.0 - w1);
          r[4] = pow (r[2], 1.0 - 1.0 / w2) * pow (r[3], 1.0 / w2);
        }
      else if (have[1] && have[2] && !have[3] && !have[4])
        {
          r[3] = pow (r[1], 1.0 - 1.0 / (1.0 - w1)) * pow (r[2], 1.0 / (1.0 - w1));
          r[4] = pow (r[2], 1.0 - 1.0 / w2) * pow (r[3], 1.0 / w2);
        }
    }
  else if (n == 3)
    {
      if (!have[1])
        r[1] = pow (r[2], 1.0 / w1) * pow (r[3], 1.0 - 1.0 / w1);
      else if (!have[2])
        r[2] = pow (r[1], w1) * pow (r[3], 1.0 - w1);
      else if (!have[3])
        r[3] = pow (r[2], 1.0 - w2) * pow (r[4], w2);
      else if (!have[4])
        r[4] = pow (r[2], 1.0 - 1.0 / w2) * pow (r[3], 1.0 / w2);
    }

  for (guint i = 0; i < 4; i++)
    {
      double value = isfinite (r[i + 1]) ? r[i + 1] : viva_fsrs_default_parameters[i];

      out[i] = CLAMP (value, S_MIN, INIT_S_MAX);
    }

  return TRUE;
}

/* fsrs-rs's initialize_stability_parameters. */
gboolean
_viva_fsrs_pretrain (VivaFsrsDataset *dataset,
                     const gboolean  *initialization,
                     double           average_recall,
                     double           out[4],
                     guint            count[5])
{
  double stability[5] = { 0 };
  gboolean have[5] = { FALSE };

  for (guint rating = 1; rating <= 4; rating++)
    {
      g_autoptr(GArray) groups = first_review_groups (dataset, rating, initialization);
      double default_s0 = viva_fsrs_default_parameters[rating - 1];
      double low = S_MIN, high = INIT_S_MAX;

      count[rating] = 0;
      for (guint i = 0; i < groups->len; i++)
        count[rating] += g_array_index (groups, DeltaGroup, i).count;
      if (count[rating] == 0)
        continue;
      g_array_sort (groups, compare_groups_by_delta);

      for (guint iteration = 0; high - low > DBL_EPSILON && iteration < 1000; iteration++)
        {
          double mid1 = low + (high - low) / 3.0;
          double mid2 = high - (high - low) / 3.0;

          if (initial_stability_loss (groups, average_recall, mid1, default_s0)
              < initial_stability_loss (groups, average_recall, mid2, default_s0))
            high = mid2;
          else
            low = mid1;
        }
      stability[rating] = (high + low) / 2.0;
      have[rating] = TRUE;
    }

  return _viva_fsrs_smooth_and_fill (stability, have, count, out);
}
