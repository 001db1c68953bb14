/* viva-import.c
 *
 * Reads a file the user picked to import: the checks every shape shares
 * (size, text, UTF-8), then the shape, recognised from the file's name
 * and its first line (CSV, TSV, Anki's text export) or from its headings
 * (viva-import-markdown.c). The input is untrusted: nothing here asserts
 * on its content, and each problem is a message that says what to do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "viva-answer.h"
#include "viva-bank.h"
#include "viva-bank-writer.h"
#include "viva-import-private.h"
#include "viva-owned-banks.h"

typedef struct
{
  guint  number;   /* "Level 2: Name" in the source, else 0 */
  char  *name;
} ImportLevel;

struct _VivaImportResult
{
  VivaImportShape  shape;
  char            *title;
  GArray          *levels;      /* ImportLevel */
  GArray          *questions;   /* VivaImportQuestion */
  GPtrArray       *notices;     /* NULL-terminated */
  GHashTable      *topics;      /* "level\ntopic", for counting */

  /* What becomes the bank, made in the worker once recognised. */
  VivaBankDraft   *draft;
  guint            n_levels;
  guint            n_topics;
  guint            n_answered;
};

G_DEFINE_QUARK (viva-import-error-quark, viva_import_error)

static void
import_level_clear (ImportLevel *level)
{
  g_free (level->name);
}

static void
import_question_clear (VivaImportQuestion *question)
{
  g_free (question->topic);
  g_free (question->text);
  g_free (question->answer);
}

VivaImportResult *
_viva_import_result_new (VivaImportShape  shape,
                         const char      *title)
{
  VivaImportResult *self = g_new0 (VivaImportResult, 1);

  self->shape = shape;
  self->title = g_strdup (title);
  self->levels = g_array_new (FALSE, TRUE, sizeof (ImportLevel));
  g_array_set_clear_func (self->levels, (GDestroyNotify) import_level_clear);
  self->questions = g_array_new (FALSE, TRUE, sizeof (VivaImportQuestion));
  g_array_set_clear_func (self->questions, (GDestroyNotify) import_question_clear);
  self->notices = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->notices, NULL);
  self->topics = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return self;
}

void
viva_import_result_free (VivaImportResult *self)
{
  if (self == NULL)
    return;

  g_free (self->title);
  g_array_unref (self->levels);
  g_array_unref (self->questions);
  g_ptr_array_unref (self->notices);
  g_hash_table_unref (self->topics);
  g_clear_pointer (&self->draft, viva_bank_draft_free);
  g_free (self);
}

void
_viva_import_result_set_title (VivaImportResult *self,
                               const char       *title)
{
  g_assert (self != NULL);

  if (title == NULL || _viva_import_is_blank_text (title))
    return;

  g_free (self->title);
  self->title = g_strstrip (g_strdup (title));
}

/* "Level 2: Intermediate" gives 2 and "Intermediate", as Viva's own
 * format and its Anki export's tags ("Level_2_Intermediate") write it. */
static char *
split_level_name (const char *name,
                  guint      *number)
{
  const char *p = name;
  guint64 value = 0;
  char *end = NULL;

  *number = 0;

  if (g_ascii_strncasecmp (p, "Level", 5) != 0 || (p[5] != ' ' && p[5] != '_'))
    return g_strdup (name);

  p += 6;
  while (*p == ' ' || *p == '_')
    p++;
  if (!g_ascii_isdigit (*p))
    return g_strdup (name);

  value = g_ascii_strtoull (p, &end, 10);
  if (value == 0 || value > G_MAXUINT16)
    return g_strdup (name);

  p = end;
  while (*p == ' ' || *p == '_' || *p == ':' || *p == '.' || *p == '-')
    p++;
  if (*p == '\0')
    return g_strdup (name);

  *number = (guint) value;
  return g_strdup (p);
}

