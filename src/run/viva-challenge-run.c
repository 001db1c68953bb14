/* viva-challenge-run.c
 *
 * "Run Tests": the challenge driver (viva-challenge-driver.py, a
 * resource) run by the sandboxed runner with the user's code as
 * /viva/code.py and the cases as /viva/cases.json, and its results read
 * back, one per case.
 *
 * Time: each case, and loading the code, may run for the runner's time
 * limit (the user's "Time limit for running code"), enforced by the
 * driver, which kills the case's process group; the whole run's
 * wall-clock limit, enforced by the runner, is one case limit per case
 * plus one for loading the code plus a few seconds to start, so that
 * cases that all run to their limit still report, and a driver that
 * hangs is still killed. The processor time limit the runner sets is per
 * process, and each case is a process of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-challenge-run.h"

typedef struct
{
  GPtrArray     *cases;
  VivaRunResult *run;
} ChallengeRun;

static void
challenge_run_free (ChallengeRun *state)
{
  g_clear_pointer (&state->cases, g_ptr_array_unref);
  g_clear_object (&state->run);
  g_free (state);
}

/**
 * viva_challenge_run_time_limit:
 * @case_time_limit: seconds one case may run
 * @n_cases: how many cases run
 *
 * Returns: the wall-clock limit, in seconds, of a run of @n_cases cases:
 *   (@n_cases + 1) × @case_time_limit + %VIVA_CHALLENGE_RUN_SLACK_SECONDS,
 *   at most %VIVA_CHALLENGE_RUN_MAX_SECONDS
 */
