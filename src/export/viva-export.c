/* viva-export.c
 *
 * Writes a bank, or the questions chosen from it, for other tools, with
 * what the user made of each question. Every writer takes the questions
 * in the bank's order and the notes store, and returns the file's bytes;
 * the caller writes them where the user chose.
 *
 * CSV: UTF-8 with a byte order mark (so that spreadsheets read it as
 * UTF-8), CRLF between records, fields quoted as RFC 4180 says, one row
 * per question under the header
 * number,level,topic,question,answer,status,starred,notes,next_due.
 * A cell that a spreadsheet would read as a formula (starting with =, +,
 * - or @) gets a leading ' so that it stays text: a bank or a note is
 * untrusted text, and a formula in it would run when the file is opened.
 *
 * Anki: a text file with the headers Anki 2.1.55 and later read (older
 * ones skip lines starting with #), one note per line: the question on
 * the front, the bank's answer and the user's notes on the back, level
 * and topic as tags. Fields are HTML with every character of the bank or
 * the notes escaped, and hold no tab or newline, so no text can split a
 * note or start another. There is no id column: Anki matches notes on
 * their first field, so exporting again updates the cards it made.
 *
 * Markdown: the bank in Viva's own format through the bank writer, each
 * question's answer under it and, when asked, the user's note under
 * "**Notes:**", which Viva skips when it opens the file: the export opens
 * as the same bank, with the same id when its file keeps the name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "viva-answer.h"
#include "viva-bank.h"
#include "viva-bank-writer.h"
#include "viva-export.h"
#include "viva-level.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-question.h"
#include "viva-topic.h"

G_DEFINE_QUARK (viva-export-error-quark, viva_export_error)

/* The questions to write: @questions, or all of @bank's in its order. */
static GPtrArray *
dup_questions (VivaBank  *bank,
               GPtrArray *questions)
{
  GListModel *all;
  GPtrArray *list;
  guint n;

  if (questions != NULL)
    return g_ptr_array_ref (questions);

  all = viva_bank_get_questions (bank);
  n = g_list_model_get_n_items (all);
  list = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (list, g_list_model_get_item (all, i));

  return list;
}

static void
csv_append_field (GString    *out,
                  const char *value)
{
  gboolean formula;

  if (value == NULL)
    value = "";

  formula = value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@';

  if (!formula && value[strcspn (value, ",\"\r\n")] == '\0')
    {
      g_string_append (out, value);
      return;
    }

  g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* A review's due time as the user's calendar says it: YYYY-MM-DD. */
static char *
dup_local_date (gint64 usec)
{
  g_autoptr(GDateTime) time = NULL;

  if (usec <= 0)
    return g_strdup ("");

  time = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);
  if (time == NULL)
    return g_strdup ("");

  return g_date_time_format (time, "%Y-%m-%d");
}

/**
 * viva_export_csv:
 * @bank: the bank
 * @questions: (nullable) (element-type VivaQuestion): the questions to
 *   write, from @bank, in its order; %NULL for all of them
 * @notes: the user's notes
 * @error: %VIVA_EXPORT_ERROR_EMPTY when there is no question to write
 *
 * The questions as CSV, one row each: number, level ("Level 1:
 * Beginner"), topic, the question's text, its answer as plain text, the
 * user's status ("new", "learning", "confident"), starred ("yes" or
 * "no"), notes (Markdown, as typed) and when Review next asks it (a local
 * date, empty when never reviewed).
 *
 * Returns: (transfer full): the file's bytes, or %NULL with @error set
 */
GBytes *
viva_export_csv (VivaBank        *bank,
                 GPtrArray       *questions,
                 VivaNotesStore  *notes,
                 GError         **error)
{
  g_autoptr(GPtrArray) list = NULL;
  GString *out;
  const char *bank_id;

  g_return_val_if_fail (VIVA_IS_BANK (bank), NULL);
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (notes), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  list = dup_questions (bank, questions);
  if (list->len == 0)
    {
      g_set_error_literal (error, VIVA_EXPORT_ERROR, VIVA_EXPORT_ERROR_EMPTY,
                           _("There are no questions to export."));
      return NULL;
    }

  bank_id = viva_bank_get_id (bank);
  out = g_string_sized_new (256 + 256 * list->len);
  g_string_append (out, "\xEF\xBB\xBF");
  g_string_append (out, "number,level,topic,question,answer,status,starred,notes,next_due\r\n");

  for (guint i = 0; i < list->len; i++)
    {
      VivaQuestion *question = g_ptr_array_index (list, i);
      guint number = viva_question_get_number (question);
      VivaLevel *level = viva_question_get_level (question);
      VivaTopic *topic = viva_question_get_topic (question);
      VivaNote *note = viva_notes_store_lookup_note (notes, bank_id, number);
      g_autofree char *due = dup_local_date (note != NULL ? viva_note_get_due (note) : 0);

      g_string_append_printf (out, "%u,", number);
      csv_append_field (out, level != NULL ? viva_level_get_title (level) : NULL);
      g_string_append_c (out, ',');
      csv_append_field (out, topic != NULL ? viva_topic_get_name (topic) : NULL);
      g_string_append_c (out, ',');
      csv_append_field (out, viva_question_get_text (question));
      g_string_append_c (out, ',');
      {
        g_autofree char *answer = viva_answer_to_plain_text (viva_question_get_answer (question));

        csv_append_field (out, answer);
      }
      g_string_append_c (out, ',');
      csv_append_field (out, viva_status_to_string (note != NULL ? viva_note_get_status (note) : VIVA_STATUS_NEW));
      g_string_append_c (out, ',');
      csv_append_field (out, note != NULL && viva_note_get_starred (note) ? "yes" : "no");
      g_string_append_c (out, ',');
      csv_append_field (out, note != NULL ? viva_note_get_text (note) : NULL);
      g_string_append_c (out, ',');
      csv_append_field (out, due);
      g_string_append (out, "\r\n");
    }

  return g_string_free_to_bytes (out);
}

