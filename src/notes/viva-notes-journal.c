/* viva-notes-journal.c
 *
 * The journal beside notes.json
 * =============================
 *
 * notes.json is rewritten whole, which with 100,000 notes takes over a
 * second: too slow to do after every keystroke. So each change is also
 * appended, within ~300 ms of the last keystroke and at least every
 * second while typing goes on, to notes.json.journal (mode 0600):
 *
 *   viva-notes-journal 1\n
 *   @<sequence> <length> <sha256>\n<length bytes of payload>\n
 *   @<sequence> <length> <sha256>\n<length bytes of payload>\n
 *   …
 *
 *  - The first line names the format and its version; a file that does
 *    not begin so (another program's, a newer Viva's) is not replayed:
 *    it is kept aside like a damaged tail, below.
 *  - Each entry's line gives its sequence number (decimal, 1 and up, each
 *    entry's higher than the one before, never reused: it goes on from
 *    one journal to the next), the payload's length in bytes (decimal)
 *    and the SHA-256 of the payload (64 lowercase hexadecimal digits).
 *  - The payload is a notes document exactly as notes.json is (see
 *    viva-notes-file.c), holding the notes changed since the previous
 *    entry, each whole (text, status, star, review, history,
 *    scratchpad; a note emptied is there with its empty text). It is
 *    validated as notes.json is, with the same limits.
 *  - notes.json's "journal-sequence" is the last entry it includes. At
 *    start-up the entries after it are applied on top of it, in order;
 *    an entry's note older ("modified") than the file's is skipped.
 *  - Reading stops at the first entry that is cut short, whose checksum
 *    or line is wrong, whose sequence does not go up, or whose notes do
 *    not validate: what follows is copied to
 *    notes.json.journal.corrupt-YYYYMMDD-HHMMSS (0600, the whole journal
 *    as it was) and the journal is cut back to its good entries.
 *  - Once notes.json has been written with everything the journal holds,
 *    the journal is emptied (truncated to nothing; the header comes back
 *    with the next entry).
 *  - One process owns the journal at a time: the one holding flock() on
 *    it, which it does from start-up (or its first entry) until it quits.
 *    Another Viva on the same notes.json keeps no journal and replays
 *    none (the owner is alive and will write its changes); it saves as
 *    before, every few seconds.
 *
 * Entries are not fsynced: they protect against the process dying, not
 * the machine, which the fsynced write of notes.json covers.
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

#include "viva-notes-journal.h"
#include "viva-notes-store.h"

#define ENTRY_LINE_MAX 128
#define SHA256_HEX_LEN 64

struct _VivaNotesJournal
{
  char     *path;
  int       fd;
  /* Another process holds the lock: not ours to write or replay. */
  gboolean  busy;
  /* A damaged journal that could not be kept aside: never appended to,
   * since entries after its damage could not be read back. */
  gboolean  broken;
};

char *
viva_notes_journal_dup_path (const char *notes_path)
{
  return g_strconcat (notes_path, ".journal", NULL);
}

/* Reading */

static void
entry_free (VivaNotesJournalEntry *entry)
{
  g_clear_pointer (&entry->notes, viva_notes_file_free);
  g_free (entry);
}

void
viva_notes_journal_contents_free (VivaNotesJournalContents *contents)
{
  g_clear_pointer (&contents->entries, g_ptr_array_unref);
  g_clear_pointer (&contents->problem, g_free);
  g_free (contents);
}

/* A decimal number with no sign and no leading zero, up to @end. */
static gboolean
parse_decimal (const char  *p,
               const char  *end,
               guint64     *out)
{
  guint64 value = 0;

  if (p == end || (*p == '0' && end - p > 1))
    return FALSE;

  for (; p < end; p++)
    {
      if (!g_ascii_isdigit (*p) || value > (G_MAXUINT64 - 9) / 10)
        return FALSE;
      value = value * 10 + (guint64) (*p - '0');
    }

  *out = value;
  return TRUE;
}

