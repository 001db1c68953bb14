/* test-challenge-results.c
 *
 * A test run's results as words and as a file: the summary line, the
 * Markdown of a report (read back with md4c, the parser the app uses,
 * so that what the code printed or the user typed provably cannot end
 * a fence, start a heading or add a list item), and the JSON the
 * session file keeps (a round trip, then damaged and hostile documents
 * that give an error and never a crash).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <md4c.h>

#include "viva-challenge.h"
#include "viva-data-file.h"

/* --- Building results ------------------------------------------------------ */

/* Empty results, complete: the cases are added below. */
static VivaChallengeResults *
results_new (void)
{
  g_autoptr(GPtrArray) cases = viva_code_cases_new ();
  VivaChallengeResults *results = viva_challenge_results_new_not_run (cases);

  results->complete = TRUE;

  return results;
}

static VivaCaseResult *
add_result (VivaChallengeResults *results,
            VivaCodeCase         *test_case,
            VivaCaseStatus        status,
            const char           *actual,
            const char           *output,
            const char           *error)
{
  VivaCaseResult *result = g_new0 (VivaCaseResult, 1);

  result->test_case = test_case;
  result->status = status;
  result->actual = g_strdup (actual);
  result->output = g_strdup (output != NULL ? output : "");
  result->error = g_strdup (error);
  g_ptr_array_add (results->cases, result);

  return result;
}

static VivaCodeCase *
expecting (const char *name,
           const char *call,
           const char *expected)
{
  return viva_code_case_new_with_check (name, call, VIVA_CODE_CASE_EXPECTED, expected);
}

static VivaChallengeResults *
five_results (void)
{
  VivaChallengeResults *results = results_new ();

  add_result (results, expecting ("empty string", "is_palindrome('')", "True"),
              VIVA_CASE_PASSED, "True", NULL, NULL);
  add_result (results, expecting ("two words", "rev('a b')", "'b a'"),
              VIVA_CASE_FAILED, "'a b'", "checking a b\n", NULL);
  add_result (results, viva_code_case_new_with_check ("raises", "f(None)", VIVA_CODE_CASE_RAISES, "TypeError"),
              VIVA_CASE_ERROR, NULL, NULL,
              "Traceback (most recent call last):\n  File \"case 3\", line 1\nNameError: name 'f' is not defined\n");
  add_result (results, viva_code_case_new ("test_rev", "test_rev()"),
              VIVA_CASE_PASSED, "None", "  no newline", NULL);
  add_result (results, viva_code_case_new_with_check ("", "print(1)", VIVA_CODE_CASE_OUTPUT, "1\n"),
              VIVA_CASE_PASSED, "None", "1\n", NULL);

  return results;
}

/* --- The summary ----------------------------------------------------------- */

static void
assert_summary (VivaChallengeResults *results,
                const char           *expected)
{
  g_autofree char *summary = viva_challenge_results_dup_summary (results);

  g_assert_cmpstr (summary, ==, expected);
}

static void
set_status (VivaChallengeResults *results,
            guint                 index,
            VivaCaseStatus        status)
{
  ((VivaCaseResult *) g_ptr_array_index (results->cases, index))->status = status;
}

