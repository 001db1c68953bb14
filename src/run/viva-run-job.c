/* viva-run-job.c
 *
 * One run of VivaPythonRunner, from the command to its result. The job
 * writes the script and its files into memory files (memfd) and starts
 * bubblewrap with them, which copies them read-only into the sandbox's
 * /viva/. Inside, prlimit sets the limits and executes
 * `python3 -I -u /viva/SCRIPT`. Three pipes come back: stdout, stderr
 * and the results (fd 3). A reader thread polls them and reads each as
 * soon as it has data, so stdout and stderr keep the order in which they
 * came (two writes a few microseconds apart on the two pipes can still
 * swap: nothing outside the program can order them better; the REPL
 * driver does, by waiting for one pipe to be read before it writes to
 * the other), cuts the output at VIVA_RUN_OUTPUT_LIMIT_BYTES while still
 * counting and draining the rest, and makes it safe to show. It hands
 * the text to the caller's main context in batches. The run ends when
 * bubblewrap has exited and the pipes are closed; a timeout of the
 * wall-clock limit and Stop (the cancellable) kill it first.
 *
 * Killing: bubblewrap's outer process is in a session and process group
 * of its own; killing it kills the sandbox's init (--die-with-parent),
 * and the end of a PID namespace's init kills every process in it, so
 * nothing the code started survives, even one that left its session.
 *
 * RLIMIT_NPROC: on Linux since 5.14 a process count is kept per user
 * namespace and user; a limit set inside a new user namespace counts the
 * sandbox's own processes and threads (checked on this kernel: a second
 * sandbox of the same user gets the full count while the first holds
 * fifteen). Set before bubblewrap creates the namespace, it would count
 * every process of the user on the machine and usually stop bubblewrap
 * itself. So prlimit sets the limits inside. The kernel never applies it
 * to processes whose real user is root, in any namespace: run as root
 * (CI containers), the runner starts bubblewrap as the overflow user
 * (65534) instead, so that the limit holds there too.
 *
 * One file of about 1,000 lines on purpose: the command line, the
 * reader thread and the kill paths share the job's state and its
 * locking, and the sandbox is easiest to audit read in one place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* memfd_create() */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "viva-python-runner.h"
#include "viva-run-private.h"

/* The user root becomes to run bubblewrap: the kernel's overflow user. */
#define OVERFLOW_ID 65534
/* After an unsandboxed program has exited, how long its pipes may stay
 * open (a process it left behind) before Viva stops reading. */
#define DRAIN_GRACE_MSEC 500

/* One run, from its start to its result: the GTask's data. */
typedef struct
{
  VivaRunStream  stream;
  GString       *text;
} Pending;

typedef struct
{
  /* Borrowed: the task owns this job and the task's source object */
  GTask             *task;
  /* Owned from the start until the result is returned: the task must
   * outlive the reader thread, whatever ends first */
  GTask             *running;

  /* Owned */
  VivaRunResult     *result;
  GMainContext      *context;
  GSubprocess       *subprocess;
  GCancellable      *cancellable;
  GSource           *timeout_source;
  GSource           *grace_source;
  GThread           *thread;
  char              *dir;
  gpointer           output_data;
  GDestroyNotify     output_destroy;
  VivaRunOutputFunc  output_func;
  gulong             cancelled_id;
  GPid               pid;
  gint64             start_time;
  gint64             end_time;
  guint              time_limit;
  gboolean           sandboxed;
  gboolean           wait_done;
  gboolean           reader_done;
  gboolean           returned;
  gboolean           timed_out;
  int                stopped;       /* atomic: set by any thread */

  /* The reader thread's pipes: read ends, and the one that wakes it */
  int                out_fd;
  int                err_fd;
  int                results_fd;
  int                wake_read_fd;
  int                wake_write_fd;

  /* Shared with the reader thread, under the mutex */
  GMutex             mutex;
  GArray            *pending;
  gboolean           dispatch_scheduled;
  gboolean           reader_finished;

  /* The reader thread's own; read by the main context once it finished */
  guint64            output_bytes;
  gsize              output_kept;
  gboolean           output_cut;
  GByteArray        *results;
  gboolean           results_cut;
  guint8             carry[2][8];
  gsize              carry_len[2];
} RunJob;

