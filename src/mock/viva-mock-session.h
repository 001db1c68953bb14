/* viva-mock-session.h
 *
 * One mock interview: which questions were asked (their text copied, so
 * that a past session reads the same after the bank changes), the time
 * spent on each against its budget, the answers typed, the self-ratings,
 * and where the interview stands. GTK-free.
 *
 * The session is where the time lives: a VivaMockTimer times it by
 * writing every figure it counts (the time spent folded into the
 * current item, the skipped flags, the current question, the state)
 * straight into it, and keeps only its running segment and deadlines;
 * this file does not depend on the timer. The session is the
 * #GListModel of its #VivaMockItem objects, whose properties notify.
 * Every change of what is saved emits #VivaMockSession::changed, on
 * which VivaSessionStore autosaves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "viva-challenge.h"
#include "viva-mock-setup.h"
#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_MOCK_SESSION_ID_MAX_SIZE      64
#define VIVA_MOCK_SESSION_MAX_ITEMS        VIVA_MOCK_SETUP_MAX_QUESTIONS
/* The same bound as a note: typing cannot reach it in an interview, and
 * it bounds what a damaged file can make us hold. */
#define VIVA_MOCK_ANSWER_MAX_SIZE          ((gsize) 1024 * 1024)
/* A coding question's code: the bound of a scratchpad's. */
#define VIVA_MOCK_CODE_MAX_SIZE            ((gsize) 1024 * 1024)
/* What is kept of a run's output: enough to read it back in the summary
 * and the report, and 50 of them stay far below the file's size limit
 * (the runner itself keeps up to 1 MiB). */
#define VIVA_MOCK_OUTPUT_MAX_SIZE          ((gsize) 64 * 1024)
/* Copied from the bank; longer ones are cut with "…". */
#define VIVA_MOCK_QUESTION_TEXT_MAX_SIZE   ((gsize) 64 * 1024)
#define VIVA_MOCK_TITLE_MAX_SIZE           ((gsize) 4096)
#define VIVA_MOCK_BANK_ID_MAX_SIZE         256
/* Bounds a time read from a file: 1,000 hours. */
#define VIVA_MOCK_DURATION_MAX             ((gint64) 1000 * 3600 * G_USEC_PER_SEC)

/**
 * VivaMockRating:
 * @VIVA_MOCK_RATING_NONE: not rated yet
 * @VIVA_MOCK_RATING_AGAIN: did not know it (key 1)
 * @VIVA_MOCK_RATING_HARD: got there with trouble (key 2)
 * @VIVA_MOCK_RATING_GOOD: knew it (key 3)
 * @VIVA_MOCK_RATING_EASY: knew it at once (key 4)
 */
typedef enum
{
  VIVA_MOCK_RATING_NONE,
  VIVA_MOCK_RATING_AGAIN,
  VIVA_MOCK_RATING_HARD,
  VIVA_MOCK_RATING_GOOD,
  VIVA_MOCK_RATING_EASY,
} VivaMockRating;

#define VIVA_MOCK_N_RATINGS (VIVA_MOCK_RATING_EASY + 1)

/**
 * VivaMockSessionState:
 * @VIVA_MOCK_SESSION_STATE_NOT_STARTED: set up, clock not started
 * @VIVA_MOCK_SESSION_STATE_RUNNING: a question's time is counting
 * @VIVA_MOCK_SESSION_STATE_PAUSED: stopped by the user
 * @VIVA_MOCK_SESSION_STATE_FINISHED: ended; final
 *
 * The same values, in the same order, as VivaMockTimerState: the
 * timer's state is the session's.
 */
typedef enum
{
  VIVA_MOCK_SESSION_STATE_NOT_STARTED,
  VIVA_MOCK_SESSION_STATE_RUNNING,
  VIVA_MOCK_SESSION_STATE_PAUSED,
  VIVA_MOCK_SESSION_STATE_FINISHED,
} VivaMockSessionState;


/**
 * VivaMockLevelTotals:
 * @level_number: the level, or 0 for the whole session
 * @level_title: (nullable): its title; %NULL for the whole session
 * @n_questions: how many questions
 * @n_skipped: how many of them were skipped
 * @n_overtime: how many took longer than their budget
 * @spent: time spent, microseconds
 * @budget: their budgets added up (for the whole session in
 *   %VIVA_MOCK_BUDGET_TOTAL mode, the total budget), microseconds
 * @ratings: how many questions have each rating, by #VivaMockRating
 *   (ratings[VIVA_MOCK_RATING_NONE] is the unrated ones)
 */
typedef struct
{
  guint  level_number;
  char  *level_title;
  guint  n_questions;
  guint  n_skipped;
  guint  n_overtime;
  gint64 spent;
  gint64 budget;
  guint  ratings[VIVA_MOCK_N_RATINGS];
} VivaMockLevelTotals;

#define VIVA_TYPE_MOCK_RATING        (viva_mock_rating_get_type ())
#define VIVA_TYPE_MOCK_SESSION_STATE (viva_mock_session_state_get_type ())
#define VIVA_TYPE_MOCK_SESSION       (viva_mock_session_get_type ())
#define VIVA_TYPE_MOCK_ITEM          (viva_mock_item_get_type ())

GType viva_mock_rating_get_type        (void) G_GNUC_CONST;
GType viva_mock_session_state_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (VivaMockSession, viva_mock_session, VIVA, MOCK_SESSION, GObject)