static void
test_summary (void)
{
  g_autoptr(VivaChallengeResults) results = five_results ();
  g_autoptr(VivaChallengeResults) one = results_new ();
  g_autoptr(VivaChallengeResults) none = results_new ();

  assert_summary (results, "3 of 5 tests passed");

  set_status (results, 1, VIVA_CASE_PASSED);
  set_status (results, 2, VIVA_CASE_PASSED);
  assert_summary (results, "All 5 tests passed");

  /* Stopped: the cases that ended, of all. */
  set_status (results, 2, VIVA_CASE_NOT_RUN);
  set_status (results, 3, VIVA_CASE_NOT_RUN);
  set_status (results, 4, VIVA_CASE_NOT_RUN);
  results->complete = FALSE;
  assert_summary (results, "Stopped after 2 of 5 tests");
  set_status (results, 0, VIVA_CASE_NOT_RUN);
  set_status (results, 1, VIVA_CASE_NOT_RUN);
  assert_summary (results, "Stopped before any test ended");

  /* The code did not load: the exception's name, whatever the cases. */
  results->complete = TRUE;
  results->load_error = g_strdup ("Traceback (most recent call last):\n"
                                  "  File \"code.py\", line 1, in <module>\n"
                                  "    x\n"
                                  "NameError: name 'x' is not defined\n");
  assert_summary (results, "The code did not load: NameError");
  g_free (results->load_error);
  results->load_error = g_strdup ("Traceback (most recent call last):\n  File \"code.py\", line 3\n"
                                  "    assert 1 == 2\nAssertionError\n\n");
  assert_summary (results, "The code did not load: AssertionError");
  g_free (results->load_error);
  results->load_error = g_strdup ("  File \"code.py\", line 1\n    def (\n        ^\n"
                                  "SyntaxError: invalid syntax\n");
  assert_summary (results, "The code did not load: SyntaxError");
  g_free (results->load_error);
  results->load_error = g_strdup ("Traceback (most recent call last):\n  File \"code.py\", line 9\nmypkg.errors.BadThing: x\n");
  assert_summary (results, "The code did not load: mypkg.errors.BadThing");
  /* Viva's own words (the time limit), or anything else, are not
   * quoted: they follow the summary. */
  g_free (results->load_error);
  results->load_error = g_strdup ("Loading your code did not finish within the time limit of 1 second.\n");
  assert_summary (results, "The code did not load");
  g_free (results->load_error);
  results->load_error = g_strdup ("```\n# x\n");
  assert_summary (results, "The code did not load");
  /* A traceback cut in the middle names no exception. */
  g_free (results->load_error);
  results->load_error = g_strdup ("Traceback (most recent call last):\n  File \"code.py\", line 1\n… (cut)");
  assert_summary (results, "The code did not load");

  add_result (one, viva_code_case_new ("a", "a()"), VIVA_CASE_PASSED, NULL, NULL, NULL);
  assert_summary (one, "1 test passed");
  set_status (one, 0, VIVA_CASE_FAILED);
  assert_summary (one, "0 of 1 test passed");

  assert_summary (none, "No tests: write assert statements or test_ functions");
}

/* --- Markdown, read back by md4c ------------------------------------------ */

typedef struct
{
  guint      depth;         /* of lists */
  guint      n_headings;
  guint      n_top_items;   /* items of the outermost list */
  guint      n_tables;
  guint      n_html;
  guint      n_links;
  gboolean   in_code;
  GString   *code;          /* the current fenced block's text */
  GPtrArray *codes;         /* every fenced block's text */
  GString   *spans;         /* every code span's text, one a line */
  gboolean   in_span;
} Walk;

static int
enter_block (MD_BLOCKTYPE  type,
             void         *detail,
             void         *user_data)
{
  Walk *walk = user_data;

  switch ((int) type)
    {
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      walk->depth++;
      break;
    case MD_BLOCK_LI:
      if (walk->depth == 1)
        walk->n_top_items++;
      break;
    case MD_BLOCK_H:
      walk->n_headings++;
      break;
    case MD_BLOCK_TABLE:
      walk->n_tables++;
      break;
    case MD_BLOCK_HTML:
      walk->n_html++;
      break;
    case MD_BLOCK_CODE:
      walk->in_code = TRUE;
      walk->code = g_string_new (NULL);
      break;
    default:
      break;
    }

  return 0;
}

static int
leave_block (MD_BLOCKTYPE  type,
             void         *detail,
             void         *user_data)
{
  Walk *walk = user_data;

  if (type == MD_BLOCK_UL || type == MD_BLOCK_OL)
    walk->depth--;
  if (type == MD_BLOCK_CODE)
    {
      walk->in_code = FALSE;
      g_ptr_array_add (walk->codes, g_string_free (walk->code, FALSE));
      walk->code = NULL;
    }

  return 0;
}

