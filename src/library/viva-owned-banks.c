/* viva-owned-banks.c
 *
 * Where the user's own banks live
 * ===============================
 *
 * $XDG_DATA_HOME/io.github.vivaprep.Viva/banks/, mode 0700:
 *
 *   my-questions.md          My Questions, made on the first New Question
 *   <id>.md                  an imported bank (its id: the title's slug)
 *   <id>.md.bak              the previous version, kept at every save
 *   <id>.md.lock             flock()ed while an edit reads and writes
 *   <id>.md.corrupt-YYYYMMDD-HHMMSS
 *                            a file that did not parse, moved aside unchanged
 *   deleted/<id>.md          the questions deleted from <id>.md, a valid
 *                            bank of the same id (their notes stay in
 *                            notes.json under that id)
 *
 * Every file is 0600 and written in Viva's own Markdown by
 * viva_bank_draft_to_markdown(), so that any other tool reads it; a bank
 * left with no question is kept as its title alone (decision 4.7).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "viva-bank-writer.h"
#include "viva-bank.h"
#include "viva-data-file.h"
#include "viva-file-saver.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-owned-banks-private.h"

#define SLUG_MAX 64
/* How many times an edit starts again when another Viva wrote the file
 * between our read and our write. */
#define MAX_ATTEMPTS 8

struct _VivaOwnedBanks
{
  GObject         parent_instance;

  char           *dir;
  VivaNotesStore *notes;

  VivaOwnedBanksTestFunc before_write;
  gpointer               before_write_data;
};

G_DEFINE_FINAL_TYPE (VivaOwnedBanks, viva_owned_banks, G_TYPE_OBJECT)

enum {
  PROBLEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_STATIC_ASSERT ((int) VIVA_OWNED_BANKS_ERROR_TOO_LARGE == (int) VIVA_DATA_FILE_ERROR_TOO_LARGE);
G_STATIC_ASSERT ((int) VIVA_OWNED_BANKS_ERROR_TOO_DEEP == (int) VIVA_DATA_FILE_ERROR_TOO_DEEP);
G_STATIC_ASSERT ((int) VIVA_OWNED_BANKS_ERROR_INVALID == (int) VIVA_DATA_FILE_ERROR_INVALID);
G_STATIC_ASSERT ((int) VIVA_OWNED_BANKS_ERROR_FUTURE_VERSION == (int) VIVA_DATA_FILE_ERROR_FUTURE_VERSION);

G_DEFINE_QUARK (viva-owned-banks-error-quark, viva_owned_banks_error)

char *
viva_owned_banks_dup_default_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), APP_ID, "banks", NULL);
}

/* @path's folder with every link resolved (realpath), and its name; NULL
 * when the folder does not exist. */
static char *
dup_real_dir (const char  *path,
              char       **out_name)
{
  g_autofree char *resolved = viva_data_file_resolve_links (path);
  g_autofree char *dir = g_path_get_dirname (resolved);
  char *real = realpath (dir, NULL);
  char *copy;

  if (out_name != NULL)
    *out_name = g_path_get_basename (resolved);

  /* A folder not made yet (My Questions before its first question) has
   * no links to resolve. */
  if (real == NULL)
    return errno == ENOENT ? g_canonicalize_filename (dir, NULL) : NULL;

  /* realpath() allocates with malloc(), which g_free() need not match. */
  copy = g_strdup (real);
  free (real);

  return copy;
}

static char *
dup_real_path (const char *dir)
{
  char *real = realpath (dir, NULL);
  char *copy;

  if (real == NULL)
    return errno == ENOENT ? g_canonicalize_filename (dir, NULL) : NULL;
  copy = g_strdup (real);
  free (real);

  return copy;
}

static gboolean
path_is_in_dir (const char *path,
                const char *dir)
{
  g_autofree char *name = NULL;
  g_autofree char *file_dir = NULL;
  g_autofree char *real_dir = NULL;

  if (path == NULL || dir == NULL)
    return FALSE;

  file_dir = dup_real_dir (path, &name);
  real_dir = dup_real_path (dir);

  return file_dir != NULL && real_dir != NULL && name != NULL &&
         g_str_equal (file_dir, real_dir) &&
         g_str_has_suffix (name, ".md") && strlen (name) > 3 &&
         name[0] != '.';
}

