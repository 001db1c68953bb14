/* test-context.c
 *
 * The context every page shares: the bank it announces, the clock a test
 * can fake, and the stores the application loads at startup.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "viva-bank.h"
#include "viva-challenge.h"
#include "viva-clock.h"
#include "viva-context.h"
#include "viva-fsrs.h"
#include "viva-interview-store.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-review-today.h"
#include "viva-session-store.h"

static const char *expected_warning;
static guint expected_warning_seen;

/* $VIVA_TEST_HOLD_DIR: its "notes" file lets the notes' worker return
 * (viva-test-hold.c); there unless a test holds the worker. */
static char *hold_dir;

static void
hold_notes_worker (void)
{
  g_autofree char *hold = g_build_filename (hold_dir, "notes", NULL);

  g_unlink (hold);
}

static void
release_notes_worker (void)
{
  g_autofree char *hold = g_build_filename (hold_dir, "notes", NULL);

  g_assert_true (g_file_set_contents (hold, "", 0, NULL));
}

static void
wait_notes_loaded (VivaContext *context)
{
  while (!viva_context_get_notes_loaded (context))
    g_main_context_iteration (NULL, TRUE);
}

/* The application warns on the terminal about a damaged notes file; here
 * that warning is expected, any other stays fatal. */
static GLogWriterOutput
test_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  if (expected_warning != NULL && (log_level & G_LOG_LEVEL_WARNING) != 0)
    {
      for (gsize i = 0; i < n_fields; i++)
        {
          if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 &&
              fields[i].length < 0 &&
              strstr (fields[i].value, expected_warning) != NULL)
            {
              expected_warning_seen++;
              return G_LOG_WRITER_HANDLED;
            }
        }
    }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
count_signal_cb (GObject  *object,
                 gpointer  user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_bank_notifies (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaBank) first = viva_bank_new_bundled (&error);
  g_autoptr(VivaBank) second = NULL;
  g_autoptr(VivaContext) context = g_object_new (VIVA_TYPE_CONTEXT, NULL);
  guint notified = 0;

  g_assert_no_error (error);
  second = viva_bank_new_bundled (&error);
  g_assert_no_error (error);

  g_signal_connect (context, "notify::bank", G_CALLBACK (count_notify_cb), &notified);
  g_assert_null (viva_context_get_bank (context));

  viva_context_set_bank (context, first);
  g_assert_true (viva_context_get_bank (context) == first);
  g_assert_cmpuint (notified, ==, 1);

  /* The same bank again is no change: pages do not start over. */
  viva_context_set_bank (context, first);
  g_assert_cmpuint (notified, ==, 1);

  /* Another bank, even with the same questions, is one. */
  g_object_set (context, "bank", second, NULL);
  g_assert_true (viva_context_get_bank (context) == second);
  g_assert_cmpuint (notified, ==, 2);
}

static void
test_defaults (void)
{
  g_autoptr(VivaContext) context = g_object_new (VIVA_TYPE_CONTEXT, NULL);
  gint64 before, now, after;

  /* Without a clock given, timers read the system clock and the review
   * day goes by the wall clock. */
  g_assert_true (viva_context_get_clock (context) == viva_clock_get_default ());
  g_assert_false (viva_clock_is_fake (viva_context_get_clock (context)));
  before = g_get_real_time ();
  now = viva_context_get_real_time (context);
  after = g_get_real_time ();
  g_assert_cmpint (before, <=, now);
  g_assert_cmpint (now, <=, after);

  g_assert_true (G_IS_SETTINGS (viva_context_get_settings (context)));
  g_assert_null (viva_context_get_notes_store (context));
  g_assert_null (viva_context_get_notes_load_error (context));
  g_assert_null (viva_context_get_session_store (context));
  g_assert_null (viva_context_get_session_problems (context));
  g_assert_null (viva_context_get_interview_store (context));
  g_assert_null (viva_context_get_interview_problems (context));
}

