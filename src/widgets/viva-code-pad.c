/* viva-code-pad.c
 *
 * The Python editor every page that takes code shares (the study view's
 * scratchpad, a mock interview's code answer, the interviewer's live
 * page): the editor, Run and Stop, the output as the interactive
 * interpreter shows it, streamed as it comes, a line saying which Python
 * runs it and whether in the sandbox (or why it cannot run and what to
 * do), and Run Tests with one row per test case.
 *
 * Everything comes from the context: its runner, probed the first time
 * a pad shows, so that Run can say it cannot before the user tries. The
 * pad keeps nothing: its owner saves the code when the buffer changes,
 * and the output and results when "run-finished" and "tests-finished"
 * say a run ended.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <glib/gi18n.h>

#include "viva-challenge-run.h"
#include "viva-code-pad-private.h"
#include "viva-context.h"
#include "viva-note.h"
#include "viva-python-runner.h"

struct _VivaCodePad
{
  GtkWidget             parent_instance;

  /* Owned */
  VivaContext          *context;
  VivaPythonRunner     *runner;
  VivaChallenge        *challenge;
  GPtrArray            *own_cases;
  VivaChallengeResults *test_results;
  GCancellable         *cancellable;
  GSignalGroup         *runner_signals;
  GtkTextTag           *error_tag;

  /* Template widgets */
  GtkLabel             *info_label;
  GtkButton            *stop_button;
  GtkButton            *run_tests_button;
  GtkButton            *run_button;
  GtkSourceView        *code_view;
  GtkWidget            *output_window;
  GtkTextView          *output_view;
  GtkTextTag           *output_tag;
  GtkLabel             *result_label;
  GtkBox               *results_box;
  GtkLabel             *summary_label;
  GtkLabel             *load_error_label;
  GtkWidget            *results_window;
  GtkListBox           *results_list;

  guint                 run_serial;
  guint                 language_idle;
  guint                 tests : 1;
  guint                 editable : 1;
  guint                 testing : 1;
};

G_DEFINE_FINAL_TYPE (VivaCodePad, viva_code_pad, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_CHALLENGE,
  PROP_TESTS,
  PROP_EDITABLE,
  PROP_RUNNING,
  N_PROPS
};

enum {
  RUN_FINISHED,
  TESTS_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
viva_code_pad_new (void)
{
  return g_object_new (VIVA_TYPE_CODE_PAD, NULL);
}

static void
viva_code_pad_update_style_scheme (VivaCodePad *self)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->code_view));
  const char *id = adw_style_manager_get_dark (adw_style_manager_get_default ()) ? "Adwaita-dark" : "Adwaita";

  /* Not before the pad is first shown: see viva_code_pad_map(). */
  if (gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (buffer)) == NULL)
    return;

  gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (buffer),
                                      gtk_source_style_scheme_manager_get_scheme (schemes, id));
}

static gboolean
viva_code_pad_can_run (VivaCodePad *self)
{
  return self->runner != NULL &&
         viva_python_runner_get_status (self->runner) != VIVA_PYTHON_RUNNER_PROBING &&
         viva_python_runner_get_can_run (self->runner);
}

static void
viva_code_pad_update_actions (VivaCodePad *self)
{
  gboolean running = self->cancellable != NULL;
  gboolean can_run = viva_code_pad_can_run (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "code-pad.run", can_run && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "code-pad.run-tests",
                                 can_run && !running && self->tests);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "code-pad.stop", running);
}

static void
viva_code_pad_update_info (VivaCodePad *self)
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
  viva_code_pad_update_actions (self);
}

static void
viva_code_pad_probe_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(VivaCodePad) self = user_data;

  /* The problem, if any, is the runner's "problem" property. */
  viva_python_runner_probe_finish (VIVA_PYTHON_RUNNER (object), result, NULL);
  viva_code_pad_update_info (self);
}

/* Whether Python and the sandbox work is known before the first Run, so
 * that Run can say it cannot. Not before a pad first shows: the probe
 * starts a sandbox, which Viva's start-up need not wait for. */
static void
viva_code_pad_probe (VivaCodePad *self)
{
  if (self->runner != NULL &&
      viva_python_runner_get_status (self->runner) == VIVA_PYTHON_RUNNER_UNKNOWN)
    viva_python_runner_probe_async (self->runner, NULL, viva_code_pad_probe_cb, g_object_ref (self));
}

