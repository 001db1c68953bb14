/* viva-case-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "viva-code-case.h"

G_BEGIN_DECLS

/**
 * VivaCaseDialogFunc:
 * @code_case: the case the user added or changed, valid for notes.json
 * @user_data: the data given
 */
typedef void (*VivaCaseDialogFunc) (const VivaCodeCase *code_case,
                                    gpointer            user_data);

AdwMessageDialog *viva_case_dialog_new (GtkWindow          *parent,
                                        const VivaCodeCase *code_case,
                                        VivaCaseDialogFunc  func,
                                        gpointer            user_data,
                                        GDestroyNotify      destroy);

G_END_DECLS
