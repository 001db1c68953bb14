/* viva-search.h
 *
 * Full-text search over a bank's questions and the user's notes on them,
 * combined with filters (starred, has notes, status, level, due for
 * review). The index folds every text once and narrows the previous
 * result when the query only grows, so that a keystroke costs a few
 * milliseconds even with 100,000 questions. The notes' side (their
 * folded text, the filters on them) comes from the layer above the bank,
 * through viva_search_index_set_notes(): see viva-notes-search.h.
 * GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "viva-query.h"
#include "viva-types.h"

G_BEGIN_DECLS

/* How matches look in Pango markup (sidebar rows, the question): the
 * colours of GNOME's palette (Yellow 3 under Dark 5), the same in the
 * light and the dark style, so that a match reads as one whatever the
 * row's own colours are. The note editor's tag uses them too. */
#define VIVA_SEARCH_HIGHLIGHT_BACKGROUND "#f6d32d"
#define VIVA_SEARCH_HIGHLIGHT_FOREGROUND "#241f31"
#define VIVA_SEARCH_HIGHLIGHT_OPEN  "<span background=\"" VIVA_SEARCH_HIGHLIGHT_BACKGROUND \
                                    "\" foreground=\"" VIVA_SEARCH_HIGHLIGHT_FOREGROUND "\">"
#define VIVA_SEARCH_HIGHLIGHT_CLOSE "</span>"

/**
 * VivaSearchFlags:
 * @VIVA_SEARCH_STARRED: only starred questions
 * @VIVA_SEARCH_HAS_NOTES: only questions with notes written
 * @VIVA_SEARCH_DUE: only questions due for review on the filters' day
 *
 * The yes/no filters; each one narrows the result further.
 */
typedef enum
{
  VIVA_SEARCH_STARRED   = 1 << 0,
  VIVA_SEARCH_HAS_NOTES = 1 << 1,
  VIVA_SEARCH_DUE       = 1 << 2,
} VivaSearchFlags;

/* A bit per VivaStatus, for VivaSearchFilters.statuses. */
#define VIVA_SEARCH_STATUS_BIT(status) (1u << (status))
#define VIVA_SEARCH_STATUS_ALL         (VIVA_SEARCH_STATUS_BIT (VIVA_STATUS_NEW) | \
                                        VIVA_SEARCH_STATUS_BIT (VIVA_STATUS_LEARNING) | \
                                        VIVA_SEARCH_STATUS_BIT (VIVA_STATUS_CONFIDENT))

/**
 * VivaSearchFilters:
 * @flags: the yes/no filters that apply
 * @statuses: the statuses a question may have, as
 *   VIVA_SEARCH_STATUS_BIT() bits; 0 (or all of them) for any status
 * @level: the number of the only level to show, or 0 for all levels
 * @day: "today", for %VIVA_SEARCH_DUE (viva_review_day_init())
 *
 * What, besides the words, a question must be to match. Plain data;
 * viva_search_filters_init() makes filters that let everything through.
 */
typedef struct
{
  VivaSearchFlags flags;
  guint           statuses;
  guint           level;
  VivaReviewDay   day;
} VivaSearchFilters;

void     viva_search_filters_init     (VivaSearchFilters       *filters);
gboolean viva_search_filters_is_empty (const VivaSearchFilters *filters);
gboolean viva_search_filters_equal    (const VivaSearchFilters *a,
                                       const VivaSearchFilters *b);

#define VIVA_TYPE_SEARCH_INDEX (viva_search_index_get_type ())

G_DECLARE_FINAL_TYPE (VivaSearchIndex, viva_search_index, VIVA, SEARCH_INDEX, GObject)

/**
 * VivaSearchNotesFuncs:
 * @get_text: the text of the user's note on the question at @position,
 *   or %NULL
 * @passes: whether the question at @position passes the filters on notes
 *   of @filters (starred, has notes, due, and the statuses when
 *   @by_status)
 * @get_size: (nullable): the memory the notes' side holds, in bytes
 *
 * What the search asks the notes' side of a question.
 */
typedef struct
{
  const char *(*get_text) (gpointer                 data,
                           guint                    position);
  gboolean    (*passes)   (gpointer                 data,
                           guint                    position,
                           const VivaSearchFilters *filters,
                           gboolean                 by_status);
  gsize       (*get_size) (gpointer                 data);
} VivaSearchNotesFuncs;

VivaSearchIndex *viva_search_index_new             (VivaBank                *bank);
void             viva_search_index_set_notes       (VivaSearchIndex         *self,
                                                    const char * const      *note_keys,
                                                    const VivaSearchNotesFuncs *funcs,
                                                    gpointer                 data,
                                                    GDestroyNotify           destroy);
void             viva_search_index_notes_changed   (VivaSearchIndex         *self);
VivaBank        *viva_search_index_get_bank        (VivaSearchIndex         *self);
guint            viva_search_index_get_n_questions (VivaSearchIndex         *self);
VivaQuestion    *viva_search_index_get_question    (VivaSearchIndex         *self,
                                                    guint                    position);
gsize            viva_search_index_get_size        (VivaSearchIndex         *self);
void             viva_search_index_run             (VivaSearchIndex         *self,
                                                    VivaQuery               *query,
                                                    const VivaSearchFilters *filters,
                                                    GArray                  *out_positions);
gboolean         viva_search_index_match_note      (VivaSearchIndex         *self,
                                                    VivaQuery               *query,
                                                    guint                    position);
const char      *viva_search_index_get_note_text   (VivaSearchIndex         *self,
                                                    guint                    position);

void             viva_search_run                   (VivaSearchIndex         *index,
                                                    const char              *query_text,
                                                    const VivaSearchFilters *filters,
                                                    GArray                  *out_positions);

char            *viva_search_markup_highlight      (const char              *text,
                                                    gssize                   len,
                                                    GArray                  *ranges);
char            *viva_search_dup_snippet           (const char              *text,
                                                    GArray                  *ranges,
                                                    guint                    context_chars,
                                                    GArray                  *out_ranges);

G_END_DECLS
