/* viva-interview-file.c
 *
 * Where the interviews live
 * =========================
 *
 * $XDG_DATA_HOME/io.github.vivaprep.Viva/interviews/ (usually
 * ~/.local/share/io.github.vivaprep.Viva/interviews/), created 0700, one
 * file per interview named after its id, mode 0600. Interview notes are
 * kept here only, never in the study notes (notes.json).
 *
 *   2026-11-24T01-02-03-5f3a09c1.json
 *   {
 *     "format" : "viva-interview",
 *     "version" : 1,
 *     "id" : "2026-11-24T01-02-03-5f3a09c1",
 *     "created" : "2026-11-24T01:02:03.123456Z",
 *     "candidate" : "Zoë Ångström",
 *     "role" : "Backend engineer",
 *     "interviewer" : "Sam",
 *     "bank" : "python-interview-questions",
 *     "date" : "2026-11-25T14:00:00.000000Z",
 *     "total-budget" : 2700000000,
 *     "state" : "paused",
 *     "started" : "2026-11-25T14:01:10.000000Z",
 *     "finished" : null,
 *     "elapsed" : 754000000,
 *     "current" : 1,
 *     "recommendation" : "none",
 *     "takeaways" : "",
 *     "summary" : "",
 *     "items" : [
 *       {
 *         "number" : 42,
 *         "question" : "How do you reverse a string?",
 *         "budget" : 300000000,
 *         "spent" : 95000000,
 *         "notes" : "[00:12] Slicing at once.\n\n[01:02] Knows reversed().",
 *         "rating" : "yes"
 *       }
 *     ]
 *   }
 *
 *  - "id" is the file name without ".json": 1 to 64 ASCII letters,
 *    digits, "-" and "_", starting with a letter or digit; a file whose
 *    "id" is not its name is not loaded (a copy would share its file).
 *  - "created", "date", "started" and "finished": ISO 8601 UTC with
 *    microseconds, as in notes.json; "date" is null when not set,
 *    "started" is null exactly while "state" is "planned", "finished"
 *    is set exactly when "state" is "finished".
 *  - "bank": the id of the bank the item numbers belong to (the bank
 *    file's name without ".md"), at most 4 KiB, or null when not known;
 *    optional, as files written before it was added have none.
 *  - "candidate", "role" and "interviewer": at most 4 KiB each;
 *    "takeaways" and "summary": at most 1 MiB each.
 *  - "state" is "planned", "running", "paused" or "finished". A
 *    "running" interview was open when Viva stopped: it loads paused,
 *    since the time Viva was not running is not the candidate's.
 *  - "elapsed" (the time the interview ran, pauses excluded), "budget"
 *    (0 for none), "spent" and "total-budget" (0 for none) are
 *    microseconds, at most 1,000 hours.
 *  - "current" is the index of the current item, 0 when there is none.
 *  - "items": 0 to 100 questions in the planned order. "number" is the
 *    bank's number, 0 for a question of the interviewer's own; a bank
 *    number appears once at most. "question" (1 byte to 64 KiB) is
 *    copied from the bank; "notes" (at most 1 MiB) are stamped as
 *    viva-interview-stamp.c says; "rating" and "recommendation" are
 *    "none", "strong-no", "no", "yes" or "strong-yes".
 *  - All members above are required; others are ignored, so that a
 *    later version may add some without changing "version". A file
 *    whose "version" is higher than 2 is listed read-only and never
 *    written.
 *
 * Version 2 adds the code typed in the live page's code pad, to the
 * items whose pad was typed into, after "rating":
 *
 *         "code-pad" : {
 *           "code" : "def reverse(s):\n    return s[::-1]\n"
 *         }
 *
 *  - "code" is the code as typed, at most 1 MiB, run or not; what ran
 *    and its result are in the "notes" already. It is required.
 *  - Viva writes version 2 only when an item has a "code-pad", version 1
 *    otherwise: an interview without code stays one that every Viva
 *    reads and saves. A Viva that knows only version 1 ignores members
 *    it does not know, so it would drop the code at its next save (a
 *    note, a rating); a version 2 file it lists read-only instead.
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

#include "viva-document-file.h"
#include "viva-interview-private.h"
#include "viva-interview-file.h"
#include "viva-interview-store.h"

#define VIVA_INTERVIEW_FORMAT         "viva-interview"
/* The newest version, which holds the code pads; files without code
 * are written as the oldest. */
