/* test-progress-counts.c
 *
 * The progress page's numbers: how many questions of the bank, of each
 * level and of each topic are New, Learning and Confident, from the
 * notes as they were loaded and as they change; and that counting as
 * notes change gives what counting afresh gives.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-test-bundled.h"

#include "viva-bank.h"
#include "viva-level.h"
#include "viva-note.h"
#include "viva-notes-store-private.h"
#include "viva-notes-store.h"
#include "viva-progress.h"
#include "viva-question.h"
#include "viva-topic.h"

/* The bundled bank and its notes (viva-test-bundled.c). */
typedef VivaTestBundled Fixture;

static void
set_status (Fixture    *f,
            guint       number,
            VivaStatus  status)
{
  viva_note_set_status (viva_notes_store_get_note (f->notes, VIVA_BUNDLED_BANK_ID, number), status);
}

static VivaLevel *
level_of (Fixture *f,
          guint    number)
{
  return viva_question_get_level (viva_bank_lookup_question (f->bank, number));
}

static VivaTopic *
topic_of (Fixture *f,
          guint    number)
{
  return viva_question_get_topic (viva_bank_lookup_question (f->bank, number));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

#define assert_counts(c, new_, learning, confident) \
  G_STMT_START { \
    g_assert_cmpuint ((c)->n_new, ==, (new_)); \
    g_assert_cmpuint ((c)->n_learning, ==, (learning)); \
    g_assert_cmpuint ((c)->n_confident, ==, (confident)); \
  } G_STMT_END

/* Notes written before the page opens, and after. */
static void
test_bundled_counts (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(VivaProgress) progress = NULL;
  g_autofree char *description = NULL;
  VivaProgressCounts counts;
  guint n_confident_notify = 0;

  /* Strings (Level 1, 36-60): two confident, one learning. */
  set_status (f, 42, VIVA_STATUS_CONFIDENT);
  set_status (f, 43, VIVA_STATUS_CONFIDENT);
  set_status (f, 44, VIVA_STATUS_LEARNING);
  /* Level 5 has no topics. */
  set_status (f, 801, VIVA_STATUS_LEARNING);
  /* A note for a question the bank does not have, and one for another
   * bank: neither counts. */
  set_status (f, 5000, VIVA_STATUS_CONFIDENT);
  viva_note_set_status (viva_notes_store_get_note (f->notes, "another-bank", 42), VIVA_STATUS_CONFIDENT);

  progress = viva_progress_new (f->bank, f->notes);

  viva_progress_get_counts (progress, &counts);
  assert_counts (&counts, 415 - 4, 2, 2);

  viva_progress_counts_for_level (progress, level_of (f, 42), &counts);
  assert_counts (&counts, 160 - 3, 1, 2);
  viva_progress_counts_for_topic (progress, topic_of (f, 42), &counts);
  assert_counts (&counts, 25 - 3, 1, 2);
  viva_progress_counts_for_topic (progress, topic_of (f, 1), &counts);
  assert_counts (&counts, 20, 0, 0);

  /* A level without topics: its questions are all "outside topics". */
  g_assert_null (topic_of (f, 801));
  viva_progress_counts_outside_topics (progress, level_of (f, 801), &counts);
  assert_counts (&counts, 24, 1, 0);
  /* A level with topics and no question outside them. */
  viva_progress_counts_outside_topics (progress, level_of (f, 42), &counts);
  assert_counts (&counts, 0, 0, 0);

  viva_progress_counts_for_topic (progress, topic_of (f, 42), &counts);
  description = viva_progress_counts_describe (&counts);
  g_assert_cmpstr (description, ==, "2 of 25 confident, 1 learning, 22 new");

  /* The question's own marks follow the notes. */
  g_assert_cmpint (viva_progress_get_status (progress, viva_bank_lookup_question (f->bank, 44)), ==, VIVA_STATUS_LEARNING);

  /* A change after the page opened, from anywhere: a mock interview's
   * rating goes through the same notes. */
  g_signal_connect (progress, "notify::n-confident", G_CALLBACK (count_notify), &n_confident_notify);
  set_status (f, 44, VIVA_STATUS_CONFIDENT);
  g_assert_cmpuint (n_confident_notify, ==, 1);
  viva_progress_get_counts (progress, &counts);
  assert_counts (&counts, 415 - 4, 1, 3);
  viva_progress_counts_for_topic (progress, topic_of (f, 42), &counts);
  assert_counts (&counts, 22, 0, 3);

  /* Text or star alone changes no count. */
  viva_note_set_text (viva_notes_store_get_note (f->notes, VIVA_BUNDLED_BANK_ID, 44), "Notes");
  viva_note_set_starred (viva_notes_store_get_note (f->notes, VIVA_BUNDLED_BANK_ID, 44), TRUE);
  g_assert_cmpuint (n_confident_notify, ==, 1);
  viva_progress_get_counts (progress, &counts);
  assert_counts (&counts, 415 - 4, 1, 3);

  /* Back to New. */
  set_status (f, 42, VIVA_STATUS_NEW);
  set_status (f, 43, VIVA_STATUS_NEW);
  viva_progress_counts_for_level (progress, level_of (f, 42), &counts);
  assert_counts (&counts, 159, 0, 1);
}

/* Counts from scratch, by looking up every question's note. */
static void
recount (Fixture            *f,
         VivaQuestion       *question,
         VivaProgressCounts *counts)
{
  VivaNote *note = viva_notes_store_lookup_note (f->notes, VIVA_BUNDLED_BANK_ID,
                                                 viva_question_get_number (question));
  VivaStatus status = note ? viva_note_get_status (note) : VIVA_STATUS_NEW;

  if (status == VIVA_STATUS_NEW)
    counts->n_new++;
  else if (status == VIVA_STATUS_LEARNING)
    counts->n_learning++;
  else
    counts->n_confident++;
}

static void
assert_same_counts (const VivaProgressCounts *a,
                    const VivaProgressCounts *b)
{
  g_assert_cmpuint (a->n_new, ==, b->n_new);
  g_assert_cmpuint (a->n_learning, ==, b->n_learning);
  g_assert_cmpuint (a->n_confident, ==, b->n_confident);
}

static void
assert_counts_match_recount (Fixture      *f,
                             VivaProgress *progress)
{
  g_autoptr(GHashTable) by_group = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  GListModel *questions = viva_bank_get_questions (f->bank);
  GListModel *levels = viva_bank_get_levels (f->bank);
  VivaProgressCounts total = { 0 };
  VivaProgressCounts counts;
  guint n_topics_seen = 0;

  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(VivaQuestion) question = g_list_model_get_item (questions, i);
      VivaTopic *topic = viva_question_get_topic (question);
      gpointer groups[] = { viva_question_get_level (question), topic };

      recount (f, question, &total);

      for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
        {
          VivaProgressCounts *group;

          if (groups[g] == NULL)
            continue;

          group = g_hash_table_lookup (by_group, groups[g]);
          if (group == NULL)
            {
              group = g_new0 (VivaProgressCounts, 1);
              g_hash_table_insert (by_group, groups[g], group);
            }
          recount (f, question, group);
        }
    }

  viva_progress_get_counts (progress, &counts);
  assert_same_counts (&counts, &total);

  for (guint i = 0; i < g_list_model_get_n_items (levels); i++)
    {
      g_autoptr(VivaLevel) level = g_list_model_get_item (levels, i);
      GListModel *children = viva_level_get_children (level);

      viva_progress_counts_for_level (progress, level, &counts);
      assert_same_counts (&counts, g_hash_table_lookup (by_group, level));

      for (guint j = 0; j < g_list_model_get_n_items (children); j++)
        {
          g_autoptr(GObject) child = g_list_model_get_item (children, j);

          if (!VIVA_IS_TOPIC (child))
            continue;

          viva_progress_counts_for_topic (progress, VIVA_TOPIC (child), &counts);
          assert_same_counts (&counts, g_hash_table_lookup (by_group, child));
          n_topics_seen++;
        }
    }

  g_assert_cmpuint (n_topics_seen, ==, viva_bank_get_n_topics (f->bank));
}

