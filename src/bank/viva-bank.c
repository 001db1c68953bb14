/* viva-bank.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "viva-bank-private.h"
#include "viva-related.h"
#include "viva-resources.h"
#include "viva-test-hold.h"

struct _VivaBank
{
  GObject     parent_instance;

  /* Owned */
  char       *id;
  char       *title;
  GFile      *file;
  GListStore *levels;
  GListStore *questions;
  GPtrArray  *topics;
  GPtrArray  *question_array;
  GHashTable *by_number;

  /* Built on first use: most sessions never ask, and it costs a pass
   * over every question. */
  VivaRelatedIndex *related;
};

G_DEFINE_FINAL_TYPE (VivaBank, viva_bank, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_FILE,
  PROP_N_LEVELS,
  PROP_N_TOPICS,
  PROP_N_QUESTIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (viva-bank-error-quark, viva_bank_error)

/* Questions and topics point back at their level without a reference
 * (a reference would make a cycle through the level's stores). When the
 * bank goes, clear those pointers so that an item the UI still holds
 * answers NULL instead of pointing at freed memory. */
static void
viva_bank_detach_items (VivaBank *self)
{
  GHashTableIter iter;
  gpointer question;

  /* The table rather than the list store: walking a GSequence costs
   * more, and the table holds every question too. */
  g_hash_table_iter_init (&iter, self->by_number);
  while (g_hash_table_iter_next (&iter, NULL, &question))
    _viva_question_detach (question);

  for (guint i = 0; i < self->topics->len; i++)
    _viva_topic_detach (g_ptr_array_index (self->topics, i));
}

static void
viva_bank_dispose (GObject *object)
{
  VivaBank *self = (VivaBank *)object;

  if (self->by_number != NULL && self->topics != NULL)
    viva_bank_detach_items (self);

  g_clear_object (&self->related);
  g_clear_pointer (&self->by_number, g_hash_table_unref);
  g_clear_pointer (&self->topics, g_ptr_array_unref);
  g_clear_pointer (&self->question_array, g_ptr_array_unref);
  g_clear_object (&self->questions);
  g_clear_object (&self->levels);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (viva_bank_parent_class)->dispose (object);
}

static void
viva_bank_finalize (GObject *object)
{
  VivaBank *self = (VivaBank *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (viva_bank_parent_class)->finalize (object);
}

static void
viva_bank_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  VivaBank *self = VIVA_BANK (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_N_LEVELS:
      g_value_set_uint (value, viva_bank_get_n_levels (self));
      break;

    case PROP_N_TOPICS:
      g_value_set_uint (value, viva_bank_get_n_topics (self));
      break;

    case PROP_N_QUESTIONS:
      g_value_set_uint (value, viva_bank_get_n_questions (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_bank_class_init (VivaBankClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = viva_bank_dispose;
  object_class->finalize = viva_bank_finalize;
  object_class->get_property = viva_bank_get_property;

  /* A bank never changes once parsed: loading another file makes another
   * bank. Hence read-only properties that are never notified. */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_LEVELS] =
    g_param_spec_uint ("n-levels", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_TOPICS] =
    g_param_spec_uint ("n-topics", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_QUESTIONS] =
    g_param_spec_uint ("n-questions", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
viva_bank_init (VivaBank *self)
{
  self->levels = g_list_store_new (VIVA_TYPE_LEVEL);
  self->questions = g_list_store_new (VIVA_TYPE_QUESTION);
}

VivaBank *
_viva_bank_new (const char *id,
                const char *title,
                GFile      *file,
                GPtrArray  *levels,
                GPtrArray  *topics,
                GPtrArray  *questions,
                GHashTable *by_number)
{
  VivaBank *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);
  g_return_val_if_fail (levels != NULL, NULL);
  g_return_val_if_fail (topics != NULL, NULL);
  g_return_val_if_fail (questions != NULL, NULL);
  g_return_val_if_fail (by_number != NULL, NULL);

  self = g_object_new (VIVA_TYPE_BANK, NULL);
  self->id = g_strdup (id);
  self->title = g_strdup (title);
  g_set_object (&self->file, file);
  self->topics = g_ptr_array_ref (topics);
  self->question_array = g_ptr_array_ref (questions);
  self->by_number = g_hash_table_ref (by_number);

  g_list_store_splice (self->levels, 0, 0, levels->pdata, levels->len);
  g_list_store_splice (self->questions, 0, 0, questions->pdata, questions->len);

  return self;
}

/**
 * viva_bank_new_from_bytes:
 * @bytes: the Markdown text of the bank
 * @id: the bank's id, which keys the user's notes
 * @error: return location for a #VIVA_BANK_ERROR
 *
 * Parses a bank. The error messages describe the problem for the user,
 * with a line number where one helps, but do not name the file: callers
 * say which file it was.
 *
 * Returns: (transfer full): the bank, or %NULL with @error set
 */
VivaBank *
viva_bank_new_from_bytes (GBytes      *bytes,
                          const char  *id,
                          GError     **error)
{
  g_autofree char *text = NULL;
  const char *data;
  gsize size;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &size);

  /* Refused before it is copied, or even read. */
  if (size > VIVA_BANK_MAX_SIZE)
    {
      _viva_bank_set_too_large_error (error);
      return NULL;
    }

  /* Nothing says what follows the bytes in memory, and md4c needs a NUL
   * there (see _viva_bank_parse()): parse a terminated copy. */
  text = g_malloc (size + 1);
  if (size > 0)
    memcpy (text, data, size);
  text[size] = '\0';

  return _viva_bank_parse (text, size, id, NULL, md_parse, error);
}

/**
 * viva_bank_new_bundled:
 * @error: return location for a #GError
 *
 * Loads the bank that ships with Viva, from the application's resources.
 *
 * Returns: (transfer full): the bank, or %NULL with @error set
 */
VivaBank *
viva_bank_new_bundled (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize size;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Going through viva_get_resource() rather than g_resources_lookup_data()
   * makes the linker keep the resource object of the static library,
   * and works before anything registered the resources. */
  bytes = g_resource_lookup_data (viva_get_resource (),
                                  VIVA_BUNDLED_BANK_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE,
                                  error);
  if (bytes == NULL)
    return NULL;

  /* A resource is always followed by a NUL byte, as md4c needs. */
  data = g_bytes_get_data (bytes, &size);
  return _viva_bank_parse (data, size, VIVA_BUNDLED_BANK_ID, NULL, md_parse, error);
}

/* Pages of their own for a bank's text, given back to the system as
 * soon as the parse is done. */
typedef struct
{
  gpointer address;
  gsize    length;
} BankPages;

static void
bank_pages_free (gpointer data)
{
  BankPages *pages = data;

  munmap (pages->address, pages->length);
  g_free (pages);
}

/* The text of @file, read into pages mapped for it alone, or %NULL when
 * it should be read as before. g_file_load_contents() grows a heap
 * buffer by doubling (16 MiB for a 10.6 MiB bank); malloc gave that heap
 * back only in part, and a large bank's process kept about 11 MB more
 * after the parse than it needed.
 *
 * Not g_mapped_file_new(): a mapping shows whatever the file holds at
 * each moment. A bank written in place while it is parsed would change
 * after the checks (UTF-8, no NUL byte) that the rest of the parser
 * relies on, and one cut shorter would end Viva with SIGBUS. These pages
 * are a private copy, one byte longer than the file so that its text
 * ends with the NUL byte md4c needs (anonymous pages start zeroed).
 *
 * Only a regular local file with a size is read here: /proc says its
 * files are empty, and a FIFO or a file that changed size between
 * looking and reading is better read as before. Whatever fails here is
 * read again by g_file_load_contents(), which gives the errors it always
 * gave. */
static GBytes *
viva_bank_read_file_pages (GFile     *file,
                           GFileInfo *info)
{
  g_autofree BankPages *pages = NULL;
  const char *path = g_file_peek_path (file);
  struct stat st;
  const char *text;
  gsize size;
  gsize done = 0;
  char byte;
  int fd;

  if (path == NULL ||
      !g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE) ||
      g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
      g_file_info_get_size (info) <= 0)
    return NULL;

  size = g_file_info_get_size (info);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return NULL;

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || (guint64) st.st_size != size)
    {
      close (fd);
      return NULL;
    }

  pages = g_new0 (BankPages, 1);
  pages->length = size + 1;
  pages->address = mmap (NULL, pages->length, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (pages->address == MAP_FAILED)
    {
      close (fd);
      return NULL;
    }

  while (done < size)
    {
      gssize n = read (fd, (char *) pages->address + done, size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += n;
    }

  /* Shorter or longer than it said: it is being written. */
  if (done != size || read (fd, &byte, 1) != 0)
    {
      close (fd);
      munmap (pages->address, pages->length);
      return NULL;
    }

  close (fd);
  text = pages->address;

  return g_bytes_new_with_free_func (text, size, bank_pages_free,
                                     g_steal_pointer (&pages));
}

/**
 * viva_bank_new_from_file:
 * @file: a Markdown file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads and parses @file, synchronously: see viva_bank_load_file_async()
 * for the main thread. Files larger than %VIVA_BANK_MAX_SIZE are refused
 * before they are read.
 *
 * Returns: (transfer full): the bank, or %NULL with @error set, either
 *   from GIO or in the #VIVA_BANK_ERROR domain
 */
VivaBank *
viva_bank_new_from_file (GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *id = NULL;
  const char *data;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE,
                            cancellable,
                            error);
  if (info == NULL)
    return NULL;

  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE) &&
      g_file_info_get_size (info) > (goffset)VIVA_BANK_MAX_SIZE)
    {
      _viva_bank_set_too_large_error (error);
      return NULL;
    }

  bytes = viva_bank_read_file_pages (file, info);
  if (bytes == NULL)
    {
      char *contents = NULL;

      if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
        return NULL;

      /* g_file_load_contents() ends the contents with a NUL byte, as
       * md4c needs; the length does not count it. */
      bytes = g_bytes_new_take (contents, length);
    }

  id = viva_bank_id_for_file (file);
  data = g_bytes_get_data (bytes, &length);

  return _viva_bank_parse (data, length, id, file, md_parse, error);
}

static void
viva_bank_load_file_thread (GTask        *task,
                            gpointer      source_object,
                            gpointer      task_data,
                            GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GError) error = NULL;
  VivaBank *bank;

  bank = viva_bank_new_from_file (file, cancellable, &error);

  /* Under tests only (VIVA_TEST_HOLD_DIR): the result waits here, so that
   * a test can act while the bank is still loading. */
  viva_test_hold ("bank");

  if (bank == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, bank, g_object_unref);
}

