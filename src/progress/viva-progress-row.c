/* viva-progress-row.c
 *
 * A row of the progress page's list: a whole level, or one of its
 * topics, with how many of its questions are Confident, Learning and New
 * as a bar and in words, and how many the user would answer today
 * (its expected recall, which the page counts and hands it). It follows
 * its level's or topic's counts, so a change of one question redraws
 * only the rows it belongs to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "viva-level.h"
#include "viva-progress-row.h"
#include "viva-review-stats.h"
#include "viva-stacked-bar.h"
#include "viva-topic.h"

struct _VivaProgressRow
{
  GtkListBoxRow   parent_instance;

  /* Owned */
  VivaProgress   *progress;
  VivaLevel      *level;
  VivaTopic      *topic;

  /* Template widgets */
  GtkLabel       *title_label;
  GtkLabel       *counts_label;
  GtkLabel       *recall_label;
  VivaStackedBar *bar;

  VivaRecall      recall;
};

G_DEFINE_FINAL_TYPE (VivaProgressRow, viva_progress_row, GTK_TYPE_LIST_BOX_ROW)

void
viva_progress_row_get_counts (VivaProgressRow    *self,
                              VivaProgressCounts *counts)
{
  g_return_if_fail (VIVA_IS_PROGRESS_ROW (self));
  g_return_if_fail (counts != NULL);

  if (self->topic != NULL)
    viva_progress_counts_for_topic (self->progress, self->topic, counts);
  else if (self->level != NULL)
    viva_progress_counts_for_level (self->progress, self->level, counts);
  else
    *counts = (VivaProgressCounts) { 0, 0, 0 };
}

static void
viva_progress_row_update (VivaProgressRow *self)
{
  g_autofree char *counts_text = NULL;
  g_autofree char *description = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *recall = NULL;
  g_autofree char *recall_text = NULL;
  VivaProgressCounts counts;

  if (self->level == NULL)
    return;

  /* Translators: under a level's or topic's bar: the questions the user
   * would answer today, by FSRS's prediction from their reviews. */
  recall_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "About %u of %u likely recalled today",
                                              "About %u of %u likely recalled today",
                                              self->recall.n_questions),
                                 viva_recall_get_expected_count (&self->recall), self->recall.n_questions);
  gtk_label_set_text (self->recall_label, recall_text);
  recall = viva_recall_describe (&self->recall);

  viva_progress_row_get_counts (self, &counts);
  viva_stacked_bar_set_counts (self->bar, &counts);

  /* Translators: the numbers beside a level's or topic's bar. */
  counts_text = g_strdup_printf (_("%u confident · %u learning · %u new"),
                                 counts.n_confident, counts.n_learning, counts.n_new);
  gtk_label_set_text (self->counts_label, counts_text);

  description = viva_progress_counts_describe (&counts);
  if (self->topic != NULL)
    /* Translators: accessible name of a topic's row, e.g. "Level 2,
     * Decorators: about 5 of 12 likely recalled today; 3 of 12 confident,
     * 4 learning, 5 new". */
    accessible = g_strdup_printf (_("Level %u, %s: %s; %s"),
                                  viva_level_get_number (self->level),
                                  viva_topic_get_name (self->topic),
                                  recall, description);
  else
    /* Translators: accessible name of a level's row, e.g. "Level 1:
     * Beginner, all questions: about 80 of 200 likely recalled today; 57
     * of 200 confident, 30 learning, 113 new". */
    accessible = g_strdup_printf (_("%s, all questions: %s; %s"),
                                  viva_level_get_title (self->level),
                                  recall, description);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Opens the first question not yet confident"),
                                  -1);
}

static void
viva_progress_row_group_changed_cb (VivaProgressRow *self,
                                    GObject         *group,
                                    VivaProgress    *progress)
{
  GObject *own = self->topic != NULL ? G_OBJECT (self->topic) : G_OBJECT (self->level);

  if (group == own)
    viva_progress_row_update (self);
}

