/* viva-toast.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A toast whose title shows @text as written. libadwaita 1.2 reads a
 * toast's title as Pango markup (AdwToast:use-markup came in 1.4), so a
 * file name, a bank's title or a candidate's name holding "&" or "<"
 * would show wrong or not at all. */
static inline AdwToast *
viva_toast_new_plain (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

G_END_DECLS
