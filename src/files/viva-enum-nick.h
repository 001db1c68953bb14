/* viva-enum-nick.h
 *
 * Enums by their nick: the word Viva's files use for each value, from
 * the enum's GEnumClass (G_DEFINE_ENUM_TYPE or glib-mkenums), so that
 * no enum has a second, hand-written table of its words. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

const char *viva_enum_to_nick   (GType        enum_type,
                                 int          value);
gboolean    viva_enum_from_nick (GType        enum_type,
                                 const char  *nick,
                                 int         *value);

G_END_DECLS