static void
viva_progress_row_dispose (GObject *object)
{
  VivaProgressRow *self = (VivaProgressRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_PROGRESS_ROW);
  g_clear_object (&self->progress);
  g_clear_object (&self->level);
  g_clear_object (&self->topic);

  G_OBJECT_CLASS (viva_progress_row_parent_class)->dispose (object);
}

static void
viva_progress_row_class_init (VivaProgressRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_progress_row_dispose;

  g_type_ensure (VIVA_TYPE_STACKED_BAR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-progress-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaProgressRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, VivaProgressRow, counts_label);
  gtk_widget_class_bind_template_child (widget_class, VivaProgressRow, recall_label);
  gtk_widget_class_bind_template_child (widget_class, VivaProgressRow, bar);
}

static void
viva_progress_row_init (VivaProgressRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * viva_progress_row_new:
 * @progress: the study state of the level's bank, which the counts are
 *   read from
 * @level: a level
 * @topic: (nullable): one of its topics, or %NULL for the whole level
 *
 * Returns: (transfer floating): a row
 */
GtkWidget *
viva_progress_row_new (VivaProgress *progress,
                       VivaLevel    *level,
                       VivaTopic    *topic)
{
  VivaProgressRow *self;

  g_return_val_if_fail (VIVA_IS_PROGRESS (progress), NULL);
  g_return_val_if_fail (VIVA_IS_LEVEL (level), NULL);
  g_return_val_if_fail (!topic || VIVA_IS_TOPIC (topic), NULL);

  self = g_object_new (VIVA_TYPE_PROGRESS_ROW, NULL);
  self->progress = g_object_ref (progress);
  self->level = g_object_ref (level);
  self->topic = topic ? g_object_ref (topic) : NULL;

  if (topic != NULL)
    {
      gtk_label_set_text (self->title_label, viva_topic_get_name (topic));
      gtk_widget_add_css_class (GTK_WIDGET (self), "viva-progress-topic");
    }
  else
    {
      gtk_label_set_text (self->title_label, viva_level_get_title (level));
      gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "heading");
    }

  g_signal_connect_object (progress, "group-changed",
                           G_CALLBACK (viva_progress_row_group_changed_cb),
                           self, G_CONNECT_SWAPPED);

  /* Nothing recalled until the page has counted. */
  {
    VivaProgressCounts counts;

    viva_progress_row_get_counts (self, &counts);
    self->recall.n_questions = viva_progress_counts_get_total (&counts);
  }
  viva_progress_row_update (self);

  return GTK_WIDGET (self);
}

VivaLevel *
viva_progress_row_get_level (VivaProgressRow *self)
{
  g_return_val_if_fail (VIVA_IS_PROGRESS_ROW (self), NULL);

  return self->level;
}

/* NULL for a row that stands for its whole level. */
VivaTopic *
viva_progress_row_get_topic (VivaProgressRow *self)
{
  g_return_val_if_fail (VIVA_IS_PROGRESS_ROW (self), NULL);

  return self->topic;
}

/* "3 confident · 4 learning · 5 new", as the row shows it. */
const char *
viva_progress_row_get_counts_text (VivaProgressRow *self)
{
  g_return_val_if_fail (VIVA_IS_PROGRESS_ROW (self), NULL);

  return gtk_label_get_text (self->counts_label);
}

/**
 * viva_progress_row_set_recall:
 * @self: a row
 * @recall: the expected recall of its level or topic
 */
void
viva_progress_row_set_recall (VivaProgressRow  *self,
                              const VivaRecall *recall)
{
  g_return_if_fail (VIVA_IS_PROGRESS_ROW (self));
  g_return_if_fail (recall != NULL);

  if (memcmp (&self->recall, recall, sizeof *recall) == 0)
    return;

  self->recall = *recall;
  viva_progress_row_update (self);
}

/* "About 7 of 25 likely recalled today", as the row says it. */
const char *
viva_progress_row_get_recall_text (VivaProgressRow *self)
{
  g_return_val_if_fail (VIVA_IS_PROGRESS_ROW (self), NULL);

  return gtk_label_get_text (self->recall_label);
}
