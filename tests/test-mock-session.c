/* test-mock-session.c
 *
 * Mock interviews without a display: which questions a setup selects,
 * the budgets, what a session records and reports, and how the history
 * of sessions survives damaged files, newer versions and autosave.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <md4c.h>

#include "viva-bank.h"
#include "viva-clock.h"
#include "viva-document-file.h"
#include "viva-json-writer.h"
#include "viva-level.h"
#include "viva-mock-session-private.h"
#include "viva-mock-setup.h"
#include "viva-mock-timer.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-question.h"
#include "viva-session-file.h"
#include "viva-session-store.h"
#include "viva-time-format.h"
#include "viva-topic.h"

#define WAIT_TIMEOUT_SECONDS 20
#define MINUTES(n) ((gint64) (n) * 60 * G_USEC_PER_SEC)
#define SECONDS(n) ((gint64) (n) * G_USEC_PER_SEC)

/* The bundled bank: levels 1-4 have topics, 5 and 6 do not; level 1's
 * "Operators" has 15 questions. */
#define SMALL_TOPIC_LEVEL 1
#define SMALL_TOPIC       "Operators"
#define SMALL_TOPIC_SIZE  15

/* Helpers */

static VivaBank *
load_bank (void)
{
  g_autoptr(GError) error = NULL;
  VivaBank *bank = viva_bank_new_bundled (&error);

  g_assert_no_error (error);
  g_assert_nonnull (bank);

  return bank;
}

static GPtrArray *
select_ok (VivaMockSetup  *setup,
           VivaBank       *bank,
           VivaNotesStore *notes,
           guint64        *out_seed)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *questions = viva_mock_setup_select (setup, bank, notes, out_seed, &error);

  g_assert_no_error (error);
  g_assert_nonnull (questions);
  g_assert_cmpuint (questions->len, >, 0);

  return questions;
}

static gboolean
same_questions (GPtrArray *a,
                GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      if (g_ptr_array_index (a, i) != g_ptr_array_index (b, i))
        return FALSE;
    }

  return TRUE;
}

static void
assert_no_duplicates (GPtrArray *questions)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < questions->len; i++)
    g_assert_true (g_hash_table_add (seen, g_ptr_array_index (questions, i)));
}

static guint
question_level (VivaQuestion *question)
{
  return viva_level_get_number (viva_question_get_level (question));
}

static const char *
question_topic (VivaQuestion *question)
{
  VivaTopic *topic = viva_question_get_topic (question);

  return topic ? viva_topic_get_name (topic) : NULL;
}

static VivaLevel *
find_level (VivaBank *bank,
            guint     number)
{
  GListModel *levels = viva_bank_get_levels (bank);

  for (guint i = 0; i < g_list_model_get_n_items (levels); i++)
    {
      g_autoptr(VivaLevel) level = g_list_model_get_item (levels, i);

      if (viva_level_get_number (level) == number)
        return level;
    }

  g_assert_not_reached ();
  return NULL;
}

static VivaNotesStore *
load_notes (void)
{
  g_autofree char *path = viva_notes_store_dup_default_path ();
  g_autoptr(GError) error = NULL;
  VivaNotesStore *notes = viva_notes_store_new (path);

  g_assert_true (viva_notes_store_load (notes, &error));
  g_assert_no_error (error);

  return notes;
}

static void
flush_notes (VivaNotesStore *notes)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (viva_notes_store_flush (notes, &error));
  g_assert_no_error (error);
}

/* Runs the main loop until @condition holds, failing the test (rather than
 * asserting on timing) if it never does. */
typedef gboolean (*Condition) (gpointer data);

static void
timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
}

static void
wait_until (Condition   condition,
            gpointer    data,
            const char *what)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_once (WAIT_TIMEOUT_SECONDS * 1000, timed_out_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Timed out after %d s waiting for %s", WAIT_TIMEOUT_SECONDS, what);

  g_source_remove (id);
}

static gboolean
store_is_saved (gpointer data)
{
  VivaSessionStore *store = data;

  return !viva_document_store_get_saving (VIVA_DOCUMENT_STORE (store)) &&
         !viva_document_store_get_dirty (VIVA_DOCUMENT_STORE (store));
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

/* Lets pending idle callbacks (answers to save_async) run. */
static void
drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static VivaMockSession *
new_session (VivaBank      *bank,
             VivaMockSetup *setup)
{
  g_autoptr(GPtrArray) questions = NULL;
  guint64 seed = 0;

  questions = select_ok (setup, bank, NULL, &seed);

  return viva_mock_session_new (bank, setup, questions, seed);
}

static VivaMockSession *
new_session_of (VivaBank *bank,
                guint     n_questions,
                guint64   seed)
{
  g_autoptr(VivaMockSetup) setup = viva_mock_setup_new ();

  viva_mock_setup_set_n_questions (setup, n_questions);
  viva_mock_setup_set_seed (setup, seed);

  return new_session (bank, setup);
}

static VivaSessionStore *
load_store (GPtrArray **out_problems)
{
  VivaSessionStore *store = viva_session_store_new (NULL);
  g_autoptr(GPtrArray) problems = NULL;

  viva_session_store_load (store, &problems);
  g_assert_nonnull (problems);

  if (out_problems != NULL)
    *out_problems = g_steal_pointer (&problems);
  else
    g_assert_cmpuint (problems->len, ==, 0);

  return store;
}

static void
flush_store (VivaSessionStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (viva_session_store_flush (store, &error));
  g_assert_no_error (error);
  g_assert_false (viva_document_store_get_dirty (VIVA_DOCUMENT_STORE (store)));
  drain_main_context ();
}

static void
add_session (VivaSessionStore *store,
             VivaMockSession  *session)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (viva_session_store_add (store, session, &error));
  g_assert_no_error (error);
}

static char *
session_path (VivaMockSession *session)
{
  g_autofree char *dir = viva_session_store_dup_default_dir ();
  g_autofree char *name = g_strconcat (viva_mock_session_get_id (session), ".json", NULL);

  return g_build_filename (dir, name, NULL);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (data, len);
}

static void
write_file (const char *path,
            const char *data,
            gssize      len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

static VivaMockSession *
find_session (GListModel *sessions,
              const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(VivaMockSession) session = g_list_model_get_item (sessions, i);

      if (g_strcmp0 (viva_mock_session_get_id (session), id) == 0)
        return session;
    }

  return NULL;
}

/* Selection */

static void
test_select_counts (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaMockSetup) setup = viva_mock_setup_new ();
  g_autoptr(GPtrArray) ten = NULL;
  g_autoptr(GPtrArray) fifty = NULL;
  g_autoptr(GPtrArray) topic = NULL;
  g_autoptr(GPtrArray) one = NULL;

  g_assert_cmpuint (viva_mock_setup_get_n_questions (setup), ==, 10);

  viva_mock_setup_set_n_questions (setup, 10);
  ten = select_ok (setup, bank, NULL, NULL);
  g_assert_cmpuint (ten->len, ==, 10);
  assert_no_duplicates (ten);

  /* 1..50, clamped. */
  viva_mock_setup_set_n_questions (setup, 0);
  g_assert_cmpuint (viva_mock_setup_get_n_questions (setup), ==, 1);
  one = select_ok (setup, bank, NULL, NULL);
  g_assert_cmpuint (one->len, ==, 1);

  viva_mock_setup_set_n_questions (setup, 1000);
  g_assert_cmpuint (viva_mock_setup_get_n_questions (setup), ==, 50);
  fifty = select_ok (setup, bank, NULL, NULL);
  g_assert_cmpuint (fifty->len, ==, 50);
  assert_no_duplicates (fifty);

  /* Never more than exist: 50 asked of a topic of 15. */
  viva_mock_setup_set_topic_chosen (setup, SMALL_TOPIC_LEVEL, SMALL_TOPIC, TRUE);
  topic = select_ok (setup, bank, NULL, NULL);
  g_assert_cmpuint (topic->len, ==, SMALL_TOPIC_SIZE);
  assert_no_duplicates (topic);
}

static void
test_select_filters (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaMockSetup) setup = viva_mock_setup_new ();
  g_autoptr(GPtrArray) questions = NULL;
  guint n_level_2 = 0;
  guint n_topic = 0;

  viva_mock_setup_set_n_questions (setup, 50);
  viva_mock_setup_set_level_chosen (setup, 2, TRUE);
  viva_mock_setup_set_topic_chosen (setup, 1, "Strings", TRUE);
  g_assert_true (viva_mock_setup_get_level_chosen (setup, 2));
  g_assert_true (viva_mock_setup_get_topic_chosen (setup, 1, "Strings"));
  g_assert_false (viva_mock_setup_get_level_chosen (setup, 1));
  g_assert_cmpuint (g_strv_length ((GStrv) viva_mock_setup_get_chosen (setup)), ==, 2);

  for (guint round = 0; round < 5; round++)
    {
      g_clear_pointer (&questions, g_ptr_array_unref);
      viva_mock_setup_set_seed (setup, round + 1);
      questions = select_ok (setup, bank, NULL, NULL);
      g_assert_cmpuint (questions->len, ==, 50);

      for (guint i = 0; i < questions->len; i++)
        {
          VivaQuestion *question = g_ptr_array_index (questions, i);

          if (question_level (question) == 2)
            n_level_2++;
          else
            {
              g_assert_cmpuint (question_level (question), ==, 1);
              g_assert_cmpstr (question_topic (question), ==, "Strings");
              n_topic++;
            }
        }
    }

  /* Both parts of the choice are drawn from. */
  g_assert_cmpuint (n_level_2, >, 0);
  g_assert_cmpuint (n_topic, >, 0);

  /* Unchoosing one leaves the other. */
  viva_mock_setup_set_level_chosen (setup, 2, FALSE);
  g_clear_pointer (&questions, g_ptr_array_unref);
  questions = select_ok (setup, bank, NULL, NULL);
  g_assert_cmpuint (questions->len, ==, 25);
  for (guint i = 0; i < questions->len; i++)
    g_assert_cmpstr (question_topic (g_ptr_array_index (questions, i)), ==, "Strings");
}

static void
test_select_levels_without_topics (void)
{
  g_autoptr(VivaBank) bank = load_bank ();

  for (guint number = 5; number <= 6; number++)
    {
      g_autoptr(VivaMockSetup) setup = viva_mock_setup_new ();
      g_autoptr(GPtrArray) questions = NULL;
      VivaLevel *level = find_level (bank, number);

      g_assert_cmpuint (viva_level_get_n_topics (level), ==, 0);

      viva_mock_setup_set_n_questions (setup, 50);
      viva_mock_setup_set_level_chosen (setup, number, TRUE);
      questions = select_ok (setup, bank, NULL, NULL);
      g_assert_cmpuint (questions->len, ==, viva_level_get_n_questions (level));

      for (guint i = 0; i < questions->len; i++)
        {
          g_assert_cmpuint (question_level (g_ptr_array_index (questions, i)), ==, number);
          g_assert_null (question_topic (g_ptr_array_index (questions, i)));
        }
    }
}

static void
test_select_skip_confident (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaNotesStore) notes = load_notes ();
  g_autoptr(VivaMockSetup) setup = viva_mock_setup_new ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) rest = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GHashTable) confident = g_hash_table_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  const char *bank_id = viva_bank_get_id (bank);

  viva_mock_setup_set_n_questions (setup, 50);
  viva_mock_setup_set_random_order (setup, FALSE);
  viva_mock_setup_set_topic_chosen (setup, SMALL_TOPIC_LEVEL, SMALL_TOPIC, TRUE);
  all = select_ok (setup, bank, notes, NULL);
  g_assert_cmpuint (all->len, ==, SMALL_TOPIC_SIZE);

  /* Every other one Confident; one Learning, which stays. */
  for (guint i = 0; i < all->len; i += 2)
    {
      VivaQuestion *question = g_ptr_array_index (all, i);

      viva_note_set_status (viva_notes_store_get_note (notes, bank_id, viva_question_get_number (question)),
                            VIVA_STATUS_CONFIDENT);
      g_hash_table_add (confident, question);
    }
  viva_note_set_status (viva_notes_store_get_note (notes, bank_id,
                                                   viva_question_get_number (g_ptr_array_index (all, 1))),
                        VIVA_STATUS_LEARNING);

  /* Off: they are asked like the others. */
  g_clear_pointer (&rest, g_ptr_array_unref);
  rest = select_ok (setup, bank, notes, NULL);
  g_assert_true (same_questions (rest, all));

  viva_mock_setup_set_skip_confident (setup, TRUE);
  for (guint seed = 1; seed <= 10; seed++)
    {
      viva_mock_setup_set_random_order (setup, seed % 2 == 0);
      viva_mock_setup_set_seed (setup, seed);
      g_clear_pointer (&rest, g_ptr_array_unref);
      rest = select_ok (setup, bank, notes, NULL);
      g_assert_cmpuint (rest->len, ==, SMALL_TOPIC_SIZE - g_hash_table_size (confident));

      for (guint i = 0; i < rest->len; i++)
        g_assert_false (g_hash_table_contains (confident, g_ptr_array_index (rest, i)));
    }

  /* All Confident: a clear error, not an empty interview. */
  for (guint i = 0; i < all->len; i++)
    viva_note_set_status (viva_notes_store_get_note (notes, bank_id,
                                                     viva_question_get_number (g_ptr_array_index (all, i))),
                          VIVA_STATUS_CONFIDENT);

  none = viva_mock_setup_select (setup, bank, notes, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, VIVA_MOCK_SETUP_ERROR, VIVA_MOCK_SETUP_ERROR_NO_QUESTIONS);
  g_assert_nonnull (strstr (error->message, "Confident"));
  g_clear_error (&error);

  /* Without notes, nothing is known to be Confident. */
  g_clear_pointer (&rest, g_ptr_array_unref);
  rest = select_ok (setup, bank, NULL, NULL);
  g_assert_cmpuint (rest->len, ==, SMALL_TOPIC_SIZE);

  flush_notes (notes);
}

