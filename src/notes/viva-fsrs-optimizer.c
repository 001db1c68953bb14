/* viva-fsrs-optimizer.c
 *
 * Fitting FSRS to the user
 * ========================
 *
 * FSRS-6's published defaults were fitted to many Anki users at once; a
 * user's own reviews say how fast *they* forget. This file fits the 21
 * parameters to one user's histories as fsrs-rs does it (read at fsrs-rs
 * 6.6.1: src/training.rs, src/analytic.rs, src/dataset.rs,
 * src/parameter_initialization.rs, src/parameter_clipper.rs,
 * src/inference.rs); it was written from that reading, not translated.
 *
 * The data. Each question's history, oldest first, becomes a list of
 * (grade, days since the previous review), days counted in Viva's review
 * days (VIVA_REVIEW_DAY_START_HOUR local, as the scheduler counts them).
 * A *training review* is a review with an earlier review on an earlier
 * review day (days > 0): the model predicts its outcome (Again is a
 * failure, anything else a recall) from everything before it, same-day
 * reviews included (they go through FSRS-6's short-term formula). This
 * is fsrs-rs's FSRSItem, one per training review. Entries with a grade
 * out of 1 to 4 or a time GLib cannot place are left out; entries out
 * of order are sorted by time.
 *
 * The steps, as fsrs-rs's compute_parameters:
 *
 *  1. Outliers (compute_outlier_analysis): questions are grouped by their
 *     first grade and the days to their first training review; in each
 *     first grade the smallest groups, up to 5% of its questions (20 at
 *     least), are dropped, as are groups of fewer than 6 or with more
 *     than 100 days (365 for Easy). A dropped group's questions are left
 *     out of the training entirely.
 *  2. Below 8 training reviews: the defaults.
 *  3. Pre-training w[0..3] (initialize_stability_parameters): for each
 *     first grade, the recall rate of the first training review at each
 *     delta (Laplace-smoothed towards the average recall) is fitted by a
 *     ternary search of S0 in [0.001, 100] days on log loss plus
 *     |S0 - default| / 16, with the default decay; grades with no data
 *     are filled from the others by fsrs-rs's power-law interpolation
 *     (smooth_and_fill), which also keeps S0 increasing with the grade.
 *     Below 64 training reviews, or when no question has a second
 *     training review, these w[0..3] and the other defaults are the fit.
 *  4. Gradient descent: Adam (β 0.9, 0.999, ε 1e-8), learning rate 0.04
 *     on a cosine schedule, 5 epochs, batches of about 512 training
 *     reviews made of whole questions (fsrs-rs's windowed batches: one
 *     pass over a question's history gives the loss of each of its
 *     training reviews), questions sorted by length into batches and the
 *     batches shuffled each epoch from a fixed seed; the loss is log
 *     loss weighted by recency (0.25 + 0.75 × (i / (n - 1))³ for the
 *     i-th of n training reviews in time order) plus fsrs-rs's L2 pull
 *     towards the pre-trained parameters, Σ (w - w₀)² / σ², σ its
 *     PARAMS_STDDEV, scaled by the batch's share of the reviews; after
 *     each step every parameter is clipped to fsrs-rs's bounds
 *     (clip_parameters_in_place with one relearning step and short-term
 *     on). Histories longer than 256 reviews train on their first 256.
 *  5. w[0..3] smoothed again as in step 3.
 *
 * The gradients are exact: forward-mode dual numbers carry the 21
 * partial derivatives through every formula, with clamps passing the
 * gradient only inside their bounds (fsrs-rs's clamp_grad, PyTorch's
 * clamp). No finite differences.
 *
 * Where Viva differs from fsrs-rs: it computes in double precision
 * (fsrs-rs in f32), its shuffle uses GLib's GRand (seeded with fsrs-rs's
 * 2023) rather than Rust's StdRng, so the batch order differs; and the
 * model is the training model (no rounding to 8 decimals, which
 * viva-fsrs.c keeps to match ts-fsrs when scheduling). The fit is
 * deterministic for a given history. build-aux/fsrs-optimizer/compare
 * runs fsrs-rs (through fsrs-rs-nodejs) and this file on the same
 * synthetic histories.
 *
 * What is reported: log loss and fsrs-rs's binned RMSE (rmse_bins:
 * training reviews binned by days since the last review, number of
 * earlier long-term reviews and lapses, the squared difference of mean
 * prediction and mean outcome per bin, weighted by recency), both on
 * every training review of the histories, before (the parameters the
 * user has now) and after.
 *
 * The threshold
 * =============
 *
 * fsrs-rs itself fits from 8 training reviews (below that it returns the
 * defaults) and pre-trains only the first stabilities below 64. Viva
 * asks for VIVA_FSRS_OPTIMIZER_MIN_REVIEWS, 400: Anki has long told its
 * users to wait for several hundred reviews before optimizing, and a fit
 * of 21 parameters to a few dozen outcomes mostly fits noise (the L2
 * pull keeps it near the defaults, so it gains little). At 400 a Viva
 * user has reviewed about 40 questions ten times: enough that the fit is
 * worth offering.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "viva-fsrs-optimizer.h"
#include "viva-fsrs-optimizer-private.h"

/* fsrs-rs's PARAMS_STDDEV: how far each parameter strays among users,
 * the scale of the pull towards the defaults. */
