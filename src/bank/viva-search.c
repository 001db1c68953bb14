/* viva-search.c
 *
 * How a keystroke stays cheap with 100,000 questions:
 *
 *  - Every question's text is folded (viva_query.c: case, accents) once,
 *    when the index is made, into one block of memory: matching a word is
 *    a strstr() over consecutive keys, with no allocation and few cache
 *    misses.
 *  - The user's notes are not the bank's: the layer above it (the study
 *    state, progress/viva-notes-search.c) keeps each note's folded text
 *    by question position, refolds it when the note changes and says so
 *    (viva_search_index_notes_changed()); the index reads those keys
 *    where it reads its own, and asks that layer about the filters on
 *    notes (starred, has notes, status, due). Nothing else is recomputed.
 *  - Typing mostly extends the query ("d", "de", "dec"...). When every
 *    word of the previous query is inside a word of the new one and the
 *    filters are the same, only the previous matches can match, so only
 *    they are tested again.
 *  - Filters are tested before words: they are a few comparisons, and
 *    with a filter on, few questions are left for strstr().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-bank-private.h"
#include "viva-search.h"
#include "viva-text.h"

struct _VivaSearchIndex
{
  GObject         parent_instance;

  /* Owned */
  VivaBank       *bank;
  GPtrArray      *questions;
  char           *keys;
  const char    **key_of;
  /* The level number of each question, by position. */
  guint          *level_of;
  VivaQuery      *last_query;
  GArray         *last_positions;

  /* The notes' side, from the layer above (viva_search_index_set_notes()). */
  const char * const        *note_keys;
  const VivaSearchNotesFuncs *notes_funcs;
  gpointer                   notes_data;
  GDestroyNotify             notes_destroy;

  gsize           keys_size;
  guint           n_questions;
  VivaSearchFilters last_filters;
};

G_DEFINE_FINAL_TYPE (VivaSearchIndex, viva_search_index, G_TYPE_OBJECT)

/* Filters */

/**
 * viva_search_filters_init:
 * @filters: filters to reset
 *
 * Makes @filters let every question through.
 */
void
viva_search_filters_init (VivaSearchFilters *filters)
{
  g_return_if_fail (filters != NULL);

  memset (filters, 0, sizeof *filters);
}

static gboolean
statuses_restrict (guint statuses)
{
  return (statuses & VIVA_SEARCH_STATUS_ALL) != 0 &&
         (statuses & VIVA_SEARCH_STATUS_ALL) != VIVA_SEARCH_STATUS_ALL;
}

/* Whether @filters let every question through. */
gboolean
viva_search_filters_is_empty (const VivaSearchFilters *filters)
{
  g_return_val_if_fail (filters != NULL, TRUE);

  return filters->flags == 0 && !statuses_restrict (filters->statuses) && filters->level == 0;
}

/* Whether @a and @b let the same questions through. */
gboolean
viva_search_filters_equal (const VivaSearchFilters *a,
                           const VivaSearchFilters *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a->flags != b->flags || a->level != b->level)
    return FALSE;

  if (statuses_restrict (a->statuses) || statuses_restrict (b->statuses))
    {
      if ((a->statuses & VIVA_SEARCH_STATUS_ALL) != (b->statuses & VIVA_SEARCH_STATUS_ALL))
        return FALSE;
    }

  /* The day only matters to the due filter. */
  if ((a->flags & VIVA_SEARCH_DUE) != 0 &&
      (a->day.now != b->day.now || a->day.start != b->day.start || a->day.end != b->day.end))
    return FALSE;

  return TRUE;
}

/* Index */

static void
viva_search_index_forget_last (VivaSearchIndex *self)
{
  g_clear_object (&self->last_query);
  g_array_set_size (self->last_positions, 0);
}

