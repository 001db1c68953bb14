/* viva-interview-pdf.c
 *
 * An interview as a printed report for a hiring panel (issue 4), as a
 * PDF file or on paper through the print dialog. Both draw the same
 * pages: the report is built once as a list of blocks (paragraphs and
 * table rows, laid out with Pango in points), cut into pages between
 * lines, never through one, and each page is then drawn with cairo on
 * whichever surface asks for it.
 *
 * What a user typed (names, questions, notes) is set with
 * pango_layout_set_text() and styled with attribute lists, never parsed
 * as markup, so no text can change the report's look. A table cell or a
 * field shows at most a few lines, ellipsized, so that a table row
 * always fits on a page; questions and notes are shown whole further
 * down, where they can flow across pages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "viva-interview.h"
#include "viva-interview-pdf.h"

/* Three quarters of an inch (19 mm): inside what printers can reach on
 * both A4 and Letter, and room for the running header and footer. */
#define PAGE_MARGIN        54.0
#define HEADER_RISE        22.0
#define FOOTER_DROP        26.0

#define FONT_FAMILY        "Sans"
#define BODY_SIZE          10.0

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

typedef struct
{
  double r, g, b;
} Rgb;

static const Rgb TEXT_COLOR = { 0.12, 0.12, 0.13 };
static const Rgb DIM_COLOR = { 0.40, 0.40, 0.43 };
static const Rgb RULE_COLOR = { 0.82, 0.82, 0.84 };
static const Rgb STRONG_RULE_COLOR = { 0.35, 0.35, 0.38 };
static const Rgb OVERRUN_COLOR = { 0.72, 0.11, 0.11 };
static const Rgb NEGATIVE_COLOR = { 0.70, 0.13, 0.12 };
static const Rgb POSITIVE_COLOR = { 0.10, 0.45, 0.20 };

typedef struct
{
  double      size;
  PangoWeight weight;
  PangoStyle  slant;
  const Rgb  *color;
  double      spacing;    /* line spacing factor; 0 for the font's own */
  int         max_lines;  /* 0 for no limit */
} Style;

static const Style STYLE_TITLE = { 20, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &TEXT_COLOR, 0, TITLE_MAX_LINES };
static const Style STYLE_HEADING = { 13, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &TEXT_COLOR, 0, 0 };
static const Style STYLE_QUESTION = { 11.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &TEXT_COLOR, 1.2, 0 };
static const Style STYLE_LABEL = { 8.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &DIM_COLOR, 0, 0 };
static const Style STYLE_BODY = { BODY_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &TEXT_COLOR, 1.3, 0 };
static const Style STYLE_EMPTY = { BODY_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC, &DIM_COLOR, 0, 0 };
static const Style STYLE_FIELD_LABEL = { BODY_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &DIM_COLOR, 0, 1 };
static const Style STYLE_FIELD = { BODY_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &TEXT_COLOR, 0, FIELD_MAX_LINES };
static const Style STYLE_CELL = { 9.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &TEXT_COLOR, 1.15, CELL_MAX_LINES };
static const Style STYLE_CELL_HEADER = { 8.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &DIM_COLOR, 0, 1 };
static const Style STYLE_VERDICT = { 18, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, &TEXT_COLOR, 0, 1 };
static const Style STYLE_RUNNING = { 8.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &DIM_COLOR, 0, 1 };

/* One line of a laid-out text, in points from the layout's top left. */
typedef struct
{
  double top;
  double height;
  double baseline;
  double x;
} Line;

typedef struct
{
  PangoLayout *layout;
  GArray      *lines;   /* of Line */
  double       x;       /* from the left margin */
  double       y;       /* from the top of its block's content */
  const Rgb   *color;
  double       height;
} Cell;

typedef enum
{
  DECORATION_NONE,
  DECORATION_RULE_ABOVE,
  DECORATION_RULE_BELOW,
  DECORATION_STRONG_RULE_BELOW,
  DECORATION_BOX,
} Decoration;

typedef struct _Block Block;

/* A paragraph, a heading or a table row: what pagination places. */
struct _Block
{
  GArray     *cells;           /* of Cell */
  double      space_before;    /* dropped at the top of a page */
  double      padding;         /* above and below the cells */
  Decoration  decoration;
  const Rgb  *accent;          /* the box's colour */
  gboolean    splittable;      /* one cell, cut between lines across pages */
  gboolean    keep_with_next;  /* a heading: never last on a page */
  Block      *header;          /* a table row's header, repeated on a new page */
  char       *outline;         /* a PDF bookmark */
  gboolean    outline_child;   /* under the last top-level bookmark */
};

/* A block, or some of its lines, on a page. */
typedef struct
{
  Block *block;
  guint  first;
  guint  n_lines;
  double y;
} Placement;

