/* test-related.c
 *
 * "See also": the bundled bank asks some questions twice (shallow and
 * deep copy at Beginner and again at Hard) and a reader should be sent
 * from one to the other, but not from string slicing to asyncio. The
 * pairs below were found by reading the bank.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"


#include "viva-bank-private.h"
#include "viva-bench-data.h"
#include "viva-related.h"

/* The same question asked twice, at two levels or in two topics. */
static const guint repeated_pairs[][2] = {
  { 151, 402 }, /* shallow vs deep copy: Beginner, then Hard */
  { 290, 412 }, /* duck typing */
  { 293, 403 }, /* __str__ vs __repr__ */
  { 288, 404 }, /* static and class methods */
  { 436, 606 }, /* context manager from a class */
  { 437, 607 }, /* @contextmanager */
  { 439, 609 }, /* functools.partial */
  { 442, 611 }, /* coroutines */
  { 443, 612 }, /* async and await */
  { 444, 613 }, /* the asyncio event loop */
  { 449, 610 }, /* weakref */
  { 450, 806 }, /* the import system, sys.path and sys.modules */
  { 452, 604 }, /* the descriptor protocol */
  { 453, 605 }, /* properties under the hood */
  { 455, 625 }, /* string interning */
  { 434, 629 }, /* garbage collection */
  { 157, 433 }, /* the __main__ block */
  { 59, 96 },   /* mutable or immutable: strings, lists */
  { 24, 26 },   /* the // operator, and 10 // 3 */
};

/* Questions that share a word and nothing else. */
static const guint unrelated_pairs[][2] = {
  { 41, 444 },  /* string slicing; the asyncio event loop */
  { 42, 613 },  /* s[1:4]; the asyncio event loop */
  { 290, 619 }, /* duck typing; the typing module */
  { 407, 617 }, /* the diamond problem; the problems dataclasses solve */
  { 126, 408 }, /* the properties of a set; @property decorators */
  { 29, 433 },  /* = and ==; if __name__ == "__main__" */
  { 151, 94 },  /* shallow vs deep copy; list2 = list1 */
  { 131, 402 }, /* what a function is; shallow vs deep copy */
};

static VivaBank *
load_bundled (void)
{
  g_autoptr(GError) error = NULL;
  VivaBank *bank;

  bank = viva_bank_new_bundled (&error);
  g_assert_no_error (error);
  g_assert_true (VIVA_IS_BANK (bank));

  return bank;
}

static VivaBank *
parse_string (const char *markdown)
{
  g_autoptr(GBytes) bytes = g_bytes_new (markdown, strlen (markdown));
  g_autoptr(GError) error = NULL;
  VivaBank *bank;

  bank = viva_bank_new_from_bytes (bytes, "test", &error);
  g_assert_no_error (error);
  g_assert_nonnull (bank);

  return bank;
}

static const VivaRelatedMatch *
find_match (GPtrArray *matches,
            guint      number)
{
  for (guint i = 0; i < matches->len; i++)
    {
      const VivaRelatedMatch *match = g_ptr_array_index (matches, i);

      if (viva_question_get_number (match->question) == number)
        return match;
    }

  return NULL;
}

static void
assert_matches_well_formed (GPtrArray    *matches,
                            VivaQuestion *question,
                            guint         max)
{
  g_assert_nonnull (matches);
  g_assert_cmpuint (matches->len, <=, max);

  for (guint i = 0; i < matches->len; i++)
    {
      const VivaRelatedMatch *match = g_ptr_array_index (matches, i);

      g_assert_true (VIVA_IS_QUESTION (match->question));
      g_assert_true (match->question != question);
      g_assert_cmpfloat (match->score, >=, VIVA_RELATED_THRESHOLD);
      g_assert_cmpfloat (match->score, <=, 1.0);

      if (i > 0)
        {
          const VivaRelatedMatch *before = g_ptr_array_index (matches, i - 1);

          g_assert_cmpfloat (before->score, >=, match->score);
        }
    }
}