static gboolean
viva_code_pad_set_language_cb (gpointer data)
{
  VivaCodePad *self = data;
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->code_view));

  self->language_idle = 0;
  gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (buffer),
                                  gtk_source_language_manager_get_language (languages, "python3"));
  gtk_source_buffer_set_highlight_syntax (GTK_SOURCE_BUFFER (buffer), TRUE);
  viva_code_pad_update_style_scheme (self);

  return G_SOURCE_REMOVE;
}

static void
viva_code_pad_map (GtkWidget *widget)
{
  VivaCodePad *self = VIVA_CODE_PAD (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->code_view));

  GTK_WIDGET_CLASS (viva_code_pad_parent_class)->map (widget);

  viva_code_pad_probe (self);

  /* Python's language and the style schemes cost about 35 ms of CPU
   * (183 M instructions: GtkSourceView reads and validates the .lang
   * files), a sixth of a launch, and most launches never show a pad
   * before their first frame: they load when a pad is first shown,
   * after that frame, as the notes' Markdown does
   * (viva_question_view_map()). The code is coloured a moment later. */
  if (self->language_idle == 0 &&
      gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (buffer)) == NULL)
    self->language_idle = g_idle_add_full (G_PRIORITY_LOW,
                                           viva_code_pad_set_language_cb,
                                           self, NULL);
}

static void
viva_code_pad_runner_notify_cb (VivaCodePad      *self,
                                GParamSpec       *pspec,
                                VivaPythonRunner *runner)
{
  viva_code_pad_update_info (self);
}

/* Which run a callback is for: a run stopped because the owner showed
 * other code (another question) must not write into its output. */
typedef struct
{
  VivaCodePad *self;
  char        *code;
  guint        serial;
} RunData;

static RunData *
run_data_new (VivaCodePad *self,
              const char  *code)
{
  RunData *data = g_new0 (RunData, 1);

  data->self = g_object_ref (self);
  data->code = g_strdup (code);
  data->serial = self->run_serial;

  return data;
}

static void
run_data_free (gpointer p)
{
  RunData *data = p;

  g_object_unref (data->self);
  g_free (data->code);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RunData, run_data_free)

static void
viva_code_pad_clear_results (VivaCodePad *self)
{
  GtkWidget *row;

  g_clear_pointer (&self->test_results, viva_challenge_results_free);
  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))))
    gtk_list_box_remove (self->results_list, row);
  gtk_label_set_text (self->summary_label, "");
  gtk_label_set_text (self->load_error_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->load_error_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->results_box), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->result_label), TRUE);
}

/* Run shows its output, even none ("Finished." under an empty box says
 * the code printed nothing); a test run shows what loading the code
 * printed only when it printed something, above the results. */
static void
viva_code_pad_update_output_visible (VivaCodePad *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->output_view);

  gtk_widget_set_visible (self->output_window,
                          !self->testing || gtk_text_buffer_get_char_count (buffer) > 0);
}

