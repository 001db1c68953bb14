/* viva-sidebar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_SIDEBAR (viva_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (VivaSidebar, viva_sidebar, VIVA, SIDEBAR, GtkWidget)

VivaBank         *viva_sidebar_get_bank         (VivaSidebar    *self);
VivaNotesStore   *viva_sidebar_get_notes_store  (VivaSidebar    *self);
void              viva_sidebar_select_question  (VivaSidebar    *self,
                                                 VivaQuestion   *question);
void              viva_sidebar_begin_filter     (VivaSidebar    *self);
const char       *viva_sidebar_get_filter_text  (VivaSidebar    *self);
void              viva_sidebar_set_filter_text  (VivaSidebar    *self,
                                                 const char     *text);
VivaQuery        *viva_sidebar_get_query        (VivaSidebar    *self);
VivaSearchIndex  *viva_sidebar_get_search_index (VivaSidebar    *self);
gboolean          viva_sidebar_open_first_match (VivaSidebar    *self);
GtkTreeListModel *viva_sidebar_get_tree_model   (VivaSidebar    *self);
GPtrArray        *viva_sidebar_dup_shown_questions (VivaSidebar  *self);

G_END_DECLS
