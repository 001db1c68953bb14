/* viva-notes-store-memory.c
 *
 * Recomputing every note's FSRS memory when the parameters change.
 *
 * Replaying 100,000 histories of 20 reviews takes seconds
 * (build-aux/bench), too long for the main loop. So the histories are
 * copied on the main loop, replayed in a GTask thread, and the results
 * applied back on the main loop in idle chunks, where a note that
 * changed meanwhile (a grade given while the thread ran, a file merged
 * from disk) is replayed again from what it holds now: a newer review
 * is never overwritten with a memory computed without it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-note-private.h"
#include "viva-notes-store-private.h"

typedef struct
{
  /* Owned; dropped on the main thread (see memory_job_free()) */
  VivaNote        *note;
  /* The note's state and history when they were copied */
  VivaReviewState  review;
  VivaReviewEntry *history;
  guint            n_history;
  /* The history before the review that can be undone, or NULL */
  GArray          *undo_history;
  /* What the thread replayed */
  VivaReviewState  replayed;
  VivaReviewState  undo_replayed;
} MemoryItem;

typedef struct
{
  VivaSchedulerConfig  config;
  GTimeZone           *tz;
  MemoryItem          *items;
  guint                n_items;
  guint                n_applied;
  GApplication        *application;
} MemoryJob;

static void
memory_job_free (MemoryJob *job)
{
  for (guint i = 0; i < job->n_items; i++)
    {
      g_clear_object (&job->items[i].note);
      g_free (job->items[i].history);
      g_clear_pointer (&job->items[i].undo_history, g_array_unref);
    }
  g_free (job->items);
  g_clear_pointer (&job->tz, g_time_zone_unref);
  viva_file_saver_release_application (g_steal_pointer (&job->application));
  g_free (job);
}

static void
recompute_memory_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  MemoryJob *job = task_data;

  for (guint i = 0; i < job->n_items; i++)
    {
      MemoryItem *item = &job->items[i];

      if (i % 1024 == 0 && g_task_return_error_if_cancelled (task))
        return;

      viva_scheduler_replay (&job->config, item->history, item->n_history, &item->replayed);
      if (item->undo_history != NULL)
        viva_scheduler_replay (&job->config,
                               (const VivaReviewEntry *) (gpointer) item->undo_history->data,
                               item->undo_history->len, &item->undo_replayed);
    }

  g_task_return_boolean (task, TRUE);
}

/* Ends @task, with @error (taken) or success. */
static void
recompute_memory_complete (GTask  *task,
                           GError *error)
{
  VivaNotesStore *self = g_task_get_source_object (task);

  self->recomputing_memory--;

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Applies the next MEMORY_APPLY_CHUNK results. At 100,000 notes,
 * applying them all at once held the main loop for 0.3 s (each note's
 * "due" notification is what the saver, the load balancer's day counts
 * and the views follow); an idle at a lower priority than drawing keeps
 * the window responsive between chunks. */
#define MEMORY_APPLY_CHUNK 2048

static gboolean
recompute_memory_apply_cb (gpointer user_data)
{
  GTask *task = user_data;
  VivaNotesStore *self = g_task_get_source_object (task);
  MemoryJob *job = g_task_get_task_data (task);
  GError *error = NULL;
  guint end = MIN (job->n_applied + MEMORY_APPLY_CHUNK, job->n_items);

  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    {
      recompute_memory_complete (task, error);
      return G_SOURCE_REMOVE;
    }

  /* Parameters changed again since the copy: this memory is already
   * stale, and whoever changed them started another recomputation. */
  if (memcmp (job->config.w, self->scheduler_config.w, sizeof job->config.w) != 0)
    {
      recompute_memory_complete (task, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                    "The FSRS parameters changed again"));
      return G_SOURCE_REMOVE;
    }

  for (; job->n_applied < end; job->n_applied++)
    {
      MemoryItem *item = &job->items[job->n_applied];
      VivaNote *note = item->note;
      gboolean unchanged;

      /* A note the store let go of (a reload that emptied it) is no
       * longer the user's. */
      if (_viva_notes_store_find_note (self, viva_note_get_bank_id (note),
                                       viva_note_get_number (note)) != note)
        continue;

      /* Graded, undone or merged from disk since its history was
       * copied: replayed again from what it holds now. */
      unchanged = _viva_note_review_equal (note, &item->review, item->history, item->n_history);
      _viva_note_recompute_memory (note, &self->scheduler_config,
                                   unchanged ? &item->replayed : NULL,
                                   unchanged && item->undo_history != NULL ? &item->undo_replayed : NULL);
    }

  if (job->n_applied < job->n_items)
    return G_SOURCE_CONTINUE;

  recompute_memory_complete (task, NULL);
  return G_SOURCE_REMOVE;
}

