/* viva-mock-item.c
 *
 * One question of a mock interview, as the item of the session's
 * #GListModel: what was asked (number, level, topic and text, copied
 * from the bank so that a past session reads the same after the bank
 * changes) and its budget, which never change, and the time spent, the
 * skipped flag, the answer and the self-rating, which notify when they
 * do; and for a coding question, the code typed in its code pad, the
 * output of its last run and the results of its last Run Tests.
 * GTK-free.
 *
 * Items are read-only to everyone but their session: it checks
 * read-only, emits #VivaMockSession::changed for autosave, and is the
 * only caller of the _viva_mock_item_set_*() functions of
 * viva-mock-session-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-challenge.h"
#include "viva-mock-session-private.h"

struct _VivaMockItem
{
  GObject         parent_instance;

  /* Owned */
  char           *level_title;
  char           *topic_name;
  char           *question_text;
  char           *answer;
  char           *code;
  char           *output;
  VivaChallengeResults *test_results;

  guint           number;
  guint           level_number;
  gint64          budget;
  gint64          spent;
  VivaMockRating  rating;
  guint           skipped : 1;
};

G_DEFINE_FINAL_TYPE (VivaMockItem, viva_mock_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NUMBER,
  PROP_LEVEL_NUMBER,
  PROP_LEVEL_TITLE,
  PROP_TOPIC_NAME,
  PROP_QUESTION_TEXT,
  PROP_BUDGET,
  PROP_SPENT,
  PROP_SKIPPED,
  PROP_ANSWER,
  PROP_RATING,
  PROP_CODE,
  PROP_OUTPUT,
  PROP_TEST_RESULTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
viva_mock_item_finalize (GObject *object)
{
  VivaMockItem *self = (VivaMockItem *)object;

  g_clear_pointer (&self->level_title, g_free);
  g_clear_pointer (&self->topic_name, g_free);
  g_clear_pointer (&self->question_text, g_free);
  g_clear_pointer (&self->answer, g_free);
  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->output, g_free);
  g_clear_pointer (&self->test_results, viva_challenge_results_free);

  G_OBJECT_CLASS (viva_mock_item_parent_class)->finalize (object);
}

static void
viva_mock_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VivaMockItem *self = VIVA_MOCK_ITEM (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      g_value_set_uint (value, self->number);
      break;

    case PROP_LEVEL_NUMBER:
      g_value_set_uint (value, self->level_number);
      break;

    case PROP_LEVEL_TITLE:
      g_value_set_string (value, self->level_title);
      break;

    case PROP_TOPIC_NAME:
      g_value_set_string (value, self->topic_name);
      break;

    case PROP_QUESTION_TEXT:
      g_value_set_string (value, self->question_text);
      break;

    case PROP_BUDGET:
      g_value_set_int64 (value, self->budget);
      break;

    case PROP_SPENT:
      g_value_set_int64 (value, self->spent);
      break;

    case PROP_SKIPPED:
      g_value_set_boolean (value, self->skipped);
      break;

    case PROP_ANSWER:
      g_value_set_string (value, self->answer);
      break;

    case PROP_RATING:
      g_value_set_enum (value, self->rating);
      break;

    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;

    case PROP_OUTPUT:
      g_value_set_string (value, self->output);
      break;

    case PROP_TEST_RESULTS:
      g_value_set_boxed (value, self->test_results);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_mock_item_class_init (VivaMockItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  object_class->finalize = viva_mock_item_finalize;
  object_class->get_property = viva_mock_item_get_property;

  properties[PROP_NUMBER] = g_param_spec_uint ("number", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_LEVEL_NUMBER] = g_param_spec_uint ("level-number", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_LEVEL_TITLE] = g_param_spec_string ("level-title", NULL, NULL, NULL, ro);
  /**
   * VivaMockItem:topic-name:
   *
   * Its topic's name; %NULL for levels without topics.
   */
  properties[PROP_TOPIC_NAME] = g_param_spec_string ("topic-name", NULL, NULL, NULL, ro);
  properties[PROP_QUESTION_TEXT] = g_param_spec_string ("question-text", NULL, NULL, NULL, ro);
  /**
   * VivaMockItem:budget:
   *
   * Its budget in microseconds; 0 when there is none (the whole
   * interview has one budget).
   */
  properties[PROP_BUDGET] = g_param_spec_int64 ("budget", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_SPENT] = g_param_spec_int64 ("spent", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_SKIPPED] = g_param_spec_boolean ("skipped", NULL, NULL, FALSE, ro);
  /**
   * VivaMockItem:answer:
   *
   * What the user typed (Markdown); never %NULL.
   */
  properties[PROP_ANSWER] = g_param_spec_string ("answer", NULL, NULL, "", ro);
  properties[PROP_RATING] =
    g_param_spec_enum ("rating", NULL, NULL,
                       VIVA_TYPE_MOCK_RATING, VIVA_MOCK_RATING_NONE, ro);
  /**
   * VivaMockItem:code:
   *
   * The Python typed in the question's code pad; %NULL until the pad
   * was changed or run (it then holds the starter code, not kept).
   */
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, ro);
  /**
   * VivaMockItem:output:
   *
   * The output of the code's last run, as the pad showed it (cut to
   * %VIVA_MOCK_OUTPUT_MAX_SIZE); %NULL before any run.
   */
  properties[PROP_OUTPUT] = g_param_spec_string ("output", NULL, NULL, NULL, ro);
  /**
   * VivaMockItem:test-results:
   *
   * The results of the last Run Tests; %NULL before any.
   */
  properties[PROP_TEST_RESULTS] =
    g_param_spec_boxed ("test-results", NULL, NULL,
                        VIVA_TYPE_CHALLENGE_RESULTS, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
viva_mock_item_init (VivaMockItem *self)
{
}

/* For the session: copies @data, which is validated and bounded. */
VivaMockItem *
_viva_mock_item_new (const VivaMockItemData *data)
{
  VivaMockItem *self = g_object_new (VIVA_TYPE_MOCK_ITEM, NULL);

  self->number = data->number;
  self->level_number = data->level_number;
  self->level_title = g_strdup (data->level_title);
  self->topic_name = g_strdup (data->topic_name);
  self->question_text = g_strdup (data->question_text);
  self->budget = data->budget;
  self->spent = data->spent;
  self->skipped = !!data->skipped;
  self->answer = g_strdup (data->answer != NULL ? data->answer : "");
  self->rating = data->rating;
  self->code = g_strdup (data->code);
  self->output = g_strdup (data->output);
  self->test_results = data->test_results ? viva_challenge_results_copy (data->test_results) : NULL;

  return self;
}

guint
viva_mock_item_get_number (VivaMockItem *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_ITEM (self), 0);

  return self->number;
}

guint
viva_mock_item_get_level_number (VivaMockItem *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_ITEM (self), 0);

  return self->level_number;
}

