/* viva-code-case.h
 *
 * One test case of a coding question, the one type for the challenges'
 * tests (data/challenges.json) and the user's own cases (notes.json): a
 * name, a call (Python source whose last line is the expression to
 * check) and what it expects: the value it must equal, the exception it
 * must raise, what it must print, or nothing (it must run without an
 * exception: the user's own asserts).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "viva-json-writer.h"

G_BEGIN_DECLS

/* What one case may hold: a case is typed by a person, and is read from
 * files anyone can damage. */
#define VIVA_CODE_CASE_NAME_MAX_SIZE   ((gsize) 256)
#define VIVA_CODE_CASE_CALL_MAX_SIZE   ((gsize) 64 * 1024)
#define VIVA_CODE_CASE_CHECK_MAX_SIZE  ((gsize) 64 * 1024)
#define VIVA_CODE_CASE_OUTPUT_MAX_SIZE ((gsize) 1024 * 1024)
#define VIVA_CODE_CASE_RAISES_MAX_SIZE ((gsize) 100)
/* The most cases one list holds: a challenge's, or a question's own. */
#define VIVA_CODE_CASES_MAX 100

/**
 * VivaCodeCaseCheck:
 * @VIVA_CODE_CASE_EXPECTED: "expected": a Python literal the call's
 *   value must equal (==)
 * @VIVA_CODE_CASE_RAISES: "raises": the name of the exception the call
 *   must raise
 * @VIVA_CODE_CASE_OUTPUT: "output": what the call must print
 *
 * One of what a case may expect, for viva_code_case_new_with_check().
 */
typedef enum
{
  VIVA_CODE_CASE_EXPECTED,
  VIVA_CODE_CASE_RAISES,
  VIVA_CODE_CASE_OUTPUT,
} VivaCodeCaseCheck;

/**
 * VivaCodeCaseRules:
 * @VIVA_CODE_CASE_OWN: the user's own, in notes.json: the name may be
 *   empty, and exactly one of "expected", "raises" and "output" (what
 *   notes.json version 3 has always held, so that every Viva that reads
 *   version 3 reads the file)
 * @VIVA_CODE_CASE_SHIPPED: the challenges' tests: a name, and any of
 *   "expected", "raises" and "output", or none
 * @VIVA_CODE_CASE_RESULT: a case in a test run's saved results
 *   (viva_challenge_results_write()): any of them, shipped, the user's
 *   own or found in the code: the name may be empty, and any of
 *   "expected", "raises" and "output", or none
 *
 * Where a case is read from: the rest of the checks are the same.
 */
typedef enum
{
  VIVA_CODE_CASE_OWN,
  VIVA_CODE_CASE_SHIPPED,
  VIVA_CODE_CASE_RESULT,
} VivaCodeCaseRules;

/**
 * VivaCodeCase:
 * @name: what the case checks, shown to the user ("empty string"); ""
 *   for none
 * @call: Python source; its last line, an expression, is the value
 *   compared ("is_palindrome('')")
 * @expected: (nullable): a Python literal the value must match ("True")
 * @raises: (nullable): the name of the exception the call must raise
 * @output: (nullable): what the call must print
 * @unordered: @expected is a list whose order does not matter
 *
 * A case with none of @expected, @raises and @output passes when its
 * call runs without an exception.
 */
typedef struct
{
  char     *name;
  char     *call;
  char     *expected;
  char     *raises;
  char     *output;
  gboolean  unordered;
} VivaCodeCase;

#define VIVA_TYPE_CODE_CASE (viva_code_case_get_type ())

GType         viva_code_case_get_type        (void) G_GNUC_CONST;
VivaCodeCase *viva_code_case_new             (const char          *name,
                                              const char          *call);
VivaCodeCase *viva_code_case_new_with_check  (const char          *name,
                                              const char          *call,
                                              VivaCodeCaseCheck    check,
                                              const char          *expect);
VivaCodeCase *viva_code_case_copy            (const VivaCodeCase  *self);
void          viva_code_case_free            (VivaCodeCase        *self);
gboolean      viva_code_case_equal           (const VivaCodeCase  *a,
                                              const VivaCodeCase  *b);
gboolean      viva_code_case_is_valid        (const VivaCodeCase  *self,
                                              VivaCodeCaseRules    rules);
VivaCodeCase *viva_code_case_new_from_json   (JsonNode            *node,
                                              VivaCodeCaseRules    rules,
                                              GQuark               domain,
                                              GError             **error);
gboolean      viva_code_case_write           (const VivaCodeCase  *self,
                                              VivaJsonWriter      *writer);

GPtrArray    *viva_code_cases_new            (void);
GPtrArray    *viva_code_cases_copy           (GPtrArray           *cases);
gboolean      viva_code_cases_equal          (GPtrArray           *a,
                                              GPtrArray           *b);
gboolean      viva_code_cases_contain        (GPtrArray           *cases,
                                              const VivaCodeCase  *code_case);
GPtrArray    *viva_code_cases_new_from_json  (JsonNode            *node,
                                              VivaCodeCaseRules    rules,
                                              GQuark               domain,
                                              GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VivaCodeCase, viva_code_case_free)

G_END_DECLS
