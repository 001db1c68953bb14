/* viva-import-markdown.c
 *
 * The Markdown shapes public question lists are written in:
 *
 *   ## 12. What is a decorator?        numbered headings, answer below
 *   ## Q. What is a decorator?         headings with a Q prefix
 *   ### Q3: What is a decorator?
 *   <details><summary>What is…?</summary> answer </details>
 *   1. What is a decorator?            a list, no answers
 *
 * The file is read line by line rather than through md4c's events: what
 * decides the shape is where headings, list items and <details> tags
 * start, outside fenced code, and md4c splits <details> blocks at blank
 * lines into HTML and Markdown blocks that line offsets join again. The
 * answers, cut from the source, become Viva's Markdown later
 * (viva_answer_normalize(), through the bank draft), which drops their
 * HTML and demotes their headings.
 *
 * Questions are the headings of one level and pattern: per level, the
 * numbered headings with distinct numbers ("#### 1." restarting under
 * every question is the answers' own list) and the Q-prefixed ones; the
 * most wins, the prefix on a tie. Headings above the questions become
 * levels and topics where they nest two deep, topics of one level where
 * they are one deep.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "viva-import-private.h"

#define MAX_HEADING_LEVEL 6

typedef enum
{
  MATCH_NONE,
  MATCH_EMPTY,      /* the prefix alone: "## 12." */
  MATCH_QUESTION,
} MatchKind;

typedef enum
{
  PATTERN_NUMBERED,
  PATTERN_PREFIXED,
  N_PATTERNS,
} Pattern;

typedef struct
{
  guint  level;
  gsize  start;         /* the line's first byte */
  gsize  next;          /* the byte after the line */
  char  *text;          /* Markdown inline, HTML, links and anchors gone */
  guint  line;
} Heading;

typedef enum
{
  TAG_DETAILS_OPEN,
  TAG_DETAILS_CLOSE,
  TAG_SUMMARY_OPEN,
  TAG_SUMMARY_CLOSE,
} TagKind;

typedef struct
{
  TagKind kind;
  gsize   start;        /* the "<" */
  gsize   end;          /* after the ">" */
  guint   line;
  guint   heading;      /* headings seen before it */
} Tag;

typedef struct
{
  gsize  start;         /* the item's text */
  gsize  end;
  guint  ordinal;       /* 0: a bullet */
  guint  line;
  guint  heading;       /* headings seen before it */
} ListItem;

typedef struct
{
  const VivaImportInput *input;
  GArray                *headings;   /* Heading */
  GArray                *tags;       /* Tag */
  GArray                *items;      /* ListItem */
  int                    title;      /* the heading that titles the file, or -1 */
  gsize                  item_indent; /* where the last top item's text starts */
} Scan;

static void
heading_clear (Heading *heading)
{
  g_free (heading->text);
}

/* Markdown inline with what a bank cannot hold taken out: HTML tags
 * (anchors, <img>, <br>, a hostile <script>), images, links (their text
 * is kept), "{#anchor}" ids. Code spans are kept as written. */