static void
test_select_nothing_chosen_exists (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaMockSetup) setup = viva_mock_setup_new ();
  g_autoptr(GPtrArray) questions = NULL;
  g_autoptr(GError) error = NULL;

  viva_mock_setup_set_level_chosen (setup, 99, TRUE);
  viva_mock_setup_set_topic_chosen (setup, 1, "No Such Topic", TRUE);

  questions = viva_mock_setup_select (setup, bank, NULL, NULL, &error);
  g_assert_null (questions);
  g_assert_error (error, VIVA_MOCK_SETUP_ERROR, VIVA_MOCK_SETUP_ERROR_NO_QUESTIONS);
  g_assert_nonnull (strstr (error->message, "No questions match"));
}

/* Topping up an interview plan: what is already planned is never drawn
 * again, and what is left is drawn in full even when most of the choice
 * is planned. */
static void
test_select_excluding (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaMockSetup) setup = viva_mock_setup_new ();
  g_autoptr(GHashTable) planned = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) rest = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;

  viva_mock_setup_set_topic_chosen (setup, SMALL_TOPIC_LEVEL, SMALL_TOPIC, TRUE);
  viva_mock_setup_set_n_questions (setup, 5);
  all = viva_mock_setup_select_excluding (setup, bank, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 5);
  g_clear_pointer (&all, g_ptr_array_unref);

  viva_mock_setup_set_n_questions (setup, 50);
  all = select_ok (setup, bank, NULL, NULL);
  g_assert_cmpuint (all->len, ==, SMALL_TOPIC_SIZE);

  /* All but two planned: five asked for, the two left come. */
  for (guint i = 2; i < all->len; i++)
    g_hash_table_add (planned, GUINT_TO_POINTER (viva_question_get_number (g_ptr_array_index (all, i))));

  viva_mock_setup_set_n_questions (setup, 5);
  for (guint64 seed = 1; seed <= 5; seed++)
    {
      viva_mock_setup_set_seed (setup, seed);
      g_clear_pointer (&rest, g_ptr_array_unref);
      rest = viva_mock_setup_select_excluding (setup, bank, NULL, planned, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rest->len, ==, 2);
      for (guint i = 0; i < rest->len; i++)
        g_assert_false (g_hash_table_contains (planned,
                                               GUINT_TO_POINTER (viva_question_get_number (g_ptr_array_index (rest, i)))));
    }

  /* All planned: a clear error. */
  g_hash_table_add (planned, GUINT_TO_POINTER (viva_question_get_number (g_ptr_array_index (all, 0))));
  g_hash_table_add (planned, GUINT_TO_POINTER (viva_question_get_number (g_ptr_array_index (all, 1))));
  none = viva_mock_setup_select_excluding (setup, bank, NULL, planned, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, VIVA_MOCK_SETUP_ERROR, VIVA_MOCK_SETUP_ERROR_NO_QUESTIONS);
  g_assert_nonnull (strstr (error->message, "chosen already"));
}

static void
test_select_seed (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaMockSetup) setup = viva_mock_setup_new ();
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_autoptr(GPtrArray) picked = NULL;
  g_autoptr(GPtrArray) replayed = NULL;
  g_autoptr(GPtrArray) sequence = NULL;
  guint64 seed = 0;

  viva_mock_setup_set_n_questions (setup, 50);
  viva_mock_setup_set_seed (setup, 42);

  first = select_ok (setup, bank, NULL, &seed);
  g_assert_cmpuint (seed, ==, 42);
  again = select_ok (setup, bank, NULL, NULL);
  g_assert_true (same_questions (first, again));

  /* 50 of 415 with another seed: the same list would be a broken shuffle. */
  viva_mock_setup_set_seed (setup, 43);
  other = select_ok (setup, bank, NULL, &seed);
  g_assert_cmpuint (seed, ==, 43);
  g_assert_false (same_questions (first, other));

  /* A random draw is not bank order. */
  viva_mock_setup_set_random_order (setup, FALSE);
  sequence = select_ok (setup, bank, NULL, NULL);
  g_assert_false (same_questions (first, sequence));
  viva_mock_setup_set_random_order (setup, TRUE);

  /* Seed 0 picks one and says which, to replay it. */
  viva_mock_setup_set_seed (setup, 0);
  picked = select_ok (setup, bank, NULL, &seed);
  g_assert_cmpuint (seed, !=, 0);
  viva_mock_setup_set_seed (setup, seed);
  replayed = select_ok (setup, bank, NULL, NULL);
  g_assert_true (same_questions (picked, replayed));
}

static void
test_select_sequence (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaMockSetup) setup = viva_mock_setup_new ();
  g_autoptr(GPtrArray) questions = NULL;
  GListModel *level_3;
  guint64 seed = 1;

  viva_mock_setup_set_random_order (setup, FALSE);
  viva_mock_setup_set_seed (setup, 1234);
  viva_mock_setup_set_n_questions (setup, 40);
  viva_mock_setup_set_level_chosen (setup, 3, TRUE);

  questions = select_ok (setup, bank, NULL, &seed);
  g_assert_cmpuint (seed, ==, 0);
  g_assert_cmpuint (questions->len, ==, 40);

  level_3 = viva_level_get_questions (find_level (bank, 3));
  for (guint i = 0; i < questions->len; i++)
    {
      g_autoptr(VivaQuestion) expected = g_list_model_get_item (level_3, i);

      g_assert_true (g_ptr_array_index (questions, i) == expected);
    }
}

/* Budgets and remembering */

static void
test_budgets (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaMockSetup) setup = viva_mock_setup_new ();
  g_autoptr(GPtrArray) questions = NULL;
  static const guint minutes[] = { 2, 3, 5, 7, 15, 20 };
  gint64 sum = 0;

  for (guint level = 1; level <= 6; level++)
    {
      g_assert_cmpint (viva_mock_setup_get_budget_for_level (setup, level), ==, MINUTES (minutes[level - 1]));
      g_assert_cmpint (viva_mock_setup_get_level_budget (setup, level), ==, MINUTES (minutes[level - 1]));
    }

  /* A seventh level takes the sixth's. */
  g_assert_cmpint (viva_mock_setup_get_budget_for_level (setup, 7), ==, MINUTES (20));

  viva_mock_setup_set_level_budget (setup, 6, MINUTES (25));
  g_assert_cmpint (viva_mock_setup_get_budget_for_level (setup, 9), ==, MINUTES (25));
  viva_mock_setup_set_level_budget (setup, 6, MINUTES (20));

  /* Clamped as in Preferences. */
  viva_mock_setup_set_level_budget (setup, 1, 0);
  g_assert_cmpint (viva_mock_setup_get_level_budget (setup, 1), ==, MINUTES (1));
  viva_mock_setup_set_level_budget (setup, 1, MINUTES (2));

  viva_mock_setup_set_n_questions (setup, 50);
  questions = select_ok (setup, bank, NULL, NULL);

  g_assert_cmpint (viva_mock_setup_get_budget_mode (setup), ==, VIVA_MOCK_BUDGET_PER_LEVEL);
  for (guint i = 0; i < questions->len; i++)
    sum += MINUTES (minutes[question_level (g_ptr_array_index (questions, i)) - 1]);
  g_assert_cmpint (viva_mock_setup_total_budget (setup, questions), ==, sum);

  viva_mock_setup_set_budget_mode (setup, VIVA_MOCK_BUDGET_TOTAL);
  viva_mock_setup_set_total_budget (setup, MINUTES (45));
  g_assert_cmpint (viva_mock_setup_total_budget (setup, questions), ==, MINUTES (45));
}

static void
assert_default_setup (VivaMockSetup *setup)
{
  g_assert_cmpuint (g_strv_length ((GStrv) viva_mock_setup_get_chosen (setup)), ==, 0);
  g_assert_cmpuint (viva_mock_setup_get_n_questions (setup), ==, VIVA_MOCK_SETUP_DEFAULT_QUESTIONS);
  g_assert_true (viva_mock_setup_get_random_order (setup));
  g_assert_false (viva_mock_setup_get_skip_confident (setup));
  g_assert_cmpint (viva_mock_setup_get_budget_mode (setup), ==, VIVA_MOCK_BUDGET_PER_LEVEL);
  g_assert_cmpint (viva_mock_setup_get_total_budget (setup), ==, VIVA_MOCK_TOTAL_BUDGET_DEFAULT);
  g_assert_false (viva_mock_setup_get_auto_advance (setup));
  g_assert_cmpuint (viva_mock_setup_get_seed (setup), ==, 0);
}

static void
test_variant_round_trip (void)
{
  g_autoptr(VivaMockSetup) setup = viva_mock_setup_new ();
  g_autoptr(VivaMockSetup) copy = NULL;
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GVariant) again = NULL;
  const char * const expected[] = { "level:5", "topic:1:Tuples, Dictionaries, and Sets", "topic:2:Modules: I/O", NULL };

  viva_mock_setup_set_topic_chosen (setup, 2, "Modules: I/O", TRUE);
  viva_mock_setup_set_level_chosen (setup, 5, TRUE);
  viva_mock_setup_set_topic_chosen (setup, 1, "Tuples, Dictionaries, and Sets", TRUE);
  viva_mock_setup_set_n_questions (setup, 33);
  viva_mock_setup_set_random_order (setup, FALSE);
  viva_mock_setup_set_skip_confident (setup, TRUE);
  viva_mock_setup_set_budget_mode (setup, VIVA_MOCK_BUDGET_TOTAL);
  viva_mock_setup_set_total_budget (setup, MINUTES (75));
  viva_mock_setup_set_auto_advance (setup, TRUE);

  variant = viva_mock_setup_to_variant (setup);
  g_assert_true (g_variant_is_of_type (variant, G_VARIANT_TYPE ("a{sv}")));
  g_assert_false (g_variant_is_floating (variant));

  copy = viva_mock_setup_new_from_variant (variant);
  g_assert_true (g_strv_equal (viva_mock_setup_get_chosen (copy), expected));
  g_assert_true (viva_mock_setup_get_topic_chosen (copy, 2, "Modules: I/O"));
  g_assert_cmpuint (viva_mock_setup_get_n_questions (copy), ==, 33);
  g_assert_false (viva_mock_setup_get_random_order (copy));
  g_assert_true (viva_mock_setup_get_skip_confident (copy));
  g_assert_cmpint (viva_mock_setup_get_budget_mode (copy), ==, VIVA_MOCK_BUDGET_TOTAL);
  g_assert_cmpint (viva_mock_setup_get_total_budget (copy), ==, MINUTES (75));
  g_assert_true (viva_mock_setup_get_auto_advance (copy));

  again = viva_mock_setup_to_variant (copy);
  g_assert_true (g_variant_equal (variant, again));
}

static void
test_variant_garbage (void)
{
  g_autoptr(VivaMockSetup) from_null = viva_mock_setup_new_from_variant (NULL);
  g_autoptr(VivaMockSetup) from_string = NULL;
  g_autoptr(VivaMockSetup) from_empty = NULL;
  g_autoptr(VivaMockSetup) from_bad = NULL;
  g_autoptr(VivaMockSetup) from_wrong_types = NULL;
  g_autoptr(GVariant) string = g_variant_ref_sink (g_variant_new_string ("a{sv}"));
  g_autoptr(GVariant) empty = g_variant_ref_sink (g_variant_new_parsed ("@a{sv} {}"));
  g_autoptr(GVariant) bad = NULL;
  g_autoptr(GVariant) wrong_types = NULL;
  const char * const level_3[] = { "level:3", NULL };

  assert_default_setup (from_null);

  from_string = viva_mock_setup_new_from_variant (string);
  assert_default_setup (from_string);

  from_empty = viva_mock_setup_new_from_variant (empty);
  assert_default_setup (from_empty);

  /* Out of range and unknown: each key falls back on its own, the valid
   * chosen key stays. */
  bad = g_variant_ref_sink (g_variant_new_parsed (
    "{'chosen': <['level:0', 'topic:1:', 'bogus', 'level:3', 'level:03', 'topic:x:y', 'level:99999999999']>,"
    " 'n-questions': <uint32 0>,"
    " 'budget-mode': <'sometimes'>,"
    " 'total-budget': <int64 -5>,"
    " 'unknown': <'ignored'>}"));
  from_bad = viva_mock_setup_new_from_variant (bad);
  g_assert_true (g_strv_equal (viva_mock_setup_get_chosen (from_bad), level_3));
  g_assert_cmpuint (viva_mock_setup_get_n_questions (from_bad), ==, VIVA_MOCK_SETUP_DEFAULT_QUESTIONS);
  g_assert_cmpint (viva_mock_setup_get_budget_mode (from_bad), ==, VIVA_MOCK_BUDGET_PER_LEVEL);
  g_assert_cmpint (viva_mock_setup_get_total_budget (from_bad), ==, VIVA_MOCK_TOTAL_BUDGET_DEFAULT);

  wrong_types = g_variant_ref_sink (g_variant_new_parsed (
    "{'chosen': <'level:3'>, 'n-questions': <'20'>, 'random-order': <uint32 0>,"
    " 'skip-confident': <'yes'>, 'budget-mode': <uint32 1>, 'total-budget': <3.5>,"
    " 'auto-advance': <int32 1>}"));
  from_wrong_types = viva_mock_setup_new_from_variant (wrong_types);
  assert_default_setup (from_wrong_types);
}

/* Sessions */

