/* test-challenge.c
 *
 * The coding challenges' tests: the bundled challenges.json (every
 * Practical Coding Challenge of the bank has a starter and cases, and
 * every expected value is right: each challenge's cases run through the
 * real driver with plain python3 against a reference solution under
 * tests/challenges/reference/), how wrong, raising, incomplete and
 * broken solutions are reported, and reading damaged challenges and
 * damaged results without a crash.
 *
 * The driver runs unsandboxed here, on checked-in code only; the app
 * runs it through the sandboxed runner.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "viva-bank.h"
#include "viva-challenge.h"
#include "viva-level.h"
#include "viva-question.h"
#include "viva-resources.h"

#define PYTHON "/usr/bin/python3"

typedef struct
{
  VivaChallengeResults *results;
  char                 *stdout_text;
  char                 *raw;
} DriverRun;

static void
driver_run_clear (DriverRun *run)
{
  g_clear_pointer (&run->results, viva_challenge_results_free);
  g_clear_pointer (&run->stdout_text, g_free);
  g_clear_pointer (&run->raw, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DriverRun, driver_run_clear)

static void
write_file (const char *dir,
            const char *name,
            const char *data,
            gsize       len)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

static void
remove_dir (const char *dir)
{
  const char *names[] = { "code.py", "cases.json", "viva-challenge-driver.py",
                          "stdout", "results", NULL };

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* Runs the driver from the resource as the sandbox would, but with plain
 * python3: the code and cases.json in a folder, the results on fd 3,
 * and returns them read by viva_challenge_results_parse(). */
