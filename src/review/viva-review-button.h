/* viva-review-button.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_REVIEW_BUTTON (viva_review_button_get_type ())

G_DECLARE_FINAL_TYPE (VivaReviewButton, viva_review_button, VIVA, REVIEW_BUTTON, GtkButton)

void        viva_review_button_update       (VivaReviewButton *self);
guint       viva_review_button_get_n_due    (VivaReviewButton *self);
guint       viva_review_button_get_n_new    (VivaReviewButton *self);
const char *viva_review_button_get_title    (VivaReviewButton *self);
const char *viva_review_button_get_subtitle (VivaReviewButton *self);

G_END_DECLS
