/* viva-export-dialog.h
 *
 * Export…: which format (Anki, CSV, Markdown) and which questions (all, the
 * starred ones, those the search and filters show), then a file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "viva-types.h"

G_BEGIN_DECLS

typedef enum
{
  VIVA_EXPORT_FORMAT_ANKI,
  VIVA_EXPORT_FORMAT_CSV,
  VIVA_EXPORT_FORMAT_MARKDOWN,
} VivaExportFormat;

typedef enum
{
  VIVA_EXPORT_WHICH_ALL,
  VIVA_EXPORT_WHICH_STARRED,
  VIVA_EXPORT_WHICH_SHOWN,
} VivaExportWhich;

#define VIVA_TYPE_EXPORT_DIALOG (viva_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VivaExportDialog, viva_export_dialog, VIVA, EXPORT_DIALOG, AdwWindow)

VivaExportDialog *viva_export_dialog_new             (GtkWindow        *parent,
                                                      VivaBank         *bank,
                                                      VivaNotesStore   *notes,
                                                      GPtrArray        *shown);
gboolean          viva_export_dialog_export_to       (VivaExportDialog *self,
                                                      GFile            *file,
                                                      GError          **error);
char             *viva_export_dialog_dup_suggested_name (VivaExportDialog *self);

/* For tests. */
void              viva_export_dialog_set_format      (VivaExportDialog *self,
                                                      VivaExportFormat  format);
void              viva_export_dialog_set_which       (VivaExportDialog *self,
                                                      VivaExportWhich   which);
guint             viva_export_dialog_get_n_which     (VivaExportDialog *self,
                                                      VivaExportWhich   which);
void              viva_export_dialog_set_include_notes (VivaExportDialog *self,
                                                      gboolean          include);
const char       *viva_export_dialog_get_error       (VivaExportDialog *self);

G_END_DECLS
