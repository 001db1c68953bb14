/* viva-scratchpad.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "viva-code-pad.h"
#include "viva-python-runner.h"
#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_SCRATCHPAD (viva_scratchpad_get_type ())

G_DECLARE_FINAL_TYPE (VivaScratchpad, viva_scratchpad, VIVA, SCRATCHPAD, GtkWidget)

gboolean          viva_scratchpad_wants_question  (VivaQuestion     *question);
gboolean          viva_scratchpad_prediction_matches (const char    *prediction,
                                                      const char    *output);

VivaContext      *viva_scratchpad_get_context     (VivaScratchpad   *self);
void              viva_scratchpad_set_context     (VivaScratchpad   *self,
                                                   VivaContext      *context);
VivaPythonRunner *viva_scratchpad_get_runner      (VivaScratchpad   *self);
gboolean          viva_scratchpad_get_offered     (VivaScratchpad   *self);
void              viva_scratchpad_set_question    (VivaScratchpad   *self,
                                                   VivaQuestion     *question,
                                                   VivaNote         *note);
void              viva_scratchpad_set_editable    (VivaScratchpad   *self,
                                                   gboolean          editable);
gboolean          viva_scratchpad_get_running     (VivaScratchpad   *self);
char             *viva_scratchpad_dup_output      (VivaScratchpad   *self);
const char       *viva_scratchpad_get_info        (VivaScratchpad   *self);
const char       *viva_scratchpad_get_verdict     (VivaScratchpad   *self);
const char       *viva_scratchpad_get_result      (VivaScratchpad   *self);
GtkTextView      *viva_scratchpad_get_code_view   (VivaScratchpad   *self);
GtkEditable      *viva_scratchpad_get_prediction_entry (VivaScratchpad *self);
VivaCodePad      *viva_scratchpad_get_code_pad    (VivaScratchpad   *self);

G_END_DECLS
