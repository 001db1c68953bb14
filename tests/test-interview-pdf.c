/* test-interview-pdf.c
 *
 * The interview report as a hiring panel reads it: a PDF of several
 * pages that says who was interviewed, the verdict and the notes as
 * taken, with no line cut by the end of a page; an export that fails
 * leaves nothing behind; printing lays out the same pages. The PDF is
 * read back with poppler's pdftotext, which build-aux/setup installs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "viva-clock.h"
#include "viva-interview.h"
#include "viva-interview-pdf.h"

#define MINUTES(n) ((gint64) (n) * 60 * G_USEC_PER_SEC)
#define SECONDS(n) ((gint64) (n) * G_USEC_PER_SEC)

/* The report's margin, in points: no text may cross its lines. */
#define PAGE_MARGIN 54.0

static const char *paragraphs[] = {
  "Opened with a warm-up on mutable and immutable types. Explained that tuples "
  "are immutable but can hold mutable objects, and showed it with a list inside "
  "a tuple without being asked. Clear, calm, precise vocabulary throughout.",
  "Moved to dictionaries: knew that keys must be hashable, explained why a list "
  "cannot be a key, and sketched how a hash table resolves collisions with open "
  "addressing. Mentioned that dicts keep insertion order since Python 3.7.",
  "Asked about the cost of membership tests: answered O(1) on average for sets and "
  "dicts and O(n) for lists, and suggested converting a list to a set before a loop "
  "of lookups. Good instinct for performance without premature optimisation.",
  "Follow-up on generators: wrote a generator that yields the Fibonacci numbers, "
  "then turned it into a generator expression where it made sense. Hesitated on "
  "send() and throw(), but reasoned her way to the right answer.",
  "Discussed the GIL: knew it serialises bytecode execution, that threads still help "
  "with I/O-bound work, and that multiprocessing or native extensions are the way "
  "out for CPU-bound work. Asked a good question back about free-threaded builds.",
  "Wrapped up with testing: uses pytest fixtures and parametrisation, mocks at the "
  "boundaries only, and prefers small pure functions that are easy to test. "
  "Strong signal overall on this topic; would like to see more on packaging.",
};

/* Notes typed paragraph after paragraph while the clock runs, so that
 * each carries its stamp. */
static void
take_notes (VivaInterview *interview,
            VivaClock     *clock,
            guint          index)
{
  g_autoptr(GString) notes = g_string_new (NULL);

  g_assert_true (viva_interview_set_current (interview, index));

  for (guint i = 0; i < G_N_ELEMENTS (paragraphs); i++)
    {
      viva_clock_advance (clock, SECONDS (65));
      if (notes->len > 0)
        g_string_append (notes, "\n\n");
      g_string_append (notes, paragraphs[i]);
      g_assert_true (viva_interview_stamp_item_notes (interview, index, notes->str));
      g_string_assign (notes, viva_interview_item_get_notes (viva_interview_get_item (interview, index)));
    }
}

static VivaInterview *
build_interview (VivaClock *clock)
{
  VivaInterview *interview = viva_interview_new (clock);

  g_assert_true (viva_interview_set_candidate (interview, "Ada Lovelace"));
  g_assert_true (viva_interview_set_role (interview, "Senior Python Engineer"));
  g_assert_true (viva_interview_set_interviewer (interview, "Charles Babbage"));
  g_assert_true (viva_interview_set_date (interview, SECONDS (1790000000)));
  g_assert_true (viva_interview_set_total_budget (interview, MINUTES (20)));

  g_assert_true (viva_interview_append (interview, 12, "What is the difference between a list and a tuple?",
                                        MINUTES (5), NULL));
  g_assert_true (viva_interview_append (interview, 0,
                                        "How does a dict find a key, and what makes a good key? "
                                        "Walk me through what happens on a collision.",
                                        MINUTES (5), NULL));
  g_assert_true (viva_interview_append (interview, 40, "When would you reach for a generator?",
                                        MINUTES (10), NULL));

  g_assert_true (viva_interview_start (interview));
  for (guint i = 0; i < 3; i++)
    take_notes (interview, clock, i);
  g_assert_true (viva_interview_finish (interview));

  g_assert_true (viva_interview_set_item_rating (interview, 0, VIVA_INTERVIEW_RATING_STRONG_YES));
  g_assert_true (viva_interview_set_item_rating (interview, 1, VIVA_INTERVIEW_RATING_YES));
  g_assert_true (viva_interview_set_item_rating (interview, 2, VIVA_INTERVIEW_RATING_NO));
  g_assert_true (viva_interview_set_recommendation (interview, VIVA_INTERVIEW_RATING_STRONG_YES));
  g_assert_true (viva_interview_set_takeaways (interview,
                                               "Deep, practical knowledge of Python's data model.\n\n"
                                               "Explains trade-offs clearly and asks good questions."));
  g_assert_true (viva_interview_set_summary (interview,
                                             "A strong candidate for the senior role; the only gap was "
                                             "generators' less common methods."));

  return interview;
}

