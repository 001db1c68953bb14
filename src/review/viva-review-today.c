/* viva-review-today.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-bank.h"
#include "viva-context.h"
#include "viva-review-today.h"

struct _VivaReviewToday
{
  GObject      parent_instance;

  /* Borrowed: the context owns this */
  VivaContext *context;
};

G_DEFINE_FINAL_TYPE (VivaReviewToday, viva_review_today, G_TYPE_OBJECT)

enum {
  LIMITS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
viva_review_today_settings_changed_cb (VivaReviewToday *self,
                                       const char      *key,
                                       GSettings       *settings)
{
  g_signal_emit (self, signals[LIMITS_CHANGED], 0);
}

static void
viva_review_today_class_init (VivaReviewTodayClass *klass)
{
  /**
   * VivaReviewToday::limits-changed:
   *
   * A daily limit changed (in Preferences): today's questions may be
   * more or fewer.
   */
  signals[LIMITS_CHANGED] =
    g_signal_new ("limits-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
viva_review_today_init (VivaReviewToday *self)
{
}

/**
 * viva_review_today_new:
 * @context: the context that owns it
 *
 * Returns: (transfer full): a new #VivaReviewToday
 */
VivaReviewToday *
viva_review_today_new (VivaContext *context)
{
  VivaReviewToday *self;
  GSettings *settings;

  g_return_val_if_fail (VIVA_IS_CONTEXT (context), NULL);

  self = g_object_new (VIVA_TYPE_REVIEW_TODAY, NULL);
  self->context = context;

  settings = viva_context_get_settings (context);
  g_signal_connect_object (settings, "changed::review-daily-limit",
                           G_CALLBACK (viva_review_today_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::review-new-per-day",
                           G_CALLBACK (viva_review_today_settings_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}

/**
 * viva_review_today_get_day:
 *
 * The review day it is now by the context's clock: it starts at
 * %VIVA_REVIEW_DAY_START_HOUR.
 */
void
viva_review_today_get_day (VivaReviewToday *self,
                           VivaReviewDay   *out_day)
{
  g_return_if_fail (VIVA_IS_REVIEW_TODAY (self));
  g_return_if_fail (out_day != NULL);

  viva_review_day_init (out_day, viva_context_get_real_time (self->context), NULL,
                        VIVA_REVIEW_DAY_START_HOUR);
}

guint
viva_review_today_get_daily_limit (VivaReviewToday *self)
{
  g_return_val_if_fail (VIVA_IS_REVIEW_TODAY (self), 0);

  return g_settings_get_uint (viva_context_get_settings (self->context), "review-daily-limit");
}

guint
viva_review_today_get_new_per_day (VivaReviewToday *self)
{
  g_return_val_if_fail (VIVA_IS_REVIEW_TODAY (self), 0);

  return g_settings_get_uint (viva_context_get_settings (self->context), "review-new-per-day");
}

/**
 * viva_review_today_build:
 * @day: the review day, from viva_review_today_get_day()
 * @out_counts: (out): what the queue was built from
 *
 * Today's questions of the context's bank, within the daily limits.
 *
 * Returns: (transfer full) (nullable) (element-type VivaQuestion): the
 *   questions to ask, in order, or %NULL when no bank is open or there
 *   are no notes
 */
GPtrArray *
viva_review_today_build (VivaReviewToday     *self,
                         const VivaReviewDay *day,
                         VivaReviewCounts    *out_counts)
{
  VivaBank *bank;
  VivaNotesStore *notes;

  g_return_val_if_fail (VIVA_IS_REVIEW_TODAY (self), NULL);
  g_return_val_if_fail (day != NULL, NULL);
  g_return_val_if_fail (out_counts != NULL, NULL);

  bank = viva_context_get_bank (self->context);
  notes = viva_context_get_notes_store (self->context);
  if (bank == NULL || notes == NULL)
    return NULL;

  return viva_review_queue_build (notes,
                                  viva_bank_get_id (bank),
                                  viva_bank_get_questions (bank),
                                  day,
                                  viva_review_today_get_daily_limit (self),
                                  viva_review_today_get_new_per_day (self),
                                  out_counts);
}
