/* viva-activity-calendar.c
 *
 * Reviews per review day over the last year, as a calendar: a column
 * per week (53), a row per weekday from the locale's first, months named
 * above, a cell per day shaded by how many reviews it had (five shades:
 * none, then quarters of the busiest day), today outlined. A legend
 * under it gives each shade's counts in numbers; a cell's tooltip says
 * its day's count and date; the accessible label (an image, for a
 * screen reader) says the year in words (viva_review_activity_describe()),
 * so colour is never the only cue. Drawn with GtkSnapshot in the style
 * sheet's colours: it follows the dark style and the accent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-activity-calendar.h"
#include "viva-chart-colors.h"

#define CELL_MAX     14
#define CELL_MIN     3
/* Between cells; 1 when they are small, so that the year fits a
 * window 360 pixels wide. */
#define GAP_MAX      3
#define GAP_MIN      1
#define SMALL_CELL   8
#define SPACING      6

struct _VivaActivityCalendar
{
  GtkWidget           parent_instance;

  /* Owned */
  VivaReviewActivity *activity;
  char               *text;
};

G_DEFINE_FINAL_TYPE (VivaActivityCalendar, viva_activity_calendar, GTK_TYPE_WIDGET)

static char *
format_date (const GDate *date,
             const char  *format)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                                                   g_date_get_day (date), 12, 0, 0);

  return time != NULL ? g_date_time_format (time, format) : g_strdup ("");
}

static PangoLayout *
create_layout (GtkWidget  *widget,
               const char *text,
               int        *width,
               int        *height)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);

  pango_layout_get_pixel_size (layout, width, height);

  return layout;
}

/* The weekdays' names on the left take the widest of them. */
static int
viva_activity_calendar_get_label_width (VivaActivityCalendar *self)
{
  int widest = 0;

  for (guint row = 0; row < 7 && self->activity != NULL; row += 2)
    {
      g_autoptr(PangoLayout) layout = NULL;
      g_autofree char *name = NULL;
      GDate date;
      int width;

      viva_review_activity_get_date (self->activity, row, &date);
      /* Translators: a weekday's short name, see the GDateTime format. */
      name = format_date (&date, C_("weekday", "%a"));
      layout = create_layout (GTK_WIDGET (self), name, &width, NULL);
      widest = MAX (widest, width);
    }

  return widest + SPACING;
}

static int
viva_activity_calendar_get_text_height (VivaActivityCalendar *self)
{
  g_autoptr(PangoLayout) layout = NULL;
  int height;

  layout = create_layout (GTK_WIDGET (self), "0", NULL, &height);

  return height;
}

/* The largest cells the weeks fit in @width with. */
static void
cell_size_for_width (VivaActivityCalendar *self,
                     int                   width,
                     int                  *cell,
                     int                  *gap)
{
  int column = (width - viva_activity_calendar_get_label_width (self)) / VIVA_REVIEW_ACTIVITY_N_WEEKS;

  *gap = column - GAP_MAX >= SMALL_CELL ? GAP_MAX : GAP_MIN;
  *cell = CLAMP (column - *gap, CELL_MIN, CELL_MAX);
}

static GtkSizeRequestMode
viva_activity_calendar_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
viva_activity_calendar_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  VivaActivityCalendar *self = VIVA_ACTIVITY_CALENDAR (widget);
  int labels = viva_activity_calendar_get_label_width (self);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = labels + VIVA_REVIEW_ACTIVITY_N_WEEKS * (CELL_MIN + GAP_MIN);
      *natural = labels + VIVA_REVIEW_ACTIVITY_N_WEEKS * (CELL_MAX + GAP_MAX);
    }
  else
    {
      int text = viva_activity_calendar_get_text_height (self);
      int cell = CELL_MAX;
      int gap = GAP_MAX;

      if (for_size >= 0)
        cell_size_for_width (self, for_size, &cell, &gap);

      /* Months, the weeks, the legend. */
      *minimum = *natural = text + SPACING + 7 * (cell + gap) + SPACING + MAX (text, cell);
    }
}

typedef struct
{
  int x;
  int y;
  int cell;
  int gap;
} Grid;

static void
viva_activity_calendar_get_grid (VivaActivityCalendar *self,
                                 Grid                 *grid)
{
  cell_size_for_width (self, gtk_widget_get_width (GTK_WIDGET (self)), &grid->cell, &grid->gap);
  grid->x = viva_activity_calendar_get_label_width (self);
  grid->y = viva_activity_calendar_get_text_height (self) + SPACING;
}

/**
 * viva_activity_calendar_get_day_at:
 * @self: a calendar
 * @x: a point, in the calendar's coordinates
 * @y: likewise
 *
 * Returns: the calendar's day (0 for the oldest) whose cell is at @x,
 *   @y, or -1 where there is none
 */