/* Counting change by change gives what counting afresh gives, after
 * any sequence of changes: the same status again, text and stars in
 * between, notes of questions the bank lacks. */
static void
test_incremental_matches_recount (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260305);
  g_autoptr(VivaProgress) progress = NULL;
  guint n_questions = viva_bank_get_n_questions (f->bank);
  GListModel *questions = viva_bank_get_questions (f->bank);

  /* Some notes before, most after. */
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(VivaQuestion) question = g_list_model_get_item (questions, g_rand_int_range (rand, 0, n_questions));

      set_status (f, viva_question_get_number (question), g_rand_int_range (rand, 0, 3));
    }

  progress = viva_progress_new (f->bank, f->notes);
  assert_counts_match_recount (f, progress);

  for (guint round = 0; round < 20; round++)
    {
      for (guint i = 0; i < 200; i++)
        {
          g_autoptr(VivaQuestion) question = g_list_model_get_item (questions, g_rand_int_range (rand, 0, n_questions));
          VivaNote *note = viva_notes_store_get_note (f->notes, VIVA_BUNDLED_BANK_ID,
                                                      viva_question_get_number (question));

          switch (g_rand_int_range (rand, 0, 5))
            {
            case 0:
              viva_note_set_text (note, g_rand_boolean (rand) ? "A note" : "");
              break;

            case 1:
              viva_note_set_starred (note, g_rand_boolean (rand));
              break;

            case 2:
              /* Not in the bank. */
              set_status (f, 2000 + g_rand_int_range (rand, 0, 100), g_rand_int_range (rand, 0, 3));
              break;

            default:
              viva_note_set_status (note, g_rand_int_range (rand, 0, 3));
              break;
            }
        }

      assert_counts_match_recount (f, progress);
    }
}

