/* viva-notes-file.c
 *
 * Where the notes live
 * ====================
 *
 * $XDG_DATA_HOME/io.github.vivaprep.Viva/notes.json (usually
 * ~/.local/share/io.github.vivaprep.Viva/notes.json), mode 0600 in a
 * folder created 0700:
 *
 *   {
 *     "format" : "viva-notes",
 *     "version" : 4,
 *     "banks" : {
 *       "python-interview-questions" : {
 *         "42" : {
 *           "text" : "Slicing is half-open…",
 *           "status" : "learning",
 *           "starred" : true,
 *           "modified" : "2026-11-24T01:02:03.123456Z",
 *           "review" : {
 *             "due" : "2026-11-27T01:02:03.123456Z",
 *             "last-review" : "2026-11-24T01:02:03.123456Z",
 *             "interval" : 3,
 *             "ease" : 2500,
 *             "repetitions" : 2,
 *             "lapses" : 0,
 *             "stability" : 3.1262,
 *             "difficulty" : 5.3140427,
 *             "step" : 0,
 *             "reviews" : 2
 *           },
 *           "history" : [
 *             {
 *               "time" : "2026-11-23T09:00:00.000000Z",
 *               "grade" : "good",
 *               "source" : "mock"
 *             },
 *             {
 *               "time" : "2026-11-24T01:02:03.123456Z",
 *               "grade" : "good",
 *               "source" : "review"
 *             }
 *           ],
 *           "scratchpad" : {
 *             "code" : "s = \"Programming\"\ns[1:4]\n",
 *             "prediction" : "'rog'",
 *             "cases" : [
 *               {
 *                 "name" : "empty",
 *                 "call" : "s[1:4] == ''",
 *                 "expected" : "False"
 *               }
 *             ]
 *           }
 *         }
 *       }
 *     }
 *   }
 *
 *  - "banks" maps a bank id (the question bank's file name without its
 *    extension; 1 to 256 bytes of UTF-8) to that bank's notes.
 *  - A bank maps a question number, written in decimal (1 to 4294967295,
 *    no sign, no leading zeros), to its note.
 *  - "text" is the note in Markdown, at most 1 MiB; "status" is "new",
 *    "learning" or "confident"; "modified" is when the note last changed,
 *    in ISO 8601 UTC with microseconds. All four members are required.
 *  - "review" and "history" (version 2) are there together for a
 *    question Review has scheduled, and absent for one never reviewed.
 *    "review" is where it stands (VivaReviewState, see viva-scheduler.c):
 *    "due" and "last-review" are times as above, due no earlier than the
 *    last review; "interval" is in days, 0 to 36500, and 0 exactly when
 *    "repetitions" is 0; "ease" is the ease factor in thousandths, 1300
 *    to 5000; "repetitions" and "lapses" are counts up to 1,000,000.
 *    "stability" and "difficulty" (version 4) are the question's FSRS
 *    memory, kept whichever scheduler gives the due dates: the days
 *    after which recall falls to 90%, 0.001 to 36500, and how hard the
 *    question is, 1 to 10; numbers written in the fewest digits that
 *    read back exactly. With them "step", the FSRS learning step the
 *    question has reached (0 or 1; 0 unless "interval" is 0), and
 *    "reviews", how many grades it has had in all (the history keeps
 *    only the last 100), up to 1,000,000.
 *    "history" holds the last 1 to 100 reviews, oldest first, each with
 *    its "time", its "grade" ("again", "hard", "good" or "easy") and its
 *    "source" ("review", or "mock" for a mock interview rating).
 *  - "scratchpad" (version 3) is there for a question whose Python
 *    scratchpad the user changed, and absent otherwise. It holds all
 *    three of: "code", the scratchpad's code (at most 1 MiB, like the
 *    text); "prediction", what the user last predicted it prints ("Your
 *    answer", at most 64 KiB; "" for none); "cases", the user's own test
 *    cases, 0 to 100, each as data/challenges.json has them (see
 *    viva-code-case.c): an optional "name", a "call", exactly one of
 *    "expected", "raises" and "output", and "unordered" (true, or left
 *    out for false). At least one of the three is
 *    not empty.
 *  - Questions with no text, status "new", no star, no review and no
 *    scratchpad are not written.
 *  - Banks are sorted by id and notes by number, so that two versions of
 *    the file compare well with diff.
 *  - Other members are ignored, so a later version may add some without
 *    changing "version"; a file whose "version" is higher than ours is
 *    opened read-only and never written to.
 *  - Version 1 had no "review" nor "history" (and ignored them, like any
 *    other member). It is read as a file in which nothing was reviewed,
 *    and written back as version 2 at the next save. Version 2 had to be
 *    a new version rather than new members: a Viva that only knows
 *    version 1 would otherwise load the reviews, ignore them and save
 *    the file without them. It opens version 2 read-only instead.
 *  - Version 3 added "scratchpad", for the same reason: a Viva that only
 *    knows version 2 opens it read-only rather than save it without the
 *    code. Versions 1 and 2 are read as files in which no scratchpad was
 *    kept (a "scratchpad" member in them is ignored, as they ignored it)
 *    and every note in them is written back unchanged as version 3.
 *  - Version 4 added the memory to "review", for the same reason: a Viva
 *    that only knows version 3 would drop it at its next save (and
 *    schedule by SM-2 alone); it opens version 4 read-only instead. In a
 *    version 2 or 3 file the memory is replayed from each note's history
 *    when it is read (see replay_memory()); everything else, due dates
 *    included, is kept as it was, and the file is written back as
 *    version 4 at the next save. These members in an older file are
 *    ignored, as that version ignored them.
 *
 * Next to it:
 *  - notes.json.bak: the previous notes.json, kept at every save;
 *  - notes.json.lock: an empty file that Viva processes flock() while they
 *    save, so that two of them never write at the same time;
 *  - notes.json.corrupt-YYYYMMDD-HHMMSS: a notes.json that could not be
 *    read, moved aside unchanged (with -2, -3… when that name is taken);
 *    notes.json.bak.corrupt-… likewise for a damaged backup;
 *  - notes.json.XXXXXX and notes.json.bak.new, briefly, while saving.
 *
 * One file of about 1,100 lines on purpose: the schema above, the reader
 * that checks every member of it and the writer that must produce what
 * the reader accepts change together, and kept together a change of
 * format is one diff that can be read whole. Some 110 lines are the
 * schema itself; the file operations they share with every other file
 * are in files/ (viva-data-file.c), the store's side in
 * viva-notes-store*.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "viva-code-case.h"
#include "viva-data-file.h"
#include "viva-fsrs.h"
#include "viva-json-writer.h"
#include "viva-notes-file.h"
#include "viva-notes-store.h"

/* The shared reading code reports in our domain with its own codes. */
G_STATIC_ASSERT ((int) VIVA_NOTES_STORE_ERROR_TOO_LARGE == (int) VIVA_DATA_FILE_ERROR_TOO_LARGE);
G_STATIC_ASSERT ((int) VIVA_NOTES_STORE_ERROR_TOO_DEEP == (int) VIVA_DATA_FILE_ERROR_TOO_DEEP);
G_STATIC_ASSERT ((int) VIVA_NOTES_STORE_ERROR_INVALID == (int) VIVA_DATA_FILE_ERROR_INVALID);
G_STATIC_ASSERT ((int) VIVA_NOTES_STORE_ERROR_FUTURE_VERSION == (int) VIVA_DATA_FILE_ERROR_FUTURE_VERSION);