int
viva_activity_calendar_get_day_at (VivaActivityCalendar *self,
                                   double                x,
                                   double                y)
{
  Grid grid;
  int column;
  int row;
  int day;

  g_return_val_if_fail (VIVA_IS_ACTIVITY_CALENDAR (self), -1);

  if (self->activity == NULL)
    return -1;

  viva_activity_calendar_get_grid (self, &grid);
  if (x < grid.x || y < grid.y)
    return -1;

  column = (int) ((x - grid.x) / (grid.cell + grid.gap));
  row = (int) ((y - grid.y) / (grid.cell + grid.gap));
  if (column >= VIVA_REVIEW_ACTIVITY_N_WEEKS || row >= 7)
    return -1;

  day = column * 7 + row;

  return day < (int) viva_review_activity_get_n_days (self->activity) ? day : -1;
}

static void
append_layout (GtkSnapshot   *snapshot,
               PangoLayout   *layout,
               double         x,
               double         y,
               const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
append_cell (GtkSnapshot   *snapshot,
             double         x,
             double         y,
             int            size,
             const GdkRGBA *color)
{
  GskRoundedRect rect;

  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (x, y, size, size), MIN (3, size / 4.0));
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, color, &rect.bounds);
  gtk_snapshot_pop (snapshot);
}

/* The five shades: none, then the accent, stronger with each level. */
static void
viva_activity_calendar_get_shades (VivaActivityCalendar *self,
                                   GdkRGBA               shades[VIVA_REVIEW_ACTIVITY_N_LEVELS + 1])
{
  static const double alphas[VIVA_REVIEW_ACTIVITY_N_LEVELS] = { 0.3, 0.5, 0.75, 1.0 };
  GdkRGBA accent;

  viva_chart_get_foreground (GTK_WIDGET (self), 0.1, &shades[0]);
  viva_chart_lookup_color (GTK_WIDGET (self), "accent_bg_color", &accent);
  for (guint level = 1; level <= VIVA_REVIEW_ACTIVITY_N_LEVELS; level++)
    {
      shades[level] = accent;
      shades[level].alpha *= alphas[level - 1];
    }
}

/* "1–5", "16–20", "3": the counts a shade stands for. */
static char *
viva_activity_calendar_describe_level (VivaActivityCalendar *self,
                                       guint                 level)
{
  guint max = viva_review_activity_get_max_count (self->activity);
  guint min;

  if (level == 0)
    return g_strdup ("0");

  min = viva_review_activity_get_level_min (self->activity, level);
  if (min == 0)
    return NULL;

  for (guint next = level + 1; next <= VIVA_REVIEW_ACTIVITY_N_LEVELS; next++)
    {
      guint next_min = viva_review_activity_get_level_min (self->activity, next);

      if (next_min != 0)
        {
          max = next_min - 1;
          break;
        }
    }

  if (min == max)
    return g_strdup_printf ("%u", min);

  /* Translators: a range of reviews a day in the calendar's legend. */
  return g_strdup_printf (C_("range", "%u–%u"), min, max);
}

