/* test-export.c
 *
 * Exporting a bank with the user's notes: the CSV read back field by
 * field as a spreadsheet reads it (RFC 4180), hostile notes and banks
 * included.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "viva-test-bundled.h"

#include <string.h>

#include <glib/gstdio.h>

#include "viva-bank.h"
#include "viva-answer.h"
#include "viva-bank-writer.h"
#include "viva-export.h"
#include "viva-import.h"
#include "viva-level.h"
#include "viva-note.h"
#include "viva-notes-store-private.h"
#include "viva-notes-store.h"
#include "viva-question.h"
#include "viva-topic.h"

#define CSV_HEADER "number,level,topic,question,answer,status,starred,notes,next_due"

/* The bundled bank and its notes (viva-test-bundled.c). */
typedef VivaTestBundled Fixture;

static VivaBank *
bank_from_text (const char *text,
                const char *id)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  VivaBank *bank = viva_bank_new_from_bytes (bytes, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bank);
  return bank;
}

/* Reads CSV as RFC 4180 says, strictly: after the byte order mark,
 * records end with CRLF (the last one too), a quoted field may hold
 * anything with quotes doubled, an unquoted one no quote, comma, CR or
 * LF. Returns the records, each a GStrv; fails the test on anything
 * else. */
static GPtrArray *
parse_csv (GBytes *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  const char *end = data + len;
  const char *p = data;
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();

  g_assert_true (g_utf8_validate (data, len, NULL));
  g_assert_cmpuint (len, >=, 3);
  g_assert_true (memcmp (p, "\xEF\xBB\xBF", 3) == 0);
  p += 3;

  while (p < end)
    {
      GString *field = g_string_new (NULL);

      if (*p == '"')
        {
          p++;
          for (;;)
            {
              g_assert_true (p < end);
              if (*p == '"')
                {
                  if (p + 1 < end && p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      p += 2;
                      continue;
                    }
                  p++;
                  break;
                }
              g_string_append_c (field, *p++);
            }
        }
      else
        while (p < end && *p != ',' && *p != '\r')
          {
            g_assert_true (*p != '"' && *p != '\n');
            g_string_append_c (field, *p++);
          }

      g_ptr_array_add (fields, g_string_free (field, FALSE));
      g_assert_true (p < end);
      if (*p == ',')
        p++;
      else
        {
          g_assert_true (p + 1 < end && p[0] == '\r' && p[1] == '\n');
          p += 2;
          g_ptr_array_add (fields, NULL);
          g_ptr_array_add (records, g_ptr_array_steal (fields, NULL));
        }
    }

  g_assert_cmpuint (fields->len, ==, 0);
  return records;
}

static const char *
cell (GPtrArray *records,
      guint      row,
      guint      column)
{
  char **record;

  g_assert_cmpuint (row, <, records->len);
  record = g_ptr_array_index (records, row);
  g_assert_cmpuint (g_strv_length (record), ==, 9);
  return record[column];
}

static VivaBank *answers_bank (void);

enum { NUMBER, LEVEL, TOPIC, QUESTION, ANSWER, STATUS, STARRED, NOTES, NEXT_DUE };

static GPtrArray *
export_csv (Fixture   *f,
            VivaBank  *bank,
            GPtrArray *questions)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = viva_export_csv (bank, questions, f->notes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return parse_csv (bytes);
}

