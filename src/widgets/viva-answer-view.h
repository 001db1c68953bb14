/* viva-answer-view.h
 *
 * Shows a question's answer (canonical Markdown, see viva-answer.h):
 * paragraphs, lists and headings as labels, code in a read-only
 * GtkSourceView with Python highlighting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Most code blocks shown as GtkSourceViews; the rest are monospace
 * labels, which cost far less. */
#define VIVA_ANSWER_VIEW_MAX_SOURCE_VIEWS 50
/* Most text shown, in bytes of the blocks' text. */
#define VIVA_ANSWER_VIEW_MAX_SHOWN ((gsize) 64 * 1024)

#define VIVA_TYPE_ANSWER_VIEW (viva_answer_view_get_type ())

G_DECLARE_FINAL_TYPE (VivaAnswerView, viva_answer_view, VIVA, ANSWER_VIEW, GtkWidget)

GtkWidget  *viva_answer_view_new        (void);
const char *viva_answer_view_get_answer (VivaAnswerView *self);
void        viva_answer_view_set_answer (VivaAnswerView *self,
                                         const char     *answer);

G_END_DECLS
