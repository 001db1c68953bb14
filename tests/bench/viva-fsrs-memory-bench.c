/* viva-fsrs-memory-bench.c
 *
 * build-aux/bench's figure for recomputing every note's FSRS memory
 * when the parameters change (viva_notes_store_recompute_memory_async):
 * a store of N notes with 20 reviews each, new parameters, then the
 * wall time until every note has its new memory, and how long the main
 * loop is held on the way: copying the histories before the thread
 * starts, and the longest dispatch after (a chunk of results applied),
 * which is what a user would feel. The notes' "note-changed" listeners of the real window
 * (sidebar, progress) are not connected here. Prints key=value lines;
 * asserts nothing.
 *
 *   viva-fsrs-memory-bench [NOTES...]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "viva-fsrs.h"
#include "viva-note-private.h"
#include "viva-notes-store-private.h"

#define REVIEWS_PER_NOTE 20

/* 2025-01-06 09:00 UTC */
#define START (G_GINT64_CONSTANT (1736154000) * G_USEC_PER_SEC)

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean *done = user_data;

  if (!viva_notes_store_recompute_memory_finish (VIVA_NOTES_STORE (object), result, &error))
    g_printerr ("%s\n", error->message);
  *done = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GError) dir_error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("viva-memory-bench-XXXXXX", &dir_error);

  if (dir == NULL)
    g_error ("%s", dir_error->message);

  for (int a = 1; a < MAX (argc, 2); a++)
    {
      guint n_notes = a < argc ? (guint) g_ascii_strtoull (argv[a], NULL, 10) : 10000;
      g_autofree char *path = g_strdup_printf ("%s/notes-%u.json", dir, n_notes);
      g_autoptr(VivaNotesStore) store = viva_notes_store_new (path);
      VivaSchedulerConfig config = *viva_notes_store_get_scheduler_config (store);
      gint64 start, dispatch_max = 0, call_usec, wall_usec;
      gboolean done = FALSE;
      guint32 seed = 12345;

      viva_notes_store_load (store, NULL);
      /* One zone for building the notes: the local one is looked up at
       * every review otherwise (viva-scheduler.h). */
      config.tz = utc;
      viva_notes_store_set_scheduler_config (store, &config);
      viva_notes_store_set_autosave_delay (store, G_MAXUINT / 2);

      /* Each history is built on a note of no store and loaded into
       * the store's, as a file is read: a note reviewed in this process
       * would also have a review to undo, which costs a second replay. */
      for (guint n = 0; n < n_notes; n++)
        {
          g_autoptr(VivaNote) scratch = viva_note_new ("bench", n + 1);
          VivaNote *note = viva_notes_store_get_note (store, "bench", n + 1);
          const VivaReviewEntry *history;
          gint64 time = START + (n % 1000) * G_TIME_SPAN_MINUTE;
          guint n_history;

          _viva_note_set_scheduler_config (scratch, &config);
          for (guint i = 0; i < REVIEWS_PER_NOTE; i++)
            {
              seed = seed * 1664525u + 1013904223u;
              viva_note_review (scratch, VIVA_REVIEW_GRADE_AGAIN + (seed >> 28) % 4,
                                VIVA_REVIEW_SOURCE_REVIEW, time);
              time += (1 + (seed >> 12) % 20) * G_TIME_SPAN_DAY;
            }
          history = viva_note_get_history (scratch, &n_history);
          _viva_note_load (note, "", VIVA_STATUS_NEW, FALSE, time,
                           viva_note_get_review_state (scratch), history, n_history);
        }

      for (guint i = 0; i < VIVA_FSRS_N_PARAMS; i++)
        config.w[i] = viva_fsrs_default_parameters[i] * (i % 2 ? 1.05 : 0.95);
      viva_notes_store_set_scheduler_config (store, &config);

      /* Counted once, as the app has by then (Review's load balancing,
       * the progress page): a count made at the first note applied
       * would be timed as applying. */
      viva_notes_store_count_due_on_day (START, store);

      start = g_get_monotonic_time ();
      viva_notes_store_recompute_memory_async (store, NULL, done_cb, &done);
      call_usec = g_get_monotonic_time () - start;
      while (!done)
        {
          gint64 before = g_get_monotonic_time ();

          /* Without blocking, so that only dispatching is timed (the
           * results applied, the tasks' callbacks), not the wait for
           * the thread. */
          if (g_main_context_iteration (NULL, FALSE))
            dispatch_max = MAX (dispatch_max, g_get_monotonic_time () - before);
          else
            g_usleep (500);
        }
      wall_usec = g_get_monotonic_time () - start;

      g_print ("%u.notes=%u\n", n_notes, n_notes);
      g_print ("%u.reviews=%u\n", n_notes, n_notes * REVIEWS_PER_NOTE);
      g_print ("%u.copy-ms=%.1f\n", n_notes, call_usec / 1000.0);
      g_print ("%u.wall-ms=%.1f\n", n_notes, wall_usec / 1000.0);
      g_print ("%u.dispatch-max-ms=%.1f\n", n_notes, dispatch_max / 1000.0);

      /* Not saved: the bench's file goes with the directory. */
      viva_notes_store_set_autosave_delay (store, 0);
      {
        g_autoptr(GError) error = NULL;

        if (!viva_notes_store_flush (store, &error))
          g_print ("%u.save-error=%s\n", n_notes, error->message);
      }
      g_unlink (path);
      {
        g_autofree char *bak = g_strconcat (path, ".bak", NULL);
        g_unlink (bak);
      }
    }

  g_rmdir (dir);

  return 0;
}