static void
test_csv_columns (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;
  VivaQuestion *q42 = viva_bank_lookup_question (f->bank, 42);
  VivaQuestion *q951 = viva_bank_lookup_question (f->bank, 951);
  VivaNote *note = viva_notes_store_get_note (f->notes, VIVA_BUNDLED_BANK_ID, 42);
  g_autoptr(GDateTime) due = NULL;
  g_autofree char *due_text = NULL;
  g_autofree char *q42_row = NULL;
  gint64 now = g_get_real_time ();
  guint row = 0;

  viva_note_set_text (note, "Slicing is half-open.");
  viva_note_set_starred (note, TRUE);
  /* A grade sets the status too: Learning is chosen after it. */
  viva_note_grade (note, VIVA_REVIEW_GRADE_GOOD, now);
  viva_note_set_status (note, VIVA_STATUS_LEARNING);
  g_assert_cmpint (viva_note_get_due (note), >, now);
  due = g_date_time_new_from_unix_local (viva_note_get_due (note) / G_USEC_PER_SEC);
  due_text = g_date_time_format (due, "%Y-%m-%d");
  /* A note of another bank is not this one's. */
  viva_note_set_text (viva_notes_store_get_note (f->notes, "other", 1), "Other bank");

  records = export_csv (f, f->bank, NULL);
  g_assert_cmpuint (records->len, ==, 1 + 415);
  {
    g_autofree char *header = g_strjoinv (",", g_ptr_array_index (records, 0));

    g_assert_cmpstr (header, ==, CSV_HEADER);
  }

  /* Every question once, in the bank's order. */
  for (guint i = 0; i < 415; i++)
    {
      g_autoptr(VivaQuestion) question = g_list_model_get_item (viva_bank_get_questions (f->bank), i);
      g_autofree char *number = g_strdup_printf ("%u", viva_question_get_number (question));

      g_assert_cmpstr (cell (records, i + 1, NUMBER), ==, number);
      g_assert_cmpstr (cell (records, i + 1, QUESTION), ==, viva_question_get_text (question));
      if (question == q42)
        row = i + 1;
    }
  g_assert_cmpuint (row, >, 0);

  g_assert_cmpstr (cell (records, row, LEVEL), ==, "Level 1: Beginner");
  g_assert_cmpstr (cell (records, row, TOPIC), ==, "Strings");
  g_assert_cmpstr (cell (records, row, ANSWER), ==, "");
  g_assert_cmpstr (cell (records, row, STATUS), ==, "learning");
  g_assert_cmpstr (cell (records, row, STARRED), ==, "yes");
  g_assert_cmpstr (cell (records, row, NOTES), ==, "Slicing is half-open.");
  g_assert_cmpstr (cell (records, row, NEXT_DUE), ==, due_text);

  /* No note: new, not starred, nothing due. Level 6 has no topics. */
  row = viva_question_get_position (q951) + 1;
  g_assert_cmpstr (cell (records, row, NUMBER), ==, "951");
  g_assert_cmpstr (cell (records, row, TOPIC), ==, "");
  g_assert_cmpstr (cell (records, row, STATUS), ==, "new");
  g_assert_cmpstr (cell (records, row, STARRED), ==, "no");
  g_assert_cmpstr (cell (records, row, NOTES), ==, "");
  g_assert_cmpstr (cell (records, row, NEXT_DUE), ==, "");

  q42_row = g_strjoinv ("|", g_ptr_array_index (records, viva_question_get_position (q42) + 1));
  g_assert_null (strstr (q42_row, "Other bank"));
}

static void
test_csv_quoting (Fixture       *f,
                  gconstpointer  data)
{
  const char *hostile[] = {
    "commas, \"quotes\" and \"\"doubled\"\"",
    "line one\nline two\r\nline three\rend",
    "\"",
    ",",
    "trailing newline\n",
    "  spaces kept  ",
    "tab\there; semicolon",
    "Ünïcödé ✓ 𝄞",
  };
  g_autoptr(GPtrArray) questions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize len;
  const char *raw;

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      VivaQuestion *question = viva_bank_lookup_question (f->bank, i + 1);

      viva_note_set_text (viva_notes_store_get_note (f->notes, VIVA_BUNDLED_BANK_ID, i + 1), hostile[i]);
      g_ptr_array_add (questions, g_object_ref (question));
    }

  bytes = viva_export_csv (f->bank, questions, f->notes, NULL);
  raw = g_bytes_get_data (bytes, &len);
  /* The header is the first line, after the byte order mark. */
  g_assert_true (g_str_has_prefix (raw, "\xEF\xBB\xBF" CSV_HEADER "\r\n"));
  g_assert_true (len >= 2 && raw[len - 2] == '\r' && raw[len - 1] == '\n');

  records = parse_csv (bytes);
  g_assert_cmpuint (records->len, ==, 1 + G_N_ELEMENTS (hostile));
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    g_assert_cmpstr (cell (records, i + 1, NOTES), ==, hostile[i]);
}

