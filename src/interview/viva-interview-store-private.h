/* viva-interview-store-private.h
 *
 * What only the tests call of the interview store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "viva-interview-store.h"

G_BEGIN_DECLS

GListModel *viva_interview_store_search (VivaInterviewStore *self,
                                         const char         *query);

G_END_DECLS
