/* viva-question.h
 *
 * One question of a bank. The text is kept as plain text plus a list of
 * inline spans (code, emphasis, strong), so it can be rendered as Pango
 * markup with extra highlight ranges, and searched without markup.
 *
 * The study state (has-note, starred, status) is a mirror of the user's
 * VivaNote, pushed in by viva_question_apply_note() so that list rows can
 * bind to it; the level and topic keep their "n-noted" and per-status
 * counts ("n-new", "n-learning", "n-confident") in step.
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
const char *viva_question_get_search_key (VivaQuestion *self);
char       *viva_question_dup_markup     (VivaQuestion *self);
char       *viva_question_dup_markup_highlighted
                                         (VivaQuestion *self,
                                          VivaQuery    *query);
VivaLevel  *viva_question_get_level      (VivaQuestion *self);
VivaTopic  *viva_question_get_topic      (VivaQuestion *self);
gboolean    viva_question_get_has_note   (VivaQuestion *self);
gboolean    viva_question_get_starred    (VivaQuestion *self);
VivaStatus  viva_question_get_status     (VivaQuestion *self);
void        viva_question_apply_note     (VivaQuestion *self,
                                          VivaNote     *note);

G_END_DECLS
