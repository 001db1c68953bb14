/* test-challenge-run.c
 *
 * "Run Tests" as the app runs it: viva_challenge_run_async() sends the
 * challenge driver, the user's code and the cases to the real runner,
 * in the real bubblewrap sandbox with its limits (32 processes, 512 MiB
 * of address space, the time limit), and reads back one result per
 * case. Every bundled challenge passes with its reference solution in
 * the sandbox; a wrong answer fails with its value; a case that loops or
 * forks for ever ends alone and the others still run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-challenge-run.h"
#include "viva-resources.h"

typedef struct
{
  VivaChallengeResults *results;
  VivaRunResult        *run;
  GError               *error;
  GString              *streamed;
  gboolean              done;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->results, viva_challenge_results_free);
  g_clear_object (&run->run);
  g_clear_error (&run->error);
  if (run->streamed != NULL)
    g_string_free (run->streamed, TRUE);
  memset (run, 0, sizeof *run);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
output_cb (VivaRunStream  stream,
           const char    *text,
           gpointer       user_data)
{
  Run *run = user_data;

  g_string_append (run->streamed, text);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Run *run = user_data;

  run->results = viva_challenge_run_finish (VIVA_PYTHON_RUNNER (object), result,
                                            &run->run, &run->error);
  run->done = TRUE;
}

/* Runs the tests and waits on the main loop, as the window would. */
static void
run_tests (VivaPythonRunner *runner,
           VivaChallenge    *challenge,
           const char       *code,
           GPtrArray        *own_cases,
           Run              *run)
{
  run->streamed = g_string_new (NULL);
  viva_challenge_run_async (runner, challenge, code, own_cases, output_cb, run, NULL,
                            NULL, run_done_cb, run);
  while (!run->done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (run->error);
  g_assert_nonnull (run->results);
  g_assert_nonnull (run->run);
}

static void
probe_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  gboolean *done = user_data;

  viva_python_runner_probe_finish (VIVA_PYTHON_RUNNER (object), result, NULL);
  *done = TRUE;
}

/* The runner Viva uses, with @time_limit seconds per case (0 for the
 * default); NULL, and the test skipped, only where this machine forbids
 * what bubblewrap needs (test-runner fails where it is missing). */
static VivaPythonRunner *
sandbox_runner (guint time_limit)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(VivaPythonRunner) runner = NULL;
  gboolean done = FALSE;

  g_settings_reset (settings, "run-unsandboxed");
  if (time_limit > 0)
    g_settings_set_uint (settings, "run-time-limit", time_limit);
  else
    g_settings_reset (settings, "run-time-limit");

  runner = viva_python_runner_new (settings);
  viva_python_runner_probe_async (runner, NULL, probe_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  if (viva_python_runner_get_status (runner) != VIVA_PYTHON_RUNNER_READY)
    {
      g_test_skip (viva_python_runner_get_problem (runner));
      return NULL;
    }
  g_assert_true (viva_python_runner_get_sandboxed (runner));

  return g_steal_pointer (&runner);
}

static VivaChallengeSet *
load_bundled (void)
{
  g_autoptr(GError) error = NULL;
  VivaChallengeSet *set = viva_challenge_set_new_bundled (&error);

  g_assert_no_error (error);
  g_assert_nonnull (set);

  return set;
}

static char *
read_reference (guint question)
{
  g_autofree char *name = g_strdup_printf ("%u.py", question);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "challenges", "reference", name, NULL);
  g_autoptr(GError) error = NULL;
  char *code = NULL;

  g_file_get_contents (path, &code, NULL, &error);
  g_assert_no_error (error);

  return code;
}

static const VivaCaseResult *
result_named (VivaChallengeResults *results,
              const char           *name)
{
  for (guint i = 0; i < results->cases->len; i++)
    {
      const VivaCaseResult *result = g_ptr_array_index (results->cases, i);

      if (g_strcmp0 (result->test_case->name, name) == 0)
        return result;
    }

  g_error ("no case named “%s”", name);
  return NULL;
}

static void
assert_all_passed (VivaChallengeResults *results,
                   guint                 question)
{
  g_assert_null (results->load_error);
  g_assert_true (results->complete);
  for (guint i = 0; i < results->cases->len; i++)
    {
      const VivaCaseResult *result = g_ptr_array_index (results->cases, i);

      if (result->status != VIVA_CASE_PASSED)
        g_error ("question %u, case “%s”: status %d, actual %s, error %s", question,
                 result->test_case->name, result->status, result->actual, result->error);
    }
}

