/* viva-import-dialog.c
 *
 * Import…: reads the file the user picked in a worker (a progress bar,
 * Cancel), then shows what it recognised before anything is written:
 * how many questions, their sections, the first few with their answer's
 * first line or "No answer", and what the import had to decide (one
 * level made, numbers given). Import writes the bank into the data dir;
 * a file in no known shape gets the message that says what was looked
 * for.
 *
 * The worker outlives the dialog when the user closes it: what it
 * shares with the dialog (the progress, the result) lives in state the
 * callbacks free, and the dialog is reached through a weak reference.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "viva-answer.h"
#include "viva-import-dialog.h"
#include "viva-import.h"

#define PREVIEW_QUESTIONS 5
#define PREVIEW_LEVELS    20

struct _VivaImportDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  GtkButton           *cancel_button;
  GtkButton           *import_button;
  GtkStack            *stack;
  GtkLabel            *reading_label;
  GtkProgressBar      *progress_bar;
  GtkLabel            *title_label;
  GtkLabel            *summary_label;
  AdwPreferencesGroup *notices_group;
  AdwPreferencesGroup *sections_group;
  AdwPreferencesGroup *questions_group;
  AdwStatusPage       *error_page;

  /* Owned */
  GFile               *file;
  char                *dir;
  GCancellable        *cancellable;
  VivaImportResult    *result;
  char                *summary;
  guint                progress_id;

  /* Borrowed: freed by the read callback, after the timeout is gone */
  struct _ReadState   *reading;
};

typedef struct _ReadState
{
  GWeakRef dialog;
  int      permille;   /* atomic: written by the worker */
} ReadState;

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (VivaImportDialog, viva_import_dialog, ADW_TYPE_WINDOW)

static void
read_progress (double   fraction,
               gpointer user_data)
{
  ReadState *state = user_data;

  g_atomic_int_set (&state->permille, (int) (fraction * 1000));
}

static gboolean
update_progress_cb (gpointer user_data)
{
  VivaImportDialog *self = user_data;

  if (self->reading != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar,
                                   g_atomic_int_get (&self->reading->permille) / 1000.0);

  return G_SOURCE_CONTINUE;
}

static void
show_error (VivaImportDialog *self,
            const GError     *error)
{
  /* The description is Pango markup; the message may quote the file. */
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  adw_status_page_set_description (self->error_page, escaped);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
  gtk_button_set_label (self->cancel_button, _("Close"));
}

static const char *
shape_name (VivaImportShape shape)
{
  switch (shape)
    {
    case VIVA_IMPORT_SHAPE_VIVA:
      return _("a Viva question bank");
    case VIVA_IMPORT_SHAPE_NUMBERED_HEADINGS:
      return _("numbered headings");
    case VIVA_IMPORT_SHAPE_PREFIXED_HEADINGS:
      return _("headings starting with Q");
    case VIVA_IMPORT_SHAPE_DETAILS:
      return _("<details> blocks");
    case VIVA_IMPORT_SHAPE_LIST:
      return _("a list");
    case VIVA_IMPORT_SHAPE_CSV:
      return _("CSV");
    case VIVA_IMPORT_SHAPE_TSV:
      return _("TSV");
    case VIVA_IMPORT_SHAPE_ANKI_TEXT:
      return _("Anki’s text export");
    default:
      return _("questions");
    }
}

static char *
dup_summary (VivaImportResult *result)
{
  guint n = viva_import_result_get_n_questions (result);
  guint n_levels = viva_import_result_get_n_levels (result);
  guint n_topics = viva_import_result_get_n_topics (result);
  guint n_answered = viva_import_result_get_n_answered (result);
  g_autofree char *questions = g_strdup_printf (ngettext ("%u question", "%u questions", n), n);
  g_autofree char *levels = g_strdup_printf (ngettext ("%u level", "%u levels", n_levels), n_levels);
  g_autofree char *topics = g_strdup_printf (ngettext ("%u topic", "%u topics", n_topics), n_topics);
  g_autofree char *answered = g_strdup_printf (ngettext ("%u with an answer", "%u with answers", n_answered),
                                               n_answered);

  if (n_topics == 0)
    /* Translators: "100 questions in 3 levels, 64 with answers, read as
     * numbered headings." */
    return g_strdup_printf (_("%s in %s, %s, read as %s."), questions, levels, answered,
                            shape_name (viva_import_result_get_shape (result)));

  /* Translators: "100 questions in 3 levels and 12 topics, 64 with
   * answers, read as numbered headings." */
  return g_strdup_printf (_("%s in %s and %s, %s, read as %s."), questions, levels, topics, answered,
                          shape_name (viva_import_result_get_shape (result)));
}

static GtkWidget *
make_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Text from the file: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  if (subtitle != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
    }

  return row;
}

