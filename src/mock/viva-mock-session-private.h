/* viva-mock-session-private.h
 *
 * For the session file reader only: it builds a session from a file that
 * it has validated completely, without emitting anything.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "viva-mock-session.h"

G_BEGIN_DECLS

gboolean         _viva_mock_session_id_is_valid     (const char           *id);
VivaMockSession *_viva_mock_session_new_loaded      (const char           *id,
                                                     const char           *bank_id,
                                                     const char           *bank_title,
                                                     gint64                created,
                                                     guint64               seed,
                                                     gboolean              random_order,
                                                     VivaMockBudgetMode    budget_mode,
                                                     gint64                total_budget,
                                                     gboolean              auto_advance);
void             _viva_mock_session_append_item     (VivaMockSession      *self,
                                                     const VivaMockItem   *item);
void             _viva_mock_session_load_progress   (VivaMockSession      *self,
                                                     guint                 current,
                                                     VivaMockSessionState  state,
                                                     gint64                finished);

G_END_DECLS