static void
viva_activity_calendar_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  VivaActivityCalendar *self = VIVA_ACTIVITY_CALENDAR (widget);
  GdkRGBA shades[VIVA_REVIEW_ACTIVITY_N_LEVELS + 1];
  GdkRGBA text_color;
  GdkRGBA today_color;
  guint n_days;
  double month_room = 0;
  guint row_step;
  int text_height;
  int legend_y;
  double x;
  Grid grid;

  if (self->activity == NULL)
    return;

  viva_activity_calendar_get_grid (self, &grid);
  viva_activity_calendar_get_shades (self, shades);
  viva_chart_get_foreground (widget, 0.7, &text_color);
  viva_chart_get_foreground (widget, 0.8, &today_color);
  n_days = viva_review_activity_get_n_days (self->activity);

  /* Every other weekday's name, as paper calendars of the year do;
   * fewer when the cells are smaller than the text. */
  text_height = viva_activity_calendar_get_text_height (self);
  row_step = 2;
  while (row_step < 6 && text_height > row_step * (grid.cell + grid.gap))
    row_step++;
  for (guint row = 0; row < 7; row += row_step)
    {
      g_autoptr(PangoLayout) layout = NULL;
      g_autofree char *name = NULL;
      GDate date;
      int height;

      viva_review_activity_get_date (self->activity, row, &date);
      name = format_date (&date, C_("weekday", "%a"));
      layout = create_layout (widget, name, NULL, &height);
      append_layout (snapshot, layout, 0, grid.y + row * (grid.cell + grid.gap) + (grid.cell - height) / 2.0,
                     &text_color);
    }

  for (guint day = 0; day < n_days; day++)
    {
      guint column = day / 7;
      guint row = day % 7;
      guint count = viva_review_activity_get_count (self->activity, day);
      double cell_x = grid.x + column * (grid.cell + grid.gap);
      double cell_y = grid.y + row * (grid.cell + grid.gap);
      GDate date;

      append_cell (snapshot, cell_x, cell_y, grid.cell,
                   &shades[viva_review_activity_get_level (self->activity, count)]);

      /* A month's name over the week of its first day, when there is
       * room after the last one and before the end. */
      viva_review_activity_get_date (self->activity, day, &date);
      if (g_date_get_day (&date) == 1 && cell_x >= month_room)
        {
          g_autoptr(PangoLayout) layout = NULL;
          /* Translators: a month's short name, see the GDateTime format. */
          g_autofree char *month = format_date (&date, C_("month", "%b"));
          int width;

          layout = create_layout (widget, month, &width, NULL);
          if (cell_x + width <= grid.x + VIVA_REVIEW_ACTIVITY_N_WEEKS * (grid.cell + grid.gap))
            {
              append_layout (snapshot, layout, cell_x, 0, &text_color);
              month_room = cell_x + width + SPACING;
            }
        }

      if (day == n_days - 1)
        {
          /* Today, outlined. */
          GskRoundedRect outline;

          gsk_rounded_rect_init_from_rect (&outline,
                                           &GRAPHENE_RECT_INIT (cell_x - 1.5, cell_y - 1.5,
                                                                grid.cell + 3, grid.cell + 3),
                                           MIN (4, grid.cell / 3.0));
          gtk_snapshot_append_border (snapshot, &outline,
                                      (const float[4]) { 1.5, 1.5, 1.5, 1.5 },
                                      (const GdkRGBA[4]) { today_color, today_color, today_color, today_color });
        }
    }

  /* The legend, right-aligned under the weeks: each shade with the
   * counts it stands for. */
  legend_y = grid.y + 7 * (grid.cell + grid.gap) + SPACING;
  x = grid.x + VIVA_REVIEW_ACTIVITY_N_WEEKS * (grid.cell + grid.gap) - grid.gap;
  for (int level = VIVA_REVIEW_ACTIVITY_N_LEVELS; level >= 0; level--)
    {
      g_autofree char *range = viva_activity_calendar_describe_level (self, (guint) level);
      g_autoptr(PangoLayout) layout = NULL;
      int width;
      int height;

      if (range == NULL)
        continue;

      layout = create_layout (widget, range, &width, &height);
      x -= width;
      append_layout (snapshot, layout, x, legend_y + (MAX (grid.cell, height) - height) / 2.0, &text_color);
      x -= 4 + grid.cell;
      append_cell (snapshot, x, legend_y + (MAX (grid.cell, height) - grid.cell) / 2.0, grid.cell, &shades[level]);
      x -= 2 * SPACING;
    }
}

static gboolean
viva_activity_calendar_query_tooltip (GtkWidget  *widget,
                                      int         x,
                                      int         y,
                                      gboolean    keyboard,
                                      GtkTooltip *tooltip)
{
  VivaActivityCalendar *self = VIVA_ACTIVITY_CALENDAR (widget);
  g_autofree char *text = NULL;
  int day;

  if (keyboard)
    {
      gtk_tooltip_set_text (tooltip, self->text);
      return self->text != NULL;
    }

  day = viva_activity_calendar_get_day_at (self, x, y);
  if (day < 0)
    return FALSE;

  text = viva_review_activity_describe_day (self->activity, (guint) day);
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

static void
viva_activity_calendar_finalize (GObject *object)
{
  VivaActivityCalendar *self = (VivaActivityCalendar *)object;

  g_clear_pointer (&self->activity, viva_review_activity_free);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (viva_activity_calendar_parent_class)->finalize (object);
}

static void
viva_activity_calendar_class_init (VivaActivityCalendarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = viva_activity_calendar_finalize;

  widget_class->get_request_mode = viva_activity_calendar_get_request_mode;
  widget_class->measure = viva_activity_calendar_measure;
  widget_class->snapshot = viva_activity_calendar_snapshot;
  widget_class->query_tooltip = viva_activity_calendar_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "activitycalendar");
  /* A picture of the numbers its label says. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
viva_activity_calendar_init (VivaActivityCalendar *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
viva_activity_calendar_new (void)
{
  return g_object_new (VIVA_TYPE_ACTIVITY_CALENDAR, NULL);
}

const VivaReviewActivity *
viva_activity_calendar_get_activity (VivaActivityCalendar *self)
{
  g_return_val_if_fail (VIVA_IS_ACTIVITY_CALENDAR (self), NULL);

  return self->activity;
}

/**
 * viva_activity_calendar_set_activity:
 * @self: a calendar
 * @activity: (transfer full): a finished activity to show
 */
void
viva_activity_calendar_set_activity (VivaActivityCalendar *self,
                                     VivaReviewActivity   *activity)
{
  g_return_if_fail (VIVA_IS_ACTIVITY_CALENDAR (self));
  g_return_if_fail (activity != NULL);

  g_clear_pointer (&self->activity, viva_review_activity_free);
  self->activity = activity;

  g_free (self->text);
  self->text = viva_review_activity_describe (activity);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->text,
                                  -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* The calendar in words, as its accessible label says it. */
const char *
viva_activity_calendar_get_text (VivaActivityCalendar *self)
{
  g_return_val_if_fail (VIVA_IS_ACTIVITY_CALENDAR (self), NULL);

  return self->text;
}
