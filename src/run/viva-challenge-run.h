/* viva-challenge-run.h
 *
 * "Run Tests" in one call: a challenge's cases and the user's own run
 * against their code through the sandboxed runner, and come back as one
 * result per case. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "viva-challenge.h"
#include "viva-python-runner.h"

G_BEGIN_DECLS

/* Seconds added to the whole run's wall-clock limit, above one case
 * limit per case and one for loading the code: starting the sandbox and
 * the driver. */
#define VIVA_CHALLENGE_RUN_SLACK_SECONDS 3
/* The most a whole run may take, however many cases it has. */
#define VIVA_CHALLENGE_RUN_MAX_SECONDS   3600

guint                 viva_challenge_run_time_limit (guint                case_time_limit,
                                                     guint                n_cases);
void                  viva_challenge_run_async      (VivaPythonRunner    *runner,
                                                     VivaChallenge       *challenge,
                                                     const char          *code,
                                                     GPtrArray           *own_cases,
                                                     VivaRunOutputFunc    output_func,
                                                     gpointer             output_data,
                                                     GDestroyNotify       output_destroy,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
VivaChallengeResults *viva_challenge_run_finish     (VivaPythonRunner    *runner,
                                                     GAsyncResult        *result,
                                                     VivaRunResult      **out_run,
                                                     GError             **error);

G_END_DECLS
