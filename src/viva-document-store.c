/* viva-document-store.c
 *
 * A folder of documents in memory, and when and how they reach the disk:
 * loading a folder of files where each may be damaged on its own, change
 * tracking, debounced autosave, background writes, retries. The file
 * operations are in viva-document-file.c; what a kind of document is,
 * and its file format, come from the subclass's #VivaDocumentCodec. The
 * patterns follow viva-notes-store.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-document-file.h"
#include "viva-document-store.h"

#define AUTOSAVE_DELAY_DEFAULT_MSEC 1000

typedef enum
{
  FINISH_DONE,
  FINISH_FAILED,
} FinishResult;

/* What the store knows of one document and its file. Reference counted
 * (g_rc_box) because a write in flight keeps it after a delete. Only
 * ever touched on the main thread. */
typedef struct
{
  /* Borrowed: the store disconnects every entry before it goes */
  VivaDocumentStore *store;

  /* Owned */
  GObject           *document;
  char              *path;
  GCancellable      *cancellable;
  GPtrArray         *current_tasks;
  GPtrArray         *queued_tasks;
  char              *save_error;

  VivaFileStamp      disk_stamp;
  guint64            change_serial;
  guint64            snapshot_serial;
  gulong             changed_handler;
  guint              retry_source;
  guint              retry_delay;

  guint              dirty : 1;
  guint              saving : 1;
  guint              future : 1;
  guint              deleted : 1;
  guint              save_after_write : 1;
} Entry;

typedef struct
{
  /* Borrowed: the class's, for the life of the program */
  const VivaDocumentCodec *codec;

  /* Owned */
  char                    *dir;
  char                    *lock_path;
  char                    *save_error;
  GListStore              *documents;
  GHashTable              *entries;

  gint64                   first_unsaved_change;
  guint                    autosave_delay;
  guint                    autosave_source;
  guint                    n_saving;
  guint                    flushing;

  guint                    loaded : 1;
  guint                    dirty : 1;
  guint                    saving : 1;
} VivaDocumentStorePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (VivaDocumentStore, viva_document_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DIR,
  PROP_AUTOSAVE_DELAY,
  PROP_DIRTY,
  PROP_SAVING,
  PROP_SAVE_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void viva_document_store_start_write (VivaDocumentStore *self,
                                             Entry             *entry);

/* Problems */

void
viva_document_problem_free (VivaDocumentProblem *problem)
{
  g_free (problem->path);
  g_free (problem->message);
  g_free (problem->moved_aside_path);
  g_free (problem);
}

/* Entries */

static void
entry_clear (Entry *entry)
{
  g_clear_object (&entry->document);
  g_clear_pointer (&entry->path, g_free);
  g_clear_object (&entry->cancellable);
  g_clear_pointer (&entry->current_tasks, g_ptr_array_unref);
  g_clear_pointer (&entry->queued_tasks, g_ptr_array_unref);
  g_clear_pointer (&entry->save_error, g_free);
}

static Entry *
entry_ref (Entry *entry)
{
  return g_rc_box_acquire (entry);
}

static void
entry_unref (Entry *entry)
{
  g_rc_box_release_full (entry, (GDestroyNotify) entry_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Entry, entry_unref)

static GError *
entry_new_error (Entry               *entry,
                 GQuark               domain,
                 gint                 code,
                 VivaDocumentMessage  message)
{
  const VivaDocumentCodec *codec = VIVA_DOCUMENT_STORE_GET_CLASS (entry->store)->codec;
  g_autofree char *text = codec->dup_message (message, entry->path, NULL, NULL);

  return g_error_new_literal (domain, code, text);
}

static GError *
read_only_error (Entry *entry)
{
  const VivaDocumentCodec *codec = VIVA_DOCUMENT_STORE_GET_CLASS (entry->store)->codec;

  return entry_new_error (entry, codec->error_quark (), VIVA_DOCUMENT_STORE_ERROR_READ_ONLY,
                          VIVA_DOCUMENT_MESSAGE_READ_ONLY);
}

static GError *
deleted_error (Entry *entry)
{
  return entry_new_error (entry, G_IO_ERROR, G_IO_ERROR_CANCELLED, VIVA_DOCUMENT_MESSAGE_DELETED);
}

/* The store's summary properties */

static void
viva_document_store_update_status (VivaDocumentStore *self)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);
  const char *save_error = NULL;
  gboolean dirty = FALSE;
  gboolean saving = priv->n_saving > 0;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (priv->documents));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) document = g_list_model_get_item (G_LIST_MODEL (priv->documents), i);
      Entry *entry = g_hash_table_lookup (priv->entries, document);

      if (entry == NULL)
        continue;

      dirty |= entry->dirty;
      if (save_error == NULL)
        save_error = entry->save_error;
    }

  g_object_freeze_notify (G_OBJECT (self));

  if (priv->dirty != dirty)
    {
      priv->dirty = dirty;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
    }

  if (priv->saving != saving)
    {
      priv->saving = saving;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
    }

  if (g_strcmp0 (priv->save_error, save_error) != 0)
    {
      g_free (priv->save_error);
      priv->save_error = g_strdup (save_error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVE_ERROR]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/* Autosave */

static gboolean
entry_can_write (Entry *entry)
{
  return !entry->future && !entry->deleted;
}

static void
viva_document_store_write_soon (VivaDocumentStore *self,
                                Entry             *entry)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);

  if (entry->saving || priv->flushing)
    {
      entry->save_after_write = TRUE;
      return;
    }

  if (entry->dirty && entry_can_write (entry))
    viva_document_store_start_write (self, entry);
}

