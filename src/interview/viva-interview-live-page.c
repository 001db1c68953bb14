/* viva-interview-live-page.c
 *
 * The page an interviewer keeps open while listening: the current
 * question large, the clocks (this question and the whole interview,
 * each against its budget), the rating, a notes field whose paragraphs
 * are stamped with the time as they are begun, the interviewer's own
 * study notes for the question as an answer key, and a way to add an
 * unplanned question without leaving the page. What the interviewer
 * does from it (moving between questions, finishing, adding a
 * question, the keys) is viva-interview-live-page-actions.c; the code
 * pad under the notes, and the runs it stamps into them,
 * viva-interview-live-page-code.c.
 *
 * The page changes the interview; VivaInterviewStore saves it on its
 * ::changed signal. While the clock runs, the page also checkpoints the
 * interview every 30 s, so that a crash loses at most that much time,
 * and never a note.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>
#include <string.h>

#include "viva-bank.h"
#include "viva-context.h"
#include "viva-interview-live-page-private.h"
#include "viva-level.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-question.h"
#include "viva-time-format.h"
#include "viva-topic.h"

/* The clocks are recomputed from the interview this often. */
#define TICK_MSEC 250
/* 30 s of ticks between checkpoints of a running interview. */
#define CHECKPOINT_EVERY_TICKS 120

G_DEFINE_FINAL_TYPE (VivaInterviewLivePage, viva_interview_live_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_INTERVIEW,
  PROP_PAUSED,
  PROP_RATING,
  PROP_CANDIDATE_SHOWN,
  PROP_CODE_PAD_SHOWN,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Left to right on the page; the keys are the enum's values. */
static const VivaInterviewRating rating_order[] = {
  VIVA_INTERVIEW_RATING_STRONG_NO,
  VIVA_INTERVIEW_RATING_NO,
  VIVA_INTERVIEW_RATING_YES,
  VIVA_INTERVIEW_RATING_STRONG_YES,
  VIVA_INTERVIEW_RATING_NONE,
};

static gboolean
viva_interview_live_page_get_running (VivaInterviewLivePage *self)
{
  return self->interview != NULL &&
         viva_interview_get_state (self->interview) == VIVA_INTERVIEW_STATE_RUNNING;
}

gboolean
_viva_interview_live_page_get_live (VivaInterviewLivePage *self)
{
  return self->interview != NULL &&
         viva_interview_get_unfinished (self->interview) &&
         !viva_interview_get_read_only (self->interview);
}

VivaInterviewItem *
_viva_interview_live_page_get_shown_item (VivaInterviewLivePage *self)
{
  if (self->interview == NULL || self->shown >= viva_interview_get_n_items (self->interview))
    return NULL;

  return viva_interview_get_item (self->interview, self->shown);
}

/* The keyboard goes to the rating the shown question has. */
void
_viva_interview_live_page_focus_rating (VivaInterviewLivePage *self)
{
  VivaInterviewRating rating = VIVA_INTERVIEW_RATING_NONE;
  VivaInterviewItem *item = _viva_interview_live_page_get_shown_item (self);

  if (item != NULL)
    rating = viva_interview_item_get_rating (item);
  for (guint i = 0; i < G_N_ELEMENTS (rating_order); i++)
    {
      if (rating_order[i] == rating)
        gtk_widget_grab_focus (self->rating_buttons[i]);
    }
}

/* "3:10 / 5:00", flagged when over; "3:10" with no budget. */
static void
set_clock_label (GtkLabel *label,
                 gint64    spent,
                 gint64    budget)
{
  g_autofree char *over = NULL;
  g_autofree char *text = viva_format_time_against_budget (spent, budget, &over);

  gtk_label_set_label (label, text);

  if (over != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (label), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), over);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), NULL);
    }
}

static void
viva_interview_live_page_update_clocks (VivaInterviewLivePage *self)
{
  VivaInterviewItem *item = _viva_interview_live_page_get_shown_item (self);

  if (item == NULL)
    {
      gtk_label_set_label (self->question_time_label, "");
      gtk_label_set_label (self->total_time_label, "");
      return;
    }

  set_clock_label (self->question_time_label,
                   viva_interview_get_item_elapsed (self->interview, self->shown),
                   viva_interview_item_get_budget (item));
  set_clock_label (self->total_time_label,
                   viva_interview_get_elapsed (self->interview),
                   viva_interview_get_total_budget (self->interview));
}

