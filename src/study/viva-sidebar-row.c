/* viva-sidebar-row.c
 *
 * One row of the sidebar tree: a level, a topic or a question. Levels and
 * topics show a small bar of how many questions are Confident, Learning
 * and New, and, after a pencil, "notes written / questions", or while
 * searching how many of their questions match; questions show their
 * number, a one-line title
 * and marks for a star and for notes. While searching, a question's title
 * has the words highlighted, and a second line quotes the user's note
 * where the words are found in it.
 *
 * Unlike Viva's other widgets, the row builds its children in code, not
 * from a template: GTK 4.8's list view makes a fresh row for every item
 * that comes on screen (it recycles none; the sidebar keeps the rows it
 * lets go, and makes those of a session's first search ahead, but a
 * search that outruns them still makes about 200 at once),
 * and with a GtkBuilder template
 * making them was most of a keystroke's cost on a large bank. A question's
 * context menu (secondary click or long press) adds it to the plan of
 * an interview; from the keyboard, Ctrl+Shift+P does the same for the
 * open question.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "viva-level.h"
#include "viva-progress.h"
#include "viva-query.h"
#include "viva-question.h"
#include "viva-search.h"
#include "viva-sidebar-row.h"
#include "viva-stacked-bar.h"
#include "viva-topic.h"

/* What the title and the figures share: see below. Declared by hand:
 * G_DECLARE_DERIVABLE_TYPE's instance struct holds no fields, and its
 * two subclasses, in this file, read its fields directly. */
typedef struct _VivaSidebarLabel VivaSidebarLabel;
typedef struct _VivaSidebarLabelClass VivaSidebarLabelClass;
#define VIVA_TYPE_SIDEBAR_LABEL (viva_sidebar_label_get_type ())
#define VIVA_SIDEBAR_LABEL(obj) (G_TYPE_CHECK_INSTANCE_CAST ((obj), VIVA_TYPE_SIDEBAR_LABEL, VivaSidebarLabel))
#define VIVA_SIDEBAR_LABEL_CLASS(klass) (G_TYPE_CHECK_CLASS_CAST ((klass), VIVA_TYPE_SIDEBAR_LABEL, VivaSidebarLabelClass))
#define VIVA_SIDEBAR_LABEL_GET_CLASS(obj) (G_TYPE_INSTANCE_GET_CLASS ((obj), VIVA_TYPE_SIDEBAR_LABEL, VivaSidebarLabelClass))
GType viva_sidebar_label_get_type (void);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VivaSidebarLabel, g_object_unref)

struct _VivaSidebarLabelClass
{
  GtkWidgetClass parent_class;

  /* A new layout of the text. */
  PangoLayout *(*create_layout) (VivaSidebarLabel *self);
  /* Fonts were installed or removed: forgets what was measured of them. */
  void         (*fonts_changed) (void);
};

/* The row's title: see below. */
#define VIVA_TYPE_SIDEBAR_TITLE (viva_sidebar_title_get_type ())
G_DECLARE_FINAL_TYPE (VivaSidebarTitle, viva_sidebar_title, VIVA, SIDEBAR_TITLE, VivaSidebarLabel)

/* The row's number and count: see below. */
#define VIVA_TYPE_SIDEBAR_FIGURE (viva_sidebar_figure_get_type ())
G_DECLARE_FINAL_TYPE (VivaSidebarFigure, viva_sidebar_figure, VIVA, SIDEBAR_FIGURE, VivaSidebarLabel)

struct _VivaSidebarRow
{
  GtkWidget  parent_instance;

  /* Owned */
  GObject         *item;
  /* The study state the marks and counts are read from. */
  VivaProgress    *progress;
  VivaSearchIndex *index;
  VivaQuery       *query;

  /* Template widgets: the line, in its order (see
   * viva_sidebar_row_get_line()), children of the row itself */
  VivaSidebarFigure *number;
  VivaSidebarTitle *title;
  /* Made for the first question starred or with notes. */
  GtkImage        *star_image;
  GtkImage        *note_image;
  /* Made for the first quote: most rows never show one. */
  GtkBox          *snippet_box;
  GtkLabel        *snippet_label;
  VivaStackedBar  *status_bar;
  GtkImage        *count_image;
  /* Made with the status bar, for the first level or topic. */
  VivaSidebarFigure *count;

  GtkWidget       *menu;
  /* The search's flat list has no GtkTreeExpander: the row draws the
   * tree's arrow itself, made for the first header it shows there. */
  GtkWidget       *arrow;

  /* Borrowed: a translated string */
  const char      *count_tooltip;
  /* Owned: what the status bar says, for its tooltip */
  char            *status_text;

  guint            n_matching;
};

/* How much of a note to show before the words found in it. */
#define SNIPPET_CONTEXT_CHARS 16

G_DEFINE_FINAL_TYPE (VivaSidebarRow, viva_sidebar_row, GTK_TYPE_WIDGET)

/* The title and the figures: a text of one line that the widget draws
 * itself, as GtkLabel draws a single-line label (gtklabel.c,
 * gtk_label_ensure_layout(), get_layout_location(),
 * gtk_label_snapshot()), and lays out only when it needs to. Each
 * subclass makes its layout and measures it; this draws it, and drops it
 * when the font or the direction changes. Its CSS name is "label", so
 * that they are styled as the labels they replace were, and a screen
 * reader reads them as labels. */

struct _VivaSidebarLabel
{
  GtkWidget    parent_instance;

  /* Owned */
  char        *text;
  /* Made when measured or drawn, dropped when the text, the font or the
   * direction changes */
  PangoLayout *layout;

  /* As GtkLabel's: where the text sits when given more width than it
   * needs, 1 at the end */
  float        xalign;
};

G_DEFINE_ABSTRACT_TYPE (VivaSidebarLabel, viva_sidebar_label, GTK_TYPE_WIDGET)

static void
viva_sidebar_label_ensure_layout (VivaSidebarLabel *self)
{
  if (self->layout == NULL)
    self->layout = VIVA_SIDEBAR_LABEL_GET_CLASS (self)->create_layout (self);
}

static void
viva_sidebar_label_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  VivaSidebarLabel *self = VIVA_SIDEBAR_LABEL (widget);
  float xalign = self->xalign;
  int baseline = gtk_widget_get_allocated_baseline (widget);
  PangoRectangle logical;
  int x, y;

  if (self->text == NULL || *self->text == '\0')
    return;

  if (gtk_widget_get_direction (widget) != GTK_TEXT_DIR_LTR)
    xalign = 1.0 - xalign;

  viva_sidebar_label_ensure_layout (self);

  pango_layout_get_pixel_extents (self->layout, NULL, &logical);
  x = floor ((xalign * (gtk_widget_get_width (widget) - logical.width)) - logical.x);
  if (baseline != -1)
    y = baseline - pango_layout_get_baseline (self->layout) / PANGO_SCALE;
  else
    y = floor ((gtk_widget_get_height (widget) - logical.height) * 0.5);

  gtk_snapshot_render_layout (snapshot, gtk_widget_get_style_context (widget), x, y, self->layout);
}

