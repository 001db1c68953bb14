/* viva-topic.h
 *
 * A topic inside a level ("### Strings").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_TOPIC (viva_topic_get_type ())

G_DECLARE_FINAL_TYPE (VivaTopic, viva_topic, VIVA, TOPIC, GObject)

const char *viva_topic_get_name        (VivaTopic *self);
VivaLevel  *viva_topic_get_level       (VivaTopic *self);
GListModel *viva_topic_get_questions   (VivaTopic *self);
guint       viva_topic_get_n_questions (VivaTopic *self);

G_END_DECLS
