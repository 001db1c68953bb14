/* fuzz-answer-markdown.c
 *
 * Fuzz target: any bytes as an answer (src/bank/viva-answer.c): they are
 * normalized, and both they and the result are read into blocks, HTML
 * and plain text. Checks what the widgets, Anki and the bank writer rely
 * on: the canonical form is valid UTF-8, within the cap, and a fixed
 * point; block markup is well-formed Pango markup; HTML has no raw tab or
 * newline. Built with libFuzzer by build-aux/fuzz; every build replays
 * corpus/answer-markdown/ with fuzz-replay.c as an ordinary test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-answer.h"
#include "viva-fuzz-target.h"

static void
check_read (const char *answer)
{
  static const GMarkupParser parser = { 0 };
  g_autoptr(GPtrArray) blocks = viva_answer_parse_blocks (answer);
  g_autofree char *html = viva_answer_to_html (answer);
  g_autofree char *plain = viva_answer_to_plain_text (answer);

  for (guint i = 0; i < blocks->len; i++)
    {
      const VivaAnswerBlock *block = g_ptr_array_index (blocks, i);
      g_autoptr(GMarkupParseContext) context = NULL;
      g_autofree char *wrapped = NULL;

      g_assert_nonnull (block->text);
      g_assert_true (g_utf8_validate (block->text, -1, NULL));
      g_assert_cmpuint (block->depth, <=, VIVA_ANSWER_MAX_DEPTH);
      if (block->kind == VIVA_ANSWER_BLOCK_CODE)
        {
          g_assert_null (block->markup);
          g_assert_nonnull (block->language);
          continue;
        }

      wrapped = g_strdup_printf ("<markup>%s</markup>", block->markup);
      context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
      g_assert_true (g_markup_parse_context_parse (context, wrapped, -1, NULL));
      g_assert_true (g_markup_parse_context_end_parse (context, NULL));
    }

  g_assert_null (strchr (html, '\t'));
  g_assert_null (strchr (html, '\n'));
  g_assert_true (g_utf8_validate (html, -1, NULL));
  g_assert_true (g_utf8_validate (plain, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *answer = viva_answer_normalize ((const char *)data, size);
  g_autofree char *terminated = g_strndup ((const char *)data, size);

  if (answer != NULL)
    {
      g_autofree char *again = viva_answer_normalize (answer, strlen (answer));

      g_assert_true (g_utf8_validate (answer, -1, NULL));
      g_assert_cmpuint (strlen (answer), <=, VIVA_ANSWER_MAX_SIZE);
      g_assert_cmpstr (again, ==, answer);
      check_read (answer);
    }

  /* Whatever a caller hands the readers, normalized or not. */
  if (g_utf8_validate (terminated, -1, NULL))
    check_read (terminated);

  return 0;
}
