/* viva-interview-pdf.c
 *
 * An interview as a printed report for a hiring panel (issue 4), as a
 * PDF file or on paper through the print dialog. Both draw the same
 * pages of a VivaReportLayout (viva-report-layout.c), which cuts the
 * report into pages and draws them; this file says what the report
 * holds and how each part looks: the title and the fields, the
 * recommendation in a box, the takeaways and the summary, the questions
 * as a table, then each question with its notes.
 *
 * What a user typed (names, questions, notes) is set as plain text and
 * styled with attribute lists, never parsed as markup, so no text can
 * change the report's look. The one thing read in typed text is its
 * fenced code blocks (what the live page's code pad ran, or code the
 * interviewer fenced): printed in monospace, line for line. A table
 * cell or a field shows at most a few lines, ellipsized, so that a
 * table row always fits on a page; questions and notes are shown whole
 * further down, where they can flow across pages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "viva-interview.h"
#include "viva-interview-pdf.h"
#include "viva-markdown-fences.h"
#include "viva-message-dialog.h"
#include "viva-report-layout.h"
#include "viva-time-format.h"

#define BODY_SIZE          10.0
#define CODE_SIZE          8.5
/* Code sits a little in from the text, on its band. */
#define CODE_INDENT        10.0
/* fontconfig's generic name: DejaVu Sans Mono, Noto Sans Mono... */
#define CODE_FAMILY        "Monospace"

/* A field or a table cell: enough to read a long name or question,
 * bounded so that a row never outgrows a page. */
#define FIELD_MAX_LINES    4
#define TITLE_MAX_LINES    3
#define CELL_MAX_LINES     3
/* A bookmark shows the start of a question. */
#define OUTLINE_MAX_CHARS  60

/* Table columns, in points; the question takes what is left. */
#define COLUMN_NUMBER      22.0
#define COLUMN_TIME        96.0
#define COLUMN_RATING      74.0
#define COLUMN_GAP         10.0
#define FIELD_LABEL_WIDTH  92.0

static const VivaReportColor OVERRUN_COLOR = { 0.72, 0.11, 0.11 };
static const VivaReportColor NEGATIVE_COLOR = { 0.70, 0.13, 0.12 };
static const VivaReportColor POSITIVE_COLOR = { 0.10, 0.45, 0.20 };

static const VivaReportStyle STYLE_TITLE = { 20, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &viva_report_text_color, 0, TITLE_MAX_LINES };
static const VivaReportStyle STYLE_HEADING = { 13, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &viva_report_text_color, 0, 0 };
static const VivaReportStyle STYLE_QUESTION = { 11.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &viva_report_text_color, 1.2, 0 };
static const VivaReportStyle STYLE_LABEL = { 8.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &viva_report_dim_color, 0, 0 };
static const VivaReportStyle STYLE_BODY = { BODY_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &viva_report_text_color, 1.3, 0 };
static const VivaReportStyle STYLE_CODE = { CODE_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &viva_report_text_color, 1.15, 0 };
static const VivaReportStyle STYLE_EMPTY = { BODY_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC, &viva_report_dim_color, 0, 0 };
static const VivaReportStyle STYLE_FIELD_LABEL = { BODY_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &viva_report_dim_color, 0, 1 };
static const VivaReportStyle STYLE_FIELD = { BODY_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &viva_report_text_color, 0, FIELD_MAX_LINES };
static const VivaReportStyle STYLE_CELL = { 9.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &viva_report_text_color, 1.15, CELL_MAX_LINES };
static const VivaReportStyle STYLE_CELL_HEADER = { 8.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &viva_report_dim_color, 0, 1 };
static const VivaReportStyle STYLE_VERDICT = { 18, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &viva_report_text_color, 0, 1 };

/* Helpers */

/* Text that must stay on a few lines: breaks and tabs become spaces. */
static char *
flatten (const char *text)
{
  char *flat = g_strdup (text != NULL ? text : "");

  for (char *p = flat; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r' || *p == '\t')
        *p = ' ';
    }

  return g_strstrip (flat);
}

