/* viva-progress-view.c
 *
 * The progress page: how many questions of the bank are Confident,
 * Learning and New; a map of weak areas, a tile per topic of each level,
 * shaded by how much of it is Confident; and a bar per level and per
 * topic. Activating a tile or a row asks to study it (the
 * "question-activated" signal, with the first question of it that is not
 * Confident yet); Escape or the back button asks to leave.
 *
 * The page is built once per bank, when first shown, a widget per level
 * and topic (no pass over the questions: the levels and topics keep
 * their counts); afterwards each widget follows its own level or topic,
 * so a change costs the same whatever the size of the bank. It shows
 * the context's bank, from the study state the sidebar shares
 * (viva_progress_dup_for_bank()), and follows "notify::bank".
 *
 * Review's side of the page (viva-review-stats.h): expected recall (the
 * questions the user would answer today, the sum of FSRS's chances of
 * recall) of the bank and of each level and topic, which also shades the
 * map; the streak; the reviews due on each of the next 30 days; and the
 * calendar of the past year's reviews. Those are counted in one pass
 * over the bank's questions and their notes (memory, due date, history)
 * when the page is shown and, while it is, once per burst of note
 * changes (an idle, not once per change).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <langinfo.h>
#endif

#include "viva-activity-calendar.h"
#include "viva-bank.h"
#include "viva-context.h"
#include "viva-forecast-chart.h"
#include "viva-level.h"
#include "viva-notes-store.h"
#include "viva-progress.h"
#include "viva-progress-row.h"
#include "viva-progress-tile.h"
#include "viva-progress-view.h"
#include "viva-question.h"
#include "viva-review-stats.h"
#include "viva-stacked-bar.h"
#include "viva-topic.h"

struct _VivaProgressView
{
  GtkWidget       parent_instance;

  /* Owned */
  VivaContext    *context;
  GSignalGroup   *context_signals;
  GSignalGroup   *store_signals;
  VivaProgress   *progress;

  /* Template widgets */
  AdwWindowTitle *title;
  GtkLabel       *confident_label;
  GtkLabel       *learning_label;
  GtkLabel       *new_label;
  VivaStackedBar *summary_bar;
  GtkLabel       *summary_label;
  GtkBox         *map_box;
  GtkBox         *levels_box;
  GtkLabel       *recall_label;
  GtkLabel       *recall_detail_label;
  GtkLabel       *streak_label;
  GtkLabel       *streak_detail_label;
  VivaForecastChart    *forecast_chart;
  GtkLabel             *forecast_label;
  VivaActivityCalendar *calendar;
  GtkLabel             *calendar_label;

  /* For viva_progress_view_get_streak_text(). */
  char           *streak_text;

  guint           stats_idle;
  guint           needs_rebuild : 1;
  guint           stats_dirty : 1;
};

G_DEFINE_FINAL_TYPE (VivaProgressView, viva_progress_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_PROGRESS,
  N_PROPS
};

enum {
  LEAVE,
  QUESTION_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void viva_progress_view_set_context  (VivaProgressView *self,
                                             VivaContext      *context);
static void viva_progress_view_set_progress (VivaProgressView *self,
                                             VivaProgress     *progress);

static void
viva_progress_view_update_summary (VivaProgressView *self)
{
  g_autofree char *confident = NULL;
  g_autofree char *learning = NULL;
  g_autofree char *new = NULL;
  g_autofree char *summary = NULL;
  VivaProgressCounts counts = { 0, 0, 0 };
  guint total;

  if (self->progress != NULL)
    viva_progress_get_counts (self->progress, &counts);
  total = viva_progress_counts_get_total (&counts);

  confident = g_strdup_printf ("%u", counts.n_confident);
  learning = g_strdup_printf ("%u", counts.n_learning);
  new = g_strdup_printf ("%u", counts.n_new);
  gtk_label_set_text (self->confident_label, confident);
  gtk_label_set_text (self->learning_label, learning);
  gtk_label_set_text (self->new_label, new);

  viva_stacked_bar_set_counts (self->summary_bar, &counts);

  /* Translators: under the bar of the whole bank, e.g. "57 of 415
   * questions confident (14%)". */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u of %u question confident (%u%%)",
                                          "%u of %u questions confident (%u%%)",
                                          total),
                             counts.n_confident, total,
                             total > 0 ? (guint) ((guint64) counts.n_confident * 100 / total) : 0);
  gtk_label_set_text (self->summary_label, summary);
}

