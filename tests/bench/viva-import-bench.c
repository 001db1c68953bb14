/* viva-import-bench.c
 *
 * build-aux/bench's import figures: a generated 10 MB Markdown list
 * (numbered headings under level and topic headings, each answer a
 * paragraph, a list and a Python block) and a 100,000-row CSV (answers
 * with commas, quotes and newlines, level and topic columns), both made
 * of the bundled bank's questions. For each: read and recognise
 * (viva_import_bytes(), what the dialog's worker does), write and
 * validate (the bank's Markdown written and parsed back, what saving
 * does), and the process's peak RSS. One case per process, so that each
 * peak is its own. Prints key=value lines; asserts nothing.
 *
 *   viva-import-bench markdown|csv
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include "viva-bank.h"
#include "viva-bench-data.h"
#include "viva-import.h"

#define MARKDOWN_BYTES (10 * 1024 * 1024)
#define CSV_ROWS       100000

static GBytes *
make_markdown (GPtrArray *questions)
{
  GString *out = g_string_sized_new (MARKDOWN_BYTES + 4096);
  guint n = 0;

  g_string_append (out, "# Generated Python Questions\n\n");
  while (out->len < MARKDOWN_BYTES)
    {
      const char *text = g_ptr_array_index (questions, n % questions->len);

      if (n % 2000 == 0)
        g_string_append_printf (out, "## Part %u\n\n", n / 2000 + 1);
      if (n % 100 == 0)
        g_string_append_printf (out, "### Section %u\n\n", n / 100 + 1);
      n++;
      g_string_append_printf (out,
                              "#### %u. %s\n\n"
                              "The short answer: it depends on what `x` holds, and on the version.\n\n"
                              "- first, check the type\n- then, the value\n\n"
                              "```python\ndef answer_%u(x):\n    return [item for item in x if item]\n```\n\n",
                              n, text, n);
    }

  return g_string_free_to_bytes (out);
}

static GBytes *
make_csv (GPtrArray *questions)
{
  GString *out = g_string_sized_new (CSV_ROWS * 160);

  g_string_append (out, "Number,Level,Topic,Question,Answer\r\n");
  for (guint n = 0; n < CSV_ROWS; n++)
    {
      g_autofree char *text = g_strdup (g_ptr_array_index (questions, n % questions->len));
      g_autoptr(GString) quoted = g_string_new (NULL);

      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (quoted, '"');
          g_string_append_c (quoted, *p);
        }

      g_string_append_printf (out,
                              "%u,Level %u,Topic %u,\"%s\",\"It depends, as \"\"always\"\":\r\nfirst the type, then the value.\"\r\n",
                              n + 1, n / 20000 + 1, n / 500 + 1, quoted->str);
    }

  return g_string_free_to_bytes (out);
}

static glong
peak_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);

  return usage.ru_maxrss;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) questions = NULL;
  g_autoptr(GBytes) input = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(VivaImportResult) result = NULL;
  g_autoptr(VivaBank) bank = NULL;
  g_autoptr(GError) error = NULL;
  const char *which = argc > 1 ? argv[1] : "markdown";
  gboolean csv = g_str_equal (which, "csv");
  gint64 start, recognised, saved;
  glong rss_before;

  questions = viva_bench_bundled_question_lines (&error);
  if (questions == NULL)
    g_error ("%s", error->message);

  input = csv ? make_csv (questions) : make_markdown (questions);
  rss_before = peak_rss_kib ();

  start = g_get_monotonic_time ();
  result = viva_import_bytes (input, csv ? "bench.csv" : "bench.md", NULL, NULL, NULL, &error);
  recognised = g_get_monotonic_time ();
  if (result == NULL)
    g_error ("%s", error->message);

  written = viva_bank_draft_to_markdown (viva_import_result_get_draft (result), NULL, NULL);
  bank = viva_bank_new_from_bytes (written, "bench", &error);
  saved = g_get_monotonic_time ();
  if (bank == NULL)
    g_error ("%s", error->message);

  g_print ("%s.input-bytes=%" G_GSIZE_FORMAT "\n", which, g_bytes_get_size (input));
  g_print ("%s.questions=%u\n", which, viva_bank_get_n_questions (bank));
  g_print ("%s.answered=%u\n", which, viva_import_result_get_n_answered (result));
  g_print ("%s.recognise-ms=%.1f\n", which, (recognised - start) / 1000.0);
  g_print ("%s.write-validate-ms=%.1f\n", which, (saved - recognised) / 1000.0);
  g_print ("%s.total-ms=%.1f\n", which, (saved - start) / 1000.0);
  g_print ("%s.input-rss-kib=%ld\n", which, rss_before);
  g_print ("%s.peak-rss-kib=%ld\n", which, peak_rss_kib ());

  return 0;
}
