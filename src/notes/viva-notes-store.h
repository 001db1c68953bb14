/* viva-notes-store.h
 *
 * The user's notes, persisted as one versioned JSON document.
 * GTK-free: links against GLib/GIO and json-glib only.
 *
 * Safety rules (see README "Where your data lives"):
 *  - the file is validated as untrusted input before anything is used;
 *  - writes are atomic and durable, mode 0600, off the main loop, and the
 *    previous good file is kept as ".bak";
 *  - a file that cannot be loaded is never overwritten: a damaged file is
 *    moved aside byte for byte (and ".bak" restored when it is good); a
 *    file from a newer version opens read-only;
 *  - a failed write keeps everything in memory and is retried;
 *  - a file another process changed since we read it is merged, three
 *    ways, before it is written over; a note whose text changed on both
 *    sides keeps both texts and is reported (VivaNotesStore::conflict).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "viva-scheduler.h"
#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_NOTES_FORMAT         "viva-notes"
/* Version 2 added each question's review schedule and history, version
 * 3 its scratchpad: code, prediction and the user's test cases, version
 * 4 its FSRS memory: stability and difficulty. */
#define VIVA_NOTES_FORMAT_VERSION 4
#define VIVA_NOTES_FORMAT_OLDEST_VERSION 1
/* A notes file is a few MiB even with 100,000 long notes. */
#define VIVA_NOTES_MAX_SIZE       ((gsize) 64 * 1024 * 1024)
/* Our own files nest 7 levels; json-glib 1.6 crashes near 100,000. */
#define VIVA_NOTES_MAX_DEPTH      64

#define VIVA_NOTES_STORE_ERROR (viva_notes_store_error_quark ())

typedef enum
{
  VIVA_NOTES_STORE_ERROR_TOO_LARGE,
  VIVA_NOTES_STORE_ERROR_TOO_DEEP,
  VIVA_NOTES_STORE_ERROR_INVALID,
  VIVA_NOTES_STORE_ERROR_FUTURE_VERSION,
  VIVA_NOTES_STORE_ERROR_READ_ONLY,
} VivaNotesStoreError;

/**
 * VivaNotesStoreState:
 * @VIVA_NOTES_STORE_STATE_OK: loaded (or no file yet); saves normally
 * @VIVA_NOTES_STORE_STATE_RECOVERED: the file could not be loaded; it was
 *   moved aside untouched (see viva_notes_store_get_moved_aside_path()),
 *   ".bak" was used when it was good, and saving goes on normally
 * @VIVA_NOTES_STORE_STATE_READ_ONLY: the file was written by a newer
 *   version; it is never written to, and edits are refused
 */
typedef enum
{
  VIVA_NOTES_STORE_STATE_OK,
  VIVA_NOTES_STORE_STATE_RECOVERED,
  VIVA_NOTES_STORE_STATE_READ_ONLY,
} VivaNotesStoreState;

#define VIVA_TYPE_NOTES_STORE (viva_notes_store_get_type ())

G_DECLARE_FINAL_TYPE (VivaNotesStore, viva_notes_store, VIVA, NOTES_STORE, GObject)

GQuark               viva_notes_store_error_quark           (void);
char                *viva_notes_store_dup_default_path      (void);
VivaNotesStore      *viva_notes_store_new                   (const char           *path);
const char          *viva_notes_store_get_path              (VivaNotesStore       *self);
gboolean             viva_notes_store_load                  (VivaNotesStore       *self,
                                                             GError              **error);
void                 viva_notes_store_load_async            (VivaNotesStore       *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean             viva_notes_store_load_finish           (VivaNotesStore       *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
gboolean             viva_notes_store_get_loading           (VivaNotesStore       *self);
void                 viva_notes_store_watch                 (VivaNotesStore       *self);
VivaNotesStoreState  viva_notes_store_get_state             (VivaNotesStore       *self);
const char          *viva_notes_store_get_moved_aside_path  (VivaNotesStore       *self);
gboolean             viva_notes_store_get_restored_from_backup (VivaNotesStore    *self);
gboolean             viva_notes_store_get_read_only         (VivaNotesStore       *self);
gboolean             viva_notes_store_get_dirty             (VivaNotesStore       *self);
gboolean             viva_notes_store_get_saving            (VivaNotesStore       *self);
const char          *viva_notes_store_get_save_error        (VivaNotesStore       *self);
VivaNote            *viva_notes_store_get_note              (VivaNotesStore       *self,
                                                             const char           *bank_id,
                                                             guint                 number);
VivaNote            *viva_notes_store_lookup_note           (VivaNotesStore       *self,
                                                             const char           *bank_id,
                                                             guint                 number);
GPtrArray           *viva_notes_store_list_notes            (VivaNotesStore       *self,
                                                             const char           *bank_id);
GPtrArray           *viva_notes_store_list_reviewed_notes   (VivaNotesStore       *self);
guint                viva_notes_store_count_due             (VivaNotesStore       *self,
                                                             const char           *bank_id,
                                                             const VivaReviewDay  *day);
void                 viva_notes_store_set_scheduler_config  (VivaNotesStore            *self,
                                                             const VivaSchedulerConfig *config);
const VivaSchedulerConfig *viva_notes_store_get_scheduler_config (VivaNotesStore  *self);
guint                viva_notes_store_count_due_on_day      (gint64                day_time,
                                                             gpointer              user_data);
void                 viva_notes_store_recompute_memory_async  (VivaNotesStore     *self,
                                                               GCancellable       *cancellable,
                                                               GAsyncReadyCallback callback,
                                                               gpointer            user_data);
gboolean             viva_notes_store_recompute_memory_finish (VivaNotesStore     *self,
                                                               GAsyncResult       *result,
                                                               GError            **error);
gboolean             viva_notes_store_get_recomputing_memory  (VivaNotesStore     *self);
void                 viva_notes_store_save_async            (VivaNotesStore       *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean             viva_notes_store_save_finish           (VivaNotesStore       *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
gboolean             viva_notes_store_flush                 (VivaNotesStore       *self,
                                                             GError              **error);

G_END_DECLS
