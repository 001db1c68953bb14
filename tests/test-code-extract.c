/* test-code-extract.c
 *
 * The scratchpad's first content, as a student meets it: question 42
 * becomes `s = "Programming"` and `s[1:4]`, and over the whole bundled
 * bank what is put in the scratchpad compiles, judged by Python's own
 * compile() (run here, in the test only; Viva runs no Python for it).
 * The classification is measured against the bank: every question with
 * code is found, every "what is the output" question gets code that
 * compiles, every coding challenge is a question to write code for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <unistd.h>

#include "viva-bank.h"
#include "viva-code-extract.h"
#include "viva-question.h"
#include "viva-resources.h"

/* Python's verdict on each snippet: compile(snippet, "<scratchpad>",
 * "exec"). NULL when there is no python3 to ask. */
static const char compile_script[] =
  "import json, sys, warnings\n"
  "warnings.simplefilter('ignore')\n"
  "ok = []\n"
  "for code in json.load(open(sys.argv[1], encoding='utf-8')):\n"
  "    try:\n"
  "        compile(code, '<scratchpad>', 'exec')\n"
  "        ok.append(True)\n"
  "    except (SyntaxError, ValueError):\n"
  "        ok.append(False)\n"
  "json.dump(ok, sys.stdout)\n";

static char *
find_python (void)
{
  if (g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    return g_strdup ("/usr/bin/python3");

  return g_find_program_in_path ("python3");
}

static gboolean *
python_compiles (GPtrArray *snippets)
{
  g_autofree char *python = find_python ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonArray *verdicts;
  gboolean *ok;
  int fd;
  int status = 0;

  if (python == NULL)
    return NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < snippets->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (snippets, i));
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);

  fd = g_file_open_tmp ("viva-code-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, json, -1, &error);
  g_assert_no_error (error);

  {
    const char *argv[] = { python, "-I", "-c", compile_script, path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  }
  g_assert_no_error (error);
  g_unlink (path);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("python3 failed: %s\n%s", error->message, err);

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  verdicts = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (verdicts), ==, snippets->len);

  ok = g_new0 (gboolean, snippets->len);
  for (guint i = 0; i < snippets->len; i++)
    ok[i] = json_array_get_boolean_element (verdicts, i);

  return ok;
}

static VivaBank *
load_bundled (void)
{
  g_autoptr(GError) error = NULL;
  VivaBank *bank = viva_bank_new_bundled (&error);

  g_assert_no_error (error);

  return bank;
}

static char *
extract (VivaBank *bank,
         guint     number)
{
  VivaQuestion *question = viva_bank_lookup_question (bank, number);

  g_assert_nonnull (question);

  return viva_code_extract_from_question (question);
}

static VivaCodeQuestionFlags
classify (VivaBank *bank,
          guint     number)
{
  return viva_code_classify_question (viva_bank_lookup_question (bank, number));
}

#define assert_extracts(bank, number, expected) \
  G_STMT_START { \
    g_autofree char *code__ = extract ((bank), (number)); \
    g_assert_cmpstr (code__, ==, (expected)); \
  } G_STMT_END

#define OUTPUT VIVA_CODE_QUESTION_ASKS_OUTPUT
#define WRITE VIVA_CODE_QUESTION_ASKS_TO_WRITE
#define HAS_CODE VIVA_CODE_QUESTION_HAS_CODE

/* The example of issue 11. */
static void
test_question_42 (void)
{
  g_autoptr(VivaBank) bank = load_bundled ();

  g_assert_cmpstr (viva_question_get_text (viva_bank_lookup_question (bank, 42)), ==,
                   "Given s = \"Programming\", what is the output of s[1:4]?");
  assert_extracts (bank, 42, "s = \"Programming\"\ns[1:4]\n");
  g_assert_cmpint (classify (bank, 42), ==, HAS_CODE | OUTPUT);
}

