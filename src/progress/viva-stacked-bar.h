/* viva-stacked-bar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "viva-progress.h"

G_BEGIN_DECLS

#define VIVA_TYPE_STACKED_BAR (viva_stacked_bar_get_type ())

G_DECLARE_FINAL_TYPE (VivaStackedBar, viva_stacked_bar, VIVA, STACKED_BAR, GtkWidget)

GtkWidget *viva_stacked_bar_new        (void);
void       viva_stacked_bar_get_counts (VivaStackedBar           *self,
                                        VivaProgressCounts       *counts);
void       viva_stacked_bar_set_counts (VivaStackedBar           *self,
                                        const VivaProgressCounts *counts);

G_END_DECLS
