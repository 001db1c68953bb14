/* viva-window-questions.c
 *
 * My Questions in the window: New Question (Ctrl+N), Edit Question (F2)
 * and Delete Question, with Undo, on the banks the user owns
 * (VivaOwnedBanks). A question goes to the open bank when it is the
 * user's, else to My Questions, made on the first one. The bundled bank
 * and files Viva did not make stay read-only, and Edit and Delete say
 * why rather than going grey, so that the user learns where their own
 * questions go.
 *
 * Every change is written first, then the window opens the bank as
 * written (a new VivaBank: banks are read-only in memory) and shows the
 * question again by its number, which never changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-bank.h"
#include "viva-context.h"
#include "viva-notes-store.h"
#include "viva-owned-banks.h"
#include "viva-question-dialog.h"
#include "viva-question.h"
#include "viva-toast.h"
#include "viva-window-private.h"

/* Object data on the window: the bank and number a toast's "Show" opens,
 * and the bank whose deleted question "Undo" restores. */
#define ADDED_BANK_KEY   "viva-added-bank"
#define DELETED_PATH_KEY "viva-deleted-path"

static void
viva_window_owned_problem_cb (VivaWindow *self,
                              const char *message)
{
  _viva_window_toast (self, message);
}

static VivaOwnedBanks *
get_owned (VivaWindow *self)
{
  VivaOwnedBanks *owned = viva_context_get_owned_banks (self->context);

  if (g_object_get_data (G_OBJECT (self), "viva-owned-followed") == NULL)
    {
      g_signal_connect_object (owned, "problem", G_CALLBACK (viva_window_owned_problem_cb),
                               self, G_CONNECT_SWAPPED);
      g_object_set_data (G_OBJECT (self), "viva-owned-followed", GINT_TO_POINTER (TRUE));
    }

  return owned;
}

/* The open bank's file when the user owns it, else NULL. */
static char *
dup_owned_bank_path (VivaWindow *self)
{
  GFile *file = self->bank != NULL ? viva_bank_get_file (self->bank) : NULL;
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (path == NULL || !viva_owned_banks_owns_path (get_owned (self), path))
    return NULL;

  return g_steal_pointer (&path);
}

/* Why the open bank cannot be changed, as a toast. */
static void
toast_read_only (VivaWindow *self)
{
  GFile *file = self->bank != NULL ? viva_bank_get_file (self->bank) : NULL;
  g_autofree char *message = NULL;

  AdwToast *toast;

  if (file == NULL)
    message = g_strdup (_("Questions that came with Viva are read-only"));
  else
    {
      g_autofree char *name = g_file_get_basename (file);

      /* Translators: %s is a file name. */
      message = g_strdup_printf (_("“%s” is read-only: import it to edit it"), name);
    }

  /* Where the user's own questions go instead. */
  toast = viva_toast_new_plain (message);
  adw_toast_set_button_label (toast, _("_New Question"));
  adw_toast_set_action_name (toast, "win.new-question");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Opens @bank, the new version of the open one, on question @number. */
static void
show_bank_question (VivaWindow *self,
                    VivaBank   *bank,
                    guint       number)
{
  VivaQuestion *question;

  viva_window_set_bank (self, bank);
  question = viva_bank_lookup_question (bank, number);
  if (question != NULL)
    viva_window_show_question (self, question);
}

typedef struct
{
  VivaWindow         *window;
  /* Weak: the user may close the dialog while the save is out. */
  VivaQuestionDialog *dialog;
  /* NULL: My Questions */
  char               *path;
  guint               number;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_weak_pointer (&data->dialog);
  g_object_unref (data->window);
  g_free (data->path);
  g_free (data);
}

static SaveData *
save_data_new (VivaWindow         *self,
               VivaQuestionDialog *dialog,
               const char         *path,
               guint               number)
{
  SaveData *data = g_new0 (SaveData, 1);

  data->window = g_object_ref (self);
  g_set_weak_pointer (&data->dialog, dialog);
  data->path = g_strdup (path);
  data->number = number;

  return data;
}

/* Whether @bank is (a version of) the bank the window shows now. */
static gboolean
is_open_bank (VivaWindow *self,
              VivaBank   *bank)
{
  return self->bank != NULL && bank != NULL &&
         g_strcmp0 (viva_bank_get_id (self->bank), viva_bank_get_id (bank)) == 0 &&
         viva_bank_get_file (self->bank) != NULL;
}

static void
viva_window_add_question_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  SaveData *data = user_data;
  VivaWindow *self = data->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaBank) bank = NULL;
  guint number = 0;

  bank = viva_owned_banks_add_question_finish (VIVA_OWNED_BANKS (object), result, &number, &error);

  if (data->dialog != NULL)
    viva_question_dialog_finish (data->dialog, error);
  else if (error != NULL)
    _viva_window_toast (self, error->message);

  if (bank != NULL)
    {
      if (is_open_bank (self, bank) || self->bank == NULL)
        show_bank_question (self, bank, number);
      else
        {
          /* Translators: %u is the new question's number. */
          g_autofree char *message = g_strdup_printf (_("Added to My Questions as question %u"), number);
          AdwToast *toast = adw_toast_new (message);

          g_object_set_data_full (G_OBJECT (self), ADDED_BANK_KEY, g_object_ref (bank), g_object_unref);
          adw_toast_set_button_label (toast, _("_Show"));
          adw_toast_set_action_name (toast, "win.show-added-question");
          adw_toast_set_action_target_value (toast, g_variant_new_uint32 (number));
          adw_toast_overlay_add_toast (self->toast_overlay, toast);
        }
    }

  save_data_free (data);
}

