/* viva-question-view.c
 *
 * Shows one question (number, level, topic, rendered text) with the
 * user's star, status and Markdown notes for it, and under the status
 * what Review's model says of it in words: how likely it is to be
 * recalled now and when it comes back ("About 80% likely to recall ·
 * next review in 6 days"), following its grades. Edits go straight into
 * the VivaNote; the notes store notices and autosaves. While the sidebar
 * searches, the words searched for are highlighted in the question and
 * in the notes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "viva-answer-view.h"
#include "viva-context.h"
#include "viva-level.h"
#include "viva-note.h"
#include "viva-notes-store.h"
#include "viva-question.h"
#include "viva-query.h"
#include "viva-question-view.h"
#include "viva-related.h"
#include "viva-review-stats.h"
#include "viva-scratchpad.h"
#include "viva-search.h"
#include "viva-topic.h"

/* Stands for the question in a translated format until the rest is
 * escaped as markup (g_markup_escape_text() writes it as a character
 * reference), then gives way to the question's own markup. */
#define QUESTION_MARK "\x01"
#define ESCAPED_QUESTION_MARK "&#x1;"

struct _VivaQuestionView
{
  GtkWidget        parent_instance;

  /* Owned */
  VivaQuestion    *question;
  VivaNote        *note;
  VivaNotesStore  *store;
  VivaQuery       *highlight_query;
  GtkTextTag      *match_tag;
  GSignalGroup    *note_signals;
  GSignalGroup    *store_signals;
  GSignalGroup    *context_signals;

  /* Template widgets */
  GtkLabel        *number_label;
  GtkLabel        *context_label;
  GtkToggleButton *star_button;
  GtkLabel        *question_label;
  GtkExpander     *answer_expander;
  VivaAnswerView  *answer_view;
  GtkBox          *related_box;
  GtkBox          *related_list;
  GtkLabel        *memory_label;
  GtkLabel        *save_label;
  GtkSourceView   *note_view;
  VivaScratchpad  *scratchpad;

  /* Borrowed: children of related_list, reused from one question to the
   * next so that a link that keeps its place keeps the focus. */
  GtkButton       *related_buttons[VIVA_RELATED_DEFAULT_MAX];

  guint            language_idle;
  guint            highlight_idle;
  guint            loading_text : 1;
};

G_DEFINE_FINAL_TYPE (VivaQuestionView, viva_question_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_QUESTION,
  PROP_NOTE,
  PROP_NOTES_STORE,
  PROP_STARRED,
  PROP_STATUS,
  PROP_HIGHLIGHT_QUERY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The question's text, with the words searched for highlighted. */
static void
viva_question_view_update_question_label (VivaQuestionView *self)
{
  g_autofree char *markup = NULL;

  if (self->question != NULL)
    markup = viva_question_dup_markup_highlighted (self->question, self->highlight_query);

  gtk_label_set_markup (self->question_label, markup ? markup : "");
}

/* Tags the words searched for in the notes. The buffer's offsets are in
 * characters, the matches' in bytes: they are walked together once. */
static void
viva_question_view_update_note_highlight (VivaQuestionView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->note_view));
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  g_autofree char *text = NULL;
  g_autoptr(GArray) ranges = NULL;
  GtkTextIter start, end;
  const char *p;
  glong offset = 0;

  g_clear_handle_id (&self->highlight_idle, g_source_remove);

  if (self->match_tag == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->match_tag, &start, &end);

  if (self->highlight_query == NULL)
    return;

  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  ranges = viva_query_find_matches (self->highlight_query, text);
  if (ranges->len == 0)
    return;

  /* Above the Markdown highlighting, whose tags come later. */
  gtk_text_tag_set_priority (self->match_tag, gtk_text_tag_table_get_size (table) - 1);

  p = text;
  for (guint i = 0; i < ranges->len; i++)
    {
      const VivaTextRange *range = &g_array_index (ranges, VivaTextRange, i);
      GtkTextIter match_start, match_end;

      offset += g_utf8_strlen (p, text + range->start - p);
      gtk_text_buffer_get_iter_at_offset (buffer, &match_start, offset);
      offset += g_utf8_strlen (text + range->start, range->end - range->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &match_end, offset);
      p = text + range->end;

      gtk_text_buffer_apply_tag (buffer, self->match_tag, &match_start, &match_end);
    }
}

