/* test-about.c
 *
 * The About window as the main menu opens it (app.about), read as its
 * widgets show it:
 *
 * - the version it shows is the newest release the metainfo describes,
 *   so a release entry without the version bump in meson.build (or the
 *   other way round) fails;
 * - with a translation whose "translator-credits" names its
 *   translators, the Credits page lists each of them; untranslated, it
 *   lists no "translator-credits" (libadwaita drops the untranslated
 *   string) and still lists the developers.
 *
 * The translation is a catalogue of one message, compiled with msgfmt
 * into a folder of the test's own and bound as Viva's text domain, with
 * LANGUAGE=de: the test does not depend on po/ holding a language, nor
 * on the language's locale being installed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "viva-application.h"
#include "viva-test-util.h"

#define TRANSLATORS "Ana Beispiel\nBen Muster <ben@example.org>"

static VivaApplication *app;

/* The version of the metainfo's first <release>: AppStream lists
 * releases newest first (appstreamcli validate checks the order). */
static char *
dup_metainfo_release (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 APP_ID ".metainfo.xml.in", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char *tag = "<release version=\"";
  const char *start;
  const char *end;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  start = strstr (text, tag);
  g_assert_nonnull (start);
  start += strlen (tag);
  end = strchr (start, '"');
  g_assert_nonnull (end);

  return g_strndup (start, end - start);
}

static AdwAboutWindow *
find_about_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (window))
        return ADW_ABOUT_WINDOW (window);
    }

  return NULL;
}

/* The About window as About Viva in the main menu opens it. */
static AdwAboutWindow *
open_about (void)
{
  AdwAboutWindow *about;

  g_assert_null (find_about_window ());
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  viva_test_drain_main_loop ();
  about = find_about_window ();
  g_assert_nonnull (about);
  viva_test_wait_mapped (GTK_WIDGET (about));

  return about;
}

static void
close_about (AdwAboutWindow *about)
{
  gtk_window_destroy (GTK_WINDOW (about));
  viva_test_drain_main_loop ();
  g_assert_null (find_about_window ());
}

static gboolean
is_label_reading (GtkWidget  *widget,
                  const char *text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* A row of a list of people, as the Credits page shows each name. */
static gboolean
is_row_titled (GtkWidget  *widget,
               const char *title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static void
test_version_is_the_release (void)
{
  g_autofree char *release = dup_metainfo_release ();
  AdwAboutWindow *about = open_about ();

  g_assert_cmpstr (PACKAGE_VERSION, ==, release);
  g_assert_nonnull (viva_test_find_widget (GTK_WIDGET (about), is_label_reading, release));
  /* Read as a dialog, as Viva's other dialogs are (test-a11y-bus.py
   * checks it on the bus). */
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (about)), ==, GTK_ACCESSIBLE_ROLE_DIALOG);

  close_about (about);
}

static void
test_untranslated_credits (void)
{
  AdwAboutWindow *about;

  g_unsetenv ("LANGUAGE");
  about = open_about ();

  g_assert_nonnull (viva_test_find_widget (GTK_WIDGET (about), is_row_titled, "Viva developers"));
  g_assert_null (viva_test_find_widget (GTK_WIDGET (about), is_row_titled, "translator-credits"));
  g_assert_null (viva_test_find_widget (GTK_WIDGET (about), is_row_titled, "Ana Beispiel"));

  close_about (about);
}

static void
test_translated_credits (void)
{
  AdwAboutWindow *about;

  /* The locale is C.UTF-8 (the tests' LC_ALL), which glibc's gettext
   * does not take for "C": it reads LANGUAGE. */
  g_setenv ("LANGUAGE", "de", TRUE);
  g_assert_cmpstr (_("translator-credits"), ==, TRANSLATORS);
  about = open_about ();

  g_assert_nonnull (viva_test_find_widget (GTK_WIDGET (about), is_row_titled, "Viva developers"));
  g_assert_nonnull (viva_test_find_widget (GTK_WIDGET (about), is_row_titled, "Ana Beispiel"));
  /* The address becomes the row's link, the name its title. */
  g_assert_nonnull (viva_test_find_widget (GTK_WIDGET (about), is_row_titled, "Ben Muster"));
  g_assert_null (viva_test_find_widget (GTK_WIDGET (about), is_row_titled, "translator-credits"));

  close_about (about);
  g_unsetenv ("LANGUAGE");
}

/* A German catalogue for Viva's text domain with only
 * "translator-credits", in a folder of our own bound to the domain. */
static void
bind_test_catalogue (const char *folder)
{
  g_autofree char *messages = g_build_filename (folder, "de", "LC_MESSAGES", NULL);
  g_autofree char *po = g_build_filename (folder, "de.po", NULL);
  g_autofree char *mo = g_build_filename (messages, GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *escaped = g_strescape (TRANSLATORS, NULL);
  g_autofree char *po_text = g_strdup_printf ("msgid \"\"\n"
                                              "msgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n"
                                              "\n"
                                              "msgid \"translator-credits\"\n"
                                              "msgstr \"%s\"\n", escaped);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "msgfmt", "--check", "-o", mo, po, NULL };
  int status = -1;

  g_assert_cmpint (g_mkdir_with_parents (messages, 0700), ==, 0);
  g_assert_true (g_file_set_contents (po, po_text, -1, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);

  bindtextdomain (GETTEXT_PACKAGE, folder);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *locale = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *toplevels;
  int status;

  viva_test_init_ui (&argc, &argv);
  g_unsetenv ("LANGUAGE");

  /* In the test's own home (viva_test_init_ui), with its data. */
  locale = g_build_filename (g_get_user_cache_dir (), "locale", NULL);
  bind_test_catalogue (locale);

  /* The application as Viva runs it; never the running Viva of the
   * person running the tests. */
  app = viva_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  viva_test_wait_mapped (GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app))));

  g_test_add_func ("/about/version-is-the-release", test_version_is_the_release);
  g_test_add_func ("/about/credits/untranslated", test_untranslated_credits);
  g_test_add_func ("/about/credits/translated", test_translated_credits);

  status = g_test_run ();

  toplevels = gtk_window_get_toplevels ();
  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  viva_test_drain_main_loop ();
  g_clear_object (&app);

  return status;
}
