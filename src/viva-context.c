/* viva-context.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "viva-bank.h"
#include "viva-challenge.h"
#include "viva-challenge-index.h"
#include "viva-clock.h"
#include "viva-context.h"
#include "viva-fsrs.h"
#include "viva-interview-store.h"
#include "viva-notes-store.h"
#include "viva-owned-banks.h"
#include "viva-python-runner.h"
#include "viva-review-today.h"
#include "viva-scheduler.h"
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
  /* Made on first use: nothing of it before the first frame. */
  VivaOwnedBanks     *owned_banks;

  /* From the settings, rebuilt when they change; the notes store holds
   * a copy (viva_notes_store_set_scheduler_config()). */
  VivaSchedulerConfig scheduler_config;
  /* The recomputation of the notes' memory for new FSRS parameters in
   * flight, to stop when they change again */
  GCancellable       *memory_cancellable;

  /* viva_context_new_default() reads the notes in a worker */
  gboolean            notes_loading;
};

G_DEFINE_FINAL_TYPE (VivaContext, viva_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BANK,
  PROP_NOTES_STORE,
  PROP_NOTES_LOAD_ERROR,
  PROP_NOTES_LOADED,
  PROP_SESSION_STORE,
  PROP_SESSION_PROBLEMS,
  PROP_INTERVIEW_STORE,
  PROP_INTERVIEW_PROBLEMS,
  PROP_CLOCK,
  PROP_SETTINGS,
  N_PROPS
};

enum {
  SCHEDULER_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The settings keys the scheduler is built from. */
static const char * const scheduler_keys[] = {
  "review-scheduler",
  "review-desired-retention",
  "fsrs-parameters",
};

/* The user's fitted parameters: exactly 21 finite numbers. Anything else
 * (the default [], a list cut short by hand in dconf-editor, a NaN) is
 * read as the published defaults rather than half-trusted. */
static gboolean
read_fsrs_parameters (GSettings  *settings,
                      const char *key,
                      double     *w)
{
  g_autoptr(GVariant) value = g_settings_get_value (settings, key);
  const double *values;
  gsize n_values = 0;

  values = g_variant_get_fixed_array (value, &n_values, sizeof (double));
  if (n_values != VIVA_FSRS_N_PARAMS)
    return FALSE;

  for (gsize i = 0; i < n_values; i++)
    {
      if (!isfinite (values[i]))
        return FALSE;
    }

  memcpy (w, values, sizeof (double) * VIVA_FSRS_N_PARAMS);
  return TRUE;
}

static void
viva_context_read_scheduler_config (VivaContext         *self,
                                    VivaSchedulerConfig *config)
{
  g_autofree char *scheduler = g_settings_get_string (self->settings, "review-scheduler");
  double retention = g_settings_get_double (self->settings, "review-desired-retention");

  viva_scheduler_config_init (config);

  /* The schema's choices are the nicks; anything else (a schema from
   * another version) leaves the default. */
  viva_scheduler_algorithm_from_string (scheduler, &config->algorithm);

  /* The schema's range keeps it there; a NaN would pass a range check. */
  if (isfinite (retention))
    config->desired_retention = CLAMP (retention, VIVA_SCHEDULER_RETENTION_MIN, VIVA_SCHEDULER_RETENTION_MAX);

  if (!read_fsrs_parameters (self->settings, "fsrs-parameters", config->w))
    memcpy (config->w, viva_fsrs_default_parameters, sizeof config->w);

  /* Load balancing counts what the user's notes have due on each day. */
  if (self->notes_store != NULL)
    {
      config->due_count = viva_notes_store_count_due_on_day;
      config->due_count_data = self->notes_store;
    }
}

static gboolean
scheduler_config_equal (const VivaSchedulerConfig *a,
                        const VivaSchedulerConfig *b)
{
  return a->algorithm == b->algorithm &&
         memcmp (a->w, b->w, sizeof a->w) == 0 &&
         a->desired_retention == b->desired_retention &&
         a->maximum_interval == b->maximum_interval &&
         a->fuzz == b->fuzz &&
         a->tz == b->tz &&
         a->day_start_hour == b->day_start_hour &&
         a->due_count == b->due_count &&
         a->due_count_data == b->due_count_data;
}

typedef struct
{
  GSettings *settings;
  double     w[VIVA_FSRS_N_PARAMS];
} MemoryRecomputed;

static void
memory_recomputed_free (MemoryRecomputed *recomputed)
{
  g_clear_object (&recomputed->settings);
  g_free (recomputed);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MemoryRecomputed, memory_recomputed_free)

static void
viva_context_memory_saved_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(MemoryRecomputed) recomputed = user_data;

