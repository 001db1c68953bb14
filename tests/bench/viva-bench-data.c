/* viva-bench-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-bank.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-question.h"
#include "viva-resources.h"

#include "viva-bench-data.h"

#define BUNDLED_N_QUESTIONS 415
#define N_LEVELS            10
#define N_TOPICS_PER_LEVEL  (VIVA_BENCH_BANK_TOPICS / N_LEVELS)

/**
 * viva_bench_bundled_question_lines:
 *
 * The question lines of the bundled bank, as Markdown, to build large
 * banks from text with the bank's own vocabulary.
 *
 * Returns: (transfer full) (element-type utf8): the 415 questions
 */
GPtrArray *
viva_bench_bundled_question_lines (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) questions = g_ptr_array_new_with_free_func (g_free);

  bytes = g_resource_lookup_data (viva_get_resource (), VIVA_BUNDLED_BANK_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  lines = g_strsplit (g_bytes_get_data (bytes, NULL), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *text;

      if (!g_str_has_prefix (lines[i], "**Question "))
        continue;

      text = strstr (lines[i], ":** ");
      if (text == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "bundled bank: line %u has no “:** ”", i + 1);
          return NULL;
        }
      g_ptr_array_add (questions, g_strdup (text + 4));
    }

  if (questions->len != BUNDLED_N_QUESTIONS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "bundled bank: %u questions, expected %u",
                   questions->len, BUNDLED_N_QUESTIONS);
      return NULL;
    }

  return g_steal_pointer (&questions);
}

/* What people write under a question: a line or two of answer, a few
 * points, often a snippet of code; 250 to 700 bytes. */
static const char *const answers[] = {
  "The short answer: it depends on whether the object is mutable.",
  "Interviewers want the trade-off, not the definition.",
  "Say what CPython does, then what the language guarantees.",
  "Start from an example; the rule follows from it.",
  "Mention complexity: O(1) on average, O(n) in the worst case.",
};

static const char *const points[] = {
  "- names are bound to objects; assignment never copies\n",
  "- `is` compares identity, `==` calls `__eq__`\n",
  "- a generator keeps its frame alive between `next()` calls\n",
  "- the GIL serialises bytecode, not I/O\n",
  "- dict keys must be hashable: `__hash__` and `__eq__` agree\n",
  "- `functools.wraps` keeps `__name__` and `__doc__`\n",
  "- context managers release in `__exit__`, even on error\n",
};

static const char *const snippets[] = {
  "```python\ndef memo(f):\n    cache = {}\n    @functools.wraps(f)\n    def wrapper(*args):\n"
  "        if args not in cache:\n            cache[args] = f(*args)\n        return cache[args]\n"
  "    return wrapper\n```\n",
  "```python\nsquares = [x * x for x in range(10) if x % 2]\nlazy = (x * x for x in range(10))\n```\n",
  "```python\nwith open(path) as f:\n    data = f.read()\n```\n",
  "",
};

static char *
note_text (VivaQuestion *question,
           guint         index)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "**%s**\n\n%s\n\n",
                          viva_question_get_text (question),
                          answers[index % G_N_ELEMENTS (answers)]);
  for (guint i = 0; i < 2 + index % 3; i++)
    g_string_append (text, points[(index + i) % G_N_ELEMENTS (points)]);
  g_string_append_c (text, '\n');
  g_string_append (text, snippets[index % G_N_ELEMENTS (snippets)]);
  if (index % 5 == 0)
    g_string_append (text, "\nRevisit before the interview — asked twice last time ✓\n");

  return g_string_free (text, FALSE);
}

/* An answer as a bank carries it, from the same pieces as the notes. */
static void
append_answer (GString *markdown,
               guint    index)
{
  g_string_append_printf (markdown, "**Answer:** %s\n\n", answers[index % G_N_ELEMENTS (answers)]);
  for (guint i = 0; i < 2; i++)
    g_string_append (markdown, points[(index + i) % G_N_ELEMENTS (points)]);
  g_string_append_c (markdown, '\n');
  if (snippets[index % G_N_ELEMENTS (snippets)][0] != '\0')
    {
      g_string_append (markdown, snippets[index % G_N_ELEMENTS (snippets)]);
      g_string_append_c (markdown, '\n');
    }
}

static GBytes *generate_bank (guint n_questions, gboolean with_answers, GError **error);

