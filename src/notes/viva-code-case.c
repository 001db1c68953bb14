/* viva-code-case.c
 *
 * A test case as JSON, the same in data/challenges.json and in
 * notes.json:
 *
 *   { "name" : "empty string",
 *     "call" : "is_palindrome('')",
 *     "expected" : "True" }
 *
 * "call" is required and not empty, at most 64 KiB. "name" is at most
 * 256 bytes; a shipped case must have one, the user's own may leave it
 * out or empty. What the case expects: "expected" (a Python literal, not
 * empty, at most 64 KiB), "raises" (the name of an exception: ASCII
 * letters, digits and underscores, at most 100 bytes) and "output"
 * (at most 1 MiB); a shipped case may have any of them or none, the
 * user's own exactly one (see VivaCodeCaseRules). "unordered", true or
 * false, compares a list or a tuple as a multiset. Every string is UTF-8
 * without NUL. Other members are ignored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "viva-code-case.h"
#include "viva-data-file.h"

G_DEFINE_BOXED_TYPE (VivaCodeCase, viva_code_case, viva_code_case_copy, viva_code_case_free)

/**
 * viva_code_case_new:
 * @name: (nullable): what it checks; %NULL for none
 * @call: the Python source it runs
 *
 * Returns: (transfer full): a case that expects nothing yet; set
 *   @expected, @raises, @output (g_strdup()) for what it expects
 */
VivaCodeCase *
viva_code_case_new (const char *name,
                    const char *call)
{
  VivaCodeCase *self = g_new0 (VivaCodeCase, 1);

  self->name = g_strdup (name ? name : "");
  self->call = g_strdup (call ? call : "");

  return self;
}

/**
 * viva_code_case_new_with_check:
 * @name: (nullable): what it checks
 * @call: the Python source it runs
 * @check: what it expects
 * @expect: (nullable): the value, the exception's name or the output
 *
 * Returns: (transfer full): a case that expects one thing, as the
 *   user's own do
 */
VivaCodeCase *
viva_code_case_new_with_check (const char        *name,
                               const char        *call,
                               VivaCodeCaseCheck  check,
                               const char        *expect)
{
  VivaCodeCase *self;

  g_return_val_if_fail (check <= VIVA_CODE_CASE_OUTPUT, NULL);

  self = viva_code_case_new (name, call);
  switch (check)
    {
    case VIVA_CODE_CASE_EXPECTED:
      self->expected = g_strdup (expect ? expect : "");
      break;
    case VIVA_CODE_CASE_RAISES:
      self->raises = g_strdup (expect ? expect : "");
      break;
    case VIVA_CODE_CASE_OUTPUT:
      self->output = g_strdup (expect ? expect : "");
      break;
    default:
      g_assert_not_reached ();
    }

  return self;
}

VivaCodeCase *
viva_code_case_copy (const VivaCodeCase *self)
{
  VivaCodeCase *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = viva_code_case_new (self->name, self->call);
  copy->expected = g_strdup (self->expected);
  copy->raises = g_strdup (self->raises);
  copy->output = g_strdup (self->output);
  copy->unordered = self->unordered;

  return copy;
}

void
viva_code_case_free (VivaCodeCase *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  g_free (self->call);
  g_free (self->expected);
  g_free (self->raises);
  g_free (self->output);
  g_free (self);
}

gboolean
viva_code_case_equal (const VivaCodeCase *a,
                      const VivaCodeCase *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->call, b->call) == 0 &&
         g_strcmp0 (a->expected, b->expected) == 0 &&
         g_strcmp0 (a->raises, b->raises) == 0 &&
         g_strcmp0 (a->output, b->output) == 0 &&
         !a->unordered == !b->unordered;
}

/* The name of an exception as a case names it: ASCII letters, digits
 * and underscores, not starting with a digit. */
static gboolean
is_exception_name (const char *text)
{
  gsize len = strlen (text);

  if (len == 0 || len > VIVA_CODE_CASE_RAISES_MAX_SIZE || g_ascii_isdigit (text[0]))
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isalnum (text[i]) && text[i] != '_')
        return FALSE;
    }

  return TRUE;
}

