/* test-interview.c
 *
 * Interviewer mode without a display: the interview model and its plan,
 * the ratings, the clock, the time stamps of the notes, and how the
 * interviews survive on disk: damaged files, newer versions, resume.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "viva-bank.h"
#include "viva-clock.h"
#include "viva-document-file.h"
#include "viva-interview.h"
#include "viva-interview-file.h"
#include "viva-interview-store-private.h"
#include "viva-interview-store.h"
#include "viva-interview-template.h"
#include "viva-markdown-fences.h"
#include "viva-question.h"

#define MINUTES(n) ((gint64) (n) * 60 * G_USEC_PER_SEC)
#define SECONDS(n) ((gint64) (n) * G_USEC_PER_SEC)
#define WAIT_TIMEOUT_SECONDS 20

/* Helpers */

typedef struct
{
  guint changed;
  guint items_changed;
  guint last_position;
  guint last_removed;
  guint last_added;
} Counts;

static void
on_changed (VivaInterview *interview,
            Counts        *counts)
{
  counts->changed++;
}

static void
on_items_changed (VivaInterview *interview,
                  guint          position,
                  guint          removed,
                  guint          added,
                  Counts        *counts)
{
  counts->items_changed++;
  counts->last_position = position;
  counts->last_removed = removed;
  counts->last_added = added;
}

static void
watch (VivaInterview *interview,
       Counts        *counts)
{
  memset (counts, 0, sizeof *counts);
  g_signal_connect (interview, "changed", G_CALLBACK (on_changed), counts);
  g_signal_connect (interview, "items-changed", G_CALLBACK (on_items_changed), counts);
}

static void
append_ok (VivaInterview *interview,
           guint          number,
           const char    *text,
           gint64         budget)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (viva_interview_append (interview, number, text, budget, &error));
  g_assert_no_error (error);
}

/* The numbers of the plan, as "3 1 2". */
static char *
plan_numbers (VivaInterview *interview)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < viva_interview_get_n_items (interview); i++)
    g_string_append_printf (out, "%s%u", i > 0 ? " " : "",
                            viva_interview_item_get_number (viva_interview_get_item (interview, i)));

  return g_string_free (out, FALSE);
}

#define assert_plan(interview, expected) \
  G_STMT_START { \
    g_autofree char *_plan = plan_numbers (interview); \
    g_assert_cmpstr (_plan, ==, expected); \
  } G_STMT_END

/* Ratings */

static void
test_ratings (void)
{
  const char *names[] = { "none", "strong-no", "no", "yes", "strong-yes" };
  const char *labels[] = { "No Decision", "Strong No", "No", "Yes", "Strong Yes" };
  VivaInterviewRating rating;

  for (guint i = 0; i < VIVA_INTERVIEW_N_RATINGS; i++)
    {
      g_assert_cmpstr (viva_interview_rating_to_string (i), ==, names[i]);
      g_assert_cmpstr (viva_interview_rating_get_label (i), ==, labels[i]);
      g_assert_true (viva_interview_rating_from_string (names[i], &rating));
      g_assert_cmpint (rating, ==, i);
    }

  g_assert_false (viva_interview_rating_from_string ("maybe", &rating));
  g_assert_false (viva_interview_rating_from_string ("", &rating));
  g_assert_false (viva_interview_rating_from_string (NULL, &rating));
  g_assert_false (viva_interview_rating_from_string ("Strong Yes", &rating));
}

/* The model */

static void
test_fields (void)
{
  g_autoptr(VivaInterview) interview = viva_interview_new (NULL);
  g_autofree char *too_long = g_strnfill (VIVA_INTERVIEW_NAME_MAX_SIZE + 1, 'a');
  Counts counts;

  watch (interview, &counts);

  g_assert_true (viva_interview_id_is_valid (viva_interview_get_id (interview)));
  g_assert_cmpstr (viva_interview_get_candidate (interview), ==, "");
  g_assert_cmpint (viva_interview_get_state (interview), ==, VIVA_INTERVIEW_STATE_PLANNED);
  g_assert_false (viva_interview_get_unfinished (interview));

  g_assert_true (viva_interview_set_candidate (interview, "Zoë Ångström"));
  g_assert_true (viva_interview_set_role (interview, "Backend engineer"));
  g_assert_true (viva_interview_set_interviewer (interview, "Sam"));
  g_assert_true (viva_interview_set_date (interview, SECONDS (1790000000)));
  g_assert_true (viva_interview_set_total_budget (interview, MINUTES (45)));
  g_assert_cmpuint (counts.changed, ==, 5);

  /* Unchanged: no signal */
  g_assert_true (viva_interview_set_candidate (interview, "Zoë Ångström"));
  g_assert_cmpuint (counts.changed, ==, 5);

  /* Refused */
  g_assert_false (viva_interview_set_candidate (interview, too_long));
  g_assert_false (viva_interview_set_role (interview, "\xff\xfe"));
  g_assert_false (viva_interview_set_total_budget (interview, -1));
  g_assert_cmpstr (viva_interview_get_candidate (interview), ==, "Zoë Ångström");
  g_assert_cmpuint (counts.changed, ==, 5);

  g_assert_true (viva_interview_set_recommendation (interview, VIVA_INTERVIEW_RATING_YES));
  g_assert_true (viva_interview_set_takeaways (interview, "Solid."));
  g_assert_true (viva_interview_set_summary (interview, "Hire."));
  g_assert_cmpint (viva_interview_get_recommendation (interview), ==, VIVA_INTERVIEW_RATING_YES);
  g_assert_cmpuint (counts.changed, ==, 8);

  /* Read-only refuses everything */
  viva_interview_set_read_only (interview, TRUE);
  g_assert_false (viva_interview_set_candidate (interview, "Other"));
  g_assert_false (viva_interview_set_recommendation (interview, VIVA_INTERVIEW_RATING_NO));
  g_assert_false (viva_interview_append (interview, 1, "Q", 0, NULL));
  g_assert_false (viva_interview_start (interview));
  g_assert_cmpuint (counts.changed, ==, 8);
}