/**
 * viva_bench_generate_bank:
 * @n_questions: a multiple of %VIVA_BENCH_BANK_TOPICS
 *
 * A bank of ten levels of twenty topics made of the bundled bank's
 * questions, each asked again every 415 questions with a variant name
 * (so that every word has realistic frequencies, and each question has
 * many relatives to rank). At 100,000 questions it is 17 MiB.
 *
 * Returns: (transfer full): the bank's Markdown
 */
GBytes *
viva_bench_generate_bank (guint    n_questions,
                          GError **error)
{
  return generate_bank (n_questions, FALSE, error);
}

/**
 * viva_bench_generate_bank_with_answers:
 * @n_questions: a multiple of %VIVA_BENCH_BANK_TOPICS
 *
 * viva_bench_generate_bank() with an answer after every question, in
 * the bank format's "**Answer:**" paragraph: a sentence, a few points
 * and, for three questions in four, a code block (about 300 bytes).
 *
 * Returns: (transfer full): the bank's Markdown
 */
GBytes *
viva_bench_generate_bank_with_answers (guint    n_questions,
                                       GError **error)
{
  return generate_bank (n_questions, TRUE, error);
}

static GBytes *
generate_bank (guint      n_questions,
               gboolean   with_answers,
               GError   **error)
{
  g_autoptr(GPtrArray) lines = NULL;
  GString *markdown;
  guint per_topic;
  guint number = 1;

  g_return_val_if_fail (n_questions > 0 && n_questions % VIVA_BENCH_BANK_TOPICS == 0, NULL);

  lines = viva_bench_bundled_question_lines (error);
  if (lines == NULL)
    return NULL;

  per_topic = n_questions / VIVA_BENCH_BANK_TOPICS;
  markdown = g_string_sized_new ((gsize) n_questions * (with_answers ? 500 : 180));
  g_string_append (markdown, "# Generated bank\n\n");

  for (guint level = 1; level <= N_LEVELS; level++)
    {
      g_string_append_printf (markdown, "## Level %u: Generated (Questions)\n{#level-%u}\n\n---\n\n", level, level);
      for (guint topic = 1; topic <= N_TOPICS_PER_LEVEL; topic++)
        {
          g_string_append_printf (markdown, "### Topic %u.%u\n{#topic-%u-%u}\n\n", level, topic, level, topic);
          for (guint q = 0; q < per_topic; q++, number++)
            {
              g_string_append_printf (markdown, "**Question %u:** %s (Variant `name_%u`.)\n<br>\n\n",
                                      number, (const char *) g_ptr_array_index (lines, number % lines->len),
                                      number % 997);
              if (with_answers)
                append_answer (markdown, number);
            }
        }
    }

  return g_string_free_to_bytes (markdown);
}

/**
 * viva_bench_add_notes:
 * @store: where the notes go
 * @bank: whose questions they are about
 * @every: one question in @every gets a note (10: a tenth)
 *
 * Writes notes as a user who studied the bank would have: text on each,
 * a status, a star on some, and for a third of them a few reviews.
 *
 * Returns: how many notes were added
 */
guint
viva_bench_add_notes (VivaNotesStore *store,
                      VivaBank       *bank,
                      guint           every)
{
  /* 2026-01-05T00:00:00Z, one day apart: a fixed history. */
  const gint64 first_review = G_GINT64_CONSTANT (1767571200) * G_USEC_PER_SEC;
  GListModel *questions = viva_bank_get_questions (bank);
  guint n = g_list_model_get_n_items (questions);
  guint n_notes = 0;

  g_return_val_if_fail (every > 0, 0);

  for (guint i = 0; i < n; i += every, n_notes++)
    {
      g_autoptr(VivaQuestion) question = g_list_model_get_item (questions, i);
      g_autofree char *text = note_text (question, n_notes);
      VivaNote *note = viva_notes_store_get_note (store, viva_bank_get_id (bank),
                                                  viva_question_get_number (question));

      viva_note_set_text (note, text);
      viva_note_set_status (note, (VivaStatus) (1 + n_notes % 2));
      viva_note_set_starred (note, n_notes % 7 == 0);

      if (n_notes % 3 == 0)
        {
          for (guint r = 0; r < 1 + n_notes % 4; r++)
            viva_note_review (note,
                              (VivaReviewGrade) (VIVA_REVIEW_GRADE_HARD + (n_notes + r) % 3),
                              r == 0 && n_notes % 2 ? VIVA_REVIEW_SOURCE_MOCK : VIVA_REVIEW_SOURCE_REVIEW,
                              first_review + r * G_TIME_SPAN_DAY + n_notes * G_USEC_PER_SEC);
        }
    }

  return n_notes;
}