/* Two mirrors of the same notes (the window's, and one a test or a
 * later page makes) both count right, whichever applies a note first. */
static void
test_two_progress_objects (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(VivaProgress) first = viva_progress_new (f->bank, f->notes);
  g_autoptr(VivaProgress) second = viva_progress_new (f->bank, f->notes);
  VivaProgressCounts counts;

  set_status (f, 202, VIVA_STATUS_LEARNING);
  set_status (f, 203, VIVA_STATUS_CONFIDENT);

  viva_progress_get_counts (first, &counts);
  assert_counts (&counts, 413, 1, 1);
  viva_progress_get_counts (second, &counts);
  assert_counts (&counts, 413, 1, 1);
  assert_counts_match_recount (f, second);
}

/* Activating a topic on the page opens the first question of it that is
 * not Confident yet. */
static void
test_next_to_study (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(VivaProgress) progress = viva_progress_new (f->bank, f->notes);
  VivaTopic *strings = topic_of (f, 36);
  VivaLevel *level5 = level_of (f, 801);

  g_assert_cmpuint (viva_question_get_number (viva_progress_find_next_to_study (progress, viva_topic_get_questions (strings))), ==, 36);

  set_status (f, 36, VIVA_STATUS_CONFIDENT);
  set_status (f, 37, VIVA_STATUS_CONFIDENT);
  set_status (f, 38, VIVA_STATUS_LEARNING);
  g_assert_cmpuint (viva_question_get_number (viva_progress_find_next_to_study (progress, viva_topic_get_questions (strings))), ==, 38);

  /* All confident: back to the first, to go over them again. */
  for (guint number = 36; number <= 60; number++)
    set_status (f, number, VIVA_STATUS_CONFIDENT);
  g_assert_cmpuint (viva_question_get_number (viva_progress_find_next_to_study (progress, viva_topic_get_questions (strings))), ==, 36);

  /* A level's children: the questions outside its topics. */
  set_status (f, 801, VIVA_STATUS_CONFIDENT);
  g_assert_cmpuint (viva_question_get_number (viva_progress_find_next_to_study (progress, viva_level_get_children (level5))), ==, 802);
  /* A level with topics only has no question outside them. */
  g_assert_null (viva_progress_find_next_to_study (progress, viva_level_get_children (level_of (f, 1))));
}

/* What a question shows in the sidebar (notes, star, status) and what
 * its level and topic count, as its note changes: read from the study
 * state, not from the bank, which holds none of it. */
typedef struct
{
  gpointer watched[3];
  guint    n_changed[3];
} Changes;