static char *
dup_clean_inline (const char *text,
                  gsize       len)
{
  GString *out = g_string_sized_new (len);
  const char *p = text;
  const char *end = text + len;

  while (p < end)
    {
      if (*p == '`')
        {
          const char *q = p;
          gsize run;
          const char *close = NULL;

          while (q < end && *q == '`')
            q++;
          run = q - p;

          for (const char *r = q; r < end; r++)
            if (*r == '`')
              {
                const char *s = r;

                while (s < end && *s == '`')
                  s++;
                if ((gsize) (s - r) == run)
                  {
                    close = s;
                    break;
                  }
                r = s - 1;
              }

          if (close != NULL)
            {
              g_string_append_len (out, p, close - p);
              p = close;
            }
          else
            {
              g_string_append_len (out, p, run);
              p = q;
            }
          continue;
        }

      if (*p == '\\' && p + 1 < end)
        {
          g_string_append_len (out, p, 2);
          p += 2;
          continue;
        }

      if (*p == '<' && p + 1 < end && (g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '!'))
        {
          const char *gt = memchr (p, '>', end - p);

          if (gt != NULL)
            {
              g_autofree char *name = g_ascii_strdown (p + 1, MIN ((gsize) 6, (gsize) (gt - p - 1)));

              /* A script's content is no more text than its tags. */
              if (g_str_has_prefix (name, "script") || g_str_has_prefix (name, "style"))
                {
                  const char *close = g_strstr_len (gt, end - gt, "</");

                  gt = close != NULL ? memchr (close, '>', end - close) : NULL;
                  if (gt == NULL)
                    gt = end - 1;
                }
              p = gt + 1;
              continue;
            }
        }

      if ((*p == '[' || (*p == '!' && p + 1 < end && p[1] == '[')))
        {
          gboolean image = *p == '!';
          const char *open = image ? p + 1 : p;
          const char *close = memchr (open, ']', end - open);

          if (close != NULL && close + 1 < end && close[1] == '(')
            {
              const char *paren = NULL;
              guint depth = 0;

              /* "(javascript:alert(1))": parentheses nest in the URL. */
              for (const char *q = close + 1; q < end && paren == NULL; q++)
                if (*q == '(')
                  depth++;
                else if (*q == ')' && --depth == 0)
                  paren = q;

              if (paren != NULL)
                {
                  if (!image)
                    {
                      g_autofree char *inner = dup_clean_inline (open + 1, close - open - 1);

                      g_string_append (out, inner);
                    }
                  p = paren + 1;
                  continue;
                }
            }
        }

      if (*p == '{' && p + 1 < end && p[1] == '#')
        {
          const char *close = memchr (p, '}', end - p);

          if (close != NULL)
            {
              p = close + 1;
              continue;
            }
        }

      g_string_append_c (out, *p);
      p++;
    }

  g_strstrip (out->str);

  return g_string_free (out, FALSE);
}

/* "1. What…", "12) What…", "3: What…" */
static MatchKind
match_numbered (const char  *text,
                guint64     *number,
                const char **rest)
{
  const char *p = text;
  char *end = NULL;

  /* "**1. What…**" as some lists bold their headings. */
  while (*p == '*' || *p == '_')
    p++;

  if (!g_ascii_isdigit (*p))
    return MATCH_NONE;

  *number = g_ascii_strtoull (p, &end, 10);
  p = end;
  if (*p == '\\')
    p++;
  if (*p != '.' && *p != ')' && *p != ':')
    return MATCH_NONE;
  p++;
  if (*p != '\0' && !g_ascii_isspace (*p))
    return MATCH_NONE;
  while (g_ascii_isspace (*p))
    p++;

  *rest = p;
  return *p == '\0' || strspn (p, "*_ ") == strlen (p) ? MATCH_EMPTY : MATCH_QUESTION;
}

/* "Q. What…", "Q1: What…", "Question 3 - What…", any case. */
static MatchKind
match_prefixed (const char  *text,
                guint64     *number,
                const char **rest)
{
  const char *p = text;

  while (*p == '*' || *p == '_')
    p++;

  if (*p != 'Q' && *p != 'q')
    return MATCH_NONE;
  p++;
  if (g_ascii_strncasecmp (p, "uestion", 7) == 0)
    p += 7;
  while (*p == ' ')
    p++;

  *number = 0;
  if (g_ascii_isdigit (*p))
    {
      char *end = NULL;

      *number = g_ascii_strtoull (p, &end, 10);
      p = end;
    }
  while (*p == ' ')
    p++;
  if (*p == '\\')
    p++;
  if (*p != '.' && *p != ':' && *p != ')' && *p != '-')
    return MATCH_NONE;
  p++;
  while (*p == '*' || *p == '_')
    p++;
  while (g_ascii_isspace (*p))
    p++;

  *rest = p;
  return *p == '\0' || strspn (p, "*_ ") == strlen (p) ? MATCH_EMPTY : MATCH_QUESTION;
}

static MatchKind
match_pattern (Pattern      pattern,
               const char  *text,
               guint64     *number,
               const char **rest)
{
  if (pattern == PATTERN_NUMBERED)
    return match_numbered (text, number, rest);

  return match_prefixed (text, number, rest);
}

/* The text after the prefix, with the emphasis that wrapped the whole
 * heading ("**1. What…?**") taken off both ends. */