/* Every bundled challenge's reference solution passes every case in
 * the sandbox, under its memory and process limits, as the user's
 * right answer will. */
static void
test_references_sandboxed (void)
{
  g_autoptr(VivaPythonRunner) runner = sandbox_runner (60);
  g_autoptr(VivaChallengeSet) set = load_bundled ();

  if (runner == NULL)
    return;

  g_assert_cmpuint (viva_challenge_set_get_n_challenges (set), ==, 30);
  for (guint i = 0; i < viva_challenge_set_get_n_challenges (set); i++)
    {
      VivaChallenge *challenge = viva_challenge_set_get_challenge (set, i);
      guint question = viva_challenge_get_question (challenge);
      g_autofree char *code = read_reference (question);
      g_auto(Run) run = { NULL, };

      run_tests (runner, challenge, code, NULL, &run);
      g_assert_true (viva_run_result_get_sandboxed (run.run));
      g_assert_cmpint (viva_run_result_get_end (run.run), ==, VIVA_RUN_EXITED);
      g_assert_cmpuint (run.results->cases->len, ==, viva_challenge_get_n_cases (challenge));
      assert_all_passed (run.results, question);
    }
}

/* A wrong answer fails the cases it gets wrong, with the value it gave;
 * what it prints is shown as it comes. */
static void
test_wrong_sandboxed (void)
{
  g_autoptr(VivaPythonRunner) runner = sandbox_runner (0);
  g_autoptr(VivaChallengeSet) set = load_bundled ();
  VivaChallenge *challenge = viva_challenge_set_lookup (set, 951);
  g_auto(Run) run = { NULL, };
  const VivaCaseResult *result;

  if (runner == NULL)
    return;

  run_tests (runner, challenge,
             "def is_palindrome(s):\n"
             "    print('checking', s)\n"
             "    s = s.lower()\n"
             "    return s == s[::-1]\n",
             NULL, &run);

  g_assert_true (viva_run_result_get_sandboxed (run.run));
  g_assert_null (run.results->load_error);
  g_assert_true (run.results->complete);
  result = result_named (run.results, "case counts");
  g_assert_cmpint (result->status, ==, VIVA_CASE_FAILED);
  g_assert_cmpstr (result->test_case->expected, ==, "False");
  g_assert_cmpstr (result->actual, ==, "True");
  g_assert_cmpstr (result->output, ==, "checking Racecar\n");
  g_assert_null (result->error);
  g_assert_cmpuint (viva_challenge_results_count (run.results, VIVA_CASE_FAILED), ==, 1);
  g_assert_cmpuint (viva_challenge_results_count (run.results, VIVA_CASE_PASSED), ==,
                    run.results->cases->len - 1);
  g_assert_nonnull (strstr (run.streamed->str, "checking Racecar\n"));
}

static GPtrArray *
own_cases (const char *first_name,
           ...)
{
  GPtrArray *cases = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_code_case_free);
  const char *name = first_name;
  va_list args;

  va_start (args, first_name);
  while (name != NULL)
    {
      const char *call = va_arg (args, const char *);
      const char *expected = va_arg (args, const char *);
      VivaCodeCase *test_case = viva_code_case_new (name, call);

      test_case->expected = g_strdup (expected);
      g_ptr_array_add (cases, test_case);
      name = va_arg (args, const char *);
    }
  va_end (args);

  return cases;
}

/* A case that never ends (a loop, a sleep) is ended by the case limit,
 * the user's time limit, alone: the cases after it run, and the whole
 * run, though every case of it ran to the limit, ends by itself within
 * the wall-clock limit of (cases + 1) x the case limit. */
