/* viva-interview-wrapup-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_INTERVIEW_WRAPUP_PAGE (viva_interview_wrapup_page_get_type ())

G_DECLARE_FINAL_TYPE (VivaInterviewWrapupPage, viva_interview_wrapup_page, VIVA, INTERVIEW_WRAPUP_PAGE, GtkWidget)

GtkWidget     *viva_interview_wrapup_page_new           (void);
VivaInterview *viva_interview_wrapup_page_get_interview (VivaInterviewWrapupPage  *self);
void           viva_interview_wrapup_page_set_interview (VivaInterviewWrapupPage  *self,
                                                         VivaInterview            *interview);
char          *viva_interview_wrapup_page_dup_file_name (VivaInterviewWrapupPage  *self,
                                                         gboolean                  pdf);
gboolean       viva_interview_wrapup_page_export_to     (VivaInterviewWrapupPage  *self,
                                                         GFile                    *file,
                                                         gboolean                  pdf,
                                                         GError                  **error);

G_END_DECLS
