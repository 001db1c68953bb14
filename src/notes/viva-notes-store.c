/* viva-notes-store.c
 *
 * The user's notes in memory, and when and how they reach the disk:
 * change tracking, autosave, background writes, merging with what other
 * processes wrote, recovery at load. The file format and the file
 * operations themselves are in viva-notes-file.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>

#include "viva-data-file.h"
#include "viva-file-saver.h"
#include "viva-note-private.h"
#include "viva-notes-file.h"
#include "viva-notes-store-private.h"
#include "viva-notes-store.h"

#define AUTOSAVE_DELAY_DEFAULT_MSEC 1000
/* Each round means another process wrote in between; more than this in a
 * row means something rewrites the file constantly. */
#define MAX_MERGE_ROUNDS            8
/* Tries of a load whose file keeps being replaced while we look at it. */
#define MAX_LOAD_ATTEMPTS           3
/* How long the file must be quiet, after another process changed it,
 * before we read it: a save is several events (temporary file, rename,
 * backup). */
#define RELOAD_DELAY_MSEC           200

struct _VivaNotesStore
{
  GObject              parent_instance;

  /* Owned */
  char                *path;
  char                *moved_aside_path;
  char                *save_error;
  GHashTable          *banks;
  VivaFileSaver       *saver;
  GFileMonitor        *monitor;
  GCancellable        *reload_cancellable;

  /* What notes.json held when we last read or wrote it, the file
   * disk_stamp describes: the common ancestor for a three-way merge with
   * what another process wrote since. VivaNoteRecord; blank notes are
   * not in it, as they are not in the file. */
  GPtrArray           *base;

  VivaFileStamp        disk_stamp;
  guint                autosave_delay;
  guint                reload_source;
  guint                merge_rounds;
  guint                applying_disk;
  VivaNotesStoreState  state;

  guint                loaded : 1;
  /* The saver's, as the properties last told them */
  guint                dirty : 1;
  guint                saving : 1;
  guint                restored_from_backup : 1;
  guint                reloading : 1;
  guint                reload_after_write : 1;
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
  CONFLICT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void viva_notes_store_schedule_reload (VivaNotesStore *self);

/* The store */

/* Tells the saver's state through the store's properties. */
static void
viva_notes_store_status_changed (gpointer user_data)
{
  VivaNotesStore *self = user_data;
  gboolean dirty = viva_file_saver_get_dirty (self->saver);
  gboolean saving = viva_file_saver_get_saving (self->saver);
  const char *save_error = viva_file_saver_get_save_error (self->saver);

  g_object_freeze_notify (G_OBJECT (self));

  if (self->saving != saving)
    {
      self->saving = saving;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
    }

  if (g_strcmp0 (self->save_error, save_error) != 0)
    {
      g_free (self->save_error);
      self->save_error = g_strdup (save_error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVE_ERROR]);
    }

  if (self->dirty != dirty)
    {
      self->dirty = dirty;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
    }

  g_object_thaw_notify (G_OBJECT (self));
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
  viva_file_saver_stop_timers (self->saver);
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
      strcmp (pspec->name, "starred") != 0 &&
      strcmp (pspec->name, "due") != 0)
    return;

  viva_file_saver_changed (self->saver);
  g_signal_emit (self, signals[NOTE_CHANGED], 0, note);
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

  if (strlen (bank_id) <= VIVA_BANK_ID_MAX_SIZE && g_utf8_validate (bank_id, -1, NULL))
    return NULL;

  valid = g_utf8_make_valid (bank_id, -1);

  if (strlen (valid) > VIVA_BANK_ID_MAX_SIZE)
    {
      /* Cut at a character boundary. */
      end = valid + VIVA_BANK_ID_MAX_SIZE;
      while (end > valid && ((guchar) *end & 0xC0) == 0x80)
        end--;
      return g_strndup (valid, end - valid);
    }

  return g_steal_pointer (&valid);
}

static void
viva_notes_store_load_record (VivaNote             *note,
                              const VivaNoteRecord *record)
{
  guint n_history = record->history ? record->history->len : 0;

  _viva_note_load (note, record->text, record->status, record->starred, record->modified,
                   &record->review,
                   n_history > 0 ? &g_array_index (record->history, VivaReviewEntry, 0) : NULL,
                   n_history);
}

/* The note of @bank_id and @number, created if need be; with @record,
 * loaded from it. A note created from a record takes its contents before
 * the store listens to it: notifying the store of each property of each
 * of 10,000 notes was a quarter of loading them (build-aux/bench). */
