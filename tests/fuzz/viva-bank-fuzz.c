/* viva-bank-fuzz.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-answer.h"
#include "viva-bank-fuzz.h"
#include "viva-bank-writer.h"
#include "viva-query.h"
#include "viva-related.h"
#include "viva-search.h"

static void
check_markup (const char *markup)
{
  static const GMarkupParser no_callbacks = { 0 };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *document = g_strconcat ("<markup>", markup, "</markup>", NULL);

  context = g_markup_parse_context_new (&no_callbacks, 0, NULL, NULL);
  if (g_markup_parse_context_parse (context, document, -1, &error))
    g_markup_parse_context_end_parse (context, &error);

  if (error != NULL)
    g_error ("a question's markup “%s” does not parse: %s", markup, error->message);
}

static void
check_question (VivaBank     *bank,
                VivaQuestion *question,
                VivaQuery    *query)
{
  const char *text = viva_question_get_text (question);
  gsize len = strlen (text);
  const VivaSpan *spans;
  guint n_spans = 0;
  g_autofree char *markup = NULL;
  g_autofree char *highlighted = NULL;
  VivaLevel *level = viva_question_get_level (question);
  VivaTopic *topic = viva_question_get_topic (question);

  g_assert_cmpuint (len, >, 0);
  g_assert_true (g_utf8_validate (text, len, NULL));
  g_assert_false (g_ascii_isspace (text[0]));
  g_assert_false (g_ascii_isspace (text[len - 1]));
  g_assert_true (viva_bank_lookup_question (bank, viva_question_get_number (question)) == question);

  /* An answer, when there is one, is canonical: valid, and a fixed point. */
  if (viva_question_get_answer (question) != NULL)
    {
      const char *answer = viva_question_get_answer (question);
      g_autofree char *again = viva_answer_normalize (answer, strlen (answer));

      g_assert_true (g_utf8_validate (answer, -1, NULL));
      g_assert_cmpstr (again, ==, answer);
    }

  g_assert_true (VIVA_IS_LEVEL (level));
  if (topic != NULL)
    g_assert_true (viva_topic_get_level (topic) == level);

  /* As viva-bank-private.h promises: inside the text, never empty,
   * sorted by start, and nested. */
  spans = _viva_question_get_spans (question, &n_spans);
  for (guint i = 0; i < n_spans; i++)
    {
      g_assert_cmpuint (spans[i].start, <, spans[i].end);
      g_assert_cmpuint (spans[i].end, <=, len);
      g_assert_true (spans[i].kind == VIVA_SPAN_CODE ||
                     spans[i].kind == VIVA_SPAN_EMPHASIS ||
                     spans[i].kind == VIVA_SPAN_STRONG);
      if (i > 0)
        g_assert_cmpuint (spans[i - 1].start, <=, spans[i].start);
      for (guint j = 0; j < i; j++)
        {
          if (spans[i].start < spans[j].end)
            g_assert_cmpuint (spans[i].end, <=, spans[j].end);
        }
    }

  markup = viva_question_dup_markup (question);
  check_markup (markup);
  highlighted = viva_question_dup_markup_highlighted (question, query);
  check_markup (highlighted);
  g_assert_true (g_utf8_validate (viva_question_get_search_key (question), -1, NULL));
}

/* What Viva does with every bank it opens: "See Also" (the related
 * index, built as the bank loads) and search, here with each question's
 * own text as the query. */