static void
test_plan_editing (void)
{
  g_autoptr(VivaInterview) interview = viva_interview_new (NULL);
  g_autoptr(GError) error = NULL;
  Counts counts;

  watch (interview, &counts);

  append_ok (interview, 1, "One?", 0);
  append_ok (interview, 2, "Two?", MINUTES (5));
  append_ok (interview, 3, "Three?", 0);
  assert_plan (interview, "1 2 3");
  g_assert_cmpuint (counts.items_changed, ==, 3);
  g_assert_cmpuint (counts.last_position, ==, 2);
  g_assert_cmpuint (counts.last_added, ==, 1);

  /* Bank questions once only; the interviewer's own (0) repeat. */
  g_assert_false (viva_interview_append (interview, 2, "Two again?", 0, &error));
  g_assert_error (error, VIVA_INTERVIEW_ERROR, VIVA_INTERVIEW_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (viva_interview_append (interview, 9, "  \n ", 0, &error));
  g_assert_error (error, VIVA_INTERVIEW_ERROR, VIVA_INTERVIEW_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (viva_interview_insert (interview, 0, 0, "Tell me about yourself", 0, &error));
  g_assert_true (viva_interview_insert (interview, 4, 0, "Tell me about yourself", 0, &error));
  g_assert_no_error (error);
  assert_plan (interview, "0 1 2 3 0");
  g_assert_true (viva_interview_contains (interview, 3));
  g_assert_false (viva_interview_contains (interview, 0));

  g_assert_true (viva_interview_move (interview, 0, 3));
  assert_plan (interview, "1 2 3 0 0");
  g_assert_cmpuint (counts.last_position, ==, 0);
  g_assert_cmpuint (counts.last_removed, ==, 4);
  g_assert_cmpuint (counts.last_added, ==, 4);
  g_assert_true (viva_interview_move (interview, 2, 0));
  assert_plan (interview, "3 1 2 0 0");
  g_assert_false (viva_interview_move (interview, 0, 5));

  g_assert_true (viva_interview_remove (interview, 4));
  g_assert_true (viva_interview_remove (interview, 3));
  assert_plan (interview, "3 1 2");
  g_assert_false (viva_interview_remove (interview, 3));
  g_assert_cmpstr (viva_interview_item_get_text (viva_interview_get_item (interview, 2)), ==, "Two?");
  g_assert_cmpint (viva_interview_item_get_budget (viva_interview_get_item (interview, 2)), ==, MINUTES (5));
  g_assert_cmpstr (viva_interview_item_get_notes (viva_interview_get_item (interview, 2)), ==, "");

  g_assert_true (viva_interview_set_item_budget (interview, 0, MINUTES (10)));
  g_assert_cmpint (viva_interview_item_get_budget (viva_interview_get_item (interview, 0)), ==, MINUTES (10));
  g_assert_false (viva_interview_set_item_budget (interview, 3, MINUTES (10)));
}

static void
test_plan_cap (void)
{
  g_autoptr(VivaInterview) interview = viva_interview_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = g_strnfill (VIVA_INTERVIEW_QUESTION_MAX_SIZE + 10, 'x');

  for (guint i = 1; i <= VIVA_INTERVIEW_MAX_ITEMS; i++)
    append_ok (interview, i, i == 1 ? huge : "Q", 0);

  g_assert_false (viva_interview_append (interview, 0, "One more", 0, &error));
  g_assert_error (error, VIVA_INTERVIEW_ERROR, VIVA_INTERVIEW_ERROR_FULL);
  g_assert_cmpuint (viva_interview_get_n_items (interview), ==, VIVA_INTERVIEW_MAX_ITEMS);

  /* Copied text is cut, with "…" */
  g_assert_cmpuint (strlen (viva_interview_item_get_text (viva_interview_get_item (interview, 0))), <=, VIVA_INTERVIEW_QUESTION_MAX_SIZE);
  g_assert_true (g_str_has_suffix (viva_interview_item_get_text (viva_interview_get_item (interview, 0)), "…"));
}

static void
test_append_question (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaBank) bank = viva_bank_new_bundled (&error);
  g_autoptr(VivaInterview) interview = viva_interview_new (NULL);
  VivaQuestion *question;

  g_assert_no_error (error);
  question = viva_bank_lookup_question (bank, 7);
  g_assert_nonnull (question);

  g_assert_true (viva_interview_append_question (interview, question, MINUTES (3), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (viva_interview_item_get_number (viva_interview_get_item (interview, 0)), ==, 7);
  g_assert_cmpstr (viva_interview_item_get_text (viva_interview_get_item (interview, 0)), ==, viva_question_get_text (question));
  g_assert_false (viva_interview_append_question (interview, question, 0, &error));
  g_assert_error (error, VIVA_INTERVIEW_ERROR, VIVA_INTERVIEW_ERROR_DUPLICATE);
}

static void
test_current_follows_item (void)
{
  g_autoptr(VivaInterview) interview = viva_interview_new (NULL);

  append_ok (interview, 1, "One?", 0);
  append_ok (interview, 2, "Two?", 0);
  append_ok (interview, 3, "Three?", 0);

  g_assert_true (viva_interview_set_current (interview, 1));
  g_assert_false (viva_interview_set_current (interview, 3));
  g_assert_true (viva_interview_move (interview, 1, 2));
  g_assert_cmpuint (viva_interview_get_current (interview), ==, 2);
  g_assert_true (viva_interview_move (interview, 0, 2));
  g_assert_cmpuint (viva_interview_get_current (interview), ==, 1);
  g_assert_true (viva_interview_insert (interview, 0, 4, "Four?", 0, NULL));
  g_assert_cmpuint (viva_interview_get_current (interview), ==, 2);
  g_assert_cmpuint (viva_interview_item_get_number (viva_interview_get_item (interview, 2)), ==, 2);
  g_assert_true (viva_interview_remove (interview, 2));
  g_assert_cmpuint (viva_interview_get_current (interview), ==, 2);
  g_assert_true (viva_interview_remove (interview, 2));
  g_assert_cmpuint (viva_interview_get_current (interview), ==, 1);
}

/* The plan is a GListModel of items whose properties notify, so that
 * lists bind to it rather than copy it. */

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              GString    *log)
{
  g_string_append_printf (log, "%s ", pspec->name);
}

static void
test_plan_list_model (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (SECONDS (1000));
  g_autoptr(VivaInterview) interview = viva_interview_new (clock);
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(VivaInterviewItem) first = NULL;
  g_autoptr(VivaInterviewItem) second = NULL;
  GListModel *model;
  Counts counts;

  g_assert_true (G_IS_LIST_MODEL (interview));
  model = G_LIST_MODEL (interview);
  g_assert_true (g_list_model_get_item_type (model) == VIVA_TYPE_INTERVIEW_ITEM);

  watch (interview, &counts);
  append_ok (interview, 3, "Three?", MINUTES (5));
  append_ok (interview, 0, "Your own?", 0);
  g_assert_cmpuint (counts.items_changed, ==, 2);
  g_assert_cmpuint (counts.last_position, ==, 1);
  g_assert_cmpuint (counts.last_added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_null (g_list_model_get_item (model, 2));

  /* The model's items are the interview's, with their fields as properties. */
  first = g_list_model_get_item (model, 0);
  second = g_list_model_get_item (model, 1);
  g_assert_true (first == viva_interview_get_item (interview, 0));
  g_assert_true (second == viva_interview_get_item (interview, 1));
  {
    guint number;
    g_autofree char *text = NULL;
    gint64 budget;

    g_object_get (first, "number", &number, "text", &text, "budget", &budget, NULL);
    g_assert_cmpuint (number, ==, 3);
    g_assert_cmpstr (text, ==, "Three?");
    g_assert_cmpint (budget, ==, MINUTES (5));
  }

  /* Each change through the interview notifies the item's property,
   * once, and only when the value changes. */
  g_signal_connect (first, "notify", G_CALLBACK (count_notify), log);
  g_assert_true (viva_interview_set_item_budget (interview, 0, MINUTES (7)));
  g_assert_true (viva_interview_set_item_budget (interview, 0, MINUTES (7)));
  g_assert_true (viva_interview_set_item_notes (interview, 0, "Knows it."));
  g_assert_true (viva_interview_set_item_rating (interview, 0, VIVA_INTERVIEW_RATING_YES));
  g_assert_true (viva_interview_set_item_spent (interview, 0, SECONDS (40)));
  g_assert_cmpstr (log->str, ==, "budget notes rating spent ");
  g_assert_cmpint (viva_interview_item_get_budget (first), ==, MINUTES (7));
  g_assert_cmpstr (viva_interview_item_get_notes (first), ==, "Knows it.");

  /* The running clock settles into the question being left. */
  g_string_truncate (log, 0);
  g_assert_true (viva_interview_start (interview));
  viva_clock_advance (clock, SECONDS (20));
  g_assert_true (viva_interview_set_current (interview, 1));
  g_assert_cmpstr (log->str, ==, "spent ");
  g_assert_cmpint (viva_interview_item_get_spent (first), ==, SECONDS (60));

  /* A move is a removal and an addition of the range, as GListModel says. */
  g_assert_true (viva_interview_pause (interview));
  g_assert_true (viva_interview_move (interview, 1, 0));
  g_assert_cmpuint (counts.last_position, ==, 0);
  g_assert_cmpuint (counts.last_removed, ==, 2);
  g_assert_cmpuint (counts.last_added, ==, 2);
  g_assert_true (viva_interview_get_item (interview, 1) == first);

  /* A read-only interview refuses, and nothing notifies. */
  g_string_truncate (log, 0);
  viva_interview_set_read_only (interview, TRUE);
  g_assert_false (viva_interview_set_item_notes (interview, 1, "Changed"));
  g_assert_false (viva_interview_set_item_rating (interview, 1, VIVA_INTERVIEW_RATING_NO));
  g_assert_cmpstr (log->str, ==, "");

  /* Items outlive their removal for whoever holds them. */
  viva_interview_set_read_only (interview, FALSE);
  g_assert_true (viva_interview_remove (interview, 1));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (viva_interview_item_get_text (first), ==, "Three?");
}

/* The live interview times as the mock one does: a clock that steps
 * back (a fake one) counts as no time passing, and the time shown never
 * goes back. */
static void
test_clock_steps_back (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (SECONDS (1000));
  g_autoptr(VivaInterview) interview = viva_interview_new (clock);

  append_ok (interview, 1, "One?", MINUTES (5));
  append_ok (interview, 2, "Two?", MINUTES (5));
  g_assert_true (viva_interview_start (interview));

  viva_clock_advance (clock, SECONDS (30));
  g_assert_cmpint (viva_interview_get_elapsed (interview), ==, SECONDS (30));
  viva_clock_advance (clock, -SECONDS (10));
  g_assert_cmpint (viva_interview_get_elapsed (interview), ==, SECONDS (30));
  g_assert_cmpint (viva_interview_get_item_elapsed (interview, 0), ==, SECONDS (30));
  viva_clock_advance (clock, SECONDS (5));
  g_assert_cmpint (viva_interview_get_elapsed (interview), ==, SECONDS (35));

  /* Moving on charges the first question all of it. */
  g_assert_true (viva_interview_set_current (interview, 1));
  g_assert_cmpint (viva_interview_item_get_spent (viva_interview_get_item (interview, 0)), ==, SECONDS (35));
  viva_clock_advance (clock, SECONDS (20));
  g_assert_true (viva_interview_pause (interview));
  g_assert_cmpint (viva_interview_item_get_spent (viva_interview_get_item (interview, 1)), ==, SECONDS (20));
  g_assert_cmpint (viva_interview_get_elapsed (interview), ==, SECONDS (55));

  /* Paused, stepping back changes nothing. */
  viva_clock_advance (clock, -MINUTES (60));
  g_assert_cmpint (viva_interview_get_elapsed (interview), ==, SECONDS (55));
}

static void
test_clock (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (SECONDS (1000));
  g_autoptr(VivaInterview) interview = viva_interview_new (clock);

  append_ok (interview, 1, "One?", 0);
  append_ok (interview, 2, "Two?", 0);

  viva_clock_advance (clock, MINUTES (10));
  g_assert_cmpint (viva_interview_get_elapsed (interview), ==, 0);

  g_assert_true (viva_interview_start (interview));
  g_assert_true (viva_interview_get_unfinished (interview));
  g_assert_cmpint (viva_interview_get_started (interview), >, 0);
  viva_clock_advance (clock, SECONDS (90));
  g_assert_cmpint (viva_interview_get_elapsed (interview), ==, SECONDS (90));
  g_assert_cmpint (viva_interview_get_item_elapsed (interview, 0), ==, SECONDS (90));

  g_assert_true (viva_interview_set_current (interview, 1));
  viva_clock_advance (clock, SECONDS (30));
  g_assert_cmpint (viva_interview_item_get_spent (viva_interview_get_item (interview, 0)), ==, SECONDS (90));
  g_assert_cmpint (viva_interview_get_item_elapsed (interview, 1), ==, SECONDS (30));

  /* Pauses do not count */
  g_assert_true (viva_interview_pause (interview));
  viva_clock_advance (clock, MINUTES (60));
  g_assert_cmpint (viva_interview_get_elapsed (interview), ==, SECONDS (120));
  g_assert_false (viva_interview_set_item_spent (interview, 1, -1));
  g_assert_true (viva_interview_resume (interview));
  viva_clock_advance (clock, SECONDS (5));
  g_assert_false (viva_interview_set_item_spent (interview, 1, SECONDS (1)));

  /* A 45-minute interview, in no time */
  viva_clock_advance (clock, MINUTES (45));
  g_assert_true (viva_interview_finish (interview));
  g_assert_false (viva_interview_get_unfinished (interview));
  g_assert_cmpint (viva_interview_get_elapsed (interview), ==, SECONDS (125) + MINUTES (45));
  g_assert_cmpint (viva_interview_item_get_spent (viva_interview_get_item (interview, 1)), ==, SECONDS (35) + MINUTES (45));
  viva_clock_advance (clock, MINUTES (5));
  g_assert_cmpint (viva_interview_get_elapsed (interview), ==, SECONDS (125) + MINUTES (45));

  /* After the end: the verdict and notes, not the plan nor the clock */
  g_assert_false (viva_interview_resume (interview));
  g_assert_false (viva_interview_append (interview, 3, "Three?", 0, NULL));
  g_assert_false (viva_interview_remove (interview, 0));
  g_assert_true (viva_interview_set_item_rating (interview, 0, VIVA_INTERVIEW_RATING_STRONG_YES));
  g_assert_true (viva_interview_set_item_notes (interview, 0, "Late note"));
  g_assert_true (viva_interview_set_recommendation (interview, VIVA_INTERVIEW_RATING_YES));
  g_assert_true (viva_interview_set_item_spent (interview, 0, SECONDS (100)));
}

static void
test_stamp_item_notes (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (0);
  g_autoptr(VivaInterview) interview = viva_interview_new (clock);

  append_ok (interview, 1, "One?", 0);

  /* Prepared before the interview: not stamped */
  g_assert_true (viva_interview_stamp_item_notes (interview, 0, "Ask about sets"));
  g_assert_cmpstr (viva_interview_item_get_notes (viva_interview_get_item (interview, 0)), ==, "Ask about sets");
  g_assert_true (viva_interview_set_item_notes (interview, 0, ""));

  g_assert_true (viva_interview_start (interview));
  viva_clock_advance (clock, SECONDS (65) + 999999);

  g_assert_true (viva_interview_stamp_item_notes (interview, 0, "G"));
  g_assert_cmpstr (viva_interview_item_get_notes (viva_interview_get_item (interview, 0)), ==, "[01:05] G");
  viva_clock_advance (clock, SECONDS (10));
  g_assert_true (viva_interview_stamp_item_notes (interview, 0, "[01:05] Good\n\nB"));
  g_assert_cmpstr (viva_interview_item_get_notes (viva_interview_get_item (interview, 0)), ==, "[01:05] Good\n\n[01:15] B");

  /* Paused: the time stands still */
  g_assert_true (viva_interview_pause (interview));
  viva_clock_advance (clock, MINUTES (10));
  g_assert_true (viva_interview_stamp_item_notes (interview, 0, "[01:05] Good\n\n[01:15] B\n\nC"));
  g_assert_cmpstr (viva_interview_item_get_notes (viva_interview_get_item (interview, 0)), ==, "[01:05] Good\n\n[01:15] B\n\n[01:15] C");
  g_assert_false (viva_interview_stamp_item_notes (interview, 1, "x"));
}

/* Stamps */

static void
test_stamp_format (void)
{
  struct { gint64 usec; const char *text; } cases[] = {
    { 0, "[00:00] " },
    { -5, "[00:00] " },
    { 999999, "[00:00] " },
    { SECONDS (59) + 999999, "[00:59] " },
    { SECONDS (61), "[01:01] " },
    { MINUTES (59) + SECONDS (59), "[59:59] " },
    { MINUTES (60), "[1:00:00] " },
    { MINUTES (125) + SECONDS (7), "[2:05:07] " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char buf[VIVA_INTERVIEW_STAMP_MAX_SIZE];
      gint64 parsed = -1;

      viva_interview_format_stamp (cases[i].usec, buf, sizeof buf);
      g_assert_cmpstr (buf, ==, cases[i].text);
      g_assert_cmpuint (viva_interview_parse_stamp (buf, &parsed), ==, strlen (buf));
      g_assert_cmpint (parsed, ==, MAX (cases[i].usec, 0) / G_USEC_PER_SEC * G_USEC_PER_SEC);
    }

  g_assert_cmpuint (viva_interview_parse_stamp ("[1:05] x", NULL), ==, 7);
  g_assert_cmpuint (viva_interview_parse_stamp ("[01:05]x", NULL), ==, 0);
  g_assert_cmpuint (viva_interview_parse_stamp ("[01:5] x", NULL), ==, 0);
  g_assert_cmpuint (viva_interview_parse_stamp ("[01:60] x", NULL), ==, 0);
  g_assert_cmpuint (viva_interview_parse_stamp ("[01] x", NULL), ==, 0);
  g_assert_cmpuint (viva_interview_parse_stamp ("[:05] x", NULL), ==, 0);
  g_assert_cmpuint (viva_interview_parse_stamp (" [01:05] x", NULL), ==, 0);
  g_assert_cmpuint (viva_interview_parse_stamp ("[1:02:03:04] x", NULL), ==, 0);
  g_assert_cmpuint (viva_interview_parse_stamp ("[", NULL), ==, 0);
  g_assert_cmpuint (viva_interview_parse_stamp ("", NULL), ==, 0);
}

/* Stamps @new_text after @old_text at @elapsed and checks the result
 * (NULL: nothing to stamp) and that the insertions rebuild it. */
static void
check_stamp (const char *old_text,
             const char *new_text,
             gint64      elapsed,
             const char *expected)
{
  g_autoptr(GArray) insertions = NULL;
  g_autofree char *result = viva_interview_stamp_paragraphs_full (old_text, new_text, elapsed, &insertions);
  g_autofree char *simple = viva_interview_stamp_paragraphs (old_text, new_text, elapsed);
  g_autoptr(GString) rebuilt = NULL;
  char stamp[VIVA_INTERVIEW_STAMP_MAX_SIZE];

  g_assert_cmpstr (result, ==, expected);
  g_assert_cmpstr (simple, ==, expected);

  if (expected == NULL)
    {
      g_assert_null (insertions);
      return;
    }

  /* What a text view does: insert from the last to the first. */
  viva_interview_format_stamp (elapsed, stamp, sizeof stamp);
  rebuilt = g_string_new (new_text);
  g_assert_nonnull (insertions);
  for (guint i = insertions->len; i > 0; i--)
    {
      const VivaStampInsertion *insertion = &g_array_index (insertions, VivaStampInsertion, i - 1);

      g_assert_cmpuint (insertion->length, ==, strlen (stamp));
      g_string_insert (rebuilt, insertion->offset, stamp);
    }
  g_assert_cmpstr (rebuilt->str, ==, expected);
}

static void
test_stamp_paragraphs (void)
{
  /* Nothing to stamp */
  check_stamp (NULL, "", 0, NULL);
  check_stamp ("", "", 0, NULL);
  check_stamp ("", "\n\n  \n", 0, NULL);
  check_stamp ("", "[00:03] Already", SECONDS (50), NULL);

  /* A first character */
  check_stamp ("", "a", SECONDS (3), "[00:03] a");
  check_stamp (NULL, "a", SECONDS (3), "[00:03] a");

  /* Leading blank lines, CRLF, whitespace-only lines */
  check_stamp ("", "\n\nfoo", SECONDS (3), "\n\n[00:03] foo");
  check_stamp ("", "a\r\n\r\nb\r\n", SECONDS (3), "[00:03] a\r\n\r\n[00:03] b\r\n");
  check_stamp ("", "a\n \t\nb", SECONDS (3), "[00:03] a\n \t\n[00:03] b");
  check_stamp ("", "a\nb\nc", SECONDS (3), "[00:03] a\nb\nc");

  /* Unicode */
  check_stamp ("", "Ça marche 🐍\n\nやった", MINUTES (61), "[1:01:00] Ça marche 🐍\n\n[1:01:00] やった");

  /* Text that only looks like a stamp gets one; a real one is kept. */
  check_stamp ("", "[12:345] x", SECONDS (3), "[00:03] [12:345] x");
  check_stamp ("", "[12:34]no space", SECONDS (3), "[00:03] [12:34]no space");
  check_stamp ("", "[12:34] typed by hand", SECONDS (3), NULL);
  check_stamp ("", "  [00:01] indented", SECONDS (3), "[00:03]   [00:01] indented");
}

/* Typing "Knows it.\n\nSlow." one character at a time, the clock moving. */
static void
test_stamp_typing (void)
{
  const char *typed = "Knows it.\n\nSlow.";
  g_autofree char *text = g_strdup ("");
  gint64 elapsed = SECONDS (10);

  for (gsize n = 1; n <= strlen (typed); n++)
    {
      g_autofree char *next = g_strconcat (text, (char[]) { typed[n - 1], '\0' }, NULL);
      g_autofree char *stamped = viva_interview_stamp_paragraphs (text, next, elapsed);

      g_free (text);
      text = stamped != NULL ? g_steal_pointer (&stamped) : g_steal_pointer (&next);
      elapsed += SECONDS (1);
    }

  /* "K" at 0:10; "S" is the 12th character, typed at 0:21. */
  g_assert_cmpstr (text, ==, "[00:10] Knows it.\n\n[00:21] Slow.");
}

static void
test_stamp_edits (void)
{
  const char *notes = "[00:10] First\n\n[01:00] Second";

  /* Editing an old paragraph keeps its time */
  check_stamp (notes, "[00:10] First, edited\n\n[01:00] Second", MINUTES (5), NULL);

  /* Paste of several paragraphs at the end */
  check_stamp (notes, "[00:10] First\n\n[01:00] Second\n\nA\nA2\n\n\nB", MINUTES (5),
               "[00:10] First\n\n[01:00] Second\n\n[05:00] A\nA2\n\n\n[05:00] B");

  /* A paragraph inserted between two */
  check_stamp (notes, "[00:10] First\n\nMiddle\n\n[01:00] Second", MINUTES (5),
               "[00:10] First\n\n[05:00] Middle\n\n[01:00] Second");

  /* Splitting a paragraph stamps its second half */
  check_stamp ("[00:10] Ab", "[00:10] A\n\nb", MINUTES (5), "[00:10] A\n\n[05:00] b");

  /* Deleting a stamp by hand: the paragraph was touched, so it gets one */
  check_stamp (notes, "[00:10] First\n\nSecond", MINUTES (5), "[00:10] First\n\n[05:00] Second");

  /* Unstamped text from before stays so until it is edited */
  check_stamp ("Prepared\n\n[00:10] x", "Prepared\n\n[00:10] x\n\ny", MINUTES (5),
               "Prepared\n\n[00:10] x\n\n[05:00] y");
  check_stamp ("Prepared\n\n[00:10] x", "Prepared!\n\n[00:10] x", MINUTES (5),
               "[05:00] Prepared!\n\n[00:10] x");

  /* Identical paragraphs */
  check_stamp ("[00:10] ok", "[00:10] ok\n\nok", MINUTES (5), "[00:10] ok\n\n[05:00] ok");
  check_stamp ("ok", "ok\n\nok", MINUTES (5), "ok\n\n[05:00] ok");
}


/* Code fenced in the notes (what the live page's code pad stamps) is
 * part of the paragraph it follows, blank lines and all: no stamp ever
 * lands in code, and a paragraph that begins with a fence gets none. */
static void
test_stamp_fences (void)
{
  /* The code pad's paragraph: its blank line does not start another. */
  check_stamp ("", "Ran the code\n```python\ndef f():\n\n    return 1\n```\n```text\n\n1\n```", SECONDS (3),
               "[00:03] Ran the code\n```python\ndef f():\n\n    return 1\n```\n```text\n\n1\n```");

  /* A fence at a paragraph's start: a stamp would break it. */
  check_stamp ("", "```\ncode\n\nmore\n```", SECONDS (3), NULL);
  check_stamp ("", "  ~~~ python\ncode\n~~~", SECONDS (3), NULL);

  /* After the fence closes, paragraphs are stamped again. */
  check_stamp ("", "```\na\n\nb\n```\n\nafter", SECONDS (3), "```\na\n\nb\n```\n\n[00:03] after");

  /* Typing code inside an old block stamps nothing. */
  check_stamp ("[00:10] Ran\n```\na\n```", "[00:10] Ran\n```\na\n\nb\n```", MINUTES (5), NULL);

  /* A fence only closes with as many of its own marker: "```" inside
   * "````", or "~~~" inside "```", is code. */
  check_stamp ("", "Ran\n````\n```\n\nstill code\n````\n\nnext", SECONDS (3),
               "[00:03] Ran\n````\n```\n\nstill code\n````\n\n[00:03] next");
  check_stamp ("", "Ran\n```\n~~~\n\nstill code\n```\n\nnext", SECONDS (3),
               "[00:03] Ran\n```\n~~~\n\nstill code\n```\n\n[00:03] next");

  /* An unclosed fence runs to the end: what follows it is code. */
  check_stamp ("[00:10] x", "[00:10] x\n\n```\n\ny", MINUTES (5), NULL);

  /* Not fences: two backticks, four spaces of indent, a backtick in a
   * backtick fence's info string. */
  check_stamp ("", "a\n``\n\nb", SECONDS (3), "[00:03] a\n``\n\n[00:03] b");
  check_stamp ("", "a\n    ```\n\nb", SECONDS (3), "[00:03] a\n    ```\n\n[00:03] b");
  check_stamp ("", "a\n``` x`y\n\nb", SECONDS (3), "[00:03] a\n``` x`y\n\n[00:03] b");
}


/* What the code pad adds to the notes after a run: one paragraph,
 * already stamped, its code and output fenced so that nothing in them
 * can end a fence; the stamps leave it as it is. */
static void
test_stamp_code_run (void)
{
  g_autofree char *paragraph = viva_interview_format_code_run (MINUTES (12) + SECONDS (5), "3 of 5\ntests passed",
                                                               "s = '```'\n\nprint(s)\n", "```\n\nok");
  g_autofree char *no_output = viva_interview_format_code_run (0, "Finished.", "pass", "");
  g_autofree char *notes = NULL;
  g_autofree char *separator = NULL;
  g_autoptr(GString) long_output = g_string_new (NULL);
  g_autoptr(GString) long_code = g_string_new (NULL);
  g_autofree char *cut = NULL;
  g_autofree char *cut_code = NULL;

  g_assert_cmpstr (paragraph, ==,
                   "[12:05] Ran the code: 3 of 5 tests passed\n"
                   "````python\ns = '```'\n\nprint(s)\n````\n"
                   "````text\n```\n\nok\n````");
  g_assert_cmpstr (no_output, ==, "[00:00] Ran the code: Finished.\n```python\npass\n```");

  /* Alone, or after notes, it is one paragraph with its stamp. */
  check_stamp ("", paragraph, MINUTES (20), NULL);
  separator = viva_interview_dup_paragraph_separator ("[01:00] Knows it");
  notes = g_strconcat ("[01:00] Knows it", separator, paragraph, NULL);
  check_stamp ("[01:00] Knows it", notes, MINUTES (20), NULL);

  /* Long output: the first lines, and how much more there was. */
  for (guint i = 0; i < 150; i++)
    g_string_append_printf (long_output, "line %u\n", i);
  cut = viva_interview_format_code_run (0, "Finished.", "x", long_output->str);
  g_assert_nonnull (strstr (cut, "line 99\n… ("));
  g_assert_null (strstr (cut, "line 100"));
  g_assert_nonnull (strstr (cut, "more not shown)\n```"));

  /* Long code: cut too, the note on a Python comment line. */
  while (long_code->len <= VIVA_INTERVIEW_RUN_CODE_MAX_SIZE)
    g_string_append (long_code, "x = 'ü' * 1000\n");
  cut_code = viva_interview_format_code_run (0, "Finished.", long_code->str, NULL);
  g_assert_cmpuint (strlen (cut_code), <, VIVA_INTERVIEW_RUN_CODE_MAX_SIZE + 200);
  g_assert_true (g_utf8_validate (cut_code, -1, NULL));
  g_assert_nonnull (strstr (cut_code, "\n# … ("));
  g_assert_true (g_str_has_suffix (cut_code, "more not shown)\n```"));
}

static void
check_separator (const char *notes,
                 const char *expected)
{
  g_autofree char *separator = viva_interview_dup_paragraph_separator (notes);

  g_assert_cmpstr (separator, ==, expected);
}

/* A paragraph added at the end of the notes begins after a blank line,
 * and never inside a code block left open there. */
static void
test_stamp_separator (void)
{
  check_separator ("", "");
  check_separator ("a", "\n\n");
  check_separator ("a\n", "\n");
  check_separator ("a\n\n", "");
  check_separator ("a\n```\ncode\n```", "\n\n");
  check_separator ("a\n````py\ncode", "\n````\n\n");
  check_separator ("a\n  ~~~\ncode\n", "~~~\n\n");
}

/* The report */

static void
test_markdown (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (0);
  g_autoptr(VivaInterview) interview = viva_interview_new (clock);
  g_autofree char *report = NULL;
  g_autofree char *empty_report = NULL;
  g_autoptr(VivaInterview) empty = viva_interview_new (clock);

  g_assert_true (viva_interview_set_candidate (interview, "# Evil | <b>Name</b>"));
  g_assert_true (viva_interview_set_role (interview, "Backend"));
  g_assert_true (viva_interview_set_interviewer (interview, "Sam"));
  append_ok (interview, 42, "What does `a | b` do\nfor sets?", MINUTES (5));
  append_ok (interview, 0, "- Why us?", 0);
  g_assert_true (viva_interview_start (interview));
  viva_clock_advance (clock, SECONDS (75));
  g_assert_true (viva_interview_stamp_item_notes (interview, 0, "Union.\n\n## Not a heading\n```\nfenced?"));
  g_assert_true (viva_interview_set_item_rating (interview, 0, VIVA_INTERVIEW_RATING_STRONG_YES));
  g_assert_true (viva_interview_set_current (interview, 1));
  viva_clock_advance (clock, MINUTES (61));
  g_assert_true (viva_interview_finish (interview));
  g_assert_true (viva_interview_set_recommendation (interview, VIVA_INTERVIEW_RATING_NO));
  g_assert_true (viva_interview_set_takeaways (interview, "| not | a table |"));

  report = viva_interview_to_markdown (interview);
  g_test_message ("%s", report);

  g_assert_true (g_str_has_prefix (report, "# Interview Report\n\n"));
  g_assert_nonnull (strstr (report, "- **Candidate:** \\# Evil \\| \\<b\\>Name\\</b\\>\n"));
  g_assert_nonnull (strstr (report, "- **Role:** Backend\n"));
  g_assert_nonnull (strstr (report, "- **Interviewer:** Sam\n"));
  g_assert_nonnull (strstr (report, "- **Duration:** 1:02:15\n"));
  g_assert_nonnull (strstr (report, "- **Status:** finished\n"));
  g_assert_nonnull (strstr (report, "- **Recommendation:** **No**\n"));
  g_assert_nonnull (strstr (report, "## Key Takeaways\n\n```text\n| not | a table |\n```\n"));
  g_assert_nonnull (strstr (report, "## Summary\n\n*None.*\n"));

  /* The table: one line per question, "|" in a question escaped */
  g_assert_nonnull (strstr (report, "| # | Question | Rating | Time |\n|---|---|---|---|\n"));
  g_assert_nonnull (strstr (report, "| 1 | What does \\`a \\| b\\` do | Strong Yes | 1:15 of 5:00 |\n"));
  g_assert_nonnull (strstr (report, "| 2 | \\- Why us? | No Decision | 1:01:00 |\n"));

  /* Each question, its notes fenced with a fence longer than theirs */
  g_assert_nonnull (strstr (report, "### 1. Question 42 of the bank\n\nWhat does \\`a \\| b\\` do\\\nfor sets?\n"));
  g_assert_nonnull (strstr (report, "### 2. Interviewer’s question\n\n\\- Why us?\n"));
  /* The unclosed fence runs to the end, as CommonMark reads it: code. */
  g_assert_nonnull (strstr (report, "**Notes:**\n\n```text\n[01:15] Union.\n\n[01:15] ## Not a heading\n```\n\n```\nfenced?\n```\n"));
  g_assert_nonnull (strstr (report, "*No notes.*\n"));
  g_assert_null (strstr (report, "\n## Not a heading"));

  empty_report = viva_interview_to_markdown (empty);
  g_assert_nonnull (strstr (empty_report, "- **Candidate:** —\n"));
  g_assert_nonnull (strstr (empty_report, "- **Recommendation:** **No Decision**\n"));
  g_assert_nonnull (strstr (empty_report, "*No questions.*\n"));
}


static char *
span_text (const char             *text,
           const VivaMarkdownSpan *span)
{
  return viva_markdown_dup_span_content (text, span);
}

/* Where fenced code begins and ends in typed text, as CommonMark reads it. */
static void
test_markdown_split_fences (void)
{
  const char *text = "[00:05] Ran the code: Finished.\n"
                     "````python {.numbered}\n"
                     "s = '```'\n"
                     "\n"
                     "  ```\n"
                     "````\n"
                     "\n"
                     "After.\n"
                     "~~~<script>\n"
                     "open";
  g_autoptr(GArray) spans = viva_markdown_split_fences (text);
  g_autoptr(GArray) none = viva_markdown_split_fences (NULL);
  g_autoptr(GArray) empty = viva_markdown_split_fences ("");
  g_autoptr(GArray) only = viva_markdown_split_fences ("```");
  const VivaMarkdownSpan *span;
  g_autofree char *t0 = NULL;
  g_autofree char *c1 = NULL;
  g_autofree char *t2 = NULL;
  g_autofree char *c3 = NULL;

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (empty->len, ==, 0);

  g_assert_cmpuint (spans->len, ==, 4);

  span = &g_array_index (spans, VivaMarkdownSpan, 0);
  g_assert_false (span->code);
  t0 = span_text (text, span);
  g_assert_cmpstr (t0, ==, "[00:05] Ran the code: Finished.\n");

  /* "```" inside a "````" block is code; the info keeps its first word. */
  span = &g_array_index (spans, VivaMarkdownSpan, 1);
  g_assert_true (span->code);
  g_assert_true (span->closed);
  g_assert_cmpstr (span->info, ==, "python");
  c1 = span_text (text, span);
  g_assert_cmpstr (c1, ==, "s = '```'\n\n  ```\n");

  span = &g_array_index (spans, VivaMarkdownSpan, 2);
  g_assert_false (span->code);
  t2 = span_text (text, span);
  g_assert_cmpstr (t2, ==, "\nAfter.\n");

  /* Unclosed, to the end; an info that is not a language is dropped. */
  span = &g_array_index (spans, VivaMarkdownSpan, 3);
  g_assert_true (span->code);
  g_assert_false (span->closed);
  g_assert_cmpstr (span->info, ==, "");
  c3 = span_text (text, span);
  g_assert_cmpstr (c3, ==, "open");
  g_assert_cmpuint (span->end, ==, strlen (text));

  /* The spans cover the text, in order. */
  for (guint i = 1; i < spans->len; i++)
    g_assert_cmpuint (g_array_index (spans, VivaMarkdownSpan, i).start, ==,
                      g_array_index (spans, VivaMarkdownSpan, i - 1).end);

  /* A fence alone on the last line, with no line end: empty code. */
  g_assert_cmpuint (only->len, ==, 1);
  span = &g_array_index (only, VivaMarkdownSpan, 0);
  g_assert_true (span->code);
  g_assert_cmpuint (span->content_start, ==, 3);
  g_assert_cmpuint (span->content_end, ==, 3);
}


/* Any text (notes come from files users can damage): the spans cover it
 * in order with no gap, code spans hold their content, a code run's
 * paragraph appended to it stays one stamped paragraph, whatever the
 * code and output hold, and the report of it is made. Random texts
 * from the characters that matter. */
static void
test_markdown_fences_any_text (void)
{
  static const char alphabet[] = "``````~~~   \n\n\n\tax#\r";

  for (guint round = 0; round < 3000; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GArray) spans = NULL;
      g_autoptr(GString) report = g_string_new (NULL);
      g_autofree char *separator = NULL;
      g_autofree char *paragraph = NULL;
      g_autofree char *with_run = NULL;
      g_autofree char *stamped = NULL;
      guint length = (guint) g_test_rand_int_range (0, 60);
      gsize covered = 0;

      for (guint i = 0; i < length; i++)
        g_string_append_c (text, alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)]);

      spans = viva_markdown_split_fences (text->str);
      for (guint i = 0; i < spans->len; i++)
        {
          const VivaMarkdownSpan *span = &g_array_index (spans, VivaMarkdownSpan, i);

          g_assert_cmpuint (span->start, ==, covered);
          g_assert_cmpuint (span->end, >, span->start);
          if (span->code)
            {
              g_assert_cmpuint (span->content_start, >=, span->start);
              g_assert_cmpuint (span->content_start, <=, span->content_end);
              g_assert_cmpuint (span->content_end, <=, span->end);
            }
          covered = span->end;
        }
      g_assert_cmpuint (covered, ==, text->len);

      viva_markdown_append_typed (report, text->str);
      g_assert_true (g_utf8_validate (report->str, (gssize) report->len, NULL));

      /* The run's paragraph, after whatever the notes hold, is found
       * whole and stamped, and asks for no other stamp. */
      separator = viva_interview_dup_paragraph_separator (text->str);
      paragraph = viva_interview_format_code_run (SECONDS (5), "Finished.", text->str, text->str);
      with_run = g_strconcat (text->str, separator, paragraph, NULL);
      stamped = viva_interview_stamp_paragraphs (text->str, with_run, SECONDS (9));
      /* Closing a fence left open edits the paragraph it is in, which
       * gets its stamp then, if it had none; nothing else does. */
      if (spans->len == 0 || !g_array_index (spans, VivaMarkdownSpan, spans->len - 1).code ||
          g_array_index (spans, VivaMarkdownSpan, spans->len - 1).closed)
        g_assert_null (stamped);
      else if (stamped != NULL)
        g_assert_true (g_str_has_suffix (stamped, paragraph));
    }
}

/* The code pad's stamped paragraph in the report: its code stays a
 * ```python block, its output a block of its own, with fences longer
 * than what they hold; the text around them stays fenced as text, so
 * nothing typed becomes a heading. */
static void
test_markdown_code_fences (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (0);
  g_autoptr(VivaInterview) interview = viva_interview_new (clock);
  g_autofree char *report = NULL;
  const char *notes = "[00:05] Ran the code: Finished.\n"
                      "````python\n"
                      "def f():\n"
                      "    return '```'\n"
                      "\n"
                      "print(f())\n"
                      "````\n"
                      "```text\n"
                      "# not a heading\n"
                      "```\n"
                      "\n"
                      "[00:40] # Good, and fast.\n"
                      "\n"
                      "```evil\"><b>\n"
                      "x\n"
                      "```\n";

  append_ok (interview, 42, "Write f.", MINUTES (5));
  g_assert_true (viva_interview_start (interview));
  g_assert_true (viva_interview_set_item_notes (interview, 0, notes));
  g_assert_true (viva_interview_set_summary (interview, "Solid.\n```python\nx = 1\n```"));

  report = viva_interview_to_markdown (interview);
  g_test_message ("%s", report);

  g_assert_nonnull (strstr (report,
                            "**Notes:**\n\n"
                            "```text\n[00:05] Ran the code: Finished.\n```\n\n"
                            "````python\ndef f():\n    return '```'\n\nprint(f())\n````\n\n"
                            "```text\n# not a heading\n```\n\n"
                            "```text\n[00:40] # Good, and fast.\n```\n\n"
                            "```\nx\n```\n"));
  g_assert_nonnull (strstr (report, "## Summary\n\n```text\nSolid.\n```\n\n```python\nx = 1\n```\n"));
  g_assert_null (strstr (report, "evil"));
}

/* The reports say overtime as the mock interview's summary does, with
 * the one viva_format_time_of_budget(). */
static void
test_markdown_overtime (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (0);
  g_autoptr(VivaInterview) interview = viva_interview_new (clock);
  g_autofree char *report = NULL;

  append_ok (interview, 42, "What does `a | b` do?", MINUTES (1));
  append_ok (interview, 43, "What is a set?", MINUTES (2));
  g_assert_true (viva_interview_start (interview));
  viva_clock_advance (clock, SECONDS (90));
  g_assert_true (viva_interview_set_current (interview, 1));
  viva_clock_advance (clock, SECONDS (30));
  g_assert_true (viva_interview_finish (interview));

  report = viva_interview_to_markdown (interview);
  g_test_message ("%s", report);
  g_assert_nonnull (strstr (report, " | 1:30 of 1:00 (0:30 over) |\n"));
  g_assert_nonnull (strstr (report, " | 0:30 of 2:00 |\n"));
}

/* The store */

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
  VivaInterviewStore *store = data;

  return !viva_document_store_get_saving (VIVA_DOCUMENT_STORE (store)) &&
         !viva_document_store_get_dirty (VIVA_DOCUMENT_STORE (store));
}

