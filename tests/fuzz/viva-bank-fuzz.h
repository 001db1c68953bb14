/* viva-bank-fuzz.h
 *
 * What the bank parser's fuzz targets and tests share: the checks every
 * parse must pass, whatever the input, and a stand-in for md4c that sends
 * the parser any sequence of events.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "viva-bank-private.h"

G_BEGIN_DECLS

/* One md4c event. @type is an MD_BLOCKTYPE, MD_SPANTYPE or MD_TEXTTYPE;
 * @level is a heading's level (any number, 0 and 99 included); @text is
 * a text event's text, NUL-terminated, and need not lie in the bank. */
typedef enum
{
  VIVA_FUZZ_ENTER_BLOCK,
  VIVA_FUZZ_LEAVE_BLOCK,
  VIVA_FUZZ_ENTER_SPAN,
  VIVA_FUZZ_LEAVE_SPAN,
  VIVA_FUZZ_TEXT,
} VivaFuzzEventKind;

typedef struct
{
  VivaFuzzEventKind  kind;
  int                type;
  unsigned           level;
  const char        *text;
} VivaFuzzEvent;

/* Aborts unless exactly one of @bank and @error is set, and what is set
 * is whole: a message a user can read, or a bank whose every question has
 * text, spans that nest inside it, and markup that Pango can parse. */
void      viva_fuzz_check_parse   (VivaBank            *bank,
                                   const GError        *error);

/* Parses @markdown (@size bytes, not NUL-terminated: the parser must not
 * care) the way a file is opened, and checks the result; with
 * VIVA_FUZZ_WRITER set in the environment, its writer round trip too
 * (viva_fuzz_check_round_trip()). */
void      viva_fuzz_parse_markdown (const guint8       *markdown,
                                    gsize               size);

/* The bank writer's promise, for any bank the parser made: written
 * (viva-bank-writer.c) and parsed back, the same bank, and written
 * again, the same bytes. Aborts otherwise; returns what was written. */
GBytes   *viva_fuzz_check_round_trip (VivaBank         *bank);

/* Aborts unless @a and @b are the same question: number, text, spans,
 * answer, level and topic; prints both sides' spans first when they
 * differ. */
void      viva_fuzz_assert_same_question (VivaQuestion     *a,
                                          VivaQuestion     *b);

/* Aborts unless @a and @b hold the same title and questions (text,
 * spans, answer, level and topic) in the same order. */
void      viva_fuzz_assert_same_bank (VivaBank         *a,
                                      VivaBank         *b);

/* Runs the bank parser on @events instead of what md4c would send,
 * checks the result and returns it. */
VivaBank *viva_fuzz_parse_events  (const VivaFuzzEvent *events,
                                   gsize                n_events,
                                   GError             **error);

/* The events md4c sends for @markdown, to replay or to mutate. The texts
 * are interned strings. */
GArray   *viva_fuzz_record_events (const char          *markdown);

/* Reads events from any bytes, as the events fuzz target does: two bytes
 * an event. */
GArray   *viva_fuzz_decode_events (const guint8        *data,
                                   gsize                size);

G_END_DECLS
