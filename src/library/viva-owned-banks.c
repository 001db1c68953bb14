/* viva-owned-banks.c
 *
 * Where the user's own banks live
 * ===============================
 *
 * $XDG_DATA_HOME/io.github.vivaprep.Viva/banks/, mode 0700:
 *
 *   my-questions.md          My Questions, made on the first New Question
 *   <id>.md                  an imported bank (its id: the title's slug)
 *   <id>.md.bak              the previous version, kept at every save
 *   <id>.md.lock             flock()ed while an edit reads and writes
 *   <id>.md.corrupt-YYYYMMDD-HHMMSS
 *                            a file that did not parse, moved aside unchanged
 *   deleted/<id>.md          the questions deleted from <id>.md, a valid
 *                            bank of the same id (their notes stay in
 *                            notes.json under that id)
 *
 * Every file is 0600 and written in Viva's own Markdown by
 * viva_bank_draft_to_markdown(), so that any other tool reads it; a bank
 * left with no question is kept as its title alone (decision 4.7).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "viva-bank.h"
#include "viva-data-file.h"
#include "viva-owned-banks.h"

#define SLUG_MAX 64

G_STATIC_ASSERT ((int) VIVA_OWNED_BANKS_ERROR_TOO_LARGE == (int) VIVA_DATA_FILE_ERROR_TOO_LARGE);
G_STATIC_ASSERT ((int) VIVA_OWNED_BANKS_ERROR_TOO_DEEP == (int) VIVA_DATA_FILE_ERROR_TOO_DEEP);
G_STATIC_ASSERT ((int) VIVA_OWNED_BANKS_ERROR_INVALID == (int) VIVA_DATA_FILE_ERROR_INVALID);
G_STATIC_ASSERT ((int) VIVA_OWNED_BANKS_ERROR_FUTURE_VERSION == (int) VIVA_DATA_FILE_ERROR_FUTURE_VERSION);

G_DEFINE_QUARK (viva-owned-banks-error-quark, viva_owned_banks_error)

char *
viva_owned_banks_dup_default_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), APP_ID, "banks", NULL);
}

/* @path's folder with every link resolved (realpath), and its name; NULL
 * when the folder does not exist. */
static char *
dup_real_dir (const char  *path,
              char       **out_name)
{
  g_autofree char *resolved = viva_data_file_resolve_links (path);
  g_autofree char *dir = g_path_get_dirname (resolved);
  char *real = realpath (dir, NULL);
  char *copy;

  if (real == NULL)
    return NULL;

  if (out_name != NULL)
    *out_name = g_path_get_basename (resolved);

  /* realpath() allocates with malloc(), which g_free() need not match. */
  copy = g_strdup (real);
  free (real);

  return copy;
}

static char *
dup_real_path (const char *dir)
{
  char *real = realpath (dir, NULL);
  char *copy;

  if (real == NULL)
    return NULL;
  copy = g_strdup (real);
  free (real);

  return copy;
}

static gboolean
path_is_in_dir (const char *path,
                const char *dir)
{
  g_autofree char *name = NULL;
  g_autofree char *file_dir = NULL;
  g_autofree char *real_dir = NULL;

  if (path == NULL || dir == NULL)
    return FALSE;

  file_dir = dup_real_dir (path, &name);
  real_dir = dup_real_path (dir);

  return file_dir != NULL && real_dir != NULL &&
         g_str_equal (file_dir, real_dir) &&
         g_str_has_suffix (name, ".md") && strlen (name) > 3 &&
         name[0] != '.';
}

/**
 * viva_owned_banks_is_owned_file:
 * @file: a bank's file
 *
 * Whether @file is one of the user's own banks: a .md file directly in
 * viva_owned_banks_dup_default_dir(), links resolved. Banks there are
 * edited; any other file is read-only.
 */
gboolean
viva_owned_banks_is_owned_file (GFile *file)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (file == NULL || G_IS_FILE (file), FALSE);

  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return FALSE;

  dir = viva_owned_banks_dup_default_dir ();

  return path_is_in_dir (path, dir);
}

static gboolean
id_is_taken (const char *dir,
             const char *id)
{
  g_autofree char *name = g_strconcat (id, ".md", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *deleted = g_build_filename (dir, "deleted", name, NULL);

  return g_str_equal (id, VIVA_BUNDLED_BANK_ID) ||
         g_str_equal (id, VIVA_MY_QUESTIONS_ID) ||
         g_file_test (path, G_FILE_TEST_EXISTS) ||
         g_file_test (deleted, G_FILE_TEST_EXISTS);
}

/**
 * viva_owned_banks_dup_unique_id:
 * @dir: the folder the bank goes in
 * @title: (nullable): the bank's title
 *
 * The id of a new bank in @dir: @title's slug (ASCII letters and digits
 * in lower case, every other run a "-", at most 64 bytes; "bank" when
 * nothing is left), with "-2", "-3"… when the bundled bank, My Questions
 * or a file in @dir (or in @dir/deleted) already has it.
 *
 * Returns: (transfer full): the id, which is also the file's name
 *   without ".md"
 */
char *
viva_owned_banks_dup_unique_id (const char *dir,
                                const char *title)
{
  g_autofree char *ascii = NULL;
  g_autoptr(GString) slug = g_string_new (NULL);

  g_return_val_if_fail (dir != NULL, NULL);

  if (title != NULL && g_utf8_validate (title, -1, NULL))
    ascii = g_str_to_ascii (title, "C");

  for (const char *p = ascii != NULL ? ascii : ""; *p != '\0' && slug->len < SLUG_MAX; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      /* A "?" stands for a character with no ASCII form: a gap too. */
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }

  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);

  if (slug->len == 0)
    g_string_assign (slug, "bank");

  if (!id_is_taken (dir, slug->str))
    return g_string_free (g_steal_pointer (&slug), FALSE);

  for (guint n = 2; n < G_MAXUINT; n++)
    {
      g_autofree char *suffix = g_strdup_printf ("-%u", n);
      g_autofree char *base = NULL;
      g_autofree char *id = NULL;
      gsize keep = MIN (slug->len, SLUG_MAX - strlen (suffix));

      /* Cut the slug, never the suffix, to stay within 64 bytes. */
      while (keep > 1 && slug->str[keep - 1] == '-')
        keep--;
      base = g_strndup (slug->str, keep);
      id = g_strconcat (base, suffix, NULL);
      if (!id_is_taken (dir, id))
        return g_steal_pointer (&id);
    }

  g_assert_not_reached ();
}