static VivaNote *
viva_notes_store_ensure_note (VivaNotesStore       *self,
                              const char           *bank_id,
                              guint                 number,
                              const VivaNoteRecord *record)
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
  if (note != NULL)
    {
      if (record != NULL)
        viva_notes_store_load_record (note, record);

      return note;
    }

  note = viva_note_new (bank_id, number);
  if (record != NULL)
    viva_notes_store_load_record (note, record);
  g_signal_connect_swapped (note, "notify",
                            G_CALLBACK (viva_notes_store_note_notify_cb),
                            self);
  g_hash_table_insert (bank, GUINT_TO_POINTER (number), note);

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
                        VivaNotesFile  *file)
{
  self->applying_disk++;

  for (guint i = 0; i < file->records->len; i++)
    {
      const VivaNoteRecord *record = g_ptr_array_index (file->records, i);

      viva_notes_store_ensure_note (self, record->bank_id, record->number, record);
    }

  self->applying_disk--;
}

/* Takes @records as the base of the next merge. */
static void
viva_notes_store_set_base (VivaNotesStore *self,
                           GPtrArray      *records)
{
  g_clear_pointer (&self->base, g_ptr_array_unref);
  self->base = records;
}

static guint
record_key_hash (gconstpointer key)
{
  const VivaNoteRecord *record = key;

  return g_str_hash (record->bank_id) ^ g_direct_hash (GUINT_TO_POINTER (record->number));
}

static gboolean
record_key_equal (gconstpointer a,
                  gconstpointer b)
{
  const VivaNoteRecord *ra = a;
  const VivaNoteRecord *rb = b;

  return ra->number == rb->number && strcmp (ra->bank_id, rb->bank_id) == 0;
}

static gboolean
record_review_equal (const VivaNoteRecord *a,
                     const VivaNoteRecord *b)
{
  guint na = a->history ? a->history->len : 0;
  guint nb = b->history ? b->history->len : 0;

  return memcmp (&a->review, &b->review, sizeof a->review) == 0 &&
         na == nb &&
         (na == 0 || memcmp (a->history->data, b->history->data, na * sizeof (VivaReviewEntry)) == 0);
}

static gboolean
record_equal (const VivaNoteRecord *a,
              const VivaNoteRecord *b)
{
  return a->modified == b->modified &&
         a->status == b->status &&
         a->starred == b->starred &&
         g_strcmp0 (a->text, b->text) == 0 &&
         record_review_equal (a, b);
}

static gboolean
text_is_blank (const char *text)
{
  for (const char *p = text; *p; p++)
    {
      if (!g_ascii_isspace (*p))
        return FALSE;
    }

  return TRUE;
}

/* Both texts of a note changed here and on disk, one after the other,
 * each under a line that says where it comes from. */
static char *
combine_texts (const char           *ours,
               const VivaNoteRecord *disk)
{
  g_autoptr(GDateTime) saved = NULL;
  g_autofree char *when = NULL;
  GString *text = g_string_new (NULL);

  if (disk->modified > 0)
    saved = g_date_time_new_from_unix_local (disk->modified / G_USEC_PER_SEC);
  if (saved != NULL)
    /* Translators: the date and time another copy of a note was last
     * changed, see g_date_time_format(). */
    when = g_date_time_format (saved, _("%Y-%m-%d %H:%M"));

  /* Translators: the line above this copy of Viva's text of a note,
   * when another copy of Viva changed the same note at the same time
   * and both texts are kept. */
  g_string_append_printf (text, "%s\n", _("——— This window’s version ———"));
  g_string_append (text, ours);
  if (text->str[text->len - 1] != '\n')
    g_string_append_c (text, '\n');
  g_string_append_c (text, '\n');
  if (when != NULL)
    /* Translators: the line above the other copy's text of the note;
     * %s is when it was saved. */
    g_string_append_printf (text, _("——— Another window’s version, saved %s ———"), when);
  else
    g_string_append (text, _("——— Another window’s version ———"));
  g_string_append_c (text, '\n');
  g_string_append (text, disk->text);

  return g_string_free (text, FALSE);
}

/* Merges one note, three ways: @base is what notes.json held when we
 * last read or wrote it, @disk what it holds now, the note what we have.
 * Either record may be @blank, for a note the file does not have.
 *
 * What changed on one side only is taken from that side. Text is never
 * lost: when both sides changed it, the note keeps both (one of them
 * alone if the other is empty) and this returns %TRUE, so that the user
 * is told. Sets @changed when the note is not what it was. Status,
 * star and the review schedule with its history are
 * small and go together with the time they were set: when both sides
 * changed one of them, the side changed last wins it.
 *
 * A text that comes back older than the base (a sync tool restoring an
 * old copy of the file) does not replace ours silently either: unless
 * the file dropped the note altogether (the other side cleared it), an
 * older text is kept beside ours. */
