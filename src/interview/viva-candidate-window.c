/* viva-candidate-window.c
 *
 * The window the candidate sees: a second toplevel, safe to share on a
 * screen or a projector, that shows the current question of a live
 * interview in large text and follows the interviewer's navigation.
 *
 * What it may show is decided here and nowhere else: the question's
 * place in the plan and its text. Never the notes, the ratings, the
 * answer key, the times or the interviewer's name; the window reads
 * only those two things from the interview, so nothing else can leak
 * into it by a later change elsewhere. (The question's number and bank
 * are read too, only to ask the bank how its text reads: its code in
 * monospace, as everywhere else in Viva. The bank is the one open in
 * the window, which the candidate window follows in its context.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-bank.h"
#include "viva-candidate-window.h"
#include "viva-context.h"

struct _VivaCandidateWindow
{
  AdwWindow       parent_instance;

  /* Owned */
  VivaContext    *context;
  GSignalGroup   *context_signals;
  /* The context's, kept from its last notify::bank */
  VivaBank       *bank;
  VivaInterview  *interview;
  GSignalGroup   *signals;

  /* Template widgets */
  GtkLabel       *heading_label;
  GtkLabel       *question_label;
};

G_DEFINE_FINAL_TYPE (VivaCandidateWindow, viva_candidate_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_INTERVIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
viva_candidate_window_update (VivaCandidateWindow *self)
{
  VivaInterview *interview = self->interview;
  guint n_items = interview != NULL ? viva_interview_get_n_items (interview) : 0;
  VivaInterviewItem *item;
  guint current;
  g_autofree char *heading = NULL;
  g_autofree char *markup = NULL;

  if (interview == NULL || n_items == 0)
    {
      gtk_label_set_label (self->heading_label, "");
      gtk_label_set_text (self->question_label, _("The interview will begin shortly."));
      return;
    }

  switch (viva_interview_get_state (interview))
    {
    case VIVA_INTERVIEW_STATE_PLANNED:
      gtk_label_set_label (self->heading_label, "");
      gtk_label_set_text (self->question_label, _("The interview will begin shortly."));
      return;

    case VIVA_INTERVIEW_STATE_FINISHED:
      gtk_label_set_label (self->heading_label, "");
      gtk_label_set_text (self->question_label, _("Thank you. The interview is over."));
      return;

    case VIVA_INTERVIEW_STATE_RUNNING:
    case VIVA_INTERVIEW_STATE_PAUSED:
    default:
      break;
    }

  current = MIN (viva_interview_get_current (interview), n_items - 1);
  /* Translators: above the question in the window shared with the
   * candidate: "Question 2 of 5". */
  heading = g_strdup_printf (_("Question %u of %u"), current + 1, n_items);
  gtk_label_set_label (self->heading_label, heading);
  item = viva_interview_get_item (interview, current);
  markup = viva_bank_dup_question_markup (self->bank, viva_interview_get_bank (interview),
                                          viva_interview_item_get_number (item), viva_interview_item_get_text (item));
  gtk_label_set_markup (self->question_label, markup);
}

/* The bank the interview's questions may come from, to show their
 * code as the bank writes it. */
static void
viva_candidate_window_bank_changed_cb (VivaCandidateWindow *self)
{
  VivaBank *bank = self->context != NULL ? viva_context_get_bank (self->context) : NULL;

  if (g_set_object (&self->bank, bank))
    viva_candidate_window_update (self);
}

static void
viva_candidate_window_set_context (VivaCandidateWindow *self,
                                   VivaContext         *context)
{
  g_return_if_fail (context == NULL || VIVA_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;

  g_signal_group_set_target (self->context_signals, context);
  viva_candidate_window_bank_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

static void
viva_candidate_window_dispose (GObject *object)
{
  VivaCandidateWindow *self = (VivaCandidateWindow *)object;

  if (self->signals != NULL)
    g_signal_group_set_target (self->signals, NULL);
  if (self->context_signals != NULL)
    g_signal_group_set_target (self->context_signals, NULL);
  g_clear_object (&self->signals);
  g_clear_object (&self->context_signals);
  g_clear_object (&self->context);
  g_clear_object (&self->interview);
  g_clear_object (&self->bank);

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_CANDIDATE_WINDOW);

  G_OBJECT_CLASS (viva_candidate_window_parent_class)->dispose (object);
}

static void
viva_candidate_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  VivaCandidateWindow *self = VIVA_CANDIDATE_WINDOW (object);

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
viva_candidate_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  VivaCandidateWindow *self = VIVA_CANDIDATE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      viva_candidate_window_set_context (self, g_value_get_object (value));
      break;

    case PROP_INTERVIEW:
      viva_candidate_window_set_interview (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_candidate_window_class_init (VivaCandidateWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_candidate_window_dispose;
  object_class->get_property = viva_candidate_window_get_property;
  object_class->set_property = viva_candidate_window_set_property;

  /**
   * VivaCandidateWindow:context:
   *
   * Where the open bank is, to show the question as it writes it.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         VIVA_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_INTERVIEW] =
    g_param_spec_object ("interview", NULL, NULL,
                         VIVA_TYPE_INTERVIEW,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-candidate-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaCandidateWindow, heading_label);
  gtk_widget_class_bind_template_child (widget_class, VivaCandidateWindow, question_label);

  /* Closing it from the keyboard, as any secondary window. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
viva_candidate_window_init (VivaCandidateWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->context_signals = g_signal_group_new (VIVA_TYPE_CONTEXT);
  g_signal_group_connect_object (self->context_signals, "notify::bank",
                                 G_CALLBACK (viva_candidate_window_bank_changed_cb),
                                 self, G_CONNECT_SWAPPED);

  self->signals = g_signal_group_new (VIVA_TYPE_INTERVIEW);
  g_signal_group_connect_swapped (self->signals, "notify::current",
                                  G_CALLBACK (viva_candidate_window_update), self);
  g_signal_group_connect_swapped (self->signals, "notify::state",
                                  G_CALLBACK (viva_candidate_window_update), self);
  g_signal_group_connect_swapped (self->signals, "items-changed",
                                  G_CALLBACK (viva_candidate_window_update), self);

  viva_candidate_window_update (self);
}

VivaCandidateWindow *
viva_candidate_window_new (VivaContext   *context,
                           VivaInterview *interview)
{
  g_return_val_if_fail (context == NULL || VIVA_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (interview == NULL || VIVA_IS_INTERVIEW (interview), NULL);

  return g_object_new (VIVA_TYPE_CANDIDATE_WINDOW,
                       "context", context,
                       "interview", interview,
                       NULL);
}

VivaInterview *
viva_candidate_window_get_interview (VivaCandidateWindow *self)
{
  g_return_val_if_fail (VIVA_IS_CANDIDATE_WINDOW (self), NULL);

  return self->interview;
}

void
viva_candidate_window_set_interview (VivaCandidateWindow *self,
                                     VivaInterview       *interview)
{
  g_return_if_fail (VIVA_IS_CANDIDATE_WINDOW (self));
  g_return_if_fail (interview == NULL || VIVA_IS_INTERVIEW (interview));

  if (!g_set_object (&self->interview, interview))
    return;

  g_signal_group_set_target (self->signals, interview);
  viva_candidate_window_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVIEW]);
}

/* The question as the candidate sees it, without its markup, for tests. */
const char *
viva_candidate_window_get_text (VivaCandidateWindow *self)
{
  g_return_val_if_fail (VIVA_IS_CANDIDATE_WINDOW (self), NULL);

  return gtk_label_get_text (self->question_label);
}

/* The label itself, to check how it reads, for tests. */
GtkLabel *
viva_candidate_window_get_question_label (VivaCandidateWindow *self)
{
  g_return_val_if_fail (VIVA_IS_CANDIDATE_WINDOW (self), NULL);

  return self->question_label;
}