static void
drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static VivaInterviewStore *
load_store (GPtrArray **out_problems)
{
  VivaInterviewStore *store = viva_interview_store_new (NULL);
  g_autoptr(GPtrArray) problems = NULL;

  viva_interview_store_load (store, &problems);
  g_assert_nonnull (problems);

  if (out_problems != NULL)
    *out_problems = g_steal_pointer (&problems);
  else
    g_assert_cmpuint (problems->len, ==, 0);

  return store;
}

static void
flush_store (VivaInterviewStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (viva_interview_store_flush (store, &error));
  g_assert_no_error (error);
  g_assert_false (viva_document_store_get_dirty (VIVA_DOCUMENT_STORE (store)));
  drain_main_context ();
}

static void
add_interview (VivaInterviewStore *store,
               VivaInterview      *interview)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (viva_interview_store_add (store, interview, &error));
  g_assert_no_error (error);
}

static char *
interview_path (VivaInterview *interview)
{
  g_autofree char *dir = viva_interview_store_dup_default_dir ();
  g_autofree char *name = g_strconcat (viva_interview_get_id (interview), ".json", NULL);

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

static VivaInterview *
find_interview (GListModel *interviews,
                const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (interviews); i++)
    {
      g_autoptr(VivaInterview) interview = g_list_model_get_item (interviews, i);

      if (g_strcmp0 (viva_interview_get_id (interview), id) == 0)
        return interview;
    }

  return NULL;
}

