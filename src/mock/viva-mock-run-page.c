/* viva-mock-run-page.c
 *
 * One question of a running mock interview, large, with the countdown,
 * the interview's totals and the answer box; for a coding question, a
 * code pad (Run, Run Tests) in its place. The page only shows what the
 * timer says; VivaMockView decides what happens and keeps the code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>
#include <string.h>

#include "viva-code-pad.h"
#include "viva-context.h"
#include "viva-mock-run-page.h"
#include "viva-mock-session.h"
#include "viva-mock-timer.h"

struct _VivaMockRunPage
{
  GtkWidget      parent_instance;

  /* Owned */
  VivaMockTimer *timer;

  /* Template widgets */
  GtkLabel      *progress_label;
  GtkLabel      *total_label;
  GtkLabel      *countdown_label;
  GtkRevealer   *alert_revealer;
  GtkLabel      *alert_label;
  GtkLabel      *question_label;
  GtkLabel      *context_label;
  GtkLabel      *answer_heading;
  GtkWidget     *answer_window;
  GtkSourceView *answer_view;
  GtkLabel      *code_heading;
  VivaCodePad   *code_pad;
  GtkButton     *pause_button;

  guint          language_idle;
  guint          loading : 1;
  guint          loading_code : 1;
};

G_DEFINE_FINAL_TYPE (VivaMockRunPage, viva_mock_run_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  ANSWER_CHANGED,
  CODE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];

static guint signals[N_SIGNALS];

static void
viva_mock_run_page_update_style_scheme (VivaMockRunPage *self)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->answer_view));
  const char *id = adw_style_manager_get_dark (adw_style_manager_get_default ()) ? "Adwaita-dark" : "Adwaita";

  gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (buffer),
                                      gtk_source_style_scheme_manager_get_scheme (schemes, id));
}

/* The session refuses an answer over VIVA_MOCK_ANSWER_MAX_SIZE; stop the
 * typing before that, so what is on screen is always what is saved. */
static void
viva_mock_run_page_insert_text_cb (VivaMockRunPage *self,
                                   GtkTextIter     *location,
                                   const char      *text,
                                   int              len,
                                   GtkTextBuffer   *buffer)
{
  GtkTextIter start, end;
  g_autofree char *current = NULL;

  if (self->loading)
    return;

  /* Cheap bound first: a character is at most 4 bytes. */
  if ((gsize) gtk_text_buffer_get_char_count (buffer) * 4 + (gsize) len <= VIVA_MOCK_ANSWER_MAX_SIZE)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  current = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);

  if (strlen (current) + (gsize) len > VIVA_MOCK_ANSWER_MAX_SIZE)
    {
      g_signal_stop_emission_by_name (buffer, "insert-text");
      gtk_widget_error_bell (GTK_WIDGET (self->answer_view));
    }
}

static void
viva_mock_run_page_buffer_changed_cb (VivaMockRunPage *self,
                                      GtkTextBuffer   *buffer)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->loading)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  g_signal_emit (self, signals[ANSWER_CHANGED], 0, text);
}

static void
viva_mock_run_page_code_changed_cb (VivaMockRunPage *self,
                                    GtkTextBuffer   *buffer)
{
  g_autofree char *code = NULL;

  if (self->loading_code)
    return;

  code = viva_code_pad_dup_code (self->code_pad);
  g_signal_emit (self, signals[CODE_CHANGED], 0, code);
}

static gboolean
viva_mock_run_page_set_language_cb (gpointer data)
{
  VivaMockRunPage *self = data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->answer_view));

  self->language_idle = 0;
  gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (buffer),
                                  gtk_source_language_manager_get_language (gtk_source_language_manager_get_default (),
                                                                            "markdown"));

  return G_SOURCE_REMOVE;
}

/* As in VivaQuestionView: the Markdown language is costly to load, and
 * this page is built with the window, so it loads once the page shows. */
