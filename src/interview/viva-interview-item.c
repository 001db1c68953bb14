/* viva-interview-item.c
 *
 * One question of an interview's plan, as the item of the interview's
 * #GListModel: its number in the bank (0 for a question of the
 * interviewer's own) and text, which never change, and its budget,
 * time spent, notes and rating, which notify when they do, and the code
 * typed in the live page's code pad for it (%NULL until the pad is
 * used for it). GTK-free.
 *
 * Items are read-only to everyone but their interview: it checks
 * read-only and finished, emits #VivaInterview::changed for autosave,
 * and is the only caller of the _viva_interview_item_set_*() functions
 * of viva-interview-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-interview-private.h"

struct _VivaInterviewItem
{
  GObject              parent_instance;

  /* Owned */
  char                *text;
  char                *notes;
  char                *code;           /* (nullable) */

  guint                number;
  gint64               budget;
  gint64               spent;
  VivaInterviewRating  rating;
};

G_DEFINE_FINAL_TYPE (VivaInterviewItem, viva_interview_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NUMBER,
  PROP_TEXT,
  PROP_BUDGET,
  PROP_SPENT,
  PROP_NOTES,
  PROP_RATING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
viva_interview_item_finalize (GObject *object)
{
  VivaInterviewItem *self = (VivaInterviewItem *)object;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->code, g_free);

  G_OBJECT_CLASS (viva_interview_item_parent_class)->finalize (object);
}

static void
viva_interview_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  VivaInterviewItem *self = VIVA_INTERVIEW_ITEM (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      g_value_set_uint (value, self->number);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_BUDGET:
      g_value_set_int64 (value, self->budget);
      break;

    case PROP_SPENT:
      g_value_set_int64 (value, self->spent);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    case PROP_RATING:
      g_value_set_enum (value, self->rating);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_interview_item_class_init (VivaInterviewItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  object_class->finalize = viva_interview_item_finalize;
  object_class->get_property = viva_interview_item_get_property;

  /**
   * VivaInterviewItem:number:
   *
   * The question's number in its bank, or 0 for a question of the
   * interviewer's own.
   */
  properties[PROP_NUMBER] = g_param_spec_uint ("number", NULL, NULL, 0, G_MAXUINT, 0, ro);
  /**
   * VivaInterviewItem:text:
   *
   * The question as plain text; never %NULL.
   */
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, "", ro);
  /**
   * VivaInterviewItem:budget:
   *
   * Its time budget in microseconds; 0 when it has none.
   */
  properties[PROP_BUDGET] =
    g_param_spec_int64 ("budget", NULL, NULL, 0, VIVA_INTERVIEW_DURATION_MAX, 0, ro);
  /**
   * VivaInterviewItem:spent:
   *
   * The time spent on it in microseconds, up to the interview's last
   * settling (a question change, a pause): see
   * viva_interview_get_item_elapsed() for the running figure.
   */
  properties[PROP_SPENT] =
    g_param_spec_int64 ("spent", NULL, NULL, 0, VIVA_INTERVIEW_DURATION_MAX, 0, ro);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, "", ro);
  properties[PROP_RATING] =
    g_param_spec_enum ("rating", NULL, NULL,
                       VIVA_TYPE_INTERVIEW_RATING, VIVA_INTERVIEW_RATING_NONE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
viva_interview_item_init (VivaInterviewItem *self)
{
}

/* For the interview: @text, @notes and @code as they are to be kept,
 * already validated and bounded. */
VivaInterviewItem *
_viva_interview_item_new (guint                number,
                          const char          *text,
                          gint64               budget,
                          gint64               spent,
                          const char          *notes,
                          const char          *code,
                          VivaInterviewRating  rating)
{
  VivaInterviewItem *self = g_object_new (VIVA_TYPE_INTERVIEW_ITEM, NULL);

  self->number = number;
  self->text = g_strdup (text != NULL ? text : "");
  self->budget = budget;
  self->spent = spent;
  self->notes = g_strdup (notes != NULL ? notes : "");
  self->code = g_strdup (code);
  self->rating = rating;

  return self;
}

guint
viva_interview_item_get_number (VivaInterviewItem *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_ITEM (self), 0);

  return self->number;
}

const char *
viva_interview_item_get_text (VivaInterviewItem *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_ITEM (self), NULL);

  return self->text;
}

gint64
viva_interview_item_get_budget (VivaInterviewItem *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_ITEM (self), 0);

  return self->budget;
}

gint64
viva_interview_item_get_spent (VivaInterviewItem *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_ITEM (self), 0);

  return self->spent;
}

const char *
viva_interview_item_get_notes (VivaInterviewItem *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_ITEM (self), NULL);

  return self->notes;
}

/**
 * viva_interview_item_get_code:
 *
 * Returns: (nullable): the code typed in the code pad for this
 *   question, kept in the interview file; %NULL when the pad was never
 *   used for it
 */
const char *
viva_interview_item_get_code (VivaInterviewItem *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_ITEM (self), NULL);

  return self->code;
}

VivaInterviewRating
viva_interview_item_get_rating (VivaInterviewItem *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_ITEM (self), VIVA_INTERVIEW_RATING_NONE);

  return self->rating;
}

/* The setters below are the interview's: each returns whether the value
 * changed, and notifies only then. */

gboolean
_viva_interview_item_set_budget (VivaInterviewItem *self,
                                 gint64             budget)
{
  g_assert (VIVA_IS_INTERVIEW_ITEM (self));

  if (self->budget == budget)
    return FALSE;

  self->budget = budget;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUDGET]);

  return TRUE;
}

gboolean
_viva_interview_item_set_spent (VivaInterviewItem *self,
                                gint64             spent)
{
  g_assert (VIVA_IS_INTERVIEW_ITEM (self));

  if (self->spent == spent)
    return FALSE;

  self->spent = spent;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPENT]);

  return TRUE;
}

gboolean
_viva_interview_item_set_notes (VivaInterviewItem *self,
                                const char        *notes)
{
  char *copy;

  g_assert (VIVA_IS_INTERVIEW_ITEM (self));
  g_assert (notes != NULL);

  if (strcmp (self->notes, notes) == 0)
    return FALSE;

  copy = g_strdup (notes);
  g_free (self->notes);
  self->notes = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);

  return TRUE;
}

gboolean
_viva_interview_item_set_code (VivaInterviewItem *self,
                               const char        *code)
{
  char *copy;

  g_assert (VIVA_IS_INTERVIEW_ITEM (self));

  if (g_strcmp0 (self->code, code) == 0)
    return FALSE;

  copy = g_strdup (code);
  g_free (self->code);
  self->code = copy;

  return TRUE;
}

gboolean
_viva_interview_item_set_rating (VivaInterviewItem   *self,
                                 VivaInterviewRating  rating)
{
  g_assert (VIVA_IS_INTERVIEW_ITEM (self));

  if (self->rating == rating)
    return FALSE;

  self->rating = rating;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATING]);

  return TRUE;
}
