/* viva-json-writer.h
 *
 * Writes JSON straight into a string, pretty-printed exactly as
 * json-glib's JsonGenerator does it with an indent of 2 (so that a file
 * keeps its layout whichever of the two wrote it, and diffs stay small),
 * without building a tree first. For the files that grow with the user's
 * data: notes.json with 10,000 notes is written in a tenth of the time
 * JsonBuilder and JsonGenerator take. Plain data, no GObject; one writer
 * per thread.
 *
 * The caller writes well-formed JSON: a member name before each value
 * in an object, ends matching begins. Strings are checked as they are
 * written: one that is not UTF-8 makes the document worthless, and the
 * caller says why in its own words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Deeper than any of our files. */
#define VIVA_JSON_WRITER_MAX_DEPTH 16

typedef struct
{
  GString *out;
  guint    depth;
  /* Per open object or array: how many values it holds so far, and
   * whether it is an array. */
  guint    count[VIVA_JSON_WRITER_MAX_DEPTH];
  gboolean array[VIVA_JSON_WRITER_MAX_DEPTH];
} VivaJsonWriter;

void    viva_json_writer_init            (VivaJsonWriter *writer,
                                          gsize           reserved_size);
void    viva_json_writer_clear           (VivaJsonWriter *writer);
void    viva_json_writer_begin_object    (VivaJsonWriter *writer);
void    viva_json_writer_end_object      (VivaJsonWriter *writer);
void    viva_json_writer_begin_array     (VivaJsonWriter *writer);
void    viva_json_writer_end_array       (VivaJsonWriter *writer);
gboolean viva_json_writer_member         (VivaJsonWriter *writer,
                                          const char     *name);
gboolean viva_json_writer_string         (VivaJsonWriter *writer,
                                          const char     *value);
void    viva_json_writer_int             (VivaJsonWriter *writer,
                                          gint64          value);
void    viva_json_writer_double          (VivaJsonWriter *writer,
                                          double          value);
void    viva_json_writer_boolean         (VivaJsonWriter *writer,
                                          gboolean        value);
void    viva_json_writer_null            (VivaJsonWriter *writer);
gsize   viva_json_writer_get_size        (VivaJsonWriter *writer);
GBytes *viva_json_writer_free_to_bytes   (VivaJsonWriter *writer);

G_END_DECLS
