/* viva-interview-list-page.c
 *
 * The interviews an interviewer has run or planned, newest first: the
 * candidate, the role, the date and the outcome. A search field narrows
 * the list by candidate, ignoring case and accents; activating a row
 * opens the interview (#VivaInterviewListPage::open); a delete button
 * removes one after asking. Files that could not be read are named
 * above the list; they never hide the others.
 *
 * The list follows the context's interview store as it changes: a new
 * interview, a candidate renamed on the plan page, a recommendation made
 * at the wrap-up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "viva-context.h"
#include "viva-interview.h"
#include "viva-interview-list-page.h"
#include "viva-interview-store.h"
#include "viva-text.h"
#include "viva-message-dialog.h"

struct _VivaInterviewListPage
{
  GtkWidget           parent_instance;

  /* Owned */
  VivaContext        *context;
  /* The context's */
  VivaInterviewStore *store;
  GtkSortListModel   *sorted;
  GtkFilterListModel *filtered;
  char               *search_key;

  /* Template widgets */
  GtkLabel           *problems_label;
  GtkRevealer        *error_revealer;
  GtkLabel           *error_label;
  GtkStack           *stack;
  GtkSearchEntry     *search_entry;
  GtkStack           *results_stack;
  GtkListBox         *list_box;

  /* Borrowed: the confirmation on screen, if any */
  AdwMessageDialog   *dialog;
};

G_DEFINE_FINAL_TYPE (VivaInterviewListPage, viva_interview_list_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
candidate_or_unnamed (VivaInterview *interview)
{
  const char *candidate = viva_interview_get_candidate (interview);

  return candidate[0] != '\0' ? candidate : _("Unnamed candidate");
}

/* The date the interviewer gave, or when it was planned. */
static gint64
interview_date (VivaInterview *interview)
{
  gint64 date = viva_interview_get_date (interview);

  return date > 0 ? date : viva_interview_get_created (interview);
}

/* Sorting and filtering */

static int
compare_interviews (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  VivaInterview *ia = (VivaInterview *) a;
  VivaInterview *ib = (VivaInterview *) b;
  gint64 da = interview_date (ia);
  gint64 db = interview_date (ib);

  if (da != db)
    return da > db ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;

  /* Ids are unique: a stable order for interviews on the same date. */
  return gtk_ordering_from_cmpfunc (-strcmp (viva_interview_get_id (ia), viva_interview_get_id (ib)));
}

static gboolean
match_candidate (gpointer item,
                 gpointer user_data)
{
  VivaInterviewListPage *self = user_data;
  g_autofree char *name = NULL;

  if (self->search_key == NULL)
    return TRUE;

  /* The store's search folds the same way: "ada" finds "Ádá". */
  name = viva_text_normalize (viva_interview_get_candidate (VIVA_INTERVIEW (item)), -1);

  return strstr (name, self->search_key) != NULL;
}

static void
viva_interview_list_page_update_view (VivaInterviewListPage *self)
{
  gboolean has_interviews = self->sorted != NULL &&
                            g_list_model_get_n_items (G_LIST_MODEL (self->sorted)) > 0;
  gboolean has_results = self->filtered != NULL &&
                         g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0;

  gtk_stack_set_visible_child_name (self->stack, has_interviews ? "list" : "empty");
  gtk_stack_set_visible_child_name (self->results_stack, has_results ? "results" : "no-results");
}

static void
search_changed_cb (VivaInterviewListPage *self,
                   GtkSearchEntry        *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  GtkFilter *filter;

  g_clear_pointer (&self->search_key, g_free);
  if (stripped[0] != '\0')
    self->search_key = viva_text_normalize (stripped, -1);

  if (self->filtered == NULL)
    return;

  filter = gtk_filter_list_model_get_filter (self->filtered);
  gtk_filter_changed (filter, GTK_FILTER_CHANGE_DIFFERENT);
  viva_interview_list_page_update_view (self);
}

static void
stop_search_cb (VivaInterviewListPage *self,
                GtkSearchEntry        *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* Rows */

static void
set_pill (GtkLabel   *pill,
          const char *text,
          const char *style)
{
  static const char * const styles[] = {
    "viva-outcome-planned", "viva-outcome-running", "viva-outcome-none",
    "viva-outcome-strong-no", "viva-outcome-no", "viva-outcome-yes", "viva-outcome-strong-yes",
  };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (pill), styles[i]);

  gtk_label_set_text (pill, text);
  gtk_widget_add_css_class (GTK_WIDGET (pill), style);
}

static void
viva_interview_list_page_update_row (GtkWidget     *row,
                                     VivaInterview *interview)
{
  static const char * const rating_styles[VIVA_INTERVIEW_N_RATINGS] = {
    [VIVA_INTERVIEW_RATING_NONE] = "viva-outcome-none",
    [VIVA_INTERVIEW_RATING_STRONG_NO] = "viva-outcome-strong-no",
    [VIVA_INTERVIEW_RATING_NO] = "viva-outcome-no",
    [VIVA_INTERVIEW_RATING_YES] = "viva-outcome-yes",
    [VIVA_INTERVIEW_RATING_STRONG_YES] = "viva-outcome-strong-yes",
  };
  GtkLabel *pill = g_object_get_data (G_OBJECT (row), "viva-pill");
  GtkWidget *delete_button = g_object_get_data (G_OBJECT (row), "viva-delete");
  const char *candidate = candidate_or_unnamed (interview);
  const char *role = viva_interview_get_role (interview);
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (interview_date (interview) / G_USEC_PER_SEC);
  /* Translators: the date of an interview in the list, see g_date_time_format(). */
  g_autofree char *date = when != NULL ? g_date_time_format (when, _("%-d %b %Y")) : g_strdup ("");
  g_autofree char *subtitle = NULL;
  g_autofree char *delete_label = NULL;
  VivaInterviewRating rating;

  g_strstrip (date);
  if (role[0] != '\0')
    /* Translators: role and date of an interview, "Backend engineer · 14 May 2024". */
    subtitle = g_strdup_printf (_("%s · %s"), role, date);
  else
    subtitle = g_strdup (date);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), candidate);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  switch (viva_interview_get_state (interview))
    {
    case VIVA_INTERVIEW_STATE_PLANNED:
      set_pill (pill, _("Planned"), "viva-outcome-planned");
      break;

    case VIVA_INTERVIEW_STATE_RUNNING:
    case VIVA_INTERVIEW_STATE_PAUSED:
      set_pill (pill, _("In progress"), "viva-outcome-running");
      break;

    case VIVA_INTERVIEW_STATE_FINISHED:
    default:
      rating = viva_interview_get_recommendation (interview);
      set_pill (pill, viva_interview_rating_get_label (rating), rating_styles[rating]);
      break;
    }

  /* Translators: accessible name of the delete button of a row. */
  delete_label = g_strdup_printf (_("Delete interview with %s"), candidate);
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, delete_label,
                                  -1);
  gtk_widget_set_tooltip_text (delete_button,
                               viva_interview_get_read_only (interview)
                               ? _("Saved by a newer version of Viva: it can be read but not deleted here")
                               : delete_label);
}

