/* viva-interview-view.c
 *
 * Interviewer mode: the interviews list, planning one, running it live
 * and wrapping it up. This widget ties the pages to the store: it makes
 * new interviews and adds them to the VivaInterviewStore (which saves
 * each as it changes), opens one on the page its state calls for, and
 * moves between pages as the interview goes on. The pages edit the
 * interview itself, and take the view's context (bound in the
 * template), whose bank, notes and store they follow on their own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "viva-bank.h"
#include "viva-clock.h"
#include "viva-context.h"
#include "viva-interview.h"
#include "viva-interview-store.h"
#include "viva-interview-view.h"
#include "viva-question.h"
#include "viva-toast.h"

struct _VivaInterviewView
{
  GtkWidget                parent_instance;

  /* Owned */
  VivaContext             *context;
  GSignalGroup            *context_signals;
  /* The context's, kept from its last notify::bank */
  VivaBank                *bank;
  VivaInterviewStore      *store;
  VivaClock               *clock;
  VivaInterview           *interview;

  /* Template widgets */
  GtkWidget               *root;
  AdwWindowTitle          *title;
  AdwToastOverlay         *toast_overlay;
  GtkStack                *stack;
  VivaInterviewListPage   *list_page;
  VivaInterviewPlanPage   *plan_page;
  VivaInterviewLivePage   *live_page;
  VivaInterviewWrapupPage *wrapup_page;
};

G_DEFINE_FINAL_TYPE (VivaInterviewView, viva_interview_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
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
viva_interview_view_toast (VivaInterviewView *self,
                           const char        *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, viva_toast_new_plain (message));
}

/* "Ada Lovelace", or a stand-in until the name is typed. */
static const char *
candidate_or_placeholder (VivaInterview *interview)
{
  const char *candidate = viva_interview_get_candidate (interview);

  return candidate[0] != '\0' ? candidate : _("New Candidate");
}

static void
viva_interview_view_update_title (VivaInterviewView *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  g_autofree char *subtitle = NULL;
  const char *title = _("Interviews");

  if (self->interview != NULL && g_strcmp0 (page, "list") != 0)
    {
      const char *role = viva_interview_get_role (self->interview);

      title = candidate_or_placeholder (self->interview);
      if (g_strcmp0 (page, "plan") == 0)
        subtitle = role[0] != '\0'
                   /* Translators: the title's subtitle while planning: "Plan · Backend Engineer". */
                   ? g_strdup_printf (_("Plan · %s"), role) : g_strdup (_("Plan"));
      else if (g_strcmp0 (page, "wrapup") == 0)
        subtitle = role[0] != '\0'
                   /* Translators: "Wrap-Up · Backend Engineer". */
                   ? g_strdup_printf (_("Wrap-Up · %s"), role) : g_strdup (_("Wrap-Up"));
      else if (viva_interview_get_state (self->interview) == VIVA_INTERVIEW_STATE_PAUSED)
        subtitle = role[0] != '\0'
                   /* Translators: "Paused · Backend Engineer". */
                   ? g_strdup_printf (_("Paused · %s"), role) : g_strdup (_("Paused"));
      else
        subtitle = g_strdup (role);
    }

  adw_window_title_set_title (self->title, title);
  adw_window_title_set_subtitle (self->title, subtitle != NULL ? subtitle : "");
}

static void
viva_interview_view_update_actions (VivaInterviewView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.new", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interview.show-list", self->store != NULL);
}

static void
viva_interview_view_set_page (VivaInterviewView *self,
                              const char        *page)
{
  gtk_stack_set_visible_child_name (self->stack, page);
  viva_interview_view_update_title (self);
  viva_interview_view_update_actions (self);
}