static void
run_driver_with (GBytes     *cases_json,
                 GPtrArray  *cases,
                 const char *code,
                 DriverRun  *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) driver = viva_challenge_dup_driver ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *dir = g_dir_make_tmp ("viva-challenge-XXXXXX", &error);
  g_autofree char *driver_path = NULL;
  g_autofree char *code_path = NULL;
  g_autofree char *cases_path = NULL;
  g_autofree char *results_path = NULL;
  g_autofree char *stdout_path = NULL;
  gsize len = 0;
  int results_fd;

  g_assert_no_error (error);
  g_assert_nonnull (driver);
  g_assert_nonnull (cases_json);

  write_file (dir, "viva-challenge-driver.py", g_bytes_get_data (driver, NULL), g_bytes_get_size (driver));
  write_file (dir, "code.py", code, strlen (code));
  write_file (dir, "cases.json", g_bytes_get_data (cases_json, NULL), g_bytes_get_size (cases_json));

  driver_path = g_build_filename (dir, "viva-challenge-driver.py", NULL);
  code_path = g_build_filename (dir, "code.py", NULL);
  cases_path = g_build_filename (dir, "cases.json", NULL);
  results_path = g_build_filename (dir, "results", NULL);
  stdout_path = g_build_filename (dir, "stdout", NULL);

  results_fd = g_open (results_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  g_assert_cmpint (results_fd, >=, 0);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_subprocess_launcher_take_fd (launcher, results_fd, 3);
  g_subprocess_launcher_set_stdout_file_path (launcher, stdout_path);
  /* Warnings are errors here: a starter, a prelude or a case that makes
   * Python warn (an invalid escape sequence, say) fails, and so would the
   * driver itself. */
  process = g_subprocess_launcher_spawn (launcher, &error, PYTHON, "-I", "-W", "error",
                                         driver_path, code_path, cases_path, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);

  g_file_get_contents (stdout_path, &run->stdout_text, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (results_path, &run->raw, &len, &error);
  g_assert_no_error (error);

  run->results = viva_challenge_results_parse (run->raw, len, cases, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run->results);

  remove_dir (dir);
}

static void
run_driver (VivaChallenge *challenge,
            GPtrArray     *cases,
            const char    *code,
            guint          case_time_limit_ms,
            DriverRun     *run)
{
  g_autoptr(GBytes) cases_json = viva_challenge_build_cases_json (challenge, cases, case_time_limit_ms);

  run_driver_with (cases_json, cases, code, run);
  g_assert_cmpuint (run->results->cases->len, ==, cases->len);
}

/* A Run Tests with no challenge: @own cases, then the tests the driver
 * finds in @code, as viva_challenge_run_async() sends them. */
static void
run_driver_discover (GPtrArray  *own,
                     const char *code,
                     DriverRun  *run)
{
  g_autoptr(GPtrArray) cases = viva_challenge_collect_cases (NULL, own);
  g_autoptr(GBytes) cases_json = NULL;

  cases_json = viva_challenge_build_discover_json (cases, viva_challenge_count_test_names (code), 0);
  run_driver_with (cases_json, cases, code, run);
  g_assert_cmpuint (run->results->cases->len, >=, cases->len);
}

static VivaChallengeSet *
load_bundled (void)
{
  g_autoptr(GError) error = NULL;
  VivaChallengeSet *set;

  g_assert_nonnull (viva_get_resource ());
  set = viva_challenge_set_new_bundled (&error);
  g_assert_no_error (error);
  g_assert_nonnull (set);

  return set;
}

static char *
read_test_file (const char *first,
                ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  char *contents = NULL;
  va_list args;

  va_start (args, first);
  path = g_build_filename_valist (first, &args);
  va_end (args);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

/* --- The bundled challenges ---------------------------------------------- */

static void
test_bundled_cover_the_bank (void)
{
  g_autoptr(VivaChallengeSet) set = load_bundled ();
  g_autoptr(VivaBank) bank = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *questions;
  guint coding = 0;

  bank = viva_bank_new_bundled (&error);
  g_assert_no_error (error);

  /* Every question of the Practical Coding Challenges has tests... */
  questions = viva_bank_get_questions (bank);
  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(VivaQuestion) question = g_list_model_get_item (questions, i);

      if (viva_level_get_number (viva_question_get_level (question)) != 6)
        continue;

      coding++;
      if (viva_challenge_set_lookup (set, viva_question_get_number (question)) == NULL)
        g_error ("question %u has no tests", viva_question_get_number (question));
    }
  g_assert_cmpuint (coding, ==, 30);

  /* ... and every test belongs to one of them. */
  g_assert_cmpuint (viva_challenge_set_get_n_challenges (set), ==, coding);
  for (guint i = 0; i < viva_challenge_set_get_n_challenges (set); i++)
    {
      VivaChallenge *challenge = viva_challenge_set_get_challenge (set, i);
      VivaQuestion *question = viva_bank_lookup_question (bank, viva_challenge_get_question (challenge));

      g_assert_nonnull (question);
      g_assert_cmpuint (viva_level_get_number (viva_question_get_level (question)), ==, 6);
    }

  g_assert_null (viva_challenge_set_lookup (set, 42));
  g_assert_null (viva_challenge_set_lookup (set, 0));
}

static void
test_bundled_shape (void)
{
  g_autoptr(VivaChallengeSet) set = load_bundled ();

  for (guint i = 0; i < viva_challenge_set_get_n_challenges (set); i++)
    {
      VivaChallenge *challenge = viva_challenge_set_get_challenge (set, i);
      const char * const *entries = viva_challenge_get_entries (challenge);
      const char *starter = viva_challenge_get_starter (challenge);
      guint n_cases = viva_challenge_get_n_cases (challenge);

      g_test_message ("question %u", viva_challenge_get_question (challenge));

      /* 5 to 10 cases, like a coding site's examples, each expecting
       * something; names unique, so the list reads well. */
      g_assert_cmpuint (n_cases, >=, 5);
      g_assert_cmpuint (n_cases, <=, 10);
      for (guint c = 0; c < n_cases; c++)
        {
          const VivaCodeCase *test_case = viva_challenge_get_case (challenge, c);

          g_assert_true (test_case->expected != NULL || test_case->raises != NULL ||
                         test_case->output != NULL);
          for (guint d = 0; d < c; d++)
            g_assert_cmpstr (viva_challenge_get_case (challenge, d)->name, !=, test_case->name);
        }

      /* The starter defines every name the tests call, and answers
       * nothing: its bodies are "...". */
      g_assert_cmpstr (entries[0], ==, viva_challenge_get_entry (challenge));
      for (guint e = 0; entries[e] != NULL; e++)
        {
          g_autofree char *def = g_strdup_printf ("def %s(", entries[e]);
          g_autofree char *klass = g_strdup_printf ("class %s:", entries[e]);

          g_assert_true (strstr (starter, def) != NULL || strstr (starter, klass) != NULL);
        }
      {
        g_auto(GStrv) lines = g_strsplit (starter, "\n", -1);

        for (guint l = 0; lines[l] != NULL; l++)
          {
            const char *line = g_strstrip (lines[l]);

            g_assert_false (g_str_has_prefix (line, "return ") || g_str_equal (line, "return"));
          }
      }

      /* What the prelude defines, the starter mentions. */
      if (*viva_challenge_get_prelude (challenge) != '\0')
        g_assert_nonnull (strstr (starter, "TreeNode"));
    }
}

/* Every expected value is checked against a reference solution: a
 * wrong expected value fails here. */
static void
test_bundled_references (void)
{
  g_autoptr(VivaChallengeSet) set = load_bundled ();
  guint failures = 0;

  for (guint i = 0; i < viva_challenge_set_get_n_challenges (set); i++)
    {
      VivaChallenge *challenge = viva_challenge_set_get_challenge (set, i);
      g_autoptr(GPtrArray) cases = viva_challenge_collect_cases (challenge, NULL);
      g_autofree char *name = g_strdup_printf ("%u.py", viva_challenge_get_question (challenge));
      g_autofree char *code = read_test_file (g_test_get_dir (G_TEST_DIST), "challenges",
                                              "reference", name, NULL);
      g_auto(DriverRun) run = { NULL, };

      /* The heavy cases (fibonacci(100000), a million numbers) take well
       * under a second; a generous limit keeps a busy machine from
       * failing them. */
      run_driver (challenge, cases, code, 60000, &run);

      g_assert_null (run.results->load_error);
      g_assert_true (run.results->complete);
      for (guint c = 0; c < run.results->cases->len; c++)
        {
          const VivaCaseResult *result = g_ptr_array_index (run.results->cases, c);
          const VivaCodeCase *test_case = result->test_case;

          if (result->status == VIVA_CASE_PASSED)
            continue;

          g_test_message ("question %u, case '%s' %s\ncall: %s\nexpected: %s\nactual: %s\nerror: %s",
                          viva_challenge_get_question (challenge), test_case->name,
                          result->status == VIVA_CASE_FAILED ? "failed" : "gave an error",
                          test_case->call,
                          test_case->expected != NULL ? test_case->expected :
                          test_case->raises != NULL ? test_case->raises : test_case->output,
                          result->actual, result->error);
          failures++;
        }
    }

  /* Every wrong expected value is listed above, not only the first. */
  g_assert_cmpuint (failures, ==, 0);
}

/* The starter as shipped loads and defines its names, and fails its
 * tests: cases that pass on an empty body would test nothing. */
static void
test_bundled_starters (void)
{
  g_autoptr(VivaChallengeSet) set = load_bundled ();

  for (guint i = 0; i < viva_challenge_set_get_n_challenges (set); i++)
    {
      VivaChallenge *challenge = viva_challenge_set_get_challenge (set, i);
      g_autoptr(GPtrArray) cases = viva_challenge_collect_cases (challenge, NULL);
      g_auto(DriverRun) run = { NULL, };
      guint passed;

      run_driver (challenge, cases, viva_challenge_get_starter (challenge), 60000, &run);

      g_test_message ("question %u", viva_challenge_get_question (challenge));
      g_assert_null (run.results->load_error);
      passed = viva_challenge_results_count (run.results, VIVA_CASE_PASSED);
      g_assert_cmpuint (passed, <=, cases->len / 2);
    }
}

/* --- Solutions as users write them ---------------------------------------- */

static VivaChallenge *
lookup (VivaChallengeSet *set,
        guint             question)
{
  VivaChallenge *challenge = viva_challenge_set_lookup (set, question);

  g_assert_nonnull (challenge);

  return challenge;
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
test_solution_wrong (void)
{
  g_autoptr(VivaChallengeSet) set = load_bundled ();
  VivaChallenge *challenge = lookup (set, 951);
  g_autoptr(GPtrArray) cases = viva_challenge_collect_cases (challenge, NULL);
  g_auto(DriverRun) run = { NULL, };
  const VivaCaseResult *result;

  /* Ignores case: right for most cases, wrong for "Racecar". */
  run_driver (challenge, cases,
              "def is_palindrome(s):\n"
              "    s = s.lower()\n"
              "    return s == s[::-1]\n"
              "\n"
              "if __name__ == '__main__':\n"
              "    print(is_palindrome(input()))\n",
              0, &run);

  g_assert_null (run.results->load_error);
  result = result_named (run.results, "case counts");
  g_assert_cmpint (result->status, ==, VIVA_CASE_FAILED);
  /* The code's own tests, under __main__, do not run: stdin is empty in
   * the sandbox, and input() would fail the load. */
  g_assert_cmpstr (run.stdout_text, ==, "");
  g_assert_cmpstr (result->test_case->call, ==, "is_palindrome('Racecar')");
  g_assert_cmpstr (result->test_case->expected, ==, "False");
  g_assert_cmpstr (result->actual, ==, "True");
  g_assert_null (result->error);

  result = result_named (run.results, "empty string");
  g_assert_cmpint (result->status, ==, VIVA_CASE_PASSED);
  g_assert_cmpstr (result->actual, ==, "True");
  g_assert_cmpuint (viva_challenge_results_count (run.results, VIVA_CASE_FAILED), ==, 1);
  g_assert_cmpuint (viva_challenge_results_count (run.results, VIVA_CASE_PASSED), ==, cases->len - 1);
}

static void
test_solution_raises (void)
{
  g_autoptr(VivaChallengeSet) set = load_bundled ();
  VivaChallenge *challenge = lookup (set, 955);
  g_autoptr(GPtrArray) cases = viva_challenge_collect_cases (challenge, NULL);
  g_auto(DriverRun) run = { NULL, };
  const VivaCaseResult *result;

  /* Right, except that an empty list raises IndexError, not ValueError,
   * and a list of one element divides by zero. */
  run_driver (challenge, cases,
              "def largest_and_smallest(numbers):\n"
              "    first = numbers[0]\n"
              "    if len(numbers) == 1:\n"
              "        1 / 0\n"
              "    return (max(numbers), min(numbers))\n",
              0, &run);

  result = result_named (run.results, "single element");
  g_assert_cmpint (result->status, ==, VIVA_CASE_ERROR);
  g_assert_null (result->actual);
  g_assert_nonnull (strstr (result->error, "Traceback (most recent call last):"));
  g_assert_nonnull (strstr (result->error, "File \"code.py\", line 4, in largest_and_smallest"));
  g_assert_nonnull (strstr (result->error, "ZeroDivisionError: division by zero"));
  /* The driver's own frames are left out. */
  g_assert_null (strstr (result->error, "viva-challenge-driver"));

  result = result_named (run.results, "empty list");
  g_assert_cmpint (result->status, ==, VIVA_CASE_ERROR);
  g_assert_nonnull (strstr (result->error, "IndexError"));

  result = result_named (run.results, "floats");
  g_assert_cmpint (result->status, ==, VIVA_CASE_PASSED);
  g_assert_cmpstr (result->actual, ==, "(1.5, -2.25)");
}

static void
test_solution_missing_entry (void)
{
  g_autoptr(VivaChallengeSet) set = load_bundled ();
  VivaChallenge *challenge = lookup (set, 962);
  g_autoptr(GPtrArray) cases = viva_challenge_collect_cases (challenge, NULL);
  g_auto(DriverRun) run = { NULL, };

  /* Only one of the two functions the question asks for. */
  run_driver (challenge, cases,
              "def fib_iterative(n):\n"
              "    a, b = 0, 1\n"
              "    for _ in range(n):\n"
              "        a, b = b, a + b\n"
              "    return a\n",
              0, &run);

  g_assert_nonnull (run.results->load_error);
  g_assert_cmpstr (run.results->load_error, ==,
                   "Your code does not define fib_recursive, which the tests call.");
  g_assert_cmpuint (viva_challenge_results_count (run.results, VIVA_CASE_NOT_RUN), ==, cases->len);
  g_assert_true (run.results->complete);
}

static void
test_solution_syntax_error (void)
{
  g_autoptr(VivaChallengeSet) set = load_bundled ();
  VivaChallenge *challenge = lookup (set, 960);
  g_autoptr(GPtrArray) cases = viva_challenge_collect_cases (challenge, NULL);
  g_auto(DriverRun) run = { NULL, };

  run_driver (challenge, cases,
              "class Stack:\n"
              "    def push(self, item)\n"
              "        self.items.append(item)\n",
              0, &run);

  g_assert_nonnull (run.results->load_error);
  g_assert_nonnull (strstr (run.results->load_error, "File \"code.py\", line 2"));
  g_assert_nonnull (strstr (run.results->load_error, "SyntaxError: expected ':'"));
  g_assert_cmpuint (viva_challenge_results_count (run.results, VIVA_CASE_NOT_RUN), ==, cases->len);
}

/* A class attribute shared by every instance: state that leaks between
 * instances fails the case written for it, and does not leak between
 * cases (each runs in a fresh process), so the other cases pass. */
static void
test_solution_state (void)
{
  g_autoptr(VivaChallengeSet) set = load_bundled ();
  VivaChallenge *challenge = lookup (set, 960);
  g_autoptr(GPtrArray) cases = viva_challenge_collect_cases (challenge, NULL);
  g_auto(DriverRun) run = { NULL, };

  run_driver (challenge, cases,
              "class Stack:\n"
              "    items = []\n"
              "    def push(self, item):\n"
              "        self.items.append(item)\n"
              "    def pop(self):\n"
              "        return self.items.pop()\n"
              "    def is_empty(self):\n"
              "        return not self.items\n",
              0, &run);

  g_assert_cmpint (result_named (run.results, "stacks do not share items")->status, ==, VIVA_CASE_FAILED);
  g_assert_cmpstr (result_named (run.results, "stacks do not share items")->actual, ==, "False");
  g_assert_cmpuint (viva_challenge_results_count (run.results, VIVA_CASE_PASSED), ==, cases->len - 1);
}

/* FizzBuzz prints: what it printed is compared, and shown. */
static void
test_solution_output (void)
{
  g_autoptr(VivaChallengeSet) set = load_bundled ();
  VivaChallenge *challenge = lookup (set, 953);
  g_autoptr(GPtrArray) cases = viva_challenge_collect_cases (challenge, NULL);
  g_auto(DriverRun) run = { NULL, };
  const VivaCaseResult *result;

  /* Forgets FizzBuzz: "Fizz" is printed for 15. */
  run_driver (challenge, cases,
              "def fizzbuzz(n=100):\n"
              "    for i in range(1, n + 1):\n"
              "        if i % 3 == 0:\n"
              "            print('Fizz')\n"
              "        elif i % 5 == 0:\n"
              "            print('Buzz')\n"
              "        else:\n"
              "            print(i)   \n",
              0, &run);

  result = result_named (run.results, "up to 5: Buzz");
  g_assert_cmpint (result->status, ==, VIVA_CASE_PASSED);
  g_assert_cmpstr (result->output, ==, "1\n2\nFizz\n4\nBuzz\n");

  result = result_named (run.results, "up to 15: FizzBuzz");
  g_assert_cmpint (result->status, ==, VIVA_CASE_FAILED);
  g_assert_true (g_str_has_suffix (result->output, "14\nFizz\n"));
  g_assert_cmpint (result_named (run.results, "1 to 100")->status, ==, VIVA_CASE_FAILED);
  g_assert_cmpint (result_named (run.results, "nothing to print")->status, ==, VIVA_CASE_PASSED);

  /* What the code printed still reaches the runner's output. */
  g_assert_true (g_str_has_prefix (run.stdout_text, "1\n2\nFizz\n4\nBuzz\n"));
}

/* The user's own cases run after the shipped ones, results in order. */
static void
test_solution_own_cases (void)
{
  g_autoptr(VivaChallengeSet) set = load_bundled ();
  VivaChallenge *challenge = lookup (set, 977);
  g_autoptr(GPtrArray) own = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_code_case_free);
  g_autoptr(GPtrArray) cases = NULL;
  g_auto(DriverRun) run = { NULL, };
  g_autofree char *reference = read_test_file (g_test_get_dir (G_TEST_DIST), "challenges",
                                               "reference", "977.py", NULL);
  VivaCodeCase *test_case;
  const VivaCaseResult *result;
  guint shipped = viva_challenge_get_n_cases (challenge);

  test_case = viva_code_case_new ("MMXXVI", "roman_to_int('MMXXVI')");
  test_case->expected = g_strdup ("2026");
  g_ptr_array_add (own, test_case);
  test_case = viva_code_case_new ("wrong on purpose", "roman_to_int('X')");
  test_case->expected = g_strdup ("11");
  g_ptr_array_add (own, test_case);
  /* The user's own asserts, expecting nothing but to run. */
  g_ptr_array_add (own, viva_code_case_new ("asserts", "assert roman_to_int('V') == 5\n"
                                                       "assert roman_to_int('VI') == 6"));
  g_ptr_array_add (own, viva_code_case_new ("failing assert", "assert roman_to_int('V') == 4, 'five'"));
  test_case = viva_code_case_new ("bad literal", "roman_to_int('X')");
  test_case->expected = g_strdup ("[1, 2");
  g_ptr_array_add (own, test_case);

  cases = viva_challenge_collect_cases (challenge, own);
  g_assert_cmpuint (cases->len, ==, shipped + own->len);

  run_driver (challenge, cases, reference, 0, &run);

  g_assert_cmpuint (viva_challenge_results_count (run.results, VIVA_CASE_PASSED), ==, shipped + 2);
  result = g_ptr_array_index (run.results->cases, shipped);
  g_assert_cmpstr (result->test_case->name, ==, "MMXXVI");
  g_assert_cmpint (result->status, ==, VIVA_CASE_PASSED);
  result = g_ptr_array_index (run.results->cases, shipped + 1);
  g_assert_cmpint (result->status, ==, VIVA_CASE_FAILED);
  g_assert_cmpstr (result->actual, ==, "10");
  g_assert_cmpint (result_named (run.results, "asserts")->status, ==, VIVA_CASE_PASSED);
  /* An assert that does not hold is a failed test, not an error. */
  result = result_named (run.results, "failing assert");
  g_assert_cmpint (result->status, ==, VIVA_CASE_FAILED);
  g_assert_nonnull (strstr (result->error, "AssertionError: five"));
  result = result_named (run.results, "bad literal");
  g_assert_cmpint (result->status, ==, VIVA_CASE_ERROR);
  g_assert_true (g_str_has_prefix (result->error,
                                   "This case cannot run: its expected value is not a Python literal.\n"));
}

/* --- Run Tests with no challenge ------------------------------------------ */

/* The user's own cases run first; then the code's top-level asserts,
 * which ran as it loaded, as one case; then each top-level test_
 * function that a call with no argument runs, in the order the code
 * defines them, each named after itself, passing when it returns. */
static void
test_discover_found (void)
{
  g_autoptr(GPtrArray) own = viva_code_cases_new ();
  g_auto(DriverRun) run = { NULL, };
  const VivaCaseResult *result;
  g_autofree char *summary = NULL;
  const char *code =
    "def rev(s):\n"
    "    return s[::-1]\n"
    "\n"
    "assert rev('ab') == 'ba'\n"
    "if True:\n"
    "    assert rev('') == ''\n"
    "\n"
    "def helper():\n"
    "    assert rev('x') == 'y'  # not top-level: never runs\n"
    "\n"
    "def test_palindrome():\n"
    "    assert rev('abba') == 'abba'\n"
    "\n"
    "def test_wrong():\n"
    "    assert rev('abc') == 'abc', 'not a palindrome'\n"
    "\n"
    "def test_needs_an_argument(tmp_path):\n"
    "    raise AssertionError('called without its argument')\n"
    "\n"
    "def test_default(n=2):\n"
    "    print('n is', n)\n"
    "\n"
    "async def test_coroutine():\n"
    "    raise AssertionError('never awaited')\n"
    "\n"
    "def test_generator():\n"
    "    yield 1\n"
    "\n"
    "class TestCase:\n"
    "    def test_method(self):\n"
    "        pass\n"
    "\n"
    "test_number = 3\n"
    "latest_value = 4\n"
    "\n"
    "if __name__ == '__main__':\n"
    "    assert rev('main') == 'never runs'\n"
    "else:\n"
    "    assert rev('module') == 'eludom'\n"
    "assert rev('end') == 'dne'\n";

  g_ptr_array_add (own, viva_code_case_new_with_check ("mine", "rev('xy')", VIVA_CODE_CASE_EXPECTED, "'yx'"));
  run_driver_discover (own, code, &run);

  g_assert_null (run.results->load_error);
  g_assert_true (run.results->complete);
  g_assert_cmpuint (run.results->cases->len, ==, 5);

  result = g_ptr_array_index (run.results->cases, 0);
  g_assert_cmpstr (result->test_case->name, ==, "mine");
  g_assert_cmpint (result->status, ==, VIVA_CASE_PASSED);

  result = g_ptr_array_index (run.results->cases, 1);
  g_assert_cmpstr (result->test_case->name, ==, "top-level assert statements");
  /* In the order of the code; not the main block's: loaded as a
   * module, the code skips it. */
  g_assert_cmpstr (result->test_case->call, ==, "assert rev('ab') == 'ba'\nassert rev('') == ''\n"
                                                "assert rev('module') == 'eludom'\nassert rev('end') == 'dne'");
  g_assert_cmpint (result->status, ==, VIVA_CASE_PASSED);

  result = g_ptr_array_index (run.results->cases, 2);
  g_assert_cmpstr (result->test_case->name, ==, "test_palindrome");
  g_assert_cmpstr (result->test_case->call, ==, "test_palindrome()");
  g_assert_null (result->test_case->expected);
  g_assert_cmpint (result->status, ==, VIVA_CASE_PASSED);

  result = g_ptr_array_index (run.results->cases, 3);
  g_assert_cmpstr (result->test_case->name, ==, "test_wrong");
  g_assert_cmpint (result->status, ==, VIVA_CASE_FAILED);
  g_assert_nonnull (strstr (result->error, "AssertionError: not a palindrome"));
  g_assert_nonnull (strstr (result->error, "in test_wrong"));

  result = g_ptr_array_index (run.results->cases, 4);
  g_assert_cmpstr (result->test_case->name, ==, "test_default");
  g_assert_cmpint (result->status, ==, VIVA_CASE_PASSED);
  g_assert_cmpstr (result->output, ==, "n is 2\n");

  summary = viva_challenge_results_dup_summary (run.results);
  g_assert_cmpstr (summary, ==, "4 of 5 tests passed");
}

/* A top-level assert that fails stops the code loading: a load error
 * with its traceback, and no test runs. */
static void
test_discover_assert_fails (void)
{
  g_autoptr(GPtrArray) own = viva_code_cases_new ();
  g_auto(DriverRun) run = { NULL, };
  g_autofree char *summary = NULL;

  g_ptr_array_add (own, viva_code_case_new_with_check ("mine", "add(1, 1)", VIVA_CODE_CASE_EXPECTED, "2"));
  run_driver_discover (own,
                       "def add(a, b):\n"
                       "    return a - b\n"
                       "\n"
                       "assert add(2, 2) == 4, 'two and two'\n"
                       "\n"
                       "def test_add():\n"
                       "    assert add(1, 2) == 3\n",
                       &run);

  g_assert_nonnull (run.results->load_error);
  g_assert_nonnull (strstr (run.results->load_error, "line 4"));
  g_assert_true (g_str_has_suffix (run.results->load_error, "AssertionError: two and two\n"));
  g_assert_cmpuint (run.results->cases->len, ==, 1);
  g_assert_cmpint (((VivaCaseResult *) g_ptr_array_index (run.results->cases, 0))->status, ==,
                   VIVA_CASE_NOT_RUN);

  summary = viva_challenge_results_dup_summary (run.results);
  g_assert_cmpstr (summary, ==, "The code did not load: AssertionError");
}

/* Code with no tests and no own cases: no case at all, and the summary
 * says what to write. Asserts inside a function are not top-level. */
static void
test_discover_none (void)
{
  g_auto(DriverRun) run = { NULL, };
  g_autofree char *summary = NULL;

  run_driver_discover (NULL,
                       "def rev(s):\n"
                       "    assert isinstance(s, str)\n"
                       "    return s[::-1]\n"
                       "print(rev('ab'))\n",
                       &run);

  g_assert_null (run.results->load_error);
  g_assert_true (run.results->complete);
  g_assert_cmpuint (run.results->cases->len, ==, 0);
  g_assert_cmpstr (run.stdout_text, ==, "ba\n");
  summary = viva_challenge_results_dup_summary (run.results);
  g_assert_cmpstr (summary, ==, "No tests: write assert statements or test_ functions");
}

/* The driver runs at most as many test_ functions as it was told: the
 * whole run's time limit allows for that many. A code that makes its
 * tests at run time runs the first ones. */
static void
test_discover_count (void)
{
  g_auto(DriverRun) run = { NULL, };
  const char *code =
    "for i in range(5):\n"
    "    globals()['test_%d' % i] = lambda: None\n";

  g_assert_cmpuint (viva_challenge_count_test_names (""), ==, 0);
  g_assert_cmpuint (viva_challenge_count_test_names ("def test_a(): pass\ndef test_b(): test_a()"), ==, 3);
  g_assert_cmpuint (viva_challenge_count_test_names ("latest_x = my_test_y = étest_z = 1"), ==, 0);
  g_assert_cmpuint (viva_challenge_count_test_names ("test_"), ==, 1);

  g_assert_cmpuint (viva_challenge_count_test_names (code), ==, 1);
  run_driver_discover (NULL, code, &run);
  g_assert_cmpuint (run.results->cases->len, ==, 1);
  g_assert_cmpstr (((VivaCaseResult *) g_ptr_array_index (run.results->cases, 0))->test_case->name, ==,
                   "test_0");
}

/* What an attacker or a careless user writes: each case still gets a
 * clear result, and the driver still reports. */
static void
test_solution_hostile (void)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_code_case_free);
  g_auto(DriverRun) run = { NULL, };
  VivaCodeCase *test_case;
  const VivaCaseResult *result;

  g_ptr_array_add (cases, viva_code_case_new ("exit", "import sys\nsys.exit(3)"));
  g_ptr_array_add (cases, viva_code_case_new ("_exit", "import os\nos._exit(4)"));
  test_case = viva_code_case_new ("builtins replaced", "import builtins\n"
                                                      "builtins.repr = None\n"
                                                      "builtins.isinstance = None\n"
                                                      "builtins.len = None\n"
                                                      "[1, 2]");
  test_case->expected = g_strdup ("[1, 2]");
  g_ptr_array_add (cases, test_case);
  /* Still there: the previous case's damage died with its process. */
  test_case = viva_code_case_new ("builtins back", "len([repr(1)])");
  test_case->expected = g_strdup ("1");
  g_ptr_array_add (cases, test_case);
  g_ptr_array_add (cases, viva_code_case_new ("junk", "import sys\n"
                                                     "sys.stdout.buffer.write(b'\\xff\\xfe\\x00junk\\n')\n"
                                                     "sys.stdout.write('\\udcff\\x00\\n')\n"
                                                     "sys.stdout.flush()"));
  test_case = viva_code_case_new ("bad repr", "class Evil:\n"
                                             "    def __repr__(self):\n"
                                             "        raise RuntimeError('no')\n"
                                             "    def __eq__(self, other):\n"
                                             "        raise RuntimeError('never equal')\n"
                                             "Evil()");
  test_case->expected = g_strdup ("1");
  g_ptr_array_add (cases, test_case);
  test_case = viva_code_case_new ("kill", "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)");
  g_ptr_array_add (cases, test_case);

  run_driver (NULL, cases,
              "import builtins, json\n"
              "print = None\n"
              "json.dumps = None\n",
              0, &run);

  g_assert_null (run.results->load_error);
  g_assert_true (run.results->complete);

  result = result_named (run.results, "exit");
  g_assert_cmpint (result->status, ==, VIVA_CASE_ERROR);
  g_assert_nonnull (strstr (result->error, "SystemExit: 3"));

  result = result_named (run.results, "_exit");
  g_assert_cmpint (result->status, ==, VIVA_CASE_ERROR);
  g_assert_cmpstr (result->error, ==,
                   "The case ended its process with exit status 4 before it finished (os._exit?).");

  g_assert_cmpint (result_named (run.results, "builtins replaced")->status, ==, VIVA_CASE_PASSED);
  g_assert_cmpint (result_named (run.results, "builtins back")->status, ==, VIVA_CASE_PASSED);

  result = result_named (run.results, "junk");
  g_assert_cmpint (result->status, ==, VIVA_CASE_PASSED);
  g_assert_true (g_utf8_validate (result->output, -1, NULL));
  g_assert_nonnull (strstr (result->output, "junk"));
  /* NUL is shown as its symbol, never cutting the text. */
  g_assert_nonnull (strstr (result->output, "\xe2\x90\x80junk"));

  result = result_named (run.results, "bad repr");
  g_assert_cmpint (result->status, ==, VIVA_CASE_ERROR);
  g_assert_nonnull (strstr (result->actual, "Evil object at"));
  g_assert_true (g_str_has_prefix (result->error, "The value could not be compared with the expected one.\n"));
  g_assert_nonnull (strstr (result->error, "RuntimeError: never equal"));

  result = result_named (run.results, "kill");
  g_assert_cmpint (result->status, ==, VIVA_CASE_ERROR);
  g_assert_cmpstr (result->error, ==, "The process running the case was killed by SIGKILL.");
}

