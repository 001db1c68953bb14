/* viva-scratchpad.c
 *
 * A question's Python scratchpad in the study view: a code pad
 * (VivaCodePad: the editor, Run, Stop, Run Tests, the output and the
 * results) that first holds the question's code (a challenge's starter
 * code, or viva_code_extract_from_question()) and then the user's (the
 * note's "code", saved with the notes). A challenge
 * (viva_context_lookup_challenge()) or a question that asks to write
 * code gets Run Tests: the challenge's cases, the user's own, and with
 * no challenge the asserts and test functions in the code.
 *
 * Predict, then run: "Your answer" (the note's "prediction") is compared
 * with the output once a run ends (viva_scratchpad_prediction_matches()),
 * and the user may count the result as a review grade, right = Good,
 * wrong = Again, in Review's schedule (viva_note_grade(), at the
 * context's clock). Nothing is graded without that click, and a toast
 * offers to undo it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "viva-bank.h"
#include "viva-code-extract.h"
#include "viva-code-pad.h"
#include "viva-context.h"
#include "viva-note.h"
#include "viva-question.h"
#include "viva-scheduler.h"
#include "viva-scratchpad.h"

struct _VivaScratchpad
{
  GtkWidget         parent_instance;

  /* Owned */
  VivaContext      *context;
  VivaQuestion     *question;
  VivaNote         *note;
  char             *verdict;

  /* Template widgets */
  VivaCodePad      *code_pad;
  GtkBox           *prediction_box;
  GtkEntry         *prediction_entry;
  GtkBox           *verdict_box;
  GtkLabel         *verdict_label;
  GtkButton        *grade_button;

  VivaReviewGrade   offered_grade;
  guint             loading : 1;
  guint             read_only : 1;
};

G_DEFINE_FINAL_TYPE (VivaScratchpad, viva_scratchpad, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
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

gboolean
viva_scratchpad_get_running (VivaScratchpad *self)
{
  g_return_val_if_fail (VIVA_IS_SCRATCHPAD (self), FALSE);

  return viva_code_pad_get_running (self->code_pad);
}

static void
viva_scratchpad_clear_verdict (VivaScratchpad *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_box), FALSE);
  g_clear_pointer (&self->verdict, g_free);
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
viva_scratchpad_run_started_cb (VivaScratchpad *self,
                                GParamSpec     *pspec,
                                VivaCodePad    *pad)
{
  if (viva_code_pad_get_running (pad))
    viva_scratchpad_clear_verdict (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
viva_scratchpad_run_finished_cb (VivaScratchpad *self,
                                 const char     *code,
                                 const char     *output,
                                 VivaRunResult  *result,
                                 VivaCodePad    *pad)
{
  if (result != NULL)
    viva_scratchpad_show_verdict (self, result);
}

/* The grade the user may take back: one, the last, as the toast offers. */
typedef struct
{
  VivaNote   *note;
  gint64      reviewed_at;
  VivaStatus  status_before;
  VivaStatus  status_after;
} Grading;

static void
grading_free (gpointer p)
{
  Grading *grading = p;

  g_clear_object (&grading->note);
  g_free (grading);
}

static void
viva_scratchpad_undo_grade_cb (AdwToast *toast,
                               gpointer  user_data)
{
  Grading *grading = g_object_get_data (G_OBJECT (toast), "viva-grading");
  GtkWidget *overlay = user_data;

  if (grading == NULL)
    return;

  /* The note keeps the undo of its last review only, and loses it when
   * a file from another Viva replaced it. */
  if (!viva_note_undo_review (grading->note, grading->reviewed_at))
    {
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                                   adw_toast_new (_("That grade can no longer be undone")));
      return;
    }

  /* Unless the status was changed since by hand. */
  if (viva_note_get_status (grading->note) == grading->status_after)
    viva_note_set_status (grading->note, grading->status_before);
}

static void
viva_scratchpad_grade_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  VivaScratchpad *self = VIVA_SCRATCHPAD (widget);
  g_autofree char *text = NULL;
  GtkWidget *overlay;
  Grading *grading;
  AdwToast *toast;

  if (self->note == NULL || self->read_only ||
      !gtk_widget_get_visible (GTK_WIDGET (self->verdict_box)))
    return;

  grading = g_new0 (Grading, 1);
  grading->note = g_object_ref (self->note);
  grading->reviewed_at = self->context != NULL ? viva_context_get_real_time (self->context)
                                               : g_get_real_time ();
  grading->status_before = viva_note_get_status (self->note);
  grading->status_after = viva_review_grade_to_status (self->offered_grade);

  viva_note_grade (self->note, self->offered_grade, grading->reviewed_at);

  text = g_strdup_printf (self->offered_grade == VIVA_REVIEW_GRADE_GOOD
                          ? _("%s Counted as a review graded Good.")
                          : _("%s Counted as a review graded Again."),
                          self->verdict != NULL ? self->verdict : "");
  gtk_label_set_text (self->verdict_label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->grade_button), FALSE);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      grading_free (grading);
      return;
    }

  toast = adw_toast_new (self->offered_grade == VIVA_REVIEW_GRADE_GOOD
                         ? _("Counted as a review graded Good")
                         : _("Counted as a review graded Again"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "viva-grading", grading, grading_free);
  g_signal_connect_object (toast, "button-clicked",
                           G_CALLBACK (viva_scratchpad_undo_grade_cb),
                           overlay, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
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

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_SCRATCHPAD);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  g_clear_object (&self->context);
  g_clear_object (&self->question);
  g_clear_object (&self->note);

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
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, viva_scratchpad_get_running (self));
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
    case PROP_CONTEXT:
      viva_scratchpad_set_context (self, g_value_get_object (value));
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

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         VIVA_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "scratchpad.grade", NULL, viva_scratchpad_grade_action);

  g_type_ensure (VIVA_TYPE_CODE_PAD);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-scratchpad.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaScratchpad, code_pad);
  gtk_widget_class_bind_template_child (widget_class, VivaScratchpad, prediction_box);
  gtk_widget_class_bind_template_child (widget_class, VivaScratchpad, prediction_entry);
  gtk_widget_class_bind_template_child (widget_class, VivaScratchpad, verdict_box);
  gtk_widget_class_bind_template_child (widget_class, VivaScratchpad, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, VivaScratchpad, grade_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vivascratchpad");
}

