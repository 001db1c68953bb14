/* test-review-queue.c
 *
 * A day of Review: which questions come, in which order, and how the
 * daily limits count what was already done today, from the history
 * kept in the notes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-bank.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-question.h"
#include "viva-review-queue.h"
#include "viva-test-bundled.h"

#define DAY    G_TIME_SPAN_DAY
#define HOUR   G_TIME_SPAN_HOUR
#define MINUTE G_TIME_SPAN_MINUTE

/* 2026-03-02T10:00:00Z; with UTC and a 4 am start, today runs from
 * 2 March 4:00 to 3 March 4:00. */
#define T0 ((gint64) 1772445600 * G_USEC_PER_SEC)

/* The bundled bank and the notes (viva-test-bundled.c), on a review
 * day in UTC. */
typedef struct
{
  VivaTestBundled  bundled;
  GTimeZone       *tz;
  VivaReviewDay    day;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  viva_test_bundled_set_up (&f->bundled, data);
  f->tz = g_time_zone_new_utc ();
  viva_review_day_init (&f->day, T0, f->tz, 4);

  /* The queue's rules, not the scheduler's: the history below is told
   * in SM-2's whole days, which make each due time plain. */
  {
    VivaSchedulerConfig config = *viva_notes_store_get_scheduler_config (f->bundled.notes);

    config.algorithm = VIVA_SCHEDULER_ALGORITHM_SM2;
    config.tz = f->tz;
    viva_notes_store_set_scheduler_config (f->bundled.notes, &config);
  }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  viva_test_bundled_tear_down (&f->bundled, data);
  g_clear_pointer (&f->tz, g_time_zone_unref);
}

static void
review (Fixture          *f,
        guint             number,
        VivaReviewGrade   grade,
        VivaReviewSource  source,
        gint64            when)
{
  viva_note_review (viva_notes_store_get_note (f->bundled.notes, VIVA_BUNDLED_BANK_ID, number), grade, source, when);
}

static GPtrArray *
build (Fixture          *f,
       guint             daily_limit,
       guint             new_per_day,
       VivaReviewCounts *counts)
{
  return viva_review_queue_build (f->bundled.notes, VIVA_BUNDLED_BANK_ID,
                                  viva_bank_get_questions (f->bundled.bank),
                                  &f->day, daily_limit, new_per_day, counts);
}

/* The queue's question numbers, as "50 80 1 2". */
static char *
numbers (GPtrArray *queue)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < queue->len; i++)
    g_string_append_printf (s, "%s%u", i > 0 ? " " : "",
                            viva_question_get_number (g_ptr_array_index (queue, i)));

  return g_string_free (s, FALSE);
}

static void
assert_queue (Fixture    *f,
              guint       daily_limit,
              guint       new_per_day,
              const char *expected)
{
  g_autoptr(GPtrArray) queue = build (f, daily_limit, new_per_day, NULL);
  g_autofree char *got = numbers (queue);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_first_day (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) queue = NULL;
  VivaReviewCounts counts;

  /* Nothing reviewed yet: new questions, in the bank's order. */
  queue = build (f, 20, 10, &counts);
  g_assert_cmpuint (queue->len, ==, 10);
  g_assert_cmpuint (counts.due, ==, 0);
  g_assert_cmpuint (counts.unseen, ==, viva_bank_get_n_questions (f->bundled.bank));
  g_assert_cmpuint (counts.reviewed_today, ==, 0);
  g_assert_cmpuint (counts.queued_new, ==, 10);
  g_assert_cmpuint (counts.queued_due, ==, 0);
  assert_queue (f, 20, 10, "1 2 3 4 5 6 7 8 9 10");

  /* The daily limit caps new questions too; none at all is allowed. */
  assert_queue (f, 3, 10, "1 2 3");
  assert_queue (f, 20, 0, "");

  /* Notes written while studying do not make a question less new. */
  viva_note_set_text (viva_notes_store_get_note (f->bundled.notes, VIVA_BUNDLED_BANK_ID, 1), "studied");
  viva_note_set_status (viva_notes_store_get_note (f->bundled.notes, VIVA_BUNDLED_BANK_ID, 2), VIVA_STATUS_CONFIDENT);
  assert_queue (f, 20, 3, "1 2 3");
}

