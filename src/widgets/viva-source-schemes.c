/* viva-source-schemes.c
 *
 * GtkSourceView's style schemes, as few as Viva shows. The first
 * GtkSourceBuffer made (the notes editor's, before the first frame)
 * loads its default scheme, and GtkSourceView's scheme manager then
 * reads and parses every scheme file it finds: twelve on Debian 12,
 * 22.7 M instructions of a returning user's start-up, of which Viva
 * shows three: Adwaita and Adwaita-dark, which its editors set as the
 * style is light or dark, and the default scheme, "classic", of a view
 * that sets none (the live interview's notes).
 *
 * viva_source_schemes_init() makes the default manager's search path
 * name those files in the folders it would search (a search path
 * entry may be a file), in the same order, so that each scheme comes
 * from the file it came from before. The user's own folder stays
 * whole: a scheme there may override one of ours under another file
 * name, and it is usually empty.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <gtksourceview/gtksource.h>

#include "viva-source-schemes.h"

/* Every scheme Viva shows: its editors' two and GtkSourceView 5's
 * default (DEFAULT_STYLE_SCHEME in gtksourcestylescheme.c). */
const char * const viva_source_scheme_ids[] = { "Adwaita", "Adwaita-dark", "classic", NULL };

/**
 * viva_source_schemes_init:
 *
 * Limits the default style scheme manager to the schemes Viva shows.
 * Call it before the first GtkSourceBuffer is made; once is enough.
 */
void
viva_source_schemes_init (void)
{
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  const char * const *dirs = gtk_source_style_scheme_manager_get_search_path (manager);
  const char *user_dir = g_get_user_data_dir ();
  gsize user_dir_len = strlen (user_dir);
  g_autoptr(GStrvBuilder) path = g_strv_builder_new ();
  g_auto(GStrv) search_path = NULL;

  for (guint i = 0; dirs != NULL && dirs[i] != NULL; i++)
    {
      gboolean users = strncmp (dirs[i], user_dir, user_dir_len) == 0 &&
                       (dirs[i][user_dir_len] == G_DIR_SEPARATOR || dirs[i][user_dir_len] == '\0');

      /* Not a folder (a file, or one that does not exist): as it is. */
      if (users || !g_file_test (dirs[i], G_FILE_TEST_IS_DIR))
        {
          g_strv_builder_add (path, dirs[i]);
          continue;
        }

      for (guint j = 0; viva_source_scheme_ids[j] != NULL; j++)
        {
          g_autofree char *name = g_strconcat (viva_source_scheme_ids[j], ".xml", NULL);
          g_autofree char *file = g_build_filename (dirs[i], name, NULL);

          if (g_file_test (file, G_FILE_TEST_IS_REGULAR))
            g_strv_builder_add (path, file);
        }
    }

  search_path = g_strv_builder_end (path);
  gtk_source_style_scheme_manager_set_search_path (manager, (const char * const *) search_path);
}
