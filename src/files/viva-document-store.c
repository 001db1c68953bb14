/* viva-document-store.c
 *
 * A folder of documents in memory: loading a folder of files where each
 * may be damaged on its own, adding and deleting documents, and one
 * #VivaFileSaver per document, which decides when and how it reaches the
 * disk (the same engine as the notes'). The file operations are in
 * viva-document-file.c; what a kind of document is, and its file format,
 * come from the subclass's #VivaDocumentCodec.
 *
 * One file of about 1,150 lines on purpose (some 740 of them code, the
 * rest the documentation of an API two stores build on): loading,
 * adding, saving, flushing and deleting all work on the same table of
 * documents and their savers (Entry below), under invariants that hold
 * across them (a deleted document's write in flight still counts in
 * n_saving, so flush() waits for it; a document from a newer Viva is
 * never written); splitting the class would spread them over files.
 * What stands alone already left: viva-document-file.c (the files
 * themselves) and viva-file-saver.c (when and how a save happens).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-document-file.h"
#include "viva-document-store.h"
#include "viva-file-saver.h"

#define AUTOSAVE_DELAY_DEFAULT_MSEC 1000

/* What the store knows of one document and its file: the user data of
 * the document's #VivaFileSaver, which owns it (a write in flight keeps
 * the saver after a delete). Only ever touched on the main thread. */
typedef struct
{
  /* Borrowed: the store forgets every entry before it goes, and the
   * saver owns the entry */
  VivaDocumentStore *store;
  VivaFileSaver     *saver;

  /* Owned */
  GObject           *document;
  char              *path;
  GCancellable      *cancellable;

  VivaFileStamp      disk_stamp;
  gulong             changed_handler;

  guint              future : 1;
  guint              deleted : 1;
  guint              counted_saving : 1;
} Entry;

typedef struct
{
  /* Borrowed: the class's, for the life of the program */
  const VivaDocumentCodec *codec;

  /* Owned */
  char                    *dir;
  char                    *lock_path;
  GListStore              *documents;
  GHashTable              *savers;

  guint                    autosave_delay;
  guint                    n_saving;

  /* What the properties last said */
  VivaSaveStatus           status;

  guint                    loaded : 1;
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
entry_free (Entry *entry)
{
  g_clear_object (&entry->document);
  g_clear_pointer (&entry->path, g_free);
  g_clear_object (&entry->cancellable);
  g_free (entry);
}

static Entry *
saver_get_entry (VivaFileSaver *saver)
{
  return viva_file_saver_get_user_data (saver);
}

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
      VivaFileSaver *saver = g_hash_table_lookup (priv->savers, document);

      if (saver == NULL)
        continue;

      dirty |= viva_file_saver_get_dirty (saver);
      if (save_error == NULL)
        save_error = viva_file_saver_get_save_error (saver);
    }

  viva_save_status_publish (&priv->status, G_OBJECT (self), &properties[PROP_DIRTY],
                            dirty, saving, save_error);
}

/* Flushing may change the table (a write that completes does not, but
 * be safe): collect first. */
static GPtrArray *
viva_document_store_dup_savers (VivaDocumentStore *self)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);
  GPtrArray *savers = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, priv->savers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (savers, g_object_ref (value));

  return savers;
}

static void
viva_document_store_document_changed_cb (GObject       *document,
                                         VivaFileSaver *saver)
{
  Entry *entry = saver_get_entry (saver);

  if (entry->future || entry->deleted)
    return;

  viva_file_saver_changed (saver);
}

/* Saving, the codec's half (see #VivaFileSaverFuncs) */

static gpointer
entry_snapshot (gpointer user_data)
{
  Entry *entry = user_data;
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (entry->store);

  return viva_document_write_new (priv->codec, entry->path, priv->lock_path,
                                  priv->codec->build (entry->document),
                                  &entry->disk_stamp, entry->cancellable);
}