static gboolean
viva_question_view_highlight_idle_cb (gpointer data)
{
  VivaQuestionView *self = data;

  self->highlight_idle = 0;
  viva_question_view_update_note_highlight (self);

  return G_SOURCE_REMOVE;
}

static void
viva_question_view_update_style_scheme (VivaQuestionView *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->note_view));
  const char *id = adw_style_manager_get_dark (style_manager) ? "Adwaita-dark" : "Adwaita";

  gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (buffer),
                                      gtk_source_style_scheme_manager_get_scheme (schemes, id));
}

static void
viva_question_view_update_save_status (VivaQuestionView *self)
{
  const char *text = "";
  gboolean error = FALSE;

  if (self->store == NULL)
    ;
  else if (viva_notes_store_get_read_only (self->store))
    text = _("Read-only");
  else if (viva_notes_store_get_save_error (self->store) != NULL)
    {
      text = _("Not saved yet");
      error = TRUE;
    }
  else if (viva_notes_store_get_saving (self->store) ||
           viva_notes_store_get_dirty (self->store))
    text = _("Saving…");
  else
    text = _("Saved");

  gtk_label_set_text (self->save_label, text);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->save_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->save_label), "error");
}

static void
viva_question_view_update_editable (VivaQuestionView *self)
{
  gboolean editable = self->note != NULL &&
                      (self->store == NULL || !viva_notes_store_get_read_only (self->store));

  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->note_view), editable);
  viva_scratchpad_set_editable (self->scratchpad, editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "question.starred", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "question.status", editable);
}

static void
viva_question_view_store_notify_cb (VivaQuestionView *self,
                                    GParamSpec       *pspec,
                                    VivaNotesStore   *store)
{
  viva_question_view_update_save_status (self);
  viva_question_view_update_editable (self);
}

static void
viva_question_view_load_note_text (VivaQuestionView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->note_view));
  const char *text = self->note ? viva_note_get_text (self->note) : "";
  GtkTextIter start;

  /* Undo must never cross from one question's notes into another's. */
  self->loading_text = TRUE;
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_text_buffer_set_modified (buffer, FALSE);
  self->loading_text = FALSE;

  viva_question_view_update_note_highlight (self);
}

static void
viva_question_view_buffer_changed_cb (VivaQuestionView *self,
                                      GtkTextBuffer    *buffer)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->loading_text || self->note == NULL)
    return;

  /* What is typed may complete or break a match: tag again once the
   * typing pauses. */
  if (self->highlight_query != NULL && self->highlight_idle == 0)
    self->highlight_idle = g_idle_add_full (G_PRIORITY_LOW,
                                            viva_question_view_highlight_idle_cb,
                                            self, NULL);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);

  self->loading_text = TRUE;
  viva_note_set_text (self->note, text);
  self->loading_text = FALSE;
}

static void
viva_question_view_insert_text_cb (VivaQuestionView *self,
                                   GtkTextIter      *location,
                                   const char       *text,
                                   int               len,
                                   GtkTextBuffer    *buffer)
{
  gsize current;

  if (self->loading_text || self->note == NULL)
    return;

  /* The note's text is the buffer's, so its length is the buffer's size
   * in bytes without copying the buffer on every keystroke. */
  current = strlen (viva_note_get_text (self->note));

  if (current + (gsize) len > VIVA_NOTE_TEXT_MAX_SIZE)
    {
      g_signal_stop_emission_by_name (buffer, "insert-text");
      gtk_widget_error_bell (GTK_WIDGET (self->note_view));
      gtk_label_set_text (self->save_label, _("Notes are limited to 1 MB per question"));
      gtk_widget_add_css_class (GTK_WIDGET (self->save_label), "error");
    }
}

