/* viva-challenge.c
 *
 * The coding challenges' example tests
 * ====================================
 *
 * data/challenges.json, bundled at RESOURCE_PREFIX/run/challenges.json:
 *
 *   {
 *     "version" : 1,
 *     "challenges" : [
 *       {
 *         "question" : 951,
 *         "entry" : "is_palindrome",
 *         "more-entries" : [],
 *         "starter" : "def is_palindrome(s: str) -> bool:\n    ...\n",
 *         "prelude" : "",
 *         "cases" : [
 *           { "name" : "empty string", "call" : "is_palindrome('')", "expected" : "True" }
 *         ]
 *       }
 *     ]
 *   }
 *
 *  - "question": the question's number in the bundled bank, 1 to
 *    4294967295, once at most. "entry": the function or class the tests
 *    call, a Python name; "more-entries" (optional) the others, such as
 *    962's second function. "starter": the code the editor starts from,
 *    at most 64 KiB. "prelude" (optional): code run before the user's,
 *    such as the TreeNode class the starter mentions, at most 64 KiB.
 *  - "cases": at most 100 per challenge, each a case as below.
 *  - A case: a VivaCodeCase (src/notes/viva-code-case.c, the same type
 *    and reader as the user's own cases in notes.json) read with the
 *    shipped rules: a "name", a "call", and any of "expected", "raises"
 *    and "output", or none; "unordered" for "expected".
 *  - Members this Viva does not know are ignored; a "version" above 1
 *    is refused with a message, and so is anything else out of these
 *    rules: the bundled file is checked by the test suite, so this only
 *    guards against a damaged build.
 *
 * A run sends the driver (viva-challenge-driver.py, whose header says
 * how it runs and compares) a cases.json: "version", "entries" (entry
 * and more-entries), "prelude", "case-time-limit-ms" and "cases" (the
 * shipped cases, then the user's own); and reads back, from its file
 * descriptor 3, one result per case. Those results come from a process
 * that ran the user's code: they are untrusted input like any file,
 * parsed with the same checks, and never abort Viva: that reading is
 * viva-challenge-results.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "viva-challenge-private.h"
#include "viva-data-file.h"

#define CHALLENGES_VERSION     1
#define CHALLENGES_MAX_SIZE    ((gsize) 16 * 1024 * 1024)
#define CHALLENGES_MAX_DEPTH   16
#define CHALLENGES_MAX_COUNT   10000
#define CHALLENGE_MAX_CASES    VIVA_CODE_CASES_MAX
#define CHALLENGE_MAX_CODE     ((gsize) 64 * 1024)
#define NAME_MAX_LENGTH        100


G_STATIC_ASSERT ((int) VIVA_CHALLENGE_ERROR_TOO_LARGE == (int) VIVA_DATA_FILE_ERROR_TOO_LARGE);
G_STATIC_ASSERT ((int) VIVA_CHALLENGE_ERROR_TOO_DEEP == (int) VIVA_DATA_FILE_ERROR_TOO_DEEP);
G_STATIC_ASSERT ((int) VIVA_CHALLENGE_ERROR_INVALID == (int) VIVA_DATA_FILE_ERROR_INVALID);
G_STATIC_ASSERT ((int) VIVA_CHALLENGE_ERROR_FUTURE_VERSION == (int) VIVA_DATA_FILE_ERROR_FUTURE_VERSION);

G_DEFINE_QUARK (viva-challenge-error-quark, viva_challenge_error)

/* --- A challenge ----------------------------------------------------------- */

/* A Python name as the data uses them: ASCII letters, digits and
 * underscores, not starting with a digit. */
gboolean
viva_challenge_is_python_name (const char *text)
{
  gsize len = strlen (text);

  if (len == 0 || len > NAME_MAX_LENGTH || g_ascii_isdigit (text[0]))
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isalnum (text[i]) && text[i] != '_')
        return FALSE;
    }

  return TRUE;
}