/* The candidate's name, on one line, or what stands for it. */
static char *
dup_candidate (VivaInterview *interview)
{
  char *candidate = flatten (viva_interview_get_candidate (interview));

  if (candidate[0] == '\0')
    {
      g_free (candidate);
      candidate = g_strdup (_("Unnamed Candidate"));
    }

  return candidate;
}

/* The report's title, also the PDF's and the print job's. */
static char *
dup_title (VivaInterview *interview)
{
  g_autofree char *candidate = dup_candidate (interview);

  /* Translators: the title of an interview report; %s is the candidate */
  return g_strdup_printf (_("Interview: %s"), candidate);
}

/* The report's parts */

static VivaReportBlock *
report_add_heading (VivaReportLayout *layout,
                    const char       *text,
                    double            space_before)
{
  VivaReportBlock *block = viva_report_layout_add_text (layout, text, NULL, &STYLE_HEADING, space_before, 0);

  block->keep_with_next = TRUE;
  block->outline = g_strdup (text);

  return block;
}

static const VivaReportColor *
rating_color (VivaInterviewRating rating)
{
  switch (rating)
    {
    case VIVA_INTERVIEW_RATING_STRONG_NO:
    case VIVA_INTERVIEW_RATING_NO:
      return &NEGATIVE_COLOR;
    case VIVA_INTERVIEW_RATING_YES:
    case VIVA_INTERVIEW_RATING_STRONG_YES:
      return &POSITIVE_COLOR;
    case VIVA_INTERVIEW_RATING_NONE:
    default:
      return &viva_report_dim_color;
    }
}

static gboolean
is_blank (const char *line)
{
  for (const char *p = line; *p != '\0'; p++)
    {
      if (!g_ascii_isspace (*p))
        return FALSE;
    }

  return TRUE;
}

/* Paragraphs are blocks of non-blank lines between blank lines, as the
 * notes' stamps count them. */
static GPtrArray *
split_paragraphs (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *paragraphs = g_ptr_array_new_with_free_func (g_free);
  GString *current = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];

      if (is_blank (line))
        {
          if (current != NULL)
            g_ptr_array_add (paragraphs, g_string_free (g_steal_pointer (&current), FALSE));
          continue;
        }

      if (current == NULL)
        current = g_string_new (NULL);
      else
        g_string_append_c (current, '\n');
      g_string_append (current, g_strchomp (line));
    }

  if (current != NULL)
    g_ptr_array_add (paragraphs, g_string_free (current, FALSE));

  return paragraphs;
}

/* Whether the last line of @text, before its final line end, has
 * something on it. Cuts @text there. */
static gboolean
ends_with_text_line (char *text)
{
  gsize len = strlen (text);
  const char *line;

  if (len > 0 && text[len - 1] == '\n')
    text[len - 1] = '\0';

  line = strrchr (text, '\n');

  return !is_blank (line != NULL ? line + 1 : text);
}

/* A paragraph of notes; one that begins with a stamp shows it dim and
 * in figures of one width, with the rest of the paragraph hanging after
 * it so that the times line up down the page. */
static VivaReportBlock *
report_add_note_paragraph (VivaReportLayout *layout,
                           const char       *paragraph,
                           double            space_before)
{
  gsize stamp_len = viva_interview_parse_stamp (paragraph, NULL);
  g_autofree char *stamp = NULL;
  VivaReportText styled;
  VivaReportBlock *block;

  if (stamp_len == 0)
    return viva_report_layout_add_text (layout, paragraph, NULL, &STYLE_BODY, space_before, 0);

  viva_report_text_init (&styled);
  stamp = g_strndup (paragraph, stamp_len);
  viva_report_text_append (&styled, stamp,
                           pango_attr_weight_new (PANGO_WEIGHT_BOLD),
                           viva_report_color_attr (&viva_report_dim_color),
                           pango_attr_font_features_new ("tnum"),
                           NULL);

  /* A line separator, not a new paragraph: the hanging indent holds
   * for every line after the first. */
  for (const char *p = paragraph + stamp_len; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_string_append (styled.text, "\xe2\x80\xa8");
      else
        g_string_append_c (styled.text, *p);
    }

  block = viva_report_layout_add_text (layout, styled.text->str, styled.attrs, &STYLE_BODY, space_before, 0);
  g_string_free (styled.text, TRUE);
  viva_report_cell_hang_after (viva_report_block_get_cell (block, 0), stamp_len);

  return block;
}

