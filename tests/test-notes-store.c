/* test-notes-store.c
 *
 * The notes store treats notes.json as untrusted input and must never lose
 * what the user wrote: these tests damage files, fill disks, take folders
 * away and run two stores on one file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "viva-data-file.h"
#include "viva-fsrs.h"
#include "viva-note-private.h"
#include "viva-note.h"
#include "viva-notes-store-private.h"
#include "viva-notes-store.h"
#include "viva-test-notes-load.h"

#define BANK "python-interview-questions"
#define WAIT_TIMEOUT_SECONDS 20

/* Warnings abort tests; a test that expects one names it here. */
static const char *expected_warning;
static guint expected_warning_seen;

static GLogWriterOutput
test_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  if (expected_warning != NULL && (log_level & G_LOG_LEVEL_WARNING) != 0)
    {
      for (gsize i = 0; i < n_fields; i++)
        {
          if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 &&
              fields[i].length < 0 &&
              strstr (fields[i].value, expected_warning) != NULL)
            {
              expected_warning_seen++;
              return G_LOG_WRITER_HANDLED;
            }
        }
    }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* Helpers */

static char *
notes_path (void)
{
  return viva_notes_store_dup_default_path ();
}

static char *
sibling_path (const char *path,
              const char *suffix)
{
  return g_strconcat (path, suffix, NULL);
}

static void
write_file (const char *path,
            const char *data,
            gssize      len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (data, len);
}

static void
assert_file_equals (const char *path,
                    GBytes     *expected)
{
  g_autoptr(GBytes) actual = read_file (path);

  g_assert_true (g_bytes_equal (actual, expected));
}

static void
assert_file_mode (const char *path,
                  mode_t      mode)
{
  struct stat st;

  g_assert_cmpint (lstat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, mode);
}

static gboolean
file_exists (const char *path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* The tests of loading run twice: with viva_notes_store_load(), and,
 * under /notes-store/async/, with viva_notes_store_load_async(), whose
 * worker reads the file and whose decisions must be the same. */
static gboolean load_async;
/* $VIVA_TEST_HOLD_DIR: its "notes" file lets the load's worker return
 * (viva-test-hold.c); there unless a test holds the worker. */
static char *hold_dir;

static void
hold_notes_worker (void)
{
  g_autofree char *hold = g_build_filename (hold_dir, "notes", NULL);

  g_assert_cmpint (g_unlink (hold) == 0 || errno == ENOENT, ==, TRUE);
}

static void
release_notes_worker (void)
{
  g_autofree char *hold = g_build_filename (hold_dir, "notes", NULL);

  g_assert_true (g_file_set_contents (hold, "", 0, NULL));
}

static gboolean
store_load (VivaNotesStore  *store,
            GError         **error)
{
  return viva_test_notes_load (store, load_async, error);
}

static VivaNotesStore *
load_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  VivaNotesStore *store = viva_notes_store_new (path);

  g_assert_true (store_load (store, &error));
  g_assert_no_error (error);

  return store;
}

static void
flush_store (VivaNotesStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (viva_notes_store_flush (store, &error));
  g_assert_no_error (error);
  g_assert_false (viva_notes_store_get_dirty (store));
  g_assert_null (viva_notes_store_get_save_error (store));
}

/* For the tests of notes.json's review members, which state the
 * schedule in SM-2's whole days, easy to check by hand: the store grades
 * its notes with SM-2 (the memory is kept all the same). FSRS's
 * intervals are test-scheduler.c's. */
static void
grade_with_sm2 (VivaNotesStore *store)
{
  VivaSchedulerConfig config = *viva_notes_store_get_scheduler_config (store);

  config.algorithm = VIVA_SCHEDULER_ALGORITHM_SM2;
  viva_notes_store_set_scheduler_config (store, &config);
}

static void
set_text (VivaNotesStore *store,
          const char     *bank_id,
          guint           number,
          const char     *text)
{
  viva_note_set_text (viva_notes_store_get_note (store, bank_id, number), text);
}

static const char *
lookup_text (VivaNotesStore *store,
             const char     *bank_id,
             guint           number)
{
  VivaNote *note = viva_notes_store_lookup_note (store, bank_id, number);

  return note ? viva_note_get_text (note) : NULL;
}

/* Runs the main loop until @condition holds, failing the test (rather than
 * asserting on timing) if it never does. */
typedef gboolean (*Condition) (gpointer data);

static void
timed_out_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
}

static void
wait_until (Condition    condition,
            gpointer     data,
            const char  *what)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_once (WAIT_TIMEOUT_SECONDS * 1000, timed_out_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Timed out after %d s waiting for %s", WAIT_TIMEOUT_SECONDS, what);

  g_source_remove (id);
}

static gboolean
store_is_saved (gpointer data)
{
  VivaNotesStore *store = data;

  return !viva_notes_store_get_saving (store) && !viva_notes_store_get_dirty (store);
}

static gboolean
store_is_saving (gpointer data)
{
  return viva_notes_store_get_saving (data);
}

static gboolean
store_is_idle (gpointer data)
{
  return !viva_notes_store_get_saving (data);
}

static gboolean
store_saved_cleanly (gpointer data)
{
  return store_is_saved (data) && viva_notes_store_get_save_error (data) == NULL;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} SaveResult;

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SaveResult *res = user_data;

  res->ok = viva_notes_store_save_finish (VIVA_NOTES_STORE (object), result, &res->error);
  res->done = TRUE;
}

static gboolean
save_and_wait (VivaNotesStore  *store,
               GError         **error)
{
  SaveResult res = { FALSE, FALSE, NULL };

  viva_notes_store_save_async (store, NULL, save_cb, &res);
  wait_until (flag_is_set, &res.done, "save_async to finish");

  if (res.error != NULL)
    g_propagate_error (error, res.error);

  return res.ok;
}

/* Takes notes.json.lock as another Viva saving would, to hold a write in
 * flight for as long as a test needs. */
static int
take_lock (const char *path)
{
  g_autofree char *lock_path = sibling_path (path, ".lock");
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);

  return fd;
}

static guint
count_dir_entries (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

#define NOTE_FIELDS \
  "\"text\": \"hi\", \"status\": \"learning\", \"starred\": true, " \
  "\"modified\": \"2026-11-24T01:02:03.123456Z\""
#define GOOD_FILE \
  "{\"format\": \"viva-notes\", \"version\": 1, \"banks\": {\"" BANK "\": {\"1\": {" NOTE_FIELDS "}}}}"

/* Round trip */

typedef struct
{
  const char *bank_id;
  guint       number;
  const char *text;
  VivaStatus  status;
  gboolean    starred;
} NoteSpec;

static const NoteSpec round_trip_notes[] = {
  { BANK, 42, "Slicing is half-open: a[1:3] has a[1] and a[2].", VIVA_STATUS_LEARNING, TRUE },
  { BANK, 7, "Emoji 🐍🔥👩‍💻, CJK 列表推导式, RTL עברית العربية, combining e\xcc\x81 n\xcc\x83", VIVA_STATUS_CONFIDENT, FALSE },
  { BANK, 1, "Line one\nLine two\r\n\ttabbed\n\nand \"quotes\", 'single', back\\slash \\n", VIVA_STATUS_NEW, TRUE },
  { BANK, 100000, "Typed literally: \\u0000 and \\ud800 and \\x41 and </script>", VIVA_STATUS_LEARNING, FALSE },
  { BANK, G_MAXUINT32, "Control \x01\x02\x1f\x7f, separators \xe2\x80\xa8\xe2\x80\xa9, BOM \xef\xbb\xbf", VIVA_STATUS_NEW, TRUE },
  { BANK, 3, "", VIVA_STATUS_CONFIDENT, FALSE },
  { "zeta", 5, "Second bank", VIVA_STATUS_LEARNING, TRUE },
  { "Ünïcödé bank 😀", 2, "{ \"json\": [1, 2] } // not a comment", VIVA_STATUS_NEW, TRUE },
};

static void
test_round_trip (void)
{
  g_autofree char *path = notes_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  JsonObject *root;
  const char *contents;
  struct stat st;

  store = load_store (path);
  g_assert_cmpint (viva_notes_store_get_state (store), ==, VIVA_NOTES_STORE_STATE_OK);
  g_assert_cmpuint (viva_notes_store_get_n_notes (store), ==, 0);
  g_assert_false (file_exists (path));

  for (guint i = 0; i < G_N_ELEMENTS (round_trip_notes); i++)
    {
      const NoteSpec *spec = &round_trip_notes[i];
      VivaNote *note = viva_notes_store_get_note (store, spec->bank_id, spec->number);

      viva_note_set_text (note, spec->text);
      viva_note_set_status (note, spec->status);
      viva_note_set_starred (note, spec->starred);
    }

  /* Blank notes are kept in memory but not written: one never touched,
   * one that had text and lost it. */
  g_assert_true (viva_note_is_blank (viva_notes_store_get_note (store, BANK, 9)));
  set_text (store, BANK, 10, "gone soon");
  set_text (store, BANK, 10, "");

  g_assert_true (viva_notes_store_get_dirty (store));
  g_assert_cmpuint (viva_notes_store_get_n_notes (store), ==, G_N_ELEMENTS (round_trip_notes));

  flush_store (store);

  /* Private to the user. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0700);

  /* Readable and diffable: pretty-printed, versioned, in a stable order. */
  bytes = read_file (path);
  contents = g_bytes_get_data (bytes, NULL);
  g_test_message ("%s", contents);
  g_assert_true (g_str_has_prefix (contents, "{\n  \"format\" : \"viva-notes\",\n  \"version\" : 4,\n"));
  g_assert_true (g_str_has_suffix (contents, "}\n"));
  g_assert_null (strstr (contents, "gone soon"));
  g_assert_null (strstr (contents, "\"9\""));
  g_assert_null (strstr (contents, "\"10\""));
  g_assert_true (strstr (contents, "\"" BANK "\"") < strstr (contents, "\"zeta\""));
  g_assert_true (strstr (contents, "\"zeta\"") < strstr (contents, "\"Ünïcödé bank 😀\""));
  g_assert_true (strstr (contents, "\"1\" :") < strstr (contents, "\"3\" :"));
  g_assert_true (strstr (contents, "\"3\" :") < strstr (contents, "\"7\" :"));
  g_assert_true (strstr (contents, "\"7\" :") < strstr (contents, "\"42\" :"));
  g_assert_true (strstr (contents, "\"42\" :") < strstr (contents, "\"100000\" :"));
  g_assert_true (strstr (contents, "\"100000\" :") < strstr (contents, "\"4294967295\" :"));
  /* Strict JSON, which other tools (a sync tool, Python's json) read:
   * every control character escaped, U+001F included. */
  g_assert_nonnull (strstr (contents, "\"Control \\u0001\\u0002\\u001f\\u007f, separators"));
  for (const char *p = contents; *p != '\0'; p++)
    g_assert_true ((guchar) *p >= 0x20 || *p == '\n');

  json_parser_load_from_data (parser, contents, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "viva-notes");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, VIVA_NOTES_FORMAT_VERSION);

  /* A new instance sees exactly what was typed. */
  reread = load_store (path);
  g_assert_cmpint (viva_notes_store_get_state (reread), ==, VIVA_NOTES_STORE_STATE_OK);
  g_assert_false (viva_notes_store_get_dirty (reread));
  g_assert_cmpuint (viva_notes_store_get_n_notes (reread), ==, G_N_ELEMENTS (round_trip_notes));

  for (guint i = 0; i < G_N_ELEMENTS (round_trip_notes); i++)
    {
      const NoteSpec *spec = &round_trip_notes[i];
      VivaNote *before = viva_notes_store_lookup_note (store, spec->bank_id, spec->number);
      VivaNote *after = viva_notes_store_lookup_note (reread, spec->bank_id, spec->number);

      g_assert_nonnull (after);
      g_assert_cmpstr (viva_note_get_bank_id (after), ==, spec->bank_id);
      g_assert_cmpuint (viva_note_get_number (after), ==, spec->number);
      g_assert_cmpstr (viva_note_get_text (after), ==, spec->text);
      g_assert_cmpint (viva_note_get_status (after), ==, spec->status);
      g_assert_cmpint (viva_note_get_starred (after), ==, spec->starred);
      g_assert_cmpint (viva_note_get_modified (after), ==, viva_note_get_modified (before));
      g_assert_cmpint (viva_note_get_modified (after), >, 0);
    }

  g_assert_null (viva_notes_store_lookup_note (reread, BANK, 9));
  g_assert_null (viva_notes_store_lookup_note (reread, BANK, 10));

  listed = viva_notes_store_list_notes (reread, BANK);
  g_assert_cmpuint (listed->len, ==, 6);
  for (guint i = 1; i < listed->len; i++)
    g_assert_cmpuint (viva_note_get_number (g_ptr_array_index (listed, i - 1)), <,
                      viva_note_get_number (g_ptr_array_index (listed, i)));

  /* Saving what was just read changes nothing. */
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = read_file (path);
  g_assert_true (save_and_wait (reread, &error));
  g_assert_no_error (error);
  assert_file_equals (path, bytes);
}

/* notes.json linked into a synced folder stays a link: the writes go to
 * the file it points to (a relative link, here), and so do the backups. */
static void
test_symlinked_file_kept (void)
{
  g_autofree char *path = notes_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *sync_dir = g_build_filename (g_get_user_data_dir (), "Sync", NULL);
  g_autofree char *target = g_build_filename (sync_dir, "viva-notes.json", NULL);
  g_autofree char *target_bak = sibling_path (target, ".bak");
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;
  g_autoptr(GBytes) contents = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (sync_dir, 0700), ==, 0);
  g_assert_cmpint (symlink ("../Sync/viva-notes.json", path), ==, 0);

  /* The link points nowhere yet: the first save makes its file. */
  store = load_store (path);
  set_text (store, BANK, 1, "synced once");
  flush_store (store);
  set_text (store, BANK, 1, "synced twice");
  flush_store (store);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_SYMLINK));
  contents = read_file (target);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (contents, NULL), g_bytes_get_size (contents), "synced twice"));
  g_assert_true (file_exists (target_bak));

  reread = load_store (path);
  g_assert_cmpstr (lookup_text (reread, BANK, 1), ==, "synced twice");
}