static void
viva_interview_live_page_update_actions (VivaInterviewLivePage *self)
{
  gboolean live = _viva_interview_live_page_get_live (self);
  guint n_items = self->interview != NULL ? viva_interview_get_n_items (self->interview) : 0;
  guint current = self->interview != NULL ? viva_interview_get_current (self->interview) : 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "live.previous", live && current > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "live.next", live && current + 1 < n_items);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "live.paused", live);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "live.rating", live && n_items > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "live.finish", live);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "live.add-question",
                                 live && n_items < VIVA_INTERVIEW_MAX_ITEMS);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "live.candidate-shown", self->interview != NULL);
  /* Runs go into the notes: only while they can be written. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "live.code-pad-shown", live && n_items > 0);
  if (!(live && n_items > 0))
    _viva_interview_live_page_set_code_pad_shown (self, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button),
                            live && n_items < VIVA_INTERVIEW_MAX_ITEMS);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->notes_view), live && n_items > 0);
}

/* The bank the interview's question numbers belong to: the one it
 * recorded, or, for an interview from before Viva recorded it, the
 * bank open now. */
const char *
_viva_interview_live_page_get_bank_id (VivaInterviewLivePage *self)
{
  const char *bank = self->interview != NULL ? viva_interview_get_bank (self->interview) : "";

  if (bank[0] != '\0')
    return bank;

  return self->bank != NULL ? viva_bank_get_id (self->bank) : NULL;
}

static void
viva_interview_live_page_update_answer_key (VivaInterviewLivePage *self,
                                            VivaInterviewItem     *item)
{
  VivaNotesStore *notes = self->context != NULL ? viva_context_get_notes_store (self->context) : NULL;
  VivaNote *note = NULL;

  if (item != NULL && viva_interview_item_get_number (item) != 0 && notes != NULL)
    {
      const char *bank = _viva_interview_live_page_get_bank_id (self);

      if (bank != NULL)
        note = viva_notes_store_lookup_note (notes, bank, viva_interview_item_get_number (item));
    }

  if (note != NULL && viva_note_get_has_text (note))
    {
      gtk_label_set_label (self->key_label, viva_note_get_text (note));
      gtk_widget_remove_css_class (GTK_WIDGET (self->key_label), "dim-label");
    }
  else
    {
      gtk_label_set_label (self->key_label,
                           item != NULL && viva_interview_item_get_number (item) == 0
                           ? _("This question is your own, so there are no study notes for it.")
                           : _("You have no study notes for this question. Notes you write while studying appear here."));
      gtk_widget_add_css_class (GTK_WIDGET (self->key_label), "dim-label");
    }
}

static void
viva_interview_live_page_update_context (VivaInterviewLivePage *self,
                                         VivaInterviewItem     *item)
{
  VivaQuestion *question = NULL;
  GString *context;

  if (viva_interview_item_get_number (item) == 0)
    {
      gtk_label_set_label (self->context_label, _("Your own question"));
      return;
    }

  /* Level and topic only from the bank the numbers are of. */
  if (self->bank != NULL &&
      g_strcmp0 (_viva_interview_live_page_get_bank_id (self), viva_bank_get_id (self->bank)) == 0)
    question = viva_bank_lookup_question (self->bank, viva_interview_item_get_number (item));

  context = g_string_new (NULL);
  /* Translators: a question's number in the bank. */
  g_string_append_printf (context, _("Question %u"), viva_interview_item_get_number (item));
  if (question != NULL)
    {
      VivaTopic *topic = viva_question_get_topic (question);

      g_string_append (context, " · ");
      g_string_append (context, viva_level_get_title (viva_question_get_level (question)));
      if (topic != NULL)
        {
          g_string_append (context, " · ");
          g_string_append (context, viva_topic_get_name (topic));
        }
    }

  gtk_label_set_label (self->context_label, context->str);
  g_string_free (context, TRUE);
}

static void
viva_interview_live_page_update_rating (VivaInterviewLivePage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATING]);
}