static void
test_case_time_limit_sandboxed (void)
{
  g_autoptr(VivaPythonRunner) runner = sandbox_runner (1);
  g_autoptr(GPtrArray) cases = NULL;
  g_auto(Run) run = { NULL, };
  const VivaCaseResult *result;
  g_autofree char *summary = NULL;

  if (runner == NULL)
    return;

  cases = own_cases ("before", "double(2)", "4",
                     "loops", "while True:\n    pass\ndouble(1)", "2",
                     "sleeps", "import time\ntime.sleep(3600)\ndouble(1)", "2",
                     "loops too", "while True:\n    pass\ndouble(1)", "2",
                     "after", "double(21)", "42",
                     NULL);
  run_tests (runner, NULL, "def double(x):\n    return 2 * x\n", cases, &run);

  g_assert_cmpint (viva_run_result_get_end (run.run), ==, VIVA_RUN_EXITED);
  g_assert_cmpuint (viva_run_result_get_time_limit (run.run), ==,
                    viva_challenge_run_time_limit (1, cases->len));
  g_assert_true (run.results->complete);
  g_assert_null (run.results->load_error);
  g_assert_cmpint (result_named (run.results, "before")->status, ==, VIVA_CASE_PASSED);
  g_assert_cmpint (result_named (run.results, "after")->status, ==, VIVA_CASE_PASSED);
  g_assert_cmpstr (result_named (run.results, "after")->actual, ==, "42");
  for (guint i = 1; i <= 3; i++)
    {
      result = g_ptr_array_index (run.results->cases, i);
      g_assert_cmpint (result->status, ==, VIVA_CASE_ERROR);
      g_assert_null (result->actual);
      g_assert_cmpstr (result->error, ==, "The case did not finish within its time limit of 1 second.");
    }
  summary = viva_challenge_results_dup_summary (run.results);
  g_assert_cmpstr (summary, ==, "2 of 5 tests passed");
}

/* Code that never ends loading is ended by the same limit, and says so,
 * within the run's wall-clock limit. */
static void
test_load_time_limit_sandboxed (void)
{
  g_autoptr(VivaPythonRunner) runner = sandbox_runner (1);
  g_autoptr(GPtrArray) cases = NULL;
  g_auto(Run) run = { NULL, };

  if (runner == NULL)
    return;

  cases = own_cases ("one", "double(2)", "4", NULL);
  run_tests (runner, NULL, "while True:\n    pass\n", cases, &run);

  g_assert_cmpint (viva_run_result_get_end (run.run), ==, VIVA_RUN_EXITED);
  g_assert_cmpstr (run.results->load_error, ==,
                   "Loading your code did not finish within the time limit of 1 second.");
  g_assert_cmpint (result_named (run.results, "one")->status, ==, VIVA_CASE_NOT_RUN);
}

/* A case that forks for ever meets the sandbox's process limit, ends at
 * the case limit with every process it made, and the next case still
 * gets a process of its own. */
static void
test_case_fork_bomb_sandboxed (void)
{
  g_autoptr(VivaPythonRunner) runner = sandbox_runner (1);
  g_autoptr(GPtrArray) cases = NULL;
  g_autofree char *token = g_strdup_printf ("viva%08x", g_random_int ());
  g_autofree char *bomb = NULL;
  g_auto(Run) run = { NULL, };
  const VivaCaseResult *result;

  if (runner == NULL)
    return;

  /* Each process becomes one whose command line holds @token, so that
   * any left behind would be found below. */
  bomb = g_strdup_printf ("import os, sys\n"
                          "src = 'import os\\nwhile True:\\n    try:\\n        os.fork()\\n"
                          "    except OSError:\\n        pass\\n'\n"
                          "while True:\n"
                          "    try:\n"
                          "        if os.fork() == 0:\n"
                          "            os.execv(sys.executable, [sys.executable, '-c', src, '%s'])\n"
                          "    except OSError:\n"
                          "        pass\n"
                          "double(1)", token);
  cases = own_cases ("bomb", bomb, "2",
                     "after", "double(21)", "42",
                     "last", "double(0)", "0",
                     NULL);
  run_tests (runner, NULL, "def double(x):\n    return 2 * x\n", cases, &run);

  g_assert_cmpint (viva_run_result_get_end (run.run), ==, VIVA_RUN_EXITED);
  g_assert_true (run.results->complete);
  result = result_named (run.results, "bomb");
  g_assert_cmpint (result->status, ==, VIVA_CASE_ERROR);
  g_assert_cmpstr (result->error, ==, "The case did not finish within its time limit of 1 second.");
  g_assert_cmpint (result_named (run.results, "after")->status, ==, VIVA_CASE_PASSED);
  g_assert_cmpint (result_named (run.results, "last")->status, ==, VIVA_CASE_PASSED);

  /* Nothing of it is left on the machine. */
  {
    g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
    const char *name;

    g_assert_nonnull (proc);
    while ((name = g_dir_read_name (proc)) != NULL)
      {
        g_autofree char *path = g_build_filename ("/proc", name, "cmdline", NULL);
        g_autofree char *cmdline = NULL;
        gsize len = 0;

        if (!g_file_get_contents (path, &cmdline, &len, NULL))
          continue;
        for (gsize i = 0; i < len; i++)
          if (cmdline[i] == '\0')
            cmdline[i] = ' ';
        g_assert_null (strstr (cmdline, token));
      }
  }
}