static void
test_rating_to_status (void)
{
  VivaStatus status = VIVA_STATUS_NEW;

  g_assert_false (viva_mock_rating_to_status (VIVA_MOCK_RATING_NONE, &status));
  g_assert_cmpint (status, ==, VIVA_STATUS_NEW);

  g_assert_true (viva_mock_rating_to_status (VIVA_MOCK_RATING_AGAIN, &status));
  g_assert_cmpint (status, ==, VIVA_STATUS_LEARNING);
  g_assert_true (viva_mock_rating_to_status (VIVA_MOCK_RATING_HARD, &status));
  g_assert_cmpint (status, ==, VIVA_STATUS_LEARNING);
  g_assert_true (viva_mock_rating_to_status (VIVA_MOCK_RATING_GOOD, &status));
  g_assert_cmpint (status, ==, VIVA_STATUS_CONFIDENT);
  g_assert_true (viva_mock_rating_to_status (VIVA_MOCK_RATING_EASY, &status));
  g_assert_cmpint (status, ==, VIVA_STATUS_CONFIDENT);

  g_assert_cmpstr (viva_mock_rating_get_label (VIVA_MOCK_RATING_AGAIN), ==, "Again");
  g_assert_cmpstr (viva_mock_rating_get_label (VIVA_MOCK_RATING_EASY), ==, "Easy");
}

static void
test_session_new (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaMockSetup) setup = viva_mock_setup_new ();
  g_autoptr(VivaMockSession) per_level = NULL;
  g_autoptr(VivaMockSession) total = NULL;
  g_autoptr(VivaMockSession) other = NULL;
  g_autofree gint64 *budgets = NULL;

  viva_mock_setup_set_n_questions (setup, 12);
  viva_mock_setup_set_seed (setup, 7);
  per_level = new_session (bank, setup);

  g_assert_true (_viva_mock_session_id_is_valid (viva_mock_session_get_id (per_level)));
  g_assert_cmpstr (viva_mock_session_get_bank_id (per_level), ==, VIVA_BUNDLED_BANK_ID);
  g_assert_cmpstr (viva_mock_session_get_bank_title (per_level), ==, viva_bank_get_title (bank));
  g_assert_cmpint (viva_mock_session_get_created (per_level), >, 0);
  g_assert_cmpint (viva_mock_session_get_finished (per_level), ==, 0);
  g_assert_cmpuint (viva_mock_session_get_seed (per_level), ==, 7);
  g_assert_cmpuint (viva_mock_session_get_n_items (per_level), ==, 12);
  g_assert_cmpint (viva_mock_session_get_state (per_level), ==, VIVA_MOCK_SESSION_STATE_NOT_STARTED);
  g_assert_false (viva_mock_session_get_unfinished (per_level));

  budgets = viva_mock_session_dup_budgets (per_level);
  for (guint i = 0; i < 12; i++)
    {
      VivaMockItem *item = viva_mock_session_get_item (per_level, i);
      VivaQuestion *question = viva_bank_lookup_question (bank, viva_mock_item_get_number (item));

      g_assert_nonnull (question);
      g_assert_cmpstr (viva_mock_item_get_question_text (item), ==, viva_question_get_text (question));
      g_assert_cmpuint (viva_mock_item_get_level_number (item), ==, question_level (question));
      g_assert_cmpstr (viva_mock_item_get_topic_name (item), ==, question_topic (question));
      g_assert_cmpint (viva_mock_item_get_budget (item), ==, viva_mock_setup_get_budget_for_level (setup, viva_mock_item_get_level_number (item)));
      g_assert_cmpint (budgets[i], ==, viva_mock_item_get_budget (item));
      g_assert_cmpstr (viva_mock_item_get_answer (item), ==, "");
      g_assert_cmpint (viva_mock_item_get_rating (item), ==, VIVA_MOCK_RATING_NONE);
    }

  viva_mock_setup_set_budget_mode (setup, VIVA_MOCK_BUDGET_TOTAL);
  viva_mock_setup_set_total_budget (setup, MINUTES (40));
  total = new_session (bank, setup);
  g_assert_cmpint (viva_mock_session_get_total_budget (total), ==, MINUTES (40));
  for (guint i = 0; i < viva_mock_session_get_n_items (total); i++)
    g_assert_cmpint (viva_mock_item_get_budget (viva_mock_session_get_item (total, i)), ==, 0);

  /* Two sessions started in the same second still differ. */
  other = new_session (bank, setup);
  g_assert_cmpstr (viva_mock_session_get_id (total), !=, viva_mock_session_get_id (other));
}

typedef struct
{
  guint changed;
  guint item_changed;
} SignalCount;

static void
count_changed_cb (VivaMockSession *session,
                  SignalCount     *count)
{
  count->changed++;
}

/* An item's property notified: what the summary's rows bind to. */
static void
count_item_changed_cb (VivaMockItem *item,
                       GParamSpec   *pspec,
                       SignalCount  *count)
{
  count->item_changed++;
}

/* The figures a VivaMockTimer writes into a session as it runs, each
 * through the setter it uses: %FALSE when any was refused. */
static gboolean
set_progress (VivaMockSession      *session,
              guint                 current,
              const gint64         *spent,
              const gboolean       *skipped,
              VivaMockSessionState  state)
{
  gboolean accepted = TRUE;

  for (guint i = 0; i < viva_mock_session_get_n_items (session); i++)
    {
      if (spent != NULL)
        accepted &= viva_mock_session_set_item_spent (session, i, spent[i]);
      if (skipped != NULL)
        accepted &= viva_mock_session_set_item_skipped (session, i, skipped[i]);
    }
  accepted &= viva_mock_session_set_current (session, current);
  accepted &= viva_mock_session_set_state (session, state);

  return accepted;
}

static void
test_session_setters (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaMockSession) session = new_session_of (bank, 3, 5);
  g_autofree char *too_long = g_strnfill (VIVA_MOCK_ANSWER_MAX_SIZE + 1, 'x');
  gint64 spent[3] = { SECONDS (10), SECONDS (20), 0 };
  gboolean skipped[3] = { FALSE, TRUE, FALSE };
  SignalCount count = { 0, 0 };

  g_signal_connect (session, "changed", G_CALLBACK (count_changed_cb), &count);
  for (guint i = 0; i < 3; i++)
    g_signal_connect (viva_mock_session_get_item (session, i), "notify",
                      G_CALLBACK (count_item_changed_cb), &count);

  g_assert_true (viva_mock_session_set_answer (session, 0, "first"));
  g_assert_cmpuint (count.changed, ==, 1);
  g_assert_cmpuint (count.item_changed, ==, 1);

  /* No change, no signal. */
  g_assert_true (viva_mock_session_set_answer (session, 0, "first"));
  g_assert_cmpuint (count.changed, ==, 1);

  g_assert_false (viva_mock_session_set_answer (session, 0, too_long));
  g_assert_cmpstr (viva_mock_item_get_answer (viva_mock_session_get_item (session, 0)), ==, "first");
  g_assert_cmpuint (count.changed, ==, 1);

  /* What the timer writes: one ::changed per figure that changed (two
   * times, a skipped flag, the current question, the state), and one
   * notification per item property that changed. */
  g_assert_true (set_progress (session, 1, spent, skipped, VIVA_MOCK_SESSION_STATE_RUNNING));
  g_assert_cmpuint (count.changed, ==, 6);
  g_assert_cmpuint (count.item_changed, ==, 4);
  g_assert_cmpint (viva_mock_item_get_spent (viva_mock_session_get_item (session, 1)), ==, SECONDS (20));
  g_assert_true (viva_mock_item_get_skipped (viva_mock_session_get_item (session, 1)));
  g_assert_true (viva_mock_session_get_unfinished (session));

  g_assert_false (viva_mock_session_set_current (session, 4));
  g_assert_true (viva_mock_session_set_current (session, 3));

  g_assert_true (viva_mock_session_set_state (session, VIVA_MOCK_SESSION_STATE_FINISHED));
  g_assert_cmpint (viva_mock_session_get_finished (session), >, 0);
  g_assert_false (viva_mock_session_get_unfinished (session));

  /* Finished is final. */
  g_assert_false (viva_mock_session_set_state (session, VIVA_MOCK_SESSION_STATE_PAUSED));
  g_assert_cmpint (viva_mock_session_get_state (session), ==, VIVA_MOCK_SESSION_STATE_FINISHED);

  /* Rating after the end is what the summary does. */
  g_assert_true (viva_mock_session_set_rating (session, 2, VIVA_MOCK_RATING_EASY));
  g_assert_cmpint (viva_mock_item_get_rating (viva_mock_session_get_item (session, 2)), ==, VIVA_MOCK_RATING_EASY);
}

/* The session is a GListModel of items whose properties notify, so that
 * the pages bind to them rather than copy them. */

static void
log_notify_cb (GObject    *object,
               GParamSpec *pspec,
               GString    *log)
{
  g_string_append_printf (log, "%s ", pspec->name);
}

static void
test_session_list_model (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaMockSession) session = new_session_of (bank, 3, 5);
  g_autoptr(VivaMockItem) first = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  gint64 spent[3] = { SECONDS (10), 0, 0 };
  gboolean skipped[3] = { TRUE, FALSE, FALSE };
  GListModel *model;

  g_assert_true (G_IS_LIST_MODEL (session));
  model = G_LIST_MODEL (session);
  g_assert_true (g_list_model_get_item_type (model) == VIVA_TYPE_MOCK_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_null (g_list_model_get_item (model, 3));

  first = g_list_model_get_item (model, 0);
  g_assert_true (first == viva_mock_session_get_item (session, 0));
  {
    guint number;
    g_autofree char *text = NULL;

    g_object_get (first, "number", &number, "question-text", &text, NULL);
    g_assert_cmpuint (number, ==, viva_mock_item_get_number (first));
    g_assert_cmpstr (text, ==, viva_mock_item_get_question_text (first));
  }

  /* Each change through the session notifies the item's property once,
   * and only when the value changes. */
  g_signal_connect (first, "notify", G_CALLBACK (log_notify_cb), log);
  g_assert_true (viva_mock_session_set_answer (session, 0, "first"));
  g_assert_true (viva_mock_session_set_answer (session, 0, "first"));
  g_assert_true (set_progress (session, 1, spent, skipped, VIVA_MOCK_SESSION_STATE_RUNNING));
  g_assert_true (set_progress (session, 1, spent, skipped, VIVA_MOCK_SESSION_STATE_RUNNING));
  g_assert_true (viva_mock_session_set_rating (session, 0, VIVA_MOCK_RATING_GOOD));
  g_assert_cmpstr (log->str, ==, "answer spent skipped rating ");

  /* A read-only session refuses, and nothing notifies. */
  g_string_truncate (log, 0);
  viva_mock_session_set_read_only (session, TRUE);
  g_assert_false (viva_mock_session_set_rating (session, 0, VIVA_MOCK_RATING_EASY));
  g_assert_false (viva_mock_session_set_answer (session, 0, "second"));
  g_assert_cmpstr (log->str, ==, "");
  g_assert_cmpint (viva_mock_item_get_rating (first), ==, VIVA_MOCK_RATING_GOOD);
}

static void
test_session_read_only (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaMockSession) session = new_session_of (bank, 3, 5);
  gint64 spent[3] = { 1, 2, 3 };
  SignalCount count = { 0, 0 };

  g_assert_true (viva_mock_session_set_answer (session, 0, "before"));
  viva_mock_session_set_read_only (session, TRUE);
  g_assert_true (viva_mock_session_get_read_only (session));

  g_signal_connect (session, "changed", G_CALLBACK (count_changed_cb), &count);

  g_assert_false (viva_mock_session_set_answer (session, 0, "after"));
  g_assert_false (viva_mock_session_set_rating (session, 0, VIVA_MOCK_RATING_GOOD));
  g_assert_false (viva_mock_session_set_item_spent (session, 0, SECONDS (5)));
  g_assert_false (viva_mock_session_set_item_skipped (session, 0, TRUE));
  g_assert_false (viva_mock_session_set_current (session, 1));
  g_assert_false (viva_mock_session_set_state (session, VIVA_MOCK_SESSION_STATE_RUNNING));
  g_assert_false (set_progress (session, 1, spent, NULL, VIVA_MOCK_SESSION_STATE_PAUSED));

  g_assert_cmpuint (count.changed, ==, 0);
  g_assert_cmpstr (viva_mock_item_get_answer (viva_mock_session_get_item (session, 0)), ==, "before");
  g_assert_cmpint (viva_mock_item_get_rating (viva_mock_session_get_item (session, 0)), ==, VIVA_MOCK_RATING_NONE);
  g_assert_cmpint (viva_mock_item_get_spent (viva_mock_session_get_item (session, 0)), ==, 0);
  g_assert_cmpuint (viva_mock_session_get_current (session), ==, 0);
  g_assert_cmpint (viva_mock_session_get_state (session), ==, VIVA_MOCK_SESSION_STATE_NOT_STARTED);
}

