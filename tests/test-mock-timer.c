/* test-mock-timer.c
 *
 * The mock interview timer against a fake clock: no sleeping and no
 * timing assertions, so every figure can be checked to the microsecond,
 * including a 45-minute interview driven in 250 ms ticks. The timer times
 * a session, which holds every figure it counts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-clock.h"
#include "viva-mock-session-private.h"
#include "viva-mock-timer.h"
#include "viva-stopwatch.h"

#define SEC    G_USEC_PER_SEC
#define MINUTE (60 * (gint64) G_USEC_PER_SEC)
#define HOUR   (60 * MINUTE)

/* An arbitrary origin: the timer must only ever use differences. */
#define CLOCK_ORIGIN ((gint64) 1234567890123)

/* What a timer emitted. */
typedef struct
{
  GArray *time_up;              /* question indices, in order */
  guint   total_time_up;
  guint   question_changed;
  guint   notify_current;
  guint   notify_state;
  guint   notify_phase;
  guint   notify_auto_advance;
} Recorder;

static void
time_up_cb (VivaMockTimer *timer,
            guint          index,
            Recorder      *rec)
{
  g_array_append_val (rec->time_up, index);
}

static void
total_time_up_cb (VivaMockTimer *timer,
                  Recorder      *rec)
{
  rec->total_time_up++;
}

static void
question_changed_cb (VivaMockTimer *timer,
                     Recorder      *rec)
{
  rec->question_changed++;
}

static void
notify_cb (VivaMockTimer *timer,
           GParamSpec    *pspec,
           Recorder      *rec)
{
  if (g_strcmp0 (pspec->name, "current") == 0)
    rec->notify_current++;
  else if (g_strcmp0 (pspec->name, "state") == 0)
    rec->notify_state++;
  else if (g_strcmp0 (pspec->name, "phase") == 0)
    rec->notify_phase++;
  else if (g_strcmp0 (pspec->name, "auto-advance") == 0)
    rec->notify_auto_advance++;
}

static void
recorder_watch (Recorder      *rec,
                VivaMockTimer *timer)
{
  memset (rec, 0, sizeof *rec);
  rec->time_up = g_array_new (FALSE, FALSE, sizeof (guint));

  g_signal_connect (timer, "time-up", G_CALLBACK (time_up_cb), rec);
  g_signal_connect (timer, "total-time-up", G_CALLBACK (total_time_up_cb), rec);
  g_signal_connect (timer, "question-changed", G_CALLBACK (question_changed_cb), rec);
  g_signal_connect (timer, "notify", G_CALLBACK (notify_cb), rec);
}

static void
recorder_clear (Recorder *rec)
{
  g_clear_pointer (&rec->time_up, g_array_unref);
}

static guint
recorder_time_up_count (Recorder *rec,
                        guint     index)
{
  guint count = 0;

  for (guint i = 0; i < rec->time_up->len; i++)
    {
      if (g_array_index (rec->time_up, guint, i) == index)
        count++;
    }

  return count;
}

/* A session of @n questions with these budgets (%NULL: none), as the
 * setup makes one; with @total_budget, the whole interview's. */
static VivaMockSession *
session_new (const gint64 *budgets,
             guint         n,
             gint64        total_budget)
{
  VivaMockSession *session;

  session = _viva_mock_session_new_loaded ("timer-test", "bank", "Bank", 1, 0, FALSE,
                                           total_budget > 0 ? VIVA_MOCK_BUDGET_TOTAL : VIVA_MOCK_BUDGET_PER_LEVEL,
                                           total_budget, FALSE);
  for (guint i = 0; i < n; i++)
    {
      VivaMockItemData item = { 0, };

      item.number = i + 1;
      item.level_number = 1;
      item.level_title = (char *) "Level 1";
      item.question_text = (char *) "Question?";
      item.budget = budgets != NULL ? budgets[i] : 0;
      item.answer = (char *) "";
      _viva_mock_session_append_item (session, &item);
    }

  return session;
}

/* As a session file brings @session back: another session with the
 * same figures. */
static VivaMockSession *
session_reload (VivaMockSession *session)
{
  VivaMockSession *copy;

  copy = _viva_mock_session_new_loaded (viva_mock_session_get_id (session),
                                        viva_mock_session_get_bank_id (session),
                                        viva_mock_session_get_bank_title (session),
                                        viva_mock_session_get_created (session),
                                        viva_mock_session_get_seed (session),
                                        viva_mock_session_get_random_order (session),
                                        viva_mock_session_get_budget_mode (session),
                                        viva_mock_session_get_total_budget (session),
                                        viva_mock_session_get_auto_advance (session));
  for (guint i = 0; i < viva_mock_session_get_n_items (session); i++)
    {
      VivaMockItem *item = viva_mock_session_get_item (session, i);
      VivaMockItemData data = { 0, };

      data.number = viva_mock_item_get_number (item);
      data.level_number = viva_mock_item_get_level_number (item);
      data.level_title = (char *) viva_mock_item_get_level_title (item);
      data.question_text = (char *) viva_mock_item_get_question_text (item);
      data.budget = viva_mock_item_get_budget (item);
      data.spent = viva_mock_item_get_spent (item);
      data.skipped = viva_mock_item_get_skipped (item);
      data.answer = (char *) viva_mock_item_get_answer (item);
      data.rating = viva_mock_item_get_rating (item);
      _viva_mock_session_append_item (copy, &data);
    }
  _viva_mock_session_load_progress (copy, viva_mock_session_get_current (session),
                                    viva_mock_session_get_state (session),
                                    viva_mock_session_get_finished (session));

  return copy;
}

static VivaMockTimer *
timer_new (VivaClock    *clock,
           const gint64 *budgets,
           guint         n,
           gint64        total_budget)
{
  g_autoptr(VivaMockSession) session = session_new (budgets, n, total_budget);

  return viva_mock_timer_new (clock, session);
}

static VivaMockTimer *
timer_new_uniform (VivaClock *clock,
                   guint      n,
                   gint64     budget)
{
  g_autofree gint64 *budgets = g_new (gint64, n);

  for (guint i = 0; i < n; i++)
    budgets[i] = budget;

  return timer_new (clock, budgets, n, 0);
}

static void
assert_format (gint64      usec,
               const char *expected)
{
  g_autofree char *text = viva_mock_timer_format (usec);

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_remaining_format (VivaMockTimer *timer,
                         const char    *expected)
{
  assert_format (viva_mock_timer_get_remaining (timer), expected);
}

/* The clocks */

static void
count_cb (GObject *object,
          guint   *count)
{
  (*count)++;
}

static void
test_clock_fake (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (CLOCK_ORIGIN);
  guint changed = 0;

  g_signal_connect (clock, "changed", G_CALLBACK (count_cb), &changed);

  g_assert_true (viva_clock_is_fake (clock));
  g_assert_cmpint (viva_clock_get_now (clock), ==, CLOCK_ORIGIN);

  viva_clock_advance (clock, 250 * 1000);
  g_assert_cmpint (viva_clock_get_now (clock), ==, CLOCK_ORIGIN + 250 * 1000);
  g_assert_cmpuint (changed, ==, 1);

  viva_clock_advance (clock, -1000);
  g_assert_cmpint (viva_clock_get_now (clock), ==, CLOCK_ORIGIN + 249 * 1000);
  g_assert_cmpuint (changed, ==, 2);

  /* Saturates both ways instead of wrapping. */
  viva_clock_advance (clock, G_MAXINT64);
  g_assert_cmpint (viva_clock_get_now (clock), ==, G_MAXINT64);
  viva_clock_advance (clock, G_MININT64);
  viva_clock_advance (clock, G_MININT64);
  g_assert_cmpint (viva_clock_get_now (clock), ==, G_MININT64);

  g_assert_finalize_object (g_steal_pointer (&clock));
}

static void
test_clock_system (void)
{
  VivaClock *clock = viva_clock_get_default ();
  gint64 before;
  gint64 after;

  g_assert_true (VIVA_IS_CLOCK (clock));
  g_assert_true (clock == viva_clock_get_default ());
  g_assert_false (viva_clock_is_fake (clock));

  before = viva_clock_get_now (clock);
  after = viva_clock_get_now (clock);
  g_assert_cmpint (before, <=, after);

  /* Only a fake clock can be moved. */
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*self->fake*");
  viva_clock_advance (clock, SEC);
  g_test_assert_expected_messages ();
}

/* Countdown, warning, overtime */

static void
test_countdown (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (CLOCK_ORIGIN);
  g_autoptr(VivaMockTimer) timer = timer_new_uniform (clock, 3, 5 * MINUTE);

  g_assert_cmpuint (viva_mock_timer_get_n_questions (timer), ==, 3);
  g_assert_cmpuint (viva_mock_timer_get_current (timer), ==, 0);
  g_assert_cmpint (viva_mock_timer_get_state (timer), ==, VIVA_MOCK_TIMER_STATE_NOT_STARTED);
  g_assert_true (viva_mock_timer_get_clock (timer) == clock);

  /* Not started: the clock does not count. */
  viva_clock_advance (clock, 7 * SEC);
  g_assert_cmpint (viva_mock_timer_get_remaining (timer), ==, 5 * MINUTE);
  g_assert_cmpint (viva_mock_timer_get_elapsed (timer), ==, 0);
  assert_remaining_format (timer, "05:00");

  viva_mock_timer_start (timer);
  g_assert_cmpint (viva_mock_timer_get_state (timer), ==, VIVA_MOCK_TIMER_STATE_RUNNING);
  assert_remaining_format (timer, "05:00");

  /* 4:59.5 left still reads 05:00: rounding up. */
  viva_clock_advance (clock, SEC / 2);
  g_assert_cmpint (viva_mock_timer_get_remaining (timer), ==, 5 * MINUTE - SEC / 2);
  assert_remaining_format (timer, "05:00");

  viva_clock_advance (clock, SEC / 2);
  assert_remaining_format (timer, "04:59");

  viva_clock_advance (clock, 5 * MINUTE - 2 * SEC);
  g_assert_cmpint (viva_mock_timer_get_remaining (timer), ==, SEC);
  assert_remaining_format (timer, "00:01");

  viva_clock_advance (clock, SEC - 1);
  g_assert_cmpint (viva_mock_timer_get_remaining (timer), ==, 1);
  assert_remaining_format (timer, "00:01");
  g_assert_cmpint (viva_mock_timer_get_phase (timer), ==, VIVA_MOCK_TIMER_PHASE_WARNING);

  viva_clock_advance (clock, 1);
  g_assert_cmpint (viva_mock_timer_get_remaining (timer), ==, 0);
  assert_remaining_format (timer, "00:00");
  g_assert_cmpint (viva_mock_timer_get_phase (timer), ==, VIVA_MOCK_TIMER_PHASE_OVERTIME);

  g_assert_cmpint (viva_mock_timer_get_spent (timer, 0), ==, 5 * MINUTE);
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 1), ==, 0);
  g_assert_cmpint (viva_mock_timer_get_elapsed (timer), ==, 5 * MINUTE);
  g_assert_cmpint (viva_mock_timer_get_total_budget (timer), ==, 15 * MINUTE);
  g_assert_cmpint (viva_mock_timer_get_total_remaining (timer), ==, 10 * MINUTE);

  g_assert_finalize_object (g_steal_pointer (&timer));
  g_assert_finalize_object (g_steal_pointer (&clock));
}