/* Code as it was typed, line for line: monospace, its indentation and
 * blank lines kept, on a tinted band. A line wider than the page wraps
 * (it cannot be cut), but never joins the next. */
static VivaReportBlock *
report_add_code (VivaReportLayout *layout,
                 const char       *code,
                 double            space_before)
{
  g_autoptr(GString) text = g_string_new (NULL);
  VivaReportText styled;
  VivaReportBlock *block;

  for (const char *p = code; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          g_string_append_c (text, '\n');
          if (p[1] == '\n')
            p++;
        }
      else if (*p == '\t')
        /* Pango's tab stops are 8 spaces; Python's indent is 4. */
        g_string_append (text, "    ");
      else
        g_string_append_c (text, *p);
    }

  /* The newline before the closing fence ends the last line; it is not
   * an empty line of its own. */
  if (text->len > 0 && text->str[text->len - 1] == '\n')
    g_string_truncate (text, text->len - 1);

  viva_report_text_init (&styled);
  viva_report_text_append (&styled, text->str, pango_attr_family_new (CODE_FAMILY), NULL);
  block = viva_report_layout_add_text (layout, styled.text->str, styled.attrs, &STYLE_CODE,
                                       space_before, CODE_INDENT);
  g_string_free (styled.text, TRUE);
  block->decoration = VIVA_REPORT_DECORATION_CODE;

  return block;
}

/* Text the interviewer typed (notes, takeaways, the summary): its
 * paragraphs, with their stamps when @stamps, and its fenced code
 * blocks as code (viva-markdown-fences.c reads them as the Markdown
 * report does). A paragraph right above a block, with no blank line
 * between them, says what the code is ("[12:05] Ran the code: ..."), so
 * it stays on the same page as the block's start.
 *
 * Returns: %FALSE when @text is blank and nothing was added */
static gboolean
report_add_typed (VivaReportLayout *layout,
                  const char       *text,
                  gboolean          stamps,
                  double            space_before)
{
  g_autoptr(GArray) spans = viva_markdown_split_fences (text);
  VivaReportBlock *last = NULL;
  gboolean joined = FALSE;

  for (guint s = 0; s < spans->len; s++)
    {
      const VivaMarkdownSpan *span = &g_array_index (spans, VivaMarkdownSpan, s);
      g_autofree char *content = viva_markdown_dup_span_content (text, span);

      if (span->code)
        {
          if (last != NULL && joined)
            last->keep_with_next = TRUE;
          last = report_add_code (layout, content, last == NULL ? space_before : (joined ? 4 : 8));
          joined = FALSE;
          continue;
        }

      {
        g_autoptr(GPtrArray) paragraphs = split_paragraphs (content);

        for (guint i = 0; i < paragraphs->len; i++)
          {
            const char *paragraph = g_ptr_array_index (paragraphs, i);
            /* Clear of the code band above. */
            double before = last == NULL ? space_before : (last->decoration == VIVA_REPORT_DECORATION_CODE ? 10 : 6);

            if (stamps)
              last = report_add_note_paragraph (layout, paragraph, before);
            else
              last = viva_report_layout_add_text (layout, paragraph, NULL, &STYLE_BODY, before, 0);
          }

        /* No blank line between the text's last line and the fence
         * below it. */
        joined = ends_with_text_line (content);
      }
    }

  return last != NULL;
}