/**
 * viva_search_index_set_notes:
 * @self: an index
 * @note_keys: (array) (element-type utf8): for each question, by
 *   position, the folded text (viva_text_normalize()) of the user's note
 *   on it, or %NULL; owned by @data, which keeps it up to date and calls
 *   viva_search_index_notes_changed() when it changes it
 * @funcs: how to ask @data the rest: a note's text, the filters on notes
 * @data: the notes' side of the search
 * @destroy: (nullable): frees @data when the index goes
 *
 * Gives the index the user's notes to search along with the questions.
 * The bank knows nothing of notes: the layer above it does
 * (viva_notes_search_new()). Once only.
 */
void
viva_search_index_set_notes (VivaSearchIndex            *self,
                             const char * const         *note_keys,
                             const VivaSearchNotesFuncs *funcs,
                             gpointer                    data,
                             GDestroyNotify              destroy)
{
  g_return_if_fail (VIVA_IS_SEARCH_INDEX (self));
  g_return_if_fail (note_keys != NULL);
  g_return_if_fail (funcs != NULL && funcs->passes != NULL && funcs->get_text != NULL);
  g_return_if_fail (self->notes_funcs == NULL);

  self->note_keys = note_keys;
  self->notes_funcs = funcs;
  self->notes_data = data;
  self->notes_destroy = destroy;
  viva_search_index_forget_last (self);
}

/**
 * viva_search_index_notes_changed:
 * @self: an index
 *
 * Says that a note changed: the previous result may now be missing a
 * question, so the next run starts afresh.
 */
void
viva_search_index_notes_changed (VivaSearchIndex *self)
{
  g_return_if_fail (VIVA_IS_SEARCH_INDEX (self));

  viva_search_index_forget_last (self);
}

static void
viva_search_index_dispose (GObject *object)
{
  VivaSearchIndex *self = (VivaSearchIndex *)object;

  if (self->notes_destroy != NULL)
    g_clear_pointer (&self->notes_data, self->notes_destroy);
  self->notes_data = NULL;
  self->notes_funcs = NULL;
  self->note_keys = NULL;
  g_clear_object (&self->last_query);

  G_OBJECT_CLASS (viva_search_index_parent_class)->dispose (object);
}

static void
viva_search_index_finalize (GObject *object)
{
  VivaSearchIndex *self = (VivaSearchIndex *)object;

  g_clear_pointer (&self->level_of, g_free);
  g_clear_pointer (&self->key_of, g_free);
  g_clear_pointer (&self->keys, g_free);
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  g_clear_pointer (&self->last_positions, g_array_unref);
  g_clear_object (&self->bank);

  G_OBJECT_CLASS (viva_search_index_parent_class)->finalize (object);
}

static void
viva_search_index_class_init (VivaSearchIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = viva_search_index_dispose;
  object_class->finalize = viva_search_index_finalize;
}

static void
viva_search_index_init (VivaSearchIndex *self)
{
  self->last_positions = g_array_new (FALSE, FALSE, sizeof (guint));
  viva_search_filters_init (&self->last_filters);
}

/* Appends @text folded, and its NUL, to @keys. */
static void
append_key (GString    *keys,
            const char *text)
{
  gsize start = keys->len;
  gboolean ascii = TRUE;

  for (const char *p = text; *p; p++)
    {
      if ((guchar) *p >= 0x80)
        {
          ascii = FALSE;
          break;
        }
    }

  if (ascii)
    {
      g_string_append (keys, text);
      for (gsize i = start; i < keys->len; i++)
        keys->str[i] = g_ascii_tolower (keys->str[i]);
    }
  else
    {
      g_autofree char *folded = viva_text_fold (text, -1, NULL);

      g_string_append (keys, folded);
    }

  g_string_append_c (keys, '\0');
}

/**
 * viva_search_index_new:
 * @bank: the bank to search
 *
 * Folds every question of @bank. With 100,000 questions this takes a few
 * tens of milliseconds; make the index once per bank and keep it. It
 * searches the questions alone until viva_search_index_set_notes()
 * gives it the user's notes (viva_notes_search_new() does both).
 *
 * Returns: (transfer full): a new index
 */
