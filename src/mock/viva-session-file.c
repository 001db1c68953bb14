/* viva-session-file.c
 *
 * Where the mock interviews live
 * ==============================
 *
 * $XDG_DATA_HOME/io.github.vivaprep.Viva/sessions/ (usually
 * ~/.local/share/io.github.vivaprep.Viva/sessions/), created 0700, one
 * file per session named after its id, mode 0600:
 *
 *   2026-11-24T01-02-03-5f3a09c1.json
 *   {
 *     "format" : "viva-mock-session",
 *     "version" : 1,
 *     "id" : "2026-11-24T01-02-03-5f3a09c1",
 *     "bank" : {
 *       "id" : "python-interview-questions",
 *       "title" : "Python Interview Questions: 1-1000"
 *     },
 *     "created" : "2026-11-24T01:02:03.123456Z",
 *     "finished" : null,
 *     "setup" : {
 *       "seed" : "9407139216563461467",
 *       "random-order" : true,
 *       "budget-mode" : "per-level",
 *       "total-budget" : 0,
 *       "auto-advance" : false
 *     },
 *     "state" : "paused",
 *     "current" : 1,
 *     "items" : [
 *       {
 *         "number" : 42,
 *         "level" : 1,
 *         "level-title" : "Level 1: Beginner",
 *         "topic" : "Strings",
 *         "question" : "How do you reverse a string?",
 *         "budget" : 120000000,
 *         "spent" : 95000000,
 *         "skipped" : false,
 *         "answer" : "Slicing: s[::-1]…",
 *         "rating" : "none"
 *       }
 *     ]
 *   }
 *
 *  - "id" is the file name without ".json": 1 to 64 ASCII letters,
 *    digits, "-" and "_", starting with a letter or digit; a file whose
 *    "id" is not its name is not loaded (a copy would share its file).
 *  - "bank": the id (1 to 256 bytes) and title (at most 4 KiB) of the
 *    bank the questions came from.
 *  - "created" and "finished": ISO 8601 UTC with microseconds, as in
 *    notes.json; "finished" is null until "state" is "finished", and set
 *    from then on.
 *  - "setup": "seed" is the random order's seed as a decimal string (a
 *    64-bit unsigned number, which JSON numbers cannot all carry), "0"
 *    for bank order; "budget-mode" is "per-level" or "total";
 *    "total-budget" is in microseconds, 0 in per-level mode.
 *  - "state" is "not-started", "running", "paused" or "finished";
 *    "current" is the index of the current item, 0 to the number of
 *    items.
 *  - "items": 1 to 50 questions in the order asked. "number" and
 *    "level" are 1 to 4294967295; "level-title" and "topic" (null for a
 *    level without topics, else 1 byte to 4 KiB) and "question" (at
 *    most 64 KiB) are copied from the bank; "budget" (0 when the
 *    interview has one budget) and "spent" are microseconds, at most
 *    1,000 hours; "answer" is Markdown, at most 1 MiB; "rating" is
 *    "none", "again", "hard", "good" or "easy".
 *  - All members are required; others are ignored, so that a later
 *    version may add some without changing "version". A file whose
 *    "version" is higher than 1 is listed read-only and never written.
 *
 * Next to them:
 *  - <id>.json.bak: the previous version of the file, kept at every save;
 *  - .lock: an empty file that Viva processes flock() while they save,
 *    move aside or delete a session;
 *  - <id>.json.corrupt-YYYYMMDD-HHMMSS: a session file that could not be
 *    read, moved aside unchanged (with -2, -3… when that name is taken);
 *  - <id>.json.XXXXXX and <id>.json.bak.new, briefly, while saving.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "viva-mock-session-private.h"
#include "viva-session-file.h"
#include "viva-session-store.h"

/* Tries of a load whose file keeps being replaced while we look at it. */
#define MAX_LOAD_ATTEMPTS 3

/* The shared reading code reports in our domain with its own codes. */
G_STATIC_ASSERT ((int) VIVA_SESSION_STORE_ERROR_TOO_LARGE == (int) VIVA_DATA_FILE_ERROR_TOO_LARGE);
G_STATIC_ASSERT ((int) VIVA_SESSION_STORE_ERROR_TOO_DEEP == (int) VIVA_DATA_FILE_ERROR_TOO_DEEP);
G_STATIC_ASSERT ((int) VIVA_SESSION_STORE_ERROR_INVALID == (int) VIVA_DATA_FILE_ERROR_INVALID);

