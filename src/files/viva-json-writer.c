/* viva-json-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "viva-json-writer.h"

#define INDENT 2

static const char spaces[] = "                                                                ";

G_STATIC_ASSERT (sizeof spaces - 1 >= VIVA_JSON_WRITER_MAX_DEPTH * INDENT);

void
viva_json_writer_init (VivaJsonWriter *writer,
                       gsize           reserved_size)
{
  memset (writer, 0, sizeof *writer);
  writer->out = g_string_sized_new (reserved_size);
}

/* Drops what was written, for a writer given up half-way. */
void
viva_json_writer_clear (VivaJsonWriter *writer)
{
  if (writer->out != NULL)
    g_string_free (g_steal_pointer (&writer->out), TRUE);
}

/* g_string_append_len() goes through g_string_insert_len(), which costs
 * more than the copy for the short pieces a document is made of. */
static inline void
put (GString    *out,
     const char *data,
     gsize       len)
{
  if (G_UNLIKELY (out->len + len >= out->allocated_len))
    {
      g_string_append_len (out, data, len);
      return;
    }

  memcpy (out->str + out->len, data, len);
  out->len += len;
  out->str[out->len] = '\0';
}

static inline void
put_c (GString *out,
       char     c)
{
  put (out, &c, 1);
}

static void
append_indent (VivaJsonWriter *writer)
{
  put (writer->out, spaces, writer->depth * INDENT);
}

/* What stops the copy of a string: a byte to escape, the end, or the
 * start of a multi-byte character, to check. */
enum {
  PLAIN,
  ESCAPE,
  END,
  MULTIBYTE,
};

static const guint8 byte_class[256] = {
  END, ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE,
  ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE,
  ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE,
  ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE,
  ['"'] = ESCAPE,
  ['\\'] = ESCAPE,
  [0x7f] = ESCAPE,
  [0x80] = MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE,
  MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE,
  MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE,
  MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE,
  MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE,
  MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE,
  MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE,
  MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE,
  MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE,
  MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE,
  MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE,
  MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE,
  MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE,
  MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE,
  MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE,
  MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE, MULTIBYTE,
};

/* As json-glib 1.6 escapes: the two characters JSON requires, the short
 * escapes, other control characters and DEL as \u00XX, and everything
 * else, UTF-8 included, as it is. (json-glib leaves U+001F unescaped,
 * which JSON forbids; we escape it.) Returns FALSE, with part of the
 * string written, when @value is not UTF-8. */
static gboolean
append_string (GString    *out,
               const char *value)
{
  static const char hex[] = "0123456789abcdef";
  const guchar *p = (const guchar *) value;
  const guchar *run = p;

  put_c (out, '"');

  for (;;)
    {
      guchar c;
      const guchar *multibyte;

      while (byte_class[*p] == PLAIN)
        p++;

      c = *p;

      /* A run of non-ASCII bytes: ASCII bytes are never part of a
       * multi-byte character, so checking each run alone checks the
       * whole string. */
      if (byte_class[c] == MULTIBYTE)
        {
          multibyte = p;
          while (*p >= 0x80)
            p++;
          if (!g_utf8_validate_len ((const char *) multibyte, p - multibyte, NULL))
            return FALSE;
          continue;
        }

      if (p > run)
        put (out, (const char *) run, p - run);

      if (c == '\0')
        break;

      switch (c)
        {
        case '"':
          put (out, "\\\"", 2);
          break;

        case '\\':
          put (out, "\\\\", 2);
          break;

        case '\b':
          put (out, "\\b", 2);
          break;

        case '\f':
          put (out, "\\f", 2);
          break;

        case '\n':
          put (out, "\\n", 2);
          break;

        case '\r':
          put (out, "\\r", 2);
          break;

        case '\t':
          put (out, "\\t", 2);
          break;

        default:
          {
            char escape[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf] };

            put (out, escape, sizeof escape);
          }
          break;
        }

      p++;
      run = p;
    }

  put_c (out, '"');

  return TRUE;
}

/* What comes before a value: in an array, the separator and the indent;
 * in an object, viva_json_writer_member() wrote them. */
