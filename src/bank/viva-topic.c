/* viva-topic.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-bank-private.h"

struct _VivaTopic
{
  GObject     parent_instance;

  /* Owned. The questions wait in an array until someone asks for the
   * list: most topics of a large bank are never expanded, and filling a
   * GListStore costs more than the array. */
  char       *name;
  GPtrArray  *pending;
  GListStore *questions;

  /* Borrowed: the level owns its topics. Cleared by _viva_topic_detach()
   * when the bank goes away. */
  VivaLevel  *level;

  guint       n_questions;
  /* By VivaStatus: how many questions the user marked so. */
};

G_DEFINE_FINAL_TYPE (VivaTopic, viva_topic, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_LEVEL,
  PROP_N_QUESTIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
viva_topic_dispose (GObject *object)
{
  VivaTopic *self = (VivaTopic *)object;

  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_object (&self->questions);

  G_OBJECT_CLASS (viva_topic_parent_class)->dispose (object);
}

static void
viva_topic_finalize (GObject *object)
{
  VivaTopic *self = (VivaTopic *)object;

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (viva_topic_parent_class)->finalize (object);
}

static void
viva_topic_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  VivaTopic *self = VIVA_TOPIC (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_LEVEL:
      g_value_set_object (value, self->level);
      break;

    case PROP_N_QUESTIONS:
      g_value_set_uint (value, self->n_questions);
      break;

    /* In VivaStatus order. */
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_topic_class_init (VivaTopicClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = viva_topic_dispose;
  object_class->finalize = viva_topic_finalize;
  object_class->get_property = viva_topic_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LEVEL] =
    g_param_spec_object ("level", NULL, NULL,
                         VIVA_TYPE_LEVEL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_QUESTIONS] =
    g_param_spec_uint ("n-questions", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
viva_topic_init (VivaTopic *self)
{
}

VivaTopic *
_viva_topic_new (const char *name,
                 VivaLevel  *level)
{
  VivaTopic *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (VIVA_IS_LEVEL (level), NULL);

  self = g_object_new (VIVA_TYPE_TOPIC, NULL);
  self->name = g_strdup (name);
  self->level = level;

  return self;
}

/* Called once by the parser, before anyone can observe the topic.
 * @questions holds a reference to each question. */
void
_viva_topic_take_questions (VivaTopic *self,
                            GPtrArray *questions)
{
  g_return_if_fail (VIVA_IS_TOPIC (self));
  g_return_if_fail (questions != NULL);
  g_return_if_fail (self->pending == NULL && self->questions == NULL);

  self->pending = questions;
  self->n_questions = questions->len;
}

void
_viva_topic_detach (VivaTopic *self)
{
  g_return_if_fail (VIVA_IS_TOPIC (self));

  self->level = NULL;
}

const char *
viva_topic_get_name (VivaTopic *self)
{
  g_return_val_if_fail (VIVA_IS_TOPIC (self), NULL);

  return self->name;
}

/* NULL once the bank that holds the topic is gone. */
VivaLevel *
viva_topic_get_level (VivaTopic *self)
{
  g_return_val_if_fail (VIVA_IS_TOPIC (self), NULL);

  return self->level;
}

/* A list of VivaQuestion, in bank order. Like the rest of the bank, not
 * to be used from two threads at once. */
GListModel *
viva_topic_get_questions (VivaTopic *self)
{
  g_return_val_if_fail (VIVA_IS_TOPIC (self), NULL);

  if (self->questions == NULL)
    {
      self->questions = g_list_store_new (VIVA_TYPE_QUESTION);

      if (self->pending != NULL)
        {
          g_list_store_splice (self->questions, 0, 0, self->pending->pdata, self->pending->len);
          g_clear_pointer (&self->pending, g_ptr_array_unref);
        }
    }

  return G_LIST_MODEL (self->questions);
}

guint
viva_topic_get_n_questions (VivaTopic *self)
{
  g_return_val_if_fail (VIVA_IS_TOPIC (self), 0);

  return self->n_questions;
}

/* How many of the topic's questions have a note with text. */
/* How many of the topic's questions have @status. */