/* A case whose processes leave its process group (setsid) and loop
 * for ever: they end with the case, not with the whole run, so the next
 * cases do not share the processor and the process limit with them. */
static void
test_case_escapes_sandboxed (void)
{
  g_autoptr(VivaPythonRunner) runner = sandbox_runner (1);
  g_autoptr(GPtrArray) cases = NULL;
  g_autofree char *token = g_strdup_printf ("viva%08x", g_random_int ());
  g_autofree char *escape = NULL;
  g_autofree char *count = NULL;
  g_auto(Run) run = { NULL, };
  const VivaCaseResult *result;

  if (runner == NULL)
    return;

  escape = g_strdup_printf ("import os, sys\n"
                            "for i in range(40):\n"
                            "    try:\n"
                            "        if os.fork() == 0:\n"
                            "            os.setsid()\n"
                            "            os.execv(sys.executable, [sys.executable, '-c', 'while True: pass', '%s'])\n"
                            "    except OSError:\n"
                            "        break\n"
                            "double(1)", token);
  /* Counts, in the sandbox, the processes whose command line holds
   * @token. */
  count = g_strdup_printf ("import os\n"
                           "def holds(p):\n"
                           "    try:\n"
                           "        with open('/proc/' + p + '/cmdline') as f:\n"
                           "            return '%s' in f.read()\n"
                           "    except OSError:\n"
                           "        return False\n"
                           "sum(holds(p) for p in os.listdir('/proc') if p.isdigit())", token);
  cases = own_cases ("escapes", escape, "2",
                     "left behind", count, "0",
                     "after", "double(21)", "42",
                     NULL);
  run_tests (runner, NULL, "def double(x):\n    return 2 * x\n", cases, &run);

  g_assert_cmpint (viva_run_result_get_end (run.run), ==, VIVA_RUN_EXITED);
  g_assert_true (run.results->complete);
  g_assert_cmpint (result_named (run.results, "escapes")->status, ==, VIVA_CASE_PASSED);
  result = result_named (run.results, "left behind");
  g_assert_cmpstr (result->actual, ==, "0");
  g_assert_cmpint (result->status, ==, VIVA_CASE_PASSED);
  g_assert_cmpint (result_named (run.results, "after")->status, ==, VIVA_CASE_PASSED);
}

/* Without the sandbox, only where the user allowed it, the driver finds
 * its files where the runner put them ($VIVA_DIR), not in /viva. */
static void
test_unsandboxed (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(VivaPythonRunner) runner = NULL;
  g_autoptr(VivaChallengeSet) set = load_bundled ();
  VivaChallenge *challenge = viva_challenge_set_lookup (set, 951);
  g_autofree char *code = read_reference (951);
  g_auto(Run) run = { NULL, };

  g_settings_set_boolean (settings, "run-unsandboxed", TRUE);
  g_settings_reset (settings, "run-time-limit");
  runner = g_object_new (VIVA_TYPE_PYTHON_RUNNER,
                         "settings", settings,
                         "bwrap-path", "/nonexistent/bwrap",
                         NULL);
  g_assert_false (g_file_test ("/viva", G_FILE_TEST_EXISTS));

  run_tests (runner, challenge, code, NULL, &run);
  g_assert_false (viva_run_result_get_sandboxed (run.run));
  assert_all_passed (run.results, 951);
  g_settings_reset (settings, "run-unsandboxed");
}

