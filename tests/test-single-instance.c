/* test-single-instance.c
 *
 * Two launches of the real viva binary on one session bus: the second
 * must hand its file to the first and exit, not open a second Viva that
 * would edit the same notes. Needs a session bus (build-aux/test runs the
 * suite under dbus-run-session) and a display (Xvfb).
 *
 * A file that is not a good bank, handed over that way, must leave the
 * running Viva running, with what the user had typed, and show why the
 * file could not be opened: checked as a screen reader would, over the
 * accessibility bus (AT-SPI), which the session bus starts on demand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

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

/* The accessibility bus, and the accessibles of one application on it,
 * read with plain D-Bus calls: what Orca reads. */

#define ATSPI_ACCESSIBLE "org.a11y.atspi.Accessible"
#define ATSPI_ROOT_PATH "/org/a11y/atspi/accessible/root"

/* AtspiRole values (at-spi2-core's atspi-constants.h): GTK's role names
 * are its own ("text box"), the numbers are what screen readers use. */
#define ATSPI_ROLE_DIALOG 16
#define ATSPI_ROLE_TEXT 61

typedef struct
{
  char *bus_name;
  char *path;
} Accessible;

static void
accessible_free (Accessible *accessible)
{
  g_free (accessible->bus_name);
  g_free (accessible->path);
  g_free (accessible);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Accessible, accessible_free)

static GDBusConnection *
a11y_bus_connect (GDBusConnection *session)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  GDBusConnection *a11y;
  const char *address;

  reply = g_dbus_connection_call_sync (session, "org.a11y.Bus", "/org/a11y/bus",
                                       "org.a11y.Bus", "GetAddress", NULL, G_VARIANT_TYPE ("(s)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(&s)", &address);

  a11y = g_dbus_connection_new_for_address_sync (address,
                                                 G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                 G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                 NULL, NULL, &error);
  g_assert_no_error (error);

  return a11y;
}

/* NULL when the accessible went away while we looked. */
static GVariant *
a11y_call (GDBusConnection    *a11y,
           const Accessible   *accessible,
           const char         *interface,
           const char         *method,
           GVariant           *parameters,
           const GVariantType *reply_type)
{
  return g_dbus_connection_call_sync (a11y, accessible->bus_name, accessible->path,
                                      interface, method, parameters, reply_type,
                                      G_DBUS_CALL_FLAGS_NONE, 5000, NULL, NULL);
}

static char *
a11y_dup_name (GDBusConnection  *a11y,
               const Accessible *accessible)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) value = NULL;

  reply = a11y_call (a11y, accessible, "org.freedesktop.DBus.Properties", "Get",
                     g_variant_new ("(ss)", ATSPI_ACCESSIBLE, "Name"), G_VARIANT_TYPE ("(v)"));
  if (reply == NULL)
    return g_strdup ("");

  g_variant_get (reply, "(v)", &value);

  return g_variant_dup_string (value, NULL);
}

/* 0 (ATSPI_ROLE_INVALID) when the accessible went away. */
static guint
a11y_get_role (GDBusConnection  *a11y,
               const Accessible *accessible)
{
  g_autoptr(GVariant) reply = NULL;
  guint role = 0;

  reply = a11y_call (a11y, accessible, ATSPI_ACCESSIBLE, "GetRole", NULL, G_VARIANT_TYPE ("(u)"));
  if (reply != NULL)
    g_variant_get (reply, "(u)", &role);

  return role;
}

static GPtrArray *
a11y_get_children (GDBusConnection  *a11y,
                   const Accessible *accessible)
{
  GPtrArray *children = g_ptr_array_new_with_free_func ((GDestroyNotify) accessible_free);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariantIter) iter = NULL;
  const char *bus_name;
  const char *path;

  reply = a11y_call (a11y, accessible, ATSPI_ACCESSIBLE, "GetChildren", NULL, G_VARIANT_TYPE ("(a(so))"));
  if (reply == NULL)
    return children;

  g_variant_get (reply, "(a(so))", &iter);
  while (g_variant_iter_next (iter, "(&s&o)", &bus_name, &path))
    {
      Accessible *child = g_new0 (Accessible, 1);

      child->bus_name = g_strdup (bus_name);
      child->path = g_strdup (path);
      g_ptr_array_add (children, child);
    }

  return children;
}

