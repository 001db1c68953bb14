/* viva-bank-parser.c
 *
 * Reads a question bank from Markdown with md4c. The file is untrusted:
 * users pick any file, so everything is checked before the Markdown
 * parser sees it, and every problem becomes a message a non-programmer
 * can act on, with a line number where one helps.
 *
 * md4c's events are untrusted too: 0.4.8 (and 0.5.2) can report leaving
 * a span it never entered, or enter one it never leaves: for
 * "**Question 4**[](*)*" it leaves an emphasis after the empty link
 * (https://github.com/mity/md4c/issues/294 has more). So no callback
 * assumes that events come balanced or in any order; the tests and the
 * fuzz targets (tests/fuzz/) send them every sequence they can.
 *
 * The format:
 *
 *   # Title
 *   ## Level 1: Beginner (Questions 1-200)
 *   ### Topic name
 *   **Question 1:** The text of the question, which may wrap.
 *
 *   **Answer:**
 *
 *   An answer: paragraphs, lists, code, "####" headings...
 *
 * Topics are optional: questions of a level without "###" headings are
 * children of the level itself. An answer is optional: a paragraph that
 * opens with a bold "Answer" right after a question starts it, and it
 * runs to the line of the next question, the next h1-h3 heading, a
 * "**Notes:**" paragraph (an export's notes, skipped) or the end. The
 * answer is cut from the input as written and stored normalized
 * (viva-answer.c).
 *
 * This file is the state machine md4c's events drive: headings, labels,
 * questions and their spans, and the levels and topics they build. What
 * needs none of that state (the checks before Markdown, line numbers,
 * plain text from md4c's text, level headings) is in
 * viva-bank-parser-text.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <md4c.h>

#include "viva-answer.h"
#include "viva-bank-parser-private.h"

typedef enum
{
  /* Not in a paragraph. */
  PARA_NONE,
  /* In a paragraph, before anything that decides what it is. */
  PARA_START,
  /* In the strong span that opens a paragraph: "**Question 1:**". */
  PARA_LABEL,
  /* In a question, after its label. */
  PARA_QUESTION,
  /* In any other paragraph: ignored. */
  PARA_PROSE,
} ParaState;

typedef struct
{
  /* The whole input, BOM included, so that offsets give line numbers. */
  const char *data;
  gsize       size;

  GError     *error;

  /* Headings */
  GString    *heading;
  guint       heading_level;
  gboolean    in_heading;
  gsize       heading_offset;
  gboolean    heading_offset_set;
  char       *title;

  /* What is built. The arrays own a reference to their items. */
  GPtrArray  *levels;
  GPtrArray  *topics;
  GPtrArray  *questions;
  GHashTable *by_number;
  GArray     *offsets;

  /* The level and topic that questions go to, borrowed from the arrays
   * above; NULL outside any level, or outside any topic. Their children
   * collect in arrays that the level and topic take when they end. */
  VivaLevel  *level;
  GPtrArray  *level_children;
  guint       level_n_topics;
  guint       level_n_questions;
  VivaTopic  *topic;
  GPtrArray  *topic_questions;

  /* The paragraph being read. Reused from one paragraph to the next, so a
   * large bank does not allocate per question for them. */
  ParaState   para;
  guint       label_depth;
  GString    *label;
  gsize       label_offset;
  gboolean    label_offset_set;
  guint       number;
  gboolean    strip_colon;
  GString    *text;
  GArray     *spans;
  /* The spans entered and not yet left, as indices into @spans, the
   * innermost last; @code_depth counts the code spans among them. */
  GArray     *open_spans;
  guint       code_depth;

  /* The first question met outside any level: an error, but only once we
   * know the file has levels at all (otherwise NO_LEVELS says more). */
  gsize       orphan_offset;
  guint       orphan_number;
  gboolean    has_orphan;

  /* Where the parser last was in the input, for line numbers when md4c
   * hands us text that is not in the input (a soft break's "\n"). */
  gsize       last_offset;

  /* Answers. @answer_question is the question just read (borrowed from
   * @questions); @after_question says the paragraph being read is the
   * first block after it, the only place its "**Answer:**" may be. An
   * answer starts at @answer_start; an h1-h3 heading entered during it
   * ends it at the line of the heading's first text. */
  VivaQuestion *answer_question;
  gboolean    after_question;
  gboolean    para_after_question;
  gboolean    in_answer;
  gsize       answer_start;
  gboolean    answer_ends_at_heading;
} Parser;