struct _VivaChallenge
{
  GObject    parent_instance;

  guint      question;
  char      *entry;
  GStrv      entries;
  char      *starter;
  char      *prelude;
  GPtrArray *cases;
};

G_DEFINE_FINAL_TYPE (VivaChallenge, viva_challenge, G_TYPE_OBJECT)

static void
viva_challenge_finalize (GObject *object)
{
  VivaChallenge *self = (VivaChallenge *)object;

  g_clear_pointer (&self->entry, g_free);
  g_clear_pointer (&self->entries, g_strfreev);
  g_clear_pointer (&self->starter, g_free);
  g_clear_pointer (&self->prelude, g_free);
  g_clear_pointer (&self->cases, g_ptr_array_unref);

  G_OBJECT_CLASS (viva_challenge_parent_class)->finalize (object);
}

static void
viva_challenge_class_init (VivaChallengeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = viva_challenge_finalize;
}

static void
viva_challenge_init (VivaChallenge *self)
{
  self->cases = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_code_case_free);
}

guint
viva_challenge_get_question (VivaChallenge *self)
{
  g_return_val_if_fail (VIVA_IS_CHALLENGE (self), 0);

  return self->question;
}

/* The function or class the tests call. */
const char *
viva_challenge_get_entry (VivaChallenge *self)
{
  g_return_val_if_fail (VIVA_IS_CHALLENGE (self), NULL);

  return self->entry;
}

/* Every name the tests call, the entry first. */
const char * const *
viva_challenge_get_entries (VivaChallenge *self)
{
  g_return_val_if_fail (VIVA_IS_CHALLENGE (self), NULL);

  return (const char * const *) self->entries;
}

const char *
viva_challenge_get_starter (VivaChallenge *self)
{
  g_return_val_if_fail (VIVA_IS_CHALLENGE (self), NULL);

  return self->starter;
}

/* Code run before the user's ("" for none); the starter mentions what
 * it defines. Never shown as the user's code. */
const char *
viva_challenge_get_prelude (VivaChallenge *self)
{
  g_return_val_if_fail (VIVA_IS_CHALLENGE (self), NULL);

  return self->prelude;
}

guint
viva_challenge_get_n_cases (VivaChallenge *self)
{
  g_return_val_if_fail (VIVA_IS_CHALLENGE (self), 0);

  return self->cases->len;
}

const VivaCodeCase *
viva_challenge_get_case (VivaChallenge *self,
                         guint          index)
{
  g_return_val_if_fail (VIVA_IS_CHALLENGE (self), NULL);
  g_return_val_if_fail (index < self->cases->len, NULL);

  return g_ptr_array_index (self->cases, index);
}

