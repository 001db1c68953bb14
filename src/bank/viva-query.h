/* viva-query.h
 *
 * What the user typed in the filter field, compiled once and matched
 * against many questions. Today: case-insensitive words that must all
 * appear in the question text, or a question number. The interface is the
 * seam for full search later (accents, notes, status filters).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_QUERY (viva_query_get_type ())

G_DECLARE_FINAL_TYPE (VivaQuery, viva_query, VIVA, QUERY, GObject)

VivaQuery  *viva_query_new            (const char   *text);
const char *viva_query_get_text       (VivaQuery    *self);
gboolean    viva_query_is_empty       (VivaQuery    *self);
guint       viva_query_get_number     (VivaQuery    *self);
gboolean    viva_query_match_question (VivaQuery    *self,
                                       VivaQuestion *question);

G_END_DECLS