static void
test_csv_formula_prefix (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(VivaBank) bank = bank_from_text ("# Formulas\n\n"
                                             "## Level 1: =Level\n\n"
                                             "### @Topic\n\n"
                                             "**Question 1:** =HYPERLINK(\"http://x\",\"y\")\n\n"
                                             "**Question 2:** +1 or -1?\n\n"
                                             "**Question 3:** What is a = b?\n\n",
                                             "formulas");
  g_autoptr(GPtrArray) records = NULL;

  viva_note_set_text (viva_notes_store_get_note (f->notes, "formulas", 1), "- a list");
  viva_note_set_text (viva_notes_store_get_note (f->notes, "formulas", 2), "@SUM(A1:A2)");
  viva_note_set_text (viva_notes_store_get_note (f->notes, "formulas", 3), "a = b, not =b");

  records = export_csv (f, bank, NULL);
  g_assert_cmpuint (records->len, ==, 4);
  g_assert_cmpstr (cell (records, 1, LEVEL), ==, "Level 1: =Level");
  g_assert_cmpstr (cell (records, 1, TOPIC), ==, "'@Topic");
  g_assert_cmpstr (cell (records, 1, QUESTION), ==, "'=HYPERLINK(\"http://x\",\"y\")");
  g_assert_cmpstr (cell (records, 1, NOTES), ==, "'- a list");
  g_assert_cmpstr (cell (records, 2, QUESTION), ==, "'+1 or -1?");
  g_assert_cmpstr (cell (records, 2, NOTES), ==, "'@SUM(A1:A2)");
  /* Only a formula's first character counts. */
  g_assert_cmpstr (cell (records, 3, QUESTION), ==, "What is a = b?");
  g_assert_cmpstr (cell (records, 3, NOTES), ==, "a = b, not =b");
}

static void
test_csv_subset (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) questions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GBytes) empty = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (questions, g_object_ref (viva_bank_lookup_question (f->bank, 7)));
  g_ptr_array_add (questions, g_object_ref (viva_bank_lookup_question (f->bank, 201)));
  records = export_csv (f, f->bank, questions);
  g_assert_cmpuint (records->len, ==, 3);
  g_assert_cmpstr (cell (records, 1, NUMBER), ==, "7");
  g_assert_cmpstr (cell (records, 2, NUMBER), ==, "201");

  empty = viva_export_csv (f->bank, none, f->notes, &error);
  g_assert_error (error, VIVA_EXPORT_ERROR, VIVA_EXPORT_ERROR_EMPTY);
  g_assert_null (empty);
}

/* The export's lines, the headers first. The file ends with a newline. */
static char **
anki_lines (GBytes *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autofree char *text = g_strndup (data, len);
  char **lines;
  guint n;

  g_assert_true (g_utf8_validate (data, len, NULL));
  g_assert_cmpuint (strlen (text), ==, len);
  g_assert_true (len > 0 && text[len - 1] == '\n');
  text[len - 1] = '\0';
  g_assert_null (strchr (text, '\r'));
  lines = g_strsplit (text, "\n", -1);
  n = g_strv_length (lines);

  /* Every note line: three fields, two tabs; none a comment. */
  for (guint i = 6; i < n; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 3);
      g_assert_cmpint (lines[i][0], !=, '#');
      g_assert_cmpint (lines[i][0], !=, '"');
    }

  return lines;
}

static char *
anki_field (char **lines,
            guint  line,
            guint  field)
{
  g_auto(GStrv) fields = NULL;

  g_assert_cmpuint (line, <, g_strv_length (lines));
  fields = g_strsplit (lines[line], "\t", -1);
  g_assert_cmpuint (field, <, g_strv_length (fields));
  return g_strdup (fields[field]);
}

