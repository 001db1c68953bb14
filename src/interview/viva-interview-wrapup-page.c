/* viva-interview-wrapup-page.c
 *
 * After an interview (issue 4): the interviewer gives the overall
 * recommendation, writes the key takeaways and a summary, reviews the
 * time and rating of each question, and exports the report for the
 * hiring panel as Markdown or PDF, or prints it (the export and the
 * printing are viva-interview-wrapup-page-export.c).
 *
 * The page edits the interview in place; the interview store saves it
 * on VivaInterview::changed, so nothing here saves. The page follows
 * the interview's signals, so that a change made elsewhere (the live
 * view rating a question) shows here too, and its context's "bank", to
 * show the questions as the open bank writes them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "viva-bank.h"
#include "viva-context.h"
#include "viva-interview.h"
#include "viva-interview-wrapup-page-private.h"
#include "viva-time-format.h"

/* A question's tooltip shows this much of it. */
#define TOOLTIP_MAX_CHARS   600

G_DEFINE_FINAL_TYPE (VivaInterviewWrapupPage, viva_interview_wrapup_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_INTERVIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
can_edit (VivaInterviewWrapupPage *self)
{
  return self->interview != NULL && !viva_interview_get_read_only (self->interview);
}

/* The first line of the question, for a row's title, as the question
 * reads everywhere: its code in monospace. */
static char *
question_title (VivaInterviewWrapupPage *self,
                guint                    number,
                const char              *text)
{
  char *markup = viva_bank_dup_question_markup (self->bank, viva_interview_get_bank (self->interview),
                                                number, text);
  char *end = strchr (markup, '\n');

  if (end == NULL)
    return markup;

  /* Cut at the line break, unless a span (emphasis around a hard line
   * break) crosses it: then the line as plain text. */
  *end = '\0';
  if (!pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, NULL))
    {
      g_free (markup);
      markup = g_markup_escape_text (text, strcspn (text, "\n"));
    }

  return markup;
}

static void
set_over_style (GtkLabel   *label,
                const char *over)
{
  if (over != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");

  /* The colour alone does not say it to everyone. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), over);
  if (over != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, over,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* Header */

static void
viva_interview_wrapup_page_sync_header (VivaInterviewWrapupPage *self)
{
  VivaInterview *interview = self->interview;
  g_autoptr(GPtrArray) details = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *date = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *time = NULL;
  g_autofree char *total = NULL;
  g_autofree char *over = NULL;
  const char *candidate;

  if (interview == NULL)
    return;

  candidate = viva_interview_get_candidate (interview);
  gtk_label_set_text (self->candidate_label, candidate[0] != '\0' ? candidate : _("Unnamed Candidate"));

  if (viva_interview_get_role (interview)[0] != '\0')
    g_ptr_array_add (details, g_strdup (viva_interview_get_role (interview)));
  if (viva_interview_get_interviewer (interview)[0] != '\0')
    /* Translators: who ran the interview, in the wrap-up page's header */
    g_ptr_array_add (details, g_strdup_printf (_("Interviewed by %s"), viva_interview_get_interviewer (interview)));
  date = viva_interview_format_date (interview, NULL);
  if (date != NULL)
    g_ptr_array_add (details, g_steal_pointer (&date));
  if (viva_interview_get_state (interview) != VIVA_INTERVIEW_STATE_FINISHED)
    g_ptr_array_add (details, g_strdup (_("Not finished")));
  g_ptr_array_add (details, NULL);
  joined = g_strjoinv (" · ", (char **) details->pdata);
  gtk_label_set_text (self->details_label, joined);
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), joined[0] != '\0');

  time = viva_format_time_against_budget (viva_interview_get_elapsed (interview),
                      viva_interview_get_total_budget (interview), &over);
  /* Translators: the interview's time against its budget, "Total time 42:10 / 45:00" */
  total = g_strdup_printf (_("Total time %s"), time);
  gtk_label_set_text (self->time_label, total);
  set_over_style (self->time_label, over);
}

/* Recommendation */

