/* viva-export.h
 *
 * A bank, or some of its questions, written for the tools people also
 * use, with the user's notes: a text file Anki imports as cards, CSV for
 * a spreadsheet, Markdown in Viva's own format (which Viva opens again).
 * GTK-free: links against GLib/GIO only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_EXPORT_ERROR (viva_export_error_quark ())

typedef enum
{
  VIVA_EXPORT_ERROR_EMPTY,
} VivaExportError;

GQuark  viva_export_error_quark (void);
GBytes *viva_export_anki (VivaBank        *bank,
                          GPtrArray       *questions,
                          VivaNotesStore  *notes,
                          GError         **error);
GBytes *viva_export_csv (VivaBank        *bank,
                         GPtrArray       *questions,
                         VivaNotesStore  *notes,
                         GError         **error);
GBytes *viva_export_markdown (VivaBank        *bank,
                              GPtrArray       *questions,
                              VivaNotesStore  *notes,
                              GError         **error);

G_END_DECLS