/* Shows the current question: everything but the clocks' ticking. */
static void
viva_interview_live_page_update (VivaInterviewLivePage *self)
{
  VivaInterviewItem *item;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->notes_view));
  guint n_items = self->interview != NULL ? viva_interview_get_n_items (self->interview) : 0;

  self->shown = self->interview != NULL ? viva_interview_get_current (self->interview) : 0;
  item = _viva_interview_live_page_get_shown_item (self);

  if (item == NULL)
    {
      gtk_label_set_label (self->progress_label, "");
      gtk_label_set_text (self->question_label, _("No questions are planned."));
      gtk_label_set_label (self->context_label, "");
    }
  else
    {
      g_autofree char *progress = NULL;
      g_autofree char *markup = NULL;

      /* Translators: "Question 2 of 5". */
      progress = g_strdup_printf (_("Question %u of %u"), self->shown + 1, n_items);
      gtk_label_set_label (self->progress_label, progress);
      markup = viva_bank_dup_question_markup (self->bank, _viva_interview_live_page_get_bank_id (self),
                                              viva_interview_item_get_number (item), viva_interview_item_get_text (item));
      gtk_label_set_markup (self->question_label, markup);
      viva_interview_live_page_update_context (self, item);
    }

  viva_interview_live_page_update_answer_key (self, item);
  _viva_interview_live_page_update_own (self, item);
  _viva_interview_live_page_show_item_code (self, item);

  /* The notes are replaced only when they differ, so that an update
   * caused by typing never moves the cursor. */
  {
    g_autofree char *text = NULL;
    GtkTextIter start, end;
    const char *notes = item != NULL ? viva_interview_item_get_notes (item) : "";

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
    if (strcmp (text, notes) != 0)
      {
        self->updating_notes = TRUE;
        gtk_text_buffer_begin_irreversible_action (buffer);
        gtk_text_buffer_set_text (buffer, notes, -1);
        gtk_text_buffer_end_irreversible_action (buffer);
        gtk_text_buffer_get_end_iter (buffer, &end);
        gtk_text_buffer_place_cursor (buffer, &end);
        self->updating_notes = FALSE;
        _viva_interview_live_page_style_notes_code (self);
      }
  }

  viva_interview_live_page_update_rating (self);
  viva_interview_live_page_update_clocks (self);
  viva_interview_live_page_update_actions (self);
}

/* Writes the buffer to the interview, stamping the paragraphs the edit
 * began. Never from inside an insertion, whose iterators the stamps
 * would invalidate: typing and pasting are user actions, and their
 * notes are written when the action ends. */
static void
viva_interview_live_page_sync_notes (VivaInterviewLivePage *self,
                                     GtkTextBuffer         *buffer)
{
  VivaInterviewItem *item = _viva_interview_live_page_get_shown_item (self);
  g_autofree char *text = NULL;
  g_autofree char *stamped = NULL;
  g_autoptr(GArray) insertions = NULL;
  GtkTextIter start, end;

  self->notes_pending = FALSE;

  if (self->updating_notes || item == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);

  if (viva_interview_get_state (self->interview) != VIVA_INTERVIEW_STATE_PLANNED)
    stamped = viva_interview_stamp_paragraphs_full (viva_interview_item_get_notes (item), text,
                                                    viva_interview_get_elapsed (self->interview),
                                                    &insertions);

  /* The stamps go into the buffer where they belong, last first so
   * that the offsets before them stay right: the cursor moves with the
   * text, and the stamp is undone with the typing that caused it. */
  if (insertions != NULL && insertions->len > 0)
    {
      gsize added = 0;

      for (guint i = 0; i < insertions->len; i++)
        added += g_array_index (insertions, VivaStampInsertion, i).length;

      self->updating_notes = TRUE;
      for (guint i = insertions->len; i > 0; i--)
        {
          const VivaStampInsertion *ins = &g_array_index (insertions, VivaStampInsertion, i - 1);
          GtkTextIter iter;

          /* Where this stamp sits in the stamped text: after the ones
           * before it. */
          added -= ins->length;
          gtk_text_buffer_get_iter_at_offset (buffer, &iter,
                                              (int) g_utf8_pointer_to_offset (text, text + ins->offset));
          gtk_text_buffer_insert (buffer, &iter, stamped + ins->offset + added, (int) ins->length);
        }
      self->updating_notes = FALSE;
    }

  _viva_interview_live_page_style_notes_code (self);

  if (!viva_interview_set_item_notes (self->interview, self->shown, stamped != NULL ? stamped : text))
    {
      AdwToastOverlay *overlay;

      /* Too long: the buffer goes back to what is kept, so that the
       * screen never shows notes that are not saved. */
      self->updating_notes = TRUE;
      gtk_text_buffer_set_text (buffer, viva_interview_item_get_notes (item), -1);
      self->updating_notes = FALSE;
      _viva_interview_live_page_style_notes_code (self);

      overlay = (AdwToastOverlay *) gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
      if (overlay != NULL)
        adw_toast_overlay_add_toast (overlay,
                                     adw_toast_new (_("The notes for one question are limited to 1 MB.")));
      else
        gtk_widget_error_bell (GTK_WIDGET (self));
    }
}