/* The layout is made again when next measured or drawn. */
static void
viva_sidebar_label_forget_layout (VivaSidebarLabel *self)
{
  g_clear_object (&self->layout);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* Shows @text, which it takes, from now on; a screen reader reads it. */
static void
viva_sidebar_label_take_text (VivaSidebarLabel *self,
                              char             *text)
{
  g_free (self->text);
  self->text = text;
  viva_sidebar_label_forget_layout (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

/* The font or the direction changed: the layout is made again. */
static void
viva_sidebar_label_css_changed (GtkWidget         *widget,
                                GtkCssStyleChange *change)
{
  VivaSidebarLabel *self = VIVA_SIDEBAR_LABEL (widget);

  GTK_WIDGET_CLASS (viva_sidebar_label_parent_class)->css_changed (widget, change);

  if (self->layout != NULL)
    viva_sidebar_label_forget_layout (self);
}

static void
viva_sidebar_label_direction_changed (GtkWidget        *widget,
                                      GtkTextDirection  previous)
{
  GTK_WIDGET_CLASS (viva_sidebar_label_parent_class)->direction_changed (widget, previous);

  viva_sidebar_label_forget_layout (VIVA_SIDEBAR_LABEL (widget));
}

static void
viva_sidebar_label_system_setting_changed (GtkWidget        *widget,
                                           GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (viva_sidebar_label_parent_class)->system_setting_changed (widget, setting);

  /* Fonts installed or removed: the text may be in another font. */
  if (setting == GTK_SYSTEM_SETTING_FONT_CONFIG)
    VIVA_SIDEBAR_LABEL_GET_CLASS (widget)->fonts_changed ();
  viva_sidebar_label_forget_layout (VIVA_SIDEBAR_LABEL (widget));
}

static void
viva_sidebar_label_finalize (GObject *object)
{
  VivaSidebarLabel *self = VIVA_SIDEBAR_LABEL (object);

  g_clear_object (&self->layout);
  g_free (self->text);

  G_OBJECT_CLASS (viva_sidebar_label_parent_class)->finalize (object);
}

static void
viva_sidebar_label_class_init (VivaSidebarLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = viva_sidebar_label_finalize;
  widget_class->snapshot = viva_sidebar_label_snapshot;
  widget_class->css_changed = viva_sidebar_label_css_changed;
  widget_class->direction_changed = viva_sidebar_label_direction_changed;
  widget_class->system_setting_changed = viva_sidebar_label_system_setting_changed;
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
viva_sidebar_label_init (VivaSidebarLabel *self)
{
}

/* The font a sample line was laid out in, as a widget's Pango context
 * gives it: what the title and the figures measure from a sample holds
 * for every widget whose context matches. */
typedef struct
{
  PangoFontDescription *font;
  double                resolution;
  cairo_font_options_t *options;
  PangoLanguage        *language;
  PangoGravity          gravity;
} SampleFont;

static void
sample_font_clear (SampleFont *sample)
{
  g_clear_pointer (&sample->font, pango_font_description_free);
  g_clear_pointer (&sample->options, cairo_font_options_destroy);
}

static gboolean
sample_font_matches (const SampleFont *sample,
                     PangoContext     *context)
{
  const PangoFontDescription *font = pango_context_get_font_description (context);
  const cairo_font_options_t *options = pango_cairo_context_get_font_options (context);

  return sample->font != NULL && font != NULL &&
         sample->resolution == pango_cairo_context_get_resolution (context) &&
         sample->language == pango_context_get_language (context) &&
         sample->gravity == pango_context_get_gravity (context) &&
         (sample->options == NULL) == (options == NULL) &&
         (options == NULL || cairo_font_options_equal (sample->options, options)) &&
         pango_font_description_equal (sample->font, font);
}

/* @context has a font description. */
static void
sample_font_set (SampleFont   *sample,
                 PangoContext *context)
{
  const cairo_font_options_t *options = pango_cairo_context_get_font_options (context);

  sample_font_clear (sample);
  sample->font = pango_font_description_copy (pango_context_get_font_description (context));
  sample->resolution = pango_cairo_context_get_resolution (context);
  sample->options = options != NULL ? cairo_font_options_copy (options) : NULL;
  sample->language = pango_context_get_language (context);
  sample->gravity = pango_context_get_gravity (context);
}

/* Whether @layout is one line of one run (so in one font) with no glyph
 * its font lacks: a sample that says so measures every text of its
 * characters. */
static gboolean
layout_is_one_run (PangoLayout *layout)
{
  PangoLayoutLine *line = pango_layout_get_line_readonly (layout, 0);

  return pango_layout_get_line_count (layout) == 1 &&
         line != NULL && line->runs != NULL && line->runs->next == NULL &&
         pango_layout_get_unknown_glyphs_count (layout) == 0;
}

/* The title: a label that asks for no width, so that laying out the
 * title is left to the frame that draws it. GTK 4.8's list view keeps
 * about 200 rows, a few dozen of them on screen, and measures every one
 * whenever its text changes: an ellipsized GtkLabel lays its whole text
 * out twice to say its width (at natural width and at none), three
 * times on copies once allocated, and once more to draw. Given all the
 * width the row has for it (it expands) without being measured, the
 * title lays out once, when drawn, and only if on screen. Its height is
 * one line's, which the row caches (viva_sidebar_row_measure()).
 *
 * It draws its text itself (VivaSidebarLabel), ellipsized at its end
 * and aligned at its start: a GtkLabel in it was one more widget in
 * each of the 200 rows the list view makes when a search starts (its
 * object, its style and its accessible, about 10% of the first letter
 * at 100,000 questions, callgrind). Its text (VivaSidebarLabel's) is
 * the label without its markup. */

struct _VivaSidebarTitle
{
  VivaSidebarLabel parent_instance;

  /* Owned */
  char        *label;
  PangoAttrList *attrs;

  gboolean     use_markup;
  /* The text is printable ASCII, and its markup only colours it */
  gboolean     plain_ascii;
};

G_DEFINE_FINAL_TYPE (VivaSidebarTitle, viva_sidebar_title, VIVA_TYPE_SIDEBAR_LABEL)

static PangoLayout *
viva_sidebar_title_create_layout (VivaSidebarLabel *label)
{
  VivaSidebarTitle *self = VIVA_SIDEBAR_TITLE (label);
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), label->text);

  pango_layout_set_attributes (layout, self->attrs);
  pango_layout_set_alignment (layout, rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_width (layout, gtk_widget_get_width (GTK_WIDGET (self)) * PANGO_SCALE);

  return layout;
}

/* Whether @text is printable ASCII and @attrs (its markup's) only
 * colour it: no attribute that picks another font or moves the line. */
static gboolean
viva_sidebar_title_is_plain_ascii (const char    *text,
                                   PangoAttrList *attrs)
{
  gboolean plain = *text != '\0';
  GSList *list;

  for (const char *p = text; plain && *p != '\0'; p++)
    plain = *p >= 0x20 && *p <= 0x7e;

  if (!plain || attrs == NULL)
    return plain;

  list = pango_attr_list_get_attributes (attrs);
  for (GSList *l = list; plain && l != NULL; l = l->next)
    {
      PangoAttrType type = ((PangoAttribute *) l->data)->klass->type;

      plain = type == PANGO_ATTR_FOREGROUND || type == PANGO_ATTR_BACKGROUND;
    }
  g_slist_free_full (list, (GDestroyNotify) pango_attribute_destroy);

  return plain;
}

/* Sets the text, or the markup, only when it changes: a title told the
 * same text again would lay it out and ask the list to measure the row
 * again, and a keystroke tells 200 rows their texts. */
static void
viva_sidebar_title_set_label (VivaSidebarTitle *self,
                              gboolean          use_markup,
                              const char       *label)
{
  g_autofree char *text = NULL;
  PangoAttrList *attrs = NULL;

  if (self->use_markup == use_markup && g_strcmp0 (self->label, label) == 0)
    return;

  if (label == NULL)
    label = "";

  /* Our own markup (viva_search_markup_highlight()), escaped: a text
   * it does not parse is shown as it is. */
  if (!use_markup || !pango_parse_markup (label, -1, 0, &attrs, &text, NULL, NULL))
    text = g_strdup (label);

  g_free (self->label);
  self->label = g_strdup (label);
  g_clear_pointer (&self->attrs, pango_attr_list_unref);
  self->attrs = attrs;
  self->use_markup = use_markup;
  self->plain_ascii = viva_sidebar_title_is_plain_ascii (text, attrs);
  viva_sidebar_label_take_text (VIVA_SIDEBAR_LABEL (self), g_steal_pointer (&text));
}

/* The height and baseline of one line of printable ASCII, per font: the
 * title's height is one line of its whole text (GtkLabel's, at any
 * width), which meant laying the whole title out on every rebind just
 * to learn it (at 100,000 questions, a search's first letter measured
 * 70 titles, 19 of its 277 million instructions, callgrind), and the
 * frame laid it out again, at its width, to draw it. A line's height
 * and baseline are those of the fonts its runs are in (each glyph's
 * logical extents are its font's ascent and descent, pango's
 * pango_layout_line_get_extents()); a sample of every printable ASCII
 * character that Pango lays out as one run with no unknown glyph shows
 * that the context's first font has them all, so every title of
 * printable ASCII, coloured or not, is in that font alone and its line
 * is the sample's. Titles with other characters (another script, a
 * fallback font, taller or not) or an empty one are measured whole, as
 * before (/search-ui/title-height). */
static struct
{
  SampleFont            font;
  gboolean              one_font;
  int                   height;
  int                   baseline;
} ascii_line;

static void
viva_sidebar_title_forget_ascii_line (void)
{
  sample_font_clear (&ascii_line.font);
}

static gboolean
viva_sidebar_title_lookup_ascii_line (VivaSidebarTitle *self,
                                      int              *height,
                                      int              *baseline)
{
  PangoContext *context;

  if (!self->plain_ascii)
    return FALSE;

  context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  if (pango_context_get_font_description (context) == NULL)
    return FALSE;

  if (!sample_font_matches (&ascii_line.font, context))
    {
      char sample[0x7f - 0x20 + 1];
      g_autoptr(PangoLayout) layout = NULL;

      for (int c = 0x20; c < 0x7f; c++)
        sample[c - 0x20] = c;
      sample[0x7f - 0x20] = '\0';

      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), sample);
      pango_layout_set_single_paragraph_mode (layout, TRUE);

      sample_font_set (&ascii_line.font, context);
      ascii_line.one_font = layout_is_one_run (layout);
      pango_layout_get_pixel_size (layout, NULL, &ascii_line.height);
      ascii_line.baseline = pango_layout_get_baseline (layout) / PANGO_SCALE;
    }

  if (!ascii_line.one_font)
    return FALSE;

  *height = ascii_line.height;
  *baseline = ascii_line.baseline;
  return TRUE;
}

static void
viva_sidebar_title_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  VivaSidebarTitle *self = VIVA_SIDEBAR_TITLE (widget);
  VivaSidebarLabel *label = VIVA_SIDEBAR_LABEL (widget);
  int width, height;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = 0;
      return;
    }

  /* One line of the text, as GtkLabel measures it at any width. */
  if (viva_sidebar_title_lookup_ascii_line (self, minimum, minimum_baseline))
    {
      *natural = *minimum;
      *natural_baseline = *minimum_baseline;
      return;
    }

  viva_sidebar_label_ensure_layout (label);
  width = pango_layout_get_width (label->layout);
  pango_layout_set_width (label->layout, -1);
  pango_layout_get_pixel_size (label->layout, NULL, &height);
  *minimum = *natural = height;
  *minimum_baseline = *natural_baseline = pango_layout_get_baseline (label->layout) / PANGO_SCALE;
  pango_layout_set_width (label->layout, width);
}

