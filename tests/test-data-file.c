/* test-data-file.c
 *
 * The pieces that write our data files quickly: times formatted by
 * hand, and JSON written without a tree. Each must give what the slower
 * library code it replaced gave (GDateTime, json-glib's JsonGenerator),
 * so that files keep their layout and every time reads back.
 *
 * And what every file of user data shares when it is read or given up
 * on: the "version" read the same way, however large, and a damaged
 * file moved aside where only its owner can read it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "viva-data-file.h"
#include "viva-json-writer.h"

/* What viva_data_file_format_time() wrote with GDateTime and printf. */
static char *
reference_time (gint64 usec_since_epoch)
{
  g_autoptr(GDateTime) dt = NULL;
  gint64 seconds = usec_since_epoch / G_USEC_PER_SEC;
  gint64 usec = usec_since_epoch % G_USEC_PER_SEC;
  int year, month, day;

  if (usec < 0)
    {
      usec += G_USEC_PER_SEC;
      seconds--;
    }

  dt = g_date_time_new_from_unix_utc (seconds);
  if (dt == NULL)
    {
      dt = g_date_time_new_from_unix_utc (0);
      usec = 0;
    }

  g_date_time_get_ymd (dt, &year, &month, &day);

  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.%06dZ",
                          year, month, day,
                          g_date_time_get_hour (dt),
                          g_date_time_get_minute (dt),
                          g_date_time_get_second (dt),
                          (int) usec);
}

static void
assert_time (gint64 usec)
{
  g_autofree char *expected = reference_time (usec);
  char text[64];

  viva_data_file_format_time (usec, text, sizeof text);
  if (strcmp (text, expected) != 0)
    g_error ("%" G_GINT64_FORMAT ": wrote %s, GDateTime says %s", usec, text, expected);

  /* Every time we write reads back as itself, but the placeholder for
   * one out of range and those before 1970, which parse_time refuses. */
  if (expected[0] != '0' && strcmp (expected, "1970-01-01T00:00:00.000000Z") != 0 && usec > 0)
    g_assert_cmpint (viva_data_file_parse_time (text), ==, usec);
}

static void
test_format_time (void)
{
  static const gint64 seconds[] = {
    0, 1, -1, 59, 60, 3599, 3600, 86399, 86400, -86400, -86401,
    951782400,    /* 2000-02-29, a leap day of a century leap year */
    951868800,    /* 2000-03-01 */
    -2203891200,  /* 1900-03-01: 1900 is not a leap year */
    4107456000,   /* 2100-02-28 */
    4107542400,   /* 2100-03-01 */
    1767571200,   /* 2026-01-05 */
    2147483647, 2147483648,
    G_GINT64_CONSTANT (-62135596800),  /* 0001-01-01T00:00:00, GDateTime's first second */
    G_GINT64_CONSTANT (-62135596801),  /* one before: out of range */
    G_GINT64_CONSTANT (253402300799),  /* 9999-12-31T23:59:59, its last */
    G_GINT64_CONSTANT (253402300800),  /* one after */
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < G_N_ELEMENTS (seconds); i++)
    {
      assert_time (seconds[i] * G_USEC_PER_SEC);
      assert_time (seconds[i] * G_USEC_PER_SEC + 1);
      assert_time (seconds[i] * G_USEC_PER_SEC - 1);
      assert_time (seconds[i] * G_USEC_PER_SEC + 999999);
    }

  assert_time (G_MININT64);
  assert_time (G_MAXINT64);

  /* Everywhere in GDateTime's range, and in the years people live in. */
  for (guint i = 0; i < 100000; i++)
    {
      gint64 anywhere = (gint64) g_rand_double_range (rand, -62135596800.0 * G_USEC_PER_SEC,
                                                      253402300799.0 * G_USEC_PER_SEC);
      gint64 recent = (gint64) g_rand_double_range (rand, 1.5e15, 2.5e15);

      assert_time (anywhere);
      assert_time (recent);
    }
}

/* The document JsonBuilder and JsonGenerator make of the same calls. */
typedef struct
{
  JsonBuilder    *builder;
  VivaJsonWriter  writer;
} Both;

static void
both_begin_object (Both *both)
{
  json_builder_begin_object (both->builder);
  viva_json_writer_begin_object (&both->writer);
}

