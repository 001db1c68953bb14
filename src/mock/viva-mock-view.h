/* viva-mock-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_MOCK_VIEW (viva_mock_view_get_type ())

G_DECLARE_FINAL_TYPE (VivaMockView, viva_mock_view, VIVA, MOCK_VIEW, GtkWidget)

void                 viva_mock_view_show_setup       (VivaMockView     *self);
void                 viva_mock_view_show_history     (VivaMockView     *self);
gboolean             viva_mock_view_resume           (VivaMockView     *self,
                                                      VivaMockSession  *session);
gboolean             viva_mock_view_get_running      (VivaMockView     *self);
const char          *viva_mock_view_get_page         (VivaMockView     *self);
VivaMockSession     *viva_mock_view_get_session      (VivaMockView     *self);
VivaMockTimer       *viva_mock_view_get_timer        (VivaMockView     *self);
VivaMockSetupPage   *viva_mock_view_get_setup_page   (VivaMockView     *self);
VivaMockRunPage     *viva_mock_view_get_run_page     (VivaMockView     *self);
VivaMockSummaryPage *viva_mock_view_get_summary_page (VivaMockView     *self);
VivaMockHistoryPage *viva_mock_view_get_history_page (VivaMockView     *self);

G_END_DECLS
