/* viva-import-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VIVA_TYPE_IMPORT_DIALOG (viva_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VivaImportDialog, viva_import_dialog, VIVA, IMPORT_DIALOG, AdwWindow)

/* Reads @file at once and shows what it recognised; Import writes the
 * bank into @dir and emits "imported" (GFile *saved, const char *title,
 * guint n_questions) before it closes. */
VivaImportDialog *viva_import_dialog_new        (GtkWindow        *parent,
                                                 GFile            *file,
                                                 const char       *dir);
const char       *viva_import_dialog_get_page   (VivaImportDialog *self);
const char       *viva_import_dialog_get_summary (VivaImportDialog *self);

G_END_DECLS
