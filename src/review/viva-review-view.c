/* viva-review-view.c
 *
 * Review: today's questions one at a time, as the schedule orders them
 * (viva_review_queue_build()). The question comes alone; the user
 * answers in their head, shows their notes to compare (Space), and
 * grades the answer Again / Hard / Good / Easy (keys 1-4), each button
 * saying when that grade would bring the question back.
 *
 * The grades appear only once the notes are shown, as in Anki: a grade
 * is a verdict on an answer checked against something, and making the
 * check one key away keeps the verdicts honest. After the reveal the
 * Good button has the focus, so Space twice is "I knew it", as in Anki.
 *
 * A grade is a review with the source "review" (viva_note_review()),
 * and also sets the question's study status, as a mock interview rating
 * does. Undo (Ctrl+Z) takes grades back, newest first, with
 * viva_note_undo_review(); a note keeps only its last review's undo, so
 * a question graded twice in a sitting can be taken back once. Nothing
 * is graded while the notes file is read-only: the view says so instead.
 *
 * The bank, the notes, the time and the daily limits come from the
 * context, whose VivaReviewToday also counts for the sidebar's button;
 * in tests a fake clock there stands for the wall clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "viva-bank.h"
#include "viva-context.h"
#include "viva-level.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-question.h"
#include "viva-review-today.h"
#include "viva-review-view.h"
#include "viva-topic.h"

#define N_GRADES (VIVA_REVIEW_GRADE_EASY + 1)

/* One grade given in this view, as Undo needs it. */
typedef struct
{
  VivaNote     *note;
  VivaQuestion *question;
  gint64        reviewed_at;
  VivaStatus    status_before;
  VivaStatus    status_after;
} VivaReviewGrading;

struct _VivaReviewView
{
  GtkWidget          parent_instance;

  /* Owned */
  VivaContext       *context;
  GSignalGroup      *context_signals;
  GSignalGroup      *today_signals;
  /* The context's, kept from its last notify::bank */
  VivaBank          *bank;
  VivaNotesStore    *notes;
  GSignalGroup      *notes_signals;
  /* VivaQuestion: what is left of today, in order */
  GPtrArray         *queue;
  VivaQuestion      *question;
  /* VivaReviewGrading, oldest first */
  GArray            *undo;
  char              *progress;
  char              *hints[N_GRADES];
  char              *done_message;
  VivaReviewCounts   counts;
  /* Grades given today in this view, for "Question 3 of 20" */
  guint              answered;
  gint64             day_start;
  guint              revealed : 1;
  guint              language_set : 1;

  /* Template widgets */
  AdwWindowTitle    *title;
  AdwToastOverlay   *toast_overlay;
  GtkStack          *stack;
  GtkLabel          *progress_label;
  GtkWidget         *new_badge;
  GtkLabel          *context_label;
  GtkLabel          *question_label;
  GtkWidget         *notes_box;
  GtkWidget         *notes_frame;
  GtkWidget         *no_notes_label;
  GtkSourceView     *note_view;
  GtkStack          *answer_stack;
  GtkButton         *reveal_button;
  GtkButton         *grade_buttons[N_GRADES];
  GtkLabel          *grade_intervals[N_GRADES];
  AdwStatusPage     *done_page;
  GtkWidget         *limit_button;
};

G_DEFINE_FINAL_TYPE (VivaReviewView, viva_review_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_QUESTION,
  PROP_REVEALED,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  LEAVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
viva_review_grading_clear (gpointer data)
{
  VivaReviewGrading *grading = data;

  g_clear_object (&grading->note);
  g_clear_object (&grading->question);
}

static gint64
viva_review_view_now (VivaReviewView *self)
{
  return self->context != NULL ? viva_context_get_real_time (self->context) : g_get_real_time ();
}

static gboolean
viva_review_view_get_read_only (VivaReviewView *self)
{
  return self->notes == NULL || viva_notes_store_get_read_only (self->notes);
}

static void
viva_review_view_update_actions (VivaReviewView *self)
{
  gboolean asking = self->question != NULL &&
                    g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "question") == 0 &&
                    !viva_review_view_get_read_only (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.reveal", asking && !self->revealed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.grade", asking && self->revealed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.undo",
                                 self->undo->len > 0 && !viva_review_view_get_read_only (self));
}

