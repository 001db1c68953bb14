/* viva-interview-stamp.c
 *
 * The time stamps of an interviewer's notes. While the interviewer
 * types, every paragraph (a block of non-blank lines, between blank
 * lines) begins with the time into the interview when it was started:
 *
 *   [03:12] Knows list comprehensions; hesitated on generators.
 *
 *   [05:40] Good answer about the GIL.
 *
 * "[mm:ss] " under an hour, "[h:mm:ss] " past it, counted from the
 * start of the interview, pauses excluded, rounded down to the second.
 * The stamp is at the very beginning of the paragraph's first line. A
 * paragraph keeps the stamp it has (editing an old paragraph keeps its
 * time), so text that already begins with something shaped like a
 * stamp ("[12:05] ") is left as it is.
 *
 * A fenced code block (```python ... ```, as the live page's code pad
 * writes them) belongs to the paragraph it follows without a blank line,
 * blank lines inside it included, so that no stamp ever lands inside
 * code; a paragraph that begins with a fence is never stamped, as the
 * stamp would break the fence.
 *
 * Only paragraphs the edit touched are stamped: those outside the
 * paragraphs that the old and the new text share at their start and at
 * their end. Text that was there unstamped before (typed before the
 * interview started, or loaded) stays unstamped until it is edited.
 *
 * For a text view: viva_interview_stamp_paragraphs_full() also says
 * where each stamp goes, so the view can insert the stamps into its
 * buffer (from the last to the first, so that offsets stay valid)
 * instead of replacing the text, and its cursor and marks move with the
 * text. The offsets are in bytes of the new text; convert them with
 * g_utf8_pointer_to_offset() for a GtkTextBuffer.
 *
 * Plain functions of strings and a number, with no clock: the caller
 * passes viva_interview_get_elapsed().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "viva-interview.h"
#include "viva-markdown-fences.h"
#include "viva-markdown-writer.h"

typedef struct
{
  gsize    start;      /* first byte of the first line */
  gsize    end;        /* just after the last non-blank line, before its "\n" */
  gboolean fenced;     /* its first line opens a code fence: no stamp there */
} Paragraph;

static gboolean
line_is_blank (const char *line,
               gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r' &&
          line[i] != '\f' && line[i] != '\v')
        return FALSE;
    }

  return TRUE;
}

/* The paragraphs of @text, in order; a fenced code block goes on
 * through blank lines until its closing fence. */
static GArray *
split_paragraphs (const char *text)
{
  GArray *paragraphs = g_array_new (FALSE, FALSE, sizeof (Paragraph));
  gboolean inside = FALSE;
  gboolean in_fence = FALSE;
  VivaMarkdownFence fence = { 0 };
  Paragraph current = { 0, 0, FALSE };
  gsize pos = 0;

  if (text == NULL)
    return paragraphs;

  for (;;)
    {
      const char *nl = strchr (text + pos, '\n');
      gsize len = nl != NULL ? (gsize) (nl - (text + pos)) : strlen (text + pos);

      if (in_fence)
        {
          /* Code, blank or not, until the fence closes. */
          current.end = pos + len;
          if (viva_markdown_fence_closes (text + pos, len, &fence))
            in_fence = FALSE;
        }
      else if (line_is_blank (text + pos, len))
        {
          if (inside)
            g_array_append_val (paragraphs, current);
          inside = FALSE;
        }
      else
        {
          gboolean opens = viva_markdown_fence_opens (text + pos, len, &fence);

          if (!inside)
            {
              current.start = pos;
              current.fenced = opens;
            }
          current.end = pos + len;
          inside = TRUE;
          in_fence = opens;
        }

      if (nl == NULL)
        break;

      pos += len + 1;
    }

  if (inside)
    g_array_append_val (paragraphs, current);

  return paragraphs;
}

static gboolean
paragraphs_equal (const char      *a_text,
                  const Paragraph *a,
                  const char      *b_text,
                  const Paragraph *b)
{
  return a->end - a->start == b->end - b->start &&
         memcmp (a_text + a->start, b_text + b->start, a->end - a->start) == 0;
}

static gsize
parse_digits (const char *text,
              gsize       max_digits,
              gint64     *value)
{
  gsize n = 0;

  *value = 0;
  while (n < max_digits && g_ascii_isdigit (text[n]))
    {
      *value = *value * 10 + (text[n] - '0');
      n++;
    }

  return n;
}