/* Writing may change the table (a write that completes at once does not,
 * but be safe): collect first. */
static GPtrArray *
viva_document_store_dup_entries (VivaDocumentStore *self)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_unref);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, priv->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (entries, entry_ref (value));

  return entries;
}

static void
viva_document_store_autosave_cb (gpointer user_data)
{
  VivaDocumentStore *self = user_data;
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);
  g_autoptr(GPtrArray) entries = NULL;

  priv->autosave_source = 0;
  priv->first_unsaved_change = 0;

  entries = viva_document_store_dup_entries (self);

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);

      /* A failed save waits for its own retry. */
      if (entry->retry_source == 0)
        viva_document_store_write_soon (self, entry);
    }
}

/* Saves a moment after the last change, so that typing does not write
 * on every key, but at least every few seconds while the
 * changes keep coming. */
static void
viva_document_store_schedule_autosave (VivaDocumentStore *self)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);

  g_clear_handle_id (&priv->autosave_source, g_source_remove);
  priv->autosave_source = g_timeout_add_once (viva_data_file_autosave_timeout (&priv->first_unsaved_change,
                                                                               priv->autosave_delay),
                                              viva_document_store_autosave_cb, self);
}

/* The source holds a reference on the entry; the store is borrowed, as
 * dispose() removes every entry's retry. */
static gboolean
viva_document_store_retry_cb (gpointer user_data)
{
  Entry *entry = user_data;

  entry->retry_source = 0;
  viva_document_store_write_soon (entry->store, entry);

  return G_SOURCE_REMOVE;
}

static void
viva_document_store_schedule_retry (VivaDocumentStore *self,
                                    Entry             *entry)
{
  if (!entry_can_write (entry))
    return;

  entry->retry_delay = viva_data_file_next_retry_delay (entry->retry_delay);

  g_clear_handle_id (&entry->retry_source, g_source_remove);
  entry->retry_source = g_timeout_add_full (G_PRIORITY_DEFAULT, entry->retry_delay,
                                            viva_document_store_retry_cb,
                                            entry_ref (entry),
                                            (GDestroyNotify) entry_unref);
}

static void
viva_document_store_document_changed_cb (GObject *document,
                                         Entry   *entry)
{
  VivaDocumentStore *self = entry->store;

  if (!entry_can_write (entry))
    return;

  entry->change_serial++;
  entry->dirty = TRUE;
  viva_document_store_update_status (self);

  /* After a failed save, the retry timer decides when to try again;
   * trying on every key press would not make a full disk any emptier. */
  if (entry->retry_source == 0)
    viva_document_store_schedule_autosave (self);
}

/* Writing */