static void
viva_sidebar_title_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  VivaSidebarLabel *label = VIVA_SIDEBAR_LABEL (widget);

  if (label->layout != NULL)
    pango_layout_set_width (label->layout, width * PANGO_SCALE);
}

static void
viva_sidebar_title_finalize (GObject *object)
{
  VivaSidebarTitle *self = VIVA_SIDEBAR_TITLE (object);

  g_clear_pointer (&self->attrs, pango_attr_list_unref);
  g_free (self->label);

  G_OBJECT_CLASS (viva_sidebar_title_parent_class)->finalize (object);
}

static void
viva_sidebar_title_class_init (VivaSidebarTitleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VivaSidebarLabelClass *label_class = VIVA_SIDEBAR_LABEL_CLASS (klass);

  object_class->finalize = viva_sidebar_title_finalize;
  widget_class->measure = viva_sidebar_title_measure;
  widget_class->size_allocate = viva_sidebar_title_size_allocate;
  label_class->create_layout = viva_sidebar_title_create_layout;
  /* The first font may be another. */
  label_class->fonts_changed = viva_sidebar_title_forget_ascii_line;
}

static void
viva_sidebar_title_init (VivaSidebarTitle *self)
{
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
}

/* The number and the count: a label of figures that measures them
 * without laying them out. GTK 4.8's list view measures each of the
 * 200 rows it keeps across whenever their text changes, and a search's
 * first letter gives every row new figures: a GtkLabel lays each new
 * number out to say its width (at 100,000 questions, about 20 of the
 * first letter's 261 million instructions, callgrind). In the font of
 * the "numeric" style (tabular figures: every digit as wide, Adwaita's
 * font-feature-settings "tnum"), a number of n digits is n digits wide:
 * one sample per font, a sequence that holds each of the hundred pairs
 * of digits (so that a kerned pair would show), laid out as one run
 * with no unknown glyph and exactly as wide as that many times one
 * digit, proves it, and gives the line's height and baseline as it does
 * for the title. Other text ("3 / 28", a font whose digits differ) is
 * laid out to be measured, as before. Drawn (VivaSidebarLabel) when on
 * screen: its layout is made when drawn, or when measuring text that is
 * not all digits. */

struct _VivaSidebarFigure
{
  VivaSidebarLabel parent_instance;

  gboolean     digits;
};

G_DEFINE_FINAL_TYPE (VivaSidebarFigure, viva_sidebar_figure, VIVA_TYPE_SIDEBAR_LABEL)

/* Every pair of digits, once each: a de Bruijn sequence of order 2. */
static const char digit_pairs[] =
  "0010203040506070809112131415161718192232425262728293343536373839"
  "4454647484955657585966768697787988990";

typedef struct
{
  SampleFont            font;
  /* Every digit is as wide, and in the first font. */
  gboolean              uniform;
  /* In Pango units */
  int                   digit_width;
  int                   height;
  int                   baseline;
} DigitLine;

/* A few fonts at once: a question's number and a header's count (in
 * the caption's font) take turns down the list. */
#define N_DIGIT_LINES 4
static DigitLine digit_lines[N_DIGIT_LINES];
static guint next_digit_line;

static PangoAttrList *
viva_sidebar_figure_new_attrs (void)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));

  return attrs;
}

static PangoLayout *
viva_sidebar_figure_new_layout (VivaSidebarFigure *self,
                                const char        *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = viva_sidebar_figure_new_attrs ();
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_alignment (layout, rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_set_single_paragraph_mode (layout, TRUE);

  return layout;
}

static PangoLayout *
viva_sidebar_figure_create_layout (VivaSidebarLabel *label)
{
  return viva_sidebar_figure_new_layout (VIVA_SIDEBAR_FIGURE (label), label->text != NULL ? label->text : "");
}

static void
viva_sidebar_figure_forget_digit_lines (void)
{
  for (guint i = 0; i < N_DIGIT_LINES; i++)
    sample_font_clear (&digit_lines[i].font);
}

/* The sample line of the figure's font, if its digits are measured by
 * it, or %NULL. */
static const DigitLine *
viva_sidebar_figure_lookup_digit_line (VivaSidebarFigure *self)
{
  PangoContext *context;
  DigitLine *found = NULL;

  if (!self->digits)
    return NULL;

  context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  if (pango_context_get_font_description (context) == NULL)
    return NULL;

  for (guint i = 0; found == NULL && i < N_DIGIT_LINES; i++)
    if (sample_font_matches (&digit_lines[i].font, context))
      found = &digit_lines[i];

  if (found == NULL)
    {
      g_autoptr(PangoLayout) layout = viva_sidebar_figure_new_layout (self, digit_pairs);
      g_autoptr(PangoLayout) one = viva_sidebar_figure_new_layout (self, "0");
      int width, one_width;

      found = &digit_lines[next_digit_line];
      next_digit_line = (next_digit_line + 1) % N_DIGIT_LINES;

      pango_layout_get_size (layout, &width, &found->height);
      pango_layout_get_size (one, &one_width, NULL);
      sample_font_set (&found->font, context);
      found->uniform = layout_is_one_run (layout) &&
                       width == one_width * (int) strlen (digit_pairs);
      found->digit_width = one_width;
      found->baseline = pango_layout_get_baseline (layout);
    }

  return found->uniform ? found : NULL;
}

static void
viva_sidebar_figure_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  VivaSidebarFigure *self = VIVA_SIDEBAR_FIGURE (widget);
  VivaSidebarLabel *label = VIVA_SIDEBAR_LABEL (widget);
  const DigitLine *digit_line = viva_sidebar_figure_lookup_digit_line (self);
  int width, height, baseline;

  if (digit_line != NULL)
    {
      width = digit_line->digit_width * (int) strlen (label->text);
      height = digit_line->height;
      baseline = digit_line->baseline;
    }
  else
    {
      viva_sidebar_label_ensure_layout (label);
      pango_layout_get_size (label->layout, &width, &height);
      baseline = pango_layout_get_baseline (label->layout);
    }

  /* As GtkLabel rounds (gtk_label_measure()). */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = PANGO_PIXELS_CEIL (width);
      return;
    }

  *minimum = *natural = PANGO_PIXELS_CEIL (height);
  if (baseline > 0)
    baseline = PANGO_PIXELS_CEIL (baseline);
  *minimum_baseline = *natural_baseline = baseline;
}

