/* viva-test-notes-load.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-test-notes-load.h"

/* @user_data: a #VivaTestNotesLoad */
void
viva_test_notes_load_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  VivaTestNotesLoad *load = user_data;

  load->ok = viva_notes_store_load_finish (VIVA_NOTES_STORE (object), result, &load->error);
  load->done = TRUE;
}

/* Loads @store's file, in a worker when @async (the store says it is
 * loading until the load is done). */
gboolean
viva_test_notes_load (VivaNotesStore  *store,
                      gboolean         async,
                      GError         **error)
{
  VivaTestNotesLoad load = { FALSE, FALSE, NULL };

  if (!async)
    return viva_notes_store_load (store, error);

  viva_notes_store_load_async (store, NULL, viva_test_notes_load_cb, &load);
  g_assert_true (viva_notes_store_get_loading (store));
  while (!load.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (viva_notes_store_get_loading (store));

  if (load.error != NULL)
    g_propagate_error (error, load.error);

  return load.ok;
}