static void
check_indexes (VivaBank *bank)
{
  g_autoptr(VivaRelatedIndex) related = viva_related_index_new (bank);
  g_autoptr(VivaSearchIndex) search = viva_search_index_new (bank);
  GListModel *questions = viva_bank_get_questions (bank);
  guint n_questions = MIN (g_list_model_get_n_items (questions), 64);
  VivaSearchFilters filters;

  viva_search_filters_init (&filters);

  for (guint i = 0; i < n_questions; i++)
    {
      g_autoptr(VivaQuestion) question = g_list_model_get_item (questions, i);
      g_autoptr(GPtrArray) matches = viva_related_index_find (related, question, 5);
      g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(VivaQuery) query = viva_query_new (viva_question_get_text (question));

      for (guint j = 0; j < matches->len; j++)
        {
          VivaRelatedMatch *match = g_ptr_array_index (matches, j);

          g_assert_true (match->question != question);
        }

      viva_search_index_run (search, query, &filters, positions);
      for (guint j = 0; j < positions->len; j++)
        g_assert_cmpuint (g_array_index (positions, guint, j), <, viva_bank_get_n_questions (bank));
    }
}

void
viva_fuzz_check_parse (VivaBank     *bank,
                       const GError *error)
{
  g_autoptr(VivaQuery) query = NULL;
  GListModel *questions;
  guint n_questions;

  g_assert_true ((bank == NULL) != (error == NULL));

  if (error != NULL)
    {
      g_assert_true (error->domain == VIVA_BANK_ERROR);
      g_assert_nonnull (error->message);
      g_assert_cmpuint (strlen (error->message), >, 0);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return;
    }

  g_assert_true (VIVA_IS_BANK (bank));
  g_assert_true (g_utf8_validate (viva_bank_get_title (bank), -1, NULL));
  g_assert_cmpuint (viva_bank_get_n_levels (bank), >, 0);

  questions = viva_bank_get_questions (bank);
  n_questions = g_list_model_get_n_items (questions);
  g_assert_cmpuint (n_questions, >, 0);
  g_assert_cmpuint (n_questions, ==, viva_bank_get_n_questions (bank));

  query = viva_query_new ("a question");
  for (guint i = 0; i < n_questions; i++)
    {
      g_autoptr(VivaQuestion) question = g_list_model_get_item (questions, i);

      g_assert_cmpuint (viva_question_get_position (question), ==, i);
      check_question (bank, question, query);
    }

  check_indexes (bank);
}

void
viva_fuzz_assert_same_question (VivaQuestion *a,
                                VivaQuestion *b)
{
  const VivaSpan *spans_a;
  const VivaSpan *spans_b;
  guint n_a;
  guint n_b;
  VivaTopic *topic_a = viva_question_get_topic (a);
  VivaTopic *topic_b = viva_question_get_topic (b);

  spans_a = _viva_question_get_spans (a, &n_a);
  spans_b = _viva_question_get_spans (b, &n_b);
  if (g_strcmp0 (viva_question_get_text (a), viva_question_get_text (b)) != 0 ||
      n_a != n_b || (n_a > 0 && memcmp (spans_a, spans_b, n_a * sizeof (VivaSpan)) != 0))
    {
      g_autofree char *written = viva_bank_writer_dup_question_markdown (a);

      g_printerr ("question %u: %s\nwritten as: %s\nread back: %s\n", viva_question_get_number (a),
                  viva_question_get_text (a), written, viva_question_get_text (b));
      for (guint i = 0; i < n_a; i++)
        g_printerr ("  read %u-%u kind %d\n", spans_a[i].start, spans_a[i].end, spans_a[i].kind);
      for (guint i = 0; i < n_b; i++)
        g_printerr ("  read back %u-%u kind %d\n", spans_b[i].start, spans_b[i].end, spans_b[i].kind);
    }

  g_assert_cmpuint (viva_question_get_number (a), ==, viva_question_get_number (b));
  g_assert_cmpstr (viva_question_get_text (a), ==, viva_question_get_text (b));
  g_assert_cmpstr (viva_question_get_answer (a), ==, viva_question_get_answer (b));
  g_assert_cmpuint (viva_level_get_number (viva_question_get_level (a)), ==,
                    viva_level_get_number (viva_question_get_level (b)));
  g_assert_cmpstr (viva_level_get_name (viva_question_get_level (a)), ==,
                   viva_level_get_name (viva_question_get_level (b)));
  g_assert_cmpstr (viva_level_get_title (viva_question_get_level (a)), ==,
                   viva_level_get_title (viva_question_get_level (b)));
  g_assert_true ((topic_a == NULL) == (topic_b == NULL));
  if (topic_a != NULL)
    g_assert_cmpstr (viva_topic_get_name (topic_a), ==, viva_topic_get_name (topic_b));

  g_assert_cmpuint (n_a, ==, n_b);
  if (n_a > 0)
    g_assert_cmpmem (spans_a, n_a * sizeof (VivaSpan), spans_b, n_b * sizeof (VivaSpan));
}

