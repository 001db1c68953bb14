/* viva-notes-store.c
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
 *     "version" : 1,
 *     "banks" : {
 *       "python-interview-questions" : {
 *         "42" : {
 *           "text" : "Slicing is half-open…",
 *           "status" : "learning",
 *           "starred" : true,
 *           "modified" : "2026-11-24T01:02:03.123456Z"
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
 *  - Questions with no text, status "new" and no star are not written.
 *  - Banks are sorted by id and notes by number, so that two versions of
 *    the file compare well with diff.
 *  - Other members are ignored, so a later version may add some without
 *    changing "version"; a file whose "version" is higher than 1 is opened
 *    read-only and never written to.
 *
 * Next to it:
 *  - notes.json.bak: the previous notes.json, kept at every save;
 *  - notes.json.lock: an empty file that Viva processes flock() while they
 *    save, so that two of them never write at the same time;
 *  - notes.json.corrupt-YYYYMMDD-HHMMSS: a notes.json that could not be
 *    read, moved aside unchanged (with -2, -3… when that name is taken).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "viva-json-scan.h"
#include "viva-note-private.h"
#include "viva-notes-store.h"

/* A note longer than this is not a note; it also bounds how much memory a
 * damaged file can make us hold per note. */
#define NOTE_TEXT_MAX_SIZE          ((gsize) 1024 * 1024)
#define BANK_ID_MAX_SIZE            256

#define AUTOSAVE_DELAY_DEFAULT_MSEC 1000
/* Continuous typing never resets the debounce forever. */
#define AUTOSAVE_MAX_INTERVAL_MSEC  5000
#define RETRY_FIRST_MSEC            2000
#define RETRY_MAX_MSEC              60000
/* Each round means another process wrote in between; more than this in a
 * row means something rewrites the file constantly. */
#define MAX_MERGE_ROUNDS            8
/* Tries of a load whose file keeps being replaced while we look at it. */
#define MAX_LOAD_ATTEMPTS           3

/* What we know of notes.json on disk, to tell whether someone else wrote
 * it since we last read or wrote it. The change time catches in-place
 * edits that restore the modification time. */
typedef struct
{
  gboolean        exists;
  dev_t           dev;
  ino_t           ino;
  off_t           size;
  struct timespec mtime;
  struct timespec ctime;
} FileStamp;

/* One note as read from a file, before it becomes a VivaNote. Plain data,
 * so that a file can be read and checked in a worker thread. */
typedef struct
{
  char       *bank_id;
  char       *text;
  gint64      modified;
  guint       number;
  VivaStatus  status;
  gboolean    starred;
} NoteRecord;

typedef struct
{
  GPtrArray *records;
  FileStamp  stamp;
} NotesFile;

typedef enum
{
  READ_OK,
  READ_MISSING,
  READ_FUTURE,
  READ_DAMAGED,
  READ_UNREADABLE,
} ReadResult;

typedef enum
{
  MOVE_ASIDE_DONE,
  MOVE_ASIDE_CHANGED,
  MOVE_ASIDE_FAILED,
} MoveAsideResult;

typedef enum
{
  SAVE_WROTE,
  SAVE_CHANGED_ON_DISK,
  SAVE_NEWER_ON_DISK,
} SaveOutcome;

/* One write of notes.json, prepared on the main thread and run either in
 * a GTask thread or, for flush, in the calling thread. */
typedef struct
{
  /* In */
  char        *path;
  GBytes      *contents;
  FileStamp    expected;

  /* Out */
  SaveOutcome  outcome;
  FileStamp    stamp;
  NotesFile   *disk;
  char        *moved_aside_path;
} SaveJob;

typedef enum
{
  FINISH_DONE,
  FINISH_AGAIN,
  FINISH_FAILED,
} FinishResult;

struct _VivaNotesStore
{
  GObject              parent_instance;

  /* Owned */
  char                *path;
  char                *moved_aside_path;
  char                *save_error;
  GHashTable          *banks;
  GPtrArray           *current_tasks;
  GPtrArray           *queued_tasks;
  GApplication        *held_application;

  FileStamp            disk_stamp;
  gint64               first_unsaved_change;
  guint                autosave_delay;
  guint                autosave_source;
  guint                retry_source;
  guint                retry_delay;
  guint                merge_rounds;
  guint                applying_disk;
  guint                flushing;
  VivaNotesStoreState  state;

  guint                loaded : 1;
  guint                dirty : 1;
  guint                saving : 1;
  guint                restored_from_backup : 1;
  guint                save_after_write : 1;
};

G_DEFINE_FINAL_TYPE (VivaNotesStore, viva_notes_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (viva-notes-store-error-quark, viva_notes_store_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_DIRTY,
  PROP_SAVING,
  PROP_SAVE_ERROR,
  PROP_AUTOSAVE_DELAY,
  PROP_READ_ONLY,
  PROP_RESTORED_FROM_BACKUP,
  PROP_MOVED_ASIDE_PATH,
  N_PROPS
};

enum {
  NOTE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void viva_notes_store_start_write (VivaNotesStore *self);

/* File stamps */

static void
file_stamp_init (FileStamp         *stamp,
                 const struct stat *st)
{
  stamp->exists = TRUE;
  stamp->dev = st->st_dev;
  stamp->ino = st->st_ino;
  stamp->size = st->st_size;
  stamp->mtime = st->st_mtim;
  stamp->ctime = st->st_ctim;
}

static gboolean
file_stamp_equal (const FileStamp *a,
                  const FileStamp *b)
{
  if (a->exists != b->exists)
    return FALSE;

  if (!a->exists)
    return TRUE;

  return a->dev == b->dev &&
         a->ino == b->ino &&
         a->size == b->size &&
         a->mtime.tv_sec == b->mtime.tv_sec &&
         a->mtime.tv_nsec == b->mtime.tv_nsec &&
         a->ctime.tv_sec == b->ctime.tv_sec &&
         a->ctime.tv_nsec == b->ctime.tv_nsec;
}

/* Fills @stamp from @path; a missing file is a stamp too. */
static gboolean
file_stamp_query (FileStamp   *stamp,
                  const char  *path,
                  int         *out_errno)
{
  struct stat st;

  memset (stamp, 0, sizeof *stamp);

  if (lstat (path, &st) == 0)
    {
      file_stamp_init (stamp, &st);
      return TRUE;
    }

  *out_errno = errno;

  return *out_errno == ENOENT || *out_errno == ENOTDIR;
}

/* Notes as read from a file */

static void
note_record_free (NoteRecord *record)
{
  g_free (record->bank_id);
  g_free (record->text);
  g_free (record);
}

static NotesFile *
notes_file_new (void)
{
  NotesFile *file = g_new0 (NotesFile, 1);

  file->records = g_ptr_array_new_with_free_func ((GDestroyNotify) note_record_free);

  return file;
}

static void
notes_file_free (NotesFile *file)
{
  g_clear_pointer (&file->records, g_ptr_array_unref);
  g_free (file);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NotesFile, notes_file_free)

static ReadResult
classify_read_error (const GError *error)
{
  if (error == NULL)
    return READ_OK;

  if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    return READ_MISSING;

  if (g_error_matches (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_FUTURE_VERSION))
    return READ_FUTURE;

  if (g_error_matches (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_TOO_LARGE) ||
      g_error_matches (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_TOO_DEEP) ||
      g_error_matches (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID))
    return READ_DAMAGED;

  return READ_UNREADABLE;
}

static guint
line_at_offset (const char *data,
                gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        line++;
    }

  return line;
}

static gboolean
check_scan (const char  *data,
            gsize        len,
            GError     **error)
{
  VivaJsonScanResult result;
  const char *problem = NULL;
  gsize offset = 0;

  result = viva_json_scan (data, len, VIVA_NOTES_MAX_DEPTH, &offset);

  switch (result)
    {
    case VIVA_JSON_SCAN_OK:
      return TRUE;

    case VIVA_JSON_SCAN_TOO_DEEP:
      g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_TOO_DEEP,
                   _("line %u: lists and objects nest more than %u levels deep"),
                   line_at_offset (data, offset), (guint) VIVA_NOTES_MAX_DEPTH);
      return FALSE;

    case VIVA_JSON_SCAN_NUL_BYTE:
      problem = _("contains a NUL byte");
      break;

    case VIVA_JSON_SCAN_NUL_ESCAPE:
      problem = _("a string contains the escape \\u0000");
      break;

    case VIVA_JSON_SCAN_BAD_ESCAPE:
      problem = _("a string contains an escape that JSON does not allow");
      break;

    case VIVA_JSON_SCAN_BAD_UTF8:
      problem = _("the text is not UTF-8");
      break;

    case VIVA_JSON_SCAN_BAD_CHARACTER:
      problem = _("a character that JSON does not allow outside strings");
      break;

    case VIVA_JSON_SCAN_UNBALANCED:
      problem = _("a closing bracket does not match an opening one");
      break;

    case VIVA_JSON_SCAN_UNTERMINATED_STRING:
      problem = _("a string is not closed");
      break;

    case VIVA_JSON_SCAN_TRAILING_DATA:
      problem = _("more data follows the end of the notes");
      break;

    default:
      g_assert_not_reached ();
    }

  g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
               _("line %u: %s"), line_at_offset (data, offset), problem);

  return FALSE;
}

