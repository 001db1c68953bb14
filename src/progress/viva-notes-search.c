/* viva-notes-search.c
 *
 * What the search index asks about the user's notes, kept by question
 * position: the note (for its star, status, review state and text) and
 * its folded text with its scratchpad's code, refolded when the notes
 * store says that note changed. The index reads the folded texts straight from the array, as it reads
 * its own keys, so a keystroke costs no call per question.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-bank.h"
#include "viva-note.h"
#include "viva-notes-search.h"
#include "viva-notes-store.h"
#include "viva-question.h"
#include "viva-text.h"

typedef struct
{
  /* Borrowed: the index owns this, and holds the bank. */
  VivaSearchIndex *index;
  VivaBank        *bank;
  /* Owned */
  VivaNotesStore  *notes;
  /* Owned, by position; NULL for a question without a note. */
  VivaNote       **note_of;
  /* Owned, by position: the note's folded text, NULL without text. */
  char           **key_of;
  /* By position: whether the note has text (not blank). */
  guint8          *has_text;

  gsize            keys_size;
  guint            n_questions;
} NotesSearch;

static void
notes_search_set_note (NotesSearch *self,
                       guint        position,
                       VivaNote    *note)
{
  const char *text;
  const char *code;

  if (self->key_of[position] != NULL)
    self->keys_size -= strlen (self->key_of[position]) + 1;

  g_set_object (&self->note_of[position], note);
  g_clear_pointer (&self->key_of[position], g_free);
  self->has_text[position] = note != NULL && viva_note_get_has_text (note);

  text = note != NULL ? viva_note_get_text (note) : NULL;
  code = note != NULL ? viva_note_get_code (note) : NULL;

  /* The question's scratchpad code is searched with the note: "enumerate"
   * finds the question where the user tried enumerate(). A line between
   * them, so that no word runs from one into the other. */
  if (code != NULL && code[0] != '\0')
    {
      g_autofree char *both = g_strconcat (text != NULL ? text : "", "\n", code, NULL);

      self->key_of[position] = viva_text_normalize (both, -1);
    }
  else if (text != NULL && text[0] != '\0')
    self->key_of[position] = viva_text_normalize (text, -1);

  if (self->key_of[position] != NULL)
    self->keys_size += strlen (self->key_of[position]) + 1;
}

static void
notes_search_note_changed_cb (NotesSearch    *self,
                              VivaNote       *note,
                              VivaNotesStore *notes)
{
  guint number = viva_note_get_number (note);
  VivaQuestion *question;

  /* The store files notes under a cleaned-up bank id; asking it is the
   * way to know whether this note is one of our bank's. */
  if (viva_notes_store_lookup_note (notes, viva_bank_get_id (self->bank), number) != note)
    return;

  question = viva_bank_lookup_question (self->bank, number);
  if (question == NULL)
    return;

  notes_search_set_note (self, viva_question_get_position (question), note);

  /* The previous result may now be missing this question. */
  viva_search_index_notes_changed (self->index);
}

/* Sets every note of the bank that the store has. */
static void
notes_search_set_notes (NotesSearch *self)
{
  g_autoptr(GPtrArray) list = viva_notes_store_list_notes (self->notes, viva_bank_get_id (self->bank));

  for (guint i = 0; i < list->len; i++)
    {
      VivaNote *note = g_ptr_array_index (list, i);
      VivaQuestion *question = viva_bank_lookup_question (self->bank, viva_note_get_number (note));

      if (question != NULL)
        notes_search_set_note (self, viva_question_get_position (question), note);
    }
}

/* The store loaded its file after we were made (see
 * viva_notes_store_load_async()): its notes are searched from now on. */
static void
notes_search_loading_cb (NotesSearch    *self,
                         GParamSpec     *pspec,
                         VivaNotesStore *notes)
{
  if (viva_notes_store_get_loading (notes))
    return;

  notes_search_set_notes (self);
  viva_search_index_notes_changed (self->index);
}

