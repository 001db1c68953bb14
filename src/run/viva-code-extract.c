/* viva-code-extract.c
 *
 * Code from a question
 * ====================
 *
 * A question's code is its inline code spans, in order, and its fenced
 * code blocks. The scratchpad's first content is made of:
 *
 *  - each fenced block with no language or a Python one (python, py,
 *    python3, py3, pycon), as it is;
 *  - each inline span that is a Python statement (or several, with ";")
 *    that compile() would accept at the top level of a module, and that
 *    is worth running: not a mere mention of a name (`print()`, `strip()`,
 *    `k`, `math.pow`), a literal (`True`, `10`, `"19.5"`) or an empty
 *    display (`()`, `[]`, `{}`). A bare name is worth running once an
 *    earlier piece bound it (`x = 10` ... `x`).
 *
 * One piece per line, in the order of the question, without repeats
 * (but a name alone, `x`, which only shows a value, comes after the
 * statements):
 * `Given s = "Programming", what is the output of s[1:4]?` gives
 *
 *   s = "Programming"
 *   s[1:4]
 *
 * No Python runs here: whether a piece compiles, and whether it is worth
 * running, is decided by viva-python-syntax.c, which errs on the side of
 * leaving a piece out.
 *
 * The classification reads the question's words: it has code when it
 * shows any; it asks for an output when it says "output of", "the
 * output", "result of", "evaluate(s) to", "is / gets / be printed",
 * "what will ... print / return / output / produce / display / give",
 * "value of `code`", or "what does `code` return / print / ... /
 * generate", and has Python to run. It asks to write something when it uses "write" or
 * "implement" as a verb (not "write (`'w'`)", a mode's name), or a
 * sentence, or what follows "Given ...,", begins with a task's verb:
 * create, convert, declare, find, perform, merge, add, change, override
 * or use ("Create a list named `colors`...", "Given a list of
 * intervals, merge all overlapping intervals.").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-code-extract.h"
#include "viva-python-syntax.h"
#include "viva-question.h"

void
viva_code_piece_free (VivaCodePiece *piece)
{
  if (piece == NULL)
    return;

  g_free (piece->text);
  g_free (piece);
}

static VivaCodePiece *
code_piece_new (const char        *text,
                gssize             len,
                VivaCodePieceKind  kind)
{
  VivaCodePiece *piece = g_new0 (VivaCodePiece, 1);

  piece->text = len < 0 ? g_strdup (text) : g_strndup (text, len);
  piece->kind = kind;

  return piece;
}

/**
 * viva_code_is_python:
 * @code: text, perhaps Python
 *
 * Whether compile(@code, "<scratchpad>", "exec") would accept @code when
 * it is a line or a few of unindented simple statements, or one-line
 * compound ones ("for i in range(3): print(i)"). Errs towards %FALSE:
 * what it accepts compiles.
 *
 * Returns: %TRUE if @code is Python
 */
gboolean
viva_code_is_python (const char *code)
{
  g_autoptr(GPtrArray) bound = NULL;

  g_return_val_if_fail (code != NULL, FALSE);

  bound = g_ptr_array_new_with_free_func (g_free);

  return viva_python_check_snippet (code, strlen (code), bound) != VIVA_PYTHON_NOT_PYTHON;
}

/* What one inline piece is, binding what it binds when it is kept. */
static VivaCodePieceKind
classify_piece (const char *code,
                gsize       len,
                GPtrArray  *bound)
{
  switch (viva_python_check_snippet (code, len, bound))
    {
    case VIVA_PYTHON_CODE:
      return VIVA_CODE_PIECE_PYTHON;

    case VIVA_PYTHON_MENTION:
      return VIVA_CODE_PIECE_MENTION;

    case VIVA_PYTHON_NOT_PYTHON:
    default:
      return VIVA_CODE_PIECE_NOT_PYTHON;
    }
}

/* Questions as text and code */

typedef struct
{
  guint    start;
  guint    end;
  /* A fenced block, and whether its language is Python (or none) */
  gboolean block;
  gboolean python;
} CodeRange;

typedef struct
{
  /* The question's plain text, with the code in it */
  GString *text;
  GArray  *ranges;
} Source;

static void
source_clear (Source *source)
{
  g_string_free (source->text, TRUE);
  g_array_unref (source->ranges);
}

static void
source_init (Source *source)
{
  source->text = g_string_new (NULL);
  source->ranges = g_array_new (FALSE, FALSE, sizeof (CodeRange));
}

