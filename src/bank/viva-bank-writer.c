/* viva-bank-writer.c
 *
 * Writes banks in Viva's own Markdown (see viva-bank-writer.h), so that
 * what Viva writes, the parser reads back as the same bank.
 *
 * Nothing a question holds may reshape the file. A question is one
 * paragraph: its line breaks are hard breaks ("\" at the end of the
 * line), never a blank line, and every line after the first is escaped
 * where it could start a block (a heading, a list, a quote, a fence, a
 * setext underline). Plain text escapes what Markdown would read as
 * inline syntax. Text the user types is Markdown inline: it is read by
 * the bank parser itself, as a one-question bank, and written back from
 * what the parser made of it, so the file holds only what reads back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <md4c.h>

#include "viva-answer.h"
#include "viva-bank-private.h"
#include "viva-bank-writer.h"

typedef struct _DraftLevel DraftLevel;
typedef struct _DraftGroup DraftGroup;

typedef struct
{
  guint       number;
  char       *text;
  char       *answer;
  /* Borrowed: the group holds the question. */
  DraftGroup *group;
} DraftQuestion;

/* A run of a level's questions under one topic, or directly under the
 * level (topic NULL). */
struct _DraftGroup
{
  char       *topic;
  GPtrArray  *questions;
  DraftLevel *level;
};

struct _DraftLevel
{
  guint      number;
  char      *name;
  GPtrArray *groups;
};

struct _VivaBankDraft
{
  char       *title;
  GPtrArray  *levels;
  /* GUINT_TO_POINTER (number) -> DraftQuestion, borrowed. */
  GHashTable *by_number;
  /* The questions in bank order, made again after a change. */
  GPtrArray  *order;
};

static void
draft_question_free (gpointer data)
{
  DraftQuestion *question = data;

  g_free (question->text);
  g_free (question->answer);
  g_free (question);
}

static void
draft_group_free (gpointer data)
{
  DraftGroup *group = data;

  g_free (group->topic);
  g_ptr_array_unref (group->questions);
  g_free (group);
}

static void
draft_level_free (gpointer data)
{
  DraftLevel *level = data;

  g_free (level->name);
  g_ptr_array_unref (level->groups);
  g_free (level);
}

/* Text for a heading: one line, white space collapsed, trimmed. */
static char *
dup_one_line (const char *text)
{
  GString *line = g_string_new (NULL);

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if ((guchar)*p <= ' ' || *p == 0x7F)
        {
          if (line->len > 0 && line->str[line->len - 1] != ' ')
            g_string_append_c (line, ' ');
        }
      else
        g_string_append_c (line, *p);
    }

  while (line->len > 0 && line->str[line->len - 1] == ' ')
    g_string_truncate (line, line->len - 1);

  return g_string_free (line, FALSE);
}

/**
 * viva_bank_draft_new:
 * @title: (nullable): the bank's title, its "#" heading
 *
 * Returns: (transfer full): an empty draft
 */
VivaBankDraft *
viva_bank_draft_new (const char *title)
{
  VivaBankDraft *self = g_new0 (VivaBankDraft, 1);

  self->title = dup_one_line (title);
  if (!g_utf8_validate (self->title, -1, NULL))
    g_clear_pointer (&self->title, g_free);
  if (self->title == NULL)
    self->title = g_strdup ("");
  self->levels = g_ptr_array_new_with_free_func (draft_level_free);
  self->by_number = g_hash_table_new (NULL, NULL);

  return self;
}

void
viva_bank_draft_free (VivaBankDraft *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->order, g_ptr_array_unref);
  g_hash_table_unref (self->by_number);
  g_ptr_array_unref (self->levels);
  g_free (self->title);
  g_free (self);
}

const char *
viva_bank_draft_get_title (VivaBankDraft *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->title;
}

guint
viva_bank_draft_get_n_questions (VivaBankDraft *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_hash_table_size (self->by_number);
}

