/* viva-bank-library.c
 *
 * The banks the user has opened, for Open Recent, kept in the GSettings
 * key "bank-library" as a(sssux): path ("" for the bundled bank), id,
 * title, question count, last opened (microseconds since 1970), most
 * recent first. What is read back is checked as untrusted input: another
 * program can write any value of that type into the key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-bank.h"
#include "viva-bank-library.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-owned-banks.h"

#define LIBRARY_KEY "bank-library"

struct _VivaBankLibrary
{
  GObject    parent_instance;

  /* Owned */
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (VivaBankLibrary, viva_bank_library, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
viva_bank_library_entry_free (VivaBankLibraryEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->path);
  g_free (entry->id);
  g_free (entry->title);
  g_free (entry);
}

static void
viva_bank_library_settings_changed_cb (VivaBankLibrary *self,
                                       const char      *key,
                                       GSettings       *settings)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
viva_bank_library_dispose (GObject *object)
{
  VivaBankLibrary *self = (VivaBankLibrary *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (viva_bank_library_parent_class)->dispose (object);
}

static void
viva_bank_library_class_init (VivaBankLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = viva_bank_library_dispose;

  /**
   * VivaBankLibrary::changed:
   *
   * The list changed: a bank was remembered or forgotten, here or in
   * another Viva sharing the settings.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
viva_bank_library_init (VivaBankLibrary *self)
{
}

/**
 * viva_bank_library_new:
 * @settings: Viva's settings, which hold the "bank-library" key
 *
 * Returns: (transfer full): the library kept in @settings
 */
VivaBankLibrary *
viva_bank_library_new (GSettings *settings)
{
  VivaBankLibrary *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (VIVA_TYPE_BANK_LIBRARY, NULL);
  self->settings = g_object_ref (settings);
  g_signal_connect_object (settings, "changed::" LIBRARY_KEY,
                           G_CALLBACK (viva_bank_library_settings_changed_cb),
                           self, G_CONNECT_SWAPPED);

  return self;
}

/* The entries as the key holds them, most recent first: only those
 * whose path is absolute (or "" for the bundled bank), with an id and
 * valid UTF-8 in every string, each path once. */
static GPtrArray *
viva_bank_library_read (VivaBankLibrary *self)
{
  g_autoptr(GVariant) value = g_settings_get_value (self->settings, LIBRARY_KEY);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) viva_bank_library_entry_free);
  GVariantIter iter;
  const char *path;
  const char *id;
  const char *title;
  guint32 n_questions;
  gint64 last_opened;

  g_variant_iter_init (&iter, value);
  while (entries->len < VIVA_BANK_LIBRARY_MAX &&
         g_variant_iter_next (&iter, "(&s&s&sux)", &path, &id, &title, &n_questions, &last_opened))
    {
      VivaBankLibraryEntry *entry;

      if ((path[0] != '\0' && !g_path_is_absolute (path)) || id[0] == '\0' ||
          !g_utf8_validate (path, -1, NULL) || !g_utf8_validate (id, -1, NULL) ||
          !g_utf8_validate (title, -1, NULL) ||
          !g_hash_table_add (seen, (gpointer) path))
        continue;

      entry = g_new0 (VivaBankLibraryEntry, 1);
      entry->path = path[0] != '\0' ? g_strdup (path) : NULL;
      entry->id = g_strdup (id);
      entry->title = g_strdup (title);
      entry->n_questions = n_questions;
      entry->last_opened = MAX (last_opened, 0);
      g_ptr_array_add (entries, entry);
    }

  return entries;
}

static void
viva_bank_library_write (VivaBankLibrary *self,
                         GPtrArray       *entries)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sssux)"));
  for (guint i = 0; i < entries->len && i < VIVA_BANK_LIBRARY_MAX; i++)
    {
      VivaBankLibraryEntry *entry = g_ptr_array_index (entries, i);

      g_variant_builder_add (&builder, "(sssux)",
                             entry->path ? entry->path : "",
                             entry->id, entry->title,
                             (guint32) entry->n_questions, entry->last_opened);
    }

  g_settings_set_value (self->settings, LIBRARY_KEY, g_variant_builder_end (&builder));
}

static gboolean
entry_has_path (gconstpointer a,
                gconstpointer b)
{
  const VivaBankLibraryEntry *entry = a;

  return g_strcmp0 (entry->path, b) == 0;
}

/**
 * viva_bank_library_list:
 * @self: a library
 *
 * The banks to offer, most recently opened first, the bundled bank
 * always among them (last, when it was never opened). A file that is no
 * longer there is listed, @missing set, so that the user can see what
 * went and forget it. Each entry's kind says whose it is: My Questions
 * and imported banks live in the user's banks folder
 * (viva_owned_banks_is_owned_file()), any other file was opened where it
 * is. Stats each file: call it when the list is shown, not before.
 *
 * Returns: (transfer container) (element-type VivaBankLibraryEntry):
 *   the entries
 */
