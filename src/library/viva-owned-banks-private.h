/* viva-owned-banks-private.h
 *
 * For the tests: a way to act between an edit's read and its write, as
 * another Viva writing the same bank would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "viva-owned-banks.h"

G_BEGIN_DECLS

/* Called in the worker, once per edit, after the bank was read and
 * before it is written. */
typedef void (*VivaOwnedBanksTestFunc) (const char *path,
                                        gpointer    user_data);

void _viva_owned_banks_set_before_write_func (VivaOwnedBanks         *self,
                                              VivaOwnedBanksTestFunc  func,
                                              gpointer                user_data);

G_END_DECLS
