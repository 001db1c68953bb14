/* viva-document-fuzz.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "viva-document-fuzz.h"

static GBytes *
save (const VivaDocumentCodec *codec,
      gpointer                 document)
{
  g_autoptr(JsonNode) root = codec->build (document);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = viva_document_file_generate (codec, root, &error);

  if (bytes == NULL)
    g_error ("a %s that loaded does not save: %s", codec->format, error->message);

  return bytes;
}

void
viva_fuzz_check_document (const VivaDocumentCodec *codec,
                          const guint8            *data,
                          gsize                    size)
{
  g_autoptr(GObject) document = NULL;
  g_autoptr(GObject) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) saved_again = NULL;
  gboolean ok;

  ok = viva_document_file_parse (codec, (const char *) data, size, NULL, (gpointer *) &document, &error);
  g_assert_true (ok == (error == NULL));

  if (!ok)
    {
      g_assert_true (error->domain == codec->error_quark ());
      g_assert_cmpuint (strlen (error->message), >, 0);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));

      /* A newer version's document is listed, never written. */
      if (document != NULL)
        {
          g_assert_cmpint (error->code, ==, VIVA_DOCUMENT_STORE_ERROR_FUTURE_VERSION);
          g_assert_true (codec->get_read_only (document));
        }
      return;
    }

  g_assert_nonnull (document);
  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (document, codec->get_document_type ()));
  g_assert_true (codec->id_is_valid (codec->get_id (document)));

  saved = save (codec, document);
  if (!viva_document_file_parse (codec, g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                                 codec->get_id (document), (gpointer *) &back, &error))
    g_error ("a saved %s does not load back: %s\n%.*s", codec->format, error->message,
             (int) MIN (g_bytes_get_size (saved), 4000), (const char *) g_bytes_get_data (saved, NULL));

  g_assert_cmpint (codec->get_created (back), ==, codec->get_created (document));
  g_assert_true (codec->get_unfinished (back) == codec->get_unfinished (document));
  saved_again = save (codec, back);
  if (!g_bytes_equal (saved, saved_again))
    g_error ("a saved %s loads back different:\n%.*s\n---\n%.*s", codec->format,
             (int) MIN (g_bytes_get_size (saved), 4000), (const char *) g_bytes_get_data (saved, NULL),
             (int) MIN (g_bytes_get_size (saved_again), 4000), (const char *) g_bytes_get_data (saved_again, NULL));
}

static char *scratch_dir;

static void
empty_scratch_dir (void)
{
  g_autoptr(GDir) dir = g_dir_open (scratch_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (scratch_dir, name, NULL);

      g_unlink (path);
    }
}

static void
remove_scratch_dir (void)
{
  empty_scratch_dir ();
  g_rmdir (scratch_dir);
  g_clear_pointer (&scratch_dir, g_free);
}

static const char *
ensure_scratch_dir (void)
{
  if (scratch_dir == NULL)
    {
      const char *base = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir ();

      scratch_dir = g_build_filename (base, "viva-fuzz-XXXXXX", NULL);
      if (g_mkdtemp_full (scratch_dir, 0700) == NULL)
        g_error ("cannot make a scratch folder in %s: %s", base, g_strerror (errno));
      atexit (remove_scratch_dir);
    }

  return scratch_dir;
}

const char *
viva_fuzz_begin_scratch (void)
{
  ensure_scratch_dir ();
  empty_scratch_dir ();

  return scratch_dir;
}

char *
viva_fuzz_write_scratch (const char   *name,
                         const guint8 *data,
                         gsize         size)
{
  char *path = g_build_filename (ensure_scratch_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents_full (path, (const char *) data, size, G_FILE_SET_CONTENTS_NONE, 0600, &error))
    g_error ("cannot write %s: %s", path, error->message);

  return path;
}
