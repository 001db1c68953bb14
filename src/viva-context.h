/* viva-context.h
 *
 * What every page of Viva shares, in one object the application owns:
 * the stores (notes, mock interviews, interviews) with what went wrong
 * loading them, the clock, the settings the models read, the bank
 * that is open, the Python runner, the coding challenges' tests and the
 * scheduler's configuration. Pages take it as one "context" property and
 * follow "notify::bank" (and "scheduler-changed"), as gnome-calendar's
 * pages follow its GcalContext.
 * A new service every page needs is added here once.
 * GTK-free: links against GLib/GIO only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "viva-scheduler.h"
#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_CONTEXT (viva_context_get_type ())

G_DECLARE_FINAL_TYPE (VivaContext, viva_context, VIVA, CONTEXT, GObject)

VivaContext        *viva_context_new_default            (void);
VivaBank           *viva_context_get_bank               (VivaContext *self);
void                viva_context_set_bank               (VivaContext *self,
                                                         VivaBank    *bank);
VivaNotesStore     *viva_context_get_notes_store        (VivaContext *self);
VivaOwnedBanks     *viva_context_get_owned_banks        (VivaContext *self);
const GError       *viva_context_get_notes_load_error   (VivaContext *self);
gboolean            viva_context_get_notes_loaded       (VivaContext *self);
VivaSessionStore   *viva_context_get_session_store      (VivaContext *self);
GPtrArray          *viva_context_get_session_problems   (VivaContext *self);
VivaInterviewStore *viva_context_get_interview_store    (VivaContext *self);
GPtrArray          *viva_context_get_interview_problems (VivaContext *self);
VivaClock          *viva_context_get_clock              (VivaContext *self);
gint64              viva_context_get_real_time          (VivaContext *self);
GSettings          *viva_context_get_settings           (VivaContext *self);
const VivaSchedulerConfig *viva_context_get_scheduler_config (VivaContext *self);
VivaReviewToday    *viva_context_get_review_today       (VivaContext *self);
VivaPythonRunner   *viva_context_get_python_runner      (VivaContext *self);
VivaChallengeSet   *viva_context_get_challenges         (VivaContext *self);
gboolean            viva_context_has_read_challenges    (VivaContext *self);
VivaChallenge      *viva_context_lookup_challenge       (VivaContext *self,
                                                         const char  *bank_id,
                                                         guint        question);

G_END_DECLS