/* Questions reviewed on earlier days, some due, some not. */
static void
set_up_history (Fixture *f)
{
  /* Due two days ago, the most overdue. */
  review (f, 50, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW, T0 - 3 * DAY);
  /* Due at T0, later today. */
  review (f, 60, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW, T0 - DAY);
  /* Due in three days. */
  review (f, 70, VIVA_REVIEW_GRADE_EASY, VIVA_REVIEW_SOURCE_REVIEW, T0 - DAY);
  /* Due two hours ago. */
  review (f, 80, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW, T0 - DAY - 2 * HOUR);
  /* Answered Again in Review five minutes ago: back in five minutes. */
  review (f, 90, VIVA_REVIEW_GRADE_AGAIN, VIVA_REVIEW_SOURCE_REVIEW, T0 - 5 * MINUTE);
  /* Answered Again in a mock interview half an hour ago: due now. */
  review (f, 100, VIVA_REVIEW_GRADE_AGAIN, VIVA_REVIEW_SOURCE_MOCK, T0 - 30 * MINUTE);
}

static void
test_due_order (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) queue = NULL;
  VivaReviewCounts counts;

  set_up_history (f);

  /* Due ones by how overdue, then new ones (question 90 was Review's
   * first new question today, so nine more), then question 90 when its
   * ten minutes are up. */
  queue = build (f, 20, 10, &counts);
  {
    g_autofree char *got = numbers (queue);

    g_assert_cmpstr (got, ==, "50 80 100 60 1 2 3 4 5 6 7 8 9 90");
  }
  g_assert_cmpuint (counts.due, ==, 5);
  g_assert_cmpuint (counts.unseen, ==, viva_bank_get_n_questions (f->bundled.bank) - 6);
  g_assert_cmpuint (counts.reviewed_today, ==, 1);
  g_assert_cmpuint (counts.new_today, ==, 1);
  g_assert_cmpuint (counts.queued_due, ==, 5);
  g_assert_cmpuint (counts.queued_new, ==, 9);

  /* The store's count for the sidebar agrees. */
  g_assert_cmpuint (viva_notes_store_count_due (f->bundled.notes, VIVA_BUNDLED_BANK_ID, &f->day), ==, 5);
}

static void
test_daily_limit (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) queue = NULL;
  VivaReviewCounts counts;

  set_up_history (f);

  /* Three a day, one done: two more due ones, no new ones; question 90,
   * started today, comes back regardless. */
  queue = build (f, 3, 10, &counts);
  {
    g_autofree char *got = numbers (queue);

    g_assert_cmpstr (got, ==, "50 80 90");
  }
  g_assert_cmpuint (counts.due, ==, 5);
  g_assert_cmpuint (counts.queued_due, ==, 3);
  g_assert_cmpuint (counts.queued_new, ==, 0);

  /* The limit reached: only what was started today. */
  assert_queue (f, 1, 10, "90");

  /* Six a day: all due ones and one new one. */
  assert_queue (f, 6, 10, "50 80 100 60 1 90");
}

/* The queue is rebuilt after each answer; the day's totals hold. */
static void
test_answering (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) queue = NULL;
  VivaReviewCounts counts;

  set_up_history (f);

  review (f, 50, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW, T0);
  review (f, 1, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW, T0 + MINUTE);
  f->day.now = T0 + 2 * MINUTE;

  queue = build (f, 20, 10, &counts);
  {
    g_autofree char *got = numbers (queue);

    g_assert_cmpstr (got, ==, "80 100 60 2 3 4 5 6 7 8 9 90");
  }
  g_assert_cmpuint (counts.reviewed_today, ==, 3);
  g_assert_cmpuint (counts.new_today, ==, 2);

  /* Ten minutes on, question 90 is due like the others, in its turn. */
  f->day.now = T0 + 10 * MINUTE;
  assert_queue (f, 20, 10, "80 100 60 90 2 3 4 5 6 7 8 9");

  /* Forgotten again: it comes back, last, without counting twice. */
  review (f, 80, VIVA_REVIEW_GRADE_AGAIN, VIVA_REVIEW_SOURCE_REVIEW, T0 + 11 * MINUTE);
  f->day.now = T0 + 12 * MINUTE;
  queue = build (f, 20, 10, &counts);
  g_assert_cmpuint (counts.reviewed_today, ==, 4);
  {
    g_autofree char *got = numbers (queue);

    g_assert_cmpstr (got, ==, "100 60 90 2 3 4 5 6 7 8 9 80");
  }
}

