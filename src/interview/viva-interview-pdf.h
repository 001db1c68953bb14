/* viva-interview-pdf.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "viva-types.h"

G_BEGIN_DECLS

GBytes            *viva_interview_to_pdf              (VivaInterview  *interview,
                                                       GError        **error);
gboolean           viva_interview_write_pdf           (VivaInterview  *interview,
                                                       const char     *path,
                                                       GError        **error);
GtkPrintOperation *viva_interview_print_operation_new (VivaInterview  *interview);
void               viva_interview_print               (VivaInterview  *interview,
                                                       GtkWindow      *parent);

G_END_DECLS