static void
source_add_code (Source     *source,
                 const char *code,
                 gsize       len,
                 gboolean    block,
                 gboolean    python)
{
  CodeRange range = { source->text->len, 0, block, python };

  g_string_append_len (source->text, code, len);
  range.end = source->text->len;
  g_array_append_val (source->ranges, range);
}

static gboolean
is_python_language (const char *info,
                    gsize       len)
{
  static const char * const names[] = { "python", "python3", "py", "py3", "pycon", "ipython" };
  gsize word = 0;

  while (word < len && !g_ascii_isspace (info[word]) && info[word] != '{')
    word++;

  if (word == 0)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (strlen (names[i]) == word && g_ascii_strncasecmp (names[i], info, word) == 0)
        return TRUE;
    }

  return FALSE;
}

/* How many @c in a row at @p. */
static gsize
run_length (const char *p,
            const char *end,
            char        c)
{
  gsize n = 0;

  while (p + n < end && p[n] == c)
    n++;

  return n;
}

/* Markdown's fenced blocks (``` or ~~~, up to 3 spaces in) and inline
 * code spans (a run of backticks closed by a run as long; one space
 * stripped at each end when both have one), as CommonMark reads them.
 * Everything else is kept as text, backslash escapes unescaped. */
static void
source_init_from_markdown (Source     *source,
                           const char *markdown)
{
  const char *p = markdown;
  const char *end = markdown + strlen (markdown);

  source_init (source);

  while (p < end)
    {
      const char *line_end = memchr (p, '\n', end - p);
      const char *q = p;
      gsize indent = 0;
      gsize fence;

      if (line_end == NULL)
        line_end = end;

      while (q < line_end && *q == ' ' && indent < 4)
        {
          q++;
          indent++;
        }

      fence = indent < 4 && q < line_end && (*q == '`' || *q == '~') ? run_length (q, line_end, *q) : 0;

      if (fence >= 3 && (*q == '~' || memchr (q + fence, '`', line_end - q - fence) == NULL))
        {
          char fence_char = *q;
          const char *info = q + fence;
          const char *body = line_end < end ? line_end + 1 : end;
          const char *b = body;
          const char *body_end = end;
          const char *after = end;

          /* Up to the closing fence, or the end of the text. */
          while (b < end)
            {
              const char *b_end = memchr (b, '\n', end - b);
              const char *c = b;

              if (b_end == NULL)
                b_end = end;
              while (c < b_end && *c == ' ' && c - b < 4)
                c++;
              if (c - b < 4 && run_length (c, b_end, fence_char) >= fence)
                {
                  const char *rest = c + run_length (c, b_end, fence_char);

                  while (rest < b_end && (*rest == ' ' || *rest == '\t'))
                    rest++;
                  if (rest == b_end)
                    {
                      body_end = b;
                      after = b_end < end ? b_end + 1 : end;
                      break;
                    }
                }
              b = b_end < end ? b_end + 1 : end;
            }

          g_string_append_c (source->text, '\n');
          source_add_code (source, body, body_end - body, TRUE, is_python_language (info, line_end - info));
          g_string_append_c (source->text, '\n');
          p = after;
          continue;
        }

      /* Inline: the line, code spans taken out of it. */
      while (p < line_end)
        {
          if (*p == '\\' && p + 1 < line_end && g_ascii_ispunct (p[1]))
            {
              g_string_append_c (source->text, p[1]);
              p += 2;
              continue;
            }

          if (*p == '`')
            {
              gsize open = run_length (p, end, '`');
              const char *c = p + open;
              const char *close = NULL;

              /* Code spans may go on over line ends. */
              while (c < end)
                {
                  gsize n = run_length (c, end, '`');

                  if (n == 0)
                    {
                      c++;
                      continue;
                    }
                  if (n == open)
                    {
                      close = c;
                      break;
                    }
                  c += n;
                }

              if (close != NULL)
                {
                  g_autofree char *code = g_strndup (p + open, close - p - open);
                  gsize len = strlen (code);
                  char *start = code;

                  for (char *n = code; *n; n++)
                    {
                      if (*n == '\n')
                        *n = ' ';
                    }
                  if (len >= 2 && code[0] == ' ' && code[len - 1] == ' ' &&
                      strspn (code, " ") != len)
                    {
                      start++;
                      len -= 2;
                    }

                  source_add_code (source, start, len, FALSE, TRUE);
                  p = close + open;
                  line_end = memchr (p, '\n', end - p);
                  if (line_end == NULL)
                    line_end = end;
                  continue;
                }

              g_string_append_len (source->text, p, open);
              p += open;
              continue;
            }

          g_string_append_c (source->text, *p);
          p++;
        }

      g_string_append_c (source->text, ' ');
      p = line_end < end ? line_end + 1 : end;
    }
}