VivaSessionReadResult
viva_session_read_result_from_error (const GError *error)
{
  if (error == NULL)
    return VIVA_SESSION_READ_OK;

  if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    return VIVA_SESSION_READ_MISSING;

  if (g_error_matches (error, VIVA_SESSION_STORE_ERROR, VIVA_SESSION_STORE_ERROR_FUTURE_VERSION))
    return VIVA_SESSION_READ_FUTURE;

  if (g_error_matches (error, VIVA_SESSION_STORE_ERROR, VIVA_SESSION_STORE_ERROR_TOO_LARGE) ||
      g_error_matches (error, VIVA_SESSION_STORE_ERROR, VIVA_SESSION_STORE_ERROR_TOO_DEEP) ||
      g_error_matches (error, VIVA_SESSION_STORE_ERROR, VIVA_SESSION_STORE_ERROR_INVALID))
    return VIVA_SESSION_READ_DAMAGED;

  return VIVA_SESSION_READ_UNREADABLE;
}

/* Reading */

static gboolean
set_invalid (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, VIVA_SESSION_STORE_ERROR, VIVA_SESSION_STORE_ERROR_INVALID, message);
  return FALSE;
}

static JsonObject *
get_object_member (JsonObject  *object,
                   const char  *name,
                   GError     **error)
{
  JsonNode *node;

  if (!json_object_has_member (object, name))
    {
      g_set_error (error, VIVA_SESSION_STORE_ERROR, VIVA_SESSION_STORE_ERROR_INVALID,
                   _("“%s” is missing"), name);
      return NULL;
    }

  node = json_object_get_member (object, name);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, VIVA_SESSION_STORE_ERROR, VIVA_SESSION_STORE_ERROR_INVALID,
                   _("“%s” is not an object"), name);
      return NULL;
    }

  return json_node_get_object (node);
}

static gboolean
get_boolean_member (JsonObject  *object,
                    const char  *name,
                    gboolean    *out,
                    GError     **error)
{
  JsonNode *node;
  gboolean missing;

  node = viva_json_object_get_value_member (object, name, G_TYPE_BOOLEAN, &missing);
  if (node == NULL)
    {
      g_set_error (error, VIVA_SESSION_STORE_ERROR, VIVA_SESSION_STORE_ERROR_INVALID,
                   missing ? _("“%s” is missing") : _("“%s” is not true or false"), name);
      return FALSE;
    }

  *out = json_node_get_boolean (node);

  return TRUE;
}

/* A decimal string, no sign, no leading zero, up to G_MAXUINT64. */
static gboolean
parse_seed (const char *text,
            guint64    *seed)
{
  guint64 value = 0;
  gsize len = strlen (text);

  if (len == 0 || len > 20 || (text[0] == '0' && len > 1))
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      guint digit;

      if (text[i] < '0' || text[i] > '9')
        return FALSE;

      digit = (guint) (text[i] - '0');
      if (value > (G_MAXUINT64 - digit) / 10)
        return FALSE;

      value = value * 10 + digit;
    }

  *seed = value;

  return TRUE;
}