static void
viva_question_view_note_text_cb (VivaQuestionView *self,
                                 GParamSpec       *pspec,
                                 VivaNote         *note)
{
  g_autofree char *current = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  /* Our own edits come back as notifications: ignore them. A change from
   * elsewhere (another Viva merged from disk) replaces the text. */
  if (self->loading_text)
    return;

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->note_view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  current = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);

  if (g_strcmp0 (current, viva_note_get_text (note)) != 0)
    {
      const char *text = viva_note_get_text (note);
      const char *kept = current[0] != '\0' ? strstr (text, current) : NULL;
      GtkTextIter cursor;
      int offset;

      gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
      offset = gtk_text_iter_get_offset (&cursor);

      viva_question_view_load_note_text (self);

      /* When what was here is still there, whole (another Viva changed
       * the note too, and both texts are kept), the cursor stays in it
       * where it was, so that typing goes on where it went. */
      if (kept != NULL)
        {
          gtk_text_buffer_get_iter_at_offset (buffer, &cursor,
                                              (int) g_utf8_pointer_to_offset (text, kept) + offset);
          gtk_text_buffer_place_cursor (buffer, &cursor);
        }
    }
}

static void
viva_question_view_note_state_cb (VivaQuestionView *self,
                                  GParamSpec       *pspec,
                                  VivaNote         *note)
{
  gboolean starred = viva_note_get_starred (note);

  gtk_button_set_icon_name (GTK_BUTTON (self->star_button),
                            starred ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->star_button),
                               starred ? _("Unstar (Ctrl+D)") : _("Star (Ctrl+D)"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARRED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

/* "About 80% likely to recall · next review in 6 days": the question's
 * memory and schedule, by the context's clock (a fake one in tests) and
 * Review's configuration. */
static void
viva_question_view_update_memory (VivaQuestionView *self)
{
  VivaContext *context = viva_scratchpad_get_context (self->scratchpad);
  g_autofree char *text = NULL;
  const VivaReviewState *state;
  const VivaSchedulerConfig *config;
  VivaSchedulerConfig defaults;
  double retrievability;
  gint64 now;

  if (self->note == NULL || self->question == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->memory_label), FALSE);
      return;
    }

  /* The context's, once the window has given the scratchpad one. */
  g_signal_group_set_target (self->context_signals, context);
  if (context != NULL)
    {
      now = viva_context_get_real_time (context);
      config = viva_context_get_scheduler_config (context);
    }
  else
    {
      now = g_get_real_time ();
      viva_scheduler_config_init (&defaults);
      config = &defaults;
    }
  state = viva_note_get_review_state (self->note);
  retrievability = viva_scheduler_retrievability (config, state, now);
  text = viva_review_describe_next (state, retrievability, now, config->tz, config->day_start_hour);

  gtk_label_set_text (self->memory_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->memory_label), TRUE);
}

static void
viva_question_view_note_due_cb (VivaQuestionView *self,
                                GParamSpec       *pspec,
                                VivaNote         *note)
{
  viva_question_view_update_memory (self);
}

static gboolean
viva_question_view_set_language_cb (gpointer data)
{
  VivaQuestionView *self = data;
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->note_view));

  self->language_idle = 0;
  gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (buffer),
                                  gtk_source_language_manager_get_language (languages, "markdown"));

  return G_SOURCE_REMOVE;
}

static void
viva_question_view_map (GtkWidget *widget)
{
  VivaQuestionView *self = VIVA_QUESTION_VIEW (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->note_view));

  GTK_WIDGET_CLASS (viva_question_view_parent_class)->map (widget);

  /* Time went by while it was hidden: the chance of recall fell. */
  viva_question_view_update_memory (self);

  /* Loading the Markdown language costs more than a third of Viva's
   * start-up (GtkSourceView validates the .lang file with RelaxNG), so it
   * waits until the first frame is on screen; highlighting appears a
   * moment later. */
  if (self->language_idle == 0 &&
      gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (buffer)) == NULL)
    self->language_idle = g_idle_add_full (G_PRIORITY_LOW,
                                           viva_question_view_set_language_cb,
                                           self, NULL);
}

