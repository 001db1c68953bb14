/* test-file-saver.c
 *
 * The one save engine on its own, with a store that keeps its "file" in
 * memory and whose writes wait at a gate the test opens: what the notes,
 * mock interview and interview stores rely on, without their formats.
 * The stores' own suites test the same rules through them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "viva-file-saver.h"

typedef struct
{
  GObject            *owner;
  VivaFileSaver      *saver;

  /* The store's state, on the main thread */
  char               *value;
  guint               n_status_changed;
  guint               n_finished;
  gboolean            read_only;
  VivaFileSaverResult next_result;
  gboolean            fail_writes;

  /* The "file", written in the worker thread */
  GMutex              mutex;
  GCond               cond;
  char               *disk;
  guint               n_writes;
  guint               n_started;
  guint               n_allowed;
  gboolean            writing;
} Fixture;

typedef struct
{
  Fixture *fixture;
  char    *value;
  gboolean fail;
} Job;

static gpointer
fake_snapshot (gpointer user_data)
{
  Fixture *f = user_data;
  Job *job = g_new0 (Job, 1);

  job->fixture = f;
  job->value = g_strdup (f->value);
  job->fail = f->fail_writes;

  return job;
}

static gboolean
fake_write (gpointer   data,
            GError   **error)
{
  Job *job = data;
  Fixture *f = job->fixture;

  g_mutex_lock (&f->mutex);
  f->n_started++;
  f->writing = TRUE;
  g_cond_broadcast (&f->cond);
  while (f->n_started > f->n_allowed)
    g_cond_wait (&f->cond, &f->mutex);
  f->writing = FALSE;

  if (job->fail)
    {
      g_mutex_unlock (&f->mutex);
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC, "No space left");
      return FALSE;
    }

  g_free (f->disk);
  f->disk = g_strdup (job->value);
  f->n_writes++;
  g_mutex_unlock (&f->mutex);

  return TRUE;
}

static void
fake_free_job (gpointer data)
{
  Job *job = data;

  g_free (job->value);
  g_free (job);
}

static VivaFileSaverResult
fake_finish (gpointer       user_data,
             gpointer       data,
             const GError  *write_error,
             GError       **error)
{
  Fixture *f = user_data;
  VivaFileSaverResult result = f->next_result;

  f->n_finished++;

  if (write_error != NULL)
    {
      g_propagate_error (error, g_error_copy (write_error));
      return VIVA_FILE_SAVER_FAILED;
    }

  /* One answer at a time, then writes succeed again. */
  f->next_result = VIVA_FILE_SAVER_WROTE;

  if (result == VIVA_FILE_SAVER_DROPPED)
    {
      f->read_only = TRUE;
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY, "Newer on disk");
    }

  return result;
}

static gboolean
fake_can_write (gpointer user_data)
{
  Fixture *f = user_data;

  return !f->read_only;
}

static GError *
fake_cannot_write_error (gpointer user_data)
{
  return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_READ_ONLY, "Read-only");
}

static void
fake_status_changed (gpointer user_data)
{
  Fixture *f = user_data;

  f->n_status_changed++;
}

static const VivaFileSaverFuncs fake_funcs = {
  .snapshot = fake_snapshot,
  .write = fake_write,
  .free_job = fake_free_job,
  .finish = fake_finish,
  .can_write = fake_can_write,
  .cannot_write_error = fake_cannot_write_error,
  .status_changed = fake_status_changed,
};

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_mutex_init (&f->mutex);
  g_cond_init (&f->cond);
  f->owner = g_object_new (G_TYPE_OBJECT, NULL);
  f->saver = viva_file_saver_new (&fake_funcs, f->owner, f, NULL);
  f->value = g_strdup ("first");
  f->next_result = VIVA_FILE_SAVER_WROTE;
  f->n_allowed = G_MAXUINT;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->saver);
  g_assert_finalize_object (f->owner);
  g_free (f->value);
  g_free (f->disk);
  g_mutex_clear (&f->mutex);
  g_cond_clear (&f->cond);
}

static void
set_value (Fixture    *f,
           const char *value)
{
  g_free (f->value);
  f->value = g_strdup (value);
  viva_file_saver_changed (f->saver);
}

