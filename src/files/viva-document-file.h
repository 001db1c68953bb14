/* viva-document-file.h
 *
 * A folder of documents on disk, for VivaDocumentStore and the codecs
 * only: reading and checking one file as untrusted input, loading the
 * whole folder (moving damaged files aside, falling back on backups),
 * and writing a file under the folder's lock with a backup. Plain
 * functions that can run in a worker thread; what differs between
 * kinds of documents comes from their #VivaDocumentCodec.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "viva-data-file.h"
#include "viva-document-store.h"

G_BEGIN_DECLS

#define VIVA_DOCUMENT_SUFFIX    ".json"
#define VIVA_DOCUMENT_LOCK_NAME ".lock"

typedef enum
{
  VIVA_DOCUMENT_WRITE_WROTE,
  VIVA_DOCUMENT_WRITE_NEWER_ON_DISK,
  VIVA_DOCUMENT_WRITE_CANCELLED,
} VivaDocumentWriteOutcome;

/* One write of a document's file: prepared on the main thread, run in a
 * worker thread (or, for flush, in the calling thread). */
typedef struct
{
  /* In */
  const VivaDocumentCodec  *codec;
  char                     *path;
  char                     *lock_path;
  JsonNode                 *root;
  VivaFileStamp             expected;
  GCancellable             *cancellable;

  /* Out */
  VivaDocumentWriteOutcome  outcome;
  VivaFileStamp             stamp;
  char                     *moved_aside_path;
} VivaDocumentWrite;

/* One document read from the folder. */
typedef struct
{
  GObject       *document;
  char          *path;
  VivaFileStamp  stamp;
  gboolean       future;
  gboolean       from_backup;
} VivaDocumentLoaded;

/* Everything the folder held. */
typedef struct
{
  GPtrArray *loaded;    /* (element-type VivaDocumentLoaded) */
  GPtrArray *problems;  /* (element-type VivaDocumentProblem) */
} VivaDocumentDirLoad;

gint64               viva_document_file_get_version (JsonObject           *root);
gboolean             viva_document_file_parse     (const VivaDocumentCodec  *codec,
                                                   const char               *data,
                                                   gsize                     len,
                                                   const char               *expected_id,
                                                   gpointer                 *out_document,
                                                   GError                  **error);
GBytes              *viva_document_file_generate  (const VivaDocumentCodec  *codec,
                                                   JsonNode                 *root,
                                                   GError                  **error);
VivaDocumentWrite   *viva_document_write_new      (const VivaDocumentCodec  *codec,
                                                   const char               *path,
                                                   const char               *lock_path,
                                                   JsonNode                 *root,
                                                   const VivaFileStamp      *expected,
                                                   GCancellable             *cancellable);
void                 viva_document_write_free     (VivaDocumentWrite        *write);
gboolean             viva_document_write_run      (VivaDocumentWrite        *write,
                                                   GError                  **error);
VivaDocumentDirLoad *viva_document_dir_load       (const VivaDocumentCodec  *codec,
                                                   const char               *dir,
                                                   const char               *lock_path);
void                 viva_document_dir_load_free  (VivaDocumentDirLoad      *load);

G_END_DECLS