static void
viva_code_pad_clear_output (VivaCodePad *self)
{
  /* Emptying an empty buffer emits no "changed": the box follows here. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->output_view), "", -1);
  viva_code_pad_update_output_visible (self);
  gtk_label_set_text (self->result_label, "");
  viva_code_pad_clear_results (self);
}

/* Cancels the run going on, if any, and forgets it: its callbacks find
 * another serial and show nothing. */
static void
viva_code_pad_abandon_run (VivaCodePad *self)
{
  self->run_serial++;
  if (self->cancellable == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  viva_code_pad_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
viva_code_pad_output_cb (VivaRunStream  stream,
                         const char    *text,
                         gpointer       user_data)
{
  RunData *data = user_data;
  VivaCodePad *self = data->self;
  GtkTextBuffer *buffer;
  GtkTextIter end;

  if (data->serial != self->run_serial || self->output_view == NULL)
    return;

  buffer = gtk_text_view_get_buffer (self->output_view);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert_with_tags (buffer, &end, text, -1,
                                    self->output_tag,
                                    stream == VIVA_RUN_STREAM_STDERR ? self->error_tag : NULL,
                                    NULL);
}

/* Ends a run: Run and Run Tests again, Stop no more. */
static void
viva_code_pad_run_ended (VivaCodePad *self)
{
  g_clear_object (&self->cancellable);
  viva_code_pad_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
viva_code_pad_run_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(RunData) data = user_data;
  VivaCodePad *self = data->self;
  g_autoptr(VivaRunResult) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *output = NULL;

  run = viva_python_runner_run_finish (VIVA_PYTHON_RUNNER (object), result, &error);

  /* Disposed, or other code replaced the run: nothing to show. */
  if (data->serial != self->run_serial || self->cancellable == NULL)
    return;

  if (run == NULL)
    gtk_label_set_text (self->result_label, error->message);
  else
    {
      summary = viva_run_result_dup_summary (run);
      gtk_label_set_text (self->result_label, summary);
    }

  viva_code_pad_run_ended (self);

  output = viva_code_pad_dup_output (self);
  g_signal_emit (self, signals[RUN_FINISHED], 0, data->code, output, run);
}

/**
 * viva_code_pad_run:
 * @self: a code pad
 *
 * Runs the code as the interactive interpreter would (each expression
 * statement's value shown), if Python can run and nothing runs yet.
 * "run-finished" tells when it ends.
 */
void
viva_code_pad_run (VivaCodePad *self)
{
  g_autoptr(VivaRunRequest) request = NULL;
  g_autofree char *code = NULL;

  g_return_if_fail (VIVA_IS_CODE_PAD (self));

  if (self->cancellable != NULL || !viva_code_pad_can_run (self))
    return;

  code = viva_code_pad_dup_code (self);
  request = viva_run_request_new_repl (code);

  self->testing = FALSE;
  viva_code_pad_clear_output (self);
  gtk_label_set_text (self->result_label, _("Running…"));
  self->cancellable = g_cancellable_new ();
  self->run_serial++;

  viva_python_runner_run_async (self->runner, request,
                                viva_code_pad_output_cb, run_data_new (self, NULL), run_data_free,
                                self->cancellable,
                                viva_code_pad_run_cb, run_data_new (self, code));

  viva_code_pad_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
viva_code_pad_show_results (VivaCodePad          *self,
                            VivaChallengeResults *results)
{
  g_autofree char *summary = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  viva_code_pad_clear_results (self);
  if (results == NULL)
    return;

  self->test_results = viva_challenge_results_copy (results);
  summary = viva_challenge_results_dup_summary (results);
  gtk_label_set_text (self->summary_label, summary);

  if (results->load_error != NULL)
    {
      g_autofree char *shown = _viva_code_pad_shorten (results->load_error, FALSE);

      gtk_label_set_text (self->load_error_label, shown);
      gtk_widget_set_visible (GTK_WIDGET (self->load_error_label), TRUE);
    }

  /* Sorted once, by hand: a sort function on the list box would also
   * sort rows the user is reading as they change. Failed and errored
   * cases first, each group in the order the cases run. */
  for (guint i = 0; i < results->cases->len; i++)
    g_ptr_array_add (rows, _viva_code_pad_result_row_new (g_ptr_array_index (results->cases, i)));
  for (int rank = 0; rank <= 3; rank++)
    for (guint i = 0; i < rows->len; i++)
      {
        GtkWidget *row = g_ptr_array_index (rows, i);
        VivaCaseStatus status = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "viva-case-status"));

        if (_viva_code_pad_case_status_rank (status) == rank)
          gtk_list_box_append (self->results_list, row);
      }

  gtk_widget_set_visible (self->results_window, rows->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->results_box), TRUE);
  /* The summary heads the results: the result line would say it twice. */
  gtk_widget_set_visible (GTK_WIDGET (self->result_label), FALSE);
}

static void
viva_code_pad_tests_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(RunData) data = user_data;
  VivaCodePad *self = data->self;
  g_autoptr(VivaChallengeResults) results = NULL;
  g_autoptr(VivaRunResult) run = NULL;
  g_autoptr(GError) error = NULL;

  results = viva_challenge_run_finish (VIVA_PYTHON_RUNNER (object), result, &run, &error);

  if (data->serial != self->run_serial || self->cancellable == NULL)
    return;

  if (results == NULL)
    gtk_label_set_text (self->result_label, error->message);
  else
    {
      g_autofree char *summary = viva_challenge_results_dup_summary (results);

      gtk_label_set_text (self->result_label, summary);
      viva_code_pad_show_results (self, results);
    }

  viva_code_pad_run_ended (self);

  g_signal_emit (self, signals[TESTS_FINISHED], 0, data->code, self->test_results);
}