static GBytes *
export_anki (Fixture   *f,
             VivaBank  *bank,
             GPtrArray *questions)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = viva_export_anki (bank, questions, f->notes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static void
test_anki_headers (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GBytes) bytes = export_anki (f, f->bank, NULL);
  g_auto(GStrv) lines = anki_lines (bytes);
  g_autoptr(VivaBank) tabbed = bank_from_text ("# Title\twith a tab\n\n## Level 1: A\n\n**Question 1:** Why?\n", "tabbed");
  g_autoptr(GBytes) tabbed_bytes = export_anki (f, tabbed, NULL);
  g_auto(GStrv) tabbed_lines = anki_lines (tabbed_bytes);

  g_assert_cmpuint (g_strv_length (lines), ==, 6 + 415);
  g_assert_cmpstr (lines[0], ==, "#separator:tab");
  g_assert_cmpstr (lines[1], ==, "#html:true");
  g_assert_cmpstr (lines[2], ==, "#notetype:Basic");
  g_assert_cmpstr (lines[3], ==, "#deck:Python Interview Questions: 1-1000");
  g_assert_cmpstr (lines[4], ==, "#columns:Front\tBack\tTags");
  g_assert_cmpstr (lines[5], ==, "#tags column:3");

  /* The deck's name is one header, whatever the title holds. */
  g_assert_cmpuint (g_strv_length (tabbed_lines), ==, 7);
  g_assert_true (g_str_has_prefix (tabbed_lines[3], "#deck:Title"));
  g_assert_null (strchr (tabbed_lines[3], '\t'));
  g_assert_cmpstr (tabbed_lines[4], ==, "#columns:Front\tBack\tTags");
}

static void
test_anki_fields_safe (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(VivaBank) bank = bank_from_text ("# Hostile\n\n## Level 1: A\n\n"
                                             "**Question 1:** #1 <script>alert(1)</script> a < b & \"quotes\"\\\n"
                                             "on two lines\n\n"
                                             "**Question 2:** \"Quoted\" first\n\n",
                                             "hostile");
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *front = NULL;
  g_autofree char *back = NULL;
  g_autofree char *quoted = NULL;

  viva_note_set_text (viva_notes_store_get_note (f->notes, "hostile", 1),
                      "tab\there\nnew line\r\n<img src=x onerror=alert(1)> <script>x</script>\n\n#not a comment");
  bytes = export_anki (f, bank, NULL);
  lines = anki_lines (bytes);
  g_assert_cmpuint (g_strv_length (lines), ==, 6 + 2);

  front = anki_field (lines, 6, 0);
  /* The bank drops raw HTML; what is left is escaped. */
  g_assert_cmpstr (front, ==, "&#35;1 alert(1) a &lt; b &amp; &quot;quotes&quot;<br>on two lines");
  back = anki_field (lines, 6, 1);
  g_assert_null (strstr (back, "<script"));
  g_assert_null (strstr (back, "<img"));
  g_assert_nonnull (strstr (back, "tab"));
  g_assert_nonnull (strstr (back, "not a comment"));
  quoted = anki_field (lines, 7, 0);
  g_assert_cmpstr (quoted, ==, "&quot;Quoted&quot; first");
}

static void
test_anki_code (Fixture       *f,
                gconstpointer  data)
{
  VivaQuestion *q42 = viva_bank_lookup_question (f->bank, 42);
  g_autoptr(GPtrArray) questions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *front = NULL;
  g_autofree char *back = NULL;

  viva_note_set_text (viva_notes_store_get_note (f->notes, VIVA_BUNDLED_BANK_ID, 42),
                      "Half-open:\n\n```python\ndef f(s):\n    return s[1:4] < \"z\"\n```\n");
  g_ptr_array_add (questions, g_object_ref (q42));
  bytes = export_anki (f, f->bank, questions);
  lines = anki_lines (bytes);

  /* The question's code in <code>. */
  front = anki_field (lines, 6, 0);
  g_assert_nonnull (strstr (front, "<code>s = &quot;Programming&quot;</code>"));
  /* The note's code block line for line, indentation and < kept. */
  back = anki_field (lines, 6, 1);
  g_assert_nonnull (strstr (back, "<pre><code>def f(s):<br>    return s[1:4] &lt; &quot;z&quot;</code></pre>"));
  g_assert_nonnull (strstr (back, "Half-open:"));
}

