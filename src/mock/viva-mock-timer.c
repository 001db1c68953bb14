/* viva-mock-timer.c
 *
 * One file over 1,000 lines because it is one state machine (not
 * started, running, paused, finished) whose every transition folds the
 * running segment, moves the current question and re-checks the
 * deadlines; splitting it would spread those invariants. Its storage is
 * the session's (viva-mock-session.c), the measuring VivaStopwatch's
 * (time/viva-stopwatch.c); about half of it is documentation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-clock.h"
#include "viva-mock-session-private.h"
#include "viva-mock-timer.h"
#include "viva-stopwatch.h"

/* The timer's state is the session's: the same values in the same order. */
G_STATIC_ASSERT ((int) VIVA_MOCK_TIMER_STATE_NOT_STARTED == (int) VIVA_MOCK_SESSION_STATE_NOT_STARTED);
G_STATIC_ASSERT ((int) VIVA_MOCK_TIMER_STATE_RUNNING == (int) VIVA_MOCK_SESSION_STATE_RUNNING);
G_STATIC_ASSERT ((int) VIVA_MOCK_TIMER_STATE_PAUSED == (int) VIVA_MOCK_SESSION_STATE_PAUSED);
G_STATIC_ASSERT ((int) VIVA_MOCK_TIMER_STATE_FINISHED == (int) VIVA_MOCK_SESSION_STATE_FINISHED);

/* Only two small enums: G_DEFINE_ENUM_TYPE (GLib 2.74) keeps them next to
 * the code instead of adding this header to the mkenums call. */
G_DEFINE_ENUM_TYPE (VivaMockTimerState, viva_mock_timer_state,
                    G_DEFINE_ENUM_VALUE (VIVA_MOCK_TIMER_STATE_NOT_STARTED, "not-started"),
                    G_DEFINE_ENUM_VALUE (VIVA_MOCK_TIMER_STATE_RUNNING, "running"),
                    G_DEFINE_ENUM_VALUE (VIVA_MOCK_TIMER_STATE_PAUSED, "paused"),
                    G_DEFINE_ENUM_VALUE (VIVA_MOCK_TIMER_STATE_FINISHED, "finished"))

G_DEFINE_ENUM_TYPE (VivaMockTimerPhase, viva_mock_timer_phase,
                    G_DEFINE_ENUM_VALUE (VIVA_MOCK_TIMER_PHASE_NORMAL, "normal"),
                    G_DEFINE_ENUM_VALUE (VIVA_MOCK_TIMER_PHASE_WARNING, "warning"),
                    G_DEFINE_ENUM_VALUE (VIVA_MOCK_TIMER_PHASE_OVERTIME, "overtime"))

/* Stands for the whole interview in the list of deadlines that passed. */
#define TOTAL_TIME_UP G_MAXUINT

struct _VivaMockTimer
{
  GObject             parent_instance;

  /* Owned */
  VivaClock          *clock;
  /* What is timed, and where every figure lives: its items hold each
   * question's budget, the time folded in (a running segment is added
   * on read) and the skipped flag; it holds the current question and
   * the state. The timer keeps only what is never saved. */
  VivaMockSession    *session;
  /* Per question: "time-up" was emitted. */
  guint8             *time_up;

  guint               n_questions;
  /* The explicit total budget, or else the sum of the questions' budgets;
   * 0 when nothing counts down for the interview as a whole. */
  gint64              total_budget;
  /* Runs while the state is running; its segments are charged to the
   * current question. */
  VivaStopwatch       stopwatch;
  gulong              clock_changed_id;
  /* The phase as last notified; the getter computes it afresh. */
  VivaMockTimerPhase  phase;
  guint               auto_advance : 1;
  guint               total_is_explicit : 1;
  guint               total_time_up : 1;
};

G_DEFINE_FINAL_TYPE (VivaMockTimer, viva_mock_timer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLOCK,
  PROP_CURRENT,
  PROP_STATE,
  PROP_PHASE,
  PROP_AUTO_ADVANCE,
  N_PROPS
};

