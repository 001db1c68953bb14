/* viva-report-layout.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pango.h>

G_BEGIN_DECLS

/* Three quarters of an inch (19 mm): inside what printers can reach on
 * both A4 and Letter, and room for the running header and footer. */
#define VIVA_REPORT_PAGE_MARGIN 54.0

typedef struct
{
  double r, g, b;
} VivaReportColor;

extern const VivaReportColor viva_report_text_color;
extern const VivaReportColor viva_report_dim_color;

/**
 * VivaReportStyle:
 * @size: the font size, in points
 * @weight: the font weight
 * @slant: the font style
 * @color: the text colour
 * @spacing: a line spacing factor; 0 for the font's own
 * @max_lines: the most lines shown, ellipsized after; 0 for no limit
 */
typedef struct
{
  double                 size;
  PangoWeight            weight;
  PangoStyle             slant;
  const VivaReportColor *color;
  double                 spacing;
  int                    max_lines;
} VivaReportStyle;

typedef enum
{
  VIVA_REPORT_DECORATION_NONE,
  VIVA_REPORT_DECORATION_RULE_ABOVE,
  VIVA_REPORT_DECORATION_RULE_BELOW,
  VIVA_REPORT_DECORATION_STRONG_RULE_BELOW,
  VIVA_REPORT_DECORATION_BOX,
  VIVA_REPORT_DECORATION_CODE,
} VivaReportDecoration;

/**
 * VivaReportCell:
 * @layout: the text, laid out in points
 * @lines: (element-type VivaReportLine): where each line sits; private
 * @x: from the left margin
 * @y: from the top of its block's content
 * @color: the text colour
 * @height: from the top of the first line to the bottom of the last
 *
 * A piece of text in a block: a paragraph, or a column of a table row.
 */
typedef struct
{
  PangoLayout           *layout;
  GArray                *lines;
  double                 x;
  double                 y;
  const VivaReportColor *color;
  double                 height;
} VivaReportCell;

typedef struct _VivaReportBlock VivaReportBlock;

/**
 * VivaReportBlock:
 * @cells: (element-type VivaReportCell): its text
 * @space_before: above it; dropped at the top of a page
 * @padding: above and below the cells
 * @decoration: a rule or a box; %VIVA_REPORT_DECORATION_CODE, a tinted
 *   band behind a splittable block's lines, on each page it spans
 * @accent: (nullable): the box's colour
 * @splittable: one cell, which may be cut between lines across pages
 * @keep_with_next: never last on a page (a heading)
 * @header: (nullable): a table row's header, repeated on a new page
 * @outline: (nullable): a PDF bookmark
 * @outline_child: the bookmark goes under the last top-level one
 *
 * A paragraph, a heading or a table row: what pagination places.
 */
struct _VivaReportBlock
{
  GArray                *cells;
  double                 space_before;
  double                 padding;
  VivaReportDecoration   decoration;
  const VivaReportColor *accent;
  gboolean               splittable;
  gboolean               keep_with_next;
  VivaReportBlock       *header;
  char                  *outline;
  gboolean               outline_child;
};

typedef struct _VivaReportLayout VivaReportLayout;

VivaReportLayout *viva_report_layout_new                (double                 width,
                                                         double                 height);
void              viva_report_layout_free               (VivaReportLayout      *self);
double            viva_report_layout_get_content_width  (VivaReportLayout      *self);
void              viva_report_layout_set_running_header (VivaReportLayout      *self,
                                                         const char            *text);
VivaReportBlock  *viva_report_layout_add_block          (VivaReportLayout      *self);
VivaReportBlock  *viva_report_layout_add_text           (VivaReportLayout      *self,
                                                         const char            *text,
                                                         PangoAttrList         *attrs,
                                                         const VivaReportStyle *style,
                                                         double                 space_before,
                                                         double                 indent);
VivaReportCell   *viva_report_layout_add_cell           (VivaReportLayout      *self,
                                                         VivaReportBlock       *block,
                                                         const char            *text,
                                                         PangoAttrList         *attrs,
                                                         const VivaReportStyle *style,
                                                         double                 x,
                                                         double                 width);
void              viva_report_layout_paginate           (VivaReportLayout      *self);
guint             viva_report_layout_get_n_pages        (VivaReportLayout      *self);
void              viva_report_layout_draw_page          (VivaReportLayout      *self,
                                                         cairo_t               *cr,
                                                         guint                  page_nr);
GBytes           *viva_report_layout_to_pdf             (VivaReportLayout      *self,
                                                         const char            *title,
                                                         const char            *author,
                                                         GError               **error);

VivaReportCell   *viva_report_block_get_cell            (VivaReportBlock       *block,
                                                         guint                  index);
void              viva_report_cell_hang_after           (VivaReportCell        *cell,
                                                         gsize                  index);

/**
 * VivaReportText:
 * @text: the text so far
 * @attrs: its attributes
 *
 * Attributed text, built without markup: what a user typed can never
 * change the report's look.
 */
typedef struct
{
  GString       *text;
  PangoAttrList *attrs;
} VivaReportText;

void              viva_report_text_init                 (VivaReportText        *self);
void              viva_report_text_append               (VivaReportText        *self,
                                                         const char            *text,
                                                         ...) G_GNUC_NULL_TERMINATED;
PangoAttribute   *viva_report_color_attr                (const VivaReportColor *color);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VivaReportLayout, viva_report_layout_free)

G_END_DECLS