static void
viva_interview_live_page_notes_changed_cb (VivaInterviewLivePage *self,
                                           GtkTextBuffer         *buffer)
{
  if (self->updating_notes)
    return;

  if (self->in_user_action)
    self->notes_pending = TRUE;
  else
    viva_interview_live_page_sync_notes (self, buffer);
}

static void
viva_interview_live_page_begin_user_action_cb (VivaInterviewLivePage *self)
{
  self->in_user_action = TRUE;
}

static void
viva_interview_live_page_end_user_action_cb (VivaInterviewLivePage *self,
                                             GtkTextBuffer         *buffer)
{
  self->in_user_action = FALSE;
  if (self->notes_pending)
    viva_interview_live_page_sync_notes (self, buffer);
}

static void
viva_interview_live_page_update_inhibit (VivaInterviewLivePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  gboolean running = viva_interview_live_page_get_running (self);

  if (running && self->inhibit_cookie == 0 && app != NULL)
    self->inhibit_cookie = gtk_application_inhibit (app, GTK_WINDOW (root),
                                                    GTK_APPLICATION_INHIBIT_IDLE | GTK_APPLICATION_INHIBIT_SUSPEND,
                                                    _("An interview is running"));
  else if (!running && self->inhibit_cookie != 0)
    {
      GApplication *default_app = g_application_get_default ();

      if (GTK_IS_APPLICATION (default_app))
        gtk_application_uninhibit (GTK_APPLICATION (default_app), self->inhibit_cookie);
      self->inhibit_cookie = 0;
    }
}

static gboolean
viva_interview_live_page_tick_cb (gpointer data)
{
  VivaInterviewLivePage *self = data;

  viva_interview_live_page_update_clocks (self);

  if (++self->ticks % CHECKPOINT_EVERY_TICKS == 0)
    viva_interview_checkpoint (self->interview);

  return G_SOURCE_CONTINUE;
}

static void
viva_interview_live_page_state_changed (VivaInterviewLivePage *self)
{
  gboolean running = viva_interview_live_page_get_running (self);

  if (running && self->tick_source == 0)
    {
      self->tick_source = g_timeout_add (TICK_MSEC, viva_interview_live_page_tick_cb, self);
      g_source_set_name_by_id (self->tick_source, "[viva] interview clock");
    }
  else if (!running)
    g_clear_handle_id (&self->tick_source, g_source_remove);

  viva_interview_live_page_update_inhibit (self);
  viva_interview_live_page_update_clocks (self);
  viva_interview_live_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

static void
viva_interview_live_page_item_changed_cb (VivaInterviewLivePage *self,
                                          guint                  index)
{
  if (index == self->shown)
    viva_interview_live_page_update (self);
}

/* The open bank: the level and topic of its questions, and how their
 * code reads. The question picker and the candidate window follow the
 * same context themselves. */
static void
viva_interview_live_page_bank_changed_cb (VivaInterviewLivePage *self)
{
  VivaBank *bank = self->context != NULL ? viva_context_get_bank (self->context) : NULL;

  if (g_set_object (&self->bank, bank))
    viva_interview_live_page_update (self);
}

static void
viva_interview_live_page_set_context (VivaInterviewLivePage *self,
                                      VivaContext           *context)
{
  VivaBank *bank;

  g_return_if_fail (context == NULL || VIVA_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;

  g_signal_group_set_target (self->context_signals, context);
  bank = context != NULL ? viva_context_get_bank (context) : NULL;
  g_set_object (&self->bank, bank);
  /* The answer key comes from the context's notes too. */
  viva_interview_live_page_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/* GTK owns toplevels: the page only points at the window while it
 * exists, and forgets it when it is destroyed, by the page or by the
 * user closing it. */
static void
viva_interview_live_page_candidate_closed_cb (VivaInterviewLivePage *self)
{
  self->candidate_window = NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CANDIDATE_SHOWN]);
}

static void
viva_interview_live_page_set_candidate_shown (VivaInterviewLivePage *self,
                                              gboolean               shown)
{
  if (shown == (self->candidate_window != NULL))
    return;

  if (shown)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (self->interview == NULL)
        return;

      /* Not transient for the main window: it is moved to another
       * screen or shared on its own. */
      self->candidate_window = viva_candidate_window_new (self->context, self->interview);
      if (GTK_IS_WINDOW (root) && gtk_window_get_application (GTK_WINDOW (root)) != NULL)
        gtk_window_set_application (GTK_WINDOW (self->candidate_window),
                                    gtk_window_get_application (GTK_WINDOW (root)));
      g_signal_connect_object (self->candidate_window, "destroy",
                               G_CALLBACK (viva_interview_live_page_candidate_closed_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (self->candidate_window));
    }
  else
    {
      /* Destroying it runs the callback, which notifies. */
      gtk_window_destroy (GTK_WINDOW (self->candidate_window));
      return;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CANDIDATE_SHOWN]);
}

