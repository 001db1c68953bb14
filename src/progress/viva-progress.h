/* viva-progress.h
 *
 * How far the user has got through a bank: how many of its questions
 * are New, Learning and Confident, in all, per level and per topic.
 * GTK-free: links against GLib/GIO only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "viva-types.h"

G_BEGIN_DECLS

/**
 * VivaProgressCounts:
 * @n_new: questions not studied yet
 * @n_learning: questions being studied
 * @n_confident: questions the user knows
 *
 * The questions of a bank, level, topic or group, by status.
 */
typedef struct
{
  guint n_new;
  guint n_learning;
  guint n_confident;
} VivaProgressCounts;

#define VIVA_TYPE_PROGRESS (viva_progress_get_type ())

G_DECLARE_FINAL_TYPE (VivaProgress, viva_progress, VIVA, PROGRESS, GObject)

VivaProgress   *viva_progress_new                      (VivaBank                 *bank,
                                                        VivaNotesStore           *store);
VivaBank       *viva_progress_get_bank                 (VivaProgress             *self);
VivaNotesStore *viva_progress_get_notes_store          (VivaProgress             *self);
void            viva_progress_get_counts               (VivaProgress             *self,
                                                        VivaProgressCounts       *counts);

void            viva_progress_counts_for_level         (VivaLevel                *level,
                                                        VivaProgressCounts       *counts);
void            viva_progress_counts_for_topic         (VivaTopic                *topic,
                                                        VivaProgressCounts       *counts);
void            viva_progress_counts_outside_topics    (VivaLevel                *level,
                                                        VivaProgressCounts       *counts);
guint           viva_progress_counts_get_total         (const VivaProgressCounts *counts);
char           *viva_progress_counts_describe          (const VivaProgressCounts *counts);

VivaQuestion   *viva_progress_find_next_to_study       (GListModel               *items);

G_END_DECLS