static void
source_init_from_question (Source       *source,
                           VivaQuestion *question)
{
  const char *text = viva_question_get_text (question);
  guint start;
  guint end;

  source_init (source);
  g_string_append (source->text, text);

  for (guint i = 0; viva_question_get_code_span (question, i, &start, &end); i++)
    {
      CodeRange range = { start, end, FALSE, TRUE };

      if (start > end || end > source->text->len)
        break;
      g_array_append_val (source->ranges, range);
    }
}

static GPtrArray *
source_extract_pieces (Source *source)
{
  GPtrArray *pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_code_piece_free);
  g_autoptr(GPtrArray) bound = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < source->ranges->len; i++)
    {
      const CodeRange *range = &g_array_index (source->ranges, CodeRange, i);
      const char *code = source->text->str + range->start;
      gsize len = range->end - range->start;
      VivaCodePieceKind kind;

      if (range->block)
        kind = range->python && g_utf8_validate (code, len, NULL) ? VIVA_CODE_PIECE_BLOCK
                                                                  : VIVA_CODE_PIECE_NOT_PYTHON;
      else
        {
          /* Spaces around a span are not the code's. */
          while (len > 0 && g_ascii_isspace (*code))
            {
              code++;
              len--;
            }
          while (len > 0 && g_ascii_isspace (code[len - 1]))
            len--;

          kind = classify_piece (code, len, bound);
        }

      g_ptr_array_add (pieces, code_piece_new (code, len, kind));
    }

  return pieces;
}

/**
 * viva_code_extract_pieces_from_markdown:
 * @markdown: a question as Markdown: `inline code` and fenced blocks
 *
 * Every piece of code of the question, in order, with what it is; see
 * the top of viva-code-extract.c.
 *
 * Returns: (transfer full) (element-type VivaCodePiece): the pieces
 */
GPtrArray *
viva_code_extract_pieces_from_markdown (const char *markdown)
{
  Source source;
  GPtrArray *pieces;

  g_return_val_if_fail (markdown != NULL, NULL);

  source_init_from_markdown (&source, markdown);
  pieces = source_extract_pieces (&source);
  source_clear (&source);

  return pieces;
}

/**
 * viva_code_extract_pieces_from_question:
 * @question: a question of a bank
 *
 * As viva_code_extract_pieces_from_markdown(), from the question's code
 * spans. (The bank's parser keeps a question to its paragraph: a fenced
 * block after it is not part of it.)
 *
 * Returns: (transfer full) (element-type VivaCodePiece): the pieces
 */
GPtrArray *
viva_code_extract_pieces_from_question (VivaQuestion *question)
{
  Source source;
  GPtrArray *pieces;

  g_return_val_if_fail (VIVA_IS_QUESTION (question), NULL);

  source_init_from_question (&source, question);
  pieces = source_extract_pieces (&source);
  source_clear (&source);

  return pieces;
}

/* Whether @text is a name alone, `x`: a piece that only shows a value. */
static gboolean
is_lone_name (const char *text)
{
  if (text[0] == '\0' || g_ascii_isdigit (text[0]))
    return FALSE;

  for (const char *p = text; *p; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '_' && (guchar) *p < 0x80)
        return FALSE;
    }

  return TRUE;
}

/* The pieces that go in, one per line, each once, in the question's
 * order; but a name alone, which only shows a value, goes after the
 * statements: "If `x = 5`, what is the value of `x` after `x += 3`?"
 * gives x = 5, x += 3, x. */
static char *
join_pieces (GPtrArray *pieces)
{
  g_autoptr(GString) code = g_string_new (NULL);
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();

  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < pieces->len; i++)
        {
          const VivaCodePiece *piece = g_ptr_array_index (pieces, i);
          gboolean repeated = FALSE;

          if (piece->kind != VIVA_CODE_PIECE_PYTHON && piece->kind != VIVA_CODE_PIECE_BLOCK)
            continue;
          if ((piece->kind == VIVA_CODE_PIECE_PYTHON && is_lone_name (piece->text)) != (pass == 1))
            continue;

          for (guint j = 0; j < seen->len && !repeated; j++)
            repeated = strcmp (g_ptr_array_index (seen, j), piece->text) == 0;
          if (repeated || piece->text[0] == '\0')
            continue;
          g_ptr_array_add (seen, piece->text);

          g_string_append (code, piece->text);
          if (code->str[code->len - 1] != '\n')
            g_string_append_c (code, '\n');
        }
    }

  if (code->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&code), FALSE);
}