/**
 * viva_bank_load_file_async:
 * @file: a Markdown file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Reads and parses @file in a worker thread. When @cancellable is
 * cancelled before @callback runs, the result is %G_IO_ERROR_CANCELLED,
 * even if the bank was parsed by then.
 *
 * Under tests, when VIVA_TEST_HOLD_DIR is set, the worker waits for the
 * file "bank" in that folder before it returns (viva_test_hold()).
 */
void
viva_bank_load_file_async (GFile               *file,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, viva_bank_load_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, viva_bank_load_file_thread);
}

/**
 * viva_bank_load_file_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the bank, or %NULL with @error set
 */
VivaBank *
viva_bank_load_file_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == viva_bank_load_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * viva_bank_id_for_file:
 * @file: a bank file
 *
 * The id of the bank in @file: its base name without a ".md" or
 * ".markdown" extension. Notes are keyed by it, so a copy of a bank
 * keeps the notes of the original.
 *
 * Returns: (transfer full): the id, never %NULL
 */
char *
viva_bank_id_for_file (GFile *file)
{
  static const char * const extensions[] = { ".md", ".markdown" };
  g_autofree char *basename = NULL;
  gsize len;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  basename = g_file_get_basename (file);
  if (basename == NULL)
    return g_strdup ("bank");

  len = strlen (basename);

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      gsize ext_len = strlen (extensions[i]);

      if (len >= ext_len &&
          g_ascii_strcasecmp (basename + len - ext_len, extensions[i]) == 0)
        {
          basename[len - ext_len] = '\0';
          break;
        }
    }

  /* "/", or a file named just ".md". */
  if (basename[0] == '\0' || strcmp (basename, G_DIR_SEPARATOR_S) == 0)
    return g_strdup ("bank");

  return g_steal_pointer (&basename);
}

