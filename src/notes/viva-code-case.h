/* viva-code-case.h
 *
 * One test case of a coding question, in the format challenge tests use
 * (data/challenges.json) and that the user's own cases are saved in
 * (notes.json): a name, a call (Python source whose last line is the
 * expression to check) and one check: the value it must equal, the
 * exception it must raise, or the output it must print.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What one case may hold: a case is typed by a person, and is read from
 * files anyone can damage. */
#define VIVA_CODE_CASE_NAME_MAX_SIZE ((gsize) 256)
#define VIVA_CODE_CASE_CALL_MAX_SIZE ((gsize) 64 * 1024)
#define VIVA_CODE_CASE_CHECK_MAX_SIZE ((gsize) 64 * 1024)
#define VIVA_CODE_CASES_MAX 100

/**
 * VivaCodeCaseCheck:
 * @VIVA_CODE_CASE_EXPECTED: "expected": a Python literal the call's
 *   value must equal (==)
 * @VIVA_CODE_CASE_RAISES: "raises": the name of the exception the call
 *   must raise
 * @VIVA_CODE_CASE_OUTPUT: "output": what the call must print
 */
typedef enum
{
  VIVA_CODE_CASE_EXPECTED,
  VIVA_CODE_CASE_RAISES,
  VIVA_CODE_CASE_OUTPUT,
} VivaCodeCaseCheck;

typedef struct
{
  char              *name;
  char              *call;
  /* The value of the member @check names */
  char              *expect;
  VivaCodeCaseCheck  check;
} VivaCodeCase;

#define VIVA_TYPE_CODE_CASE (viva_code_case_get_type ())

GType         viva_code_case_get_type       (void) G_GNUC_CONST;
VivaCodeCase *viva_code_case_new            (const char          *name,
                                             const char          *call,
                                             VivaCodeCaseCheck    check,
                                             const char          *expect);
VivaCodeCase *viva_code_case_copy           (const VivaCodeCase  *self);
void          viva_code_case_free           (VivaCodeCase        *self);
gboolean      viva_code_case_equal          (const VivaCodeCase  *a,
                                             const VivaCodeCase  *b);
const char   *viva_code_case_check_to_member (VivaCodeCaseCheck   check);
VivaCodeCase *viva_code_case_new_from_json  (JsonNode            *node,
                                             GQuark               domain,
                                             gint                 code,
                                             GError             **error);

GPtrArray    *viva_code_cases_new           (void);
GPtrArray    *viva_code_cases_copy          (GPtrArray           *cases);
gboolean      viva_code_cases_equal         (GPtrArray           *a,
                                             GPtrArray           *b);
gboolean      viva_code_cases_contain       (GPtrArray           *cases,
                                             const VivaCodeCase  *code_case);
GPtrArray    *viva_code_cases_new_from_json (JsonNode            *node,
                                             GQuark               domain,
                                             gint                 code,
                                             GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VivaCodeCase, viva_code_case_free)

G_END_DECLS
