/* viva-test-hold.c: in a worker thread, waits until
 * $VIVA_TEST_HOLD_DIR/NAME exists (at most 120 s) when that variable is
 * set; nothing otherwise. Lets tests act while a load is under way.
 *
 * The workers that load at start-up (the restored bank: "bank"; the
 * notes: "notes") call it after their work and before returning it, so
 * that a test can type into a window whose data is still loading without
 * racing a load of a few hundred milliseconds: it sets the variable,
 * acts, then creates the file to let the load finish. Waiting happens
 * in the worker, never on the main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-test-hold.h"

#define HOLD_POLL_USEC    (10 * 1000)
#define HOLD_TIMEOUT_USEC ((gint64) 120 * G_USEC_PER_SEC)

/* Read once: the variable is the tests' and does not change while Viva
 * runs. */
static const char *
viva_test_hold_dir (void)
{
  static const char *dir;
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      dir = g_getenv ("VIVA_TEST_HOLD_DIR");
      if (dir != NULL && dir[0] == '\0')
        dir = NULL;
      dir = g_strdup (dir);
      g_once_init_leave (&initialized, 1);
    }

  return dir;
}

void
viva_test_hold (const char *name)
{
  const char *dir = viva_test_hold_dir ();
  g_autofree char *path = NULL;
  gint64 deadline;

  g_return_if_fail (name != NULL);

  if (dir == NULL)
    return;

  path = g_build_filename (dir, name, NULL);
  deadline = g_get_monotonic_time () + HOLD_TIMEOUT_USEC;

  while (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (g_get_monotonic_time () >= deadline)
        {
          g_message ("Test hold: %s did not appear in 120 s; going on", path);
          return;
        }
      g_usleep (HOLD_POLL_USEC);
    }
}