typedef struct
{
  double        width;
  double        height;
  PangoContext *context;
  GPtrArray    *blocks;   /* of Block, owned */
  GPtrArray    *pages;    /* of GArray of Placement */
  char         *title;
  char         *running_header;
} Report;

/* Building blocks */

static void
cell_clear (Cell *cell)
{
  g_clear_object (&cell->layout);
  g_clear_pointer (&cell->lines, g_array_unref);
}

static void
block_free (Block *block)
{
  g_array_unref (block->cells);
  g_free (block->outline);
  g_free (block);
}

static double
content_width (Report *report)
{
  return report->width - 2 * PAGE_MARGIN;
}

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

static PangoLayout *
create_layout (Report        *report,
               const char    *text,
               PangoAttrList *attrs,
               const Style   *style,
               double         width)
{
  PangoLayout *layout = pango_layout_new (report->context);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_size (font, (int) (style->size * PANGO_SCALE));
  pango_font_description_set_weight (font, style->weight);
  pango_font_description_set_style (font, style->slant);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (style->spacing > 0)
    pango_layout_set_line_spacing (layout, style->spacing);
  if (style->max_lines > 0)
    {
      pango_layout_set_height (layout, -style->max_lines);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }

  pango_layout_set_text (layout, text, -1);
  if (attrs != NULL)
    pango_layout_set_attributes (layout, attrs);

  return layout;
}

static void
cell_measure (Cell *cell)
{
  PangoLayoutIter *iter = pango_layout_get_iter (cell->layout);
  GSList *lines = pango_layout_get_lines_readonly (cell->layout);

  cell->lines = g_array_new (FALSE, FALSE, sizeof (Line));

  do
    {
      PangoRectangle in_layout;
      PangoRectangle in_line;
      Line line;

      g_assert (lines != NULL);

      pango_layout_iter_get_line_extents (iter, NULL, &in_layout);
      pango_layout_line_get_extents (lines->data, NULL, &in_line);

      line.top = (double) in_layout.y / PANGO_SCALE;
      line.height = (double) in_layout.height / PANGO_SCALE;
      line.baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      line.x = (double) (in_layout.x - in_line.x) / PANGO_SCALE;
      g_array_append_val (cell->lines, line);

      lines = lines->next;
    }
  while (pango_layout_iter_next_line (iter));

  pango_layout_iter_free (iter);

  if (cell->lines->len > 0)
    {
      const Line *last = &g_array_index (cell->lines, Line, cell->lines->len - 1);

      cell->height = last->top + last->height;
    }
}

static Block *
report_add_block (Report *report)
{
  Block *block = g_new0 (Block, 1);

  block->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_array_set_clear_func (block->cells, (GDestroyNotify) cell_clear);
  g_ptr_array_add (report->blocks, block);

  return block;
}

/* Takes @attrs. */
static Cell *
block_add_cell (Report        *report,
                Block         *block,
                const char    *text,
                PangoAttrList *attrs,
                const Style   *style,
                double         x,
                double         width)
{
  Cell cell = { 0 };

  cell.layout = create_layout (report, text, attrs, style, width);
  cell.x = x;
  cell.color = style->color;
  cell_measure (&cell);
  g_clear_pointer (&attrs, pango_attr_list_unref);
  g_array_append_val (block->cells, cell);

  return &g_array_index (block->cells, Cell, block->cells->len - 1);
}

/* A paragraph that flows across pages, indented by @indent. Takes @attrs. */
static Block *
report_add_text (Report        *report,
                 const char    *text,
                 PangoAttrList *attrs,
                 const Style   *style,
                 double         space_before,
                 double         indent)
{
  Block *block = report_add_block (report);

  block->space_before = space_before;
  block->splittable = TRUE;
  block_add_cell (report, block, text, attrs, style, indent, content_width (report) - indent);

  return block;
}

static Block *
report_add_heading (Report     *report,
                    const char *text,
                    double      space_before)
{
  Block *block = report_add_text (report, text, NULL, &STYLE_HEADING, space_before, 0);

  block->keep_with_next = TRUE;
  block->outline = g_strdup (text);

  return block;
}

/* Attributed text, built without markup. */

typedef struct
{
  GString       *text;
  PangoAttrList *attrs;
} Styled;

static void
styled_init (Styled *styled)
{
  styled->text = g_string_new (NULL);
  styled->attrs = pango_attr_list_new ();
}

/* Appends @text with attributes (a %NULL-terminated list), which it takes. */
static void
styled_append (Styled     *styled,
               const char *text,
               ...)
{
  guint start = styled->text->len;
  PangoAttribute *attr;
  va_list args;

  g_string_append (styled->text, text);

  va_start (args, text);
  while ((attr = va_arg (args, PangoAttribute *)) != NULL)
    {
      attr->start_index = start;
      attr->end_index = styled->text->len;
      pango_attr_list_insert (styled->attrs, attr);
    }
  va_end (args);
}

