/* viva-scratchpad.c
 *
 * A question's Python scratchpad in the study view: an editor that first
 * holds the question's code (viva_code_extract_from_question()) and then
 * the user's (the note's "code", saved with the notes), Run and Stop, the
 * output as the interactive interpreter shows it (the runner's REPL
 * driver), streamed as it comes, and a line saying which Python runs it
 * and whether in the sandbox, or why it cannot run and what to do.
 *
 * Predict, then run: "Your answer" (the note's "prediction") is compared
 * with the output once a run ends (viva_scratchpad_prediction_matches()),
 * and the user may count the result as a review grade, right = Good,
 * wrong = Again, in Review's schedule (viva_note_review()). Nothing is
 * graded without that click.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "viva-code-extract.h"
#include "viva-note.h"
#include "viva-question.h"
#include "viva-scheduler.h"
#include "viva-scratchpad.h"

struct _VivaScratchpad
{
  GtkWidget         parent_instance;

  /* Owned */
  VivaPythonRunner *runner;
  VivaQuestion     *question;
  VivaNote         *note;
  GCancellable     *cancellable;
  GSignalGroup     *runner_signals;
  GtkTextTag       *error_tag;
  char             *verdict;

  /* Template widgets */
  GtkButton        *run_button;
  GtkButton        *stop_button;
  GtkLabel         *info_label;
  GtkSourceView    *code_view;
  GtkEntry         *prediction_entry;
  GtkTextView      *output_view;
  GtkLabel         *result_label;
  GtkBox           *verdict_box;
  GtkLabel         *verdict_label;
  GtkButton        *grade_button;

  VivaReviewGrade   offered_grade;
  guint             run_serial;
  guint             loading : 1;
  guint             read_only : 1;
  guint             probed : 1;
};

G_DEFINE_FINAL_TYPE (VivaScratchpad, viva_scratchpad, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RUNNER,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * viva_scratchpad_wants_question:
 * @question: a question
 *
 * Whether @question gets a scratchpad: it shows code, asks to write
 * some, or gives code to start from.
 */
gboolean
viva_scratchpad_wants_question (VivaQuestion *question)
{
  g_autofree char *code = NULL;

  g_return_val_if_fail (VIVA_IS_QUESTION (question), FALSE);

  if (viva_code_classify_question (question) &
      (VIVA_CODE_QUESTION_HAS_CODE | VIVA_CODE_QUESTION_ASKS_TO_WRITE))
    return TRUE;

  code = viva_code_extract_from_question (question);

  return code != NULL && code[0] != '\0';
}

/**
 * viva_scratchpad_prediction_matches:
 * @prediction: what the user said Python would show
 * @output: what it showed (stdout)
 *
 * The prediction is right when, white space at both ends left out of
 * each, it is the whole output or the output's last non-empty line (the
 * value of the last expression, or what was printed last). Everything
 * else counts, quotes included: a string is written as Python's repr()
 * shows it, 'rog' and not rog or "rog".
 */
gboolean
viva_scratchpad_prediction_matches (const char *prediction,
                                    const char *output)
{
  g_autofree char *want = NULL;
  g_autofree char *got = NULL;
  const char *last;

  g_return_val_if_fail (prediction != NULL, FALSE);
  g_return_val_if_fail (output != NULL, FALSE);

  want = g_strstrip (g_strdup (prediction));
  got = g_strstrip (g_strdup (output));

  if (want[0] == '\0')
    return FALSE;

  if (strcmp (want, got) == 0)
    return TRUE;

  last = strrchr (got, '\n');
  if (last == NULL)
    return FALSE;

  return strcmp (want, g_strstrip ((char *) last + 1)) == 0;
}

static void
viva_scratchpad_update_style_scheme (VivaScratchpad *self)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->code_view));
  const char *id = adw_style_manager_get_dark (adw_style_manager_get_default ()) ? "Adwaita-dark" : "Adwaita";

  gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (buffer),
                                      gtk_source_style_scheme_manager_get_scheme (schemes, id));
}

