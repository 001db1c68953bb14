/* test-fsrs-optimize-group.c
 *
 * Preferences → Review → Optimize as a user meets it: with too few
 * reviews the button is insensitive and says why; with enough, Optimize
 * fits in a thread (the window stays responsive: the main loop runs
 * while it works), shows progress, stores the fitted parameters in
 * `fsrs-parameters` (the parameters a synchronous fit of the same
 * histories gives) and says what it gained; Reset to Defaults empties
 * the key; after either, every note's FSRS memory is replayed with the
 * parameters now in use; Cancel stops a fit and keeps the parameters; every control
 * has a name a screen reader reads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "notes/viva-fsrs-optimizer.h"
#include "notes/viva-note.h"
#include "notes/viva-notes-store.h"
#include "viva-context.h"
#include "viva-fsrs-optimize-group.h"
#include "viva-fsrs-simulate.h"
#include "viva-preferences-window.h"
#include "viva-test-util.h"

#define BANK "python-interview-questions"

/* A learner who forgets faster than the defaults say (the one of
 * test-fsrs-optimizer.c), scheduled with the defaults. */
static const double learner[VIVA_FSRS_N_PARAMS] = {
  0.15, 0.8, 1.5, 5.0, 6.8, 0.9, 2.2, 0.01, 1.2, 0.2, 0.9,
  1.2, 0.08, 0.3, 1.8, 0.5, 1.6, 0.4, 0.3, 0.1, 0.25,
};

typedef struct
{
  VivaContext           *context;
  GtkWidget             *preferences;
  VivaFsrsOptimizeGroup *group;
  GArray                *histories;
} Fixture;

/* Every simulated review, graded into the notes as Review grades. */
static void
add_histories (VivaContext *context,
               GArray      *histories)
{
  VivaNotesStore *store = viva_context_get_notes_store (context);

  for (guint q = 0; q < histories->len; q++)
    {
      const VivaSimulatedHistory *history = &g_array_index (histories, VivaSimulatedHistory, q);
      VivaNote *note = viva_notes_store_get_note (store, BANK, q + 1);

      for (guint i = 0; i < history->n_entries; i++)
        viva_note_review (note, history->entries[i].grade, VIVA_REVIEW_SOURCE_REVIEW,
                          history->entries[i].time);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  guint n_questions = GPOINTER_TO_UINT (data);

  viva_test_reset_user_data ();
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    /* Before the context reads them: no memory to recompute at start. */
    g_settings_reset (settings, "fsrs-parameters");
    g_settings_reset (settings, "fsrs-memory-parameters");
  }
  f->context = viva_context_new_default ();
  f->histories = viva_fsrs_simulate (learner, viva_fsrs_default_parameters, n_questions, 200, 5);
  add_histories (f->context, f->histories);

  f->preferences = viva_preferences_window_new (NULL);
  f->group = viva_preferences_window_get_optimize_group (VIVA_PREFERENCES_WINDOW (f->preferences));
  viva_fsrs_optimize_group_set_context (f->group, f->context);
  /* Tall enough to show the Optimize group in a screenshot. */
  gtk_window_set_default_size (GTK_WINDOW (f->preferences), 560, 960);
  gtk_window_present (GTK_WINDOW (f->preferences));
  viva_test_drain_main_loop ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->preferences));
  viva_test_drain_main_loop ();
  g_clear_pointer (&f->histories, g_array_unref);
  g_clear_object (&f->context);
}

static guint
n_stored_parameters (Fixture *f)
{
  g_autoptr(GVariant) value = g_settings_get_value (viva_context_get_settings (f->context), "fsrs-parameters");

  return (guint) g_variant_n_children (value);
}

static gboolean
not_running (gpointer data)
{
  return !viva_fsrs_optimize_group_get_running (data);
}

static void
assert_accessible_label (GtkWidget  *widget,
                         const char *label)
{
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label);
}