/* The day the locale's weeks begin on, as gnome-calendar reads it:
 * glibc's _NL_TIME_FIRST_WEEKDAY counts from the day _NL_TIME_WEEK_1STDAY
 * names (19971130, a Sunday, or 19971201, a Monday). Monday elsewhere. */
static GDateWeekday
get_first_weekday (void)
{
#ifdef __GLIBC__
  union { unsigned int word; char *string; } langinfo;
  int week_origin_sunday = 1;
  int first;

  langinfo.string = nl_langinfo (_NL_TIME_FIRST_WEEKDAY);
  first = langinfo.string[0];
  langinfo.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  if (langinfo.word == 19971201)
    week_origin_sunday = 0;

  if (first >= 1 && first <= 7)
    {
      /* 0 for Sunday to 6 for Saturday. */
      int day = (first - 1 + (week_origin_sunday ? 0 : 1)) % 7;

      return day == 0 ? G_DATE_SUNDAY : (GDateWeekday) day;
    }
#endif

  return G_DATE_MONDAY;
}

/* Expected recall: the bank's in its card, each level's and topic's in
 * its tile and row. */
static void
viva_progress_view_show_recall (VivaProgressView *self,
                                VivaReviewStats  *stats)
{
  g_autofree char *percent = NULL;
  g_autofree char *detail = NULL;

  /* Translators: the expected recall of the whole bank, in its card. */
  percent = g_strdup_printf (_("%u%%"), viva_recall_get_percent (&stats->recall));
  gtk_label_set_text (self->recall_label, percent);
  /* Translators: under the expected recall of the bank: the sum of
   * FSRS's chances of recall, questions never reviewed counting none. */
  detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "You would answer about %u of %u question today",
                                         "You would answer about %u of %u questions today",
                                         stats->recall.n_questions),
                            viva_recall_get_expected_count (&stats->recall), stats->recall.n_questions);
  gtk_label_set_text (self->recall_detail_label, detail);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->map_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!GTK_IS_FLOW_BOX (child))
        continue;

      for (GtkWidget *tile = gtk_widget_get_first_child (child);
           tile != NULL;
           tile = gtk_widget_get_next_sibling (tile))
        {
          VivaTopic *topic;

          if (!VIVA_IS_PROGRESS_TILE (tile))
            continue;

          topic = viva_progress_tile_get_topic (VIVA_PROGRESS_TILE (tile));
          viva_progress_tile_set_recall (VIVA_PROGRESS_TILE (tile),
                                         topic != NULL
                                         ? viva_review_stats_get_recall (stats, topic)
                                         : viva_review_stats_get_recall_outside_topics (stats, viva_progress_tile_get_level (VIVA_PROGRESS_TILE (tile))));
        }
    }

  for (GtkWidget *list = gtk_widget_get_first_child (GTK_WIDGET (self->levels_box));
       list != NULL;
       list = gtk_widget_get_next_sibling (list))
    {
      for (GtkWidget *row = gtk_widget_get_first_child (list);
           row != NULL;
           row = gtk_widget_get_next_sibling (row))
        {
          VivaTopic *topic;

          if (!VIVA_IS_PROGRESS_ROW (row))
            continue;

          topic = viva_progress_row_get_topic (VIVA_PROGRESS_ROW (row));
          viva_progress_row_set_recall (VIVA_PROGRESS_ROW (row),
                                        viva_review_stats_get_recall (stats,
                                                                      topic != NULL ? (gpointer) topic
                                                                                    : (gpointer) viva_progress_row_get_level (VIVA_PROGRESS_ROW (row))));
        }
    }
}