typedef struct
{
  VivaNotesStore *notes;
  const char     *bank_id;
} MarkdownNotes;

static char *
markdown_notes_cb (guint    number,
                   gpointer user_data)
{
  MarkdownNotes *data = user_data;
  VivaNote *note = viva_notes_store_lookup_note (data->notes, data->bank_id, number);

  if (note == NULL || !viva_note_get_has_text (note))
    return NULL;

  return g_strdup (viva_note_get_text (note));
}

/**
 * viva_export_markdown:
 * @bank: the bank
 * @questions: (nullable) (element-type VivaQuestion): the questions to
 *   write, from @bank; %NULL for all of them
 * @notes: (nullable): the user's notes, written under each question's
 *   answer; %NULL for the bank alone
 * @error: %VIVA_EXPORT_ERROR_EMPTY when there is no question to write
 *
 * The questions as a bank in Viva's format, with the bank's title, the
 * levels and topics that hold them and their numbers. Viva opens it as
 * the same questions: nothing a note holds can add a question, a level
 * or a topic (the writer escapes what would).
 *
 * Returns: (transfer full): the file's bytes, or %NULL with @error set
 */
GBytes *
viva_export_markdown (VivaBank        *bank,
                      GPtrArray       *questions,
                      VivaNotesStore  *notes,
                      GError         **error)
{
  g_autoptr(VivaBankDraft) draft = NULL;
  MarkdownNotes data;

  g_return_val_if_fail (VIVA_IS_BANK (bank), NULL);
  g_return_val_if_fail (!notes || VIVA_IS_NOTES_STORE (notes), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (questions != NULL && questions->len == 0)
    {
      g_set_error_literal (error, VIVA_EXPORT_ERROR, VIVA_EXPORT_ERROR_EMPTY,
                           _("There are no questions to export."));
      return NULL;
    }

  draft = viva_bank_draft_new_from_bank (bank);

  if (questions != NULL)
    {
      g_autoptr(GHashTable) keep = g_hash_table_new (NULL, NULL);
      GListModel *all = viva_bank_get_questions (bank);
      guint n = g_list_model_get_n_items (all);

      for (guint i = 0; i < questions->len; i++)
        g_hash_table_add (keep, GUINT_TO_POINTER (viva_question_get_number (g_ptr_array_index (questions, i))));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(VivaQuestion) question = g_list_model_get_item (all, i);
          guint number = viva_question_get_number (question);

          if (!g_hash_table_contains (keep, GUINT_TO_POINTER (number)))
            viva_bank_draft_remove_question (draft, number);
        }
    }

  data.notes = notes;
  data.bank_id = viva_bank_get_id (bank);

  return viva_bank_draft_to_markdown (draft, notes != NULL ? markdown_notes_cb : NULL, &data);
}

/* Pango markup (escaped text, <tt> <i> <b>) as HTML, with nothing that
 * would end an Anki field or note: a line break becomes <br>, a tab a
 * character reference. */
static void
append_markup_as_html (GString    *out,
                       const char *markup)
{
  for (const char *p = markup; *p != '\0'; p++)
    {
      if (g_str_has_prefix (p, "<tt>"))
        {
          g_string_append (out, "<code>");
          p += strlen ("<tt>") - 1;
        }
      else if (g_str_has_prefix (p, "</tt>"))
        {
          g_string_append (out, "</code>");
          p += strlen ("</tt>") - 1;
        }
      else
        switch (*p)
          {
          case '\n':
            g_string_append (out, "<br>");
            break;
          case '\t':
            g_string_append (out, "&#9;");
            break;
          case '\r':
            break;
          case '"':
            g_string_append (out, "&quot;");
            break;
          default:
            g_string_append_c (out, *p);
            break;
          }
    }
}

