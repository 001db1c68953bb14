/* viva-import-html.c
 *
 * The HTML that question lists carry, made Markdown Viva can keep:
 * <summary> text and Anki's fields (<br>, <div>, &nbsp;, <pre>). Tags are
 * dropped, never passed on: a bank holds no HTML, so none of a hostile
 * file's <script> or <img onerror> can reach a label or a report. The
 * text between tags is escaped so that it reads as the source showed
 * it, and not as Markdown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-import-private.h"

typedef struct
{
  GString  *out;
  GString  *code;       /* inside <code> or <pre> */
  gboolean  markdown;   /* blocks kept (Anki's back), else one inline line */
  guint     code_depth;
  guint     pre_depth;
} HtmlWriter;

/* Markdown's punctuation, escaped wherever it appears: escaping more
 * than needed changes nothing a reader sees. */
static gboolean
needs_escape (char c)
{
  return strchr ("\\`*_[]<>#+-!|~&=.()", c) != NULL;
}

static void
append_escaped (GString    *out,
                const char *text,
                gsize       len,
                gboolean    keep_newlines)
{
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (c == '\n' && keep_newlines)
        g_string_append_c (out, '\n');
      else if (c == '\n' || c == '\t')
        g_string_append_c (out, ' ');
      else if (needs_escape (c))
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
      else
        g_string_append_c (out, c);
    }
}

char *
_viva_import_escape_inline (const char *text,
                            gsize       len)
{
  GString *out = g_string_sized_new (len + len / 8 + 1);

  append_escaped (out, text, len, TRUE);

  return g_string_free (out, FALSE);
}

static guint
longest_run (const char *text,
             char        c)
{
  guint longest = 0;
  guint run = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      run = *p == c ? run + 1 : 0;
      longest = MAX (longest, run);
    }

  return longest;
}

static void
append_code_span (GString    *out,
                  const char *code)
{
  g_autofree char *fence = NULL;
  g_autofree char *flat = g_strdup (code);
  gboolean pad;

  g_strdelimit (flat, "\n\t", ' ');
  if (_viva_import_is_blank_text (flat))
    return;

  fence = g_strnfill (longest_run (flat, '`') + 1, '`');
  pad = flat[0] == '`' || flat[strlen (flat) - 1] == '`';

  g_string_append_printf (out, "%s%s%s%s%s", fence, pad ? " " : "", flat, pad ? " " : "", fence);
}

static void
append_fence (GString    *out,
              const char *code)
{
  g_autofree char *fence = g_strnfill (MAX (3, longest_run (code, '`') + 1), '`');
  gsize len = strlen (code);

  while (len > 0 && code[len - 1] == '\n')
    len--;
  while (*code == '\n' && len > 0)
    code++, len--;

  g_string_append_printf (out, "%s\n%.*s\n%s\n\n", fence, (int) len, code, fence);
}

/* Whether the last character of @out is a backslash of its own, not
 * the escaped half of "\\\\". */
static gboolean
ends_with_lone_backslash (GString *out)
{
  gsize n = 0;

  while (n < out->len && out->str[out->len - 1 - n] == '\\')
    n++;

  return n % 2 == 1;
}

/* Spaces, newlines and hard breaks at the end of @out. */
static void
trim_trailing_breaks (GString *out)
{
  for (;;)
    {
      if (out->len > 0 && (out->str[out->len - 1] == ' ' || out->str[out->len - 1] == '\n'))
        g_string_truncate (out, out->len - 1);
      else if (ends_with_lone_backslash (out))
        g_string_truncate (out, out->len - 1);
      else
        break;
    }
}

/* A paragraph break, without a hard break left dangling before it. */
static void
end_block (HtmlWriter *writer)
{
  GString *out = writer->out;

  if (!writer->markdown)
    {
      if (out->len > 0 && out->str[out->len - 1] != ' ' && out->str[out->len - 1] != '\n')
        g_string_append_c (out, ' ');
      return;
    }

  trim_trailing_breaks (out);

  if (out->len > 0)
    g_string_append (out, "\n\n");
}