/* The bank's answer on the back, then the user's note after a rule. */
static void
test_anki_answers (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(VivaBank) bank = answers_bank ();
  const char *id = viva_bank_get_id (bank);
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *q1 = NULL;
  g_autofree char *q2 = NULL;
  g_autofree char *q3 = NULL;
  g_autofree char *q4 = NULL;

  g_assert_nonnull (viva_question_get_answer (viva_bank_lookup_question (bank, 1)));
  g_assert_null (viva_question_get_answer (viva_bank_lookup_question (bank, 3)));
  viva_note_set_text (viva_notes_store_get_note (f->notes, id, 1), "Mine: *bytes* differ");
  viva_note_set_text (viva_notes_store_get_note (f->notes, id, 3), "Only a note");

  bytes = export_anki (f, bank, NULL);
  lines = anki_lines (bytes);
  q1 = anki_field (lines, 6, 1);
  g_assert_true (g_str_has_prefix (q1, "<p>The number of characters (code points) in it, not bytes:</p>"
                                       "<pre><code>len(&quot;héllo&quot;)  # 5<br>"
                                       "len(&quot;héllo&quot;.encode())  # 6</code></pre>"));
  g_assert_true (g_str_has_suffix (q1, "<hr><p>Mine: <i>bytes</i> differ</p>"));
  q2 = anki_field (lines, 7, 1);
  g_assert_nonnull (strstr (q2, "<li><code>list(range(5))</code> gives <code>[0, 1, 2, 3, 4]</code>;</li>"));
  g_assert_null (strstr (q2, "<hr>"));
  /* No answer: the note alone, no rule. */
  q3 = anki_field (lines, 8, 1);
  g_assert_cmpstr (q3, ==, "<p>Only a note</p>");
  /* The bank's own "**Notes:**" is not its answer. */
  q4 = anki_field (lines, 9, 1);
  g_assert_null (strstr (q4, "My own notes"));
}

static void
test_anki_tags (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) questions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(VivaBank) odd = bank_from_text ("# Odd\n\n## Level 2: Hard / Tricky, really_so\n\n### C++ & \"Rust\"\n\n"
                                            "**Question 1:** Why?\n", "odd");
  g_autoptr(GBytes) odd_bytes = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) odd_lines = NULL;
  g_autofree char *q42 = NULL;
  g_autofree char *q951 = NULL;
  g_autofree char *odd_tags = NULL;

  viva_note_set_starred (viva_notes_store_get_note (f->notes, VIVA_BUNDLED_BANK_ID, 951), TRUE);
  g_ptr_array_add (questions, g_object_ref (viva_bank_lookup_question (f->bank, 42)));
  g_ptr_array_add (questions, g_object_ref (viva_bank_lookup_question (f->bank, 951)));
  bytes = export_anki (f, f->bank, questions);
  lines = anki_lines (bytes);

  q42 = anki_field (lines, 6, 2);
  g_assert_cmpstr (q42, ==, "Level_1_Beginner::Strings");
  /* No topic: the level alone; starred as a tag of its own. */
  q951 = anki_field (lines, 7, 2);
  g_assert_cmpstr (q951, ==, "Level_6_Practical_Coding_Challenges starred");

  odd_bytes = export_anki (f, odd, NULL);
  odd_lines = anki_lines (odd_bytes);
  odd_tags = anki_field (odd_lines, 6, 2);
  g_assert_cmpstr (odd_tags, ==, "Level_2_Hard_Tricky_really_so::C_Rust");
}

static void
test_anki_subset_starred (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) starred = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) empty = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  guint numbers[] = { 3, 205, 960 };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      viva_note_set_starred (viva_notes_store_get_note (f->notes, VIVA_BUNDLED_BANK_ID, numbers[i]), TRUE);
      g_ptr_array_add (starred, g_object_ref (viva_bank_lookup_question (f->bank, numbers[i])));
    }

  bytes = export_anki (f, f->bank, starred);
  lines = anki_lines (bytes);
  g_assert_cmpuint (g_strv_length (lines), ==, 6 + 3);
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autofree char *tags = anki_field (lines, 6 + i, 2);
      g_autofree char *markup = viva_question_dup_markup (viva_bank_lookup_question (f->bank, numbers[i]));
      g_autofree char *front = anki_field (lines, 6 + i, 0);

      g_assert_true (g_str_has_suffix (tags, " starred"));
      /* Questions without code or line breaks read as their markup. */
      if (strchr (markup, '<') == NULL && strchr (markup, '"') == NULL)
        g_assert_cmpstr (front, ==, markup);
    }

  empty = viva_export_anki (f->bank, none, f->notes, &error);
  g_assert_error (error, VIVA_EXPORT_ERROR, VIVA_EXPORT_ERROR_EMPTY);
  g_assert_null (empty);
}

