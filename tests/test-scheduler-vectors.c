/* test-scheduler-vectors.c
 *
 * Viva's FSRS card scheduler against the reference: every review of
 * every sequence in tests/data/fsrs-card-vectors.json.gz, which
 * build-aux/fsrs-vectors/generate writes from ts-fsrs's own card
 * scheduler, fsrs ({ enable_fuzz: false, enable_short_term: true }).next (),
 * on reviews at real times: minutes apart (learning steps), hours apart,
 * on the day due, early, late and months late. Each sequence is graded
 * from a new question with viva_scheduler_review () alone, each state
 * following from Viva's previous one as it does in a user's notes, and
 * compared after every review with ts-fsrs's card:
 *
 *  - the due time exactly, to the microsecond: both add whole minutes or
 *    whole 24-hour days to the review's time (the file's times are whole
 *    milliseconds), so any difference is a different schedule, not
 *    rounding;
 *  - the state (learning, review, relearning), the scheduled days, the
 *    lapses and the learning step exactly;
 *  - except at the maximum interval (100 years): to keep Hard < Good <
 *    Easy, ts-fsrs gives Good and Easy a day or two more than its own
 *    maximum_interval (36,501 and 36,502 days); Viva stops at the
 *    maximum, which notes.json validates, so there the expected interval
 *    is the maximum and the due date follows from it;
 *  - stability and difficulty to a relative 1e-6, as
 *    tests/test-fsrs-vectors.c explains.
 *
 * ts-fsrs counts days as UTC calendar days; Viva counts review days,
 * from 4 am local time in the app. The two agree when Viva's days are
 * counted in UTC from midnight, so that is the configuration here;
 * tests/test-scheduler.c checks the review days themselves (another
 * zone, a daylight saving change, the 4 am boundary).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "viva-test-vectors.h"

#include "viva-fsrs.h"
#include "viva-scheduler.h"

#define STATE_RELATIVE_TOLERANCE 1e-6

/* ts-fsrs's State. */
enum
{
  TS_NEW,
  TS_LEARNING,
  TS_REVIEW,
  TS_RELEARNING,
};

static JsonNode *vectors;
static GTimeZone *utc_tz;

static gint64
integer_at (JsonArray *array,
            guint      index)
{
  double value = viva_test_vectors_number_at (array, index);

  g_assert_cmpfloat (value, ==, floor (value));

  return (gint64) value;
}

static const char *
string_at (JsonArray *array,
           guint      index)
{
  return json_array_get_string_element (array, index);
}

/* The file is what the rest assumes: ts-fsrs, Viva's default
 * parameters, and the learning steps Viva uses. */
static void
test_vectors_file (void)
{
  JsonObject *object = viva_test_vectors_root (vectors);
  const char *generator = json_object_get_string_member (object, "generator");
  JsonArray *parameters = json_object_get_array_member (object, "parameters");
  JsonArray *learning = json_object_get_array_member (object, "learning_steps");
  JsonArray *relearning = json_object_get_array_member (object, "relearning_steps");

  g_assert_true (g_str_has_prefix (generator, "ts-fsrs "));
  g_test_message ("card vectors from %s", generator);

  g_assert_cmpuint (json_array_get_length (parameters), ==, VIVA_FSRS_N_PARAMS);
  for (guint i = 0; i < VIVA_FSRS_N_PARAMS; i++)
    g_assert_cmpfloat (viva_test_vectors_number_at (parameters, i), ==, viva_fsrs_default_parameters[i]);

  g_assert_cmpint (json_object_get_int_member (object, "maximum_interval"), ==, VIVA_REVIEW_INTERVAL_MAX);
  g_assert_cmpuint (json_array_get_length (learning), ==, VIVA_SCHEDULER_LEARNING_STEPS);
  g_assert_cmpstr (string_at (learning, 0), ==, "1m");
  g_assert_cmpstr (string_at (learning, 1), ==, "10m");
  g_assert_cmpuint (json_array_get_length (relearning), ==, VIVA_SCHEDULER_RELEARNING_STEPS);
  g_assert_cmpstr (string_at (relearning, 0), ==, "10m");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "sequences")), >=, 5000);
}

static int
viva_state_of (const VivaReviewState *state)
{
  if (viva_review_state_is_new (state))
    return TS_NEW;
  if (state->interval > 0)
    return TS_REVIEW;

  return state->lapses > 0 ? TS_RELEARNING : TS_LEARNING;
}

static double
relative_difference (double viva,
                     double reference)
{
  return fabs (viva - reference) / MAX (fabs (reference), 1e-300);
}

typedef struct
{
  guint n_reviews;
  guint n_minutes_apart;
  guint n_same_day;
  guint n_by_state[4];
  guint n_other_retention;
  guint n_capped;
  guint n_mismatched;
  double worst_stability;
  double worst_difficulty;
} Tally;

