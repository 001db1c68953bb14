/* viva-mock-summary-page.c
 *
 * After a mock interview: each question with the time spent against its
 * budget, the answer typed (for a coding question, the code, the output
 * of its last run and the results of its last Run Tests) and a
 * self-rating (Again / Hard / Good / Easy, keys 1-4), and totals per
 * level. The questions' list is bound to the
 * session, the #GListModel of its items, and each rating button to its
 * item's "rating". The page edits the session's ratings; VivaMockView
 * turns a rating into the question's study status. The page takes the
 * context and follows its bank, to show questions' code as the bank
 * open now writes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "viva-answer-view.h"
#include "viva-bank.h"
#include "viva-code-pad.h"
#include "viva-context.h"
#include "viva-mock-session.h"
#include "viva-mock-summary-page.h"
#include "viva-time-format.h"

struct _VivaMockSummaryPage
{
  GtkWidget            parent_instance;

  /* Owned */
  VivaMockSession     *session;
  VivaContext         *context;
  GSignalGroup        *context_signals;
  /* The context's, kept from its last notify::bank */
  VivaBank            *bank;
  GPtrArray           *level_rows;

  /* Template widgets */
  GtkLabel            *title_label;
  GtkLabel            *subtitle_label;
  GtkLabel            *totals_label;
  AdwPreferencesGroup *levels_group;
  GtkListBox          *questions_list;
  GtkButton           *export_button;
};

G_DEFINE_FINAL_TYPE (VivaMockSummaryPage, viva_mock_summary_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  RATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
format_ratings (const guint *ratings)
{
  g_autoptr(GString) str = g_string_new (NULL);

  for (guint r = VIVA_MOCK_RATING_AGAIN; r < VIVA_MOCK_N_RATINGS; r++)
    {
      if (ratings[r] == 0)
        continue;
      if (str->len > 0)
        g_string_append (str, ", ");
      /* Translators: a count of one rating, e.g. "3 Good". */
      g_string_append_printf (str, _("%u %s"), ratings[r], viva_mock_rating_get_label (r));
    }

  return g_string_free (g_steal_pointer (&str), FALSE);
}

static void
viva_mock_summary_page_clear_group (AdwPreferencesGroup *group,
                                    GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
viva_mock_summary_page_update_totals (VivaMockSummaryPage *self)
{
  g_autoptr(GArray) levels = NULL;
  VivaMockLevelTotals overall = { 0 };
  g_autofree char *time = NULL;
  g_autofree char *ratings = NULL;
  g_autoptr(GString) totals = g_string_new (NULL);
  guint n_level_rows = 0;

  levels = viva_mock_session_get_level_totals (self->session, &overall);

  time = viva_format_time_of_budget (overall.spent, overall.budget);
  /* Translators: "10 questions · 31:20 of 35:00". */
  g_string_append_printf (totals, ngettext ("%u question · %s", "%u questions · %s", overall.n_questions),
                          overall.n_questions, time);
  if (overall.n_overtime > 0)
    g_string_append_printf (totals, ngettext (" · %u over time", " · %u over time", overall.n_overtime),
                            overall.n_overtime);
  if (overall.n_skipped > 0)
    g_string_append_printf (totals, ngettext (" · %u skipped", " · %u skipped", overall.n_skipped),
                            overall.n_skipped);
  ratings = format_ratings (overall.ratings);
  if (ratings[0] != '\0')
    g_string_append_printf (totals, " · %s", ratings);
  gtk_label_set_text (self->totals_label, totals->str);
  viva_mock_level_totals_clear (&overall);

  /* Rebuild the level rows: few of them, and their figures all change. */
  {
    viva_mock_summary_page_clear_group (self->levels_group, self->level_rows);

    for (guint i = 0; i < levels->len; i++)
      {
        VivaMockLevelTotals *t = &g_array_index (levels, VivaMockLevelTotals, i);
        g_autofree char *level_time = viva_format_time_of_budget (t->spent, t->budget);
        g_autofree char *level_ratings = format_ratings (t->ratings);
        g_autofree char *subtitle = NULL;
        GtkWidget *row = adw_action_row_new ();
        adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

        subtitle = g_strdup_printf (ngettext ("%u question · %s%s%s", "%u questions · %s%s%s", t->n_questions),
                                    t->n_questions, level_time,
                                    level_ratings[0] ? " · " : "", level_ratings);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), t->level_title);
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        adw_preferences_group_add (self->levels_group, row);
        g_ptr_array_add (self->level_rows, row);
        n_level_rows++;
      }
  }

  gtk_widget_set_visible (GTK_WIDGET (self->levels_group), n_level_rows > 0);
}

