/* viva-interview-plan-page-private.h
 *
 * What viva-interview-plan-page.c and viva-interview-plan-page-templates.c
 * share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "viva-interview-plan-list.h"
#include "viva-interview-plan-page.h"
#include "viva-interview-templates-dialog.h"
#include "viva-scope-list.h"

G_BEGIN_DECLS

typedef enum
{
  VIVA_PLAN_TEMPLATES_NOT_LOADED,
  VIVA_PLAN_TEMPLATES_LOADING,
  VIVA_PLAN_TEMPLATES_LOADED,
} VivaPlanTemplatesState;

struct _VivaInterviewPlanPage
{
  GtkWidget              parent_instance;

  /* Owned */
  VivaContext           *context;
  GSignalGroup          *context_signals;
  /* The context's, kept from its last notify::bank */
  VivaBank              *bank;
  VivaInterview         *interview;
  GCancellable          *cancellable;
  GPtrArray             *templates;
  VivaInterviewTemplate *saving_template;   /* while it is being saved */

  /* Template widgets */
  AdwToastOverlay       *toast_overlay;
  GtkLabel              *read_only_label;
  GtkLabel              *templates_label;
  AdwPreferencesGroup   *details_group;
  AdwEntryRow           *candidate_row;
  AdwEntryRow           *role_row;
  AdwEntryRow           *interviewer_row;
  AdwActionRow          *date_row;
  GtkCalendar           *calendar;
  GtkSpinButton         *hour_spin;
  GtkSpinButton         *minute_spin;
  GtkMenuButton         *random_button;
  GtkPopover            *random_popover;
  GtkSpinButton         *random_count_spin;
  VivaScopeList         *scope_list;
  GtkLabel              *random_error_label;
  GtkMenuButton         *templates_button;
  VivaInterviewPlanList *plan_list;
  GtkLabel              *error_label;
  AdwActionRow          *total_row;
  GtkImage              *over_budget_image;
  GtkSpinButton         *total_spin;
  GtkButton             *start_button;

  /* Borrowed: the dialog on screen, if any */
  AdwMessageDialog      *dialog;
  VivaInterviewTemplatesDialog *templates_dialog;

  VivaPlanTemplatesState templates_state;
  guint                  templates_read_only : 1;
  guint                  can_start : 1;
  guint                  syncing : 1;
};

/* viva-interview-plan-page.c */
gboolean          _viva_interview_plan_page_get_plan_editable      (VivaInterviewPlanPage *self);
void              _viva_interview_plan_page_update_actions         (VivaInterviewPlanPage *self);
void              _viva_interview_plan_page_show_error             (VivaInterviewPlanPage *self,
                                                                    const char            *message);
void              _viva_interview_plan_page_toast                  (VivaInterviewPlanPage *self,
                                                                    const char            *title);
AdwMessageDialog *_viva_interview_plan_page_new_dialog             (VivaInterviewPlanPage *self,
                                                                    const char            *heading,
                                                                    const char            *body);

/* viva-interview-plan-page-templates.c */
void              _viva_interview_plan_page_class_templates_init   (GtkWidgetClass        *widget_class);
void              _viva_interview_plan_page_rebuild_templates_menu (VivaInterviewPlanPage *self);
void              _viva_interview_plan_page_load_templates         (VivaInterviewPlanPage *self);
void              _viva_interview_plan_page_close_templates_dialog (VivaInterviewPlanPage *self);

G_END_DECLS
