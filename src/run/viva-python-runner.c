/* viva-python-runner.c
 *
 * How a run goes. The runner writes the script and its files into
 * memory files (memfd) and starts bubblewrap with them, which copies them
 * read-only into the sandbox's /viva/. Inside, prlimit sets the limits
 * and executes `python3 -I -u /viva/SCRIPT`. Three pipes come back:
 * stdout, stderr and the results (fd 3). A reader thread polls them and
 * reads each as soon as it has data, so stdout and stderr keep the order
 * in which they came (two writes a few microseconds apart on the two
 * pipes can still swap: nothing outside the program can order them
 * better; the REPL driver does, by waiting for one pipe to be read before
 * it writes to the other), cuts the output at VIVA_RUN_OUTPUT_LIMIT_BYTES while still
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
#define PROBE_TIME_LIMIT 30
#define DEFAULT_TIME_LIMIT 10

struct _VivaPythonRunner
{
  GObject                 parent_instance;

  /* Owned */
  GSettings              *settings;
  char                   *bwrap_path;
  char                   *python_path;
  char                   *prlimit_path;
  char                   *problem;
  char                   *python_version;
  GPtrArray              *probe_waiters;

  VivaPythonRunnerStatus  status;
  VivaRunError            problem_code;
};

G_DEFINE_FINAL_TYPE (VivaPythonRunner, viva_python_runner, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (VivaPythonRunnerStatus, viva_python_runner_status,
  G_DEFINE_ENUM_VALUE (VIVA_PYTHON_RUNNER_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (VIVA_PYTHON_RUNNER_PROBING, "probing"),
  G_DEFINE_ENUM_VALUE (VIVA_PYTHON_RUNNER_READY, "ready"),
  G_DEFINE_ENUM_VALUE (VIVA_PYTHON_RUNNER_UNAVAILABLE, "unavailable"))

G_DEFINE_QUARK (viva-run-error-quark, viva_run_error)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_BWRAP_PATH,
  PROP_PYTHON_PATH,
  PROP_PRLIMIT_PATH,
  PROP_STATUS,
  PROP_PROBLEM,
  PROP_PYTHON_VERSION,
  PROP_CAN_RUN,
  PROP_SANDBOXED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

/* Finding the programs ----------------------------------------------------- */

/* Only what the sandbox can see: a program under /usr. */
static char *
find_under_usr (const char *name,
                const char * const *candidates)
{
  g_autofree char *found = g_find_program_in_path (name);

  if (found != NULL && g_str_has_prefix (found, "/usr/"))
    return g_steal_pointer (&found);

  for (guint i = 0; candidates[i] != NULL; i++)
    {
      if (g_file_test (candidates[i], G_FILE_TEST_IS_EXECUTABLE))
        return g_strdup (candidates[i]);
    }

  return NULL;
}

static char *
find_python (void)
{
  /* Debian's own first: another python3 first on PATH (pyenv, a venv)
   * is usually outside /usr, where the sandbox cannot see it. */
  static const char * const candidates[] = { "/usr/bin/python3", "/usr/local/bin/python3", NULL };

  for (guint i = 0; candidates[i] != NULL; i++)
    {
      if (g_file_test (candidates[i], G_FILE_TEST_IS_EXECUTABLE))
        return g_strdup (candidates[i]);
    }

  return NULL;
}

static char *
find_bwrap (void)
{
  static const char * const candidates[] = { "/usr/bin/bwrap", NULL };
  g_autofree char *found = g_find_program_in_path ("bwrap");

  if (found != NULL)
    return g_steal_pointer (&found);

  return find_under_usr ("bwrap", candidates);
}

static char *
find_prlimit (void)
{
  static const char * const candidates[] = { "/usr/bin/prlimit", NULL };

  return find_under_usr ("prlimit", candidates);
}

/* The command ----------------------------------------------------------------- */

static guint
effective_time_limit (VivaPythonRunner *self,
                      VivaRunRequest   *request)
{
  guint limit = viva_run_request_get_time_limit (request);

  if (limit == 0)
    limit = viva_python_runner_get_time_limit (self);

  return MAX (limit, 1);
}

static void
add_limits (GPtrArray *argv,
            VivaPythonRunner *self,
            guint      time_limit,
            gboolean   sandboxed)
{
  g_ptr_array_add (argv, g_strdup (self->prlimit_path));
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
add_python (GPtrArray      *argv,
            VivaPythonRunner *self,
            const char     *dir,
            VivaRunRequest *request)
{
  const char * const *args = viva_run_request_get_args (request);

  g_ptr_array_add (argv, g_strdup (self->python_path));
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
add_sandbox (GPtrArray      *argv,
             VivaPythonRunner *self,
             VivaRunRequest *request)
{
  g_autofree char *tmp_size = g_strdup_printf ("%u", (guint)VIVA_RUN_TMP_BYTES);
  guint n_files = viva_run_request_get_n_files (request);
  int fd = 4;

  g_ptr_array_add (argv, g_strdup (self->bwrap_path));
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

static void
start_run (VivaPythonRunner    *self,
           VivaRunRequest      *request,
           gboolean             sandboxed,
           guint                time_limit,
           VivaRunOutputFunc    output_func,
           gpointer             output_data,
           GDestroyNotify       output_destroy,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
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

  task = g_task_new (self, cancellable, callback, user_data);
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

      add_sandbox (argv, self, request);
      add_limits (argv, self, time_limit, TRUE);
      add_python (argv, self, "/viva", request);
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

      add_limits (argv, self, time_limit, FALSE);
      add_python (argv, self, job->dir, request);
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

/* The probe ------------------------------------------------------------------------ */

static void
set_state (VivaPythonRunner       *self,
           VivaPythonRunnerStatus  status,
           VivaRunError            problem_code,
           const char             *problem,
           const char             *version)
{
  gboolean could_run = viva_python_runner_get_can_run (self);
  gboolean was_sandboxed = viva_python_runner_get_sandboxed (self);

  g_object_freeze_notify (G_OBJECT (self));

  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  self->problem_code = problem_code;
  if (g_strcmp0 (self->problem, problem) != 0)
    {
      g_free (self->problem);
      self->problem = g_strdup (problem);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
    }
  if (g_strcmp0 (self->python_version, version) != 0)
    {
      g_free (self->python_version);
      self->python_version = g_strdup (version);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PYTHON_VERSION]);
    }
  if (could_run != viva_python_runner_get_can_run (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_RUN]);
  if (was_sandboxed != viva_python_runner_get_sandboxed (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SANDBOXED]);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
complete_probe (VivaPythonRunner *self)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->probe_waiters);

  self->probe_waiters = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = waiters->pdata[i];

      if (self->status == VIVA_PYTHON_RUNNER_READY)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_new_error (task, VIVA_RUN_ERROR, self->problem_code, "%s", self->problem);
    }
}

/* A version as the probe prints it: digits and dots. */
static char *
parse_version (VivaRunResult *result)
{
  g_autofree char *out = viva_run_result_dup_stream (result, VIVA_RUN_STREAM_STDOUT);

  g_strstrip (out);
  if (out[0] == '\0' || strlen (out) > 32 || strspn (out, "0123456789.") != strlen (out))
    return NULL;

  return g_steal_pointer (&out);
}

/* Why bubblewrap did not start, from what it said. */
static char *
explain_sandbox_failure (const char *said)
{
  static const char * const userns_signs[] = {
    "setting up uid map",
    "No permissions to create new namespace",
    "Creating new namespace failed",
    "unprivileged_userns_clone",
    "max_user_namespaces",
    NULL
  };
  g_autofree char *first_line = NULL;
  const char *newline;

  for (guint i = 0; userns_signs[i] != NULL; i++)
    {
      if (strstr (said, userns_signs[i]) != NULL)
        return g_strdup (_("Python cannot run safely here: this system does not let the sandbox "
                           "(bubblewrap) create user namespaces, as some distributions and "
                           "containers do. Allow unprivileged user namespaces (on Ubuntu 23.10 "
                           "and later, an AppArmor profile for bwrap), or run Viva outside the "
                           "container."));
    }

  newline = strchr (said, '\n');
  first_line = g_strndup (said, newline != NULL ? (gsize)(newline - said) : strlen (said));
  g_strstrip (first_line);

  /* TRANSLATORS: %s is what bubblewrap printed, in English */
  return g_strdup_printf (_("Python cannot run safely here: the sandbox (bubblewrap) does not "
                            "start: “%s”."),
                          first_line[0] != '\0' ? first_line : _("no reason given"));
}

static void probe_unsandboxed_cb (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data);

static VivaRunRequest *
new_probe_request (void)
{
  static const char probe[] = "import sys\nprint('%d.%d.%d' % sys.version_info[:3])\n";
  g_autoptr(GBytes) script = g_bytes_new_static (probe, sizeof probe - 1);

  return viva_run_request_new ("viva-probe.py", script);
}

static void
probe_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(VivaPythonRunner) self = user_data;
  g_autoptr(VivaRunResult) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  g_autofree char *problem = NULL;

  run = g_task_propagate_pointer (G_TASK (result), &error);

  if (run != NULL)
    version = parse_version (run);

  if (version != NULL && viva_run_result_get_success (run))
    {
      set_state (self, VIVA_PYTHON_RUNNER_READY, 0, NULL, version);
      complete_probe (self);
      return;
    }

  if (run != NULL)
    {
      g_autofree char *said = viva_run_result_dup_stream (run, VIVA_RUN_STREAM_STDERR);

      problem = explain_sandbox_failure (said);
    }
  else
    {
      problem = explain_sandbox_failure (error->message);
    }

  g_debug ("The sandbox does not work: %s", problem);
  set_state (self, VIVA_PYTHON_RUNNER_UNAVAILABLE, VIVA_RUN_ERROR_SANDBOX_UNAVAILABLE, problem, NULL);

  /* Only for the version the window shows should the user allow runs
   * without the sandbox: the probe's own script, nothing of the user's. */
  {
    g_autoptr(VivaRunRequest) request = new_probe_request ();

    start_run (self, request, FALSE, PROBE_TIME_LIMIT, NULL, NULL, NULL, NULL,
               probe_unsandboxed_cb, g_object_ref (self));
  }
}

static void
probe_unsandboxed_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(VivaPythonRunner) self = user_data;
  g_autoptr(VivaRunResult) run = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autofree char *version = NULL;

  if (run != NULL && viva_run_result_get_success (run))
    version = parse_version (run);

  set_state (self, VIVA_PYTHON_RUNNER_UNAVAILABLE, self->problem_code, self->problem, version);
  complete_probe (self);
}