/* A session with chosen contents, through the reader's private API. */
static VivaMockSession *
crafted_session (void)
{
  VivaMockSession *session;
  VivaMockItemData items[] = {
    { 42, 1, (char *) "Level 1: Beginner", (char *) "Strings",
      (char *) "How do you reverse a string?", MINUTES (2), SECONDS (192), FALSE,
      (char *) "Use slicing: `s[::-1]`.", VIVA_MOCK_RATING_GOOD },
    { 43, 1, (char *) "Level 1: Beginner", (char *) "Strings",
      (char *) "What does __init__ do? # not a heading\n1. not a list\n---", MINUTES (5), SECONDS (450), FALSE,
      (char *) "### Injected heading\n```\nnot closing\n````\n# Title\n\n---\n> quote\n    ``` ", VIVA_MOCK_RATING_AGAIN },
    { 801, 5, (char *) "Level 5: Extreme / Architectural", NULL,
      (char *) "Design a rate limiter.", MINUTES (15), SECONDS (30), TRUE,
      (char *) "", VIVA_MOCK_RATING_NONE },
  };

  /* 2026-11-24T12:00:00Z */
  session = _viva_mock_session_new_loaded ("2026-11-24T12-00-00-0000abcd", VIVA_BUNDLED_BANK_ID,
                                           "Python *Interview* Questions", SECONDS (1795521600),
                                           99, TRUE, VIVA_MOCK_BUDGET_PER_LEVEL, 0, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    _viva_mock_session_append_item (session, &items[i]);

  _viva_mock_session_load_progress (session, 3, VIVA_MOCK_SESSION_STATE_FINISHED, SECONDS (1795522200));

  return session;
}

static void
test_level_totals (void)
{
  g_autoptr(VivaMockSession) session = crafted_session ();
  g_autoptr(GArray) levels = NULL;
  VivaMockLevelTotals overall;
  const VivaMockLevelTotals *level_1;
  const VivaMockLevelTotals *level_5;

  levels = viva_mock_session_get_level_totals (session, &overall);
  g_assert_cmpuint (levels->len, ==, 2);

  level_1 = &g_array_index (levels, VivaMockLevelTotals, 0);
  g_assert_cmpuint (level_1->level_number, ==, 1);
  g_assert_cmpstr (level_1->level_title, ==, "Level 1: Beginner");
  g_assert_cmpuint (level_1->n_questions, ==, 2);
  g_assert_cmpint (level_1->spent, ==, SECONDS (192 + 450));
  g_assert_cmpint (level_1->budget, ==, MINUTES (7));
  g_assert_cmpuint (level_1->n_overtime, ==, 2);
  g_assert_cmpuint (level_1->n_skipped, ==, 0);
  g_assert_cmpuint (level_1->ratings[VIVA_MOCK_RATING_GOOD], ==, 1);
  g_assert_cmpuint (level_1->ratings[VIVA_MOCK_RATING_AGAIN], ==, 1);
  g_assert_cmpuint (level_1->ratings[VIVA_MOCK_RATING_NONE], ==, 0);

  level_5 = &g_array_index (levels, VivaMockLevelTotals, 1);
  g_assert_cmpuint (level_5->level_number, ==, 5);
  g_assert_cmpuint (level_5->n_questions, ==, 1);
  g_assert_cmpuint (level_5->n_skipped, ==, 1);
  g_assert_cmpuint (level_5->n_overtime, ==, 0);
  g_assert_cmpuint (level_5->ratings[VIVA_MOCK_RATING_NONE], ==, 1);

  g_assert_cmpuint (overall.level_number, ==, 0);
  g_assert_cmpuint (overall.n_questions, ==, 3);
  g_assert_cmpint (overall.spent, ==, SECONDS (192 + 450 + 30));
  g_assert_cmpint (overall.budget, ==, MINUTES (22));
  g_assert_cmpuint (overall.ratings[VIVA_MOCK_RATING_GOOD] + overall.ratings[VIVA_MOCK_RATING_AGAIN] +
                    overall.ratings[VIVA_MOCK_RATING_NONE], ==, 3);
  viva_mock_level_totals_clear (&overall);
}

/* Reads @markdown the way CommonMark opens and closes backtick fences,
 * and returns the headings found outside of them. */
static GPtrArray *
headings_outside_fences (const char *markdown)
{
  g_auto(GStrv) lines = g_strsplit (markdown, "\n", -1);
  GPtrArray *headings = g_ptr_array_new_with_free_func (g_free);
  gsize fence = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      gsize indent = 0;
      gsize run = 0;

      while (indent < 3 && line[indent] == ' ')
        indent++;
      while (line[indent + run] == '`')
        run++;

      if (fence > 0)
        {
          /* A closing fence: at least as long, nothing after but spaces. */
          if (run >= fence && strspn (line + indent + run, " ") == strlen (line + indent + run))
            fence = 0;
          continue;
        }

      if (run >= 3)
        {
          fence = run;
          continue;
        }

      if (line[indent] == '#')
        g_ptr_array_add (headings, g_strdup (line + indent));
    }

  g_assert_cmpuint (fence, ==, 0);

  return headings;
}

static void
test_markdown (void)
{
  g_autoptr(VivaMockSession) session = crafted_session ();
  g_autoptr(GPtrArray) headings = NULL;
  g_autofree char *markdown = viva_mock_session_to_markdown (session, NULL);
  VivaMockItem *hostile = viva_mock_session_get_item (session, 1);

  g_test_message ("%s", markdown);

  /* Title, date, bank (escaped), totals. */
  g_assert_true (g_str_has_prefix (markdown, "# Mock Interview\n"));
  g_assert_nonnull (strstr (markdown, "2026"));
  g_assert_nonnull (strstr (markdown, "Python \\*Interview\\* Questions"));
  g_assert_nonnull (strstr (markdown, "11:12 of 22:00"));
  g_assert_nonnull (strstr (markdown, "Again 1, Hard 0, Good 1, Easy 0, Not rated 1"));
  g_assert_nonnull (strstr (markdown, "seed 99"));

  /* Each question: heading with level and topic, text, time, rating. */
  g_assert_nonnull (strstr (markdown, "### Question 42 (Level 1: Beginner · Strings)\n"));
  g_assert_nonnull (strstr (markdown, "### Question 801 (Level 5: Extreme / Architectural)\n"));
  g_assert_nonnull (strstr (markdown, "How do you reverse a string?"));
  g_assert_nonnull (strstr (markdown, "3:12 of 2:00 (1:12 over)"));
  g_assert_nonnull (strstr (markdown, "7:30 of 5:00 (2:30 over)"));
  g_assert_nonnull (strstr (markdown, "0:30 of 15:00, skipped"));
  g_assert_nonnull (strstr (markdown, "**Rating:** Good"));
  g_assert_nonnull (strstr (markdown, "**Rating:** Again"));
  g_assert_nonnull (strstr (markdown, "Use slicing: `s[::-1]`."));
  g_assert_nonnull (strstr (markdown, "*No answer.*"));

  /* Question text from the bank is escaped, not interpreted. */
  g_assert_nonnull (strstr (markdown, "What does \\_\\_init\\_\\_ do? \\# not a heading\\\n1\\. not a list\\\n\\---"));

  /* The hostile answer is there byte for byte, inside a fence that no
   * line of it can close: the only headings are the report's own. */
  g_assert_nonnull (strstr (markdown, viva_mock_item_get_answer (hostile)));
  g_assert_nonnull (strstr (markdown, "\n\n`````markdown\n### Injected heading\n"));
  g_assert_nonnull (strstr (markdown, "\n\n```markdown\nUse slicing"));
  headings = headings_outside_fences (markdown);
  g_assert_cmpuint (headings->len, ==, 1 + 2 + 3);
  for (guint i = 0; i < headings->len; i++)
    {
      const char *heading = g_ptr_array_index (headings, i);

      g_assert_true (g_str_equal (heading, "# Mock Interview") ||
                     g_str_equal (heading, "## By Level") ||
                     g_str_equal (heading, "## Questions") ||
                     g_str_has_prefix (heading, "### Question "));
    }
}


/* What Run Tests gave for two cases: one passed, one failed with what it
 * printed. */
static VivaChallengeResults *
two_results (void)
{
  const char *text = "{\"version\": 1, \"load_error\": null, \"cases\": [\n"
                     "{\"index\": 0, \"passed\": true, \"actual\": \"True\", \"stdout\": \"\", \"error\": null},\n"
                     "{\"index\": 1, \"passed\": false, \"actual\": \"False\", \"stdout\": \"ünï ␀\\n\", \"error\": null}]}\n";
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_code_case_free);
  g_autoptr(GError) error = NULL;
  VivaChallengeResults *results;

  g_ptr_array_add (cases, viva_code_case_new_with_check ("racecar", "is_palindrome('racecar')", VIVA_CODE_CASE_EXPECTED, "True"));
  g_ptr_array_add (cases, viva_code_case_new_with_check ("été", "is_palindrome('été')", VIVA_CODE_CASE_EXPECTED, "True"));
  results = viva_challenge_results_parse (text, strlen (text), cases, &error);
  g_assert_no_error (error);
  g_assert_nonnull (results);

  return results;
}

/* Results are equal when they write the same JSON. */
static char *
dup_results_json (VivaChallengeResults *results)
{
  VivaJsonWriter writer;
  g_autoptr(GBytes) bytes = NULL;

  viva_json_writer_init (&writer, 256);
  g_assert_true (viva_challenge_results_write (results, &writer));
  bytes = viva_json_writer_free_to_bytes (&writer);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
assert_results_same (VivaChallengeResults *a,
                     VivaChallengeResults *b)
{
  g_autofree char *ja = NULL;
  g_autofree char *jb = NULL;

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  ja = dup_results_json (a);
  jb = dup_results_json (b);
  g_assert_cmpstr (ja, ==, jb);
}

/* A coding question's code and output in the report: fenced as Python
 * and as text, in fences that neither can close; no "No answer." for a
 * question answered in code. */
static void
test_markdown_code (void)
{
  g_autoptr(VivaMockSession) session = crafted_session ();
  g_autoptr(GPtrArray) headings = NULL;
  g_autofree char *markdown = NULL;
  const char *code = "def f(s):\n    \"\"\"```\n# not a heading\n\"\"\"\n    return s[::-1]\n";
  const char *output = "````\n## Injected\n";

  g_assert_true (viva_mock_session_set_run_output (session, 2, code, output));
  g_assert_true (viva_mock_session_set_code (session, 0, "print(1)"));
  markdown = viva_mock_session_to_markdown (session, NULL);
  g_test_message ("%s", markdown);

  /* Question 42 has a typed answer and code: both. */
  g_assert_nonnull (strstr (markdown, "\n\n```markdown\nUse slicing: `s[::-1]`.\n```\n\n**Code:**\n\n```python\nprint(1)\n```\n"));

  /* Question 801: code and output, no "No answer.". */
  g_assert_null (strstr (markdown, "*No answer.*"));
  g_assert_nonnull (strstr (markdown, "**Code:**\n\n````python\ndef f(s):\n"));
  g_assert_nonnull (strstr (markdown, "**Output:**\n\n`````text\n````\n## Injected\n`````\n"));

  /* Never run: no output heading for question 42. */
  {
    const char *q42 = strstr (markdown, "### Question 42");
    const char *q43 = strstr (markdown, "### Question 43");

    g_assert_nonnull (q42);
    g_assert_nonnull (q43);
    g_assert_null (g_strstr_len (q42, q43 - q42, "**Output:**"));
  }

  headings = headings_outside_fences (markdown);
  g_assert_cmpuint (headings->len, ==, 1 + 2 + 3);

  /* Run Tests: the results as their own Markdown says them, after the
   * code; still no heading but the report's. */
  {
    g_autoptr(VivaChallengeResults) results = two_results ();
    g_autofree char *tests = viva_challenge_results_to_markdown (results);

    g_assert_true (viva_mock_session_set_test_results (session, 2, code, results));
    g_clear_pointer (&markdown, g_free);
    markdown = viva_mock_session_to_markdown (session, NULL);
    g_test_message ("%s", markdown);
    g_assert_nonnull (strstr (markdown, "`````\n\n**Tests:**\n\n**1 of 2 tests passed**\n"));
    g_assert_nonnull (strstr (markdown, tests));
    g_clear_pointer (&headings, g_ptr_array_unref);
    headings = headings_outside_fences (markdown);
    g_assert_cmpuint (headings->len, ==, 1 + 2 + 3);
  }

  /* A run that printed nothing says so. */
  g_clear_pointer (&markdown, g_free);
  g_assert_true (viva_mock_session_set_run_output (session, 0, "x = 1", ""));
  markdown = viva_mock_session_to_markdown (session, NULL);
  g_assert_nonnull (strstr (markdown, "```python\nx = 1\n```\n\n**Output:**\n\n*Nothing was printed.*\n"));
}

/* The store */

static const char *unicode_answers[] = {
  "Emoji 🐍🔥👩‍💻, CJK 列表推导式, RTL עברית العربية, combining e\xcc\x81 n\xcc\x83",
  "Line one\nLine two\r\n\ttabbed\n\nand \"quotes\", 'single', back\\slash \\n </script>",
  "Control \x01\x02\x1f\x7f, separators \xe2\x80\xa8\xe2\x80\xa9, BOM \xef\xbb\xbf, typed \\u0000",
};

static void
assert_sessions_equal (VivaMockSession *a,
                       VivaMockSession *b)
{
  g_assert_cmpstr (viva_mock_session_get_id (a), ==, viva_mock_session_get_id (b));
  g_assert_cmpstr (viva_mock_session_get_bank_id (a), ==, viva_mock_session_get_bank_id (b));
  g_assert_cmpstr (viva_mock_session_get_bank_title (a), ==, viva_mock_session_get_bank_title (b));
  g_assert_cmpint (viva_mock_session_get_created (a), ==, viva_mock_session_get_created (b));
  g_assert_cmpint (viva_mock_session_get_finished (a), ==, viva_mock_session_get_finished (b));
  g_assert_cmpuint (viva_mock_session_get_seed (a), ==, viva_mock_session_get_seed (b));
  g_assert_cmpint (viva_mock_session_get_random_order (a), ==, viva_mock_session_get_random_order (b));
  g_assert_cmpint (viva_mock_session_get_budget_mode (a), ==, viva_mock_session_get_budget_mode (b));
  g_assert_cmpint (viva_mock_session_get_total_budget (a), ==, viva_mock_session_get_total_budget (b));
  g_assert_cmpint (viva_mock_session_get_auto_advance (a), ==, viva_mock_session_get_auto_advance (b));
  g_assert_cmpuint (viva_mock_session_get_current (a), ==, viva_mock_session_get_current (b));
  g_assert_cmpint (viva_mock_session_get_state (a), ==, viva_mock_session_get_state (b));
  g_assert_cmpuint (viva_mock_session_get_n_items (a), ==, viva_mock_session_get_n_items (b));

  for (guint i = 0; i < viva_mock_session_get_n_items (a); i++)
    {
      VivaMockItem *ia = viva_mock_session_get_item (a, i);
      VivaMockItem *ib = viva_mock_session_get_item (b, i);

      g_assert_cmpuint (viva_mock_item_get_number (ia), ==, viva_mock_item_get_number (ib));
      g_assert_cmpuint (viva_mock_item_get_level_number (ia), ==, viva_mock_item_get_level_number (ib));
      g_assert_cmpstr (viva_mock_item_get_level_title (ia), ==, viva_mock_item_get_level_title (ib));
      g_assert_cmpstr (viva_mock_item_get_topic_name (ia), ==, viva_mock_item_get_topic_name (ib));
      g_assert_cmpstr (viva_mock_item_get_question_text (ia), ==, viva_mock_item_get_question_text (ib));
      g_assert_cmpint (viva_mock_item_get_budget (ia), ==, viva_mock_item_get_budget (ib));
      g_assert_cmpint (viva_mock_item_get_spent (ia), ==, viva_mock_item_get_spent (ib));
      g_assert_cmpint (viva_mock_item_get_skipped (ia), ==, viva_mock_item_get_skipped (ib));
      g_assert_cmpstr (viva_mock_item_get_answer (ia), ==, viva_mock_item_get_answer (ib));
      g_assert_cmpint (viva_mock_item_get_rating (ia), ==, viva_mock_item_get_rating (ib));
    }
}

static void
test_store_round_trip (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaMockSetup) setup = viva_mock_setup_new ();
  g_autoptr(VivaSessionStore) store = load_store (NULL);
  g_autoptr(VivaSessionStore) reread = NULL;
  g_autoptr(VivaMockSession) session = NULL;
  g_autoptr(VivaMockSession) total = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *bak_path = NULL;
  GListModel *sessions;
  gint64 spent[6] = { SECONDS (61), SECONDS (1), 0, MINUTES (300), 1, 0 };
  gboolean skipped[6] = { FALSE, TRUE, FALSE, FALSE, TRUE, FALSE };
  struct stat st;

  viva_mock_setup_set_n_questions (setup, 6);
  viva_mock_setup_set_level_chosen (setup, 5, TRUE);
  viva_mock_setup_set_topic_chosen (setup, 1, "Strings", TRUE);
  viva_mock_setup_set_auto_advance (setup, TRUE);
  viva_mock_setup_set_seed (setup, G_MAXUINT64);
  session = new_session (bank, setup);
  g_assert_cmpuint (viva_mock_session_get_seed (session), ==, G_MAXUINT64);

  add_session (store, session);
  for (guint i = 0; i < G_N_ELEMENTS (unicode_answers); i++)
    g_assert_true (viva_mock_session_set_answer (session, i, unicode_answers[i]));
  g_assert_true (viva_mock_session_set_rating (session, 0, VIVA_MOCK_RATING_AGAIN));
  g_assert_true (viva_mock_session_set_rating (session, 1, VIVA_MOCK_RATING_HARD));
  g_assert_true (viva_mock_session_set_rating (session, 2, VIVA_MOCK_RATING_GOOD));
  g_assert_true (viva_mock_session_set_rating (session, 3, VIVA_MOCK_RATING_EASY));
  g_assert_true (set_progress (session, 4, spent, skipped, VIVA_MOCK_SESSION_STATE_PAUSED));

  /* Once only. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (viva_session_store_add (store, session, &error));
    g_assert_error (error, VIVA_SESSION_STORE_ERROR, VIVA_SESSION_STORE_ERROR_EXISTS);
  }

  viva_mock_setup_set_budget_mode (setup, VIVA_MOCK_BUDGET_TOTAL);
  viva_mock_setup_set_random_order (setup, FALSE);
  total = new_session (bank, setup);
  add_session (store, total);
  g_assert_true (viva_mock_session_set_state (total, VIVA_MOCK_SESSION_STATE_FINISHED));

  flush_store (store);

  /* Private files in a private folder. */
  path = session_path (session);
  dir = g_path_get_dirname (path);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* Saved when added, then again: the first version is the backup. */
  bak_path = g_strconcat (path, ".bak", NULL);
  g_assert_true (g_file_test (bak_path, G_FILE_TEST_IS_REGULAR));

  reread = load_store (NULL);
  sessions = viva_session_store_get_sessions (reread);
  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, 2);
  assert_sessions_equal (session, find_session (sessions, viva_mock_session_get_id (session)));
  assert_sessions_equal (total, find_session (sessions, viva_mock_session_get_id (total)));

  /* Newest first. */
  {
    g_autoptr(VivaMockSession) first = g_list_model_get_item (sessions, 0);

    g_assert_true (viva_mock_session_get_created (first) >= viva_mock_session_get_created (session));
    g_assert_cmpstr (viva_mock_session_get_id (first), ==, viva_mock_session_get_id (total));
  }
}