/**
 * viva_owned_banks_is_owned_file:
 * @file: a bank's file
 *
 * Whether @file is one of the user's own banks: a .md file directly in
 * viva_owned_banks_dup_default_dir(), links resolved. Banks there are
 * edited; any other file is read-only.
 */
gboolean
viva_owned_banks_is_owned_file (GFile *file)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (file == NULL || G_IS_FILE (file), FALSE);

  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return FALSE;

  dir = viva_owned_banks_dup_default_dir ();

  return path_is_in_dir (path, dir);
}

static gboolean
id_is_taken (const char *dir,
             const char *id)
{
  g_autofree char *name = g_strconcat (id, ".md", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *deleted = g_build_filename (dir, "deleted", name, NULL);

  return g_str_equal (id, VIVA_BUNDLED_BANK_ID) ||
         g_str_equal (id, VIVA_MY_QUESTIONS_ID) ||
         g_file_test (path, G_FILE_TEST_EXISTS) ||
         g_file_test (deleted, G_FILE_TEST_EXISTS);
}

/**
 * viva_owned_banks_dup_unique_id:
 * @dir: the folder the bank goes in
 * @title: (nullable): the bank's title
 *
 * The id of a new bank in @dir: @title's slug (ASCII letters and digits
 * in lower case, every other run a "-", at most 64 bytes; "bank" when
 * nothing is left), with "-2", "-3"… when the bundled bank, My Questions
 * or a file in @dir (or in @dir/deleted) already has it.
 *
 * Returns: (transfer full): the id, which is also the file's name
 *   without ".md"
 */
char *
viva_owned_banks_dup_unique_id (const char *dir,
                                const char *title)
{
  g_autofree char *ascii = NULL;
  g_autoptr(GString) slug = g_string_new (NULL);

  g_return_val_if_fail (dir != NULL, NULL);

  if (title != NULL && g_utf8_validate (title, -1, NULL))
    ascii = g_str_to_ascii (title, "C");

  for (const char *p = ascii != NULL ? ascii : ""; *p != '\0' && slug->len < SLUG_MAX; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      /* A "?" stands for a character with no ASCII form: a gap too. */
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }

  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);

  if (slug->len == 0)
    g_string_assign (slug, "bank");

  if (!id_is_taken (dir, slug->str))
    return g_string_free (g_steal_pointer (&slug), FALSE);

  for (guint n = 2; n < G_MAXUINT; n++)
    {
      g_autofree char *suffix = g_strdup_printf ("-%u", n);
      g_autofree char *base = NULL;
      g_autofree char *id = NULL;
      gsize keep = MIN (slug->len, SLUG_MAX - strlen (suffix));

      /* Cut the slug, never the suffix, to stay within 64 bytes. */
      while (keep > 1 && slug->str[keep - 1] == '-')
        keep--;
      base = g_strndup (slug->str, keep);
      id = g_strconcat (base, suffix, NULL);
      if (!id_is_taken (dir, id))
        return g_steal_pointer (&id);
    }

  g_assert_not_reached ();
}

void
viva_question_draft_clear (VivaQuestionDraft *draft)
{
  if (draft == NULL)
    return;

  g_clear_pointer (&draft->level_name, g_free);
  g_clear_pointer (&draft->topic, g_free);
  g_clear_pointer (&draft->text, g_free);
  g_clear_pointer (&draft->answer, g_free);
  draft->level_number = 0;
}

static void
viva_owned_banks_finalize (GObject *object)
{
  VivaOwnedBanks *self = (VivaOwnedBanks *)object;

  g_clear_object (&self->notes);
  g_clear_pointer (&self->dir, g_free);

  G_OBJECT_CLASS (viva_owned_banks_parent_class)->finalize (object);
}