static gboolean
viva_notes_store_merge_note (VivaNote             *note,
                             const VivaNoteRecord *base,
                             const VivaNoteRecord *disk,
                             gboolean              dropped,
                             gboolean             *changed)
{
  const char *ours = viva_note_get_text (note);
  gint64 our_modified = viva_note_get_modified (note);
  gboolean ours_newer = our_modified >= disk->modified;
  const VivaReviewState *review;
  const VivaReviewEntry *history;
  g_autofree char *combined = NULL;
  const char *text;
  VivaStatus status;
  gboolean starred;
  gboolean conflict = FALSE;
  guint n_history;
  guint n_base_history = base->history ? base->history->len : 0;
  gboolean our_review_is_base;
  gboolean disk_review_is_base;

  if (g_strcmp0 (ours, disk->text) == 0 || g_strcmp0 (disk->text, base->text) == 0)
    text = ours;
  else if (g_strcmp0 (ours, base->text) == 0 && (dropped || disk->modified >= base->modified))
    text = disk->text;
  else
    {
      conflict = TRUE;
      if (text_is_blank (ours))
        text = disk->text;
      else if (text_is_blank (disk->text))
        text = ours;
      else
        text = combined = combine_texts (ours, disk);
    }

  if (viva_note_get_status (note) == base->status)
    status = disk->status;
  else if (disk->status == base->status || ours_newer)
    status = viva_note_get_status (note);
  else
    status = disk->status;

  if (viva_note_get_starred (note) == base->starred)
    starred = disk->starred;
  else if (disk->starred == base->starred || ours_newer)
    starred = viva_note_get_starred (note);
  else
    starred = disk->starred;

  our_review_is_base = _viva_note_review_equal (note, &base->review,
                                                n_base_history > 0 ? (const VivaReviewEntry *) base->history->data : NULL,
                                                n_base_history);
  disk_review_is_base = record_review_equal (disk, base);
  if (!our_review_is_base && (disk_review_is_base || ours_newer))
    {
      review = viva_note_get_review_state (note);
      history = viva_note_get_history (note, &n_history);
    }
  else
    {
      review = &disk->review;
      n_history = disk->history ? disk->history->len : 0;
      history = n_history > 0 ? (const VivaReviewEntry *) disk->history->data : NULL;
    }

  *changed = g_strcmp0 (text, ours) != 0 ||
             status != viva_note_get_status (note) ||
             starred != viva_note_get_starred (note) ||
             !_viva_note_review_equal (note, review, history, n_history);

  /* Loading would forget the review that could be undone. */
  if (!*changed)
    return conflict;

  /* Both texts together are a change of their own, made now. */
  _viva_note_load (note, text, status, starred,
                   conflict ? MAX (g_get_real_time (), MAX (our_modified, disk->modified))
                            : MAX (our_modified, disk->modified),
                   review, history, n_history);

  return conflict;
}

/* Brings in what another process wrote since we last read or wrote the
 * file: each note is merged three ways with the base, see
 * viva_notes_store_merge_note(). A note the other side has and we do not
 * is taken; one that only we have is kept; one the other side cleared
 * (the file no longer has it) is cleared here too, unless we changed it
 * since. Returns how many notes kept two texts. */
