/* viva-note-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "viva-note.h"

G_BEGIN_DECLS

/* Sets every field at once without touching "modified" from the clock, for
 * the notes store when it reads a file or merges one changed on disk.
 * @review is %NULL for a question never reviewed. */
void     _viva_note_load         (VivaNote              *self,
                                  const char            *text,
                                  VivaStatus             status,
                                  gboolean               starred,
                                  gint64                 modified,
                                  const VivaReviewState *review,
                                  const VivaReviewEntry *history,
                                  guint                  n_history);
gboolean _viva_review_state_equal (const VivaReviewState *a,
                                   const VivaReviewState *b);
gboolean _viva_note_review_equal (VivaNote              *self,
                                  const VivaReviewState *review,
                                  const VivaReviewEntry *history,
                                  guint                  n_history);

GArray  *_viva_note_dup_undo_history (VivaNote                 *self);
gboolean _viva_note_recompute_memory (VivaNote                  *self,
                                      const VivaSchedulerConfig *config,
                                      const VivaReviewState     *replayed,
                                      const VivaReviewState     *undo_replayed);

void     _viva_note_set_scheduler_config (VivaNote                  *self,
                                          const VivaSchedulerConfig *config);

gboolean _viva_note_scratchpad_equal (VivaNote              *self,
                                      const char            *code,
                                      const char            *prediction,
                                      GPtrArray             *cases);
void     _viva_note_load_scratchpad  (VivaNote              *self,
                                      const char            *code,
                                      const char            *prediction,
                                      GPtrArray             *cases);

G_END_DECLS
