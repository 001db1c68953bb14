/* viva-window-banner.c
 *
 * The main window's messages about the user's notes file, in a banner
 * above the question: a save that failed (with Try Again), notes
 * changed here and in another Viva at once (with Show Question), and
 * how the file was loaded when it could not be used as it was (with
 * Show File). One shows at a time; each comes back once what outranked
 * it is over.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-bank.h"
#include "viva-context.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-question.h"
#include "viva-question-view.h"
#include "viva-window-private.h"

/* The first question of the open bank among the conflicts, or NULL. */
static VivaQuestion *
viva_window_first_conflict_question (VivaWindow *self)
{
  for (guint i = 0; self->bank != NULL && i < self->conflicts->len; i++)
    {
      VivaNote *note = g_ptr_array_index (self->conflicts, i);

      if (g_strcmp0 (viva_note_get_bank_id (note), viva_bank_get_id (self->bank)) == 0)
        return viva_bank_lookup_question (self->bank, viva_note_get_number (note));
    }

  return NULL;
}

/* "Question 42 was changed here and in another window…", naming every
 * question; one of another bank is named with its bank. */
static char *
viva_window_dup_conflict_message (VivaWindow *self)
{
  g_autoptr(GString) questions = g_string_new (NULL);
  guint n = self->conflicts->len;

  if (n == 1 && !self->conflicts_while_loading)
    {
      VivaNote *note = g_ptr_array_index (self->conflicts, 0);

      if (self->bank != NULL && g_strcmp0 (viva_note_get_bank_id (note), viva_bank_get_id (self->bank)) == 0)
        return g_strdup_printf (_("Question %u was changed here and in another Viva window at the same time. Both versions are kept in its notes, one after the other: keep what you need."),
                                viva_note_get_number (note));
    }

  for (guint i = 0; i < n; i++)
    {
      VivaNote *note = g_ptr_array_index (self->conflicts, i);

      if (i > 0)
        /* Translators: between question numbers in a list. */
        g_string_append (questions, _(", "));
      if (self->bank != NULL && g_strcmp0 (viva_note_get_bank_id (note), viva_bank_get_id (self->bank)) == 0)
        g_string_append_printf (questions, "%u", viva_note_get_number (note));
      else
        /* Translators: a question of another bank than the one open: its
         * number, then the bank's name. */
        g_string_append_printf (questions, _("%u of “%s”"),
                                viva_note_get_number (note), viva_note_get_bank_id (note));
    }

  /* Typed while the notes loaded, into questions that had notes: the
   * merge is the same, the other side is not another window. */
  if (self->conflicts_while_loading)
    /* Translators: %s is a list of question numbers. */
    return g_strdup_printf (ngettext ("Question %s already had notes when they finished loading. They are kept, followed by what you typed meanwhile: keep what you need.",
                                      "Questions %s already had notes when they finished loading. They are kept in each, followed by what you typed meanwhile: keep what you need.",
                                      n),
                            questions->str);

  if (n == 1)
    /* Translators: %s is a question of another bank, as "12 of “bank”". */
    return g_strdup_printf (_("The notes of question %s were changed here and in another Viva window at the same time. Both versions are kept in them, one after the other: keep what you need."),
                            questions->str);

  /* Translators: %1$u is how many questions, %2$s their numbers. */
  return g_strdup_printf (ngettext ("The notes of %1$u question (%2$s) were changed here and in another Viva window at the same time. Both versions are kept in each, one after the other: keep what you need.",
                                    "The notes of %1$u questions (%2$s) were changed here and in another Viva window at the same time. Both versions are kept in each, one after the other: keep what you need.",
                                    n),
                          n, questions->str);
}

/* The banner's button, and what a screen reader calls it: the label
 * without its mnemonic underscore. */
