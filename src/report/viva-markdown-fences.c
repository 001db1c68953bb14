/* viva-markdown-fences.c
 *
 * Fenced code blocks in what a user typed: the interviewer's notes, where
 * the live page's code pad stamps the code it ran between ```python
 * fences. The notes' time stamps, the Markdown report and the PDF report
 * all need to know where such a block begins and ends, so that the
 * stamps never land inside code, the Markdown report keeps the block as
 * code, and the PDF prints it in monospace, line for line.
 *
 * A fence is read as CommonMark reads it (spec 0.30, "Fenced code
 * blocks"): at most three spaces, then three or more backticks or
 * tildes; a backtick fence's info string holds no backtick. The block
 * ends at a line of at most three spaces, at least as many of the same
 * character and nothing else but blanks, or at the end of the text.
 * Typed notes are flat, so fences inside lists or quotes are not looked
 * for.
 *
 * GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-markdown-fences.h"
#include "viva-markdown-writer.h"

static gsize
skip_indent (const char *line,
             gsize       len)
{
  gsize i = 0;

  while (i < len && i < 3 && line[i] == ' ')
    i++;

  return i;
}

static gboolean
is_blank_char (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/**
 * viva_markdown_fence_opens:
 * @line: a line, without its "\n"
 * @len: its length in bytes
 * @out_fence: (out) (optional): the fence it opens
 *
 * Returns: %TRUE when @line opens a fenced code block
 */
gboolean
viva_markdown_fence_opens (const char        *line,
                           gsize              len,
                           VivaMarkdownFence *out_fence)
{
  gsize i = skip_indent (line, len);
  gsize run = 0;
  char marker;

  if (i >= len || (line[i] != '`' && line[i] != '~'))
    return FALSE;

  marker = line[i];
  while (i + run < len && line[i + run] == marker)
    run++;

  if (run < 3)
    return FALSE;

  /* "``` a`b" is inline code, not a fence. */
  if (marker == '`' && memchr (line + i + run, '`', len - i - run) != NULL)
    return FALSE;

  if (out_fence != NULL)
    {
      out_fence->marker = marker;
      out_fence->length = (guint) MIN (run, G_MAXUINT);
    }

  return TRUE;
}

/**
 * viva_markdown_fence_closes:
 * @line: a line, without its "\n"
 * @len: its length in bytes
 * @fence: the fence open above it
 *
 * Returns: %TRUE when @line closes @fence
 */
gboolean
viva_markdown_fence_closes (const char              *line,
                            gsize                    len,
                            const VivaMarkdownFence *fence)
{
  gsize i = skip_indent (line, len);
  gsize run = 0;

  g_return_val_if_fail (fence != NULL, FALSE);

  while (i + run < len && line[i + run] == fence->marker)
    run++;

  if (run < fence->length)
    return FALSE;

  for (gsize j = i + run; j < len; j++)
    {
      if (!is_blank_char (line[j]))
        return FALSE;
    }

  return TRUE;
}

/* The first word of an info string, if it reads as a language name:
 * it goes back into a report's fence, where anything else could do
 * harm, and it is dropped otherwise. */
static void
copy_info (char       *info,
           const char *text,
           gsize       len)
{
  gsize i = 0;
  gsize n = 0;

  info[0] = '\0';

  while (i < len && is_blank_char (text[i]))
    i++;

  while (i + n < len && !is_blank_char (text[i + n]))
    {
      char c = text[i + n];

      if (n >= VIVA_MARKDOWN_INFO_MAX_SIZE ||
          !(g_ascii_isalnum (c) || strchr ("+-._#", c) != NULL))
        return;
      n++;
    }

  memcpy (info, text + i, n);
  info[n] = '\0';
}

static void
push_text (GArray *spans,
           gsize   start,
           gsize   end)
{
  VivaMarkdownSpan span = { 0 };

  if (end <= start)
    return;

  span.start = start;
  span.end = end;
  g_array_append_val (spans, span);
}

/**
 * viva_markdown_split_fences:
 * @text: (nullable): typed Markdown
 *
 * Cuts @text into text and fenced code blocks, which follow each other
 * and cover it from its first byte to its last.
 *
 * Returns: (transfer full) (element-type VivaMarkdownSpan): the spans, in order
 */