static guint
count_checks (const VivaCodeCase *self)
{
  return (self->expected != NULL) + (self->raises != NULL) + (self->output != NULL);
}

/**
 * viva_code_case_is_valid:
 * @self: a case
 * @rules: where it is to be written
 *
 * Whether @self may be written where @rules say: what
 * viva_code_case_new_from_json() would read back, but for UTF-8, which
 * the writer checks.
 */
gboolean
viva_code_case_is_valid (const VivaCodeCase *self,
                         VivaCodeCaseRules   rules)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->call == NULL || self->call[0] == '\0' ||
      strlen (self->call) > VIVA_CODE_CASE_CALL_MAX_SIZE)
    return FALSE;

  if (self->name != NULL && strlen (self->name) > VIVA_CODE_CASE_NAME_MAX_SIZE)
    return FALSE;
  if (rules == VIVA_CODE_CASE_SHIPPED && (self->name == NULL || self->name[0] == '\0'))
    return FALSE;

  if (self->expected != NULL &&
      (self->expected[0] == '\0' || strlen (self->expected) > VIVA_CODE_CASE_CHECK_MAX_SIZE))
    return FALSE;
  if (self->raises != NULL && !is_exception_name (self->raises))
    return FALSE;
  if (self->output != NULL && strlen (self->output) > VIVA_CODE_CASE_OUTPUT_MAX_SIZE)
    return FALSE;

  return rules != VIVA_CODE_CASE_OWN || count_checks (self) == 1;
}

static gboolean
get_optional_string (JsonObject  *object,
                     const char  *name,
                     gsize        min_size,
                     gsize        max_size,
                     char       **out,
                     GQuark       domain,
                     GError     **error)
{
  const char *value = NULL;

  if (!json_object_has_member (object, name))
    return TRUE;

  if (!viva_data_file_get_string_member (object, name, min_size, max_size, FALSE, &value,
                                         domain, error))
    return FALSE;

  *out = g_strdup (value);

  return TRUE;
}

/**
 * viva_code_case_new_from_json:
 * @node: a case as JSON, untrusted
 * @rules: where it was read from
 * @domain: the error domain to report in; its code for a file that is
 *   not valid is that of %VIVA_DATA_FILE_ERROR_INVALID
 * @error: return location for an error
 *
 * Reads and checks a case: every member's type and size (see the top of
 * this file).
 *
 * Returns: (transfer full) (nullable): the case, or %NULL with @error
 *   set when @node is not a valid case
 */
VivaCodeCase *
viva_code_case_new_from_json (JsonNode           *node,
                              VivaCodeCaseRules   rules,
                              GQuark              domain,
                              GError            **error)
{
  g_autoptr(VivaCodeCase) self = NULL;
  JsonObject *object;
  const char *name = NULL;
  const char *call;
  guint n_checks;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, domain, VIVA_DATA_FILE_ERROR_INVALID,
                           _("a test case is not an object"));
      return NULL;
    }

  object = json_node_get_object (node);

  if ((rules == VIVA_CODE_CASE_SHIPPED || json_object_has_member (object, "name")) &&
      !viva_data_file_get_string_member (object, "name", rules == VIVA_CODE_CASE_SHIPPED ? 1 : 0,
                                         VIVA_CODE_CASE_NAME_MAX_SIZE, FALSE, &name, domain, error))
    return NULL;
  if (!viva_data_file_get_string_member (object, "call", 1, VIVA_CODE_CASE_CALL_MAX_SIZE,
                                         FALSE, &call, domain, error))
    return NULL;

  self = viva_code_case_new (name, call);

  if (!get_optional_string (object, "expected", 1, VIVA_CODE_CASE_CHECK_MAX_SIZE,
                            &self->expected, domain, error) ||
      !get_optional_string (object, "raises", 1, VIVA_CODE_CASE_CHECK_MAX_SIZE,
                            &self->raises, domain, error) ||
      !get_optional_string (object, "output", 0, VIVA_CODE_CASE_OUTPUT_MAX_SIZE,
                            &self->output, domain, error))
    return NULL;

  if (self->raises != NULL && !is_exception_name (self->raises))
    {
      g_set_error_literal (error, domain, VIVA_DATA_FILE_ERROR_INVALID,
                           _("“raises” is not the name of an exception"));
      return NULL;
    }

  n_checks = count_checks (self);
  if (rules == VIVA_CODE_CASE_OWN && n_checks != 1)
    {
      g_set_error_literal (error, domain, VIVA_DATA_FILE_ERROR_INVALID,
                           n_checks == 0
                             ? _("a test case has none of “expected”, “raises” and “output”")
                             : _("a test case has more than one of “expected”, “raises” and “output”"));
      return NULL;
    }

  if (json_object_has_member (object, "unordered"))
    {
      gboolean missing;
      JsonNode *value = viva_json_object_get_value_member (object, "unordered",
                                                           G_TYPE_BOOLEAN, &missing);

      if (value == NULL)
        {
          g_set_error_literal (error, domain, VIVA_DATA_FILE_ERROR_INVALID,
                               _("“unordered” is not true or false"));
          return NULL;
        }
      self->unordered = json_node_get_boolean (value);
    }

  return g_steal_pointer (&self);
}