static void
viva_sidebar_figure_class_init (VivaSidebarFigureClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VivaSidebarLabelClass *label_class = VIVA_SIDEBAR_LABEL_CLASS (klass);

  widget_class->measure = viva_sidebar_figure_measure;
  label_class->create_layout = viva_sidebar_figure_create_layout;
  /* The digits may be in another font. */
  label_class->fonts_changed = viva_sidebar_figure_forget_digit_lines;
}

static void
viva_sidebar_figure_init (VivaSidebarFigure *self)
{
  VIVA_SIDEBAR_LABEL (self)->xalign = 0.5;
}

/* @xalign as GtkLabel's: where the figures sit when given more width
 * than they need, 1 at the end. */
static VivaSidebarFigure *
viva_sidebar_figure_new (float xalign)
{
  VivaSidebarFigure *self = g_object_new (VIVA_TYPE_SIDEBAR_FIGURE, NULL);

  VIVA_SIDEBAR_LABEL (self)->xalign = xalign;
  /* Its tabular figures: see above. */
  gtk_widget_add_css_class (GTK_WIDGET (self), "numeric");

  return self;
}

static void
viva_sidebar_figure_set_text (VivaSidebarFigure *self,
                              const char        *text)
{
  if (g_strcmp0 (VIVA_SIDEBAR_LABEL (self)->text, text) == 0)
    return;

  self->digits = text != NULL && *text != '\0';
  for (const char *p = text; self->digits && *p != '\0'; p++)
    self->digits = g_ascii_isdigit (*p);
  viva_sidebar_label_take_text (VIVA_SIDEBAR_LABEL (self), g_strdup (text));
}

static const char *
viva_sidebar_figure_get_text (VivaSidebarFigure *self)
{
  const char *text = VIVA_SIDEBAR_LABEL (self)->text;

  return text != NULL ? text : "";
}

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * viva_sidebar_row_popup_menu:
 * @self: a #VivaSidebarRow
 * @x: where, in the row's coordinates
 * @y: where, in the row's coordinates
 *
 * Shows a question's context menu. The sidebar listens for the clicks
 * and long presses, once for all its rows.
 *
 * Returns: %TRUE if the row has a menu (it is a question's)
 */
gboolean
viva_sidebar_row_popup_menu (VivaSidebarRow *self,
                             double          x,
                             double          y)
{
  g_autoptr(GMenu) model = NULL;
  g_autoptr(GMenuItem) item = NULL;

  g_return_val_if_fail (VIVA_IS_SIDEBAR_ROW (self), FALSE);

  if (!VIVA_IS_QUESTION (self->item))
    return FALSE;

  model = g_menu_new ();
  item = g_menu_item_new (_("Add to _Interview Plan"), NULL);
  g_menu_item_set_action_and_target_value (item, "win.add-question-to-interview",
                                           g_variant_new_uint32 (viva_question_get_number (VIVA_QUESTION (self->item))));
  g_menu_append_item (model, item);
  g_clear_object (&item);
  item = g_menu_item_new (_("_Edit Question…"), NULL);
  g_menu_item_set_action_and_target_value (item, "win.edit-question",
                                           g_variant_new_uint32 (viva_question_get_number (VIVA_QUESTION (self->item))));
  g_menu_append_item (model, item);
  g_clear_object (&item);
  item = g_menu_item_new (_("_Delete Question"), NULL);
  g_menu_item_set_action_and_target_value (item, "win.delete-question",
                                           g_variant_new_uint32 (viva_question_get_number (VIVA_QUESTION (self->item))));
  g_menu_append_item (model, item);

  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (model));
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
    }
  else
    gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), G_MENU_MODEL (model));

  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));

  return TRUE;
}

static gboolean
viva_sidebar_row_query_tooltip_cb (GtkWidget  *widget,
                                   int         x,
                                   int         y,
                                   gboolean    keyboard,
                                   GtkTooltip *tooltip,
                                   gpointer    text)
{
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

/* gtk_widget_set_tooltip_text() asks the display where the pointer is
 * (in GTK 4.8, a round trip to the X server each time), which for 200
 * rows of three tooltips made up half the cost of showing a search's
 * result. A tooltip answered on demand costs nothing until it shows.
 * @text must outlive the widget: a translated string does. */
static void
viva_sidebar_row_set_tooltip (GtkWidget  *widget,
                              const char *text)
{
  g_signal_handlers_disconnect_matched (widget, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                        viva_sidebar_row_query_tooltip_cb, NULL);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (viva_sidebar_row_query_tooltip_cb), (gpointer) text);
  gtk_widget_set_has_tooltip (widget, TRUE);
}

static gboolean
viva_sidebar_row_status_tooltip_cb (GtkWidget      *widget,
                                    int             x,
                                    int             y,
                                    gboolean        keyboard,
                                    GtkTooltip     *tooltip,
                                    VivaSidebarRow *self)
{
  if (self->status_text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, self->status_text);

  return TRUE;
}

/* The status bar, the pencil and the count of a level or a topic: made
 * for the first such item, as most rows are questions and never show
 * them (measured: a bar on every row was a third of the cost of the
 * rows made at start-up). */
static void
viva_sidebar_row_ensure_counts (VivaSidebarRow *self)
{
  if (self->status_bar != NULL)
    return;

  self->status_bar = g_object_new (VIVA_TYPE_STACKED_BAR,
                                   "valign", GTK_ALIGN_CENTER,
                                   "margin-end", 4,
                                   "has-tooltip", TRUE,
                                   NULL);
  g_signal_connect (self->status_bar, "query-tooltip",
                    G_CALLBACK (viva_sidebar_row_status_tooltip_cb), self);
  gtk_widget_insert_after (GTK_WIDGET (self->status_bar), GTK_WIDGET (self),
                           self->note_image != NULL ? GTK_WIDGET (self->note_image) :
                           self->star_image != NULL ? GTK_WIDGET (self->star_image) : GTK_WIDGET (self->title));

  self->count_image = GTK_IMAGE (gtk_image_new_from_icon_name ("document-edit-symbolic"));
  gtk_image_set_pixel_size (self->count_image, 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->count_image), "dim-label");
  viva_sidebar_row_set_tooltip (GTK_WIDGET (self->count_image), _("Questions with notes / questions"));
  gtk_widget_insert_after (GTK_WIDGET (self->count_image), GTK_WIDGET (self), GTK_WIDGET (self->status_bar));

  self->count = viva_sidebar_figure_new (0.5);
  gtk_widget_add_css_class (GTK_WIDGET (self->count), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->count), "caption");
  gtk_widget_insert_after (GTK_WIDGET (self->count), GTK_WIDGET (self), GTK_WIDGET (self->count_image));
}

/* A question's star and pencil: made for the first question starred or
 * with notes, as most never are (a search at 100,000 questions makes
 * 200 rows at once, and every widget of a row costs its style). */
static void
viva_sidebar_row_show_marks (VivaSidebarRow *self,
                             gboolean        starred,
                             gboolean        has_note)
{
  if (starred && self->star_image == NULL)
    {
      self->star_image = GTK_IMAGE (gtk_image_new_from_icon_name ("starred-symbolic"));
      viva_sidebar_row_set_tooltip (GTK_WIDGET (self->star_image), _("Starred"));
      gtk_widget_add_css_class (GTK_WIDGET (self->star_image), "viva-star");
      gtk_widget_insert_after (GTK_WIDGET (self->star_image), GTK_WIDGET (self), GTK_WIDGET (self->title));
    }

  if (has_note && self->note_image == NULL)
    {
      self->note_image = GTK_IMAGE (gtk_image_new_from_icon_name ("document-edit-symbolic"));
      viva_sidebar_row_set_tooltip (GTK_WIDGET (self->note_image), _("Has notes"));
      gtk_widget_add_css_class (GTK_WIDGET (self->note_image), "dim-label");
      gtk_widget_insert_after (GTK_WIDGET (self->note_image), GTK_WIDGET (self),
                               self->star_image != NULL ? GTK_WIDGET (self->star_image) : GTK_WIDGET (self->title));
    }

  if (self->star_image != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->star_image), starred);
  if (self->note_image != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->note_image), has_note);
}