  /* Only once the file has it: a crash before leaves the old mark, and
   * the next start recomputes. A failed save is said by the window. */
  if (!viva_notes_store_save_finish (VIVA_NOTES_STORE (object), result, NULL))
    return;

  if (memcmp (recomputed->w, viva_fsrs_default_parameters, sizeof recomputed->w) == 0)
    g_settings_reset (recomputed->settings, "fsrs-memory-parameters");
  else
    g_settings_set_value (recomputed->settings, "fsrs-memory-parameters",
                          g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, recomputed->w,
                                                     VIVA_FSRS_N_PARAMS, sizeof (double)));
}

static void
viva_context_recompute_memory_cb (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  g_autoptr(MemoryRecomputed) recomputed = user_data;
  g_autoptr(GError) error = NULL;

  /* Cancelled: the parameters changed again, and the next one runs. A
   * read-only store keeps what the newer Viva wrote; a store not loaded
   * (tests) has nothing to recompute. */
  if (!viva_notes_store_recompute_memory_finish (VIVA_NOTES_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED) &&
          !g_error_matches (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_READ_ONLY))
        g_warning ("Could not recompute the memory of the notes: %s", error->message);
      return;
    }

  /* Saved now rather than after the autosave delay, and then marked as
   * done (see viva_context_constructed()). */
  viva_notes_store_save_async (VIVA_NOTES_STORE (object), NULL,
                               viva_context_memory_saved_cb, g_steal_pointer (&recomputed));
}

/* New FSRS parameters (Optimize, Reset to Defaults) make every note's
 * memory what its history gives under them; the notes store says how.
 * Due dates stay. */
static void
viva_context_recompute_memory (VivaContext *self)
{
  MemoryRecomputed *recomputed;

  if (self->memory_cancellable != NULL)
    g_cancellable_cancel (self->memory_cancellable);
  g_clear_object (&self->memory_cancellable);

  recomputed = g_new0 (MemoryRecomputed, 1);
  recomputed->settings = g_object_ref (self->settings);
  memcpy (recomputed->w, self->scheduler_config.w, sizeof recomputed->w);

  self->memory_cancellable = g_cancellable_new ();
  viva_notes_store_recompute_memory_async (self->notes_store, self->memory_cancellable,
                                           viva_context_recompute_memory_cb, recomputed);
}

static void
viva_context_scheduler_settings_changed_cb (VivaContext *self,
                                            const char  *key,
                                            GSettings   *settings)
{
  VivaSchedulerConfig config;
  gboolean parameters_changed;

  viva_context_read_scheduler_config (self, &config);

  /* GSettings says "changed" for a key written with the value it had. */
  if (scheduler_config_equal (&config, &self->scheduler_config))
    return;

  /* Only the parameters shape the memory: another retention or
   * algorithm schedules differently from the same memory. */
  parameters_changed = memcmp (config.w, self->scheduler_config.w, sizeof config.w) != 0;

  self->scheduler_config = config;
  if (self->notes_store != NULL)
    viva_notes_store_set_scheduler_config (self->notes_store, &self->scheduler_config);

  if (parameters_changed && self->notes_store != NULL)
    viva_context_recompute_memory (self);

  g_signal_emit (self, signals[SCHEDULER_CHANGED], 0);
}

/* The notes' memory was last saved with other parameters than those in
 * use: Viva quit (or crashed) while recomputing it for them. For loaded
 * notes only: their memory is what is checked. */
static void
viva_context_check_memory_parameters (VivaContext *self)
{
  double saved_w[VIVA_FSRS_N_PARAMS];

  if (!read_fsrs_parameters (self->settings, "fsrs-memory-parameters", saved_w))
    memcpy (saved_w, viva_fsrs_default_parameters, sizeof saved_w);
  if (memcmp (saved_w, self->scheduler_config.w, sizeof saved_w) != 0 &&
      !viva_notes_store_get_read_only (self->notes_store))
    viva_context_recompute_memory (self);
}