/**
 * viva_interview_parse_stamp:
 * @text: the beginning of a paragraph
 * @out_elapsed: (out) (optional): the time it says, in microseconds
 *
 * Recognizes "[m:ss] ", "[mm:ss] " and "[h:mm:ss] " (any number of
 * leading digits up to 4, seconds and minutes below 60) at the very
 * start of @text.
 *
 * Returns: the length of the stamp with its space, or 0 when @text
 *   does not begin with one
 */
gsize
viva_interview_parse_stamp (const char *text,
                            gint64     *out_elapsed)
{
  gint64 parts[3];
  guint n_parts = 0;
  gsize pos;
  gsize n;

  g_return_val_if_fail (text != NULL, 0);

  if (text[0] != '[')
    return 0;

  pos = 1;
  n = parse_digits (text + pos, 4, &parts[n_parts]);
  if (n == 0)
    return 0;
  pos += n;
  n_parts++;

  while (text[pos] == ':' && n_parts < 3)
    {
      pos++;
      n = parse_digits (text + pos, 2, &parts[n_parts]);
      if (n != 2 || parts[n_parts] >= 60)
        return 0;
      pos += n;
      n_parts++;
    }

  if (n_parts < 2 || text[pos] != ']' || text[pos + 1] != ' ')
    return 0;

  if (out_elapsed != NULL)
    {
      gint64 seconds = 0;

      for (guint i = 0; i < n_parts; i++)
        seconds = seconds * 60 + parts[i];

      *out_elapsed = seconds * G_USEC_PER_SEC;
    }

  return pos + 2;
}

/**
 * viva_interview_format_stamp:
 * @elapsed_usec: time into the interview; negative counts as 0
 * @buf: where to write the stamp with its trailing space
 * @buf_len: at least %VIVA_INTERVIEW_STAMP_MAX_SIZE
 *
 * "[03:12] ", or "[1:03:12] " past an hour; rounded down to the second.
 */
void
viva_interview_format_stamp (gint64  elapsed_usec,
                             char   *buf,
                             gsize   buf_len)
{
  gint64 seconds = MAX (elapsed_usec, 0) / G_USEC_PER_SEC;
  gint64 hours = seconds / 3600;
  gint64 minutes = (seconds / 60) % 60;

  g_return_if_fail (buf != NULL);
  g_return_if_fail (buf_len >= VIVA_INTERVIEW_STAMP_MAX_SIZE);

  seconds %= 60;

  if (hours > 0)
    g_snprintf (buf, buf_len, "[%" G_GINT64_FORMAT ":%02d:%02d] ",
                hours, (int) minutes, (int) seconds);
  else
    g_snprintf (buf, buf_len, "[%02d:%02d] ", (int) minutes, (int) seconds);
}

/**
 * viva_interview_stamp_paragraphs_full:
 * @old_text: (nullable): the notes before the edit; %NULL for none,
 *   which stamps every paragraph
 * @new_text: the notes after it
 * @elapsed_usec: the time into the interview now
 * @out_insertions: (out) (optional) (element-type VivaStampInsertion):
 *   where the stamps go in @new_text, in increasing order; set to %NULL
 *   when nothing needs stamping
 *
 * Stamps the paragraphs of @new_text that the edit from @old_text
 * touched and that have no stamp yet (see the top of this file).
 *
 * Returns: (transfer full) (nullable): @new_text with the stamps, or
 *   %NULL when nothing needs stamping
 */
