/* viva-level.h
 *
 * A level of a bank ("Level 1: Beginner"). Its children are topics, or,
 * for levels without topics, questions directly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_LEVEL (viva_level_get_type ())

G_DECLARE_FINAL_TYPE (VivaLevel, viva_level, VIVA, LEVEL, GObject)

guint       viva_level_get_number      (VivaLevel *self);
const char *viva_level_get_name        (VivaLevel *self);
const char *viva_level_get_title       (VivaLevel *self);
GListModel *viva_level_get_children    (VivaLevel *self);
GListModel *viva_level_get_questions   (VivaLevel *self);
guint       viva_level_get_n_topics    (VivaLevel *self);
guint       viva_level_get_n_questions (VivaLevel *self);

G_END_DECLS