/* The interviewer's own text: paragraphs and code, or a dim "None." */
static void
report_add_paragraphs (VivaReportLayout *layout,
                       const char       *text,
                       const char       *empty,
                       double            space_before)
{
  if (!report_add_typed (layout, text, FALSE, space_before))
    viva_report_layout_add_text (layout, empty, NULL, &STYLE_EMPTY, space_before, 0);
}

/* Notes: stamped paragraphs and code, or a dim "No notes." */
static void
report_add_notes (VivaReportLayout *layout,
                  const char       *notes,
                  double            space_before)
{
  if (!report_add_typed (layout, notes, TRUE, space_before))
    viva_report_layout_add_text (layout, _("No notes."), NULL, &STYLE_EMPTY, space_before, 0);
}

/* "Label   value", in two columns. */
static VivaReportBlock *
report_add_field (VivaReportLayout *layout,
                  const char       *label,
                  const char       *value,
                  const char       *over)
{
  VivaReportBlock *block = viva_report_layout_add_block (layout);
  g_autofree char *flat = flatten (value);
  VivaReportText styled;

  block->space_before = 4;

  viva_report_text_init (&styled);
  viva_report_text_append (&styled, flat[0] != '\0' ? flat : "—", NULL);
  if (over != NULL)
    {
      viva_report_text_append (&styled, "  ", NULL);
      viva_report_text_append (&styled, over,
                               viva_report_color_attr (&OVERRUN_COLOR), pango_attr_weight_new (PANGO_WEIGHT_BOLD), NULL);
    }

  viva_report_layout_add_cell (layout, block, label, NULL, &STYLE_FIELD_LABEL, 0, FIELD_LABEL_WIDTH - COLUMN_GAP);
  viva_report_layout_add_cell (layout, block, styled.text->str, styled.attrs, &STYLE_FIELD,
                               FIELD_LABEL_WIDTH, viva_report_layout_get_content_width (layout) - FIELD_LABEL_WIDTH);
  g_string_free (styled.text, TRUE);

  return block;
}

static void
report_add_recommendation (VivaReportLayout    *layout,
                           VivaInterviewRating  recommendation)
{
  VivaReportBlock *block = viva_report_layout_add_block (layout);
  const double inset = 16;
  VivaReportCell *verdict;

  block->space_before = 18;
  block->padding = 12;
  block->decoration = VIVA_REPORT_DECORATION_BOX;
  block->accent = rating_color (recommendation);

  viva_report_layout_add_cell (layout, block, _("OVERALL RECOMMENDATION"), NULL, &STYLE_LABEL,
                               inset, viva_report_layout_get_content_width (layout) - 2 * inset);
  verdict = viva_report_layout_add_cell (layout, block, viva_interview_rating_get_label (recommendation), NULL,
                                         &STYLE_VERDICT, inset, viva_report_layout_get_content_width (layout) - 2 * inset);
  verdict->color = block->accent;

  /* The verdict sits under its label. */
  verdict->y = viva_report_block_get_cell (block, 0)->height + 4;
}

static double
question_column_width (VivaReportLayout *layout)
{
  return viva_report_layout_get_content_width (layout) - COLUMN_NUMBER - COLUMN_TIME - COLUMN_RATING - 3 * COLUMN_GAP;
}

static VivaReportBlock *
report_add_table_header (VivaReportLayout *layout)
{
  VivaReportBlock *block = viva_report_layout_add_block (layout);
  double question_x = COLUMN_NUMBER + COLUMN_GAP;
  double time_x = question_x + question_column_width (layout) + COLUMN_GAP;
  double rating_x = time_x + COLUMN_TIME + COLUMN_GAP;

  block->space_before = 6;
  block->padding = 4;
  block->decoration = VIVA_REPORT_DECORATION_STRONG_RULE_BELOW;
  block->keep_with_next = TRUE;

  viva_report_layout_add_cell (layout, block, "#", NULL, &STYLE_CELL_HEADER, 0, COLUMN_NUMBER);
  viva_report_layout_add_cell (layout, block, _("QUESTION"), NULL, &STYLE_CELL_HEADER, question_x, question_column_width (layout));
  viva_report_layout_add_cell (layout, block, _("TIME / BUDGET"), NULL, &STYLE_CELL_HEADER, time_x, COLUMN_TIME);
  viva_report_layout_add_cell (layout, block, _("RATING"), NULL, &STYLE_CELL_HEADER, rating_x, COLUMN_RATING);

  return block;
}

