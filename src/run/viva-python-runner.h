/* viva-python-runner.h
 *
 * Runs Python the user wrote, safely: the system's python3 in a
 * bubblewrap sandbox (no network, read-only system, private /tmp, no
 * home, cleared environment), with limits on time, processor, memory,
 * processes, file size and output. One per application, in the context
 * (viva_context_get_python_runner()). Asynchronous and cancellable: the
 * main loop never waits for Python. GTK-free.
 *
 * Whether the sandbox works is probed once (viva_python_runner_probe_async(),
 * or the first run does it). When it does not, runs fail with the reason
 * and what to do (viva_python_runner_get_problem()), unless the user has
 * turned on the `run-unsandboxed` setting, which nothing turns on for
 * them: then code runs without the sandbox, with the same limits but
 * with the user's rights (see viva_python_runner_get_sandboxed()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "viva-run-request.h"
#include "viva-run-result.h"

G_BEGIN_DECLS

/* The limits of every run, in the sandbox and out of it. The wall-clock
 * limit is the user's (`run-time-limit`, 10 s by default) or the
 * request's; the processor time limit is the same number of seconds. */
#define VIVA_RUN_ADDRESS_SPACE_BYTES (512 * 1024 * 1024)
#define VIVA_RUN_MAX_PROCESSES       32
#define VIVA_RUN_FILE_SIZE_BYTES     (16 * 1024 * 1024)
#define VIVA_RUN_MAX_OPEN_FILES      256
#define VIVA_RUN_TMP_BYTES           (64 * 1024 * 1024)

typedef enum
{
  VIVA_PYTHON_RUNNER_UNKNOWN,     /* not probed yet */
  VIVA_PYTHON_RUNNER_PROBING,
  VIVA_PYTHON_RUNNER_READY,       /* the sandbox works */
  VIVA_PYTHON_RUNNER_UNAVAILABLE, /* it does not: see the problem */
} VivaPythonRunnerStatus;

#define VIVA_TYPE_PYTHON_RUNNER_STATUS (viva_python_runner_status_get_type ())
GType viva_python_runner_status_get_type (void);

typedef enum
{
  VIVA_RUN_ERROR_NO_PYTHON,           /* python3 not found */
  VIVA_RUN_ERROR_SANDBOX_UNAVAILABLE, /* bubblewrap missing or not allowed */
  VIVA_RUN_ERROR_FAILED,              /* could not start for another reason */
} VivaRunError;

#define VIVA_RUN_ERROR (viva_run_error_quark ())
GQuark viva_run_error_quark (void);

/**
 * VivaRunOutputFunc:
 * @stream: stdout or stderr
 * @text: what came, valid UTF-8 and never empty
 * @user_data: the data given with the function
 *
 * Called in the caller's main context as output comes, in order, before
 * the run's callback; the same text ends up in the result's chunks.
 */
typedef void (*VivaRunOutputFunc) (VivaRunStream  stream,
                                   const char    *text,
                                   gpointer       user_data);

#define VIVA_TYPE_PYTHON_RUNNER (viva_python_runner_get_type ())

G_DECLARE_FINAL_TYPE (VivaPythonRunner, viva_python_runner, VIVA, PYTHON_RUNNER, GObject)

VivaPythonRunner       *viva_python_runner_new                (GSettings            *settings);
void                    viva_python_runner_probe_async        (VivaPythonRunner     *self,
                                                               GCancellable         *cancellable,
                                                               GAsyncReadyCallback   callback,
                                                               gpointer              user_data);
gboolean                viva_python_runner_probe_finish       (VivaPythonRunner     *self,
                                                               GAsyncResult         *result,
                                                               GError              **error);
VivaPythonRunnerStatus  viva_python_runner_get_status         (VivaPythonRunner     *self);
const char             *viva_python_runner_get_problem        (VivaPythonRunner     *self);
const char             *viva_python_runner_get_python_version (VivaPythonRunner     *self);
const char             *viva_python_runner_get_python_path    (VivaPythonRunner     *self);
gboolean                viva_python_runner_get_can_run        (VivaPythonRunner     *self);
gboolean                viva_python_runner_get_sandboxed      (VivaPythonRunner     *self);
guint                   viva_python_runner_get_time_limit     (VivaPythonRunner     *self);
void                    viva_python_runner_run_async          (VivaPythonRunner     *self,
                                                               VivaRunRequest       *request,
                                                               VivaRunOutputFunc     output_func,
                                                               gpointer              output_data,
                                                               GDestroyNotify        output_destroy,
                                                               GCancellable         *cancellable,
                                                               GAsyncReadyCallback   callback,
                                                               gpointer              user_data);
VivaRunResult          *viva_python_runner_run_finish         (VivaPythonRunner     *self,
                                                               GAsyncResult         *result,
                                                               GError              **error);

G_END_DECLS