static void
test_backup (void)
{
  g_autofree char *path = notes_path ();
  g_autofree char *bak_path = sibling_path (path, ".bak");
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  struct stat st;

  store = load_store (path);
  set_text (store, BANK, 1, "first version");
  flush_store (store);
  first = read_file (path);
  g_assert_false (file_exists (bak_path));

  set_text (store, BANK, 1, "second version");
  flush_store (store);
  second = read_file (path);

  assert_file_equals (bak_path, first);
  g_assert_false (g_bytes_equal (first, second));
  g_assert_cmpint (g_stat (bak_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);

  set_text (store, BANK, 1, "third version");
  flush_store (store);
  assert_file_equals (bak_path, second);

  /* Only the notes, their backup and the lock file: no temporary files
   * left behind. */
  {
    g_autofree char *dir = g_path_get_dirname (path);

    g_assert_cmpuint (count_dir_entries (dir), ==, 3);
  }
}

/* Damaged files */

typedef struct
{
  const char          *name;
  const char          *data;
  gsize                len;
  VivaNotesStoreError  code;
} CorruptCase;

#define HEAD "{\"format\": \"viva-notes\", \"version\": 1, \"banks\": {\"bank\": {"
#define TAIL "}}}"
#define WITH_NOTE(key, fields) HEAD "\"" key "\": {" fields "}" TAIL
#define T "\"text\": \"hi\""
#define S "\"status\": \"new\""
#define ST "\"starred\": false"
#define M "\"modified\": \"2026-11-24T01:02:03Z\""
#define CASE(name, literal) { name, literal, sizeof (literal) - 1, VIVA_NOTES_STORE_ERROR_INVALID }

/* Version 2: a note with its review schedule and history. */
#define HEAD2 "{\"format\": \"viva-notes\", \"version\": 2, \"banks\": {\"bank\": {"
#define R_DUE "\"due\": \"2026-11-27T01:02:03Z\""
#define R_LAST "\"last-review\": \"2026-11-24T01:02:03Z\""
#define R_INT "\"interval\": 3"
#define R_EASE "\"ease\": 2500"
#define R_REPS "\"repetitions\": 2"
#define R_LAPSES "\"lapses\": 1"
#define R_ALL R_DUE ", " R_LAST ", " R_INT ", " R_EASE ", " R_REPS ", " R_LAPSES
#define H_ENTRY "{\"time\": \"2026-11-24T01:02:03Z\", \"grade\": \"good\", \"source\": \"mock\"}"
#define WITH_MEMBERS(members) HEAD2 "\"1\": {" T ", " S ", " ST ", " M members "}" TAIL
#define WITH_REVIEW(review, history) WITH_MEMBERS (", \"review\": {" review "}, \"history\": [" history "]")
#define GOOD_FILE_V2 WITH_REVIEW (R_ALL, H_ENTRY)

/* Version 3: a note with its scratchpad (code, prediction, test cases). */
#define HEAD3 "{\"format\": \"viva-notes\", \"version\": 3, \"banks\": {\"bank\": {"
#define WITH_MEMBERS3(members) HEAD3 "\"1\": {" T ", " S ", " ST ", " M members "}" TAIL
#define WITH_SCRATCHPAD(inner) WITH_MEMBERS3 (", \"scratchpad\": {" inner "}")
#define P_CODE "\"code\": \"s = 'Programming'\\ns[1:4]\\n\""
#define P_PRED "\"prediction\": \"'rog'\""
#define P_CASE "{\"name\": \"empty\", \"call\": \"f('')\", \"expected\": \"True\"}"
#define P_ALL(cases) P_CODE ", " P_PRED ", \"cases\": [" cases "]"
#define P_WITH_CASE(members) WITH_SCRATCHPAD (P_CODE ", " P_PRED ", \"cases\": [{" members "}]")
#define GOOD_FILE_V3 \
  WITH_MEMBERS3 (", \"review\": {" R_ALL "}, \"history\": [" H_ENTRY "], \"scratchpad\": {" \
                 P_ALL (P_CASE ", {\"call\": \"f(None)\", \"raises\": \"TypeError\"}, " \
                        "{\"name\": \"\", \"call\": \"print(1)\", \"output\": \"1\\n\"}") "}")

/* Version 4: the memory in "review". */
#define HEAD4 "{\"format\": \"viva-notes\", \"version\": 4, \"banks\": {\"bank\": {"
#define WITH_MEMBERS4(members) HEAD4 "\"1\": {" T ", " S ", " ST ", " M members "}" TAIL
#define WITH_MEMORY(memory) WITH_MEMBERS4 (", \"review\": {" R_ALL memory "}, \"history\": [" H_ENTRY "]")
#define R_STAB "\"stability\": 3.1262"
#define R_DIFF "\"difficulty\": 5.3140427"
#define R_STEP "\"step\": 0"
#define R_REVIEWS "\"reviews\": 2"
#define R_COUNTS ", " R_STEP ", " R_REVIEWS
#define GOOD_FILE_V4 WITH_MEMORY (", " R_STAB ", " R_DIFF R_COUNTS)

static const CorruptCase corrupt_cases[] = {
  CASE ("invalid-json", "{\"format\": \"viva-notes\", \"version\": 1, \"banks\": {"),
  CASE ("truncated", "{\"format\": \"viva-notes\", \"vers"),
  CASE ("array", "[]"),
  CASE ("null", "null"),
  CASE ("string", "\"viva-notes\""),
  CASE ("empty", ""),
  CASE ("white-space", "  \n\t\n"),
  CASE ("format-missing", "{\"version\": 1, \"banks\": {}}"),
  CASE ("format-wrong", "{\"format\": \"notes\", \"version\": 1, \"banks\": {}}"),
  CASE ("format-number", "{\"format\": 1, \"version\": 1, \"banks\": {}}"),
  CASE ("version-missing", "{\"format\": \"viva-notes\", \"banks\": {}}"),
  CASE ("version-string", "{\"format\": \"viva-notes\", \"version\": \"1\", \"banks\": {}}"),
  CASE ("version-double", "{\"format\": \"viva-notes\", \"version\": 1.5, \"banks\": {}}"),
  CASE ("version-zero", "{\"format\": \"viva-notes\", \"version\": 0, \"banks\": {}}"),
  CASE ("version-negative", "{\"format\": \"viva-notes\", \"version\": -1, \"banks\": {}}"),
  CASE ("version-hex", "{\"format\": \"viva-notes\", \"version\": 0x1, \"banks\": {}}"),
  /* json-glib 1.6 alone reads this as 8, a newer version. */
  CASE ("version-leading-zero", "{\"format\": \"viva-notes\", \"version\": 010, \"banks\": {}}"),
  /* json-glib 1.6 alone reads this as 1. */
  CASE ("version-too-large-negative", "{\"format\": \"viva-notes\", \"version\": -99999999999999999999999, \"banks\": {}}"),
  CASE ("banks-missing", "{\"format\": \"viva-notes\", \"version\": 1}"),
  CASE ("banks-array", "{\"format\": \"viva-notes\", \"version\": 1, \"banks\": []}"),
  CASE ("banks-null", "{\"format\": \"viva-notes\", \"version\": 1, \"banks\": null}"),
  CASE ("bank-array", "{\"format\": \"viva-notes\", \"version\": 1, \"banks\": {\"b\": []}}"),
  CASE ("bank-empty-id", "{\"format\": \"viva-notes\", \"version\": 1, \"banks\": {\"\": {}}}"),
  CASE ("bank-id-257-bytes", "{\"format\": \"viva-notes\", \"version\": 1, \"banks\": {\""
        "0123456789012345678901234567890123456789012345678901234567890123"
        "0123456789012345678901234567890123456789012345678901234567890123"
        "0123456789012345678901234567890123456789012345678901234567890123"
        "0123456789012345678901234567890123456789012345678901234567890123"
        "x\": {}}}"),
  CASE ("note-string", HEAD "\"1\": \"text\"" TAIL),
  CASE ("note-array", HEAD "\"1\": []" TAIL),
  CASE ("text-missing", WITH_NOTE ("1", S ", " ST ", " M)),
  CASE ("text-number", WITH_NOTE ("1", "\"text\": 1, " S ", " ST ", " M)),
  CASE ("text-null", WITH_NOTE ("1", "\"text\": null, " S ", " ST ", " M)),
  CASE ("text-object", WITH_NOTE ("1", "\"text\": {}, " S ", " ST ", " M)),
  CASE ("status-missing", WITH_NOTE ("1", T ", " ST ", " M)),
  CASE ("status-number", WITH_NOTE ("1", T ", \"status\": 1, " ST ", " M)),
  CASE ("status-unknown", WITH_NOTE ("1", T ", \"status\": \"expert\", " ST ", " M)),
  CASE ("status-capitalised", WITH_NOTE ("1", T ", \"status\": \"Learning\", " ST ", " M)),
  CASE ("starred-missing", WITH_NOTE ("1", T ", " S ", " M)),
  CASE ("starred-string", WITH_NOTE ("1", T ", " S ", \"starred\": \"true\", " M)),
  CASE ("starred-number", WITH_NOTE ("1", T ", " S ", \"starred\": 1, " M)),
  CASE ("modified-missing", WITH_NOTE ("1", T ", " S ", " ST)),
  CASE ("modified-number", WITH_NOTE ("1", T ", " S ", " ST ", \"modified\": 1764000000")),
  CASE ("modified-words", WITH_NOTE ("1", T ", " S ", " ST ", \"modified\": \"yesterday\"")),
  CASE ("modified-date-only", WITH_NOTE ("1", T ", " S ", " ST ", \"modified\": \"2026-11-24\"")),
  CASE ("key-negative", WITH_NOTE ("-1", T ", " S ", " ST ", " M)),
  CASE ("key-leading-zero", WITH_NOTE ("01", T ", " S ", " ST ", " M)),
  CASE ("key-word", WITH_NOTE ("abc", T ", " S ", " ST ", " M)),
  CASE ("key-zero", WITH_NOTE ("0", T ", " S ", " ST ", " M)),
  CASE ("key-too-big", WITH_NOTE ("4294967296", T ", " S ", " ST ", " M)),
  CASE ("key-space", WITH_NOTE (" 1", T ", " S ", " ST ", " M)),
  CASE ("key-trailing-space", WITH_NOTE ("1 ", T ", " S ", " ST ", " M)),
  CASE ("key-plus", WITH_NOTE ("+1", T ", " S ", " ST ", " M)),
  CASE ("key-decimal", WITH_NOTE ("1.0", T ", " S ", " ST ", " M)),
  CASE ("key-empty", WITH_NOTE ("", T ", " S ", " ST ", " M)),
  CASE ("nul-escape", WITH_NOTE ("1", "\"text\": \"cut\\u0000here\", " S ", " ST ", " M)),
  CASE ("nul-escape-in-key", HEAD "\"1\\u0000\": {" T ", " S ", " ST ", " M "}" TAIL),
  CASE ("nul-byte-in-string", WITH_NOTE ("1", "\"text\": \"cut\0here\", " S ", " ST ", " M)),
  CASE ("nul-byte-outside", GOOD_FILE "\0"),
  CASE ("single-quotes", "{'format': 'viva-notes', 'version': 1, 'banks': {}}"),
  CASE ("single-quoted-text", WITH_NOTE ("1", "\"text\": 'hi', " S ", " ST ", " M)),
  CASE ("comment", "/* notes */ {\"format\": \"viva-notes\", \"version\": 1, \"banks\": {}}"),
  CASE ("line-comment", "{\"format\": \"viva-notes\", // notes\n \"version\": 1, \"banks\": {}}"),
  CASE ("trailing-object", "{\"format\": \"viva-notes\", \"version\": 1, \"banks\": {}} {\"x\": 1}"),
  CASE ("trailing-word", "{\"format\": \"viva-notes\", \"version\": 1, \"banks\": {}} true"),
  CASE ("duplicate-note", HEAD "\"1\": {" T ", " S ", " ST ", " M "}, \"1\": {" T ", " S ", " ST ", " M "}" TAIL),
  CASE ("duplicate-text", WITH_NOTE ("1", T ", " T ", " S ", " ST ", " M)),
  CASE ("duplicate-bank", "{\"format\": \"viva-notes\", \"version\": 1, \"banks\": {\"b\": {}, \"b\": {}}}"),
  CASE ("invalid-utf8", WITH_NOTE ("1", "\"text\": \"caf\xe9\", " S ", " ST ", " M)),
  CASE ("overlong-utf8", WITH_NOTE ("1", "\"text\": \"\xc0\xaf\", " S ", " ST ", " M)),
  CASE ("lone-surrogate", WITH_NOTE ("1", "\"text\": \"\\ud800x\", " S ", " ST ", " M)),
  CASE ("low-surrogate", WITH_NOTE ("1", "\"text\": \"\\udc00\", " S ", " ST ", " M)),
  CASE ("bad-escape", WITH_NOTE ("1", "\"text\": \"\\x41\", " S ", " ST ", " M)),
  CASE ("bad-unicode-escape", WITH_NOTE ("1", "\"text\": \"\\u12\", " S ", " ST ", " M)),
  CASE ("mismatched-brackets", "{\"format\": \"viva-notes\", \"version\": 1, \"banks\": {]}"),
  CASE ("closing-first", "}{"),
  CASE ("unterminated-string", "{\"format\": \"viva-notes"),
  CASE ("future-version-bad-format", "{\"format\": \"other\", \"version\": 3, \"banks\": {}}"),
  CASE ("review-without-history", WITH_MEMBERS (", \"review\": {" R_ALL "}")),
  CASE ("history-without-review", WITH_MEMBERS (", \"history\": [" H_ENTRY "]")),
  CASE ("review-array", WITH_MEMBERS (", \"review\": [], \"history\": [" H_ENTRY "]")),
  CASE ("review-null", WITH_MEMBERS (", \"review\": null, \"history\": [" H_ENTRY "]")),
  CASE ("review-empty", WITH_REVIEW ("", H_ENTRY)),
  CASE ("due-missing", WITH_REVIEW (R_LAST ", " R_INT ", " R_EASE ", " R_REPS ", " R_LAPSES, H_ENTRY)),
  CASE ("due-number", WITH_REVIEW ("\"due\": 1764000000, " R_LAST ", " R_INT ", " R_EASE ", " R_REPS ", " R_LAPSES, H_ENTRY)),
  CASE ("due-null", WITH_REVIEW ("\"due\": null, " R_LAST ", " R_INT ", " R_EASE ", " R_REPS ", " R_LAPSES, H_ENTRY)),
  CASE ("due-words", WITH_REVIEW ("\"due\": \"tomorrow\", " R_LAST ", " R_INT ", " R_EASE ", " R_REPS ", " R_LAPSES, H_ENTRY)),
  CASE ("due-before-1970", WITH_REVIEW ("\"due\": \"1969-12-31T00:00:00Z\", " R_LAST ", " R_INT ", " R_EASE ", " R_REPS ", " R_LAPSES, H_ENTRY)),
  CASE ("due-before-last-review", WITH_REVIEW ("\"due\": \"2026-11-24T01:02:02Z\", " R_LAST ", " R_INT ", " R_EASE ", " R_REPS ", " R_LAPSES, H_ENTRY)),
  CASE ("last-review-missing", WITH_REVIEW (R_DUE ", " R_INT ", " R_EASE ", " R_REPS ", " R_LAPSES, H_ENTRY)),
  CASE ("interval-missing", WITH_REVIEW (R_DUE ", " R_LAST ", " R_EASE ", " R_REPS ", " R_LAPSES, H_ENTRY)),
  CASE ("interval-negative", WITH_REVIEW (R_DUE ", " R_LAST ", \"interval\": -1, " R_EASE ", " R_REPS ", " R_LAPSES, H_ENTRY)),
  CASE ("interval-over-100-years", WITH_REVIEW (R_DUE ", " R_LAST ", \"interval\": 36501, " R_EASE ", " R_REPS ", " R_LAPSES, H_ENTRY)),
  CASE ("interval-fraction", WITH_REVIEW (R_DUE ", " R_LAST ", \"interval\": 3.5, " R_EASE ", " R_REPS ", " R_LAPSES, H_ENTRY)),
  CASE ("interval-string", WITH_REVIEW (R_DUE ", " R_LAST ", \"interval\": \"3\", " R_EASE ", " R_REPS ", " R_LAPSES, H_ENTRY)),
  CASE ("interval-huge", WITH_REVIEW (R_DUE ", " R_LAST ", \"interval\": 18446744073709551616, " R_EASE ", " R_REPS ", " R_LAPSES, H_ENTRY)),
  CASE ("ease-missing", WITH_REVIEW (R_DUE ", " R_LAST ", " R_INT ", " R_REPS ", " R_LAPSES, H_ENTRY)),
  CASE ("ease-below-floor", WITH_REVIEW (R_DUE ", " R_LAST ", " R_INT ", \"ease\": 1299, " R_REPS ", " R_LAPSES, H_ENTRY)),
  CASE ("ease-above-ceiling", WITH_REVIEW (R_DUE ", " R_LAST ", " R_INT ", \"ease\": 5001, " R_REPS ", " R_LAPSES, H_ENTRY)),
  CASE ("ease-as-factor", WITH_REVIEW (R_DUE ", " R_LAST ", " R_INT ", \"ease\": 2.5, " R_REPS ", " R_LAPSES, H_ENTRY)),
  CASE ("repetitions-missing", WITH_REVIEW (R_DUE ", " R_LAST ", " R_INT ", " R_EASE ", " R_LAPSES, H_ENTRY)),
  CASE ("repetitions-negative", WITH_REVIEW (R_DUE ", " R_LAST ", " R_INT ", " R_EASE ", \"repetitions\": -2, " R_LAPSES, H_ENTRY)),
  CASE ("repetitions-too-many", WITH_REVIEW (R_DUE ", " R_LAST ", " R_INT ", " R_EASE ", \"repetitions\": 1000001, " R_LAPSES, H_ENTRY)),
  CASE ("repetitions-bool", WITH_REVIEW (R_DUE ", " R_LAST ", " R_INT ", " R_EASE ", \"repetitions\": true, " R_LAPSES, H_ENTRY)),
  CASE ("lapses-missing", WITH_REVIEW (R_DUE ", " R_LAST ", " R_INT ", " R_EASE ", " R_REPS, H_ENTRY)),
  CASE ("lapses-negative", WITH_REVIEW (R_DUE ", " R_LAST ", " R_INT ", " R_EASE ", " R_REPS ", \"lapses\": -1", H_ENTRY)),
  CASE ("lapses-string", WITH_REVIEW (R_DUE ", " R_LAST ", " R_INT ", " R_EASE ", " R_REPS ", \"lapses\": \"1\"", H_ENTRY)),
  /* json-glib 1.6 alone reads this as a plausible 1. */
  CASE ("lapses-too-large-negative", WITH_REVIEW (R_DUE ", " R_LAST ", " R_INT ", " R_EASE ", " R_REPS ", \"lapses\": -99999999999999999999999", H_ENTRY)),
  CASE ("learning-with-interval", WITH_REVIEW (R_DUE ", " R_LAST ", " R_INT ", " R_EASE ", \"repetitions\": 0, " R_LAPSES, H_ENTRY)),
  CASE ("passed-without-interval", WITH_REVIEW (R_DUE ", " R_LAST ", \"interval\": 0, " R_EASE ", " R_REPS ", " R_LAPSES, H_ENTRY)),
  CASE ("duplicate-ease", WITH_REVIEW (R_ALL ", " R_EASE, H_ENTRY)),
  CASE ("history-object", WITH_MEMBERS (", \"review\": {" R_ALL "}, \"history\": {}")),
  CASE ("history-null", WITH_MEMBERS (", \"review\": {" R_ALL "}, \"history\": null")),
  CASE ("history-empty", WITH_REVIEW (R_ALL, "")),
  CASE ("history-string-entry", WITH_REVIEW (R_ALL, H_ENTRY ", \"good\"")),
  CASE ("history-array-entry", WITH_REVIEW (R_ALL, "[\"2026-11-24T01:02:03Z\", \"good\", \"mock\"]")),
  CASE ("history-time-missing", WITH_REVIEW (R_ALL, "{\"grade\": \"good\", \"source\": \"review\"}")),
  CASE ("history-time-words", WITH_REVIEW (R_ALL, "{\"time\": \"now\", \"grade\": \"good\", \"source\": \"review\"}")),
  CASE ("history-grade-missing", WITH_REVIEW (R_ALL, "{\"time\": \"2026-11-24T01:02:03Z\", \"source\": \"review\"}")),
  CASE ("history-grade-none", WITH_REVIEW (R_ALL, "{\"time\": \"2026-11-24T01:02:03Z\", \"grade\": \"none\", \"source\": \"review\"}")),
  CASE ("history-grade-capitalised", WITH_REVIEW (R_ALL, "{\"time\": \"2026-11-24T01:02:03Z\", \"grade\": \"Good\", \"source\": \"review\"}")),
  CASE ("history-grade-number", WITH_REVIEW (R_ALL, "{\"time\": \"2026-11-24T01:02:03Z\", \"grade\": 3, \"source\": \"review\"}")),
  CASE ("history-source-missing", WITH_REVIEW (R_ALL, "{\"time\": \"2026-11-24T01:02:03Z\", \"grade\": \"good\"}")),
  CASE ("history-source-unknown", WITH_REVIEW (R_ALL, "{\"time\": \"2026-11-24T01:02:03Z\", \"grade\": \"good\", \"source\": \"interview\"}")),
  CASE ("history-second-entry-bad", WITH_REVIEW (R_ALL, H_ENTRY ", {\"time\": \"2026-11-24T01:02:03Z\", \"grade\": \"good\", \"source\": null}")),
  CASE ("scratchpad-array", WITH_MEMBERS3 (", \"scratchpad\": []")),
  CASE ("scratchpad-null", WITH_MEMBERS3 (", \"scratchpad\": null")),
  CASE ("scratchpad-string", WITH_MEMBERS3 (", \"scratchpad\": \"s[1:4]\"")),
  CASE ("scratchpad-empty-object", WITH_SCRATCHPAD ("")),
  CASE ("scratchpad-all-empty", WITH_SCRATCHPAD ("\"code\": \"\", \"prediction\": \"\", \"cases\": []")),
  CASE ("code-missing", WITH_SCRATCHPAD (P_PRED ", \"cases\": []")),
  CASE ("code-number", WITH_SCRATCHPAD ("\"code\": 42, " P_PRED ", \"cases\": []")),
  CASE ("code-null", WITH_SCRATCHPAD ("\"code\": null, " P_PRED ", \"cases\": []")),
  CASE ("code-array", WITH_SCRATCHPAD ("\"code\": [\"s\"], " P_PRED ", \"cases\": []")),
  CASE ("code-invalid-utf8", WITH_SCRATCHPAD ("\"code\": \"caf\xe9\", " P_PRED ", \"cases\": []")),
  CASE ("code-nul-escape", WITH_SCRATCHPAD ("\"code\": \"x = 1\\u0000import os\", " P_PRED ", \"cases\": []")),
  CASE ("code-lone-surrogate", WITH_SCRATCHPAD ("\"code\": \"\\ud800\", " P_PRED ", \"cases\": []")),
  CASE ("prediction-missing", WITH_SCRATCHPAD (P_CODE ", \"cases\": []")),
  CASE ("prediction-number", WITH_SCRATCHPAD (P_CODE ", \"prediction\": 1, \"cases\": []")),
  CASE ("prediction-null", WITH_SCRATCHPAD (P_CODE ", \"prediction\": null, \"cases\": []")),
  CASE ("cases-missing", WITH_SCRATCHPAD (P_CODE ", " P_PRED)),
  CASE ("cases-object", WITH_SCRATCHPAD (P_CODE ", " P_PRED ", \"cases\": {}")),
  CASE ("cases-null", WITH_SCRATCHPAD (P_CODE ", " P_PRED ", \"cases\": null")),
  CASE ("case-string", WITH_SCRATCHPAD (P_ALL ("\"f('')\""))),
  CASE ("case-null", WITH_SCRATCHPAD (P_ALL (P_CASE ", null"))),
  CASE ("case-call-missing", P_WITH_CASE ("\"name\": \"x\", \"expected\": \"1\"")),
  CASE ("case-call-empty", P_WITH_CASE ("\"call\": \"\", \"expected\": \"1\"")),
  CASE ("case-call-number", P_WITH_CASE ("\"call\": 1, \"expected\": \"1\"")),
  CASE ("case-call-invalid-utf8", P_WITH_CASE ("\"call\": \"f('\xff')\", \"expected\": \"1\"")),
  CASE ("case-no-check", P_WITH_CASE ("\"call\": \"f()\"")),
  CASE ("case-two-checks", P_WITH_CASE ("\"call\": \"f()\", \"expected\": \"1\", \"output\": \"1\\n\"")),
  CASE ("case-expected-empty", P_WITH_CASE ("\"call\": \"f()\", \"expected\": \"\"")),
  CASE ("case-expected-number", P_WITH_CASE ("\"call\": \"f()\", \"expected\": 1")),
  CASE ("case-raises-empty", P_WITH_CASE ("\"call\": \"f()\", \"raises\": \"\"")),
  CASE ("case-raises-null", P_WITH_CASE ("\"call\": \"f()\", \"raises\": null")),
  CASE ("case-output-array", P_WITH_CASE ("\"call\": \"f()\", \"output\": [\"1\"]")),
  CASE ("case-name-number", P_WITH_CASE ("\"name\": 7, \"call\": \"f()\", \"expected\": \"1\"")),
  CASE ("case-name-257-bytes", P_WITH_CASE ("\"name\": \""
        "0123456789012345678901234567890123456789012345678901234567890123"
        "0123456789012345678901234567890123456789012345678901234567890123"
        "0123456789012345678901234567890123456789012345678901234567890123"
        "0123456789012345678901234567890123456789012345678901234567890123"
        "x\", \"call\": \"f()\", \"expected\": \"1\"")),
  CASE ("stability-missing", WITH_MEMORY (", " R_DIFF R_COUNTS)),
  CASE ("stability-string", WITH_MEMORY (", \"stability\": \"3.1\", " R_DIFF R_COUNTS)),
  CASE ("stability-null", WITH_MEMORY (", \"stability\": null, " R_DIFF R_COUNTS)),
  CASE ("stability-bool", WITH_MEMORY (", \"stability\": true, " R_DIFF R_COUNTS)),
  CASE ("stability-array", WITH_MEMORY (", \"stability\": [3.1], " R_DIFF R_COUNTS)),
  CASE ("stability-zero", WITH_MEMORY (", \"stability\": 0, " R_DIFF R_COUNTS)),
  CASE ("stability-negative", WITH_MEMORY (", \"stability\": -3.1, " R_DIFF R_COUNTS)),
  CASE ("stability-over-100-years", WITH_MEMORY (", \"stability\": 36500.5, " R_DIFF R_COUNTS)),
  /* json-glib 1.6 reads these as infinities. */
  CASE ("stability-infinite", WITH_MEMORY (", \"stability\": 1e999, " R_DIFF R_COUNTS)),
  CASE ("stability-minus-infinite", WITH_MEMORY (", \"stability\": -1e999, " R_DIFF R_COUNTS)),
  CASE ("stability-huge-integer", WITH_MEMORY (", \"stability\": 99999999999999999999999, " R_DIFF R_COUNTS)),
  CASE ("difficulty-missing", WITH_MEMORY (", " R_STAB R_COUNTS)),
  CASE ("difficulty-string", WITH_MEMORY (", " R_STAB ", \"difficulty\": \"hard\"" R_COUNTS)),
  CASE ("difficulty-null", WITH_MEMORY (", " R_STAB ", \"difficulty\": null" R_COUNTS)),
  CASE ("difficulty-below-1", WITH_MEMORY (", " R_STAB ", \"difficulty\": 0.99" R_COUNTS)),
  CASE ("difficulty-above-10", WITH_MEMORY (", " R_STAB ", \"difficulty\": 10.01" R_COUNTS)),
  CASE ("difficulty-infinite", WITH_MEMORY (", " R_STAB ", \"difficulty\": 1e999" R_COUNTS)),
  CASE ("memory-missing", WITH_MEMORY (R_COUNTS)),
  CASE ("duplicate-stability", WITH_MEMORY (", " R_STAB ", " R_DIFF ", " R_STAB R_COUNTS)),
  CASE ("step-missing", WITH_MEMORY (", " R_STAB ", " R_DIFF ", " R_REVIEWS)),
  CASE ("step-2", WITH_MEMORY (", " R_STAB ", " R_DIFF ", \"step\": 2, " R_REVIEWS)),
  CASE ("step-negative", WITH_MEMORY (", " R_STAB ", " R_DIFF ", \"step\": -1, " R_REVIEWS)),
  CASE ("step-fraction", WITH_MEMORY (", " R_STAB ", " R_DIFF ", \"step\": 0.5, " R_REVIEWS)),
  /* Only a question being learnt (interval 0) has a step. */
  CASE ("step-when-passed", WITH_MEMORY (", " R_STAB ", " R_DIFF ", \"step\": 1, " R_REVIEWS)),
  CASE ("reviews-missing", WITH_MEMORY (", " R_STAB ", " R_DIFF ", " R_STEP)),
  CASE ("reviews-negative", WITH_MEMORY (", " R_STAB ", " R_DIFF ", " R_STEP ", \"reviews\": -1")),
  CASE ("reviews-too-many", WITH_MEMORY (", " R_STAB ", " R_DIFF ", " R_STEP ", \"reviews\": 1000001")),
  CASE ("reviews-string", WITH_MEMORY (", " R_STAB ", " R_DIFF ", " R_STEP ", \"reviews\": \"2\"")),
  { "too-deep-65", NULL, 0, VIVA_NOTES_STORE_ERROR_TOO_DEEP },
  { "code-over-1-mib", NULL, 0, VIVA_NOTES_STORE_ERROR_INVALID },
  { "prediction-over-64-kib", NULL, 0, VIVA_NOTES_STORE_ERROR_INVALID },
  { "case-call-over-64-kib", NULL, 0, VIVA_NOTES_STORE_ERROR_INVALID },
  { "cases-101", NULL, 0, VIVA_NOTES_STORE_ERROR_INVALID },
  { "text-over-1-mib", NULL, 0, VIVA_NOTES_STORE_ERROR_INVALID },
  { "history-101-reviews", NULL, 0, VIVA_NOTES_STORE_ERROR_INVALID },
};

static GBytes *
make_corrupt_bytes (const CorruptCase *test)
{
  GString *s;

  if (test->data != NULL)
    return g_bytes_new_static (test->data, test->len);

  s = g_string_new (NULL);

  if (strcmp (test->name, "too-deep-65") == 0)
    {
      /* The root object is level 1; 64 more lists make 65. */
      g_string_append (s, "{\"format\": \"viva-notes\", \"version\": 1, \"banks\": {}, \"x\": ");
      for (guint i = 0; i < 64; i++)
        g_string_append_c (s, '[');
      for (guint i = 0; i < 64; i++)
        g_string_append_c (s, ']');
      g_string_append_c (s, '}');
    }
  else if (strcmp (test->name, "text-over-1-mib") == 0)
    {
      g_string_append (s, HEAD "\"1\": {\"text\": \"");
      for (guint i = 0; i < 1024 * 1024 + 1; i++)
        g_string_append_c (s, 'a');
      g_string_append (s, "\", " S ", " ST ", " M "}" TAIL);
    }
  else if (strcmp (test->name, "code-over-1-mib") == 0 ||
           strcmp (test->name, "prediction-over-64-kib") == 0 ||
           strcmp (test->name, "case-call-over-64-kib") == 0)
    {
      gboolean code = test->name[0] == 'c' && test->name[1] == 'o';
      gboolean call = g_str_has_prefix (test->name, "case-");
      gsize n = code ? VIVA_NOTE_TEXT_MAX_SIZE + 1 : call ? VIVA_CODE_CASE_CALL_MAX_SIZE + 1
                                                        : VIVA_NOTE_PREDICTION_MAX_SIZE + 1;

      g_string_append (s, HEAD3 "\"1\": {" T ", " S ", " ST ", " M ", \"scratchpad\": {");
      g_string_append (s, code ? "\"code\": \"" : call ? P_CODE ", " P_PRED ", \"cases\": [{\"expected\": \"1\", \"call\": \"" : P_CODE ", \"prediction\": \"");
      for (gsize i = 0; i < n; i++)
        g_string_append_c (s, '1');
      g_string_append (s, code ? "\", " P_PRED ", \"cases\": []}}" TAIL
                              : call ? "\"}]}}" TAIL : "\", \"cases\": []}}" TAIL);
    }
  else if (strcmp (test->name, "cases-101") == 0)
    {
      g_string_append (s, HEAD3 "\"1\": {" T ", " S ", " ST ", " M ", \"scratchpad\": {" P_CODE ", " P_PRED ", \"cases\": [");
      for (guint i = 0; i < VIVA_CODE_CASES_MAX + 1; i++)
        g_string_append (s, i > 0 ? ", " P_CASE : P_CASE);
      g_string_append (s, "]}}" TAIL);
    }
  else if (strcmp (test->name, "history-101-reviews") == 0)
    {
      g_string_append (s, HEAD2 "\"1\": {" T ", " S ", " ST ", " M ", \"review\": {" R_ALL "}, \"history\": [");
      for (guint i = 0; i < VIVA_REVIEW_HISTORY_MAX + 1; i++)
        g_string_append (s, i > 0 ? ", " H_ENTRY : H_ENTRY);
      g_string_append (s, "]}" TAIL);
    }
  else
    g_assert_not_reached ();

  return g_string_free_to_bytes (s);
}

/* What every damaged file must lead to: load says so, the bytes are kept
 * where the store says, and the store works on as if there were no file. */
static void
check_damaged_file_is_kept (GBytes              *bad,
                            VivaNotesStoreError  code)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = viva_notes_store_new (path);
  g_autoptr(VivaNotesStore) reread = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = sibling_path (path, ".corrupt-");
  const char *moved;

  write_file (path, g_bytes_get_data (bad, NULL), g_bytes_get_size (bad));
  /* As an editor or a sync tool may leave it. */
  g_assert_cmpint (chmod (path, 0644), ==, 0);

  g_assert_false (store_load (store, &error));
  g_assert_error (error, VIVA_NOTES_STORE_ERROR, (int) code);
  g_test_message ("load error: %s", error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));

  g_assert_cmpint (viva_notes_store_get_state (store), ==, VIVA_NOTES_STORE_STATE_RECOVERED);
  g_assert_false (viva_notes_store_get_read_only (store));
  g_assert_false (viva_notes_store_get_restored_from_backup (store));
  g_assert_cmpuint (viva_notes_store_get_n_notes (store), ==, 0);

  moved = viva_notes_store_get_moved_aside_path (store);
  g_assert_nonnull (moved);
  g_assert_true (g_str_has_prefix (moved, prefix));
  assert_file_equals (moved, bad);
  g_assert_false (file_exists (path));
  /* It holds notes: only its owner may read it. */
  assert_file_mode (moved, 0600);

  /* What the user types next is saved as usual… */
  set_text (store, BANK, 5, "typed after the damage");
  g_assert_true (viva_notes_store_get_dirty (store));
  flush_store (store);

  {
    g_autoptr(GBytes) now = read_file (path);

    g_assert_false (g_bytes_equal (now, bad));
  }

  /* …and the damaged file is still there, untouched. */
  assert_file_equals (moved, bad);

  reread = load_store (path);
  g_assert_cmpstr (lookup_text (reread, BANK, 5), ==, "typed after the damage");
}

static void
test_corrupt (gconstpointer data)
{
  const CorruptCase *test = data;
  g_autoptr(GBytes) bad = make_corrupt_bytes (test);

  check_damaged_file_is_kept (bad, test->code);
}

static void
test_corrupt_deep (void)
{
  g_autofree char *deep = g_strnfill (200000, '[');
  g_autoptr(GBytes) bad = g_bytes_new_take (g_steal_pointer (&deep), 200000);

  check_damaged_file_is_kept (bad, VIVA_NOTES_STORE_ERROR_TOO_DEEP);
}