static void
recompute_memory_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GSource *source;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      recompute_memory_complete (task, error);
      return;
    }

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_name (source, "[viva] apply recomputed memory");
  g_source_set_callback (source, recompute_memory_apply_cb, g_steal_pointer (&task), g_object_unref);
  g_source_attach (source, g_main_context_get_thread_default ());
  g_source_unref (source);
}

/**
 * viva_notes_store_recompute_memory_async:
 * @self: a store
 * @cancellable: (nullable): to stop it
 * @callback: called when every note's memory is recomputed
 * @user_data: for @callback
 *
 * Replays every note's history with the store's scheduler configuration
 * (viva_notes_store_set_scheduler_config()), for when its FSRS
 * parameters changed (the context does it when Optimize or Reset to
 * Defaults changed them): each note's stability and difficulty become
 * what the new parameters give, and nothing else changes; see
 * _viva_note_recompute_memory(). The replay runs in a thread; the notes
 * change on the main loop, through their "due" notification, so that
 * the store saves them all in one write and the views redraw. A note
 * graded while the thread ran is replayed again with its new review.
 * The application is held until it is done, so that quitting then does
 * not lose it.
 *
 * Fails with %VIVA_NOTES_STORE_ERROR_READ_ONLY on a read-only store,
 * %G_IO_ERROR_NOT_INITIALIZED on one not loaded yet (or still
 * loading), and
 * with %G_IO_ERROR_CANCELLED when cancelled or when the parameters
 * changed again before it finished.
 */
void
viva_notes_store_recompute_memory_async (VivaNotesStore      *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) thread_task = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  MemoryJob *job;

  g_return_if_fail (VIVA_IS_NOTES_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, viva_notes_store_recompute_memory_async);

  /* Nothing to replay, and the save that follows would write over a
   * file never read. */
  if (!self->loaded || self->loading)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               "The notes are not loaded");
      return;
    }

  if (viva_notes_store_get_read_only (self))
    {
      g_task_return_new_error (task, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_READ_ONLY,
                               "The notes are read-only");
      return;
    }

  job = g_new0 (MemoryJob, 1);
  job->config = self->scheduler_config;
  /* The thread must not count due notes (the store is not thread-safe)
   * and must not look up the local zone at every replay: once here. */
  job->config.due_count = NULL;
  job->config.due_count_data = NULL;
  if (job->config.tz == NULL)
    job->config.tz = job->tz = g_time_zone_new_local ();

  notes = viva_notes_store_list_reviewed_notes (self);
  job->items = g_new0 (MemoryItem, notes->len);
  job->n_items = notes->len;
  for (guint i = 0; i < notes->len; i++)
    {
      MemoryItem *item = &job->items[i];
      const VivaReviewEntry *history;

      item->note = g_object_ref (g_ptr_array_index (notes, i));
      item->review = *viva_note_get_review_state (item->note);
      history = viva_note_get_history (item->note, &item->n_history);
      item->history = g_memdup2 (history, item->n_history * sizeof (VivaReviewEntry));
      item->undo_history = _viva_note_dup_undo_history (item->note);
    }

  job->application = viva_file_saver_hold_application ();
  self->recomputing_memory++;

  /* The job is the outer task's, which is only ever let go of on the
   * main thread: the notes it holds must be unreferenced there. The
   * thread borrows it until its callback ran. */
  g_task_set_task_data (task, job, (GDestroyNotify) memory_job_free);
  thread_task = g_task_new (NULL, cancellable, recompute_memory_cb, g_steal_pointer (&task));
  g_task_set_source_tag (thread_task, viva_notes_store_recompute_memory_async);
  g_task_set_task_data (thread_task, job, NULL);
  g_task_run_in_thread (thread_task, recompute_memory_thread);
}

/**
 * viva_notes_store_recompute_memory_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: where to put an error
 *
 * Returns: %TRUE if every note's memory was recomputed
 */
gboolean
viva_notes_store_recompute_memory_finish (VivaNotesStore  *self,
                                          GAsyncResult    *result,
                                          GError         **error)
{
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * viva_notes_store_get_recomputing_memory:
 * @self: a store
 *
 * Returns: whether a recomputation of the notes' memory is running
 */
gboolean
viva_notes_store_get_recomputing_memory (VivaNotesStore *self)
{
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), FALSE);

  return self->recomputing_memory > 0;
}
