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
 *  - All members are required; others are ignored, so that a later
 *    version may add some without changing "version". A file whose
 *    "version" is higher than 1 is listed read-only and never written.
 *
 * Next to them:
 *  - <id>.json.bak: the previous version of the file, kept at every save;
 *  - .lock: an empty file that Viva processes flock() while they save,
 *    move aside or delete an interview;
 *  - <id>.json.corrupt-YYYYMMDD-HHMMSS: an interview file that could not
 *    be read, moved aside unchanged (with -2, -3… when that name is
 *    taken);
 *  - <id>.json.XXXXXX and <id>.json.bak.new, briefly, while saving.
 *
 * The reading, locking and writing follow viva-session-file.c step for
 * step (this file began as a copy of it); only the format differs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "viva-interview-private.h"
#include "viva-interview-file.h"
#include "viva-interview-store.h"

/* Tries of a load whose file keeps being replaced while we look at it. */
#define MAX_LOAD_ATTEMPTS 3

/* The shared reading code reports in our domain with its own codes. */
G_STATIC_ASSERT ((int) VIVA_INTERVIEW_STORE_ERROR_TOO_LARGE == (int) VIVA_DATA_FILE_ERROR_TOO_LARGE);
G_STATIC_ASSERT ((int) VIVA_INTERVIEW_STORE_ERROR_TOO_DEEP == (int) VIVA_DATA_FILE_ERROR_TOO_DEEP);
G_STATIC_ASSERT ((int) VIVA_INTERVIEW_STORE_ERROR_INVALID == (int) VIVA_DATA_FILE_ERROR_INVALID);

VivaInterviewReadResult
viva_interview_read_result_from_error (const GError *error)
{
  if (error == NULL)
    return VIVA_INTERVIEW_READ_OK;

  if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    return VIVA_INTERVIEW_READ_MISSING;

  if (g_error_matches (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_FUTURE_VERSION))
    return VIVA_INTERVIEW_READ_FUTURE;

  if (g_error_matches (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_TOO_LARGE) ||
      g_error_matches (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_TOO_DEEP) ||
      g_error_matches (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_INVALID))
    return VIVA_INTERVIEW_READ_DAMAGED;

  return VIVA_INTERVIEW_READ_UNREADABLE;
}

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

static gboolean
parse_item (JsonNode      *node,
            VivaInterview *interview,
            GError       **error)
{
  JsonObject *object;
  const char *question;
  const char *notes;
  gint64 number;
  gint64 budget;
  gint64 spent;
  VivaInterviewRating rating;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return set_invalid (error, _("an item of “items” is not an object"));

  object = json_node_get_object (node);

  if (!viva_data_file_get_int_member (object, "number", 0, G_MAXUINT, &number, VIVA_INTERVIEW_STORE_ERROR, error) ||
      !viva_data_file_get_string_member (object, "question", 1, VIVA_INTERVIEW_QUESTION_MAX_SIZE, FALSE, &question, VIVA_INTERVIEW_STORE_ERROR, error) ||
      !viva_data_file_get_int_member (object, "budget", 0, VIVA_INTERVIEW_DURATION_MAX, &budget, VIVA_INTERVIEW_STORE_ERROR, error) ||
      !viva_data_file_get_int_member (object, "spent", 0, VIVA_INTERVIEW_DURATION_MAX, &spent, VIVA_INTERVIEW_STORE_ERROR, error) ||
      !viva_data_file_get_string_member (object, "notes", 0, VIVA_INTERVIEW_TEXT_MAX_SIZE, FALSE, &notes, VIVA_INTERVIEW_STORE_ERROR, error) ||
      !get_rating_member (object, "rating", &rating, error))
    return FALSE;

  if (number != 0 && viva_interview_contains (interview, (guint) number))
    return set_invalid (error, _("a question is planned twice in “items”"));

  _viva_interview_load_item (interview, (guint) number, question, budget, spent, notes, rating);

  return TRUE;
}