enum {
  TIME_UP,
  TOTAL_TIME_UP_SIGNAL,
  QUESTION_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static inline VivaMockItem *
item_at (VivaMockTimer *self,
         guint          index)
{
  return viva_mock_session_get_item (self->session, index);
}

static inline guint
current_of (VivaMockTimer *self)
{
  return viva_mock_session_get_current (self->session);
}

static inline VivaMockTimerState
state_of (VivaMockTimer *self)
{
  return (VivaMockTimerState) viva_mock_session_get_state (self->session);
}

/* Charges @delta to the current question. */
static void
viva_mock_timer_charge (VivaMockTimer *self,
                        gint64         delta)
{
  if (delta > 0)
    _viva_mock_session_add_spent (self->session, current_of (self), delta);
}

/* Reads the clock. Whatever steps back (only a fake clock does) counts as
 * no time passing: what the stopwatch measured up to the previous reading
 * is charged to the current question and measuring goes on from the new
 * reading, so spent never decreases. */
static gint64
viva_mock_timer_sample_now (VivaMockTimer *self)
{
  gint64 carried;
  gint64 now = viva_stopwatch_sample (&self->stopwatch, self->clock, &carried);

  viva_mock_timer_charge (self, carried);

  return now;
}

static gint64
viva_mock_timer_spent_at (VivaMockTimer *self,
                          guint          index,
                          gint64         now)
{
  gint64 spent = viva_mock_item_get_spent (item_at (self, index));

  if (index == current_of (self))
    return viva_time_add_saturated (spent, viva_stopwatch_get_running (&self->stopwatch, now));

  return spent;
}

/* What was folded in, without the running segment. */
static gint64
viva_mock_timer_folded_elapsed (VivaMockTimer *self)
{
  gint64 sum = 0;

  for (guint i = 0; i < self->n_questions; i++)
    sum = viva_time_add_saturated (sum, viva_mock_item_get_spent (item_at (self, i)));

  return sum;
}

static gint64
viva_mock_timer_elapsed_at (VivaMockTimer *self,
                            gint64         now)
{
  gint64 elapsed = viva_mock_timer_folded_elapsed (self);

  return viva_time_add_saturated (elapsed, viva_stopwatch_get_running (&self->stopwatch, now));
}

static VivaMockTimerPhase
viva_mock_timer_phase_at (VivaMockTimer *self,
                          gint64         now)
{
  gint64 question_budget = viva_mock_item_get_budget (item_at (self, current_of (self)));
  gint64 budget;
  gint64 remaining;

  if (state_of (self) == VIVA_MOCK_TIMER_STATE_NOT_STARTED ||
      state_of (self) == VIVA_MOCK_TIMER_STATE_FINISHED)
    return VIVA_MOCK_TIMER_PHASE_NORMAL;

  /* Both are differences of non-negative numbers: no overflow. */
  if (question_budget > 0)
    {
      budget = question_budget;
      remaining = budget - viva_mock_timer_spent_at (self, current_of (self), now);
    }
  else if (self->total_budget > 0)
    {
      budget = self->total_budget;
      remaining = budget - viva_mock_timer_elapsed_at (self, now);
    }
  else
    {
      return VIVA_MOCK_TIMER_PHASE_NORMAL;
    }

  if (remaining <= 0)
    return VIVA_MOCK_TIMER_PHASE_OVERTIME;

  /* For whole microseconds, remaining <= budget / 5 (integer division) is
   * exactly remaining <= 20% of budget, and cannot overflow. */
  if (remaining <= budget / 5)
    return VIVA_MOCK_TIMER_PHASE_WARNING;

  return VIVA_MOCK_TIMER_PHASE_NORMAL;
}

static void
viva_mock_timer_sync_phase (VivaMockTimer *self,
                            gint64         now)
{
  VivaMockTimerPhase phase = viva_mock_timer_phase_at (self, now);

  if (self->phase == phase)
    return;

  self->phase = phase;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
}

static void
viva_mock_timer_set_state (VivaMockTimer      *self,
                           VivaMockTimerState  state)
{
  if (state_of (self) == state)
    return;

  viva_mock_session_set_state (self->session, (VivaMockSessionState) state);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* Charges the running segment up to @instant to the current question and
 * starts a new segment there. */
static void
viva_mock_timer_fold_at (VivaMockTimer *self,
                         gint64         instant)
{
  g_assert (state_of (self) == VIVA_MOCK_TIMER_STATE_RUNNING);

  viva_mock_timer_charge (self, viva_stopwatch_fold (&self->stopwatch, instant));
}

/* Leaves the current question at @instant: the next one starts exactly
 * where this one stopped, so no time falls between them. Returns FALSE
 * when that was the last question and the interview is over. */
static gboolean
viva_mock_timer_move_on (VivaMockTimer *self,
                         gint64         instant,
                         gboolean       skipped)
{
  g_assert (state_of (self) == VIVA_MOCK_TIMER_STATE_RUNNING ||
            state_of (self) == VIVA_MOCK_TIMER_STATE_PAUSED);

  if (state_of (self) == VIVA_MOCK_TIMER_STATE_RUNNING)
    viva_mock_timer_fold_at (self, instant);

  viva_mock_session_set_item_skipped (self->session, current_of (self), skipped);

  /* A running stopwatch goes on from @instant for the next question. */
  if (current_of (self) + 1 < self->n_questions)
    {
      viva_mock_session_set_current (self->session, current_of (self) + 1);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
      return TRUE;
    }

  viva_stopwatch_stop (&self->stopwatch, instant);
  viva_mock_timer_set_state (self, VIVA_MOCK_TIMER_STATE_FINISHED);

  return FALSE;
}

static void
viva_mock_timer_clock_changed_cb (VivaMockTimer *self,
                                  VivaClock     *clock)
{
  viva_mock_timer_update (self);
}

static void
viva_mock_timer_constructed (GObject *object)
{
  VivaMockTimer *self = (VivaMockTimer *)object;

  G_OBJECT_CLASS (viva_mock_timer_parent_class)->constructed (object);

  if (self->clock == NULL)
    self->clock = g_object_ref (viva_clock_get_default ());

  viva_stopwatch_init (&self->stopwatch, viva_clock_get_now (self->clock));
  self->clock_changed_id =
    g_signal_connect_swapped (self->clock, "changed",
                              G_CALLBACK (viva_mock_timer_clock_changed_cb),
                              self);
}

static void
viva_mock_timer_dispose (GObject *object)
{
  VivaMockTimer *self = (VivaMockTimer *)object;

  if (self->clock != NULL)
    g_clear_signal_handler (&self->clock_changed_id, self->clock);
  g_clear_object (&self->clock);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (viva_mock_timer_parent_class)->dispose (object);
}

static void
viva_mock_timer_finalize (GObject *object)
{
  VivaMockTimer *self = (VivaMockTimer *)object;

  g_clear_pointer (&self->time_up, g_free);

  G_OBJECT_CLASS (viva_mock_timer_parent_class)->finalize (object);
}

static void
viva_mock_timer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VivaMockTimer *self = VIVA_MOCK_TIMER (object);

  switch (prop_id)
    {
    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;

    case PROP_CURRENT:
      g_value_set_uint (value, current_of (self));
      break;

    case PROP_STATE:
      g_value_set_enum (value, state_of (self));
      break;

    case PROP_PHASE:
      g_value_set_enum (value, viva_mock_timer_get_phase (self));
      break;

    case PROP_AUTO_ADVANCE:
      g_value_set_boolean (value, self->auto_advance);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_mock_timer_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  VivaMockTimer *self = VIVA_MOCK_TIMER (object);

  switch (prop_id)
    {
    case PROP_CLOCK:
      self->clock = g_value_dup_object (value);
      break;

    case PROP_AUTO_ADVANCE:
      viva_mock_timer_set_auto_advance (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_mock_timer_class_init (VivaMockTimerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = viva_mock_timer_constructed;
  object_class->dispose = viva_mock_timer_dispose;
  object_class->finalize = viva_mock_timer_finalize;
  object_class->get_property = viva_mock_timer_get_property;
  object_class->set_property = viva_mock_timer_set_property;

  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL,
                         VIVA_TYPE_CLOCK,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CURRENT] =
    g_param_spec_uint ("current", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       VIVA_TYPE_MOCK_TIMER_STATE, VIVA_MOCK_TIMER_STATE_NOT_STARTED,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Changes with time alone: notified when an action or
   * viva_mock_timer_update() notices the change. */
  properties[PROP_PHASE] =
    g_param_spec_enum ("phase", NULL, NULL,
                       VIVA_TYPE_MOCK_TIMER_PHASE, VIVA_MOCK_TIMER_PHASE_NORMAL,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_AUTO_ADVANCE] =
    g_param_spec_boolean ("auto-advance", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VivaMockTimer::time-up:
   * @index: the question whose time is up
   *
   * Emitted once per question, by viva_mock_timer_update(), when the
   * question's remaining time has reached zero while running. With
   * auto-advance the timer has already moved on when this is emitted, so
   * use @index, not the current question.
   */
  signals[TIME_UP] =
    g_signal_new ("time-up",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * VivaMockTimer::total-time-up:
   *
   * Emitted once, by viva_mock_timer_update(), when the interview's total
   * remaining time has reached zero while running.
   */
  signals[TOTAL_TIME_UP_SIGNAL] =
    g_signal_new ("total-time-up",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);

  /**
   * VivaMockTimer::question-changed:
   *
   * Emitted after the current question changed (Next, Skip, auto-advance),
   * once the notifications went out. Not emitted when the interview
   * finishes: the last question stays current; watch #VivaMockTimer:state.
   */
  signals[QUESTION_CHANGED] =
    g_signal_new ("question-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
viva_mock_timer_init (VivaMockTimer *self)
{
}

/**
 * viva_mock_timer_new:
 * @clock: (nullable): where to read the time; %NULL for the system clock
 * @session: the interview to time, not read-only, whose figures
 *   viva_mock_timer_check_session() accepts
 *
 * Times @session: each question's budget is its item's, and with
 * %VIVA_MOCK_BUDGET_TOTAL the session's total budget is the interview's
 * length; otherwise the total counting down is the sum of the
 * questions' budgets (0 when none has one). Every figure the timer
 * counts is written into the session as it changes, which the store
 * saves: the time lives once.
 *
 * A session that was running when Viva stopped comes back paused: the
 * time while Viva was not running is not counted, and the user resumes
 * explicitly. A question already past its budget gets its
 * #VivaMockTimer::time-up on the first viva_mock_timer_update() after
 * resuming.
 *
 * Returns: (transfer full): a timer for @session
 */
VivaMockTimer *
viva_mock_timer_new (VivaClock       *clock,
                     VivaMockSession *session)
{
  VivaMockTimer *self;

  g_return_val_if_fail (clock == NULL || VIVA_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (session), NULL);
  g_return_val_if_fail (!viva_mock_session_get_read_only (session), NULL);
  g_return_val_if_fail (viva_mock_timer_check_session (session), NULL);

  self = g_object_new (VIVA_TYPE_MOCK_TIMER,
                       "clock", clock,
                       NULL);

  self->session = g_object_ref (session);
  self->n_questions = viva_mock_session_get_n_items (session);
  self->time_up = g_new0 (guint8, self->n_questions);

  if (viva_mock_session_get_budget_mode (session) == VIVA_MOCK_BUDGET_TOTAL &&
      viva_mock_session_get_total_budget (session) > 0)
    {
      self->total_budget = viva_mock_session_get_total_budget (session);
      self->total_is_explicit = TRUE;
    }
  else
    {
      for (guint i = 0; i < self->n_questions; i++)
        self->total_budget = viva_time_add_saturated (self->total_budget,
                                                      viva_mock_item_get_budget (item_at (self, i)));
    }

  if (state_of (self) == VIVA_MOCK_TIMER_STATE_RUNNING)
    viva_mock_session_set_state (session, VIVA_MOCK_SESSION_STATE_PAUSED);
  self->phase = viva_mock_timer_phase_at (self, self->stopwatch.last_now);

  return self;
}

/**
 * viva_mock_timer_get_session:
 *
 * Returns: (transfer none): the session the timer times
 */
VivaMockSession *
viva_mock_timer_get_session (VivaMockTimer *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_TIMER (self), NULL);

  return self->session;
}

/**
 * viva_mock_timer_get_clock:
 *
 * Returns: (transfer none): the clock the timer reads
 */
VivaClock *
viva_mock_timer_get_clock (VivaMockTimer *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_TIMER (self), NULL);

  return self->clock;
}

guint
viva_mock_timer_get_n_questions (VivaMockTimer *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_TIMER (self), 0);

  return self->n_questions;
}

/* The index of the question on screen; it stays on the last question
 * reached once the interview is finished. */
guint
viva_mock_timer_get_current (VivaMockTimer *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_TIMER (self), 0);

  return current_of (self);
}

VivaMockTimerState
viva_mock_timer_get_state (VivaMockTimer *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_TIMER (self), VIVA_MOCK_TIMER_STATE_NOT_STARTED);

  return state_of (self);
}

/* Does nothing unless the timer was never started. */
void
viva_mock_timer_start (VivaMockTimer *self)
{
  gint64 now;

  g_return_if_fail (VIVA_IS_MOCK_TIMER (self));

  if (state_of (self) != VIVA_MOCK_TIMER_STATE_NOT_STARTED)
    return;

  now = viva_mock_timer_sample_now (self);
  viva_stopwatch_start (&self->stopwatch, now);

  g_object_freeze_notify (G_OBJECT (self));
  viva_mock_timer_set_state (self, VIVA_MOCK_TIMER_STATE_RUNNING);
  viva_mock_timer_sync_phase (self, now);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Does nothing unless running. */
void
viva_mock_timer_pause (VivaMockTimer *self)
{
  gint64 now;

  g_return_if_fail (VIVA_IS_MOCK_TIMER (self));

  if (state_of (self) != VIVA_MOCK_TIMER_STATE_RUNNING)
    return;

  now = viva_mock_timer_sample_now (self);
  viva_mock_timer_fold_at (self, now);
  viva_stopwatch_stop (&self->stopwatch, now);

  g_object_freeze_notify (G_OBJECT (self));
  viva_mock_timer_set_state (self, VIVA_MOCK_TIMER_STATE_PAUSED);
  viva_mock_timer_sync_phase (self, now);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Does nothing unless paused. A deadline that passed before the pause is
 * acted on by the next viva_mock_timer_update(), not here. */
void
viva_mock_timer_resume (VivaMockTimer *self)
{
  gint64 now;

  g_return_if_fail (VIVA_IS_MOCK_TIMER (self));

  if (state_of (self) != VIVA_MOCK_TIMER_STATE_PAUSED)
    return;

  now = viva_mock_timer_sample_now (self);
  viva_stopwatch_start (&self->stopwatch, now);

  g_object_freeze_notify (G_OBJECT (self));
  viva_mock_timer_set_state (self, VIVA_MOCK_TIMER_STATE_RUNNING);
  viva_mock_timer_sync_phase (self, now);
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
viva_mock_timer_leave_question (VivaMockTimer *self,
                                gboolean       skipped)
{
  guint old_current = current_of (self);
  gboolean moved;
  gint64 now;

  if (state_of (self) != VIVA_MOCK_TIMER_STATE_RUNNING &&
      state_of (self) != VIVA_MOCK_TIMER_STATE_PAUSED)
    return FALSE;

  now = viva_mock_timer_sample_now (self);

  g_object_freeze_notify (G_OBJECT (self));
  moved = viva_mock_timer_move_on (self, now, skipped);
  viva_mock_timer_sync_phase (self, now);
  g_object_thaw_notify (G_OBJECT (self));

  if (current_of (self) != old_current)
    g_signal_emit (self, signals[QUESTION_CHANGED], 0);

  return moved;
}

/**
 * viva_mock_timer_next:
 *
 * The current question is answered: moves to the next one, keeping the
 * state (a paused interview stays paused on the next question). The time
 * charged is the time actually spent, even past a deadline that
 * viva_mock_timer_update() has not acted on yet: the user leaves the
 * question they see.
 *
 * Returns: %TRUE if there is a next question; %FALSE after the last one
 *   (the interview is then finished) or when not started or finished
 */
gboolean
viva_mock_timer_next (VivaMockTimer *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_TIMER (self), FALSE);

  return viva_mock_timer_leave_question (self, FALSE);
}

/* As viva_mock_timer_next(), and marks the question skipped. */
gboolean
viva_mock_timer_skip (VivaMockTimer *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_TIMER (self), FALSE);

  return viva_mock_timer_leave_question (self, TRUE);
}

/* End interview: keeps the time spent so far; the current question is
 * neither answered nor skipped. Final. */
void
viva_mock_timer_finish (VivaMockTimer *self)
{
  gint64 now;

  g_return_if_fail (VIVA_IS_MOCK_TIMER (self));

  if (state_of (self) == VIVA_MOCK_TIMER_STATE_FINISHED)
    return;

  now = viva_mock_timer_sample_now (self);
  if (state_of (self) == VIVA_MOCK_TIMER_STATE_RUNNING)
    viva_mock_timer_fold_at (self, now);
  viva_stopwatch_stop (&self->stopwatch, now);

  g_object_freeze_notify (G_OBJECT (self));
  viva_mock_timer_set_state (self, VIVA_MOCK_TIMER_STATE_FINISHED);
  viva_mock_timer_sync_phase (self, now);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Time spent on question @index so far, paused time excluded. */
gint64
viva_mock_timer_get_spent (VivaMockTimer *self,
                           guint          index)
{
  g_return_val_if_fail (VIVA_IS_MOCK_TIMER (self), 0);
  g_return_val_if_fail (index < self->n_questions, 0);

  return viva_mock_timer_spent_at (self, index, viva_mock_timer_sample_now (self));
}

/* 0 when the question has no budget of its own. */
gint64
viva_mock_timer_get_budget (VivaMockTimer *self,
                            guint          index)
{
  g_return_val_if_fail (VIVA_IS_MOCK_TIMER (self), 0);
  g_return_val_if_fail (index < self->n_questions, 0);

  return viva_mock_item_get_budget (item_at (self, index));
}

/* The current question's budget minus its time spent; negative in
 * overtime. Meaningless when it has no budget (check get_budget() first:
 * the page then shows the total countdown). */
gint64
viva_mock_timer_get_remaining (VivaMockTimer *self)
{
  gint64 now;

  g_return_val_if_fail (VIVA_IS_MOCK_TIMER (self), 0);

  now = viva_mock_timer_sample_now (self);

  return viva_mock_item_get_budget (item_at (self, current_of (self))) -
         viva_mock_timer_spent_at (self, current_of (self), now);
}

/* The whole interview so far, paused time excluded: always the sum of
 * every question's time spent. */
gint64
viva_mock_timer_get_elapsed (VivaMockTimer *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_TIMER (self), 0);

  return viva_mock_timer_elapsed_at (self, viva_mock_timer_sample_now (self));
}

/* The explicit total budget, or else the sum of the questions' budgets;
 * 0 when nothing counts down for the whole interview. */
gint64
viva_mock_timer_get_total_budget (VivaMockTimer *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_TIMER (self), 0);

  return self->total_budget;
}

/* Total budget minus elapsed; negative in overtime, 0 when there is no
 * total budget. */
gint64
viva_mock_timer_get_total_remaining (VivaMockTimer *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_TIMER (self), 0);

  if (self->total_budget == 0)
    return 0;

  return self->total_budget - viva_mock_timer_get_elapsed (self);
}

gboolean
viva_mock_timer_get_skipped (VivaMockTimer *self,
                             guint          index)
{
  g_return_val_if_fail (VIVA_IS_MOCK_TIMER (self), FALSE);
  g_return_val_if_fail (index < self->n_questions, FALSE);

  return viva_mock_item_get_skipped (item_at (self, index));
}

/* Computed afresh from the clock; the property is notified when an action
 * or viva_mock_timer_update() notices a change. */
VivaMockTimerPhase
viva_mock_timer_get_phase (VivaMockTimer *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_TIMER (self), VIVA_MOCK_TIMER_PHASE_NORMAL);

  return viva_mock_timer_phase_at (self, viva_mock_timer_sample_now (self));
}

gboolean
viva_mock_timer_get_auto_advance (VivaMockTimer *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_TIMER (self), FALSE);

  return self->auto_advance;
}

/**
 * viva_mock_timer_set_auto_advance:
 *
 * Whether viva_mock_timer_update() moves on by itself when a question's
 * time is up (and, with an explicit total budget, ends the interview when
 * the total is up). It acts at the moment of time-up only: turning it on
 * during a question's overtime affects the questions after it.
 */
void
viva_mock_timer_set_auto_advance (VivaMockTimer *self,
                                  gboolean       auto_advance)
{
  g_return_if_fail (VIVA_IS_MOCK_TIMER (self));

  auto_advance = !!auto_advance;

  if (self->auto_advance == auto_advance)
    return;

  self->auto_advance = auto_advance;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_ADVANCE]);
}

