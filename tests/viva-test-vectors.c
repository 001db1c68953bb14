/* viva-test-vectors.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "viva-test-vectors.h"

/* tests/data/@name, gzipped JSON, read whole. */
JsonNode *
viva_test_vectors_load (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) raw = NULL;
  g_autoptr(GZlibDecompressor) gunzip = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;

  raw = g_file_read (file, NULL, &error);
  g_assert_no_error (error);
  gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  stream = g_converter_input_stream_new (G_INPUT_STREAM (raw), G_CONVERTER (gunzip));
  json_parser_load_from_stream (parser, stream, NULL, &error);
  g_assert_no_error (error);

  return json_node_ref (json_parser_get_root (parser));
}

JsonObject *
viva_test_vectors_root (JsonNode *vectors)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (vectors));

  return json_node_get_object (vectors);
}

double
viva_test_vectors_number_at (JsonArray *array,
                             guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  g_assert_true (JSON_NODE_HOLDS_VALUE (node));

  return json_node_get_double (node);
}
