/* viva-progress-tile.c
 *
 * A cell of the progress page's map of weak areas: one topic of a level
 * (or the questions of a level that are in no topic), shaded by its
 * expected recall, the questions the user would answer today by FSRS's
 * prediction from their reviews (not by the status they clicked), with
 * "likely recalled / questions" written inside. Six shades, from none
 * (nothing likely recalled: the weak areas, which stand out pale among
 * the green) to full; the number says what the shade only suggests. The
 * page counts the recall and hands it over (viva_progress_tile_set_recall());
 * the tooltip and the accessible name also give the statuses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "viva-level.h"
#include "viva-progress-tile.h"
#include "viva-review-stats.h"
#include "viva-topic.h"

#define N_SHADES VIVA_RECALL_N_SHADES

struct _VivaProgressTile
{
  GtkFlowBoxChild  parent_instance;

  /* Owned */
  VivaProgress    *progress;
  VivaLevel       *level;
  VivaTopic       *topic;

  /* Template widgets */
  GtkLabel        *name_label;
  GtkLabel        *count_label;
  GtkLabel        *learning_label;

  VivaRecall       recall;
  guint            shade;
};

G_DEFINE_FINAL_TYPE (VivaProgressTile, viva_progress_tile, GTK_TYPE_FLOW_BOX_CHILD)

static const char * const shade_classes[N_SHADES] = {
  "viva-shade-0", "viva-shade-1", "viva-shade-2", "viva-shade-3", "viva-shade-4", "viva-shade-5",
};

void
viva_progress_tile_get_counts (VivaProgressTile   *self,
                               VivaProgressCounts *counts)
{
  g_return_if_fail (VIVA_IS_PROGRESS_TILE (self));
  g_return_if_fail (counts != NULL);

  if (self->topic != NULL)
    viva_progress_counts_for_topic (self->progress, self->topic, counts);
  else if (self->level != NULL)
    viva_progress_counts_outside_topics (self->progress, self->level, counts);
  else
    *counts = (VivaProgressCounts) { 0, 0, 0 };
}

static void
viva_progress_tile_update (VivaProgressTile *self)
{
  g_autofree char *count = NULL;
  g_autofree char *learning = NULL;
  g_autofree char *description = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *recall = NULL;
  VivaProgressCounts counts;
  guint shade;

  if (self->level == NULL)
    return;

  viva_progress_tile_get_counts (self, &counts);

  /* Translators: questions likely recalled / questions, inside a tile. */
  count = g_strdup_printf (_("%u / %u"), viva_recall_get_expected_count (&self->recall), self->recall.n_questions);
  gtk_label_set_text (self->count_label, count);

  if (counts.n_confident > 0)
    /* Translators: below the number of questions likely recalled in a
     * tile, when some are marked Confident. */
    learning = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "likely recalled · %u confident",
                                             "likely recalled · %u confident", counts.n_confident),
                                counts.n_confident);
  else
    /* Translators: below the number of questions likely recalled in a
     * tile. */
    learning = g_strdup (_("likely recalled"));
  gtk_label_set_text (self->learning_label, learning);

  shade = viva_recall_get_shade (&self->recall);
  if (shade != self->shade)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), shade_classes[self->shade]);
      self->shade = shade;
    }
  gtk_widget_add_css_class (GTK_WIDGET (self), shade_classes[shade]);

  description = viva_progress_counts_describe (&counts);
  recall = viva_recall_describe (&self->recall);
  /* The name too: a long one may be cut short in the tile. */
  /* Translators: a tile's tooltip: its name, then "about 7 of 25 likely
   * recalled today", then "3 of 25 confident, 4 learning, 18 new". */
  tooltip = g_strdup_printf (_("%s\n%s\n%s"), gtk_label_get_text (self->name_label), recall, description);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);

  /* Translators: accessible name of a tile of the map, e.g. "Level 2,
   * Decorators: about 5 of 12 likely recalled today; 3 of 12 confident,
   * 4 learning, 5 new". */
  accessible = g_strdup_printf (_("Level %u, %s: %s; %s"),
                                viva_level_get_number (self->level),
                                gtk_label_get_text (self->name_label),
                                recall, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Opens the first question not yet confident"),
                                  -1);
}