static guint
line_at (Parser *self,
         gsize   offset)
{
  return _viva_bank_line_at (self->data, self->size, offset);
}

static void
note_position (Parser     *self,
               const char *ptr)
{
  if (ptr >= self->data && ptr < self->data + self->size)
    self->last_offset = ptr - self->data;
}

static void
parser_set_error (Parser     *self,
                  int         code,
                  const char *format,
                  ...) G_GNUC_PRINTF (3, 4);

static void
parser_set_error (Parser     *self,
                  int         code,
                  const char *format,
                  ...)
{
  va_list args;

  if (self->error != NULL)
    return;

  va_start (args, format);
  self->error = g_error_new_valist (VIVA_BANK_ERROR, code, format, args);
  va_end (args);
}

static void
finish_topic (Parser *self)
{
  if (self->topic != NULL)
    {
      _viva_topic_take_questions (self->topic, g_steal_pointer (&self->topic_questions));
      self->topic = NULL;
    }
}

static void
finish_level (Parser *self)
{
  finish_topic (self);

  if (self->level != NULL)
    {
      _viva_level_take_children (self->level,
                                 g_steal_pointer (&self->level_children),
                                 self->level_n_topics,
                                 self->level_n_questions);
      self->level_n_topics = 0;
      self->level_n_questions = 0;
      self->level = NULL;
    }
}

static void
start_level (Parser     *self,
             guint       number,
             const char *name)
{
  g_autofree char *title = NULL;

  /* The title repeats the file's own words ("Level"), in the file's
   * language, so it is not translated. */
  if (name[0] != '\0')
    title = g_strdup_printf ("Level %u: %s", number, name);
  else
    title = g_strdup_printf ("Level %u", number);

  /* Whatever the input: the caller has just finished any level. */
  g_assert (self->level == NULL && self->level_children == NULL);

  self->level = _viva_level_new (number, name, title);
  self->level_children = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->levels, self->level);
}

static void
start_topic (Parser     *self,
             const char *name)
{
  /* Whatever the input: the caller has just finished any topic, in a
   * level, which has its children's array. */
  g_assert (self->topic == NULL && self->topic_questions == NULL);
  g_assert (self->level != NULL && self->level_children != NULL);

  self->topic = _viva_topic_new (name, self->level);
  self->topic_questions = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->topics, self->topic);
  g_ptr_array_add (self->level_children, g_object_ref (self->topic));
  self->level_n_topics++;
}

/* FALSE on an error. */
static gboolean
finish_heading (Parser *self)
{
  char *text = g_strstrip (self->heading->str);

  switch (self->heading_level)
    {
    case 1:
      if (self->title == NULL && text[0] != '\0')
        self->title = g_strdup (text);
      /* A top-level heading closes the level above it. */
      finish_level (self);
      break;

    case 2:
      {
        g_autofree char *name = NULL;
        guint number;

        finish_level (self);

        /* Any other second-level heading ("## Table of Contents",
         * "## Answers") ends the level: what follows is not in it. */
        switch (_viva_bank_parse_level_heading (text, &number, &name))
          {
          case VIVA_LEVEL_HEADING_OK:
            start_level (self, number, name);
            break;

          case VIVA_LEVEL_HEADING_TOO_LARGE:
            parser_set_error (self, VIVA_BANK_ERROR_MALFORMED,
                              _("Line %u starts a level numbered “%s”, which is too large. Level numbers are whole numbers up to %u."),
                              line_at (self, self->heading_offset), name, G_MAXUINT32);
            return FALSE;

          case VIVA_LEVEL_HEADING_NONE:
          default:
            break;
          }
      }
      break;

    case 3:
      if (self->level != NULL)
        {
          finish_topic (self);

          /* An empty "###" closes the topic without starting one. */
          if (text[0] != '\0')
            start_topic (self, text);
        }
      break;

    default:
      break;
    }

  return TRUE;
}

/* The offset where the line holding @offset starts. */
static gsize
line_start_at (Parser *self,
               gsize   offset)
{
  offset = MIN (offset, self->size);
  while (offset > 0 && self->data[offset - 1] != '\n' && self->data[offset - 1] != '\r')
    offset--;
  return offset;
}