static void
count_changed (VivaProgress *progress,
               GObject      *changed,
               Changes      *changes)
{
  for (guint i = 0; i < G_N_ELEMENTS (changes->watched); i++)
    if (changes->watched[i] == (gpointer) changed)
      changes->n_changed[i]++;
}

static void
clear_note (Fixture *f,
            guint    number)
{
  VivaNote *note = viva_notes_store_get_note (f->notes, VIVA_BUNDLED_BANK_ID, number);

  viva_note_set_text (note, "");
  viva_note_set_starred (note, FALSE);
  viva_note_set_status (note, VIVA_STATUS_NEW);
}

static void
test_question_state (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(VivaProgress) progress = viva_progress_new (f->bank, f->notes);
  VivaQuestion *question = viva_bank_lookup_question (f->bank, 1);
  VivaQuestion *neighbour = viva_bank_lookup_question (f->bank, 2);
  VivaQuestion *topicless = viva_bank_lookup_question (f->bank, 801);
  VivaTopic *topic = viva_question_get_topic (question);
  VivaLevel *level = viva_question_get_level (question);
  VivaLevel *level5 = viva_question_get_level (topicless);
  GListModel *levels = viva_bank_get_levels (f->bank);
  VivaNote *note;
  VivaNote *note2;
  Changes changes = { { question, topic, level }, { 0, 0, 0 } };
  VivaProgressCounts counts;

  /* Nothing noted in a bank without notes. */
  for (guint i = 0; i < g_list_model_get_n_items (levels); i++)
    {
      g_autoptr(VivaLevel) each = g_list_model_get_item (levels, i);

      g_assert_cmpuint (viva_progress_get_n_noted (progress, each), ==, 0);
    }
  g_assert_false (viva_progress_get_has_note (progress, question));
  g_assert_false (viva_progress_get_starred (progress, question));
  g_assert_cmpint (viva_progress_get_status (progress, question), ==, VIVA_STATUS_NEW);

  g_signal_connect (progress, "question-changed", G_CALLBACK (count_changed), &changes);
  g_signal_connect (progress, "group-changed", G_CALLBACK (count_changed), &changes);

  /* A note without text is not a note yet. */
  note = viva_notes_store_get_note (f->notes, VIVA_BUNDLED_BANK_ID, 1);
  viva_note_set_status (note, VIVA_STATUS_NEW);
  g_assert_false (viva_progress_get_has_note (progress, question));
  g_assert_cmpuint (changes.n_changed[0] + changes.n_changed[1] + changes.n_changed[2], ==, 0);

  viva_note_set_text (note, "Ints, floats, strings, booleans.");
  g_assert_true (viva_progress_get_has_note (progress, question));
  g_assert_cmpuint (changes.n_changed[0], ==, 1);
  g_assert_cmpuint (viva_progress_get_n_noted (progress, topic), ==, 1);
  g_assert_cmpuint (viva_progress_get_n_noted (progress, level), ==, 1);
  g_assert_cmpuint (changes.n_changed[1], ==, 1);
  g_assert_cmpuint (changes.n_changed[2], ==, 1);

  /* The same state again changes nothing and says nothing. */
  viva_note_set_text (note, "Ints, floats, strings, booleans.");
  viva_note_set_starred (note, FALSE);
  g_assert_cmpuint (changes.n_changed[0], ==, 1);
  g_assert_cmpuint (changes.n_changed[1], ==, 1);
  g_assert_cmpuint (viva_progress_get_n_noted (progress, level), ==, 1);

  /* A star changes the question, not its level's counts; a status both. */
  viva_note_set_starred (note, TRUE);
  g_assert_true (viva_progress_get_starred (progress, question));
  g_assert_cmpuint (changes.n_changed[0], ==, 2);
  g_assert_cmpuint (changes.n_changed[1], ==, 1);
  viva_note_set_status (note, VIVA_STATUS_LEARNING);
  g_assert_cmpint (viva_progress_get_status (progress, question), ==, VIVA_STATUS_LEARNING);
  g_assert_cmpuint (changes.n_changed[0], ==, 3);
  g_assert_cmpuint (changes.n_changed[1], ==, 2);
  g_assert_cmpuint (viva_progress_get_n_noted (progress, topic), ==, 1);
  viva_progress_counts_for_topic (progress, topic, &counts);
  g_assert_cmpuint (counts.n_learning, ==, 1);

  /* A second noted question in the same topic. */
  note2 = viva_notes_store_get_note (f->notes, VIVA_BUNDLED_BANK_ID, 2);
  viva_note_set_text (note2, "+ - * /");
  g_assert_true (viva_progress_get_has_note (progress, neighbour));
  g_assert_cmpuint (viva_progress_get_n_noted (progress, topic), ==, 2);
  g_assert_cmpuint (viva_progress_get_n_noted (progress, level), ==, 2);
  g_assert_cmpuint (changes.n_changed[1], ==, 3);
  g_assert_cmpuint (changes.n_changed[2], ==, 3);

  /* Blanking the text takes the note away again; the star stays. */
  viva_note_set_text (note, "   ");
  g_assert_false (viva_progress_get_has_note (progress, question));
  g_assert_true (viva_progress_get_starred (progress, question));
  g_assert_cmpuint (viva_progress_get_n_noted (progress, topic), ==, 1);
  g_assert_cmpuint (viva_progress_get_n_noted (progress, level), ==, 1);

  /* Nothing left of the note: everything back to the defaults. */
  clear_note (f, 1);
  g_assert_false (viva_progress_get_starred (progress, question));
  g_assert_cmpint (viva_progress_get_status (progress, question), ==, VIVA_STATUS_NEW);
  clear_note (f, 2);
  g_assert_cmpuint (viva_progress_get_n_noted (progress, topic), ==, 0);
  g_assert_cmpuint (viva_progress_get_n_noted (progress, level), ==, 0);
  viva_progress_counts_for_level (progress, level, &counts);
  assert_counts (&counts, viva_level_get_n_questions (level), 0, 0);

  /* A question without a topic counts in its level only. */
  viva_note_set_text (viva_notes_store_get_note (f->notes, VIVA_BUNDLED_BANK_ID, 801), "Memoize with a dict.");
  g_assert_cmpuint (viva_progress_get_n_noted (progress, level5), ==, 1);
  g_assert_cmpuint (viva_progress_get_n_noted (progress, level), ==, 0);
  clear_note (f, 801);
  g_assert_cmpuint (viva_progress_get_n_noted (progress, level5), ==, 0);

  g_signal_handlers_disconnect_by_func (progress, count_changed, &changes);
}

