/* viva-review-queue.c
 *
 * How a day of Review is made up, as in Anki:
 *
 *  - First the questions due today (viva_review_state_is_due()), the most
 *    overdue first.
 *  - Then new questions, in the bank's order, at most new_per_day a day.
 *  - Last, the questions answered Again minutes ago whose ten minutes
 *    have not passed yet, so that others come in between.
 *  - At most daily_limit different questions a day in all. A question
 *    answered Again comes back the same day without counting twice, and
 *    without being cut off by the limit once it was started.
 *
 * What "already today" means comes from the history kept in the notes,
 * so the limits hold across restarts and across the two Vivas that may
 * share the notes. Only Review's own grades count towards them: a mock
 * interview is practice the user chose on top.
 *
 * When the day is done, viva_review_counts_dup_summary() says so in
 * words: what was reviewed, what the limit held back, and when Review
 * has questions again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-bank.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-question.h"
#include "viva-review-queue.h"

typedef struct
{
  VivaQuestion *question;
  gint64        due;
  guint         position;
  gboolean      later;
  gboolean      started;
} DueQuestion;

/* Whether Review asked the question today, and whether the first review
 * it ever had was that. */
static void
count_today (VivaNote            *note,
             const VivaReviewDay *day,
             gboolean            *reviewed_today,
             gboolean            *new_today)
{
  const VivaReviewEntry *history;
  guint n;

  *reviewed_today = FALSE;
  *new_today = FALSE;

  history = viva_note_get_history (note, &n);

  /* Newest first: a long history stops at yesterday. */
  for (guint i = n; i > 0; i--)
    {
      const VivaReviewEntry *entry = &history[i - 1];

      if (entry->time < day->start)
        break;

      if (entry->source == VIVA_REVIEW_SOURCE_REVIEW && viva_review_day_contains (day, entry->time))
        *reviewed_today = TRUE;
    }

  /* When the history is full, its oldest entry may not be the first
   * review; a question with a hundred reviews today counts as new today,
   * which only errs towards fewer new questions. */
  *new_today = n > 0 &&
               history[0].source == VIVA_REVIEW_SOURCE_REVIEW &&
               viva_review_day_contains (day, history[0].time);
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const DueQuestion *da = a;
  const DueQuestion *db = b;

  if (da->later != db->later)
    return da->later ? 1 : -1;

  if (da->due != db->due)
    return da->due < db->due ? -1 : 1;

  return da->position < db->position ? -1 : da->position > db->position;
}

static void
clear_due_question (gpointer data)
{
  DueQuestion *due = data;

  g_clear_object (&due->question);
}

/**
 * viva_review_queue_build:
 * @notes: the notes store
 * @bank_id: the bank's id, as the notes know it
 * @questions: (element-type VivaQuestion): the bank's questions, in the
 *   order new ones should come
 * @day: today, from viva_review_day_init() with the time now
 * @daily_limit: the most different questions to answer in Review a
 *   day (the "review-daily-limit" setting)
 * @new_per_day: the most new questions to start a day (the
 *   "review-new-per-day" setting)
 * @out_counts: (out caller-allocates) (optional): what the queue was
 *   built from
 *
 * Builds what is left of today's Review, by the rules at the top of this
 * file. Call it again after each answer, or when the notes change: it
 * reads everything from the notes. It goes through every question, some
 * 15 ms for a bank of 100,000 (test-review-queue -m perf); for "N due
 * today" alone, viva_notes_store_count_due() goes through the notes
 * only.
 *
 * Returns: (transfer full) (element-type VivaQuestion): the questions to
 *   ask, in order; empty when there is nothing left for today
 */