static void
test_warning (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (CLOCK_ORIGIN);
  g_autoptr(VivaMockTimer) timer = timer_new_uniform (clock, 2, 100 * SEC);
  g_autoptr(VivaMockTimer) odd = NULL;
  const gint64 odd_budget = 7;
  Recorder rec;

  recorder_watch (&rec, timer);

  g_assert_cmpint (viva_mock_timer_get_phase (timer), ==, VIVA_MOCK_TIMER_PHASE_NORMAL);
  viva_mock_timer_start (timer);

  /* 20% of 100 s is 20 s: one microsecond more is still normal. */
  viva_clock_advance (clock, 80 * SEC - 1);
  g_assert_cmpint (viva_mock_timer_get_phase (timer), ==, VIVA_MOCK_TIMER_PHASE_NORMAL);
  g_assert_cmpuint (rec.notify_phase, ==, 0);

  viva_clock_advance (clock, 1);
  g_assert_cmpint (viva_mock_timer_get_remaining (timer), ==, 20 * SEC);
  g_assert_cmpint (viva_mock_timer_get_phase (timer), ==, VIVA_MOCK_TIMER_PHASE_WARNING);
  g_assert_cmpuint (rec.notify_phase, ==, 1);

  viva_clock_advance (clock, 20 * SEC - 1);
  g_assert_cmpint (viva_mock_timer_get_phase (timer), ==, VIVA_MOCK_TIMER_PHASE_WARNING);
  g_assert_cmpuint (rec.notify_phase, ==, 1);

  viva_clock_advance (clock, 1);
  g_assert_cmpint (viva_mock_timer_get_phase (timer), ==, VIVA_MOCK_TIMER_PHASE_OVERTIME);
  g_assert_cmpuint (rec.notify_phase, ==, 2);

  /* The next question starts normal again. */
  g_assert_true (viva_mock_timer_next (timer));
  g_assert_cmpint (viva_mock_timer_get_phase (timer), ==, VIVA_MOCK_TIMER_PHASE_NORMAL);
  g_assert_cmpuint (rec.notify_phase, ==, 3);

  /* The threshold is exact for budgets that 5 does not divide: 20% of
   * 7 us is 1.4 us, so 2 us left is normal and 1 us is a warning. */
  odd = timer_new (clock, &odd_budget, 1, 0);
  viva_mock_timer_start (odd);
  viva_clock_advance (clock, 5);
  g_assert_cmpint (viva_mock_timer_get_phase (odd), ==, VIVA_MOCK_TIMER_PHASE_NORMAL);
  viva_clock_advance (clock, 1);
  g_assert_cmpint (viva_mock_timer_get_phase (odd), ==, VIVA_MOCK_TIMER_PHASE_WARNING);

  /* Finished: nothing counts down any more. */
  viva_mock_timer_finish (timer);
  g_assert_cmpint (viva_mock_timer_get_phase (timer), ==, VIVA_MOCK_TIMER_PHASE_NORMAL);

  g_assert_finalize_object (g_steal_pointer (&odd));
  g_assert_finalize_object (g_steal_pointer (&timer));
  g_assert_finalize_object (g_steal_pointer (&clock));
  recorder_clear (&rec);
}

static void
test_overtime (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (CLOCK_ORIGIN);
  g_autoptr(VivaMockTimer) timer = timer_new_uniform (clock, 2, MINUTE);
  g_autofree char *over = NULL;
  g_autofree char *label = NULL;

  viva_mock_timer_start (timer);
  viva_clock_advance (clock, MINUTE + 1500 * 1000);

  /* It does not skip: the question stays, the time counts up. */
  g_assert_cmpuint (viva_mock_timer_get_current (timer), ==, 0);
  g_assert_cmpint (viva_mock_timer_get_state (timer), ==, VIVA_MOCK_TIMER_STATE_RUNNING);
  g_assert_cmpint (viva_mock_timer_get_remaining (timer), ==, -1500 * 1000);
  g_assert_cmpint (viva_mock_timer_get_phase (timer), ==, VIVA_MOCK_TIMER_PHASE_OVERTIME);

  /* What the page shows: "+" and the magnitude, rounded up. */
  over = viva_mock_timer_format (-viva_mock_timer_get_remaining (timer));
  label = g_strconcat ("+", over, NULL);
  g_assert_cmpstr (label, ==, "+00:02");

  viva_clock_advance (clock, MINUTE);
  g_assert_cmpint (viva_mock_timer_get_remaining (timer), ==, -(MINUTE + 1500 * 1000));
  assert_remaining_format (timer, "01:02");
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 0), ==, 2 * MINUTE + 1500 * 1000);

  /* Right after the deadline the overtime already reads +00:01. */
  g_assert_true (viva_mock_timer_next (timer));
  viva_clock_advance (clock, MINUTE + 1);
  assert_remaining_format (timer, "00:01");
  g_assert_cmpint (viva_mock_timer_get_remaining (timer), ==, -1);

  g_assert_finalize_object (g_steal_pointer (&timer));
  g_assert_finalize_object (g_steal_pointer (&clock));
}

static void
test_time_up_once (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (CLOCK_ORIGIN);
  g_autoptr(VivaMockTimer) timer = timer_new_uniform (clock, 3, 10 * SEC);
  Recorder rec;

  recorder_watch (&rec, timer);

  /* Not while not started, however far the clock goes. */
  viva_clock_advance (clock, HOUR);
  g_assert_cmpuint (rec.time_up->len, ==, 0);

  viva_mock_timer_start (timer);
  viva_clock_advance (clock, 10 * SEC - 1);
  g_assert_cmpuint (rec.time_up->len, ==, 0);

  viva_clock_advance (clock, 1);
  g_assert_cmpuint (rec.time_up->len, ==, 1);
  g_assert_cmpuint (g_array_index (rec.time_up, guint, 0), ==, 0);

  /* Ticks, more overtime, pause and resume: still once. */
  for (guint i = 0; i < 10; i++)
    {
      viva_mock_timer_update (timer);
      viva_clock_advance (clock, 250 * 1000);
    }
  viva_mock_timer_pause (timer);
  viva_clock_advance (clock, MINUTE);
  viva_mock_timer_resume (timer);
  viva_clock_advance (clock, SEC);
  g_assert_cmpuint (rec.time_up->len, ==, 1);

  /* Left before its deadline: no time-up for that question. */
  g_assert_true (viva_mock_timer_next (timer));
  viva_clock_advance (clock, 5 * SEC);
  g_assert_true (viva_mock_timer_skip (timer));
  viva_clock_advance (clock, 30 * SEC);
  viva_clock_advance (clock, 30 * SEC);
  g_assert_cmpuint (rec.time_up->len, ==, 2);
  g_assert_cmpuint (recorder_time_up_count (&rec, 1), ==, 0);
  g_assert_cmpuint (recorder_time_up_count (&rec, 2), ==, 1);

  /* The sum of the budgets ran out during question 2. */
  g_assert_cmpuint (rec.total_time_up, ==, 1);

  /* Nothing after the end. */
  g_assert_false (viva_mock_timer_next (timer));
  viva_clock_advance (clock, HOUR);
  g_assert_cmpuint (rec.time_up->len, ==, 2);
  g_assert_cmpuint (rec.total_time_up, ==, 1);

  g_assert_finalize_object (g_steal_pointer (&timer));
  g_assert_finalize_object (g_steal_pointer (&clock));
  recorder_clear (&rec);
}

