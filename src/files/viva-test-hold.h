/* viva-test-hold.h
 *
 * A hold that tests put on a loading worker, so that they can act while
 * a load is under way: see viva-test-hold.c. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void viva_test_hold (const char *name);

G_END_DECLS
