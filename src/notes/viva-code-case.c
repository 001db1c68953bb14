/* viva-code-case.c
 *
 * A test case as JSON (the same in data/challenges.json and in
 * notes.json):
 *
 *   { "name" : "empty string",
 *     "call" : "is_palindrome('')",
 *     "expected" : "True" }
 *
 * "name" is optional (at most 256 bytes), "call" is required and not
 * empty, and exactly one of "expected", "raises" and "output" is there;
 * each string is UTF-8, "call" and the check at most 64 KiB. Other
 * members are ignored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "viva-code-case.h"

G_DEFINE_BOXED_TYPE (VivaCodeCase, viva_code_case, viva_code_case_copy, viva_code_case_free)

static const char * const check_members[] = { "expected", "raises", "output" };

VivaCodeCase *
viva_code_case_new (const char        *name,
                    const char        *call,
                    VivaCodeCaseCheck  check,
                    const char        *expect)
{
  VivaCodeCase *self;

  g_return_val_if_fail (check <= VIVA_CODE_CASE_OUTPUT, NULL);

  self = g_new0 (VivaCodeCase, 1);
  self->name = g_strdup (name ? name : "");
  self->call = g_strdup (call ? call : "");
  self->check = check;
  self->expect = g_strdup (expect ? expect : "");

  return self;
}

VivaCodeCase *
viva_code_case_copy (const VivaCodeCase *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return viva_code_case_new (self->name, self->call, self->check, self->expect);
}

void
viva_code_case_free (VivaCodeCase *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  g_free (self->call);
  g_free (self->expect);
  g_free (self);
}

gboolean
viva_code_case_equal (const VivaCodeCase *a,
                      const VivaCodeCase *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->check == b->check &&
         g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->call, b->call) == 0 &&
         g_strcmp0 (a->expect, b->expect) == 0;
}

/* The JSON member that holds a case's check: "expected", "raises" or
 * "output". */
const char *
viva_code_case_check_to_member (VivaCodeCaseCheck check)
{
  g_return_val_if_fail (check <= VIVA_CODE_CASE_OUTPUT, NULL);

  return check_members[check];
}

static gboolean
get_string (JsonObject  *object,
            const char  *name,
            gboolean     required,
            gsize        min_size,
            gsize        max_size,
            const char **out,
            GQuark       domain,
            gint         code,
            GError     **error)
{
  JsonNode *node;
  gsize len;

  *out = NULL;

  if (!json_object_has_member (object, name))
    {
      if (required)
        g_set_error (error, domain, code, _("“%s” is missing"), name);
      return !required;
    }

  node = json_object_get_member (object, name);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, domain, code, _("“%s” is not a string"), name);
      return FALSE;
    }

  *out = json_node_get_string (node);
  len = strlen (*out);

  if (len < min_size)
    {
      g_set_error (error, domain, code, _("“%s” is empty"), name);
      return FALSE;
    }

  if (len > max_size)
    {
      g_autofree char *max = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, domain, code, _("“%s” is longer than %s"), name, max);
      return FALSE;
    }

  if (!g_utf8_validate (*out, len, NULL))
    {
      g_set_error (error, domain, code, _("“%s” is not UTF-8"), name);
      return FALSE;
    }

  return TRUE;
}

/**
 * viva_code_case_new_from_json:
 * @node: a case as JSON, untrusted
 * @domain: the error domain to report in
 * @code: the error code for a case that is not valid
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the case, or %NULL with @error
 *   set when @node is not a valid case
 */