static void
begin_value (VivaJsonWriter *writer)
{
  guint top;

  if (writer->depth == 0)
    return;

  top = writer->depth - 1;
  if (!writer->array[top])
    return;

  if (writer->count[top] > 0)
    put (writer->out, ",\n", 2);
  else
    put_c (writer->out, '\n');
  append_indent (writer);
  writer->count[top]++;
}

static void
push (VivaJsonWriter *writer,
      gboolean        array)
{
  g_assert (writer->depth < VIVA_JSON_WRITER_MAX_DEPTH);

  writer->count[writer->depth] = 0;
  writer->array[writer->depth] = array;
  writer->depth++;
}

static void
pop (VivaJsonWriter *writer,
     gboolean        array,
     const char     *empty,
     char            close)
{
  guint count;

  g_assert (writer->depth > 0);
  g_assert (writer->array[writer->depth - 1] == array);

  count = writer->count[writer->depth - 1];
  writer->depth--;

  if (count == 0)
    {
      g_string_append (writer->out, empty);
      return;
    }

  put_c (writer->out, '\n');
  append_indent (writer);
  put_c (writer->out, close);
}

void
viva_json_writer_begin_object (VivaJsonWriter *writer)
{
  begin_value (writer);
  put_c (writer->out, '{');
  push (writer, FALSE);
}

void
viva_json_writer_end_object (VivaJsonWriter *writer)
{
  /* json-glib writes an empty object so. */
  pop (writer, FALSE, "  }", '}');
}

void
viva_json_writer_begin_array (VivaJsonWriter *writer)
{
  begin_value (writer);
  put_c (writer->out, '[');
  push (writer, TRUE);
}

void
viva_json_writer_end_array (VivaJsonWriter *writer)
{
  pop (writer, TRUE, "]", ']');
}

/* The name of the object member whose value comes next. Returns FALSE,
 * like viva_json_writer_string(), when @name is not UTF-8. */
gboolean
viva_json_writer_member (VivaJsonWriter *writer,
                         const char     *name)
{
  guint top;

  g_assert (writer->depth > 0);
  top = writer->depth - 1;
  g_assert (!writer->array[top]);

  if (writer->count[top] > 0)
    put (writer->out, ",\n", 2);
  else
    put_c (writer->out, '\n');
  append_indent (writer);
  writer->count[top]++;
  if (!append_string (writer->out, name))
    return FALSE;
  put (writer->out, " : ", 3);

  return TRUE;
}

/* Returns FALSE, having written part of it, when @value is not UTF-8:
 * the document is then to be dropped. */
gboolean
viva_json_writer_string (VivaJsonWriter *writer,
                         const char     *value)
{
  begin_value (writer);

  return append_string (writer->out, value);
}

void
viva_json_writer_int (VivaJsonWriter *writer,
                      gint64          value)
{
  char digits[24];
  char *p = digits + sizeof digits;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  begin_value (writer);

  do
    {
      *--p = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);

  if (value < 0)
    *--p = '-';

  put (writer->out, p, digits + sizeof digits - p);
}

/* A finite number, in the fewest digits that read back as the same
 * double (15 are enough for most, 17 for all), so that a file read and
 * written again is the same byte for byte. */
void
viva_json_writer_double (VivaJsonWriter *writer,
                         double          value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (isfinite (value));

  begin_value (writer);

  for (int digits = 15; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (text, sizeof text, format, value);
      if (g_ascii_strtod (text, NULL) == value)
        break;
    }

  put (writer->out, text, strlen (text));
}

void
viva_json_writer_boolean (VivaJsonWriter *writer,
                          gboolean        value)
{
  begin_value (writer);
  if (value)
    put (writer->out, "true", 4);
  else
    put (writer->out, "false", 5);
}

void
viva_json_writer_null (VivaJsonWriter *writer)
{
  begin_value (writer);
  put (writer->out, "null", 4);
}

/* How much has been written so far, in bytes. */
gsize
viva_json_writer_get_size (VivaJsonWriter *writer)
{
  return writer->out->len;
}

/* Ends the document with a newline, as viva_data_file_generate() does,
 * and hands it over. The writer is cleared. */
GBytes *
viva_json_writer_free_to_bytes (VivaJsonWriter *writer)
{
  g_assert (writer->depth == 0);

  g_string_append_c (writer->out, '\n');

  return g_string_free_to_bytes (g_steal_pointer (&writer->out));
}