/* The line that quotes the note, under the title. */
static void
viva_sidebar_row_ensure_snippet (VivaSidebarRow *self)
{
  GtkWidget *snippet_icon;

  if (self->snippet_box != NULL)
    return;

  self->snippet_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4));
  gtk_widget_set_margin_top (GTK_WIDGET (self->snippet_box), 2);
  viva_sidebar_row_set_tooltip (GTK_WIDGET (self->snippet_box), _("Found in your notes"));
  gtk_widget_set_visible (GTK_WIDGET (self->snippet_box), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->snippet_box), GTK_WIDGET (self));

  snippet_icon = gtk_image_new_from_icon_name ("document-edit-symbolic");
  gtk_image_set_pixel_size (GTK_IMAGE (snippet_icon), 12);
  gtk_widget_add_css_class (snippet_icon, "dim-label");
  gtk_box_append (self->snippet_box, snippet_icon);

  self->snippet_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->snippet_label), TRUE);
  gtk_label_set_xalign (self->snippet_label, 0);
  gtk_label_set_ellipsize (self->snippet_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (self->snippet_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->snippet_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->snippet_label), "viva-note-snippet");
  gtk_box_append (self->snippet_box, GTK_WIDGET (self->snippet_label));
}

static gboolean
viva_sidebar_row_shows_snippet (VivaSidebarRow *self)
{
  return self->snippet_box != NULL && gtk_widget_get_visible (GTK_WIDGET (self->snippet_box));
}

static void
viva_sidebar_row_show_snippet (VivaSidebarRow *self,
                               gboolean        show)
{
  if (show)
    viva_sidebar_row_ensure_snippet (self);

  if (self->snippet_box != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->snippet_box), show);
}

/* Sets a label's text or markup only when it changes: a label told the
 * same text again still lays it out and asks the list to measure the
 * row again, and a keystroke tells 200 rows their texts. */
static void
viva_sidebar_row_set_label (GtkLabel   *label,
                            gboolean    markup,
                            const char *text)
{
  if (gtk_label_get_use_markup (label) == markup &&
      g_strcmp0 (gtk_label_get_label (label), text) == 0)
    return;

  if (markup)
    gtk_label_set_markup (label, text);
  else
    gtk_label_set_text (label, text);
}

/* Highlights the words in the title and quotes the note where they are
 * found in it. Returns the quote, for the accessible name, or %NULL when
 * the note does not hold them. */
static char *
viva_sidebar_row_update_search (VivaSidebarRow *self,
                                VivaQuestion   *question)
{
  const char *text = viva_question_get_text (question);
  g_autoptr(GArray) ranges = NULL;
  g_autoptr(GArray) in_snippet = NULL;
  g_autofree char *title = NULL;
  g_autofree char *snippet = NULL;
  g_autofree char *snippet_markup = NULL;
  guint position = viva_question_get_position (question);

  /* The title is the question's plain text, its code in the text font
   * too, unlike everywhere else: a monospace run in every row made the
   * sidebar's broadest keystrokes at 100,000 questions cost about 40%
   * more CPU to draw (test-search-ui -m perf), and that redraw is
   * already the slowest part of searching. */
  if (self->query == NULL || viva_query_is_empty (self->query))
    {
      viva_sidebar_title_set_label (self->title, FALSE, text);
      viva_sidebar_row_show_snippet (self, FALSE);
      return NULL;
    }

  ranges = viva_query_find_matches (self->query, text);
  title = viva_search_markup_highlight (text, -1, ranges);
  viva_sidebar_title_set_label (self->title, TRUE, title);

  if (self->index != NULL &&
      position < viva_search_index_get_n_questions (self->index) &&
      viva_search_index_get_question (self->index, position) == question &&
      viva_search_index_match_note (self->index, self->query, position))
    {
      const char *note = viva_search_index_get_note_text (self->index, position);

      g_clear_pointer (&ranges, g_array_unref);
      ranges = viva_query_find_matches (self->query, note);
      in_snippet = g_array_new (FALSE, FALSE, sizeof (VivaTextRange));
      snippet = viva_search_dup_snippet (note, ranges, SNIPPET_CONTEXT_CHARS, in_snippet);
    }

  viva_sidebar_row_show_snippet (self, snippet != NULL);
  if (snippet != NULL)
    {
      snippet_markup = viva_search_markup_highlight (snippet, -1, in_snippet);
      viva_sidebar_row_set_label (self->snippet_label, TRUE, snippet_markup);
    }


  return g_steal_pointer (&snippet);
}

static void
viva_sidebar_row_set_count_tooltip (VivaSidebarRow *self,
                                    const char     *tooltip)
{
  if (self->count_tooltip == tooltip)
    return;

  self->count_tooltip = tooltip;
  viva_sidebar_row_set_tooltip (GTK_WIDGET (self->count), tooltip);
}

/* The row's name, on the row and on the list view's item that holds it:
 * that item, not the row, takes the keyboard focus, and GTK 4.8 gives it
 * no name of its own (GtkListItem:accessible-label came in GTK 4.12), so
 * a screen reader would read nothing as the user moves through the tree. */
static void
viva_sidebar_row_set_accessible_label (VivaSidebarRow *self,
                                       const char     *label)
{
  GtkWidget *expander = gtk_widget_get_parent (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  if (GTK_IS_TREE_EXPANDER (expander) && gtk_widget_get_parent (expander) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (expander)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    -1);
}

/* The number's width, at least three characters, for the font it was
 * worked out for. gtk_label_set_width_chars() asks Pango for the font's
 * average character width on every label it measures, which shapes a
 * sample text each time (the metrics are cached per context, and every
 * label has its own): at 100,000 questions, 29 of the 379 million
 * instructions of a search's first letter, when the list view makes 200
 * rows at once (callgrind). Worked out here once per font, the same
 * way GtkLabel does (gtklabel.c, get_char_pixels()), and given to the
 * label as its smallest width. */
static struct
{
  PangoFontDescription *font;
  double                resolution;
  int                   width;
} number_width;

#define NUMBER_CHARS 3

static void
viva_sidebar_row_fit_number (VivaSidebarRow *self)
{
  GtkWidget *list = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_LIST_VIEW);
  PangoContext *context;
  const PangoFontDescription *font;
  double resolution;

  /* The list's font, as for the cached heights: asking the new label
   * for its own context would work its style out while the list view
   * binds the row, before the row is in the list (which styles it
   * again). The row is styled once in the list: see
   * viva_sidebar_row_css_changed(). */
  if (list == NULL)
    return;

  context = gtk_widget_get_pango_context (list);
  font = pango_context_get_font_description (context);
  resolution = pango_cairo_context_get_resolution (context);
  if (font == NULL)
    return;

  if (number_width.font == NULL || number_width.resolution != resolution ||
      !pango_font_description_equal (number_width.font, font))
    {
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
      int char_width = pango_font_metrics_get_approximate_char_width (metrics);
      int digit_width = pango_font_metrics_get_approximate_digit_width (metrics);

      pango_font_metrics_unref (metrics);
      g_clear_pointer (&number_width.font, pango_font_description_free);
      number_width.font = pango_font_description_copy (font);
      number_width.resolution = resolution;
      number_width.width = PANGO_PIXELS_CEIL (NUMBER_CHARS * MAX (char_width, digit_width));
    }

  gtk_widget_set_size_request (GTK_WIDGET (self->number), number_width.width, -1);
}

