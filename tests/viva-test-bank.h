/* viva-test-bank.h
 *
 * Large banks for the "-m perf" cases, made of the bundled bank's own
 * questions so that words have realistic frequencies, and notes on them.
 * GTK-free: the core tests link it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "viva-types.h"

G_BEGIN_DECLS

GPtrArray *viva_test_bundled_question_lines (void);
GBytes    *viva_test_generate_bank          (guint           n_questions);
guint      viva_test_add_notes              (VivaNotesStore *store,
                                             VivaBank       *bank,
                                             guint           every);

G_END_DECLS
