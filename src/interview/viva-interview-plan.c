/* viva-interview-plan.c
 *
 * A VivaInterview's questions: the plan, in order, as the object's
 * GListModel of VivaInterviewItem; adding, moving and removing them
 * while the interview is open; and each one's budget, notes, rating
 * and time. The other two thirds of the object are viva-interview.c
 * (the interview and its fields) and viva-interview-run.c (its clock).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-interview-private.h"
#include "viva-question.h"

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      if (!g_ascii_isspace (*p))
        return FALSE;
    }

  return TRUE;
}


/* The plan */

guint
viva_interview_get_n_items (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), 0);

  return self->items->len;
}

/**
 * viva_interview_get_item:
 *
 * Returns: (transfer none): the item, valid until the plan changes
 */
VivaInterviewItem *
viva_interview_get_item (VivaInterview *self,
                         guint          index)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);

  return _viva_interview_get_item_at (self, index);
}

/**
 * viva_interview_contains:
 * @number: a bank question number, not 0
 *
 * Returns: whether that bank question is in the plan
 */
gboolean
viva_interview_contains (VivaInterview *self,
                         guint          number)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  if (number == 0)
    return FALSE;

  for (guint i = 0; i < self->items->len; i++)
    {
      if (viva_interview_item_get_number (_viva_interview_get_item_at (self, i)) == number)
        return TRUE;
    }

  return FALSE;
}

static gboolean
check_plan_editable (VivaInterview  *self,
                     GError        **error)
{
  if (self->read_only || self->state == VIVA_INTERVIEW_STATE_FINISHED)
    {
      g_set_error_literal (error, VIVA_INTERVIEW_ERROR, VIVA_INTERVIEW_ERROR_READ_ONLY,
                           self->read_only
                           ? _("This interview cannot be changed")
                           : _("The interview is over: its questions cannot be changed"));
      return FALSE;
    }

  return TRUE;
}

/**
 * viva_interview_get_plan_editable:
 *
 * Whether the questions can be added, moved, removed or given a budget:
 * the interview is neither read-only nor over.
 */
gboolean
viva_interview_get_plan_editable (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  return check_plan_editable (self, NULL);
}

static void
notify_plan (VivaInterview *self,
             guint          position,
             guint          removed,
             guint          added,
             guint          old_current)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    _viva_interview_notify_n_items (self);
  if (self->current != old_current)
    _viva_interview_notify_current (self);
  _viva_interview_emit_changed (self);
}

/**
 * viva_interview_insert:
 * @index: where, 0 to the number of items
 * @number: the question's number in its bank, or 0 for a question of
 *   the interviewer's own
 * @text: the question as plain text, not empty; copied, cut at
 *   %VIVA_INTERVIEW_QUESTION_MAX_SIZE
 * @budget: its time budget in microseconds, 0 for none
 *
 * Adds a question to the plan. A bank question can be planned once
 * only: asking the same question twice is a mistake in the plan, and
 * its notes and rating would be ambiguous in the report. The
 * interviewer's own questions (number 0) can repeat. The current
 * question stays the same question.
 *
 * Returns: %FALSE with @error set when refused (read-only or finished,
 *   %VIVA_INTERVIEW_MAX_ITEMS reached, duplicate, empty text)
 */
gboolean
viva_interview_insert (VivaInterview  *self,
                       guint           index,
                       guint           number,
                       const char     *text,
                       gint64          budget,
                       GError        **error)
{
  g_autofree char *bounded = NULL;
  guint old_current;

  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);
  g_return_val_if_fail (index <= self->items->len, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_plan_editable (self, error))
    return FALSE;

  if (self->items->len >= VIVA_INTERVIEW_MAX_ITEMS)
    {
      g_set_error (error, VIVA_INTERVIEW_ERROR, VIVA_INTERVIEW_ERROR_FULL,
                   ngettext ("An interview has at most %u question",
                             "An interview has at most %u questions",
                             VIVA_INTERVIEW_MAX_ITEMS),
                   VIVA_INTERVIEW_MAX_ITEMS);
      return FALSE;
    }

  if (viva_interview_contains (self, number))
    {
      g_set_error (error, VIVA_INTERVIEW_ERROR, VIVA_INTERVIEW_ERROR_DUPLICATE,
                   _("Question %u is already planned"), number);
      return FALSE;
    }

  if (is_blank (text) ||
      budget < 0 || budget > VIVA_INTERVIEW_DURATION_MAX)
    {
      g_set_error_literal (error, VIVA_INTERVIEW_ERROR, VIVA_INTERVIEW_ERROR_INVALID,
                           _("A question needs a text"));
      return FALSE;
    }

  _viva_interview_settle (self);
  old_current = self->current;

  bounded = _viva_interview_dup_bounded (text, VIVA_INTERVIEW_QUESTION_MAX_SIZE);
  g_ptr_array_insert (self->items, index,
                      _viva_interview_item_new (number, bounded, budget, 0, "", NULL, VIVA_INTERVIEW_RATING_NONE));

  if (self->items->len > 1 && index <= self->current)
    self->current++;

  notify_plan (self, index, 0, 1, old_current);

  return TRUE;
}