/* Properties */

static gboolean
viva_interview_live_page_get_paused (VivaInterviewLivePage *self)
{
  return self->interview != NULL &&
         viva_interview_get_state (self->interview) == VIVA_INTERVIEW_STATE_PAUSED;
}

static void
viva_interview_live_page_set_paused (VivaInterviewLivePage *self,
                                     gboolean               paused)
{
  if (self->interview == NULL || paused == viva_interview_live_page_get_paused (self))
    return;

  if (paused)
    viva_interview_pause (self->interview);
  else
    viva_interview_resume (self->interview);
}

static int
viva_interview_live_page_get_rating (VivaInterviewLivePage *self)
{
  VivaInterviewItem *item = _viva_interview_live_page_get_shown_item (self);

  return item != NULL ? (int) viva_interview_item_get_rating (item) : (int) VIVA_INTERVIEW_RATING_NONE;
}

static void
viva_interview_live_page_set_rating (VivaInterviewLivePage *self,
                                     int                    rating)
{
  if (_viva_interview_live_page_get_shown_item (self) == NULL ||
      rating < 0 || rating >= VIVA_INTERVIEW_N_RATINGS)
    return;

  /* The item's ::item-changed notifies "rating". */
  viva_interview_set_item_rating (self->interview, self->shown, (VivaInterviewRating) rating);
}

static void
viva_interview_live_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (viva_interview_live_page_parent_class)->map (widget);

  /* The page may have been given a running interview before it had a
   * window to inhibit suspend for. */
  viva_interview_live_page_update_inhibit (VIVA_INTERVIEW_LIVE_PAGE (widget));
}

static void
viva_interview_live_page_dispose (GObject *object)
{
  VivaInterviewLivePage *self = (VivaInterviewLivePage *)object;

  g_clear_handle_id (&self->tick_source, g_source_remove);
  if (self->inhibit_cookie != 0)
    {
      GApplication *app = g_application_get_default ();

      if (GTK_IS_APPLICATION (app))
        gtk_application_uninhibit (GTK_APPLICATION (app), self->inhibit_cookie);
      self->inhibit_cookie = 0;
    }
  if (self->candidate_window != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->candidate_window,
                                            viva_interview_live_page_candidate_closed_cb, self);
      gtk_window_destroy (GTK_WINDOW (self->candidate_window));
      self->candidate_window = NULL;
    }
  if (self->signals != NULL)
    g_signal_group_set_target (self->signals, NULL);
  if (self->context_signals != NULL)
    g_signal_group_set_target (self->context_signals, NULL);
  g_clear_object (&self->signals);
  g_clear_object (&self->context_signals);
  g_clear_object (&self->context);
  g_clear_object (&self->interview);
  g_clear_object (&self->bank);
  _viva_interview_live_page_dispose_code_pad (self);
  g_clear_pointer (&self->saved_own, g_hash_table_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_INTERVIEW_LIVE_PAGE);

  G_OBJECT_CLASS (viva_interview_live_page_parent_class)->dispose (object);
}

