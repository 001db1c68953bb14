/* viva-clock.h
 *
 * Where the mock interview timer reads the time: the system clock in the
 * app, a fake clock that only moves when told to in tests, so a
 * 45-minute interview runs in milliseconds and without sleeping.
 * GTK-free: links against GLib/GObject only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "viva-types.h"

G_BEGIN_DECLS

#define VIVA_TYPE_CLOCK (viva_clock_get_type ())

G_DECLARE_FINAL_TYPE (VivaClock, viva_clock, VIVA, CLOCK, GObject)

VivaClock *viva_clock_get_default (void);
VivaClock *viva_clock_new_fake    (gint64     start_usec);
gboolean   viva_clock_is_fake     (VivaClock *self);
gint64     viva_clock_get_now     (VivaClock *self);
void       viva_clock_advance     (VivaClock *self,
                                   gint64     usec);

G_END_DECLS
