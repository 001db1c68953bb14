/* viva-document-store.h
 *
 * A folder of documents, one JSON file each, and when and how they reach
 * the disk: what VivaSessionStore (the mock interviews) and
 * VivaInterviewStore (the interviews an interviewer runs) share. Each is
 * a thin subclass that names its model and file format in a
 * #VivaDocumentCodec. GTK-free.
 *
 * The same safety rules as the notes (see viva-notes-store.h), per file:
 *  - every file is validated as untrusted input; one that fails is moved
 *    aside byte for byte ("<id>.json.corrupt-<time>"), its ".bak" is
 *    used when it is good, and the problem is reported; the other
 *    documents load normally;
 *  - writes are atomic and durable, mode 0600 in a 0700 folder, off the
 *    main loop, under a lock shared by all Viva processes, keeping the
 *    previous file as "<id>.json.bak";
 *  - a file from a newer version is listed read-only and never written;
 *    a file that cannot be read is never replaced;
 *  - a failed write keeps everything in memory and is retried.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "viva-data-file.h"

G_BEGIN_DECLS

/**
 * VivaDocumentStoreErrorCode:
 *
 * The codes every document store's error enum (VivaSessionStoreError,
 * VivaInterviewStoreError) begins with, in this order, so that the
 * shared code can report in the store's own error domain; the first
 * three are #VivaDataFileErrorCode's. Each store asserts it at compile
 * time.
 */
typedef enum
{
  VIVA_DOCUMENT_STORE_ERROR_TOO_LARGE = VIVA_DATA_FILE_ERROR_TOO_LARGE,
  VIVA_DOCUMENT_STORE_ERROR_TOO_DEEP = VIVA_DATA_FILE_ERROR_TOO_DEEP,
  VIVA_DOCUMENT_STORE_ERROR_INVALID = VIVA_DATA_FILE_ERROR_INVALID,
  VIVA_DOCUMENT_STORE_ERROR_FUTURE_VERSION = VIVA_DATA_FILE_ERROR_FUTURE_VERSION,
  VIVA_DOCUMENT_STORE_ERROR_READ_ONLY,
  VIVA_DOCUMENT_STORE_ERROR_NOT_FOUND,
  VIVA_DOCUMENT_STORE_ERROR_EXISTS,
} VivaDocumentStoreErrorCode;

/**
 * VivaDocumentProblem:
 * @path: the file (or the folder) that could not be loaded
 * @message: why, for the user
 * @moved_aside_path: (nullable): where the damaged file was moved, byte
 *   for byte
 * @restored_from_backup: whether the document was loaded from its
 *   ".bak" instead, and is in the list
 *
 * One file that did not load as it should. VivaSessionProblem and
 * VivaInterviewProblem are other names for it.
 */
typedef struct
{
  char     *path;
  char     *message;
  char     *moved_aside_path;
  gboolean  restored_from_backup;
} VivaDocumentProblem;

/**
 * VivaDocumentMessage:
 * @VIVA_DOCUMENT_MESSAGE_NOT_A_DOCUMENT_NAME: a file name that is not a
 *   document's id
 * @VIVA_DOCUMENT_MESSAGE_WRONG_FORMAT: a file whose "format" is not ours
 * @VIVA_DOCUMENT_MESSAGE_TOO_LARGE_TO_SAVE: (size) a document whose file
 *   would be larger than we read
 * @VIVA_DOCUMENT_MESSAGE_SAVE_FAILED: (path, reason) a write that failed
 * @VIVA_DOCUMENT_MESSAGE_SAVE_CHANGING: (path) a file someone else keeps
 *   replacing while we save
 * @VIVA_DOCUMENT_MESSAGE_SAVE_DAMAGED: (path, why damaged, why not moved)
 *   a file someone else damaged and that could not be moved aside
 * @VIVA_DOCUMENT_MESSAGE_SAVE_UNREADABLE: (path, why) a file someone else
 *   changed and that cannot be read
 * @VIVA_DOCUMENT_MESSAGE_READ_ONLY: (path) a document from a newer
 *   version of Viva
 * @VIVA_DOCUMENT_MESSAGE_DELETED: a save asked for a deleted document
 * @VIVA_DOCUMENT_MESSAGE_NOT_FOUND: a document that is not in the store
 * @VIVA_DOCUMENT_MESSAGE_EXISTS: (path) a new document whose id is taken
 * @VIVA_DOCUMENT_MESSAGE_DELETE_FAILED: (path, reason) a delete that
 *   failed
 *
 * The sentences each kind of document words in its own terms: "the mock
 * interview" is not "the interview" in every language, so the sentences
 * are whole for translators. The arguments each takes are in brackets.
 */
typedef enum
{
  VIVA_DOCUMENT_MESSAGE_NOT_A_DOCUMENT_NAME,
  VIVA_DOCUMENT_MESSAGE_WRONG_FORMAT,
  VIVA_DOCUMENT_MESSAGE_TOO_LARGE_TO_SAVE,
  VIVA_DOCUMENT_MESSAGE_SAVE_FAILED,
  VIVA_DOCUMENT_MESSAGE_SAVE_CHANGING,
  VIVA_DOCUMENT_MESSAGE_SAVE_DAMAGED,
  VIVA_DOCUMENT_MESSAGE_SAVE_UNREADABLE,
  VIVA_DOCUMENT_MESSAGE_READ_ONLY,
  VIVA_DOCUMENT_MESSAGE_DELETED,
  VIVA_DOCUMENT_MESSAGE_NOT_FOUND,
  VIVA_DOCUMENT_MESSAGE_EXISTS,
  VIVA_DOCUMENT_MESSAGE_DELETE_FAILED,
} VivaDocumentMessage;

