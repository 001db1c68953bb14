/* viva-markdown-writer.c
 *
 * Writing Markdown reports (mock interviews, live interviews) so that
 * neither text from a bank nor what the user typed can change the
 * report's structure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-markdown-writer.h"

/* Characters that mean something in Markdown inline text. A backslash
 * makes any ASCII punctuation literal in CommonMark, so escaping a few
 * too many costs only a backslash. */
static gboolean
needs_escape (char c)
{
  return strchr ("\\`*_[]<>#|~!&$", c) != NULL;
}

/* Appends one line of text from the bank (a title, a question) so that it
 * reads as the same plain text, whatever Markdown it looks like: inline
 * characters are escaped, and so is whatever would start a list, a
 * heading underline or a block quote at the start of the line. */
static void
append_escaped_line (GString    *out,
                     const char *line,
                     gsize       len)
{
  gsize start = 0;
  gsize digits = 0;

  /* Leading blanks would make an indented code block. */
  while (start < len && (line[start] == ' ' || line[start] == '\t'))
    start++;

  while (start + digits < len && g_ascii_isdigit (line[start + digits]))
    digits++;

  for (gsize i = start; i < len; i++)
    {
      char c = line[i];

      if (c == '\r' || c == '\n')
        c = ' ';

      if (needs_escape (c) ||
          (i == start && (c == '-' || c == '+' || c == '=')) ||
          (digits > 0 && i == start + digits && (c == '.' || c == ')')))
        g_string_append_c (out, '\\');

      g_string_append_c (out, c);
    }
}

/* Appends a single line of bank text (a title, a name) for headings,
 * table cells and list items, escaped so it reads as plain text. */
void
viva_markdown_append_escaped_inline (GString    *out,
                                     const char *text)
{
  append_escaped_line (out, text, strlen (text));
}

/* A question that spans lines keeps them, as hard line breaks (a
 * backslash at the end of a line); blank lines separate paragraphs. */
void
viva_markdown_append_escaped_paragraphs (GString    *out,
                                         const char *text)
{
  g_auto(GStrv) lines = NULL;
  gboolean in_paragraph = FALSE;
  gboolean pending_break = FALSE;

  lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (line[0] == '\0')
        {
          if (in_paragraph)
            pending_break = TRUE;
          in_paragraph = FALSE;
          continue;
        }

      if (in_paragraph)
        g_string_append (out, "\\\n");
      else if (pending_break)
        g_string_append (out, "\n\n");

      pending_break = FALSE;
      in_paragraph = TRUE;
      append_escaped_line (out, line, strlen (line));
    }

  g_string_append_c (out, '\n');
}

/* "\r\n" and lone "\r" become "\n", which Markdown reads the same. */
static char *
normalize_newlines (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 1);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          g_string_append_c (out, '\n');
          if (p[1] == '\n')
            p++;
        }
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static guint
longest_backtick_run (const char *text)
{
  guint longest = 0;
  guint run = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '`')
        {
          run++;
          longest = MAX (longest, run);
        }
      else
        run = 0;
    }

  return longest;
}

/**
 * viva_markdown_append_fenced:
 * @info: the fence's info string, e.g. "markdown" or "text"
 *
 * Appends @typed, as the user typed it, in a fenced block: nothing inside
 * a fence is Markdown, so a "###", a list or a "|" in it cannot become
 * part of the report's structure. The fence is longer than any run of
 * backticks in the text, so no line of it can close the fence.
 */
void
viva_markdown_append_fenced (GString    *out,
                             const char *typed,
                             const char *info)
{
  g_autofree char *text = normalize_newlines (typed);
  guint fence_len = MAX (3, longest_backtick_run (text) + 1);
  g_autofree char *fence = g_strnfill (fence_len, '`');

  g_string_append_printf (out, "%s%s\n", fence, info);
  g_string_append (out, text);
  if (text[0] != '\0' && text[strlen (text) - 1] != '\n')
    g_string_append_c (out, '\n');
  g_string_append_printf (out, "%s\n", fence);
}
