/* viva-report-layout.c
 *
 * A printed report, laid out once and drawn on any cairo surface: a PDF
 * file, or the pages of a print operation. The report is a list of
 * blocks (paragraphs, headings, table rows) of Pango text in points;
 * pagination cuts it into pages between lines, never through one, and
 * each page is then drawn with a running header (on every page but the
 * first) and a "Page N of M" footer.
 *
 * Pagination keeps what belongs together: a heading (a block kept with
 * the next) never ends a page, and takes the start of what it
 * introduces with it; a table row is never cut, and a table that goes
 * on over a page repeats its header row there; a paragraph of three
 * lines or fewer is not split, and a longer one leaves neither its first
 * nor its last line alone on a page.
 *
 * What goes in which block is the caller's: see viva-interview-pdf.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "viva-report-layout.h"

#define HEADER_RISE        22.0
#define FOOTER_DROP        26.0

#define FONT_FAMILY        "Sans"

const VivaReportColor viva_report_text_color = { 0.12, 0.12, 0.13 };
const VivaReportColor viva_report_dim_color = { 0.40, 0.40, 0.43 };
static const VivaReportColor RULE_COLOR = { 0.82, 0.82, 0.84 };
static const VivaReportColor STRONG_RULE_COLOR = { 0.35, 0.35, 0.38 };
static const VivaReportColor CODE_BAND_COLOR = { 0.95, 0.95, 0.96 };
/* How far a code band reaches around its lines: less than the space
 * between blocks, so that bands never touch the text around them. */
#define CODE_BAND_PAD      3.0

static const VivaReportStyle STYLE_RUNNING = { 8.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, &viva_report_dim_color, 0, 1 };

/* One line of a laid-out text, in points from the layout's top left. */
typedef struct
{
  double top;
  double height;
  double baseline;
  double x;
} Line;

/* A block, or some of its lines, on a page. */
typedef struct
{
  VivaReportBlock *block;
  guint            first;
  guint            n_lines;
  double           y;
} Placement;

struct _VivaReportLayout
{
  double        width;
  double        height;
  PangoContext *context;
  GPtrArray    *blocks;   /* of VivaReportBlock, owned */
  GPtrArray    *pages;    /* of GArray of Placement */
  char         *running_header;
};

/* Building blocks */

static void
cell_clear (VivaReportCell *cell)
{
  g_clear_object (&cell->layout);
  g_clear_pointer (&cell->lines, g_array_unref);
}

static void
block_free (VivaReportBlock *block)
{
  g_array_unref (block->cells);
  g_free (block->outline);
  g_free (block);
}

double
viva_report_layout_get_content_width (VivaReportLayout *self)
{
  return self->width - 2 * VIVA_REPORT_PAGE_MARGIN;
}