static void
viva_owned_banks_class_init (VivaOwnedBanksClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = viva_owned_banks_finalize;

  /**
   * VivaOwnedBanks::problem:
   * @self: the store
   * @message: what happened, as a sentence to show
   *
   * An edit met a damaged file, moved it aside and went on (from its
   * backup when there was one): the edit succeeded, but the user should
   * know. Emitted on the main thread before the edit's callback.
   */
  signals[PROBLEM] =
    g_signal_new ("problem",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
viva_owned_banks_init (VivaOwnedBanks *self)
{
}

VivaOwnedBanks *
viva_owned_banks_new (const char *dir)
{
  VivaOwnedBanks *self = g_object_new (VIVA_TYPE_OWNED_BANKS, NULL);

  self->dir = dir != NULL ? g_strdup (dir) : viva_owned_banks_dup_default_dir ();

  return self;
}

const char *
viva_owned_banks_get_dir (VivaOwnedBanks *self)
{
  g_return_val_if_fail (VIVA_IS_OWNED_BANKS (self), NULL);

  return self->dir;
}

char *
viva_owned_banks_dup_my_questions_path (VivaOwnedBanks *self)
{
  g_return_val_if_fail (VIVA_IS_OWNED_BANKS (self), NULL);

  return g_build_filename (self->dir, VIVA_MY_QUESTIONS_ID ".md", NULL);
}

void
viva_owned_banks_set_notes_store (VivaOwnedBanks *self,
                                  VivaNotesStore *notes)
{
  g_return_if_fail (VIVA_IS_OWNED_BANKS (self));
  g_return_if_fail (notes == NULL || VIVA_IS_NOTES_STORE (notes));

  g_set_object (&self->notes, notes);
}

gboolean
viva_owned_banks_owns_path (VivaOwnedBanks *self,
                            const char     *path)
{
  g_return_val_if_fail (VIVA_IS_OWNED_BANKS (self), FALSE);

  return path_is_in_dir (path, self->dir);
}

/* An id from a bank's file name: "my-questions.md" -> "my-questions". */
static char *
dup_id_for_path (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);

  if (g_str_has_suffix (name, ".md"))
    name[strlen (name) - 3] = '\0';

  return g_steal_pointer (&name);
}

/* The edits, in a worker */

typedef enum
{
  EDIT_ADD,
  EDIT_EDIT,
  EDIT_DELETE,
  EDIT_RESTORE,
} EditKind;

typedef struct
{
  EditKind           kind;
  char              *dir;
  /* Links resolved. */
  char              *path;
  char              *deleted_path;
  char              *id;
  gboolean           is_my_questions;
  guint              number;
  VivaQuestionDraft  draft;
  /* The largest number the notes keep for the bank's id. */
  guint              notes_max;
  VivaOwnedBanksTestFunc before_write;
  gpointer           before_write_data;

  /* Results */
  guint              out_number;
  VivaBank          *bank;
  GString           *problems;
} EditData;

static void
edit_data_free (EditData *data)
{
  g_free (data->dir);
  g_free (data->path);
  g_free (data->deleted_path);
  g_free (data->id);
  viva_question_draft_clear (&data->draft);
  g_clear_object (&data->bank);
  if (data->problems != NULL)
    g_string_free (data->problems, TRUE);
  g_free (data);
}

static void
add_problem (EditData   *data,
             const char *message)
{
  if (data->problems == NULL)
    data->problems = g_string_new (NULL);
  else
    g_string_append_c (data->problems, ' ');
  g_string_append (data->problems, message);
}

static char *
dup_lock_path (const char *path)
{
  return g_strconcat (path, ".lock", NULL);
}

/* A bank left with no question is its title alone (decision 4.7): the
 * parser calls it empty, but it is ours and whole. */
static VivaBankDraft *
draft_from_title_only (const char *data,
                       gsize       len)
{
  g_autofree char *text = g_strndup (data, len);
  g_autofree char *with_question = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(VivaBank) bank = NULL;

  g_strstrip (text);
  if (!g_str_has_prefix (text, "# ") || strchr (text, '\n') != NULL)
    return NULL;

  /* The parser reads the title, escapes and all, once the bank has a
   * question. */
  with_question = g_strconcat (text, "\n\n## Level 1\n\n**Question 1:** x\n", NULL);
  bytes = g_bytes_new (with_question, strlen (with_question));
  bank = viva_bank_new_from_bytes (bytes, "title", NULL);
  if (bank == NULL)
    return NULL;

  return viva_bank_draft_new (viva_bank_get_title (bank));
}

static VivaBankDraft *
parse_draft (const char  *data,
             gsize        len,
             const char  *id,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);
  g_autoptr(VivaBank) bank = NULL;
  g_autoptr(GError) local_error = NULL;
  VivaBankDraft *draft;

  bank = viva_bank_new_from_bytes (bytes, id, &local_error);
  if (bank != NULL)
    return viva_bank_draft_new_from_bank (bank);

  if ((g_error_matches (local_error, VIVA_BANK_ERROR, VIVA_BANK_ERROR_NO_LEVELS) ||
       g_error_matches (local_error, VIVA_BANK_ERROR, VIVA_BANK_ERROR_NO_QUESTIONS)) &&
      (draft = draft_from_title_only (data, len)) != NULL)
    return draft;

  g_propagate_error (error, g_steal_pointer (&local_error));

  return NULL;
}