#define VIVA_INTERVIEW_FORMAT_VERSION 2
#define VIVA_INTERVIEW_FORMAT_VERSION_WITHOUT_CODE 1
/* Generous for notes typed during an interview; a plan of 100 questions
 * with 1 MiB of notes each would not fit, and is refused when saved.
 * Not raised with version 2: a Viva that knows only version 1 would
 * take a larger file for a damaged one and move it aside, where a
 * version 2 file of this size it lists read-only. */
#define VIVA_INTERVIEW_MAX_SIZE       ((gsize) 64 * 1024 * 1024)
/* Our files nest 3 levels; json-glib 1.6 crashes near 100,000. */
#define VIVA_INTERVIEW_MAX_DEPTH      32

/* Reading */

static gboolean
set_invalid (GError    **error,
             const char *message)
{
  g_set_error_literal (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
get_rating_member (JsonObject          *object,
                   const char          *name,
                   VivaInterviewRating *out,
                   GError             **error)
{
  const char *text;

  if (!viva_data_file_get_string_member (object, name, 1, 64, FALSE, &text, VIVA_INTERVIEW_STORE_ERROR, error))
    return FALSE;

  if (!viva_interview_rating_from_string (text, out))
    {
      g_set_error (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_INVALID,
                   _("“%s” is not a rating"), name);
      return FALSE;
    }

  return TRUE;
}

/**
 * viva_interview_file_get_plan_item:
 * @object: an item of an interview's or a template's "items"
 * @out_number: (out): its "number": the bank's, or 0 for the
 *   interviewer's own question
 * @out_question: (out) (transfer none): its "question"
 * @out_budget: (out): its "budget", in microseconds; 0 for none
 * @error: return location for an error
 *
 * Reads what a planned question is, the same in both files, with the
 * same limits.
 *
 * Returns: %FALSE with @error set when a member is missing, of the
 *   wrong type or out of range
 */
gboolean
viva_interview_file_get_plan_item (JsonObject   *object,
                                   gint64       *out_number,
                                   const char  **out_question,
                                   gint64       *out_budget,
                                   GError      **error)
{
  return viva_data_file_get_int_member (object, "number", 0, G_MAXUINT, out_number, VIVA_INTERVIEW_STORE_ERROR, error) &&
         viva_data_file_get_string_member (object, "question", 1, VIVA_INTERVIEW_QUESTION_MAX_SIZE, FALSE, out_question, VIVA_INTERVIEW_STORE_ERROR, error) &&
         viva_data_file_get_int_member (object, "budget", 0, VIVA_INTERVIEW_DURATION_MAX, out_budget, VIVA_INTERVIEW_STORE_ERROR, error);
}

/**
 * viva_interview_file_add_plan_item:
 * @builder: a builder inside an item's object
 * @number: the bank's number, or 0
 * @question: the question's text
 * @budget: its budget, in microseconds; 0 for none
 *
 * Writes what viva_interview_file_get_plan_item() reads.
 */
void
viva_interview_file_add_plan_item (JsonBuilder *builder,
                                   guint        number,
                                   const char  *question,
                                   gint64       budget)
{
  json_builder_set_member_name (builder, "number");
  json_builder_add_int_value (builder, number);
  json_builder_set_member_name (builder, "question");
  json_builder_add_string_value (builder, question);
  json_builder_set_member_name (builder, "budget");
  json_builder_add_int_value (builder, budget);
}

/* "code-pad", in a version 2 file: @out_code is %NULL when the item has
 * none. */
static gboolean
parse_code_pad (JsonObject  *item_object,
                const char **out_code,
                GError     **error)
{
  JsonNode *node;

  *out_code = NULL;

  if (!json_object_has_member (item_object, "code-pad"))
    return TRUE;

  node = json_object_get_member (item_object, "code-pad");
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return set_invalid (error, _("“code-pad” is not an object"));

  if (!viva_data_file_get_string_member (json_node_get_object (node), "code", 0, VIVA_INTERVIEW_TEXT_MAX_SIZE, FALSE,
                                         out_code, VIVA_INTERVIEW_STORE_ERROR, error))
    {
      g_prefix_error (error, _("code pad: "));
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_item (JsonNode      *node,
            gint64         version,
            VivaInterview *interview,
            GError       **error)
{
  JsonObject *object;
  const char *question;
  const char *notes;
  const char *code = NULL;
  gint64 number;
  gint64 budget;
  gint64 spent;
  VivaInterviewRating rating;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return set_invalid (error, _("an item of “items” is not an object"));

  object = json_node_get_object (node);

  if (!viva_interview_file_get_plan_item (object, &number, &question, &budget, error) ||
      !viva_data_file_get_int_member (object, "spent", 0, VIVA_INTERVIEW_DURATION_MAX, &spent, VIVA_INTERVIEW_STORE_ERROR, error) ||
      !viva_data_file_get_string_member (object, "notes", 0, VIVA_INTERVIEW_TEXT_MAX_SIZE, FALSE, &notes, VIVA_INTERVIEW_STORE_ERROR, error) ||
      !get_rating_member (object, "rating", &rating, error))
    return FALSE;

  if (version >= 2)
    {
      g_autoptr(GError) local_error = NULL;

      if (!parse_code_pad (object, &code, &local_error))
        {
          /* A newer Viva may write its code pads otherwise: the file is
           * listed, read-only, without them. */
          if (version <= VIVA_INTERVIEW_FORMAT_VERSION)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          code = NULL;
        }
    }

  if (number != 0 && viva_interview_contains (interview, (guint) number))
    return set_invalid (error, _("a question is planned twice in “items”"));

  _viva_interview_load_item (interview, (guint) number, question, budget, spent, notes, code, rating);

  return TRUE;
}

/* Everything but "format" and "version": the codec's parse(). */
static gpointer
parse_interview (JsonObject *root,
                 const char *expected_id,
                 GError    **error)
{
  g_autoptr(VivaInterview) interview = NULL;
  JsonArray *items;
  JsonNode *node;
  const char *id;
  const char *text;
  const char *candidate;
  const char *role;
  const char *interviewer;
  const char *bank = NULL;
  const char *takeaways;
  const char *summary;
  gint64 created;
  gint64 date;
  gint64 started;
  gint64 finished;
  gint64 total_budget;
  gint64 elapsed;
  gint64 current;
  VivaInterviewState state;
  VivaInterviewRating recommendation;
  gint64 version = viva_document_file_get_version (root);
  guint n_items;

  if (!viva_data_file_get_string_member (root, "id", 1, VIVA_INTERVIEW_ID_MAX_SIZE, FALSE, &id, VIVA_INTERVIEW_STORE_ERROR, error))
    return NULL;
  if (!viva_interview_id_is_valid (id))
    {
      set_invalid (error, _("“id” has characters other than letters, digits, “-” and “_”"));
      return NULL;
    }
  if (expected_id != NULL && strcmp (id, expected_id) != 0)
    {
      set_invalid (error, _("“id” is not the file’s name"));
      return NULL;
    }

  if (!viva_data_file_get_time_member (root, "created", FALSE, &created, VIVA_INTERVIEW_STORE_ERROR, error) ||
      !viva_data_file_get_string_member (root, "candidate", 0, VIVA_INTERVIEW_NAME_MAX_SIZE, FALSE, &candidate, VIVA_INTERVIEW_STORE_ERROR, error) ||
      !viva_data_file_get_string_member (root, "role", 0, VIVA_INTERVIEW_NAME_MAX_SIZE, FALSE, &role, VIVA_INTERVIEW_STORE_ERROR, error) ||
      !viva_data_file_get_string_member (root, "interviewer", 0, VIVA_INTERVIEW_NAME_MAX_SIZE, FALSE, &interviewer, VIVA_INTERVIEW_STORE_ERROR, error) ||
      /* Optional: files written before Viva recorded it have none. */
      (json_object_has_member (root, "bank") &&
       !viva_data_file_get_string_member (root, "bank", 0, VIVA_INTERVIEW_NAME_MAX_SIZE, TRUE, &bank, VIVA_INTERVIEW_STORE_ERROR, error)) ||
      !viva_data_file_get_time_member (root, "date", TRUE, &date, VIVA_INTERVIEW_STORE_ERROR, error) ||
      !viva_data_file_get_int_member (root, "total-budget", 0, VIVA_INTERVIEW_DURATION_MAX, &total_budget, VIVA_INTERVIEW_STORE_ERROR, error) ||
      !viva_data_file_get_string_member (root, "state", 1, 64, FALSE, &text, VIVA_INTERVIEW_STORE_ERROR, error))
    return NULL;

  if (!viva_interview_state_from_string (text, &state))
    {
      set_invalid (error, _("“state” is not “planned”, “running”, “paused” or “finished”"));
      return NULL;
    }

  if (!viva_data_file_get_time_member (root, "started", TRUE, &started, VIVA_INTERVIEW_STORE_ERROR, error) ||
      !viva_data_file_get_time_member (root, "finished", TRUE, &finished, VIVA_INTERVIEW_STORE_ERROR, error) ||
      !viva_data_file_get_int_member (root, "elapsed", 0, VIVA_INTERVIEW_DURATION_MAX, &elapsed, VIVA_INTERVIEW_STORE_ERROR, error) ||
      !viva_data_file_get_int_member (root, "current", 0, VIVA_INTERVIEW_MAX_ITEMS, &current, VIVA_INTERVIEW_STORE_ERROR, error) ||
      !get_rating_member (root, "recommendation", &recommendation, error) ||
      !viva_data_file_get_string_member (root, "takeaways", 0, VIVA_INTERVIEW_TEXT_MAX_SIZE, FALSE, &takeaways, VIVA_INTERVIEW_STORE_ERROR, error) ||
      !viva_data_file_get_string_member (root, "summary", 0, VIVA_INTERVIEW_TEXT_MAX_SIZE, FALSE, &summary, VIVA_INTERVIEW_STORE_ERROR, error))
    return NULL;

  if ((started == 0) != (state == VIVA_INTERVIEW_STATE_PLANNED))
    {
      set_invalid (error, _("“started” does not agree with “state”"));
      return NULL;
    }

  if ((finished != 0) != (state == VIVA_INTERVIEW_STATE_FINISHED))
    {
      set_invalid (error, _("“finished” does not agree with “state”"));
      return NULL;
    }

  if (!json_object_has_member (root, "items") ||
      !JSON_NODE_HOLDS_ARRAY ((node = json_object_get_member (root, "items"))))
    {
      set_invalid (error, _("“items” is missing or not a list"));
      return NULL;
    }

  items = json_node_get_array (node);
  n_items = json_array_get_length (items);
  if (n_items > VIVA_INTERVIEW_MAX_ITEMS)
    {
      g_set_error (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_INVALID,
                   ngettext ("“items” has more than %u question",
                             "“items” has more than %u questions",
                             VIVA_INTERVIEW_MAX_ITEMS),
                   (guint) VIVA_INTERVIEW_MAX_ITEMS);
      return NULL;
    }

  if (current > 0 && current >= n_items)
    {
      set_invalid (error, _("“current” is out of range"));
      return NULL;
    }

  interview = _viva_interview_new_loaded (id, created, NULL);

  for (guint i = 0; i < n_items; i++)
    {
      if (!parse_item (json_array_get_element (items, i), version, interview, error))
        return NULL;
    }

  _viva_interview_load_bank (interview, bank);
  _viva_interview_load_fields (interview, candidate, role, interviewer, date, total_budget,
                               state, started, finished, elapsed, (guint) current,
                               recommendation, takeaways, summary);

  return g_steal_pointer (&interview);
}

/* Writing */

/**
 * viva_interview_file_build:
 * @interview: an interview
 *
 * The file's tree, built on the main thread where the interview lives so
 * that it is one consistent moment; the strings are copied, and the
 * nodes are immutable, so the tree may then go to a worker thread.
 *
 * Returns: (transfer full): the root node
 */
JsonNode *
viva_interview_file_build (VivaInterview *interview)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  guint n_items = viva_interview_get_n_items (interview);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, VIVA_INTERVIEW_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, viva_interview_get_has_code (interview)
                                       ? VIVA_INTERVIEW_FORMAT_VERSION
                                       : VIVA_INTERVIEW_FORMAT_VERSION_WITHOUT_CODE);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, viva_interview_get_id (interview));
  viva_data_file_add_time_member (builder, "created", viva_interview_get_created (interview));
  json_builder_set_member_name (builder, "candidate");
  json_builder_add_string_value (builder, viva_interview_get_candidate (interview));
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, viva_interview_get_role (interview));
  json_builder_set_member_name (builder, "interviewer");
  json_builder_add_string_value (builder, viva_interview_get_interviewer (interview));
  json_builder_set_member_name (builder, "bank");
  if (viva_interview_get_bank (interview)[0] != '\0')
    json_builder_add_string_value (builder, viva_interview_get_bank (interview));
  else
    json_builder_add_null_value (builder);
  viva_data_file_add_time_member (builder, "date", viva_interview_get_date (interview));
  json_builder_set_member_name (builder, "total-budget");
  json_builder_add_int_value (builder, viva_interview_get_total_budget (interview));
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, viva_interview_state_to_string (viva_interview_get_state (interview)));
  viva_data_file_add_time_member (builder, "started", viva_interview_get_started (interview));
  viva_data_file_add_time_member (builder, "finished", viva_interview_get_finished (interview));
  json_builder_set_member_name (builder, "elapsed");
  json_builder_add_int_value (builder, viva_interview_get_elapsed (interview));
  json_builder_set_member_name (builder, "current");
  json_builder_add_int_value (builder, viva_interview_get_current (interview));
  json_builder_set_member_name (builder, "recommendation");
  json_builder_add_string_value (builder, viva_interview_rating_to_string (viva_interview_get_recommendation (interview)));
  json_builder_set_member_name (builder, "takeaways");
  json_builder_add_string_value (builder, viva_interview_get_takeaways (interview));
  json_builder_set_member_name (builder, "summary");
  json_builder_add_string_value (builder, viva_interview_get_summary (interview));

  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);

  for (guint i = 0; i < n_items; i++)
    {
      VivaInterviewItem *item = viva_interview_get_item (interview, i);

      json_builder_begin_object (builder);
      viva_interview_file_add_plan_item (builder, viva_interview_item_get_number (item),
                                         viva_interview_item_get_text (item),
                                         viva_interview_item_get_budget (item));
      json_builder_set_member_name (builder, "spent");
      /* With the running stretch: what the clock shows now. */
      json_builder_add_int_value (builder, viva_interview_get_item_elapsed (interview, i));
      json_builder_set_member_name (builder, "notes");
      json_builder_add_string_value (builder, viva_interview_item_get_notes (item));
      json_builder_set_member_name (builder, "rating");
      json_builder_add_string_value (builder, viva_interview_rating_to_string (viva_interview_item_get_rating (item)));
      if (viva_interview_item_get_code (item) != NULL)
        {
          json_builder_set_member_name (builder, "code-pad");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "code");
          json_builder_add_string_value (builder, viva_interview_item_get_code (item));
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}