static gboolean
parse_item (JsonNode      *node,
            VivaMockItem  *item,
            GError       **error)
{
  JsonObject *object;
  const char *text;
  gint64 value;
  gboolean flag;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return set_invalid (error, _("it is not an object"));

  object = json_node_get_object (node);

  if (!viva_data_file_get_int_member (object, "number", 1, G_MAXUINT32, &value, VIVA_SESSION_STORE_ERROR, error))
    return FALSE;
  item->number = (guint) value;

  if (!viva_data_file_get_int_member (object, "level", 1, G_MAXUINT32, &value, VIVA_SESSION_STORE_ERROR, error))
    return FALSE;
  item->level_number = (guint) value;

  if (!viva_data_file_get_string_member (object, "level-title", 0, VIVA_MOCK_TITLE_MAX_SIZE, FALSE, &text, VIVA_SESSION_STORE_ERROR, error))
    return FALSE;
  item->level_title = (char *) text;

  if (!viva_data_file_get_string_member (object, "topic", 1, VIVA_MOCK_TITLE_MAX_SIZE, TRUE, &text, VIVA_SESSION_STORE_ERROR, error))
    return FALSE;
  item->topic_name = (char *) text;

  if (!viva_data_file_get_string_member (object, "question", 0, VIVA_MOCK_QUESTION_TEXT_MAX_SIZE, FALSE, &text, VIVA_SESSION_STORE_ERROR, error))
    return FALSE;
  item->question_text = (char *) text;

  if (!viva_data_file_get_int_member (object, "budget", 0, VIVA_MOCK_DURATION_MAX, &item->budget, VIVA_SESSION_STORE_ERROR, error) ||
      !viva_data_file_get_int_member (object, "spent", 0, VIVA_MOCK_DURATION_MAX, &item->spent, VIVA_SESSION_STORE_ERROR, error) ||
      !get_boolean_member (object, "skipped", &flag, error))
    return FALSE;
  item->skipped = flag;

  if (!viva_data_file_get_string_member (object, "answer", 0, VIVA_MOCK_ANSWER_MAX_SIZE, FALSE, &text, VIVA_SESSION_STORE_ERROR, error))
    return FALSE;
  item->answer = (char *) text;

  if (!viva_data_file_get_string_member (object, "rating", 1, 16, FALSE, &text, VIVA_SESSION_STORE_ERROR, error))
    return FALSE;
  if (!viva_mock_rating_from_string (text, &item->rating))
    return set_invalid (error, _("“rating” is not “none”, “again”, “hard”, “good” or “easy”"));

  return TRUE;
}

/* Everything but "format" and "version". */
static VivaMockSession *
parse_session (JsonObject  *root,
               const char  *expected_id,
               GError     **error)
{
  g_autoptr(VivaMockSession) session = NULL;
  JsonObject *bank;
  JsonObject *setup;
  JsonArray *items;
  JsonNode *node;
  const char *id;
  const char *bank_id;
  const char *bank_title;
  const char *text;
  gint64 created;
  gint64 finished;
  gint64 total_budget;
  gint64 current;
  guint64 seed;
  gboolean random_order;
  gboolean auto_advance;
  VivaMockBudgetMode budget_mode;
  VivaMockSessionState state;
  guint n_items;

  if (!viva_data_file_get_string_member (root, "id", 1, VIVA_MOCK_SESSION_ID_MAX_SIZE, FALSE, &id, VIVA_SESSION_STORE_ERROR, error))
    return NULL;
  if (!_viva_mock_session_id_is_valid (id))
    {
      set_invalid (error, _("“id” has characters other than letters, digits, “-” and “_”"));
      return NULL;
    }
  if (expected_id != NULL && strcmp (id, expected_id) != 0)
    {
      g_set_error (error, VIVA_SESSION_STORE_ERROR, VIVA_SESSION_STORE_ERROR_INVALID,
                   _("“id” is “%s”, not the file’s name"), id);
      return NULL;
    }

  if (!(bank = get_object_member (root, "bank", error)))
    return NULL;
  if (!viva_data_file_get_string_member (bank, "id", 1, VIVA_MOCK_BANK_ID_MAX_SIZE, FALSE, &bank_id, VIVA_SESSION_STORE_ERROR, error) ||
      !viva_data_file_get_string_member (bank, "title", 0, VIVA_MOCK_TITLE_MAX_SIZE, FALSE, &bank_title, VIVA_SESSION_STORE_ERROR, error))
    {
      g_prefix_error (error, _("bank: "));
      return NULL;
    }

  if (!viva_data_file_get_time_member (root, "created", FALSE, &created, VIVA_SESSION_STORE_ERROR, error) ||
      !viva_data_file_get_time_member (root, "finished", TRUE, &finished, VIVA_SESSION_STORE_ERROR, error))
    return NULL;

  if (!(setup = get_object_member (root, "setup", error)))
    return NULL;
  if (!viva_data_file_get_string_member (setup, "seed", 1, 20, FALSE, &text, VIVA_SESSION_STORE_ERROR, error) ||
      !get_boolean_member (setup, "random-order", &random_order, error) ||
      !viva_data_file_get_int_member (setup, "total-budget", 0, VIVA_MOCK_DURATION_MAX, &total_budget, VIVA_SESSION_STORE_ERROR, error) ||
      !get_boolean_member (setup, "auto-advance", &auto_advance, error))
    {
      g_prefix_error (error, _("setup: "));
      return NULL;
    }
  if (!parse_seed (text, &seed))
    {
      set_invalid (error, _("setup: “seed” is not a number from 0 to 18446744073709551615"));
      return NULL;
    }
  if (!viva_data_file_get_string_member (setup, "budget-mode", 1, 16, FALSE, &text, VIVA_SESSION_STORE_ERROR, error))
    {
      g_prefix_error (error, _("setup: "));
      return NULL;
    }
  if (strcmp (text, "per-level") == 0)
    budget_mode = VIVA_MOCK_BUDGET_PER_LEVEL;
  else if (strcmp (text, "total") == 0)
    budget_mode = VIVA_MOCK_BUDGET_TOTAL;
  else
    {
      set_invalid (error, _("setup: “budget-mode” is not “per-level” or “total”"));
      return NULL;
    }

  if (!viva_data_file_get_string_member (root, "state", 1, 16, FALSE, &text, VIVA_SESSION_STORE_ERROR, error))
    return NULL;
  if (!viva_mock_session_state_from_string (text, &state))
    {
      set_invalid (error, _("“state” is not “not-started”, “running”, “paused” or “finished”"));
      return NULL;
    }
  if ((state == VIVA_MOCK_SESSION_STATE_FINISHED) != (finished != 0))
    {
      set_invalid (error, _("“finished” does not agree with “state”"));
      return NULL;
    }

  if (!json_object_has_member (root, "items"))
    {
      set_invalid (error, _("“items” is missing"));
      return NULL;
    }
  node = json_object_get_member (root, "items");
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_invalid (error, _("“items” is not a list"));
      return NULL;
    }
  items = json_node_get_array (node);
  n_items = json_array_get_length (items);
  if (n_items == 0 || n_items > VIVA_MOCK_SESSION_MAX_ITEMS)
    {
      g_set_error (error, VIVA_SESSION_STORE_ERROR, VIVA_SESSION_STORE_ERROR_INVALID,
                   _("“items” does not have 1 to %u questions"), (guint) VIVA_MOCK_SESSION_MAX_ITEMS);
      return NULL;
    }

  if (!viva_data_file_get_int_member (root, "current", 0, n_items, &current, VIVA_SESSION_STORE_ERROR, error))
    return NULL;

  session = _viva_mock_session_new_loaded (id, bank_id, bank_title, created,
                                           seed, random_order, budget_mode,
                                           total_budget, auto_advance);

  for (guint i = 0; i < n_items; i++)
    {
      VivaMockItem item = { 0, };

      /* The item's strings are borrowed from the parser and copied. */
      if (!parse_item (json_array_get_element (items, i), &item, error))
        {
          g_prefix_error (error, _("question %u of the list: "), i + 1);
          return NULL;
        }

      _viva_mock_session_append_item (session, &item);
    }

  _viva_mock_session_load_progress (session, (guint) current, state, finished);

  return g_steal_pointer (&session);
}

