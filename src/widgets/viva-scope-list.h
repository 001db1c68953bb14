/* viva-scope-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_SCOPE_LIST (viva_scope_list_get_type ())

G_DECLARE_FINAL_TYPE (VivaScopeList, viva_scope_list, VIVA, SCOPE_LIST, GtkWidget)

GtkWidget      *viva_scope_list_new        (void);
VivaBank       *viva_scope_list_get_bank   (VivaScopeList *self);
void            viva_scope_list_set_bank   (VivaScopeList *self,
                                            VivaBank      *bank);
VivaMockSetup  *viva_scope_list_get_setup  (VivaScopeList *self);
void            viva_scope_list_set_setup  (VivaScopeList *self,
                                            VivaMockSetup *setup);

/* For tests. */
GtkCheckButton *viva_scope_list_get_check  (VivaScopeList *self,
                                            guint          level_number,
                                            const char    *topic_name);
GtkWidget      *viva_scope_list_get_row    (VivaScopeList *self,
                                            guint          level_number);

G_END_DECLS