/* json-glib keeps the last of two members with the same name and drops
 * the first without a word. A file with two versions of one note is not
 * one we can load without losing one of them, so we count members as the
 * parser adds them: when the count passes the object's size, a name came
 * twice. */
typedef struct
{
  GHashTable *counts;
  char       *name;
  guint       line;
} DuplicateCheck;

static void
duplicate_check_member_cb (JsonParser     *parser,
                           JsonObject     *object,
                           const char     *member_name,
                           DuplicateCheck *check)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (check->counts, object)) + 1;

  g_hash_table_insert (check->counts, object, GUINT_TO_POINTER (count));

  if (count > json_object_get_size (object) && check->name == NULL)
    {
      check->name = g_strdup (member_name);
      check->line = json_parser_get_current_line (parser);
    }
}

/* Returns the member if it holds a plain value of @type; sets @missing
 * when it is not there at all. Never uses the getters that log criticals
 * on missing members. */
static JsonNode *
get_value_member (JsonObject *object,
                  const char *name,
                  GType       type,
                  gboolean   *missing)
{
  JsonNode *node;

  *missing = !json_object_has_member (object, name);
  if (*missing)
    return NULL;

  node = json_object_get_member (object, name);

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    return NULL;

  return node;
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

static gint64
parse_modified (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;

  dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt == NULL)
    return -1;

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

static gboolean
validate_note (JsonObject  *bank,
               const char  *bank_id,
               const char  *key,
               NoteRecord  *record,
               GError     **error)
{
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

  if (!(node = get_value_member (object, "text", G_TYPE_STRING, &missing)))
    {
      problem = missing ? _("“text” is missing") : _("“text” is not a string");
      goto out;
    }
  record->text = json_node_dup_string (node);
  if (strlen (record->text) > NOTE_TEXT_MAX_SIZE)
    {
      problem = _("“text” is longer than 1 MiB");
      goto out;
    }
  if (!g_utf8_validate (record->text, -1, NULL))
    {
      problem = _("“text” is not UTF-8");
      goto out;
    }

  if (!(node = get_value_member (object, "status", G_TYPE_STRING, &missing)))
    {
      problem = missing ? _("“status” is missing") : _("“status” is not a string");
      goto out;
    }
  if (!viva_status_from_string (json_node_get_string (node), &record->status))
    {
      problem = _("“status” is not “new”, “learning” or “confident”");
      goto out;
    }

  if (!(node = get_value_member (object, "starred", G_TYPE_BOOLEAN, &missing)))
    {
      problem = missing ? _("“starred” is missing") : _("“starred” is not true or false");
      goto out;
    }
  record->starred = json_node_get_boolean (node);

  if (!(node = get_value_member (object, "modified", G_TYPE_STRING, &missing)))
    {
      problem = missing ? _("“modified” is missing") : _("“modified” is not a string");
      goto out;
    }
  record->modified = parse_modified (json_node_get_string (node));
  if (record->modified < 0)
    {
      problem = _("“modified” is not an ISO 8601 date and time after 1970");
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

static gboolean
validate_banks (JsonObject  *root,
                NotesFile   *file,
                GError     **error)
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

      if (len > BANK_ID_MAX_SIZE)
        {
          g_autofree char *start = g_utf8_substring (bank_id, 0, 40);

          g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                       _("the bank name “%s…” is longer than %u bytes"),
                       start, (guint) BANK_ID_MAX_SIZE);
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
          NoteRecord *record = g_new0 (NoteRecord, 1);

          g_ptr_array_add (file->records, record);
          record->bank_id = g_strdup (bank_id);

          if (!parse_question_number (key, &record->number))
            {
              g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                           _("bank “%s”: “%s” is not a question number"), bank_id, key);
              return FALSE;
            }

          if (!validate_note (bank, bank_id, key, record, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* Checks @data completely and fills @file. A file from a newer version
 * fails with FUTURE_VERSION, and still fills @file when its notes look
 * like ours, so that they can be shown read-only. */
static gboolean
notes_file_parse (NotesFile   *file,
                  const char  *data,
                  gsize        len,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) counts = NULL;
  DuplicateCheck check = { NULL, NULL, 0 };
  JsonObject *root;
  JsonNode *node;
  const char *format;
  gboolean missing;
  gint64 version;
  gboolean parsed;

  /* Some editors start UTF-8 files with a byte order mark; it carries
   * nothing, and refusing the file for it would help nobody. */
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  if (!check_scan (data, len, error))
    return FALSE;

  counts = g_hash_table_new (NULL, NULL);
  check.counts = counts;

  parser = json_parser_new ();
  g_signal_connect (parser, "object-member",
                    G_CALLBACK (duplicate_check_member_cb), &check);
  parsed = json_parser_load_from_data (parser, data, len, &local_error);
  g_signal_handlers_disconnect_by_data (parser, &check);

  if (!parsed)
    {
      const char *message = local_error->message;
      guint64 line = 0;

      /* json-glib says "<data>:LINE:COLUMN: Parse error: …"; say it the
       * way our other messages do. */
      if (g_str_has_prefix (message, "<data>:"))
        {
          const char *rest = strstr (message, ": ");

          line = g_ascii_strtoull (message + strlen ("<data>:"), NULL, 10);
          if (rest != NULL)
            message = rest + 2;
        }

      g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                   _("line %u: not valid JSON: %s"), (guint) line, message);
      g_free (check.name);
      return FALSE;
    }

  if (check.name != NULL)
    {
      g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                   _("line %u: “%s” appears twice in the same object"),
                   check.line, check.name);
      g_free (check.name);
      return FALSE;
    }

  node = json_parser_get_root (parser);
  if (node == NULL)
    {
      g_set_error_literal (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                           _("the file is empty"));
      return FALSE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                           _("the file does not hold a JSON object"));
      return FALSE;
    }

  root = json_node_get_object (node);

  node = get_value_member (root, "format", G_TYPE_STRING, &missing);
  format = node != NULL ? json_node_get_string (node) : NULL;
  if (g_strcmp0 (format, VIVA_NOTES_FORMAT) != 0)
    {
      g_set_error_literal (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                           _("this is not a Viva notes file: “format” is not “viva-notes”"));
      return FALSE;
    }

  node = get_value_member (root, "version", G_TYPE_INT64, &missing);
  if (node == NULL)
    {
      g_set_error_literal (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                           missing ? _("“version” is missing") : _("“version” is not a whole number"));
      return FALSE;
    }

  version = json_node_get_int (node);
  if (version < VIVA_NOTES_FORMAT_VERSION)
    {
      g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                   _("“version” is %" G_GINT64_FORMAT ", which no version of Viva wrote"),
                   version);
      return FALSE;
    }

  if (version > VIVA_NOTES_FORMAT_VERSION)
    {
      if (!validate_banks (root, file, NULL))
        g_ptr_array_set_size (file->records, 0);

      g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_FUTURE_VERSION,
                   _("file version %" G_GINT64_FORMAT "; this version of Viva reads version %d"),
                   version, VIVA_NOTES_FORMAT_VERSION);
      return FALSE;
    }

  return validate_banks (root, file, error);
}

static void
set_too_large_error (GError **error,
                     goffset  size)
{
  g_autofree char *max = g_format_size_full (VIVA_NOTES_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);

  /* In bytes too: one byte over the limit rounds to the limit. */
  if (size > 0)
    {
      g_autofree char *actual = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS | G_FORMAT_SIZE_LONG_FORMAT);

      g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_TOO_LARGE,
                   _("the file is %s, more than the %s a notes file may have"),
                   actual, max);
    }
  else
    g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_TOO_LARGE,
                 _("the file is larger than the %s a notes file may have"),
                 max);
}

