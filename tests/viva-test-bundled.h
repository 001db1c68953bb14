/* viva-test-bundled.h
 *
 * A fixture the GTK-free tests share: the bundled bank and a notes
 * store loaded from the (isolated) default path, saving only when
 * flushed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "viva-bank.h"
#include "viva-notes-store.h"

G_BEGIN_DECLS

typedef struct
{
  VivaBank       *bank;
  VivaNotesStore *notes;
} VivaTestBundled;

void viva_test_bundled_set_up    (VivaTestBundled *f,
                                  gconstpointer    data);
void viva_test_bundled_tear_down (VivaTestBundled *f,
                                  gconstpointer    data);

G_END_DECLS