/* A planned interview with @n questions and a candidate. */
static VivaInterview *
new_interview (VivaClock  *clock,
               const char *candidate,
               guint       n)
{
  VivaInterview *interview = viva_interview_new (clock);

  g_assert_true (viva_interview_set_candidate (interview, candidate));
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *text = g_strdup_printf ("Question %u?", i);

      append_ok (interview, i * 10, text, i == 1 ? MINUTES (5) : 0);
    }

  return interview;
}

static void
test_store_round_trip (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (0);
  g_autoptr(VivaInterviewStore) store = load_store (NULL);
  g_autoptr(VivaInterviewStore) reread = NULL;
  g_autoptr(VivaInterview) interview = new_interview (clock, "Zoë \"Z\" Ångström", 3);
  g_autofree char *path = interview_path (interview);
  g_autofree char *dir = g_path_get_dirname (path);
  VivaInterview *copy;
  struct stat st;

  add_interview (store, interview);
  g_assert_true (viva_interview_set_role (interview, "Backend, 45 min"));
  g_assert_true (viva_interview_set_bank (interview, "python-interview-questions"));
  g_assert_true (viva_interview_set_interviewer (interview, "Sam\nthe second"));
  g_assert_true (viva_interview_set_date (interview, SECONDS (1790000000)));
  g_assert_true (viva_interview_set_total_budget (interview, MINUTES (45)));
  g_assert_true (viva_interview_append (interview, 0, "Own question: “why Python?” 🐍", 0, NULL));
  g_assert_true (viva_interview_start (interview));
  viva_clock_advance (clock, SECONDS (75));
  g_assert_true (viva_interview_stamp_item_notes (interview, 0, "Good\n\nゆっくり"));
  g_assert_true (viva_interview_set_item_rating (interview, 0, VIVA_INTERVIEW_RATING_STRONG_YES));
  g_assert_true (viva_interview_set_current (interview, 2));
  viva_clock_advance (clock, SECONDS (30));
  g_assert_true (viva_interview_finish (interview));
  g_assert_true (viva_interview_set_recommendation (interview, VIVA_INTERVIEW_RATING_YES));
  g_assert_true (viva_interview_set_takeaways (interview, "- fast\n- careful"));
  g_assert_true (viva_interview_set_summary (interview, "Hire, {\"json\": true}"));
  flush_store (store);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  reread = load_store (NULL);
  copy = find_interview (viva_interview_store_get_interviews (reread), viva_interview_get_id (interview));
  g_assert_nonnull (copy);
  g_assert_false (viva_interview_get_read_only (copy));
  g_assert_cmpstr (viva_interview_get_candidate (copy), ==, "Zoë \"Z\" Ångström");
  g_assert_cmpstr (viva_interview_get_role (copy), ==, "Backend, 45 min");
  g_assert_cmpstr (viva_interview_get_bank (copy), ==, "python-interview-questions");
  g_assert_cmpstr (viva_interview_get_interviewer (copy), ==, "Sam\nthe second");
  g_assert_cmpint (viva_interview_get_date (copy), ==, SECONDS (1790000000));
  g_assert_cmpint (viva_interview_get_created (copy), ==, viva_interview_get_created (interview));
  g_assert_cmpint (viva_interview_get_started (copy), ==, viva_interview_get_started (interview));
  g_assert_cmpint (viva_interview_get_finished (copy), ==, viva_interview_get_finished (interview));
  g_assert_cmpint (viva_interview_get_total_budget (copy), ==, MINUTES (45));
  g_assert_cmpint (viva_interview_get_state (copy), ==, VIVA_INTERVIEW_STATE_FINISHED);
  g_assert_cmpint (viva_interview_get_elapsed (copy), ==, SECONDS (105));
  g_assert_cmpuint (viva_interview_get_current (copy), ==, 2);
  g_assert_cmpint (viva_interview_get_recommendation (copy), ==, VIVA_INTERVIEW_RATING_YES);
  g_assert_cmpstr (viva_interview_get_takeaways (copy), ==, "- fast\n- careful");
  g_assert_cmpstr (viva_interview_get_summary (copy), ==, "Hire, {\"json\": true}");
  g_assert_cmpuint (viva_interview_get_n_items (copy), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      VivaInterviewItem *a = viva_interview_get_item (interview, i);
      VivaInterviewItem *b = viva_interview_get_item (copy, i);

      g_assert_cmpuint (viva_interview_item_get_number (a), ==, viva_interview_item_get_number (b));
      g_assert_cmpstr (viva_interview_item_get_text (a), ==, viva_interview_item_get_text (b));
      g_assert_cmpint (viva_interview_item_get_budget (a), ==, viva_interview_item_get_budget (b));
      g_assert_cmpint (viva_interview_item_get_spent (a), ==, viva_interview_item_get_spent (b));
      g_assert_cmpstr (viva_interview_item_get_notes (a), ==, viva_interview_item_get_notes (b));
      g_assert_cmpint (viva_interview_item_get_rating (a), ==, viva_interview_item_get_rating (b));
    }
  g_assert_cmpstr (viva_interview_item_get_notes (viva_interview_get_item (copy, 0)), ==, "[01:15] Good\n\n[01:15] ゆっくり");
  g_assert_cmpint (viva_interview_item_get_spent (viva_interview_get_item (copy, 0)), ==, SECONDS (75));
  g_assert_cmpint (viva_interview_item_get_spent (viva_interview_get_item (copy, 2)), ==, SECONDS (30));
}

/* Files written before Viva recorded the bank have no "bank": they load,
 * with the bank unknown, and nothing else is lost. */
static void
test_store_without_bank (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (0);
  g_autoptr(VivaInterviewStore) store = load_store (NULL);
  g_autoptr(VivaInterviewStore) reread = NULL;
  g_autoptr(VivaInterview) interview = new_interview (clock, "Old file", 2);
  g_autofree char *path = interview_path (interview);
  g_autofree char *contents = NULL;
  g_autofree char *old_format = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) bank_member = g_regex_new ("\\s*\"bank\" : \"[^\"]*\",", 0, 0, NULL);
  VivaInterview *copy;

  add_interview (store, interview);
  g_assert_true (viva_interview_set_bank (interview, "python-interview-questions"));
  flush_store (store);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "\"bank\" : \"python-interview-questions\""));
  old_format = g_regex_replace_literal (bank_member, contents, -1, 0, "", 0, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (old_format, "\"bank\""));
  g_assert_true (g_file_set_contents (path, old_format, -1, &error));
  g_assert_no_error (error);

  reread = load_store (NULL);
  copy = find_interview (viva_interview_store_get_interviews (reread), viva_interview_get_id (interview));
  g_assert_nonnull (copy);
  g_assert_cmpstr (viva_interview_get_bank (copy), ==, "");
  g_assert_cmpstr (viva_interview_get_candidate (copy), ==, "Old file");
  g_assert_cmpuint (viva_interview_get_n_items (copy), ==, 2);
}