void
viva_fuzz_assert_same_bank (VivaBank *a,
                            VivaBank *b)
{
  GPtrArray *qa = _viva_bank_get_question_array (a);
  GPtrArray *qb = _viva_bank_get_question_array (b);

  /* The levels and topics that hold questions are compared with each
   * question; a heading with no question under it is not written, as
   * a draft holds questions (a bank in which it was the only one is an
   * error, checked by viva_fuzz_check_parse()). */
  g_assert_cmpstr (viva_bank_get_title (a), ==, viva_bank_get_title (b));
  g_assert_cmpuint (qa->len, ==, qb->len);

  for (guint i = 0; i < qa->len; i++)
    viva_fuzz_assert_same_question (g_ptr_array_index (qa, i), g_ptr_array_index (qb, i));
}

GBytes *
viva_fuzz_check_round_trip (VivaBank *bank)
{
  g_autoptr(VivaBankDraft) draft = viva_bank_draft_new_from_bank (bank);
  g_autoptr(VivaBankDraft) again = NULL;
  g_autoptr(GBytes) written = viva_bank_draft_to_markdown (draft, NULL, NULL);
  g_autoptr(GBytes) written_again = NULL;
  g_autoptr(VivaBank) back = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (viva_bank_draft_get_n_questions (draft), ==, viva_bank_get_n_questions (bank));

  back = viva_bank_new_from_bytes (written, "written", &error);
  if (back == NULL)
    g_error ("a written bank does not parse back: %s\n%.*s", error->message,
             (int) MIN (g_bytes_get_size (written), 4000), (const char *) g_bytes_get_data (written, NULL));
  viva_fuzz_check_parse (back, NULL);
  viva_fuzz_assert_same_bank (bank, back);

  again = viva_bank_draft_new_from_bank (back);
  written_again = viva_bank_draft_to_markdown (again, NULL, NULL);
  g_assert_true (g_bytes_equal (written, written_again));

  return g_steal_pointer (&written);
}

void
viva_fuzz_parse_markdown (const guint8 *markdown,
                          gsize         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (markdown, size);
  g_autoptr(VivaBank) bank = NULL;
  g_autoptr(GError) error = NULL;

  bank = viva_bank_new_from_bytes (bytes, "fuzz", &error);
  viva_fuzz_check_parse (bank, error);

  /* What opens, saves: My Questions and an export write it back. Not
   * yet true of every span md4c 0.4.8 reads (tests/fuzz/writer-round-trip/
   * holds what the fuzzer found), so checked on request only. */
  if (bank != NULL && g_getenv ("VIVA_FUZZ_WRITER") != NULL)
    g_bytes_unref (viva_fuzz_check_round_trip (bank));
}

/* The events being played, and where each text event's text is in the
 * document handed to the parser. */
static const VivaFuzzEvent *playing;
static gsize n_playing;
static const char * const *playing_texts;

/* Stands in for md_parse(): sends the events, and stops where a callback
 * asks to, as md4c does. */