static gboolean
read_fd (int          fd,
         gsize        size_hint,
         char       **out_data,
         gsize       *out_len,
         GError     **error)
{
  g_autofree char *data = NULL;
  gsize capacity = MIN (size_hint, VIVA_NOTES_MAX_SIZE) + 4096;
  gsize len = 0;

  data = g_malloc (capacity + 1);

  for (;;)
    {
      gssize n;

      if (len == capacity)
        {
          /* The file grew since fstat(); still never hold more than the
           * limit. */
          if (capacity > VIVA_NOTES_MAX_SIZE)
            {
              set_too_large_error (error, 0);
              return FALSE;
            }

          capacity = MIN (capacity * 2, VIVA_NOTES_MAX_SIZE + 1);
          data = g_realloc (data, capacity + 1);
        }

      n = read (fd, data + len, capacity - len);

      if (n < 0)
        {
          int errsv = errno;

          if (errsv == EINTR)
            continue;

          g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                               g_strerror (errsv));
          return FALSE;
        }

      if (n == 0)
        break;

      len += n;
    }

  if (len > VIVA_NOTES_MAX_SIZE)
    {
      set_too_large_error (error, 0);
      return FALSE;
    }

  data[len] = '\0';
  *out_data = g_steal_pointer (&data);
  *out_len = len;

  return TRUE;
}

/* Reads and checks the notes file at @path. @out_file is set whenever the
 * file could be opened, even when it fails to load, so that the caller
 * has its stamp (to move it aside safely) and, for a newer version, its
 * notes. A missing file fails with G_FILE_ERROR_NOENT. Thread-safe. */
static gboolean
notes_file_read (const char  *path,
                 NotesFile  **out_file,
                 GError     **error)
{
  g_autoptr(NotesFile) file = NULL;
  g_autofree char *data = NULL;
  struct stat st;
  gsize len = 0;
  gboolean ret;
  int fd;

  *out_file = NULL;

  /* O_NONBLOCK so that a FIFO in place of the file cannot hang us. */
  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0)
    {
      int errsv = errno;

      /* A path through a regular file cannot hold a notes file either. */
      if (errsv == ENOTDIR)
        errsv = ENOENT;

      g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                           g_strerror (errsv));
      return FALSE;
    }

  if (fstat (fd, &st) != 0)
    {
      int errsv = errno;

      close (fd);
      g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                           g_strerror (errsv));
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                           _("it is not a regular file"));
      return FALSE;
    }

  file = notes_file_new ();
  file_stamp_init (&file->stamp, &st);

  if ((guint64) st.st_size > VIVA_NOTES_MAX_SIZE)
    {
      close (fd);
      set_too_large_error (error, st.st_size);
      *out_file = g_steal_pointer (&file);
      return FALSE;
    }

  ret = read_fd (fd, st.st_size, &data, &len, error);
  close (fd);

  if (ret)
    ret = notes_file_parse (file, data, len, error);

  /* What we read and failed to understand is of no use to the caller;
   * only a newer version's notes are shown. */
  if (!ret && classify_read_error (error ? *error : NULL) != READ_FUTURE)
    g_ptr_array_set_size (file->records, 0);

  *out_file = g_steal_pointer (&file);

  return ret;
}

/* Moving damaged files aside */

static char *
dup_lock_path (const char *path)
{
  return g_strconcat (path, ".lock", NULL);
}

static char *
dup_backup_path (const char *path)
{
  return g_strconcat (path, ".bak", NULL);
}

/* Opens and flock()s the lock file next to @path; returns the descriptor,
 * which unlocks when closed, or -1 with errno set. */
static int
lock_notes (const char *path)
{
  g_autofree char *lock_path = dup_lock_path (path);
  int fd;

  fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOCTTY, 0600);
  if (fd < 0)
    return -1;

  while (flock (fd, LOCK_EX) != 0)
    {
      int errsv = errno;

      if (errsv != EINTR)
        {
          close (fd);
          errno = errsv;
          return -1;
        }
    }

  return fd;
}

/* Renames @path to "@path.corrupt-YYYYMMDD-HHMMSS" (or -2, -3…), but only
 * while it still is the file described by @expected: what was damaged
 * when we read it may since have been replaced by a good file. The caller
 * holds the lock, so the name we find free stays free for rename(), which
 * would otherwise replace an older moved-aside file. */
static MoveAsideResult
move_aside_locked (const char       *path,
                   const FileStamp  *expected,
                   char            **out_path,
                   GError          **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  FileStamp current;
  int errsv = 0;

  if (!file_stamp_query (&current, path, &errsv))
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   _("could not move “%s” aside: %s"), path, g_strerror (errsv));
      return MOVE_ASIDE_FAILED;
    }

  if (!file_stamp_equal (&current, expected))
    return MOVE_ASIDE_CHANGED;

  for (guint i = 1; i < 1000; i++)
    {
      g_autofree char *aside = NULL;
      struct stat st;

      if (i == 1)
        aside = g_strdup_printf ("%s.corrupt-%s", path, stamp);
      else
        aside = g_strdup_printf ("%s.corrupt-%s-%u", path, stamp, i);

      if (lstat (aside, &st) == 0)
        continue;

      if (errno != ENOENT || rename (path, aside) != 0)
        {
          errsv = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                       _("could not move “%s” aside: %s"), path, g_strerror (errsv));
          return MOVE_ASIDE_FAILED;
        }

      *out_path = g_steal_pointer (&aside);
      return MOVE_ASIDE_DONE;
    }

  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
               _("could not move “%s” aside: too many damaged files already"), path);

  return MOVE_ASIDE_FAILED;
}

static MoveAsideResult
move_aside (const char       *path,
            const FileStamp  *expected,
            char            **out_path,
            GError          **error)
{
  MoveAsideResult result;
  int fd;

  fd = lock_notes (path);
  if (fd < 0)
    {
      int errsv = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   _("could not move “%s” aside: %s"), path, g_strerror (errsv));
      return MOVE_ASIDE_FAILED;
    }

  result = move_aside_locked (path, expected, out_path, error);
  close (fd);

  return result;
}

/* Saving */

static void
save_job_free (SaveJob *job)
{
  g_clear_pointer (&job->path, g_free);
  g_clear_pointer (&job->contents, g_bytes_unref);
  g_clear_pointer (&job->disk, notes_file_free);
  g_clear_pointer (&job->moved_aside_path, g_free);
  g_free (job);
}

static void
set_save_error_from_errno (GError     **error,
                           const char  *path,
                           int          errsv)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
               _("Could not save notes to “%s”: %s"), path, g_strerror (errsv));
}

/* Keeps the current notes.json as notes.json.bak. A hard link costs
 * nothing and is exactly the previous file; the link is made under a
 * temporary name and renamed over the old backup so that there is a
 * backup at every moment. Where links are not supported, an atomic copy. */
