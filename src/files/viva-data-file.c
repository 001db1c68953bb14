/* viva-data-file.c
 *
 * Moved here from viva-notes-file.c when the mock interview sessions
 * needed the same care; the notes file's rules (viva-notes-file.c, at
 * the top) are the model for every file of user data. This is the
 * reading half of viva-data-file.h (stamps, reading and validating
 * untrusted JSON, times); the writing half is viva-data-file-write.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "viva-data-file.h"
#include "viva-json-scan.h"

/* File stamps */

void
viva_file_stamp_init (VivaFileStamp     *stamp,
                      const struct stat *st)
{
  stamp->exists = TRUE;
  stamp->dev = st->st_dev;
  stamp->ino = st->st_ino;
  stamp->size = st->st_size;
  stamp->mtime = st->st_mtim;
  stamp->ctime = st->st_ctim;
}

gboolean
viva_file_stamp_equal (const VivaFileStamp *a,
                       const VivaFileStamp *b)
{
  if (a->exists != b->exists)
    return FALSE;

  if (!a->exists)
    return TRUE;

  return a->dev == b->dev &&
         a->ino == b->ino &&
         a->size == b->size &&
         a->mtime.tv_sec == b->mtime.tv_sec &&
         a->mtime.tv_nsec == b->mtime.tv_nsec &&
         a->ctime.tv_sec == b->ctime.tv_sec &&
         a->ctime.tv_nsec == b->ctime.tv_nsec;
}

/* Fills @stamp from @path; a missing file is a stamp too. Follows
 * symbolic links, as reading the file does, so that both describe the
 * same file. */
gboolean
viva_file_stamp_query (VivaFileStamp *stamp,
                       const char    *path,
                       int           *out_errno)
{
  struct stat st;

  memset (stamp, 0, sizeof *stamp);

  if (stat (path, &st) == 0)
    {
      viva_file_stamp_init (stamp, &st);
      return TRUE;
    }

  *out_errno = errno;

  return *out_errno == ENOENT || *out_errno == ENOTDIR;
}

/* Reading */

/**
 * viva_data_file_read_result:
 * @error: (nullable): why reading a file failed, %NULL if it did not
 * @domain: the store's error domain, whose codes begin with
 *   #VivaDataFileErrorCode's
 *
 * Returns: what @error means for the file
 */
VivaDataFileReadResult
viva_data_file_read_result (const GError *error,
                            GQuark        domain)
{
  if (error == NULL)
    return VIVA_DATA_FILE_READ_OK;

  if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    return VIVA_DATA_FILE_READ_MISSING;

  if (g_error_matches (error, domain, VIVA_DATA_FILE_ERROR_FUTURE_VERSION))
    return VIVA_DATA_FILE_READ_FUTURE;

  if (g_error_matches (error, domain, VIVA_DATA_FILE_ERROR_TOO_LARGE) ||
      g_error_matches (error, domain, VIVA_DATA_FILE_ERROR_TOO_DEEP) ||
      g_error_matches (error, domain, VIVA_DATA_FILE_ERROR_INVALID))
    return VIVA_DATA_FILE_READ_DAMAGED;

  return VIVA_DATA_FILE_READ_UNREADABLE;
}

static void
set_too_large_error (GError **error,
                     GQuark   domain,
                     gsize    max_size,
                     goffset  size)
{
  g_autofree char *max = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);

  /* In bytes too: one byte over the limit rounds to the limit. */
  if (size > 0)
    {
      g_autofree char *actual = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS | G_FORMAT_SIZE_LONG_FORMAT);

      g_set_error (error, domain, VIVA_DATA_FILE_ERROR_TOO_LARGE,
                   _("the file is %s, more than the %s such a file may have"),
                   actual, max);
    }
  else
    g_set_error (error, domain, VIVA_DATA_FILE_ERROR_TOO_LARGE,
                 _("the file is larger than the %s such a file may have"),
                 max);
}

