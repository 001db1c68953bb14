/* viva-notes-store-merge.c
 *
 * The notes store's merge policy: bringing in, three ways, what another
 * process wrote to notes.json since we last read or wrote it. Part of
 * VivaNotesStore (see viva-notes-store-private.h); split from
 * viva-notes-store.c by concern.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "viva-code-case.h"
#include "viva-note-private.h"
#include "viva-notes-file.h"
#include "viva-notes-store-private.h"

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

  return _viva_review_state_equal (&a->review, &b->review) &&
         na == nb &&
         (na == 0 || memcmp (a->history->data, b->history->data, na * sizeof (VivaReviewEntry)) == 0);
}

static gboolean
record_scratchpad_equal (const VivaNoteRecord *a,
                         const VivaNoteRecord *b)
{
  return g_strcmp0 (a->code, b->code) == 0 &&
         g_strcmp0 (a->prediction, b->prediction) == 0 &&
         viva_code_cases_equal (a->cases, b->cases);
}

static gboolean
record_equal (const VivaNoteRecord *a,
              const VivaNoteRecord *b)
{
  return a->modified == b->modified &&
         a->status == b->status &&
         a->starred == b->starred &&
         g_strcmp0 (a->text, b->text) == 0 &&
         record_review_equal (a, b) &&
         record_scratchpad_equal (a, b);
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
 * each under a line that says where it comes from. With @loading, the
 * disk's text is the note the user had saved and ours what they typed
 * while the notes were being read: the saved note comes first, as it
 * was written before. */