static void
viva_mock_summary_page_rating_toggled_cb (GtkToggleButton     *button,
                                          VivaMockSummaryPage *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "viva-index"));
  guint rating = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "viva-rating"));

  if (!gtk_toggle_button_get_active (button) || self->session == NULL ||
      index >= viva_mock_session_get_n_items (self->session))
    return;

  /* The binding from the item shows the rating it already has. */
  if (viva_mock_item_get_rating (viva_mock_session_get_item (self->session, index)) == rating)
    return;

  viva_mock_summary_page_rate (self, index, rating);
}

/* A rating button is down when its item has its rating. */
static gboolean
rating_to_active (GBinding     *binding,
                  const GValue *from_value,
                  GValue       *to_value,
                  gpointer      user_data)
{
  GObject *button = g_binding_dup_target (binding);
  guint rating = GPOINTER_TO_UINT (g_object_get_data (button, "viva-rating"));

  g_value_set_boolean (to_value, (guint) g_value_get_enum (from_value) == rating);
  g_object_unref (button);

  return TRUE;
}

/* The items never move: a session asks its questions in one order. */
static guint
viva_mock_summary_page_index_of (VivaMockSummaryPage *self,
                                 VivaMockItem        *item)
{
  for (guint i = 0; i < viva_mock_session_get_n_items (self->session); i++)
    {
      if (viva_mock_session_get_item (self->session, i) == item)
        return i;
    }

  g_return_val_if_reached (0);
}

static GtkWidget *
new_text_label (const char *text,
                const char *accessible_label,
                gboolean    monospace)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (monospace)
    {
      /* An attribute rather than the "monospace" style class: it holds
       * the text alone, as <tt> does in the question above. */
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_family_new ("monospace"));
      gtk_label_set_attributes (GTK_LABEL (label), attrs);
      pango_attr_list_unref (attrs);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);

  return label;
}

static GtkWidget *
new_heading_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_add_css_class (label, "caption-heading");

  return label;
}

/* A coding question's code pad, as it was left: the code, the output of
 * its last run, the results of its last Run Tests. */
static void
append_code_pad (GtkBox       *content,
                 VivaMockItem *item)
{
  const char *code = viva_mock_item_get_code (item);
  const char *output = viva_mock_item_get_output (item);
  VivaChallengeResults *results = viva_mock_item_get_test_results (item);

  gtk_box_append (content, new_heading_label (_("Code")));
  gtk_box_append (content, new_text_label (code[0] != '\0' ? code : _("No code typed."),
                                           _("Your code"), code[0] != '\0'));

  if (output != NULL)
    {
      gtk_box_append (content, new_heading_label (_("Output")));
      gtk_box_append (content, new_text_label (output[0] != '\0' ? output : _("Nothing was printed."),
                                               _("Output of the last run"), output[0] != '\0'));
    }

  if (results != NULL)
    {
      g_autofree char *summary = viva_challenge_results_dup_summary (results);
      GtkWidget *summary_label = new_text_label (summary, summary, FALSE);

      gtk_box_append (content, new_heading_label (_("Tests")));
      gtk_widget_add_css_class (summary_label, "heading");
      gtk_box_append (content, summary_label);

      if (results->load_error != NULL)
        gtk_box_append (content, new_text_label (results->load_error, _("Why the code did not load"), TRUE));

      /* Failed first, as the code pad shows them; each says its status in
       * words, so colour is never the only cue. */
      for (guint pass = 0; pass < 2; pass++)
        for (guint i = 0; i < results->cases->len; i++)
          {
            const VivaCaseResult *result = g_ptr_array_index (results->cases, i);
            gboolean bad = result->status == VIVA_CASE_FAILED || result->status == VIVA_CASE_ERROR;
            g_autofree char *sentence = NULL;
            GtkWidget *label;

            if (bad != (pass == 0))
              continue;

            sentence = viva_code_pad_describe_case (result);
            label = new_text_label (sentence, sentence, FALSE);
            if (bad)
              gtk_widget_add_css_class (label, "error");
            gtk_box_append (content, label);
          }
    }
}