static gboolean
entry_write (gpointer   job,
             GError   **error)
{
  return viva_document_write_run (job, error);
}

static VivaFileSaverResult
entry_finish (gpointer       user_data,
              gpointer       data,
              const GError  *write_error,
              GError       **error)
{
  Entry *entry = user_data;
  VivaDocumentWrite *job = data;
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (entry->store);

  if (write_error != NULL)
    {
      g_propagate_error (error, g_error_copy (write_error));
      return VIVA_FILE_SAVER_FAILED;
    }

  switch (job->outcome)
    {
    case VIVA_DOCUMENT_WRITE_WROTE:
      entry->disk_stamp = job->stamp;
      return VIVA_FILE_SAVER_WROTE;

    case VIVA_DOCUMENT_WRITE_NEWER_ON_DISK:
      /* A newer Viva wrote this document meanwhile: never write over it,
       * and stop taking edits that could not be saved. */
      entry->future = TRUE;
      priv->codec->set_read_only (entry->document);
      g_propagate_error (error, read_only_error (entry));
      return VIVA_FILE_SAVER_DROPPED;

    case VIVA_DOCUMENT_WRITE_CANCELLED:
      return VIVA_FILE_SAVER_DROPPED;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
entry_can_write (gpointer user_data)
{
  Entry *entry = user_data;

  return !entry->future && !entry->deleted;
}

static GError *
entry_cannot_write_error (gpointer user_data)
{
  Entry *entry = user_data;

  return entry->future ? read_only_error (entry) : deleted_error (entry);
}

/* Also counts the writes in flight, a deleted document's among them, so
 * that flush() can wait for every one. */
static void
entry_status_changed (gpointer user_data)
{
  Entry *entry = user_data;
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (entry->store);
  gboolean saving = viva_file_saver_get_saving (entry->saver);

  if (entry->counted_saving != saving)
    {
      entry->counted_saving = saving;
      if (saving)
        priv->n_saving++;
      else
        priv->n_saving--;
    }

  viva_document_store_update_status (entry->store);
}

static const VivaFileSaverFuncs entry_saver_funcs = {
  .snapshot = entry_snapshot,
  .write = entry_write,
  .free_job = (void (*) (gpointer)) viva_document_write_free,
  .finish = entry_finish,
  .can_write = entry_can_write,
  .cannot_write_error = entry_cannot_write_error,
  .status_changed = entry_status_changed,
};

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

static VivaFileSaver *
viva_document_store_add_entry (VivaDocumentStore   *self,
                               GObject             *document,
                               const char          *path,
                               const VivaFileStamp *stamp)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);
  Entry *entry = g_new0 (Entry, 1);
  VivaFileSaver *saver;

  entry->store = self;
  entry->document = g_object_ref (document);
  entry->path = g_strdup (path);
  entry->cancellable = g_cancellable_new ();
  entry->disk_stamp = *stamp;

  saver = viva_file_saver_new (&entry_saver_funcs, G_OBJECT (self), entry, (GDestroyNotify) entry_free);
  viva_file_saver_set_autosave_delay (saver, priv->autosave_delay);
  entry->saver = saver;
  entry->changed_handler = g_signal_connect (document, "changed",
                                             G_CALLBACK (viva_document_store_document_changed_cb),
                                             saver);

  g_hash_table_insert (priv->savers, document, saver);

  return saver;
}

