/* viva-code-pad-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "viva-code-pad.h"

G_BEGIN_DECLS

int        _viva_code_pad_case_status_rank  (VivaCaseStatus        status);
char      *_viva_code_pad_shorten           (const char           *text,
                                             gboolean              one_line);
GtkWidget *_viva_code_pad_result_row_new    (const VivaCaseResult *result);

G_END_DECLS