guint
viva_bank_draft_get_max_number (VivaBankDraft *self)
{
  GHashTableIter iter;
  gpointer key;
  guint max = 0;

  g_return_val_if_fail (self != NULL, 0);

  g_hash_table_iter_init (&iter, self->by_number);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    max = MAX (max, GPOINTER_TO_UINT (key));

  return max;
}

gboolean
viva_bank_draft_has_number (VivaBankDraft *self,
                            guint          number)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return number != 0 && g_hash_table_contains (self->by_number, GUINT_TO_POINTER (number));
}

static DraftLevel *
find_level (VivaBankDraft *self,
            guint          number)
{
  for (guint i = 0; i < self->levels->len; i++)
    {
      DraftLevel *level = g_ptr_array_index (self->levels, i);

      if (level->number == number)
        return level;
    }

  return NULL;
}

static DraftLevel *
add_level (VivaBankDraft *self,
           guint          number,
           const char    *name)
{
  DraftLevel *level = g_new0 (DraftLevel, 1);

  level->number = number;
  level->name = g_strdup (name);
  level->groups = g_ptr_array_new_with_free_func (draft_group_free);
  g_ptr_array_add (self->levels, level);
  g_clear_pointer (&self->order, g_ptr_array_unref);

  return level;
}

/**
 * viva_bank_draft_ensure_level:
 * @self: a draft
 * @number: the level's number, or 0 to find it by @name or give it the
 *   next free number
 * @name: the level's name ("Beginner")
 *
 * With a number, the level of that number (made with @name when the
 * draft has none); with 0, the level named @name (case folded), else a
 * new one numbered after the largest.
 *
 * Returns: the level's number, 0 when no number is left
 */
guint
viva_bank_draft_ensure_level (VivaBankDraft *self,
                              guint          number,
                              const char    *name)
{
  g_autofree char *line = NULL;
  guint max = 0;

  g_return_val_if_fail (self != NULL, 0);

  line = dup_one_line (name);
  if (!g_utf8_validate (line, -1, NULL))
    g_clear_pointer (&line, g_free);
  if (line == NULL)
    line = g_strdup ("");

  if (number != 0)
    {
      if (find_level (self, number) == NULL)
        add_level (self, number, line);
      return number;
    }

  for (guint i = 0; i < self->levels->len; i++)
    {
      DraftLevel *level = g_ptr_array_index (self->levels, i);
      g_autofree char *a = g_utf8_casefold (level->name, -1);
      g_autofree char *b = g_utf8_casefold (line, -1);

      if (g_str_equal (a, b))
        return level->number;
      max = MAX (max, level->number);
    }

  if (max == G_MAXUINT32)
    return 0;

  add_level (self, max + 1, line);

  return max + 1;
}

/* The question parts of the writer */

static gboolean
is_md_punct (char c)
{
  return c != '\0' && strchr ("\\`*_[]<>&#!~|", c) != NULL;
}

/* Plain text, escaped so that Markdown reads it as the same text. */
static void
append_escaped (GString    *out,
                const char *text,
                gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (c == '\n' || c == '\r' || c == '\t')
        c = ' ';
      if (is_md_punct (c))
        g_string_append_c (out, '\\');
      g_string_append_c (out, c);
    }
}

/* A code span: fenced by a backtick run longer than any inside, padded
 * with a space when the code starts or ends with a backtick or a space
 * (the reader takes one space off each end when both have one). */