static void
viva_review_view_set_page (VivaReviewView *self,
                           const char     *page)
{
  gtk_stack_set_visible_child_name (self->stack, page);
  viva_review_view_update_actions (self);
}

static void
viva_review_view_set_revealed (VivaReviewView *self,
                               gboolean        revealed)
{
  revealed = !!revealed;

  if (self->revealed == revealed)
    return;

  self->revealed = revealed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
}

/* The Markdown language costs a noticeable moment to load: only when
 * notes are first shown, not when the view is built. */
static void
viva_review_view_ensure_language (VivaReviewView *self)
{
  GtkSourceLanguageManager *languages;
  GtkTextBuffer *buffer;

  if (self->language_set)
    return;

  languages = gtk_source_language_manager_get_default ();
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->note_view));
  gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (buffer),
                                  gtk_source_language_manager_get_language (languages, "markdown"));
  self->language_set = TRUE;
}

static void
viva_review_view_update_style_scheme (VivaReviewView *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->note_view));
  const char *id = adw_style_manager_get_dark (style_manager) ? "Adwaita-dark" : "Adwaita";

  gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (buffer),
                                      gtk_source_style_scheme_manager_get_scheme (schemes, id));
}

static VivaNote *
viva_review_view_lookup_note (VivaReviewView *self,
                              VivaQuestion   *question)
{
  return viva_notes_store_lookup_note (self->notes, viva_bank_get_id (self->bank),
                                       viva_question_get_number (question));
}

static void
viva_review_view_build_queue (VivaReviewView      *self,
                              const VivaReviewDay *day)
{
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  self->queue = viva_review_today_build (viva_context_get_review_today (self->context),
                                         day, &self->counts);
}

/* "Question 3 of 20 · 5 new": the grades given here today, plus what
 * is left, the question on screen included. A question
 * answered Again comes back, so the total can grow by one. */
static void
viva_review_view_update_progress (VivaReviewView *self)
{
  guint left;

  if (self->question == NULL || self->queue == NULL)
    return;

  left = self->queue->len;
  if (!g_ptr_array_find (self->queue, self->question, NULL))
    left++;

  g_free (self->progress);
  if (self->counts.queued_new > 0)
    /* Translators: the position in today's Review, then how many of the
     * questions left Review has never asked. */
    self->progress = g_strdup_printf (_("Question %u of %u · %u new"),
                                      self->answered + 1, self->answered + left,
                                      self->counts.queued_new);
  else
    self->progress = g_strdup_printf (_("Question %u of %u"),
                                      self->answered + 1, self->answered + left);

  gtk_label_set_text (self->progress_label, self->progress);
}

/* Each button says when its grade would bring the question back: with
 * the configuration the note will be graded with, the store's (which
 * the context keeps as Preferences say), so that what the button says is
 * what the grade does. */