guint
_viva_import_result_add_level (VivaImportResult *self,
                               const char       *name)
{
  g_autofree char *plain = NULL;
  guint number = 0;

  g_assert (self != NULL);
  g_assert (name != NULL);

  plain = split_level_name (name, &number);
  g_strstrip (plain);

  for (guint i = 0; i < self->levels->len; i++)
    {
      ImportLevel *level = &g_array_index (self->levels, ImportLevel, i);

      if (g_strcmp0 (level->name, plain) == 0)
        return i;
    }

  g_array_append_vals (self->levels, &(ImportLevel) { number, g_steal_pointer (&plain) }, 1);

  return self->levels->len - 1;
}

void
_viva_import_result_add_question (VivaImportResult *self,
                                  guint             level,
                                  const char       *topic,
                                  guint             number,
                                  char             *text,
                                  char             *answer,
                                  guint             line)
{
  VivaImportQuestion question = { 0 };

  g_assert (self != NULL);
  g_assert (level < self->levels->len);

  question.number = number;
  question.level = level;
  question.topic = topic != NULL && !_viva_import_is_blank_text (topic) ? g_strstrip (g_strdup (topic)) : NULL;
  question.text = text;
  question.line = line;

  if (answer != NULL && _viva_import_is_blank_text (answer))
    g_clear_pointer (&answer, g_free);
  question.answer = answer;

  if (question.topic != NULL)
    {
      char *key = g_strdup_printf ("%u\n%s", level, question.topic);

      g_hash_table_add (self->topics, key);
    }

  g_array_append_vals (self->questions, &question, 1);
}

void
_viva_import_result_add_notice (VivaImportResult *self,
                                const char       *notice)
{
  g_assert (self != NULL);
  g_assert (notice != NULL);

  g_ptr_array_insert (self->notices, self->notices->len - 1, g_strdup (notice));
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

void
_viva_import_result_number (VivaImportResult *self,
                            gboolean          numbered)
{
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GArray) renumbered = NULL;
  guint max = 0;

  g_assert (self != NULL);

  if (!numbered)
    {
      for (guint i = 0; i < self->questions->len; i++)
        g_array_index (self->questions, VivaImportQuestion, i).number = i + 1;
      return;
    }

  /* Numbers are kept where the source gave them, so that its own
   * references ("see question 12") still hold; only those a bank cannot
   * hold are renumbered, after the largest kept. */
  seen = g_hash_table_new (NULL, NULL);
  renumbered = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < self->questions->len; i++)
    {
      VivaImportQuestion *question = &g_array_index (self->questions, VivaImportQuestion, i);

      if (question->number == 0 || question->number > VIVA_IMPORT_MAX_NUMBER ||
          g_hash_table_contains (seen, GUINT_TO_POINTER (question->number)))
        {
          g_array_append_val (renumbered, i);
          continue;
        }

      g_hash_table_add (seen, GUINT_TO_POINTER (question->number));
      max = MAX (max, question->number);
    }

  if (renumbered->len == 0)
    return;

  {
    g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (guint));
    g_autoptr(GString) list = g_string_new (NULL);
    g_autofree char *notice = NULL;

    for (guint i = 0; i < renumbered->len; i++)
      {
        guint index = g_array_index (renumbered, guint, i);
        VivaImportQuestion *question = &g_array_index (self->questions, VivaImportQuestion, index);

        question->number = ++max;
        g_array_append_val (numbers, question->number);
      }

    g_array_sort (numbers, compare_guint);
    for (guint i = 0; i < numbers->len && i < 5; i++)
      g_string_append_printf (list, "%s%u", i == 0 ? "" : ", ", g_array_index (numbers, guint, i));
    if (numbers->len > 5)
      g_string_append (list, ", …");

    notice = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u question had no number a bank can keep (none, 0, repeated or too large): numbered %s.",
                                           "%u questions had no number a bank can keep (none, 0, repeated or too large): numbered %s.",
                                           renumbered->len),
                              renumbered->len, list->str);
    _viva_import_result_add_notice (self, notice);
  }
}

const char *
_viva_import_result_get_level_name (VivaImportResult *self,
                                    guint             index)
{
  g_assert (self != NULL);
  g_assert (index < self->levels->len);

  return g_array_index (self->levels, ImportLevel, index).name;
}

const VivaImportQuestion *
_viva_import_result_get_question (VivaImportResult *self,
                                  guint             index)
{
  g_assert (self != NULL);
  g_assert (index < self->questions->len);

  return &g_array_index (self->questions, VivaImportQuestion, index);
}