/**
 * viva_mock_timer_update:
 *
 * Acts on every deadline that passed while running, in the order they
 * passed: emits #VivaMockTimer::time-up and #VivaMockTimer::total-time-up
 * (each once), and with auto-advance moves on.
 *
 * An auto-advanced question is charged exactly its budget, and the next
 * question starts at the deadline instant, not at the moment this runs: a
 * tick that comes late (or a suspend that lasts hours, which may run
 * through several questions at once) shifts nothing. Likewise an explicit
 * total budget ends the interview with exactly that much time elapsed.
 * A question that was already past its budget when it resumed (restored
 * from a snapshot) is charged its time spent, never less.
 *
 * Then notifies #VivaMockTimer:phase if it changed with time.
 */
void
viva_mock_timer_update (VivaMockTimer *self)
{
  g_autoptr(GArray) fired = NULL;
  guint old_current;
  gint64 now;

  g_return_if_fail (VIVA_IS_MOCK_TIMER (self));

  /* Handlers may drop the last reference to us. */
  g_object_ref (self);
  g_object_freeze_notify (G_OBJECT (self));

  old_current = current_of (self);
  now = viva_mock_timer_sample_now (self);

  /* Each turn sets a time_up flag or stops, so this ends. */
  while (state_of (self) == VIVA_MOCK_TIMER_STATE_RUNNING)
    {
      guint current = current_of (self);
      gint64 budget = viva_mock_item_get_budget (item_at (self, current));
      gint64 question_deadline = G_MAXINT64;
      gint64 total_deadline = G_MAXINT64;
      gboolean question_due;
      gboolean total_due;

      question_due = budget > 0 && !self->time_up[current] &&
                     viva_mock_timer_spent_at (self, current, now) >= budget;
      total_due = self->total_budget > 0 && !self->total_time_up &&
                  viva_mock_timer_elapsed_at (self, now) >= self->total_budget;

      if (!question_due && !total_due)
        break;

      /* The clock instants at which the deadlines passed (all <= now). One
       * that passed before this segment began, as for a restored question
       * already in overtime, counts as passing when the segment began. */
      if (question_due)
        question_deadline = viva_time_add_saturated (self->stopwatch.segment_start,
                                                     MAX (0, budget - viva_mock_item_get_spent (item_at (self, current))));
      if (total_due)
        total_deadline = viva_time_add_saturated (self->stopwatch.segment_start,
                                                  MAX (0, self->total_budget - viva_mock_timer_folded_elapsed (self)));

      if (fired == NULL)
        fired = g_array_new (FALSE, FALSE, sizeof (guint));

      if (question_deadline <= total_deadline)
        {
          guint index = current;

          self->time_up[current] = TRUE;
          g_array_append_val (fired, index);

          if (self->auto_advance)
            viva_mock_timer_move_on (self, question_deadline, FALSE);
        }
      else
        {
          guint index = TOTAL_TIME_UP;

          self->total_time_up = TRUE;
          g_array_append_val (fired, index);

          /* A sum of per-question budgets only informs; an explicit total
           * is the interview's length. */
          if (self->auto_advance && self->total_is_explicit)
            {
              viva_mock_timer_fold_at (self, total_deadline);
              viva_stopwatch_stop (&self->stopwatch, total_deadline);
              viva_mock_timer_set_state (self, VIVA_MOCK_TIMER_STATE_FINISHED);
            }
        }
    }

  viva_mock_timer_sync_phase (self, now);

  for (guint i = 0; fired != NULL && i < fired->len; i++)
    {
      guint index = g_array_index (fired, guint, i);

      if (index == TOTAL_TIME_UP)
        g_signal_emit (self, signals[TOTAL_TIME_UP_SIGNAL], 0);
      else
        g_signal_emit (self, signals[TIME_UP], 0, index);
    }

  g_object_thaw_notify (G_OBJECT (self));

  if (current_of (self) != old_current)
    g_signal_emit (self, signals[QUESTION_CHANGED], 0);

  g_object_unref (self);
}

