/* viva-interview-template.c
 *
 * An interview template: a name, a plan of questions with their budgets
 * and a total budget, to start interviews from. Its file,
 * interview-templates.json, is viva-interview-templates-file.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "viva-interview-private.h"
#include "viva-interview-store.h"
#include "viva-interview-template.h"

struct _VivaInterviewTemplate
{
  GObject  parent_instance;

  /* Owned */
  char    *name;
  GArray  *items;   /* (element-type VivaInterviewTemplateItem) */

  gint64   total_budget;
};

G_DEFINE_FINAL_TYPE (VivaInterviewTemplate, viva_interview_template, G_TYPE_OBJECT)

static void
item_clear (VivaInterviewTemplateItem *item)
{
  g_clear_pointer (&item->text, g_free);
}

static void
viva_interview_template_finalize (GObject *object)
{
  VivaInterviewTemplate *self = (VivaInterviewTemplate *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->items, g_array_unref);

  G_OBJECT_CLASS (viva_interview_template_parent_class)->finalize (object);
}

static void
viva_interview_template_class_init (VivaInterviewTemplateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = viva_interview_template_finalize;
}

static void
viva_interview_template_init (VivaInterviewTemplate *self)
{
  self->items = g_array_new (FALSE, TRUE, sizeof (VivaInterviewTemplateItem));
  g_array_set_clear_func (self->items, (GDestroyNotify) item_clear);
}

static gboolean
name_is_acceptable (const char *name)
{
  return name != NULL && name[0] != '\0' &&
         strlen (name) <= VIVA_INTERVIEW_NAME_MAX_SIZE &&
         g_utf8_validate (name, -1, NULL);
}

/**
 * viva_interview_templates_check_name:
 * @templates: (element-type VivaInterviewTemplate): the templates there are
 * @name: a name for a template, as it would be saved
 * @except: (nullable): the name of the template being renamed, which
 *   @name may repeat
 * @error: return location for why @name cannot be used
 *
 * Whether @name can name a template among @templates: not empty (nor
 * only spaces), not too long, and not another template's. The messages
 * are for the user, as they type.
 *
 * Returns: %TRUE if it can
 */
gboolean
viva_interview_templates_check_name (GPtrArray   *templates,
                                     const char  *name,
                                     const char  *except,
                                     GError     **error)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (templates != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  stripped = g_strstrip (g_strdup (name));
  if (stripped[0] == '\0')
    {
      g_set_error_literal (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_INVALID,
                           _("A template needs a name."));
      return FALSE;
    }

  if (!name_is_acceptable (name))
    {
      g_set_error (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_INVALID,
                   ngettext ("This name is too long: a template’s name has at most %u byte.",
                             "This name is too long: a template’s name has at most %u bytes.",
                             VIVA_INTERVIEW_NAME_MAX_SIZE),
                   (guint) VIVA_INTERVIEW_NAME_MAX_SIZE);
      return FALSE;
    }

  if (except != NULL && g_str_equal (name, except))
    return TRUE;

  for (guint i = 0; i < templates->len; i++)
    {
      VivaInterviewTemplate *other = g_ptr_array_index (templates, i);

      if (g_str_equal (other->name, name))
        {
          /* Translators: %s is the name typed for a template. */
          g_set_error (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_EXISTS,
                       _("There is already a template named “%s”."), name);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * viva_interview_template_new:
 * @name: what the interviewer calls it, not empty
 *
 * Returns: (transfer full): an empty template
 */
VivaInterviewTemplate *
viva_interview_template_new (const char *name)
{
  VivaInterviewTemplate *self;

  g_return_val_if_fail (name_is_acceptable (name), NULL);

  self = g_object_new (VIVA_TYPE_INTERVIEW_TEMPLATE, NULL);
  self->name = g_strdup (name);

  return self;
}

/**
 * viva_interview_template_new_from_interview:
 * @interview: an interview
 * @name: the template's name, not empty
 *
 * The plan of @interview (questions, budgets, total budget) without
 * anything about the candidate.
 *
 * Returns: (transfer full): a template
 */
VivaInterviewTemplate *
viva_interview_template_new_from_interview (VivaInterview *interview,
                                            const char    *name)
{
  VivaInterviewTemplate *self;

  g_return_val_if_fail (VIVA_IS_INTERVIEW (interview), NULL);
  g_return_val_if_fail (name_is_acceptable (name), NULL);

  self = viva_interview_template_new (name);
  self->total_budget = viva_interview_get_total_budget (interview);

  for (guint i = 0; i < viva_interview_get_n_items (interview); i++)
    {
      VivaInterviewItem *item = viva_interview_get_item (interview, i);
      VivaInterviewTemplateItem copy = { viva_interview_item_get_number (item),
                                         g_strdup (viva_interview_item_get_text (item)),
                                         viva_interview_item_get_budget (item) };

      g_array_append_val (self->items, copy);
    }

  return self;
}

const char *
viva_interview_template_get_name (VivaInterviewTemplate *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_TEMPLATE (self), NULL);

  return self->name;
}

gboolean
viva_interview_template_set_name (VivaInterviewTemplate *self,
                                  const char            *name)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_TEMPLATE (self), FALSE);

  if (!name_is_acceptable (name))
    return FALSE;

  g_free (self->name);
  self->name = g_strdup (name);

  return TRUE;
}

