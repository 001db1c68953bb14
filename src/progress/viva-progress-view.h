/* viva-progress-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_PROGRESS_VIEW (viva_progress_view_get_type ())

G_DECLARE_FINAL_TYPE (VivaProgressView, viva_progress_view, VIVA, PROGRESS_VIEW, GtkWidget)

VivaProgress *viva_progress_view_get_progress     (VivaProgressView *self);
const char   *viva_progress_view_get_summary_text (VivaProgressView *self);
const char   *viva_progress_view_get_streak_text  (VivaProgressView *self);
const char   *viva_progress_view_get_recall_text  (VivaProgressView *self);

G_END_DECLS