gboolean
viva_scratchpad_get_running (VivaScratchpad *self)
{
  g_return_val_if_fail (VIVA_IS_SCRATCHPAD (self), FALSE);

  return self->cancellable != NULL;
}

static void
viva_scratchpad_update_actions (VivaScratchpad *self)
{
  gboolean running = self->cancellable != NULL;
  gboolean can_run = self->runner != NULL &&
                     viva_python_runner_get_status (self->runner) != VIVA_PYTHON_RUNNER_PROBING &&
                     viva_python_runner_get_can_run (self->runner);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scratchpad.run", can_run && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scratchpad.stop", running);
}

static void
viva_scratchpad_update_info (VivaScratchpad *self)
{
  g_autofree char *text = NULL;
  const char *version;

  if (self->runner == NULL)
    text = g_strdup (_("Python is not available here."));
  else
    {
      switch (viva_python_runner_get_status (self->runner))
        {
        case VIVA_PYTHON_RUNNER_UNKNOWN:
        case VIVA_PYTHON_RUNNER_PROBING:
          text = g_strdup (_("Looking for Python…"));
          break;

        case VIVA_PYTHON_RUNNER_READY:
        case VIVA_PYTHON_RUNNER_UNAVAILABLE:
        default:
          version = viva_python_runner_get_python_version (self->runner);
          if (!viva_python_runner_get_can_run (self->runner))
            {
              const char *problem = viva_python_runner_get_problem (self->runner);

              text = g_strdup (problem != NULL && problem[0] != '\0'
                               ? problem
                               : _("Python cannot run here."));
            }
          else if (viva_python_runner_get_sandboxed (self->runner))
            /* Translators: "Python 3.11.2, in a sandbox: no network, no access to your files" */
            text = g_strdup_printf (_("Python %s, in a sandbox: no network, no access to your files"),
                                    version != NULL ? version : "3");
          else
            /* Translators: "Python 3.11.2, without the sandbox…" */
            text = g_strdup_printf (_("Python %s, without the sandbox: code runs with all your rights"),
                                    version != NULL ? version : "3");
          break;
        }
    }

  gtk_label_set_text (self->info_label, text);
  viva_scratchpad_update_actions (self);
}

static void
viva_scratchpad_probe_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(VivaScratchpad) self = user_data;

  /* The problem, if any, is the runner's "problem" property. */
  viva_python_runner_probe_finish (VIVA_PYTHON_RUNNER (object), result, NULL);
  viva_scratchpad_update_info (self);
}

/* Whether Python and the sandbox work is known before the first Run, so
 * that Run can say it cannot. Not before the scratchpad first shows:
 * the probe starts a sandbox, which Viva's start-up need not wait for. */
static void
viva_scratchpad_probe (VivaScratchpad *self)
{
  if (self->runner != NULL &&
      viva_python_runner_get_status (self->runner) == VIVA_PYTHON_RUNNER_UNKNOWN)
    viva_python_runner_probe_async (self->runner, NULL, viva_scratchpad_probe_cb, g_object_ref (self));
}

static void
viva_scratchpad_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (viva_scratchpad_parent_class)->map (widget);

  viva_scratchpad_probe (VIVA_SCRATCHPAD (widget));
}

static void
viva_scratchpad_runner_notify_cb (VivaScratchpad   *self,
                                  GParamSpec       *pspec,
                                  VivaPythonRunner *runner)
{
  viva_scratchpad_update_info (self);
}

/* Which run a callback is for: a run the user stopped by going to
 * another question must not write into that question's output. */
typedef struct
{
  VivaScratchpad *self;
  guint           serial;
} RunData;

static RunData *
run_data_new (VivaScratchpad *self)
{
  RunData *data = g_new0 (RunData, 1);

  data->self = g_object_ref (self);
  data->serial = self->run_serial;

  return data;
}

static void
run_data_free (gpointer p)
{
  RunData *data = p;

  g_object_unref (data->self);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RunData, run_data_free)