/* Pause */

static void
test_pause (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (CLOCK_ORIGIN);
  g_autoptr(VivaMockTimer) timer = timer_new_uniform (clock, 2, 5 * MINUTE);
  Recorder rec;

  recorder_watch (&rec, timer);

  /* Pause and resume mean nothing before the start. */
  viva_mock_timer_pause (timer);
  viva_mock_timer_resume (timer);
  g_assert_cmpint (viva_mock_timer_get_state (timer), ==, VIVA_MOCK_TIMER_STATE_NOT_STARTED);
  g_assert_cmpuint (rec.notify_state, ==, 0);

  viva_mock_timer_start (timer);
  viva_mock_timer_start (timer);
  g_assert_cmpuint (rec.notify_state, ==, 1);

  viva_clock_advance (clock, MINUTE);
  viva_mock_timer_pause (timer);
  g_assert_cmpint (viva_mock_timer_get_state (timer), ==, VIVA_MOCK_TIMER_STATE_PAUSED);
  g_assert_cmpuint (rec.notify_state, ==, 2);
  viva_mock_timer_pause (timer);
  g_assert_cmpuint (rec.notify_state, ==, 2);

  g_assert_cmpint (viva_mock_timer_get_remaining (timer), ==, 4 * MINUTE);

  /* Ten minutes of pause change nothing, not even the phase. */
  viva_clock_advance (clock, 10 * MINUTE);
  g_assert_cmpint (viva_mock_timer_get_remaining (timer), ==, 4 * MINUTE);
  g_assert_cmpint (viva_mock_timer_get_elapsed (timer), ==, MINUTE);
  g_assert_cmpint (viva_mock_timer_get_total_remaining (timer), ==, 9 * MINUTE);
  g_assert_cmpint (viva_mock_timer_get_phase (timer), ==, VIVA_MOCK_TIMER_PHASE_NORMAL);
  g_assert_cmpuint (rec.time_up->len, ==, 0);

  viva_mock_timer_resume (timer);
  g_assert_cmpint (viva_mock_timer_get_state (timer), ==, VIVA_MOCK_TIMER_STATE_RUNNING);
  g_assert_cmpint (viva_mock_timer_get_remaining (timer), ==, 4 * MINUTE);
  viva_mock_timer_resume (timer);
  g_assert_cmpuint (rec.notify_state, ==, 3);

  viva_clock_advance (clock, 30 * SEC);
  g_assert_cmpint (viva_mock_timer_get_remaining (timer), ==, 3 * MINUTE + 30 * SEC);
  assert_remaining_format (timer, "03:30");

  g_assert_finalize_object (g_steal_pointer (&timer));
  g_assert_finalize_object (g_steal_pointer (&clock));
  recorder_clear (&rec);
}

static void
test_pause_cycles (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (CLOCK_ORIGIN);
  g_autoptr(VivaMockTimer) timer = timer_new_uniform (clock, 1, HOUR);
  gint64 running = 0;

  viva_mock_timer_start (timer);

  /* Odd steps, so that any rounding or off-by-one would show. */
  for (gint64 i = 0; i < 1000; i++)
    {
      gint64 run_step = 2 * i + 1;
      gint64 pause_step = 1000003 + 2 * i;

      viva_clock_advance (clock, run_step);
      running += run_step;
      viva_mock_timer_pause (timer);
      g_assert_cmpint (viva_mock_timer_get_spent (timer, 0), ==, running);

      viva_clock_advance (clock, pause_step);
      viva_mock_timer_resume (timer);
      g_assert_cmpint (viva_mock_timer_get_spent (timer, 0), ==, running);
    }

  /* The sum of 1, 3, 5, ... 1999 is 1000². */
  g_assert_cmpint (running, ==, 1000 * 1000);
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 0), ==, running);
  g_assert_cmpint (viva_mock_timer_get_elapsed (timer), ==, running);
  g_assert_cmpint (viva_mock_timer_get_remaining (timer), ==, HOUR - running);

  g_assert_finalize_object (g_steal_pointer (&timer));
  g_assert_finalize_object (g_steal_pointer (&clock));
}

/* Next, Skip, End */

static void
test_next_skip (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (CLOCK_ORIGIN);
  g_autoptr(VivaMockTimer) timer = timer_new_uniform (clock, 4, MINUTE);
  Recorder rec;

  recorder_watch (&rec, timer);

  /* Nothing to leave before the start. */
  g_assert_false (viva_mock_timer_next (timer));
  g_assert_false (viva_mock_timer_skip (timer));
  g_assert_cmpuint (viva_mock_timer_get_current (timer), ==, 0);

  viva_mock_timer_start (timer);
  viva_clock_advance (clock, 10 * SEC);
  g_assert_true (viva_mock_timer_next (timer));
  g_assert_cmpuint (viva_mock_timer_get_current (timer), ==, 1);
  g_assert_cmpuint (rec.question_changed, ==, 1);
  g_assert_cmpuint (rec.notify_current, ==, 1);

  viva_clock_advance (clock, 20 * SEC);
  g_assert_true (viva_mock_timer_skip (timer));
  g_assert_cmpuint (viva_mock_timer_get_current (timer), ==, 2);
  g_assert_cmpuint (rec.question_changed, ==, 2);

  /* Next while paused moves on and stays paused. */
  viva_clock_advance (clock, 30 * SEC);
  viva_mock_timer_pause (timer);
  viva_clock_advance (clock, 5 * MINUTE);
  g_assert_true (viva_mock_timer_next (timer));
  g_assert_cmpuint (viva_mock_timer_get_current (timer), ==, 3);
  g_assert_cmpint (viva_mock_timer_get_state (timer), ==, VIVA_MOCK_TIMER_STATE_PAUSED);
  viva_clock_advance (clock, 5 * MINUTE);
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 3), ==, 0);
  viva_mock_timer_resume (timer);

  viva_clock_advance (clock, 40 * SEC);
  g_assert_false (viva_mock_timer_next (timer));
  g_assert_cmpint (viva_mock_timer_get_state (timer), ==, VIVA_MOCK_TIMER_STATE_FINISHED);
  /* The last question stays current. */
  g_assert_cmpuint (viva_mock_timer_get_current (timer), ==, 3);
  g_assert_cmpuint (rec.question_changed, ==, 3);

  g_assert_cmpint (viva_mock_timer_get_spent (timer, 0), ==, 10 * SEC);
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 1), ==, 20 * SEC);
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 2), ==, 30 * SEC);
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 3), ==, 40 * SEC);
  g_assert_false (viva_mock_timer_get_skipped (timer, 0));
  g_assert_true (viva_mock_timer_get_skipped (timer, 1));
  g_assert_false (viva_mock_timer_get_skipped (timer, 2));
  g_assert_false (viva_mock_timer_get_skipped (timer, 3));
  g_assert_cmpint (viva_mock_timer_get_elapsed (timer), ==, 100 * SEC);
  g_assert_cmpint (viva_mock_timer_get_total_budget (timer), ==, 4 * MINUTE);
  g_assert_cmpint (viva_mock_timer_get_total_remaining (timer), ==, 140 * SEC);

  /* Finished is final. */
  viva_clock_advance (clock, HOUR);
  g_assert_false (viva_mock_timer_next (timer));
  g_assert_false (viva_mock_timer_skip (timer));
  viva_mock_timer_resume (timer);
  viva_mock_timer_start (timer);
  viva_mock_timer_finish (timer);
  g_assert_cmpint (viva_mock_timer_get_state (timer), ==, VIVA_MOCK_TIMER_STATE_FINISHED);
  g_assert_cmpint (viva_mock_timer_get_elapsed (timer), ==, 100 * SEC);
  g_assert_cmpuint (rec.question_changed, ==, 3);
  g_assert_cmpuint (rec.time_up->len, ==, 0);

  g_assert_finalize_object (g_steal_pointer (&timer));
  g_assert_finalize_object (g_steal_pointer (&clock));
  recorder_clear (&rec);
}

static void
test_skip_last_and_finish (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (CLOCK_ORIGIN);
  g_autoptr(VivaMockTimer) timer = timer_new_uniform (clock, 2, MINUTE);
  g_autoptr(VivaMockTimer) ended = timer_new_uniform (clock, 3, MINUTE);

  viva_mock_timer_start (timer);
  viva_clock_advance (clock, SEC);
  g_assert_true (viva_mock_timer_next (timer));
  viva_clock_advance (clock, 2 * SEC);
  g_assert_false (viva_mock_timer_skip (timer));
  g_assert_cmpint (viva_mock_timer_get_state (timer), ==, VIVA_MOCK_TIMER_STATE_FINISHED);
  g_assert_true (viva_mock_timer_get_skipped (timer, 1));
  g_assert_cmpint (viva_mock_timer_get_elapsed (timer), ==, 3 * SEC);

  /* End interview in the middle keeps the time, marks nothing skipped. */
  viva_mock_timer_start (ended);
  viva_clock_advance (clock, 4 * SEC);
  g_assert_true (viva_mock_timer_next (ended));
  viva_clock_advance (clock, 5 * SEC);
  viva_mock_timer_finish (ended);
  viva_clock_advance (clock, MINUTE);
  g_assert_cmpint (viva_mock_timer_get_state (ended), ==, VIVA_MOCK_TIMER_STATE_FINISHED);
  g_assert_cmpuint (viva_mock_timer_get_current (ended), ==, 1);
  g_assert_cmpint (viva_mock_timer_get_spent (ended, 1), ==, 5 * SEC);
  g_assert_cmpint (viva_mock_timer_get_spent (ended, 2), ==, 0);
  g_assert_false (viva_mock_timer_get_skipped (ended, 1));
  g_assert_cmpint (viva_mock_timer_get_elapsed (ended), ==, 9 * SEC);

  g_assert_finalize_object (g_steal_pointer (&ended));
  g_assert_finalize_object (g_steal_pointer (&timer));
  g_assert_finalize_object (g_steal_pointer (&clock));
}

