/* viva-progress.c
 *
 * A bank's questions mirror the user's notes (viva_question_apply_note()),
 * and their levels and topics count them by status as they change. This
 * object keeps that mirror in step with the notes store, whatever changed
 * a note (the study view, a mock interview rating, Review, another copy
 * of Viva), and counts the whole bank.
 *
 * Costs: building one walks the bank's notes once; each change of a note
 * costs a hash look-up and a few counters, whatever the size of the bank.
 * It keeps its own status per question, by position, rather than reading
 * the question's mirror before applying the note: someone else may have
 * applied it first, and the totals must not depend on who did.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-bank.h"
#include "viva-level.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-progress.h"
#include "viva-question.h"
#include "viva-topic.h"

struct _VivaProgress
{
  GObject         parent_instance;

  /* Owned */
  VivaBank       *bank;
  VivaNotesStore *store;
  /* A VivaStatus per question, by viva_question_get_position(). */
  guint8         *status;

  guint           n_status[3];
};

G_DEFINE_FINAL_TYPE (VivaProgress, viva_progress, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BANK,
  PROP_NOTES_STORE,
  /* In VivaStatus order. */
  PROP_N_NEW,
  PROP_N_LEARNING,
  PROP_N_CONFIDENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
viva_progress_apply (VivaProgress *self,
                     VivaQuestion *question,
                     VivaNote     *note)
{
  guint position = viva_question_get_position (question);
  VivaStatus from = self->status[position];
  VivaStatus to = viva_note_get_status (note);

  viva_question_apply_note (question, note);

  if (from == to)
    return;

  self->status[position] = to;
  self->n_status[from]--;
  self->n_status[to]++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_NEW + from]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_NEW + to]);
}

static void
viva_progress_note_changed_cb (VivaProgress   *self,
                               VivaNote       *note,
                               VivaNotesStore *store)
{
  guint number = viva_note_get_number (note);
  VivaQuestion *question;

  /* The store's own look-up, rather than comparing ids: it knows how it
   * stores notes of a bank whose id is not a valid name. */
  if (viva_notes_store_lookup_note (store, viva_bank_get_id (self->bank), number) != note)
    return;

  question = viva_bank_lookup_question (self->bank, number);
  if (question != NULL)
    viva_progress_apply (self, question, note);
}