static void
test_spot_checks (void)
{
  g_autoptr(VivaBank) bank = load_bundled ();

  /* The value of a name after a statement: the name comes last. */
  assert_extracts (bank, 35, "x = 5\nx += 3\nx\n");
  g_assert_cmpint (classify (bank, 35), ==, HAS_CODE | OUTPUT);
  /* "change the value of an item" asks for no output. */
  g_assert_false (classify (bank, 82) & OUTPUT);
  /* An assignment the question gives, then what it asks about. */
  assert_extracts (bank, 31, "x = 10\nx > 5 and x < 15\n");
  g_assert_cmpint (classify (bank, 31), ==, HAS_CODE | OUTPUT);
  assert_extracts (bank, 6, "print(type(15))\n");
  /* "What is the `%` operator called...": `%` alone is not Python. */
  assert_extracts (bank, 27, "10 % 3\n");
  g_assert_cmpint (classify (bank, 27), ==, HAS_CODE | OUTPUT);
  /* "what does `bool(0)` evaluate to" */
  assert_extracts (bank, 62, "bool(0)\n");
  g_assert_cmpint (classify (bank, 62), ==, HAS_CODE | OUTPUT);
  /* Mentions only: `print()` names a function, `True` and `False` are
   * what a function should return; nothing to run. */
  assert_extracts (bank, 13, NULL);
  g_assert_cmpint (classify (bank, 13), ==, HAS_CODE);
  assert_extracts (bank, 951, NULL);
  g_assert_cmpint (classify (bank, 951), ==, HAS_CODE | WRITE);
  /* An example of the task is code to try. */
  assert_extracts (bank, 963, "[[1,2],[3,4]]\n[1,2,3,4]\n");
  /* A block's first line is not a statement. */
  assert_extracts (bank, 433, NULL);
  /* `pow(x, n)` would fail on undefined names, but it is Python; `**`
   * and `math.pow` are mentions. */
  assert_extracts (bank, 971, "pow(x, n)\n");
  /* Challenges that never say "write". */
  g_assert_true (classify (bank, 966) & WRITE);
  g_assert_true (classify (bank, 969) & WRITE);
  g_assert_true (classify (bank, 972) & WRITE);
  g_assert_true (classify (bank, 978) & WRITE);
  /* "read (`'r'`), write (`'w'`)": modes, not a task. */
  g_assert_cmpint (classify (bank, 261), ==, HAS_CODE);
  /* No code, nothing asked to write. */
  assert_extracts (bank, 1, NULL);
  g_assert_cmpint (classify (bank, 1), ==, VIVA_CODE_QUESTION_NONE);
}

static void
test_markdown (void)
{
  g_autofree char *code = NULL;

  /* A fenced block is taken as it is, indentation and all. */
  code = viva_code_extract_from_markdown ("What is printed?\n\n"
                                          "```python\n"
                                          "for i in range(3):\n"
                                          "    print(i)\n"
                                          "```\n");
  g_assert_cmpstr (code, ==, "for i in range(3):\n    print(i)\n");
  g_assert_cmpint (viva_code_classify_markdown ("What is printed?\n\n```\nprint(1)\n```\n"), ==,
                   HAS_CODE | OUTPUT);
  g_clear_pointer (&code, g_free);

  /* No language is Python; another language is left out. */
  code = viva_code_extract_from_markdown ("Given `n = 3`:\n\n~~~\nprint(n)\n~~~\n\n"
                                          "```bash\nls -l\n```\n\nand `n + 1`?");
  g_assert_cmpstr (code, ==, "n = 3\nprint(n)\nn + 1\n");
  g_clear_pointer (&code, g_free);

  /* An unclosed fence runs to the end. */
  code = viva_code_extract_from_markdown ("```\nx = [1,\n     2]\n");
  g_assert_cmpstr (code, ==, "x = [1,\n     2]\n");
  g_clear_pointer (&code, g_free);

  /* Double backticks hold a backtick; one space is stripped at each
   * end; escaped and unclosed backticks are text. */
  code = viva_code_extract_from_markdown ("Is ``` `` ``` a span? What is the output of `` 'a`b'.split('`') ``? "
                                          "Not \\`x = 1\\`, nor `y = 2");
  g_assert_cmpstr (code, ==, "'a`b'.split('`')\n");
  g_clear_pointer (&code, g_free);

  /* Each piece once, in order. */
  code = viva_code_extract_from_markdown ("If `a = [1, 2]`, what is `a * 2`? And `a * 2` again, `a`?");
  g_assert_cmpstr (code, ==, "a = [1, 2]\na * 2\na\n");
  g_clear_pointer (&code, g_free);

  g_assert_null (viva_code_extract_from_markdown ("No code at all."));
  g_assert_null (viva_code_extract_from_markdown (""));
  g_assert_cmpint (viva_code_classify_markdown ("Write a function that adds two numbers."), ==, WRITE);
  g_assert_cmpint (viva_code_classify_markdown ("Given a list, merge it."), ==, WRITE);
  g_assert_cmpint (viva_code_classify_markdown ("How do you find the length of `s`?"), ==, HAS_CODE);
}

/* What the parser says against what Python says: the ones it accepts all
 * compile, and each verdict here is Python's. */