static VivaInterview *
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
                   _("“items” has more than %u questions"), (guint) VIVA_INTERVIEW_MAX_ITEMS);
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
      if (!parse_item (json_array_get_element (items, i), interview, error))
        return NULL;
    }

  _viva_interview_load_fields (interview, candidate, role, interviewer, date, total_budget,
                               state, started, finished, elapsed, (guint) current,
                               recommendation, takeaways, summary);

  return g_steal_pointer (&interview);
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
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(VivaInterview) interview = NULL;
  g_autofree char *version_string = NULL;
  JsonObject *root;
  JsonNode *node;
  const char *format;
  gboolean missing;
  gint64 version;

  if (out_interview != NULL)
    *out_interview = NULL;

  parser = viva_data_file_parse_json (data, len, VIVA_INTERVIEW_MAX_DEPTH,
                                      VIVA_INTERVIEW_STORE_ERROR, &root, error);
  if (parser == NULL)
    return FALSE;

  node = viva_json_object_get_value_member (root, "format", G_TYPE_STRING, &missing);
  format = node != NULL ? json_node_get_string (node) : NULL;
  if (g_strcmp0 (format, VIVA_INTERVIEW_FORMAT) != 0)
    return set_invalid (error, _("this is not a Viva interview: “format” is not “viva-interview”"));

  node = viva_json_object_get_value_member (root, "version", G_TYPE_INT64, &missing);
  if (node == NULL)
    return set_invalid (error, missing ? _("“version” is missing") : _("“version” is not a whole number"));

  version = json_node_get_int (node);
  /* Formatted apart: a format macro inside _() would cut the message
   * that translators see. */
  version_string = g_strdup_printf ("%" G_GINT64_FORMAT, version);

  if (version < VIVA_INTERVIEW_FORMAT_VERSION)
    {
      g_set_error (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_INVALID,
                   _("“version” is %s, which no version of Viva wrote"),
                   version_string);
      return FALSE;
    }

  if (version > VIVA_INTERVIEW_FORMAT_VERSION)
    {
      interview = parse_interview (root, expected_id, NULL);
      if (interview != NULL)
        viva_interview_set_read_only (interview, TRUE);

      g_set_error (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_FUTURE_VERSION,
                   _("file version %s; this version of Viva reads version %d"),
                   version_string, VIVA_INTERVIEW_FORMAT_VERSION);

      if (out_interview != NULL)
        *out_interview = g_steal_pointer (&interview);

      return FALSE;
    }

  interview = parse_interview (root, expected_id, error);
  if (interview == NULL)
    return FALSE;

  if (out_interview != NULL)
    *out_interview = g_steal_pointer (&interview);

  return TRUE;
}

/**
 * viva_interview_file_read:
 * @path: the file
 * @expected_id: (nullable): the id it must have
 * @out_stamp: (out): the file as read; exists is %FALSE when it could
 *   not be opened
 * @out_interview: (out) (transfer full) (optional): the interview; also set
 *   for a readable file of a newer version
 * @error: return location for an error
 *
 * A missing file fails with %G_FILE_ERROR_NOENT. Thread-safe.
 */
gboolean
viva_interview_file_read (const char     *path,
                          const char     *expected_id,
                          VivaFileStamp  *out_stamp,
                          VivaInterview **out_interview,
                          GError        **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (out_interview != NULL)
    *out_interview = NULL;

  if (!viva_data_file_read (path, VIVA_INTERVIEW_MAX_SIZE, VIVA_INTERVIEW_STORE_ERROR,
                            out_stamp, &data, &len, error))
    return FALSE;

  return viva_interview_file_parse (data, len, expected_id, out_interview, error);
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
  json_builder_add_int_value (builder, VIVA_INTERVIEW_FORMAT_VERSION);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, viva_interview_get_id (interview));
  viva_data_file_add_time_member (builder, "created", viva_interview_get_created (interview));
  json_builder_set_member_name (builder, "candidate");
  json_builder_add_string_value (builder, viva_interview_get_candidate (interview));
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, viva_interview_get_role (interview));
  json_builder_set_member_name (builder, "interviewer");
  json_builder_add_string_value (builder, viva_interview_get_interviewer (interview));
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
      const VivaInterviewItem *item = viva_interview_get_item (interview, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "number");
      json_builder_add_int_value (builder, item->number);
      json_builder_set_member_name (builder, "question");
      json_builder_add_string_value (builder, item->text);
      json_builder_set_member_name (builder, "budget");
      json_builder_add_int_value (builder, item->budget);
      json_builder_set_member_name (builder, "spent");
      /* With the running stretch: what the clock shows now. */
      json_builder_add_int_value (builder, viva_interview_get_item_elapsed (interview, i));
      json_builder_set_member_name (builder, "notes");
      json_builder_add_string_value (builder, item->notes);
      json_builder_set_member_name (builder, "rating");
      json_builder_add_string_value (builder, viva_interview_rating_to_string (item->rating));
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
viva_interview_file_generate (JsonNode *root,
                              GError  **error)
{
  g_autoptr(GBytes) bytes = viva_data_file_generate (root);

  if (g_bytes_get_size (bytes) > VIVA_INTERVIEW_MAX_SIZE)
    {
      g_autofree char *max = g_format_size_full (VIVA_INTERVIEW_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, VIVA_INTERVIEW_STORE_ERROR, VIVA_INTERVIEW_STORE_ERROR_TOO_LARGE,
                   _("Could not save the interview: it would take more than %s; shorten the longest notes"),
                   max);
      return NULL;
    }

  return g_steal_pointer (&bytes);
}