static void
line_break (HtmlWriter *writer)
{
  GString *out = writer->out;

  if (writer->pre_depth > 0)
    {
      g_string_append_c (writer->code, '\n');
      return;
    }

  if (!writer->markdown)
    {
      g_string_append_c (out, '\n');
      return;
    }

  /* Two <br> in a row are how Anki and GitHub READMEs write a
   * paragraph. */
  if (out->len >= 2 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\\')
    end_block (writer);
  else if (out->len > 0 && out->str[out->len - 1] != '\n')
    g_string_append (out, "\\\n");
}

static void
append_text (HtmlWriter *writer,
             const char *text,
             gsize       len)
{
  if (writer->pre_depth > 0 || writer->code_depth > 0)
    {
      g_string_append_len (writer->code, text, len);
      return;
    }

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      /* HTML's own whitespace collapses. */
      if (g_ascii_isspace (c))
        {
          GString *out = writer->out;

          if (out->len > 0 && out->str[out->len - 1] != ' ' && out->str[out->len - 1] != '\n')
            g_string_append_c (out, ' ');
          continue;
        }

      append_escaped (writer->out, &c, 1, FALSE);
    }
}

static gsize
decode_entity (const char *p,
               const char *end,
               char        out[8])
{
  static const struct { const char *name; const char *text; } named[] = {
    { "amp;", "&" }, { "lt;", "<" }, { "gt;", ">" }, { "quot;", "\"" },
    { "apos;", "'" }, { "nbsp;", " " }, { "#39;", "'" },
  };
  gsize avail = end - p;

  g_assert (*p == '&');

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    {
      gsize n = strlen (named[i].name);

      if (avail > n && strncmp (p + 1, named[i].name, n) == 0)
        {
          strcpy (out, named[i].text);
          return n + 1;
        }
    }

  if (avail > 3 && p[1] == '#')
    {
      gboolean hex = p[2] == 'x' || p[2] == 'X';
      const char *q = p + (hex ? 3 : 2);
      guint64 value = 0;
      guint digits = 0;

      while (q < end && digits < 8 && (hex ? g_ascii_isxdigit (*q) : g_ascii_isdigit (*q)))
        {
          value = value * (hex ? 16 : 10) + (hex ? (guint64) g_ascii_xdigit_value (*q) : (guint64) (*q - '0'));
          q++, digits++;
        }

      if (digits > 0 && q < end && *q == ';' && value > 0 &&
          g_unichar_validate ((gunichar) value) && value <= 0x10FFFF)
        {
          int n = g_unichar_to_utf8 ((gunichar) value, out);

          out[n] = '\0';
          return q + 1 - p;
        }
    }

  out[0] = '&';
  out[1] = '\0';
  return 1;
}

static gboolean
tag_is (const char *name,
        gsize       len,
        const char *wanted)
{
  return strlen (wanted) == len && g_ascii_strncasecmp (name, wanted, len) == 0;
}

static gboolean
tag_is_block (const char *name,
              gsize       len)
{
  static const char *blocks[] = { "p", "div", "ul", "ol", "table", "tr", "blockquote",
                                  "h1", "h2", "h3", "h4", "h5", "h6", "hr", "details",
                                  "summary", "section", "article" };

  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    if (tag_is (name, len, blocks[i]))
      return TRUE;

  return FALSE;
}

static void
flush_code (HtmlWriter *writer)
{
  if (writer->code->len == 0)
    return;

  if (writer->markdown && writer->pre_depth == 0 && writer->code_depth == 0 &&
      strchr (writer->code->str, '\n') != NULL)
    append_fence (writer->out, writer->code->str);
  else
    append_code_span (writer->out, writer->code->str);

  g_string_truncate (writer->code, 0);
}

