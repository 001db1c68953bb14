/* viva-interview-live-page-code.c
 *
 * The live page's code pad: shown on demand under the notes (the Code
 * Pad button, Ctrl+Shift+C), where the interviewer types or pastes the
 * candidate's code and runs it in the sandbox, and, for a coding
 * challenge or a question that asks for code, runs its tests.
 *
 * What ran and how it went goes into the notes of the question it ran
 * for, as a paragraph stamped with the time the run began:
 *
 *   [12:05] Ran the code: 3 of 5 tests passed
 *   ```python
 *   ...
 *   ```
 *   ```text
 *   two words: failed, expected 'b a', got 'a b'
 *   ```
 *
 * (viva_interview_format_code_run()), so that it is saved with the
 * notes, and the reports print it as code. The pad's own text, run or
 * not, is kept per question in the interview, and so saved with it
 * (the "code-pad" of viva-interview-file.c): a crash or a quit loses
 * nothing typed, and the question shown again after a reopen shows it.
 *
 * The candidate window never shows the pad: it is the interviewer's
 * scratch space, and the candidate's code is theirs to show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viva-bank.h"
#include "viva-challenge.h"
#include "viva-code-extract.h"
#include "viva-context.h"
#include "viva-interview-live-page-private.h"
#include "viva-markdown-fences.h"

static gint
find_item (VivaInterview     *interview,
           VivaInterviewItem *item)
{
  guint n_items = viva_interview_get_n_items (interview);

  for (guint i = 0; i < n_items; i++)
    {
      if (viva_interview_get_item (interview, i) == item)
        return (gint) i;
    }

  return -1;
}

static void
show_toast (VivaInterviewLivePage *self,
            const char            *text)
{
  AdwToastOverlay *overlay = (AdwToastOverlay *) gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, adw_toast_new (text));
  else
    gtk_widget_error_bell (GTK_WIDGET (self));
}

/* Adds what a run did to the notes of the question it ran for: into
 * the notes field when that question is shown, as one user action (so
 * Ctrl+Z in the notes takes it back, and the field saves it as it saves
 * typing), else straight into the interview. */
static void
stamp_run (VivaInterviewLivePage *self,
           const char            *summary,
           const char            *code,
           const char            *output)
{
  g_autoptr(VivaInterviewItem) item = g_steal_pointer (&self->run_item);
  g_autofree char *paragraph = NULL;
  g_autofree char *separator = NULL;
  gint index;

  g_clear_pointer (&self->run_code, g_free);

  if (item == NULL || !_viva_interview_live_page_get_live (self))
    return;

  /* Removed from the plan while it ran: there are no notes to keep it. */
  index = find_item (self->interview, item);
  if (index < 0)
    return;

  paragraph = viva_interview_format_code_run (self->run_elapsed, summary, code, output);

  if ((guint) index == self->shown)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->notes_view));
      g_autofree char *text = NULL;
      g_autofree char *added = NULL;
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
      separator = viva_interview_dup_paragraph_separator (text);
      added = g_strconcat (separator, paragraph, NULL);

      gtk_text_buffer_begin_user_action (buffer);
      gtk_text_buffer_insert (buffer, &end, added, -1);
      gtk_text_buffer_end_user_action (buffer);
    }
  else
    {
      const char *notes = viva_interview_item_get_notes (item);
      g_autofree char *updated = NULL;

      separator = viva_interview_dup_paragraph_separator (notes);
      updated = g_strconcat (notes, separator, paragraph, NULL);
      if (!viva_interview_set_item_notes (self->interview, (guint) index, updated))
        show_toast (self, _("The notes for one question are limited to 1 MB."));
    }
}

static void
viva_interview_live_page_running_cb (VivaInterviewLivePage *self)
{
  if (!viva_code_pad_get_running (self->code_pad))
    return;

  /* The stamp says when the candidate's code was run. */
  g_set_object (&self->run_item, self->pad_item);
  self->run_elapsed = self->interview != NULL ? viva_interview_get_elapsed (self->interview) : 0;
  g_free (self->run_code);
  self->run_code = viva_code_pad_dup_code (self->code_pad);
}

