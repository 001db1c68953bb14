/* viva-sidebar-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_SIDEBAR_ROW (viva_sidebar_row_get_type ())

G_DECLARE_FINAL_TYPE (VivaSidebarRow, viva_sidebar_row, VIVA, SIDEBAR_ROW, GtkWidget)

GtkWidget  *viva_sidebar_row_new                  (void);
GObject    *viva_sidebar_row_get_item             (VivaSidebarRow  *self);
void        viva_sidebar_row_set_item             (VivaSidebarRow  *self,
                                                   GObject         *item);
void        viva_sidebar_row_set_progress         (VivaSidebarRow  *self,
                                                   VivaProgress    *progress);
void        viva_sidebar_row_set_search           (VivaSidebarRow  *self,
                                                   VivaSearchIndex *index,
                                                   VivaQuery       *query,
                                                   guint            n_matching);
void        viva_sidebar_row_set_outline          (VivaSidebarRow  *self,
                                                   gboolean         outlined,
                                                   guint            depth,
                                                   gboolean         expanded);
gboolean    viva_sidebar_row_get_shows_note_match (VivaSidebarRow  *self);
const char *viva_sidebar_row_get_number_text      (VivaSidebarRow  *self);
const char *viva_sidebar_row_get_count_text       (VivaSidebarRow  *self);
const char *viva_sidebar_row_get_title_markup     (VivaSidebarRow  *self);
gboolean    viva_sidebar_row_popup_menu           (VivaSidebarRow  *self,
                                                   double           x,
                                                   double           y);

G_END_DECLS