/* "@<sequence> <length> <sha256>", without its newline. */
static gboolean
parse_entry_line (const char *line,
                  gsize       len,
                  guint64    *sequence,
                  guint64    *payload_len,
                  const char **checksum)
{
  const char *end = line + len;
  const char *space1;
  const char *space2;

  if (len < 1 || line[0] != '@')
    return FALSE;

  space1 = memchr (line, ' ', len);
  if (space1 == NULL || !parse_decimal (line + 1, space1, sequence) || *sequence == 0)
    return FALSE;

  space2 = memchr (space1 + 1, ' ', end - (space1 + 1));
  if (space2 == NULL || !parse_decimal (space1 + 1, space2, payload_len))
    return FALSE;

  if (end - (space2 + 1) != SHA256_HEX_LEN)
    return FALSE;

  for (const char *p = space2 + 1; p < end; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;

  *checksum = space2 + 1;
  return TRUE;
}

/**
 * viva_notes_journal_parse:
 * @data: what the journal holds (not necessarily NUL-terminated)
 * @len: its length
 *
 * Reads the good entries of a journal, up to the first one that is not
 * (see the top of this file). Never fails: bad bytes end the entries.
 * Thread-safe.
 *
 * Returns: (transfer full): the entries, how many bytes they take, and
 *   why reading stopped before the end, if it did
 */
VivaNotesJournalContents *
viva_notes_journal_parse (const char *data,
                          gsize       len)
{
  VivaNotesJournalContents *contents = g_new0 (VivaNotesJournalContents, 1);
  gsize header_len = strlen (VIVA_NOTES_JOURNAL_HEADER);
  guint64 previous = 0;
  gsize pos;

  contents->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);

  if (len == 0)
    return contents;

  if (len < header_len || memcmp (data, VIVA_NOTES_JOURNAL_HEADER, header_len) != 0)
    {
      contents->problem = g_strdup (_("it is not a journal of this version of Viva"));
      return contents;
    }

  pos = contents->valid_len = header_len;

  while (pos < len)
    {
      g_autoptr(GChecksum) checksum = NULL;
      g_autoptr(VivaNotesFile) notes = NULL;
      g_autoptr(GError) error = NULL;
      VivaNotesJournalEntry *entry;
      const char *newline;
      const char *expected;
      const char *payload;
      guint64 sequence;
      guint64 payload_len;
      /* Numbers as text: a translatable string cannot hold
       * G_GUINT64_FORMAT, which xgettext does not expand. */
      char sequence_text[24];
      char previous_text[24];

      newline = memchr (data + pos, '\n', MIN (len - pos, ENTRY_LINE_MAX));
      if (newline == NULL)
        {
          contents->problem = g_strdup (len - pos < ENTRY_LINE_MAX
                                        ? _("its last entry is cut short")
                                        : _("an entry does not begin as entries do"));
          break;
        }

      if (!parse_entry_line (data + pos, newline - (data + pos), &sequence, &payload_len, &expected))
        {
          contents->problem = g_strdup (_("an entry does not begin as entries do"));
          break;
        }

      g_snprintf (sequence_text, sizeof sequence_text, "%" G_GUINT64_FORMAT, sequence);
      g_snprintf (previous_text, sizeof previous_text, "%" G_GUINT64_FORMAT, previous);

      if (sequence <= previous)
        {
          contents->problem = g_strdup_printf (_("entry %s comes after entry %s"),
                                               sequence_text, previous_text);
          break;
        }

      payload = newline + 1;
      if (payload_len > VIVA_NOTES_MAX_SIZE ||
          payload_len + 1 > (guint64) (data + len - payload))
        {
          contents->problem = g_strdup (_("its last entry is cut short"));
          break;
        }

      if (payload[payload_len] != '\n')
        {
          contents->problem = g_strdup_printf (_("entry %s does not end as entries do"),
                                               sequence_text);
          break;
        }

      checksum = g_checksum_new (G_CHECKSUM_SHA256);
      g_checksum_update (checksum, (const guchar *) payload, (gssize) payload_len);
      if (memcmp (g_checksum_get_string (checksum), expected, SHA256_HEX_LEN) != 0)
        {
          contents->problem = g_strdup_printf (_("entry %s does not match its checksum"),
                                               sequence_text);
          break;
        }

      if (!viva_notes_file_parse (payload, (gsize) payload_len, &notes, &error))
        {
          contents->problem = g_strdup_printf (_("entry %s: %s"),
                                               sequence_text, error->message);
          break;
        }

      entry = g_new0 (VivaNotesJournalEntry, 1);
      entry->sequence = sequence;
      entry->notes = g_steal_pointer (&notes);
      g_ptr_array_add (contents->entries, entry);

      previous = sequence;
      pos = (gsize) (payload - data) + (gsize) payload_len + 1;
      contents->valid_len = pos;
    }

  return contents;
}

static char *
note_key (const VivaNoteRecord *record)
{
  return g_strdup_printf ("%u/%s", record->number, record->bank_id);
}