const char *
viva_bank_get_id (VivaBank *self)
{
  g_return_val_if_fail (VIVA_IS_BANK (self), NULL);

  return self->id;
}

/* The first "# " heading of the file, or the id when it has none. */
const char *
viva_bank_get_title (VivaBank *self)
{
  g_return_val_if_fail (VIVA_IS_BANK (self), NULL);

  return self->title;
}

/* NULL for the bundled bank. */
GFile *
viva_bank_get_file (VivaBank *self)
{
  g_return_val_if_fail (VIVA_IS_BANK (self), NULL);

  return self->file;
}

/* A list of VivaLevel, in document order. */
GListModel *
viva_bank_get_levels (VivaBank *self)
{
  g_return_val_if_fail (VIVA_IS_BANK (self), NULL);

  return G_LIST_MODEL (self->levels);
}

/* Every question, in bank order: viva_question_get_position() is the
 * index in this list. */
GListModel *
viva_bank_get_questions (VivaBank *self)
{
  g_return_val_if_fail (VIVA_IS_BANK (self), NULL);

  return G_LIST_MODEL (self->questions);
}

guint
viva_bank_get_n_levels (VivaBank *self)
{
  g_return_val_if_fail (VIVA_IS_BANK (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->levels));
}

guint
viva_bank_get_n_topics (VivaBank *self)
{
  g_return_val_if_fail (VIVA_IS_BANK (self), 0);

  return self->topics->len;
}

