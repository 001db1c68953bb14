/* viva-progress-tile.c
 *
 * A cell of the progress page's map of weak areas: one topic of a level
 * (or the questions of a level that are in no topic), shaded by the
 * share of its questions marked Confident, with "Confident / questions"
 * written inside. Six shades, from none (nothing confident yet: the
 * weak areas, which stand out pale among the green) to full; the number
 * says what the shade only suggests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-level.h"
#include "viva-progress-tile.h"
#include "viva-topic.h"

#define N_SHADES 6

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

  guint            shade;
};

G_DEFINE_FINAL_TYPE (VivaProgressTile, viva_progress_tile, GTK_TYPE_FLOW_BOX_CHILD)

static const char * const shade_classes[N_SHADES] = {
  "viva-shade-0", "viva-shade-1", "viva-shade-2", "viva-shade-3", "viva-shade-4", "viva-shade-5",
};

/* None, under a quarter, under half, under three quarters, not all, all. */
static guint
shade_for_counts (const VivaProgressCounts *counts)
{
  guint total = viva_progress_counts_get_total (counts);

  if (counts->n_confident == 0 || total == 0)
    return 0;
  if (counts->n_confident == total)
    return 5;

  return 1 + MIN (3, (guint) ((guint64) counts->n_confident * 4 / total));
}

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
  VivaProgressCounts counts;
  guint shade;

  if (self->level == NULL)
    return;

  viva_progress_tile_get_counts (self, &counts);

  /* Translators: confident questions / questions, inside a tile. */
  count = g_strdup_printf (_("%u / %u"), counts.n_confident, viva_progress_counts_get_total (&counts));
  gtk_label_set_text (self->count_label, count);

  /* Translators: below the count of confident questions in a tile, when
   * some of its questions are being learnt. */
  if (counts.n_learning > 0)
    learning = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "confident · %u learning", "confident · %u learning",
                                             counts.n_learning),
                                counts.n_learning);
  else
    /* Translators: below the count of confident questions in a tile. */
    learning = g_strdup (_("confident"));
  gtk_label_set_text (self->learning_label, learning);

  shade = shade_for_counts (&counts);
  if (shade != self->shade)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), shade_classes[self->shade]);
      self->shade = shade;
    }
  gtk_widget_add_css_class (GTK_WIDGET (self), shade_classes[shade]);

  description = viva_progress_counts_describe (&counts);
  /* The name too: a long one may be cut short in the tile. */
  tooltip = g_strdup_printf ("%s\n%s", gtk_label_get_text (self->name_label), description);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);

  /* Translators: accessible name of a tile of the map, e.g. "Level 2,
   * Decorators: 3 of 12 confident, 4 learning, 5 new". */
  accessible = g_strdup_printf (_("Level %u, %s: %s"),
                                viva_level_get_number (self->level),
                                gtk_label_get_text (self->name_label),
                                description);
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

/* 0 (nothing confident) to 5 (all confident). */
guint
viva_progress_tile_get_shade (VivaProgressTile *self)
{
  g_return_val_if_fail (VIVA_IS_PROGRESS_TILE (self), 0);

  return self->shade;
}
