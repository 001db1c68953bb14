/* viva-file-saver.h
 *
 * When one file of user data reaches the disk: the save pipeline every
 * store shares (the notes, each mock interview, each interview). A change
 * marks the file dirty; a debounced timer takes a snapshot on the main
 * thread; a worker thread encodes and writes it; serials tell whether the
 * user changed something meanwhile, so that an older write never marks
 * newer changes as saved; a failed write keeps everything in memory and
 * is retried with a growing delay; flush() writes synchronously for
 * quitting; the application is held while a write is in flight.
 *
 * What is written, how, and what to do with what the write found on disk
 * (a merge, a file from a newer Viva, a deleted document) is the store's:
 * it gives a #VivaFileSaverFuncs. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * VivaFileSaverResult:
 * @VIVA_FILE_SAVER_WROTE: the snapshot is on disk
 * @VIVA_FILE_SAVER_AGAIN: the store took in what another process wrote;
 *   write again at once, and answer the callers after that write
 * @VIVA_FILE_SAVER_FAILED: nothing was written; everything stays in
 *   memory and dirty, and the write is retried later (if it still can be)
 * @VIVA_FILE_SAVER_DROPPED: the snapshot is never to be written (the
 *   document was deleted, or a newer Viva owns the file): its changes
 *   are no longer unsaved; with an error when that is a failure
 *
 * What a store's @finish made of one write.
 */
typedef enum
{
  VIVA_FILE_SAVER_WROTE,
  VIVA_FILE_SAVER_AGAIN,
  VIVA_FILE_SAVER_FAILED,
  VIVA_FILE_SAVER_DROPPED,
} VivaFileSaverResult;

/**
 * VivaFileSaverFuncs:
 * @snapshot: the job of one write: what to put on disk, as one
 *   consistent moment, taken on the main thread
 * @write: runs the job, in a worker thread (or, for flush, in the
 *   calling thread); %FALSE with @error when nothing was written
 * @free_job: frees a job, in any thread
 * @finish: acts on what @write found, on the main thread; with
 *   @write_error set, it returns %VIVA_FILE_SAVER_FAILED and the error
 *   (or its own wording of it) in @error
 * @can_write: whether the file may still be written at all
 * @cannot_write_error: why not, for a caller who asked for a save
 * @status_changed: (nullable): the saver's dirty, saving or save error
 *   may have changed
 * @after_write: (nullable): a background write ended and what follows it
 *   was decided (a next write may be in flight), before the callers are
 *   answered
 *
 * What a #VivaFileSaver asks of its store. Every function gets the
 * @user_data given to viva_file_saver_new(), except @write and
 * @free_job, which get the job.
 */
typedef struct
{
  gpointer             (*snapshot)           (gpointer       user_data);
  gboolean             (*write)              (gpointer       job,
                                              GError       **error);
  void                 (*free_job)           (gpointer       job);
  VivaFileSaverResult  (*finish)             (gpointer       user_data,
                                              gpointer       job,
                                              const GError  *write_error,
                                              GError       **error);
  gboolean             (*can_write)          (gpointer       user_data);
  GError              *(*cannot_write_error) (gpointer       user_data);
  void                 (*status_changed)     (gpointer       user_data);
  void                 (*after_write)        (gpointer       user_data);
} VivaFileSaverFuncs;

#define VIVA_TYPE_FILE_SAVER (viva_file_saver_get_type ())

G_DECLARE_FINAL_TYPE (VivaFileSaver, viva_file_saver, VIVA, FILE_SAVER, GObject)

VivaFileSaver *viva_file_saver_new                (const VivaFileSaverFuncs *funcs,
                                                   GObject                  *owner,
                                                   gpointer                  user_data,
                                                   GDestroyNotify            user_data_free);
gpointer       viva_file_saver_get_user_data      (VivaFileSaver            *self);
gboolean       viva_file_saver_get_dirty          (VivaFileSaver            *self);
gboolean       viva_file_saver_get_saving         (VivaFileSaver            *self);
gboolean       viva_file_saver_get_flushing       (VivaFileSaver            *self);
const char    *viva_file_saver_get_save_error     (VivaFileSaver            *self);
void           viva_file_saver_set_autosave_delay (VivaFileSaver            *self,
                                                   guint                     msec);
void           viva_file_saver_changed            (VivaFileSaver            *self);
void           viva_file_saver_write_soon         (VivaFileSaver            *self);
void           viva_file_saver_save               (VivaFileSaver            *self,
                                                   GTask                    *task);
void           viva_file_saver_begin_flush        (VivaFileSaver            *self);
void           viva_file_saver_end_flush          (VivaFileSaver            *self);
gboolean       viva_file_saver_flush              (VivaFileSaver            *self,
                                                   GError                  **error);
void           viva_file_saver_stop_timers        (VivaFileSaver            *self);
void           viva_file_saver_forget             (VivaFileSaver            *self,
                                                   const GError             *error);

/**
 * VivaSaveStatus:
 * @save_error: why the last write failed, for the user, or %NULL
 * @dirty: whether some change is not on disk yet
 * @saving: whether a write is in flight
 *
 * What a store's "dirty", "saving" and "save-error" properties last
 * said, for viva_save_status_publish().
 */
typedef struct
{
  char     *save_error;
  gboolean  dirty;
  gboolean  saving;
} VivaSaveStatus;

void           viva_save_status_publish            (VivaSaveStatus           *status,
                                                    GObject                  *object,
                                                    GParamSpec              **pspecs,
                                                    gboolean                  dirty,
                                                    gboolean                  saving,
                                                    const char               *save_error);
void           viva_save_status_clear              (VivaSaveStatus           *status);

GApplication  *viva_file_saver_hold_application    (void);
void           viva_file_saver_release_application (GApplication             *application);

G_END_DECLS