static void
test_too_few (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *optimize = viva_fsrs_optimize_group_get_optimize_button (f->group);
  GtkWidget *reset = viva_fsrs_optimize_group_get_reset_button (f->group);

  /* Twenty questions over 200 days: well under 400 training reviews. */
  g_assert_false (gtk_widget_get_sensitive (optimize));
  g_assert_nonnull (strstr (viva_fsrs_optimize_group_get_status (f->group), "Needs 400 reviews"));
  g_assert_false (gtk_widget_get_sensitive (reset));
  assert_accessible_label (optimize, "Optimize parameters");
  assert_accessible_label (reset, "Reset parameters to defaults");
}

static void
test_optimize (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *optimize = viva_fsrs_optimize_group_get_optimize_button (f->group);
  GtkWidget *reset = viva_fsrs_optimize_group_get_reset_button (f->group);
  g_autoptr(VivaFsrsDataset) dataset = viva_fsrs_dataset_new (NULL, VIVA_REVIEW_DAY_START_HOUR);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) stored = NULL;
  VivaFsrsOptimizerResult expected;
  const double *values;
  gsize n;

  g_assert_true (gtk_widget_get_sensitive (optimize));
  g_assert_cmpuint (n_stored_parameters (f), ==, 0);

  g_signal_emit_by_name (optimize, "clicked");
  g_assert_true (viva_fsrs_optimize_group_get_running (f->group));
  /* While it runs the button cancels, and says so. */
  assert_accessible_label (optimize, "Cancel fitting");
  g_assert_false (gtk_widget_get_sensitive (reset));
  viva_test_wait_until (not_running, f->group, 60 * G_USEC_PER_SEC, "the fit to finish");

  /* What a synchronous fit of the same histories gives. */
  for (guint q = 0; q < f->histories->len; q++)
    {
      const VivaSimulatedHistory *history = &g_array_index (f->histories, VivaSimulatedHistory, q);

      viva_fsrs_dataset_add_history (dataset, history->entries, history->n_entries);
    }
  g_assert_true (viva_fsrs_optimize (dataset, NULL, NULL, NULL, NULL, &expected, &error));
  g_assert_no_error (error);

  stored = g_settings_get_value (viva_context_get_settings (f->context), "fsrs-parameters");
  values = g_variant_get_fixed_array (stored, &n, sizeof (double));
  g_assert_cmpuint (n, ==, VIVA_FSRS_N_PARAMS);
  g_assert_cmpmem (values, n * sizeof (double), expected.parameters, sizeof expected.parameters);

  /* With VIVA_SCREENSHOT_DIR set: the Review page after a fit. */
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (f->preferences), "review");
  viva_test_save_screenshot (f->preferences, "preferences-optimize");

  g_assert_true (g_str_has_prefix (viva_fsrs_optimize_group_get_status (f->group), "Log loss "));
  g_assert_nonnull (strstr (viva_fsrs_optimize_group_get_status (f->group), "→"));
  assert_accessible_label (optimize, "Optimize parameters");
  g_assert_true (gtk_widget_get_sensitive (reset));

  /* Again: the same fit, no better than what is in use now; kept. */
  g_signal_emit_by_name (optimize, "clicked");
  viva_test_wait_until (not_running, f->group, 60 * G_USEC_PER_SEC, "the second fit to finish");
  g_assert_true (g_str_has_prefix (viva_fsrs_optimize_group_get_status (f->group),
                                   "Your parameters already fit as well as any"));
  g_clear_pointer (&stored, g_variant_unref);
  stored = g_settings_get_value (viva_context_get_settings (f->context), "fsrs-parameters");
  values = g_variant_get_fixed_array (stored, &n, sizeof (double));
  g_assert_cmpmem (values, n * sizeof (double), expected.parameters, sizeof expected.parameters);

  /* Back to the defaults. */
  g_signal_emit_by_name (reset, "clicked");
  viva_test_drain_main_loop ();
  g_assert_cmpuint (n_stored_parameters (f), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (reset));
}