static void
viva_review_view_update_hints (VivaReviewView *self)
{
  VivaNote *note = viva_review_view_lookup_note (self, self->question);
  const VivaSchedulerConfig *config;
  VivaReviewState state;
  gint64 now = viva_review_view_now (self);

  if (note != NULL)
    {
      state = *viva_note_get_review_state (note);
      config = viva_note_get_scheduler_config (note);
    }
  else
    {
      viva_review_state_init (&state);
      config = viva_notes_store_get_scheduler_config (self->notes);
    }

  for (VivaReviewGrade grade = VIVA_REVIEW_GRADE_AGAIN; grade <= VIVA_REVIEW_GRADE_EASY; grade++)
    {
      g_autofree char *interval = viva_scheduler_format_interval (viva_scheduler_preview_interval (config, &state, grade, now));
      g_autofree char *label = NULL;

      g_free (self->hints[grade]);
      /* Translators: when a grade brings the question back, "in 4 days". */
      self->hints[grade] = g_strdup_printf (_("in %s"), interval);
      gtk_label_set_text (self->grade_intervals[grade], self->hints[grade]);

      /* Translators: a grade button for screen readers, "Good, in 4 days". */
      label = g_strdup_printf (_("%s, %s"), viva_review_grade_get_label (grade), self->hints[grade]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->grade_buttons[grade]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
    }
}

static void
viva_review_view_show_question (VivaReviewView *self)
{
  VivaQuestion *question = self->question;
  VivaNote *note = viva_review_view_lookup_note (self, question);
  VivaTopic *topic = viva_question_get_topic (question);
  g_autofree char *markup = viva_question_dup_markup (question);
  g_autofree char *context = NULL;

  if (topic != NULL)
    context = g_strdup_printf (_("Question %u · %s · %s"), viva_question_get_number (question),
                               viva_level_get_title (viva_question_get_level (question)),
                               viva_topic_get_name (topic));
  else
    context = g_strdup_printf (_("Question %u · %s"), viva_question_get_number (question),
                               viva_level_get_title (viva_question_get_level (question)));

  gtk_label_set_text (self->context_label, context);
  gtk_label_set_markup (self->question_label, markup);
  gtk_widget_set_visible (self->new_badge,
                          note == NULL || viva_review_state_is_new (viva_note_get_review_state (note)));

  /* The notes of the last question must not show for this one. Not a
   * GtkRevealer nor a GtkStack: they ask for their hidden child's
   * natural width, which would keep the window from getting narrow. */
  gtk_widget_set_visible (self->notes_box, FALSE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->note_view)), "", 0);
  gtk_stack_set_visible_child_name (self->answer_stack, "reveal");
  viva_review_view_set_revealed (self, FALSE);

  viva_review_view_update_progress (self);
  viva_review_view_update_hints (self);
  viva_review_view_set_page (self, "question");

  gtk_widget_grab_focus (GTK_WIDGET (self->reveal_button));
}

/* Nothing left for today: what was done, and what comes next. */
static void
viva_review_view_show_done (VivaReviewView      *self,
                            const VivaReviewDay *today)
{
  g_free (self->done_message);
  self->done_message = viva_review_counts_dup_summary (&self->counts, self->notes,
                                                       viva_bank_get_id (self->bank), self->bank, today);
  adw_status_page_set_description (self->done_page, self->done_message);
  gtk_widget_set_visible (self->limit_button, viva_review_counts_get_over_limit (&self->counts) > 0);

  viva_review_view_set_page (self, "done");
}

/* Builds what is left of today and asks its first question, or
 * @question: always when @force (the question a grade was taken back
 * from), otherwise if today still has it. */
static void
viva_review_view_show_next (VivaReviewView *self,
                            VivaQuestion   *question,
                            gboolean        force)
{
  VivaReviewDay day;

  if (self->bank == NULL || self->notes == NULL)
    return;

  if (viva_review_view_get_read_only (self))
    {
      g_clear_object (&self->question);
      viva_review_view_set_page (self, "read-only");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUESTION]);
      return;
    }

  viva_review_today_get_day (viva_context_get_review_today (self->context), &day);
  viva_review_view_build_queue (self, &day);

  if (question != NULL && !force && !g_ptr_array_find (self->queue, question, NULL))
    question = NULL;

  if (question == NULL && self->queue->len > 0)
    question = g_ptr_array_index (self->queue, 0);

  g_set_object (&self->question, question);

  if (question != NULL)
    viva_review_view_show_question (self);
  else
    viva_review_view_show_done (self, &day);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUESTION]);
}

/* Leaving a question is a natural point to persist, as in studying. */
static void
viva_review_view_save (VivaReviewView *self)
{
  if (viva_notes_store_get_dirty (self->notes) && !viva_notes_store_get_saving (self->notes))
    viva_notes_store_save_async (self->notes, NULL, NULL, NULL);
}

/* Actions */

static void
viva_review_view_reveal_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  VivaReviewView *self = VIVA_REVIEW_VIEW (widget);
  VivaNote *note;
  gboolean has_text;

  if (self->question == NULL || self->revealed)
    return;

  note = viva_review_view_lookup_note (self, self->question);
  has_text = note != NULL && viva_note_get_has_text (note);

  gtk_widget_set_visible (self->notes_box, TRUE);
  gtk_widget_set_visible (self->notes_frame, has_text);
  gtk_widget_set_visible (self->no_notes_label, !has_text);

  if (has_text)
    {
      viva_review_view_ensure_language (self);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->note_view)),
                                viva_note_get_text (note), -1);
    }

  gtk_stack_set_visible_child_name (self->answer_stack, "grade");
  viva_review_view_set_revealed (self, TRUE);
  viva_review_view_update_actions (self);

  gtk_widget_grab_focus (GTK_WIDGET (self->grade_buttons[VIVA_REVIEW_GRADE_GOOD]));
}

