/* test-bank-writer.c
 *
 * The bank writer: what it writes, the parser reads back as the same
 * bank, whatever the questions hold.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-bank-fuzz.h"

#include <string.h>

#include "viva-answer.h"
#include "viva-bank-private.h"
#include "viva-bank-writer.h"

static VivaBank *
parse_bytes (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  VivaBank *bank = viva_bank_new_from_bytes (bytes, "written", &error);

  if (bank == NULL)
    g_printerr ("%.*s\n", (int) MIN (g_bytes_get_size (bytes), 4000),
                (const char *) g_bytes_get_data (bytes, NULL));
  g_assert_no_error (error);
  g_assert_nonnull (bank);

  return bank;
}

static void
assert_same_bank (VivaBank *a,
                  VivaBank *b)
{
  GPtrArray *qa = _viva_bank_get_question_array (a);
  GPtrArray *qb = _viva_bank_get_question_array (b);

  g_assert_cmpstr (viva_bank_get_title (a), ==, viva_bank_get_title (b));
  g_assert_cmpuint (viva_bank_get_n_levels (a), ==, viva_bank_get_n_levels (b));
  g_assert_cmpuint (viva_bank_get_n_topics (a), ==, viva_bank_get_n_topics (b));
  g_assert_cmpuint (qa->len, ==, qb->len);

  for (guint i = 0; i < qa->len; i++)
    viva_fuzz_assert_same_question (g_ptr_array_index (qa, i), g_ptr_array_index (qb, i));
}

static void
test_round_trip_bundled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaBank) bundled = viva_bank_new_bundled (&error);
  g_autoptr(VivaBankDraft) draft = NULL;
  g_autoptr(VivaBankDraft) again = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) bytes_again = NULL;
  g_autoptr(VivaBank) written = NULL;

  g_assert_no_error (error);
  draft = viva_bank_draft_new_from_bank (bundled);
  g_assert_cmpuint (viva_bank_draft_get_n_questions (draft), ==, 415);
  bytes = viva_bank_draft_to_markdown (draft, NULL, NULL);
  written = parse_bytes (bytes);
  assert_same_bank (bundled, written);

  /* Written again from what it read: the same bytes. */
  again = viva_bank_draft_new_from_bank (written);
  bytes_again = viva_bank_draft_to_markdown (again, NULL, NULL);
  g_assert_true (g_bytes_equal (bytes, bytes_again));
}

/* Plain text and spans that Markdown would read otherwise, written from
 * a question the parser could have made, read back the same. */
static void
test_round_trip_hostile_spans (void)
{
  static const struct {
    const char *text;
    VivaSpan    spans[3];
    guint       n_spans;
  } cases[] = {
    { "a*b*c _d_ **e** `f` \\g\\", { { 0 } }, 0 },
    { "x\n# not a heading\n- not a list\n+ nor this\n1. nor this\n2) nor this", { { 0 } }, 0 },
    { "x\n> no quote\n<div>no html</div>\n=====\n-----\n***\n___", { { 0 } }, 0 },
    { "x\n```\nno fence\n~~~", { { 0 } }, 0 },
    { "x\n**Question 2:** stays in question 1\n**Answer:** and so does this", { { 0 } }, 0 },
    { "[link](http://example.com) ![img](x.png) &amp; &lt;script&gt;", { { 0 } }, 0 },
    { "ends with a backslash\\\nnext line", { { 0 } }, 0 },
    { "use ``x`` or `y`", { { 4, 9, VIVA_SPAN_CODE }, { 13, 16, VIVA_SPAN_CODE } }, 2 },
    { "code ` ends with", { { 5, 6, VIVA_SPAN_CODE } }, 1 },
    { "a b c", { { 0, 5, VIVA_SPAN_STRONG }, { 2, 3, VIVA_SPAN_EMPHASIS } }, 2 },
    { "😀 𝔘 astral", { { 0, 4, VIVA_SPAN_EMPHASIS } }, 1 },
    { "?!.,;:()[]{}", { { 0 } }, 0 },
    { "12. starts with a number", { { 0 } }, 0 },
    { "x\n12345. long number", { { 0 } }, 0 },
  };
  g_autoptr(VivaLevel) level = _viva_level_new (1, "Test", "Level 1: Test");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VivaQuestion) question = NULL;
      g_autofree char *markdown = NULL;
      g_autofree char *bank_text = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(VivaBank) bank = NULL;

      question = _viva_question_new (1, 0, level, NULL, cases[i].text, strlen (cases[i].text),
                                     cases[i].spans, cases[i].n_spans, NULL);
      markdown = viva_bank_writer_dup_question_markdown (question);
      bank_text = g_strconcat ("## Level 1: Test\n\n**Question 1:** ", markdown, "\n", NULL);
      bytes = g_bytes_new (bank_text, strlen (bank_text));
      bank = parse_bytes (bytes);
      g_assert_cmpuint (viva_bank_get_n_questions (bank), ==, 1);
      viva_fuzz_assert_same_question (question, viva_bank_lookup_question (bank, 1));
    }
}