static gboolean
read_fd (int          fd,
         gsize        size_hint,
         gsize        max_size,
         GQuark       domain,
         char       **out_data,
         gsize       *out_len,
         GError     **error)
{
  g_autofree char *data = NULL;
  gsize capacity = MIN (size_hint, max_size) + 4096;
  gsize len = 0;

  data = g_malloc (capacity + 1);

  for (;;)
    {
      gssize n;

      if (len == capacity)
        {
          /* The file grew since fstat(); still never hold more than the
           * limit. */
          if (capacity > max_size)
            {
              set_too_large_error (error, domain, max_size, 0);
              return FALSE;
            }

          capacity = MIN (capacity * 2, max_size + 1);
          data = g_realloc (data, capacity + 1);
        }

      n = read (fd, data + len, capacity - len);

      if (n < 0)
        {
          int errsv = errno;

          if (errsv == EINTR)
            continue;

          g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                               g_strerror (errsv));
          return FALSE;
        }

      if (n == 0)
        break;

      len += n;
    }

  if (len > max_size)
    {
      set_too_large_error (error, domain, max_size, 0);
      return FALSE;
    }

  data[len] = '\0';
  *out_data = g_steal_pointer (&data);
  *out_len = len;

  return TRUE;
}

/**
 * viva_data_file_read:
 * @path: the file
 * @max_size: the most bytes the file may have
 * @domain: the caller's error domain, for %VIVA_DATA_FILE_ERROR_TOO_LARGE
 * @out_stamp: (out): the file as it was opened; exists is %FALSE when it
 *   could not be opened (or is not a regular file)
 * @out_data: (out): the contents, NUL-terminated
 * @out_len: (out): their length
 * @error: return location for an error
 *
 * Reads a whole regular file of at most @max_size bytes, without ever
 * holding more. A missing file fails with %G_FILE_ERROR_NOENT; other
 * I/O problems are in %G_FILE_ERROR. Thread-safe.
 */
gboolean
viva_data_file_read (const char     *path,
                     gsize           max_size,
                     GQuark          domain,
                     VivaFileStamp  *out_stamp,
                     char          **out_data,
                     gsize          *out_len,
                     GError        **error)
{
  struct stat st;
  gboolean ret;
  int fd;

  memset (out_stamp, 0, sizeof *out_stamp);
  *out_data = NULL;
  *out_len = 0;

  /* O_NONBLOCK so that a FIFO in place of the file cannot hang us. */
  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0)
    {
      int errsv = errno;

      /* A path through a regular file cannot hold our file either. */
      if (errsv == ENOTDIR)
        errsv = ENOENT;

      g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                           g_strerror (errsv));
      return FALSE;
    }

  if (fstat (fd, &st) != 0)
    {
      int errsv = errno;

      close (fd);
      g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                           g_strerror (errsv));
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                           _("it is not a regular file"));
      return FALSE;
    }

  viva_file_stamp_init (out_stamp, &st);

  if ((guint64) st.st_size > max_size)
    {
      close (fd);
      set_too_large_error (error, domain, max_size, st.st_size);
      return FALSE;
    }

  ret = read_fd (fd, st.st_size, max_size, domain, out_data, out_len, error);
  close (fd);

  return ret;
}

static guint
line_at_offset (const char *data,
                gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        line++;
    }

  return line;
}

/* An integer from a file, as a message shows it: the file holds only
 * ASCII digits there, and thousands of them would make an unreadable
 * message. */
static char *
dup_shown_integer (const char *digits,
                   gsize       len)
{
  if (len > 24)
    return g_strdup_printf ("%.*s…", 20, digits);

  return g_strndup (digits, len);
}

/* Where viva_data_file_parse_json() keeps, on its parser, a top-level
 * "version" too large for json-glib to hold, as written. */
#define VERSION_AS_WRITTEN "viva-data-file-version-as-written"

/* @version_as_written is set to the top-level "version" when it is an
 * integer json-glib would misread: viva_data_file_get_version() reads it
 * from the text. Any other such integer is damage: no Viva writes one,
 * and json-glib would silently read another number. */
