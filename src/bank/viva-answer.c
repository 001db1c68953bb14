/* viva-answer.c
 *
 * Answers: one md4c pass writes any Markdown fragment back in Viva's
 * canonical form (viva_answer_normalize()), another reads that form into
 * blocks for the widgets, HTML and plain text.
 *
 * The input is untrusted, and md4c's events are too (see
 * viva-bank-parser.c: spans can be left without being entered), so no
 * callback assumes balance; nesting is kept in arrays, never in the C
 * stack, and capped at VIVA_ANSWER_MAX_DEPTH.
 *
 * The canonical form is chosen so that the bank parser reads it back as
 * one answer: headings only at levels 4-6 (h1-h3 end an answer), no
 * paragraph that opens with a bold "Question", "Answer" or "Notes" (they
 * would read as a label), every line that Markdown could read as a block
 * marker escaped, and code fenced.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <md4c.h>

#include "viva-answer.h"
#include "viva-bank-parser-private.h"

/* Room kept under VIVA_ANSWER_MAX_SIZE for the paragraph that says an
 * answer was cut. */
#define CUT_RESERVE 512

static int
parse_markdown (const char      *text,
                gsize            size,
                const MD_PARSER *parser,
                gpointer         user_data)
{
  g_assert (text[size] == '\0');

  /* md4c's sizes are 32 bits. */
  if (size > G_MAXUINT32)
    size = G_MAXUINT32;

  return md_parse (text, (MD_SIZE)size, parser, user_data);
}

/* Unicode classes as CommonMark's emphasis rules see them. */
typedef enum
{
  CHAR_SPACE,
  CHAR_PUNCT,
  CHAR_WORD,
} CharClass;

static CharClass
classify (gunichar c)
{
  if (c == 0 || g_unichar_isspace (c))
    return CHAR_SPACE;
  /* GLib's punctuation includes symbols: reading more characters as
   * punctuation than md4c does only drops emphasis, which is safe. */
  if (g_unichar_ispunct (c))
    return CHAR_PUNCT;
  return CHAR_WORD;
}

static CharClass
class_at (const char *text,
          gsize       len,
          gsize       offset)
{
  if (offset >= len)
    return CHAR_SPACE;
  return classify (g_utf8_get_char_validated (text + offset, len - offset));
}

static CharClass
class_before (const char *text,
              gsize       offset)
{
  const char *prev;

  if (offset == 0)
    return CHAR_SPACE;
  prev = g_utf8_find_prev_char (text, text + offset);
  if (prev == NULL)
    return CHAR_SPACE;
  return classify (g_utf8_get_char_validated (prev, text + offset - prev));
}

/* Normalizing */

typedef enum
{
  BOX_ROOT,
  BOX_QUOTE,
  BOX_LIST,
  BOX_ITEM,
} BoxKind;

/* A container being written: the document, a block quote, a list or a
 * list item. */
typedef struct
{
  BoxKind  kind;
  gboolean has_content;
  /* BOX_LIST */
  gboolean ordered;
  char     delimiter;
  guint    next_number;
  /* BOX_ITEM: the marker is written with the item's first line. */
  gboolean marker_pending;
  guint    indent;
  /* Any box: the last block written directly in it was a list of this
   * kind; a list right after it takes the other delimiter, or Markdown
   * would read the two as one. */
  gboolean last_was_list;
  gboolean last_ordered;
  char     last_delimiter;
} Box;

typedef struct
{
  int      kind;      /* MD_SPAN_EM or MD_SPAN_STRONG */
  gsize    position;  /* in the inline text */
} OpenSpan;

typedef struct
{
  GString   *out;
  GArray    *boxes;
  /* For each container block entered and not left: whether it made a
   * box (deeper than the cap, it does not). */
  GByteArray *pushed;

  /* The paragraph or heading being read, as Markdown. */
  GString   *inl;
  gboolean   in_inline;
  guint      heading_level;
  gboolean   line_start;
  GArray    *open_spans;
  /* A closing delimiter after punctuation is one only when a non-word
   * character follows: if a word comes, the span's delimiters go. */
  gboolean   close_pending;
  gsize      close_open_at;
  gsize      close_open_len;
  gsize      close_at;
  gsize      close_len;
  gsize      last_close_end;

  GString   *plain;
  GString   *code;
  guint      code_span_depth;
  gboolean   in_code_block;
  char      *code_language;
  guint      image_depth;

  int        heading_shift;
  guint      min_heading;

  gsize      last_top_end;
  gboolean   cut;
  /* Writing the paragraph that says the answer was cut. */
  gboolean   uncapped;
  /* A bank's answer starts with its "**Answer:**" marker, dropped here:
   * the marker's paragraph is read with md4c as it was in the bank, so
   * "**Answer:** <b>x</b>" or "**Answer:** # x" keep their meaning. */
  gboolean   skip_marker;
  gboolean   skip_colon;
} Normalizer;

static Box *
top_box (Normalizer *self)
{
  return &g_array_index (self->boxes, Box, self->boxes->len - 1);
}

static guint
box_depth (Normalizer *self)
{
  guint depth = 0;

  for (guint i = 0; i < self->boxes->len; i++)
    {
      BoxKind kind = g_array_index (self->boxes, Box, i).kind;

      if (kind == BOX_QUOTE || kind == BOX_ITEM)
        depth++;
    }

  return depth;
}

/* The prefix of a line inside the first @n boxes: "> " for quotes, the
 * marker or its width in spaces for items. */
static void
write_prefix (Normalizer *self,
              guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      Box *box = &g_array_index (self->boxes, Box, i);

      if (box->kind == BOX_QUOTE)
        g_string_append (self->out, "> ");
      else if (box->kind == BOX_ITEM && box->marker_pending)
        {
          Box *list = &g_array_index (self->boxes, Box, i - 1);
          gsize before = self->out->len;

          g_assert (i > 0 && list->kind == BOX_LIST);

          if (list->ordered)
            g_string_append_printf (self->out, "%u%c ", list->next_number++, list->delimiter);
          else
            g_string_append_printf (self->out, "%c ", list->delimiter);

          box->indent = self->out->len - before;
          box->marker_pending = FALSE;
        }
      else if (box->kind == BOX_ITEM)
        {
          for (guint j = 0; j < box->indent; j++)
            g_string_append_c (self->out, ' ');
        }
    }
}

/* An empty line that stays inside the first @n boxes. */
static void
write_blank_line (Normalizer *self,
                  guint       n)
{
  write_prefix (self, n);
  while (self->out->len > 0 && self->out->str[self->out->len - 1] == ' ')
    g_string_truncate (self->out, self->out->len - 1);
  g_string_append_c (self->out, '\n');
}