static void
test_depth_limit (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;
  GString *s = g_string_new (NULL);
  g_autofree char *contents = NULL;

  /* Exactly VIVA_NOTES_MAX_DEPTH levels load: the root plus 63 lists in
   * a member we ignore. */
  g_string_append (s, GOOD_FILE);
  g_string_truncate (s, s->len - 1);
  g_string_append (s, ", \"later\": ");
  for (guint i = 0; i < VIVA_NOTES_MAX_DEPTH - 1; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < VIVA_NOTES_MAX_DEPTH - 1; i++)
    g_string_append_c (s, ']');
  g_string_append_c (s, '}');
  contents = g_string_free (s, FALSE);

  write_file (path, contents, -1);
  store = load_store (path);
  g_assert_cmpstr (lookup_text (store, BANK, 1), ==, "hi");
}

static void
test_byte_order_mark (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;

  write_file (path, "\xef\xbb\xbf" GOOD_FILE, -1);
  store = load_store (path);
  g_assert_cmpstr (lookup_text (store, BANK, 1), ==, "hi");
  g_assert_cmpint (viva_note_get_status (viva_notes_store_lookup_note (store, BANK, 1)), ==, VIVA_STATUS_LEARNING);
  g_assert_true (viva_note_get_starred (viva_notes_store_lookup_note (store, BANK, 1)));
}

static void
test_too_large (void)
{
  g_autofree char *path = notes_path ();
  g_autofree char *control_path = sibling_path (path, ".control");
  g_autoptr(VivaNotesStore) store = viva_notes_store_new (path);
  g_autoptr(GError) error = NULL;
  struct timespec times[2];
  struct stat before, after;
  gboolean atime_works;
  const char *moved;
  int fd;

  /* Read access shows in the access time only when the file system keeps
   * it; find out with a small file first. */
  write_file (control_path, "x", 1);
  clock_gettime (CLOCK_REALTIME, &times[1]);
  times[0] = times[1];
  times[0].tv_sec -= 3600;
  g_assert_cmpint (utimensat (AT_FDCWD, control_path, times, 0), ==, 0);
  g_assert_cmpint (stat (control_path, &before), ==, 0);
  {
    g_autoptr(GBytes) control = read_file (control_path);
  }
  g_assert_cmpint (stat (control_path, &after), ==, 0);
  atime_works = after.st_atim.tv_sec != before.st_atim.tv_sec;

  /* A sparse file one byte over the limit: no disk space, 64 MiB long. */
  write_file (path, "", 0);
  fd = open (path, O_WRONLY | O_CLOEXEC);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) VIVA_NOTES_MAX_SIZE + 1), ==, 0);
  close (fd);
  g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
  g_assert_cmpint (stat (path, &before), ==, 0);

  g_assert_false (store_load (store, &error));
  g_assert_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_TOO_LARGE);
  g_test_message ("load error: %s", error->message);
  g_assert_cmpint (viva_notes_store_get_state (store), ==, VIVA_NOTES_STORE_STATE_RECOVERED);

  moved = viva_notes_store_get_moved_aside_path (store);
  g_assert_nonnull (moved);
  g_assert_false (file_exists (path));
  g_assert_cmpint (stat (moved, &after), ==, 0);
  g_assert_cmpint (after.st_ino, ==, before.st_ino);
  g_assert_cmpint (after.st_size, ==, (off_t) VIVA_NOTES_MAX_SIZE + 1);

  if (atime_works)
    g_assert_cmpint (after.st_atim.tv_sec, ==, before.st_atim.tv_sec);
  else
    g_test_message ("access times are not kept here; not checking that the file was not read");

  set_text (store, BANK, 1, "after");
  flush_store (store);
}

static void
test_corrupt_twice (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) first = viva_notes_store_new (path);
  g_autoptr(VivaNotesStore) second = viva_notes_store_new (path);
  g_autoptr(GBytes) bad1 = g_bytes_new_static ("{ damaged 1", 11);
  g_autoptr(GBytes) bad2 = g_bytes_new_static ("{ damaged 2", 11);
  g_autoptr(GError) error = NULL;

  write_file (path, "{ damaged 1", 11);
  g_assert_false (store_load (first, &error));
  g_clear_error (&error);

  /* Within the same second the name is taken; it must not be replaced. */
  write_file (path, "{ damaged 2", 11);
  g_assert_false (store_load (second, &error));

  g_assert_cmpstr (viva_notes_store_get_moved_aside_path (first), !=,
                   viva_notes_store_get_moved_aside_path (second));
  assert_file_equals (viva_notes_store_get_moved_aside_path (first), bad1);
  assert_file_equals (viva_notes_store_get_moved_aside_path (second), bad2);
}

static void
test_backup_restored (void)
{
  g_autofree char *path = notes_path ();
  g_autofree char *bak_path = sibling_path (path, ".bak");
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;
  g_autoptr(GBytes) good = NULL;
  g_autoptr(GBytes) bad = g_bytes_new_static ("{\"format\": \"viva-notes\", \"vers", 30);
  g_autoptr(GError) error = NULL;

  store = load_store (path);
  set_text (store, BANK, 1, "in the backup");
  flush_store (store);
  set_text (store, BANK, 2, "lost with the damaged file");
  flush_store (store);
  g_clear_object (&store);
  good = read_file (bak_path);

  /* A sync tool mangles notes.json. */
  write_file (path, g_bytes_get_data (bad, NULL), g_bytes_get_size (bad));

  store = viva_notes_store_new (path);
  g_assert_false (store_load (store, &error));
  g_assert_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID);
  g_assert_cmpint (viva_notes_store_get_state (store), ==, VIVA_NOTES_STORE_STATE_RECOVERED);
  g_assert_true (viva_notes_store_get_restored_from_backup (store));
  assert_file_equals (viva_notes_store_get_moved_aside_path (store), bad);
  g_assert_cmpstr (lookup_text (store, BANK, 1), ==, "in the backup");
  g_assert_null (viva_notes_store_lookup_note (store, BANK, 2));

  /* notes.json comes back from the backup at the next save. */
  g_assert_true (viva_notes_store_get_dirty (store));
  assert_file_equals (bak_path, good);
  flush_store (store);
  g_assert_true (file_exists (path));

  reread = load_store (path);
  g_assert_cmpint (viva_notes_store_get_state (reread), ==, VIVA_NOTES_STORE_STATE_OK);
  g_assert_cmpstr (lookup_text (reread, BANK, 1), ==, "in the backup");
}

static void
test_backup_when_missing (void)
{
  g_autofree char *path = notes_path ();
  g_autofree char *bak_path = sibling_path (path, ".bak");
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;
  g_autoptr(GError) error = NULL;

  /* A crash between steps, or the user deleted notes.json. */
  write_file (bak_path, GOOD_FILE, -1);

  store = viva_notes_store_new (path);
  g_assert_true (store_load (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (viva_notes_store_get_state (store), ==, VIVA_NOTES_STORE_STATE_RECOVERED);
  g_assert_true (viva_notes_store_get_restored_from_backup (store));
  g_assert_null (viva_notes_store_get_moved_aside_path (store));
  g_assert_cmpstr (lookup_text (store, BANK, 1), ==, "hi");
  g_assert_true (viva_notes_store_get_dirty (store));

  flush_store (store);
  reread = load_store (path);
  g_assert_cmpint (viva_notes_store_get_state (reread), ==, VIVA_NOTES_STORE_STATE_OK);
  g_assert_cmpstr (lookup_text (reread, BANK, 1), ==, "hi");
}

static void
test_backup_damaged_too (void)
{
  g_autofree char *path = notes_path ();
  g_autofree char *bak_path = sibling_path (path, ".bak");
  g_autofree char *bak_prefix = sibling_path (bak_path, ".corrupt-");
  g_autoptr(VivaNotesStore) store = viva_notes_store_new (path);
  g_autoptr(GBytes) bad = g_bytes_new_static ("[1, 2", 5);
  g_autoptr(GBytes) bad_bak = g_bytes_new_static ("{'x': 1}", 8);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GDir) listing = NULL;
  const char *name;
  gboolean found_bak = FALSE;

  write_file (path, "[1, 2", 5);
  write_file (bak_path, "{'x': 1}", 8);
  g_assert_cmpint (chmod (path, 0644), ==, 0);
  g_assert_cmpint (chmod (bak_path, 0644), ==, 0);

  g_assert_false (store_load (store, &error));
  g_assert_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID);
  g_assert_cmpint (viva_notes_store_get_state (store), ==, VIVA_NOTES_STORE_STATE_RECOVERED);
  g_assert_false (viva_notes_store_get_restored_from_backup (store));
  assert_file_equals (viva_notes_store_get_moved_aside_path (store), bad);
  assert_file_mode (viva_notes_store_get_moved_aside_path (store), 0600);

  /* Two saves would replace the backup; it was moved aside as well. */
  g_assert_false (file_exists (bak_path));
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *full = g_build_filename (dir, name, NULL);

      if (g_str_has_prefix (full, bak_prefix))
        {
          assert_file_equals (full, bad_bak);
          assert_file_mode (full, 0600);
          found_bak = TRUE;
        }
    }
  g_assert_true (found_bak);

  set_text (store, BANK, 1, "new");
  flush_store (store);
}

static void
test_missing_with_damaged_backup (void)
{
  g_autofree char *path = notes_path ();
  g_autofree char *bak_path = sibling_path (path, ".bak");
  g_autoptr(VivaNotesStore) store = viva_notes_store_new (path);
  g_autoptr(GBytes) bad_bak = g_bytes_new_static ("nonsense", 8);
  g_autoptr(GError) error = NULL;

  write_file (bak_path, "nonsense", 8);

  g_assert_false (store_load (store, &error));
  g_assert_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID);
  g_assert_cmpint (viva_notes_store_get_state (store), ==, VIVA_NOTES_STORE_STATE_RECOVERED);
  g_assert_false (file_exists (bak_path));
  assert_file_equals (viva_notes_store_get_moved_aside_path (store), bad_bak);

  set_text (store, BANK, 1, "new");
  flush_store (store);
}

/* Newer versions */

/* Version 5 may schedule Review differently; its notes still show. */
#define FUTURE_FILE \
  "{\"format\": \"viva-notes\", \"version\": 5, \"colour\": \"teal\", \"banks\": {\"" BANK "\": {" \
  "\"1\": {" NOTE_FIELDS ", \"tags\": [\"x\"], \"review\": {\"stability\": 3.5}}, " \
  "\"2\": {\"text\": \"second\", \"status\": \"confident\", \"starred\": false, \"modified\": \"2026-01-01T00:00:00Z\"}}}}"

static void
test_future_version (void)
{
  g_autofree char *path = notes_path ();
  g_autofree char *lock_path = sibling_path (path, ".lock");
  g_autofree char *bak_path = sibling_path (path, ".bak");
  g_autofree char *dir = NULL;
  g_autoptr(VivaNotesStore) store = viva_notes_store_new (path);
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GError) error = NULL;
  struct stat before, after;

  write_file (path, FUTURE_FILE, -1);
  original = read_file (path);
  g_assert_cmpint (stat (path, &before), ==, 0);

  g_assert_false (store_load (store, &error));
  g_assert_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_FUTURE_VERSION);
  g_test_message ("load error: %s", error->message);
  g_clear_error (&error);

  g_assert_cmpint (viva_notes_store_get_state (store), ==, VIVA_NOTES_STORE_STATE_READ_ONLY);
  g_assert_true (viva_notes_store_get_read_only (store));
  g_assert_null (viva_notes_store_get_moved_aside_path (store));

  /* The notes are there to read. */
  g_assert_cmpuint (viva_notes_store_get_n_notes (store), ==, 2);
  g_assert_cmpstr (lookup_text (store, BANK, 1), ==, "hi");
  g_assert_cmpstr (lookup_text (store, BANK, 2), ==, "second");
  g_assert_false (viva_notes_store_get_dirty (store));

  /* Nothing is dirty: flush has nothing to refuse. */
  g_assert_true (viva_notes_store_flush (store, &error));
  g_assert_no_error (error);

  /* An edit (the UI should not allow one) is never written. */
  set_text (store, BANK, 1, "edited anyway");
  g_assert_true (viva_notes_store_get_dirty (store));
  g_assert_false (viva_notes_store_get_saving (store));

  g_assert_false (save_and_wait (store, &error));
  g_assert_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_assert_false (viva_notes_store_flush (store, &error));
  g_assert_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_READ_ONLY);
  g_test_message ("flush error: %s", error->message);
  g_clear_error (&error);

  /* Give autosave every chance to misbehave. */
  viva_notes_store_set_autosave_delay (store, 0);
  set_text (store, BANK, 1, "edited again");
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_usleep (50000);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  assert_file_equals (path, original);
  g_assert_cmpint (stat (path, &after), ==, 0);
  g_assert_cmpint (after.st_ino, ==, before.st_ino);
  g_assert_cmpint (after.st_mtim.tv_sec, ==, before.st_mtim.tv_sec);
  g_assert_cmpint (after.st_mtim.tv_nsec, ==, before.st_mtim.tv_nsec);
  g_assert_cmpint (after.st_ctim.tv_nsec, ==, before.st_ctim.tv_nsec);
  g_assert_false (file_exists (lock_path));
  g_assert_false (file_exists (bak_path));
  dir = g_path_get_dirname (path);
  g_assert_cmpuint (count_dir_entries (dir), ==, 1);
}

/* A version too large to be a number is a newer version too (json-glib
 * 1.6 alone reads 99999999999999999999999 as -1, which moved the file
 * aside as damaged): read-only, the notes shown, nothing moved. */
static void
test_future_version_too_large (void)
{
  static const char * const versions[] = {
    "9223372036854775808",
    "18446744073709551616",
    "99999999999999999999999",
  };

  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autofree char *path = notes_path ();
      g_autofree char *dir = g_path_get_dirname (path);
      g_autoptr(VivaNotesStore) store = viva_notes_store_new (path);
      g_autoptr(GString) text = g_string_new (FUTURE_FILE);
      g_autoptr(GBytes) original = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *version = g_strdup_printf ("\"version\": %s", versions[i]);
      g_autofree char *says = g_strdup_printf ("file version %s;", versions[i]);

      g_assert_cmpuint (g_string_replace (text, "\"version\": 5", version, 1), ==, 1);
      write_file (path, text->str, text->len);
      original = read_file (path);

      g_assert_false (store_load (store, &error));
      g_assert_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_FUTURE_VERSION);
      g_test_message ("load error: %s", error->message);
      g_assert_nonnull (strstr (error->message, says));

      g_assert_cmpint (viva_notes_store_get_state (store), ==, VIVA_NOTES_STORE_STATE_READ_ONLY);
      g_assert_null (viva_notes_store_get_moved_aside_path (store));
      g_assert_cmpuint (viva_notes_store_get_n_notes (store), ==, 2);
      g_assert_cmpstr (lookup_text (store, BANK, 2), ==, "second");
      assert_file_equals (path, original);
      g_assert_cmpuint (count_dir_entries (dir), ==, 1);

      g_clear_object (&store);
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
}

static void
test_future_version_unreadable_notes (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = viva_notes_store_new (path);
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GError) error = NULL;
  static const char future[] = "{\"format\": \"viva-notes\", \"version\": 7, \"banks\": [\"a new layout\"]}";

  write_file (path, future, -1);
  original = read_file (path);

  g_assert_false (store_load (store, &error));
  g_assert_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_FUTURE_VERSION);
  g_assert_true (viva_notes_store_get_read_only (store));
  g_assert_cmpuint (viva_notes_store_get_n_notes (store), ==, 0);
  g_assert_null (viva_notes_store_get_moved_aside_path (store));
  assert_file_equals (path, original);
}

/* A newer file whose later notes only an older version's reading
 * accepts (here a scratchpad in a new layout, which version 2 ignored):
 * every note is there, the ones read before the first try gave up
 * included. Reading frees the JSON tree as it goes only when it reads
 * the file once. */
static void
test_future_version_read_again (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = viva_notes_store_new (path);
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GError) error = NULL;
  static const char future[] =
    "{\"format\": \"viva-notes\", \"version\": 5, \"banks\": {\"" BANK "\": {"
    "\"1\": {" NOTE_FIELDS "}, "
    "\"2\": {\"text\": \"second\", \"status\": \"confident\", \"starred\": false, "
    "\"modified\": \"2026-01-01T00:00:00Z\", \"scratchpad\": [\"a new layout\"]}}}}";

  write_file (path, future, -1);
  original = read_file (path);

  g_assert_false (viva_notes_store_load (store, &error));
  g_assert_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_FUTURE_VERSION);
  g_assert_true (viva_notes_store_get_read_only (store));
  g_assert_cmpuint (viva_notes_store_get_n_notes (store), ==, 2);
  g_assert_cmpstr (lookup_text (store, BANK, 1), ==, "hi");
  g_assert_cmpstr (lookup_text (store, BANK, 2), ==, "second");
  assert_file_equals (path, original);
}

/* Failing writes */

static void
test_failed_write_keeps_file (void)
{
  g_autofree char *path = notes_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;
  g_autofree char *big = NULL;
  struct rlimit saved, limited;
  void (*saved_handler) (int);

  store = load_store (path);
  set_text (store, BANK, 1, "safe on disk");
  flush_store (store);
  set_text (store, BANK, 1, "safe on disk, changed");
  flush_store (store);
  before = read_file (path);

  /* A disk that fills up: writes past 64 KiB fail with EFBIG. */
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limited = saved;
  limited.rlim_cur = 64 * 1024;
  saved_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limited), ==, 0);

  big = g_strnfill (256 * 1024, 'n');
  set_text (store, BANK, 2, big);
  /* A question's scratchpad code follows the same rules. */
  viva_note_set_code (viva_notes_store_get_note (store, BANK, 3), big);

  g_assert_false (save_and_wait (store, &error));
  g_assert_nonnull (error);
  g_test_message ("save error: %s", error->message);
  g_assert_nonnull (strstr (error->message, path));

  g_assert_nonnull (viva_notes_store_get_save_error (store));
  g_assert_nonnull (strstr (viva_notes_store_get_save_error (store), path));
  g_assert_true (viva_notes_store_get_dirty (store));
  g_assert_cmpstr (lookup_text (store, BANK, 2), ==, big);
  g_assert_cmpstr (viva_note_get_code (viva_notes_store_lookup_note (store, BANK, 3)), ==, big);
  assert_file_equals (path, before);

  /* flush fails the same way, and leaves no temporary file behind. */
  g_clear_error (&error);
  g_assert_false (viva_notes_store_flush (store, &error));
  g_assert_nonnull (error);
  assert_file_equals (path, before);
  g_assert_cmpuint (count_dir_entries (dir), ==, 3);

  /* Space comes back: the automatic retry saves without being asked. */
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, saved_handler);

  wait_until (store_saved_cleanly, store, "the retry to save the notes");
  g_assert_null (viva_notes_store_get_save_error (store));

  reread = load_store (path);
  g_assert_cmpstr (lookup_text (reread, BANK, 2), ==, big);
  g_assert_cmpstr (viva_note_get_code (viva_notes_store_lookup_note (reread, BANK, 3)), ==, big);
  g_assert_cmpstr (lookup_text (reread, BANK, 1), ==, "safe on disk, changed");
}

static void
test_oversized_note_not_written (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = g_strnfill (1024 * 1024 + 1, 'h');

  store = load_store (path);
  set_text (store, BANK, 1, "fine");
  flush_store (store);
  before = read_file (path);

  /* We would refuse to load such a file; never write one. */
  set_text (store, BANK, 2, huge);
  g_assert_false (viva_notes_store_flush (store, &error));
  g_assert_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID);
  g_test_message ("flush error: %s", error->message);
  g_assert_nonnull (viva_notes_store_get_save_error (store));
  g_assert_true (viva_notes_store_get_dirty (store));
  assert_file_equals (path, before);

  huge[1024 * 1024] = '\0';
  set_text (store, BANK, 2, huge);
  flush_store (store);
}

/* Each note may be 1 MiB, but together they must stay under the size we
 * read back. */
static void
test_oversized_file_not_written (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mib = g_strnfill (1024 * 1024, 'm');
  guint n = VIVA_NOTES_MAX_SIZE / (1024 * 1024);

  store = load_store (path);
  set_text (store, BANK, 1, "fine");
  flush_store (store);
  before = read_file (path);

  for (guint i = 1; i <= n; i++)
    set_text (store, BANK, 100 + i, mib);

  g_assert_false (viva_notes_store_flush (store, &error));
  g_assert_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_TOO_LARGE);
  g_test_message ("flush error: %s", error->message);
  g_assert_nonnull (viva_notes_store_get_save_error (store));
  g_assert_true (viva_notes_store_get_dirty (store));
  assert_file_equals (path, before);

  /* One note fewer fits, and loads. */
  set_text (store, BANK, 100 + n, "");
  flush_store (store);
  reread = load_store (path);
  g_assert_cmpuint (viva_notes_store_get_n_notes (reread), ==, n);
}

static void
drop_privileges (void)
{
  if (geteuid () != 0)
    return;

  /* Root writes anywhere; be nobody. */
  g_assert_cmpint (setgroups (0, NULL), ==, 0);
  g_assert_cmpint (setgid (65534), ==, 0);
  g_assert_cmpint (setuid (65534), ==, 0);
  g_assert_cmpint (geteuid (), ==, 65534);
}

/* Root writes anywhere, so a read-only folder is only read-only to a
 * process that is not root: the parent (root or not) prepares a folder in
 * /tmp, which everyone can reach, that the child cannot write to, and the
 * child gives up root before it runs the store. */
static void
run_in_read_only_dir (const char *contents)
{
  g_autofree char *dir = g_strdup ("/tmp/viva-read-only-XXXXXX");
  g_autofree char *path = NULL;

  g_assert_nonnull (g_mkdtemp_full (dir, 0700));
  path = g_build_filename (dir, "notes.json", NULL);
  write_file (path, contents, -1);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  g_setenv ("VIVA_TEST_READ_ONLY_DIR", dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("VIVA_TEST_READ_ONLY_DIR");

  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
  g_unlink (path);
  g_rmdir (dir);

  g_test_trap_assert_passed ();
}

static char *
child_notes_path (void)
{
  const char *dir;

  drop_privileges ();
  dir = g_getenv ("VIVA_TEST_READ_ONLY_DIR");
  g_assert_nonnull (dir);

  return g_build_filename (dir, "notes.json", NULL);
}

static void
test_read_only_dir (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *lock_path = NULL;
  SaveResult res = { FALSE, FALSE, NULL };

  if (!g_test_subprocess ())
    {
      run_in_read_only_dir (GOOD_FILE);
      return;
    }

  path = child_notes_path ();
  dir = g_path_get_dirname (path);
  lock_path = sibling_path (path, ".lock");
  before = read_file (path);

  store = load_store (path);
  g_assert_cmpstr (lookup_text (store, BANK, 1), ==, "hi");
  set_text (store, BANK, 1, "typed in a read-only folder");

  g_assert_false (viva_notes_store_flush (store, &error));
  g_assert_nonnull (error);
  g_test_message ("flush error: %s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (viva_notes_store_get_save_error (store), path));
  g_assert_true (viva_notes_store_get_dirty (store));
  g_assert_cmpstr (lookup_text (store, BANK, 1), ==, "typed in a read-only folder");
  g_clear_error (&error);

  viva_notes_store_save_async (store, NULL, save_cb, &res);
  wait_until (flag_is_set, &res.done, "save_async to fail");
  g_assert_false (res.ok);
  g_assert_nonnull (res.error);
  g_assert_nonnull (strstr (res.error->message, path));
  g_clear_error (&res.error);

  assert_file_equals (path, before);
  g_assert_false (file_exists (lock_path));
  g_assert_cmpuint (count_dir_entries (dir), ==, 1);
  g_assert_cmpstr (lookup_text (store, BANK, 1), ==, "typed in a read-only folder");

  /* The store says it was let go dirty. */
  expected_warning = "unsaved changes";
  g_clear_object (&store);
  g_assert_cmpuint (expected_warning_seen, ==, 1);
  expected_warning = NULL;
}

/* A damaged file that cannot be moved aside must not be written over
 * either: the store goes read-only. */
static void
test_damaged_in_read_only_dir (void)
{
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;

  if (!g_test_subprocess ())
    {
      run_in_read_only_dir ("{\"format\": \"viva-notes\", \"version\": 1, \"banks\": {\"b\": [");
      return;
    }

  path = child_notes_path ();
  dir = g_path_get_dirname (path);
  before = read_file (path);

  store = viva_notes_store_new (path);
  g_assert_false (store_load (store, &error));
  g_assert_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID);
  g_test_message ("load error: %s", error->message);
  g_clear_error (&error);

  g_assert_true (viva_notes_store_get_read_only (store));
  g_assert_null (viva_notes_store_get_moved_aside_path (store));

  set_text (store, BANK, 1, "cannot go anywhere");
  g_assert_false (viva_notes_store_flush (store, &error));
  g_assert_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_READ_ONLY);

  assert_file_equals (path, before);
  g_assert_cmpuint (count_dir_entries (dir), ==, 1);
}