static char *
dup_question_text (const char *rest,
                   const char *heading_text)
{
  gsize lead = 0;
  gsize len = strlen (rest);

  while (heading_text[lead] == '*' || heading_text[lead] == '_')
    lead++;
  while (lead > 0 && len > 0 && (rest[len - 1] == '*' || rest[len - 1] == '_'))
    len--, lead--;

  return g_strstrip (g_strndup (rest, len));
}

/* An ATX heading: up to three spaces, one to six "#", a space or the
 * end of the line. */
static guint
heading_level (const char *line,
               gsize       len,
               gsize      *content)
{
  gsize i = 0;
  guint level = 0;

  while (i < len && i < 3 && line[i] == ' ')
    i++;
  while (i < len && line[i] == '#' && level <= MAX_HEADING_LEVEL)
    i++, level++;

  if (level == 0 || level > MAX_HEADING_LEVEL)
    return 0;
  if (i < len && line[i] != ' ' && line[i] != '\t')
    return 0;

  *content = i;
  return level;
}

/* The fence a line opens or closes: "```" or "~~~", three or more. */
static gboolean
fence_at (const char *line,
          gsize       len,
          char       *fence_char,
          gsize      *fence_len)
{
  gsize i = 0;
  gsize n = 0;

  while (i < len && i < 3 && line[i] == ' ')
    i++;
  if (i >= len || (line[i] != '`' && line[i] != '~'))
    return FALSE;

  *fence_char = line[i];
  while (i + n < len && line[i + n] == *fence_char)
    n++;
  *fence_len = n;

  return n >= 3;
}

static void
scan_tags (Scan       *scan,
           gsize       line_start,
           gsize       len,
           guint       line)
{
  const char *text = scan->input->text + line_start;
  const char *p = text;
  const char *end = text + len;

  while (p < end && (p = memchr (p, '<', end - p)) != NULL)
    {
      static const struct { const char *name; TagKind kind; } names[] = {
        { "<details", TAG_DETAILS_OPEN }, { "</details", TAG_DETAILS_CLOSE },
        { "<summary", TAG_SUMMARY_OPEN }, { "</summary", TAG_SUMMARY_CLOSE },
      };
      const char *next = p + 1;

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          gsize n = strlen (names[i].name);

          if ((gsize) (end - p) > n && g_ascii_strncasecmp (p, names[i].name, n) == 0 &&
              (p[n] == '>' || g_ascii_isspace (p[n])))
            {
              const char *gt = memchr (p, '>', end - p);
              Tag tag = { names[i].kind, p - scan->input->text,
                          (gt != NULL ? gt + 1 : end) - scan->input->text,
                          line, scan->headings->len };

              g_array_append_val (scan->tags, tag);
              /* Tags never overlap: a "<" inside this one (an unclosed
               * "<summary text</summary>") is not another tag, or the
               * summary's text would end before it starts. */
              next = gt != NULL ? gt + 1 : end;
              break;
            }
        }

      p = next;
    }
}

/* A list item at the top: "- ", "* ", "+ ", "1. ", "1) ", indented less
 * than the text of the item before it (else it is nested in that one). */
static void
scan_list_item (Scan       *scan,
                gsize       line_start,
                gsize       len,
                guint       line)
{
  const char *text = scan->input->text + line_start;
  ListItem item = { 0 };
  gsize i = 0;
  gsize indent;

  while (i < len && text[i] == ' ')
    i++;
  indent = i;
  if (i >= len)
    return;

  /* A line of text at the margin ends the list. */
  if (indent == 0)
    scan->item_indent = G_MAXSIZE;
  if (indent > 3 || indent >= scan->item_indent)
    return;

  if ((text[i] == '-' || text[i] == '*' || text[i] == '+') && i + 1 < len && text[i + 1] == ' ')
    i += 2;
  else if (g_ascii_isdigit (text[i]))
    {
      guint64 value = 0;
      guint digits = 0;

      while (i < len && g_ascii_isdigit (text[i]) && digits < 9)
        value = value * 10 + (text[i++] - '0'), digits++;
      if (i + 1 >= len || (text[i] != '.' && text[i] != ')') || text[i + 1] != ' ')
        return;
      i += 2;
      item.ordinal = (guint) MAX (value, 1);
    }
  else
    return;

  while (i < len && text[i] == ' ')
    i++;
  if (i >= len)
    return;

  scan->item_indent = i;
  item.start = line_start + i;
  item.end = line_start + len;
  item.line = line;
  item.heading = scan->headings->len;
  g_array_append_val (scan->items, item);
}