/**
 * viva_mock_timer_format:
 * @usec: a duration; only its magnitude is shown
 *
 * Formats a duration as "mm:ss", or "h:mm:ss" from one hour, rounding up
 * to the whole second: a 5-minute countdown shows 05:00 at the start and
 * 00:00 only at zero. No sign is ever written: for overtime the caller
 * shows "+" and the magnitude of the (negative) remaining time, which by
 * the same rounding reads +00:01 right after the deadline.
 *
 * Returns: (transfer full): the text
 */
char *
viva_mock_timer_format (gint64 usec)
{
  guint64 magnitude;
  guint64 seconds;

  /* -G_MININT64 does not fit in a gint64; the magnitude fits a guint64. */
  if (usec < 0)
    magnitude = (guint64) -(usec + 1) + 1;
  else
    magnitude = (guint64) usec;

  seconds = magnitude / G_USEC_PER_SEC + (magnitude % G_USEC_PER_SEC != 0 ? 1 : 0);

  if (seconds >= 3600)
    return g_strdup_printf ("%" G_GUINT64_FORMAT ":%02u:%02u",
                            seconds / 3600,
                            (guint) (seconds / 60 % 60),
                            (guint) (seconds % 60));

  return g_strdup_printf ("%02u:%02u",
                          (guint) (seconds / 60),
                          (guint) (seconds % 60));
}