GPtrArray *
viva_review_queue_build (VivaNotesStore      *notes,
                         const char          *bank_id,
                         GListModel          *questions,
                         const VivaReviewDay *day,
                         guint                daily_limit,
                         guint                new_per_day,
                         VivaReviewCounts    *out_counts)
{
  g_autoptr(GArray) due = NULL;
  g_autoptr(GArray) unseen = NULL;
  GPtrArray *queue;
  VivaReviewCounts counts = { 0 };
  guint n_questions;
  guint remaining;
  guint new_remaining;

  g_return_val_if_fail (VIVA_IS_NOTES_STORE (notes), NULL);
  g_return_val_if_fail (bank_id != NULL, NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (questions), NULL);
  g_return_val_if_fail (day != NULL, NULL);

  due = g_array_new (FALSE, FALSE, sizeof (DueQuestion));
  g_array_set_clear_func (due, clear_due_question);
  unseen = g_array_new (FALSE, FALSE, sizeof (guint));
  queue = g_ptr_array_new_with_free_func (g_object_unref);

  n_questions = g_list_model_get_n_items (questions);

  for (guint i = 0; i < n_questions; i++)
    {
      g_autoptr(VivaQuestion) question = g_list_model_get_item (questions, i);
      VivaNote *note = viva_notes_store_lookup_note (notes, bank_id, viva_question_get_number (question));
      const VivaReviewState *state;
      gboolean reviewed_today, new_today;

      if (note == NULL || viva_review_state_is_new (viva_note_get_review_state (note)))
        {
          counts.unseen++;
          g_array_append_val (unseen, i);
          continue;
        }

      count_today (note, day, &reviewed_today, &new_today);
      counts.reviewed_today += reviewed_today;
      counts.new_today += new_today;

      state = viva_note_get_review_state (note);
      if (viva_review_state_is_due (state, day))
        {
          DueQuestion entry = {
            .question = g_steal_pointer (&question),
            .due = state->due,
            .position = i,
            .later = viva_review_state_is_learning (state) && state->due > day->now,
            .started = reviewed_today,
          };

          counts.due++;
          g_array_append_val (due, entry);
        }
    }

  g_array_sort (due, compare_due);

  remaining = daily_limit > counts.reviewed_today ? daily_limit - counts.reviewed_today : 0;

  /* Places within the daily limit go to the due questions first, in
   * the order above (those coming back later last), then to new ones. */
  for (guint i = 0; i < due->len; i++)
    {
      DueQuestion *entry = &g_array_index (due, DueQuestion, i);

      if (!entry->started)
        {
          if (remaining == 0)
            {
              g_clear_object (&entry->question);
              continue;
            }
          remaining--;
        }

      counts.queued_due++;
    }

  for (guint i = 0; i < due->len; i++)
    {
      const DueQuestion *entry = &g_array_index (due, DueQuestion, i);

      if (entry->question != NULL && !entry->later)
        g_ptr_array_add (queue, g_object_ref (entry->question));
    }

  new_remaining = new_per_day > counts.new_today ? new_per_day - counts.new_today : 0;
  new_remaining = MIN (new_remaining, remaining);

  for (guint i = 0; i < unseen->len && counts.queued_new < new_remaining; i++)
    {
      g_ptr_array_add (queue, g_list_model_get_item (questions, g_array_index (unseen, guint, i)));
      counts.queued_new++;
    }

  for (guint i = 0; i < due->len; i++)
    {
      const DueQuestion *entry = &g_array_index (due, DueQuestion, i);

      if (entry->question != NULL && entry->later)
        g_ptr_array_add (queue, g_object_ref (entry->question));
    }

  if (out_counts != NULL)
    *out_counts = counts;

  return queue;
}

/**
 * viva_review_counts_get_over_limit:
 * @counts: what a queue was built from
 *
 * Returns: how many questions due today the daily limit left out
 */
guint
viva_review_counts_get_over_limit (const VivaReviewCounts *counts)
{
  g_return_val_if_fail (counts != NULL, 0);

  return counts->due > counts->queued_due ? counts->due - counts->queued_due : 0;
}

/* "3 questions are due tomorrow.": the first day after @today with
 * questions due, and how many; NULL when none is scheduled. The notes
 * of questions @bank lacks (deleted ones, whose notes are kept) are not
 * due: Review will never ask them. */