/**
 * viva_session_file_parse:
 * @data: the file's contents
 * @len: their length
 * @expected_id: (nullable): the id the file must have (its name)
 * @out_session: (out) (transfer full) (optional): the session
 * @error: return location for a %VIVA_SESSION_STORE_ERROR
 *
 * Checks @data completely. A file from a newer version fails with
 * FUTURE_VERSION, and still gives its session when it looks like ours,
 * so that it can be listed read-only. Thread-safe.
 */
gboolean
viva_session_file_parse (const char       *data,
                         gsize             len,
                         const char       *expected_id,
                         VivaMockSession **out_session,
                         GError          **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(VivaMockSession) session = NULL;
  g_autofree char *version_string = NULL;
  JsonObject *root;
  JsonNode *node;
  const char *format;
  gboolean missing;
  gint64 version;

  if (out_session != NULL)
    *out_session = NULL;

  parser = viva_data_file_parse_json (data, len, VIVA_SESSION_MAX_DEPTH,
                                      VIVA_SESSION_STORE_ERROR, &root, error);
  if (parser == NULL)
    return FALSE;

  node = viva_json_object_get_value_member (root, "format", G_TYPE_STRING, &missing);
  format = node != NULL ? json_node_get_string (node) : NULL;
  if (g_strcmp0 (format, VIVA_SESSION_FORMAT) != 0)
    return set_invalid (error, _("this is not a Viva mock interview: “format” is not “viva-mock-session”"));

  node = viva_json_object_get_value_member (root, "version", G_TYPE_INT64, &missing);
  if (node == NULL)
    return set_invalid (error, missing ? _("“version” is missing") : _("“version” is not a whole number"));

  version = json_node_get_int (node);
  /* Formatted apart: a format macro inside _() would cut the message
   * that translators see. */
  version_string = g_strdup_printf ("%" G_GINT64_FORMAT, version);

  if (version < VIVA_SESSION_FORMAT_VERSION)
    {
      g_set_error (error, VIVA_SESSION_STORE_ERROR, VIVA_SESSION_STORE_ERROR_INVALID,
                   _("“version” is %s, which no version of Viva wrote"),
                   version_string);
      return FALSE;
    }

  if (version > VIVA_SESSION_FORMAT_VERSION)
    {
      session = parse_session (root, expected_id, NULL);
      if (session != NULL)
        viva_mock_session_set_read_only (session, TRUE);

      g_set_error (error, VIVA_SESSION_STORE_ERROR, VIVA_SESSION_STORE_ERROR_FUTURE_VERSION,
                   _("file version %s; this version of Viva reads version %d"),
                   version_string, VIVA_SESSION_FORMAT_VERSION);

      if (out_session != NULL)
        *out_session = g_steal_pointer (&session);

      return FALSE;
    }

  session = parse_session (root, expected_id, error);
  if (session == NULL)
    return FALSE;

  if (out_session != NULL)
    *out_session = g_steal_pointer (&session);

  return TRUE;
}