static void
start_probe (VivaPythonRunner *self)
{
  g_autoptr(VivaRunRequest) request = NULL;

  if (self->status != VIVA_PYTHON_RUNNER_UNKNOWN)
    return;

  if (self->python_path == NULL || !g_file_test (self->python_path, G_FILE_TEST_IS_EXECUTABLE))
    {
      set_state (self, VIVA_PYTHON_RUNNER_UNAVAILABLE, VIVA_RUN_ERROR_NO_PYTHON,
                 _("Python 3 is not installed, so code cannot run. Install the “python3” "
                   "package (on Debian and Ubuntu: sudo apt install python3) and restart Viva."),
                 NULL);
      complete_probe (self);
      return;
    }

  if (self->prlimit_path == NULL || !g_file_test (self->prlimit_path, G_FILE_TEST_IS_EXECUTABLE))
    {
      set_state (self, VIVA_PYTHON_RUNNER_UNAVAILABLE, VIVA_RUN_ERROR_SANDBOX_UNAVAILABLE,
                 _("Python cannot run safely here: prlimit, which sets its limits, is missing. "
                   "Install the “util-linux” package and restart Viva."),
                 NULL);
      complete_probe (self);
      return;
    }

  if (self->bwrap_path == NULL || !g_file_test (self->bwrap_path, G_FILE_TEST_IS_EXECUTABLE))
    {
      set_state (self, VIVA_PYTHON_RUNNER_UNAVAILABLE, VIVA_RUN_ERROR_SANDBOX_UNAVAILABLE,
                 _("Python cannot run safely here: the sandbox, bubblewrap, is not installed. "
                   "Install the “bubblewrap” package (on Debian and Ubuntu: sudo apt install "
                   "bubblewrap) and restart Viva."),
                 NULL);
      /* The version, should the user allow runs without the sandbox. */
      request = new_probe_request ();
      start_run (self, request, FALSE, PROBE_TIME_LIMIT, NULL, NULL, NULL, NULL,
                 probe_unsandboxed_cb, g_object_ref (self));
      return;
    }

  set_state (self, VIVA_PYTHON_RUNNER_PROBING, 0, NULL, NULL);
  request = new_probe_request ();
  start_run (self, request, TRUE, PROBE_TIME_LIMIT, NULL, NULL, NULL, NULL,
             probe_cb, g_object_ref (self));
}