/* The earliest deadline not acted on yet, as a clock time: what
 * viva_mock_timer_update() would act on next; G_MAXINT64 for none. */
static gint64
viva_mock_timer_next_deadline (VivaMockTimer *self)
{
  guint current = current_of (self);
  gint64 budget = viva_mock_item_get_budget (item_at (self, current));
  gint64 deadline = G_MAXINT64;

  if (budget > 0 && !self->time_up[current])
    deadline = viva_time_add_saturated (self->stopwatch.segment_start,
                                        MAX (0, budget - viva_mock_item_get_spent (item_at (self, current))));

  if (self->total_budget > 0 && !self->total_time_up)
    deadline = MIN (deadline,
                    viva_time_add_saturated (self->stopwatch.segment_start,
                                             MAX (0, self->total_budget - viva_mock_timer_folded_elapsed (self))));

  return deadline;
}

/**
 * viva_mock_timer_checkpoint:
 *
 * Folds the running segment into the current question's time spent, so
 * that the session, which the store saves, holds the time so far: the
 * page calls it every few seconds while the clock runs, and a crash then
 * loses no more than that. It folds no further than a deadline that
 * viva_mock_timer_update() has not acted on yet, so that the deadline
 * still falls where it did; the rest stays in the running segment.
 * Changes no figure the timer reports, only where the time is kept.
 */