static gboolean
viva_document_store_has_id (VivaDocumentStore *self,
                            const char        *id)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, priv->savers);
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

  for (guint i = 0; i < result->loaded->len; i++)
    {
      VivaDocumentLoaded *loaded = g_ptr_array_index (result->loaded, i);
      VivaFileSaver *saver;

      /* Added with viva_document_store_add() before the load. */
      if (viva_document_store_has_id (self, priv->codec->get_id (loaded->document)))
        continue;

      saver = viva_document_store_add_entry (self, loaded->document, loaded->path, &loaded->stamp);

      if (loaded->future)
        {
          saver_get_entry (saver)->future = TRUE;
          priv->codec->set_read_only (loaded->document);
        }

      /* So that the next save puts "<id>.json" back. */
      if (loaded->from_backup)
        viva_file_saver_changed (saver);

      g_ptr_array_add (documents, loaded->document);
    }

  g_ptr_array_sort_with_data (documents, compare_document_pointers, (gpointer) priv->codec);
  g_list_store_splice (priv->documents, 0, 0, documents->pdata, documents->len);

  /* Documents added before the load go where they belong too. */
  if (had_documents)
    g_list_store_sort (priv->documents, compare_documents, (gpointer) priv->codec);

  viva_document_store_update_status (self);
}

/* The end of viva_document_store_load() and of its _finish(): takes
 * @load into the store, gives its problems to the caller, frees it. */
static GListModel *
viva_document_store_take_load (VivaDocumentStore    *self,
                               VivaDocumentDirLoad  *load,
                               GPtrArray           **out_problems)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);

  viva_document_store_apply (self, load);

  if (out_problems != NULL)
    *out_problems = g_steal_pointer (&load->problems);

  viva_document_dir_load_free (load);

  return G_LIST_MODEL (priv->documents);
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

  return viva_document_store_take_load (self, result, out_problems);
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
  VivaDocumentDirLoad *load;

  g_return_val_if_fail (VIVA_IS_DOCUMENT_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == viva_document_store_load_async, NULL);

  load = g_task_propagate_pointer (G_TASK (result), error);
  if (load == NULL)
    return NULL;

  return viva_document_store_take_load (self, load, out_problems);
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
  VivaFileSaver *saver;
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

  saver = viva_document_store_add_entry (self, document, path, &stamp);
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
  viva_file_saver_changed (saver);
  viva_file_saver_write_soon (saver);
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
      VivaFileSaver *saver = g_hash_table_lookup (priv->savers, document);

      if (saver != NULL && !saver_get_entry (saver)->future && priv->codec->get_unfinished (document))
        return document;
    }

  return NULL;
}

gboolean
viva_document_store_get_dirty (VivaDocumentStore *self)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);

  g_return_val_if_fail (VIVA_IS_DOCUMENT_STORE (self), FALSE);

  return priv->status.dirty;
}

gboolean
viva_document_store_get_saving (VivaDocumentStore *self)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);

  g_return_val_if_fail (VIVA_IS_DOCUMENT_STORE (self), FALSE);

  return priv->status.saving;
}