/* Notes as plain data */

VivaNoteRecord *
viva_note_record_new (const char *bank_id,
                      guint       number,
                      const char *text,
                      VivaStatus  status,
                      gboolean    starred,
                      gint64      modified)
{
  VivaNoteRecord *record = g_new0 (VivaNoteRecord, 1);

  record->bank_id = g_strdup (bank_id);
  record->number = number;
  record->text = g_strdup (text);
  record->code = g_strdup ("");
  record->prediction = g_strdup ("");
  record->status = status;
  record->starred = !!starred;
  record->modified = modified;
  viva_review_state_init (&record->review);

  return record;
}

/* @review is %NULL (and @n_history 0) for a question never reviewed. */
void
viva_note_record_set_review (VivaNoteRecord        *record,
                             const VivaReviewState *review,
                             const VivaReviewEntry *history,
                             guint                  n_history)
{
  if (review != NULL)
    record->review = *review;
  else
    viva_review_state_init (&record->review);

  g_clear_pointer (&record->history, g_array_unref);
  if (n_history > 0)
    {
      record->history = g_array_sized_new (FALSE, FALSE, sizeof (VivaReviewEntry), n_history);
      g_array_append_vals (record->history, history, n_history);
    }
}

/* @code and @prediction are %NULL or "" for none, @cases %NULL or empty;
 * all are copied. */
void
viva_note_record_set_scratchpad (VivaNoteRecord *record,
                                 const char     *code,
                                 const char     *prediction,
                                 GPtrArray      *cases)
{
  g_free (record->code);
  record->code = g_strdup (code ? code : "");
  g_free (record->prediction);
  record->prediction = g_strdup (prediction ? prediction : "");
  g_clear_pointer (&record->cases, g_ptr_array_unref);
  if (cases != NULL && cases->len > 0)
    record->cases = viva_code_cases_copy (cases);
}

void
viva_note_record_free (VivaNoteRecord *record)
{
  g_free (record->bank_id);
  g_free (record->text);
  g_free (record->code);
  g_free (record->prediction);
  g_clear_pointer (&record->cases, g_ptr_array_unref);
  g_clear_pointer (&record->history, g_array_unref);
  g_free (record);
}

static VivaNotesFile *
notes_file_new (void)
{
  VivaNotesFile *file = g_new0 (VivaNotesFile, 1);

  file->records = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_note_record_free);

  return file;
}

void
viva_notes_file_free (VivaNotesFile *file)
{
  g_clear_pointer (&file->records, g_ptr_array_unref);
  g_free (file);
}

static gboolean
parse_question_number (const char *key,
                       guint      *number)
{
  guint64 value = 0;
  gsize len = strlen (key);

  if (len == 0 || len > 10 || key[0] == '0')
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (key[i] < '0' || key[i] > '9')
        return FALSE;

      value = value * 10 + (guint64) (key[i] - '0');
    }

  if (value > G_MAXUINT32)
    return FALSE;

  *number = (guint) value;

  return TRUE;
}

static gboolean
validate_review_entry (JsonArray        *array,
                       guint             index,
                       VivaReviewEntry  *entry,
                       GError          **error)
{
  JsonNode *node = json_array_get_element (array, index);
  JsonObject *object;
  const char *name;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                   _("review %u of “history” is not an object"), index + 1);
      return FALSE;
    }

  object = json_node_get_object (node);

  if (!viva_data_file_get_time_member (object, "time", FALSE, &entry->time,
                                       VIVA_NOTES_STORE_ERROR, error) ||
      !viva_data_file_get_string_member (object, "grade", 1, 16, FALSE, &name,
                                         VIVA_NOTES_STORE_ERROR, error))
    goto fail;

  if (!viva_review_grade_from_string (name, &entry->grade))
    {
      g_set_error_literal (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                           _("“grade” is not “again”, “hard”, “good” or “easy”"));
      goto fail;
    }

  if (!viva_data_file_get_string_member (object, "source", 1, 16, FALSE, &name,
                                         VIVA_NOTES_STORE_ERROR, error))
    goto fail;

  if (!viva_review_source_from_string (name, &entry->source))
    {
      g_set_error_literal (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                           _("“source” is not “review” or “mock”"));
      goto fail;
    }

  return TRUE;

fail:
  g_prefix_error (error, _("review %u of “history”: "), index + 1);
  return FALSE;
}

/* A number member, whole or not, finite and within [@min, @max]. */
static gboolean
get_number_member (JsonObject  *object,
                   const char  *name,
                   double       min,
                   double       max,
                   double      *out,
                   GError     **error)
{
  JsonNode *node;

  if (!json_object_has_member (object, name))
    {
      g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                   _("“%s” is missing"), name);
      return FALSE;
    }

  node = json_object_get_member (object, name);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    *out = json_node_get_double (node);
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    *out = (double) json_node_get_int (node);
  else
    {
      g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                   _("“%s” is not a number"), name);
      return FALSE;
    }

  /* json-glib reads 1e999 as infinity. */
  if (!isfinite (*out) || *out < min || *out > max)
    {
      g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                   _("“%s” is out of range"), name);
      return FALSE;
    }

  return TRUE;
}

/* Version 4's members of "review": the memory, the learning step and
 * the count of reviews. */
