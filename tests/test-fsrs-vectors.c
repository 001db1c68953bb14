/* test-fsrs-vectors.c
 *
 * Viva's FSRS-6 model against the reference: every state of every
 * sequence in tests/data/fsrs-vectors.json.gz, which
 * build-aux/fsrs-vectors/generate writes from ts-fsrs's own
 * FSRSAlgorithm (fuzz off). Each sequence is replayed from a new card
 * with Viva's functions alone, each state following from Viva's previous
 * one as it will in a user's notes, and compared with ts-fsrs's:
 *
 *  - stability and difficulty to a relative 1e-6: ts-fsrs rounds both to
 *    8 decimals after each step, so one float64 ulp of difference before
 *    that rounding can turn into 1e-8 after it, which is 3.4e-7 of the
 *    smallest stability in the file (0.029);
 *  - the retrievability before each review to 1e-9, absolute;
 *  - the interval in days exactly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <json-glib/json-glib.h>

#include "viva-test-vectors.h"

#include "viva-fsrs.h"

#define STATE_RELATIVE_TOLERANCE 1e-6
#define RETRIEVABILITY_TOLERANCE 1e-9

static JsonNode *vectors;

static double
relative_difference (double viva,
                     double reference)
{
  return fabs (viva - reference) / MAX (fabs (reference), 1e-300);
}

/* The file is what the rest assumes: ts-fsrs's name and exact version,
 * FSRS-6's 21 parameters, which are Viva's defaults to the last bit, and
 * 10,000 sequences or more. */
static void
test_vectors_file (void)
{
  JsonObject *object = viva_test_vectors_root (vectors);
  const char *generator = json_object_get_string_member (object, "generator");
  JsonArray *parameters = json_object_get_array_member (object, "parameters");
  JsonArray *sequences = json_object_get_array_member (object, "sequences");

  g_assert_true (g_str_has_prefix (generator, "ts-fsrs "));
  g_test_message ("vectors from %s", generator);

  g_assert_cmpuint (json_array_get_length (parameters), ==, VIVA_FSRS_N_PARAMS);
  for (guint i = 0; i < VIVA_FSRS_N_PARAMS; i++)
    g_assert_cmpfloat (viva_test_vectors_number_at (parameters, i), ==, viva_fsrs_default_parameters[i]);

  g_assert_cmpfloat (json_object_get_double_member (object, "desired_retention"), ==, 0.9);
  g_assert_cmpint (json_object_get_int_member (object, "maximum_interval"), ==, 36500);
  g_assert_cmpuint (json_array_get_length (sequences), >=, 10000);
}

typedef struct
{
  guint n_sequences;
  guint n_states;
  guint n_same_day;
  guint n_other_retention;
  guint stability_matched;
  guint difficulty_matched;
  guint retrievability_matched;
  guint n_retrievability;
  guint interval_matched;
  double worst_stability;
  double worst_difficulty;
  double worst_retrievability;
  gint64 worst_interval;
  guint n_reported;
} Tally;

/* Names the first few mismatches, not thousands of them. */
#define MAX_REPORTED 20

G_GNUC_PRINTF (2, 3)
static void
report (Tally      *tally,
        const char *format,
        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (tally->n_reported++ >= MAX_REPORTED)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_test_message ("%s", message);
}