static void
test_store_resume (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (0);
  g_autoptr(VivaInterviewStore) store = load_store (NULL);
  g_autoptr(VivaInterviewStore) reread = NULL;
  g_autoptr(VivaInterview) done = new_interview (clock, "Done", 2);
  g_autoptr(VivaInterview) running = new_interview (clock, "Running", 2);
  g_autoptr(VivaInterview) planned = new_interview (clock, "Planned", 2);
  g_autoptr(VivaClock) later = viva_clock_new_fake (SECONDS (1000000));
  VivaInterview *resumed;

  add_interview (store, done);
  add_interview (store, running);
  add_interview (store, planned);
  g_assert_true (viva_interview_start (done));
  g_assert_true (viva_interview_finish (done));
  g_assert_true (viva_interview_start (running));
  viva_clock_advance (clock, MINUTES (12));
  g_assert_true (viva_interview_set_current (running, 1));
  viva_clock_advance (clock, SECONDS (5));
  g_assert_true (viva_interview_stamp_item_notes (running, 1, "typing"));
  flush_store (store);

  /* Listening, not typing: the checkpoint saves the time so far. */
  viva_clock_advance (clock, SECONDS (30));
  g_assert_false (viva_interview_checkpoint (planned));
  g_assert_false (viva_document_store_get_dirty (VIVA_DOCUMENT_STORE (store)));
  g_assert_true (viva_interview_checkpoint (running));
  g_assert_true (viva_document_store_get_dirty (VIVA_DOCUMENT_STORE (store)));
  g_assert_true (viva_interview_get_unfinished (running));
  g_assert_true (viva_interview_store_get_unfinished (store) == running);

  /* Viva stops with the clock running; the store has saved. */
  flush_store (store);
  g_clear_object (&store);

  reread = load_store (NULL);
  g_assert_cmpuint (g_list_model_get_n_items (viva_interview_store_get_interviews (reread)), ==, 3);
  resumed = viva_interview_store_get_unfinished (reread);
  g_assert_nonnull (resumed);
  g_assert_cmpstr (viva_interview_get_id (resumed), ==, viva_interview_get_id (running));
  g_assert_cmpint (viva_interview_get_state (resumed), ==, VIVA_INTERVIEW_STATE_PAUSED);
  g_assert_cmpint (viva_interview_get_elapsed (resumed), ==, MINUTES (12) + SECONDS (35));
  g_assert_cmpint (viva_interview_get_item_elapsed (resumed, 1), ==, SECONDS (35));
  g_assert_cmpuint (viva_interview_get_current (resumed), ==, 1);
  g_assert_cmpstr (viva_interview_item_get_notes (viva_interview_get_item (resumed, 1)), ==, "[12:05] typing");

  /* It goes on where it stopped. */
  g_assert_true (viva_interview_resume (resumed));
  g_usleep (1000);
  g_assert_cmpint (viva_interview_get_elapsed (resumed), >=, MINUTES (12) + SECONDS (35));
  g_assert_cmpint (viva_interview_get_elapsed (resumed), <, MINUTES (13));
  g_assert_true (viva_interview_finish (resumed));
  g_assert_null (viva_interview_store_get_unfinished (reread));
  flush_store (reread);
}

static void
test_store_damaged_among_good (void)
{
  g_autoptr(VivaInterviewStore) store = load_store (NULL);
  g_autoptr(VivaInterviewStore) reread = NULL;
  g_autoptr(VivaInterview) first = new_interview (NULL, "First", 2);
  g_autoptr(VivaInterview) second = new_interview (NULL, "Second", 2);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GBytes) good_bytes = NULL;
  g_autofree char *first_path = interview_path (first);
  g_autofree char *dir = viva_interview_store_dup_default_dir ();
  g_autofree char *deep = g_strnfill (200000, '[');
  g_autofree char *wrong_types = NULL;
  g_autofree char *duplicate = NULL;
  GListModel *interviews;
  struct {
    const char *id;
    const char *data;
  } damaged[] = {
    { "2026-01-01T00-00-00-00000001", "{\"format\": \"viva-interview\", \"version\": 1, \"id\": " },
    { "2026-01-01T00-00-00-00000002", NULL },
    { "2026-01-01T00-00-00-00000003", NULL },
    { "2026-01-01T00-00-00-00000004", "" },
    { "2026-01-01T00-00-00-00000005", "{\"format\": \"viva-notes\", \"version\": 1}" },
    { "2026-01-01T00-00-00-00000006", NULL },
  };

  add_interview (store, first);
  add_interview (store, second);
  g_assert_true (viva_interview_set_item_notes (first, 0, "first notes"));
  g_assert_true (viva_interview_set_item_notes (second, 0, "second notes"));
  flush_store (store);
  g_clear_object (&store);

  good_bytes = read_file (first_path);
  {
    GString *text = g_string_new_len (g_bytes_get_data (good_bytes, NULL), g_bytes_get_size (good_bytes));

    g_string_replace (text, viva_interview_get_id (first), damaged[1].id, 0);
    g_assert_cmpuint (g_string_replace (text, "\"budget\" : 0", "\"budget\" : \"0\"", 1), ==, 1);
    wrong_types = g_string_free (text, FALSE);
  }
  {
    GString *text = g_string_new_len (g_bytes_get_data (good_bytes, NULL), g_bytes_get_size (good_bytes));

    g_string_replace (text, viva_interview_get_id (first), damaged[5].id, 0);
    g_assert_cmpuint (g_string_replace (text, "\"number\" : 20", "\"number\" : 10", 1), ==, 1);
    duplicate = g_string_free (text, FALSE);
  }
  damaged[1].data = wrong_types;
  damaged[2].data = deep;
  damaged[5].data = duplicate;

  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_autofree char *name = g_strconcat (damaged[i].id, ".json", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      write_file (path, damaged[i].data, -1);
    }

  reread = load_store (&problems);

  /* The good ones load as they were. */
  interviews = viva_interview_store_get_interviews (reread);
  g_assert_cmpuint (g_list_model_get_n_items (interviews), ==, 2);
  g_assert_cmpstr (viva_interview_item_get_notes (viva_interview_get_item (find_interview (interviews, viva_interview_get_id (first)), 0)),
                   ==, "first notes");
  g_assert_cmpstr (viva_interview_item_get_notes (viva_interview_get_item (find_interview (interviews, viva_interview_get_id (second)), 0)),
                   ==, "second notes");

  /* Each damaged one is reported and moved aside byte for byte. */
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (damaged));
  for (guint i = 0; i < problems->len; i++)
    {
      VivaInterviewProblem *problem = g_ptr_array_index (problems, i);
      g_autoptr(GBytes) kept = NULL;
      g_autofree char *name = g_strconcat (damaged[i].id, ".json", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpstr (problem->path, ==, path);
      g_assert_nonnull (problem->message);
      g_assert_nonnull (problem->moved_aside_path);
      g_assert_false (problem->restored_from_backup);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      kept = read_file (problem->moved_aside_path);
      g_assert_cmpmem (g_bytes_get_data (kept, NULL), g_bytes_get_size (kept),
                       damaged[i].data, strlen (damaged[i].data));
    }
}

static void
test_store_future_version (void)
{
  g_autoptr(VivaInterviewStore) store = load_store (NULL);
  g_autoptr(VivaInterviewStore) reread = NULL;
  g_autoptr(VivaInterview) interview = new_interview (NULL, "Future", 2);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GBytes) future_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = interview_path (interview);
  g_autofree char *bak_path = g_strconcat (path, ".bak", NULL);
  VivaInterview *listed;

  add_interview (store, interview);
  g_assert_true (viva_interview_start (interview));
  flush_store (store);
  g_clear_object (&store);

  {
    g_autoptr(GBytes) bytes = read_file (path);
    GString *text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

    g_assert_cmpuint (g_string_replace (text, "\"version\" : 1", "\"version\" : 3", 1), ==, 1);
    write_file (path, text->str, text->len);
    future_bytes = g_string_free_to_bytes (text);
  }
  g_unlink (bak_path);

  reread = load_store (&problems);
  g_assert_cmpuint (problems->len, ==, 0);
  listed = find_interview (viva_interview_store_get_interviews (reread), viva_interview_get_id (interview));
  g_assert_nonnull (listed);
  g_assert_true (viva_interview_get_read_only (listed));
  g_assert_null (viva_interview_store_get_unfinished (reread));
  g_assert_false (viva_interview_set_item_notes (listed, 0, "edit"));
  g_assert_false (viva_interview_resume (listed));
  g_assert_false (viva_interview_store_delete (reread, listed, &error));
  g_assert_error (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_READ_ONLY);
  flush_store (reread);
  g_clear_object (&reread);

  {
    g_autoptr(GBytes) now = read_file (path);

    g_assert_true (g_bytes_equal (now, future_bytes));
  }
  g_assert_false (g_file_test (bak_path, G_FILE_TEST_EXISTS));
}

/* The code pad's code (issue 11): kept in the file, in version 2, for
 * the items whose pad was typed into; an interview without code stays a
 * version 1 file, and clearing the code makes it one again. */
static void
test_store_code_round_trip (void)
{
  g_autoptr(VivaInterviewStore) store = load_store (NULL);
  g_autoptr(VivaInterviewStore) reread = NULL;
  g_autoptr(VivaInterview) interview = new_interview (NULL, "Zoë", 3);
  g_autofree char *path = interview_path (interview);
  g_autofree char *too_long = g_strnfill (VIVA_INTERVIEW_TEXT_MAX_SIZE + 1, 'x');
  g_autofree char *longest = g_strnfill (VIVA_INTERVIEW_TEXT_MAX_SIZE, 'x');
  const char *code = "def f(s):\n\treturn \"ünï\" + s[::-1]  # 🐍\n";
  VivaInterview *copy;

  add_interview (store, interview);
  g_assert_true (viva_interview_start (interview));
  flush_store (store);
  {
    g_autoptr(GBytes) bytes = read_file (path);
    g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

    g_assert_nonnull (strstr (text, "\n  \"version\" : 1,\n"));
    g_assert_null (strstr (text, "code-pad"));
  }

  g_assert_false (viva_interview_get_has_code (interview));
  g_assert_true (viva_interview_set_item_code (interview, 0, code));
  g_assert_true (viva_interview_set_item_code (interview, 2, ""));
  g_assert_false (viva_interview_set_item_code (interview, 3, "x"));
  g_assert_false (viva_interview_set_item_code (interview, 1, too_long));
  g_assert_false (viva_interview_set_item_code (interview, 1, "\xff"));
  g_assert_null (viva_interview_item_get_code (viva_interview_get_item (interview, 1)));
  g_assert_true (viva_interview_get_has_code (interview));
  /* Saved by the autosave, as the notes are. */
  g_assert_true (viva_document_store_get_dirty (VIVA_DOCUMENT_STORE (store)));
  flush_store (store);
  {
    g_autoptr(GBytes) bytes = read_file (path);
    g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

    g_assert_nonnull (strstr (text, "\n  \"version\" : 2,\n"));
    g_assert_nonnull (strstr (text, "\"rating\" : \"none\",\n      \"code-pad\" : {\n        \"code\" : \"def f(s):\\n\\treturn \\\"ünï\\\" + s[::-1]  # 🐍\\n\"\n      }\n    },"));
  }

  reread = load_store (NULL);
  copy = find_interview (viva_interview_store_get_interviews (reread), viva_interview_get_id (interview));
  g_assert_nonnull (copy);
  g_assert_false (viva_interview_get_read_only (copy));
  g_assert_cmpstr (viva_interview_item_get_code (viva_interview_get_item (copy, 0)), ==, code);
  g_assert_null (viva_interview_item_get_code (viva_interview_get_item (copy, 1)));
  g_assert_cmpstr (viva_interview_item_get_code (viva_interview_get_item (copy, 2)), ==, "");
  g_clear_object (&reread);

  /* The longest code a question keeps fits in the file. */
  g_assert_true (viva_interview_set_item_code (interview, 1, longest));
  flush_store (store);
  reread = load_store (NULL);
  copy = find_interview (viva_interview_store_get_interviews (reread), viva_interview_get_id (interview));
  g_assert_cmpstr (viva_interview_item_get_code (viva_interview_get_item (copy, 1)), ==, longest);
  g_clear_object (&reread);

  for (guint i = 0; i < 3; i++)
    g_assert_true (viva_interview_set_item_code (interview, i, NULL));
  g_assert_false (viva_interview_get_has_code (interview));
  flush_store (store);
  {
    g_autoptr(GBytes) bytes = read_file (path);
    g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

    g_assert_nonnull (strstr (text, "\n  \"version\" : 1,\n"));
    g_assert_null (strstr (text, "code-pad"));
  }
}

/* What a Viva that knows only version 1 does with a version 2 file: its
 * codec is ours with the version it had. It lists the file read-only
 * (it cannot save it without the code) instead of dropping the code at
 * its next save, or calling the file damaged. */
static void
test_store_code_older_viva (void)
{
  g_autoptr(VivaInterviewStore) store = load_store (NULL);
  g_autoptr(VivaInterview) interview = new_interview (NULL, "Zoë", 2);
  g_autoptr(VivaInterview) plain = new_interview (NULL, "Bob", 2);
  g_autoptr(VivaInterview) listed = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) plain_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = interview_path (interview);
  g_autofree char *plain_path = interview_path (plain);
  VivaDocumentCodec older = viva_interview_codec;

  older.version = 1;
  older.oldest_version = 0;

  add_interview (store, interview);
  add_interview (store, plain);
  g_assert_true (viva_interview_set_item_code (interview, 1, "x = 1\n"));
  flush_store (store);

  bytes = read_file (path);
  g_assert_false (viva_document_file_parse (&older, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                            viva_interview_get_id (interview), (gpointer *) &listed, &error));
  g_assert_error (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_FUTURE_VERSION);
  g_assert_nonnull (listed);
  g_assert_true (viva_interview_get_read_only (listed));
  g_assert_false (viva_interview_set_item_notes (listed, 0, "edit"));
  g_clear_error (&error);
  g_clear_object (&listed);

  /* An interview without code the older Viva reads as its own. */
  plain_bytes = read_file (plain_path);
  g_assert_true (viva_document_file_parse (&older, g_bytes_get_data (plain_bytes, NULL), g_bytes_get_size (plain_bytes),
                                           viva_interview_get_id (plain), (gpointer *) &listed, &error));
  g_assert_no_error (error);
  g_assert_false (viva_interview_get_read_only (listed));
}

/* A "code-pad" in a version 1 file was never ours to read: ignored, as
 * version 1 ignores members it does not know; the file reads, and is
 * written back, as before. */
static void
test_store_code_in_version_1 (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "formats", "interview-paused.json", NULL);
  g_autoptr(GBytes) before = read_file (fixture);
  g_autoptr(VivaInterview) stray = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (before, NULL), g_bytes_get_size (before));

  g_assert_cmpuint (g_string_replace (text, "\"rating\" : \"no\"",
                                      "\"rating\" : \"no\", \"code-pad\" : { \"code\" : 1 }", 1), ==, 1);
  g_assert_true (viva_interview_file_parse (text->str, text->len, NULL, &stray, &error));
  g_assert_no_error (error);
  g_assert_false (viva_interview_get_has_code (stray));

  root = viva_interview_file_build (stray);
  after = viva_interview_file_generate (root, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (before, after));
}

/* Damage in a code pad is damage like any other: the file is refused,
 * and the message says where; through the store it is moved aside and
 * the others load. A newer version's code pads, which may read
 * otherwise, are left out of a file listed read-only. */