static void
row_interview_notify_cb (GtkWidget     *row,
                         GParamSpec    *pspec,
                         VivaInterview *interview)
{
  VivaInterviewListPage *self;
  const char *name = g_param_spec_get_name (pspec);

  if (!g_str_equal (name, "candidate") && !g_str_equal (name, "role") &&
      !g_str_equal (name, "date") && !g_str_equal (name, "state") &&
      !g_str_equal (name, "recommendation"))
    return;

  viva_interview_list_page_update_row (row, interview);

  /* Last: sorting again or filtering again may replace this row. */
  self = VIVA_INTERVIEW_LIST_PAGE (gtk_widget_get_ancestor (row, VIVA_TYPE_INTERVIEW_LIST_PAGE));
  if (self == NULL)
    return;

  if (g_str_equal (name, "date"))
    gtk_sorter_changed (gtk_sort_list_model_get_sorter (self->sorted), GTK_SORTER_CHANGE_DIFFERENT);
  else if (g_str_equal (name, "candidate") && self->search_key != NULL)
    {
      gtk_filter_changed (gtk_filter_list_model_get_filter (self->filtered), GTK_FILTER_CHANGE_DIFFERENT);
      viva_interview_list_page_update_view (self);
    }
}

static GtkWidget *
viva_interview_list_page_create_row (gpointer item,
                                     gpointer user_data)
{
  VivaInterview *interview = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *pill = gtk_label_new (NULL);
  GtkWidget *delete_button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (pill, "viva-outcome");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), pill);

  gtk_widget_set_valign (delete_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete_button, "flat");
  /* The store refuses to delete a file from a newer version; say so
   * before the user tries. Read-only is for the interview's lifetime. */
  if (viva_interview_get_read_only (interview))
    gtk_widget_set_sensitive (delete_button, FALSE);
  else
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (delete_button), "interview-list.delete");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (delete_button), "s", viva_interview_get_id (interview));
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete_button);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));

  g_object_set_data (G_OBJECT (row), "viva-pill", pill);
  g_object_set_data (G_OBJECT (row), "viva-delete", delete_button);
  g_object_set_data_full (G_OBJECT (row), "viva-interview", g_object_ref (interview), g_object_unref);

  viva_interview_list_page_update_row (row, interview);
  g_signal_connect_object (interview, "notify",
                           G_CALLBACK (row_interview_notify_cb), row,
                           G_CONNECT_SWAPPED);

  return row;
}

