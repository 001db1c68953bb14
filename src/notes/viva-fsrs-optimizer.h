/* viva-fsrs-optimizer.h
 *
 * Fitting FSRS-6's 21 parameters to one user's review histories, the way
 * fsrs-rs does it: first stabilities pre-trained from first-review
 * outcomes, then every parameter by gradient descent on log loss, with
 * fsrs-rs's clipping bounds and its pull towards the defaults. How, and
 * where Viva departs from fsrs-rs, is described at the top of
 * viva-fsrs-optimizer.c. GTK-free; the fit runs in a GTask thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "viva-fsrs.h"
#include "viva-scheduler.h"

G_BEGIN_DECLS

/* Below this many training reviews (reviews with an earlier review on an
 * earlier review day) Viva does not offer to fit: see the top of
 * viva-fsrs-optimizer.c for why this number. */
#define VIVA_FSRS_OPTIMIZER_MIN_REVIEWS 400

#define VIVA_FSRS_OPTIMIZER_ERROR (viva_fsrs_optimizer_error_quark ())

/**
 * VivaFsrsOptimizerError:
 * @VIVA_FSRS_OPTIMIZER_ERROR_NOT_ENOUGH_REVIEWS: the histories hold fewer
 *   than %VIVA_FSRS_OPTIMIZER_MIN_REVIEWS training reviews
 * @VIVA_FSRS_OPTIMIZER_ERROR_FAILED: the fit did not give finite
 *   parameters (never seen; the current parameters are kept)
 */
typedef enum
{
  VIVA_FSRS_OPTIMIZER_ERROR_NOT_ENOUGH_REVIEWS,
  VIVA_FSRS_OPTIMIZER_ERROR_FAILED,
} VivaFsrsOptimizerError;

/**
 * VivaFsrsOptimizerResult:
 * @parameters: the fitted parameters
 * @n_reviews: the training reviews the losses below are measured on
 * @log_loss_before: log loss of the parameters the fit started from
 *   (the user's current ones)
 * @rmse_before: their binned RMSE (fsrs-rs's rmse_bins), 0 to 1
 * @log_loss_after: log loss of @parameters
 * @rmse_after: binned RMSE of @parameters
 */
typedef struct
{
  double parameters[VIVA_FSRS_N_PARAMS];
  guint  n_reviews;
  double log_loss_before;
  double rmse_before;
  double log_loss_after;
  double rmse_after;
} VivaFsrsOptimizerResult;

/* Called with the fraction done, from 0 to 1. */
typedef void (*VivaFsrsOptimizerProgress) (double   fraction,
                                           gpointer user_data);

typedef struct _VivaFsrsDataset VivaFsrsDataset;

GQuark           viva_fsrs_optimizer_error_quark (void);

VivaFsrsDataset *viva_fsrs_dataset_new           (GTimeZone                 *tz,
                                                  guint                      day_start_hour);
void             viva_fsrs_dataset_free          (VivaFsrsDataset           *dataset);
void             viva_fsrs_dataset_add_history   (VivaFsrsDataset           *dataset,
                                                  const VivaReviewEntry     *history,
                                                  guint                      n_entries);
guint            viva_fsrs_dataset_get_n_reviews (VivaFsrsDataset           *dataset);
guint            viva_fsrs_count_reviews         (const VivaReviewEntry     *history,
                                                  guint                      n_entries,
                                                  GTimeZone                 *tz,
                                                  guint                      day_start_hour);
gboolean         viva_fsrs_dataset_evaluate      (VivaFsrsDataset           *dataset,
                                                  const double              *parameters,
                                                  double                    *log_loss,
                                                  double                    *rmse);

gboolean         viva_fsrs_optimize              (VivaFsrsDataset           *dataset,
                                                  const double              *current,
                                                  GCancellable              *cancellable,
                                                  VivaFsrsOptimizerProgress  progress,
                                                  gpointer                   progress_data,
                                                  VivaFsrsOptimizerResult   *result,
                                                  GError                   **error);
void             viva_fsrs_optimize_async        (VivaFsrsDataset           *dataset,
                                                  const double              *current,
                                                  GCancellable              *cancellable,
                                                  VivaFsrsOptimizerProgress  progress,
                                                  gpointer                   progress_data,
                                                  GDestroyNotify             progress_data_destroy,
                                                  GAsyncReadyCallback        callback,
                                                  gpointer                   user_data);
gboolean         viva_fsrs_optimize_finish       (GAsyncResult              *result,
                                                  VivaFsrsOptimizerResult   *out,
                                                  GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VivaFsrsDataset, viva_fsrs_dataset_free)

G_END_DECLS