static gboolean
memory_settled (gpointer data)
{
  return !viva_notes_store_get_recomputing_memory (data);
}

/* Every note's memory is what its history gives under @w, and its due
 * date is @due[q]. */
static void
assert_memory_follows (Fixture      *f,
                       const double *w,
                       const gint64 *due)
{
  VivaNotesStore *store = viva_context_get_notes_store (f->context);
  VivaSchedulerConfig config = *viva_context_get_scheduler_config (f->context);

  g_assert_cmpmem (config.w, sizeof config.w, w, sizeof config.w);
  for (guint q = 0; q < f->histories->len; q++)
    {
      VivaNote *note = viva_notes_store_get_note (store, BANK, q + 1);
      const VivaReviewState *state = viva_note_get_review_state (note);
      const VivaReviewEntry *history;
      VivaReviewState replayed;
      guint n_history;

      history = viva_note_get_history (note, &n_history);
      viva_scheduler_replay (&config, history, n_history, &replayed);
      g_assert_cmpfloat (state->stability, ==, replayed.stability);
      g_assert_cmpfloat (state->difficulty, ==, replayed.difficulty);
      g_assert_cmpint (state->due, ==, due[q]);
    }
}

/* After Optimize, and after Reset to Defaults, every note's FSRS memory
 * is replayed with the parameters now in use (not left as the old ones
 * made it), and no due date moves. */
static void
test_memory_follows (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *optimize = viva_fsrs_optimize_group_get_optimize_button (f->group);
  GtkWidget *reset = viva_fsrs_optimize_group_get_reset_button (f->group);
  VivaNotesStore *store = viva_context_get_notes_store (f->context);
  g_autofree gint64 *due = g_new (gint64, f->histories->len);
  g_autoptr(GVariant) stored = NULL;
  const double *fitted;
  double defaults_stability;
  gsize n;

  for (guint q = 0; q < f->histories->len; q++)
    due[q] = viva_note_get_due (viva_notes_store_get_note (store, BANK, q + 1));
  defaults_stability = viva_note_get_review_state (viva_notes_store_get_note (store, BANK, 1))->stability;

  g_signal_emit_by_name (optimize, "clicked");
  viva_test_wait_until (not_running, f->group, 60 * G_USEC_PER_SEC, "the fit to finish");
  viva_test_wait_until (memory_settled, store, 60 * G_USEC_PER_SEC, "the memory to be recomputed");
  stored = g_settings_get_value (viva_context_get_settings (f->context), "fsrs-parameters");
  fitted = g_variant_get_fixed_array (stored, &n, sizeof (double));
  g_assert_cmpuint (n, ==, VIVA_FSRS_N_PARAMS);
  assert_memory_follows (f, fitted, due);
  g_assert_cmpfloat (viva_note_get_review_state (viva_notes_store_get_note (store, BANK, 1))->stability,
                     !=, defaults_stability);

  g_signal_emit_by_name (reset, "clicked");
  viva_test_wait_until (memory_settled, store, 60 * G_USEC_PER_SEC, "the memory to be recomputed");
  assert_memory_follows (f, viva_fsrs_default_parameters, due);

  g_assert_true (viva_notes_store_flush (store, NULL));
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *optimize = viva_fsrs_optimize_group_get_optimize_button (f->group);

  g_signal_emit_by_name (optimize, "clicked");
  g_assert_true (viva_fsrs_optimize_group_get_running (f->group));
  g_signal_emit_by_name (optimize, "clicked");
  viva_test_wait_until (not_running, f->group, 60 * G_USEC_PER_SEC, "the fit to stop");
  g_assert_cmpuint (n_stored_parameters (f), ==, 0);
  g_assert_null (strstr (viva_fsrs_optimize_group_get_status (f->group), "Log loss"));
}

/* Closing Preferences in the middle of a fit cancels it; nothing is
 * stored and nothing is left running. */