static const struct
{
  const char *code;
  gboolean    python;
} snippets[] = {
  { "s[1:4]", TRUE },
  { "s[::-1]", TRUE },
  { "s[1:2, ::3]", TRUE },
  { "x = y = 1", TRUE },
  { "a, *b = [1, 2, 3]", TRUE },
  { "*a, = x", TRUE },
  { "x: int = 5", TRUE },
  { "x += 1", TRUE },
  { "a.b[c] = d", TRUE },
  { "(a, b) = 1, 2", TRUE },
  { "[x**2 for x in range(5) if x % 2]", TRUE },
  { "{k: v for k, v in d.items()}", TRUE },
  { "{1, 2, *s}", TRUE },
  { "{1: 2, **d}", TRUE },
  { "f(a, *b, c=1, **d)", TRUE },
  { "sum(x for x in y)", TRUE },
  { "(y := 5)", TRUE },
  { "lambda x, y=2, *a, **k: x", TRUE },
  { "a if b else c", TRUE },
  { "not a in b", TRUE },
  { "a is not None", TRUE },
  { "x not in y", TRUE },
  { "-x ** -y", TRUE },
  { "1_000.5e-3j + 0x1F + 0o17 + 0b1", TRUE },
  { "00", TRUE },
  { "f'{x!r:>10}' r'\\x00' '''a'''", TRUE },
  { "b'a' B\"b\" rb'c'", TRUE },
  { "b'a' 'b'", FALSE },
  { "import os.path as p, sys", TRUE },
  { "from . import x", TRUE },
  { "from a.b import (c as d, e,)", TRUE },
  { "from m import *", TRUE },
  { "del a[0], b", TRUE },
  { "assert x, 'msg'", TRUE },
  { "raise ValueError('x') from None", TRUE },
  { "global x", TRUE },
  { "pass; x = 1;", TRUE },
  { "for i in range(3): print(i)", TRUE },
  { "while x: x -= 1; break", TRUE },
  { "if x: pass", TRUE },
  { "with open(f) as g, h: pass", TRUE },
  { "def f(a, /, b: int = 1, *, c) -> int: return a", TRUE },
  { "class A(B, metaclass=M): pass", TRUE },
  { "x = 1  # a comment", TRUE },
  { "...", TRUE },
  { "é = 1", TRUE },
  { "**", FALSE },
  { "*args", FALSE },
  { "**kwargs", FALSE },
  { "*a = 1", FALSE },
  { "x := 5", FALSE },
  { "f() = 1", FALSE },
  { "1 = x", FALSE },
  { "a + b = c", FALSE },
  { "x += y += 1", FALSE },
  { "a, b += 1", FALSE },
  { "print \"hi\"", FALSE },
  { "01", FALSE },
  { "1_", FALSE },
  { "2nd", FALSE },
  { "if x:", FALSE },
  { "def f():", FALSE },
  { "else: pass", FALSE },
  { "return x", FALSE },
  { "yield x", FALSE },
  { "break", FALSE },
  { "nonlocal x", FALSE },
  { "await x", FALSE },
  { "@decorator", FALSE },
  { "x ? y : z", FALSE },
  { "a <> b", FALSE },
  { "$x", FALSE },
  { "“x”", FALSE },
  { "'unterminated", FALSE },
  { "(1, 2", FALSE },
  { "[1, 2)", FALSE },
  { "f(**)", FALSE },
  { "{1: 2, 3}", FALSE },
  { "{**d, 1}", FALSE },
  { "lambda: yield", FALSE },
  { "x = ", FALSE },
  { " x = 1", FALSE },
  { "x = 1\n  y = 2", FALSE },
  { "a.1", FALSE },
  { "class = 1", FALSE },
  { "not", FALSE },
  { "", FALSE },
};

static void
test_parser_against_python (void)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autofree gboolean *compiles = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (snippets); i++)
    {
      g_test_message ("%s", snippets[i].code);
      g_assert_cmpint (viva_code_is_python (snippets[i].code), ==, snippets[i].python);
      g_ptr_array_add (codes, (gpointer) snippets[i].code);
    }

  compiles = python_compiles (codes);
  if (compiles == NULL)
    {
      g_test_skip ("no python3 to check the table against");
      return;
    }

  /* The table itself is Python's verdict (the empty text compiles in
   * Python, but is not code to put anywhere). */
  for (guint i = 0; i < G_N_ELEMENTS (snippets); i++)
    {
      if (snippets[i].code[0] == '\0')
        continue;
      if (compiles[i] != snippets[i].python)
        g_error ("Python says %s for “%s”", compiles[i] ? "it compiles" : "it does not compile",
                 snippets[i].code);
    }
}