/* Reads @path as it is now into a draft. A missing file is a NULL draft
 * with TRUE. A file that cannot be read is not ours to change:
 * READ_ONLY. A damaged one is moved aside, and its backup read in its
 * place when the backup parses; the user is told through @data. */
static gboolean
load_draft (EditData       *data,
            const char     *path,
            VivaFileStamp  *out_stamp,
            VivaBankDraft **out_draft,
            GError        **error)
{
  g_autoptr(GError) read_error = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GError) move_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *lock_path = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *backup_path = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *message = NULL;
  gsize len = 0;
  gsize backup_len = 0;
  int lock_fd;
  VivaMoveAsideResult moved;

  *out_draft = NULL;
  memset (out_stamp, 0, sizeof *out_stamp);

  if (!viva_data_file_read (path, VIVA_BANK_MAX_SIZE, VIVA_OWNED_BANKS_ERROR,
                            out_stamp, &contents, &len, &read_error))
    {
      switch (viva_data_file_read_result (read_error, VIVA_OWNED_BANKS_ERROR))
        {
        case VIVA_DATA_FILE_READ_MISSING:
          memset (out_stamp, 0, sizeof *out_stamp);
          return TRUE;

        case VIVA_DATA_FILE_READ_OK:
        case VIVA_DATA_FILE_READ_FUTURE:
        case VIVA_DATA_FILE_READ_DAMAGED:
        case VIVA_DATA_FILE_READ_UNREADABLE:
        default:
          g_set_error (error, VIVA_OWNED_BANKS_ERROR, VIVA_OWNED_BANKS_ERROR_READ_ONLY,
                       _("“%s” could not be read (%s), so it was left as it is."),
                       path, read_error->message);
          return FALSE;
        }
    }

  *out_draft = parse_draft (contents, len, data->id, &parse_error);
  if (*out_draft != NULL)
    return TRUE;

  /* Damaged: moved aside unchanged, under the lock, unless someone
   * wrote it meanwhile (then the next attempt reads theirs). */
  lock_path = dup_lock_path (path);
  lock_fd = viva_data_file_lock (lock_path);
  moved = lock_fd >= 0
          ? viva_data_file_move_aside_locked (path, out_stamp, &aside, &move_error)
          : VIVA_MOVE_ASIDE_FAILED;
  if (lock_fd >= 0)
    close (lock_fd);

  if (moved == VIVA_MOVE_ASIDE_CHANGED)
    {
      g_set_error (error, VIVA_OWNED_BANKS_ERROR, VIVA_OWNED_BANKS_ERROR_INVALID,
                   _("“%s” changed while it was read."), path);
      return FALSE;
    }

  if (moved != VIVA_MOVE_ASIDE_DONE)
    {
      g_set_error (error, VIVA_OWNED_BANKS_ERROR, VIVA_OWNED_BANKS_ERROR_READ_ONLY,
                   _("“%s” is damaged (%s) and could not be moved aside, so it was left as it is."),
                   path, parse_error->message);
      return FALSE;
    }

  memset (out_stamp, 0, sizeof *out_stamp);
  backup_path = viva_data_file_dup_backup_path (path);

  if (g_file_get_contents (backup_path, &backup, &backup_len, NULL) &&
      backup_len <= VIVA_BANK_MAX_SIZE &&
      (*out_draft = parse_draft (backup, backup_len, data->id, NULL)) != NULL)
    message = g_strdup_printf (_("“%s” was damaged (%s). It was moved to “%s”, and its previous version was used instead."),
                               path, parse_error->message, aside);
  else
    message = g_strdup_printf (_("“%s” was damaged (%s). It was moved to “%s”."),
                               path, parse_error->message, aside);
  add_problem (data, message);

  return TRUE;
}

/* Another Viva wrote the file since we read it: decline, and the edit
 * starts again from what is there now. */
