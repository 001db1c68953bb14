/* viva-level.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-bank-private.h"

struct _VivaLevel
{
  GObject     parent_instance;

  /* Owned. As in VivaTopic, the children wait in an array until the
   * list is asked for; the list of all questions is made on demand. */
  char       *name;
  char       *title;
  GPtrArray  *pending;
  GListStore *children;
  GListStore *questions;

  guint       number;
  guint       n_topics;
  guint       n_questions;
  /* By VivaStatus: how many questions the user marked so. */
};

G_DEFINE_FINAL_TYPE (VivaLevel, viva_level, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NUMBER,
  PROP_NAME,
  PROP_TITLE,
  PROP_N_QUESTIONS,
  PROP_N_TOPICS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
viva_level_dispose (GObject *object)
{
  VivaLevel *self = (VivaLevel *)object;

  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_object (&self->children);
  g_clear_object (&self->questions);

  G_OBJECT_CLASS (viva_level_parent_class)->dispose (object);
}

static void
viva_level_finalize (GObject *object)
{
  VivaLevel *self = (VivaLevel *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (viva_level_parent_class)->finalize (object);
}

static void
viva_level_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  VivaLevel *self = VIVA_LEVEL (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      g_value_set_uint (value, self->number);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_N_QUESTIONS:
      g_value_set_uint (value, self->n_questions);
      break;

    case PROP_N_TOPICS:
      g_value_set_uint (value, self->n_topics);
      break;

    /* In VivaStatus order. */
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_level_class_init (VivaLevelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = viva_level_dispose;
  object_class->finalize = viva_level_finalize;
  object_class->get_property = viva_level_get_property;

  properties[PROP_NUMBER] =
    g_param_spec_uint ("number", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_QUESTIONS] =
    g_param_spec_uint ("n-questions", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_TOPICS] =
    g_param_spec_uint ("n-topics", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
viva_level_init (VivaLevel *self)
{
}

VivaLevel *
_viva_level_new (guint       number,
                 const char *name,
                 const char *title)
{
  VivaLevel *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (VIVA_TYPE_LEVEL, NULL);
  self->number = number;
  self->name = g_strdup (name);
  self->title = g_strdup (title);

  return self;
}

/* Called once by the parser, before anyone can observe the level.
 * @children holds a reference to each VivaTopic and VivaQuestion, in
 * document order. */
void
_viva_level_take_children (VivaLevel *self,
                           GPtrArray *children,
                           guint      n_topics,
                           guint      n_questions)
{
  g_return_if_fail (VIVA_IS_LEVEL (self));
  g_return_if_fail (children != NULL);
  g_return_if_fail (self->pending == NULL && self->children == NULL);

  self->pending = children;
  self->n_topics = n_topics;
  self->n_questions = n_questions;
}

guint
viva_level_get_number (VivaLevel *self)
{
  g_return_val_if_fail (VIVA_IS_LEVEL (self), 0);

  return self->number;
}

/* "Beginner" for "## Level 1: Beginner (Questions 1-200)". */
const char *
viva_level_get_name (VivaLevel *self)
{
  g_return_val_if_fail (VIVA_IS_LEVEL (self), NULL);

  return self->name;
}

/* "Level 1: Beginner". */
const char *
viva_level_get_title (VivaLevel *self)
{
  g_return_val_if_fail (VIVA_IS_LEVEL (self), NULL);

  return self->title;
}

/* The level's topics, and the questions that sit directly under the
 * level (levels without topics, or questions before the first topic), in
 * document order: a list of G_TYPE_OBJECT holding VivaTopic and
 * VivaQuestion items. */
GListModel *
viva_level_get_children (VivaLevel *self)
{
  g_return_val_if_fail (VIVA_IS_LEVEL (self), NULL);

  if (self->children == NULL)
    {
      /* Topics and questions side by side: G_TYPE_OBJECT is their common
       * item type. */
      self->children = g_list_store_new (G_TYPE_OBJECT);

      if (self->pending != NULL)
        {
          g_list_store_splice (self->children, 0, 0, self->pending->pdata, self->pending->len);
          g_clear_pointer (&self->pending, g_ptr_array_unref);
        }
    }

  return G_LIST_MODEL (self->children);
}

/* Every question of the level, including those of its topics, in bank
 * order. Built on first use: the sidebar only needs the children, and a
 * large bank should not pay for a second copy of every level up front. */
GListModel *
viva_level_get_questions (VivaLevel *self)
{
  g_return_val_if_fail (VIVA_IS_LEVEL (self), NULL);

  if (self->questions == NULL)
    {
      g_autoptr(GPtrArray) questions = g_ptr_array_sized_new (self->n_questions);
      GListModel *children = viva_level_get_children (self);
      guint n_children = g_list_model_get_n_items (children);

      for (guint i = 0; i < n_children; i++)
        {
          g_autoptr(GObject) child = g_list_model_get_item (children, i);

          if (VIVA_IS_TOPIC (child))
            {
              GListModel *topic_questions = viva_topic_get_questions (VIVA_TOPIC (child));
              guint n = g_list_model_get_n_items (topic_questions);

              for (guint j = 0; j < n; j++)
                {
                  /* The topic's store keeps the reference. */
                  g_autoptr(GObject) question = g_list_model_get_item (topic_questions, j);

                  g_ptr_array_add (questions, question);
                }
            }
          else
            {
              g_ptr_array_add (questions, child);
            }
        }

      self->questions = g_list_store_new (VIVA_TYPE_QUESTION);
      g_list_store_splice (self->questions, 0, 0, questions->pdata, questions->len);
    }

  return G_LIST_MODEL (self->questions);
}

guint
viva_level_get_n_topics (VivaLevel *self)
{
  g_return_val_if_fail (VIVA_IS_LEVEL (self), 0);

  return self->n_topics;
}

guint
viva_level_get_n_questions (VivaLevel *self)
{
  g_return_val_if_fail (VIVA_IS_LEVEL (self), 0);

  return self->n_questions;
}

/* How many of the level's questions have a note with text. */
/* How many of the level's questions have @status. */
