/* viva-interview-templates-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_INTERVIEW_TEMPLATES_DIALOG (viva_interview_templates_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VivaInterviewTemplatesDialog, viva_interview_templates_dialog, VIVA, INTERVIEW_TEMPLATES_DIALOG, AdwWindow)

VivaInterviewTemplatesDialog *viva_interview_templates_dialog_new               (GtkWindow                    *parent,
                                                                               const char                   *path,
                                                                               GPtrArray                    *templates);

/* For tests. */
gboolean                      viva_interview_templates_dialog_get_busy          (VivaInterviewTemplatesDialog *self);
guint                         viva_interview_templates_dialog_get_n_templates   (VivaInterviewTemplatesDialog *self);
GtkWidget                    *viva_interview_templates_dialog_get_row           (VivaInterviewTemplatesDialog *self,
                                                                               guint                         index);
AdwMessageDialog             *viva_interview_templates_dialog_get_rename_dialog (VivaInterviewTemplatesDialog *self);
const char                   *viva_interview_templates_dialog_get_error         (VivaInterviewTemplatesDialog *self);

G_END_DECLS