static void
keep_backup (const char *path)
{
  g_autofree char *bak_path = dup_backup_path (path);
  g_autofree char *new_path = g_strconcat (bak_path, ".new", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  g_unlink (new_path);

  if (link (path, new_path) == 0)
    {
      if (rename (new_path, bak_path) != 0)
        g_warning ("Could not keep a backup of %s: %s", path, g_strerror (errno));

      /* rename() does nothing when both names already are the same file. */
      g_unlink (new_path);
      return;
    }

  if (!g_file_get_contents (path, &contents, &len, &error) ||
      !g_file_set_contents_full (bak_path, contents, len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &error))
    g_warning ("Could not keep a backup of %s: %s", path, error->message);
}

static void
sync_directory (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  /* The rename is only durable once the directory is. */
  fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* The write itself: lock, check that nobody else wrote the file since we
 * read it, keep the backup, replace the file atomically. Runs in a worker
 * thread (or in flush's caller); touches nothing but @job. Returns FALSE
 * only when nothing was written; a file changed on disk is an outcome,
 * not an error. */
static gboolean
save_job_run (SaveJob  *job,
              GError  **error)
{
  g_autofree char *dir = g_path_get_dirname (job->path);
  g_autoptr(GError) local_error = NULL;
  FileStamp current;
  gconstpointer data;
  gsize len;
  int lock_fd;
  int errsv = 0;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      set_save_error_from_errno (error, job->path, errno);
      return FALSE;
    }

  lock_fd = lock_notes (job->path);
  if (lock_fd < 0)
    {
      set_save_error_from_errno (error, job->path, errno);
      return FALSE;
    }

  if (!file_stamp_query (&current, job->path, &errsv))
    {
      close (lock_fd);
      set_save_error_from_errno (error, job->path, errsv);
      return FALSE;
    }

  /* Someone else wrote the file since we last read or wrote it: another
   * Viva, a sync tool, an editor. Bring their notes back for a merge
   * instead of writing over them. */
  if (current.exists && !file_stamp_equal (&current, &job->expected))
    {
      g_autoptr(GError) read_error = NULL;
      NotesFile *disk = NULL;

      notes_file_read (job->path, &disk, &read_error);

      switch (classify_read_error (read_error))
        {
        case READ_OK:
          job->outcome = SAVE_CHANGED_ON_DISK;
          job->stamp = disk->stamp;
          job->disk = disk;
          close (lock_fd);
          return TRUE;

        case READ_FUTURE:
          job->outcome = SAVE_NEWER_ON_DISK;
          g_clear_pointer (&disk, notes_file_free);
          close (lock_fd);
          return TRUE;

        case READ_MISSING:
          current.exists = FALSE;
          break;

        case READ_DAMAGED:
          {
            g_autoptr(GError) move_error = NULL;

            switch (move_aside_locked (job->path, &disk->stamp, &job->moved_aside_path, &move_error))
              {
              case MOVE_ASIDE_DONE:
                g_message ("%s was damaged (%s); moved it to %s",
                           job->path, read_error->message, job->moved_aside_path);
                current.exists = FALSE;
                break;

              case MOVE_ASIDE_CHANGED:
                g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_AGAIN,
                             _("Could not save notes to “%s”: another program is changing it"),
                             job->path);
                break;

              case MOVE_ASIDE_FAILED:
                g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                             _("Could not save notes to “%s”: another program left it damaged (%s), and %s"),
                             job->path, read_error->message, move_error->message);
                break;

              default:
                g_assert_not_reached ();
              }

            g_clear_pointer (&disk, notes_file_free);

            if (current.exists)
              {
                close (lock_fd);
                return FALSE;
              }
          }
          break;

        case READ_UNREADABLE:
          g_clear_pointer (&disk, notes_file_free);
          close (lock_fd);
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                       _("Could not save notes to “%s”: another program changed it and it cannot be read (%s), so it was left as it is"),
                       job->path, read_error->message);
          return FALSE;

        default:
          g_assert_not_reached ();
        }
    }

  if (current.exists)
    keep_backup (job->path);

  data = g_bytes_get_data (job->contents, &len);

  if (!g_file_set_contents_full (job->path, data, len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      close (lock_fd);
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not save notes to “%s”: %s"), job->path, local_error->message);
      return FALSE;
    }

  sync_directory (job->path);

  /* Had this failed, the next save would take our own file for someone
   * else's and merge it: harmless. */
  if (!file_stamp_query (&job->stamp, job->path, &errsv))
    memset (&job->stamp, 0, sizeof job->stamp);

  close (lock_fd);

  job->outcome = SAVE_WROTE;

  return TRUE;
}

static void
viva_notes_store_save_thread (GTask        *task,
                              gpointer      source_object,
                              gpointer      task_data,
                              GCancellable *cancellable)
{
  SaveJob *job = task_data;
  GError *error = NULL;

  if (save_job_run (job, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The store */

static void
viva_notes_store_set_dirty (VivaNotesStore *self,
                            gboolean        dirty)
{
  dirty = !!dirty;

  if (self->dirty == dirty)
    return;

  self->dirty = dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

static void
viva_notes_store_set_save_error (VivaNotesStore *self,
                                 const char     *message)
{
  if (g_strcmp0 (self->save_error, message) == 0)
    return;

  g_free (self->save_error);
  self->save_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVE_ERROR]);
}

static void
viva_notes_store_set_moved_aside_path (VivaNotesStore *self,
                                       const char     *moved_aside_path)
{
  if (g_strcmp0 (self->moved_aside_path, moved_aside_path) == 0)
    return;

  g_free (self->moved_aside_path);
  self->moved_aside_path = g_strdup (moved_aside_path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MOVED_ASIDE_PATH]);
}

static void
viva_notes_store_go_read_only (VivaNotesStore *self)
{
  if (self->state == VIVA_NOTES_STORE_STATE_READ_ONLY)
    return;

  self->state = VIVA_NOTES_STORE_STATE_READ_ONLY;
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

static void
viva_notes_store_recovered (VivaNotesStore *self,
                            const char     *moved_aside_path)
{
  if (self->state == VIVA_NOTES_STORE_STATE_OK)
    self->state = VIVA_NOTES_STORE_STATE_RECOVERED;

  if (moved_aside_path != NULL)
    viva_notes_store_set_moved_aside_path (self, moved_aside_path);
}

static void
viva_notes_store_autosave_cb (gpointer user_data)
{
  VivaNotesStore *self = user_data;

  self->autosave_source = 0;

  if (self->saving || self->flushing)
    {
      self->save_after_write = TRUE;
      return;
    }

  if (self->dirty)
    viva_notes_store_start_write (self);
}

static void
viva_notes_store_retry_cb (gpointer user_data)
{
  VivaNotesStore *self = user_data;

  self->retry_source = 0;

  if (self->saving || self->flushing)
    {
      self->save_after_write = TRUE;
      return;
    }

  if (self->dirty)
    viva_notes_store_start_write (self);
}

/* Saves a moment after the last change, so that typing does not write on
 * every key, but at least every AUTOSAVE_MAX_INTERVAL_MSEC while the
 * changes keep coming. */
static void
viva_notes_store_schedule_autosave (VivaNotesStore *self)
{
  gint64 now;
  gint64 deadline;

  if (self->state == VIVA_NOTES_STORE_STATE_READ_ONLY)
    return;

  /* After a failed save, the retry timer decides when to try again;
   * trying on every key press would not make a full disk any emptier. */
  if (self->retry_source != 0)
    return;

  now = g_get_monotonic_time ();
  if (self->first_unsaved_change == 0)
    self->first_unsaved_change = now;

  deadline = MIN (now + (gint64) self->autosave_delay * 1000,
                  self->first_unsaved_change + (gint64) AUTOSAVE_MAX_INTERVAL_MSEC * 1000);

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  self->autosave_source = g_timeout_add_once ((guint) (MAX (deadline - now, 0) / 1000),
                                              viva_notes_store_autosave_cb, self);
}

static void
viva_notes_store_schedule_retry (VivaNotesStore *self)
{
  if (self->state == VIVA_NOTES_STORE_STATE_READ_ONLY)
    return;

  if (self->retry_delay == 0)
    self->retry_delay = RETRY_FIRST_MSEC;
  else
    self->retry_delay = MIN (self->retry_delay * 2, RETRY_MAX_MSEC);

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  self->retry_source = g_timeout_add_once (self->retry_delay,
                                           viva_notes_store_retry_cb, self);
}

static void
viva_notes_store_note_notify_cb (VivaNotesStore *self,
                                 GParamSpec     *pspec,
                                 VivaNote       *note)
{
  /* Loading and merging set notes from disk; that is not a change to
   * save. */
  if (self->applying_disk > 0)
    return;

  if (strcmp (pspec->name, "text") != 0 &&
      strcmp (pspec->name, "status") != 0 &&
      strcmp (pspec->name, "starred") != 0)
    return;

  viva_notes_store_set_dirty (self, TRUE);
  g_signal_emit (self, signals[NOTE_CHANGED], 0, note);
  viva_notes_store_schedule_autosave (self);
}

/* Bank ids come from file names, which need not be UTF-8 and could be
 * longer than a file allows. Rather than refuse such a bank, we store its
 * notes under a valid id; the same name always maps to the same id.
 * Returns NULL when @bank_id can be used as it is. */
static char *
normalize_bank_id (const char *bank_id)
{
  g_autofree char *valid = NULL;
  const char *end;

  if (strlen (bank_id) <= BANK_ID_MAX_SIZE && g_utf8_validate (bank_id, -1, NULL))
    return NULL;

  valid = g_utf8_make_valid (bank_id, -1);

  if (strlen (valid) > BANK_ID_MAX_SIZE)
    {
      /* Cut at a character boundary. */
      end = valid + BANK_ID_MAX_SIZE;
      while (end > valid && ((guchar) *end & 0xC0) == 0x80)
        end--;
      return g_strndup (valid, end - valid);
    }

  return g_steal_pointer (&valid);
}

static VivaNote *
viva_notes_store_ensure_note (VivaNotesStore *self,
                              const char     *bank_id,
                              guint           number)
{
  GHashTable *bank;
  VivaNote *note;

  bank = g_hash_table_lookup (self->banks, bank_id);
  if (bank == NULL)
    {
      bank = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
      g_hash_table_insert (self->banks, g_strdup (bank_id), bank);
    }

  note = g_hash_table_lookup (bank, GUINT_TO_POINTER (number));
  if (note == NULL)
    {
      note = viva_note_new (bank_id, number);
      g_signal_connect_swapped (note, "notify",
                                G_CALLBACK (viva_notes_store_note_notify_cb),
                                self);
      g_hash_table_insert (bank, GUINT_TO_POINTER (number), note);
    }

  return note;
}

static VivaNote *
viva_notes_store_find_note (VivaNotesStore *self,
                            const char     *bank_id,
                            guint           number)
{
  GHashTable *bank = g_hash_table_lookup (self->banks, bank_id);

  if (bank == NULL)
    return NULL;

  return g_hash_table_lookup (bank, GUINT_TO_POINTER (number));
}

static void
viva_notes_store_apply (VivaNotesStore *self,
                        NotesFile      *file)
{
  self->applying_disk++;

  for (guint i = 0; i < file->records->len; i++)
    {
      const NoteRecord *record = g_ptr_array_index (file->records, i);
      VivaNote *note = viva_notes_store_ensure_note (self, record->bank_id, record->number);

      _viva_note_load (note, record->text, record->status, record->starred, record->modified);
    }

  self->applying_disk--;
}

/* Brings in what another process wrote: for each note, the version that
 * changed last wins. A note that the other side has and we do not is
 * taken; a note only we have is kept, even if the other side cleared it
 * (blank notes are not written, so we cannot tell "cleared" from "never
 * written", and bringing a note back is better than losing one). */
static void
viva_notes_store_merge (VivaNotesStore *self,
                        NotesFile      *disk)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_object_unref);

  self->applying_disk++;

  for (guint i = 0; i < disk->records->len; i++)
    {
      const NoteRecord *record = g_ptr_array_index (disk->records, i);
      VivaNote *note = viva_notes_store_find_note (self, record->bank_id, record->number);

      if (note != NULL && record->modified <= viva_note_get_modified (note))
        continue;

      if (note == NULL)
        note = viva_notes_store_ensure_note (self, record->bank_id, record->number);

      if (g_strcmp0 (viva_note_get_text (note), record->text) != 0 ||
          viva_note_get_status (note) != record->status ||
          viva_note_get_starred (note) != record->starred)
        g_ptr_array_add (changed, g_object_ref (note));

      _viva_note_load (note, record->text, record->status, record->starred, record->modified);
    }

  self->applying_disk--;

  for (guint i = 0; i < changed->len; i++)
    g_signal_emit (self, signals[NOTE_CHANGED], 0, g_ptr_array_index (changed, i));
}