/* Counts Review's figures from the bank's notes and shows them. */
static void
viva_progress_view_update_review_stats (VivaProgressView *self)
{
  g_autoptr(VivaReviewStats) stats = NULL;
  const VivaSchedulerConfig *config;
  VivaSchedulerConfig defaults;
  g_autofree char *streak = NULL;
  g_autofree char *detail = NULL;
  VivaReviewActivity *activity;
  VivaBank *bank;
  gint64 now;

  g_clear_handle_id (&self->stats_idle, g_source_remove);
  self->stats_dirty = FALSE;

  bank = self->progress != NULL ? viva_progress_get_bank (self->progress) : NULL;
  if (bank == NULL)
    return;

  if (self->context != NULL)
    {
      now = viva_context_get_real_time (self->context);
      config = viva_context_get_scheduler_config (self->context);
    }
  else
    {
      now = g_get_real_time ();
      viva_scheduler_config_init (&defaults);
      config = &defaults;
    }
  stats = viva_review_stats_new (viva_progress_get_notes_store (self->progress), bank, config, now,
                                 get_first_weekday (), VIVA_REVIEW_STATS_ALL);
  viva_progress_view_show_recall (self, stats);
  activity = stats->activity;

  viva_forecast_chart_set_forecast (self->forecast_chart, &stats->forecast);
  gtk_label_set_text (self->forecast_label, viva_forecast_chart_get_text (self->forecast_chart));

  /* Translators: the streak, in the card at the top of the progress
   * page: review days in a row with at least one review. */
  streak = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days",
                                         viva_review_activity_get_current_streak (activity)),
                            viva_review_activity_get_current_streak (activity));
  gtk_label_set_text (self->streak_label, streak);
  if (!viva_review_activity_get_reviewed_today (activity) && viva_review_activity_get_current_streak (activity) > 0)
    /* Translators: under the streak, when today has no review yet. */
    detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Longest: %u day · review today to keep it going",
                                           "Longest: %u days · review today to keep it going",
                                           viva_review_activity_get_longest_streak (activity)),
                              viva_review_activity_get_longest_streak (activity));
  else
    /* Translators: under the streak, the most days in a row ever. */
    detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Longest: %u day", "Longest: %u days",
                                           viva_review_activity_get_longest_streak (activity)),
                              viva_review_activity_get_longest_streak (activity));
  gtk_label_set_text (self->streak_detail_label, detail);

  /* The calendar keeps the activity. */
  viva_activity_calendar_set_activity (self->calendar, g_steal_pointer (&stats->activity));
  gtk_label_set_text (self->calendar_label, viva_activity_calendar_get_text (self->calendar));
}

static gboolean
viva_progress_view_stats_idle_cb (gpointer data)
{
  VivaProgressView *self = data;

  self->stats_idle = 0;
  viva_progress_view_update_review_stats (self);

  return G_SOURCE_REMOVE;
}

/* A note changed (graded, edited, merged from disk): the figures follow
 * once the burst is over, or when the page is next shown. */
static void
viva_progress_view_queue_review_stats (VivaProgressView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stats_dirty = TRUE;
      return;
    }

  if (self->stats_idle == 0)
    self->stats_idle = g_idle_add_full (G_PRIORITY_LOW, viva_progress_view_stats_idle_cb, self, NULL);
}

static void
viva_progress_view_counts_notify_cb (VivaProgressView *self,
                                     GParamSpec       *pspec,
                                     VivaProgress     *progress)
{
  viva_progress_view_update_summary (self);
}

static void
viva_progress_view_study (VivaProgressView *self,
                          GListModel       *items)
{
  VivaQuestion *question = viva_progress_find_next_to_study (self->progress, items);

  if (question != NULL)
    g_signal_emit (self, signals[QUESTION_ACTIVATED], 0, question);
}

static void
viva_progress_view_tile_activated_cb (VivaProgressView *self,
                                      GtkFlowBoxChild  *child,
                                      GtkFlowBox       *flow_box)
{
  VivaProgressTile *tile = VIVA_PROGRESS_TILE (child);
  VivaTopic *topic = viva_progress_tile_get_topic (tile);

  if (topic != NULL)
    viva_progress_view_study (self, viva_topic_get_questions (topic));
  else
    /* The level's children, of which the questions are those outside
     * its topics. */
    viva_progress_view_study (self, viva_level_get_children (viva_progress_tile_get_level (tile)));
}