static void
viva_scratchpad_clear_output (VivaScratchpad *self)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->output_view), "", -1);
  gtk_label_set_text (self->result_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_box), FALSE);
  g_clear_pointer (&self->verdict, g_free);
}

static void
viva_scratchpad_output_cb (VivaRunStream  stream,
                           const char    *text,
                           gpointer       user_data)
{
  RunData *data = user_data;
  VivaScratchpad *self = data->self;
  GtkTextBuffer *buffer;
  GtkTextIter end;

  if (data->serial != self->run_serial || self->output_view == NULL)
    return;

  buffer = gtk_text_view_get_buffer (self->output_view);
  gtk_text_buffer_get_end_iter (buffer, &end);
  if (stream == VIVA_RUN_STREAM_STDERR)
    gtk_text_buffer_insert_with_tags (buffer, &end, text, -1, self->error_tag, NULL);
  else
    gtk_text_buffer_insert (buffer, &end, text, -1);
}

static void
viva_scratchpad_show_verdict (VivaScratchpad *self,
                              VivaRunResult  *result)
{
  const char *prediction = gtk_editable_get_text (GTK_EDITABLE (self->prediction_entry));
  g_autofree char *output = NULL;
  g_autofree char *want = NULL;
  gboolean right;

  want = g_strstrip (g_strdup (prediction));
  if (want[0] == '\0' || viva_run_result_get_end (result) != VIVA_RUN_EXITED)
    return;

  output = viva_run_result_dup_stream (result, VIVA_RUN_STREAM_STDOUT);
  right = viva_scratchpad_prediction_matches (want, output);

  g_free (self->verdict);
  if (right)
    /* Translators: the user predicted the output and it was right. */
    self->verdict = g_strdup_printf (_("Right: Python shows %s too."), want);
  else
    /* Translators: the user predicted the output and it was wrong. */
    self->verdict = g_strdup_printf (_("Not what Python shows: you said %s."), want);

  gtk_label_set_text (self->verdict_label, self->verdict);
  self->offered_grade = right ? VIVA_REVIEW_GRADE_GOOD : VIVA_REVIEW_GRADE_AGAIN;
  gtk_button_set_label (self->grade_button,
                        right ? _("Count as Good") : _("Count as Again"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grade_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  right ? _("Count as a review graded Good")
                                        : _("Count as a review graded Again"),
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->grade_button),
                               _("Record this in your review schedule, as a grade given in Review"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->grade_button), self->note != NULL && !self->read_only);
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_box), TRUE);
}

static void
viva_scratchpad_run_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(RunData) data = user_data;
  VivaScratchpad *self = data->self;
  g_autoptr(VivaRunResult) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  run = viva_python_runner_run_finish (VIVA_PYTHON_RUNNER (object), result, &error);

  /* Disposed, or another question replaced the run: nothing to show. */
  if (data->serial != self->run_serial || self->cancellable == NULL)
    return;

  g_clear_object (&self->cancellable);

  if (run == NULL)
    gtk_label_set_text (self->result_label, error->message);
  else
    {
      summary = viva_run_result_dup_summary (run);
      gtk_label_set_text (self->result_label, summary);
      viva_scratchpad_show_verdict (self, run);
    }

  viva_scratchpad_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
viva_scratchpad_run (VivaScratchpad *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->code_view));
  g_autoptr(VivaRunRequest) request = NULL;
  g_autofree char *code = NULL;
  GtkTextIter start, end;

  if (self->runner == NULL || self->cancellable != NULL ||
      !viva_python_runner_get_can_run (self->runner))
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  code = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  request = viva_run_request_new_repl (code);

  viva_scratchpad_clear_output (self);
  gtk_label_set_text (self->result_label, _("Running…"));
  self->cancellable = g_cancellable_new ();
  self->run_serial++;

  viva_python_runner_run_async (self->runner, request,
                                viva_scratchpad_output_cb, run_data_new (self), run_data_free,
                                self->cancellable,
                                viva_scratchpad_run_cb, run_data_new (self));

  viva_scratchpad_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