static void
test_not_a_directory (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *blocker = g_build_filename (g_get_user_data_dir (), "not-a-folder", NULL);
  g_autofree char *path = g_build_filename (blocker, "notes.json", NULL);
  g_autoptr(VivaNotesStore) store = NULL;

  write_file (blocker, "a file where a folder should be", -1);

  store = load_store (path);
  g_assert_cmpint (viva_notes_store_get_state (store), ==, VIVA_NOTES_STORE_STATE_OK);
  set_text (store, BANK, 1, "nowhere to go");

  g_assert_false (viva_notes_store_flush (store, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);
  g_test_message ("flush error: %s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (viva_notes_store_get_save_error (store), path));
  g_assert_true (viva_notes_store_get_dirty (store));
  g_assert_cmpstr (lookup_text (store, BANK, 1), ==, "nowhere to go");
  g_clear_error (&error);

  g_assert_false (save_and_wait (store, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);

  /* Once the folder can exist, the notes are saved. */
  g_unlink (blocker);
  flush_store (store);
  g_assert_true (file_exists (path));
}

/* Two Viva processes on one file */

static void
set_flag_cb (gboolean *flag)
{
  *flag = TRUE;
}

static void
count_note_changed_cb (VivaNotesStore *store,
                       VivaNote       *note,
                       guint          *count)
{
  g_assert_true (VIVA_IS_NOTE (note));
  (*count)++;
}

static void
test_two_stores (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) a = NULL;
  g_autoptr(VivaNotesStore) b = NULL;
  g_autoptr(VivaNotesStore) c = NULL;
  guint b_changes = 0;

  a = load_store (path);
  set_text (a, BANK, 9, "both see this");
  flush_store (a);
  g_clear_object (&a);

  a = load_store (path);
  b = load_store (path);
  g_signal_connect (b, "note-changed", G_CALLBACK (count_note_changed_cb), &b_changes);

  set_text (a, BANK, 1, "from A");
  flush_store (a);

  set_text (b, BANK, 2, "from B");
  g_assert_cmpuint (b_changes, ==, 1);
  flush_store (b);

  /* B merged A's note instead of writing over it, and told its UI. */
  g_assert_cmpstr (lookup_text (b, BANK, 1), ==, "from A");
  g_assert_cmpuint (b_changes, ==, 2);

  c = load_store (path);
  g_assert_cmpstr (lookup_text (c, BANK, 1), ==, "from A");
  g_assert_cmpstr (lookup_text (c, BANK, 2), ==, "from B");
  g_assert_cmpstr (lookup_text (c, BANK, 9), ==, "both see this");
  g_clear_object (&c);

  /* A picks up B's note the next time it saves. */
  set_text (a, "zeta", 3, "A again");
  g_assert_true (save_and_wait (a, NULL));
  g_assert_cmpstr (lookup_text (a, BANK, 2), ==, "from B");

  c = load_store (path);
  g_assert_cmpuint (viva_notes_store_get_n_notes (c), ==, 4);
  g_assert_cmpstr (lookup_text (c, "zeta", 3), ==, "A again");
}

/* The questions whose notes a store reported as changed on both sides. */
static void
record_conflict_cb (VivaNotesStore *store,
                    VivaNote       *note,
                    GArray         *numbers)
{
  guint number = viva_note_get_number (note);

  g_assert_true (VIVA_IS_NOTE (note));
  g_array_append_val (numbers, number);
}

static GArray *
watch_conflicts (VivaNotesStore *store)
{
  GArray *numbers = g_array_new (FALSE, FALSE, sizeof (guint));

  g_signal_connect (store, "conflict", G_CALLBACK (record_conflict_cb), numbers);

  return numbers;
}

static void
assert_both_kept (const char *text,
                  const char *ours,
                  const char *theirs)
{
  const char *ours_at = strstr (text, ours);
  const char *theirs_at = strstr (text, theirs);
  const char *our_label = strstr (text, "This window’s version");
  const char *their_label = strstr (text, "Another window’s version");

  g_assert_nonnull (ours_at);
  g_assert_nonnull (theirs_at);
  g_assert_nonnull (our_label);
  g_assert_nonnull (their_label);
  /* Each under the line that says where it comes from. */
  g_assert_true (our_label < ours_at);
  g_assert_true (ours_at < their_label);
  g_assert_true (their_label < theirs_at);
}

/* A and B load the same note; A saves its edit first, then B saves
 * another edit of the same note. Neither text may be lost, whichever was
 * typed last, and B, which found both, says so. */
static void
test_two_stores_same_note (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) a = NULL;
  g_autoptr(VivaNotesStore) b = NULL;
  g_autoptr(VivaNotesStore) c = NULL;
  g_autoptr(GArray) a_conflicts = NULL;
  g_autoptr(GArray) b_conflicts = NULL;
  g_autofree char *merged = NULL;
  guint a_changes = 0;

  a = load_store (path);
  set_text (a, BANK, 5, "Both started from this.");
  flush_store (a);
  g_clear_object (&a);

  a = load_store (path);
  b = load_store (path);
  a_conflicts = watch_conflicts (a);
  b_conflicts = watch_conflicts (b);
  g_signal_connect (a, "note-changed", G_CALLBACK (count_note_changed_cb), &a_changes);

  set_text (a, BANK, 5, "A's earlier edit");
  g_usleep (2000);
  set_text (b, BANK, 5, "B's later edit");
  viva_note_set_starred (viva_notes_store_get_note (b, BANK, 5), TRUE);
  flush_store (a);
  flush_store (b);

  /* B keeps both, its own first, and reports question 5. */
  merged = g_strdup (lookup_text (b, BANK, 5));
  assert_both_kept (merged, "B's later edit", "A's earlier edit");
  g_assert_null (strstr (merged, "Both started from this."));
  g_assert_true (viva_note_get_starred (viva_notes_store_lookup_note (b, BANK, 5)));
  g_assert_cmpuint (b_conflicts->len, ==, 1);
  g_assert_cmpuint (g_array_index (b_conflicts, guint, 0), ==, 5);

  c = load_store (path);
  g_assert_cmpstr (lookup_text (c, BANK, 5), ==, merged);
  g_clear_object (&c);

  /* A did not touch the note since its save: at its next save it takes
   * B's merge as it is, with nothing to report. */
  set_text (a, BANK, 6, "unrelated");
  a_changes = 0;
  g_assert_true (save_and_wait (a, NULL));
  g_assert_cmpstr (lookup_text (a, BANK, 5), ==, merged);
  g_assert_true (viva_note_get_starred (viva_notes_store_lookup_note (a, BANK, 5)));
  g_assert_cmpuint (a_changes, ==, 1);
  g_assert_cmpuint (a_conflicts->len, ==, 0);

  /* The other way round: B saves first, A's edit comes second; both
   * kept again, A's own text first. */
  set_text (b, BANK, 6, "B's note on 6");
  set_text (a, BANK, 6, "A's note on 6");
  flush_store (b);
  flush_store (a);
  assert_both_kept (lookup_text (a, BANK, 6), "A's note on 6", "B's note on 6");
  g_assert_cmpuint (a_conflicts->len, ==, 1);

  c = load_store (path);
  g_assert_cmpstr (lookup_text (c, BANK, 5), ==, merged);
  g_assert_cmpstr (lookup_text (c, BANK, 6), ==, lookup_text (a, BANK, 6));
}

/* Only the other process changed the note: theirs is taken, quietly. */
static void
test_merge_only_disk_changed (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) a = NULL;
  g_autoptr(VivaNotesStore) b = NULL;
  g_autoptr(VivaNotesStore) c = NULL;
  g_autoptr(GArray) b_conflicts = NULL;
  guint b_changes = 0;

  a = load_store (path);
  set_text (a, BANK, 5, "first draft");
  set_text (a, BANK, 6, "stays");
  flush_store (a);

  b = load_store (path);
  b_conflicts = watch_conflicts (b);
  g_signal_connect (b, "note-changed", G_CALLBACK (count_note_changed_cb), &b_changes);

  set_text (a, BANK, 5, "second draft, from A");
  viva_note_set_status (viva_notes_store_get_note (a, BANK, 5), VIVA_STATUS_CONFIDENT);
  flush_store (a);

  set_text (b, BANK, 7, "B writes elsewhere");
  flush_store (b);

  g_assert_cmpstr (lookup_text (b, BANK, 5), ==, "second draft, from A");
  g_assert_cmpint (viva_note_get_status (viva_notes_store_lookup_note (b, BANK, 5)), ==, VIVA_STATUS_CONFIDENT);
  g_assert_cmpstr (lookup_text (b, BANK, 6), ==, "stays");
  g_assert_cmpuint (b_changes, ==, 2);
  g_assert_cmpuint (b_conflicts->len, ==, 0);

  c = load_store (path);
  g_assert_cmpstr (lookup_text (c, BANK, 5), ==, "second draft, from A");
  g_assert_cmpstr (lookup_text (c, BANK, 7), ==, "B writes elsewhere");
}

/* Only we changed the note, while the other process wrote the file for
 * other notes: ours stays as it is. Fields of one note changed on
 * different sides all arrive: the text from one, the star from the
 * other. */
static void
test_merge_only_we_changed (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) a = NULL;
  g_autoptr(VivaNotesStore) b = NULL;
  g_autoptr(VivaNotesStore) c = NULL;
  g_autoptr(GArray) b_conflicts = NULL;

  a = load_store (path);
  set_text (a, BANK, 5, "shared");
  set_text (a, BANK, 8, "shared too");
  flush_store (a);

  b = load_store (path);
  b_conflicts = watch_conflicts (b);

  set_text (a, BANK, 9, "A writes elsewhere");
  viva_note_set_starred (viva_notes_store_get_note (a, BANK, 8), TRUE);
  flush_store (a);

  g_usleep (2000);
  set_text (b, BANK, 5, "B's edit, older base");
  set_text (b, BANK, 8, "B edits the text of 8");
  flush_store (b);

  g_assert_cmpstr (lookup_text (b, BANK, 5), ==, "B's edit, older base");
  g_assert_cmpstr (lookup_text (b, BANK, 8), ==, "B edits the text of 8");
  g_assert_true (viva_note_get_starred (viva_notes_store_lookup_note (b, BANK, 8)));
  g_assert_cmpstr (lookup_text (b, BANK, 9), ==, "A writes elsewhere");
  g_assert_cmpuint (b_conflicts->len, ==, 0);

  c = load_store (path);
  g_assert_cmpstr (lookup_text (c, BANK, 5), ==, "B's edit, older base");
  g_assert_cmpstr (lookup_text (c, BANK, 8), ==, "B edits the text of 8");
  g_assert_true (viva_note_get_starred (viva_notes_store_lookup_note (c, BANK, 8)));
}

/* A note cleared on one side: the clearing is taken when the other side
 * did not touch the note; when it did, its text is kept and reported. */
static void
test_merge_deleted_on_one_side (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) a = NULL;
  g_autoptr(VivaNotesStore) b = NULL;
  g_autoptr(VivaNotesStore) c = NULL;
  g_autoptr(GArray) a_conflicts = NULL;
  g_autoptr(GArray) b_conflicts = NULL;

  a = load_store (path);
  set_text (a, BANK, 1, "A clears this, B leaves it");
  set_text (a, BANK, 2, "A clears this, B rewrites it");
  set_text (a, BANK, 3, "B clears this, A rewrites it");
  set_text (a, BANK, 4, "B clears this, A leaves it");
  flush_store (a);

  b = load_store (path);
  a_conflicts = watch_conflicts (a);
  b_conflicts = watch_conflicts (b);

  /* A clears 1 and 2 (cleared notes are not written) and saves. */
  set_text (a, BANK, 1, "");
  set_text (a, BANK, 2, "");
  flush_store (a);

  /* B rewrites 2, clears 3 and 4, and saves: it meets A's file. */
  set_text (b, BANK, 2, "B's rewrite of 2");
  set_text (b, BANK, 3, "");
  set_text (b, BANK, 4, "");
  flush_store (b);

  /* 1: cleared by A, untouched by B: cleared. 2: cleared by A, rewritten
   * by B: B's text, and B is told. */
  g_assert_cmpstr (lookup_text (b, BANK, 1), ==, "");
  g_assert_cmpstr (lookup_text (b, BANK, 2), ==, "B's rewrite of 2");
  g_assert_cmpuint (b_conflicts->len, ==, 1);
  g_assert_cmpuint (g_array_index (b_conflicts, guint, 0), ==, 2);

  /* A rewrites 3, which B cleared, and leaves 4, which B cleared too. */
  set_text (a, BANK, 3, "A's rewrite of 3");
  flush_store (a);
  g_assert_cmpstr (lookup_text (a, BANK, 3), ==, "A's rewrite of 3");
  g_assert_cmpstr (lookup_text (a, BANK, 4), ==, "");
  g_assert_cmpstr (lookup_text (a, BANK, 2), ==, "B's rewrite of 2");
  g_assert_cmpuint (a_conflicts->len, ==, 1);
  g_assert_cmpuint (g_array_index (a_conflicts, guint, 0), ==, 3);

  c = load_store (path);
  g_assert_null (viva_notes_store_lookup_note (c, BANK, 1));
  g_assert_cmpstr (lookup_text (c, BANK, 2), ==, "B's rewrite of 2");
  g_assert_cmpstr (lookup_text (c, BANK, 3), ==, "A's rewrite of 3");
  g_assert_null (viva_notes_store_lookup_note (c, BANK, 4));
}

/* A sync tool puts back an older copy of the file while we run. A note
 * we did not touch, whose text went back in time, is not silently
 * replaced by the older text: both are kept. A note newer on disk is
 * taken as any other change. */
static void
test_merge_older_copy_kept_beside (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(GArray) conflicts = NULL;

  write_file (path,
              "{\"format\": \"viva-notes\", \"version\": 2, \"banks\": {\"" BANK "\": {"
              "\"1\": {\"text\": \"newer text\", \"status\": \"new\", \"starred\": false, "
              "\"modified\": \"2026-11-24T10:00:00.000000Z\"},"
              "\"2\": {\"text\": \"second\", \"status\": \"new\", \"starred\": false, "
              "\"modified\": \"2026-11-24T10:00:00.000000Z\"}}}}", -1);
  store = load_store (path);
  conflicts = watch_conflicts (store);

  write_file (path,
              "{\"format\": \"viva-notes\", \"version\": 2, \"banks\": {\"" BANK "\": {"
              "\"1\": {\"text\": \"older text\", \"status\": \"new\", \"starred\": false, "
              "\"modified\": \"2026-11-20T10:00:00.000000Z\"},"
              "\"2\": {\"text\": \"second, edited elsewhere\", \"status\": \"new\", \"starred\": false, "
              "\"modified\": \"2026-11-25T10:00:00.000000Z\"}}}}", -1);

  set_text (store, BANK, 3, "ours");
  flush_store (store);

  assert_both_kept (lookup_text (store, BANK, 1), "newer text", "older text");
  g_assert_cmpstr (lookup_text (store, BANK, 2), ==, "second, edited elsewhere");
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpuint (g_array_index (conflicts, guint, 0), ==, 1);
}

static gboolean
note_text_is (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (lookup_text (args[0], BANK, GPOINTER_TO_UINT (args[1])), args[2]) == 0;
}

static gboolean
note_text_contains (gpointer data)
{
  gpointer *args = data;
  const char *text = lookup_text (args[0], BANK, GPOINTER_TO_UINT (args[1]));

  return text != NULL && strstr (text, args[2]) != NULL;
}

/* A store that follows the file takes what another process saved as
 * soon as it is saved: the other window shows it without waiting for a
 * save of its own, and has nothing to write back. */
static void
test_watch_takes_changes_from_disk (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) a = NULL;
  g_autoptr(VivaNotesStore) b = NULL;
  g_autoptr(GArray) a_conflicts = NULL;
  gpointer args[] = { NULL, GUINT_TO_POINTER (5), (gpointer) "B's edit" };
  guint a_changes = 0;

  a = load_store (path);
  set_text (a, BANK, 5, "first");
  flush_store (a);
  viva_notes_store_watch (a);
  a_conflicts = watch_conflicts (a);
  g_signal_connect (a, "note-changed", G_CALLBACK (count_note_changed_cb), &a_changes);

  b = load_store (path);
  set_text (b, BANK, 5, "B's edit");
  viva_note_set_status (viva_notes_store_get_note (b, BANK, 5), VIVA_STATUS_LEARNING);
  flush_store (b);

  args[0] = a;
  wait_until (note_text_is, args, "A to take B's edit");
  g_assert_cmpint (viva_note_get_status (viva_notes_store_lookup_note (a, BANK, 5)), ==, VIVA_STATUS_LEARNING);
  g_assert_cmpuint (a_changes, ==, 1);
  g_assert_cmpuint (a_conflicts->len, ==, 0);
  g_assert_false (viva_notes_store_get_dirty (a));
}

/* What the watching store has not saved yet stays, beside the other
 * side's text, and is saved; the user is told. */
static void
test_watch_keeps_unsaved_edits (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) a = NULL;
  g_autoptr(VivaNotesStore) b = NULL;
  g_autoptr(VivaNotesStore) c = NULL;
  g_autoptr(GArray) a_conflicts = NULL;
  gpointer args[] = { NULL, GUINT_TO_POINTER (5), (gpointer) "B saved this" };

  a = load_store (path);
  flush_store (a);
  viva_notes_store_watch (a);
  a_conflicts = watch_conflicts (a);
  /* Not saved before B's save is noticed. */
  viva_notes_store_set_autosave_delay (a, 60 * 1000);

  b = load_store (path);
  set_text (a, BANK, 5, "A typed this");
  set_text (a, BANK, 6, "A's other note");
  set_text (b, BANK, 5, "B saved this");
  flush_store (b);

  args[0] = a;
  wait_until (note_text_contains, args, "A to merge B's save");
  assert_both_kept (lookup_text (a, BANK, 5), "A typed this", "B saved this");
  g_assert_cmpstr (lookup_text (a, BANK, 6), ==, "A's other note");
  g_assert_cmpuint (a_conflicts->len, ==, 1);
  g_assert_true (viva_notes_store_get_dirty (a));

  flush_store (a);
  c = load_store (path);
  assert_both_kept (lookup_text (c, BANK, 5), "A typed this", "B saved this");
  g_assert_cmpstr (lookup_text (c, BANK, 6), ==, "A's other note");
}

static void
test_changed_on_disk_damaged (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;
  g_autoptr(GBytes) bad = g_bytes_new_static ("{\"format\": \"viva-n", 18);

  store = load_store (path);
  set_text (store, BANK, 1, "ours");
  flush_store (store);

  /* Another program leaves notes.json damaged while we run. */
  write_file (path, "{\"format\": \"viva-n", 18);

  set_text (store, BANK, 2, "also ours");
  flush_store (store);

  g_assert_cmpint (viva_notes_store_get_state (store), ==, VIVA_NOTES_STORE_STATE_RECOVERED);
  g_assert_nonnull (viva_notes_store_get_moved_aside_path (store));
  assert_file_equals (viva_notes_store_get_moved_aside_path (store), bad);

  reread = load_store (path);
  g_assert_cmpstr (lookup_text (reread, BANK, 1), ==, "ours");
  g_assert_cmpstr (lookup_text (reread, BANK, 2), ==, "also ours");
}

static void
test_changed_on_disk_newer (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(GBytes) future = NULL;
  g_autoptr(GError) error = NULL;
  gboolean read_only_notified = FALSE;


  store = load_store (path);
  set_text (store, BANK, 1, "ours");
  flush_store (store);
  g_signal_connect_swapped (store, "notify::read-only",
                            G_CALLBACK (set_flag_cb), &read_only_notified);

  /* A newer Viva writes its file while we run. */
  write_file (path, FUTURE_FILE, -1);
  future = read_file (path);

  set_text (store, BANK, 2, "also ours");
  g_assert_false (viva_notes_store_flush (store, &error));
  g_assert_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_READ_ONLY);
  g_assert_true (viva_notes_store_get_read_only (store));
  g_assert_true (read_only_notified);
  g_assert_nonnull (viva_notes_store_get_save_error (store));
  g_assert_cmpstr (lookup_text (store, BANK, 2), ==, "also ours");
  assert_file_equals (path, future);
}

/* Autosave */

static void
test_autosave (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;

  store = load_store (path);
  g_assert_cmpuint (viva_notes_store_get_autosave_delay (store), ==, 1000);
  viva_notes_store_set_autosave_delay (store, 50);

  set_text (store, BANK, 1, "saved by itself");
  g_assert_true (viva_notes_store_get_dirty (store));
  wait_until (store_is_saved, store, "autosave");
  g_assert_true (file_exists (path));

  reread = load_store (path);
  g_assert_cmpstr (lookup_text (reread, BANK, 1), ==, "saved by itself");
}

static void
test_autosave_during_write (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;
  int lock_fd;

  store = load_store (path);
  viva_notes_store_set_autosave_delay (store, 10);

  /* Another Viva holds the lock, so our write waits in its thread. */
  lock_fd = take_lock (path);
  set_text (store, BANK, 1, "first");
  wait_until (store_is_saving, store, "the write to start");
  /* Not on disk yet: whoever checks before quitting must still flush. */
  g_assert_true (viva_notes_store_get_dirty (store));

  set_text (store, BANK, 1, "second, typed during the write");
  g_assert_true (viva_notes_store_get_dirty (store));
  g_assert_true (viva_notes_store_get_saving (store));

  close (lock_fd);
  wait_until (store_is_saved, store, "both writes");

  reread = load_store (path);
  g_assert_cmpstr (lookup_text (reread, BANK, 1), ==, "second, typed during the write");
}

static gboolean
file_has_text (gpointer data)
{
  const char * const *args = data;
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (args[0], &contents, NULL, NULL))
    return FALSE;

  return strstr (contents, args[1]) != NULL;
}

static gboolean
type_a_key_cb (gpointer data)
{
  VivaNote *note = data;
  g_autofree char *text = g_strconcat (viva_note_get_text (note), "x", NULL);

  viva_note_set_text (note, text);

  return G_SOURCE_CONTINUE;
}

static void
test_autosave_while_typing (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;
  const char *args[2] = { path, "typing" };
  VivaNote *note;
  gint64 start;
  guint typing;

  store = load_store (path);
  /* A debounce that alone would never fire while typing goes on. */
  viva_notes_store_set_autosave_delay (store, 60 * 1000);
  note = viva_notes_store_get_note (store, BANK, 1);

  start = g_get_monotonic_time ();
  viva_note_set_text (note, "typing");
  typing = g_timeout_add (100, type_a_key_cb, note);
  wait_until (file_has_text, args, "the autosave cap");
  g_source_remove (typing);
  g_test_message ("saved %.1f s after the first key", (g_get_monotonic_time () - start) / 1e6);

  wait_until (store_is_idle, store, "the write to finish");
  viva_notes_store_flush (store, NULL);
}

static void
release_lock_cb (gpointer data)
{
  close (GPOINTER_TO_INT (data));
}

static void
test_flush_waits_for_write (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;
  SaveResult res = { FALSE, FALSE, NULL };
  int lock_fd;

  store = load_store (path);
  lock_fd = take_lock (path);

  set_text (store, BANK, 1, "in flight");
  viva_notes_store_save_async (store, NULL, save_cb, &res);
  g_assert_true (viva_notes_store_get_saving (store));
  set_text (store, BANK, 2, "after the snapshot");

  g_timeout_add_once (100, release_lock_cb, GINT_TO_POINTER (lock_fd));
  flush_store (store);
  g_assert_false (viva_notes_store_get_saving (store));

  wait_until (flag_is_set, &res.done, "save_async to finish");
  g_assert_true (res.ok);

  reread = load_store (path);
  g_assert_cmpstr (lookup_text (reread, BANK, 1), ==, "in flight");
  g_assert_cmpstr (lookup_text (reread, BANK, 2), ==, "after the snapshot");
}

static void
test_save_cancelled (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  SaveResult first = { FALSE, FALSE, NULL };
  SaveResult second = { FALSE, FALSE, NULL };
  int lock_fd;

  store = load_store (path);
  set_text (store, BANK, 1, "kept");

  /* The first write waits for the lock; the second request waits for the
   * first, and is cancelled meanwhile. */
  lock_fd = take_lock (path);
  viva_notes_store_save_async (store, NULL, save_cb, &first);
  viva_notes_store_save_async (store, cancellable, save_cb, &second);
  g_cancellable_cancel (cancellable);
  close (lock_fd);

  wait_until (flag_is_set, &first.done, "the first save");
  wait_until (flag_is_set, &second.done, "the cancelled save");
  g_assert_true (first.ok);
  g_assert_false (second.ok);
  g_assert_error (second.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&second.error);

  /* Cancelled before it was asked. */
  second.done = FALSE;
  viva_notes_store_save_async (store, cancellable, save_cb, &second);
  wait_until (flag_is_set, &second.done, "the cancelled save");
  g_assert_error (second.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&second.error);

  wait_until (store_is_idle, store, "writes to finish");
}

/* What Viva does at quit (viva_application_shutdown) and window close:
 * flush only if dirty. A write still in flight must count as dirty, or
 * quitting during it would skip the flush and exit() would end the write
 * thread, losing what it was writing. */