static void
viva_interview_wrapup_page_sync_recommendation (VivaInterviewWrapupPage *self)
{
  VivaInterviewRating recommendation = VIVA_INTERVIEW_RATING_NONE;

  if (self->interview != NULL)
    recommendation = viva_interview_get_recommendation (self->interview);

  self->syncing = TRUE;
  for (guint r = 0; r < self->recommendation_buttons->len; r++)
    {
      GtkToggleButton *button = g_ptr_array_index (self->recommendation_buttons, r);

      gtk_toggle_button_set_active (button, r == recommendation);
      gtk_widget_set_sensitive (GTK_WIDGET (button), can_edit (self));
    }
  self->syncing = FALSE;
}

static void
viva_interview_wrapup_page_recommendation_toggled_cb (VivaInterviewWrapupPage *self,
                                                      GtkToggleButton         *button)
{
  guint rating = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "viva-rating"));

  if (self->syncing || self->interview == NULL || !gtk_toggle_button_get_active (button))
    return;

  if (!viva_interview_set_recommendation (self->interview, rating))
    viva_interview_wrapup_page_sync_recommendation (self);
}

/* Takeaways and summary */

static char *
buffer_dup_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static void
sync_text_view (VivaInterviewWrapupPage *self,
                GtkTextView             *view,
                const char              *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autofree char *current = buffer_dup_text (buffer);

  /* Typing here sets the model, which notifies back: leave the buffer
   * (and its cursor) alone when it already says the same. */
  if (g_strcmp0 (current, text) != 0)
    {
      self->syncing = TRUE;
      gtk_text_buffer_set_text (buffer, text, -1);
      self->syncing = FALSE;
    }
}

static void
viva_interview_wrapup_page_sync_texts (VivaInterviewWrapupPage *self)
{
  sync_text_view (self, self->takeaways_view,
                  self->interview != NULL ? viva_interview_get_takeaways (self->interview) : "");
  sync_text_view (self, self->summary_view,
                  self->interview != NULL ? viva_interview_get_summary (self->interview) : "");
}

/* The interview refuses text over VIVA_INTERVIEW_TEXT_MAX_SIZE: stop the
 * typing before that, so that what is on screen is what is saved. */
static void
viva_interview_wrapup_page_insert_text_cb (VivaInterviewWrapupPage *self,
                                           GtkTextIter             *location,
                                           const char              *text,
                                           int                      len,
                                           GtkTextBuffer           *buffer)
{
  g_autofree char *current = NULL;

  if (self->syncing)
    return;

  /* Cheap bound first: a character is at most 4 bytes. */
  if ((gsize) gtk_text_buffer_get_char_count (buffer) * 4 + (gsize) len <= VIVA_INTERVIEW_TEXT_MAX_SIZE)
    return;

  current = buffer_dup_text (buffer);
  if (strlen (current) + (gsize) len > VIVA_INTERVIEW_TEXT_MAX_SIZE)
    {
      g_signal_stop_emission_by_name (buffer, "insert-text");
      gtk_widget_error_bell (GTK_WIDGET (self));
    }
}

static void
viva_interview_wrapup_page_buffer_changed_cb (VivaInterviewWrapupPage *self,
                                              GtkTextBuffer           *buffer)
{
  g_autofree char *text = NULL;
  gboolean taken;

  if (self->syncing || self->interview == NULL)
    return;

  text = buffer_dup_text (buffer);
  if (buffer == gtk_text_view_get_buffer (self->takeaways_view))
    taken = viva_interview_set_takeaways (self->interview, text);
  else
    taken = viva_interview_set_summary (self->interview, text);

  if (!taken)
    viva_interview_wrapup_page_sync_texts (self);
}

/* Questions */

/* Each row keeps its widgets as data: "viva-number", "viva-time" and
 * "viva-rating". */
static GtkWidget *
viva_interview_wrapup_page_get_row (VivaInterviewWrapupPage *self,
                                    guint                    index)
{
  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->questions_list, index));
}

