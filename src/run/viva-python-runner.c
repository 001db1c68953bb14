/* viva-python-runner.c
 *
 * The service: which programs, whether the sandbox works (probed once,
 * its answer shared by every caller), the user's settings, and the
 * public API. One run, from the command to its result, is
 * viva-run-job.c, which also says how the sandbox is made and why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "viva-python-runner.h"
#include "viva-run-private.h"

#define PROBE_TIME_LIMIT 30
#define DEFAULT_TIME_LIMIT 10

struct _VivaPythonRunner
{
  GObject                 parent_instance;

  /* Owned */
  GSettings              *settings;
  char                   *bwrap_path;
  char                   *python_path;
  char                   *prlimit_path;
  char                   *problem;
  char                   *python_version;
  GPtrArray              *probe_waiters;

  VivaPythonRunnerStatus  status;
  VivaRunError            problem_code;
};

G_DEFINE_FINAL_TYPE (VivaPythonRunner, viva_python_runner, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (VivaPythonRunnerStatus, viva_python_runner_status,
  G_DEFINE_ENUM_VALUE (VIVA_PYTHON_RUNNER_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (VIVA_PYTHON_RUNNER_PROBING, "probing"),
  G_DEFINE_ENUM_VALUE (VIVA_PYTHON_RUNNER_READY, "ready"),
  G_DEFINE_ENUM_VALUE (VIVA_PYTHON_RUNNER_UNAVAILABLE, "unavailable"))

G_DEFINE_QUARK (viva-run-error-quark, viva_run_error)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_BWRAP_PATH,
  PROP_PYTHON_PATH,
  PROP_PRLIMIT_PATH,
  PROP_STATUS,
  PROP_PROBLEM,
  PROP_PYTHON_VERSION,
  PROP_CAN_RUN,
  PROP_SANDBOXED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


/* Finding the programs ----------------------------------------------------- */

/* Only what the sandbox can see: a program under /usr. */
static char *
find_under_usr (const char *name,
                const char * const *candidates)
{
  g_autofree char *found = g_find_program_in_path (name);

  if (found != NULL && g_str_has_prefix (found, "/usr/"))
    return g_steal_pointer (&found);

  for (guint i = 0; candidates[i] != NULL; i++)
    {
      if (g_file_test (candidates[i], G_FILE_TEST_IS_EXECUTABLE))
        return g_strdup (candidates[i]);
    }

  return NULL;
}

static char *
find_python (void)
{
  /* Debian's own first: another python3 first on PATH (pyenv, a venv)
   * is usually outside /usr, where the sandbox cannot see it. */
  static const char * const candidates[] = { "/usr/bin/python3", "/usr/local/bin/python3", NULL };

  for (guint i = 0; candidates[i] != NULL; i++)
    {
      if (g_file_test (candidates[i], G_FILE_TEST_IS_EXECUTABLE))
        return g_strdup (candidates[i]);
    }

  return NULL;
}

static char *
find_bwrap (void)
{
  static const char * const candidates[] = { "/usr/bin/bwrap", NULL };
  g_autofree char *found = g_find_program_in_path ("bwrap");

  if (found != NULL)
    return g_steal_pointer (&found);

  return find_under_usr ("bwrap", candidates);
}

static char *
find_prlimit (void)
{
  static const char * const candidates[] = { "/usr/bin/prlimit", NULL };

  return find_under_usr ("prlimit", candidates);
}

static guint
effective_time_limit (VivaPythonRunner *self,
                      VivaRunRequest   *request)
{
  guint limit = viva_run_request_get_time_limit (request);

  if (limit == 0)
    limit = viva_python_runner_get_time_limit (self);

  return MAX (limit, 1);
}


static void
get_programs (VivaPythonRunner *self,
              VivaRunPrograms  *programs)
{
  programs->bwrap = self->bwrap_path;
  programs->python = self->python_path;
  programs->prlimit = self->prlimit_path;
}

/* The probe ------------------------------------------------------------------------ */

static void
set_state (VivaPythonRunner       *self,
           VivaPythonRunnerStatus  status,
           VivaRunError            problem_code,
           const char             *problem,
           const char             *version)
{
  gboolean could_run = viva_python_runner_get_can_run (self);
  gboolean was_sandboxed = viva_python_runner_get_sandboxed (self);

  g_object_freeze_notify (G_OBJECT (self));

  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  self->problem_code = problem_code;
  if (g_strcmp0 (self->problem, problem) != 0)
    {
      g_free (self->problem);
      self->problem = g_strdup (problem);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
    }
  if (g_strcmp0 (self->python_version, version) != 0)
    {
      g_free (self->python_version);
      self->python_version = g_strdup (version);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PYTHON_VERSION]);
    }
  if (could_run != viva_python_runner_get_can_run (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_RUN]);
  if (was_sandboxed != viva_python_runner_get_sandboxed (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SANDBOXED]);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
complete_probe (VivaPythonRunner *self)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->probe_waiters);

  self->probe_waiters = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = waiters->pdata[i];

      if (self->status == VIVA_PYTHON_RUNNER_READY)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_new_error (task, VIVA_RUN_ERROR, self->problem_code, "%s", self->problem);
    }
}