static void
viva_window_edit_question_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  SaveData *data = user_data;
  VivaWindow *self = data->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaBank) bank = NULL;

  bank = viva_owned_banks_edit_question_finish (VIVA_OWNED_BANKS (object), result, &error);

  if (data->dialog != NULL)
    viva_question_dialog_finish (data->dialog, error);
  else if (error != NULL)
    _viva_window_toast (self, error->message);

  if (bank != NULL && is_open_bank (self, bank))
    show_bank_question (self, bank, data->number);

  save_data_free (data);
}

static void
viva_window_question_dialog_save_cb (VivaQuestionDialog      *dialog,
                                     const VivaQuestionDraft *draft,
                                     VivaWindow              *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "viva-bank-path");
  guint number = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "viva-question-number"));
  SaveData *data = save_data_new (self, dialog, path, number);

  if (number == 0)
    viva_owned_banks_add_question_async (get_owned (self), path, draft, NULL,
                                         viva_window_add_question_cb, data);
  else
    viva_owned_banks_edit_question_async (get_owned (self), path, number, draft, NULL,
                                          viva_window_edit_question_cb, data);
}

/* Shows the dialog for @question of @bank (the bank at @path, NULL for
 * My Questions), or for a new question when @question is NULL. */
static void
present_dialog (VivaWindow   *self,
                VivaBank     *bank,
                const char   *path,
                VivaQuestion *question)
{
  VivaQuestionDialog *dialog = viva_question_dialog_new (GTK_WINDOW (self), bank, question);

  g_object_set_data_full (G_OBJECT (dialog), "viva-bank-path", g_strdup (path), g_free);
  g_object_set_data (G_OBJECT (dialog), "viva-question-number",
                     GUINT_TO_POINTER (question != NULL ? viva_question_get_number (question) : 0));
  g_signal_connect_object (dialog, "save", G_CALLBACK (viva_window_question_dialog_save_cb),
                           self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
viva_window_my_questions_loaded_cb (GObject      *object,
                                    GAsyncResult *result,
                                    gpointer      user_data)
{
  g_autoptr(VivaWindow) self = user_data;
  g_autoptr(VivaBank) bank = viva_bank_load_file_finish (result, NULL);

  /* Missing (the first question) or unreadable: the dialog offers a new
   * level, and saving says what is wrong with the file. */
  present_dialog (self, bank, NULL, NULL);
}

static void
viva_window_new_question_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  VivaWindow *self = VIVA_WINDOW (widget);
  g_autofree char *path = dup_owned_bank_path (self);
  g_autofree char *my_questions = NULL;
  g_autoptr(GFile) file = NULL;

  if (path != NULL)
    {
      present_dialog (self, self->bank, path, NULL);
      return;
    }

  /* The levels and topics My Questions has so far, read off the main
   * thread. */
  my_questions = viva_owned_banks_dup_my_questions_path (get_owned (self));
  file = g_file_new_for_path (my_questions);
  viva_bank_load_file_async (file, self->cancellable, viva_window_my_questions_loaded_cb,
                             g_object_ref (self));
}

/* The question an action was given by number; 0 is the one shown. */
static VivaQuestion *
lookup_question (VivaWindow *self,
                 GVariant   *param)
{
  guint number = param != NULL ? g_variant_get_uint32 (param) : 0;

  if (self->bank == NULL)
    return NULL;
  if (number == 0)
    return self->question;

  return viva_bank_lookup_question (self->bank, number);
}

static void
viva_window_edit_question_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  VivaWindow *self = VIVA_WINDOW (widget);
  VivaQuestion *question = lookup_question (self, param);
  g_autofree char *path = NULL;

  if (question == NULL)
    return;

  path = dup_owned_bank_path (self);
  if (path == NULL)
    {
      toast_read_only (self);
      return;
    }

  present_dialog (self, self->bank, path, question);
}