guint
viva_bank_get_n_questions (VivaBank *self)
{
  g_return_val_if_fail (VIVA_IS_BANK (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->questions));
}

/**
 * viva_bank_lookup_question:
 * @self: a #VivaBank
 * @number: a question number, as written in the file
 *
 * Returns: (transfer none) (nullable): the question, or %NULL when the
 *   bank has no question with that number (numbers may have gaps)
 */
VivaQuestion *
viva_bank_lookup_question (VivaBank *self,
                           guint     number)
{
  g_return_val_if_fail (VIVA_IS_BANK (self), NULL);

  return g_hash_table_lookup (self->by_number, GUINT_TO_POINTER (number));
}

/**
 * viva_bank_dup_question_markup:
 * @bank: (nullable): the bank open now
 * @bank_id: (nullable): the bank the question was copied from, or %NULL
 *   or "" when the copy did not record it
 * @number: the question's number there, or 0 for a question of the
 *   user's own
 * @text: the question as copied, plain text
 *
 * How a copied question reads, the same wherever it is shown: an
 * interview and a mock interview keep a question's plain text, and the
 * bank it came from knows its code and emphasis. When @bank is that
 * bank and still asks the question in the same words, its rendering is
 * used (code in monospace); otherwise @text as it is, escaped.
 *
 * Returns: (transfer full): Pango markup
 */