static void
both_end_object (Both *both)
{
  json_builder_end_object (both->builder);
  viva_json_writer_end_object (&both->writer);
}

static void
both_begin_array (Both *both)
{
  json_builder_begin_array (both->builder);
  viva_json_writer_begin_array (&both->writer);
}

static void
both_end_array (Both *both)
{
  json_builder_end_array (both->builder);
  viva_json_writer_end_array (&both->writer);
}

static void
both_member (Both       *both,
             const char *name)
{
  json_builder_set_member_name (both->builder, name);
  g_assert_true (viva_json_writer_member (&both->writer, name));
}

static void
both_string (Both       *both,
             const char *value)
{
  json_builder_add_string_value (both->builder, value);
  g_assert_true (viva_json_writer_string (&both->writer, value));
}

static void
both_int (Both   *both,
          gint64  value)
{
  json_builder_add_int_value (both->builder, value);
  viva_json_writer_int (&both->writer, value);
}

static void
test_writer_layout (void)
{
  Both both = { json_builder_new_immutable (), { 0 } };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) written = NULL;

  viva_json_writer_init (&both.writer, 0);

  both_begin_object (&both);
  both_member (&both, "format");
  both_string (&both, "viva-notes");
  both_member (&both, "numbers");
  both_begin_array (&both);
  both_int (&both, 0);
  both_int (&both, -1);
  both_int (&both, G_MAXINT64);
  both_int (&both, G_MININT64);
  both_int (&both, 4294967295);
  both_end_array (&both);
  both_member (&both, "empty object");
  both_begin_object (&both);
  both_end_object (&both);
  both_member (&both, "empty array");
  both_begin_array (&both);
  both_end_array (&both);
  both_member (&both, "nested");
  both_begin_array (&both);
  both_begin_object (&both);
  both_member (&both, "a");
  json_builder_add_boolean_value (both.builder, TRUE);
  viva_json_writer_boolean (&both.writer, TRUE);
  both_member (&both, "b");
  json_builder_add_boolean_value (both.builder, FALSE);
  viva_json_writer_boolean (&both.writer, FALSE);
  both_member (&both, "c");
  json_builder_add_null_value (both.builder);
  viva_json_writer_null (&both.writer);
  both_end_object (&both);
  both_begin_array (&both);
  both_string (&both, "");
  both_end_array (&both);
  both_end_array (&both);
  both_member (&both, "Ünïcödé \"name\"\n");
  both_string (&both, "quote \" backslash \\ slash / tab \t newline \n return \r "
                      "\b \f \x01 \x1e DEL \x7f é ✓ \xe2\x80\xa8 🐍 </script> \\u0000");
  both_end_object (&both);

  root = json_builder_get_root (both.builder);
  expected = viva_data_file_generate (root);
  written = viva_json_writer_free_to_bytes (&both.writer);

  g_test_message ("%s", (const char *) g_bytes_get_data (written, NULL));
  g_assert_cmpmem (g_bytes_get_data (written, NULL), g_bytes_get_size (written),
                   g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));

  g_object_unref (both.builder);
}

/* json-glib 1.6 writes U+001F as it is, which JSON does not allow; we
 * escape it, and every other control character. */