static gboolean
decline_changed (gpointer        user_data,
                 VivaFileStamp  *current,
                 gboolean       *may_write,
                 GError        **error)
{
  *may_write = FALSE;

  return TRUE;
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
               _("Could not save “%s”: %s"), path, reason);
}

/* Writes @draft over @path if the file is still as @stamp says. Before
 * writing, what will be written is parsed back: it must hold the
 * draft's questions. */
static gboolean
save_draft (EditData             *data,
            const char           *path,
            VivaBankDraft        *draft,
            const VivaFileStamp  *stamp,
            gboolean             *out_declined,
            GError              **error)
{
  g_autoptr(GBytes) bytes = viva_bank_draft_to_markdown (draft, NULL, NULL);
  g_autofree char *lock_path = dup_lock_path (path);
  g_autoptr(VivaBankDraft) check = NULL;
  g_autoptr(GError) check_error = NULL;
  VivaFileStamp written;
  VivaDataFileWriteResult result = VIVA_DATA_FILE_WRITE_WROTE;

  *out_declined = FALSE;

  if (data->before_write != NULL)
    {
      data->before_write (path, data->before_write_data);
      data->before_write = NULL;
    }

  check = parse_draft (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), data->id, &check_error);
  if (check == NULL ||
      viva_bank_draft_get_n_questions (check) != viva_bank_draft_get_n_questions (draft))
    {
      g_set_error (error, VIVA_OWNED_BANKS_ERROR, VIVA_OWNED_BANKS_ERROR_INVALID,
                   _("Could not save “%s”: the bank written did not read back (%s)."),
                   path, check_error != NULL ? check_error->message : "");
      return FALSE;
    }

  if (!viva_data_file_write (path, lock_path, bytes, stamp, NULL,
                             decline_changed, set_save_error, NULL,
                             &written, &result, error))
    return FALSE;

  *out_declined = result != VIVA_DATA_FILE_WRITE_WROTE;

  return TRUE;
}

static char *
dup_new_title (EditData *data)
{
  if (data->is_my_questions)
    return g_strdup (_("My Questions"));

  return g_strdup (data->id);
}

static gboolean
apply_draft (VivaBankDraft            *draft,
             const VivaQuestionDraft  *question,
             guint                     number,
             gboolean                  replace,
             GError                  **error)
{
  guint level = viva_bank_draft_ensure_level (draft, question->level_number,
                                              question->level_name != NULL ? question->level_name : "");

  if (level == 0)
    {
      g_set_error_literal (error, VIVA_OWNED_BANKS_ERROR, VIVA_OWNED_BANKS_ERROR_INVALID,
                           _("The bank has no room for another level."));
      return FALSE;
    }

  if (replace)
    return viva_bank_draft_replace_question (draft, number, level, question->topic,
                                             question->text, question->answer, error);

  return viva_bank_draft_add_question (draft, level, question->topic, number,
                                       question->text, question->answer, error);
}

/* Moves question @number from @from to @to, keeping level, name, topic,
 * text and answer. */
static gboolean
move_question (VivaBankDraft  *from,
               VivaBankDraft  *to,
               guint           number,
               GError        **error)
{
  VivaQuestionDraft question = { 0 };
  const char *level_name;
  const char *topic;
  const char *text;
  const char *answer;
  gboolean ok;

  if (!viva_bank_draft_lookup_question (from, number, &question.level_number, &level_name,
                                        &topic, &text, &answer))
    return TRUE;

  question.level_name = g_strdup (level_name);
  question.topic = g_strdup (topic);
  question.text = g_strdup (text);
  question.answer = g_strdup (answer);

  /* A copy left by an edit that failed halfway is replaced. */
  viva_bank_draft_remove_question (to, number);
  ok = apply_draft (to, &question, number, FALSE, error);
  viva_question_draft_clear (&question);

  return ok;
}