/* A closed gate stops every write that starts from now on. */
static void
set_gate (Fixture  *f,
          gboolean  open)
{
  g_mutex_lock (&f->mutex);
  f->n_allowed = open ? G_MAXUINT : f->n_started;
  g_cond_broadcast (&f->cond);
  g_mutex_unlock (&f->mutex);
}

/* Lets one more write through the closed gate. */
static void
allow_one (Fixture *f)
{
  g_mutex_lock (&f->mutex);
  f->n_allowed++;
  g_cond_broadcast (&f->cond);
  g_mutex_unlock (&f->mutex);
}

/* Until the worker waits at the closed gate. */
static void
wait_for_write (Fixture *f)
{
  g_mutex_lock (&f->mutex);
  while (!f->writing)
    g_cond_wait (&f->cond, &f->mutex);
  g_mutex_unlock (&f->mutex);
}

static char *
dup_disk (Fixture *f)
{
  char *disk;

  g_mutex_lock (&f->mutex);
  disk = g_strdup (f->disk);
  g_mutex_unlock (&f->mutex);

  return disk;
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} SaveResult;

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SaveResult *save = user_data;

  save->ok = g_task_propagate_boolean (G_TASK (result), &save->error);
  save->done = TRUE;
}

static void
save (Fixture    *f,
      SaveResult *result)
{
  GTask *task = g_task_new (f->owner, NULL, save_cb, result);

  viva_file_saver_save (f->saver, task);
}