/* The application named @name among those the registry knows. */
static Accessible *
a11y_find_application (GDBusConnection *a11y,
                       const char      *name)
{
  Accessible registry = { (char *) "org.a11y.atspi.Registry", (char *) ATSPI_ROOT_PATH };
  g_autoptr(GPtrArray) applications = a11y_get_children (a11y, &registry);

  for (guint i = 0; i < applications->len; i++)
    {
      Accessible *application = g_ptr_array_index (applications, i);
      g_autofree char *application_name = a11y_dup_name (a11y, application);

      if (g_strcmp0 (application_name, name) == 0)
        return g_ptr_array_steal_index (applications, i);
    }

  return NULL;
}

/* Every accessible under @root (itself included) whose role is @role,
 * breadth first. */
static GPtrArray *
a11y_find_role (GDBusConnection  *a11y,
                const Accessible *root,
                guint             role)
{
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) accessible_free);
  g_autoptr(GQueue) queue = g_queue_new ();
  guint visited = 0;

  {
    Accessible *first = g_new0 (Accessible, 1);

    first->bus_name = g_strdup (root->bus_name);
    first->path = g_strdup (root->path);
    g_queue_push_tail (queue, first);
  }

  /* A bound, in case a broken tree loops. */
  while (!g_queue_is_empty (queue) && visited++ < 20000)
    {
      g_autoptr(Accessible) accessible = g_queue_pop_head (queue);
      g_autoptr(GPtrArray) children = a11y_get_children (a11y, accessible);

      while (children->len > 0)
        g_queue_push_tail (queue, g_ptr_array_steal_index (children, 0));

      if (a11y_get_role (a11y, accessible) == role)
        g_ptr_array_add (found, g_steal_pointer (&accessible));
    }

  g_queue_free_full (g_steal_pointer (&queue), (GDestroyNotify) accessible_free);

  return found;
}

/* All the names in a dialog, one per line, as a screen reader would read
 * them out. */
static char *
a11y_dup_text (GDBusConnection  *a11y,
               const Accessible *root)
{
  GString *text = g_string_new (NULL);
  g_autoptr(GPtrArray) children = a11y_get_children (a11y, root);
  g_autofree char *name = a11y_dup_name (a11y, root);

  g_string_append_printf (text, "%s\n", name);
  for (guint i = 0; i < children->len; i++)
    {
      g_autofree char *child_text = a11y_dup_text (a11y, g_ptr_array_index (children, i));

      g_string_append (text, child_text);
    }

  return g_string_free (text, FALSE);
}

/* Waits for Viva's dialog whose name has @heading in it, failing the
 * test past the bound, and returns what it says. */
static char *
a11y_wait_for_dialog (GDBusConnection *a11y,
                      const char      *heading,
                      gboolean        *viva_exited)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_USEC;

  for (;;)
    {
      g_autoptr(Accessible) viva = a11y_find_application (a11y, "viva");

      if (viva != NULL)
        {
          g_autoptr(GPtrArray) windows = a11y_get_children (a11y, viva);

          for (guint i = 0; i < windows->len; i++)
            {
              Accessible *window = g_ptr_array_index (windows, i);
              g_autofree char *name = a11y_dup_name (a11y, window);

              if (a11y_get_role (a11y, window) == ATSPI_ROLE_DIALOG && strstr (name, heading) != NULL)
                return a11y_dup_text (a11y, window);
            }
        }

      g_main_context_iteration (NULL, FALSE);
      g_assert_false (*viva_exited);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (100 * 1000);
    }
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

static char *
read_keyfile_string (const char *path,
                     const char *key)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  char *value;

  g_assert_true (g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  value = g_key_file_get_string (keyfile, "io/github/vivaprep/Viva", key, &error);
  g_assert_no_error (error);

  return value;
}

/* "**Question 4**[](*)*" made md4c 0.4.8 report leaving an emphasis it
 * never entered, and the bank parser's assertion aborted the running
 * Viva that `viva FILE` handed it to, with the notes typed since the last
 * save. It must show why the file cannot be opened, keep the bank it had
 * and the notes, and go on answering. */
