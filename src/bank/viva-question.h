/* viva-question.h
 *
 * One question of a bank. The text is kept as plain text plus a list of
 * inline spans (code, emphasis, strong), so it can be rendered as Pango
 * markup with extra highlight ranges, and searched without markup.
 *
 * Read-only, like the whole bank: what the user makes of a question
 * (status, star, notes) is kept above the bank, by VivaProgress.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_QUESTION (viva_question_get_type ())

G_DECLARE_FINAL_TYPE (VivaQuestion, viva_question, VIVA, QUESTION, GObject)

guint       viva_question_get_number     (VivaQuestion *self);
guint       viva_question_get_position   (VivaQuestion *self);
const char *viva_question_get_text       (VivaQuestion *self);
const char *viva_question_get_answer     (VivaQuestion *self);
const char *viva_question_get_search_key (VivaQuestion *self);
char       *viva_question_dup_markup     (VivaQuestion *self);
char       *viva_question_dup_markup_highlighted
                                         (VivaQuestion *self,
                                          VivaQuery    *query);
gboolean    viva_question_get_code_span  (VivaQuestion *self,
                                          guint         index,
                                          guint        *start,
                                          guint        *end);
VivaLevel  *viva_question_get_level      (VivaQuestion *self);
VivaTopic  *viva_question_get_topic      (VivaQuestion *self);

G_END_DECLS