static void
viva_interview_live_page_run_finished_cb (VivaInterviewLivePage *self,
                                          const char            *code,
                                          const char            *output,
                                          VivaRunResult         *result)
{
  g_autofree char *summary = NULL;

  /* It could not start: nothing ran, and the pad says why. */
  if (result == NULL)
    {
      g_clear_object (&self->run_item);
      return;
    }

  summary = viva_run_result_dup_summary (result);
  stamp_run (self, summary, code, output);
}

static void
viva_interview_live_page_tests_finished_cb (VivaInterviewLivePage *self,
                                            const char            *code,
                                            VivaChallengeResults  *results)
{
  g_autoptr(GString) output = NULL;
  g_autofree char *summary = NULL;

  if (results == NULL)
    {
      g_clear_object (&self->run_item);
      return;
    }

  /* Each case as the results read it to a screen reader, a line each;
   * or why the code did not load. */
  output = g_string_new (results->load_error);
  for (guint i = 0; i < results->cases->len; i++)
    {
      g_autofree char *sentence = viva_code_pad_describe_case (g_ptr_array_index (results->cases, i));

      g_string_append_printf (output, "%s\n", sentence);
    }

  summary = viva_challenge_results_dup_summary (results);
  stamp_run (self, summary, code, output->str);
}

/* The code typed for the question shown is kept for it: in the
 * interview, which saves it, and here, for an interview that cannot
 * keep it (a read-only one). */
static void
viva_interview_live_page_code_changed_cb (VivaInterviewLivePage *self)
{
  char *code;
  gint index;

  if (self->loading_code || self->pad_item == NULL)
    return;

  code = viva_code_pad_dup_code (self->code_pad);
  g_hash_table_insert (self->pad_code, g_object_ref (self->pad_item), code);

  if (self->interview != NULL && (index = find_item (self->interview, self->pad_item)) >= 0)
    viva_interview_set_item_code (self->interview, (guint) index, code);
}

/* What the pad offers for @item: Run Tests for a coding challenge or a
 * question that asks for code (the challenge's own tests, or the
 * candidate's asserts and test_ functions), and its first code: what
 * was typed for it (here, or before the interview was reopened), else the challenge's starter or the question's own
 * code. */
static char *
dup_item_code (VivaInterviewLivePage  *self,
               VivaInterviewItem      *item,
               VivaChallenge         **out_challenge,
               gboolean               *out_tests)
{
  const char *typed = g_hash_table_lookup (self->pad_code, item);
  guint number = viva_interview_item_get_number (item);
  const char *bank_id = _viva_interview_live_page_get_bank_id (self);
  VivaQuestion *question = NULL;
  VivaChallenge *challenge = NULL;
  VivaCodeQuestionFlags flags;

  if (number > 0 && bank_id != NULL && self->context != NULL)
    challenge = viva_context_lookup_challenge (self->context, bank_id, number);
  if (number > 0 && self->bank != NULL && g_strcmp0 (bank_id, viva_bank_get_id (self->bank)) == 0)
    question = viva_bank_lookup_question (self->bank, number);

  if (question != NULL)
    flags = viva_code_classify_question (question);
  else
    flags = viva_code_classify_markdown (viva_interview_item_get_text (item));

  *out_challenge = challenge;
  *out_tests = challenge != NULL || (flags & VIVA_CODE_QUESTION_ASKS_TO_WRITE) != 0;

  if (typed == NULL)
    typed = viva_interview_item_get_code (item);
  if (typed != NULL)
    return g_strdup (typed);
  if (challenge != NULL)
    return g_strdup (viva_challenge_get_starter (challenge));
  if (question != NULL)
    return viva_code_extract_from_question (question);

  return viva_code_extract_from_markdown (viva_interview_item_get_text (item));
}

/**
 * _viva_interview_live_page_show_item_code:
 * @item: (nullable): the question shown
 *
 * The pad follows the question shown. A run still going when the
 * interviewer moves on is stopped, and the notes of the question it
 * ran for say so.
 */