static void
close_fd (int *fd)
{
  if (*fd >= 0)
    {
      g_close (*fd, NULL);
      *fd = -1;
    }
}

static void
pending_clear (gpointer data)
{
  Pending *pending = data;

  if (pending->text != NULL)
    g_string_free (pending->text, TRUE);
}

/* Removes what an unsandboxed run left in its folder, without
 * following links out of it. */
static void
remove_tree (const char *path)
{
  GDir *dir;

  if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK) &&
      g_file_test (path, G_FILE_TEST_IS_DIR) &&
      (dir = g_dir_open (path, 0, NULL)) != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_dir_close (dir);
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

static void
run_job_free (gpointer data)
{
  RunJob *job = data;

  /* The run only returns once the reader thread has finished. */
  if (job->thread != NULL)
    g_thread_join (job->thread);

  if (job->timeout_source != NULL)
    g_source_destroy (job->timeout_source);
  g_clear_pointer (&job->timeout_source, g_source_unref);
  if (job->grace_source != NULL)
    g_source_destroy (job->grace_source);
  g_clear_pointer (&job->grace_source, g_source_unref);
  if (job->cancelled_id != 0)
    g_cancellable_disconnect (job->cancellable, job->cancelled_id);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->subprocess);
  g_clear_object (&job->result);
  g_clear_pointer (&job->context, g_main_context_unref);

  if (job->dir != NULL)
    remove_tree (job->dir);
  g_clear_pointer (&job->dir, g_free);

  if (job->output_destroy != NULL)
    job->output_destroy (job->output_data);

  close_fd (&job->out_fd);
  close_fd (&job->err_fd);
  close_fd (&job->results_fd);
  close_fd (&job->wake_read_fd);
  close_fd (&job->wake_write_fd);

  g_mutex_clear (&job->mutex);
  g_clear_pointer (&job->pending, g_array_unref);
  g_clear_pointer (&job->results, g_byte_array_unref);

  g_free (job);
}

/* The command ----------------------------------------------------------------- */

static void
add_limits (GPtrArray             *argv,
            const VivaRunPrograms *programs,
            guint                  time_limit,
            gboolean               sandboxed)
{
  g_ptr_array_add (argv, g_strdup (programs->prlimit));
  g_ptr_array_add (argv, g_strdup_printf ("--cpu=%u", time_limit));
  g_ptr_array_add (argv, g_strdup_printf ("--as=%u", (guint)VIVA_RUN_ADDRESS_SPACE_BYTES));
  g_ptr_array_add (argv, g_strdup_printf ("--fsize=%u", (guint)VIVA_RUN_FILE_SIZE_BYTES));
  g_ptr_array_add (argv, g_strdup_printf ("--nofile=%u", (guint)VIVA_RUN_MAX_OPEN_FILES));
  g_ptr_array_add (argv, g_strdup ("--core=0"));
  /* Outside a new user namespace it would count all the user's
   * processes (see the top of this file). */
  if (sandboxed)
    g_ptr_array_add (argv, g_strdup_printf ("--nproc=%u", (guint)VIVA_RUN_MAX_PROCESSES));
  g_ptr_array_add (argv, g_strdup ("--"));
}

static void
add_python (GPtrArray             *argv,
            const VivaRunPrograms *programs,
            const char            *dir,
            VivaRunRequest        *request)
{
  const char * const *args = viva_run_request_get_args (request);

  g_ptr_array_add (argv, g_strdup (programs->python));
  /* Isolated (no PYTHON* variables, no user site, no script folder on
   * sys.path) and unbuffered, so output streams as it is written. */
  g_ptr_array_add (argv, g_strdup ("-I"));
  g_ptr_array_add (argv, g_strdup ("-u"));
  g_ptr_array_add (argv, g_build_filename (dir, viva_run_request_get_script_name (request), NULL));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
}

