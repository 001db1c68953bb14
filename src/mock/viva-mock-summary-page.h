/* viva-mock-summary-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_MOCK_SUMMARY_PAGE (viva_mock_summary_page_get_type ())

G_DECLARE_FINAL_TYPE (VivaMockSummaryPage, viva_mock_summary_page, VIVA, MOCK_SUMMARY_PAGE, GtkWidget)

VivaMockSession *viva_mock_summary_page_get_session (VivaMockSummaryPage *self);
VivaBank        *viva_mock_summary_page_get_bank    (VivaMockSummaryPage *self);
void             viva_mock_summary_page_set_session (VivaMockSummaryPage *self,
                                                     VivaMockSession     *session);
const char      *viva_mock_summary_page_get_totals  (VivaMockSummaryPage *self);
gboolean         viva_mock_summary_page_rate        (VivaMockSummaryPage *self,
                                                     guint                index,
                                                     guint                rating);

G_END_DECLS
