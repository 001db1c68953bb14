/* test-single-instance.c
 *
 * Two launches of the real viva binary on one session bus: the second
 * must hand its file to the first and exit, not open a second Viva that
 * would edit the same notes. Needs a session bus (build-aux/test runs the
 * suite under dbus-run-session) and a display (Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#define WAIT_LIMIT_USEC (30 * G_USEC_PER_SEC)

static void
exited_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *done = TRUE;
}

/* Runs the main loop until @done, failing the test past the bound. */
static void
wait_for (gboolean *done)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_USEC;

  while (!*done)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (10 * 1000);
    }
}

static gboolean
name_has_owner (GDBusConnection *bus,
                const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);

  return has_owner;
}

static GSubprocess *
launch (GSubprocessLauncher *launcher,
        const char          *binary,
        const char          *file,
        gboolean            *exited)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  process = g_subprocess_launcher_spawn (launcher, &error, binary, file, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (process, NULL, exited_cb, exited);

  return process;
}

static void
test_second_launch_hands_over (void)
{
  const char *binary = g_getenv ("VIVA_BINARY");
  g_autofree char *home = g_dir_make_tmp ("viva-single-XXXXXX", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *bank = g_build_filename (home, "mini-bank.md", NULL);
  g_autofree char *keyfile_path = g_build_filename (config, "glib-2.0", "settings", "keyfile", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *last_bank = NULL;
  g_autofree char *expected = NULL;
  gboolean first_exited = FALSE;
  gboolean second_exited = FALSE;
  gint64 deadline;

  if (binary == NULL || g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL || g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("needs VIVA_BINARY, a session bus and a display (run by build-aux/test)");
      return;
    }

  g_assert_true (g_file_set_contents (bank,
                                      "# Mini\n\n## Level 1: Basics\n\n"
                                      "**Question 1:** What is `len`?\n\n"
                                      "**Question 2:** What is PEP 8?\n",
                                      -1, NULL));

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (name_has_owner (bus, APP_ID));

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");

  first = launch (launcher, binary, NULL, &first_exited);

  /* The first Viva owns the application's name once it has started. */
  deadline = g_get_monotonic_time () + WAIT_LIMIT_USEC;
  while (!name_has_owner (bus, APP_ID))
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_false (first_exited);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20 * 1000);
    }

  /* The second launch forwards the file and exits on its own, at once. */
  second = launch (launcher, binary, bank, &second_exited);
  wait_for (&second_exited);
  g_assert_true (g_subprocess_get_if_exited (second));
  g_assert_cmpint (g_subprocess_get_exit_status (second), ==, 0);
  g_assert_false (first_exited);

  /* Give the first Viva time to open the bank, then quit it the way the
   * desktop would, through its app.quit action on the bus. */
  g_usleep (G_USEC_PER_SEC);
  g_dbus_connection_call_sync (bus, APP_ID, "/io/github/vivaprep/Viva",
                               "org.freedesktop.Application", "ActivateAction",
                               g_variant_new ("(sava{sv})", "quit", NULL, NULL),
                               NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  wait_for (&first_exited);
  g_assert_true (g_subprocess_get_if_exited (first));
  g_assert_cmpint (g_subprocess_get_exit_status (first), ==, 0);

  /* The first instance is the one that opened the file. */
  g_assert_true (g_key_file_load_from_file (keyfile, keyfile_path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  last_bank = g_key_file_get_string (keyfile, "io/github/vivaprep/Viva", "last-bank", &error);
  g_assert_no_error (error);
  expected = g_strdup_printf ("'%s'", bank);
  g_assert_cmpstr (last_bank, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/second-launch-hands-over", test_second_launch_hands_over);

  return g_test_run ();
}