static void
wait_for (SaveResult *result)
{
  while (!result->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
wait_until_clean (Fixture *f)
{
  while (viva_file_saver_get_dirty (f->saver) || viva_file_saver_get_saving (f->saver))
    g_main_context_iteration (NULL, TRUE);
}

/* A change made while a write of the one before is in flight: that
 * write's success must not mark it saved; it is written next. */
static void
test_change_during_write (Fixture       *f,
                          gconstpointer  data)
{
  SaveResult first = { 0 };
  g_autofree char *disk = NULL;

  viva_file_saver_set_autosave_delay (f->saver, 0);
  set_gate (f, FALSE);
  set_value (f, "one");
  save (f, &first);
  wait_for_write (f);
  g_assert_true (viva_file_saver_get_saving (f->saver));

  set_value (f, "two");
  allow_one (f);
  wait_for (&first);
  g_assert_true (first.ok);

  /* "one" is on disk; "two" is not yet (its write waits at the gate), so
   * still dirty. */
  disk = dup_disk (f);
  g_assert_cmpstr (disk, ==, "one");
  g_clear_pointer (&disk, g_free);
  g_assert_true (viva_file_saver_get_dirty (f->saver));
  g_assert_true (viva_file_saver_get_saving (f->saver));

  set_gate (f, TRUE);
  wait_until_clean (f);
  disk = dup_disk (f);
  g_assert_cmpstr (disk, ==, "two");
  g_assert_cmpuint (f->n_writes, ==, 2);
  g_assert_null (viva_file_saver_get_save_error (f->saver));
}

/* A failed write keeps everything dirty, says why, answers the caller
 * with the error, and flush then writes. */
static void
test_failed_write (Fixture       *f,
                   gconstpointer  data)
{
  SaveResult result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *disk = NULL;

  f->fail_writes = TRUE;
  set_value (f, "kept");
  save (f, &result);
  wait_for (&result);
  g_assert_false (result.ok);
  g_assert_error (result.error, G_FILE_ERROR, G_FILE_ERROR_NOSPC);
  g_clear_error (&result.error);
  g_assert_true (viva_file_saver_get_dirty (f->saver));
  g_assert_cmpstr (viva_file_saver_get_save_error (f->saver), ==, "No space left");
  g_assert_null (f->disk);

  g_assert_false (viva_file_saver_flush (f->saver, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC);
  g_clear_error (&error);

  f->fail_writes = FALSE;
  g_assert_true (viva_file_saver_flush (f->saver, &error));
  g_assert_no_error (error);
  g_assert_false (viva_file_saver_get_dirty (f->saver));
  g_assert_null (viva_file_saver_get_save_error (f->saver));
  disk = dup_disk (f);
  g_assert_cmpstr (disk, ==, "kept");

  viva_file_saver_stop_timers (f->saver);
}

/* A store that merged what it found on disk writes again at once, and
 * the caller hears of the second write only. */
static void
test_write_again (Fixture       *f,
                  gconstpointer  data)
{
  SaveResult result = { 0 };

  f->next_result = VIVA_FILE_SAVER_AGAIN;
  set_value (f, "merged");
  save (f, &result);
  wait_for (&result);
  g_assert_true (result.ok);
  g_assert_cmpuint (f->n_writes, ==, 2);
  g_assert_cmpuint (f->n_finished, ==, 2);
  g_assert_false (viva_file_saver_get_dirty (f->saver));
}

/* A snapshot never to be written (a newer Viva owns the file): not
 * dirty, not retried, the caller told why, and later saves refused. */
static void
test_dropped (Fixture       *f,
              gconstpointer  data)
{
  SaveResult result = { 0 };
  SaveResult refused = { 0 };
  g_autoptr(GError) error = NULL;

  f->next_result = VIVA_FILE_SAVER_DROPPED;
  set_value (f, "mine");
  save (f, &result);
  wait_for (&result);
  g_assert_false (result.ok);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
  g_clear_error (&result.error);
  g_assert_false (viva_file_saver_get_dirty (f->saver));
  g_assert_cmpstr (viva_file_saver_get_save_error (f->saver), ==, "Newer on disk");

  save (f, &refused);
  wait_for (&refused);
  g_assert_error (refused.error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
  g_clear_error (&refused.error);

  /* Nothing unsaved that could be saved: flush has nothing to say. */
  g_assert_true (viva_file_saver_flush (f->saver, &error));
  g_assert_no_error (error);
}

static void
open_gate_cb (gpointer user_data)
{
  set_gate (user_data, TRUE);
}

/* flush() waits for the write in flight, then writes what changed
 * since, in the calling thread. */
static void
test_flush_waits (Fixture       *f,
                  gconstpointer  data)
{
  SaveResult result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *disk = NULL;

  set_gate (f, FALSE);
  set_value (f, "in flight");
  save (f, &result);
  wait_for_write (f);
  set_value (f, "after");

  /* Opened from the main loop that flush() runs while it waits. */
  g_idle_add_once (open_gate_cb, f);
  g_assert_true (viva_file_saver_flush (f->saver, &error));
  g_assert_no_error (error);
  g_assert_false (viva_file_saver_get_saving (f->saver));
  g_assert_false (viva_file_saver_get_dirty (f->saver));
  disk = dup_disk (f);
  g_assert_cmpstr (disk, ==, "after");
  g_assert_cmpuint (f->n_writes, ==, 2);

  wait_for (&result);
  g_assert_true (result.ok);
}

/* The application is held while a write is in flight, so that quitting
 * waits for it: releasing it once more than the test held it is only
 * allowed while the saver holds it too (fatal-criticals otherwise). */
static void
test_holds_application (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GApplication) application = g_application_new (NULL, G_APPLICATION_DEFAULT_FLAGS);
  SaveResult result = { 0 };

  g_application_set_default (application);

  set_gate (f, FALSE);
  set_value (f, "held");
  save (f, &result);
  wait_for_write (f);

  g_application_release (application);
  g_application_hold (application);

  set_gate (f, TRUE);
  wait_for (&result);
  g_assert_true (result.ok);

  g_application_set_default (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/file-saver/change-during-write", Fixture, NULL,
              fixture_set_up, test_change_during_write, fixture_tear_down);
  g_test_add ("/file-saver/failed-write", Fixture, NULL,
              fixture_set_up, test_failed_write, fixture_tear_down);
  g_test_add ("/file-saver/write-again", Fixture, NULL,
              fixture_set_up, test_write_again, fixture_tear_down);
  g_test_add ("/file-saver/dropped", Fixture, NULL,
              fixture_set_up, test_dropped, fixture_tear_down);
  g_test_add ("/file-saver/flush-waits", Fixture, NULL,
              fixture_set_up, test_flush_waits, fixture_tear_down);
  g_test_add ("/file-saver/holds-application", Fixture, NULL,
              fixture_set_up, test_holds_application, fixture_tear_down);

  return g_test_run ();
}
