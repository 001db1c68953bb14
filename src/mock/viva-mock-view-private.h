/* viva-mock-view-private.h
 *
 * What viva-mock-view.c and viva-mock-view-export.c share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "viva-mock-view.h"

G_BEGIN_DECLS

void _viva_mock_view_toast         (VivaMockView *self,
                                    const char   *message);
void _viva_mock_view_export_action (GtkWidget    *widget,
                                    const char   *action_name,
                                    GVariant     *param);

G_END_DECLS