static void
append_code (GString    *out,
             const char *code,
             gsize       len)
{
  guint longest = 0;
  guint run = 0;
  gboolean pad;
  gboolean all_spaces = TRUE;

  for (gsize i = 0; i < len; i++)
    {
      run = code[i] == '`' ? run + 1 : 0;
      longest = MAX (longest, run);
      if (code[i] != ' ')
        all_spaces = FALSE;
    }

  pad = len > 0 && !all_spaces &&
        (code[0] == '`' || code[0] == ' ' || code[len - 1] == '`' || code[len - 1] == ' ');

  for (guint i = 0; i <= longest; i++)
    g_string_append_c (out, '`');
  if (pad)
    g_string_append_c (out, ' ');
  for (gsize i = 0; i < len; i++)
    g_string_append_c (out, code[i] == '\n' || code[i] == '\r' ? ' ' : code[i]);
  if (pad)
    g_string_append_c (out, ' ');
  for (guint i = 0; i <= longest; i++)
    g_string_append_c (out, '`');
}

static const char *
span_delimiter (VivaSpanKind kind)
{
  return kind == VIVA_SPAN_STRONG ? "**" : "*";
}

/* After a hard break, the line starts again: make sure it starts no
 * block. Everything inline is already escaped; what is left is a digit
 * run followed by "." or ")" (an ordered list), "-", "+" and "=" (lists
 * and setext underlines) and a line of "*" or "_" (a rule). */
static void
escape_line_start (GString *out,
                   gsize    line_start)
{
  const char *line = out->str + line_start;
  gsize i = 0;

  while (g_ascii_isdigit (line[i]))
    i++;

  if (i > 0 && i < 10 && (line[i] == '.' || line[i] == ')'))
    g_string_insert_c (out, line_start + i, '\\');
  else if (i == 0 && (line[0] == '-' || line[0] == '+' || line[0] == '=' ||
                      line[0] == '#' || line[0] == '>' || line[0] == '<' ||
                      line[0] == '~' || line[0] == '|'))
    g_string_insert_c (out, line_start, '\\');
}

/* Writes @text with its @spans as Markdown inline into @out. Line breaks
 * become hard breaks, and each line after them is escaped once written. */
static void
append_inline (GString        *out,
               const char     *text,
               gsize           len,
               const VivaSpan *spans,
               guint           n_spans)
{
  /* The spans open at the current place, innermost last. */
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (VivaSpan));
  guint next = 0;
  g_autoptr(GArray) line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize i = 0;

  while (i <= len)
    {
      gsize run_end;

      /* Close the spans that end here, innermost first. */
      while (open->len > 0 && g_array_index (open, VivaSpan, open->len - 1).end <= i)
        {
          VivaSpan *span = &g_array_index (open, VivaSpan, open->len - 1);

          g_string_append (out, span_delimiter (span->kind));
          g_array_set_size (open, open->len - 1);
        }

      if (i == len)
        break;

      /* Open the spans that start here, outermost first. A span that
       * would cross its parent's end is cut there: spans nest. */
      while (next < n_spans && spans[next].start <= i)
        {
          VivaSpan span = spans[next++];

          if (span.start < i || span.end <= span.start || span.end > len)
            continue;
          if (open->len > 0)
            span.end = MIN (span.end, g_array_index (open, VivaSpan, open->len - 1).end);

          if (span.kind == VIVA_SPAN_CODE)
            {
              /* Nothing nests inside code: skip the spans it holds. */
              append_code (out, text + i, span.end - i);
              while (next < n_spans && spans[next].start < span.end)
                next++;
              i = span.end;
              goto next_place;
            }

          if (span.kind == VIVA_SPAN_EMPHASIS || span.kind == VIVA_SPAN_STRONG)
            {
              g_string_append (out, span_delimiter (span.kind));
              g_array_append_val (open, span);
            }
        }

      /* Plain text up to the next span boundary or line break. */
      run_end = len;
      if (next < n_spans)
        run_end = MIN (run_end, MAX (spans[next].start, i + 1));
      if (open->len > 0)
        run_end = MIN (run_end, g_array_index (open, VivaSpan, open->len - 1).end);

      while (i < run_end)
        {
          if (text[i] == '\n')
            {
              /* A line ending in a backslash would escape the break. */
              g_string_append (out, "\\\n");
              g_array_append_val (line_starts, out->len);
              i++;
              break;
            }
          append_escaped (out, text + i, 1);
          i++;
        }

    next_place:
      ;
    }

  /* Last line first, so that the escapes keep the earlier offsets. */
  for (guint l = line_starts->len; l > 0; l--)
    escape_line_start (out, g_array_index (line_starts, gsize, l - 1));
}