static GtkWidget *
viva_mock_summary_page_create_row (gpointer item_ptr,
                                   gpointer user_data)
{
  VivaMockSummaryPage *self = user_data;
  VivaMockItem *item = item_ptr;
  guint index = viva_mock_summary_page_index_of (self, item);
  gboolean read_only = viva_mock_session_get_read_only (self->session);
  g_autofree char *title = NULL;
  g_autofree char *time = viva_format_time_of_budget (viva_mock_item_get_spent (item), viva_mock_item_get_budget (item));
  g_autofree char *subtitle = NULL;
  g_autofree char *body = NULL;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *ratings = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *markup = viva_bank_dup_question_markup (self->bank, viva_mock_session_get_bank_id (self->session),
                                                           viva_mock_item_get_number (item), viva_mock_item_get_question_text (item));
  GtkWidget *question = gtk_label_new (NULL);
  GtkWidget *answer;
  const char *bank_answer;
  GtkWidget *content_row;
  g_autofree char *row_label = NULL;
  GtkToggleButton *group = NULL;

  /* Translators: "Question 42 · Level 1: Beginner · Strings" */
  if (viva_mock_item_get_topic_name (item) != NULL)
    title = g_strdup_printf (_("Question %u · %s · %s"), viva_mock_item_get_number (item), viva_mock_item_get_level_title (item), viva_mock_item_get_topic_name (item));
  else
    title = g_strdup_printf (_("Question %u · %s"), viva_mock_item_get_number (item), viva_mock_item_get_level_title (item));

  if (viva_mock_item_get_skipped (item))
    /* Translators: the time line of a skipped question. */
    subtitle = g_strdup_printf (_("%s · skipped"), time);
  else
    /* Overtime is already in the time: "2:30 of 2:00 (0:30 over)". */
    subtitle = g_strdup (time);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  g_object_set_data (G_OBJECT (row), "viva-index", GUINT_TO_POINTER (index));

  gtk_widget_add_css_class (ratings, "linked");
  gtk_widget_set_valign (ratings, GTK_ALIGN_CENTER);
  for (guint r = VIVA_MOCK_RATING_AGAIN; r < VIVA_MOCK_N_RATINGS; r++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (viva_mock_rating_get_label (r));
      g_autofree char *tooltip = g_strdup_printf (_("Rate %s (%u)"), viva_mock_rating_get_label (r), r);
      g_autofree char *accessible = g_strdup_printf (_("Rate question %u %s"), viva_mock_item_get_number (item),
                                                     viva_mock_rating_get_label (r));

      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
      g_object_set_data (G_OBJECT (button), "viva-index", GUINT_TO_POINTER (index));
      g_object_set_data (G_OBJECT (button), "viva-rating", GUINT_TO_POINTER (r));
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);
      g_object_bind_property_full (item, "rating", button, "active", G_BINDING_SYNC_CREATE,
                                   rating_to_active, NULL, NULL, NULL);
      gtk_widget_set_sensitive (button, !read_only);
      g_signal_connect (button, "toggled", G_CALLBACK (viva_mock_summary_page_rating_toggled_cb), self);
      gtk_box_append (GTK_BOX (ratings), button);
    }
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), ratings);

  /* As the question reads everywhere, its code in monospace. */
  gtk_label_set_markup (GTK_LABEL (question), markup);
  gtk_label_set_wrap (GTK_LABEL (question), TRUE);
  gtk_label_set_xalign (GTK_LABEL (question), 0);
  gtk_label_set_selectable (GTK_LABEL (question), TRUE);
  gtk_widget_add_css_class (question, "heading");

  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_box_append (GTK_BOX (content), question);

  /* A question answered in code only has no typed answer to miss. */
  if (viva_mock_item_get_answer (item)[0] != '\0' || !viva_mock_item_has_code (item))
    {
      body = viva_mock_item_get_answer (item)[0] ? g_strdup (viva_mock_item_get_answer (item)) : g_strdup (_("No answer typed."));
      answer = new_text_label (body, _("Your answer"), FALSE);
      if (viva_mock_item_get_answer (item)[0] == '\0')
        gtk_widget_add_css_class (answer, "dim-label");
      gtk_box_append (GTK_BOX (content), answer);
    }

  if (viva_mock_item_has_code (item))
    append_code_pad (GTK_BOX (content), item);

  /* The bank's answer under the user's, to compare: only from the bank
   * the question came from, asked in the same words. */
  bank_answer = viva_bank_lookup_answer (self->bank, viva_mock_session_get_bank_id (self->session),
                                         viva_mock_item_get_number (item),
                                         viva_mock_item_get_question_text (item));
  if (bank_answer != NULL)
    {
      GtkWidget *view = viva_answer_view_new ();

      gtk_box_append (GTK_BOX (content), new_heading_label (_("Answer in the Bank")));
      viva_answer_view_set_answer (VIVA_ANSWER_VIEW (view), bank_answer);
      gtk_box_append (GTK_BOX (content), view);
    }

  /* A row of its own, named: GTK 4.8 would otherwise name it after all
   * the text inside, the code and each test's sentence included. */
  content_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (content_row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (content_row), content);
  row_label = g_strdup_printf (_("Your answer to question %u"), viva_mock_item_get_number (item));
  gtk_accessible_update_property (GTK_ACCESSIBLE (content_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, row_label,
                                  -1);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), content_row);

  return row;
}