static gboolean
check_scan (const char  *data,
            gsize        len,
            guint        max_depth,
            GQuark       domain,
            char       **version_as_written,
            GError     **error)
{
  g_autoptr(GArray) large_integers = g_array_new (FALSE, FALSE, sizeof (VivaJsonScanNumber));
  VivaJsonScanResult result;
  const char *problem = NULL;
  gsize offset = 0;

  *version_as_written = NULL;

  result = viva_json_scan (data, len, max_depth, &offset, large_integers);

  switch (result)
    {
    case VIVA_JSON_SCAN_OK:
      for (guint i = 0; i < large_integers->len; i++)
        {
          const VivaJsonScanNumber *number = &g_array_index (large_integers, VivaJsonScanNumber, i);
          g_autofree char *shown = NULL;

          /* Written by us as "version", never with escapes. */
          if (number->member_length == strlen ("version") &&
              memcmp (data + number->member_offset, "version", number->member_length) == 0)
            {
              g_free (*version_as_written);
              *version_as_written = g_strndup (data + number->offset, number->length);
              continue;
            }

          g_clear_pointer (version_as_written, g_free);
          shown = dup_shown_integer (data + number->offset, number->length);
          g_set_error (error, domain, VIVA_DATA_FILE_ERROR_INVALID,
                       _("line %u: the number %s is too large"),
                       line_at_offset (data, number->offset), shown);
          return FALSE;
        }
      return TRUE;

    case VIVA_JSON_SCAN_TOO_DEEP:
      g_set_error (error, domain, VIVA_DATA_FILE_ERROR_TOO_DEEP,
                   ngettext ("line %u: lists and objects nest more than %u level deep",
                             "line %u: lists and objects nest more than %u levels deep",
                             max_depth),
                   line_at_offset (data, offset), max_depth);
      return FALSE;

    case VIVA_JSON_SCAN_NUL_BYTE:
      problem = _("contains a NUL byte");
      break;

    case VIVA_JSON_SCAN_NUL_ESCAPE:
      problem = _("a string contains the escape \\u0000");
      break;

    case VIVA_JSON_SCAN_BAD_ESCAPE:
      problem = _("a string contains an escape that JSON does not allow");
      break;

    case VIVA_JSON_SCAN_BAD_UTF8:
      problem = _("the text is not UTF-8");
      break;

    case VIVA_JSON_SCAN_BAD_CHARACTER:
      problem = _("a character that JSON does not allow outside strings");
      break;

    case VIVA_JSON_SCAN_UNBALANCED:
      problem = _("a closing bracket does not match an opening one");
      break;

    case VIVA_JSON_SCAN_UNTERMINATED_STRING:
      problem = _("a string is not closed");
      break;

    case VIVA_JSON_SCAN_TRAILING_DATA:
      problem = _("more data follows the end of the JSON document");
      break;

    case VIVA_JSON_SCAN_LEADING_ZERO:
      problem = _("a number starts with a zero, which JSON does not allow");
      break;

    default:
      g_assert_not_reached ();
    }

  g_set_error (error, domain, VIVA_DATA_FILE_ERROR_INVALID,
               _("line %u: %s"), line_at_offset (data, offset), problem);

  return FALSE;
}

/* json-glib keeps the last of two members with the same name and drops
 * the first without a word. A file with two versions of one thing is not
 * one we can load without losing one of them, so we count members as the
 * parser adds them: when the count passes the object's size, a name came
 * twice. */
typedef struct
{
  GHashTable *counts;
  char       *name;
  guint       line;
} DuplicateCheck;

static void
duplicate_check_member_cb (JsonParser     *parser,
                           JsonObject     *object,
                           const char     *member_name,
                           DuplicateCheck *check)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (check->counts, object)) + 1;

  g_hash_table_insert (check->counts, object, GUINT_TO_POINTER (count));

  if (count > json_object_get_size (object) && check->name == NULL)
    {
      check->name = g_strdup (member_name);
      check->line = json_parser_get_current_line (parser);
    }
}

/**
 * viva_data_file_parse_json:
 * @data: the file's contents
 * @len: their length
 * @max_depth: how deep arrays and objects may nest
 * @domain: the caller's error domain, for %VIVA_DATA_FILE_ERROR_TOO_DEEP
 *   and %VIVA_DATA_FILE_ERROR_INVALID
 * @out_root: (out) (transfer none): the top-level object, owned by the
 *   returned parser
 * @error: return location for an error
 *
 * Parses untrusted bytes that must hold one JSON object: pre-scanned so
 * that json-glib neither crashes nor silently changes what it reads, and
 * with duplicate members refused. An integer json-glib cannot hold (it
 * wraps what does not fit a gint64) is refused too, except the top-level
 * "version", which viva_data_file_get_version() then reads as written.
 * A successful parse is not validation: the caller checks every member.
 * Thread-safe.
 *
 * Returns: (transfer full) (nullable): the parser, which owns the tree
 */