static void
test_store_code_damaged (void)
{
  g_autoptr(VivaInterviewStore) store = load_store (NULL);
  g_autoptr(VivaInterview) interview = new_interview (NULL, "Zoë", 1);
  g_autofree char *good_text = NULL;
  g_autofree char *too_long_code = g_strnfill (VIVA_INTERVIEW_TEXT_MAX_SIZE + 1, 'x');
  g_autofree char *long_code_pad = g_strdup_printf ("\"code-pad\" : { \"code\" : \"%s\" }", too_long_code);
  const char *good_pad = "\"code-pad\" : {\n        \"code\" : \"x = 1\\n\"\n      }";
  const char *bad_pads[] = {
    "\"code-pad\" : \"x = 1\"",
    "\"code-pad\" : null",
    "\"code-pad\" : []",
    "\"code-pad\" : { }",
    "\"code-pad\" : { \"code\" : 1 }",
    "\"code-pad\" : { \"code\" : null }",
    "\"code-pad\" : { \"code\" : [\"x\"] }",
    long_code_pad,
  };
  g_autofree char *path = interview_path (interview);

  add_interview (store, interview);
  g_assert_true (viva_interview_set_item_code (interview, 0, "x = 1\n"));
  flush_store (store);
  g_clear_object (&store);

  {
    g_autoptr(GBytes) bytes = read_file (path);

    good_text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    g_assert_nonnull (strstr (good_text, good_pad));
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad_pads); i++)
    {
      g_autoptr(GString) text = g_string_new (good_text);
      g_autoptr(GError) error = NULL;
      g_autoptr(VivaInterview) parsed = NULL;

      g_assert_cmpuint (g_string_replace (text, good_pad, bad_pads[i], 1), ==, 1);
      g_assert_false (viva_interview_file_parse (text->str, text->len, NULL, &parsed, &error));
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "code"));
      g_assert_null (parsed);

      /* From a newer Viva: listed, read-only, without that code pad. */
      g_assert_cmpuint (g_string_replace (text, "\"version\" : 2", "\"version\" : 3", 1), ==, 1);
      g_clear_error (&error);
      g_assert_false (viva_interview_file_parse (text->str, text->len, NULL, &parsed, &error));
      g_assert_error (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_FUTURE_VERSION);
      g_assert_nonnull (parsed);
      g_assert_true (viva_interview_get_read_only (parsed));
      g_assert_false (viva_interview_get_has_code (parsed));
    }

  /* And through the store: moved aside with a message, the others
   * still load. */
  {
    g_autoptr(GString) text = g_string_new (good_text);
    g_autoptr(VivaInterview) other = new_interview (NULL, "Bob", 1);
    g_autoptr(VivaInterviewStore) reread = NULL;
    g_autoptr(GPtrArray) problems = NULL;
    VivaInterviewProblem *problem;

    store = load_store (NULL);
    add_interview (store, other);
    flush_store (store);
    g_clear_object (&store);

    g_assert_cmpuint (g_string_replace (text, good_pad, bad_pads[4], 1), ==, 1);
    write_file (path, text->str, text->len);
    {
      g_autofree char *bak_path = g_strconcat (path, ".bak", NULL);

      g_unlink (bak_path);
    }

    reread = load_store (&problems);
    g_assert_cmpuint (problems->len, ==, 1);
    problem = g_ptr_array_index (problems, 0);
    g_test_message ("%s", problem->message);
    g_assert_nonnull (strstr (problem->message, "code"));
    g_assert_nonnull (problem->moved_aside_path);
    g_assert_null (find_interview (viva_interview_store_get_interviews (reread), viva_interview_get_id (interview)));
    g_assert_nonnull (find_interview (viva_interview_store_get_interviews (reread), viva_interview_get_id (other)));
  }
}