/**
 * viva_code_pad_run_tests:
 * @self: a code pad
 *
 * Runs the challenge's cases, then the own cases, against the code (with
 * no challenge, the own cases and the tests the code holds), if "tests"
 * is on, Python can run and nothing runs yet. "tests-finished" tells
 * when it ends.
 */
void
viva_code_pad_run_tests (VivaCodePad *self)
{
  g_autofree char *code = NULL;

  g_return_if_fail (VIVA_IS_CODE_PAD (self));

  if (!self->tests || self->cancellable != NULL || !viva_code_pad_can_run (self))
    return;

  code = viva_code_pad_dup_code (self);

  self->testing = TRUE;
  viva_code_pad_clear_output (self);
  gtk_label_set_text (self->result_label, _("Running the tests…"));
  self->cancellable = g_cancellable_new ();
  self->run_serial++;

  viva_challenge_run_async (self->runner, self->challenge, code, self->own_cases,
                            viva_code_pad_output_cb, run_data_new (self, NULL), run_data_free,
                            self->cancellable,
                            viva_code_pad_tests_cb, run_data_new (self, code));

  viva_code_pad_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

void
viva_code_pad_stop (VivaCodePad *self)
{
  g_return_if_fail (VIVA_IS_CODE_PAD (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
viva_code_pad_run_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  viva_code_pad_run (VIVA_CODE_PAD (widget));
}

static void
viva_code_pad_run_tests_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  viva_code_pad_run_tests (VIVA_CODE_PAD (widget));
}

static void
viva_code_pad_stop_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  viva_code_pad_stop (VIVA_CODE_PAD (widget));
}

/* Ctrl+Enter is taken even when Run cannot run, so that it never
 * becomes a new line in the code. */
static gboolean
viva_code_pad_run_shortcut_cb (GtkWidget *widget,
                               GVariant  *args,
                               gpointer   user_data)
{
  viva_code_pad_run (VIVA_CODE_PAD (widget));

  return TRUE;
}

/* Ctrl+Shift+Enter too, where the pad offers tests. */
static gboolean
viva_code_pad_run_tests_shortcut_cb (GtkWidget *widget,
                                     GVariant  *args,
                                     gpointer   user_data)
{
  VivaCodePad *self = VIVA_CODE_PAD (widget);

  if (!self->tests)
    return FALSE;

  viva_code_pad_run_tests (self);

  return TRUE;
}

static void
viva_code_pad_insert_text_cb (VivaCodePad   *self,
                              GtkTextIter   *location,
                              const char    *text,
                              int            len,
                              GtkTextBuffer *buffer)
{
  g_autofree char *current = NULL;
  GtkTextIter start, end;

  /* A character is at most 4 bytes: most edits need no count. */
  if ((gsize) gtk_text_buffer_get_char_count (buffer) * 4 + (gsize) len <= VIVA_NOTE_TEXT_MAX_SIZE)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  current = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  if (strlen (current) + (gsize) len > VIVA_NOTE_TEXT_MAX_SIZE)
    {
      g_signal_stop_emission_by_name (buffer, "insert-text");
      gtk_widget_error_bell (GTK_WIDGET (self->code_view));
      gtk_label_set_text (self->result_label, _("Code is limited to 1 MB"));
    }
}

static void
viva_code_pad_dispose (GObject *object)
{
  VivaCodePad *self = (VivaCodePad *)object;
  GtkWidget *child;

  self->run_serial++;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->language_idle, g_source_remove);

  if (self->runner_signals != NULL)
    g_signal_group_set_target (self->runner_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_CODE_PAD);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  g_clear_object (&self->runner_signals);
  g_clear_object (&self->runner);
  g_clear_object (&self->context);
  g_clear_object (&self->challenge);
  g_clear_pointer (&self->own_cases, g_ptr_array_unref);
  g_clear_pointer (&self->test_results, viva_challenge_results_free);
  self->error_tag = NULL;

  G_OBJECT_CLASS (viva_code_pad_parent_class)->dispose (object);
}

