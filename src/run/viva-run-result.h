/* viva-run-result.h
 *
 * How one run of Python ended: its output as ordered chunks of stdout
 * and stderr (valid UTF-8, NUL and control bytes shown as symbols), how
 * it ended (exit status, signal, time limit, stopped), whether the output
 * was cut, the wall time, and what the script wrote to its results pipe
 * (fd 3). Made by VivaPythonRunner; read-only. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What is kept of stdout and stderr together; the rest is read and
 * counted but thrown away. */
#define VIVA_RUN_OUTPUT_LIMIT_BYTES  (1024 * 1024)
/* What is kept of the results pipe (fd 3). */
#define VIVA_RUN_RESULTS_LIMIT_BYTES (8 * 1024 * 1024)

typedef enum
{
  VIVA_RUN_STREAM_STDOUT,
  VIVA_RUN_STREAM_STDERR,
} VivaRunStream;

typedef enum
{
  VIVA_RUN_EXITED,    /* exited by itself: see exit-status */
  VIVA_RUN_KILLED,    /* killed by a signal: see signal (e.g. SIGXCPU, the CPU limit) */
  VIVA_RUN_TIMED_OUT, /* killed at the wall-clock limit */
  VIVA_RUN_STOPPED,   /* killed because the caller cancelled (Stop) */
} VivaRunEnd;

#define VIVA_TYPE_RUN_END (viva_run_end_get_type ())
GType viva_run_end_get_type (void);

#define VIVA_TYPE_RUN_RESULT (viva_run_result_get_type ())

G_DECLARE_FINAL_TYPE (VivaRunResult, viva_run_result, VIVA, RUN_RESULT, GObject)

VivaRunEnd   viva_run_result_get_end         (VivaRunResult *self);
int          viva_run_result_get_exit_status (VivaRunResult *self);
int          viva_run_result_get_signal      (VivaRunResult *self);
gboolean     viva_run_result_get_success     (VivaRunResult *self);
guint        viva_run_result_get_n_chunks    (VivaRunResult *self);
const char  *viva_run_result_get_chunk       (VivaRunResult *self,
                                              guint          index,
                                              VivaRunStream *out_stream);
char        *viva_run_result_dup_output      (VivaRunResult *self);
char        *viva_run_result_dup_stream      (VivaRunResult *self,
                                              VivaRunStream  stream);
gboolean     viva_run_result_get_output_cut  (VivaRunResult *self);
guint64      viva_run_result_get_output_bytes (VivaRunResult *self);
GBytes      *viva_run_result_get_results     (VivaRunResult *self);
gboolean     viva_run_result_get_results_cut (VivaRunResult *self);
gint64       viva_run_result_get_wall_time   (VivaRunResult *self);
guint        viva_run_result_get_time_limit  (VivaRunResult *self);
gboolean     viva_run_result_get_sandboxed   (VivaRunResult *self);
char        *viva_run_result_dup_summary     (VivaRunResult *self);

G_END_DECLS