/* @a and @b hold the same questions: numbers, text, spans (through
 * their markup), levels and topics, in the same order. */
static void
assert_same_questions (VivaBank *a,
                       VivaBank *b)
{
  GListModel *qa = viva_bank_get_questions (a);
  GListModel *qb = viva_bank_get_questions (b);

  g_assert_cmpstr (viva_bank_get_title (a), ==, viva_bank_get_title (b));
  g_assert_cmpuint (g_list_model_get_n_items (qa), ==, g_list_model_get_n_items (qb));
  for (guint i = 0; i < g_list_model_get_n_items (qa); i++)
    {
      g_autoptr(VivaQuestion) x = g_list_model_get_item (qa, i);
      g_autoptr(VivaQuestion) y = g_list_model_get_item (qb, i);
      g_autofree char *markup_x = viva_question_dup_markup (x);
      g_autofree char *markup_y = viva_question_dup_markup (y);
      VivaTopic *topic_x = viva_question_get_topic (x);
      VivaTopic *topic_y = viva_question_get_topic (y);

      g_assert_cmpuint (viva_question_get_number (x), ==, viva_question_get_number (y));
      g_assert_cmpstr (viva_question_get_text (x), ==, viva_question_get_text (y));
      g_assert_cmpstr (markup_x, ==, markup_y);
      g_assert_cmpuint (viva_level_get_number (viva_question_get_level (x)), ==,
                        viva_level_get_number (viva_question_get_level (y)));
      g_assert_cmpstr (viva_level_get_title (viva_question_get_level (x)), ==,
                       viva_level_get_title (viva_question_get_level (y)));
      g_assert_cmpstr (topic_x ? viva_topic_get_name (topic_x) : NULL, ==,
                       topic_y ? viva_topic_get_name (topic_y) : NULL);
    }
}

static VivaBank *
reopen (GBytes     *bytes,
        const char *id)
{
  g_autoptr(GError) error = NULL;
  VivaBank *bank = viva_bank_new_from_bytes (bytes, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bank);
  return bank;
}

static void
test_markdown_round_trip (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = viva_export_markdown (f->bank, NULL, NULL, &error);
  g_autoptr(GBytes) second = NULL;
  g_autoptr(VivaBank) reopened = NULL;

  g_assert_no_error (error);
  reopened = reopen (first, VIVA_BUNDLED_BANK_ID);
  assert_same_questions (f->bank, reopened);

  /* Exported again from what was opened: the same bytes. */
  second = viva_export_markdown (reopened, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (first, second));
}

/* A bank with answers: each comes back the same, and so do the bytes. */
static void
test_markdown_round_trip_answers (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(VivaBank) bank = answers_bank ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(VivaBank) reopened = NULL;
  GListModel *questions = viva_bank_get_questions (bank);
  g_autoptr(VivaBankDraft) draft = viva_bank_draft_new_from_bank (bank);
  const char *answer = NULL;

  /* A draft made from a bank keeps its answers. */
  viva_bank_draft_get_question (draft, 0, NULL, NULL, NULL, NULL, &answer);
  g_assert_nonnull (answer);

  viva_note_set_text (viva_notes_store_get_note (f->notes, viva_bank_get_id (bank), 2),
                      "**Answer:** a note that looks like an answer\n\n#### And a heading");
  first = viva_export_markdown (bank, NULL, f->notes, &error);
  g_assert_no_error (error);
  reopened = reopen (first, viva_bank_get_id (bank));
  assert_same_questions (bank, reopened);
  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(VivaQuestion) was = g_list_model_get_item (questions, i);
      VivaQuestion *is = viva_bank_lookup_question (reopened, viva_question_get_number (was));

      g_assert_cmpstr (viva_question_get_answer (is), ==, viva_question_get_answer (was));
    }

  second = viva_export_markdown (reopened, NULL, f->notes, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (first, second));
}