/**
 * viva_interview_write_new:
 * @path: the interview's file
 * @lock_path: the interviews folder's lock file
 * @root: (transfer full): from viva_interview_file_build()
 * @expected: what the file on disk was when we last read or wrote it
 * @cancellable: (nullable): cancelled when the interview is deleted
 *
 * Returns: (transfer full): a write to run with viva_interview_write_run()
 */
VivaInterviewWrite *
viva_interview_write_new (const char          *path,
                          const char          *lock_path,
                          JsonNode            *root,
                          const VivaFileStamp *expected,
                          GCancellable        *cancellable)
{
  VivaInterviewWrite *job = g_new0 (VivaInterviewWrite, 1);

  job->path = g_strdup (path);
  job->lock_path = g_strdup (lock_path);
  job->root = root;
  job->expected = *expected;
  job->cancellable = cancellable ? g_object_ref (cancellable) : NULL;

  return job;
}

void
viva_interview_write_free (VivaInterviewWrite *job)
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
                const char  *reason,
                gpointer     user_data)
{
  g_set_error (error, domain, code,
               _("Could not save the interview to “%s”: %s"), path, reason);
}

static char *
dup_id_from_path (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);

  if (!g_str_has_suffix (name, VIVA_INTERVIEW_SUFFIX))
    return NULL;

  return g_strndup (name, strlen (name) - strlen (VIVA_INTERVIEW_SUFFIX));
}

/* What to do when the file on disk is not the one we last read or wrote
 * (@current): another Viva has the same interview open, a sync tool
 * brought another copy, someone damaged it. Holding the lock. Returns
 * FALSE with @error set when nothing may be written; sets @may_write
 * FALSE (and the outcome) when we must not write but that is no error. */
static gboolean
check_changed_on_disk (gpointer        user_data,
                       VivaFileStamp  *current,
                       gboolean       *may_write,
                       GError        **error)
{
  VivaInterviewWrite *job = user_data;
  g_autoptr(GError) read_error = NULL;
  g_autoptr(GError) move_error = NULL;
  g_autoptr(VivaInterview) disk = NULL;
  g_autofree char *id = dup_id_from_path (job->path);
  VivaFileStamp disk_stamp;

  *may_write = TRUE;

  viva_interview_file_read (job->path, id, &disk_stamp, &disk, &read_error);

  switch (viva_interview_read_result_from_error (read_error))
    {
    case VIVA_INTERVIEW_READ_OK:
      /* The same interview, written elsewhere. Ours is what the user sees
       * and types into; theirs stays as the backup. */
      g_message ("%s was changed by another program; the previous version is kept as its backup",
                 job->path);
      return TRUE;

    case VIVA_INTERVIEW_READ_FUTURE:
      job->outcome = VIVA_INTERVIEW_WRITE_NEWER_ON_DISK;
      *may_write = FALSE;
      return TRUE;

    case VIVA_INTERVIEW_READ_MISSING:
      current->exists = FALSE;
      return TRUE;

    case VIVA_INTERVIEW_READ_DAMAGED:
      switch (viva_data_file_move_aside_locked (job->path, &disk_stamp, &job->moved_aside_path, &move_error))
        {
        case VIVA_MOVE_ASIDE_DONE:
          g_message ("%s was damaged (%s); moved it to %s",
                     job->path, read_error->message, job->moved_aside_path);
          current->exists = FALSE;
          return TRUE;

        case VIVA_MOVE_ASIDE_CHANGED:
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_AGAIN,
                       _("Could not save the interview to “%s”: another program is changing it"),
                       job->path);
          return FALSE;

        case VIVA_MOVE_ASIDE_FAILED:
        default:
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                       _("Could not save the interview to “%s”: another program left it damaged (%s), and %s"),
                       job->path, read_error->message, move_error->message);
          return FALSE;
        }

    case VIVA_INTERVIEW_READ_UNREADABLE:
    default:
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("Could not save the interview to “%s”: another program changed it and it cannot be read (%s), so it was left as it is"),
                   job->path, read_error->message);
      return FALSE;
    }
}

/* The write itself: lock, check that nobody else wrote the file since we
 * read it, keep the backup, replace the file atomically. Runs in a worker
 * thread (or in flush's caller); touches nothing but @job. Returns FALSE
 * only when nothing was written; a newer file on disk or a deleted
 * interview is an outcome, not an error. */
gboolean
viva_interview_write_run (VivaInterviewWrite *job,
                          GError            **error)
{
  g_autoptr(GBytes) contents = NULL;
  VivaDataFileWriteResult result;

  contents = viva_interview_file_generate (job->root, error);
  if (contents == NULL)
    return FALSE;

  if (!viva_data_file_write (job->path, job->lock_path, contents, &job->expected,
                             job->cancellable, check_changed_on_disk, set_save_error,
                             job, &job->stamp, &result, error))
    return FALSE;

  /* A declined write has its outcome from check_changed_on_disk(). */
  if (result == VIVA_DATA_FILE_WRITE_WROTE)
    job->outcome = VIVA_INTERVIEW_WRITE_WROTE;
  else if (result == VIVA_DATA_FILE_WRITE_CANCELLED)
    job->outcome = VIVA_INTERVIEW_WRITE_CANCELLED;

  return TRUE;
}