static gboolean
scan_lines (Scan    *scan,
            GError **error)
{
  const VivaImportInput *input = scan->input;
  const char *text = input->text;
  gsize offset = 0;
  guint line = 0;
  char fence_char = 0;
  gsize fence_len = 0;
  gboolean in_fence = FALSE;

  while (offset < input->len)
    {
      const char *eol = memchr (text + offset, '\n', input->len - offset);
      gsize len = eol != NULL ? (gsize) (eol - text - offset) : input->len - offset;
      gsize next = offset + len + (eol != NULL ? 1 : 0);
      char c = 0;
      gsize n = 0;
      gsize content = 0;
      guint level;

      line++;
      if (line % 1000 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (input->cancellable, error))
            return FALSE;
          _viva_import_report_progress (input, offset / 2);
        }

      if (fence_at (text + offset, len, &c, &n))
        {
          if (!in_fence)
            {
              in_fence = TRUE;
              fence_char = c;
              fence_len = n;
              offset = next;
              continue;
            }
          if (c == fence_char && n >= fence_len)
            {
              in_fence = FALSE;
              offset = next;
              continue;
            }
        }

      if (in_fence)
        {
          offset = next;
          continue;
        }

      level = heading_level (text + offset, len, &content);
      if (level > 0)
        {
          g_autofree char *raw = g_strndup (text + offset + content, len - content);
          gsize raw_len;
          Heading heading = { level, offset, next, NULL, line };

          /* The closing sequence: "## Title ##". */
          g_strchomp (raw);
          raw_len = strlen (raw);
          while (raw_len > 0 && raw[raw_len - 1] == '#')
            raw_len--;
          if (raw_len > 0 && raw_len < strlen (raw) && raw[raw_len - 1] != ' ')
            raw_len = strlen (raw);

          heading.text = dup_clean_inline (raw, raw_len);
          g_array_append_val (scan->headings, heading);
          scan->item_indent = G_MAXSIZE;
        }
      else
        scan_list_item (scan, offset, len, line);

      scan_tags (scan, offset, len, line);
      offset = next;
    }

  return TRUE;
}

/* The level and pattern of the question headings: most questions wins,
 * the prefix on a tie, the shallower level on a tie of one pattern. */
static gboolean
choose_question_headings (Scan    *scan,
                          guint   *out_level,
                          Pattern *out_pattern,
                          guint   *out_count)
{
  guint best_count = 0;
  guint best_level = 0;
  Pattern best_pattern = PATTERN_NUMBERED;

  for (guint level = 1; level <= MAX_HEADING_LEVEL; level++)
    for (Pattern pattern = 0; pattern < N_PATTERNS; pattern++)
      {
        g_autoptr(GHashTable) numbers = g_hash_table_new (NULL, NULL);
        guint count = 0;

        for (guint i = 0; i < scan->headings->len; i++)
          {
            Heading *heading = &g_array_index (scan->headings, Heading, i);
            guint64 number = 0;
            const char *rest = NULL;

            if (heading->level != level || (int) i == scan->title)
              continue;
            if (match_pattern (pattern, heading->text, &number, &rest) == MATCH_NONE)
              continue;

            /* Numbers that restart are the answers' own numbered
             * sub-headings, not questions. */
            if (pattern == PATTERN_NUMBERED)
              {
                if (!g_hash_table_contains (numbers, GSIZE_TO_POINTER ((gsize) number)))
                  count++;
                g_hash_table_add (numbers, GSIZE_TO_POINTER ((gsize) number));
              }
            else
              count++;
          }

        if (count > best_count ||
            (count == best_count && count > 0 && pattern == PATTERN_PREFIXED &&
             best_pattern == PATTERN_NUMBERED))
          {
            best_count = count;
            best_level = level;
            best_pattern = pattern;
          }
      }

  *out_level = best_level;
  *out_pattern = best_pattern;
  *out_count = best_count;

  return best_count >= 2;
}