static void
viva_question_view_dispose (GObject *object)
{
  VivaQuestionView *self = (VivaQuestionView *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->language_idle, g_source_remove);
  g_clear_handle_id (&self->highlight_idle, g_source_remove);

  if (self->note_signals != NULL)
    g_signal_group_set_target (self->note_signals, NULL);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  if (self->context_signals != NULL)
    g_signal_group_set_target (self->context_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_QUESTION_VIEW);

  /* The template's root container is not bound to a field, so
   * dispose_template leaves it in place. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  g_clear_object (&self->note_signals);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->context_signals);
  g_clear_object (&self->question);
  g_clear_object (&self->note);
  g_clear_object (&self->store);
  g_clear_object (&self->highlight_query);
  self->match_tag = NULL;

  G_OBJECT_CLASS (viva_question_view_parent_class)->dispose (object);
}

static const char *
viva_question_view_get_status (VivaQuestionView *self)
{
  return viva_status_to_string (self->note ? viva_note_get_status (self->note) : VIVA_STATUS_NEW);
}

static void
viva_question_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  VivaQuestionView *self = VIVA_QUESTION_VIEW (object);

  switch (prop_id)
    {
    case PROP_QUESTION:
      g_value_set_object (value, self->question);
      break;

    case PROP_NOTE:
      g_value_set_object (value, self->note);
      break;

    case PROP_NOTES_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_STARRED:
      g_value_set_boolean (value, self->note && viva_note_get_starred (self->note));
      break;

    case PROP_STATUS:
      g_value_set_string (value, viva_question_view_get_status (self));
      break;

    case PROP_HIGHLIGHT_QUERY:
      g_value_set_object (value, self->highlight_query);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_question_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  VivaQuestionView *self = VIVA_QUESTION_VIEW (object);
  VivaStatus status;

  switch (prop_id)
    {
    case PROP_NOTES_STORE:
      viva_question_view_set_notes_store (self, g_value_get_object (value));
      break;

    case PROP_STARRED:
      if (self->note != NULL)
        viva_note_set_starred (self->note, g_value_get_boolean (value));
      break;

    case PROP_STATUS:
      if (self->note != NULL && viva_status_from_string (g_value_get_string (value), &status))
        viva_note_set_status (self->note, status);
      break;

    case PROP_HIGHLIGHT_QUERY:
      viva_question_view_set_highlight_query (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_question_view_class_init (VivaQuestionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_question_view_dispose;
  object_class->get_property = viva_question_view_get_property;
  object_class->set_property = viva_question_view_set_property;

  widget_class->map = viva_question_view_map;

  properties[PROP_QUESTION] =
    g_param_spec_object ("question", NULL, NULL,
                         VIVA_TYPE_QUESTION,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_NOTE] =
    g_param_spec_object ("note", NULL, NULL,
                         VIVA_TYPE_NOTE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_NOTES_STORE] =
    g_param_spec_object ("notes-store", NULL, NULL,
                         VIVA_TYPE_NOTES_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* "starred" and "status" mirror the current note so that they can back
   * the question.starred and question.status actions (and their buttons
   * and shortcuts). Status is a string because property actions take no
   * enums: "new", "learning" or "confident". */
  properties[PROP_STARRED] =
    g_param_spec_boolean ("starred", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL,
                         "new",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The words to highlight in the question and the notes: the sidebar's
   * search. */
  properties[PROP_HIGHLIGHT_QUERY] =
    g_param_spec_object ("highlight-query", NULL, NULL,
                         VIVA_TYPE_QUERY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "question.starred", "starred");
  gtk_widget_class_install_property_action (widget_class, "question.status", "status");

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (VIVA_TYPE_SCRATCHPAD);
  g_type_ensure (VIVA_TYPE_ANSWER_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-question-view.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaQuestionView, number_label);
  gtk_widget_class_bind_template_child (widget_class, VivaQuestionView, context_label);
  gtk_widget_class_bind_template_child (widget_class, VivaQuestionView, star_button);
  gtk_widget_class_bind_template_child (widget_class, VivaQuestionView, question_label);
  gtk_widget_class_bind_template_child (widget_class, VivaQuestionView, answer_expander);
  gtk_widget_class_bind_template_child (widget_class, VivaQuestionView, answer_view);
  gtk_widget_class_bind_template_child (widget_class, VivaQuestionView, related_box);
  gtk_widget_class_bind_template_child (widget_class, VivaQuestionView, related_list);
  gtk_widget_class_bind_template_child (widget_class, VivaQuestionView, memory_label);
  gtk_widget_class_bind_template_child (widget_class, VivaQuestionView, save_label);
  gtk_widget_class_bind_template_child (widget_class, VivaQuestionView, note_view);
  gtk_widget_class_bind_template_child (widget_class, VivaQuestionView, scratchpad);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vivaquestionview");
}

static void
viva_question_view_init (VivaQuestionView *self)
{
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (self->related_buttons); i++)
    {
      GtkWidget *label = gtk_label_new (NULL);
      GtkWidget *button = gtk_button_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_button_set_child (GTK_BUTTON (button), label);
      /* A target before the name: the action takes a number. */
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", 0);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.show-question");
      gtk_widget_add_css_class (button, "link");
      gtk_widget_add_css_class (button, "viva-related-link");
      gtk_widget_set_visible (button, FALSE);
      gtk_box_append (self->related_list, button);
      self->related_buttons[i] = GTK_BUTTON (button);
    }

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->note_view));
  gtk_source_buffer_set_highlight_syntax (GTK_SOURCE_BUFFER (buffer), TRUE);
  /* The colours of the highlight in the question (viva-search.h). */
  self->match_tag = gtk_text_buffer_create_tag (buffer, VIVA_QUESTION_VIEW_MATCH_TAG,
                                                "background", VIVA_SEARCH_HIGHLIGHT_BACKGROUND,
                                                "foreground", VIVA_SEARCH_HIGHLIGHT_FOREGROUND,
                                                NULL);
  g_signal_connect_object (buffer, "insert-text",
                           G_CALLBACK (viva_question_view_insert_text_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "changed",
                           G_CALLBACK (viva_question_view_buffer_changed_cb),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (viva_question_view_update_style_scheme),
                           self, G_CONNECT_SWAPPED);
  viva_question_view_update_style_scheme (self);

  self->note_signals = g_signal_group_new (VIVA_TYPE_NOTE);
  g_signal_group_connect_object (self->note_signals, "notify::text",
                                 G_CALLBACK (viva_question_view_note_text_cb),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->note_signals, "notify::starred",
                                 G_CALLBACK (viva_question_view_note_state_cb),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->note_signals, "notify::status",
                                 G_CALLBACK (viva_question_view_note_state_cb),
                                 self, G_CONNECT_SWAPPED);
  /* A grade (or its undo) moves the question's due date. */
  g_signal_group_connect_object (self->note_signals, "notify::due",
                                 G_CALLBACK (viva_question_view_note_due_cb),
                                 self, G_CONNECT_SWAPPED);

  /* Other FSRS parameters predict another chance of recall. */
  self->context_signals = g_signal_group_new (VIVA_TYPE_CONTEXT);
  g_signal_group_connect_object (self->context_signals, "scheduler-changed",
                                 G_CALLBACK (viva_question_view_update_memory),
                                 self, G_CONNECT_SWAPPED);

  self->store_signals = g_signal_group_new (VIVA_TYPE_NOTES_STORE);
  g_signal_group_connect_object (self->store_signals, "notify::dirty",
                                 G_CALLBACK (viva_question_view_store_notify_cb),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->store_signals, "notify::saving",
                                 G_CALLBACK (viva_question_view_store_notify_cb),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->store_signals, "notify::save-error",
                                 G_CALLBACK (viva_question_view_store_notify_cb),
                                 self, G_CONNECT_SWAPPED);

  viva_question_view_update_editable (self);
}

