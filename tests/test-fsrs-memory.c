/* test-fsrs-memory.c
 *
 * Every note's FSRS memory follows the FSRS parameters: when Optimize
 * or Reset to Defaults changes them, each note's stability and
 * difficulty become what its history gives under the new ones, due
 * dates stay, the file gets them in one save, and a grade given
 * meanwhile is kept. A change of retention or algorithm alone leaves the
 * memory as it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "viva-context.h"
#include "viva-fsrs.h"
#include "viva-note.h"
#include "viva-notes-store-private.h"

#define WAIT_TIMEOUT_SECONDS 60

/* 2026-01-05 09:00 UTC */
#define START (G_GINT64_CONSTANT (1767603600) * G_USEC_PER_SEC)
#define BANK "memory-bank"
#define N_NOTES 40

/* Parameters a fit could give: the defaults with other first-review
 * stabilities and a faster growth, enough to move every memory. */
static void
fitted_parameters (double *w)
{
  memcpy (w, viva_fsrs_default_parameters, sizeof (double) * VIVA_FSRS_N_PARAMS);
  w[0] = 0.9;
  w[1] = 2.5;
  w[2] = 6.0;
  w[3] = 25.0;
  w[8] *= 1.2;
}

static void
timed_out_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
}

/* Runs the main loop until @store has no recomputation running; fails
 * (rather than asserting on timing) if that never happens. */
static void
wait_recomputed (VivaNotesStore *store)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_once (WAIT_TIMEOUT_SECONDS * 1000, timed_out_cb, &timed_out);

  while (viva_notes_store_get_recomputing_memory (store) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Timed out after %d s waiting for the memory to be recomputed", WAIT_TIMEOUT_SECONDS);

  g_source_remove (id);
}

typedef struct
{
  gboolean  done;
  gboolean  succeeded;
  GError   *error;
} Result;

static void
recomputed_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Result *res = user_data;

  res->succeeded = viva_notes_store_recompute_memory_finish (VIVA_NOTES_STORE (object), result,
                                                             &res->error);
  res->done = TRUE;
}