/**
 * viva_bank_writer_dup_question_markdown:
 * @question: a question of a bank
 *
 * Returns: (transfer full): its text and spans as Markdown inline,
 *   which the parser reads back as the same text and spans
 */
char *
viva_bank_writer_dup_question_markdown (VivaQuestion *question)
{
  const VivaSpan *spans;
  guint n_spans;
  const char *text;
  GString *out;

  g_return_val_if_fail (VIVA_IS_QUESTION (question), NULL);

  text = viva_question_get_text (question);
  spans = _viva_question_get_spans (question, &n_spans);
  out = g_string_sized_new (strlen (text) + 16);
  append_inline (out, text, strlen (text), spans, n_spans);

  return g_string_free (out, FALSE);
}

/* What the user typed, as one paragraph: lines trimmed, blank ones
 * dropped, joined by hard breaks, each line after the first escaped
 * where it could start a block. The parser then reads it. */
static char *
dup_paragraph (const char *text_markdown)
{
  g_auto(GStrv) lines = g_strsplit_set (text_markdown, "\r\n", -1);
  GString *out = g_string_new (NULL);
  gboolean first = TRUE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      gsize line_start;
      gsize n_backslashes = 0;
      gsize len = strlen (line);

      if (line[0] == '\0')
        continue;

      if (!first)
        g_string_append (out, "\\\n");
      first = FALSE;
      line_start = out->len;

      /* A fence, a rule or a list marker made of the emphasis signs
       * would end the paragraph; "*emphasis*" at the start would not. */
      if (!(line_start == 0) &&
          (g_str_has_prefix (line, "```") ||
           ((line[0] == '*' || line[0] == '_') &&
            (line[1] == ' ' || line[1] == '\t' || line[1] == '\0' ||
             strspn (line, "*_ \t") == len))))
        g_string_append_c (out, '\\');
      g_string_append (out, line);
      if (line_start > 0)
        escape_line_start (out, line_start);

      /* An odd run of backslashes at the end would escape the break. */
      while (n_backslashes < len && line[len - 1 - n_backslashes] == '\\')
        n_backslashes++;
      if (n_backslashes % 2 == 1)
        g_string_append_c (out, '\\');
    }

  return g_string_free (out, FALSE);
}

/* Reads @text_markdown as the parser would, and writes it back from
 * what the parser made of it. NULL with _MALFORMED when nothing of it
 * is left (raw HTML only, white space). */
static char *
dup_canonical_text (const char  *text_markdown,
                    GError     **error)
{
  g_autofree char *paragraph = NULL;
  g_autofree char *bank_text = NULL;
  g_autoptr(VivaBank) bank = NULL;
  g_autoptr(GError) local_error = NULL;
  VivaQuestion *question;

  if (text_markdown == NULL || !g_utf8_validate (text_markdown, -1, NULL))
    {
      g_set_error_literal (error, VIVA_BANK_ERROR, VIVA_BANK_ERROR_MALFORMED,
                           _("The question is not valid text."));
      return NULL;
    }

  paragraph = dup_paragraph (text_markdown);
  bank_text = g_strconcat ("## Level 1\n\n**Question 1:** ", paragraph, "\n", NULL);
  bank = _viva_bank_parse (bank_text, strlen (bank_text), "draft", NULL,
                           md_parse, &local_error);

  if (bank == NULL || viva_bank_get_n_questions (bank) != 1 ||
      (question = viva_bank_lookup_question (bank, 1)) == NULL)
    {
      g_set_error_literal (error, VIVA_BANK_ERROR, VIVA_BANK_ERROR_MALFORMED,
                           _("The question has no text. Write the question, with `code` in backticks."));
      return NULL;
    }

  return viva_bank_writer_dup_question_markdown (question);
}

