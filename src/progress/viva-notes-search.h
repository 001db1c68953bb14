/* viva-notes-search.h
 *
 * The notes' half of search, in the study-state layer: a bank's search
 * index (viva-search.h, which knows only the bank) given the user's
 * notes on its questions, their folded text kept in step as they
 * change, and the filters on them (starred, has notes, status, due).
 * GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "viva-search.h"

G_BEGIN_DECLS

VivaSearchIndex *viva_notes_search_new (VivaBank       *bank,
                                        VivaNotesStore *notes);

G_END_DECLS