static void
viva_scratchpad_init (VivaScratchpad *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (viva_code_pad_get_buffer (self->code_pad), "changed",
                           G_CALLBACK (viva_scratchpad_code_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->code_pad, "notify::running",
                           G_CALLBACK (viva_scratchpad_run_started_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->code_pad, "run-finished",
                           G_CALLBACK (viva_scratchpad_run_finished_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->prediction_entry, "changed",
                           G_CALLBACK (viva_scratchpad_prediction_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

VivaContext *
viva_scratchpad_get_context (VivaScratchpad *self)
{
  g_return_val_if_fail (VIVA_IS_SCRATCHPAD (self), NULL);

  return self->context;
}

/**
 * viva_scratchpad_set_context:
 * @self: a scratchpad
 * @context: (nullable): where the runner, the challenges and the clock
 *   come from
 */
void
viva_scratchpad_set_context (VivaScratchpad *self,
                             VivaContext    *context)
{
  g_return_if_fail (VIVA_IS_SCRATCHPAD (self));
  g_return_if_fail (!context || VIVA_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;

  viva_code_pad_set_context (self->code_pad, context);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/* The runner the code pad runs code with. */
VivaPythonRunner *
viva_scratchpad_get_runner (VivaScratchpad *self)
{
  g_return_val_if_fail (VIVA_IS_SCRATCHPAD (self), NULL);

  return self->context != NULL ? viva_context_get_python_runner (self->context) : NULL;
}

static VivaChallenge *
viva_scratchpad_lookup_challenge (VivaScratchpad *self,
                                  VivaQuestion   *question)
{
  VivaBank *bank;

  if (self->context == NULL || question == NULL)
    return NULL;

  bank = viva_context_get_bank (self->context);
  if (bank == NULL)
    return NULL;

  return viva_context_lookup_challenge (self->context, viva_bank_get_id (bank),
                                        viva_question_get_number (question));
}

/**
 * viva_scratchpad_get_offered:
 * @self: a scratchpad
 *
 * Whether the question shown gets a scratchpad: it shows code, asks to
 * write some, gives code to start from, or has tests.
 */
gboolean
viva_scratchpad_get_offered (VivaScratchpad *self)
{
  g_return_val_if_fail (VIVA_IS_SCRATCHPAD (self), FALSE);

  return self->question != NULL &&
         (viva_scratchpad_wants_question (self->question) ||
          viva_code_pad_get_challenge (self->code_pad) != NULL);
}

/**
 * viva_scratchpad_set_question:
 * @self: a scratchpad
 * @question: (nullable): the question shown
 * @note: (nullable): its note, where the code and prediction are kept
 *
 * Shows the user's code for @question, or when the user kept none, the
 * challenge's starter code or the question's own code. A run still
 * going stops: its output belonged to the previous question.
 */
void
viva_scratchpad_set_question (VivaScratchpad *self,
                              VivaQuestion   *question,
                              VivaNote       *note)
{
  g_autofree char *extracted = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  VivaChallenge *challenge;
  const char *code = "";
  const char *prediction = "";
  gboolean tests;

  g_return_if_fail (VIVA_IS_SCRATCHPAD (self));
  g_return_if_fail (!question || VIVA_IS_QUESTION (question));
  g_return_if_fail (!note || VIVA_IS_NOTE (note));

  if (self->question == question && self->note == note)
    return;

  g_set_object (&self->question, question);
  g_set_object (&self->note, note);

  viva_code_pad_clear (self->code_pad);
  viva_scratchpad_clear_verdict (self);

  challenge = viva_scratchpad_lookup_challenge (self, question);
  tests = challenge != NULL ||
          (question != NULL &&
           (viva_code_classify_question (question) & VIVA_CODE_QUESTION_ASKS_TO_WRITE) != 0);

  if (note != NULL && viva_note_get_has_code (note))
    code = viva_note_get_code (note);
  else if (challenge != NULL && viva_challenge_get_starter (challenge) != NULL)
    code = viva_challenge_get_starter (challenge);
  else if (question != NULL)
    {
      extracted = viva_code_extract_from_question (question);
      if (extracted != NULL)
        code = extracted;
    }

  if (note != NULL && viva_note_get_prediction (note) != NULL)
    prediction = viva_note_get_prediction (note);

  if (note != NULL)
    cases = viva_note_dup_cases (note);

  /* Loading is not an edit: the note stays as it is until the user
   * types, and undo never crosses into another question's code. */
  self->loading = TRUE;
  viva_code_pad_set_challenge (self->code_pad, challenge);
  viva_code_pad_set_tests (self->code_pad, tests);
  viva_code_pad_set_own_cases (self->code_pad, cases);
  viva_code_pad_set_code (self->code_pad, code);
  gtk_editable_set_text (GTK_EDITABLE (self->prediction_entry), prediction);
  self->loading = FALSE;

  /* Predicting the output is for code to read; code to write has tests. */
  gtk_widget_set_visible (GTK_WIDGET (self->prediction_box), !tests);
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
  viva_code_pad_set_editable (self->code_pad, editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->prediction_entry), editable);
  if (!editable)
    gtk_widget_set_sensitive (GTK_WIDGET (self->grade_button), FALSE);
}

char *
viva_scratchpad_dup_output (VivaScratchpad *self)
{
  g_return_val_if_fail (VIVA_IS_SCRATCHPAD (self), NULL);

  return viva_code_pad_dup_output (self->code_pad);
}

const char *
viva_scratchpad_get_info (VivaScratchpad *self)
{
  g_return_val_if_fail (VIVA_IS_SCRATCHPAD (self), NULL);

  return viva_code_pad_get_info (self->code_pad);
}

const char *
viva_scratchpad_get_verdict (VivaScratchpad *self)
{
  g_return_val_if_fail (VIVA_IS_SCRATCHPAD (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->verdict_box)))
    return NULL;

  return gtk_label_get_text (self->verdict_label);
}

/* How the last run ended ("Finished.", "Stopped.", "2 of 5 tests
 * passed"...), or why it could not start. */
const char *
viva_scratchpad_get_result (VivaScratchpad *self)
{
  g_return_val_if_fail (VIVA_IS_SCRATCHPAD (self), NULL);

  return viva_code_pad_get_result (self->code_pad);
}

GtkTextView *
viva_scratchpad_get_code_view (VivaScratchpad *self)
{
  g_return_val_if_fail (VIVA_IS_SCRATCHPAD (self), NULL);

  return GTK_TEXT_VIEW (viva_code_pad_get_view (self->code_pad));
}

GtkEditable *
viva_scratchpad_get_prediction_entry (VivaScratchpad *self)
{
  g_return_val_if_fail (VIVA_IS_SCRATCHPAD (self), NULL);

  return GTK_EDITABLE (self->prediction_entry);
}

VivaCodePad *
viva_scratchpad_get_code_pad (VivaScratchpad *self)
{
  g_return_val_if_fail (VIVA_IS_SCRATCHPAD (self), NULL);

  return self->code_pad;
}