static const double params_stddev[NP] = {
  6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6, 0.12, 0.39, 0.18, 0.33, 0.3,
  0.09, 0.16, 0.57, 0.25, 1.03, 0.31, 0.32, 0.14, 0.27,
};

/* fsrs-rs's clip_parameters_in_place with one relearning step and the
 * short-term parameters on (w17 and w18's ceiling is then 2). */
static const double clip_low[NP] = {
  S_MIN, S_MIN, S_MIN, S_MIN, D_MIN, 0.001, 0.001, 0.001, 0.0, 0.0, 0.001,
  0.001, 0.001, 0.001, 0.0, 0.0, 1.0, 0.0, 0.0, 0.01, 0.1,
};
static const double clip_high[NP] = {
  INIT_S_MAX, INIT_S_MAX, INIT_S_MAX, INIT_S_MAX, D_MAX, 4.0, 4.0, 0.75,
  4.5, 0.8, 3.5, 5.0, 0.25, 0.9, 4.0, 1.0, 6.0, 2.0, 2.0, 0.8, 0.8,
};

G_DEFINE_QUARK (viva-fsrs-optimizer-error-quark, viva_fsrs_optimizer_error)

/* ---------------------------------------------------------------------
 * The data set.
 * --------------------------------------------------------------------- */

/**
 * viva_fsrs_dataset_new:
 * @tz: (nullable): the time zone review days are counted in; %NULL: local
 * @day_start_hour: the hour a review day starts, as the scheduler's
 *
 * Returns: (transfer full): an empty set of histories
 */
VivaFsrsDataset *
viva_fsrs_dataset_new (GTimeZone *tz,
                       guint      day_start_hour)
{
  VivaFsrsDataset *dataset = g_new0 (VivaFsrsDataset, 1);

  dataset->tz = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  dataset->day_start_hour = MIN (day_start_hour, 23u);
  dataset->reviews = g_array_new (FALSE, FALSE, sizeof (Review));
  dataset->cards = g_array_new (FALSE, FALSE, sizeof (Card));

  return dataset;
}

void
viva_fsrs_dataset_free (VivaFsrsDataset *dataset)
{
  if (dataset == NULL)
    return;

  g_time_zone_unref (dataset->tz);
  g_array_unref (dataset->reviews);
  g_array_unref (dataset->cards);
  g_free (dataset);
}

/* The first and last seconds GDateTime can place: years 1 to 9999. */
#define UNIX_MIN G_GINT64_CONSTANT (-62135596800)
#define UNIX_MAX G_GINT64_CONSTANT (253402300799)

/* The review day holding @time, as days since 1970-01-01, or FALSE for a
 * time out of years 1 to 9999. The day is the local date of @time less
 * the day-start hour, which is what viva_review_day_init () computes,
 * without its allocations: a million reviews take milliseconds. */
static gboolean
dataset_day_number (VivaFsrsDataset *dataset,
                    gint64           time,
                    gint64          *number)
{
  gint64 seconds = time / G_USEC_PER_SEC - (time % G_USEC_PER_SEC < 0);
  gint64 local;
  int interval;

  if (seconds < UNIX_MIN || seconds > UNIX_MAX)
    return FALSE;

  interval = g_time_zone_find_interval (dataset->tz, G_TIME_TYPE_UNIVERSAL, seconds);
  local = seconds + (interval >= 0 ? g_time_zone_get_offset (dataset->tz, interval) : 0)
          - (gint64) dataset->day_start_hour * 3600;
  /* Rounded down, also before 1970. */
  *number = local / 86400 - (local % 86400 < 0);

  return TRUE;
}

/**
 * viva_fsrs_count_reviews:
 * @history: (array length=n_entries): one question's reviews, oldest first
 * @n_entries: how many
 * @tz: (nullable): the time zone review days are counted in; %NULL: UTC
 * @day_start_hour: the hour a review day starts
 *
 * How many training reviews a history gives, as
 * viva_fsrs_dataset_get_n_reviews() would count them, without a data
 * set: cheap enough to keep a running count of every note's.
 *
 * Returns: the reviews with an earlier review on an earlier review day
 */
guint
viva_fsrs_count_reviews (const VivaReviewEntry *history,
                         guint                  n_entries,
                         GTimeZone             *tz,
                         guint                  day_start_hour)
{
  g_autoptr(GTimeZone) utc = NULL;
  VivaFsrsDataset counter = { 0 };
  gint64 previous_day = 0;
  gboolean first = TRUE;
  guint n = 0;

  g_return_val_if_fail (history != NULL || n_entries == 0, 0);

  counter.tz = tz != NULL ? tz : (utc = g_time_zone_new_utc ());
  counter.day_start_hour = MIN (day_start_hour, 23u);

  for (guint i = 0; i < n_entries; i++)
    {
      gint64 day;

      if (history[i].grade < VIVA_REVIEW_GRADE_AGAIN
          || history[i].grade > VIVA_REVIEW_GRADE_EASY
          || !dataset_day_number (&counter, history[i].time, &day))
        continue;
      if (!first && day > previous_day)
        n++;
      previous_day = first ? day : MAX (day, previous_day);
      first = FALSE;
    }

  return n;
}

static int
compare_entries_by_time (gconstpointer a,
                         gconstpointer b)
{
  const VivaReviewEntry *x = *(const VivaReviewEntry * const *) a;
  const VivaReviewEntry *y = *(const VivaReviewEntry * const *) b;

  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  /* Equal times keep their order in the history. */
  return x < y ? -1 : (x > y ? 1 : 0);
}

