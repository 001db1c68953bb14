/* viva-code-extract.h
 *
 * A question read as code: what a Python scratchpad should first hold
 * for it (`Given s = "Programming", what is the output of s[1:4]?`
 * gives `s = "Programming"` and `s[1:4]`, one per line), and what kind
 * of question it is (has code, asks what code outputs, asks to write
 * some). GTK-free; no Python is run: whether a piece is Python is
 * decided by a small parser of Python's statement and expression
 * grammar, in C.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "viva-python-syntax.h"
#include "viva-types.h"

G_BEGIN_DECLS

/**
 * VivaCodeQuestionFlags:
 * @VIVA_CODE_QUESTION_NONE: none of the below
 * @VIVA_CODE_QUESTION_HAS_CODE: the question shows code (an inline code
 *   span or a fenced block), Python or not
 * @VIVA_CODE_QUESTION_ASKS_OUTPUT: it asks what some of its Python code
 *   outputs, returns or evaluates to; the scratchpad answers it
 * @VIVA_CODE_QUESTION_ASKS_TO_WRITE: it asks the user to write or
 *   implement something (a function, a class, a loop...)
 */
typedef enum
{
  VIVA_CODE_QUESTION_NONE          = 0,
  VIVA_CODE_QUESTION_HAS_CODE      = 1 << 0,
  VIVA_CODE_QUESTION_ASKS_OUTPUT   = 1 << 1,
  VIVA_CODE_QUESTION_ASKS_TO_WRITE = 1 << 2,
} VivaCodeQuestionFlags;

/**
 * VivaCodePieceKind:
 * @VIVA_CODE_PIECE_PYTHON: Python worth running: goes in the scratchpad
 * @VIVA_CODE_PIECE_BLOCK: a fenced code block (no language, or Python):
 *   goes in as it is
 * @VIVA_CODE_PIECE_MENTION: valid Python that only names something the
 *   text talks about (`print()`, `True`, `k`, `"19.5"`, `[]`): left out
 * @VIVA_CODE_PIECE_NOT_PYTHON: not a Python statement (`**`, `*args`,
 *   `if x:`, a block in another language): left out
 */
typedef enum
{
  VIVA_CODE_PIECE_PYTHON,
  VIVA_CODE_PIECE_BLOCK,
  VIVA_CODE_PIECE_MENTION,
  VIVA_CODE_PIECE_NOT_PYTHON,
} VivaCodePieceKind;

typedef struct
{
  char              *text;
  VivaCodePieceKind  kind;
} VivaCodePiece;

/* A piece longer than this is not something a question quotes inline. */
#define VIVA_CODE_PIECE_MAX_SIZE VIVA_PYTHON_SNIPPET_MAX_SIZE

void                  viva_code_piece_free                    (VivaCodePiece *piece);

gboolean              viva_code_is_python                     (const char    *code);

GPtrArray            *viva_code_extract_pieces_from_markdown  (const char    *markdown);
GPtrArray            *viva_code_extract_pieces_from_question  (VivaQuestion  *question);
char                 *viva_code_extract_from_markdown         (const char    *markdown);
char                 *viva_code_extract_from_question         (VivaQuestion  *question);

VivaCodeQuestionFlags viva_code_classify_markdown             (const char    *markdown);
VivaCodeQuestionFlags viva_code_classify_question             (VivaQuestion  *question);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VivaCodePiece, viva_code_piece_free)

G_END_DECLS
