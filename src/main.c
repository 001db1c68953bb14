/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "viva-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(VivaApplication) app = NULL;
  const char *localedir;

  /* Run from the build tree, Viva is not installed and its catalogues
   * are in build/po (meson builds them there); build-aux/run and the
   * tests point VIVA_LOCALEDIR at it. Installed, it is unset. */
  localedir = g_getenv ("VIVA_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Before any thread: see viva_application_prepare_theme(). */
  viva_application_prepare_theme ();
  app = viva_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