static gboolean
validate_memory (JsonObject      *review,
                 VivaNoteRecord  *record,
                 GError         **error)
{
  gint64 value;

  if (!get_number_member (review, "stability", VIVA_FSRS_STABILITY_MIN, VIVA_FSRS_STABILITY_MAX,
                          &record->review.stability, error) ||
      !get_number_member (review, "difficulty", VIVA_FSRS_DIFFICULTY_MIN, VIVA_FSRS_DIFFICULTY_MAX,
                          &record->review.difficulty, error))
    return FALSE;

  if (!viva_data_file_get_int_member (review, "step", 0, VIVA_SCHEDULER_LEARNING_STEPS - 1, &value,
                                      VIVA_NOTES_STORE_ERROR, error))
    return FALSE;
  record->review.step = (guint) value;

  if (!viva_data_file_get_int_member (review, "reviews", 0, VIVA_REVIEW_COUNT_MAX, &value,
                                      VIVA_NOTES_STORE_ERROR, error))
    return FALSE;
  record->review.reviews = (guint) value;

  return TRUE;
}

/* Versions 2 and 3 kept no memory: it is what the history gives,
 * replayed through FSRS as at every review since (viva_scheduler_replay()),
 * with the count of reviews and the learning step that go with it.
 * The parameters are the published defaults, which are what a user
 * upgrading has (there was nothing to fit them with before version 4);
 * the rest of the state (when it is due, SM-2's ease and interval) is
 * the file's, so that no due date moves. A history cut to its last 100
 * reviews replays from the oldest one kept. */
static void
replay_memory (VivaNoteRecord *record)
{
  VivaSchedulerConfig config;
  VivaReviewState replayed;

  viva_scheduler_config_init (&config);
  config.fuzz = FALSE;

  viva_scheduler_replay (&config,
                         &g_array_index (record->history, VivaReviewEntry, 0),
                         record->history->len,
                         &replayed);

  record->review.stability = replayed.stability;
  record->review.difficulty = replayed.difficulty;
  record->review.reviews = replayed.reviews;
  /* The learning step means something only while the file's own state
   * is being learnt; a question SM-2 already passed has none. */
  record->review.step = record->review.interval == 0 && replayed.interval == 0 ? replayed.step : 0;
}

/* "review" and "history", which come together or not at all. */
static gboolean
validate_review (JsonObject      *object,
                 gint64           version,
                 VivaNoteRecord  *record,
                 GError         **error)
{
  gboolean has_review = json_object_has_member (object, "review");
  gboolean has_history = json_object_has_member (object, "history");
  JsonObject *review;
  JsonArray *history;
  JsonNode *node;
  gint64 value;
  guint len;

  if (!has_review && !has_history)
    return TRUE;

  if (!has_review || !has_history)
    {
      g_set_error_literal (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                           has_review ? _("“review” is there without “history”")
                                      : _("“history” is there without “review”"));
      return FALSE;
    }

  node = json_object_get_member (object, "review");
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                           _("“review” is not an object"));
      return FALSE;
    }
  review = json_node_get_object (node);

  if (!viva_data_file_get_time_member (review, "due", FALSE, &record->review.due,
                                       VIVA_NOTES_STORE_ERROR, error) ||
      !viva_data_file_get_time_member (review, "last-review", FALSE, &record->review.last_review,
                                       VIVA_NOTES_STORE_ERROR, error))
    goto fail;

  if (!viva_data_file_get_int_member (review, "interval", 0, VIVA_REVIEW_INTERVAL_MAX, &value,
                                      VIVA_NOTES_STORE_ERROR, error))
    goto fail;
  record->review.interval = (guint) value;

  if (!viva_data_file_get_int_member (review, "ease", VIVA_REVIEW_EASE_MIN, VIVA_REVIEW_EASE_MAX, &value,
                                      VIVA_NOTES_STORE_ERROR, error))
    goto fail;
  record->review.ease = (guint) value;

  if (!viva_data_file_get_int_member (review, "repetitions", 0, VIVA_REVIEW_COUNT_MAX, &value,
                                      VIVA_NOTES_STORE_ERROR, error))
    goto fail;
  record->review.repetitions = (guint) value;

  if (!viva_data_file_get_int_member (review, "lapses", 0, VIVA_REVIEW_COUNT_MAX, &value,
                                      VIVA_NOTES_STORE_ERROR, error))
    goto fail;
  record->review.lapses = (guint) value;

  if (version >= 4 && !validate_memory (review, record, error))
    goto fail;

  /* Each member is in range; together they must be a state the
   * scheduler can have produced. */
  if (!viva_review_state_is_valid (&record->review))
    {
      g_set_error_literal (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                           record->review.due < record->review.last_review
                             ? _("“due” is before “last-review”")
                             : (record->review.repetitions == 0) != (record->review.interval == 0)
                               ? _("“interval” is 0 but “repetitions” is not, or the other way round")
                               : _("“step” is not 0 for a question already passed (“interval” is not 0)"));
      goto fail;
    }

  node = json_object_get_member (object, "history");
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                           _("“history” is not a list"));
      return FALSE;
    }
  history = json_node_get_array (node);
  len = json_array_get_length (history);

  if (len == 0)
    {
      g_set_error_literal (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                           _("“history” is empty"));
      return FALSE;
    }

  if (len > VIVA_REVIEW_HISTORY_MAX)
    {
      g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                   ngettext ("“history” has more than %u review",
                             "“history” has more than %u reviews",
                             VIVA_REVIEW_HISTORY_MAX),
                   (guint) VIVA_REVIEW_HISTORY_MAX);
      return FALSE;
    }

  record->history = g_array_sized_new (FALSE, FALSE, sizeof (VivaReviewEntry), len);
  g_array_set_size (record->history, len);

  for (guint i = 0; i < len; i++)
    {
      if (!validate_review_entry (history, i, &g_array_index (record->history, VivaReviewEntry, i), error))
        return FALSE;
    }

  if (version < 4)
    replay_memory (record);

  return TRUE;

fail:
  g_prefix_error (error, _("“review”: "));
  return FALSE;
}