/**
 * viva_notes_journal_replay:
 * @records: (element-type VivaNoteRecord): the notes of notes.json
 * @file_sequence: its "journal-sequence"
 * @contents: what the journal held
 * @out_last_sequence: (out): the last sequence number seen, in the file
 *   or the journal
 * @out_n_replayed: (out): how many notes came from the journal
 *
 * The notes as they were at the journal's last good entry: @records
 * with, in order, every note of every entry after @file_sequence put in
 * the place of the file's, unless the file's is the newer (a file
 * another Viva wrote after this journal's owner died).
 *
 * Returns: (transfer container) (element-type VivaNoteRecord): the
 *   notes, borrowed from @records and @contents
 */
GPtrArray *
viva_notes_journal_replay (GPtrArray                *records,
                           guint64                   file_sequence,
                           VivaNotesJournalContents *contents,
                           guint64                  *out_last_sequence,
                           guint                    *out_n_replayed)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *view = g_ptr_array_new ();
  guint64 last = file_sequence;
  guint n_replayed = 0;

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      VivaNoteRecord *record = g_ptr_array_index (records, i);

      g_hash_table_replace (index, note_key (record), GUINT_TO_POINTER (view->len + 1));
      g_ptr_array_add (view, record);
    }

  for (guint i = 0; contents != NULL && i < contents->entries->len; i++)
    {
      VivaNotesJournalEntry *entry = g_ptr_array_index (contents->entries, i);

      last = MAX (last, entry->sequence);

      if (entry->sequence <= file_sequence)
        continue;

      for (guint j = 0; j < entry->notes->records->len; j++)
        {
          VivaNoteRecord *record = g_ptr_array_index (entry->notes->records, j);
          char *key = note_key (record);
          guint position = GPOINTER_TO_UINT (g_hash_table_lookup (index, key));

          if (position == 0)
            {
              g_hash_table_replace (index, key, GUINT_TO_POINTER (view->len + 1));
              g_ptr_array_add (view, record);
              n_replayed++;
              continue;
            }

          g_free (key);

          if (((VivaNoteRecord *) g_ptr_array_index (view, position - 1))->modified > record->modified)
            continue;

          g_ptr_array_index (view, position - 1) = record;
          n_replayed++;
        }
    }

  *out_last_sequence = last;
  *out_n_replayed = n_replayed;

  return view;
}

/* Writing */

/**
 * viva_notes_journal_encode:
 * @sequence: the entry's sequence number
 * @records: (element-type VivaNoteRecord): the notes it holds; sorted in
 *   place
 * @error: return location for an error
 *
 * Returns: (transfer full): the entry, line and payload, ready to append
 */
GBytes *
viva_notes_journal_encode (guint64     sequence,
                           GPtrArray  *records,
                           GError    **error)
{
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  gconstpointer data;
  GString *entry;
  gsize len;

  g_return_val_if_fail (sequence > 0, NULL);

  payload = viva_notes_serialize (records, error);
  if (payload == NULL)
    return NULL;

  data = g_bytes_get_data (payload, &len);
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, data, (gssize) len);

  entry = g_string_sized_new (len + ENTRY_LINE_MAX);
  g_string_printf (entry, "@%" G_GUINT64_FORMAT " %" G_GSIZE_FORMAT " %s\n",
                   sequence, len, g_checksum_get_string (checksum));
  g_string_append_len (entry, data, (gssize) len);
  g_string_append_c (entry, '\n');

  return g_string_free_to_bytes (entry);
}

/* The file */

VivaNotesJournal *
viva_notes_journal_new (const char *notes_path)
{
  VivaNotesJournal *self = g_atomic_rc_box_new0 (VivaNotesJournal);

  self->path = viva_notes_journal_dup_path (notes_path);
  self->fd = -1;

  return self;
}

VivaNotesJournal *
viva_notes_journal_ref (VivaNotesJournal *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
viva_notes_journal_clear (VivaNotesJournal *self)
{
  /* Closing drops the lock. */
  if (self->fd >= 0)
    close (self->fd);
  g_free (self->path);
}

void
viva_notes_journal_unref (VivaNotesJournal *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) viva_notes_journal_clear);
}

const char *
viva_notes_journal_get_path (VivaNotesJournal *self)
{
  return self->path;
}

gboolean
viva_notes_journal_get_busy (VivaNotesJournal *self)
{
  return self->busy;
}

static void
set_error_from_errno (GError     **error,
                      int          errsv,
                      const char  *path)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
               _("Could not keep the journal of your notes, “%s”: %s"),
               path, g_strerror (errsv));
}