static void
check_sequence (JsonObject *sequence,
                guint       index,
                Tally      *tally)
{
  JsonArray *reviews = json_object_get_array_member (sequence, "reviews");
  JsonArray *cards = json_object_get_array_member (sequence, "cards");
  guint n = json_array_get_length (reviews);
  g_autofree VivaReviewEntry *history = g_new0 (VivaReviewEntry, n);
  VivaSchedulerConfig config;
  VivaReviewState state, replayed;

  g_assert_cmpuint (json_array_get_length (cards), ==, n);

  viva_scheduler_config_init (&config);
  config.fuzz = FALSE;
  config.tz = utc_tz;
  config.day_start_hour = 0;
  if (json_object_has_member (sequence, "desired_retention"))
    {
      config.desired_retention = json_object_get_double_member (sequence, "desired_retention");
      tally->n_other_retention++;
    }

  viva_review_state_init (&state);

  for (guint i = 0; i < n; i++)
    {
      JsonArray *review = json_array_get_array_element (reviews, i);
      JsonArray *card = json_array_get_array_element (cards, i);
      gint64 time = integer_at (review, 0) * 1000;
      VivaReviewGrade grade = (VivaReviewGrade) integer_at (review, 1);
      gint64 due = integer_at (card, 0) * 1000;
      int ts_state = (int) integer_at (card, 1);
      double stability = viva_test_vectors_number_at (card, 2);
      double difficulty = viva_test_vectors_number_at (card, 3);
      guint scheduled_days = (guint) integer_at (card, 4);
      guint lapses = (guint) integer_at (card, 5);
      guint step = (guint) integer_at (card, 6);
      double ds, dd;

      if (scheduled_days > config.maximum_interval)
        {
          scheduled_days = config.maximum_interval;
          due = time + (gint64) scheduled_days * G_TIME_SPAN_DAY;
          tally->n_capped++;
        }
      if (i > 0 && time - state.last_review < G_TIME_SPAN_HOUR)
        tally->n_minutes_apart++;
      if (i > 0 && time / G_TIME_SPAN_DAY == state.last_review / G_TIME_SPAN_DAY)
        tally->n_same_day++;

      history[i] = (VivaReviewEntry) { time, grade, VIVA_REVIEW_SOURCE_REVIEW };
      viva_scheduler_review (&config, &state, grade, time, &state);
      g_assert_true (viva_review_state_is_valid (&state));

      ds = relative_difference (state.stability, stability);
      dd = relative_difference (state.difficulty, difficulty);
      tally->worst_stability = MAX (tally->worst_stability, ds);
      tally->worst_difficulty = MAX (tally->worst_difficulty, dd);
      tally->n_reviews++;
      tally->n_by_state[CLAMP (ts_state, 0, 3)]++;

      if (state.due != due || viva_state_of (&state) != ts_state ||
          state.interval != scheduled_days || state.lapses != lapses ||
          state.step != step ||
          !(ds <= STATE_RELATIVE_TOLERANCE) || !(dd <= STATE_RELATIVE_TOLERANCE))
        {
          if (tally->n_mismatched++ < 10)
            g_test_message ("sequence %u review %u (grade %d at %" G_GINT64_FORMAT "): "
                            "Viva due %" G_GINT64_FORMAT " state %d days %u lapses %u step %u S %.8f D %.8f; "
                            "ts-fsrs due %" G_GINT64_FORMAT " state %d days %u lapses %u step %u S %.8f D %.8f",
                            index, i, grade, time,
                            state.due, viva_state_of (&state), state.interval, state.lapses, state.step,
                            state.stability, state.difficulty,
                            due, ts_state, scheduled_days, lapses, step, stability, difficulty);
          /* Go on from ts-fsrs's state would hide how far a
           * difference carries; stop this sequence instead. */
          return;
        }
    }

  /* The same history replayed at once gives the same state. */
  viva_scheduler_replay (&config, history, n, &replayed);
  g_assert_cmpmem (&replayed, sizeof replayed, &state, sizeof state);
}

static void
test_vectors_sequences (void)
{
  JsonArray *sequences = json_object_get_array_member (viva_test_vectors_root (vectors), "sequences");
  guint n_sequences = json_array_get_length (sequences);
  Tally tally = { 0, };

  for (guint i = 0; i < n_sequences; i++)
    check_sequence (json_array_get_object_element (sequences, i), i, &tally);

  g_test_message ("%u sequences, %u reviews (%u at other retentions): "
                  "%u less than an hour after the last, %u the same UTC day; "
                  "cards left learning %u, review %u, relearning %u; "
                  "%u past ts-fsrs's maximum interval; "
                  "worst relative stability %.3g, difficulty %.3g; %u mismatched",
                  n_sequences, tally.n_reviews, tally.n_other_retention,
                  tally.n_minutes_apart, tally.n_same_day,
                  tally.n_by_state[TS_LEARNING], tally.n_by_state[TS_REVIEW],
                  tally.n_by_state[TS_RELEARNING], tally.n_capped,
                  tally.worst_stability, tally.worst_difficulty, tally.n_mismatched);

  g_assert_cmpuint (tally.n_mismatched, ==, 0);
  /* The file exercises what it is for. */
  g_assert_cmpuint (tally.n_reviews, >=, 50000);
  g_assert_cmpuint (tally.n_minutes_apart, >=, 5000);
  g_assert_cmpuint (tally.n_by_state[TS_LEARNING], >=, 1000);
  g_assert_cmpuint (tally.n_by_state[TS_RELEARNING], >=, 1000);
  g_assert_cmpuint (tally.n_by_state[TS_REVIEW], >=, 10000);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  vectors = viva_test_vectors_load ("fsrs-card-vectors.json.gz");
  utc_tz = g_time_zone_new_utc ();

  g_test_add_func ("/scheduler-vectors/file", test_vectors_file);
  g_test_add_func ("/scheduler-vectors/sequences", test_vectors_sequences);

  status = g_test_run ();

  g_time_zone_unref (utc_tz);
  json_node_unref (vectors);

  return status;
}