static void
format_modified (gint64  modified,
                 char   *buf,
                 gsize   buf_len)
{
  g_autoptr(GDateTime) dt = NULL;
  gint64 seconds = modified / G_USEC_PER_SEC;
  gint64 usec = modified % G_USEC_PER_SEC;
  int year, month, day;

  if (usec < 0)
    {
      usec += G_USEC_PER_SEC;
      seconds--;
    }

  dt = g_date_time_new_from_unix_utc (seconds);

  /* Out of GDateTime's range (years 1 to 9999): write a time we can read
   * back rather than a file we cannot. */
  if (dt == NULL)
    {
      dt = g_date_time_new_from_unix_utc (0);
      usec = 0;
    }

  g_date_time_get_ymd (dt, &year, &month, &day);
  g_snprintf (buf, buf_len, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ",
              year, month, day,
              g_date_time_get_hour (dt),
              g_date_time_get_minute (dt),
              g_date_time_get_second (dt),
              (int) usec);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static int
compare_notes (gconstpointer a,
               gconstpointer b)
{
  guint na = viva_note_get_number (*(VivaNote * const *) a);
  guint nb = viva_note_get_number (*(VivaNote * const *) b);

  return na < nb ? -1 : na > nb;
}

static GPtrArray *
viva_notes_store_dup_sorted_notes (VivaNotesStore *self,
                                   const char     *bank_id)
{
  GPtrArray *notes = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTable *bank = g_hash_table_lookup (self->banks, bank_id);
  GHashTableIter iter;
  gpointer value;

  if (bank == NULL)
    return notes;

  g_hash_table_iter_init (&iter, bank);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (!viva_note_is_blank (value))
        g_ptr_array_add (notes, g_object_ref (value));
    }

  g_ptr_array_sort (notes, compare_notes);

  return notes;
}

/* The snapshot a write puts on disk. Built on the main thread, where the
 * notes live; the thread gets only the bytes. Refuses to produce a file
 * that we would refuse to load. */
static GBytes *
viva_notes_store_serialize (VivaNotesStore  *self,
                            GError         **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) bank_ids = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;
  GString *string;

  g_hash_table_iter_init (&iter, self->banks);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (bank_ids, key);
  g_ptr_array_sort (bank_ids, compare_strings);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, VIVA_NOTES_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, VIVA_NOTES_FORMAT_VERSION);
  json_builder_set_member_name (builder, "banks");
  json_builder_begin_object (builder);

  for (guint i = 0; i < bank_ids->len; i++)
    {
      const char *bank_id = g_ptr_array_index (bank_ids, i);
      g_autoptr(GPtrArray) notes = viva_notes_store_dup_sorted_notes (self, bank_id);

      if (notes->len == 0)
        continue;

      json_builder_set_member_name (builder, bank_id);
      json_builder_begin_object (builder);

      for (guint j = 0; j < notes->len; j++)
        {
          VivaNote *note = g_ptr_array_index (notes, j);
          const char *text = viva_note_get_text (note);
          char number[16];
          char modified[64];

          if (strlen (text) > NOTE_TEXT_MAX_SIZE)
            {
              g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                           _("Could not save notes: note %u of bank “%s” is longer than 1 MiB; shorten it so that your notes can be saved"),
                           viva_note_get_number (note), bank_id);
              return NULL;
            }

          /* GTK only hands us UTF-8, but a file that is not UTF-8 would
           * not load again; never write one. */
          if (!g_utf8_validate (text, -1, NULL))
            {
              g_set_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID,
                           _("Could not save notes: note %u of bank “%s” is not UTF-8 text"),
                           viva_note_get_number (note), bank_id);
              return NULL;
            }

          g_snprintf (number, sizeof number, "%u", viva_note_get_number (note));
          format_modified (viva_note_get_modified (note), modified, sizeof modified);

          json_builder_set_member_name (builder, number);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "text");
          json_builder_add_string_value (builder, text);
          json_builder_set_member_name (builder, "status");
          json_builder_add_string_value (builder, viva_status_to_string (viva_note_get_status (note)));
          json_builder_set_member_name (builder, "starred");
          json_builder_add_boolean_value (builder, viva_note_get_starred (note));
          json_builder_set_member_name (builder, "modified");
          json_builder_add_string_value (builder, modified);
          json_builder_end_object (builder);
        }

      json_builder_end_object (builder);
    }

  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);

  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);

  string = g_string_new (NULL);
  json_generator_to_gstring (generator, string);
  g_string_append_c (string, '\n');

  return g_string_free_to_bytes (string);
}

static GError *
viva_notes_store_read_only_error (VivaNotesStore *self)
{
  return g_error_new (VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_READ_ONLY,
                      _("Your notes cannot be saved: “%s” was written by a newer version of Viva"),
                      self->path);
}

typedef struct
{
  GPtrArray *tasks;
  GError    *error;
} TaskCompletion;

static void
complete_tasks_cb (gpointer user_data)
{
  TaskCompletion *completion = user_data;

  for (guint i = 0; i < completion->tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (completion->tasks, i);

      if (completion->error != NULL)
        g_task_return_error (task, g_error_copy (completion->error));
      else
        g_task_return_boolean (task, TRUE);
    }

  g_ptr_array_unref (completion->tasks);
  g_clear_error (&completion->error);
  g_free (completion);
}

/* Answers save_async() callers from an idle callback: GTask would call
 * them right away from inside our bookkeeping otherwise, and a callback
 * that saves again would re-enter it. Takes @tasks. */
static void
complete_tasks (GPtrArray    *tasks,
                const GError *error)
{
  TaskCompletion *completion;

  if (tasks->len == 0)
    {
      g_ptr_array_unref (tasks);
      return;
    }

  completion = g_new0 (TaskCompletion, 1);
  completion->tasks = tasks;
  completion->error = error ? g_error_copy (error) : NULL;
  g_idle_add_once (complete_tasks_cb, completion);
}