static void
viva_sidebar_row_update (VivaSidebarRow *self)
{
  g_autofree char *count = NULL;
  g_autofree char *accessible = NULL;
  VivaProgressCounts counts;
  guint n_noted = 0;
  guint n_questions = 0;

  if (VIVA_IS_QUESTION (self->item))
    {
      VivaQuestion *question = VIVA_QUESTION (self->item);
      gboolean starred = self->progress != NULL && viva_progress_get_starred (self->progress, question);
      gboolean has_note = self->progress != NULL && viva_progress_get_has_note (self->progress, question);
      g_autofree char *number = g_strdup_printf ("%u", viva_question_get_number (question));

      g_autofree char *snippet = viva_sidebar_row_update_search (self, question);
      g_autofree char *in_notes = NULL;

      viva_sidebar_row_fit_number (self);
      viva_sidebar_figure_set_text (self->number, number);
      viva_sidebar_row_show_marks (self, starred, has_note);

      if (snippet != NULL)
        /* Translators: added to a question's accessible name when the
         * words searched for are in the user's notes on it. */
        in_notes = g_strdup_printf (_(", found in your notes: %s"), snippet);

      /* Translators: the accessible name of a question in the sidebar:
       * number, text, then optional marks. */
      accessible = g_strdup_printf (_("Question %u: %s%s%s%s"),
                                    viva_question_get_number (question),
                                    viva_question_get_text (question),
                                    starred ? _(", starred") : "",
                                    has_note ? _(", has notes") : "",
                                    in_notes ? in_notes : "");
      viva_sidebar_row_set_accessible_label (self, accessible);
      return;
    }

  if (VIVA_IS_LEVEL (self->item))
    {
      viva_sidebar_title_set_label (self->title, FALSE, viva_level_get_title (VIVA_LEVEL (self->item)));
      n_questions = viva_level_get_n_questions (VIVA_LEVEL (self->item));
      counts = (VivaProgressCounts) { n_questions, 0, 0 };
      if (self->progress != NULL)
        {
          n_noted = viva_progress_get_n_noted (self->progress, self->item);
          viva_progress_counts_for_level (self->progress, VIVA_LEVEL (self->item), &counts);
        }
    }
  else if (VIVA_IS_TOPIC (self->item))
    {
      viva_sidebar_title_set_label (self->title, FALSE, viva_topic_get_name (VIVA_TOPIC (self->item)));
      n_questions = viva_topic_get_n_questions (VIVA_TOPIC (self->item));
      counts = (VivaProgressCounts) { n_questions, 0, 0 };
      if (self->progress != NULL)
        {
          n_noted = viva_progress_get_n_noted (self->progress, self->item);
          viva_progress_counts_for_topic (self->progress, VIVA_TOPIC (self->item), &counts);
        }
    }
  else
    return;

  /* How much of it the user knows, always: searching or not. */
  g_free (self->status_text);
  self->status_text = viva_progress_counts_describe (&counts);
  viva_stacked_bar_set_counts (self->status_bar, &counts);

  if (self->n_matching != G_MAXUINT)
    {
      count = g_strdup_printf ("%u", self->n_matching);
      viva_sidebar_figure_set_text (self->count, count);
      gtk_widget_set_visible (GTK_WIDGET (self->count_image), FALSE);
      viva_sidebar_row_set_count_tooltip (self, _("Matching questions"));

      /* Translators: accessible name of a level or topic row while
       * searching, e.g. "Strings, 3 of 28 questions match, 2 of 28
       * confident, 1 learning, 25 new". */
      accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%s, %u of %u question matches, %s",
                                                 "%s, %u of %u questions match, %s",
                                                 n_questions),
                                    VIVA_SIDEBAR_LABEL (self->title)->text,
                                    self->n_matching, n_questions, self->status_text);
      viva_sidebar_row_set_accessible_label (self, accessible);
      return;
    }

  count = g_strdup_printf ("%u / %u", n_noted, n_questions);
  viva_sidebar_figure_set_text (self->count, count);
  gtk_widget_set_visible (GTK_WIDGET (self->count_image), TRUE);
  viva_sidebar_row_set_count_tooltip (self, _("Questions with notes / questions"));

  /* Translators: accessible name of a level or topic row, e.g.
   * "Strings, 2 of 28 confident, 1 learning, 25 new, notes on 3 of 28
   * questions". */
  accessible = g_strdup_printf (ngettext ("%s, %s, notes on %u of %u question",
                                          "%s, %s, notes on %u of %u questions",
                                          n_questions),
                                VIVA_SIDEBAR_LABEL (self->title)->text,
                                self->status_text, n_noted, n_questions);
  viva_sidebar_row_set_accessible_label (self, accessible);
}

/* A question's marks or a level's or topic's counts changed, wherever
 * that happened (the question view, a mock interview's ratings,
 * Review): a row on screen follows at once. */
static void
viva_sidebar_row_state_changed_cb (VivaSidebarRow *self,
                                   GObject        *changed,
                                   VivaProgress   *progress)
{
  if (changed == self->item)
    viva_sidebar_row_update (self);
}

/* What GtkTreeExpander draws before its child, in libadwaita's style:
 * an indent (a 16 px icon) per level of depth, then the expander arrow,
 * or for a leaf one more indent, each followed by 4 px of spacing
 * (treeexpander's border-spacing). */
#define ARROW_SPACING 4
#define OUTLINE_STEP (16 + ARROW_SPACING)

static void
viva_sidebar_row_arrow_pressed_cb (GtkGesture *gesture,
                                   int         n_press,
                                   double      x,
                                   double      y,
                                   gpointer    user_data)
{
  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
}

/* As a click on a GtkTreeExpander's arrow: the list view is told the
 * row is activated, which folds or unfolds a header. */
static void
viva_sidebar_row_arrow_released_cb (GtkGesture *gesture,
                                    int         n_press,
                                    double      x,
                                    double      y,
                                    gpointer    user_data)
{
  VivaSidebarRow *self = user_data;
  GtkWidget *expander = gtk_widget_get_parent (GTK_WIDGET (self));
  GtkWidget *list_item = expander != NULL ? gtk_widget_get_parent (expander) : NULL;

  if (list_item != NULL)
    gtk_widget_activate (list_item);
}

static void
viva_sidebar_row_ensure_arrow (VivaSidebarRow *self)
{
  GtkGesture *gesture;

  if (self->arrow != NULL)
    return;

  self->arrow = g_object_new (GTK_TYPE_IMAGE,
                              "pixel-size", 16,
                              "accessible-role", GTK_ACCESSIBLE_ROLE_BUTTON,
                              NULL);
  /* The name GTK 4.8 gives the tree expander's arrow. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->arrow),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Expand"),
                                  -1);
  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (viva_sidebar_row_arrow_pressed_cb), self);
  g_signal_connect (gesture, "released", G_CALLBACK (viva_sidebar_row_arrow_released_cb), self);
  gtk_widget_add_controller (self->arrow, GTK_EVENT_CONTROLLER (gesture));
  gtk_widget_insert_after (self->arrow, GTK_WIDGET (self), NULL);
}

/**
 * viva_sidebar_row_set_outline:
 * @self: a #VivaSidebarRow
 * @outlined: whether the row draws the tree's outline itself
 * @depth: how deep the item is in the tree (0 for a level)
 * @expanded: for a level or a topic, whether what is under it shows
 *
 * In the search's flat list the row has no GtkTreeExpander to indent it
 * and show a level's or a topic's arrow: it looks the same by drawing
 * them itself. In the tree, @outlined is %FALSE and the expander does.
 */
void
viva_sidebar_row_set_outline (VivaSidebarRow *self,
                              gboolean        outlined,
                              guint           depth,
                              gboolean        expanded)
{
  gboolean header;

  g_return_if_fail (VIVA_IS_SIDEBAR_ROW (self));

  header = outlined && self->item != NULL && !VIVA_IS_QUESTION (self->item);

  if (header)
    {
      gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

      viva_sidebar_row_ensure_arrow (self);
      gtk_image_set_from_icon_name (GTK_IMAGE (self->arrow),
                                    expanded ? "pan-down-symbolic"
                                             : rtl ? "pan-end-symbolic-rtl" : "pan-end-symbolic");
    }
  if (self->arrow != NULL)
    gtk_widget_set_visible (self->arrow, header);

  if (!outlined)
    depth = 0;
  else if (!header)
    depth++;

  gtk_widget_set_margin_start (GTK_WIDGET (self), depth * OUTLINE_STEP);
}

static void
viva_sidebar_row_dispose (GObject *object)
{
  VivaSidebarRow *self = (VivaSidebarRow *)object;

  viva_sidebar_row_set_item (self, NULL);
  viva_sidebar_row_set_progress (self, NULL);
  g_clear_object (&self->index);
  g_clear_object (&self->query);
  g_clear_pointer (&self->status_text, g_free);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_clear_pointer (&self->arrow, gtk_widget_unparent);
  if (self->snippet_box != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->snippet_box));
  self->snippet_box = NULL;
  g_clear_pointer ((GtkWidget **) &self->number, gtk_widget_unparent);
  g_clear_pointer ((GtkWidget **) &self->title, gtk_widget_unparent);
  g_clear_pointer ((GtkWidget **) &self->star_image, gtk_widget_unparent);
  g_clear_pointer ((GtkWidget **) &self->note_image, gtk_widget_unparent);
  g_clear_pointer ((GtkWidget **) &self->status_bar, gtk_widget_unparent);
  g_clear_pointer ((GtkWidget **) &self->count_image, gtk_widget_unparent);
  g_clear_pointer ((GtkWidget **) &self->count, gtk_widget_unparent);

  G_OBJECT_CLASS (viva_sidebar_row_parent_class)->dispose (object);
}

/* The height of a one-line row, by what it shows, while the font it
 * was measured in holds: GTK 4.8's list view measures each of the 200
 * rows it keeps whenever their text changes, which at every keystroke
 * of a search means laying out every title to learn a height that is
 * always the same line's (callgrind, "decor" at 100,000 questions: 199 of
 * 241 million instructions in gtk_widget_measure). Rows that quote a
 * note (two lines) are measured as usual. */