static void
viva_window_delete_question_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  SaveData *data = user_data;
  VivaWindow *self = data->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaBank) bank = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;
  guint next = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self), "viva-show-after-delete"));

  bank = viva_owned_banks_delete_question_finish (VIVA_OWNED_BANKS (object), result, &error);

  if (error != NULL)
    {
      _viva_window_toast (self, error->message);
      save_data_free (data);
      return;
    }

  /* Decision 4.7: a bank left with no question is kept, not opened. */
  if (bank == NULL)
    _viva_window_open_bundled_bank (self);
  else
    show_bank_question (self, bank, next);

  g_object_set_data_full (G_OBJECT (self), DELETED_PATH_KEY, g_strdup (data->path), g_free);
  /* Translators: %u is the question's number. */
  message = g_strdup_printf (_("Question %u deleted"), data->number);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.restore-question");
  adw_toast_set_action_target_value (toast, g_variant_new_uint32 (data->number));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  save_data_free (data);
}

static void
viva_window_delete_question_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  VivaWindow *self = VIVA_WINDOW (widget);
  VivaQuestion *question = lookup_question (self, param);
  g_autofree char *path = NULL;
  GListModel *questions;
  guint position;
  guint next = 0;

  if (question == NULL)
    return;

  path = dup_owned_bank_path (self);
  if (path == NULL)
    {
      toast_read_only (self);
      return;
    }

  /* The question after it comes next, or the one before the last. */
  questions = viva_bank_get_questions (self->bank);
  position = viva_question_get_position (question);
  if (position + 1 < g_list_model_get_n_items (questions) || position > 0)
    {
      g_autoptr(VivaQuestion) neighbour =
        g_list_model_get_item (questions, position + 1 < g_list_model_get_n_items (questions)
                                          ? position + 1 : position - 1);

      next = viva_question_get_number (neighbour);
    }
  g_object_set_data (G_OBJECT (self), "viva-show-after-delete", GUINT_TO_POINTER (next));

  viva_owned_banks_delete_question_async (get_owned (self), path, viva_question_get_number (question),
                                          NULL, viva_window_delete_question_cb,
                                          save_data_new (self, NULL, path, viva_question_get_number (question)));
}

static void
viva_window_restore_question_cb (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  SaveData *data = user_data;
  VivaWindow *self = data->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(VivaBank) bank = NULL;

  bank = viva_owned_banks_restore_question_finish (VIVA_OWNED_BANKS (object), result, &error);

  if (error != NULL)
    _viva_window_toast (self, error->message);
  else if (bank != NULL)
    show_bank_question (self, bank, data->number);

  save_data_free (data);
}

static void
viva_window_restore_question_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  VivaWindow *self = VIVA_WINDOW (widget);
  const char *path = g_object_get_data (G_OBJECT (self), DELETED_PATH_KEY);
  guint number = g_variant_get_uint32 (param);

  if (path == NULL || number == 0)
    return;

  viva_owned_banks_restore_question_async (get_owned (self), path, number, NULL,
                                           viva_window_restore_question_cb,
                                           save_data_new (self, NULL, path, number));
}

static void
viva_window_show_added_question_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  VivaWindow *self = VIVA_WINDOW (widget);
  VivaBank *bank = g_object_get_data (G_OBJECT (self), ADDED_BANK_KEY);

  if (bank != NULL)
    show_bank_question (self, bank, g_variant_get_uint32 (param));
}

void
_viva_window_update_questions_actions (VivaWindow *self)
{
  /* A new question's number must not be one a note already has: wait
   * for the notes. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-question",
                                 viva_context_get_notes_loaded (self->context));
  /* Enabled on any bank: on one that is not the user's, they say why. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-question", self->bank != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-question", self->bank != NULL);
}

void
_viva_window_class_questions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-question", NULL, viva_window_new_question_action);
  gtk_widget_class_install_action (widget_class, "win.edit-question", "u", viva_window_edit_question_action);
  gtk_widget_class_install_action (widget_class, "win.delete-question", "u", viva_window_delete_question_action);
  gtk_widget_class_install_action (widget_class, "win.restore-question", "u", viva_window_restore_question_action);
  gtk_widget_class_install_action (widget_class, "win.show-added-question", "u", viva_window_show_added_question_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-question", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "win.edit-question", "u", 0);
}