static void
handle_tag (HtmlWriter *writer,
            const char *name,
            gsize       len,
            gboolean    closing)
{
  if (tag_is (name, len, "br"))
    line_break (writer);
  else if (tag_is (name, len, "pre"))
    {
      if (!closing)
        {
          if (writer->pre_depth++ == 0)
            {
              end_block (writer);
              g_string_truncate (writer->code, 0);
            }
        }
      else if (writer->pre_depth > 0 && --writer->pre_depth == 0)
        {
          if (writer->markdown)
            {
              end_block (writer);
              if (!_viva_import_is_blank_text (writer->code->str))
                append_fence (writer->out, writer->code->str);
              g_string_truncate (writer->code, 0);
            }
          else
            flush_code (writer);
        }
    }
  else if (tag_is (name, len, "code") && writer->pre_depth == 0)
    {
      if (!closing && writer->code_depth++ == 0)
        g_string_truncate (writer->code, 0);
      else if (closing && writer->code_depth > 0 && --writer->code_depth == 0)
        flush_code (writer);
    }
  else if (tag_is (name, len, "li") && !closing)
    {
      if (writer->markdown)
        {
          if (writer->out->len > 0 && writer->out->str[writer->out->len - 1] != '\n')
            g_string_append_c (writer->out, '\n');
          g_string_append (writer->out, "- ");
        }
      else
        end_block (writer);
    }
  else if (tag_is_block (name, len))
    end_block (writer);
}

/* Content HTML never shows; skipped to the closing tag. */
static const char *
skip_raw_element (const char *p,
                  const char *end,
                  const char *name)
{
  g_autofree char *closing = g_strdup_printf ("</%s", name);
  gsize n = strlen (closing);

  for (; p + n <= end; p++)
    if (g_ascii_strncasecmp (p, closing, n) == 0)
      {
        const char *gt = memchr (p, '>', end - p);

        return gt != NULL ? gt + 1 : end;
      }

  return end;
}

static char *
convert (const char *html,
         gsize       len,
         gboolean    markdown)
{
  HtmlWriter writer = { 0 };
  const char *p = html;
  const char *end = html + len;

  writer.out = g_string_sized_new (len + 16);
  writer.code = g_string_new (NULL);
  writer.markdown = markdown;

  while (p < end)
    {
      if (*p == '<' && p + 1 < end && p[1] == '!')
        {
          const char *close = NULL;

          if (end - p >= 4 && strncmp (p, "<!--", 4) == 0)
            {
              close = g_strstr_len (p + 4, end - p - 4, "-->");
              p = close != NULL ? close + 3 : end;
            }
          else
            {
              close = memchr (p, '>', end - p);
              p = close != NULL ? close + 1 : end;
            }
          continue;
        }

      if (*p == '<' && p + 1 < end && (g_ascii_isalpha (p[1]) || p[1] == '/'))
        {
          const char *gt = memchr (p, '>', end - p);
          gboolean closing = p[1] == '/';
          const char *name = p + (closing ? 2 : 1);
          gsize name_len = 0;

          if (gt == NULL)
            {
              append_text (&writer, p, 1);
              p++;
              continue;
            }

          while (name + name_len < gt && g_ascii_isalnum (name[name_len]))
            name_len++;

          if (!closing && (tag_is (name, name_len, "script") || tag_is (name, name_len, "style")))
            {
              g_autofree char *tag = g_ascii_strdown (name, name_len);

              p = skip_raw_element (gt + 1, end, tag);
              continue;
            }

          handle_tag (&writer, name, name_len, closing);
          p = gt + 1;
          continue;
        }

      if (*p == '&')
        {
          char decoded[8];
          gsize used = decode_entity (p, end, decoded);

          append_text (&writer, decoded, strlen (decoded));
          p += used;
          continue;
        }

      {
        const char *next = p + 1;

        while (next < end && *next != '<' && *next != '&')
          next++;
        append_text (&writer, p, next - p);
        p = next;
      }
    }

  writer.code_depth = 0;
  if (writer.pre_depth > 0)
    {
      writer.pre_depth = 0;
      if (markdown)
        {
          end_block (&writer);
          if (!_viva_import_is_blank_text (writer.code->str))
            append_fence (writer.out, writer.code->str);
          g_string_truncate (writer.code, 0);
        }
    }
  flush_code (&writer);
  g_string_free (writer.code, TRUE);

  trim_trailing_breaks (writer.out);
  while (writer.out->len > 0 && g_ascii_isspace (writer.out->str[0]))
    g_string_erase (writer.out, 0, 1);

  return g_string_free (writer.out, FALSE);
}

char *
_viva_import_html_to_inline (const char *html,
                             gsize       len)
{
  return convert (html, len, FALSE);
}

char *
_viva_import_html_to_markdown (const char *html,
                               gsize       len)
{
  return convert (html, len, TRUE);
}