gboolean
viva_interview_append (VivaInterview  *self,
                       guint           number,
                       const char     *text,
                       gint64          budget,
                       GError        **error)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  return viva_interview_insert (self, self->items->len, number, text, budget, error);
}

/**
 * viva_interview_append_question:
 * @question: a question of a bank; its number and text are copied
 *
 * As viva_interview_append().
 */
gboolean
viva_interview_append_question (VivaInterview  *self,
                                VivaQuestion   *question,
                                gint64          budget,
                                GError        **error)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);
  g_return_val_if_fail (VIVA_IS_QUESTION (question), FALSE);

  return viva_interview_append (self,
                                viva_question_get_number (question),
                                viva_question_get_text (question),
                                budget, error);
}

/**
 * viva_interview_move:
 * @from: the index of an item
 * @to: its new index
 *
 * Returns: %FALSE when refused (read-only or finished, out of range)
 */
gboolean
viva_interview_move (VivaInterview *self,
                     guint          from,
                     guint          to)
{
  VivaInterviewItem *item;
  guint old_current;

  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  if (!check_plan_editable (self, NULL) || from >= self->items->len || to >= self->items->len)
    return FALSE;

  if (from == to)
    return TRUE;

  _viva_interview_settle (self);
  old_current = self->current;

  item = g_ptr_array_steal_index (self->items, from);
  g_ptr_array_insert (self->items, to, item);

  if (self->current == from)
    self->current = to;
  else if (from < self->current && self->current <= to)
    self->current--;
  else if (to <= self->current && self->current < from)
    self->current++;

  notify_plan (self, MIN (from, to), MAX (from, to) - MIN (from, to) + 1,
               MAX (from, to) - MIN (from, to) + 1, old_current);

  return TRUE;
}

/**
 * viva_interview_remove:
 * @index: the index of an item
 *
 * Removes a question with its notes. When it was the current one, the
 * next one (or the last) becomes current.
 *
 * Returns: %FALSE when refused (read-only or finished, out of range)
 */
gboolean
viva_interview_remove (VivaInterview *self,
                       guint          index)
{
  guint old_current;

  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  if (!check_plan_editable (self, NULL) || index >= self->items->len)
    return FALSE;

  _viva_interview_settle (self);
  old_current = self->current;

  g_ptr_array_remove_index (self->items, index);

  if (index < self->current)
    self->current--;
  else if (self->current >= self->items->len)
    self->current = self->items->len > 0 ? self->items->len - 1 : 0;

  notify_plan (self, index, 1, 0, old_current);

  return TRUE;
}

/* Items */

gboolean
viva_interview_set_item_budget (VivaInterview *self,
                                guint          index,
                                gint64         budget)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  if (!check_plan_editable (self, NULL) || index >= self->items->len ||
      budget < 0 || budget > VIVA_INTERVIEW_DURATION_MAX)
    return FALSE;

  if (_viva_interview_item_set_budget (_viva_interview_get_item_at (self, index), budget))
    _viva_interview_emit_item_changed (self, index);

  return TRUE;
}

/**
 * viva_interview_set_item_notes:
 * @notes: the notes as they are; see viva_interview_stamp_item_notes()
 *   to stamp them as typed
 *
 * Notes can be edited in every state, even after the interview.
 *
 * Returns: %FALSE when refused (read-only, out of range, not UTF-8,
 *   longer than %VIVA_INTERVIEW_TEXT_MAX_SIZE)
 */
gboolean
viva_interview_set_item_notes (VivaInterview *self,
                               guint          index,
                               const char    *notes)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  if (notes == NULL)
    notes = "";

  if (self->read_only || index >= self->items->len ||
      !_viva_interview_text_is_acceptable (notes, VIVA_INTERVIEW_TEXT_MAX_SIZE))
    return FALSE;

  if (_viva_interview_item_set_notes (_viva_interview_get_item_at (self, index), notes))
    _viva_interview_emit_item_changed (self, index);

  return TRUE;
}

