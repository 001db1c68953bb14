/* viva-python-syntax.c
 *
 * Whether a line or a few of text is Python, without running Python: a
 * tokenizer and a recursive descent parser of the part of Python's
 * grammar that fits on a line (simple statements, one-line compound
 * statements such as "for i in range(3): print(i)", every expression
 * form), which answers as compile(code, "<scratchpad>", "exec") would,
 * and errs towards "not Python" where it is unsure. It also tells
 * Python that only names something the text around it talks about (a
 * name or dotted name no earlier snippet bound, the same called with no
 * arguments, a literal, an empty display, a lone keyword: `print()`,
 * `k`, `True`, `"19.5"`, `[]`) from Python worth running.
 *
 * tests/test-code-extract.c holds it to Python's own compile() on a
 * table of snippets and on every code span of the bundled bank.
 *
 * One file of about 1,600 lines on purpose: the tokenizer and the
 * parser share the token stream and its cursor, and each grammar rule
 * reads next to the rules it calls, in the order of Python's grammar
 * reference; split, a rule's callers and callees would sit in two files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-python-syntax.h"

/* Deeper than any code a question quotes; bounds the parser's stack. */
#define MAX_NESTING 100

/* Tokens */

typedef enum
{
  TOKEN_NAME,
  TOKEN_KEYWORD,
  TOKEN_NUMBER,
  TOKEN_STRING,
  TOKEN_OP,
  TOKEN_NEWLINE,
  TOKEN_END,
} TokenKind;

typedef struct
{
  const char *start;
  guint       len;
  TokenKind   kind;
} Token;

static const char * const keywords[] = {
  "False", "None", "True", "and", "as", "assert", "async", "await",
  "break", "class", "continue", "def", "del", "elif", "else", "except",
  "finally", "for", "from", "global", "if", "import", "in", "is",
  "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
  "while", "with", "yield",
};

/* Longest first, so that the first match is the longest. */
static const char * const operators[] = {
  "**=", "//=", ">>=", "<<=", "...",
  "->", ":=", "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "+=", "-=",
  "*=", "/=", "%=", "&=", "|=", "^=", "@=",
  "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">", "=", ".",
  ",", ":", ";", "(", ")", "[", "]", "{", "}",
};