VivaQuestion *
viva_question_view_get_question (VivaQuestionView *self)
{
  g_return_val_if_fail (VIVA_IS_QUESTION_VIEW (self), NULL);

  return self->question;
}

VivaNote *
viva_question_view_get_note (VivaQuestionView *self)
{
  g_return_val_if_fail (VIVA_IS_QUESTION_VIEW (self), NULL);

  return self->note;
}

void
viva_question_view_set_question (VivaQuestionView *self,
                                 VivaQuestion     *question,
                                 VivaNote         *note)
{
  g_autofree char *number = NULL;
  g_autofree char *context = NULL;
  const char *answer;
  VivaTopic *topic;

  g_return_if_fail (VIVA_IS_QUESTION_VIEW (self));
  g_return_if_fail (!question || VIVA_IS_QUESTION (question));
  g_return_if_fail (!note || VIVA_IS_NOTE (note));

  if (self->question == question && self->note == note)
    return;

  g_set_object (&self->question, question);
  g_set_object (&self->note, note);
  g_signal_group_set_target (self->note_signals, note);

  if (question != NULL)
    {
      topic = viva_question_get_topic (question);
      /* Translators: the heading of the question view. */
      number = g_strdup_printf (_("Question %u"), viva_question_get_number (question));
      if (topic != NULL)
        /* Translators: "Level 1: Beginner · Strings" */
        context = g_strdup_printf (_("%s · %s"),
                                   viva_level_get_title (viva_question_get_level (question)),
                                   viva_topic_get_name (topic));
      else
        context = g_strdup (viva_level_get_title (viva_question_get_level (question)));
    }

  gtk_label_set_text (self->number_label, number ? number : "");
  gtk_label_set_text (self->context_label, context ? context : "");
  viva_question_view_update_question_label (self);

  /* Every question starts with its answer hidden. */
  answer = question != NULL ? viva_question_get_answer (question) : NULL;
  gtk_expander_set_expanded (self->answer_expander, FALSE);
  viva_answer_view_set_answer (self->answer_view, answer);
  gtk_widget_set_visible (GTK_WIDGET (self->answer_expander), answer != NULL);

  /* The links of the previous question must not linger: the window says
   * which belong to this one, maybe a moment later. */
  viva_question_view_set_related (self, NULL);

  viva_question_view_load_note_text (self);
  viva_scratchpad_set_question (self->scratchpad, question, note);
  gtk_widget_set_visible (GTK_WIDGET (self->scratchpad),
                          viva_scratchpad_get_offered (self->scratchpad));
  if (note != NULL)
    viva_question_view_note_state_cb (self, NULL, note);
  viva_question_view_update_memory (self);
  viva_question_view_update_editable (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUESTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

/**
 * viva_question_view_set_related:
 * @self: a #VivaQuestionView
 * @matches: (nullable) (element-type VivaRelatedMatch): the questions
 *   like the current one, best first, or %NULL for none
 *
 * Shows @matches as "See Also" links under the question, which open the
 * question with the win.show-question action. The section is hidden
 * when there are none.
 */
void
viva_question_view_set_related (VivaQuestionView *self,
                                GPtrArray        *matches)
{
  guint n = matches != NULL ? MIN (matches->len, G_N_ELEMENTS (self->related_buttons)) : 0;

  g_return_if_fail (VIVA_IS_QUESTION_VIEW (self));

  for (guint i = 0; i < G_N_ELEMENTS (self->related_buttons); i++)
    {
      GtkWidget *button = GTK_WIDGET (self->related_buttons[i]);
      const VivaRelatedMatch *match;
      g_autofree char *label = NULL;
      g_autofree char *question_markup = NULL;
      g_autofree char *escaped = NULL;
      g_autoptr(GString) markup = NULL;
      g_autofree char *accessible = NULL;
      VivaLevel *level;
      guint number;

      if (i >= n)
        {
          gtk_widget_set_visible (button, FALSE);
          continue;
        }

      match = g_ptr_array_index (matches, i);
      number = viva_question_get_number (match->question);
      level = viva_question_get_level (match->question);

      /* The question reads as everywhere, its code in monospace: its
       * markup goes where the translation puts the question, in place
       * of a mark no translation holds, once the rest is escaped. */
      question_markup = viva_question_dup_markup (match->question);
      /* Translators: a link to a related question: "#402 · Level 3 ·
       * What is the difference between a shallow copy and a deep copy?" */
      label = g_strdup_printf (_("#%u · Level %u · %s"),
                               number,
                               level != NULL ? viva_level_get_number (level) : 0,
                               QUESTION_MARK);
      escaped = g_markup_escape_text (label, -1);
      markup = g_string_new (escaped);
      g_string_replace (markup, ESCAPED_QUESTION_MARK, question_markup, 1);
      /* Translators: what a screen reader says for a related question:
       * "Question 402, Level 3: Hard: What is…" */
      accessible = g_strdup_printf (_("Question %u, %s: %s"),
                                    number,
                                    level != NULL ? viva_level_get_title (level) : "",
                                    viva_question_get_text (match->question));

      gtk_label_set_markup (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), markup->str);
      gtk_widget_set_tooltip_text (button, viva_question_get_text (match->question));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", number);
      gtk_widget_set_visible (button, TRUE);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->related_box), n > 0);
}

