/* viva-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-text.h"

/* One character of @text, folded: decomposed (NFKD), combining marks
 * dropped, case folded. Whole strings fold the same way character by
 * character, which is what lets a match in the folded text be mapped back
 * to the characters it came from. */
static void
fold_char (GString  *out,
           gunichar  c)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;

  n = g_unichar_fully_decompose (c, TRUE, decomposed, G_N_ELEMENTS (decomposed));

  for (gsize i = 0; i < n; i++)
    {
      char utf8[6];
      g_autofree char *folded = NULL;
      int len;

      if (g_unichar_combining_class (decomposed[i]) != 0 ||
          g_unichar_type (decomposed[i]) == G_UNICODE_NON_SPACING_MARK)
        continue;

      if (decomposed[i] < 0x80)
        {
          g_string_append_c (out, g_ascii_tolower ((char) decomposed[i]));
          continue;
        }

      len = g_unichar_to_utf8 (decomposed[i], utf8);
      folded = g_utf8_casefold (utf8, len);
      g_string_append (out, folded);
    }
}

/**
 * viva_text_fold:
 * @text: UTF-8 text; invalid bytes fold to U+FFFD
 * @len: its length in bytes, or -1 when it ends with a NUL
 * @map: (nullable) (element-type gsize): where to append, for each byte
 *   of the result, the offset in @text of the character it came from,
 *   then one last entry: the length of @text
 *
 * Questions, notes and queries all go through this function, so whatever
 * it does to one it does to the others: "Café", "CAFE" and "cafe" all
 * become "cafe".
 *
 * Returns: (transfer full): the folded text
 */
char *
viva_text_fold (const char *text,
                gssize      len,
                GArray     *map)
{
  GString *out;
  const char *p;
  const char *end;

  g_return_val_if_fail (text != NULL, NULL);

  if (len < 0)
    len = strlen (text);

  out = g_string_sized_new (len);
  end = text + len;

  for (p = text; p < end;)
    {
      gsize before = out->len;
      gsize offset = p - text;
      gunichar c;
      const char *next;

      if ((guchar) *p < 0x80)
        {
          g_string_append_c (out, g_ascii_tolower (*p));
          next = p + 1;
        }
      else
        {
          c = g_utf8_get_char_validated (p, end - p);
          if (c == (gunichar) -1 || c == (gunichar) -2)
            {
              /* One replacement character per invalid byte. */
              g_string_append_unichar (out, 0xFFFD);
              next = p + 1;
            }
          else
            {
              fold_char (out, c);
              next = g_utf8_next_char (p);
            }
        }

      if (map != NULL)
        for (gsize i = before; i < out->len; i++)
          g_array_append_val (map, offset);

      p = next;
    }

  if (map != NULL)
    g_array_append_val (map, len);

  return g_string_free (out, FALSE);
}

/**
 * viva_text_normalize:
 * @text: UTF-8 text
 * @len: its length in bytes, or -1 when it ends with a NUL
 *
 * Folds @text as viva_text_fold() does, faster for plain ASCII.
 *
 * Returns: (transfer full): the folded text
 */
char *
viva_text_normalize (const char *text,
                     gssize      len)
{
  g_return_val_if_fail (text != NULL, NULL);

  if (len < 0)
    len = strlen (text);

  /* Nearly every question of a Python bank is plain ASCII, where
   * lowering the case is all there is to do, and much cheaper. */
  for (gssize i = 0; i < len; i++)
    {
      if ((guchar)text[i] >= 0x80)
        return viva_text_fold (text, len, NULL);
    }

  return g_ascii_strdown (text, len);
}
