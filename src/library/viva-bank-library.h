/* viva-bank-library.h
 *
 * The banks the user has opened, most recent first, for Open Recent:
 * each one's file, id, title and question count as they were when it
 * was last open. Kept in GSettings ("bank-library"): losing it loses no
 * work, GSettings writes atomically and is shared between processes,
 * and tests run it on the memory backend. The bundled bank is always
 * listed.
 * GTK-free: links against GLib/GIO only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "viva-types.h"

G_BEGIN_DECLS

/* Older entries than this many are forgotten. */
#define VIVA_BANK_LIBRARY_MAX 30

typedef enum
{
  VIVA_BANK_KIND_BUNDLED,
  VIVA_BANK_KIND_MINE,
  VIVA_BANK_KIND_IMPORTED,
  VIVA_BANK_KIND_OPENED,
} VivaBankKind;

typedef struct
{
  char         *path;         /* NULL: the bundled bank */
  char         *id;
  char         *title;
  guint         n_questions;  /* 0: not known (the bundled bank never opened) */
  gint64        last_opened;  /* microseconds since 1970, 0 for never */
  VivaBankKind  kind;
  gboolean      missing;      /* the file is no longer there */
} VivaBankLibraryEntry;

void viva_bank_library_entry_free (VivaBankLibraryEntry *entry);

#define VIVA_TYPE_BANK_LIBRARY (viva_bank_library_get_type ())

G_DECLARE_FINAL_TYPE (VivaBankLibrary, viva_bank_library, VIVA, BANK_LIBRARY, GObject)

VivaBankLibrary *viva_bank_library_new      (GSettings            *settings);
GPtrArray       *viva_bank_library_list     (VivaBankLibrary      *self);
void             viva_bank_library_remember (VivaBankLibrary      *self,
                                             VivaBank             *bank);
void             viva_bank_library_forget   (VivaBankLibrary      *self,
                                             const char           *path);
char            *viva_bank_library_describe (const VivaBankLibraryEntry *entry,
                                             VivaNotesStore       *notes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VivaBankLibraryEntry, viva_bank_library_entry_free)

G_END_DECLS
