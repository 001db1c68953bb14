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
 * Where Run Tests is offered, "Your Tests" lists the user's own cases
 * (the note's "cases"): Add Test and Edit open a small form
 * (viva-case-dialog.c), Remove offers Undo; they run after the
 * challenge's.
 *
 * The code pad is built when a question first offers the scratchpad,
 * not with the study view: most questions do not, and making the pad
 * (its editor, output and results) was 37 M of the question view's
 * 45.5 M instructions before a returning user's first frame, for a
 * question that shows none of it (issue 15). Until then there is no
 * pad, and nothing runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "viva-bank.h"
#include "viva-case-dialog.h"
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
  GtkBox           *content_box;
  GtkWidget        *heading;
  GtkBox           *prediction_box;
  GtkEntry         *prediction_entry;
  GtkBox           *verdict_box;
  GtkLabel         *verdict_label;
  GtkButton        *grade_button;
  GtkBox           *cases_box;
  GtkButton        *add_case_button;
  GtkLabel         *cases_empty_label;
  GtkWidget        *cases_window;
  GtkListBox       *cases_list;

  /* Borrowed: a child of content_box, built when first offered */
  VivaCodePad      *code_pad;

  VivaReviewGrade   offered_grade;
  guint             loading : 1;
  guint             read_only : 1;
  guint             offered : 1;
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

  return self->code_pad != NULL && viva_code_pad_get_running (self->code_pad);
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

static void viva_scratchpad_show_cases (VivaScratchpad *self);

/* The note's cases changed: the list, and what Run Tests runs. */
static void
viva_scratchpad_cases_changed (VivaScratchpad *self)
{
  g_autoptr(GPtrArray) cases = NULL;

  if (self->note != NULL)
    cases = viva_note_dup_cases (self->note);
  if (self->code_pad != NULL)
    viva_code_pad_set_own_cases (self->code_pad, cases);
  viva_scratchpad_show_cases (self);
}

static void
viva_scratchpad_update_case_actions (VivaScratchpad *self)
{
  gboolean can_change = self->note != NULL && !self->read_only;
  guint n = self->note != NULL ? viva_note_get_n_cases (self->note) : 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scratchpad.add-case",
                                 can_change && n < VIVA_CODE_CASES_MAX);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scratchpad.edit-case", can_change);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scratchpad.remove-case", can_change);
}

/* A case's name, or its call when it has none, on one line and short
 * enough for a toast or a button's accessible name. */
static char *
case_display_title (const VivaCodeCase *code_case)
{
  const char *text = code_case->name != NULL && code_case->name[0] != '\0'
                     ? code_case->name : code_case->call;
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *title = g_string_new (NULL);
  guint n = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n++ == 60)
        {
          g_string_append (title, "…");
          break;
        }
      g_string_append_unichar (title, c == '\n' || c == '\r' ? ' ' : c);
    }

  return g_string_free (title, FALSE);
}

static char *
case_display_expectation (const VivaCodeCase *code_case)
{
  if (code_case->raises != NULL)
    /* Translators: a test of the user's: "is_palindrome(None) raises TypeError" */
    return g_strdup_printf (_("%s raises %s"), code_case->call, code_case->raises);
  if (code_case->output != NULL)
    /* Translators: a test of the user's: "greet('Ann') prints Hello, Ann" */
    return g_strdup_printf (_("%s prints %s"), code_case->call, code_case->output);
  /* Translators: a test of the user's: "is_palindrome('') returns True" */
  return g_strdup_printf (_("%s returns %s"), code_case->call,
                          code_case->expected != NULL ? code_case->expected : "");
}

static GtkWidget *
case_button_new (const char *icon_name,
                 const char *action_name,
                 guint       index,
                 const char *accessible_label,
                 const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", index);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);

  return button;
}