VivaImportShape
viva_import_result_get_shape (VivaImportResult *self)
{
  g_return_val_if_fail (self != NULL, VIVA_IMPORT_SHAPE_VIVA);

  return self->shape;
}

const char *
viva_import_result_get_title (VivaImportResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->title;
}

/* Before the draft is made (the readers' notices), what was
 * recognised; after, what the bank will hold. */
guint
viva_import_result_get_n_questions (VivaImportResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->draft != NULL)
    return viva_bank_draft_get_n_questions (self->draft);

  return self->questions->len;
}

guint
viva_import_result_get_n_levels (VivaImportResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->draft != NULL)
    return self->n_levels;

  return self->levels->len;
}

guint
viva_import_result_get_n_topics (VivaImportResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->draft != NULL)
    return self->n_topics;

  return g_hash_table_size (self->topics);
}

guint
viva_import_result_get_n_answered (VivaImportResult *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  if (self->draft != NULL)
    return self->n_answered;

  for (guint i = 0; i < self->questions->len; i++)
    if (g_array_index (self->questions, VivaImportQuestion, i).answer != NULL)
      n++;

  return n;
}

VivaBankDraft *
viva_import_result_get_draft (VivaImportResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->draft;
}

const char * const *
viva_import_result_get_notices (VivaImportResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->notices->pdata;
}

gboolean
_viva_import_is_blank_text (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;

  return TRUE;
}

void
_viva_import_report_progress (const VivaImportInput *input,
                              gsize                  offset)
{
  if (input->progress != NULL && input->len > 0)
    input->progress (MIN (1.0, (double) offset / (double) input->len), input->progress_data);
}

static guint
line_at (const char *data,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;

  return line;
}

/* The checks that need no shape, in the order that gives the most
 * useful message first. */
static gboolean
check_text (const char  *data,
            gsize        size,
            GError     **error)
{
  const char *end = NULL;
  gsize start = 0;
  gsize i;

  if (size > VIVA_IMPORT_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (VIVA_IMPORT_MAX_SIZE);

      g_set_error (error, VIVA_IMPORT_ERROR, VIVA_IMPORT_ERROR_TOO_LARGE,
                   /* Translators: %s is a size, as in "134.2 MB". */
                   _("The file is too large to import: the limit is %s."), limit);
      return FALSE;
    }

  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    start = 3;

  for (i = start; i < size && g_ascii_isspace (data[i]); i++)
    ;
  if (i == size)
    {
      g_set_error_literal (error, VIVA_IMPORT_ERROR, VIVA_IMPORT_ERROR_EMPTY,
                           _("The file is empty."));
      return FALSE;
    }

  /* Spreadsheets offer UTF-16 as "Unicode Text": it is text, full of NUL
   * bytes, and "not text" would be the wrong thing to say. */
  if (size >= 2 &&
      (memcmp (data, "\xff\xfe", 2) == 0 || memcmp (data, "\xfe\xff", 2) == 0))
    {
      g_set_error_literal (error, VIVA_IMPORT_ERROR, VIVA_IMPORT_ERROR_NOT_UTF8,
                           _("The file is saved with the UTF-16 encoding. Save it with the UTF-8 encoding and import it again."));
      return FALSE;
    }

  if (memchr (data, '\0', size) != NULL)
    {
      g_set_error_literal (error, VIVA_IMPORT_ERROR, VIVA_IMPORT_ERROR_BINARY,
                           _("The file is not text. It may be an image, a document or a program; Viva imports Markdown, CSV, TSV and Anki’s text export."));
      return FALSE;
    }

  if (!g_utf8_validate_len (data, size, &end))
    {
      g_set_error (error, VIVA_IMPORT_ERROR, VIVA_IMPORT_ERROR_NOT_UTF8,
                   _("Line %u contains characters that are not valid UTF-8 text. Save the file with the UTF-8 encoding and import it again."),
                   line_at (data, end - data));
      return FALSE;
    }

  return TRUE;
}

