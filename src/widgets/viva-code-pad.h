/* viva-code-pad.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <gtksourceview/gtksource.h>

#include "viva-challenge.h"
#include "viva-run-result.h"
#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_CODE_PAD (viva_code_pad_get_type ())

G_DECLARE_FINAL_TYPE (VivaCodePad, viva_code_pad, VIVA, CODE_PAD, GtkWidget)

GtkWidget            *viva_code_pad_new              (void);
VivaContext          *viva_code_pad_get_context      (VivaCodePad          *self);
void                  viva_code_pad_set_context      (VivaCodePad          *self,
                                                      VivaContext          *context);
VivaChallenge        *viva_code_pad_get_challenge    (VivaCodePad          *self);
void                  viva_code_pad_set_challenge    (VivaCodePad          *self,
                                                      VivaChallenge        *challenge);
gboolean              viva_code_pad_get_tests        (VivaCodePad          *self);
void                  viva_code_pad_set_tests        (VivaCodePad          *self,
                                                      gboolean              tests);
gboolean              viva_code_pad_get_editable     (VivaCodePad          *self);
void                  viva_code_pad_set_editable     (VivaCodePad          *self,
                                                      gboolean              editable);
gboolean              viva_code_pad_get_running      (VivaCodePad          *self);
void                  viva_code_pad_set_code         (VivaCodePad          *self,
                                                      const char           *code);
char                 *viva_code_pad_dup_code         (VivaCodePad          *self);
GtkSourceBuffer      *viva_code_pad_get_buffer       (VivaCodePad          *self);
GtkSourceView        *viva_code_pad_get_view         (VivaCodePad          *self);
void                  viva_code_pad_set_own_cases    (VivaCodePad          *self,
                                                      GPtrArray            *cases);
void                  viva_code_pad_run              (VivaCodePad          *self);
void                  viva_code_pad_run_tests        (VivaCodePad          *self);
void                  viva_code_pad_stop             (VivaCodePad          *self);
void                  viva_code_pad_clear            (VivaCodePad          *self);
char                 *viva_code_pad_dup_output       (VivaCodePad          *self);
const char           *viva_code_pad_get_info         (VivaCodePad          *self);
const char           *viva_code_pad_get_result       (VivaCodePad          *self);
VivaChallengeResults *viva_code_pad_get_test_results (VivaCodePad          *self);
void                  viva_code_pad_show_saved       (VivaCodePad          *self,
                                                      const char           *output,
                                                      VivaChallengeResults *results);

char                 *viva_code_pad_describe_case    (const VivaCaseResult *result);

G_END_DECLS
