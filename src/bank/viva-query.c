/* viva-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-bank-private.h"
#include "viva-text.h"

struct _VivaQuery
{
  GObject    parent_instance;

  /* Owned */
  char      *text;
  GPtrArray *words;

  guint      number;
};

G_DEFINE_FINAL_TYPE (VivaQuery, viva_query, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_NUMBER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "42", "#42", "q42" or "Q42" name question 42. */
static guint
parse_number (const char *text)
{
  guint64 number = 0;

  if (text[0] == '#' || text[0] == 'q' || text[0] == 'Q')
    text++;

  if (text[0] == '\0')
    return 0;

  for (const char *p = text; *p; p++)
    {
      if (!g_ascii_isdigit (*p))
        return 0;
    }

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT32, &number, NULL))
    return 0;

  return (guint)number;
}

static void
viva_query_finalize (GObject *object)
{
  VivaQuery *self = (VivaQuery *)object;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->words, g_ptr_array_unref);

  G_OBJECT_CLASS (viva_query_parent_class)->finalize (object);
}

static void
viva_query_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  VivaQuery *self = VIVA_QUERY (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_NUMBER:
      g_value_set_uint (value, self->number);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_query_class_init (VivaQueryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = viva_query_finalize;
  object_class->get_property = viva_query_get_property;

  /* A query is immutable: typing makes a new one. */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         "",
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NUMBER] =
    g_param_spec_uint ("number", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
viva_query_init (VivaQuery *self)
{
  self->words = g_ptr_array_new_with_free_func (g_free);
}

/**
 * viva_query_new:
 * @text: (nullable): what the user typed
 *
 * Compiles @text: it is trimmed and split into words at white space;
 * a question matches when every word appears in its text, ignoring case
 * and accents. A number, optionally written "#42" or "q42", also matches
 * the question with that number.
 *
 * Returns: (transfer full): a new #VivaQuery
 */
VivaQuery *
viva_query_new (const char *text)
{
  VivaQuery *self;
  g_autofree char *normalized = NULL;
  const char *p;

  self = g_object_new (VIVA_TYPE_QUERY, NULL);
  self->text = g_strstrip (g_strdup (text != NULL ? text : ""));
  self->number = parse_number (self->text);

  normalized = viva_text_normalize (self->text, -1);
  p = normalized;

  while (*p != '\0')
    {
      const char *word_start;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);

      word_start = p;

      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);

      if (p > word_start)
        g_ptr_array_add (self->words, g_strndup (word_start, p - word_start));
    }

  return self;
}

/* The trimmed text the query was made from. */
const char *
viva_query_get_text (VivaQuery *self)
{
  g_return_val_if_fail (VIVA_IS_QUERY (self), NULL);

  return self->text;
}

/* An empty query matches every question. */
gboolean
viva_query_is_empty (VivaQuery *self)
{
  g_return_val_if_fail (VIVA_IS_QUERY (self), TRUE);

  return self->words->len == 0;
}

/* The question number the query names, or 0 when it is not a number. */
guint
viva_query_get_number (VivaQuery *self)
{
  g_return_val_if_fail (VIVA_IS_QUERY (self), 0);

  return self->number;
}

/**
 * viva_query_get_words:
 * @self: a #VivaQuery
 * @n_words: (out): how many words there are
 *
 * Returns: (array length=n_words) (transfer none): the words to look for,
 *   folded as viva_text_fold() folds texts
 */
const char * const *
viva_query_get_words (VivaQuery *self,
                      guint     *n_words)
{
  g_return_val_if_fail (VIVA_IS_QUERY (self), NULL);
  g_return_val_if_fail (n_words != NULL, NULL);

  *n_words = self->words->len;

  return (const char * const *) self->words->pdata;
}

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const VivaTextRange *ra = a;
  const VivaTextRange *rb = b;

  if (ra->start != rb->start)
    return ra->start < rb->start ? -1 : 1;

  return (ra->end < rb->end) - (ra->end > rb->end);
}

/**
 * viva_query_find_matches:
 * @self: a #VivaQuery
 * @text: (nullable): UTF-8 text, such as a question or a note
 *
 * Finds every occurrence of every word of the query in @text, ignoring
 * case and accents as matching does, for highlighting. Ranges cover
 * whole characters of @text ("Café" for "cafe"); overlapping and
 * touching ranges are merged.
 *
 * Returns: (transfer full) (element-type VivaTextRange): the ranges, as
 *   byte offsets into @text, in order; empty when nothing matches
 */
GArray *
viva_query_find_matches (VivaQuery  *self,
                         const char *text)
{
  g_autoptr(GArray) map = NULL;
  g_autofree char *folded = NULL;
  GArray *ranges;
  guint merged = 0;

  g_return_val_if_fail (VIVA_IS_QUERY (self), NULL);

  ranges = g_array_new (FALSE, FALSE, sizeof (VivaTextRange));

  if (text == NULL || text[0] == '\0' || self->words->len == 0)
    return ranges;

  map = g_array_new (FALSE, FALSE, sizeof (gsize));
  folded = viva_text_fold (text, -1, map);

  for (guint i = 0; i < self->words->len; i++)
    {
      const char *word = g_ptr_array_index (self->words, i);
      gsize word_len = strlen (word);
      const char *hit;

      for (hit = strstr (folded, word); hit != NULL; hit = strstr (hit + 1, word))
        {
          gsize first = hit - folded;
          gsize last = first + word_len;
          VivaTextRange range;

          /* From the character the first folded byte came from to the end
           * of the character the last one came from. */
          range.start = g_array_index (map, gsize, first);
          range.end = g_array_index (map, gsize, last);
          while (last < map->len - 1 && g_array_index (map, gsize, last) == g_array_index (map, gsize, last - 1))
            range.end = g_array_index (map, gsize, ++last);

          if (range.end > range.start)
            g_array_append_val (ranges, range);
        }
    }

  if (ranges->len < 2)
    return ranges;

  g_array_sort (ranges, compare_ranges);

  for (guint i = 1; i < ranges->len; i++)
    {
      VivaTextRange *last = &g_array_index (ranges, VivaTextRange, merged);
      const VivaTextRange *range = &g_array_index (ranges, VivaTextRange, i);

      if (range->start <= last->end)
        last->end = MAX (last->end, range->end);
      else
        g_array_index (ranges, VivaTextRange, ++merged) = *range;
    }

  g_array_set_size (ranges, merged + 1);

  return ranges;
}

gboolean
viva_query_match_question (VivaQuery    *self,
                           VivaQuestion *question)
{
  const char *key;

  g_return_val_if_fail (VIVA_IS_QUERY (self), FALSE);
  g_return_val_if_fail (VIVA_IS_QUESTION (question), FALSE);

  if (self->words->len == 0)
    return TRUE;

  if (self->number != 0 && viva_question_get_number (question) == self->number)
    return TRUE;

  key = viva_question_get_search_key (question);

  for (guint i = 0; i < self->words->len; i++)
    {
      if (strstr (key, g_ptr_array_index (self->words, i)) == NULL)
        return FALSE;
    }

  return TRUE;
}