const char *
viva_interview_view_get_page (VivaInterviewView *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/* The interview the pages show; the list is not about one. */
static void
viva_interview_view_set_interview (VivaInterviewView *self,
                                   VivaInterview     *interview)
{
  if (self->interview == interview)
    return;

  if (self->interview != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->interview, viva_interview_view_update_title, self);

      /* "New Interview" pressed and nothing typed: not worth a row in
       * the list. Anything typed or planned is kept. */
      if (viva_interview_get_state (self->interview) == VIVA_INTERVIEW_STATE_PLANNED &&
          viva_interview_get_n_items (self->interview) == 0 &&
          viva_interview_get_candidate (self->interview)[0] == '\0' &&
          viva_interview_get_role (self->interview)[0] == '\0' &&
          !viva_interview_get_read_only (self->interview) &&
          self->store != NULL)
        viva_interview_store_delete (self->store, self->interview, NULL);
    }

  g_set_object (&self->interview, interview);

  if (interview != NULL)
    {
      g_signal_connect_object (interview, "notify::candidate",
                               G_CALLBACK (viva_interview_view_update_title), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (interview, "notify::role",
                               G_CALLBACK (viva_interview_view_update_title), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (interview, "notify::state",
                               G_CALLBACK (viva_interview_view_update_title), self, G_CONNECT_SWAPPED);
    }

  viva_interview_plan_page_set_interview (self->plan_page, interview);
  viva_interview_live_page_set_interview (self->live_page, interview);
  viva_interview_wrapup_page_set_interview (self->wrapup_page, interview);
}

/**
 * viva_interview_view_open:
 *
 * Shows @interview on the page its state calls for: the plan before it
 * starts, the live page while it runs or is paused (an interview
 * interrupted by a crash comes back paused, where it was), the wrap-up
 * after.
 */
void
viva_interview_view_open (VivaInterviewView *self,
                          VivaInterview     *interview)
{
  g_return_if_fail (VIVA_IS_INTERVIEW_VIEW (self));
  g_return_if_fail (VIVA_IS_INTERVIEW (interview));

  viva_interview_view_set_interview (self, interview);

  switch (viva_interview_get_state (interview))
    {
    case VIVA_INTERVIEW_STATE_PLANNED:
      viva_interview_view_set_page (self, "plan");
      break;

    case VIVA_INTERVIEW_STATE_RUNNING:
    case VIVA_INTERVIEW_STATE_PAUSED:
      viva_interview_view_set_page (self, "live");
      gtk_widget_grab_focus (GTK_WIDGET (viva_interview_live_page_get_notes_view (self->live_page)));
      break;

    case VIVA_INTERVIEW_STATE_FINISHED:
    default:
      viva_interview_view_set_page (self, "wrapup");
      break;
    }
}

/**
 * viva_interview_view_new_interview:
 *
 * Makes a new interview, adds it to the store (which saves it from now
 * on) and opens its plan.
 *
 * Returns: (transfer none) (nullable): the interview, or %NULL when the
 *   store refused it (the reason is shown)
 */
VivaInterview *
viva_interview_view_new_interview (VivaInterviewView *self)
{
  g_autoptr(VivaInterview) interview = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (VIVA_IS_INTERVIEW_VIEW (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  /* Questions added from the sidebar before pressing New Interview
   * started a plan with no candidate yet: that is the one to fill in. */
  if (self->interview != NULL &&
      viva_interview_get_state (self->interview) == VIVA_INTERVIEW_STATE_PLANNED &&
      !viva_interview_get_read_only (self->interview) &&
      viva_interview_get_candidate (self->interview)[0] == '\0')
    {
      viva_interview_view_open (self, self->interview);
      viva_interview_plan_page_focus_candidate (self->plan_page);
      return self->interview;
    }

  interview = viva_interview_new (self->clock);
  if (self->bank != NULL)
    viva_interview_set_bank (interview, viva_bank_get_id (self->bank));
  if (!viva_interview_store_add (self->store, interview, &error))
    {
      viva_interview_view_toast (self, error->message);
      return NULL;
    }

  viva_interview_view_open (self, interview);
  viva_interview_plan_page_focus_candidate (self->plan_page);

  return interview;
}

void
viva_interview_view_show_list (VivaInterviewView *self)
{
  g_return_if_fail (VIVA_IS_INTERVIEW_VIEW (self));

  viva_interview_view_set_page (self, "list");
}

/* The interview that questions from the study view go to: the one being
 * planned or run, if any. */
static VivaInterview *
viva_interview_view_get_open_plan (VivaInterviewView *self)
{
  if (self->interview == NULL ||
      viva_interview_get_read_only (self->interview) ||
      viva_interview_get_state (self->interview) == VIVA_INTERVIEW_STATE_FINISHED)
    return NULL;

  return self->interview;
}

/**
 * viva_interview_view_add_question:
 *
 * Adds @question to the plan of the interview being prepared or run;
 * with none, starts a new interview with it, without leaving the study
 * view, so that a plan is made by browsing the bank.
 *
 * Returns: (transfer none) (nullable): the interview it went to, or
 *   %NULL with @error set
 */
VivaInterview *
viva_interview_view_add_question (VivaInterviewView  *self,
                                  VivaQuestion       *question,
                                  GError            **error)
{
  VivaInterview *interview;

  g_return_val_if_fail (VIVA_IS_INTERVIEW_VIEW (self), NULL);
  g_return_val_if_fail (VIVA_IS_QUESTION (question), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  interview = viva_interview_view_get_open_plan (self);
  if (interview == NULL)
    {
      g_autoptr(VivaInterview) fresh = viva_interview_new (self->clock);

      if (self->bank != NULL)
        viva_interview_set_bank (fresh, viva_bank_get_id (self->bank));
      if (!viva_interview_store_add (self->store, fresh, error))
        return NULL;

      viva_interview_view_set_interview (self, fresh);
      viva_interview_view_set_page (self, "plan");
      interview = fresh;
    }

  /* Numbers mean nothing across banks: a plan takes the questions of
   * the bank it began with. */
  if (self->bank != NULL)
    {
      const char *bank = viva_interview_get_bank (interview);

      if (bank[0] == '\0')
        viva_interview_set_bank (interview, viva_bank_get_id (self->bank));
      else if (g_strcmp0 (bank, viva_bank_get_id (self->bank)) != 0)
        {
          g_set_error (error, VIVA_INTERVIEW_ERROR, VIVA_INTERVIEW_ERROR_INVALID,
                       _("The interview plan has questions from the bank “%s”: open it again to add to the plan"),
                       bank);
          return NULL;
        }
    }

  if (!viva_interview_append_question (interview, question, 0, error))
    return NULL;

  return interview;
}

VivaInterview *
viva_interview_view_get_interview (VivaInterviewView *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_VIEW (self), NULL);

  return self->interview;
}

/* Whether an interview is under way: its clock runs or is paused. */
gboolean
viva_interview_view_get_running (VivaInterviewView *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_VIEW (self), FALSE);

  return self->interview != NULL && viva_interview_get_unfinished (self->interview);
}

/* Page signals */

static void
viva_interview_view_open_cb (VivaInterviewView     *self,
                             VivaInterview         *interview,
                             VivaInterviewListPage *page)
{
  viva_interview_view_open (self, interview);
}

static void
viva_interview_view_start_cb (VivaInterviewView     *self,
                              VivaInterviewPlanPage *page)
{
  if (self->interview == NULL || !viva_interview_start (self->interview))
    return;

  viva_interview_view_open (self, self->interview);
}

static void
viva_interview_view_finished_cb (VivaInterviewView     *self,
                                 VivaInterviewLivePage *page)
{
  viva_interview_view_open (self, self->interview);
}

/* Actions */

static void
viva_interview_view_new_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  viva_interview_view_new_interview (VIVA_INTERVIEW_VIEW (widget));
}

static void
viva_interview_view_show_list_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  viva_interview_view_show_list (VIVA_INTERVIEW_VIEW (widget));
}

static void
viva_interview_view_leave_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  g_signal_emit (widget, signals[LEAVE], 0);
}

