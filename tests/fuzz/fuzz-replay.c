/* fuzz-replay.c
 *
 * Runs a fuzz target over the files it is given, or every file in the
 * folders it is given, without libFuzzer: how an ordinary `meson test`
 * replays the checked-in corpus, crashers included. Reports TAP.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "viva-fuzz-target.h"

/* g_ptr_array_sort() passes pointers to the elements. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

static void
add_inputs (GPtrArray  *paths,
            const char *path)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (paths, g_strdup (path));
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    {
      fprintf (stderr, "cannot read %s\n", path);
      exit (1);
    }

  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (paths, g_build_filename (path, g_ptr_array_index (names, i), NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  LLVMFuzzerInitialize (&argc, &argv);

  for (int i = 1; i < argc; i++)
    add_inputs (paths, argv[i]);

  if (paths->len == 0)
    {
      fprintf (stderr, "usage: %s FILE-OR-FOLDER...\n", argv[0]);
      return 1;
    }

  printf ("1..%u\n", paths->len);
  fflush (stdout);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      gsize size = 0;

      if (!g_file_get_contents (path, &contents, &size, &error))
        {
          printf ("not ok %u %s: %s\n", i + 1, path, error->message);
          continue;
        }

      /* A crash ends the run here, with the input named just above. */
      printf ("# %s\n", path);
      fflush (stdout);
      LLVMFuzzerTestOneInput ((const guint8 *)contents, size);
      printf ("ok %u %s\n", i + 1, path);
      fflush (stdout);
    }

  return 0;
}
