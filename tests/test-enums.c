/* test-enums.c
 *
 * The enums Viva writes in its files, spelt by their GEnumClass nicks:
 * every value goes to its nick and back, the nicks are exactly the
 * words the files hold, anything else is refused; and files written by
 * Viva before the nicks came from GEnumClass (tests/data/formats/, the
 * output of the writers of commit 0098a86) read back and write out
 * byte for byte the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "viva-document-file.h"
#include "viva-enum-nick.h"
#include "viva-enums.h"
#include "viva-interview-file.h"
#include "viva-mock-session.h"
#include "viva-note.h"
#include "viva-notes-file.h"
#include "viva-notes-store.h"
#include "viva-scheduler.h"
#include "viva-session-file.h"

/* Enums: the words of the files */

typedef struct
{
  const char     *name;
  GType         (*get_type) (void);
  /* Whether the enum has typed _to_string() and _from_string()
   * functions (typed_to_string() below). */
  gboolean        has_typed;
  /* Value and word, as the format descriptions (the comments at the top
   * of viva-notes-file.c, viva-session-file.c and viva-interview-file.c)
   * and the files on users' disks spell them. */
  struct {
    int         value;
    const char *nick;
  } words[6];
} EnumCase;

/* The typed functions the readers and writers call. */
static const char *
typed_to_string (GType type,
                 int   value)
{
  if (type == VIVA_TYPE_STATUS)
    return viva_status_to_string (value);
  if (type == VIVA_TYPE_REVIEW_GRADE)
    return viva_review_grade_to_string (value);
  if (type == VIVA_TYPE_REVIEW_SOURCE)
    return viva_review_source_to_string (value);
  if (type == VIVA_TYPE_MOCK_RATING)
    return viva_mock_rating_to_string (value);
  if (type == VIVA_TYPE_MOCK_SESSION_STATE)
    return viva_mock_session_state_to_string (value);
  if (type == VIVA_TYPE_INTERVIEW_RATING)
    return viva_interview_rating_to_string (value);
  if (type == VIVA_TYPE_INTERVIEW_STATE)
    return viva_interview_state_to_string (value);
  g_assert_not_reached ();
}

/* As the typed functions: @value is changed only on success. */
static gboolean
typed_from_string (GType       type,
                   const char *str,
                   int        *value)
{
  gboolean ok = FALSE;

  if (type == VIVA_TYPE_STATUS)
    {
      VivaStatus status;

      if ((ok = viva_status_from_string (str, &status)))
        *value = status;
    }
  else if (type == VIVA_TYPE_REVIEW_GRADE)
    {
      VivaReviewGrade grade;

      if ((ok = viva_review_grade_from_string (str, &grade)))
        *value = grade;
    }
  else if (type == VIVA_TYPE_REVIEW_SOURCE)
    {
      VivaReviewSource source;

      if ((ok = viva_review_source_from_string (str, &source)))
        *value = source;
    }
  else if (type == VIVA_TYPE_MOCK_RATING)
    {
      VivaMockRating rating;

      if ((ok = viva_mock_rating_from_string (str, &rating)))
        *value = rating;
    }
  else if (type == VIVA_TYPE_MOCK_SESSION_STATE)
    {
      VivaMockSessionState state;

      if ((ok = viva_mock_session_state_from_string (str, &state)))
        *value = state;
    }
  else if (type == VIVA_TYPE_INTERVIEW_RATING)
    {
      VivaInterviewRating rating;

      if ((ok = viva_interview_rating_from_string (str, &rating)))
        *value = rating;
    }
  else if (type == VIVA_TYPE_INTERVIEW_STATE)
    {
      VivaInterviewState state;

      if ((ok = viva_interview_state_from_string (str, &state)))
        *value = state;
    }
  else
    g_assert_not_reached ();

  return ok;
}