/* A copy without the byte-order mark, with CR and CRLF made LF (files
 * edited on several systems mix them), NUL-terminated for md4c. */
static char *
dup_normalized_text (const char *data,
                     gsize       size,
                     gsize      *out_len)
{
  char *copy = g_malloc (size + 1);
  gsize i = 0;
  gsize n = 0;

  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;

  for (; i < size; i++)
    {
      if (data[i] == '\r')
        {
          copy[n++] = '\n';
          if (i + 1 < size && data[i + 1] == '\n')
            i++;
        }
      else
        copy[n++] = data[i];
    }

  copy[n] = '\0';
  *out_len = n;

  return copy;
}

static gboolean
has_suffix_nocase (const char *name,
                   const char *suffix)
{
  gsize name_len;
  gsize suffix_len = strlen (suffix);

  if (name == NULL)
    return FALSE;

  name_len = strlen (name);

  return name_len >= suffix_len &&
         g_ascii_strcasecmp (name + name_len - suffix_len, suffix) == 0;
}

/* Anki's text files are .txt, as are plain lists: a tab on the first
 * line that is not a comment says a table. */
static gboolean
first_line_has_tab (const char *text,
                    gsize       len)
{
  const char *end = memchr (text, '\n', len);

  return memchr (text, '\t', end != NULL ? (gsize) (end - text) : len) != NULL;
}

static char *
dup_title_from_name (const char *file_name)
{
  g_autofree char *base = NULL;
  char *dot;

  if (file_name == NULL)
    return g_strdup (_("Imported Questions"));

  base = g_path_get_basename (file_name);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';

  /* "README" says nothing about the questions. */
  if (g_ascii_strcasecmp (base, "README") == 0 || _viva_import_is_blank_text (base))
    return g_strdup (_("Imported Questions"));

  return g_steal_pointer (&base);
}

/* The counts the preview shows, from the draft: what the bank holds. */
static void
count_draft (VivaImportResult *self)
{
  g_autoptr(GHashTable) levels = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) topics = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = viva_bank_draft_get_n_questions (self->draft);

  self->n_answered = 0;
  for (guint i = 0; i < n; i++)
    {
      guint level = 0;
      const char *topic = NULL;
      const char *answer = NULL;

      viva_bank_draft_get_question (self->draft, i, &level, NULL, &topic, NULL, &answer);
      g_hash_table_add (levels, GUINT_TO_POINTER (level));
      if (topic != NULL)
        g_hash_table_add (topics, g_strdup_printf ("%u\n%s", level, topic));
      if (answer != NULL)
        self->n_answered++;
    }

  self->n_levels = g_hash_table_size (levels);
  self->n_topics = g_hash_table_size (topics);
}

/* The recognised questions into a bank draft: what the draft refuses
 * (text with nothing left once read as Markdown) is left out with a
 * notice, never the whole file. */
static gboolean
build_draft (VivaImportResult  *self,
             GError           **error)
{
  g_autoptr(GArray) level_numbers = g_array_sized_new (FALSE, TRUE, sizeof (guint), self->levels->len);
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  guint n_refused = 0;
  guint first_refused = 0;

  self->draft = viva_bank_draft_new (self->title);

  for (guint i = 0; i < self->levels->len; i++)
    {
      ImportLevel *level = &g_array_index (self->levels, ImportLevel, i);
      guint wanted = g_hash_table_contains (used, GUINT_TO_POINTER (level->number)) ? 0 : level->number;
      guint number = viva_bank_draft_ensure_level (self->draft, wanted, level->name);

      g_hash_table_add (used, GUINT_TO_POINTER (number));
      g_array_append_val (level_numbers, number);
    }

  for (guint i = 0; i < self->questions->len; i++)
    {
      VivaImportQuestion *question = &g_array_index (self->questions, VivaImportQuestion, i);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *answer = NULL;

      /* The source's answer as Viva keeps answers: its HTML, images and
       * "back to top" blocks gone, its headings below the question's. */
      if (question->answer != NULL)
        answer = viva_answer_normalize (question->answer, strlen (question->answer));

      if (!viva_bank_draft_add_question (self->draft, g_array_index (level_numbers, guint, question->level),
                                         question->topic, question->number, question->text,
                                         answer, &local_error))
        {
          if (n_refused++ == 0)
            first_refused = question->line;
        }
    }

  if (viva_bank_draft_get_n_questions (self->draft) == 0)
    {
      _viva_import_set_unrecognised_error (error);
      return FALSE;
    }

  if (n_refused > 0)
    {
      g_autofree char *notice = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u question had no text once read and was left out (line %u).",
                                                              "%u questions had no text once read and were left out (the first on line %u).",
                                                              n_refused),
                                                 n_refused, first_refused);

      _viva_import_result_add_notice (self, notice);
    }

  count_draft (self);

  return TRUE;
}