static void
viva_window_set_banner_button (VivaWindow *self,
                               const char *label,
                               const char *accessible_label,
                               gboolean    visible)
{
  gtk_button_set_label (self->banner_button, label);
  gtk_button_set_use_underline (self->banner_button, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->banner_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
  gtk_widget_set_visible (GTK_WIDGET (self->banner_button), visible);
}

/* Banners: a failed save outranks notes kept twice, which outrank a
 * notice about how the notes file was loaded; each comes back once what
 * outranked it is over. */
void
_viva_window_update_banner (VivaWindow *self)
{
  const char *save_error = viva_notes_store_get_save_error (self->store);
  g_autofree char *message = NULL;

  if (save_error != NULL)
    {
      self->banner = VIVA_WINDOW_BANNER_SAVE_ERROR;
      message = g_strdup_printf (_("Your notes could not be saved: %s. They stay open here and Viva keeps trying."),
                                 save_error);
      viva_window_set_banner_button (self, _("_Try Again"), _("Try Again"), TRUE);
    }
  else if (self->conflicts->len > 0)
    {
      self->banner = VIVA_WINDOW_BANNER_CONFLICT;
      message = viva_window_dup_conflict_message (self);
      viva_window_set_banner_button (self, _("_Show Question"), _("Show Question"),
                                     viva_window_first_conflict_question (self) != NULL);
    }
  else if (self->load_problem != NULL && !self->load_problem_dismissed)
    {
      self->banner = VIVA_WINDOW_BANNER_LOAD_PROBLEM;
      message = g_strdup (self->load_problem);
      viva_window_set_banner_button (self, _("_Show File"), _("Show File"),
                                     self->load_problem_file != NULL);
    }
  else
    self->banner = VIVA_WINDOW_BANNER_NONE;

  if (message != NULL)
    gtk_label_set_text (self->banner_label, message);

  gtk_revealer_set_reveal_child (self->banner_revealer, self->banner != VIVA_WINDOW_BANNER_NONE);
}

static void
banner_button_clicked_cb (VivaWindow *self,
                          GtkButton  *button)
{
  if (self->banner == VIVA_WINDOW_BANNER_SAVE_ERROR)
    viva_notes_store_save_async (self->store, NULL, NULL, NULL);
  else if (self->banner == VIVA_WINDOW_BANNER_CONFLICT)
    {
      VivaQuestion *question = viva_window_first_conflict_question (self);

      if (question != NULL)
        {
          viva_window_show_question (self, question);
          gtk_widget_grab_focus (GTK_WIDGET (viva_question_view_get_note_view (self->question_view)));
        }
    }
  else if (self->banner == VIVA_WINDOW_BANNER_LOAD_PROBLEM && self->load_problem_file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->load_problem_file);
      g_autofree char *uri = g_file_get_uri (parent);

      gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
    }
}