static void
test_dirty_until_written (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;
  g_autoptr(GError) error = NULL;
  SaveResult res = { FALSE, FALSE, NULL };
  gboolean flushed = FALSE;
  int lock_fd;

  store = load_store (path);
  lock_fd = take_lock (path);
  set_text (store, BANK, 1, "typed just before quitting");
  viva_notes_store_save_async (store, NULL, save_cb, &res);
  g_assert_true (viva_notes_store_get_saving (store));

  g_timeout_add_once (100, release_lock_cb, GINT_TO_POINTER (lock_fd));
  if (viva_notes_store_get_dirty (store))
    flushed = viva_notes_store_flush (store, &error);
  g_assert_no_error (error);
  g_assert_true (flushed);
  g_assert_false (viva_notes_store_get_saving (store));
  g_assert_false (viva_notes_store_get_dirty (store));

  /* As if the process had exited here. */
  reread = load_store (path);
  g_assert_cmpstr (lookup_text (reread, BANK, 1), ==, "typed just before quitting");

  wait_until (flag_is_set, &res.done, "save_async to finish");
  g_assert_true (res.ok);
}

static void
application_activate_cb (GApplication *application,
                         gpointer      user_data)
{
  VivaNotesStore *store = user_data;
  int lock_fd = take_lock (viva_notes_store_get_path (store));

  /* Quit as soon as nothing holds the application: only the write in
   * flight does, and it waits for the lock until the timeout below. */
  set_text (store, BANK, 1, "written while the application quits");
  viva_notes_store_save_async (store, NULL, NULL, NULL);
  g_assert_true (viva_notes_store_get_saving (store));
  g_timeout_add_once (200, release_lock_cb, GINT_TO_POINTER (lock_fd));
}

/* A write in flight holds the application, so that it does not quit (and
 * exit() end the write) before the notes are on disk. */
static void
test_holds_application (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;
  g_autoptr(GApplication) application = NULL;
  char *argv[] = { (char *) "test", NULL };

  application = g_application_new ("io.github.vivaprep.Viva.NotesStoreTest", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_get_default () == application);
  store = load_store (path);
  g_signal_connect (application, "activate", G_CALLBACK (application_activate_cb), store);

  /* run() returns once the write released the application. */
  g_assert_cmpint (g_application_run (application, 1, argv), ==, 0);
  g_assert_false (viva_notes_store_get_saving (store));
  g_assert_false (viva_notes_store_get_dirty (store));

  reread = load_store (path);
  g_assert_cmpstr (lookup_text (reread, BANK, 1), ==, "written while the application quits");
}

static void
test_flush_writes_synchronously (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;

  store = load_store (path);

  /* Nothing to save: no file appears. */
  flush_store (store);
  g_assert_false (file_exists (path));

  set_text (store, BANK, 1, "flushed");
  flush_store (store);
  /* No main loop ran: the file is already there. */
  reread = load_store (path);
  g_assert_cmpstr (lookup_text (reread, BANK, 1), ==, "flushed");
}

static void
test_note_changed (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  VivaNote *note;
  guint changes = 0;
  gboolean dirty_notified = FALSE;

  store = load_store (path);
  g_signal_connect (store, "note-changed", G_CALLBACK (count_note_changed_cb), &changes);
  g_signal_connect_swapped (store, "notify::dirty",
                            G_CALLBACK (set_flag_cb), &dirty_notified);

  note = viva_notes_store_get_note (store, BANK, 4);
  g_assert_true (viva_notes_store_get_note (store, BANK, 4) == note);
  g_assert_true (viva_notes_store_lookup_note (store, BANK, 4) == note);
  g_assert_null (viva_notes_store_lookup_note (store, BANK, 5));
  g_assert_null (viva_notes_store_lookup_note (store, "other", 4));
  g_assert_cmpuint (viva_notes_store_get_n_notes (store), ==, 0);
  g_assert_false (viva_notes_store_get_dirty (store));
  g_assert_cmpuint (changes, ==, 0);

  viva_note_set_text (note, "text");
  g_assert_cmpuint (changes, ==, 1);
  g_assert_true (dirty_notified);
  g_assert_true (viva_notes_store_get_dirty (store));

  viva_note_set_text (note, "text");
  g_assert_cmpuint (changes, ==, 1);
  viva_note_set_status (note, VIVA_STATUS_CONFIDENT);
  g_assert_cmpuint (changes, ==, 2);
  viva_note_set_starred (note, TRUE);
  g_assert_cmpuint (changes, ==, 3);

  viva_note_set_starred (viva_notes_store_get_note (store, "other", 1), TRUE);
  g_assert_cmpuint (changes, ==, 4);
  g_assert_cmpuint (viva_notes_store_get_n_notes (store), ==, 2);

  notes = viva_notes_store_list_notes (store, BANK);
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_true (g_ptr_array_index (notes, 0) == note);
  g_clear_pointer (&notes, g_ptr_array_unref);

  notes = viva_notes_store_list_notes (store, "no such bank");
  g_assert_cmpuint (notes->len, ==, 0);

  flush_store (store);

  /* A note kept by a widget after the store is gone changes safely. */
  g_object_ref (note);
  g_clear_object (&store);
  viva_note_set_text (note, "the store is gone");
  g_object_unref (note);
}

static void
test_bank_id_not_utf8 (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;
  g_autofree char *long_id = g_strnfill (300, 'b');
  const char *latin1 = "caf\xe9-questions";

  /* Bank ids come from file names, which can be anything. */
  store = load_store (path);
  set_text (store, latin1, 1, "from a Latin-1 file name");
  set_text (store, long_id, 1, "from a long file name");
  flush_store (store);
  g_assert_cmpstr (lookup_text (store, latin1, 1), ==, "from a Latin-1 file name");

  reread = load_store (path);
  g_assert_cmpstr (lookup_text (reread, latin1, 1), ==, "from a Latin-1 file name");
  g_assert_cmpstr (lookup_text (reread, long_id, 1), ==, "from a long file name");
  g_assert_true (g_utf8_validate (viva_note_get_bank_id (viva_notes_store_lookup_note (reread, latin1, 1)), -1, NULL));
}

/* The last reference to a store must be dropped where it was taken, on
 * the main thread, however quickly the write thread lets go of its task. */
static void
test_finalized_on_main_thread (void)
{
  g_autofree char *path = notes_path ();

  for (guint i = 0; i < 50; i++)
    {
      VivaNotesStore *store = viva_notes_store_new (path);
      g_autoptr(GError) error = NULL;

      if (i == 0)
        g_assert_true (store_load (store, &error));
      else
        store_load (store, NULL);
      set_text (store, BANK, 1, i % 2 ? "odd" : "even");
      g_assert_true (save_and_wait (store, &error));
      g_assert_no_error (error);
      g_assert_finalize_object (store);
    }
}

static void
test_dispose_dirty_warns (void)
{
  g_autofree char *path = notes_path ();
  VivaNotesStore *store = load_store (path);

  set_text (store, BANK, 1, "never flushed");

  expected_warning = "unsaved changes";
  g_object_unref (store);
  g_assert_cmpuint (expected_warning_seen, ==, 1);
  expected_warning = NULL;
  expected_warning_seen = 0;
}

/* Damage a good file at random, many times over: loading never crashes,
 * and whatever it refuses is kept byte for byte. */
static void
test_random_damage (gconstpointer data)
{
  const char *good_file = data;
  g_autofree char *path = notes_path ();
  static const char * const insertions[] = {
    "\\u0000", "\\ud800", "'", "\"", "{", "[", "]", "}", ",", ":", "\\", "\xff", "\xc0\xaf",
    "null", "01", "-", "/*", "0x1", "\xef\xbb\xbf",
  };
  guint loaded = 0, refused = 0;

  for (guint round = 0; round < 400; round++)
    {
      g_autoptr(VivaNotesStore) store = viva_notes_store_new (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      GString *s = g_string_new (good_file);
      guint edits = g_test_rand_int_range (1, 4);

      for (guint e = 0; e < edits && s->len > 0; e++)
        {
          guint pos = g_test_rand_int_range (0, s->len);

          switch (g_test_rand_int_range (0, 4))
            {
            case 0:
              {
                gsize len = g_test_rand_int_range (1, 8);

                g_string_erase (s, pos, MIN (len, s->len - pos));
              }
              break;

            case 1:
              g_string_insert (s, pos, insertions[g_test_rand_int_range (0, G_N_ELEMENTS (insertions))]);
              break;

            case 2:
              s->str[pos] = (char) g_test_rand_int_range (1, 256);
              break;

            default:
              g_string_truncate (s, pos);
              break;
            }
        }

      bytes = g_string_free_to_bytes (s);
      write_file (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

      if (store_load (store, &error))
        {
          loaded++;
          g_assert_cmpint (viva_notes_store_get_state (store), ==, VIVA_NOTES_STORE_STATE_OK);
          g_unlink (path);
        }
      else if (g_error_matches (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_FUTURE_VERSION))
        {
          loaded++;
          assert_file_equals (path, bytes);
          g_unlink (path);
        }
      else
        {
          refused++;
          g_assert_true (g_error_matches (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID) ||
                         g_error_matches (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_TOO_DEEP));
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
          g_assert_false (file_exists (path));
          assert_file_equals (viva_notes_store_get_moved_aside_path (store), bytes);
          g_unlink (viva_notes_store_get_moved_aside_path (store));
        }
    }

  g_test_message ("%u damaged files loaded (harmless damage), %u refused and kept", loaded, refused);
  g_assert_cmpuint (refused, >, 0);
}

/* Review schedules and histories */

/* 2026-03-02T10:00:00Z */
#define T0 ((gint64) 1772445600 * G_USEC_PER_SEC)

static void
assert_same_review (VivaNote *a,
                    VivaNote *b)
{
  const VivaReviewState *sa = viva_note_get_review_state (a);
  const VivaReviewState *sb = viva_note_get_review_state (b);
  const VivaReviewEntry *ha, *hb;
  guint na, nb;

  g_assert_cmpint (sa->due, ==, sb->due);
  g_assert_cmpint (sa->last_review, ==, sb->last_review);
  g_assert_cmpuint (sa->repetitions, ==, sb->repetitions);
  g_assert_cmpuint (sa->lapses, ==, sb->lapses);
  g_assert_cmpuint (sa->ease, ==, sb->ease);
  g_assert_cmpuint (sa->interval, ==, sb->interval);

  ha = viva_note_get_history (a, &na);
  hb = viva_note_get_history (b, &nb);
  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < na; i++)
    {
      g_assert_cmpint (ha[i].time, ==, hb[i].time);
      g_assert_cmpint (ha[i].grade, ==, hb[i].grade);
      g_assert_cmpint (ha[i].source, ==, hb[i].source);
    }
}

static void
test_review_round_trip (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const VivaReviewEntry *history;
  const VivaReviewState *state;
  const char *contents;
  VivaNote *note;
  guint n;

  store = load_store (path);
  grade_with_sm2 (store);

  /* A note with text, graded in a mock interview and then in Review. */
  note = viva_notes_store_get_note (store, BANK, 42);
  viva_note_set_text (note, "Slicing is half-open.");
  viva_note_review (note, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_MOCK, T0);
  viva_note_review (note, VIVA_REVIEW_GRADE_AGAIN, VIVA_REVIEW_SOURCE_REVIEW, T0 + G_TIME_SPAN_DAY);
  viva_note_review (note, VIVA_REVIEW_GRADE_EASY, VIVA_REVIEW_SOURCE_REVIEW, T0 + G_TIME_SPAN_DAY + 10 * G_TIME_SPAN_MINUTE);

  state = viva_note_get_review_state (note);
  g_assert_cmpint (state->due, ==, T0 + 5 * G_TIME_SPAN_DAY + 10 * G_TIME_SPAN_MINUTE);
  g_assert_cmpuint (state->interval, ==, 4);
  g_assert_cmpuint (state->repetitions, ==, 1);
  g_assert_cmpuint (state->lapses, ==, 1);
  g_assert_cmpuint (state->ease, ==, 2450);
  g_assert_cmpint (viva_note_get_due (note), ==, state->due);

  /* Reviewed, nothing written: still worth keeping. */
  note = viva_notes_store_get_note (store, BANK, 7);
  viva_note_review (note, VIVA_REVIEW_GRADE_HARD, VIVA_REVIEW_SOURCE_REVIEW, T0);
  g_assert_false (viva_note_is_blank (note));
  g_assert_cmpstr (viva_note_get_text (note), ==, "");
  g_assert_cmpint (viva_note_get_status (note), ==, VIVA_STATUS_NEW);

  /* Reviewed by mistake and undone: blank again, and not written. */
  note = viva_notes_store_get_note (store, BANK, 8);
  viva_note_review (note, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW, T0);
  g_assert_true (viva_note_undo_review (note, T0));
  g_assert_true (viva_note_is_blank (note));
  g_assert_true (viva_review_state_is_new (viva_note_get_review_state (note)));

  /* Never reviewed: no review members at all. */
  set_text (store, "zeta", 1, "not reviewed");

  flush_store (store);

  bytes = read_file (path);
  contents = g_bytes_get_data (bytes, NULL);
  g_test_message ("%s", contents);
  g_assert_true (g_str_has_prefix (contents, "{\n  \"format\" : \"viva-notes\",\n  \"version\" : 4,\n"));
  g_assert_nonnull (strstr (contents, "\"review\" : {\n"));
  g_assert_nonnull (strstr (contents, "\"last-review\" : \"2026-03-03T10:10:00.000000Z\""));
  g_assert_nonnull (strstr (contents, "\"ease\" : 2450"));
  g_assert_nonnull (strstr (contents, "\"source\" : \"mock\""));
  g_assert_null (strstr (contents, "\"8\" :"));
  g_assert_null (strstr (strstr (contents, "\"zeta\""), "\"review\""));

  reread = load_store (path);
  g_assert_cmpuint (viva_notes_store_get_n_notes (reread), ==, 3);
  g_assert_null (viva_notes_store_lookup_note (reread, BANK, 8));

  for (guint number = 7; number <= 42; number += 35)
    {
      VivaNote *before = viva_notes_store_lookup_note (store, BANK, number);
      VivaNote *after = viva_notes_store_lookup_note (reread, BANK, number);

      g_assert_nonnull (after);
      assert_same_review (before, after);
      g_assert_cmpint (viva_note_get_modified (after), ==, viva_note_get_modified (before));
    }

  history = viva_note_get_history (viva_notes_store_lookup_note (reread, BANK, 42), &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (history[0].time, ==, T0);
  g_assert_cmpint (history[0].grade, ==, VIVA_REVIEW_GRADE_GOOD);
  g_assert_cmpint (history[0].source, ==, VIVA_REVIEW_SOURCE_MOCK);
  g_assert_cmpint (history[1].grade, ==, VIVA_REVIEW_GRADE_AGAIN);
  g_assert_cmpint (history[1].source, ==, VIVA_REVIEW_SOURCE_REVIEW);
  g_assert_cmpint (history[2].time, ==, T0 + G_TIME_SPAN_DAY + 10 * G_TIME_SPAN_MINUTE);
  g_assert_cmpint (history[2].grade, ==, VIVA_REVIEW_GRADE_EASY);

  g_assert_true (viva_review_state_is_new (viva_note_get_review_state (viva_notes_store_lookup_note (reread, "zeta", 1))));
  g_assert_null (viva_note_get_history (viva_notes_store_lookup_note (reread, "zeta", 1), &n));
  g_assert_cmpuint (n, ==, 0);

  /* A review loaded from disk is not undone by this process. */
  g_assert_false (viva_note_undo_review (viva_notes_store_lookup_note (reread, BANK, 42),
                                         T0 + G_TIME_SPAN_DAY + 10 * G_TIME_SPAN_MINUTE));

  /* Saving what was just read changes nothing. */
  g_assert_true (save_and_wait (reread, &error));
  g_assert_no_error (error);
  assert_file_equals (path, bytes);
}

static void
test_review_good_file (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;
  const VivaReviewState *state;
  const VivaReviewEntry *history;
  VivaNote *note;
  guint n;

  write_file (path, GOOD_FILE_V2, -1);
  store = load_store (path);
  note = viva_notes_store_lookup_note (store, "bank", 1);
  g_assert_nonnull (note);

  state = viva_note_get_review_state (note);
  g_assert_cmpint (state->due, ==, (gint64) 1795741323 * G_USEC_PER_SEC);
  g_assert_cmpint (state->last_review, ==, (gint64) 1795482123 * G_USEC_PER_SEC);
  g_assert_cmpuint (state->interval, ==, 3);
  g_assert_cmpuint (state->ease, ==, 2500);
  g_assert_cmpuint (state->repetitions, ==, 2);
  g_assert_cmpuint (state->lapses, ==, 1);

  history = viva_note_get_history (note, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (history[0].time, ==, (gint64) 1795482123 * G_USEC_PER_SEC);
  g_assert_cmpint (history[0].grade, ==, VIVA_REVIEW_GRADE_GOOD);
  g_assert_cmpint (history[0].source, ==, VIVA_REVIEW_SOURCE_MOCK);
}

static void
test_review_history_cap (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;
  const VivaReviewEntry *history;
  VivaNote *note;
  gint64 last = 0;
  guint n;

  store = load_store (path);
  note = viva_notes_store_get_note (store, BANK, 1);

  for (guint i = 0; i < VIVA_REVIEW_HISTORY_MAX + 5; i++)
    {
      last = T0 + i * G_TIME_SPAN_HOUR;
      viva_note_review (note, (VivaReviewGrade) (VIVA_REVIEW_GRADE_AGAIN + i % 4),
                        VIVA_REVIEW_SOURCE_REVIEW, last);
    }

  /* The most recent hundred, oldest first. */
  history = viva_note_get_history (note, &n);
  g_assert_cmpuint (n, ==, VIVA_REVIEW_HISTORY_MAX);
  g_assert_cmpint (history[0].time, ==, T0 + 5 * G_TIME_SPAN_HOUR);
  g_assert_cmpint (history[0].grade, ==, VIVA_REVIEW_GRADE_HARD);
  g_assert_cmpint (history[n - 1].time, ==, last);

  flush_store (store);
  reread = load_store (path);
  assert_same_review (note, viva_notes_store_lookup_note (reread, BANK, 1));

  /* Undoing the last review of a full history brings back the review it
   * pushed out. */
  g_assert_false (viva_note_undo_review (note, last - G_TIME_SPAN_HOUR));
  g_assert_true (viva_note_undo_review (note, last));
  history = viva_note_get_history (note, &n);
  g_assert_cmpuint (n, ==, VIVA_REVIEW_HISTORY_MAX);
  g_assert_cmpint (history[0].time, ==, T0 + 4 * G_TIME_SPAN_HOUR);
  g_assert_cmpint (history[n - 1].time, ==, last - G_TIME_SPAN_HOUR);
  g_assert_cmpint (viva_note_get_review_state (note)->last_review, ==, last - G_TIME_SPAN_HOUR);

  /* Only once. */
  g_assert_false (viva_note_undo_review (note, last - G_TIME_SPAN_HOUR));
  flush_store (store);
}

/* A review is a change like any other: saved, announced, and undone
 * exactly. */
static void
test_review_changes (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;
  VivaReviewState before;
  VivaNote *note;
  guint changes = 0;
  gint64 modified;

  store = load_store (path);
  g_signal_connect (store, "note-changed", G_CALLBACK (count_note_changed_cb), &changes);

  note = viva_notes_store_get_note (store, BANK, 3);
  viva_note_review (note, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW, T0);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_true (viva_notes_store_get_dirty (store));
  modified = viva_note_get_modified (note);
  g_assert_cmpint (modified, >, 0);
  flush_store (store);

  /* Twice Again at the same moment gives the same due time; the second
   * is still a review to save. */
  viva_note_review (note, VIVA_REVIEW_GRADE_AGAIN, VIVA_REVIEW_SOURCE_MOCK, T0 + G_TIME_SPAN_DAY);
  flush_store (store);
  before = *viva_note_get_review_state (note);
  g_usleep (1000);
  viva_note_review (note, VIVA_REVIEW_GRADE_AGAIN, VIVA_REVIEW_SOURCE_MOCK, T0 + G_TIME_SPAN_DAY);
  g_assert_cmpint (viva_note_get_due (note), ==, before.due);
  g_assert_cmpuint (changes, ==, 3);
  g_assert_true (viva_notes_store_get_dirty (store));
  g_assert_cmpint (viva_note_get_modified (note), >, modified);

  /* Undone: exactly the state before, and saved too. */
  modified = viva_note_get_modified (note);
  flush_store (store);
  g_usleep (1000);
  g_assert_true (viva_note_undo_review (note, T0 + G_TIME_SPAN_DAY));
  g_assert_cmpuint (changes, ==, 4);
  g_assert_true (viva_notes_store_get_dirty (store));
  g_assert_cmpint (viva_note_get_modified (note), >, modified);
  g_assert_cmpint (memcmp (viva_note_get_review_state (note), &before, sizeof before), ==, 0);
  flush_store (store);
}

static void
test_review_count_due (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;
  VivaReviewDay day;
  guint changes = 0;

  store = load_store (path);
  grade_with_sm2 (store);
  viva_review_day_init (&day, T0, tz, 4);
  g_assert_cmpuint (viva_notes_store_count_due (store, BANK, &day), ==, 0);

  /* Written about, never reviewed: new, not due. */
  set_text (store, BANK, 1, "a note");
  /* Forgotten: back in ten minutes, today. */
  viva_note_review (viva_notes_store_get_note (store, BANK, 2), VIVA_REVIEW_GRADE_AGAIN, VIVA_REVIEW_SOURCE_REVIEW, T0);
  /* Known: tomorrow, and Easy in four days. */
  viva_note_review (viva_notes_store_get_note (store, BANK, 3), VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW, T0);
  viva_note_review (viva_notes_store_get_note (store, BANK, 4), VIVA_REVIEW_GRADE_EASY, VIVA_REVIEW_SOURCE_MOCK, T0);
  /* Another bank. */
  viva_note_review (viva_notes_store_get_note (store, "zeta", 2), VIVA_REVIEW_GRADE_AGAIN, VIVA_REVIEW_SOURCE_REVIEW, T0);

  g_assert_cmpuint (viva_notes_store_count_due (store, BANK, &day), ==, 1);
  g_assert_cmpuint (viva_notes_store_count_due (store, "zeta", &day), ==, 1);
  g_assert_cmpuint (viva_notes_store_count_due (store, "no such bank", &day), ==, 0);

  viva_review_day_init (&day, T0 + G_TIME_SPAN_DAY, tz, 4);
  g_assert_cmpuint (viva_notes_store_count_due (store, BANK, &day), ==, 2);
  viva_review_day_init (&day, T0 + 4 * G_TIME_SPAN_DAY, tz, 4);
  g_assert_cmpuint (viva_notes_store_count_due (store, BANK, &day), ==, 3);

  /* The count follows reviews, which the sidebar hears of. */
  g_signal_connect (store, "note-changed", G_CALLBACK (count_note_changed_cb), &changes);
  viva_note_review (viva_notes_store_get_note (store, BANK, 2), VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW,
                    T0 + 4 * G_TIME_SPAN_DAY);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (viva_notes_store_count_due (store, BANK, &day), ==, 2);

  flush_store (store);
  reread = load_store (path);
  g_assert_cmpuint (viva_notes_store_count_due (reread, BANK, &day), ==, 2);
}

/* A file from before Review loads, and gains its reviews on the next save
 * without losing anything. */
#define VERSION_1_FILE \
  "{\"format\": \"viva-notes\", \"version\": 1, \"banks\": {\"" BANK "\": {" \
  "\"1\": {" NOTE_FIELDS "}, " \
  "\"2\": {\"text\": \"second\", \"status\": \"confident\", \"starred\": false, " \
  "\"modified\": \"2026-01-01T00:00:00Z\", \"review\": \"version 1 ignored this\"}}, " \
  "\"zeta\": {\"9\": {\"text\": \"\", \"status\": \"new\", \"starred\": true, " \
  "\"modified\": \"2025-06-01T12:00:00.5Z\"}}}}"

static void
test_review_version_1_upgraded (void)
{
  g_autofree char *path = notes_path ();
  g_autofree char *bak_path = sibling_path (path, ".bak");
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GBytes) upgraded = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  VivaNote *note;
  gint64 modified[3];

  write_file (path, VERSION_1_FILE, -1);
  original = read_file (path);

  store = load_store (path);
  grade_with_sm2 (store);
  g_assert_cmpint (viva_notes_store_get_state (store), ==, VIVA_NOTES_STORE_STATE_OK);
  g_assert_false (viva_notes_store_get_read_only (store));
  g_assert_cmpuint (viva_notes_store_get_n_notes (store), ==, 3);
  g_assert_true (viva_review_state_is_new (viva_note_get_review_state (viva_notes_store_lookup_note (store, BANK, 1))));
  g_assert_true (viva_review_state_is_new (viva_note_get_review_state (viva_notes_store_lookup_note (store, BANK, 2))));

  /* Loading writes nothing. */
  g_assert_false (viva_notes_store_get_dirty (store));
  assert_file_equals (path, original);

  modified[0] = viva_note_get_modified (viva_notes_store_lookup_note (store, BANK, 2));
  modified[1] = viva_note_get_modified (viva_notes_store_lookup_note (store, "zeta", 9));
  g_assert_cmpint (modified[0], ==, (gint64) 1767225600 * G_USEC_PER_SEC);
  g_assert_cmpint (modified[1], ==, (gint64) 1748779200 * G_USEC_PER_SEC + G_USEC_PER_SEC / 2);

  note = viva_notes_store_lookup_note (store, BANK, 1);
  viva_note_review (note, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW, T0);
  modified[2] = viva_note_get_modified (note);
  flush_store (store);

  /* The current version now, with the version 1 file kept as the backup. */
  assert_file_equals (bak_path, original);
  upgraded = read_file (path);
  json_parser_load_from_data (parser, g_bytes_get_data (upgraded, NULL), g_bytes_get_size (upgraded), &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)), "version"), ==, VIVA_NOTES_FORMAT_VERSION);

  reread = load_store (path);
  g_assert_cmpuint (viva_notes_store_get_n_notes (reread), ==, 3);

  note = viva_notes_store_lookup_note (reread, BANK, 1);
  g_assert_cmpstr (viva_note_get_text (note), ==, "hi");
  g_assert_cmpint (viva_note_get_status (note), ==, VIVA_STATUS_LEARNING);
  g_assert_true (viva_note_get_starred (note));
  g_assert_cmpint (viva_note_get_modified (note), ==, modified[2]);
  g_assert_cmpuint (viva_note_get_review_state (note)->interval, ==, 1);
  g_assert_cmpint (viva_note_get_due (note), ==, T0 + G_TIME_SPAN_DAY);

  note = viva_notes_store_lookup_note (reread, BANK, 2);
  g_assert_cmpstr (viva_note_get_text (note), ==, "second");
  g_assert_cmpint (viva_note_get_status (note), ==, VIVA_STATUS_CONFIDENT);
  g_assert_false (viva_note_get_starred (note));
  g_assert_cmpint (viva_note_get_modified (note), ==, modified[0]);
  g_assert_true (viva_review_state_is_new (viva_note_get_review_state (note)));

  note = viva_notes_store_lookup_note (reread, "zeta", 9);
  g_assert_nonnull (note);
  g_assert_true (viva_note_get_starred (note));
  g_assert_cmpint (viva_note_get_modified (note), ==, modified[1]);
}