/* A version as the probe prints it: digits and dots. */
static char *
parse_version (VivaRunResult *result)
{
  g_autofree char *out = viva_run_result_dup_stream (result, VIVA_RUN_STREAM_STDOUT);

  g_strstrip (out);
  if (out[0] == '\0' || strlen (out) > 32 || strspn (out, "0123456789.") != strlen (out))
    return NULL;

  return g_steal_pointer (&out);
}

/* Why bubblewrap did not start, from what it said. */
static char *
explain_sandbox_failure (const char *said)
{
  static const char * const userns_signs[] = {
    "setting up uid map",
    "No permissions to create new namespace",
    "Creating new namespace failed",
    "unprivileged_userns_clone",
    "max_user_namespaces",
    NULL
  };
  g_autofree char *first_line = NULL;
  const char *newline;

  for (guint i = 0; userns_signs[i] != NULL; i++)
    {
      if (strstr (said, userns_signs[i]) != NULL)
        return g_strdup (_("Python cannot run safely here: this system does not let the sandbox "
                           "(bubblewrap) create user namespaces, as some distributions and "
                           "containers do. Allow unprivileged user namespaces (on Ubuntu 23.10 "
                           "and later, an AppArmor profile for bwrap), or run Viva outside the "
                           "container."));
    }

  newline = strchr (said, '\n');
  first_line = g_strndup (said, newline != NULL ? (gsize)(newline - said) : strlen (said));
  g_strstrip (first_line);

  /* TRANSLATORS: %s is what bubblewrap printed, in English */
  return g_strdup_printf (_("Python cannot run safely here: the sandbox (bubblewrap) does not "
                            "start: “%s”."),
                          first_line[0] != '\0' ? first_line : _("no reason given"));
}

static void probe_unsandboxed_cb (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data);

static VivaRunRequest *
new_probe_request (void)
{
  static const char probe[] = "import sys\nprint('%d.%d.%d' % sys.version_info[:3])\n";
  g_autoptr(GBytes) script = g_bytes_new_static (probe, sizeof probe - 1);

  return viva_run_request_new ("viva-probe.py", script);
}

static void
probe_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(VivaPythonRunner) self = user_data;
  g_autoptr(VivaRunResult) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  g_autofree char *problem = NULL;

  run = g_task_propagate_pointer (G_TASK (result), &error);

  if (run != NULL)
    version = parse_version (run);

  if (version != NULL && viva_run_result_get_success (run))
    {
      set_state (self, VIVA_PYTHON_RUNNER_READY, 0, NULL, version);
      complete_probe (self);
      return;
    }

  if (run != NULL)
    {
      g_autofree char *said = viva_run_result_dup_stream (run, VIVA_RUN_STREAM_STDERR);

      problem = explain_sandbox_failure (said);
    }
  else
    {
      problem = explain_sandbox_failure (error->message);
    }

  g_debug ("The sandbox does not work: %s", problem);
  set_state (self, VIVA_PYTHON_RUNNER_UNAVAILABLE, VIVA_RUN_ERROR_SANDBOX_UNAVAILABLE, problem, NULL);

  /* Only for the version the window shows should the user allow runs
   * without the sandbox: the probe's own script, nothing of the user's. */
  {
    g_autoptr(VivaRunRequest) request = new_probe_request ();
    VivaRunPrograms programs;

    get_programs (self, &programs);
    _viva_run_job_start (self, &programs, request, FALSE, PROBE_TIME_LIMIT,
                         NULL, NULL, NULL, NULL,
                         probe_unsandboxed_cb, g_object_ref (self));
  }
}

