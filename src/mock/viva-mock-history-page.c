/* viva-mock-history-page.c
 *
 * Past mock interviews, newest first: date, questions, time and ratings.
 * Activating one opens its summary, read-only. Files that could not be
 * read are named above the list; they never hide the others.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "viva-mock-history-page.h"
#include "viva-mock-session.h"
#include "viva-session-store.h"
#include "viva-time-format.h"

struct _VivaMockHistoryPage
{
  GtkWidget   parent_instance;

  /* Owned */
  GListModel *sessions;

  /* Template widgets */
  GtkStack   *stack;
  GtkLabel   *problems_label;
  GtkListBox *list_box;
};

G_DEFINE_FINAL_TYPE (VivaMockHistoryPage, viva_mock_history_page, GTK_TYPE_WIDGET)

enum {
  SESSION_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
viva_mock_history_page_describe (VivaMockSession *session)
{
  g_autoptr(GArray) levels = NULL;
  VivaMockLevelTotals overall = { 0 };
  g_autoptr(GString) str = g_string_new (NULL);
  g_autofree char *spent = NULL;

  levels = viva_mock_session_get_level_totals (session, &overall);
  spent = viva_format_duration (overall.spent);

  /* Translators: "10 questions · 31:20" in the history list. */
  g_string_append_printf (str, ngettext ("%u question · %s", "%u questions · %s", overall.n_questions),
                          overall.n_questions, spent);

  for (guint r = VIVA_MOCK_RATING_AGAIN; r < VIVA_MOCK_N_RATINGS; r++)
    if (overall.ratings[r] > 0)
      g_string_append_printf (str, " · %u %s", overall.ratings[r], viva_mock_rating_get_label (r));

  if (viva_mock_session_get_unfinished (session))
    g_string_append_printf (str, " · %s", _("not finished"));

  viva_mock_level_totals_clear (&overall);

  return g_string_free (g_steal_pointer (&str), FALSE);
}

static GtkWidget *
viva_mock_history_page_create_row (gpointer item,
                                   gpointer user_data)
{
  VivaMockSession *session = item;
  g_autoptr(GDateTime) created = g_date_time_new_from_unix_local (viva_mock_session_get_created (session) / G_USEC_PER_SEC);
  /* Translators: the date of a past interview, "Fri 5 Dec 2026, 14:05";
   * see g_date_time_format(). */
  g_autofree char *date = g_date_time_format (created, _("%a %-d %b %Y, %H:%M"));
  g_autofree char *subtitle = viva_mock_history_page_describe (session);
  GtkWidget *row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_strstrip (date));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  return row;
}

static void
row_activated_cb (VivaMockHistoryPage *self,
                  GtkListBoxRow       *row,
                  GtkListBox          *list_box)
{
  g_autoptr(VivaMockSession) session = NULL;

  session = g_list_model_get_item (self->sessions, gtk_list_box_row_get_index (row));
  if (session != NULL)
    g_signal_emit (self, signals[SESSION_ACTIVATED], 0, session);
}

static void
viva_mock_history_page_update_empty (VivaMockHistoryPage *self)
{
  gboolean empty = self->sessions == NULL || g_list_model_get_n_items (self->sessions) == 0;

  gtk_stack_set_visible_child_name (self->stack,
                                    empty && !gtk_widget_get_visible (GTK_WIDGET (self->problems_label))
                                      ? "empty" : "list");
}

static void
viva_mock_history_page_dispose (GObject *object)
{
  VivaMockHistoryPage *self = (VivaMockHistoryPage *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_MOCK_HISTORY_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  g_clear_object (&self->sessions);

  G_OBJECT_CLASS (viva_mock_history_page_parent_class)->dispose (object);
}

static void
viva_mock_history_page_class_init (VivaMockHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_mock_history_page_dispose;

  /**
   * VivaMockHistoryPage::session-activated:
   * @session: the past interview the user picked
   */
  signals[SESSION_ACTIVATED] =
    g_signal_new ("session-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, VIVA_TYPE_MOCK_SESSION);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-mock-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaMockHistoryPage, stack);
  gtk_widget_class_bind_template_child (widget_class, VivaMockHistoryPage, problems_label);
  gtk_widget_class_bind_template_child (widget_class, VivaMockHistoryPage, list_box);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vivamockhistorypage");
}

static void
viva_mock_history_page_init (VivaMockHistoryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * viva_mock_history_page_set_sessions:
 * @sessions: #VivaMockSession items, newest first
 * @problems: (nullable): #VivaSessionProblem for files that could not be read
 */
void
viva_mock_history_page_set_sessions (VivaMockHistoryPage *self,
                                     GListModel          *sessions,
                                     GPtrArray           *problems)
{
  g_return_if_fail (VIVA_IS_MOCK_HISTORY_PAGE (self));
  g_return_if_fail (G_IS_LIST_MODEL (sessions));

  if (g_set_object (&self->sessions, sessions))
    {
      gtk_list_box_bind_model (self->list_box, sessions,
                               viva_mock_history_page_create_row, self, NULL);
      g_signal_connect_object (sessions, "items-changed",
                               G_CALLBACK (viva_mock_history_page_update_empty),
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
          VivaSessionProblem *problem = g_ptr_array_index (problems, i);

          g_string_append_printf (text, "\n• %s: %s",
                                  problem->moved_aside_path ? problem->moved_aside_path : problem->path,
                                  problem->message);
        }
      gtk_label_set_text (self->problems_label, text->str);
      gtk_widget_set_visible (GTK_WIDGET (self->problems_label), TRUE);
    }
  else if (problems != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->problems_label), FALSE);

  viva_mock_history_page_update_empty (self);
}

/* The row for the interview at @position, for tests. */
GtkWidget *
viva_mock_history_page_get_row (VivaMockHistoryPage *self,
                                guint                position)
{
  g_return_val_if_fail (VIVA_IS_MOCK_HISTORY_PAGE (self), NULL);

  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->list_box, position));
}
