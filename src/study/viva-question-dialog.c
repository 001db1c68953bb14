/* viva-question-dialog.c
 *
 * "New Question" and "Edit Question": the question's text (Markdown
 * inline: `code` in backticks), its level and topic, chosen among the
 * bank's or new, and an optional answer in Markdown. The dialog only
 * gathers: "save" hands the form to the window, which writes it through
 * VivaOwnedBanks and answers with viva_question_dialog_finish(); the
 * dialog stays, busy, until then, and shows an error inside itself so
 * that nothing typed is lost.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "viva-bank-writer.h"
#include "viva-bank.h"
#include "viva-level.h"
#include "viva-question-dialog.h"
#include "viva-question.h"
#include "viva-topic.h"

struct _VivaQuestionDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  GtkButton       *save_button;
  GtkSpinner      *spinner;
  GtkLabel        *error_label;
  GtkWidget       *form_box;
  GtkTextView     *question_view;
  AdwComboRow     *level_row;
  AdwEntryRow     *new_level_row;
  AdwComboRow     *topic_row;
  AdwEntryRow     *new_topic_row;
  GtkSourceView   *answer_view;

  /* Owned */
  VivaBank        *bank;
  /* The bank's levels, in the level row's order (the last item of the
   * row is "New Level…"). */
  GPtrArray       *levels;
  /* The topic names of the chosen level, after "No Topic" (the last
   * item of the row is "New Topic…"). */
  GPtrArray       *topics;
  gboolean         editing;
  gboolean         busy;
};

G_DEFINE_FINAL_TYPE (VivaQuestionDialog, viva_question_dialog, ADW_TYPE_WINDOW)

enum {
  SAVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
dup_buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      if (!g_ascii_isspace (*p))
        return FALSE;
    }

  return TRUE;
}

static gboolean
new_level_chosen (VivaQuestionDialog *self)
{
  return adw_combo_row_get_selected (self->level_row) >= self->levels->len;
}

static gboolean
new_topic_chosen (VivaQuestionDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->topic_row);

  return selected != GTK_INVALID_LIST_POSITION && selected > self->topics->len;
}

static void
update_save (VivaQuestionDialog *self)
{
  g_autofree char *text = dup_buffer_text (self->question_view);
  gboolean ready = !is_blank (text);

  if (new_topic_chosen (self))
    ready = ready && !is_blank (gtk_editable_get_text (GTK_EDITABLE (self->new_topic_row)));

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), ready && !self->busy);
}

static void
viva_question_dialog_changed_cb (VivaQuestionDialog *self)
{
  update_save (self);
}

/* The topics of the chosen level, "No Topic" first and "New Topic…"
 * last. A new level has no topics yet. */
static void
fill_topics (VivaQuestionDialog *self,
             const char         *select)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  g_ptr_array_set_size (self->topics, 0);
  gtk_string_list_append (names, _("No Topic"));

  if (!new_level_chosen (self))
    {
      VivaLevel *level = g_ptr_array_index (self->levels, adw_combo_row_get_selected (self->level_row));
      GListModel *children = viva_level_get_children (level);

      for (guint i = 0; i < g_list_model_get_n_items (children); i++)
        {
          g_autoptr(GObject) child = g_list_model_get_item (children, i);
          const char *name;
          gboolean seen = FALSE;

          if (!VIVA_IS_TOPIC (child))
            continue;
          name = viva_topic_get_name (VIVA_TOPIC (child));
          for (guint j = 0; j < self->topics->len && !seen; j++)
            seen = g_str_equal (g_ptr_array_index (self->topics, j), name);
          if (seen)
            continue;

          g_ptr_array_add (self->topics, g_strdup (name));
          gtk_string_list_append (names, name);
          if (g_strcmp0 (select, name) == 0)
            selected = self->topics->len;
        }
    }

  gtk_string_list_append (names, _("New Topic…"));
  adw_combo_row_set_model (self->topic_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->topic_row, selected);
}

static void
viva_question_dialog_level_changed_cb (VivaQuestionDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->new_level_row), new_level_chosen (self));
  fill_topics (self, NULL);
  update_save (self);
}

static void
viva_question_dialog_topic_changed_cb (VivaQuestionDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->new_topic_row), new_topic_chosen (self));
  update_save (self);
}

/**
 * viva_question_dialog_dup_draft:
 * @self: the dialog
 * @out_draft: (out caller-allocates): the form, to clear with
 *   viva_question_draft_clear()
 *
 * Returns: whether the form can be saved (the question has text)
 */