/* A question's first paragraph, on one line. */
static char *
question_summary (const char *text)
{
  g_autoptr(GPtrArray) paragraphs = split_paragraphs (text);

  return flatten (paragraphs->len > 0 ? g_ptr_array_index (paragraphs, 0) : "");
}

static void
report_add_table_row (VivaReportLayout *layout,
                      VivaReportBlock  *header,
                      VivaInterview    *interview,
                      guint             index)
{
  VivaInterviewItem *item = viva_interview_get_item (interview, index);
  VivaReportBlock *block = viva_report_layout_add_block (layout);
  double question_x = COLUMN_NUMBER + COLUMN_GAP;
  double time_x = question_x + question_column_width (layout) + COLUMN_GAP;
  double rating_x = time_x + COLUMN_TIME + COLUMN_GAP;
  g_autofree char *number = g_strdup_printf ("%u", index + 1);
  g_autofree char *question = question_summary (viva_interview_item_get_text (item));
  g_autofree char *over = NULL;
  g_autofree char *time = viva_format_time_against_budget (viva_interview_get_item_elapsed (interview, index), viva_interview_item_get_budget (item), &over);
  VivaReportText styled;
  VivaReportCell *rating;

  block->padding = 5;
  block->decoration = VIVA_REPORT_DECORATION_RULE_BELOW;
  block->header = header;

  viva_report_layout_add_cell (layout, block, number, NULL, &STYLE_CELL, 0, COLUMN_NUMBER);
  viva_report_layout_add_cell (layout, block, question, NULL, &STYLE_CELL, question_x, question_column_width (layout));

  viva_report_text_init (&styled);
  if (over != NULL)
    {
      viva_report_text_append (&styled, time, viva_report_color_attr (&OVERRUN_COLOR), pango_attr_weight_new (PANGO_WEIGHT_BOLD), NULL);
      viva_report_text_append (&styled, "\n", NULL);
      viva_report_text_append (&styled, over, viva_report_color_attr (&OVERRUN_COLOR), NULL);
    }
  else
    viva_report_text_append (&styled, time, NULL);
  viva_report_layout_add_cell (layout, block, styled.text->str, styled.attrs, &STYLE_CELL, time_x, COLUMN_TIME);
  g_string_free (styled.text, TRUE);

  rating = viva_report_layout_add_cell (layout, block, viva_interview_rating_get_label (viva_interview_item_get_rating (item)),
                                        NULL, &STYLE_CELL, rating_x, COLUMN_RATING);
  rating->color = rating_color (viva_interview_item_get_rating (item));
}