static void
test_markdown_notes (Fixture       *f,
                     gconstpointer  data)
{
  /* Notes that would reshape a bank were they written as they are. */
  const char *hostile[] = {
    "**Question 9999:** not a question",
    "## Level 9: Not a level\n\n### Not a topic",
    "# Not a title",
    "- a list\n  - nested\n\n```python\nprint(1)\n```",
    "**Answer:** not an answer",
    "**Notes:** twice",
  };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) without = NULL;
  g_autoptr(VivaBank) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *note = g_strcompress (hostile[i]);

      viva_note_set_text (viva_notes_store_get_note (f->notes, VIVA_BUNDLED_BANK_ID, i + 1), note);
    }
  /* A status alone is no note to write. */
  viva_note_set_status (viva_notes_store_get_note (f->notes, VIVA_BUNDLED_BANK_ID, 42), VIVA_STATUS_CONFIDENT);

  bytes = viva_export_markdown (f->bank, NULL, f->notes, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (strstr (text, "**Question 1:** "));
  g_assert_nonnull (strstr (text, "**Notes:**\n\n"));
  g_assert_nonnull (strstr (text, "print(1)"));
  g_assert_nonnull (strstr (text, "not a question"));
  g_assert_nonnull (strstr (text, "Not a level"));

  /* Opened again: the same bank, none of the notes' shapes in it. */
  reopened = reopen (bytes, VIVA_BUNDLED_BANK_ID);
  assert_same_questions (f->bank, reopened);
  g_assert_null (viva_bank_lookup_question (reopened, 9999));

  /* Without notes, none of them is written. */
  without = viva_export_markdown (f->bank, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_bytes_equal (bytes, without));
  {
    g_autofree char *plain = g_strndup (g_bytes_get_data (without, NULL), g_bytes_get_size (without));

    g_assert_null (strstr (plain, "**Notes:**"));
    g_assert_null (strstr (plain, "not a question"));
  }
}

static void
test_markdown_subset (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) questions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) empty = NULL;
  g_autoptr(VivaBank) reopened = NULL;
  g_autoptr(GError) error = NULL;
  guint numbers[] = { 7, 201, 951 };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    g_ptr_array_add (questions, g_object_ref (viva_bank_lookup_question (f->bank, numbers[i])));

  bytes = viva_export_markdown (f->bank, questions, NULL, &error);
  g_assert_no_error (error);
  reopened = reopen (bytes, VIVA_BUNDLED_BANK_ID);
  g_assert_cmpuint (viva_bank_get_n_questions (reopened), ==, 3);
  /* Each keeps its number, level and topic; levels left empty go. */
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      VivaQuestion *was = viva_bank_lookup_question (f->bank, numbers[i]);
      VivaQuestion *is = viva_bank_lookup_question (reopened, numbers[i]);

      g_assert_nonnull (is);
      g_assert_cmpstr (viva_question_get_text (is), ==, viva_question_get_text (was));
      g_assert_cmpstr (viva_level_get_title (viva_question_get_level (is)), ==,
                       viva_level_get_title (viva_question_get_level (was)));
    }
  g_assert_cmpuint (viva_bank_get_n_levels (reopened), ==, 3);

  empty = viva_export_markdown (f->bank, none, f->notes, &error);
  g_assert_error (error, VIVA_EXPORT_ERROR, VIVA_EXPORT_ERROR_EMPTY);
  g_assert_null (empty);
}

static VivaBank *
answers_bank (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "banks", "answers.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  VivaBank *bank = viva_bank_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bank);
  return bank;
}

/* @text's words, line by line: each run of spaces as one, none at
 * either end of a line. The importer reads a CSV cell as plain text,
 * which keeps the words and lines of an answer but not the indentation
 * or alignment of its code (README, "Export"). */
static char *
dup_stripped_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit_set (lines[i], " \t", -1);
      gboolean first = TRUE;

      if (i > 0)
        g_string_append_c (out, '\n');
      for (guint w = 0; words[w] != NULL; w++)
        if (words[w][0] != '\0')
          {
            if (!first)
              g_string_append_c (out, ' ');
            g_string_append (out, words[w]);
            first = FALSE;
          }
    }

  return g_string_free (out, FALSE);
}

