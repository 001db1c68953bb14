/* viva-run-bench.c
 *
 * build-aux/bench's runner figures: the time from Run to the first
 * output of `print(1)`, in the sandbox and without it (the benchmark may
 * run without it; Viva never does unless the user allows it where the
 * sandbox does not work, which is how this program gets there), as a
 * plain script and through the REPL driver the study view uses; and to
 * the end of the run. And "Run Tests" of one coding challenge (951, with
 * its reference solution: every case passes) through
 * viva_challenge_run_async(), as the UI will run it: from the call to
 * the parsed results. And Run Tests with no challenge: the same solution
 * with the challenge's cases written as test_ functions in the code,
 * which the driver finds and runs one by one. Prints "key=value" lines,
 * in milliseconds.
 *
 *   viva-run-bench [--runs N] [--challenge-runs N --reference FILE]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "viva-challenge-run.h"
#include "viva-python-runner.h"

typedef struct
{
  gint64   start;
  gint64   first_output;
  gint64   end;
  gboolean done;
} Timing;

static void
output_cb (VivaRunStream  stream,
           const char    *text,
           gpointer       user_data)
{
  Timing *timing = user_data;

  if (timing->first_output == 0)
    timing->first_output = g_get_monotonic_time ();
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Timing *timing = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaRunResult) run = viva_python_runner_run_finish (VIVA_PYTHON_RUNNER (object), result, &error);

  if (run == NULL || !viva_run_result_get_success (run))
    g_error ("print(1) did not run: %s", error != NULL ? error->message : "it failed");

  timing->end = g_get_monotonic_time ();
  timing->done = TRUE;
}

static void
measure (VivaPythonRunner *runner,
         gboolean          repl,
         GArray           *first,
         GArray           *total)
{
  static const char source[] = "print(1)\n";
  g_autoptr(GBytes) script = g_bytes_new_static (source, sizeof source - 1);
  g_autoptr(VivaRunRequest) request = NULL;
  Timing timing = { 0 };
  double ms;

  request = repl ? viva_run_request_new_repl (source) : viva_run_request_new ("print.py", script);
  timing.start = g_get_monotonic_time ();
  viva_python_runner_run_async (runner, request, output_cb, &timing, NULL, NULL, done_cb, &timing);
  while (!timing.done)
    g_main_context_iteration (NULL, TRUE);

  ms = (timing.first_output - timing.start) / 1000.0;
  g_array_append_val (first, ms);
  ms = (timing.end - timing.start) / 1000.0;
  g_array_append_val (total, ms);
}

typedef struct
{
  VivaChallengeResults *results;
  gboolean              done;
} TestsRun;

static void
tests_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  TestsRun *run = user_data;
  g_autoptr(GError) error = NULL;

  run->results = viva_challenge_run_finish (VIVA_PYTHON_RUNNER (object), result, NULL, &error);
  if (run->results == NULL)
    g_error ("Run Tests did not run: %s", error->message);
  run->done = TRUE;
}

/* Run Tests of @challenge (NULL: the tests found in @code) against
 * @code, which passes them all: from the call to the results, in
 * milliseconds. */
