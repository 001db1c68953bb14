/* viva-python-syntax.h
 *
 * Whether a line or a few of text is Python, decided in C by a parser of
 * Python's one-line grammar; see viva-python-syntax.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Longer than this is not a snippet a question quotes inline. */
#define VIVA_PYTHON_SNIPPET_MAX_SIZE ((gsize) 4096)

/**
 * VivaPythonVerdict:
 * @VIVA_PYTHON_NOT_PYTHON: compile() would refuse it, or the parser is
 *   not sure it would not
 * @VIVA_PYTHON_MENTION: Python that only names something (`print()`,
 *   `k`, `True`, `"19.5"`, `[]`)
 * @VIVA_PYTHON_CODE: Python worth running
 */
typedef enum
{
  VIVA_PYTHON_NOT_PYTHON,
  VIVA_PYTHON_MENTION,
  VIVA_PYTHON_CODE,
} VivaPythonVerdict;

VivaPythonVerdict viva_python_check_snippet (const char *code,
                                             gsize       len,
                                             GPtrArray  *bound);

G_END_DECLS