static int
play_events (const MD_CHAR   *text,
             MD_SIZE          size,
             const MD_PARSER *parser,
             void            *user_data)
{
  for (gsize i = 0; i < n_playing; i++)
    {
      const VivaFuzzEvent *event = &playing[i];
      /* Room for any detail md4c passes; only a heading's is read. */
      union {
        MD_BLOCK_H_DETAIL     h;
        MD_BLOCK_UL_DETAIL    ul;
        MD_BLOCK_OL_DETAIL    ol;
        MD_BLOCK_LI_DETAIL    li;
        MD_BLOCK_CODE_DETAIL  code;
        MD_BLOCK_TABLE_DETAIL table;
        MD_BLOCK_TD_DETAIL    td;
        MD_SPAN_A_DETAIL      a;
        MD_SPAN_IMG_DETAIL    img;
      } detail;
      int ret = 0;

      memset (&detail, 0, sizeof detail);
      detail.h.level = event->level;

      switch (event->kind)
        {
        case VIVA_FUZZ_ENTER_BLOCK:
          ret = parser->enter_block ((MD_BLOCKTYPE)event->type, &detail, user_data);
          break;

        case VIVA_FUZZ_LEAVE_BLOCK:
          ret = parser->leave_block ((MD_BLOCKTYPE)event->type, &detail, user_data);
          break;

        case VIVA_FUZZ_ENTER_SPAN:
          ret = parser->enter_span ((MD_SPANTYPE)event->type, &detail, user_data);
          break;

        case VIVA_FUZZ_LEAVE_SPAN:
          ret = parser->leave_span ((MD_SPANTYPE)event->type, &detail, user_data);
          break;

        case VIVA_FUZZ_TEXT:
          ret = parser->text ((MD_TEXTTYPE)event->type, playing_texts[i], strlen (event->text), user_data);
          break;

        default:
          g_assert_not_reached ();
        }

      if (ret != 0)
        return ret;
    }

  return 0;
}