/* A case that never ends is stopped at its time limit, alone: the next
 * case runs. (The limit is short so that the test is quick; no case
 * here could take as long for any other reason, so it asserts no
 * timing.) */
static void
test_solution_time_limit (void)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_code_case_free);
  g_auto(DriverRun) run = { NULL, };
  const VivaCaseResult *result;

  g_ptr_array_add (cases, viva_code_case_new ("loop", "while True:\n    pass"));
  g_ptr_array_add (cases, viva_code_case_new ("sleep", "import time\ntime.sleep(3600)"));
  g_ptr_array_add (cases, viva_code_case_new ("after", "import os\nos.getpid()"));

  run_driver (NULL, cases, "", 300, &run);

  g_assert_null (run.results->load_error);
  result = result_named (run.results, "loop");
  g_assert_cmpint (result->status, ==, VIVA_CASE_ERROR);
  g_assert_cmpstr (result->error, ==, "The case did not finish within its time limit of 0.3 seconds.");
  g_assert_cmpint (result_named (run.results, "sleep")->status, ==, VIVA_CASE_ERROR);
  /* The last case ran: its status is its own, whatever it was. */
  g_assert_cmpint (result_named (run.results, "after")->status, !=, VIVA_CASE_NOT_RUN);
}

/* --- Comparisons ----------------------------------------------------------- */

