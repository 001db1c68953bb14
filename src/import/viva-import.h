/* viva-import.h
 *
 * Import: reads the question lists people already have (public
 * "interview questions" READMEs, spreadsheets, Anki's text export) and
 * recognises their shape. GTK-free; the dialog and the window's action
 * sit above it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "viva-bank-writer.h"

G_BEGIN_DECLS

#define VIVA_IMPORT_ERROR (viva_import_error_quark ())

typedef enum
{
  VIVA_IMPORT_ERROR_UNRECOGNISED,   /* the message says what was looked for */
  VIVA_IMPORT_ERROR_TOO_LARGE,
  VIVA_IMPORT_ERROR_BINARY,
  VIVA_IMPORT_ERROR_NOT_UTF8,
  VIVA_IMPORT_ERROR_EMPTY,
} VivaImportError;

typedef enum
{
  VIVA_IMPORT_SHAPE_VIVA,
  VIVA_IMPORT_SHAPE_NUMBERED_HEADINGS,
  VIVA_IMPORT_SHAPE_PREFIXED_HEADINGS,
  VIVA_IMPORT_SHAPE_DETAILS,
  VIVA_IMPORT_SHAPE_LIST,
  VIVA_IMPORT_SHAPE_CSV,
  VIVA_IMPORT_SHAPE_TSV,
  VIVA_IMPORT_SHAPE_ANKI_TEXT,
} VivaImportShape;

/* Larger than any list a person keeps, as the bank's own limit. */
#define VIVA_IMPORT_MAX_SIZE ((gsize) 128 * 1024 * 1024)

/* Numbers above this are renumbered: a source numbering its questions
 * in the billions would leave no room for the questions added later. */
#define VIVA_IMPORT_MAX_NUMBER 1000000

typedef struct _VivaImportResult VivaImportResult;

/* Called in the worker with 0.0-1.0. */
typedef void (*VivaImportProgressFunc) (double   fraction,
                                        gpointer user_data);

GQuark              viva_import_error_quark           (void);

void                viva_import_result_free           (VivaImportResult       *self);
VivaImportShape     viva_import_result_get_shape      (VivaImportResult       *self);
const char         *viva_import_result_get_title      (VivaImportResult       *self);
guint               viva_import_result_get_n_questions (VivaImportResult      *self);
guint               viva_import_result_get_n_levels   (VivaImportResult       *self);
guint               viva_import_result_get_n_topics   (VivaImportResult       *self);
guint               viva_import_result_get_n_answered (VivaImportResult       *self);
/* What the bank will hold, in its order. (transfer none) */
VivaBankDraft      *viva_import_result_get_draft      (VivaImportResult       *self);
/* "Made one level, “…”, with 12 topics.", "2 repeated numbers:
 * renumbered 101 and 102.", "1 heading had no question text (line 120)." */
const char * const *viva_import_result_get_notices    (VivaImportResult       *self);

VivaImportResult   *viva_import_bytes                 (GBytes                 *bytes,
                                                       const char             *file_name,
                                                       GCancellable           *cancellable,
                                                       VivaImportProgressFunc  progress,
                                                       gpointer                progress_data,
                                                       GError                **error);

void                viva_import_file_async            (GFile                  *file,
                                                       GCancellable           *cancellable,
                                                       VivaImportProgressFunc  progress,
                                                       gpointer                progress_data,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
VivaImportResult   *viva_import_file_finish           (GAsyncResult           *result,
                                                       GError                **error);
/* Writes <dir>/<id>.md (0600, folder 0700) once the bytes parse back
 * with the same count; nothing is left behind on error or cancel. */
void                viva_import_save_async            (VivaImportResult       *result,
                                                       const char             *dir,
                                                       GCancellable           *cancellable,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
GFile              *viva_import_save_finish           (GAsyncResult           *result,
                                                       GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VivaImportResult, viva_import_result_free)

G_END_DECLS