static int
enter_span (MD_SPANTYPE  type,
            void        *detail,
            void        *user_data)
{
  Walk *walk = user_data;

  if (type == MD_SPAN_CODE)
    walk->in_span = TRUE;
  if (type == MD_SPAN_A || type == MD_SPAN_IMG)
    walk->n_links++;

  return 0;
}

static int
leave_span (MD_SPANTYPE  type,
            void        *detail,
            void        *user_data)
{
  Walk *walk = user_data;

  if (type == MD_SPAN_CODE)
    {
      walk->in_span = FALSE;
      g_string_append_c (walk->spans, '\n');
    }

  return 0;
}

static int
on_text (MD_TEXTTYPE   type,
         const MD_CHAR *text,
         MD_SIZE        size,
         void          *user_data)
{
  Walk *walk = user_data;

  if (type == MD_TEXT_HTML)
    walk->n_html++;
  if (walk->in_code)
    g_string_append_len (walk->code, text, size);
  else if (walk->in_span)
    g_string_append_len (walk->spans, text, size);

  return 0;
}

static void
walk_clear (Walk *walk)
{
  g_clear_pointer (&walk->codes, g_ptr_array_unref);
  if (walk->spans != NULL)
    g_string_free (walk->spans, TRUE);
  walk->spans = NULL;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Walk, walk_clear)

static void
walk_markdown (const char *markdown,
               Walk       *walk)
{
  const MD_PARSER parser = {
    .abi_version = 0,
    .flags = MD_DIALECT_GITHUB,
    .enter_block = enter_block,
    .leave_block = leave_block,
    .enter_span = enter_span,
    .leave_span = leave_span,
    .text = on_text,
  };

  memset (walk, 0, sizeof *walk);
  walk->codes = g_ptr_array_new_with_free_func (g_free);
  walk->spans = g_string_new ("\n");
  g_assert_cmpint (md_parse (markdown, strlen (markdown), &parser, walk), ==, 0);
}

static gboolean
has_code (Walk       *walk,
          const char *text)
{
  for (guint i = 0; i < walk->codes->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (walk->codes, i), text))
        return TRUE;
    }

  return FALSE;
}

static void
test_markdown (void)
{
  g_autoptr(VivaChallengeResults) results = five_results ();
  g_autofree char *markdown = viva_challenge_results_to_markdown (results);
  g_auto(Walk) walk = { 0, };

  g_test_message ("%s", markdown);
  g_assert_true (g_str_has_prefix (markdown, "**3 of 5 tests passed**\n\n- **Passed**: empty string\n"));
  g_assert_nonnull (strstr (markdown, "- **Failed**: two words\n"
                                      "  - Call: `rev('a b')`\n"
                                      "  - Expected: `'b a'`\n"
                                      "  - Got: `'a b'`\n"
                                      "  - Printed:\n"
                                      "    ```text\n"
                                      "    checking a b\n"
                                      "    ```\n"));
  g_assert_nonnull (strstr (markdown, "- **Error**: raises\n"
                                      "  - Call: `f(None)`\n"
                                      "  - Expected to raise: `TypeError`\n"));
  /* A test that only has to run shows no "None" when it passed; what
   * it printed is fenced, spaces kept, even on one line. */
  g_assert_nonnull (strstr (markdown, "- **Passed**: test\\_rev\n  - Call: `test_rev()`\n"
                                      "  - Printed:\n    ```text\n      no newline\n    ```\n- **Passed**\n"));

  walk_markdown (markdown, &walk);
  g_assert_cmpuint (walk.n_headings, ==, 0);
  g_assert_cmpuint (walk.n_top_items, ==, 5);
  g_assert_true (has_code (&walk, "checking a b\n"));
  g_assert_true (has_code (&walk, "  no newline\n"));
  g_assert_true (has_code (&walk, "1\n"));
  g_assert_true (has_code (&walk, "Traceback (most recent call last):\n  File \"case 3\", line 1\n"
                                  "NameError: name 'f' is not defined\n"));
}