JsonParser *
viva_data_file_parse_json (const char  *data,
                           gsize        len,
                           guint        max_depth,
                           GQuark       domain,
                           JsonObject **out_root,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autofree char *version_as_written = NULL;
  DuplicateCheck check = { NULL, NULL, 0 };
  JsonNode *node;
  gboolean parsed;

  *out_root = NULL;

  /* Some editors start UTF-8 files with a byte order mark; it carries
   * nothing, and refusing the file for it would help nobody. */
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  if (!check_scan (data, len, max_depth, domain, &version_as_written, error))
    return NULL;

  counts = g_hash_table_new (NULL, NULL);
  check.counts = counts;

  parser = json_parser_new ();
  g_signal_connect (parser, "object-member",
                    G_CALLBACK (duplicate_check_member_cb), &check);
  parsed = json_parser_load_from_data (parser, data, len, &local_error);
  g_signal_handlers_disconnect_by_data (parser, &check);

  if (!parsed)
    {
      g_autofree char *valid = NULL;
      const char *message;
      guint64 line = 0;

      /* json-glib 1.6 quotes the token it did not expect cut to a number
       * of bytes, which can end inside a character: the message is shown
       * to the user, and GTK wants UTF-8. */
      valid = g_utf8_make_valid (local_error->message, -1);
      message = valid;

      /* json-glib says "<data>:LINE:COLUMN: Parse error: …"; say it the
       * way our other messages do. */
      if (g_str_has_prefix (message, "<data>:"))
        {
          const char *rest = strstr (message, ": ");

          line = g_ascii_strtoull (message + strlen ("<data>:"), NULL, 10);
          if (rest != NULL)
            message = rest + 2;
        }

      g_set_error (error, domain, VIVA_DATA_FILE_ERROR_INVALID,
                   _("line %u: not valid JSON: %s"), (guint) line, message);
      g_free (check.name);
      return NULL;
    }

  if (check.name != NULL)
    {
      g_set_error (error, domain, VIVA_DATA_FILE_ERROR_INVALID,
                   _("line %u: “%s” appears twice in the same object"),
                   check.line, check.name);
      g_free (check.name);
      return NULL;
    }

  node = json_parser_get_root (parser);
  if (node == NULL)
    {
      g_set_error_literal (error, domain, VIVA_DATA_FILE_ERROR_INVALID,
                           _("the file is empty"));
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, domain, VIVA_DATA_FILE_ERROR_INVALID,
                           _("the file does not hold a JSON object"));
      return NULL;
    }

  *out_root = json_node_get_object (node);

  if (version_as_written != NULL)
    g_object_set_data_full (G_OBJECT (parser), VERSION_AS_WRITTEN,
                            g_steal_pointer (&version_as_written), g_free);

  return g_steal_pointer (&parser);
}

/**
 * viva_data_file_get_version:
 * @parser: what viva_data_file_parse_json() returned
 * @root: its top-level object
 * @oldest: the oldest version this Viva reads
 * @newest: the newest version this Viva reads (and the one it writes)
 * @out_version: (out): the file's version, %G_MAXINT64 for one too large
 *   to hold; set unless %VIVA_DATA_FILE_VERSION_INVALID
 * @domain: the caller's error domain
 * @error: return location for an error
 *
 * Reads the top-level "version" the same way for every file. An integer
 * above @newest, however large, means a newer Viva wrote the file: that
 * gives %VIVA_DATA_FILE_VERSION_NEWER and a %VIVA_DATA_FILE_ERROR_FUTURE_VERSION
 * error, and the caller opens the file read-only. A version that is
 * missing, not a whole number, or below @oldest (negative included) is
 * damage: %VIVA_DATA_FILE_VERSION_INVALID with a
 * %VIVA_DATA_FILE_ERROR_INVALID error that says which.
 *
 * Returns: what the version says of the file
 */
