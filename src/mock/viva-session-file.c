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
 *  - All members above are required; others are ignored. A file whose
 *    "version" is higher than 2 is listed read-only and never written.
 *
 * Version 2 adds the code pad of a coding question, to the items whose
 * pad was used (typed into or run), after "rating":
 *
 *         "code-pad" : {
 *           "code" : "def reverse(s):\n    return s[::-1]\n",
 *           "output" : null,
 *           "test-results" : { "load-error" : null, "complete" : true, "cases" : [ ... ] }
 *         }
 *
 *  - "code" is the code typed, at most 1 MiB; "output" what its last
 *    run showed, at most 64 KiB (a longer output is kept cut, ending
 *    with "…"), null before any run; "test-results" the results of the
 *    last Run Tests as viva_challenge_results_write() writes them (the
 *    format is at the top of viva-challenge-results-json.c, and
 *    viva_challenge_results_new_from_json() checks them), null before
 *    any. All three are required.
 *  - Viva writes version 2 only when an item has a "code-pad", version 1
 *    otherwise: a session without code stays one that every Viva reads
 *    and saves. A Viva that knows only version 1 ignores members it does
 *    not know, so it would drop the code at its next save (a rating, a
 *    resumed interview); a version 2 file it lists read-only instead.
 *    A "code-pad" in a version 1 file is ignored, as version 1 did.
 *
 * The folder, and what every file of it shares ("format", "version",
 * "id"), are described at the top of viva-document-file.c, which reads
 * and writes these files with the codec below.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "viva-challenge.h"
#include "viva-document-file.h"
#include "viva-enum-nick.h"
#include "viva-json-writer.h"
#include "viva-mock-session-private.h"
#include "viva-session-file.h"
#include "viva-session-store.h"

#define VIVA_SESSION_FORMAT         "viva-mock-session"
/* The newest version, which holds code pads; files without one are
 * written as the oldest. */
#define VIVA_SESSION_FORMAT_VERSION 2
#define VIVA_SESSION_FORMAT_VERSION_WITHOUT_CODE 1
/* 50 answers of at most 1 MiB each, with room for JSON escapes. Not
 * raised with version 2: a Viva that knows only version 1 would take a
 * larger file for a damaged one and move it aside, where a version 2
 * file of this size it lists read-only. */
#define VIVA_SESSION_MAX_SIZE       ((gsize) 64 * 1024 * 1024)
/* Our files nest 3 levels; json-glib 1.6 crashes near 100,000. */
#define VIVA_SESSION_MAX_DEPTH      32

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

/* "code-pad", in a version 2 file. The strings are borrowed from the
 * parser; the results are the caller's to free. */
static gboolean
parse_code_pad (JsonObject        *item_object,
                VivaMockItemData  *item,
                GError           **error)
{
  JsonObject *object;
  JsonNode *node;
  const char *text;

  if (!json_object_has_member (item_object, "code-pad"))
    return TRUE;

  if (!(object = get_object_member (item_object, "code-pad", error)))
    return FALSE;

  if (!viva_data_file_get_string_member (object, "code", 0, VIVA_MOCK_CODE_MAX_SIZE, FALSE, &text, VIVA_SESSION_STORE_ERROR, error))
    goto failed;
  item->code = (char *) text;

  if (!viva_data_file_get_string_member (object, "output", 0, VIVA_MOCK_OUTPUT_MAX_SIZE, TRUE, &text, VIVA_SESSION_STORE_ERROR, error))
    goto failed;
  item->output = (char *) text;

  if (!json_object_has_member (object, "test-results"))
    {
      set_invalid (error, _("“test-results” is missing"));
      goto failed;
    }
  node = json_object_get_member (object, "test-results");
  if (!JSON_NODE_HOLDS_NULL (node))
    {
      item->test_results = viva_challenge_results_new_from_json (node, VIVA_SESSION_STORE_ERROR, error);
      if (item->test_results == NULL)
        {
          g_prefix_error (error, _("test results: "));
          goto failed;
        }
    }

  return TRUE;

failed:
  g_prefix_error (error, _("code pad: "));
  return FALSE;
}