typedef enum {
  ROW_KIND_QUESTION,
  ROW_KIND_TOPIC,
  ROW_KIND_LEVEL,
  N_ROW_KINDS
} RowKind;

typedef struct
{
  PangoFontDescription *font;
  double                resolution;
  int                   arrow;
  int                   height;
} RowHeight;

static RowHeight row_heights[N_ROW_KINDS];

static gboolean
viva_sidebar_row_get_kind (VivaSidebarRow *self,
                           RowKind        *kind)
{
  if (self->item == NULL || viva_sidebar_row_shows_snippet (self))
    return FALSE;

  if (VIVA_IS_QUESTION (self->item))
    *kind = ROW_KIND_QUESTION;
  else if (VIVA_IS_LEVEL (self->item))
    *kind = ROW_KIND_LEVEL;
  else
    *kind = ROW_KIND_TOPIC;

  return TRUE;
}

/* The cached height holds for the list's font (the style's font and the
 * text scale) and the display's resolution, and whether the arrow shows.
 * The list's: asking each new row's title for its own context would make
 * one per row, which is a good part of what the cache saves. */
static RowHeight *
viva_sidebar_row_lookup_height (VivaSidebarRow *self,
                                RowKind         kind,
                                gboolean        store)
{
  GtkWidget *list = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_LIST_VIEW);
  PangoContext *context = gtk_widget_get_pango_context (list != NULL ? list : GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double resolution = pango_cairo_context_get_resolution (context);
  int arrow = self->arrow != NULL && gtk_widget_get_visible (self->arrow);
  RowHeight *cached = &row_heights[kind];

  if (store)
    {
      g_clear_pointer (&cached->font, pango_font_description_free);
      cached->font = font != NULL ? pango_font_description_copy (font) : NULL;
      cached->resolution = resolution;
      cached->arrow = arrow;
      return cached;
    }

  if (cached->font == NULL || font == NULL ||
      cached->resolution != resolution || cached->arrow != arrow ||
      !pango_font_description_equal (cached->font, font))
    return NULL;

  return cached;
}

/* The row's line: number, title, marks and counts, side by side with
 * LINE_SPACING between those shown, laid out by the row itself as a
 * horizontal GtkBox would. It was one: a GtkBox in each row was one
 * more widget to style in each of the 205 rows the list view moves
 * into new list items when a search starts (GTK 4.8 styles a widget
 * anew under a new parent). Every widget of the line but the title
 * asks for one width (minimum and natural the same: figures, icons,
 * the status bar's min-width); the title asks for none and expands, so
 * a box would give each its width and the title the rest. */
#define LINE_SPACING 6
#define N_LINE 7

static guint
viva_sidebar_row_get_line (VivaSidebarRow *self,
                           GtkWidget      *line[N_LINE])
{
  GtkWidget *all[N_LINE] = {
    GTK_WIDGET (self->number), GTK_WIDGET (self->title),
    GTK_WIDGET (self->star_image), GTK_WIDGET (self->note_image),
    GTK_WIDGET (self->status_bar), GTK_WIDGET (self->count_image), GTK_WIDGET (self->count),
  };
  guint n = 0;

  for (guint i = 0; i < N_LINE; i++)
    if (all[i] != NULL && gtk_widget_get_visible (all[i]))
      line[n++] = all[i];

  return n;
}

static void
viva_sidebar_row_measure_line (VivaSidebarRow *self,
                               GtkOrientation  orientation,
                               int            *minimum,
                               int            *natural)
{
  GtkWidget *line[N_LINE];
  guint n = viva_sidebar_row_get_line (self, line);

  *minimum = *natural = 0;
  for (guint i = 0; i < n; i++)
    {
      int child_min, child_nat;

      gtk_widget_measure (line[i], orientation, -1, &child_min, &child_nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          *minimum += child_min;
          *natural += child_nat;
        }
      else
        {
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL && n > 1)
    {
      *minimum += (n - 1) * LINE_SPACING;
      *natural += (n - 1) * LINE_SPACING;
    }
}

/* The line in @x, @y, @width, @height, from @x onwards, or from its end
 * backwards right to left. */
static void
viva_sidebar_row_allocate_line (VivaSidebarRow *self,
                                int             x,
                                int             y,
                                int             width,
                                int             height,
                                gboolean        rtl)
{
  GtkWidget *line[N_LINE];
  int widths[N_LINE];
  guint n = viva_sidebar_row_get_line (self, line);
  int left = width - (n > 1 ? (int) (n - 1) * LINE_SPACING : 0);
  int at = 0;

  for (guint i = 0; i < n; i++)
    {
      if (line[i] == GTK_WIDGET (self->title))
        continue;
      gtk_widget_measure (line[i], GTK_ORIENTATION_HORIZONTAL, -1, NULL, &widths[i], NULL, NULL);
      left -= widths[i];
    }

  for (guint i = 0; i < n; i++)
    {
      int child_width = line[i] == GTK_WIDGET (self->title) ? MAX (0, left) : widths[i];

      gtk_widget_size_allocate (line[i],
                                &(GtkAllocation) {
                                  rtl ? x + width - at - child_width : x + at, y, child_width, height
                                },
                                -1);
      at += child_width + LINE_SPACING;
    }
}

static void
viva_sidebar_row_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  VivaSidebarRow *self = VIVA_SIDEBAR_ROW (widget);
  gboolean arrow = self->arrow != NULL && gtk_widget_get_visible (self->arrow);
  RowKind kind;
  RowHeight *cached = NULL;
  int arrow_min = 0;
  int arrow_nat = 0;
  int line_min, line_nat;

  if (orientation == GTK_ORIENTATION_VERTICAL && viva_sidebar_row_get_kind (self, &kind))
    {
      cached = viva_sidebar_row_lookup_height (self, kind, FALSE);
      if (cached != NULL)
        {
          *minimum = *natural = cached->height;
          return;
        }
    }

  if (arrow)
    gtk_widget_measure (self->arrow, orientation, -1, &arrow_min, &arrow_nat, NULL, NULL);

  viva_sidebar_row_measure_line (self, orientation, &line_min, &line_nat);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int spacing = arrow ? ARROW_SPACING : 0;

      *minimum = arrow_min + spacing + line_min;
      *natural = arrow_nat + spacing + line_nat;
      return;
    }

  *minimum = MAX (arrow_min, line_min);
  *natural = MAX (arrow_nat, line_nat);

  /* The quote goes under the title line. */
  if (viva_sidebar_row_shows_snippet (self))
    {
      int snippet_min, snippet_nat;

      gtk_widget_measure (GTK_WIDGET (self->snippet_box), orientation, -1, &snippet_min, &snippet_nat, NULL, NULL);
      *minimum += snippet_min;
      *natural += snippet_nat;
    }

  if (viva_sidebar_row_get_kind (self, &kind))
    viva_sidebar_row_lookup_height (self, kind, TRUE)->height = *minimum;
}

/* The arrow of the flat list, then the row's line: number, title, marks
 * and counts (a box per line made every row heavier, and a search moves
 * 205 rows at once), and a note's quote under the title when there is
 * one. A popover is placed by the widget
 * it belongs to. */
static void
viva_sidebar_row_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  VivaSidebarRow *self = VIVA_SIDEBAR_ROW (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int x = 0;

  if (self->arrow != NULL && gtk_widget_get_visible (self->arrow))
    {
      int arrow_width;

      gtk_widget_measure (self->arrow, GTK_ORIENTATION_HORIZONTAL, -1, &arrow_width, NULL, NULL, NULL);
      gtk_widget_size_allocate (self->arrow,
                                &(GtkAllocation) { rtl ? width - arrow_width : 0, 0, arrow_width, height },
                                -1);
      x = arrow_width + ARROW_SPACING;
    }

  if (viva_sidebar_row_shows_snippet (self))
    {
      int line, snippet;
      int y;
      graphene_rect_t title;

      /* The title line and the quote under it, from the title's start to
       * the row's end, the two in the middle of the row. */
      viva_sidebar_row_measure_line (self, GTK_ORIENTATION_VERTICAL, &(int) { 0 }, &line);
      gtk_widget_measure (GTK_WIDGET (self->snippet_box), GTK_ORIENTATION_VERTICAL, -1, NULL, &snippet, NULL, NULL);
      y = MAX (0, (height - line - snippet) / 2);
      viva_sidebar_row_allocate_line (self, rtl ? 0 : x, y, MAX (0, width - x), line, rtl);
      if (!gtk_widget_compute_bounds (GTK_WIDGET (self->title), widget, &title))
        graphene_rect_init (&title, x, 0, 0, 0);
      if (rtl)
        gtk_widget_size_allocate (GTK_WIDGET (self->snippet_box),
                                  &(GtkAllocation) { 0, y + line, MAX (0, (int) (title.origin.x + title.size.width)), snippet },
                                  -1);
      else
        gtk_widget_size_allocate (GTK_WIDGET (self->snippet_box),
                                  &(GtkAllocation) { (int) title.origin.x, y + line, MAX (0, width - (int) title.origin.x), snippet },
                                  -1);
    }
  else
    viva_sidebar_row_allocate_line (self, rtl ? 0 : x, 0, MAX (0, width - x), height, rtl);

  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
}