/**
 * viva_fsrs_dataset_add_history:
 * @dataset: a data set
 * @history: (array length=n_entries): one question's reviews, oldest first
 * @n_entries: how many
 *
 * Adds a question's history. Entries with a grade out of range or a time
 * that cannot be placed are skipped; entries out of order are sorted.
 */
void
viva_fsrs_dataset_add_history (VivaFsrsDataset       *dataset,
                               const VivaReviewEntry *history,
                               guint                  n_entries)
{
  g_autofree const VivaReviewEntry **sorted = NULL;
  Card card = { dataset->reviews->len, 0 };
  gint64 previous_day = 0;

  g_return_if_fail (dataset != NULL);
  g_return_if_fail (history != NULL || n_entries == 0);

  if (n_entries == 0)
    return;

  sorted = g_new (const VivaReviewEntry *, n_entries);
  for (guint i = 0; i < n_entries; i++)
    sorted[i] = &history[i];
  qsort (sorted, n_entries, sizeof *sorted, compare_entries_by_time);

  for (guint i = 0; i < n_entries; i++)
    {
      Review review;
      gint64 day;

      if (sorted[i]->grade < VIVA_REVIEW_GRADE_AGAIN
          || sorted[i]->grade > VIVA_REVIEW_GRADE_EASY
          || !dataset_day_number (dataset, sorted[i]->time, &day))
        continue;

      review.time = sorted[i]->time;
      review.rating = (guint8) sorted[i]->grade;
      review.delta_t = card.n == 0 ? 0 : (guint32) CLAMP (day - previous_day, 0, G_MAXINT32);
      previous_day = day;

      if (review.delta_t > 0)
        dataset->n_items++;
      g_array_append_val (dataset->reviews, review);
      card.n++;
    }

  if (card.n > 0)
    {
      g_array_append_val (dataset->cards, card);
      dataset->canonical = FALSE;
    }
}

static int
compare_cards (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const VivaFsrsDataset *dataset = user_data;
  const Card *x = a;
  const Card *y = b;

  for (guint i = 0; i < MIN (x->n, y->n); i++)
    {
      const Review *rx = &g_array_index (dataset->reviews, Review, x->first + i);
      const Review *ry = &g_array_index (dataset->reviews, Review, y->first + i);

      if (rx->time != ry->time)
        return rx->time < ry->time ? -1 : 1;
      if (rx->rating != ry->rating)
        return rx->rating < ry->rating ? -1 : 1;
    }
  return x->n < y->n ? -1 : (x->n > y->n ? 1 : 0);
}

/* The questions in an order of their own (by their reviews), so that a
 * fit does not depend on the order they were added in: the notes come
 * from hash tables. */
static void
dataset_canonicalize (VivaFsrsDataset *dataset)
{
  if (dataset->canonical)
    return;

  g_array_sort_with_data (dataset->cards, compare_cards, dataset);
  dataset->canonical = TRUE;
}

/**
 * viva_fsrs_dataset_get_n_reviews:
 * @dataset: a data set
 *
 * Returns: how many training reviews it holds: reviews with an earlier
 *   review on an earlier review day
 */
guint
viva_fsrs_dataset_get_n_reviews (VivaFsrsDataset *dataset)
{
  g_return_val_if_fail (dataset != NULL, 0);

  return dataset->n_items;
}


static int
compare_items_by_time (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  const VivaFsrsDataset *dataset = user_data;
  const Item *x = a;
  const Item *y = b;
  const Card *cx = &g_array_index (dataset->cards, Card, x->card);
  const Card *cy = &g_array_index (dataset->cards, Card, y->card);
  gint64 tx = card_review (dataset, cx, x->index)->time;
  gint64 ty = card_review (dataset, cy, y->index)->time;

  if (tx != ty)
    return tx < ty ? -1 : 1;
  if (x->card != y->card)
    return x->card < y->card ? -1 : 1;
  return x->index < y->index ? -1 : (x->index > y->index ? 1 : 0);
}

/* The training reviews of the questions @keep lets through (all if
 * NULL), in time order, with fsrs-rs's recency weights. */
static GArray *
dataset_items (VivaFsrsDataset *dataset,
               const gboolean  *keep)
{
  GArray *items = g_array_new (FALSE, FALSE, sizeof (Item));
  double length;

  for (guint c = 0; c < dataset->cards->len; c++)
    {
      const Card *card = &g_array_index (dataset->cards, Card, c);

      if (keep != NULL && !keep[c])
        continue;
      for (guint i = 1; i < card->n; i++)
        if (card_review (dataset, card, i)->delta_t > 0)
          {
            Item item = { c, i, 1.0 };

            g_array_append_val (items, item);
          }
    }

  g_array_sort_with_data (items, compare_items_by_time, dataset);
  length = MAX ((double) items->len - 1.0, 1.0);
  for (guint i = 0; i < items->len; i++)
    g_array_index (items, Item, i).weight = 0.25 + 0.75 * pow (i / length, 3.0);

  return items;
}

/* ---------------------------------------------------------------------
 * Evaluation: log loss and fsrs-rs's binned RMSE.
 * --------------------------------------------------------------------- */