/* An answer (or an export's notes) in the one safe form: a paragraph
 * that opens with a bold "Question", "Answer" or "Notes" is escaped by
 * viva_answer_normalize(), so nothing in it can end it or start a
 * question. */
static char *
dup_safe_answer (const char *answer_markdown)
{
  if (answer_markdown == NULL || !g_utf8_validate (answer_markdown, -1, NULL))
    return NULL;

  return viva_answer_normalize (answer_markdown, strlen (answer_markdown));
}

static DraftGroup *
find_group (DraftLevel *level,
            const char *topic)
{
  /* Questions with no topic gather in the level's first group, those of
   * a topic in that topic's last group. */
  if (topic == NULL)
    {
      DraftGroup *first = level->groups->len > 0 ? g_ptr_array_index (level->groups, 0) : NULL;

      if (first != NULL && first->topic == NULL)
        return first;
      first = g_new0 (DraftGroup, 1);
      first->questions = g_ptr_array_new_with_free_func (draft_question_free);
      first->level = level;
      g_ptr_array_insert (level->groups, 0, first);
      return first;
    }

  for (guint i = level->groups->len; i > 0; i--)
    {
      DraftGroup *group = g_ptr_array_index (level->groups, i - 1);

      if (g_strcmp0 (group->topic, topic) == 0)
        return group;
    }

  {
    DraftGroup *group = g_new0 (DraftGroup, 1);

    group->topic = g_strdup (topic);
    group->questions = g_ptr_array_new_with_free_func (draft_question_free);
    group->level = level;
    g_ptr_array_add (level->groups, group);
    return group;
  }
}

static char *
dup_topic (const char *topic)
{
  char *line;

  if (topic == NULL)
    return NULL;

  line = dup_one_line (topic);
  if (line[0] == '\0' || !g_utf8_validate (line, -1, NULL))
    g_clear_pointer (&line, g_free);

  return line;
}

/* Takes @text and @answer. */
static void
insert_question (VivaBankDraft *self,
                 DraftLevel    *level,
                 const char    *topic,
                 guint          number,
                 char          *text,
                 char          *answer,
                 gint           index)
{
  DraftQuestion *question = g_new0 (DraftQuestion, 1);
  DraftGroup *group = find_group (level, topic);

  question->number = number;
  question->text = text;
  question->answer = answer;
  question->group = group;

  if (index < 0 || (guint) index > group->questions->len)
    g_ptr_array_add (group->questions, question);
  else
    g_ptr_array_insert (group->questions, index, question);
  g_hash_table_insert (self->by_number, GUINT_TO_POINTER (number), question);
  g_clear_pointer (&self->order, g_ptr_array_unref);
}

static gboolean
check_place (VivaBankDraft  *self,
             guint           level_number,
             DraftLevel    **out_level,
             GError        **error)
{
  *out_level = find_level (self, level_number);
  if (*out_level == NULL)
    {
      g_set_error (error, VIVA_BANK_ERROR, VIVA_BANK_ERROR_MALFORMED,
                   _("The bank has no level %u."), level_number);
      return FALSE;
    }

  return TRUE;
}

/**
 * viva_bank_draft_add_question:
 *
 * Adds question @number at the end of @topic (NULL: directly under the
 * level) in level @level_number, which must exist
 * (viva_bank_draft_ensure_level()).
 */