void
_viva_interview_live_page_show_item_code (VivaInterviewLivePage *self,
                                          VivaInterviewItem     *item)
{
  g_autofree char *code = NULL;
  VivaChallenge *challenge = NULL;
  gboolean tests = FALSE;

  viva_code_pad_set_editable (self->code_pad, _viva_interview_live_page_get_live (self));

  if (item == self->pad_item)
    return;

  if (viva_code_pad_get_running (self->code_pad) && self->run_item != NULL)
    {
      g_autofree char *output = viva_code_pad_dup_output (self->code_pad);
      g_autofree char *run_code = g_strdup (self->run_code);

      stamp_run (self, _("Stopped: you moved to another question."), run_code != NULL ? run_code : "", output);
    }

  /* Stops a run without reporting it: it was reported above. */
  viva_code_pad_clear (self->code_pad);
  g_clear_object (&self->run_item);
  g_set_object (&self->pad_item, item);

  if (item != NULL)
    code = dup_item_code (self, item, &challenge, &tests);

  viva_code_pad_set_challenge (self->code_pad, challenge);
  viva_code_pad_set_tests (self->code_pad, tests);

  self->loading_code = TRUE;
  viva_code_pad_set_code (self->code_pad, code != NULL ? code : "");
  self->loading_code = FALSE;
}

/**
 * _viva_interview_live_page_style_notes_code:
 *
 * Fenced code in the notes field (the pad's runs, or code fenced by
 * hand) reads as code: in monospace, as the PDF prints it. Called after
 * every change of the notes; a tag is no edit, so it leaves the undo
 * history alone.
 */
void
_viva_interview_live_page_style_notes_code (VivaInterviewLivePage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->notes_view));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "viva-code");
  g_autoptr(GArray) spans = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  const char *counted;
  glong offset = 0;

  if (tag == NULL)
    tag = gtk_text_buffer_create_tag (buffer, "viva-code", "family", "Monospace", NULL);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, tag, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  spans = viva_markdown_split_fences (text);

  /* Offsets in characters, counted on from one span to the next. */
  counted = text;
  for (guint i = 0; i < spans->len; i++)
    {
      const VivaMarkdownSpan *span = &g_array_index (spans, VivaMarkdownSpan, i);
      glong span_start;

      if (!span->code)
        continue;

      offset += g_utf8_pointer_to_offset (counted, text + span->start);
      span_start = offset;
      offset += g_utf8_pointer_to_offset (text + span->start, text + span->end);
      counted = text + span->end;

      gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) span_start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) offset);
      gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
    }
}

gboolean
_viva_interview_live_page_get_code_pad_shown (VivaInterviewLivePage *self)
{
  return gtk_revealer_get_reveal_child (self->code_revealer);
}

void
_viva_interview_live_page_set_code_pad_shown (VivaInterviewLivePage *self,
                                              gboolean               shown)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (shown == _viva_interview_live_page_get_code_pad_shown (self))
    return;

  gtk_revealer_set_reveal_child (self->code_revealer, shown);

  /* Shown to be typed in: the editor takes the keyboard. Hidden with
   * the focus inside: back to the notes, not lost. */
  if (shown)
    gtk_widget_grab_focus (GTK_WIDGET (viva_code_pad_get_view (self->code_pad)));
  else if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->code_pad)))
    gtk_widget_grab_focus (GTK_WIDGET (self->notes_view));

  g_object_notify (G_OBJECT (self), "code-pad-shown");
}

void
_viva_interview_live_page_init_code_pad (VivaInterviewLivePage *self)
{
  self->pad_code = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, g_free);

  g_signal_connect_object (self->code_pad, "notify::running",
                           G_CALLBACK (viva_interview_live_page_running_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->code_pad, "run-finished",
                           G_CALLBACK (viva_interview_live_page_run_finished_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->code_pad, "tests-finished",
                           G_CALLBACK (viva_interview_live_page_tests_finished_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viva_code_pad_get_buffer (self->code_pad), "changed",
                           G_CALLBACK (viva_interview_live_page_code_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

/* A new interview: nothing typed for the last one's questions is kept. */
void
_viva_interview_live_page_forget_code (VivaInterviewLivePage *self)
{
  g_hash_table_remove_all (self->pad_code);
}

void
_viva_interview_live_page_dispose_code_pad (VivaInterviewLivePage *self)
{
  g_clear_object (&self->pad_item);
  g_clear_object (&self->run_item);
  g_clear_pointer (&self->run_code, g_free);
  g_clear_pointer (&self->pad_code, g_hash_table_unref);
}
