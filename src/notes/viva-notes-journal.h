/* viva-notes-journal.h
 *
 * notes.json.journal, for VivaNotesStore only: the notes changed since
 * notes.json was last written, appended within a second of each change
 * so that a Viva killed outright (kill -9, a crash, a power cut of the
 * session) loses less than a second of typing. The format is described
 * at the top of viva-notes-journal.c. Plain data and functions, no
 * GObject, so that all of it can run in a worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "viva-notes-file.h"

G_BEGIN_DECLS

#define VIVA_NOTES_JOURNAL_HEADER   "viva-notes-journal 1\n"
/* What is read of a journal; more is a damaged tail. A journal grows only
 * until notes.json is next written, a few seconds of changes. */
#define VIVA_NOTES_JOURNAL_MAX_SIZE ((gsize) 4 * VIVA_NOTES_MAX_SIZE)

/* One complete entry: the notes it holds, as a notes document holds
 * them. */
typedef struct
{
  guint64        sequence;
  VivaNotesFile *notes;
} VivaNotesJournalEntry;

/* What a journal held: its good entries, oldest first, and where and why
 * reading stopped when something else followed them. */
typedef struct
{
  GPtrArray *entries;
  gsize      valid_len;
  char      *problem;
} VivaNotesJournalContents;

/* The journal file as one process owns it: its descriptor, locked with
 * flock() for as long as it is open. Shared (atomic reference count)
 * between the store and the worker that appends. */
typedef struct _VivaNotesJournal VivaNotesJournal;

char                     *viva_notes_journal_dup_path       (const char                *notes_path);
VivaNotesJournalContents *viva_notes_journal_parse          (const char                *data,
                                                             gsize                      len);
void                      viva_notes_journal_contents_free  (VivaNotesJournalContents  *contents);
GPtrArray                *viva_notes_journal_replay         (GPtrArray                 *records,
                                                             guint64                    file_sequence,
                                                             VivaNotesJournalContents  *contents,
                                                             guint64                   *out_last_sequence,
                                                             guint                     *out_n_replayed);
GBytes                   *viva_notes_journal_encode         (guint64                    sequence,
                                                             GPtrArray                 *records,
                                                             GError                   **error);

VivaNotesJournal         *viva_notes_journal_new            (const char                *notes_path);
VivaNotesJournal         *viva_notes_journal_ref            (VivaNotesJournal          *self);
void                      viva_notes_journal_unref          (VivaNotesJournal          *self);
const char               *viva_notes_journal_get_path       (VivaNotesJournal          *self);
gboolean                  viva_notes_journal_get_busy       (VivaNotesJournal          *self);
gboolean                  viva_notes_journal_read           (VivaNotesJournal          *self,
                                                             VivaNotesJournalContents **out_contents,
                                                             char                     **out_moved_aside_path,
                                                             GError                   **error);
gboolean                  viva_notes_journal_append         (VivaNotesJournal          *self,
                                                             GBytes                    *entry,
                                                             GError                   **error);
gboolean                  viva_notes_journal_truncate       (VivaNotesJournal          *self,
                                                             GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VivaNotesJournalContents, viva_notes_journal_contents_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VivaNotesJournal, viva_notes_journal_unref)

G_END_DECLS