/* The interviews folder */

static VivaInterviewProblem *
problem_new (const char *path,
             const char *message)
{
  VivaInterviewProblem *problem = g_new0 (VivaInterviewProblem, 1);

  problem->path = g_strdup (path);
  problem->message = g_strdup (message);

  return problem;
}

static void
viva_interview_loaded_free (VivaInterviewLoaded *loaded)
{
  g_clear_object (&loaded->interview);
  g_free (loaded->path);
  g_free (loaded);
}

void
viva_interview_dir_load_free (VivaInterviewDirLoad *result)
{
  g_clear_pointer (&result->loaded, g_ptr_array_unref);
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_free (result);
}

static VivaInterviewLoaded *
loaded_new (VivaInterview       *interview,
            const char          *path,
            const VivaFileStamp *stamp)
{
  VivaInterviewLoaded *loaded = g_new0 (VivaInterviewLoaded, 1);

  loaded->interview = interview;
  loaded->path = g_strdup (path);
  loaded->stamp = *stamp;

  return loaded;
}

/* After "<id>.json" was moved aside: its backup, if it is good. */
static VivaInterviewLoaded *
load_backup (const char *path,
             const char *id)
{
  g_autofree char *bak_path = viva_data_file_dup_backup_path (path);
  g_autoptr(GError) error = NULL;
  VivaInterview *interview = NULL;
  VivaFileStamp stamp;
  VivaFileStamp missing = { 0, };
  VivaInterviewLoaded *loaded;

  if (!viva_interview_file_read (bak_path, id, &stamp, &interview, &error))
    {
      g_clear_object (&interview);
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_message ("The backup %s could not be used either: %s", bak_path, error->message);
      return NULL;
    }

  /* "<id>.json" is gone; the first save puts it back. */
  loaded = loaded_new (interview, path, &missing);
  loaded->from_backup = TRUE;

  return loaded;
}

/* Loads one file of the folder into @result: an interview, a problem, or
 * both (a damaged file restored from its backup). Thread-safe. */
static void
load_one (const char           *dir,
          const char           *lock_path,
          const char           *name,
          VivaInterviewDirLoad *result)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *id = g_strndup (name, strlen (name) - strlen (VIVA_INTERVIEW_SUFFIX));

  if (!viva_interview_id_is_valid (id))
    {
      g_ptr_array_add (result->problems,
                       problem_new (path, _("the file name is not that of an interview")));
      return;
    }

  for (guint attempt = 1; ; attempt++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) move_error = NULL;
      g_autofree char *aside = NULL;
      VivaInterview *interview = NULL;
      VivaInterviewProblem *problem;
      VivaMoveAsideResult moved;
      VivaFileStamp stamp;
      VivaInterviewLoaded *loaded;

      viva_interview_file_read (path, id, &stamp, &interview, &error);

      switch (viva_interview_read_result_from_error (error))
        {
        case VIVA_INTERVIEW_READ_OK:
          g_ptr_array_add (result->loaded, loaded_new (interview, path, &stamp));
          return;

        case VIVA_INTERVIEW_READ_MISSING:
          /* Deleted while we listed the folder. */
          return;

        case VIVA_INTERVIEW_READ_FUTURE:
          /* Listed read-only when its contents are ours; never written. */
          if (interview != NULL)
            {
              loaded = loaded_new (interview, path, &stamp);
              loaded->future = TRUE;
              g_ptr_array_add (result->loaded, loaded);
            }
          else
            g_ptr_array_add (result->problems, problem_new (path, error->message));
          return;

        case VIVA_INTERVIEW_READ_DAMAGED:
          g_clear_object (&interview);

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

        case VIVA_INTERVIEW_READ_UNREADABLE:
        default:
          g_clear_object (&interview);
          g_ptr_array_add (result->problems, problem_new (path, error->message));
          return;
        }
    }
}

/* Reads every "*.json" of @dir. A missing folder is an empty history.
 * Thread-safe. */
VivaInterviewDirLoad *
viva_interview_dir_load (const char *dir,
                         const char *lock_path)
{
  VivaInterviewDirLoad *result = g_new0 (VivaInterviewDirLoad, 1);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;

  result->loaded = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_interview_loaded_free);
  result->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_interview_problem_free);

  names = viva_data_file_list_folder (dir, VIVA_INTERVIEW_SUFFIX, &error);
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