static void
viva_document_store_save_thread (GTask        *task,
                                 gpointer      source_object,
                                 gpointer      task_data,
                                 GCancellable *cancellable)
{
  VivaDocumentWrite *job = task_data;
  GError *error = NULL;

  if (viva_document_write_run (job, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Takes the snapshot. The entry stays dirty until the snapshot is on
 * disk, so that "flush if dirty" at quit never leaves a write behind. */
static VivaDocumentWrite *
viva_document_store_prepare_write (VivaDocumentStore *self,
                                   Entry             *entry)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);

  g_clear_handle_id (&entry->retry_source, g_source_remove);
  entry->save_after_write = FALSE;
  entry->snapshot_serial = entry->change_serial;

  return viva_document_write_new (priv->codec, entry->path, priv->lock_path,
                                  priv->codec->build (entry->document),
                                  &entry->disk_stamp, entry->cancellable);
}

static void
entry_set_save_error (Entry      *entry,
                      const char *message)
{
  g_free (entry->save_error);
  entry->save_error = g_strdup (message);
}

/* Acts on what a write found. */
static FinishResult
viva_document_store_finish_write (VivaDocumentStore  *self,
                                  Entry              *entry,
                                  VivaDocumentWrite  *job,
                                  const GError       *write_error,
                                  GError            **error)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);

  if (write_error != NULL)
    {
      /* Nothing was written: everything stays in memory, and dirty. */
      entry_set_save_error (entry, write_error->message);
      entry->dirty = TRUE;
      g_propagate_error (error, g_error_copy (write_error));
      return FINISH_FAILED;
    }

  switch (job->outcome)
    {
    case VIVA_DOCUMENT_WRITE_WROTE:
      entry->disk_stamp = job->stamp;
      entry->retry_delay = 0;
      entry_set_save_error (entry, NULL);
      if (entry->change_serial == entry->snapshot_serial)
        entry->dirty = FALSE;
      return FINISH_DONE;

    case VIVA_DOCUMENT_WRITE_NEWER_ON_DISK:
      /* A newer Viva wrote this document meanwhile: never write over it,
       * and stop taking edits that could not be saved. */
      entry->future = TRUE;
      entry->dirty = FALSE;
      priv->codec->set_read_only (entry->document);
      g_propagate_error (error, read_only_error (entry));
      entry_set_save_error (entry, (*error)->message);
      return FINISH_FAILED;

    case VIVA_DOCUMENT_WRITE_CANCELLED:
      entry->dirty = FALSE;
      return FINISH_DONE;

    default:
      g_assert_not_reached ();
    }
}

typedef struct
{
  VivaDocumentStore *store;
  Entry             *entry;
  GApplication      *application;
} WriteClosure;

static void
viva_document_store_write_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  WriteClosure *closure = user_data;
  g_autoptr(VivaDocumentStore) self = closure->store;
  g_autoptr(Entry) entry = closure->entry;
  g_autoptr(GApplication) application = closure->application;
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);
  VivaDocumentWrite *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) write_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) finished = NULL;
  FinishResult finish;

  g_free (closure);

  g_task_propagate_boolean (G_TASK (result), &write_error);

  entry->saving = FALSE;
  priv->n_saving--;

  finish = viva_document_store_finish_write (self, entry, job, write_error, &error);

  if (finish == FINISH_FAILED)
    viva_document_store_schedule_retry (self, entry);

  finished = viva_data_file_steal_tasks (&entry->current_tasks);

  /* What was asked for or changed while this write was running is
   * saved at once; flush() does its own writing. */
  if (!priv->flushing && entry_can_write (entry) &&
      (entry->queued_tasks->len > 0 ||
       (finish == FINISH_DONE && entry->save_after_write && entry->dirty)))
    viva_document_store_start_write (self, entry);

  viva_document_store_update_status (self);

  if (application != NULL)
    g_application_release (application);

  viva_data_file_complete_tasks (g_steal_pointer (&finished), error);
}

static void
viva_document_store_start_write (VivaDocumentStore *self,
                                 Entry             *entry)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);
  g_autoptr(GTask) task = NULL;
  WriteClosure *closure;
  VivaDocumentWrite *job;

  g_assert (!entry->saving);

  viva_data_file_start_tasks (&entry->queued_tasks, entry->current_tasks);

  if (!entry_can_write (entry))
    {
      g_autoptr(GError) error = entry->future ? read_only_error (entry) : deleted_error (entry);

      viva_data_file_complete_tasks (viva_data_file_steal_tasks (&entry->current_tasks), error);
      return;
    }

  job = viva_document_store_prepare_write (self, entry);

  closure = g_new0 (WriteClosure, 1);
  closure->store = g_object_ref (self);
  closure->entry = entry_ref (entry);

  /* The user may quit while we write; keep the process until we are
   * done. */
  closure->application = g_application_get_default ();
  if (closure->application != NULL)
    {
      g_object_ref (closure->application);
      g_application_hold (closure->application);
    }

  entry->saving = TRUE;
  priv->n_saving++;
  viva_document_store_update_status (self);

  /* As in the notes store, the task has no source object: the worker
   * thread may drop the task's last reference, and the store must be
   * finalized on the main thread, by the callback's reference. */
  task = g_task_new (NULL, NULL, viva_document_store_write_cb, closure);
  g_task_set_source_tag (task, viva_document_store_start_write);
  g_task_set_task_data (task, job, (GDestroyNotify) viva_document_write_free);
  g_task_run_in_thread (task, viva_document_store_save_thread);
}