/**
 * viva_code_extract_from_markdown:
 * @markdown: a question as Markdown
 *
 * Returns: (transfer full) (nullable): the scratchpad's first content
 *   for the question, one piece per line; %NULL when it has no Python
 */
char *
viva_code_extract_from_markdown (const char *markdown)
{
  g_autoptr(GPtrArray) pieces = NULL;

  g_return_val_if_fail (markdown != NULL, NULL);

  pieces = viva_code_extract_pieces_from_markdown (markdown);

  return join_pieces (pieces);
}

/**
 * viva_code_extract_from_question:
 * @question: a question of a bank
 *
 * The scratchpad's first content for @question: for question 42 of the
 * bundled bank, "s = \"Programming\"\ns[1:4]\n".
 *
 * Returns: (transfer full) (nullable): the code, one piece per line;
 *   %NULL when the question has no Python
 */
char *
viva_code_extract_from_question (VivaQuestion *question)
{
  g_autoptr(GPtrArray) pieces = NULL;

  g_return_val_if_fail (VIVA_IS_QUESTION (question), NULL);

  pieces = viva_code_extract_pieces_from_question (question);

  return join_pieces (pieces);
}

/* Classifying */

/* Whether @lower has @word at @pos, as a whole word. */
static gboolean
word_at (const char *lower,
         gsize       len,
         gsize       pos,
         const char *word)
{
  gsize n = strlen (word);

  return pos + n <= len &&
         memcmp (lower + pos, word, n) == 0 &&
         (pos == 0 || !g_ascii_isalnum (lower[pos - 1])) &&
         (pos + n == len || !g_ascii_isalnum (lower[pos + n]));
}

static const CodeRange *
code_range_at (Source *source,
               gsize   pos)
{
  for (guint i = 0; i < source->ranges->len; i++)
    {
      const CodeRange *range = &g_array_index (source->ranges, CodeRange, i);

      if (range->start <= pos && pos < range->end)
        return range;
    }

  return NULL;
}

static gboolean
verb_at (const char *lower,
         gsize       len,
         gsize       pos)
{
  static const char * const verbs[] = {
    "print", "prints", "return", "returns", "output", "outputs", "produce", "produces",
    "display", "displays", "give", "gives", "generate", "generates", "evaluate", "evaluates",
    "show", "shows",
  };

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      if (word_at (lower, len, pos, verbs[i]))
        return TRUE;
    }

  return FALSE;
}

static gboolean
source_asks_output (Source     *source,
                    const char *lower,
                    gsize       len)
{
  static const char * const phrases[] = {
    "output of", "the output", "result of", "evaluate to", "evaluates to",
    "is printed", "gets printed", "be printed",
  };

  for (guint i = 0; i < G_N_ELEMENTS (phrases); i++)
    {
      for (const char *p = strstr (lower, phrases[i]); p != NULL; p = strstr (p + 1, phrases[i]))
        {
          if (code_range_at (source, p - lower) == NULL)
            return TRUE;
        }
    }

  for (gsize pos = 0; pos < len; pos++)
    {
      const CodeRange *range;

      if (code_range_at (source, pos) != NULL)
        continue;

      /* what will `x > 5` evaluate to / what will this print */
      if (word_at (lower, len, pos, "will") || word_at (lower, len, pos, "would"))
        {
          if (pos < 5 || !word_at (lower, len, pos - 5, "what"))
            continue;

          for (gsize q = pos; q < len && q < pos + 120; q++)
            {
              if ((range = code_range_at (source, q)) != NULL)
                {
                  q = range->end - 1;
                  continue;
                }
              if (lower[q] == '?' || lower[q] == '.')
                break;
              if (verb_at (lower, len, q))
                return TRUE;
            }
        }

      /* what is the value of `x` after `x += 3` */
      if (word_at (lower, len, pos, "value") && pos + 9 < len && memcmp (lower + pos, "value of ", 9) == 0)
        {
          range = code_range_at (source, pos + 9);
          if (range != NULL && range->start == pos + 9)
            return TRUE;
        }

      /* what does `bool(0)` return */
      if (word_at (lower, len, pos, "does") || word_at (lower, len, pos, "do"))
        {
          gsize after = pos + (lower[pos + 1] == 'o' && lower[pos + 2] == 'e' ? 4 : 2);

          if (pos < 5 || !word_at (lower, len, pos - 5, "what"))
            continue;
          while (after < len && lower[after] == ' ')
            after++;
          range = code_range_at (source, after);
          if (range == NULL || range->start != after)
            continue;
          after = range->end;
          while (after < len && lower[after] == ' ')
            after++;
          if (verb_at (lower, len, after))
            return TRUE;
        }
    }

  return FALSE;
}