/* Starts a block in the innermost box: a blank line after the block
 * before it (none between the items of a list), then the prefix. */
static void
begin_block (Normalizer *self)
{
  guint n = self->boxes->len;

  for (guint i = n; i > 0; i--)
    {
      Box *box = &g_array_index (self->boxes, Box, i - 1);

      if (box->has_content)
        {
          Box *child = i < n ? &g_array_index (self->boxes, Box, i) : NULL;

          /* No blank line between the items of a list, nor before a list
           * nested in an item, where Markdown lets one start: that keeps
           * a tight list tight. */
          if (box->kind == BOX_LIST)
            break;
          if (box->kind == BOX_ITEM && child != NULL && child->kind == BOX_LIST &&
              (!child->ordered || child->next_number == 1))
            break;
          write_blank_line (self, i);
          break;
        }
    }

  for (guint i = 0; i < n; i++)
    {
      Box *box = &g_array_index (self->boxes, Box, i);
      Box *child = i + 1 < n ? &g_array_index (self->boxes, Box, i + 1) : NULL;

      box->has_content = TRUE;
      box->last_was_list = child != NULL && child->kind == BOX_LIST;
      if (box->last_was_list)
        {
          box->last_ordered = child->ordered;
          box->last_delimiter = child->delimiter;
        }
    }

  write_prefix (self, n);
}

/* Called once a block is written: an answer that has grown past the cap
 * is cut back to the end of the last top-level block. */
static void
end_block (Normalizer *self)
{
  if (!self->uncapped && self->out->len > VIVA_ANSWER_MAX_SIZE - CUT_RESERVE)
    {
      g_string_truncate (self->out, self->last_top_end);
      self->cut = TRUE;
      return;
    }

  if (self->boxes->len == 1)
    self->last_top_end = self->out->len;
}

/* Escapes text for the inline Markdown being built, so that it reads
 * back as the same text: the characters that open spans, links, HTML and
 * entities always, and at the start of a line what would start a block. */