guint
viva_challenge_run_time_limit (guint case_time_limit,
                               guint n_cases)
{
  guint64 total = ((guint64) n_cases + 1) * MAX (case_time_limit, 1)
                  + VIVA_CHALLENGE_RUN_SLACK_SECONDS;

  return (guint) MIN (total, VIVA_CHALLENGE_RUN_MAX_SECONDS);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ChallengeRun *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaChallengeResults) results = NULL;
  GBytes *bytes;
  const char *data;
  gsize len = 0;

  state->run = viva_python_runner_run_finish (VIVA_PYTHON_RUNNER (object), result, &error);
  if (state->run == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  bytes = viva_run_result_get_results (state->run);
  data = bytes != NULL ? g_bytes_get_data (bytes, &len) : NULL;

  /* Stopped or killed before the first result: nothing ran to its end. */
  if (len == 0 && viva_run_result_get_end (state->run) != VIVA_RUN_EXITED)
    {
      g_task_return_pointer (task, viva_challenge_results_new_not_run (state->cases),
                             (GDestroyNotify) viva_challenge_results_free);
      return;
    }

  results = viva_challenge_results_parse (data, len, state->cases, &error);
  if (results == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A driver that ended early by the runner's hand wrote a whole
   * document only if every case had ended. */
  if (viva_run_result_get_end (state->run) != VIVA_RUN_EXITED &&
      viva_challenge_results_count (results, VIVA_CASE_NOT_RUN) > 0)
    results->complete = FALSE;

  g_task_return_pointer (task, g_steal_pointer (&results),
                         (GDestroyNotify) viva_challenge_results_free);
}

/**
 * viva_challenge_run_async:
 * @runner: the runner (the context's)
 * @challenge: (nullable): the question's shipped tests; %NULL when only
 *   the user's own cases run
 * @code: the user's code, UTF-8
 * @own_cases: (nullable) (element-type VivaCodeCase): the user's
 *   own cases, run after the shipped ones
 * @output_func: (nullable) (scope notified): called as the code prints,
 *   as viva_python_runner_run_async() does
 * @output_data: its data
 * @output_destroy: (nullable): frees @output_data
 * @cancellable: (nullable): Stop
 * @callback: called with the results
 * @user_data: its data
 *
 * Runs the cases of @challenge, then @own_cases, against @code in the
 * sandbox, each case in a process of its own limited to the runner's time
 * limit (see viva_challenge_run_time_limit() for the whole run's).
 *
 * With no @challenge, the tests the user wrote in @code run too, after
 * @own_cases: its top-level assert statements, which run as it loads
 * (one that fails is a load error, with its traceback), as one case
 * named "top-level assert statements", and every top-level function
 * whose name starts with "test_" and that takes no argument, each as a
 * case named after it that passes when it returns without an exception
 * (see viva-challenge-driver.py). The results then hold more cases than
 * were sent; none at all when the code holds no tests and there are no
 * own cases (viva_challenge_results_dup_summary() says so).
 */
void
viva_challenge_run_async (VivaPythonRunner    *runner,
                          VivaChallenge       *challenge,
                          const char          *code,
                          GPtrArray           *own_cases,
                          VivaRunOutputFunc    output_func,
                          gpointer             output_data,
                          GDestroyNotify       output_destroy,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) driver = NULL;
  g_autoptr(GBytes) cases_json = NULL;
  g_autoptr(VivaRunRequest) request = NULL;
  ChallengeRun *state;
  guint case_limit;
  guint n_runs;

  g_return_if_fail (VIVA_IS_PYTHON_RUNNER (runner));
  g_return_if_fail (challenge == NULL || VIVA_IS_CHALLENGE (challenge));
  g_return_if_fail (code != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (runner, cancellable, callback, user_data);
  g_task_set_source_tag (task, viva_challenge_run_async);
  /* Stop is not an error, as for the runner: the cases that ended show. */
  g_task_set_check_cancellable (task, FALSE);

  state = g_new0 (ChallengeRun, 1);
  state->cases = viva_challenge_collect_cases (challenge, own_cases);
  g_task_set_task_data (task, state, (GDestroyNotify) challenge_run_free);

  case_limit = viva_python_runner_get_time_limit (runner);
  n_runs = state->cases->len;
  if (challenge != NULL)
    {
      cases_json = viva_challenge_build_cases_json (challenge, state->cases, case_limit * 1000);
    }
  else if (g_utf8_validate (code, -1, NULL))
    {
      /* With no challenge the driver also runs the tests it finds in
       * the code: at most one per test_ name the code spells out, so
       * that the whole run's limit still covers each at its own. */
      guint max_found = viva_challenge_count_test_names (code);

      cases_json = viva_challenge_build_discover_json (state->cases, max_found, case_limit * 1000);
      n_runs += max_found;
    }
  driver = viva_challenge_dup_driver ();

  if (cases_json == NULL || !g_utf8_validate (code, -1, NULL))
    {
      if (output_destroy != NULL)
        output_destroy (output_data);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s",
                               _("The code or a test case is not valid text."));
      return;
    }

  request = viva_run_request_new ("viva-challenge-driver.py", driver);
  viva_run_request_add_text_file (request, "code.py", code);
  viva_run_request_add_file (request, "cases.json", cases_json);
  viva_run_request_set_time_limit (request,
                                   viva_challenge_run_time_limit (case_limit, n_runs));

  viva_python_runner_run_async (runner, request, output_func, output_data, output_destroy,
                                cancellable, run_done_cb, g_steal_pointer (&task));
}

/**
 * viva_challenge_run_finish:
 * @runner: the runner
 * @result: the result given to the callback
 * @out_run: (out) (optional) (transfer full) (nullable): how the run
 *   itself ended: all it printed, a time limit, Stop, sandboxed or not;
 *   %NULL if it did not start
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): one result per case, the shipped
 *   ones first; @complete %FALSE when the run was stopped or killed
 *   before every case ended. %NULL with the runner's error (no python3,
 *   no sandbox, %G_IO_ERROR_CANCELLED before it started), or a
 *   %VIVA_CHALLENGE_ERROR when the driver gave no results it could read
 *   (@out_run then says what it printed)
 */
VivaChallengeResults *
viva_challenge_run_finish (VivaPythonRunner  *runner,
                           GAsyncResult      *result,
                           VivaRunResult    **out_run,
                           GError           **error)
{
  ChallengeRun *state;

  g_return_val_if_fail (VIVA_IS_PYTHON_RUNNER (runner), NULL);
  g_return_val_if_fail (g_task_is_valid (result, runner), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == viva_challenge_run_async, NULL);

  state = g_task_get_task_data (G_TASK (result));
  if (out_run != NULL)
    *out_run = state->run != NULL ? g_object_ref (state->run) : NULL;

  return g_task_propagate_pointer (G_TASK (result), error);
}