static GPtrArray *
steal_tasks (GPtrArray **tasks)
{
  GPtrArray *stolen = *tasks;

  *tasks = g_ptr_array_new_with_free_func (g_object_unref);

  return stolen;
}

/* Takes the snapshot: from here on, what the user changes is a change
 * after this write, and makes the store dirty again. */
static SaveJob *
viva_notes_store_prepare_write (VivaNotesStore  *self,
                                GError         **error)
{
  GBytes *contents;
  SaveJob *job;

  contents = viva_notes_store_serialize (self, error);
  if (contents == NULL)
    return NULL;

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  self->first_unsaved_change = 0;
  self->save_after_write = FALSE;
  viva_notes_store_set_dirty (self, FALSE);

  job = g_new0 (SaveJob, 1);
  job->path = g_strdup (self->path);
  job->contents = contents;
  job->expected = self->disk_stamp;

  return job;
}

static void
viva_notes_store_write_failed (VivaNotesStore *self,
                               const GError   *error)
{
  /* Nothing was written: everything stays in memory, and dirty. */
  viva_notes_store_set_save_error (self, error->message);
  viva_notes_store_set_dirty (self, TRUE);
  viva_notes_store_schedule_retry (self);
}

/* Acts on what a write found. */
static FinishResult
viva_notes_store_finish_write (VivaNotesStore  *self,
                               SaveJob         *job,
                               const GError    *write_error,
                               GError         **error)
{
  /* A damaged file found on disk was moved aside even if our write then
   * failed; the user must be able to find it. */
  if (job->moved_aside_path != NULL)
    viva_notes_store_recovered (self, job->moved_aside_path);

  if (write_error != NULL)
    {
      self->merge_rounds = 0;
      g_propagate_error (error, g_error_copy (write_error));
      return FINISH_FAILED;
    }

  switch (job->outcome)
    {
    case SAVE_WROTE:
      self->disk_stamp = job->stamp;
      self->merge_rounds = 0;
      self->retry_delay = 0;
      viva_notes_store_set_save_error (self, NULL);
      return FINISH_DONE;

    case SAVE_CHANGED_ON_DISK:
      if (++self->merge_rounds > MAX_MERGE_ROUNDS)
        {
          self->merge_rounds = 0;
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_AGAIN,
                       _("Could not save notes to “%s”: another program keeps changing it"),
                       self->path);
          return FINISH_FAILED;
        }

      viva_notes_store_merge (self, job->disk);
      self->disk_stamp = job->stamp;
      /* The snapshot was not written; the merged notes still need to be. */
      viva_notes_store_set_dirty (self, TRUE);
      return FINISH_AGAIN;

    case SAVE_NEWER_ON_DISK:
      self->merge_rounds = 0;
      viva_notes_store_go_read_only (self);
      g_propagate_error (error, viva_notes_store_read_only_error (self));
      return FINISH_FAILED;

    default:
      g_assert_not_reached ();
    }
}

static void
viva_notes_store_write_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(VivaNotesStore) self = user_data;
  SaveJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) write_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) finished = NULL;
  g_autoptr(GApplication) application = g_steal_pointer (&self->held_application);
  FinishResult finish;

  g_object_freeze_notify (G_OBJECT (self));

  g_task_propagate_boolean (G_TASK (result), &write_error);

  self->saving = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);

  finish = viva_notes_store_finish_write (self, job, write_error, &error);

  if (finish == FINISH_FAILED)
    viva_notes_store_write_failed (self, error);

  if (finish != FINISH_AGAIN)
    finished = steal_tasks (&self->current_tasks);

  /* A merge is saved at once; so is what was asked for or changed while
   * this write was running. flush() does its own writing. */
  if (!self->flushing &&
      (finish == FINISH_AGAIN ||
       self->queued_tasks->len > 0 ||
       (finish == FINISH_DONE && self->save_after_write && self->dirty)))
    viva_notes_store_start_write (self);

  g_object_thaw_notify (G_OBJECT (self));

  if (application != NULL)
    g_application_release (application);

  if (finished != NULL)
    complete_tasks (g_steal_pointer (&finished), error);
}

static void
viva_notes_store_start_write (VivaNotesStore *self)
{
  g_autoptr(GPtrArray) queued = NULL;
  g_autoptr(GPtrArray) cancelled = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  GApplication *application;
  SaveJob *job;

  g_assert (!self->saving);

  /* Requests made before this write starts are answered by it, unless
   * they were cancelled while they waited. */
  queued = steal_tasks (&self->queued_tasks);
  cancelled = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < queued->len; i++)
    {
      GTask *queued_task = g_ptr_array_index (queued, i);

      if (g_cancellable_is_cancelled (g_task_get_cancellable (queued_task)))
        g_ptr_array_add (cancelled, g_object_ref (queued_task));
      else
        g_ptr_array_add (self->current_tasks, g_object_ref (queued_task));
    }

  if (cancelled->len > 0)
    {
      g_autoptr(GError) cancelled_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                               _("Operation was cancelled"));

      complete_tasks (g_steal_pointer (&cancelled), cancelled_error);
    }

  if (self->state == VIVA_NOTES_STORE_STATE_READ_ONLY)
    {
      error = viva_notes_store_read_only_error (self);
      complete_tasks (steal_tasks (&self->current_tasks), error);
      return;
    }

  job = viva_notes_store_prepare_write (self, &error);
  if (job == NULL)
    {
      viva_notes_store_write_failed (self, error);
      complete_tasks (steal_tasks (&self->current_tasks), error);
      return;
    }

  /* The user may quit while we write; keep the process until we are
   * done. */
  application = g_application_get_default ();
  if (application != NULL)
    {
      self->held_application = g_object_ref (application);
      g_application_hold (application);
    }

  self->saving = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);

  /* The worker thread drops its reference to the task only after this
   * callback ran on the main thread; were the store the task's source
   * object, its last reference (and dispose) could go with it, in that
   * thread. So the task knows only the job, and the store is kept alive
   * by a reference that the callback drops on the main thread. */
  task = g_task_new (NULL, NULL, viva_notes_store_write_cb, g_object_ref (self));
  g_task_set_source_tag (task, viva_notes_store_start_write);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, viva_notes_store_save_thread);
}