/**
 * viva_session_file_read:
 * @path: the file
 * @expected_id: (nullable): the id it must have
 * @out_stamp: (out): the file as read; exists is %FALSE when it could
 *   not be opened
 * @out_session: (out) (transfer full) (optional): the session; also set
 *   for a readable file of a newer version
 * @error: return location for an error
 *
 * A missing file fails with %G_FILE_ERROR_NOENT. Thread-safe.
 */
gboolean
viva_session_file_read (const char       *path,
                        const char       *expected_id,
                        VivaFileStamp    *out_stamp,
                        VivaMockSession **out_session,
                        GError          **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (out_session != NULL)
    *out_session = NULL;

  if (!viva_data_file_read (path, VIVA_SESSION_MAX_SIZE, VIVA_SESSION_STORE_ERROR,
                            out_stamp, &data, &len, error))
    return FALSE;

  return viva_session_file_parse (data, len, expected_id, out_session, error);
}

/* Writing */

/**
 * viva_session_file_build:
 * @session: a session
 *
 * The file's tree, built on the main thread where the session lives so
 * that it is one consistent moment; the strings are copied, and the
 * nodes are immutable, so the tree may then go to a worker thread.
 *
 * Returns: (transfer full): the root node
 */
JsonNode *
viva_session_file_build (VivaMockSession *session)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autofree char *seed = NULL;
  char created[64];
  guint n_items = viva_mock_session_get_n_items (session);

  viva_data_file_format_time (viva_mock_session_get_created (session), created, sizeof created);
  seed = g_strdup_printf ("%" G_GUINT64_FORMAT, viva_mock_session_get_seed (session));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, VIVA_SESSION_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, VIVA_SESSION_FORMAT_VERSION);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, viva_mock_session_get_id (session));

  json_builder_set_member_name (builder, "bank");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, viva_mock_session_get_bank_id (session));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, viva_mock_session_get_bank_title (session));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "created");
  json_builder_add_string_value (builder, created);
  viva_data_file_add_time_member (builder, "finished", viva_mock_session_get_finished (session));

  json_builder_set_member_name (builder, "setup");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "seed");
  json_builder_add_string_value (builder, seed);
  json_builder_set_member_name (builder, "random-order");
  json_builder_add_boolean_value (builder, viva_mock_session_get_random_order (session));
  json_builder_set_member_name (builder, "budget-mode");
  json_builder_add_string_value (builder,
                                 viva_mock_session_get_budget_mode (session) == VIVA_MOCK_BUDGET_TOTAL
                                 ? "total" : "per-level");
  json_builder_set_member_name (builder, "total-budget");
  json_builder_add_int_value (builder, viva_mock_session_get_total_budget (session));
  json_builder_set_member_name (builder, "auto-advance");
  json_builder_add_boolean_value (builder, viva_mock_session_get_auto_advance (session));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, viva_mock_session_state_to_string (viva_mock_session_get_state (session)));
  json_builder_set_member_name (builder, "current");
  json_builder_add_int_value (builder, viva_mock_session_get_current (session));

  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);

  for (guint i = 0; i < n_items; i++)
    {
      const VivaMockItem *item = viva_mock_session_get_item (session, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "number");
      json_builder_add_int_value (builder, item->number);
      json_builder_set_member_name (builder, "level");
      json_builder_add_int_value (builder, item->level_number);
      json_builder_set_member_name (builder, "level-title");
      json_builder_add_string_value (builder, item->level_title);
      json_builder_set_member_name (builder, "topic");
      if (item->topic_name != NULL)
        json_builder_add_string_value (builder, item->topic_name);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "question");
      json_builder_add_string_value (builder, item->question_text);
      json_builder_set_member_name (builder, "budget");
      json_builder_add_int_value (builder, item->budget);
      json_builder_set_member_name (builder, "spent");
      json_builder_add_int_value (builder, item->spent);
      json_builder_set_member_name (builder, "skipped");
      json_builder_add_boolean_value (builder, item->skipped);
      json_builder_set_member_name (builder, "answer");
      json_builder_add_string_value (builder, item->answer);
      json_builder_set_member_name (builder, "rating");
      json_builder_add_string_value (builder, viva_mock_rating_to_string (item->rating));
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * viva_session_file_generate:
 * @root: from viva_session_file_build()
 * @error: return location for an error
 *
 * Produces the file. Refuses to produce one that we would refuse to load
 * for its size. Thread-safe.
 *
 * Returns: (transfer full): the file's contents
 */