static void
add_case (GPtrArray  *cases,
          const char *call,
          const char *expected,
          gboolean    unordered)
{
  VivaCodeCase *test_case = viva_code_case_new (call, call);

  test_case->expected = g_strdup (expected);
  test_case->unordered = unordered;
  g_ptr_array_add (cases, test_case);
}

static void
test_compare (void)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_code_case_free);
  g_auto(DriverRun) run = { NULL, };
  struct { const char *call; const char *expected; gboolean unordered; VivaCaseStatus status; } checks[] = {
    { "1", "True", FALSE, VIVA_CASE_FAILED },           /* a bool is not a number */
    { "True", "1", FALSE, VIVA_CASE_FAILED },
    { "True", "True", FALSE, VIVA_CASE_PASSED },
    { "0.1 + 0.2", "0.3", FALSE, VIVA_CASE_PASSED },     /* floats within 1e-9 */
    { "0.3001", "0.3", FALSE, VIVA_CASE_FAILED },
    { "2.0", "2", FALSE, VIVA_CASE_PASSED },
    { "[1, 0.1 + 0.2]", "[1, 0.3]", FALSE, VIVA_CASE_PASSED },
    { "(1, 2)", "[1, 2]", FALSE, VIVA_CASE_FAILED },     /* a tuple is not a list */
    { "[2, 1]", "[1, 2]", FALSE, VIVA_CASE_FAILED },
    { "[2, 1]", "[1, 2]", TRUE, VIVA_CASE_PASSED },
    { "(2, 1)", "[1, 2]", TRUE, VIVA_CASE_PASSED },
    { "[2, 2, 1]", "[1, 2]", TRUE, VIVA_CASE_FAILED },
    { "[1, 1, 2]", "[1, 2, 2]", TRUE, VIVA_CASE_FAILED },
    { "{'a': 1, 'b': 2}", "{'b': 2, 'a': 1}", FALSE, VIVA_CASE_PASSED },
    { "{'a': True}", "{'a': 1}", FALSE, VIVA_CASE_FAILED },
    { "None", "None", FALSE, VIVA_CASE_PASSED },
    { "'é🙂'", "'é🙂'", FALSE, VIVA_CASE_PASSED },
    { "-5", "-5", FALSE, VIVA_CASE_PASSED },
    { "{1, 2}", "{2, 1}", FALSE, VIVA_CASE_PASSED },
    { "float('nan')", "float('nan')", FALSE, VIVA_CASE_ERROR },  /* not a literal */
  };

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    add_case (cases, checks[i].call, checks[i].expected, checks[i].unordered);

  run_driver (NULL, cases, "", 0, &run);

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      const VivaCaseResult *result = g_ptr_array_index (run.results->cases, i);

      g_test_message ("%s == %s%s", checks[i].call, checks[i].expected,
                      checks[i].unordered ? " (unordered)" : "");
      g_assert_cmpint (result->status, ==, checks[i].status);
    }
}