gboolean
viva_question_dialog_dup_draft (VivaQuestionDialog *self,
                                VivaQuestionDraft  *out_draft)
{
  g_autofree char *text = NULL;
  g_autofree char *answer = NULL;
  guint topic;

  g_return_val_if_fail (VIVA_IS_QUESTION_DIALOG (self), FALSE);
  g_return_val_if_fail (out_draft != NULL, FALSE);

  memset (out_draft, 0, sizeof *out_draft);

  text = dup_buffer_text (self->question_view);
  answer = dup_buffer_text (GTK_TEXT_VIEW (self->answer_view));

  if (new_level_chosen (self))
    {
      out_draft->level_number = 0;
      out_draft->level_name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_level_row))));
    }
  else
    {
      VivaLevel *level = g_ptr_array_index (self->levels, adw_combo_row_get_selected (self->level_row));

      out_draft->level_number = viva_level_get_number (level);
      out_draft->level_name = g_strdup (viva_level_get_name (level));
    }

  topic = adw_combo_row_get_selected (self->topic_row);
  if (new_topic_chosen (self))
    out_draft->topic = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_topic_row))));
  else if (topic != GTK_INVALID_LIST_POSITION && topic > 0 && topic <= self->topics->len)
    out_draft->topic = g_strdup (g_ptr_array_index (self->topics, topic - 1));
  if (out_draft->topic != NULL && out_draft->topic[0] == '\0')
    g_clear_pointer (&out_draft->topic, g_free);

  out_draft->text = g_steal_pointer (&text);
  if (!is_blank (answer))
    out_draft->answer = g_steal_pointer (&answer);

  return !is_blank (out_draft->text) &&
         !(new_topic_chosen (self) && out_draft->topic == NULL);
}

static void
set_busy (VivaQuestionDialog *self,
          gboolean            busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (self->form_box, !busy);
  update_save (self);
}

static void
viva_question_dialog_save_clicked_cb (VivaQuestionDialog *self)
{
  VivaQuestionDraft draft;

  if (self->busy)
    return;

  if (!viva_question_dialog_dup_draft (self, &draft))
    {
      viva_question_draft_clear (&draft);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  set_busy (self, TRUE);
  g_signal_emit (self, signals[SAVE], 0, &draft);
  viva_question_draft_clear (&draft);
}

/**
 * viva_question_dialog_finish:
 * @self: the dialog
 * @error: (nullable): why the question could not be saved
 *
 * Ends what "save" started: closes the dialog, or shows @error in it
 * and lets the user try again.
 */
void
viva_question_dialog_finish (VivaQuestionDialog *self,
                             const GError       *error)
{
  g_return_if_fail (VIVA_IS_QUESTION_DIALOG (self));

  set_busy (self, FALSE);

  if (error == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  gtk_label_set_text (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->question_view));
}

static gboolean
viva_question_dialog_save_shortcut (GtkWidget *widget,
                                    GVariant  *args,
                                    gpointer   user_data)
{
  VivaQuestionDialog *self = VIVA_QUESTION_DIALOG (widget);

  if (gtk_widget_get_sensitive (GTK_WIDGET (self->save_button)))
    viva_question_dialog_save_clicked_cb (self);

  return TRUE;
}

static void
viva_question_dialog_dispose (GObject *object)
{
  VivaQuestionDialog *self = (VivaQuestionDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_QUESTION_DIALOG);
  g_clear_object (&self->bank);

  G_OBJECT_CLASS (viva_question_dialog_parent_class)->dispose (object);
}

static void
viva_question_dialog_finalize (GObject *object)
{
  VivaQuestionDialog *self = (VivaQuestionDialog *)object;

  g_clear_pointer (&self->levels, g_ptr_array_unref);
  g_clear_pointer (&self->topics, g_ptr_array_unref);

  G_OBJECT_CLASS (viva_question_dialog_parent_class)->finalize (object);
}

static void
viva_question_dialog_class_init (VivaQuestionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_question_dialog_dispose;
  object_class->finalize = viva_question_dialog_finalize;

  /**
   * VivaQuestionDialog::save:
   * @self: the dialog
   * @draft: (type gpointer): the VivaQuestionDraft, valid during the
   *   emission
   *
   * The user saved: write @draft, then call viva_question_dialog_finish().
   */
  signals[SAVE] =
    g_signal_new ("save",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/vivaprep/Viva/ui/viva-question-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaQuestionDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, VivaQuestionDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, VivaQuestionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, VivaQuestionDialog, form_box);
  gtk_widget_class_bind_template_child (widget_class, VivaQuestionDialog, question_view);
  gtk_widget_class_bind_template_child (widget_class, VivaQuestionDialog, level_row);
  gtk_widget_class_bind_template_child (widget_class, VivaQuestionDialog, new_level_row);
  gtk_widget_class_bind_template_child (widget_class, VivaQuestionDialog, topic_row);
  gtk_widget_class_bind_template_child (widget_class, VivaQuestionDialog, new_topic_row);
  gtk_widget_class_bind_template_child (widget_class, VivaQuestionDialog, answer_view);
  gtk_widget_class_bind_template_callback (widget_class, viva_question_dialog_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, viva_question_dialog_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, viva_question_dialog_level_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, viva_question_dialog_topic_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                viva_question_dialog_save_shortcut, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                viva_question_dialog_save_shortcut, NULL);
}

static void
viva_question_dialog_init (VivaQuestionDialog *self)
{
  GtkSourceLanguage *markdown;
  GtkTextBuffer *buffer;

  self->levels = g_ptr_array_new_with_free_func (g_object_unref);
  self->topics = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  buffer = gtk_text_view_get_buffer (self->question_view);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (viva_question_dialog_changed_cb),
                           self, G_CONNECT_SWAPPED);

  markdown = gtk_source_language_manager_get_language (gtk_source_language_manager_get_default (),
                                                       "markdown");
  if (markdown != NULL)
    gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->answer_view))),
                                    markdown);
}

