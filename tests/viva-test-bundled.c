/* viva-test-bundled.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-test-bundled.h"

#include "viva-notes-store-private.h"

void
viva_test_bundled_set_up (VivaTestBundled *f,
                          gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = viva_notes_store_dup_default_path ();

  f->bank = viva_bank_new_bundled (&error);
  g_assert_no_error (error);
  f->notes = viva_notes_store_new (path);
  g_assert_true (viva_notes_store_load (f->notes, &error));
  g_assert_no_error (error);
  /* Nothing here needs the disk. */
  viva_notes_store_set_autosave_delay (f->notes, 60 * 1000);
}

void
viva_test_bundled_tear_down (VivaTestBundled *f,
                             gconstpointer    data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (viva_notes_store_flush (f->notes, &error));
  g_assert_no_error (error);
  g_clear_object (&f->notes);
  g_assert_finalize_object (f->bank);
}