VivaDataFileVersion
viva_data_file_get_version (JsonParser  *parser,
                            JsonObject  *root,
                            gint64       oldest,
                            gint64       newest,
                            gint64      *out_version,
                            GQuark       domain,
                            GError     **error)
{
  const char *as_written = g_object_get_data (G_OBJECT (parser), VERSION_AS_WRITTEN);
  g_autofree char *shown = NULL;
  JsonNode *node;
  gboolean missing;
  gint64 version;

  g_return_val_if_fail (JSON_IS_PARSER (parser), VIVA_DATA_FILE_VERSION_INVALID);
  g_return_val_if_fail (root != NULL, VIVA_DATA_FILE_VERSION_INVALID);
  g_return_val_if_fail (oldest <= newest, VIVA_DATA_FILE_VERSION_INVALID);

  /* Too large for json-glib, which read another number: the text says
   * what it is. */
  if (as_written != NULL)
    {
      shown = dup_shown_integer (as_written, strlen (as_written));
      version = as_written[0] == '-' ? G_MININT64 : G_MAXINT64;
    }
  else
    {
      node = viva_json_object_get_value_member (root, "version", G_TYPE_INT64, &missing);
      if (node == NULL)
        {
          g_set_error_literal (error, domain, VIVA_DATA_FILE_ERROR_INVALID,
                               missing ? _("“version” is missing") : _("“version” is not a whole number"));
          return VIVA_DATA_FILE_VERSION_INVALID;
        }

      version = json_node_get_int (node);
      /* Formatted apart: a format macro inside _() would cut the message
       * that translators see. */
      shown = g_strdup_printf ("%" G_GINT64_FORMAT, version);
    }

  if (version < oldest)
    {
      g_set_error (error, domain, VIVA_DATA_FILE_ERROR_INVALID,
                   _("“version” is %s, which no version of Viva wrote"),
                   shown);
      return VIVA_DATA_FILE_VERSION_INVALID;
    }

  *out_version = version;

  if (version > newest)
    {
      g_autofree char *newest_shown = g_strdup_printf ("%" G_GINT64_FORMAT, newest);

      g_set_error (error, domain, VIVA_DATA_FILE_ERROR_FUTURE_VERSION,
                   _("file version %s; this version of Viva reads version %s"),
                   shown, newest_shown);
      return VIVA_DATA_FILE_VERSION_NEWER;
    }

  return VIVA_DATA_FILE_VERSION_KNOWN;
}

/* Returns the member if it holds a plain value of @type; sets @missing
 * when it is not there at all. Never uses the getters that log criticals
 * on missing members. */
JsonNode *
viva_json_object_get_value_member (JsonObject *object,
                                   const char *name,
                                   GType       type,
                                   gboolean   *missing)
{
  JsonNode *node;

  *missing = !json_object_has_member (object, name);
  if (*missing)
    return NULL;

  node = json_object_get_member (object, name);

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    return NULL;

  return node;
}

/* Times: ISO 8601 in UTC with microseconds, "2026-11-24T01:02:03.123456Z".
 * Returns microseconds since 1970, or -1 for anything else (including
 * times before 1970). */
gint64
viva_data_file_parse_time (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;

  dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt == NULL)
    return -1;

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

/* GDateTime's range, years 1 to 9999, in seconds since 1970. */
#define FIRST_SECOND G_GINT64_CONSTANT (-62135596800)
#define LAST_SECOND  G_GINT64_CONSTANT (253402300799)

static char *
put_digits (char   *p,
            guint   value,
            guint   n_digits)
{
  for (guint i = n_digits; i > 0; i--)
    {
      p[i - 1] = (char) ('0' + value % 10);
      value /= 10;
    }

  return p + n_digits;
}

/* Written by hand rather than with GDateTime and printf: notes.json has
 * a time or more per note, and 10,000 notes spent a third of their save
 * here. The calendar is the proleptic Gregorian one, as GDateTime's
 * (days to civil date: Howard Hinnant, "chrono-Compatible Low-Level Date
 * Algorithms"). */
void
viva_data_file_format_time (gint64  usec_since_epoch,
                            char   *buf,
                            gsize   buf_len)
{
  char text[sizeof "2026-11-24T01:02:03.123456Z"];
  char *p = text;
  gint64 seconds = usec_since_epoch / G_USEC_PER_SEC;
  gint64 usec = usec_since_epoch % G_USEC_PER_SEC;
  gint64 days, z, era;
  guint second_of_day, doe, yoe, doy, mp, day, month;
  gint64 year;

  if (usec < 0)
    {
      usec += G_USEC_PER_SEC;
      seconds--;
    }

  /* Out of GDateTime's range (years 1 to 9999): write a time we can read
   * back rather than a file we cannot. */
  if (seconds < FIRST_SECOND || seconds > LAST_SECOND)
    {
      seconds = 0;
      usec = 0;
    }

  days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  second_of_day = (guint) (seconds - days * 86400);

  z = days + 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = (guint) (z - era * 146097);
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  day = doy - (153 * mp + 2) / 5 + 1;
  month = mp < 10 ? mp + 3 : mp - 9;
  year = yoe + era * 400 + (month <= 2);

  p = put_digits (p, (guint) year, 4);
  *p++ = '-';
  p = put_digits (p, month, 2);
  *p++ = '-';
  p = put_digits (p, day, 2);
  *p++ = 'T';
  p = put_digits (p, second_of_day / 3600, 2);
  *p++ = ':';
  p = put_digits (p, second_of_day / 60 % 60, 2);
  *p++ = ':';
  p = put_digits (p, second_of_day % 60, 2);
  *p++ = '.';
  p = put_digits (p, (guint) usec, 6);
  *p++ = 'Z';
  *p = '\0';

  g_strlcpy (buf, text, buf_len);
}