/* A "raises" case passes on the named exception or a subclass of it. */
static void
test_compare_raises (void)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_code_case_free);
  g_auto(DriverRun) run = { NULL, };
  VivaCodeCase *test_case;

  test_case = viva_code_case_new ("subclass", "[][1]");
  test_case->raises = g_strdup ("LookupError");
  g_ptr_array_add (cases, test_case);
  test_case = viva_code_case_new ("other", "{}['x']");
  test_case->raises = g_strdup ("IndexError");
  g_ptr_array_add (cases, test_case);
  test_case = viva_code_case_new ("nothing raised", "1");
  test_case->raises = g_strdup ("ValueError");
  g_ptr_array_add (cases, test_case);

  run_driver (NULL, cases, "", 0, &run);

  g_assert_cmpint (((VivaCaseResult *) g_ptr_array_index (run.results->cases, 0))->status, ==, VIVA_CASE_PASSED);
  g_assert_cmpint (((VivaCaseResult *) g_ptr_array_index (run.results->cases, 1))->status, ==, VIVA_CASE_ERROR);
  g_assert_nonnull (strstr (((VivaCaseResult *) g_ptr_array_index (run.results->cases, 1))->error, "KeyError"));
  g_assert_cmpint (((VivaCaseResult *) g_ptr_array_index (run.results->cases, 2))->status, ==, VIVA_CASE_FAILED);
  g_assert_cmpstr (((VivaCaseResult *) g_ptr_array_index (run.results->cases, 2))->actual, ==, "1");
}

/* --- Reading challenges.json ----------------------------------------------- */

static void
assert_set_refused (const char *json,
                    gint        code,
                    const char *fragment)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaChallengeSet) set = viva_challenge_set_new_from_bytes (bytes, &error);

  if (set != NULL)
    g_error ("accepted: %.200s", json);
  g_assert_error (error, VIVA_CHALLENGE_ERROR, code);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not say “%s”", error->message, fragment);
}

#define CHALLENGE(...) "{\"version\": 1, \"challenges\": [" __VA_ARGS__ "]}"
#define GOOD "{\"question\": 7, \"entry\": \"f\", \"starter\": \"def f():\\n    ...\\n\", \"cases\": [" \
             "{\"name\": \"one\", \"call\": \"f()\", \"expected\": \"1\"}]}"

static void
test_load_good (void)
{
  const char *json = CHALLENGE (GOOD ", {\"question\": 8, \"entry\": \"g\", \"more-entries\": [\"h\"],"
                                "\"starter\": \"\", \"prelude\": \"x = 1\", \"unknown\": 3, \"cases\": ["
                                "{\"name\": \"n\", \"call\": \"g()\", \"raises\": \"ValueError\", \"unordered\": true},"
                                "{\"name\": \"o\", \"call\": \"h()\", \"output\": \"é\\n\"}]}");
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaChallengeSet) set = viva_challenge_set_new_from_bytes (bytes, &error);
  VivaChallenge *challenge;
  const VivaCodeCase *test_case;

  g_assert_no_error (error);
  g_assert_cmpuint (viva_challenge_set_get_n_challenges (set), ==, 2);
  challenge = viva_challenge_set_lookup (set, 8);
  g_assert_cmpstr (viva_challenge_get_entry (challenge), ==, "g");
  g_assert_cmpstrv (viva_challenge_get_entries (challenge), ((const char *[]) { "g", "h", NULL }));
  g_assert_cmpstr (viva_challenge_get_prelude (challenge), ==, "x = 1");
  test_case = viva_challenge_get_case (challenge, 0);
  g_assert_cmpstr (test_case->raises, ==, "ValueError");
  g_assert_null (test_case->expected);
  g_assert_true (test_case->unordered);
  test_case = viva_challenge_get_case (challenge, 1);
  g_assert_cmpstr (test_case->output, ==, "é\n");
  g_assert_cmpstr (viva_challenge_get_prelude (viva_challenge_set_lookup (set, 7)), ==, "");
}