static VivaChallenge *
challenge_new_from_json (JsonObject  *object,
                         GError     **error)
{
  g_autoptr(VivaChallenge) self = g_object_new (VIVA_TYPE_CHALLENGE, NULL);
  g_autoptr(GStrvBuilder) entries = g_strv_builder_new ();
  const char *entry;
  const char *starter;
  const char *prelude = "";
  JsonNode *node;
  JsonArray *array;
  gint64 question;

  if (!viva_data_file_get_int_member (object, "question", 1, G_MAXUINT32, &question,
                                      VIVA_CHALLENGE_ERROR, error) ||
      !viva_data_file_get_string_member (object, "entry", 1, NAME_MAX_LENGTH, FALSE, &entry,
                                         VIVA_CHALLENGE_ERROR, error) ||
      !viva_data_file_get_string_member (object, "starter", 0, CHALLENGE_MAX_CODE, FALSE, &starter,
                                         VIVA_CHALLENGE_ERROR, error))
    return NULL;

  if (json_object_has_member (object, "prelude") &&
      !viva_data_file_get_string_member (object, "prelude", 0, CHALLENGE_MAX_CODE, FALSE, &prelude,
                                         VIVA_CHALLENGE_ERROR, error))
    return NULL;

  self->question = (guint) question;
  self->starter = g_strdup (starter);
  self->prelude = g_strdup (prelude);

  if (!viva_challenge_is_python_name (entry))
    {
      g_set_error_literal (error, VIVA_CHALLENGE_ERROR, VIVA_CHALLENGE_ERROR_INVALID,
                           _("“entry” is not a Python name"));
      return NULL;
    }
  self->entry = g_strdup (entry);
  g_strv_builder_add (entries, entry);

  if (json_object_has_member (object, "more-entries"))
    {
      node = json_object_get_member (object, "more-entries");
      if (!JSON_NODE_HOLDS_ARRAY (node) ||
          json_array_get_length (json_node_get_array (node)) > CHALLENGE_MAX_ENTRIES)
        {
          g_set_error_literal (error, VIVA_CHALLENGE_ERROR, VIVA_CHALLENGE_ERROR_INVALID,
                               _("“more-entries” is not a short list of names"));
          return NULL;
        }

      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) ||
              json_node_get_value_type (element) != G_TYPE_STRING ||
              !viva_challenge_is_python_name (json_node_get_string (element)))
            {
              g_set_error_literal (error, VIVA_CHALLENGE_ERROR, VIVA_CHALLENGE_ERROR_INVALID,
                                   _("“more-entries” is not a short list of names"));
              return NULL;
            }
          g_strv_builder_add (entries, json_node_get_string (element));
        }
    }
  self->entries = g_strv_builder_end (entries);

  if (!json_object_has_member (object, "cases") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "cases")))
    {
      g_set_error_literal (error, VIVA_CHALLENGE_ERROR, VIVA_CHALLENGE_ERROR_INVALID,
                           _("“cases” is missing or not a list"));
      return NULL;
    }

  array = json_object_get_array_member (object, "cases");
  if (json_array_get_length (array) > CHALLENGE_MAX_CASES)
    {
      g_set_error (error, VIVA_CHALLENGE_ERROR, VIVA_CHALLENGE_ERROR_INVALID,
                   ngettext ("more than %u case", "more than %u cases", CHALLENGE_MAX_CASES),
                   CHALLENGE_MAX_CASES);
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      VivaCodeCase *test_case;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, VIVA_CHALLENGE_ERROR, VIVA_CHALLENGE_ERROR_INVALID,
                       _("case %u is not an object"), i + 1);
          return NULL;
        }

      test_case = viva_code_case_new_from_json (element, VIVA_CODE_CASE_SHIPPED,
                                                VIVA_CHALLENGE_ERROR, error);
      if (test_case == NULL)
        {
          g_prefix_error (error, _("case %u: "), i + 1);
          return NULL;
        }
      g_ptr_array_add (self->cases, test_case);
    }

  return g_steal_pointer (&self);
}

/* --- The set --------------------------------------------------------------- */

struct _VivaChallengeSet
{
  GObject     parent_instance;

  GPtrArray  *challenges;
  GHashTable *by_question;
};

G_DEFINE_FINAL_TYPE (VivaChallengeSet, viva_challenge_set, G_TYPE_OBJECT)

static void
viva_challenge_set_finalize (GObject *object)
{
  VivaChallengeSet *self = (VivaChallengeSet *)object;

  g_clear_pointer (&self->by_question, g_hash_table_unref);
  g_clear_pointer (&self->challenges, g_ptr_array_unref);

  G_OBJECT_CLASS (viva_challenge_set_parent_class)->finalize (object);
}

static void
viva_challenge_set_class_init (VivaChallengeSetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = viva_challenge_set_finalize;
}

static void
viva_challenge_set_init (VivaChallengeSet *self)
{
  self->challenges = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_question = g_hash_table_new (NULL, NULL);
}