/* The text pdftotext reads from @path, pages separated by form feeds;
 * NULL with the test skipped when pdftotext is not installed. */
static char *
pdf_text (const char *path,
          gboolean    bbox)
{
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { NULL, NULL, NULL, NULL, NULL };
  guint n = 0;

  if (program == NULL)
    {
      g_test_skip ("pdftotext is not installed (poppler-utils; build-aux/setup --test installs it)");
      return NULL;
    }

  argv[n++] = program;
  if (bbox)
    argv[n++] = "-bbox";
  argv[n++] = path;
  argv[n++] = "-";

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("pdftotext failed on %s: %s", path, err);

  return g_steal_pointer (&out);
}

static guint
count_pages (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\f')
        n++;
    }

  return n;
}

/* Every word pdftotext finds is inside the body or wholly in a margin
 * (the running header and footer): none crosses a margin's edge, which
 * is where a line cut by a page break would be. */
static void
assert_no_word_crosses_margins (const char *bbox_html)
{
  g_autoptr(GRegex) page_re = g_regex_new ("<page width=\"([0-9.]+)\" height=\"([0-9.]+)\">", 0, 0, NULL);
  g_autoptr(GRegex) word_re = g_regex_new ("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" "
                                           "xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)</word>",
                                           0, 0, NULL);
  g_autoptr(GMatchInfo) page_match = NULL;
  g_autoptr(GMatchInfo) word_match = NULL;
  g_autofree char *height_text = NULL;
  g_autofree char *width_text = NULL;
  double height;
  double width;
  guint n_words = 0;

  g_assert_true (g_regex_match (page_re, bbox_html, 0, &page_match));
  width_text = g_match_info_fetch (page_match, 1);
  height_text = g_match_info_fetch (page_match, 2);
  width = g_ascii_strtod (width_text, NULL);
  height = g_ascii_strtod (height_text, NULL);

  g_regex_match (word_re, bbox_html, 0, &word_match);
  while (g_match_info_matches (word_match))
    {
      g_autofree char *x_min = g_match_info_fetch (word_match, 1);
      g_autofree char *y_min = g_match_info_fetch (word_match, 2);
      g_autofree char *x_max = g_match_info_fetch (word_match, 3);
      g_autofree char *y_max = g_match_info_fetch (word_match, 4);
      g_autofree char *word = g_match_info_fetch (word_match, 5);
      double top = g_ascii_strtod (y_min, NULL);
      double bottom = g_ascii_strtod (y_max, NULL);

      if ((top < PAGE_MARGIN && bottom > PAGE_MARGIN) ||
          (top < height - PAGE_MARGIN && bottom > height - PAGE_MARGIN))
        g_error ("“%s” crosses a page margin (%s to %s of %g)", word, y_min, y_max, height);

      g_assert_cmpfloat (g_ascii_strtod (x_min, NULL), >=, PAGE_MARGIN - 1);
      g_assert_cmpfloat (g_ascii_strtod (x_max, NULL), <=, width - PAGE_MARGIN + 1);

      n_words++;
      g_match_info_next (word_match, NULL);
    }

  g_assert_cmpuint (n_words, >, 500);
}

static char *
read_head (const char *path,
           gsize      *size)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, size, NULL));

  return contents;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

static guint
count_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