/* "Answer" or "Notes" as a whole word opening a label. */
static gboolean
label_is_word (const char *label,
               const char *word)
{
  gsize len = strlen (word);

  return g_ascii_strncasecmp (label, word, len) == 0 &&
         (label[len] == '\0' || label[len] == ':' || _viva_bank_is_blank (label[len]));
}

/* Ends the answer being read where the line at @end starts: what lies
 * between the marker's line and there, less the marker, is the answer. */
static void
finish_answer (Parser *self,
               gsize   end)
{
  const char *start = self->data + self->answer_start;
  gsize len = MIN (end, self->size) > self->answer_start ? MIN (end, self->size) - self->answer_start : 0;

  self->in_answer = FALSE;
  self->answer_ends_at_heading = FALSE;

  if (self->answer_question == NULL)
    return;

  _viva_question_take_answer (self->answer_question, _viva_answer_normalize_marked (start, len));
  self->answer_question = NULL;
}

/* Decides whether the paragraph's opening strong span is a question label
 * and which number it gives. Text after the number inside the label
 * ("**Question 7: Lists**") is kept as the start of the question. */
static gboolean
finish_label (Parser *self)
{
  const char *label = self->label->str;
  const char *p;
  const char *digits;
  guint64 value = 0;
  gboolean overflow = FALSE;

  while (_viva_bank_is_blank (*label))
    label++;

  /* "**Answer:**" right after a question starts its answer. */
  if (label_is_word (label, "answer") && self->para_after_question &&
      self->answer_question != NULL && !self->in_answer)
    {
      self->in_answer = TRUE;
      self->answer_start = line_start_at (self, self->label_offset);
      self->para = PARA_PROSE;
      return TRUE;
    }

  /* "**Notes:**" ends an answer; what follows it is skipped. */
  if (label_is_word (label, "notes") && self->in_answer)
    {
      finish_answer (self, line_start_at (self, self->label_offset));
      self->para = PARA_PROSE;
      return TRUE;
    }

  if (g_ascii_strncasecmp (label, "Question", 8) != 0 ||
      (label[8] != '\0' && label[8] != ':' && !_viva_bank_is_blank (label[8])))
    {
      self->para = PARA_PROSE;
      return TRUE;
    }

  for (p = label + 8; _viva_bank_is_blank (*p); p++)
    ;

  for (digits = p; g_ascii_isdigit (*p); p++)
    {
      value = value * 10 + (*p - '0');
      /* Keep reading the digits, but stop the value from wrapping. */
      if (value > G_MAXUINT32)
        {
          overflow = TRUE;
          value = (guint64)G_MAXUINT32 + 1;
        }
    }

  /* Line numbers are counted only for an error: counting for every
   * question would make a large bank quadratic. */
  if (p == digits)
    {
      parser_set_error (self, VIVA_BANK_ERROR_MALFORMED,
                        _("Line %u starts a question without a number. Write the label as “**Question 1:**”, followed by the question."),
                        line_at (self, self->label_offset));
      return FALSE;
    }

  if (overflow || value == 0 || (*p != '\0' && *p != ':' && !_viva_bank_is_blank (*p)))
    {
      g_autofree char *shown = NULL;
      const char *end = p;

      while (*end != '\0' && *end != ':' && !_viva_bank_is_blank (*end))
        end++;

      shown = _viva_bank_dup_shown_number (digits, end - digits);

      parser_set_error (self, VIVA_BANK_ERROR_MALFORMED,
                        _("Line %u has a question numbered “%s”, which is not a valid number. Question numbers are whole numbers from 1 to %u."),
                        line_at (self, self->label_offset), shown, G_MAXUINT32);
      return FALSE;
    }

  if (self->in_answer)
    finish_answer (self, line_start_at (self, self->label_offset));
  self->answer_question = NULL;

  self->number = (guint)value;
  self->para = PARA_QUESTION;

  while (_viva_bank_is_blank (*p))
    p++;

  if (*p == ':')
    p++;
  else
    self->strip_colon = TRUE;

  while (_viva_bank_is_blank (*p))
    p++;

  if (*p != '\0')
    {
      VivaSpan span = { 0, 0, VIVA_SPAN_STRONG };

      self->strip_colon = FALSE;
      _viva_bank_append_text (self->text, p, strlen (p), FALSE);
      span.end = self->text->len;
      g_array_append_val (self->spans, span);
    }

  return TRUE;
}