static void
test_load_damaged (void)
{
  g_autofree char *deep = NULL;
  GString *nested = g_string_new ("{\"version\": 1, \"challenges\": ");

  assert_set_refused ("", VIVA_CHALLENGE_ERROR_INVALID, "empty");
  assert_set_refused ("not json", VIVA_CHALLENGE_ERROR_INVALID, "damaged");
  assert_set_refused ("[]", VIVA_CHALLENGE_ERROR_INVALID, "object");
  assert_set_refused ("{\"version\": 2, \"challenges\": []}", VIVA_CHALLENGE_ERROR_FUTURE_VERSION, "newer Viva");
  assert_set_refused ("{\"version\": 99999999999999999999999, \"challenges\": []}",
                      VIVA_CHALLENGE_ERROR_FUTURE_VERSION, "newer Viva");
  assert_set_refused ("{\"version\": 0, \"challenges\": []}", VIVA_CHALLENGE_ERROR_INVALID, "version");
  assert_set_refused ("{\"version\": \"1\", \"challenges\": []}", VIVA_CHALLENGE_ERROR_INVALID, "version");
  assert_set_refused ("{\"challenges\": []}", VIVA_CHALLENGE_ERROR_INVALID, "version");
  assert_set_refused ("{\"version\": 1}", VIVA_CHALLENGE_ERROR_INVALID, "“challenges”");
  assert_set_refused ("{\"version\": 1, \"challenges\": {}}", VIVA_CHALLENGE_ERROR_INVALID, "“challenges”");
  assert_set_refused (CHALLENGE ("3"), VIVA_CHALLENGE_ERROR_INVALID, "challenge 1 is not an object");
  assert_set_refused (CHALLENGE (GOOD "," GOOD), VIVA_CHALLENGE_ERROR_INVALID, "question 7 has tests already");
  assert_set_refused (CHALLENGE ("{\"question\": 0, \"entry\": \"f\", \"starter\": \"\", \"cases\": []}"),
                      VIVA_CHALLENGE_ERROR_INVALID, "“question”");
  assert_set_refused (CHALLENGE ("{\"question\": 4294967296, \"entry\": \"f\", \"starter\": \"\", \"cases\": []}"),
                      VIVA_CHALLENGE_ERROR_INVALID, "“question”");
  assert_set_refused (CHALLENGE ("{\"question\": 1, \"entry\": \"f()\", \"starter\": \"\", \"cases\": []}"),
                      VIVA_CHALLENGE_ERROR_INVALID, "“entry” is not a Python name");
  assert_set_refused (CHALLENGE ("{\"question\": 1, \"entry\": \"1f\", \"starter\": \"\", \"cases\": []}"),
                      VIVA_CHALLENGE_ERROR_INVALID, "“entry” is not a Python name");
  assert_set_refused (CHALLENGE ("{\"question\": 1, \"entry\": \"f\", \"cases\": []}"),
                      VIVA_CHALLENGE_ERROR_INVALID, "“starter” is missing");
  assert_set_refused (CHALLENGE ("{\"question\": 1, \"entry\": \"f\", \"starter\": \"\", \"prelude\": null, \"cases\": []}"),
                      VIVA_CHALLENGE_ERROR_INVALID, "“prelude”");
  assert_set_refused (CHALLENGE ("{\"question\": 1, \"entry\": \"f\", \"starter\": \"\", \"more-entries\": [\"a b\"], \"cases\": []}"),
                      VIVA_CHALLENGE_ERROR_INVALID, "“more-entries”");
  assert_set_refused (CHALLENGE ("{\"question\": 1, \"entry\": \"f\", \"starter\": \"\", \"more-entries\": \"g\", \"cases\": []}"),
                      VIVA_CHALLENGE_ERROR_INVALID, "“more-entries”");
  assert_set_refused (CHALLENGE ("{\"question\": 1, \"entry\": \"f\", \"starter\": \"\"}"),
                      VIVA_CHALLENGE_ERROR_INVALID, "“cases”");
  assert_set_refused (CHALLENGE ("{\"question\": 1, \"entry\": \"f\", \"starter\": \"\", \"cases\": [[]]}"),
                      VIVA_CHALLENGE_ERROR_INVALID, "case 1 is not an object");
  assert_set_refused (CHALLENGE ("{\"question\": 1, \"entry\": \"f\", \"starter\": \"\", \"cases\": [{\"name\": \"n\"}]}"),
                      VIVA_CHALLENGE_ERROR_INVALID, "challenge 1: case 1: “call” is missing");
  assert_set_refused (CHALLENGE ("{\"question\": 1, \"entry\": \"f\", \"starter\": \"\", \"cases\": [{\"name\": \"\", \"call\": \"f()\"}]}"),
                      VIVA_CHALLENGE_ERROR_INVALID, "“name” is empty");
  assert_set_refused (CHALLENGE ("{\"question\": 1, \"entry\": \"f\", \"starter\": \"\", \"cases\": [{\"name\": \"n\", \"call\": \"f()\", \"expected\": 1}]}"),
                      VIVA_CHALLENGE_ERROR_INVALID, "“expected” is not a string");
  assert_set_refused (CHALLENGE ("{\"question\": 1, \"entry\": \"f\", \"starter\": \"\", \"cases\": [{\"name\": \"n\", \"call\": \"f()\", \"raises\": \"Value Error\"}]}"),
                      VIVA_CHALLENGE_ERROR_INVALID, "“raises”");
  assert_set_refused (CHALLENGE ("{\"question\": 1, \"entry\": \"f\", \"starter\": \"\", \"cases\": [{\"name\": \"n\", \"call\": \"f()\", \"unordered\": \"yes\"}]}"),
                      VIVA_CHALLENGE_ERROR_INVALID, "“unordered”");
  assert_set_refused (CHALLENGE ("{\"question\": 1, \"entry\": \"f\", \"starter\": \"\", \"cases\": [{\"name\": \"n\", \"call\": \"f(\\u0000)\"}]}"),
                      VIVA_CHALLENGE_ERROR_INVALID, "\\u0000");
  assert_set_refused (CHALLENGE (GOOD) "x", VIVA_CHALLENGE_ERROR_INVALID, "more data");
  assert_set_refused ("{\"version\": 1, \"version\": 1, \"challenges\": []}", VIVA_CHALLENGE_ERROR_INVALID, "twice");

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (nested, '[');
  deep = g_string_free (nested, FALSE);
  assert_set_refused (deep, VIVA_CHALLENGE_ERROR_TOO_DEEP, "nest");
}

static void
test_load_limits (void)
{
  GString *json = g_string_new ("{\"version\": 1, \"challenges\": [{\"question\": 1, \"entry\": \"f\", "
                                "\"starter\": \"\", \"cases\": [");
  g_autofree char *text = NULL;

  for (guint i = 0; i < 101; i++)
    g_string_append_printf (json, "%s{\"name\": \"n\", \"call\": \"f()\"}", i > 0 ? ", " : "");
  g_string_append (json, "]}]}");
  text = g_string_free (json, FALSE);
  assert_set_refused (text, VIVA_CHALLENGE_ERROR_INVALID, "more than 100 cases");
}

/* --- cases.json ------------------------------------------------------------ */