static void
test_bundled_repeats_are_related (void)
{
  g_autoptr(VivaBank) bank = load_bundled ();

  for (guint i = 0; i < G_N_ELEMENTS (repeated_pairs); i++)
    {
      for (guint way = 0; way < 2; way++)
        {
          guint from = repeated_pairs[i][way];
          guint to = repeated_pairs[i][1 - way];
          VivaQuestion *question = viva_bank_lookup_question (bank, from);
          g_autoptr(GPtrArray) matches = NULL;
          const VivaRelatedMatch *match;

          g_assert_nonnull (question);
          matches = viva_bank_find_related (bank, question, VIVA_RELATED_DEFAULT_MAX);
          assert_matches_well_formed (matches, question, VIVA_RELATED_DEFAULT_MAX);

          match = find_match (matches, to);
          if (match == NULL)
            g_error ("question %u (“%s”) is not related to %u (“%s”)",
                     from, viva_question_get_text (question),
                     to, viva_question_get_text (viva_bank_lookup_question (bank, to)));

          g_test_message ("%u → %u: %.2f", from, to, match->score);
        }
    }

  /* The copy question at Hard sends the reader to the one at Beginner
   * first: they are all but word for word the same. */
  {
    g_autoptr(GPtrArray) matches = viva_bank_find_related (bank, viva_bank_lookup_question (bank, 402), 5);
    const VivaRelatedMatch *best = g_ptr_array_index (matches, 0);

    g_assert_cmpuint (viva_question_get_number (best->question), ==, 151);
    g_assert_cmpfloat (best->score, >, 0.9);
  }
}

static void
test_bundled_unrelated (void)
{
  g_autoptr(VivaBank) bank = load_bundled ();

  for (guint i = 0; i < G_N_ELEMENTS (unrelated_pairs); i++)
    {
      for (guint way = 0; way < 2; way++)
        {
          guint from = unrelated_pairs[i][way];
          guint to = unrelated_pairs[i][1 - way];
          VivaQuestion *question = viva_bank_lookup_question (bank, from);
          g_autoptr(GPtrArray) matches = NULL;

          g_assert_nonnull (question);
          /* Every question above the threshold, not just the first few. */
          matches = viva_bank_find_related (bank, question, G_MAXUINT);
          assert_matches_well_formed (matches, question, G_MAXUINT);

          if (find_match (matches, to) != NULL)
            g_error ("question %u (“%s”) is related to %u (“%s”)",
                     from, viva_question_get_text (question),
                     to, viva_question_get_text (viva_bank_lookup_question (bank, to)));
        }
    }
}

/* Not a question of quality that an assertion can settle: the test
 * prints how much of the bank has "See also" links and a sample, for a
 * person to read. It asserts only the bounds: some questions have
 * related ones, most do not (the bank is not all repeats), and each
 * question's list is well formed. */
static void
test_bundled_coverage (void)
{
  g_autoptr(VivaBank) bank = load_bundled ();
  g_autoptr(VivaRelatedIndex) index = NULL;
  GListModel *questions = viva_bank_get_questions (bank);
  guint n = g_list_model_get_n_items (questions);
  guint n_related = 0;
  guint n_links = 0;
  gint64 begin;
  gint64 build_usec;
  gint64 find_usec = 0;

  begin = g_get_monotonic_time ();
  index = viva_related_index_new (bank);
  build_usec = g_get_monotonic_time () - begin;
  g_test_message ("%u terms", viva_related_index_get_n_terms (index));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VivaQuestion) question = g_list_model_get_item (questions, i);
      g_autoptr(GPtrArray) matches = NULL;

      begin = g_get_monotonic_time ();
      matches = viva_bank_find_related (bank, question, VIVA_RELATED_DEFAULT_MAX);
      find_usec += g_get_monotonic_time () - begin;

      assert_matches_well_formed (matches, question, VIVA_RELATED_DEFAULT_MAX);
      if (matches->len == 0)
        continue;

      n_related++;
      n_links += matches->len;

      /* A sample: every eighth question with related ones. */
      if (n_related % 8 == 1)
        {
          g_test_message ("%u “%s”", viva_question_get_number (question),
                          viva_question_get_text (question));
          for (guint j = 0; j < matches->len; j++)
            {
              const VivaRelatedMatch *match = g_ptr_array_index (matches, j);

              g_test_message ("    %.2f %u “%s”", match->score,
                              viva_question_get_number (match->question),
                              viva_question_get_text (match->question));
            }
        }
    }

  g_test_message ("%u of %u questions have related questions (%u links)", n_related, n, n_links);
  g_test_message ("index of %u questions built in %.2f ms; look-ups %.1f µs on average (first one builds the bank's index)",
                  n, build_usec / 1000.0, (double)find_usec / n);

  g_assert_cmpuint (n_related, >=, 2 * G_N_ELEMENTS (repeated_pairs));
  g_assert_cmpuint (n_related, <, n / 2);
}