static void
probe_unsandboxed_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(VivaPythonRunner) self = user_data;
  g_autoptr(VivaRunResult) run = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autofree char *version = NULL;

  if (run != NULL && viva_run_result_get_success (run))
    version = parse_version (run);

  set_state (self, VIVA_PYTHON_RUNNER_UNAVAILABLE, self->problem_code, self->problem, version);
  complete_probe (self);
}

static void
start_probe (VivaPythonRunner *self)
{
  g_autoptr(VivaRunRequest) request = NULL;
  VivaRunPrograms programs;

  get_programs (self, &programs);

  if (self->status != VIVA_PYTHON_RUNNER_UNKNOWN)
    return;

  if (self->python_path == NULL || !g_file_test (self->python_path, G_FILE_TEST_IS_EXECUTABLE))
    {
      set_state (self, VIVA_PYTHON_RUNNER_UNAVAILABLE, VIVA_RUN_ERROR_NO_PYTHON,
                 _("Python 3 is not installed, so code cannot run. Install the “python3” "
                   "package (on Debian and Ubuntu: sudo apt install python3) and restart Viva."),
                 NULL);
      complete_probe (self);
      return;
    }

  if (self->prlimit_path == NULL || !g_file_test (self->prlimit_path, G_FILE_TEST_IS_EXECUTABLE))
    {
      set_state (self, VIVA_PYTHON_RUNNER_UNAVAILABLE, VIVA_RUN_ERROR_SANDBOX_UNAVAILABLE,
                 _("Python cannot run safely here: prlimit, which sets its limits, is missing. "
                   "Install the “util-linux” package and restart Viva."),
                 NULL);
      complete_probe (self);
      return;
    }

  if (self->bwrap_path == NULL || !g_file_test (self->bwrap_path, G_FILE_TEST_IS_EXECUTABLE))
    {
      set_state (self, VIVA_PYTHON_RUNNER_UNAVAILABLE, VIVA_RUN_ERROR_SANDBOX_UNAVAILABLE,
                 _("Python cannot run safely here: the sandbox, bubblewrap, is not installed. "
                   "Install the “bubblewrap” package (on Debian and Ubuntu: sudo apt install "
                   "bubblewrap) and restart Viva."),
                 NULL);
      /* The version, should the user allow runs without the sandbox. */
      request = new_probe_request ();
      _viva_run_job_start (self, &programs, request, FALSE, PROBE_TIME_LIMIT,
                           NULL, NULL, NULL, NULL,
                           probe_unsandboxed_cb, g_object_ref (self));
      return;
    }

  set_state (self, VIVA_PYTHON_RUNNER_PROBING, 0, NULL, NULL);
  request = new_probe_request ();
  _viva_run_job_start (self, &programs, request, TRUE, PROBE_TIME_LIMIT,
                       NULL, NULL, NULL, NULL,
                       probe_cb, g_object_ref (self));
}

/* The object ------------------------------------------------------------------------ */

static void
settings_changed_cb (VivaPythonRunner *self,
                     const char       *key,
                     GSettings        *settings)
{
  if (g_strcmp0 (key, "run-unsandboxed") == 0)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_RUN]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SANDBOXED]);
    }
}

static void
viva_python_runner_constructed (GObject *object)
{
  VivaPythonRunner *self = (VivaPythonRunner *)object;

  G_OBJECT_CLASS (viva_python_runner_parent_class)->constructed (object);

  /* An empty path stands for "look for it"; tests and the UI tests name
   * a program that does not exist to see the message. */
  if (self->python_path == NULL)
    self->python_path = find_python ();
  if (self->bwrap_path == NULL)
    self->bwrap_path = find_bwrap ();
  if (self->prlimit_path == NULL)
    self->prlimit_path = find_prlimit ();

  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed",
                             G_CALLBACK (settings_changed_cb), self,
                             G_CONNECT_SWAPPED);
}

static void
viva_python_runner_finalize (GObject *object)
{
  VivaPythonRunner *self = (VivaPythonRunner *)object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->bwrap_path, g_free);
  g_clear_pointer (&self->python_path, g_free);
  g_clear_pointer (&self->prlimit_path, g_free);
  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->python_version, g_free);
  g_clear_pointer (&self->probe_waiters, g_ptr_array_unref);

  G_OBJECT_CLASS (viva_python_runner_parent_class)->finalize (object);
}