/**
 * VivaDocumentCodec:
 * @get_document_type: the documents' #GType, for the list
 * @error_quark: the store's error domain; its codes begin with
 *   #VivaDocumentStoreErrorCode's
 * @format: the "format" member of every file
 * @version: the newest "version" this Viva reads and writes; newer ones
 *   are listed read-only
 * @oldest_version: the oldest "version" it reads, older ones are refused;
 *   0 for @version alone. A codec that reads several versions writes
 *   the one its build() puts in "version".
 * @max_size: the largest file we read, and write
 * @max_depth: how deep a file may nest
 * @id_is_valid: whether a file name, less ".json", may be an id
 * @get_id: the document's id, which names its file
 * @get_created: when it was created; the list is newest first
 * @get_read_only: whether it can change at all
 * @set_read_only: makes it read-only, for good
 * @get_unfinished: whether it is one to offer to resume
 * @parse: a new document from a file's root object once "format" and
 *   "version" passed, with @error in the store's domain; it checks
 *   everything else, and that the id is @expected_id (its file's name)
 *   unless %NULL
 * @build: the document's file as one consistent moment, on the main
 *   thread; the nodes must be immutable, since the tree then goes to a
 *   worker thread
 * @dup_message: a sentence for the user; see #VivaDocumentMessage
 *
 * What a #VivaDocumentStore knows of one kind of document. Documents
 * are GObjects that emit "changed" (no arguments) whenever something
 * that is saved changes. @id_is_valid and @parse run in worker threads,
 * as may @dup_message.
 */
typedef struct
{
  GType        (*get_document_type) (void);
  GQuark       (*error_quark)       (void);

  const char    *format;
  gint64         version;
  gint64         oldest_version;
  gsize          max_size;
  guint          max_depth;

  gboolean     (*id_is_valid)       (const char           *id);
  const char  *(*get_id)            (gpointer              document);
  gint64       (*get_created)       (gpointer              document);
  gboolean     (*get_read_only)     (gpointer              document);
  void         (*set_read_only)     (gpointer              document);
  gboolean     (*get_unfinished)    (gpointer              document);

  gpointer     (*parse)             (JsonObject           *root,
                                     const char           *expected_id,
                                     GError              **error);
  JsonNode    *(*build)             (gpointer              document);
  char        *(*dup_message)       (VivaDocumentMessage   message,
                                     const char           *arg1,
                                     const char           *arg2,
                                     const char           *arg3);
} VivaDocumentCodec;

#define VIVA_TYPE_DOCUMENT_STORE (viva_document_store_get_type ())

G_DECLARE_DERIVABLE_TYPE (VivaDocumentStore, viva_document_store, VIVA, DOCUMENT_STORE, GObject)

struct _VivaDocumentStoreClass
{
  GObjectClass parent_class;

  /* Set by each subclass in its class_init. */
  const VivaDocumentCodec *codec;
};

void         viva_document_problem_free             (VivaDocumentProblem  *problem);
const char  *viva_document_store_get_dir            (VivaDocumentStore    *self);
char        *viva_document_store_dup_path           (VivaDocumentStore    *self,
                                                     gpointer              document);
GListModel  *viva_document_store_load               (VivaDocumentStore    *self,
                                                     GPtrArray           **out_problems);
void         viva_document_store_load_async         (VivaDocumentStore    *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GListModel  *viva_document_store_load_finish        (VivaDocumentStore    *self,
                                                     GAsyncResult         *result,
                                                     GPtrArray           **out_problems,
                                                     GError              **error);
GListModel  *viva_document_store_get_documents      (VivaDocumentStore    *self);
gboolean     viva_document_store_add                (VivaDocumentStore    *self,
                                                     gpointer              document,
                                                     GError              **error);
gpointer     viva_document_store_get_unfinished     (VivaDocumentStore    *self);
gboolean     viva_document_store_get_dirty          (VivaDocumentStore    *self);
gboolean     viva_document_store_get_saving         (VivaDocumentStore    *self);
const char  *viva_document_store_get_save_error     (VivaDocumentStore    *self);
guint        viva_document_store_get_autosave_delay (VivaDocumentStore    *self);
void         viva_document_store_set_autosave_delay (VivaDocumentStore    *self,
                                                     guint                 msec);
void         viva_document_store_save_async         (VivaDocumentStore    *self,
                                                     gpointer              document,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean     viva_document_store_save_finish        (VivaDocumentStore    *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
gboolean     viva_document_store_flush              (VivaDocumentStore    *self,
                                                     GError              **error);
gboolean     viva_document_store_delete             (VivaDocumentStore    *self,
                                                     gpointer              document,
                                                     GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VivaDocumentProblem, viva_document_problem_free)

G_END_DECLS