gboolean
viva_bank_draft_add_question (VivaBankDraft  *self,
                              guint           level_number,
                              const char     *topic,
                              guint           number,
                              const char     *text_markdown,
                              const char     *answer_markdown,
                              GError        **error)
{
  g_autofree char *text = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *topic_line = NULL;
  DraftLevel *level;

  g_return_val_if_fail (self != NULL, FALSE);

  if (number == 0)
    {
      g_set_error_literal (error, VIVA_BANK_ERROR, VIVA_BANK_ERROR_MALFORMED,
                           _("Question numbers are whole numbers from 1."));
      return FALSE;
    }

  if (viva_bank_draft_has_number (self, number))
    {
      g_set_error (error, VIVA_BANK_ERROR, VIVA_BANK_ERROR_DUPLICATE,
                   _("Question %u is already in the bank."), number);
      return FALSE;
    }

  if (!check_place (self, level_number, &level, error) ||
      (text = dup_canonical_text (text_markdown, error)) == NULL)
    return FALSE;

  answer = dup_safe_answer (answer_markdown);
  topic_line = dup_topic (topic);
  insert_question (self, level, topic_line, number,
                   g_steal_pointer (&text), g_steal_pointer (&answer), -1);

  return TRUE;
}

static void
remove_empty (VivaBankDraft *self,
              DraftGroup    *group)
{
  DraftLevel *level = group->level;

  if (group->questions->len == 0)
    g_ptr_array_remove (level->groups, group);
  if (level->groups->len == 0)
    g_ptr_array_remove (self->levels, level);
}

/**
 * viva_bank_draft_replace_question:
 *
 * Gives question @number new text, answer, level and topic; it keeps its
 * place when it stays in its level and topic, else goes to the end of
 * the new one.
 */
gboolean
viva_bank_draft_replace_question (VivaBankDraft  *self,
                                  guint           number,
                                  guint           level_number,
                                  const char     *topic,
                                  const char     *text_markdown,
                                  const char     *answer_markdown,
                                  GError        **error)
{
  g_autofree char *text = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *topic_line = NULL;
  DraftQuestion *question;
  DraftLevel *level;

  g_return_val_if_fail (self != NULL, FALSE);

  question = g_hash_table_lookup (self->by_number, GUINT_TO_POINTER (number));
  if (question == NULL)
    {
      g_set_error (error, VIVA_BANK_ERROR, VIVA_BANK_ERROR_MALFORMED,
                   _("Question %u is not in the bank."), number);
      return FALSE;
    }

  if (!check_place (self, level_number, &level, error) ||
      (text = dup_canonical_text (text_markdown, error)) == NULL)
    return FALSE;

  answer = dup_safe_answer (answer_markdown);
  topic_line = dup_topic (topic);

  if (question->group->level == level && g_strcmp0 (question->group->topic, topic_line) == 0)
    {
      g_free (question->text);
      g_free (question->answer);
      question->text = g_steal_pointer (&text);
      question->answer = g_steal_pointer (&answer);
      return TRUE;
    }

  viva_bank_draft_remove_question (self, number);
  /* The level may have gone with its last question. */
  if (find_level (self, level_number) == NULL)
    level = add_level (self, level_number, level->name);
  insert_question (self, level, topic_line, number,
                   g_steal_pointer (&text), g_steal_pointer (&answer), -1);

  return TRUE;
}

gboolean
viva_bank_draft_remove_question (VivaBankDraft *self,
                                 guint          number)
{
  DraftQuestion *question;
  DraftGroup *group;

  g_return_val_if_fail (self != NULL, FALSE);

  question = g_hash_table_lookup (self->by_number, GUINT_TO_POINTER (number));
  if (question == NULL)
    return FALSE;

  group = question->group;
  g_hash_table_remove (self->by_number, GUINT_TO_POINTER (number));
  g_ptr_array_remove (group->questions, question);
  remove_empty (self, group);
  g_clear_pointer (&self->order, g_ptr_array_unref);

  return TRUE;
}