/**
 * viva_code_case_write:
 * @self: a case
 * @writer: where to write it, as one JSON object
 *
 * Writes the case in the form viva_code_case_new_from_json() reads:
 * "name" (always, "" for none), "call", what it expects in the order
 * "expected", "raises", "output", and "unordered" only when true.
 *
 * Returns: %FALSE when a text of the case is not UTF-8 (the document is
 *   then to be dropped, as with viva_json_writer_string())
 */
gboolean
viva_code_case_write (const VivaCodeCase *self,
                      VivaJsonWriter     *writer)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (writer != NULL, FALSE);

  viva_json_writer_begin_object (writer);
  viva_json_writer_member (writer, "name");
  ok &= viva_json_writer_string (writer, self->name ? self->name : "");
  viva_json_writer_member (writer, "call");
  ok &= viva_json_writer_string (writer, self->call);
  if (self->expected != NULL)
    {
      viva_json_writer_member (writer, "expected");
      ok &= viva_json_writer_string (writer, self->expected);
    }
  if (self->raises != NULL)
    {
      viva_json_writer_member (writer, "raises");
      ok &= viva_json_writer_string (writer, self->raises);
    }
  if (self->output != NULL)
    {
      viva_json_writer_member (writer, "output");
      ok &= viva_json_writer_string (writer, self->output);
    }
  if (self->unordered)
    {
      viva_json_writer_member (writer, "unordered");
      viva_json_writer_boolean (writer, TRUE);
    }
  viva_json_writer_end_object (writer);

  return ok;
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
 * @rules: where it was read from
 * @domain: the error domain to report in (as viva_code_case_new_from_json())
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable) (element-type VivaCodeCase): the
 *   cases, or %NULL with @error set: a list that is not one, holds more
 *   than %VIVA_CODE_CASES_MAX cases or a case that is not valid
 */
GPtrArray *
viva_code_cases_new_from_json (JsonNode           *node,
                               VivaCodeCaseRules   rules,
                               GQuark              domain,
                               GError            **error)
{
  g_autoptr(GPtrArray) cases = NULL;
  JsonArray *array;
  guint len;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, domain, VIVA_DATA_FILE_ERROR_INVALID,
                           _("the test cases are not a list"));
      return NULL;
    }

  array = json_node_get_array (node);
  len = json_array_get_length (array);

  if (len > VIVA_CODE_CASES_MAX)
    {
      g_set_error (error, domain, VIVA_DATA_FILE_ERROR_INVALID,
                   ngettext ("there are more than %u test case",
                             "there are more than %u test cases",
                             VIVA_CODE_CASES_MAX),
                   (guint) VIVA_CODE_CASES_MAX);
      return NULL;
    }

  cases = viva_code_cases_new ();

  for (guint i = 0; i < len; i++)
    {
      VivaCodeCase *code_case;

      code_case = viva_code_case_new_from_json (json_array_get_element (array, i), rules,
                                                domain, error);
      if (code_case == NULL)
        {
          g_prefix_error (error, _("test case %u: "), i + 1);
          return NULL;
        }

      g_ptr_array_add (cases, code_case);
    }

  return g_steal_pointer (&cases);
}
