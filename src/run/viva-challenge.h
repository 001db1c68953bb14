/* viva-challenge.h
 *
 * The coding challenges' example tests (data/challenges.json, bundled as
 * a resource): each challenge's starter code and cases, the cases.json a
 * run of the test driver (src/run/viva-challenge-driver.py) reads, and
 * the driver's results read back into one result per case. No GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "viva-code-case.h"
#include "viva-json-writer.h"

G_BEGIN_DECLS

#define VIVA_CHALLENGE_ERROR (viva_challenge_error_quark ())

/**
 * VivaChallengeError:
 * @VIVA_CHALLENGE_ERROR_TOO_LARGE: larger than a file of its kind may be
 * @VIVA_CHALLENGE_ERROR_TOO_DEEP: nests deeper than a file of its kind may
 * @VIVA_CHALLENGE_ERROR_INVALID: not what Viva or its driver writes
 * @VIVA_CHALLENGE_ERROR_FUTURE_VERSION: a version this Viva does not read
 *
 * The same codes, in the same order, as #VivaDataFileErrorCode, so that
 * the shared JSON checks report in this domain.
 */
typedef enum
{
  VIVA_CHALLENGE_ERROR_TOO_LARGE,
  VIVA_CHALLENGE_ERROR_TOO_DEEP,
  VIVA_CHALLENGE_ERROR_INVALID,
  VIVA_CHALLENGE_ERROR_FUTURE_VERSION,
} VivaChallengeError;

/* How many cases one run sends to the driver, shipped and own together. */
#define VIVA_CHALLENGE_MAX_CASES       500

#define VIVA_TYPE_CHALLENGE (viva_challenge_get_type ())

G_DECLARE_FINAL_TYPE (VivaChallenge, viva_challenge, VIVA, CHALLENGE, GObject)

guint               viva_challenge_get_question     (VivaChallenge *self);
const char         *viva_challenge_get_entry        (VivaChallenge *self);
const char * const *viva_challenge_get_entries      (VivaChallenge *self);
const char         *viva_challenge_get_starter      (VivaChallenge *self);
const char         *viva_challenge_get_prelude      (VivaChallenge *self);
guint               viva_challenge_get_n_cases      (VivaChallenge *self);
const VivaCodeCase *viva_challenge_get_case    (VivaChallenge *self,
                                                     guint          index);

#define VIVA_TYPE_CHALLENGE_SET (viva_challenge_set_get_type ())

G_DECLARE_FINAL_TYPE (VivaChallengeSet, viva_challenge_set, VIVA, CHALLENGE_SET, GObject)

VivaChallengeSet *viva_challenge_set_new_from_bytes    (GBytes            *bytes,
                                                        GError           **error);
VivaChallengeSet *viva_challenge_set_new_from_resource (const char        *path,
                                                        GError           **error);
VivaChallengeSet *viva_challenge_set_new_bundled       (GError           **error);
guint             viva_challenge_set_get_n_challenges  (VivaChallengeSet  *self);
VivaChallenge    *viva_challenge_set_get_challenge     (VivaChallengeSet  *self,
                                                        guint              index);
VivaChallenge    *viva_challenge_set_lookup            (VivaChallengeSet  *self,
                                                        guint              question);

GBytes           *viva_challenge_dup_driver            (void);
GPtrArray        *viva_challenge_collect_cases         (VivaChallenge     *challenge,
                                                        GPtrArray         *own_cases);
GBytes           *viva_challenge_build_cases_json      (VivaChallenge     *challenge,
                                                        GPtrArray         *cases,
                                                        guint              case_time_limit_ms);
GBytes           *viva_challenge_build_discover_json   (GPtrArray         *cases,
                                                        guint              max_found,
                                                        guint              case_time_limit_ms);
guint             viva_challenge_count_test_names      (const char        *code);

/**
 * VivaCaseStatus:
 * @VIVA_CASE_PASSED: the case ran and met what it expects
 * @VIVA_CASE_FAILED: the case ran and did not (a wrong value or output)
 * @VIVA_CASE_ERROR: the case could not finish: an exception, the time
 *   limit, the process ended
 * @VIVA_CASE_NOT_RUN: no result: the code did not load, or the run was
 *   stopped before this case
 */
typedef enum
{
  VIVA_CASE_PASSED,
  VIVA_CASE_FAILED,
  VIVA_CASE_ERROR,
  VIVA_CASE_NOT_RUN,
} VivaCaseStatus;

/**
 * VivaCaseResult:
 * @test_case: the case that ran: its name, its call (the input shown),
 *   what it expected
 * @status: how it went
 * @actual: (nullable): the repr() of the value the call gave
 * @output: what the case printed ("" for nothing)
 * @error: (nullable): the traceback of the exception it raised, or why
 *   it did not finish
 */
typedef struct
{
  VivaCodeCase *test_case;
  VivaCaseStatus     status;
  char              *actual;
  char              *output;
  char              *error;
} VivaCaseResult;

/**
 * VivaChallengeResults:
 * @load_error: (nullable): why the code could not be loaded (its
 *   traceback); no case ran
 * @complete: %FALSE when the results stop early (the run was stopped):
 *   the cases after the last result are %VIVA_CASE_NOT_RUN
 * @cases: (element-type VivaCaseResult): one result per case sent, in
 *   order, then, for a run with no challenge, one per test the driver
 *   found in the code (its top-level asserts, its test_ functions)
 */
typedef struct
{
  char      *load_error;
  gboolean   complete;
  GPtrArray *cases;
} VivaChallengeResults;

VivaChallengeResults *viva_challenge_results_parse (const char           *data,
                                                    gsize                 len,
                                                    GPtrArray            *cases,
                                                    GError              **error);
VivaChallengeResults *viva_challenge_results_new_not_run (GPtrArray       *cases);
#define VIVA_TYPE_CHALLENGE_RESULTS (viva_challenge_results_get_type ())
GType                 viva_challenge_results_get_type (void) G_GNUC_CONST;
VivaChallengeResults *viva_challenge_results_copy  (const VivaChallengeResults *results);
void                  viva_challenge_results_free  (VivaChallengeResults *results);
guint                 viva_challenge_results_count (VivaChallengeResults *results,
                                                    VivaCaseStatus        status);
char                 *viva_challenge_results_dup_summary   (const VivaChallengeResults *results);
char                 *viva_challenge_results_to_markdown   (const VivaChallengeResults *results);
gboolean              viva_challenge_results_write         (const VivaChallengeResults *results,
                                                            VivaJsonWriter             *writer);
VivaChallengeResults *viva_challenge_results_new_from_json (JsonNode                   *node,
                                                            GQuark                      domain,
                                                            GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VivaChallengeResults, viva_challenge_results_free)

GQuark viva_challenge_error_quark (void);

G_END_DECLS