VivaNotesStore *
viva_question_view_get_notes_store (VivaQuestionView *self)
{
  g_return_val_if_fail (VIVA_IS_QUESTION_VIEW (self), NULL);

  return self->store;
}

void
viva_question_view_set_notes_store (VivaQuestionView *self,
                                    VivaNotesStore   *store)
{
  g_return_if_fail (VIVA_IS_QUESTION_VIEW (self));
  g_return_if_fail (!store || VIVA_IS_NOTES_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  g_signal_group_set_target (self->store_signals, store);
  viva_question_view_update_save_status (self);
  viva_question_view_update_editable (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES_STORE]);
}

GtkTextView *
viva_question_view_get_note_view (VivaQuestionView *self)
{
  g_return_val_if_fail (VIVA_IS_QUESTION_VIEW (self), NULL);

  return GTK_TEXT_VIEW (self->note_view);
}

const char *
viva_question_view_get_save_status (VivaQuestionView *self)
{
  g_return_val_if_fail (VIVA_IS_QUESTION_VIEW (self), NULL);

  return gtk_label_get_text (self->save_label);
}

void
viva_question_view_focus_notes (VivaQuestionView *self)
{
  g_return_if_fail (VIVA_IS_QUESTION_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->note_view));
}

VivaQuery *
viva_question_view_get_highlight_query (VivaQuestionView *self)
{
  g_return_val_if_fail (VIVA_IS_QUESTION_VIEW (self), NULL);

  return self->highlight_query;
}