/* fsrs-rs's r_matrix_index, packed into one key. */
static guint64
rmse_bin (guint32 delta_t,
          guint   long_term_reviews,
          guint   lapses)
{
  guint64 delta_bin, length_bin, lapse_bin = 0;
  double length = long_term_reviews + 1.0;

  delta_bin = (guint64) round (2.48 * pow (3.62, floor (log ((double) delta_t) / log (3.62))) * 100.0);
  length_bin = (guint64) round (1.99 * pow (1.89, floor (log (length) / log (1.89))));
  if (lapses > 0)
    lapse_bin = (guint64) round (1.65 * pow (1.73, floor (log ((double) lapses) / log (1.73))));

  return (MIN (delta_bin, 0xfffffff) << 36) | (MIN (length_bin, 0x3ffff) << 18) | MIN (lapse_bin, 0x3ffff);
}

typedef struct
{
  double predicted;
  double actual;
  double count;
  double weight;
} Bin;

/* Runs every question's history under @w and fills, for each training
 * review (indexed as @item_of says), @predictions with R and @bins with
 * its RMSE bin. */
static void
predict_all (VivaFsrsDataset *dataset,
             const double    *w,
             const guint     *item_of,
             double          *predictions,
             guint64         *bins)
{
  Model model;

  _viva_fsrs_model_init (&model, w);
  for (guint c = 0, k = 0; c < dataset->cards->len; c++)
    {
      const Card *card = &g_array_index (dataset->cards, Card, c);
      guint long_term = 0, lapses = 0;
      MemoryState state;

      for (guint i = 0; i < card->n; i++)
        {
          const Review *review = card_review (dataset, card, i);

          if (i == 0)
            {
              _viva_fsrs_model_init_state (&model, review->rating, &state);
              continue;
            }
          if (review->delta_t > 0)
            {
              guint item = item_of[k++];

              long_term++;
              predictions[item] = _viva_fsrs_model_retrievability (&model, review->delta_t,
                                                                   dual_clamp (state.s, S_MIN, S_MAX)).v;
              bins[item] = rmse_bin (review->delta_t, long_term, lapses);
              if (review->rating == 1)
                lapses++;
            }
          _viva_fsrs_model_step (&model, &state, review->delta_t, review->rating);
        }
    }
}

static gboolean
evaluate (VivaFsrsDataset *dataset,
          const GArray    *items,
          const guint     *item_of,
          const double    *w,
          double          *log_loss,
          double          *rmse)
{
  g_autofree double *predictions = g_new0 (double, MAX (items->len, 1));
  g_autofree guint64 *keys = g_new0 (guint64, MAX (items->len, 1));
  g_autoptr(GHashTable) bins = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  GHashTableIter iter;
  gpointer value;
  double loss = 0.0, weights = 0.0, sum = 0.0, bin_weights = 0.0;

  if (items->len == 0)
    return FALSE;

  predict_all (dataset, w, item_of, predictions, keys);

  for (guint i = 0; i < items->len; i++)
    {
      const Item *item = &g_array_index (items, Item, i);
      const Card *card = &g_array_index (dataset->cards, Card, item->card);
      const Review *current = card_review (dataset, card, item->index);
      double r = clamp_probability (predictions[i]);
      double y = current->rating > 1 ? 1.0 : 0.0;
      Bin *bin;

      loss -= (y * log (r) + (1.0 - y) * log (1.0 - r)) * item->weight;
      weights += item->weight;

      /* The keys live as long as the table. */
      bin = g_hash_table_lookup (bins, &keys[i]);
      if (bin == NULL)
        {
          bin = g_new0 (Bin, 1);
          g_hash_table_insert (bins, &keys[i], bin);
        }
      bin->predicted += predictions[i];
      bin->actual += y;
      bin->count += 1.0;
      bin->weight += item->weight;
    }

  g_hash_table_iter_init (&iter, bins);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const Bin *bin = value;
      double difference = bin->predicted / bin->count - bin->actual / bin->count;

      sum += difference * difference * bin->weight;
      bin_weights += bin->weight;
    }

  *log_loss = loss / weights;
  *rmse = sqrt (sum / bin_weights);

  return isfinite (*log_loss) && isfinite (*rmse);
}

/* For each training review in the order predict_all meets them, its
 * index in @items. */
static guint *
items_index (VivaFsrsDataset *dataset,
             const GArray    *items)
{
  g_autofree guint *first_item = g_new0 (guint, dataset->cards->len + 1);
  guint *item_of = g_new0 (guint, MAX (items->len, 1));

  /* Count the training reviews per question, then place each. */
  for (guint c = 0; c < dataset->cards->len; c++)
    {
      const Card *card = &g_array_index (dataset->cards, Card, c);
      guint n = 0;

      for (guint i = 1; i < card->n; i++)
        n += card_review (dataset, card, i)->delta_t > 0;
      first_item[c + 1] = first_item[c] + n;
    }
  /* A question's training reviews come in @items in history order
   * (time order, ties by position). */
  for (guint k = 0; k < items->len; k++)
    {
      const Item *item = &g_array_index (items, Item, k);

      item_of[first_item[item->card]++] = k;
    }

  return item_of;
}

static gboolean
parameters_usable (const double *w)
{
  if (w == NULL)
    return FALSE;
  for (guint i = 0; i < NP; i++)
    if (!isfinite (w[i]))
      return FALSE;

  return TRUE;
}

/* The parameters as the model may use them: non-finite ones replaced by
 * the defaults, all within fsrs-rs's bounds. */