static void
test_fake_clock (void)
{
  /* 2026-03-02 09:00 UTC */
  const gint64 start = G_GINT64_CONSTANT (1772442000) * G_USEC_PER_SEC;
  g_autoptr(VivaClock) clock = viva_clock_new_fake (start);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(VivaContext) context = g_object_new (VIVA_TYPE_CONTEXT,
                                                 "clock", clock,
                                                 "settings", settings,
                                                 NULL);

  g_assert_true (viva_context_get_clock (context) == clock);
  g_assert_true (viva_context_get_settings (context) == settings);

  /* A fake clock stands for the wall clock too, so a test can review on
   * a chosen day. */
  g_assert_cmpint (viva_context_get_real_time (context), ==, start);
  viva_clock_advance (clock, 26 * G_TIME_SPAN_HOUR);
  g_assert_cmpint (viva_context_get_real_time (context), ==, start + 26 * G_TIME_SPAN_HOUR);
}

static void
test_new_default_loads (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), APP_ID, NULL);
  g_autofree char *notes_path = g_build_filename (dir, "notes.json", NULL);
  g_autoptr(VivaContext) context = NULL;
  VivaNotesStore *notes;
  const GError *error;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (notes_path, "{ \"version\": 1, \"notes\": [", -1, NULL));

  /* A damaged notes file never stops Viva: the context still has the
   * store, which moved the file aside, and keeps what went wrong for the
   * window to say. */
  expected_warning = "Notes file";
  expected_warning_seen = 0;
  context = viva_context_new_default ();
  wait_notes_loaded (context);
  expected_warning = NULL;
  g_assert_cmpuint (expected_warning_seen, ==, 1);

  notes = viva_context_get_notes_store (context);
  g_assert_true (VIVA_IS_NOTES_STORE (notes));
  g_assert_cmpstr (viva_notes_store_get_path (notes), ==, notes_path);
  g_assert_nonnull (viva_notes_store_get_moved_aside_path (notes));
  error = viva_context_get_notes_load_error (context);
  g_assert_nonnull (error);
  g_assert_true (error->domain == VIVA_NOTES_STORE_ERROR);

  g_assert_true (VIVA_IS_SESSION_STORE (viva_context_get_session_store (context)));
  g_assert_true (VIVA_IS_INTERVIEW_STORE (viva_context_get_interview_store (context)));
  g_assert_false (viva_clock_is_fake (viva_context_get_clock (context)));
}

/* The notes are read in a worker: the context says when they are in,
 * and only then follows the file and checks whether their memory is the
 * parameters' in use. What is typed meanwhile is kept. */
static void
test_new_default_loads_in_worker (void)
{
  const gint64 reviewed = G_GINT64_CONSTANT (1793491200) * G_USEC_PER_SEC;
  g_autofree char *path = viva_notes_store_dup_default_path ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(VivaContext) context = NULL;
  double w[VIVA_FSRS_N_PARAMS];
  VivaNotesStore *notes;
  guint notified = 0;

  {
    g_autoptr(VivaNotesStore) first = viva_notes_store_new (path);
    VivaNote *note;

    g_assert_true (viva_notes_store_load (first, NULL));
    note = viva_notes_store_get_note (first, VIVA_BUNDLED_BANK_ID, 1);
    viva_note_set_text (note, "written before");
    viva_note_review (note, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW, reviewed);
    g_assert_true (viva_notes_store_flush (first, NULL));
  }

  /* Parameters fitted since the memory was saved. */
  memcpy (w, viva_fsrs_default_parameters, sizeof w);
  w[0] = 0.9;
  g_settings_set_value (settings, "fsrs-parameters",
                        g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, w, VIVA_FSRS_N_PARAMS, sizeof (double)));
  g_settings_reset (settings, "fsrs-memory-parameters");

  hold_notes_worker ();
  context = viva_context_new_default ();
  notes = viva_context_get_notes_store (context);
  g_signal_connect (context, "notify::notes-loaded", G_CALLBACK (count_notify_cb), &notified);

  g_assert_false (viva_context_get_notes_loaded (context));
  g_assert_true (viva_notes_store_get_loading (notes));
  viva_note_set_text (viva_notes_store_get_note (notes, VIVA_BUNDLED_BANK_ID, 2), "typed while loading");
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (viva_context_get_notes_loaded (context));
  /* Recomputing now would find no notes. */
  g_assert_false (viva_notes_store_get_recomputing_memory (notes));

  release_notes_worker ();
  wait_notes_loaded (context);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_false (viva_notes_store_get_loading (notes));
  g_assert_null (viva_context_get_notes_load_error (context));
  g_assert_cmpstr (viva_note_get_text (viva_notes_store_lookup_note (notes, VIVA_BUNDLED_BANK_ID, 1)), ==, "written before");
  g_assert_cmpstr (viva_note_get_text (viva_notes_store_lookup_note (notes, VIVA_BUNDLED_BANK_ID, 2)), ==, "typed while loading");
  g_assert_true (viva_notes_store_get_recomputing_memory (notes));

  while (viva_notes_store_get_recomputing_memory (notes))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (viva_notes_store_flush (notes, NULL));
  g_settings_reset (settings, "fsrs-parameters");
  g_settings_reset (settings, "fsrs-memory-parameters");
}