static void
test_close_while_running (Fixture       *f,
                          gconstpointer  data)
{
  g_signal_emit_by_name (viva_fsrs_optimize_group_get_optimize_button (f->group), "clicked");
  g_assert_true (viva_fsrs_optimize_group_get_running (f->group));
  g_object_ref (f->group);
  gtk_window_destroy (GTK_WINDOW (f->preferences));
  viva_test_wait_until (not_running, f->group, 60 * G_USEC_PER_SEC, "the fit to stop");
  g_object_unref (f->group);
  g_assert_cmpuint (n_stored_parameters (f), ==, 0);
  f->preferences = viva_preferences_window_new (NULL);
}

static GtkWidget *
find_toast (GtkWidget *widget)
{
  if (g_strcmp0 (gtk_widget_get_css_name (widget), "toast") == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toast (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_toast (gpointer data)
{
  return find_toast (data) != NULL;
}

/* The window offers the fit once, the first time the notes hold 400
 * reviews, as the user grades. */
static void
test_offer_toast (void)
{
  VivaTestWindow test_window;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GArray) histories = viva_fsrs_simulate (learner, viva_fsrs_default_parameters, 200, 200, 6);
  g_autoptr(GString) unnamed = g_string_new (NULL);
  GtkWidget *toast;

  g_settings_reset (settings, "fsrs-optimize-offered");
  viva_test_window_open (&test_window, NULL, 1000, 700);
  g_assert_null (find_toast (GTK_WIDGET (test_window.window)));

  for (guint q = 0; q < histories->len; q++)
    {
      const VivaSimulatedHistory *history = &g_array_index (histories, VivaSimulatedHistory, q);
      VivaNote *note = viva_notes_store_get_note (test_window.notes, BANK, q + 1);

      for (guint i = 0; i < history->n_entries; i++)
        viva_note_review (note, history->entries[i].grade, VIVA_REVIEW_SOURCE_REVIEW,
                          history->entries[i].time);
    }
  viva_test_wait_until (has_toast, test_window.window, 10 * G_USEC_PER_SEC, "the offer");
  g_assert_true (g_settings_get_boolean (settings, "fsrs-optimize-offered"));
  toast = find_toast (GTK_WIDGET (test_window.window));
  viva_test_collect_unnamed_controls (toast, unnamed);
  g_assert_cmpstr (unnamed->str, ==, "");
  viva_test_save_screenshot (GTK_WIDGET (test_window.window), "fsrs-offer");

  viva_test_window_close (&test_window);
}

static void
test_controls_named (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);

  viva_test_collect_unnamed_controls (GTK_WIDGET (f->group), unnamed);
  g_assert_cmpstr (unnamed->str, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  viva_test_init_ui (&argc, &argv);

  g_test_add ("/fsrs-optimize-group/too-few", Fixture, GUINT_TO_POINTER (20),
              fixture_set_up, test_too_few, fixture_tear_down);
  g_test_add ("/fsrs-optimize-group/optimize", Fixture, GUINT_TO_POINTER (600),
              fixture_set_up, test_optimize, fixture_tear_down);
  g_test_add ("/fsrs-optimize-group/memory-follows", Fixture, GUINT_TO_POINTER (600),
              fixture_set_up, test_memory_follows, fixture_tear_down);
  g_test_add ("/fsrs-optimize-group/cancel", Fixture, GUINT_TO_POINTER (600),
              fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/fsrs-optimize-group/close-while-running", Fixture, GUINT_TO_POINTER (600),
              fixture_set_up, test_close_while_running, fixture_tear_down);
  g_test_add ("/fsrs-optimize-group/controls-named", Fixture, GUINT_TO_POINTER (600),
              fixture_set_up, test_controls_named, fixture_tear_down);

  g_test_add_func ("/fsrs-optimize-group/offer-toast", test_offer_toast);

  return g_test_run ();
}
