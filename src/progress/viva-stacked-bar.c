/* viva-stacked-bar.c
 *
 * One bar in three parts: Confident, Learning and New, from the left, each
 * as long as its share of the questions. The colours come from the style
 * sheet (stackedbar > box.confident and so on), so they follow the dark
 * style; a thin gap keeps neighbouring parts apart for those who cannot
 * tell the colours apart, and the numbers always go with the bar in text
 * and in its accessible description: colour is never the only cue.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-stacked-bar.h"

/* Between two parts, and the least a part that is not empty gets, so that
 * one question in ten thousand still shows. */
#define GAP      2
#define MIN_PART 3

enum {
  PART_CONFIDENT,
  PART_LEARNING,
  PART_NEW,
  N_PARTS
};

struct _VivaStackedBar
{
  GtkWidget           parent_instance;

  /* Owned: unparented in dispose */
  GtkWidget          *parts[N_PARTS];

  VivaProgressCounts  counts;
};

G_DEFINE_FINAL_TYPE (VivaStackedBar, viva_stacked_bar, GTK_TYPE_WIDGET)

static guint
viva_stacked_bar_get_part_count (VivaStackedBar *self,
                                 guint           part)
{
  switch (part)
    {
    case PART_CONFIDENT:
      return self->counts.n_confident;

    case PART_LEARNING:
      return self->counts.n_learning;

    case PART_NEW:
    default:
      return self->counts.n_new;
    }
}

/* The bar takes its size from the style sheet (min-width, min-height)
 * and from whoever places it; the parts have none of their own. */
static void
viva_stacked_bar_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  *minimum = 0;
  *natural = 0;
}

static void
viva_stacked_bar_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  VivaStackedBar *self = VIVA_STACKED_BAR (widget);
  guint total = viva_progress_counts_get_total (&self->counts);
  guint n_shown = 0;
  guint cumulative = 0;
  int available;
  int x = 0;

  for (guint i = 0; i < N_PARTS; i++)
    n_shown += viva_stacked_bar_get_part_count (self, i) > 0;

  available = MAX (0, width - GAP * ((int) MAX (n_shown, 1) - 1));

  for (guint i = 0; i < N_PARTS; i++)
    {
      guint count = viva_stacked_bar_get_part_count (self, i);
      int start;
      int end;
      int part_width;

      gtk_widget_set_child_visible (self->parts[i], count > 0);
      if (count == 0)
        continue;

      /* From the running total, so rounding never adds up to a drift. */
      start = (int) ((guint64) cumulative * available / total);
      cumulative += count;
      end = (int) ((guint64) cumulative * available / total);
      part_width = MAX (end - start, MIN_PART);

      /* The last part ends at the bar's end, whatever the rounding did
       * to the parts before it. */
      if (cumulative == total)
        part_width = MAX (width - x, MIN (MIN_PART, width));

      gtk_widget_size_allocate (self->parts[i],
                                &(GtkAllocation) { x, 0, part_width, height },
                                -1);
      x += part_width + GAP;
    }
}

static void
viva_stacked_bar_dispose (GObject *object)
{
  VivaStackedBar *self = (VivaStackedBar *)object;

  for (guint i = 0; i < N_PARTS; i++)
    g_clear_pointer (&self->parts[i], gtk_widget_unparent);

  G_OBJECT_CLASS (viva_stacked_bar_parent_class)->dispose (object);
}

static void
viva_stacked_bar_class_init (VivaStackedBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_stacked_bar_dispose;

  widget_class->measure = viva_stacked_bar_measure;
  widget_class->size_allocate = viva_stacked_bar_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "stackedbar");
  /* An image of the numbers, which its accessible label says. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
viva_stacked_bar_init (VivaStackedBar *self)
{
  static const char * const classes[N_PARTS] = { "confident", "learning", "new" };

  for (guint i = 0; i < N_PARTS; i++)
    {
      /* Plain boxes: the style sheet paints them. */
      self->parts[i] = g_object_new (GTK_TYPE_BOX,
                                     "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                     "css-classes", (const char *[]) { classes[i], NULL },
                                     NULL);
      gtk_widget_set_parent (self->parts[i], GTK_WIDGET (self));
    }

  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  viva_stacked_bar_set_counts (self, &(VivaProgressCounts) { 0, 0, 0 });
}

GtkWidget *
viva_stacked_bar_new (void)
{
  return g_object_new (VIVA_TYPE_STACKED_BAR, NULL);
}

void
viva_stacked_bar_get_counts (VivaStackedBar     *self,
                             VivaProgressCounts *counts)
{
  g_return_if_fail (VIVA_IS_STACKED_BAR (self));
  g_return_if_fail (counts != NULL);

  *counts = self->counts;
}

void
viva_stacked_bar_set_counts (VivaStackedBar           *self,
                             const VivaProgressCounts *counts)
{
  g_autofree char *description = NULL;

  g_return_if_fail (VIVA_IS_STACKED_BAR (self));
  g_return_if_fail (counts != NULL);

  self->counts = *counts;

  description = viva_progress_counts_describe (counts);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}
