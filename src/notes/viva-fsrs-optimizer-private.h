/* viva-fsrs-optimizer-private.h
 *
 * What the optimizer's three files share (viva-fsrs-optimizer.c: the
 * data set, evaluation, gradient descent and the thread;
 * -model.c: FSRS-6 as fsrs-rs trains it, on dual numbers; -init.c:
 * outliers and the pre-trained first stabilities), and what its tests
 * reach inside it for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "viva-fsrs-optimizer.h"

G_BEGIN_DECLS

#define NP VIVA_FSRS_N_PARAMS

/* fsrs-rs's bounds (simulation.rs, parameter_initialization.rs). */
#define S_MIN      0.001
#define S_MAX      36500.0
#define D_MIN      1.0
#define D_MAX      10.0
#define INIT_S_MAX 100.0
/* The probabilities fsrs-rs's log loss is computed within. */
#define PROB_MIN   1e-7
#define PROB_MAX   (1.0 - 1e-7)

/* fsrs-rs's TrainingConfig defaults. */
#define N_EPOCHS      5
#define BATCH_SIZE    512
#define SEED          2023
#define LEARNING_RATE 4e-2
#define MAX_SEQ_LEN   256
#define GAMMA         1.0
/* fsrs-rs: fewer training reviews than these give the defaults, or only
 * the pre-trained first stabilities. */
#define MIN_TRAIN     8
#define MIN_GRADIENT  64


/* One review as the model sees it. */
typedef struct
{
  gint64  time;
  guint32 delta_t;   /* review days since the previous review; 0 for the first */
  guint8  rating;    /* 1 to 4 */
} Review;

/* One question: reviews[first .. first + n). */
typedef struct
{
  guint first;
  guint n;
} Card;

struct _VivaFsrsDataset
{
  GTimeZone *tz;
  guint      day_start_hour;
  GArray    *reviews;   /* Review */
  GArray    *cards;     /* Card */
  guint      n_items;   /* training reviews */
  gboolean   canonical; /* cards in canonical order */
};

/* A training review: the review @index of @card. */
typedef struct
{
  guint  card;
  guint  index;
  double weight;
} Item;

/* ---------------------------------------------------------------------
 * Dual numbers: a value and its 21 partial derivatives.
 * --------------------------------------------------------------------- */

typedef struct
{
  double v;
  double d[NP];
} Dual;

static inline Dual
dual_const (double v)
{
  Dual r;

  memset (&r, 0, sizeof r);
  r.v = v;

  return r;
}

static inline Dual
dual_param (const double *w,
            guint         i)
{
  Dual r = dual_const (w[i]);

  r.d[i] = 1.0;

  return r;
}

static inline Dual
dual_add (Dual a,
          Dual b)
{
  a.v += b.v;
  for (guint i = 0; i < NP; i++)
    a.d[i] += b.d[i];

  return a;
}

static inline Dual
dual_sub (Dual a,
          Dual b)
{
  a.v -= b.v;
  for (guint i = 0; i < NP; i++)
    a.d[i] -= b.d[i];

  return a;
}

static inline Dual
dual_add_k (Dual   a,
            double k)
{
  a.v += k;

  return a;
}

static inline Dual
dual_scale (Dual   a,
            double k)
{
  a.v *= k;
  for (guint i = 0; i < NP; i++)
    a.d[i] *= k;

  return a;
}

static inline Dual
dual_mul (Dual a,
          Dual b)
{
  Dual r;

  r.v = a.v * b.v;
  for (guint i = 0; i < NP; i++)
    r.d[i] = a.d[i] * b.v + a.v * b.d[i];

  return r;
}

static inline Dual
dual_div (Dual a,
          Dual b)
{
  Dual r;

  r.v = a.v / b.v;
  for (guint i = 0; i < NP; i++)
    r.d[i] = (a.d[i] - r.v * b.d[i]) / b.v;

  return r;
}

static inline Dual
dual_exp (Dual a)
{
  double e = exp (a.v);

  a.v = e;
  for (guint i = 0; i < NP; i++)
    a.d[i] *= e;

  return a;
}

static inline Dual
dual_log (Dual a)
{
  double inv = 1.0 / a.v;

  a.v = log (a.v);
  for (guint i = 0; i < NP; i++)
    a.d[i] *= inv;

  return a;
}

/* a^b for a > 0. */
static inline Dual
dual_pow (Dual a,
          Dual b)
{
  Dual r;
  double la = log (a.v);

  r.v = pow (a.v, b.v);
  for (guint i = 0; i < NP; i++)
    r.d[i] = r.v * (b.d[i] * la + b.v * a.d[i] / a.v);

  return r;
}

/* PyTorch's clamp: the gradient passes inside the bounds, the bounds
 * included, and stops outside. */
static inline Dual
dual_clamp (Dual   a,
            double min,
            double max)
{
  if (a.v >= min && a.v <= max)
    return a;

  return dual_const (a.v < min ? min : max);
}

/* ---------------------------------------------------------------------
 * The training model (viva-fsrs-optimizer-model.c).
 * --------------------------------------------------------------------- */

typedef struct
{
  const double *w;
  Dual          params[NP];
  Dual          decay;       /* -w[20] */
  Dual          factor;      /* 0.9^(1 / decay) - 1 */
  Dual          easy_d;      /* D0(Easy), unclamped */
  Dual          failure_divisor;   /* e^(w17 × w18) */
  Dual          exp_w8;
} Model;

typedef struct
{
  Dual s;
  Dual d;
} MemoryState;

static inline const Review *
card_review (const VivaFsrsDataset *dataset,
             const Card            *card,
             guint                  index)
{
  return &g_array_index (dataset->reviews, Review, card->first + index);
}

static inline double
clamp_probability (double r)
{
  return CLAMP (r, PROB_MIN, PROB_MAX);
}

void     _viva_fsrs_model_init            (Model                 *model,
                                           const double          *w);
Dual     _viva_fsrs_model_retrievability (const Model           *model,
                                           double                 t,
                                           Dual                   s);
void     _viva_fsrs_model_init_state      (const Model           *model,
                                           guint                  rating,
                                           MemoryState           *state);
void     _viva_fsrs_model_step            (const Model           *model,
                                           MemoryState           *state,
                                           double                 delta_t,
                                           guint                  rating);

/* Outliers and pre-training (viva-fsrs-optimizer-init.c). */
gboolean _viva_fsrs_card_first_long_term  (VivaFsrsDataset       *dataset,
                                           const Card            *card,
                                           guint                 *first_rating,
                                           guint32               *delta_t,
                                           gboolean              *recalled);
void     _viva_fsrs_filter_outliers       (VivaFsrsDataset       *dataset,
                                           gboolean              *keep,
                                           gboolean              *initialization);
gboolean _viva_fsrs_smooth_and_fill       (double                 stability[5],
                                           gboolean               have[5],
                                           const guint            count[5],
                                           double                 out[4]);
gboolean _viva_fsrs_pretrain              (VivaFsrsDataset       *dataset,
                                           const gboolean        *initialization,
                                           double                 average_recall,
                                           double                 out[4],
                                           guint                  count[5]);

/* For tests: the weighted log loss (a sum) of every training review
 * under @w, and its exact gradient. */

double _viva_fsrs_dataset_loss_gradient (VivaFsrsDataset *dataset,
                                         const double    *w,
                                         double          *grad);

G_END_DECLS