static PangoLayout *
create_layout (VivaReportLayout      *self,
               const char            *text,
               PangoAttrList         *attrs,
               const VivaReportStyle *style,
               double                 width)
{
  PangoLayout *layout = pango_layout_new (self->context);
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
cell_measure (VivaReportCell *cell)
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

/* Returns: (transfer none): a new block at the end, with no cell yet */
VivaReportBlock *
viva_report_layout_add_block (VivaReportLayout *self)
{
  VivaReportBlock *block = g_new0 (VivaReportBlock, 1);

  block->cells = g_array_new (FALSE, TRUE, sizeof (VivaReportCell));
  g_array_set_clear_func (block->cells, (GDestroyNotify) cell_clear);
  g_ptr_array_add (self->blocks, block);

  return block;
}

/**
 * viva_report_layout_add_cell:
 * @block: a block of @self
 * @text: plain text, never markup
 * @attrs: (transfer full) (nullable): its attributes
 * @style: how it looks
 * @x: from the left margin, in points
 * @width: in points
 *
 * Returns: (transfer none): the cell, laid out and measured
 */
VivaReportCell *
viva_report_layout_add_cell (VivaReportLayout      *self,
                             VivaReportBlock       *block,
                             const char            *text,
                             PangoAttrList         *attrs,
                             const VivaReportStyle *style,
                             double                 x,
                             double                 width)
{
  VivaReportCell cell = { 0 };

  cell.layout = create_layout (self, text, attrs, style, width);
  cell.x = x;
  cell.color = style->color;
  cell_measure (&cell);
  g_clear_pointer (&attrs, pango_attr_list_unref);
  g_array_append_val (block->cells, cell);

  return &g_array_index (block->cells, VivaReportCell, block->cells->len - 1);
}

/**
 * viva_report_layout_add_text:
 * @attrs: (transfer full) (nullable): the attributes of @text
 *
 * A paragraph that flows across pages, indented by @indent points.
 *
 * Returns: (transfer none): its block
 */
VivaReportBlock *
viva_report_layout_add_text (VivaReportLayout      *self,
                             const char            *text,
                             PangoAttrList         *attrs,
                             const VivaReportStyle *style,
                             double                 space_before,
                             double                 indent)
{
  VivaReportBlock *block = viva_report_layout_add_block (self);

  block->space_before = space_before;
  block->splittable = TRUE;
  viva_report_layout_add_cell (self, block, text, attrs, style, indent,
                               viva_report_layout_get_content_width (self) - indent);

  return block;
}

/* Returns: (transfer none): the @index-th cell of @block */
VivaReportCell *
viva_report_block_get_cell (VivaReportBlock *block,
                            guint            index)
{
  g_return_val_if_fail (index < block->cells->len, NULL);

  return &g_array_index (block->cells, VivaReportCell, index);
}

/* Lines after the first start where the text after @index does on the
 * first line: a hanging indent. */
void
viva_report_cell_hang_after (VivaReportCell *cell,
                             gsize           index)
{
  PangoRectangle position;

  pango_layout_index_to_pos (cell->layout, (int) index, &position);
  pango_layout_set_indent (cell->layout, -position.x);
  g_clear_pointer (&cell->lines, g_array_unref);
  cell_measure (cell);
}

/* Attributed text */

void
viva_report_text_init (VivaReportText *self)
{
  self->text = g_string_new (NULL);
  self->attrs = pango_attr_list_new ();
}

/* Appends @text with attributes (a %NULL-terminated list), which it takes. */
void
viva_report_text_append (VivaReportText *self,
                         const char     *text,
                         ...)
{
  guint start = self->text->len;
  PangoAttribute *attr;
  va_list args;

  g_string_append (self->text, text);

  va_start (args, text);
  while ((attr = va_arg (args, PangoAttribute *)) != NULL)
    {
      attr->start_index = start;
      attr->end_index = self->text->len;
      pango_attr_list_insert (self->attrs, attr);
    }
  va_end (args);
}

PangoAttribute *
viva_report_color_attr (const VivaReportColor *color)
{
  return pango_attr_foreground_new ((guint16) (color->r * 65535),
                                    (guint16) (color->g * 65535),
                                    (guint16) (color->b * 65535));
}

/* Pagination */

static double
lines_height (VivaReportBlock *block,
              guint            first,
              guint            n_lines)
{
  VivaReportCell *cell = &g_array_index (block->cells, VivaReportCell, 0);
  const Line *top = &g_array_index (cell->lines, Line, first);
  const Line *bottom = &g_array_index (cell->lines, Line, first + n_lines - 1);

  return bottom->top + bottom->height - top->top;
}

static guint
block_n_lines (VivaReportBlock *block)
{
  return g_array_index (block->cells, VivaReportCell, 0).lines->len;
}

static double
block_height (VivaReportBlock *block)
{
  double height = 0;

  if (block->splittable)
    return lines_height (block, 0, block_n_lines (block));

  for (guint i = 0; i < block->cells->len; i++)
    {
      const VivaReportCell *cell = &g_array_index (block->cells, VivaReportCell, i);

      height = MAX (height, cell->y + cell->height);
    }

  return height + 2 * block->padding;
}

/* What must follow a heading on its page: a row, or two lines. */
static double
block_head_height (VivaReportBlock *block)
{
  if (block->splittable)
    return lines_height (block, 0, MIN (2, block_n_lines (block)));

  return block_height (block);
}

typedef struct
{
  VivaReportLayout *layout;
  GArray           *page;
  double            top;
  double            bottom;
  double            y;
} Paginator;

static void
paginator_new_page (Paginator *p)
{
  p->page = g_array_new (FALSE, FALSE, sizeof (Placement));
  g_ptr_array_add (p->layout->pages, p->page);
  p->y = p->top;
}

static void
paginator_place (Paginator       *p,
                 VivaReportBlock *block,
                 guint            first,
                 guint            n_lines,
                 double           height)
{
  Placement placement = { block, first, n_lines, p->y };

  g_array_append_val (p->page, placement);
  p->y += height;
}

/* The space a heading needs: itself, the headings that follow it and
 * the start of what they introduce. */
static double
keep_height (VivaReportLayout *self,
             guint             index)
{
  double needed = 0;

  for (guint i = index; i < self->blocks->len; i++)
    {
      VivaReportBlock *block = g_ptr_array_index (self->blocks, i);

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
lines_that_fit (VivaReportBlock *block,
                guint            first,
                double           room)
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

/**
 * viva_report_layout_paginate:
 *
 * Cuts the blocks added so far into pages. Call it once, when all the
 * blocks are there.
 */
void
viva_report_layout_paginate (VivaReportLayout *self)
{
  Paginator p = { self, NULL, VIVA_REPORT_PAGE_MARGIN, self->height - VIVA_REPORT_PAGE_MARGIN, 0 };

  g_return_if_fail (self->pages->len == 0);

  paginator_new_page (&p);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      VivaReportBlock *block = g_ptr_array_index (self->blocks, i);
      gboolean at_top = p.y <= p.top;
      double gap = at_top ? 0 : block->space_before;

      if (block->keep_with_next && !at_top)
        {
          double needed = keep_height (self, i) + gap;

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

guint
viva_report_layout_get_n_pages (VivaReportLayout *self)
{
  return self->pages->len;
}

/* Drawing */

static void
set_source (cairo_t               *cr,
            const VivaReportColor *color)
{
  cairo_set_source_rgb (cr, color->r, color->g, color->b);
}

static void
draw_rule (cairo_t               *cr,
           VivaReportLayout      *self,
           double                 y,
           double                 width,
           const VivaReportColor *color)
{
  cairo_save (cr);
  set_source (cr, color);
  cairo_set_line_width (cr, width);
  cairo_move_to (cr, VIVA_REPORT_PAGE_MARGIN, y);
  cairo_line_to (cr, self->width - VIVA_REPORT_PAGE_MARGIN, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_cell_lines (cairo_t              *cr,
                 const VivaReportCell *cell,
                 guint                 first,
                 guint                 n_lines,
                 double                y)
{
  GSList *lines = g_slist_nth (pango_layout_get_lines_readonly (cell->layout), first);
  double offset = g_array_index (cell->lines, Line, first).top;

  set_source (cr, cell->color);

  for (guint i = first; i < first + n_lines && lines != NULL; i++, lines = lines->next)
    {
      const Line *line = &g_array_index (cell->lines, Line, i);

      cairo_move_to (cr, VIVA_REPORT_PAGE_MARGIN + cell->x + line->x, y + line->baseline - offset);
      pango_cairo_show_layout_line (cr, lines->data);
    }
}

static void
draw_box (cairo_t               *cr,
          VivaReportLayout      *self,
          double                 y,
          double                 height,
          const VivaReportColor *accent)
{
  double x = VIVA_REPORT_PAGE_MARGIN;
  double width = viva_report_layout_get_content_width (self);
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
draw_placement (cairo_t          *cr,
                VivaReportLayout *self,
                const Placement  *placement)
{
  VivaReportBlock *block = placement->block;

  if (block->splittable)
    {
      if (block->decoration == VIVA_REPORT_DECORATION_RULE_ABOVE && placement->first == 0 &&
          placement->y > VIVA_REPORT_PAGE_MARGIN)
        draw_rule (cr, self, placement->y - block->space_before / 2, 0.5, &RULE_COLOR);

      if (block->decoration == VIVA_REPORT_DECORATION_CODE)
        {
          const VivaReportCell *cell = &g_array_index (block->cells, VivaReportCell, 0);

          /* Behind the lines on this page only: a block cut by a page
           * break gets a band on each page. */
          cairo_save (cr);
          set_source (cr, &CODE_BAND_COLOR);
          cairo_rectangle (cr, VIVA_REPORT_PAGE_MARGIN + cell->x - 2 * CODE_BAND_PAD,
                           placement->y - CODE_BAND_PAD,
                           viva_report_layout_get_content_width (self) - cell->x + 2 * CODE_BAND_PAD,
                           lines_height (block, placement->first, placement->n_lines) + 2 * CODE_BAND_PAD);
          cairo_fill (cr);
          cairo_restore (cr);
        }

      draw_cell_lines (cr, &g_array_index (block->cells, VivaReportCell, 0),
                       placement->first, placement->n_lines, placement->y);
      return;
    }

  {
    double height = block_height (block);

    switch (block->decoration)
      {
      case VIVA_REPORT_DECORATION_BOX:
        draw_box (cr, self, placement->y, height, block->accent);
        break;
      case VIVA_REPORT_DECORATION_RULE_BELOW:
        draw_rule (cr, self, placement->y + height, 0.5, &RULE_COLOR);
        break;
      case VIVA_REPORT_DECORATION_STRONG_RULE_BELOW:
        draw_rule (cr, self, placement->y + height, 1, &STRONG_RULE_COLOR);
        break;
      case VIVA_REPORT_DECORATION_RULE_ABOVE:
      case VIVA_REPORT_DECORATION_CODE:
      case VIVA_REPORT_DECORATION_NONE:
      default:
        break;
      }

    for (guint i = 0; i < block->cells->len; i++)
      {
        const VivaReportCell *cell = &g_array_index (block->cells, VivaReportCell, i);

        draw_cell_lines (cr, cell, 0, cell->lines->len, placement->y + block->padding + cell->y);
      }
  }
}

static void
draw_running_text (cairo_t          *cr,
                   VivaReportLayout *self,
                   const char       *text,
                   double            y,
                   PangoAlignment    alignment)
{
  VivaReportCell cell = { 0 };

  cell.layout = create_layout (self, text, NULL, &STYLE_RUNNING, viva_report_layout_get_content_width (self));
  pango_layout_set_alignment (cell.layout, alignment);
  cell.color = STYLE_RUNNING.color;
  cell_measure (&cell);
  draw_cell_lines (cr, &cell, 0, cell.lines->len, y);
  cell_clear (&cell);
}

/**
 * viva_report_layout_draw_page:
 * @cr: where to draw, in points from the top left of the page
 * @page_nr: from 0
 *
 * Draws a page of the paginated report: on a PDF surface, or on the
 * cairo context of a print operation's page.
 */
void
viva_report_layout_draw_page (VivaReportLayout *self,
                              cairo_t          *cr,
                              guint             page_nr)
{
  GArray *page;
  g_autofree char *footer = NULL;

  g_return_if_fail (page_nr < self->pages->len);

  page = g_ptr_array_index (self->pages, page_nr);

  /* Every page but the first says whose report it is. */
  if (page_nr > 0 && self->running_header != NULL)
    {
      draw_running_text (cr, self, self->running_header,
                         VIVA_REPORT_PAGE_MARGIN - HEADER_RISE - 4, PANGO_ALIGN_LEFT);
      draw_rule (cr, self, VIVA_REPORT_PAGE_MARGIN - HEADER_RISE + 10, 0.5, &RULE_COLOR);
    }

  /* Translators: the footer of each page of an interview report */
  footer = g_strdup_printf (_("Page %u of %u"), page_nr + 1, self->pages->len);
  draw_running_text (cr, self, footer, self->height - VIVA_REPORT_PAGE_MARGIN + FOOTER_DROP - 10, PANGO_ALIGN_CENTER);

  for (guint i = 0; i < page->len; i++)
    draw_placement (cr, self, &g_array_index (page, Placement, i));
}

/* The layout */

void
viva_report_layout_free (VivaReportLayout *self)
{
  g_clear_object (&self->context);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_free (self->running_header);
  g_free (self);
}

/**
 * viva_report_layout_new:
 * @width: the page's width, in points
 * @height: the page's height, in points
 *
 * An empty report on pages of @width × @height points, with margins of
 * %VIVA_REPORT_PAGE_MARGIN.
 *
 * Returns: (transfer full): the layout
 */
VivaReportLayout *
viva_report_layout_new (double width,
                        double height)
{
  VivaReportLayout *self = g_new0 (VivaReportLayout, 1);
  cairo_font_options_t *options = cairo_font_options_create ();

  self->width = width;
  self->height = height;
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  /* Laid out in points, without hinting, so that what is measured here
   * is what any surface draws. */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (self->context, 72);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);

  return self;
}

/* The header of every page but the first: whose report it is. */
void
viva_report_layout_set_running_header (VivaReportLayout *self,
                                       const char       *text)
{
  g_free (self->running_header);
  self->running_header = g_strdup (text);
}

/* PDF */

static void
add_outline (VivaReportLayout *self,
             cairo_surface_t  *surface,
             guint             page_nr,
             int              *parent)
{
  GArray *page = g_ptr_array_index (self->pages, page_nr);

  for (guint i = 0; i < page->len; i++)
    {
      const Placement *placement = &g_array_index (page, Placement, i);
      g_autofree char *link = NULL;
      int id;

      if (placement->block->outline == NULL || placement->first > 0)
        continue;

      link = g_strdup_printf ("page=%u pos=[%d %d]", page_nr + 1,
                              (int) VIVA_REPORT_PAGE_MARGIN, (int) MAX (placement->y - 12, 0));
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
 * viva_report_layout_to_pdf:
 * @title: the document's title, in its properties
 * @author: (nullable): its author, likewise
 * @error: where a drawing error goes
 *
 * The paginated report as a PDF document, with a bookmark for each
 * block that has an outline.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
GBytes *
viva_report_layout_to_pdf (VivaReportLayout  *self,
                           const char        *title,
                           const char        *author,
                           GError           **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int parent = CAIRO_PDF_OUTLINE_ROOT;

  surface = cairo_pdf_surface_create_for_stream (append_to_byte_array, buffer, self->width, self->height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  if (author != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Viva");

  cr = cairo_create (surface);
  for (guint i = 0; i < self->pages->len; i++)
    {
      viva_report_layout_draw_page (self, cr, i);
      add_outline (self, surface, i, &parent);
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
