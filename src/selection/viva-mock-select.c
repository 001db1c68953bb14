/* viva-mock-select.c
 *
 * Drawing an interview's questions from a VivaMockSetup's choices:
 * which questions of a bank the chosen levels and topics hold, without
 * the Confident ones if asked, in bank order or shuffled by the seed,
 * and the time they add up to. Part of VivaMockSetup's API
 * (viva-mock-setup.h), kept apart from the choices themselves and how
 * they are remembered. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-bank.h"
#include "viva-level.h"
#include "viva-mock-setup.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-question.h"
#include "viva-topic.h"

static guint64
pick_seed (void)
{
  guint64 seed;

  do
    seed = ((guint64) g_random_int () << 32) | g_random_int ();
  while (seed == 0);

  return seed;
}

/* The levels and topics of @bank that the choice names, as sets of
 * pointers, so that each question is checked without building keys. */
static void
collect_chosen (VivaMockSetup *self,
                VivaBank      *bank,
                GHashTable    *chosen_levels,
                GHashTable    *chosen_topics)
{
  GListModel *levels = viva_bank_get_levels (bank);
  guint n_levels = g_list_model_get_n_items (levels);

  for (guint i = 0; i < n_levels; i++)
    {
      g_autoptr(VivaLevel) level = g_list_model_get_item (levels, i);
      GListModel *children = viva_level_get_children (level);
      guint number = viva_level_get_number (level);
      guint n_children = g_list_model_get_n_items (children);

      if (viva_mock_setup_get_level_chosen (self, number))
        {
          g_hash_table_add (chosen_levels, level);
          continue;
        }

      for (guint j = 0; j < n_children; j++)
        {
          g_autoptr(GObject) child = g_list_model_get_item (children, j);

          if (VIVA_IS_TOPIC (child) &&
              viva_mock_setup_get_topic_chosen (self, number, viva_topic_get_name (VIVA_TOPIC (child))))
            g_hash_table_add (chosen_topics, child);
        }
    }
}

static gboolean
is_confident (VivaNotesStore *notes,
              const char     *bank_id,
              VivaQuestion   *question)
{
  VivaNote *note;

  if (notes == NULL)
    return FALSE;

  note = viva_notes_store_lookup_note (notes, bank_id, viva_question_get_number (question));

  return note != NULL && viva_note_get_status (note) == VIVA_STATUS_CONFIDENT;
}

/* A partial Fisher-Yates shuffle: the first @n places get a uniform
 * random draw from the whole pool. It only uses GRand, whose Mersenne
 * Twister sequence GLib keeps stable, so a seed gives the same order on
 * every machine and in every version. */
static void
shuffle_head (GPtrArray *pool,
              guint      n,
              guint64    seed)
{
  guint32 seed_words[2] = { (guint32) (seed & 0xFFFFFFFF), (guint32) (seed >> 32) };
  g_autoptr(GRand) rand = g_rand_new_with_seed_array (seed_words, G_N_ELEMENTS (seed_words));

  for (guint i = 0; i < n && i + 1 < pool->len; i++)
    {
      guint j = (guint) g_rand_int_range (rand, (gint32) i, (gint32) pool->len);
      gpointer tmp = pool->pdata[i];

      pool->pdata[i] = pool->pdata[j];
      pool->pdata[j] = tmp;
    }
}

/**
 * viva_mock_setup_select:
 * @self: a #VivaMockSetup
 * @bank: the bank to draw from
 * @notes: (nullable): the notes, to leave out Confident questions
 * @out_seed: (out) (optional): the seed the random order used (the
 *   setup's, or a new one when it is 0), or 0 for bank order; keep it in
 *   the session, it gives the same questions again
 * @error: return location for a %VIVA_MOCK_SETUP_ERROR
 *
 * Picks the interview's questions: those of the chosen levels and topics,
 * less the Confident ones when asked, at most #VivaMockSetup:n-questions
 * of them, at random or the first ones in bank order. The same seed,
 * bank, choice and notes give the same list.
 *
 * Returns: (transfer full) (element-type VivaQuestion): the questions in
 *   the order to ask them, never empty; %NULL with @error set when none
 *   is left
 */
GPtrArray *
viva_mock_setup_select (VivaMockSetup   *self,
                        VivaBank        *bank,
                        VivaNotesStore  *notes,
                        guint64         *out_seed,
                        GError         **error)
{
  return viva_mock_setup_select_excluding (self, bank, notes, NULL, out_seed, error);
}

/**
 * viva_mock_setup_select_excluding:
 * @self: a #VivaMockSetup
 * @bank: the bank to draw from
 * @notes: (nullable): the notes, to leave out Confident questions
 * @excluded: (nullable) (element-type guint guint): question numbers
 *   (GUINT_TO_POINTER) to leave out, such as those an interview plan
 *   already has
 * @out_seed: (out) (optional): as viva_mock_setup_select()
 * @error: return location for a %VIVA_MOCK_SETUP_ERROR
 *
 * As viva_mock_setup_select(), drawing only from the questions that are
 * not in @excluded, so that a plan can be topped up without asking a
 * question twice and without coming up short while enough are left.
 *
 * Returns: (transfer full) (element-type VivaQuestion): the questions,
 *   never empty; %NULL with @error set when none is left
 */
