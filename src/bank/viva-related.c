/* viva-related.c
 *
 * Questions are compared as sets of terms weighted by how rare each term
 * is in the bank (IDF), by the cosine of those vectors. Interview
 * questions are short and formulaic ("What is the difference between…"),
 * so the words that say what a question is about are few: the function
 * words and the interview boilerplate are dropped, plurals are folded
 * ("decorators" is "decorator"), and everything inside `code` is kept as
 * written, stop word or not (`in`, `is`, `__init__`, `//`). Pairs of
 * neighbouring terms are terms too: they tell "duck typing" from "the
 * typing module", and "@property decorators" from "the properties of a
 * set", where single words match.
 *
 * The threshold, %VIVA_RELATED_THRESHOLD, was read off the bundled bank:
 * at 0.4 the questions it asks twice (copy, __str__/__repr__, context
 * managers, coroutines, the event loop, weakref, interning…) score 0.44
 * to 1, and the false friends sharing one word ("duck typing" and "the
 * typing module", "the diamond problem" and "the problems dataclasses
 * solve") score 0.27 to 0.32. A third of the bank then has a "See
 * also"; see tests/test-related.c.
 *
 * The index is an inverted index in flat arrays (compressed rows): for
 * each question its term ids, for each term the questions that have it.
 * Finding the questions like one question walks the lists of its few
 * terms and scores only the questions met there, so one look-up costs
 * the length of a handful of lists, whatever the size of the bank.
 * Terms are interned in hash tables of our own that hash each word once
 * as it is read, and pairs by the ids of their words: with GHashTable
 * and strings, interning was most of the time to index 100,000
 * questions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "viva-bank-private.h"
#include "viva-related.h"
#include "viva-text.h"

/* Longer "words" are base64, URLs or hashes: nothing two questions share
 * by being about the same thing. */
#define MAX_TERM_LEN 48

/* Runs of punctuation in code are operators (`//`, `**=`, `!=`) only when
 * they stand alone and are short. */
#define MAX_OPERATOR_LEN 3

struct _VivaRelatedIndex
{
  GObject     parent_instance;

  /* Owned: every question of the bank, in bank order. The index refers
   * to them by position. */
  GPtrArray  *questions;

  /* Forward index: question q has the term ids
   * doc_terms[doc_offsets[q] .. doc_offsets[q + 1]), without repeats. */
  guint32    *doc_offsets;
  guint32    *doc_terms;
  float      *doc_norms;

  /* Inverted index: term t is in the questions
   * term_docs[term_offsets[t] .. term_offsets[t + 1]), in bank order. */
  guint32    *term_offsets;
  guint32    *term_docs;
  float      *term_weights;

  /* Scratch space for look-ups, all zero between them. */
  float      *scores;
  GArray     *touched;

  guint       n_docs;
  guint       n_terms;
};

G_DEFINE_FINAL_TYPE (VivaRelatedIndex, viva_related_index, G_TYPE_OBJECT)

/* FNV-1a: short keys, computed once per word. */
static inline guint32
hash_bytes (const char *bytes,
            gsize       len)
{
  guint32 hash = 2166136261u;

  for (gsize i = 0; i < len; i++)
    hash = (hash ^ (guchar)bytes[i]) * 16777619u;

  return hash;
}

