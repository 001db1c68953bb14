/* viva-test-bank.c
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
#include "viva-test-bank.h"

/* The question lines of the bundled bank, as Markdown, to build large
 * banks from text with the bank's own vocabulary. */
GPtrArray *
viva_test_bundled_question_lines (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *questions = g_ptr_array_new_with_free_func (g_free);

  bytes = g_resource_lookup_data (viva_get_resource (), VIVA_BUNDLED_BANK_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);

  lines = g_strsplit (g_bytes_get_data (bytes, NULL), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *text;

      if (!g_str_has_prefix (lines[i], "**Question "))
        continue;

      text = strstr (lines[i], ":** ");
      g_assert_nonnull (text);
      g_ptr_array_add (questions, g_strdup (text + 4));
    }

  g_assert_cmpuint (questions->len, ==, 415);

  return questions;
}

/**
 * viva_test_generate_bank:
 * @n_questions: how many questions, numbered from 1
 *
 * A bank of 10 levels of 20 topics, whose questions are the bundled
 * bank's, each asked again with a variant name (so that every term has
 * realistic frequencies). 100,000 questions make about 12 MiB.
 *
 * Returns: (transfer full): the bank's Markdown
 */
GBytes *
viva_test_generate_bank (guint n_questions)
{
  g_autoptr(GPtrArray) lines = viva_test_bundled_question_lines ();
  GString *markdown = g_string_new ("# Generated bank\n\n");
  guint per_topic = MAX (1, (n_questions + 199) / 200);
  guint number = 1;

  for (guint level = 1; level <= 10 && number <= n_questions; level++)
    {
      g_string_append_printf (markdown, "## Level %u: Generated (Questions)\n{#level-%u}\n\n---\n\n", level, level);
      for (guint topic = 1; topic <= 20 && number <= n_questions; topic++)
        {
          g_string_append_printf (markdown, "### Topic %u.%u\n{#topic-%u-%u}\n\n", level, topic, level, topic);
          for (guint q = 0; q < per_topic && number <= n_questions; q++, number++)
            g_string_append_printf (markdown, "**Question %u:** %s (Variant `name_%u`.)\n<br>\n\n",
                                    number, (const char *) g_ptr_array_index (lines, number % lines->len),
                                    number % 997);
        }
    }

  return g_string_free_to_bytes (markdown);
}

/**
 * viva_test_add_notes:
 * @store: the notes store
 * @bank: a bank
 * @every: one question in @every gets a note
 *
 * Writes a note of a few lines on every @every-th question, as a student
 * would: a summary, a code line, a reminder. Some are starred, some
 * Learning or Confident.
 *
 * Returns: how many notes were written
 */
guint
viva_test_add_notes (VivaNotesStore *store,
                     VivaBank       *bank,
                     guint           every)
{
  GListModel *questions = viva_bank_get_questions (bank);
  guint n = g_list_model_get_n_items (questions);
  guint written = 0;

  for (guint i = 0; i < n; i += every)
    {
      g_autoptr(VivaQuestion) question = g_list_model_get_item (questions, i);
      guint number = viva_question_get_number (question);
      VivaNote *note = viva_notes_store_get_note (store, viva_bank_get_id (bank), number);
      g_autofree char *text = NULL;

      text = g_strdup_printf ("# Answer %u\n\n"
                              "Key idea: explain it in two sentences, then give an example.\n"
                              "```python\nresult = solve_%u(data)\n```\n"
                              "- Remember the edge cases (empty input, None).\n"
                              "- Interviewer asked a follow-up about complexity: O(n log n).\n",
                              number, number % 101);
      viva_note_set_text (note, text);
      if (number % 3 == 0)
        viva_note_set_starred (note, TRUE);
      viva_note_set_status (note, (VivaStatus) (number % 3));
      written++;
    }

  return written;
}