/* Loading */

/* Newest first; ids break ties so that the order is stable. */
static int
compare_documents (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const VivaDocumentCodec *codec = user_data;
  gpointer da = (gpointer) a;
  gpointer db = (gpointer) b;
  gint64 ca = codec->get_created (da);
  gint64 cb = codec->get_created (db);

  if (ca != cb)
    return ca > cb ? -1 : 1;

  return -strcmp (codec->get_id (da), codec->get_id (db));
}

static int
compare_document_pointers (gconstpointer a,
                           gconstpointer b,
                           gpointer      user_data)
{
  return compare_documents (*(gpointer const *) a, *(gpointer const *) b, user_data);
}

static Entry *
viva_document_store_add_entry (VivaDocumentStore   *self,
                               GObject             *document,
                               const char          *path,
                               const VivaFileStamp *stamp)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);
  Entry *entry = g_rc_box_new0 (Entry);

  entry->store = self;
  entry->document = g_object_ref (document);
  entry->path = g_strdup (path);
  entry->cancellable = g_cancellable_new ();
  entry->current_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  entry->queued_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  entry->disk_stamp = *stamp;
  entry->changed_handler = g_signal_connect_data (document, "changed",
                                                  G_CALLBACK (viva_document_store_document_changed_cb),
                                                  entry_ref (entry),
                                                  (GClosureNotify) entry_unref,
                                                  0);

  g_hash_table_insert (priv->entries, document, entry);

  return entry;
}

static gboolean
viva_document_store_has_id (VivaDocumentStore *self,
                            const char        *id)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, priv->entries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (strcmp (priv->codec->get_id (key), id) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Takes what viva_document_dir_load() found into the store, on the main
 * thread. */
static void
viva_document_store_apply (VivaDocumentStore   *self,
                           VivaDocumentDirLoad *result)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);
  g_autoptr(GPtrArray) documents = g_ptr_array_new ();
  gboolean had_documents = g_list_model_get_n_items (G_LIST_MODEL (priv->documents)) > 0;
  gboolean restored = FALSE;

  for (guint i = 0; i < result->loaded->len; i++)
    {
      VivaDocumentLoaded *loaded = g_ptr_array_index (result->loaded, i);
      Entry *entry;

      /* Added with viva_document_store_add() before the load. */
      if (viva_document_store_has_id (self, priv->codec->get_id (loaded->document)))
        continue;

      entry = viva_document_store_add_entry (self, loaded->document, loaded->path, &loaded->stamp);

      if (loaded->future)
        {
          entry->future = TRUE;
          priv->codec->set_read_only (loaded->document);
        }

      if (loaded->from_backup)
        {
          /* So that the next save puts "<id>.json" back. */
          entry->change_serial++;
          entry->dirty = TRUE;
          restored = TRUE;
        }

      g_ptr_array_add (documents, loaded->document);
    }

  g_ptr_array_sort_with_data (documents, compare_document_pointers, (gpointer) priv->codec);
  g_list_store_splice (priv->documents, 0, 0, documents->pdata, documents->len);

  /* Documents added before the load go where they belong too. */
  if (had_documents)
    g_list_store_sort (priv->documents, compare_documents, (gpointer) priv->codec);

  viva_document_store_update_status (self);

  if (restored)
    viva_document_store_schedule_autosave (self);
}

static void
viva_document_store_load_thread (GTask        *task,
                                 gpointer      source_object,
                                 gpointer      task_data,
                                 GCancellable *cancellable)
{
  VivaDocumentStore *self = source_object;
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);

  g_task_return_pointer (task, viva_document_dir_load (priv->codec, priv->dir, priv->lock_path),
                         (GDestroyNotify) viva_document_dir_load_free);
}

/* Public API */

const char *
viva_document_store_get_dir (VivaDocumentStore *self)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);

  g_return_val_if_fail (VIVA_IS_DOCUMENT_STORE (self), NULL);

  return priv->dir;
}

/**
 * viva_document_store_dup_path:
 * @self: a store
 * @document: a document
 *
 * Returns: (transfer full): the file @document is saved to, for messages
 */
char *
viva_document_store_dup_path (VivaDocumentStore *self,
                              gpointer           document)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);
  g_autofree char *name = NULL;

  g_return_val_if_fail (VIVA_IS_DOCUMENT_STORE (self), NULL);
  g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (document, priv->codec->get_document_type ()), NULL);

  name = g_strconcat (priv->codec->get_id (document), VIVA_DOCUMENT_SUFFIX, NULL);

  return g_build_filename (priv->dir, name, NULL);
}