static void
test_cases_json (void)
{
  g_autoptr(VivaChallengeSet) set = load_bundled ();
  VivaChallenge *challenge = lookup (set, 969);
  g_autoptr(GPtrArray) own = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_code_case_free);
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  VivaCodeCase *test_case;
  JsonObject *root;
  JsonArray *array;

  test_case = viva_code_case_new ("mine \x1f", "inorder_traversal(None)\n");
  test_case->output = g_strdup ("");
  test_case->unordered = TRUE;
  g_ptr_array_add (own, test_case);
  cases = viva_challenge_collect_cases (challenge, own);
  bytes = viva_challenge_build_cases_json (challenge, cases, 2500);

  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "case-time-limit-ms"), ==, 2500);
  g_assert_cmpstr (json_object_get_string_member (root, "prelude"), ==, viva_challenge_get_prelude (challenge));
  array = json_object_get_array_member (root, "entries");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (array, 0), ==, "inorder_traversal");

  /* Each case reads back as it was written. */
  array = json_object_get_array_member (root, "cases");
  g_assert_cmpuint (json_array_get_length (array), ==, cases->len);
  for (guint i = 0; i < cases->len; i++)
    {
      const VivaCodeCase *sent = g_ptr_array_index (cases, i);
      g_autoptr(VivaCodeCase) back = NULL;

      back = viva_code_case_new_from_json (json_array_get_element (array, i), VIVA_CODE_CASE_SHIPPED,
                                           VIVA_CHALLENGE_ERROR, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (back->name, ==, sent->name);
      g_assert_cmpstr (back->call, ==, sent->call);
      g_assert_cmpstr (back->expected, ==, sent->expected);
      g_assert_cmpstr (back->raises, ==, sent->raises);
      g_assert_cmpstr (back->output, ==, sent->output);
      g_assert_cmpint (back->unordered, ==, sent->unordered);
    }
  /* The user's own come last; U+001F is escaped, as Python's json
   * requires. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, cases->len - 1), "name"),
                   ==, "mine \x1f");
  g_assert_null (memchr (g_bytes_get_data (bytes, NULL), 0x1f, g_bytes_get_size (bytes)));

  /* Without a challenge: the user's own cases alone, no names required. */
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = viva_challenge_build_cases_json (NULL, own, 0);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "entries")), ==, 0);
  g_assert_false (json_object_has_member (root, "case-time-limit-ms"));

  /* A case whose text is not UTF-8 gives no document. */
  test_case = viva_code_case_new ("bad", "f('\xff')");
  g_ptr_array_add (own, test_case);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = viva_challenge_build_cases_json (NULL, own, 0);
  g_assert_null (bytes);
}

static void
test_cases_limit (void)
{
  g_autoptr(GPtrArray) own = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_code_case_free);
  g_autoptr(GPtrArray) cases = NULL;

  for (guint i = 0; i < VIVA_CHALLENGE_MAX_CASES + 10; i++)
    g_ptr_array_add (own, viva_code_case_new ("n", "1"));
  cases = viva_challenge_collect_cases (NULL, own);
  g_assert_cmpuint (cases->len, ==, VIVA_CHALLENGE_MAX_CASES);
}

/* --- Reading results ------------------------------------------------------- */

static GPtrArray *
three_cases (void)
{
  GPtrArray *cases = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_code_case_free);

  g_ptr_array_add (cases, viva_code_case_new ("a", "f(1)"));
  g_ptr_array_add (cases, viva_code_case_new ("b", "f(2)"));
  g_ptr_array_add (cases, viva_code_case_new ("c", "f(3)"));

  return cases;
}

#define RESULTS_HEADER "{\"version\": 1, \"load_error\": null, \"cases\": [\n"
#define RESULT_0 "{\"index\": 0, \"passed\": true, \"actual\": \"1\", \"stdout\": \"hi\\n\", \"error\": null}"
#define RESULT_1 "{\"index\": 1, \"passed\": false, \"actual\": \"2\", \"stdout\": \"\", \"error\": null}"
#define RESULT_2 "{\"index\": 2, \"passed\": false, \"actual\": null, \"stdout\": \"\", \"error\": \"Traceback\"}"

static VivaChallengeResults *
parse (const char  *text,
       GError     **error)
{
  g_autoptr(GPtrArray) cases = three_cases ();

  return viva_challenge_results_parse (text, strlen (text), cases, error);
}

static void
test_results_good (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaChallengeResults) results = parse (RESULTS_HEADER RESULT_2 ",\n" RESULT_0 ",\n" RESULT_1 "\n]}\n", &error);
  const VivaCaseResult *result;

  g_assert_no_error (error);
  g_assert_true (results->complete);
  g_assert_null (results->load_error);
  result = g_ptr_array_index (results->cases, 0);
  g_assert_cmpint (result->status, ==, VIVA_CASE_PASSED);
  g_assert_cmpstr (result->test_case->call, ==, "f(1)");
  g_assert_cmpstr (result->actual, ==, "1");
  g_assert_cmpstr (result->output, ==, "hi\n");
  result = g_ptr_array_index (results->cases, 1);
  g_assert_cmpint (result->status, ==, VIVA_CASE_FAILED);
  result = g_ptr_array_index (results->cases, 2);
  g_assert_cmpint (result->status, ==, VIVA_CASE_ERROR);
  g_assert_cmpstr (result->error, ==, "Traceback");
  g_assert_null (result->actual);

  g_clear_pointer (&results, viva_challenge_results_free);
  results = parse ("{\"version\": 1, \"load_error\": \"SyntaxError\", \"cases\": [\n]}\n", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (results->load_error, ==, "SyntaxError");
  g_assert_cmpuint (viva_challenge_results_count (results, VIVA_CASE_NOT_RUN), ==, 3);
}

/* A page keeps a copy of the last results (the code pad's signal hands
 * out copies): every case and every field is its own. */
static void
test_results_copy (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaChallengeResults) results = parse (RESULTS_HEADER RESULT_2 ",\n" RESULT_0 ",\n" RESULT_1 "\n]}\n", &error);
  g_autoptr(VivaChallengeResults) copy = NULL;
  GValue value = G_VALUE_INIT;

  g_assert_no_error (error);
  g_value_init (&value, VIVA_TYPE_CHALLENGE_RESULTS);
  g_value_set_boxed (&value, results);
  copy = g_value_dup_boxed (&value);
  g_value_unset (&value);
  g_clear_pointer (&results, viva_challenge_results_free);

  g_assert_true (copy->complete);
  g_assert_null (copy->load_error);
  g_assert_cmpuint (copy->cases->len, ==, 3);
  for (guint i = 0; i < copy->cases->len; i++)
    {
      const VivaCaseResult *result = g_ptr_array_index (copy->cases, i);
      static const VivaCaseStatus statuses[] = { VIVA_CASE_PASSED, VIVA_CASE_FAILED, VIVA_CASE_ERROR };

      g_assert_cmpint (result->status, ==, statuses[i]);
      g_assert_nonnull (result->test_case);
    }
  g_assert_cmpstr (((VivaCaseResult *) g_ptr_array_index (copy->cases, 0))->test_case->call, ==, "f(1)");
  g_assert_cmpstr (((VivaCaseResult *) g_ptr_array_index (copy->cases, 0))->actual, ==, "1");
  g_assert_cmpstr (((VivaCaseResult *) g_ptr_array_index (copy->cases, 0))->output, ==, "hi\n");
  g_assert_cmpstr (((VivaCaseResult *) g_ptr_array_index (copy->cases, 2))->error, ==, "Traceback");
}

/* The driver names a problem; Viva words it, and keeps the driver's
 * text for a problem it does not know. */
static void
test_results_problems (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaChallengeResults) results = NULL;

  results = parse (RESULTS_HEADER
                   "{\"index\": 0, \"passed\": false, \"actual\": null, \"stdout\": \"\", \"error\": \"x\", "
                   "\"problem\": {\"kind\": \"signal\", \"signal\": \"SIGSEGV\"}},\n"
                   "{\"index\": 1, \"passed\": false, \"actual\": null, \"stdout\": \"\", \"error\": \"driver's words\", "
                   "\"problem\": {\"kind\": \"from-the-future\"}},\n"
                   "{\"index\": 2, \"passed\": false, \"actual\": null, \"stdout\": \"\", \"error\": null, "
                   "\"problem\": {\"kind\": \"signal\", \"signal\": \"not a name; rm -rf\"}}\n"
                   "]}\n", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((VivaCaseResult *) g_ptr_array_index (results->cases, 0))->error, ==,
                   "The process running the case was killed by SIGSEGV.");
  g_assert_cmpstr (((VivaCaseResult *) g_ptr_array_index (results->cases, 1))->error, ==, "driver's words");
  g_assert_cmpstr (((VivaCaseResult *) g_ptr_array_index (results->cases, 2))->error, ==,
                   "The process running the case was killed by ?.");
  g_assert_cmpint (((VivaCaseResult *) g_ptr_array_index (results->cases, 2))->status, ==, VIVA_CASE_ERROR);

  g_clear_pointer (&results, viva_challenge_results_free);
  results = parse ("{\"version\": 1, \"load_error\": \"Loading did not finish\", "
                   "\"load_problem\": {\"kind\": \"time-limit\", \"limit-ms\": 10000}, \"cases\": [\n]}\n", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (results->load_error, ==, "Loading your code did not finish within the time limit of 10 seconds.");

  g_clear_pointer (&results, viva_challenge_results_free);
  results = parse ("{\"version\": 1, \"load_error\": null, "
                   "\"load_problem\": {\"kind\": \"missing\", \"names\": [\"f\", 3, \"g h\", \"k\"]}, \"cases\": [\n]}\n", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (results->load_error, ==, "Your code does not define f, k, which the tests call.");
}

/* The time limit or Stop cut the document: the finished cases show. */
static void
test_results_cut (void)
{
  const char *cuts[] = {
    RESULTS_HEADER RESULT_0 ",\n" RESULT_1 ",\n{\"index\": 2, \"pas",
    RESULTS_HEADER RESULT_0 ",\n" RESULT_1 ",\n",
    RESULTS_HEADER RESULT_0 ",\n" RESULT_1 ",",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VivaChallengeResults) results = parse (cuts[i], &error);

      g_assert_no_error (error);
      g_assert_false (results->complete);
      g_assert_cmpint (((VivaCaseResult *) g_ptr_array_index (results->cases, 0))->status, ==, VIVA_CASE_PASSED);
      g_assert_cmpuint (viva_challenge_results_count (results, VIVA_CASE_NOT_RUN), ==, i == 2 ? 2 : 1);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(VivaChallengeResults) results = parse (RESULTS_HEADER, &error);

    g_assert_no_error (error);
    g_assert_false (results->complete);
    g_assert_cmpuint (viva_challenge_results_count (results, VIVA_CASE_NOT_RUN), ==, 3);
  }
}