/* Auto-advance */

static void
test_auto_advance (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (CLOCK_ORIGIN);
  g_autoptr(VivaMockTimer) timer = timer_new_uniform (clock, 3, MINUTE);
  Recorder rec;

  recorder_watch (&rec, timer);

  viva_mock_timer_set_auto_advance (timer, TRUE);
  viva_mock_timer_set_auto_advance (timer, TRUE);
  g_assert_true (viva_mock_timer_get_auto_advance (timer));
  g_assert_cmpuint (rec.notify_auto_advance, ==, 1);

  viva_mock_timer_start (timer);
  viva_clock_advance (clock, MINUTE - 1);
  g_assert_cmpuint (viva_mock_timer_get_current (timer), ==, 0);

  viva_clock_advance (clock, 1);
  g_assert_cmpuint (viva_mock_timer_get_current (timer), ==, 1);
  g_assert_cmpuint (rec.time_up->len, ==, 1);
  g_assert_cmpuint (g_array_index (rec.time_up, guint, 0), ==, 0);
  g_assert_cmpuint (rec.question_changed, ==, 1);
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 0), ==, MINUTE);
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 1), ==, 0);
  g_assert_false (viva_mock_timer_get_skipped (timer, 0));

  /* The update comes 700 ms late: question 1 is still charged exactly its
   * budget, and question 2 began at the deadline, not at the update. */
  viva_clock_advance (clock, MINUTE + 700 * 1000);
  g_assert_cmpuint (viva_mock_timer_get_current (timer), ==, 2);
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 1), ==, MINUTE);
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 2), ==, 700 * 1000);
  g_assert_cmpint (viva_mock_timer_get_elapsed (timer), ==, 2 * MINUTE + 700 * 1000);

  /* The last question's time-up ends the interview, at its deadline. The
   * sum of budgets runs out at the same instant; the interview is then
   * over, so no total-time-up follows. */
  viva_clock_advance (clock, MINUTE);
  g_assert_cmpint (viva_mock_timer_get_state (timer), ==, VIVA_MOCK_TIMER_STATE_FINISHED);
  g_assert_cmpuint (viva_mock_timer_get_current (timer), ==, 2);
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 2), ==, MINUTE);
  g_assert_cmpint (viva_mock_timer_get_elapsed (timer), ==, 3 * MINUTE);
  g_assert_cmpint (viva_mock_timer_get_total_remaining (timer), ==, 0);
  g_assert_cmpuint (rec.time_up->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (g_array_index (rec.time_up, guint, i), ==, i);
  g_assert_cmpuint (rec.total_time_up, ==, 0);
  g_assert_cmpuint (rec.question_changed, ==, 2);

  g_assert_finalize_object (g_steal_pointer (&timer));
  g_assert_finalize_object (g_steal_pointer (&clock));
  recorder_clear (&rec);
}

/* A long suspend with auto-advance runs through several questions at once,
 * each charged exactly its budget; a question without a budget stops it. */
static void
test_auto_advance_many (void)
{
  static const gint64 budgets[] = { MINUTE, 2 * MINUTE, 3 * MINUTE, 0, MINUTE };
  g_autoptr(VivaClock) clock = viva_clock_new_fake (CLOCK_ORIGIN);
  g_autoptr(VivaMockTimer) timer = timer_new (clock, budgets, G_N_ELEMENTS (budgets), 0);
  Recorder rec;

  recorder_watch (&rec, timer);
  viva_mock_timer_set_auto_advance (timer, TRUE);
  viva_mock_timer_start (timer);
  viva_clock_advance (clock, 30 * SEC);
  viva_clock_advance (clock, 3 * HOUR);

  g_assert_cmpuint (viva_mock_timer_get_current (timer), ==, 3);
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 0), ==, MINUTE);
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 1), ==, 2 * MINUTE);
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 2), ==, 3 * MINUTE);
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 3), ==, 3 * HOUR + 30 * SEC - 6 * MINUTE);
  g_assert_cmpint (viva_mock_timer_get_elapsed (timer), ==, 3 * HOUR + 30 * SEC);

  /* In order, once each; the total (7 min) was up during question 3 and
   * is reported after the deadlines that passed before it. */
  g_assert_cmpuint (rec.time_up->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (g_array_index (rec.time_up, guint, i), ==, i);
  g_assert_cmpuint (rec.total_time_up, ==, 1);
  /* One update, one change of question. */
  g_assert_cmpuint (rec.question_changed, ==, 1);
  g_assert_cmpuint (rec.notify_current, ==, 1);

  /* Question 3 has no budget; its countdown is the interview's. */
  g_assert_cmpint (viva_mock_timer_get_phase (timer), ==, VIVA_MOCK_TIMER_PHASE_OVERTIME);

  g_assert_finalize_object (g_steal_pointer (&timer));
  g_assert_finalize_object (g_steal_pointer (&clock));
  recorder_clear (&rec);
}

/* One budget for the whole interview */

static void
test_total_budget (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (CLOCK_ORIGIN);
  g_autoptr(VivaMockTimer) timer = timer_new (clock, NULL, 5, 30 * MINUTE);
  Recorder rec;

  recorder_watch (&rec, timer);

  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (viva_mock_timer_get_budget (timer, i), ==, 0);
  g_assert_cmpint (viva_mock_timer_get_total_budget (timer), ==, 30 * MINUTE);
  g_assert_cmpint (viva_mock_timer_get_total_remaining (timer), ==, 30 * MINUTE);

  viva_mock_timer_start (timer);
  viva_clock_advance (clock, 7 * MINUTE);
  g_assert_true (viva_mock_timer_next (timer));
  viva_clock_advance (clock, 11 * MINUTE);
  g_assert_true (viva_mock_timer_skip (timer));
  g_assert_cmpint (viva_mock_timer_get_total_remaining (timer), ==, 12 * MINUTE);
  g_assert_cmpint (viva_mock_timer_get_phase (timer), ==, VIVA_MOCK_TIMER_PHASE_NORMAL);

  /* The phase follows the total: 20% of 30 min is 6 min. */
  viva_clock_advance (clock, 6 * MINUTE - 1);
  g_assert_cmpint (viva_mock_timer_get_phase (timer), ==, VIVA_MOCK_TIMER_PHASE_NORMAL);
  viva_clock_advance (clock, 1);
  g_assert_cmpint (viva_mock_timer_get_phase (timer), ==, VIVA_MOCK_TIMER_PHASE_WARNING);
  g_assert_cmpuint (rec.total_time_up, ==, 0);

  viva_clock_advance (clock, 6 * MINUTE);
  g_assert_cmpint (viva_mock_timer_get_total_remaining (timer), ==, 0);
  g_assert_cmpint (viva_mock_timer_get_phase (timer), ==, VIVA_MOCK_TIMER_PHASE_OVERTIME);
  g_assert_cmpuint (rec.total_time_up, ==, 1);

  /* Without auto-advance the interview goes on in overtime. */
  viva_clock_advance (clock, 90 * SEC);
  g_assert_true (viva_mock_timer_next (timer));
  viva_clock_advance (clock, MINUTE);
  g_assert_cmpint (viva_mock_timer_get_state (timer), ==, VIVA_MOCK_TIMER_STATE_RUNNING);
  g_assert_cmpint (viva_mock_timer_get_total_remaining (timer), ==, -150 * SEC);
  g_assert_cmpint (viva_mock_timer_get_elapsed (timer), ==, 30 * MINUTE + 150 * SEC);
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 2), ==, 12 * MINUTE + 90 * SEC);
  g_assert_cmpuint (rec.total_time_up, ==, 1);
  g_assert_cmpuint (rec.time_up->len, ==, 0);

  g_assert_finalize_object (g_steal_pointer (&timer));
  g_assert_finalize_object (g_steal_pointer (&clock));
  recorder_clear (&rec);
}

/* With an explicit total, auto-advance ends the interview at exactly the
 * total, however late the update. */