VivaSearchIndex *
viva_search_index_new (VivaBank *bank)
{
  VivaSearchIndex *self;
  g_autoptr(GString) keys = NULL;
  g_autofree gsize *offsets = NULL;

  g_return_val_if_fail (VIVA_IS_BANK (bank), NULL);

  self = g_object_new (VIVA_TYPE_SEARCH_INDEX, NULL);
  self->bank = g_object_ref (bank);
  self->questions = g_ptr_array_ref (_viva_bank_get_question_array (bank));
  self->n_questions = self->questions->len;
  self->level_of = g_new0 (guint, MAX (self->n_questions, 1));
  self->key_of = g_new (const char *, self->n_questions);
  offsets = g_new (gsize, self->n_questions);

  /* About 100 bytes a question: one block, grown a few times. */
  keys = g_string_sized_new ((gsize) self->n_questions * 112);

  for (guint i = 0; i < self->n_questions; i++)
    {
      VivaQuestion *question = g_ptr_array_index (self->questions, i);
      VivaLevel *level = viva_question_get_level (question);

      /* Positions are indexes into the bank's array. */
      g_assert (viva_question_get_position (question) == i);

      offsets[i] = keys->len;
      append_key (keys, viva_question_get_text (question));
      self->level_of[i] = level != NULL ? viva_level_get_number (level) : 0;
    }

  self->keys_size = keys->len;
  self->keys = g_string_free (g_steal_pointer (&keys), FALSE);
  for (guint i = 0; i < self->n_questions; i++)
    self->key_of[i] = self->keys + offsets[i];

  return self;
}

VivaBank *
viva_search_index_get_bank (VivaSearchIndex *self)
{
  g_return_val_if_fail (VIVA_IS_SEARCH_INDEX (self), NULL);

  return self->bank;
}

guint
viva_search_index_get_n_questions (VivaSearchIndex *self)
{
  g_return_val_if_fail (VIVA_IS_SEARCH_INDEX (self), 0);

  return self->n_questions;
}

/**
 * viva_search_index_get_question:
 * @self: an index
 * @position: a position from viva_search_index_run()
 *
 * Returns: (transfer none): the question at @position in bank order
 */
VivaQuestion *
viva_search_index_get_question (VivaSearchIndex *self,
                                guint            position)
{
  g_return_val_if_fail (VIVA_IS_SEARCH_INDEX (self), NULL);
  g_return_val_if_fail (position < self->n_questions, NULL);

  return g_ptr_array_index (self->questions, position);
}

/* What the index holds in memory, in bytes, besides the bank itself. */
gsize
viva_search_index_get_size (VivaSearchIndex *self)
{
  g_return_val_if_fail (VIVA_IS_SEARCH_INDEX (self), 0);

  return sizeof *self +
         self->keys_size +
         (self->notes_funcs != NULL && self->notes_funcs->get_size != NULL
          ? self->notes_funcs->get_size (self->notes_data) : 0) +
         (gsize) self->n_questions * (sizeof (guint) + sizeof (const char *)) +
         self->last_positions->len * sizeof (guint);
}

static gboolean
viva_search_index_passes_filters (VivaSearchIndex         *self,
                                  guint                    position,
                                  const VivaSearchFilters *filters,
                                  gboolean                 by_status)
{
  if (filters->level != 0 && self->level_of[position] != filters->level)
    return FALSE;

  if (filters->flags == 0 && !by_status)
    return TRUE;

  /* The rest is about the user's notes: without them, no question is
   * starred, has notes or is due, and every one is New. */
  if (self->notes_funcs == NULL)
    return filters->flags == 0 &&
           (filters->statuses & VIVA_SEARCH_STATUS_BIT (VIVA_STATUS_NEW)) != 0;

  return self->notes_funcs->passes (self->notes_data, position, filters, by_status);
}