static void
test_store_resume (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaSessionStore) store = load_store (NULL);
  g_autoptr(VivaSessionStore) reread = NULL;
  g_autoptr(VivaMockSession) paused = new_session_of (bank, 4, 1);
  g_autoptr(VivaMockSession) finished = new_session_of (bank, 4, 2);
  g_autoptr(VivaMockSession) not_started = new_session_of (bank, 4, 3);
  gint64 spent[4] = { SECONDS (100), SECONDS (50), 0, 0 };
  gboolean skipped[4] = { FALSE, FALSE, FALSE, FALSE };
  VivaMockSession *unfinished;

  g_assert_null (viva_session_store_get_unfinished (store));

  add_session (store, paused);
  add_session (store, finished);
  add_session (store, not_started);

  /* Interrupted mid-question: the last copy from the timer was running. */
  g_assert_true (viva_mock_session_set_answer (paused, 0, "typed before the crash"));
  g_assert_true (set_progress (paused, 1, spent, skipped, VIVA_MOCK_SESSION_STATE_RUNNING));
  g_assert_true (set_progress (finished, 1, spent, skipped, VIVA_MOCK_SESSION_STATE_RUNNING));
  g_assert_true (viva_mock_session_set_state (finished, VIVA_MOCK_SESSION_STATE_FINISHED));

  g_assert_true (viva_session_store_get_unfinished (store) == paused);
  flush_store (store);

  /* The next start. */
  reread = load_store (NULL);
  unfinished = viva_session_store_get_unfinished (reread);
  g_assert_nonnull (unfinished);
  g_assert_cmpstr (viva_mock_session_get_id (unfinished), ==, viva_mock_session_get_id (paused));
  g_assert_cmpint (viva_mock_session_get_state (unfinished), ==, VIVA_MOCK_SESSION_STATE_RUNNING);
  g_assert_cmpuint (viva_mock_session_get_current (unfinished), ==, 1);
  g_assert_cmpint (viva_mock_item_get_spent (viva_mock_session_get_item (unfinished, 0)), ==, SECONDS (100));
  g_assert_cmpstr (viva_mock_item_get_answer (viva_mock_session_get_item (unfinished, 0)), ==, "typed before the crash");

  /* The page resumes it paused, then finishes it: nothing to resume. */
  g_assert_true (viva_mock_session_set_state (unfinished, VIVA_MOCK_SESSION_STATE_PAUSED));
  g_assert_true (viva_session_store_get_unfinished (reread) == unfinished);
  g_assert_true (viva_mock_session_set_state (unfinished, VIVA_MOCK_SESSION_STATE_FINISHED));
  g_assert_null (viva_session_store_get_unfinished (reread));
  flush_store (reread);
}

static char *
damaged_path (const char *id)
{
  g_autofree char *dir = viva_session_store_dup_default_dir ();
  g_autofree char *name = g_strconcat (id, ".json", NULL);

  return g_build_filename (dir, name, NULL);
}

static VivaSessionProblem *
find_problem (GPtrArray  *problems,
              const char *path)
{
  for (guint i = 0; i < problems->len; i++)
    {
      VivaSessionProblem *problem = g_ptr_array_index (problems, i);

      if (g_strcmp0 (problem->path, path) == 0)
        return problem;
    }

  return NULL;
}

static void
test_store_damaged_among_good (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaSessionStore) store = load_store (NULL);
  g_autoptr(VivaSessionStore) reread = NULL;
  g_autoptr(VivaMockSession) first = new_session_of (bank, 3, 1);
  g_autoptr(VivaMockSession) second = new_session_of (bank, 3, 2);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GBytes) good_bytes = NULL;
  g_autofree char *good_text = NULL;
  g_autofree char *wrong_types = NULL;
  g_autofree char *deep = NULL;
  g_autofree char *first_path = NULL;
  g_autofree char *not_an_id = NULL;
  g_autofree char *dir = viva_session_store_dup_default_dir ();
  GListModel *sessions;
  struct {
    const char *id;
    const char *data;
    gsize       len;
  } damaged[] = {
    { "2026-01-01T00-00-00-00000001", "{\"format\": \"viva-mock-session\", \"version\": 1, \"id\": ", 0 },
    { "2026-01-01T00-00-00-00000002", NULL, 0 },
    { "2026-01-01T00-00-00-00000003", NULL, 0 },
    { "2026-01-01T00-00-00-00000004", "", 0 },
    { "2026-01-01T00-00-00-00000005", "{\"format\": \"viva-notes\", \"version\": 1}", 0 },
  };

  add_session (store, first);
  add_session (store, second);
  g_assert_true (viva_mock_session_set_answer (first, 0, "first answer"));
  g_assert_true (viva_mock_session_set_answer (second, 0, "second answer"));
  flush_store (store);
  g_clear_object (&store);

  /* Wrong types: a good file with one number made a string. */
  first_path = session_path (first);
  good_bytes = read_file (first_path);
  good_text = g_strndup (g_bytes_get_data (good_bytes, NULL), g_bytes_get_size (good_bytes));
  {
    GString *text = g_string_new (good_text);

    g_string_replace (text, viva_mock_session_get_id (first), damaged[1].id, 0);
    g_assert_cmpuint (g_string_replace (text, "\"spent\" : 0", "\"spent\" : \"0\"", 1), ==, 1);
    wrong_types = g_string_free (text, FALSE);
  }
  damaged[1].data = wrong_types;

  /* Nesting that would crash json-glib. */
  deep = g_strnfill (200000, '[');
  damaged[2].data = deep;

  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_autofree char *path = damaged_path (damaged[i].id);

      damaged[i].len = strlen (damaged[i].data);
      write_file (path, damaged[i].data, damaged[i].len);
      /* As an editor or a sync tool may leave it. */
      g_assert_cmpint (chmod (path, 0644), ==, 0);
    }

  /* Not a session's name: reported, left alone. */
  not_an_id = g_build_filename (dir, "-my notes.json", NULL);
  write_file (not_an_id, "{}", 2);

  reread = load_store (&problems);
  sessions = viva_session_store_get_sessions (reread);

  /* Both good ones load. */
  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, 2);
  g_assert_cmpstr (viva_mock_item_get_answer (viva_mock_session_get_item (find_session (sessions, viva_mock_session_get_id (first)), 0)),
                   ==, "first answer");
  g_assert_cmpstr (viva_mock_item_get_answer (viva_mock_session_get_item (find_session (sessions, viva_mock_session_get_id (second)), 0)),
                   ==, "second answer");

  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (damaged) + 1);

  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_autofree char *path = damaged_path (damaged[i].id);
      VivaSessionProblem *problem = find_problem (problems, path);
      g_autoptr(GBytes) kept = NULL;

      g_assert_nonnull (problem);
      g_test_message ("%s: %s", problem->path, problem->message);
      g_assert_cmpstr (problem->message, !=, "");
      g_assert_false (problem->restored_from_backup);

      /* Moved aside byte for byte, never rewritten. */
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      g_assert_nonnull (problem->moved_aside_path);
      g_assert_true (g_str_has_prefix (problem->moved_aside_path, path));
      g_assert_nonnull (strstr (problem->moved_aside_path, ".corrupt-"));
      kept = read_file (problem->moved_aside_path);
      g_assert_cmpmem (g_bytes_get_data (kept, NULL), g_bytes_get_size (kept),
                       damaged[i].data, damaged[i].len);

      /* It holds the user's answers: only its owner may read it. */
      {
        struct stat st;

        g_assert_cmpint (stat (problem->moved_aside_path, &st), ==, 0);
        g_assert_cmpint (st.st_mode & 07777, ==, 0600);
      }
    }

  {
    g_autofree char *deep_path = damaged_path (damaged[2].id);
    g_autofree char *wrong_types_path = damaged_path (damaged[1].id);

    g_assert_nonnull (strstr (find_problem (problems, deep_path)->message, "nest"));
    g_assert_nonnull (strstr (find_problem (problems, wrong_types_path)->message, "spent"));
  }

  g_assert_nonnull (find_problem (problems, not_an_id));
  g_assert_null (find_problem (problems, not_an_id)->moved_aside_path);
  g_assert_true (g_file_test (not_an_id, G_FILE_TEST_EXISTS));

  /* Reported once: the next start is clean but for the stranger. */
  flush_store (reread);
  g_clear_object (&reread);
  g_clear_pointer (&problems, g_ptr_array_unref);
  reread = load_store (&problems);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (viva_session_store_get_sessions (reread)), ==, 2);
}

static void
test_store_damaged_restored_from_backup (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaSessionStore) store = load_store (NULL);
  g_autoptr(VivaSessionStore) reread = NULL;
  g_autoptr(VivaSessionStore) third = NULL;
  g_autoptr(VivaMockSession) session = new_session_of (bank, 2, 1);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *path = NULL;
  VivaSessionProblem *problem;
  VivaMockSession *restored;

  add_session (store, session);
  g_assert_true (viva_mock_session_set_answer (session, 0, "saved once"));
  flush_store (store);
  g_assert_true (viva_mock_session_set_answer (session, 0, "saved twice"));
  flush_store (store);
  g_clear_object (&store);

  path = session_path (session);
  write_file (path, "{ damaged", -1);

  reread = load_store (&problems);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (problem->path, ==, path);
  g_assert_true (problem->restored_from_backup);
  g_assert_nonnull (problem->moved_aside_path);

  restored = find_session (viva_session_store_get_sessions (reread), viva_mock_session_get_id (session));
  g_assert_nonnull (restored);
  g_assert_cmpstr (viva_mock_item_get_answer (viva_mock_session_get_item (restored, 0)), ==, "saved once");

  /* The file is put back. */
  g_assert_true (viva_document_store_get_dirty (VIVA_DOCUMENT_STORE (reread)));
  flush_store (reread);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  g_clear_pointer (&problems, g_ptr_array_unref);
  third = load_store (NULL);
  g_assert_nonnull (find_session (viva_session_store_get_sessions (third), viva_mock_session_get_id (session)));
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} SaveResult;

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SaveResult *res = user_data;

  res->ok = viva_session_store_save_finish (VIVA_SESSION_STORE (object), result, &res->error);
  res->done = TRUE;
}