GBytes *
viva_session_file_generate (JsonNode  *root,
                            GError   **error)
{
  g_autoptr(GBytes) bytes = viva_data_file_generate (root);

  if (g_bytes_get_size (bytes) > VIVA_SESSION_MAX_SIZE)
    {
      g_autofree char *max = g_format_size_full (VIVA_SESSION_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, VIVA_SESSION_STORE_ERROR, VIVA_SESSION_STORE_ERROR_TOO_LARGE,
                   _("Could not save the mock interview: it would take more than %s; shorten the longest answers"),
                   max);
      return NULL;
    }

  return g_steal_pointer (&bytes);
}

/**
 * viva_session_write_new:
 * @path: the session's file
 * @lock_path: the sessions folder's lock file
 * @root: (transfer full): from viva_session_file_build()
 * @expected: what the file on disk was when we last read or wrote it
 * @cancellable: (nullable): cancelled when the session is deleted
 *
 * Returns: (transfer full): a write to run with viva_session_write_run()
 */
VivaSessionWrite *
viva_session_write_new (const char          *path,
                        const char          *lock_path,
                        JsonNode            *root,
                        const VivaFileStamp *expected,
                        GCancellable        *cancellable)
{
  VivaSessionWrite *job = g_new0 (VivaSessionWrite, 1);

  job->path = g_strdup (path);
  job->lock_path = g_strdup (lock_path);
  job->root = root;
  job->expected = *expected;
  job->cancellable = cancellable ? g_object_ref (cancellable) : NULL;

  return job;
}

void
viva_session_write_free (VivaSessionWrite *job)
{
  g_clear_pointer (&job->path, g_free);
  g_clear_pointer (&job->lock_path, g_free);
  g_clear_pointer (&job->root, json_node_unref);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->moved_aside_path, g_free);
  g_free (job);
}

static void
set_save_error (GError     **error,
                GQuark       domain,
                gint         code,
                const char  *path,
                const char  *reason)
{
  g_set_error (error, domain, code,
               _("Could not save the mock interview to “%s”: %s"), path, reason);
}

static char *
dup_id_from_path (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);

  if (!g_str_has_suffix (name, VIVA_SESSION_SUFFIX))
    return NULL;

  return g_strndup (name, strlen (name) - strlen (VIVA_SESSION_SUFFIX));
}

/* What to do when the file on disk is not the one we last read or wrote
 * (@current): another Viva has the same session open, a sync tool
 * brought another copy, someone damaged it. Holding the lock. Returns
 * FALSE with @error set when nothing may be written; sets @may_write
 * FALSE (and the outcome) when we must not write but that is no error. */