/* Ends the open spans from @depth in (0 for all) where the text is now. */
static void
close_spans (Parser *self,
             guint   depth)
{
  for (guint i = depth; i < self->open_spans->len; i++)
    {
      guint index = g_array_index (self->open_spans, guint, i);
      VivaSpan *span = &g_array_index (self->spans, VivaSpan, index);

      span->end = self->text->len;
      if (span->kind == VIVA_SPAN_CODE && self->code_depth > 0)
        self->code_depth--;
    }

  if (depth < self->open_spans->len)
    g_array_set_size (self->open_spans, depth);
}

static gboolean
finish_question (Parser *self)
{
  VivaQuestion *question;
  VivaQuestion *previous;
  VivaSpan *spans = (VivaSpan *)(gpointer)self->spans->data;
  guint n_spans = 0;
  guint lead = 0;

  /* A span still open ends with the paragraph, as it would in HTML. */
  close_spans (self, 0);

  /* Trim both ends, then drop spans that trimming emptied. Only white
   * space inside code can still lead: the appender skipped the rest. */
  while (self->text->len > 0 && _viva_bank_is_blank (self->text->str[self->text->len - 1]))
    g_string_truncate (self->text, self->text->len - 1);

  while (lead < self->text->len && _viva_bank_is_blank (self->text->str[lead]))
    lead++;

  if (lead > 0)
    g_string_erase (self->text, 0, lead);

  for (guint i = 0; i < self->spans->len; i++)
    {
      VivaSpan span = spans[i];

      span.start = MIN (span.start > lead ? span.start - lead : 0, self->text->len);
      span.end = MIN (span.end > lead ? span.end - lead : 0, self->text->len);
      if (span.end > span.start)
        spans[n_spans++] = span;
    }

  if (self->text->len == 0)
    {
      parser_set_error (self, VIVA_BANK_ERROR_MALFORMED,
                        _("Question %u on line %u has no text. Write the question after its label, on the same line."),
                        self->number, line_at (self, self->label_offset));
      return FALSE;
    }

  if (self->level == NULL)
    {
      if (!self->has_orphan)
        {
          self->has_orphan = TRUE;
          self->orphan_number = self->number;
          self->orphan_offset = self->label_offset;
        }
      return TRUE;
    }

  previous = g_hash_table_lookup (self->by_number, GUINT_TO_POINTER (self->number));
  if (previous != NULL)
    {
      gsize first = g_array_index (self->offsets, gsize, viva_question_get_position (previous));

      parser_set_error (self, VIVA_BANK_ERROR_DUPLICATE,
                        _("Question %u appears twice, on line %u and on line %u. Give each question its own number."),
                        self->number, line_at (self, first), line_at (self, self->label_offset));
      return FALSE;
    }

  question = _viva_question_new (self->number,
                                 self->questions->len,
                                 self->level,
                                 self->topic,
                                 self->text->str,
                                 self->text->len,
                                 spans,
                                 n_spans,
                                 NULL);

  g_ptr_array_add (self->questions, question);
  g_array_append_val (self->offsets, self->label_offset);
  g_hash_table_insert (self->by_number, GUINT_TO_POINTER (self->number), question);

  if (self->topic != NULL)
    g_ptr_array_add (self->topic_questions, g_object_ref (question));
  else
    g_ptr_array_add (self->level_children, g_object_ref (question));

  self->level_n_questions++;

  self->answer_question = question;
  self->after_question = TRUE;

  return TRUE;
}

static void
start_paragraph (Parser *self)
{
  self->para = PARA_START;
  self->label_depth = 0;
  self->label_offset_set = FALSE;
  self->label_offset = self->last_offset;
  self->strip_colon = FALSE;
  self->code_depth = 0;
  g_string_truncate (self->label, 0);
  g_string_truncate (self->text, 0);
  g_array_set_size (self->spans, 0);
  g_array_set_size (self->open_spans, 0);
}

