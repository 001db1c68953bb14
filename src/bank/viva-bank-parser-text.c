/* viva-bank-parser-text.c
 *
 * The bank parser's work on plain text, which needs none of its state:
 * the checks a file passes before md4c sees it (size, encoding, binary
 * content), line numbers for messages, md4c's text made into a
 * question's plain text (white space, control characters, HTML
 * entities), and level headings with the numbers messages show.
 * viva-bank-parser.c keeps the state machine that md4c's events drive.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "viva-bank-parser-private.h"

/* The checks before Markdown */

/* g_utf8_validate_len() with a shortcut for ASCII, which is most of any
 * bank: eight bytes at a time are checked for a high bit, and only the
 * stretches that have one go to GLib. An ASCII byte never continues a
 * character, so cutting there keeps every character whole. */
static gboolean
validate_utf8 (const char  *data,
               gsize        size,
               const char **end)
{
  const guint64 high_bits = G_GUINT64_CONSTANT (0x8080808080808080);
  gsize i = 0;

  while (i < size)
    {
      gsize stretch_end;
      guint64 word;

      while (i + 8 <= size)
        {
          memcpy (&word, data + i, 8);
          if (word & high_bits)
            break;
          i += 8;
        }

      stretch_end = MIN (i + 8, size);
      while (stretch_end < size && (guchar)data[stretch_end] >= 0x80)
        stretch_end++;

      if (!g_utf8_validate_len (data + i, stretch_end - i, end))
        return FALSE;

      i = stretch_end;
    }

  *end = data + size;

  return TRUE;
}

/* Shared with viva_bank_new_from_file(), which refuses a large file
 * before reading it. The file's own size is left out: next to the limit
 * it adds nothing a user can act on. */
void
_viva_bank_set_too_large_error (GError **error)
{
  g_autofree char *limit = g_format_size (VIVA_BANK_MAX_SIZE);

  g_set_error (error, VIVA_BANK_ERROR, VIVA_BANK_ERROR_TOO_LARGE,
               /* Translators: %s is a size, as in "134.2 MB". */
               _("The file is too large to be a question bank: the limit is %s."),
               limit);
}

/* The checks that do not need Markdown, in the order that gives the most
 * useful message first. Sets @start to where the Markdown starts, after
 * a byte-order mark. */
gboolean
_viva_bank_check_text (const char  *data,
                       gsize        size,
                       gsize       *start,
                       GError     **error)
{
  const char *end = NULL;
  gsize i;

  if (size > VIVA_BANK_MAX_SIZE)
    {
      _viva_bank_set_too_large_error (error);
      return FALSE;
    }

  *start = 0;
  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    *start = 3;

  for (i = *start; i < size && _viva_bank_is_blank (data[i]); i++)
    ;

  if (i == size)
    {
      g_set_error_literal (error, VIVA_BANK_ERROR, VIVA_BANK_ERROR_EMPTY,
                           _("The file is empty."));
      return FALSE;
    }

  /* Windows editors offer UTF-16 as "Unicode": it is text, full of NUL
   * bytes, and "not text" would be the wrong thing to say. */
  if (size >= 2 &&
      (memcmp (data, "\xff\xfe", 2) == 0 || memcmp (data, "\xfe\xff", 2) == 0))
    {
      g_set_error_literal (error, VIVA_BANK_ERROR, VIVA_BANK_ERROR_NOT_UTF8,
                           _("The file is saved with the UTF-16 encoding. Save it with the UTF-8 encoding and open it again."));
      return FALSE;
    }

  if (memchr (data, '\0', size) != NULL)
    {
      g_set_error_literal (error, VIVA_BANK_ERROR, VIVA_BANK_ERROR_BINARY,
                           _("The file is not text. It may be an image, a document or a program; a question bank is a Markdown text file."));
      return FALSE;
    }

  if (!validate_utf8 (data, size, &end))
    {
      g_set_error (error, VIVA_BANK_ERROR, VIVA_BANK_ERROR_NOT_UTF8,
                   _("Line %u contains characters that are not valid UTF-8 text. Save the file with the UTF-8 encoding and open it again."),
                   _viva_bank_line_at (data, size, end - data));
      return FALSE;
    }

  return TRUE;
}

/* The line of @offset in @data, counted from 1. Only for messages:
 * counting for every question would make a large bank quadratic. */
guint
_viva_bank_line_at (const char *data,
                    gsize       size,
                    gsize       offset)
{
  guint line = 1;

  offset = MIN (offset, size);

  /* md4c ends lines at "\n", "\r\n" and a lone "\r"; so do we. */
  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        line++;
      else if (data[i] == '\r' && (i + 1 >= size || data[i + 1] != '\n'))
        line++;
    }

  return line;
}

