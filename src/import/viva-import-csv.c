/* viva-import-csv.c
 *
 * Tables: CSV and TSV as spreadsheets write them (RFC 4180: quoted
 * fields may hold the separator, newlines and doubled quotes), and
 * Anki's text export, whose first lines are "#key:value" headers
 * (https://docs.ankiweb.net/importing/text-files.html): #separator,
 * #html, #columns, and the columns that are not data (#tags column,
 * #deck column, #notetype column, #guid column).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "viva-import-private.h"

typedef enum
{
  COLUMN_OTHER,
  COLUMN_QUESTION,
  COLUMN_ANSWER,
  COLUMN_LEVEL,
  COLUMN_TOPIC,
  COLUMN_NUMBER,
  COLUMN_TAGS,
} ColumnKind;

typedef struct
{
  const char *p;
  const char *end;
  guint       line;
} CsvReader;

typedef struct
{
  char      separator;      /* 0: not said */
  gboolean  html;
  gboolean  anki;
  char     *columns;        /* #columns: the names, unsplit */
  int       tags_column;    /* 0-based, -1: none */
  int       special[3];     /* deck, notetype, guid: not data */
} AnkiHeaders;

static const char * const anki_keys[] = {
  "separator", "html", "tags", "columns", "notetype", "deck",
  "tags column", "deck column", "notetype column", "guid column",
  "if matches",
};

static gboolean
is_anki_header_line (const char *line,
                     gsize       len)
{
  const char *colon;

  if (len < 2 || line[0] != '#')
    return FALSE;

  colon = memchr (line, ':', len);
  if (colon == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (anki_keys); i++)
    if ((gsize) (colon - line - 1) == strlen (anki_keys[i]) &&
        g_ascii_strncasecmp (line + 1, anki_keys[i], colon - line - 1) == 0)
      return TRUE;

  return FALSE;
}

gboolean
_viva_import_looks_like_anki (const char *text,
                              gsize       len)
{
  const char *eol = memchr (text, '\n', len);

  return is_anki_header_line (text, eol != NULL ? (gsize) (eol - text) : len);
}

static char
parse_separator (const char *value)
{
  static const struct { const char *name; char c; } names[] = {
    { "comma", ',' }, { "semicolon", ';' }, { "tab", '\t' }, { "space", ' ' },
    { "pipe", '|' }, { "colon", ':' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (value, names[i].name) == 0)
      return names[i].c;

  if (strlen (value) == 1 && value[0] != '"' && value[0] != '\n')
    return value[0];

  return 0;
}

static int
parse_column_number (const char *value)
{
  guint64 n = 0;

  if (!g_ascii_string_to_unsigned (value, 10, 1, 1000, &n, NULL))
    return -1;

  return (int) n - 1;
}

/* Reads the "#key:value" lines at the top and moves @reader past them. */
static void
read_anki_headers (CsvReader   *reader,
                   AnkiHeaders *headers)
{
  headers->tags_column = -1;
  for (guint i = 0; i < G_N_ELEMENTS (headers->special); i++)
    headers->special[i] = -1;

  while (reader->p < reader->end)
    {
      const char *eol = memchr (reader->p, '\n', reader->end - reader->p);
      gsize len = eol != NULL ? (gsize) (eol - reader->p) : (gsize) (reader->end - reader->p);
      g_autofree char *line = NULL;
      char *colon;
      char *key;
      char *value;

      if (!is_anki_header_line (reader->p, len))
        break;

      headers->anki = TRUE;
      line = g_strndup (reader->p, len);
      colon = strchr (line, ':');
      *colon = '\0';
      key = line + 1;
      value = colon + 1;

      if (g_ascii_strcasecmp (key, "separator") == 0)
        headers->separator = parse_separator (g_strstrip (value));
      else if (g_ascii_strcasecmp (key, "html") == 0)
        headers->html = g_ascii_strcasecmp (g_strstrip (value), "true") == 0;
      else if (g_ascii_strcasecmp (key, "columns") == 0)
        {
          g_free (headers->columns);
          headers->columns = g_strdup (value);
        }
      else if (g_ascii_strcasecmp (key, "tags column") == 0)
        headers->tags_column = parse_column_number (g_strstrip (value));
      else if (g_ascii_strcasecmp (key, "deck column") == 0)
        headers->special[0] = parse_column_number (g_strstrip (value));
      else if (g_ascii_strcasecmp (key, "notetype column") == 0)
        headers->special[1] = parse_column_number (g_strstrip (value));
      else if (g_ascii_strcasecmp (key, "guid column") == 0)
        headers->special[2] = parse_column_number (g_strstrip (value));

      reader->p = eol != NULL ? eol + 1 : reader->end;
      reader->line++;
    }
}

/* The separator a spreadsheet used: the most frequent of tab, comma and
 * semicolon outside quotes on the first record. */
static char
guess_separator (const char *p,
                 const char *end)
{
  guint tabs = 0, commas = 0, semicolons = 0;
  gboolean quoted = FALSE;

  for (; p < end; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && *p == '\n')
        break;
      else if (!quoted && *p == '\t')
        tabs++;
      else if (!quoted && *p == ',')
        commas++;
      else if (!quoted && *p == ';')
        semicolons++;
    }

  if (tabs >= commas && tabs >= semicolons && tabs > 0)
    return '\t';
  if (semicolons > commas)
    return ';';

  return ',';
}

