/* test-import.c
 *
 * Import as a user meets it: each shape public question lists are written
 * in (fixtures of our own questions in tests/data/import/) gives the
 * questions, numbers, levels, topics and answers a reader of the file
 * sees there; hostile files give a message, never a crash, and nothing
 * of their HTML.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <sys/stat.h>

#include <glib/gstdio.h>

#include "viva-bank.h"
#include "viva-import-private.h"
#include "viva-question.h"

static VivaImportResult *
import_data (const char  *data,
             gsize        len,
             const char  *name,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);

  return viva_import_bytes (bytes, name, NULL, NULL, NULL, error);
}

static VivaImportResult *
import_fixture_full (const char  *name,
                     GError     **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
  g_autoptr(GError) read_error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &read_error);
  g_assert_no_error (read_error);

  return import_data (data, len, name, error);
}

static VivaImportResult *
import_fixture (const char *name)
{
  g_autoptr(GError) error = NULL;
  VivaImportResult *result = import_fixture_full (name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);

  return result;
}

/* What a reader sees of escaped Markdown: "What is PEP 8\?" reads
 * "What is PEP 8?". */
static char *
unescape (const char *markdown)
{
  GString *out = g_string_new (NULL);

  for (const char *p = markdown; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0' && g_ascii_ispunct (p[1]))
        p++;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static const VivaImportQuestion *
question_at (VivaImportResult *result,
             guint             index)
{
  g_assert_cmpuint (index, <, viva_import_result_get_n_questions (result));

  return _viva_import_result_get_question (result, index);
}

static void
assert_text (VivaImportResult *result,
             guint             index,
             const char       *expected)
{
  g_autofree char *text = unescape (question_at (result, index)->text);

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_answer_has (VivaImportResult *result,
                   guint             index,
                   const char       *expected)
{
  const VivaImportQuestion *question = question_at (result, index);
  g_autofree char *answer = NULL;

  g_assert_nonnull (question->answer);
  answer = unescape (question->answer);
  if (strstr (answer, expected) == NULL)
    g_error ("answer %u is “%s”, without “%s”", index, answer, expected);
}

static void
assert_answer_lacks (VivaImportResult *result,
                     guint             index,
                     const char       *unexpected)
{
  const VivaImportQuestion *question = question_at (result, index);

  if (question->answer != NULL && strstr (question->answer, unexpected) != NULL)
    g_error ("answer %u is “%s”, with “%s”", index, question->answer, unexpected);
}

static void
assert_placed (VivaImportResult *result,
               guint             index,
               const char       *level,
               const char       *topic)
{
  const VivaImportQuestion *question = question_at (result, index);

  g_assert_cmpstr (_viva_import_result_get_level_name (result, question->level), ==, level);
  g_assert_cmpstr (question->topic, ==, topic);
}

static void
assert_numbers (VivaImportResult *result,
                const guint      *numbers,
                guint             n)
{
  g_assert_cmpuint (viva_import_result_get_n_questions (result), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (question_at (result, i)->number, ==, numbers[i]);
}

static gboolean
has_notice (VivaImportResult *result,
            const char       *part)
{
  const char * const *notices = viva_import_result_get_notices (result);

  for (guint i = 0; notices[i] != NULL; i++)
    if (strstr (notices[i], part) != NULL)
      return TRUE;

  return FALSE;
}

static void
test_numbered_headings (void)
{
  g_autoptr(VivaImportResult) result = import_fixture ("numbered-headings.md");
  static const guint numbers[] = { 1, 2, 3, 4, 5 };

  g_assert_cmpint (viva_import_result_get_shape (result), ==, VIVA_IMPORT_SHAPE_NUMBERED_HEADINGS);
  g_assert_cmpstr (viva_import_result_get_title (result), ==, "Twelve Python Questions for Practice");
  assert_numbers (result, numbers, G_N_ELEMENTS (numbers));
  g_assert_cmpuint (viva_import_result_get_n_levels (result), ==, 1);
  g_assert_cmpuint (viva_import_result_get_n_answered (result), ==, 4);
  g_assert_true (has_notice (result, "Made one level"));

  /* Emphasis and code in the heading are the question's own. */
  g_assert_cmpstr (question_at (result, 0)->text, ==, "What are the _main uses_ of a `list` in Python?");
  assert_text (result, 1, "How does a **dictionary** differ from a list?");
  assert_placed (result, 0, "Twelve Python Questions for Practice", NULL);

  /* Sub-headings, "#### 1." included, belong to the answer: numbers
   * that restart under every question are the answers' own, however
   * many they are (eight here, against five questions). */
  assert_answer_has (result, 0, "### Creating a list");
  assert_answer_has (result, 0, "#### 2. Extending");
  assert_answer_has (result, 0, "numbers = [1, 2, 3]");
  assert_answer_lacks (result, 0, "dictionary");
  assert_answer_has (result, 2, "def count():\n    yield 1");
  g_assert_null (question_at (result, 3)->answer);
  assert_answer_has (result, 4, "It manages a context.");
  assert_answer_has (result, 4, "#### 2. Exit");
}

static void
test_prefixed_headings (void)
{
  g_autoptr(VivaImportResult) result = import_fixture ("prefixed-q.md");
  static const guint numbers[] = { 1, 2, 3, 4 };

  g_assert_cmpint (viva_import_result_get_shape (result), ==, VIVA_IMPORT_SHAPE_PREFIXED_HEADINGS);
  g_assert_cmpstr (viva_import_result_get_title (result), ==, "Python Basics Questions");
  assert_numbers (result, numbers, G_N_ELEMENTS (numbers));
  assert_text (result, 0, "What is PEP 8?");
  assert_text (result, 2, "What is the difference between `is` and `==`?");
  assert_answer_has (result, 0, "    - never tabs");
  assert_answer_lacks (result, 0, "back to top");
  assert_answer_has (result, 1, "    indented = \"also code\"");
  assert_answer_has (result, 1, "This also works");
  /* Only a "back to top" link under it: no answer. */
  g_assert_null (question_at (result, 3)->answer);
  g_assert_cmpuint (viva_import_result_get_n_answered (result), ==, 3);
}

static void
test_prefixed_numbered (void)
{
  g_autoptr(VivaImportResult) result = import_fixture ("prefixed-q-numbered.md");
  static const guint numbers[] = { 1, 2, 3, 4 };

  g_assert_cmpint (viva_import_result_get_shape (result), ==, VIVA_IMPORT_SHAPE_PREFIXED_HEADINGS);
  assert_numbers (result, numbers, G_N_ELEMENTS (numbers));
  assert_text (result, 0, "What is Python? (Easy)");
  assert_text (result, 1, "What are Python's built-in types?");
  /* Numbered section headings over the questions: topics, without their
   * numbers, of one level. */
  assert_placed (result, 0, "Interview Prep", "Python Basics");
  assert_placed (result, 3, "Interview Prep", "Functions");
  g_assert_cmpuint (viva_import_result_get_n_topics (result), ==, 2);
  g_assert_true (has_notice (result, "with 2 topics"));
  assert_answer_has (result, 0, "**Answer:** Python is a high-level");
  g_assert_cmpuint (viva_import_result_get_n_answered (result), ==, 4);
}

static void
test_details (void)
{
  g_autoptr(VivaImportResult) result = import_fixture ("details.md");

  g_assert_cmpint (viva_import_result_get_shape (result), ==, VIVA_IMPORT_SHAPE_DETAILS);
  g_assert_cmpuint (viva_import_result_get_n_questions (result), ==, 5);
  assert_text (result, 0, "What are the main features of Python?");
  /* One summary of five numbered: the file does not number its
   * questions, so they are numbered in order, with no notice. */
  assert_text (result, 1, "What is a virtual environment?");
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (question_at (result, i)->number, ==, i + 1);
  g_assert_false (has_notice (result, "no number"));
  g_assert_cmpstr (question_at (result, 2)->text, ==, "What does `pip freeze` print?");
  assert_text (result, 4, "What does ls do?");

  /* Sections nest: levels from the h2, topics from the h4, emoji gone. */
  assert_placed (result, 0, "Python", "Beginner");
  assert_placed (result, 3, "Python", "Advanced");
  assert_placed (result, 4, "Shell", "Beginner");
  g_assert_cmpuint (viva_import_result_get_n_levels (result), ==, 2);

  assert_answer_has (result, 0, "print(\"hello\")");
  g_assert_null (question_at (result, 1)->answer);
  assert_answer_has (result, 2, "The installed packages");
  /* A <details> inside an answer is part of it. */
  assert_answer_has (result, 3, "Hints are part of the answer.");
  g_assert_cmpuint (viva_import_result_get_n_answered (result), ==, 4);
}

static void
test_list_numbered (void)
{
  g_autoptr(VivaImportResult) result = import_fixture ("list-numbered.md");
  static const guint numbers[] = { 1, 2, 3, 4, 5 };

  g_assert_cmpint (viva_import_result_get_shape (result), ==, VIVA_IMPORT_SHAPE_LIST);
  assert_numbers (result, numbers, G_N_ELEMENTS (numbers));
  g_assert_cmpstr (question_at (result, 3)->text, ==, "Explain `*args` and `**kwargs`.");
  g_assert_cmpuint (viva_import_result_get_n_answered (result), ==, 0);
}

static void
test_list_bulleted (void)
{
  g_autoptr(VivaImportResult) result = import_fixture ("list-bulleted.md");
  static const guint numbers[] = { 1, 2, 3, 4, 5 };

  g_assert_cmpint (viva_import_result_get_shape (result), ==, VIVA_IMPORT_SHAPE_LIST);
  /* The table of contents and the nested note are not questions. */
  assert_numbers (result, numbers, G_N_ELEMENTS (numbers));
  assert_text (result, 0, "What is a variable?");
  assert_text (result, 4, "How does `__slots__` save memory?");
  assert_placed (result, 0, "Python Questions", "Basics");
  assert_placed (result, 3, "Python Questions", "Advanced");
}

static void
test_nested_sections (void)
{
  g_autoptr(VivaImportResult) result = import_fixture ("nested-sections.md");
  static const guint numbers[] = { 1, 2, 3, 4, 5 };

  g_assert_cmpint (viva_import_result_get_shape (result), ==, VIVA_IMPORT_SHAPE_NUMBERED_HEADINGS);
  assert_numbers (result, numbers, G_N_ELEMENTS (numbers));
  assert_placed (result, 0, "Beginner", "Strings");
  assert_placed (result, 2, "Beginner", "Numbers");
  assert_placed (result, 3, "Advanced", "Concurrency");
  g_assert_cmpuint (viva_import_result_get_n_levels (result), ==, 2);
  g_assert_cmpuint (viva_import_result_get_n_topics (result), ==, 3);
  g_assert_null (question_at (result, 4)->answer);
  g_assert_false (has_notice (result, "Made one level"));
}

static void
test_with_header_csv (void)
{
  g_autoptr(VivaImportResult) result = import_fixture ("with-header.csv");
  static const guint numbers[] = { 10, 11, 12 };

  g_assert_cmpint (viva_import_result_get_shape (result), ==, VIVA_IMPORT_SHAPE_CSV);
  g_assert_cmpstr (viva_import_result_get_title (result), ==, "with-header");
  assert_numbers (result, numbers, G_N_ELEMENTS (numbers));
  assert_text (result, 0, "What is a list?");
  assert_answer_has (result, 1, "A mapping of keys to values.");
  g_assert_null (question_at (result, 2)->answer);
  assert_placed (result, 0, "Beginner", "Collections");
  assert_placed (result, 2, "Advanced", "Async");
}

static void
test_no_header_csv (void)
{
  g_autoptr(VivaImportResult) result = import_fixture ("no-header.csv");
  static const guint numbers[] = { 1, 2, 3 };

  assert_numbers (result, numbers, G_N_ELEMENTS (numbers));
  assert_text (result, 0, "What is a list?");
  assert_answer_has (result, 1, "An ordered immutable sequence.");
  g_assert_null (question_at (result, 2)->answer);
  g_assert_true (has_notice (result, "no level column"));
}

static void
test_quoted_csv (void)
{
  g_autoptr(VivaImportResult) result = import_fixture ("quoted.csv");

  g_assert_cmpuint (viva_import_result_get_n_questions (result), ==, 2);
  assert_text (result, 0, "What does \"a, b = b, a\" do?");
  assert_answer_has (result, 0, "It swaps a and b, in one line.");
  assert_text (result, 1, "What prints\ntwo lines?");
  /* The cell's lines stay lines: a hard break between them. */
  assert_answer_has (result, 1, "print(\"a\\nb\")\\\nor two calls");
}

static void
test_bom_csv (void)
{
  g_autoptr(VivaImportResult) result = import_fixture ("bom.csv");

  /* The byte-order mark is not part of the header's first name, and the
   * semicolon is the separator. */
  g_assert_cmpuint (viva_import_result_get_n_questions (result), ==, 2);
  assert_text (result, 0, "What is PEP 8?");
  assert_answer_has (result, 1, "The Zen of Python.");
}

static void
test_tsv (void)
{
  g_autoptr(VivaImportResult) result = import_fixture ("questions.tsv");

  g_assert_cmpint (viva_import_result_get_shape (result), ==, VIVA_IMPORT_SHAPE_TSV);
  g_assert_cmpuint (viva_import_result_get_n_questions (result), ==, 2);
  assert_text (result, 1, "What is a deque?");
  assert_answer_has (result, 1, "A double-ended queue.");
  assert_placed (result, 1, "questions", "Collections");
}

static void
test_anki_export (void)
{
  g_autoptr(VivaImportResult) result = import_fixture ("anki-export.txt");

  g_assert_cmpint (viva_import_result_get_shape (result), ==, VIVA_IMPORT_SHAPE_ANKI_TEXT);
  g_assert_cmpuint (viva_import_result_get_n_questions (result), ==, 2);
  g_assert_cmpstr (question_at (result, 0)->text, ==, "What is `len()`?");
  assert_text (result, 1, "What is zip?");
  /* <br><br> is a paragraph, <pre> a fence whose lines stay lines. */
  assert_answer_has (result, 0, "It returns the length.\n\nFor example:");
  assert_answer_has (result, 0, "```\nlen([1, 2])\nlen(\"ab\")\n```");
  assert_answer_has (result, 1, "It pairs items.\n\nLazily.");
  /* The tags Viva's Anki export writes: level::topic. */
  assert_placed (result, 0, "Beginner", "Builtins");
  assert_placed (result, 1, "Intermediate", "Iterators");
}

static void
test_anki_columns (void)
{
  g_autoptr(VivaImportResult) result = import_fixture ("anki-columns.txt");

  /* The note type and deck columns are not the question. */
  g_assert_cmpuint (viva_import_result_get_n_questions (result), ==, 2);
  assert_text (result, 0, "What is a slice?");
  assert_answer_has (result, 1, "The third slice value.");
}

static void
assert_import_error (const char      *data,
                     gsize            len,
                     const char      *name,
                     VivaImportError  code,
                     const char      *part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaImportResult) result = import_data (data, len, name, &error);

  g_assert_error (error, VIVA_IMPORT_ERROR, code);
  g_assert_null (result);
  if (part != NULL && strstr (error->message, part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, part);
}

static void
test_unrecognised (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaImportResult) result = import_fixture_full ("not-a-question-list.md", &error);

  g_assert_error (error, VIVA_IMPORT_ERROR, VIVA_IMPORT_ERROR_UNRECOGNISED);
  g_assert_null (result);
  /* The message says what was looked for. */
  g_assert_nonnull (strstr (error->message, "numbered headings"));
  g_assert_nonnull (strstr (error->message, "<details>"));
  g_assert_nonnull (strstr (error->message, "CSV"));
}

static void
test_empty_and_binary (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaImportResult) empty = import_fixture_full ("empty.md", &error);
  g_autoptr(VivaImportResult) binary = NULL;

  g_assert_error (error, VIVA_IMPORT_ERROR, VIVA_IMPORT_ERROR_EMPTY);
  g_assert_null (empty);
  g_clear_error (&error);

  binary = import_fixture_full ("binary.md", &error);
  g_assert_error (error, VIVA_IMPORT_ERROR, VIVA_IMPORT_ERROR_BINARY);
  g_assert_null (binary);

  assert_import_error (" \n\t\n", 4, "blank.md", VIVA_IMPORT_ERROR_EMPTY, NULL);
}

static void
test_not_utf8 (void)
{
  assert_import_error ("# T\n\n## 1. What is \xff?\n", 22, "latin1.md", VIVA_IMPORT_ERROR_NOT_UTF8, "Line 3");
  assert_import_error ("\xff\xfeq\0u\0", 6, "utf16.csv", VIVA_IMPORT_ERROR_NOT_UTF8, "UTF-16");
}

static void
test_heading_no_text (void)
{
  g_autoptr(VivaImportResult) result = import_fixture ("heading-no-text.md");
  static const guint numbers[] = { 1, 3 };

  assert_numbers (result, numbers, G_N_ELEMENTS (numbers));
  g_assert_true (has_notice (result, "line 7"));
  /* The empty heading ends the answer above it. */
  assert_answer_has (result, 0, "unique items");
}

static GFile *save (VivaImportResult  *result,
                    const char        *dir,
                    GCancellable      *cancellable,
                    GError           **error);
static char *make_banks_dir (void);

static void
assert_no_html (const char *text)
{
  g_autofree char *lower = NULL;

  if (text == NULL)
    return;

  lower = g_ascii_strdown (text, -1);
  if (strstr (lower, "<script") != NULL || strstr (lower, "onerror") != NULL ||
      strstr (lower, "javascript") != NULL || strstr (lower, "alert") != NULL)
    g_error ("“%s” kept HTML", text);
}

static void
test_html_injection (void)
{
  g_autoptr(VivaImportResult) result = import_fixture ("html-injection.md");

  g_assert_cmpuint (viva_import_result_get_n_questions (result), ==, 2);
  assert_no_html (viva_import_result_get_title (result));
  assert_text (result, 0, "What is a module?");
  assert_text (result, 1, "What is a package?");
  for (guint i = 0; i < viva_import_result_get_n_questions (result); i++)
    assert_no_html (question_at (result, i)->text);

  /* Nor in the bank written: the answers' HTML is dropped, a link is
   * its text. */
  {
    g_autofree char *dir = make_banks_dir ();
    g_autoptr(GError) error = NULL;
    g_autoptr(GFile) file = save (result, dir, NULL, &error);
    g_autoptr(VivaBank) bank = NULL;
    g_autofree char *written = NULL;
    VivaQuestion *question;

    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (g_file_peek_path (file), &written, NULL, NULL));
    assert_no_html (written);
    g_assert_nonnull (strstr (written, "A file of Python code."));
    g_assert_nonnull (strstr (written, "Click"));

    bank = viva_bank_new_from_file (file, NULL, &error);
    g_assert_no_error (error);
    question = viva_bank_lookup_question (bank, 1);
    g_assert_nonnull (viva_question_get_answer (question));
    assert_no_html (viva_question_get_answer (question));
  }
}

static void
test_mixed_line_endings (void)
{
  g_autoptr(VivaImportResult) result = import_fixture ("mixed-line-endings.md");
  static const guint numbers[] = { 1, 2, 3 };

  assert_numbers (result, numbers, G_N_ELEMENTS (numbers));
  assert_text (result, 0, "What is a CR?");
  g_assert_cmpstr (question_at (result, 0)->answer, ==, "A carriage return.\n\n");
  g_assert_cmpstr (question_at (result, 2)->answer, ==, "Both.\n");
  for (guint i = 0; i < 3; i++)
    g_assert_null (strchr (question_at (result, i)->text, '\r'));
}

static void
test_duplicate_numbers (void)
{
  g_autoptr(VivaImportResult) result = import_fixture ("duplicate-numbers.md");
  static const guint numbers[] = { 1, 2, 3, 4, 5 };

  /* Kept where a bank can keep them; the repeated 2, the 0 and the
   * number too large follow the largest kept, in the file's order. */
  assert_numbers (result, numbers, G_N_ELEMENTS (numbers));
  assert_text (result, 2, "What is a float?");
  assert_text (result, 4, "What is a boolean?");
  g_assert_true (has_notice (result, "3 questions had no number a bank can keep"));
  g_assert_true (has_notice (result, "numbered 3, 4, 5"));
}

static void
test_csv_unterminated_quote (void)
{
  static const char data[] = "question,answer\n\"What is a list?\",fine\n\"What is\nnever closed,x\n";

  assert_import_error (data, sizeof data - 1, "broken.csv", VIVA_IMPORT_ERROR_UNRECOGNISED, "line 3");
}

static void
test_csv_ragged_rows (void)
{
  static const char data[] = "question,answer,topic\nOnly a question?\nWhat is x?,An answer,Topic,extra,more\n,,\nWhat is y?,\"\"\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaImportResult) result = import_data (data, sizeof data - 1, "ragged.csv", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (viva_import_result_get_n_questions (result), ==, 3);
  assert_text (result, 0, "Only a question?");
  g_assert_null (question_at (result, 0)->answer);
  assert_placed (result, 1, "ragged", "Topic");
  g_assert_null (question_at (result, 2)->answer);
}

static void
test_csv_formula_prefix (void)
{
  static const char data[] = "\xef\xbb\xbfnumber,level,topic,question,answer,status,starred,notes,next_due\r\n"
                             "1,Level 1: Basics,,'=SUM(A1),'-1,new,no,,\r\n"
                             "2,Level 1: Basics,,'- not ours either,x,new,no,,\r\n";
  static const char foreign[] = "number,question,answer\n1,'=SUM(A1),x\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaImportResult) ours = import_data (data, sizeof data - 1, "export.csv", &error);
  g_autoptr(VivaImportResult) theirs = NULL;

  g_assert_no_error (error);
  /* Viva's own export: the "'" it added before a formula goes. */
  assert_text (ours, 0, "=SUM(A1)");
  assert_answer_has (ours, 0, "-1");
  assert_answer_lacks (ours, 0, "'");
  assert_text (ours, 1, "- not ours either");
  assert_placed (ours, 0, "Basics", NULL);
  g_assert_cmpuint (question_at (ours, 1)->number, ==, 2);

  /* Anyone else's: the cell as written. */
  theirs = import_data (foreign, sizeof foreign - 1, "other.csv", &error);
  g_assert_no_error (error);
  assert_text (theirs, 0, "'=SUM(A1)");
}

static void
test_nested_lists (void)
{
  g_autoptr(GString) data = g_string_new ("# Deep\n\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaImportResult) result = NULL;
  guint top = 0;

  /* 100,000 items nested up to 50 deep, then one item 100,000 deep on
   * one line: only the top of the list holds questions, each once. */
  for (guint i = 0; i < 100000; i++)
    {
      guint depth = i % 50;

      for (guint d = 0; d < depth; d++)
        g_string_append (data, "  ");
      g_string_append_printf (data, "- What is item %u?\n", i);
      if (depth == 0)
        top++;
    }
  for (guint i = 0; i < 100000; i++)
    g_string_append (data, "- ");
  g_string_append (data, "What is the deepest?\n");

  result = import_data (data->str, data->len, "deep.md", &error);
  g_assert_no_error (error);
  g_assert_cmpint (viva_import_result_get_shape (result), ==, VIVA_IMPORT_SHAPE_LIST);
  g_assert_cmpuint (viva_import_result_get_n_questions (result), ==, top + 1);
}

/* A 10 MB list of numbered headings with answers and code. */
static GString *
make_ten_mb (guint *out_n)
{
  GString *data = g_string_new ("# Ten Megabytes\n\n");
  guint n = 0;

  while (data->len < 10 * 1024 * 1024)
    {
      n++;
      g_string_append_printf (data,
                              "## %u. What does function number %u return when called twice?\n\n"
                              "It returns the same value, because it is pure:\n\n"
                              "```python\ndef f%u(x):\n    return x * %u\n```\n\n"
                              "<div align=\"right\"><b><a href=\"#\">↥ back to top</a></b></div>\n\n",
                              n, n, n, n);
    }

  *out_n = n;
  return data;
}

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  GArray *fractions = user_data;

  g_array_append_val (fractions, fraction);
}

static void
test_ten_mb (void)
{
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaImportResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GString *data;
  guint n = 0;

  data = make_ten_mb (&n);
  bytes = g_string_free_to_bytes (data);

  result = viva_import_bytes (bytes, "big.md", NULL, record_progress, fractions, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (viva_import_result_get_n_questions (result), ==, n);
  g_assert_cmpuint (question_at (result, n - 1)->number, ==, n);
  g_assert_cmpuint (viva_import_result_get_n_answered (result), ==, n);

  /* Progress along the way, never backwards, and done at the end. */
  g_assert_cmpuint (fractions->len, >, 10);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=, g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaImportResult) result = NULL;
  g_autoptr(GString) csv = g_string_new ("question,answer\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) markdown = NULL;
  guint n = 0;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (csv, "What is %u?,It is %u.\n", i, i);
  bytes = g_bytes_new (csv->str, csv->len);
  markdown = g_string_free_to_bytes (make_ten_mb (&n));

  g_cancellable_cancel (cancellable);
  result = viva_import_bytes (bytes, "many.csv", cancellable, NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  g_clear_error (&error);

  result = viva_import_bytes (markdown, "big.md", cancellable, NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
}

/* Every fixture cut short at many places, and with the sequences the
 * readers look for dropped in at many places: each gives questions or
 * a message, never a crash (nothing asserts on the input's content). */
static void
test_mutated_fixtures (void)
{
  static const char * const inserts[] = {
    "<details>", "</details>", "<summary>", "</summary>", "\n```\n", "\r", "\n## ", "\n#### 1. ",
    "\"", "\n#separator:tab\n", "\n- ", "<", "&#", "`", "[", "](#top)", "\\", "\t", ",",
  };
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "import", NULL);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  GRand *rand = g_rand_new_with_seed (13);
  const char *name;
  guint n_runs = 0;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;
      gsize len = 0;

      g_assert_true (g_file_get_contents (path, &data, &len, NULL));

      for (guint i = 0; i < 60; i++)
        {
          g_autoptr(GString) mutated = g_string_new_len (data, len);
          g_autoptr(GError) error = NULL;
          g_autoptr(VivaImportResult) result = NULL;
          gsize at = len > 0 ? g_rand_int_range (rand, 0, (gint32) len + 1) : 0;

          if (i % 3 == 0)
            g_string_truncate (mutated, at);
          else
            g_string_insert (mutated, at, inserts[g_rand_int_range (rand, 0, G_N_ELEMENTS (inserts))]);

          result = import_data (mutated->str, mutated->len, name, &error);
          if (result == NULL)
            {
              g_assert_nonnull (error);
              g_assert_cmpstr (error->message, !=, "");
            }
          else
            {
              g_assert_no_error (error);
              g_assert_cmpuint (viva_import_result_get_n_questions (result), >, 0);
              g_assert_nonnull (viva_import_result_get_draft (result));
            }
          n_runs++;
        }
    }

  g_rand_free (rand);
  g_assert_cmpuint (n_runs, >, 1000);
}

static void
test_html_to_markdown (void)
{
  static const struct { const char *html; const char *markdown; } cases[] = {
    { "a<br>b", "a\\\nb" },
    { "a<br><br>b", "a\n\nb" },
    { "<div>a</div><div>b</div>", "a\n\nb" },
    { "x &lt;y&gt; &amp; &#65;&#x42;", "x \\<y\\> \\& AB" },
    { "<script>alert(1)</script>ok", "ok" },
    { "<ul><li>one</li><li>two</li></ul>", "- one\n- two" },
    { "<pre>a ``` b</pre>", "````\na ``` b\n````" },
    { "<b>never closed", "never closed" },
    { "1 < 2", "1 \\< 2" },
    { "&bogus; &#0; &#99999999;", "\\&bogus; \\&\\#0; \\&\\#99999999;" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *markdown = _viva_import_html_to_markdown (cases[i].html, strlen (cases[i].html));

      g_assert_cmpstr (markdown, ==, cases[i].markdown);
    }
}

static void
test_viva_format (void)
{
  g_autoptr(VivaImportResult) result = import_fixture ("viva-format.md");
  VivaBankDraft *draft = viva_import_result_get_draft (result);
  guint level = 0;
  const char *level_name = NULL;
  const char *topic = NULL;
  const char *text = NULL;

  g_assert_cmpint (viva_import_result_get_shape (result), ==, VIVA_IMPORT_SHAPE_VIVA);
  g_assert_cmpstr (viva_import_result_get_title (result), ==, "My Own Viva Bank");
  g_assert_cmpuint (viva_import_result_get_n_questions (result), ==, 3);
  g_assert_cmpuint (viva_import_result_get_n_levels (result), ==, 2);
  g_assert_cmpuint (viva_import_result_get_n_topics (result), ==, 1);

  /* The bank's own numbers, levels and spans. */
  g_assert_cmpuint (viva_bank_draft_get_question (draft, 1, &level, &level_name, &topic, &text, NULL), ==, 7);
  g_assert_cmpuint (level, ==, 1);
  g_assert_cmpstr (level_name, ==, "Basics");
  g_assert_cmpstr (topic, ==, "Strings");
  g_assert_nonnull (strstr (text, "`str.strip()`"));
  g_assert_cmpuint (viva_bank_draft_get_question (draft, 2, &level, NULL, &topic, NULL, NULL), ==, 9);
  g_assert_cmpuint (level, ==, 2);
  g_assert_null (topic);
}

/* The draft is what the bank will hold: the same questions, in order,
 * with the levels the source's "Level N: Name" gave. */
static void
test_draft (void)
{
  g_autoptr(VivaImportResult) csv = import_fixture ("anki-export.txt");
  g_autoptr(VivaImportResult) markdown = import_fixture ("nested-sections.md");
  VivaBankDraft *draft = viva_import_result_get_draft (csv);
  guint level = 0;
  const char *level_name = NULL;
  const char *topic = NULL;
  const char *answer = NULL;

  g_assert_nonnull (draft);
  g_assert_cmpuint (viva_bank_draft_get_n_questions (draft), ==, 2);
  g_assert_cmpuint (viva_bank_draft_get_question (draft, 1, &level, &level_name, &topic, NULL, &answer), ==, 2);
  g_assert_cmpuint (level, ==, 2);
  g_assert_cmpstr (level_name, ==, "Intermediate");
  g_assert_cmpstr (topic, ==, "Iterators");
  g_assert_nonnull (answer);
  g_assert_cmpuint (viva_import_result_get_n_answered (csv), ==, 2);

  draft = viva_import_result_get_draft (markdown);
  g_assert_cmpuint (viva_bank_draft_get_n_questions (draft), ==, 5);
  g_assert_cmpuint (viva_import_result_get_n_levels (markdown), ==, 2);
  g_assert_cmpuint (viva_import_result_get_n_topics (markdown), ==, 3);
  g_assert_cmpuint (viva_import_result_get_n_answered (markdown), ==, 4);
}

typedef struct
{
  GAsyncResult *result;
} Waiter;

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = g_object_ref (result);
}

static GAsyncResult *
wait_for (Waiter *waiter)
{
  while (waiter->result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return waiter->result;
}

static GFile *
save (VivaImportResult  *result,
      const char        *dir,
      GCancellable      *cancellable,
      GError           **error)
{
  Waiter waiter = { NULL };
  g_autoptr(GAsyncResult) done = NULL;

  viva_import_save_async (result, dir, cancellable, store_result, &waiter);
  done = wait_for (&waiter);

  return viva_import_save_finish (done, error);
}

static char *
make_banks_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "io.github.vivaprep.Viva", "banks", NULL);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  if (handle == NULL)
    return 0;
  while (g_dir_read_name (handle) != NULL)
    n++;

  return n;
}

static void
test_save_parses_back (void)
{
  g_autoptr(VivaImportResult) result = import_fixture ("numbered-headings.md");
  g_autofree char *dir = make_banks_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = save (result, dir, NULL, &error);
  g_autoptr(GFile) second = NULL;
  g_autoptr(VivaBank) bank = NULL;
  g_autofree char *base = NULL;
  g_autofree char *second_base = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_nonnull (file);

  /* Named after the title, 0600 in a 0700 folder, as the notes are. */
  base = g_file_get_basename (file);
  g_assert_cmpstr (base, ==, "twelve-python-questions-for-practice.md");
  g_assert_cmpint (g_stat (g_file_peek_path (file), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  bank = viva_bank_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (viva_bank_get_n_questions (bank), ==, 5);
  g_assert_cmpstr (viva_bank_get_title (bank), ==, "Twelve Python Questions for Practice");
  g_assert_nonnull (viva_bank_lookup_question (bank, 5));

  /* A second import of the same file is a second bank, the first kept. */
  second = save (result, dir, NULL, &error);
  g_assert_no_error (error);
  second_base = g_file_get_basename (second);
  g_assert_cmpstr (second_base, ==, "twelve-python-questions-for-practice-2.md");
  g_assert_cmpuint (count_files (dir), ==, 2);
}

static void
test_cancel_leaves_nothing (void)
{
  g_autoptr(VivaImportResult) result = import_fixture ("prefixed-q.md");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *dir = make_banks_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_cancellable_cancel (cancellable);
  file = save (result, dir, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (file);
  g_assert_cmpuint (count_files (dir), ==, 0);
}

static char *
checksum_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

static void
test_source_untouched (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "import", "details.md", NULL);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "details.md", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *data = NULL;
  g_autofree char *dir = make_banks_dir ();
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) saved = NULL;
  g_autoptr(VivaImportResult) result = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;
  Waiter waiter = { NULL };
  GStatBuf st_before, st_after;
  gsize len = 0;

  g_assert_true (g_file_get_contents (fixture, &data, &len, NULL));
  g_assert_true (g_file_set_contents (path, data, len, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_cmpint (g_stat (path, &st_before), ==, 0);
  before = checksum_file (path);

  source = g_file_new_for_path (path);
  viva_import_file_async (source, NULL, NULL, NULL, store_result, &waiter);
  done = wait_for (&waiter);
  result = viva_import_file_finish (done, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (viva_import_result_get_n_questions (result), ==, 5);

  saved = save (result, dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_equal (saved, source));

  after = checksum_file (path);
  g_assert_cmpint (g_stat (path, &st_after), ==, 0);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (st_before.st_mtime, ==, st_after.st_mtime);
  g_assert_cmpint (st_before.st_mode, ==, st_after.st_mode);
}

static void
test_file_errors (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "missing.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaImportResult) result = NULL;
  Waiter waiter = { NULL };

  viva_import_file_async (file, NULL, NULL, NULL, store_result, &waiter);
  done = wait_for (&waiter);
  result = viva_import_file_finish (done, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (result);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/import/shape/numbered-headings", test_numbered_headings);
  g_test_add_func ("/import/shape/prefixed-q", test_prefixed_headings);
  g_test_add_func ("/import/shape/prefixed-q-numbered", test_prefixed_numbered);
  g_test_add_func ("/import/shape/details", test_details);
  g_test_add_func ("/import/shape/list-numbered", test_list_numbered);
  g_test_add_func ("/import/shape/list-bulleted", test_list_bulleted);
  g_test_add_func ("/import/shape/nested-sections", test_nested_sections);
  g_test_add_func ("/import/shape/with-header-csv", test_with_header_csv);
  g_test_add_func ("/import/shape/no-header-csv", test_no_header_csv);
  g_test_add_func ("/import/shape/quoted-csv", test_quoted_csv);
  g_test_add_func ("/import/shape/bom-csv", test_bom_csv);
  g_test_add_func ("/import/shape/tsv", test_tsv);
  g_test_add_func ("/import/shape/anki-export", test_anki_export);
  g_test_add_func ("/import/shape/anki-columns", test_anki_columns);
  g_test_add_func ("/import/shape/viva-format", test_viva_format);
  g_test_add_func ("/import/draft", test_draft);
  g_test_add_func ("/import/save-parses-back", test_save_parses_back);
  g_test_add_func ("/import/cancel-leaves-nothing", test_cancel_leaves_nothing);
  g_test_add_func ("/import/source-untouched", test_source_untouched);
  g_test_add_func ("/import/file-errors", test_file_errors);
  g_test_add_func ("/import/unrecognised", test_unrecognised);
  g_test_add_func ("/import/empty-and-binary", test_empty_and_binary);
  g_test_add_func ("/import/not-utf8", test_not_utf8);
  g_test_add_func ("/import/hostile/heading-no-text", test_heading_no_text);
  g_test_add_func ("/import/hostile/html-injection", test_html_injection);
  g_test_add_func ("/import/hostile/mixed-line-endings", test_mixed_line_endings);
  g_test_add_func ("/import/hostile/nested-lists", test_nested_lists);
  g_test_add_func ("/import/hostile/ten-mb", test_ten_mb);
  g_test_add_func ("/import/duplicate-numbers", test_duplicate_numbers);
  g_test_add_func ("/import/csv/unterminated-quote", test_csv_unterminated_quote);
  g_test_add_func ("/import/csv/ragged-rows", test_csv_ragged_rows);
  g_test_add_func ("/import/csv/formula-prefix", test_csv_formula_prefix);
  g_test_add_func ("/import/cancelled", test_cancelled);
  g_test_add_func ("/import/html/to-markdown", test_html_to_markdown);
  g_test_add_func ("/import/hostile/mutated-fixtures", test_mutated_fixtures);

  return g_test_run ();
}