/* Ends a paragraph, or a heading read as one; FALSE on an error. */
static gboolean
finish_paragraph (Parser *self)
{
  gboolean ok = TRUE;

  if (self->para == PARA_LABEL)
    ok = finish_label (self);
  if (ok && self->para == PARA_QUESTION)
    ok = finish_question (self);

  self->para = PARA_NONE;

  return ok;
}

static int
on_enter_block (MD_BLOCKTYPE  type,
                void         *detail,
                void         *user_data)
{
  Parser *self = user_data;

  switch (type)
    {
    /* A heading is also read as a paragraph: a question line followed
     * directly by a "---" separator is, to Markdown, a heading. */
    case MD_BLOCK_H:
      self->in_heading = TRUE;
      self->heading_level = detail != NULL ? ((MD_BLOCK_H_DETAIL *)detail)->level : 0;
      self->heading_offset = self->last_offset;
      self->heading_offset_set = FALSE;
      g_string_truncate (self->heading, 0);
      start_paragraph (self);
      self->para_after_question = FALSE;
      self->after_question = FALSE;
      /* h1-h3 end an answer; h4-h6 are part of it. */
      if (self->in_answer && self->heading_level <= 3)
        self->answer_ends_at_heading = TRUE;
      break;

    case MD_BLOCK_P:
      start_paragraph (self);
      self->para_after_question = self->after_question;
      self->after_question = FALSE;
      break;

    /* Layout ("<br>", "<div>") between a question and its answer. */
    case MD_BLOCK_HTML:
      break;

    case MD_BLOCK_DOC:
      break;

    case MD_BLOCK_QUOTE:
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
    case MD_BLOCK_LI:
    case MD_BLOCK_HR:
    case MD_BLOCK_CODE:
    case MD_BLOCK_TABLE:
    case MD_BLOCK_THEAD:
    case MD_BLOCK_TBODY:
    case MD_BLOCK_TR:
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
    default:
      self->after_question = FALSE;
      break;
    }

  return 0;
}

static int
on_leave_block (MD_BLOCKTYPE  type,
                void         *detail,
                void         *user_data)
{
  Parser *self = user_data;

  switch (type)
    {
    case MD_BLOCK_H:
      /* Leaving a heading that was never entered ends nothing. */
      if (!self->in_heading)
        break;
      self->in_heading = FALSE;
      /* A heading with no text ends the answer after the line of the
       * last text read. */
      if (self->answer_ends_at_heading)
        {
          gsize end = self->last_offset;

          while (end < self->size && self->data[end] != '\n' && self->data[end] != '\r')
            end++;
          finish_answer (self, end);
        }
      if (self->para == PARA_LABEL || self->para == PARA_QUESTION)
        return finish_paragraph (self) ? 0 : 1;
      self->para = PARA_NONE;
      if (!finish_heading (self))
        return 1;
      break;

    case MD_BLOCK_P:
      if (!finish_paragraph (self))
        return 1;
      break;

    case MD_BLOCK_DOC:
    case MD_BLOCK_QUOTE:
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
    case MD_BLOCK_LI:
    case MD_BLOCK_HR:
    case MD_BLOCK_CODE:
    case MD_BLOCK_HTML:
    case MD_BLOCK_TABLE:
    case MD_BLOCK_THEAD:
    case MD_BLOCK_TBODY:
    case MD_BLOCK_TR:
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
    default:
      break;
    }

  return 0;
}

static int
on_enter_span (MD_SPANTYPE  type,
               void        *detail,
               void        *user_data)
{
  Parser *self = user_data;
  VivaSpan span = { 0, 0, VIVA_SPAN_CODE };
  guint index;

  switch (self->para)
    {
    case PARA_START:
      if (type == MD_SPAN_STRONG)
        {
          self->para = PARA_LABEL;
          self->label_depth = 1;
        }
      else
        self->para = PARA_PROSE;
      return 0;

    case PARA_LABEL:
      self->label_depth++;
      return 0;

    case PARA_QUESTION:
      break;

    case PARA_NONE:
    case PARA_PROSE:
    default:
      return 0;
    }

  switch (type)
    {
    case MD_SPAN_CODE:
      span.kind = VIVA_SPAN_CODE;
      self->code_depth++;
      break;

    case MD_SPAN_EM:
      span.kind = VIVA_SPAN_EMPHASIS;
      break;

    case MD_SPAN_STRONG:
      span.kind = VIVA_SPAN_STRONG;
      break;

    /* Links and images keep their text, without the target. */
    case MD_SPAN_A:
    case MD_SPAN_IMG:
    case MD_SPAN_DEL:
    case MD_SPAN_LATEXMATH:
    case MD_SPAN_LATEXMATH_DISPLAY:
    case MD_SPAN_WIKILINK:
    case MD_SPAN_U:
    default:
      return 0;
    }

  span.start = span.end = self->text->len;
  index = self->spans->len;
  g_array_append_val (self->spans, span);
  g_array_append_val (self->open_spans, index);

  return 0;
}

