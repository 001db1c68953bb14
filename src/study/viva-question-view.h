/* viva-question-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "viva-scratchpad.h"
#include "viva-types.h"

G_BEGIN_DECLS

/* The name of the text tag on the words searched for in the notes. */
#define VIVA_QUESTION_VIEW_MATCH_TAG "viva-search-match"

#define VIVA_TYPE_QUESTION_VIEW (viva_question_view_get_type ())

G_DECLARE_FINAL_TYPE (VivaQuestionView, viva_question_view, VIVA, QUESTION_VIEW, GtkWidget)

VivaQuestion   *viva_question_view_get_question    (VivaQuestionView *self);
VivaNote       *viva_question_view_get_note        (VivaQuestionView *self);
void            viva_question_view_set_question    (VivaQuestionView *self,
                                                    VivaQuestion     *question,
                                                    VivaNote         *note);
void            viva_question_view_set_related     (VivaQuestionView *self,
                                                    GPtrArray        *matches);
VivaNotesStore *viva_question_view_get_notes_store (VivaQuestionView *self);
void            viva_question_view_set_notes_store (VivaQuestionView *self,
                                                    VivaNotesStore   *store);
GtkTextView    *viva_question_view_get_note_view   (VivaQuestionView *self);
const char     *viva_question_view_get_save_status (VivaQuestionView *self);
void            viva_question_view_focus_notes     (VivaQuestionView *self);
VivaScratchpad *viva_question_view_get_scratchpad  (VivaQuestionView *self);
VivaQuery      *viva_question_view_get_highlight_query (VivaQuestionView *self);
void            viva_question_view_set_highlight_query (VivaQuestionView *self,
                                                        VivaQuery        *query);

const char     *viva_question_view_get_memory_text (VivaQuestionView *self);

G_END_DECLS