static void
recompute (VivaNotesStore *store,
           Result         *res)
{
  gboolean timed_out = FALSE;
  guint id;

  memset (res, 0, sizeof *res);
  viva_notes_store_recompute_memory_async (store, NULL, recomputed_cb, res);

  id = g_timeout_add_once (WAIT_TIMEOUT_SECONDS * 1000, timed_out_cb, &timed_out);
  while (!res->done && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("Timed out after %d s waiting for the memory to be recomputed", WAIT_TIMEOUT_SECONDS);
  g_source_remove (id);

  g_assert_false (viva_notes_store_get_recomputing_memory (store));
}

/* Note @n's history: a few reviews days apart (some the same day), the
 * grades from a small generator so that notes differ. Note 0 is
 * reviewed past VIVA_REVIEW_HISTORY_MAX, so that its history is cut. */
static void
review_notes (VivaNotesStore *store)
{
  for (guint n = 0; n < N_NOTES; n++)
    {
      VivaNote *note = viva_notes_store_get_note (store, BANK, n + 1);
      guint n_reviews = n == 0 ? VIVA_REVIEW_HISTORY_MAX + 20 : 1 + n % 9;
      guint32 seed = 2166136261u ^ n;
      gint64 time = START + n * G_TIME_SPAN_HOUR;

      for (guint i = 0; i < n_reviews; i++)
        {
          VivaReviewGrade grade;

          seed = seed * 1664525u + 1013904223u;
          grade = VIVA_REVIEW_GRADE_AGAIN + (seed >> 28) % 4;
          viva_note_review (note, grade, VIVA_REVIEW_SOURCE_REVIEW, time);
          /* Minutes later, or 1 to 12 days later. */
          time += (seed >> 8) % 5 == 0 ? 10 * G_TIME_SPAN_MINUTE
                                       : (1 + (seed >> 12) % 12) * G_TIME_SPAN_DAY;
        }
    }
}

/* The memory viva_scheduler_replay() gives @note's history under
 * @config. */
static void
assert_memory_replayed (VivaNote                  *note,
                        const VivaSchedulerConfig *config)
{
  const VivaReviewState *state = viva_note_get_review_state (note);
  const VivaReviewEntry *history;
  VivaReviewState replayed;
  guint n_history;

  history = viva_note_get_history (note, &n_history);
  g_assert_cmpuint (n_history, >, 0);
  viva_scheduler_replay (config, history, n_history, &replayed);
  g_assert_cmpfloat (state->stability, ==, replayed.stability);
  g_assert_cmpfloat (state->difficulty, ==, replayed.difficulty);
  g_assert_cmpfloat (state->stability, >, 0);
}

static VivaReviewState *
copy_states (VivaNotesStore *store)
{
  VivaReviewState *states = g_new0 (VivaReviewState, N_NOTES);

  for (guint n = 0; n < N_NOTES; n++)
    states[n] = *viva_note_get_review_state (viva_notes_store_get_note (store, BANK, n + 1));

  return states;
}

static void
count_cb (gpointer data)
{
  (*(guint *) data)++;
}

static void
saving_cb (VivaNotesStore *store,
           GParamSpec     *pspec,
           guint          *n_writes)
{
  if (viva_notes_store_get_saving (store))
    (*n_writes)++;
}

static gboolean
store_is_saved (VivaNotesStore *store)
{
  return !viva_notes_store_get_saving (store) && !viva_notes_store_get_dirty (store);
}

static void
wait_saved (VivaNotesStore *store)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_once (WAIT_TIMEOUT_SECONDS * 1000, timed_out_cb, &timed_out);

  while (!store_is_saved (store) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Timed out after %d s waiting for the notes to be saved", WAIT_TIMEOUT_SECONDS);

  g_source_remove (id);
}

/* New parameters: every memory is the replay of its history under them,
 * nothing else in the state moves, each note says it changed, and the
 * file gets all of it in one write. */
static void
test_store_recompute (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "viva", "notes.json", NULL);
  g_autoptr(VivaNotesStore) store = viva_notes_store_new (path);
  g_autoptr(VivaNotesStore) reread = NULL;
  g_autofree VivaReviewState *before = NULL;
  VivaSchedulerConfig config = *viva_notes_store_get_scheduler_config (store);
  guint n_changed = 0;
  guint n_writes = 0;
  Result res;

  g_assert_true (viva_notes_store_load (store, NULL));
  review_notes (store);
  g_assert_true (viva_notes_store_flush (store, NULL));
  before = copy_states (store);

  fitted_parameters (config.w);
  viva_notes_store_set_scheduler_config (store, &config);
  viva_notes_store_set_autosave_delay (store, 1);
  g_signal_connect_swapped (store, "note-changed", G_CALLBACK (count_cb), &n_changed);
  g_signal_connect (store, "notify::saving", G_CALLBACK (saving_cb), &n_writes);

  recompute (store, &res);
  g_assert_no_error (res.error);
  g_assert_true (res.succeeded);

  for (guint n = 0; n < N_NOTES; n++)
    {
      VivaNote *note = viva_notes_store_get_note (store, BANK, n + 1);
      const VivaReviewState *after = viva_note_get_review_state (note);

      assert_memory_replayed (note, &config);
      /* The new parameters give another memory... */
      g_assert_cmpfloat (after->stability, !=, before[n].stability);
      /* ... and nothing else: not the due date, not the step, not the
       * count of reviews (120 for the note whose history was cut). */
      g_assert_cmpint (after->due, ==, before[n].due);
      g_assert_cmpint (after->last_review, ==, before[n].last_review);
      g_assert_cmpuint (after->interval, ==, before[n].interval);
      g_assert_cmpuint (after->step, ==, before[n].step);
      g_assert_cmpuint (after->reviews, ==, before[n].reviews);
      g_assert_cmpuint (after->ease, ==, before[n].ease);
    }
  g_assert_cmpuint (viva_note_get_review_state (viva_notes_store_get_note (store, BANK, 1))->reviews,
                    ==, VIVA_REVIEW_HISTORY_MAX + 20);
  g_assert_cmpuint (n_changed, ==, N_NOTES);

  wait_saved (store);
  g_assert_cmpuint (n_writes, ==, 1);

  /* The file has the new memory. */
  reread = viva_notes_store_new (path);
  g_assert_true (viva_notes_store_load (reread, NULL));
  for (guint n = 0; n < N_NOTES; n++)
    {
      const VivaReviewState *saved = viva_note_get_review_state (viva_notes_store_get_note (reread, BANK, n + 1));
      const VivaReviewState *held = viva_note_get_review_state (viva_notes_store_get_note (store, BANK, n + 1));

      g_assert_cmpfloat (saved->stability, ==, held->stability);
      g_assert_cmpfloat (saved->difficulty, ==, held->difficulty);
      g_assert_cmpint (saved->due, ==, before[n].due);
    }

  /* The same parameters again change nothing. */
  n_changed = 0;
  recompute (store, &res);
  g_assert_true (res.succeeded);
  g_assert_cmpuint (n_changed, ==, 0);
  g_assert_false (viva_notes_store_get_dirty (store));
}