const char *
viva_mock_item_get_level_title (VivaMockItem *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_ITEM (self), NULL);

  return self->level_title;
}

const char *
viva_mock_item_get_topic_name (VivaMockItem *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_ITEM (self), NULL);

  return self->topic_name;
}

const char *
viva_mock_item_get_question_text (VivaMockItem *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_ITEM (self), NULL);

  return self->question_text;
}

gint64
viva_mock_item_get_budget (VivaMockItem *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_ITEM (self), 0);

  return self->budget;
}

gint64
viva_mock_item_get_spent (VivaMockItem *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_ITEM (self), 0);

  return self->spent;
}

gboolean
viva_mock_item_get_skipped (VivaMockItem *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_ITEM (self), FALSE);

  return self->skipped;
}

const char *
viva_mock_item_get_answer (VivaMockItem *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_ITEM (self), NULL);

  return self->answer;
}

VivaMockRating
viva_mock_item_get_rating (VivaMockItem *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_ITEM (self), VIVA_MOCK_RATING_NONE);

  return self->rating;
}

/* (nullable) */
const char *
viva_mock_item_get_code (VivaMockItem *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_ITEM (self), NULL);

  return self->code;
}

/* (nullable) */
const char *
viva_mock_item_get_output (VivaMockItem *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_ITEM (self), NULL);

  return self->output;
}

/* (nullable) (transfer none) */
VivaChallengeResults *
viva_mock_item_get_test_results (VivaMockItem *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_ITEM (self), NULL);

  return self->test_results;
}

/* Whether the file keeps a code pad for it. */
gboolean
viva_mock_item_has_code (VivaMockItem *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_ITEM (self), FALSE);

  return self->code != NULL;
}

/* The setters below are the session's: each returns whether the value
 * changed, and notifies only then. */

gboolean
_viva_mock_item_set_spent (VivaMockItem *self,
                           gint64        spent)
{
  g_assert (VIVA_IS_MOCK_ITEM (self));

  if (self->spent == spent)
    return FALSE;

  self->spent = spent;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPENT]);

  return TRUE;
}

gboolean
_viva_mock_item_set_skipped (VivaMockItem *self,
                             gboolean      skipped)
{
  g_assert (VIVA_IS_MOCK_ITEM (self));

  skipped = !!skipped;
  if (self->skipped == (guint) skipped)
    return FALSE;

  self->skipped = skipped;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SKIPPED]);

  return TRUE;
}

gboolean
_viva_mock_item_set_answer (VivaMockItem *self,
                            const char   *answer)
{
  char *copy;

  g_assert (VIVA_IS_MOCK_ITEM (self));
  g_assert (answer != NULL);

  if (strcmp (self->answer, answer) == 0)
    return FALSE;

  copy = g_strdup (answer);
  g_free (self->answer);
  self->answer = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANSWER]);

  return TRUE;
}

gboolean
_viva_mock_item_set_rating (VivaMockItem   *self,
                            VivaMockRating  rating)
{
  g_assert (VIVA_IS_MOCK_ITEM (self));

  if (self->rating == rating)
    return FALSE;

  self->rating = rating;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATING]);

  return TRUE;
}

gboolean
_viva_mock_item_set_code (VivaMockItem *self,
                          const char   *code)
{
  char *copy;

  g_assert (VIVA_IS_MOCK_ITEM (self));

  if (g_strcmp0 (self->code, code) == 0)
    return FALSE;

  copy = g_strdup (code);
  g_free (self->code);
  self->code = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);

  return TRUE;
}

gboolean
_viva_mock_item_set_output (VivaMockItem *self,
                            const char   *output)
{
  char *copy;

  g_assert (VIVA_IS_MOCK_ITEM (self));

  if (g_strcmp0 (self->output, output) == 0)
    return FALSE;

  copy = g_strdup (output);
  g_free (self->output);
  self->output = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTPUT]);

  return TRUE;
}

/* Takes @results. Results are not compared: a new Run Tests is a new
 * result even when it came out the same. */
gboolean
_viva_mock_item_take_test_results (VivaMockItem         *self,
                                   VivaChallengeResults *results)
{
  g_assert (VIVA_IS_MOCK_ITEM (self));

  if (self->test_results == NULL && results == NULL)
    return FALSE;

  g_clear_pointer (&self->test_results, viva_challenge_results_free);
  self->test_results = results;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEST_RESULTS]);

  return TRUE;
}