/* "scratchpad": the question's code, prediction and test cases. */
static gboolean
validate_scratchpad (JsonObject      *object,
                     VivaNoteRecord  *record,
                     GError         **error)
{
  JsonObject *scratchpad;
  JsonNode *node;
  const char *code;
  const char *prediction;
  GPtrArray *cases;

  if (!json_object_has_member (object, "scratchpad"))
    return TRUE;

  node = json_object_get_member (object, "scratchpad");
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                           _("“scratchpad” is not an object"));
      return FALSE;
    }
  scratchpad = json_node_get_object (node);

  if (!viva_data_file_get_string_member (scratchpad, "code", 0, VIVA_NOTE_TEXT_MAX_SIZE, FALSE, &code,
                                         VIVA_NOTES_STORE_ERROR, error) ||
      !viva_data_file_get_string_member (scratchpad, "prediction", 0, VIVA_NOTE_PREDICTION_MAX_SIZE, FALSE,
                                         &prediction, VIVA_NOTES_STORE_ERROR, error))
    goto fail;

  /* Checked here too, whatever the shared reader does, since "text" is. */
  if (!g_utf8_validate (code, -1, NULL) || !g_utf8_validate (prediction, -1, NULL))
    {
      g_set_error_literal (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                           _("“code” or “prediction” is not UTF-8"));
      goto fail;
    }

  if (!json_object_has_member (scratchpad, "cases"))
    {
      g_set_error_literal (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                           _("“cases” is missing"));
      goto fail;
    }

  cases = viva_code_cases_new_from_json (json_object_get_member (scratchpad, "cases"),
                                         VIVA_CODE_CASE_OWN, VIVA_NOTES_STORE_ERROR, error);
  if (cases == NULL)
    goto fail;

  viva_note_record_set_scratchpad (record, code, prediction, cases);
  g_ptr_array_unref (cases);

  /* We never write an empty one; a file that has one was not ours. */
  if (code[0] == '\0' && prediction[0] == '\0' && record->cases == NULL)
    {
      g_set_error_literal (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                           _("it is empty"));
      goto fail;
    }

  return TRUE;

fail:
  g_prefix_error (error, _("“scratchpad”: "));
  return FALSE;
}

static gboolean
validate_note (JsonObject      *bank,
               const char      *bank_id,
               const char      *key,
               gint64           version,
               VivaNoteRecord  *record,
               GError         **error)
{
  g_autoptr(GError) review_error = NULL;
  JsonNode *node;
  JsonObject *object;
  const char *problem = NULL;
  gboolean missing;

  node = json_object_get_member (bank, key);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      problem = _("it is not an object");
      goto out;
    }

  object = json_node_get_object (node);

  if (!(node = viva_json_object_get_value_member (object, "text", G_TYPE_STRING, &missing)))
    {
      problem = missing ? _("“text” is missing") : _("“text” is not a string");
      goto out;
    }
  record->text = json_node_dup_string (node);
  if (strlen (record->text) > VIVA_NOTE_TEXT_MAX_SIZE)
    {
      problem = _("“text” is longer than 1 MiB");
      goto out;
    }
  if (!g_utf8_validate (record->text, -1, NULL))
    {
      problem = _("“text” is not UTF-8");
      goto out;
    }

  if (!(node = viva_json_object_get_value_member (object, "status", G_TYPE_STRING, &missing)))
    {
      problem = missing ? _("“status” is missing") : _("“status” is not a string");
      goto out;
    }
  if (!viva_status_from_string (json_node_get_string (node), &record->status))
    {
      problem = _("“status” is not “new”, “learning” or “confident”");
      goto out;
    }

  if (!(node = viva_json_object_get_value_member (object, "starred", G_TYPE_BOOLEAN, &missing)))
    {
      problem = missing ? _("“starred” is missing") : _("“starred” is not true or false");
      goto out;
    }
  record->starred = json_node_get_boolean (node);

  if (!(node = viva_json_object_get_value_member (object, "modified", G_TYPE_STRING, &missing)))
    {
      problem = missing ? _("“modified” is missing") : _("“modified” is not a string");
      goto out;
    }
  record->modified = viva_data_file_parse_time (json_node_get_string (node));
  if (record->modified < 0)
    {
      problem = _("“modified” is not an ISO 8601 date and time after 1970");
      goto out;
    }

  /* Version 1 ignored these members, like any other. */
  if (version >= 2 && !validate_review (object, version, record, &review_error))
    {
      problem = review_error->message;
      goto out;
    }

  /* Versions 1 and 2 ignored it, like any other member. */
  if (version >= 3 && !validate_scratchpad (object, record, &review_error))
    {
      problem = review_error->message;
      goto out;
    }

out:
  if (problem != NULL)
    {
      g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                   _("note %u of bank “%s”: %s"), record->number, bank_id, problem);
      return FALSE;
    }

  return TRUE;
}

/* With @consume, each note's part of the tree is freed once its record
 * has it, and each bank's once its notes are read, so that the tree and
 * the records are not both whole at once (10,000 notes: about 27 MB of
 * tree, 10 MB of records). Only for a single pass over @root. */
static gboolean
validate_banks (JsonObject     *root,
                gint64          version,
                gboolean        consume,
                VivaNotesFile  *file,
                GError        **error)
{
  g_autoptr(GList) bank_ids = NULL;
  JsonObject *banks;
  JsonNode *node;

  if (!json_object_has_member (root, "banks"))
    {
      g_set_error_literal (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                           _("“banks” is missing"));
      return FALSE;
    }

  node = json_object_get_member (root, "banks");
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                           _("“banks” is not an object"));
      return FALSE;
    }

  banks = json_node_get_object (node);
  bank_ids = json_object_get_members (banks);

  for (const GList *b = bank_ids; b != NULL; b = b->next)
    {
      const char *bank_id = b->data;
      g_autoptr(GList) keys = NULL;
      JsonObject *bank;
      gsize len = strlen (bank_id);

      if (len == 0)
        {
          g_set_error_literal (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                               _("a bank has an empty name"));
          return FALSE;
        }

      if (!g_utf8_validate (bank_id, len, NULL))
        {
          g_set_error_literal (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                               _("a bank name is not UTF-8"));
          return FALSE;
        }

      if (len > VIVA_BANK_ID_MAX_SIZE)
        {
          g_autofree char *start = g_utf8_substring (bank_id, 0, 40);

          g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                       ngettext ("the bank name “%s…” is longer than %u byte",
                                 "the bank name “%s…” is longer than %u bytes",
                                 VIVA_BANK_ID_MAX_SIZE),
                       start, (guint) VIVA_BANK_ID_MAX_SIZE);
          return FALSE;
        }

      node = json_object_get_member (banks, bank_id);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                       _("bank “%s” is not an object"), bank_id);
          return FALSE;
        }

      bank = json_node_get_object (node);
      keys = json_object_get_members (bank);

      for (const GList *k = keys; k != NULL; k = k->next)
        {
          const char *key = k->data;
          VivaNoteRecord *record = g_new0 (VivaNoteRecord, 1);

          g_ptr_array_add (file->records, record);
          record->bank_id = g_strdup (bank_id);
          record->code = g_strdup ("");
          record->prediction = g_strdup ("");
          viva_review_state_init (&record->review);

          if (!parse_question_number (key, &record->number))
            {
              g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                           _("bank “%s”: “%s” is not a question number"), bank_id, key);
              return FALSE;
            }

          if (!validate_note (bank, bank_id, key, version, record, error))
            return FALSE;

          /* Frees @key, which is the member's own name; the list holds
           * copies of the links, not of the names. */
          if (consume)
            json_object_remove_member (bank, key);
        }

      if (consume)
        json_object_remove_member (banks, bank_id);
    }

  return TRUE;
}