/* A string of @min_size to @max_size bytes; or, when @nullable, null
 * (*out is then NULL). The pre-scan made sure strings are UTF-8 without
 * NUL. */
gboolean
viva_data_file_get_string_member (JsonObject   *object,
                                  const char   *name,
                                  gsize         min_size,
                                  gsize         max_size,
                                  gboolean      nullable,
                                  const char  **out,
                                  GQuark        domain,
                                  GError      **error)
{
  JsonNode *node;
  gboolean missing;
  gsize len;

  *out = NULL;

  if (nullable && json_object_has_member (object, name) &&
      JSON_NODE_HOLDS_NULL (json_object_get_member (object, name)))
    return TRUE;

  node = viva_json_object_get_value_member (object, name, G_TYPE_STRING, &missing);
  if (node == NULL)
    {
      g_set_error (error, domain, VIVA_DATA_FILE_ERROR_INVALID,
                   missing ? _("“%s” is missing") : _("“%s” is not a string"), name);
      return FALSE;
    }

  *out = json_node_get_string (node);
  len = strlen (*out);

  if (len < min_size)
    {
      g_set_error (error, domain, VIVA_DATA_FILE_ERROR_INVALID,
                   _("“%s” is empty"), name);
      return FALSE;
    }

  if (len > max_size)
    {
      g_autofree char *max = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, domain, VIVA_DATA_FILE_ERROR_INVALID,
                   _("“%s” is longer than %s"), name, max);
      return FALSE;
    }

  /* Defence in depth: json-glib 1.6 turns some escapes into invalid
   * UTF-8, and the pre-scan is what keeps them out. */
  if (!g_utf8_validate (*out, len, NULL))
    {
      g_set_error (error, domain, VIVA_DATA_FILE_ERROR_INVALID,
                   _("“%s” is not UTF-8"), name);
      return FALSE;
    }

  return TRUE;
}

gboolean
viva_data_file_get_int_member (JsonObject  *object,
                               const char  *name,
                               gint64       min,
                               gint64       max,
                               gint64      *out,
                               GQuark       domain,
                               GError     **error)
{
  JsonNode *node;
  gboolean missing;

  node = viva_json_object_get_value_member (object, name, G_TYPE_INT64, &missing);
  if (node == NULL)
    {
      g_set_error (error, domain, VIVA_DATA_FILE_ERROR_INVALID,
                   missing ? _("“%s” is missing") : _("“%s” is not a whole number"), name);
      return FALSE;
    }

  *out = json_node_get_int (node);

  if (*out < min || *out > max)
    {
      g_set_error (error, domain, VIVA_DATA_FILE_ERROR_INVALID,
                   _("“%s” is out of range"), name);
      return FALSE;
    }

  return TRUE;
}

/* Microseconds since 1970 from an ISO 8601 time; with @nullable, null
 * gives 0. */
gboolean
viva_data_file_get_time_member (JsonObject  *object,
                                const char  *name,
                                gboolean     nullable,
                                gint64      *out,
                                GQuark       domain,
                                GError     **error)
{
  const char *text;

  if (!viva_data_file_get_string_member (object, name, 1, 64, nullable, &text, domain, error))
    return FALSE;

  if (text == NULL)
    {
      *out = 0;
      return TRUE;
    }

  *out = viva_data_file_parse_time (text);
  if (*out <= 0)
    {
      g_set_error (error, domain, VIVA_DATA_FILE_ERROR_INVALID,
                   _("“%s” is not an ISO 8601 date and time after 1970"), name);
      return FALSE;
    }

  return TRUE;
}

/* An ISO 8601 time, or null for none. */
void
viva_data_file_add_time_member (JsonBuilder *builder,
                                const char  *name,
                                gint64       usec)
{
  char text[64];

  json_builder_set_member_name (builder, name);

  if (usec <= 0)
    {
      json_builder_add_null_value (builder);
      return;
    }

  viva_data_file_format_time (usec, text, sizeof text);
  json_builder_add_string_value (builder, text);
}

/* Pretty-printed with an indent of 2 and a final newline, so that two
 * versions of a file compare well with diff. */
GBytes *
viva_data_file_generate (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  GString *string;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);

  string = g_string_new (NULL);
  json_generator_to_gstring (generator, string);
  g_string_append_c (string, '\n');

  return g_string_free_to_bytes (string);
}