static void
viva_context_constructed (GObject *object)
{
  VivaContext *self = (VivaContext *)object;

  G_OBJECT_CLASS (viva_context_parent_class)->constructed (object);

  if (self->clock == NULL)
    self->clock = g_object_ref (viva_clock_get_default ());
  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);

  /* Connected before the keys are read: GSettings only reports changes
   * to keys read since a handler was connected. */
  for (guint i = 0; i < G_N_ELEMENTS (scheduler_keys); i++)
    {
      g_autofree char *signal = g_strconcat ("changed::", scheduler_keys[i], NULL);

      g_signal_connect_object (self->settings, signal,
                               G_CALLBACK (viva_context_scheduler_settings_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }

  viva_context_read_scheduler_config (self, &self->scheduler_config);
  if (self->notes_store != NULL)
    {
      viva_notes_store_set_scheduler_config (self->notes_store, &self->scheduler_config);

      /* Notes still loading are checked once they are in. */
      if (!viva_notes_store_get_loading (self->notes_store))
        viva_context_check_memory_parameters (self);
    }
}

static void
viva_context_finalize (GObject *object)
{
  VivaContext *self = (VivaContext *)object;

  if (self->memory_cancellable != NULL)
    g_cancellable_cancel (self->memory_cancellable);
  g_clear_object (&self->memory_cancellable);
  g_clear_object (&self->review_today);
  g_clear_object (&self->python_runner);
  g_clear_object (&self->challenges);
  g_clear_object (&self->owned_banks);
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

    case PROP_NOTES_LOADED:
      g_value_set_boolean (value, !self->notes_loading);
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
   * What viva_notes_store_load() reported, for the window to say; set
   * when the notes are loaded (#VivaContext:notes-loaded).
   */
  properties[PROP_NOTES_LOAD_ERROR] =
    g_param_spec_boxed ("notes-load-error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READWRITE |
                         G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * VivaContext:notes-loaded:
   *
   * Whether the notes are in the store. viva_context_new_default()
   * reads them in a worker thread: meanwhile the store can be used (what
   * is typed is merged with the file's notes, see
   * viva_notes_store_load_async()), but pages that count or list notes
   * (Review, Progress) have nothing to show yet. It goes %TRUE once, when
   * the notes are loaded and #VivaContext:notes-load-error says how.
   */
  properties[PROP_NOTES_LOADED] =
    g_param_spec_boolean ("notes-loaded", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
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

  /**
   * VivaContext::scheduler-changed:
   *
   * The scheduler, the desired retention or the FSRS parameters changed
   * (in Preferences, or fitted by Optimize): what
   * viva_context_get_scheduler_config() points to is new. Intervals
   * shown and predictions of recall should be computed again; due dates
   * already set stay as they are. When the FSRS parameters changed, the
   * notes' memory is being recomputed with them
   * (viva_notes_store_recompute_memory_async()); each note notifies
   * "due" as it gets its new memory.
   */
  signals[SCHEDULER_CHANGED] =
    g_signal_new ("scheduler-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
viva_context_init (VivaContext *self)
{
}

/* The context viva_context_new_default() makes, for the notes' load
 * that starts before it: a context made for a store that is loading
 * knows from its start that the notes are not in yet. */
typedef struct
{
  VivaContext *context;
  char        *path;
} NotesLoad;

static void
viva_context_notes_loaded_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  VivaNotesStore *notes = VIVA_NOTES_STORE (object);
  NotesLoad *load = user_data;
  g_autoptr(VivaContext) self = load->context;
  g_autoptr(GError) error = NULL;

  if (!viva_notes_store_load_finish (notes, result, &error))
    g_warning ("Notes file %s: %s", load->path, error->message);
  g_free (load->path);
  g_free (load);

  /* Another Viva on the same notes (a second login, a sync tool): take
   * its changes as they are saved, not only at our next save. */
  viva_notes_store_watch (notes);

  g_object_freeze_notify (G_OBJECT (self));
  self->notes_loading = FALSE;
  if (error != NULL)
    {
      self->notes_load_error = g_steal_pointer (&error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES_LOAD_ERROR]);
    }
  viva_context_check_memory_parameters (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES_LOADED]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * viva_context_new_default:
 *
 * The application's context: the user's notes, mock interviews and
 * interviews from their usual places. The mock interviews and
 * interviews are loaded; the notes are read in a worker thread, so that
 * the window need not wait for them: see #VivaContext:notes-loaded. A
 * damaged or newer file never stops Viva from starting: the store moves
 * it aside or goes read-only, and the problems are kept for the window
 * to say.
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
  NotesLoad *load = g_new0 (NotesLoad, 1);
  VivaContext *self;

  /* Its callback runs from the main loop, after the context is made. */
  load->path = g_strdup (notes_path);
  viva_notes_store_load_async (notes, NULL, viva_context_notes_loaded_cb, load);

  /* A damaged file is reported with the history and never hides the
   * others; the same for the interviewer's interviews. */
  viva_session_store_load (sessions, &session_problems);
  viva_interview_store_load (interviews, &interview_problems);

  self = g_object_new (VIVA_TYPE_CONTEXT,
                       "notes-store", notes,
                       "session-store", sessions,
                       "session-problems", session_problems,
                       "interview-store", interviews,
                       "interview-problems", interview_problems,
                       NULL);
  self->notes_loading = TRUE;
  load->context = g_object_ref (self);

  return self;
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

/**
 * viva_context_get_owned_banks:
 * @self: a #VivaContext
 *
 * The store of the user's own banks (My Questions, imported banks),
 * made on first use in the usual place; it counts the context's notes
 * when it numbers a new question.
 *
 * Returns: (transfer none): the store
 */
VivaOwnedBanks *
viva_context_get_owned_banks (VivaContext *self)
{
  g_return_val_if_fail (VIVA_IS_CONTEXT (self), NULL);

  if (self->owned_banks == NULL)
    {
      self->owned_banks = viva_owned_banks_new (NULL);
      viva_owned_banks_set_notes_store (self->owned_banks, self->notes_store);
    }

  return self->owned_banks;
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

/**
 * viva_context_get_notes_loaded:
 *
 * Returns: whether the notes are in the store: see
 *   #VivaContext:notes-loaded
 */
gboolean
viva_context_get_notes_loaded (VivaContext *self)
{
  g_return_val_if_fail (VIVA_IS_CONTEXT (self), FALSE);

  return !self->notes_loading;
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
 * viva_context_get_scheduler_config:
 *
 * How Review schedules, from the settings "review-scheduler",
 * "review-desired-retention" and "fsrs-parameters": the configuration
 * every grade is given with (the notes store holds the same), for the
 * intervals Review's buttons show and the predictions of recall. Load
 * balancing counts the notes store's due questions; fuzz is on.
 *
 * Returns: (transfer none): the configuration, owned by the context and
 *   valid as long as it is; its contents change before
 *   #VivaContext::scheduler-changed
 */
const VivaSchedulerConfig *
viva_context_get_scheduler_config (VivaContext *self)
{
  g_return_val_if_fail (VIVA_IS_CONTEXT (self), NULL);

  return &self->scheduler_config;
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
 * viva_context_has_read_challenges:
 *
 * Whether the challenges' tests have been read: only once a question
 * with tests is shown, or viva_context_get_challenges() is called. For
 * the tests of that start-up deferral.
 */
gboolean
viva_context_has_read_challenges (VivaContext *self)
{
  g_return_val_if_fail (VIVA_IS_CONTEXT (self), FALSE);

  return self->challenges != NULL;
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
  gsize i;

  g_return_val_if_fail (VIVA_IS_CONTEXT (self), NULL);

  if (g_strcmp0 (bank_id, VIVA_BUNDLED_BANK_ID) != 0)
    return NULL;

  /* Most questions have no tests: tell from the index made at build time
   * (build-aux/challenge-index) rather than parse the challenges, which
   * would delay the first frame by that parse (issue 15, item 9). */
  for (i = 0; viva_challenge_index[i] != 0; i++)
    if (viva_challenge_index[i] == question)
      return viva_challenge_set_lookup (viva_context_get_challenges (self), question);

  return NULL;
}
