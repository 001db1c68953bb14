/* viva-question-picker.c
 *
 * The popover that adds a question to an interview while it runs: type
 * words or a number, and the bank's questions that match (and are not
 * planned yet) are listed; words that are not a number can also become
 * a question of the interviewer's own. Enter takes the first row, Down
 * goes into the list, Ctrl+F back to the words. Emits ::picked; the
 * caller adds the question.
 *
 * The questions are those of the bank open in the context, and only
 * for an interview of that bank (or one from before Viva recorded its
 * bank): question numbers mean nothing across banks, so an interview
 * of another bank is offered only questions of the interviewer's own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-bank.h"
#include "viva-context.h"
#include "viva-interview.h"
#include "viva-query.h"
#include "viva-question.h"
#include "viva-question-picker.h"

/* Rows offered: enough to pick from. */
#define MAX_ROWS 30

struct _VivaQuestionPicker
{
  GtkPopover      parent_instance;

  /* Owned */
  VivaContext    *context;
  GSignalGroup   *context_signals;
  VivaInterview  *interview;

  /* Template widgets */
  GtkSearchEntry *entry;
  GtkListBox     *list;
};

G_DEFINE_FINAL_TYPE (VivaQuestionPicker, viva_question_picker, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_INTERVIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A row for @question of the bank, or, when it is %NULL, for @own as a
 * question of the interviewer's own. */
static GtkWidget *
create_add_row (VivaQuestion *question,
                const char   *own)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label;
  guint number = question != NULL ? viva_question_get_number (question) : 0;
  const char *text = question != NULL ? viva_question_get_text (question) : own;
  g_autofree char *title = NULL;

  if (question != NULL)
    /* Translators: a question to add, "#37  What is a decorator?" */
    title = g_strdup_printf (_("#%u  %s"), number, text);
  else
    /* Translators: adds what was typed as a question of the
     * interviewer's own. */
    title = g_strdup_printf (_("Ask Your Own: “%s”"), text);

  label = g_object_new (GTK_TYPE_LABEL,
                        "xalign", 0.0f,
                        "ellipsize", PANGO_ELLIPSIZE_END,
                        "max-width-chars", 50,
                        "margin-top", 6,
                        "margin-bottom", 6,
                        NULL);
  gtk_widget_set_tooltip_text (label, text);

  if (question != NULL)
    {
      g_autofree char *number_text = g_strdup_printf ("#%u", number);
      g_autofree char *markup = viva_question_dup_markup (question);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *number_label = gtk_label_new (number_text);

      /* The question as it reads everywhere, its code in monospace. */
      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_widget_add_css_class (number_label, "dim-label");
      gtk_widget_add_css_class (number_label, "numeric");
      gtk_box_append (GTK_BOX (box), number_label);
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (label), title);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  g_object_set_data (G_OBJECT (row), "viva-number", GUINT_TO_POINTER (number));
  g_object_set_data_full (G_OBJECT (row), "viva-text", g_strdup (text), g_free);

  return row;
}

/* The open bank, if the interview's questions are of it. */
static VivaBank *
viva_question_picker_get_bank (VivaQuestionPicker *self)
{
  VivaBank *bank = self->context != NULL ? viva_context_get_bank (self->context) : NULL;
  const char *interview_bank;

  if (bank == NULL || self->interview == NULL)
    return NULL;

  interview_bank = viva_interview_get_bank (self->interview);
  if (interview_bank[0] != '\0' && g_strcmp0 (interview_bank, viva_bank_get_id (bank)) != 0)
    return NULL;

  return bank;
}

static void
viva_question_picker_refill (VivaQuestionPicker *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autoptr(VivaQuery) query = viva_query_new (text);
  g_autofree char *own = g_strstrip (g_strdup (text));
  VivaBank *bank = viva_question_picker_get_bank (self);
  GtkWidget *child;
  guint n_rows = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  if (bank != NULL && !viva_query_is_empty (query))
    {
      GListModel *questions = viva_bank_get_questions (bank);
      guint n = g_list_model_get_n_items (questions);

      for (guint i = 0; i < n && n_rows < MAX_ROWS; i++)
        {
          g_autoptr(VivaQuestion) question = g_list_model_get_item (questions, i);

          if (viva_interview_contains (self->interview, viva_question_get_number (question)) ||
              !viva_query_match_question (query, question))
            continue;

          gtk_list_box_append (self->list, create_add_row (question, NULL));
          n_rows++;
        }
    }

  /* Words that are not a number can always become a question of the
   * interviewer's own, last, so that Enter takes a bank match first. */
  if (own[0] != '\0' && viva_query_get_number (query) == 0)
    gtk_list_box_append (self->list, create_add_row (NULL, own));

  gtk_widget_set_visible (GTK_WIDGET (self->list),
                          gtk_widget_get_first_child (GTK_WIDGET (self->list)) != NULL);
}

static void
viva_question_picker_row_activated_cb (VivaQuestionPicker *self,
                                       GtkListBoxRow      *row)
{
  guint number = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "viva-number"));
  g_autofree char *text = g_strdup (g_object_get_data (G_OBJECT (row), "viva-text"));

  gtk_popover_popdown (GTK_POPOVER (self));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");

  g_signal_emit (self, signals[PICKED], 0, number, text);
}