/**
 * viva_question_view_set_highlight_query:
 * @self: a #VivaQuestionView
 * @query: (nullable): what to highlight, or %NULL for nothing
 *
 * Highlights the words of @query in the question and, with the
 * %VIVA_QUESTION_VIEW_MATCH_TAG tag, in the notes, ignoring case and
 * accents as the search does.
 */
void
viva_question_view_set_highlight_query (VivaQuestionView *self,
                                        VivaQuery        *query)
{
  g_return_if_fail (VIVA_IS_QUESTION_VIEW (self));
  g_return_if_fail (!query || VIVA_IS_QUERY (query));

  if (!g_set_object (&self->highlight_query, query))
    return;

  viva_question_view_update_question_label (self);
  viva_question_view_update_note_highlight (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT_QUERY]);
}

/**
 * viva_question_view_get_scratchpad:
 * @self: a #VivaQuestionView
 *
 * Returns: (transfer none): the question's Python scratchpad, shown
 *   only for questions with code
 */
VivaScratchpad *
viva_question_view_get_scratchpad (VivaQuestionView *self)
{
  g_return_val_if_fail (VIVA_IS_QUESTION_VIEW (self), NULL);

  return self->scratchpad;
}

/* "About 80% likely to recall · next review in 6 days", as shown under
 * the status; %NULL while no question is shown. */
const char *
viva_question_view_get_memory_text (VivaQuestionView *self)
{
  g_return_val_if_fail (VIVA_IS_QUESTION_VIEW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->memory_label)))
    return NULL;

  return gtk_label_get_text (self->memory_label);
}