static void
test_review_today (void)
{
  /* 2026-03-02 09:00 UTC */
  const gint64 start = G_GINT64_CONSTANT (1772442000) * G_USEC_PER_SEC;
  g_autofree char *notes_path = viva_notes_store_dup_default_path ();
  g_autoptr(VivaNotesStore) notes = viva_notes_store_new (notes_path);
  g_autoptr(VivaClock) clock = viva_clock_new_fake (start);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaBank) bank = viva_bank_new_bundled (&error);
  g_autoptr(VivaContext) context = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  VivaReviewCounts counts, expected_counts;
  VivaReviewToday *today;
  VivaReviewDay day;
  guint limits_changed = 0;

  g_assert_no_error (error);
  g_assert_true (viva_notes_store_load (notes, &error));
  g_assert_no_error (error);
  g_settings_set_uint (settings, "review-daily-limit", 10);
  g_settings_set_uint (settings, "review-new-per-day", 3);
  context = g_object_new (VIVA_TYPE_CONTEXT,
                          "notes-store", notes,
                          "clock", clock,
                          "settings", settings,
                          NULL);

  /* One for every page that counts today's Review. */
  today = viva_context_get_review_today (context);
  g_assert_true (VIVA_IS_REVIEW_TODAY (today));
  g_assert_true (viva_context_get_review_today (context) == today);
  g_signal_connect (today, "limits-changed", G_CALLBACK (count_signal_cb), &limits_changed);

  /* The day by the context's clock. */
  viva_review_today_get_day (today, &day);
  g_assert_cmpint (day.now, ==, start);
  g_assert_cmpint (day.start, <=, start);
  g_assert_cmpint (start, <, day.end);

  /* No bank open: nothing to count. */
  g_assert_null (viva_review_today_build (today, &day, &counts));

  /* The open bank, with the limits from the settings: the queue that
   * viva_review_queue_build() makes with them. */
  viva_context_set_bank (context, bank);
  g_assert_cmpuint (viva_review_today_get_daily_limit (today), ==, 10);
  g_assert_cmpuint (viva_review_today_get_new_per_day (today), ==, 3);
  queue = viva_review_today_build (today, &day, &counts);
  expected = viva_review_queue_build (notes, viva_bank_get_id (bank), viva_bank_get_questions (bank),
                                      &day, 10, 3, &expected_counts);
  g_assert_nonnull (queue);
  g_assert_cmpuint (queue->len, ==, 3);
  g_assert_cmpuint (counts.queued_new, ==, 3);
  g_assert_cmpuint (queue->len, ==, expected->len);
  for (guint i = 0; i < queue->len; i++)
    g_assert_true (g_ptr_array_index (queue, i) == g_ptr_array_index (expected, i));
  g_assert_cmpmem (&counts, sizeof counts, &expected_counts, sizeof expected_counts);

  /* A limit changed in Preferences is said once, and counts at once. */
  g_settings_set_uint (settings, "review-new-per-day", 5);
  g_assert_cmpuint (limits_changed, ==, 1);
  g_clear_pointer (&queue, g_ptr_array_unref);
  queue = viva_review_today_build (today, &day, &counts);
  g_assert_cmpuint (queue->len, ==, 5);
  g_assert_cmpuint (counts.queued_new, ==, 5);

  g_assert_true (viva_notes_store_flush (notes, NULL));
}

