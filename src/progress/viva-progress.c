/* viva-progress.c
 *
 * The study state of one bank for one notes store: per question (by
 * viva_question_get_position()) its status, star and whether it has
 * notes; per level and topic how many of its questions have notes and
 * have each status; and the whole bank's totals. It follows the notes
 * store, whatever changed a note (the study view, a mock interview
 * rating, Review, another copy of Viva), and says what changed with
 * "question-changed" and "group-changed", so that widgets showing a
 * question's marks or a level's counts follow at once. The bank itself
 * holds none of this: it is read-only.
 *
 * viva_progress_dup_for_bank() shares one per bank between the widgets
 * that show it (sidebar, progress page), so that a note change is
 * counted once.
 *
 * Costs: building one walks the bank's notes once; each change of a note
 * costs a few hash look-ups and counters, whatever the size of the bank.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "viva-bank.h"
#include "viva-level.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-progress.h"
#include "viva-question.h"
#include "viva-topic.h"

/* A level's or a topic's counts. */
typedef struct
{
  guint n_noted;
  guint n_status[3];
} GroupCounts;

enum {
  MARK_HAS_NOTE = 1 << 0,
  MARK_STARRED  = 1 << 1,
};

struct _VivaProgress
{
  GObject         parent_instance;

  /* Owned */
  VivaBank       *bank;
  VivaNotesStore *store;
  /* A VivaStatus per question, by viva_question_get_position(). */
  guint8         *status;
  /* MARK_* bits per question, by position. */
  guint8         *marks;
  /* VivaLevel or VivaTopic (unowned: the bank holds them) -> GroupCounts */
  GHashTable     *groups;
  /* Questions (the bank's) recounted when the notes were loaded, whose
   * "question-changed" is still to be said */
  GPtrArray      *unsaid;
  guint           unsaid_source;

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

enum {
  QUESTION_CHANGED,
  GROUP_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GQuark shared_quark;

/* Moves one question of @group from @from to @to and from @had_note to
 * @has_note; says so if that changed anything, or adds @group to
 * @changed_groups to say it later. */
static void
viva_progress_move_in_group (VivaProgress *self,
                             gpointer      group,
                             VivaStatus    from,
                             VivaStatus    to,
                             gboolean      had_note,
                             gboolean      has_note,
                             GHashTable   *changed_groups)
{
  GroupCounts *counts;

  if (group == NULL || (from == to && had_note == has_note))
    return;

  counts = g_hash_table_lookup (self->groups, group);
  if (counts == NULL)
    return;

  counts->n_status[from]--;
  counts->n_status[to]++;
  if (had_note != has_note)
    counts->n_noted += has_note ? 1 : -1;

  if (changed_groups != NULL)
    g_hash_table_add (changed_groups, group);
  else
    g_signal_emit (self, signals[GROUP_CHANGED], 0, group);
}

/* Counts @question as @note says. Returns %FALSE when that changed
 * nothing. The groups are told at once, or added to @changed_groups;
 * the question and the totals are for the caller to tell. */
static gboolean
viva_progress_set_state (VivaProgress *self,
                         VivaQuestion *question,
                         VivaNote     *note,
                         GHashTable   *changed_groups)
{
  guint position = viva_question_get_position (question);
  VivaStatus from = self->status[position];
  VivaStatus to = viva_note_get_status (note);
  guint8 old_marks = self->marks[position];
  guint8 marks = 0;
  gboolean had_note;
  gboolean has_note;

  if (viva_note_get_has_text (note))
    marks |= MARK_HAS_NOTE;
  if (viva_note_get_starred (note))
    marks |= MARK_STARRED;

  if (from == to && marks == old_marks)
    return FALSE;

  had_note = (old_marks & MARK_HAS_NOTE) != 0;
  has_note = (marks & MARK_HAS_NOTE) != 0;
  self->status[position] = to;
  self->marks[position] = marks;

  viva_progress_move_in_group (self, viva_question_get_topic (question), from, to, had_note, has_note, changed_groups);
  viva_progress_move_in_group (self, viva_question_get_level (question), from, to, had_note, has_note, changed_groups);

  self->n_status[from]--;
  self->n_status[to]++;

  return TRUE;
}

static void
viva_progress_apply (VivaProgress *self,
                     VivaQuestion *question,
                     VivaNote     *note)
{
  VivaStatus from = self->status[viva_question_get_position (question)];
  VivaStatus to = viva_note_get_status (note);

  if (!viva_progress_set_state (self, question, note, NULL))
    return;

  g_signal_emit (self, signals[QUESTION_CHANGED], 0, question);

  if (from == to)
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_NEW + from]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_NEW + to]);
}