static GPtrArray *
get_order (VivaBankDraft *self)
{
  if (self->order != NULL)
    return self->order;

  self->order = g_ptr_array_sized_new (g_hash_table_size (self->by_number));
  for (guint l = 0; l < self->levels->len; l++)
    {
      DraftLevel *level = g_ptr_array_index (self->levels, l);

      for (guint g = 0; g < level->groups->len; g++)
        {
          DraftGroup *group = g_ptr_array_index (level->groups, g);

          for (guint q = 0; q < group->questions->len; q++)
            g_ptr_array_add (self->order, g_ptr_array_index (group->questions, q));
        }
    }

  return self->order;
}

static guint
describe (DraftQuestion  *question,
          guint          *out_level_number,
          const char    **out_level_name,
          const char    **out_topic,
          const char    **out_text_markdown,
          const char    **out_answer)
{
  if (out_level_number != NULL)
    *out_level_number = question->group->level->number;
  if (out_level_name != NULL)
    *out_level_name = question->group->level->name;
  if (out_topic != NULL)
    *out_topic = question->group->topic;
  if (out_text_markdown != NULL)
    *out_text_markdown = question->text;
  if (out_answer != NULL)
    *out_answer = question->answer;

  return question->number;
}

guint
viva_bank_draft_get_question (VivaBankDraft  *self,
                              guint           index,
                              guint          *out_level_number,
                              const char    **out_level_name,
                              const char    **out_topic,
                              const char    **out_text_markdown,
                              const char    **out_answer)
{
  GPtrArray *order;

  g_return_val_if_fail (self != NULL, 0);

  order = get_order (self);
  g_return_val_if_fail (index < order->len, 0);

  return describe (g_ptr_array_index (order, index), out_level_number, out_level_name,
                   out_topic, out_text_markdown, out_answer);
}

gboolean
viva_bank_draft_lookup_question (VivaBankDraft  *self,
                                 guint           number,
                                 guint          *out_level_number,
                                 const char    **out_level_name,
                                 const char    **out_topic,
                                 const char    **out_text_markdown,
                                 const char    **out_answer)
{
  DraftQuestion *question;

  g_return_val_if_fail (self != NULL, FALSE);

  question = g_hash_table_lookup (self->by_number, GUINT_TO_POINTER (number));
  if (question == NULL)
    return FALSE;

  describe (question, out_level_number, out_level_name, out_topic, out_text_markdown, out_answer);

  return TRUE;
}

/**
 * viva_bank_draft_new_from_bank:
 * @bank: a bank
 *
 * Returns: (transfer full): a draft of all of @bank, in its order, with
 *   the same levels, topics, numbers, text and answers
 */
VivaBankDraft *
viva_bank_draft_new_from_bank (VivaBank *bank)
{
  VivaBankDraft *self;
  GPtrArray *questions;
  VivaLevel *last_level = NULL;
  VivaTopic *last_topic = NULL;
  DraftLevel *level = NULL;
  DraftGroup *group = NULL;

  g_return_val_if_fail (VIVA_IS_BANK (bank), NULL);

  self = viva_bank_draft_new (viva_bank_get_title (bank));
  questions = _viva_bank_get_question_array (bank);

  /* Groups follow the bank's order exactly: a second run of one topic
   * in a level stays a run of its own, as the file had it. */
  for (guint i = 0; i < questions->len; i++)
    {
      VivaQuestion *q = g_ptr_array_index (questions, i);
      VivaLevel *q_level = viva_question_get_level (q);
      VivaTopic *q_topic = viva_question_get_topic (q);
      DraftQuestion *question;

      if (level == NULL || q_level != last_level)
        {
          level = add_level (self, viva_level_get_number (q_level), viva_level_get_name (q_level));
          group = NULL;
        }

      if (group == NULL || q_level != last_level || q_topic != last_topic)
        {
          group = g_new0 (DraftGroup, 1);
          group->topic = q_topic != NULL ? g_strdup (viva_topic_get_name (q_topic)) : NULL;
          group->questions = g_ptr_array_new_with_free_func (draft_question_free);
          group->level = level;
          g_ptr_array_add (level->groups, group);
        }

      last_level = q_level;
      last_topic = q_topic;

      question = g_new0 (DraftQuestion, 1);
      question->number = viva_question_get_number (q);
      question->text = viva_bank_writer_dup_question_markdown (q);
      question->answer = g_strdup (viva_question_get_answer (q));
      question->group = group;
      g_ptr_array_add (group->questions, question);
      g_hash_table_insert (self->by_number, GUINT_TO_POINTER (question->number), question);
    }

  return self;
}

