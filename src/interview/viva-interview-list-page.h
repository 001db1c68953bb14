/* viva-interview-list-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_INTERVIEW_LIST_PAGE (viva_interview_list_page_get_type ())

G_DECLARE_FINAL_TYPE (VivaInterviewListPage, viva_interview_list_page, VIVA, INTERVIEW_LIST_PAGE, GtkWidget)

void              viva_interview_list_page_focus_search      (VivaInterviewListPage *self);

/* For tests. */
const char       *viva_interview_list_page_get_view_name     (VivaInterviewListPage *self);
guint             viva_interview_list_page_get_n_rows        (VivaInterviewListPage *self);
GtkWidget        *viva_interview_list_page_get_row           (VivaInterviewListPage *self,
                                                              guint                  position);
VivaInterview    *viva_interview_list_page_get_row_interview (VivaInterviewListPage *self,
                                                              guint                  position);
GtkEditable      *viva_interview_list_page_get_search_entry  (VivaInterviewListPage *self);
AdwMessageDialog *viva_interview_list_page_get_dialog        (VivaInterviewListPage *self);
const char       *viva_interview_list_page_get_error         (VivaInterviewListPage *self);
const char       *viva_interview_list_page_get_problems      (VivaInterviewListPage *self);

G_END_DECLS