/* The CSV export read back by Viva's importer: the same questions, by
 * number, with the same levels, topics and (as plain text) answers. */
static void
test_csv_reimport (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(VivaBank) bank = answers_bank ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(VivaImportResult) result = NULL;
  g_autoptr(GBytes) markdown = NULL;
  g_autoptr(VivaBank) reimported = NULL;
  GListModel *questions = viva_bank_get_questions (bank);
  g_autoptr(GString) differ = g_string_new (NULL);
  guint n_answered = 0;

  /* A note and a formula-looking one: notes are not part of a bank. */
  viva_note_set_text (viva_notes_store_get_note (f->notes, viva_bank_get_id (bank), 1), "=1+1, and \"more\"");
  csv = viva_export_csv (bank, NULL, f->notes, &error);
  g_assert_no_error (error);

  result = viva_import_bytes (csv, "answers.csv", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (viva_import_result_get_shape (result), ==, VIVA_IMPORT_SHAPE_CSV);
  markdown = viva_bank_draft_to_markdown (viva_import_result_get_draft (result), NULL, NULL);
  reimported = viva_bank_new_from_bytes (markdown, "reimported", &error);
  g_assert_no_error (error);

  g_assert_cmpuint (viva_bank_get_n_questions (reimported), ==, viva_bank_get_n_questions (bank));
  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(VivaQuestion) was = g_list_model_get_item (questions, i);
      VivaQuestion *is = viva_bank_lookup_question (reimported, viva_question_get_number (was));
      VivaTopic *topic_was = viva_question_get_topic (was);
      VivaTopic *topic_is = NULL;

      g_assert_nonnull (is);
      topic_is = viva_question_get_topic (is);
      g_assert_cmpuint (viva_question_get_position (is), ==, i);
      g_assert_cmpstr (viva_question_get_text (is), ==, viva_question_get_text (was));
      g_assert_cmpstr (viva_level_get_title (viva_question_get_level (is)), ==,
                       viva_level_get_title (viva_question_get_level (was)));
      g_assert_cmpstr (topic_is ? viva_topic_get_name (topic_is) : NULL, ==,
                       topic_was ? viva_topic_get_name (topic_was) : NULL);

      if (viva_question_get_answer (was) == NULL)
        g_assert_null (viva_question_get_answer (is));
      else
        {
          g_autofree char *plain_was = viva_answer_to_plain_text (viva_question_get_answer (was));
          g_autofree char *plain_is = viva_answer_to_plain_text (viva_question_get_answer (is));
          g_autofree char *words_was = dup_stripped_lines (plain_was);
          g_autofree char *words_is = dup_stripped_lines (plain_is);

          if (g_strcmp0 (words_is, words_was) != 0)
            g_string_append_printf (differ, " %u", viva_question_get_number (was));
          n_answered++;
        }
    }
  g_assert_cmpuint (n_answered, >, 2);

  /* Every answer comes back with the same words on the same lines
   * (viva_answer_normalize() keeps a line's "N\." escape after a hard
   * break, so the importer's plain text stays plain). */
  g_assert_cmpstr (differ->str, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/export/" path, Fixture, NULL, viva_test_bundled_set_up, func, viva_test_bundled_tear_down)
  ADD ("anki/headers", test_anki_headers);
  ADD ("anki/fields-safe", test_anki_fields_safe);
  ADD ("anki/code", test_anki_code);
  ADD ("anki/answers", test_anki_answers);
  ADD ("anki/tags", test_anki_tags);
  ADD ("anki/subset-starred", test_anki_subset_starred);
  ADD ("csv/columns", test_csv_columns);
  ADD ("csv/quoting", test_csv_quoting);
  ADD ("csv/formula-prefix", test_csv_formula_prefix);
  ADD ("csv/subset", test_csv_subset);
  ADD ("csv/reimport", test_csv_reimport);
  ADD ("markdown/round-trip", test_markdown_round_trip);
  ADD ("markdown/round-trip-answers", test_markdown_round_trip_answers);
  ADD ("markdown/notes", test_markdown_notes);
  ADD ("markdown/subset", test_markdown_subset);
#undef ADD

  return g_test_run ();
}