static gboolean
run_edit_once (EditData  *data,
               gboolean  *out_declined,
               GError   **error)
{
  g_autoptr(VivaBankDraft) draft = NULL;
  g_autoptr(VivaBankDraft) deleted = NULL;
  VivaFileStamp stamp;
  VivaFileStamp deleted_stamp;

  *out_declined = FALSE;

  if (!load_draft (data, data->path, &stamp, &draft, error))
    return FALSE;

  switch (data->kind)
    {
    case EDIT_ADD:
      {
        guint max;

        if (!load_draft (data, data->deleted_path, &deleted_stamp, &deleted, error))
          return FALSE;
        if (draft == NULL)
          {
            g_autofree char *title = dup_new_title (data);

            draft = viva_bank_draft_new (title);
          }

        /* Decision 4.2: never a number given before. */
        max = MAX (viva_bank_draft_get_max_number (draft), data->notes_max);
        if (deleted != NULL)
          max = MAX (max, viva_bank_draft_get_max_number (deleted));
        if (max >= G_MAXUINT32)
          {
            g_set_error_literal (error, VIVA_OWNED_BANKS_ERROR, VIVA_OWNED_BANKS_ERROR_INVALID,
                                 _("The bank has no number left for another question."));
            return FALSE;
          }
        data->out_number = max + 1;

        if (!apply_draft (draft, &data->draft, data->out_number, FALSE, error) ||
            !save_draft (data, data->path, draft, &stamp, out_declined, error))
          return FALSE;
      }
      break;

    case EDIT_EDIT:
      if (draft == NULL || !viva_bank_draft_has_number (draft, data->number))
        goto not_found;
      if (!apply_draft (draft, &data->draft, data->number, TRUE, error) ||
          !save_draft (data, data->path, draft, &stamp, out_declined, error))
        return FALSE;
      break;

    case EDIT_DELETE:
      if (draft == NULL || !viva_bank_draft_has_number (draft, data->number))
        goto not_found;
      if (!load_draft (data, data->deleted_path, &deleted_stamp, &deleted, error))
        return FALSE;
      if (deleted == NULL)
        deleted = viva_bank_draft_new (viva_bank_draft_get_title (draft));

      /* The deleted questions first: should the bank's write fail, the
       * question is in both files, never in neither. */
      if (!move_question (draft, deleted, data->number, error) ||
          !save_draft (data, data->deleted_path, deleted, &deleted_stamp, out_declined, error) ||
          *out_declined)
        return !*out_declined ? FALSE : TRUE;

      viva_bank_draft_remove_question (draft, data->number);
      if (!save_draft (data, data->path, draft, &stamp, out_declined, error))
        return FALSE;
      break;

    case EDIT_RESTORE:
      if (!load_draft (data, data->deleted_path, &deleted_stamp, &deleted, error))
        return FALSE;
      if (deleted == NULL || !viva_bank_draft_has_number (deleted, data->number))
        goto not_found;
      if (draft == NULL)
        draft = viva_bank_draft_new (viva_bank_draft_get_title (deleted));

      /* The bank first, for the same reason. */
      if (!viva_bank_draft_has_number (draft, data->number) &&
          (!move_question (deleted, draft, data->number, error) ||
           !save_draft (data, data->path, draft, &stamp, out_declined, error) ||
           *out_declined))
        return !*out_declined ? FALSE : TRUE;

      viva_bank_draft_remove_question (deleted, data->number);
      if (!save_draft (data, data->deleted_path, deleted, &deleted_stamp, out_declined, error))
        return FALSE;
      break;

    default:
      g_assert_not_reached ();
    }

  return TRUE;

not_found:
  g_set_error (error, VIVA_OWNED_BANKS_ERROR, VIVA_OWNED_BANKS_ERROR_NOT_FOUND,
               _("Question %u is no longer in the bank."), data->number);
  return FALSE;
}

