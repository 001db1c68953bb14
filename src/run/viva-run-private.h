/* viva-run-private.h
 *
 * What the runner shares with its job, its result and its tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "viva-python-runner.h"
#include "viva-run-result.h"

G_BEGIN_DECLS

/* The programs a run uses, found by the runner. */
typedef struct
{
  const char *bwrap;
  const char *python;
  const char *prlimit;
} VivaRunPrograms;

void           _viva_run_job_start           (gpointer               source_object,
                                              const VivaRunPrograms *programs,
                                              VivaRunRequest        *request,
                                              gboolean               sandboxed,
                                              guint                  time_limit,
                                              VivaRunOutputFunc      output_func,
                                              gpointer               output_data,
                                              GDestroyNotify         output_destroy,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data);

VivaRunResult *_viva_run_result_new          (gboolean       sandboxed,
                                              guint          time_limit);
void           _viva_run_result_append       (VivaRunResult *self,
                                              VivaRunStream  stream,
                                              const char    *text);
void           _viva_run_result_set_end      (VivaRunResult *self,
                                              VivaRunEnd     end,
                                              int            exit_status,
                                              int            signal_number);
void           _viva_run_result_set_output   (VivaRunResult *self,
                                              guint64        output_bytes,
                                              gboolean       output_cut);
void           _viva_run_result_set_results  (VivaRunResult *self,
                                              GBytes        *results,
                                              gboolean       results_cut);
void           _viva_run_result_set_wall_time (VivaRunResult *self,
                                              gint64         wall_time);
gsize          _viva_run_append_safe_text    (GString       *out,
                                              const guint8  *data,
                                              gsize          len,
                                              gboolean       at_end);

G_END_DECLS