/* A grade given while the thread replays is kept, and the note's memory
 * takes it into account. */
static void
test_store_graded_meanwhile (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "viva", "notes.json", NULL);
  g_autoptr(VivaNotesStore) store = viva_notes_store_new (path);
  VivaSchedulerConfig config = *viva_notes_store_get_scheduler_config (store);
  VivaNote *graded;
  VivaReviewState after_grade;
  const VivaReviewEntry *history;
  guint n_history, n_before;
  gint64 now = START + 400 * G_TIME_SPAN_DAY;
  Result res;

  g_assert_true (viva_notes_store_load (store, NULL));
  review_notes (store);
  graded = viva_notes_store_get_note (store, BANK, 7);
  viva_note_get_history (graded, &n_before);

  fitted_parameters (config.w);
  viva_notes_store_set_scheduler_config (store, &config);

  memset (&res, 0, sizeof res);
  viva_notes_store_recompute_memory_async (store, NULL, recomputed_cb, &res);
  /* The histories are copied; the results cannot come back before the
   * main loop runs again. */
  viva_note_grade (graded, VIVA_REVIEW_GRADE_GOOD, now);
  after_grade = *viva_note_get_review_state (graded);
  wait_recomputed (store);
  g_assert_true (res.succeeded);

  history = viva_note_get_history (graded, &n_history);
  g_assert_cmpuint (n_history, ==, n_before + 1);
  g_assert_cmpint (history[n_history - 1].time, ==, now);
  g_assert_cmpint (viva_note_get_review_state (graded)->last_review, ==, now);
  g_assert_cmpint (viva_note_get_review_state (graded)->due, ==, after_grade.due);
  assert_memory_replayed (graded, &config);

  for (guint n = 0; n < N_NOTES; n++)
    assert_memory_replayed (viva_notes_store_get_note (store, BANK, n + 1), &config);

  g_assert_true (viva_notes_store_flush (store, NULL));
}

/* Undoing the review given before the parameters changed puts back the
 * memory the earlier history gives under the new parameters, not the
 * old parameters' one. */
static void
test_store_undo (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "viva", "notes.json", NULL);
  g_autoptr(VivaNotesStore) store = viva_notes_store_new (path);
  VivaSchedulerConfig config = *viva_notes_store_get_scheduler_config (store);
  VivaNote *cut, *graded;
  gint64 now = START + 400 * G_TIME_SPAN_DAY;
  Result res;

  g_assert_true (viva_notes_store_load (store, NULL));
  review_notes (store);
  graded = viva_notes_store_get_note (store, BANK, 5);
  cut = viva_notes_store_get_note (store, BANK, 1);
  viva_note_grade (graded, VIVA_REVIEW_GRADE_EASY, now);
  /* A full history drops its oldest review, which undo puts back. */
  viva_note_grade (cut, VIVA_REVIEW_GRADE_HARD, now);

  fitted_parameters (config.w);
  viva_notes_store_set_scheduler_config (store, &config);
  recompute (store, &res);
  g_assert_true (res.succeeded);

  g_assert_true (viva_note_undo_review (graded, now));
  assert_memory_replayed (graded, &config);
  g_assert_true (viva_note_undo_review (cut, now));
  assert_memory_replayed (cut, &config);

  g_assert_true (viva_notes_store_flush (store, NULL));
}

