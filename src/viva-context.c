/* viva-context.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-bank.h"
#include "viva-challenge.h"
#include "viva-clock.h"
#include "viva-context.h"
#include "viva-interview-store.h"
#include "viva-notes-store.h"
#include "viva-python-runner.h"
#include "viva-review-today.h"
#include "viva-session-store.h"

struct _VivaContext
{
  GObject             parent_instance;

  /* Owned */
  VivaBank           *bank;
  VivaNotesStore     *notes_store;
  GError             *notes_load_error;
  VivaSessionStore   *session_store;
  GPtrArray          *session_problems;
  VivaInterviewStore *interview_store;
  GPtrArray          *interview_problems;
  VivaClock          *clock;
  GSettings          *settings;
  VivaReviewToday    *review_today;
  VivaPythonRunner   *python_runner;
  VivaChallengeSet   *challenges;
};

G_DEFINE_FINAL_TYPE (VivaContext, viva_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BANK,
  PROP_NOTES_STORE,
  PROP_NOTES_LOAD_ERROR,
  PROP_SESSION_STORE,
  PROP_SESSION_PROBLEMS,
  PROP_INTERVIEW_STORE,
  PROP_INTERVIEW_PROBLEMS,
  PROP_CLOCK,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
viva_context_constructed (GObject *object)
{
  VivaContext *self = (VivaContext *)object;

  G_OBJECT_CLASS (viva_context_parent_class)->constructed (object);

  if (self->clock == NULL)
    self->clock = g_object_ref (viva_clock_get_default ());
  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);
}

static void
viva_context_finalize (GObject *object)
{
  VivaContext *self = (VivaContext *)object;

  g_clear_object (&self->review_today);
  g_clear_object (&self->python_runner);
  g_clear_object (&self->challenges);
  g_clear_object (&self->bank);
  g_clear_object (&self->notes_store);
  g_clear_error (&self->notes_load_error);
  g_clear_object (&self->session_store);
  g_clear_pointer (&self->session_problems, g_ptr_array_unref);
  g_clear_object (&self->interview_store);
  g_clear_pointer (&self->interview_problems, g_ptr_array_unref);
  g_clear_object (&self->clock);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (viva_context_parent_class)->finalize (object);
}