static void
append_escaped (Normalizer *self,
                const char *text,
                gsize       len)
{
  GString *inl = self->inl;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      /* Control characters have no business in an answer (and Pango
       * markup cannot carry them). */
      if (((guchar)c < ' ' && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
        continue;

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        {
          /* Lines start without white space, runs of it are one. */
          if (self->line_start || inl->len == 0 || inl->str[inl->len - 1] == ' ')
            continue;
          g_string_append_c (inl, ' ');
          continue;
        }

      if (self->line_start)
        {
          self->line_start = FALSE;

          if (strchr ("#-+=>~|", c) != NULL)
            {
              g_string_append_c (inl, '\\');
              g_string_append_c (inl, c);
              continue;
            }

          if (g_ascii_isdigit (c))
            {
              gsize end = i;

              while (end < len && g_ascii_isdigit (text[end]))
                end++;
              if (end < len && (text[end] == '.' || text[end] == ')'))
                {
                  g_string_append_len (inl, text + i, end - i);
                  g_string_append_c (inl, '\\');
                  g_string_append_c (inl, text[end]);
                  i = end;
                  continue;
                }
            }
        }

      if (strchr ("\\`*_[]<&", c) != NULL || (c == '#' && self->heading_level > 0))
        g_string_append_c (inl, '\\');
      g_string_append_c (inl, c);
    }
}

/* Before anything is added to the inline text: a closing delimiter that
 * a word would follow is not one, so that span loses its delimiters. */
static void
check_close_pending (Normalizer *self,
                     const char *next,
                     gsize       len)
{
  if (!self->close_pending)
    return;

  self->close_pending = FALSE;

  if (class_at (next, len, 0) != CHAR_WORD)
    return;

  g_string_erase (self->inl, self->close_at, self->close_len);
  g_string_erase (self->inl, self->close_open_at, self->close_open_len);
  self->last_close_end = G_MAXSIZE;
}

static void
add_text (Normalizer *self,
          const char *text,
          gsize       len)
{
  gsize i = 0;

  /* What the line start would skip cannot follow a delimiter. */
  while (self->line_start && i < len && _viva_bank_is_blank (text[i]))
    i++;
  if (i == len)
    return;

  /* "**Answer**:": the colon outside the dropped marker. */
  if (self->skip_colon)
    {
      self->skip_colon = FALSE;
      if (text[i] == ':')
        {
          i++;
          while (i < len && _viva_bank_is_blank (text[i]))
            i++;
          if (i == len)
            return;
        }
    }

  check_close_pending (self, text + i, len - i);
  append_escaped (self, text + i, len - i);
}

static gboolean
starts_like_label (const char *text,
                   gsize       len)
{
  static const char * const words[] = { "question", "answer", "notes" };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      gsize n = strlen (words[i]);

      if (len >= n && g_ascii_strncasecmp (text, words[i], n) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Writes a span's delimiters around what was written since it opened,
 * when Markdown will read them back as this span; otherwise the text
 * stays plain. */
static void
finish_span (Normalizer     *self,
             const OpenSpan *span)
{
  GString *inl = self->inl;
  const char *delimiter = span->kind == MD_SPAN_STRONG ? "**" : "*";
  gsize dlen = strlen (delimiter);
  gsize start = span->position;
  gsize end = inl->len;
  CharClass first, last, before;

  if (start >= end)
    return;

  if (self->skip_marker && start == 0 && span->kind == MD_SPAN_STRONG &&
      g_ascii_strncasecmp (inl->str, "answer", 6) == 0)
    {
      g_string_truncate (inl, 0);
      self->skip_marker = FALSE;
      self->skip_colon = TRUE;
      self->line_start = TRUE;
      self->last_close_end = G_MAXSIZE;
      return;
    }

  /* An opening "**Question" would read as a question's label. */
  if (start == 0 && span->kind == MD_SPAN_STRONG &&
      starts_like_label (inl->str, inl->len))
    return;

  /* Delimiters next to another span's would merge with them. */
  if (start == self->last_close_end)
    return;

  first = class_at (inl->str, end, start);
  last = class_before (inl->str, end);
  before = class_before (inl->str, start);

  if (first == CHAR_SPACE || last == CHAR_SPACE)
    return;
  if (first == CHAR_PUNCT && before == CHAR_WORD)
    return;

  /* The previous span's pending check is about what follows it, and
   * that is now this span's closing delimiter or its content. */
  self->close_pending = FALSE;

  g_string_insert (inl, start, delimiter);
  g_string_append (inl, delimiter);
  self->last_close_end = inl->len;

  if (last == CHAR_PUNCT)
    {
      self->close_pending = TRUE;
      self->close_open_at = start;
      self->close_open_len = dlen;
      self->close_at = inl->len - dlen;
      self->close_len = dlen;
    }
}

static void
finish_code_span (Normalizer *self)
{
  GString *code = self->code;
  GString *inl = self->inl;
  guint longest = 0;
  guint run = 0;
  gboolean all_spaces = TRUE;
  gboolean pad;

  if (code->len == 0)
    return;

  for (gsize i = 0; i < code->len; i++)
    {
      if (code->str[i] == '`')
        {
          run++;
          longest = MAX (longest, run);
        }
      else
        run = 0;
      if (code->str[i] != ' ')
        all_spaces = FALSE;
    }

  pad = code->str[0] == '`' || code->str[code->len - 1] == '`' ||
        (!all_spaces && code->str[0] == ' ' && code->str[code->len - 1] == ' ');

  check_close_pending (self, "`", 1);
  self->line_start = FALSE;
  self->skip_colon = FALSE;

  for (guint i = 0; i <= longest; i++)
    g_string_append_c (inl, '`');
  if (pad)
    g_string_append_c (inl, ' ');
  g_string_append_len (inl, code->str, code->len);
  if (pad)
    g_string_append_c (inl, ' ');
  for (guint i = 0; i <= longest; i++)
    g_string_append_c (inl, '`');

  g_string_truncate (code, 0);
}

static void
start_inline (Normalizer *self,
              guint       heading_level)
{
  self->in_inline = TRUE;
  self->heading_level = heading_level;
  self->line_start = TRUE;
  self->close_pending = FALSE;
  self->last_close_end = G_MAXSIZE;
  self->code_span_depth = 0;
  self->image_depth = 0;
  g_string_truncate (self->inl, 0);
  g_string_truncate (self->code, 0);
  g_array_set_size (self->open_spans, 0);
}

static gboolean
is_anchor_line (const char *text)
{
  gsize len = strlen (text);

  return len >= 3 && text[0] == '{' && text[1] == '#' && text[len - 1] == '}' &&
         strpbrk (text, " \n") == NULL;
}

/* Writes the paragraph or heading read so far as a block, unless
 * nothing is left of it. */
static void
flush_inline (Normalizer *self)
{
  GString *inl = self->inl;
  guint level = self->heading_level;

  if (!self->in_inline)
    return;

  self->in_inline = FALSE;

  /* Only the first paragraph can open with the marker. */
  if (self->heading_level > 0)
    self->skip_marker = FALSE;

  if (self->code_span_depth > 0)
    {
      self->code_span_depth = 0;
      finish_code_span (self);
    }

  for (guint i = self->open_spans->len; i > 0; i--)
    finish_span (self, &g_array_index (self->open_spans, OpenSpan, i - 1));
  g_array_set_size (self->open_spans, 0);
  self->skip_marker = FALSE;
  self->skip_colon = FALSE;

  /* No white space or hard break at the end. */
  for (;;)
    {
      if (inl->len > 0 && (inl->str[inl->len - 1] == ' ' || inl->str[inl->len - 1] == '\n'))
        {
          gboolean hard_break = inl->str[inl->len - 1] == '\n';

          g_string_truncate (inl, inl->len - 1);
          if (hard_break && inl->len > 0 && inl->str[inl->len - 1] == '\\')
            g_string_truncate (inl, inl->len - 1);
          continue;
        }
      break;
    }

  if (inl->len == 0 || (level == 0 && is_anchor_line (inl->str)))
    return;

  begin_block (self);

  if (level > 0)
    {
      int shifted = CLAMP ((int)level + self->heading_shift, 4, 6);

      for (int i = 0; i < shifted; i++)
        g_string_append_c (self->out, '#');
      g_string_append_c (self->out, ' ');
    }

  for (gsize i = 0; i < inl->len; i++)
    {
      g_string_append_c (self->out, inl->str[i]);
      if (inl->str[i] == '\n')
        write_prefix (self, self->boxes->len);
    }

  g_string_append_c (self->out, '\n');
  end_block (self);
}

static void
flush_code_block (Normalizer *self)
{
  GString *code = self->code;
  guint longest = 0;
  guint run = 0;
  gboolean blank = TRUE;
  gsize line;

  self->in_code_block = FALSE;

  for (gsize i = 0; i < code->len; i++)
    {
      char c = code->str[i];

      if (c == '`')
        {
          run++;
          longest = MAX (longest, run);
        }
      else
        run = 0;
      if (!_viva_bank_is_blank (c))
        blank = FALSE;
    }

  if (blank)
    {
      g_string_truncate (code, 0);
      g_clear_pointer (&self->code_language, g_free);
      return;
    }

  if (code->str[code->len - 1] != '\n')
    g_string_append_c (code, '\n');

  longest = MAX (longest + 1, 3);

  begin_block (self);
  for (guint i = 0; i < longest; i++)
    g_string_append_c (self->out, '`');
  if (self->code_language != NULL)
    g_string_append (self->out, self->code_language);
  g_string_append_c (self->out, '\n');

  line = 0;
  for (gsize i = 0; i < code->len; i++)
    {
      if (code->str[i] != '\n')
        continue;
      if (i == line)
        write_blank_line (self, self->boxes->len);
      else
        {
          write_prefix (self, self->boxes->len);
          g_string_append_len (self->out, code->str + line, i - line + 1);
        }
      line = i + 1;
    }

  write_prefix (self, self->boxes->len);
  for (guint i = 0; i < longest; i++)
    g_string_append_c (self->out, '`');
  g_string_append_c (self->out, '\n');

  g_string_truncate (code, 0);
  g_clear_pointer (&self->code_language, g_free);
  end_block (self);
}

/* The first word of a fence's info, made of characters that cannot
 * reshape anything: "python", "c++", "objective-c". */
static char *
dup_language (const MD_ATTRIBUTE *lang)
{
  GString *word = g_string_new (NULL);

  for (MD_SIZE i = 0; lang != NULL && lang->text != NULL && i < lang->size && word->len < 32; i++)
    {
      char c = lang->text[i];

      if (g_ascii_isalnum (c) || strchr ("_+.#-", c) != NULL)
        g_string_append_c (word, g_ascii_tolower (c));
      else
        break;
    }

  if (word->len == 0)
    {
      g_string_free (word, TRUE);
      return NULL;
    }

  return g_string_free (word, FALSE);
}

static void
push_box (Normalizer *self,
          Box         box)
{
  g_array_append_val (self->boxes, box);
}

static int
normalize_enter_block (MD_BLOCKTYPE  type,
                       void         *detail,
                       void         *user_data)
{
  Normalizer *self = user_data;
  gboolean pushed = FALSE;

  if (self->cut)
    return 1;

  /* Text directly in a tight list item ends where a block starts. */
  flush_inline (self);
  if (self->cut)
    return 1;

  if (type != MD_BLOCK_DOC && type != MD_BLOCK_P)
    self->skip_marker = FALSE;

  switch (type)
    {
    case MD_BLOCK_QUOTE:
      if (box_depth (self) < VIVA_ANSWER_MAX_DEPTH)
        {
          push_box (self, (Box) { .kind = BOX_QUOTE });
          pushed = TRUE;
        }
      break;

    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      if (box_depth (self) < VIVA_ANSWER_MAX_DEPTH)
        {
          Box *parent = top_box (self);
          Box list = { .kind = BOX_LIST };

          list.ordered = type == MD_BLOCK_OL;
          list.delimiter = list.ordered ? '.' : '-';
          list.next_number = 1;
          if (list.ordered && detail != NULL)
            list.next_number = ((MD_BLOCK_OL_DETAIL *)detail)->start;
          if (parent->last_was_list && parent->last_ordered == list.ordered &&
              parent->last_delimiter == list.delimiter)
            list.delimiter = list.ordered ? ')' : '*';

          push_box (self, list);
          pushed = TRUE;
        }
      break;

    case MD_BLOCK_LI:
      if (top_box (self)->kind == BOX_LIST)
        {
          push_box (self, (Box) { .kind = BOX_ITEM, .marker_pending = TRUE });
          pushed = TRUE;
        }
      else if (top_box (self)->kind == BOX_ITEM)
        {
          /* Deeper than the cap: a new item of the deepest list. */
          Box *item = top_box (self);

          if (item->has_content)
            {
              item->marker_pending = TRUE;
              item->has_content = FALSE;
              item->last_was_list = FALSE;
            }
        }
      break;

    case MD_BLOCK_H:
      start_inline (self, detail != NULL ? CLAMP (((MD_BLOCK_H_DETAIL *)detail)->level, 1, 6) : 6);
      break;

    case MD_BLOCK_P:
      start_inline (self, 0);
      break;

    case MD_BLOCK_CODE:
      self->in_code_block = TRUE;
      g_string_truncate (self->code, 0);
      g_clear_pointer (&self->code_language, g_free);
      if (detail != NULL)
        self->code_language = dup_language (&((MD_BLOCK_CODE_DETAIL *)detail)->lang);
      break;

    case MD_BLOCK_DOC:
    case MD_BLOCK_HR:
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

  if (type == MD_BLOCK_QUOTE || type == MD_BLOCK_UL || type == MD_BLOCK_OL || type == MD_BLOCK_LI)
    g_byte_array_append (self->pushed, (const guint8 *)&pushed, 1);

  return 0;
}

static int
normalize_leave_block (MD_BLOCKTYPE  type,
                       void         *detail,
                       void         *user_data)
{
  Normalizer *self = user_data;

  if (self->cut)
    return 1;

  switch (type)
    {
    case MD_BLOCK_QUOTE:
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
    case MD_BLOCK_LI:
      flush_inline (self);
      if (self->pushed->len > 0)
        {
          gboolean pushed = self->pushed->data[self->pushed->len - 1];

          g_byte_array_set_size (self->pushed, self->pushed->len - 1);
          if (pushed && self->boxes->len > 1)
            {
              g_array_set_size (self->boxes, self->boxes->len - 1);
              if (self->boxes->len == 1 && !self->cut)
                self->last_top_end = self->out->len;
            }
        }
      break;

    case MD_BLOCK_H:
    case MD_BLOCK_P:
      flush_inline (self);
      break;

    case MD_BLOCK_CODE:
      if (self->in_code_block)
        flush_code_block (self);
      break;

    case MD_BLOCK_DOC:
    case MD_BLOCK_HR:
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

  return self->cut ? 1 : 0;
}

static int
normalize_enter_span (MD_SPANTYPE  type,
                      void        *detail,
                      void        *user_data)
{
  Normalizer *self = user_data;

  /* A span can open the text of a tight list item. */
  if (!self->in_inline && top_box (self)->kind == BOX_ITEM)
    start_inline (self, 0);

  if (!self->in_inline)
    return 0;

  switch (type)
    {
    case MD_SPAN_CODE:
      if (self->image_depth == 0 && self->code_span_depth++ == 0)
        g_string_truncate (self->code, 0);
      break;

    case MD_SPAN_IMG:
      self->image_depth++;
      break;

    case MD_SPAN_EM:
    case MD_SPAN_STRONG:
      if (self->image_depth == 0 && self->code_span_depth == 0)
        {
          OpenSpan span = { type, self->inl->len };

          g_array_append_val (self->open_spans, span);
        }
      break;

    case MD_SPAN_A:
    case MD_SPAN_DEL:
    case MD_SPAN_LATEXMATH:
    case MD_SPAN_LATEXMATH_DISPLAY:
    case MD_SPAN_WIKILINK:
    case MD_SPAN_U:
    default:
      break;
    }

  return 0;
}

static int
normalize_leave_span (MD_SPANTYPE  type,
                      void        *detail,
                      void        *user_data)
{
  Normalizer *self = user_data;

  if (!self->in_inline)
    return 0;

  switch (type)
    {
    case MD_SPAN_CODE:
      if (self->code_span_depth > 0 && --self->code_span_depth == 0)
        finish_code_span (self);
      break;

    case MD_SPAN_IMG:
      if (self->image_depth > 0)
        self->image_depth--;
      break;

    case MD_SPAN_EM:
    case MD_SPAN_STRONG:
      if (self->image_depth > 0 || self->code_span_depth > 0)
        break;
      /* The innermost open span of this kind ends, and with it any
       * opened inside it; leaving a span never entered does nothing. */
      for (guint depth = self->open_spans->len; depth > 0; depth--)
        {
          if (g_array_index (self->open_spans, OpenSpan, depth - 1).kind == (int)type)
            {
              for (guint i = self->open_spans->len; i >= depth; i--)
                finish_span (self, &g_array_index (self->open_spans, OpenSpan, i - 1));
              g_array_set_size (self->open_spans, depth - 1);
              break;
            }
        }
      break;

    case MD_SPAN_A:
    case MD_SPAN_DEL:
    case MD_SPAN_LATEXMATH:
    case MD_SPAN_LATEXMATH_DISPLAY:
    case MD_SPAN_WIKILINK:
    case MD_SPAN_U:
    default:
      break;
    }

  return 0;
}

static int
normalize_text (MD_TEXTTYPE  type,
                const char  *text,
                MD_SIZE      size,
                void        *user_data)
{
  Normalizer *self = user_data;

  if (self->cut)
    return 1;

  if (self->in_code_block)
    {
      if (type == MD_TEXT_NULLCHAR)
        g_string_append (self->code, "\xef\xbf\xbd");
      else
        g_string_append_len (self->code, text, size);
      return 0;
    }

  if (type == MD_TEXT_HTML)
    return 0;

  /* Text directly in a list item, without a paragraph: a tight list. */
  if (!self->in_inline)
    {
      Box *box = top_box (self);

      if (box->kind != BOX_ITEM)
        return 0;
      start_inline (self, 0);
    }

  if (self->image_depth > 0)
    return 0;

  if (self->code_span_depth > 0)
    {
      if (type == MD_TEXT_NULLCHAR)
        g_string_append (self->code, "\xef\xbf\xbd");
      else if (type == MD_TEXT_SOFTBR || type == MD_TEXT_BR)
        g_string_append_c (self->code, ' ');
      else
        _viva_bank_append_md_text (self->code, type, text, size, TRUE);
      return 0;
    }

  switch (type)
    {
    case MD_TEXT_SOFTBR:
      add_text (self, " ", 1);
      break;

    case MD_TEXT_BR:
      if (self->heading_level > 0)
        add_text (self, " ", 1);
      else if (!self->line_start)
        {
          while (self->inl->len > 0 && self->inl->str[self->inl->len - 1] == ' ')
            g_string_truncate (self->inl, self->inl->len - 1);
          check_close_pending (self, "\\", 1);
          g_string_append (self->inl, "\\\n");
          self->line_start = TRUE;
        }
      break;

    case MD_TEXT_NORMAL:
    case MD_TEXT_ENTITY:
    case MD_TEXT_NULLCHAR:
    case MD_TEXT_CODE:
    case MD_TEXT_HTML:
    case MD_TEXT_LATEXMATH:
    default:
      /* Only entities need decoding; white space and control
       * characters are dealt with by append_escaped(), which sees the
       * text before it (the bank parser's appender would drop a space
       * that opens a run). */
      if (type == MD_TEXT_NORMAL || type == MD_TEXT_CODE || type == MD_TEXT_LATEXMATH)
        add_text (self, text, size);
      else
        {
          g_string_truncate (self->plain, 0);
          _viva_bank_append_md_text (self->plain, type, text, size, FALSE);
          add_text (self, self->plain->str, self->plain->len);
        }
      break;
    }

  return 0;
}

static void
normalize_pass (Normalizer *self,
                const char *text,
                gsize       len)
{
  static const MD_PARSER md_parser = {
    .abi_version = 0,
    .flags = MD_DIALECT_COMMONMARK,
    .enter_block = normalize_enter_block,
    .leave_block = normalize_leave_block,
    .enter_span = normalize_enter_span,
    .leave_span = normalize_leave_span,
    .text = normalize_text,
  };

  g_string_truncate (self->out, 0);
  g_array_set_size (self->boxes, 0);
  push_box (self, (Box) { .kind = BOX_ROOT });
  g_byte_array_set_size (self->pushed, 0);
  self->in_inline = FALSE;
  self->in_code_block = FALSE;
  self->last_top_end = 0;
  self->cut = FALSE;

  parse_markdown (text, len, &md_parser, self);

  /* What md4c left open. */
  if (!self->cut)
    flush_inline (self);
  if (!self->cut && self->in_code_block)
    flush_code_block (self);
}

static int
scan_headings (MD_BLOCKTYPE  type,
               void         *detail,
               void         *user_data)
{
  Normalizer *self = user_data;

  if (type == MD_BLOCK_H && detail != NULL)
    self->min_heading = MIN (self->min_heading, ((MD_BLOCK_H_DETAIL *)detail)->level);

  return 0;
}

static int
ignore_block (MD_BLOCKTYPE  type,
              void         *detail,
              void         *user_data)
{
  return 0;
}

static int
ignore_span (MD_SPANTYPE  type,
             void        *detail,
             void        *user_data)
{
  return 0;
}

static int
ignore_text (MD_TEXTTYPE  type,
             const char  *text,
             MD_SIZE      size,
             void        *user_data)
{
  return 0;
}

static char *
normalize (const char *markdown,
           gsize       len,
           gboolean    skip_marker)
{
  static const MD_PARSER heading_scanner = {
    .abi_version = 0,
    .flags = MD_DIALECT_COMMONMARK,
    .enter_block = scan_headings,
    .leave_block = ignore_block,
    .enter_span = ignore_span,
    .leave_span = ignore_span,
    .text = ignore_text,
  };
  Normalizer self = { 0 };
  g_autofree char *copy = NULL;
  char *result = NULL;

  if (len == 0)
    return NULL;

  copy = g_malloc (len + 1);
  memcpy (copy, markdown, len);
  copy[len] = '\0';

  /* Invalid UTF-8 would end up in Pango markup and GtkTextBuffers that
   * refuse it; a bank's answer is already valid, imported text may not. */
  if (!g_utf8_validate_len (copy, len, NULL))
    {
      char *valid = g_utf8_make_valid (copy, len);

      g_free (copy);
      copy = valid;
      len = strlen (copy);
    }

  /* Headings keep their relative depth from level 4 down: that needs the
   * shallowest one first, which only a fragment with a "#" or a setext
   * underline can have. */
  self.min_heading = 6;
  if (memchr (copy, '#', len) != NULL || memchr (copy, '=', len) != NULL || memchr (copy, '-', len) != NULL)
    parse_markdown (copy, len, &heading_scanner, &self);
  self.heading_shift = self.min_heading < 4 ? 4 - (int)self.min_heading : 0;

  self.out = g_string_sized_new (MIN (len + 16, VIVA_ANSWER_MAX_SIZE));
  self.boxes = g_array_new (FALSE, FALSE, sizeof (Box));
  self.pushed = g_byte_array_new ();
  self.inl = g_string_new (NULL);
  self.plain = g_string_new (NULL);
  self.code = g_string_new (NULL);
  self.open_spans = g_array_new (FALSE, FALSE, sizeof (OpenSpan));

  self.skip_marker = skip_marker;
  normalize_pass (&self, copy, len);

  if (self.cut)
    {
      const char *note = _("The rest of this answer was cut: an answer holds at most 1 MiB.");

      g_array_set_size (self.boxes, 1);
      g_array_index (self.boxes, Box, 0) = (Box) { .kind = BOX_ROOT, .has_content = self.out->len > 0 };
      self.cut = FALSE;
      self.uncapped = TRUE;
      start_inline (&self, 0);
      add_text (&self, note, strlen (note));
      flush_inline (&self);
    }

  if (self.out->len > 0)
    result = g_strndup (self.out->str, self.out->len);

  g_string_free (self.out, TRUE);
  g_array_unref (self.boxes);
  g_byte_array_unref (self.pushed);
  g_string_free (self.inl, TRUE);
  g_string_free (self.plain, TRUE);
  g_string_free (self.code, TRUE);
  g_array_unref (self.open_spans);
  g_free (self.code_language);

  return result;
}

char *
viva_answer_normalize (const char *markdown,
                       gsize       len)
{
  g_return_val_if_fail (markdown != NULL || len == 0, NULL);

  return normalize (markdown, len, FALSE);
}

/* For the bank parser: @markdown starts with the paragraph that opens
 * with the "**Answer:**" marker, which is left out. */
char *
_viva_answer_normalize_marked (const char *markdown,
                               gsize       len)
{
  g_return_val_if_fail (markdown != NULL || len == 0, NULL);

  return normalize (markdown, len, TRUE);
}

/* Reading blocks */

typedef enum
{
  READ_QUOTE,
  READ_LIST,
  READ_ITEM,
} ReadBoxKind;

typedef struct
{
  ReadBoxKind kind;
  gboolean    ordered;
  guint       next_number;
  /* READ_ITEM: its number, and whether its first paragraph was read. */
  guint       ordinal;
  gboolean    started;
} ReadBox;

typedef enum
{
  TAG_TT,
  TAG_I,
  TAG_B,
} Tag;

static const char * const tag_open[] = { "<tt>", "<i>", "<b>" };
static const char * const tag_close[] = { "</tt>", "</i>", "</b>" };

typedef struct
{
  GPtrArray *blocks;
  GArray    *boxes;

  gboolean   in_inline;
  guint      heading_level;
  GString   *text;
  GString   *markup;
  GArray    *tags;
  guint      code_span_depth;
  guint      image_depth;

  gboolean   in_code_block;
  char      *code_language;
  GString   *code;
} Reader;

void
viva_answer_block_free (VivaAnswerBlock *block)
{
  if (block == NULL)
    return;

  g_free (block->text);
  g_free (block->markup);
  g_free (block->language);
  g_free (block);
}

/* Lists and quotes around the block being read, capped. */
static guint
reader_nesting (Reader *self)
{
  guint depth = 0;

  for (guint i = 0; i < self->boxes->len; i++)
    {
      ReadBoxKind kind = g_array_index (self->boxes, ReadBox, i).kind;

      if (kind == READ_QUOTE || kind == READ_LIST)
        depth++;
    }

  return MIN (depth, VIVA_ANSWER_MAX_DEPTH);
}

static ReadBox *
reader_top (Reader *self)
{
  if (self->boxes->len == 0)
    return NULL;
  return &g_array_index (self->boxes, ReadBox, self->boxes->len - 1);
}

static void
reader_start_inline (Reader *self,
                     guint   heading_level)
{
  self->in_inline = TRUE;
  self->heading_level = heading_level;
  self->code_span_depth = 0;
  self->image_depth = 0;
  g_string_truncate (self->text, 0);
  g_string_truncate (self->markup, 0);
  g_array_set_size (self->tags, 0);
}

static void
reader_flush_inline (Reader *self)
{
  VivaAnswerBlock *block;
  ReadBox *top;
  guint nesting;

  if (!self->in_inline)
    return;

  self->in_inline = FALSE;

  for (guint i = self->tags->len; i > 0; i--)
    g_string_append (self->markup, tag_close[g_array_index (self->tags, Tag, i - 1)]);
  g_array_set_size (self->tags, 0);

  while (self->text->len > 0 && _viva_bank_is_blank (self->text->str[self->text->len - 1]))
    g_string_truncate (self->text, self->text->len - 1);
  if (self->text->len == 0)
    return;

  block = g_new0 (VivaAnswerBlock, 1);
  block->text = g_strndup (self->text->str, self->text->len);
  block->markup = g_strndup (self->markup->str, self->markup->len);

  top = reader_top (self);
  nesting = reader_nesting (self);

  if (self->heading_level > 0)
    {
      block->kind = VIVA_ANSWER_BLOCK_HEADING;
      block->ordinal = self->heading_level;
      block->depth = nesting;
    }
  else if (top != NULL && top->kind == READ_ITEM && !top->started)
    {
      block->kind = VIVA_ANSWER_BLOCK_LIST_ITEM;
      block->ordinal = top->ordinal;
      block->depth = nesting > 0 ? nesting - 1 : 0;
      top->started = TRUE;
    }
  else if (top != NULL && top->kind == READ_QUOTE)
    {
      block->kind = VIVA_ANSWER_BLOCK_QUOTE;
      block->depth = nesting > 0 ? nesting - 1 : 0;
    }
  else
    {
      block->kind = VIVA_ANSWER_BLOCK_PARAGRAPH;
      block->depth = nesting;
    }

  g_ptr_array_add (self->blocks, block);
}

static const char *
language_for_info (const char *info)
{
  static const char * const python[] = { "python", "py", "python3", "py3", "pycon" };

  if (info == NULL)
    return "python";

  for (guint i = 0; i < G_N_ELEMENTS (python); i++)
    if (g_ascii_strcasecmp (info, python[i]) == 0)
      return "python";

  return info;
}

static void
reader_flush_code (Reader *self)
{
  VivaAnswerBlock *block;

  self->in_code_block = FALSE;

  if (self->code->len > 0 && self->code->str[self->code->len - 1] == '\n')
    g_string_truncate (self->code, self->code->len - 1);

  block = g_new0 (VivaAnswerBlock, 1);
  block->kind = VIVA_ANSWER_BLOCK_CODE;
  block->depth = reader_nesting (self);
  block->text = g_strndup (self->code->str, self->code->len);
  block->language = g_strdup (language_for_info (self->code_language));
  g_ptr_array_add (self->blocks, block);

  g_string_truncate (self->code, 0);
  g_clear_pointer (&self->code_language, g_free);
}

static int
read_enter_block (MD_BLOCKTYPE  type,
                  void         *detail,
                  void         *user_data)
{
  Reader *self = user_data;
  ReadBox box = { 0 };

  reader_flush_inline (self);

  switch (type)
    {
    case MD_BLOCK_QUOTE:
      box.kind = READ_QUOTE;
      g_array_append_val (self->boxes, box);
      break;

    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      box.kind = READ_LIST;
      box.ordered = type == MD_BLOCK_OL;
      box.next_number = 1;
      if (box.ordered && detail != NULL)
        box.next_number = ((MD_BLOCK_OL_DETAIL *)detail)->start;
      g_array_append_val (self->boxes, box);
      break;

    case MD_BLOCK_LI:
      {
        ReadBox *list = reader_top (self);

        box.kind = READ_ITEM;
        if (list != NULL && list->kind == READ_LIST && list->ordered)
          box.ordinal = list->next_number++;
        g_array_append_val (self->boxes, box);
      }
      break;

    case MD_BLOCK_H:
      reader_start_inline (self, detail != NULL ? CLAMP (((MD_BLOCK_H_DETAIL *)detail)->level, 1, 6) : 6);
      break;

    case MD_BLOCK_P:
      reader_start_inline (self, 0);
      break;

    case MD_BLOCK_CODE:
      self->in_code_block = TRUE;
      g_string_truncate (self->code, 0);
      g_clear_pointer (&self->code_language, g_free);
      if (detail != NULL)
        self->code_language = dup_language (&((MD_BLOCK_CODE_DETAIL *)detail)->lang);
      break;

    case MD_BLOCK_DOC:
    case MD_BLOCK_HR:
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
read_leave_block (MD_BLOCKTYPE  type,
                  void         *detail,
                  void         *user_data)
{
  Reader *self = user_data;

  switch (type)
    {
    case MD_BLOCK_QUOTE:
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
    case MD_BLOCK_LI:
      reader_flush_inline (self);
      if (self->boxes->len > 0)
        g_array_set_size (self->boxes, self->boxes->len - 1);
      break;

    case MD_BLOCK_H:
    case MD_BLOCK_P:
      reader_flush_inline (self);
      break;

    case MD_BLOCK_CODE:
      if (self->in_code_block)
        reader_flush_code (self);
      break;

    case MD_BLOCK_DOC:
    case MD_BLOCK_HR:
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

static gboolean
tag_for_span (MD_SPANTYPE  type,
              Tag         *tag)
{
  switch (type)
    {
    case MD_SPAN_CODE:
      *tag = TAG_TT;
      return TRUE;

    case MD_SPAN_EM:
      *tag = TAG_I;
      return TRUE;

    case MD_SPAN_STRONG:
      *tag = TAG_B;
      return TRUE;

    case MD_SPAN_A:
    case MD_SPAN_IMG:
    case MD_SPAN_DEL:
    case MD_SPAN_LATEXMATH:
    case MD_SPAN_LATEXMATH_DISPLAY:
    case MD_SPAN_WIKILINK:
    case MD_SPAN_U:
    default:
      return FALSE;
    }
}

static int
read_enter_span (MD_SPANTYPE  type,
                 void        *detail,
                 void        *user_data)
{
  Reader *self = user_data;
  ReadBox *top = reader_top (self);
  Tag tag;

  /* A span can open the text of a tight list item. */
  if (!self->in_inline && top != NULL && top->kind == READ_ITEM)
    reader_start_inline (self, 0);

  if (!self->in_inline)
    return 0;

  if (type == MD_SPAN_IMG)
    self->image_depth++;

  if (self->image_depth > 0 || !tag_for_span (type, &tag))
    return 0;

  if (tag == TAG_TT)
    self->code_span_depth++;

  g_array_append_val (self->tags, tag);
  g_string_append (self->markup, tag_open[tag]);

  return 0;
}

static int
read_leave_span (MD_SPANTYPE  type,
                 void        *detail,
                 void        *user_data)
{
  Reader *self = user_data;
  Tag tag;

  if (!self->in_inline)
    return 0;

  if (type == MD_SPAN_IMG)
    {
      if (self->image_depth > 0)
        self->image_depth--;
      return 0;
    }

  if (self->image_depth > 0 || !tag_for_span (type, &tag))
    return 0;

  /* Close the innermost open tag of this kind, and reopen the tags
   * opened inside it that md4c has not closed: the markup stays
   * well-formed whatever the events. */
  for (guint depth = self->tags->len; depth > 0; depth--)
    {
      if (g_array_index (self->tags, Tag, depth - 1) != tag)
        continue;

      for (guint i = self->tags->len; i >= depth; i--)
        g_string_append (self->markup, tag_close[g_array_index (self->tags, Tag, i - 1)]);
      for (guint i = depth; i < self->tags->len; i++)
        g_string_append (self->markup, tag_open[g_array_index (self->tags, Tag, i)]);
      g_array_remove_index (self->tags, depth - 1);

      if (tag == TAG_TT && self->code_span_depth > 0)
        self->code_span_depth--;
      break;
    }

  return 0;
}

static int
read_text (MD_TEXTTYPE  type,
           const char  *text,
           MD_SIZE      size,
           void        *user_data)
{
  Reader *self = user_data;
  gsize before;

  if (self->in_code_block)
    {
      if (type == MD_TEXT_NULLCHAR)
        g_string_append (self->code, "\xef\xbf\xbd");
      else
        g_string_append_len (self->code, text, size);
      return 0;
    }

  if (!self->in_inline)
    {
      ReadBox *top = reader_top (self);

      if (top == NULL || top->kind != READ_ITEM || type == MD_TEXT_HTML)
        return 0;
      reader_start_inline (self, 0);
    }

  if (self->image_depth > 0)
    return 0;

  before = self->text->len;
  if (type == MD_TEXT_BR && self->heading_level > 0)
    type = MD_TEXT_SOFTBR;
  _viva_bank_append_md_text (self->text, type, text, size, self->code_span_depth > 0);

  if (self->text->len > before)
    {
      g_autofree char *escaped = g_markup_escape_text (self->text->str + before, self->text->len - before);

      g_string_append (self->markup, escaped);
    }

  return 0;
}

GPtrArray *
viva_answer_parse_blocks (const char *answer)
{
  static const MD_PARSER md_parser = {
    .abi_version = 0,
    .flags = MD_DIALECT_COMMONMARK,
    .enter_block = read_enter_block,
    .leave_block = read_leave_block,
    .enter_span = read_enter_span,
    .leave_span = read_leave_span,
    .text = read_text,
  };
  Reader self = { 0 };
  g_autofree char *valid = NULL;
  gsize len;

  self.blocks = g_ptr_array_new_with_free_func ((GDestroyNotify)viva_answer_block_free);

  if (answer == NULL || answer[0] == '\0')
    return self.blocks;

  len = strlen (answer);
  if (!g_utf8_validate_len (answer, len, NULL))
    {
      valid = g_utf8_make_valid (answer, len);
      answer = valid;
      len = strlen (answer);
    }

  self.boxes = g_array_new (FALSE, FALSE, sizeof (ReadBox));
  self.text = g_string_new (NULL);
  self.markup = g_string_new (NULL);
  self.tags = g_array_new (FALSE, FALSE, sizeof (Tag));
  self.code = g_string_new (NULL);

  parse_markdown (answer, len, &md_parser, &self);

  reader_flush_inline (&self);
  if (self.in_code_block)
    reader_flush_code (&self);

  g_array_unref (self.boxes);
  g_string_free (self.text, TRUE);
  g_string_free (self.markup, TRUE);
  g_array_unref (self.tags);
  g_string_free (self.code, TRUE);
  g_free (self.code_language);

  return self.blocks;
}

/* HTML and plain text */

/* Pango markup of a block to HTML: the text is escaped already, only
 * the tags differ; a hard break becomes <br>, a tab a character
 * reference, so no raw tab or newline is left. */
static void
append_markup_as_html (GString    *html,
                       const char *markup)
{
  for (const char *p = markup; *p != '\0'; p++)
    {
      if (g_str_has_prefix (p, "<tt>"))
        {
          g_string_append (html, "<code>");
          p += 3;
        }
      else if (g_str_has_prefix (p, "</tt>"))
        {
          g_string_append (html, "</code>");
          p += 4;
        }
      else if (*p == '\n')
        g_string_append (html, "<br>");
      else if (*p == '\t')
        g_string_append (html, "&#9;");
      else if (*p == '\r')
        continue;
      else
        g_string_append_c (html, *p);
    }
}

static void
append_code_as_html (GString    *html,
                     const char *code)
{
  g_autofree char *escaped = g_markup_escape_text (code, -1);

  g_string_append (html, "<pre><code>");
  for (const char *p = escaped; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_string_append (html, "<br>");
      else if (*p == '\t')
        g_string_append (html, "&#9;");
      else if (*p != '\r')
        g_string_append_c (html, *p);
    }
  g_string_append (html, "</code></pre>");
}

char *
viva_answer_to_html (const char *answer)
{
  g_autoptr(GPtrArray) blocks = viva_answer_parse_blocks (answer);
  g_autoptr(GArray) lists = g_array_new (FALSE, FALSE, sizeof (gboolean));
  GString *html = g_string_new (NULL);

  for (guint i = 0; i < blocks->len; i++)
    {
      const VivaAnswerBlock *block = g_ptr_array_index (blocks, i);
      guint keep = block->kind == VIVA_ANSWER_BLOCK_LIST_ITEM ? block->depth + 1 : block->depth;
      gboolean ordered = block->ordinal > 0;

      /* Close the lists this block is not in. */
      while (lists->len > keep)
        {
          g_string_append (html, g_array_index (lists, gboolean, lists->len - 1) ? "</li></ol>" : "</li></ul>");
          g_array_set_size (lists, lists->len - 1);
        }

      if (block->kind == VIVA_ANSWER_BLOCK_LIST_ITEM)
        {
          if (lists->len == keep && g_array_index (lists, gboolean, keep - 1) != ordered)
            {
              g_string_append (html, ordered ? "</li></ul>" : "</li></ol>");
              g_array_set_size (lists, keep - 1);
            }
          else if (lists->len == keep)
            g_string_append (html, "</li>");

          /* A list nested deeper than the one around it (a capped or
           * unusual input) gets bullets for the levels in between. */
          while (lists->len < keep)
            {
              gboolean level_ordered = lists->len + 1 == keep && ordered;

              if (level_ordered && block->ordinal != 1)
                g_string_append_printf (html, "<ol start=\"%u\">", block->ordinal);
              else
                g_string_append (html, level_ordered ? "<ol>" : "<ul>");
              g_array_append_val (lists, level_ordered);
              if (lists->len < keep)
                g_string_append (html, "<li>");
            }

          g_string_append (html, "<li>");
          append_markup_as_html (html, block->markup);
          continue;
        }

      switch (block->kind)
        {
        case VIVA_ANSWER_BLOCK_HEADING:
          g_string_append_printf (html, "<h%u>", CLAMP (block->ordinal, 4, 6));
          append_markup_as_html (html, block->markup);
          g_string_append_printf (html, "</h%u>", CLAMP (block->ordinal, 4, 6));
          break;

        case VIVA_ANSWER_BLOCK_CODE:
          append_code_as_html (html, block->text);
          break;

        case VIVA_ANSWER_BLOCK_QUOTE:
          g_string_append (html, "<blockquote><p>");
          append_markup_as_html (html, block->markup);
          g_string_append (html, "</p></blockquote>");
          break;

        case VIVA_ANSWER_BLOCK_PARAGRAPH:
        case VIVA_ANSWER_BLOCK_LIST_ITEM:
        default:
          g_string_append (html, "<p>");
          append_markup_as_html (html, block->markup);
          g_string_append (html, "</p>");
          break;
        }
    }

  while (lists->len > 0)
    {
      g_string_append (html, g_array_index (lists, gboolean, lists->len - 1) ? "</li></ol>" : "</li></ul>");
      g_array_set_size (lists, lists->len - 1);
    }

  return g_string_free (html, FALSE);
}

char *
viva_answer_to_plain_text (const char *answer)
{
  g_autoptr(GPtrArray) blocks = viva_answer_parse_blocks (answer);
  GString *plain = g_string_new (NULL);

  for (guint i = 0; i < blocks->len; i++)
    {
      const VivaAnswerBlock *block = g_ptr_array_index (blocks, i);
      const VivaAnswerBlock *previous = i > 0 ? g_ptr_array_index (blocks, i - 1) : NULL;
      guint indent = block->kind == VIVA_ANSWER_BLOCK_QUOTE ? 0 : block->depth;

      if (previous != NULL)
        g_string_append (plain, previous->kind == VIVA_ANSWER_BLOCK_LIST_ITEM &&
                                block->kind == VIVA_ANSWER_BLOCK_LIST_ITEM ? "\n" : "\n\n");

      for (guint j = 0; j < indent; j++)
        g_string_append (plain, "  ");

      if (block->kind == VIVA_ANSWER_BLOCK_LIST_ITEM)
        {
          if (block->ordinal > 0)
            g_string_append_printf (plain, "%u. ", block->ordinal);
          else
            g_string_append (plain, "- ");
        }
      else if (block->kind == VIVA_ANSWER_BLOCK_QUOTE)
        g_string_append (plain, "> ");

      g_string_append (plain, block->text);
    }

  return g_string_free (plain, FALSE);
}