viva_scratchpad_stop (VivaScratchpad *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
viva_scratchpad_run_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  viva_scratchpad_run (VIVA_SCRATCHPAD (widget));
}

static void
viva_scratchpad_stop_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  viva_scratchpad_stop (VIVA_SCRATCHPAD (widget));
}

/* Ctrl+Enter is taken even when Run cannot run, so that it never
 * becomes a new line in the code. */
static gboolean
viva_scratchpad_run_shortcut_cb (GtkWidget *widget,
                                 GVariant  *args,
                                 gpointer   user_data)
{
  viva_scratchpad_run (VIVA_SCRATCHPAD (widget));

  return TRUE;
}

static void
viva_scratchpad_grade_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  VivaScratchpad *self = VIVA_SCRATCHPAD (widget);
  g_autofree char *text = NULL;

  if (self->note == NULL || self->read_only ||
      !gtk_widget_get_visible (GTK_WIDGET (self->verdict_box)))
    return;

  viva_note_grade (self->note, self->offered_grade, g_get_real_time ());

  text = g_strdup_printf (self->offered_grade == VIVA_REVIEW_GRADE_GOOD
                          ? _("%s Counted as a review graded Good.")
                          : _("%s Counted as a review graded Again."),
                          self->verdict != NULL ? self->verdict : "");
  gtk_label_set_text (self->verdict_label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->grade_button), FALSE);
}

static void
viva_scratchpad_code_changed_cb (VivaScratchpad *self,
                                 GtkTextBuffer  *buffer)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->loading || self->note == NULL || self->read_only)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  viva_note_set_code (self->note, text);
}

static void
viva_scratchpad_insert_text_cb (VivaScratchpad *self,
                                GtkTextIter    *location,
                                const char     *text,
                                int             len,
                                GtkTextBuffer  *buffer)
{
  GtkTextIter start, end;
  g_autofree char *current = NULL;

  if (self->loading)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  current = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  if (strlen (current) + (gsize) len > VIVA_NOTE_TEXT_MAX_SIZE)
    {
      g_signal_stop_emission_by_name (buffer, "insert-text");
      gtk_widget_error_bell (GTK_WIDGET (self->code_view));
      gtk_label_set_text (self->result_label, _("Code is limited to 1 MB per question"));
    }
}

static void
viva_scratchpad_prediction_changed_cb (VivaScratchpad *self,
                                       GtkEditable    *editable)
{
  const char *text = gtk_editable_get_text (editable);

  if (self->loading || self->note == NULL || self->read_only)
    return;

  if (strlen (text) <= VIVA_NOTE_PREDICTION_MAX_SIZE)
    viva_note_set_prediction (self->note, text);
}

static void
viva_scratchpad_dispose (GObject *object)
{
  VivaScratchpad *self = (VivaScratchpad *)object;
  GtkWidget *child;

  self->run_serial++;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->runner_signals != NULL)
    g_signal_group_set_target (self->runner_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_SCRATCHPAD);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  g_clear_object (&self->runner_signals);
  g_clear_object (&self->runner);
  g_clear_object (&self->question);
  g_clear_object (&self->note);
  self->error_tag = NULL;

  G_OBJECT_CLASS (viva_scratchpad_parent_class)->dispose (object);
}

static void
viva_scratchpad_finalize (GObject *object)
{
  VivaScratchpad *self = (VivaScratchpad *)object;

  g_free (self->verdict);

  G_OBJECT_CLASS (viva_scratchpad_parent_class)->finalize (object);
}