static void
viva_scratchpad_show_cases (VivaScratchpad *self)
{
  GtkWidget *row;
  guint n = self->note != NULL ? viva_note_get_n_cases (self->note) : 0;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->cases_list))))
    gtk_list_box_remove (self->cases_list, row);

  for (guint i = 0; i < n; i++)
    {
      const VivaCodeCase *code_case = viva_note_get_case (self->note, i);
      g_autofree char *title = case_display_title (code_case);
      g_autofree char *expectation = case_display_expectation (code_case);
      g_autofree char *sentence = NULL;
      g_autofree char *edit_label = NULL;
      g_autofree char *remove_label = NULL;
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *title_label = gtk_label_new (title);
      GtkWidget *detail_label = gtk_label_new (expectation);

      gtk_label_set_xalign (GTK_LABEL (title_label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (detail_label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (detail_label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (detail_label, "dim-label");
      gtk_widget_add_css_class (detail_label, "monospace");
      gtk_widget_set_hexpand (labels, TRUE);
      gtk_box_append (GTK_BOX (labels), title_label);
      gtk_box_append (GTK_BOX (labels), detail_label);
      gtk_box_append (GTK_BOX (box), labels);

      /* Translators: the accessible name of a button on a test of the user's */
      edit_label = g_strdup_printf (_("Edit test %s"), title);
      /* Translators: the accessible name of a button on a test of the user's */
      remove_label = g_strdup_printf (_("Remove test %s"), title);
      gtk_box_append (GTK_BOX (box), case_button_new ("document-edit-symbolic", "scratchpad.edit-case", i,
                                                      edit_label, _("Edit this test")));
      gtk_box_append (GTK_BOX (box), case_button_new ("user-trash-symbolic", "scratchpad.remove-case", i,
                                                      remove_label, _("Remove this test")));

      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 6);
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      if (code_case->name != NULL && code_case->name[0] != '\0')
        /* Translators: how a screen reader reads a test of the user's: "empty string: is_palindrome('') returns True" */
        sentence = g_strdup_printf (_("%s: %s"), title, expectation);
      else
        sentence = g_strdup (expectation);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, sentence,
                                      -1);
      gtk_list_box_append (self->cases_list, row);
    }

  gtk_widget_set_visible (self->cases_window, n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->cases_empty_label), n == 0);
  viva_scratchpad_update_case_actions (self);
}

/* Which note and case a form was opened for: the user may have gone to
 * another question while it was open. */
typedef struct
{
  VivaScratchpad *self;
  VivaNote       *note;
  int             index;
} CaseEdit;

static void
case_edit_free (gpointer p)
{
  CaseEdit *edit = p;

  g_object_unref (edit->self);
  g_object_unref (edit->note);
  g_free (edit);
}

static void
viva_scratchpad_case_saved_cb (const VivaCodeCase *code_case,
                               gpointer            user_data)
{
  CaseEdit *edit = user_data;
  g_autoptr(GPtrArray) cases = viva_note_dup_cases (edit->note);

  if (edit->index < 0)
    {
      if (cases->len >= VIVA_CODE_CASES_MAX)
        return;
      g_ptr_array_add (cases, viva_code_case_copy (code_case));
    }
  else if ((guint) edit->index < cases->len)
    {
      viva_code_case_free (g_ptr_array_index (cases, edit->index));
      g_ptr_array_index (cases, edit->index) = viva_code_case_copy (code_case);
    }
  else
    return;

  viva_note_set_cases (edit->note, cases);
  if (edit->note == edit->self->note)
    viva_scratchpad_cases_changed (edit->self);
}

static void
viva_scratchpad_open_case_dialog (VivaScratchpad *self,
                                  int             index)
{
  CaseEdit *edit;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->note == NULL || self->read_only)
    return;
  if (index >= 0 && (guint) index >= viva_note_get_n_cases (self->note))
    return;

  edit = g_new0 (CaseEdit, 1);
  edit->self = g_object_ref (self);
  edit->note = g_object_ref (self->note);
  edit->index = index;

  viva_case_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                        index >= 0 ? viva_note_get_case (self->note, index) : NULL,
                        viva_scratchpad_case_saved_cb, edit, case_edit_free);
}

static void
viva_scratchpad_add_case_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  viva_scratchpad_open_case_dialog (VIVA_SCRATCHPAD (widget), -1);
}

static void
viva_scratchpad_edit_case_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  viva_scratchpad_open_case_dialog (VIVA_SCRATCHPAD (widget),
                                    (int) MIN (g_variant_get_uint32 (param), G_MAXINT));
}

/* A removed case, for Undo. */
typedef struct
{
  VivaScratchpad *self;
  VivaNote       *note;
  VivaCodeCase   *code_case;
  guint           index;
} CaseRemoval;

static void
case_removal_free (gpointer p)
{
  CaseRemoval *removal = p;

  g_object_unref (removal->self);
  g_object_unref (removal->note);
  viva_code_case_free (removal->code_case);
  g_free (removal);
}