static void
viva_progress_tile_group_changed_cb (VivaProgressTile *self,
                                     GObject          *group,
                                     VivaProgress     *progress)
{
  GObject *own = self->topic != NULL ? G_OBJECT (self->topic) : G_OBJECT (self->level);

  if (group == own)
    viva_progress_tile_update (self);
}

static void
viva_progress_tile_dispose (GObject *object)
{
  VivaProgressTile *self = (VivaProgressTile *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_PROGRESS_TILE);
  g_clear_object (&self->progress);
  g_clear_object (&self->level);
  g_clear_object (&self->topic);

  G_OBJECT_CLASS (viva_progress_tile_parent_class)->dispose (object);
}

static void
viva_progress_tile_class_init (VivaProgressTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_progress_tile_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-progress-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaProgressTile, name_label);
  gtk_widget_class_bind_template_child (widget_class, VivaProgressTile, count_label);
  gtk_widget_class_bind_template_child (widget_class, VivaProgressTile, learning_label);
}

static void
viva_progress_tile_init (VivaProgressTile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * viva_progress_tile_new:
 * @progress: the study state of the level's bank, which the counts are
 *   read from
 * @level: a level
 * @topic: (nullable): one of its topics, or %NULL for the level's
 *   questions that are in none of its topics
 *
 * Returns: (transfer floating): a tile
 */
GtkWidget *
viva_progress_tile_new (VivaProgress *progress,
                        VivaLevel    *level,
                        VivaTopic    *topic)
{
  VivaProgressTile *self;

  g_return_val_if_fail (VIVA_IS_PROGRESS (progress), NULL);
  g_return_val_if_fail (VIVA_IS_LEVEL (level), NULL);
  g_return_val_if_fail (!topic || VIVA_IS_TOPIC (topic), NULL);

  self = g_object_new (VIVA_TYPE_PROGRESS_TILE, NULL);
  self->progress = g_object_ref (progress);
  self->level = g_object_ref (level);
  self->topic = topic ? g_object_ref (topic) : NULL;

  if (topic != NULL)
    gtk_label_set_text (self->name_label, viva_topic_get_name (topic));
  else if (viva_level_get_n_topics (level) == 0)
    gtk_label_set_text (self->name_label, _("All questions"));
  else
    gtk_label_set_text (self->name_label, _("Other questions"));

  g_signal_connect_object (progress, "group-changed",
                           G_CALLBACK (viva_progress_tile_group_changed_cb),
                           self, G_CONNECT_SWAPPED);

  /* Nothing recalled until the page has counted. */
  {
    VivaProgressCounts counts;

    viva_progress_tile_get_counts (self, &counts);
    self->recall.n_questions = viva_progress_counts_get_total (&counts);
  }
  viva_progress_tile_update (self);

  return GTK_WIDGET (self);
}

VivaLevel *
viva_progress_tile_get_level (VivaProgressTile *self)
{
  g_return_val_if_fail (VIVA_IS_PROGRESS_TILE (self), NULL);

  return self->level;
}

/* NULL for the tile of a level's questions outside its topics. */
VivaTopic *
viva_progress_tile_get_topic (VivaProgressTile *self)
{
  g_return_val_if_fail (VIVA_IS_PROGRESS_TILE (self), NULL);

  return self->topic;
}

/* "3 / 12": confident / questions, as the tile shows it. */
const char *
viva_progress_tile_get_count_text (VivaProgressTile *self)
{
  g_return_val_if_fail (VIVA_IS_PROGRESS_TILE (self), NULL);

  return gtk_label_get_text (self->count_label);
}

/* 0 (nothing likely recalled) to 5 (all of it). */
guint
viva_progress_tile_get_shade (VivaProgressTile *self)
{
  g_return_val_if_fail (VIVA_IS_PROGRESS_TILE (self), 0);

  return self->shade;
}

/**
 * viva_progress_tile_set_recall:
 * @self: a tile
 * @recall: the expected recall of its topic (or of its level's questions
 *   in no topic)
 */
void
viva_progress_tile_set_recall (VivaProgressTile *self,
                               const VivaRecall *recall)
{
  g_return_if_fail (VIVA_IS_PROGRESS_TILE (self));
  g_return_if_fail (recall != NULL);

  if (memcmp (&self->recall, recall, sizeof *recall) == 0)
    return;

  self->recall = *recall;
  viva_progress_tile_update (self);
}
