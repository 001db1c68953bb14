/* viva-interview-plan-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_INTERVIEW_PLAN_LIST (viva_interview_plan_list_get_type ())

G_DECLARE_FINAL_TYPE (VivaInterviewPlanList, viva_interview_plan_list, VIVA, INTERVIEW_PLAN_LIST, GtkWidget)

GtkWidget     *viva_interview_plan_list_new            (void);
VivaInterview *viva_interview_plan_list_get_interview  (VivaInterviewPlanList *self);
void           viva_interview_plan_list_set_interview  (VivaInterviewPlanList *self,
                                                        VivaInterview         *interview);

/* For tests. */
GtkWidget     *viva_interview_plan_list_get_row        (VivaInterviewPlanList *self,
                                                        guint                  index);
GtkSpinButton *viva_interview_plan_list_get_row_budget (VivaInterviewPlanList *self,
                                                        guint                  index);

G_END_DECLS
