/* viva-source-schemes.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

extern const char * const viva_source_scheme_ids[];

void viva_source_schemes_init (void);

G_END_DECLS