GPtrArray *
viva_bank_library_list (VivaBankLibrary *self)
{
  GPtrArray *entries;

  g_return_val_if_fail (VIVA_IS_BANK_LIBRARY (self), NULL);

  entries = viva_bank_library_read (self);

  if (!g_ptr_array_find_with_equal_func (entries, NULL, entry_has_path, NULL))
    {
      VivaBankLibraryEntry *bundled = g_new0 (VivaBankLibraryEntry, 1);

      bundled->id = g_strdup (VIVA_BUNDLED_BANK_ID);
      /* Its title is in the bank, which is not parsed just for a menu. */
      bundled->title = g_strdup (_("Bundled Python Questions"));
      g_ptr_array_add (entries, bundled);
    }

  for (guint i = 0; i < entries->len; i++)
    {
      VivaBankLibraryEntry *entry = g_ptr_array_index (entries, i);

      if (entry->path == NULL)
        entry->kind = VIVA_BANK_KIND_BUNDLED;
      else
        {
          g_autoptr(GFile) file = g_file_new_for_path (entry->path);

          if (!viva_owned_banks_is_owned_file (file))
            entry->kind = VIVA_BANK_KIND_OPENED;
          else if (g_strcmp0 (entry->id, VIVA_MY_QUESTIONS_ID) == 0)
            entry->kind = VIVA_BANK_KIND_MINE;
          else
            entry->kind = VIVA_BANK_KIND_IMPORTED;
          entry->missing = !g_file_test (entry->path, G_FILE_TEST_IS_REGULAR);
        }
    }

  return entries;
}

/**
 * viva_bank_library_remember:
 * @self: a library
 * @bank: the bank just opened
 *
 * Puts @bank first, with its title and question count as they are now;
 * the oldest entry past %VIVA_BANK_LIBRARY_MAX goes.
 */
void
viva_bank_library_remember (VivaBankLibrary *self,
                            VivaBank        *bank)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *path = NULL;
  VivaBankLibraryEntry *entry;
  GFile *file;
  guint index;

  g_return_if_fail (VIVA_IS_BANK_LIBRARY (self));
  g_return_if_fail (VIVA_IS_BANK (bank));

  file = viva_bank_get_file (bank);
  if (file != NULL)
    {
      path = g_file_get_path (file);
      /* Not a local file: nothing Open Recent could reopen by path. */
      if (path == NULL || !g_utf8_validate (path, -1, NULL))
        return;
    }

  entries = viva_bank_library_read (self);
  if (g_ptr_array_find_with_equal_func (entries, path, entry_has_path, &index))
    g_ptr_array_remove_index (entries, index);

  entry = g_new0 (VivaBankLibraryEntry, 1);
  entry->path = g_steal_pointer (&path);
  entry->id = g_strdup (viva_bank_get_id (bank));
  entry->title = g_strdup (viva_bank_get_title (bank));
  entry->n_questions = viva_bank_get_n_questions (bank);
  entry->last_opened = g_get_real_time ();
  g_ptr_array_insert (entries, 0, entry);

  viva_bank_library_write (self, entries);
}

/**
 * viva_bank_library_forget:
 * @self: a library
 * @path: (nullable): a bank's file, as listed; NULL or "" for the
 *   bundled bank, which stays listed, last
 *
 * Takes the bank out of the list; its notes stay.
 */
void
viva_bank_library_forget (VivaBankLibrary *self,
                          const char      *path)
{
  g_autoptr(GPtrArray) entries = NULL;
  guint index;

  g_return_if_fail (VIVA_IS_BANK_LIBRARY (self));

  if (path != NULL && path[0] == '\0')
    path = NULL;

  entries = viva_bank_library_read (self);
  if (!g_ptr_array_find_with_equal_func (entries, path, entry_has_path, &index))
    return;

  g_ptr_array_remove_index (entries, index);
  viva_bank_library_write (self, entries);
}

/**
 * viva_bank_library_describe:
 * @entry: a listed bank
 * @notes: (nullable): the notes, once loaded; NULL for the count alone
 *
 * What a menu says about @entry after its title: "415 questions · 57
 * confident, 13 learning", the statuses from @notes capped at the
 * question count (notes of questions the bank no longer has are kept,
 * but are not progress), "missing" for a file that has gone.
 *
 * Returns: (transfer full): the description, "" when there is nothing
 *   to say
 */
char *
viva_bank_library_describe (const VivaBankLibraryEntry *entry,
                            VivaNotesStore             *notes)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint confident = 0;
  guint learning = 0;

  g_return_val_if_fail (entry != NULL, NULL);
  g_return_val_if_fail (!notes || VIVA_IS_NOTES_STORE (notes), NULL);

  if (entry->missing)
    /* Translators: said of a question bank whose file has gone. */
    return g_strdup (_("missing"));

  if (entry->n_questions > 0)
    g_string_append_printf (text,
                            ngettext ("%u question", "%u questions", entry->n_questions),
                            entry->n_questions);

  if (notes != NULL)
    {
      g_autoptr(GPtrArray) list = viva_notes_store_list_notes (notes, entry->id);

      for (guint i = 0; i < list->len; i++)
        {
          VivaStatus status = viva_note_get_status (g_ptr_array_index (list, i));

          if (status == VIVA_STATUS_CONFIDENT)
            confident++;
          else if (status == VIVA_STATUS_LEARNING)
            learning++;
        }

      if (entry->n_questions > 0)
        {
          confident = MIN (confident, entry->n_questions);
          learning = MIN (learning, entry->n_questions - confident);
        }
    }

  if (confident > 0 || learning > 0)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      /* Translators: how many questions of a bank are marked Confident
       * and Learning. */
      g_string_append_printf (text, _("%u confident, %u learning"), confident, learning);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}