/* Every word is in the question or in its note (not necessarily all in
 * the same one: "decorator cache" finds a question about decorators whose
 * note mentions caching). */
static inline gboolean
viva_search_index_matches_words (VivaSearchIndex    *self,
                                 guint               position,
                                 const char * const *words,
                                 guint               n_words)
{
  const char *key = self->key_of[position];
  const char *note_key = self->note_keys != NULL ? self->note_keys[position] : NULL;

  for (guint i = 0; i < n_words; i++)
    {
      if (strstr (key, words[i]) == NULL &&
          (note_key == NULL || strstr (note_key, words[i]) == NULL))
        return FALSE;
    }

  return TRUE;
}

/* Whether everything @query matches, @last matched: each word of @last
 * is inside a word of @query. The question @query names by number is not
 * covered; the caller adds it. */
static gboolean
query_narrows (VivaQuery *last,
               VivaQuery *query)
{
  const char * const *last_words;
  const char * const *words;
  guint n_last;
  guint n;

  last_words = viva_query_get_words (last, &n_last);
  words = viva_query_get_words (query, &n);

  if (n_last == 0)
    return FALSE;

  for (guint i = 0; i < n_last; i++)
    {
      gboolean inside = FALSE;

      for (guint j = 0; j < n && !inside; j++)
        inside = strstr (words[j], last_words[i]) != NULL;

      if (!inside)
        return FALSE;
    }

  return TRUE;
}

/* Adds @position to the sorted @positions unless it is there. */
static void
insert_position (GArray *positions,
                 guint   position)
{
  guint lo = 0;
  guint hi = positions->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (positions, guint, mid) < position)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo < positions->len && g_array_index (positions, guint, lo) == position)
    return;

  g_array_insert_val (positions, lo, position);
}

/**
 * viva_search_index_run:
 * @self: an index
 * @query: what the user typed
 * @filters: (nullable): what else a question must be; %NULL for nothing
 * @out_positions: (element-type guint): cleared, then filled with the
 *   positions (viva_question_get_position()) of the matching questions,
 *   in bank order
 *
 * Finds the questions that pass @filters and whose text or note holds
 * every word of @query, ignoring case and accents; when @query is a
 * number, the question with that number also matches if it passes the
 * filters. An empty query with empty filters matches every question.
 *
 * Runs after one another are faster when each query extends the
 * previous one, as typing does: only the previous matches are tested.
 */
void
viva_search_index_run (VivaSearchIndex         *self,
                       VivaQuery               *query,
                       const VivaSearchFilters *filters,
                       GArray                  *out_positions)
{
  VivaSearchFilters none;
  const char * const *words;
  gboolean by_status;
  gboolean narrow;
  guint n_words;
  guint number;

  g_return_if_fail (VIVA_IS_SEARCH_INDEX (self));
  g_return_if_fail (VIVA_IS_QUERY (query));
  g_return_if_fail (out_positions != NULL);
  g_return_if_fail (g_array_get_element_size (out_positions) == sizeof (guint));

  if (filters == NULL)
    {
      viva_search_filters_init (&none);
      filters = &none;
    }

  g_array_set_size (out_positions, 0);

  words = viva_query_get_words (query, &n_words);
  number = viva_query_get_number (query);
  by_status = statuses_restrict (filters->statuses);
  narrow = self->last_query != NULL &&
           viva_search_filters_equal (&self->last_filters, filters) &&
           query_narrows (self->last_query, query);

  if (narrow)
    {
      const guint *candidates = (const guint *) (gpointer) self->last_positions->data;
      guint n_candidates = self->last_positions->len;

      /* The previous matches passed the same filters already. */
      for (guint i = 0; i < n_candidates; i++)
        {
          if (viva_search_index_matches_words (self, candidates[i], words, n_words))
            g_array_append_val (out_positions, candidates[i]);
        }
    }
  else
    {
      gboolean filtering = !viva_search_filters_is_empty (filters);

      for (guint i = 0; i < self->n_questions; i++)
        {
          if (filtering && !viva_search_index_passes_filters (self, i, filters, by_status))
            continue;

          if (viva_search_index_matches_words (self, i, words, n_words))
            g_array_append_val (out_positions, i);
        }
    }

  if (number != 0)
    {
      VivaQuestion *question = viva_bank_lookup_question (self->bank, number);

      if (question != NULL &&
          viva_search_index_passes_filters (self, viva_question_get_position (question), filters, by_status))
        insert_position (out_positions, viva_question_get_position (question));
    }

  g_set_object (&self->last_query, query);
  self->last_filters = *filters;
  g_array_set_size (self->last_positions, out_positions->len);
  if (out_positions->len > 0)
    memcpy (self->last_positions->data, out_positions->data, out_positions->len * sizeof (guint));
}

