/* viva-mock-session-private.h
 *
 * For the session file reader only: it builds a session from a file that
 * it has validated completely, without emitting anything; for the
 * session only: changing its items; and for the timer: charging time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "viva-challenge.h"
#include "viva-mock-session.h"

G_BEGIN_DECLS

/**
 * VivaMockItemData:
 * @number: the question's number in its bank
 * @level_number: its level's number
 * @level_title: its level's title ("Level 1: Beginner")
 * @topic_name: (nullable): its topic's name; %NULL for levels without
 *   topics
 * @question_text: the question, as plain text
 * @budget: its budget in microseconds; 0 when there is none (the whole
 *   interview has one budget)
 * @spent: the time spent on it, in microseconds
 * @skipped: whether the user skipped it
 * @answer: what the user typed (Markdown); never %NULL
 * @rating: the user's self-rating
 * @code: (nullable): the code typed in its code pad, %NULL if none
 *   was kept
 * @output: (nullable): the output of the code's last run
 * @test_results: (nullable): the results of its last Run Tests
 *
 * One question of a session as the file reader validated it, to make a
 * #VivaMockItem of.
 */
typedef struct
{
  guint           number;
  guint           level_number;
  char           *level_title;
  char           *topic_name;
  char           *question_text;
  gint64          budget;
  gint64          spent;
  gboolean        skipped;
  char           *answer;
  VivaMockRating  rating;
  char           *code;
  char           *output;
  VivaChallengeResults *test_results;
} VivaMockItemData;

VivaMockItem    *_viva_mock_item_new                (const VivaMockItemData *data);
gboolean         _viva_mock_item_set_spent          (VivaMockItem         *self,
                                                     gint64                spent);
gboolean         _viva_mock_item_set_skipped        (VivaMockItem         *self,
                                                     gboolean              skipped);
gboolean         _viva_mock_item_set_answer         (VivaMockItem         *self,
                                                     const char           *answer);
gboolean         _viva_mock_item_set_rating         (VivaMockItem         *self,
                                                     VivaMockRating        rating);
gboolean         _viva_mock_item_set_code           (VivaMockItem         *self,
                                                     const char           *code);
gboolean         _viva_mock_item_set_output         (VivaMockItem         *self,
                                                     const char           *output);
gboolean         _viva_mock_item_take_test_results  (VivaMockItem         *self,
                                                     VivaChallengeResults *results);

gboolean         _viva_mock_session_id_is_valid     (const char           *id);
VivaMockSession *_viva_mock_session_new_loaded      (const char           *id,
                                                     const char           *bank_id,
                                                     const char           *bank_title,
                                                     gint64                created,
                                                     guint64               seed,
                                                     gboolean              random_order,
                                                     VivaMockBudgetMode    budget_mode,
                                                     gint64                total_budget,
                                                     gboolean              auto_advance);
void             _viva_mock_session_append_item     (VivaMockSession        *self,
                                                     const VivaMockItemData *item);
void             _viva_mock_session_add_spent       (VivaMockSession      *self,
                                                     guint                 index,
                                                     gint64                delta);
void             _viva_mock_session_load_progress   (VivaMockSession      *self,
                                                     guint                 current,
                                                     VivaMockSessionState  state,
                                                     gint64                finished);

G_END_DECLS
