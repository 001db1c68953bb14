/* viva-interview-plan-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_INTERVIEW_PLAN_PAGE (viva_interview_plan_page_get_type ())

G_DECLARE_FINAL_TYPE (VivaInterviewPlanPage, viva_interview_plan_page, VIVA, INTERVIEW_PLAN_PAGE, GtkWidget)

void              viva_interview_plan_page_set_interview        (VivaInterviewPlanPage *self,
                                                                 VivaInterview         *interview);
VivaInterview    *viva_interview_plan_page_get_interview        (VivaInterviewPlanPage *self);
gboolean          viva_interview_plan_page_get_can_start        (VivaInterviewPlanPage *self);
void              viva_interview_plan_page_focus_candidate      (VivaInterviewPlanPage *self);

/* For tests. */
GtkEditable      *viva_interview_plan_page_get_candidate_entry  (VivaInterviewPlanPage *self);
GtkEditable      *viva_interview_plan_page_get_interviewer_entry (VivaInterviewPlanPage *self);
GtkWidget        *viva_interview_plan_page_get_row              (VivaInterviewPlanPage *self,
                                                                 guint                  index);
GtkSpinButton    *viva_interview_plan_page_get_row_budget       (VivaInterviewPlanPage *self,
                                                                 guint                  index);
GtkCalendar      *viva_interview_plan_page_get_calendar         (VivaInterviewPlanPage *self);
GtkSpinButton    *viva_interview_plan_page_get_time_spin        (VivaInterviewPlanPage *self,
                                                                 gboolean               minute);
const char       *viva_interview_plan_page_get_date_text        (VivaInterviewPlanPage *self);
GtkSpinButton    *viva_interview_plan_page_get_random_count     (VivaInterviewPlanPage *self);
VivaScopeList    *viva_interview_plan_page_get_scope_list       (VivaInterviewPlanPage *self);
const char       *viva_interview_plan_page_get_random_error     (VivaInterviewPlanPage *self);
GtkSpinButton    *viva_interview_plan_page_get_total_budget     (VivaInterviewPlanPage *self);
const char       *viva_interview_plan_page_get_budget_summary   (VivaInterviewPlanPage *self);
gboolean          viva_interview_plan_page_get_templates_loaded (VivaInterviewPlanPage *self);
gboolean          viva_interview_plan_page_get_saving_template  (VivaInterviewPlanPage *self);
guint             viva_interview_plan_page_get_n_templates      (VivaInterviewPlanPage *self);
const char       *viva_interview_plan_page_get_templates_problem (VivaInterviewPlanPage *self);
AdwMessageDialog *viva_interview_plan_page_get_dialog           (VivaInterviewPlanPage *self);
VivaInterviewTemplatesDialog *viva_interview_plan_page_get_templates_dialog (VivaInterviewPlanPage *self);
const char       *viva_interview_plan_page_get_error            (VivaInterviewPlanPage *self);

G_END_DECLS