VivaCodeCase *
viva_code_case_new_from_json (JsonNode  *node,
                              GQuark     domain,
                              gint       code,
                              GError   **error)
{
  JsonObject *object;
  const char *name;
  const char *call;
  const char *expect = NULL;
  VivaCodeCaseCheck check = VIVA_CODE_CASE_EXPECTED;
  guint n_checks = 0;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, domain, code, _("a test case is not an object"));
      return NULL;
    }

  object = json_node_get_object (node);

  if (!get_string (object, "name", FALSE, 0, VIVA_CODE_CASE_NAME_MAX_SIZE, &name, domain, code, error) ||
      !get_string (object, "call", TRUE, 1, VIVA_CODE_CASE_CALL_MAX_SIZE, &call, domain, code, error))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (check_members); i++)
    {
      const char *value;

      if (!get_string (object, check_members[i], FALSE, 0, VIVA_CODE_CASE_CHECK_MAX_SIZE,
                       &value, domain, code, error))
        return NULL;

      if (value != NULL)
        {
          n_checks++;
          check = (VivaCodeCaseCheck) i;
          expect = value;
        }
    }

  if (n_checks != 1)
    {
      g_set_error_literal (error, domain, code,
                           n_checks == 0
                             ? _("a test case has none of “expected”, “raises” and “output”")
                             : _("a test case has more than one of “expected”, “raises” and “output”"));
      return NULL;
    }

  /* An exception is named, never empty; "expected" and "output" may
   * be (an empty string's repr is not empty, but printing nothing is a
   * fair expectation). */
  if (check == VIVA_CODE_CASE_RAISES && expect[0] == '\0')
    {
      g_set_error_literal (error, domain, code, _("“raises” is empty"));
      return NULL;
    }
  if (check == VIVA_CODE_CASE_EXPECTED && expect[0] == '\0')
    {
      g_set_error_literal (error, domain, code, _("“expected” is empty"));
      return NULL;
    }

  return viva_code_case_new (name, call, check, expect);
}

/* A list of cases: a GPtrArray of VivaCodeCase that frees them. */
GPtrArray *
viva_code_cases_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) viva_code_case_free);
}

/**
 * viva_code_cases_copy:
 * @cases: (nullable) (element-type VivaCodeCase): cases
 *
 * Returns: (transfer full) (element-type VivaCodeCase): a deep copy; an
 *   empty list for %NULL
 */
GPtrArray *
viva_code_cases_copy (GPtrArray *cases)
{
  GPtrArray *copy = viva_code_cases_new ();

  for (guint i = 0; cases != NULL && i < cases->len; i++)
    g_ptr_array_add (copy, viva_code_case_copy (g_ptr_array_index (cases, i)));

  return copy;
}

/* Whether two lists hold equal cases in the same order; %NULL is the
 * empty list. */
gboolean
viva_code_cases_equal (GPtrArray *a,
                       GPtrArray *b)
{
  guint na = a != NULL ? a->len : 0;
  guint nb = b != NULL ? b->len : 0;

  if (na != nb)
    return FALSE;

  for (guint i = 0; i < na; i++)
    {
      if (!viva_code_case_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
        return FALSE;
    }

  return TRUE;
}

gboolean
viva_code_cases_contain (GPtrArray          *cases,
                         const VivaCodeCase *code_case)
{
  for (guint i = 0; cases != NULL && i < cases->len; i++)
    {
      if (viva_code_case_equal (g_ptr_array_index (cases, i), code_case))
        return TRUE;
    }

  return FALSE;
}

/**
 * viva_code_cases_new_from_json:
 * @node: a list of cases as JSON, untrusted
 * @domain: the error domain to report in
 * @code: the error code for a list that is not valid
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable) (element-type VivaCodeCase): the
 *   cases, or %NULL with @error set: a list that is not one, holds more
 *   than %VIVA_CODE_CASES_MAX cases or a case that is not valid
 */
GPtrArray *
viva_code_cases_new_from_json (JsonNode  *node,
                               GQuark     domain,
                               gint       code,
                               GError   **error)
{
  g_autoptr(GPtrArray) cases = NULL;
  JsonArray *array;
  guint len;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, domain, code, _("the test cases are not a list"));
      return NULL;
    }

  array = json_node_get_array (node);
  len = json_array_get_length (array);

  if (len > VIVA_CODE_CASES_MAX)
    {
      g_set_error (error, domain, code, _("there are more than %u test cases"),
                   (guint) VIVA_CODE_CASES_MAX);
      return NULL;
    }

  cases = viva_code_cases_new ();

  for (guint i = 0; i < len; i++)
    {
      VivaCodeCase *code_case;

      code_case = viva_code_case_new_from_json (json_array_get_element (array, i), domain, code, error);
      if (code_case == NULL)
        {
          g_prefix_error (error, _("test case %u: "), i + 1);
          return NULL;
        }

      g_ptr_array_add (cases, code_case);
    }

  return g_steal_pointer (&cases);
}