static double
measure_tests (VivaPythonRunner *runner,
               VivaChallenge    *challenge,
               const char       *code,
               guint             n_cases)
{
  TestsRun run = { NULL, FALSE };
  gint64 start = g_get_monotonic_time ();
  double ms;

  viva_challenge_run_async (runner, challenge, code, NULL, NULL, NULL, NULL, NULL,
                            tests_done_cb, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  ms = (g_get_monotonic_time () - start) / 1000.0;

  if (run.results->cases->len != n_cases ||
      viva_challenge_results_count (run.results, VIVA_CASE_PASSED) != n_cases)
    g_error ("the reference solution failed a case, or a test was not found");
  viva_challenge_results_free (run.results);

  return ms;
}

/* @reference with @challenge's cases that compare a value written as
 * test_ functions after it, as a user who writes their own tests would;
 * the number of them in @out_n. */
static char *
dup_code_with_tests (VivaChallenge *challenge,
                     const char    *reference,
                     guint         *out_n)
{
  GString *code = g_string_new (reference);

  *out_n = 0;
  for (guint i = 0; i < viva_challenge_get_n_cases (challenge); i++)
    {
      const VivaCodeCase *test_case = viva_challenge_get_case (challenge, i);

      if (test_case->expected == NULL || strchr (test_case->call, '\n') != NULL)
        continue;
      g_string_append_printf (code, "\n\ndef test_%u():\n    assert (%s) == (%s)\n",
                              i, test_case->call, test_case->expected);
      (*out_n)++;
    }

  return g_string_free (code, FALSE);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static void
print_figures (const char *key,
               GArray     *values)
{
  guint n = values->len;
  double median;

  g_array_sort (values, compare_doubles);
  median = n % 2 ? g_array_index (values, double, n / 2)
                 : (g_array_index (values, double, n / 2 - 1) + g_array_index (values, double, n / 2)) / 2;
  g_print ("%s-median-ms=%.1f\n", key, median);
  g_print ("%s-p95-ms=%.1f\n", key, g_array_index (values, double, MIN (n - 1, (guint)(n * 0.95))));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GSettings) unsandboxed_settings = NULL;
  g_autoptr(VivaPythonRunner) sandboxed = NULL;
  g_autoptr(VivaPythonRunner) unsandboxed = NULL;
  const char *names[] = { "sandboxed", "repl-sandboxed", "unsandboxed" };
  GArray *first[3];
  GArray *total[3];
  int runs = 50;
  int challenge_runs = 0;
  const char *reference = NULL;

  for (int i = 1; i + 1 < argc; i += 2)
    {
      if (g_str_equal (argv[i], "--runs"))
        runs = MAX (1, atoi (argv[i + 1]));
      else if (g_str_equal (argv[i], "--challenge-runs"))
        challenge_runs = MAX (0, atoi (argv[i + 1]));
      else if (g_str_equal (argv[i], "--reference"))
        reference = argv[i + 1];
      else
        g_error ("usage: viva-run-bench [--runs N] [--challenge-runs N --reference FILE]");
    }

  settings = g_settings_new (APP_ID);
  sandboxed = viva_python_runner_new (settings);
  /* Without the sandbox: as where it does not work and the user allowed
   * running anyway (the backend is a memory one: nothing is saved). */
  unsandboxed_settings = g_settings_new (APP_ID);
  g_settings_set_boolean (unsandboxed_settings, "run-unsandboxed", TRUE);
  unsandboxed = g_object_new (VIVA_TYPE_PYTHON_RUNNER,
                              "settings", unsandboxed_settings,
                              "bwrap-path", "/nonexistent/bwrap",
                              NULL);

  for (guint i = 0; i < 3; i++)
    {
      first[i] = g_array_new (FALSE, FALSE, sizeof (double));
      total[i] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  /* One round first: the probes, and the page cache a first run fills. */
  for (int round = -1; round < runs; round++)
    {
      for (guint i = 0; i < 3; i++)
        {
          VivaPythonRunner *runner = i == 2 ? unsandboxed : sandboxed;
          g_autoptr(GArray) first_skip = g_array_new (FALSE, FALSE, sizeof (double));
          g_autoptr(GArray) total_skip = g_array_new (FALSE, FALSE, sizeof (double));

          measure (runner, i == 1,
                   round < 0 ? first_skip : first[i],
                   round < 0 ? total_skip : total[i]);
        }
    }

  g_print ("python=%s %s\n", viva_python_runner_get_python_path (sandboxed),
           viva_python_runner_get_python_version (sandboxed));
  g_print ("runs=%d\n", runs);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *first_key = g_strdup_printf ("%s-first-output", names[i]);
      g_autofree char *total_key = g_strdup_printf ("%s-total", names[i]);

      print_figures (first_key, first[i]);
      print_figures (total_key, total[i]);
      g_array_unref (first[i]);
      g_array_unref (total[i]);
    }

  if (challenge_runs > 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VivaChallengeSet) set = viva_challenge_set_new_bundled (&error);
      g_autofree char *code = NULL;
      g_autofree char *code_with_tests = NULL;
      VivaChallenge *challenge;
      GArray *tests[4];
      guint n_found = 0;

      if (set == NULL)
        g_error ("%s", error->message);
      challenge = viva_challenge_set_lookup (set, 951);
      if (reference == NULL || !g_file_get_contents (reference, &code, NULL, &error))
        g_error ("--reference: %s", error != NULL ? error->message : "missing");

      code_with_tests = dup_code_with_tests (challenge, code, &n_found);

      for (guint i = 0; i < 4; i++)
        tests[i] = g_array_new (FALSE, FALSE, sizeof (double));
      for (int round = -1; round < challenge_runs; round++)
        {
          for (guint i = 0; i < 4; i++)
            {
              VivaPythonRunner *runner = i % 2 == 0 ? sandboxed : unsandboxed;
              double ms = i < 2
                ? measure_tests (runner, challenge, code, viva_challenge_get_n_cases (challenge))
                : measure_tests (runner, NULL, code_with_tests, n_found);

              if (round >= 0)
                g_array_append_val (tests[i], ms);
            }
        }

      g_print ("challenge=%u\n", viva_challenge_get_question (challenge));
      g_print ("challenge-cases=%u\n", viva_challenge_get_n_cases (challenge));
      g_print ("challenge-runs=%d\n", challenge_runs);
      print_figures ("challenge-sandboxed", tests[0]);
      print_figures ("challenge-unsandboxed", tests[1]);
      g_print ("found-tests=%u\n", n_found);
      print_figures ("found-sandboxed", tests[2]);
      print_figures ("found-unsandboxed", tests[3]);
      for (guint i = 0; i < 4; i++)
        g_array_unref (tests[i]);
    }

  return EXIT_SUCCESS;
}