/* Gives the system back the pages of what a read or a write just freed.
 * The JSON tree of 10,000 notes is about 27 MB in small pieces between
 * objects that live on, and the snapshot a save writes some 10 MB more:
 * glibc's malloc keeps such holes as long as anything above them lives,
 * so every load and every save left the process larger (the data layer
 * benchmark at 100,000 questions: about 16 MiB less peak RSS with this).
 * It costs 1 to 8 ms in that benchmark's process: little beside the
 * 300 ms read it follows, and a save's happens in its worker. */
static void
give_back_free_memory (void)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}

/* Checks @data completely and fills @file. A file from a newer version
 * fails with FUTURE_VERSION, and still fills @file when its notes look
 * like ours, so that they can be shown read-only. Frees @data as soon as
 * the tree holds what it said: the tree copies every string. */
static gboolean
notes_file_parse (VivaNotesFile  *file,
                  char          **data,
                  gsize           len,
                  GError        **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root;
  JsonNode *node;
  const char *format;
  gboolean missing;
  gint64 version = 0;

  parser = viva_data_file_parse_json (*data, len, VIVA_NOTES_MAX_DEPTH,
                                      VIVA_NOTES_STORE_ERROR, &root, error);
  g_clear_pointer (data, g_free);
  if (parser == NULL)
    return FALSE;

  node = viva_json_object_get_value_member (root, "format", G_TYPE_STRING, &missing);
  format = node != NULL ? json_node_get_string (node) : NULL;
  if (g_strcmp0 (format, VIVA_NOTES_FORMAT) != 0)
    {
      g_set_error_literal (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                           _("this is not a Viva notes file: “format” is not “viva-notes”"));
      return FALSE;
    }

  switch (viva_data_file_get_version (parser, root,
                                      VIVA_NOTES_FORMAT_OLDEST_VERSION, VIVA_NOTES_FORMAT_VERSION,
                                      &version, VIVA_NOTES_STORE_ERROR, error))
    {
    case VIVA_DATA_FILE_VERSION_KNOWN:
      /* Which entries of notes.json.journal the file already holds
       * (viva-notes-journal.c); absent in a file written without a
       * journal, as in every file before it. */
      node = viva_json_object_get_value_member (root, "journal-sequence", G_TYPE_INT64, &missing);
      if (node != NULL && json_node_get_int (node) >= 0)
        file->journal_sequence = (guint64) json_node_get_int (node);
      else if (!missing)
        {
          g_set_error_literal (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                               _("“journal-sequence” is not a whole number of at least 0"));
          return FALSE;
        }
      return validate_banks (root, version, TRUE, file, error);

    case VIVA_DATA_FILE_VERSION_NEWER:
      /* Read what we can, to show it: as our own version, or failing
       * that, as each older one in turn (without the scratchpad, then
       * without the reviews too). */
      for (gint64 as_version = VIVA_NOTES_FORMAT_VERSION;
           as_version >= VIVA_NOTES_FORMAT_OLDEST_VERSION;
           as_version--)
        {
          if (validate_banks (root, as_version, FALSE, file, NULL))
            break;
          g_ptr_array_set_size (file->records, 0);
        }
      return FALSE;

    case VIVA_DATA_FILE_VERSION_INVALID:
    default:
      return FALSE;
    }
}

/**
 * viva_notes_file_parse:
 * @data: what a notes file holds (not necessarily NUL-terminated)
 * @len: its length
 * @out_file: (out): the notes, when they read
 * @error: return location for an error
 *
 * Checks @data completely, as viva_notes_file_read() checks a file; the
 * journal's entries are notes documents too (viva-notes-journal.c).
 * Thread-safe.
 *
 * Returns: %TRUE when @data is a notes file of a version we know
 */
gboolean
viva_notes_file_parse (const char     *data,
                       gsize           len,
                       VivaNotesFile **out_file,
                       GError        **error)
{
  g_autoptr(VivaNotesFile) file = notes_file_new ();
  char *copy;

  *out_file = NULL;

  if (len > VIVA_NOTES_MAX_SIZE)
    {
      g_set_error_literal (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_TOO_LARGE,
                           _("the notes are larger than Viva reads"));
      return FALSE;
    }

  copy = g_malloc (len + 1);
  memcpy (copy, data, len);
  copy[len] = '\0';

  if (!notes_file_parse (file, &copy, len, error))
    return FALSE;

  *out_file = g_steal_pointer (&file);
  return TRUE;
}

/* Reads and checks the notes file at @path. @out_file is set whenever the
 * file could be opened, even when it fails to load, so that the caller
 * has its stamp (to move it aside safely) and, for a newer version, its
 * notes. A missing file fails with G_FILE_ERROR_NOENT. Thread-safe. */