static gboolean
check_changed_on_disk (gpointer        user_data,
                       VivaFileStamp  *current,
                       gboolean       *may_write,
                       GError        **error)
{
  VivaSessionWrite *job = user_data;
  g_autoptr(GError) read_error = NULL;
  g_autoptr(GError) move_error = NULL;
  g_autoptr(VivaMockSession) disk = NULL;
  g_autofree char *id = dup_id_from_path (job->path);
  VivaFileStamp disk_stamp;

  *may_write = TRUE;

  viva_session_file_read (job->path, id, &disk_stamp, &disk, &read_error);

  switch (viva_session_read_result_from_error (read_error))
    {
    case VIVA_SESSION_READ_OK:
      /* The same session, written elsewhere. Ours is what the user sees
       * and types into; theirs stays as the backup. */
      g_message ("%s was changed by another program; the previous version is kept as its backup",
                 job->path);
      return TRUE;

    case VIVA_SESSION_READ_FUTURE:
      job->outcome = VIVA_SESSION_WRITE_NEWER_ON_DISK;
      *may_write = FALSE;
      return TRUE;

    case VIVA_SESSION_READ_MISSING:
      current->exists = FALSE;
      return TRUE;

    case VIVA_SESSION_READ_DAMAGED:
      switch (viva_data_file_move_aside_locked (job->path, &disk_stamp, &job->moved_aside_path, &move_error))
        {
        case VIVA_MOVE_ASIDE_DONE:
          g_message ("%s was damaged (%s); moved it to %s",
                     job->path, read_error->message, job->moved_aside_path);
          current->exists = FALSE;
          return TRUE;

        case VIVA_MOVE_ASIDE_CHANGED:
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_AGAIN,
                       _("Could not save the mock interview to “%s”: another program is changing it"),
                       job->path);
          return FALSE;

        case VIVA_MOVE_ASIDE_FAILED:
        default:
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                       _("Could not save the mock interview to “%s”: another program left it damaged (%s), and %s"),
                       job->path, read_error->message, move_error->message);
          return FALSE;
        }

    case VIVA_SESSION_READ_UNREADABLE:
    default:
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("Could not save the mock interview to “%s”: another program changed it and it cannot be read (%s), so it was left as it is"),
                   job->path, read_error->message);
      return FALSE;
    }
}

/* The write itself: lock, check that nobody else wrote the file since we
 * read it, keep the backup, replace the file atomically. Runs in a worker
 * thread (or in flush's caller); touches nothing but @job. Returns FALSE
 * only when nothing was written; a newer file on disk or a deleted
 * session is an outcome, not an error. */
gboolean
viva_session_write_run (VivaSessionWrite  *job,
                        GError           **error)
{
  g_autoptr(GBytes) contents = NULL;
  VivaDataFileWriteResult result;

  contents = viva_session_file_generate (job->root, error);
  if (contents == NULL)
    return FALSE;

  if (!viva_data_file_write (job->path, job->lock_path, contents, &job->expected,
                             job->cancellable, check_changed_on_disk, set_save_error,
                             job, &job->stamp, &result, error))
    return FALSE;

  /* A declined write has its outcome from check_changed_on_disk(). */
  if (result == VIVA_DATA_FILE_WRITE_WROTE)
    job->outcome = VIVA_SESSION_WRITE_WROTE;
  else if (result == VIVA_DATA_FILE_WRITE_CANCELLED)
    job->outcome = VIVA_SESSION_WRITE_CANCELLED;

  return TRUE;
}

/* The sessions folder */

static VivaSessionProblem *
problem_new (const char *path,
             const char *message)
{
  VivaSessionProblem *problem = g_new0 (VivaSessionProblem, 1);

  problem->path = g_strdup (path);
  problem->message = g_strdup (message);

  return problem;
}

static void
viva_session_loaded_free (VivaSessionLoaded *loaded)
{
  g_clear_object (&loaded->session);
  g_free (loaded->path);
  g_free (loaded);
}

void
viva_session_dir_load_free (VivaSessionDirLoad *result)
{
  g_clear_pointer (&result->loaded, g_ptr_array_unref);
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_free (result);
}

static VivaSessionLoaded *
loaded_new (VivaMockSession     *session,
            const char          *path,
            const VivaFileStamp *stamp)
{
  VivaSessionLoaded *loaded = g_new0 (VivaSessionLoaded, 1);

  loaded->session = session;
  loaded->path = g_strdup (path);
  loaded->stamp = *stamp;

  return loaded;
}