/* The object ------------------------------------------------------------------------ */

static void
settings_changed_cb (VivaPythonRunner *self,
                     const char       *key,
                     GSettings        *settings)
{
  if (g_strcmp0 (key, "run-unsandboxed") == 0)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_RUN]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SANDBOXED]);
    }
}

static void
viva_python_runner_constructed (GObject *object)
{
  VivaPythonRunner *self = (VivaPythonRunner *)object;

  G_OBJECT_CLASS (viva_python_runner_parent_class)->constructed (object);

  /* An empty path stands for "look for it"; tests and the UI tests name
   * a program that does not exist to see the message. */
  if (self->python_path == NULL)
    self->python_path = find_python ();
  if (self->bwrap_path == NULL)
    self->bwrap_path = find_bwrap ();
  if (self->prlimit_path == NULL)
    self->prlimit_path = find_prlimit ();

  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed",
                             G_CALLBACK (settings_changed_cb), self,
                             G_CONNECT_SWAPPED);
}

static void
viva_python_runner_finalize (GObject *object)
{
  VivaPythonRunner *self = (VivaPythonRunner *)object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->bwrap_path, g_free);
  g_clear_pointer (&self->python_path, g_free);
  g_clear_pointer (&self->prlimit_path, g_free);
  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->python_version, g_free);
  g_clear_pointer (&self->probe_waiters, g_ptr_array_unref);

  G_OBJECT_CLASS (viva_python_runner_parent_class)->finalize (object);
}