static void
report_add_question (VivaReportLayout *layout,
                     VivaInterview    *interview,
                     guint             index)
{
  VivaInterviewItem *item = viva_interview_get_item (interview, index);
  guint n_items = viva_interview_get_n_items (interview);
  g_autofree char *over = NULL;
  g_autofree char *time = viva_format_time_against_budget (viva_interview_get_item_elapsed (interview, index), viva_interview_item_get_budget (item), &over);
  g_autofree char *label = NULL;
  g_autofree char *outline = NULL;
  g_autofree char *summary = question_summary (viva_interview_item_get_text (item));
  VivaReportText styled;
  VivaReportBlock *block;

  if (viva_interview_item_get_number (item) > 0)
    /* Translators: "QUESTION 2 OF 5 · BANK NO. 42" above a question */
    label = g_strdup_printf (_("QUESTION %u OF %u · BANK NO. %u"), index + 1, n_items, viva_interview_item_get_number (item));
  else
    /* Translators: "QUESTION 2 OF 5" above a question */
    label = g_strdup_printf (_("QUESTION %u OF %u"), index + 1, n_items);

  /* A rule between questions; the first has the heading above it. */
  block = viva_report_layout_add_text (layout, label, NULL, &STYLE_LABEL, index > 0 ? 22 : 10, 0);
  if (index > 0)
    block->decoration = VIVA_REPORT_DECORATION_RULE_ABOVE;
  block->keep_with_next = TRUE;

  if (g_utf8_strlen (summary, -1) > OUTLINE_MAX_CHARS)
    {
      g_autofree char *head = g_utf8_substring (summary, 0, OUTLINE_MAX_CHARS - 1);

      outline = g_strdup_printf ("%u. %s…", index + 1, head);
    }
  else
    outline = g_strdup_printf ("%u. %s", index + 1, summary);
  block->outline = g_steal_pointer (&outline);
  block->outline_child = TRUE;

  {
    g_autoptr(GPtrArray) paragraphs = split_paragraphs (viva_interview_item_get_text (item));

    for (guint i = 0; i < paragraphs->len; i++)
      {
        block = viva_report_layout_add_text (layout, g_ptr_array_index (paragraphs, i), NULL, &STYLE_QUESTION,
                                             4, 0);
        block->keep_with_next = TRUE;
      }
  }

  viva_report_text_init (&styled);
  viva_report_text_append (&styled, _("Rating:"), viva_report_color_attr (&viva_report_dim_color), NULL);
  viva_report_text_append (&styled, " ", NULL);
  viva_report_text_append (&styled, viva_interview_rating_get_label (viva_interview_item_get_rating (item)),
                           viva_report_color_attr (rating_color (viva_interview_item_get_rating (item))), pango_attr_weight_new (PANGO_WEIGHT_BOLD), NULL);
  viva_report_text_append (&styled, "     ", NULL);
  viva_report_text_append (&styled, _("Time:"), viva_report_color_attr (&viva_report_dim_color), NULL);
  viva_report_text_append (&styled, " ", NULL);
  if (over != NULL)
    {
      viva_report_text_append (&styled, time, viva_report_color_attr (&OVERRUN_COLOR), pango_attr_weight_new (PANGO_WEIGHT_BOLD), NULL);
      viva_report_text_append (&styled, " (", viva_report_color_attr (&OVERRUN_COLOR), NULL);
      viva_report_text_append (&styled, over, viva_report_color_attr (&OVERRUN_COLOR), NULL);
      viva_report_text_append (&styled, ")", viva_report_color_attr (&OVERRUN_COLOR), NULL);
    }
  else
    viva_report_text_append (&styled, time, NULL);

  block = viva_report_layout_add_text (layout, styled.text->str, styled.attrs, &STYLE_BODY, 6, 0);
  block->keep_with_next = TRUE;
  g_string_free (styled.text, TRUE);

  block = viva_report_layout_add_text (layout, _("NOTES"), NULL, &STYLE_LABEL, 10, 0);
  block->keep_with_next = TRUE;

  report_add_notes (layout, viva_interview_item_get_notes (item), 4);
}

