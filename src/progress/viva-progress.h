/* viva-progress.h
 *
 * The study-state layer: what the user has made of each question of a
 * bank (status, star, whether it has notes) and how far they have got
 * through it (how many questions are New, Learning and Confident, in
 * all, per level and per topic, and how many have notes). It sits above
 * the bank, which only holds what the bank file says, and the notes
 * store, which keeps the notes; it follows the store whatever changed a
 * note. GTK-free: links against GLib/GIO only.
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
VivaProgress   *viva_progress_dup_for_bank             (VivaBank                 *bank,
                                                        VivaNotesStore           *store);
VivaBank       *viva_progress_get_bank                 (VivaProgress             *self);
VivaNotesStore *viva_progress_get_notes_store          (VivaProgress             *self);
void            viva_progress_get_counts               (VivaProgress             *self,
                                                        VivaProgressCounts       *counts);

gboolean        viva_progress_get_has_note             (VivaProgress             *self,
                                                        VivaQuestion             *question);
gboolean        viva_progress_get_starred              (VivaProgress             *self,
                                                        VivaQuestion             *question);
VivaStatus      viva_progress_get_status               (VivaProgress             *self,
                                                        VivaQuestion             *question);
guint           viva_progress_get_n_noted              (VivaProgress             *self,
                                                        gpointer                  group);

void            viva_progress_counts_for_level         (VivaProgress             *self,
                                                        VivaLevel                *level,
                                                        VivaProgressCounts       *counts);
void            viva_progress_counts_for_topic         (VivaProgress             *self,
                                                        VivaTopic                *topic,
                                                        VivaProgressCounts       *counts);
void            viva_progress_counts_outside_topics    (VivaProgress             *self,
                                                        VivaLevel                *level,
                                                        VivaProgressCounts       *counts);
guint           viva_progress_counts_get_total         (const VivaProgressCounts *counts);
char           *viva_progress_counts_describe          (const VivaProgressCounts *counts);

VivaQuestion   *viva_progress_find_next_to_study       (VivaProgress             *self,
                                                        GListModel               *items);

G_END_DECLS