static void
viva_progress_view_row_activated_cb (VivaProgressView *self,
                                     GtkListBoxRow    *list_row,
                                     GtkListBox       *list_box)
{
  VivaProgressRow *row = VIVA_PROGRESS_ROW (list_row);
  VivaTopic *topic = viva_progress_row_get_topic (row);

  if (topic != NULL)
    viva_progress_view_study (self, viva_topic_get_questions (topic));
  else
    viva_progress_view_study (self, viva_level_get_questions (viva_progress_row_get_level (row)));
}

static void
remove_children (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

/* One level: its line of tiles on the map, and its rows in the list. */
static void
viva_progress_view_add_level (VivaProgressView *self,
                              VivaLevel        *level)
{
  GListModel *children = viva_level_get_children (level);
  guint n_children = g_list_model_get_n_items (children);
  guint n_in_topics = 0;
  GtkWidget *heading;
  GtkWidget *flow_box;
  GtkWidget *list_box;

  heading = gtk_label_new (viva_level_get_title (level));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_top (heading, 12);
  gtk_box_append (self->map_box, heading);

  flow_box = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow_box), GTK_SELECTION_NONE);
  gtk_flow_box_set_activate_on_single_click (GTK_FLOW_BOX (flow_box), TRUE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow_box), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow_box), 2);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow_box), 6);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow_box), 8);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow_box), 8);
  gtk_widget_add_css_class (flow_box, "viva-progress-map");
  gtk_accessible_update_property (GTK_ACCESSIBLE (flow_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, viva_level_get_title (level),
                                  -1);
  g_signal_connect_object (flow_box, "child-activated",
                           G_CALLBACK (viva_progress_view_tile_activated_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (self->map_box, flow_box);

  list_box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list_box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list_box, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, viva_level_get_title (level),
                                  -1);
  g_signal_connect_object (list_box, "row-activated",
                           G_CALLBACK (viva_progress_view_row_activated_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_list_box_append (GTK_LIST_BOX (list_box), viva_progress_row_new (self->progress, level, NULL));
  gtk_box_append (self->levels_box, list_box);

  for (guint i = 0; i < n_children; i++)
    {
      g_autoptr(GObject) child = g_list_model_get_item (children, i);

      if (!VIVA_IS_TOPIC (child))
        continue;

      n_in_topics += viva_topic_get_n_questions (VIVA_TOPIC (child));
      gtk_flow_box_append (GTK_FLOW_BOX (flow_box), viva_progress_tile_new (self->progress, level, VIVA_TOPIC (child)));
      gtk_list_box_append (GTK_LIST_BOX (list_box), viva_progress_row_new (self->progress, level, VIVA_TOPIC (child)));
    }

  /* A level without topics is one tile; questions a level has besides
   * its topics get one of their own, after them. */
  if (n_in_topics < viva_level_get_n_questions (level))
    gtk_flow_box_append (GTK_FLOW_BOX (flow_box), viva_progress_tile_new (self->progress, level, NULL));
}

static void
viva_progress_view_rebuild (VivaProgressView *self)
{
  VivaBank *bank = self->progress ? viva_progress_get_bank (self->progress) : NULL;
  GListModel *levels;
  guint n_levels;

  self->needs_rebuild = FALSE;

  remove_children (self->map_box);
  remove_children (self->levels_box);

  adw_window_title_set_subtitle (self->title, bank ? viva_bank_get_title (bank) : NULL);
  viva_progress_view_update_summary (self);

  if (bank == NULL)
    return;

  levels = viva_bank_get_levels (bank);
  n_levels = g_list_model_get_n_items (levels);

  for (guint i = 0; i < n_levels; i++)
    {
      g_autoptr(VivaLevel) level = g_list_model_get_item (levels, i);

      viva_progress_view_add_level (self, level);
    }
}

/* A bank opened while the page is not shown is built the next time it
 * is: opening banks should not pay for a page nobody looks at. */
static void
viva_progress_view_map (GtkWidget *widget)
{
  VivaProgressView *self = VIVA_PROGRESS_VIEW (widget);

  if (self->needs_rebuild)
    viva_progress_view_rebuild (self);
  /* Also when nothing changed: a new day may have begun. */
  viva_progress_view_update_review_stats (self);

  GTK_WIDGET_CLASS (viva_progress_view_parent_class)->map (widget);
}

/* Focus goes to the map's first tile, from which the arrows walk the
 * map and Escape leaves. */
static gboolean
viva_progress_view_grab_focus (GtkWidget *widget)
{
  VivaProgressView *self = VIVA_PROGRESS_VIEW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->map_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkFlowBoxChild *tile;

      if (!GTK_IS_FLOW_BOX (child))
        continue;

      tile = gtk_flow_box_get_child_at_index (GTK_FLOW_BOX (child), 0);
      if (tile != NULL)
        return gtk_widget_grab_focus (GTK_WIDGET (tile));
    }

  return gtk_widget_child_focus (widget, GTK_DIR_TAB_FORWARD);
}

static void
viva_progress_view_leave_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  g_signal_emit (widget, signals[LEAVE], 0);
}

static void
viva_progress_view_dispose (GObject *object)
{
  VivaProgressView *self = (VivaProgressView *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_PROGRESS_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_handle_id (&self->stats_idle, g_source_remove);
  if (self->context_signals != NULL)
    g_signal_group_set_target (self->context_signals, NULL);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->context_signals);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->context);
  g_clear_object (&self->progress);
  g_clear_pointer (&self->streak_text, g_free);

  G_OBJECT_CLASS (viva_progress_view_parent_class)->dispose (object);
}