static void
edit_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  EditData *data = task_data;
  GError *error = NULL;
  gboolean declined = TRUE;

  for (guint attempt = 0; attempt < MAX_ATTEMPTS && declined; attempt++)
    {
      if (!run_edit_once (data, &declined, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }

  if (declined)
    {
      g_task_return_new_error (task, VIVA_OWNED_BANKS_ERROR, VIVA_OWNED_BANKS_ERROR_READ_ONLY,
                               _("Could not save “%s”: another program keeps changing it."),
                               data->path);
      return;
    }

  /* What is on disk now, as the window opens it; a bank left with no
   * question is not opened (decision 4.7). */
  {
    g_autoptr(GFile) file = g_file_new_for_path (data->path);
    g_autoptr(GError) load_error = NULL;

    data->bank = viva_bank_new_from_file (file, cancellable, &load_error);
    if (data->bank == NULL &&
        !g_error_matches (load_error, VIVA_BANK_ERROR, VIVA_BANK_ERROR_NO_LEVELS) &&
        !g_error_matches (load_error, VIVA_BANK_ERROR, VIVA_BANK_ERROR_NO_QUESTIONS))
      {
        g_task_return_error (task, g_steal_pointer (&load_error));
        return;
      }
  }

  g_task_return_boolean (task, TRUE);
}

typedef struct
{
  VivaOwnedBanks      *self;
  GAsyncReadyCallback  callback;
  gpointer             user_data;
  GApplication        *application;
} EditClosure;

/* On the main thread: tells of what was moved aside, answers the caller,
 * then lets the application go. */
static void
edit_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  EditClosure *closure = user_data;
  EditData *data = g_task_get_task_data (G_TASK (result));

  if (data->problems != NULL)
    g_signal_emit (closure->self, signals[PROBLEM], 0, data->problems->str);

  if (closure->callback != NULL)
    closure->callback (G_OBJECT (closure->self), result, closure->user_data);

  viva_file_saver_release_application (closure->application);
  g_object_unref (closure->self);
  g_free (closure);
}

static void
copy_question_draft (VivaQuestionDraft       *to,
                     const VivaQuestionDraft *from)
{
  if (from == NULL)
    return;

  to->level_number = from->level_number;
  to->level_name = g_strdup (from->level_name);
  to->topic = g_strdup (from->topic);
  to->text = g_strdup (from->text);
  to->answer = g_strdup (from->answer);
}

static void
edit_async (VivaOwnedBanks          *self,
            EditKind                 kind,
            const char              *bank_path,
            guint                    number,
            const VivaQuestionDraft *draft,
            GCancellable            *cancellable,
            GAsyncReadyCallback      callback,
            gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *my_questions = viva_owned_banks_dup_my_questions_path (self);
  g_autofree char *deleted_dir = g_build_filename (self->dir, "deleted", NULL);
  g_autofree char *deleted_name = NULL;
  EditData *data = g_new0 (EditData, 1);
  EditClosure *closure = g_new0 (EditClosure, 1);

  data->kind = kind;
  data->dir = g_strdup (self->dir);
  data->path = viva_data_file_resolve_links (bank_path != NULL ? bank_path : my_questions);
  data->id = dup_id_for_path (data->path);
  data->is_my_questions = g_str_equal (data->id, VIVA_MY_QUESTIONS_ID);
  deleted_name = g_strconcat (data->id, ".md", NULL);
  data->deleted_path = g_build_filename (deleted_dir, deleted_name, NULL);
  data->number = number;
  copy_question_draft (&data->draft, draft);
  data->before_write = self->before_write;
  data->before_write_data = self->before_write_data;

  /* Decision 4.2 counts the numbers that notes keep: read here, on the
   * main thread, which owns the notes. */
  if (kind == EDIT_ADD && self->notes != NULL)
    {
      g_autoptr(GPtrArray) notes = viva_notes_store_list_notes (self->notes, data->id);

      for (guint i = 0; i < notes->len; i++)
        data->notes_max = MAX (data->notes_max, viva_note_get_number (g_ptr_array_index (notes, i)));
    }

  closure->self = g_object_ref (self);
  closure->callback = callback;
  closure->user_data = user_data;
  /* As every write of user data: quitting waits for the edit. */
  closure->application = viva_file_saver_hold_application ();

  /* No source object: the worker must not hold the last reference to
   * the store (see viva_file_saver_start_write()). */
  task = g_task_new (NULL, cancellable, edit_cb, closure);
  g_task_set_source_tag (task, edit_async);
  g_task_set_task_data (task, data, (GDestroyNotify) edit_data_free);

  if (!path_is_in_dir (data->path, self->dir))
    {
      g_task_return_new_error (task, VIVA_OWNED_BANKS_ERROR, VIVA_OWNED_BANKS_ERROR_READ_ONLY,
                               _("“%s” is a file Viva did not create: import it to edit it."),
                               data->path);
      return;
    }

  if (kind != EDIT_DELETE && kind != EDIT_RESTORE && (draft == NULL || draft->text == NULL))
    {
      g_task_return_new_error (task, VIVA_OWNED_BANKS_ERROR, VIVA_OWNED_BANKS_ERROR_INVALID,
                               _("The question has no text."));
      return;
    }

  g_task_run_in_thread (task, edit_thread);
}