static void
viva_interview_wrapup_page_update_row (VivaInterviewWrapupPage *self,
                                       guint                    index)
{
  VivaInterviewItem *item;
  GtkWidget *row = viva_interview_wrapup_page_get_row (self, index);
  GtkLabel *time_label;
  g_autofree char *stripped = NULL;
  g_autofree char *title = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *time = NULL;
  g_autofree char *over = NULL;

  if (self->interview == NULL || row == NULL ||
      index >= viva_interview_get_n_items (self->interview))
    return;

  item = viva_interview_get_item (self->interview, index);

  stripped = g_strstrip (g_strdup (viva_interview_item_get_text (item)));
  title = question_title (self, viva_interview_item_get_number (item), stripped);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (g_utf8_strlen (viva_interview_item_get_text (item), -1) > TOOLTIP_MAX_CHARS)
    {
      g_autofree char *head = g_utf8_substring (viva_interview_item_get_text (item), 0, TOOLTIP_MAX_CHARS - 1);

      tooltip = g_strconcat (head, "…", NULL);
    }
  gtk_widget_set_tooltip_text (row, tooltip != NULL ? tooltip : viva_interview_item_get_text (item));

  time_label = g_object_get_data (G_OBJECT (row), "viva-time");
  time = viva_format_time_against_budget (viva_interview_get_item_elapsed (self->interview, index),
                                          viva_interview_item_get_budget (item), &over);
  gtk_label_set_text (time_label, time);
  set_over_style (time_label, over);

  gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (row), "viva-rating"), can_edit (self));
}

/* Rows show their position: after a change of the plan, the rows after
 * it have moved without being made anew. */
static void
viva_interview_wrapup_page_number_rows (VivaInterviewWrapupPage *self)
{
  GtkWidget *row;

  for (guint i = 0; (row = viva_interview_wrapup_page_get_row (self, i)) != NULL; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      /* Translators: the accessible name of a question's rating menu */
      g_autofree char *rating_name = g_strdup_printf (_("Rating of question %u"), i + 1);

      gtk_label_set_text (g_object_get_data (G_OBJECT (row), "viva-number"), number);
      gtk_accessible_update_property (GTK_ACCESSIBLE (g_object_get_data (G_OBJECT (row), "viva-rating")),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, rating_name,
                                      -1);
    }
}

static void
viva_interview_wrapup_page_rating_selected_cb (VivaInterviewWrapupPage *self,
                                               GParamSpec              *pspec,
                                               GtkDropDown             *drop_down)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (drop_down), GTK_TYPE_LIST_BOX_ROW);
  guint rating = gtk_drop_down_get_selected (drop_down);
  VivaInterviewItem *item;
  int index;

  if (self->interview == NULL || row == NULL || rating >= VIVA_INTERVIEW_N_RATINGS)
    return;

  index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  if (index < 0 || (guint) index >= viva_interview_get_n_items (self->interview))
    return;

  /* The binding from the item shows the rating it already has. */
  item = viva_interview_get_item (self->interview, index);
  if (viva_interview_item_get_rating (item) == rating)
    return;

  /* Refused (read-only): show the item's rating again. */
  if (!viva_interview_set_item_rating (self->interview, index, rating))
    gtk_drop_down_set_selected (drop_down, viva_interview_item_get_rating (item));
}

static gboolean
rating_to_selected (GBinding     *binding,
                    const GValue *from_value,
                    GValue       *to_value,
                    gpointer      user_data)
{
  g_value_set_uint (to_value, (guint) g_value_get_enum (from_value));

  return TRUE;
}

static guint
viva_interview_wrapup_page_index_of (VivaInterviewWrapupPage *self,
                                     VivaInterviewItem       *item)
{
  for (guint i = 0; i < viva_interview_get_n_items (self->interview); i++)
    {
      if (viva_interview_get_item (self->interview, i) == item)
        return i;
    }

  g_return_val_if_reached (0);
}