gint64
viva_interview_template_get_total_budget (VivaInterviewTemplate *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_TEMPLATE (self), 0);

  return self->total_budget;
}

gboolean
viva_interview_template_set_total_budget (VivaInterviewTemplate *self,
                                          gint64                 budget)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_TEMPLATE (self), FALSE);

  if (budget < 0 || budget > VIVA_INTERVIEW_DURATION_MAX)
    return FALSE;

  self->total_budget = budget;

  return TRUE;
}

guint
viva_interview_template_get_n_items (VivaInterviewTemplate *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_TEMPLATE (self), 0);

  return self->items->len;
}

const VivaInterviewTemplateItem *
viva_interview_template_get_item (VivaInterviewTemplate *self,
                                  guint                  index)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_TEMPLATE (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);

  return &g_array_index (self->items, VivaInterviewTemplateItem, index);
}

/**
 * viva_interview_template_append:
 *
 * As viva_interview_append(), with the same rules: at most
 * %VIVA_INTERVIEW_MAX_ITEMS, a bank question once, a text.
 */
gboolean
viva_interview_template_append (VivaInterviewTemplate  *self,
                                guint                   number,
                                const char             *text,
                                gint64                  budget,
                                GError                **error)
{
  VivaInterviewTemplateItem item;

  g_return_val_if_fail (VIVA_IS_INTERVIEW_TEMPLATE (self), FALSE);

  if (self->items->len >= VIVA_INTERVIEW_MAX_ITEMS)
    {
      g_set_error (error, VIVA_INTERVIEW_ERROR, VIVA_INTERVIEW_ERROR_FULL,
                   ngettext ("An interview has at most %u question",
                             "An interview has at most %u questions",
                             VIVA_INTERVIEW_MAX_ITEMS),
                   VIVA_INTERVIEW_MAX_ITEMS);
      return FALSE;
    }

  for (guint i = 0; number != 0 && i < self->items->len; i++)
    {
      if (g_array_index (self->items, VivaInterviewTemplateItem, i).number == number)
        {
          g_set_error (error, VIVA_INTERVIEW_ERROR, VIVA_INTERVIEW_ERROR_DUPLICATE,
                       _("Question %u is already planned"), number);
          return FALSE;
        }
    }

  if (text == NULL || text[0] == '\0' || budget < 0 || budget > VIVA_INTERVIEW_DURATION_MAX)
    {
      g_set_error_literal (error, VIVA_INTERVIEW_ERROR, VIVA_INTERVIEW_ERROR_INVALID,
                           _("A question needs a text"));
      return FALSE;
    }

  item.number = number;
  item.text = _viva_interview_dup_bounded (text, VIVA_INTERVIEW_QUESTION_MAX_SIZE);
  item.budget = budget;
  g_array_append_val (self->items, item);

  return TRUE;
}

/**
 * viva_interview_template_instantiate:
 * @clock: (nullable): for viva_interview_new()
 *
 * Returns: (transfer full): a new planned interview with this plan
 */
VivaInterview *
viva_interview_template_instantiate (VivaInterviewTemplate *self,
                                     VivaClock             *clock)
{
  VivaInterview *interview;

  g_return_val_if_fail (VIVA_IS_INTERVIEW_TEMPLATE (self), NULL);

  interview = viva_interview_new (clock);
  viva_interview_set_total_budget (interview, self->total_budget);

  for (guint i = 0; i < self->items->len; i++)
    {
      const VivaInterviewTemplateItem *item = &g_array_index (self->items, VivaInterviewTemplateItem, i);

      /* The template obeys the same rules, so this cannot fail. */
      if (!viva_interview_append (interview, item->number, item->text, item->budget, NULL))
        g_warn_if_reached ();
    }

  return interview;
}