static void
viva_code_pad_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  VivaCodePad *self = VIVA_CODE_PAD (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_CHALLENGE:
      g_value_set_object (value, self->challenge);
      break;

    case PROP_TESTS:
      g_value_set_boolean (value, self->tests);
      break;

    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_code_pad_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  VivaCodePad *self = VIVA_CODE_PAD (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      viva_code_pad_set_context (self, g_value_get_object (value));
      break;

    case PROP_CHALLENGE:
      viva_code_pad_set_challenge (self, g_value_get_object (value));
      break;

    case PROP_TESTS:
      viva_code_pad_set_tests (self, g_value_get_boolean (value));
      break;

    case PROP_EDITABLE:
      viva_code_pad_set_editable (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_code_pad_class_init (VivaCodePadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_code_pad_dispose;
  object_class->get_property = viva_code_pad_get_property;
  object_class->set_property = viva_code_pad_set_property;

  widget_class->map = viva_code_pad_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         VIVA_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CHALLENGE] =
    g_param_spec_object ("challenge", NULL, NULL,
                         VIVA_TYPE_CHALLENGE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TESTS] =
    g_param_spec_boolean ("tests", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VivaCodePad::run-finished:
   * @self: the pad
   * @code: the code that ran
   * @output: the output, as shown
   * @result: (nullable): how it ended; %NULL when it could not start
   *   (the result line says why)
   *
   * A run ended: finished, failed, timed out or stopped.
   */
  signals[RUN_FINISHED] =
    g_signal_new ("run-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  VIVA_TYPE_RUN_RESULT);

  /**
   * VivaCodePad::tests-finished:
   * @self: the pad
   * @code: the code the tests ran against
   * @results: (nullable): one result per case; %NULL when the tests
   *   could not run (the result line says why)
   *
   * A test run ended: finished, failed, timed out or stopped.
   */
  signals[TESTS_FINISHED] =
    g_signal_new ("tests-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  VIVA_TYPE_CHALLENGE_RESULTS | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_install_action (widget_class, "code-pad.run", NULL, viva_code_pad_run_action);
  gtk_widget_class_install_action (widget_class, "code-pad.run-tests", NULL, viva_code_pad_run_tests_action);
  gtk_widget_class_install_action (widget_class, "code-pad.stop", NULL, viva_code_pad_stop_action);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-code-pad.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaCodePad, info_label);
  gtk_widget_class_bind_template_child (widget_class, VivaCodePad, stop_button);
  gtk_widget_class_bind_template_child (widget_class, VivaCodePad, run_tests_button);
  gtk_widget_class_bind_template_child (widget_class, VivaCodePad, run_button);
  gtk_widget_class_bind_template_child (widget_class, VivaCodePad, code_view);
  gtk_widget_class_bind_template_child (widget_class, VivaCodePad, output_window);
  gtk_widget_class_bind_template_child (widget_class, VivaCodePad, output_view);
  gtk_widget_class_bind_template_child (widget_class, VivaCodePad, result_label);
  gtk_widget_class_bind_template_child (widget_class, VivaCodePad, results_box);
  gtk_widget_class_bind_template_child (widget_class, VivaCodePad, summary_label);
  gtk_widget_class_bind_template_child (widget_class, VivaCodePad, load_error_label);
  gtk_widget_class_bind_template_child (widget_class, VivaCodePad, results_window);
  gtk_widget_class_bind_template_child (widget_class, VivaCodePad, results_list);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vivacodepad");
}

static void
viva_code_pad_init (VivaCodePad *self)
{
  GtkEventController *shortcuts;
  GtkTextBuffer *buffer;

  self->editable = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Ctrl+Enter runs, in the editor too: caught before the text view,
   * which would take it for a new line. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                                                          gtk_callback_action_new (viva_code_pad_run_shortcut_cb, NULL, NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control><Shift>Return|<Control><Shift>KP_Enter"),
                                                          gtk_callback_action_new (viva_code_pad_run_tests_shortcut_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->code_view));
  g_signal_connect_object (buffer, "insert-text",
                           G_CALLBACK (viva_code_pad_insert_text_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->output_view), "changed",
                           G_CALLBACK (viva_code_pad_update_output_visible),
                           self, G_CONNECT_SWAPPED);

  /* A long line wraps at any character; Pango would mark each break
   * with a hyphen the program never printed. */
  self->output_tag = gtk_text_buffer_create_tag (gtk_text_view_get_buffer (self->output_view),
                                                 "viva-output",
                                                 "insert-hyphens", FALSE,
                                                 NULL);
  self->error_tag = gtk_text_buffer_create_tag (gtk_text_view_get_buffer (self->output_view),
                                                "viva-stderr",
                                                "foreground", "#e01b24",
                                                NULL);

  /* The scheme itself is set with the language, when first shown. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (viva_code_pad_update_style_scheme),
                           self, G_CONNECT_SWAPPED);

  self->runner_signals = g_signal_group_new (VIVA_TYPE_PYTHON_RUNNER);
  g_signal_group_connect_object (self->runner_signals, "notify",
                                 G_CALLBACK (viva_code_pad_runner_notify_cb),
                                 self, G_CONNECT_SWAPPED);

  viva_code_pad_update_info (self);
}

VivaContext *
viva_code_pad_get_context (VivaCodePad *self)
{
  g_return_val_if_fail (VIVA_IS_CODE_PAD (self), NULL);

  return self->context;
}

/**
 * viva_code_pad_set_context:
 * @self: a code pad
 * @context: (nullable): the context whose runner runs the code
 */
void
viva_code_pad_set_context (VivaCodePad *self,
                           VivaContext *context)
{
  g_return_if_fail (VIVA_IS_CODE_PAD (self));
  g_return_if_fail (!context || VIVA_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;

  viva_code_pad_abandon_run (self);
  g_clear_object (&self->runner);
  if (context != NULL)
    self->runner = g_object_ref (viva_context_get_python_runner (context));
  g_signal_group_set_target (self->runner_signals, self->runner);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    viva_code_pad_probe (self);

  viva_code_pad_update_info (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

VivaChallenge *
viva_code_pad_get_challenge (VivaCodePad *self)
{
  g_return_val_if_fail (VIVA_IS_CODE_PAD (self), NULL);

  return self->challenge;
}

/**
 * viva_code_pad_set_challenge:
 * @self: a code pad
 * @challenge: (nullable): whose cases Run Tests runs, before the own
 *   cases
 *
 * The pad does not put the challenge's starter code in the editor: its
 * owner does, when it has no code of the user's to show.
 */
void
viva_code_pad_set_challenge (VivaCodePad   *self,
                             VivaChallenge *challenge)
{
  g_return_if_fail (VIVA_IS_CODE_PAD (self));
  g_return_if_fail (!challenge || VIVA_IS_CHALLENGE (challenge));

  if (!g_set_object (&self->challenge, challenge))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHALLENGE]);
}

gboolean
viva_code_pad_get_tests (VivaCodePad *self)
{
  g_return_val_if_fail (VIVA_IS_CODE_PAD (self), FALSE);

  return self->tests;
}

/**
 * viva_code_pad_set_tests:
 * @self: a code pad
 * @tests: whether Run Tests is offered
 */
void
viva_code_pad_set_tests (VivaCodePad *self,
                         gboolean     tests)
{
  g_return_if_fail (VIVA_IS_CODE_PAD (self));

  tests = !!tests;
  if (self->tests == tests)
    return;

  self->tests = tests;
  gtk_widget_set_visible (GTK_WIDGET (self->run_tests_button), tests);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->code_view),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  tests ? _("Ctrl+Enter runs it; Ctrl+Shift+Enter runs the tests.")
                                        : _("Ctrl+Enter runs it."),
                                  -1);
  viva_code_pad_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TESTS]);
}

gboolean
viva_code_pad_get_editable (VivaCodePad *self)
{
  g_return_val_if_fail (VIVA_IS_CODE_PAD (self), FALSE);

  return self->editable;
}

/**
 * viva_code_pad_set_editable:
 * @self: a code pad
 * @editable: whether the code can change
 *
 * Code that cannot change can still run.
 */
void
viva_code_pad_set_editable (VivaCodePad *self,
                            gboolean     editable)
{
  g_return_if_fail (VIVA_IS_CODE_PAD (self));

  editable = !!editable;
  if (self->editable == editable)
    return;

  self->editable = editable;
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->code_view), editable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
}

gboolean
viva_code_pad_get_running (VivaCodePad *self)
{
  g_return_val_if_fail (VIVA_IS_CODE_PAD (self), FALSE);

  return self->cancellable != NULL;
}

/**
 * viva_code_pad_set_code:
 * @self: a code pad
 * @code: (nullable): the code to show
 *
 * Replaces the code, with the cursor at its start. Not an edit: undo
 * never goes back to the code before. The buffer's "changed" signal is
 * emitted all the same; an owner that saves on it ignores it during
 * this call.
 */
void
viva_code_pad_set_code (VivaCodePad *self,
                        const char  *code)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;

  g_return_if_fail (VIVA_IS_CODE_PAD (self));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->code_view));
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, code != NULL ? code : "", -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
}

