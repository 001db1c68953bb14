/* viva-message-dialog.h
 *
 * How every AdwMessageDialog in Viva is shown, so that Return never
 * destroys anything.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void viva_message_dialog_present (AdwMessageDialog *dialog);

G_END_DECLS