static void
test_store_autosave_search_delete (void)
{
  g_autoptr(VivaInterviewStore) store = load_store (NULL);
  g_autoptr(VivaInterviewStore) reread = NULL;
  g_autoptr(VivaInterview) zoe = new_interview (NULL, "Zoë Ångström", 1);
  g_autoptr(VivaInterview) bob = new_interview (NULL, "Bob Stone", 1);
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *zoe_path = interview_path (zoe);
  VivaInterview *copy;

  viva_document_store_set_autosave_delay (VIVA_DOCUMENT_STORE (store), 10);
  add_interview (store, zoe);
  add_interview (store, bob);
  wait_until (store_is_saved, store, "the first save");

  g_assert_true (viva_interview_set_item_notes (zoe, 0, "autosaved"));
  g_assert_true (viva_document_store_get_dirty (VIVA_DOCUMENT_STORE (store)));
  wait_until (store_is_saved, store, "the autosave");

  reread = load_store (NULL);
  copy = find_interview (viva_interview_store_get_interviews (reread), viva_interview_get_id (zoe));
  g_assert_cmpstr (viva_interview_item_get_notes (viva_interview_get_item (copy, 0)), ==, "autosaved");
  g_clear_object (&reread);

  /* Search ignores case and accents */
  found = viva_interview_store_search (store, "  ZOE angs ");
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_assert_true (find_interview (found, viva_interview_get_id (zoe)) == zoe);
  g_clear_object (&found);
  found = viva_interview_store_search (store, "ston");
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_clear_object (&found);
  found = viva_interview_store_search (store, "");
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 2);
  g_clear_object (&found);
  found = viva_interview_store_search (store, "nobody");
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 0);

  g_assert_true (viva_interview_store_delete (store, zoe, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (zoe_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (g_list_model_get_n_items (viva_interview_store_get_interviews (store)), ==, 1);
  flush_store (store);
}

/* Every prefix of a good file, and the file with each byte replaced by
 * a few troublesome ones, is refused or read cleanly: never a crash, a
 * critical, or a half-built interview. */
static void
test_file_mutations (void)
{
  g_autoptr(VivaClock) clock = viva_clock_new_fake (0);
  g_autoptr(VivaInterview) interview = new_interview (clock, "Zoë", 2);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(VivaInterview) whole = NULL;
  g_autoptr(GError) error = NULL;
  const char replacements[] = { '"', '{', ']', '0', '\\', ' ', '\x80' };
  const char *data;
  gsize len;

  g_assert_true (viva_interview_start (interview));
  viva_clock_advance (clock, SECONDS (61));
  g_assert_true (viva_interview_stamp_item_notes (interview, 0, "Good \"quotes\" \\ and ünïcode"));
  root = viva_interview_file_build (interview);
  bytes = viva_interview_file_generate (root, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &len);

  g_assert_true (viva_interview_file_parse (data, len, NULL, &whole, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (viva_interview_item_get_notes (viva_interview_get_item (whole, 0)), ==, "[01:01] Good \"quotes\" \\ and ünïcode");

  /* Up to the closing brace; what follows it is white space. */
  while (len > 0 && data[len - 1] != '}')
    len--;

  for (gsize n = 0; n < len; n++)
    {
      g_autoptr(VivaInterview) part = NULL;
      g_autoptr(GError) part_error = NULL;
      g_autofree char *copy = g_strndup (data, n);

      g_assert_false (viva_interview_file_parse (copy, n, NULL, &part, &part_error));
      g_assert_nonnull (part_error);
      g_assert_null (part);
    }

  for (gsize n = 0; n < len; n++)
    {
      for (guint r = 0; r < G_N_ELEMENTS (replacements); r++)
        {
          g_autoptr(VivaInterview) mutant = NULL;
          g_autoptr(GError) mutant_error = NULL;
          g_autofree char *copy = g_strndup (data, len);
          gboolean ok;

          copy[n] = replacements[r];
          ok = viva_interview_file_parse (copy, len, NULL, &mutant, &mutant_error);
          g_assert_true (ok == (mutant != NULL));
          g_assert_true (ok == (mutant_error == NULL));
        }
    }
}

/* A planned question's members, at their limits and one step past
 * them, in an interview's file: read by the same code as a template's
 * (/interview/template/validation). A refusal names the member. */
static void
test_file_plan_item_edges (void)
{
  g_autoptr(VivaInterview) interview = new_interview (NULL, "Zoë", 2);
  g_autoptr(JsonNode) root = viva_interview_file_build (interview);
  g_autofree char *good = json_to_string (root, FALSE);
  g_autofree char *fill = g_strnfill (VIVA_INTERVIEW_QUESTION_MAX_SIZE + 1, 'q');
  g_autofree char *longest = g_strdup_printf ("\"%.*s\"", (int) VIVA_INTERVIEW_QUESTION_MAX_SIZE, fill);
  g_autofree char *too_long = g_strdup_printf ("\"%s\"", fill);
  g_autofree char *max_budget = g_strdup_printf ("%" G_GINT64_FORMAT, VIVA_INTERVIEW_DURATION_MAX);
  g_autofree char *over_budget = g_strdup_printf ("%" G_GINT64_FORMAT, VIVA_INTERVIEW_DURATION_MAX + 1);
  g_autofree char *max_number = g_strdup_printf ("%u", G_MAXUINT);
  g_autofree char *over_number = g_strdup_printf ("%" G_GUINT64_FORMAT, (guint64) G_MAXUINT + 1);
  const struct {
    const char *member;
    const char *value;
    gboolean    ok;
  } cases[] = {
    { "number", max_number, TRUE },
    { "number", "0", TRUE },
    { "number", NULL, FALSE },
    { "number", "-1", FALSE },
    { "number", over_number, FALSE },
    { "number", "true", FALSE },
    { "question", longest, TRUE },
    { "question", NULL, FALSE },
    { "question", "\"\"", FALSE },
    { "question", too_long, FALSE },
    { "question", "[]", FALSE },
    { "budget", max_budget, TRUE },
    { "budget", "0", TRUE },
    { "budget", NULL, FALSE },
    { "budget", "-5", FALSE },
    { "budget", over_budget, FALSE },
    { "budget", "1.5", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* A deep copy: json_node_copy() shares the objects inside. */
      g_autoptr(JsonNode) copy = json_from_string (good, NULL);
      JsonArray *items = json_object_get_array_member (json_node_get_object (copy), "items");
      JsonObject *item = json_array_get_object_element (items, 0);
      g_autoptr(VivaInterview) parsed = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *quoted = g_strdup_printf ("“%s”", cases[i].member);
      gboolean ok;

      if (cases[i].value == NULL)
        json_object_remove_member (item, cases[i].member);
      else
        json_object_set_member (item, cases[i].member, json_from_string (cases[i].value, NULL));
      text = json_to_string (copy, FALSE);

      ok = viva_interview_file_parse (text, strlen (text), NULL, &parsed, &error);
      if (ok != cases[i].ok)
        g_error ("“%s” set to %.40s: %s", cases[i].member, cases[i].value ? cases[i].value : "(none)",
                 error != NULL ? error->message : "loaded");
      if (!ok)
        g_assert_nonnull (strstr (error->message, quoted));
      else
        g_assert_cmpstr (viva_interview_item_get_text (viva_interview_get_item (parsed, 1)), ==, "Question 2?");
    }
}

/* Templates */

static void
test_template_round_trip (void)
{
  g_autoptr(VivaInterview) interview = new_interview (NULL, "Someone", 3);
  g_autoptr(VivaInterviewTemplate) backend = NULL;
  g_autoptr(VivaInterviewTemplate) other = viva_interview_template_new ("Empty «plan»");
  g_autoptr(VivaInterviewTemplatesLoad) load = NULL;
  g_autoptr(VivaInterviewTemplatesLoad) reload = NULL;
  g_autoptr(VivaInterview) fresh = NULL;
  g_autoptr(GPtrArray) templates = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = viva_interview_templates_dup_default_path ();
  g_autofree char *bak_path = g_strconcat (path, ".bak", NULL);
  VivaInterviewTemplate *copy;
  struct stat st;

  g_assert_true (viva_interview_set_total_budget (interview, MINUTES (45)));
  g_assert_true (viva_interview_append (interview, 0, "Why “us”?\nTell me.", MINUTES (2), NULL));
  g_assert_true (viva_interview_set_item_notes (interview, 0, "not in a template"));
  backend = viva_interview_template_new_from_interview (interview, "Backend, 45 min");
  g_assert_cmpuint (viva_interview_template_get_n_items (backend), ==, 4);
  g_assert_false (viva_interview_template_append (backend, 10, "Again", 0, &error));
  g_assert_error (error, VIVA_INTERVIEW_ERROR, VIVA_INTERVIEW_ERROR_DUPLICATE);
  g_clear_error (&error);

  /* No file yet: no template, no problem */
  load = viva_interview_templates_load (path);
  g_assert_cmpuint (load->templates->len, ==, 0);
  g_assert_null (load->problem);
  g_assert_false (load->read_only);

  g_ptr_array_add (templates, g_object_ref (backend));
  g_ptr_array_add (templates, g_object_ref (other));
  g_assert_true (viva_interview_templates_save (path, templates, &load->stamp, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Saved again: the previous file is the backup */
  g_assert_true (viva_interview_template_set_name (other, "Renamed"));
  g_assert_true (viva_interview_templates_save (path, templates, &load->stamp, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (bak_path, G_FILE_TEST_EXISTS));

  reload = viva_interview_templates_load (path);
  g_assert_null (reload->problem);
  g_assert_cmpuint (reload->templates->len, ==, 2);
  copy = g_ptr_array_index (reload->templates, 0);
  g_assert_cmpstr (viva_interview_template_get_name (copy), ==, "Backend, 45 min");
  g_assert_cmpint (viva_interview_template_get_total_budget (copy), ==, MINUTES (45));
  g_assert_cmpuint (viva_interview_template_get_n_items (copy), ==, 4);
  g_assert_cmpuint (viva_interview_template_get_item (copy, 0)->number, ==, 10);
  g_assert_cmpint (viva_interview_template_get_item (copy, 0)->budget, ==, MINUTES (5));
  g_assert_cmpstr (viva_interview_template_get_item (copy, 3)->text, ==, "Why “us”?\nTell me.");
  g_assert_cmpstr (viva_interview_template_get_name (g_ptr_array_index (reload->templates, 1)), ==, "Renamed");

  /* A new interview from it: the plan, nothing of the candidate */
  fresh = viva_interview_template_instantiate (copy, NULL);
  g_assert_cmpint (viva_interview_get_state (fresh), ==, VIVA_INTERVIEW_STATE_PLANNED);
  g_assert_cmpint (viva_interview_get_total_budget (fresh), ==, MINUTES (45));
  assert_plan (fresh, "10 20 30 0");
  g_assert_cmpstr (viva_interview_item_get_notes (viva_interview_get_item (fresh, 3)), ==, "");
  g_assert_cmpstr (viva_interview_get_candidate (fresh), ==, "");
}

static void
test_template_damaged_and_future (void)
{
  g_autofree char *path = viva_interview_templates_dup_default_path ();
  g_autoptr(VivaInterviewTemplatesLoad) damaged = NULL;
  g_autoptr(VivaInterviewTemplatesLoad) future = NULL;
  g_autoptr(GPtrArray) templates = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  const char *broken = "{\"format\": \"viva-interview-templates\", \"version\": 1, \"templates\": [{\"name\": 5}]}";
  const char *newer = "{\"format\": \"viva-interview-templates\", \"version\": 2, \"templates\": "
                      "[{\"name\": \"Kept\", \"total-budget\": 0, \"items\": [], \"colour\": \"red\"}]}";

  write_file (path, broken, -1);
  g_assert_cmpint (chmod (path, 0644), ==, 0);
  damaged = viva_interview_templates_load (path);
  g_assert_nonnull (damaged->problem);
  g_assert_nonnull (damaged->moved_aside_path);
  {
    struct stat st;

    /* Moved aside where only its owner can read it. */
    g_assert_cmpint (stat (damaged->moved_aside_path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 07777, ==, 0600);
  }
  g_assert_false (damaged->read_only);
  g_assert_cmpuint (damaged->templates->len, ==, 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  kept = read_file (damaged->moved_aside_path);
  g_assert_cmpmem (g_bytes_get_data (kept, NULL), g_bytes_get_size (kept), broken, strlen (broken));

  write_file (path, newer, -1);
  future = viva_interview_templates_load (path);
  g_assert_null (future->problem);
  g_assert_true (future->read_only);
  g_assert_cmpuint (future->templates->len, ==, 1);
  g_assert_cmpstr (viva_interview_template_get_name (g_ptr_array_index (future->templates, 0)), ==, "Kept");

  /* Saving over it is refused, with a stale stamp or its own, and the
   * file stays. */
  g_ptr_array_add (templates, viva_interview_template_new ("Mine"));
  g_assert_false (viva_interview_templates_save (path, templates, &damaged->stamp, &error));
  g_assert_error (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (viva_interview_templates_save (path, templates, &future->stamp, &error));
  g_assert_error (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_READ_ONLY);
  after = read_file (path);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after), newer, strlen (newer));
}

/* One template, its members as given: @name, @total_budget, @number,
 * @question and @budget are JSON values, or NULL to leave the member
 * out. */
static char *
template_json (const char *name,
               const char *total_budget,
               const char *number,
               const char *question,
               const char *budget)
{
  GString *json = g_string_new ("{\"format\": \"viva-interview-templates\", \"version\": 1, \"templates\": [{");

  if (name != NULL)
    g_string_append_printf (json, "\"name\": %s, ", name);
  if (total_budget != NULL)
    g_string_append_printf (json, "\"total-budget\": %s, ", total_budget);
  g_string_append (json, "\"items\": [{");
  if (number != NULL)
    g_string_append_printf (json, "\"number\": %s, ", number);
  if (question != NULL)
    g_string_append_printf (json, "\"question\": %s, ", question);
  if (budget != NULL)
    g_string_append_printf (json, "\"budget\": %s, ", budget);
  g_string_append (json, "\"ignored\": 0}], \"colour\": \"red\"}]}");

  return g_string_free (json, FALSE);
}

/* What a templates file may hold, member by member, at the edges: a
 * file one step past any of them is not loaded and is moved aside, with
 * a problem that names the member; one right at them loads. */
static void
test_template_validation (void)
{
  g_autofree char *path = viva_interview_templates_dup_default_path ();
  g_autofree char *longest_name = NULL;
  g_autofree char *too_long_name = NULL;
  g_autofree char *longest_question = NULL;
  g_autofree char *too_long_question = NULL;
  g_autofree char *max_budget = g_strdup_printf ("%" G_GINT64_FORMAT, VIVA_INTERVIEW_DURATION_MAX);
  g_autofree char *over_budget = g_strdup_printf ("%" G_GINT64_FORMAT, VIVA_INTERVIEW_DURATION_MAX + 1);
  g_autofree char *max_number = g_strdup_printf ("%u", G_MAXUINT);
  g_autofree char *over_number = g_strdup_printf ("%" G_GUINT64_FORMAT, (guint64) G_MAXUINT + 1);
  g_autofree char *name = NULL;
  g_autofree char *question = NULL;
  struct {
    const char *member;
    char       *json;
  } refused[21];
  guint n_refused = 0;
  g_autofree char *good_json = NULL;
  g_autoptr(VivaInterviewTemplatesLoad) good = NULL;
  VivaInterviewTemplate *template;

  name = g_strnfill (VIVA_INTERVIEW_NAME_MAX_SIZE, 'n');
  longest_name = g_strdup_printf ("\"%s\"", name);
  g_free (name);
  name = g_strnfill (VIVA_INTERVIEW_NAME_MAX_SIZE + 1, 'n');
  too_long_name = g_strdup_printf ("\"%s\"", name);
  question = g_strnfill (VIVA_INTERVIEW_QUESTION_MAX_SIZE, 'q');
  longest_question = g_strdup_printf ("\"%s\"", question);
  g_free (question);
  question = g_strnfill (VIVA_INTERVIEW_QUESTION_MAX_SIZE + 1, 'q');
  too_long_question = g_strdup_printf ("\"%s\"", question);

#define REFUSE(what, n, t, num, q, b) \
  G_STMT_START { \
    refused[n_refused].member = what; \
    refused[n_refused].json = template_json (n, t, num, q, b); \
    n_refused++; \
  } G_STMT_END

  REFUSE ("name", NULL, "0", "1", "\"Q\"", "0");
  REFUSE ("name", "\"\"", "0", "1", "\"Q\"", "0");
  REFUSE ("name", too_long_name, "0", "1", "\"Q\"", "0");
  REFUSE ("name", "7", "0", "1", "\"Q\"", "0");
  REFUSE ("name", "null", "0", "1", "\"Q\"", "0");
  REFUSE ("total-budget", "\"T\"", NULL, "1", "\"Q\"", "0");
  REFUSE ("total-budget", "\"T\"", "-1", "1", "\"Q\"", "0");
  REFUSE ("total-budget", "\"T\"", over_budget, "1", "\"Q\"", "0");
  REFUSE ("total-budget", "\"T\"", "1.5", "1", "\"Q\"", "0");
  REFUSE ("total-budget", "\"T\"", "\"60\"", "1", "\"Q\"", "0");
  REFUSE ("number", "\"T\"", "0", NULL, "\"Q\"", "0");
  REFUSE ("number", "\"T\"", "0", "-1", "\"Q\"", "0");
  REFUSE ("number", "\"T\"", "0", over_number, "\"Q\"", "0");
  REFUSE ("number", "\"T\"", "0", "true", "\"Q\"", "0");
  REFUSE ("question", "\"T\"", "0", "1", NULL, "0");
  REFUSE ("question", "\"T\"", "0", "1", "\"\"", "0");
  REFUSE ("question", "\"T\"", "0", "1", too_long_question, "0");
  REFUSE ("question", "\"T\"", "0", "1", "[]", "0");
  REFUSE ("budget", "\"T\"", "0", "1", "\"Q\"", NULL);
  REFUSE ("budget", "\"T\"", "0", "1", "\"Q\"", "-5");
  REFUSE ("budget", "\"T\"", "0", "1", "\"Q\"", over_budget);
  g_assert_cmpuint (n_refused, ==, G_N_ELEMENTS (refused));

#undef REFUSE

  for (guint i = 0; i < n_refused; i++)
    {
      g_autoptr(VivaInterviewTemplatesLoad) load = NULL;
      g_autofree char *quoted = g_strdup_printf ("“%s”", refused[i].member);

      write_file (path, refused[i].json, -1);
      load = viva_interview_templates_load (path);
      if (load->problem == NULL || strstr (load->problem, quoted) == NULL)
        g_error ("%s was not refused for %s: %s", refused[i].json, quoted,
                 load->problem != NULL ? load->problem : "(loaded)");
      g_assert_nonnull (load->moved_aside_path);
      g_assert_false (load->read_only);
      g_assert_cmpuint (load->templates->len, ==, 0);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      g_remove (load->moved_aside_path);
      g_free (refused[i].json);
    }

  /* Right at every edge, and members we do not know, load. */
  good_json = template_json (longest_name, max_budget, max_number, longest_question, max_budget);
  write_file (path, good_json, -1);
  good = viva_interview_templates_load (path);
  g_assert_null (good->problem);
  g_assert_false (good->read_only);
  g_assert_cmpuint (good->templates->len, ==, 1);
  template = g_ptr_array_index (good->templates, 0);
  g_assert_cmpuint (strlen (viva_interview_template_get_name (template)), ==, VIVA_INTERVIEW_NAME_MAX_SIZE);
  g_assert_cmpint (viva_interview_template_get_total_budget (template), ==, VIVA_INTERVIEW_DURATION_MAX);
  g_assert_cmpuint (viva_interview_template_get_n_items (template), ==, 1);
  g_assert_cmpuint (viva_interview_template_get_item ((VivaInterviewTemplate *) template, 0)->number, ==, G_MAXUINT);
  g_assert_cmpuint (strlen (viva_interview_template_get_item ((VivaInterviewTemplate *) template, 0)->text), ==, VIVA_INTERVIEW_QUESTION_MAX_SIZE);
  g_assert_cmpint (viva_interview_template_get_item ((VivaInterviewTemplate *) template, 0)->budget, ==, VIVA_INTERVIEW_DURATION_MAX);
  g_remove (path);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

/* Saving a template in a thread adds it to what the file holds now,
 * not to what was read before: a template saved meanwhile (by another
 * window) stays, one of the same name is replaced. */
/* A version too large to be a number is a newer one: read-only, kept
 * where it is. */
static void
test_template_version_too_large (void)
{
  g_autofree char *path = viva_interview_templates_dup_default_path ();
  g_autoptr(VivaInterviewTemplatesLoad) future = NULL;
  g_autoptr(VivaInterviewTemplatesLoad) negative = NULL;
  g_autoptr(GBytes) after = NULL;
  const char *newer = "{\"format\": \"viva-interview-templates\", \"version\": 99999999999999999999999, \"templates\": "
                      "[{\"name\": \"Kept\", \"total-budget\": 0, \"items\": []}]}";
  const char *below = "{\"format\": \"viva-interview-templates\", \"version\": -99999999999999999999999, \"templates\": []}";

  write_file (path, newer, -1);
  future = viva_interview_templates_load (path);
  g_assert_null (future->problem);
  g_assert_null (future->moved_aside_path);
  g_assert_true (future->read_only);
  g_assert_cmpuint (future->templates->len, ==, 1);
  after = read_file (path);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after), newer, strlen (newer));

  write_file (path, below, -1);
  negative = viva_interview_templates_load (path);
  g_assert_nonnull (negative->problem);
  g_test_message ("%s", negative->problem);
  g_assert_nonnull (strstr (negative->problem, "-99999999999999999999999"));
  g_assert_nonnull (negative->moved_aside_path);
}

static void
test_template_async (void)
{
  g_autofree char *path = viva_interview_templates_dup_default_path ();
  g_autoptr(VivaInterviewTemplate) first = viva_interview_template_new ("Backend");
  g_autoptr(VivaInterviewTemplate) again = viva_interview_template_new ("Backend");
  g_autoptr(VivaInterviewTemplate) meanwhile = viva_interview_template_new ("Frontend");
  g_autoptr(GPtrArray) theirs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(VivaInterviewTemplatesLoad) load = NULL;
  g_autoptr(VivaInterviewTemplatesLoad) saved = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *newer = "{\"format\": \"viva-interview-templates\", \"version\": 2, \"templates\": []}";

  viva_interview_templates_load_async (path, NULL, store_result_cb, &result);
  wait_until (has_result, &result, "the templates to load");
  load = viva_interview_templates_load_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (load->templates->len, ==, 0);
  g_clear_object (&result);

  g_assert_true (viva_interview_template_set_total_budget (first, MINUTES (45)));
  viva_interview_templates_save_async (path, first, NULL, store_result_cb, &result);
  wait_until (has_result, &result, "the first template to save");
  saved = viva_interview_templates_save_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saved->templates->len, ==, 1);
  g_clear_object (&result);

  /* Another window saves a template: written over the stamp it read. */
  g_ptr_array_add (theirs, g_object_ref (g_ptr_array_index (saved->templates, 0)));
  g_ptr_array_add (theirs, g_object_ref (meanwhile));
  g_assert_true (viva_interview_templates_save (path, theirs, &saved->stamp, &error));
  g_assert_no_error (error);
  g_clear_pointer (&saved, viva_interview_templates_load_free);

  viva_interview_templates_save_async (path, again, NULL, store_result_cb, &result);
  wait_until (has_result, &result, "the template to save again");
  saved = viva_interview_templates_save_finish (result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (saved->templates->len, ==, 2);
  g_assert_cmpstr (viva_interview_template_get_name (g_ptr_array_index (saved->templates, 0)), ==, "Frontend");
  g_assert_cmpstr (viva_interview_template_get_name (g_ptr_array_index (saved->templates, 1)), ==, "Backend");
  g_assert_cmpint (viva_interview_template_get_total_budget (g_ptr_array_index (saved->templates, 1)), ==, 0);
  g_clear_pointer (&load, viva_interview_templates_load_free);
  load = viva_interview_templates_load (path);
  g_assert_cmpuint (load->templates->len, ==, 2);

  /* A file from a newer version is not written. */
  write_file (path, newer, -1);
  viva_interview_templates_save_async (path, first, NULL, store_result_cb, &result);
  wait_until (has_result, &result, "the refused save");
  g_assert_null (viva_interview_templates_save_finish (result, &error));
  g_assert_error (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_pointer (&load, viva_interview_templates_load_free);
  load = viva_interview_templates_load (path);
  g_assert_true (load->read_only);
  g_assert_cmpuint (load->templates->len, ==, 0);
}

/* The names in the file, in its order, as "A|B|C". */
static char *
template_names (const char *path)
{
  g_autoptr(VivaInterviewTemplatesLoad) load = viva_interview_templates_load (path);
  g_autoptr(GString) names = g_string_new (NULL);

  g_assert_null (load->problem);
  for (guint i = 0; i < load->templates->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? "|" : "",
                            viva_interview_template_get_name (g_ptr_array_index (load->templates, i)));

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
assert_file_unchanged (const char *path,
                       GBytes     *before)
{
  g_autoptr(GBytes) now = read_file (path);

  g_assert_true (g_bytes_equal (now, before));
}

static void
assert_mode_0600 (const char *path)
{
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* A name must say something, fit, and be no other template's; the
 * messages are what the user reads under the name field. */
/* An edit of the templates holds the application until it is answered,
 * as every write of user data does, so that quitting waits for it:
 * releasing the application once more than the test held it is allowed
 * only while the edit holds it too (fatal-criticals otherwise). The
 * callback, which lets go, has not run before the main loop does. */
static void
test_template_edit_holds_application (void)
{
  g_autofree char *path = viva_interview_templates_dup_default_path ();
  g_autoptr(GApplication) application = g_application_new (NULL, G_APPLICATION_DEFAULT_FLAGS);
  g_autoptr(VivaInterviewTemplate) template = viva_interview_template_new ("Backend");
  g_autoptr(VivaInterviewTemplatesLoad) saved = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_application_set_default (application);

  viva_interview_templates_save_async (path, template, NULL, store_result_cb, &result);
  g_application_release (application);
  g_application_hold (application);

  wait_until (has_result, &result, "the template to save");
  saved = viva_interview_templates_save_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saved->templates->len, ==, 1);

  g_application_set_default (NULL);
}

static void
test_template_check_name (void)
{
  g_autoptr(GPtrArray) templates = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *long_name = g_strnfill (VIVA_INTERVIEW_NAME_MAX_SIZE + 1, 'x');
  g_autofree char *longest = g_strnfill (VIVA_INTERVIEW_NAME_MAX_SIZE, 'x');

  g_ptr_array_add (templates, viva_interview_template_new ("Backend"));
  g_ptr_array_add (templates, viva_interview_template_new ("Frontend"));

  g_assert_false (viva_interview_templates_check_name (templates, "", NULL, &error));
  g_assert_error (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "A template needs a name.");
  g_clear_error (&error);
  g_assert_false (viva_interview_templates_check_name (templates, " \t ", "Backend", &error));
  g_assert_cmpstr (error->message, ==, "A template needs a name.");
  g_clear_error (&error);

  g_assert_false (viva_interview_templates_check_name (templates, long_name, NULL, &error));
  g_assert_error (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "too long"));
  g_clear_error (&error);
  g_assert_true (viva_interview_templates_check_name (templates, longest, NULL, NULL));

  g_assert_false (viva_interview_templates_check_name (templates, "Frontend", "Backend", &error));
  g_assert_error (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, "There is already a template named “Frontend”.");
  g_clear_error (&error);

  /* Its own name, when renaming it, and any other. */
  g_assert_true (viva_interview_templates_check_name (templates, "Backend", "Backend", NULL));
  g_assert_true (viva_interview_templates_check_name (templates, "Backend, 45 min", "Backend", NULL));
  g_assert_true (viva_interview_templates_check_name (templates, "backend", NULL, NULL));
}

/* Rename and delete through the file: each is written at once (atomic,
 * 0600, the previous file kept as .bak) and reads back after a reload,
 * in the list's order; what cannot be done leaves the file as it was. */
static void
test_template_rename_delete (void)
{
  g_autoptr(VivaInterview) interview = new_interview (NULL, "Someone", 3);
  g_autoptr(VivaInterviewTemplate) backend = NULL;
  g_autoptr(VivaInterviewTemplatesLoad) load = NULL;
  g_autoptr(VivaInterviewTemplatesLoad) reload = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = viva_interview_templates_dup_default_path ();
  g_autofree char *bak_path = g_strconcat (path, ".bak", NULL);
  g_autofree char *names = NULL;
  VivaInterviewTemplate *renamed;
  VivaInterviewTemplate *frontend;
  const char *newer = "{\"format\": \"viva-interview-templates\", \"version\": 2, \"templates\": "
                      "[{\"name\": \"Kept\", \"total-budget\": 0, \"items\": []}]}";

  g_assert_true (viva_interview_set_total_budget (interview, MINUTES (45)));
  backend = viva_interview_template_new_from_interview (interview, "Backend");
  for (guint i = 0; i < 3; i++)
    {
      const char *name = (const char *[]) { "Backend", "Frontend", "Mobile" }[i];
      g_autoptr(VivaInterviewTemplate) template = i == 0 ? g_object_ref (backend) : viva_interview_template_new (name);
      g_autoptr(VivaInterviewTemplatesLoad) added = viva_interview_templates_add (path, template, &error);

      g_assert_no_error (error);
      g_assert_nonnull (added);
    }
  names = template_names (path);
  g_assert_cmpstr (names, ==, "Backend|Frontend|Mobile");
  g_clear_pointer (&names, g_free);

  /* Renamed in its place, with its plan; the file as written is what
   * the call returns, and what a reload reads. */
  load = viva_interview_templates_rename (path, "Backend", "Backend, 45 min", &error);
  g_assert_no_error (error);
  g_assert_nonnull (load);
  g_assert_cmpstr (viva_interview_template_get_name (g_ptr_array_index (load->templates, 0)), ==, "Backend, 45 min");
  assert_mode_0600 (path);
  g_assert_true (g_file_test (bak_path, G_FILE_TEST_EXISTS));
  names = template_names (bak_path);
  g_assert_cmpstr (names, ==, "Backend|Frontend|Mobile");
  g_clear_pointer (&names, g_free);

  reload = viva_interview_templates_load (path);
  g_assert_cmpuint (reload->templates->len, ==, 3);
  renamed = g_ptr_array_index (reload->templates, 0);
  g_assert_cmpstr (viva_interview_template_get_name (renamed), ==, "Backend, 45 min");
  g_assert_cmpint (viva_interview_template_get_total_budget (renamed), ==, MINUTES (45));
  g_assert_cmpuint (viva_interview_template_get_n_items (renamed), ==, 3);
  g_assert_cmpuint (viva_interview_template_get_item (renamed, 1)->number, ==, 20);
  g_clear_pointer (&load, viva_interview_templates_load_free);
  g_clear_pointer (&reload, viva_interview_templates_load_free);

  /* To another's name, to nothing, or a template gone: refused, and the
   * file is left as it was. */
  before = read_file (path);
  g_assert_null (viva_interview_templates_rename (path, "Frontend", "Mobile", &error));
  g_assert_error (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_null (viva_interview_templates_rename (path, "Frontend", "  ", &error));
  g_assert_error (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (viva_interview_templates_rename (path, "Backend", "Anything", &error));
  g_assert_error (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“Backend”"));
  g_clear_error (&error);
  assert_file_unchanged (path, before);

  /* Renamed to its own name: nothing to write. */
  load = viva_interview_templates_rename (path, "Mobile", "Mobile", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (load->templates->len, ==, 3);
  g_clear_pointer (&load, viva_interview_templates_load_free);
  assert_file_unchanged (path, before);
  g_clear_pointer (&before, g_bytes_unref);

  /* Deleted, and gone after a reload; deleting it again is no error. */
  reload = viva_interview_templates_load (path);
  frontend = g_object_ref (g_ptr_array_index (reload->templates, 1));
  g_clear_pointer (&reload, viva_interview_templates_load_free);
  load = viva_interview_templates_delete (path, "Frontend", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (load->templates->len, ==, 2);
  g_clear_pointer (&load, viva_interview_templates_load_free);
  assert_mode_0600 (path);
  names = template_names (path);
  g_assert_cmpstr (names, ==, "Backend, 45 min|Mobile");
  g_clear_pointer (&names, g_free);
  load = viva_interview_templates_delete (path, "Frontend", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (load->templates->len, ==, 2);
  g_clear_pointer (&load, viva_interview_templates_load_free);

  /* Undone: back where it was; not twice. */
  load = viva_interview_templates_restore (path, frontend, 1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&load, viva_interview_templates_load_free);
  names = template_names (path);
  g_assert_cmpstr (names, ==, "Backend, 45 min|Frontend|Mobile");
  g_clear_pointer (&names, g_free);
  g_assert_null (viva_interview_templates_restore (path, frontend, 0, &error));
  g_assert_error (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  /* Past the end of a list that shrank meanwhile: last. */
  g_clear_pointer (&load, viva_interview_templates_load_free);
  load = viva_interview_templates_delete (path, "Frontend", &error);
  g_assert_no_error (error);
  g_clear_pointer (&load, viva_interview_templates_load_free);
  load = viva_interview_templates_delete (path, "Mobile", &error);
  g_assert_no_error (error);
  g_clear_pointer (&load, viva_interview_templates_load_free);
  load = viva_interview_templates_restore (path, frontend, 2, &error);
  g_assert_no_error (error);
  g_clear_pointer (&load, viva_interview_templates_load_free);
  names = template_names (path);
  g_assert_cmpstr (names, ==, "Backend, 45 min|Frontend");
  g_clear_pointer (&names, g_free);
  g_object_unref (frontend);

  /* A file from a newer version is neither renamed in nor deleted from. */
  write_file (path, newer, -1);
  before = read_file (path);
  g_assert_null (viva_interview_templates_rename (path, "Kept", "Mine", &error));
  g_assert_error (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_null (viva_interview_templates_delete (path, "Kept", &error));
  g_assert_error (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_null (viva_interview_templates_restore (path, backend, 0, &error));
  g_assert_error (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  assert_file_unchanged (path, before);
}

/* The same edits in a thread, finished by one function. */
static void
test_template_edits_async (void)
{
  g_autofree char *path = viva_interview_templates_dup_default_path ();
  g_autoptr(VivaInterviewTemplate) backend = viva_interview_template_new ("Backend");
  g_autoptr(VivaInterviewTemplate) frontend = viva_interview_template_new ("Frontend");
  g_autoptr(VivaInterviewTemplatesLoad) load = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;

  g_clear_pointer (&load, viva_interview_templates_load_free);
  load = viva_interview_templates_add (path, backend, &error);
  g_assert_no_error (error);
  g_clear_pointer (&load, viva_interview_templates_load_free);
  load = viva_interview_templates_add (path, frontend, &error);
  g_assert_no_error (error);
  g_clear_pointer (&load, viva_interview_templates_load_free);

  viva_interview_templates_rename_async (path, "Backend", "Backend, 45 min", NULL, store_result_cb, &result);
  wait_until (has_result, &result, "the rename");
  load = viva_interview_templates_save_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (viva_interview_template_get_name (g_ptr_array_index (load->templates, 0)), ==, "Backend, 45 min");
  g_clear_pointer (&load, viva_interview_templates_load_free);
  g_clear_object (&result);

  viva_interview_templates_rename_async (path, "Frontend", "Backend, 45 min", NULL, store_result_cb, &result);
  wait_until (has_result, &result, "the refused rename");
  g_assert_null (viva_interview_templates_save_finish (result, &error));
  g_assert_error (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_clear_object (&result);

  viva_interview_templates_delete_async (path, "Backend, 45 min", NULL, store_result_cb, &result);
  wait_until (has_result, &result, "the delete");
  load = viva_interview_templates_save_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (load->templates->len, ==, 1);
  g_clear_pointer (&load, viva_interview_templates_load_free);
  g_clear_object (&result);

  viva_interview_templates_restore_async (path, backend, 0, NULL, store_result_cb, &result);
  wait_until (has_result, &result, "the undo");
  load = viva_interview_templates_save_finish (result, &error);
  g_assert_no_error (error);
  g_clear_pointer (&load, viva_interview_templates_load_free);
  g_clear_object (&result);

  names = template_names (path);
  g_assert_cmpstr (names, ==, "Backend|Frontend");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/interview/ratings", test_ratings);
  g_test_add_func ("/interview/fields", test_fields);
  g_test_add_func ("/interview/plan/editing", test_plan_editing);
  g_test_add_func ("/interview/plan/cap", test_plan_cap);
  g_test_add_func ("/interview/plan/append-question", test_append_question);
  g_test_add_func ("/interview/plan/current-follows-item", test_current_follows_item);
  g_test_add_func ("/interview/plan/list-model", test_plan_list_model);
  g_test_add_func ("/interview/clock", test_clock);
  g_test_add_func ("/interview/clock/steps-back", test_clock_steps_back);
  g_test_add_func ("/interview/stamp/item-notes", test_stamp_item_notes);
  g_test_add_func ("/interview/stamp/format", test_stamp_format);
  g_test_add_func ("/interview/stamp/paragraphs", test_stamp_paragraphs);
  g_test_add_func ("/interview/stamp/typing", test_stamp_typing);
  g_test_add_func ("/interview/stamp/edits", test_stamp_edits);
  g_test_add_func ("/interview/stamp/fences", test_stamp_fences);
  g_test_add_func ("/interview/stamp/code-run", test_stamp_code_run);
  g_test_add_func ("/interview/stamp/separator", test_stamp_separator);

  g_test_add_func ("/interview/file/mutations", test_file_mutations);
  g_test_add_func ("/interview/file/plan-item-edges", test_file_plan_item_edges);
  g_test_add_func ("/interview/markdown", test_markdown);
  g_test_add_func ("/interview/markdown/overtime", test_markdown_overtime);
  g_test_add_func ("/interview/markdown/split-fences", test_markdown_split_fences);
  g_test_add_func ("/interview/markdown/code-fences", test_markdown_code_fences);
  g_test_add_func ("/interview/markdown/fences-any-text", test_markdown_fences_any_text);
  g_test_add_func ("/interview/store/round-trip", test_store_round_trip);
  g_test_add_func ("/interview/store/without-bank", test_store_without_bank);
  g_test_add_func ("/interview/store/resume", test_store_resume);
  g_test_add_func ("/interview/store/damaged-among-good", test_store_damaged_among_good);
  g_test_add_func ("/interview/store/future-version", test_store_future_version);
  g_test_add_func ("/interview/store/autosave-search-delete", test_store_autosave_search_delete);
  g_test_add_func ("/interview/store/code/round-trip", test_store_code_round_trip);
  g_test_add_func ("/interview/store/code/older-viva", test_store_code_older_viva);
  g_test_add_func ("/interview/store/code/in-version-1", test_store_code_in_version_1);
  g_test_add_func ("/interview/store/code/damaged", test_store_code_damaged);

  g_test_add_func ("/interview/template/round-trip", test_template_round_trip);
  g_test_add_func ("/interview/template/damaged-and-future", test_template_damaged_and_future);
  g_test_add_func ("/interview/template/validation", test_template_validation);
  g_test_add_func ("/interview/template/async", test_template_async);
  g_test_add_func ("/interview/template/edit-holds-application", test_template_edit_holds_application);
  g_test_add_func ("/interview/template/check-name", test_template_check_name);
  g_test_add_func ("/interview/template/rename-delete", test_template_rename_delete);
  g_test_add_func ("/interview/template/edits-async", test_template_edits_async);
  g_test_add_func ("/interview/template/version-too-large", test_template_version_too_large);

  return g_test_run ();
}