static void
viva_question_picker_entry_activate_cb (VivaQuestionPicker *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, 0);

  if (row != NULL)
    viva_question_picker_row_activated_cb (self, row);
}

/* Down from the entry goes into the list. */
static gboolean
viva_question_picker_entry_key_cb (VivaQuestionPicker *self,
                                   guint               keyval,
                                   guint               keycode,
                                   GdkModifierType     state)
{
  GtkListBoxRow *row;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;

  row = gtk_list_box_get_row_at_index (self->list, 0);
  if (row == NULL)
    return FALSE;

  gtk_widget_grab_focus (GTK_WIDGET (row));

  return TRUE;
}

/* The words, selected: what is typed next replaces them. */
static void
viva_question_picker_focus_entry (VivaQuestionPicker *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

static gboolean
viva_question_picker_focus_entry_cb (GtkWidget *widget,
                                     GVariant  *args,
                                     gpointer   user_data)
{
  viva_question_picker_focus_entry (VIVA_QUESTION_PICKER (widget));

  return TRUE;
}

static void
viva_question_picker_show (GtkWidget *widget)
{
  VivaQuestionPicker *self = VIVA_QUESTION_PICKER (widget);

  viva_question_picker_refill (self);

  GTK_WIDGET_CLASS (viva_question_picker_parent_class)->show (widget);

  viva_question_picker_focus_entry (self);
}

static void
viva_question_picker_set_context (VivaQuestionPicker *self,
                                  VivaContext        *context)
{
  g_return_if_fail (context == NULL || VIVA_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;

  g_signal_group_set_target (self->context_signals, context);
  viva_question_picker_refill (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/* The interview whose planned questions are left out. */
static void
viva_question_picker_set_interview (VivaQuestionPicker *self,
                                    VivaInterview      *interview)
{
  g_return_if_fail (interview == NULL || VIVA_IS_INTERVIEW (interview));

  if (!g_set_object (&self->interview, interview))
    return;

  viva_question_picker_refill (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVIEW]);
}

static void
viva_question_picker_dispose (GObject *object)
{
  VivaQuestionPicker *self = (VivaQuestionPicker *)object;

  if (self->context_signals != NULL)
    g_signal_group_set_target (self->context_signals, NULL);
  g_clear_object (&self->context_signals);
  g_clear_object (&self->context);
  g_clear_object (&self->interview);

  G_OBJECT_CLASS (viva_question_picker_parent_class)->dispose (object);
}

static void
viva_question_picker_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  VivaQuestionPicker *self = VIVA_QUESTION_PICKER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_INTERVIEW:
      g_value_set_object (value, self->interview);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_question_picker_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  VivaQuestionPicker *self = VIVA_QUESTION_PICKER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      viva_question_picker_set_context (self, g_value_get_object (value));
      break;

    case PROP_INTERVIEW:
      viva_question_picker_set_interview (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_question_picker_class_init (VivaQuestionPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_question_picker_dispose;
  object_class->get_property = viva_question_picker_get_property;
  object_class->set_property = viva_question_picker_set_property;

  widget_class->show = viva_question_picker_show;

  /**
   * VivaQuestionPicker:context:
   *
   * Where the open bank is, whose questions are offered.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         VIVA_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VivaQuestionPicker:interview:
   *
   * The interview to add to: its planned questions are not offered.
   */
  properties[PROP_INTERVIEW] =
    g_param_spec_object ("interview", NULL, NULL,
                         VIVA_TYPE_INTERVIEW,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VivaQuestionPicker::picked:
   * @number: the bank's number, or 0 for a question of the interviewer's own
   * @text: the question
   */
  signals[PICKED] =
    g_signal_new ("picked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-question-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaQuestionPicker, entry);
  gtk_widget_class_bind_template_child (widget_class, VivaQuestionPicker, list);

  /* Ctrl+F from the matches goes back to the words, as in any search. */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                viva_question_picker_focus_entry_cb, NULL);
}

static void
viva_question_picker_init (VivaQuestionPicker *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->context_signals = g_signal_group_new (VIVA_TYPE_CONTEXT);
  g_signal_group_connect_object (self->context_signals, "notify::bank",
                                 G_CALLBACK (viva_question_picker_refill), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->entry, "search-changed",
                           G_CALLBACK (viva_question_picker_refill), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "activate",
                           G_CALLBACK (viva_question_picker_entry_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "row-activated",
                           G_CALLBACK (viva_question_picker_row_activated_cb), self, G_CONNECT_SWAPPED);

  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed",
                           G_CALLBACK (viva_question_picker_entry_key_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
}

/* Types into the search field, for tests. */
void
viva_question_picker_set_query (VivaQuestionPicker *self,
                                const char         *text)
{
  g_return_if_fail (VIVA_IS_QUESTION_PICKER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  viva_question_picker_refill (self);
}

GtkListBox *
viva_question_picker_get_list (VivaQuestionPicker *self)
{
  g_return_val_if_fail (VIVA_IS_QUESTION_PICKER (self), NULL);

  return self->list;
}