/* A damaged review is a damaged file: moved aside, and the backup with
 * its reviews used instead. */
static void
test_review_damaged_restored (void)
{
  g_autofree char *path = notes_path ();
  g_autofree char *bak_path = sibling_path (path, ".bak");
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;
  g_autoptr(GBytes) good = NULL;
  g_autoptr(GBytes) bad = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *damaged = NULL;
  VivaNote *note;
  char *ease;

  store = load_store (path);
  grade_with_sm2 (store);
  note = viva_notes_store_get_note (store, BANK, 1);
  viva_note_review (note, VIVA_REVIEW_GRADE_EASY, VIVA_REVIEW_SOURCE_REVIEW, T0);
  flush_store (store);
  viva_note_review (viva_notes_store_get_note (store, BANK, 2), VIVA_REVIEW_GRADE_GOOD,
                    VIVA_REVIEW_SOURCE_MOCK, T0);
  flush_store (store);
  good = read_file (bak_path);

  /* A sync tool (or a hand) breaks one number. */
  g_assert_true (g_file_get_contents (path, &damaged, NULL, NULL));
  ease = strstr (damaged, "\"ease\" : 2650");
  g_assert_nonnull (ease);
  memcpy (ease, "\"ease\" : 9650", strlen ("\"ease\" : 9650"));
  write_file (path, damaged, -1);
  bad = read_file (path);

  g_clear_object (&store);
  store = viva_notes_store_new (path);
  g_assert_false (store_load (store, &error));
  g_assert_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID);
  g_test_message ("load error: %s", error->message);
  g_assert_nonnull (strstr (error->message, "ease"));
  g_assert_cmpint (viva_notes_store_get_state (store), ==, VIVA_NOTES_STORE_STATE_RECOVERED);
  g_assert_true (viva_notes_store_get_restored_from_backup (store));
  assert_file_equals (viva_notes_store_get_moved_aside_path (store), bad);

  /* The backup's reviews, exactly; the later one is lost with the file. */
  note = viva_notes_store_lookup_note (store, BANK, 1);
  g_assert_nonnull (note);
  g_assert_cmpuint (viva_note_get_review_state (note)->ease, ==, 2650);
  g_assert_cmpint (viva_note_get_due (note), ==, T0 + 4 * G_TIME_SPAN_DAY);
  g_assert_null (viva_notes_store_lookup_note (store, BANK, 2));

  flush_store (store);
  reread = load_store (path);
  assert_same_review (viva_notes_store_lookup_note (store, BANK, 1),
                      viva_notes_store_lookup_note (reread, BANK, 1));
}

/* Two Vivas on one file: the note changed last wins, its review schedule
 * and history with it. */
static void
test_review_two_stores (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(VivaNotesStore) a = NULL;
  g_autoptr(VivaNotesStore) b = NULL;
  g_autoptr(VivaNotesStore) c = NULL;
  const VivaReviewEntry *history;
  VivaReviewDay day;
  guint a_changes = 0;
  guint n;

  a = load_store (path);
  flush_store (a);
  g_assert_true (save_and_wait (a, NULL));
  b = load_store (path);
  g_signal_connect (a, "note-changed", G_CALLBACK (count_note_changed_cb), &a_changes);

  /* A writes a note on question 5 and reviews it twice; B reviews it
   * once, later. B's review wins, whole: one review in its history, not
   * three. A's text, which B never changed, is kept. */
  set_text (a, BANK, 5, "A's note");
  viva_note_review (viva_notes_store_get_note (a, BANK, 5), VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW, T0);
  viva_note_review (viva_notes_store_get_note (a, BANK, 5), VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW, T0 + G_TIME_SPAN_DAY);
  g_usleep (2000);
  viva_note_review (viva_notes_store_get_note (b, BANK, 5), VIVA_REVIEW_GRADE_AGAIN, VIVA_REVIEW_SOURCE_MOCK, T0 + G_TIME_SPAN_HOUR);

  /* Only A reviewed question 6. */
  viva_note_review (viva_notes_store_get_note (a, BANK, 6), VIVA_REVIEW_GRADE_EASY, VIVA_REVIEW_SOURCE_REVIEW, T0);

  flush_store (a);
  flush_store (b);

  g_assert_cmpstr (lookup_text (b, BANK, 5), ==, "A's note");
  history = viva_note_get_history (viva_notes_store_lookup_note (b, BANK, 5), &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (history[0].source, ==, VIVA_REVIEW_SOURCE_MOCK);
  g_assert_true (viva_review_state_is_learning (viva_note_get_review_state (viva_notes_store_lookup_note (b, BANK, 5))));
  assert_same_review (viva_notes_store_lookup_note (a, BANK, 6), viva_notes_store_lookup_note (b, BANK, 6));

  /* A learns of it at its next save, and its count of due questions
   * follows. */
  viva_review_day_init (&day, T0 + G_TIME_SPAN_HOUR, tz, 4);
  g_assert_cmpuint (viva_notes_store_count_due (a, BANK, &day), ==, 0);
  a_changes = 0;
  g_assert_true (save_and_wait (a, NULL));
  g_assert_cmpuint (a_changes, ==, 1);
  g_assert_cmpstr (lookup_text (a, BANK, 5), ==, "A's note");
  assert_same_review (viva_notes_store_lookup_note (a, BANK, 5), viva_notes_store_lookup_note (b, BANK, 5));
  g_assert_cmpuint (viva_notes_store_count_due (a, BANK, &day), ==, 1);

  c = load_store (path);
  assert_same_review (viva_notes_store_lookup_note (c, BANK, 5), viva_notes_store_lookup_note (b, BANK, 5));
  assert_same_review (viva_notes_store_lookup_note (c, BANK, 6), viva_notes_store_lookup_note (a, BANK, 6));
}

/* Not a test of correctness: how long saving 10,000 notes takes, on the
 * main thread (the snapshot) and in the worker (the write). */
static void
test_perf_save (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;
  g_autoptr(GError) error = NULL;
  SaveResult res = { FALSE, FALSE, NULL };
  gint64 t0, t1, t2, t3;
  struct stat st;

  if (!g_test_perf ())
    {
      g_test_skip ("only run with -m perf");
      return;
    }

  store = load_store (path);
  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *bank = g_strdup_printf ("bank-%02u", i % 20);
      g_autofree char *text = g_strdup_printf ("Note %u: a list comprehension builds a list in one "
                                               "expression, [x * x for x in range(10) if x %% 2], "
                                               "and is usually faster than a loop with append(). "
                                               "Generators do the same lazily. ✓",
                                               i);
      VivaNote *note = viva_notes_store_get_note (store, bank, i + 1);

      viva_note_set_text (note, text);
      viva_note_set_status (note, (VivaStatus) (i % 3));
      viva_note_set_starred (note, i % 7 == 0);
    }

  for (guint round = 0; round < 3; round++)
    {
      set_text (store, "bank-00", 1, round % 2 ? "odd" : "even");
      res.done = FALSE;
      t0 = g_get_monotonic_time ();
      viva_notes_store_save_async (store, NULL, save_cb, &res);
      t1 = g_get_monotonic_time ();
      wait_until (flag_is_set, &res.done, "the save");
      t2 = g_get_monotonic_time ();
      g_assert_true (res.ok);

      g_assert_cmpint (stat (path, &st), ==, 0);
      g_test_message ("10,000 notes (%" G_GINT64_FORMAT " bytes): main thread %.1f ms, until written %.1f ms",
                      (gint64) st.st_size, (t1 - t0) / 1000.0, (t2 - t1) / 1000.0);
    }
  g_test_minimized_result ((t1 - t0) / 1e6, "main-thread part of saving 10,000 notes: %.1f ms",
                           (t1 - t0) / 1000.0);

  t0 = g_get_monotonic_time ();
  set_text (store, "bank-00", 1, "flushed");
  flush_store (store);
  t1 = g_get_monotonic_time ();
  g_test_message ("flush of 10,000 notes: %.1f ms", (t1 - t0) / 1000.0);

  reread = viva_notes_store_new (path);
  t2 = g_get_monotonic_time ();
  g_assert_true (store_load (reread, &error));
  t3 = g_get_monotonic_time ();
  g_assert_cmpuint (viva_notes_store_get_n_notes (reread), ==, 10000);
  g_test_message ("load of 10,000 notes: %.1f ms", (t3 - t2) / 1000.0);
}

/* Not a test of correctness: how long a save that finds 10,000 notes
 * changed by another process takes to merge them, on the main thread. */
static void
test_perf_merge (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) a = NULL;
  g_autoptr(VivaNotesStore) b = NULL;
  gint64 t0, t1;

  if (!g_test_perf ())
    {
      g_test_skip ("only run with -m perf");
      return;
    }

  a = load_store (path);
  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *text = g_strdup_printf ("Note %u: a list comprehension builds a list in one "
                                               "expression, [x * x for x in range(10) if x %% 2].",
                                               i);

      set_text (a, BANK, i + 1, text);
    }
  flush_store (a);
  b = load_store (path);

  /* B changes every tenth note; A one note, and saves after B. */
  for (guint i = 0; i < 10000; i += 10)
    set_text (b, BANK, i + 1, "changed by B");
  flush_store (b);
  set_text (a, BANK, 2, "changed by A");

  t0 = g_get_monotonic_time ();
  flush_store (a);
  t1 = g_get_monotonic_time ();

  g_assert_cmpstr (lookup_text (a, BANK, 11), ==, "changed by B");
  g_assert_cmpstr (lookup_text (a, BANK, 2), ==, "changed by A");
  g_test_minimized_result ((t1 - t0) / 1e6, "flush that merges 1,000 of 10,000 notes changed elsewhere: %.1f ms",
                           (t1 - t0) / 1000.0);
}

/* The scratchpad: code, prediction and the user's own test cases */

static GPtrArray *
make_cases (const char *first,
            ...)
{
  GPtrArray *cases = viva_code_cases_new ();
  va_list args;

  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    {
      const char *call = va_arg (args, const char *);
      VivaCodeCaseCheck check = va_arg (args, VivaCodeCaseCheck);
      const char *expect = va_arg (args, const char *);

      g_ptr_array_add (cases, viva_code_case_new_with_check (name, call, check, expect));
    }
  va_end (args);

  return cases;
}

static void
assert_same_scratchpad (VivaNote *a,
                        VivaNote *b)
{
  g_autoptr(GPtrArray) ca = viva_note_dup_cases (a);
  g_autoptr(GPtrArray) cb = viva_note_dup_cases (b);

  g_assert_cmpstr (viva_note_get_code (a), ==, viva_note_get_code (b));
  g_assert_cmpstr (viva_note_get_prediction (a), ==, viva_note_get_prediction (b));
  g_assert_cmpuint (ca->len, ==, cb->len);
  g_assert_true (viva_code_cases_equal (ca, cb));
}

#define Q42_CODE "s = \"Programming\"\ns[1:4]\n"

static void
test_scratchpad_round_trip (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *scratchpad;
  JsonArray *array;
  const char *contents;
  VivaNote *note;
  guint changes = 0;

  store = load_store (path);
  g_signal_connect (store, "note-changed", G_CALLBACK (count_note_changed_cb), &changes);

  note = viva_notes_store_get_note (store, BANK, 42);
  g_assert_true (viva_note_is_blank (note));
  g_assert_false (viva_note_get_has_code (note));

  /* Each part of the scratchpad is a change to save, and is told. */
  viva_note_set_code (note, Q42_CODE);
  g_assert_true (viva_notes_store_get_dirty (store));
  g_assert_cmpuint (changes, ==, 1);
  g_assert_true (viva_note_get_has_code (note));
  g_assert_false (viva_note_is_blank (note));
  g_assert_cmpint (viva_note_get_modified (note), >, 0);

  viva_note_set_prediction (note, "'rog'");
  g_assert_cmpuint (changes, ==, 2);

  cases = make_cases ("slice", "s[1:4]", VIVA_CODE_CASE_EXPECTED, "'rog'",
                      "", "s[100]", VIVA_CODE_CASE_RAISES, "IndexError",
                      "Ünïcödé \"quoted\" \\ 😀", "print(s[0], end='\\t')\nprint()", VIVA_CODE_CASE_OUTPUT, "P\t\n",
                      "control \x01\x1f", "len(s)", VIVA_CODE_CASE_EXPECTED, "11",
                      NULL);
  viva_note_set_cases (note, cases);
  g_assert_cmpuint (changes, ==, 3);
  g_assert_cmpuint (viva_note_get_n_cases (note), ==, 4);
  g_assert_cmpstr (viva_note_get_case (note, 1)->raises, ==, "IndexError");

  /* Setting the same again is no change. */
  viva_note_set_cases (note, cases);
  viva_note_set_code (note, Q42_CODE);
  viva_note_set_prediction (note, "'rog'");
  g_assert_cmpuint (changes, ==, 3);

  /* Only code, only a prediction, only a case: each is worth a note. */
  viva_note_set_code (viva_notes_store_get_note (store, BANK, 43), "print('x')");
  viva_note_set_prediction (viva_notes_store_get_note (store, "zeta", 7), "42");
  {
    g_autoptr(VivaCodeCase) one = viva_code_case_new_with_check ("one", "f(1)", VIVA_CODE_CASE_EXPECTED, "1");

    viva_note_add_case (viva_notes_store_get_note (store, "zeta", 8), one);
  }
  /* Code written and taken back leaves nothing. */
  viva_note_set_code (viva_notes_store_get_note (store, BANK, 44), "gone soon");
  viva_note_set_code (viva_notes_store_get_note (store, BANK, 44), NULL);
  g_assert_true (viva_note_is_blank (viva_notes_store_get_note (store, BANK, 44)));

  flush_store (store);

  bytes = read_file (path);
  contents = g_bytes_get_data (bytes, NULL);
  g_test_message ("%s", contents);
  g_assert_null (strstr (contents, "gone soon"));
  g_assert_null (strstr (contents, "\"44\""));

  json_parser_load_from_data (parser, contents, -1, &error);
  g_assert_no_error (error);
  {
    JsonObject *root = json_node_get_object (json_parser_get_root (parser));
    JsonObject *bank = json_object_get_object_member (json_object_get_object_member (root, "banks"), BANK);
    JsonObject *q42 = json_object_get_object_member (bank, "42");
    JsonObject *q43 = json_object_get_object_member (bank, "43");
    JsonObject *first;
    JsonObject *second;

    g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 4);
    /* The note's own members are as they were. */
    g_assert_cmpstr (json_object_get_string_member (q42, "text"), ==, "");
    g_assert_cmpstr (json_object_get_string_member (q42, "status"), ==, "new");
    g_assert_false (json_object_has_member (q42, "review"));

    scratchpad = json_object_get_object_member (q42, "scratchpad");
    g_assert_cmpstr (json_object_get_string_member (scratchpad, "code"), ==, Q42_CODE);
    g_assert_cmpstr (json_object_get_string_member (scratchpad, "prediction"), ==, "'rog'");
    array = json_object_get_array_member (scratchpad, "cases");
    g_assert_cmpuint (json_array_get_length (array), ==, 4);
    first = json_array_get_object_element (array, 0);
    second = json_array_get_object_element (array, 1);
    g_assert_cmpstr (json_object_get_string_member (first, "call"), ==, "s[1:4]");
    g_assert_cmpstr (json_object_get_string_member (first, "expected"), ==, "'rog'");
    g_assert_false (json_object_has_member (first, "raises"));
    g_assert_cmpstr (json_object_get_string_member (second, "raises"), ==, "IndexError");
    g_assert_false (json_object_has_member (second, "expected"));
    g_assert_false (json_object_has_member (second, "output"));

    scratchpad = json_object_get_object_member (q43, "scratchpad");
    g_assert_cmpstr (json_object_get_string_member (scratchpad, "prediction"), ==, "");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (scratchpad, "cases")), ==, 0);
  }

  /* Another Viva reads back exactly what was there. */
  reread = load_store (path);
  g_assert_cmpint (viva_notes_store_get_state (reread), ==, VIVA_NOTES_STORE_STATE_OK);
  g_assert_cmpuint (viva_notes_store_get_n_notes (reread), ==, 4);
  assert_same_scratchpad (viva_notes_store_lookup_note (store, BANK, 42),
                          viva_notes_store_lookup_note (reread, BANK, 42));
  assert_same_scratchpad (viva_notes_store_lookup_note (store, BANK, 43),
                          viva_notes_store_lookup_note (reread, BANK, 43));
  assert_same_scratchpad (viva_notes_store_lookup_note (store, "zeta", 7),
                          viva_notes_store_lookup_note (reread, "zeta", 7));
  assert_same_scratchpad (viva_notes_store_lookup_note (store, "zeta", 8),
                          viva_notes_store_lookup_note (reread, "zeta", 8));
  g_assert_cmpint (viva_note_get_modified (viva_notes_store_lookup_note (reread, BANK, 42)), ==,
                   viva_note_get_modified (viva_notes_store_lookup_note (store, BANK, 42)));
  g_assert_false (viva_notes_store_get_dirty (reread));

  /* Removing the last case, code and prediction makes the note blank
   * again, and it leaves the file. */
  note = viva_notes_store_lookup_note (reread, "zeta", 8);
  viva_note_remove_case (note, 0);
  g_assert_true (viva_note_is_blank (note));
  flush_store (reread);
  g_clear_object (&reread);
  reread = load_store (path);
  g_assert_null (viva_notes_store_lookup_note (reread, "zeta", 8));
  g_assert_cmpuint (viva_notes_store_get_n_notes (reread), ==, 3);
}

/* Code is saved by itself, like a note, a moment after typing stops. */
static void
test_scratchpad_autosave (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;

  store = load_store (path);
  viva_notes_store_set_autosave_delay (store, 50);

  viva_note_set_code (viva_notes_store_get_note (store, BANK, 1), "print(1)");
  g_assert_true (viva_notes_store_get_dirty (store));
  wait_until (store_saved_cleanly, store, "autosave of code");

  viva_note_set_prediction (viva_notes_store_get_note (store, BANK, 1), "1");
  g_assert_true (viva_notes_store_get_dirty (store));
  wait_until (store_saved_cleanly, store, "autosave of a prediction");

  reread = load_store (path);
  g_assert_cmpstr (viva_note_get_code (viva_notes_store_lookup_note (reread, BANK, 1)), ==, "print(1)");
  g_assert_cmpstr (viva_note_get_prediction (viva_notes_store_lookup_note (reread, BANK, 1)), ==, "1");
}

/* A file written as version 4 without the members that version added:
 * the lines of "stability", "difficulty", "step" and "reviews" gone, and
 * the comma they
 * needed after "lapses". The rest is compared byte for byte with what
 * was read. */
static GBytes *
strip_memory (GBytes *bytes)
{
  g_auto(GStrv) lines = g_strsplit (g_bytes_get_data (bytes, NULL), "\n", -1);
  GString *out = g_string_new (NULL);
  guint n_memory = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (strstr (line, "\"stability\" : ") != NULL || strstr (line, "\"difficulty\" : ") != NULL ||
          strstr (line, "\"step\" : ") != NULL || strstr (line, "\"reviews\" : ") != NULL)
        {
          n_memory++;
          continue;
        }

      if (strstr (line, "\"lapses\" : ") != NULL && g_str_has_suffix (line, ","))
        g_string_append_len (out, line, strlen (line) - 1);
      else
        g_string_append (out, line);

      if (lines[i + 1] != NULL)
        g_string_append_c (out, '\n');
    }

  /* Four per note reviewed. */
  g_assert_cmpuint (n_memory % 4, ==, 0);
  g_assert_cmpuint (n_memory, >, 0);

  return g_string_free_to_bytes (out);
}

/* A version 2 file exactly as Viva 2 wrote it. */
#define VERSION_2_PRETTY(version) \
  "{\n" \
  "  \"format\" : \"viva-notes\",\n" \
  "  \"version\" : " version ",\n" \
  "  \"banks\" : {\n" \
  "    \"" BANK "\" : {\n" \
  "      \"1\" : {\n" \
  "        \"text\" : \"# Slicing\\n\\nHalf-open: `s[1:4]` is 'rog' — \\\"quoted\\\", tab\\t, ünïcödé 😀\",\n" \
  "        \"status\" : \"learning\",\n" \
  "        \"starred\" : true,\n" \
  "        \"modified\" : \"2026-11-24T01:02:03.123456Z\",\n" \
  "        \"review\" : {\n" \
  "          \"due\" : \"2026-11-27T01:02:03.123456Z\",\n" \
  "          \"last-review\" : \"2026-11-24T01:02:03.123456Z\",\n" \
  "          \"interval\" : 3,\n" \
  "          \"ease\" : 2500,\n" \
  "          \"repetitions\" : 2,\n" \
  "          \"lapses\" : 0\n" \
  "        },\n" \
  "        \"history\" : [\n" \
  "          {\n" \
  "            \"time\" : \"2026-11-23T09:00:00.000000Z\",\n" \
  "            \"grade\" : \"good\",\n" \
  "            \"source\" : \"mock\"\n" \
  "          },\n" \
  "          {\n" \
  "            \"time\" : \"2026-11-24T01:02:03.123456Z\",\n" \
  "            \"grade\" : \"good\",\n" \
  "            \"source\" : \"review\"\n" \
  "          }\n" \
  "        ]\n" \
  "      },\n" \
  "      \"42\" : {\n" \
  "        \"text\" : \"\",\n" \
  "        \"status\" : \"confident\",\n" \
  "        \"starred\" : false,\n" \
  "        \"modified\" : \"2026-01-01T00:00:00.000000Z\"\n" \
  "      }\n" \
  "    },\n" \
  "    \"zeta\" : {\n" \
  "      \"9\" : {\n" \
  "        \"text\" : \"control \\u0001\",\n" \
  "        \"status\" : \"new\",\n" \
  "        \"starred\" : true,\n" \
  "        \"modified\" : \"2025-06-01T12:00:00.500000Z\"\n" \
  "      }\n" \
  "    }\n" \
  "  }\n" \
  "}\n"

/* The migration keeps every note of a version 2 file: written back, the
 * file is the same byte for byte but for its version, and the version 2
 * file is the backup. */