/* One record into @fields. FALSE at the end, or with @error for a quote
 * that never closes (its line said, so it can be found). */
static gboolean
read_record (CsvReader  *reader,
             char        separator,
             GPtrArray  *fields,
             GError    **error)
{
  g_autoptr(GString) field = g_string_new (NULL);

  g_ptr_array_set_size (fields, 0);

  if (reader->p >= reader->end)
    return FALSE;

  for (;;)
    {
      const char *p = reader->p;

      g_string_truncate (field, 0);

      if (p < reader->end && *p == '"')
        {
          guint start_line = reader->line;

          p++;
          for (;;)
            {
              if (p >= reader->end)
                {
                  g_set_error (error, VIVA_IMPORT_ERROR, VIVA_IMPORT_ERROR_UNRECOGNISED,
                               _("The quoted field that starts on line %u never ends: a closing quote (\") is missing."),
                               start_line);
                  return FALSE;
                }
              if (*p == '"')
                {
                  if (p + 1 < reader->end && p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      p += 2;
                      continue;
                    }
                  p++;
                  break;
                }
              if (*p == '\n')
                reader->line++;
              g_string_append_c (field, *p);
              p++;
            }
        }

      /* Unquoted, or what follows a closing quote: kept as written, as
       * spreadsheets do. */
      while (p < reader->end && *p != separator && *p != '\n')
        g_string_append_c (field, *p++);

      g_ptr_array_add (fields, g_strdup (field->str));

      if (p < reader->end && *p == separator)
        {
          reader->p = p + 1;
          continue;
        }

      if (p < reader->end)
        {
          reader->line++;
          p++;
        }
      reader->p = p;
      return TRUE;
    }
}

static ColumnKind
column_kind_for_name (const char *name)
{
  static const struct { const char *name; ColumnKind kind; } names[] = {
    { "question", COLUMN_QUESTION }, { "front", COLUMN_QUESTION }, { "q", COLUMN_QUESTION },
    { "prompt", COLUMN_QUESTION }, { "answer", COLUMN_ANSWER }, { "back", COLUMN_ANSWER },
    { "a", COLUMN_ANSWER }, { "solution", COLUMN_ANSWER }, { "level", COLUMN_LEVEL },
    { "difficulty", COLUMN_LEVEL }, { "topic", COLUMN_TOPIC }, { "category", COLUMN_TOPIC },
    { "section", COLUMN_TOPIC }, { "number", COLUMN_NUMBER }, { "#", COLUMN_NUMBER },
    { "id", COLUMN_NUMBER }, { "no", COLUMN_NUMBER }, { "no.", COLUMN_NUMBER },
    { "tags", COLUMN_TAGS },
  };
  g_autofree char *key = g_strstrip (g_strdup (name));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (key, names[i].name) == 0)
      return names[i].kind;

  return COLUMN_OTHER;
}

/* Viva's own CSV export prefixes a cell that a spreadsheet would read as
 * a formula with "'"; only its files have that prefix taken away. */
static const char *
strip_formula_prefix (const char *cell,
                      gboolean    ours)
{
  if (ours && cell[0] == '\'' && cell[1] != '\0' && strchr ("=+-@", cell[1]) != NULL)
    return cell + 1;

  return cell;
}

