/* viva-accessible.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void viva_accessible_init       (void);
void viva_accessible_fix_names  (GtkWidget *widget);

G_END_DECLS