GArray *
viva_markdown_split_fences (const char *text)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (VivaMarkdownSpan));
  VivaMarkdownSpan code = { 0 };
  VivaMarkdownFence fence = { 0 };
  gboolean in_fence = FALSE;
  gsize text_start = 0;
  gsize pos = 0;
  gsize total;

  if (text == NULL)
    return spans;

  total = strlen (text);

  while (pos < total)
    {
      const char *nl = memchr (text + pos, '\n', total - pos);
      gsize len = nl != NULL ? (gsize) (nl - (text + pos)) : total - pos;
      gsize next = nl != NULL ? pos + len + 1 : total;

      if (in_fence)
        {
          if (viva_markdown_fence_closes (text + pos, len, &fence))
            {
              code.content_end = pos;
              code.end = next;
              code.closed = TRUE;
              g_array_append_val (spans, code);
              in_fence = FALSE;
              text_start = next;
            }
        }
      else if (viva_markdown_fence_opens (text + pos, len, &fence))
        {
          gsize marker_end = skip_indent (text + pos, len) + fence.length;

          push_text (spans, text_start, pos);
          memset (&code, 0, sizeof code);
          code.code = TRUE;
          code.start = pos;
          code.content_start = next;
          copy_info (code.info, text + pos + marker_end, len - marker_end);
          in_fence = TRUE;
        }

      pos = next;
    }

  if (in_fence)
    {
      /* Unclosed: CommonMark runs it to the end of the document. */
      code.content_end = total;
      code.end = total;
      code.closed = FALSE;
      g_array_append_val (spans, code);
    }
  else
    push_text (spans, text_start, total);

  return spans;
}

/**
 * viva_markdown_dup_span_content:
 * @text: the text @span is of
 * @span: one of its spans
 *
 * Returns: (transfer full): a code block's code, without its fences, or
 *   the text of a text span
 */
char *
viva_markdown_dup_span_content (const char             *text,
                                const VivaMarkdownSpan *span)
{
  g_return_val_if_fail (text != NULL && span != NULL, NULL);

  if (span->code)
    return g_strndup (text + span->content_start, span->content_end - span->content_start);

  return g_strndup (text + span->start, span->end - span->start);
}

/* Text without the blank lines that begin or end it. */
static char *
strip_blank_lines (const char *text)
{
  const char *start = text;
  const char *end = text + strlen (text);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n')
        start = p + 1;
      else if (!is_blank_char (*p))
        break;
    }

  while (end > start && (end[-1] == '\n' || is_blank_char (end[-1])))
    end--;

  return g_strndup (start, end - start);
}

/**
 * viva_markdown_append_typed:
 * @out: the report
 * @typed: what the user typed: notes, a summary
 *
 * Appends @typed so that it keeps its fenced code blocks as code blocks
 * of the report, in their language (```python), and so that nothing else
 * it holds can change the report's structure: the text between the
 * blocks is fenced as text (viva_markdown_append_fenced()). Each fence
 * is made longer than any backtick run inside it, so no line of what was
 * typed can end one early. Blank lines around the blocks are dropped.
 *
 * Returns: %FALSE when @typed is blank and nothing was appended
 */
gboolean
viva_markdown_append_typed (GString    *out,
                            const char *typed)
{
  g_autoptr(GArray) spans = NULL;
  gboolean first = TRUE;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (typed != NULL, FALSE);

  spans = viva_markdown_split_fences (typed);

  for (guint i = 0; i < spans->len; i++)
    {
      const VivaMarkdownSpan *span = &g_array_index (spans, VivaMarkdownSpan, i);
      g_autofree char *content = viva_markdown_dup_span_content (typed, span);

      if (!span->code)
        {
          g_autofree char *stripped = strip_blank_lines (content);

          if (stripped[0] == '\0')
            continue;

          g_free (content);
          content = g_steal_pointer (&stripped);
        }

      if (!first)
        g_string_append_c (out, '\n');
      first = FALSE;

      viva_markdown_append_fenced (out, content, span->code ? span->info : "text");
    }

  return !first;
}
