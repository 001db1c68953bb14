/* viva-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_WINDOW (viva_window_get_type ())

G_DECLARE_FINAL_TYPE (VivaWindow, viva_window, VIVA, WINDOW, AdwApplicationWindow)

VivaWindow       *viva_window_new                     (VivaApplication *app,
                                                       VivaContext     *context);
void              viva_window_restore_session         (VivaWindow      *self);
void              viva_window_report_notes_state      (VivaWindow      *self,
                                                       const GError    *load_error);
void              viva_window_open_file               (VivaWindow      *self,
                                                       GFile           *file);
void              viva_window_import_file             (VivaWindow      *self,
                                                       GFile           *file);
VivaBank         *viva_window_get_bank                (VivaWindow      *self);
void              viva_window_set_bank                (VivaWindow      *self,
                                                       VivaBank        *bank);
VivaQuestion     *viva_window_get_question            (VivaWindow      *self);
void              viva_window_show_question           (VivaWindow      *self,
                                                       VivaQuestion    *question);
void              viva_window_offer_resume            (VivaWindow      *self);
VivaMockView     *viva_window_get_mock_view           (VivaWindow      *self);
VivaProgressView *viva_window_get_progress_view       (VivaWindow      *self);
VivaInterviewView *viva_window_get_interview_view     (VivaWindow      *self);
VivaReviewView   *viva_window_get_review_view         (VivaWindow      *self);
VivaReviewButton *viva_window_get_review_button       (VivaWindow      *self);
VivaSidebar      *viva_window_get_sidebar             (VivaWindow      *self);
VivaQuestionView *viva_window_get_question_view       (VivaWindow      *self);
const char       *viva_window_get_banner_message      (VivaWindow      *self);

G_END_DECLS