static void
report_build (VivaReportLayout *layout,
              VivaInterview    *interview,
              const char       *title)
{
  guint n_items = viva_interview_get_n_items (interview);
  g_autofree char *date = viva_interview_format_date (interview, NULL);
  g_autofree char *over = NULL;
  g_autofree char *total = viva_format_time_against_budget (viva_interview_get_elapsed (interview),
                                                            viva_interview_get_total_budget (interview), &over);
  VivaReportBlock *block;
  VivaReportBlock *first_field;

  block = viva_report_layout_add_text (layout, title, NULL, &STYLE_TITLE, 0, 0);
  block->splittable = FALSE;

  first_field = report_add_field (layout, _("Role"), viva_interview_get_role (interview), NULL);
  report_add_field (layout, _("Interviewer"), viva_interview_get_interviewer (interview), NULL);
  report_add_field (layout, _("Date"), date, NULL);
  report_add_field (layout, _("Total time"), total, over);
  report_add_field (layout, _("Status"),
                    viva_interview_get_state (interview) == VIVA_INTERVIEW_STATE_FINISHED
                    ? _("Finished") : _("Not finished"), NULL);
  /* The fields stand a little apart from the title. */
  first_field->space_before = 12;

  report_add_recommendation (layout, viva_interview_get_recommendation (interview));

  report_add_heading (layout, _("Key Takeaways"), 24);
  report_add_paragraphs (layout, viva_interview_get_takeaways (interview), _("None."), 6);

  report_add_heading (layout, _("Summary"), 20);
  report_add_paragraphs (layout, viva_interview_get_summary (interview), _("None."), 6);

  report_add_heading (layout, _("Questions"), 20);
  if (n_items == 0)
    viva_report_layout_add_text (layout, _("No questions."), NULL, &STYLE_EMPTY, 6, 0);
  else
    {
      VivaReportBlock *header = report_add_table_header (layout);

      for (guint i = 0; i < n_items; i++)
        report_add_table_row (layout, header, interview, i);

      report_add_heading (layout, _("Notes by Question"), 28);
      for (guint i = 0; i < n_items; i++)
        report_add_question (layout, interview, i);
    }
}

/* The one layout both outputs draw: pages of @width × @height points. */
static VivaReportLayout *
report_new (VivaInterview *interview,
            double         width,
            double         height)
{
  VivaReportLayout *layout = viva_report_layout_new (width, height);
  g_autofree char *candidate = dup_candidate (interview);
  g_autofree char *role = flatten (viva_interview_get_role (interview));
  g_autofree char *title = dup_title (interview);

  if (role[0] != '\0')
    {
      /* Translators: the header of a report's later pages: candidate · role */
      g_autofree char *header = g_strdup_printf (_("%s · %s"), candidate, role);

      viva_report_layout_set_running_header (layout, header);
    }
  else
    viva_report_layout_set_running_header (layout, candidate);

  report_build (layout, interview, title);
  viva_report_layout_paginate (layout);

  return layout;
}

/* PDF */

/**
 * viva_interview_to_pdf:
 * @interview: an interview
 * @error: where a drawing error goes
 *
 * The interview's report as a PDF document, on the paper size of the
 * user's locale (A4, or Letter), with its title and author in the
 * document's properties and a bookmark for each section and question.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
GBytes *
viva_interview_to_pdf (VivaInterview  *interview,
                       GError        **error)
{
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (NULL);
  double width = gtk_paper_size_get_width (paper, GTK_UNIT_POINTS);
  double height = gtk_paper_size_get_height (paper, GTK_UNIT_POINTS);
  g_autoptr(VivaReportLayout) layout = NULL;
  g_autofree char *title = NULL;
  g_autofree char *author = NULL;

  g_return_val_if_fail (VIVA_IS_INTERVIEW (interview), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  layout = report_new (interview, width, height);
  title = dup_title (interview);
  if (viva_interview_get_interviewer (interview)[0] != '\0')
    author = flatten (viva_interview_get_interviewer (interview));

  return viva_report_layout_to_pdf (layout, title, author, error);
}

/**
 * viva_interview_write_pdf:
 * @interview: an interview
 * @path: where to write the PDF
 * @error: where an error goes
 *
 * Writes the report to @path through a temporary file in the same
 * folder, renamed into place: a failed export leaves no half-written
 * file, and what was at @path before stays until the new file is
 * complete.
 *
 * Returns: %TRUE once written
 */
gboolean
viva_interview_write_pdf (VivaInterview  *interview,
                          const char     *path,
                          GError        **error)
{
  g_autoptr(GBytes) pdf = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (VIVA_IS_INTERVIEW (interview), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pdf = viva_interview_to_pdf (interview, error);
  if (pdf == NULL)
    return FALSE;

  data = g_bytes_get_data (pdf, &size);

  return g_file_set_contents_full (path, data, size, G_FILE_SET_CONTENTS_CONSISTENT, 0666, error);
}

/* Printing */

typedef struct
{
  VivaInterview    *interview;
  VivaReportLayout *layout;
  GWeakRef          parent;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_clear_object (&job->interview);
  g_clear_pointer (&job->layout, viva_report_layout_free);
  g_weak_ref_clear (&job->parent);
  g_free (job);
}

static void
print_begin_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  g_clear_pointer (&job->layout, viva_report_layout_free);
  job->layout = report_new (job->interview,
                            gtk_print_context_get_width (context),
                            gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, (int) viva_report_layout_get_n_pages (job->layout));
}