/**
 * viva_document_store_load:
 * @self: a store
 * @out_problems: (out) (transfer full) (element-type VivaDocumentProblem) (optional):
 *   the files that did not load as they should, for the user; empty
 *   when all is well
 *
 * Reads every document of the folder, once, at start-up. One damaged
 * file never hides the others: it is reported, moved aside byte for
 * byte, and its ".bak" is loaded instead when good. Files from a newer
 * version are listed read-only. Blocks on disk I/O; see
 * viva_document_store_load_async() for the main loop.
 *
 * Returns: (transfer none): the documents, newest first; the same list
 *   as viva_document_store_get_documents()
 */
GListModel *
viva_document_store_load (VivaDocumentStore  *self,
                          GPtrArray         **out_problems)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);
  VivaDocumentDirLoad *result;

  g_return_val_if_fail (VIVA_IS_DOCUMENT_STORE (self), NULL);
  g_return_val_if_fail (!priv->loaded, NULL);

  priv->loaded = TRUE;

  result = viva_document_dir_load (priv->codec, priv->dir, priv->lock_path);
  viva_document_store_apply (self, result);

  if (out_problems != NULL)
    *out_problems = g_steal_pointer (&result->problems);

  viva_document_dir_load_free (result);

  return G_LIST_MODEL (priv->documents);
}

/**
 * viva_document_store_load_async:
 * @self: a store
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the documents are loaded
 * @user_data: data for @callback
 *
 * viva_document_store_load() with the reading in a worker thread.
 */
void
viva_document_store_load_async (VivaDocumentStore   *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VIVA_IS_DOCUMENT_STORE (self));
  g_return_if_fail (!priv->loaded);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  priv->loaded = TRUE;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, viva_document_store_load_async);
  g_task_run_in_thread (task, viva_document_store_load_thread);
}

/**
 * viva_document_store_load_finish:
 * @self: a store
 * @result: the result given to the callback
 * @out_problems: (out) (transfer full) (element-type VivaDocumentProblem) (optional):
 *   as for viva_document_store_load()
 * @error: return location for an error; only set when cancelled
 *
 * Returns: (transfer none) (nullable): the documents, newest first
 */
GListModel *
viva_document_store_load_finish (VivaDocumentStore  *self,
                                 GAsyncResult       *result,
                                 GPtrArray         **out_problems,
                                 GError            **error)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);
  VivaDocumentDirLoad *load;

  g_return_val_if_fail (VIVA_IS_DOCUMENT_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == viva_document_store_load_async, NULL);

  load = g_task_propagate_pointer (G_TASK (result), error);
  if (load == NULL)
    return NULL;

  viva_document_store_apply (self, load);

  if (out_problems != NULL)
    *out_problems = g_steal_pointer (&load->problems);

  viva_document_dir_load_free (load);

  return G_LIST_MODEL (priv->documents);
}

/**
 * viva_document_store_get_documents:
 * @self: a store
 *
 * Returns: (transfer none): the documents, newest first
 */
GListModel *
viva_document_store_get_documents (VivaDocumentStore *self)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);

  g_return_val_if_fail (VIVA_IS_DOCUMENT_STORE (self), NULL);

  return G_LIST_MODEL (priv->documents);
}

/**
 * viva_document_store_add:
 * @self: a store
 * @document: a new document
 * @error: return location for an error
 *
 * Adds a new document to the store and saves it right away, then after
 * each change (see #VivaDocumentStore:autosave-delay).
 *
 * Returns: %FALSE if a document with its id is already known or on disk
 */
gboolean
viva_document_store_add (VivaDocumentStore  *self,
                         gpointer            document,
                         GError            **error)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);
  g_autofree char *path = NULL;
  VivaFileStamp stamp;
  Entry *entry;
  int errsv = 0;

  g_return_val_if_fail (VIVA_IS_DOCUMENT_STORE (self), FALSE);
  g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (document, priv->codec->get_document_type ()), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = viva_document_store_dup_path (self, document);

  /* A folder we cannot look into is the write's to report, with the
   * retries that go with it. */
  if (!viva_file_stamp_query (&stamp, path, &errsv))
    memset (&stamp, 0, sizeof stamp);

  if (viva_document_store_has_id (self, priv->codec->get_id (document)) || stamp.exists)
    {
      g_autofree char *message = priv->codec->dup_message (VIVA_DOCUMENT_MESSAGE_EXISTS, path, NULL, NULL);

      g_set_error_literal (error, priv->codec->error_quark (), VIVA_DOCUMENT_STORE_ERROR_EXISTS, message);
      return FALSE;
    }

  entry = viva_document_store_add_entry (self, document, path, &stamp);
  g_list_store_insert_sorted (priv->documents, document, compare_documents, (gpointer) priv->codec);

  if (priv->codec->get_read_only (document))
    {
      /* Nothing to save from a document that cannot change; keep it in
       * memory only. */
      viva_document_store_update_status (self);
      return TRUE;
    }

  /* A new document is on disk before its first change: a crash in the
   * first minute must not lose it. */
  entry->change_serial++;
  entry->dirty = TRUE;
  viva_document_store_write_soon (self, entry);
  viva_document_store_update_status (self);

  return TRUE;
}