/* What a user types, through the draft: always one question, read back
 * the same, and written the same again. */
static void
test_round_trip_hostile_text (void)
{
  static const struct {
    const char *typed;
    const char *expected;
  } cases[] = {
    { "What is `len([])`?", "What is len([])?" },
    { "  first line  \n\n\n  second line\n", "first line\nsecond line" },
    { "a\n# heading\n## Level 2: Not a level\n### Not a topic", "a\n# heading\n## Level 2: Not a level\n### Not a topic" },
    { "a\n- one\n* two\n+ three\n1. four\n2) five", "a\n- one\n* two\n+ three\n1. four\n2) five" },
    { "a\n---\n===\n***\n___\n> quote", "a\n---\n===\n***\n___\n> quote" },
    { "a\n```python\nprint()\n```", "a\n```python\nprint()\n```" },
    { "a\n**Question 2:** b\n**Answer:** c", "a\nQuestion 2: b\nAnswer: c" },
    { "**Question 2:** only", "Question 2: only" },
    { "tab\there", "tab here" },
    { "C:\\path\\", "C:\\path\\" },
    { "line\\\nnext\\", "line\\\nnext\\" },
    { "<script>alert(1)</script>visible", "alert(1)visible" },
    { "😀 𝔘", "😀 𝔘" },
    { "?!.,;:", "?!.,;:" },
    { "x\n    indented code? no", "x\nindented code? no" },
    { "x\n<div>\nblock", "x\n<div>\nblock" },
    { "1. a numbered start", "1. a numbered start" },
    { "`code at start` and *emphasis*", "code at start and emphasis" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VivaBankDraft) draft = viva_bank_draft_new ("Hostile");
      g_autoptr(VivaBankDraft) again = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GBytes) bytes_again = NULL;
      g_autoptr(VivaBank) bank = NULL;
      guint level = viva_bank_draft_ensure_level (draft, 0, "Mine");

      viva_bank_draft_add_question (draft, level, NULL, 1, cases[i].typed, NULL, &error);
      g_assert_no_error (error);
      viva_bank_draft_add_question (draft, level, NULL, 2, "After it", NULL, &error);
      g_assert_no_error (error);

      bytes = viva_bank_draft_to_markdown (draft, NULL, NULL);
      bank = parse_bytes (bytes);
      g_assert_cmpuint (viva_bank_get_n_questions (bank), ==, 2);
      g_assert_cmpuint (viva_bank_get_n_levels (bank), ==, 1);
      g_assert_cmpstr (viva_question_get_text (viva_bank_lookup_question (bank, 1)), ==, cases[i].expected);
      g_assert_cmpstr (viva_question_get_text (viva_bank_lookup_question (bank, 2)), ==, "After it");

      again = viva_bank_draft_new_from_bank (bank);
      bytes_again = viva_bank_draft_to_markdown (again, NULL, NULL);
      g_assert_true (g_bytes_equal (bytes, bytes_again));
    }
}