/* The font may have changed: the number's width follows. */
static void
viva_sidebar_row_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  VivaSidebarRow *self = VIVA_SIDEBAR_ROW (widget);

  GTK_WIDGET_CLASS (viva_sidebar_row_parent_class)->css_changed (widget, change);

  if (VIVA_IS_QUESTION (self->item))
    viva_sidebar_row_fit_number (self);
}

/* The text scale or the font changed: every cached height, and the
 * number's width, is stale. */
static void
viva_sidebar_row_system_setting_changed (GtkWidget        *widget,
                                         GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (viva_sidebar_row_parent_class)->system_setting_changed (widget, setting);

  for (guint i = 0; i < N_ROW_KINDS; i++)
    g_clear_pointer (&row_heights[i].font, pango_font_description_free);
  g_clear_pointer (&number_width.font, pango_font_description_free);
  if (VIVA_IS_QUESTION (VIVA_SIDEBAR_ROW (widget)->item))
    viva_sidebar_row_fit_number (VIVA_SIDEBAR_ROW (widget));
  gtk_widget_queue_resize (widget);
}

static void
viva_sidebar_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  VivaSidebarRow *self = VIVA_SIDEBAR_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_sidebar_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  VivaSidebarRow *self = VIVA_SIDEBAR_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      viva_sidebar_row_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_sidebar_row_class_init (VivaSidebarRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_sidebar_row_dispose;
  object_class->get_property = viva_sidebar_row_get_property;
  object_class->set_property = viva_sidebar_row_set_property;

  widget_class->measure = viva_sidebar_row_measure;
  widget_class->size_allocate = viva_sidebar_row_size_allocate;
  widget_class->system_setting_changed = viva_sidebar_row_system_setting_changed;
  widget_class->css_changed = viva_sidebar_row_css_changed;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         G_TYPE_OBJECT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "vivasidebarrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
viva_sidebar_row_init (VivaSidebarRow *self)
{
  /* [number] [title              ★ ✎] [count]
   *          [✎ a quote of the note   ]        */
  /* Three characters wide at least: see viva_sidebar_row_fit_number(). */
  self->number = viva_sidebar_figure_new (1);
  gtk_widget_add_css_class (GTK_WIDGET (self->number), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->number), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->number), GTK_WIDGET (self));

  self->title = g_object_new (VIVA_TYPE_SIDEBAR_TITLE, NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->title), GTK_WIDGET (self));

  self->n_matching = G_MAXUINT;
}

GtkWidget *
viva_sidebar_row_new (void)
{
  return g_object_new (VIVA_TYPE_SIDEBAR_ROW, NULL);
}

GObject *
viva_sidebar_row_get_item (VivaSidebarRow *self)
{
  g_return_val_if_fail (VIVA_IS_SIDEBAR_ROW (self), NULL);

  return self->item;
}

void
viva_sidebar_row_set_item (VivaSidebarRow *self,
                           GObject        *item)
{
  gboolean is_question;

  g_return_if_fail (VIVA_IS_SIDEBAR_ROW (self));
  g_return_if_fail (!item || G_IS_OBJECT (item));

  if (self->item == item)
    return;

  g_set_object (&self->item, item);

  is_question = VIVA_IS_QUESTION (item);
  gtk_widget_set_visible (GTK_WIDGET (self->number), is_question);
  if (item != NULL && !is_question)
    viva_sidebar_row_ensure_counts (self);
  if (self->status_bar != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->status_bar), item != NULL && !is_question);
      gtk_widget_set_visible (GTK_WIDGET (self->count_image), item != NULL && !is_question);
      gtk_widget_set_visible (GTK_WIDGET (self->count), item != NULL && !is_question);
    }
  viva_sidebar_row_show_marks (self, FALSE, FALSE);
  viva_sidebar_row_show_snippet (self, FALSE);

  if (is_question)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->title), "heading");
    }
  else if (item != NULL)
    {
      if (VIVA_IS_LEVEL (item))
        gtk_widget_add_css_class (GTK_WIDGET (self->title), "heading");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->title), "heading");
    }

  if (item != NULL)
    viva_sidebar_row_update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

/**
 * viva_sidebar_row_set_progress:
 * @self: a #VivaSidebarRow
 * @progress: (nullable): the study state of the bank the items are of
 *
 * Says where the row reads a question's star and notes, and a level's
 * or topic's counts, from; the row follows their changes.
 */
void
viva_sidebar_row_set_progress (VivaSidebarRow *self,
                               VivaProgress   *progress)
{
  g_return_if_fail (VIVA_IS_SIDEBAR_ROW (self));
  g_return_if_fail (!progress || VIVA_IS_PROGRESS (progress));

  if (self->progress == progress)
    return;

  if (self->progress != NULL)
    g_signal_handlers_disconnect_by_func (self->progress,
                                          G_CALLBACK (viva_sidebar_row_state_changed_cb),
                                          self);

  g_set_object (&self->progress, progress);

  if (progress != NULL)
    {
      g_signal_connect_object (progress, "question-changed",
                               G_CALLBACK (viva_sidebar_row_state_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (progress, "group-changed",
                               G_CALLBACK (viva_sidebar_row_state_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }

  if (self->item != NULL)
    viva_sidebar_row_update (self);
}

/**
 * viva_sidebar_row_set_search:
 * @self: a #VivaSidebarRow
 * @index: (nullable): the search index, to quote the user's notes
 * @query: (nullable): what the user is searching for, or %NULL
 * @n_matching: for a level or a topic, how many of its questions match
 *   the search and the filters, or %G_MAXUINT when there is no search
 *
 * Says what the sidebar is searching for, so that the row can highlight
 * it and count matches.
 */
void
viva_sidebar_row_set_search (VivaSidebarRow  *self,
                             VivaSearchIndex *index,
                             VivaQuery       *query,
                             guint            n_matching)
{
  g_return_if_fail (VIVA_IS_SIDEBAR_ROW (self));
  g_return_if_fail (!index || VIVA_IS_SEARCH_INDEX (index));
  g_return_if_fail (!query || VIVA_IS_QUERY (query));

  if (self->index == index && self->query == query && self->n_matching == n_matching)
    return;

  g_set_object (&self->index, index);
  g_set_object (&self->query, query);
  self->n_matching = n_matching;

  if (self->item != NULL)
    viva_sidebar_row_update (self);
}

gboolean
viva_sidebar_row_get_shows_note_match (VivaSidebarRow *self)
{
  g_return_val_if_fail (VIVA_IS_SIDEBAR_ROW (self), FALSE);

  return viva_sidebar_row_shows_snippet (self);
}

/* A question's number as the row shows it, or "" */
const char *
viva_sidebar_row_get_number_text (VivaSidebarRow *self)
{
  g_return_val_if_fail (VIVA_IS_SIDEBAR_ROW (self), NULL);

  return VIVA_IS_QUESTION (self->item) ? viva_sidebar_figure_get_text (self->number) : "";
}

const char *
viva_sidebar_row_get_count_text (VivaSidebarRow *self)
{
  g_return_val_if_fail (VIVA_IS_SIDEBAR_ROW (self), NULL);

  return self->count != NULL ? viva_sidebar_figure_get_text (self->count) : "";
}

/**
 * viva_sidebar_row_get_title_markup:
 * @self: a #VivaSidebarRow
 *
 * Returns: (nullable): the title as Pango markup, the words searched for
 *   highlighted, or %NULL when the title is plain text
 */
const char *
viva_sidebar_row_get_title_markup (VivaSidebarRow *self)
{
  g_return_val_if_fail (VIVA_IS_SIDEBAR_ROW (self), NULL);

  return self->title->use_markup ? self->title->label : NULL;
}