static void
test_total_budget_auto_advance (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (CLOCK_ORIGIN);
  g_autoptr(VivaMockTimer) timer = timer_new (clock, NULL, 5, 30 * MINUTE);
  Recorder rec;

  recorder_watch (&rec, timer);
  viva_mock_timer_set_auto_advance (timer, TRUE);
  viva_mock_timer_start (timer);
  viva_clock_advance (clock, 20 * MINUTE);
  g_assert_true (viva_mock_timer_next (timer));
  viva_clock_advance (clock, 10 * MINUTE + 5 * SEC);

  g_assert_cmpint (viva_mock_timer_get_state (timer), ==, VIVA_MOCK_TIMER_STATE_FINISHED);
  g_assert_cmpuint (viva_mock_timer_get_current (timer), ==, 1);
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 1), ==, 10 * MINUTE);
  g_assert_cmpint (viva_mock_timer_get_elapsed (timer), ==, 30 * MINUTE);
  g_assert_cmpuint (rec.total_time_up, ==, 1);
  g_assert_cmpuint (rec.time_up->len, ==, 0);

  g_assert_finalize_object (g_steal_pointer (&timer));
  g_assert_finalize_object (g_steal_pointer (&clock));
  recorder_clear (&rec);
}

/* Clock jumps */

static void
test_clock_jump_forward (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (CLOCK_ORIGIN);
  g_autoptr(VivaMockTimer) timer = timer_new_uniform (clock, 10, 5 * MINUTE);
  g_autoptr(VivaClock) extreme_clock = viva_clock_new_fake (G_MININT64);
  g_autoptr(VivaMockTimer) extreme = timer_new_uniform (extreme_clock, 2, 5 * MINUTE);
  g_autofree char *text = NULL;
  Recorder rec;

  recorder_watch (&rec, timer);
  viva_mock_timer_start (timer);
  viva_clock_advance (clock, MINUTE);

  /* Three hours of suspend: a large overtime, counted once. */
  viva_clock_advance (clock, 3 * HOUR);
  g_assert_cmpuint (viva_mock_timer_get_current (timer), ==, 0);
  g_assert_cmpint (viva_mock_timer_get_state (timer), ==, VIVA_MOCK_TIMER_STATE_RUNNING);
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 0), ==, 3 * HOUR + MINUTE);
  g_assert_cmpint (viva_mock_timer_get_remaining (timer), ==, -(3 * HOUR - 4 * MINUTE));
  g_assert_cmpint (viva_mock_timer_get_elapsed (timer), ==, 3 * HOUR + MINUTE);
  g_assert_cmpint (viva_mock_timer_get_total_remaining (timer), ==, 50 * MINUTE - 3 * HOUR - MINUTE);
  g_assert_cmpint (viva_mock_timer_get_phase (timer), ==, VIVA_MOCK_TIMER_PHASE_OVERTIME);
  assert_remaining_format (timer, "2:56:00");
  g_assert_cmpuint (rec.time_up->len, ==, 1);
  g_assert_cmpuint (rec.total_time_up, ==, 1);

  /* From the very bottom of the clock's range to the very top: saturates
   * rather than wrapping into negative times. */
  viva_mock_timer_start (extreme);
  viva_clock_advance (extreme_clock, G_MAXINT64);
  viva_clock_advance (extreme_clock, G_MAXINT64);
  viva_clock_advance (extreme_clock, G_MAXINT64);
  g_assert_cmpint (viva_clock_get_now (extreme_clock), ==, G_MAXINT64);
  g_assert_cmpint (viva_mock_timer_get_spent (extreme, 0), ==, G_MAXINT64);
  g_assert_cmpint (viva_mock_timer_get_elapsed (extreme), ==, G_MAXINT64);
  g_assert_cmpint (viva_mock_timer_get_remaining (extreme), ==, 5 * MINUTE - G_MAXINT64);
  g_assert_cmpint (viva_mock_timer_get_total_remaining (extreme), ==, 10 * MINUTE - G_MAXINT64);
  g_assert_cmpint (viva_mock_timer_get_phase (extreme), ==, VIVA_MOCK_TIMER_PHASE_OVERTIME);
  text = viva_mock_timer_format (viva_mock_timer_get_remaining (extreme));
  g_assert_nonnull (text);
  g_assert_true (viva_mock_timer_next (extreme));
  g_assert_cmpint (viva_mock_timer_get_elapsed (extreme), ==, G_MAXINT64);

  g_assert_finalize_object (g_steal_pointer (&extreme));
  g_assert_finalize_object (g_steal_pointer (&extreme_clock));
  g_assert_finalize_object (g_steal_pointer (&timer));
  g_assert_finalize_object (g_steal_pointer (&clock));
  recorder_clear (&rec);
}

static void
test_clock_step_back (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (CLOCK_ORIGIN);
  g_autoptr(VivaMockTimer) timer = timer_new_uniform (clock, 2, MINUTE);
  g_autoptr(VivaMockTimer) fresh = NULL;

  viva_mock_timer_start (timer);
  viva_clock_advance (clock, 10 * SEC);

  /* Going back counts as no time passing: not 5 s, and never negative. */
  viva_clock_advance (clock, -5 * SEC);
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 0), ==, 10 * SEC);
  viva_clock_advance (clock, 3 * SEC);
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 0), ==, 13 * SEC);

  /* Far back while paused, then on. */
  viva_mock_timer_pause (timer);
  viva_clock_advance (clock, -HOUR);
  viva_mock_timer_resume (timer);
  viva_clock_advance (clock, 2 * SEC);
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 0), ==, 15 * SEC);

  /* Back right after the next question started. */
  g_assert_true (viva_mock_timer_next (timer));
  viva_clock_advance (clock, -HOUR);
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 1), ==, 0);
  g_assert_cmpint (viva_mock_timer_get_remaining (timer), ==, MINUTE);
  viva_clock_advance (clock, SEC);
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 1), ==, SEC);
  g_assert_cmpint (viva_mock_timer_get_elapsed (timer), ==, 16 * SEC);

  /* A timer made, then the clock steps back before it starts. */
  fresh = timer_new_uniform (clock, 1, MINUTE);
  viva_clock_advance (clock, -HOUR);
  viva_mock_timer_start (fresh);
  viva_clock_advance (clock, -1);
  g_assert_cmpint (viva_mock_timer_get_spent (fresh, 0), ==, 0);
  viva_clock_advance (clock, 2);
  g_assert_cmpint (viva_mock_timer_get_spent (fresh, 0), ==, 2);

  g_assert_finalize_object (g_steal_pointer (&fresh));
  g_assert_finalize_object (g_steal_pointer (&timer));
  g_assert_finalize_object (g_steal_pointer (&clock));
}

/* 45-minute interviews in 250 ms ticks */

#define SESSION_QUESTIONS 10
#define SESSION_LENGTH    (45 * MINUTE)
#define TICK              (250 * 1000)

/* A tick that is never exactly 250 ms, as with a real main loop. */
static gint64
session_tick (GRand *rand)
{
  return TICK + g_rand_int_range (rand, -4999, 5000);
}

/* Auto-advance through ten 4.5-minute questions with pauses here and there:
 * every figure, at every tick, equals what an independent count of the
 * running intervals says, to the microsecond. */
static void
test_session_auto_advance (void)
{
  const gint64 budget = SESSION_LENGTH / SESSION_QUESTIONS;
  g_autoptr(VivaClock) clock = viva_clock_new_fake (CLOCK_ORIGIN);
  g_autoptr(VivaMockTimer) timer = timer_new_uniform (clock, SESSION_QUESTIONS, budget);
  g_autoptr(GRand) rand = g_rand_new_with_seed (0x5eed4511);
  gint64 running = 0;
  gint64 wall = 0;
  guint pauses = 0;
  Recorder rec;

  recorder_watch (&rec, timer);
  viva_mock_timer_set_auto_advance (timer, TRUE);
  viva_mock_timer_start (timer);

  while (viva_mock_timer_get_state (timer) != VIVA_MOCK_TIMER_STATE_FINISHED)
    {
      gboolean paused = viva_mock_timer_get_state (timer) == VIVA_MOCK_TIMER_STATE_PAUSED;
      gint64 step = session_tick (rand);
      guint expected_current;

      viva_clock_advance (clock, step);
      wall += step;
      if (!paused)
        running = MIN (running + step, SESSION_LENGTH);

      g_assert_cmpint (viva_mock_timer_get_elapsed (timer), ==, running);

      if (running == SESSION_LENGTH)
        {
          g_assert_cmpint (viva_mock_timer_get_state (timer), ==, VIVA_MOCK_TIMER_STATE_FINISHED);
          break;
        }

      expected_current = (guint) (running / budget);
      g_assert_cmpuint (viva_mock_timer_get_current (timer), ==, expected_current);
      g_assert_cmpint (viva_mock_timer_get_spent (timer, expected_current), ==,
                       running - expected_current * budget);
      g_assert_cmpint (viva_mock_timer_get_remaining (timer), ==,
                       (expected_current + 1) * budget - running);
      g_assert_cmpint (viva_mock_timer_get_total_remaining (timer), ==, SESSION_LENGTH - running);

      /* Now and then the user pauses for a few seconds. */
      if (paused && g_rand_int_range (rand, 0, 8) == 0)
        viva_mock_timer_resume (timer);
      else if (!paused && g_rand_int_range (rand, 0, 400) == 0)
        {
          viva_mock_timer_pause (timer);
          pauses++;
        }
    }

  g_assert_cmpuint (pauses, >, 10);
  g_assert_cmpint (wall, >, SESSION_LENGTH);
  g_assert_cmpint (viva_mock_timer_get_elapsed (timer), ==, SESSION_LENGTH);
  g_assert_cmpint (viva_mock_timer_get_total_remaining (timer), ==, 0);
  for (guint i = 0; i < SESSION_QUESTIONS; i++)
    {
      g_assert_cmpint (viva_mock_timer_get_spent (timer, i), ==, budget);
      g_assert_cmpuint (recorder_time_up_count (&rec, i), ==, 1);
    }
  g_assert_cmpuint (rec.time_up->len, ==, SESSION_QUESTIONS);
  g_assert_cmpuint (rec.question_changed, ==, SESSION_QUESTIONS - 1);

  g_assert_finalize_object (g_steal_pointer (&timer));
  g_assert_finalize_object (g_steal_pointer (&clock));
  recorder_clear (&rec);
}