/**
 * viva_interview_set_item_code:
 * @code: (nullable): the code typed in the code pad for item @index;
 *   %NULL when the pad was not used for it
 *
 * Keeps the pad's code in the interview, and so in its file, in every
 * state, as the notes.
 *
 * Returns: %FALSE when refused (read-only, out of range, not UTF-8,
 *   longer than %VIVA_INTERVIEW_TEXT_MAX_SIZE)
 */
gboolean
viva_interview_set_item_code (VivaInterview *self,
                              guint          index,
                              const char    *code)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  if (self->read_only || index >= self->items->len ||
      (code != NULL && !_viva_interview_text_is_acceptable (code, VIVA_INTERVIEW_TEXT_MAX_SIZE)))
    return FALSE;

  if (_viva_interview_item_set_code (_viva_interview_get_item_at (self, index), code))
    _viva_interview_emit_item_changed (self, index);

  return TRUE;
}

/**
 * viva_interview_get_has_code:
 *
 * Returns: whether some item has code from the code pad, which only
 *   version 2 of the interview file holds
 */
gboolean
viva_interview_get_has_code (VivaInterview *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  for (guint i = 0; i < self->items->len; i++)
    {
      if (viva_interview_item_get_code (_viva_interview_get_item_at (self, i)) != NULL)
        return TRUE;
    }

  return FALSE;
}

/**
 * viva_interview_stamp_item_notes:
 * @new_notes: the notes as the interviewer just left them
 *
 * Sets the notes of item @index to @new_notes with every new or
 * changed paragraph stamped with the time into the interview (see
 * viva_interview_stamp_paragraphs()), once the interview has started;
 * before, the notes are set as they are. For a caller that replaces the
 * whole text; a text view keeps its cursor better by inserting the
 * stamps itself from viva_interview_stamp_paragraphs_full().
 *
 * Returns: as viva_interview_set_item_notes()
 */
gboolean
viva_interview_stamp_item_notes (VivaInterview *self,
                                 guint          index,
                                 const char    *new_notes)
{
  g_autofree char *stamped = NULL;

  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  if (index >= self->items->len || new_notes == NULL ||
      !g_utf8_validate (new_notes, -1, NULL))
    return FALSE;

  /* Notes prepared before the interview have no time to carry. */
  if (self->state != VIVA_INTERVIEW_STATE_PLANNED)
    stamped = viva_interview_stamp_paragraphs (viva_interview_item_get_notes (_viva_interview_get_item_at (self, index)), new_notes,
                                               viva_interview_get_elapsed (self));

  return viva_interview_set_item_notes (self, index, stamped != NULL ? stamped : new_notes);
}

gboolean
viva_interview_set_item_rating (VivaInterview       *self,
                                guint                index,
                                VivaInterviewRating  rating)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);
  g_return_val_if_fail (rating < VIVA_INTERVIEW_N_RATINGS, FALSE);

  if (self->read_only || index >= self->items->len)
    return FALSE;

  if (_viva_interview_item_set_rating (_viva_interview_get_item_at (self, index), rating))
    _viva_interview_emit_item_changed (self, index);

  return TRUE;
}

/**
 * viva_interview_set_item_spent:
 * @spent: microseconds
 *
 * Corrects the time spent on a question (the clock counts it by
 * itself). Not while the interview runs.
 */
gboolean
viva_interview_set_item_spent (VivaInterview *self,
                               guint          index,
                               gint64         spent)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW (self), FALSE);

  if (self->read_only || index >= self->items->len ||
      self->state == VIVA_INTERVIEW_STATE_RUNNING ||
      spent < 0 || spent > VIVA_INTERVIEW_DURATION_MAX)
    return FALSE;

  if (_viva_interview_item_set_spent (_viva_interview_get_item_at (self, index), spent))
    _viva_interview_emit_item_changed (self, index);

  return TRUE;
}


/* GListModel: the plan's items, in order. */

static GType
viva_interview_get_item_type (GListModel *model)
{
  return VIVA_TYPE_INTERVIEW_ITEM;
}

static guint
viva_interview_list_get_n_items (GListModel *model)
{
  return VIVA_INTERVIEW (model)->items->len;
}

static gpointer
viva_interview_list_get_item (GListModel *model,
                              guint       position)
{
  VivaInterview *self = VIVA_INTERVIEW (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (_viva_interview_get_item_at (self, position));
}

void
_viva_interview_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = viva_interview_get_item_type;
  iface->get_n_items = viva_interview_list_get_n_items;
  iface->get_item = viva_interview_list_get_item;
}