/* Whether a sentence starts at @pos: at the start of the text, or
 * after the end of another (or a colon). */
static gboolean
sentence_starts_at (const char *lower,
                    gsize       pos)
{
  while (pos > 0 && lower[pos - 1] == ' ')
    pos--;

  return pos == 0 || lower[pos - 1] == '.' || lower[pos - 1] == '?' ||
         lower[pos - 1] == '!' || lower[pos - 1] == ':';
}

static gboolean
source_asks_to_write (Source     *source,
                      const char *lower,
                      gsize       len)
{
  static const char * const verbs[] = { "write", "implement" };
  /* What a task says first: "Create a list named `colors`...", "Given
   * a list of intervals, merge all overlapping intervals." */
  static const char * const imperatives[] = {
    "create", "convert", "declare", "find", "perform", "merge", "add", "change",
    "override", "use",
  };

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      gsize n = strlen (verbs[i]);

      for (const char *p = strstr (lower, verbs[i]); p != NULL; p = strstr (p + 1, verbs[i]))
        {
          gsize pos = p - lower;

          if (!word_at (lower, len, pos, verbs[i]) || code_range_at (source, pos) != NULL)
            continue;
          /* "read (`'r'`), write (`'w'`)": the name of a mode */
          if (pos + n + 1 < len && lower[pos + n] == ' ' && lower[pos + n + 1] == '(')
            continue;
          return TRUE;
        }
    }

  for (gsize pos = 0; pos < len; pos++)
    {
      gsize verb = pos;

      if (lower[pos] == ' ' || !sentence_starts_at (lower, pos) || code_range_at (source, pos) != NULL)
        continue;

      /* "Given a string, find..." */
      if (word_at (lower, len, pos, "given"))
        {
          const char *comma = strstr (lower + pos, ", ");
          const char *stop = strpbrk (lower + pos, ".?!");

          if (comma == NULL || (stop != NULL && stop < comma))
            continue;
          verb = comma + 2 - lower;
        }

      for (guint i = 0; i < G_N_ELEMENTS (imperatives); i++)
        {
          if (word_at (lower, len, verb, imperatives[i]))
            return TRUE;
        }
    }

  return FALSE;
}

static VivaCodeQuestionFlags
source_classify (Source *source)
{
  VivaCodeQuestionFlags flags = VIVA_CODE_QUESTION_NONE;
  g_autofree char *lower = g_ascii_strdown (source->text->str, source->text->len);
  gsize len = source->text->len;

  if (source->ranges->len > 0)
    {
      g_autoptr(GPtrArray) pieces = source_extract_pieces (source);
      gboolean has_python = FALSE;

      flags |= VIVA_CODE_QUESTION_HAS_CODE;

      for (guint i = 0; i < pieces->len && !has_python; i++)
        {
          const VivaCodePiece *piece = g_ptr_array_index (pieces, i);

          has_python = piece->kind == VIVA_CODE_PIECE_PYTHON || piece->kind == VIVA_CODE_PIECE_BLOCK;
        }

      if (has_python && source_asks_output (source, lower, len))
        flags |= VIVA_CODE_QUESTION_ASKS_OUTPUT;
    }

  if (source_asks_to_write (source, lower, len))
    flags |= VIVA_CODE_QUESTION_ASKS_TO_WRITE;

  return flags;
}

/**
 * viva_code_classify_markdown:
 * @markdown: a question as Markdown
 *
 * Returns: what kind of question it is, for the scratchpad: see
 *   #VivaCodeQuestionFlags and the top of viva-code-extract.c
 */
VivaCodeQuestionFlags
viva_code_classify_markdown (const char *markdown)
{
  Source source;
  VivaCodeQuestionFlags flags;

  g_return_val_if_fail (markdown != NULL, VIVA_CODE_QUESTION_NONE);

  source_init_from_markdown (&source, markdown);
  flags = source_classify (&source);
  source_clear (&source);

  return flags;
}

/**
 * viva_code_classify_question:
 * @question: a question of a bank
 *
 * Returns: what kind of question it is, for the scratchpad
 */
VivaCodeQuestionFlags
viva_code_classify_question (VivaQuestion *question)
{
  Source source;
  VivaCodeQuestionFlags flags;

  g_return_val_if_fail (VIVA_IS_QUESTION (question), VIVA_CODE_QUESTION_NONE);

  source_init_from_question (&source, question);
  flags = source_classify (&source);
  source_clear (&source);

  return flags;
}
