/* viva-answer.h
 *
 * A question's answer: Markdown that a bank carries after a
 * "**Answer:**" paragraph, or that an import or the question dialog
 * brings. Whatever its source, it is stored in one safe, canonical form
 * (viva_answer_normalize()), and every reader goes through the
 * functions below: blocks for the widgets, HTML for Anki, plain text for
 * CSV and screen readers. GTK-free: GLib and md4c only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Deeper list or quote nesting is flattened to this depth. */
#define VIVA_ANSWER_MAX_DEPTH 8

/* Longest answer kept, in bytes of canonical Markdown: longer ones are
 * cut at a block, with a last paragraph that says so. */
#define VIVA_ANSWER_MAX_SIZE ((gsize) 1024 * 1024)

/* Any Markdown fragment (a bank's answer, imported content, notes) to
 * the one safe form Viva stores and writes: paragraphs, lists ("-" and
 * "1."), fenced code ("```" + info, the fence longer than any backtick
 * run inside), headings only at levels 4-6 (demoted, relative depth
 * kept), block quotes; code, emphasis and strong spans kept, links as
 * their text, raw HTML and images dropped, entities decoded, rules and
 * "{#anchor}" lines dropped; at most VIVA_ANSWER_MAX_SIZE (cut, with a
 * last paragraph saying so). Idempotent. @markdown need not be
 * NUL-terminated (it is copied with a NUL for md4c).
 * NULL when nothing is left. */
char      *viva_answer_normalize     (const char *markdown,
                                      gsize       len);

typedef enum
{
  VIVA_ANSWER_BLOCK_PARAGRAPH,
  VIVA_ANSWER_BLOCK_HEADING,
  VIVA_ANSWER_BLOCK_LIST_ITEM,
  VIVA_ANSWER_BLOCK_CODE,
  VIVA_ANSWER_BLOCK_QUOTE,
} VivaAnswerBlockKind;

typedef struct
{
  VivaAnswerBlockKind kind;
  /* List or quote nesting, 0 at the top. */
  guint  depth;
  /* LIST_ITEM: its number, 0 for a bullet. HEADING: its level, 4-6. */
  guint  ordinal;
  /* Plain text; CODE: the code verbatim, without its last newline. */
  char  *text;
  /* Pango markup, everything escaped, <tt> <i> <b> only; NULL for CODE. */
  char  *markup;
  /* CODE: "python" for no info or python, py, python3, pycon; else the
   * info's first word, lower case. NULL for the other kinds. */
  char  *language;
} VivaAnswerBlock;

void       viva_answer_block_free    (VivaAnswerBlock *block);

/* The blocks of an answer (normalized or not: it is read as Markdown
 * either way), in order. A paragraph inside a list item after its first
 * is a PARAGRAPH at the item's depth; paragraphs inside a quote are
 * QUOTE blocks. (element-type VivaAnswerBlock), free func set; empty for
 * NULL or an empty answer. */
GPtrArray *viva_answer_parse_blocks  (const char *answer);

/* Anki's back: every character escaped; only <p> <ul> <ol> <li> <pre>
 * <code> <b> <i> <br> <blockquote> <h4>-<h6>; lines inside <pre> joined
 * by <br>; no raw tab or newline. "" for NULL. */
char      *viva_answer_to_html       (const char *answer);

/* For CSV and screen readers: blocks separated by a blank line, list
 * items with "- " or "N. ", code as written. "" for NULL. */
char      *viva_answer_to_plain_text (const char *answer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VivaAnswerBlock, viva_answer_block_free)

G_END_DECLS