void
viva_mock_timer_checkpoint (VivaMockTimer *self)
{
  gint64 now;

  g_return_if_fail (VIVA_IS_MOCK_TIMER (self));

  now = viva_mock_timer_sample_now (self);
  if (state_of (self) == VIVA_MOCK_TIMER_STATE_RUNNING)
    viva_mock_timer_fold_at (self, MIN (now, MAX (self->stopwatch.segment_start,
                                                  viva_mock_timer_next_deadline (self))));
}

/**
 * viva_mock_timer_check_snapshot:
 *
 * Whether a snapshot read back from disk (untrusted) is one that
 * viva_mock_timer_get_snapshot() could have written, with these budgets.
 * Logs nothing: call it before viva_mock_timer_new_from_snapshot(), which
 * treats an invalid snapshot as a programming error.
 */
gboolean
viva_mock_timer_check_snapshot (const gint64       *budgets_usec,
                                guint               n_questions,
                                gint64              total_budget_usec,
                                guint               current,
                                const gint64       *spent_usec,
                                const gboolean     *skipped,
                                VivaMockTimerState  state)
{
  if (spent_usec == NULL || skipped == NULL)
    return FALSE;

  if (n_questions == 0 || n_questions > VIVA_MOCK_TIMER_MAX_QUESTIONS)
    return FALSE;

  if (total_budget_usec < 0 || current >= n_questions)
    return FALSE;

  if ((guint) state > VIVA_MOCK_TIMER_STATE_FINISHED)
    return FALSE;

  for (guint i = 0; i < n_questions; i++)
    {
      if (budgets_usec != NULL && budgets_usec[i] < 0)
        return FALSE;

      if (spent_usec[i] < 0)
        return FALSE;

      /* Questions not reached yet have no time and were not skipped. */
      if (i > current && (spent_usec[i] != 0 || skipped[i]))
        return FALSE;
    }

  /* Only Skip on the last question leaves the current one skipped. */
  if (skipped[current] && state != VIVA_MOCK_TIMER_STATE_FINISHED)
    return FALSE;

  if (state == VIVA_MOCK_TIMER_STATE_NOT_STARTED &&
      (current != 0 || spent_usec[0] != 0 || skipped[0]))
    return FALSE;

  return TRUE;
}