/* The user answers each 5-minute question after 3 to 5.5 minutes (some in
 * overtime), pausing now and then, clicking Next between ticks. The times
 * are chosen to add up to 45 minutes; the timer must agree exactly. */
static void
test_session_manual (void)
{
  const gint64 budget = 5 * MINUTE;
  g_autoptr(VivaClock) clock = viva_clock_new_fake (CLOCK_ORIGIN);
  g_autoptr(VivaMockTimer) timer = timer_new_uniform (clock, SESSION_QUESTIONS, budget);
  g_autoptr(GRand) rand = g_rand_new_with_seed (0x45a11);
  gint64 target[SESSION_QUESTIONS];
  gint64 planned = 0;
  gint64 on_question = 0;
  guint ticks = 0;
  Recorder rec;

  for (guint i = 0; i + 1 < SESSION_QUESTIONS; i++)
    {
      target[i] = g_rand_int_range (rand, 3 * 60 * 1000, 11 * 30 * 1000) * (gint64) 1000 +
                  g_rand_int_range (rand, 0, 1000);
      planned += target[i];
    }
  target[SESSION_QUESTIONS - 1] = SESSION_LENGTH - planned;
  g_assert_cmpint (target[SESSION_QUESTIONS - 1], >, 0);

  recorder_watch (&rec, timer);
  viva_mock_timer_start (timer);

  while (viva_mock_timer_get_state (timer) != VIVA_MOCK_TIMER_STATE_FINISHED)
    {
      guint current = viva_mock_timer_get_current (timer);
      gboolean paused = viva_mock_timer_get_state (timer) == VIVA_MOCK_TIMER_STATE_PAUSED;
      gint64 step = session_tick (rand);

      if (!paused && on_question + step >= target[current])
        {
          /* The click lands between two ticks. */
          viva_clock_advance (clock, target[current] - on_question);
          g_assert_cmpint (viva_mock_timer_get_spent (timer, current), ==, target[current]);
          g_assert_cmpint (viva_mock_timer_next (timer), ==, current + 1 < SESSION_QUESTIONS);
          on_question = 0;
          continue;
        }

      viva_clock_advance (clock, step);
      ticks++;
      if (!paused)
        on_question += step;

      g_assert_cmpint (viva_mock_timer_get_spent (timer, current), ==, on_question);
      g_assert_cmpint (viva_mock_timer_get_remaining (timer), ==, budget - on_question);

      if (paused && g_rand_int_range (rand, 0, 20) == 0)
        viva_mock_timer_resume (timer);
      else if (!paused && g_rand_int_range (rand, 0, 300) == 0)
        viva_mock_timer_pause (timer);
    }

  g_assert_cmpuint (ticks, >, SESSION_LENGTH / (TICK + 5000));
  g_assert_cmpint (viva_mock_timer_get_elapsed (timer), ==, SESSION_LENGTH);
  for (guint i = 0; i < SESSION_QUESTIONS; i++)
    {
      g_assert_cmpint (viva_mock_timer_get_spent (timer, i), ==, target[i]);
      g_assert_false (viva_mock_timer_get_skipped (timer, i));
      /* Time-up exactly for the questions answered at or past 5 min. */
      g_assert_cmpuint (recorder_time_up_count (&rec, i), ==, target[i] >= budget ? 1 : 0);
    }
  g_assert_cmpuint (rec.question_changed, ==, SESSION_QUESTIONS - 1);

  g_assert_finalize_object (g_steal_pointer (&timer));
  g_assert_finalize_object (g_steal_pointer (&clock));
  recorder_clear (&rec);
}

/* The time lives once: the session holds every figure the timer counts,
 * as it counts it, with nothing copied afterwards; a checkpoint brings
 * the running segment in without changing any figure the timer shows,
 * and without moving a deadline that update() has not acted on yet. */
static void
test_figures_live_in_session (void)
{
  static const gint64 budgets[] = { MINUTE, MINUTE, MINUTE };
  g_autoptr(VivaClock) clock = viva_clock_new_fake (CLOCK_ORIGIN);
  g_autoptr(VivaMockSession) session = session_new (budgets, 3, 0);
  g_autoptr(VivaMockTimer) timer = viva_mock_timer_new (clock, session);
  VivaMockItem *first = viva_mock_session_get_item (session, 0);
  VivaMockItem *second = viva_mock_session_get_item (session, 1);
  guint changed = 0;

  g_signal_connect (session, "changed", G_CALLBACK (count_cb), &changed);
  g_assert_true (viva_mock_timer_get_session (timer) == session);

  viva_mock_timer_start (timer);
  g_assert_cmpint (viva_mock_session_get_state (session), ==, VIVA_MOCK_SESSION_STATE_RUNNING);
  g_assert_cmpuint (changed, ==, 1);

  viva_clock_advance (clock, 50 * SEC);
  g_assert_true (viva_mock_timer_skip (timer));
  g_assert_cmpint (viva_mock_item_get_spent (first), ==, 50 * SEC);
  g_assert_true (viva_mock_item_get_skipped (first));
  g_assert_cmpuint (viva_mock_session_get_current (session), ==, 1);

  /* The running segment is the timer's until a checkpoint. */
  viva_clock_advance (clock, 20 * SEC);
  g_assert_cmpint (viva_mock_item_get_spent (second), ==, 0);
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 1), ==, 20 * SEC);
  viva_mock_timer_checkpoint (timer);
  g_assert_cmpint (viva_mock_item_get_spent (second), ==, 20 * SEC);
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 1), ==, 20 * SEC);
  g_assert_cmpint (viva_mock_timer_get_elapsed (timer), ==, 70 * SEC);
  viva_clock_advance (clock, 5 * SEC);
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 1), ==, 25 * SEC);

  /* Paused: the session says so, with the time up to the pause. */
  viva_mock_timer_pause (timer);
  g_assert_cmpint (viva_mock_session_get_state (session), ==, VIVA_MOCK_SESSION_STATE_PAUSED);
  g_assert_cmpint (viva_mock_item_get_spent (second), ==, 25 * SEC);
  g_assert_true (viva_mock_session_get_unfinished (session));

  viva_mock_timer_resume (timer);
  viva_clock_advance (clock, 35 * SEC);
  viva_mock_timer_finish (timer);
  g_assert_cmpint (viva_mock_session_get_state (session), ==, VIVA_MOCK_SESSION_STATE_FINISHED);
  g_assert_cmpint (viva_mock_item_get_spent (second), ==, MINUTE);
  g_assert_cmpint (viva_mock_session_get_finished (session), >, 0);
  g_assert_false (viva_mock_session_get_unfinished (session));

  g_assert_finalize_object (g_steal_pointer (&timer));
  g_assert_finalize_object (g_steal_pointer (&session));
  g_assert_finalize_object (g_steal_pointer (&clock));
}

/* Surviving a crash or quit */

