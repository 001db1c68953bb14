/* viva-mock-setup-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_MOCK_SETUP_PAGE (viva_mock_setup_page_get_type ())

G_DECLARE_FINAL_TYPE (VivaMockSetupPage, viva_mock_setup_page, VIVA, MOCK_SETUP_PAGE, GtkWidget)

VivaMockSetup *viva_mock_setup_page_get_setup   (VivaMockSetupPage *self);
void           viva_mock_setup_page_set_setup   (VivaMockSetupPage *self,
                                                 VivaMockSetup     *setup);
GPtrArray     *viva_mock_setup_page_select      (VivaMockSetupPage *self,
                                                 GError           **error);
const char    *viva_mock_setup_page_get_summary (VivaMockSetupPage *self);
void           viva_mock_setup_page_focus_start (VivaMockSetupPage *self);

/* For tests. */
VivaScopeList *viva_mock_setup_page_get_scope_list (VivaMockSetupPage *self);

G_END_DECLS
