/* viva-fsrs-simulate.h
 *
 * Review histories simulated from known FSRS-6 parameters, for the
 * optimizer's tests, its benchmark and build-aux/fsrs-optimizer/compare.
 * Deterministic for a seed. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "viva-fsrs.h"
#include "viva-scheduler.h"

G_BEGIN_DECLS

/* A simulated question: its reviews, oldest first. */
typedef struct
{
  VivaReviewEntry *entries;
  guint            n_entries;
} VivaSimulatedHistory;

/* Midnight UTC of the first simulated day (2025-01-01). */
#define VIVA_SIMULATE_EPOCH (G_GINT64_CONSTANT (1735689600) * G_USEC_PER_SEC)

GArray *viva_fsrs_simulate           (const double *w,
                                      const double *scheduler_w,
                                      guint         n_questions,
                                      guint         n_days,
                                      guint32       seed);
guint   viva_fsrs_simulate_n_reviews (GArray       *histories);

G_END_DECLS