static void
add_args (GPtrArray *argv,
          ...)
{
  va_list ap;
  const char *arg;

  va_start (ap, argv);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (ap);
}

/* The merged-/usr links (/bin -> usr/bin...) as the host has them; a
 * folder of its own on an older system is bound read-only. */
static void
add_root_links (GPtrArray *argv)
{
  static const char * const names[] = { "bin", "sbin", "lib", "lib32", "lib64", "libx32", NULL };

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat ("/", names[i], NULL);
      g_autofree char *target = g_file_read_link (path, NULL);

      if (target != NULL)
        add_args (argv, "--symlink", target, path, NULL);
      else if (g_file_test (path, G_FILE_TEST_IS_DIR))
        add_args (argv, "--ro-bind", path, path, NULL);
    }
}

/* bwrap's arguments up to the command; files go to fds 4, 5... in the
 * order of request's script then files. */
static void
add_sandbox (GPtrArray             *argv,
             const VivaRunPrograms *programs,
             VivaRunRequest        *request)
{
  g_autofree char *tmp_size = g_strdup_printf ("%u", (guint)VIVA_RUN_TMP_BYTES);
  guint n_files = viva_run_request_get_n_files (request);
  int fd = 4;

  g_ptr_array_add (argv, g_strdup (programs->bwrap));
  add_args (argv,
            /* Every namespace: no network (only a loopback that is down),
             * its own PIDs, IPC, host name and user; and no further user
             * namespaces inside, which closes many kernel bugs' door. */
            "--unshare-all", "--unshare-user", "--disable-userns",
            /* Root starting bwrap keeps capabilities inside otherwise. */
            "--cap-drop", "ALL",
            "--die-with-parent", "--new-session",
            "--hostname", "viva",
            "--clearenv",
            "--setenv", "PATH", "/usr/bin:/bin",
            "--setenv", "HOME", "/tmp",
            "--setenv", "TMPDIR", "/tmp",
            "--setenv", "LANG", "C.UTF-8",
            "--setenv", "VIVA_DIR", "/viva",
            /* glibc reserves 64 MiB of address space per thread's arena,
             * which the address space limit would count. */
            "--setenv", "MALLOC_ARENA_MAX", "2",
            "--ro-bind", "/usr", "/usr",
            NULL);
  add_root_links (argv);
  add_args (argv,
            "--proc", "/proc",
            "--dev", "/dev",
            "--size", tmp_size, "--tmpfs", "/tmp",
            "--size", tmp_size, "--tmpfs", "/dev/shm",
            "--dir", "/viva",
            NULL);

  {
    g_autofree char *fd_str = g_strdup_printf ("%d", fd++);
    g_autofree char *dest = g_build_filename ("/viva", viva_run_request_get_script_name (request), NULL);

    add_args (argv, "--perms", "0444", "--ro-bind-data", fd_str, dest, NULL);
  }
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *fd_str = g_strdup_printf ("%d", fd++);
      g_autofree char *dest = g_build_filename ("/viva", viva_run_request_get_file (request, i, NULL), NULL);

      add_args (argv, "--perms", "0444", "--ro-bind-data", fd_str, dest, NULL);
    }

  add_args (argv,
            /* The root bwrap made and /dev are writable until now: only
             * /tmp and /dev/shm stay so. */
            "--remount-ro", "/dev",
            "--remount-ro", "/",
            "--chdir", "/tmp",
            "--",
            NULL);
}

/* Every fd handed to the child goes above all the fds it is mapped onto
 * (1 to 4 + VIVA_RUN_MAX_FILES), so that no mapping can overwrite a
 * source before it is used, whatever order they are done in. */
static int
fd_above_targets (int fd)
{
  int high;

  if (fd < 0)
    return fd;

  high = fcntl (fd, F_DUPFD_CLOEXEC, 16 + VIVA_RUN_MAX_FILES);
  close (fd);

  return high;
}