/* The scheduler's configuration comes from three settings: FSRS at
 * 0.90 with the published parameters to begin with, load balanced over
 * the notes store, which grades with the same. */
static void
test_scheduler_defaults (void)
{
  g_autofree char *notes_path = viva_notes_store_dup_default_path ();
  g_autoptr(VivaNotesStore) notes = viva_notes_store_new (notes_path);
  g_autoptr(VivaContext) context = NULL;
  g_autoptr(VivaContext) alone = g_object_new (VIVA_TYPE_CONTEXT, NULL);
  const VivaSchedulerConfig *config;
  const VivaSchedulerConfig *store_config;

  g_assert_true (viva_notes_store_load (notes, NULL));
  context = g_object_new (VIVA_TYPE_CONTEXT, "notes-store", notes, NULL);

  config = viva_context_get_scheduler_config (context);
  g_assert_nonnull (config);
  g_assert_true (viva_context_get_scheduler_config (context) == config);
  g_assert_cmpint (config->algorithm, ==, VIVA_SCHEDULER_ALGORITHM_FSRS);
  g_assert_cmpfloat (config->desired_retention, ==, 0.90);
  g_assert_cmpmem (config->w, sizeof config->w, viva_fsrs_default_parameters, sizeof config->w);
  g_assert_true (config->fuzz);
  g_assert_cmpuint (config->day_start_hour, ==, VIVA_REVIEW_DAY_START_HOUR);
  g_assert_true (config->due_count == viva_notes_store_count_due_on_day);
  g_assert_true (config->due_count_data == notes);

  store_config = viva_notes_store_get_scheduler_config (notes);
  g_assert_cmpmem (store_config, sizeof *store_config, config, sizeof *config);

  /* Without notes, nothing to balance over. */
  g_assert_null (viva_context_get_scheduler_config (alone)->due_count);

  g_assert_true (viva_notes_store_flush (notes, NULL));
}

static void
set_parameters (GSettings    *settings,
                const double *w,
                gsize         n)
{
  g_settings_set_value (settings, "fsrs-parameters",
                        g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, w, n, sizeof (double)));
}

/* Each setting changed says "scheduler-changed" once, with the new
 * configuration in the context and in the store; a setting written with
 * the value it had says nothing. Parameters other than 21 finite
 * numbers are the defaults. */