static void
viva_progress_constructed (GObject *object)
{
  VivaProgress *self = (VivaProgress *)object;
  g_autoptr(GPtrArray) notes = NULL;
  guint n_questions;

  G_OBJECT_CLASS (viva_progress_parent_class)->constructed (object);

  g_assert (VIVA_IS_BANK (self->bank));
  g_assert (VIVA_IS_NOTES_STORE (self->store));

  n_questions = viva_bank_get_n_questions (self->bank);
  self->status = g_new0 (guint8, MAX (n_questions, 1));
  self->n_status[VIVA_STATUS_NEW] = n_questions;

  /* Counting starts from "all new" and moves the questions that have a
   * note: a pass over the notes, not over the bank. */
  notes = viva_notes_store_list_notes (self->store, viva_bank_get_id (self->bank));
  for (guint i = 0; i < notes->len; i++)
    {
      VivaNote *note = g_ptr_array_index (notes, i);
      VivaQuestion *question = viva_bank_lookup_question (self->bank, viva_note_get_number (note));

      if (question != NULL)
        viva_progress_apply (self, question, note);
    }

  g_signal_connect_object (self->store, "note-changed",
                           G_CALLBACK (viva_progress_note_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
viva_progress_dispose (GObject *object)
{
  VivaProgress *self = (VivaProgress *)object;

  g_clear_object (&self->bank);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (viva_progress_parent_class)->dispose (object);
}

static void
viva_progress_finalize (GObject *object)
{
  VivaProgress *self = (VivaProgress *)object;

  g_clear_pointer (&self->status, g_free);

  G_OBJECT_CLASS (viva_progress_parent_class)->finalize (object);
}

static void
viva_progress_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  VivaProgress *self = VIVA_PROGRESS (object);

  switch (prop_id)
    {
    case PROP_BANK:
      g_value_set_object (value, self->bank);
      break;

    case PROP_NOTES_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_N_NEW:
    case PROP_N_LEARNING:
    case PROP_N_CONFIDENT:
      g_value_set_uint (value, self->n_status[prop_id - PROP_N_NEW]);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_progress_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  VivaProgress *self = VIVA_PROGRESS (object);

  switch (prop_id)
    {
    case PROP_BANK:
      self->bank = g_value_dup_object (value);
      break;

    case PROP_NOTES_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_progress_class_init (VivaProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = viva_progress_constructed;
  object_class->dispose = viva_progress_dispose;
  object_class->finalize = viva_progress_finalize;
  object_class->get_property = viva_progress_get_property;
  object_class->set_property = viva_progress_set_property;

  properties[PROP_BANK] =
    g_param_spec_object ("bank", NULL, NULL,
                         VIVA_TYPE_BANK,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NOTES_STORE] =
    g_param_spec_object ("notes-store", NULL, NULL,
                         VIVA_TYPE_NOTES_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_NEW] =
    g_param_spec_uint ("n-new", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_LEARNING] =
    g_param_spec_uint ("n-learning", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_CONFIDENT] =
    g_param_spec_uint ("n-confident", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
viva_progress_init (VivaProgress *self)
{
}

/**
 * viva_progress_new:
 * @bank: a bank
 * @store: the user's notes
 *
 * Applies the notes @store has for @bank to its questions, and keeps
 * them applied as they change.
 *
 * Returns: (transfer full): a new #VivaProgress
 */
VivaProgress *
viva_progress_new (VivaBank       *bank,
                   VivaNotesStore *store)
{
  g_return_val_if_fail (VIVA_IS_BANK (bank), NULL);
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (store), NULL);

  return g_object_new (VIVA_TYPE_PROGRESS,
                       "bank", bank,
                       "notes-store", store,
                       NULL);
}

VivaBank *
viva_progress_get_bank (VivaProgress *self)
{
  g_return_val_if_fail (VIVA_IS_PROGRESS (self), NULL);

  return self->bank;
}

VivaNotesStore *
viva_progress_get_notes_store (VivaProgress *self)
{
  g_return_val_if_fail (VIVA_IS_PROGRESS (self), NULL);

  return self->store;
}

/* The whole bank's questions, by status. */
void
viva_progress_get_counts (VivaProgress       *self,
                          VivaProgressCounts *counts)
{
  g_return_if_fail (VIVA_IS_PROGRESS (self));
  g_return_if_fail (counts != NULL);

  counts->n_new = self->n_status[VIVA_STATUS_NEW];
  counts->n_learning = self->n_status[VIVA_STATUS_LEARNING];
  counts->n_confident = self->n_status[VIVA_STATUS_CONFIDENT];
}

void
viva_progress_counts_for_level (VivaLevel          *level,
                                VivaProgressCounts *counts)
{
  g_return_if_fail (VIVA_IS_LEVEL (level));
  g_return_if_fail (counts != NULL);

  counts->n_new = viva_level_get_n_with_status (level, VIVA_STATUS_NEW);
  counts->n_learning = viva_level_get_n_with_status (level, VIVA_STATUS_LEARNING);
  counts->n_confident = viva_level_get_n_with_status (level, VIVA_STATUS_CONFIDENT);
}

void
viva_progress_counts_for_topic (VivaTopic          *topic,
                                VivaProgressCounts *counts)
{
  g_return_if_fail (VIVA_IS_TOPIC (topic));
  g_return_if_fail (counts != NULL);

  counts->n_new = viva_topic_get_n_with_status (topic, VIVA_STATUS_NEW);
  counts->n_learning = viva_topic_get_n_with_status (topic, VIVA_STATUS_LEARNING);
  counts->n_confident = viva_topic_get_n_with_status (topic, VIVA_STATUS_CONFIDENT);
}

/**
 * viva_progress_counts_outside_topics:
 * @level: a level
 * @counts: (out caller-allocates): the counts
 *
 * Counts the questions of @level that are in none of its topics: all of
 * them for a level without topics, in constant time; otherwise the level
 * less its topics, a pass over the level's children.
 */
void
viva_progress_counts_outside_topics (VivaLevel          *level,
                                     VivaProgressCounts *counts)
{
  GListModel *children;
  guint n_children;

  g_return_if_fail (VIVA_IS_LEVEL (level));
  g_return_if_fail (counts != NULL);

  viva_progress_counts_for_level (level, counts);

  if (viva_level_get_n_topics (level) == 0)
    return;

  children = viva_level_get_children (level);
  n_children = g_list_model_get_n_items (children);

  for (guint i = 0; i < n_children; i++)
    {
      g_autoptr(GObject) child = g_list_model_get_item (children, i);
      VivaProgressCounts topic;

      if (!VIVA_IS_TOPIC (child))
        continue;

      viva_progress_counts_for_topic (VIVA_TOPIC (child), &topic);
      counts->n_new -= topic.n_new;
      counts->n_learning -= topic.n_learning;
      counts->n_confident -= topic.n_confident;
    }
}

guint
viva_progress_counts_get_total (const VivaProgressCounts *counts)
{
  g_return_val_if_fail (counts != NULL, 0);

  return counts->n_new + counts->n_learning + counts->n_confident;
}

/**
 * viva_progress_counts_describe:
 * @counts: counts
 *
 * Says the counts in words, for accessible names and tooltips: the
 * numbers a bar shows in colour.
 *
 * Returns: (transfer full): "3 of 12 confident, 4 learning, 5 new"
 */
char *
viva_progress_counts_describe (const VivaProgressCounts *counts)
{
  g_return_val_if_fail (counts != NULL, NULL);

  /* Translators: how many questions of a level or topic are Confident,
   * Learning and New, e.g. "3 of 12 confident, 4 learning, 5 new". */
  return g_strdup_printf (_("%u of %u confident, %u learning, %u new"),
                          counts->n_confident, viva_progress_counts_get_total (counts),
                          counts->n_learning, counts->n_new);
}

/**
 * viva_progress_find_next_to_study:
 * @items: a list of questions, or of a level's children (topics are
 *   skipped, so a level's children give the questions outside its topics)
 *
 * What to study next in a level or topic: its first question, in bank
 * order, that is not Confident; its first question when all are.
 *
 * Returns: (transfer none) (nullable): the question, or %NULL when
 *   @items holds none
 */
VivaQuestion *
viva_progress_find_next_to_study (GListModel *items)
{
  VivaQuestion *first = NULL;
  guint n_items;

  g_return_val_if_fail (G_IS_LIST_MODEL (items), NULL);

  n_items = g_list_model_get_n_items (items);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);
      VivaQuestion *question;

      if (!VIVA_IS_QUESTION (item))
        continue;

      /* The list holds a reference to its items. */
      question = VIVA_QUESTION (item);
      if (first == NULL)
        first = question;
      if (viva_question_get_status (question) != VIVA_STATUS_CONFIDENT)
        return question;
    }

  return first;
}