/* Markdown (an answer, a note) as Anki's back shows it. */
static void
append_markdown_as_html (GString    *out,
                         const char *markdown)
{
  g_autofree char *normalized = viva_answer_normalize (markdown, strlen (markdown));
  g_autofree char *html = NULL;

  if (normalized == NULL)
    return;

  html = viva_answer_to_html (normalized);
  /* viva_answer_to_html() leaves no tab or newline; this holds whatever
   * it becomes. */
  append_markup_as_html (out, html);
}

/* "Level 1: Beginner" as a tag: "Level_1_Beginner". Letters, digits and
 * "-" are kept, spaces and "_" become one "_", the rest goes. */
static void
append_tag_part (GString    *out,
                 const char *name)
{
  gsize start = out->len;
  gboolean gap = FALSE;

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || c == '-')
        {
          if (gap && out->len > start)
            g_string_append_c (out, '_');
          gap = FALSE;
          g_string_append_unichar (out, c);
        }
      else if (g_unichar_isspace (c) || c == '_')
        gap = TRUE;
    }
}

/**
 * viva_export_anki:
 * @bank: the bank
 * @questions: (nullable) (element-type VivaQuestion): the questions to
 *   write, from @bank, in its order; %NULL for all of them
 * @notes: the user's notes
 * @error: %VIVA_EXPORT_ERROR_EMPTY when there is no question to write
 *
 * The questions as a text file Anki imports into a deck named after the
 * bank, as "Basic" notes: the question on the front (code in <code>),
 * the answer and, after a rule, the user's note on the back (code blocks
 * in <pre><code>, line for line), and tags "Level_1_Beginner::Strings"
 * (the topic under its level) plus "starred".
 *
 * Returns: (transfer full): the file's bytes, or %NULL with @error set
 */
GBytes *
viva_export_anki (VivaBank        *bank,
                  GPtrArray       *questions,
                  VivaNotesStore  *notes,
                  GError         **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *deck = NULL;
  GString *out;
  const char *bank_id;

  g_return_val_if_fail (VIVA_IS_BANK (bank), NULL);
  g_return_val_if_fail (VIVA_IS_NOTES_STORE (notes), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  list = dup_questions (bank, questions);
  if (list->len == 0)
    {
      g_set_error_literal (error, VIVA_EXPORT_ERROR, VIVA_EXPORT_ERROR_EMPTY,
                           _("There are no questions to export."));
      return NULL;
    }

  /* A header line ends at a newline: the title has none, but a tab or a
   * line break in it would make another header. */
  deck = g_strdup (viva_bank_get_title (bank));
  g_strdelimit (deck, "\t\r\n", ' ');

  bank_id = viva_bank_get_id (bank);
  out = g_string_sized_new (512 + 512 * list->len);
  g_string_append (out, "#separator:tab\n"
                        "#html:true\n"
                        "#notetype:Basic\n");
  g_string_append_printf (out, "#deck:%s\n", deck);
  g_string_append (out, "#columns:Front\tBack\tTags\n"
                        "#tags column:3\n");

  for (guint i = 0; i < list->len; i++)
    {
      VivaQuestion *question = g_ptr_array_index (list, i);
      VivaLevel *level = viva_question_get_level (question);
      VivaTopic *topic = viva_question_get_topic (question);
      VivaNote *note = viva_notes_store_lookup_note (notes, bank_id, viva_question_get_number (question));
      const char *answer = viva_question_get_answer (question);
      gboolean has_note = note != NULL && viva_note_get_has_text (note);
      g_autofree char *front = viva_question_dup_markup (question);
      gsize line_start = out->len;
      gsize tags_start;

      append_markup_as_html (out, front);
      /* Anki reads a line that starts with # as a comment. */
      if (out->str[line_start] == '#')
        {
          g_string_erase (out, line_start, 1);
          g_string_insert (out, line_start, "&#35;");
        }
      g_string_append_c (out, '\t');

      if (answer != NULL)
        append_markdown_as_html (out, answer);
      if (answer != NULL && has_note)
        g_string_append (out, "<hr>");
      if (has_note)
        append_markdown_as_html (out, viva_note_get_text (note));
      g_string_append_c (out, '\t');

      tags_start = out->len;
      if (level != NULL)
        append_tag_part (out, viva_level_get_title (level));
      if (topic != NULL && out->len > tags_start)
        {
          gsize before = out->len;

          g_string_append (out, "::");
          append_tag_part (out, viva_topic_get_name (topic));
          if (out->len == before + 2)
            g_string_truncate (out, before);
        }
      if (note != NULL && viva_note_get_starred (note))
        g_string_append (out, out->len > tags_start ? " starred" : "starred");
      g_string_append_c (out, '\n');
    }

  return g_string_free_to_bytes (out);
}