static const char *
kind_name (VivaCodePieceKind kind)
{
  switch (kind)
    {
    case VIVA_CODE_PIECE_PYTHON:
      return "python";
    case VIVA_CODE_PIECE_BLOCK:
      return "block";
    case VIVA_CODE_PIECE_MENTION:
      return "mention";
    case VIVA_CODE_PIECE_NOT_PYTHON:
    default:
      return "not python";
    }
}

/* Counted in the bank's own file, apart from the parser: the questions
 * whose line holds a backtick. */
static guint
count_questions_with_backticks (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  guint n = 0;

  bytes = g_resource_lookup_data (viva_get_resource (), VIVA_BUNDLED_BANK_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "**Question ") && strchr (lines[i], '`') != NULL)
        n++;
    }

  return n;
}

/* The whole bundled bank: every piece of code in it, every question. */
static void
test_bundled_bank (void)
{
  g_autoptr(VivaBank) bank = load_bundled ();
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) code_owner = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) code_kind = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GString) asks_output = g_string_new (NULL);
  g_autoptr(GString) asks_to_write = g_string_new (NULL);
  g_autofree gboolean *compiles = NULL;
  GListModel *questions = viva_bank_get_questions (bank);
  guint n_questions = g_list_model_get_n_items (questions);
  guint n_has_code = 0, n_output = 0, n_write = 0, n_with_python = 0;
  guint n_pieces = 0, n_kept = 0, n_mentions = 0, n_not_python = 0;
  guint n_false_rejects = 0;
  const int WHOLE = -1;

  g_assert_cmpuint (n_questions, ==, 415);

  for (guint i = 0; i < n_questions; i++)
    {
      g_autoptr(VivaQuestion) question = g_list_model_get_item (questions, i);
      g_autoptr(GPtrArray) pieces = viva_code_extract_pieces_from_question (question);
      g_autofree char *code = viva_code_extract_from_question (question);
      VivaCodeQuestionFlags flags = viva_code_classify_question (question);
      guint number = viva_question_get_number (question);
      const char *rest = code;
      guint start, end;

      /* Every code span is a piece, in order. */
      for (guint j = 0; j < pieces->len; j++)
        {
          const VivaCodePiece *piece = g_ptr_array_index (pieces, j);
          int kind = piece->kind;

          g_assert_true (viva_question_get_code_span (question, j, &start, &end));
          g_assert_true (g_utf8_validate (piece->text, -1, NULL));
          n_pieces++;

          switch (piece->kind)
            {
            case VIVA_CODE_PIECE_PYTHON:
              n_kept++;
              /* A line of the scratchpad; statements in the order of the
               * question, names alone after them. */
              g_assert_nonnull (code);
              {
                g_autofree char *line = g_strconcat ("\n", piece->text, "\n", NULL);
                g_autofree char *lined = g_strconcat ("\n", code, NULL);

                g_assert_nonnull (strstr (lined, line));
                if (strspn (piece->text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") !=
                    strlen (piece->text))
                  {
                    rest = strstr (rest, piece->text);
                    g_assert_nonnull (rest);
                  }
              }
              break;
            case VIVA_CODE_PIECE_MENTION:
              n_mentions++;
              break;
            case VIVA_CODE_PIECE_NOT_PYTHON:
              n_not_python++;
              break;
            case VIVA_CODE_PIECE_BLOCK:
            default:
              g_assert_not_reached ();
            }

          g_ptr_array_add (codes, g_strdup (piece->text));
          g_array_append_val (code_owner, number);
          g_array_append_val (code_kind, kind);
        }
      g_assert_false (viva_question_get_code_span (question, pieces->len, &start, &end));

      /* The classification agrees with the pieces. */
      g_assert_cmpint (!!(flags & HAS_CODE), ==, pieces->len > 0);
      if (flags & OUTPUT)
        g_assert_nonnull (code);

      if (code != NULL)
        {
          n_with_python++;
          g_assert_true (g_str_has_suffix (code, "\n"));
          g_ptr_array_add (codes, g_strdup (code));
          g_array_append_val (code_owner, number);
          g_array_append_val (code_kind, WHOLE);
        }

      if (flags & HAS_CODE)
        n_has_code++;
      if (flags & OUTPUT)
        {
          n_output++;
          g_string_append_printf (asks_output, " %u", number);
        }
      if (flags & WRITE)
        {
          n_write++;
          g_string_append_printf (asks_to_write, " %u", number);
        }

      /* Every Practical Coding Challenge asks for code. */
      if (number >= 951 && number <= 980)
        g_assert_true (flags & WRITE);
    }

  g_test_message ("questions: %u; with code: %u; with Python for the scratchpad: %u; "
                  "asking for an output: %u; asking to write code: %u",
                  n_questions, n_has_code, n_with_python, n_output, n_write);
  g_test_message ("asking for an output:%s", asks_output->str);
  g_test_message ("asking to write code:%s", asks_to_write->str);
  g_test_message ("code spans: %u; kept %u, mentions %u, not Python %u",
                  n_pieces, n_kept, n_mentions, n_not_python);

  /* Issue 11 counts 188 questions with code; counted again in the file. */
  g_assert_cmpuint (n_has_code, ==, count_questions_with_backticks ());
  g_assert_cmpuint (n_output, >, 0);

  compiles = python_compiles (codes);
  if (compiles == NULL)
    {
      g_test_skip ("no python3 to check the code against");
      return;
    }

  for (guint i = 0; i < codes->len; i++)
    {
      const char *code = g_ptr_array_index (codes, i);
      guint number = g_array_index (code_owner, guint, i);
      int kind = g_array_index (code_kind, int, i);

      /* What goes in the scratchpad compiles: each piece, and the whole,
       * for every question. So does what is left out as a mention. */
      if (kind == WHOLE || kind == VIVA_CODE_PIECE_PYTHON || kind == VIVA_CODE_PIECE_MENTION)
        {
          if (!compiles[i])
            g_error ("question %u: “%s” (%s) does not compile", number, code,
                     kind == WHOLE ? "the scratchpad" : kind_name (kind));
        }
      else if (compiles[i])
        {
          /* Python that the parser turned down: allowed (it errs on the
           * side of leaving out), but listed. */
          n_false_rejects++;
          g_test_message ("question %u: “%s” compiles but was left out", number, code);
        }
    }

  g_test_message ("spans Python compiles that were left out: %u of %u", n_false_rejects, n_not_python);
}

