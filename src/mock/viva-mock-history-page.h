/* viva-mock-history-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_MOCK_HISTORY_PAGE (viva_mock_history_page_get_type ())

G_DECLARE_FINAL_TYPE (VivaMockHistoryPage, viva_mock_history_page, VIVA, MOCK_HISTORY_PAGE, GtkWidget)

void       viva_mock_history_page_set_sessions (VivaMockHistoryPage *self,
                                                GListModel          *sessions,
                                                GPtrArray           *problems);
GtkWidget *viva_mock_history_page_get_row      (VivaMockHistoryPage *self,
                                                guint                position);

G_END_DECLS