/* flush()'s writing, in the calling thread. */
static gboolean
viva_notes_store_write_sync (VivaNotesStore  *self,
                             GError         **error)
{
  if (self->state == VIVA_NOTES_STORE_STATE_READ_ONLY)
    {
      if (!self->dirty && self->current_tasks->len == 0 && self->queued_tasks->len == 0)
        return TRUE;

      g_propagate_error (error, viva_notes_store_read_only_error (self));
      return FALSE;
    }

  if (!self->dirty && self->current_tasks->len == 0 && self->queued_tasks->len == 0)
    return TRUE;

  for (;;)
    {
      g_autoptr(GError) write_error = NULL;
      g_autoptr(GError) local_error = NULL;
      SaveJob *job;
      FinishResult finish;

      job = viva_notes_store_prepare_write (self, &local_error);
      if (job == NULL)
        {
          viva_notes_store_write_failed (self, local_error);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      save_job_run (job, &write_error);
      finish = viva_notes_store_finish_write (self, job, write_error, &local_error);
      save_job_free (job);

      switch (finish)
        {
        case FINISH_DONE:
          return TRUE;

        case FINISH_AGAIN:
          continue;

        case FINISH_FAILED:
          viva_notes_store_write_failed (self, local_error);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;

        default:
          g_assert_not_reached ();
        }
    }
}

/* Loading */

/* Falls back on notes.json.bak after notes.json was missing (@damaged is
 * NULL) or damaged and moved aside (@damaged is why). */
static gboolean
viva_notes_store_load_backup (VivaNotesStore  *self,
                              GError          *damaged,
                              GError         **error)
{
  g_autofree char *bak_path = dup_backup_path (self->path);
  g_autoptr(GError) owned_damaged = damaged;
  g_autoptr(GError) bak_error = NULL;
  g_autoptr(NotesFile) file = NULL;

  /* notes.json is not there (any more); whatever appears there before our
   * first save is someone else's, and merged. */
  memset (&self->disk_stamp, 0, sizeof self->disk_stamp);

  for (guint attempt = 1; ; attempt++)
    {
      g_autofree char *aside = NULL;
      g_autoptr(GError) move_error = NULL;

      g_clear_pointer (&file, notes_file_free);
      g_clear_error (&bak_error);

      notes_file_read (bak_path, &file, &bak_error);

      switch (classify_read_error (bak_error))
        {
        case READ_OK:
          viva_notes_store_apply (self, file);
          viva_notes_store_recovered (self, NULL);
          self->restored_from_backup = TRUE;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESTORED_FROM_BACKUP]);
          /* So that the next save puts notes.json back. */
          viva_notes_store_set_dirty (self, TRUE);
          viva_notes_store_schedule_autosave (self);
          break;

        case READ_MISSING:
          if (owned_damaged != NULL)
            viva_notes_store_recovered (self, NULL);
          break;

        case READ_FUTURE:
          /* Written by a newer Viva: never replace it. */
          viva_notes_store_apply (self, file);
          viva_notes_store_go_read_only (self);
          g_propagate_error (error, g_steal_pointer (&bak_error));
          return FALSE;

        case READ_DAMAGED:
          /* The next saves would replace it; keep it for the user. */
          switch (move_aside (bak_path, &file->stamp, &aside, &move_error))
            {
            case MOVE_ASIDE_DONE:
              if (owned_damaged == NULL)
                {
                  viva_notes_store_recovered (self, aside);
                  g_prefix_error (&bak_error, _("backup: "));
                  g_propagate_error (error, g_steal_pointer (&bak_error));
                  return FALSE;
                }
              g_message ("The backup %s is damaged too (%s); moved it to %s",
                         bak_path, bak_error->message, aside);
              viva_notes_store_recovered (self, NULL);
              break;

            case MOVE_ASIDE_CHANGED:
              if (attempt < MAX_LOAD_ATTEMPTS)
                continue;
              G_GNUC_FALLTHROUGH;

            case MOVE_ASIDE_FAILED:
            default:
              viva_notes_store_go_read_only (self);
              if (owned_damaged == NULL)
                owned_damaged = g_steal_pointer (&bak_error);
              if (move_error != NULL)
                g_prefix_error (&owned_damaged, "%s; ", move_error->message);
              g_propagate_error (error, g_steal_pointer (&owned_damaged));
              return FALSE;
            }
          break;

        case READ_UNREADABLE:
        default:
          /* We could not read it, so we must not replace it either. */
          viva_notes_store_go_read_only (self);
          if (owned_damaged == NULL)
            {
              g_prefix_error (&bak_error, _("could not read the backup “%s”: "), bak_path);
              owned_damaged = g_steal_pointer (&bak_error);
            }
          g_propagate_error (error, g_steal_pointer (&owned_damaged));
          return FALSE;
        }

      break;
    }

  if (owned_damaged != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&owned_damaged));
      return FALSE;
    }

  return TRUE;
}

/* GObject */

static void
viva_notes_store_dispose (GObject *object)
{
  VivaNotesStore *self = (VivaNotesStore *)object;
  GHashTableIter iter;
  gpointer value;

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_clear_handle_id (&self->retry_source, g_source_remove);

  /* The owner is expected to flush before letting go; say so loudly when
   * it did not, since the changes go with us. A read-only store could
   * never have saved them, and the window said so. */
  if (self->dirty && self->state != VIVA_NOTES_STORE_STATE_READ_ONLY)
    {
      g_warning ("Notes store for %s disposed with unsaved changes; call viva_notes_store_flush() first",
                 self->path);
      self->dirty = FALSE;
    }

  /* Notes may outlive us in the widgets that show them. */
  if (self->banks != NULL)
    {
      g_hash_table_iter_init (&iter, self->banks);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          GHashTableIter note_iter;
          gpointer note;

          g_hash_table_iter_init (&note_iter, value);
          while (g_hash_table_iter_next (&note_iter, NULL, &note))
            g_signal_handlers_disconnect_by_data (note, self);
        }

      g_hash_table_remove_all (self->banks);
    }

  G_OBJECT_CLASS (viva_notes_store_parent_class)->dispose (object);
}

static void
viva_notes_store_finalize (GObject *object)
{
  VivaNotesStore *self = (VivaNotesStore *)object;

  g_assert (self->held_application == NULL);

  g_clear_pointer (&self->banks, g_hash_table_unref);
  g_clear_pointer (&self->current_tasks, g_ptr_array_unref);
  g_clear_pointer (&self->queued_tasks, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->moved_aside_path, g_free);
  g_clear_pointer (&self->save_error, g_free);

  G_OBJECT_CLASS (viva_notes_store_parent_class)->finalize (object);
}

static void
viva_notes_store_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  VivaNotesStore *self = VIVA_NOTES_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;

    case PROP_SAVING:
      g_value_set_boolean (value, self->saving);
      break;

    case PROP_SAVE_ERROR:
      g_value_set_string (value, self->save_error);
      break;

    case PROP_AUTOSAVE_DELAY:
      g_value_set_uint (value, self->autosave_delay);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, viva_notes_store_get_read_only (self));
      break;

    case PROP_RESTORED_FROM_BACKUP:
      g_value_set_boolean (value, self->restored_from_backup);
      break;

    case PROP_MOVED_ASIDE_PATH:
      g_value_set_string (value, self->moved_aside_path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_notes_store_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  VivaNotesStore *self = VIVA_NOTES_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    case PROP_AUTOSAVE_DELAY:
      viva_notes_store_set_autosave_delay (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_notes_store_class_init (VivaNotesStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = viva_notes_store_dispose;
  object_class->finalize = viva_notes_store_finalize;
  object_class->get_property = viva_notes_store_get_property;
  object_class->set_property = viva_notes_store_set_property;

  /**
   * VivaNotesStore:path:
   *
   * The notes file.
   */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaNotesStore:dirty:
   *
   * Whether some change is not on disk yet. It goes %FALSE when a write
   * starts and back to %TRUE if that write fails.
   */
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaNotesStore:saving:
   *
   * Whether a write is running in the background.
   */
  properties[PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaNotesStore:save-error:
   *
   * Why the last save failed, for the user (it names the file and the
   * reason), or %NULL when it succeeded. The store retries on its own.
   */
  properties[PROP_SAVE_ERROR] =
    g_param_spec_string ("save-error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaNotesStore:autosave-delay:
   *
   * How long after the last change to save, in milliseconds. Changes
   * that keep coming are saved at least every 5 seconds anyway.
   */
  properties[PROP_AUTOSAVE_DELAY] =
    g_param_spec_uint ("autosave-delay", NULL, NULL,
                       0, 60 * 1000, AUTOSAVE_DELAY_DEFAULT_MSEC,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaNotesStore:read-only:
   *
   * Whether the store refuses to write: the file on disk was written by
   * a newer version of Viva (at load, or later by another process), or
   * could not be read and must therefore not be replaced.
   */
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaNotesStore:restored-from-backup:
   *
   * Whether the notes came from notes.json.bak.
   */
  properties[PROP_RESTORED_FROM_BACKUP] =
    g_param_spec_boolean ("restored-from-backup", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaNotesStore:moved-aside-path:
   *
   * Where a damaged notes file was moved, unchanged; %NULL when none was.
   * It can also be set after loading, when a save finds that another
   * program damaged the file.
   */
  properties[PROP_MOVED_ASIDE_PATH] =
    g_param_spec_string ("moved-aside-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VivaNotesStore::note-changed:
   * @self: the store
   * @note: the note that changed
   *
   * Emitted after the text, status or star of one of the store's notes
   * changed, whether the user changed it or a merge with a file written
   * by another process did. Widgets that mirror notes (sidebar marks,
   * counts) update from here.
   */
  signals[NOTE_CHANGED] =
    g_signal_new ("note-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  g_cclosure_marshal_VOID__OBJECT,
                  G_TYPE_NONE, 1, VIVA_TYPE_NOTE);
}

static void
viva_notes_store_init (VivaNotesStore *self)
{
  self->banks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_hash_table_unref);
  self->current_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->queued_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->autosave_delay = AUTOSAVE_DELAY_DEFAULT_MSEC;
  self->state = VIVA_NOTES_STORE_STATE_OK;
}

/* Public API */

char *
viva_notes_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), APP_ID, "notes.json", NULL);
}

VivaNotesStore *
viva_notes_store_new (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (VIVA_TYPE_NOTES_STORE,
                       "path", path,
                       NULL);
}

const char *
viva_notes_store_get_path (VivaNotesStore *self)
{
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), NULL);

  return self->path;
}

/**
 * viva_notes_store_load:
 * @self: a store
 * @error: return location for an error
 *
 * Reads the notes file, once, at start-up. Whatever happens, the store is
 * usable afterwards; FALSE says that the user should be told something:
 * the file was damaged (it was moved aside, see
 * viva_notes_store_get_moved_aside_path(), and ".bak" used when good),
 * or it was written by a newer version (read-only), or it could not be
 * read at all (read-only, so that it is not replaced).
 *
 * A missing notes.json with a good ".bak" loads the backup and returns
 * TRUE with the state RECOVERED and restored-from-backup set.
 *
 * Returns: %TRUE when the notes loaded as they were
 */
gboolean
viva_notes_store_load (VivaNotesStore  *self,
                       GError         **error)
{
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), FALSE);
  g_return_val_if_fail (!self->loaded, FALSE);

  self->loaded = TRUE;

  for (guint attempt = 1; ; attempt++)
    {
      g_autoptr(NotesFile) file = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GError) move_error = NULL;
      g_autofree char *aside = NULL;

      notes_file_read (self->path, &file, &local_error);

      switch (classify_read_error (local_error))
        {
        case READ_OK:
          viva_notes_store_apply (self, file);
          self->disk_stamp = file->stamp;
          return TRUE;

        case READ_MISSING:
          return viva_notes_store_load_backup (self, NULL, error);

        case READ_FUTURE:
          /* Show what we can, change nothing. */
          viva_notes_store_apply (self, file);
          viva_notes_store_go_read_only (self);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;

        case READ_DAMAGED:
          switch (move_aside (self->path, &file->stamp, &aside, &move_error))
            {
            case MOVE_ASIDE_DONE:
              viva_notes_store_recovered (self, aside);
              return viva_notes_store_load_backup (self, g_steal_pointer (&local_error), error);

            case MOVE_ASIDE_CHANGED:
              /* Replaced while we read it; read the new one. */
              if (attempt < MAX_LOAD_ATTEMPTS)
                continue;
              G_GNUC_FALLTHROUGH;

            case MOVE_ASIDE_FAILED:
            default:
              /* A damaged file that we cannot move aside must not be
               * written over either. */
              viva_notes_store_go_read_only (self);
              if (move_error != NULL)
                g_prefix_error (&local_error, "%s; ", move_error->message);
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }

        case READ_UNREADABLE:
        default:
          viva_notes_store_go_read_only (self);
          g_prefix_error (&local_error, _("could not read “%s”: "), self->path);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
}