/* A file in Viva's own format: the bank as the parser reads it, written
 * again in the canonical layout. */
static VivaImportResult *
read_viva_bank (const VivaImportInput *input)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(VivaBank) bank = NULL;
  VivaImportResult *result;

  /* Cheap before the bank parser reads a large file that is no bank. */
  if (g_strstr_len (input->text, input->len, "**Question") == NULL &&
      g_strstr_len (input->text, input->len, "**question") == NULL)
    return NULL;

  bytes = g_bytes_new_static (input->text, input->len);
  bank = viva_bank_new_from_bytes (bytes, "import", NULL);
  if (bank == NULL)
    return NULL;

  result = _viva_import_result_new (VIVA_IMPORT_SHAPE_VIVA, viva_bank_get_title (bank));
  result->draft = viva_bank_draft_new_from_bank (bank);
  count_draft (result);

  return result;
}

/**
 * viva_import_bytes:
 * @bytes: the file's content
 * @file_name: (nullable): its name, for the shape (.csv, .tsv) and a title
 * @cancellable: (nullable): checked every 1,000 records or blocks
 * @progress: (nullable): called with the fraction read
 * @progress_data: its data
 * @error: where to say why nothing was recognised
 *
 * Recognises the questions in @bytes. Runs in a worker: no main loop is
 * needed, and @progress is called on the caller's thread.
 *
 * Returns: (transfer full): the questions found, or %NULL with @error.
 */
VivaImportResult *
viva_import_bytes (GBytes                 *bytes,
                   const char             *file_name,
                   GCancellable           *cancellable,
                   VivaImportProgressFunc  progress,
                   gpointer                progress_data,
                   GError                **error)
{
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  VivaImportInput input = { 0 };
  VivaImportResult *result = NULL;
  const char *data;
  gsize size = 0;
  gsize len = 0;
  gboolean table;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (data == NULL)
    data = "";

  if (!check_text (data, size, error))
    return NULL;

  text = dup_normalized_text (data, size, &len);
  title = dup_title_from_name (file_name);

  input.text = text;
  input.len = len;
  input.file_name = title;
  input.tsv = has_suffix_nocase (file_name, ".tsv") || has_suffix_nocase (file_name, ".tab");
  input.cancellable = cancellable;
  input.progress = progress;
  input.progress_data = progress_data;

  table = has_suffix_nocase (file_name, ".csv") ||
          has_suffix_nocase (file_name, ".tsv") ||
          has_suffix_nocase (file_name, ".tab") ||
          _viva_import_looks_like_anki (text, len) ||
          (has_suffix_nocase (file_name, ".txt") && first_line_has_tab (text, len));

  if (table)
    result = _viva_import_read_csv (&input, error);
  else
    {
      result = read_viva_bank (&input);
      if (result == NULL)
        result = _viva_import_read_markdown (&input, error);
    }

  if (result == NULL)
    return NULL;

  if (result->draft == NULL && !build_draft (result, error))
    {
      viva_import_result_free (result);
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      viva_import_result_free (result);
      return NULL;
    }

  _viva_import_report_progress (&input, len);

  return result;
}

void
_viva_import_set_unrecognised_error (GError **error)
{
  g_set_error_literal (error, VIVA_IMPORT_ERROR, VIVA_IMPORT_ERROR_UNRECOGNISED,
                       _("Viva looked for numbered headings (“## 12. …”), headings starting with Q (“## Q. …”), <details> blocks, a list, or CSV/TSV with a question column, and found none."));
}
