/* viva-interview-live-page-private.h
 *
 * The live page's insides, shared with its actions and keys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "viva-interview.h"
#include "viva-interview-live-page.h"
#include "viva-question-picker.h"

G_BEGIN_DECLS

struct _VivaInterviewLivePage
{
  GtkWidget             parent_instance;

  /* Owned */
  VivaContext          *context;
  GSignalGroup         *context_signals;
  /* The context's, kept from its last notify::bank */
  VivaBank             *bank;
  VivaInterview        *interview;
  GSignalGroup         *signals;
  VivaCandidateWindow  *candidate_window;

  /* Template widgets */
  GtkWidget            *columns;
  GtkLabel             *progress_label;
  GtkLabel             *question_time_label;
  GtkLabel             *total_time_label;
  GtkLabel             *question_label;
  GtkLabel             *context_label;
  GtkBox               *rating_box;
  GtkSourceView        *notes_view;
  GtkLabel             *key_label;
  GtkMenuButton        *add_button;
  VivaQuestionPicker   *picker;

  GtkWidget            *rating_buttons[VIVA_INTERVIEW_N_RATINGS];

  /* The item shown, so that a note change is written to the question
   * it was typed for even if the plan moves under it. */
  guint                 shown;
  guint                 tick_source;
  guint                 ticks;
  guint                 inhibit_cookie;
  guint                 updating_notes : 1;
  guint                 in_user_action : 1;
  guint                 notes_pending : 1;
};

/* viva-interview-live-page.c */
gboolean           _viva_interview_live_page_get_live           (VivaInterviewLivePage *self);
VivaInterviewItem *_viva_interview_live_page_get_shown_item     (VivaInterviewLivePage *self);
void               _viva_interview_live_page_focus_rating       (VivaInterviewLivePage *self);

/* viva-interview-live-page-actions.c */
void               _viva_interview_live_page_class_actions_init (GtkWidgetClass        *widget_class);
void               _viva_interview_live_page_init_actions       (VivaInterviewLivePage *self);

G_END_DECLS