char *
viva_interview_stamp_paragraphs_full (const char  *old_text,
                                      const char  *new_text,
                                      gint64       elapsed_usec,
                                      GArray     **out_insertions)
{
  g_autoptr(GArray) old_paragraphs = NULL;
  g_autoptr(GArray) new_paragraphs = NULL;
  g_autoptr(GArray) insertions = NULL;
  GString *out;
  char stamp[VIVA_INTERVIEW_STAMP_MAX_SIZE];
  gsize stamp_len;
  guint n_old;
  guint n_new;
  guint prefix = 0;
  guint suffix = 0;
  gsize copied = 0;

  if (out_insertions != NULL)
    *out_insertions = NULL;

  g_return_val_if_fail (new_text != NULL, NULL);

  old_paragraphs = split_paragraphs (old_text);
  new_paragraphs = split_paragraphs (new_text);
  n_old = old_paragraphs->len;
  n_new = new_paragraphs->len;

  while (prefix < MIN (n_old, n_new) &&
         paragraphs_equal (old_text, &g_array_index (old_paragraphs, Paragraph, prefix),
                           new_text, &g_array_index (new_paragraphs, Paragraph, prefix)))
    prefix++;

  while (prefix + suffix < MIN (n_old, n_new) &&
         paragraphs_equal (old_text, &g_array_index (old_paragraphs, Paragraph, n_old - 1 - suffix),
                           new_text, &g_array_index (new_paragraphs, Paragraph, n_new - 1 - suffix)))
    suffix++;

  viva_interview_format_stamp (elapsed_usec, stamp, sizeof stamp);
  stamp_len = strlen (stamp);
  insertions = g_array_new (FALSE, FALSE, sizeof (VivaStampInsertion));

  for (guint i = prefix; i < n_new - suffix; i++)
    {
      const Paragraph *p = &g_array_index (new_paragraphs, Paragraph, i);

      if (!p->fenced && viva_interview_parse_stamp (new_text + p->start, NULL) == 0)
        {
          VivaStampInsertion insertion = { p->start, stamp_len };

          g_array_append_val (insertions, insertion);
        }
    }

  if (insertions->len == 0)
    return NULL;

  out = g_string_sized_new (strlen (new_text) + insertions->len * stamp_len);
  for (guint i = 0; i < insertions->len; i++)
    {
      const VivaStampInsertion *insertion = &g_array_index (insertions, VivaStampInsertion, i);

      g_string_append_len (out, new_text + copied, insertion->offset - copied);
      g_string_append (out, stamp);
      copied = insertion->offset;
    }
  g_string_append (out, new_text + copied);

  if (out_insertions != NULL)
    *out_insertions = g_steal_pointer (&insertions);

  return g_string_free (out, FALSE);
}

/**
 * viva_interview_stamp_paragraphs:
 *
 * viva_interview_stamp_paragraphs_full() without the insertions.
 *
 * Returns: (transfer full) (nullable): @new_text with the stamps, or
 *   %NULL when nothing needs stamping
 */
char *
viva_interview_stamp_paragraphs (const char *old_text,
                                 const char *new_text,
                                 gint64      elapsed_usec)
{
  return viva_interview_stamp_paragraphs_full (old_text, new_text, elapsed_usec, NULL);
}

/* Code runs in the notes */

/* @text whole if it fits in @max_bytes and @max_lines, else its
 * beginning, cut at a line end where there is one, with a last line
 * that says how much is left out; @comment comes before that line
 * ("# " in Python, so that the code still reads as code). */
static char *
cut_text (const char *text,
          gsize       max_bytes,
          guint       max_lines,
          const char *comment)
{
  gsize len = strlen (text);
  gsize keep = 0;
  guint lines = 0;
  g_autofree char *rest = NULL;
  GString *out;

  while (keep < len && keep < max_bytes && lines < max_lines)
    {
      const char *nl = memchr (text + keep, '\n', len - keep);
      gsize next = nl != NULL ? (gsize) (nl - text) + 1 : len;

      if (next > max_bytes)
        {
          /* A line longer than what is left: cut inside it, on a
           * character's boundary. */
          if (keep == 0)
            keep = (gsize) (g_utf8_find_prev_char (text, text + max_bytes + 1) - text);
          break;
        }

      keep = next;
      lines++;
    }

  if (keep >= len)
    return g_strdup (text);

  out = g_string_new_len (text, (gssize) keep);
  if (out->len > 0 && out->str[out->len - 1] != '\n')
    g_string_append_c (out, '\n');

  rest = g_format_size (len - keep);
  g_string_append (out, comment);
  /* Translators: the end of code or output cut short in the interview
   * notes; %s is a size, "12.3 kB" */
  g_string_append_printf (out, _("… (%s more not shown)"), rest);
  g_string_append_c (out, '\n');

  return g_string_free (out, FALSE);
}

