/* viva-note.h
 *
 * What the user wrote and decided about one question of one bank: note
 * text, study status, star, its Python scratchpad (code, the last
 * prediction of its output, the user's own test cases), where it stands in Review's schedule with
 * its recent reviews, and when it last changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "viva-code-case.h"
#include "viva-scheduler.h"
#include "viva-types.h"

G_BEGIN_DECLS

/* A note longer than this is not a note; it also bounds how much memory a
 * damaged file can make us hold per note. The editor refuses to grow a
 * note past it, so that no note can block saving. */
#define VIVA_NOTE_TEXT_MAX_SIZE ((gsize) 1024 * 1024)

/* "Your answer" is a line or a few, never a document. */
#define VIVA_NOTE_PREDICTION_MAX_SIZE ((gsize) 64 * 1024)

#define VIVA_TYPE_NOTE (viva_note_get_type ())

G_DECLARE_FINAL_TYPE (VivaNote, viva_note, VIVA, NOTE, GObject)

const char *viva_status_to_string   (VivaStatus   status);
gboolean    viva_status_from_string (const char  *str,
                                     VivaStatus  *status);

VivaNote   *viva_note_new          (const char *bank_id,
                                    guint       number);
const char *viva_note_get_bank_id  (VivaNote   *self);
guint       viva_note_get_number   (VivaNote   *self);
const char *viva_note_get_text     (VivaNote   *self);
void        viva_note_set_text     (VivaNote   *self,
                                    const char *text);
gboolean    viva_note_get_has_text (VivaNote   *self);
VivaStatus  viva_note_get_status   (VivaNote   *self);
void        viva_note_set_status   (VivaNote   *self,
                                    VivaStatus  status);
gboolean    viva_note_get_starred  (VivaNote   *self);
void        viva_note_set_starred  (VivaNote   *self,
                                    gboolean    starred);
gint64      viva_note_get_modified (VivaNote   *self);
gboolean    viva_note_is_blank     (VivaNote   *self);

const char         *viva_note_get_code       (VivaNote           *self);
void                viva_note_set_code       (VivaNote           *self,
                                              const char         *code);
gboolean            viva_note_get_has_code   (VivaNote           *self);
const char         *viva_note_get_prediction (VivaNote           *self);
void                viva_note_set_prediction (VivaNote           *self,
                                              const char         *prediction);
guint               viva_note_get_n_cases    (VivaNote           *self);
const VivaCodeCase *viva_note_get_case       (VivaNote           *self,
                                              guint               index);
GPtrArray          *viva_note_dup_cases      (VivaNote           *self);
void                viva_note_set_cases      (VivaNote           *self,
                                              GPtrArray          *cases);
void                viva_note_add_case       (VivaNote           *self,
                                              const VivaCodeCase *code_case);
void                viva_note_remove_case    (VivaNote           *self,
                                              guint               index);

const VivaReviewState *viva_note_get_review_state (VivaNote            *self);
const VivaReviewEntry *viva_note_get_history      (VivaNote            *self,
                                                   guint               *n_entries);
const VivaSchedulerConfig *viva_note_get_scheduler_config (VivaNote       *self);
gint64                 viva_note_get_due          (VivaNote            *self);
gboolean               viva_note_is_due           (VivaNote            *self,
                                                   const VivaReviewDay *day);
void                   viva_note_review           (VivaNote            *self,
                                                   VivaReviewGrade      grade,
                                                   VivaReviewSource     source,
                                                   gint64               now);
void                   viva_note_grade            (VivaNote            *self,
                                                   VivaReviewGrade      grade,
                                                   gint64               now);
gboolean               viva_note_undo_review      (VivaNote            *self,
                                                   gint64               reviewed_at);

G_END_DECLS