static void
assert_results_refused (const char *text,
                        const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaChallengeResults) results = parse (text, &error);

  if (results != NULL)
    g_error ("accepted: %.200s", text);
  g_assert_nonnull (error);
  g_assert_true (error->domain == VIVA_CHALLENGE_ERROR);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not say “%s”", error->message, fragment);
}

static void
test_results_damaged (void)
{
  assert_results_refused ("", "no results");
  assert_results_refused ("garbage", "cannot be read");
  assert_results_refused ("\xff\xfe\x00", "cannot be read");
  assert_results_refused ("{\"version\": 2, \"load_error\": null, \"cases\": []}", "version 2");
  assert_results_refused ("{\"load_error\": null, \"cases\": []}", "“version”");
  assert_results_refused ("{\"version\": 1, \"load_error\": 3, \"cases\": []}", "“load_error”");
  assert_results_refused ("{\"version\": 1, \"load_error\": null}", "“cases”");
  assert_results_refused (RESULTS_HEADER RESULT_0 ",\n" RESULT_0 "\n]}", "two results");
  assert_results_refused (RESULTS_HEADER "{\"index\": 3, \"passed\": true, \"actual\": null, \"stdout\": \"\", \"error\": null}\n]}",
                          "“index”");
  assert_results_refused (RESULTS_HEADER "{\"index\": -1, \"passed\": true, \"actual\": null, \"stdout\": \"\", \"error\": null}\n]}",
                          "“index”");
  assert_results_refused (RESULTS_HEADER "{\"index\": 0, \"passed\": 1, \"actual\": null, \"stdout\": \"\", \"error\": null}\n]}",
                          "“passed”");
  assert_results_refused (RESULTS_HEADER "{\"index\": 0, \"passed\": true, \"actual\": null, \"error\": null}\n]}",
                          "“stdout”");
  assert_results_refused (RESULTS_HEADER "3\n]}", "not an object");
  assert_results_refused (RESULTS_HEADER RESULT_0 ",\n" RESULT_1 ",\n" RESULT_2 ",\n" RESULT_2 "\n]}", "more results");
  assert_results_refused ("{\"version\": 1, \"load_error\": \"a\\u0000b\", \"cases\": []}", "cannot be read");
}

/* Random damage to a good document: never a crash, a critical or a
 * result of the wrong length; either an error or one result per case.
 * The fuzz target (tests/fuzz/fuzz-challenge-results.c) does the same
 * guided by coverage. */
static void
test_results_random (void)
{
  const char *good = RESULTS_HEADER RESULT_0 ",\n" RESULT_1 ",\n" RESULT_2 "\n]}\n";
  const char alphabet[] = "{}[]\",:\\\n 0123456789-truefalsnul\xff\xc3\xa9";
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261206);
  g_autoptr(GPtrArray) cases = three_cases ();
  guint parsed = 0;

  for (guint i = 0; i < 20000; i++)
    {
      g_autoptr(GString) text = g_string_new (good);
      g_autoptr(GError) error = NULL;
      g_autoptr(VivaChallengeResults) results = NULL;
      guint n_edits = g_rand_int_range (rand, 1, 4);

      for (guint e = 0; e < n_edits; e++)
        {
          guint at = g_rand_int_range (rand, 0, text->len + 1);

          switch (g_rand_int_range (rand, 0, 4))
            {
            case 0:
              g_string_truncate (text, at);
              break;
            case 1:
              {
                gsize erase = g_rand_int_range (rand, 1, 8);

                if (at < text->len)
                  g_string_erase (text, at, MIN (text->len - at, erase));
              }
              break;
            case 2:
              g_string_insert_c (text, at, alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)]);
              break;
            default:
              if (at < text->len)
                text->str[at] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
              break;
            }
        }

      results = viva_challenge_results_parse (text->str, text->len, cases, &error);
      if (results != NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (results->cases->len, ==, cases->len);
          for (guint c = 0; c < results->cases->len; c++)
            {
              const VivaCaseResult *result = g_ptr_array_index (results->cases, c);

              g_assert_nonnull (result->output);
              g_assert_true (g_utf8_validate (result->output, -1, NULL));
              g_assert_true (result->actual == NULL || g_utf8_validate (result->actual, -1, NULL));
            }
          parsed++;
        }
      else
        {
          g_assert_nonnull (error);
        }
    }

  /* The damage is not all fatal: the test exercises both paths. */
  g_test_message ("%u of 20000 damaged documents read", parsed);
  g_assert_cmpuint (parsed, >, 100);
  g_assert_cmpuint (parsed, <, 19900);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/challenge/bundled/cover-the-bank", test_bundled_cover_the_bank);
  g_test_add_func ("/challenge/bundled/shape", test_bundled_shape);
  g_test_add_func ("/challenge/load/good", test_load_good);
  g_test_add_func ("/challenge/load/damaged", test_load_damaged);
  g_test_add_func ("/challenge/load/limits", test_load_limits);
  g_test_add_func ("/challenge/cases/json", test_cases_json);
  g_test_add_func ("/challenge/cases/limit", test_cases_limit);
  g_test_add_func ("/challenge/results/good", test_results_good);
  g_test_add_func ("/challenge/results/cut", test_results_cut);
  g_test_add_func ("/challenge/results/problems", test_results_problems);
  g_test_add_func ("/challenge/results/damaged", test_results_damaged);
  g_test_add_func ("/challenge/results/random", test_results_random);

  /* These run the driver with Debian's python3, which build-aux/setup
   * installs: without it they fail, since CI must not pass without
   * checking the expected values. */
  g_test_add_func ("/challenge/bundled/references", test_bundled_references);
  g_test_add_func ("/challenge/bundled/starters", test_bundled_starters);
  g_test_add_func ("/challenge/solution/wrong", test_solution_wrong);
  g_test_add_func ("/challenge/solution/raises", test_solution_raises);
  g_test_add_func ("/challenge/solution/missing-entry", test_solution_missing_entry);
  g_test_add_func ("/challenge/solution/syntax-error", test_solution_syntax_error);
  g_test_add_func ("/challenge/solution/state", test_solution_state);
  g_test_add_func ("/challenge/solution/output", test_solution_output);
  g_test_add_func ("/challenge/solution/own-cases", test_solution_own_cases);
  g_test_add_func ("/challenge/solution/hostile", test_solution_hostile);
  g_test_add_func ("/challenge/solution/time-limit", test_solution_time_limit);
  g_test_add_func ("/challenge/discover/found", test_discover_found);
  g_test_add_func ("/challenge/discover/assert-fails", test_discover_assert_fails);
  g_test_add_func ("/challenge/discover/none", test_discover_none);
  g_test_add_func ("/challenge/discover/count", test_discover_count);
  g_test_add_func ("/challenge/results/copy", test_results_copy);
  g_test_add_func ("/challenge/compare/values", test_compare);
  g_test_add_func ("/challenge/compare/raises", test_compare_raises);

  return g_test_run ();
}