static guint
viva_notes_store_merge (VivaNotesStore *self,
                        VivaNotesFile  *disk)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) base = g_hash_table_new (record_key_hash, record_key_equal);
  VivaNoteRecord blank = { 0 };
  GHashTableIter iter;
  gpointer key;

  blank.text = (char *) "";
  viva_review_state_init (&blank.review);

  for (guint i = 0; self->base != NULL && i < self->base->len; i++)
    {
      VivaNoteRecord *record = g_ptr_array_index (self->base, i);

      g_hash_table_add (base, record);
    }

  self->applying_disk++;

  for (guint i = 0; i < disk->records->len; i++)
    {
      const VivaNoteRecord *record = g_ptr_array_index (disk->records, i);
      const VivaNoteRecord *base_record = g_hash_table_lookup (base, record);
      VivaNote *note = viva_notes_store_find_note (self, record->bank_id, record->number);
      gboolean changed_here;

      if (base_record != NULL)
        g_hash_table_remove (base, base_record);
      else
        base_record = &blank;

      /* Not changed on disk: ours stands, changed or not. */
      if (record_equal (record, base_record))
        continue;

      if (note == NULL)
        note = viva_notes_store_ensure_note (self, record->bank_id, record->number, NULL);

      if (viva_notes_store_merge_note (note, base_record, record, FALSE, &changed_here))
        g_ptr_array_add (conflicts, g_object_ref (note));
      if (changed_here)
        g_ptr_array_add (changed, g_object_ref (note));
    }

  /* What is left of the base is what the other side cleared. */
  g_hash_table_iter_init (&iter, base);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const VivaNoteRecord *base_record = key;
      VivaNote *note = viva_notes_store_find_note (self, base_record->bank_id, base_record->number);
      gboolean changed_here;

      if (note == NULL)
        continue;

      if (viva_notes_store_merge_note (note, base_record, &blank, TRUE, &changed_here))
        g_ptr_array_add (conflicts, g_object_ref (note));
      if (changed_here)
        g_ptr_array_add (changed, g_object_ref (note));
    }

  self->applying_disk--;

  for (guint i = 0; i < changed->len; i++)
    g_signal_emit (self, signals[NOTE_CHANGED], 0, g_ptr_array_index (changed, i));

  for (guint i = 0; i < conflicts->len; i++)
    g_signal_emit (self, signals[CONFLICT], 0, g_ptr_array_index (conflicts, i));

  return conflicts->len;
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

/* What a write puts on disk, copied on the main thread where the notes
 * live, so that it is one consistent moment. Only copying: sorting and
 * building the JSON happen in the write's thread. */
static GPtrArray *
viva_notes_store_snapshot (VivaNotesStore *self)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_note_record_free);
  GHashTableIter iter;
  gpointer key;
  gpointer bank;

  g_hash_table_iter_init (&iter, self->banks);
  while (g_hash_table_iter_next (&iter, &key, &bank))
    {
      GHashTableIter note_iter;
      gpointer note;

      g_hash_table_iter_init (&note_iter, bank);
      while (g_hash_table_iter_next (&note_iter, NULL, &note))
        {
          VivaNoteRecord *record;
          const VivaReviewEntry *history;
          guint n_history;

          if (viva_note_is_blank (note))
            continue;

          record = viva_note_record_new (key,
                                         viva_note_get_number (note),
                                         viva_note_get_text (note),
                                         viva_note_get_status (note),
                                         viva_note_get_starred (note),
                                         viva_note_get_modified (note));
          history = viva_note_get_history (note, &n_history);
          if (!viva_review_state_is_new (viva_note_get_review_state (note)))
            viva_note_record_set_review (record, viva_note_get_review_state (note), history, n_history);
          g_ptr_array_add (records, record);
        }
    }

  return records;
}

static GError *
viva_notes_store_read_only_error (VivaNotesStore *self)
{
  return g_error_new (VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_READ_ONLY,
                      _("Your notes cannot be saved: “%s” was written by a newer version of Viva"),
                      self->path);
}

/* Saving, the notes' half (see #VivaFileSaverFuncs) */

static gpointer
viva_notes_store_prepare_write (gpointer user_data)
{
  VivaNotesStore *self = user_data;

  return viva_notes_write_new (self->path,
                               viva_notes_store_snapshot (self),
                               &self->disk_stamp);
}

static gboolean
viva_notes_store_write (gpointer   job,
                        GError   **error)
{
  return viva_notes_write_run (job, error);
}