static void
viva_review_view_grade (VivaReviewView  *self,
                        VivaReviewGrade  grade)
{
  VivaReviewGrading grading;
  VivaNote *note;

  if (self->question == NULL || !self->revealed)
    return;

  if (viva_review_view_get_read_only (self))
    {
      viva_review_view_show_next (self, NULL, FALSE);
      return;
    }

  note = viva_notes_store_get_note (self->notes, viva_bank_get_id (self->bank),
                                    viva_question_get_number (self->question));

  grading.note = g_object_ref (note);
  grading.question = g_object_ref (self->question);
  grading.reviewed_at = viva_review_view_now (self);
  grading.status_before = viva_note_get_status (note);
  grading.status_after = viva_review_grade_to_status (grade);

  viva_note_grade (note, grade, grading.reviewed_at);
  g_array_append_val (self->undo, grading);
  self->answered++;

  viva_review_view_save (self);
  viva_review_view_show_next (self, NULL, FALSE);
}

static void
viva_review_view_grade_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  guint grade = g_variant_get_uint32 (param);

  g_return_if_fail (grade >= VIVA_REVIEW_GRADE_AGAIN && grade <= VIVA_REVIEW_GRADE_EASY);

  viva_review_view_grade (VIVA_REVIEW_VIEW (widget), (VivaReviewGrade) grade);
}

static void
viva_review_view_undo_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  VivaReviewView *self = VIVA_REVIEW_VIEW (widget);
  g_autoptr(VivaQuestion) question = NULL;
  VivaReviewGrading *last;

  if (self->undo->len == 0 || viva_review_view_get_read_only (self))
    return;

  last = &g_array_index (self->undo, VivaReviewGrading, self->undo->len - 1);

  /* The note keeps the undo of its last review only, and loses it when
   * a file from another Viva replaced it. */
  if (!viva_note_undo_review (last->note, last->reviewed_at))
    {
      g_array_set_size (self->undo, 0);
      viva_review_view_update_actions (self);
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("That grade can no longer be undone")));
      return;
    }

  /* Unless the status was changed since by hand. */
  if (viva_note_get_status (last->note) == last->status_after)
    viva_note_set_status (last->note, last->status_before);

  question = g_object_ref (last->question);
  g_array_set_size (self->undo, self->undo->len - 1);
  if (self->answered > 0)
    self->answered--;

  viva_review_view_save (self);
  viva_review_view_show_next (self, question, TRUE);
}

static void
viva_review_view_leave_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  g_signal_emit (widget, signals[LEAVE], 0);
}

/* Space shows the notes and 1-4 grade, wherever the focus is in the
 * view: in the capture phase, before a focused button takes Space as a
 * click or the read-only notes take Ctrl+Z. */
static gboolean
viva_review_view_key_pressed_cb (VivaReviewView        *self,
                                 guint                  keyval,
                                 guint                  keycode,
                                 GdkModifierType        state,
                                 GtkEventControllerKey *controller)
{
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK | GDK_SUPER_MASK);
  guint grade = 0;

  if (keyval == GDK_KEY_z && mods == GDK_CONTROL_MASK)
    return gtk_widget_activate_action (GTK_WIDGET (self), "review.undo", NULL);

  if (mods != 0 || self->question == NULL ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "question") != 0)
    return FALSE;

  if (keyval == GDK_KEY_space && !self->revealed)
    return gtk_widget_activate_action (GTK_WIDGET (self), "review.reveal", NULL);

  switch (keyval)
    {
    case GDK_KEY_1: case GDK_KEY_KP_1: grade = VIVA_REVIEW_GRADE_AGAIN; break;
    case GDK_KEY_2: case GDK_KEY_KP_2: grade = VIVA_REVIEW_GRADE_HARD; break;
    case GDK_KEY_3: case GDK_KEY_KP_3: grade = VIVA_REVIEW_GRADE_GOOD; break;
    case GDK_KEY_4: case GDK_KEY_KP_4: grade = VIVA_REVIEW_GRADE_EASY; break;
    default: return FALSE;
    }

  /* Before the notes are shown the keys do nothing: see the top. */
  if (!self->revealed)
    return TRUE;

  return gtk_widget_activate_action (GTK_WIDGET (self), "review.grade", "u", grade);
}

