/* viva-test-notes-load.h
 *
 * Loading a notes store as the notes tests do, by either path:
 * viva_notes_store_load(), or viva_notes_store_load_async() waited for
 * on the main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "viva-notes-store.h"

G_BEGIN_DECLS

/* What viva_test_notes_load_cb() was told. */
typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} VivaTestNotesLoad;

void     viva_test_notes_load_cb (GObject         *object,
                                  GAsyncResult    *result,
                                  gpointer         user_data);
gboolean viva_test_notes_load    (VivaNotesStore  *store,
                                  gboolean         async,
                                  GError         **error);

G_END_DECLS