/* Opens and locks the journal, creating it (and its folder) with
 * @create. A journal another process holds is left alone (busy); one
 * that is not there without @create leaves the descriptor at -1. */
static gboolean
viva_notes_journal_open (VivaNotesJournal  *self,
                         gboolean           create,
                         GError           **error)
{
  struct stat st;
  int fd;

  if (self->fd >= 0 || self->busy)
    return TRUE;

  if (create)
    {
      g_autofree char *dir = g_path_get_dirname (self->path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          set_error_from_errno (error, errno, self->path);
          return FALSE;
        }
    }

  fd = open (self->path, O_RDWR | O_APPEND | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK |
                         (create ? O_CREAT : 0), 0600);
  if (fd < 0)
    {
      if (errno == ENOENT && !create)
        return TRUE;
      set_error_from_errno (error, errno, self->path);
      return FALSE;
    }

  if (fstat (fd, &st) != 0)
    {
      int errsv = errno;

      close (fd);
      set_error_from_errno (error, errsv, self->path);
      return FALSE;
    }

  /* Not a file (a folder, a device): not ours to append to. */
  if (!S_ISREG (st.st_mode))
    {
      int errsv = S_ISDIR (st.st_mode) ? EISDIR : EINVAL;

      close (fd);
      set_error_from_errno (error, errsv, self->path);
      return FALSE;
    }

  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int errsv = errno;

      close (fd);
      if (errsv == EWOULDBLOCK)
        {
          self->busy = TRUE;
          return TRUE;
        }
      set_error_from_errno (error, errsv, self->path);
      return FALSE;
    }

  /* Whatever mode it was given since, it holds notes. */
  if ((st.st_mode & 07777) != 0600)
    (void) fchmod (fd, 0600);

  self->fd = fd;
  return TRUE;
}

static gboolean
read_all (int      fd,
          char   **out_data,
          gsize   *out_len)
{
  GByteArray *data = g_byte_array_new ();
  guint8 buffer[65536];

  for (;;)
    {
      gssize n = pread (fd, buffer, sizeof buffer, (off_t) data->len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int errsv = errno;

          g_byte_array_unref (data);
          errno = errsv;
          return FALSE;
        }
      if (n == 0 || data->len >= VIVA_NOTES_JOURNAL_MAX_SIZE)
        break;
      g_byte_array_append (data, buffer, (guint) MIN ((gsize) n, VIVA_NOTES_JOURNAL_MAX_SIZE - data->len));
    }

  *out_len = data->len;
  *out_data = (char *) g_byte_array_free (data, FALSE);
  return TRUE;
}

/* Keeps @data, the whole damaged journal, as
 * "<journal>.corrupt-YYYYMMDD-HHMMSS" (-2, -3… when taken), mode 0600. */
static char *
keep_aside (const char  *path,
            const char  *data,
            gsize        len,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  for (guint i = 1; i < 1000; i++)
    {
      g_autofree char *aside = NULL;
      gsize written = 0;
      int fd;

      if (i == 1)
        aside = g_strdup_printf ("%s.corrupt-%s", path, stamp);
      else
        aside = g_strdup_printf ("%s.corrupt-%s-%u", path, stamp, i);

      fd = open (aside, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
      if (fd < 0 && errno == EEXIST)
        continue;
      if (fd < 0)
        {
          set_error_from_errno (error, errno, aside);
          return NULL;
        }

      while (written < len)
        {
          gssize n = write (fd, data + written, len - written);

          if (n < 0 && errno == EINTR)
            continue;
          if (n < 0)
            {
              int errsv = errno;

              close (fd);
              g_unlink (aside);
              set_error_from_errno (error, errsv, aside);
              return NULL;
            }
          written += (gsize) n;
        }

      if (fsync (fd) != 0 || close (fd) != 0)
        {
          set_error_from_errno (error, errno, aside);
          g_unlink (aside);
          return NULL;
        }

      return g_steal_pointer (&aside);
    }

  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
               _("could not keep “%s” aside: too many damaged files already"), path);
  return NULL;
}

/**
 * viva_notes_journal_read:
 * @self: a journal
 * @out_contents: (out): its good entries; empty when it is not there or
 *   another process holds it
 * @out_moved_aside_path: (out): where a damaged journal was kept, or
 *   %NULL
 * @error: return location for an error
 *
 * Opens and locks the journal, if there is one, and reads it. A damaged
 * tail is kept aside (the whole journal, unchanged) and cut off, so that
 * entries appended next can be read back. Thread-safe with respect to
 * other journals; call it once, before any append.
 *
 * Returns: %FALSE when the journal could not be read, or was damaged and
 *   could not be kept aside (it is then never appended to); the good
 *   entries are in @out_contents even then
 */
