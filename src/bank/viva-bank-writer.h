/* viva-bank-writer.h
 *
 * Writes question banks in Viva's own Markdown, the one shape the parser
 * reads: a VivaBankDraft is a bank being built or edited (My Questions,
 * an import, an export), kept as levels, topics and questions with their
 * text as Markdown inline; viva_bank_draft_to_markdown() writes it in the
 * canonical layout, which parses back to the same bank:
 *
 *   # Title
 *
 *   ## Level 1: Name
 *
 *   ### Topic
 *
 *   **Question 1:** Text, `code` in backticks.
 *
 *   **Answer:**
 *
 *   The answer, in Markdown.
 *
 * No text can reshape the file: question text is one paragraph whatever
 * it holds, and answers go through viva_answer_normalize().
 *
 * GTK-free: links against GLib/GIO and md4c only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "viva-types.h"

G_BEGIN_DECLS

typedef struct _VivaBankDraft VivaBankDraft;

VivaBankDraft *viva_bank_draft_new              (const char     *title);
/* All of @bank, its questions as Markdown. */
VivaBankDraft *viva_bank_draft_new_from_bank    (VivaBank       *bank);
void           viva_bank_draft_free             (VivaBankDraft  *self);
const char    *viva_bank_draft_get_title        (VivaBankDraft  *self);
guint          viva_bank_draft_get_n_questions  (VivaBankDraft  *self);
guint          viva_bank_draft_get_max_number   (VivaBankDraft  *self);
gboolean       viva_bank_draft_has_number       (VivaBankDraft  *self,
                                                 guint           number);
/* Found by name (case folded) or made; @number 0: the next free level
 * number. Returns the level's number. */
guint          viva_bank_draft_ensure_level     (VivaBankDraft  *self,
                                                 guint           number,
                                                 const char     *name);
/* @text_markdown: Markdown inline (backticks are code), newlines become
 * hard breaks; the answer is normalized here. VIVA_BANK_ERROR_DUPLICATE
 * for a number in use, _MALFORMED for 0, blank text or a level the
 * draft lacks. @topic NULL: directly under the level. */
gboolean       viva_bank_draft_add_question     (VivaBankDraft  *self,
                                                 guint           level_number,
                                                 const char     *topic,
                                                 guint           number,
                                                 const char     *text_markdown,
                                                 const char     *answer_markdown,
                                                 GError        **error);
/* Keeps the number and, when level and topic are the same, the place. */
gboolean       viva_bank_draft_replace_question (VivaBankDraft  *self,
                                                 guint           number,
                                                 guint           level_number,
                                                 const char     *topic,
                                                 const char     *text_markdown,
                                                 const char     *answer_markdown,
                                                 GError        **error);
/* Empty topics and levels go too. FALSE when the number is not there. */
gboolean       viva_bank_draft_remove_question  (VivaBankDraft  *self,
                                                 guint           number);
/* @index in bank order; returns the question's number. */
guint          viva_bank_draft_get_question     (VivaBankDraft  *self,
                                                 guint           index,
                                                 guint          *out_level_number,
                                                 const char    **out_level_name,
                                                 const char    **out_topic,
                                                 const char    **out_text_markdown,
                                                 const char    **out_answer);
/* The question @number's place, or FALSE. */
gboolean       viva_bank_draft_lookup_question  (VivaBankDraft  *self,
                                                 guint           number,
                                                 guint          *out_level_number,
                                                 const char    **out_level_name,
                                                 const char    **out_topic,
                                                 const char    **out_text_markdown,
                                                 const char    **out_answer);

/* Markdown written after a question's answer under "**Notes:**" (an
 * export's notes), or NULL. */
typedef char *(*VivaBankDraftExtraFunc) (guint    number,
                                         gpointer user_data);

/* Parses back to the same bank (an empty draft writes its title only). */
GBytes        *viva_bank_draft_to_markdown      (VivaBankDraft          *self,
                                                 VivaBankDraftExtraFunc  extra,
                                                 gpointer                user_data);
/* A question's text and spans as Markdown inline that reads back the same. */
char          *viva_bank_writer_dup_question_markdown (VivaQuestion *question);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VivaBankDraft, viva_bank_draft_free)

G_END_DECLS
