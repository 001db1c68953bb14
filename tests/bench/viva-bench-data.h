/* viva-bench-data.h
 *
 * Realistic data of any size, for the benchmark and the tests that
 * time things: banks made of the bundled bank's own questions, and
 * notes in the shape people write them. GTK-free; deterministic, so that
 * two runs (and two machines) measure the same bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "viva-types.h"

G_BEGIN_DECLS

/* Banks have ten levels of twenty topics: the generated bank's size must
 * be a multiple of that. */
#define VIVA_BENCH_BANK_TOPICS 200

GPtrArray *viva_bench_bundled_question_lines (GError         **error);
GBytes    *viva_bench_generate_bank          (guint            n_questions,
                                              GError         **error);
GBytes    *viva_bench_generate_bank_with_answers
                                             (guint            n_questions,
                                              GError         **error);
guint      viva_bench_add_notes              (VivaNotesStore  *store,
                                              VivaBank        *bank,
                                              guint            every);

G_END_DECLS