static void
viva_mock_run_page_map (GtkWidget *widget)
{
  VivaMockRunPage *self = VIVA_MOCK_RUN_PAGE (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->answer_view));

  GTK_WIDGET_CLASS (viva_mock_run_page_parent_class)->map (widget);

  if (self->language_idle == 0 && gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (buffer)) == NULL)
    self->language_idle = g_idle_add_full (G_PRIORITY_LOW, viva_mock_run_page_set_language_cb, self, NULL);
}

static void
viva_mock_run_page_dispose (GObject *object)
{
  VivaMockRunPage *self = (VivaMockRunPage *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->language_idle, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_MOCK_RUN_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  g_clear_object (&self->timer);

  G_OBJECT_CLASS (viva_mock_run_page_parent_class)->dispose (object);
}

static void
viva_mock_run_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  VivaMockRunPage *self = VIVA_MOCK_RUN_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, viva_code_pad_get_context (self->code_pad));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_mock_run_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  VivaMockRunPage *self = VIVA_MOCK_RUN_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      if (viva_code_pad_get_context (self->code_pad) != g_value_get_object (value))
        {
          viva_code_pad_set_context (self->code_pad, g_value_get_object (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_mock_run_page_class_init (VivaMockRunPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_mock_run_page_dispose;
  object_class->get_property = viva_mock_run_page_get_property;
  object_class->set_property = viva_mock_run_page_set_property;
  widget_class->map = viva_mock_run_page_map;

  /**
   * VivaMockRunPage:context:
   *
   * Runs the code pad's code (the runner, the time limit).
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         VIVA_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VivaMockRunPage::answer-changed:
   * @text: the whole answer
   *
   * The user edited the answer.
   */
  signals[ANSWER_CHANGED] =
    g_signal_new ("answer-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * VivaMockRunPage::code-changed:
   * @code: the whole code
   *
   * The user edited a coding question's code.
   */
  signals[CODE_CHANGED] =
    g_signal_new ("code-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (VIVA_TYPE_CODE_PAD);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-mock-run-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaMockRunPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, VivaMockRunPage, total_label);
  gtk_widget_class_bind_template_child (widget_class, VivaMockRunPage, countdown_label);
  gtk_widget_class_bind_template_child (widget_class, VivaMockRunPage, alert_revealer);
  gtk_widget_class_bind_template_child (widget_class, VivaMockRunPage, alert_label);
  gtk_widget_class_bind_template_child (widget_class, VivaMockRunPage, question_label);
  gtk_widget_class_bind_template_child (widget_class, VivaMockRunPage, context_label);
  gtk_widget_class_bind_template_child (widget_class, VivaMockRunPage, answer_heading);
  gtk_widget_class_bind_template_child (widget_class, VivaMockRunPage, answer_window);
  gtk_widget_class_bind_template_child (widget_class, VivaMockRunPage, answer_view);
  gtk_widget_class_bind_template_child (widget_class, VivaMockRunPage, code_heading);
  gtk_widget_class_bind_template_child (widget_class, VivaMockRunPage, code_pad);
  gtk_widget_class_bind_template_child (widget_class, VivaMockRunPage, pause_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vivamockrunpage");
}

static void
viva_mock_run_page_init (VivaMockRunPage *self)
{
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->answer_view));
  g_signal_connect_object (buffer, "insert-text",
                           G_CALLBACK (viva_mock_run_page_insert_text_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "changed",
                           G_CALLBACK (viva_mock_run_page_buffer_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viva_code_pad_get_buffer (self->code_pad), "changed",
                           G_CALLBACK (viva_mock_run_page_code_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_label_set_mnemonic_widget (self->code_heading, GTK_WIDGET (viva_code_pad_get_view (self->code_pad)));
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (viva_mock_run_page_update_style_scheme),
                           self, G_CONNECT_SWAPPED);
  viva_mock_run_page_update_style_scheme (self);
}

/**
 * viva_mock_run_page_show_question:
 * @markup: the question, as Pango markup
 * @context: "Level 3: Hard · Generators, Iterators, and Decorators"
 * @answer: what was typed for it so far
 *
 * Shows the timer's current question.
 */
void
viva_mock_run_page_show_question (VivaMockRunPage *self,
                                  VivaMockTimer   *timer,
                                  const char      *markup,
                                  const char      *context,
                                  const char      *answer,
                                  gboolean         editable)
{
  GtkTextBuffer *buffer;

  g_return_if_fail (VIVA_IS_MOCK_RUN_PAGE (self));
  g_return_if_fail (VIVA_IS_MOCK_TIMER (timer));

  g_set_object (&self->timer, timer);

  gtk_label_set_markup (self->question_label, markup ? markup : "");
  gtk_label_set_text (self->context_label, context ? context : "");

  /* Each question has its own answer: no undo across them. */
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->answer_view));
  self->loading = TRUE;
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, answer ? answer : "", -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  self->loading = FALSE;
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->answer_view), editable);

  viva_mock_run_page_show_time_up (self, FALSE);
  viva_mock_run_page_update_clock (self);
}

/* Recomputes every figure from the timer: called on each tick, so nothing
 * here keeps a count of its own. */
void
viva_mock_run_page_update_clock (VivaMockRunPage *self)
{
  g_autofree char *progress = NULL;
  g_autofree char *countdown = NULL;
  g_autofree char *total = NULL;
  g_autofree char *elapsed = NULL;
  g_autofree char *left = NULL;
  g_autofree char *accessible = NULL;
  VivaMockTimerPhase phase;
  gint64 remaining;
  guint current, n;

  g_return_if_fail (VIVA_IS_MOCK_RUN_PAGE (self));

  if (self->timer == NULL)
    return;

  current = viva_mock_timer_get_current (self->timer);
  n = viva_mock_timer_get_n_questions (self->timer);
  /* Translators: "Question 3 of 10" in a mock interview. */
  progress = g_strdup_printf (_("Question %u of %u"), MIN (current + 1, n), n);
  gtk_label_set_text (self->progress_label, progress);

  /* The big figure counts down this question's budget, or the whole
   * interview's when there is one total. */
  if (viva_mock_timer_get_budget (self->timer, current) > 0)
    remaining = viva_mock_timer_get_remaining (self->timer);
  else
    remaining = viva_mock_timer_get_total_remaining (self->timer);

  if (remaining >= 0)
    countdown = viva_mock_timer_format (remaining);
  else
    {
      g_autofree char *over = viva_mock_timer_format (-remaining);

      /* Translators: overtime, counting up, e.g. "+01:20". */
      countdown = g_strdup_printf (_("+%s"), over);
    }
  gtk_label_set_text (self->countdown_label, countdown);

  phase = viva_mock_timer_get_phase (self->timer);
  gtk_widget_remove_css_class (GTK_WIDGET (self->countdown_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->countdown_label), "error");
  if (phase == VIVA_MOCK_TIMER_PHASE_WARNING)
    gtk_widget_add_css_class (GTK_WIDGET (self->countdown_label), "warning");
  else if (phase == VIVA_MOCK_TIMER_PHASE_OVERTIME)
    gtk_widget_add_css_class (GTK_WIDGET (self->countdown_label), "error");

  elapsed = viva_mock_timer_format (viva_mock_timer_get_elapsed (self->timer));
  if (viva_mock_timer_get_total_budget (self->timer) > 0)
    {
      gint64 total_remaining = viva_mock_timer_get_total_remaining (self->timer);

      left = viva_mock_timer_format (ABS (total_remaining));
      if (total_remaining >= 0)
        /* Translators: the interview's totals: time left, time elapsed. */
        total = g_strdup_printf (_("%s left · %s elapsed"), left, elapsed);
      else
        total = g_strdup_printf (_("%s over · %s elapsed"), left, elapsed);
    }
  else
    total = g_strdup_printf (_("%s elapsed"), elapsed);
  gtk_label_set_text (self->total_label, total);

  if (viva_mock_timer_get_state (self->timer) == VIVA_MOCK_TIMER_STATE_PAUSED)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->countdown_label), "dim-label");
      gtk_button_set_label (self->pause_button, _("_Resume"));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->countdown_label), "dim-label");
      gtk_button_set_label (self->pause_button, _("_Pause"));
    }
}