/* Stop before any case ended: every case says it did not run. */
static void
test_stopped (void)
{
  g_autoptr(VivaPythonRunner) runner = sandbox_runner (0);
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(Run) run = { NULL, };
  g_autofree char *summary = NULL;

  if (runner == NULL)
    return;

  cases = own_cases ("waits", "import time\ntime.sleep(3600)\n1", "1", NULL);
  run.streamed = g_string_new (NULL);
  viva_challenge_run_async (runner, NULL, "print('started', flush=True)\n", cases,
                            output_cb, &run, NULL, cancellable, run_done_cb, &run);
  /* Stop once the code is running, as the user does. */
  while (!run.done && strstr (run.streamed->str, "started") == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (run.error);
  g_assert_cmpint (viva_run_result_get_end (run.run), ==, VIVA_RUN_STOPPED);
  g_assert_false (run.results->complete);
  g_assert_cmpint (result_named (run.results, "waits")->status, ==, VIVA_CASE_NOT_RUN);
  summary = viva_challenge_results_dup_summary (run.results);
  g_assert_cmpstr (summary, ==, "Stopped before any test ended");
}

/* Run Tests with no challenge, in the sandbox: the user's own case, the
 * code's top-level asserts and its test_ functions each get a result; a
 * test that never ends is ended by the case limit alone, and the whole
 * run's limit allows one case limit per test_ name in the code. */
static void
test_discover_sandboxed (void)
{
  g_autoptr(VivaPythonRunner) runner = sandbox_runner (1);
  g_autoptr(GPtrArray) cases = NULL;
  g_auto(Run) run = { NULL, };
  g_autofree char *summary = NULL;
  const char *code =
    "def double(x):\n"
    "    return 2 * x\n"
    "\n"
    "assert double(2) == 4\n"
    "\n"
    "def test_double():\n"
    "    assert double(3) == 6\n"
    "\n"
    "def test_loops():\n"
    "    while True:\n"
    "        pass\n"
    "\n"
    "def test_wrong():\n"
    "    assert double(1) == 3, 'one doubled'\n";

  if (runner == NULL)
    return;

  cases = own_cases ("mine", "double(21)", "42", NULL);
  run_tests (runner, NULL, code, cases, &run);

  g_assert_cmpint (viva_run_result_get_end (run.run), ==, VIVA_RUN_EXITED);
  g_assert_cmpuint (viva_run_result_get_time_limit (run.run), ==,
                    viva_challenge_run_time_limit (1, cases->len + 3));
  g_assert_null (run.results->load_error);
  g_assert_true (run.results->complete);
  g_assert_cmpuint (run.results->cases->len, ==, 5);
  g_assert_cmpint (result_named (run.results, "mine")->status, ==, VIVA_CASE_PASSED);
  g_assert_cmpint (result_named (run.results, "top-level assert statements")->status, ==, VIVA_CASE_PASSED);
  g_assert_cmpint (result_named (run.results, "test_double")->status, ==, VIVA_CASE_PASSED);
  g_assert_cmpstr (result_named (run.results, "test_loops")->error, ==,
                   "The case did not finish within its time limit of 1 second.");
  g_assert_cmpint (result_named (run.results, "test_wrong")->status, ==, VIVA_CASE_FAILED);
  g_assert_nonnull (strstr (result_named (run.results, "test_wrong")->error, "AssertionError: one doubled"));

  summary = viva_challenge_results_dup_summary (run.results);
  g_assert_cmpstr (summary, ==, "3 of 5 tests passed");
}

static void
test_time_limit_formula (void)
{
  g_assert_cmpuint (viva_challenge_run_time_limit (10, 0), ==, 10 + VIVA_CHALLENGE_RUN_SLACK_SECONDS);
  g_assert_cmpuint (viva_challenge_run_time_limit (5, 9), ==, 50 + VIVA_CHALLENGE_RUN_SLACK_SECONDS);
  g_assert_cmpuint (viva_challenge_run_time_limit (600, 500), ==, VIVA_CHALLENGE_RUN_MAX_SECONDS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/challenge-run/time-limit-formula", test_time_limit_formula);
  g_test_add_func ("/challenge-run/references-sandboxed", test_references_sandboxed);
  g_test_add_func ("/challenge-run/wrong-sandboxed", test_wrong_sandboxed);
  g_test_add_func ("/challenge-run/case-time-limit-sandboxed", test_case_time_limit_sandboxed);
  g_test_add_func ("/challenge-run/load-time-limit-sandboxed", test_load_time_limit_sandboxed);
  g_test_add_func ("/challenge-run/case-fork-bomb-sandboxed", test_case_fork_bomb_sandboxed);
  g_test_add_func ("/challenge-run/case-escapes-sandboxed", test_case_escapes_sandboxed);
  g_test_add_func ("/challenge-run/discover-sandboxed", test_discover_sandboxed);
  g_test_add_func ("/challenge-run/stopped", test_stopped);
  g_test_add_func ("/challenge-run/unsandboxed", test_unsandboxed);

  return g_test_run ();
}