static gboolean
strv_has (char       **strv,
          const char  *term)
{
  return g_strv_contains ((const char * const *)strv, term);
}

/* What a question is compared by: the words that say what it is about,
 * folded; code as written. */
static void
test_terms (void)
{
  g_autoptr(VivaBank) bank = parse_string (
    "# Terms\n\n## Level 1: Beginner\n\n"
    "**Question 1:** What is the difference between `is` and `==` in Python?\n\n"
    "**Question 2:** Explain how Decorators work with `__init__` and `functools.wraps`.\n\n"
    "**Question 3:** Qu'est-ce qu'un CAFÉ `naïve_value`?\n\n"
    "**Question 4:** What is the output of `print(\"Hello\")` and of `x = 10`?\n\n"
    "**Question 5:** What is the result of `10 // 3`? What does `if __name__ == \"__main__\":` do?\n\n"
    "**Question 6:** How do you compare classes, properties and processes?\n\n");
  g_auto(GStrv) terms1 = viva_related_dup_terms (viva_bank_lookup_question (bank, 1));
  g_auto(GStrv) terms2 = viva_related_dup_terms (viva_bank_lookup_question (bank, 2));
  g_auto(GStrv) terms3 = viva_related_dup_terms (viva_bank_lookup_question (bank, 3));
  g_auto(GStrv) terms4 = viva_related_dup_terms (viva_bank_lookup_question (bank, 4));
  g_auto(GStrv) terms5 = viva_related_dup_terms (viva_bank_lookup_question (bank, 5));
  g_auto(GStrv) terms6 = viva_related_dup_terms (viva_bank_lookup_question (bank, 6));

  /* Code is kept even when it is an English stop word or an operator;
   * the interview boilerplate around it is not. */
  g_assert_true (strv_has (terms1, "is"));
  g_assert_true (strv_has (terms1, "=="));
  g_assert_true (strv_has (terms1, "is =="));
  g_assert_false (strv_has (terms1, "what"));
  g_assert_false (strv_has (terms1, "difference"));
  g_assert_false (strv_has (terms1, "between"));
  g_assert_false (strv_has (terms1, "python"));
  g_assert_false (strv_has (terms1, "in"));

  /* Plurals fold, case folds, identifiers stay whole. */
  g_assert_true (strv_has (terms2, "decorator"));
  g_assert_true (strv_has (terms2, "__init__"));
  g_assert_true (strv_has (terms2, "functools"));
  g_assert_true (strv_has (terms2, "wraps"));
  g_assert_false (strv_has (terms2, "explain"));
  g_assert_false (strv_has (terms2, "work"));

  /* Accents go the way search folds them. */
  g_assert_true (strv_has (terms3, "cafe"));
  g_assert_true (strv_has (terms3, "naive_value"));

  /* String literals and assigned values are example data; an operator
   * next to a name is not what the question is about. */
  g_assert_true (strv_has (terms4, "print"));
  g_assert_false (strv_has (terms4, "hello"));
  g_assert_false (strv_has (terms4, "="));
  g_assert_false (strv_has (terms4, "10"));
  g_assert_false (strv_has (terms4, "output"));

  g_assert_true (strv_has (terms5, "//"));
  g_assert_true (strv_has (terms5, "if"));
  g_assert_true (strv_has (terms5, "__name__"));
  g_assert_true (strv_has (terms5, "__main__"));
  g_assert_false (strv_has (terms5, "=="));

  g_assert_true (strv_has (terms6, "compare"));
  g_assert_true (strv_has (terms6, "class"));
  g_assert_true (strv_has (terms6, "property"));
  g_assert_true (strv_has (terms6, "process"));
}

/* Small banks: no question is its own relative, a bank of one has none,
 * a question without a telling word has none, and the results are
 * capped and ranked. */