static gboolean
save_and_wait (VivaSessionStore  *store,
               VivaMockSession   *session,
               GError           **error)
{
  SaveResult res = { FALSE, FALSE, NULL };

  viva_session_store_save_async (store, session, NULL, save_cb, &res);
  wait_until (flag_is_set, &res.done, "save_async to finish");

  if (res.error != NULL)
    g_propagate_error (error, res.error);

  return res.ok;
}

static void
test_store_future_version (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaSessionStore) store = load_store (NULL);
  g_autoptr(VivaSessionStore) reread = NULL;
  g_autoptr(VivaMockSession) session = new_session_of (bank, 2, 1);
  g_autoptr(VivaMockSession) unreadable = new_session_of (bank, 2, 2);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GBytes) future_bytes = NULL;
  g_autoptr(GBytes) unreadable_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = session_path (session);
  g_autofree char *unreadable_path = session_path (unreadable);
  g_autofree char *bak_path = NULL;
  VivaMockSession *listed;

  add_session (store, session);
  add_session (store, unreadable);
  g_assert_true (viva_mock_session_set_state (session, VIVA_MOCK_SESSION_STATE_PAUSED));
  flush_store (store);
  g_clear_object (&store);

  /* Written by a newer Viva: one that we can still show, one that we
   * cannot. */
  {
    g_autoptr(GBytes) bytes = read_file (path);
    GString *text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

    g_assert_cmpuint (g_string_replace (text, "\"version\" : 1", "\"version\" : 3", 1), ==, 1);
    write_file (path, text->str, text->len);
    future_bytes = g_string_free_to_bytes (text);
  }
  {
    const char *text = "{\"format\": \"viva-mock-session\", \"version\": 3, \"everything\": \"different\"}";

    write_file (unreadable_path, text, -1);
    unreadable_bytes = g_bytes_new (text, strlen (text));
  }

  bak_path = g_strconcat (path, ".bak", NULL);
  g_unlink (bak_path);

  reread = load_store (&problems);

  /* The readable one is listed, read-only, and not offered to resume. */
  listed = find_session (viva_session_store_get_sessions (reread), viva_mock_session_get_id (session));
  g_assert_nonnull (listed);
  g_assert_true (viva_mock_session_get_read_only (listed));
  g_assert_null (viva_session_store_get_unfinished (reread));
  g_assert_false (viva_mock_session_set_answer (listed, 0, "edit"));
  g_assert_false (viva_document_store_get_dirty (VIVA_DOCUMENT_STORE (reread)));

  /* The other is reported, and stays where it is. */
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((VivaSessionProblem *) g_ptr_array_index (problems, 0))->path, ==, unreadable_path);
  g_assert_null (((VivaSessionProblem *) g_ptr_array_index (problems, 0))->moved_aside_path);

  /* Nothing writes them. */
  g_assert_false (save_and_wait (reread, listed, &error));
  g_assert_error (error, VIVA_SESSION_STORE_ERROR, VIVA_SESSION_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_assert_false (viva_document_store_delete (VIVA_DOCUMENT_STORE (reread), listed, &error));
  g_assert_error (error, VIVA_SESSION_STORE_ERROR, VIVA_SESSION_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  flush_store (reread);
  g_clear_object (&reread);

  {
    g_autoptr(GBytes) now = read_file (path);
    g_autoptr(GBytes) other = read_file (unreadable_path);

    g_assert_true (g_bytes_equal (now, future_bytes));
    g_assert_true (g_bytes_equal (other, unreadable_bytes));
  }
  g_assert_false (g_file_test (bak_path, G_FILE_TEST_EXISTS));
}

/* A version too large to be a number was written by a newer Viva, as
 * any larger version is: listed read-only, not moved aside as damaged.
 * A negative one is damage, however large. */
static void
test_store_version_too_large (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaSessionStore) store = load_store (NULL);
  g_autoptr(VivaSessionStore) reread = NULL;
  g_autoptr(VivaMockSession) newer = new_session_of (bank, 2, 1);
  g_autoptr(VivaMockSession) negative = new_session_of (bank, 2, 2);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GBytes) newer_bytes = NULL;
  g_autofree char *newer_path = session_path (newer);
  g_autofree char *negative_path = session_path (negative);
  VivaSessionProblem *problem;
  VivaMockSession *listed;

  add_session (store, newer);
  add_session (store, negative);
  flush_store (store);
  g_clear_object (&store);

  {
    g_autoptr(GBytes) bytes = read_file (newer_path);
    GString *text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

    g_assert_cmpuint (g_string_replace (text, "\"version\" : 1", "\"version\" : 99999999999999999999999", 1), ==, 1);
    write_file (newer_path, text->str, text->len);
    newer_bytes = g_string_free_to_bytes (text);
  }
  {
    g_autoptr(GBytes) bytes = read_file (negative_path);
    g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

    g_assert_cmpuint (g_string_replace (text, "\"version\" : 1", "\"version\" : -99999999999999999999999", 1), ==, 1);
    write_file (negative_path, text->str, text->len);
  }

  reread = load_store (&problems);

  listed = find_session (viva_session_store_get_sessions (reread), viva_mock_session_get_id (newer));
  g_assert_nonnull (listed);
  g_assert_true (viva_mock_session_get_read_only (listed));

  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_test_message ("%s: %s", problem->path, problem->message);
  g_assert_cmpstr (problem->path, ==, negative_path);
  g_assert_nonnull (strstr (problem->message, "-99999999999999999999999"));
  g_assert_nonnull (problem->moved_aside_path);

  flush_store (reread);
  g_clear_object (&reread);

  {
    g_autoptr(GBytes) now = read_file (newer_path);

    g_assert_true (g_bytes_equal (now, newer_bytes));
  }
}

static void
test_store_newer_on_disk (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaSessionStore) store = load_store (NULL);
  g_autoptr(VivaMockSession) session = new_session_of (bank, 2, 1);
  g_autoptr(GBytes) future_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = session_path (session);

  add_session (store, session);
  flush_store (store);

  /* A newer Viva on another machine writes the same session. */
  {
    g_autoptr(GBytes) bytes = read_file (path);
    GString *text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

    g_string_replace (text, "\"version\" : 1", "\"version\" : 3", 1);
    /* A different size: the stamp changes even within one tick. */
    g_string_append (text, "\n");
    write_file (path, text->str, text->len);
    future_bytes = g_string_free_to_bytes (text);
  }

  g_assert_true (viva_mock_session_set_answer (session, 0, "not to be written"));
  g_assert_false (save_and_wait (store, session, &error));
  g_assert_error (error, VIVA_SESSION_STORE_ERROR, VIVA_SESSION_STORE_ERROR_READ_ONLY);
  g_assert_true (viva_mock_session_get_read_only (session));
  g_assert_nonnull (viva_document_store_get_save_error (VIVA_DOCUMENT_STORE (store)));

  flush_store (store);
  {
    g_autoptr(GBytes) now = read_file (path);

    g_assert_true (g_bytes_equal (now, future_bytes));
  }
}

/* A write that fails leaves the file as it was, keeps the change in
 * memory and says why; a later write puts the change on disk. */
static void
test_store_failed_write_kept (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaSessionStore) store = load_store (NULL);
  g_autoptr(VivaSessionStore) reread = NULL;
  g_autoptr(VivaMockSession) session = new_session_of (bank, 2, 1);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = session_path (session);
  g_autofree char *lock_path = g_build_filename (viva_document_store_get_dir (VIVA_DOCUMENT_STORE (store)),
                                                ".lock", NULL);

  add_session (store, session);
  flush_store (store);
  before = read_file (path);

  /* A folder where the lock should be stops every write, even as root. */
  g_assert_cmpint (g_remove (lock_path), ==, 0);
  g_assert_cmpint (g_mkdir (lock_path, 0700), ==, 0);

  g_assert_true (viva_mock_session_set_answer (session, 0, "kept in memory"));
  g_assert_false (save_and_wait (store, session, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);
  g_assert_true (viva_document_store_get_dirty (VIVA_DOCUMENT_STORE (store)));
  g_assert_nonnull (strstr (viva_document_store_get_save_error (VIVA_DOCUMENT_STORE (store)), path));

  g_assert_false (viva_session_store_flush (store, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_true (viva_document_store_get_dirty (VIVA_DOCUMENT_STORE (store)));
  {
    g_autoptr(GBytes) now = read_file (path);

    g_assert_true (g_bytes_equal (now, before));
  }

  g_assert_cmpint (g_rmdir (lock_path), ==, 0);
  flush_store (store);
  g_assert_null (viva_document_store_get_save_error (VIVA_DOCUMENT_STORE (store)));

  reread = load_store (NULL);
  g_assert_cmpstr (viva_mock_item_get_answer (viva_mock_session_get_item (find_session (viva_session_store_get_sessions (reread),
                                                                                         viva_mock_session_get_id (session)), 0)),
                   ==, "kept in memory");
  drain_main_context ();
}

static void
test_store_autosave (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaSessionStore) store = load_store (NULL);
  g_autoptr(VivaSessionStore) reread = NULL;
  g_autoptr(VivaMockSession) session = new_session_of (bank, 3, 1);
  g_autofree char *path = session_path (session);

  g_assert_cmpuint (viva_document_store_get_autosave_delay (VIVA_DOCUMENT_STORE (store)), ==, 1000);
  viva_document_store_set_autosave_delay (VIVA_DOCUMENT_STORE (store), 20);

  /* Added: on disk before the first answer. */
  add_session (store, session);
  g_assert_true (viva_document_store_get_dirty (VIVA_DOCUMENT_STORE (store)));
  wait_until (store_is_saved, store, "the first save");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* Typing: a burst of changes, then one save some time later. */
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *text = g_strdup_printf ("typing %u", i);

      g_assert_true (viva_mock_session_set_answer (session, 1, text));
    }
  g_assert_true (viva_document_store_get_dirty (VIVA_DOCUMENT_STORE (store)));
  wait_until (store_is_saved, store, "autosave");
  g_assert_null (viva_document_store_get_save_error (VIVA_DOCUMENT_STORE (store)));

  reread = load_store (NULL);
  g_assert_cmpstr (viva_mock_item_get_answer (viva_mock_session_get_item (find_session (viva_session_store_get_sessions (reread),
                                                                                         viva_mock_session_get_id (session)), 1)),
                   ==, "typing 49");
  drain_main_context ();
}