/**
 * viva_challenge_set_new_from_bytes:
 * @bytes: a challenges.json
 * @error: return location for an error
 *
 * Reads the challenges from untrusted bytes: damage gives an error that
 * says where, never a crash; a version above 1 is refused with
 * %VIVA_CHALLENGE_ERROR_FUTURE_VERSION.
 *
 * Returns: (transfer full) (nullable): the challenges
 */
VivaChallengeSet *
viva_challenge_set_new_from_bytes (GBytes  *bytes,
                                   GError **error)
{
  g_autoptr(VivaChallengeSet) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root = NULL;
  JsonArray *array;
  const char *data;
  gsize len;
  gint64 version;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (len > CHALLENGES_MAX_SIZE)
    {
      g_set_error_literal (error, VIVA_CHALLENGE_ERROR, VIVA_CHALLENGE_ERROR_TOO_LARGE,
                           _("The coding challenges’ tests are too large to read."));
      return NULL;
    }

  parser = viva_data_file_parse_json (data != NULL ? data : "", len, CHALLENGES_MAX_DEPTH,
                                      VIVA_CHALLENGE_ERROR, &root, error);
  if (parser == NULL)
    goto damaged;

  switch (viva_data_file_get_version (parser, root, 1, CHALLENGES_VERSION, &version,
                                      VIVA_CHALLENGE_ERROR, error))
    {
    case VIVA_DATA_FILE_VERSION_KNOWN:
      break;

    case VIVA_DATA_FILE_VERSION_NEWER:
      g_prefix_error (error, _("The coding challenges’ tests were written for a newer Viva: "));
      return NULL;

    case VIVA_DATA_FILE_VERSION_INVALID:
      goto damaged;

    default:
      g_assert_not_reached ();
    }

  if (!json_object_has_member (root, "challenges") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "challenges")))
    {
      g_set_error_literal (error, VIVA_CHALLENGE_ERROR, VIVA_CHALLENGE_ERROR_INVALID,
                           _("“challenges” is missing or not a list"));
      goto damaged;
    }

  array = json_object_get_array_member (root, "challenges");
  if (json_array_get_length (array) > CHALLENGES_MAX_COUNT)
    {
      g_set_error (error, VIVA_CHALLENGE_ERROR, VIVA_CHALLENGE_ERROR_INVALID,
                   ngettext ("more than %u challenge", "more than %u challenges", CHALLENGES_MAX_COUNT),
                   CHALLENGES_MAX_COUNT);
      goto damaged;
    }

  self = g_object_new (VIVA_TYPE_CHALLENGE_SET, NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      VivaChallenge *challenge;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, VIVA_CHALLENGE_ERROR, VIVA_CHALLENGE_ERROR_INVALID,
                       _("challenge %u is not an object"), i + 1);
          goto damaged;
        }

      challenge = challenge_new_from_json (json_node_get_object (element), error);
      if (challenge == NULL)
        {
          g_prefix_error (error, _("challenge %u: "), i + 1);
          goto damaged;
        }

      if (g_hash_table_contains (self->by_question, GUINT_TO_POINTER (challenge->question)))
        {
          g_set_error (error, VIVA_CHALLENGE_ERROR, VIVA_CHALLENGE_ERROR_INVALID,
                       _("challenge %u: question %u has tests already"), i + 1, challenge->question);
          g_object_unref (challenge);
          goto damaged;
        }

      g_ptr_array_add (self->challenges, challenge);
      g_hash_table_insert (self->by_question, GUINT_TO_POINTER (challenge->question), challenge);
    }

  return g_steal_pointer (&self);

damaged:
  g_prefix_error (error, _("The coding challenges’ tests are damaged: "));
  return NULL;
}

VivaChallengeSet *
viva_challenge_set_new_from_resource (const char  *path,
                                      GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  return viva_challenge_set_new_from_bytes (bytes, error);
}

