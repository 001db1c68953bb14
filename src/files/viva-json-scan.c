/* viva-json-scan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-json-scan.h"

static gboolean
read_hex4 (const guchar *p,
           const guchar *end,
           gunichar     *value)
{
  gunichar v = 0;

  if (end - p < 4)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return FALSE;

      v = (v << 4) | (gunichar) digit;
    }

  *value = v;

  return TRUE;
}

/* Checks the escape at @p (which points at the backslash) and returns
 * how many bytes it spans, or 0 with @result set. */
static gsize
scan_escape (const guchar       *p,
             const guchar       *end,
             VivaJsonScanResult *result)
{
  gunichar unit;
  gunichar low;

  if (end - p < 2)
    {
      *result = VIVA_JSON_SCAN_UNTERMINATED_STRING;
      return 0;
    }

  switch (p[1])
    {
    case '"': case '\\': case '/':
    case 'b': case 'f': case 'n': case 'r': case 't':
      return 2;

    case 'u':
      break;

    default:
      *result = VIVA_JSON_SCAN_BAD_ESCAPE;
      return 0;
    }

  if (!read_hex4 (p + 2, end, &unit))
    {
      *result = VIVA_JSON_SCAN_BAD_ESCAPE;
      return 0;
    }

  if (unit == 0)
    {
      *result = VIVA_JSON_SCAN_NUL_ESCAPE;
      return 0;
    }

  if (unit >= 0xDC00 && unit <= 0xDFFF)
    {
      *result = VIVA_JSON_SCAN_BAD_ESCAPE;
      return 0;
    }

  if (unit < 0xD800 || unit > 0xDBFF)
    return 6;

  /* A high surrogate must be followed at once by a low one; json-glib
   * turns a lone one into bytes that are not UTF-8. */
  if (end - p < 12 || p[6] != '\\' || p[7] != 'u' ||
      !read_hex4 (p + 8, end, &low) ||
      low < 0xDC00 || low > 0xDFFF)
    {
      *result = VIVA_JSON_SCAN_BAD_ESCAPE;
      return 0;
    }

  return 12;
}

/* Scans the string starting at the quote @p points at; returns the
 * position after the closing quote, or NULL with @result and @where set. */
static const guchar *
scan_string (const guchar        *p,
             const guchar        *end,
             VivaJsonScanResult  *result,
             const guchar       **where)
{
  for (p++; p < end;)
    {
      guchar c = *p;

      if (c == '"')
        return p + 1;

      if (c == '\0')
        {
          *result = VIVA_JSON_SCAN_NUL_BYTE;
          *where = p;
          return NULL;
        }

      if (c == '\\')
        {
          gsize skip = scan_escape (p, end, result);

          if (skip == 0)
            {
              *where = p;
              return NULL;
            }

          p += skip;
        }
      else if (c < 0x80)
        {
          p++;
        }
      else
        {
          gunichar ch = g_utf8_get_char_validated ((const char *) p, end - p);

          if (ch == (gunichar) -1 || ch == (gunichar) -2)
            {
              *result = VIVA_JSON_SCAN_BAD_UTF8;
              *where = p;
              return NULL;
            }

          p = (const guchar *) g_utf8_next_char (p);
        }
    }

  *result = VIVA_JSON_SCAN_UNTERMINATED_STRING;
  *where = end;

  return NULL;
}

/* Outside strings JSON has only structure, white space, numbers and the
 * literals true, false and null. Anything else is something json-glib
 * tolerates (quotes, comments, identifiers, hexadecimal) and we do not. */
static gboolean
is_json_token_byte (guchar c)
{
  switch (c)
    {
    case ' ': case '\t': case '\n': case '\r':
    case ',': case ':':
    case '-': case '+': case '.':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
    case 'e': case 'E':
    case 't': case 'r': case 'u':
    case 'f': case 'a': case 'l': case 's':
    case 'n':
      return TRUE;

    default:
      return FALSE;
    }
}