/* Only Review's own grades today count towards its limits. */
static void
test_what_counts_as_today (Fixture       *f,
                           gconstpointer  data)
{
  VivaReviewCounts counts;
  g_autoptr(GPtrArray) queue = NULL;

  /* At 3 am it was still yesterday's review day; so it is due on the
   * next one, today, although a day has not passed yet. */
  review (f, 20, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW, T0 - 7 * HOUR);
  /* A mock interview today. */
  review (f, 30, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_MOCK, T0 - HOUR);

  queue = build (f, 20, 10, &counts);
  g_assert_cmpuint (counts.reviewed_today, ==, 0);
  g_assert_cmpuint (counts.new_today, ==, 0);
  g_assert_cmpuint (counts.due, ==, 1);
  g_assert_cmpuint (counts.unseen, ==, viva_bank_get_n_questions (f->bundled.bank) - 2);
  g_assert_cmpuint (counts.queued_due, ==, 1);
  g_assert_cmpuint (counts.queued_new, ==, 10);
  g_assert_cmpuint (viva_question_get_number (g_ptr_array_index (queue, 0)), ==, 20);

  /* Seen from 3:30 that morning, question 20 was today's. */
  viva_review_day_init (&f->day, T0 - 6 * HOUR - 30 * MINUTE, f->tz, 4);
  g_clear_pointer (&queue, g_ptr_array_unref);
  queue = build (f, 20, 10, &counts);
  g_assert_cmpuint (counts.reviewed_today, ==, 1);
  g_assert_cmpuint (counts.new_today, ==, 1);
  g_assert_cmpuint (counts.due, ==, 0);
  g_assert_cmpuint (counts.queued_new, ==, 9);

  /* Notes of questions the bank does not have are not asked. */
  viva_review_day_init (&f->day, T0, f->tz, 4);
  review (f, 99999, VIVA_REVIEW_GRADE_AGAIN, VIVA_REVIEW_SOURCE_REVIEW, T0 - HOUR);
  g_clear_pointer (&queue, g_ptr_array_unref);
  queue = build (f, 20, 10, &counts);
  g_assert_cmpuint (counts.due, ==, 1);
  g_assert_cmpuint (counts.reviewed_today, ==, 0);
  g_assert_cmpuint (viva_notes_store_count_due (f->bundled.notes, VIVA_BUNDLED_BANK_ID, &f->day), ==, 2);
}

/* What the limits read comes from the notes file: a restart keeps them. */
static void
test_limits_survive_restart (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = viva_notes_store_dup_default_path ();
  g_autoptr(VivaNotesStore) reread = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  VivaReviewCounts counts;

  set_up_history (f);
  g_assert_true (viva_notes_store_flush (f->bundled.notes, &error));
  g_assert_no_error (error);

  reread = viva_notes_store_new (path);
  g_assert_true (viva_notes_store_load (reread, &error));
  g_assert_no_error (error);

  queue = viva_review_queue_build (reread, VIVA_BUNDLED_BANK_ID, viva_bank_get_questions (f->bundled.bank),
                                   &f->day, 3, 10, &counts);
  g_assert_cmpuint (counts.reviewed_today, ==, 1);
  g_assert_cmpuint (queue->len, ==, 3);
}

/* "-m perf": today's queue from a bank of 100,000 questions, a tenth of
 * them reviewed on earlier days and a few today. Not asserted: machines
 * vary. */