/* The file's title: a first heading of level 1 that is the only one. */
static void
find_title (Scan *scan)
{
  guint n_h1 = 0;

  scan->title = -1;

  for (guint i = 0; i < scan->headings->len; i++)
    if (g_array_index (scan->headings, Heading, i).level == 1)
      n_h1++;

  if (n_h1 == 1 && scan->headings->len > 0 &&
      g_array_index (scan->headings, Heading, 0).level == 1)
    scan->title = 0;
}

typedef struct
{
  guint  line;
  int    ancestors[MAX_HEADING_LEVEL + 1];   /* heading index per level, -1 */
  guint  number;
  char  *text;
  char  *answer;
} Found;

static void
found_clear (Found *found)
{
  g_free (found->text);
  g_free (found->answer);
}

/* The headings above what follows heading @n_headings - 1, kept as a
 * stack per level that callers walking the file in order advance from
 * @cursor, so that the whole walk stays linear. */
static void
advance_ancestors (Scan  *scan,
                   guint  n_headings,
                   guint *cursor,
                   int    stack[MAX_HEADING_LEVEL + 1])
{
  for (; *cursor < n_headings && *cursor < scan->headings->len; (*cursor)++)
    {
      Heading *heading = &g_array_index (scan->headings, Heading, *cursor);

      if ((int) *cursor == scan->title)
        continue;
      stack[heading->level] = *cursor;
      for (guint l = heading->level + 1; l <= MAX_HEADING_LEVEL; l++)
        stack[l] = -1;
    }
}

static void
clear_ancestors (int stack[MAX_HEADING_LEVEL + 1])
{
  for (guint l = 0; l <= MAX_HEADING_LEVEL; l++)
    stack[l] = -1;
}

/* A line of "↥ back to top" links, Markdown or HTML: navigation, not
 * part of the answer. */
static gboolean
is_back_to_top_line (const char *line,
                     gsize       len)
{
  g_autofree char *lower = g_ascii_strdown (line, len);

  return strstr (lower, "top") != NULL &&
         (strstr (lower, "](#") != NULL || strstr (lower, "href=\"#") != NULL);
}

static char *
dup_answer (const char *text,
            gsize       start,
            gsize       end)
{
  GString *out;
  gsize p = start;

  if (end <= start)
    return NULL;

  out = g_string_sized_new (end - start);
  while (p < end)
    {
      const char *eol = memchr (text + p, '\n', end - p);
      gsize len = eol != NULL ? (gsize) (eol - text - p) : end - p;

      if (!is_back_to_top_line (text + p, len))
        {
          g_string_append_len (out, text + p, len);
          g_string_append_c (out, '\n');
        }
      p += len + 1;
    }

  /* "<br>" or "</b></details>" alone is no answer: what a reader would
   * see decides, HTML aside. */
  {
    g_autofree char *seen = _viva_import_html_to_inline (out->str, out->len);

    if (_viva_import_is_blank_text (seen))
      {
        g_string_free (out, TRUE);
        return NULL;
      }
  }

  return g_string_free (out, FALSE);
}

static gboolean
read_headings (Scan     *scan,
               guint     qlevel,
               Pattern   pattern,
               GArray   *found,
               guint    *n_empty,
               guint    *first_empty)
{
  int stack[MAX_HEADING_LEVEL + 1];
  gboolean numbered = FALSE;

  clear_ancestors (stack);

  for (guint i = 0; i < scan->headings->len; i++)
    {
      Heading *heading = &g_array_index (scan->headings, Heading, i);
      guint64 number = 0;
      const char *rest = NULL;
      MatchKind match;
      Found question = { 0 };
      gsize answer_end = scan->input->len;

      if ((int) i == scan->title)
        continue;

      if (heading->level < qlevel)
        {
          stack[heading->level] = i;
          for (guint l = heading->level + 1; l <= MAX_HEADING_LEVEL; l++)
            stack[l] = -1;
          continue;
        }

      if (heading->level != qlevel)
        continue;

      match = match_pattern (pattern, heading->text, &number, &rest);
      if (match == MATCH_EMPTY)
        {
          if ((*n_empty)++ == 0)
            *first_empty = heading->line;
          continue;
        }
      if (match == MATCH_NONE)
        continue;

      for (guint j = i + 1; j < scan->headings->len; j++)
        if (g_array_index (scan->headings, Heading, j).level <= qlevel)
          {
            answer_end = g_array_index (scan->headings, Heading, j).start;
            break;
          }

      question.line = heading->line;
      memcpy (question.ancestors, stack, sizeof stack);
      question.number = number > G_MAXUINT ? G_MAXUINT : (guint) number;
      question.text = dup_question_text (rest, heading->text);
      question.answer = dup_answer (scan->input->text, heading->next, answer_end);
      if (number > 0)
        numbered = TRUE;
      g_array_append_val (found, question);
    }

  return numbered;
}