static void
test_scratchpad_version_2_upgraded (void)
{
  g_autofree char *path = notes_path ();
  g_autofree char *bak_path = sibling_path (path, ".bak");
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) upgraded = NULL;
  g_autoptr(GError) error = NULL;
  VivaNote *note;

  write_file (path, VERSION_2_PRETTY ("2"), -1);
  original = read_file (path);

  store = load_store (path);
  g_assert_cmpint (viva_notes_store_get_state (store), ==, VIVA_NOTES_STORE_STATE_OK);
  g_assert_cmpuint (viva_notes_store_get_n_notes (store), ==, 3);
  g_assert_false (viva_notes_store_get_dirty (store));
  note = viva_notes_store_lookup_note (store, BANK, 1);
  g_assert_cmpstr (viva_note_get_code (note), ==, "");
  g_assert_cmpstr (viva_note_get_prediction (note), ==, "");
  g_assert_cmpuint (viva_note_get_n_cases (note), ==, 0);
  assert_file_equals (path, original);

  /* A save with nothing changed writes the notes as they were read. */
  g_assert_true (save_and_wait (store, &error));
  g_assert_no_error (error);
  upgraded = read_file (path);
  expected = g_bytes_new_static (VERSION_2_PRETTY ("4"), strlen (VERSION_2_PRETTY ("4")));
  {
    g_autoptr(GBytes) without_memory = strip_memory (upgraded);

    if (!g_bytes_equal (without_memory, expected))
      g_test_message ("written:\n%s", (const char *) g_bytes_get_data (upgraded, NULL));
    g_assert_true (g_bytes_equal (without_memory, expected));
  }
  assert_file_equals (bak_path, original);

  /* And code added after the upgrade sits beside them. */
  viva_note_set_code (viva_notes_store_lookup_note (store, BANK, 1), Q42_CODE);
  flush_store (store);
  reread = load_store (path);
  note = viva_notes_store_lookup_note (reread, BANK, 1);
  g_assert_cmpstr (viva_note_get_code (note), ==, Q42_CODE);
  g_assert_cmpint (viva_note_get_status (note), ==, VIVA_STATUS_LEARNING);
  g_assert_cmpuint (viva_note_get_review_state (note)->interval, ==, 3);
}

/* Versions 1 and 2 ignored members they did not know, "scratchpad"
 * too: in such a file it is not read (no Viva of that version wrote
 * it), and not damage either. */
static void
test_scratchpad_ignored_before_version_3 (void)
{
  static const char * const files[] = {
    "{\"format\": \"viva-notes\", \"version\": 1, \"banks\": {\"" BANK "\": {\"1\": {" NOTE_FIELDS
    ", \"scratchpad\": {\"code\": 42}}}}}",
    "{\"format\": \"viva-notes\", \"version\": 2, \"banks\": {\"" BANK "\": {\"1\": {" NOTE_FIELDS
    ", \"scratchpad\": {\"code\": \"import os\", \"prediction\": \"\", \"cases\": []}}}}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = notes_path ();
      g_autoptr(VivaNotesStore) store = NULL;

      write_file (path, files[i], -1);
      store = load_store (path);
      g_assert_cmpint (viva_notes_store_get_state (store), ==, VIVA_NOTES_STORE_STATE_OK);
      g_assert_cmpstr (lookup_text (store, BANK, 1), ==, "hi");
      g_assert_cmpstr (viva_note_get_code (viva_notes_store_lookup_note (store, BANK, 1)), ==, "");
      g_clear_object (&store);
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
}

/* The user's own case is the type Run Tests runs (VivaCodeCase, one for
 * the challenges' tests and the notes): what it holds beyond the one
 * check, an unordered comparison, is kept through a load and a save. */
static void
test_scratchpad_case_unordered_kept (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const VivaCodeCase *code_case;
  VivaNote *note;

  write_file (path, P_WITH_CASE ("\"name\": \"pair\", \"call\": \"f()\", "
                                 "\"expected\": \"[2, 1]\", \"unordered\": true"), -1);
  store = load_store (path);
  g_assert_cmpint (viva_notes_store_get_state (store), ==, VIVA_NOTES_STORE_STATE_OK);
  note = viva_notes_store_lookup_note (store, "bank", 1);
  g_assert_nonnull (note);
  g_assert_cmpuint (viva_note_get_n_cases (note), ==, 1);
  code_case = viva_note_get_case (note, 0);
  g_assert_cmpstr (code_case->expected, ==, "[2, 1]");
  g_assert_true (code_case->unordered);

  /* Something else changes; the case is written back as it was. */
  viva_note_set_prediction (note, "changed");
  flush_store (store);
  bytes = read_file (path);
  g_test_message ("%.*s", (int) g_bytes_get_size (bytes), (const char *) g_bytes_get_data (bytes, NULL));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  "\"expected\" : \"[2, 1]\",\n"
                                  "              \"unordered\" : true\n"));
}

/* A file from a Viva newer than this one is read-only, its code shown
 * (read as version 3 where it can be) and never written to. */
static void
test_scratchpad_future_version (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = viva_notes_store_new (path);
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GError) error = NULL;
  VivaNote *note;
  static const char future[] =
    "{\"format\": \"viva-notes\", \"version\": 5, \"banks\": {\"" BANK "\": {\"1\": {" NOTE_FIELDS
    ", \"scratchpad\": {\"code\": \"print(1)\", \"prediction\": \"1\", \"cases\": [], \"language\": \"python3\"}}}}}";

  write_file (path, future, -1);
  original = read_file (path);

  g_assert_false (store_load (store, &error));
  g_assert_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_FUTURE_VERSION);
  g_assert_true (viva_notes_store_get_read_only (store));
  note = viva_notes_store_lookup_note (store, BANK, 1);
  g_assert_nonnull (note);
  g_assert_cmpstr (viva_note_get_code (note), ==, "print(1)");
  g_assert_cmpstr (viva_note_get_prediction (note), ==, "1");

  viva_note_set_code (note, "print(2)");
  g_assert_true (viva_notes_store_get_dirty (store));
  g_clear_error (&error);
  g_assert_false (viva_notes_store_flush (store, &error));
  g_assert_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_READ_ONLY);
  assert_file_equals (path, original);
}

/* Nothing that would not load again is written: code over 1 MiB, more
 * than 100 cases, a case without a call. The file stays as it was, the
 * store says why, and saving works again once fixed. */
static void
test_scratchpad_not_written_when_invalid (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autofree char *huge = g_strnfill (VIVA_NOTE_TEXT_MAX_SIZE + 1, 'x');
  g_autofree char *long_prediction = g_strnfill (VIVA_NOTE_PREDICTION_MAX_SIZE + 1, 'p');
  g_autoptr(GPtrArray) many = viva_code_cases_new ();
  g_autoptr(GPtrArray) no_call = NULL;
  VivaNote *note;

  store = load_store (path);
  set_text (store, BANK, 1, "fine");
  flush_store (store);
  before = read_file (path);
  note = viva_notes_store_get_note (store, BANK, 2);

  for (guint i = 0; i < VIVA_CODE_CASES_MAX + 1; i++)
    g_ptr_array_add (many, viva_code_case_new_with_check (NULL, "f()", VIVA_CODE_CASE_EXPECTED, "1"));
  no_call = make_cases ("no call", "", VIVA_CODE_CASE_EXPECTED, "1", NULL);

  for (guint round = 0; round < 4; round++)
    {
      g_autoptr(GError) error = NULL;

      switch (round)
        {
        case 0:
          viva_note_set_code (note, huge);
          break;
        case 1:
          viva_note_set_code (note, NULL);
          viva_note_set_prediction (note, long_prediction);
          break;
        case 2:
          viva_note_set_prediction (note, NULL);
          viva_note_set_cases (note, many);
          break;
        default:
          viva_note_set_cases (note, no_call);
          break;
        }

      g_assert_false (viva_notes_store_flush (store, &error));
      g_assert_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID);
      g_test_message ("flush error: %s", error->message);
      g_assert_nonnull (strstr (error->message, "question 2"));
      g_assert_nonnull (viva_notes_store_get_save_error (store));
      g_assert_true (viva_notes_store_get_dirty (store));
      assert_file_equals (path, before);
    }

  huge[VIVA_NOTE_TEXT_MAX_SIZE] = '\0';
  viva_note_set_cases (note, NULL);
  viva_note_set_code (note, huge);
  flush_store (store);
  reread = load_store (path);
  g_assert_cmpuint (strlen (viva_note_get_code (viva_notes_store_lookup_note (reread, BANK, 2))), ==,
                    VIVA_NOTE_TEXT_MAX_SIZE);
}

/* A damaged scratchpad is a damaged file: moved aside byte for byte, and
 * the backup, with its code, used instead. */
static void
test_scratchpad_damaged_restored (void)
{
  g_autofree char *path = notes_path ();
  g_autofree char *bak_path = sibling_path (path, ".bak");
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(GBytes) bad = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) damaged = NULL;
  g_autoptr(GBytes) good = NULL;

  store = load_store (path);
  viva_note_set_code (viva_notes_store_get_note (store, BANK, 1), "in the backup");
  flush_store (store);
  viva_note_set_code (viva_notes_store_get_note (store, BANK, 1), "x = 1\n");
  flush_store (store);
  g_clear_object (&store);

  /* A sync tool or an editor turns the code into a number. */
  good = read_file (path);
  damaged = g_string_new_len (g_bytes_get_data (good, NULL), g_bytes_get_size (good));
  g_assert_cmpuint (g_string_replace (damaged, "\"x = 1\\n\"", "1", 1), ==, 1);
  bad = g_bytes_new (damaged->str, damaged->len);
  write_file (path, damaged->str, damaged->len);

  store = viva_notes_store_new (path);
  g_assert_false (store_load (store, &error));
  g_assert_error (error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_INVALID);
  g_test_message ("load error: %s", error->message);
  g_assert_nonnull (strstr (error->message, "scratchpad"));
  g_assert_cmpint (viva_notes_store_get_state (store), ==, VIVA_NOTES_STORE_STATE_RECOVERED);
  g_assert_true (viva_notes_store_get_restored_from_backup (store));
  assert_file_equals (viva_notes_store_get_moved_aside_path (store), bad);
  g_assert_cmpstr (viva_note_get_code (viva_notes_store_lookup_note (store, BANK, 1)), ==, "in the backup");
  g_assert_true (file_exists (bak_path));

  /* Saved again from the backup; the damaged file stays where it went. */
  flush_store (store);
  assert_file_equals (viva_notes_store_get_moved_aside_path (store), bad);
}

static void
assert_code_both_kept (const char *code,
                       const char *ours,
                       const char *theirs)
{
  const char *ours_at = strstr (code, ours);
  const char *theirs_at = strstr (code, theirs);
  const char *our_label = strstr (code, "# ——— This window’s version");
  const char *their_label = strstr (code, "# ——— Another window’s version");

  g_assert_nonnull (ours_at);
  g_assert_nonnull (theirs_at);
  g_assert_nonnull (our_label);
  g_assert_nonnull (their_label);
  g_assert_true (our_label < ours_at);
  g_assert_true (ours_at < their_label);
  g_assert_true (their_label < theirs_at);
}

static gboolean
note_has_case (VivaNote   *note,
               const char *name)
{
  for (guint i = 0; i < viva_note_get_n_cases (note); i++)
    {
      if (g_strcmp0 (viva_note_get_case (note, i)->name, name) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Two Vivas on one file (issue 9's merge) with the scratchpad: code
 * changed on both sides keeps both, as Python comments say, and is
 * reported; code changed on one side is taken; test cases added on
 * both sides are all kept, one removed on one side is removed; the
 * prediction changed last wins. */
static void
test_scratchpad_two_stores (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) a = NULL;
  g_autoptr(VivaNotesStore) b = NULL;
  g_autoptr(VivaNotesStore) c = NULL;
  g_autoptr(GArray) b_conflicts = NULL;
  g_autoptr(GPtrArray) base_cases = NULL;
  g_autoptr(VivaCodeCase) from_a = viva_code_case_new_with_check ("from A", "f(2)", VIVA_CODE_CASE_EXPECTED, "4");
  g_autoptr(VivaCodeCase) from_b = viva_code_case_new_with_check ("from B", "f(3)", VIVA_CODE_CASE_RAISES, "ValueError");
  g_autofree char *merged = NULL;
  VivaNote *note_a;
  VivaNote *note_b;

  a = load_store (path);
  base_cases = make_cases ("base", "f(1)", VIVA_CODE_CASE_EXPECTED, "1", NULL);
  note_a = viva_notes_store_get_note (a, BANK, 5);
  viva_note_set_code (note_a, "def f(x):\n    return x\n");
  viva_note_set_prediction (note_a, "1");
  viva_note_set_cases (note_a, base_cases);
  flush_store (a);
  g_clear_object (&a);

  a = load_store (path);
  b = load_store (path);
  b_conflicts = watch_conflicts (b);
  note_a = viva_notes_store_get_note (a, BANK, 5);
  note_b = viva_notes_store_get_note (b, BANK, 5);

  viva_note_set_code (note_a, "def f(x):\n    return x * 2\n");
  viva_note_add_case (note_a, from_a);
  viva_note_set_prediction (note_a, "2");
  g_usleep (2000);
  viva_note_set_code (note_b, "def f(x):\n    return x ** 2\n");
  viva_note_add_case (note_b, from_b);
  viva_note_set_prediction (note_b, "3");
  flush_store (a);
  flush_store (b);

  merged = g_strdup (viva_note_get_code (note_b));
  g_test_message ("merged code:\n%s", merged);
  assert_code_both_kept (merged, "return x ** 2", "return x * 2");
  g_assert_cmpuint (b_conflicts->len, ==, 1);
  g_assert_cmpuint (g_array_index (b_conflicts, guint, 0), ==, 5);
  g_assert_cmpuint (viva_note_get_n_cases (note_b), ==, 3);
  g_assert_true (note_has_case (note_b, "base"));
  g_assert_true (note_has_case (note_b, "from A"));
  g_assert_true (note_has_case (note_b, "from B"));
  g_assert_cmpstr (viva_note_get_prediction (note_b), ==, "3");

  /* A takes B's merge as it is at its next save. */
  set_text (a, BANK, 6, "unrelated");
  g_assert_true (save_and_wait (a, NULL));
  g_assert_cmpstr (viva_note_get_code (note_a), ==, merged);
  g_assert_cmpuint (viva_note_get_n_cases (note_a), ==, 3);
  g_assert_cmpstr (viva_note_get_prediction (note_a), ==, "3");

  /* One side only: A rewrites the code and drops the base case, B
   * changes the note's text; no conflict, each change taken. */
  g_array_set_size (b_conflicts, 0);
  viva_note_set_code (note_a, "f = abs\n");
  viva_note_remove_case (note_a, 0);
  set_text (b, BANK, 5, "squares");
  flush_store (a);
  flush_store (b);
  g_assert_cmpstr (viva_note_get_code (note_b), ==, "f = abs\n");
  g_assert_false (note_has_case (note_b, "base"));
  g_assert_cmpuint (viva_note_get_n_cases (note_b), ==, 2);
  g_assert_cmpstr (viva_note_get_text (note_b), ==, "squares");
  g_assert_cmpuint (b_conflicts->len, ==, 0);

  c = load_store (path);
  assert_same_scratchpad (viva_notes_store_lookup_note (c, BANK, 5), note_b);
}

/* The load balancer's count, by brute force: the notes of every bank
 * due on the review day holding @day_time. */
static guint
count_due_on_day_slowly (VivaNotesStore *store,
                         const char    **bank_ids,
                         gint64          day_time,
                         GTimeZone      *tz)
{
  VivaReviewDay day;
  guint n = 0;

  viva_review_day_init (&day, day_time, tz, VIVA_REVIEW_DAY_START_HOUR);
  for (guint b = 0; bank_ids[b] != NULL; b++)
    {
      g_autoptr(GPtrArray) notes = viva_notes_store_list_notes (store, bank_ids[b]);

      for (guint i = 0; i < notes->len; i++)
        {
          gint64 due = viva_note_get_due (g_ptr_array_index (notes, i));

          if (due > 0 && viva_review_day_contains (&day, due))
            n++;
        }
    }

  return n;
}

static void
assert_due_counts (VivaNotesStore *store,
                   const char    **bank_ids,
                   gint64          from,
                   GTimeZone      *tz)
{
  for (guint d = 0; d < 40; d++)
    {
      gint64 day_time = from + (gint64) d * G_TIME_SPAN_DAY;

      g_assert_cmpuint (viva_notes_store_count_due_on_day (day_time, store), ==,
                        count_due_on_day_slowly (store, bank_ids, day_time, tz));
    }
}

/* What the load balancer asks, how many questions of all banks are due
 * on a day, follows every change of a due date: grades, undone grades,
 * another copy's changes merged, a file loaded; by review days (4 am in
 * the configuration's time zone, here one with a DST change). */
static void
test_review_count_due_on_day (void)
{
  static const char *bank_ids[] = { BANK, "zeta", NULL };
  g_autofree char *path = notes_path ();
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) other = NULL;
  /* 2026-03-20 09:00 UTC, nine days before summer time. */
  const gint64 t0 = G_GINT64_CONSTANT (1773997200) * G_USEC_PER_SEC;
  VivaSchedulerConfig config;
  guint total = 0;

  g_assert_nonnull (tz);
  store = load_store (path);
  viva_scheduler_config_init (&config);
  config.tz = tz;
  config.due_count = viva_notes_store_count_due_on_day;
  config.due_count_data = store;
  viva_notes_store_set_scheduler_config (store, &config);
  assert_due_counts (store, bank_ids, t0, tz);

  for (guint number = 1; number <= 60; number++)
    {
      const char *bank_id = bank_ids[number % 2];
      VivaNote *note = viva_notes_store_get_note (store, bank_id, number);

      viva_note_review (note, (VivaReviewGrade) (VIVA_REVIEW_GRADE_HARD + number % 3),
                        VIVA_REVIEW_SOURCE_REVIEW, t0 - (gint64) (number % 9) * G_TIME_SPAN_DAY);
      if (number % 4 == 0)
        viva_note_review (note, VIVA_REVIEW_GRADE_EASY, VIVA_REVIEW_SOURCE_REVIEW,
                          t0 + (gint64) (number % 5) * G_TIME_SPAN_HOUR * 11);
    }
  assert_due_counts (store, bank_ids, t0 - 10 * G_TIME_SPAN_DAY, tz);
  for (guint d = 0; d < 400; d++)
    total += viva_notes_store_count_due_on_day (t0 + ((gint64) d - 20) * G_TIME_SPAN_DAY, store);
  g_assert_cmpuint (total, ==, 60);

  /* Undone: counted where it was again. */
  {
    VivaNote *note = viva_notes_store_get_note (store, BANK, 8);
    gint64 at = viva_note_get_review_state (note)->last_review;

    g_assert_true (viva_note_undo_review (note, at));
    assert_due_counts (store, bank_ids, t0 - 10 * G_TIME_SPAN_DAY, tz);
  }
  flush_store (store);

  /* Another copy grades some; merged here, they count where they are. */
  other = load_store (path);
  for (guint number = 2; number <= 60; number += 6)
    viva_note_review (viva_notes_store_get_note (other, BANK, number), VIVA_REVIEW_GRADE_GOOD,
                      VIVA_REVIEW_SOURCE_REVIEW, t0 + 3 * G_TIME_SPAN_DAY);
  viva_note_review (viva_notes_store_get_note (other, BANK, 1000), VIVA_REVIEW_GRADE_EASY,
                    VIVA_REVIEW_SOURCE_REVIEW, t0 + 3 * G_TIME_SPAN_DAY);
  flush_store (other);
  viva_note_set_text (viva_notes_store_get_note (store, BANK, 1), "changed here");
  flush_store (store);
  g_assert_nonnull (viva_notes_store_lookup_note (store, BANK, 1000));
  assert_due_counts (store, bank_ids, t0 - 10 * G_TIME_SPAN_DAY, tz);
}

/* Memory (version 4) */

static VivaReviewState
replayed_memory (VivaNote *note)
{
  VivaSchedulerConfig config;
  VivaReviewState replayed;
  const VivaReviewEntry *history;
  guint n_history;

  viva_scheduler_config_init (&config);
  config.fuzz = FALSE;
  history = viva_note_get_history (note, &n_history);
  g_assert_cmpuint (n_history, >, 0);
  viva_scheduler_replay (&config, history, n_history, &replayed);

  return replayed;
}

/* notes.json as today's main (version 3) wrote it after real reviews
 * graded by SM-2 (tests/data/formats/notes-v3-sm2.json): every note
 * reviewed gets the memory that replaying its history gives, and
 * nothing else moves: no due date, no count, no text. Written back, the
 * file is version 4 and, but for the memory, the same byte for byte;
 * the version 3 file is the backup; read again, the memory is exactly
 * what was written. */
static void
test_memory_migrated_from_version_3 (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "formats", "notes-v3-sm2.json", NULL);
  g_autofree char *path = notes_path ();
  g_autofree char *bak_path = sibling_path (path, ".bak");
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) original = read_file (fixture);
  g_autoptr(GBytes) upgraded = NULL;
  g_autoptr(GBytes) without_memory = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) bank_ids = NULL;
  JsonObject *banks;
  guint n_reviewed = 0, n_notes = 0;

  write_file (path, g_bytes_get_data (original, NULL), g_bytes_get_size (original));
  store = load_store (path);
  g_assert_cmpint (viva_notes_store_get_state (store), ==, VIVA_NOTES_STORE_STATE_OK);

  json_parser_load_from_data (parser, g_bytes_get_data (original, NULL), g_bytes_get_size (original), &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)), "version"), ==, 3);
  banks = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "banks");
  bank_ids = json_object_get_members (banks);

  for (const GList *b = bank_ids; b != NULL; b = b->next)
    {
      JsonObject *bank = json_object_get_object_member (banks, b->data);
      g_autoptr(GList) keys = json_object_get_members (bank);

      for (const GList *k = keys; k != NULL; k = k->next)
        {
          JsonObject *object = json_object_get_object_member (bank, k->data);
          VivaNote *note = viva_notes_store_lookup_note (store, b->data, (guint) g_ascii_strtoull (k->data, NULL, 10));
          const VivaReviewState *state;
          const VivaReviewEntry *history;
          JsonObject *review;
          JsonArray *entries;
          VivaReviewState replayed;
          guint n_history;

          g_assert_nonnull (note);
          n_notes++;
          g_assert_cmpstr (viva_note_get_text (note), ==, json_object_get_string_member (object, "text"));
          state = viva_note_get_review_state (note);

          if (!json_object_has_member (object, "review"))
            {
              g_assert_true (viva_review_state_is_new (state));
              g_assert_cmpfloat (state->stability, ==, 0);
              g_assert_cmpfloat (state->difficulty, ==, 0);
              continue;
            }

          n_reviewed++;
          review = json_object_get_object_member (object, "review");
          g_assert_cmpint (state->due, ==, viva_data_file_parse_time (json_object_get_string_member (review, "due")));
          g_assert_cmpint (state->last_review, ==, viva_data_file_parse_time (json_object_get_string_member (review, "last-review")));
          g_assert_cmpint (state->interval, ==, json_object_get_int_member (review, "interval"));
          g_assert_cmpint (state->ease, ==, json_object_get_int_member (review, "ease"));
          g_assert_cmpint (state->repetitions, ==, json_object_get_int_member (review, "repetitions"));
          g_assert_cmpint (state->lapses, ==, json_object_get_int_member (review, "lapses"));

          entries = json_object_get_array_member (object, "history");
          history = viva_note_get_history (note, &n_history);
          g_assert_cmpuint (n_history, ==, json_array_get_length (entries));
          g_assert_cmpint (history[n_history - 1].time, ==, state->last_review);

          /* The memory is the replay's, to the bit. */
          replayed = replayed_memory (note);
          g_assert_cmpfloat (state->stability, >=, VIVA_FSRS_STABILITY_MIN);
          g_assert_cmpfloat (state->difficulty, >=, VIVA_FSRS_DIFFICULTY_MIN);
          g_assert_cmpmem (&state->stability, sizeof (double), &replayed.stability, sizeof (double));
          g_assert_cmpmem (&state->difficulty, sizeof (double), &replayed.difficulty, sizeof (double));
          g_assert_cmpuint (state->reviews, ==, replayed.reviews);
          g_assert_cmpuint (state->reviews, ==, n_history);
          g_assert_cmpuint (state->step, ==, state->interval == 0 && replayed.interval == 0 ? replayed.step : 0);
          g_assert_true (viva_review_state_is_valid (state));
        }
    }

  g_assert_cmpuint (n_notes, ==, 5);
  g_assert_cmpuint (n_reviewed, ==, 4);
  /* Loading is not a change; the next save (any edit) upgrades. */
  g_assert_false (viva_notes_store_get_dirty (store));
  assert_file_equals (path, original);

  g_assert_true (save_and_wait (store, &error));
  g_assert_no_error (error);
  upgraded = read_file (path);
  g_test_message ("written:\n%s", (const char *) g_bytes_get_data (upgraded, NULL));
  g_assert_true (g_str_has_prefix (g_bytes_get_data (upgraded, NULL),
                                   "{\n  \"format\" : \"viva-notes\",\n  \"version\" : 4,\n"));
  without_memory = strip_memory (upgraded);
  {
    g_autoptr(GString) expected = g_string_new_len (g_bytes_get_data (original, NULL), g_bytes_get_size (original));

    g_assert_cmpuint (g_string_replace (expected, "\"version\" : 3,", "\"version\" : 4,", 1), ==, 1);
    g_assert_cmpmem (g_bytes_get_data (without_memory, NULL), g_bytes_get_size (without_memory),
                     expected->str, expected->len);
  }
  assert_file_equals (bak_path, original);

  /* Read again as version 4: no replay, the same memory exactly. */
  reread = load_store (path);
  for (const GList *b = bank_ids; b != NULL; b = b->next)
    {
      JsonObject *bank = json_object_get_object_member (banks, b->data);
      g_autoptr(GList) keys = json_object_get_members (bank);

      for (const GList *k = keys; k != NULL; k = k->next)
        {
          guint number = (guint) g_ascii_strtoull (k->data, NULL, 10);
          VivaNote *before = viva_notes_store_lookup_note (store, b->data, number);
          VivaNote *after = viva_notes_store_lookup_note (reread, b->data, number);

          g_assert_true (_viva_review_state_equal (viva_note_get_review_state (before),
                                                   viva_note_get_review_state (after)));
        }
    }
}