static void
test_perf_large_bank (void)
{
  g_autoptr(GString) markdown = g_string_new ("# Generated bank\n\n## Level 1: Generated\n\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaBank) bank = NULL;
  g_autoptr(VivaNotesStore) notes = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autofree char *path = viva_notes_store_dup_default_path ();
  VivaReviewDay day;
  double best = G_MAXDOUBLE;

  if (!g_test_perf ())
    {
      g_test_skip ("only run with -m perf");
      return;
    }

  for (guint number = 1; number <= 100000; number++)
    g_string_append_printf (markdown, "**Question %u:** What does question %u ask?\n\n", number, number);
  bytes = g_string_free_to_bytes (g_steal_pointer (&markdown));
  bank = viva_bank_new_from_bytes (bytes, "perf", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (viva_bank_get_n_questions (bank), ==, 100000);

  notes = viva_notes_store_new (path);
  g_assert_true (viva_notes_store_load (notes, &error));
  for (guint number = 1; number <= 100000; number += 10)
    {
      VivaNote *note = viva_notes_store_get_note (notes, "perf", number);

      for (guint r = 0; r < 5; r++)
        viva_note_review (note, (VivaReviewGrade) (VIVA_REVIEW_GRADE_HARD + (number + r) % 3),
                          VIVA_REVIEW_SOURCE_REVIEW, T0 - (gint64) (number % 40 + 5 - r) * DAY);
      if (number % 1000 == 1)
        viva_note_review (note, VIVA_REVIEW_GRADE_AGAIN, VIVA_REVIEW_SOURCE_REVIEW, T0 - HOUR);
    }
  viva_review_day_init (&day, T0, tz, 4);

  for (guint run = 0; run < 5; run++)
    {
      VivaReviewCounts counts;
      gint64 begin = g_get_monotonic_time ();
      g_autoptr(GPtrArray) queue = viva_review_queue_build (notes, "perf", viva_bank_get_questions (bank),
                                                            &day, 200, 20, &counts);
      gint64 elapsed = g_get_monotonic_time () - begin;
      gint64 count_begin = g_get_monotonic_time ();
      guint due = viva_notes_store_count_due (notes, "perf", &day);
      gint64 count_elapsed = g_get_monotonic_time () - count_begin;

      g_assert_cmpuint (counts.due, ==, due);
      g_assert_cmpuint (counts.reviewed_today, ==, 100);
      g_assert_cmpuint (queue->len, >, 0);
      best = MIN (best, elapsed / 1000.0);
      g_test_message ("run %u: queue of %u (%u due) in %.1f ms; count of due questions in %.1f ms",
                      run, queue->len, counts.due, elapsed / 1000.0, count_elapsed / 1000.0);
    }

  g_test_minimized_result (best, "today's review queue from 100,000 questions: %.1f ms", best);
  g_assert_true (viva_notes_store_flush (notes, &error));
}

/* What "All caught up" says at the end of the day: what was done, what
 * the daily limit held back, and when questions are due again. */
static void
test_summary (Fixture       *f,
              gconstpointer  data)
{
  VivaReviewCounts counts = { 0 };
  g_autofree char *nothing = NULL;
  g_autofree char *friday = NULL;
  g_autofree char *tomorrow = NULL;
  g_autofree char *over = NULL;

  nothing = viva_review_counts_dup_summary (&counts, f->bundled.notes, VIVA_BUNDLED_BANK_ID, NULL, &f->day);
  g_assert_cmpstr (nothing, ==, "Nothing is due today.");

  /* Easy on a new question: back in 4 days, on Friday. */
  review (f, 2, VIVA_REVIEW_GRADE_EASY, VIVA_REVIEW_SOURCE_REVIEW, T0);
  g_ptr_array_unref (build (f, 20, 0, &counts));
  g_assert_cmpuint (counts.reviewed_today, ==, 1);
  g_assert_cmpuint (viva_review_counts_get_over_limit (&counts), ==, 0);
  friday = viva_review_counts_dup_summary (&counts, f->bundled.notes, VIVA_BUNDLED_BANK_ID, NULL, &f->day);
  g_assert_cmpstr (friday, ==, "You reviewed 1 question today. 1 question is due on Friday 6 March.");

  /* Good: back tomorrow, which comes first. */
  review (f, 1, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW, T0 + MINUTE);
  g_ptr_array_unref (build (f, 20, 0, &counts));
  g_assert_cmpuint (counts.reviewed_today, ==, 2);
  tomorrow = viva_review_counts_dup_summary (&counts, f->bundled.notes, VIVA_BUNDLED_BANK_ID, NULL, &f->day);
  g_assert_cmpstr (tomorrow, ==, "You reviewed 2 questions today. 1 question is due tomorrow.");

  /* Five due, three let in by the limit. */
  counts.due = 5;
  counts.queued_due = 3;
  g_assert_cmpuint (viva_review_counts_get_over_limit (&counts), ==, 2);
  over = viva_review_counts_dup_summary (&counts, f->bundled.notes, VIVA_BUNDLED_BANK_ID, NULL, &f->day);
  g_assert_cmpstr (over, ==, "You reviewed 2 questions today. 2 more questions are due, over your daily limit. "
                             "1 question is due tomorrow.");
}

/* A deleted question's note keeps its schedule, but Review will never
 * ask it: it is not "due tomorrow". */
static void
test_summary_ignores_deleted (Fixture       *f,
                              gconstpointer  data)
{
  static const char text[] = "## Level 1: Beginner\n\n**Question 2:** Kept\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaBank) without_1 = viva_bank_new_from_bytes (bytes, VIVA_BUNDLED_BANK_ID, &error);
  VivaReviewCounts counts = { 0 };
  g_autofree char *with_all = NULL;
  g_autofree char *deleted = NULL;

  g_assert_no_error (error);
  review (f, 2, VIVA_REVIEW_GRADE_EASY, VIVA_REVIEW_SOURCE_REVIEW, T0);
  review (f, 1, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW, T0 + MINUTE);
  g_ptr_array_unref (build (f, 20, 0, &counts));

  with_all = viva_review_counts_dup_summary (&counts, f->bundled.notes, VIVA_BUNDLED_BANK_ID, f->bundled.bank, &f->day);
  g_assert_cmpstr (with_all, ==, "You reviewed 2 questions today. 1 question is due tomorrow.");
  deleted = viva_review_counts_dup_summary (&counts, f->bundled.notes, VIVA_BUNDLED_BANK_ID, without_1, &f->day);
  g_assert_cmpstr (deleted, ==, "You reviewed 2 questions today. 1 question is due on Friday 6 March.");
}

int
main (int   argc,
      char *argv[])
{
  /* The summary names days in local time: make it UTC, as the
   * fixture's day is, whatever the machine's zone. */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/review-queue/first-day", Fixture, NULL, fixture_set_up, test_first_day, fixture_tear_down);
  g_test_add ("/review-queue/due-order", Fixture, NULL, fixture_set_up, test_due_order, fixture_tear_down);
  g_test_add ("/review-queue/daily-limit", Fixture, NULL, fixture_set_up, test_daily_limit, fixture_tear_down);
  g_test_add ("/review-queue/answering", Fixture, NULL, fixture_set_up, test_answering, fixture_tear_down);
  g_test_add ("/review-queue/what-counts-as-today", Fixture, NULL, fixture_set_up, test_what_counts_as_today, fixture_tear_down);
  g_test_add ("/review-queue/limits-survive-restart", Fixture, NULL, fixture_set_up, test_limits_survive_restart, fixture_tear_down);
  g_test_add ("/review-queue/summary", Fixture, NULL, fixture_set_up, test_summary, fixture_tear_down);
  g_test_add ("/review-queue/summary-ignores-deleted", Fixture, NULL, fixture_set_up, test_summary_ignores_deleted, fixture_tear_down);
  g_test_add_func ("/review-queue/perf/large-bank", test_perf_large_bank);

  return g_test_run ();
}