static void
test_store_delete (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaSessionStore) store = load_store (NULL);
  g_autoptr(VivaSessionStore) reread = NULL;
  g_autoptr(VivaMockSession) kept = new_session_of (bank, 2, 1);
  g_autoptr(VivaMockSession) deleted = new_session_of (bank, 2, 2);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = session_path (deleted);
  g_autofree char *bak_path = g_strconcat (path, ".bak", NULL);

  add_session (store, kept);
  add_session (store, deleted);
  g_assert_true (viva_mock_session_set_answer (deleted, 0, "soon gone"));
  flush_store (store);
  g_assert_true (g_file_test (bak_path, G_FILE_TEST_EXISTS));

  /* A change pending when it is deleted is not written back. */
  g_assert_true (viva_mock_session_set_answer (deleted, 0, "changed"));
  g_assert_true (viva_document_store_delete (VIVA_DOCUMENT_STORE (store), deleted, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (bak_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (g_list_model_get_n_items (viva_session_store_get_sessions (store)), ==, 1);

  g_assert_false (viva_document_store_delete (VIVA_DOCUMENT_STORE (store), deleted, &error));
  g_assert_error (error, VIVA_SESSION_STORE_ERROR, VIVA_SESSION_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  flush_store (store);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  reread = load_store (NULL);
  g_assert_cmpuint (g_list_model_get_n_items (viva_session_store_get_sessions (reread)), ==, 1);
}

typedef struct
{
  gboolean    done;
  GListModel *sessions;
  GPtrArray  *problems;
} LoadAsync;

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  LoadAsync *load = user_data;
  g_autoptr(GError) error = NULL;

  load->sessions = viva_document_store_load_finish (VIVA_DOCUMENT_STORE (object), result,
                                                    &load->problems, &error);
  g_assert_no_error (error);
  load->done = TRUE;
}

static void
test_store_load_async (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaSessionStore) store = load_store (NULL);
  g_autoptr(VivaSessionStore) reread = viva_session_store_new (NULL);
  g_autoptr(VivaMockSession) session = new_session_of (bank, 2, 1);
  g_autofree char *damaged = damaged_path ("2026-01-01T00-00-00-0000000a");
  LoadAsync load = { FALSE, NULL, NULL };

  add_session (store, session);
  flush_store (store);
  write_file (damaged, "[}", -1);

  viva_document_store_load_async (VIVA_DOCUMENT_STORE (reread), NULL, load_cb, &load);
  wait_until (flag_is_set, &load.done, "the sessions to load");

  g_assert_true (load.sessions == viva_session_store_get_sessions (reread));
  g_assert_cmpuint (g_list_model_get_n_items (load.sessions), ==, 1);
  g_assert_cmpuint (load.problems->len, ==, 1);
  g_ptr_array_unref (load.problems);
}

/* The summary page and the Markdown report share one way of saying a
 * time against its budget, overtime included. */
static void
test_format_time_of_budget (void)
{
  g_autofree char *none = viva_format_time_of_budget (192 * G_USEC_PER_SEC, 0);
  g_autofree char *under = viva_format_time_of_budget (192 * G_USEC_PER_SEC, 300 * G_USEC_PER_SEC);
  g_autofree char *over = viva_format_time_of_budget (450 * G_USEC_PER_SEC, 300 * G_USEC_PER_SEC);
  g_autofree char *just = viva_format_time_of_budget (300 * G_USEC_PER_SEC + 400000, 300 * G_USEC_PER_SEC);

  g_assert_cmpstr (none, ==, "3:12");
  g_assert_cmpstr (under, ==, "3:12 of 5:00");
  g_assert_cmpstr (over, ==, "7:30 of 5:00 (2:30 over)");
  /* Whole seconds, as shown: 5:00.4 is not past 5:00. */
  g_assert_cmpstr (just, ==, "5:00 of 5:00");
}

/* A question is over time when the time shown is: 5:00.4 of 5:00 reads
 * "5:00 of 5:00", so the summary's "N over time" must not count it
 * either, while 5:01 of 5:00 is counted and says "(0:01 over)". */
static void
test_overtime_as_shown (void)
{
  g_autoptr(VivaMockSession) session = NULL;
  g_autoptr(GArray) levels = NULL;
  VivaMockLevelTotals overall;
  VivaMockItemData items[] = {
    { 42, 1, (char *) "Level 1: Beginner", (char *) "Strings",
      (char *) "How do you reverse a string?", MINUTES (5), SECONDS (300) + 400000, FALSE,
      (char *) "", VIVA_MOCK_RATING_NONE },
    { 43, 1, (char *) "Level 1: Beginner", (char *) "Strings",
      (char *) "What does __init__ do?", MINUTES (5), SECONDS (301), FALSE,
      (char *) "", VIVA_MOCK_RATING_NONE },
  };

  session = _viva_mock_session_new_loaded ("2026-11-24T12-00-00-0000abcd", VIVA_BUNDLED_BANK_ID,
                                           "Python Interview Questions", SECONDS (1795521600),
                                           2, TRUE, VIVA_MOCK_BUDGET_PER_LEVEL, 0, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    _viva_mock_session_append_item (session, &items[i]);
  _viva_mock_session_load_progress (session, 1, VIVA_MOCK_SESSION_STATE_FINISHED, SECONDS (1795522200));

  g_assert_false (viva_time_is_over_budget (items[0].spent, items[0].budget));
  g_assert_true (viva_time_is_over_budget (items[1].spent, items[1].budget));
  g_assert_false (viva_time_is_over_budget (SECONDS (900), 0));

  levels = viva_mock_session_get_level_totals (session, &overall);
  g_assert_cmpuint (overall.n_overtime, ==, 1);
}

/* A session file written before the timer wrote into the session (by
 * the app on main, paused mid-interview: tests/data/) loads, is timed
 * again as the page resumes it, and is written back byte for byte. */
static void
test_store_rewrites_older_file (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "mock-session-v1-paused.json", NULL);
  g_autoptr(GBytes) before = read_file (fixture);
  g_autofree char *dir = viva_session_store_dup_default_dir ();
  g_autofree char *path = NULL;
  g_autoptr(VivaSessionStore) store = NULL;
  g_autoptr(VivaMockTimer) timer = NULL;
  g_autoptr(VivaClock) clock = viva_clock_new_fake (0);
  g_autoptr(GBytes) after = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *name = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  VivaMockSession *session;

  /* Under its own name, as the store keeps it. */
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (before, NULL), g_bytes_get_size (before), NULL));
  name = g_strconcat (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "id"),
                      ".json", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (before, NULL), g_bytes_get_size (before), NULL));

  store = load_store (NULL);
  session = viva_session_store_get_unfinished (store);
  g_assert_nonnull (session);
  g_assert_cmpint (viva_mock_session_get_state (session), ==, VIVA_MOCK_SESSION_STATE_PAUSED);

  /* Resumed as the page does, then left as it was: the figures the file
   * holds are the timer's, with nothing copied. */
  timer = viva_mock_timer_new (clock, session);
  g_assert_nonnull (timer);
  g_assert_cmpint (viva_mock_timer_get_state (timer), ==, VIVA_MOCK_TIMER_STATE_PAUSED);
  viva_mock_timer_checkpoint (timer);
  answer = g_strdup (viva_mock_item_get_answer (viva_mock_session_get_item (session, 0)));
  g_assert_true (viva_mock_session_set_answer (session, 0, "changed, then changed back"));
  g_assert_true (viva_mock_session_set_answer (session, 0, answer));
  flush_store (store);

  after = read_file (path);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after),
                   g_bytes_get_data (before, NULL), g_bytes_get_size (before));
}


/* Coding questions: the code pad kept in the file */


static gboolean
file_has (const char *path,
          const char *needle)
{
  g_autoptr(GBytes) bytes = read_file (path);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return strstr (text, needle) != NULL;
}

static void
test_session_code_setters (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaMockSession) session = new_session_of (bank, 2, 1);
  VivaMockItem *item = viva_mock_session_get_item (session, 0);
  g_autofree char *too_long = g_strnfill (VIVA_MOCK_CODE_MAX_SIZE + 1, 'x');
  g_autofree char *long_output = NULL;
  SignalCount count = { 0, 0 };

  g_signal_connect (session, "changed", G_CALLBACK (count_changed_cb), &count);

  /* Nothing kept until the pad is used. */
  g_assert_false (viva_mock_session_get_has_code (session));
  g_assert_false (viva_mock_item_has_code (item));
  g_assert_null (viva_mock_item_get_code (item));
  g_assert_null (viva_mock_item_get_output (item));
  g_assert_null (viva_mock_item_get_test_results (item));

  g_assert_true (viva_mock_session_set_code (session, 0, "def f():\n    return 1\n"));
  g_assert_cmpstr (viva_mock_item_get_code (item), ==, "def f():\n    return 1\n");
  g_assert_true (viva_mock_session_get_has_code (session));
  g_assert_cmpuint (count.changed, ==, 1);

  /* The same code again is no change; too long is refused, keeping it. */
  g_assert_true (viva_mock_session_set_code (session, 0, "def f():\n    return 1\n"));
  g_assert_cmpuint (count.changed, ==, 1);
  g_assert_false (viva_mock_session_set_code (session, 0, too_long));
  g_assert_cmpstr (viva_mock_item_get_code (item), ==, "def f():\n    return 1\n");

  /* A run keeps its code with its output. */
  g_assert_true (viva_mock_session_set_run_output (session, 0, "print('é')\n", "é\n"));
  g_assert_cmpstr (viva_mock_item_get_code (item), ==, "print('é')\n");
  g_assert_cmpstr (viva_mock_item_get_output (item), ==, "é\n");
  g_assert_cmpuint (count.changed, ==, 2);

  /* An output longer than is kept is cut at a character, marked. */
  {
    GString *text = g_string_new (NULL);

    while (text->len <= VIVA_MOCK_OUTPUT_MAX_SIZE)
      g_string_append (text, "ünïcode ");
    long_output = g_string_free (text, FALSE);
  }
  g_assert_true (viva_mock_session_set_run_output (session, 0, "print('é')\n", long_output));
  g_assert_cmpuint (strlen (viva_mock_item_get_output (item)), <=, VIVA_MOCK_OUTPUT_MAX_SIZE);
  g_assert_true (g_utf8_validate (viva_mock_item_get_output (item), -1, NULL));
  g_assert_true (g_str_has_suffix (viva_mock_item_get_output (item), "…"));
  g_assert_cmpint (strncmp (long_output, viva_mock_item_get_output (item),
                            strlen (viva_mock_item_get_output (item)) - strlen ("…")), ==, 0);

  /* Run Tests keeps a copy of its results, with its code. */
  {
    g_autoptr(VivaChallengeResults) results = two_results ();

    g_assert_true (viva_mock_session_set_test_results (session, 1, "def is_palindrome(s): ...", results));
    g_assert_true (viva_mock_item_get_test_results (viva_mock_session_get_item (session, 1)) != results);
    assert_results_same (results, viva_mock_item_get_test_results (viva_mock_session_get_item (session, 1)));
    g_assert_cmpstr (viva_mock_item_get_code (viva_mock_session_get_item (session, 1)), ==, "def is_palindrome(s): ...");
    g_assert_null (viva_mock_item_get_output (viva_mock_session_get_item (session, 1)));
  }

  /* Read-only: nothing changes. */
  viva_mock_session_set_read_only (session, TRUE);
  g_assert_false (viva_mock_session_set_code (session, 1, "x = 1\n"));
  g_assert_false (viva_mock_session_set_run_output (session, 1, "x = 1\n", ""));
  g_assert_false (viva_mock_session_set_test_results (session, 1, "x = 1\n", NULL));
  g_assert_cmpstr (viva_mock_item_get_code (viva_mock_session_get_item (session, 1)), ==, "def is_palindrome(s): ...");
}

/* A session with code is written as version 2 and reads back the same;
 * one without stays version 1, which every Viva reads and saves. */
static void
test_store_code_round_trip (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaSessionStore) store = load_store (NULL);
  g_autoptr(VivaSessionStore) reread = NULL;
  g_autoptr(VivaMockSession) coded = new_session_of (bank, 3, 1);
  g_autoptr(VivaMockSession) plain = new_session_of (bank, 2, 2);
  g_autofree char *coded_path = session_path (coded);
  g_autofree char *plain_path = session_path (plain);
  const char *code = "def reverse(s):\n    \"\"\"Ünïcode « » \\u00e9\"\"\"\n    return s[::-1]\n";
  const char *output = ">>> reverse('abc')\n'cba'\n\tTraceback ␀ ␛\n";
  VivaMockSession *loaded;

  add_session (store, coded);
  add_session (store, plain);
  g_assert_true (viva_mock_session_set_answer (plain, 0, "words only"));
  g_assert_true (viva_mock_session_set_code (coded, 1, code));
  g_assert_true (viva_mock_session_set_run_output (coded, 2, "", output));
  {
    g_autoptr(VivaChallengeResults) results = two_results ();

    g_assert_true (viva_mock_session_set_test_results (coded, 2, "", results));
  }
  flush_store (store);

  g_assert_true (file_has (coded_path, "\"version\" : 2,"));
  g_assert_true (file_has (coded_path, "\"code-pad\""));
  g_assert_true (file_has (plain_path, "\"version\" : 1,"));
  g_assert_false (file_has (plain_path, "code-pad"));

  reread = load_store (NULL);
  loaded = find_session (viva_session_store_get_sessions (reread), viva_mock_session_get_id (coded));
  g_assert_nonnull (loaded);
  assert_sessions_equal (coded, loaded);
  g_assert_false (viva_mock_session_get_read_only (loaded));
  g_assert_false (viva_mock_item_has_code (viva_mock_session_get_item (loaded, 0)));
  g_assert_cmpstr (viva_mock_item_get_code (viva_mock_session_get_item (loaded, 1)), ==, code);
  g_assert_null (viva_mock_item_get_output (viva_mock_session_get_item (loaded, 1)));
  g_assert_cmpstr (viva_mock_item_get_code (viva_mock_session_get_item (loaded, 2)), ==, "");
  g_assert_cmpstr (viva_mock_item_get_output (viva_mock_session_get_item (loaded, 2)), ==, output);
  g_assert_null (viva_mock_item_get_test_results (viva_mock_session_get_item (loaded, 1)));
  assert_results_same (viva_mock_item_get_test_results (viva_mock_session_get_item (coded, 2)),
                       viva_mock_item_get_test_results (viva_mock_session_get_item (loaded, 2)));

  loaded = find_session (viva_session_store_get_sessions (reread), viva_mock_session_get_id (plain));
  g_assert_nonnull (loaded);
  assert_sessions_equal (plain, loaded);
  g_assert_false (viva_mock_session_get_has_code (loaded));
}

/* What a Viva that knows only version 1 does with a version 2 file: its
 * codec is ours with the version it had. It lists the file read-only
 * (it cannot save it without the code) instead of calling it damaged. */
static void
test_store_code_older_viva (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaSessionStore) store = load_store (NULL);
  g_autoptr(VivaMockSession) session = new_session_of (bank, 2, 1);
  g_autoptr(VivaMockSession) listed = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = session_path (session);
  VivaDocumentCodec older = viva_session_codec;

  older.version = 1;
  older.oldest_version = 0;

  add_session (store, session);
  g_assert_true (viva_mock_session_set_code (session, 0, "x = 1\n"));
  flush_store (store);
  bytes = read_file (path);

  g_assert_false (viva_document_file_parse (&older, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                            viva_mock_session_get_id (session), (gpointer *) &listed, &error));
  g_assert_error (error, VIVA_SESSION_STORE_ERROR, VIVA_SESSION_STORE_ERROR_FUTURE_VERSION);
  g_assert_nonnull (listed);
  g_assert_true (viva_mock_session_get_read_only (listed));
  g_clear_error (&error);
  g_clear_object (&listed);

  /* And once the code is the only thing that made it version 2 and it
   * is a session without code, the older Viva reads it as its own. */
  {
    g_autoptr(VivaMockSession) plain = new_session_of (bank, 2, 2);
    g_autofree char *plain_path = session_path (plain);
    g_autoptr(GBytes) plain_bytes = NULL;

    add_session (store, plain);
    flush_store (store);
    plain_bytes = read_file (plain_path);
    g_assert_true (viva_document_file_parse (&older, g_bytes_get_data (plain_bytes, NULL), g_bytes_get_size (plain_bytes),
                                             viva_mock_session_get_id (plain), (gpointer *) &listed, &error));
    g_assert_no_error (error);
    g_assert_false (viva_mock_session_get_read_only (listed));
  }
}