/* Keys 1-4 rate the question whose row holds the focus, unless the focus
 * is somewhere the digit would be typed. */
static gboolean
viva_mock_summary_page_key_pressed_cb (VivaMockSummaryPage   *self,
                                       guint                  keyval,
                                       guint                  keycode,
                                       GdkModifierType        state,
                                       GtkEventControllerKey *controller)
{
  GtkWidget *focus;
  guint rating;

  if (self->session == NULL || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_1: case GDK_KEY_KP_1: rating = VIVA_MOCK_RATING_AGAIN; break;
    case GDK_KEY_2: case GDK_KEY_KP_2: rating = VIVA_MOCK_RATING_HARD; break;
    case GDK_KEY_3: case GDK_KEY_KP_3: rating = VIVA_MOCK_RATING_GOOD; break;
    case GDK_KEY_4: case GDK_KEY_KP_4: rating = VIVA_MOCK_RATING_EASY; break;
    default: return FALSE;
    }

  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  if (focus == NULL || GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus))
    return FALSE;

  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    {
      if (ADW_IS_EXPANDER_ROW (w) && g_object_get_data (G_OBJECT (w), "viva-index") != NULL)
        return viva_mock_summary_page_rate (self,
                                            GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (w), "viva-index")),
                                            rating);
    }

  return FALSE;
}