static inline guint32
hash_pair (guint32 first,
           guint32 second)
{
  guint64 key = ((guint64)first << 32) | second;

  return (guint32)((key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 32);
}

/* An open-addressing set of ids (stored as id + 1, 0 is empty), keyed by
 * whatever the caller hashes and compares. */
typedef struct
{
  guint32 *slots;
  guint32  mask;
  guint32  n_used;
} Slots;

static void
slots_init (Slots   *slots,
            guint32  size)
{
  g_assert ((size & (size - 1)) == 0);

  slots->slots = g_new0 (guint32, size);
  slots->mask = size - 1;
  slots->n_used = 0;
}

/* English function words, and the words every interview question uses
 * whatever it is about ("What is the difference between…", "Explain…
 * Provide an example."), after plurals are folded ("does" is "doe").
 * Only prose goes through this list: in code, `in`, `is` and `with` are
 * what the question is about. Kept sorted, which init_stop_words()
 * checks, so that a word is never listed twice. */
static const char * const stop_words[] = {
  "able", "about", "above", "across", "after", "again", "against", "all",
  "allow", "also", "always", "am", "an", "and", "another", "any",
  "anything", "approach", "are", "around", "as", "at", "basic", "be",
  "because", "been", "before", "being", "below", "best", "better",
  "between", "both", "briefly", "but", "by", "called", "can", "certain",
  "common", "concept", "consider", "could", "create", "created", "creating",
  "define", "defined", "demonstrate", "describe", "did", "differ",
  "difference", "different", "discuss", "do", "doe", "doesn", "doing",
  "done", "down", "during", "each", "eg", "either", "etc", "even", "ever",
  "every", "example", "explain", "few", "for", "from", "further", "get",
  "give", "given", "go", "good", "had", "happen", "has", "have", "having",
  "he", "help", "her", "here", "his", "how", "however", "ie", "if",
  "implement", "implemented", "important", "in", "instead", "into",
  "introduced", "is", "isn", "it", "its", "itself", "just", "know", "least",
  "let", "like", "look", "main", "make", "many", "may", "me", "mean",
  "might", "more", "most", "much", "must", "my", "name", "need", "new",
  "no", "nor", "not", "of", "off", "often", "on", "once", "one", "only",
  "or", "other", "our", "out", "output", "over", "own", "particular",
  "possible", "provide", "purpose", "python", "rather", "really", "result",
  "same", "say", "scenario", "she", "should", "show", "simple", "so",
  "some", "something", "specific", "still", "such", "take", "tell", "than",
  "that", "the", "their", "them", "then", "there", "these", "they", "thing",
  "this", "those", "three", "through", "to", "too", "two", "typical",
  "under", "until", "up", "upon", "us", "use", "used", "useful", "using",
  "various", "very", "via", "vs", "want", "was", "way", "we", "well",
  "were", "what", "when", "where", "whether", "which", "while", "who",
  "whom", "why", "will", "with", "within", "without", "work", "would",
  "write", "you", "your",
};

static Slots stop_slots;
static guint32 stop_hashes[G_N_ELEMENTS (stop_words)];

static gboolean
is_stop_word (const char *word,
              gsize       len,
              guint32     hash)
{
  for (guint32 i = hash & stop_slots.mask; stop_slots.slots[i] != 0; i = (i + 1) & stop_slots.mask)
    {
      guint32 j = stop_slots.slots[i] - 1;

      if (stop_hashes[j] == hash && strcmp (stop_words[j], word) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
init_stop_words (void)
{
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      slots_init (&stop_slots, 1024);
      g_assert (G_N_ELEMENTS (stop_words) < 512);

      for (guint i = 0; i < G_N_ELEMENTS (stop_words); i++)
        {
          const char *word = stop_words[i];
          guint32 j;

          stop_hashes[i] = hash_bytes (word, strlen (word));
          j = stop_hashes[i] & stop_slots.mask;

          g_assert (i == 0 || strcmp (stop_words[i - 1], word) < 0);

          while (stop_slots.slots[j] != 0)
            j = (j + 1) & stop_slots.mask;
          stop_slots.slots[j] = i + 1;
        }

      g_once_init_leave (&initialized, 1);
    }
}

/* Folds the plurals of English nouns, the only inflection that changes
 * what interview questions share ("decorators", "a decorator"; "classes",
 * "a class"; "properties", "property"). Verbs keep their forms. */
static void
stem_plural (char  *word,
             gsize *len)
{
  gsize n = *len;

  for (gsize i = 0; i < n; i++)
    {
      if (word[i] < 'a' || word[i] > 'z')
        return;
    }

  if (n < 4 || word[n - 1] != 's')
    return;

  if (n > 4 && g_str_has_suffix (word, "ies"))
    {
      word[n - 3] = 'y';
      n -= 2;
    }
  else if (g_str_has_suffix (word, "sses") || g_str_has_suffix (word, "shes") ||
           g_str_has_suffix (word, "ches") || g_str_has_suffix (word, "xes"))
    n -= 2;
  else if (g_str_has_suffix (word, "ss") || g_str_has_suffix (word, "us") ||
           g_str_has_suffix (word, "is"))
    return;
  else
    n -= 1;

  word[n] = '\0';
  *len = n;
}

/* Called with each term of a question, in order, repeats included. */
typedef void (*TermFunc) (const char *term,
                          gsize       len,
                          guint32     hash,
                          gpointer    user_data);

static inline gboolean
is_word_char (const char *p,
              const char *end)
{
  guchar c = (guchar)*p;

  if (c < 0x80)
    return g_ascii_isalnum (c) || c == '_';

  return g_unichar_isalnum (g_utf8_get_char_validated (p, end - p));
}

static inline gboolean
is_space (const char *p,
          const char *end)
{
  guchar c = (guchar)*p;

  if (c < 0x80)
    return g_ascii_isspace (c);

  return g_unichar_isspace (g_utf8_get_char_validated (p, end - p));
}

static inline const char *
next_char (const char *p)
{
  return (guchar)*p < 0x80 ? p + 1 : g_utf8_next_char (p);
}

typedef enum
{
  SEGMENT_PROSE,
  SEGMENT_CODE,
} SegmentKind;

/* Emits the @n bytes at @start as a term, unless they say nothing about
 * what the question is about. */
static void
emit_word (const char  *start,
           gsize        n,
           SegmentKind  kind,
           gboolean     fold_ascii,
           gboolean     quoted,
           TermFunc     func,
           gpointer     user_data)
{
  char word[MAX_TERM_LEN + 1];
  gboolean digits_only = TRUE;
  guint32 hash;

  /* Numbers are the values of an example (`s[1:4]`, "Python 3.7"), and
   * one letter is a variable name or what is left of "e.g.": neither
   * says what the question is about. */
  if (n > MAX_TERM_LEN || n < 2)
    return;

  for (gsize i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (start[i]))
        {
          digits_only = FALSE;
          break;
        }
    }
  if (digits_only)
    return;

  /* String literals in code are example data ("Hello", "apple,banana"),
   * except names such as "__main__". */
  if (quoted && memchr (start, '_', n) == NULL)
    return;

  if (fold_ascii)
    {
      for (gsize i = 0; i < n; i++)
        word[i] = (start[i] >= 'A' && start[i] <= 'Z') ? start[i] + ('a' - 'A') : start[i];
    }
  else
    memcpy (word, start, n);
  word[n] = '\0';

  if (kind == SEGMENT_PROSE)
    stem_plural (word, &n);

  hash = hash_bytes (word, n);
  if (kind == SEGMENT_PROSE && is_stop_word (word, n, hash))
    return;

  func (word, n, hash, user_data);
}

/* Emits the words of @text; with @operators, its operators instead: the
 * runs of punctuation that stand alone between spaces (`10 // 3`).
 * Returns how many words were not numbers, emitted or not. */
static guint
tokenize_segment (const char  *text,
                  gsize        len,
                  SegmentKind  kind,
                  gboolean     fold_ascii,
                  gboolean     operators,
                  TermFunc     func,
                  gpointer     user_data)
{
  const char *end = text + len;
  const char *p = text;
  char quote = '\0';
  guint n_names = 0;

  while (p < end)
    {
      const char *start = p;

      if (is_word_char (p, end))
        {
          gboolean digits_only = TRUE;

          while (p < end && is_word_char (p, end))
            {
              if (!g_ascii_isdigit (*p))
                digits_only = FALSE;
              p = next_char (p);
            }

          if (!digits_only)
            n_names++;

          if (!operators)
            emit_word (start, p - start, kind, fold_ascii, quote != '\0', func, user_data);
        }
      else if (is_space (p, end))
        p = next_char (p);
      else
        {
          while (p < end && !is_word_char (p, end) && !is_space (p, end))
            {
              if (kind == SEGMENT_CODE && (*p == '"' || *p == '\''))
                {
                  if (quote == '\0')
                    quote = *p;
                  else if (quote == *p)
                    quote = '\0';
                }
              p = next_char (p);
            }

          if (operators && p - start <= MAX_OPERATOR_LEN &&
              (start == text || is_space (start - 1, end)) &&
              (p == end || is_space (p, end)))
            {
              char op[MAX_OPERATOR_LEN + 1];

              memcpy (op, start, p - start);
              op[p - start] = '\0';
              func (op, p - start, hash_bytes (op, p - start), user_data);
            }
        }
    }

  return n_names;
}

static void
tokenize_range (const char  *text,
                gsize        start,
                gsize        end,
                gboolean     ascii,
                SegmentKind  kind,
                TermFunc     func,
                gpointer     user_data)
{
  g_autofree char *folded = NULL;
  const char *segment = text + start;
  gsize len = end - start;

  if (end <= start)
    return;

  /* Plain ASCII, nearly every question, folds to itself in lower case
   * (viva_text_normalize() says so): lowering each word as it is
   * copied spares a copy of the text. Anything else goes through the
   * search folding, so that "Café" and "cafe" are one term. */
  if (!ascii)
    {
      folded = viva_text_normalize (segment, len);
      segment = folded;
      len = strlen (folded);
    }

  /* Operators say what a question is about only when the code names
   * nothing: `10 // 3` is about //, `x = 10` and `x == "__main__"` are
   * not about = or ==. */
  if (tokenize_segment (segment, len, kind, ascii, FALSE, func, user_data) == 0 &&
      kind == SEGMENT_CODE)
    tokenize_segment (segment, len, kind, ascii, TRUE, func, user_data);
}

/* Calls @func for every word of @question, in order, repeats included:
 * pairs are made by the caller. */
static void
tokenize_question (VivaQuestion *question,
                   TermFunc      func,
                   gpointer      user_data)
{
  const char *text = viva_question_get_text (question);
  gsize len = strlen (text);
  const VivaSpan *spans;
  guint n_spans;
  gboolean ascii = TRUE;
  gsize pos = 0;

  for (gsize i = 0; i < len; i++)
    {
      if ((guchar)text[i] >= 0x80)
        {
          ascii = FALSE;
          break;
        }
    }

  spans = _viva_question_get_spans (question, &n_spans);

  for (guint i = 0; i < n_spans; i++)
    {
      gsize start = MIN (spans[i].start, len);
      gsize end = MIN (spans[i].end, len);

      if (spans[i].kind != VIVA_SPAN_CODE || end <= pos)
        continue;

      start = MAX (start, pos);
      tokenize_range (text, pos, start, ascii, SEGMENT_PROSE, func, user_data);
      tokenize_range (text, start, end, ascii, SEGMENT_CODE, func, user_data);
      pos = end;
    }

  tokenize_range (text, pos, len, ascii, SEGMENT_PROSE, func, user_data);
}

/* A term while the index is built: a word (its bytes in the builder's
 * chars) or a pair of neighbouring words (their ids). */
typedef struct
{
  guint32 hash;
  guint32 len;    /* 0 for a pair */
  guint32 first;  /* offset in chars; for a pair, the first word's id */
  guint32 second; /* for a pair, the second word's id */
  guint32 df;     /* how many questions have it */
  guint32 seen;   /* the last question that had it, + 1 */
} Term;

typedef struct
{
  GArray  *terms;
  GString *chars;
  Slots    words;
  Slots    pairs;
  GArray  *doc_terms;
  guint32  n_questions;
  guint32  previous; /* id + 1 of the question's last word, or 0 */
} Builder;

static void
builder_init (Builder *builder)
{
  builder->terms = g_array_new (FALSE, FALSE, sizeof (Term));
  builder->chars = g_string_new (NULL);
  builder->doc_terms = g_array_new (FALSE, FALSE, sizeof (guint32));
  slots_init (&builder->words, 1024);
  slots_init (&builder->pairs, 4096);
  builder->n_questions = 0;
  builder->previous = 0;
}

static void
builder_clear (Builder *builder)
{
  g_clear_pointer (&builder->terms, g_array_unref);
  g_string_free (g_steal_pointer (&builder->chars), TRUE);
  g_clear_pointer (&builder->doc_terms, g_array_unref);
  g_clear_pointer (&builder->words.slots, g_free);
  g_clear_pointer (&builder->pairs.slots, g_free);
}

static void
builder_begin_question (Builder *builder)
{
  builder->n_questions++;
  builder->previous = 0;
}

/* Keeps the load under a half, so that probes stay short. */
static void
builder_grow (Builder *builder,
              Slots   *slots)
{
  Slots bigger;

  if (slots->n_used * 2 < slots->mask)
    return;

  slots_init (&bigger, (slots->mask + 1) * 2);
  for (guint32 i = 0; i <= slots->mask; i++)
    {
      guint32 id = slots->slots[i];
      guint32 j;

      if (id == 0)
        continue;

      j = g_array_index (builder->terms, Term, id - 1).hash & bigger.mask;
      while (bigger.slots[j] != 0)
        j = (j + 1) & bigger.mask;
      bigger.slots[j] = id;
    }

  bigger.n_used = slots->n_used;
  g_free (slots->slots);
  *slots = bigger;
}

static guint32
builder_add_term (Builder *builder,
                  Slots   *slots,
                  guint32  slot,
                  Term    *term)
{
  guint32 id = builder->terms->len;

  g_array_append_val (builder->terms, *term);
  slots->slots[slot] = id + 1;
  slots->n_used++;
  builder_grow (builder, slots);

  return id;
}

static guint32
builder_intern_word (Builder    *builder,
                     const char *word,
                     gsize       len,
                     guint32     hash)
{
  Slots *slots = &builder->words;
  Term term = { hash, len, builder->chars->len, 0, 0, 0 };
  guint32 i;

  for (i = hash & slots->mask; slots->slots[i] != 0; i = (i + 1) & slots->mask)
    {
      guint32 id = slots->slots[i] - 1;
      const Term *other = &g_array_index (builder->terms, Term, id);

      if (other->hash == hash && other->len == len &&
          memcmp (builder->chars->str + other->first, word, len) == 0)
        return id;
    }

  g_string_append_len (builder->chars, word, len);

  return builder_add_term (builder, slots, i, &term);
}

static guint32
builder_intern_pair (Builder *builder,
                     guint32  first,
                     guint32  second)
{
  Slots *slots = &builder->pairs;
  guint32 hash = hash_pair (first, second);
  Term term = { hash, 0, first, second, 0, 0 };
  guint32 i;

  for (i = hash & slots->mask; slots->slots[i] != 0; i = (i + 1) & slots->mask)
    {
      guint32 id = slots->slots[i] - 1;
      const Term *other = &g_array_index (builder->terms, Term, id);

      if (other->first == first && other->second == second)
        return id;
    }

  return builder_add_term (builder, slots, i, &term);
}

static void
builder_add_to_question (Builder *builder,
                         guint32  id)
{
  Term *term = &g_array_index (builder->terms, Term, id);

  /* Once per question, however often the question says it. */
  if (term->seen == builder->n_questions)
    return;

  term->seen = builder->n_questions;
  term->df++;
  g_array_append_val (builder->doc_terms, id);
}

static void
builder_word_cb (const char *word,
                 gsize       len,
                 guint32     hash,
                 gpointer    user_data)
{
  Builder *builder = user_data;
  guint32 id = builder_intern_word (builder, word, len, hash);

  builder_add_to_question (builder, id);

  if (builder->previous != 0)
    builder_add_to_question (builder, builder_intern_pair (builder, builder->previous - 1, id));

  builder->previous = id + 1;
}

static char *
builder_dup_term (Builder *builder,
                  guint32  id)
{
  const Term *term = &g_array_index (builder->terms, Term, id);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (term->len > 0)
    return g_strndup (builder->chars->str + term->first, term->len);

  first = builder_dup_term (builder, term->first);
  second = builder_dup_term (builder, term->second);

  return g_strconcat (first, " ", second, NULL);
}

/**
 * viva_related_dup_terms:
 * @question: a #VivaQuestion
 *
 * The terms the question is compared by, for tests and for seeing why
 * two questions are related. A pair of neighbouring words is written
 * "first second".
 *
 * Returns: (transfer full): the distinct terms, in order of appearance
 */
char **
viva_related_dup_terms (VivaQuestion *question)
{
  GPtrArray *terms;
  Builder builder;

  g_return_val_if_fail (VIVA_IS_QUESTION (question), NULL);

  init_stop_words ();
  builder_init (&builder);
  builder_begin_question (&builder);
  tokenize_question (question, builder_word_cb, &builder);

  terms = g_ptr_array_new ();
  for (guint i = 0; i < builder.doc_terms->len; i++)
    g_ptr_array_add (terms, builder_dup_term (&builder, g_array_index (builder.doc_terms, guint32, i)));
  g_ptr_array_add (terms, NULL);

  builder_clear (&builder);

  return (char **)g_ptr_array_free (terms, FALSE);
}

static void
viva_related_index_finalize (GObject *object)
{
  VivaRelatedIndex *self = (VivaRelatedIndex *)object;

  g_clear_pointer (&self->questions, g_ptr_array_unref);
  g_clear_pointer (&self->doc_offsets, g_free);
  g_clear_pointer (&self->doc_terms, g_free);
  g_clear_pointer (&self->doc_norms, g_free);
  g_clear_pointer (&self->term_offsets, g_free);
  g_clear_pointer (&self->term_docs, g_free);
  g_clear_pointer (&self->term_weights, g_free);
  g_clear_pointer (&self->scores, g_free);
  g_clear_pointer (&self->touched, g_array_unref);

  G_OBJECT_CLASS (viva_related_index_parent_class)->finalize (object);
}

static void
viva_related_index_class_init (VivaRelatedIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = viva_related_index_finalize;
}

static void
viva_related_index_init (VivaRelatedIndex *self)
{
  self->touched = g_array_new (FALSE, FALSE, sizeof (guint32));
}

/**
 * viva_related_index_new:
 * @bank: a #VivaBank
 *
 * Reads every question of @bank once and builds the index. This is the
 * costly part (linear in the size of the bank, about 100 ms for 100,000
 * questions); look-ups are cheap. It reads only what never changes in a
 * bank, so it may run in a worker thread while the bank is in use:
 * viva_bank_index_related_async() does.
 *
 * Returns: (transfer full): the index
 */
VivaRelatedIndex *
viva_related_index_new (VivaBank *bank)
{
  VivaRelatedIndex *self;
  g_autofree guint32 *fill = NULL;
  Builder builder;
  guint n_docs;

  g_return_val_if_fail (VIVA_IS_BANK (bank), NULL);

  init_stop_words ();

  self = g_object_new (VIVA_TYPE_RELATED_INDEX, NULL);
  self->questions = g_ptr_array_ref (_viva_bank_get_question_array (bank));

  n_docs = self->questions->len;
  self->n_docs = n_docs;
  self->doc_offsets = g_new (guint32, n_docs + 1);

  builder_init (&builder);

  for (guint d = 0; d < n_docs; d++)
    {
      self->doc_offsets[d] = builder.doc_terms->len;
      builder_begin_question (&builder);
      tokenize_question (g_ptr_array_index (self->questions, d), builder_word_cb, &builder);
    }
  self->doc_offsets[n_docs] = builder.doc_terms->len;

  self->n_terms = builder.terms->len;
  self->doc_terms = (guint32 *)g_array_free (g_steal_pointer (&builder.doc_terms), FALSE);

  /* A term in every question tells nothing (weight 0); one in a single
   * question tells most. */
  self->term_weights = g_new (float, MAX (self->n_terms, 1));
  self->term_offsets = g_new (guint32, self->n_terms + 1);
  self->term_offsets[0] = 0;
  for (guint t = 0; t < self->n_terms; t++)
    {
      guint32 df = g_array_index (builder.terms, Term, t).df;

      self->term_weights[t] = (float)log ((double)n_docs / df);
      self->term_offsets[t + 1] = self->term_offsets[t] + df;
    }

  builder_clear (&builder);

  self->term_docs = g_new (guint32, MAX (self->term_offsets[self->n_terms], 1));
  fill = g_memdup2 (self->term_offsets, sizeof (guint32) * (self->n_terms + 1));
  self->doc_norms = g_new (float, MAX (n_docs, 1));

  for (guint d = 0; d < n_docs; d++)
    {
      double norm = 0;

      for (guint32 i = self->doc_offsets[d]; i < self->doc_offsets[d + 1]; i++)
        {
          guint32 t = self->doc_terms[i];
          double w = self->term_weights[t];

          norm += w * w;
          self->term_docs[fill[t]++] = d;
        }

      self->doc_norms[d] = (float)sqrt (norm);
    }

  return self;
}

guint
viva_related_index_get_n_terms (VivaRelatedIndex *self)
{
  g_return_val_if_fail (VIVA_IS_RELATED_INDEX (self), 0);

  return self->n_terms;
}

void
viva_related_match_free (VivaRelatedMatch *match)
{
  if (match == NULL)
    return;

  g_clear_object (&match->question);
  g_free (match);
}

typedef struct
{
  guint32 doc;
  float   score;
} Candidate;

/* Best first; equal scores in bank order, so results are stable. */
static gboolean
candidate_better (const Candidate *a,
                  const Candidate *b)
{
  return a->score > b->score || (a->score == b->score && a->doc < b->doc);
}

/**
 * viva_related_index_find:
 * @self: a #VivaRelatedIndex
 * @question: a question of the bank the index was built from
 * @max: the most questions to return
 *
 * The questions most like @question, best first, leaving out @question
 * itself and anything scoring under %VIVA_RELATED_THRESHOLD. Uses
 * scratch space in the index: call it from one thread at a time.
 *
 * Returns: (transfer container) (element-type VivaRelatedMatch): the
 *   matches, possibly none
 */
GPtrArray *
viva_related_index_find (VivaRelatedIndex *self,
                         VivaQuestion     *question,
                         guint             max)
{
  g_autofree Candidate *best = NULL;
  GPtrArray *matches;
  guint n_best = 0;
  guint32 doc;
  float norm;

  g_return_val_if_fail (VIVA_IS_RELATED_INDEX (self), NULL);
  g_return_val_if_fail (VIVA_IS_QUESTION (question), NULL);

  matches = g_ptr_array_new_with_free_func ((GDestroyNotify)viva_related_match_free);
  doc = viva_question_get_position (question);

  if (max == 0 || doc >= self->n_docs)
    return matches;

  /* Every other question, at most; and "all of them" must not overflow
   * the allocation below. */
  max = MIN (max, self->n_docs - 1);
  if (max == 0)
    return matches;

  /* Not a question of another bank, at a position this bank has. */
  g_return_val_if_fail (g_ptr_array_index (self->questions, doc) == question, matches);

  norm = self->doc_norms[doc];
  if (norm == 0)
    return matches;

  if (self->scores == NULL)
    self->scores = g_new0 (float, self->n_docs);

  /* Accumulate the dot products with every question that shares a term. */
  for (guint32 i = self->doc_offsets[doc]; i < self->doc_offsets[doc + 1]; i++)
    {
      guint32 t = self->doc_terms[i];
      float w2 = self->term_weights[t] * self->term_weights[t];

      if (w2 == 0)
        continue;

      for (guint32 j = self->term_offsets[t]; j < self->term_offsets[t + 1]; j++)
        {
          guint32 other = self->term_docs[j];

          if (self->scores[other] == 0)
            g_array_append_val (self->touched, other);
          self->scores[other] += w2;
        }
    }

  best = g_new (Candidate, max + 1);

  /* Keep the best @max in a small sorted array, and leave the scratch
   * scores at zero for the next look-up. */
  for (guint i = 0; i < self->touched->len; i++)
    {
      guint32 other = g_array_index (self->touched, guint32, i);
      Candidate candidate = { other, 0 };
      guint k;

      candidate.score = self->scores[other] / (norm * self->doc_norms[other]);
      self->scores[other] = 0;

      if (other == doc || candidate.score < VIVA_RELATED_THRESHOLD)
        continue;

      if (n_best == max && !candidate_better (&candidate, &best[max - 1]))
        continue;

      for (k = MIN (n_best, max - 1); k > 0 && candidate_better (&candidate, &best[k - 1]); k--)
        best[k] = best[k - 1];
      best[k] = candidate;
      n_best = MIN (n_best + 1, max);
    }
  g_array_set_size (self->touched, 0);

  for (guint i = 0; i < n_best; i++)
    {
      VivaRelatedMatch *match = g_new0 (VivaRelatedMatch, 1);

      match->question = g_object_ref (g_ptr_array_index (self->questions, best[i].doc));
      /* Rounding can take identical questions a hair over 1. */
      match->score = MIN (best[i].score, 1.0);
      g_ptr_array_add (matches, match);
    }

  return matches;
}
