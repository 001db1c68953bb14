/* viva-query.h
 *
 * What the user typed in the filter field, compiled once and matched
 * against many questions: words that must all appear, ignoring case and
 * accents, or a question number. VivaSearchIndex runs a query over a
 * whole bank and its notes; viva_query_find_matches() says where a query
 * matches in one text, for highlighting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "viva-types.h"

G_BEGIN_DECLS

/**
 * VivaTextRange:
 * @start: the first byte
 * @end: the byte after the last one
 *
 * A part of a text, as byte offsets into it.
 */
typedef struct
{
  gsize start;
  gsize end;
} VivaTextRange;

#define VIVA_TYPE_QUERY (viva_query_get_type ())

G_DECLARE_FINAL_TYPE (VivaQuery, viva_query, VIVA, QUERY, GObject)

VivaQuery  *viva_query_new            (const char   *text);
const char *viva_query_get_text       (VivaQuery    *self);
gboolean    viva_query_is_empty       (VivaQuery    *self);
guint       viva_query_get_number     (VivaQuery    *self);
gboolean    viva_query_match_question (VivaQuery    *self,
                                       VivaQuestion *question);
const char * const *
            viva_query_get_words      (VivaQuery    *self,
                                       guint        *n_words);
GArray     *viva_query_find_matches   (VivaQuery    *self,
                                       const char   *text);

G_END_DECLS