static const EnumCase enum_cases[] = {
  { "VivaStatus", viva_status_get_type,
    TRUE,
    { { VIVA_STATUS_NEW, "new" },
      { VIVA_STATUS_LEARNING, "learning" },
      { VIVA_STATUS_CONFIDENT, "confident" } } },
  { "VivaReviewGrade", viva_review_grade_get_type,
    TRUE,
    { { VIVA_REVIEW_GRADE_AGAIN, "again" },
      { VIVA_REVIEW_GRADE_HARD, "hard" },
      { VIVA_REVIEW_GRADE_GOOD, "good" },
      { VIVA_REVIEW_GRADE_EASY, "easy" } } },
  { "VivaReviewSource", viva_review_source_get_type,
    TRUE,
    { { VIVA_REVIEW_SOURCE_REVIEW, "review" },
      { VIVA_REVIEW_SOURCE_MOCK, "mock" } } },
  { "VivaMockRating", viva_mock_rating_get_type,
    TRUE,
    { { VIVA_MOCK_RATING_NONE, "none" },
      { VIVA_MOCK_RATING_AGAIN, "again" },
      { VIVA_MOCK_RATING_HARD, "hard" },
      { VIVA_MOCK_RATING_GOOD, "good" },
      { VIVA_MOCK_RATING_EASY, "easy" } } },
  { "VivaMockSessionState", viva_mock_session_state_get_type,
    TRUE,
    { { VIVA_MOCK_SESSION_STATE_NOT_STARTED, "not-started" },
      { VIVA_MOCK_SESSION_STATE_RUNNING, "running" },
      { VIVA_MOCK_SESSION_STATE_PAUSED, "paused" },
      { VIVA_MOCK_SESSION_STATE_FINISHED, "finished" } } },
  { "VivaMockBudgetMode", viva_mock_budget_mode_get_type,
    FALSE,
    { { VIVA_MOCK_BUDGET_PER_LEVEL, "per-level" },
      { VIVA_MOCK_BUDGET_TOTAL, "total" } } },
  { "VivaInterviewRating", viva_interview_rating_get_type,
    TRUE,
    { { VIVA_INTERVIEW_RATING_NONE, "none" },
      { VIVA_INTERVIEW_RATING_STRONG_NO, "strong-no" },
      { VIVA_INTERVIEW_RATING_NO, "no" },
      { VIVA_INTERVIEW_RATING_YES, "yes" },
      { VIVA_INTERVIEW_RATING_STRONG_YES, "strong-yes" } } },
  { "VivaInterviewState", viva_interview_state_get_type,
    TRUE,
    { { VIVA_INTERVIEW_STATE_PLANNED, "planned" },
      { VIVA_INTERVIEW_STATE_RUNNING, "running" },
      { VIVA_INTERVIEW_STATE_PAUSED, "paused" },
      { VIVA_INTERVIEW_STATE_FINISHED, "finished" } } },
};

static guint
count_words (const EnumCase *c)
{
  guint n = 0;

  while (n < G_N_ELEMENTS (c->words) && c->words[n].nick != NULL)
    n++;

  return n;
}

/* Every value of every enum goes to its word and back, through the
 * generic functions and the typed ones; the enum has no value the files
 * do not know, and no word spelt otherwise. */
static void
test_enums_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (enum_cases); i++)
    {
      const EnumCase *c = &enum_cases[i];
      GType type = c->get_type ();
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      guint n_words = count_words (c);

      g_test_message ("%s", c->name);
      g_assert_cmpstr (g_type_name (type), ==, c->name);
      g_assert_cmpuint (klass->n_values, ==, n_words);

      for (guint j = 0; j < n_words; j++)
        {
          int value = c->words[j].value;
          const char *nick = c->words[j].nick;
          int back = -1;

          g_assert_cmpstr (g_enum_get_value (klass, value)->value_nick, ==, nick);
          g_assert_cmpstr (viva_enum_to_nick (type, value), ==, nick);
          g_assert_true (viva_enum_from_nick (type, nick, &back));
          g_assert_cmpint (back, ==, value);

          if (c->has_typed)
            {
              back = -1;
              g_assert_cmpstr (typed_to_string (type, value), ==, nick);
              g_assert_true (typed_from_string (type, typed_to_string (type, value), &back));
              g_assert_cmpint (back, ==, value);
            }
        }
    }
}

/* What a damaged or hand-edited file may say instead: refused, and the
 * out value left alone. The enum's C names, which GEnumClass also
 * knows, are not words of the files. */