static void
parameters_sanitize (const double *w,
                     double       *out)
{
  for (guint i = 0; i < NP; i++)
    {
      double value = w != NULL && isfinite (w[i]) ? w[i] : viva_fsrs_default_parameters[i];

      out[i] = CLAMP (value, clip_low[i], clip_high[i]);
    }
}

/**
 * viva_fsrs_dataset_evaluate:
 * @dataset: a data set
 * @parameters: (nullable): the 21 parameters, or %NULL for the defaults
 * @log_loss: (out): log loss over its training reviews, weighted by recency
 * @rmse: (out): fsrs-rs's binned RMSE, 0 to 1
 *
 * Returns: %FALSE if it holds no training review
 */
gboolean
viva_fsrs_dataset_evaluate (VivaFsrsDataset *dataset,
                            const double    *parameters,
                            double          *log_loss,
                            double          *rmse)
{
  g_autoptr(GArray) items = NULL;
  g_autofree guint *item_of = NULL;
  double w[NP];

  g_return_val_if_fail (dataset != NULL, FALSE);
  g_return_val_if_fail (log_loss != NULL && rmse != NULL, FALSE);

  parameters_sanitize (parameters != NULL ? parameters : viva_fsrs_default_parameters, w);
  dataset_canonicalize (dataset);
  items = dataset_items (dataset, NULL);
  item_of = items_index (dataset, items);

  return evaluate (dataset, items, item_of, w, log_loss, rmse);
}

/* ---------------------------------------------------------------------
 * Gradient descent.
 * --------------------------------------------------------------------- */

/* A batch: whole questions, about BATCH_SIZE training reviews. */
typedef struct
{
  guint first;       /* into the sorted question order */
  guint n_cards;
  guint n_items;
} Batch;

typedef struct
{
  VivaFsrsDataset *dataset;
  const double    *weight_of;      /* per review (by reviews index): 0 if not trained */
  const guint     *order;          /* questions, shortest first */
} Training;

/* Adds the weighted log loss gradient of the questions of @batch to
 * @grad; returns their weighted log loss (a sum). */
static double
batch_gradient (const Training *training,
                const Batch    *batch,
                const double   *w,
                double          grad[NP])
{
  VivaFsrsDataset *dataset = training->dataset;
  double loss = 0.0;
  Model model;

  _viva_fsrs_model_init (&model, w);
  for (guint b = 0; b < batch->n_cards; b++)
    {
      const Card *card = &g_array_index (dataset->cards, Card, training->order[batch->first + b]);
      guint n = MIN (card->n, (guint) MAX_SEQ_LEN);
      MemoryState state;

      for (guint i = 0; i < n; i++)
        {
          const Review *review = card_review (dataset, card, i);
          double weight = training->weight_of[card->first + i];

          if (i == 0)
            {
              _viva_fsrs_model_init_state (&model, review->rating, &state);
              continue;
            }
          if (weight > 0.0)
            {
              Dual r = _viva_fsrs_model_retrievability (&model, review->delta_t,
                                                        dual_clamp (state.s, S_MIN, S_MAX));
              double y = review->rating > 1 ? 1.0 : 0.0;
              double p = clamp_probability (r.v);

              loss -= (y * log (p) + (1.0 - y) * log (1.0 - p)) * weight;
              /* d(-w (y ln r + (1 - y) ln (1 - r))) / dr, zero where the
               * probability is clamped. */
              if (r.v > PROB_MIN && r.v < PROB_MAX)
                {
                  double g_r = -weight * (y / r.v - (1.0 - y) / (1.0 - r.v));

                  for (guint k = 0; k < NP; k++)
                    grad[k] += g_r * r.d[k];
                }
            }
          _viva_fsrs_model_step (&model, &state, review->delta_t, review->rating);
        }
    }

  return loss;
}

/* For tests: the weighted log loss (a sum) of every training review
 * under @w, and its exact gradient. */
double
_viva_fsrs_dataset_loss_gradient (VivaFsrsDataset *dataset,
                                  const double    *w,
                                  double          *grad)
{
  g_autoptr(GArray) items = dataset_items (dataset, NULL);
  g_autofree double *weight_of = g_new0 (double, MAX (dataset->reviews->len, 1));
  g_autofree guint *order = g_new (guint, MAX (dataset->cards->len, 1));
  Training training = { dataset, weight_of, order };
  Batch all = { 0, dataset->cards->len, items->len };

  for (guint k = 0; k < items->len; k++)
    {
      const Item *item = &g_array_index (items, Item, k);
      const Card *card = &g_array_index (dataset->cards, Card, item->card);

      if (item->index < MAX_SEQ_LEN)
        weight_of[card->first + item->index] = item->weight;
    }
  for (guint c = 0; c < dataset->cards->len; c++)
    order[c] = c;
  memset (grad, 0, sizeof (double) * NP);

  return batch_gradient (&training, &all, w, grad);
}

static void
clip_parameters (double *w)
{
  for (guint i = 0; i < NP; i++)
    w[i] = CLAMP (w[i], clip_low[i], clip_high[i]);
}

typedef struct
{
  VivaFsrsOptimizerProgress func;
  gpointer                  data;
  double                    start;
  double                    span;
} Progress;

static void
progress_report (const Progress *progress,
                 double          fraction)
{
  if (progress->func != NULL)
    progress->func (progress->start + progress->span * CLAMP (fraction, 0.0, 1.0), progress->data);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  guint64 x = *(const guint64 *) a;
  guint64 y = *(const guint64 *) b;

  return x < y ? -1 : (x > y ? 1 : 0);
}