gboolean
viva_notes_file_read (const char     *path,
                      VivaNotesFile **out_file,
                      GError        **error)
{
  g_autoptr(VivaNotesFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  VivaFileStamp stamp;
  gsize len = 0;
  gboolean ret;

  *out_file = NULL;

  ret = viva_data_file_read (path, VIVA_NOTES_MAX_SIZE, VIVA_NOTES_STORE_ERROR,
                             &stamp, &data, &len, &local_error);

  /* Not there, or not a file we could open and look at: nothing to move
   * aside either. */
  if (!stamp.exists)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  file = notes_file_new ();
  file->stamp = stamp;

  if (ret)
    ret = notes_file_parse (file, &data, len, &local_error);

  /* What we read and failed to understand is of no use to the caller;
   * only a newer version's notes are shown. */
  if (!ret && viva_data_file_read_result (local_error, VIVA_NOTES_STORE_ERROR) != VIVA_DATA_FILE_READ_FUTURE)
    g_ptr_array_set_size (file->records, 0);

  *out_file = g_steal_pointer (&file);

  if (!ret)
    g_propagate_error (error, g_steal_pointer (&local_error));

  give_back_free_memory ();

  return ret;
}

/* Moving damaged files aside */

static char *
dup_lock_path (const char *path)
{
  return g_strconcat (path, ".lock", NULL);
}

char *
viva_notes_dup_backup_path (const char *path)
{
  return viva_data_file_dup_backup_path (path);
}

/**
 * viva_notes_file_move_aside:
 * @notes_path: the notes file, whose lock is taken
 * @path: the damaged file: @notes_path or its backup
 * @expected: the damaged file as it was read
 * @out_path: (out): where it went
 * @error: return location for an error
 *
 * Moves a damaged file aside unchanged, unless it was replaced since it
 * was read (%VIVA_MOVE_ASIDE_CHANGED: read it again).
 */
VivaMoveAsideResult
viva_notes_file_move_aside (const char           *notes_path,
                            const char           *path,
                            const VivaFileStamp  *expected,
                            char                **out_path,
                            GError              **error)
{
  g_autofree char *lock_path = dup_lock_path (notes_path);

  return viva_data_file_move_aside (lock_path, path, expected, out_path, error);
}

/* Saving */

/**
 * viva_notes_write_new:
 * @path: the notes file
 * @records: (transfer full) (element-type VivaNoteRecord): the snapshot
 *   to write
 * @expected: what the file on disk was when we last read or wrote it
 *
 * Returns: (transfer full): a write to run with viva_notes_write_run()
 */
VivaNotesWrite *
viva_notes_write_new (const char          *path,
                      GPtrArray           *records,
                      const VivaFileStamp *expected)
{
  VivaNotesWrite *job = g_new0 (VivaNotesWrite, 1);

  job->path = g_strdup (path);
  job->records = records;
  job->expected = *expected;

  return job;
}

void
viva_notes_write_free (VivaNotesWrite *job)
{
  g_clear_pointer (&job->path, g_free);
  g_clear_pointer (&job->records, g_ptr_array_unref);
  g_clear_pointer (&job->disk, viva_notes_file_free);
  g_clear_pointer (&job->moved_aside_path, g_free);
  g_free (job);
}

static void
set_save_error (GError     **error,
                GQuark       domain,
                gint         code,
                int          errsv,
                const char  *path,
                const char  *reason,
                gpointer     user_data)
{
  g_set_error (error, domain, errsv != 0 ? g_file_error_from_errno (errsv) : code,
               _("Could not save notes to “%s”: %s"), path, reason);
}

/* Someone else wrote the file since we last read or wrote it: another
 * Viva, a sync tool, an editor. Holding the lock. Brings their notes
 * back for a merge instead of writing over them; moves a damaged file
 * aside; never writes over one from a newer Viva or one we cannot
 * read. */
static gboolean
check_changed_on_disk (gpointer        user_data,
                       VivaFileStamp  *current,
                       gboolean       *may_write,
                       GError        **error)
{
  VivaNotesWrite *job = user_data;
  g_autoptr(GError) read_error = NULL;
  g_autoptr(GError) move_error = NULL;
  g_autoptr(VivaNotesFile) disk = NULL;

  *may_write = TRUE;

  viva_notes_file_read (job->path, &disk, &read_error);

  switch (viva_data_file_read_result (read_error, VIVA_NOTES_STORE_ERROR))
    {
    case VIVA_DATA_FILE_READ_OK:
      job->outcome = VIVA_NOTES_WRITE_CHANGED_ON_DISK;
      job->stamp = disk->stamp;
      job->disk = g_steal_pointer (&disk);
      *may_write = FALSE;
      return TRUE;

    case VIVA_DATA_FILE_READ_FUTURE:
      job->outcome = VIVA_NOTES_WRITE_NEWER_ON_DISK;
      *may_write = FALSE;
      return TRUE;

    case VIVA_DATA_FILE_READ_MISSING:
      current->exists = FALSE;
      return TRUE;

    case VIVA_DATA_FILE_READ_DAMAGED:
      switch (viva_data_file_move_aside_locked (job->path, &disk->stamp, &job->moved_aside_path, &move_error))
        {
        case VIVA_MOVE_ASIDE_DONE:
          g_message ("%s was damaged (%s); moved it to %s",
                     job->path, read_error->message, job->moved_aside_path);
          current->exists = FALSE;
          return TRUE;

        case VIVA_MOVE_ASIDE_CHANGED:
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_AGAIN,
                       _("Could not save notes to “%s”: another program is changing it"),
                       job->path);
          return FALSE;

        case VIVA_MOVE_ASIDE_FAILED:
        default:
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                       _("Could not save notes to “%s”: another program left it damaged (%s), and %s"),
                       job->path, read_error->message, move_error->message);
          return FALSE;
        }

    case VIVA_DATA_FILE_READ_UNREADABLE:
    default:
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("Could not save notes to “%s”: another program changed it and it cannot be read (%s), so it was left as it is"),
                   job->path, read_error->message);
      return FALSE;
    }
}

/* The write itself: lock, check that nobody else wrote the file since we
 * read it, keep the backup, replace the file atomically. Runs in a worker
 * thread (or in flush's caller); touches nothing but @job. Returns FALSE
 * only when nothing was written; a file changed on disk is an outcome,
 * not an error. */
gboolean
viva_notes_write_run (VivaNotesWrite  *job,
                      GError         **error)
{
  g_autofree char *lock_path = dup_lock_path (job->path);
  g_autoptr(GBytes) contents = NULL;
  VivaDataFileWriteResult result;

  /* Building the JSON for 10,000 notes takes json-glib some 30 ms: here,
   * not on the main thread while the user types. */
  contents = viva_notes_serialize_full (job->records, job->journal_sequence, error);
  if (contents == NULL)
    return FALSE;

  /* Had reading the new stamp failed, the next save would take our own
   * file for someone else's and merge it: harmless. */
  if (!viva_data_file_write (job->path, lock_path, contents, &job->expected, NULL,
                             check_changed_on_disk, set_save_error, job,
                             &job->stamp, &result, error))
    return FALSE;

  /* A declined write has its outcome from check_changed_on_disk(). */
  if (result == VIVA_DATA_FILE_WRITE_WROTE)
    job->outcome = VIVA_NOTES_WRITE_WROTE;

  g_clear_pointer (&contents, g_bytes_unref);
  give_back_free_memory ();

  return TRUE;
}

/* Banks by id, then notes by number: a stable order, so that two versions
 * of the file compare well with diff. */
static int
compare_records (gconstpointer a,
                 gconstpointer b)
{
  const VivaNoteRecord *ra = *(VivaNoteRecord * const *) a;
  const VivaNoteRecord *rb = *(VivaNoteRecord * const *) b;
  int cmp = strcmp (ra->bank_id, rb->bank_id);

  if (cmp != 0)
    return cmp;

  return ra->number < rb->number ? -1 : ra->number > rb->number;
}