/**
 * viva_interview_file_generate:
 * @root: from viva_interview_file_build()
 * @error: return location for an error
 *
 * Produces the file. Refuses to produce one that we would refuse to load
 * for its size. Thread-safe.
 *
 * Returns: (transfer full): the file's contents
 */
GBytes *
viva_interview_file_generate (JsonNode  *root,
                              GError   **error)
{
  return viva_document_file_generate (&viva_interview_codec, root, error);
}

/**
 * viva_interview_file_parse:
 * @data: the file's contents
 * @len: their length
 * @expected_id: (nullable): the id the file must have (its name)
 * @out_interview: (out) (transfer full) (optional): the interview
 * @error: return location for a %VIVA_INTERVIEW_STORE_ERROR
 *
 * Checks @data completely. A file from a newer version fails with
 * FUTURE_VERSION, and still gives its interview when it looks like ours,
 * so that it can be listed read-only. Thread-safe.
 */
gboolean
viva_interview_file_parse (const char     *data,
                           gsize           len,
                           const char     *expected_id,
                           VivaInterview **out_interview,
                           GError        **error)
{
  return viva_document_file_parse (&viva_interview_codec, data, len, expected_id,
                                   (gpointer *) out_interview, error);
}

/* The codec */

static const char *
interview_get_id (gpointer interview)
{
  return viva_interview_get_id (interview);
}