/**
 * viva_search_run:
 * @index: an index
 * @query_text: (nullable): what the user typed
 * @filters: (nullable): what else a question must be
 * @out_positions: (element-type guint): the matches, as
 *   viva_search_index_run() gives them
 *
 * viva_search_index_run() for a text: the one call a benchmark needs.
 */
void
viva_search_run (VivaSearchIndex         *index,
                 const char              *query_text,
                 const VivaSearchFilters *filters,
                 GArray                  *out_positions)
{
  g_autoptr(VivaQuery) query = NULL;

  g_return_if_fail (VIVA_IS_SEARCH_INDEX (index));

  query = viva_query_new (query_text);
  viva_search_index_run (index, query, filters, out_positions);
}

/**
 * viva_search_index_match_note:
 * @self: an index
 * @query: a query
 * @position: a question's position
 *
 * Whether the user's note on the question holds a word of @query: what
 * makes a result say "in your notes".
 */
gboolean
viva_search_index_match_note (VivaSearchIndex *self,
                              VivaQuery       *query,
                              guint            position)
{
  const char * const *words;
  const char *note_key;
  guint n_words;

  g_return_val_if_fail (VIVA_IS_SEARCH_INDEX (self), FALSE);
  g_return_val_if_fail (VIVA_IS_QUERY (query), FALSE);
  g_return_val_if_fail (position < self->n_questions, FALSE);

  note_key = self->note_keys != NULL ? self->note_keys[position] : NULL;
  if (note_key == NULL)
    return FALSE;

  words = viva_query_get_words (query, &n_words);
  for (guint i = 0; i < n_words; i++)
    {
      if (strstr (note_key, words[i]) != NULL)
        return TRUE;
    }

  return FALSE;
}

/**
 * viva_search_index_get_note_text:
 * @self: an index
 * @position: a question's position
 *
 * Returns: (nullable): the text of the user's note on the question, or
 *   %NULL when there is no note
 */
const char *
viva_search_index_get_note_text (VivaSearchIndex *self,
                                 guint            position)
{
  g_return_val_if_fail (VIVA_IS_SEARCH_INDEX (self), NULL);
  g_return_val_if_fail (position < self->n_questions, NULL);

  if (self->notes_funcs == NULL)
    return NULL;

  return self->notes_funcs->get_text (self->notes_data, position);
}

/* Highlighting */

static void
append_escaped (GString    *markup,
                const char *text,
                gsize       start,
                gsize       end)
{
  g_autofree char *escaped = NULL;

  if (end <= start)
    return;

  escaped = g_markup_escape_text (text + start, end - start);
  g_string_append (markup, escaped);
}

/**
 * viva_search_markup_highlight:
 * @text: plain text
 * @len: its length in bytes, or -1
 * @ranges: (nullable) (element-type VivaTextRange): the parts to
 *   highlight, in order and apart, as viva_query_find_matches() gives them
 *
 * Returns: (transfer full): @text as Pango markup, with @ranges
 *   highlighted as VIVA_SEARCH_HIGHLIGHT_OPEN says
 */