/* An ISO 8601 time, or null for none. */
static void
write_time_member (VivaJsonWriter *writer,
                   const char     *name,
                   gint64          usec)
{
  char text[64];

  viva_json_writer_member (writer, name);

  if (usec <= 0)
    {
      viva_json_writer_null (writer);
      return;
    }

  viva_data_file_format_time (usec, text, sizeof text);
  viva_json_writer_string (writer, text);
}

/* What validate_memory() accepts. */
static gboolean
memory_is_valid (const VivaReviewState *review)
{
  return isfinite (review->stability) && isfinite (review->difficulty) &&
         review->stability >= VIVA_FSRS_STABILITY_MIN && review->stability <= VIVA_FSRS_STABILITY_MAX &&
         review->difficulty >= VIVA_FSRS_DIFFICULTY_MIN && review->difficulty <= VIVA_FSRS_DIFFICULTY_MAX;
}

static gboolean
write_review (VivaJsonWriter        *writer,
              const VivaNoteRecord  *record,
              GError               **error)
{
  /* Our own notes never look like this; but a file that would not load
   * again must never be written. */
  if (!viva_review_state_is_valid (&record->review) ||
      !memory_is_valid (&record->review) ||
      record->history == NULL || record->history->len == 0 ||
      record->history->len > VIVA_REVIEW_HISTORY_MAX)
    {
      g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                   _("Could not save notes: the review schedule of note %u of bank “%s” is inconsistent"),
                   record->number, record->bank_id);
      return FALSE;
    }

  viva_json_writer_member (writer, "review");
  viva_json_writer_begin_object (writer);
  write_time_member (writer, "due", record->review.due);
  write_time_member (writer, "last-review", record->review.last_review);
  viva_json_writer_member (writer, "interval");
  viva_json_writer_int (writer, record->review.interval);
  viva_json_writer_member (writer, "ease");
  viva_json_writer_int (writer, record->review.ease);
  viva_json_writer_member (writer, "repetitions");
  viva_json_writer_int (writer, record->review.repetitions);
  viva_json_writer_member (writer, "lapses");
  viva_json_writer_int (writer, record->review.lapses);
  viva_json_writer_member (writer, "stability");
  viva_json_writer_double (writer, record->review.stability);
  viva_json_writer_member (writer, "difficulty");
  viva_json_writer_double (writer, record->review.difficulty);
  viva_json_writer_member (writer, "step");
  viva_json_writer_int (writer, record->review.step);
  viva_json_writer_member (writer, "reviews");
  viva_json_writer_int (writer, record->review.reviews);
  viva_json_writer_end_object (writer);

  viva_json_writer_member (writer, "history");
  viva_json_writer_begin_array (writer);
  for (guint i = 0; i < record->history->len; i++)
    {
      const VivaReviewEntry *entry = &g_array_index (record->history, VivaReviewEntry, i);

      if (entry->time <= 0 ||
          entry->grade < VIVA_REVIEW_GRADE_AGAIN || entry->grade > VIVA_REVIEW_GRADE_EASY ||
          entry->source > VIVA_REVIEW_SOURCE_MOCK)
        {
          g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                       _("Could not save notes: the review history of note %u of bank “%s” is inconsistent"),
                       record->number, record->bank_id);
          return FALSE;
        }

      viva_json_writer_begin_object (writer);
      write_time_member (writer, "time", entry->time);
      viva_json_writer_member (writer, "grade");
      viva_json_writer_string (writer, viva_review_grade_to_string (entry->grade));
      viva_json_writer_member (writer, "source");
      viva_json_writer_string (writer, viva_review_source_to_string (entry->source));
      viva_json_writer_end_object (writer);
    }
  viva_json_writer_end_array (writer);

  return TRUE;
}

static gboolean
scratchpad_is_empty (const VivaNoteRecord *record)
{
  return (record->code == NULL || record->code[0] == '\0') &&
         (record->prediction == NULL || record->prediction[0] == '\0') &&
         (record->cases == NULL || record->cases->len == 0);
}

static gboolean
write_scratchpad (VivaJsonWriter        *writer,
                  const VivaNoteRecord  *record,
                  GError               **error)
{
  const char *code = record->code ? record->code : "";
  const char *prediction = record->prediction ? record->prediction : "";
  guint n_cases = record->cases ? record->cases->len : 0;

  /* Each refusal is one the user can act on, and names the question; a
   * file that would not load again is never written. */
  if (strlen (code) > VIVA_NOTE_TEXT_MAX_SIZE)
    {
      g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                   _("Could not save notes: the code of question %u of bank “%s” is longer than 1 MiB; shorten it so that your notes can be saved"),
                   record->number, record->bank_id);
      return FALSE;
    }

  if (strlen (prediction) > VIVA_NOTE_PREDICTION_MAX_SIZE)
    {
      g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                   _("Could not save notes: the answer predicted for question %u of bank “%s” is longer than 64 KiB; shorten it so that your notes can be saved"),
                   record->number, record->bank_id);
      return FALSE;
    }

  if (n_cases > VIVA_CODE_CASES_MAX)
    {
      g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                   ngettext ("Could not save notes: question %u of bank “%s” has more than %u test case; remove some so that your notes can be saved",
                             "Could not save notes: question %u of bank “%s” has more than %u test cases; remove some so that your notes can be saved",
                             VIVA_CODE_CASES_MAX),
                   record->number, record->bank_id, (guint) VIVA_CODE_CASES_MAX);
      return FALSE;
    }

  viva_json_writer_member (writer, "scratchpad");
  viva_json_writer_begin_object (writer);
  viva_json_writer_member (writer, "code");
  if (!viva_json_writer_string (writer, code))
    goto not_utf8;
  viva_json_writer_member (writer, "prediction");
  if (!viva_json_writer_string (writer, prediction))
    goto not_utf8;
  viva_json_writer_member (writer, "cases");
  viva_json_writer_begin_array (writer);
  for (guint i = 0; i < n_cases; i++)
    {
      const VivaCodeCase *code_case = g_ptr_array_index (record->cases, i);

      if (!viva_code_case_is_valid (code_case, VIVA_CODE_CASE_OWN))
        {
          g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                       _("Could not save notes: test case %u of question %u of bank “%s” has no call, no expected result, or one too long"),
                       i + 1, record->number, record->bank_id);
          return FALSE;
        }

      if (!viva_code_case_write (code_case, writer))
        goto not_utf8;
    }
  viva_json_writer_end_array (writer);
  viva_json_writer_end_object (writer);

  return TRUE;