/* Text */

static inline gboolean
ends_blank (GString *string)
{
  return string->len == 0 || _viva_bank_is_blank (string->str[string->len - 1]);
}

/* HTML entities: md4c reports them verbatim. The common ones are decoded;
 * a rare named entity stays as written, which is still readable. */
static const struct {
  const char *name;
  gunichar    ch;
} named_entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
  { "apos", '\'' }, { "nbsp", 0x00A0 }, { "copy", 0x00A9 },
  { "reg", 0x00AE }, { "trade", 0x2122 }, { "hellip", 0x2026 },
  { "mdash", 0x2014 }, { "ndash", 0x2013 }, { "lsquo", 0x2018 },
  { "rsquo", 0x2019 }, { "ldquo", 0x201C }, { "rdquo", 0x201D },
  { "laquo", 0x00AB }, { "raquo", 0x00BB }, { "times", 0x00D7 },
  { "divide", 0x00F7 }, { "deg", 0x00B0 }, { "middot", 0x00B7 },
  { "bull", 0x2022 }, { "larr", 0x2190 }, { "rarr", 0x2192 },
  { "le", 0x2264 }, { "ge", 0x2265 }, { "ne", 0x2260 },
  { "euro", 0x20AC }, { "pound", 0x00A3 }, { "sect", 0x00A7 },
};

/* Code points that XML, and so Pango markup, cannot carry even as a
 * character reference; a question holding one could not be shown. */
static inline gboolean
is_markup_char (guint64 value)
{
  return (value >= 0x20 && value <= 0xD7FF) ||
         (value >= 0xE000 && value <= 0xFFFD) ||
         (value >= 0x10000 && value <= 0x10FFFF);
}

static void
append_entity (GString    *string,
               const char *text,
               gsize       size)
{
  /* md4c reports only "&...;" as an entity, but nothing here relies on
   * it: anything else is kept as written. */
  if (size < 3 || text[0] != '&' || text[size - 1] != ';')
    {
      g_string_append_len (string, text, size);
      return;
    }

  if (size > 3 && text[1] == '#')
    {
      guint64 value = 0;
      gboolean hex = text[2] == 'x' || text[2] == 'X';

      for (gsize i = hex ? 3 : 2; i < size - 1; i++)
        {
          int digit = hex ? g_ascii_xdigit_value (text[i]) : g_ascii_digit_value (text[i]);

          if (digit < 0 || value > 0x10FFFF)
            {
              value = 0;
              break;
            }
          value = value * (hex ? 16 : 10) + digit;
        }

      /* White space written as a reference is white space, as in
       * append_text(). */
      if (value == '\t' || value == '\n' || value == '\r')
        {
          if (!ends_blank (string))
            g_string_append_c (string, ' ');
          return;
        }

      /* As CommonMark says: invalid code points become U+FFFD. So do
       * control characters, which ordinary text drops, and the rest
       * that markup cannot hold. */
      if (!is_markup_char (value))
        value = 0xFFFD;

      g_string_append_unichar (string, (gunichar)value);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (named_entities); i++)
    {
      const char *name = named_entities[i].name;

      if (strlen (name) == size - 2 && memcmp (name, text + 1, size - 2) == 0)
        {
          g_string_append_unichar (string, named_entities[i].ch);
          return;
        }
    }

  g_string_append_len (string, text, size);
}

/* Appends a space unless the text is empty or already ends with white
 * space: that trims the start and collapses the double spaces a wrapped
 * line leaves behind. */
static void
append_space (GString *string)
{
  if (!ends_blank (string))
    g_string_append_c (string, ' ');
}

/* g_string_append_len() in GLib 2.74 goes through the general insertion
 * code, which shows in a profile of a large bank; this is the plain copy
 * it amounts to. */
static inline void
append_run (GString    *string,
            const char *text,
            gsize       size)
{
  gsize len = string->len;

  if (size == 0)
    return;

  g_string_set_size (string, len + size);
  memcpy (string->str + len, text, size);
}

/* Ordinary text: runs of white space become one space and control
 * characters are dropped (they have no business in a question, and Pango
 * markup cannot carry them). In code (@verbatim) spaces and tabs stay as
 * written. The text is copied in runs, broken only where something is
 * dropped: a single space between words does not break a run. */
void
_viva_bank_append_text (GString    *string,
                        const char *text,
                        gsize       size,
                        gboolean    verbatim)
{
  gsize run = 0;

  for (gsize i = 0; i < size; i++)
    {
      guchar c = text[i];

      if (G_LIKELY (c > ' ' && c != 0x7F))
        continue;

      if (c == ' ' || (verbatim && c == '\t'))
        {
          if (verbatim)
            continue;

          /* Keep a space that follows something other than a space. */
          if (i > run ? text[i - 1] != ' ' : !ends_blank (string))
            continue;
        }

      append_run (string, text + run, i - run);
      run = i + 1;

      if (c == '\t')
        append_space (string);
    }

  append_run (string, text + run, size - run);
}