char *
viva_code_pad_dup_code (VivaCodePad *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (VIVA_IS_CODE_PAD (self), NULL);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->code_view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/**
 * viva_code_pad_get_buffer:
 * @self: a code pad
 *
 * Returns: (transfer none): the code; its "changed" signal tells the
 *   owner to save
 */
GtkSourceBuffer *
viva_code_pad_get_buffer (VivaCodePad *self)
{
  g_return_val_if_fail (VIVA_IS_CODE_PAD (self), NULL);

  return GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->code_view)));
}

/**
 * viva_code_pad_get_view:
 * @self: a code pad
 *
 * Returns: (transfer none): the editor, to focus it
 */
GtkSourceView *
viva_code_pad_get_view (VivaCodePad *self)
{
  g_return_val_if_fail (VIVA_IS_CODE_PAD (self), NULL);

  return self->code_view;
}

/**
 * viva_code_pad_set_own_cases:
 * @self: a code pad
 * @cases: (nullable) (element-type VivaCodeCase): the user's own cases,
 *   copied; Run Tests runs them after the challenge's
 */
void
viva_code_pad_set_own_cases (VivaCodePad *self,
                             GPtrArray   *cases)
{
  g_return_if_fail (VIVA_IS_CODE_PAD (self));

  g_clear_pointer (&self->own_cases, g_ptr_array_unref);
  if (cases != NULL && cases->len > 0)
    self->own_cases = viva_code_cases_copy (cases);
}