char *
viva_bank_dup_question_markup (VivaBank   *bank,
                               const char *bank_id,
                               guint       number,
                               const char *text)
{
  VivaQuestion *question = NULL;

  g_return_val_if_fail (bank == NULL || VIVA_IS_BANK (bank), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (bank != NULL && number != 0 &&
      (bank_id == NULL || bank_id[0] == '\0' || strcmp (bank_id, bank->id) == 0))
    question = viva_bank_lookup_question (bank, number);

  if (question != NULL && strcmp (viva_question_get_text (question), text) == 0)
    return viva_question_dup_markup (question);

  return g_markup_escape_text (text, -1);
}

/**
 * viva_bank_lookup_answer:
 * @bank: (nullable): the bank open now
 * @bank_id: (nullable): the bank the question was copied from, or %NULL
 *   or "" when the copy did not record it
 * @number: the question's number there, or 0 for a question of the
 *   user's own
 * @text: the question as copied, plain text
 *
 * The bank's answer to a copied question (a mock interview's, an
 * interview's), by the rule of viva_bank_dup_question_markup(): only
 * when @bank is the bank it came from and still asks it in the same
 * words, so an answer never goes with a question it was not written for.
 *
 * Returns: (nullable): the answer, canonical Markdown, owned by @bank
 */
const char *
viva_bank_lookup_answer (VivaBank   *bank,
                         const char *bank_id,
                         guint       number,
                         const char *text)
{
  VivaQuestion *question;

  g_return_val_if_fail (bank == NULL || VIVA_IS_BANK (bank), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (bank == NULL || number == 0)
    return NULL;

  if (bank_id != NULL && bank_id[0] != '\0' && strcmp (bank_id, bank->id) != 0)
    return NULL;

  question = viva_bank_lookup_question (bank, number);
  if (question == NULL || strcmp (viva_question_get_text (question), text) != 0)
    return NULL;

  return viva_question_get_answer (question);
}

GPtrArray *
_viva_bank_get_question_array (VivaBank *self)
{
  g_return_val_if_fail (VIVA_IS_BANK (self), NULL);

  return self->question_array;
}

/**
 * viva_bank_find_related:
 * @self: a #VivaBank
 * @question: a question of @self
 * @max: the most questions to return
 *
 * The questions of the bank that ask nearly the same thing as @question,
 * best first: see viva_related_index_find(). Without an index yet, it
 * builds one here and keeps it; the main thread of a large bank should
 * call viva_bank_index_related_async() first.
 *
 * Returns: (transfer container) (element-type VivaRelatedMatch): the
 *   matches, possibly none
 */
GPtrArray *
viva_bank_find_related (VivaBank     *self,
                        VivaQuestion *question,
                        guint         max)
{
  g_return_val_if_fail (VIVA_IS_BANK (self), NULL);
  g_return_val_if_fail (VIVA_IS_QUESTION (question), NULL);

  if (self->related == NULL)
    self->related = viva_related_index_new (self);

  return viva_related_index_find (self->related, question, max);
}

/* Whether viva_bank_find_related() will answer at once. */
gboolean
viva_bank_has_related_index (VivaBank *self)
{
  g_return_val_if_fail (VIVA_IS_BANK (self), FALSE);

  return self->related != NULL;
}

static void
viva_bank_index_related_thread (GTask        *task,
                                gpointer      source_object,
                                gpointer      task_data,
                                GCancellable *cancellable)
{
  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_pointer (task, viva_related_index_new (source_object), g_object_unref);
}

/**
 * viva_bank_index_related_async:
 * @self: a #VivaBank
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Builds the index of related questions in a worker thread, so that
 * the first viva_bank_find_related() of a large bank does not hold up
 * the main loop. Finishes at once when the index exists.
 */
void
viva_bank_index_related_async (VivaBank            *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VIVA_IS_BANK (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, viva_bank_index_related_async);

  if (self->related != NULL)
    g_task_return_pointer (task, g_object_ref (self->related), g_object_unref);
  else
    g_task_run_in_thread (task, viva_bank_index_related_thread);
}

/**
 * viva_bank_index_related_finish:
 * @self: a #VivaBank
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Keeps the index that was built, so that viva_bank_find_related()
 * answers at once from now on.
 *
 * Returns: %TRUE, or %FALSE with @error set when cancelled
 */
gboolean
viva_bank_index_related_finish (VivaBank      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_autoptr(VivaRelatedIndex) index = NULL;

  g_return_val_if_fail (VIVA_IS_BANK (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == viva_bank_index_related_async, FALSE);

  index = g_task_propagate_pointer (G_TASK (result), error);
  if (index == NULL)
    return FALSE;

  /* Two builds may have raced: the first to finish wins. */
  if (self->related == NULL)
    self->related = g_steal_pointer (&index);

  return TRUE;
}