/* Appends what md4c reports as text of @type, made plain: @in_code
 * keeps the spaces and tabs of code as written. */
void
_viva_bank_append_md_text (GString     *string,
                           MD_TEXTTYPE  type,
                           const char  *text,
                           gsize        size,
                           gboolean     in_code)
{
  switch (type)
    {
    case MD_TEXT_NORMAL:
      _viva_bank_append_text (string, text, size, FALSE);
      break;

    case MD_TEXT_CODE:
    case MD_TEXT_LATEXMATH:
      _viva_bank_append_text (string, text, size, in_code);
      break;

    case MD_TEXT_ENTITY:
      append_entity (string, text, size);
      break;

    case MD_TEXT_NULLCHAR:
      g_string_append (string, "\xef\xbf\xbd");
      break;

    case MD_TEXT_SOFTBR:
      append_space (string);
      break;

    /* A hard line break is the author's: keep it. md4c has already
     * dropped the spaces that marked it. */
    case MD_TEXT_BR:
      if (string->len > 0)
        g_string_append_c (string, '\n');
      break;

    /* Raw HTML such as "<br>" is layout for web pages, not content. */
    case MD_TEXT_HTML:
    default:
      break;
    }
}

/* Level headings */

/* Removes a trailing "(Questions 1-200)" from a level name. */
static void
strip_parenthetical (char *name)
{
  gsize len = strlen (name);
  int depth = 0;

  if (len == 0 || name[len - 1] != ')')
    return;

  for (gsize i = len; i > 0; i--)
    {
      if (name[i - 1] == ')')
        depth++;
      else if (name[i - 1] == '(' && --depth == 0)
        {
          name[i - 1] = '\0';
          g_strchomp (name);
          return;
        }
    }
}

/* A number from the file, as a message shows it: a number thousands of
 * digits long would make an unreadable message. What looks like a number
 * may hold any character ("1—2"): it is cut between characters, never
 * inside one, so that the message stays valid UTF-8. */
char *
_viva_bank_dup_shown_number (const char *digits,
                             gsize       len)
{
  const char *end = digits + len;
  const char *cut = NULL;
  const char *p = digits;

  for (guint n = 0; p < end; n++)
    {
      if (n == 20)
        cut = p;
      else if (n == 24)
        return g_strdup_printf ("%.*s…", (int)(cut - digits), digits);
      p = g_utf8_next_char (p);
    }

  return g_strndup (digits, len);
}

/* "Level 1: Beginner (Questions 1-200)" gives 1 and "Beginner". On
 * VIVA_LEVEL_HEADING_TOO_LARGE, @name is the number as written. */
VivaLevelHeading
_viva_bank_parse_level_heading (const char  *heading,
                                guint       *number,
                                char       **name)
{
  guint64 value = 0;
  gboolean overflow = FALSE;
  const char *p = heading;
  const char *digits;

  if (g_ascii_strncasecmp (p, "Level", 5) != 0 || !_viva_bank_is_blank (p[5]))
    return VIVA_LEVEL_HEADING_NONE;

  for (p += 5; _viva_bank_is_blank (*p); p++)
    ;

  for (digits = p; g_ascii_isdigit (*p); p++)
    {
      value = value * 10 + (*p - '0');
      /* Keep reading the digits, but stop the value from wrapping. */
      if (value > G_MAXUINT32)
        {
          overflow = TRUE;
          value = (guint64)G_MAXUINT32 + 1;
        }
    }

  /* "Level 1st" is not a level heading. */
  if (p == digits || g_ascii_isalnum (*p))
    return VIVA_LEVEL_HEADING_NONE;

  if (overflow)
    {
      *name = _viva_bank_dup_shown_number (digits, p - digits);
      return VIVA_LEVEL_HEADING_TOO_LARGE;
    }

  while (_viva_bank_is_blank (*p))
    p++;

  /* The separator: "Level 1: Name", "Level 1. Name", "Level 1 - Name",
   * or an en or em dash. */
  if (*p == ':' || *p == '.' || *p == '-')
    p++;
  else if (g_str_has_prefix (p, "\xe2\x80\x93") || g_str_has_prefix (p, "\xe2\x80\x94"))
    p += 3;

  *number = (guint)value;
  *name = g_strstrip (g_strdup (p));
  strip_parenthetical (*name);

  return VIVA_LEVEL_HEADING_OK;
}
