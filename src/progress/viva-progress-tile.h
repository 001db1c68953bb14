/* viva-progress-tile.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "viva-progress.h"
#include "viva-review-stats.h"

G_BEGIN_DECLS

#define VIVA_TYPE_PROGRESS_TILE (viva_progress_tile_get_type ())

G_DECLARE_FINAL_TYPE (VivaProgressTile, viva_progress_tile, VIVA, PROGRESS_TILE, GtkFlowBoxChild)

GtkWidget  *viva_progress_tile_new            (VivaProgress       *progress,
                                               VivaLevel          *level,
                                               VivaTopic          *topic);
VivaLevel  *viva_progress_tile_get_level      (VivaProgressTile   *self);
VivaTopic  *viva_progress_tile_get_topic      (VivaProgressTile   *self);
void        viva_progress_tile_get_counts     (VivaProgressTile   *self,
                                               VivaProgressCounts *counts);
const char *viva_progress_tile_get_count_text (VivaProgressTile   *self);
guint       viva_progress_tile_get_shade      (VivaProgressTile   *self);

void        viva_progress_tile_set_recall     (VivaProgressTile   *self,
                                               const VivaRecall   *recall);

G_END_DECLS