/* The widgets showing a bank share one study state per notes store. */
static void
test_shared_per_bank (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(VivaProgress) first = viva_progress_dup_for_bank (f->bank, f->notes);
  g_autoptr(VivaProgress) again = viva_progress_dup_for_bank (f->bank, f->notes);
  g_autoptr(VivaNotesStore) other_store = viva_notes_store_new ("/nonexistent/notes.json");
  g_autoptr(VivaProgress) other = viva_progress_dup_for_bank (f->bank, other_store);
  g_autoptr(VivaProgress) later = NULL;
  VivaProgressCounts counts;

  g_assert_true (first == again);
  g_assert_true (other != first);
  g_assert_true (viva_progress_get_notes_store (other) == other_store);

  set_status (f, 42, VIVA_STATUS_CONFIDENT);
  viva_progress_get_counts (first, &counts);
  assert_counts (&counts, 414, 0, 1);
  viva_progress_get_counts (other, &counts);
  assert_counts (&counts, 415, 0, 0);

  /* Once every widget let go, the next one counts afresh. */
  g_clear_object (&again);
  g_assert_finalize_object (g_steal_pointer (&first));
  later = viva_progress_dup_for_bank (f->bank, f->notes);
  viva_progress_get_counts (later, &counts);
  assert_counts (&counts, 414, 0, 1);
}

