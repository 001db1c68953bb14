/* viva-import-private.h
 *
 * What the readers of each shape share with viva-import.c, and what the
 * tests read of a result before it becomes a bank.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "viva-import.h"

G_BEGIN_DECLS

typedef struct
{
  guint  number;   /* 0 until numbered: the source gave none */
  guint  level;    /* index in the result's levels */
  char  *topic;    /* NULL: directly under the level */
  char  *text;     /* Markdown inline */
  char  *answer;   /* Markdown as the source wrote it, or NULL */
  guint  line;     /* where the question starts, for notices */
} VivaImportQuestion;

/* The reader's view of the input: checked, BOM skipped, CR and CRLF made
 * LF, NUL-terminated (md4c 0.4.8 reads past the end otherwise). */
typedef struct
{
  const char             *text;
  gsize                   len;
  const char             *file_name;   /* the title a file without one gets */
  gboolean                tsv;         /* named .tsv or .tab: tab-separated */
  GCancellable           *cancellable;
  VivaImportProgressFunc  progress;
  gpointer                progress_data;
} VivaImportInput;

VivaImportResult         *_viva_import_result_new          (VivaImportShape    shape,
                                                            const char        *title);
void                      _viva_import_result_set_title    (VivaImportResult  *self,
                                                            const char        *title);
guint                     _viva_import_result_add_level    (VivaImportResult  *self,
                                                            const char        *name);
void                      _viva_import_result_add_question (VivaImportResult  *self,
                                                            guint              level,
                                                            const char        *topic,
                                                            guint              number,
                                                            char              *text,
                                                            char              *answer,
                                                            guint              line);
void                      _viva_import_result_add_notice   (VivaImportResult  *self,
                                                            const char        *notice);
/* Numbers what the source left unnumbered and renumbers 0, repeated and
 * too large numbers after the largest, with a notice. */
void                      _viva_import_result_number       (VivaImportResult  *self,
                                                            gboolean           numbered);
const char               *_viva_import_result_get_level_name (VivaImportResult *self,
                                                              guint             index);
const VivaImportQuestion *_viva_import_result_get_question (VivaImportResult  *self,
                                                            guint              index);

void                      _viva_import_report_progress     (const VivaImportInput *input,
                                                            gsize                  offset);
gboolean                  _viva_import_is_blank_text       (const char        *text);
/* "What is <b>x</b>?" -> Markdown inline that reads "What is x?": HTML
 * tags dropped, <br> to a newline, entities decoded, and what Markdown
 * would read as markup escaped. */
char                     *_viva_import_html_to_inline      (const char        *html,
                                                            gsize              len);
/* An HTML field (Anki's back) to Markdown: <br> and block tags to line
 * breaks, <pre> to a fence, other tags dropped, entities decoded. */
char                     *_viva_import_html_to_markdown    (const char        *html,
                                                            gsize              len);
/* Plain text to Markdown inline that reads the same. */
char                     *_viva_import_escape_inline       (const char        *text,
                                                            gsize              len);

VivaImportResult         *_viva_import_read_csv            (const VivaImportInput *input,
                                                            GError               **error);
VivaImportResult         *_viva_import_read_markdown       (const VivaImportInput *input,
                                                            GError               **error);
void                      _viva_import_set_unrecognised_error (GError     **error);
gboolean                  _viva_import_looks_like_anki     (const char        *text,
                                                            gsize              len);

G_END_DECLS
