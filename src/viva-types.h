/* viva-types.h
 *
 * Forward declarations so that headers need not include each other, and
 * the enums and plain types that every layer shares. Types only: their
 * functions live with their layer (viva_status_to_string() in
 * notes/viva-note.h, durations in time/viva-time-format.h). VivaStatus's
 * GType and nicks come from glib-mkenums (viva-enums.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _VivaApplication   VivaApplication;
typedef struct _VivaBank          VivaBank;
typedef struct _VivaChallenge     VivaChallenge;
typedef struct _VivaChallengeSet  VivaChallengeSet;
typedef struct _VivaClock         VivaClock;
typedef struct _VivaContext       VivaContext;
typedef struct _VivaInterview     VivaInterview;
typedef struct _VivaInterviewStore VivaInterviewStore;
typedef struct _VivaInterviewTemplate VivaInterviewTemplate;
typedef struct _VivaInterviewTemplatesDialog VivaInterviewTemplatesDialog;
typedef struct _VivaInterviewWrapupPage VivaInterviewWrapupPage;
typedef struct _VivaLevel         VivaLevel;
typedef struct _VivaMockSession   VivaMockSession;
typedef struct _VivaMockSetup     VivaMockSetup;
typedef struct _VivaMockTimer     VivaMockTimer;
typedef struct _VivaMockHistoryPage VivaMockHistoryPage;
typedef struct _VivaMockRunPage   VivaMockRunPage;
typedef struct _VivaMockSetupPage VivaMockSetupPage;
typedef struct _VivaMockSummaryPage VivaMockSummaryPage;
typedef struct _VivaMockView      VivaMockView;
typedef struct _VivaInterviewView VivaInterviewView;
typedef struct _VivaNote          VivaNote;
typedef struct _VivaNotesStore    VivaNotesStore;
typedef struct _VivaOwnedBanks    VivaOwnedBanks;
typedef struct _VivaProgress      VivaProgress;
typedef struct _VivaProgressView  VivaProgressView;
typedef struct _VivaPythonRunner  VivaPythonRunner;
typedef struct _VivaQuery         VivaQuery;
typedef struct _VivaQuestion      VivaQuestion;
typedef struct _VivaQuestionView  VivaQuestionView;
typedef struct _VivaScopeList     VivaScopeList;
typedef struct _VivaReviewButton  VivaReviewButton;
typedef struct _VivaReviewToday   VivaReviewToday;
typedef struct _VivaReviewView    VivaReviewView;
typedef struct _VivaSearchIndex   VivaSearchIndex;
typedef struct _VivaSessionStore  VivaSessionStore;
typedef struct _VivaSidebar       VivaSidebar;
typedef struct _VivaSidebarRow    VivaSidebarRow;
typedef struct _VivaTopic         VivaTopic;
typedef struct _VivaWindow        VivaWindow;

/**
 * VivaStatus:
 * @VIVA_STATUS_NEW: not studied yet
 * @VIVA_STATUS_LEARNING: being studied
 * @VIVA_STATUS_CONFIDENT: the user knows the answer
 *
 * How well the user knows a question.
 */
typedef enum
{
  VIVA_STATUS_NEW,
  VIVA_STATUS_LEARNING,
  VIVA_STATUS_CONFIDENT,
} VivaStatus;

/**
 * VivaReviewDay:
 * @now: the moment, in microseconds since 1970 (UTC)
 * @start: when the review day holding @now began
 * @end: when it ends, which is when the next one begins
 *
 * "Today" for Review: from the day-start hour to the same hour the next
 * day, in local time (so 23 or 25 hours long on the days the clocks
 * change). viva_review_day_init() (viva-scheduler.h) makes one; it is
 * here because search filters on it too.
 */
typedef struct
{
  gint64 now;
  gint64 start;
  gint64 end;
} VivaReviewDay;

G_END_DECLS
