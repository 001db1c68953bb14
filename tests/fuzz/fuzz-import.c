/* fuzz-import.c
 *
 * Fuzz target: any bytes, imported as a file the user picked (every
 * importer of src/import/: Viva's own format, Markdown with numbered or
 * prefixed headings, <details> blocks or a list, CSV, TSV and Anki's
 * text export). The first byte picks the file's name, since the name
 * picks the importer for tables (.csv, .tsv, .txt with a tab); Markdown's
 * shapes and Anki's header are recognised from the rest, the content.
 *
 * What imports, saves as the bank Viva writes (viva_import_save_async()
 * writes viva_bank_draft_to_markdown()), and that bank parses back with
 * the same title, questions, numbers, levels, topics and answers, in
 * the same order. Built with libFuzzer by build-aux/fuzz;
 * every build replays corpus/import/ with fuzz-replay.c as an ordinary
 * test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-bank-fuzz.h"
#include "viva-fuzz-target.h"
#include "viva-import.h"

/* The first byte modulo their number; NULL: a file with no name. */
static const char * const file_names[] = {
  "questions.md",
  "questions.csv",
  "questions.tsv",
  "questions.txt",
  NULL,
};

static void
check_error (const GError *error)
{
  g_assert_true (error->domain == VIVA_IMPORT_ERROR);
  g_assert_nonnull (error->message);
  g_assert_cmpuint (strlen (error->message), >, 0);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* The bank written from @draft holds what the draft held. */
static void
check_saved (VivaBankDraft *draft,
             GBytes        *saved)
{
  g_autoptr(VivaBank) bank = NULL;
  g_autoptr(GError) error = NULL;
  guint n = viva_bank_draft_get_n_questions (draft);

  bank = viva_bank_new_from_bytes (saved, "imported", &error);
  if (bank == NULL)
    g_error ("an imported bank does not parse back: %s\n%.*s", error->message,
             (int) MIN (g_bytes_get_size (saved), 4000), (const char *) g_bytes_get_data (saved, NULL));
  viva_fuzz_check_parse (bank, NULL);

  g_assert_cmpstr (viva_bank_get_title (bank), ==, viva_bank_draft_get_title (draft));
  g_assert_cmpuint (viva_bank_get_n_questions (bank), ==, n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VivaQuestion) question = g_list_model_get_item (viva_bank_get_questions (bank), i);
      VivaTopic *topic = viva_question_get_topic (question);
      guint level = 0;
      const char *level_name = NULL;
      const char *topic_name = NULL;
      const char *answer = NULL;
      guint number = viva_bank_draft_get_question (draft, i, &level, &level_name, &topic_name, NULL, &answer);

      g_assert_cmpuint (viva_question_get_number (question), ==, number);
      g_assert_cmpuint (viva_level_get_number (viva_question_get_level (question)), ==, level);
      g_assert_cmpstr (viva_level_get_name (viva_question_get_level (question)), ==, level_name);
      g_assert_cmpstr (topic != NULL ? viva_topic_get_name (topic) : NULL, ==, topic_name);
      g_assert_cmpstr (viva_question_get_answer (question), ==, answer);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(VivaImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) saved = NULL;
  const char *file_name;
  const char * const *notices;
  VivaBankDraft *draft;

  if (size == 0)
    return 0;

  file_name = file_names[data[0] % G_N_ELEMENTS (file_names)];
  bytes = g_bytes_new (data + 1, size - 1);

  result = viva_import_bytes (bytes, file_name, NULL, NULL, NULL, &error);
  g_assert_true ((result == NULL) != (error == NULL));
  if (result == NULL)
    {
      check_error (error);
      return 0;
    }

  g_assert_true (g_utf8_validate (viva_import_result_get_title (result), -1, NULL));
  notices = viva_import_result_get_notices (result);
  for (guint i = 0; notices[i] != NULL; i++)
    g_assert_true (g_utf8_validate (notices[i], -1, NULL));

  /* What the preview says is what the bank will hold. */
  draft = viva_import_result_get_draft (result);
  g_assert_nonnull (draft);
  g_assert_cmpuint (viva_import_result_get_n_questions (result), ==, viva_bank_draft_get_n_questions (draft));
  g_assert_cmpuint (viva_import_result_get_n_questions (result), >, 0);
  g_assert_cmpuint (viva_import_result_get_n_levels (result), >, 0);
  g_assert_cmpuint (viva_import_result_get_n_answered (result), <=, viva_import_result_get_n_questions (result));

  saved = viva_bank_draft_to_markdown (draft, NULL, NULL);
  check_saved (draft, saved);

  return 0;
}