/**
 * viva_interview_format_code_run:
 * @elapsed_usec: when the run began, into the interview
 * @summary: how it went, on one line: "Finished.", "3 of 5 tests passed"
 * @code: the code that ran
 * @output: (nullable): what it printed, or its tests' results, a line
 *   each; %NULL or "" for nothing
 *
 * The paragraph the live page's code pad adds to a question's notes:
 *
 *   [12:05] Ran the code: 3 of 5 tests passed
 *   ```python
 *   def add(a, b):
 *   ...
 *   ```
 *   ```text
 *   ...
 *   ```
 *
 * The code in a python fence and the output in a text fence, each fence
 * longer than any backtick run inside it, so nothing they hold can end
 * them; the code and the output are cut past
 * %VIVA_INTERVIEW_RUN_CODE_MAX_SIZE and %VIVA_INTERVIEW_RUN_OUTPUT_MAX_SIZE
 * or %VIVA_INTERVIEW_RUN_OUTPUT_MAX_LINES. There is no blank line outside
 * the fences, so that the stamps read it as one paragraph, whose stamp it
 * already has.
 *
 * Returns: (transfer full): the paragraph, without a final line end
 */
char *
viva_interview_format_code_run (gint64      elapsed_usec,
                                const char *summary,
                                const char *code,
                                const char *output)
{
  char stamp[VIVA_INTERVIEW_STAMP_MAX_SIZE];
  g_autofree char *flat = NULL;
  g_autofree char *kept_code = NULL;
  GString *out;

  g_return_val_if_fail (summary != NULL, NULL);
  g_return_val_if_fail (code != NULL, NULL);

  flat = g_strdup (summary);
  g_strdelimit (flat, "\r\n\t", ' ');
  g_strstrip (flat);

  viva_interview_format_stamp (elapsed_usec, stamp, sizeof stamp);
  out = g_string_new (stamp);
  /* Translators: the start of what the code pad adds to the interview
   * notes after a run; %s says how it went: "Finished.",
   * "3 of 5 tests passed" */
  g_string_append_printf (out, _("Ran the code: %s"), flat);
  g_string_append_c (out, '\n');

  kept_code = cut_text (code, VIVA_INTERVIEW_RUN_CODE_MAX_SIZE, G_MAXUINT, "# ");
  viva_markdown_append_fenced (out, kept_code, "python");

  if (output != NULL && output[0] != '\0')
    {
      g_autofree char *kept_output = cut_text (output, VIVA_INTERVIEW_RUN_OUTPUT_MAX_SIZE,
                                               VIVA_INTERVIEW_RUN_OUTPUT_MAX_LINES, "");

      viva_markdown_append_fenced (out, kept_output, "text");
    }

  /* No final line end: the caller decides what follows. */
  g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

/**
 * viva_interview_dup_paragraph_separator:
 * @notes: a question's notes
 *
 * What goes between @notes and a paragraph added at their end, such as
 * viva_interview_format_code_run()'s: a blank line, none when the notes
 * are empty or already end with one, and before it the closing fence of
 * a code block left open at the end of the notes, which would otherwise
 * swallow the paragraph.
 *
 * Returns: (transfer full): the separator, maybe ""
 */
char *
viva_interview_dup_paragraph_separator (const char *notes)
{
  g_autoptr(GArray) spans = NULL;
  GString *out;
  gsize len;

  g_return_val_if_fail (notes != NULL, NULL);

  len = strlen (notes);
  if (len == 0)
    return g_strdup ("");

  out = g_string_new (NULL);
  spans = viva_markdown_split_fences (notes);

  if (spans->len > 0)
    {
      const VivaMarkdownSpan *last = &g_array_index (spans, VivaMarkdownSpan, spans->len - 1);
      const char *line = notes + last->start;
      const char *nl = strchr (line, '\n');
      VivaMarkdownFence fence;

      if (last->code && !last->closed &&
          viva_markdown_fence_opens (line, nl != NULL ? (gsize) (nl - line) : strlen (line), &fence))
        {
          if (notes[len - 1] != '\n')
            g_string_append_c (out, '\n');
          for (guint i = 0; i < fence.length; i++)
            g_string_append_c (out, fence.marker);
          g_string_append (out, "\n\n");

          return g_string_free (out, FALSE);
        }
    }

  /* Up to a blank line. */
  if (notes[len - 1] != '\n')
    g_string_append (out, "\n\n");
  else if (len < 2 || notes[len - 2] != '\n')
    g_string_append_c (out, '\n');

  return g_string_free (out, FALSE);
}
