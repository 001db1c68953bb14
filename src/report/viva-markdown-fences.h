/* viva-markdown-fences.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest info word kept from a fence ("python"). */
#define VIVA_MARKDOWN_INFO_MAX_SIZE 32

/**
 * VivaMarkdownSpan:
 * @start: its first byte in the text
 * @end: just after its last byte (after the closing fence's line end)
 * @code: %TRUE for a fenced code block, %FALSE for text around them
 * @content_start: a code block's first byte after its opening line
 * @content_end: just after its last line of code, before the closing fence
 * @closed: a code block ends with a closing fence (else at the end of the text)
 * @info: a code block's language: the first word of its info string,
 *   only if made of letters, digits and "+-._#", else ""
 *
 * A piece of typed Markdown: text, or a fenced code block.
 */
typedef struct
{
  gsize    start;
  gsize    end;
  gboolean code;
  gsize    content_start;
  gsize    content_end;
  gboolean closed;
  char     info[VIVA_MARKDOWN_INFO_MAX_SIZE + 1];
} VivaMarkdownSpan;

/**
 * VivaMarkdownFence:
 * @marker: '`' or '~'
 * @length: how many markers, at least 3
 *
 * An open fence, for readers that go line by line.
 */
typedef struct
{
  char  marker;
  guint length;
} VivaMarkdownFence;

gboolean  viva_markdown_fence_opens       (const char              *line,
                                           gsize                    len,
                                           VivaMarkdownFence       *out_fence);
gboolean  viva_markdown_fence_closes      (const char              *line,
                                           gsize                    len,
                                           const VivaMarkdownFence *fence);
GArray   *viva_markdown_split_fences      (const char              *text);
char     *viva_markdown_dup_span_content  (const char              *text,
                                           const VivaMarkdownSpan  *span);
gboolean  viva_markdown_append_typed      (GString                 *out,
                                           const char              *typed);

G_END_DECLS