/* The number a summary may start with, taken off its text. */
static char *
dup_summary_text (const char *html,
                  gsize       len,
                  guint      *number)
{
  g_autofree char *text = _viva_import_html_to_inline (html, len);
  g_autofree char *unescaped = g_strcompress (text);
  guint64 value = 0;
  const char *rest = NULL;

  *number = 0;

  /* The inline text escapes "1." as "1\."; match on it unescaped and
   * cut the escaped text at the same place. */
  if (match_numbered (unescaped, &value, &rest) == MATCH_QUESTION ||
      match_prefixed (unescaped, &value, &rest) == MATCH_QUESTION)
    {
      *number = value > G_MAXUINT ? G_MAXUINT : (guint) value;
      return _viva_import_escape_inline (rest, strlen (rest));
    }

  return g_steal_pointer (&text);
}

static gboolean
read_details (Scan   *scan,
              GArray *found,
              guint  *n_empty,
              guint  *first_empty)
{
  const char *text = scan->input->text;
  gboolean numbered = FALSE;
  int stack[MAX_HEADING_LEVEL + 1];
  guint cursor = 0;

  clear_ancestors (stack);

  for (guint i = 0; i < scan->tags->len; i++)
    {
      Tag *open = &g_array_index (scan->tags, Tag, i);
      Tag *summary_open = NULL;
      Tag *summary_close = NULL;
      gsize answer_start;
      gsize answer_end = scan->input->len;
      guint depth = 1;
      guint j;
      Found question = { 0 };

      if (open->kind != TAG_DETAILS_OPEN)
        continue;

      for (j = i + 1; j < scan->tags->len && depth > 0; j++)
        {
          Tag *tag = &g_array_index (scan->tags, Tag, j);

          if (tag->kind == TAG_DETAILS_OPEN)
            depth++;
          else if (tag->kind == TAG_DETAILS_CLOSE && --depth == 0)
            answer_end = tag->start;
          else if (depth == 1 && tag->kind == TAG_SUMMARY_OPEN && summary_open == NULL)
            summary_open = tag;
          else if (depth == 1 && tag->kind == TAG_SUMMARY_CLOSE && summary_open != NULL &&
                   summary_close == NULL)
            summary_close = tag;
        }

      /* The next question starts after this one ends: a <details> in an
       * answer is part of it. */
      i = j - 1;

      if (summary_open == NULL || summary_close == NULL)
        continue;

      question.text = dup_summary_text (text + summary_open->end,
                                        summary_close->start - summary_open->end,
                                        &question.number);
      if (_viva_import_is_blank_text (question.text))
        {
          g_free (question.text);
          if ((*n_empty)++ == 0)
            *first_empty = summary_open->line;
          continue;
        }

      answer_start = summary_close->end;
      question.line = summary_open->line;
      question.answer = dup_answer (text, answer_start, MAX (answer_start, answer_end));
      if (question.number > 0)
        numbered = TRUE;
      advance_ancestors (scan, open->heading, &cursor, stack);
      memcpy (question.ancestors, stack, sizeof stack);
      g_array_append_val (found, question);
    }

  return numbered;
}

/* A table of contents ("[Decorators](#decorators)") or a list of links
 * is navigation, not questions. */
static gboolean
is_link_item (const char *text,
              gsize       len)
{
  const char *close;

  if (len < 4 || text[0] != '[')
    return FALSE;

  close = memchr (text, ']', len);
  if (close == NULL || close + 1 >= text + len || close[1] != '(')
    return FALSE;

  close = memchr (close, ')', text + len - close);
  if (close == NULL)
    return FALSE;

  for (close++; close < text + len; close++)
    if (!g_ascii_isspace (*close))
      return FALSE;

  return TRUE;
}