static void
viva_interview_live_page_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  VivaInterviewLivePage *self = VIVA_INTERVIEW_LIVE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_INTERVIEW:
      g_value_set_object (value, self->interview);
      break;

    case PROP_PAUSED:
      g_value_set_boolean (value, viva_interview_live_page_get_paused (self));
      break;

    case PROP_RATING:
      g_value_set_int (value, viva_interview_live_page_get_rating (self));
      break;

    case PROP_CANDIDATE_SHOWN:
      g_value_set_boolean (value, self->candidate_window != NULL);
      break;

    case PROP_CODE_PAD_SHOWN:
      g_value_set_boolean (value, _viva_interview_live_page_get_code_pad_shown (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_interview_live_page_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  VivaInterviewLivePage *self = VIVA_INTERVIEW_LIVE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      viva_interview_live_page_set_context (self, g_value_get_object (value));
      break;

    case PROP_INTERVIEW:
      viva_interview_live_page_set_interview (self, g_value_get_object (value));
      break;

    case PROP_PAUSED:
      viva_interview_live_page_set_paused (self, g_value_get_boolean (value));
      break;

    case PROP_RATING:
      viva_interview_live_page_set_rating (self, g_value_get_int (value));
      break;

    case PROP_CANDIDATE_SHOWN:
      viva_interview_live_page_set_candidate_shown (self, g_value_get_boolean (value));
      break;

    case PROP_CODE_PAD_SHOWN:
      _viva_interview_live_page_set_code_pad_shown (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_interview_live_page_class_init (VivaInterviewLivePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_interview_live_page_dispose;
  object_class->get_property = viva_interview_live_page_get_property;
  object_class->set_property = viva_interview_live_page_set_property;

  widget_class->map = viva_interview_live_page_map;

  /**
   * VivaInterviewLivePage:context:
   *
   * The open bank, whose questions the page shows with their level and
   * topic, and the notes the answer key comes from.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         VIVA_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_INTERVIEW] =
    g_param_spec_object ("interview", NULL, NULL,
                         VIVA_TYPE_INTERVIEW,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_RATING] =
    g_param_spec_int ("rating", NULL, NULL,
                      0, VIVA_INTERVIEW_N_RATINGS - 1, VIVA_INTERVIEW_RATING_NONE,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CANDIDATE_SHOWN] =
    g_param_spec_boolean ("candidate-shown", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * VivaInterviewLivePage:code-pad-shown:
   *
   * The code pad shows under the notes (see
   * viva-interview-live-page-code.c); never in the candidate window.
   */
  properties[PROP_CODE_PAD_SHOWN] =
    g_param_spec_boolean ("code-pad-shown", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VivaInterviewLivePage::finished:
   *
   * The interviewer finished the interview: on to the wrap-up.
   */
  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (VIVA_TYPE_QUESTION_PICKER);
  g_type_ensure (VIVA_TYPE_CODE_PAD);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-interview-live-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewLivePage, columns);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewLivePage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewLivePage, question_time_label);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewLivePage, total_time_label);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewLivePage, question_label);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewLivePage, context_label);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewLivePage, save_own_button);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewLivePage, rating_box);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewLivePage, notes_view);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewLivePage, key_label);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewLivePage, add_button);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewLivePage, picker);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewLivePage, code_revealer);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewLivePage, code_pad);

  _viva_interview_live_page_class_actions_init (widget_class);
  _viva_interview_live_page_class_own_init (widget_class);
  gtk_widget_class_install_property_action (widget_class, "live.paused", "paused");
  gtk_widget_class_install_property_action (widget_class, "live.rating", "rating");
  gtk_widget_class_install_property_action (widget_class, "live.candidate-shown", "candidate-shown");
  gtk_widget_class_install_property_action (widget_class, "live.code-pad-shown", "code-pad-shown");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