static void
test_scheduler_changed (void)
{
  g_autofree char *notes_path = viva_notes_store_dup_default_path ();
  g_autoptr(VivaNotesStore) notes = viva_notes_store_new (notes_path);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(VivaContext) context = NULL;
  const VivaSchedulerConfig *config;
  double fitted[VIVA_FSRS_N_PARAMS];
  double damaged[VIVA_FSRS_N_PARAMS];
  /* One parameter more than FSRS-6 has: as many read as are given. */
  double too_many[VIVA_FSRS_N_PARAMS + 1];
  guint changed = 0;

  g_assert_true (viva_notes_store_load (notes, NULL));
  context = g_object_new (VIVA_TYPE_CONTEXT, "notes-store", notes, "settings", settings, NULL);
  config = viva_context_get_scheduler_config (context);
  g_signal_connect (context, "scheduler-changed", G_CALLBACK (count_signal_cb), &changed);

  g_settings_set_string (settings, "review-scheduler", "sm2");
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpint (config->algorithm, ==, VIVA_SCHEDULER_ALGORITHM_SM2);
  g_assert_cmpint (viva_notes_store_get_scheduler_config (notes)->algorithm, ==, VIVA_SCHEDULER_ALGORITHM_SM2);
  g_settings_set_string (settings, "review-scheduler", "sm2");
  g_assert_cmpuint (changed, ==, 1);
  g_settings_set_string (settings, "review-scheduler", "fsrs");
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpint (config->algorithm, ==, VIVA_SCHEDULER_ALGORITHM_FSRS);

  g_settings_set_double (settings, "review-desired-retention", 0.80);
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpfloat (config->desired_retention, ==, 0.80);
  g_assert_cmpfloat (viva_notes_store_get_scheduler_config (notes)->desired_retention, ==, 0.80);
  /* The schema's range refuses the rest. */
  {
    g_autoptr(GSettingsSchema) schema = NULL;
    g_autoptr(GSettingsSchemaKey) key = NULL;
    g_autoptr(GVariant) low = g_variant_ref_sink (g_variant_new_double (0.69));
    g_autoptr(GVariant) high = g_variant_ref_sink (g_variant_new_double (0.98));

    g_object_get (settings, "settings-schema", &schema, NULL);
    key = g_settings_schema_get_key (schema, "review-desired-retention");
    g_assert_false (g_settings_schema_key_range_check (key, low));
    g_assert_false (g_settings_schema_key_range_check (key, high));
  }

  for (guint i = 0; i < VIVA_FSRS_N_PARAMS; i++)
    fitted[i] = viva_fsrs_default_parameters[i] * 1.01;
  set_parameters (settings, fitted, VIVA_FSRS_N_PARAMS);
  g_assert_cmpuint (changed, ==, 4);
  g_assert_cmpmem (config->w, sizeof config->w, fitted, sizeof fitted);
  g_assert_cmpmem (viva_notes_store_get_scheduler_config (notes)->w, sizeof config->w, fitted, sizeof fitted);

  /* Cut short, or not numbers: the defaults, and so a change back. */
  set_parameters (settings, fitted, VIVA_FSRS_N_PARAMS - 1);
  g_assert_cmpuint (changed, ==, 5);
  g_assert_cmpmem (config->w, sizeof config->w, viva_fsrs_default_parameters, sizeof config->w);

  set_parameters (settings, fitted, VIVA_FSRS_N_PARAMS);
  g_assert_cmpuint (changed, ==, 6);
  memcpy (damaged, fitted, sizeof damaged);
  damaged[7] = NAN;
  set_parameters (settings, damaged, VIVA_FSRS_N_PARAMS);
  g_assert_cmpuint (changed, ==, 7);
  g_assert_cmpmem (config->w, sizeof config->w, viva_fsrs_default_parameters, sizeof config->w);

  /* Still the defaults: no change to tell. */
  damaged[7] = INFINITY;
  set_parameters (settings, damaged, VIVA_FSRS_N_PARAMS);
  memcpy (too_many, fitted, sizeof fitted);
  too_many[VIVA_FSRS_N_PARAMS] = 1.0;
  set_parameters (settings, too_many, G_N_ELEMENTS (too_many));
  g_settings_reset (settings, "fsrs-parameters");
  g_assert_cmpuint (changed, ==, 7);
  g_assert_cmpmem (config->w, sizeof config->w, viva_fsrs_default_parameters, sizeof config->w);

  g_assert_true (viva_notes_store_flush (notes, NULL));
}

/* The challenges' tests are one service: read once, the same set for
 * every page, and a question has them only in the bundled bank. */
