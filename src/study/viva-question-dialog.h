/* viva-question-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "viva-owned-banks.h"
#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_QUESTION_DIALOG (viva_question_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VivaQuestionDialog, viva_question_dialog, VIVA, QUESTION_DIALOG, AdwWindow)

/* @bank: where the question goes, for its levels and topics (NULL: no
 * My Questions yet); @question: the one edited, NULL for New Question.
 * Signal "save" (const VivaQuestionDraft *): the dialog is busy until
 * viva_question_dialog_finish(); NULL closes it, an error is shown
 * inside it. */
VivaQuestionDialog *viva_question_dialog_new            (GtkWindow          *parent,
                                                         VivaBank           *bank,
                                                         VivaQuestion       *question);
void                viva_question_dialog_finish         (VivaQuestionDialog *self,
                                                         const GError       *error);
/* For tests: the form as "save" would send it. */
gboolean            viva_question_dialog_dup_draft      (VivaQuestionDialog *self,
                                                         VivaQuestionDraft  *out_draft);

G_END_DECLS