static char *
combine_texts (const char           *ours,
               const VivaNoteRecord *disk,
               gboolean              loading)
{
  g_autoptr(GDateTime) saved = NULL;
  g_autofree char *when = NULL;
  GString *text = g_string_new (NULL);

  if (loading)
    {
      /* Translators: the line above the text a note had when Viva
       * started, kept with what was typed into it while the notes were
       * still being read. */
      g_string_append_printf (text, "%s\n", _("——— Saved note ———"));
      g_string_append (text, disk->text);
      if (text->len > 0 && text->str[text->len - 1] != '\n')
        g_string_append_c (text, '\n');
      g_string_append_c (text, '\n');
      /* Translators: the line above what was typed into a note while
       * the notes were still being read at start-up. */
      g_string_append_printf (text, "%s\n", _("——— Typed while your notes were loading ———"));
      g_string_append (text, ours);

      return g_string_free (text, FALSE);
    }

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

/* Both versions of a question's code, one after the other, each under a
 * comment that says where it comes from, so that the scratchpad still
 * runs (the later definitions win) and nothing is lost. */
static char *
combine_codes (const char           *ours,
               const VivaNoteRecord *disk)
{
  GString *code = g_string_new (NULL);

  /* Translators: a Python comment above this copy of Viva's code of a
   * question, when another copy of Viva changed the same code at the
   * same time and both are kept. */
  g_string_append_printf (code, "# %s\n", _("——— This window’s version ———"));
  g_string_append (code, ours);
  if (code->str[code->len - 1] != '\n')
    g_string_append_c (code, '\n');
  g_string_append_c (code, '\n');
  g_string_append_printf (code, "# %s\n", _("——— Another window’s version ———"));
  g_string_append (code, disk->code);

  return g_string_free (code, FALSE);
}

/* The user's own test cases, three ways: a side that did not change
 * them takes the other's; when both did, ours are kept and every case
 * the other side added (not in the base) is added after them, so that
 * no case anyone wrote is lost. */
static GPtrArray *
merge_cases (GPtrArray            *ours,
             const VivaNoteRecord *base,
             const VivaNoteRecord *disk)
{
  GPtrArray *merged;

  if (viva_code_cases_equal (ours, base->cases))
    return viva_code_cases_copy (disk->cases);

  merged = viva_code_cases_copy (ours);
  if (viva_code_cases_equal (disk->cases, base->cases))
    return merged;

  for (guint i = 0; disk->cases != NULL && i < disk->cases->len; i++)
    {
      const VivaCodeCase *code_case = g_ptr_array_index (disk->cases, i);

      if (merged->len < VIVA_CODE_CASES_MAX &&
          !viva_code_cases_contain (merged, code_case) &&
          !viva_code_cases_contain (base->cases, code_case))
        g_ptr_array_add (merged, viva_code_case_copy (code_case));
    }

  return merged;
}

/* The reviews given to @note while the file was read go after the
 * file's history, and its schedule and memory are what grading the
 * loaded note with them would have given. Returns the history, cut to
 * its last %VIVA_REVIEW_HISTORY_MAX reviews, and sets @review. */
static GArray *
append_loaded_reviews (VivaNote             *note,
                       const VivaNoteRecord *disk,
                       VivaReviewState      *review)
{
  const VivaSchedulerConfig *config = viva_note_get_scheduler_config (note);
  guint n_ours;
  const VivaReviewEntry *ours = viva_note_get_history (note, &n_ours);
  guint n_disk = disk->history ? disk->history->len : 0;
  GArray *history = g_array_sized_new (FALSE, FALSE, sizeof (VivaReviewEntry), n_disk + n_ours);

  if (n_disk > 0)
    g_array_append_vals (history, disk->history->data, n_disk);
  *review = disk->review;

  for (guint i = 0; i < n_ours; i++)
    {
      g_array_append_val (history, ours[i]);
      viva_scheduler_review (config, review, ours[i].grade, ours[i].time, review);
    }

  if (history->len > VIVA_REVIEW_HISTORY_MAX)
    g_array_remove_range (history, 0, history->len - VIVA_REVIEW_HISTORY_MAX);

  return history;
}

/* Merges one note, three ways: @base is what notes.json held when we
 * last read or wrote it, @disk what it holds now, the note what we have.
 * Either record may be @blank, for a note the file does not have.
 *
 * What changed on one side only is taken from that side. Text is never
 * lost: when both sides changed it, the note keeps both (one of them
 * alone if the other is empty) and this returns %TRUE, so that the user
 * is told. Sets @changed when the note is not what it was. Status,
 * star, the review schedule with its history, and the prediction are
 * small and go together with the time they were set: when both sides
 * changed one of them, the side changed last wins it. The scratchpad's
 * code is merged as the text is (both kept, as Python comments say), its
 * test cases as merge_cases() says.
 *
 * A text that comes back older than the base (a sync tool restoring an
 * old copy of the file) does not replace ours silently either: unless
 * the file dropped the note altogether (the other side cleared it), an
 * older text is kept beside ours.
 *
 * With @loading, @disk is the file just loaded and the note what was
 * done while it was read (see _viva_notes_store_merge_loaded_note()):
 * when both have reviews, ours go after the file's rather than the
 * newer side winning them. */
static gboolean
viva_notes_store_merge_note (VivaNote             *note,
                             const VivaNoteRecord *base,
                             const VivaNoteRecord *disk,
                             gboolean              dropped,
                             gboolean              loading,
                             gboolean             *changed)
{
  const char *ours = viva_note_get_text (note);
  gint64 our_modified = viva_note_get_modified (note);
  gboolean ours_newer = our_modified >= disk->modified;
  const VivaReviewState *review;
  const VivaReviewEntry *history;
  VivaReviewState appended_review;
  g_autoptr(GArray) appended = NULL;
  g_autofree char *combined = NULL;
  const char *text;
  VivaStatus status;
  gboolean starred;
  gboolean conflict = FALSE;
  guint n_history;
  guint n_base_history = base->history ? base->history->len : 0;
  gboolean our_review_is_base;
  gboolean disk_review_is_base;
  const char *our_code = viva_note_get_code (note);
  const char *our_prediction = viva_note_get_prediction (note);
  g_autofree char *combined_code = NULL;
  g_autoptr(GPtrArray) our_cases = viva_note_dup_cases (note);
  g_autoptr(GPtrArray) cases = NULL;
  const char *code;
  const char *prediction;

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
        text = combined = combine_texts (ours, disk, loading);
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
  if (loading && !our_review_is_base && !disk_review_is_base)
    {
      appended = append_loaded_reviews (note, disk, &appended_review);
      review = &appended_review;
      n_history = appended->len;
      history = (const VivaReviewEntry *) (gpointer) appended->data;
    }
  else if (!our_review_is_base && (disk_review_is_base || ours_newer))
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

  if (g_strcmp0 (our_code, disk->code) == 0 || g_strcmp0 (disk->code, base->code) == 0)
    code = our_code;
  else if (g_strcmp0 (our_code, base->code) == 0 && (dropped || disk->modified >= base->modified))
    code = disk->code;
  else
    {
      conflict = TRUE;
      if (text_is_blank (our_code))
        code = disk->code;
      else if (text_is_blank (disk->code))
        code = our_code;
      else
        code = combined_code = combine_codes (our_code, disk);
    }

  if (g_strcmp0 (our_prediction, base->prediction) == 0)
    prediction = disk->prediction;
  else if (g_strcmp0 (disk->prediction, base->prediction) == 0 || ours_newer)
    prediction = our_prediction;
  else
    prediction = disk->prediction;

  cases = merge_cases (our_cases, base, disk);

  *changed = g_strcmp0 (text, ours) != 0 ||
             status != viva_note_get_status (note) ||
             starred != viva_note_get_starred (note) ||
             !_viva_note_review_equal (note, review, history, n_history) ||
             !_viva_note_scratchpad_equal (note, code, prediction, cases);

  /* Loading would forget the review that could be undone. */
  if (!*changed)
    return conflict;

  /* Both texts together are a change of their own, made now. */
  _viva_note_load (note, text, status, starred,
                   conflict ? MAX (g_get_real_time (), MAX (our_modified, disk->modified))
                            : MAX (our_modified, disk->modified),
                   review, history, n_history);
  _viva_note_load_scratchpad (note, code, prediction, cases);

  return conflict;
}

/* Brings in what another process wrote since we last read or wrote the
 * file: each note is merged three ways with the base, see
 * viva_notes_store_merge_note(). A note the other side has and we do not
 * is taken; one that only we have is kept; one the other side cleared
 * (the file no longer has it) is cleared here too, unless we changed it
 * since. Returns how many notes kept two texts. */
guint
_viva_notes_store_merge (VivaNotesStore *self,
                        VivaNotesFile  *disk)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) base = g_hash_table_new (record_key_hash, record_key_equal);
  VivaNoteRecord blank = { 0 };
  GHashTableIter iter;
  gpointer key;

  /* What the file includes of our journal, or of the journal of the
   * Viva that wrote it, is never numbered again. */
  self->journal_sequence = MAX (self->journal_sequence, disk->journal_sequence);

  blank.text = (char *) "";
  blank.code = (char *) "";
  blank.prediction = (char *) "";
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
      VivaNote *note = _viva_notes_store_find_note (self, record->bank_id, record->number);
      gboolean changed_here;

      if (base_record != NULL)
        g_hash_table_remove (base, base_record);
      else
        base_record = &blank;

      /* Not changed on disk: ours stands, changed or not. */
      if (record_equal (record, base_record))
        continue;

      if (note == NULL)
        note = _viva_notes_store_ensure_note (self, record->bank_id, record->number, NULL);

      if (viva_notes_store_merge_note (note, base_record, record, FALSE, FALSE, &changed_here))
        g_ptr_array_add (conflicts, g_object_ref (note));
      if (changed_here)
        g_ptr_array_add (changed, g_object_ref (note));
    }

  /* What is left of the base is what the other side cleared. */
  g_hash_table_iter_init (&iter, base);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const VivaNoteRecord *base_record = key;
      VivaNote *note = _viva_notes_store_find_note (self, base_record->bank_id, base_record->number);
      gboolean changed_here;

      if (note == NULL)
        continue;

      if (viva_notes_store_merge_note (note, base_record, &blank, TRUE, FALSE, &changed_here))
        g_ptr_array_add (conflicts, g_object_ref (note));
      if (changed_here)
        g_ptr_array_add (changed, g_object_ref (note));
    }

  self->applying_disk--;

  _viva_notes_store_emit_merged (self, changed, conflicts);

  return conflicts->len;
}

/* Merges @record, just loaded, into @note, which the store had before
 * (viva_notes_store_load_async(): a note got, and maybe typed into,
 * while the file was read), as a merge with another Viva's file would
 * (viva_notes_store_merge_note()), with nothing as the common ancestor:
 * what only one side has is kept, a text both sides have is kept twice
 * (unless one is empty or both are the same), and reviews given
 * meanwhile go after the file's history. */
void
_viva_notes_store_merge_loaded_note (VivaNotesStore       *self,
                                     VivaNote             *note,
                                     const VivaNoteRecord *record,
                                     GPtrArray            *changed,
                                     GPtrArray            *conflicts)
{
  VivaNoteRecord blank = { 0 };
  gboolean changed_here;

  blank.text = (char *) "";
  blank.code = (char *) "";
  blank.prediction = (char *) "";
  viva_review_state_init (&blank.review);

  if (viva_notes_store_merge_note (note, &blank, record, FALSE, TRUE, &changed_here))
    g_ptr_array_add (conflicts, g_object_ref (note));
  if (changed_here)
    g_ptr_array_add (changed, g_object_ref (note));
}