static int
on_leave_span (MD_SPANTYPE  type,
               void        *detail,
               void        *user_data)
{
  Parser *self = user_data;
  VivaSpanKind kind;

  if (self->para == PARA_LABEL)
    {
      /* The label ends with the span that opened it, or with whatever
       * md4c says it leaves last, entered or not. */
      if (self->label_depth > 0)
        self->label_depth--;
      if (self->label_depth == 0 && !finish_label (self))
        return 1;
      return 0;
    }

  if (self->para != PARA_QUESTION)
    return 0;

  switch (type)
    {
    case MD_SPAN_CODE:
      kind = VIVA_SPAN_CODE;
      break;

    case MD_SPAN_EM:
      kind = VIVA_SPAN_EMPHASIS;
      break;

    case MD_SPAN_STRONG:
      kind = VIVA_SPAN_STRONG;
      break;

    case MD_SPAN_A:
    case MD_SPAN_IMG:
    case MD_SPAN_DEL:
    case MD_SPAN_LATEXMATH:
    case MD_SPAN_LATEXMATH_DISPLAY:
    case MD_SPAN_WIKILINK:
    case MD_SPAN_U:
    default:
      return 0;
    }

  /* The innermost open span of this kind ends here, and so does any
   * span opened inside it that md4c did not close: the spans keep
   * nesting. Leaving a span that is not open does nothing. */
  for (guint depth = self->open_spans->len; depth > 0; depth--)
    {
      guint index = g_array_index (self->open_spans, guint, depth - 1);

      if (g_array_index (self->spans, VivaSpan, index).kind == kind)
        {
          close_spans (self, depth - 1);
          break;
        }
    }

  return 0;
}

static int
on_text (MD_TEXTTYPE  type,
         const char  *text,
         MD_SIZE      size,
         void        *user_data)
{
  Parser *self = user_data;

  note_position (self, text);

  if (self->answer_ends_at_heading && self->in_heading &&
      text >= self->data && text < self->data + self->size)
    finish_answer (self, line_start_at (self, text - self->data));

  if (self->in_heading)
    {
      if (!self->heading_offset_set)
        {
          self->heading_offset = self->last_offset;
          self->heading_offset_set = TRUE;
        }
      _viva_bank_append_md_text (self->heading, type, text, size, FALSE);
    }

  switch (self->para)
    {
    case PARA_START:
      /* Leading raw HTML or white space does not decide anything. */
      if (type == MD_TEXT_HTML || type == MD_TEXT_SOFTBR || type == MD_TEXT_BR)
        return 0;
      for (MD_SIZE i = 0; i < size; i++)
        {
          if (!_viva_bank_is_blank (text[i]))
            {
              self->para = PARA_PROSE;
              break;
            }
        }
      break;

    case PARA_LABEL:
      if (!self->label_offset_set)
        {
          self->label_offset = self->last_offset;
          self->label_offset_set = TRUE;
        }
      _viva_bank_append_md_text (self->label, type, text, size, FALSE);
      break;

    case PARA_QUESTION:
      if (self->strip_colon && type == MD_TEXT_NORMAL)
        {
          /* "**Question 1**: text": the colon outside the label. */
          MD_SIZE i = 0;

          while (i < size && _viva_bank_is_blank (text[i]))
            i++;
          if (i < size)
            {
              self->strip_colon = FALSE;
              if (text[i] == ':')
                {
                  text += i + 1;
                  size -= i + 1;
                }
            }
        }
      else if (type != MD_TEXT_SOFTBR && type != MD_TEXT_HTML)
        self->strip_colon = FALSE;
      _viva_bank_append_md_text (self->text, type, text, size, self->code_depth > 0);
      break;

    case PARA_NONE:
    case PARA_PROSE:
    default:
      break;
    }

  return 0;
}

