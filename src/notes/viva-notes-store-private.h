/* viva-notes-store-private.h
 *
 * The notes store's insides, shared by the files it is split into
 * (viva-notes-store.c: notes, state and saving; -load.c: loading and
 * recovery; -merge.c: the three-way merge; -watch.c: following the
 * file), and what only the tests (and the benchmark) call.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "viva-data-file.h"
#include "viva-file-saver.h"
#include "viva-notes-file.h"
#include "viva-notes-journal.h"
#include "viva-notes-store.h"

G_BEGIN_DECLS

struct _VivaNotesStore
{
  GObject              parent_instance;

  /* Owned */
  char                *path;
  char                *moved_aside_path;
  GHashTable          *banks;
  VivaFileSaver       *saver;
  GFileMonitor        *monitor;
  GCancellable        *reload_cancellable;
  /* What the load's worker read (viva_notes_store_load_async()), for the
   * load's decisions on the main thread to take instead of reading. */
  struct _VivaNotesPreread *preread;
  /* viva_notes_store_save_async() calls made while loading, started
   * once the notes are loaded (GTask) */
  GPtrArray           *saves_after_load;

  /* What notes.json held when we last read or wrote it, the file
   * disk_stamp describes: the common ancestor for a three-way merge with
   * what another process wrote since. VivaNoteRecord; blank notes are
   * not in it, as they are not in the file. */
  GPtrArray           *base;

  /* How notes are graded (viva_notes_store_set_scheduler_config()); each
   * note borrows a pointer to it. */
  VivaSchedulerConfig  scheduler_config;
  /* For the load balancer's "how many are due that day": questions due
   * per review day (day number -> count), and the day each note is
   * counted in (note -> day number + 1), kept up to date note by note;
   * made again from all notes when due_index_valid is unset (a file
   * loaded or merged, another time zone). */
  GHashTable          *due_days;
  GHashTable          *note_due_days;
  GTimeZone           *local_tz;

  /* notes.json.journal (viva-notes-store-journal.c): the notes changed
   * since their last entry (VivaNote, a set), the last sequence number
   * given to an entry or seen in the file, and the entry or truncation
   * in flight (one at a time, in order). */
  VivaNotesJournal    *journal;
  GHashTable          *journal_pending;
  char                *journal_error;
  guint64              journal_sequence;
  guint64              journal_truncate_at;
  gint64               journal_first_change;
  guint                journal_source;
  guint                journal_in_flight : 1;
  guint                journal_off : 1;
  guint                journal_failed : 1;

  VivaFileStamp        disk_stamp;
  guint                autosave_delay;
  guint                reload_source;
  guint                merge_rounds;
  /* viva_notes_store_recompute_memory_async() calls in flight */
  guint                recomputing_memory;
  guint                applying_disk;
  VivaNotesStoreState  state;

  /* The saver's, as the properties last told them */
  VivaSaveStatus       status;

  /* Set by viva_notes_store_load() and viva_notes_store_load_async() */
  guint                loaded : 1;
  /* The load's worker is reading: nothing is written until its result
   * is applied */
  guint                loading : 1;
  guint                restored_from_backup : 1;
  guint                reloading : 1;
  guint                reload_after_write : 1;
  guint                due_index_valid : 1;
};

VivaNote *_viva_notes_store_ensure_note               (VivaNotesStore       *self,
                                                      const char           *bank_id,
                                                      guint                 number,
                                                      const VivaNoteRecord *record);
VivaNote *_viva_notes_store_find_note                 (VivaNotesStore       *self,
                                                      const char           *bank_id,
                                                      guint                 number);
void      _viva_notes_store_apply                     (VivaNotesStore       *self,
                                                      VivaNotesFile        *file);
void      _viva_notes_store_set_base                  (VivaNotesStore       *self,
                                                      GPtrArray            *records);
void      _viva_notes_store_recovered                 (VivaNotesStore       *self,
                                                      const char           *moved_aside_path);
void      _viva_notes_store_go_read_only              (VivaNotesStore       *self);
void      _viva_notes_store_set_restored_from_backup  (VivaNotesStore       *self);
void      _viva_notes_store_emit_merged               (VivaNotesStore       *self,
                                                      GPtrArray            *changed,
                                                      GPtrArray            *conflicts);
guint     _viva_notes_store_merge                     (VivaNotesStore       *self,
                                                      VivaNotesFile        *disk);
void      _viva_notes_store_schedule_reload           (VivaNotesStore       *self);
void      _viva_notes_store_merge_loaded_note         (VivaNotesStore       *self,
                                                      VivaNote             *note,
                                                      const VivaNoteRecord *record,
                                                      GPtrArray            *changed,
                                                      GPtrArray            *conflicts);
void      _viva_notes_store_loaded                    (VivaNotesStore       *self);
VivaNoteRecord *_viva_notes_store_dup_record          (VivaNotesStore       *self,
                                                      VivaNote             *note);
void      _viva_notes_store_status_changed            (VivaNotesStore       *self);
void      _viva_notes_store_journal_changed           (VivaNotesStore       *self,
                                                      VivaNote             *note);
void      _viva_notes_store_journal_schedule          (VivaNotesStore       *self);
void      _viva_notes_store_journal_saved             (VivaNotesStore       *self,
                                                      guint64               sequence);
void      _viva_notes_store_journal_dispose           (VivaNotesStore       *self);

guint                viva_notes_store_get_n_notes           (VivaNotesStore       *self);
guint                viva_notes_store_get_autosave_delay    (VivaNotesStore       *self);
void                 viva_notes_store_set_autosave_delay    (VivaNotesStore       *self,
                                                             guint                 msec);

G_END_DECLS