static VivaBank *
edit_finish (VivaOwnedBanks  *self,
             GAsyncResult    *result,
             guint           *out_number,
             GError         **error)
{
  EditData *data;

  g_return_val_if_fail (VIVA_IS_OWNED_BANKS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == edit_async, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  data = g_task_get_task_data (G_TASK (result));
  if (out_number != NULL)
    *out_number = data->out_number;

  return data->bank != NULL ? g_object_ref (data->bank) : NULL;
}

/**
 * viva_owned_banks_add_question_async:
 * @self: the store
 * @bank_path: (nullable): the bank, NULL for My Questions
 * @draft: the question
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main thread when the file is written
 * @user_data: for @callback
 *
 * Adds @draft as a new question numbered after every number the bank,
 * its deleted questions and its notes have ever had.
 */
void
viva_owned_banks_add_question_async (VivaOwnedBanks          *self,
                                     const char              *bank_path,
                                     const VivaQuestionDraft *draft,
                                     GCancellable            *cancellable,
                                     GAsyncReadyCallback      callback,
                                     gpointer                 user_data)
{
  g_return_if_fail (VIVA_IS_OWNED_BANKS (self));
  g_return_if_fail (draft != NULL);

  edit_async (self, EDIT_ADD, bank_path, 0, draft, cancellable, callback, user_data);
}

/**
 * viva_owned_banks_add_question_finish:
 *
 * Returns: (transfer full) (nullable): the bank as written, or %NULL
 *   with @error set; @out_number is the new question's number
 */
VivaBank *
viva_owned_banks_add_question_finish (VivaOwnedBanks  *self,
                                      GAsyncResult    *result,
                                      guint           *out_number,
                                      GError         **error)
{
  return edit_finish (self, result, out_number, error);
}

void
viva_owned_banks_edit_question_async (VivaOwnedBanks          *self,
                                      const char              *bank_path,
                                      guint                    number,
                                      const VivaQuestionDraft *draft,
                                      GCancellable            *cancellable,
                                      GAsyncReadyCallback      callback,
                                      gpointer                 user_data)
{
  g_return_if_fail (VIVA_IS_OWNED_BANKS (self));
  g_return_if_fail (bank_path != NULL);
  g_return_if_fail (draft != NULL);

  edit_async (self, EDIT_EDIT, bank_path, number, draft, cancellable, callback, user_data);
}

VivaBank *
viva_owned_banks_edit_question_finish (VivaOwnedBanks  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  return edit_finish (self, result, NULL, error);
}

void
viva_owned_banks_delete_question_async (VivaOwnedBanks      *self,
                                        const char          *bank_path,
                                        guint                number,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (VIVA_IS_OWNED_BANKS (self));
  g_return_if_fail (bank_path != NULL);

  edit_async (self, EDIT_DELETE, bank_path, number, NULL, cancellable, callback, user_data);
}

/**
 * viva_owned_banks_delete_question_finish:
 *
 * Returns: (transfer full) (nullable): the bank as written; %NULL
 *   without an error when no question is left in it
 */
VivaBank *
viva_owned_banks_delete_question_finish (VivaOwnedBanks  *self,
                                         GAsyncResult    *result,
                                         GError         **error)
{
  return edit_finish (self, result, NULL, error);
}

void
viva_owned_banks_restore_question_async (VivaOwnedBanks      *self,
                                         const char          *bank_path,
                                         guint                number,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (VIVA_IS_OWNED_BANKS (self));
  g_return_if_fail (bank_path != NULL);

  edit_async (self, EDIT_RESTORE, bank_path, number, NULL, cancellable, callback, user_data);
}

VivaBank *
viva_owned_banks_restore_question_finish (VivaOwnedBanks  *self,
                                          GAsyncResult    *result,
                                          GError         **error)
{
  return edit_finish (self, result, NULL, error);
}

void
_viva_owned_banks_set_before_write_func (VivaOwnedBanks         *self,
                                         VivaOwnedBanksTestFunc  func,
                                         gpointer                user_data)
{
  g_return_if_fail (VIVA_IS_OWNED_BANKS (self));

  self->before_write = func;
  self->before_write_data = user_data;
}