static void
test_round_trip_answers (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "banks", "answers.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaBank) bank = viva_bank_new_from_file (file, NULL, &error);
  g_autoptr(VivaBankDraft) draft = NULL;
  g_autoptr(VivaBankDraft) again = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) bytes_again = NULL;
  g_autoptr(VivaBank) written = NULL;
  guint n_answered = 0;

  g_assert_no_error (error);
  draft = viva_bank_draft_new_from_bank (bank);
  bytes = viva_bank_draft_to_markdown (draft, NULL, NULL);
  written = parse_bytes (bytes);
  assert_same_bank (bank, written);

  for (guint i = 0; i < viva_bank_get_n_questions (written); i++)
    {
      g_autoptr(VivaQuestion) q = g_list_model_get_item (viva_bank_get_questions (written), i);

      if (viva_question_get_answer (q) != NULL)
        n_answered++;
    }
  g_assert_cmpuint (n_answered, >=, 4);

  again = viva_bank_draft_new_from_bank (written);
  bytes_again = viva_bank_draft_to_markdown (again, NULL, NULL);
  g_assert_true (g_bytes_equal (bytes, bytes_again));
}

/* An answer that holds what would end it, or start a level or another
 * question, stays one answer of one question. */
static void
test_round_trip_hostile_answers (void)
{
  static const char *answers[] = {
    "**Question 9:** not a question\n\n**Answer:** not a second answer",
    "## Level 5: Not a level\n\n### Not a topic\n\n# Not a title",
    "- **Question 3:** in a list\n\n> **Notes:** in a quote",
    "```\n**Question 4:** in code\n## Level 9\n```",
    "<script>alert(1)</script>\n\n<details><summary>x</summary>y</details>",
    "**Notes:**\n\nnot notes",
  };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(VivaBankDraft) draft = viva_bank_draft_new ("Answers");
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(VivaBank) bank = NULL;
      guint level = viva_bank_draft_ensure_level (draft, 0, "One");
      g_autofree char *plain = viva_answer_normalize ("Plain.", 6);
      const char *answer;

      g_assert_true (viva_bank_draft_add_question (draft, level, NULL, 1, "First", answers[i], &error));
      g_assert_no_error (error);
      g_assert_true (viva_bank_draft_add_question (draft, level, NULL, 2, "Second", "Plain.", &error));
      bytes = viva_bank_draft_to_markdown (draft, NULL, NULL);
      bank = parse_bytes (bytes);
      g_assert_cmpuint (viva_bank_get_n_questions (bank), ==, 2);
      g_assert_cmpuint (viva_bank_get_n_levels (bank), ==, 1);
      g_assert_cmpuint (viva_bank_get_n_topics (bank), ==, 0);
      g_assert_cmpstr (viva_bank_get_title (bank), ==, "Answers");
      g_assert_cmpstr (viva_question_get_answer (viva_bank_lookup_question (bank, 2)), ==, plain);
      answer = viva_question_get_answer (viva_bank_lookup_question (bank, 1));
      g_assert_true (answer == NULL || strstr (answer, "<script>") == NULL);
    }
}

/* Notes under "**Notes:**" after the answer read back as nothing: the
 * answer stays the same. */
static char *
notes_for (guint    number,
           gpointer user_data)
{
  return g_strdup_printf ("My notes on %u, with **Answer:** inside.", number);
}

static void
test_notes_extra (void)
{
  g_autoptr(VivaBankDraft) draft = viva_bank_draft_new ("Notes");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(VivaBank) bank = NULL;
  g_autofree char *answer = viva_answer_normalize ("The answer.", 11);
  guint level = viva_bank_draft_ensure_level (draft, 0, "One");

  g_assert_true (viva_bank_draft_add_question (draft, level, NULL, 1, "First", "The answer.", &error));
  g_assert_true (viva_bank_draft_add_question (draft, level, NULL, 2, "Second", NULL, &error));
  g_assert_no_error (error);
  bytes = viva_bank_draft_to_markdown (draft, notes_for, NULL);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "My notes on 2"));
  bank = parse_bytes (bytes);
  g_assert_cmpuint (viva_bank_get_n_questions (bank), ==, 2);
  g_assert_cmpstr (viva_question_get_answer (viva_bank_lookup_question (bank, 1)), ==, answer);
  g_assert_null (viva_question_get_answer (viva_bank_lookup_question (bank, 2)));
}

