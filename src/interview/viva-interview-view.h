/* viva-interview-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "viva-interview-list-page.h"
#include "viva-interview-live-page.h"
#include "viva-interview-plan-page.h"
#include "viva-interview-wrapup-page.h"
#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_INTERVIEW_VIEW (viva_interview_view_get_type ())

G_DECLARE_FINAL_TYPE (VivaInterviewView, viva_interview_view, VIVA, INTERVIEW_VIEW, GtkWidget)

VivaInterview           *viva_interview_view_new_interview   (VivaInterviewView   *self);
void                     viva_interview_view_open            (VivaInterviewView   *self,
                                                              VivaInterview       *interview);
void                     viva_interview_view_show_list       (VivaInterviewView   *self);
VivaInterview           *viva_interview_view_add_question    (VivaInterviewView   *self,
                                                              VivaQuestion        *question,
                                                              GError             **error);
VivaInterview           *viva_interview_view_get_interview   (VivaInterviewView   *self);
gboolean                 viva_interview_view_get_running     (VivaInterviewView   *self);
const char              *viva_interview_view_get_page        (VivaInterviewView   *self);
VivaInterviewListPage   *viva_interview_view_get_list_page   (VivaInterviewView   *self);
VivaInterviewPlanPage   *viva_interview_view_get_plan_page   (VivaInterviewView   *self);
VivaInterviewLivePage   *viva_interview_view_get_live_page   (VivaInterviewView   *self);
VivaInterviewWrapupPage *viva_interview_view_get_wrapup_page (VivaInterviewView   *self);

G_END_DECLS