static void
test_snapshot_round_trip (void)
{
  static const gint64 budgets[] = { MINUTE, 2 * MINUTE, MINUTE };
  g_autoptr(VivaClock) clock = viva_clock_new_fake (CLOCK_ORIGIN);
  g_autoptr(VivaMockSession) session = session_new (budgets, 3, 0);
  g_autoptr(VivaMockTimer) timer = viva_mock_timer_new (clock, session);
  g_autoptr(VivaClock) later_clock = NULL;
  g_autoptr(VivaMockSession) saved = NULL;
  g_autoptr(VivaMockTimer) restored = NULL;
  gint64 spent[3];
  gboolean skipped[3];
  VivaMockTimerState state;
  guint current;
  Recorder rec;

  viva_mock_timer_start (timer);
  viva_clock_advance (clock, 50 * SEC);
  g_assert_true (viva_mock_timer_skip (timer));
  viva_clock_advance (clock, 30 * SEC + 7);

  /* What the page does before the store saves: the session then holds
   * every figure, the running segment included. */
  viva_mock_timer_checkpoint (timer);
  current = viva_mock_session_get_current (session);
  for (guint i = 0; i < 3; i++)
    {
      spent[i] = viva_mock_item_get_spent (viva_mock_session_get_item (session, i));
      skipped[i] = viva_mock_item_get_skipped (viva_mock_session_get_item (session, i));
    }
  state = (VivaMockTimerState) viva_mock_session_get_state (session);
  g_assert_cmpuint (current, ==, 1);
  g_assert_cmpint (spent[0], ==, 50 * SEC);
  g_assert_cmpint (spent[1], ==, 30 * SEC + 7);
  g_assert_cmpint (spent[2], ==, 0);
  g_assert_true (skipped[0]);
  g_assert_false (skipped[1]);
  g_assert_false (skipped[2]);
  g_assert_cmpint (state, ==, VIVA_MOCK_TIMER_STATE_RUNNING);
  g_assert_true (viva_mock_timer_check_snapshot (budgets, 3, 0, current, spent, skipped, state));
  g_assert_true (viva_mock_timer_check_session (session));

  /* After a reboot the system clock starts again from another origin;
   * only durations were kept, so that does not matter. */
  later_clock = viva_clock_new_fake (-77);
  saved = session_reload (session);
  restored = viva_mock_timer_new (later_clock, saved);
  recorder_watch (&rec, restored);

  g_assert_cmpint (viva_mock_timer_get_state (restored), ==, VIVA_MOCK_TIMER_STATE_PAUSED);
  g_assert_cmpuint (viva_mock_timer_get_current (restored), ==, 1);
  g_assert_cmpint (viva_mock_timer_get_spent (restored, 0), ==, 50 * SEC);
  g_assert_cmpint (viva_mock_timer_get_spent (restored, 1), ==, 30 * SEC + 7);
  g_assert_true (viva_mock_timer_get_skipped (restored, 0));
  g_assert_cmpint (viva_mock_timer_get_elapsed (restored), ==, 80 * SEC + 7);
  g_assert_cmpint (viva_mock_timer_get_total_budget (restored), ==, 4 * MINUTE);

  /* Paused until the user resumes. */
  viva_clock_advance (later_clock, HOUR);
  g_assert_cmpint (viva_mock_timer_get_spent (restored, 1), ==, 30 * SEC + 7);

  viva_mock_timer_resume (restored);
  viva_clock_advance (later_clock, 10 * SEC);
  g_assert_cmpint (viva_mock_timer_get_spent (restored, 1), ==, 40 * SEC + 7);
  g_assert_cmpint (viva_mock_timer_get_remaining (restored), ==, 80 * SEC - 7);
  g_assert_true (viva_mock_timer_next (restored));
  g_assert_cmpuint (viva_mock_timer_get_current (restored), ==, 2);
  g_assert_cmpuint (rec.time_up->len, ==, 0);

  /* The original goes on by itself, unaffected. */
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 1), ==, 30 * SEC + 7);

  g_assert_finalize_object (g_steal_pointer (&restored));
  g_assert_finalize_object (g_steal_pointer (&later_clock));
  g_assert_finalize_object (g_steal_pointer (&timer));
  g_assert_finalize_object (g_steal_pointer (&clock));
  recorder_clear (&rec);
}

/* A question that was already past its deadline when the app stopped gets
 * its time-up once, on the first update after resuming; with auto-advance
 * it is charged what it really took, never less. */
static void
test_snapshot_overtime (void)
{
  static const gint64 budgets[] = { MINUTE, MINUTE };
  static const gint64 spent[] = { 90 * SEC, 0 };
  static const gboolean skipped[] = { FALSE, FALSE };
  g_autoptr(VivaClock) clock = viva_clock_new_fake (CLOCK_ORIGIN);
  g_autoptr(VivaMockSession) running = session_new (budgets, 2, 0);
  g_autoptr(VivaMockSession) paused = session_new (budgets, 2, 0);
  g_autoptr(VivaMockTimer) timer = NULL;
  g_autoptr(VivaMockTimer) advancing = NULL;
  Recorder rec;

  g_assert_true (viva_mock_timer_check_snapshot (budgets, 2, 0, 0, spent, skipped, VIVA_MOCK_TIMER_STATE_RUNNING));
  _viva_mock_session_add_spent (running, 0, spent[0]);
  _viva_mock_session_load_progress (running, 0, VIVA_MOCK_SESSION_STATE_RUNNING, 0);
  _viva_mock_session_add_spent (paused, 0, spent[0]);
  _viva_mock_session_load_progress (paused, 0, VIVA_MOCK_SESSION_STATE_PAUSED, 0);

  timer = viva_mock_timer_new (clock, running);
  g_assert_cmpint (viva_mock_timer_get_state (timer), ==, VIVA_MOCK_TIMER_STATE_PAUSED);
  recorder_watch (&rec, timer);
  g_assert_cmpint (viva_mock_timer_get_phase (timer), ==, VIVA_MOCK_TIMER_PHASE_OVERTIME);

  viva_mock_timer_update (timer);
  g_assert_cmpuint (rec.time_up->len, ==, 0);

  viva_mock_timer_resume (timer);
  g_assert_cmpuint (rec.time_up->len, ==, 0);
  viva_mock_timer_update (timer);
  g_assert_cmpuint (rec.time_up->len, ==, 1);
  viva_mock_timer_update (timer);
  viva_clock_advance (clock, SEC);
  g_assert_cmpuint (rec.time_up->len, ==, 1);
  g_assert_cmpuint (viva_mock_timer_get_current (timer), ==, 0);
  g_assert_cmpint (viva_mock_timer_get_remaining (timer), ==, -31 * SEC);

  advancing = viva_mock_timer_new (clock, paused);
  viva_mock_timer_set_auto_advance (advancing, TRUE);
  viva_mock_timer_resume (advancing);
  viva_clock_advance (clock, 3 * SEC);
  g_assert_cmpuint (viva_mock_timer_get_current (advancing), ==, 1);
  g_assert_cmpint (viva_mock_timer_get_spent (advancing, 0), ==, 90 * SEC);
  g_assert_cmpint (viva_mock_timer_get_spent (advancing, 1), ==, 3 * SEC);

  g_assert_finalize_object (g_steal_pointer (&advancing));
  g_assert_finalize_object (g_steal_pointer (&timer));
  g_assert_finalize_object (g_steal_pointer (&clock));
  recorder_clear (&rec);
}

/* A snapshot comes from a file that can be damaged. */
static void
test_snapshot_check (void)
{
  static const gint64 budgets[] = { MINUTE, MINUTE, MINUTE };
  gint64 spent[] = { 10, 20, 0 };
  gboolean skipped[] = { TRUE, FALSE, FALSE };
  gint64 bad_budgets[] = { MINUTE, -1, MINUTE };

#define CHECK(current, state) \
  viva_mock_timer_check_snapshot (budgets, 3, 0, current, spent, skipped, state)

  g_assert_true (CHECK (1, VIVA_MOCK_TIMER_STATE_RUNNING));
  g_assert_true (CHECK (1, VIVA_MOCK_TIMER_STATE_PAUSED));
  g_assert_true (CHECK (1, VIVA_MOCK_TIMER_STATE_FINISHED));
  g_assert_true (CHECK (2, VIVA_MOCK_TIMER_STATE_RUNNING));

  g_assert_false (CHECK (3, VIVA_MOCK_TIMER_STATE_RUNNING));
  g_assert_false (CHECK (G_MAXUINT, VIVA_MOCK_TIMER_STATE_RUNNING));
  g_assert_false (CHECK (1, (VivaMockTimerState) 4));
  g_assert_false (CHECK (1, (VivaMockTimerState) -1));
  /* Time on a question not reached yet. */
  g_assert_false (CHECK (0, VIVA_MOCK_TIMER_STATE_RUNNING));
  /* Not started, yet time was spent. */
  g_assert_false (CHECK (0, VIVA_MOCK_TIMER_STATE_NOT_STARTED));

  spent[1] = -1;
  g_assert_false (CHECK (1, VIVA_MOCK_TIMER_STATE_PAUSED));
  spent[1] = 20;

  /* Only Skip on the last question leaves the current one skipped. */
  skipped[1] = TRUE;
  g_assert_false (CHECK (1, VIVA_MOCK_TIMER_STATE_PAUSED));
  skipped[2] = TRUE;
  g_assert_true (CHECK (2, VIVA_MOCK_TIMER_STATE_FINISHED));
  g_assert_false (CHECK (1, VIVA_MOCK_TIMER_STATE_FINISHED));

#undef CHECK

  g_assert_false (viva_mock_timer_check_snapshot (bad_budgets, 3, 0, 2, spent, skipped,
                                                  VIVA_MOCK_TIMER_STATE_FINISHED));
  g_assert_false (viva_mock_timer_check_snapshot (budgets, 3, -1, 2, spent, skipped,
                                                  VIVA_MOCK_TIMER_STATE_FINISHED));
  g_assert_false (viva_mock_timer_check_snapshot (budgets, 0, 0, 0, spent, skipped,
                                                  VIVA_MOCK_TIMER_STATE_FINISHED));
  g_assert_false (viva_mock_timer_check_snapshot (budgets, 3, 0, 2, NULL, skipped,
                                                  VIVA_MOCK_TIMER_STATE_FINISHED));
  g_assert_false (viva_mock_timer_check_snapshot (budgets, VIVA_MOCK_TIMER_MAX_QUESTIONS + 1, 0, 0,
                                                  spent, skipped,
                                                  VIVA_MOCK_TIMER_STATE_NOT_STARTED));
}

/* Formatting */