/* Says "question-changed" for the questions recounted at load, a chunk
 * at a time: each is heard by every sidebar row (about 200), and 10,000
 * of them at once held the main loop for a third of a second. */
#define UNSAID_CHUNK 256

static gboolean
viva_progress_say_unsaid_cb (gpointer user_data)
{
  VivaProgress *self = user_data;
  guint n = MIN (self->unsaid->len, UNSAID_CHUNK);

  for (guint i = 0; i < n; i++)
    g_signal_emit (self, signals[QUESTION_CHANGED], 0, g_ptr_array_index (self->unsaid, i));
  g_ptr_array_remove_range (self->unsaid, 0, n);

  if (self->unsaid->len > 0)
    return G_SOURCE_CONTINUE;

  self->unsaid_source = 0;
  return G_SOURCE_REMOVE;
}

/* The notes store loaded its file while we counted (see
 * viva_notes_store_load_async()): its notes are counted now. The totals
 * and the groups (a few dozen) are told at once; the questions in idle
 * chunks. */
static void
viva_progress_store_loading_cb (VivaProgress   *self,
                                GParamSpec     *pspec,
                                VivaNotesStore *store)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GHashTable) changed_groups = NULL;
  guint old_status[G_N_ELEMENTS (self->n_status)];
  GHashTableIter iter;
  gpointer group;

  if (viva_notes_store_get_loading (store))
    return;

  memcpy (old_status, self->n_status, sizeof old_status);
  changed_groups = g_hash_table_new (NULL, NULL);

  notes = viva_notes_store_list_notes (store, viva_bank_get_id (self->bank));
  for (guint i = 0; i < notes->len; i++)
    {
      VivaNote *note = g_ptr_array_index (notes, i);
      VivaQuestion *question = viva_bank_lookup_question (self->bank, viva_note_get_number (note));

      if (question != NULL && viva_progress_set_state (self, question, note, changed_groups))
        g_ptr_array_add (self->unsaid, question);
    }

  g_hash_table_iter_init (&iter, changed_groups);
  while (g_hash_table_iter_next (&iter, &group, NULL))
    g_signal_emit (self, signals[GROUP_CHANGED], 0, group);

  for (guint i = 0; i < G_N_ELEMENTS (old_status); i++)
    {
      if (old_status[i] != self->n_status[i])
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_NEW + i]);
    }

  if (self->unsaid->len > 0 && self->unsaid_source == 0)
    self->unsaid_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, viva_progress_say_unsaid_cb, self, NULL);
}

static void
viva_progress_add_group (VivaProgress *self,
                         gpointer      group,
                         guint         n_questions)
{
  GroupCounts *counts = g_new0 (GroupCounts, 1);

  counts->n_status[VIVA_STATUS_NEW] = n_questions;
  g_hash_table_insert (self->groups, group, counts);
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
  GListModel *levels;
  guint n_questions;
  guint n_levels;

  G_OBJECT_CLASS (viva_progress_parent_class)->constructed (object);

  g_assert (VIVA_IS_BANK (self->bank));
  g_assert (VIVA_IS_NOTES_STORE (self->store));

  n_questions = viva_bank_get_n_questions (self->bank);
  self->status = g_new0 (guint8, MAX (n_questions, 1));
  self->marks = g_new0 (guint8, MAX (n_questions, 1));
  self->n_status[VIVA_STATUS_NEW] = n_questions;

  /* A few dozen levels and topics. */
  self->groups = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  levels = viva_bank_get_levels (self->bank);
  n_levels = g_list_model_get_n_items (levels);
  for (guint i = 0; i < n_levels; i++)
    {
      g_autoptr(VivaLevel) level = g_list_model_get_item (levels, i);
      GListModel *children = viva_level_get_children (level);
      guint n_children = g_list_model_get_n_items (children);

      viva_progress_add_group (self, level, viva_level_get_n_questions (level));
      for (guint j = 0; j < n_children && viva_level_get_n_topics (level) > 0; j++)
        {
          g_autoptr(GObject) child = g_list_model_get_item (children, j);

          if (VIVA_IS_TOPIC (child))
            viva_progress_add_group (self, child, viva_topic_get_n_questions (VIVA_TOPIC (child)));
        }
    }

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
  if (viva_notes_store_get_loading (self->store))
    g_signal_connect_object (self->store, "notify::loading",
                             G_CALLBACK (viva_progress_store_loading_cb),
                             self, G_CONNECT_SWAPPED);
}

