/* viva-sidebar-results.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_SIDEBAR_RESULTS (viva_sidebar_results_get_type ())

G_DECLARE_FINAL_TYPE (VivaSidebarResults, viva_sidebar_results, VIVA, SIDEBAR_RESULTS, GObject)

#define VIVA_TYPE_SIDEBAR_SLOT (viva_sidebar_slot_get_type ())

G_DECLARE_FINAL_TYPE (VivaSidebarSlot, viva_sidebar_slot, VIVA, SIDEBAR_SLOT, GObject)

GObject            *viva_sidebar_slot_get_item        (VivaSidebarSlot    *self);

VivaSidebarResults *viva_sidebar_results_new          (void);
void                viva_sidebar_results_set          (VivaSidebarResults *self,
                                                       VivaSearchIndex    *index,
                                                       GArray             *positions);
void                viva_sidebar_results_clear        (VivaSidebarResults *self);
void                viva_sidebar_results_unfold_all   (VivaSidebarResults *self);
guint               viva_sidebar_results_get_depth    (gpointer            item);
gboolean            viva_sidebar_results_is_header    (gpointer            item);
gboolean            viva_sidebar_results_get_expanded (VivaSidebarResults *self,
                                                       gpointer            header);
void                viva_sidebar_results_set_expanded (VivaSidebarResults *self,
                                                       gpointer            header,
                                                       gboolean            expanded);
guint               viva_sidebar_results_find         (VivaSidebarResults *self,
                                                       gpointer            item);

G_END_DECLS