static void
viva_scratchpad_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VivaScratchpad *self = VIVA_SCRATCHPAD (object);

  switch (prop_id)
    {
    case PROP_RUNNER:
      g_value_set_object (value, self->runner);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_scratchpad_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  VivaScratchpad *self = VIVA_SCRATCHPAD (object);

  switch (prop_id)
    {
    case PROP_RUNNER:
      viva_scratchpad_set_runner (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_scratchpad_class_init (VivaScratchpadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_scratchpad_dispose;
  object_class->finalize = viva_scratchpad_finalize;
  object_class->get_property = viva_scratchpad_get_property;
  object_class->set_property = viva_scratchpad_set_property;

  widget_class->map = viva_scratchpad_map;

  properties[PROP_RUNNER] =
    g_param_spec_object ("runner", NULL, NULL,
                         VIVA_TYPE_PYTHON_RUNNER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "scratchpad.run", NULL, viva_scratchpad_run_action);
  gtk_widget_class_install_action (widget_class, "scratchpad.stop", NULL, viva_scratchpad_stop_action);
  gtk_widget_class_install_action (widget_class, "scratchpad.grade", NULL, viva_scratchpad_grade_action);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-scratchpad.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaScratchpad, run_button);
  gtk_widget_class_bind_template_child (widget_class, VivaScratchpad, stop_button);
  gtk_widget_class_bind_template_child (widget_class, VivaScratchpad, info_label);
  gtk_widget_class_bind_template_child (widget_class, VivaScratchpad, code_view);
  gtk_widget_class_bind_template_child (widget_class, VivaScratchpad, prediction_entry);
  gtk_widget_class_bind_template_child (widget_class, VivaScratchpad, output_view);
  gtk_widget_class_bind_template_child (widget_class, VivaScratchpad, result_label);
  gtk_widget_class_bind_template_child (widget_class, VivaScratchpad, verdict_box);
  gtk_widget_class_bind_template_child (widget_class, VivaScratchpad, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, VivaScratchpad, grade_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vivascratchpad");
}

static void
viva_scratchpad_init (VivaScratchpad *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkEventController *shortcuts;
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Ctrl+Enter runs, in the editor too: caught before the text view,
   * which would take it for a new line. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                                                          gtk_callback_action_new (viva_scratchpad_run_shortcut_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->code_view));
  gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (buffer),
                                  gtk_source_language_manager_get_language (languages, "python3"));
  gtk_source_buffer_set_highlight_syntax (GTK_SOURCE_BUFFER (buffer), TRUE);
  g_signal_connect_object (buffer, "insert-text",
                           G_CALLBACK (viva_scratchpad_insert_text_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "changed",
                           G_CALLBACK (viva_scratchpad_code_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->prediction_entry, "changed",
                           G_CALLBACK (viva_scratchpad_prediction_changed_cb),
                           self, G_CONNECT_SWAPPED);

  self->error_tag = gtk_text_buffer_create_tag (gtk_text_view_get_buffer (self->output_view),
                                                "viva-stderr",
                                                "foreground", "#e01b24",
                                                NULL);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (viva_scratchpad_update_style_scheme),
                           self, G_CONNECT_SWAPPED);
  viva_scratchpad_update_style_scheme (self);

  self->runner_signals = g_signal_group_new (VIVA_TYPE_PYTHON_RUNNER);
  g_signal_group_connect_object (self->runner_signals, "notify",
                                 G_CALLBACK (viva_scratchpad_runner_notify_cb),
                                 self, G_CONNECT_SWAPPED);

  viva_scratchpad_update_info (self);
}

VivaPythonRunner *
viva_scratchpad_get_runner (VivaScratchpad *self)
{
  g_return_val_if_fail (VIVA_IS_SCRATCHPAD (self), NULL);

  return self->runner;
}

void
viva_scratchpad_set_runner (VivaScratchpad   *self,
                            VivaPythonRunner *runner)
{
  g_return_if_fail (VIVA_IS_SCRATCHPAD (self));
  g_return_if_fail (!runner || VIVA_IS_PYTHON_RUNNER (runner));

  if (!g_set_object (&self->runner, runner))
    return;

  g_signal_group_set_target (self->runner_signals, runner);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    viva_scratchpad_probe (self);

  viva_scratchpad_update_info (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNER]);
}

/**
 * viva_scratchpad_set_question:
 * @self: a scratchpad
 * @question: (nullable): the question shown
 * @note: (nullable): its note, where the code and prediction are kept
 *
 * Shows the user's code for @question, or the question's own code when
 * the user kept none. A run still going stops: its output belonged to
 * the previous question.
 */
void
viva_scratchpad_set_question (VivaScratchpad *self,
                              VivaQuestion   *question,
                              VivaNote       *note)
{
  GtkTextBuffer *buffer;
  g_autofree char *extracted = NULL;
  const char *code = "";
  const char *prediction = "";
  GtkTextIter start;

  g_return_if_fail (VIVA_IS_SCRATCHPAD (self));
  g_return_if_fail (!question || VIVA_IS_QUESTION (question));
  g_return_if_fail (!note || VIVA_IS_NOTE (note));

  if (self->question == question && self->note == note)
    return;

  g_set_object (&self->question, question);
  g_set_object (&self->note, note);

  self->run_serial++;
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
    }
  viva_scratchpad_clear_output (self);

  if (note != NULL && viva_note_get_has_code (note))
    code = viva_note_get_code (note);
  else if (question != NULL)
    {
      extracted = viva_code_extract_from_question (question);
      if (extracted != NULL)
        code = extracted;
    }

  if (note != NULL && viva_note_get_prediction (note) != NULL)
    prediction = viva_note_get_prediction (note);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->code_view));

  /* Loading is not an edit: the note stays as it is until the user
   * types, and undo never crosses into another question's code. */
  self->loading = TRUE;
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, code, -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_editable_set_text (GTK_EDITABLE (self->prediction_entry), prediction);
  self->loading = FALSE;

  viva_scratchpad_update_actions (self);
}