static void
test_format (void)
{
  assert_format (0, "00:00");
  assert_format (1, "00:01");
  assert_format (SEC, "00:01");
  assert_format (SEC + 1, "00:02");
  assert_format (59 * SEC, "00:59");
  assert_format (59 * SEC + 999 * 1000, "01:00");
  assert_format (60 * SEC, "01:00");
  assert_format (5 * MINUTE, "05:00");
  assert_format (5 * MINUTE - SEC / 2, "05:00");
  assert_format (59 * MINUTE + 59 * SEC, "59:59");
  assert_format (59 * MINUTE + 59 * SEC + 1, "1:00:00");
  assert_format (HOUR, "1:00:00");
  assert_format (HOUR + SEC, "1:00:01");
  assert_format (10 * HOUR + 5 * MINUTE + 7 * SEC, "10:05:07");

  /* Never a sign: the magnitude, rounded up the same way. */
  assert_format (-1, "00:01");
  assert_format (-1500 * 1000, "00:02");
  assert_format (-HOUR, "1:00:00");
  assert_format (G_MININT64, "2562047788:00:55");
  assert_format (G_MAXINT64, "2562047788:00:55");
}

/* Objects */

static void
test_properties (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (CLOCK_ORIGIN);
  g_autoptr(VivaMockTimer) timer = timer_new_uniform (clock, 2, 10 * SEC);
  g_autoptr(VivaClock) clock_prop = NULL;
  GEnumClass *enum_class;
  VivaMockTimerState state;
  VivaMockTimerPhase phase;
  gboolean auto_advance;
  guint current;

  g_object_set (timer, "auto-advance", TRUE, NULL);
  viva_mock_timer_start (timer);
  viva_clock_advance (clock, 9 * SEC);

  g_object_get (timer,
                "clock", &clock_prop,
                "current", &current,
                "state", &state,
                "phase", &phase,
                "auto-advance", &auto_advance,
                NULL);
  g_assert_true (clock_prop == clock);
  g_assert_cmpuint (current, ==, 0);
  g_assert_cmpint (state, ==, VIVA_MOCK_TIMER_STATE_RUNNING);
  g_assert_cmpint (phase, ==, VIVA_MOCK_TIMER_PHASE_WARNING);
  g_assert_true (auto_advance);

  enum_class = g_type_class_ref (VIVA_TYPE_MOCK_TIMER_STATE);
  g_assert_cmpstr (g_enum_get_value (enum_class, VIVA_MOCK_TIMER_STATE_PAUSED)->value_nick, ==, "paused");
  g_type_class_unref (enum_class);
  enum_class = g_type_class_ref (VIVA_TYPE_MOCK_TIMER_PHASE);
  g_assert_cmpstr (g_enum_get_value (enum_class, VIVA_MOCK_TIMER_PHASE_OVERTIME)->value_nick, ==, "overtime");
  g_type_class_unref (enum_class);

  g_clear_object (&clock_prop);
  g_assert_finalize_object (g_steal_pointer (&timer));
  g_assert_finalize_object (g_steal_pointer (&clock));
}

/* The system clock is used when none is given. */
static void
test_default_clock (void)
{
  g_autoptr(VivaMockTimer) timer = timer_new (NULL, NULL, 1, 0);

  g_assert_true (viva_mock_timer_get_clock (timer) == viva_clock_get_default ());
  viva_mock_timer_start (timer);
  g_assert_cmpint (viva_mock_timer_get_spent (timer, 0), >=, 0);
  viva_mock_timer_finish (timer);

  g_assert_finalize_object (g_steal_pointer (&timer));
}

static void
drop_timer_cb (VivaMockTimer *timer,
               guint          index,
               gpointer       user_data)
{
  g_signal_handlers_disconnect_by_func (timer, drop_timer_cb, user_data);
  g_object_unref (timer);
}

/* A time-up handler that drops the last reference (the page closing, say)
 * must not leave the timer running code on freed memory, nor the clock
 * calling into a dead timer. */
static void
test_unref_in_handler (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (CLOCK_ORIGIN);
  VivaMockTimer *timer = timer_new_uniform (clock, 2, SEC);

  g_object_add_weak_pointer (G_OBJECT (timer), (gpointer *) &timer);
  g_signal_connect (timer, "time-up", G_CALLBACK (drop_timer_cb), NULL);
  viva_mock_timer_set_auto_advance (timer, TRUE);
  viva_mock_timer_start (timer);

  viva_clock_advance (clock, 2 * SEC);
  g_assert_null (timer);
  viva_clock_advance (clock, SEC);

  g_assert_finalize_object (g_steal_pointer (&clock));
}

/* The stopwatch mock and live interviews share: spent is folded time
 * plus the running segment, and a clock that steps back loses nothing. */
static void
test_stopwatch (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (1000 * SEC);
  VivaStopwatch sw;
  gint64 carried = -1;
  gint64 now;

  viva_stopwatch_init (&sw, viva_clock_get_now (clock));
  g_assert_false (sw.running);
  g_assert_cmpint (viva_stopwatch_get_running (&sw, 1000 * SEC), ==, 0);
  g_assert_cmpint (viva_stopwatch_fold (&sw, 1000 * SEC), ==, 0);

  now = viva_stopwatch_sample (&sw, clock, &carried);
  g_assert_cmpint (carried, ==, 0);
  viva_stopwatch_start (&sw, now);
  viva_clock_advance (clock, 30 * SEC);
  now = viva_stopwatch_sample (&sw, clock, &carried);
  g_assert_cmpint (carried, ==, 0);
  g_assert_cmpint (viva_stopwatch_get_running (&sw, now), ==, 30 * SEC);

  /* Folding hands over the segment and goes on from there. */
  g_assert_cmpint (viva_stopwatch_fold (&sw, now), ==, 30 * SEC);
  g_assert_cmpint (viva_stopwatch_get_running (&sw, now), ==, 0);
  g_assert_true (sw.running);

  /* Stepping back: the segment up to the last reading is carried, and
   * measuring goes on from the new time. */
  viva_clock_advance (clock, 10 * SEC);
  viva_stopwatch_sample (&sw, clock, &carried);
  viva_clock_advance (clock, -HOUR);
  now = viva_stopwatch_sample (&sw, clock, &carried);
  g_assert_cmpint (carried, ==, 10 * SEC);
  g_assert_cmpint (viva_stopwatch_get_running (&sw, now), ==, 0);
  viva_clock_advance (clock, 5 * SEC);
  now = viva_stopwatch_sample (&sw, clock, &carried);
  g_assert_cmpint (carried, ==, 0);
  g_assert_cmpint (viva_stopwatch_stop (&sw, now), ==, 5 * SEC);
  g_assert_false (sw.running);

  /* Stopped, a step back carries nothing: nothing was running. */
  viva_clock_advance (clock, -HOUR);
  viva_stopwatch_sample (&sw, clock, &carried);
  g_assert_cmpint (carried, ==, 0);

  /* Saturating sums. */
  g_assert_cmpint (viva_time_add_saturated (G_MAXINT64 - 1, 5), ==, G_MAXINT64);
  g_assert_cmpint (viva_time_add_saturated (G_MININT64 + 1, -5), ==, G_MININT64);
  g_assert_cmpint (viva_time_between (G_MININT64, G_MAXINT64), ==, G_MAXINT64);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/mock-timer/clock/fake", test_clock_fake);
  g_test_add_func ("/mock-timer/stopwatch", test_stopwatch);
  g_test_add_func ("/mock-timer/clock/system", test_clock_system);
  g_test_add_func ("/mock-timer/countdown", test_countdown);
  g_test_add_func ("/mock-timer/warning", test_warning);
  g_test_add_func ("/mock-timer/overtime", test_overtime);
  g_test_add_func ("/mock-timer/time-up-once", test_time_up_once);
  g_test_add_func ("/mock-timer/pause", test_pause);
  g_test_add_func ("/mock-timer/pause-cycles", test_pause_cycles);
  g_test_add_func ("/mock-timer/next-skip", test_next_skip);
  g_test_add_func ("/mock-timer/skip-last-and-finish", test_skip_last_and_finish);
  g_test_add_func ("/mock-timer/auto-advance", test_auto_advance);
  g_test_add_func ("/mock-timer/auto-advance-many", test_auto_advance_many);
  g_test_add_func ("/mock-timer/total-budget", test_total_budget);
  g_test_add_func ("/mock-timer/total-budget-auto-advance", test_total_budget_auto_advance);
  g_test_add_func ("/mock-timer/clock-jump/forward", test_clock_jump_forward);
  g_test_add_func ("/mock-timer/clock-jump/back", test_clock_step_back);
  g_test_add_func ("/mock-timer/session/45-minutes-auto-advance", test_session_auto_advance);
  g_test_add_func ("/mock-timer/session/45-minutes-manual", test_session_manual);
  g_test_add_func ("/mock-timer/session/figures-live-in-session", test_figures_live_in_session);
  g_test_add_func ("/mock-timer/snapshot/round-trip", test_snapshot_round_trip);
  g_test_add_func ("/mock-timer/snapshot/overtime", test_snapshot_overtime);
  g_test_add_func ("/mock-timer/snapshot/check", test_snapshot_check);
  g_test_add_func ("/mock-timer/format", test_format);
  g_test_add_func ("/mock-timer/properties", test_properties);
  g_test_add_func ("/mock-timer/default-clock", test_default_clock);
  g_test_add_func ("/mock-timer/unref-in-handler", test_unref_in_handler);

  return g_test_run ();
}