/* Acts on what a write found. */
static VivaFileSaverResult
viva_notes_store_finish_write (gpointer       user_data,
                               gpointer       data,
                               const GError  *write_error,
                               GError       **error)
{
  VivaNotesStore *self = user_data;
  VivaNotesWrite *job = data;

  /* A damaged file found on disk was moved aside even if our write then
   * failed; the user must be able to find it. */
  if (job->moved_aside_path != NULL)
    viva_notes_store_recovered (self, job->moved_aside_path);

  if (write_error != NULL)
    {
      self->merge_rounds = 0;
      g_propagate_error (error, g_error_copy (write_error));
      return VIVA_FILE_SAVER_FAILED;
    }

  switch (job->outcome)
    {
    case VIVA_NOTES_WRITE_WROTE:
      viva_notes_store_set_base (self, g_steal_pointer (&job->records));
      self->disk_stamp = job->stamp;
      self->merge_rounds = 0;
      return VIVA_FILE_SAVER_WROTE;

    case VIVA_NOTES_WRITE_CHANGED_ON_DISK:
      if (++self->merge_rounds > MAX_MERGE_ROUNDS)
        {
          self->merge_rounds = 0;
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_AGAIN,
                       _("Could not save notes to “%s”: another program keeps changing it"),
                       self->path);
          return VIVA_FILE_SAVER_FAILED;
        }

      viva_notes_store_merge (self, job->disk);
      viva_notes_store_set_base (self, g_steal_pointer (&job->disk->records));
      self->disk_stamp = job->stamp;
      return VIVA_FILE_SAVER_AGAIN;

    case VIVA_NOTES_WRITE_NEWER_ON_DISK:
      /* Never written over; the notes stay unsaved, as the store says. */
      self->merge_rounds = 0;
      viva_notes_store_go_read_only (self);
      g_propagate_error (error, viva_notes_store_read_only_error (self));
      return VIVA_FILE_SAVER_FAILED;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
viva_notes_store_can_write (gpointer user_data)
{
  VivaNotesStore *self = user_data;

  return self->state != VIVA_NOTES_STORE_STATE_READ_ONLY;
}

static GError *
viva_notes_store_cannot_write_error (gpointer user_data)
{
  return viva_notes_store_read_only_error (user_data);
}

/* The file changed while we wrote; if not by us, merge it now. */
static void
viva_notes_store_after_write (gpointer user_data)
{
  VivaNotesStore *self = user_data;

  if (!viva_file_saver_get_saving (self->saver) && self->reload_after_write)
    {
      self->reload_after_write = FALSE;
      viva_notes_store_schedule_reload (self);
    }
}

static const VivaFileSaverFuncs notes_saver_funcs = {
  .snapshot = viva_notes_store_prepare_write,
  .write = viva_notes_store_write,
  .free_job = (void (*) (gpointer)) viva_notes_write_free,
  .finish = viva_notes_store_finish_write,
  .can_write = viva_notes_store_can_write,
  .cannot_write_error = viva_notes_store_cannot_write_error,
  .status_changed = viva_notes_store_status_changed,
  .after_write = viva_notes_store_after_write,
};

/* Following the file */

typedef struct
{
  char          *path;
  VivaFileStamp  disk_stamp;
} Reload;

static void
reload_free (Reload *reload)
{
  g_free (reload->path);
  g_free (reload);
}

static void
viva_notes_store_reload_thread (GTask        *task,
                                gpointer      source_object,
                                gpointer      task_data,
                                GCancellable *cancellable)
{
  Reload *reload = task_data;
  VivaNotesFile *file = NULL;
  GError *error = NULL;

  if (viva_notes_file_read (reload->path, &file, &error))
    g_task_return_pointer (task, file, (GDestroyNotify) viva_notes_file_free);
  else
    {
      g_clear_pointer (&file, viva_notes_file_free);
      g_task_return_error (task, error);
    }
}

static void
viva_notes_store_reload_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(VivaNotesStore) self = user_data;
  Reload *reload = g_task_get_task_data (G_TASK (result));
  g_autoptr(VivaNotesFile) file = g_task_propagate_pointer (G_TASK (result), NULL);
  gboolean was_dirty;
  guint conflicts;

  self->reloading = FALSE;

  /* Disposed: no longer following the file. */
  if (self->monitor == NULL)
    return;

  /* Changed again while we read: look again. */
  if (self->reload_after_write && !viva_file_saver_get_saving (self->saver) &&
      !viva_file_saver_get_flushing (self->saver))
    {
      self->reload_after_write = FALSE;
      viva_notes_store_schedule_reload (self);
    }

  /* A damaged file, or one from a newer Viva, is dealt with by the
   * next save, which must not write over it. */
  if (file == NULL || self->state == VIVA_NOTES_STORE_STATE_READ_ONLY)
    return;

  /* A save since we began reading has merged the file, or written over
   * it after merging it; one in flight will. */
  if (viva_file_saver_get_saving (self->saver) || viva_file_saver_get_flushing (self->saver) ||
      !viva_file_stamp_equal (&self->disk_stamp, &reload->disk_stamp))
    return;

  if (viva_file_stamp_equal (&file->stamp, &self->disk_stamp))
    return;

  was_dirty = viva_file_saver_get_dirty (self->saver);
  conflicts = viva_notes_store_merge (self, file);
  viva_notes_store_set_base (self, g_steal_pointer (&file->records));
  self->disk_stamp = file->stamp;

  /* Taking the other side's changes into notes saved as they were
   * leaves them as the file has them. Our unsaved changes, and notes
   * that kept two texts, are still to be written. */
  if (was_dirty || conflicts > 0)
    viva_file_saver_changed (self->saver);
}