static const char *
notes_search_get_text (gpointer data,
                       guint    position)
{
  NotesSearch *self = data;

  if (self->note_of[position] == NULL)
    return NULL;

  return viva_note_get_text (self->note_of[position]);
}

static gboolean
notes_search_passes (gpointer                 data,
                     guint                    position,
                     const VivaSearchFilters *filters,
                     gboolean                 by_status)
{
  NotesSearch *self = data;
  VivaNote *note = self->note_of[position];

  if ((filters->flags & VIVA_SEARCH_HAS_NOTES) != 0 && !self->has_text[position])
    return FALSE;

  if ((filters->flags & VIVA_SEARCH_STARRED) != 0 &&
      (note == NULL || !viva_note_get_starred (note)))
    return FALSE;

  if (by_status)
    {
      VivaStatus status = note != NULL ? viva_note_get_status (note) : VIVA_STATUS_NEW;

      if ((filters->statuses & VIVA_SEARCH_STATUS_BIT (status)) == 0)
        return FALSE;
    }

  if ((filters->flags & VIVA_SEARCH_DUE) != 0 &&
      (note == NULL || !viva_note_is_due (note, &filters->day)))
    return FALSE;

  return TRUE;
}

static gsize
notes_search_get_size (gpointer data)
{
  NotesSearch *self = data;

  return sizeof *self +
         self->keys_size +
         (gsize) self->n_questions * (sizeof (VivaNote *) + sizeof (char *) + sizeof (guint8));
}

static void
notes_search_free (gpointer data)
{
  NotesSearch *self = data;

  g_signal_handlers_disconnect_by_func (self->notes, notes_search_note_changed_cb, self);
  g_signal_handlers_disconnect_by_func (self->notes, notes_search_loading_cb, self);

  for (guint i = 0; i < self->n_questions; i++)
    {
      g_clear_object (&self->note_of[i]);
      g_free (self->key_of[i]);
    }

  g_free (self->note_of);
  g_free (self->key_of);
  g_free (self->has_text);
  g_clear_object (&self->notes);
  g_free (self);
}

static const VivaSearchNotesFuncs notes_search_funcs = {
  notes_search_get_text,
  notes_search_passes,
  notes_search_get_size,
};

/**
 * viva_notes_search_new:
 * @bank: the bank to search
 * @notes: (nullable): the user's notes, searched too and followed as
 *   they change; %NULL to search the questions alone
 *
 * Folds every question of @bank and every note on them. With 100,000
 * questions this takes a few tens of milliseconds; make the index once
 * per bank and keep it.
 *
 * Returns: (transfer full): a new index
 */
VivaSearchIndex *
viva_notes_search_new (VivaBank       *bank,
                       VivaNotesStore *notes)
{
  VivaSearchIndex *index;
  NotesSearch *self;

  g_return_val_if_fail (VIVA_IS_BANK (bank), NULL);
  g_return_val_if_fail (!notes || VIVA_IS_NOTES_STORE (notes), NULL);

  index = viva_search_index_new (bank);
  if (notes == NULL)
    return index;

  self = g_new0 (NotesSearch, 1);
  self->index = index;
  self->bank = bank;
  self->notes = g_object_ref (notes);
  self->n_questions = viva_bank_get_n_questions (bank);
  self->note_of = g_new0 (VivaNote *, MAX (self->n_questions, 1));
  self->key_of = g_new0 (char *, MAX (self->n_questions, 1));
  self->has_text = g_new0 (guint8, MAX (self->n_questions, 1));

  notes_search_set_notes (self);

  g_signal_connect_swapped (notes, "note-changed",
                            G_CALLBACK (notes_search_note_changed_cb), self);
  if (viva_notes_store_get_loading (notes))
    g_signal_connect_swapped (notes, "notify::loading",
                              G_CALLBACK (notes_search_loading_cb), self);

  viva_search_index_set_notes (index, (const char * const *) self->key_of,
                               &notes_search_funcs, self, notes_search_free);

  return index;
}