/* What the code printed, what the user named a case and typed as its
 * call, and what the code's repr() gave: nothing of it changes the
 * report's structure, and every text reads back as it was. */
static void
test_markdown_hostile (void)
{
  g_autoptr(VivaChallengeResults) results = results_new ();
  g_autofree char *markdown = NULL;
  g_auto(Walk) walk = { 0, };
  const char *printed = "```\n# Not a heading\n````\n- not an item\n~~~\n<script>x</script>\n| a | b |\n|---|---|\n";
  const char *traceback = "Traceback\n```````````\n\n\n# still code\nError: `x`";
  const char *actual_line = "`` `tick` ``";
  const char *call = "f('''\n# heading?\n- item?\n''')";

  add_result (results, expecting ("# [link](http://x) <b>*bold*</b>\n- item | cell", call, "' spaced '"),
              VIVA_CASE_FAILED, actual_line, printed, traceback);
  add_result (results, expecting ("`", "g()", "1"), VIVA_CASE_ERROR, " a ", "\r\n# cr\r\n", "x\r# y");
  results->load_error = g_strdup ("```\n## load\n```");
  results->complete = FALSE;

  markdown = viva_challenge_results_to_markdown (results);
  g_test_message ("%s", markdown);

  walk_markdown (markdown, &walk);
  g_assert_cmpuint (walk.n_headings, ==, 0);
  g_assert_cmpuint (walk.n_top_items, ==, 2);
  g_assert_cmpuint (walk.n_tables, ==, 0);
  g_assert_cmpuint (walk.n_html, ==, 0);
  g_assert_cmpuint (walk.n_links, ==, 0);

  g_assert_true (has_code (&walk, printed));
  g_assert_true (has_code (&walk, "Traceback\n```````````\n\n\n# still code\nError: `x`\n"));
  g_assert_true (has_code (&walk, "f('''\n# heading?\n- item?\n''')\n"));
  g_assert_true (has_code (&walk, "```\n## load\n```\n"));
  g_assert_true (has_code (&walk, "\n# cr\n"));
  g_assert_true (has_code (&walk, "x\n# y\n"));
  /* One-line values in code spans read back whole. */
  g_assert_nonnull (strstr (walk.spans->str, "\n`` `tick` ``\n"));
  g_assert_nonnull (strstr (walk.spans->str, "\n' spaced '\n"));
  g_assert_nonnull (strstr (walk.spans->str, "\n a \n"));
}

/* --- JSON ------------------------------------------------------------------ */