const char *
viva_document_store_get_save_error (VivaDocumentStore *self)
{
  VivaDocumentStorePrivate *priv = viva_document_store_get_instance_private (self);

  g_return_val_if_fail (VIVA_IS_DOCUMENT_STORE (self), NULL);

  return priv->status.save_error;
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
  GHashTableIter iter;
  gpointer saver;

  g_return_if_fail (VIVA_IS_DOCUMENT_STORE (self));

  msec = MIN (msec, 60 * 1000);

  if (priv->autosave_delay == msec)
    return;

  priv->autosave_delay = msec;

  g_hash_table_iter_init (&iter, priv->savers);
  while (g_hash_table_iter_next (&iter, NULL, &saver))
    viva_file_saver_set_autosave_delay (saver, msec);

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
  VivaFileSaver *saver;

  g_return_if_fail (VIVA_IS_DOCUMENT_STORE (self));
  g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (document, priv->codec->get_document_type ()));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, viva_document_store_save_async);

  saver = g_hash_table_lookup (priv->savers, document);
  if (saver == NULL)
    {
      g_autofree char *message = priv->codec->dup_message (VIVA_DOCUMENT_MESSAGE_NOT_FOUND, NULL, NULL, NULL);

      g_task_return_new_error (task, priv->codec->error_quark (), VIVA_DOCUMENT_STORE_ERROR_NOT_FOUND,
                               "%s", message);
      return;
    }

  viva_file_saver_save (saver, g_steal_pointer (&task));
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
  g_autoptr(GPtrArray) savers = NULL;
  g_autoptr(GError) first_error = NULL;

  g_return_val_if_fail (VIVA_IS_DOCUMENT_STORE (self), FALSE);

  hold = g_object_ref (self);
  savers = viva_document_store_dup_savers (self);

  /* No document starts a write while another is flushed; the writes in
   * flight, a deleted document's too, land first. */
  for (guint i = 0; i < savers->len; i++)
    viva_file_saver_begin_flush (g_ptr_array_index (savers, i));

  while (priv->n_saving > 0)
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < savers->len; i++)
    {
      VivaFileSaver *saver = g_ptr_array_index (savers, i);
      g_autoptr(GError) local_error = NULL;

      /* A document from a newer Viva is not ours to save: no failure. */
      if (!viva_file_saver_flush (saver, &local_error) &&
          first_error == NULL && !saver_get_entry (saver)->future)
        first_error = g_steal_pointer (&local_error);
    }

  for (guint i = 0; i < savers->len; i++)
    viva_file_saver_end_flush (g_ptr_array_index (savers, i));

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
                            VivaFileSaver     *saver)
{
  Entry *entry = saver_get_entry (saver);
  g_autoptr(GError) cancelled = deleted_error (entry);

  g_clear_signal_handler (&entry->changed_handler, entry->document);
  viva_file_saver_forget (saver, cancelled);
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
  VivaFileSaver *saver;
  Entry *entry;
  guint position;
  int errsv;

  g_return_val_if_fail (VIVA_IS_DOCUMENT_STORE (self), FALSE);
  g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (document, priv->codec->get_document_type ()), FALSE);

  saver = g_hash_table_lookup (priv->savers, document);
  if (saver == NULL)
    {
      message = priv->codec->dup_message (VIVA_DOCUMENT_MESSAGE_NOT_FOUND, NULL, NULL, NULL);
      g_set_error_literal (error, priv->codec->error_quark (), VIVA_DOCUMENT_STORE_ERROR_NOT_FOUND, message);
      return FALSE;
    }

  entry = saver_get_entry (saver);

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
  viva_document_store_forget (self, saver);
  g_hash_table_remove (priv->savers, document);

  if (g_list_store_find (priv->documents, document, &position))
    g_list_store_remove (priv->documents, position);

  viva_document_store_update_status (self);

  return TRUE;

failed:
  /* Still there: a cancelled write may not have written, so write
   * again. */
  g_clear_object (&entry->cancellable);
  entry->cancellable = g_cancellable_new ();
  viva_file_saver_changed (saver);
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

  /* The owner is expected to flush before letting go; say so loudly when
   * it did not, since the changes go with us. */
  if (priv->status.dirty)
    {
      g_warning ("%s for %s disposed with unsaved changes; flush it first",
                 G_OBJECT_TYPE_NAME (self), priv->dir);
      priv->status.dirty = FALSE;
    }

  /* Documents may outlive us in the pages that show them. */
  if (priv->savers != NULL)
    {
      g_hash_table_iter_init (&iter, priv->savers);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        viva_document_store_forget (self, value);

      g_hash_table_remove_all (priv->savers);
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

  g_clear_pointer (&priv->savers, g_hash_table_unref);
  g_clear_object (&priv->documents);
  g_clear_pointer (&priv->dir, g_free);
  g_clear_pointer (&priv->lock_path, g_free);
  viva_save_status_clear (&priv->status);

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
      g_value_set_boolean (value, priv->status.dirty);
      break;

    case PROP_SAVING:
      g_value_set_boolean (value, priv->status.saving);
      break;

    case PROP_SAVE_ERROR:
      g_value_set_string (value, priv->status.save_error);
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
  priv->savers = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
}
