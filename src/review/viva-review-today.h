/* viva-review-today.h
 *
 * Today's Review of the open bank, in one place for the sidebar's
 * "N due today" and the Review page, so that both count with the same
 * day and the same daily limits: the day by the context's clock, the
 * limits from its settings, the queue from viva_review_queue_build().
 * The context owns it (viva_context_get_review_today()). GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "viva-review-queue.h"
#include "viva-scheduler.h"
#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_REVIEW_TODAY (viva_review_today_get_type ())

G_DECLARE_FINAL_TYPE (VivaReviewToday, viva_review_today, VIVA, REVIEW_TODAY, GObject)

VivaReviewToday *viva_review_today_new             (VivaContext         *context);
void             viva_review_today_get_day         (VivaReviewToday     *self,
                                                    VivaReviewDay       *out_day);
guint            viva_review_today_get_daily_limit (VivaReviewToday     *self);
guint            viva_review_today_get_new_per_day (VivaReviewToday     *self);
GPtrArray       *viva_review_today_build           (VivaReviewToday     *self,
                                                    const VivaReviewDay *day,
                                                    VivaReviewCounts    *out_counts);

G_END_DECLS