VivaBank *
viva_fuzz_parse_events (const VivaFuzzEvent  *events,
                        gsize                 n_events,
                        GError              **error)
{
  g_autoptr(GString) document = g_string_new ("events\n");
  g_autofree gsize *offsets = g_new0 (gsize, n_events + 1);
  g_autofree const char **texts = g_new0 (const char *, n_events + 1);
  g_autoptr(GError) local_error = NULL;
  VivaBank *bank;

  /* The texts are laid out one a line in the document, so that what the
   * parser reports has line numbers, and it is NUL-terminated as
   * _viva_bank_parse() asks. */
  for (gsize i = 0; i < n_events; i++)
    {
      if (events[i].kind != VIVA_FUZZ_TEXT)
        continue;
      g_assert_nonnull (events[i].text);
      offsets[i] = document->len;
      g_string_append (document, events[i].text);
      g_string_append_c (document, '\n');
    }
  for (gsize i = 0; i < n_events; i++)
    texts[i] = events[i].kind == VIVA_FUZZ_TEXT ? document->str + offsets[i] : NULL;

  playing = events;
  n_playing = n_events;
  playing_texts = texts;

  bank = _viva_bank_parse (document->str, document->len, "fuzz", NULL, play_events, &local_error);

  playing = NULL;
  n_playing = 0;
  playing_texts = NULL;

  viva_fuzz_check_parse (bank, local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return bank;
}

static int
record_enter_block (MD_BLOCKTYPE  type,
                    void         *detail,
                    void         *user_data)
{
  VivaFuzzEvent event = { VIVA_FUZZ_ENTER_BLOCK, type, 0, NULL };

  if (type == MD_BLOCK_H)
    event.level = ((MD_BLOCK_H_DETAIL *)detail)->level;
  g_array_append_val ((GArray *)user_data, event);

  return 0;
}

static int
record_leave_block (MD_BLOCKTYPE  type,
                    void         *detail,
                    void         *user_data)
{
  VivaFuzzEvent event = { VIVA_FUZZ_LEAVE_BLOCK, type, 0, NULL };

  if (type == MD_BLOCK_H)
    event.level = ((MD_BLOCK_H_DETAIL *)detail)->level;
  g_array_append_val ((GArray *)user_data, event);

  return 0;
}

static int
record_enter_span (MD_SPANTYPE  type,
                   void        *detail,
                   void        *user_data)
{
  VivaFuzzEvent event = { VIVA_FUZZ_ENTER_SPAN, type, 0, NULL };

  g_array_append_val ((GArray *)user_data, event);

  return 0;
}

static int
record_leave_span (MD_SPANTYPE  type,
                   void        *detail,
                   void        *user_data)
{
  VivaFuzzEvent event = { VIVA_FUZZ_LEAVE_SPAN, type, 0, NULL };

  g_array_append_val ((GArray *)user_data, event);

  return 0;
}

static int
record_text (MD_TEXTTYPE    type,
             const MD_CHAR *text,
             MD_SIZE        size,
             void          *user_data)
{
  g_autofree char *copy = g_strndup (text, size);
  VivaFuzzEvent event = { VIVA_FUZZ_TEXT, type, 0, g_intern_string (copy) };

  g_array_append_val ((GArray *)user_data, event);

  return 0;
}

GArray *
viva_fuzz_record_events (const char *markdown)
{
  static const MD_PARSER recorder = {
    .abi_version = 0,
    .flags = MD_DIALECT_COMMONMARK,
    .enter_block = record_enter_block,
    .leave_block = record_leave_block,
    .enter_span = record_enter_span,
    .leave_span = record_leave_span,
    .text = record_text,
  };
  GArray *events = g_array_new (FALSE, TRUE, sizeof (VivaFuzzEvent));

  /* @markdown is a C string: NUL-terminated, as md4c needs. */
  g_assert_cmpint (md_parse (markdown, strlen (markdown), &recorder, events), ==, 0);

  return events;
}

/* What text events say: what a bank holds, and what breaks it. */
static const char * const vocabulary[] = {
  "",
  " ",
  "\n",
  "\t",
  ":",
  "*",
  "#",
  "Level 1: Basics",
  "Level 2",
  "Level 0 - Zero (Questions 1-2)",
  "Level 99999999999999999999: Huge",
  "Level 4294967295: Largest",
  "Level 1st",
  "Level",
  "Table of Contents",
  "Strings",
  "Question 1:",
  "Question 2",
  "Question 3: What is a list?",
  "Question",
  "Question 0",
  "Question 4294967296",
  "Question 2b",
  "What is a tuple?",
  "len",
  "é and ü",
  "\xe2\x80\x94",
  "&amp;",
  "&#0;",
  "&#9;",
  "&#x110000;",
  "&#xFFFF;",
  "&#;",
  "&;",
  "&",
  "&unknown;",
  "<br>",
};

GArray *
viva_fuzz_decode_events (const guint8 *data,
                         gsize         size)
{
  GArray *events = g_array_new (FALSE, TRUE, sizeof (VivaFuzzEvent));

  for (gsize i = 0; i + 1 < size; i += 2)
    {
      VivaFuzzEvent event = { 0 };
      guint op = data[i] % 5;
      guint type = data[i] / 5;
      guint arg = data[i + 1];

      switch (op)
        {
        case 0:
        case 1:
          event.kind = op == 0 ? VIVA_FUZZ_ENTER_BLOCK : VIVA_FUZZ_LEAVE_BLOCK;
          event.type = type % (MD_BLOCK_TD + 1);
          /* Levels md4c never sends are sent too. */
          event.level = arg % 8;
          break;

        case 2:
        case 3:
          event.kind = op == 2 ? VIVA_FUZZ_ENTER_SPAN : VIVA_FUZZ_LEAVE_SPAN;
          event.type = type % (MD_SPAN_U + 1);
          break;

        case 4:
        default:
          event.kind = VIVA_FUZZ_TEXT;
          event.type = type % (MD_TEXT_LATEXMATH + 1);
          event.text = vocabulary[arg % G_N_ELEMENTS (vocabulary)];
          break;
        }

      g_array_append_val (events, event);
    }

  return events;
}