/* fsrs-rs's train (): Adam on the weighted log loss plus the pull towards
 * @initial, clipped after each step. Returns FALSE when cancelled. */
static gboolean
train (VivaFsrsDataset *dataset,
       const gboolean  *keep,
       const double    *initial,
       GCancellable    *cancellable,
       const Progress  *progress,
       double          *w)
{
  g_autoptr(GArray) items = dataset_items (dataset, keep);
  g_autofree double *weight_of = g_new0 (double, MAX (dataset->reviews->len, 1));
  g_autofree guint *item_counts = g_new0 (guint, MAX (dataset->cards->len, 1));
  g_autofree guint *order = g_new (guint, MAX (dataset->cards->len, 1));
  g_autofree guint64 *keys = g_new (guint64, MAX (dataset->cards->len, 1));
  g_autofree guint *batch_order = NULL;
  g_autoptr(GArray) batches = g_array_new (FALSE, FALSE, sizeof (Batch));
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  double m[NP] = { 0 }, v[NP] = { 0 };
  guint n_cards = 0, total = 0, iterations, step = 0;
  Training training;
  Batch current = { 0, 0, 0 };

  memcpy (w, initial, sizeof (double) * NP);

  /* The weight of each trained review; reviews past MAX_SEQ_LEN in a
   * history do not train (fsrs-rs drops items longer than that). */
  for (guint k = 0; k < items->len; k++)
    {
      const Item *item = &g_array_index (items, Item, k);
      const Card *card = &g_array_index (dataset->cards, Card, item->card);

      if (item->index < MAX_SEQ_LEN)
        {
          weight_of[card->first + item->index] = item->weight;
          item_counts[item->card]++;
          total++;
        }
    }
  if (total == 0)
    return TRUE;

  /* Questions with training reviews, shortest first (ties in question
   * order), into batches of about BATCH_SIZE training reviews: fsrs-rs's
   * windowed batches. */
  for (guint c = 0; c < dataset->cards->len; c++)
    if (item_counts[c] > 0)
      {
        const Card *card = &g_array_index (dataset->cards, Card, c);

        keys[n_cards++] = ((guint64) MIN (card->n, (guint) MAX_SEQ_LEN) << 32) | c;
      }
  qsort (keys, n_cards, sizeof *keys, compare_keys);
  for (guint i = 0; i < n_cards; i++)
    {
      guint c = (guint) (keys[i] & G_MAXUINT32);

      order[i] = c;
      if (current.n_cards > 0 && current.n_items + item_counts[c] > BATCH_SIZE)
        {
          g_array_append_val (batches, current);
          current.first = i;
          current.n_cards = 0;
          current.n_items = 0;
        }
      current.n_cards++;
      current.n_items += item_counts[c];
    }
  g_array_append_val (batches, current);

  training.dataset = dataset;
  training.weight_of = weight_of;
  training.order = order;

  iterations = (total / BATCH_SIZE + 1) * N_EPOCHS;
  batch_order = g_new (guint, batches->len);

  for (guint epoch = 0; epoch < N_EPOCHS; epoch++)
    {
      guint processed = 0;

      /* Fisher-Yates from a fixed seed: the same batches every run. */
      for (guint i = 0; i < batches->len; i++)
        batch_order[i] = i;
      for (guint i = batches->len; i > 1; i--)
        {
          guint j = (guint) g_rand_int_range (rand, 0, (gint32) i);
          guint swap = batch_order[i - 1];

          batch_order[i - 1] = batch_order[j];
          batch_order[j] = swap;
        }

      for (guint b = 0; b < batches->len; b++)
        {
          const Batch *batch = &g_array_index (batches, Batch, batch_order[b]);
          double grad[NP] = { 0 };
          /* fsrs-rs's cosine annealing to 0 over every step. */
          double lr = LEARNING_RATE * (1.0 + cos (G_PI * step / iterations)) / 2.0;
          double scale = GAMMA * batch->n_items / (double) total;
          double bias1, bias2;

          if (g_cancellable_is_cancelled (cancellable))
            return FALSE;

          batch_gradient (&training, batch, w, grad);
          for (guint k = 0; k < NP; k++)
            grad[k] += 2.0 * (w[k] - initial[k]) / (params_stddev[k] * params_stddev[k]) * scale;

          step++;
          bias1 = 1.0 - pow (0.9, step);
          bias2 = 1.0 - pow (0.999, step);
          for (guint k = 0; k < NP; k++)
            {
              m[k] = 0.9 * m[k] + 0.1 * grad[k];
              v[k] = 0.999 * v[k] + 0.001 * grad[k] * grad[k];
              w[k] -= lr * (m[k] / bias1) / (sqrt (v[k] / bias2) + 1e-8);
            }
          clip_parameters (w);

          processed += batch->n_items;
          progress_report (progress, (epoch + processed / (double) total) / N_EPOCHS);
        }
    }

  return TRUE;
}

static gboolean
set_cancelled (GCancellable  *cancellable,
               GError       **error)
{
  if (!g_cancellable_set_error_if_cancelled (cancellable, error))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");

  return FALSE;
}