/* After "<id>.json" was moved aside: its backup, if it is good. */
static VivaSessionLoaded *
load_backup (const char *path,
             const char *id)
{
  g_autofree char *bak_path = viva_data_file_dup_backup_path (path);
  g_autoptr(GError) error = NULL;
  VivaMockSession *session = NULL;
  VivaFileStamp stamp;
  VivaFileStamp missing = { 0, };
  VivaSessionLoaded *loaded;

  if (!viva_session_file_read (bak_path, id, &stamp, &session, &error))
    {
      g_clear_object (&session);
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_message ("The backup %s could not be used either: %s", bak_path, error->message);
      return NULL;
    }

  /* "<id>.json" is gone; the first save puts it back. */
  loaded = loaded_new (session, path, &missing);
  loaded->from_backup = TRUE;

  return loaded;
}

/* Loads one file of the folder into @result: a session, a problem, or
 * both (a damaged file restored from its backup). Thread-safe. */
static void
load_one (const char *dir,
          const char *lock_path,
          const char *name,
          VivaSessionDirLoad *result)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *id = g_strndup (name, strlen (name) - strlen (VIVA_SESSION_SUFFIX));

  if (!_viva_mock_session_id_is_valid (id))
    {
      g_ptr_array_add (result->problems,
                       problem_new (path, _("the file name is not that of a mock interview")));
      return;
    }

  for (guint attempt = 1; ; attempt++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) move_error = NULL;
      g_autofree char *aside = NULL;
      VivaMockSession *session = NULL;
      VivaSessionProblem *problem;
      VivaMoveAsideResult moved;
      VivaFileStamp stamp;
      VivaSessionLoaded *loaded;

      viva_session_file_read (path, id, &stamp, &session, &error);

      switch (viva_session_read_result_from_error (error))
        {
        case VIVA_SESSION_READ_OK:
          g_ptr_array_add (result->loaded, loaded_new (session, path, &stamp));
          return;

        case VIVA_SESSION_READ_MISSING:
          /* Deleted while we listed the folder. */
          return;

        case VIVA_SESSION_READ_FUTURE:
          /* Listed read-only when its contents are ours; never written. */
          if (session != NULL)
            {
              loaded = loaded_new (session, path, &stamp);
              loaded->future = TRUE;
              g_ptr_array_add (result->loaded, loaded);
            }
          else
            g_ptr_array_add (result->problems, problem_new (path, error->message));
          return;

        case VIVA_SESSION_READ_DAMAGED:
          g_clear_object (&session);

          moved = viva_data_file_move_aside (lock_path, path, &stamp, &aside, &move_error);

          if (moved == VIVA_MOVE_ASIDE_CHANGED && attempt < MAX_LOAD_ATTEMPTS)
            continue;

          problem = problem_new (path, error->message);
          g_ptr_array_add (result->problems, problem);

          if (moved == VIVA_MOVE_ASIDE_DONE)
            {
              problem->moved_aside_path = g_steal_pointer (&aside);
              loaded = load_backup (path, id);
              if (loaded != NULL)
                {
                  problem->restored_from_backup = TRUE;
                  g_ptr_array_add (result->loaded, loaded);
                }
            }
          else if (move_error != NULL)
            {
              /* Left where it is; nothing will write over it, since
               * nothing of it is loaded. */
              g_free (problem->message);
              problem->message = g_strdup_printf ("%s; %s", error->message, move_error->message);
            }
          return;

        case VIVA_SESSION_READ_UNREADABLE:
        default:
          g_clear_object (&session);
          g_ptr_array_add (result->problems, problem_new (path, error->message));
          return;
        }
    }
}

/* Reads every "*.json" of @dir. A missing folder is an empty history.
 * Thread-safe. */
VivaSessionDirLoad *
viva_session_dir_load (const char *dir,
          const char *lock_path)
{
  VivaSessionDirLoad *result = g_new0 (VivaSessionDirLoad, 1);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;

  result->loaded = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_session_loaded_free);
  result->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_session_problem_free);

  names = viva_data_file_list_folder (dir, VIVA_SESSION_SUFFIX, &error);
  if (names == NULL)
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_ptr_array_add (result->problems, problem_new (dir, error->message));
      return result;
    }

  for (guint i = 0; i < names->len; i++)
    load_one (dir, lock_path, g_ptr_array_index (names, i), result);

  return result;
}