static JsonNode *
to_json (VivaChallengeResults *results)
{
  VivaJsonWriter writer;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  viva_json_writer_init (&writer, 256);
  g_assert_true (viva_challenge_results_write (results, &writer));
  bytes = viva_json_writer_free_to_bytes (&writer);

  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static void
assert_results_equal (VivaChallengeResults *a,
                      VivaChallengeResults *b)
{
  g_assert_cmpstr (a->load_error, ==, b->load_error);
  g_assert_cmpint (a->complete, ==, b->complete);
  g_assert_cmpuint (a->cases->len, ==, b->cases->len);
  for (guint i = 0; i < a->cases->len; i++)
    {
      const VivaCaseResult *ra = g_ptr_array_index (a->cases, i);
      const VivaCaseResult *rb = g_ptr_array_index (b->cases, i);

      g_assert_true (viva_code_case_equal (ra->test_case, rb->test_case));
      g_assert_cmpint (ra->status, ==, rb->status);
      g_assert_cmpstr (ra->actual, ==, rb->actual);
      g_assert_cmpstr (ra->output, ==, rb->output);
      g_assert_cmpstr (ra->error, ==, rb->error);
    }
}

static void
test_json_round_trip (void)
{
  g_autoptr(VivaChallengeResults) results = five_results ();
  g_autoptr(VivaChallengeResults) none = results_new ();
  g_autoptr(GError) error = NULL;
  VivaCodeCase *test_case;

  /* Every status, unordered, a nameless case, text that JSON escapes. */
  test_case = expecting ("set", "sorted({2, 1})", "[1, 2]");
  test_case->unordered = TRUE;
  add_result (results, test_case, VIVA_CASE_NOT_RUN, NULL, NULL, NULL);
  add_result (results, viva_code_case_new ("quote \" \\ \t \x01 é 🐍", "x = '\\n'\nx"),
              VIVA_CASE_FAILED, "'\\n'", "\x1f\n", NULL);
  results->load_error = g_strdup ("not really");
  results->complete = FALSE;

  for (guint round = 0; round < 2; round++)
    {
      VivaChallengeResults *original = round == 0 ? results : none;
      g_autoptr(JsonNode) node = to_json (original);
      g_autoptr(VivaChallengeResults) back = viva_challenge_results_new_from_json (node, VIVA_CHALLENGE_ERROR,
                                                                                   &error);

      g_assert_no_error (error);
      g_assert_nonnull (back);
      assert_results_equal (original, back);
    }
}

static void
assert_refused (const char *json,
                const char *fragment)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaChallengeResults) results = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  results = viva_challenge_results_new_from_json (json_parser_get_root (parser), VIVA_CHALLENGE_ERROR, &error);
  if (results != NULL)
    g_error ("accepted: %.200s", json);
  g_assert_error (error, VIVA_CHALLENGE_ERROR, VIVA_CHALLENGE_ERROR_INVALID);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not say “%s”", error->message, fragment);
}

#define GOOD_CASE "{\"case\": {\"name\": \"a\", \"call\": \"f()\"}, \"status\": \"passed\", " \
                  "\"actual\": null, \"output\": \"\", \"error\": null}"

static void
test_json_damaged (void)
{
  g_autoptr(GString) many = g_string_new ("{\"load-error\": null, \"complete\": true, \"cases\": [");

  assert_refused ("[]", "not an object");
  assert_refused ("{\"complete\": true, \"cases\": []}", "“load-error”");
  assert_refused ("{\"load-error\": 3, \"complete\": true, \"cases\": []}", "“load-error”");
  assert_refused ("{\"load-error\": null, \"cases\": []}", "“complete”");
  assert_refused ("{\"load-error\": null, \"complete\": \"yes\", \"cases\": []}", "“complete”");
  assert_refused ("{\"load-error\": null, \"complete\": true}", "“cases”");
  assert_refused ("{\"load-error\": null, \"complete\": true, \"cases\": {}}", "“cases”");
  assert_refused ("{\"load-error\": null, \"complete\": true, \"cases\": [3]}", "not an object");
  assert_refused ("{\"load-error\": null, \"complete\": true, \"cases\": [{\"status\": \"passed\", "
                  "\"actual\": null, \"output\": \"\", \"error\": null}]}", "“case”");
  assert_refused ("{\"load-error\": null, \"complete\": true, \"cases\": [{\"case\": {\"name\": \"a\"}, "
                  "\"status\": \"passed\", \"actual\": null, \"output\": \"\", \"error\": null}]}", "“call”");
  assert_refused ("{\"load-error\": null, \"complete\": true, \"cases\": [{\"case\": {\"call\": \"f()\", "
                  "\"raises\": \"not a name\"}, \"status\": \"passed\", \"actual\": null, \"output\": \"\", "
                  "\"error\": null}]}", "“raises”");
  assert_refused ("{\"load-error\": null, \"complete\": true, \"cases\": [{\"case\": {\"call\": \"f()\"}, "
                  "\"status\": \"skipped\", \"actual\": null, \"output\": \"\", \"error\": null}]}", "“status”");
  assert_refused ("{\"load-error\": null, \"complete\": true, \"cases\": [{\"case\": {\"call\": \"f()\"}, "
                  "\"status\": 0, \"actual\": null, \"output\": \"\", \"error\": null}]}", "“status”");
  assert_refused ("{\"load-error\": null, \"complete\": true, \"cases\": [{\"case\": {\"call\": \"f()\"}, "
                  "\"status\": \"passed\", \"actual\": null, \"output\": null, \"error\": null}]}", "“output”");
  assert_refused ("{\"load-error\": null, \"complete\": true, \"cases\": [{\"case\": {\"call\": \"f()\"}, "
                  "\"status\": \"passed\", \"actual\": [], \"output\": \"\", \"error\": null}]}", "“actual”");
  assert_refused ("{\"load-error\": null, \"complete\": true, \"cases\": [{\"case\": {\"call\": \"f()\"}, "
                  "\"status\": \"passed\", \"actual\": null, \"output\": \"\"}]}", "“error”");

  for (guint i = 0; i <= VIVA_CHALLENGE_MAX_CASES; i++)
    g_string_append_printf (many, "%s" GOOD_CASE, i > 0 ? ", " : "");
  g_string_append (many, "]}");
  assert_refused (many->str, "too many");
}

