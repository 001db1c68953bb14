/* test-runner.c
 *
 * The sandboxed Python runner, for real: bubblewrap and python3 as Viva
 * starts them, tried as an attacker would (issue 11's list). Each attack
 * is a script the user could type; each test asserts what the user sees
 * (the output, how the run ended) and what must not happen (a secret
 * read, a file written, a connection made, a process left behind), and
 * several run the same script without the sandbox first to prove the
 * check would see it. Skips only where this machine cannot run bubblewrap
 * at all (user namespaces disabled).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "viva-context.h"
#include "viva-python-runner.h"
#include "viva-run-private.h"

typedef struct
{
  VivaRunResult *result;
  GError        *error;
  GString       *streamed;
  GCancellable  *stop_on_output;
  guint          n_calls;
  gboolean       done;
  gboolean       destroyed;
} Run;

static void
run_clear (Run *run)
{
  g_clear_object (&run->result);
  g_clear_error (&run->error);
  if (run->streamed != NULL)
    g_string_free (run->streamed, TRUE);
  memset (run, 0, sizeof *run);
}

static void
output_cb (VivaRunStream  stream,
           const char    *text,
           gpointer       user_data)
{
  Run *run = user_data;

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpstr (text, !=, "");
  g_string_append (run->streamed, text);
  run->n_calls++;

  /* Stop, as the user does on seeing the first lines. */
  if (run->stop_on_output != NULL)
    g_cancellable_cancel (run->stop_on_output);
}

static void
output_destroy_cb (gpointer user_data)
{
  Run *run = user_data;

  run->destroyed = TRUE;
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Run *run = user_data;

  run->result = viva_python_runner_run_finish (VIVA_PYTHON_RUNNER (object), result, &run->error);
  run->done = TRUE;
}