static void
viva_scratchpad_undo_remove_cb (AdwToast *toast,
                                gpointer  user_data)
{
  CaseRemoval *removal = g_object_get_data (G_OBJECT (toast), "viva-case-removal");
  g_autoptr(GPtrArray) cases = NULL;

  if (removal == NULL)
    return;

  cases = viva_note_dup_cases (removal->note);
  if (cases->len >= VIVA_CODE_CASES_MAX)
    return;
  g_ptr_array_insert (cases, MIN (removal->index, cases->len),
                      viva_code_case_copy (removal->code_case));
  viva_note_set_cases (removal->note, cases);
  if (removal->note == removal->self->note)
    viva_scratchpad_cases_changed (removal->self);
}

static void
viva_scratchpad_remove_case_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  VivaScratchpad *self = VIVA_SCRATCHPAD (widget);
  guint index = g_variant_get_uint32 (param);
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *message = NULL;
  CaseRemoval *removal;
  GtkWidget *overlay;
  AdwToast *toast;

  if (self->note == NULL || self->read_only || index >= viva_note_get_n_cases (self->note))
    return;

  removal = g_new0 (CaseRemoval, 1);
  removal->self = g_object_ref (self);
  removal->note = g_object_ref (self->note);
  removal->code_case = viva_code_case_copy (viva_note_get_case (self->note, index));
  removal->index = index;
  title = case_display_title (removal->code_case);

  viva_note_remove_case (self->note, index);
  viva_scratchpad_cases_changed (self);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      case_removal_free (removal);
      return;
    }

  /* A toast's title is markup in libadwaita 1.2: the name is escaped. */
  escaped = g_markup_escape_text (title, -1);
  /* Translators: a toast after removing a test of the user's */
  message = g_strdup_printf (_("Test %s removed"), escaped);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "viva-case-removal", removal, case_removal_free);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (viva_scratchpad_undo_remove_cb), NULL);
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
  gtk_widget_class_install_action (widget_class, "scratchpad.add-case", NULL, viva_scratchpad_add_case_action);
  gtk_widget_class_install_action (widget_class, "scratchpad.edit-case", "u", viva_scratchpad_edit_case_action);
  gtk_widget_class_install_action (widget_class, "scratchpad.remove-case", "u", viva_scratchpad_remove_case_action);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-scratchpad.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaScratchpad, content_box);
  gtk_widget_class_bind_template_child (widget_class, VivaScratchpad, heading);
  gtk_widget_class_bind_template_child (widget_class, VivaScratchpad, prediction_box);
  gtk_widget_class_bind_template_child (widget_class, VivaScratchpad, prediction_entry);
  gtk_widget_class_bind_template_child (widget_class, VivaScratchpad, verdict_box);
  gtk_widget_class_bind_template_child (widget_class, VivaScratchpad, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, VivaScratchpad, grade_button);
  gtk_widget_class_bind_template_child (widget_class, VivaScratchpad, cases_box);
  gtk_widget_class_bind_template_child (widget_class, VivaScratchpad, add_case_button);
  gtk_widget_class_bind_template_child (widget_class, VivaScratchpad, cases_empty_label);
  gtk_widget_class_bind_template_child (widget_class, VivaScratchpad, cases_window);
  gtk_widget_class_bind_template_child (widget_class, VivaScratchpad, cases_list);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vivascratchpad");
}

static void
viva_scratchpad_init (VivaScratchpad *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->prediction_entry, "changed",
                           G_CALLBACK (viva_scratchpad_prediction_changed_cb),
                           self, G_CONNECT_SWAPPED);

  viva_scratchpad_update_case_actions (self);
}

/* The code pad, made the first time a question offers the scratchpad,
 * in its place under the heading, given what the scratchpad was given
 * until then. */