/**
 * viva_document_store_get_unfinished:
 * @self: a store
 *
 * The document to offer to resume at start-up: the newest unfinished
 * one that this version can save.
 *
 * Returns: (transfer none) (nullable): the document
 */
gpointer
viva_document_store_get_unfinished (VivaDocumentStore *self)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);
  guint n;

  g_return_val_if_fail (VIVA_IS_DOCUMENT_STORE (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (priv->documents));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) document = g_list_model_get_item (G_LIST_MODEL (priv->documents), i);
      Entry *entry = g_hash_table_lookup (priv->entries, document);

      if (entry != NULL && !entry->future && priv->codec->get_unfinished (document))
        return document;
    }

  return NULL;
}

gboolean
viva_document_store_get_dirty (VivaDocumentStore *self)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);

  g_return_val_if_fail (VIVA_IS_DOCUMENT_STORE (self), FALSE);

  return priv->dirty;
}

gboolean
viva_document_store_get_saving (VivaDocumentStore *self)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);

  g_return_val_if_fail (VIVA_IS_DOCUMENT_STORE (self), FALSE);

  return priv->saving;
}

const char *
viva_document_store_get_save_error (VivaDocumentStore *self)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);

  g_return_val_if_fail (VIVA_IS_DOCUMENT_STORE (self), NULL);

  return priv->save_error;
}

guint
viva_document_store_get_autosave_delay (VivaDocumentStore *self)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);

  g_return_val_if_fail (VIVA_IS_DOCUMENT_STORE (self), 0);

  return priv->autosave_delay;
}

void
viva_document_store_set_autosave_delay (VivaDocumentStore *self,
                                        guint              msec)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);

  g_return_if_fail (VIVA_IS_DOCUMENT_STORE (self));

  msec = MIN (msec, 60 * 1000);

  if (priv->autosave_delay == msec)
    return;

  priv->autosave_delay = msec;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOSAVE_DELAY]);
}

/**
 * viva_document_store_save_async:
 * @self: a store
 * @document: one of its documents
 * @cancellable: (nullable): cancels the request while it waits for a
 *   write in flight; a write that started runs to its end
 * @callback: called when @document is on disk, or could not be saved
 * @user_data: data for @callback
 *
 * Saves @document now, whether or not it changed.
 */
void
viva_document_store_save_async (VivaDocumentStore   *self,
                                gpointer             document,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);
  g_autoptr(GTask) task = NULL;
  Entry *entry;

  g_return_if_fail (VIVA_IS_DOCUMENT_STORE (self));
  g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (document, priv->codec->get_document_type ()));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, viva_document_store_save_async);
  g_task_set_check_cancellable (task, FALSE);

  entry = g_hash_table_lookup (priv->entries, document);
  if (entry == NULL)
    {
      g_autofree char *message = priv->codec->dup_message (VIVA_DOCUMENT_MESSAGE_NOT_FOUND, NULL, NULL, NULL);

      g_task_return_new_error (task, priv->codec->error_quark (), VIVA_DOCUMENT_STORE_ERROR_NOT_FOUND,
                               "%s", message);
      return;
    }

  if (entry->future)
    {
      g_task_return_error (task, read_only_error (entry));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  g_ptr_array_add (entry->queued_tasks, g_steal_pointer (&task));

  if (!entry->saving && !priv->flushing)
    viva_document_store_start_write (self, entry);
}