static void
viva_python_runner_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  VivaPythonRunner *self = VIVA_PYTHON_RUNNER (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_BWRAP_PATH:
      g_value_set_string (value, self->bwrap_path);
      break;

    case PROP_PYTHON_PATH:
      g_value_set_string (value, self->python_path);
      break;

    case PROP_PRLIMIT_PATH:
      g_value_set_string (value, self->prlimit_path);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;

    case PROP_PYTHON_VERSION:
      g_value_set_string (value, self->python_version);
      break;

    case PROP_CAN_RUN:
      g_value_set_boolean (value, viva_python_runner_get_can_run (self));
      break;

    case PROP_SANDBOXED:
      g_value_set_boolean (value, viva_python_runner_get_sandboxed (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_python_runner_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  VivaPythonRunner *self = VIVA_PYTHON_RUNNER (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_BWRAP_PATH:
      self->bwrap_path = g_value_dup_string (value);
      break;

    case PROP_PYTHON_PATH:
      self->python_path = g_value_dup_string (value);
      break;

    case PROP_PRLIMIT_PATH:
      self->prlimit_path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_python_runner_class_init (VivaPythonRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = viva_python_runner_constructed;
  object_class->finalize = viva_python_runner_finalize;
  object_class->get_property = viva_python_runner_get_property;
  object_class->set_property = viva_python_runner_set_property;

  /**
   * VivaPythonRunner:settings:
   *
   * Where `run-time-limit` and `run-unsandboxed` are read; %NULL for
   * their defaults (10 seconds, never without the sandbox).
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * VivaPythonRunner:bwrap-path:
   *
   * bubblewrap; %NULL to look for `bwrap` on PATH, then /usr/bin.
   */
  properties[PROP_BWRAP_PATH] =
    g_param_spec_string ("bwrap-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * VivaPythonRunner:python-path:
   *
   * python3; %NULL for /usr/bin/python3, else /usr/local/bin/python3: the
   * sandbox sees /usr only.
   */
  properties[PROP_PYTHON_PATH] =
    g_param_spec_string ("python-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_PRLIMIT_PATH] =
    g_param_spec_string ("prlimit-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       VIVA_TYPE_PYTHON_RUNNER_STATUS,
                       VIVA_PYTHON_RUNNER_UNKNOWN,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * VivaPythonRunner:problem:
   *
   * Why code cannot run safely and what to do, translated, once the
   * probe found out; %NULL while it can.
   */
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * VivaPythonRunner:python-version:
   *
   * The version of the python3 that runs the code, e.g. "3.11.2", as it
   * says it in the sandbox; %NULL until probed or when there is none.
   */
  properties[PROP_PYTHON_VERSION] =
    g_param_spec_string ("python-version", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * VivaPythonRunner:can-run:
   *
   * Whether Run should be enabled: not known to be impossible.
   */
  properties[PROP_CAN_RUN] =
    g_param_spec_boolean ("can-run", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /**
   * VivaPythonRunner:sandboxed:
   *
   * Whether the next run is sandboxed: FALSE only when the sandbox does
   * not work and the user turned `run-unsandboxed` on, which the UI
   * should then say next to Run.
   */
  properties[PROP_SANDBOXED] =
    g_param_spec_boolean ("sandboxed", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
viva_python_runner_init (VivaPythonRunner *self)
{
  self->probe_waiters = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * viva_python_runner_new:
 * @settings: (nullable): the application's settings
 *
 * The runner with the programs it finds: bwrap, /usr/bin/python3 and
 * prlimit. The environment variables VIVA_BWRAP and VIVA_PYTHON3, when
 * set, name other programs, so a test of the whole application can make
 * the sandbox unavailable (a path that does not exist).
 *
 * Returns: (transfer full): a new #VivaPythonRunner
 */
VivaPythonRunner *
viva_python_runner_new (GSettings *settings)
{
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (VIVA_TYPE_PYTHON_RUNNER,
                       "settings", settings,
                       "bwrap-path", g_getenv ("VIVA_BWRAP"),
                       "python-path", g_getenv ("VIVA_PYTHON3"),
                       NULL);
}

/**
 * viva_python_runner_probe_async:
 *
 * Finds out once whether code can run in the sandbox: runs python3 in it
 * for its version. Later calls (and runs) share the answer; calls while
 * it is being found out wait for it.
 */
void
viva_python_runner_probe_async (VivaPythonRunner    *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VIVA_IS_PYTHON_RUNNER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, viva_python_runner_probe_async);

  switch (self->status)
    {
    case VIVA_PYTHON_RUNNER_READY:
      g_task_return_boolean (task, TRUE);
      break;

    case VIVA_PYTHON_RUNNER_UNAVAILABLE:
      if (self->probe_waiters->len > 0)
        g_ptr_array_add (self->probe_waiters, g_steal_pointer (&task));
      else
        g_task_return_new_error (task, VIVA_RUN_ERROR, self->problem_code, "%s", self->problem);
      break;

    case VIVA_PYTHON_RUNNER_UNKNOWN:
    case VIVA_PYTHON_RUNNER_PROBING:
      g_ptr_array_add (self->probe_waiters, g_steal_pointer (&task));
      start_probe (self);
      break;

    default:
      g_assert_not_reached ();
    }
}

/**
 * viva_python_runner_probe_finish:
 *
 * Returns: TRUE when code runs in the sandbox; otherwise FALSE with
 *   %VIVA_RUN_ERROR_NO_PYTHON or %VIVA_RUN_ERROR_SANDBOX_UNAVAILABLE and
 *   the problem as its message
 */
gboolean
viva_python_runner_probe_finish (VivaPythonRunner  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (VIVA_IS_PYTHON_RUNNER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

VivaPythonRunnerStatus
viva_python_runner_get_status (VivaPythonRunner *self)
{
  g_return_val_if_fail (VIVA_IS_PYTHON_RUNNER (self), VIVA_PYTHON_RUNNER_UNKNOWN);

  return self->status;
}

const char *
viva_python_runner_get_problem (VivaPythonRunner *self)
{
  g_return_val_if_fail (VIVA_IS_PYTHON_RUNNER (self), NULL);

  return self->problem;
}

const char *
viva_python_runner_get_python_version (VivaPythonRunner *self)
{
  g_return_val_if_fail (VIVA_IS_PYTHON_RUNNER (self), NULL);

  return self->python_version;
}

const char *
viva_python_runner_get_python_path (VivaPythonRunner *self)
{
  g_return_val_if_fail (VIVA_IS_PYTHON_RUNNER (self), NULL);

  return self->python_path;
}

static gboolean
unsandboxed_allowed (VivaPythonRunner *self)
{
  return self->settings != NULL && g_settings_get_boolean (self->settings, "run-unsandboxed");
}

gboolean
viva_python_runner_get_can_run (VivaPythonRunner *self)
{
  g_return_val_if_fail (VIVA_IS_PYTHON_RUNNER (self), FALSE);

  if (self->status != VIVA_PYTHON_RUNNER_UNAVAILABLE)
    return TRUE;

  return self->problem_code == VIVA_RUN_ERROR_SANDBOX_UNAVAILABLE && unsandboxed_allowed (self);
}

gboolean
viva_python_runner_get_sandboxed (VivaPythonRunner *self)
{
  g_return_val_if_fail (VIVA_IS_PYTHON_RUNNER (self), TRUE);

  return !(self->status == VIVA_PYTHON_RUNNER_UNAVAILABLE && viva_python_runner_get_can_run (self));
}

/**
 * viva_python_runner_get_time_limit:
 *
 * Returns: the wall-clock limit of a run in seconds, the user's
 *   `run-time-limit` (also the processor time limit)
 */
guint
viva_python_runner_get_time_limit (VivaPythonRunner *self)
{
  g_return_val_if_fail (VIVA_IS_PYTHON_RUNNER (self), DEFAULT_TIME_LIMIT);

  if (self->settings == NULL)
    return DEFAULT_TIME_LIMIT;

  return g_settings_get_uint (self->settings, "run-time-limit");
}

typedef struct
{
  VivaRunRequest    *request;
  VivaRunOutputFunc  output_func;
  gpointer           output_data;
  GDestroyNotify     output_destroy;
  GCancellable      *cancellable;
  GAsyncReadyCallback callback;
  gpointer           user_data;
} DeferredRun;

static void run_when_probed (VivaPythonRunner    *self,
                             VivaRunRequest      *request,
                             VivaRunOutputFunc    output_func,
                             gpointer             output_data,
                             GDestroyNotify       output_destroy,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data);

static void
deferred_probe_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  VivaPythonRunner *self = VIVA_PYTHON_RUNNER (object);
  DeferredRun *deferred = user_data;

  /* The answer is in the runner's state either way. */
  viva_python_runner_probe_finish (self, result, NULL);
  run_when_probed (self, deferred->request,
                   deferred->output_func, deferred->output_data, deferred->output_destroy,
                   deferred->cancellable, deferred->callback, deferred->user_data);

  g_object_unref (deferred->request);
  g_clear_object (&deferred->cancellable);
  g_free (deferred);
}

static void
run_when_probed (VivaPythonRunner    *self,
                 VivaRunRequest      *request,
                 VivaRunOutputFunc    output_func,
                 gpointer             output_data,
                 GDestroyNotify       output_destroy,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  guint time_limit = effective_time_limit (self, request);
  VivaRunPrograms programs;

  get_programs (self, &programs);
  if (self->status == VIVA_PYTHON_RUNNER_READY)
    {
      _viva_run_job_start (self, &programs, request, TRUE, time_limit,
                           output_func, output_data, output_destroy,
                           cancellable, callback, user_data);
    }
  else if (viva_python_runner_get_can_run (self))
    {
      /* The sandbox does not work and the user chose to run without it. */
      _viva_run_job_start (self, &programs, request, FALSE, time_limit,
                           output_func, output_data, output_destroy,
                           cancellable, callback, user_data);
    }
  else
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, viva_python_runner_run_async);
      if (output_destroy != NULL)
        output_destroy (output_data);
      g_task_return_new_error (task, VIVA_RUN_ERROR, self->problem_code, "%s", self->problem);
    }
}

/**
 * viva_python_runner_run_async:
 * @request: the script, its files and arguments
 * @output_func: (nullable): called with the output as it comes
 * @output_data: its data
 * @output_destroy: (nullable): frees @output_data once the run is over
 * @cancellable: (nullable): Stop: cancelling kills the run
 * @callback: called when the run is over
 * @user_data: its data
 *
 * Runs @request's script with python3 in the sandbox (probing first if
 * that was not done), or, when the sandbox does not work and only if the
 * user turned `run-unsandboxed` on, without it. The script and its files
 * are in /viva/ (read-only; $VIVA_DIR names the folder in both cases),
 * stdin is empty, fd 3 is the results pipe; the limits are those above.
 *
 * Cancelling is not an error: the result ends %VIVA_RUN_STOPPED with the
 * output up to then, as a time limit ends %VIVA_RUN_TIMED_OUT. Only
 * cancelling before the run started gives %G_IO_ERROR_CANCELLED.
 */
void
viva_python_runner_run_async (VivaPythonRunner    *self,
                              VivaRunRequest      *request,
                              VivaRunOutputFunc    output_func,
                              gpointer             output_data,
                              GDestroyNotify       output_destroy,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (VIVA_IS_PYTHON_RUNNER (self));
  g_return_if_fail (VIVA_IS_RUN_REQUEST (request));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (self->status == VIVA_PYTHON_RUNNER_UNKNOWN ||
      self->status == VIVA_PYTHON_RUNNER_PROBING ||
      self->probe_waiters->len > 0)
    {
      DeferredRun *deferred = g_new0 (DeferredRun, 1);

      deferred->request = g_object_ref (request);
      deferred->output_func = output_func;
      deferred->output_data = output_data;
      deferred->output_destroy = output_destroy;
      deferred->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
      deferred->callback = callback;
      deferred->user_data = user_data;
      viva_python_runner_probe_async (self, NULL, deferred_probe_cb, deferred);
      return;
    }

  run_when_probed (self, request, output_func, output_data, output_destroy,
                   cancellable, callback, user_data);
}

/**
 * viva_python_runner_run_finish:
 *
 * Returns: (transfer full): how the run ended, or %NULL with
 *   %VIVA_RUN_ERROR_NO_PYTHON, %VIVA_RUN_ERROR_SANDBOX_UNAVAILABLE (the
 *   problem as message), %VIVA_RUN_ERROR_FAILED or %G_IO_ERROR_CANCELLED
 */
VivaRunResult *
viva_python_runner_run_finish (VivaPythonRunner  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (VIVA_IS_PYTHON_RUNNER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