/* Random damage to a good document, parsed by json-glib first as the
 * session file would be: an error or whole results, never a crash or a
 * critical (G_DEBUG=fatal-criticals in the test environment). */
static void
test_json_random (void)
{
  g_autoptr(VivaChallengeResults) results = five_results ();
  VivaJsonWriter writer;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  const char alphabet[] = "{}[]\",:\\ 0123456789-truefalsnul";
  guint read = 0;
  guint parsed = 0;

  viva_json_writer_init (&writer, 256);
  g_assert_true (viva_challenge_results_write (results, &writer));
  bytes = viva_json_writer_free_to_bytes (&writer);

  for (guint i = 0; i < 5000; i++)
    {
      g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(VivaChallengeResults) back = NULL;

      for (guint e = 0, n = g_rand_int_range (rand, 1, 4); e < n; e++)
        {
          guint at = g_rand_int_range (rand, 0, text->len);
          gsize erase = g_rand_int_range (rand, 1, 6);

          if (g_rand_boolean (rand))
            text->str[at] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
          else
            g_string_erase (text, at, MIN (text->len - at, erase));
        }

      if (!json_parser_load_from_data (parser, text->str, text->len, NULL) ||
          json_parser_get_root (parser) == NULL)
        continue;
      parsed++;

      back = viva_challenge_results_new_from_json (json_parser_get_root (parser), VIVA_CHALLENGE_ERROR, &error);
      if (back != NULL)
        {
          g_autofree char *summary = viva_challenge_results_dup_summary (back);
          g_autofree char *markdown = viva_challenge_results_to_markdown (back);

          g_assert_no_error (error);
          g_assert_cmpuint (back->cases->len, <=, VIVA_CHALLENGE_MAX_CASES);
          g_assert_nonnull (summary);
          g_assert_nonnull (markdown);
          read++;
        }
      else
        {
          g_assert_nonnull (error);
        }
    }

  g_test_message ("%u of %u damaged documents that parse were read", read, parsed);
  g_assert_cmpuint (read, >, 10);
  g_assert_cmpuint (read, <, parsed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/challenge-results/summary", test_summary);
  g_test_add_func ("/challenge-results/markdown", test_markdown);
  g_test_add_func ("/challenge-results/markdown-hostile", test_markdown_hostile);
  g_test_add_func ("/challenge-results/json/round-trip", test_json_round_trip);
  g_test_add_func ("/challenge-results/json/damaged", test_json_damaged);
  g_test_add_func ("/challenge-results/json/random", test_json_random);

  return g_test_run ();
}