static int
memfd_with_contents (const char  *name,
                     GBytes      *contents,
                     GError     **error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (contents, &len);
  int fd = memfd_create (name, MFD_CLOEXEC);
  gsize done = 0;

  if (fd < 0)
    goto failed;

  while (done < len)
    {
      ssize_t n = write (fd, data + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        goto failed;
      done += n;
    }

  if (lseek (fd, 0, SEEK_SET) != 0)
    goto failed;

  fd = fd_above_targets (fd);
  if (fd < 0)
    goto failed;

  return fd;

failed:
  {
    int saved = errno;

    if (fd >= 0)
      close (fd);
    g_set_error (error, VIVA_RUN_ERROR, VIVA_RUN_ERROR_FAILED,
                 _("Could not prepare the code to run: %s"), g_strerror (saved));
    return -1;
  }
}

static gboolean
write_dir (const char      *dir,
           VivaRunRequest  *request,
           GError         **error)
{
  guint n_files = viva_run_request_get_n_files (request);

  for (guint i = 0; i <= n_files; i++)
    {
      GBytes *contents = NULL;
      const char *name;
      g_autofree char *path = NULL;
      gsize len;
      const char *data;

      if (i == 0)
        {
          name = viva_run_request_get_script_name (request);
          contents = viva_run_request_get_script (request);
        }
      else
        {
          name = viva_run_request_get_file (request, i - 1, &contents);
        }

      path = g_build_filename (dir, name, NULL);
      data = g_bytes_get_data (contents, &len);
      if (!g_file_set_contents_full (path, data, len, G_FILE_SET_CONTENTS_NONE, 0400, error))
        return FALSE;
    }

  return TRUE;
}

/* In the child, between fork and exec: async-signal-safe calls only. */
static void
child_setup (gpointer user_data)
{
  gboolean drop_root = GPOINTER_TO_INT (user_data);
  static const char message[] = "viva: could not run as the overflow user\n";

  /* A session and process group of its own, without a terminal: killing
   * the group reaches whatever it started outside a sandbox too. */
  setsid ();

  if (drop_root &&
      (setgroups (0, NULL) != 0 ||
       setgid (OVERFLOW_ID) != 0 ||
       setuid (OVERFLOW_ID) != 0))
    {
      if (write (STDERR_FILENO, message, sizeof message - 1) < 0)
        _exit (126);
      _exit (126);
    }
}

/* The reader thread ------------------------------------------------------------ */

static gboolean dispatch_cb (gpointer user_data);

/* Under the mutex. */
static void
schedule_dispatch_locked (RunJob *job)
{
  GSource *source;

  if (job->dispatch_scheduled)
    return;

  job->dispatch_scheduled = TRUE;
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (source, "[viva] run output");
  g_source_set_callback (source, dispatch_cb, g_object_ref (job->task), g_object_unref);
  g_source_attach (source, job->context);
  g_source_unref (source);
}

static void
push_text (RunJob        *job,
           VivaRunStream  stream,
           GString       *text)
{
  g_mutex_lock (&job->mutex);

  if (job->pending->len > 0 &&
      g_array_index (job->pending, Pending, job->pending->len - 1).stream == stream)
    {
      g_string_append_len (g_array_index (job->pending, Pending, job->pending->len - 1).text,
                           text->str, text->len);
      g_string_free (text, TRUE);
    }
  else
    {
      Pending pending = { stream, text };

      g_array_append_val (job->pending, pending);
    }

  schedule_dispatch_locked (job);

  g_mutex_unlock (&job->mutex);
}

static void
take_output (RunJob        *job,
             VivaRunStream  stream,
             const guint8  *data,
             gsize          len)
{
  g_autofree guint8 *joined = NULL;
  gsize keep;
  gsize total;
  gsize used;
  GString *text;

  job->output_bytes += len;
  if (job->output_kept >= VIVA_RUN_OUTPUT_LIMIT_BYTES)
    {
      job->output_cut = TRUE;
      return;
    }

  keep = MIN (len, VIVA_RUN_OUTPUT_LIMIT_BYTES - job->output_kept);
  job->output_kept += keep;

  total = job->carry_len[stream] + keep;
  joined = g_malloc (total);
  memcpy (joined, job->carry[stream], job->carry_len[stream]);
  memcpy (joined + job->carry_len[stream], data, keep);
  job->carry_len[stream] = 0;

  text = g_string_sized_new (total + 16);
  used = _viva_run_append_safe_text (text, joined, total, FALSE);

  if (keep < len)
    {
      /* Cut: a character cut in two at the limit is dropped. */
      job->output_cut = TRUE;
    }
  else if (total - used < sizeof job->carry[stream])
    {
      memcpy (job->carry[stream], joined + used, total - used);
      job->carry_len[stream] = total - used;
    }
  else
    {
      _viva_run_append_safe_text (text, joined + used, total - used, TRUE);
    }

  if (text->len > 0)
    push_text (job, stream, text);
  else
    g_string_free (text, TRUE);
}

static void
take_results (RunJob       *job,
              const guint8 *data,
              gsize         len)
{
  gsize keep;

  if (job->results->len >= VIVA_RUN_RESULTS_LIMIT_BYTES)
    {
      job->results_cut = TRUE;
      return;
    }

  keep = MIN (len, VIVA_RUN_RESULTS_LIMIT_BYTES - job->results->len);
  g_byte_array_append (job->results, data, keep);
  if (keep < len)
    job->results_cut = TRUE;
}

static gpointer
reader_thread (gpointer user_data)
{
  RunJob *job = user_data;
  int fds[3] = { job->out_fd, job->err_fd, job->results_fd };
  gboolean open[3] = { TRUE, TRUE, TRUE };
  guint8 *buf = g_malloc (64 * 1024);
  gboolean waking = FALSE;
  guint rounds_after_wake = 0;

  while (open[0] || open[1] || open[2])
    {
      struct pollfd pfd[4];
      int which[4];
      int n = 0;
      int ready;

      for (int i = 0; i < 3; i++)
        {
          if (open[i])
            {
              pfd[n].fd = fds[i];
              pfd[n].events = POLLIN;
              pfd[n].revents = 0;
              which[n++] = i;
            }
        }
      if (!waking)
        {
          pfd[n].fd = job->wake_read_fd;
          pfd[n].events = POLLIN;
          pfd[n].revents = 0;
          which[n++] = 3;
        }

      /* Once woken (the program has exited but something still holds
       * its pipes), take only what is already there. */
      ready = poll (pfd, n, waking ? 0 : -1);
      if (ready < 0 && errno == EINTR)
        continue;
      if (ready <= 0 || (waking && ++rounds_after_wake > 64))
        break;

      for (int k = 0; k < n; k++)
        {
          int i = which[k];
          ssize_t got;

          if (pfd[k].revents == 0)
            continue;

          if (i == 3)
            {
              waking = TRUE;
              continue;
            }

          got = read (fds[i], buf, 64 * 1024);
          if (got < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
          if (got <= 0)
            {
              open[i] = FALSE;
              continue;
            }

          if (i == 2)
            take_results (job, buf, got);
          else
            take_output (job, i == 0 ? VIVA_RUN_STREAM_STDOUT : VIVA_RUN_STREAM_STDERR, buf, got);
        }
    }

  for (int i = 0; i < 2; i++)
    {
      if (job->carry_len[i] > 0)
        {
          GString *text = g_string_new (NULL);

          _viva_run_append_safe_text (text, job->carry[i], job->carry_len[i], TRUE);
          job->carry_len[i] = 0;
          push_text (job, i, text);
        }
    }

  g_free (buf);

  g_mutex_lock (&job->mutex);
  job->reader_finished = TRUE;
  schedule_dispatch_locked (job);
  g_mutex_unlock (&job->mutex);

  return NULL;
}

/* Ending ------------------------------------------------------------------------ */

static void
kill_run (RunJob *job)
{
  if (job->subprocess != NULL)
    g_subprocess_force_exit (job->subprocess);

  /* Its process group, whatever it started outside a sandbox. The kernel
   * keeps the group's number while one of its processes lives. */
  if (job->pid > 0 && !job->wait_done)
    kill (-job->pid, SIGKILL);
}

static void
finish_if_done (RunJob *job)
{
  g_autoptr(GBytes) results = NULL;

  if (!job->wait_done || !job->reader_done || job->returned)
    return;

  job->returned = TRUE;

  if (job->timeout_source != NULL)
    g_source_destroy (job->timeout_source);
  if (job->grace_source != NULL)
    g_source_destroy (job->grace_source);
  if (job->cancelled_id != 0)
    {
      g_cancellable_disconnect (job->cancellable, job->cancelled_id);
      job->cancelled_id = 0;
    }

  results = g_byte_array_free_to_bytes (g_steal_pointer (&job->results));
  _viva_run_result_set_results (job->result, results, job->results_cut);
  _viva_run_result_set_output (job->result, job->output_bytes, job->output_cut);
  _viva_run_result_set_wall_time (job->result, job->end_time - job->start_time);

  g_task_return_pointer (job->task, g_object_ref (job->result), g_object_unref);
  /* Never the last reference: our caller holds one. */
  g_clear_object (&job->running);
}

static gboolean
dispatch_cb (gpointer user_data)
{
  GTask *task = user_data;
  RunJob *job = g_task_get_task_data (task);
  g_autoptr(GArray) pending = NULL;
  gboolean finished;

  g_mutex_lock (&job->mutex);
  pending = g_steal_pointer (&job->pending);
  job->pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  g_array_set_clear_func (job->pending, pending_clear);
  job->dispatch_scheduled = FALSE;
  finished = job->reader_finished;
  g_mutex_unlock (&job->mutex);

  for (guint i = 0; i < pending->len; i++)
    {
      Pending *chunk = &g_array_index (pending, Pending, i);

      _viva_run_result_append (job->result, chunk->stream, chunk->text->str);
      if (job->output_func != NULL)
        job->output_func (chunk->stream, chunk->text->str, job->output_data);
    }

  if (finished && !job->reader_done)
    {
      job->reader_done = TRUE;
      finish_if_done (job);
    }

  return G_SOURCE_REMOVE;
}

static gboolean
grace_cb (gpointer user_data)
{
  RunJob *job = user_data;
  static const char wake = 'w';

  if (write (job->wake_write_fd, &wake, 1) < 0)
    g_debug ("Could not wake the reader: %s", g_strerror (errno));

  g_clear_pointer (&job->grace_source, g_source_unref);

  return G_SOURCE_REMOVE;
}

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunJob *job = g_task_get_task_data (task);
  GSubprocess *subprocess = G_SUBPROCESS (object);

  /* Never fails: no cancellable was given to the wait. */
  g_subprocess_wait_finish (subprocess, result, NULL);
  job->end_time = g_get_monotonic_time ();

  if (!job->sandboxed)
    {
      /* What the program left in its process group. */
      kill (-job->pid, SIGKILL);
    }
  job->wait_done = TRUE;

  if (g_atomic_int_get (&job->stopped))
    _viva_run_result_set_end (job->result, VIVA_RUN_STOPPED, -1, 0);
  else if (job->timed_out)
    _viva_run_result_set_end (job->result, VIVA_RUN_TIMED_OUT, -1, 0);
  else if (g_subprocess_get_if_signaled (subprocess))
    _viva_run_result_set_end (job->result, VIVA_RUN_KILLED, -1, g_subprocess_get_term_sig (subprocess));
  else
    {
      int status = g_subprocess_get_exit_status (subprocess);

      /* bwrap's init reports a command killed by signal N as 128 + N. */
      if (job->sandboxed && status > 128 && status < 128 + 65)
        _viva_run_result_set_end (job->result, VIVA_RUN_KILLED, -1, status - 128);
      else
        _viva_run_result_set_end (job->result, VIVA_RUN_EXITED, status, 0);
    }

  /* In the sandbox, the pipes close when the last process of its PID
   * namespace is gone, which the end of its init brings: waiting for
   * them is waiting for the sandbox to be empty. Outside, a process that
   * left the session may hold them for ever. */
  if (!job->reader_done && !job->sandboxed)
    {
      job->grace_source = g_timeout_source_new (DRAIN_GRACE_MSEC);
      g_source_set_static_name (job->grace_source, "[viva] run drain");
      g_source_set_callback (job->grace_source, grace_cb, job, NULL);
      g_source_attach (job->grace_source, job->context);
    }

  finish_if_done (job);
}

static gboolean
timeout_cb (gpointer user_data)
{
  RunJob *job = user_data;

  job->timed_out = TRUE;
  kill_run (job);

  return G_SOURCE_REMOVE;
}

static void
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  RunJob *job = user_data;

  g_atomic_int_set (&job->stopped, 1);
  kill_run (job);
}