static void
row_activated_cb (VivaInterviewListPage *self,
                  GtkListBoxRow         *row,
                  GtkListBox            *list_box)
{
  VivaInterview *interview = g_object_get_data (G_OBJECT (row), "viva-interview");

  if (interview != NULL)
    g_signal_emit (self, signals[OPEN], 0, interview);
}

/* Deleting */

static void
viva_interview_list_page_show_error (VivaInterviewListPage *self,
                                     const char            *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
dismiss_error_cb (VivaInterviewListPage *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  gtk_label_set_text (self->error_label, "");
}

static VivaInterview *
viva_interview_list_page_find (VivaInterviewListPage *self,
                               const char            *id)
{
  GListModel *interviews;

  if (self->store == NULL)
    return NULL;

  interviews = viva_interview_store_get_interviews (self->store);
  for (guint i = 0; i < g_list_model_get_n_items (interviews); i++)
    {
      g_autoptr(VivaInterview) interview = g_list_model_get_item (interviews, i);

      if (g_strcmp0 (viva_interview_get_id (interview), id) == 0)
        return interview;
    }

  return NULL;
}

static void
delete_response_cb (VivaInterviewListPage *self,
                    const char            *response,
                    AdwMessageDialog      *dialog)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "viva-interview-id");
  g_autoptr(GError) error = NULL;
  VivaInterview *interview;

  if (!g_str_equal (response, "delete"))
    return;

  interview = viva_interview_list_page_find (self, id);
  if (interview == NULL)
    return;   /* gone already, e.g. deleted by the other dialog */

  if (viva_interview_store_delete (self->store, interview, &error))
    dismiss_error_cb (self);
  else
    viva_interview_list_page_show_error (self, error->message);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VivaInterviewListPage *self = VIVA_INTERVIEW_LIST_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  VivaInterview *interview = viva_interview_list_page_find (self, id);
  const char *candidate;
  g_autofree char *body = NULL;
  GtkRoot *root;
  GtkWidget *dialog;

  if (interview == NULL)
    return;

  candidate = viva_interview_get_candidate (interview);
  if (candidate[0] != '\0')
    /* Translators: the body of the dialog that confirms deleting an interview. */
    body = g_strdup_printf (_("The notes and ratings for %s will be deleted permanently."), candidate);
  else
    body = g_strdup (_("The notes and ratings of this interview will be deleted permanently."));

  root = gtk_widget_get_root (widget);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Delete Interview?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "viva-interview-id", g_strdup (id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, G_CONNECT_SWAPPED);

  self->dialog = ADW_MESSAGE_DIALOG (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  viva_message_dialog_present (self->dialog);
}

/* Keyboard */

static gboolean
focus_search_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  viva_interview_list_page_focus_search (VIVA_INTERVIEW_LIST_PAGE (widget));

  return TRUE;
}

/* Shows the interviews of @store, and follows them as they change;
 * @problems are the files that could not be read as they were. */
static void
viva_interview_list_page_show_store (VivaInterviewListPage *self,
                                     VivaInterviewStore    *store,
                                     GPtrArray             *problems)
{
  if (g_set_object (&self->store, store))
    {
      g_clear_object (&self->filtered);
      g_clear_object (&self->sorted);

      if (store != NULL)
        {
          GListModel *interviews = viva_interview_store_get_interviews (store);
          GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (compare_interviews, NULL, NULL));
          GtkFilter *filter = GTK_FILTER (gtk_custom_filter_new (match_candidate, self, NULL));

          self->sorted = gtk_sort_list_model_new (g_object_ref (interviews), sorter);
          self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sorted)), filter);
        }

      gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->filtered),
                               viva_interview_list_page_create_row, self, NULL);
      if (self->filtered != NULL)
        g_signal_connect_object (self->filtered, "items-changed",
                                 G_CALLBACK (viva_interview_list_page_update_view),
                                 self, G_CONNECT_SWAPPED);
    }

  if (problems != NULL && problems->len > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      g_string_append (text, ngettext ("One interview file could not be read; it was kept as it is:",
                                       "Some interview files could not be read; they were kept as they are:",
                                       problems->len));
      for (guint i = 0; i < problems->len; i++)
        {
          VivaInterviewProblem *problem = g_ptr_array_index (problems, i);

          g_string_append_printf (text, "\n• %s: %s",
                                  problem->moved_aside_path ? problem->moved_aside_path : problem->path,
                                  problem->message);
          if (problem->restored_from_backup)
            g_string_append_printf (text, " %s", _("(restored from its backup)"));
        }
      gtk_label_set_text (self->problems_label, text->str);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), problems != NULL && problems->len > 0);

  viva_interview_list_page_update_view (self);
}

