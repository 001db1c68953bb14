/* viva-related.h
 *
 * Near-duplicate questions: banks repeat themselves ("shallow vs deep
 * copy" at Beginner and again at Hard), and seeing the other asking of a
 * question is a cheap way to revise it. An index of the bank's terms,
 * built once, answers "which questions are like this one?" for one
 * question at a time, without comparing every pair.
 *
 * GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "viva-types.h"

G_BEGIN_DECLS

/* How many related questions the question view offers. */
#define VIVA_RELATED_DEFAULT_MAX 5

/* The score from which two questions count as related; see
 * viva-related.c for how it was chosen. */
#define VIVA_RELATED_THRESHOLD 0.4

typedef struct
{
  VivaQuestion *question; /* owned reference */
  double        score;    /* cosine similarity, in [VIVA_RELATED_THRESHOLD, 1] */
} VivaRelatedMatch;

void viva_related_match_free (VivaRelatedMatch *match);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VivaRelatedMatch, viva_related_match_free)

#define VIVA_TYPE_RELATED_INDEX (viva_related_index_get_type ())

G_DECLARE_FINAL_TYPE (VivaRelatedIndex, viva_related_index, VIVA, RELATED_INDEX, GObject)

VivaRelatedIndex *viva_related_index_new         (VivaBank         *bank);
GPtrArray        *viva_related_index_find        (VivaRelatedIndex *self,
                                                  VivaQuestion     *question,
                                                  guint             max);
guint             viva_related_index_get_n_terms (VivaRelatedIndex *self);
char            **viva_related_dup_terms         (VivaQuestion     *question);

G_END_DECLS