/* Runs @request and waits for it on the main loop, as the window would. */
static void
run_request (VivaPythonRunner *runner,
             VivaRunRequest   *request,
             GCancellable     *cancellable,
             Run              *run)
{
  run->streamed = g_string_new (NULL);

  viva_python_runner_run_async (runner, request, output_cb, run, output_destroy_cb,
                                cancellable, run_done_cb, run);
  while (!run->done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (run->destroyed);
  if (run->result != NULL)
    {
      g_autofree char *all = viva_run_result_dup_output (run->result);

      /* What streamed is what the result holds. */
      g_assert_cmpstr (run->streamed->str, ==, all);
    }
}

static VivaRunResult *
run_script (VivaPythonRunner   *runner,
            const char         *script_name,
            const char         *source,
            guint               time_limit,
            const char * const *args)
{
  g_autoptr(GBytes) script = g_bytes_new (source, strlen (source));
  g_autoptr(VivaRunRequest) request = viva_run_request_new (script_name, script);
  Run run = { 0 };
  VivaRunResult *result;

  viva_run_request_set_args (request, args);
  viva_run_request_set_time_limit (request, time_limit);
  run_request (runner, request, NULL, &run);
  g_assert_no_error (run.error);
  result = g_steal_pointer (&run.result);
  run_clear (&run);

  return result;
}

static VivaRunResult *
run_repl (VivaPythonRunner *runner,
          const char       *code)
{
  g_autoptr(VivaRunRequest) request = viva_run_request_new_repl (code);
  Run run = { 0 };
  VivaRunResult *result;

  run_request (runner, request, NULL, &run);
  g_assert_no_error (run.error);
  result = g_steal_pointer (&run.result);
  run_clear (&run);

  return result;
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

static void
probe (VivaPythonRunner *runner)
{
  gboolean done = FALSE;

  viva_python_runner_probe_async (runner, NULL, probe_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static VivaPythonRunner *
new_runner (const char *bwrap_path,
            const char *python_path)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  return g_object_new (VIVA_TYPE_PYTHON_RUNNER,
                       "settings", settings,
                       "bwrap-path", bwrap_path,
                       "python-path", python_path,
                       NULL);
}

/* The runner Viva uses; NULL (and the test skipped) only where this
 * machine cannot run bubblewrap at all. */
static VivaPythonRunner *
sandbox_runner (void)
{
  VivaPythonRunner *runner = new_runner (NULL, NULL);

  probe (runner);
  if (viva_python_runner_get_status (runner) != VIVA_PYTHON_RUNNER_READY)
    {
      g_autofree char *why = g_strdup_printf ("the sandbox cannot run here: %s",
                                              viva_python_runner_get_problem (runner));

      g_autofree char *bwrap = g_find_program_in_path ("bwrap");

      /* No python3 or no bubblewrap is a failure: build-aux/setup
       * installs both. Only a machine that forbids what bubblewrap
       * needs (user namespaces) skips. */
      g_assert_cmpstr (viva_python_runner_get_python_path (runner), !=, NULL);
      if (bwrap == NULL)
        g_error ("bubblewrap is not installed: run build-aux/setup --test");
      g_test_skip (why);
      g_object_unref (runner);
      return NULL;
    }

  return runner;
}

/* The same python3, run without the sandbox: what the attacks would do
 * without it, to prove each check can see them. As the user who turned
 * on `run-unsandboxed` where the sandbox does not work. */
static VivaPythonRunner *
unsandboxed_runner (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  VivaPythonRunner *runner;

  g_settings_set_boolean (settings, "run-unsandboxed", TRUE);
  runner = g_object_new (VIVA_TYPE_PYTHON_RUNNER,
                         "settings", settings,
                         "bwrap-path", "/nonexistent/bwrap",
                         NULL);
  probe (runner);
  g_assert_true (viva_python_runner_get_can_run (runner));
  g_assert_false (viva_python_runner_get_sandboxed (runner));

  return runner;
}

static char *
new_token (void)
{
  return g_strdup_printf ("viva%08x%08x", g_random_int (), g_random_int ());
}

/* Processes on this machine whose command line holds @token. */
static guint
count_processes (const char *token,
                 GArray     *pids)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;
  guint count = 0;

  g_assert_nonnull (proc);
  while ((name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *cmdline = NULL;
      gsize len;

      if (!g_ascii_isdigit (name[0]))
        continue;

      path = g_build_filename ("/proc", name, "cmdline", NULL);
      if (!g_file_get_contents (path, &cmdline, &len, NULL))
        continue;

      for (gsize i = 0; i < len; i++)
        {
          if (cmdline[i] == '\0')
            cmdline[i] = ' ';
        }
      if (strstr (cmdline, token) != NULL)
        {
          count++;
          if (pids != NULL)
            {
              int pid = atoi (name);

              g_array_append_val (pids, pid);
            }
        }
    }

  return count;
}

static void
assert_result (VivaRunResult *result,
               VivaRunEnd     end,
               int            exit_status)
{
  g_assert_nonnull (result);
  g_assert_cmpint (viva_run_result_get_end (result), ==, end);
  if (end == VIVA_RUN_EXITED)
    g_assert_cmpint (viva_run_result_get_exit_status (result), ==, exit_status);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

static void
assert_lacks (const char *haystack,
              const char *needle)
{
  if (strstr (haystack, needle) != NULL)
    g_error ("“%s” found in:\n%s", needle, haystack);
}

/* The probe ----------------------------------------------------------------- */

static void
test_probe_version (void)
{
  g_autoptr(VivaPythonRunner) runner = sandbox_runner ();
  g_autofree char *host_version = NULL;
  const char *argv[] = { "/usr/bin/python3", "-c",
                         "import sys; print('%d.%d.%d' % sys.version_info[:3])", NULL };
  g_autoptr(GError) error = NULL;

  if (runner == NULL)
    return;

  g_assert_cmpint (viva_python_runner_get_status (runner), ==, VIVA_PYTHON_RUNNER_READY);
  g_assert_true (viva_python_runner_get_can_run (runner));
  g_assert_true (viva_python_runner_get_sandboxed (runner));
  g_assert_null (viva_python_runner_get_problem (runner));
  g_assert_cmpstr (viva_python_runner_get_python_path (runner), ==, "/usr/bin/python3");

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &host_version, NULL, NULL, &error);
  g_assert_no_error (error);
  g_strstrip (host_version);
  /* As python3 says it inside the sandbox. */
  g_assert_cmpstr (viva_python_runner_get_python_version (runner), ==, host_version);
}

static void
assert_refuses (VivaPythonRunner *runner,
                VivaRunError      code)
{
  g_autoptr(VivaRunRequest) request = viva_run_request_new_repl ("print('ran')\n");
  Run run = { 0 };

  run_request (runner, request, NULL, &run);
  g_assert_error (run.error, VIVA_RUN_ERROR, code);
  g_assert_cmpstr (run.error->message, ==, viva_python_runner_get_problem (runner));
  g_assert_null (run.result);
  g_assert_cmpstr (run.streamed->str, ==, "");
  run_clear (&run);
}

static void
test_probe_no_bwrap (void)
{
  g_autoptr(VivaPythonRunner) runner = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  /* As a test of the whole application fakes it. */
  g_setenv ("VIVA_BWRAP", "/nonexistent/bwrap", TRUE);
  runner = viva_python_runner_new (settings);
  g_unsetenv ("VIVA_BWRAP");

  g_assert_cmpint (viva_python_runner_get_status (runner), ==, VIVA_PYTHON_RUNNER_UNKNOWN);
  g_assert_true (viva_python_runner_get_can_run (runner));

  probe (runner);
  g_assert_cmpint (viva_python_runner_get_status (runner), ==, VIVA_PYTHON_RUNNER_UNAVAILABLE);
  g_assert_false (viva_python_runner_get_can_run (runner));
  assert_contains (viva_python_runner_get_problem (runner), "bubblewrap");
  assert_contains (viva_python_runner_get_problem (runner), "apt install bubblewrap");
  /* Known all the same, for the window to show. */
  g_assert_nonnull (viva_python_runner_get_python_version (runner));

  assert_refuses (runner, VIVA_RUN_ERROR_SANDBOX_UNAVAILABLE);
}

static void
test_probe_no_userns (void)
{
  g_autofree char *dir = g_dir_make_tmp ("viva-fake-bwrap-XXXXXX", NULL);
  g_autofree char *fake = g_build_filename (dir, "bwrap", NULL);
  g_autoptr(VivaPythonRunner) runner = NULL;
  g_autoptr(GError) error = NULL;

  /* What bubblewrap says where user namespaces are not allowed. */
  g_file_set_contents (fake,
                       "#!/bin/sh\n"
                       "echo 'bwrap: setting up uid map: Permission denied' >&2\n"
                       "exit 1\n",
                       -1, &error);
  g_assert_no_error (error);
  /* The sandbox starts as the overflow user when the tests run as root. */
  g_chmod (dir, 0755);
  g_chmod (fake, 0755);

  runner = new_runner (fake, NULL);
  probe (runner);
  g_assert_cmpint (viva_python_runner_get_status (runner), ==, VIVA_PYTHON_RUNNER_UNAVAILABLE);
  assert_contains (viva_python_runner_get_problem (runner), "user namespaces");
  assert_refuses (runner, VIVA_RUN_ERROR_SANDBOX_UNAVAILABLE);

  g_unlink (fake);
  g_rmdir (dir);
}

static void
test_probe_no_python (void)
{
  g_autoptr(VivaPythonRunner) runner = new_runner (NULL, "/nonexistent/python3");

  probe (runner);
  g_assert_cmpint (viva_python_runner_get_status (runner), ==, VIVA_PYTHON_RUNNER_UNAVAILABLE);
  g_assert_false (viva_python_runner_get_can_run (runner));
  assert_contains (viva_python_runner_get_problem (runner), "apt install python3");
  g_assert_null (viva_python_runner_get_python_version (runner));
  assert_refuses (runner, VIVA_RUN_ERROR_NO_PYTHON);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_unsandboxed_only_when_allowed (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(VivaPythonRunner) runner = NULL;
  g_autoptr(VivaRunResult) result = NULL;
  guint notified = 0;

  g_assert_false (g_settings_get_boolean (settings, "run-unsandboxed"));
  runner = g_object_new (VIVA_TYPE_PYTHON_RUNNER,
                         "settings", settings,
                         "bwrap-path", "/nonexistent/bwrap",
                         NULL);
  probe (runner);
  assert_refuses (runner, VIVA_RUN_ERROR_SANDBOX_UNAVAILABLE);

  /* The user's explicit choice, in Preferences. */
  g_signal_connect (runner, "notify::can-run", G_CALLBACK (count_notify_cb), &notified);
  g_settings_set_boolean (settings, "run-unsandboxed", TRUE);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (viva_python_runner_get_can_run (runner));
  g_assert_false (viva_python_runner_get_sandboxed (runner));

  result = run_repl (runner, "print(1)\n");
  assert_result (result, VIVA_RUN_EXITED, 0);
  g_assert_false (viva_run_result_get_sandboxed (result));
  g_assert_cmpstr (viva_run_result_get_chunk (result, 0, NULL), ==, "1\n");
}

/* The REPL driver ------------------------------------------------------------ */

static void
test_repl_question_42 (void)
{
  g_autoptr(VivaPythonRunner) runner = sandbox_runner ();
  g_autoptr(VivaRunResult) result = NULL;
  g_autofree char *output = NULL;

  if (runner == NULL)
    return;

  /* Question 42: Given s = "Programming", what is the output of s[1:4]? */
  result = run_repl (runner, "s = \"Programming\"\ns[1:4]\n");
  assert_result (result, VIVA_RUN_EXITED, 0);
  g_assert_true (viva_run_result_get_sandboxed (result));
  output = viva_run_result_dup_output (result);
  g_assert_cmpstr (output, ==, "'rog'\n");
}

static void
test_repl_in_order (void)
{
  g_autoptr(VivaPythonRunner) runner = sandbox_runner ();
  g_autoptr(VivaRunResult) result = NULL;
  VivaRunStream stream;
  const char *text;

  if (runner == NULL)
    return;

  result = run_repl (runner,
                     "x = 5\n"
                     "None\n"
                     "print('hi', x)\n"
                     "x / 0\n"
                     "x + 1\n"
                     "def double(n):\n"
                     "    return n * 2\n"
                     "double('ab')\n"
                     "for i in range(2): i\n");
  /* An error does not stop the statements after it, as at >>>. */
  assert_result (result, VIVA_RUN_EXITED, 1);
  g_assert_cmpuint (viva_run_result_get_n_chunks (result), ==, 3);

  text = viva_run_result_get_chunk (result, 0, &stream);
  g_assert_cmpint (stream, ==, VIVA_RUN_STREAM_STDOUT);
  g_assert_cmpstr (text, ==, "hi 5\n");

  text = viva_run_result_get_chunk (result, 1, &stream);
  g_assert_cmpint (stream, ==, VIVA_RUN_STREAM_STDERR);
  g_assert_true (g_str_has_prefix (text, "Traceback (most recent call last):\n"
                                         "  File \"code.py\", line 4, in <module>\n"
                                         "    x / 0\n"));
  g_assert_true (g_str_has_suffix (text, "ZeroDivisionError: division by zero\n"));
  /* The driver's own frames are not the user's business. */
  assert_lacks (text, "viva-repl.py");

  text = viva_run_result_get_chunk (result, 2, &stream);
  g_assert_cmpint (stream, ==, VIVA_RUN_STREAM_STDOUT);
  g_assert_cmpstr (text, ==, "6\n'abab'\n0\n1\n");
}

static void
test_repl_syntax_error (void)
{
  g_autoptr(VivaPythonRunner) runner = sandbox_runner ();
  g_autoptr(VivaRunResult) result = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (runner == NULL)
    return;

  result = run_repl (runner, "print('before')\nx = (\n");
  assert_result (result, VIVA_RUN_EXITED, 1);
  out = viva_run_result_dup_stream (result, VIVA_RUN_STREAM_STDOUT);
  err = viva_run_result_dup_stream (result, VIVA_RUN_STREAM_STDERR);
  /* As the interpreter reports it, and nothing ran. */
  g_assert_cmpstr (out, ==, "");
  assert_contains (err, "  File \"code.py\", line 2\n    x = (\n");
  assert_contains (err, "SyntaxError: '(' was never closed\n");
}

/* How runs end ------------------------------------------------------------------ */

static void
test_exit_status (void)
{
  g_autoptr(VivaPythonRunner) runner = sandbox_runner ();
  g_autoptr(VivaRunResult) result = NULL;
  g_autoptr(VivaRunResult) repl = NULL;
  g_autoptr(VivaRunResult) hard = NULL;
  g_autofree char *summary = NULL;

  if (runner == NULL)
    return;

  result = run_script (runner, "exit.py", "import sys\nprint('bye')\nsys.exit(3)\nprint('no')\n", 0, NULL);
  assert_result (result, VIVA_RUN_EXITED, 3);
  g_assert_cmpstr (viva_run_result_get_chunk (result, 0, NULL), ==, "bye\n");
  summary = viva_run_result_dup_summary (result);
  g_assert_cmpstr (summary, ==, "Exited with status 3.");

  /* sys.exit() in the user's code ends the REPL with its status. */
  repl = run_repl (runner, "import sys\nsys.exit(3)\nprint('no')\n");
  assert_result (repl, VIVA_RUN_EXITED, 3);
  g_assert_cmpuint (viva_run_result_get_n_chunks (repl), ==, 0);

  /* os._exit: no clean-up, but what was printed is there. */
  hard = run_script (runner, "hard.py", "import os\nprint('x')\nos._exit(5)\n", 0, NULL);
  assert_result (hard, VIVA_RUN_EXITED, 5);
  g_assert_cmpstr (viva_run_result_get_chunk (hard, 0, NULL), ==, "x\n");
}

static void
test_signal (void)
{
  g_autoptr(VivaPythonRunner) runner = sandbox_runner ();
  g_autoptr(VivaRunResult) result = NULL;
  g_autofree char *summary = NULL;

  if (runner == NULL)
    return;

  result = run_script (runner, "segv.py", "import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n", 0, NULL);
  assert_result (result, VIVA_RUN_KILLED, 0);
  g_assert_cmpint (viva_run_result_get_signal (result), ==, SIGSEGV);
  summary = viva_run_result_dup_summary (result);
  assert_contains (summary, "Killed by signal 11");
}

static void
test_results_pipe_files_and_args (void)
{
  g_autoptr(VivaPythonRunner) runner = sandbox_runner ();
  g_autoptr(GBytes) script = NULL;
  g_autoptr(VivaRunRequest) request = NULL;
  g_autoptr(GBytes) data = g_bytes_new ("1,2\n", 4);
  const char *args[] = { "first", "two words", NULL };
  const char *source =
    "import os, sys, json\n"
    "print(sys.argv[1:], os.getcwd(), os.environ['VIVA_DIR'])\n"
    "print(sorted(os.listdir('/viva')))\n"
    "print(open('/viva/cases.csv').read(), end='')\n"
    "print(sorted(os.environ))\n"
    "os.write(3, json.dumps({'version': 1, 'ok': True}).encode())\n";
  g_autofree char *out = NULL;
  Run run = { 0 };
  gsize len;
  const char *results;

  if (runner == NULL)
    return;

  script = g_bytes_new (source, strlen (source));
  request = viva_run_request_new ("driver.py", script);
  viva_run_request_add_file (request, "cases.csv", data);
  viva_run_request_set_args (request, args);
  run_request (runner, request, NULL, &run);
  g_assert_no_error (run.error);
  assert_result (run.result, VIVA_RUN_EXITED, 0);

  out = viva_run_result_dup_output (run.result);
  g_assert_cmpstr (out, ==,
                   "['first', 'two words'] /tmp /viva\n"
                   "['cases.csv', 'driver.py']\n"
                   "1,2\n"
                   "['HOME', 'LANG', 'MALLOC_ARENA_MAX', 'PATH', 'PWD', 'TMPDIR', 'VIVA_DIR']\n");
  results = g_bytes_get_data (viva_run_result_get_results (run.result), &len);
  g_assert_cmpmem (results, len, "{\"version\": 1, \"ok\": true}", 26);
  g_assert_false (viva_run_result_get_results_cut (run.result));
  run_clear (&run);
}

/* The attacks ---------------------------------------------------------------------- */

static void
test_attack_infinite_loop (void)
{
  g_autoptr(VivaPythonRunner) runner = sandbox_runner ();
  g_autoptr(VivaRunResult) result = NULL;
  g_autofree char *summary = NULL;

  if (runner == NULL)
    return;

  result = run_script (runner, "loop.py", "print('start')\nwhile True:\n    pass\n", 1, NULL);
  assert_result (result, VIVA_RUN_TIMED_OUT, 0);
  g_assert_cmpstr (viva_run_result_get_chunk (result, 0, NULL), ==, "start\n");
  g_assert_cmpuint (viva_run_result_get_time_limit (result), ==, 1);
  summary = viva_run_result_dup_summary (result);
  g_assert_cmpstr (summary, ==, "Stopped at the time limit of 1 second.");
}

static void
test_attack_sleep (void)
{
  g_autoptr(VivaPythonRunner) runner = sandbox_runner ();
  g_autoptr(VivaRunResult) result = NULL;
  g_autofree char *token = new_token ();
  g_autofree char *name = g_strdup_printf ("%s.py", token);

  if (runner == NULL)
    return;

  result = run_script (runner, name, "import time\ntime.sleep(3600)\n", 1, NULL);
  assert_result (result, VIVA_RUN_TIMED_OUT, 0);
  g_assert_cmpuint (count_processes (token, NULL), ==, 0);
}

static void
test_attack_fork_bomb (void)
{
  g_autoptr(VivaPythonRunner) runner = sandbox_runner ();
  g_autoptr(VivaRunResult) counted = NULL;
  g_autoptr(VivaRunResult) bomb = NULL;
  g_autofree char *token = new_token ();
  g_autofree char *name = g_strdup_printf ("%s.py", token);
  g_autofree char *out = NULL;
  struct rlimit before, after;
  guint forks = 0;

  if (runner == NULL)
    return;

  g_assert_cmpint (getrlimit (RLIMIT_NPROC, &before), ==, 0);

  /* How far forking goes: the process limit stops it. */
  counted = run_script (runner, "count.py",
                        "import os, time\n"
                        "n = 0\n"
                        "try:\n"
                        "    while n < 1000:\n"
                        "        if os.fork() == 0:\n"
                        "            time.sleep(60)\n"
                        "            os._exit(0)\n"
                        "        n += 1\n"
                        "except OSError as e:\n"
                        "    print(n, type(e).__name__)\n",
                        10, NULL);
  assert_result (counted, VIVA_RUN_EXITED, 0);
  out = viva_run_result_dup_output (counted);
  g_assert_true (g_str_has_suffix (out, " BlockingIOError\n"));
  forks = atoi (out);
  g_assert_cmpuint (forks, >, 0);
  g_assert_cmpuint (forks, <, VIVA_RUN_MAX_PROCESSES);

  /* The real thing: every process forks for ever. It ends at the time
   * limit, with nothing left behind. */
  bomb = run_script (runner, name,
                     "import os\n"
                     "while True:\n"
                     "    try:\n"
                     "        os.fork()\n"
                     "    except OSError:\n"
                     "        pass\n",
                     2, NULL);
  assert_result (bomb, VIVA_RUN_TIMED_OUT, 0);
  g_assert_cmpuint (count_processes (token, NULL), ==, 0);

  /* Viva's own limits are its own. */
  g_assert_cmpint (getrlimit (RLIMIT_NPROC, &after), ==, 0);
  g_assert_cmpuint (before.rlim_cur, ==, after.rlim_cur);
}

static void
test_attack_memory (void)
{
  g_autoptr(VivaPythonRunner) runner = sandbox_runner ();
  g_autoptr(VivaRunResult) result = NULL;
  g_autofree char *err = NULL;

  if (runner == NULL)
    return;

  result = run_script (runner, "hog.py",
                       "chunks = []\n"
                       "while True:\n"
                       "    chunks.append(bytearray(64 * 1024 * 1024))\n",
                       10, NULL);
  assert_result (result, VIVA_RUN_EXITED, 1);
  err = viva_run_result_dup_stream (result, VIVA_RUN_STREAM_STDERR);
  g_assert_true (g_str_has_suffix (err, "MemoryError\n"));
}

static void
test_attack_limits_hold (void)
{
  g_autoptr(VivaPythonRunner) runner = sandbox_runner ();
  g_autoptr(VivaRunResult) result = NULL;
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;

  if (runner == NULL)
    return;

  result = run_script (runner, "limits.py",
                       "import resource as r\n"
                       "for name in ('CPU', 'AS', 'NPROC', 'FSIZE', 'NOFILE', 'CORE'):\n"
                       "    print(name, *r.getrlimit(getattr(r, 'RLIMIT_' + name)))\n"
                       "try:\n"
                       "    r.setrlimit(r.RLIMIT_NPROC, (1000, 1000))\n"
                       "    print('raised')\n"
                       "except ValueError as e:\n"
                       "    print('kept:', e)\n"
                       "try:\n"
                       "    with open('/tmp/big', 'wb') as f:\n"
                       "        f.write(bytes(20 * 1024 * 1024))\n"
                       "    print('wrote 20 MiB')\n"
                       "except OSError as e:\n"
                       "    print(e.strerror)\n",
                       7, NULL);
  assert_result (result, VIVA_RUN_EXITED, 0);
  out = viva_run_result_dup_output (result);
  expected = g_strdup_printf ("CPU 7 7\nAS %u %u\nNPROC %u %u\nFSIZE %u %u\nNOFILE %u %u\nCORE 0 0\n"
                              "kept: not allowed to raise maximum limit\n"
                              "File too large\n",
                              (guint)VIVA_RUN_ADDRESS_SPACE_BYTES, (guint)VIVA_RUN_ADDRESS_SPACE_BYTES,
                              (guint)VIVA_RUN_MAX_PROCESSES, (guint)VIVA_RUN_MAX_PROCESSES,
                              (guint)VIVA_RUN_FILE_SIZE_BYTES, (guint)VIVA_RUN_FILE_SIZE_BYTES,
                              (guint)VIVA_RUN_MAX_OPEN_FILES, (guint)VIVA_RUN_MAX_OPEN_FILES);
  g_assert_cmpstr (out, ==, expected);
}

static void
test_attack_output_flood (void)
{
  g_autoptr(VivaPythonRunner) runner = sandbox_runner ();
  g_autoptr(VivaRunResult) result = NULL;
  g_autofree char *out = NULL;
  g_autofree char *summary = NULL;

  if (runner == NULL)
    return;

  /* 100 MB: 100,000 lines of 1,000 bytes. */
  result = run_script (runner, "flood.py",
                       "import sys\n"
                       "line = 'x' * 999 + '\\n'\n"
                       "for i in range(100000):\n"
                       "    sys.stdout.write(line)\n"
                       "print('done', file=sys.stderr)\n",
                       120, NULL);
  /* The program was not blocked: it ran to its end. */
  assert_result (result, VIVA_RUN_EXITED, 0);
  g_assert_true (viva_run_result_get_output_cut (result));
  g_assert_cmpuint (viva_run_result_get_output_bytes (result), ==, 100000 * 1000 + 5);
  out = viva_run_result_dup_output (result);
  g_assert_cmpuint (strlen (out), ==, VIVA_RUN_OUTPUT_LIMIT_BYTES);
  g_assert_cmpuint (viva_run_result_get_n_chunks (result), ==, 1);
  summary = viva_run_result_dup_summary (result);
  g_assert_cmpstr (summary, ==, "Finished. Output cut at 1.0\xc2\xa0MiB of 95.4\xc2\xa0MiB.");
}

static void
test_attack_orphan (void)
{
  g_autoptr(VivaPythonRunner) runner = sandbox_runner ();
  g_autoptr(VivaPythonRunner) unsandboxed = NULL;
  g_autoptr(VivaRunResult) result = NULL;
  g_autoptr(VivaRunResult) control = NULL;
  g_autoptr(GArray) pids = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree char *token = new_token ();
  g_autofree char *out = NULL;
  const char *args[] = { token, NULL };
  /* The child leaves the session, becomes a new program and stays; the
   * parent waits to see it running, then exits. */
  const char *source =
    "import os, sys, time\n"
    "token = sys.argv[1]\n"
    "if os.fork() == 0:\n"
    "    os.setsid()\n"
    "    if os.fork() == 0:\n"
    "        os.execv(sys.executable, [sys.executable, '-c', 'import time; time.sleep(3600)', token])\n"
    "    os._exit(0)\n"
    "def running():\n"
    "    for pid in filter(str.isdigit, os.listdir('/proc')):\n"
    "        try:\n"
    "            if token.encode() in open('/proc/%s/cmdline' % pid, 'rb').read().split(b'\\0'):\n"
    "                return True\n"
    "        except OSError:\n"
    "            pass\n"
    "    return False\n"
    "while not running():\n"
    "    time.sleep(0.01)\n"
    "print('left a child behind')\n";

  if (runner == NULL)
    return;

  /* Without the sandbox, the child outlives the run: the check sees it. */
  unsandboxed = unsandboxed_runner ();
  control = run_script (unsandboxed, "orphan.py", source, 10, args);
  assert_result (control, VIVA_RUN_EXITED, 0);
  g_assert_cmpuint (count_processes (token, pids), ==, 1);
  kill (g_array_index (pids, int, 0), SIGKILL);

  g_free (token);
  token = new_token ();
  args[0] = token;
  result = run_script (runner, "orphan.py", source, 10, args);
  assert_result (result, VIVA_RUN_EXITED, 0);
  out = viva_run_result_dup_output (result);
  g_assert_cmpstr (out, ==, "left a child behind\n");
  g_assert_cmpuint (count_processes (token, NULL), ==, 0);
}

static int
listen_on_loopback (int *out_port)
{
  struct sockaddr_in addr = { 0 };
  socklen_t len = sizeof addr;
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (bind (fd, (struct sockaddr *)&addr, sizeof addr), ==, 0);
  g_assert_cmpint (listen (fd, 8), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *)&addr, &len), ==, 0);
  *out_port = ntohs (addr.sin_port);

  return fd;
}

static void
test_attack_network (void)
{
  g_autoptr(VivaPythonRunner) runner = sandbox_runner ();
  g_autoptr(VivaPythonRunner) unsandboxed = NULL;
  g_autoptr(VivaRunResult) result = NULL;
  g_autoptr(VivaRunResult) control = NULL;
  g_autofree char *port_arg = NULL;
  g_autofree char *out = NULL;
  g_autofree char *control_out = NULL;
  const char *args[2] = { NULL, NULL };
  const char *source =
    "import socket, sys\n"
    "for host, port in (('127.0.0.1', int(sys.argv[1])), ('1.1.1.1', 53)):\n"
    "    try:\n"
    "        socket.create_connection((host, port), timeout=5).close()\n"
    "        print(host, 'connected')\n"
    "    except OSError as e:\n"
    "        print(host, type(e).__name__, e.strerror)\n"
    "try:\n"
    "    socket.getaddrinfo('example.com', 80)\n"
    "    print('resolved')\n"
    "except OSError as e:\n"
    "    print('no name', type(e).__name__)\n";
  int port;
  int fd;

  if (runner == NULL)
    return;

  /* A server of the machine's own, on its loopback. */
  fd = listen_on_loopback (&port);
  port_arg = g_strdup_printf ("%d", port);
  args[0] = port_arg;

  unsandboxed = unsandboxed_runner ();
  control = run_script (unsandboxed, "net.py", source, 20, args);
  control_out = viva_run_result_dup_output (control);
  assert_contains (control_out, "127.0.0.1 connected\n");

  result = run_script (runner, "net.py", source, 20, args);
  assert_result (result, VIVA_RUN_EXITED, 0);
  out = viva_run_result_dup_output (result);
  g_assert_cmpstr (out, ==,
                   /* The sandbox's own loopback, where nothing listens. */
                   "127.0.0.1 ConnectionRefusedError Connection refused\n"
                   "1.1.1.1 OSError Network is unreachable\n"
                   "no name gaierror\n");
  close (fd);
}

static void
test_attack_home_and_notes (void)
{
  g_autoptr(VivaPythonRunner) runner = sandbox_runner ();
  g_autoptr(VivaPythonRunner) unsandboxed = NULL;
  g_autoptr(VivaRunResult) result = NULL;
  g_autoptr(VivaRunResult) control = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = new_token ();
  g_autofree char *secret_path = g_build_filename (g_get_home_dir (), "secret.txt", NULL);
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), APP_ID, NULL);
  g_autofree char *notes_path = g_build_filename (data_dir, "notes.json", NULL);
  g_autofree char *notes = g_strdup_printf ("{\"version\": 2, \"banks\": {\"%s\": {}}}", secret);
  g_autofree char *out = NULL;
  g_autofree char *control_out = NULL;
  const char *args[] = { secret_path, notes_path, g_get_home_dir (), data_dir, NULL };
  const char *source =
    "import os, sys\n"
    "for path in sys.argv[1:3]:\n"
    "    try:\n"
    "        print(open(path).read())\n"
    "    except OSError as e:\n"
    "        print(type(e).__name__)\n"
    "for path in sys.argv[3:] + ['/home', '/root', '/run', '/etc']:\n"
    "    try:\n"
    "        print(os.listdir(path))\n"
    "    except OSError as e:\n"
    "        print(type(e).__name__)\n";

  if (runner == NULL)
    return;

  /* G_TEST_OPTION_ISOLATE_DIRS: this HOME and data folder are the test's. */
  g_assert_true (g_str_has_prefix (g_get_home_dir (), g_get_tmp_dir ()));
  g_mkdir_with_parents (g_get_home_dir (), 0700);
  g_mkdir_with_parents (data_dir, 0700);
  g_file_set_contents (secret_path, secret, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (notes_path, notes, -1, &error);
  g_assert_no_error (error);

  unsandboxed = unsandboxed_runner ();
  control = run_script (unsandboxed, "peek.py", source, 10, args);
  control_out = viva_run_result_dup_output (control);
  assert_contains (control_out, secret);

  result = run_script (runner, "peek.py", source, 10, args);
  assert_result (result, VIVA_RUN_EXITED, 0);
  out = viva_run_result_dup_output (result);
  assert_lacks (out, secret);
  g_assert_cmpstr (out, ==,
                   "FileNotFoundError\nFileNotFoundError\n"
                   "FileNotFoundError\nFileNotFoundError\n"
                   "FileNotFoundError\nFileNotFoundError\nFileNotFoundError\nFileNotFoundError\n");

  g_unlink (secret_path);
  g_unlink (notes_path);
}

static void
test_attack_write_outside_tmp (void)
{
  g_autoptr(VivaPythonRunner) runner = sandbox_runner ();
  g_autoptr(VivaRunResult) result = NULL;
  g_autofree char *token = new_token ();
  g_autofree char *home_file = g_build_filename (g_get_home_dir (), token, NULL);
  g_autofree char *tmp_file = g_build_filename ("/tmp", token, NULL);
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;
  const char *args[] = { home_file, tmp_file, NULL };
  const char *source =
    "import sys\n"
    "for path in ['/x', '/usr/x', '/viva/x', '/viva/w.py', '/etc/x', '/proc/x', '/dev/x', sys.argv[1],\n"
    "             sys.argv[2], '/dev/shm/x']:\n"
    "    try:\n"
    "        with open(path, 'w') as f:\n"
    "            f.write('written')\n"
    "        print(path, 'written')\n"
    "    except OSError as e:\n"
    "        print(path, e.strerror)\n";

  if (runner == NULL)
    return;

  result = run_script (runner, "w.py", source, 10, args);
  assert_result (result, VIVA_RUN_EXITED, 0);
  out = viva_run_result_dup_output (result);
  expected = g_strdup_printf ("/x Read-only file system\n"
                              "/usr/x Read-only file system\n"
                              "/viva/x Read-only file system\n"
                              "/viva/w.py Read-only file system\n"
                              "/etc/x No such file or directory\n"
                              "/proc/x No such file or directory\n"
                              "/dev/x Read-only file system\n"
                              "%s No such file or directory\n"
                              /* The sandbox's own /tmp and /dev/shm, in memory. */
                              "%s written\n"
                              "/dev/shm/x written\n",
                              home_file, tmp_file);
  g_assert_cmpstr (out, ==, expected);
  g_assert_false (g_file_test (home_file, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (tmp_file, G_FILE_TEST_EXISTS));
}

static void
test_attack_stdin (void)
{
  g_autoptr(VivaPythonRunner) runner = sandbox_runner ();
  g_autoptr(VivaRunResult) result = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (runner == NULL)
    return;

  result = run_repl (runner, "import sys\nsys.stdin.read()\nname = input('Name? ')\n");
  assert_result (result, VIVA_RUN_EXITED, 1);
  out = viva_run_result_dup_stream (result, VIVA_RUN_STREAM_STDOUT);
  err = viva_run_result_dup_stream (result, VIVA_RUN_STREAM_STDERR);
  g_assert_cmpstr (out, ==, "''\nName? ");
  g_assert_true (g_str_has_suffix (err, "EOFError: EOF when reading a line\n"));
}

static void
test_output_made_safe (void)
{
  g_autoptr(VivaPythonRunner) runner = sandbox_runner ();
  g_autoptr(VivaRunResult) result = NULL;
  g_autofree char *out = NULL;

  if (runner == NULL)
    return;

  result = run_script (runner, "bytes.py",
                       "import sys, time\n"
                       "w = sys.stdout.buffer.write\n"
                       "w(b'a\\xffb\\x00c\\x1b[31m\\x7f\\tok\\r\\n')\n"
                       /* A character in two writes, read apart. */
                       "w(b'caf\\xc3')\n"
                       "time.sleep(0.2)\n"
                       "w(b'\\xa9 \\xe2\\x82')\n",
                       10, NULL);
  assert_result (result, VIVA_RUN_EXITED, 0);
  out = viva_run_result_dup_output (result);
  g_assert_cmpstr (out, ==, "a\xef\xbf\xbd" "b\xe2\x90\x80" "c\xe2\x90\x9b[31m\xe2\x90\xa1\tok\r\n"
                            "caf\xc3\xa9 \xef\xbf\xbd");
}

static void
test_safe_text (void)
{
  GString *out = g_string_new (NULL);
  gsize used;

  /* A cut character waits for the rest... */
  used = _viva_run_append_safe_text (out, (const guint8 *)"ab\xe2\x82", 4, FALSE);
  g_assert_cmpuint (used, ==, 2);
  g_assert_cmpstr (out->str, ==, "ab");
  /* ...unless nothing follows. */
  used = _viva_run_append_safe_text (out, (const guint8 *)"\xe2\x82", 2, TRUE);
  g_assert_cmpuint (used, ==, 2);
  g_assert_cmpstr (out->str, ==, "ab\xef\xbf\xbd");
  g_string_truncate (out, 0);
  /* A surrogate is not UTF-8. */
  _viva_run_append_safe_text (out, (const guint8 *)"\xed\xa0\x80!", 4, TRUE);
  g_assert_true (g_utf8_validate (out->str, -1, NULL));
  g_assert_true (g_str_has_suffix (out->str, "!"));
  g_string_free (out, TRUE);
}

static void
test_stop (void)
{
  g_autoptr(VivaPythonRunner) runner = sandbox_runner ();
  g_autoptr(GCancellable) stop = g_cancellable_new ();
  g_autoptr(VivaRunRequest) request = NULL;
  g_autoptr(GBytes) script = NULL;
  g_autofree char *token = new_token ();
  g_autofree char *name = g_strdup_printf ("%s.py", token);
  g_autofree char *summary = NULL;
  const char *source =
    "import time\n"
    "for i in range(100000):\n"
    "    print('line', i)\n"
    "    time.sleep(0.001)\n";
  Run run = { 0 };

  if (runner == NULL)
    return;

  script = g_bytes_new (source, strlen (source));
  request = viva_run_request_new (name, script);
  viva_run_request_set_time_limit (request, 600);
  run.stop_on_output = stop;
  run_request (runner, request, stop, &run);

  /* Not an error: the output up to Stop, and how it ended. */
  g_assert_no_error (run.error);
  assert_result (run.result, VIVA_RUN_STOPPED, 0);
  /* Some of the lines, in order, from the first: print() writes "line",
   * " ", the number and "\n" apart, and the first may be all there was. */
  {
    GString *lines = g_string_new (NULL);

    for (guint i = 0; lines->len <= run.streamed->len; i++)
      g_string_append_printf (lines, "line %u\n", i);
    g_assert_cmpuint (run.streamed->len, >, 0);
    g_assert_true (g_str_has_prefix (lines->str, run.streamed->str));
    g_string_free (lines, TRUE);
  }
  assert_lacks (run.streamed->str, "line 99999\n");
  summary = viva_run_result_dup_summary (run.result);
  g_assert_cmpstr (summary, ==, "Stopped.");
  g_assert_cmpuint (count_processes (token, NULL), ==, 0);
  run_clear (&run);

  /* Stopped before it started: nothing ran. */
  {
    g_autoptr(VivaRunRequest) again = viva_run_request_new_repl ("print(1)\n");

    run.stop_on_output = stop;
    run_request (runner, again, stop, &run);
    g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    run_clear (&run);
  }
}

/* The one runner of the application, with the user's time limit. */
static void
test_context_runner (void)
{
  g_autoptr(VivaContext) context = g_object_new (VIVA_TYPE_CONTEXT, NULL);
  VivaPythonRunner *runner = viva_context_get_python_runner (context);
  GSettings *settings = viva_context_get_settings (context);
  g_autoptr(VivaRunRequest) request = NULL;
  Run run = { 0 };

  g_assert_true (viva_context_get_python_runner (context) == runner);
  g_assert_cmpuint (viva_python_runner_get_time_limit (runner), ==, 10);
  g_assert_cmpuint (g_settings_get_uint (settings, "run-time-limit"), ==, 10);
  g_assert_false (g_settings_get_boolean (settings, "run-unsandboxed"));

  probe (runner);
  if (viva_python_runner_get_status (runner) != VIVA_PYTHON_RUNNER_READY)
    {
      g_test_skip (viva_python_runner_get_problem (runner));
      return;
    }

  /* Preferences' time limit holds for the next run. */
  g_settings_set_uint (settings, "run-time-limit", 1);
  request = viva_run_request_new_repl ("import time\ntime.sleep(60)\n");
  run_request (runner, request, NULL, &run);
  g_assert_no_error (run.error);
  assert_result (run.result, VIVA_RUN_TIMED_OUT, 0);
  g_assert_cmpuint (viva_run_result_get_time_limit (run.result), ==, 1);
  run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/runner/probe/version", test_probe_version);
  g_test_add_func ("/runner/probe/no-bwrap", test_probe_no_bwrap);
  g_test_add_func ("/runner/probe/no-userns", test_probe_no_userns);
  g_test_add_func ("/runner/probe/no-python", test_probe_no_python);
  g_test_add_func ("/runner/probe/unsandboxed-only-when-allowed", test_unsandboxed_only_when_allowed);
  g_test_add_func ("/runner/repl/question-42", test_repl_question_42);
  g_test_add_func ("/runner/repl/in-order", test_repl_in_order);
  g_test_add_func ("/runner/repl/syntax-error", test_repl_syntax_error);
  g_test_add_func ("/runner/end/exit-status", test_exit_status);
  g_test_add_func ("/runner/end/signal", test_signal);
  g_test_add_func ("/runner/results-pipe-files-and-args", test_results_pipe_files_and_args);
  g_test_add_func ("/runner/attack/infinite-loop", test_attack_infinite_loop);
  g_test_add_func ("/runner/attack/sleep", test_attack_sleep);
  g_test_add_func ("/runner/attack/fork-bomb", test_attack_fork_bomb);
  g_test_add_func ("/runner/attack/memory", test_attack_memory);
  g_test_add_func ("/runner/attack/limits-hold", test_attack_limits_hold);
  g_test_add_func ("/runner/attack/output-flood", test_attack_output_flood);
  g_test_add_func ("/runner/attack/orphan", test_attack_orphan);
  g_test_add_func ("/runner/attack/network", test_attack_network);
  g_test_add_func ("/runner/attack/home-and-notes", test_attack_home_and_notes);
  g_test_add_func ("/runner/attack/write-outside-tmp", test_attack_write_outside_tmp);
  g_test_add_func ("/runner/attack/stdin", test_attack_stdin);
  g_test_add_func ("/runner/output/made-safe", test_output_made_safe);
  g_test_add_func ("/runner/output/safe-text", test_safe_text);
  g_test_add_func ("/runner/stop", test_stop);
  g_test_add_func ("/runner/context", test_context_runner);

  return g_test_run ();
}