not_utf8:
  g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
               _("Could not save notes: the code of question %u of bank “%s” is not UTF-8 text"),
               record->number, record->bank_id);
  return FALSE;
}

/* A question number as its member name, without printf's cost. */
static const char *
format_number (guint  number,
               char  *buf,
               gsize  buf_len)
{
  char *p = buf + buf_len;

  *--p = '\0';
  do
    {
      *--p = (char) ('0' + number % 10);
      number /= 10;
    }
  while (number > 0);

  return p;
}

static gboolean
write_notes (VivaJsonWriter  *writer,
             GPtrArray       *records,
             guint64          journal_sequence,
             GError         **error)
{
  const char *bank_id = NULL;

  viva_json_writer_begin_object (writer);
  viva_json_writer_member (writer, "format");
  viva_json_writer_string (writer, VIVA_NOTES_FORMAT);
  viva_json_writer_member (writer, "version");
  viva_json_writer_int (writer, VIVA_NOTES_FORMAT_VERSION);
  /* Left out when there was never a journal, so that such a file stays
   * byte for byte what it was. */
  if (journal_sequence > 0)
    {
      viva_json_writer_member (writer, "journal-sequence");
      viva_json_writer_int (writer, (gint64) MIN (journal_sequence, (guint64) G_MAXINT64));
    }
  viva_json_writer_member (writer, "banks");
  viva_json_writer_begin_object (writer);

  for (guint i = 0; i < records->len; i++)
    {
      const VivaNoteRecord *record = g_ptr_array_index (records, i);
      char number[16];
      char modified[64];
      gsize len = strlen (record->text);

      if (len > VIVA_NOTE_TEXT_MAX_SIZE)
        {
          g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                       _("Could not save notes: note %u of bank “%s” is longer than 1 MiB; shorten it so that your notes can be saved"),
                       record->number, record->bank_id);
          return FALSE;
        }

      if (bank_id == NULL || strcmp (bank_id, record->bank_id) != 0)
        {
          if (bank_id != NULL)
            viva_json_writer_end_object (writer);

          bank_id = record->bank_id;
          /* The store makes every bank id UTF-8. */
          if (!viva_json_writer_member (writer, bank_id))
            {
              g_autofree char *shown = g_utf8_make_valid (bank_id, -1);

              g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                           _("Could not save notes: the name of bank “%s” is not UTF-8 text"),
                           shown);
              return FALSE;
            }
          viva_json_writer_begin_object (writer);
        }

      viva_data_file_format_time (record->modified, modified, sizeof modified);

      viva_json_writer_member (writer, format_number (record->number, number, sizeof number));
      viva_json_writer_begin_object (writer);
      viva_json_writer_member (writer, "text");
      /* GTK only hands us UTF-8, but a file that is not UTF-8 would not
       * load again; never write one. */
      if (!viva_json_writer_string (writer, record->text))
        {
          g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                       _("Could not save notes: note %u of bank “%s” is not UTF-8 text"),
                       record->number, record->bank_id);
          return FALSE;
        }
      viva_json_writer_member (writer, "status");
      viva_json_writer_string (writer, viva_status_to_string (record->status));
      viva_json_writer_member (writer, "starred");
      viva_json_writer_boolean (writer, record->starred);
      viva_json_writer_member (writer, "modified");
      viva_json_writer_string (writer, modified);
      if (!viva_review_state_is_new (&record->review) &&
          !write_review (writer, record, error))
        return FALSE;
      if (!scratchpad_is_empty (record) &&
          !write_scratchpad (writer, record, error))
        return FALSE;
      viva_json_writer_end_object (writer);

      /* Stop early rather than build a file we would refuse below. */
      if (viva_json_writer_get_size (writer) > VIVA_NOTES_MAX_SIZE)
        break;
    }

  if (bank_id != NULL)
    viva_json_writer_end_object (writer);

  viva_json_writer_end_object (writer);
  viva_json_writer_end_object (writer);

  return TRUE;
}

/**
 * viva_notes_serialize:
 * @records: (element-type VivaNoteRecord): the notes to write; sorted in
 *   place
 * @error: return location for an error
 *
 * Produces the file, with the layout json-glib's generator gives it, but
 * written directly (viva-json-writer.c): for 10,000 notes, JsonBuilder
 * and JsonGenerator took most of the save's time. Refuses to produce a
 * file that we would refuse to load. Thread-safe.
 *
 * Returns: (transfer full): the file's contents
 */
GBytes *
viva_notes_serialize (GPtrArray  *records,
                      GError    **error)
{
  return viva_notes_serialize_full (records, 0, error);
}

/**
 * viva_notes_serialize_full:
 * @records: (element-type VivaNoteRecord): the notes to write; sorted in
 *   place
 * @journal_sequence: the last journal entry the file holds, or 0
 * @error: return location for an error
 *
 * viva_notes_serialize(), saying which entries of notes.json.journal
 * the file includes (its "journal-sequence").
 *
 * Returns: (transfer full): the file's contents
 */
GBytes *
viva_notes_serialize_full (GPtrArray  *records,
                           guint64     journal_sequence,
                           GError    **error)
{
  VivaJsonWriter writer;
  g_autoptr(GBytes) bytes = NULL;
  gsize estimate = 0;

  g_ptr_array_sort (records, compare_records);

  /* Room for the text and the members around it, so that the string
   * grows once or twice rather than twenty times. */
  for (guint i = 0; i < records->len; i++)
    {
      const VivaNoteRecord *record = g_ptr_array_index (records, i);

      estimate += strlen (record->text) + 256;
      if (record->code != NULL)
        estimate += strlen (record->code);
    }

  viva_json_writer_init (&writer, MIN (estimate, VIVA_NOTES_MAX_SIZE) + 256);

  if (!write_notes (&writer, records, journal_sequence, error))
    {
      viva_json_writer_clear (&writer);
      return NULL;
    }

  bytes = viva_json_writer_free_to_bytes (&writer);

  /* Long notes, or years of reviews of a large bank, could add up to
   * more than we read back. */
  if (g_bytes_get_size (bytes) > VIVA_NOTES_MAX_SIZE)
    {
      g_autofree char *max = g_format_size_full (VIVA_NOTES_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_TOO_LARGE,
                   _("Could not save notes: together they would be larger than %s, more than Viva reads back; shorten some long notes so that your notes can be saved"),
                   max);
      return NULL;
    }

  return g_steal_pointer (&bytes);
}