/* The tests Viva ships for its bundled bank's coding challenges. */
VivaChallengeSet *
viva_challenge_set_new_bundled (GError **error)
{
  return viva_challenge_set_new_from_resource (RESOURCE_PREFIX "/run/challenges.json", error);
}

guint
viva_challenge_set_get_n_challenges (VivaChallengeSet *self)
{
  g_return_val_if_fail (VIVA_IS_CHALLENGE_SET (self), 0);

  return self->challenges->len;
}

VivaChallenge *
viva_challenge_set_get_challenge (VivaChallengeSet *self,
                                  guint             index)
{
  g_return_val_if_fail (VIVA_IS_CHALLENGE_SET (self), NULL);
  g_return_val_if_fail (index < self->challenges->len, NULL);

  return g_ptr_array_index (self->challenges, index);
}

/**
 * viva_challenge_set_lookup:
 * @self: the challenges
 * @question: a question's number in the bundled bank
 *
 * Returns: (transfer none) (nullable): the question's tests, or %NULL
 *   when Viva ships none for it
 */
VivaChallenge *
viva_challenge_set_lookup (VivaChallengeSet *self,
                           guint             question)
{
  g_return_val_if_fail (VIVA_IS_CHALLENGE_SET (self), NULL);

  return g_hash_table_lookup (self->by_question, GUINT_TO_POINTER (question));
}

/* --- A run ----------------------------------------------------------------- */

/* The script the runner runs for "Run Tests", as
 * `python3 -I /viva/viva-challenge-driver.py`. */
