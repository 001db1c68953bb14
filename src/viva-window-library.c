/* viva-window-library.c
 *
 * The window's Open Recent: the main menu's submenu of the banks the
 * user opened (VivaBankLibrary), each with its question count and
 * progress, and win.open-recent-bank, which opens one. The bank opened
 * is remembered once the window has shown; the submenu is built when
 * the main menu first opens and kept up to date from then on, so that
 * nothing of it runs before the first frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-bank-library.h"
#include "viva-context.h"
#include "viva-message-dialog.h"
#include "viva-notes-store.h"
#include "viva-window-private.h"

/* How long after a note changes the submenu's progress is counted
 * again: grading a run of questions recounts once. */
#define RECENT_REBUILD_DELAY_MS 500

/* A GMenu label reads "_" as a mnemonic: a title's own underscores are
 * doubled so that they show. */
static char *
escape_mnemonic (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

/**
 * _viva_window_update_recent_menu:
 *
 * Fills the Open Recent submenu: "Title (415 questions · 57 confident,
 * 13 learning)" per bank, most recent first. The progress is counted
 * only once the notes are loaded.
 */
void
_viva_window_update_recent_menu (VivaWindow *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  VivaNotesStore *notes = NULL;

  g_clear_handle_id (&self->recent_rebuild_source, g_source_remove);
  self->recent_menu_built = TRUE;

  if (viva_context_get_notes_loaded (self->context))
    notes = viva_context_get_notes_store (self->context);

  entries = viva_bank_library_list (self->library);
  g_menu_remove_all (self->recent_section);

  for (guint i = 0; i < entries->len; i++)
    {
      VivaBankLibraryEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *title = escape_mnemonic (entry->title);
      g_autofree char *description = viva_bank_library_describe (entry, notes);
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (description[0] != '\0')
        /* Translators: an Open Recent item: a question bank's title,
         * then what is known of it ("415 questions · 57 confident, 13
         * learning", or "missing"). */
        label = g_strdup_printf (_("%s (%s)"), title, description);
      else
        label = g_steal_pointer (&title);

      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent-bank",
                                               g_variant_new_string (entry->path ? entry->path : ""));
      g_menu_append_item (self->recent_section, item);
    }
}

static gboolean
viva_window_rebuild_recent_cb (gpointer data)
{
  VivaWindow *self = data;

  self->recent_rebuild_source = 0;
  _viva_window_update_recent_menu (self);

  return G_SOURCE_REMOVE;
}

/* Once the submenu exists, a bank remembered or forgotten shows at
 * once. */
static void
viva_window_library_changed_cb (VivaWindow *self)
{
  if (self->recent_menu_built)
    _viva_window_update_recent_menu (self);
}

/* Once the submenu exists, the notes' progress shows a moment later. */
static void
viva_window_recent_changed_cb (VivaWindow *self)
{
  if (!self->recent_menu_built || self->recent_rebuild_source != 0)
    return;

  self->recent_rebuild_source = g_timeout_add (RECENT_REBUILD_DELAY_MS,
                                               viva_window_rebuild_recent_cb, self);
}

/**
 * _viva_window_library_bank_changed:
 *
 * Remembers the open bank in the library, once the window has shown
 * (issue 15: nothing that can wait runs before the first frame).
 */
void
_viva_window_library_bank_changed (VivaWindow *self)
{
  if (self->before_first_frame || self->bank == NULL)
    return;

  viva_bank_library_remember (self->library, self->bank);
}

static void
viva_window_missing_response_cb (AdwMessageDialog *dialog,
                                 const char       *response,
                                 VivaWindow       *self)
{
  if (g_strcmp0 (response, "forget") == 0)
    viva_bank_library_forget (self->library, g_object_get_data (G_OBJECT (dialog), "path"));
}

/* A bank whose file has gone: say so, and offer to take it out of the
 * list (an entry cannot be disabled on its own in a GMenu: its action
 * is the one all entries share). */
static void
viva_window_show_missing_bank (VivaWindow *self,
                               const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  /* Translators: %s is a file name. */
  heading = g_strdup_printf (_("Could Not Open “%s”"), name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, NULL));
  /* Translators: %s is the path of a file. */
  adw_message_dialog_format_body (dialog, _("There is no file at “%s” any more.\n\nThe questions you had open are still open."),
                                  path);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_add_response (dialog, "forget", _("_Forget"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (viva_window_missing_response_cb),
                           self, 0);
  viva_message_dialog_present (dialog);
}

static void
viva_window_open_recent_bank_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  VivaWindow *self = VIVA_WINDOW (widget);
  const char *path = g_variant_get_string (param, NULL);
  g_autoptr(GFile) file = NULL;

  if (path[0] == '\0')
    {
      _viva_window_open_bundled_bank (self);
      return;
    }

  /* Only what the library lists; the action is open to anyone. */
  if (!g_path_is_absolute (path))
    return;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      viva_window_show_missing_bank (self, path);
      return;
    }

  file = g_file_new_for_path (path);
  viva_window_open_file (self, file);
}

/* Called from viva_window_constructed(), once the context is set. */
void
_viva_window_library_init (VivaWindow *self)
{
  self->library = viva_bank_library_new (self->settings);
  g_signal_connect_object (self->library, "changed",
                           G_CALLBACK (viva_window_library_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viva_context_get_notes_store (self->context), "note-changed",
                           G_CALLBACK (viva_window_recent_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::notes-loaded",
                           G_CALLBACK (viva_window_recent_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

void
_viva_window_library_dispose (VivaWindow *self)
{
  g_clear_handle_id (&self->recent_rebuild_source, g_source_remove);
  g_clear_object (&self->library);
}

void
_viva_window_class_library_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, VivaWindow, recent_section);
  gtk_widget_class_install_action (widget_class, "win.open-recent-bank", "s",
                                   viva_window_open_recent_bank_action);
}