gboolean
viva_document_store_save_finish (VivaDocumentStore  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (VIVA_IS_DOCUMENT_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == viva_document_store_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * viva_document_store_flush:
 * @self: a store
 * @error: return location for the first error
 *
 * Writes every unsaved document now, in the calling thread, after the
 * writes in flight: for quitting, and before the window closes.
 *
 * Returns: %TRUE when everything is on disk
 */
gboolean
viva_document_store_flush (VivaDocumentStore  *self,
                           GError            **error)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);
  g_autoptr(VivaDocumentStore) hold = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) first_error = NULL;

  g_return_val_if_fail (VIVA_IS_DOCUMENT_STORE (self), FALSE);

  hold = g_object_ref (self);
  priv->flushing++;

  while (priv->n_saving > 0)
    g_main_context_iteration (NULL, TRUE);

  entries = viva_document_store_dup_entries (self);

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GError) write_error = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GPtrArray) finished = NULL;
      VivaDocumentWrite *job;

      finished = viva_data_file_steal_tasks (&entry->current_tasks);
      g_ptr_array_extend_and_steal (finished, viva_data_file_steal_tasks (&entry->queued_tasks));

      if (entry->future)
        {
          local_error = read_only_error (entry);
        }
      else if (entry->dirty || finished->len > 0)
        {
          job = viva_document_store_prepare_write (self, entry);
          viva_document_write_run (job, &write_error);
          if (viva_document_store_finish_write (self, entry, job, write_error, &local_error) == FINISH_FAILED)
            viva_document_store_schedule_retry (self, entry);
          viva_document_write_free (job);
        }

      if (local_error != NULL && first_error == NULL && !entry->future)
        first_error = g_error_copy (local_error);

      viva_data_file_complete_tasks (g_steal_pointer (&finished), local_error);
    }

  priv->flushing--;

  if (priv->autosave_source != 0 && !priv->dirty)
    g_clear_handle_id (&priv->autosave_source, g_source_remove);

  viva_document_store_update_status (self);

  if (first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return FALSE;
    }

  return TRUE;
}

static void
viva_document_store_forget (VivaDocumentStore *self,
                            Entry             *entry)
{
  g_autoptr(GError) cancelled = deleted_error (entry);

  g_clear_handle_id (&entry->retry_source, g_source_remove);
  g_clear_signal_handler (&entry->changed_handler, entry->document);
  viva_data_file_complete_tasks (viva_data_file_steal_tasks (&entry->queued_tasks), cancelled);
}

/**
 * viva_document_store_delete:
 * @self: a store
 * @document: one of its documents
 * @error: return location for an error
 *
 * Removes @document from the store and its file and backup from disk.
 * A write in flight for it is cancelled, or removed after it lands.
 * Refuses a document written by a newer version of Viva.
 *
 * Returns: %TRUE when the document is gone
 */
gboolean
viva_document_store_delete (VivaDocumentStore  *self,
                            gpointer            document,
                            GError            **error)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);
  g_autoptr(GObject) hold = NULL;
  g_autofree char *message = NULL;
  Entry *entry;
  guint position;
  int errsv;

  g_return_val_if_fail (VIVA_IS_DOCUMENT_STORE (self), FALSE);
  g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (document, priv->codec->get_document_type ()), FALSE);

  entry = g_hash_table_lookup (priv->entries, document);
  if (entry == NULL)
    {
      message = priv->codec->dup_message (VIVA_DOCUMENT_MESSAGE_NOT_FOUND, NULL, NULL, NULL);
      g_set_error_literal (error, priv->codec->error_quark (), VIVA_DOCUMENT_STORE_ERROR_NOT_FOUND, message);
      return FALSE;
    }

  if (entry->future)
    {
      g_propagate_error (error, read_only_error (entry));
      return FALSE;
    }

  /* Before the lock: a write waiting for it will then write nothing. */
  g_cancellable_cancel (entry->cancellable);

  if (!viva_data_file_delete (priv->lock_path, entry->path, &errsv))
    goto failed;

  hold = g_object_ref (document);
  entry->deleted = TRUE;
  entry->dirty = FALSE;
  viva_document_store_forget (self, entry);
  g_hash_table_remove (priv->entries, document);

  if (g_list_store_find (priv->documents, document, &position))
    g_list_store_remove (priv->documents, position);

  viva_document_store_update_status (self);

  return TRUE;

failed:
  /* Still there: a cancelled write may not have written, so write
   * again. */
  g_clear_object (&entry->cancellable);
  entry->cancellable = g_cancellable_new ();
  entry->change_serial++;
  entry->dirty = TRUE;
  viva_document_store_schedule_autosave (self);
  viva_document_store_update_status (self);

  message = priv->codec->dup_message (VIVA_DOCUMENT_MESSAGE_DELETE_FAILED, entry->path, g_strerror (errsv), NULL);
  g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (errsv), message);

  return FALSE;
}

/* GObject */

