/* viva-review-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "viva-scheduler.h"
#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_REVIEW_VIEW (viva_review_view_get_type ())

G_DECLARE_FINAL_TYPE (VivaReviewView, viva_review_view, VIVA, REVIEW_VIEW, GtkWidget)

void          viva_review_view_start             (VivaReviewView  *self);
const char   *viva_review_view_get_page          (VivaReviewView  *self);
VivaQuestion *viva_review_view_get_question      (VivaReviewView  *self);
gboolean      viva_review_view_get_revealed      (VivaReviewView  *self);
gboolean      viva_review_view_get_can_undo      (VivaReviewView  *self);
const char   *viva_review_view_get_progress      (VivaReviewView  *self);
const char   *viva_review_view_get_grade_hint    (VivaReviewView  *self,
                                                  VivaReviewGrade  grade);
char         *viva_review_view_dup_note_text     (VivaReviewView  *self);
const char   *viva_review_view_get_done_message  (VivaReviewView  *self);

G_END_DECLS