/* Starting ----------------------------------------------------------------------- */

/**
 * _viva_run_job_start:
 * @source_object: the runner, the task's source object
 * @programs: bwrap, python3 and prlimit
 * @request: what to run
 * @sandboxed: in the sandbox, or as the user allowed without it
 * @time_limit: seconds, by the clock and in processor time
 *
 * Starts one run; see viva_python_runner_run_async(). The task's source
 * tag is viva_python_runner_run_async.
 */
void
_viva_run_job_start (gpointer               source_object,
                     const VivaRunPrograms *programs,
                     VivaRunRequest        *request,
                     gboolean               sandboxed,
                     guint                  time_limit,
                     VivaRunOutputFunc      output_func,
                     gpointer               output_data,
                     GDestroyNotify         output_destroy,
                     GCancellable          *cancellable,
                     GAsyncReadyCallback    callback,
                     gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GError) error = NULL;
  const char *identifier;
  RunJob *job;
  int out_pipe[2] = { -1, -1 };
  int err_pipe[2] = { -1, -1 };
  int results_pipe[2] = { -1, -1 };
  int wake_pipe[2] = { -1, -1 };
  gboolean drop_root;

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, viva_python_runner_run_async);
  /* Stop is not an error: the result says it, with the output up to
   * then (see viva_python_runner_run_async()). */
  g_task_set_check_cancellable (task, FALSE);

  job = g_new0 (RunJob, 1);
  job->task = task;
  job->context = g_main_context_ref_thread_default ();
  job->sandboxed = sandboxed;
  job->time_limit = time_limit;
  job->output_func = output_func;
  job->output_data = output_data;
  job->output_destroy = output_destroy;
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  job->out_fd = job->err_fd = job->results_fd = -1;
  job->wake_read_fd = job->wake_write_fd = -1;
  job->result = _viva_run_result_new (sandboxed, time_limit);
  job->results = g_byte_array_new ();
  job->pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  g_array_set_clear_func (job->pending, pending_clear);
  g_mutex_init (&job->mutex);
  g_task_set_task_data (task, job, run_job_free);

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_set_stdin_file_path (launcher, "/dev/null");
  g_subprocess_launcher_set_cwd (launcher, "/");

  if (!g_unix_open_pipe (out_pipe, FD_CLOEXEC, &error) ||
      !g_unix_open_pipe (err_pipe, FD_CLOEXEC, &error) ||
      !g_unix_open_pipe (results_pipe, FD_CLOEXEC, &error) ||
      !g_unix_open_pipe (wake_pipe, FD_CLOEXEC, &error))
    goto failed;

  out_pipe[1] = fd_above_targets (out_pipe[1]);
  err_pipe[1] = fd_above_targets (err_pipe[1]);
  results_pipe[1] = fd_above_targets (results_pipe[1]);
  if (out_pipe[1] < 0 || err_pipe[1] < 0 || results_pipe[1] < 0)
    {
      g_set_error (&error, VIVA_RUN_ERROR, VIVA_RUN_ERROR_FAILED, "%s", g_strerror (errno));
      goto failed;
    }

  job->out_fd = out_pipe[0];
  job->err_fd = err_pipe[0];
  job->results_fd = results_pipe[0];
  job->wake_read_fd = wake_pipe[0];
  job->wake_write_fd = wake_pipe[1];
  g_subprocess_launcher_take_stdout_fd (launcher, out_pipe[1]);
  g_subprocess_launcher_take_stderr_fd (launcher, err_pipe[1]);
  g_subprocess_launcher_take_fd (launcher, results_pipe[1], 3);
  out_pipe[1] = err_pipe[1] = results_pipe[1] = -1;

  argv = g_ptr_array_new_with_free_func (g_free);

  if (sandboxed)
    {
      guint n_files = viva_run_request_get_n_files (request);
      int fd;

      fd = memfd_with_contents ("viva-script", viva_run_request_get_script (request), &error);
      if (fd < 0)
        goto failed;
      g_subprocess_launcher_take_fd (launcher, fd, 4);
      for (guint i = 0; i < n_files; i++)
        {
          GBytes *contents;

          viva_run_request_get_file (request, i, &contents);
          fd = memfd_with_contents ("viva-file", contents, &error);
          if (fd < 0)
            goto failed;
          g_subprocess_launcher_take_fd (launcher, fd, 5 + i);
        }

      add_sandbox (argv, programs, request);
      add_limits (argv, programs, time_limit, TRUE);
      add_python (argv, programs, "/viva", request);
    }
  else
    {
      g_autofree char *tmp = g_strdup (g_get_tmp_dir ());
      g_auto(GStrv) env = NULL;

      job->dir = g_dir_make_tmp ("viva-run-XXXXXX", &error);
      if (job->dir == NULL || !write_dir (job->dir, request, &error))
        goto failed;

      env = g_environ_setenv (env, "PATH", "/usr/bin:/bin", TRUE);
      env = g_environ_setenv (env, "HOME", job->dir, TRUE);
      env = g_environ_setenv (env, "TMPDIR", tmp, TRUE);
      env = g_environ_setenv (env, "LANG", "C.UTF-8", TRUE);
      env = g_environ_setenv (env, "VIVA_DIR", job->dir, TRUE);
      env = g_environ_setenv (env, "MALLOC_ARENA_MAX", "2", TRUE);
      g_subprocess_launcher_set_environ (launcher, env);
      g_subprocess_launcher_set_cwd (launcher, job->dir);

      add_limits (argv, programs, time_limit, FALSE);
      add_python (argv, programs, job->dir, request);
    }
  g_ptr_array_add (argv, NULL);

  /* The sandbox drops root; unsandboxed runs are the user's own choice
   * and run as the user. */
  drop_root = sandboxed && geteuid () == 0;
  g_subprocess_launcher_set_child_setup (launcher, child_setup, GINT_TO_POINTER (drop_root), NULL);

  job->start_time = g_get_monotonic_time ();
  job->subprocess = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  /* Closes our copies of the pipes' write ends, so that the reader sees
   * the end of the output when the program's copies close. */
  g_clear_object (&launcher);

  if (job->subprocess == NULL)
    goto failed;

  identifier = g_subprocess_get_identifier (job->subprocess);
  job->pid = identifier != NULL ? (GPid)g_ascii_strtoll (identifier, NULL, 10) : 0;

  job->running = g_object_ref (task);
  job->thread = g_thread_new ("viva-run-reader", reader_thread, job);

  g_subprocess_wait_async (job->subprocess, NULL, wait_cb, g_object_ref (task));

  job->timeout_source = g_timeout_source_new ((guint)MIN ((guint64)time_limit * 1000, G_MAXUINT));
  g_source_set_static_name (job->timeout_source, "[viva] run time limit");
  g_source_set_callback (job->timeout_source, timeout_cb, job, NULL);
  g_source_attach (job->timeout_source, job->context);

  if (cancellable != NULL)
    job->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), job, NULL);

  return;

failed:
  close_fd (&out_pipe[1]);
  close_fd (&err_pipe[1]);
  close_fd (&results_pipe[1]);
  close_fd (&out_pipe[0]);
  close_fd (&err_pipe[0]);
  close_fd (&results_pipe[0]);
  job->out_fd = job->err_fd = job->results_fd = -1;
  g_task_return_new_error (task, VIVA_RUN_ERROR, VIVA_RUN_ERROR_FAILED,
                           _("Could not start Python: %s"), error->message);
}