/**
 * viva_code_pad_clear:
 * @self: a code pad
 *
 * Stops a run going on without telling of it (its output belonged to
 * code the pad no longer shows), and clears the output and results.
 */
void
viva_code_pad_clear (VivaCodePad *self)
{
  g_return_if_fail (VIVA_IS_CODE_PAD (self));

  viva_code_pad_abandon_run (self);
  viva_code_pad_clear_output (self);
}

char *
viva_code_pad_dup_output (VivaCodePad *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (VIVA_IS_CODE_PAD (self), NULL);

  buffer = gtk_text_view_get_buffer (self->output_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Which Python runs the code, and whether in the sandbox, or why it
 * cannot run. */
const char *
viva_code_pad_get_info (VivaCodePad *self)
{
  g_return_val_if_fail (VIVA_IS_CODE_PAD (self), NULL);

  return gtk_label_get_text (self->info_label);
}

/* How the last run ended ("Finished.", "Stopped.", "3 of 5 tests
 * passed"...), or why it could not start. */
const char *
viva_code_pad_get_result (VivaCodePad *self)
{
  g_return_val_if_fail (VIVA_IS_CODE_PAD (self), NULL);

  return gtk_label_get_text (self->result_label);
}

/**
 * viva_code_pad_get_test_results:
 * @self: a code pad
 *
 * Returns: (transfer none) (nullable): what the last Run Tests shows
 */
VivaChallengeResults *
viva_code_pad_get_test_results (VivaCodePad *self)
{
  g_return_val_if_fail (VIVA_IS_CODE_PAD (self), NULL);

  return self->test_results;
}

/**
 * viva_code_pad_show_saved:
 * @self: a code pad
 * @output: (nullable): a run's output, as saved
 * @results: (nullable): a test run's results, as saved (copied)
 *
 * Shows what a run gave before, without running: a reopened or finished
 * session. A run going on stops, unreported.
 */
void
viva_code_pad_show_saved (VivaCodePad          *self,
                          const char           *output,
                          VivaChallengeResults *results)
{
  g_autofree char *valid = NULL;

  g_return_if_fail (VIVA_IS_CODE_PAD (self));

  viva_code_pad_clear (self);

  valid = g_utf8_make_valid (output != NULL ? output : "", -1);
  self->testing = results != NULL;
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->output_view);
    GtkTextIter start, end;

    gtk_text_buffer_set_text (buffer, valid, -1);
    gtk_text_buffer_get_bounds (buffer, &start, &end);
    gtk_text_buffer_apply_tag (buffer, self->output_tag, &start, &end);
  }
  viva_code_pad_update_output_visible (self);
  if (results != NULL)
    {
      g_autofree char *summary = viva_challenge_results_dup_summary (results);

      gtk_label_set_text (self->result_label, summary);
      viva_code_pad_show_results (self, results);
    }
}