static void
viva_progress_dispose (GObject *object)
{
  VivaProgress *self = (VivaProgress *)object;

  if (self->bank != NULL && g_object_get_qdata (G_OBJECT (self->bank), shared_quark) == self)
    g_object_set_qdata (G_OBJECT (self->bank), shared_quark, NULL);

  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->store, viva_progress_note_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->store, viva_progress_store_loading_cb, self);
    }
  g_clear_handle_id (&self->unsaid_source, g_source_remove);

  g_clear_object (&self->bank);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (viva_progress_parent_class)->dispose (object);
}

static void
viva_progress_finalize (GObject *object)
{
  VivaProgress *self = (VivaProgress *)object;

  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->marks, g_free);
  g_clear_pointer (&self->groups, g_hash_table_unref);
  g_clear_pointer (&self->unsaid, g_ptr_array_unref);

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

  /**
   * VivaProgress::question-changed:
   * @self: the progress
   * @question: the question whose status, star or notes changed
   */
  signals[QUESTION_CHANGED] =
    g_signal_new ("question-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL,
                  g_cclosure_marshal_VOID__OBJECT,
                  G_TYPE_NONE, 1, VIVA_TYPE_QUESTION);
  g_signal_set_va_marshaller (signals[QUESTION_CHANGED],
                              G_TYPE_FROM_CLASS (klass),
                              g_cclosure_marshal_VOID__OBJECTv);

  /**
   * VivaProgress::group-changed:
   * @self: the progress
   * @group: the #VivaLevel or #VivaTopic whose counts changed
   */
  signals[GROUP_CHANGED] =
    g_signal_new ("group-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL,
                  g_cclosure_marshal_VOID__OBJECT,
                  G_TYPE_NONE, 1, G_TYPE_OBJECT);
  g_signal_set_va_marshaller (signals[GROUP_CHANGED],
                              G_TYPE_FROM_CLASS (klass),
                              g_cclosure_marshal_VOID__OBJECTv);

  shared_quark = g_quark_from_static_string ("viva-progress-shared");
}

static void
viva_progress_init (VivaProgress *self)
{
  self->unsaid = g_ptr_array_new ();
}

/**
 * viva_progress_new:
 * @bank: a bank
 * @store: the user's notes
 *
 * Reads the study state of @bank's questions from the notes @store
 * has for it, and keeps it in step as they change. Widgets should share
 * one: viva_progress_dup_for_bank().
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

/**
 * viva_progress_dup_for_bank:
 * @bank: a bank
 * @store: the user's notes
 *
 * The study state of @bank from @store that every widget showing it
 * shares: the one made earlier if it is still alive, or a new one.
 *
 * Returns: (transfer full): the #VivaProgress of @bank and @store
 */
VivaProgress *
viva_progress_dup_for_bank (VivaBank       *bank,
                            VivaNotesStore *store)
{
  VivaProgress *shared;
  VivaProgress *self;

  g_return_val_if_fail (VIVA_IS_BANK (bank), NULL);
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (store), NULL);

  /* The class's quark exists once the type is. */
  g_type_ensure (VIVA_TYPE_PROGRESS);

  shared = g_object_get_qdata (G_OBJECT (bank), shared_quark);
  if (shared != NULL && shared->store == store)
    return g_object_ref (shared);

  self = viva_progress_new (bank, store);
  /* Unowned: the progress clears it when it goes. */
  if (shared == NULL)
    g_object_set_qdata (G_OBJECT (bank), shared_quark, self);

  return self;
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

static gboolean
viva_progress_check_question (VivaProgress *self,
                              VivaQuestion *question)
{
  /* Only this bank's questions have a place here. */
  return viva_question_get_position (question) < viva_bank_get_n_questions (self->bank) &&
         viva_bank_lookup_question (self->bank, viva_question_get_number (question)) == question;
}

gboolean
viva_progress_get_has_note (VivaProgress *self,
                            VivaQuestion *question)
{
  g_return_val_if_fail (VIVA_IS_PROGRESS (self), FALSE);
  g_return_val_if_fail (VIVA_IS_QUESTION (question), FALSE);
  g_return_val_if_fail (viva_progress_check_question (self, question), FALSE);

  return (self->marks[viva_question_get_position (question)] & MARK_HAS_NOTE) != 0;
}