static void
test_round_trip_large (void)
{
  g_autoptr(VivaBankDraft) draft = viva_bank_draft_new ("Large");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(VivaBank) bank = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  guint level = viva_bank_draft_ensure_level (draft, 0, "Big");

  while (text->len < 64 * 1024)
    g_string_append (text, "word *emphasis* `code` [x] #tag\n");

  viva_bank_draft_add_question (draft, level, "Topic", 7, text->str, NULL, &error);
  g_assert_no_error (error);
  bytes = viva_bank_draft_to_markdown (draft, NULL, NULL);
  bank = parse_bytes (bytes);
  g_assert_cmpuint (viva_bank_get_n_questions (bank), ==, 1);
  g_assert_cmpuint (strlen (viva_question_get_text (viva_bank_lookup_question (bank, 7))), >, 40 * 1024);
}

static void
test_blank_refused (void)
{
  g_autoptr(VivaBankDraft) draft = viva_bank_draft_new ("Blank");
  guint level = viva_bank_draft_ensure_level (draft, 0, "Level");
  const char *blanks[] = { "", "   \n\n\t", "<br><div></div>", "\xff\xfe" };

  for (guint i = 0; i < G_N_ELEMENTS (blanks); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (viva_bank_draft_add_question (draft, level, NULL, 1, blanks[i], NULL, &error));
      g_assert_error (error, VIVA_BANK_ERROR, VIVA_BANK_ERROR_MALFORMED);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (viva_bank_draft_add_question (draft, level, NULL, 0, "Zero", NULL, &error));
    g_assert_error (error, VIVA_BANK_ERROR, VIVA_BANK_ERROR_MALFORMED);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (viva_bank_draft_add_question (draft, level + 1, NULL, 1, "No level", NULL, &error));
    g_assert_error (error, VIVA_BANK_ERROR, VIVA_BANK_ERROR_MALFORMED);
  }
  g_assert_cmpuint (viva_bank_draft_get_n_questions (draft), ==, 0);
}