static void
viva_interview_list_page_set_context (VivaInterviewListPage *self,
                                      VivaContext           *context)
{
  g_return_if_fail (context == NULL || VIVA_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;

  viva_interview_list_page_show_store (self,
                                       context != NULL ? viva_context_get_interview_store (context) : NULL,
                                       context != NULL ? viva_context_get_interview_problems (context) : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

static void
viva_interview_list_page_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  VivaInterviewListPage *self = VIVA_INTERVIEW_LIST_PAGE (object);

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
viva_interview_list_page_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  VivaInterviewListPage *self = VIVA_INTERVIEW_LIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      viva_interview_list_page_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* GObject */

static void
viva_interview_list_page_dispose (GObject *object)
{
  VivaInterviewListPage *self = (VivaInterviewListPage *)object;
  GtkWidget *child;

  if (self->dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
      gtk_window_destroy (GTK_WINDOW (self->dialog));
      self->dialog = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_INTERVIEW_LIST_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  g_clear_object (&self->filtered);
  g_clear_object (&self->sorted);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (viva_interview_list_page_parent_class)->dispose (object);
}

static void
viva_interview_list_page_finalize (GObject *object)
{
  VivaInterviewListPage *self = (VivaInterviewListPage *)object;

  g_free (self->search_key);

  G_OBJECT_CLASS (viva_interview_list_page_parent_class)->finalize (object);
}

static void
viva_interview_list_page_class_init (VivaInterviewListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_interview_list_page_dispose;
  object_class->finalize = viva_interview_list_page_finalize;
  object_class->get_property = viva_interview_list_page_get_property;
  object_class->set_property = viva_interview_list_page_set_property;

  /**
   * VivaInterviewListPage:context:
   *
   * Whose interview store is listed, with the files it could not read.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         VIVA_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VivaInterviewListPage::open:
   * @interview: the interview the user picked
   */
  signals[OPEN] =
    g_signal_new ("open",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, VIVA_TYPE_INTERVIEW);

  gtk_widget_class_install_action (widget_class, "interview-list.delete", "s", delete_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, focus_search_cb, NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-interview-list-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewListPage, problems_label);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewListPage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewListPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewListPage, stack);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewListPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewListPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewListPage, list_box);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, dismiss_error_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vivainterviewlistpage");
}

static void
viva_interview_list_page_init (VivaInterviewListPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  viva_interview_list_page_update_view (self);
}

/* Ctrl+F: the search field, with what it holds selected. */
void
viva_interview_list_page_focus_search (VivaInterviewListPage *self)
{
  g_return_if_fail (VIVA_IS_INTERVIEW_LIST_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/* "empty" (no interview at all), "no-results" (none matches the
 * search) or "results". */
const char *
viva_interview_list_page_get_view_name (VivaInterviewListPage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_LIST_PAGE (self), NULL);

  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "empty"))
    return "empty";

  return gtk_stack_get_visible_child_name (self->results_stack);
}

guint
viva_interview_list_page_get_n_rows (VivaInterviewListPage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_LIST_PAGE (self), 0);

  return self->filtered != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) : 0;
}

GtkWidget *
viva_interview_list_page_get_row (VivaInterviewListPage *self,
                                  guint                  position)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_LIST_PAGE (self), NULL);

  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->list_box, position));
}

/* Returns: (transfer none) (nullable): the interview shown at @position */
VivaInterview *
viva_interview_list_page_get_row_interview (VivaInterviewListPage *self,
                                            guint                  position)
{
  GtkWidget *row;

  g_return_val_if_fail (VIVA_IS_INTERVIEW_LIST_PAGE (self), NULL);

  row = viva_interview_list_page_get_row (self, position);

  return row != NULL ? g_object_get_data (G_OBJECT (row), "viva-interview") : NULL;
}

GtkEditable *
viva_interview_list_page_get_search_entry (VivaInterviewListPage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_LIST_PAGE (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

/* Returns: (transfer none) (nullable): the delete confirmation shown */
AdwMessageDialog *
viva_interview_list_page_get_dialog (VivaInterviewListPage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_LIST_PAGE (self), NULL);

  return self->dialog;
}

/* Returns: (nullable): the error shown above the list */
const char *
viva_interview_list_page_get_error (VivaInterviewListPage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_LIST_PAGE (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->error_revealer))
    return NULL;

  return gtk_label_get_text (self->error_label);
}

/* Returns: (nullable): what is said above the list about unreadable files */
const char *
viva_interview_list_page_get_problems (VivaInterviewListPage *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_LIST_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->problems_label)))
    return NULL;

  return gtk_label_get_text (self->problems_label);
}
