/* viva-question.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-bank-private.h"
#include "viva-search.h"
#include "viva-text.h"

struct _VivaQuestion
{
  GObject     parent_instance;

  /* Owned. The spans and the text share one allocation, spans first, so
   * that a bank of 100,000 questions costs one malloc per question for
   * them; text points into it. */
  VivaSpan   *spans;
  const char *text;
  char       *search_key;
  /* Canonical Markdown (viva_answer_normalize()), or NULL: most banks
   * have no answers, and then a question pays one pointer for them. */
  char       *answer;

  /* Borrowed: the level owns its topics and questions. Cleared by
   * _viva_question_detach() when the bank goes away. */
  VivaLevel  *level;
  VivaTopic  *topic;

  guint       number;
  guint       position;
  guint       n_spans;
};

G_DEFINE_FINAL_TYPE (VivaQuestion, viva_question, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NUMBER,
  PROP_POSITION,
  PROP_TEXT,
  PROP_LEVEL,
  PROP_TOPIC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
viva_question_finalize (GObject *object)
{
  VivaQuestion *self = (VivaQuestion *)object;

  self->text = NULL;
  g_clear_pointer (&self->spans, g_free);
  g_clear_pointer (&self->search_key, g_free);
  g_clear_pointer (&self->answer, g_free);

  G_OBJECT_CLASS (viva_question_parent_class)->finalize (object);
}

static void
viva_question_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  VivaQuestion *self = VIVA_QUESTION (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      g_value_set_uint (value, self->number);
      break;

    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_LEVEL:
      g_value_set_object (value, self->level);
      break;

    case PROP_TOPIC:
      g_value_set_object (value, self->topic);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_question_class_init (VivaQuestionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = viva_question_finalize;
  object_class->get_property = viva_question_get_property;

  properties[PROP_NUMBER] =
    g_param_spec_uint ("number", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LEVEL] =
    g_param_spec_object ("level", NULL, NULL,
                         VIVA_TYPE_LEVEL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TOPIC] =
    g_param_spec_object ("topic", NULL, NULL,
                         VIVA_TYPE_TOPIC,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
viva_question_init (VivaQuestion *self)
{
}

VivaQuestion *
_viva_question_new (guint           number,
                    guint           position,
                    VivaLevel      *level,
                    VivaTopic      *topic,
                    const char     *text,
                    gsize           text_len,
                    const VivaSpan *spans,
                    guint           n_spans,
                    const char     *answer)
{
  VivaQuestion *self;
  gsize spans_size;
  char *text_copy;

  g_return_val_if_fail (VIVA_IS_LEVEL (level), NULL);
  g_return_val_if_fail (topic == NULL || VIVA_IS_TOPIC (topic), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (n_spans == 0 || spans != NULL, NULL);

  self = g_object_new (VIVA_TYPE_QUESTION, NULL);
  self->number = number;
  self->position = position;
  self->level = level;
  self->topic = topic;

  spans_size = n_spans * sizeof (VivaSpan);
  self->spans = g_malloc (spans_size + text_len + 1);
  if (n_spans > 0)
    memcpy (self->spans, spans, spans_size);
  self->n_spans = n_spans;

  text_copy = (char *)self->spans + spans_size;
  memcpy (text_copy, text, text_len);
  text_copy[text_len] = '\0';
  self->text = text_copy;

  if (answer != NULL && answer[0] != '\0')
    self->answer = g_strdup (answer);

  return self;
}

/* The parser reads a question's answer after the question: it gives it
 * (canonical Markdown, or NULL) once, before the bank is made. */
void
_viva_question_take_answer (VivaQuestion *self,
                            char         *answer)
{
  g_return_if_fail (VIVA_IS_QUESTION (self));

  g_free (self->answer);
  self->answer = answer;
  if (self->answer != NULL && self->answer[0] == '\0')
    g_clear_pointer (&self->answer, g_free);
}

const VivaSpan *
_viva_question_get_spans (VivaQuestion *self,
                          guint        *n_spans)
{
  g_return_val_if_fail (VIVA_IS_QUESTION (self), NULL);

  if (n_spans != NULL)
    *n_spans = self->n_spans;

  return self->n_spans > 0 ? self->spans : NULL;
}

/* Called by the bank when it is finalized: a question the UI still holds
 * must not point at a level that is gone. */
void
_viva_question_detach (VivaQuestion *self)
{
  g_return_if_fail (VIVA_IS_QUESTION (self));

  self->level = NULL;
  self->topic = NULL;
}

guint
viva_question_get_number (VivaQuestion *self)
{
  g_return_val_if_fail (VIVA_IS_QUESTION (self), 0);

  return self->number;
}

/* The index of the question in viva_bank_get_questions(). */
guint
viva_question_get_position (VivaQuestion *self)
{
  g_return_val_if_fail (VIVA_IS_QUESTION (self), 0);

  return self->position;
}

/* The question as plain text: no Markdown, single spaces. */
const char *
viva_question_get_text (VivaQuestion *self)
{
  g_return_val_if_fail (VIVA_IS_QUESTION (self), NULL);

  return self->text;
}

/**
 * viva_question_get_answer:
 * @self: a question
 *
 * The answer the bank gives, as canonical Markdown: read it with
 * viva_answer_parse_blocks() or viva_answer_to_html(), never as markup.
 *
 * Returns: (nullable): the answer, or %NULL when the bank gives none
 */
const char *
viva_question_get_answer (VivaQuestion *self)
{
  g_return_val_if_fail (VIVA_IS_QUESTION (self), NULL);

  return self->answer;
}

/**
 * viva_question_get_code_span:
 * @self: a question
 * @index: which code span, from 0, in the order of the text
 * @start: (out): where it starts in viva_question_get_text(), in bytes
 * @end: (out): where it ends, in bytes
 *
 * The question's inline code (`s[1:4]` in its Markdown), for what reads
 * the question as code: the scratchpad's first content.
 *
 * Returns: %FALSE when the question has no code span @index
 */
gboolean
viva_question_get_code_span (VivaQuestion *self,
                             guint         index,
                             guint        *start,
                             guint        *end)
{
  g_return_val_if_fail (VIVA_IS_QUESTION (self), FALSE);
  g_return_val_if_fail (start != NULL && end != NULL, FALSE);

  for (guint i = 0; i < self->n_spans; i++)
    {
      if (self->spans[i].kind != VIVA_SPAN_CODE)
        continue;

      if (index-- == 0)
        {
          *start = self->spans[i].start;
          *end = self->spans[i].end;
          return TRUE;
        }
    }

  return FALSE;
}

/* Computed on first use rather than at parse time: most questions of a
 * large bank are never searched, and normalizing is the slow part. */
const char *
viva_question_get_search_key (VivaQuestion *self)
{
  g_return_val_if_fail (VIVA_IS_QUESTION (self), NULL);

  if (self->search_key == NULL)
    self->search_key = viva_text_normalize (self->text, -1);

  return self->search_key;
}

/* What opens and closes each kind of span in Pango markup. */
static const char *
span_open (VivaSpanKind kind)
{
  switch (kind)
    {
    case VIVA_SPAN_CODE:
      return "<tt>";

    case VIVA_SPAN_EMPHASIS:
      return "<i>";

    case VIVA_SPAN_STRONG:
      return "<b>";

    case VIVA_SPAN_MATCH:
      return VIVA_SEARCH_HIGHLIGHT_OPEN;

    default:
      g_return_val_if_reached ("<b>");
    }
}

static const char *
span_close (VivaSpanKind kind)
{
  switch (kind)
    {
    case VIVA_SPAN_CODE:
      return "</tt>";

    case VIVA_SPAN_EMPHASIS:
      return "</i>";

    case VIVA_SPAN_STRONG:
      return "</b>";

    case VIVA_SPAN_MATCH:
      return VIVA_SEARCH_HIGHLIGHT_CLOSE;

    default:
      g_return_val_if_reached ("</b>");
    }
}

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

/* Renders @text with @spans as Pango markup. Spans from the parser nest
 * properly, but the renderer does not rely on it (search matches cross
 * them freely): when a span ends while spans opened after it are still
 * open, those are closed and reopened around the end tag, so the output
 * is always well-formed. */
static char *
render_markup (const char     *text,
               const VivaSpan *spans,
               guint           n_spans)
{
  g_autoptr(GPtrArray) open = NULL;
  GString *markup;
  gsize text_len;
  gsize pos = 0;
  guint next = 0;

  text_len = strlen (text);
  markup = g_string_sized_new (text_len + 16 * n_spans);
  open = g_ptr_array_new ();

  while (pos < text_len)
    {
      gsize boundary = text_len;
      guint first_ended = G_MAXUINT;

      /* Close every span that ends here, innermost first, reopening the
       * ones that do not end here but were opened inside them. */
      for (guint i = 0; i < open->len; i++)
        {
          const VivaSpan *span = g_ptr_array_index (open, i);

          if (span->end <= pos)
            {
              first_ended = i;
              break;
            }
        }

      if (first_ended != G_MAXUINT)
        {
          for (guint i = open->len; i > first_ended; i--)
            {
              const VivaSpan *span = g_ptr_array_index (open, i - 1);

              g_string_append (markup, span_close (span->kind));
            }

          for (guint i = first_ended; i < open->len;)
            {
              const VivaSpan *span = g_ptr_array_index (open, i);

              if (span->end <= pos)
                {
                  g_ptr_array_remove_index (open, i);
                  continue;
                }

              g_string_append (markup, span_open (span->kind));
              i++;
            }
        }

      for (; next < n_spans && spans[next].start <= pos; next++)
        {
          const VivaSpan *span = &spans[next];

          if (span->end <= pos)
            continue;

          g_string_append (markup, span_open (span->kind));
          g_ptr_array_add (open, (gpointer)span);
        }

      /* The next boundary is the nearest span start or end. */
      if (next < n_spans)
        boundary = MIN (boundary, spans[next].start);
      for (guint i = 0; i < open->len; i++)
        {
          const VivaSpan *span = g_ptr_array_index (open, i);

          boundary = MIN (boundary, span->end);
        }

      append_escaped (markup, text, pos, boundary);
      pos = boundary;
    }

  for (guint i = open->len; i > 0; i--)
    {
      const VivaSpan *span = g_ptr_array_index (open, i - 1);

      g_string_append (markup, span_close (span->kind));
    }

  return g_string_free (markup, FALSE);
}

/* Renders the text as Pango markup. */
char *
viva_question_dup_markup (VivaQuestion *self)
{
  g_return_val_if_fail (VIVA_IS_QUESTION (self), NULL);

  return render_markup (self->text, self->spans, self->n_spans);
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const VivaSpan *sa = a;
  const VivaSpan *sb = b;

  /* By start; at the same start, the enclosing (longer) span first. */
  if (sa->start != sb->start)
    return sa->start < sb->start ? -1 : 1;

  return (sa->end < sb->end) - (sa->end > sb->end);
}

/**
 * viva_question_dup_markup_highlighted:
 * @self: a #VivaQuestion
 * @query: (nullable): what to highlight, or %NULL for nothing
 *
 * Renders the text as viva_question_dup_markup() does, with the words of
 * @query highlighted wherever they are, inside code or not.
 *
 * Returns: (transfer full): Pango markup
 */
char *
viva_question_dup_markup_highlighted (VivaQuestion *self,
                                      VivaQuery    *query)
{
  g_autoptr(GArray) ranges = NULL;
  g_autoptr(GArray) spans = NULL;

  g_return_val_if_fail (VIVA_IS_QUESTION (self), NULL);
  g_return_val_if_fail (!query || VIVA_IS_QUERY (query), NULL);

  if (query != NULL)
    ranges = viva_query_find_matches (query, self->text);

  if (ranges == NULL || ranges->len == 0)
    return viva_question_dup_markup (self);

  spans = g_array_sized_new (FALSE, FALSE, sizeof (VivaSpan), self->n_spans + ranges->len);
  g_array_append_vals (spans, self->spans, self->n_spans);

  for (guint i = 0; i < ranges->len; i++)
    {
      const VivaTextRange *range = &g_array_index (ranges, VivaTextRange, i);
      VivaSpan span = { (guint32) range->start, (guint32) range->end, VIVA_SPAN_MATCH };

      g_array_append_val (spans, span);
    }

  g_array_sort (spans, compare_spans);

  return render_markup (self->text, (const VivaSpan *) (gpointer) spans->data, spans->len);
}

/* NULL once the bank that holds the question is gone. */
VivaLevel *
viva_question_get_level (VivaQuestion *self)
{
  g_return_val_if_fail (VIVA_IS_QUESTION (self), NULL);

  return self->level;
}

/* NULL for a question of a level without topics. */
VivaTopic *
viva_question_get_topic (VivaQuestion *self)
{
  g_return_val_if_fail (VIVA_IS_QUESTION (self), NULL);

  return self->topic;
}