static gboolean
parse_item (JsonNode          *node,
            gint64             version,
            VivaMockItemData  *item,
            GError           **error)
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

  if (version >= 2)
    {
      g_autoptr(GError) local_error = NULL;

      if (!parse_code_pad (object, item, &local_error))
        {
          item->code = item->output = NULL;
          g_clear_pointer (&item->test_results, viva_challenge_results_free);

          /* A newer Viva may write its code pads otherwise: the file is
           * listed, read-only, without them. */
          if (version > VIVA_SESSION_FORMAT_VERSION)
            return TRUE;

          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  return TRUE;
}

/* Everything but "format" and "version": the codec's parse(). */
static gpointer
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
  int mode;
  VivaMockSessionState state;
  guint n_items;
  gint64 version = viva_document_file_get_version (root);

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
  if (!viva_enum_from_nick (VIVA_TYPE_MOCK_BUDGET_MODE, text, &mode))
    {
      set_invalid (error, _("setup: “budget-mode” is not “per-level” or “total”"));
      return NULL;
    }
  budget_mode = (VivaMockBudgetMode) mode;

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
                   ngettext ("“items” does not have 1 to %u question",
                             "“items” does not have 1 to %u questions",
                             VIVA_MOCK_SESSION_MAX_ITEMS),
                   (guint) VIVA_MOCK_SESSION_MAX_ITEMS);
      return NULL;
    }

  if (!viva_data_file_get_int_member (root, "current", 0, n_items, &current, VIVA_SESSION_STORE_ERROR, error))
    return NULL;

  session = _viva_mock_session_new_loaded (id, bank_id, bank_title, created,
                                           seed, random_order, budget_mode,
                                           total_budget, auto_advance);

  for (guint i = 0; i < n_items; i++)
    {
      VivaMockItemData item = { 0, };

      /* The item's strings are borrowed from the parser and copied. */
      if (!parse_item (json_array_get_element (items, i), version, &item, error))
        {
          g_prefix_error (error, _("question %u of the list: "), i + 1);
          return NULL;
        }

      _viva_mock_session_append_item (session, &item);
      g_clear_pointer (&item.test_results, viva_challenge_results_free);
    }

  _viva_mock_session_load_progress (session, (guint) current, state, finished);

  return g_steal_pointer (&session);
}


/* Writing */

/* The results as viva_challenge_results_write() writes them, as a tree
 * of their own (nodes are not shared between trees that threads
 * hold); NULL for none, or for results that cannot be written. */
static JsonNode *
build_test_results (VivaChallengeResults *results)
{
  VivaJsonWriter writer;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = NULL;
  gboolean ok;

  if (results == NULL)
    return NULL;

  viva_json_writer_init (&writer, 4096);
  ok = viva_challenge_results_write (results, &writer);
  if (!ok)
    {
      viva_json_writer_clear (&writer);
      return NULL;
    }
  bytes = viva_json_writer_free_to_bytes (&writer);

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL))
    g_return_val_if_reached (NULL);

  return json_node_ref (json_parser_get_root (parser));
}

static void
build_code_pad (JsonBuilder  *builder,
                VivaMockItem *item)
{
  JsonNode *results = build_test_results (viva_mock_item_get_test_results (item));

  json_builder_set_member_name (builder, "code-pad");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, viva_mock_item_get_code (item));
  json_builder_set_member_name (builder, "output");
  if (viva_mock_item_get_output (item) != NULL)
    json_builder_add_string_value (builder, viva_mock_item_get_output (item));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "test-results");
  if (results != NULL)
    json_builder_add_value (builder, results);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

/* The codec's build(): the file's tree, built on the main thread where
 * the session lives so that it is one consistent moment; the strings
 * are copied, and the nodes are immutable, so the tree may then go to a
 * worker thread. */
static JsonNode *
build_session (gpointer document)
{
  VivaMockSession *session = document;
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
  json_builder_add_int_value (builder, viva_mock_session_get_has_code (session)
                                       ? VIVA_SESSION_FORMAT_VERSION
                                       : VIVA_SESSION_FORMAT_VERSION_WITHOUT_CODE);
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
  json_builder_add_string_value (builder, viva_enum_to_nick (VIVA_TYPE_MOCK_BUDGET_MODE,
                                                             viva_mock_session_get_budget_mode (session)));
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
      VivaMockItem *item = viva_mock_session_get_item (session, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "number");
      json_builder_add_int_value (builder, viva_mock_item_get_number (item));
      json_builder_set_member_name (builder, "level");
      json_builder_add_int_value (builder, viva_mock_item_get_level_number (item));
      json_builder_set_member_name (builder, "level-title");
      json_builder_add_string_value (builder, viva_mock_item_get_level_title (item));
      json_builder_set_member_name (builder, "topic");
      if (viva_mock_item_get_topic_name (item) != NULL)
        json_builder_add_string_value (builder, viva_mock_item_get_topic_name (item));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "question");
      json_builder_add_string_value (builder, viva_mock_item_get_question_text (item));
      json_builder_set_member_name (builder, "budget");
      json_builder_add_int_value (builder, viva_mock_item_get_budget (item));
      json_builder_set_member_name (builder, "spent");
      /* A fake clock can run past what a file may hold. */
      json_builder_add_int_value (builder, MIN (viva_mock_item_get_spent (item), VIVA_MOCK_DURATION_MAX));
      json_builder_set_member_name (builder, "skipped");
      json_builder_add_boolean_value (builder, viva_mock_item_get_skipped (item));
      json_builder_set_member_name (builder, "answer");
      json_builder_add_string_value (builder, viva_mock_item_get_answer (item));
      json_builder_set_member_name (builder, "rating");
      json_builder_add_string_value (builder, viva_mock_rating_to_string (viva_mock_item_get_rating (item)));
      if (viva_mock_item_has_code (item))
        build_code_pad (builder, item);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* The codec */