static void
replay_sequence (JsonObject   *sequence,
                 const double *w,
                 double        default_retention,
                 guint         maximum_interval,
                 guint         index,
                 Tally        *tally)
{
  JsonArray *reviews = json_object_get_array_member (sequence, "reviews");
  JsonArray *states = json_object_get_array_member (sequence, "states");
  double retention = default_retention;
  VivaFsrsState state = { 0, 0 };
  guint n = json_array_get_length (reviews);

  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpuint (n, <=, 20);
  g_assert_cmpuint (json_array_get_length (states), ==, n);

  if (json_object_has_member (sequence, "desired_retention"))
    {
      retention = json_object_get_double_member (sequence, "desired_retention");
      tally->n_other_retention++;
    }

  for (guint i = 0; i < n; i++)
    {
      JsonArray *review = json_array_get_array_element (reviews, i);
      JsonArray *expected = json_array_get_array_element (states, i);
      VivaReviewGrade grade = (VivaReviewGrade) json_array_get_int_element (review, 0);
      double elapsed = viva_test_vectors_number_at (review, 1);
      JsonNode *expected_r = json_array_get_element (expected, 2);
      double expected_s = viva_test_vectors_number_at (expected, 0);
      double expected_d = viva_test_vectors_number_at (expected, 1);
      gint64 expected_interval = json_array_get_int_element (expected, 3);
      double ds, dd;
      gint64 interval;

      g_assert_cmpint (grade, >=, VIVA_REVIEW_GRADE_AGAIN);
      g_assert_cmpint (grade, <=, VIVA_REVIEW_GRADE_EASY);

      if (i == 0)
        {
          g_assert_true (JSON_NODE_HOLDS_NULL (expected_r));
          state = viva_fsrs_next_state (w, NULL, elapsed, grade);
        }
      else
        {
          double r = viva_fsrs_retrievability (w, elapsed, state.stability);
          double dr = fabs (r - json_node_get_double (expected_r));

          if (dr > tally->worst_retrievability)
            tally->worst_retrievability = dr;
          if (dr <= RETRIEVABILITY_TOLERANCE)
            tally->retrievability_matched++;
          else
            report (tally, "sequence %u, review %u: R %.17g, ts-fsrs %.17g",
                    index, i + 1, r, json_node_get_double (expected_r));
          tally->n_retrievability++;
          if (elapsed == 0)
            tally->n_same_day++;

          state = viva_fsrs_next_state (w, &state, elapsed, grade);
        }

      ds = relative_difference (state.stability, expected_s);
      dd = relative_difference (state.difficulty, expected_d);
      if (ds > tally->worst_stability)
        tally->worst_stability = ds;
      if (dd > tally->worst_difficulty)
        tally->worst_difficulty = dd;
      if (ds <= STATE_RELATIVE_TOLERANCE)
        tally->stability_matched++;
      else
        report (tally, "sequence %u, review %u: S %.17g, ts-fsrs %.17g",
                index, i + 1, state.stability, expected_s);
      if (dd <= STATE_RELATIVE_TOLERANCE)
        tally->difficulty_matched++;
      else
        report (tally, "sequence %u, review %u: D %.17g, ts-fsrs %.17g",
                index, i + 1, state.difficulty, expected_d);

      interval = viva_fsrs_next_interval (w, state.stability, retention, maximum_interval);
      if (interval == expected_interval)
        tally->interval_matched++;
      else
        report (tally, "sequence %u, review %u: interval %" G_GINT64_FORMAT
                " days, ts-fsrs %" G_GINT64_FORMAT " (S %.17g, retention %g)",
                index, i + 1, interval, expected_interval,
                state.stability, retention);
      if (ABS (interval - expected_interval) > tally->worst_interval)
        tally->worst_interval = ABS (interval - expected_interval);

      tally->n_states++;
    }
}

/* Every sequence replayed with Viva's functions from a new card: every
 * state matches ts-fsrs's within the tolerances above, and no interval
 * is a day off. */
static void
test_vectors_replay (void)
{
  JsonObject *object = viva_test_vectors_root (vectors);
  JsonArray *sequences = json_object_get_array_member (object, "sequences");
  double retention = json_object_get_double_member (object, "desired_retention");
  guint maximum_interval = (guint) json_object_get_int_member (object, "maximum_interval");
  Tally tally = { 0, };

  for (guint i = 0; i < json_array_get_length (sequences); i++)
    {
      replay_sequence (json_array_get_object_element (sequences, i),
                       viva_fsrs_default_parameters, retention, maximum_interval,
                       i, &tally);
      tally.n_sequences++;
    }

  g_test_message ("%u sequences (%u at another desired retention), %u states, "
                  "%u of them after a same-day review",
                  tally.n_sequences, tally.n_other_retention, tally.n_states, tally.n_same_day);
  g_test_message ("stability: %u of %u within %g, largest relative difference %.3g",
                  tally.stability_matched, tally.n_states, STATE_RELATIVE_TOLERANCE,
                  tally.worst_stability);
  g_test_message ("difficulty: %u of %u within %g, largest relative difference %.3g",
                  tally.difficulty_matched, tally.n_states, STATE_RELATIVE_TOLERANCE,
                  tally.worst_difficulty);
  g_test_message ("retrievability: %u of %u within %g, largest difference %.3g",
                  tally.retrievability_matched, tally.n_retrievability,
                  RETRIEVABILITY_TOLERANCE, tally.worst_retrievability);
  g_test_message ("interval: %u of %u exact, largest difference %" G_GINT64_FORMAT " days",
                  tally.interval_matched, tally.n_states, tally.worst_interval);

  /* The file covers what it should: same-day reviews, other retentions. */
  g_assert_cmpuint (tally.n_sequences, >=, 10000);
  g_assert_cmpuint (tally.n_same_day, >, 0);
  g_assert_cmpuint (tally.n_other_retention, >, 0);

  g_assert_cmpuint (tally.stability_matched, ==, tally.n_states);
  g_assert_cmpuint (tally.difficulty_matched, ==, tally.n_states);
  g_assert_cmpuint (tally.retrievability_matched, ==, tally.n_retrievability);
  g_assert_cmpuint (tally.interval_matched, ==, tally.n_states);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  vectors = viva_test_vectors_load ("fsrs-vectors.json.gz");

  g_test_add_func ("/fsrs-vectors/file", test_vectors_file);
  g_test_add_func ("/fsrs-vectors/replay", test_vectors_replay);

  ret = g_test_run ();
  g_clear_pointer (&vectors, json_node_unref);

  return ret;
}