/* A store opened read-only (a newer Viva's file) is not changed. */
static void
test_store_read_only (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "viva", "notes.json", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(VivaNotesStore) store = viva_notes_store_new (path);
  Result res;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "{\"format\": \"viva-notes\", \"version\": 99, \"notes\": []}", -1, NULL));
  viva_notes_store_load (store, NULL);
  g_assert_true (viva_notes_store_get_read_only (store));

  recompute (store, &res);
  g_assert_false (res.succeeded);
  g_assert_error (res.error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_READ_ONLY);
  g_clear_error (&res.error);
}

static void
set_parameters (GSettings    *settings,
                const double *w)
{
  g_settings_set_value (settings, "fsrs-parameters",
                        g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, w, VIVA_FSRS_N_PARAMS,
                                                   sizeof (double)));
}

typedef struct
{
  GSettings    *settings;
  const double *w;
} Mark;

/* Whether "fsrs-memory-parameters" says the memory was saved with
 * mark->w ([] for the defaults). */
static gboolean
mark_is (Mark *mark)
{
  g_autoptr(GVariant) value = g_settings_get_value (mark->settings, "fsrs-memory-parameters");
  const double *w;
  gsize n;

  w = g_variant_get_fixed_array (value, &n, sizeof (double));
  if (n == 0)
    return memcmp (mark->w, viva_fsrs_default_parameters, sizeof (double) * VIVA_FSRS_N_PARAMS) == 0;

  return n == VIVA_FSRS_N_PARAMS && memcmp (w, mark->w, sizeof (double) * n) == 0;
}