GBytes *
viva_challenge_dup_driver (void)
{
  return g_resources_lookup_data (RESOURCE_PREFIX "/run/viva-challenge-driver.py",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

/**
 * viva_challenge_collect_cases:
 * @challenge: (nullable): the question's shipped tests, if any
 * @own_cases: (nullable) (element-type VivaCodeCase): the user's own
 *
 * The cases of one run, in the order the results will come back: the
 * shipped ones, then the user's own, at most
 * %VIVA_CHALLENGE_MAX_CASES in all.
 *
 * Returns: (transfer full) (element-type VivaCodeCase): copies
 */
GPtrArray *
viva_challenge_collect_cases (VivaChallenge *challenge,
                              GPtrArray     *own_cases)
{
  GPtrArray *cases = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_code_case_free);

  g_return_val_if_fail (challenge == NULL || VIVA_IS_CHALLENGE (challenge), cases);

  for (guint i = 0; challenge != NULL && i < challenge->cases->len; i++)
    g_ptr_array_add (cases, viva_code_case_copy (g_ptr_array_index (challenge->cases, i)));

  for (guint i = 0; own_cases != NULL && i < own_cases->len; i++)
    {
      if (cases->len >= VIVA_CHALLENGE_MAX_CASES)
        break;
      g_ptr_array_add (cases, viva_code_case_copy (g_ptr_array_index (own_cases, i)));
    }

  return cases;
}

static GBytes *
build_cases_json (VivaChallenge *challenge,
                  GPtrArray     *cases,
                  guint          case_time_limit_ms,
                  gint           discover)
{
  VivaJsonWriter writer;
  gboolean ok = TRUE;

  viva_json_writer_init (&writer, 4096);
  viva_json_writer_begin_object (&writer);
  viva_json_writer_member (&writer, "version");
  viva_json_writer_int (&writer, 1);

  viva_json_writer_member (&writer, "entries");
  viva_json_writer_begin_array (&writer);
  for (guint i = 0; challenge != NULL && challenge->entries[i] != NULL; i++)
    viva_json_writer_string (&writer, challenge->entries[i]);
  viva_json_writer_end_array (&writer);

  viva_json_writer_member (&writer, "prelude");
  ok &= viva_json_writer_string (&writer, challenge != NULL ? challenge->prelude : "");

  if (case_time_limit_ms > 0)
    {
      viva_json_writer_member (&writer, "case-time-limit-ms");
      viva_json_writer_int (&writer, MIN (case_time_limit_ms, 3600000));
    }

  if (discover >= 0)
    {
      viva_json_writer_member (&writer, "discover");
      viva_json_writer_int (&writer, discover);
    }

  viva_json_writer_member (&writer, "cases");
  viva_json_writer_begin_array (&writer);
  for (guint i = 0; i < cases->len; i++)
    ok &= viva_code_case_write (g_ptr_array_index (cases, i), &writer);
  viva_json_writer_end_array (&writer);
  viva_json_writer_end_object (&writer);

  if (!ok)
    {
      viva_json_writer_clear (&writer);
      return NULL;
    }

  return viva_json_writer_free_to_bytes (&writer);
}

/**
 * viva_challenge_build_cases_json:
 * @challenge: (nullable): the question's shipped tests, for the names
 *   the code must define and the prelude; %NULL when only the user's
 *   own cases run
 * @cases: (element-type VivaCodeCase): what
 *   viva_challenge_collect_cases() gave
 * @case_time_limit_ms: how long one case may run, 0 for the driver's
 *   default (5 seconds)
 *
 * Returns: (transfer full) (nullable): the driver's /viva/cases.json, or
 *   %NULL when a case's text is not UTF-8
 */
GBytes *
viva_challenge_build_cases_json (VivaChallenge *challenge,
                                 GPtrArray     *cases,
                                 guint          case_time_limit_ms)
{
  g_return_val_if_fail (challenge == NULL || VIVA_IS_CHALLENGE (challenge), NULL);
  g_return_val_if_fail (cases != NULL, NULL);

  return build_cases_json (challenge, cases, case_time_limit_ms, -1);
}

/**
 * viva_challenge_build_discover_json:
 * @cases: (element-type VivaCodeCase): the user's own cases, as
 *   viva_challenge_collect_cases() gave them for no challenge
 * @max_found: how many test_ functions the driver may run, at most
 *   %VIVA_CHALLENGE_MAX_CASES less the cases
 * @case_time_limit_ms: how long one case may run, 0 for the driver's
 *   default (5 seconds)
 *
 * The cases.json of a Run Tests with no challenge: the driver runs
 * @cases, then finds the tests the code holds (its top-level asserts,
 * as one case, and up to @max_found test_ functions that take no
 * argument) and runs them as cases of their own.
 *
 * Returns: (transfer full) (nullable): the driver's /viva/cases.json, or
 *   %NULL when a case's text is not UTF-8
 */
GBytes *
viva_challenge_build_discover_json (GPtrArray *cases,
                                    guint      max_found,
                                    guint      case_time_limit_ms)
{
  g_return_val_if_fail (cases != NULL, NULL);

  max_found = MIN (max_found, VIVA_CHALLENGE_MAX_CASES - MIN (cases->len, VIVA_CHALLENGE_MAX_CASES));

  return build_cases_json (NULL, cases, case_time_limit_ms, (gint) max_found);
}

/**
 * viva_challenge_count_test_names:
 * @code: Python source, UTF-8
 *
 * How many times a name that starts with "test_" appears in @code: at
 * least as many as the test_ functions the driver can find in it, but
 * for functions whose names the code builds at run time. The whole
 * run's time limit allows one case limit for each.
 *
 * Returns: the count, at most %VIVA_CODE_CASES_MAX
 */
guint
viva_challenge_count_test_names (const char *code)
{
  guint count = 0;

  g_return_val_if_fail (code != NULL, 0);

  for (const char *p = strstr (code, "test_"); p != NULL && count < VIVA_CODE_CASES_MAX;
       p = strstr (p + 1, "test_"))
    {
      guchar before = p > code ? (guchar) p[-1] : ' ';

      /* "latest_x", "my_test_x" and "éétest_x" are not test_ names. */
      if (before >= 0x80 || g_ascii_isalnum (before) || before == '_')
        continue;
      count++;
    }

  return count;
}