static GBytes *
generate_bank (guint n_levels,
               guint n_topics,
               guint n_per_topic)
{
  g_autoptr(GString) markdown = g_string_new ("# Generated bank\n\n");
  guint number = 1;

  for (guint level = 1; level <= n_levels; level++)
    {
      g_string_append_printf (markdown, "## Level %u: Generated (Questions)\n\n", level);
      for (guint topic = 1; topic <= n_topics; topic++)
        {
          g_string_append_printf (markdown, "### Topic %u.%u\n\n", level, topic);
          for (guint q = 0; q < n_per_topic; q++, number++)
            g_string_append_printf (markdown, "**Question %u:** What does `x[%u:%u]` return?\n\n",
                                    number, q, q + 3);
        }
    }

  return g_string_free_to_bytes (g_steal_pointer (&markdown));
}

/* "-m perf": a bank of 100,000 questions (10 levels of 20 topics) with
 * notes on a tenth of them. Prints how long counting takes and what a
 * change costs; asserts nothing about time. */
static void
test_perf_100k (void)
{
  g_autoptr(GBytes) bytes = generate_bank (10, 20, 500);
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaBank) bank = viva_bank_new_from_bytes (bytes, "perf", &error);
  g_autofree char *path = viva_notes_store_dup_default_path ();
  g_autoptr(VivaNotesStore) notes = viva_notes_store_new (path);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  VivaProgressCounts counts;
  double best_build = G_MAXDOUBLE;
  gint64 begin;
  double per_change;
  const guint n_changes = 100000;

  g_assert_no_error (error);
  g_assert_cmpuint (viva_bank_get_n_questions (bank), ==, 100000);
  viva_notes_store_set_autosave_delay (notes, 60 * 1000);

  for (guint number = 1; number <= 100000; number += 10)
    viva_note_set_status (viva_notes_store_get_note (notes, "perf", number), 1 + (number / 10) % 2);

  for (guint run = 0; run < 5; run++)
    {
      g_autoptr(VivaProgress) progress = NULL;
      double elapsed;

      begin = g_get_monotonic_time ();
      progress = viva_progress_new (bank, notes);
      elapsed = (g_get_monotonic_time () - begin) / 1000.0;
      g_test_message ("run %u: %.2f ms", run, elapsed);
      best_build = MIN (best_build, elapsed);

      viva_progress_get_counts (progress, &counts);
      assert_counts (&counts, 90000, 5000, 5000);
    }

  g_test_minimized_result (best_build, "count a 100,000-question bank with 10,000 notes: %.2f ms", best_build);

  {
    g_autoptr(VivaProgress) progress = viva_progress_new (bank, notes);
    g_autoptr(GPtrArray) pool = g_ptr_array_new ();

    for (guint i = 0; i < 1000; i++)
      g_ptr_array_add (pool, viva_notes_store_get_note (notes, "perf", 1 + g_rand_int_range (rand, 0, 100000)));

    begin = g_get_monotonic_time ();
    for (guint i = 0; i < n_changes; i++)
      viva_note_set_status (g_ptr_array_index (pool, i % pool->len), i % 3);
    per_change = (double) (g_get_monotonic_time () - begin) / n_changes;

    g_test_minimized_result (per_change, "one status change, notes store and counts: %.2f us", per_change);
  }

  g_assert_true (viva_notes_store_flush (notes, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/progress/bundled-counts", Fixture, NULL,
              viva_test_bundled_set_up, test_bundled_counts, viva_test_bundled_tear_down);
  g_test_add ("/progress/incremental-matches-recount", Fixture, NULL,
              viva_test_bundled_set_up, test_incremental_matches_recount, viva_test_bundled_tear_down);
  g_test_add ("/progress/two-progress-objects", Fixture, NULL,
              viva_test_bundled_set_up, test_two_progress_objects, viva_test_bundled_tear_down);
  g_test_add ("/progress/next-to-study", Fixture, NULL,
              viva_test_bundled_set_up, test_next_to_study, viva_test_bundled_tear_down);
  g_test_add ("/progress/question-state", Fixture, NULL,
              viva_test_bundled_set_up, test_question_state, viva_test_bundled_tear_down);
  g_test_add ("/progress/shared-per-bank", Fixture, NULL,
              viva_test_bundled_set_up, test_shared_per_bank, viva_test_bundled_tear_down);

  if (g_test_perf ())
    g_test_add_func ("/progress/perf/100k", test_perf_100k);

  return g_test_run ();
}