static void
viva_notes_store_reload_check_cb (gpointer user_data)
{
  VivaNotesStore *self = user_data;
  g_autoptr(GTask) task = NULL;
  VivaFileStamp current;
  Reload *reload;
  int errsv;

  self->reload_source = 0;

  if (self->state == VIVA_NOTES_STORE_STATE_READ_ONLY)
    return;

  if (viva_file_saver_get_saving (self->saver) || viva_file_saver_get_flushing (self->saver) ||
      self->reloading)
    {
      self->reload_after_write = TRUE;
      return;
    }

  /* Our own save, or a file that went away (the next save puts it
   * back). */
  if (!viva_file_stamp_query (&current, self->path, &errsv) ||
      !current.exists ||
      viva_file_stamp_equal (&current, &self->disk_stamp))
    return;

  reload = g_new0 (Reload, 1);
  reload->path = g_strdup (self->path);
  reload->disk_stamp = self->disk_stamp;

  self->reloading = TRUE;

  /* As for writes, the task does not hold the store, whose last
   * reference must not go in the worker thread. */
  task = g_task_new (NULL, self->reload_cancellable, viva_notes_store_reload_cb, g_object_ref (self));
  g_task_set_source_tag (task, viva_notes_store_reload_check_cb);
  g_task_set_task_data (task, reload, (GDestroyNotify) reload_free);
  g_task_run_in_thread (task, viva_notes_store_reload_thread);
}

static void
viva_notes_store_schedule_reload (VivaNotesStore *self)
{
  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->reload_source = g_timeout_add_once (RELOAD_DELAY_MSEC,
                                            viva_notes_store_reload_check_cb,
                                            self);
}

static void
viva_notes_store_dir_changed_cb (GFileMonitor      *monitor,
                                 GFile             *file,
                                 GFile             *other_file,
                                 GFileMonitorEvent  event,
                                 gpointer           user_data)
{
  VivaNotesStore *self = user_data;
  g_autofree char *name = g_path_get_basename (self->path);
  g_autofree char *changed = NULL;
  g_autofree char *renamed_to = NULL;

  changed = g_file_get_basename (file);
  if (other_file != NULL)
    renamed_to = g_file_get_basename (other_file);

  /* An atomic save is a temporary file renamed over notes.json. */
  if (g_strcmp0 (changed, name) != 0 && g_strcmp0 (renamed_to, name) != 0)
    return;

  viva_notes_store_schedule_reload (self);
}

/* Loading */

/* "line 3: …; could not move “…” aside: Permission denied" */
static void
append_error_message (GError       *error,
                      const GError *more)
{
  char *message = g_strdup_printf ("%s; %s", error->message, more->message);

  g_free (error->message);
  error->message = message;
}

/* Falls back on notes.json.bak after notes.json was missing (@damaged is
 * NULL) or damaged and moved aside (@damaged is why). */