/**
 * viva_scratchpad_set_editable:
 * @self: a scratchpad
 * @editable: whether the code and the prediction can change
 *
 * When the notes are read-only (written by a newer Viva), the code and
 * the prediction stay as they are and nothing is graded; the code can
 * still run.
 */
void
viva_scratchpad_set_editable (VivaScratchpad *self,
                              gboolean        editable)
{
  g_return_if_fail (VIVA_IS_SCRATCHPAD (self));

  self->read_only = !editable;
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->code_view), editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->prediction_entry), editable);
  if (!editable)
    gtk_widget_set_sensitive (GTK_WIDGET (self->grade_button), FALSE);
}

char *
viva_scratchpad_dup_output (VivaScratchpad *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (VIVA_IS_SCRATCHPAD (self), NULL);

  buffer = gtk_text_view_get_buffer (self->output_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

const char *
viva_scratchpad_get_info (VivaScratchpad *self)
{
  g_return_val_if_fail (VIVA_IS_SCRATCHPAD (self), NULL);

  return gtk_label_get_text (self->info_label);
}

const char *
viva_scratchpad_get_verdict (VivaScratchpad *self)
{
  g_return_val_if_fail (VIVA_IS_SCRATCHPAD (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->verdict_box)))
    return NULL;

  return gtk_label_get_text (self->verdict_label);
}

/* How the last run ended ("Finished.", "Stopped."...), or why it could
 * not start. */
const char *
viva_scratchpad_get_result (VivaScratchpad *self)
{
  g_return_val_if_fail (VIVA_IS_SCRATCHPAD (self), NULL);

  return gtk_label_get_text (self->result_label);
}

GtkTextView *
viva_scratchpad_get_code_view (VivaScratchpad *self)
{
  g_return_val_if_fail (VIVA_IS_SCRATCHPAD (self), NULL);

  return GTK_TEXT_VIEW (self->code_view);
}

GtkEditable *
viva_scratchpad_get_prediction_entry (VivaScratchpad *self)
{
  g_return_val_if_fail (VIVA_IS_SCRATCHPAD (self), NULL);

  return GTK_EDITABLE (self->prediction_entry);
}