static void
viva_mock_summary_page_dispose (GObject *object)
{
  VivaMockSummaryPage *self = (VivaMockSummaryPage *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_MOCK_SUMMARY_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  if (self->context_signals != NULL)
    g_signal_group_set_target (self->context_signals, NULL);
  g_clear_object (&self->context_signals);
  g_clear_object (&self->context);
  g_clear_object (&self->session);
  g_clear_object (&self->bank);
  g_clear_pointer (&self->level_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (viva_mock_summary_page_parent_class)->dispose (object);
}

/* The bank the interview's questions may come from, to show their code
 * as the bank writes it. */
static void
viva_mock_summary_page_bank_changed_cb (VivaMockSummaryPage *self)
{
  VivaBank *bank = viva_context_get_bank (self->context);

  if (bank != NULL && g_set_object (&self->bank, bank) && self->session != NULL)
    viva_mock_summary_page_set_session (self, self->session);
}

static void
viva_mock_summary_page_set_context (VivaMockSummaryPage *self,
                                    VivaContext         *context)
{
  g_return_if_fail (!context || VIVA_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  if (context == NULL)
    return;

  self->context = g_object_ref (context);
  g_signal_group_set_target (self->context_signals, context);
  viva_mock_summary_page_bank_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

static void
viva_mock_summary_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  VivaMockSummaryPage *self = VIVA_MOCK_SUMMARY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_mock_summary_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  VivaMockSummaryPage *self = VIVA_MOCK_SUMMARY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      viva_mock_summary_page_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_mock_summary_page_class_init (VivaMockSummaryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_mock_summary_page_dispose;
  object_class->get_property = viva_mock_summary_page_get_property;
  object_class->set_property = viva_mock_summary_page_set_property;

  /**
   * VivaMockSummaryPage:context:
   *
   * Whose bank shows the questions' code; set once.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         VIVA_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VivaMockSummaryPage::rated:
   * @index: the question's index in the session
   * @rating: a #VivaMockRating
   *
   * The user rated an answer; the session already holds the rating.
   */
  signals[RATED] =
    g_signal_new ("rated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-mock-summary-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaMockSummaryPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, VivaMockSummaryPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, VivaMockSummaryPage, totals_label);
  gtk_widget_class_bind_template_child (widget_class, VivaMockSummaryPage, levels_group);
  gtk_widget_class_bind_template_child (widget_class, VivaMockSummaryPage, questions_list);
  gtk_widget_class_bind_template_child (widget_class, VivaMockSummaryPage, export_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vivamocksummarypage");
}

static void
viva_mock_summary_page_init (VivaMockSummaryPage *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->level_rows = g_ptr_array_new ();
  self->context_signals = g_signal_group_new (VIVA_TYPE_CONTEXT);
  g_signal_group_connect_object (self->context_signals, "notify::bank",
                                 G_CALLBACK (viva_mock_summary_page_bank_changed_cb),
                                 self, G_CONNECT_SWAPPED);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed",
                           G_CALLBACK (viva_mock_summary_page_key_pressed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/* The bank open now, whose answers the page shows: the report's too. */
VivaBank *
viva_mock_summary_page_get_bank (VivaMockSummaryPage *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SUMMARY_PAGE (self), NULL);

  return self->bank;
}

VivaMockSession *
viva_mock_summary_page_get_session (VivaMockSummaryPage *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SUMMARY_PAGE (self), NULL);

  return self->session;
}

void
viva_mock_summary_page_set_session (VivaMockSummaryPage *self,
                                    VivaMockSession     *session)
{
  g_autoptr(GDateTime) created = NULL;
  g_autofree char *date = NULL;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (VIVA_IS_MOCK_SUMMARY_PAGE (self));
  g_return_if_fail (VIVA_IS_MOCK_SESSION (session));

  g_set_object (&self->session, session);

  /* Unbound first, so that the rows are made anew even for the same
   * session: a new bank changes how their questions read. */
  gtk_list_box_bind_model (self->questions_list, NULL, NULL, NULL, NULL);

  created = g_date_time_new_from_unix_local (viva_mock_session_get_created (session) / G_USEC_PER_SEC);
  /* Translators: the date of a mock interview, "Friday 5 December 2026,
   * 14:05"; see g_date_time_format(). */
  date = g_date_time_format (created, _("%A %-d %B %Y, %H:%M"));
  subtitle = g_strdup_printf ("%s · %s%s", g_strstrip (date),
                              viva_mock_session_get_bank_title (session),
                              viva_mock_session_get_read_only (session) ? _(" · read-only") : "");
  gtk_label_set_text (self->subtitle_label, subtitle);

  gtk_list_box_bind_model (self->questions_list, G_LIST_MODEL (session),
                           viva_mock_summary_page_create_row, self, NULL);
  viva_mock_summary_page_update_totals (self);
}

const char *
viva_mock_summary_page_get_totals (VivaMockSummaryPage *self)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SUMMARY_PAGE (self), NULL);

  return gtk_label_get_text (self->totals_label);
}

/**
 * viva_mock_summary_page_rate:
 * @rating: a #VivaMockRating
 *
 * Rates answer @index, as its buttons and keys 1-4 do.
 *
 * Returns: %TRUE if the rating was taken (not a read-only session)
 */
gboolean
viva_mock_summary_page_rate (VivaMockSummaryPage *self,
                             guint                index,
                             guint                rating)
{
  g_return_val_if_fail (VIVA_IS_MOCK_SUMMARY_PAGE (self), FALSE);
  g_return_val_if_fail (self->session != NULL, FALSE);

  if (viva_mock_session_get_read_only (self->session) ||
      index >= viva_mock_session_get_n_items (self->session) ||
      !viva_mock_session_set_rating (self->session, index, rating))
    return FALSE;

  viva_mock_summary_page_update_totals (self);
  g_signal_emit (self, signals[RATED], 0, index, rating);

  return TRUE;
}
