/* viva-interview-live-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "viva-candidate-window.h"
#include "viva-code-pad.h"
#include "viva-interview.h"
#include "viva-question-picker.h"
#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_INTERVIEW_LIVE_PAGE (viva_interview_live_page_get_type ())

G_DECLARE_FINAL_TYPE (VivaInterviewLivePage, viva_interview_live_page, VIVA, INTERVIEW_LIVE_PAGE, GtkWidget)

VivaInterview       *viva_interview_live_page_get_interview        (VivaInterviewLivePage *self);
void                 viva_interview_live_page_set_interview        (VivaInterviewLivePage *self,
                                                                    VivaInterview         *interview);
VivaCandidateWindow *viva_interview_live_page_get_candidate_window (VivaInterviewLivePage *self);
GtkTextView         *viva_interview_live_page_get_notes_view       (VivaInterviewLivePage *self);
const char          *viva_interview_live_page_get_answer_key       (VivaInterviewLivePage *self);
const char          *viva_interview_live_page_get_bank_answer      (VivaInterviewLivePage *self);
const char          *viva_interview_live_page_get_clock_text       (VivaInterviewLivePage *self,
                                                                    gboolean               whole_interview);
gboolean             viva_interview_live_page_add_question         (VivaInterviewLivePage *self,
                                                                    guint                  number,
                                                                    const char            *text,
                                                                    GError               **error);
VivaQuestionPicker  *viva_interview_live_page_get_question_picker (VivaInterviewLivePage *self);
GtkLabel            *viva_interview_live_page_get_question_label  (VivaInterviewLivePage *self);
VivaCodePad         *viva_interview_live_page_get_code_pad        (VivaInterviewLivePage *self);

G_END_DECLS