static gboolean
viva_notes_store_load_backup (VivaNotesStore  *self,
                              GError          *damaged,
                              GError         **error)
{
  g_autofree char *bak_path = viva_notes_dup_backup_path (self->path);
  g_autoptr(GError) owned_damaged = damaged;
  g_autoptr(GError) bak_error = NULL;
  g_autoptr(VivaNotesFile) file = NULL;

  /* notes.json is not there (any more); whatever appears there before our
   * first save is someone else's, and merged. */
  memset (&self->disk_stamp, 0, sizeof self->disk_stamp);

  for (guint attempt = 1; ; attempt++)
    {
      g_autofree char *aside = NULL;
      g_autoptr(GError) move_error = NULL;

      g_clear_pointer (&file, viva_notes_file_free);
      g_clear_error (&bak_error);

      viva_notes_file_read (bak_path, &file, &bak_error);

      switch (viva_notes_read_result_from_error (bak_error))
        {
        case VIVA_NOTES_READ_OK:
          viva_notes_store_apply (self, file);
          /* A notes.json that appears before our first save was most
           * likely restored from the same backup by another Viva: merge
           * it with the backup as the common ancestor. */
          viva_notes_store_set_base (self, g_steal_pointer (&file->records));
          viva_notes_store_recovered (self, NULL);
          self->restored_from_backup = TRUE;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESTORED_FROM_BACKUP]);
          /* So that the next save puts notes.json back. */
          viva_file_saver_changed (self->saver);
          break;

        case VIVA_NOTES_READ_MISSING:
          if (owned_damaged != NULL)
            viva_notes_store_recovered (self, NULL);
          break;

        case VIVA_NOTES_READ_FUTURE:
          /* Written by a newer Viva: never replace it. */
          viva_notes_store_apply (self, file);
          viva_notes_store_go_read_only (self);
          g_propagate_error (error, g_steal_pointer (&bak_error));
          return FALSE;

        case VIVA_NOTES_READ_DAMAGED:
          /* The next saves would replace it; keep it for the user. */
          switch (viva_notes_file_move_aside (self->path, bak_path, &file->stamp, &aside, &move_error))
            {
            case VIVA_MOVE_ASIDE_DONE:
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

            case VIVA_MOVE_ASIDE_CHANGED:
              if (attempt < MAX_LOAD_ATTEMPTS)
                continue;
              G_GNUC_FALLTHROUGH;

            case VIVA_MOVE_ASIDE_FAILED:
            default:
              viva_notes_store_go_read_only (self);
              if (owned_damaged == NULL)
                owned_damaged = g_steal_pointer (&bak_error);
              if (move_error != NULL)
                append_error_message (owned_damaged, move_error);
              g_propagate_error (error, g_steal_pointer (&owned_damaged));
              return FALSE;
            }
          break;

        case VIVA_NOTES_READ_UNREADABLE:
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

  viva_file_saver_stop_timers (self->saver);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_cancellable_cancel (self->reload_cancellable);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }

  /* The owner is expected to flush before letting go; say so loudly when
   * it did not, since the changes go with us. A read-only store could
   * never have saved them, and the window said so. */
  if (viva_file_saver_get_dirty (self->saver) && self->state != VIVA_NOTES_STORE_STATE_READ_ONLY)
    {
      g_warning ("Notes store for %s disposed with unsaved changes; call viva_notes_store_flush() first",
                 self->path);
      viva_file_saver_forget (self->saver, NULL);
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

  g_clear_pointer (&self->banks, g_hash_table_unref);
  g_clear_pointer (&self->base, g_ptr_array_unref);
  g_clear_object (&self->reload_cancellable);
  g_clear_object (&self->saver);
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
      /* The file itself, when notes.json is a link to it: see
       * viva_data_file_resolve_links(). */
      self->path = viva_data_file_resolve_links (g_value_get_string (value));
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
   * Whether some change is not on disk yet. It stays %TRUE while a write
   * is in flight and goes %FALSE only once the write has landed with
   * nothing changed since its snapshot, so "flush if dirty" at quit never
   * leaves a write behind.
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
   * Emitted after the text, status, star or review schedule of one of
   * the store's notes changed, whether the user changed it or a merge
   * with a file written by another process did. Widgets that mirror
   * notes (sidebar marks, counts, "N due today") update from here.
   */
  signals[NOTE_CHANGED] =
    g_signal_new ("note-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  g_cclosure_marshal_VOID__OBJECT,
                  G_TYPE_NONE, 1, VIVA_TYPE_NOTE);

  /**
   * VivaNotesStore::conflict:
   * @self: the store
   * @note: the note
   *
   * Emitted, after #VivaNotesStore::note-changed, for a note whose text
   * was changed both here and by another process (another Viva, a sync
   * tool) since the store last read or wrote the file. The note now
   * holds both texts, labelled, and the user should be told which
   * question it is.
   */
  signals[CONFLICT] =
    g_signal_new ("conflict",
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
  self->saver = viva_file_saver_new (&notes_saver_funcs, G_OBJECT (self), self, NULL);
  self->autosave_delay = AUTOSAVE_DELAY_DEFAULT_MSEC;
  viva_file_saver_set_autosave_delay (self->saver, self->autosave_delay);
  self->state = VIVA_NOTES_STORE_STATE_OK;
  self->reload_cancellable = g_cancellable_new ();
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
      g_autoptr(VivaNotesFile) file = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GError) move_error = NULL;
      g_autofree char *aside = NULL;

      viva_notes_file_read (self->path, &file, &local_error);

      switch (viva_notes_read_result_from_error (local_error))
        {
        case VIVA_NOTES_READ_OK:
          viva_notes_store_apply (self, file);
          viva_notes_store_set_base (self, g_steal_pointer (&file->records));
          self->disk_stamp = file->stamp;
          return TRUE;

        case VIVA_NOTES_READ_MISSING:
          return viva_notes_store_load_backup (self, NULL, error);

        case VIVA_NOTES_READ_FUTURE:
          /* Show what we can, change nothing. */
          viva_notes_store_apply (self, file);
          viva_notes_store_go_read_only (self);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;

        case VIVA_NOTES_READ_DAMAGED:
          switch (viva_notes_file_move_aside (self->path, self->path, &file->stamp, &aside, &move_error))
            {
            case VIVA_MOVE_ASIDE_DONE:
              viva_notes_store_recovered (self, aside);
              return viva_notes_store_load_backup (self, g_steal_pointer (&local_error), error);

            case VIVA_MOVE_ASIDE_CHANGED:
              /* Replaced while we read it; read the new one. */
              if (attempt < MAX_LOAD_ATTEMPTS)
                continue;
              G_GNUC_FALLTHROUGH;

            case VIVA_MOVE_ASIDE_FAILED:
            default:
              /* A damaged file that we cannot move aside must not be
               * written over either. */
              viva_notes_store_go_read_only (self);
              if (move_error != NULL)
                append_error_message (local_error, move_error);
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }

        case VIVA_NOTES_READ_UNREADABLE:
        default:
          viva_notes_store_go_read_only (self);
          g_prefix_error (&local_error, _("could not read “%s”: "), self->path);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
}

/**
 * viva_notes_store_watch:
 * @self: a loaded store
 *
 * Follows the notes file from now on: when another process (another
 * Viva, a sync tool) replaces it, its changes are merged at once, as a
 * save merges them (see #VivaNotesStore::conflict), rather than at our
 * next save. What we have not saved yet stays, and is saved as usual.
 * Nothing is read while a save runs; the save merges by itself.
 */
void
viva_notes_store_watch (VivaNotesStore *self)
{
  g_autofree char *dir_path = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (VIVA_IS_NOTES_STORE (self));
  g_return_if_fail (self->loaded);

  if (self->monitor != NULL)
    return;

  /* The folder, not the file: an atomic save replaces the file. It is
   * created now (as the first save would) so that there is one to
   * watch. */
  dir_path = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir_path, 0700) != 0)
    {
      g_debug ("Not following %s: %s", self->path, g_strerror (errno));
      return;
    }

  dir = g_file_new_for_path (dir_path);
  self->monitor = g_file_monitor_directory (dir, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      g_debug ("Not following %s: %s", self->path, error->message);
      return;
    }

  g_signal_connect (self->monitor, "changed",
                    G_CALLBACK (viva_notes_store_dir_changed_cb), self);
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
  viva_file_saver_set_autosave_delay (self->saver, msec);
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

  return viva_notes_store_ensure_note (self, normalized ? normalized : bank_id, number, NULL);
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