static void
test_writer_control_characters (void)
{
  VivaJsonWriter writer;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  char all[32];
  const char *data;

  for (guint i = 1; i < 32; i++)
    all[i - 1] = (char) i;
  all[31] = '\0';

  viva_json_writer_init (&writer, 0);
  viva_json_writer_string (&writer, all);
  bytes = viva_json_writer_free_to_bytes (&writer);
  data = g_bytes_get_data (bytes, NULL);

  g_assert_cmpstr (data, ==,
                   "\"\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r"
                   "\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017"
                   "\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\"\n");

  g_assert_true (json_parser_load_from_data (parser, data, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (json_parser_get_root (parser)), ==, all);
}

/* Text that is not UTF-8 is refused wherever the bad byte is: alone,
 * cut short, overlong, a surrogate, past U+10FFFF, between good
 * characters. */
static void
test_writer_refuses_bad_utf8 (void)
{
  static const char *const bad[] = {
    "\xff",
    "abc\x80",
    "caf\xc3",
    "caf\xc3 and more",
    "\xc0\xaf",
    "\xed\xa0\x80",
    "\xf4\x90\x80\x80",
    "é\xe2\x82 ✓",
    "plain ASCII for a while, then \xe9 in Latin-1",
  };
  static const char *const good[] = {
    "",
    "ascii",
    "é",
    "\xf4\x8f\xbf\xbf",
    "mixed é ✓ 🐍 text\nwith \"escapes\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      VivaJsonWriter writer;

      viva_json_writer_init (&writer, 0);
      viva_json_writer_begin_object (&writer);
      g_assert_false (viva_json_writer_member (&writer, bad[i]));
      viva_json_writer_clear (&writer);

      viva_json_writer_init (&writer, 0);
      g_assert_false (viva_json_writer_string (&writer, bad[i]));
      viva_json_writer_clear (&writer);
    }

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      VivaJsonWriter writer;
      g_autoptr(GBytes) bytes = NULL;

      viva_json_writer_init (&writer, 0);
      g_assert_true (viva_json_writer_string (&writer, good[i]));
      bytes = viva_json_writer_free_to_bytes (&writer);
      g_assert_true (g_utf8_validate (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
    }
}

#define TEST_ERROR (g_quark_from_static_string ("test-data-file-error"))

typedef struct
{
  const char          *version;
  VivaDataFileVersion  expected;
  /* What the message must say. */
  const char          *says;
} VersionCase;

/* A version too large to be a number is newer, as any larger integer
 * is; json-glib 1.6 alone wraps "9223372036854775808" to a negative and
 * "99999999999999999999999" to -1, and reads "-99999999999999999999999"
 * as 1. A negative or non-integer version is damage. */
static const VersionCase version_cases[] = {
  { "1", VIVA_DATA_FILE_VERSION_KNOWN, NULL },
  { "2", VIVA_DATA_FILE_VERSION_KNOWN, NULL },
  { "3", VIVA_DATA_FILE_VERSION_NEWER, "file version 3; this version of Viva reads version 2" },
  { "9223372036854775807", VIVA_DATA_FILE_VERSION_NEWER, "9223372036854775807" },
  { "9223372036854775808", VIVA_DATA_FILE_VERSION_NEWER, "file version 9223372036854775808;" },
  { "18446744073709551616", VIVA_DATA_FILE_VERSION_NEWER, "file version 18446744073709551616;" },
  { "99999999999999999999999", VIVA_DATA_FILE_VERSION_NEWER, "file version 99999999999999999999999;" },
  { "123456789012345678901234567890", VIVA_DATA_FILE_VERSION_NEWER, "file version 12345678901234567890…;" },
  { "0", VIVA_DATA_FILE_VERSION_INVALID, "“version” is 0, which no version of Viva wrote" },
  { "-1", VIVA_DATA_FILE_VERSION_INVALID, "“version” is -1," },
  { "-9223372036854775808", VIVA_DATA_FILE_VERSION_INVALID, "“version” is -9223372036854775808," },
  { "-9223372036854775809", VIVA_DATA_FILE_VERSION_INVALID, "“version” is -9223372036854775809," },
  { "-99999999999999999999999", VIVA_DATA_FILE_VERSION_INVALID, "“version” is -99999999999999999999999," },
  { "1.5", VIVA_DATA_FILE_VERSION_INVALID, "not a whole number" },
  { "2.0", VIVA_DATA_FILE_VERSION_INVALID, "not a whole number" },
  { "1e30", VIVA_DATA_FILE_VERSION_INVALID, "not a whole number" },
  { "\"2\"", VIVA_DATA_FILE_VERSION_INVALID, "not a whole number" },
  { "null", VIVA_DATA_FILE_VERSION_INVALID, "not a whole number" },
  { NULL, VIVA_DATA_FILE_VERSION_INVALID, "“version” is missing" },
};

static void
test_version (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (version_cases); i++)
    {
      const VersionCase *test = &version_cases[i];
      g_autofree char *json = NULL;
      g_autoptr(JsonParser) parser = NULL;
      g_autoptr(GError) error = NULL;
      JsonObject *root = NULL;
      VivaDataFileVersion result;
      gint64 version = -42;

      if (test->version != NULL)
        json = g_strdup_printf ("{\"format\": \"test\",\n \"version\": %s,\n \"count\": 7}", test->version);
      else
        json = g_strdup ("{\"format\": \"test\"}");

      parser = viva_data_file_parse_json (json, strlen (json), 8, TEST_ERROR, &root, &error);
      g_assert_no_error (error);
      g_assert_nonnull (parser);

      result = viva_data_file_get_version (parser, root, 1, 2, &version, TEST_ERROR, &error);
      g_test_message ("version %s: %s", test->version, error != NULL ? error->message : "known");

      if (result != test->expected)
        g_error ("version %s: got %d, expected %d", test->version, result, test->expected);

      switch (test->expected)
        {
        case VIVA_DATA_FILE_VERSION_KNOWN:
          g_assert_no_error (error);
          g_assert_cmpint (version, ==, g_ascii_strtoll (test->version, NULL, 10));
          break;

        case VIVA_DATA_FILE_VERSION_NEWER:
          g_assert_error (error, TEST_ERROR, VIVA_DATA_FILE_ERROR_FUTURE_VERSION);
          g_assert_cmpint (version, >, 2);
          break;

        case VIVA_DATA_FILE_VERSION_INVALID:
        default:
          g_assert_error (error, TEST_ERROR, VIVA_DATA_FILE_ERROR_INVALID);
          break;
        }

      if (test->says != NULL && strstr (error->message, test->says) == NULL)
        g_error ("version %s: “%s” does not say “%s”", test->version, error->message, test->says);
    }
}

/* json-glib 1.6 quotes the token it did not expect, cut to a number of
 * bytes: in the middle of a character here (found by fuzz-interview-
 * templates). What the user is shown is UTF-8 all the same. */
static void
test_parse_error_utf8 (void)
{
  static const char json[] = "{\"f\\\\\\\\F-8UTF-8\\\\UTF-8k-p   \x01+\xef\xbb\xbfp    \x01+\xef\xbb\xbf\"";
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *root = NULL;

  parser = viva_data_file_parse_json (json, strlen (json), 8, TEST_ERROR, &root, &error);
  g_assert_null (parser);
  g_assert_error (error, TEST_ERROR, VIVA_DATA_FILE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "line 1: not valid JSON: "));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* Anywhere but the top-level "version", an integer json-glib cannot hold
 * is damage: no Viva writes one, and json-glib would read another
 * number without a word ("-99999999999999999999999" as 1). So is a
 * leading zero, which JSON forbids and json-glib reads as octal. */
static void
test_integer_too_large (void)
{
  static const struct {
    const char *json;
    const char *says;
  } damaged[] = {
    { "{\"version\": 1,\n \"count\": 99999999999999999999}",
      "line 2: the number 99999999999999999999 is too large" },
    { "{\"version\": 1,\n\n \"lapses\": -99999999999999999999999}",
      "line 3: the number -99999999999999999999999 is too large" },
    { "{\"version\": 1, \"x\": [9223372036854775808]}",
      "the number 9223372036854775808 is too large" },
    { "{\"version\": 1, \"x\": {\"version\": 9223372036854775808}}",
      "the number 9223372036854775808 is too large" },
    { "{\"version\": 99999999999999999999999, \"x\": 99999999999999999999999}",
      "line 1: the number 99999999999999999999999 is too large" },
    { "{\"x\": \"version\", \"y\": 99999999999999999999999}",
      "the number 99999999999999999999999 is too large" },
    { "{\"version\": 1, \"x\": 1234567890123456789012345678901234567890}",
      "the number 12345678901234567890… is too large" },
    /* json-glib reads these as octal: 8. */
    { "{\"version\": 010}", "line 1: a number starts with a zero" },
    { "{\"version\": 1,\n \"x\": [1, -010]}", "line 2: a number starts with a zero" },
    { "{\"version\": 1, \"x\": 0099999999999999999999999}", "a number starts with a zero" },
  };
  static const char * const fine[] = {
    "{\"version\": 1, \"x\": 9223372036854775807, \"y\": -9223372036854775808}",
    "{\"version\": 1, \"x\": 1e30, \"y\": 99999999999999999999.5, \"z\": \"99999999999999999999\"}",
    "{\"version\": 1, \"x\": 0, \"y\": -0, \"z\": [0.5, 0e3, 10, 100]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_autoptr(JsonParser) parser = NULL;
      g_autoptr(GError) error = NULL;
      JsonObject *root = NULL;

      parser = viva_data_file_parse_json (damaged[i].json, strlen (damaged[i].json), 8, TEST_ERROR, &root, &error);
      g_assert_null (parser);
      g_assert_error (error, TEST_ERROR, VIVA_DATA_FILE_ERROR_INVALID);
      g_test_message ("%s: %s", damaged[i].json, error->message);
      if (strstr (error->message, damaged[i].says) == NULL)
        g_error ("“%s” does not say “%s”", error->message, damaged[i].says);
    }

  for (guint i = 0; i < G_N_ELEMENTS (fine); i++)
    {
      g_autoptr(JsonParser) parser = NULL;
      g_autoptr(GError) error = NULL;
      JsonObject *root = NULL;
      gint64 version = 0;

      parser = viva_data_file_parse_json (fine[i], strlen (fine[i]), 8, TEST_ERROR, &root, &error);
      g_assert_no_error (error);
      g_assert_cmpint (viva_data_file_get_version (parser, root, 1, 1, &version, TEST_ERROR, &error), ==,
                       VIVA_DATA_FILE_VERSION_KNOWN);
      g_assert_no_error (error);
    }
}

static mode_t
file_mode (const char *path)
{
  struct stat st;

  g_assert_cmpint (lstat (path, &st), ==, 0);

  return st.st_mode & 07777;
}

/* A damaged file keeps the user's notes: moved aside, only its owner may
 * read it, whatever mode it had. */
static void
test_move_aside_private (void)
{
  static const mode_t modes[] = { 0644, 0666, 0400, 0600 };
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "move-aside", NULL);
  g_autofree char *lock_path = g_build_filename (dir, ".lock", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *name = g_strdup_printf ("damaged-%o.json", modes[i]);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *aside = NULL;
      g_autofree char *kept = NULL;
      g_autoptr(GError) error = NULL;
      VivaFileStamp stamp;
      int errsv = 0;

      g_assert_true (g_file_set_contents (path, "{ damaged", -1, NULL));
      g_assert_cmpint (chmod (path, modes[i]), ==, 0);
      g_assert_true (viva_file_stamp_query (&stamp, path, &errsv));

      g_assert_cmpint (viva_data_file_move_aside (lock_path, path, &stamp, &aside, &error), ==,
                       VIVA_MOVE_ASIDE_DONE);
      g_assert_no_error (error);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

      g_assert_cmpint (file_mode (aside), ==, 0600);
      g_assert_true (g_file_get_contents (aside, &kept, NULL, NULL));
      g_assert_cmpstr (kept, ==, "{ damaged");
    }

  /* A damaged file that is a link is moved aside as the link: its target
   * is not Viva's to change. */
  {
    g_autofree char *target = g_build_filename (dir, "elsewhere.json", NULL);
    g_autofree char *path = g_build_filename (dir, "linked.json", NULL);
    g_autofree char *aside = NULL;
    g_autoptr(GError) error = NULL;
    VivaFileStamp stamp;
    int errsv = 0;

    g_assert_true (g_file_set_contents (target, "{ damaged", -1, NULL));
    g_assert_cmpint (chmod (target, 0644), ==, 0);
    g_assert_cmpint (symlink (target, path), ==, 0);
    g_assert_true (viva_file_stamp_query (&stamp, path, &errsv));

    g_assert_cmpint (viva_data_file_move_aside (lock_path, path, &stamp, &aside, &error), ==,
                     VIVA_MOVE_ASIDE_DONE);
    g_assert_true (g_file_test (aside, G_FILE_TEST_IS_SYMLINK));
    g_assert_cmpint (file_mode (target), ==, 0644);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/data-file/format-time", test_format_time);
  g_test_add_func ("/data-file/json-writer/layout", test_writer_layout);
  g_test_add_func ("/data-file/json-writer/control-characters", test_writer_control_characters);
  g_test_add_func ("/data-file/json-writer/bad-utf8", test_writer_refuses_bad_utf8);
  g_test_add_func ("/data-file/version", test_version);
  g_test_add_func ("/data-file/integer-too-large", test_integer_too_large);
  g_test_add_func ("/data-file/parse-error-utf8", test_parse_error_utf8);
  g_test_add_func ("/data-file/move-aside/private", test_move_aside_private);

  return g_test_run ();
}