/* Whatever a bank holds, extraction ends, and what it gives is text. */
static void
test_untrusted (void)
{
  static const char * const inputs[] = {
    "`\xff\xfe = 1`",
    "`x = '\xc0\xaf'`",
    "`" "\\",
    "```",
    "``",
    "` `",
    "`\t`",
    "```\n```\n```\n",
    "`a = 1; b = 2; ;`",
    "`lambda lambda`",
    "`x = [` and `]`",
  };
  GString *deep = g_string_new ("`");

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *code = viva_code_extract_from_markdown (inputs[i]);

      g_assert_true (code == NULL || g_utf8_validate (code, -1, NULL));
      viva_code_classify_markdown (inputs[i]);
    }

  /* Nesting deeper than the parser goes, and longer than a piece may be:
   * turned down, without running out of stack. */
  for (guint i = 0; i < 3000; i++)
    g_string_append (deep, "([{-not ");
  g_string_append_c (deep, '`');
  g_assert_null (viva_code_extract_from_markdown (deep->str));
  g_string_truncate (deep, 1);
  for (guint i = 0; i < 400; i++)
    g_string_append (deep, "(");
  g_string_append (deep, "1");
  for (guint i = 0; i < 400; i++)
    g_string_append (deep, ")");
  g_string_append (deep, " + 1`");
  g_assert_null (viva_code_extract_from_markdown (deep->str));
  g_string_free (deep, TRUE);

  /* Random bytes. */
  for (guint round = 0; round < 2000; round++)
    {
      char buf[64];
      guint len = g_test_rand_int_range (1, sizeof buf);
      g_autofree char *code = NULL;

      for (guint i = 0; i < len; i++)
        buf[i] = (char) g_test_rand_int_range (1, 256);
      buf[len] = '\0';
      buf[0] = '`';

      code = viva_code_extract_from_markdown (buf);
      g_assert_true (code == NULL || g_utf8_validate (code, -1, NULL));
      viva_code_classify_markdown (buf);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/code-extract/question-42", test_question_42);
  g_test_add_func ("/code-extract/spot-checks", test_spot_checks);
  g_test_add_func ("/code-extract/markdown", test_markdown);
  g_test_add_func ("/code-extract/parser-against-python", test_parser_against_python);
  g_test_add_func ("/code-extract/bundled-bank", test_bundled_bank);
  g_test_add_func ("/code-extract/untrusted", test_untrusted);

  return g_test_run ();
}