static void
print_draw_page_cb (GtkPrintOperation *operation,
                    GtkPrintContext   *context,
                    int                page_nr,
                    PrintJob          *job)
{
  g_return_if_fail (job->layout != NULL);
  g_return_if_fail (page_nr >= 0 && (guint) page_nr < viva_report_layout_get_n_pages (job->layout));

  viva_report_layout_draw_page (job->layout, gtk_print_context_get_cairo_context (context), (guint) page_nr);
}

static void
print_end_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              PrintJob          *job)
{
  g_clear_pointer (&job->layout, viva_report_layout_free);
}

/**
 * viva_interview_print_operation_new:
 * @interview: an interview
 *
 * A print operation that prints the report, laid out afresh for the
 * paper chosen in the dialog: the pages of viva_interview_to_pdf() on
 * the same paper.
 *
 * Returns: (transfer full): the operation, not run yet
 */
GtkPrintOperation *
viva_interview_print_operation_new (VivaInterview *interview)
{
  GtkPrintOperation *operation;
  PrintJob *job;
  g_autofree char *job_name = NULL;

  g_return_val_if_fail (VIVA_IS_INTERVIEW (interview), NULL);

  operation = gtk_print_operation_new ();
  job = g_new0 (PrintJob, 1);
  job->interview = g_object_ref (interview);
  g_weak_ref_init (&job->parent, NULL);
  g_object_set_data_full (G_OBJECT (operation), "viva-print-job", job, (GDestroyNotify) print_job_free);

  job_name = dup_title (interview);
  gtk_print_operation_set_job_name (operation, job_name);

  /* The report keeps its own margins, the same on paper as in the PDF. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);

  g_signal_connect (operation, "begin-print", G_CALLBACK (print_begin_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (print_draw_page_cb), job);
  g_signal_connect (operation, "end-print", G_CALLBACK (print_end_cb), job);

  return operation;
}

/* Says what went wrong, if anything, and drops the reference that
 * viva_interview_print() left for the end of the operation. */
static void
print_finish (GtkPrintOperation       *operation,
              GtkPrintOperationResult  result,
              const GError            *error)
{
  PrintJob *job = g_object_get_data (G_OBJECT (operation), "viva-print-job");

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GtkWindow) parent = g_weak_ref_get (&job->parent);
      GtkWidget *dialog;

      dialog = adw_message_dialog_new (parent, _("Could Not Print"),
                                       error != NULL ? error->message : NULL);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
      viva_message_dialog_present (ADW_MESSAGE_DIALOG (dialog));
    }

  g_object_unref (operation);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               gpointer                 user_data)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    gtk_print_operation_get_error (operation, &error);

  print_finish (operation, result, error);
}

/**
 * viva_interview_print:
 * @interview: an interview
 * @parent: (nullable): the window the print dialog belongs to
 *
 * Shows the print dialog for the interview's report, from which it can
 * also be saved as PDF. Returns at once; an error shows in a dialog.
 */
void
viva_interview_print (VivaInterview *interview,
                      GtkWindow     *parent)
{
  GtkPrintOperation *operation;
  PrintJob *job;
  GtkPrintOperationResult result;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (VIVA_IS_INTERVIEW (interview));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  operation = viva_interview_print_operation_new (interview);
  job = g_object_get_data (G_OBJECT (operation), "viva-print-job");
  g_weak_ref_set (&job->parent, parent);

  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (print_done_cb), NULL);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error);

  /* As GTK's own demo does: "done" comes later only for an operation
   * still in progress; otherwise the end is ours to handle. */
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    print_finish (operation, result, error);
}