static void
test_small_banks (void)
{
  g_autoptr(VivaBank) one = parse_string (
    "# One\n\n## Level 1: Beginner\n\n"
    "**Question 1:** What is a generator?\n\n");
  g_autoptr(VivaBank) bank = parse_string (
    "# Small\n\n## Level 1: Beginner\n\n"
    "**Question 1:** What is a generator in Python?\n\n"
    "**Question 2:** What is the output of `s[1:4]`?\n\n"
    "**Question 3:** How does a list comprehension work?\n\n"
    "## Level 2: Hard\n\n"
    "**Question 4:** What are generators?\n\n"
    "**Question 5:** What is the difference between a generator and a list comprehension?\n\n"
    "**Question 6:** What is the GIL?\n\n");
  VivaQuestion *generator = viva_bank_lookup_question (bank, 1);
  VivaQuestion *comprehension = viva_bank_lookup_question (bank, 3);
  g_autoptr(GPtrArray) alone = viva_bank_find_related (one, viva_bank_lookup_question (one, 1), 5);
  g_autoptr(GPtrArray) generators = viva_bank_find_related (bank, generator, 5);
  g_autoptr(GPtrArray) comprehensions = viva_bank_find_related (bank, comprehension, 5);
  g_autoptr(GPtrArray) slicing = viva_bank_find_related (bank, viva_bank_lookup_question (bank, 2), 5);
  g_autoptr(GPtrArray) gil = viva_bank_find_related (bank, viva_bank_lookup_question (bank, 6), 5);
  g_autoptr(GPtrArray) none = viva_bank_find_related (bank, comprehension, 0);
  const VivaRelatedMatch *match;

  g_assert_cmpuint (alone->len, ==, 0);

  /* "generator" is in half the bank, so sharing it with question 5,
   * which says much more, is not enough; question 4 says only that. */
  assert_matches_well_formed (generators, generator, 5);
  g_assert_cmpuint (generators->len, ==, 1);
  match = g_ptr_array_index (generators, 0);
  g_assert_cmpuint (viva_question_get_number (match->question), ==, 4);
  g_assert_cmpfloat (match->score, ==, 1.0);

  assert_matches_well_formed (comprehensions, comprehension, 5);
  g_assert_cmpuint (comprehensions->len, ==, 1);
  match = g_ptr_array_index (comprehensions, 0);
  g_assert_cmpuint (viva_question_get_number (match->question), ==, 5);
  g_assert_cmpfloat (match->score, <, 1.0);

  g_assert_cmpuint (slicing->len, ==, 0);
  g_assert_cmpuint (gil->len, ==, 0);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
index_related_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GMainLoop *loop = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (viva_bank_index_related_finish (VIVA_BANK (object), result, &error));
  g_assert_no_error (error);
  g_main_loop_quit (loop);
}

/* The window builds the index in a worker thread; afterwards look-ups
 * answer at once, with what a synchronous build answers. */
static void
test_index_async (void)
{
  g_autoptr(VivaBank) bank = load_bundled ();
  g_autoptr(VivaBank) reference = load_bundled ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  GListModel *questions = viva_bank_get_questions (bank);

  g_assert_false (viva_bank_has_related_index (bank));
  viva_bank_index_related_async (bank, NULL, index_related_cb, loop);
  g_main_loop_run (loop);
  g_assert_true (viva_bank_has_related_index (bank));

  /* Again: finishes at once with the same index. */
  viva_bank_index_related_async (bank, NULL, index_related_cb, loop);
  g_main_loop_run (loop);

  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(VivaQuestion) question = g_list_model_get_item (questions, i);
      g_autoptr(VivaQuestion) same = g_list_model_get_item (viva_bank_get_questions (reference), i);
      g_autoptr(GPtrArray) matches = viva_bank_find_related (bank, question, 5);
      g_autoptr(GPtrArray) expected = viva_bank_find_related (reference, same, 5);

      g_assert_cmpuint (matches->len, ==, expected->len);
      for (guint j = 0; j < matches->len; j++)
        {
          const VivaRelatedMatch *a = g_ptr_array_index (matches, j);
          const VivaRelatedMatch *b = g_ptr_array_index (expected, j);

          g_assert_cmpuint (viva_question_get_number (a->question), ==, viva_question_get_number (b->question));
          g_assert_cmpfloat (a->score, ==, b->score);
        }
    }

  /* The index holds its questions, not the bank. The worker thread lets
   * go of its task (and the task of the bank) a moment after the
   * callback may have run: wait for that, not for the index. */
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (g_atomic_int_get (&G_OBJECT (bank)->ref_count) > 1)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_usleep (1000);
      }
  }
  g_assert_finalize_object (g_steal_pointer (&bank));
}

