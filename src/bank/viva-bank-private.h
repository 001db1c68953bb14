/* viva-bank-private.h
 *
 * Internal API of the question-bank data layer: the parser builds levels,
 * topics and questions through these, and tests inspect what it built.
 * Nothing outside src/viva-bank*.c, viva-level.c, viva-topic.c,
 * viva-question.c, viva-query.c and the tests should need it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <md4c.h>

#include "viva-bank.h"
#include "viva-level.h"
#include "viva-query.h"
#include "viva-question.h"
#include "viva-topic.h"

G_BEGIN_DECLS

typedef enum
{
  VIVA_SPAN_CODE,
  VIVA_SPAN_EMPHASIS,
  VIVA_SPAN_STRONG,
  /* Not from the parser: a search match to highlight. */
  VIVA_SPAN_MATCH,
} VivaSpanKind;

/* An inline span of a question's plain text, as byte offsets into it.
 * Spans are sorted by start, an enclosing span before the spans it
 * contains, and never empty. */
typedef struct
{
  guint32      start;
  guint32      end;
  VivaSpanKind kind;
} VivaSpan;

/* md4c's md_parse(), or in tests a stand-in that calls the parser's
 * callbacks in any order: the bank parser must survive whatever events
 * it is sent, as md4c 0.4.8 can leave spans it never entered. */
typedef int   (*VivaMarkdownParseFunc)          (const MD_CHAR   *text,
                                                 MD_SIZE          size,
                                                 const MD_PARSER *parser,
                                                 void            *user_data);

/* viva-bank-parser.c: the whole of the Markdown reading and validation.
 * @file may be NULL (the bundled bank).
 *
 * @text must be followed by a NUL byte (text[size] == '\0', not counted
 * in @size): md4c 0.4.8 reads past the end of a buffer that is not
 * terminated. g_file_load_contents() and g_resource_lookup_data()
 * promise that byte; viva_bank_new_from_bytes() makes a terminated copy.
 * @parse is md_parse(), or a stand-in in tests. */
VivaBank       *_viva_bank_parse                (const char      *text,
                                                 gsize            size,
                                                 const char      *id,
                                                 GFile           *file,
                                                 VivaMarkdownParseFunc parse,
                                                 GError         **error);

void            _viva_bank_set_too_large_error  (GError         **error);

/* viva-bank.c: copies the arrays' items into its lists and takes a
 * reference on @topics and @by_number; @questions is in bank order and
 * @by_number maps GUINT_TO_POINTER (number) to the borrowed question. */
VivaBank       *_viva_bank_new                  (const char      *id,
                                                 const char      *title,
                                                 GFile           *file,
                                                 GPtrArray       *levels,
                                                 GPtrArray       *topics,
                                                 GPtrArray       *questions,
                                                 GHashTable      *by_number);

/* Every question, in bank order, as the parser made them: read it from
 * any thread (the list model's cursor is for the main thread). */
GPtrArray      *_viva_bank_get_question_array   (VivaBank        *self);

/* viva-level.c and viva-topic.c: the "take" functions are called once by
 * the parser and take ownership of the array, which holds a reference
 * to each item. */
VivaLevel      *_viva_level_new                 (guint            number,
                                                 const char      *name,
                                                 const char      *title);
void            _viva_level_take_children       (VivaLevel       *self,
                                                 GPtrArray       *children,
                                                 guint            n_topics,
                                                 guint            n_questions);

/* viva-topic.c: the level is borrowed (the level owns the topic). */
VivaTopic      *_viva_topic_new                 (const char      *name,
                                                 VivaLevel       *level);
void            _viva_topic_take_questions      (VivaTopic       *self,
                                                 GPtrArray       *questions);
void            _viva_topic_detach              (VivaTopic       *self);

/* viva-question.c: @text is copied (@text_len bytes, no NUL needed) and
 * so are the spans and @answer (canonical Markdown, or NULL). The level
 * and topic are borrowed. */
VivaQuestion   *_viva_question_new              (guint            number,
                                                 guint            position,
                                                 VivaLevel       *level,
                                                 VivaTopic       *topic,
                                                 const char      *text,
                                                 gsize            text_len,
                                                 const VivaSpan  *spans,
                                                 guint            n_spans,
                                                 const char      *answer);
void            _viva_question_take_answer      (VivaQuestion    *self,
                                                 char            *answer);
const VivaSpan *_viva_question_get_spans        (VivaQuestion    *self,
                                                 guint           *n_spans);
void            _viva_question_detach           (VivaQuestion    *self);

G_END_DECLS