/* The bank's levels, each once, in the bank's order, then "New Level…". */
static void
fill_levels (VivaQuestionDialog *self,
             guint               select_number)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  if (self->bank != NULL)
    {
      GListModel *levels = viva_bank_get_levels (self->bank);

      for (guint i = 0; i < g_list_model_get_n_items (levels); i++)
        {
          g_autoptr(VivaLevel) level = g_list_model_get_item (levels, i);
          gboolean seen = FALSE;

          for (guint j = 0; j < self->levels->len && !seen; j++)
            seen = viva_level_get_number (g_ptr_array_index (self->levels, j)) == viva_level_get_number (level);
          if (seen)
            continue;

          if (viva_level_get_number (level) == select_number)
            selected = self->levels->len;
          g_ptr_array_add (self->levels, g_object_ref (level));
          gtk_string_list_append (names, viva_level_get_title (level));
        }
    }

  gtk_string_list_append (names, _("New Level…"));
  adw_combo_row_set_model (self->level_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->level_row, selected);
  /* notify::selected does not fire when the selection stays at 0. */
  viva_question_dialog_level_changed_cb (self);
}

/**
 * viva_question_dialog_new:
 * @parent: the window it belongs to
 * @bank: (nullable): the bank the question goes in, for its levels and
 *   topics; %NULL when it does not exist yet (My Questions)
 * @question: (nullable): the question edited; %NULL for a new one
 *
 * Returns: (transfer none): the dialog, not yet presented; it destroys
 *   itself when closed
 */
VivaQuestionDialog *
viva_question_dialog_new (GtkWindow    *parent,
                          VivaBank     *bank,
                          VivaQuestion *question)
{
  VivaQuestionDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (bank == NULL || VIVA_IS_BANK (bank), NULL);
  g_return_val_if_fail (question == NULL || VIVA_IS_QUESTION (question), NULL);

  self = g_object_new (VIVA_TYPE_QUESTION_DIALOG,
                       "transient-for", parent,
                       NULL);
  g_set_object (&self->bank, bank);
  self->editing = question != NULL;

  if (question != NULL)
    {
      g_autofree char *text = viva_bank_writer_dup_question_markdown (question);
      g_autofree char *title = g_strdup_printf (_("Edit Question %u"), viva_question_get_number (question));
      VivaTopic *topic = viva_question_get_topic (question);
      const char *answer = viva_question_get_answer (question);

      gtk_window_set_title (GTK_WINDOW (self), title);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->question_view), text, -1);
      if (answer != NULL)
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->answer_view)), answer, -1);
      fill_levels (self, viva_level_get_number (viva_question_get_level (question)));
      fill_topics (self, topic != NULL ? viva_topic_get_name (topic) : NULL);
    }
  else
    fill_levels (self, 0);

  update_save (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->question_view));

  return self;
}