static void
viva_document_store_dispose (GObject *object)
{
  VivaDocumentStore *self = (VivaDocumentStore *)object;
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);
  GHashTableIter iter;
  gpointer value;

  g_clear_handle_id (&priv->autosave_source, g_source_remove);

  /* The owner is expected to flush before letting go; say so loudly when
   * it did not, since the changes go with us. */
  if (priv->dirty)
    {
      g_warning ("%s for %s disposed with unsaved changes; flush it first",
                 G_OBJECT_TYPE_NAME (self), priv->dir);
      priv->dirty = FALSE;
    }

  /* Documents may outlive us in the pages that show them. */
  if (priv->entries != NULL)
    {
      g_hash_table_iter_init (&iter, priv->entries);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        viva_document_store_forget (self, value);

      g_hash_table_remove_all (priv->entries);
    }

  if (priv->documents != NULL)
    g_list_store_remove_all (priv->documents);

  G_OBJECT_CLASS (viva_document_store_parent_class)->dispose (object);
}

static void
viva_document_store_finalize (GObject *object)
{
  VivaDocumentStore *self = (VivaDocumentStore *)object;
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);

  g_assert (priv->n_saving == 0);

  g_clear_pointer (&priv->entries, g_hash_table_unref);
  g_clear_object (&priv->documents);
  g_clear_pointer (&priv->dir, g_free);
  g_clear_pointer (&priv->lock_path, g_free);
  g_clear_pointer (&priv->save_error, g_free);

  G_OBJECT_CLASS (viva_document_store_parent_class)->finalize (object);
}

static void
viva_document_store_constructed (GObject *object)
{
  VivaDocumentStore *self = (VivaDocumentStore *)object;
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);

  G_OBJECT_CLASS (viva_document_store_parent_class)->constructed (object);

  /* The subclass's codec: during _init() the instance still had our
   * class, not the subclass's. */
  priv->codec = VIVA_DOCUMENT_STORE_GET_CLASS (self)->codec;
  g_assert (priv->codec != NULL);
  g_assert (priv->dir != NULL);

  priv->documents = g_list_store_new (priv->codec->get_document_type ());
  priv->lock_path = g_build_filename (priv->dir, VIVA_DOCUMENT_LOCK_NAME, NULL);
}

static void
viva_document_store_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  VivaDocumentStore *self = VIVA_DOCUMENT_STORE (object);
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_DIR:
      g_value_set_string (value, priv->dir);
      break;

    case PROP_AUTOSAVE_DELAY:
      g_value_set_uint (value, priv->autosave_delay);
      break;

    case PROP_DIRTY:
      g_value_set_boolean (value, priv->dirty);
      break;

    case PROP_SAVING:
      g_value_set_boolean (value, priv->saving);
      break;

    case PROP_SAVE_ERROR:
      g_value_set_string (value, priv->save_error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_document_store_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  VivaDocumentStore *self = VIVA_DOCUMENT_STORE (object);
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_DIR:
      priv->dir = g_value_dup_string (value);
      break;

    case PROP_AUTOSAVE_DELAY:
      viva_document_store_set_autosave_delay (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_document_store_class_init (VivaDocumentStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = viva_document_store_constructed;
  object_class->dispose = viva_document_store_dispose;
  object_class->finalize = viva_document_store_finalize;
  object_class->get_property = viva_document_store_get_property;
  object_class->set_property = viva_document_store_set_property;

  /**
   * VivaDocumentStore:dir:
   *
   * The documents' folder.
   */
  properties[PROP_DIR] =
    g_param_spec_string ("dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaDocumentStore:autosave-delay:
   *
   * How long after the last change of a document to save it, in
   * milliseconds. Changes that keep coming are saved at least every 5
   * seconds anyway.
   */
  properties[PROP_AUTOSAVE_DELAY] =
    g_param_spec_uint ("autosave-delay", NULL, NULL,
                       0, 60 * 1000, AUTOSAVE_DELAY_DEFAULT_MSEC,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaDocumentStore:dirty:
   *
   * Whether some change is not on disk yet. It stays %TRUE while a write
   * is in flight, so "flush if dirty" at quit never leaves one behind.
   */
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaDocumentStore:saving:
   *
   * Whether a write is running in the background.
   */
  properties[PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaDocumentStore:save-error:
   *
   * Why the last save of a document failed, for the user (it names the
   * file and the reason), or %NULL. The store retries on its own.
   */
  properties[PROP_SAVE_ERROR] =
    g_param_spec_string ("save-error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
viva_document_store_init (VivaDocumentStore *self)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);

  priv->autosave_delay = AUTOSAVE_DELAY_DEFAULT_MSEC;
  priv->entries = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) entry_unref);
}