GPtrArray *
viva_mock_setup_select_excluding (VivaMockSetup   *self,
                                  VivaBank        *bank,
                                  VivaNotesStore  *notes,
                                  GHashTable      *excluded,
                                  guint64         *out_seed,
                                  GError         **error)
{
  g_autoptr(GHashTable) chosen_levels = NULL;
  g_autoptr(GHashTable) chosen_topics = NULL;
  g_autoptr(GPtrArray) pool = NULL;
  GListModel *questions;
  const char *bank_id;
  gboolean everything;
  guint n_questions;
  guint n_in_choice = 0;
  guint n_excluded = 0;
  guint64 seed = 0;

  g_return_val_if_fail (VIVA_IS_MOCK_SETUP (self), NULL);
  g_return_val_if_fail (VIVA_IS_BANK (bank), NULL);
  g_return_val_if_fail (notes == NULL || VIVA_IS_NOTES_STORE (notes), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_seed != NULL)
    *out_seed = 0;

  bank_id = viva_bank_get_id (bank);
  questions = viva_bank_get_questions (bank);
  n_questions = g_list_model_get_n_items (questions);
  everything = viva_mock_setup_get_chosen (self)[0] == NULL;

  chosen_levels = g_hash_table_new (NULL, NULL);
  chosen_topics = g_hash_table_new (NULL, NULL);
  if (!everything)
    collect_chosen (self, bank, chosen_levels, chosen_topics);

  pool = g_ptr_array_new_full (MIN (n_questions, 4096), g_object_unref);

  for (guint i = 0; i < n_questions; i++)
    {
      g_autoptr(VivaQuestion) question = g_list_model_get_item (questions, i);

      if (!everything &&
          !g_hash_table_contains (chosen_levels, viva_question_get_level (question)) &&
          !g_hash_table_contains (chosen_topics, viva_question_get_topic (question)))
        continue;

      n_in_choice++;

      if (excluded != NULL &&
          g_hash_table_contains (excluded, GUINT_TO_POINTER (viva_question_get_number (question))))
        {
          n_excluded++;
          continue;
        }

      if (viva_mock_setup_get_skip_confident (self) && is_confident (notes, bank_id, question))
        continue;

      g_ptr_array_add (pool, g_steal_pointer (&question));
    }

  if (pool->len == 0)
    {
      if (n_questions == 0)
        g_set_error_literal (error, VIVA_MOCK_SETUP_ERROR, VIVA_MOCK_SETUP_ERROR_NO_QUESTIONS,
                             _("No questions match: the bank has no questions"));
      else if (n_in_choice == 0)
        g_set_error_literal (error, VIVA_MOCK_SETUP_ERROR, VIVA_MOCK_SETUP_ERROR_NO_QUESTIONS,
                             _("No questions match: none of the chosen levels and topics are in this bank"));
      else if (n_excluded == n_in_choice)
        g_set_error_literal (error, VIVA_MOCK_SETUP_ERROR, VIVA_MOCK_SETUP_ERROR_NO_QUESTIONS,
                             everything
                             ? _("No questions left: all of them were chosen already")
                             : _("No questions left: all questions of the chosen levels and topics were chosen already"));
      else if (everything)
        g_set_error_literal (error, VIVA_MOCK_SETUP_ERROR, VIVA_MOCK_SETUP_ERROR_NO_QUESTIONS,
                             _("No questions match: all of them are marked Confident"));
      else
        g_set_error_literal (error, VIVA_MOCK_SETUP_ERROR, VIVA_MOCK_SETUP_ERROR_NO_QUESTIONS,
                             _("No questions match: all questions of the chosen levels and topics are marked Confident"));
      return NULL;
    }

  if (viva_mock_setup_get_random_order (self))
    {
      seed = viva_mock_setup_get_seed (self) != 0 ? viva_mock_setup_get_seed (self) : pick_seed ();
      shuffle_head (pool, viva_mock_setup_get_n_questions (self), seed);
    }

  if (pool->len > viva_mock_setup_get_n_questions (self))
    g_ptr_array_set_size (pool, viva_mock_setup_get_n_questions (self));

  if (out_seed != NULL)
    *out_seed = seed;

  return g_steal_pointer (&pool);
}

/**
 * viva_mock_setup_total_budget:
 * @self: a #VivaMockSetup
 * @questions: (element-type VivaQuestion) (nullable): the selection
 *
 * The total that the setup page shows: the sum of the questions' level
 * budgets, or the single budget in %VIVA_MOCK_BUDGET_TOTAL mode.
 *
 * Returns: microseconds
 */
gint64
viva_mock_setup_total_budget (VivaMockSetup *self,
                              GPtrArray     *questions)
{
  gint64 total = 0;

  g_return_val_if_fail (VIVA_IS_MOCK_SETUP (self), 0);

  if (viva_mock_setup_get_budget_mode (self) == VIVA_MOCK_BUDGET_TOTAL)
    return viva_mock_setup_get_total_budget (self);

  for (guint i = 0; questions != NULL && i < questions->len; i++)
    {
      VivaQuestion *question = g_ptr_array_index (questions, i);

      total += viva_mock_setup_get_budget_for_level (self, viva_level_get_number (viva_question_get_level (question)));
    }

  return total;
}