static PangoAttribute *
color_attr (const Rgb *color)
{
  return pango_attr_foreground_new ((guint16) (color->r * 65535),
                                    (guint16) (color->g * 65535),
                                    (guint16) (color->b * 65535));
}

/* Report text */

static const Rgb *
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
      return &DIM_COLOR;
    }
}

/* "6:10 / 5:00", and with @over set, "1:10 over"; "6:10" without a
 * budget. */
static char *
format_time (gint64   spent,
             gint64   budget,
             char   **over)
{
  g_autofree char *spent_text = viva_format_duration (spent);
  g_autofree char *budget_text = NULL;

  *over = NULL;

  if (budget <= 0)
    return g_steal_pointer (&spent_text);

  if (spent > budget)
    {
      g_autofree char *excess = viva_format_duration (spent - budget);

      /* Translators: how far a question or the interview ran past its
       * time budget, "1:10 over" */
      *over = g_strdup_printf (_("%s over"), excess);
    }

  budget_text = viva_format_duration (budget);

  /* Translators: time spent against the time budget, "6:10 / 5:00" */
  return g_strdup_printf (_("%s / %s"), spent_text, budget_text);
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

/* The interviewer's own text: paragraphs, or a dim "None." */
static void
report_add_paragraphs (Report     *report,
                       const char *text,
                       const char *empty,
                       double      space_before,
                       double      indent)
{
  g_autoptr(GPtrArray) paragraphs = split_paragraphs (text);

  if (paragraphs->len == 0)
    {
      report_add_text (report, empty, NULL, &STYLE_EMPTY, space_before, indent);
      return;
    }

  for (guint i = 0; i < paragraphs->len; i++)
    report_add_text (report, g_ptr_array_index (paragraphs, i), NULL, &STYLE_BODY,
                     i == 0 ? space_before : 6, indent);
}

/* Lines after the first start where the text after @index does on the
 * first line: a hanging indent. */
static void
cell_hang_after (Cell  *cell,
                 gsize  index)
{
  PangoRectangle position;

  pango_layout_index_to_pos (cell->layout, (int) index, &position);
  pango_layout_set_indent (cell->layout, -position.x);
  g_clear_pointer (&cell->lines, g_array_unref);
  cell_measure (cell);
}

/* Notes: a paragraph that begins with a stamp shows it dim and in
 * figures of one width, with the rest of the paragraph hanging after it
 * so that the times line up down the page. */
static void
report_add_notes (Report     *report,
                  const char *notes,
                  double      space_before)
{
  g_autoptr(GPtrArray) paragraphs = split_paragraphs (notes);

  if (paragraphs->len == 0)
    {
      report_add_text (report, _("No notes."), NULL, &STYLE_EMPTY, space_before, 0);
      return;
    }

  for (guint i = 0; i < paragraphs->len; i++)
    {
      const char *paragraph = g_ptr_array_index (paragraphs, i);
      gsize stamp_len = viva_interview_parse_stamp (paragraph, NULL);
      g_autofree char *stamp = NULL;
      Styled styled;
      Block *block;

      if (stamp_len == 0)
        {
          report_add_text (report, paragraph, NULL, &STYLE_BODY, i == 0 ? space_before : 6, 0);
          continue;
        }

      styled_init (&styled);
      stamp = g_strndup (paragraph, stamp_len);
      styled_append (&styled, stamp,
                     pango_attr_weight_new (PANGO_WEIGHT_BOLD),
                     color_attr (&DIM_COLOR),
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

      block = report_add_text (report, styled.text->str, styled.attrs, &STYLE_BODY,
                               i == 0 ? space_before : 6, 0);
      g_string_free (styled.text, TRUE);
      cell_hang_after (&g_array_index (block->cells, Cell, 0), stamp_len);
    }
}

/* "Label   value", in two columns. */
static void
report_add_field (Report     *report,
                  const char *label,
                  const char *value,
                  const char *over)
{
  Block *block = report_add_block (report);
  g_autofree char *flat = flatten (value);
  Styled styled;

  block->space_before = 4;

  styled_init (&styled);
  styled_append (&styled, flat[0] != '\0' ? flat : "—", NULL);
  if (over != NULL)
    {
      styled_append (&styled, "  ", NULL);
      styled_append (&styled, over,
                     color_attr (&OVERRUN_COLOR), pango_attr_weight_new (PANGO_WEIGHT_BOLD), NULL);
    }

  block_add_cell (report, block, label, NULL, &STYLE_FIELD_LABEL, 0, FIELD_LABEL_WIDTH - COLUMN_GAP);
  block_add_cell (report, block, styled.text->str, styled.attrs, &STYLE_FIELD,
                  FIELD_LABEL_WIDTH, content_width (report) - FIELD_LABEL_WIDTH);
  g_string_free (styled.text, TRUE);
}

static void
report_add_recommendation (Report              *report,
                           VivaInterviewRating  recommendation)
{
  Block *block = report_add_block (report);
  const double inset = 16;
  Cell *verdict;

  block->space_before = 18;
  block->padding = 12;
  block->decoration = DECORATION_BOX;
  block->accent = rating_color (recommendation);

  block_add_cell (report, block, _("OVERALL RECOMMENDATION"), NULL, &STYLE_LABEL,
                  inset, content_width (report) - 2 * inset);
  verdict = block_add_cell (report, block, viva_interview_rating_get_label (recommendation), NULL,
                            &STYLE_VERDICT, inset, content_width (report) - 2 * inset);
  verdict->color = block->accent;

  /* The verdict sits under its label. */
  verdict->y = g_array_index (block->cells, Cell, 0).height + 4;
}

static double
question_column_width (Report *report)
{
  return content_width (report) - COLUMN_NUMBER - COLUMN_TIME - COLUMN_RATING - 3 * COLUMN_GAP;
}

static Block *
report_add_table_header (Report *report)
{
  Block *block = report_add_block (report);
  double question_x = COLUMN_NUMBER + COLUMN_GAP;
  double time_x = question_x + question_column_width (report) + COLUMN_GAP;
  double rating_x = time_x + COLUMN_TIME + COLUMN_GAP;

  block->space_before = 6;
  block->padding = 4;
  block->decoration = DECORATION_STRONG_RULE_BELOW;
  block->keep_with_next = TRUE;

  block_add_cell (report, block, "#", NULL, &STYLE_CELL_HEADER, 0, COLUMN_NUMBER);
  block_add_cell (report, block, _("QUESTION"), NULL, &STYLE_CELL_HEADER, question_x, question_column_width (report));
  block_add_cell (report, block, _("TIME / BUDGET"), NULL, &STYLE_CELL_HEADER, time_x, COLUMN_TIME);
  block_add_cell (report, block, _("RATING"), NULL, &STYLE_CELL_HEADER, rating_x, COLUMN_RATING);

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
report_add_table_row (Report        *report,
                      Block         *header,
                      VivaInterview *interview,
                      guint          index)
{
  const VivaInterviewItem *item = viva_interview_get_item (interview, index);
  Block *block = report_add_block (report);
  double question_x = COLUMN_NUMBER + COLUMN_GAP;
  double time_x = question_x + question_column_width (report) + COLUMN_GAP;
  double rating_x = time_x + COLUMN_TIME + COLUMN_GAP;
  g_autofree char *number = g_strdup_printf ("%u", index + 1);
  g_autofree char *question = question_summary (item->text);
  g_autofree char *over = NULL;
  g_autofree char *time = format_time (viva_interview_get_item_elapsed (interview, index), item->budget, &over);
  Styled styled;
  Cell *rating;

  block->padding = 5;
  block->decoration = DECORATION_RULE_BELOW;
  block->header = header;

  block_add_cell (report, block, number, NULL, &STYLE_CELL, 0, COLUMN_NUMBER);
  block_add_cell (report, block, question, NULL, &STYLE_CELL, question_x, question_column_width (report));

  styled_init (&styled);
  if (over != NULL)
    {
      styled_append (&styled, time, color_attr (&OVERRUN_COLOR), pango_attr_weight_new (PANGO_WEIGHT_BOLD), NULL);
      styled_append (&styled, "\n", NULL);
      styled_append (&styled, over, color_attr (&OVERRUN_COLOR), NULL);
    }
  else
    styled_append (&styled, time, NULL);
  block_add_cell (report, block, styled.text->str, styled.attrs, &STYLE_CELL, time_x, COLUMN_TIME);
  g_string_free (styled.text, TRUE);

  rating = block_add_cell (report, block, viva_interview_rating_get_label (item->rating),
                           NULL, &STYLE_CELL, rating_x, COLUMN_RATING);
  rating->color = rating_color (item->rating);
}

static void
report_add_question (Report        *report,
                     VivaInterview *interview,
                     guint          index)
{
  const VivaInterviewItem *item = viva_interview_get_item (interview, index);
  guint n_items = viva_interview_get_n_items (interview);
  g_autofree char *over = NULL;
  g_autofree char *time = format_time (viva_interview_get_item_elapsed (interview, index), item->budget, &over);
  g_autofree char *label = NULL;
  g_autofree char *outline = NULL;
  g_autofree char *summary = question_summary (item->text);
  Styled styled;
  Block *block;

  if (item->number > 0)
    /* Translators: "QUESTION 2 OF 5 · BANK NO. 42" above a question */
    label = g_strdup_printf (_("QUESTION %u OF %u · BANK NO. %u"), index + 1, n_items, item->number);
  else
    /* Translators: "QUESTION 2 OF 5" above a question */
    label = g_strdup_printf (_("QUESTION %u OF %u"), index + 1, n_items);

  /* A rule between questions; the first has the heading above it. */
  block = report_add_text (report, label, NULL, &STYLE_LABEL, index > 0 ? 22 : 10, 0);
  if (index > 0)
    block->decoration = DECORATION_RULE_ABOVE;
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
    g_autoptr(GPtrArray) paragraphs = split_paragraphs (item->text);

    for (guint i = 0; i < paragraphs->len; i++)
      {
        block = report_add_text (report, g_ptr_array_index (paragraphs, i), NULL, &STYLE_QUESTION,
                                 4, 0);
        block->keep_with_next = TRUE;
      }
  }

  styled_init (&styled);
  styled_append (&styled, _("Rating:"), color_attr (&DIM_COLOR), NULL);
  styled_append (&styled, " ", NULL);
  styled_append (&styled, viva_interview_rating_get_label (item->rating),
                 color_attr (rating_color (item->rating)), pango_attr_weight_new (PANGO_WEIGHT_BOLD), NULL);
  styled_append (&styled, "     ", NULL);
  styled_append (&styled, _("Time:"), color_attr (&DIM_COLOR), NULL);
  styled_append (&styled, " ", NULL);
  if (over != NULL)
    {
      styled_append (&styled, time, color_attr (&OVERRUN_COLOR), pango_attr_weight_new (PANGO_WEIGHT_BOLD), NULL);
      styled_append (&styled, " (", color_attr (&OVERRUN_COLOR), NULL);
      styled_append (&styled, over, color_attr (&OVERRUN_COLOR), NULL);
      styled_append (&styled, ")", color_attr (&OVERRUN_COLOR), NULL);
    }
  else
    styled_append (&styled, time, NULL);

  block = report_add_text (report, styled.text->str, styled.attrs, &STYLE_BODY, 6, 0);
  block->keep_with_next = TRUE;
  g_string_free (styled.text, TRUE);

  block = report_add_text (report, _("NOTES"), NULL, &STYLE_LABEL, 10, 0);
  block->keep_with_next = TRUE;

  report_add_notes (report, item->notes, 4);
}

static void
report_build (Report        *report,
              VivaInterview *interview)
{
  guint n_items = viva_interview_get_n_items (interview);
  g_autofree char *date = viva_interview_format_date (interview, NULL);
  g_autofree char *over = NULL;
  g_autofree char *total = format_time (viva_interview_get_elapsed (interview),
                                        viva_interview_get_total_budget (interview), &over);
  Block *block;

  block = report_add_text (report, report->title, NULL, &STYLE_TITLE, 0, 0);
  block->splittable = FALSE;

  report_add_field (report, _("Role"), viva_interview_get_role (interview), NULL);
  report_add_field (report, _("Interviewer"), viva_interview_get_interviewer (interview), NULL);
  report_add_field (report, _("Date"), date, NULL);
  report_add_field (report, _("Total time"), total, over);
  report_add_field (report, _("Status"),
                    viva_interview_get_state (interview) == VIVA_INTERVIEW_STATE_FINISHED
                    ? _("Finished") : _("Not finished"), NULL);
  /* The fields stand a little apart from the title. */
  ((Block *) g_ptr_array_index (report->blocks, 1))->space_before = 12;

  report_add_recommendation (report, viva_interview_get_recommendation (interview));

  report_add_heading (report, _("Key Takeaways"), 24);
  report_add_paragraphs (report, viva_interview_get_takeaways (interview), _("None."), 6, 0);

  report_add_heading (report, _("Summary"), 20);
  report_add_paragraphs (report, viva_interview_get_summary (interview), _("None."), 6, 0);

  report_add_heading (report, _("Questions"), 20);
  if (n_items == 0)
    report_add_text (report, _("No questions."), NULL, &STYLE_EMPTY, 6, 0);
  else
    {
      Block *header = report_add_table_header (report);

      for (guint i = 0; i < n_items; i++)
        report_add_table_row (report, header, interview, i);

      report_add_heading (report, _("Notes by Question"), 28);
      for (guint i = 0; i < n_items; i++)
        report_add_question (report, interview, i);
    }
}

/* Pagination */

static double
lines_height (Block *block,
              guint  first,
              guint  n_lines)
{
  Cell *cell = &g_array_index (block->cells, Cell, 0);
  const Line *top = &g_array_index (cell->lines, Line, first);
  const Line *bottom = &g_array_index (cell->lines, Line, first + n_lines - 1);

  return bottom->top + bottom->height - top->top;
}

static guint
block_n_lines (Block *block)
{
  return g_array_index (block->cells, Cell, 0).lines->len;
}

static double
block_height (Block *block)
{
  double height = 0;

  if (block->splittable)
    return lines_height (block, 0, block_n_lines (block));

  for (guint i = 0; i < block->cells->len; i++)
    {
      const Cell *cell = &g_array_index (block->cells, Cell, i);

      height = MAX (height, cell->y + cell->height);
    }

  return height + 2 * block->padding;
}

/* What must follow a heading on its page: a row, or two lines. */
static double
block_head_height (Block *block)
{
  if (block->splittable)
    return lines_height (block, 0, MIN (2, block_n_lines (block)));

  return block_height (block);
}

typedef struct
{
  Report *report;
  GArray *page;
  double  top;
  double  bottom;
  double  y;
} Paginator;

static void
paginator_new_page (Paginator *p)
{
  p->page = g_array_new (FALSE, FALSE, sizeof (Placement));
  g_ptr_array_add (p->report->pages, p->page);
  p->y = p->top;
}

static void
paginator_place (Paginator *p,
                 Block     *block,
                 guint      first,
                 guint      n_lines,
                 double     height)
{
  Placement placement = { block, first, n_lines, p->y };

  g_array_append_val (p->page, placement);
  p->y += height;
}

/* The space a heading needs: itself, the headings that follow it and
 * the start of what they introduce. */
static double
keep_height (Report *report,
             guint   index)
{
  double needed = 0;

  for (guint i = index; i < report->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (report->blocks, i);

      if (i > index)
        needed += block->space_before;

      if (!block->keep_with_next)
        return needed + block_head_height (block);

      needed += block_height (block);
    }

  return needed;
}

/* How many lines from @first fit in @room. A paragraph of three lines
 * or fewer is not split; a longer one leaves neither its first nor its
 * last line alone on a page. */
static guint
lines_that_fit (Block  *block,
                guint   first,
                double  room)
{
  guint n_lines = block_n_lines (block);
  guint left = n_lines - first;
  guint fit = 0;

  while (fit < left && lines_height (block, first, fit + 1) <= room)
    fit++;

  if (fit < left && n_lines < 4)
    fit = 0;
  else if (fit < left)
    {
      if (left - fit < 2)
        fit = left >= 2 ? left - 2 : 0;
      if (first == 0 && fit < 2)
        fit = 0;
    }

  return fit;
}

static void
report_paginate (Report *report)
{
  Paginator p = { report, NULL, PAGE_MARGIN, report->height - PAGE_MARGIN, 0 };

  paginator_new_page (&p);

  for (guint i = 0; i < report->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (report->blocks, i);
      gboolean at_top = p.y <= p.top;
      double gap = at_top ? 0 : block->space_before;

      if (block->keep_with_next && !at_top)
        {
          double needed = keep_height (report, i) + gap;

          if (p.y + needed > p.bottom && needed <= p.bottom - p.top)
            {
              paginator_new_page (&p);
              at_top = TRUE;
              gap = 0;
            }
        }

      if (!block->splittable)
        {
          double height = block_height (block);

          if (!at_top && p.y + gap + height > p.bottom)
            {
              paginator_new_page (&p);
              gap = 0;
              /* A table goes on under its header. */
              if (block->header != NULL)
                paginator_place (&p, block->header, 0, 0, block_height (block->header));
            }

          p.y += gap;
          paginator_place (&p, block, 0, 0, height);
          continue;
        }

      for (guint first = 0, n_lines = block_n_lines (block); first < n_lines; )
        {
          guint fit = lines_that_fit (block, first, p.bottom - p.y - gap);

          /* A line taller than a page goes on a page of its own, cut. */
          if (fit == 0 && p.y <= p.top)
            fit = MAX (lines_that_fit (block, first, p.bottom - p.top), 1);

          if (fit > 0)
            {
              p.y += gap;
              paginator_place (&p, block, first, fit, lines_height (block, first, fit));
              first += fit;
            }

          if (first < n_lines)
            {
              paginator_new_page (&p);
              gap = 0;
            }
        }
    }
}

/* Drawing */

static void
set_source (cairo_t   *cr,
            const Rgb *color)
{
  cairo_set_source_rgb (cr, color->r, color->g, color->b);
}

static void
draw_rule (cairo_t   *cr,
           Report    *report,
           double     y,
           double     width,
           const Rgb *color)
{
  cairo_save (cr);
  set_source (cr, color);
  cairo_set_line_width (cr, width);
  cairo_move_to (cr, PAGE_MARGIN, y);
  cairo_line_to (cr, report->width - PAGE_MARGIN, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_cell_lines (cairo_t    *cr,
                 const Cell *cell,
                 guint       first,
                 guint       n_lines,
                 double      y)
{
  GSList *lines = g_slist_nth (pango_layout_get_lines_readonly (cell->layout), first);
  double offset = g_array_index (cell->lines, Line, first).top;

  set_source (cr, cell->color);

  for (guint i = first; i < first + n_lines && lines != NULL; i++, lines = lines->next)
    {
      const Line *line = &g_array_index (cell->lines, Line, i);

      cairo_move_to (cr, PAGE_MARGIN + cell->x + line->x, y + line->baseline - offset);
      pango_cairo_show_layout_line (cr, lines->data);
    }
}

static void
draw_box (cairo_t   *cr,
          Report    *report,
          double     y,
          double     height,
          const Rgb *accent)
{
  double x = PAGE_MARGIN;
  double width = content_width (report);
  double radius = 6;

  cairo_save (cr);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr,
                        1 - 0.1 * (1 - accent->r),
                        1 - 0.1 * (1 - accent->g),
                        1 - 0.1 * (1 - accent->b));
  cairo_fill_preserve (cr);
  cairo_clip (cr);
  set_source (cr, accent);
  cairo_rectangle (cr, x, y, 5, height);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
draw_placement (cairo_t         *cr,
                Report          *report,
                const Placement *placement)
{
  Block *block = placement->block;

  if (block->splittable)
    {
      if (block->decoration == DECORATION_RULE_ABOVE && placement->first == 0 &&
          placement->y > PAGE_MARGIN)
        draw_rule (cr, report, placement->y - block->space_before / 2, 0.5, &RULE_COLOR);

      draw_cell_lines (cr, &g_array_index (block->cells, Cell, 0),
                       placement->first, placement->n_lines, placement->y);
      return;
    }

  {
    double height = block_height (block);

    switch (block->decoration)
      {
      case DECORATION_BOX:
        draw_box (cr, report, placement->y, height, block->accent);
        break;
      case DECORATION_RULE_BELOW:
        draw_rule (cr, report, placement->y + height, 0.5, &RULE_COLOR);
        break;
      case DECORATION_STRONG_RULE_BELOW:
        draw_rule (cr, report, placement->y + height, 1, &STRONG_RULE_COLOR);
        break;
      case DECORATION_RULE_ABOVE:
      case DECORATION_NONE:
      default:
        break;
      }

    for (guint i = 0; i < block->cells->len; i++)
      {
        const Cell *cell = &g_array_index (block->cells, Cell, i);

        draw_cell_lines (cr, cell, 0, cell->lines->len, placement->y + block->padding + cell->y);
      }
  }
}

static void
draw_running_text (cairo_t    *cr,
                   Report     *report,
                   const char *text,
                   double      y,
                   PangoAlignment alignment)
{
  Cell cell = { 0 };

  cell.layout = create_layout (report, text, NULL, &STYLE_RUNNING, content_width (report));
  pango_layout_set_alignment (cell.layout, alignment);
  cell.color = STYLE_RUNNING.color;
  cell_measure (&cell);
  draw_cell_lines (cr, &cell, 0, cell.lines->len, y);
  cell_clear (&cell);
}

static void
report_draw_page (Report  *report,
                  cairo_t *cr,
                  guint    page_nr)
{
  GArray *page;
  g_autofree char *footer = NULL;

  g_return_if_fail (page_nr < report->pages->len);

  page = g_ptr_array_index (report->pages, page_nr);

  /* Every page but the first says whose report it is. */
  if (page_nr > 0)
    {
      draw_running_text (cr, report, report->running_header,
                         PAGE_MARGIN - HEADER_RISE - 4, PANGO_ALIGN_LEFT);
      draw_rule (cr, report, PAGE_MARGIN - HEADER_RISE + 10, 0.5, &RULE_COLOR);
    }

  /* Translators: the footer of each page of an interview report */
  footer = g_strdup_printf (_("Page %u of %u"), page_nr + 1, report->pages->len);
  draw_running_text (cr, report, footer, report->height - PAGE_MARGIN + FOOTER_DROP - 10, PANGO_ALIGN_CENTER);

  for (guint i = 0; i < page->len; i++)
    draw_placement (cr, report, &g_array_index (page, Placement, i));
}

/* The report */

static void
report_free (Report *report)
{
  g_clear_object (&report->context);
  g_clear_pointer (&report->blocks, g_ptr_array_unref);
  g_clear_pointer (&report->pages, g_ptr_array_unref);
  g_free (report->title);
  g_free (report->running_header);
  g_free (report);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Report, report_free)

/* The one layout both outputs draw: pages of @width × @height points. */
static Report *
report_new (VivaInterview *interview,
            double         width,
            double         height)
{
  Report *report = g_new0 (Report, 1);
  g_autofree char *candidate = flatten (viva_interview_get_candidate (interview));
  g_autofree char *role = flatten (viva_interview_get_role (interview));
  cairo_font_options_t *options = cairo_font_options_create ();

  if (candidate[0] == '\0')
    {
      g_free (candidate);
      candidate = g_strdup (_("Unnamed Candidate"));
    }

  report->width = width;
  report->height = height;
  report->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  report->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  /* Translators: the title of an interview report; %s is the candidate */
  report->title = g_strdup_printf (_("Interview: %s"), candidate);
  if (role[0] != '\0')
    /* Translators: the header of a report's later pages: candidate · role */
    report->running_header = g_strdup_printf (_("%s · %s"), candidate, role);
  else
    report->running_header = g_strdup (candidate);

  /* Laid out in points, without hinting, so that what is measured here
   * is what any surface draws. */
  report->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (report->context, 72);
  pango_context_set_round_glyph_positions (report->context, FALSE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (report->context, options);
  cairo_font_options_destroy (options);

  report_build (report, interview);
  report_paginate (report);

  return report;
}

/* PDF */

static void
report_add_outline (Report          *report,
                    cairo_surface_t *surface,
                    guint            page_nr,
                    int             *parent)
{
  GArray *page = g_ptr_array_index (report->pages, page_nr);

  for (guint i = 0; i < page->len; i++)
    {
      const Placement *placement = &g_array_index (page, Placement, i);
      g_autofree char *link = NULL;
      int id;

      if (placement->block->outline == NULL || placement->first > 0)
        continue;

      link = g_strdup_printf ("page=%u pos=[%d %d]", page_nr + 1,
                              (int) PAGE_MARGIN, (int) MAX (placement->y - 12, 0));
      id = cairo_pdf_surface_add_outline (surface,
                                          placement->block->outline_child ? *parent : CAIRO_PDF_OUTLINE_ROOT,
                                          placement->block->outline, link, 0);
      if (!placement->block->outline_child)
        *parent = id;
    }
}

static cairo_status_t
append_to_byte_array (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

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
  g_autoptr(Report) report = NULL;
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int parent = CAIRO_PDF_OUTLINE_ROOT;

  g_return_val_if_fail (VIVA_IS_INTERVIEW (interview), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  report = report_new (interview, width, height);

  surface = cairo_pdf_surface_create_for_stream (append_to_byte_array, buffer, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, report->title);
  if (viva_interview_get_interviewer (interview)[0] != '\0')
    {
      g_autofree char *author = flatten (viva_interview_get_interviewer (interview));

      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
    }
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Viva");

  cr = cairo_create (surface);
  for (guint i = 0; i < report->pages->len; i++)
    {
      report_draw_page (report, cr, i);
      report_add_outline (report, surface, i, &parent);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not draw the report: %s"), cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
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
  VivaInterview *interview;
  Report        *report;
  GWeakRef       parent;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_clear_object (&job->interview);
  g_clear_pointer (&job->report, report_free);
  g_weak_ref_clear (&job->parent);
  g_free (job);
}

static void
print_begin_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  g_clear_pointer (&job->report, report_free);
  job->report = report_new (job->interview,
                            gtk_print_context_get_width (context),
                            gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, (int) job->report->pages->len);
}

static void
print_draw_page_cb (GtkPrintOperation *operation,
                    GtkPrintContext   *context,
                    int                page_nr,
                    PrintJob          *job)
{
  g_return_if_fail (job->report != NULL);
  g_return_if_fail (page_nr >= 0 && (guint) page_nr < job->report->pages->len);

  report_draw_page (job->report, gtk_print_context_get_cairo_context (context), (guint) page_nr);
}

static void
print_end_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              PrintJob          *job)
{
  g_clear_pointer (&job->report, report_free);
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
  g_autofree char *candidate = NULL;
  g_autofree char *job_name = NULL;

  g_return_val_if_fail (VIVA_IS_INTERVIEW (interview), NULL);

  operation = gtk_print_operation_new ();
  job = g_new0 (PrintJob, 1);
  job->interview = g_object_ref (interview);
  g_weak_ref_init (&job->parent, NULL);
  g_object_set_data_full (G_OBJECT (operation), "viva-print-job", job, (GDestroyNotify) print_job_free);

  candidate = flatten (viva_interview_get_candidate (interview));
  job_name = g_strdup_printf (_("Interview: %s"), candidate[0] != '\0' ? candidate : _("Unnamed Candidate"));
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
      gtk_window_present (GTK_WINDOW (dialog));
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
