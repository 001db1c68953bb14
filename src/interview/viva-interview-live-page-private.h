/* viva-interview-live-page-private.h
 *
 * The live page's insides, shared with its actions and keys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "viva-code-pad.h"
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
  /* The code typed in the pad for each question (VivaInterviewItem,
   * referenced → char *), while the page lives. */
  GHashTable           *pad_code;
  /* The question whose code the pad shows, and the one a run in flight
   * was started for, with the time into the interview it started at. */
  VivaInterviewItem    *pad_item;
  VivaInterviewItem    *run_item;
  gint64                run_elapsed;
  char                 *run_code;
  /* The interviewer's own questions saved to My Questions
   * (VivaInterviewItem, referenced → its number there), while the page
   * lives. */
  GHashTable           *saved_own;

  /* Template widgets */
  GtkWidget            *columns;
  GtkLabel             *progress_label;
  GtkLabel             *question_time_label;
  GtkLabel             *total_time_label;
  GtkLabel             *question_label;
  GtkLabel             *context_label;
  GtkButton            *save_own_button;
  GtkBox               *rating_box;
  GtkSourceView        *notes_view;
  GtkLabel             *key_label;
  GtkMenuButton        *add_button;
  VivaQuestionPicker   *picker;
  GtkRevealer          *code_revealer;
  VivaCodePad          *code_pad;

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
  guint                 loading_code : 1;
};

/* viva-interview-live-page.c */
gboolean           _viva_interview_live_page_get_live           (VivaInterviewLivePage *self);
VivaInterviewItem *_viva_interview_live_page_get_shown_item     (VivaInterviewLivePage *self);
void               _viva_interview_live_page_focus_rating       (VivaInterviewLivePage *self);
const char        *_viva_interview_live_page_get_bank_id        (VivaInterviewLivePage *self);

/* viva-interview-live-page-code.c */
void               _viva_interview_live_page_init_code_pad      (VivaInterviewLivePage *self);
void               _viva_interview_live_page_dispose_code_pad   (VivaInterviewLivePage *self);
void               _viva_interview_live_page_forget_code        (VivaInterviewLivePage *self);
void               _viva_interview_live_page_style_notes_code   (VivaInterviewLivePage *self);
void               _viva_interview_live_page_show_item_code     (VivaInterviewLivePage *self,
                                                                 VivaInterviewItem     *item);
gboolean           _viva_interview_live_page_get_code_pad_shown (VivaInterviewLivePage *self);
void               _viva_interview_live_page_set_code_pad_shown (VivaInterviewLivePage *self,
                                                                 gboolean               shown);

/* viva-interview-live-page-own.c */
void               _viva_interview_live_page_class_own_init     (GtkWidgetClass        *widget_class);
void               _viva_interview_live_page_update_own         (VivaInterviewLivePage *self,
                                                                 VivaInterviewItem     *item);
/* viva-interview-live-page-actions.c */
void               _viva_interview_live_page_class_actions_init (GtkWidgetClass        *widget_class);
void               _viva_interview_live_page_init_actions       (VivaInterviewLivePage *self);

G_END_DECLS
