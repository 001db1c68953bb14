/* viva-mock-run-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "viva-challenge.h"
#include "viva-code-pad.h"
#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_MOCK_RUN_PAGE (viva_mock_run_page_get_type ())

G_DECLARE_FINAL_TYPE (VivaMockRunPage, viva_mock_run_page, VIVA, MOCK_RUN_PAGE, GtkWidget)

void         viva_mock_run_page_show_question (VivaMockRunPage *self,
                                               VivaMockTimer   *timer,
                                               const char      *markup,
                                               const char      *context,
                                               const char      *answer,
                                               gboolean         editable);
void         viva_mock_run_page_update_clock  (VivaMockRunPage *self);
void         viva_mock_run_page_show_time_up  (VivaMockRunPage *self,
                                               gboolean         time_up);
const char  *viva_mock_run_page_get_countdown (VivaMockRunPage *self);
GtkTextView *viva_mock_run_page_get_answer_view (VivaMockRunPage *self);
void         viva_mock_run_page_focus_answer  (VivaMockRunPage *self);
void         viva_mock_run_page_show_code     (VivaMockRunPage      *self,
                                               gboolean              coding,
                                               VivaChallenge        *challenge,
                                               const char           *code,
                                               const char           *output,
                                               VivaChallengeResults *results,
                                               gboolean              editable);
gboolean     viva_mock_run_page_get_coding    (VivaMockRunPage *self);
VivaCodePad *viva_mock_run_page_get_code_pad  (VivaMockRunPage *self);

G_END_DECLS