static void
test_enums_unknown (void)
{
  static const char * const unknown[] = {
    "", " ", "None", "NEW", "Good", "strong_no", "strong no", "not_started",
    "running ", " paused", "finished\n", "maybe", "0", "1", "again\xff",
  };

  for (guint i = 0; i < G_N_ELEMENTS (enum_cases); i++)
    {
      const EnumCase *c = &enum_cases[i];
      GType type = c->get_type ();
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);

      g_test_message ("%s", c->name);

      for (guint j = 0; j < G_N_ELEMENTS (unknown) + klass->n_values + 1; j++)
        {
          const char *word;
          int value = -42;

          if (j < G_N_ELEMENTS (unknown))
            word = unknown[j];
          else if (j < G_N_ELEMENTS (unknown) + klass->n_values)
            word = klass->values[j - G_N_ELEMENTS (unknown)].value_name;
          else
            word = NULL;

          g_assert_false (viva_enum_from_nick (type, word, &value));
          g_assert_cmpint (value, ==, -42);

          if (c->has_typed)
            {
              g_assert_false (typed_from_string (type, word, &value));
              g_assert_cmpint (value, ==, -42);
            }
        }

      /* A value outside the enum has no word. */
      g_assert_null (viva_enum_to_nick (type, 1000));
      g_assert_null (viva_enum_to_nick (type, -1));
    }
}

/* Files written before */

static char *
read_fixture (const char *name,
              gsize      *len)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "formats", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, len, &error));
  g_assert_no_error (error);

  return data;
}

/* Compares line by line first, so that a failure shows the line. */
static void
assert_same_text (const char *name,
                  const char *expected,
                  gsize       expected_len,
                  GBytes     *written)
{
  gsize len;
  const char *data = g_bytes_get_data (written, &len);
  g_auto(GStrv) want = g_strsplit (expected, "\n", -1);
  g_autofree char *copy = g_strndup (data, len);
  g_auto(GStrv) got = g_strsplit (copy, "\n", -1);

  g_test_message ("%s", name);
  for (guint i = 0; want[i] != NULL && got[i] != NULL; i++)
    g_assert_cmpstr (got[i], ==, want[i]);
  g_assert_cmpuint (len, ==, expected_len);
  g_assert_true (memcmp (data, expected, len) == 0);
}

/* What version 4 adds to a note's "review" when it reads an older file
 * (the memory replayed from the history, the step, the count of
 * reviews), taken out again: the rest must be as it was. */
static GBytes *
without_version_4_members (GBytes *written)
{
  g_auto(GStrv) lines = g_strsplit (g_bytes_get_data (written, NULL), "\n", -1);
  GString *out = g_string_new (NULL);
  guint n_removed = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (strstr (line, "\"stability\" : ") != NULL || strstr (line, "\"difficulty\" : ") != NULL ||
          strstr (line, "\"step\" : ") != NULL || strstr (line, "\"reviews\" : ") != NULL)
        {
          n_removed++;
          continue;
        }

      if (strstr (line, "\"lapses\" : ") != NULL && g_str_has_suffix (line, ","))
        g_string_append_len (out, line, strlen (line) - 1);
      else
        g_string_append (out, line);
      if (lines[i + 1] != NULL)
        g_string_append_c (out, '\n');
    }

  g_assert_cmpuint (n_removed, >, 0);
  g_assert_cmpuint (n_removed % 4, ==, 0);

  return g_string_free_to_bytes (out);
}

/* Every status, grade and source, in notes.json. The fixture was written
 * by the version 2 writer; today's writes it back as version 4 (the FSRS
 * memory's version), and the version line and the members version 4
 * added are all that may change. */