viva_interview_live_page_init (VivaInterviewLivePage *self)
{
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (rating_order); i++)
    {
      VivaInterviewRating rating = rating_order[i];
      GtkWidget *button;
      g_autofree char *tooltip = NULL;

      button = gtk_toggle_button_new_with_label (viva_interview_rating_get_label (rating));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "live.rating");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", (gint32) rating);
      /* Translators: a rating button's tooltip, "Strong No (1)". */
      tooltip = g_strdup_printf (_("%s (%d)"), viva_interview_rating_get_label (rating), (int) rating);
      gtk_widget_set_tooltip_text (button, tooltip);
      /* Coloured as the wrap-up's verdict (style.css). */
      gtk_widget_add_css_class (button, viva_interview_rating_to_string (rating));
      gtk_box_append (self->rating_box, button);
      self->rating_buttons[i] = button;
    }

  self->context_signals = g_signal_group_new (VIVA_TYPE_CONTEXT);
  g_signal_group_connect_object (self->context_signals, "notify::bank",
                                 G_CALLBACK (viva_interview_live_page_bank_changed_cb),
                                 self, G_CONNECT_SWAPPED);

  self->signals = g_signal_group_new (VIVA_TYPE_INTERVIEW);
  g_signal_group_connect_swapped (self->signals, "notify::current",
                                  G_CALLBACK (viva_interview_live_page_update), self);
  g_signal_group_connect_swapped (self->signals, "items-changed",
                                  G_CALLBACK (viva_interview_live_page_update), self);
  g_signal_group_connect_swapped (self->signals, "item-changed",
                                  G_CALLBACK (viva_interview_live_page_item_changed_cb), self);
  g_signal_group_connect_swapped (self->signals, "notify::state",
                                  G_CALLBACK (viva_interview_live_page_state_changed), self);
  g_signal_group_connect_swapped (self->signals, "notify::total-budget",
                                  G_CALLBACK (viva_interview_live_page_update_clocks), self);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->notes_view));
  g_signal_connect_object (buffer, "changed",
                           G_CALLBACK (viva_interview_live_page_notes_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "begin-user-action",
                           G_CALLBACK (viva_interview_live_page_begin_user_action_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "end-user-action",
                           G_CALLBACK (viva_interview_live_page_end_user_action_cb),
                           self, G_CONNECT_SWAPPED);

  _viva_interview_live_page_init_actions (self);
  _viva_interview_live_page_init_code_pad (self);

  viva_interview_live_page_update (self);
}

VivaInterview *
viva_interview_live_page_get_interview (VivaInterviewLivePage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_LIVE_PAGE (self), NULL);

  return self->interview;
}

void
viva_interview_live_page_set_interview (VivaInterviewLivePage *self,
                                        VivaInterview         *interview)
{
  g_return_if_fail (VIVA_IS_INTERVIEW_LIVE_PAGE (self));
  g_return_if_fail (interview == NULL || VIVA_IS_INTERVIEW (interview));

  if (!g_set_object (&self->interview, interview))
    return;

  g_signal_group_set_target (self->signals, interview);
  self->ticks = 0;
  _viva_interview_live_page_forget_code (self);

  /* The candidate window shows one interview: never the next one's
   * questions before the interviewer opens it again. */
  if (self->candidate_window != NULL)
    viva_interview_live_page_set_candidate_shown (self, FALSE);

  viva_interview_live_page_update (self);
  viva_interview_live_page_state_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVIEW]);
}

VivaCandidateWindow *
viva_interview_live_page_get_candidate_window (VivaInterviewLivePage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_LIVE_PAGE (self), NULL);

  return self->candidate_window;
}

GtkTextView *
viva_interview_live_page_get_notes_view (VivaInterviewLivePage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_LIVE_PAGE (self), NULL);

  return GTK_TEXT_VIEW (self->notes_view);
}

const char *
viva_interview_live_page_get_answer_key (VivaInterviewLivePage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_LIVE_PAGE (self), NULL);

  return gtk_label_get_label (self->key_label);
}

/* What a clock shows, for tests: the whole interview's or the
 * question's. */
const char *
viva_interview_live_page_get_clock_text (VivaInterviewLivePage *self,
                                         gboolean               whole_interview)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_LIVE_PAGE (self), NULL);

  viva_interview_live_page_update_clocks (self);

  return gtk_label_get_label (whole_interview ? self->total_time_label : self->question_time_label);
}

VivaQuestionPicker *
viva_interview_live_page_get_question_picker (VivaInterviewLivePage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_LIVE_PAGE (self), NULL);

  return self->picker;
}

/* The question as it reads on the page, for tests. */
GtkLabel *
viva_interview_live_page_get_question_label (VivaInterviewLivePage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_LIVE_PAGE (self), NULL);

  return self->question_label;
}

/* The code pad under the notes, shown or not, for tests. */
VivaCodePad *
viva_interview_live_page_get_code_pad (VivaInterviewLivePage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_LIVE_PAGE (self), NULL);

  return self->code_pad;
}