gboolean
viva_notes_journal_read (VivaNotesJournal          *self,
                         VivaNotesJournalContents **out_contents,
                         char                     **out_moved_aside_path,
                         GError                   **error)
{
  g_autofree char *data = NULL;
  g_autoptr(VivaNotesJournalContents) contents = NULL;
  gsize len = 0;

  *out_contents = NULL;
  *out_moved_aside_path = NULL;

  if (!viva_notes_journal_open (self, FALSE, error))
    {
      *out_contents = viva_notes_journal_parse (NULL, 0);
      return FALSE;
    }

  if (self->fd < 0)
    {
      *out_contents = viva_notes_journal_parse (NULL, 0);
      return TRUE;
    }

  if (!read_all (self->fd, &data, &len))
    {
      set_error_from_errno (error, errno, self->path);
      self->broken = TRUE;
      *out_contents = viva_notes_journal_parse (NULL, 0);
      return FALSE;
    }

  contents = viva_notes_journal_parse (data, len);

  if (contents->problem != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      *out_moved_aside_path = keep_aside (self->path, data, len, &local_error);
      if (*out_moved_aside_path == NULL ||
          ftruncate (self->fd, (off_t) contents->valid_len) != 0)
        {
          if (local_error == NULL)
            set_error_from_errno (&local_error, errno, self->path);
          self->broken = TRUE;
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      _("“%s” is damaged (%s), and "), self->path, contents->problem);
          *out_contents = g_steal_pointer (&contents);
          return FALSE;
        }

      g_message ("The notes journal %s was damaged (%s); kept it as %s and read its first %" G_GSIZE_FORMAT " bytes",
                 self->path, contents->problem, *out_moved_aside_path, contents->valid_len);
    }

  *out_contents = g_steal_pointer (&contents);
  return TRUE;
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         len)
{
  gsize written = 0;

  while (written < len)
    {
      gssize n = write (fd, data + written, len - written);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      written += (gsize) n;
    }

  return TRUE;
}

/**
 * viva_notes_journal_append:
 * @self: a journal
 * @entry: from viva_notes_journal_encode()
 * @error: return location for an error
 *
 * Appends @entry, creating the journal first if need be. Nothing is
 * appended to a journal another process holds (see
 * viva_notes_journal_get_busy()). An append that fails is undone, so
 * that the journal never ends in half an entry that later ones would
 * follow. In a worker thread; one call at a time.
 *
 * Returns: %FALSE when the entry is not in the journal
 */
gboolean
viva_notes_journal_append (VivaNotesJournal  *self,
                           GBytes            *entry,
                           GError           **error)
{
  struct stat st;
  gconstpointer data;
  gsize len;

  if (self->broken)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("Could not keep the journal of your notes, “%s”: it is damaged"),
                   self->path);
      return FALSE;
    }

  if (!viva_notes_journal_open (self, TRUE, error))
    return FALSE;

  if (self->busy)
    return TRUE;

  if (fstat (self->fd, &st) != 0)
    {
      set_error_from_errno (error, errno, self->path);
      return FALSE;
    }

  data = g_bytes_get_data (entry, &len);

  if ((st.st_size == 0 &&
       !write_all (self->fd, (const guint8 *) VIVA_NOTES_JOURNAL_HEADER, strlen (VIVA_NOTES_JOURNAL_HEADER))) ||
      !write_all (self->fd, data, len))
    {
      int errsv = errno;

      /* A full disk may have taken part of it. */
      if (ftruncate (self->fd, st.st_size) != 0)
        self->broken = TRUE;
      set_error_from_errno (error, errsv, self->path);
      return FALSE;
    }

  return TRUE;
}

/**
 * viva_notes_journal_truncate:
 * @self: a journal
 * @error: return location for an error
 *
 * Empties the journal, once notes.json holds all it held. In a worker
 * thread; one call at a time, never during an append.
 *
 * Returns: %FALSE when it could not be emptied (harmless: notes.json's
 *   "journal-sequence" says its entries are in the file)
 */
gboolean
viva_notes_journal_truncate (VivaNotesJournal  *self,
                             GError           **error)
{
  /* A damaged journal that could not be kept aside stays as it is. */
  if (self->fd < 0 || self->busy || self->broken)
    return TRUE;

  if (ftruncate (self->fd, 0) != 0)
    {
      set_error_from_errno (error, errno, self->path);
      return FALSE;
    }

  return TRUE;
}