static void
test_enums_notes_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "formats", "notes.json", NULL);
  g_autoptr(VivaNotesFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autofree char *fixture = NULL;
  g_autofree char *version_2 = NULL;
  g_autofree char *version_now = NULL;
  g_autoptr(GString) expected = NULL;
  gsize fixture_len;

  fixture = read_fixture ("notes.json", &fixture_len);
  version_2 = g_strdup ("\n  \"version\" : 2,\n");
  version_now = g_strdup_printf ("\n  \"version\" : %d,\n", VIVA_NOTES_FORMAT_VERSION);
  expected = g_string_new_len (fixture, fixture_len);
  g_assert_cmpuint (g_string_replace (expected, version_2, version_now, 1), ==, 1);

  g_assert_true (viva_notes_file_read (path, &file, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (file->records->len, ==, 4);

  written = viva_notes_serialize (file->records, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GBytes) stripped = without_version_4_members (written);

    assert_same_text ("notes.json", expected->str, expected->len, stripped);
  }
}

static GBytes *
rewrite_document (const VivaDocumentCodec *codec,
                  const char              *data,
                  gsize                    len)
{
  g_autoptr(GObject) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  GBytes *bytes;

  g_assert_true (viva_document_file_parse (codec, data, len, NULL, (gpointer *) &document, &error));
  g_assert_no_error (error);

  root = codec->build (document);
  bytes = viva_document_file_generate (codec, root, &error);
  g_assert_no_error (error);

  return bytes;
}

/* Every session state, rating and budget mode, in mock interview
 * sessions. */
static void
test_enums_session_files (void)
{
  static const char * const names[] = {
    "session-not-started.json", "session-running.json",
    "session-paused.json", "session-finished.json",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *data = NULL;
      g_autoptr(GBytes) written = NULL;
      gsize len;

      data = read_fixture (names[i], &len);
      written = rewrite_document (&viva_session_codec, data, len);
      assert_same_text (names[i], data, len, written);
    }
}

/* Every interview state and rating, in interviews. A "running" interview
 * is one Viva stopped in the middle of: it loads paused, and is written
 * so. Version 1 files stay version 1; one with code pads (version 2,
 * interview-code.json) is written back as it is too. */
static void
test_enums_interview_files (void)
{
  static const struct {
    const char *name;
    const char *expected;
  } files[] = {
    { "interview-planned.json", "interview-planned.json" },
    { "interview-running.json", "interview-running-loaded.json" },
    { "interview-paused.json", "interview-paused.json" },
    { "interview-finished.json", "interview-finished.json" },
    { "interview-finished-strong-no.json", "interview-finished-strong-no.json" },
    { "interview-code.json", "interview-code.json" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *data = NULL;
      g_autofree char *expected = NULL;
      g_autoptr(GBytes) written = NULL;
      gsize len;
      gsize expected_len;

      data = read_fixture (files[i].name, &len);
      expected = read_fixture (files[i].expected, &expected_len);
      written = rewrite_document (&viva_interview_codec, data, len);
      assert_same_text (files[i].name, expected, expected_len, written);
    }
}

/* The fixtures hold every word of every enum, so that the tests above
 * read and write each one. */
static void
test_enums_fixtures_cover (void)
{
  static const struct {
    const char *type_name;
    const char *member;
    const char *files[6];
  } uses[] = {
    { "VivaStatus", "status", { "notes.json" } },
    { "VivaReviewGrade", "grade", { "notes.json" } },
    { "VivaReviewSource", "source", { "notes.json" } },
    { "VivaMockRating", "rating", { "session-finished.json" } },
    { "VivaMockSessionState", "state", { "session-not-started.json", "session-running.json",
                                         "session-paused.json", "session-finished.json" } },
    { "VivaMockBudgetMode", "budget-mode", { "session-paused.json", "session-finished.json" } },
    { "VivaInterviewRating", "rating", { "interview-finished.json" } },
    { "VivaInterviewRating", "recommendation", { "interview-planned.json", "interview-running.json",
                                                  "interview-paused.json", "interview-finished.json",
                                                  "interview-finished-strong-no.json" } },
    { "VivaInterviewState", "state", { "interview-planned.json", "interview-running.json",
                                       "interview-paused.json", "interview-finished.json" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (uses); i++)
    {
      GType type = g_type_from_name (uses[i].type_name);
      g_autoptr(GEnumClass) klass = NULL;
      g_autoptr(GString) all = g_string_new (NULL);

      g_assert_true (type != G_TYPE_INVALID);
      klass = g_type_class_ref (type);

      for (guint j = 0; j < G_N_ELEMENTS (uses[i].files) && uses[i].files[j] != NULL; j++)
        {
          g_autofree char *data = read_fixture (uses[i].files[j], NULL);

          g_string_append (all, data);
        }

      for (guint j = 0; j < klass->n_values; j++)
        {
          g_autofree char *line = g_strdup_printf ("\"%s\" : \"%s\"", uses[i].member,
                                                   klass->values[j].value_nick);

          g_test_message ("%s", line);
          g_assert_nonnull (strstr (all->str, line));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* Registers the types that g_type_from_name() looks up. */
  for (guint i = 0; i < G_N_ELEMENTS (enum_cases); i++)
    g_type_ensure (enum_cases[i].get_type ());

  g_test_add_func ("/enums/round-trip", test_enums_round_trip);
  g_test_add_func ("/enums/unknown", test_enums_unknown);
  g_test_add_func ("/enums/fixtures-cover", test_enums_fixtures_cover);
  g_test_add_func ("/enums/notes-file", test_enums_notes_file);
  g_test_add_func ("/enums/session-files", test_enums_session_files);
  g_test_add_func ("/enums/interview-files", test_enums_interview_files);

  return g_test_run ();
}