static gboolean
is_keyword (const char *start,
            guint       len)
{
  for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
    {
      if (strlen (keywords[i]) == len && memcmp (keywords[i], start, len) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Python identifiers: ASCII letters, digits, "_", and letters (with
 * marks and digits after the first) of other scripts. Curly quotes and
 * other symbols are not. */
static gboolean
read_identifier_char (const char **p,
                      const char  *end,
                      gboolean     first)
{
  guchar c = (guchar) **p;
  gunichar uc;
  const char *next;

  if (c < 0x80)
    {
      if (g_ascii_isalpha (c) || c == '_' || (!first && g_ascii_isdigit (c)))
        {
          (*p)++;
          return TRUE;
        }
      return FALSE;
    }

  uc = g_utf8_get_char_validated (*p, end - *p);
  if (uc == (gunichar) -1 || uc == (gunichar) -2)
    return FALSE;

  if (!(g_unichar_isalpha (uc) ||
        (!first && (g_unichar_isdigit (uc) || g_unichar_ismark (uc)))))
    return FALSE;

  next = g_utf8_next_char (*p);
  *p = next;
  return TRUE;
}

static gboolean
lex_string (const char **p,
            const char  *end)
{
  char quote = **p;
  gboolean triple = end - *p >= 3 && (*p)[1] == quote && (*p)[2] == quote;
  const char *q = *p + (triple ? 3 : 1);

  while (q < end)
    {
      if (*q == '\\')
        {
          q += 2;
          continue;
        }

      if (*q == '\n' && !triple)
        return FALSE;

      if (*q == quote)
        {
          if (!triple)
            {
              *p = q + 1;
              return TRUE;
            }
          if (end - q >= 3 && q[1] == quote && q[2] == quote)
            {
              *p = q + 3;
              return TRUE;
            }
        }

      q++;
    }

  return FALSE;
}

static gboolean
is_digit_of (char c,
             int  base)
{
  switch (base)
    {
    case 16:
      return g_ascii_isxdigit (c) || c == '_';
    case 8:
      return (c >= '0' && c <= '7') || c == '_';
    case 2:
      return c == '0' || c == '1' || c == '_';
    default:
      return g_ascii_isdigit (c) || c == '_';
    }
}

static gboolean
lex_number (const char **p,
            const char  *end)
{
  const char *q = *p;
  const char *digits;

  if (*q == '0' && end - q > 1 && strchr ("xXoObB", q[1]) != NULL)
    {
      int base = (q[1] == 'x' || q[1] == 'X') ? 16 : (q[1] == 'o' || q[1] == 'O') ? 8 : 2;

      q += 2;
      digits = q;
      while (q < end && is_digit_of (*q, base))
        q++;
      if (q == digits)
        return FALSE;
    }
  else
    {
      digits = q;
      while (q < end && is_digit_of (*q, 10))
        q++;

      /* "01" is an error in Python 3; "00" is zero. */
      if (q - digits > 1 && digits[0] == '0')
        {
          for (const char *z = digits; z < q; z++)
            {
              if (*z != '0' && *z != '_')
                {
                  /* Unless it is a float: "01.5" and "01e3" are fine. */
                  if (q < end && (*q == '.' || *q == 'e' || *q == 'E' || *q == 'j' || *q == 'J'))
                    break;
                  return FALSE;
                }
            }
        }

      if (q < end && *q == '.')
        {
          q++;
          while (q < end && is_digit_of (*q, 10))
            q++;
        }

      if (q < end && (*q == 'e' || *q == 'E'))
        {
          const char *exponent;

          q++;
          if (q < end && (*q == '+' || *q == '-'))
            q++;
          exponent = q;
          while (q < end && g_ascii_isdigit (*q))
            q++;
          if (q == exponent)
            return FALSE;
        }

      if (q < end && (*q == 'j' || *q == 'J'))
        q++;
    }

  /* "1_", "2nd" */
  if (q[-1] == '_' || (q < end && (g_ascii_isalnum (*q) || *q == '_' || (guchar) *q >= 0x80)))
    return FALSE;

  *p = q;
  return TRUE;
}

static gboolean
is_string_prefix (const char *start,
                  guint       len)
{
  static const char * const prefixes[] = { "r", "u", "b", "f", "br", "rb", "fr", "rf" };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      if (strlen (prefixes[i]) == len && g_ascii_strncasecmp (prefixes[i], start, len) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Splits @code into tokens; %FALSE for a character Python has no token
 * for ("?", "$", "`", "!" alone, curly quotes), an unterminated string,
 * a bad number, or a line that starts indented. */
static gboolean
tokenize (const char *code,
          gsize       len,
          GArray     *tokens)
{
  const char *p = code;
  const char *end = code + len;
  gboolean line_start = TRUE;

  while (p < end)
    {
      Token token = { p, 0, TOKEN_OP };
      char c = *p;

      if (c == ' ' || c == '\t' || c == '\f')
        {
          /* An indented line is a block, which one line cannot hold. */
          if (line_start)
            return FALSE;
          p++;
          continue;
        }

      line_start = FALSE;

      if (c == '#')
        {
          while (p < end && *p != '\n')
            p++;
          continue;
        }

      if (c == '\\' && p + 1 < end && p[1] == '\n')
        {
          p += 2;
          continue;
        }

      if (c == '\n' || c == '\r')
        {
          token.kind = TOKEN_NEWLINE;
          token.len = 1;
          g_array_append_val (tokens, token);
          p++;
          line_start = TRUE;
          continue;
        }

      if (g_ascii_isdigit (c) || (c == '.' && p + 1 < end && g_ascii_isdigit (p[1])))
        {
          if (!lex_number (&p, end))
            return FALSE;
          token.kind = TOKEN_NUMBER;
        }
      else if (c == '"' || c == '\'')
        {
          if (!lex_string (&p, end))
            return FALSE;
          token.kind = TOKEN_STRING;
        }
      else if (read_identifier_char (&p, end, TRUE))
        {
          while (p < end && read_identifier_char (&p, end, FALSE))
            ;

          if (p < end && (*p == '"' || *p == '\'') && is_string_prefix (token.start, p - token.start))
            {
              if (!lex_string (&p, end))
                return FALSE;
              token.kind = TOKEN_STRING;
            }
          else
            token.kind = is_keyword (token.start, p - token.start) ? TOKEN_KEYWORD : TOKEN_NAME;
        }
      else
        {
          gboolean found = FALSE;

          for (guint i = 0; i < G_N_ELEMENTS (operators) && !found; i++)
            {
              gsize op_len = strlen (operators[i]);

              if ((gsize) (end - p) >= op_len && memcmp (p, operators[i], op_len) == 0)
                {
                  p += op_len;
                  found = TRUE;
                }
            }

          if (!found)
            return FALSE;
        }

      token.len = p - token.start;
      g_array_append_val (tokens, token);
    }

  {
    Token token = { end, 0, TOKEN_END };

    g_array_append_val (tokens, token);
  }

  return TRUE;
}

/* The parser */

typedef struct
{
  const Token *tokens;
  guint        n_tokens;
  guint        pos;
  guint        depth;
  guint        in_function : 1;
  guint        in_loop : 1;
  /* Names the statements bind, for mentions of them later (owned) */
  GPtrArray   *bound;
} Parser;

static const Token *
peek (Parser *p)
{
  return &p->tokens[MIN (p->pos, p->n_tokens - 1)];
}

static const Token *
peek_at (Parser *p,
         guint   offset)
{
  return &p->tokens[MIN (p->pos + offset, p->n_tokens - 1)];
}

static gboolean
token_is (const Token *token,
          const char  *text)
{
  return (token->kind == TOKEN_OP || token->kind == TOKEN_KEYWORD) &&
         token->len == strlen (text) && memcmp (token->start, text, token->len) == 0;
}

static gboolean
at (Parser     *p,
    const char *text)
{
  return token_is (peek (p), text);
}

static gboolean
accept (Parser     *p,
        const char *text)
{
  if (!at (p, text))
    return FALSE;

  p->pos++;
  return TRUE;
}

static gboolean
at_end_of_statement (Parser *p)
{
  const Token *token = peek (p);

  return token->kind == TOKEN_END || token->kind == TOKEN_NEWLINE || token_is (token, ";");
}

static void
bind_name (Parser      *p,
           const Token *token)
{
  if (p->bound != NULL && token->kind == TOKEN_NAME)
    g_ptr_array_add (p->bound, g_strndup (token->start, token->len));
}

static gboolean parse_test (Parser *p, gboolean *assignable);
static gboolean parse_or_test (Parser *p);
static gboolean parse_expr (Parser *p, gboolean *assignable);
static gboolean parse_simple_statements (Parser *p);

static gboolean
enter (Parser *p)
{
  return ++p->depth <= MAX_NESTING;
}

/* for targets in iterable [if cond] [for ...], after an element. */
static gboolean
parse_comp_for (Parser *p)
{
  while (accept (p, "for"))
    {
      do
        {
          gboolean assignable;

          if (accept (p, "*"))
            {
              if (!parse_expr (p, &assignable))
                return FALSE;
            }
          else if (!parse_expr (p, &assignable))
            return FALSE;
          if (!assignable)
            return FALSE;
        }
      while (accept (p, ",") && !at (p, "in"));

      if (!accept (p, "in") || !parse_or_test (p))
        return FALSE;

      while (accept (p, "if"))
        {
          if (!parse_or_test (p))
            return FALSE;
        }
    }

  return TRUE;
}

/* The elements of (...), [...]: (test | *expr), with := and a
 * comprehension, up to @close. */
static gboolean
parse_elements (Parser     *p,
                const char *close,
                gboolean   *assignable)
{
  guint n = 0;

  *assignable = TRUE;

  while (!at (p, close))
    {
      gboolean element_assignable;

      if (accept (p, "*"))
        {
          if (!parse_expr (p, &element_assignable))
            return FALSE;
        }
      else
        {
          guint start = p->pos;

          if (!parse_test (p, &element_assignable))
            return FALSE;

          if (accept (p, ":="))
            {
              /* Only a name can be bound so. */
              if (p->pos - start != 2 || p->tokens[start].kind != TOKEN_NAME)
                return FALSE;
              if (!parse_test (p, &element_assignable))
                return FALSE;
              element_assignable = FALSE;
            }
        }

      *assignable = *assignable && element_assignable;
      n++;

      if (n == 1 && at (p, "for"))
        {
          *assignable = FALSE;
          return parse_comp_for (p) && accept (p, close);
        }

      if (!accept (p, ","))
        break;
    }

  return accept (p, close);
}

static gboolean
parse_dict_or_set (Parser *p)
{
  gboolean is_dict = FALSE;
  guint n = 0;

  while (!at (p, "}"))
    {
      gboolean assignable;

      if (accept (p, "**"))
        {
          if (n > 0 && !is_dict)
            return FALSE;
          is_dict = TRUE;
          if (!parse_expr (p, &assignable))
            return FALSE;
        }
      else if (accept (p, "*"))
        {
          if (is_dict)
            return FALSE;
          if (!parse_expr (p, &assignable))
            return FALSE;
        }
      else
        {
          if (!parse_test (p, &assignable))
            return FALSE;

          if (n == 0)
            is_dict = at (p, ":");

          if (is_dict)
            {
              if (!accept (p, ":") || !parse_test (p, &assignable))
                return FALSE;
            }
          else if (at (p, ":"))
            return FALSE;
        }

      n++;

      if (n == 1 && at (p, "for"))
        return parse_comp_for (p) && accept (p, "}");

      if (!accept (p, ","))
        break;
    }

  return accept (p, "}");
}

static gboolean
parse_arguments (Parser *p)
{
  guint n = 0;

  while (!at (p, ")"))
    {
      gboolean assignable;

      if (accept (p, "*") || accept (p, "**"))
        {
          if (!parse_test (p, &assignable))
            return FALSE;
        }
      else if (peek (p)->kind == TOKEN_NAME && token_is (peek_at (p, 1), "="))
        {
          p->pos += 2;
          if (!parse_test (p, &assignable))
            return FALSE;
        }
      else
        {
          guint start = p->pos;

          if (!parse_test (p, &assignable))
            return FALSE;

          if (accept (p, ":="))
            {
              if (p->pos - start != 2 || p->tokens[start].kind != TOKEN_NAME ||
                  !parse_test (p, &assignable))
                return FALSE;
            }
          else if (at (p, "for"))
            {
              /* f(x for x in y) */
              if (!parse_comp_for (p))
                return FALSE;
            }
        }

      n++;

      if (!accept (p, ","))
        break;
    }

  return accept (p, ")");
}

static gboolean
parse_subscripts (Parser *p)
{
  guint n = 0;

  while (!at (p, "]"))
    {
      gboolean assignable;
      gboolean any = FALSE;

      if (!at (p, ":"))
        {
          if (!parse_test (p, &assignable))
            return FALSE;
          any = TRUE;
        }

      /* Slices: [a]:[b][:[c]] */
      for (guint colons = 0; colons < 2 && accept (p, ":"); colons++)
        {
          any = TRUE;
          if (!at (p, ":") && !at (p, "]") && !at (p, ","))
            {
              if (!parse_test (p, &assignable))
                return FALSE;
            }
        }

      if (!any)
        return FALSE;

      n++;

      if (!accept (p, ","))
        break;
    }

  return n > 0 && accept (p, "]");
}

static gboolean
string_is_bytes (const Token *token)
{
  for (guint i = 0; i < token->len && token->start[i] != '\'' && token->start[i] != '"'; i++)
    {
      if (token->start[i] == 'b' || token->start[i] == 'B')
        return TRUE;
    }

  return FALSE;
}

static gboolean
parse_atom (Parser   *p,
            gboolean *assignable)
{
  const Token *token = peek (p);

  *assignable = FALSE;

  switch (token->kind)
    {
    case TOKEN_NAME:
      p->pos++;
      *assignable = TRUE;
      return TRUE;

    case TOKEN_NUMBER:
      p->pos++;
      return TRUE;

    case TOKEN_STRING:
      {
        gboolean bytes = string_is_bytes (token);

        /* "a" "b" is one string; b"a" "b" does not compile. */
        while (peek (p)->kind == TOKEN_STRING)
          {
            if (string_is_bytes (peek (p)) != bytes)
              return FALSE;
            p->pos++;
          }
      }
      return TRUE;

    case TOKEN_KEYWORD:
      if (token_is (token, "True") || token_is (token, "False") || token_is (token, "None"))
        {
          p->pos++;
          return TRUE;
        }
      return FALSE;

    case TOKEN_OP:
      if (accept (p, "..."))
        return TRUE;

      if (accept (p, "("))
        {
          if (at (p, "yield"))
            return FALSE;
          /* () is an empty tuple; (a, b) can be assigned to. */
          return parse_elements (p, ")", assignable);
        }

      if (accept (p, "["))
        return parse_elements (p, "]", assignable);

      if (accept (p, "{"))
        return parse_dict_or_set (p);

      return FALSE;

    case TOKEN_NEWLINE:
    case TOKEN_END:
    default:
      return FALSE;
    }
}

/* atom trailers: calls, subscripts, attributes. A call cannot be
 * assigned to; the others can. */
static gboolean
parse_primary (Parser   *p,
               gboolean *assignable)
{
  if (!enter (p))
    return FALSE;

  if (!parse_atom (p, assignable))
    return FALSE;

  for (;;)
    {
      if (accept (p, "("))
        {
          if (!parse_arguments (p))
            return FALSE;
          *assignable = FALSE;
        }
      else if (accept (p, "["))
        {
          if (!parse_subscripts (p))
            return FALSE;
          *assignable = TRUE;
        }
      else if (accept (p, "."))
        {
          if (peek (p)->kind != TOKEN_NAME)
            return FALSE;
          p->pos++;
          *assignable = TRUE;
        }
      else
        break;
    }

  p->depth--;
  return TRUE;
}

/* ('+' | '-' | '~')* primary ['**' factor] */
static gboolean
parse_factor (Parser   *p,
              gboolean *assignable)
{
  gboolean unary = FALSE;
  gboolean ok;

  if (!enter (p))
    return FALSE;

  while (accept (p, "+") || accept (p, "-") || accept (p, "~"))
    unary = TRUE;

  ok = parse_primary (p, assignable);

  if (ok && accept (p, "**"))
    {
      gboolean ignored;

      ok = parse_factor (p, &ignored);
      *assignable = FALSE;
    }

  if (unary)
    *assignable = FALSE;

  p->depth--;
  return ok;
}

static gboolean
at_binary_operator (Parser *p)
{
  static const char * const binary[] = {
    "+", "-", "*", "/", "//", "%", "@", "<<", ">>", "&", "|", "^",
  };

  for (guint i = 0; i < G_N_ELEMENTS (binary); i++)
    {
      if (at (p, binary[i]))
        return TRUE;
    }

  return FALSE;
}

/* Arithmetic and bitwise operators: their precedence does not change
 * what is valid, so they are one level here. */
static gboolean
parse_expr (Parser   *p,
            gboolean *assignable)
{
  if (!parse_factor (p, assignable))
    return FALSE;

  while (at_binary_operator (p))
    {
      gboolean ignored;

      p->pos++;
      if (!parse_factor (p, &ignored))
        return FALSE;
      *assignable = FALSE;
    }

  return TRUE;
}

static gboolean
accept_comparison (Parser *p)
{
  static const char * const comparisons[] = { "<", ">", "==", ">=", "<=", "!=", "in" };

  for (guint i = 0; i < G_N_ELEMENTS (comparisons); i++)
    {
      if (accept (p, comparisons[i]))
        return TRUE;
    }

  if (at (p, "not") && token_is (peek_at (p, 1), "in"))
    {
      p->pos += 2;
      return TRUE;
    }

  if (accept (p, "is"))
    {
      accept (p, "not");
      return TRUE;
    }

  return FALSE;
}

static gboolean
parse_not_test (Parser   *p,
                gboolean *assignable)
{
  gboolean ok;

  if (!enter (p))
    return FALSE;

  if (accept (p, "not"))
    {
      ok = parse_not_test (p, assignable);
      *assignable = FALSE;
    }
  else
    {
      ok = parse_expr (p, assignable);
      while (ok && accept_comparison (p))
        {
          gboolean ignored;

          ok = parse_expr (p, &ignored);
          *assignable = FALSE;
        }
    }

  p->depth--;
  return ok;
}

static gboolean
parse_or_test (Parser *p)
{
  gboolean assignable;

  if (!parse_not_test (p, &assignable))
    return FALSE;

  while (accept (p, "and") || accept (p, "or"))
    {
      if (!parse_not_test (p, &assignable))
        return FALSE;
    }

  return TRUE;
}

/* Parameters of def (with annotations) and lambda, up to @close. */
static gboolean
parse_parameters (Parser     *p,
                  const char *close,
                  gboolean    annotations)
{
  while (!at (p, close))
    {
      gboolean assignable;

      if (accept (p, "/"))
        {
          /* Positional-only parameters end here. */
        }
      else if (accept (p, "**") || accept (p, "*"))
        {
          if (peek (p)->kind == TOKEN_NAME)
            p->pos++;
          else if (!at (p, ","))
            return FALSE;
          if (annotations && accept (p, ":") && !parse_test (p, &assignable))
            return FALSE;
        }
      else
        {
          if (peek (p)->kind != TOKEN_NAME)
            return FALSE;
          p->pos++;
          if (annotations && accept (p, ":") && !parse_test (p, &assignable))
            return FALSE;
          if (accept (p, "=") && !parse_test (p, &assignable))
            return FALSE;
        }

      if (!accept (p, ","))
        break;
    }

  return accept (p, close);
}

/* lambda | or_test ['if' or_test 'else' test] */
static gboolean
parse_test (Parser   *p,
            gboolean *assignable)
{
  gboolean ok;

  if (!enter (p))
    return FALSE;

  if (accept (p, "lambda"))
    {
      ok = parse_parameters (p, ":", FALSE) && parse_test (p, assignable);
      *assignable = FALSE;
      p->depth--;
      return ok;
    }

  ok = parse_not_test (p, assignable);
  while (ok && (at (p, "and") || at (p, "or")))
    {
      gboolean ignored;

      p->pos++;
      ok = parse_not_test (p, &ignored);
      *assignable = FALSE;
    }

  if (ok && accept (p, "if"))
    {
      gboolean ignored;

      ok = parse_or_test (p) && accept (p, "else") && parse_test (p, &ignored);
      *assignable = FALSE;
    }

  p->depth--;
  return ok;
}

/* (test | '*' expr) (',' ...)* [','] at the level of a statement. A
 * starred element needs a tuple around it. */
static gboolean
parse_test_list (Parser   *p,
                 gboolean *assignable,
                 gboolean *single)
{
  gboolean starred = FALSE;
  gboolean comma = FALSE;
  guint n = 0;

  *assignable = TRUE;

  do
    {
      gboolean element_assignable;

      if (at_end_of_statement (p) || at (p, "=") || at (p, ")"))
        break;

      if (accept (p, "*"))
        {
          starred = TRUE;
          if (!parse_expr (p, &element_assignable))
            return FALSE;
        }
      else if (!parse_test (p, &element_assignable))
        return FALSE;

      *assignable = *assignable && element_assignable;
      n++;

      comma = at (p, ",");
    }
  while (accept (p, ","));

  if (n == 0 || (starred && !comma && n == 1))
    return FALSE;

  *single = n == 1 && !comma;

  return TRUE;
}

/* Binds the names the statement's targets name: those at its top
 * level, not after a "." nor before one, a call or a subscript. */
static void
bind_targets (Parser *p,
              guint   from,
              guint   to)
{
  guint depth = 0;

  for (guint i = from; i < to; i++)
    {
      const Token *token = &p->tokens[i];

      if (token_is (token, "(") || token_is (token, "[") || token_is (token, "{"))
        depth++;
      else if (token_is (token, ")") || token_is (token, "]") || token_is (token, "}"))
        depth--;
      else if (depth == 0 && token->kind == TOKEN_NAME &&
               (i == from || !token_is (&p->tokens[i - 1], ".")) &&
               !token_is (&p->tokens[i + 1], ".") &&
               !token_is (&p->tokens[i + 1], "(") &&
               !token_is (&p->tokens[i + 1], "["))
        bind_name (p, token);
    }
}

static gboolean
accept_augmented_assignment (Parser *p)
{
  static const char * const augmented[] = {
    "+=", "-=", "*=", "/=", "//=", "%=", "@=", "&=", "|=", "^=", ">>=", "<<=", "**=",
  };

  for (guint i = 0; i < G_N_ELEMENTS (augmented); i++)
    {
      if (accept (p, augmented[i]))
        return TRUE;
    }

  return FALSE;
}

static gboolean
parse_expression_statement (Parser *p)
{
  guint start = p->pos;
  gboolean assignable;
  gboolean single;

  if (!parse_test_list (p, &assignable, &single))
    return FALSE;

  if (at (p, "="))
    {
      while (accept (p, "="))
        {
          guint end = p->pos - 1;

          if (!assignable)
            return FALSE;
          bind_targets (p, start, end);
          start = p->pos;
          if (!parse_test_list (p, &assignable, &single))
            return FALSE;
        }
      return TRUE;
    }

  if (accept_augmented_assignment (p))
    {
      gboolean value_assignable;

      if (!assignable || !single)
        return FALSE;
      return parse_test_list (p, &value_assignable, &single);
    }

  /* x: int = 5 */
  if (accept (p, ":"))
    {
      gboolean ignored;

      if (!assignable || !single || !parse_test (p, &ignored))
        return FALSE;
      bind_targets (p, start, start + 1);
      if (accept (p, "="))
        return parse_test_list (p, &ignored, &single);
      return TRUE;
    }

  return TRUE;
}

static gboolean
parse_dotted_name (Parser *p)
{
  do
    {
      if (peek (p)->kind != TOKEN_NAME)
        return FALSE;
      p->pos++;
    }
  while (accept (p, "."));

  return TRUE;
}

/* import a.b [as c], ... */
static gboolean
parse_import (Parser *p)
{
  do
    {
      const Token *first = peek (p);

      if (!parse_dotted_name (p))
        return FALSE;

      if (accept (p, "as"))
        {
          if (peek (p)->kind != TOKEN_NAME)
            return FALSE;
          bind_name (p, peek (p));
          p->pos++;
        }
      else
        bind_name (p, first);
    }
  while (accept (p, ","));

  return TRUE;
}

/* from [.]* a.b import (x [as y], ...) | * */
static gboolean
parse_from_import (Parser *p)
{
  gboolean relative = FALSE;
  gboolean parenthesized;

  while (accept (p, ".") || accept (p, "..."))
    relative = TRUE;

  if (!(relative && at (p, "import")) && !parse_dotted_name (p))
    return FALSE;

  if (!accept (p, "import"))
    return FALSE;

  if (accept (p, "*"))
    return TRUE;

  parenthesized = accept (p, "(");

  do
    {
      const Token *name = peek (p);

      if (parenthesized && at (p, ")"))
        break;
      if (name->kind != TOKEN_NAME)
        return FALSE;
      p->pos++;
      if (accept (p, "as"))
        {
          if (peek (p)->kind != TOKEN_NAME)
            return FALSE;
          name = peek (p);
          p->pos++;
        }
      bind_name (p, name);
    }
  while (accept (p, ","));

  return !parenthesized || accept (p, ")");
}

/* The body of a one-line compound statement: "if x: print(x)". */
static gboolean
parse_body (Parser   *p,
            gboolean  function,
            gboolean  loop)
{
  gboolean was_function = p->in_function;
  gboolean was_loop = p->in_loop;
  gboolean ok;

  if (!accept (p, ":") || at_end_of_statement (p))
    return FALSE;

  if (function)
    {
      p->in_function = TRUE;
      p->in_loop = FALSE;
    }
  if (loop)
    p->in_loop = TRUE;

  ok = parse_simple_statements (p);

  p->in_function = was_function;
  p->in_loop = was_loop;

  return ok;
}

static gboolean
parse_compound_statement (Parser *p)
{
  gboolean assignable;
  gboolean single;

  if (accept (p, "if") || accept (p, "while"))
    {
      gboolean loop = token_is (&p->tokens[p->pos - 1], "while");

      return parse_test (p, &assignable) && parse_body (p, FALSE, loop);
    }

  if (accept (p, "for"))
    {
      guint start = p->pos;

      do
        {
          /* for *a, b in ...: a starred target is fine. */
          accept (p, "*");
          if (!parse_expr (p, &assignable) || !assignable)
            return FALSE;
        }
      while (accept (p, ",") && !at (p, "in"));

      bind_targets (p, start, p->pos);

      return accept (p, "in") &&
             parse_test_list (p, &assignable, &single) &&
             parse_body (p, FALSE, TRUE);
    }

  if (accept (p, "with"))
    {
      do
        {
          if (!parse_test (p, &assignable))
            return FALSE;
          if (accept (p, "as"))
            {
              guint start = p->pos;

              if (!parse_expr (p, &assignable) || !assignable)
                return FALSE;
              bind_targets (p, start, p->pos);
            }
        }
      while (accept (p, ","));

      return parse_body (p, FALSE, FALSE);
    }

  if (accept (p, "def"))
    {
      const Token *name = peek (p);

      if (name->kind != TOKEN_NAME)
        return FALSE;
      p->pos++;
      if (!accept (p, "(") || !parse_parameters (p, ")", TRUE))
        return FALSE;
      if (accept (p, "->") && !parse_test (p, &assignable))
        return FALSE;
      if (!parse_body (p, TRUE, FALSE))
        return FALSE;
      bind_name (p, name);
      return TRUE;
    }

  if (accept (p, "class"))
    {
      const Token *name = peek (p);

      if (name->kind != TOKEN_NAME)
        return FALSE;
      p->pos++;
      if (accept (p, "(") && !parse_arguments (p))
        return FALSE;
      if (!parse_body (p, FALSE, FALSE))
        return FALSE;
      bind_name (p, name);
      return TRUE;
    }

  return FALSE;
}

static gboolean
parse_simple_statement (Parser *p)
{
  gboolean assignable;
  gboolean single;

  if (accept (p, "pass"))
    return TRUE;

  if (accept (p, "break") || accept (p, "continue"))
    return p->in_loop;

  if (accept (p, "return"))
    return p->in_function && (at_end_of_statement (p) || parse_test_list (p, &assignable, &single));

  if (accept (p, "yield"))
    {
      if (!p->in_function)
        return FALSE;
      if (at_end_of_statement (p))
        return TRUE;
      if (accept (p, "from"))
        return parse_test (p, &assignable);
      return parse_test_list (p, &assignable, &single);
    }

  if (accept (p, "import"))
    return parse_import (p);

  if (accept (p, "from"))
    return parse_from_import (p);

  if (accept (p, "del"))
    return parse_test_list (p, &assignable, &single) && assignable;

  if (accept (p, "assert"))
    return parse_test (p, &assignable) && (!accept (p, ",") || parse_test (p, &assignable));

  if (accept (p, "raise"))
    {
      if (at_end_of_statement (p))
        return TRUE;
      return parse_test (p, &assignable) && (!accept (p, "from") || parse_test (p, &assignable));
    }

  if (accept (p, "global"))
    {
      do
        {
          if (peek (p)->kind != TOKEN_NAME)
            return FALSE;
          bind_name (p, peek (p));
          p->pos++;
        }
      while (accept (p, ","));
      return TRUE;
    }

  /* Not at the top level of a module: nonlocal, await, async. Nor what
   * only continues a compound statement. */
  if (peek (p)->kind == TOKEN_KEYWORD &&
      (at (p, "nonlocal") || at (p, "await") || at (p, "async") ||
       at (p, "else") || at (p, "elif") || at (p, "except") || at (p, "finally") ||
       at (p, "try")))
    return FALSE;

  return parse_expression_statement (p);
}

/* simple_stmt (';' simple_stmt)* [';'] up to the end of the line. */
static gboolean
parse_simple_statements (Parser *p)
{
  do
    {
      if (at_end_of_statement (p))
        return FALSE;
      if (!parse_simple_statement (p))
        return FALSE;
    }
  while (accept (p, ";") && !at_end_of_statement (p));

  return peek (p)->kind == TOKEN_NEWLINE || peek (p)->kind == TOKEN_END;
}

static gboolean
parse_line (Parser *p)
{
  if (at (p, "if") || at (p, "while") || at (p, "for") || at (p, "with") ||
      at (p, "def") || at (p, "class"))
    {
      if (!parse_compound_statement (p))
        return FALSE;
      return peek (p)->kind == TOKEN_NEWLINE || peek (p)->kind == TOKEN_END;
    }

  return parse_simple_statements (p);
}

/* Whether @tokens are statements compile() accepts at the top level of
 * a module. Adds the names they bind to @bound, if given. */
static gboolean
parse_module (const Token *tokens,
              guint        n_tokens,
              GPtrArray   *bound)
{
  Parser p = { tokens, n_tokens, 0, 0, FALSE, FALSE, bound };
  guint n_lines = 0;

  while (peek (&p)->kind != TOKEN_END)
    {
      if (peek (&p)->kind == TOKEN_NEWLINE)
        {
          p.pos++;
          continue;
        }

      if (!parse_line (&p))
        return FALSE;
      n_lines++;
    }

  return n_lines > 0;
}

/* Mentions */

static gboolean
is_bound (GPtrArray  *bound,
          const char *start,
          guint       len)
{
  for (guint i = 0; i < bound->len; i++)
    {
      const char *name = g_ptr_array_index (bound, i);

      if (strlen (name) == len && memcmp (name, start, len) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Whether valid Python @tokens (without the final END) only name
 * something: a name or dotted name nothing bound before, the same called
 * with no arguments, a literal, an empty display, a lone keyword. */
static gboolean
is_mention (const Token *tokens,
            guint        n,
            GPtrArray   *bound)
{
  guint i = 0;

  if (n == 0)
    return TRUE;

  if (n == 1 && tokens[0].kind == TOKEN_KEYWORD)
    return TRUE;

  /* -1, "19.5", "a" "b" */
  if (token_is (&tokens[0], "-") || token_is (&tokens[0], "+"))
    i++;
  if (i < n && (tokens[i].kind == TOKEN_NUMBER || tokens[i].kind == TOKEN_STRING))
    {
      while (i < n && tokens[i].kind == TOKEN_STRING)
        i++;
      if (i < n && tokens[i].kind == TOKEN_NUMBER)
        i++;
      if (i == n)
        return TRUE;
    }

  if (n == 2 &&
      ((token_is (&tokens[0], "(") && token_is (&tokens[1], ")")) ||
       (token_is (&tokens[0], "[") && token_is (&tokens[1], "]")) ||
       (token_is (&tokens[0], "{") && token_is (&tokens[1], "}"))))
    return TRUE;

  /* a.b.c, a.b.c() */
  if (tokens[0].kind != TOKEN_NAME || is_bound (bound, tokens[0].start, tokens[0].len))
    return FALSE;

  for (i = 1; i + 1 < n && token_is (&tokens[i], ".") && tokens[i + 1].kind == TOKEN_NAME; i += 2)
    ;

  if (i == n)
    return TRUE;

  return i + 2 == n && token_is (&tokens[i], "(") && token_is (&tokens[i + 1], ")");
}

/**
 * viva_python_check_snippet:
 * @code: text, perhaps Python; need not be NUL-terminated
 * @len: its length in bytes
 * @bound: (element-type utf8): the names earlier snippets bound; the
 *   names this one binds are added when it is %VIVA_PYTHON_CODE
 *
 * Whether @code is Python worth running, Python that only names
 * something, or not Python; see the top of this file.
 *
 * Returns: the verdict
 */
VivaPythonVerdict
viva_python_check_snippet (const char *code,
                           gsize       len,
                           GPtrArray  *bound)
{
  g_autoptr(GArray) tokens = NULL;
  g_autoptr(GPtrArray) binds = NULL;
  guint n;

  if (len == 0 || len > VIVA_PYTHON_SNIPPET_MAX_SIZE || !g_utf8_validate (code, len, NULL))
    return VIVA_PYTHON_NOT_PYTHON;

  tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  binds = g_ptr_array_new_with_free_func (g_free);

  if (!tokenize (code, len, tokens) ||
      !parse_module ((const Token *) tokens->data, tokens->len, binds))
    return VIVA_PYTHON_NOT_PYTHON;

  /* Without the trailing END, and newlines at either end. */
  n = tokens->len - 1;
  if (is_mention ((const Token *) tokens->data, n, bound))
    return VIVA_PYTHON_MENTION;

  for (guint i = 0; i < binds->len; i++)
    g_ptr_array_add (bound, g_strdup (g_ptr_array_index (binds, i)));

  return VIVA_PYTHON_CODE;
}