static void
viva_context_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  VivaContext *self = VIVA_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_BANK:
      g_value_set_object (value, self->bank);
      break;

    case PROP_NOTES_STORE:
      g_value_set_object (value, self->notes_store);
      break;

    case PROP_NOTES_LOAD_ERROR:
      g_value_set_boxed (value, self->notes_load_error);
      break;

    case PROP_SESSION_STORE:
      g_value_set_object (value, self->session_store);
      break;

    case PROP_SESSION_PROBLEMS:
      g_value_set_boxed (value, self->session_problems);
      break;

    case PROP_INTERVIEW_STORE:
      g_value_set_object (value, self->interview_store);
      break;

    case PROP_INTERVIEW_PROBLEMS:
      g_value_set_boxed (value, self->interview_problems);
      break;

    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_context_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  VivaContext *self = VIVA_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_BANK:
      viva_context_set_bank (self, g_value_get_object (value));
      break;

    case PROP_NOTES_STORE:
      self->notes_store = g_value_dup_object (value);
      break;

    case PROP_NOTES_LOAD_ERROR:
      self->notes_load_error = g_value_dup_boxed (value);
      break;

    case PROP_SESSION_STORE:
      self->session_store = g_value_dup_object (value);
      break;

    case PROP_SESSION_PROBLEMS:
      self->session_problems = g_value_dup_boxed (value);
      break;

    case PROP_INTERVIEW_STORE:
      self->interview_store = g_value_dup_object (value);
      break;

    case PROP_INTERVIEW_PROBLEMS:
      self->interview_problems = g_value_dup_boxed (value);
      break;

    case PROP_CLOCK:
      self->clock = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_context_class_init (VivaContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = viva_context_constructed;
  object_class->finalize = viva_context_finalize;
  object_class->get_property = viva_context_get_property;
  object_class->set_property = viva_context_set_property;

  /**
   * VivaContext:bank:
   *
   * The bank open in the window; notifies when another opens.
   */
  properties[PROP_BANK] =
    g_param_spec_object ("bank", NULL, NULL,
                         VIVA_TYPE_BANK,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_NOTES_STORE] =
    g_param_spec_object ("notes-store", NULL, NULL,
                         VIVA_TYPE_NOTES_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * VivaContext:notes-load-error:
   *
   * What viva_notes_store_load() reported, for the window to say.
   */
  properties[PROP_NOTES_LOAD_ERROR] =
    g_param_spec_boxed ("notes-load-error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READWRITE |
                         G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_SESSION_STORE] =
    g_param_spec_object ("session-store", NULL, NULL,
                         VIVA_TYPE_SESSION_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * VivaContext:session-problems:
   *
   * #VivaSessionProblem for mock interview files that could not be read.
   */
  properties[PROP_SESSION_PROBLEMS] =
    g_param_spec_boxed ("session-problems", NULL, NULL,
                        G_TYPE_PTR_ARRAY,
                        (G_PARAM_READWRITE |
                         G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_INTERVIEW_STORE] =
    g_param_spec_object ("interview-store", NULL, NULL,
                         VIVA_TYPE_INTERVIEW_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * VivaContext:interview-problems:
   *
   * #VivaInterviewProblem for interview files that could not be read.
   */
  properties[PROP_INTERVIEW_PROBLEMS] =
    g_param_spec_boxed ("interview-problems", NULL, NULL,
                        G_TYPE_PTR_ARRAY,
                        (G_PARAM_READWRITE |
                         G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * VivaContext:clock:
   *
   * Where timers read the time: the system clock, or in tests a fake
   * one that also stands for the wall clock (viva_context_get_real_time()).
   */
  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL,
                         VIVA_TYPE_CLOCK,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
viva_context_init (VivaContext *self)
{
}

/**
 * viva_context_new_default:
 *
 * The application's context: the user's notes, mock interviews and
 * interviews from their usual places, loaded. A damaged or newer file
 * never stops Viva from starting: the store has already moved it aside
 * or gone read-only, and the problems are kept for the window to say.
 *
 * Returns: (transfer full): a new #VivaContext
 */
VivaContext *
viva_context_new_default (void)
{
  g_autofree char *notes_path = viva_notes_store_dup_default_path ();
  g_autofree char *sessions_dir = viva_session_store_dup_default_dir ();
  g_autofree char *interviews_dir = viva_interview_store_dup_default_dir ();
  g_autoptr(VivaNotesStore) notes = viva_notes_store_new (notes_path);
  g_autoptr(VivaSessionStore) sessions = viva_session_store_new (sessions_dir);
  g_autoptr(VivaInterviewStore) interviews = viva_interview_store_new (interviews_dir);
  g_autoptr(GPtrArray) session_problems = NULL;
  g_autoptr(GPtrArray) interview_problems = NULL;
  g_autoptr(GError) notes_error = NULL;

  if (!viva_notes_store_load (notes, &notes_error))
    g_warning ("Notes file %s: %s", notes_path, notes_error->message);

  /* Another Viva on the same notes (a second login, a sync tool): take
   * its changes as they are saved, not only at our next save. */
  viva_notes_store_watch (notes);

  /* A damaged file is reported with the history and never hides the
   * others; the same for the interviewer's interviews. */
  viva_session_store_load (sessions, &session_problems);
  viva_interview_store_load (interviews, &interview_problems);

  return g_object_new (VIVA_TYPE_CONTEXT,
                       "notes-store", notes,
                       "notes-load-error", notes_error,
                       "session-store", sessions,
                       "session-problems", session_problems,
                       "interview-store", interviews,
                       "interview-problems", interview_problems,
                       NULL);
}

VivaBank *
viva_context_get_bank (VivaContext *self)
{
  g_return_val_if_fail (VIVA_IS_CONTEXT (self), NULL);

  return self->bank;
}

void
viva_context_set_bank (VivaContext *self,
                       VivaBank    *bank)
{
  g_return_if_fail (VIVA_IS_CONTEXT (self));
  g_return_if_fail (!bank || VIVA_IS_BANK (bank));

  if (g_set_object (&self->bank, bank))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BANK]);
}

VivaNotesStore *
viva_context_get_notes_store (VivaContext *self)
{
  g_return_val_if_fail (VIVA_IS_CONTEXT (self), NULL);

  return self->notes_store;
}

const GError *
viva_context_get_notes_load_error (VivaContext *self)
{
  g_return_val_if_fail (VIVA_IS_CONTEXT (self), NULL);

  return self->notes_load_error;
}

VivaSessionStore *
viva_context_get_session_store (VivaContext *self)
{
  g_return_val_if_fail (VIVA_IS_CONTEXT (self), NULL);

  return self->session_store;
}

GPtrArray *
viva_context_get_session_problems (VivaContext *self)
{
  g_return_val_if_fail (VIVA_IS_CONTEXT (self), NULL);

  return self->session_problems;
}

VivaInterviewStore *
viva_context_get_interview_store (VivaContext *self)
{
  g_return_val_if_fail (VIVA_IS_CONTEXT (self), NULL);

  return self->interview_store;
}

GPtrArray *
viva_context_get_interview_problems (VivaContext *self)
{
  g_return_val_if_fail (VIVA_IS_CONTEXT (self), NULL);

  return self->interview_problems;
}

/**
 * viva_context_get_clock:
 *
 * Returns: (transfer none): the clock timers read: the system clock
 *   (which counts time spent suspended, not the wall clock) or a fake one
 */
VivaClock *
viva_context_get_clock (VivaContext *self)
{
  g_return_val_if_fail (VIVA_IS_CONTEXT (self), NULL);

  return self->clock;
}

/**
 * viva_context_get_real_time:
 *
 * The wall clock, as g_get_real_time(), for what goes by the calendar
 * (the review day). A fake clock stands for it in tests, so a test can
 * review at a chosen date and hour.
 *
 * Returns: microseconds since the Unix epoch
 */
gint64
viva_context_get_real_time (VivaContext *self)
{
  g_return_val_if_fail (VIVA_IS_CONTEXT (self), 0);

  if (viva_clock_is_fake (self->clock))
    return viva_clock_get_now (self->clock);

  return g_get_real_time ();
}

GSettings *
viva_context_get_settings (VivaContext *self)
{
  g_return_val_if_fail (VIVA_IS_CONTEXT (self), NULL);

  return self->settings;
}

/**
 * viva_context_get_review_today:
 *
 * Today's Review of the open bank, one for every page that counts it.
 *
 * Returns: (transfer none): the #VivaReviewToday
 */
VivaReviewToday *
viva_context_get_review_today (VivaContext *self)
{
  g_return_val_if_fail (VIVA_IS_CONTEXT (self), NULL);

  if (self->review_today == NULL)
    self->review_today = viva_review_today_new (self);

  return self->review_today;
}

/**
 * viva_context_get_python_runner:
 *
 * The one runner of Python code, with the context's settings (its time
 * limit, and whether the user allowed running without the sandbox).
 * Made on first use; it probes the sandbox on its first run or probe.
 *
 * Returns: (transfer none): the #VivaPythonRunner
 */
VivaPythonRunner *
viva_context_get_python_runner (VivaContext *self)
{
  g_return_val_if_fail (VIVA_IS_CONTEXT (self), NULL);

  if (self->python_runner == NULL)
    self->python_runner = viva_python_runner_new (self->settings);

  return self->python_runner;
}

/**
 * viva_context_get_challenges:
 *
 * The coding challenges' tests (data/challenges.json), for the study
 * view, mock interviews and interviewer mode alike. Read on first use,
 * once. The test suite checks the bundled file; should a damaged build
 * ever hold one Viva cannot read, this says why in the log and gives a
 * set with no challenge, so that questions show no shipped tests and
 * nothing else breaks.
 *
 * Returns: (transfer none): the #VivaChallengeSet, never %NULL
 */
VivaChallengeSet *
viva_context_get_challenges (VivaContext *self)
{
  g_return_val_if_fail (VIVA_IS_CONTEXT (self), NULL);

  if (self->challenges == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->challenges = viva_challenge_set_new_bundled (&error);
      if (self->challenges == NULL)
        {
          static const char empty[] = "{\"version\": 1, \"challenges\": []}";
          g_autoptr(GBytes) bytes = g_bytes_new_static (empty, sizeof empty - 1);

          g_warning ("The coding challenges’ tests cannot be read: %s", error->message);
          self->challenges = viva_challenge_set_new_from_bytes (bytes, NULL);
          g_assert (self->challenges != NULL);
        }
    }

  return self->challenges;
}

/**
 * viva_context_lookup_challenge:
 * @bank_id: the id of the question's bank
 * @question: the question's number
 *
 * The shipped tests of a question: only the bundled bank's Practical
 * Coding Challenges have them (the numbers of another bank are other
 * questions).
 *
 * Returns: (transfer none) (nullable): the question's #VivaChallenge
 */
VivaChallenge *
viva_context_lookup_challenge (VivaContext *self,
                               const char  *bank_id,
                               guint        question)
{
  g_return_val_if_fail (VIVA_IS_CONTEXT (self), NULL);

  if (g_strcmp0 (bank_id, VIVA_BUNDLED_BANK_ID) != 0)
    return NULL;

  return viva_challenge_set_lookup (viva_context_get_challenges (self), question);
}