/* Ctrl+F on the list, wherever the focus is in the view (the header
 * bar's buttons included); on the other pages, it goes on to the
 * window. */
static gboolean
viva_interview_view_focus_search_cb (GtkWidget *widget,
                                     GVariant  *args,
                                     gpointer   user_data)
{
  VivaInterviewView *self = VIVA_INTERVIEW_VIEW (widget);

  if (g_strcmp0 (viva_interview_view_get_page (self), "list") != 0)
    return FALSE;

  viva_interview_list_page_focus_search (self->list_page);

  return TRUE;
}

/* The bank new interviews are planned with; the pages follow the
 * context themselves. */
static void
viva_interview_view_bank_changed_cb (VivaInterviewView *self)
{
  g_set_object (&self->bank, viva_context_get_bank (self->context));
  viva_interview_view_update_actions (self);
}

static void
viva_interview_view_set_context (VivaInterviewView *self,
                                 VivaContext       *context)
{
  g_return_if_fail (!context || VIVA_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  if (context == NULL)
    return;

  self->context = g_object_ref (context);
  /* The clock new interviews keep time with: a fake one in tests. */
  g_set_object (&self->clock, viva_context_get_clock (context));
  g_set_object (&self->store, viva_context_get_interview_store (context));

  g_signal_group_set_target (self->context_signals, context);
  viva_interview_view_bank_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

static void
viva_interview_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  VivaInterviewView *self = VIVA_INTERVIEW_VIEW (object);

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
viva_interview_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  VivaInterviewView *self = VIVA_INTERVIEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      viva_interview_view_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viva_interview_view_dispose (GObject *object)
{
  VivaInterviewView *self = (VivaInterviewView *)object;

  if (self->interview != NULL)
    g_signal_handlers_disconnect_by_func (self->interview, viva_interview_view_update_title, self);

  if (self->context_signals != NULL)
    g_signal_group_set_target (self->context_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), VIVA_TYPE_INTERVIEW_VIEW);

  g_clear_object (&self->context_signals);
  g_clear_object (&self->context);
  g_clear_object (&self->interview);
  g_clear_object (&self->bank);
  g_clear_object (&self->store);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (viva_interview_view_parent_class)->dispose (object);
}

static void
viva_interview_view_class_init (VivaInterviewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viva_interview_view_dispose;
  object_class->get_property = viva_interview_view_get_property;
  object_class->set_property = viva_interview_view_set_property;

  /**
   * VivaInterviewView:context:
   *
   * The bank, notes, interviews and clock it works with; set once.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         VIVA_TYPE_CONTEXT,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VivaInterviewView::leave:
   *
   * The user asked to go back to studying; a running interview keeps
   * running.
   */
  signals[LEAVE] =
    g_signal_new ("leave",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (VIVA_TYPE_INTERVIEW_LIST_PAGE);
  g_type_ensure (VIVA_TYPE_INTERVIEW_PLAN_PAGE);
  g_type_ensure (VIVA_TYPE_INTERVIEW_LIVE_PAGE);

  g_type_ensure (VIVA_TYPE_INTERVIEW_WRAPUP_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/viva-interview-view.ui");
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewView, root);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewView, title);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewView, stack);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewView, list_page);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewView, plan_page);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewView, live_page);
  gtk_widget_class_bind_template_child (widget_class, VivaInterviewView, wrapup_page);

  gtk_widget_class_install_action (widget_class, "interview.new", NULL, viva_interview_view_new_action);
  gtk_widget_class_install_action (widget_class, "interview.show-list", NULL, viva_interview_view_show_list_action);
  gtk_widget_class_install_action (widget_class, "interview.leave", NULL, viva_interview_view_leave_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "interview.leave", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_N, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "interview.new", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, viva_interview_view_focus_search_cb, NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
viva_interview_view_init (VivaInterviewView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->context_signals = g_signal_group_new (VIVA_TYPE_CONTEXT);
  g_signal_group_connect_object (self->context_signals, "notify::bank",
                                 G_CALLBACK (viva_interview_view_bank_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->list_page, "open",
                           G_CALLBACK (viva_interview_view_open_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->plan_page, "start",
                           G_CALLBACK (viva_interview_view_start_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->live_page, "finished",
                           G_CALLBACK (viva_interview_view_finished_cb), self, G_CONNECT_SWAPPED);

  viva_interview_view_set_page (self, "list");
}

VivaInterviewListPage *
viva_interview_view_get_list_page (VivaInterviewView *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_VIEW (self), NULL);

  return self->list_page;
}

VivaInterviewPlanPage *
viva_interview_view_get_plan_page (VivaInterviewView *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_VIEW (self), NULL);

  return self->plan_page;
}

VivaInterviewLivePage *
viva_interview_view_get_live_page (VivaInterviewView *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_VIEW (self), NULL);

  return self->live_page;
}

VivaInterviewWrapupPage *
viva_interview_view_get_wrapup_page (VivaInterviewView *self)
{
  g_return_val_if_fail (VIVA_IS_INTERVIEW_VIEW (self), NULL);

  return self->wrapup_page;
}