static void
viva_progress_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  VivaProgressView *self = VIVA_PROGRESS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_PROGRESS:
      g_value_set_object (value, self->progress);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_progress_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  VivaProgressView *self = VIVA_PROGRESS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      viva_progress_view_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_progress_view_class_init (VivaProgressViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_progress_view_dispose;
  object_class->get_property = viva_progress_view_get_property;
  object_class->set_property = viva_progress_view_set_property;

  widget_class->map = viva_progress_view_map;
  widget_class->grab_focus = viva_progress_view_grab_focus;

  /**
   * VivaProgressView:context:
   *
   * The bank and notes it shows; set once.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         VIVA_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The study state of the context's bank, as shown. */
  properties[PROP_PROGRESS] =
    g_param_spec_object ("progress", NULL, NULL,
                         VIVA_TYPE_PROGRESS,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VivaProgressView::leave:
   *
   * The user wants to go back to studying.
   */
  signals[LEAVE] =
    g_signal_new ("leave",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * VivaProgressView::question-activated:
   * @question: the first question of the chosen level or topic that is
   *   not Confident yet (its first question when all are)
   *
   * The user chose a tile or a row to study.
   */
  signals[QUESTION_ACTIVATED] =
    g_signal_new ("question-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, VIVA_TYPE_QUESTION);

  gtk_widget_class_install_action (widget_class, "progress.leave", NULL, viva_progress_view_leave_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "progress.leave", NULL);

  g_type_ensure (VIVA_TYPE_STACKED_BAR);
  g_type_ensure (VIVA_TYPE_FORECAST_CHART);
  g_type_ensure (VIVA_TYPE_ACTIVITY_CALENDAR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-progress-view.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaProgressView, title);
  gtk_widget_class_bind_template_child (widget_class, VivaProgressView, confident_label);
  gtk_widget_class_bind_template_child (widget_class, VivaProgressView, learning_label);
  gtk_widget_class_bind_template_child (widget_class, VivaProgressView, new_label);
  gtk_widget_class_bind_template_child (widget_class, VivaProgressView, summary_bar);
  gtk_widget_class_bind_template_child (widget_class, VivaProgressView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, VivaProgressView, map_box);
  gtk_widget_class_bind_template_child (widget_class, VivaProgressView, levels_box);
  gtk_widget_class_bind_template_child (widget_class, VivaProgressView, recall_label);
  gtk_widget_class_bind_template_child (widget_class, VivaProgressView, recall_detail_label);
  gtk_widget_class_bind_template_child (widget_class, VivaProgressView, streak_label);
  gtk_widget_class_bind_template_child (widget_class, VivaProgressView, streak_detail_label);
  gtk_widget_class_bind_template_child (widget_class, VivaProgressView, forecast_chart);
  gtk_widget_class_bind_template_child (widget_class, VivaProgressView, forecast_label);
  gtk_widget_class_bind_template_child (widget_class, VivaProgressView, calendar);
  gtk_widget_class_bind_template_child (widget_class, VivaProgressView, calendar_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vivaprogressview");
}

static void
viva_progress_view_bank_changed_cb (VivaProgressView *self)
{
  VivaBank *bank = viva_context_get_bank (self->context);
  g_autoptr(VivaProgress) progress = NULL;

  if (bank != NULL)
    progress = viva_progress_dup_for_bank (bank, viva_context_get_notes_store (self->context));

  viva_progress_view_set_progress (self, progress);
}

static void
viva_progress_view_init (VivaProgressView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->context_signals = g_signal_group_new (VIVA_TYPE_CONTEXT);
  g_signal_group_connect_object (self->context_signals, "notify::bank",
                                 G_CALLBACK (viva_progress_view_bank_changed_cb), self, G_CONNECT_SWAPPED);
  /* Other FSRS parameters predict other chances of recall. */
  g_signal_group_connect_object (self->context_signals, "scheduler-changed",
                                 G_CALLBACK (viva_progress_view_queue_review_stats), self, G_CONNECT_SWAPPED);
  self->store_signals = g_signal_group_new (VIVA_TYPE_NOTES_STORE);
  g_signal_group_connect_object (self->store_signals, "note-changed",
                                 G_CALLBACK (viva_progress_view_queue_review_stats), self, G_CONNECT_SWAPPED);
  viva_progress_view_update_summary (self);
}

static void
viva_progress_view_set_context (VivaProgressView *self,
                                VivaContext      *context)
{
  g_return_if_fail (!context || VIVA_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  if (context == NULL)
    return;

  self->context = g_object_ref (context);
  g_signal_group_set_target (self->context_signals, context);
  viva_progress_view_bank_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

VivaProgress *
viva_progress_view_get_progress (VivaProgressView *self)
{
  g_return_val_if_fail (VIVA_IS_PROGRESS_VIEW (self), NULL);

  return self->progress;
}

/* Shows @progress (nullable), rebuilding the page for its bank. */
static void
viva_progress_view_set_progress (VivaProgressView *self,
                                 VivaProgress     *progress)
{
  if (self->progress == progress)
    return;

  if (self->progress != NULL)
    g_signal_handlers_disconnect_by_func (self->progress,
                                          G_CALLBACK (viva_progress_view_counts_notify_cb),
                                          self);

  g_set_object (&self->progress, progress);
  g_signal_group_set_target (self->store_signals,
                             progress != NULL ? viva_progress_get_notes_store (progress) : NULL);
  self->stats_dirty = TRUE;

  if (progress != NULL)
    {
      g_signal_connect_object (progress, "notify::n-new",
                               G_CALLBACK (viva_progress_view_counts_notify_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (progress, "notify::n-learning",
                               G_CALLBACK (viva_progress_view_counts_notify_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (progress, "notify::n-confident",
                               G_CALLBACK (viva_progress_view_counts_notify_cb),
                               self, G_CONNECT_SWAPPED);
    }

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      viva_progress_view_rebuild (self);
      viva_progress_view_update_review_stats (self);
    }
  else
    {
      /* The numbers at the top are cheap and always right. */
      self->needs_rebuild = TRUE;
      adw_window_title_set_subtitle (self->title, NULL);
      viva_progress_view_update_summary (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

/* "57 of 415 questions confident (14%)", as the page says it. */
const char *
viva_progress_view_get_summary_text (VivaProgressView *self)
{
  g_return_val_if_fail (VIVA_IS_PROGRESS_VIEW (self), NULL);

  return gtk_label_get_text (self->summary_label);
}

/* "4 days" and "Longest: 6 days", as the streak's card says them. */
const char *
viva_progress_view_get_streak_text (VivaProgressView *self)
{
  g_return_val_if_fail (VIVA_IS_PROGRESS_VIEW (self), NULL);

  g_free (self->streak_text);
  self->streak_text = g_strdup_printf ("%s, %s",
                                       gtk_label_get_text (self->streak_label),
                                       gtk_label_get_text (self->streak_detail_label));

  return self->streak_text;
}

/* "You would answer about 212 of 415 questions today", as the expected
 * recall's card says it. */
const char *
viva_progress_view_get_recall_text (VivaProgressView *self)
{
  g_return_val_if_fail (VIVA_IS_PROGRESS_VIEW (self), NULL);

  return gtk_label_get_text (self->recall_detail_label);
}