static void
parser_clear (Parser *self)
{
  g_clear_error (&self->error);
  g_clear_pointer (&self->title, g_free);
  g_string_free (self->heading, TRUE);
  g_string_free (self->label, TRUE);
  g_string_free (self->text, TRUE);
  g_clear_pointer (&self->spans, g_array_unref);
  g_clear_pointer (&self->open_spans, g_array_unref);
  g_clear_pointer (&self->offsets, g_array_unref);
  g_clear_pointer (&self->topic_questions, g_ptr_array_unref);
  g_clear_pointer (&self->level_children, g_ptr_array_unref);
  g_clear_pointer (&self->by_number, g_hash_table_unref);
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  g_clear_pointer (&self->topics, g_ptr_array_unref);
  g_clear_pointer (&self->levels, g_ptr_array_unref);
}

VivaBank *
_viva_bank_parse (const char             *text,
                  gsize                   size,
                  const char             *id,
                  GFile                  *file,
                  VivaMarkdownParseFunc   parse,
                  GError                **error)
{
  static const MD_PARSER md_parser = {
    .abi_version = 0,
    .flags = MD_DIALECT_COMMONMARK,
    .enter_block = on_enter_block,
    .leave_block = on_leave_block,
    .enter_span = on_enter_span,
    .leave_span = on_leave_span,
    .text = on_text,
  };
  Parser parser = { 0 };
  VivaBank *bank = NULL;
  gsize start = 0;
  int ret;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);
  g_return_val_if_fail (parse != NULL, NULL);

  parser.data = text;
  parser.size = size;

  if (!_viva_bank_check_text (parser.data, parser.size, &start, error))
    return NULL;

  parser.heading = g_string_new (NULL);
  parser.label = g_string_new (NULL);
  parser.text = g_string_sized_new (256);
  parser.spans = g_array_new (FALSE, FALSE, sizeof (VivaSpan));
  parser.open_spans = g_array_new (FALSE, FALSE, sizeof (guint));
  parser.offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  parser.levels = g_ptr_array_new_with_free_func (g_object_unref);
  parser.topics = g_ptr_array_new_with_free_func (g_object_unref);
  parser.questions = g_ptr_array_new_with_free_func (g_object_unref);
  parser.by_number = g_hash_table_new (NULL, NULL);
  parser.last_offset = start;

  /* text[size] is a NUL byte, as the callers promise: md4c 0.4.8 reads
   * past the end of a buffer that is not terminated ("**Q[](1**" then
   * ")" in memory makes a link of whatever follows). The size given to
   * md4c does not count that byte. */
  ret = parse (parser.data + start, parser.size - start, &md_parser, &parser);

  if (parser.error == NULL && ret != 0)
    parser_set_error (&parser, VIVA_BANK_ERROR_MALFORMED,
                      _("The file could not be read as Markdown."));

  if (parser.error == NULL && parser.in_answer)
    finish_answer (&parser, parser.size);

  if (parser.error == NULL)
    finish_level (&parser);

  if (parser.error == NULL && parser.levels->len == 0)
    parser_set_error (&parser, VIVA_BANK_ERROR_NO_LEVELS,
                      _("The file has no levels. Each level starts with a heading line such as “## Level 1: Beginner”."));

  if (parser.error == NULL && parser.has_orphan)
    parser_set_error (&parser, VIVA_BANK_ERROR_MALFORMED,
                      _("Question %u on line %u is not under a level. Put a heading such as “## Level 1: Beginner” above it."),
                      parser.orphan_number, line_at (&parser, parser.orphan_offset));

  if (parser.error == NULL && parser.questions->len == 0)
    parser_set_error (&parser, VIVA_BANK_ERROR_NO_QUESTIONS,
                      _("The file has no questions. Each question is a paragraph that starts with a bold label such as “**Question 1:**”, followed by the question."));

  if (parser.error != NULL)
    g_propagate_error (error, g_steal_pointer (&parser.error));
  else
    bank = _viva_bank_new (id,
                           parser.title != NULL ? parser.title : id,
                           file,
                           parser.levels,
                           parser.topics,
                           parser.questions,
                           parser.by_number);

  parser_clear (&parser);

  return bank;
}
