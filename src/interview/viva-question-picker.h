/* viva-question-picker.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_QUESTION_PICKER (viva_question_picker_get_type ())

G_DECLARE_FINAL_TYPE (VivaQuestionPicker, viva_question_picker, VIVA, QUESTION_PICKER, GtkPopover)

void        viva_question_picker_set_query   (VivaQuestionPicker *self,
                                              const char         *text);
GtkListBox *viva_question_picker_get_list    (VivaQuestionPicker *self);

G_END_DECLS
