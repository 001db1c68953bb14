/* test-interview.c
 *
 * Interviewer mode without a display: the interview model and its plan,
 * the ratings, the clock, and the time stamps of the notes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-bank.h"
#include "viva-clock.h"
#include "viva-interview.h"
#include "viva-question.h"

#define MINUTES(n) ((gint64) (n) * 60 * G_USEC_PER_SEC)
#define SECONDS(n) ((gint64) (n) * G_USEC_PER_SEC)

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
                            viva_interview_get_item (interview, i)->number);

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
  g_assert_cmpstr (viva_interview_get_item (interview, 2)->text, ==, "Two?");
  g_assert_cmpint (viva_interview_get_item (interview, 2)->budget, ==, MINUTES (5));
  g_assert_cmpstr (viva_interview_get_item (interview, 2)->notes, ==, "");

  g_assert_true (viva_interview_set_item_budget (interview, 0, MINUTES (10)));
  g_assert_cmpint (viva_interview_get_item (interview, 0)->budget, ==, MINUTES (10));
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
  g_assert_cmpuint (strlen (viva_interview_get_item (interview, 0)->text), <=, VIVA_INTERVIEW_QUESTION_MAX_SIZE);
  g_assert_true (g_str_has_suffix (viva_interview_get_item (interview, 0)->text, "…"));
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
  g_assert_cmpuint (viva_interview_get_item (interview, 0)->number, ==, 7);
  g_assert_cmpstr (viva_interview_get_item (interview, 0)->text, ==, viva_question_get_text (question));
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
  g_assert_cmpuint (viva_interview_get_item (interview, 2)->number, ==, 2);
  g_assert_true (viva_interview_remove (interview, 2));
  g_assert_cmpuint (viva_interview_get_current (interview), ==, 2);
  g_assert_true (viva_interview_remove (interview, 2));
  g_assert_cmpuint (viva_interview_get_current (interview), ==, 1);
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
  g_assert_cmpint (viva_interview_get_item (interview, 0)->spent, ==, SECONDS (90));
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
  g_assert_cmpint (viva_interview_get_item (interview, 1)->spent, ==, SECONDS (35) + MINUTES (45));
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
  g_assert_true (viva_interview_start (interview));
  viva_clock_advance (clock, SECONDS (65) + 999999);

  g_assert_true (viva_interview_stamp_item_notes (interview, 0, "G"));
  g_assert_cmpstr (viva_interview_get_item (interview, 0)->notes, ==, "[01:05] G");
  viva_clock_advance (clock, SECONDS (10));
  g_assert_true (viva_interview_stamp_item_notes (interview, 0, "[01:05] Good\n\nB"));
  g_assert_cmpstr (viva_interview_get_item (interview, 0)->notes, ==, "[01:05] Good\n\n[01:15] B");
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
  g_test_add_func ("/interview/clock", test_clock);
  g_test_add_func ("/interview/stamp/item-notes", test_stamp_item_notes);
  g_test_add_func ("/interview/stamp/format", test_stamp_format);
  g_test_add_func ("/interview/stamp/paragraphs", test_stamp_paragraphs);
  g_test_add_func ("/interview/stamp/typing", test_stamp_typing);
  g_test_add_func ("/interview/stamp/edits", test_stamp_edits);

  return g_test_run ();
}
