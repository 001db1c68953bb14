/* viva-interview-wrapup-page-private.h
 *
 * The wrap-up page's insides, shared with the file that exports and
 * prints its report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "viva-interview-wrapup-page.h"

G_BEGIN_DECLS

struct _VivaInterviewWrapupPage
{
  GtkWidget             parent_instance;

  /* Owned */
  VivaContext          *context;
  GSignalGroup         *context_signals;
  /* The context's, kept from its last notify::bank */
  VivaBank             *bank;
  VivaInterview        *interview;
  GSignalGroup         *interview_signals;
  GPtrArray            *recommendation_buttons;  /* indexed by rating */
  GtkSizeGroup         *time_group;
  GtkFileChooserNative *chooser;

  /* Template widgets */
  GtkStack             *stack;
  GtkLabel             *candidate_label;
  GtkLabel             *details_label;
  GtkLabel             *time_label;
  GtkLabel             *read_only_label;
  GtkBox               *recommendation_box;
  GtkTextView          *takeaways_view;
  GtkTextView          *summary_view;
  AdwPreferencesGroup  *questions_group;
  GtkListBox           *questions_list;
  /* Borrowed: the row that says there are no questions */
  GtkWidget            *empty_row;
  GtkLabel             *status_label;

  guint                 syncing : 1;
};

/* viva-interview-wrapup-page-export.c */
void _viva_interview_wrapup_page_class_export_init (GtkWidgetClass *widget_class);

G_END_DECLS