static void
viva_review_view_read_only_cb (VivaReviewView *self,
                               GParamSpec     *pspec,
                               VivaNotesStore *notes)
{
  if (viva_notes_store_get_read_only (notes) && self->queue != NULL)
    viva_review_view_show_next (self, NULL, FALSE);
  else
    viva_review_view_update_actions (self);
}

/* A limit changed in Preferences counts at once: more questions after
 * "All caught up", or a new total on the way. */
static void
viva_review_view_limits_changed_cb (VivaReviewView  *self,
                                    VivaReviewToday *today)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  VivaReviewDay day;

  if (self->queue == NULL || self->bank == NULL || viva_review_view_get_read_only (self))
    return;

  if (g_strcmp0 (page, "done") == 0)
    viva_review_view_show_next (self, NULL, FALSE);
  else if (g_strcmp0 (page, "question") == 0)
    {
      viva_review_today_get_day (viva_context_get_review_today (self->context), &day);
      viva_review_view_build_queue (self, &day);
      viva_review_view_update_progress (self);
    }
}

/* Another scheduler, retention or parameters (Preferences, Optimize):
 * the buttons of the question on screen say what the grades now do. */
static void
viva_review_view_scheduler_changed_cb (VivaReviewView *self)
{
  if (self->question != NULL && self->notes != NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "question") == 0)
    viva_review_view_update_hints (self);
}

/* Another bank ends the sitting: its grades can no longer be undone
 * here. The window calls viva_review_view_start() to begin again when
 * Review shows. */
static void
viva_review_view_bank_changed_cb (VivaReviewView *self)
{
  VivaBank *bank = viva_context_get_bank (self->context);
  VivaNotesStore *notes = viva_context_get_notes_store (self->context);

  if (self->bank != bank || self->notes != notes)
    {
      g_array_set_size (self->undo, 0);
      g_clear_pointer (&self->queue, g_ptr_array_unref);
      g_clear_object (&self->question);
      self->answered = 0;
      self->day_start = 0;
    }

  g_set_object (&self->bank, bank);
  if (g_set_object (&self->notes, notes))
    g_signal_group_set_target (self->notes_signals, notes);

  adw_window_title_set_subtitle (self->title, bank ? viva_bank_get_title (bank) : "");
  viva_review_view_update_actions (self);
}