static gboolean
read_list (Scan   *scan,
           GArray *found)
{
  g_autoptr(GHashTable) ordinals = g_hash_table_new (NULL, NULL);
  gboolean all_ordered = TRUE;
  guint n_questions = 0;
  int stack[MAX_HEADING_LEVEL + 1];
  guint cursor = 0;

  clear_ancestors (stack);

  for (guint i = 0; i < scan->items->len; i++)
    {
      ListItem *item = &g_array_index (scan->items, ListItem, i);
      const char *text = scan->input->text + item->start;
      gsize len = item->end - item->start;
      Found question = { 0 };

      if (is_link_item (text, len) || is_back_to_top_line (text, len))
        continue;

      question.text = dup_clean_inline (text, len);
      if (_viva_import_is_blank_text (question.text))
        {
          g_free (question.text);
          continue;
        }

      if (strchr (question.text, '?') != NULL)
        n_questions++;
      if (item->ordinal == 0 || g_hash_table_contains (ordinals, GUINT_TO_POINTER (item->ordinal)))
        all_ordered = FALSE;
      g_hash_table_add (ordinals, GUINT_TO_POINTER (item->ordinal));

      question.number = item->ordinal;
      question.line = item->line;
      advance_ancestors (scan, item->heading, &cursor, stack);
      memcpy (question.ancestors, stack, sizeof stack);
      g_array_append_val (found, question);
    }

  /* Any document has lists: a list is read as questions when there are
   * at least two and a third of them ask something. */
  if (found->len < 2 || n_questions * 3 < found->len)
    {
      g_array_set_size (found, 0);
      return FALSE;
    }

  /* Numbers restarting in every section are the list's, not the
   * questions'. */
  if (!all_ordered)
    for (guint i = 0; i < found->len; i++)
      g_array_index (found, Found, i).number = 0;

  return TRUE;
}

/* A section's name without its own number ("1. Python Basics") or the
 * emoji shortcode GitHub shows as a picture (":baby: Beginner"). */
static char *
dup_section_name (Heading *heading)
{
  guint64 number = 0;
  const char *rest = heading->text;

  if (match_numbered (heading->text, &number, &rest) != MATCH_QUESTION)
    rest = heading->text;

  while (rest[0] == ':')
    {
      const char *close = rest + 1;

      while (g_ascii_isalnum (*close) || *close == '_' || *close == '+' || *close == '-')
        close++;
      if (*close != ':' || close == rest + 1)
        break;
      rest = close + 1;
      while (*rest == ' ')
        rest++;
    }

  return g_strdup (*rest != '\0' ? rest : heading->text);
}

/* Levels and topics from the headings above the questions: the two
 * shallowest layers that hold questions. */
static void
build_result (Scan             *scan,
              VivaImportResult *result,
              GArray           *found)
{
  gboolean used[MAX_HEADING_LEVEL + 1] = { FALSE };
  int layers[2] = { -1, -1 };
  guint n_layers = 0;
  int default_level = -1;
  g_autofree char *notice = NULL;

  for (guint i = 0; i < found->len; i++)
    for (guint l = 1; l <= MAX_HEADING_LEVEL; l++)
      if (g_array_index (found, Found, i).ancestors[l] >= 0)
        used[l] = TRUE;

  for (guint l = 1; l <= MAX_HEADING_LEVEL && n_layers < 2; l++)
    if (used[l])
      layers[n_layers++] = l;

  for (guint i = 0; i < found->len; i++)
    {
      Found *question = &g_array_index (found, Found, i);
      int level_heading = n_layers == 2 ? question->ancestors[layers[0]] : -1;
      int topic_heading = n_layers == 2 ? question->ancestors[layers[1]] :
                          n_layers == 1 ? question->ancestors[layers[0]] : -1;
      g_autofree char *topic = NULL;
      guint level;

      if (level_heading >= 0)
        {
          g_autofree char *name = dup_section_name (&g_array_index (scan->headings, Heading, level_heading));

          level = _viva_import_result_add_level (result, name);
        }
      else
        {
          if (default_level < 0)
            default_level = _viva_import_result_add_level (result, viva_import_result_get_title (result));
          level = default_level;
        }

      if (topic_heading >= 0)
        topic = dup_section_name (&g_array_index (scan->headings, Heading, topic_heading));

      _viva_import_result_add_question (result, level, topic, question->number,
                                        g_steal_pointer (&question->text),
                                        g_steal_pointer (&question->answer),
                                        question->line);
    }

  if (n_layers == 1)
    notice = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Made one level, “%s”, with %u topic: the sections do not nest.",
                                           "Made one level, “%s”, with %u topics: the sections do not nest.",
                                           viva_import_result_get_n_topics (result)),
                              viva_import_result_get_title (result),
                              viva_import_result_get_n_topics (result));
  else if (n_layers == 0)
    notice = g_strdup_printf (_("Made one level, “%s”: the file has no sections above its questions."),
                              viva_import_result_get_title (result));

  if (notice != NULL)
    _viva_import_result_add_notice (result, notice);
}

