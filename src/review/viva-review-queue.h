/* viva-review-queue.h
 *
 * Today's Review: which questions of a bank to ask and in which order,
 * within the daily limits, from the schedule and the history kept in the
 * notes, and what the day's end says. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "viva-scheduler.h"
#include "viva-types.h"

G_BEGIN_DECLS

/**
 * VivaReviewCounts:
 * @due: questions due today, all of them: "N due today"
 * @unseen: questions Review has never asked nor a mock interview rated
 * @reviewed_today: questions answered in Review today (each counted
 *   once, however often it came back); mock interview ratings do not
 *   count
 * @new_today: of those, the ones that were new
 * @queued_due: due questions in the queue
 * @queued_new: new questions in the queue
 *
 * What the queue was built from, for the Review page's header.
 */
typedef struct
{
  guint due;
  guint unseen;
  guint reviewed_today;
  guint new_today;
  guint queued_due;
  guint queued_new;
} VivaReviewCounts;

GPtrArray *viva_review_queue_build (VivaNotesStore      *notes,
                                    const char          *bank_id,
                                    GListModel          *questions,
                                    const VivaReviewDay *day,
                                    guint                daily_limit,
                                    guint                new_per_day,
                                    VivaReviewCounts    *out_counts);

guint      viva_review_counts_get_over_limit (const VivaReviewCounts *counts);
char      *viva_review_counts_dup_summary    (const VivaReviewCounts *counts,
                                              VivaNotesStore         *notes,
                                              const char             *bank_id,
                                              VivaBank               *bank,
                                              const VivaReviewDay    *today);

G_END_DECLS
