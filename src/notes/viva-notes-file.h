/* viva-notes-file.h
 *
 * notes.json on disk, for VivaNotesStore only: reading and validating it
 * as untrusted input, moving a damaged one aside, and writing it under a
 * lock with a backup. Plain data and functions, no GObject, so that all
 * of it can run in a worker thread. The format is described at the top of
 * viva-notes-file.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "viva-data-file.h"
#include "viva-note.h"
#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_BANK_ID_MAX_SIZE   256

/* One note as plain data: read from a file, or copied from a VivaNote for
 * a write. */
typedef struct
{
  char            *bank_id;
  char            *text;
  /* The scratchpad (version 3): never NULL, "" for none */
  char            *code;
  char            *prediction;
  /* VivaCodeCase; NULL when there are none */
  GPtrArray       *cases;
  /* VivaReviewEntry, oldest first; NULL for a question never reviewed */
  GArray          *history;
  gint64           modified;
  VivaReviewState  review;
  guint            number;
  VivaStatus       status;
  gboolean         starred;
} VivaNoteRecord;

typedef struct
{
  GPtrArray     *records;
  VivaFileStamp  stamp;
  /* The last entry of notes.json.journal the file includes, 0 for none */
  guint64        journal_sequence;
} VivaNotesFile;

typedef enum
{
  VIVA_NOTES_WRITE_WROTE,
  VIVA_NOTES_WRITE_CHANGED_ON_DISK,
  VIVA_NOTES_WRITE_NEWER_ON_DISK,
} VivaNotesWriteOutcome;

/* One write of notes.json: prepared on the main thread, run in a worker
 * thread (or, for flush, in the calling thread). */
typedef struct
{
  /* In */
  char                  *path;
  GPtrArray             *records;
  VivaFileStamp          expected;
  guint64                journal_sequence;

  /* Out */
  VivaNotesWriteOutcome  outcome;
  VivaFileStamp          stamp;
  VivaNotesFile         *disk;
  char                  *moved_aside_path;
} VivaNotesWrite;

VivaNoteRecord      *viva_note_record_new               (const char           *bank_id,
                                                         guint                 number,
                                                         const char           *text,
                                                         VivaStatus            status,
                                                         gboolean              starred,
                                                         gint64                modified);
void                 viva_note_record_set_review        (VivaNoteRecord        *record,
                                                         const VivaReviewState *review,
                                                         const VivaReviewEntry *history,
                                                         guint                  n_history);
void                 viva_note_record_set_scratchpad    (VivaNoteRecord        *record,
                                                         const char            *code,
                                                         const char            *prediction,
                                                         GPtrArray             *cases);
void                 viva_note_record_free              (VivaNoteRecord       *record);
void                 viva_notes_file_free               (VivaNotesFile        *file);
gboolean             viva_notes_file_read               (const char           *path,
                                                         VivaNotesFile       **out_file,
                                                         GError              **error);
VivaMoveAsideResult  viva_notes_file_move_aside         (const char           *notes_path,
                                                         const char           *path,
                                                         const VivaFileStamp  *expected,
                                                         char                **out_path,
                                                         GError              **error);
char                *viva_notes_dup_backup_path         (const char           *path);
GBytes              *viva_notes_serialize               (GPtrArray            *records,
                                                         GError              **error);
GBytes              *viva_notes_serialize_full          (GPtrArray            *records,
                                                         guint64               journal_sequence,
                                                         GError              **error);
gboolean             viva_notes_file_parse              (const char           *data,
                                                         gsize                 len,
                                                         VivaNotesFile       **out_file,
                                                         GError              **error);
VivaNotesWrite      *viva_notes_write_new               (const char           *path,
                                                         GPtrArray            *records,
                                                         const VivaFileStamp  *expected);
void                 viva_notes_write_free              (VivaNotesWrite       *write);
gboolean             viva_notes_write_run               (VivaNotesWrite       *write,
                                                         GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VivaNotesFile, viva_notes_file_free)

G_END_DECLS
