/* viva-progress-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "viva-progress.h"
#include "viva-review-stats.h"

G_BEGIN_DECLS

#define VIVA_TYPE_PROGRESS_ROW (viva_progress_row_get_type ())

G_DECLARE_FINAL_TYPE (VivaProgressRow, viva_progress_row, VIVA, PROGRESS_ROW, GtkListBoxRow)

GtkWidget  *viva_progress_row_new             (VivaProgress       *progress,
                                               VivaLevel          *level,
                                               VivaTopic          *topic);
VivaLevel  *viva_progress_row_get_level       (VivaProgressRow    *self);
VivaTopic  *viva_progress_row_get_topic       (VivaProgressRow    *self);
void        viva_progress_row_get_counts      (VivaProgressRow    *self,
                                               VivaProgressCounts *counts);
const char *viva_progress_row_get_counts_text (VivaProgressRow    *self);

void        viva_progress_row_set_recall      (VivaProgressRow    *self,
                                               const VivaRecall   *recall);
const char *viva_progress_row_get_recall_text (VivaProgressRow    *self);

G_END_DECLS