/* The first line of an answer, as plain text. */
static char *
dup_first_line (const char *markdown)
{
  g_autofree char *plain = viva_answer_to_plain_text (markdown);
  char *line;
  char *newline;

  if (plain == NULL)
    return NULL;

  line = g_strstrip (plain);
  newline = strchr (line, '\n');
  if (newline != NULL)
    *newline = '\0';

  return g_strdup (line);
}

typedef struct
{
  guint      number;
  char      *name;
  guint      n_questions;
  GPtrArray *topics;
} LevelCount;

static void
level_count_free (LevelCount *count)
{
  g_free (count->name);
  g_ptr_array_unref (count->topics);
  g_free (count);
}

static void
fill_sections (VivaImportDialog *self,
               VivaBankDraft    *draft)
{
  g_autoptr(GPtrArray) levels = g_ptr_array_new_with_free_func ((GDestroyNotify) level_count_free);
  guint n = viva_bank_draft_get_n_questions (draft);

  for (guint i = 0; i < n; i++)
    {
      guint number = 0;
      const char *name = NULL;
      const char *topic = NULL;
      LevelCount *count = NULL;

      viva_bank_draft_get_question (draft, i, &number, &name, &topic, NULL, NULL);
      for (guint j = 0; j < levels->len && count == NULL; j++)
        if (((LevelCount *) g_ptr_array_index (levels, j))->number == number)
          count = g_ptr_array_index (levels, j);

      if (count == NULL)
        {
          count = g_new0 (LevelCount, 1);
          count->number = number;
          count->name = g_strdup (name);
          count->topics = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (levels, count);
        }

      count->n_questions++;
      if (topic != NULL && count->topics->len < 50 &&
          !g_ptr_array_find_with_equal_func (count->topics, topic, g_str_equal, NULL))
        g_ptr_array_add (count->topics, g_strdup (topic));
    }

  for (guint i = 0; i < levels->len && i < PREVIEW_LEVELS; i++)
    {
      LevelCount *count = g_ptr_array_index (levels, i);
      g_autofree char *subtitle = g_strdup_printf (ngettext ("%u question", "%u questions", count->n_questions),
                                                   count->n_questions);

      if (count->topics->len > 0)
        {
          g_autofree char *topics = NULL;
          char *joined;

          g_ptr_array_add (count->topics, NULL);
          topics = g_strjoinv (", ", (char **) count->topics->pdata);
          /* Translators: "12 questions: Strings, Numbers" */
          joined = g_strdup_printf (_("%s: %s"), subtitle, topics);
          g_free (subtitle);
          subtitle = joined;
        }

      adw_preferences_group_add (self->sections_group, make_row (count->name, subtitle));
    }

  if (levels->len > PREVIEW_LEVELS)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("And %u more level", "And %u more levels",
                                                         levels->len - PREVIEW_LEVELS),
                                               levels->len - PREVIEW_LEVELS);

      adw_preferences_group_add (self->sections_group, make_row (more, NULL));
    }
}

static void
show_preview (VivaImportDialog *self)
{
  VivaBankDraft *draft = viva_import_result_get_draft (self->result);
  const char * const *notices = viva_import_result_get_notices (self->result);
  guint n = viva_bank_draft_get_n_questions (draft);

  g_free (self->summary);
  self->summary = dup_summary (self->result);
  gtk_label_set_text (self->title_label, viva_import_result_get_title (self->result));
  gtk_label_set_text (self->summary_label, self->summary);

  for (guint i = 0; notices[i] != NULL; i++)
    adw_preferences_group_add (self->notices_group, make_row (notices[i], NULL));
  gtk_widget_set_visible (GTK_WIDGET (self->notices_group), notices[0] != NULL);

  fill_sections (self, draft);

  for (guint i = 0; i < n && i < PREVIEW_QUESTIONS; i++)
    {
      const char *text = NULL;
      const char *answer = NULL;
      g_autofree char *plain = NULL;
      g_autofree char *first_line = NULL;
      g_autofree char *title = NULL;
      guint number;

      number = viva_bank_draft_get_question (draft, i, NULL, NULL, NULL, &text, &answer);
      plain = viva_answer_to_plain_text (text);
      first_line = answer != NULL ? dup_first_line (answer) : NULL;
      /* Translators: "12. What is a decorator?" */
      title = g_strdup_printf (_("%u. %s"), number, plain != NULL ? g_strstrip (plain) : "");

      adw_preferences_group_add (self->questions_group,
                                 make_row (title, first_line != NULL ? first_line : _("No answer")));
    }

  gtk_stack_set_visible_child_name (self->stack, "preview");
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->import_button));
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  ReadState *state = user_data;
  g_autoptr(VivaImportDialog) self = g_weak_ref_get (&state->dialog);
  g_autoptr(VivaImportResult) imported = NULL;
  g_autoptr(GError) error = NULL;

  imported = viva_import_file_finish (result, &error);

  if (self != NULL)
    {
      self->reading = NULL;
      g_clear_handle_id (&self->progress_id, g_source_remove);
    }
  g_weak_ref_clear (&state->dialog);
  g_free (state);

  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (imported == NULL)
    {
      show_error (self, error);
      return;
    }

  self->result = g_steal_pointer (&imported);
  show_preview (self);
}