static void
banner_close_clicked_cb (VivaWindow *self,
                         GtkButton  *button)
{
  if (self->banner == VIVA_WINDOW_BANNER_LOAD_PROBLEM)
    self->load_problem_dismissed = TRUE;
  else if (self->banner == VIVA_WINDOW_BANNER_CONFLICT)
    {
      g_ptr_array_set_size (self->conflicts, 0);
      /* What it outranked comes back (notes typed while they loaded
       * conflict with them as they arrive, with a load problem to say). */
      if (self->load_problem != NULL && !self->load_problem_dismissed)
        {
          _viva_window_update_banner (self);
          return;
        }
    }

  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

/* Another Viva changed a note we changed too: the store kept both texts
 * in it. Say which question, until the user dismisses it. */
static void
viva_window_conflict_cb (VivaWindow     *self,
                         VivaNote       *note,
                         VivaNotesStore *store)
{
  /* The store merges what was typed while it loaded before the context
   * says the notes are loaded. */
  if (self->conflicts->len == 0)
    self->conflicts_while_loading = !viva_context_get_notes_loaded (self->context);
  else if (viva_context_get_notes_loaded (self->context))
    self->conflicts_while_loading = FALSE;

  if (!g_ptr_array_find (self->conflicts, note, NULL))
    g_ptr_array_add (self->conflicts, g_object_ref (note));

  _viva_window_update_banner (self);
}

static void
viva_window_store_notify_cb (VivaWindow     *self,
                             GParamSpec     *pspec,
                             VivaNotesStore *store)
{
  _viva_window_update_banner (self);
  _viva_window_update_actions (self);
}

static void
viva_window_set_load_problem (VivaWindow *self,
                              char       *message,
                              const char *file)
{
  g_free (self->load_problem);
  self->load_problem = message;
  g_clear_object (&self->load_problem_file);
  if (file != NULL)
    self->load_problem_file = g_file_new_for_path (file);

  self->load_problem_dismissed = FALSE;
  _viva_window_update_banner (self);
}

/* Another program damaged notes.json while Viva ran: the store moved it
 * aside during a save and wrote ours. Say so, and where the file went. */
static void
viva_window_moved_aside_cb (VivaWindow     *self,
                            GParamSpec     *pspec,
                            VivaNotesStore *store)
{
  const char *moved = viva_notes_store_get_moved_aside_path (store);

  if (moved == NULL || viva_notes_store_get_read_only (store))
    return;

  viva_window_set_load_problem (self,
                                g_strdup_printf (_("Your notes file was changed by another program into something Viva cannot read. It was kept as “%s”, and your notes were saved again."),
                                                 moved),
                                moved);
}

/**
 * viva_window_report_notes_state:
 * @load_error: (nullable): what viva_notes_store_load() reported
 *
 * Tells the user, in the window, when the notes file could not be used as
 * it was: what Viva did about it and where the file is now. Says nothing
 * when the file loaded cleanly.
 */
void
viva_window_report_notes_state (VivaWindow   *self,
                                const GError *load_error)
{
  const char *moved;
  const char *reason;

  g_return_if_fail (VIVA_IS_WINDOW (self));

  moved = viva_notes_store_get_moved_aside_path (self->store);
  reason = load_error ? load_error->message : _("the file was missing");

  switch (viva_notes_store_get_state (self->store))
    {
    case VIVA_NOTES_STORE_STATE_READ_ONLY:
      if (g_error_matches (load_error, VIVA_NOTES_STORE_ERROR, VIVA_NOTES_STORE_ERROR_FUTURE_VERSION))
        viva_window_set_load_problem (self,
                                      g_strdup_printf (_("Your notes file was written by a newer version of Viva (%s). It is shown read-only so nothing in it is lost; update Viva to edit your notes."),
                                                       reason),
                                      viva_notes_store_get_path (self->store));
      else
        viva_window_set_load_problem (self,
                                      g_strdup_printf (_("Your notes file could not be read, and could not be moved aside safely (%s). Notes are read-only so nothing in it is changed."),
                                                       reason),
                                      viva_notes_store_get_path (self->store));
      break;

    case VIVA_NOTES_STORE_STATE_RECOVERED:
      if (moved == NULL)
        viva_window_set_load_problem (self,
                                      g_strdup_printf (_("Your notes file could not be used (%s); your notes were restored from the last backup."),
                                                       reason),
                                      NULL);
      else if (viva_notes_store_get_restored_from_backup (self->store))
        viva_window_set_load_problem (self,
                                      g_strdup_printf (_("Your notes file could not be read (%s). It was kept unchanged as “%s”, and your notes were restored from the last backup."),
                                                       reason, moved),
                                      moved);
      else
        viva_window_set_load_problem (self,
                                      g_strdup_printf (_("Your notes file could not be read (%s). It was kept unchanged as “%s”. New notes are saved as usual."),
                                                       reason, moved),
                                      moved);
      break;

    case VIVA_NOTES_STORE_STATE_OK:
    default:
      if (load_error != NULL)
        viva_window_set_load_problem (self,
                                      g_strdup_printf (_("There was a problem with your notes file: %s"), reason),
                                      NULL);
      break;
    }
}

/* The notes were read in a worker while the window showed: say now how
 * they loaded, in every window. */
static void
viva_window_notes_loaded_cb (VivaWindow  *self,
                             GParamSpec  *pspec,
                             VivaContext *context)
{
  if (!viva_context_get_notes_loaded (context))
    return;

  viva_window_report_notes_state (self, viva_context_get_notes_load_error (context));
  _viva_window_notes_loaded (self);
  /* New Question waits for the notes (viva-window-questions.c). */
  _viva_window_update_actions (self);
}

/* The message the window shows about the notes file, or %NULL. */
const char *
viva_window_get_banner_message (VivaWindow *self)
{
  g_return_val_if_fail (VIVA_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->banner_revealer))
    return NULL;

  return gtk_label_get_text (self->banner_label);
}

/* The store tells when a save fails or succeeds again, when a save had
 * to move a damaged file aside, when the file turns read-only, and when
 * a note was changed here and in another Viva at once; the context,
 * when the notes it read in a worker are loaded. */
void
_viva_window_follow_notes_file (VivaWindow *self)
{
  g_signal_connect_object (self->store, "notify::save-error",
                           G_CALLBACK (viva_window_store_notify_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::moved-aside-path",
                           G_CALLBACK (viva_window_moved_aside_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::read-only",
                           G_CALLBACK (viva_window_store_notify_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "conflict",
                           G_CALLBACK (viva_window_conflict_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::notes-loaded",
                           G_CALLBACK (viva_window_notes_loaded_cb),
                           self, G_CONNECT_SWAPPED);
}

void
_viva_window_class_banner_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, banner_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, banner_close_clicked_cb);
}