VivaNotesStoreState
viva_notes_store_get_state (VivaNotesStore *self)
{
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), VIVA_NOTES_STORE_STATE_OK);

  return self->state;
}

const char *
viva_notes_store_get_moved_aside_path (VivaNotesStore *self)
{
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), NULL);

  return self->moved_aside_path;
}

gboolean
viva_notes_store_get_restored_from_backup (VivaNotesStore *self)
{
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), FALSE);

  return self->restored_from_backup;
}

gboolean
viva_notes_store_get_read_only (VivaNotesStore *self)
{
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), FALSE);

  return self->state == VIVA_NOTES_STORE_STATE_READ_ONLY;
}

gboolean
viva_notes_store_get_dirty (VivaNotesStore *self)
{
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), FALSE);

  return self->dirty;
}

gboolean
viva_notes_store_get_saving (VivaNotesStore *self)
{
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), FALSE);

  return self->saving;
}

const char *
viva_notes_store_get_save_error (VivaNotesStore *self)
{
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), NULL);

  return self->save_error;
}

guint
viva_notes_store_get_autosave_delay (VivaNotesStore *self)
{
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), 0);

  return self->autosave_delay;
}

void
viva_notes_store_set_autosave_delay (VivaNotesStore *self,
                                     guint           msec)
{
  g_return_if_fail (VIVA_IS_NOTES_STORE (self));

  msec = MIN (msec, 60 * 1000);

  if (self->autosave_delay == msec)
    return;

  self->autosave_delay = msec;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOSAVE_DELAY]);
}

/**
 * viva_notes_store_get_note:
 * @self: a store
 * @bank_id: the bank's id
 * @number: the question's number, from 1
 *
 * Returns the note for a question, creating a blank one (which is not
 * written while it stays blank) if there is none.
 *
 * Returns: (transfer none): the note
 */
VivaNote *
viva_notes_store_get_note (VivaNotesStore *self,
                           const char     *bank_id,
                           guint           number)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), NULL);
  g_return_val_if_fail (bank_id != NULL && bank_id[0] != '\0', NULL);
  g_return_val_if_fail (number > 0, NULL);

  normalized = normalize_bank_id (bank_id);

  return viva_notes_store_ensure_note (self, normalized ? normalized : bank_id, number);
}

/**
 * viva_notes_store_lookup_note:
 * @self: a store
 * @bank_id: the bank's id
 * @number: the question's number
 *
 * Returns: (transfer none) (nullable): the note, if the store has one
 */
VivaNote *
viva_notes_store_lookup_note (VivaNotesStore *self,
                              const char     *bank_id,
                              guint           number)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), NULL);
  g_return_val_if_fail (bank_id != NULL, NULL);

  normalized = normalize_bank_id (bank_id);

  return viva_notes_store_find_note (self, normalized ? normalized : bank_id, number);
}

/**
 * viva_notes_store_list_notes:
 * @self: a store
 * @bank_id: the bank's id
 *
 * Returns: (transfer container) (element-type VivaNote): the bank's notes
 *   that are not blank, by question number
 */
GPtrArray *
viva_notes_store_list_notes (VivaNotesStore *self,
                             const char     *bank_id)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), NULL);
  g_return_val_if_fail (bank_id != NULL, NULL);

  normalized = normalize_bank_id (bank_id);

  return viva_notes_store_dup_sorted_notes (self, normalized ? normalized : bank_id);
}

/* The number of notes that are not blank, in all banks. */
guint
viva_notes_store_get_n_notes (VivaNotesStore *self)
{
  GHashTableIter iter;
  gpointer bank;
  guint n = 0;

  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), 0);

  g_hash_table_iter_init (&iter, self->banks);
  while (g_hash_table_iter_next (&iter, NULL, &bank))
    {
      GHashTableIter note_iter;
      gpointer note;

      g_hash_table_iter_init (&note_iter, bank);
      while (g_hash_table_iter_next (&note_iter, NULL, &note))
        {
          if (!viva_note_is_blank (note))
            n++;
        }
    }

  return n;
}

/**
 * viva_notes_store_save_async:
 * @self: a store
 * @cancellable: (nullable): cancels the request if the write has not
 *   started yet
 * @callback: called when the notes as they are now are on disk, or not
 * @user_data: for @callback
 *
 * Writes the notes now (or right after the write in progress), whether
 * or not anything changed. The snapshot is taken on the calling thread;
 * the file is written in a worker thread.
 */
void
viva_notes_store_save_async (VivaNotesStore      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VIVA_IS_NOTES_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, viva_notes_store_save_async);
  /* Once the write has started, the answer is whether the notes are on
   * disk, cancelled or not. */
  g_task_set_check_cancellable (task, FALSE);

  if (self->state == VIVA_NOTES_STORE_STATE_READ_ONLY)
    {
      g_task_return_error (task, viva_notes_store_read_only_error (self));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  g_ptr_array_add (self->queued_tasks, g_steal_pointer (&task));

  if (!self->saving && !self->flushing)
    viva_notes_store_start_write (self);
}

gboolean
viva_notes_store_save_finish (VivaNotesStore  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == viva_notes_store_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * viva_notes_store_flush:
 * @self: a store
 * @error: return location for an error
 *
 * For closing and quitting: waits for the write in progress (running the
 * default main context meanwhile), then writes what is still unsaved, in
 * the calling thread. Follows the same rules as the background writes.
 *
 * Returns: %TRUE when everything is on disk
 */
gboolean
viva_notes_store_flush (VivaNotesStore  *self,
                        GError         **error)
{
  g_autoptr(VivaNotesStore) hold = NULL;
  GPtrArray *finished;
  g_autoptr(GError) local_error = NULL;
  gboolean ret;

  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), FALSE);

  hold = g_object_ref (self);

  self->flushing++;

  while (self->saving)
    g_main_context_iteration (NULL, TRUE);

  ret = viva_notes_store_write_sync (self, &local_error);

  self->flushing--;

  /* Whoever asked for a save meanwhile gets this flush's answer. */
  finished = steal_tasks (&self->current_tasks);
  g_ptr_array_extend_and_steal (finished, steal_tasks (&self->queued_tasks));
  complete_tasks (finished, local_error);

  if (!ret)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return ret;
}