static void
index_cancelled_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GMainLoop *loop = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_false (viva_bank_index_related_finish (VIVA_BANK (object), result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_main_loop_quit (loop);
}

static void
test_index_cancelled (void)
{
  g_autoptr(VivaBank) bank = load_bundled ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  viva_bank_index_related_async (bank, cancellable, index_cancelled_cb, loop);
  g_main_loop_run (loop);
  g_assert_false (viva_bank_has_related_index (bank));
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

/* "-m perf": a bank of 100,000 questions made of the bundled bank's
 * questions, each asked about 240 times with a variant name (so that
 * every term has realistic frequencies, and each question has many
 * relatives to rank). Prints the time to build the index and to find
 * one question's relatives; asserts nothing about time. */
static void
test_perf_related_100k (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaBank) bank = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  GListModel *questions;
  double best_build = G_MAXDOUBLE;
  guint n_found = 0;

  bytes = viva_bench_generate_bank (100000, &error);
  g_assert_no_error (error);
  bank = viva_bank_new_from_bytes (bytes, "perf", &error);
  g_assert_no_error (error);
  questions = viva_bank_get_questions (bank);
  g_assert_cmpuint (g_list_model_get_n_items (questions), ==, 100000);

  for (guint run = 0; run < 5; run++)
    {
      gint64 begin = g_get_monotonic_time ();
      g_autoptr(VivaRelatedIndex) index = viva_related_index_new (bank);
      double elapsed = (g_get_monotonic_time () - begin) / 1000.0;

      g_test_message ("build run %u: %.1f ms, %u terms", run, elapsed,
                      viva_related_index_get_n_terms (index));
      best_build = MIN (best_build, elapsed);
    }

  /* The bank's own index, built by the first look-up. */
  {
    g_autoptr(VivaQuestion) question = g_list_model_get_item (questions, 0);
    g_autoptr(GPtrArray) matches = viva_bank_find_related (bank, question, 5);
  }

  for (guint i = 0; i < 100000; i += 97)
    {
      g_autoptr(VivaQuestion) question = g_list_model_get_item (questions, i);
      g_autoptr(GPtrArray) matches = NULL;
      gint64 begin = g_get_monotonic_time ();
      double elapsed;

      matches = viva_bank_find_related (bank, question, VIVA_RELATED_DEFAULT_MAX);
      elapsed = (g_get_monotonic_time () - begin) / 1000.0;
      g_array_append_val (times, elapsed);
      if (matches->len > 0)
        n_found++;
    }

  g_array_sort (times, compare_double);
  g_test_message ("%u look-ups, %u with related questions: median %.3f ms, p95 %.3f ms, max %.3f ms",
                  times->len, n_found,
                  g_array_index (times, double, times->len / 2),
                  g_array_index (times, double, times->len * 95 / 100),
                  g_array_index (times, double, times->len - 1));
  g_test_minimized_result (best_build, "build the related-questions index of 100,000 questions: %.1f ms",
                           best_build);
  g_test_minimized_result (g_array_index (times, double, times->len * 95 / 100),
                           "find one question's related questions, p95: %.3f ms",
                           g_array_index (times, double, times->len * 95 / 100));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/related/bundled/repeats", test_bundled_repeats_are_related);
  g_test_add_func ("/related/bundled/unrelated", test_bundled_unrelated);
  g_test_add_func ("/related/bundled/coverage", test_bundled_coverage);
  g_test_add_func ("/related/terms", test_terms);
  g_test_add_func ("/related/small-banks", test_small_banks);
  g_test_add_func ("/related/index-async", test_index_async);
  g_test_add_func ("/related/index-cancelled", test_index_cancelled);

  if (g_test_perf ())
    g_test_add_func ("/related/perf/100k", test_perf_related_100k);

  return g_test_run ();
}
