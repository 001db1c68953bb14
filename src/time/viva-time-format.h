/* viva-time-format.h
 *
 * Durations as Viva shows them: "3:12", a clock against its budget.
 * The pages and the reports of mock and live interviews all say them
 * this way. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *viva_format_duration            (gint64   usec);
char *viva_format_time_against_budget (gint64   spent,
                                       gint64   budget,
                                       char   **over);
gboolean viva_time_is_over_budget     (gint64   spent,
                                       gint64   budget);
char *viva_format_time_of_budget      (gint64   spent,
                                       gint64   budget);

G_END_DECLS