static GtkWidget *
viva_interview_wrapup_page_create_row (gpointer item_ptr,
                                       gpointer user_data)
{
  VivaInterviewWrapupPage *self = user_data;
  VivaInterviewItem *item = item_ptr;
  guint index = viva_interview_wrapup_page_index_of (self, item);
  const char *ratings[VIVA_INTERVIEW_N_RATINGS + 1] = { NULL };
  g_autofree char *number = g_strdup_printf ("%u", index + 1);
  g_autofree char *rating_name = NULL;
  GtkWidget *row;
  GtkWidget *number_label;
  GtkWidget *time_label;
  GtkWidget *rating;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);

  number_label = gtk_label_new (number);
  gtk_label_set_width_chars (GTK_LABEL (number_label), 2);
  gtk_label_set_xalign (GTK_LABEL (number_label), 1);
  gtk_widget_add_css_class (number_label, "dim-label");
  gtk_widget_add_css_class (number_label, "numeric");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), number_label);

  time_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (time_label), 1);
  gtk_widget_add_css_class (time_label, "numeric");
  gtk_widget_add_css_class (time_label, "viva-wrapup-time");
  gtk_size_group_add_widget (self->time_group, time_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), time_label);

  for (guint r = 0; r < VIVA_INTERVIEW_N_RATINGS; r++)
    ratings[r] = viva_interview_rating_get_label (r);
  rating = GTK_WIDGET (gtk_drop_down_new_from_strings (ratings));
  gtk_widget_set_valign (rating, GTK_ALIGN_CENTER);
  /* Translators: the accessible name of a question's rating menu */
  rating_name = g_strdup_printf (_("Rating of question %u"), index + 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (rating),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, rating_name,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), rating);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), rating);

  g_object_set_data (G_OBJECT (row), "viva-number", number_label);
  g_object_set_data (G_OBJECT (row), "viva-time", time_label);
  g_object_set_data (G_OBJECT (row), "viva-rating", rating);

  g_object_bind_property_full (item, "rating", rating, "selected", G_BINDING_SYNC_CREATE,
                               rating_to_selected, NULL, NULL, NULL);
  /* Connected once the row shows the item, not to echo it back. */
  g_signal_connect_object (rating, "notify::selected",
                           G_CALLBACK (viva_interview_wrapup_page_rating_selected_cb),
                           self, G_CONNECT_SWAPPED);

  return row;
}

/* The rows' texts and times: after the list box made the rows. */
static void
viva_interview_wrapup_page_update_rows (VivaInterviewWrapupPage *self)
{
  guint n_items = self->interview != NULL ? viva_interview_get_n_items (self->interview) : 0;
  gboolean empty = self->interview != NULL && n_items == 0;

  /* Not the list's placeholder: a boxed list draws a separator under
   * each row but its last child, and the placeholder would be that. Nor
   * a hidden row of the group: the group's list shows while it has rows,
   * hidden or not. */
  if (empty && self->empty_row == NULL)
    {
      self->empty_row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->empty_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->empty_row), _("No questions were planned."));
      gtk_widget_add_css_class (self->empty_row, "dim-label");
      adw_preferences_group_add (self->questions_group, self->empty_row);
    }
  else if (!empty && self->empty_row != NULL)
    {
      adw_preferences_group_remove (self->questions_group, self->empty_row);
      self->empty_row = NULL;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->questions_list), n_items > 0);

  for (guint i = 0; i < n_items; i++)
    viva_interview_wrapup_page_update_row (self, i);
}

static void
viva_interview_wrapup_page_rebuild_rows (VivaInterviewWrapupPage *self)
{
  /* Unbound first, so that the rows are made anew even for the same
   * interview. */
  gtk_list_box_bind_model (self->questions_list, NULL, NULL, NULL, NULL);
  gtk_list_box_bind_model (self->questions_list,
                           self->interview != NULL ? G_LIST_MODEL (self->interview) : NULL,
                           viva_interview_wrapup_page_create_row, self, NULL);
  viva_interview_wrapup_page_update_rows (self);
}

/* Read-only and the whole page */

static void
viva_interview_wrapup_page_sync_read_only (VivaInterviewWrapupPage *self)
{
  gboolean editable = can_edit (self);

  gtk_widget_set_visible (GTK_WIDGET (self->read_only_label),
                          self->interview != NULL && !editable);
  /* Still readable, selectable and copyable. */
  gtk_text_view_set_editable (self->takeaways_view, editable);
  gtk_text_view_set_cursor_visible (self->takeaways_view, editable);
  gtk_text_view_set_editable (self->summary_view, editable);
  gtk_text_view_set_cursor_visible (self->summary_view, editable);
  viva_interview_wrapup_page_sync_recommendation (self);
  viva_interview_wrapup_page_update_rows (self);
}

