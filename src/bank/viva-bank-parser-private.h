/* viva-bank-parser-private.h
 *
 * What viva-bank-parser.c shares with viva-bank-parser-text.c, its
 * plain-text half, and nothing else needs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <md4c.h>

#include "viva-bank-private.h"

G_BEGIN_DECLS

typedef enum
{
  VIVA_LEVEL_HEADING_NONE,
  VIVA_LEVEL_HEADING_OK,
  /* "Level 99999999999999999999: Name": a level, with a number that
   * does not fit. */
  VIVA_LEVEL_HEADING_TOO_LARGE,
} VivaLevelHeading;

/* White space as md4c sees it, ASCII only. */
static inline gboolean
_viva_bank_is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

gboolean          _viva_bank_check_text           (const char   *data,
                                                   gsize         size,
                                                   gsize        *start,
                                                   GError      **error);
guint             _viva_bank_line_at              (const char   *data,
                                                   gsize         size,
                                                   gsize         offset);
void              _viva_bank_append_text          (GString      *string,
                                                   const char   *text,
                                                   gsize         size,
                                                   gboolean      verbatim);
void              _viva_bank_append_md_text       (GString      *string,
                                                   MD_TEXTTYPE   type,
                                                   const char   *text,
                                                   gsize         size,
                                                   gboolean      in_code);
char             *_viva_bank_dup_shown_number     (const char   *digits,
                                                   gsize         len);
VivaLevelHeading  _viva_bank_parse_level_heading  (const char   *heading,
                                                   guint        *number,
                                                   char        **name);

/* viva-answer.c: viva_answer_normalize() of an answer cut from a bank,
 * which starts with its "**Answer:**" paragraph: the marker is left out
 * and the rest of its paragraph kept. */
char             *_viva_answer_normalize_marked   (const char   *markdown,
                                                   gsize         len);

G_END_DECLS