/**
 * viva_mock_timer_check_session:
 * @session: a session, perhaps read back from a damaged file
 *
 * Whether @session's figures are ones a timer could have written
 * (viva_mock_timer_check_snapshot()), so that it can be timed.
 */
gboolean
viva_mock_timer_check_session (VivaMockSession *session)
{
  g_autofree gint64 *budgets = NULL;
  g_autofree gint64 *spent = NULL;
  g_autofree gboolean *skipped = NULL;
  guint n;

  g_return_val_if_fail (VIVA_IS_MOCK_SESSION (session), FALSE);

  n = viva_mock_session_get_n_items (session);
  budgets = g_new0 (gint64, MAX (n, 1));
  spent = g_new0 (gint64, MAX (n, 1));
  skipped = g_new0 (gboolean, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      VivaMockItem *item = viva_mock_session_get_item (session, i);

      budgets[i] = viva_mock_item_get_budget (item);
      spent[i] = viva_mock_item_get_spent (item);
      skipped[i] = viva_mock_item_get_skipped (item);
    }

  return viva_mock_timer_check_snapshot (budgets, n,
                                         viva_mock_session_get_budget_mode (session) == VIVA_MOCK_BUDGET_TOTAL
                                           ? viva_mock_session_get_total_budget (session) : 0,
                                         viva_mock_session_get_current (session), spent, skipped,
                                         (VivaMockTimerState) viva_mock_session_get_state (session));
}