/**
 * viva_fsrs_optimize:
 * @dataset: the user's histories
 * @current: (nullable): the parameters in use, or %NULL for the defaults;
 *   the "before" figures are theirs
 * @cancellable: (nullable): a #GCancellable
 * @progress: (nullable): called with the fraction done, in this thread
 * @progress_data: its data
 * @result: (out caller-allocates): the fitted parameters and the figures
 * @error: %VIVA_FSRS_OPTIMIZER_ERROR_NOT_ENOUGH_REVIEWS below
 *   %VIVA_FSRS_OPTIMIZER_MIN_REVIEWS training reviews, %G_IO_ERROR_CANCELLED
 *
 * Fits the parameters to @dataset, synchronously. Deterministic: the
 * same histories give the same parameters.
 *
 * Returns: %TRUE on success
 */
gboolean
viva_fsrs_optimize (VivaFsrsDataset            *dataset,
                    const double               *current,
                    GCancellable               *cancellable,
                    VivaFsrsOptimizerProgress   progress,
                    gpointer                    progress_data,
                    VivaFsrsOptimizerResult    *result,
                    GError                    **error)
{
  g_autoptr(GArray) all_items = NULL;
  g_autoptr(GArray) train_items = NULL;
  g_autofree guint *item_of = NULL;
  g_autofree gboolean *keep = NULL;
  g_autofree gboolean *initialization = NULL;
  double before[NP], initial[NP], fitted[NP];
  double average_recall = 0.0;
  guint count[5] = { 0 };
  guint n_initialization = 0, n_recalled = 0;
  Progress fit_progress = { progress, progress_data, 0.1, 0.85 };

  g_return_val_if_fail (dataset != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (result, 0, sizeof *result);
  result->n_reviews = dataset->n_items;
  if (dataset->n_items < VIVA_FSRS_OPTIMIZER_MIN_REVIEWS)
    {
      g_set_error (error, VIVA_FSRS_OPTIMIZER_ERROR,
                   VIVA_FSRS_OPTIMIZER_ERROR_NOT_ENOUGH_REVIEWS,
                   "%u reviews of questions seen on an earlier day; fitting needs %u",
                   dataset->n_items, (guint) VIVA_FSRS_OPTIMIZER_MIN_REVIEWS);
      return FALSE;
    }

  dataset_canonicalize (dataset);
  parameters_sanitize (current, before);
  if (!parameters_usable (current))
    memcpy (before, viva_fsrs_default_parameters, sizeof before);

  /* Before: the parameters the user has now. */
  all_items = dataset_items (dataset, NULL);
  item_of = items_index (dataset, all_items);
  evaluate (dataset, all_items, item_of, before, &result->log_loss_before, &result->rmse_before);
  if (progress != NULL)
    progress (0.05, progress_data);
  if (g_cancellable_is_cancelled (cancellable))
    return set_cancelled (cancellable, error);

  /* Outliers, then the training set and its average recall. */
  keep = g_new0 (gboolean, MAX (dataset->cards->len, 1));
  initialization = g_new0 (gboolean, MAX (dataset->cards->len, 1));
  _viva_fsrs_filter_outliers (dataset, keep, initialization);
  train_items = dataset_items (dataset, keep);
  for (guint k = 0; k < train_items->len; k++)
    {
      const Item *item = &g_array_index (train_items, Item, k);
      const Card *card = &g_array_index (dataset->cards, Card, item->card);

      n_recalled += card_review (dataset, card, item->index)->rating > 1;
    }
  if (train_items->len > 0)
    average_recall = n_recalled / (double) train_items->len;
  for (guint c = 0; c < dataset->cards->len; c++)
    {
      const Card *card = &g_array_index (dataset->cards, Card, c);
      guint first_rating;
      guint32 delta_t;
      gboolean recalled;

      if (initialization[c] && _viva_fsrs_card_first_long_term (dataset, card, &first_rating, &delta_t, &recalled))
        n_initialization++;
    }

  memcpy (fitted, viva_fsrs_default_parameters, sizeof fitted);
  if (train_items->len >= MIN_TRAIN)
    {
      memcpy (initial, viva_fsrs_default_parameters, sizeof initial);
      if (_viva_fsrs_pretrain (dataset, initialization, average_recall, initial, count))
        {
          memcpy (fitted, initial, sizeof fitted);
          if (progress != NULL)
            progress (0.1, progress_data);

          if (train_items->len != n_initialization && train_items->len >= MIN_GRADIENT)
            {
              double stability[5] = { 0 };
              gboolean have[5] = { FALSE };

              if (!train (dataset, keep, initial, cancellable, &fit_progress, fitted))
                return set_cancelled (cancellable, error);

              /* Smooth the trained first stabilities as the pre-trained ones. */
              for (guint rating = 1; rating <= 4; rating++)
                {
                  stability[rating] = fitted[rating - 1];
                  have[rating] = count[rating] > 0;
                }
              _viva_fsrs_smooth_and_fill (stability, have, count, fitted);
            }
        }
    }

  if (!parameters_usable (fitted))
    {
      g_set_error_literal (error, VIVA_FSRS_OPTIMIZER_ERROR,
                           VIVA_FSRS_OPTIMIZER_ERROR_FAILED,
                           "The fit did not give usable parameters");
      return FALSE;
    }
  clip_parameters (fitted);

  /* After: the fitted parameters, on the same reviews. */
  evaluate (dataset, all_items, item_of, fitted, &result->log_loss_after, &result->rmse_after);
  memcpy (result->parameters, fitted, sizeof fitted);
  if (progress != NULL)
    progress (1.0, progress_data);

  return TRUE;
}

/* ---------------------------------------------------------------------
 * In a thread.
 * --------------------------------------------------------------------- */

/* What the thread shares with the main loop's progress callbacks; freed
 * when the last of them and the task are done with it. */
typedef struct
{
  GMainContext              *context;
  VivaFsrsOptimizerProgress  func;
  gpointer                   data;
  GDestroyNotify             destroy;
  /* The last percent posted, so that the main loop sees at most 101. */
  int                        posted;   /* only the thread touches it */
  gboolean                   finished; /* only the main context touches it */
} ProgressShared;

static void
progress_shared_clear (gpointer pointer)
{
  ProgressShared *shared = pointer;

  if (shared->destroy != NULL)
    shared->destroy (shared->data);
  g_main_context_unref (shared->context);
}

typedef struct
{
  ProgressShared *shared;
  double          fraction;
} ProgressUpdate;

static gboolean
progress_dispatch (gpointer user_data)
{
  ProgressUpdate *update = user_data;

  if (!update->shared->finished && update->shared->func != NULL)
    update->shared->func (update->fraction, update->shared->data);

  return G_SOURCE_REMOVE;
}

static void
progress_update_free (gpointer user_data)
{
  ProgressUpdate *update = user_data;

  g_atomic_rc_box_release_full (update->shared, progress_shared_clear);
  g_free (update);
}

static void
progress_from_thread (double   fraction,
                      gpointer user_data)
{
  ProgressShared *shared = user_data;
  int percent = (int) floor (fraction * 100.0);
  ProgressUpdate *update;

  if (percent <= shared->posted)
    return;
  shared->posted = percent;

  update = g_new0 (ProgressUpdate, 1);
  update->shared = g_atomic_rc_box_acquire (shared);
  update->fraction = fraction;
  g_main_context_invoke_full (shared->context, G_PRIORITY_DEFAULT,
                              progress_dispatch, update, progress_update_free);
}

typedef struct
{
  VivaFsrsDataset         *dataset;
  double                   current[NP];
  gboolean                 has_current;
  ProgressShared          *shared;
  VivaFsrsOptimizerResult  result;
} OptimizeData;

static void
optimize_data_free (gpointer pointer)
{
  OptimizeData *data = pointer;

  viva_fsrs_dataset_free (data->dataset);
  if (data->shared != NULL)
    g_atomic_rc_box_release_full (data->shared, progress_shared_clear);
  g_free (data);
}

static void
optimize_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  OptimizeData *data = task_data;
  GError *error = NULL;

  if (viva_fsrs_optimize (data->dataset, data->has_current ? data->current : NULL,
                          cancellable, progress_from_thread, data->shared,
                          &data->result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * viva_fsrs_optimize_async:
 * @dataset: (transfer full): the user's histories
 * @current: (nullable): the parameters in use, or %NULL for the defaults
 * @cancellable: (nullable): a #GCancellable
 * @progress: (nullable): called on the caller's main context with the
 *   fraction done, never after @callback
 * @progress_data: its data
 * @progress_data_destroy: (nullable): frees @progress_data when no
 *   progress call can come any more
 * @callback: called when the fit is done
 * @user_data: its data
 *
 * Fits the parameters in a thread: see viva_fsrs_optimize().
 */
void
viva_fsrs_optimize_async (VivaFsrsDataset           *dataset,
                          const double              *current,
                          GCancellable              *cancellable,
                          VivaFsrsOptimizerProgress  progress,
                          gpointer                   progress_data,
                          GDestroyNotify             progress_data_destroy,
                          GAsyncReadyCallback        callback,
                          gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  OptimizeData *data;

  g_return_if_fail (dataset != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, viva_fsrs_optimize_async);
  g_task_set_name (task, "[viva] fit FSRS parameters");

  data = g_new0 (OptimizeData, 1);
  data->dataset = dataset;
  if (current != NULL)
    {
      memcpy (data->current, current, sizeof data->current);
      data->has_current = TRUE;
    }
  data->shared = g_atomic_rc_box_new0 (ProgressShared);
  data->shared->context = g_main_context_ref_thread_default ();
  data->shared->func = progress;
  data->shared->data = progress_data;
  data->shared->destroy = progress_data_destroy;
  data->shared->posted = -1;
  g_task_set_task_data (task, data, optimize_data_free);

  g_task_run_in_thread (task, optimize_thread);
}

/**
 * viva_fsrs_optimize_finish:
 * @result: the #GAsyncResult given to the callback
 * @out: (out caller-allocates): the fitted parameters and the figures
 * @error: as viva_fsrs_optimize()'s
 *
 * Returns: %TRUE on success
 */
gboolean
viva_fsrs_optimize_finish (GAsyncResult             *result,
                           VivaFsrsOptimizerResult  *out,
                           GError                  **error)
{
  OptimizeData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == viva_fsrs_optimize_async, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  data = g_task_get_task_data (G_TASK (result));
  /* Progress updates still queued behind this callback are dropped, and
   * the thread is done with the progress data: let it go here, on the
   * main context, rather than wherever the task's last reference goes. */
  if (data->shared != NULL)
    {
      data->shared->finished = TRUE;
      g_atomic_rc_box_release_full (g_steal_pointer (&data->shared), progress_shared_clear);
    }
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  *out = data->result;

  return TRUE;
}