typedef struct
{
  GWeakRef          dialog;
  VivaImportResult *result;   /* the worker reads its draft */
} SaveState;

static void
save_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  SaveState *state = user_data;
  g_autoptr(VivaImportDialog) self = g_weak_ref_get (&state->dialog);
  g_autoptr(VivaImportResult) imported = state->result;
  g_autoptr(GFile) saved = NULL;
  g_autoptr(GError) error = NULL;

  saved = viva_import_save_finish (result, &error);
  g_weak_ref_clear (&state->dialog);
  g_free (state);

  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (saved == NULL)
    {
      show_error (self, error);
      return;
    }

  g_signal_emit (self, signals[IMPORTED], 0, saved,
                 viva_import_result_get_title (imported),
                 viva_import_result_get_n_questions (imported));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
viva_import_dialog_import_clicked_cb (VivaImportDialog *self)
{
  SaveState *state;

  g_assert (VIVA_IS_IMPORT_DIALOG (self));

  if (self->result == NULL)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);

  /* The result goes with the worker, which may outlive the dialog. */
  state = g_new0 (SaveState, 1);
  g_weak_ref_init (&state->dialog, self);
  state->result = g_steal_pointer (&self->result);
  viva_import_save_async (state->result, self->dir, self->cancellable, save_cb, state);
}

static void
viva_import_dialog_cancel_clicked_cb (VivaImportDialog *self)
{
  g_assert (VIVA_IS_IMPORT_DIALOG (self));

  gtk_window_close (GTK_WINDOW (self));
}

static void
viva_import_dialog_start (VivaImportDialog *self)
{
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *reading = g_strdup_printf (_("Reading “%s”…"), name);
  ReadState *state = g_new0 (ReadState, 1);

  gtk_label_set_text (self->reading_label, reading);
  g_weak_ref_init (&state->dialog, self);
  self->reading = state;
  self->progress_id = g_timeout_add (100, update_progress_cb, self);
  viva_import_file_async (self->file, self->cancellable, read_progress, state, read_cb, state);
}

static void
viva_import_dialog_dispose (GObject *object)
{
  VivaImportDialog *self = (VivaImportDialog *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  self->reading = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (viva_import_dialog_parent_class)->dispose (object);
}

static void
viva_import_dialog_finalize (GObject *object)
{
  VivaImportDialog *self = (VivaImportDialog *) object;

  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->result, viva_import_result_free);
  g_free (self->dir);
  g_free (self->summary);

  G_OBJECT_CLASS (viva_import_dialog_parent_class)->finalize (object);
}

static void
viva_import_dialog_class_init (VivaImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_import_dialog_dispose;
  object_class->finalize = viva_import_dialog_finalize;

  /**
   * VivaImportDialog::imported:
   * @file: the bank written
   * @title: its title
   * @n_questions: how many questions it holds
   */
  signals[IMPORTED] = g_signal_new ("imported",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 3, G_TYPE_FILE, G_TYPE_STRING, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/vivaprep/Viva/ui/viva-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, VivaImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, VivaImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, VivaImportDialog, reading_label);
  gtk_widget_class_bind_template_child (widget_class, VivaImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, VivaImportDialog, title_label);
  gtk_widget_class_bind_template_child (widget_class, VivaImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, VivaImportDialog, notices_group);
  gtk_widget_class_bind_template_child (widget_class, VivaImportDialog, sections_group);
  gtk_widget_class_bind_template_child (widget_class, VivaImportDialog, questions_group);
  gtk_widget_class_bind_template_child (widget_class, VivaImportDialog, error_page);
  gtk_widget_class_bind_template_callback (widget_class, viva_import_dialog_import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, viva_import_dialog_cancel_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
viva_import_dialog_init (VivaImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

VivaImportDialog *
viva_import_dialog_new (GtkWindow  *parent,
                        GFile      *file,
                        const char *dir)
{
  VivaImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (dir != NULL, NULL);

  /* A screen reader says "dialog" (see VivaQuestionDialog: the role is
   * the instance's, or GTK 4.8 reads the window as a frame). */
  self = g_object_new (VIVA_TYPE_IMPORT_DIALOG,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->file = g_object_ref (file);
  self->dir = g_strdup (dir);
  viva_import_dialog_start (self);

  return self;
}

/* "reading", "preview" or "error": for tests. */
const char *
viva_import_dialog_get_page (VivaImportDialog *self)
{
  g_return_val_if_fail (VIVA_IS_IMPORT_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
viva_import_dialog_get_summary (VivaImportDialog *self)
{
  g_return_val_if_fail (VIVA_IS_IMPORT_DIALOG (self), NULL);

  return self->summary;
}
