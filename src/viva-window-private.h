/* viva-window-private.h
 *
 * What viva-window.c, viva-window-actions.c, viva-window-modes.c,
 * viva-window-banner.c, viva-window-library.c and viva-window-export.c
 * share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "viva-bank-library.h"
#include "viva-fsrs-offer.h"
#include "viva-interview-view.h"
#include "viva-mock-view.h"
#include "viva-progress-view.h"
#include "viva-question-view.h"
#include "viva-review-button.h"
#include "viva-review-view.h"
#include "viva-sidebar.h"
#include "viva-window.h"

G_BEGIN_DECLS

/* The sidebar's width: the bounds of the "sidebar-width" key of the
 * schema, and how far a shortcut moves its edge. */
#define SIDEBAR_MIN_WIDTH  220
#define SIDEBAR_MAX_WIDTH  640
#define SIDEBAR_WIDTH_STEP 40

typedef enum
{
  VIVA_WINDOW_BANNER_NONE,
  VIVA_WINDOW_BANNER_LOAD_PROBLEM,
  VIVA_WINDOW_BANNER_CONFLICT,
  VIVA_WINDOW_BANNER_SAVE_ERROR,
} VivaWindowBanner;

struct _VivaWindow
{
  AdwApplicationWindow  parent_instance;

  /* Owned */
  VivaContext          *context;
  GSettings            *settings;
  VivaNotesStore       *store;
  VivaFsrsOffer        *fsrs_offer;
  VivaBank             *bank;
  VivaSessionStore     *sessions;
  VivaInterviewStore   *interviews;
  VivaQuestion         *question;
  VivaBankLibrary      *library;
  GCancellable         *cancellable;
  char                 *load_problem;
  GFile                *load_problem_file;
  /* The read of the last session's bank while it is out, NULL
   * otherwise */
  GCancellable         *restore_cancellable;
  /* VivaNote: notes changed here and in another Viva at once, not yet
   * dismissed */
  GPtrArray            *conflicts;

  /* Template widgets */
  GtkStack             *mode_stack;
  GtkMenuButton        *menu_button;
  GtkButton            *mock_button;
  GtkImage             *mock_paused_badge;
  GMenuModel           *primary_menu;
  GMenu                *recent_section;

  /* Borrowed: built on first use, owned by mode_stack */
  VivaMockView         *mock_view;
  VivaInterviewView    *interview_view;
  VivaReviewView       *review_view;
  VivaProgressView     *progress_view;
  /* Review or Progress asked for while the notes load; and which */
  GtkWidget            *notes_loading_page;
  const char           *after_loading;
  AdwFlap              *flap;
  GtkBox               *sidebar_box;
  AdwWindowTitle       *sidebar_title;
  VivaReviewButton     *review_button;
  VivaSidebar          *sidebar;
  GtkSeparator         *sidebar_handle;
  AdwWindowTitle       *content_title;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkButton            *banner_button;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwStatusPage        *loading_page;
  GtkSpinner           *loading_spinner;
  VivaQuestionView     *question_view;

  /* Borrowed (weak): the shortcuts window while it is open */
  GtkWindow            *help_overlay;

  VivaWindowBanner            banner;
  int                   drag_start_width;
  guint                 after_first_frame_source;
  guint                 recent_rebuild_source;
  guint                 before_first_frame : 1;
  guint                 indexing_related : 1;
  guint                 load_problem_dismissed : 1;
  /* The conflicts are notes typed into while the notes loaded */
  guint                 conflicts_while_loading : 1;
  guint                 close_confirmed : 1;
  guint                 resume_offer_pending : 1;
  /* Waiting for a bank, with none to show */
  guint                 loading : 1;
  /* Open Recent's items exist, and follow changes */
  guint                 recent_menu_built : 1;
};

void     _viva_window_class_actions_init (GtkWidgetClass *widget_class);
void     _viva_window_class_banner_init  (GtkWidgetClass *widget_class);
void     _viva_window_class_library_init (GtkWidgetClass *widget_class);
void     _viva_window_class_export_init  (GtkWidgetClass *widget_class);
void     _viva_window_update_export_actions (VivaWindow  *self);
void     _viva_window_library_init       (VivaWindow     *self);
void     _viva_window_library_dispose    (VivaWindow     *self);
void     _viva_window_library_bank_changed (VivaWindow   *self);
void     _viva_window_update_recent_menu (VivaWindow     *self);
void     _viva_window_class_questions_init (GtkWidgetClass *widget_class);
void     _viva_window_update_questions_actions (VivaWindow *self);
void     _viva_window_class_import_init  (GtkWidgetClass *widget_class);
void     _viva_window_follow_notes_file  (VivaWindow     *self);
void     _viva_window_update_banner      (VivaWindow     *self);
void     _viva_window_update_actions     (VivaWindow     *self);
void     _viva_window_update_title       (VivaWindow     *self);
gboolean _viva_window_open_bundled_bank  (VivaWindow     *self);
void     _viva_window_toast              (VivaWindow     *self,
                                          const char     *message);
void     _viva_window_show_mock          (VivaWindow     *self,
                                          gboolean        history);
void     _viva_window_show_review        (VivaWindow     *self);
void     _viva_window_show_interviews    (VivaWindow     *self,
                                          gboolean        new_interview);
void     _viva_window_show_progress      (VivaWindow     *self);
void     _viva_window_notes_loaded       (VivaWindow     *self);
void     _viva_window_add_to_interview   (VivaWindow     *self,
                                          VivaQuestion   *question);
void     _viva_window_mode_changed       (VivaWindow     *self);
void     _viva_window_update_mock_button (VivaWindow     *self);
int      _viva_window_get_sidebar_width  (VivaWindow     *self);
void     _viva_window_set_sidebar_width  (VivaWindow     *self,
                                          int             width);
void     _viva_window_adopt_stores       (VivaWindow     *self);
void     _viva_window_reopen_interview   (VivaWindow     *self);
void     _viva_window_restore_bank       (VivaWindow     *self);
gboolean _viva_window_cancel_restore     (VivaWindow     *self);
gboolean _viva_window_is_restoring       (VivaWindow     *self);
void     _viva_window_show_loading       (VivaWindow     *self,
                                          GFile          *file);
void     _viva_window_hide_loading       (VivaWindow     *self);

G_END_DECLS
