/* fuzz-challenge-results.c
 *
 * Fuzz target: any bytes, read as the results a run of the challenge
 * driver wrote to its file descriptor 3 (a process that ran the user's
 * code wrote them), as a challenges.json, and as results saved in a
 * session file; results that read are summed up, written as Markdown,
 * saved as JSON and read back. Built
 * with libFuzzer by build-aux/fuzz; every build replays
 * corpus/challenge-results/ with fuzz-replay.c as an ordinary test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-challenge.h"
#include "viva-data-file.h"
#include "viva-fuzz-target.h"

/* The cases the run was sent, made on the first input. */
static GPtrArray *
get_cases (void)
{
  static GPtrArray *cases;

  if (cases == NULL)
    {
      cases = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_code_case_free);
      g_ptr_array_add (cases, viva_code_case_new ("first", "f(1)"));
      g_ptr_array_add (cases, viva_code_case_new ("second", "f(2)"));
      g_ptr_array_add (cases, viva_code_case_new ("third", "f(3)"));
    }

  return cases;
}

static void
check_text (const char *text)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    g_error ("a result holds text that is not UTF-8");
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaChallengeResults) results = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(VivaChallengeSet) set = NULL;
  GPtrArray *cases = get_cases ();

  results = viva_challenge_results_parse ((const char *) data, size, cases, &error);
  if ((results == NULL) == (error == NULL))
    g_error ("results and error disagree");

  if (results != NULL)
    {
      g_autofree char *summary = NULL;
      g_autofree char *markdown = NULL;
      VivaJsonWriter writer;
      g_autoptr(GBytes) saved = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(VivaChallengeResults) back = NULL;

      /* The cases sent, then those the driver found in the code. */
      if (results->cases->len < cases->len || results->cases->len > VIVA_CHALLENGE_MAX_CASES)
        g_error ("%u results for %u cases", results->cases->len, cases->len);
      check_text (results->load_error);
      for (guint i = 0; i < results->cases->len; i++)
        {
          const VivaCaseResult *result = g_ptr_array_index (results->cases, i);

          if (result->status > VIVA_CASE_NOT_RUN || result->output == NULL)
            g_error ("result %u is not whole", i);
          if (result->status == VIVA_CASE_ERROR && result->error == NULL)
            g_error ("result %u is an error without a message", i);
          check_text (result->actual);
          check_text (result->output);
          check_text (result->error);
        }

      /* Whatever was read sums up, becomes Markdown, and is saved and
       * read back as it was, as a session file keeps it. */
      summary = viva_challenge_results_dup_summary (results);
      markdown = viva_challenge_results_to_markdown (results);
      check_text (summary);
      check_text (markdown);
      viva_json_writer_init (&writer, 256);
      if (!viva_challenge_results_write (results, &writer))
        g_error ("results read from UTF-8 JSON do not write");
      saved = viva_json_writer_free_to_bytes (&writer);
      if (!json_parser_load_from_data (parser, g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), &error))
        g_error ("saved results are not JSON: %s", error->message);
      back = viva_challenge_results_new_from_json (json_parser_get_root (parser), VIVA_CHALLENGE_ERROR, &error);
      if (back == NULL)
        g_error ("saved results do not read back: %s", error->message);
      if (back->cases->len != results->cases->len || back->complete != results->complete ||
          g_strcmp0 (back->load_error, results->load_error) != 0)
        g_error ("saved results read back different");
    }
  g_clear_error (&error);

  /* As results saved in a session file: the file's reader checks the
   * size and depth first, then hands the results' node over. */
  {
    JsonObject *root = NULL;
    g_autoptr(JsonParser) saved_parser = viva_data_file_parse_json ((const char *) data, size, 16,
                                                                   VIVA_CHALLENGE_ERROR, &root, NULL);
    g_autoptr(VivaChallengeResults) saved = NULL;

    if (saved_parser != NULL && root != NULL)
      {
        saved = viva_challenge_results_new_from_json (json_parser_get_root (saved_parser),
                                                      VIVA_CHALLENGE_ERROR, &error);
        if ((saved == NULL) == (error == NULL))
          g_error ("saved results and error disagree");
        if (saved != NULL)
          {
            g_autofree char *summary = viva_challenge_results_dup_summary (saved);
            g_autofree char *markdown = viva_challenge_results_to_markdown (saved);

            check_text (summary);
            check_text (markdown);
          }
        g_clear_error (&error);
      }
  }

  bytes = g_bytes_new (data, size);
  set = viva_challenge_set_new_from_bytes (bytes, &error);
  if ((set == NULL) == (error == NULL))
    g_error ("challenges and error disagree");

  for (guint i = 0; set != NULL && i < viva_challenge_set_get_n_challenges (set); i++)
    {
      VivaChallenge *challenge = viva_challenge_set_get_challenge (set, i);
      g_autoptr(GPtrArray) all = viva_challenge_collect_cases (challenge, NULL);
      g_autoptr(GBytes) json = viva_challenge_build_cases_json (challenge, all, 0);

      if (viva_challenge_set_lookup (set, viva_challenge_get_question (challenge)) != challenge)
        g_error ("challenge %u is not found by its question", i);
      /* What was read as UTF-8 JSON writes back. */
      if (json == NULL)
        g_error ("the cases of challenge %u do not write", i);
    }

  return 0;
}