static void
test_challenges (void)
{
  g_autoptr(VivaContext) context = g_object_new (VIVA_TYPE_CONTEXT, NULL);
  VivaChallengeSet *set = viva_context_get_challenges (context);
  VivaChallenge *challenge;

  g_assert_nonnull (set);
  g_assert_true (viva_context_get_challenges (context) == set);
  g_assert_cmpuint (viva_challenge_set_get_n_challenges (set), ==, 30);

  challenge = viva_context_lookup_challenge (context, VIVA_BUNDLED_BANK_ID, 951);
  g_assert_nonnull (challenge);
  g_assert_true (challenge == viva_challenge_set_lookup (set, 951));
  g_assert_cmpstr (viva_challenge_get_entry (challenge), ==, "is_palindrome");
  g_assert_cmpuint (viva_challenge_get_n_cases (challenge), >=, 5);

  /* Not a coding challenge; another bank's question 951; no bank. */
  g_assert_null (viva_context_lookup_challenge (context, VIVA_BUNDLED_BANK_ID, 42));
  g_assert_null (viva_context_lookup_challenge (context, "my-own-questions", 951));
  g_assert_null (viva_context_lookup_challenge (context, NULL, 951));
}

/* A question without tests is told apart without reading the challenges
 * (they cost the first frame a JSON parse: issue 15, item 9); the first
 * question with tests reads them, and the index made at build time
 * agrees with the file on every number. */
static void
test_challenges_on_first_need (void)
{
  g_autoptr(VivaContext) context = g_object_new (VIVA_TYPE_CONTEXT, NULL);
  VivaChallengeSet *set;
  guint i;

  g_assert_false (viva_context_has_read_challenges (context));
  g_assert_null (viva_context_lookup_challenge (context, VIVA_BUNDLED_BANK_ID, 1));
  g_assert_null (viva_context_lookup_challenge (context, VIVA_BUNDLED_BANK_ID, 0));
  g_assert_null (viva_context_lookup_challenge (context, VIVA_BUNDLED_BANK_ID, 950));
  g_assert_null (viva_context_lookup_challenge (context, "my-own-questions", 951));
  g_assert_false (viva_context_has_read_challenges (context));

  g_assert_nonnull (viva_context_lookup_challenge (context, VIVA_BUNDLED_BANK_ID, 951));
  g_assert_true (viva_context_has_read_challenges (context));

  set = viva_context_get_challenges (context);
  for (i = 0; i <= 2000; i++)
    g_assert_true (viva_context_lookup_challenge (context, VIVA_BUNDLED_BANK_ID, i) ==
                   viva_challenge_set_lookup (set, i));
  for (i = 0; i < viva_challenge_set_get_n_challenges (set); i++)
    {
      VivaChallenge *challenge = viva_challenge_set_get_challenge (set, i);
      guint question = viva_challenge_get_question (challenge);

      g_assert_true (viva_context_lookup_challenge (context, VIVA_BUNDLED_BANK_ID, question) == challenge);
    }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_log_set_writer_func (test_log_writer, NULL, NULL);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* Before the first load: the worker reads it once. */
  hold_dir = g_dir_make_tmp ("viva-test-hold-XXXXXX", NULL);
  g_assert_nonnull (hold_dir);
  g_setenv ("VIVA_TEST_HOLD_DIR", hold_dir, TRUE);
  release_notes_worker ();

  g_test_add_func ("/context/bank/notifies", test_bank_notifies);
  g_test_add_func ("/context/defaults", test_defaults);
  g_test_add_func ("/context/fake-clock", test_fake_clock);
  g_test_add_func ("/context/new-default/loads", test_new_default_loads);
  g_test_add_func ("/context/new-default/loads-in-worker", test_new_default_loads_in_worker);
  g_test_add_func ("/context/review-today", test_review_today);
  g_test_add_func ("/context/challenges", test_challenges);
  g_test_add_func ("/context/challenges/on-first-need", test_challenges_on_first_need);
  g_test_add_func ("/context/scheduler/defaults", test_scheduler_defaults);
  g_test_add_func ("/context/scheduler/changed", test_scheduler_changed);

  ret = g_test_run ();

  hold_notes_worker ();
  g_rmdir (hold_dir);

  return ret;
}