void
viva_mock_run_page_show_time_up (VivaMockRunPage *self,
                                 gboolean         time_up)
{
  g_return_if_fail (VIVA_IS_MOCK_RUN_PAGE (self));

  if (time_up)
    gtk_label_set_text (self->alert_label,
                        _("Time is up for this question. Wrap up and move on when you are ready."));
  gtk_revealer_set_reveal_child (self->alert_revealer, time_up);
}

const char *
viva_mock_run_page_get_countdown (VivaMockRunPage *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_RUN_PAGE (self), NULL);

  return gtk_label_get_text (self->countdown_label);
}

GtkTextView *
viva_mock_run_page_get_answer_view (VivaMockRunPage *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_RUN_PAGE (self), NULL);

  return GTK_TEXT_VIEW (self->answer_view);
}

void
viva_mock_run_page_focus_answer (VivaMockRunPage *self)
{
  g_return_if_fail (VIVA_IS_MOCK_RUN_PAGE (self));

  if (gtk_widget_get_visible (GTK_WIDGET (self->code_pad)))
    gtk_widget_grab_focus (GTK_WIDGET (viva_code_pad_get_view (self->code_pad)));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->answer_view));
}

/**
 * viva_mock_run_page_show_code:
 * @coding: whether the question is a coding question: its answer is
 *   then the code pad, with Run Tests
 * @challenge: (nullable): its challenge, whose cases Run Tests runs
 * @code: (nullable): the code to show: the user's, or the starter
 * @output: (nullable): the output of its last run, to show again
 * @results: (nullable): the results of its last Run Tests
 * @editable: whether the code can change
 *
 * Shows the current question's code pad, after
 * viva_mock_run_page_show_question(): any run of the previous question
 * is forgotten. The typed answer box stays for a coding question that
 * has a typed answer (from before it had a code pad).
 */
