/* viva-document-fuzz.h
 *
 * What the fuzz targets of Viva's data files share: a document that
 * VivaDocumentStore keeps (mock sessions, interviews) read, saved and
 * read back, and a scratch folder for the loaders that read a path
 * (notes.json, interview-templates.json).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "viva-document-file.h"

G_BEGIN_DECLS

/* Reads @data (@size bytes, not NUL-terminated) as @codec's file, as the
 * store reads one, and aborts unless: exactly one of a document and an
 * error comes back, or a read-only document with FUTURE_VERSION; an
 * error is a message a user can read, in the codec's domain; a document
 * that loads saves, and what it saved loads back and saves as the same
 * bytes (nothing was lost or changed by the trip). */
void viva_fuzz_check_document (const VivaDocumentCodec *codec,
                               const guint8            *data,
                               gsize                    size);

/* A folder of the process's own, emptied for the next input: on
 * /dev/shm where there is one (the loaders fsync what they write),
 * removed at exit. */
const char *viva_fuzz_begin_scratch (void);

/* Writes @data to @name in the scratch folder and returns its path. */
char       *viva_fuzz_write_scratch (const char   *name,
                                     const guint8 *data,
                                     gsize         size);

G_END_DECLS