/* A "code-pad" in a version 1 file was never ours to read: ignored, as
 * version 1 ignores members it does not know; the file reads as before. */
static void
test_store_code_in_version_1 (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "mock-session-v1-paused.json", NULL);
  g_autoptr(GBytes) before = read_file (fixture);
  g_autoptr(VivaMockSession) plain = NULL;
  g_autoptr(VivaMockSession) stray = NULL;
  g_autoptr(GError) error = NULL;
  GString *text = g_string_new_len (g_bytes_get_data (before, NULL), g_bytes_get_size (before));

  g_assert_true (viva_document_file_parse (&viva_session_codec, text->str, text->len, NULL, (gpointer *) &plain, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (g_string_replace (text, "\"rating\" : \"none\"",
                                      "\"rating\" : \"none\", \"code-pad\" : { \"code\" : 1 }", 1), ==, 1);
  g_assert_true (viva_document_file_parse (&viva_session_codec, text->str, text->len, NULL, (gpointer *) &stray, &error));
  g_assert_no_error (error);
  assert_sessions_equal (plain, stray);
  g_assert_false (viva_mock_session_get_has_code (stray));
  g_string_free (text, TRUE);
}

/* Damage in a code pad is damage like any other: the file is moved
 * aside, and the message says where. A newer version's code pads, which
 * may read otherwise, are left out of a file listed read-only. */
static void
test_store_code_damaged (void)
{
  g_autoptr(VivaBank) bank = load_bank ();
  g_autoptr(VivaSessionStore) store = load_store (NULL);
  g_autoptr(VivaMockSession) session = new_session_of (bank, 1, 1);
  g_autofree char *good_text = NULL;
  g_autofree char *too_long_code = g_strnfill (VIVA_MOCK_CODE_MAX_SIZE + 1, 'x');
  g_autofree char *too_long_output = g_strnfill (VIVA_MOCK_OUTPUT_MAX_SIZE + 1, 'x');
  g_autofree char *long_code_pad = g_strdup_printf ("\"code-pad\" : { \"code\" : \"%s\", \"output\" : null, \"test-results\" : null }", too_long_code);
  g_autofree char *long_output_pad = g_strdup_printf ("\"code-pad\" : { \"code\" : \"\", \"output\" : \"%s\", \"test-results\" : null }", too_long_output);
  const char *good_pad = "\"code-pad\" : {\n        \"code\" : \"x = 1\\n\",\n        \"output\" : null,\n        \"test-results\" : null\n      }";
  const char *bad_pads[] = {
    "\"code-pad\" : \"x = 1\"",
    "\"code-pad\" : null",
    "\"code-pad\" : { \"output\" : null, \"test-results\" : null }",
    "\"code-pad\" : { \"code\" : 1, \"output\" : null, \"test-results\" : null }",
    "\"code-pad\" : { \"code\" : \"\", \"test-results\" : null }",
    "\"code-pad\" : { \"code\" : \"\", \"output\" : [], \"test-results\" : null }",
    "\"code-pad\" : { \"code\" : \"\", \"output\" : null }",
    "\"code-pad\" : { \"code\" : \"\", \"output\" : null, \"test-results\" : \"9 of 10\" }",
    "\"code-pad\" : { \"code\" : \"\", \"output\" : null, \"test-results\" : { \"cases\" : [] } }",
    "\"code-pad\" : { \"code\" : \"\", \"output\" : null, \"test-results\" : { \"load-error\" : null, \"complete\" : true, "
      "\"cases\" : [ { \"case\" : { \"name\" : \"\", \"call\" : \"f()\" }, \"status\" : \"won\", "
      "\"actual\" : null, \"output\" : \"\", \"error\" : null } ] } }",
    long_code_pad,
    long_output_pad,
  };

  add_session (store, session);
  g_assert_true (viva_mock_session_set_code (session, 0, "x = 1\n"));
  flush_store (store);

  {
    g_autofree char *path = session_path (session);
    g_autoptr(GBytes) bytes = read_file (path);

    good_text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    g_assert_nonnull (strstr (good_text, good_pad));
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad_pads); i++)
    {
      g_autoptr(GString) text = g_string_new (good_text);
      g_autoptr(GError) error = NULL;
      g_autoptr(VivaMockSession) parsed = NULL;

      g_assert_cmpuint (g_string_replace (text, good_pad, bad_pads[i], 1), ==, 1);
      g_assert_false (viva_document_file_parse (&viva_session_codec, text->str, text->len, NULL,
                                                (gpointer *) &parsed, &error));
      g_assert_error (error, VIVA_SESSION_STORE_ERROR, VIVA_SESSION_STORE_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "code"));
      g_assert_null (parsed);

      /* From a newer Viva: listed, read-only, without that code pad. */
      g_assert_cmpuint (g_string_replace (text, "\"version\" : 2", "\"version\" : 3", 1), ==, 1);
      g_clear_error (&error);
      g_assert_false (viva_document_file_parse (&viva_session_codec, text->str, text->len, NULL,
                                                (gpointer *) &parsed, &error));
      g_assert_error (error, VIVA_SESSION_STORE_ERROR, VIVA_SESSION_STORE_ERROR_FUTURE_VERSION);
      g_assert_nonnull (parsed);
      g_assert_true (viva_mock_session_get_read_only (parsed));
      g_assert_false (viva_mock_session_get_has_code (parsed));
    }

  /* And through the store: moved aside, the others still load. */
  {
    g_autoptr(GString) text = g_string_new (good_text);
    g_autoptr(GPtrArray) problems = NULL;
    g_autoptr(VivaSessionStore) reread = NULL;
    g_autofree char *path = session_path (session);

    g_assert_false (viva_document_store_get_dirty (VIVA_DOCUMENT_STORE (store)));
    g_clear_object (&store);
    g_assert_cmpuint (g_string_replace (text, good_pad, bad_pads[3], 1), ==, 1);
    write_file (path, text->str, text->len);
    reread = load_store (&problems);
    g_assert_cmpuint (problems->len, ==, 1);
    g_assert_nonnull (((VivaSessionProblem *) g_ptr_array_index (problems, 0))->moved_aside_path);
    g_assert_nonnull (strstr (((VivaSessionProblem *) g_ptr_array_index (problems, 0))->message, "code pad"));
    /* Its backup, from before the code, comes back in its place. */
    g_assert_true (((VivaSessionProblem *) g_ptr_array_index (problems, 0))->restored_from_backup);
    flush_store (reread);
  }
}

/* Headings as md4c reads them: "<level> <text>" per heading. */
static int
collect_heading_enter (MD_BLOCKTYPE type, void *detail, void *user_data)
{
  GString *out = user_data;

  if (type == MD_BLOCK_H)
    g_string_append_printf (out, "%u ", ((MD_BLOCK_H_DETAIL *)detail)->level);
  else if (type == MD_BLOCK_QUOTE)
    g_string_append (out, "<quote>");
  return 0;
}

static int
collect_heading_leave (MD_BLOCKTYPE type, void *detail, void *user_data)
{
  GString *out = user_data;

  if (type == MD_BLOCK_H)
    g_string_append_c (out, '\n');
  else if (type == MD_BLOCK_QUOTE)
    g_string_append (out, "</quote>");
  return 0;
}

static int
collect_heading_span (MD_SPANTYPE type, void *detail, void *user_data)
{
  return 0;
}

static int
collect_heading_text (MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *user_data)
{
  return 0;
}

static char *
report_structure (const char *markdown)
{
  static const MD_PARSER parser = {
    .flags = MD_DIALECT_COMMONMARK,
    .enter_block = collect_heading_enter,
    .leave_block = collect_heading_leave,
    .enter_span = collect_heading_span,
    .leave_span = collect_heading_span,
    .text = collect_heading_text,
  };
  GString *out = g_string_new (NULL);

  g_assert_cmpint (md_parse (markdown, strlen (markdown), &parser, out), ==, 0);
  return g_string_free (out, FALSE);
}

/* The bank's answer follows the user's in the report, as a block quote
 * that nothing in it can get out of: an answer with a heading and an
 * unclosed-looking fence leaves the report's own headings as they were. */
static void
test_markdown_bank_answer (void)
{
  static const char bank_text[] =
    "# Answers\n\n## Level 1: Basics\n\n"
    "**Question 1:** What does `len()` return?\n\n"
    "**Answer:** A count.\n\n#### Note\n\n"
    "**Question 2:** Explain generators.\n\n"
    "**Answer:**\n\n#### Lazy\n\nThey yield:\n\n```python\ndef g():\n    yield 1\n# not a heading\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (bank_text, sizeof bank_text - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaBank) bank = viva_bank_new_from_bytes (bytes, "answers", &error);
  g_autoptr(VivaBank) other = NULL;
  g_autoptr(VivaMockSession) session = NULL;
  g_autofree char *with = NULL;
  g_autofree char *without = NULL;
  g_autofree char *with_other = NULL;
  g_autofree char *structure_with = NULL;
  g_autofree char *structure_without = NULL;
  g_autofree char *expected_quote = NULL;

  g_assert_no_error (error);
  session = new_session_of (bank, 2, 7);
  with = viva_mock_session_to_markdown (session, bank);
  without = viva_mock_session_to_markdown (session, NULL);
  g_test_message ("%s", with);

  g_assert_nonnull (strstr (with, "**Answer in the bank:**\n\n> A count.\n>\n> #### Note\n"));
  expected_quote = g_strdup ("**Answer in the bank:**\n\n"
                             "> #### Lazy\n>\n> They yield:\n>\n"
                             "> ```python\n> def g():\n>     yield 1\n> # not a heading\n> ```\n");
  g_assert_nonnull (strstr (with, expected_quote));
  g_assert_null (strstr (without, "Answer in the bank"));

  /* The report's headings are the same with the answers, and the
   * answers' own heading is inside its quote. */
  structure_with = report_structure (with);
  structure_without = report_structure (without);
  g_assert_cmpstr (structure_with, ==, "1 \n2 \n2 \n3 \n<quote>4 \n</quote>3 \n<quote>4 \n</quote>");
  g_assert_cmpstr (structure_without, ==, "1 \n2 \n2 \n3 \n3 \n");

  /* Another bank of the same id whose question reads otherwise: no
   * answer goes with a question it was not written for. */
  {
    static const char changed[] =
      "## Level 1: Basics\n\n**Question 1:** Something else?\n\n**Answer:** Wrong one.\n";
    g_autoptr(GBytes) changed_bytes = g_bytes_new_static (changed, sizeof changed - 1);

    other = viva_bank_new_from_bytes (changed_bytes, "answers", &error);
    g_assert_no_error (error);
    with_other = viva_mock_session_to_markdown (session, other);
    g_assert_null (strstr (with_other, "Wrong one"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/mock-setup/select/counts", test_select_counts);
  g_test_add_func ("/mock-setup/select/filters", test_select_filters);
  g_test_add_func ("/mock-setup/select/levels-without-topics", test_select_levels_without_topics);
  g_test_add_func ("/mock-setup/select/skip-confident", test_select_skip_confident);
  g_test_add_func ("/mock-setup/select/nothing-chosen-exists", test_select_nothing_chosen_exists);
  g_test_add_func ("/mock-setup/select/seed", test_select_seed);
  g_test_add_func ("/mock-setup/select/excluding", test_select_excluding);
  g_test_add_func ("/mock-setup/select/sequence", test_select_sequence);
  g_test_add_func ("/mock-setup/budgets", test_budgets);
  g_test_add_func ("/mock-setup/variant/round-trip", test_variant_round_trip);
  g_test_add_func ("/mock-setup/variant/garbage", test_variant_garbage);
  g_test_add_func ("/mock-session/rating-to-status", test_rating_to_status);
  g_test_add_func ("/mock-session/new", test_session_new);
  g_test_add_func ("/mock-session/setters", test_session_setters);
  g_test_add_func ("/mock-session/read-only", test_session_read_only);
  g_test_add_func ("/mock-session/list-model", test_session_list_model);
  g_test_add_func ("/mock-session/level-totals", test_level_totals);
  g_test_add_func ("/mock-session/markdown", test_markdown);
  g_test_add_func ("/mock-session/markdown/code", test_markdown_code);
  g_test_add_func ("/mock-session/markdown/bank-answer", test_markdown_bank_answer);
  g_test_add_func ("/session-store/round-trip", test_store_round_trip);
  g_test_add_func ("/session-store/resume", test_store_resume);
  g_test_add_func ("/session-store/rewrites-older-file", test_store_rewrites_older_file);
  g_test_add_func ("/session-store/damaged-among-good", test_store_damaged_among_good);
  g_test_add_func ("/session-store/damaged-restored-from-backup", test_store_damaged_restored_from_backup);
  g_test_add_func ("/session-store/future-version", test_store_future_version);
  g_test_add_func ("/session-store/newer-on-disk", test_store_newer_on_disk);
  g_test_add_func ("/session-store/version-too-large", test_store_version_too_large);
  g_test_add_func ("/session-store/failed-write-kept", test_store_failed_write_kept);
  g_test_add_func ("/session-store/autosave", test_store_autosave);
  g_test_add_func ("/session-store/delete", test_store_delete);
  g_test_add_func ("/session-store/load-async", test_store_load_async);
  g_test_add_func ("/format/time-of-budget", test_format_time_of_budget);
  g_test_add_func ("/mock-session/overtime-as-shown", test_overtime_as_shown);
  g_test_add_func ("/mock-session/code/setters", test_session_code_setters);
  g_test_add_func ("/session-store/code/round-trip", test_store_code_round_trip);
  g_test_add_func ("/session-store/code/older-viva", test_store_code_older_viva);
  g_test_add_func ("/session-store/code/in-version-1", test_store_code_in_version_1);
  g_test_add_func ("/session-store/code/damaged", test_store_code_damaged);

  return g_test_run ();
}