static inline gboolean
is_number_byte (guchar c)
{
  return g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/* Whether the number at @p (@len bytes) is an integer outside gint64. A
 * run that is not an integer at all ("1.5", "1e3", "1-2") is the parser's
 * to judge. */
static gboolean
is_large_integer (const guchar *p,
                  gsize         len)
{
  const char *limit = "9223372036854775807";
  gboolean negative = FALSE;
  gsize start = 0;

  if (len > 0 && p[0] == '-')
    {
      negative = TRUE;
      start = 1;
    }

  if (start == len)
    return FALSE;

  for (gsize i = start; i < len; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
    }

  if (len - start != strlen (limit))
    return len - start > strlen (limit);

  if (negative)
    limit = "9223372036854775808";

  return memcmp (p + start, limit, len - start) > 0;
}

/**
 * viva_json_scan:
 * @data: the bytes, not necessarily nul-terminated
 * @len: the number of bytes in @data
 * @max_depth: how deep arrays and objects may nest
 * @error_offset: (out) (optional): where the problem is, in bytes
 * @large_integers: (element-type VivaJsonScanNumber) (optional): where to
 *   add the integers json-glib would misread
 *
 * Looks at every byte once, keeping track of strings and escapes, and
 * reports the first problem. It checks only what json-glib gets wrong;
 * the grammar itself is left to the parser. Integers too large for
 * json-glib are not a problem of the bytes: they are listed in
 * @large_integers, for the caller to decide what they mean.
 *
 * Returns: %VIVA_JSON_SCAN_OK or the problem found
 */
VivaJsonScanResult
viva_json_scan (const char *data,
                gsize       len,
                guint       max_depth,
                gsize      *error_offset,
                GArray     *large_integers)
{
  const guchar *start = (const guchar *) data;
  const guchar *end = start + len;
  const guchar *p = start;
  const guchar *where = NULL;
  VivaJsonScanResult result = VIVA_JSON_SCAN_OK;
  g_autofree guchar *open = NULL;
  guint depth = 0;
  gboolean complete = FALSE;
  /* The last string of the top-level object, and whether a colon has
   * made it the name of the member whose value comes next. */
  const guchar *member = NULL;
  gsize member_length = 0;
  gboolean member_named = FALSE;

  g_return_val_if_fail (data != NULL || len == 0, VIVA_JSON_SCAN_NUL_BYTE);

  /* The bracket each open level started with, to catch "{]". */
  open = g_malloc (max_depth + 1);

  while (p < end && result == VIVA_JSON_SCAN_OK)
    {
      guchar c = *p;

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        {
          p++;
          continue;
        }

      /* Once the top-level object or array has closed, only white space
       * may follow. */
      if (complete)
        {
          result = c == '\0' ? VIVA_JSON_SCAN_NUL_BYTE : VIVA_JSON_SCAN_TRAILING_DATA;
          where = p;
          break;
        }

      switch (c)
        {
        case '"':
          {
            const guchar *string = p;

            p = scan_string (p, end, &result, &where);
            if (p != NULL && depth == 1)
              {
                member = string + 1;
                member_length = p - string - 2;
              }
            member_named = FALSE;
          }
          break;

        case ':':
          member_named = depth == 1 && member != NULL;
          p++;
          break;

        case '-':
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          {
            const guchar *number = p;
            const guchar *digits = c == '-' ? p + 1 : p;

            while (p < end && is_number_byte (*p))
              p++;

            if (digits + 1 < p && digits[0] == '0' && g_ascii_isdigit (digits[1]))
              {
                result = VIVA_JSON_SCAN_LEADING_ZERO;
                where = number;
                break;
              }

            if (large_integers != NULL && is_large_integer (number, p - number))
              {
                VivaJsonScanNumber found = { number - start, p - number, 0, 0 };

                if (member_named && depth == 1)
                  {
                    found.member_offset = member - start;
                    found.member_length = member_length;
                  }
                g_array_append_val (large_integers, found);
              }
            member_named = FALSE;
          }
          break;

        case '{':
        case '[':
          member_named = FALSE;
          if (depth >= max_depth)
            {
              result = VIVA_JSON_SCAN_TOO_DEEP;
              where = p;
              break;
            }
          open[depth++] = c;
          p++;
          break;

        case '}':
        case ']':
          if (depth == 0 || open[depth - 1] != (c == '}' ? '{' : '['))
            {
              result = VIVA_JSON_SCAN_UNBALANCED;
              where = p;
              break;
            }
          if (--depth == 0)
            complete = TRUE;
          p++;
          break;

        case '\0':
          result = VIVA_JSON_SCAN_NUL_BYTE;
          where = p;
          break;

        default:
          if (!is_json_token_byte (c))
            {
              result = VIVA_JSON_SCAN_BAD_CHARACTER;
              where = p;
              break;
            }
          /* A comma, or a literal such as true. */
          member_named = FALSE;
          p++;
          break;
        }
    }

  if (error_offset != NULL)
    *error_offset = result == VIVA_JSON_SCAN_OK ? 0 : (gsize) (where - start);

  return result;
}