/* Version 4's memory as written by hand: read as it is, written back
 * with the same digits. */
static void
test_memory_good_file (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GError) error = NULL;
  const VivaReviewState *state;

  write_file (path, GOOD_FILE_V4, -1);
  store = load_store (path);
  state = viva_note_get_review_state (viva_notes_store_lookup_note (store, "bank", 1));
  g_assert_cmpfloat (state->stability, ==, 3.1262);
  g_assert_cmpfloat (state->difficulty, ==, 5.3140427);

  /* Whole numbers are numbers too. */
  g_clear_object (&store);
  write_file (path, WITH_MEMORY (", \"stability\": 12, \"difficulty\": 1" R_COUNTS), -1);
  store = load_store (path);
  state = viva_note_get_review_state (viva_notes_store_lookup_note (store, "bank", 1));
  g_assert_cmpfloat (state->stability, ==, 12);
  g_assert_cmpfloat (state->difficulty, ==, 1);

  g_clear_object (&store);
  write_file (path, GOOD_FILE_V4, -1);
  store = load_store (path);
  g_assert_true (save_and_wait (store, &error));
  g_assert_no_error (error);
  written = read_file (path);
  g_assert_nonnull (strstr (g_bytes_get_data (written, NULL), "\"stability\" : 3.1262,\n"));
  g_assert_nonnull (strstr (g_bytes_get_data (written, NULL), "\"difficulty\" : 5.3140427,\n"));
}

/* Whatever the grades give, the memory written reads back to the bit:
 * a merge compares it exactly with what is on disk. */
static void
test_memory_round_trip (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;
  const gint64 t0 = G_GINT64_CONSTANT (1788253200) * G_USEC_PER_SEC;

  store = load_store (path);
  for (guint number = 1; number <= 200; number++)
    {
      VivaNote *note = viva_notes_store_get_note (store, BANK, number);
      gint64 when = t0;

      for (guint r = 0; r < 1 + number % 7; r++)
        {
          viva_note_review (note, (VivaReviewGrade) (VIVA_REVIEW_GRADE_AGAIN + (number * 7 + r * 3) % 4),
                            VIVA_REVIEW_SOURCE_REVIEW, when);
          when += (gint64) (number % 13) * G_TIME_SPAN_HOUR * 7 + G_TIME_SPAN_MINUTE;
        }
    }
  flush_store (store);

  reread = load_store (path);
  for (guint number = 1; number <= 200; number++)
    {
      const VivaReviewState *a = viva_note_get_review_state (viva_notes_store_lookup_note (store, BANK, number));
      const VivaReviewState *b = viva_note_get_review_state (viva_notes_store_lookup_note (reread, BANK, number));

      g_assert_cmpfloat (a->stability, >, 0);
      g_assert_true (_viva_review_state_equal (a, b));
    }
}

/* Loading in a worker (viva_notes_store_load_async()): the tests hold
 * the worker after it read the file (viva-test-hold.c), act as a user
 * would meanwhile, then let it go. */

/* A save asked for, or due, while the file is read writes nothing until
 * the file's notes are in; then it writes them with what was typed. */
static void
test_async_save_waits_for_load (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) first = load_store (path);
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;
  g_autoptr(GBytes) before = NULL;
  VivaTestNotesLoad loaded = { FALSE, FALSE, NULL };
  SaveResult saved = { FALSE, FALSE, NULL };

  set_text (first, BANK, 1, "written before");
  flush_store (first);
  g_clear_object (&first);
  before = read_file (path);

  store = viva_notes_store_new (path);
  viva_notes_store_set_autosave_delay (store, 0);
  hold_notes_worker ();
  viva_notes_store_load_async (store, NULL, viva_test_notes_load_cb, &loaded);

  set_text (store, BANK, 2, "typed while loading");
  g_assert_true (viva_notes_store_get_dirty (store));
  viva_notes_store_save_async (store, NULL, save_cb, &saved);

  /* Written now, the file would lose note 1, which is not read yet. */
  g_assert_false (viva_notes_store_get_saving (store));
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (viva_notes_store_get_saving (store));
  g_assert_false (saved.done);
  g_assert_false (loaded.done);
  assert_file_equals (path, before);

  release_notes_worker ();
  wait_until (flag_is_set, &loaded.done, "the load");
  g_assert_true (loaded.ok);
  g_assert_no_error (loaded.error);
  wait_until (flag_is_set, &saved.done, "the save asked for while loading");
  g_assert_true (saved.ok);
  g_assert_no_error (saved.error);
  wait_until (store_saved_cleanly, store, "the notes to be saved");

  reread = load_store (path);
  g_assert_cmpstr (lookup_text (reread, BANK, 1), ==, "written before");
  g_assert_cmpstr (lookup_text (reread, BANK, 2), ==, "typed while loading");
}

static void
release_notes_worker_cb (gpointer data)
{
  release_notes_worker ();
}

/* Quitting while the file is read: flush waits for it, and writes what
 * was typed with the file's notes. */
static void
test_async_flush_waits_for_load (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) first = load_store (path);
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;
  VivaTestNotesLoad loaded = { FALSE, FALSE, NULL };

  set_text (first, BANK, 1, "written before");
  flush_store (first);
  g_clear_object (&first);

  store = viva_notes_store_new (path);
  hold_notes_worker ();
  viva_notes_store_load_async (store, NULL, viva_test_notes_load_cb, &loaded);
  set_text (store, BANK, 2, "typed, then quit");

  /* Let go of the worker only once the flush waits. */
  g_timeout_add_once (100, release_notes_worker_cb, NULL);
  flush_store (store);
  g_assert_false (viva_notes_store_get_loading (store));

  reread = load_store (path);
  g_assert_cmpstr (lookup_text (reread, BANK, 1), ==, "written before");
  g_assert_cmpstr (lookup_text (reread, BANK, 2), ==, "typed, then quit");
  wait_until (flag_is_set, &loaded.done, "the load's callback");
}

static void
count_conflict_cb (VivaNotesStore *store,
                   VivaNote       *note,
                   GPtrArray      *conflicts)
{
  g_ptr_array_add (conflicts, g_object_ref (note));
}

/* What is typed while the file is read is merged with the file's notes
 * by the rule of a merge with another Viva: a note only one side has is
 * kept, the same text stays once, a text typed over an empty note wins,
 * and two different texts are both kept (ours first), which is said; a
 * status set meanwhile wins over the file's older one. */
static void
test_async_typed_while_loading (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) first = load_store (path);
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func (g_object_unref);
  VivaTestNotesLoad loaded = { FALSE, FALSE, NULL };
  const char *text;

  set_text (first, BANK, 1, "loaded one");
  set_text (first, BANK, 3, "same");
  viva_note_set_status (viva_notes_store_get_note (first, BANK, 4), VIVA_STATUS_CONFIDENT);
  set_text (first, BANK, 5, "loaded five");
  viva_note_set_status (viva_notes_store_get_note (first, BANK, 5), VIVA_STATUS_LEARNING);
  flush_store (first);
  g_clear_object (&first);

  store = viva_notes_store_new (path);
  g_signal_connect (store, "conflict", G_CALLBACK (count_conflict_cb), conflicts);
  hold_notes_worker ();
  viva_notes_store_load_async (store, NULL, viva_test_notes_load_cb, &loaded);

  set_text (store, BANK, 1, "typed one");
  set_text (store, BANK, 3, "same");
  set_text (store, BANK, 4, "typed four");
  viva_note_set_status (viva_notes_store_get_note (store, BANK, 5), VIVA_STATUS_CONFIDENT);
  set_text (store, BANK, 6, "typed six");

  release_notes_worker ();
  wait_until (flag_is_set, &loaded.done, "the load");
  g_assert_true (loaded.ok);

  /* Both texts of note 1: the saved note first, then what was typed,
   * each under a line that says which it is; and the user is told. */
  text = lookup_text (store, BANK, 1);
  g_assert_nonnull (strstr (text, "typed one"));
  g_assert_nonnull (strstr (text, "loaded one"));
  g_assert_true (strstr (text, "——— Saved note ———") < strstr (text, "loaded one"));
  g_assert_true (strstr (text, "loaded one") < strstr (text, "——— Typed while your notes were loading ———"));
  g_assert_true (strstr (text, "——— Typed while your notes were loading ———") < strstr (text, "typed one"));
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_true (g_ptr_array_index (conflicts, 0) == viva_notes_store_lookup_note (store, BANK, 1));

  g_assert_cmpstr (lookup_text (store, BANK, 3), ==, "same");
  g_assert_cmpstr (lookup_text (store, BANK, 4), ==, "typed four");
  g_assert_cmpint (viva_note_get_status (viva_notes_store_lookup_note (store, BANK, 4)), ==, VIVA_STATUS_CONFIDENT);
  g_assert_cmpstr (lookup_text (store, BANK, 5), ==, "loaded five");
  g_assert_cmpint (viva_note_get_status (viva_notes_store_lookup_note (store, BANK, 5)), ==, VIVA_STATUS_CONFIDENT);
  g_assert_cmpstr (lookup_text (store, BANK, 6), ==, "typed six");

  /* And it is all saved. */
  flush_store (store);
  reread = load_store (path);
  g_assert_cmpstr (lookup_text (reread, BANK, 1), ==, lookup_text (store, BANK, 1));
  g_assert_cmpstr (lookup_text (reread, BANK, 4), ==, "typed four");
  g_assert_cmpint (viva_note_get_status (viva_notes_store_lookup_note (reread, BANK, 5)), ==, VIVA_STATUS_CONFIDENT);
  g_assert_cmpstr (lookup_text (reread, BANK, 6), ==, "typed six");
}

/* A grade given while the file is read goes after the file's history,
 * with the memory that grading the loaded note gives. */
static void
test_async_graded_while_loading (void)
{
  const gint64 t1 = G_GINT64_CONSTANT (1793491200) * G_USEC_PER_SEC; /* 2026-11-01 */
  const gint64 t2 = t1 + 4 * G_TIME_SPAN_DAY;
  const gint64 t3 = t2 + 7 * G_TIME_SPAN_DAY;
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) first = load_store (path);
  g_autoptr(VivaNotesStore) expected = NULL;
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(VivaNotesStore) reread = NULL;
  VivaTestNotesLoad loaded = { FALSE, FALSE, NULL };
  const VivaReviewState *state;
  const VivaReviewState *expected_state;
  const VivaReviewEntry *history;
  guint n_history;
  VivaNote *note;

  note = viva_notes_store_get_note (first, BANK, 1);
  viva_note_set_text (note, "graded before");
  viva_note_review (note, VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW, t1);
  viva_note_review (note, VIVA_REVIEW_GRADE_HARD, VIVA_REVIEW_SOURCE_MOCK, t2);
  flush_store (first);
  g_clear_object (&first);

  /* Graded once loaded, as the user would have otherwise. */
  expected = load_store (path);
  viva_note_review (viva_notes_store_get_note (expected, BANK, 1), VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW, t3);
  expected_state = viva_note_get_review_state (viva_notes_store_lookup_note (expected, BANK, 1));

  store = viva_notes_store_new (path);
  hold_notes_worker ();
  viva_notes_store_load_async (store, NULL, viva_test_notes_load_cb, &loaded);
  viva_note_review (viva_notes_store_get_note (store, BANK, 1), VIVA_REVIEW_GRADE_GOOD, VIVA_REVIEW_SOURCE_REVIEW, t3);
  release_notes_worker ();
  wait_until (flag_is_set, &loaded.done, "the load");
  g_assert_true (loaded.ok);

  note = viva_notes_store_lookup_note (store, BANK, 1);
  g_assert_cmpstr (viva_note_get_text (note), ==, "graded before");
  history = viva_note_get_history (note, &n_history);
  g_assert_cmpuint (n_history, ==, 3);
  g_assert_cmpint (history[0].time, ==, t1);
  g_assert_cmpint (history[1].time, ==, t2);
  g_assert_cmpint (history[1].source, ==, VIVA_REVIEW_SOURCE_MOCK);
  g_assert_cmpint (history[2].time, ==, t3);
  g_assert_cmpint (history[2].grade, ==, VIVA_REVIEW_GRADE_GOOD);
  state = viva_note_get_review_state (note);
  g_assert_cmpuint (state->reviews, ==, expected_state->reviews);
  g_assert_cmpint (state->last_review, ==, t3);
  g_assert_cmpfloat (state->stability, ==, expected_state->stability);
  g_assert_cmpfloat (state->difficulty, ==, expected_state->difficulty);

  flush_store (store);
  reread = load_store (path);
  viva_note_get_history (viva_notes_store_lookup_note (reread, BANK, 1), &n_history);
  g_assert_cmpuint (n_history, ==, 3);

  flush_store (expected);
}

/* notes.json replaced after the worker read it damaged: it is not moved
 * aside (it is no longer the damaged file), but read again and loaded. */
static void
test_async_replaced_while_reading (void)
{
  g_autofree char *path = notes_path ();
  g_autoptr(VivaNotesStore) first = NULL;
  g_autoptr(VivaNotesStore) store = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *dir_path = g_path_get_dirname (path);
  g_autofree char *good = NULL;
  VivaTestNotesLoad loaded = { FALSE, FALSE, NULL };
  const char *name;

  write_file (path, "{\"format\": \"viva-notes\", \"version\": 1, \"banks\": {", -1);

  store = viva_notes_store_new (path);
  hold_notes_worker ();
  viva_notes_store_load_async (store, NULL, viva_test_notes_load_cb, &loaded);
  /* Most likely read by now; were it not, it reads the good file, and
   * the outcome is the same. */
  g_usleep (200 * 1000);

  /* Another Viva writes a good file meanwhile. */
  {
    g_autofree char *other_path = g_strconcat (path, ".other", NULL);

    first = viva_notes_store_new (other_path);
    g_assert_true (viva_notes_store_load (first, NULL));
    set_text (first, BANK, 1, "written by another Viva");
    flush_store (first);
    g_assert_cmpint (g_rename (other_path, path), ==, 0);
  }

  release_notes_worker ();
  wait_until (flag_is_set, &loaded.done, "the load");
  g_assert_no_error (loaded.error);
  g_assert_true (loaded.ok);
  g_assert_cmpint (viva_notes_store_get_state (store), ==, VIVA_NOTES_STORE_STATE_OK);
  g_assert_null (viva_notes_store_get_moved_aside_path (store));
  g_assert_cmpstr (lookup_text (store, BANK, 1), ==, "written by another Viva");

  dir = g_dir_open (dir_path, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_null (strstr (name, "corrupt"));
}

typedef struct
{
  GTestFunc     func;
  GTestDataFunc data_func;
  gconstpointer data;
  gboolean      async;
} LoadTest;

static void
run_load_test (gconstpointer data)
{
  const LoadTest *test = data;

  load_async = test->async;
  if (test->func != NULL)
    test->func ();
  else
    test->data_func (test->data);
  load_async = FALSE;
}

/* The tests of what loading does with the file, run through both loads. */
static const char * const load_tests[] = {
  "/notes-store/round-trip",
  "/notes-store/backup/",
  "/notes-store/symlinked-file-kept",
  "/notes-store/corrupt/",
  "/notes-store/depth-limit",
  "/notes-store/byte-order-mark",
  "/notes-store/too-large",
  "/notes-store/future-version/",
  "/notes-store/read-only-dir/",
  "/notes-store/not-a-directory",
  "/notes-store/review/good-file",
  "/notes-store/review/version-1-upgraded",
  "/notes-store/review/damaged-restored",
  "/notes-store/scratchpad/version-2-upgraded",
  "/notes-store/scratchpad/future-version",
  "/notes-store/scratchpad/damaged-restored",
  "/notes-store/memory/migrated-from-version-3",
  "/notes-store/memory/good-file",
};

static void
add_test (const char    *path,
          GTestFunc      func,
          GTestDataFunc  data_func,
          gconstpointer  data)
{
  gboolean is_load_test = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (load_tests); i++)
    if (g_str_has_prefix (path, load_tests[i]))
      is_load_test = TRUE;

  for (int async = 0; async <= is_load_test; async++)
    {
      /* Freed with the test case, when g_test_run() frees the suite. */
      LoadTest *test = g_new0 (LoadTest, 1);
      g_autofree char *name = async ? g_strconcat ("/notes-store/async", path + strlen ("/notes-store"), NULL)
                                    : g_strdup (path);

      test->func = func;
      test->data_func = data_func;
      test->data = data;
      test->async = async;
      g_test_add_data_func_full (name, test, run_load_test, g_free);
    }
}

static void
add_test_func (const char *path,
               GTestFunc   func)
{
  add_test (path, func, NULL, NULL);
}

static void
add_test_data_func (const char    *path,
                    gconstpointer  data,
                    GTestDataFunc  func)
{
  add_test (path, NULL, func, data);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_log_set_writer_func (test_log_writer, NULL, NULL);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* Before the first load: the worker reads it once. */
  hold_dir = g_dir_make_tmp ("viva-test-hold-XXXXXX", NULL);
  g_assert_nonnull (hold_dir);
  /* The tests of read-only folders load as another user. */
  g_assert_cmpint (g_chmod (hold_dir, 0755), ==, 0);
  g_setenv ("VIVA_TEST_HOLD_DIR", hold_dir, TRUE);
  release_notes_worker ();

  add_test_func ("/notes-store/round-trip", test_round_trip);
  add_test_func ("/notes-store/backup/kept", test_backup);
  add_test_func ("/notes-store/symlinked-file-kept", test_symlinked_file_kept);

  for (guint i = 0; i < G_N_ELEMENTS (corrupt_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/notes-store/corrupt/%s", corrupt_cases[i].name);

      add_test_data_func (name, &corrupt_cases[i], test_corrupt);
    }
  add_test_func ("/notes-store/corrupt/deep-200000", test_corrupt_deep);
  add_test_func ("/notes-store/corrupt/twice", test_corrupt_twice);
  add_test_data_func ("/notes-store/corrupt/random", GOOD_FILE, test_random_damage);
  add_test_data_func ("/notes-store/corrupt/random-with-review", GOOD_FILE_V2, test_random_damage);
  add_test_data_func ("/notes-store/corrupt/random-with-scratchpad", GOOD_FILE_V3, test_random_damage);
  add_test_data_func ("/notes-store/corrupt/random-with-memory", GOOD_FILE_V4, test_random_damage);
  add_test_func ("/notes-store/depth-limit", test_depth_limit);
  add_test_func ("/notes-store/byte-order-mark", test_byte_order_mark);
  add_test_func ("/notes-store/too-large", test_too_large);
  add_test_func ("/notes-store/backup/restored", test_backup_restored);
  add_test_func ("/notes-store/backup/when-missing", test_backup_when_missing);
  add_test_func ("/notes-store/backup/damaged-too", test_backup_damaged_too);
  add_test_func ("/notes-store/backup/missing-with-damaged-backup", test_missing_with_damaged_backup);
  add_test_func ("/notes-store/future-version/readable-notes", test_future_version);
  add_test_func ("/notes-store/future-version/unreadable-notes", test_future_version_unreadable_notes);
  add_test_func ("/notes-store/future-version/too-large-to-hold", test_future_version_too_large);
  add_test_func ("/notes-store/future-version/read-again", test_future_version_read_again);
  add_test_func ("/notes-store/failed-write-keeps-file", test_failed_write_keeps_file);
  add_test_func ("/notes-store/oversized-note", test_oversized_note_not_written);
  add_test_func ("/notes-store/oversized-file", test_oversized_file_not_written);
  add_test_func ("/notes-store/read-only-dir/good-file", test_read_only_dir);
  add_test_func ("/notes-store/read-only-dir/damaged", test_damaged_in_read_only_dir);
  add_test_func ("/notes-store/not-a-directory", test_not_a_directory);
  add_test_func ("/notes-store/two-stores/different-notes", test_two_stores);
  add_test_func ("/notes-store/two-stores/same-note", test_two_stores_same_note);
  add_test_func ("/notes-store/merge/only-disk-changed", test_merge_only_disk_changed);
  add_test_func ("/notes-store/merge/only-we-changed", test_merge_only_we_changed);
  add_test_func ("/notes-store/merge/deleted-on-one-side", test_merge_deleted_on_one_side);
  add_test_func ("/notes-store/merge/older-copy-kept-beside", test_merge_older_copy_kept_beside);
  add_test_func ("/notes-store/watch/takes-changes-from-disk", test_watch_takes_changes_from_disk);
  add_test_func ("/notes-store/watch/keeps-unsaved-edits", test_watch_keeps_unsaved_edits);
  add_test_func ("/notes-store/changed-on-disk/damaged", test_changed_on_disk_damaged);
  add_test_func ("/notes-store/changed-on-disk/newer", test_changed_on_disk_newer);
  add_test_func ("/notes-store/autosave/after-delay", test_autosave);
  add_test_func ("/notes-store/autosave/during-write", test_autosave_during_write);
  add_test_func ("/notes-store/autosave/while-typing", test_autosave_while_typing);
  add_test_func ("/notes-store/flush/waits-for-write", test_flush_waits_for_write);
  add_test_func ("/notes-store/flush/synchronous", test_flush_writes_synchronously);
  add_test_func ("/notes-store/flush/dirty-until-written", test_dirty_until_written);
  add_test_func ("/notes-store/save-cancelled", test_save_cancelled);
  add_test_func ("/notes-store/holds-application", test_holds_application);
  add_test_func ("/notes-store/note-changed", test_note_changed);
  add_test_func ("/notes-store/bank-id-not-utf8", test_bank_id_not_utf8);
  add_test_func ("/notes-store/finalized-on-main-thread", test_finalized_on_main_thread);
  add_test_func ("/notes-store/dispose-dirty-warns", test_dispose_dirty_warns);
  add_test_func ("/notes-store/review/round-trip", test_review_round_trip);
  add_test_func ("/notes-store/review/good-file", test_review_good_file);
  add_test_func ("/notes-store/review/history-cap", test_review_history_cap);
  add_test_func ("/notes-store/review/changes", test_review_changes);
  add_test_func ("/notes-store/review/count-due", test_review_count_due);
  add_test_func ("/notes-store/review/count-due-on-day", test_review_count_due_on_day);
  add_test_func ("/notes-store/review/version-1-upgraded", test_review_version_1_upgraded);
  add_test_func ("/notes-store/review/damaged-restored", test_review_damaged_restored);
  add_test_func ("/notes-store/review/two-stores", test_review_two_stores);
  add_test_func ("/notes-store/scratchpad/round-trip", test_scratchpad_round_trip);
  add_test_func ("/notes-store/scratchpad/autosave", test_scratchpad_autosave);
  add_test_func ("/notes-store/scratchpad/case-unordered-kept", test_scratchpad_case_unordered_kept);
  add_test_func ("/notes-store/scratchpad/version-2-upgraded", test_scratchpad_version_2_upgraded);
  add_test_func ("/notes-store/scratchpad/ignored-before-version-3", test_scratchpad_ignored_before_version_3);
  add_test_func ("/notes-store/scratchpad/future-version", test_scratchpad_future_version);
  add_test_func ("/notes-store/scratchpad/not-written-when-invalid", test_scratchpad_not_written_when_invalid);
  add_test_func ("/notes-store/scratchpad/damaged-restored", test_scratchpad_damaged_restored);
  add_test_func ("/notes-store/scratchpad/two-stores", test_scratchpad_two_stores);
  add_test_func ("/notes-store/memory/migrated-from-version-3", test_memory_migrated_from_version_3);
  add_test_func ("/notes-store/memory/good-file", test_memory_good_file);
  add_test_func ("/notes-store/memory/round-trip", test_memory_round_trip);
  add_test_func ("/notes-store/loading/save-waits", test_async_save_waits_for_load);
  add_test_func ("/notes-store/loading/flush-waits", test_async_flush_waits_for_load);
  add_test_func ("/notes-store/loading/typed-merged", test_async_typed_while_loading);
  add_test_func ("/notes-store/loading/graded-appended", test_async_graded_while_loading);
  add_test_func ("/notes-store/loading/replaced-while-reading", test_async_replaced_while_reading);
  add_test_func ("/notes-store/perf/save-10000", test_perf_save);
  add_test_func ("/notes-store/perf/merge-10000", test_perf_merge);

  ret = g_test_run ();

  {
    g_autofree char *hold = g_build_filename (hold_dir, "notes", NULL);

    g_unlink (hold);
    g_rmdir (hold_dir);
  }

  return ret;
}