static void
wait_mark (GSettings    *settings,
           const double *w)
{
  Mark mark = { settings, w };
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_once (WAIT_TIMEOUT_SECONDS * 1000, timed_out_cb, &timed_out);

  while (!mark_is (&mark) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Timed out after %d s waiting for the memory to be saved", WAIT_TIMEOUT_SECONDS);

  g_source_remove (id);
}

/* Through the context, as Preferences changes the settings: only new
 * parameters recompute; a second change while the first runs wins. */
static void
test_context (void)
{
  g_autofree char *path = viva_notes_store_dup_default_path ();
  g_autoptr(VivaNotesStore) store = viva_notes_store_new (path);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(VivaContext) context = NULL;
  g_autofree VivaReviewState *before = NULL;
  const VivaSchedulerConfig *config;
  double w[VIVA_FSRS_N_PARAMS];
  guint n_changed = 0;
  guint n_writes = 0;

  g_assert_true (viva_notes_store_load (store, NULL));
  context = g_object_new (VIVA_TYPE_CONTEXT, "notes-store", store, "settings", settings, NULL);
  config = viva_context_get_scheduler_config (context);
  review_notes (store);
  before = copy_states (store);
  g_signal_connect_swapped (store, "note-changed", G_CALLBACK (count_cb), &n_changed);

  /* Retention and algorithm schedule; they do not change the memory. */
  g_settings_set_double (settings, "review-desired-retention", 0.80);
  g_assert_false (viva_notes_store_get_recomputing_memory (store));
  g_settings_set_string (settings, "review-scheduler", "sm2");
  g_assert_false (viva_notes_store_get_recomputing_memory (store));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (n_changed, ==, 0);
  for (guint n = 0; n < N_NOTES; n++)
    {
      const VivaReviewState *state = viva_note_get_review_state (viva_notes_store_get_note (store, BANK, n + 1));

      g_assert_cmpfloat (state->stability, ==, before[n].stability);
      g_assert_cmpfloat (state->difficulty, ==, before[n].difficulty);
    }

  /* New parameters, then others before the first are done: the notes
   * end with the last ones's memory. */
  fitted_parameters (w);
  viva_notes_store_set_autosave_delay (store, 1);
  g_assert_true (viva_notes_store_flush (store, NULL));
  g_signal_connect (store, "notify::saving", G_CALLBACK (saving_cb), &n_writes);
  set_parameters (settings, w);
  g_assert_true (viva_notes_store_get_recomputing_memory (store));
  w[8] *= 1.1;
  set_parameters (settings, w);
  wait_recomputed (store);
  g_assert_cmpmem (config->w, sizeof config->w, w, sizeof w);
  /* Saved, and marked as saved with these parameters. */
  wait_mark (settings, w);
  wait_saved (store);
  /* One write for all the notes, whatever the autosave timer does. */
  g_assert_cmpuint (n_writes, ==, 1);
  for (guint n = 0; n < N_NOTES; n++)
    {
      VivaNote *note = viva_notes_store_get_note (store, BANK, n + 1);

      assert_memory_replayed (note, config);
      g_assert_cmpint (viva_note_get_review_state (note)->due, ==, before[n].due);
    }

  /* Reset to Defaults: the defaults' memory again. */
  g_settings_reset (settings, "fsrs-parameters");
  wait_recomputed (store);
  wait_mark (settings, viva_fsrs_default_parameters);
  for (guint n = 0; n < N_NOTES; n++)
    {
      VivaNote *note = viva_notes_store_get_note (store, BANK, n + 1);

      assert_memory_replayed (note, config);
    }

  g_assert_true (viva_notes_store_flush (store, NULL));
}

/* Viva quit while it recomputed the memory for new parameters (or
 * crashed before the file had it): the next start recomputes it. A
 * start with the memory saved under the parameters in use does not, and
 * a store not loaded is never written. */
static void
test_context_startup (void)
{
  g_autofree char *path = viva_notes_store_dup_default_path ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  double w[VIVA_FSRS_N_PARAMS];

  fitted_parameters (w);

  {
    g_autoptr(VivaNotesStore) store = viva_notes_store_new (path);

    g_assert_true (viva_notes_store_load (store, NULL));
    review_notes (store);
    g_assert_true (viva_notes_store_flush (store, NULL));
  }

  /* Fitted parameters in use, the memory saved with the defaults. */
  set_parameters (settings, w);
  g_settings_reset (settings, "fsrs-memory-parameters");

  {
    g_autoptr(VivaNotesStore) store = viva_notes_store_new (path);
    g_autoptr(VivaContext) context = NULL;

    g_assert_true (viva_notes_store_load (store, NULL));
    context = g_object_new (VIVA_TYPE_CONTEXT, "notes-store", store, "settings", settings, NULL);
    g_assert_true (viva_notes_store_get_recomputing_memory (store));
    wait_recomputed (store);
    wait_mark (settings, w);
    for (guint n = 0; n < N_NOTES; n++)
      assert_memory_replayed (viva_notes_store_get_note (store, BANK, n + 1),
                              viva_context_get_scheduler_config (context));
  }

  /* Next start: the file has it; nothing to do. */
  {
    g_autoptr(VivaNotesStore) store = viva_notes_store_new (path);
    g_autoptr(VivaContext) context = NULL;

    g_assert_true (viva_notes_store_load (store, NULL));
    context = g_object_new (VIVA_TYPE_CONTEXT, "notes-store", store, "settings", settings, NULL);
    g_assert_false (viva_notes_store_get_recomputing_memory (store));
    for (guint n = 0; n < N_NOTES; n++)
      assert_memory_replayed (viva_notes_store_get_note (store, BANK, n + 1),
                              viva_context_get_scheduler_config (context));
  }

  /* A store not loaded: its file is left alone. */
  g_settings_reset (settings, "fsrs-memory-parameters");
  g_assert_cmpint (g_unlink (path), ==, 0);
  {
    g_autoptr(VivaNotesStore) store = viva_notes_store_new (path);
    g_autoptr(VivaContext) context = NULL;

    context = g_object_new (VIVA_TYPE_CONTEXT, "notes-store", store, "settings", settings, NULL);
    while (g_main_context_iteration (NULL, FALSE))
      ;
    g_assert_false (viva_notes_store_get_recomputing_memory (store));
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }

  g_settings_reset (settings, "fsrs-parameters");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/fsrs-memory/store/recompute", test_store_recompute);
  g_test_add_func ("/fsrs-memory/store/graded-meanwhile", test_store_graded_meanwhile);
  g_test_add_func ("/fsrs-memory/store/undo", test_store_undo);
  g_test_add_func ("/fsrs-memory/store/read-only", test_store_read_only);
  g_test_add_func ("/fsrs-memory/context", test_context);
  g_test_add_func ("/fsrs-memory/context/startup", test_context_startup);

  return g_test_run ();
}