static void
viva_interview_wrapup_page_update_actions (VivaInterviewWrapupPage *self)
{
  gboolean has_interview = self->interview != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wrapup.export-markdown", has_interview);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wrapup.export-pdf", has_interview);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wrapup.print", has_interview);
}

static void
viva_interview_wrapup_page_sync_all (VivaInterviewWrapupPage *self)
{
  gtk_stack_set_visible_child_name (self->stack, self->interview != NULL ? "wrapup" : "empty");
  viva_interview_wrapup_page_sync_header (self);
  viva_interview_wrapup_page_sync_texts (self);
  viva_interview_wrapup_page_rebuild_rows (self);
  viva_interview_wrapup_page_sync_read_only (self);
  viva_interview_wrapup_page_update_actions (self);
}

static void
viva_interview_wrapup_page_items_changed_cb (VivaInterviewWrapupPage *self,
                                             guint                    position,
                                             guint                    removed,
                                             guint                    added,
                                             VivaInterview           *interview)
{
  viva_interview_wrapup_page_number_rows (self);
  viva_interview_wrapup_page_update_rows (self);
}

static void
viva_interview_wrapup_page_item_changed_cb (VivaInterviewWrapupPage *self,
                                            guint                    index,
                                            VivaInterview           *interview)
{
  viva_interview_wrapup_page_update_row (self, index);
}

/* The bank the interview's questions may come from, to show their
 * code as the bank writes it. */
static void
viva_interview_wrapup_page_bank_changed_cb (VivaInterviewWrapupPage *self)
{
  VivaBank *bank = self->context != NULL ? viva_context_get_bank (self->context) : NULL;

  if (g_set_object (&self->bank, bank))
    viva_interview_wrapup_page_update_rows (self);
}