static void
test_report (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (SECONDS (1790000000));
  g_autoptr(VivaInterview) interview = build_interview (clock);
  g_autofree char *dir = g_dir_make_tmp ("viva-pdf-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "Interview - Ada Lovelace.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autofree char *bbox = NULL;
  g_auto(GStrv) pages = NULL;
  g_autoptr(GError) error = NULL;
  char stamp[VIVA_INTERVIEW_STAMP_MAX_SIZE];
  g_autofree char *stamped_line = NULL;
  gsize size = 0;

  g_assert_true (viva_interview_write_pdf (interview, path, &error));
  g_assert_no_error (error);

  contents = read_head (path, &size);
  g_assert_cmpuint (size, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* Written through a temporary file that is gone now. */
  g_assert_cmpuint (count_entries (dir), ==, 1);

  text = pdf_text (path, FALSE);
  if (text == NULL)
    goto out;

  /* Long notes take the report past its first page, numbered. */
  g_assert_cmpuint (count_pages (text), >=, 2);
  pages = g_strsplit (text, "\f", -1);
  g_assert_nonnull (strstr (pages[0], "Interview: Ada Lovelace"));
  g_assert_nonnull (strstr (pages[0], "Senior Python Engineer"));
  g_assert_nonnull (strstr (pages[0], "Charles Babbage"));
  g_assert_nonnull (strstr (pages[0], "Page 1 of"));
  /* Later pages say whose report they belong to. */
  g_assert_true (g_str_has_prefix (g_strchug (pages[1]), "Ada Lovelace"));
  g_assert_nonnull (strstr (pages[1], "Page 2 of"));

  /* The verdict, the takeaways, and the notes with their stamps. */
  g_assert_nonnull (strstr (text, "OVERALL RECOMMENDATION"));
  g_assert_nonnull (strstr (text, viva_interview_rating_get_label (VIVA_INTERVIEW_RATING_STRONG_YES)));
  g_assert_nonnull (strstr (text, "Deep, practical knowledge"));
  viva_interview_format_stamp (SECONDS (65), stamp, sizeof stamp);
  stamped_line = g_strconcat (stamp, "Opened with a warm-up", NULL);
  g_assert_nonnull (strstr (text, stamped_line));
  /* The second question ran over its budget, and says so. */
  g_assert_nonnull (strstr (text, "over"));

  bbox = pdf_text (path, TRUE);
  assert_no_word_crosses_margins (bbox);

out:
  remove_tree (dir);
}

/* An export that cannot be written says why and leaves no file: the
 * folder is read-only. */
static void
test_read_only_folder (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (SECONDS (1790000000));
  g_autoptr(VivaInterview) interview = build_interview (clock);
  g_autofree char *dir = g_dir_make_tmp ("viva-pdf-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  if (access (dir, W_OK) == 0)
    {
      /* Root writes anywhere: the next test covers a failed write. */
      g_chmod (dir, 0700);
      remove_tree (dir);
      g_test_skip ("a read-only folder is writable for this user (root)");
      return;
    }

  g_assert_false (viva_interview_write_pdf (interview, path, &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (dir), ==, 0);

  g_chmod (dir, 0700);
  remove_tree (dir);
}

/* A write that fails at the last step (the name is taken by a folder)
 * leaves the folder as it was: no temporary file, nothing replaced. */
static void
test_failed_write_leaves_nothing (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (SECONDS (1790000000));
  g_autoptr(VivaInterview) interview = build_interview (clock);
  g_autofree char *dir = g_dir_make_tmp ("viva-pdf-XXXXXX", NULL);
  g_autofree char *taken = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *inside = g_build_filename (taken, "kept.txt", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "report.pdf", NULL);
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (taken, 0700), ==, 0);
  g_assert_true (g_file_set_contents (inside, "kept", -1, NULL));

  g_assert_false (viva_interview_write_pdf (interview, taken, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (dir), ==, 1);
  g_assert_true (g_file_get_contents (inside, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "kept");

  g_assert_false (viva_interview_write_pdf (interview, missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  remove_tree (dir);
}

/* A paragraph of notes longer than a page flows on to the next pages,
 * cut between lines, with nothing lost; a name too long for its field
 * is shortened there, never spilled over the page. */
static void
test_long_notes_flow (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (SECONDS (1790000000));
  g_autoptr(VivaInterview) interview = viva_interview_new (clock);
  g_autofree char *dir = g_dir_make_tmp ("viva-pdf-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GString) notes = g_string_new ("[00:10] ");
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *bbox = NULL;

  for (guint i = 0; i < 400; i++)
    g_string_append_printf (notes, "Sentence %u of one long paragraph typed without a break. ", i);
  g_string_append (notes, "TheLastWordOfTheNotes.");
  for (guint i = 0; i < 300; i++)
    g_string_append (name, "Lovelace ");

  g_assert_true (viva_interview_set_candidate (interview, name->str));
  g_assert_true (viva_interview_set_role (interview, name->str));
  g_assert_true (viva_interview_append (interview, 0, "Tell me about yourself.", MINUTES (5), NULL));
  g_assert_true (viva_interview_set_item_notes (interview, 0, notes->str));

  g_assert_true (viva_interview_write_pdf (interview, path, &error));
  g_assert_no_error (error);

  text = pdf_text (path, FALSE);
  if (text == NULL)
    goto out;

  g_assert_cmpuint (count_pages (text), >=, 3);
  g_assert_nonnull (strstr (text, "Sentence 0 of one long paragraph"));
  g_assert_nonnull (strstr (text, "Sentence 399 of one long paragraph"));
  g_assert_nonnull (strstr (text, "TheLastWordOfTheNotes."));

  bbox = pdf_text (path, TRUE);
  assert_no_word_crosses_margins (bbox);

out:
  remove_tree (dir);
}

/* Names, notes and questions are text, never markup. */
static void
test_untrusted_text (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (SECONDS (1790000000));
  g_autoptr(VivaInterview) interview = viva_interview_new (clock);
  g_autofree char *dir = g_dir_make_tmp ("viva-pdf-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (viva_interview_set_candidate (interview, "<b>Bobby</b> & \"Tables\""));
  g_assert_true (viva_interview_append (interview, 0, "<span>Is this <i>markup</i>?</span>", 0, NULL));
  g_assert_true (viva_interview_set_item_notes (interview, 0, "[01:00] <big>&amp;</big>"));

  g_assert_true (viva_interview_write_pdf (interview, path, &error));
  g_assert_no_error (error);

  text = pdf_text (path, FALSE);
  if (text != NULL)
    {
      g_assert_nonnull (strstr (text, "Interview: <b>Bobby</b> & \"Tables\""));
      g_assert_nonnull (strstr (text, "<span>Is this <i>markup</i>?</span>"));
      g_assert_nonnull (strstr (text, "<big>&amp;</big>"));
      /* Not rated, nothing recommended. */
      g_assert_nonnull (strstr (text, viva_interview_rating_get_label (VIVA_INTERVIEW_RATING_NONE)));
    }

  remove_tree (dir);
}


typedef struct
{
  double x_min;
  double y_min;
  double x_max;
} WordBox;

/* Where pdftotext -bbox found each occurrence of @word, in order. */
static GArray *
find_words (const char *bbox_html,
            const char *word)
{
  g_autofree char *escaped = g_regex_escape_string (word, -1);
  g_autofree char *pattern = g_strdup_printf ("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" "
                                              "xMax=\"([0-9.]+)\" yMax=\"[0-9.]+\">%s</word>", escaped);
  g_autoptr(GRegex) word_re = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GArray *boxes = g_array_new (FALSE, FALSE, sizeof (WordBox));

  g_regex_match (word_re, bbox_html, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *x_min = g_match_info_fetch (match, 1);
      g_autofree char *y_min = g_match_info_fetch (match, 2);
      g_autofree char *x_max = g_match_info_fetch (match, 3);
      WordBox box = { g_ascii_strtod (x_min, NULL), g_ascii_strtod (y_min, NULL), g_ascii_strtod (x_max, NULL) };

      g_array_append_val (boxes, box);
      g_match_info_next (match, NULL);
    }

  return boxes;
}

static const WordBox *
word_at (GArray *boxes,
         guint   index)
{
  g_assert_cmpuint (boxes->len, >, index);

  return &g_array_index (boxes, WordBox, index);
}

/* Code fenced in the notes (what the live page's code pad stamps there)
 * is printed as code, not as prose: in a monospace font (eight i's as
 * wide as eight M's), indented as typed, with its blank line kept; the
 * prose after it is proportional again. */
static void
test_code_in_monospace (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (SECONDS (1790000000));
  g_autoptr(VivaInterview) interview = viva_interview_new (clock);
  g_autofree char *dir = g_dir_make_tmp ("viva-pdf-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *bbox = NULL;
  g_autoptr(GArray) defs = NULL;
  g_autoptr(GArray) returns = NULL;
  g_autoptr(GArray) narrow = NULL;
  g_autoptr(GArray) wide = NULL;
  double char_width;

  g_assert_true (viva_interview_append (interview, 0, "Write add().", MINUTES (5), NULL));
  g_assert_true (viva_interview_set_item_notes (interview, 0,
                                                "[01:00] Ran the code: Finished.\n"
                                                "```python\n"
                                                "def add(a, b):\n"
                                                "\n"
                                                "    return a + b\n"
                                                "iiiiiiii = MMMMMMMM\n"
                                                "```\n"
                                                "\n"
                                                "[02:00] Then iiiiiiii and MMMMMMMM in prose."));

  g_assert_true (viva_interview_write_pdf (interview, path, &error));
  g_assert_no_error (error);

  text = pdf_text (path, FALSE);
  if (text == NULL)
    goto out;

  g_assert_nonnull (strstr (text, "Ran the code: Finished."));
  bbox = pdf_text (path, TRUE);
  defs = find_words (bbox, "def");
  returns = find_words (bbox, "return");
  narrow = find_words (bbox, "iiiiiiii");
  wide = find_words (bbox, "MMMMMMMM");
  g_assert_cmpuint (narrow->len, ==, 2);
  g_assert_cmpuint (wide->len, ==, 2);

  /* Monospace in the code, proportional in the prose. */
  char_width = (word_at (wide, 0)->x_max - word_at (wide, 0)->x_min) / 8;
  g_assert_cmpfloat_with_epsilon (word_at (narrow, 0)->x_max - word_at (narrow, 0)->x_min, 8 * char_width, 0.5);
  g_assert_cmpfloat (word_at (wide, 1)->x_max - word_at (wide, 1)->x_min, >,
                     2 * (word_at (narrow, 1)->x_max - word_at (narrow, 1)->x_min));

  /* "    return" is four characters in from "def", two lines down:
   * the blank line between them is kept. */
  g_assert_cmpfloat_with_epsilon (word_at (returns, 0)->x_min - word_at (defs, 0)->x_min, 4 * char_width, 0.5);
  g_assert_cmpfloat_with_epsilon (word_at (returns, 0)->y_min - word_at (defs, 0)->y_min,
                                  2 * (word_at (narrow, 0)->y_min - word_at (returns, 0)->y_min), 0.5);

out:
  remove_tree (dir);
}

/* Printing lays out the same report: run the print operation to a PDF
 * file, as the dialog's "Print to File" does, and compare. */
static void
test_print_operation (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (SECONDS (1790000000));
  g_autoptr(VivaInterview) interview = build_interview (clock);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autofree char *dir = g_dir_make_tmp ("viva-pdf-XXXXXX", NULL);
  g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *exported = g_build_filename (dir, "exported.pdf", NULL);
  g_autofree char *printed_text = NULL;
  g_autofree char *exported_text = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  if (gdk_display_get_default () == NULL)
    {
      g_test_skip ("no display for GTK");
      remove_tree (dir);
      return;
    }

  operation = viva_interview_print_operation_new (interview);
  gtk_print_operation_set_export_filename (operation, printed);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  g_assert_true (viva_interview_write_pdf (interview, exported, &error));
  g_assert_no_error (error);

  printed_text = pdf_text (printed, FALSE);
  exported_text = pdf_text (exported, FALSE);
  if (printed_text != NULL)
    {
      g_assert_cmpuint (count_pages (printed_text), >=, 2);
      g_assert_cmpuint (count_pages (printed_text), ==, count_pages (exported_text));
      g_assert_nonnull (strstr (printed_text, "Interview: Ada Lovelace"));
    }

  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* Only printing needs a display; the PDF is drawn without one. */
  gtk_init_check ();

  g_test_add_func ("/interview-pdf/report", test_report);
  g_test_add_func ("/interview-pdf/long-notes-flow", test_long_notes_flow);
  g_test_add_func ("/interview-pdf/read-only-folder", test_read_only_folder);
  g_test_add_func ("/interview-pdf/failed-write-leaves-nothing", test_failed_write_leaves_nothing);
  g_test_add_func ("/interview-pdf/untrusted-text", test_untrusted_text);
  g_test_add_func ("/interview-pdf/code-in-monospace", test_code_in_monospace);
  g_test_add_func ("/interview-pdf/print-operation", test_print_operation);

  return g_test_run ();
}