/* Plain text with its line breaks, as a spreadsheet cell holds it. */
static char *
plain_to_markdown (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);
  gboolean after_text = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *escaped = NULL;

      g_strstrip (lines[i]);
      if (lines[i][0] == '\0')
        {
          if (after_text)
            g_string_append (out, "\n\n");
          after_text = FALSE;
          continue;
        }

      if (after_text)
        g_string_append (out, "\\\n");

      escaped = _viva_import_escape_inline (lines[i], strlen (lines[i]));
      g_string_append (out, escaped);
      after_text = TRUE;
    }

  return g_string_free (out, FALSE);
}

/* "Level_1_Beginner::Strings starred": Viva's Anki export writes the
 * level and topic as one hierarchical tag. */
static void
split_tags (const char  *tags,
            char       **level,
            char       **topic)
{
  g_auto(GStrv) words = g_strsplit_set (tags, " \t", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      char *sep = strstr (words[i], "::");

      if (sep != NULL)
        {
          *sep = '\0';
          g_strdelimit (words[i], "_", ' ');
          g_strdelimit (sep + 2, "_", ' ');
          if (*level == NULL && words[i][0] != '\0')
            *level = g_strdup (words[i]);
          if (*topic == NULL && sep[2] != '\0' && strstr (sep + 2, "::") == NULL)
            *topic = g_strdup (sep + 2);
        }
      else if (*level == NULL && g_ascii_strncasecmp (words[i], "Level_", 6) == 0)
        {
          g_strdelimit (words[i], "_", ' ');
          *level = g_strdup (words[i]);
        }
    }
}

static const char *
field_at (GPtrArray *fields,
          int        index)
{
  if (index < 0 || (guint) index >= fields->len)
    return "";

  return g_ptr_array_index (fields, index);
}

static gboolean
is_special_column (const AnkiHeaders *headers,
                   int                index)
{
  if (index == headers->tags_column)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (headers->special); i++)
    if (index == headers->special[i])
      return TRUE;

  return FALSE;
}

