/* viva-fsrs-optimize-group.h
 *
 * Preferences → Review → Optimize: fitting FSRS's parameters to the
 * user's own reviews (viva-fsrs-optimizer.c), with progress and the
 * result in words, and going back to the defaults.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_FSRS_OPTIMIZE_GROUP (viva_fsrs_optimize_group_get_type ())

G_DECLARE_FINAL_TYPE (VivaFsrsOptimizeGroup, viva_fsrs_optimize_group, VIVA, FSRS_OPTIMIZE_GROUP, AdwPreferencesGroup)

VivaContext *viva_fsrs_optimize_group_get_context       (VivaFsrsOptimizeGroup *self);
void         viva_fsrs_optimize_group_set_context       (VivaFsrsOptimizeGroup *self,
                                                         VivaContext           *context);
gboolean     viva_fsrs_optimize_group_get_running       (VivaFsrsOptimizeGroup *self);
GtkWidget   *viva_fsrs_optimize_group_get_optimize_button (VivaFsrsOptimizeGroup *self);
GtkWidget   *viva_fsrs_optimize_group_get_reset_button  (VivaFsrsOptimizeGroup *self);
const char  *viva_fsrs_optimize_group_get_status        (VivaFsrsOptimizeGroup *self);

G_END_DECLS