char *
viva_search_markup_highlight (const char *text,
                              gssize      len,
                              GArray     *ranges)
{
  GString *markup;
  gsize pos = 0;

  g_return_val_if_fail (text != NULL, NULL);

  if (len < 0)
    len = strlen (text);

  markup = g_string_sized_new (len + 16);

  for (guint i = 0; ranges != NULL && i < ranges->len; i++)
    {
      const VivaTextRange *range = &g_array_index (ranges, VivaTextRange, i);
      gsize start = MIN (MAX (range->start, pos), (gsize) len);
      gsize end = MIN (range->end, (gsize) len);

      if (end <= start)
        continue;

      append_escaped (markup, text, pos, start);
      g_string_append (markup, VIVA_SEARCH_HIGHLIGHT_OPEN);
      append_escaped (markup, text, start, end);
      g_string_append (markup, VIVA_SEARCH_HIGHLIGHT_CLOSE);
      pos = end;
    }

  append_escaped (markup, text, pos, len);

  return g_string_free (markup, FALSE);
}

/**
 * viva_search_dup_snippet:
 * @text: a text, such as a note
 * @ranges: (element-type VivaTextRange): where the query matches in it,
 *   from viva_query_find_matches()
 * @context_chars: how many characters to keep before the first match
 * @out_ranges: (nullable) (element-type VivaTextRange): cleared, then
 *   given the ranges that fall in the snippet, as offsets into it
 *
 * Cuts the line of @text that holds the first match, for a one-line
 * preview: white space trimmed, and "…" in place of what comes more than
 * @context_chars characters before the match (at a word's start when
 * there is one near).
 *
 * Returns: (transfer full) (nullable): the snippet, or %NULL when
 *   @ranges is empty
 */
char *
viva_search_dup_snippet (const char *text,
                         GArray     *ranges,
                         guint       context_chars,
                         GArray     *out_ranges)
{
  const VivaTextRange *first;
  const char *line_start;
  const char *line_end;
  const char *start;
  const char *cut;
  GString *snippet;
  gsize shift;

  g_return_val_if_fail (text != NULL, NULL);

  if (out_ranges != NULL)
    g_array_set_size (out_ranges, 0);

  if (ranges == NULL || ranges->len == 0)
    return NULL;

  first = &g_array_index (ranges, VivaTextRange, 0);

  line_start = text + first->start;
  while (line_start > text && line_start[-1] != '\n')
    line_start--;
  line_end = strchr (text + first->start, '\n');
  if (line_end == NULL)
    line_end = text + strlen (text);

  while (line_start < text + first->start && g_ascii_isspace (*line_start))
    line_start++;
  while (line_end > text + first->end && g_ascii_isspace (line_end[-1]))
    line_end--;

  start = line_start;
  if ((guint) g_utf8_strlen (line_start, (text + first->start) - line_start) > context_chars)
    {
      start = g_utf8_offset_to_pointer (text + first->start, -(glong) context_chars);

      /* Begin at a word when one begins a little after the cut. */
      for (cut = start; cut < text + first->start && cut < start + 12; cut++)
        {
          if (cut > start && g_ascii_isspace (cut[-1]) && !g_ascii_isspace (*cut))
            {
              start = cut;
              break;
            }
        }
    }

  snippet = g_string_new (start > line_start ? "…" : "");
  shift = snippet->len;
  g_string_append_len (snippet, start, line_end - start);

  for (guint i = 0; out_ranges != NULL && i < ranges->len; i++)
    {
      const VivaTextRange *range = &g_array_index (ranges, VivaTextRange, i);
      VivaTextRange moved;

      if (text + range->start < start || text + range->end > line_end)
        continue;

      moved.start = range->start - (start - text) + shift;
      moved.end = range->end - (start - text) + shift;
      g_array_append_val (out_ranges, moved);
    }

  return g_string_free (snippet, FALSE);
}