VivaImportResult *
_viva_import_read_csv (const VivaImportInput  *input,
                       GError                **error)
{
  g_autoptr(VivaImportResult) result = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = NULL;
  AnkiHeaders headers = { 0 };
  CsvReader reader = { input->text, input->text + input->len, 1 };
  int columns[COLUMN_TAGS + 1];
  gboolean header_row = FALSE;
  gboolean ours = FALSE;
  gboolean numbered = TRUE;
  gboolean any_level = FALSE;
  guint default_level = 0;
  guint n_blank = 0;
  guint first_blank_line = 0;
  guint n_records = 0;
  VivaImportShape shape;

  read_anki_headers (&reader, &headers);

  if (headers.separator == 0)
    headers.separator = input->tsv ? '\t' : guess_separator (reader.p, reader.end);

  if (headers.anki)
    shape = VIVA_IMPORT_SHAPE_ANKI_TEXT;
  else if (headers.separator == '\t')
    shape = VIVA_IMPORT_SHAPE_TSV;
  else
    shape = VIVA_IMPORT_SHAPE_CSV;

  result = _viva_import_result_new (shape, input->file_name);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    columns[i] = -1;

  /* The names: Anki's #columns header, else a first row that names a
   * question column. */
  if (headers.columns != NULL)
    {
      char sep[2] = { headers.separator, '\0' };

      g_auto(GStrv) split = g_strsplit (headers.columns, sep, -1);

      names = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; split[i] != NULL; i++)
        g_ptr_array_add (names, g_strdup (split[i]));
    }
  else
    {
      CsvReader peek = reader;

      if (!read_record (&peek, headers.separator, fields, error))
        {
          if (error != NULL && *error == NULL)
            _viva_import_set_unrecognised_error (error);
          return NULL;
        }

      for (guint i = 0; i < fields->len; i++)
        if (column_kind_for_name (g_ptr_array_index (fields, i)) == COLUMN_QUESTION)
          header_row = TRUE;

      if (header_row)
        {
          names = g_ptr_array_new_with_free_func (g_free);
          for (guint i = 0; i < fields->len; i++)
            g_ptr_array_add (names, g_strdup (g_ptr_array_index (fields, i)));
          reader = peek;
        }
    }

  if (names != NULL)
    {
      for (guint i = 0; i < names->len; i++)
        {
          ColumnKind kind = column_kind_for_name (g_ptr_array_index (names, i));

          if (kind != COLUMN_OTHER && columns[kind] < 0 && !is_special_column (&headers, i))
            columns[kind] = i;
        }

      /* Viva's own export: number, level, topic, question, answer,
       * status, starred, notes, next_due. */
      ours = columns[COLUMN_NUMBER] == 0 && columns[COLUMN_QUESTION] >= 0 &&
             g_ptr_array_find_with_equal_func (names, "next_due", g_str_equal, NULL);
    }

  if (columns[COLUMN_QUESTION] < 0)
    {
      /* No names: the question first, its answer next, skipping Anki's
       * columns that are not data. */
      int next = 0;

      while (is_special_column (&headers, next))
        next++;
      columns[COLUMN_QUESTION] = next++;
      if (columns[COLUMN_ANSWER] < 0)
        {
          while (is_special_column (&headers, next))
            next++;
          columns[COLUMN_ANSWER] = next;
        }
    }

  if (headers.tags_column >= 0)
    columns[COLUMN_TAGS] = headers.tags_column;

  for (;;)
    {
      g_autofree char *level_name = NULL;
      g_autofree char *topic = NULL;
      const char *question;
      const char *answer;
      const char *number_text;
      guint record_line = reader.line;
      guint64 number = 0;
      guint level;

      if (!read_record (&reader, headers.separator, fields, error))
        {
          if (error != NULL && *error != NULL)
            return NULL;
          break;
        }

      if (++n_records % 1000 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (input->cancellable, error))
            return NULL;
          _viva_import_report_progress (input, reader.p - input->text);
        }

      question = strip_formula_prefix (field_at (fields, columns[COLUMN_QUESTION]), ours);
      if (_viva_import_is_blank_text (question))
        {
          gboolean all_blank = TRUE;

          for (guint i = 0; i < fields->len && all_blank; i++)
            all_blank = _viva_import_is_blank_text (g_ptr_array_index (fields, i));
          if (!all_blank && n_blank++ == 0)
            first_blank_line = record_line;
          continue;
        }

      answer = strip_formula_prefix (field_at (fields, columns[COLUMN_ANSWER]), ours);
      number_text = field_at (fields, columns[COLUMN_NUMBER]);
      if (columns[COLUMN_NUMBER] < 0 ||
          !g_ascii_string_to_unsigned (g_strstrip ((char *) number_text), 10, 0, G_MAXUINT, &number, NULL))
        numbered = FALSE;

      level_name = g_strdup (strip_formula_prefix (field_at (fields, columns[COLUMN_LEVEL]), ours));
      topic = g_strdup (strip_formula_prefix (field_at (fields, columns[COLUMN_TOPIC]), ours));
      g_strstrip (level_name);
      g_strstrip (topic);
      if (level_name[0] == '\0')
        g_clear_pointer (&level_name, g_free);
      if (topic[0] == '\0')
        g_clear_pointer (&topic, g_free);
      if (columns[COLUMN_TAGS] >= 0)
        split_tags (field_at (fields, columns[COLUMN_TAGS]), &level_name, &topic);

      if (level_name != NULL)
        {
          level = _viva_import_result_add_level (result, level_name);
          any_level = TRUE;
        }
      else
        {
          if (default_level == 0)
            default_level = _viva_import_result_add_level (result, viva_import_result_get_title (result)) + 1;
          level = default_level - 1;
        }

      _viva_import_result_add_question (result, level, topic, (guint) number,
                                        headers.html ? _viva_import_html_to_inline (question, strlen (question))
                                                     : _viva_import_escape_inline (question, strlen (question)),
                                        headers.html ? _viva_import_html_to_markdown (answer, strlen (answer))
                                                     : plain_to_markdown (answer),
                                        record_line);
    }

  g_free (headers.columns);

  if (viva_import_result_get_n_questions (result) == 0)
    {
      g_set_error_literal (error, VIVA_IMPORT_ERROR, VIVA_IMPORT_ERROR_UNRECOGNISED,
                           _("The table has no rows with a question. Viva reads the question from a column named “Question” or “Front”, else from the first column."));
      return NULL;
    }

  _viva_import_result_number (result, numbered);

  if (!any_level)
    {
      g_autofree char *notice = g_strdup_printf (_("Made one level, “%s”: the file has no level column."),
                                                 viva_import_result_get_title (result));

      _viva_import_result_add_notice (result, notice);
    }

  if (n_blank > 0)
    {
      g_autofree char *notice = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u row had no question and was left out (line %u).",
                                                              "%u rows had no question and were left out (the first on line %u).",
                                                              n_blank),
                                                 n_blank, first_blank_line);

      _viva_import_result_add_notice (result, notice);
    }

  return g_steal_pointer (&result);
}