static char *
dup_next_due (VivaNotesStore      *notes,
              const char          *bank_id,
              VivaBank            *bank,
              const VivaReviewDay *today)
{
  g_autoptr(GPtrArray) list = viva_notes_store_list_notes (notes, bank_id);
  VivaReviewDay next_day;
  gint64 next = G_MAXINT64;
  guint n = 0;

  if (bank != NULL)
    {
      for (guint i = list->len; i > 0; i--)
        {
          if (viva_bank_lookup_question (bank, viva_note_get_number (g_ptr_array_index (list, i - 1))) == NULL)
            g_ptr_array_remove_index_fast (list, i - 1);
        }
    }

  for (guint i = 0; i < list->len; i++)
    {
      const VivaReviewState *state = viva_note_get_review_state (g_ptr_array_index (list, i));

      if (!viva_review_state_is_new (state) && state->due >= today->end)
        next = MIN (next, state->due);
    }

  if (next == G_MAXINT64)
    return NULL;

  viva_review_day_init (&next_day, next, NULL, VIVA_REVIEW_DAY_START_HOUR);

  for (guint i = 0; i < list->len; i++)
    {
      const VivaReviewState *state = viva_note_get_review_state (g_ptr_array_index (list, i));

      if (!viva_review_state_is_new (state) && state->due >= today->end && state->due < next_day.end)
        n++;
    }

  if (next_day.start <= today->end)
    return g_strdup_printf (ngettext ("%u question is due tomorrow.",
                                      "%u questions are due tomorrow.", n), n);
  else
    {
      g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (next_day.start / G_USEC_PER_SEC);
      /* Translators: a day, see g_date_time_format(): "Friday 15 March". */
      g_autofree char *date = g_date_time_format (start, _("%A %-d %B"));

      /* Translators: %s is a day, "Friday 15 March". */
      return g_strdup_printf (ngettext ("%u question is due on %s.",
                                        "%u questions are due on %s.", n), n, date);
    }
}

/**
 * viva_review_counts_dup_summary:
 * @counts: what today's queue was built from, once it is empty
 * @notes: the notes
 * @bank_id: the bank reviewed
 * @bank: (nullable): that bank, whose questions alone count; %NULL:
 *   every note of @bank_id
 * @today: the Review day
 *
 * What "All caught up" says: what was reviewed today, how many due
 * questions the daily limit left out, and when the next ones are due.
 *
 * Returns: (transfer full): the sentences
 */
char *
viva_review_counts_dup_summary (const VivaReviewCounts *counts,
                                VivaNotesStore         *notes,
                                const char             *bank_id,
                                VivaBank               *bank,
                                const VivaReviewDay    *today)
{
  g_autoptr(GString) message = g_string_new (NULL);
  g_autofree char *next = NULL;
  guint over;

  g_return_val_if_fail (counts != NULL, NULL);
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (notes), NULL);
  g_return_val_if_fail (bank_id != NULL, NULL);
  g_return_val_if_fail (today != NULL, NULL);

  over = viva_review_counts_get_over_limit (counts);

  if (counts->reviewed_today > 0)
    g_string_append_printf (message,
                            ngettext ("You reviewed %u question today.",
                                      "You reviewed %u questions today.",
                                      counts->reviewed_today),
                            counts->reviewed_today);
  else
    g_string_append (message, _("Nothing is due today."));

  if (over > 0)
    {
      g_string_append_c (message, ' ');
      g_string_append_printf (message,
                              ngettext ("%u more question is due, over your daily limit.",
                                        "%u more questions are due, over your daily limit.",
                                        over),
                              over);
    }

  next = dup_next_due (notes, bank_id, bank, today);
  if (next != NULL)
    {
      g_string_append_c (message, ' ');
      g_string_append (message, next);
    }

  return g_string_free (g_steal_pointer (&message), FALSE);
}
