/* viva-fuzz-target.h
 *
 * What libFuzzer calls in a fuzz target (tests/fuzz/fuzz-*.c), and
 * fuzz-replay.c in its place. Every target links viva-fuzz-target.c,
 * the one LLVMFuzzerInitialize(), and defines only its
 * LLVMFuzzerTestOneInput().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int LLVMFuzzerInitialize   (int          *argc,
                            char       ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

G_END_DECLS