static void
viva_review_view_set_context (VivaReviewView *self,
                              VivaContext    *context)
{
  g_return_if_fail (!context || VIVA_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  if (context == NULL)
    return;

  self->context = g_object_ref (context);
  g_signal_group_set_target (self->context_signals, context);
  g_signal_group_set_target (self->today_signals, viva_context_get_review_today (context));
  viva_review_view_bank_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/* GObject */

static void
viva_review_view_dispose (GObject *object)
{
  VivaReviewView *self = (VivaReviewView *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_REVIEW_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  if (self->context_signals != NULL)
    g_signal_group_set_target (self->context_signals, NULL);
  if (self->today_signals != NULL)
    g_signal_group_set_target (self->today_signals, NULL);
  if (self->notes_signals != NULL)
    g_signal_group_set_target (self->notes_signals, NULL);
  g_clear_object (&self->notes_signals);
  g_clear_object (&self->bank);
  g_clear_object (&self->notes);
  g_clear_object (&self->context_signals);
  g_clear_object (&self->today_signals);
  g_clear_object (&self->context);
  g_clear_object (&self->question);
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  g_clear_pointer (&self->undo, g_array_unref);

  G_OBJECT_CLASS (viva_review_view_parent_class)->dispose (object);
}

static void
viva_review_view_finalize (GObject *object)
{
  VivaReviewView *self = (VivaReviewView *)object;

  g_clear_pointer (&self->progress, g_free);
  g_clear_pointer (&self->done_message, g_free);
  for (guint i = 0; i < N_GRADES; i++)
    g_clear_pointer (&self->hints[i], g_free);

  G_OBJECT_CLASS (viva_review_view_parent_class)->finalize (object);
}

static void
viva_review_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  VivaReviewView *self = VIVA_REVIEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_QUESTION:
      g_value_set_object (value, self->question);
      break;

    case PROP_REVEALED:
      g_value_set_boolean (value, self->revealed);
      break;

    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_review_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  VivaReviewView *self = VIVA_REVIEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      viva_review_view_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_review_view_class_init (VivaReviewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_review_view_dispose;
  object_class->finalize = viva_review_view_finalize;
  object_class->get_property = viva_review_view_get_property;
  object_class->set_property = viva_review_view_set_property;

  /**
   * VivaReviewView:context:
   *
   * The bank, notes, clock and daily limits it reviews with; set once.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         VIVA_TYPE_CONTEXT,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_QUESTION] =
    g_param_spec_object ("question", NULL, NULL,
                         VIVA_TYPE_QUESTION,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_REVEALED] =
    g_param_spec_boolean ("revealed", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VivaReviewView::leave:
   *
   * The user wants to go back to studying.
   */
  signals[LEAVE] =
    g_signal_new ("leave",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "review.reveal", NULL, viva_review_view_reveal_action);
  gtk_widget_class_install_action (widget_class, "review.grade", "u", viva_review_view_grade_action);
  gtk_widget_class_install_action (widget_class, "review.undo", NULL, viva_review_view_undo_action);
  gtk_widget_class_install_action (widget_class, "review.leave", NULL, viva_review_view_leave_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "review.leave", NULL);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-review-view.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaReviewView, title);
  gtk_widget_class_bind_template_child (widget_class, VivaReviewView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VivaReviewView, stack);
  gtk_widget_class_bind_template_child (widget_class, VivaReviewView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, VivaReviewView, new_badge);
  gtk_widget_class_bind_template_child (widget_class, VivaReviewView, context_label);
  gtk_widget_class_bind_template_child (widget_class, VivaReviewView, question_label);
  gtk_widget_class_bind_template_child (widget_class, VivaReviewView, notes_box);
  gtk_widget_class_bind_template_child (widget_class, VivaReviewView, notes_frame);
  gtk_widget_class_bind_template_child (widget_class, VivaReviewView, no_notes_label);
  gtk_widget_class_bind_template_child (widget_class, VivaReviewView, note_view);
  gtk_widget_class_bind_template_child (widget_class, VivaReviewView, answer_stack);
  gtk_widget_class_bind_template_child (widget_class, VivaReviewView, reveal_button);
  gtk_widget_class_bind_template_child (widget_class, VivaReviewView, done_page);
  gtk_widget_class_bind_template_child (widget_class, VivaReviewView, limit_button);
  gtk_widget_class_bind_template_child_full (widget_class, "again_button", FALSE,
                                             G_STRUCT_OFFSET (VivaReviewView, grade_buttons[VIVA_REVIEW_GRADE_AGAIN]));
  gtk_widget_class_bind_template_child_full (widget_class, "hard_button", FALSE,
                                             G_STRUCT_OFFSET (VivaReviewView, grade_buttons[VIVA_REVIEW_GRADE_HARD]));
  gtk_widget_class_bind_template_child_full (widget_class, "good_button", FALSE,
                                             G_STRUCT_OFFSET (VivaReviewView, grade_buttons[VIVA_REVIEW_GRADE_GOOD]));
  gtk_widget_class_bind_template_child_full (widget_class, "easy_button", FALSE,
                                             G_STRUCT_OFFSET (VivaReviewView, grade_buttons[VIVA_REVIEW_GRADE_EASY]));
  gtk_widget_class_bind_template_child_full (widget_class, "again_interval", FALSE,
                                             G_STRUCT_OFFSET (VivaReviewView, grade_intervals[VIVA_REVIEW_GRADE_AGAIN]));
  gtk_widget_class_bind_template_child_full (widget_class, "hard_interval", FALSE,
                                             G_STRUCT_OFFSET (VivaReviewView, grade_intervals[VIVA_REVIEW_GRADE_HARD]));
  gtk_widget_class_bind_template_child_full (widget_class, "good_interval", FALSE,
                                             G_STRUCT_OFFSET (VivaReviewView, grade_intervals[VIVA_REVIEW_GRADE_GOOD]));
  gtk_widget_class_bind_template_child_full (widget_class, "easy_interval", FALSE,
                                             G_STRUCT_OFFSET (VivaReviewView, grade_intervals[VIVA_REVIEW_GRADE_EASY]));

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vivareviewview");
}

static void
viva_review_view_init (VivaReviewView *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->undo = g_array_new (FALSE, TRUE, sizeof (VivaReviewGrading));
  g_array_set_clear_func (self->undo, viva_review_grading_clear);

  self->notes_signals = g_signal_group_new (VIVA_TYPE_NOTES_STORE);
  g_signal_group_connect_object (self->notes_signals, "notify::read-only",
                                 G_CALLBACK (viva_review_view_read_only_cb), self, G_CONNECT_SWAPPED);

  self->context_signals = g_signal_group_new (VIVA_TYPE_CONTEXT);
  g_signal_group_connect_object (self->context_signals, "notify::bank",
                                 G_CALLBACK (viva_review_view_bank_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->context_signals, "scheduler-changed",
                                 G_CALLBACK (viva_review_view_scheduler_changed_cb), self, G_CONNECT_SWAPPED);

  self->today_signals = g_signal_group_new (VIVA_TYPE_REVIEW_TODAY);
  g_signal_group_connect_object (self->today_signals, "limits-changed",
                                 G_CALLBACK (viva_review_view_limits_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (viva_review_view_update_style_scheme), self, G_CONNECT_SWAPPED);
  viva_review_view_update_style_scheme (self);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (viva_review_view_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  viva_review_view_update_actions (self);
}

/**
 * viva_review_view_start:
 *
 * Builds today's questions from the schedule and the daily limits and
 * asks the first, or the one left on screen, or says that all are done.
 */
void
viva_review_view_start (VivaReviewView *self)
{
  g_autoptr(VivaQuestion) left = NULL;
  VivaReviewDay day;

  g_return_if_fail (VIVA_IS_REVIEW_VIEW (self));

  /* "Question 3 of 20" goes on through the day, across leaving Review
   * and coming back. */
  viva_review_today_get_day (viva_context_get_review_today (self->context), &day);
  if (day.start != self->day_start)
    {
      self->answered = 0;
      self->day_start = day.start;
    }

  /* The question left on screen is asked again, from the start. */
  if (self->question != NULL)
    left = g_object_ref (self->question);

  viva_review_view_show_next (self, left, FALSE);
}

/* "question", "done" or "read-only". */
const char *
viva_review_view_get_page (VivaReviewView *self)
{
  g_return_val_if_fail (VIVA_IS_REVIEW_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

VivaQuestion *
viva_review_view_get_question (VivaReviewView *self)
{
  g_return_val_if_fail (VIVA_IS_REVIEW_VIEW (self), NULL);

  return self->question;
}

gboolean
viva_review_view_get_revealed (VivaReviewView *self)
{
  g_return_val_if_fail (VIVA_IS_REVIEW_VIEW (self), FALSE);

  return self->revealed;
}

gboolean
viva_review_view_get_can_undo (VivaReviewView *self)
{
  g_return_val_if_fail (VIVA_IS_REVIEW_VIEW (self), FALSE);

  return self->undo->len > 0 && !viva_review_view_get_read_only (self);
}

/* "Question 3 of 20 · 5 new", or %NULL before the first question. */
const char *
viva_review_view_get_progress (VivaReviewView *self)
{
  g_return_val_if_fail (VIVA_IS_REVIEW_VIEW (self), NULL);

  return self->progress;
}

/* What the button of @grade says under its name: "in 4 days". */
const char *
viva_review_view_get_grade_hint (VivaReviewView  *self,
                                 VivaReviewGrade  grade)
{
  g_return_val_if_fail (VIVA_IS_REVIEW_VIEW (self), NULL);
  g_return_val_if_fail (grade >= VIVA_REVIEW_GRADE_AGAIN && grade <= VIVA_REVIEW_GRADE_EASY, NULL);

  return self->hints[grade];
}

/* The notes shown for the question; empty until they are revealed. */
char *
viva_review_view_dup_note_text (VivaReviewView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (VIVA_IS_REVIEW_VIEW (self), NULL);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->note_view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* What "All caught up" says, or %NULL before the day is done. */
const char *
viva_review_view_get_done_message (VivaReviewView *self)
{
  g_return_val_if_fail (VIVA_IS_REVIEW_VIEW (self), NULL);

  return self->done_message;
}
