/* viva-notes-store-private.h
 *
 * What only the tests (and the benchmark) call of the notes store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "viva-notes-store.h"

G_BEGIN_DECLS

guint                viva_notes_store_get_n_notes           (VivaNotesStore       *self);
guint                viva_notes_store_get_autosave_delay    (VivaNotesStore       *self);
void                 viva_notes_store_set_autosave_delay    (VivaNotesStore       *self,
                                                             guint                 msec);

G_END_DECLS