static gint64
interview_get_created (gpointer interview)
{
  return viva_interview_get_created (interview);
}

static gboolean
interview_get_read_only (gpointer interview)
{
  return viva_interview_get_read_only (interview);
}

static void
interview_set_read_only (gpointer interview)
{
  viva_interview_set_read_only (interview, TRUE);
}

static gboolean
interview_get_unfinished (gpointer interview)
{
  return viva_interview_get_unfinished (interview);
}

static JsonNode *
build_interview (gpointer interview)
{
  return viva_interview_file_build (interview);
}

static char *
dup_interview_message (VivaDocumentMessage  message,
                       const char          *arg1,
                       const char          *arg2,
                       const char          *arg3)
{
  switch (message)
    {
    case VIVA_DOCUMENT_MESSAGE_NOT_A_DOCUMENT_NAME:
      return g_strdup (_("the file name is not that of an interview"));

    case VIVA_DOCUMENT_MESSAGE_WRONG_FORMAT:
      return g_strdup (_("this is not a Viva interview: “format” is not “viva-interview”"));

    case VIVA_DOCUMENT_MESSAGE_TOO_LARGE_TO_SAVE:
      return g_strdup_printf (_("Could not save the interview: it would take more than %s; shorten the longest notes"),
                              arg1);

    case VIVA_DOCUMENT_MESSAGE_SAVE_FAILED:
      return g_strdup_printf (_("Could not save the interview to “%s”: %s"), arg1, arg2);

    case VIVA_DOCUMENT_MESSAGE_SAVE_CHANGING:
      return g_strdup_printf (_("Could not save the interview to “%s”: another program is changing it"),
                              arg1);

    case VIVA_DOCUMENT_MESSAGE_SAVE_DAMAGED:
      return g_strdup_printf (_("Could not save the interview to “%s”: another program left it damaged (%s), and %s"),
                              arg1, arg2, arg3);

    case VIVA_DOCUMENT_MESSAGE_SAVE_UNREADABLE:
      return g_strdup_printf (_("Could not save the interview to “%s”: another program changed it and it cannot be read (%s), so it was left as it is"),
                              arg1, arg2);

    case VIVA_DOCUMENT_MESSAGE_READ_ONLY:
      return g_strdup_printf (_("This interview cannot be saved: “%s” was written by a newer version of Viva"),
                              arg1);

    case VIVA_DOCUMENT_MESSAGE_DELETED:
      return g_strdup (_("The interview was deleted"));

    case VIVA_DOCUMENT_MESSAGE_NOT_FOUND:
      return g_strdup (_("This interview is not in the history"));

    case VIVA_DOCUMENT_MESSAGE_EXISTS:
      return g_strdup_printf (_("An interview is already saved as “%s”"), arg1);

    case VIVA_DOCUMENT_MESSAGE_DELETE_FAILED:
      return g_strdup_printf (_("Could not delete the interview “%s”: %s"), arg1, arg2);

    default:
      break;
    }

  g_return_val_if_reached (NULL);
}

const VivaDocumentCodec viva_interview_codec = {
  .get_document_type = viva_interview_get_type,
  .error_quark = viva_interview_store_error_quark,
  .format = VIVA_INTERVIEW_FORMAT,
  .version = VIVA_INTERVIEW_FORMAT_VERSION,
  .oldest_version = VIVA_INTERVIEW_FORMAT_VERSION_WITHOUT_CODE,
  .max_size = VIVA_INTERVIEW_MAX_SIZE,
  .max_depth = VIVA_INTERVIEW_MAX_DEPTH,
  .id_is_valid = viva_interview_id_is_valid,
  .get_id = interview_get_id,
  .get_created = interview_get_created,
  .get_read_only = interview_get_read_only,
  .set_read_only = interview_set_read_only,
  .get_unfinished = interview_get_unfinished,
  .parse = parse_interview,
  .build = build_interview,
  .dup_message = dup_interview_message,
};