static void
viva_interview_wrapup_page_set_context (VivaInterviewWrapupPage *self,
                                        VivaContext             *context)
{
  g_return_if_fail (context == NULL || VIVA_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;

  g_signal_group_set_target (self->context_signals, context);
  viva_interview_wrapup_page_bank_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}
/* GObject */

static void
viva_interview_wrapup_page_dispose (GObject *object)
{
  VivaInterviewWrapupPage *self = (VivaInterviewWrapupPage *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  if (self->interview_signals != NULL)
    g_signal_group_set_target (self->interview_signals, NULL);
  if (self->context_signals != NULL)
    g_signal_group_set_target (self->context_signals, NULL);
  g_clear_object (&self->interview_signals);
  g_clear_object (&self->context_signals);
  g_clear_object (&self->context);
  g_clear_object (&self->interview);
  g_clear_object (&self->bank);

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_INTERVIEW_WRAPUP_PAGE);
  self->empty_row = NULL;

  g_clear_pointer (&self->recommendation_buttons, g_ptr_array_unref);
  g_clear_object (&self->time_group);

  G_OBJECT_CLASS (viva_interview_wrapup_page_parent_class)->dispose (object);
}

static void
viva_interview_wrapup_page_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  VivaInterviewWrapupPage *self = VIVA_INTERVIEW_WRAPUP_PAGE (object);

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
viva_interview_wrapup_page_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  VivaInterviewWrapupPage *self = VIVA_INTERVIEW_WRAPUP_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      viva_interview_wrapup_page_set_context (self, g_value_get_object (value));
      break;

    case PROP_INTERVIEW:
      viva_interview_wrapup_page_set_interview (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_interview_wrapup_page_class_init (VivaInterviewWrapupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_interview_wrapup_page_dispose;
  object_class->get_property = viva_interview_wrapup_page_get_property;
  object_class->set_property = viva_interview_wrapup_page_set_property;

  /**
   * VivaInterviewWrapupPage:context:
   *
   * Where the open bank is, to show the questions as it writes them.
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

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-interview-wrapup-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewWrapupPage, stack);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewWrapupPage, candidate_label);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewWrapupPage, details_label);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewWrapupPage, time_label);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewWrapupPage, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewWrapupPage, recommendation_box);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewWrapupPage, takeaways_view);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewWrapupPage, summary_view);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewWrapupPage, questions_group);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewWrapupPage, questions_list);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewWrapupPage, status_label);

  _viva_interview_wrapup_page_class_export_init (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vivainterviewwrapuppage");
}

static void
viva_interview_wrapup_page_init (VivaInterviewWrapupPage *self)
{
  GtkToggleButton *group = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->recommendation_buttons = g_ptr_array_new ();
  self->time_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  /* No Decision, then the scale from Strong No to Strong Yes. */
  for (guint r = 0; r < VIVA_INTERVIEW_N_RATINGS; r++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (viva_interview_rating_get_label (r));
      g_autofree char *tooltip = NULL;

      /* Translators: the tooltip of a recommendation button, "Recommend: Strong Yes" */
      tooltip = g_strdup_printf (_("Recommend: %s"), viva_interview_rating_get_label (r));
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_widget_add_css_class (button, viva_interview_rating_to_string (r));
      g_object_set_data (G_OBJECT (button), "viva-rating", GUINT_TO_POINTER (r));
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);
      g_signal_connect_object (button, "toggled",
                               G_CALLBACK (viva_interview_wrapup_page_recommendation_toggled_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_box_append (self->recommendation_box, button);
      g_ptr_array_add (self->recommendation_buttons, button);
    }

  for (guint i = 0; i < 2; i++)
    {
      GtkTextView *view = i == 0 ? self->takeaways_view : self->summary_view;
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);

      g_signal_connect_object (buffer, "insert-text",
                               G_CALLBACK (viva_interview_wrapup_page_insert_text_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (buffer, "changed",
                               G_CALLBACK (viva_interview_wrapup_page_buffer_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }

  self->context_signals = g_signal_group_new (VIVA_TYPE_CONTEXT);
  g_signal_group_connect_object (self->context_signals, "notify::bank",
                                 G_CALLBACK (viva_interview_wrapup_page_bank_changed_cb),
                                 self, G_CONNECT_SWAPPED);

  self->interview_signals = g_signal_group_new (VIVA_TYPE_INTERVIEW);
  g_signal_group_connect_object (self->interview_signals, "changed",
                                 G_CALLBACK (viva_interview_wrapup_page_sync_header),
                                 self, G_CONNECT_SWAPPED);
  /* After the list box's own handler, so that the rows exist. */
  g_signal_group_connect_object (self->interview_signals, "items-changed",
                                 G_CALLBACK (viva_interview_wrapup_page_items_changed_cb),
                                 self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_group_connect_object (self->interview_signals, "item-changed",
                                 G_CALLBACK (viva_interview_wrapup_page_item_changed_cb),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->interview_signals, "notify::recommendation",
                                 G_CALLBACK (viva_interview_wrapup_page_sync_recommendation),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->interview_signals, "notify::takeaways",
                                 G_CALLBACK (viva_interview_wrapup_page_sync_texts),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->interview_signals, "notify::summary",
                                 G_CALLBACK (viva_interview_wrapup_page_sync_texts),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->interview_signals, "notify::read-only",
                                 G_CALLBACK (viva_interview_wrapup_page_sync_read_only),
                                 self, G_CONNECT_SWAPPED);

  viva_interview_wrapup_page_sync_all (self);
}

GtkWidget *
viva_interview_wrapup_page_new (void)
{
  return g_object_new (VIVA_TYPE_INTERVIEW_WRAPUP_PAGE, NULL);
}

VivaInterview *
viva_interview_wrapup_page_get_interview (VivaInterviewWrapupPage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_WRAPUP_PAGE (self), NULL);

  return self->interview;
}

/**
 * viva_interview_wrapup_page_set_interview:
 * @interview: (nullable): the interview to wrap up
 *
 * Shows @interview and edits it in place from now on; %NULL shows an
 * empty page.
 */
void
viva_interview_wrapup_page_set_interview (VivaInterviewWrapupPage *self,
                                          VivaInterview           *interview)
{
  g_return_if_fail (VIVA_IS_INTERVIEW_WRAPUP_PAGE (self));
  g_return_if_fail (interview == NULL || VIVA_IS_INTERVIEW (interview));

  if (!g_set_object (&self->interview, interview))
    return;

  g_signal_group_set_target (self->interview_signals, interview);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  viva_interview_wrapup_page_sync_all (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVIEW]);
}