static void
viva_python_runner_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  VivaPythonRunner *self = VIVA_PYTHON_RUNNER (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_BWRAP_PATH:
      g_value_set_string (value, self->bwrap_path);
      break;

    case PROP_PYTHON_PATH:
      g_value_set_string (value, self->python_path);
      break;

    case PROP_PRLIMIT_PATH:
      g_value_set_string (value, self->prlimit_path);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;

    case PROP_PYTHON_VERSION:
      g_value_set_string (value, self->python_version);
      break;

    case PROP_CAN_RUN:
      g_value_set_boolean (value, viva_python_runner_get_can_run (self));
      break;

    case PROP_SANDBOXED:
      g_value_set_boolean (value, viva_python_runner_get_sandboxed (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_python_runner_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  VivaPythonRunner *self = VIVA_PYTHON_RUNNER (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_BWRAP_PATH:
      self->bwrap_path = g_value_dup_string (value);
      break;

    case PROP_PYTHON_PATH:
      self->python_path = g_value_dup_string (value);
      break;

    case PROP_PRLIMIT_PATH:
      self->prlimit_path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_python_runner_class_init (VivaPythonRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = viva_python_runner_constructed;
  object_class->finalize = viva_python_runner_finalize;
  object_class->get_property = viva_python_runner_get_property;
  object_class->set_property = viva_python_runner_set_property;

  /**
   * VivaPythonRunner:settings:
   *
   * Where `run-time-limit` and `run-unsandboxed` are read; %NULL for
   * their defaults (10 seconds, never without the sandbox).
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * VivaPythonRunner:bwrap-path:
   *
   * bubblewrap; %NULL to look for `bwrap` on PATH, then /usr/bin.
   */
  properties[PROP_BWRAP_PATH] =
    g_param_spec_string ("bwrap-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * VivaPythonRunner:python-path:
   *
   * python3; %NULL for /usr/bin/python3, else /usr/local/bin/python3: the
   * sandbox sees /usr only.
   */
  properties[PROP_PYTHON_PATH] =
    g_param_spec_string ("python-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_PRLIMIT_PATH] =
    g_param_spec_string ("prlimit-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       VIVA_TYPE_PYTHON_RUNNER_STATUS,
                       VIVA_PYTHON_RUNNER_UNKNOWN,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * VivaPythonRunner:problem:
   *
   * Why code cannot run safely and what to do, translated, once the
   * probe found out; %NULL while it can.
   */
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * VivaPythonRunner:python-version:
   *
   * The version of the python3 that runs the code, e.g. "3.11.2", as it
   * says it in the sandbox; %NULL until probed or when there is none.
   */
  properties[PROP_PYTHON_VERSION] =
    g_param_spec_string ("python-version", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * VivaPythonRunner:can-run:
   *
   * Whether Run should be enabled: not known to be impossible.
   */
  properties[PROP_CAN_RUN] =
    g_param_spec_boolean ("can-run", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /**
   * VivaPythonRunner:sandboxed:
   *
   * Whether the next run is sandboxed: FALSE only when the sandbox does
   * not work and the user turned `run-unsandboxed` on, which the UI
   * should then say next to Run.
   */
  properties[PROP_SANDBOXED] =
    g_param_spec_boolean ("sandboxed", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
viva_python_runner_init (VivaPythonRunner *self)
{
  self->probe_waiters = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * viva_python_runner_new:
 * @settings: (nullable): the application's settings
 *
 * The runner with the programs it finds: bwrap, /usr/bin/python3 and
 * prlimit. The environment variables VIVA_BWRAP and VIVA_PYTHON3, when
 * set, name other programs, so a test of the whole application can make
 * the sandbox unavailable (a path that does not exist).
 *
 * Returns: (transfer full): a new #VivaPythonRunner
 */
VivaPythonRunner *
viva_python_runner_new (GSettings *settings)
{
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (VIVA_TYPE_PYTHON_RUNNER,
                       "settings", settings,
                       "bwrap-path", g_getenv ("VIVA_BWRAP"),
                       "python-path", g_getenv ("VIVA_PYTHON3"),
                       NULL);
}

/**
 * viva_python_runner_probe_async:
 *
 * Finds out once whether code can run in the sandbox: runs python3 in it
 * for its version. Later calls (and runs) share the answer; calls while
 * it is being found out wait for it.
 */
void
viva_python_runner_probe_async (VivaPythonRunner    *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VIVA_IS_PYTHON_RUNNER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, viva_python_runner_probe_async);

  switch (self->status)
    {
    case VIVA_PYTHON_RUNNER_READY:
      g_task_return_boolean (task, TRUE);
      break;

    case VIVA_PYTHON_RUNNER_UNAVAILABLE:
      if (self->probe_waiters->len > 0)
        g_ptr_array_add (self->probe_waiters, g_steal_pointer (&task));
      else
        g_task_return_new_error (task, VIVA_RUN_ERROR, self->problem_code, "%s", self->problem);
      break;

    case VIVA_PYTHON_RUNNER_UNKNOWN:
    case VIVA_PYTHON_RUNNER_PROBING:
      g_ptr_array_add (self->probe_waiters, g_steal_pointer (&task));
      start_probe (self);
      break;

    default:
      g_assert_not_reached ();
    }
}

/**
 * viva_python_runner_probe_finish:
 *
 * Returns: TRUE when code runs in the sandbox; otherwise FALSE with
 *   %VIVA_RUN_ERROR_NO_PYTHON or %VIVA_RUN_ERROR_SANDBOX_UNAVAILABLE and
 *   the problem as its message
 */
gboolean
viva_python_runner_probe_finish (VivaPythonRunner  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (VIVA_IS_PYTHON_RUNNER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

VivaPythonRunnerStatus
viva_python_runner_get_status (VivaPythonRunner *self)
{
  g_return_val_if_fail (VIVA_IS_PYTHON_RUNNER (self), VIVA_PYTHON_RUNNER_UNKNOWN);

  return self->status;
}

const char *
viva_python_runner_get_problem (VivaPythonRunner *self)
{
  g_return_val_if_fail (VIVA_IS_PYTHON_RUNNER (self), NULL);

  return self->problem;
}

const char *
viva_python_runner_get_python_version (VivaPythonRunner *self)
{
  g_return_val_if_fail (VIVA_IS_PYTHON_RUNNER (self), NULL);

  return self->python_version;
}

const char *
viva_python_runner_get_python_path (VivaPythonRunner *self)
{
  g_return_val_if_fail (VIVA_IS_PYTHON_RUNNER (self), NULL);

  return self->python_path;
}

static gboolean
unsandboxed_allowed (VivaPythonRunner *self)
{
  return self->settings != NULL && g_settings_get_boolean (self->settings, "run-unsandboxed");
}

gboolean
viva_python_runner_get_can_run (VivaPythonRunner *self)
{
  g_return_val_if_fail (VIVA_IS_PYTHON_RUNNER (self), FALSE);

  if (self->status != VIVA_PYTHON_RUNNER_UNAVAILABLE)
    return TRUE;

  return self->problem_code == VIVA_RUN_ERROR_SANDBOX_UNAVAILABLE && unsandboxed_allowed (self);
}

gboolean
viva_python_runner_get_sandboxed (VivaPythonRunner *self)
{
  g_return_val_if_fail (VIVA_IS_PYTHON_RUNNER (self), TRUE);

  return !(self->status == VIVA_PYTHON_RUNNER_UNAVAILABLE && viva_python_runner_get_can_run (self));
}

/**
 * viva_python_runner_get_time_limit:
 *
 * Returns: the wall-clock limit of a run in seconds, the user's
 *   `run-time-limit` (also the processor time limit)
 */
guint
viva_python_runner_get_time_limit (VivaPythonRunner *self)
{
  g_return_val_if_fail (VIVA_IS_PYTHON_RUNNER (self), DEFAULT_TIME_LIMIT);

  if (self->settings == NULL)
    return DEFAULT_TIME_LIMIT;

  return g_settings_get_uint (self->settings, "run-time-limit");
}

typedef struct
{
  VivaRunRequest    *request;
  VivaRunOutputFunc  output_func;
  gpointer           output_data;
  GDestroyNotify     output_destroy;
  GCancellable      *cancellable;
  GAsyncReadyCallback callback;
  gpointer           user_data;
} DeferredRun;

static void run_when_probed (VivaPythonRunner    *self,
                             VivaRunRequest      *request,
                             VivaRunOutputFunc    output_func,
                             gpointer             output_data,
                             GDestroyNotify       output_destroy,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data);

static void
deferred_probe_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  VivaPythonRunner *self = VIVA_PYTHON_RUNNER (object);
  DeferredRun *deferred = user_data;

  /* The answer is in the runner's state either way. */
  viva_python_runner_probe_finish (self, result, NULL);
  run_when_probed (self, deferred->request,
                   deferred->output_func, deferred->output_data, deferred->output_destroy,
                   deferred->cancellable, deferred->callback, deferred->user_data);

  g_object_unref (deferred->request);
  g_clear_object (&deferred->cancellable);
  g_free (deferred);
}

static void
run_when_probed (VivaPythonRunner    *self,
                 VivaRunRequest      *request,
                 VivaRunOutputFunc    output_func,
                 gpointer             output_data,
                 GDestroyNotify       output_destroy,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  guint time_limit = effective_time_limit (self, request);

  if (self->status == VIVA_PYTHON_RUNNER_READY)
    {
      start_run (self, request, TRUE, time_limit, output_func, output_data, output_destroy,
                 cancellable, callback, user_data);
    }
  else if (viva_python_runner_get_can_run (self))
    {
      /* The sandbox does not work and the user chose to run without it. */
      start_run (self, request, FALSE, time_limit, output_func, output_data, output_destroy,
                 cancellable, callback, user_data);
    }
  else
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, viva_python_runner_run_async);
      if (output_destroy != NULL)
        output_destroy (output_data);
      g_task_return_new_error (task, VIVA_RUN_ERROR, self->problem_code, "%s", self->problem);
    }
}

/**
 * viva_python_runner_run_async:
 * @request: the script, its files and arguments
 * @output_func: (nullable): called with the output as it comes
 * @output_data: its data
 * @output_destroy: (nullable): frees @output_data once the run is over
 * @cancellable: (nullable): Stop: cancelling kills the run
 * @callback: called when the run is over
 * @user_data: its data
 *
 * Runs @request's script with python3 in the sandbox (probing first if
 * that was not done), or, when the sandbox does not work and only if the
 * user turned `run-unsandboxed` on, without it. The script and its files
 * are in /viva/ (read-only; $VIVA_DIR names the folder in both cases),
 * stdin is empty, fd 3 is the results pipe; the limits are those above.
 *
 * Cancelling is not an error: the result ends %VIVA_RUN_STOPPED with the
 * output up to then, as a time limit ends %VIVA_RUN_TIMED_OUT. Only
 * cancelling before the run started gives %G_IO_ERROR_CANCELLED.
 */
void
viva_python_runner_run_async (VivaPythonRunner    *self,
                              VivaRunRequest      *request,
                              VivaRunOutputFunc    output_func,
                              gpointer             output_data,
                              GDestroyNotify       output_destroy,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (VIVA_IS_PYTHON_RUNNER (self));
  g_return_if_fail (VIVA_IS_RUN_REQUEST (request));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (self->status == VIVA_PYTHON_RUNNER_UNKNOWN ||
      self->status == VIVA_PYTHON_RUNNER_PROBING ||
      self->probe_waiters->len > 0)
    {
      DeferredRun *deferred = g_new0 (DeferredRun, 1);

      deferred->request = g_object_ref (request);
      deferred->output_func = output_func;
      deferred->output_data = output_data;
      deferred->output_destroy = output_destroy;
      deferred->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
      deferred->callback = callback;
      deferred->user_data = user_data;
      viva_python_runner_probe_async (self, NULL, deferred_probe_cb, deferred);
      return;
    }

  run_when_probed (self, request, output_func, output_data, output_destroy,
                   cancellable, callback, user_data);
}

/**
 * viva_python_runner_run_finish:
 *
 * Returns: (transfer full): how the run ended, or %NULL with
 *   %VIVA_RUN_ERROR_NO_PYTHON, %VIVA_RUN_ERROR_SANDBOX_UNAVAILABLE (the
 *   problem as message), %VIVA_RUN_ERROR_FAILED or %G_IO_ERROR_CANCELLED
 */
VivaRunResult *
viva_python_runner_run_finish (VivaPythonRunner  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (VIVA_IS_PYTHON_RUNNER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
