/* viva-test-vectors.h
 *
 * What the two ts-fsrs cross-checks share: reading a gzipped JSON file
 * of tests/data and its numbers, failing the test on anything else.
 * GTK-free, for the core tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode   *viva_test_vectors_load      (const char *name);
JsonObject *viva_test_vectors_root      (JsonNode   *vectors);
double      viva_test_vectors_number_at (JsonArray  *array,
                                         guint       index);

G_END_DECLS