gboolean
viva_progress_get_starred (VivaProgress *self,
                           VivaQuestion *question)
{
  g_return_val_if_fail (VIVA_IS_PROGRESS (self), FALSE);
  g_return_val_if_fail (VIVA_IS_QUESTION (question), FALSE);
  g_return_val_if_fail (viva_progress_check_question (self, question), FALSE);

  return (self->marks[viva_question_get_position (question)] & MARK_STARRED) != 0;
}

VivaStatus
viva_progress_get_status (VivaProgress *self,
                          VivaQuestion *question)
{
  g_return_val_if_fail (VIVA_IS_PROGRESS (self), VIVA_STATUS_NEW);
  g_return_val_if_fail (VIVA_IS_QUESTION (question), VIVA_STATUS_NEW);
  g_return_val_if_fail (viva_progress_check_question (self, question), VIVA_STATUS_NEW);

  return self->status[viva_question_get_position (question)];
}

static const GroupCounts *
viva_progress_lookup_group (VivaProgress *self,
                            gpointer      group)
{
  static const GroupCounts none = { 0, { 0, 0, 0 } };
  const GroupCounts *counts = g_hash_table_lookup (self->groups, group);

  return counts != NULL ? counts : &none;
}

/**
 * viva_progress_get_n_noted:
 * @self: a progress
 * @group: a #VivaLevel or #VivaTopic of the bank
 *
 * Returns: how many questions of @group have notes
 */
guint
viva_progress_get_n_noted (VivaProgress *self,
                           gpointer      group)
{
  g_return_val_if_fail (VIVA_IS_PROGRESS (self), 0);
  g_return_val_if_fail (VIVA_IS_LEVEL (group) || VIVA_IS_TOPIC (group), 0);

  return viva_progress_lookup_group (self, group)->n_noted;
}

static void
viva_progress_group_counts (VivaProgress       *self,
                            gpointer            group,
                            VivaProgressCounts *counts)
{
  const GroupCounts *group_counts = viva_progress_lookup_group (self, group);

  counts->n_new = group_counts->n_status[VIVA_STATUS_NEW];
  counts->n_learning = group_counts->n_status[VIVA_STATUS_LEARNING];
  counts->n_confident = group_counts->n_status[VIVA_STATUS_CONFIDENT];
}

void
viva_progress_counts_for_level (VivaProgress       *self,
                                VivaLevel          *level,
                                VivaProgressCounts *counts)
{
  g_return_if_fail (VIVA_IS_PROGRESS (self));
  g_return_if_fail (VIVA_IS_LEVEL (level));
  g_return_if_fail (counts != NULL);

  viva_progress_group_counts (self, level, counts);
}

void
viva_progress_counts_for_topic (VivaProgress       *self,
                                VivaTopic          *topic,
                                VivaProgressCounts *counts)
{
  g_return_if_fail (VIVA_IS_PROGRESS (self));
  g_return_if_fail (VIVA_IS_TOPIC (topic));
  g_return_if_fail (counts != NULL);

  viva_progress_group_counts (self, topic, counts);
}

/**
 * viva_progress_counts_outside_topics:
 * @self: a progress
 * @level: a level
 * @counts: (out caller-allocates): the counts
 *
 * Counts the questions of @level that are in none of its topics: all of
 * them for a level without topics, in constant time; otherwise the level
 * less its topics, a pass over the level's children.
 */
void
viva_progress_counts_outside_topics (VivaProgress       *self,
                                     VivaLevel          *level,
                                     VivaProgressCounts *counts)
{
  GListModel *children;
  guint n_children;

  g_return_if_fail (VIVA_IS_PROGRESS (self));
  g_return_if_fail (VIVA_IS_LEVEL (level));
  g_return_if_fail (counts != NULL);

  viva_progress_counts_for_level (self, level, counts);

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

      viva_progress_counts_for_topic (self, VIVA_TOPIC (child), &topic);
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
 * @self: a progress
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
viva_progress_find_next_to_study (VivaProgress *self,
                                  GListModel   *items)
{
  VivaQuestion *first = NULL;
  guint n_items;

  g_return_val_if_fail (VIVA_IS_PROGRESS (self), NULL);
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
      if (viva_progress_get_status (self, question) != VIVA_STATUS_CONFIDENT)
        return question;
    }

  return first;
}