static void
test_bad_bank_handed_over (void)
{
  const char *binary = g_getenv ("VIVA_BINARY");
  g_autofree char *home = g_dir_make_tmp ("viva-single-XXXXXX", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *good = g_build_filename (home, "mini-bank.md", NULL);
  g_autofree char *bad = g_build_filename (home, "question-4.md", NULL);
  g_autofree char *keyfile_path = g_build_filename (config, "glib-2.0", "settings", "keyfile", NULL);
  g_autofree char *notes_path = g_build_filename (data, "io.github.vivaprep.Viva", "notes.json", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GDBusConnection) a11y = NULL;
  g_autoptr(Accessible) viva = NULL;
  g_autoptr(GPtrArray) text_fields = NULL;
  const Accessible *notes_field = NULL;
  g_autoptr(GVariant) inserted = NULL;
  g_autoptr(GVariant) pong = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *said = NULL;
  g_autofree char *last_bank = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *notes = NULL;
  gboolean first_exited = FALSE;
  gboolean second_exited = FALSE;
  gint64 deadline;

  if (binary == NULL || g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL || g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("needs VIVA_BINARY, a session bus and a display (run by build-aux/test)");
      return;
    }

  g_assert_true (g_file_set_contents (good,
                                      "# Mini\n\n## Level 1: Basics\n\n"
                                      "**Question 1:** What is `len`?\n",
                                      -1, NULL));
  /* The 20 bytes of the report, exactly. */
  g_assert_true (g_file_set_contents (bad, "**Question 4**[](*)*", 20, NULL));

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (name_has_owner (bus, APP_ID));

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  /* Viva on the accessibility bus, as for a screen reader. */
  g_subprocess_launcher_unsetenv (launcher, "NO_AT_BRIDGE");
  g_subprocess_launcher_unsetenv (launcher, "GTK_A11Y");

  first = launch (launcher, binary, good, &first_exited);

  deadline = g_get_monotonic_time () + WAIT_LIMIT_USEC;
  while (!name_has_owner (bus, APP_ID))
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_false (first_exited);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20 * 1000);
    }

  /* The user types a note on question 1, and does not wait for it to be
   * saved. */
  a11y = a11y_bus_connect (bus);
  deadline = g_get_monotonic_time () + WAIT_LIMIT_USEC;
  for (;;)
    {
      g_clear_pointer (&viva, accessible_free);
      g_clear_pointer (&text_fields, g_ptr_array_unref);
      viva = a11y_find_application (a11y, "viva");
      if (viva != NULL)
        text_fields = a11y_find_role (a11y, viva, ATSPI_ROLE_TEXT);
      /* The notes, not the Python scratchpad's fields (question 1
       * shows code). */
      for (guint i = 0; text_fields != NULL && i < text_fields->len && notes_field == NULL; i++)
        {
          g_autofree char *name = a11y_dup_name (a11y, g_ptr_array_index (text_fields, i));

          if (g_strcmp0 (name, "Notes") == 0)
            notes_field = g_ptr_array_index (text_fields, i);
        }
      if (notes_field != NULL)
        break;
      g_assert_false (first_exited);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (100 * 1000);
    }
  inserted = a11y_call (a11y, notes_field, "org.a11y.atspi.EditableText", "InsertText",
                        g_variant_new ("(isi)", 0, "typed just before", -1), G_VARIANT_TYPE ("(b)"));
  g_assert_nonnull (inserted);

  /* The bad file, the way a file manager or a terminal opens it. */
  second = launch (launcher, binary, bad, &second_exited);
  wait_for (&second_exited);
  g_assert_true (g_subprocess_get_if_exited (second));
  g_assert_cmpint (g_subprocess_get_exit_status (second), ==, 0);

  /* The running Viva says what is wrong with the file, and that the bank
   * the user had is still open. */
  said = a11y_wait_for_dialog (a11y, "question-4.md", &first_exited);
  g_test_message ("the dialog says:\n%s", said);
  g_assert_nonnull (strstr (said, "Could Not Open"));
  g_assert_nonnull (strstr (said, "Question 4 on line 1 has no text"));
  g_assert_nonnull (strstr (said, "still open"));

  /* Still running, and still answering. */
  g_assert_false (first_exited);
  pong = g_dbus_connection_call_sync (bus, APP_ID, "/io/github/vivaprep/Viva",
                                      "org.freedesktop.DBus.Peer", "Ping", NULL, NULL,
                                      G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  g_dbus_connection_call_sync (bus, APP_ID, "/io/github/vivaprep/Viva",
                               "org.freedesktop.Application", "ActivateAction",
                               g_variant_new ("(sava{sv})", "quit", NULL, NULL),
                               NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  wait_for (&first_exited);
  g_assert_true (g_subprocess_get_if_exited (first));
  g_assert_cmpint (g_subprocess_get_exit_status (first), ==, 0);

  /* The bank it had is the one it reopens, and the note is saved. */
  last_bank = read_keyfile_string (keyfile_path, "last-bank");
  expected = g_strdup_printf ("'%s'", good);
  g_assert_cmpstr (last_bank, ==, expected);

  g_assert_true (g_file_get_contents (notes_path, &notes, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (notes, "typed just before"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/second-launch-hands-over", test_second_launch_hands_over);
  g_test_add_func ("/app/bad-bank-handed-over", test_bad_bank_handed_over);

  return g_test_run ();
}
