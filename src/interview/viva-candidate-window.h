/* viva-candidate-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "viva-interview.h"

G_BEGIN_DECLS

#define VIVA_TYPE_CANDIDATE_WINDOW (viva_candidate_window_get_type ())

G_DECLARE_FINAL_TYPE (VivaCandidateWindow, viva_candidate_window, VIVA, CANDIDATE_WINDOW, AdwWindow)

VivaCandidateWindow *viva_candidate_window_new           (VivaContext         *context,
                                                          VivaInterview       *interview);
VivaInterview       *viva_candidate_window_get_interview (VivaCandidateWindow *self);
void                 viva_candidate_window_set_interview (VivaCandidateWindow *self,
                                                          VivaInterview       *interview);
const char          *viva_candidate_window_get_text      (VivaCandidateWindow *self);
GtkLabel            *viva_candidate_window_get_question_label
                                                         (VivaCandidateWindow *self);

G_END_DECLS