static const char *
session_get_id (gpointer session)
{
  return viva_mock_session_get_id (session);
}

static gint64
session_get_created (gpointer session)
{
  return viva_mock_session_get_created (session);
}

static gboolean
session_get_read_only (gpointer session)
{
  return viva_mock_session_get_read_only (session);
}

static void
session_set_read_only (gpointer session)
{
  viva_mock_session_set_read_only (session, TRUE);
}

static gboolean
session_get_unfinished (gpointer session)
{
  return viva_mock_session_get_unfinished (session);
}

static char *
dup_session_message (VivaDocumentMessage  message,
                     const char          *arg1,
                     const char          *arg2,
                     const char          *arg3)
{
  switch (message)
    {
    case VIVA_DOCUMENT_MESSAGE_NOT_A_DOCUMENT_NAME:
      return g_strdup (_("the file name is not that of a mock interview"));

    case VIVA_DOCUMENT_MESSAGE_WRONG_FORMAT:
      return g_strdup (_("this is not a Viva mock interview: “format” is not “viva-mock-session”"));

    case VIVA_DOCUMENT_MESSAGE_TOO_LARGE_TO_SAVE:
      return g_strdup_printf (_("Could not save the mock interview: it would take more than %s; shorten the longest answers"),
                              arg1);

    case VIVA_DOCUMENT_MESSAGE_SAVE_FAILED:
      return g_strdup_printf (_("Could not save the mock interview to “%s”: %s"), arg1, arg2);

    case VIVA_DOCUMENT_MESSAGE_SAVE_CHANGING:
      return g_strdup_printf (_("Could not save the mock interview to “%s”: another program is changing it"),
                              arg1);

    case VIVA_DOCUMENT_MESSAGE_SAVE_DAMAGED:
      return g_strdup_printf (_("Could not save the mock interview to “%s”: another program left it damaged (%s), and %s"),
                              arg1, arg2, arg3);

    case VIVA_DOCUMENT_MESSAGE_SAVE_UNREADABLE:
      return g_strdup_printf (_("Could not save the mock interview to “%s”: another program changed it and it cannot be read (%s), so it was left as it is"),
                              arg1, arg2);

    case VIVA_DOCUMENT_MESSAGE_READ_ONLY:
      return g_strdup_printf (_("This mock interview cannot be saved: “%s” was written by a newer version of Viva"),
                              arg1);

    case VIVA_DOCUMENT_MESSAGE_DELETED:
      return g_strdup (_("The mock interview was deleted"));

    case VIVA_DOCUMENT_MESSAGE_NOT_FOUND:
      return g_strdup (_("This mock interview is not in the history"));

    case VIVA_DOCUMENT_MESSAGE_EXISTS:
      return g_strdup_printf (_("A mock interview is already saved as “%s”"), arg1);

    case VIVA_DOCUMENT_MESSAGE_DELETE_FAILED:
      return g_strdup_printf (_("Could not delete the mock interview “%s”: %s"), arg1, arg2);

    default:
      break;
    }

  g_return_val_if_reached (NULL);
}

const VivaDocumentCodec viva_session_codec = {
  .get_document_type = viva_mock_session_get_type,
  .error_quark = viva_session_store_error_quark,
  .format = VIVA_SESSION_FORMAT,
  .version = VIVA_SESSION_FORMAT_VERSION,
  .oldest_version = VIVA_SESSION_FORMAT_VERSION_WITHOUT_CODE,
  .max_size = VIVA_SESSION_MAX_SIZE,
  .max_depth = VIVA_SESSION_MAX_DEPTH,
  .id_is_valid = _viva_mock_session_id_is_valid,
  .get_id = session_get_id,
  .get_created = session_get_created,
  .get_read_only = session_get_read_only,
  .set_read_only = session_set_read_only,
  .get_unfinished = session_get_unfinished,
  .parse = parse_session,
  .build = build_session,
  .dup_message = dup_session_message,
};