/**
 * viva_notes_store_count_due:
 * @self: a store
 * @bank_id: the bank's id
 * @day: today, from viva_review_day_init()
 *
 * For "N due today": how many of the bank's questions Review should ask
 * today (viva_review_state_is_due()), before its daily limit. Questions
 * never reviewed are new, not due. Notes of questions the bank no longer
 * has are counted too; viva_review_queue_build() goes by the bank.
 *
 * Returns: the number of questions due
 */
guint
viva_notes_store_count_due (VivaNotesStore      *self,
                            const char          *bank_id,
                            const VivaReviewDay *day)
{
  g_autofree char *normalized = NULL;
  GHashTable *bank;
  GHashTableIter iter;
  gpointer note;
  guint n = 0;

  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), 0);
  g_return_val_if_fail (bank_id != NULL, 0);
  g_return_val_if_fail (day != NULL, 0);

  normalized = normalize_bank_id (bank_id);
  bank = g_hash_table_lookup (self->banks, normalized ? normalized : bank_id);
  if (bank == NULL)
    return 0;

  g_hash_table_iter_init (&iter, bank);
  while (g_hash_table_iter_next (&iter, NULL, &note))
    {
      if (viva_note_is_due (note, day))
        n++;
    }

  return n;
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
  viva_file_saver_save (self->saver, g_steal_pointer (&task));
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
  gboolean ret;

  g_return_val_if_fail (VIVA_IS_NOTES_STORE (self), FALSE);

  hold = g_object_ref (self);

  ret = viva_file_saver_flush (self->saver, error);

  if (self->reload_after_write && !viva_file_saver_get_flushing (self->saver))
    {
      self->reload_after_write = FALSE;
      viva_notes_store_schedule_reload (self);
    }

  return ret;
}