static void
append_heading (GString    *out,
                const char *hashes,
                const char *text)
{
  g_string_append (out, hashes);
  g_string_append_c (out, ' ');
  append_escaped (out, text, strlen (text));
  g_string_append (out, "\n\n");
}

/**
 * viva_bank_draft_to_markdown:
 * @self: a draft
 * @extra: (nullable): Markdown for each question's "**Notes:**"
 * @user_data: for @extra
 *
 * Returns: (transfer full): the bank in Viva's own Markdown, UTF-8,
 *   which the parser reads back as the same bank
 */
GBytes *
viva_bank_draft_to_markdown (VivaBankDraft          *self,
                             VivaBankDraftExtraFunc  extra,
                             gpointer                user_data)
{
  GString *out;
  gsize size = 64;

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < get_order (self)->len; i++)
    {
      DraftQuestion *question = g_ptr_array_index (self->order, i);

      size += strlen (question->text) + 24 +
              (question->answer != NULL ? strlen (question->answer) + 16 : 0);
    }
  out = g_string_sized_new (size);

  if (self->title[0] != '\0')
    append_heading (out, "#", self->title);

  for (guint l = 0; l < self->levels->len; l++)
    {
      DraftLevel *level = g_ptr_array_index (self->levels, l);
      gboolean in_topic = FALSE;

      /* A level made for a question that never came is not written. */
      if (level->groups->len == 0)
        continue;

      g_string_append_printf (out, "## Level %u", level->number);
      if (level->name[0] != '\0')
        {
          g_string_append (out, ": ");
          append_escaped (out, level->name, strlen (level->name));
          /* The parser drops a last "(…)" from a level's name ("Beginner
           * (Questions 1-200)"): an empty one keeps the name whole. */
          if (g_str_has_suffix (level->name, ")"))
            g_string_append (out, " ()");
        }
      g_string_append (out, "\n\n");

      for (guint g = 0; g < level->groups->len; g++)
        {
          DraftGroup *group = g_ptr_array_index (level->groups, g);

          if (group->topic != NULL)
            {
              append_heading (out, "###", group->topic);
              in_topic = TRUE;
            }
          else if (in_topic)
            {
              /* An empty "###" ends the topic: what follows is directly
               * under the level again. */
              g_string_append (out, "###\n\n");
              in_topic = FALSE;
            }

          for (guint q = 0; q < group->questions->len; q++)
            {
              DraftQuestion *question = g_ptr_array_index (group->questions, q);
              g_autofree char *notes = extra != NULL ? extra (question->number, user_data) : NULL;

              g_string_append_printf (out, "**Question %u:** %s\n\n", question->number, question->text);

              if (question->answer != NULL)
                {
                  g_string_append (out, "**Answer:**\n\n");
                  g_string_append (out, question->answer);
                  g_string_append (out, "\n\n");
                }

              if (notes != NULL)
                {
                  g_autofree char *safe = dup_safe_answer (notes);

                  if (safe != NULL)
                    {
                      g_string_append (out, "**Notes:**\n\n");
                      g_string_append (out, safe);
                      g_string_append (out, "\n\n");
                    }
                }
            }
        }
    }

  /* One newline at the end, not two. */
  if (out->len > 0)
    g_string_truncate (out, out->len - 1);

  return g_string_free_to_bytes (out);
}