static VivaCodePad *
viva_scratchpad_ensure_code_pad (VivaScratchpad *self)
{
  if (self->code_pad != NULL)
    return self->code_pad;

  self->code_pad = VIVA_CODE_PAD (viva_code_pad_new ());
  viva_code_pad_set_context (self->code_pad, self->context);
  viva_code_pad_set_editable (self->code_pad, !self->read_only);

  g_signal_connect_object (viva_code_pad_get_buffer (self->code_pad), "changed",
                           G_CALLBACK (viva_scratchpad_code_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->code_pad, "notify::running",
                           G_CALLBACK (viva_scratchpad_run_started_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->code_pad, "run-finished",
                           G_CALLBACK (viva_scratchpad_run_finished_cb),
                           self, G_CONNECT_SWAPPED);

  gtk_box_insert_child_after (self->content_box, GTK_WIDGET (self->code_pad), self->heading);

  return self->code_pad;
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

  if (self->code_pad != NULL)
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

  return self->offered;
}

/**
 * viva_scratchpad_set_question:
 * @self: a scratchpad
 * @question: (nullable): the question shown
 * @note: (nullable): its note, where the code and prediction are kept
 *
 * Shows the user's code for @question, or when the user kept none, the
 * challenge's starter code or the question's own code. A run still
 * going stops: its output belonged to the previous question. The code
 * pad is built for the first question that offers the scratchpad
 * (viva_scratchpad_get_offered()).
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

  viva_scratchpad_clear_verdict (self);

  challenge = viva_scratchpad_lookup_challenge (self, question);
  tests = challenge != NULL ||
          (question != NULL &&
           (viva_code_classify_question (question) & VIVA_CODE_QUESTION_ASKS_TO_WRITE) != 0);
  self->offered = question != NULL &&
                  (challenge != NULL || viva_scratchpad_wants_question (question));

  /* A pad once built follows every question, as it always did (a run
   * going on stops); until a question offers it, none is built. */
  if (self->offered)
    viva_scratchpad_ensure_code_pad (self);
  if (self->code_pad != NULL)
    viva_code_pad_clear (self->code_pad);

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
  if (self->code_pad != NULL)
    {
      viva_code_pad_set_challenge (self->code_pad, challenge);
      viva_code_pad_set_tests (self->code_pad, tests);
      viva_code_pad_set_own_cases (self->code_pad, cases);
      viva_code_pad_set_code (self->code_pad, code);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->prediction_entry), prediction);
  self->loading = FALSE;

  /* Predicting the output is for code to read; code to write has tests. */
  gtk_widget_set_visible (GTK_WIDGET (self->prediction_box), !tests);
  gtk_widget_set_visible (GTK_WIDGET (self->cases_box), tests);
  viva_scratchpad_show_cases (self);
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
  if (self->code_pad != NULL)
    viva_code_pad_set_editable (self->code_pad, editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->prediction_entry), editable);
  if (!editable)
    gtk_widget_set_sensitive (GTK_WIDGET (self->grade_button), FALSE);
  viva_scratchpad_update_case_actions (self);
}

char *
viva_scratchpad_dup_output (VivaScratchpad *self)
{
  g_return_val_if_fail (VIVA_IS_SCRATCHPAD (self), NULL);

  if (self->code_pad == NULL)
    return g_strdup ("");

  return viva_code_pad_dup_output (self->code_pad);
}

/* Which Python runs the code, and whether in the sandbox; empty until a
 * question offers the scratchpad. */
const char *
viva_scratchpad_get_info (VivaScratchpad *self)
{
  g_return_val_if_fail (VIVA_IS_SCRATCHPAD (self), NULL);

  if (self->code_pad == NULL)
    return "";

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

  if (self->code_pad == NULL)
    return "";

  return viva_code_pad_get_result (self->code_pad);
}

/**
 * viva_scratchpad_get_code_view:
 * @self: a scratchpad
 *
 * Returns: (transfer none) (nullable): the code pad's editor, %NULL
 *   until a question offers the scratchpad
 */
GtkTextView *
viva_scratchpad_get_code_view (VivaScratchpad *self)
{
  g_return_val_if_fail (VIVA_IS_SCRATCHPAD (self), NULL);

  if (self->code_pad == NULL)
    return NULL;

  return GTK_TEXT_VIEW (viva_code_pad_get_view (self->code_pad));
}

GtkEditable *
viva_scratchpad_get_prediction_entry (VivaScratchpad *self)
{
  g_return_val_if_fail (VIVA_IS_SCRATCHPAD (self), NULL);

  return GTK_EDITABLE (self->prediction_entry);
}

/**
 * viva_scratchpad_get_code_pad:
 * @self: a scratchpad
 *
 * Returns: (transfer none) (nullable): the code pad, %NULL until a
 *   question offers the scratchpad
 */
VivaCodePad *
viva_scratchpad_get_code_pad (VivaScratchpad *self)
{
  g_return_val_if_fail (VIVA_IS_SCRATCHPAD (self), NULL);

  return self->code_pad;
}