void
viva_mock_run_page_show_code (VivaMockRunPage      *self,
                              gboolean              coding,
                              VivaChallenge        *challenge,
                              const char           *code,
                              const char           *output,
                              VivaChallengeResults *results,
                              gboolean              editable)
{
  GtkTextBuffer *answer;
  gboolean has_answer;

  g_return_if_fail (VIVA_IS_MOCK_RUN_PAGE (self));
  g_return_if_fail (challenge == NULL || VIVA_IS_CHALLENGE (challenge));

  answer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->answer_view));
  has_answer = gtk_text_buffer_get_char_count (answer) > 0;

  viva_code_pad_clear (self->code_pad);

  self->loading_code = TRUE;
  viva_code_pad_set_challenge (self->code_pad, coding ? challenge : NULL);
  viva_code_pad_set_code (self->code_pad, coding && code ? code : "");
  self->loading_code = FALSE;
  viva_code_pad_set_editable (self->code_pad, editable);
  if (coding && (output != NULL || results != NULL))
    viva_code_pad_show_saved (self->code_pad, output, results);

  gtk_widget_set_visible (GTK_WIDGET (self->code_heading), coding);
  gtk_widget_set_visible (GTK_WIDGET (self->code_pad), coding);
  gtk_widget_set_visible (GTK_WIDGET (self->answer_heading), !coding || has_answer);
  gtk_widget_set_visible (self->answer_window, !coding || has_answer);
}

/* Whether the question shown has a code pad. */
gboolean
viva_mock_run_page_get_coding (VivaMockRunPage *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_RUN_PAGE (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->code_pad));
}

VivaCodePad *
viva_mock_run_page_get_code_pad (VivaMockRunPage *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_RUN_PAGE (self), NULL);

  return self->code_pad;
}