/**
 * VivaMockItem:
 *
 * One question of a session (viva-mock-item.c): the session is a
 * #GListModel of them. Read-only: change it through the session's
 * setters, which check read-only and emit the signals; its properties
 * notify.
 */
G_DECLARE_FINAL_TYPE (VivaMockItem, viva_mock_item, VIVA, MOCK_ITEM, GObject)

guint                 viva_mock_item_get_number             (VivaMockItem         *self);
guint                 viva_mock_item_get_level_number       (VivaMockItem         *self);
const char           *viva_mock_item_get_level_title        (VivaMockItem         *self);
const char           *viva_mock_item_get_topic_name         (VivaMockItem         *self);
const char           *viva_mock_item_get_question_text      (VivaMockItem         *self);
gint64                viva_mock_item_get_budget             (VivaMockItem         *self);
gint64                viva_mock_item_get_spent              (VivaMockItem         *self);
gboolean              viva_mock_item_get_skipped            (VivaMockItem         *self);
const char           *viva_mock_item_get_answer             (VivaMockItem         *self);
VivaMockRating        viva_mock_item_get_rating             (VivaMockItem         *self);
const char           *viva_mock_item_get_code               (VivaMockItem         *self);
const char           *viva_mock_item_get_output             (VivaMockItem         *self);
VivaChallengeResults *viva_mock_item_get_test_results       (VivaMockItem         *self);
gboolean              viva_mock_item_has_code               (VivaMockItem         *self);

const char           *viva_mock_rating_to_string            (VivaMockRating        rating);
gboolean              viva_mock_rating_from_string          (const char           *str,
                                                             VivaMockRating       *rating);
const char           *viva_mock_rating_get_label            (VivaMockRating        rating);
gboolean              viva_mock_rating_to_status            (VivaMockRating        rating,
                                                             VivaStatus           *status);
const char           *viva_mock_session_state_to_string     (VivaMockSessionState  state);
gboolean              viva_mock_session_state_from_string   (const char           *str,
                                                             VivaMockSessionState *state);

VivaMockSession      *viva_mock_session_new                 (VivaBank             *bank,
                                                             VivaMockSetup        *setup,
                                                             GPtrArray            *questions,
                                                             guint64               seed);
const char           *viva_mock_session_get_id              (VivaMockSession      *self);
const char           *viva_mock_session_get_bank_id         (VivaMockSession      *self);
const char           *viva_mock_session_get_bank_title      (VivaMockSession      *self);
gint64                viva_mock_session_get_created         (VivaMockSession      *self);
gint64                viva_mock_session_get_finished        (VivaMockSession      *self);
guint64               viva_mock_session_get_seed            (VivaMockSession      *self);
gboolean              viva_mock_session_get_random_order    (VivaMockSession      *self);
VivaMockBudgetMode    viva_mock_session_get_budget_mode     (VivaMockSession      *self);
gint64                viva_mock_session_get_total_budget    (VivaMockSession      *self);
gboolean              viva_mock_session_get_auto_advance    (VivaMockSession      *self);
gboolean              viva_mock_session_get_read_only       (VivaMockSession      *self);
void                  viva_mock_session_set_read_only       (VivaMockSession      *self,
                                                             gboolean              read_only);
gboolean              viva_mock_session_get_unfinished      (VivaMockSession      *self);

guint                 viva_mock_session_get_n_items         (VivaMockSession      *self);
VivaMockItem         *viva_mock_session_get_item            (VivaMockSession      *self,
                                                             guint                 index);
gint64               *viva_mock_session_dup_budgets         (VivaMockSession      *self);

guint                 viva_mock_session_get_current         (VivaMockSession      *self);
gboolean              viva_mock_session_set_current         (VivaMockSession      *self,
                                                             guint                 current);
VivaMockSessionState  viva_mock_session_get_state           (VivaMockSession      *self);
gboolean              viva_mock_session_set_state           (VivaMockSession      *self,
                                                             VivaMockSessionState  state);
gboolean              viva_mock_session_set_item_spent      (VivaMockSession      *self,
                                                             guint                 index,
                                                             gint64                spent);
gboolean              viva_mock_session_set_item_skipped    (VivaMockSession      *self,
                                                             guint                 index,
                                                             gboolean              skipped);
gboolean              viva_mock_session_set_answer          (VivaMockSession      *self,
                                                             guint                 index,
                                                             const char           *answer);
gboolean              viva_mock_session_set_rating          (VivaMockSession      *self,
                                                             guint                 index,
                                                             VivaMockRating        rating);
gboolean              viva_mock_session_set_code            (VivaMockSession      *self,
                                                             guint                 index,
                                                             const char           *code);
gboolean              viva_mock_session_set_run_output      (VivaMockSession      *self,
                                                             guint                 index,
                                                             const char           *code,
                                                             const char           *output);
gboolean              viva_mock_session_set_test_results    (VivaMockSession      *self,
                                                             guint                 index,
                                                             const char           *code,
                                                             VivaChallengeResults *results);
gboolean              viva_mock_session_get_has_code        (VivaMockSession      *self);

GArray               *viva_mock_session_get_level_totals    (VivaMockSession      *self,
                                                             VivaMockLevelTotals  *out_overall);
void                  viva_mock_level_totals_clear          (VivaMockLevelTotals  *totals);
char                 *viva_mock_session_to_markdown         (VivaMockSession      *self,
                                                             VivaBank             *bank);

G_END_DECLS