VivaImportResult *
_viva_import_read_markdown (const VivaImportInput  *input,
                            GError                **error)
{
  g_autoptr(GArray) headings = g_array_new (FALSE, TRUE, sizeof (Heading));
  g_autoptr(GArray) tags = g_array_new (FALSE, TRUE, sizeof (Tag));
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (ListItem));
  g_autoptr(GArray) found = g_array_new (FALSE, TRUE, sizeof (Found));
  g_autoptr(VivaImportResult) result = NULL;
  Scan scan = { input, headings, tags, items, -1, G_MAXSIZE };
  VivaImportShape shape;
  guint qlevel = 0;
  Pattern pattern = PATTERN_NUMBERED;
  guint n_heading_questions = 0;
  guint n_summaries = 0;
  guint n_empty = 0;
  guint first_empty = 0;
  gboolean numbered = FALSE;
  gboolean by_headings;

  g_array_set_clear_func (headings, (GDestroyNotify) heading_clear);
  g_array_set_clear_func (found, (GDestroyNotify) found_clear);

  if (!scan_lines (&scan, error))
    return NULL;

  find_title (&scan);
  by_headings = choose_question_headings (&scan, &qlevel, &pattern, &n_heading_questions);

  for (guint i = 0; i < tags->len; i++)
    if (g_array_index (tags, Tag, i).kind == TAG_SUMMARY_OPEN)
      n_summaries++;

  if (n_summaries > 0 && n_summaries > n_heading_questions)
    {
      shape = VIVA_IMPORT_SHAPE_DETAILS;
      numbered = read_details (&scan, found, &n_empty, &first_empty);
    }
  else if (by_headings)
    {
      shape = pattern == PATTERN_NUMBERED ? VIVA_IMPORT_SHAPE_NUMBERED_HEADINGS
                                          : VIVA_IMPORT_SHAPE_PREFIXED_HEADINGS;
      numbered = read_headings (&scan, qlevel, pattern, found, &n_empty, &first_empty);
    }
  else
    {
      shape = VIVA_IMPORT_SHAPE_LIST;
      read_list (&scan, found);
      for (guint i = 0; i < found->len; i++)
        numbered |= g_array_index (found, Found, i).number > 0;
    }

  if (found->len == 0)
    {
      _viva_import_set_unrecognised_error (error);
      return NULL;
    }

  /* A source numbers its questions when most of them carry a number; a
   * number here and there ("<summary>1. …") is part of the text's
   * style, and the questions are numbered in order instead. */
  if (numbered)
    {
      guint n_numbered = 0;

      for (guint i = 0; i < found->len; i++)
        if (g_array_index (found, Found, i).number > 0)
          n_numbered++;
      numbered = n_numbered * 2 >= found->len;
    }

  if (g_cancellable_set_error_if_cancelled (input->cancellable, error))
    return NULL;

  result = _viva_import_result_new (shape, input->file_name);
  if (scan.title >= 0)
    _viva_import_result_set_title (result, g_array_index (headings, Heading, scan.title).text);

  build_result (&scan, result, found);
  _viva_import_result_number (result, numbered);

  if (n_empty > 0)
    {
      g_autofree char *notice = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u question had no text and was left out (line %u).",
                                                              "%u questions had no text and were left out (the first on line %u).",
                                                              n_empty),
                                                 n_empty, first_empty);

      _viva_import_result_add_notice (result, notice);
    }

  return g_steal_pointer (&result);
}
