/* viva-text.h
 *
 * The one way Viva folds text for matching: NFKD, combining marks
 * removed, case folded, so that "Café", "CAFE" and "cafe" all become
 * "cafe". Search keys, notes, queries, interview names and related
 * questions all go through it, so whatever it does to one it does to the
 * others. GLib only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *viva_text_normalize (const char *text,
                           gssize      len);
char *viva_text_fold      (const char *text,
                           gssize      len,
                           GArray     *map);

G_END_DECLS