static void
test_draft_duplicate (void)
{
  g_autoptr(VivaBankDraft) draft = viva_bank_draft_new ("Dup");
  g_autoptr(GError) error = NULL;
  guint level = viva_bank_draft_ensure_level (draft, 0, "Level");

  g_assert_true (viva_bank_draft_add_question (draft, level, NULL, 5, "Five", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (viva_bank_draft_add_question (draft, level, "Other", 5, "Five again", NULL, &error));
  g_assert_error (error, VIVA_BANK_ERROR, VIVA_BANK_ERROR_DUPLICATE);
  g_assert_cmpuint (viva_bank_draft_get_n_questions (draft), ==, 1);
  g_assert_cmpuint (viva_bank_draft_get_max_number (draft), ==, 5);
  g_assert_true (viva_bank_draft_has_number (draft, 5));
  g_assert_false (viva_bank_draft_has_number (draft, 4));
}

static void
test_draft_levels (void)
{
  g_autoptr(VivaBankDraft) draft = viva_bank_draft_new ("Levels");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(VivaBank) bank = NULL;
  VivaLevel *level;

  g_assert_cmpuint (viva_bank_draft_ensure_level (draft, 0, "Asked in Interviews"), ==, 1);
  g_assert_cmpuint (viva_bank_draft_ensure_level (draft, 0, "asked in interviews"), ==, 1);
  g_assert_cmpuint (viva_bank_draft_ensure_level (draft, 7, "Seven (Hard)"), ==, 7);
  g_assert_cmpuint (viva_bank_draft_ensure_level (draft, 0, "Next"), ==, 8);
  g_assert_true (viva_bank_draft_add_question (draft, 7, NULL, 1, "In seven", NULL, &error));
  g_assert_true (viva_bank_draft_add_question (draft, 1, NULL, 2, "In one", NULL, &error));
  g_assert_no_error (error);

  /* Levels without questions are not written: the parser would keep
   * them, but the bank would show an empty level. */
  bytes = viva_bank_draft_to_markdown (draft, NULL, NULL);
  bank = parse_bytes (bytes);
  level = viva_question_get_level (viva_bank_lookup_question (bank, 1));
  g_assert_cmpstr (viva_level_get_name (level), ==, "Seven (Hard)");
  g_assert_cmpuint (viva_level_get_number (level), ==, 7);
}

static void
test_draft_remove_empties_topic (void)
{
  g_autoptr(VivaBankDraft) draft = viva_bank_draft_new ("Remove");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(VivaBank) bank = NULL;
  guint one = viva_bank_draft_ensure_level (draft, 0, "One");
  guint two = viva_bank_draft_ensure_level (draft, 0, "Two");
  const char *topic = NULL;
  guint level = 0;

  g_assert_true (viva_bank_draft_add_question (draft, one, "Strings", 1, "S1", NULL, &error));
  g_assert_true (viva_bank_draft_add_question (draft, one, "Lists", 2, "L1", NULL, &error));
  g_assert_true (viva_bank_draft_add_question (draft, one, NULL, 3, "Direct", NULL, &error));
  g_assert_true (viva_bank_draft_add_question (draft, two, "Only", 4, "O1", NULL, &error));
  g_assert_no_error (error);

  /* Questions without a topic come first in their level. */
  g_assert_cmpuint (viva_bank_draft_get_question (draft, 0, &level, NULL, &topic, NULL, NULL), ==, 3);
  g_assert_null (topic);
  g_assert_cmpuint (level, ==, one);

  g_assert_true (viva_bank_draft_remove_question (draft, 2));
  g_assert_false (viva_bank_draft_remove_question (draft, 2));
  g_assert_true (viva_bank_draft_remove_question (draft, 4));

  bytes = viva_bank_draft_to_markdown (draft, NULL, NULL);
  bank = parse_bytes (bytes);
  g_assert_cmpuint (viva_bank_get_n_levels (bank), ==, 1);
  g_assert_cmpuint (viva_bank_get_n_topics (bank), ==, 1);
  g_assert_cmpuint (viva_bank_get_n_questions (bank), ==, 2);
  g_assert_null (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "Lists"));

  /* Moving to another topic keeps the number; staying keeps the place. */
  g_assert_true (viva_bank_draft_replace_question (draft, 3, one, "Strings", "Moved", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (viva_bank_draft_get_question (draft, 1, NULL, NULL, &topic, NULL, NULL), ==, 3);
  g_assert_cmpstr (topic, ==, "Strings");
  g_assert_true (viva_bank_draft_replace_question (draft, 1, one, "Strings", "Edited", NULL, &error));
  g_assert_cmpuint (viva_bank_draft_get_question (draft, 0, NULL, NULL, NULL, NULL, NULL), ==, 1);
}

static void
test_empty_draft (void)
{
  g_autoptr(VivaBankDraft) draft = viva_bank_draft_new ("My # Questions");
  g_autoptr(GBytes) bytes = viva_bank_draft_to_markdown (draft, NULL, NULL);

  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   "# My \\# Questions\n", strlen ("# My \\# Questions\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bank-writer/round-trip/bundled", test_round_trip_bundled);
  g_test_add_func ("/bank-writer/round-trip/hostile-spans", test_round_trip_hostile_spans);
  g_test_add_func ("/bank-writer/round-trip/hostile-text", test_round_trip_hostile_text);
  g_test_add_func ("/bank-writer/round-trip/large", test_round_trip_large);
  g_test_add_func ("/bank-writer/round-trip/answers", test_round_trip_answers);
  g_test_add_func ("/bank-writer/round-trip/hostile-answers", test_round_trip_hostile_answers);
  g_test_add_func ("/bank-writer/notes-extra", test_notes_extra);
  g_test_add_func ("/bank-writer/draft/blank-refused", test_blank_refused);
  g_test_add_func ("/bank-writer/draft/duplicate", test_draft_duplicate);
  g_test_add_func ("/bank-writer/draft/levels", test_draft_levels);
  g_test_add_func ("/bank-writer/draft/remove-empties-topic", test_draft_remove_empties_topic);
  g_test_add_func ("/bank-writer/draft/empty", test_empty_draft);

  return g_test_run ();
}
